//! Bomb rules in one place: decompressed bytes are counted as they flow out of each decoder, and
//! a read that would pass a limit fails with a `LimitExceeded` error that the walk turns into a
//! `decompression-limit` skip. Invariant: no limit is checked on a size a header declares; every
//! check counts bytes actually produced, so a lying header cannot get past one.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::skip::{Skip, SkipReason};

/// Limits of decoding compressed streams and archives, gathered by `scan::Config`.
#[derive(Clone, Debug)]
pub struct DecodeLimits {
    /// Containers (compressed streams and archives) opened inside one another, the object's own
    /// outermost one included (`--max-archive-depth`).
    pub max_depth: usize,
    /// Decompressed bytes per object, over all its members (`--max-decompressed-bytes`).
    pub max_object_bytes: u64,
    /// Decompressed bytes of any one member or stream.
    pub max_member_bytes: u64,
    /// Members per archive; the rest are recorded as one skip.
    pub max_members: u64,
    /// Decompressed bytes per compressed byte, per stream and per object, once past `ratio_floor`.
    pub max_ratio: u64,
    /// Output below which the ratio is not checked: small, very repetitive files are not bombs.
    pub ratio_floor: u64,
}

impl Default for DecodeLimits {
    fn default() -> Self {
        DecodeLimits {
            max_depth: 10,
            max_object_bytes: 10 << 30,
            max_member_bytes: 3 << 30,
            max_members: 1_000_000,
            max_ratio: 250,
            ratio_floor: 4 << 20,
        }
    }
}

/// Why a decoder's read failed: the error carried inside an `io::Error` through the readers.
#[derive(Debug)]
pub struct LimitExceeded {
    pub detail: String,
    /// True when the whole object's budget is spent (nothing more of it is read), false when only
    /// the current stream is refused.
    pub object: bool,
}

impl std::fmt::Display for LimitExceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.detail)
    }
}

impl std::error::Error for LimitExceeded {}

/// A decoder's own complaint (bad header, bad checksum, truncation), kept apart from the limits.
#[derive(Debug)]
pub struct Corrupt(pub String);

impl std::fmt::Display for Corrupt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Corrupt {}

/// A skip decided while reading (an interrupted scan), carried through the readers.
#[derive(Debug)]
pub struct Stopped(pub Skip);

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.detail)
    }
}

impl std::error::Error for Stopped {}

/// The skip an error met while reading decoded bytes stands for.
pub fn skip_for(error: &io::Error) -> Skip {
    if let Some(inner) = error.get_ref() {
        if let Some(stopped) = inner.downcast_ref::<Stopped>() {
            return stopped.0.clone();
        }
        if let Some(limit) = inner.downcast_ref::<LimitExceeded>() {
            return Skip::new(SkipReason::DecompressionLimit, limit.detail.clone());
        }
        if let Some(corrupt) = inner.downcast_ref::<Corrupt>() {
            return Skip::new(SkipReason::Corrupt, corrupt.0.clone());
        }
    }
    Skip::io(error)
}

/// Whether an error is the object's whole budget being spent.
pub fn object_spent(error: &io::Error) -> bool {
    error
        .get_ref()
        .and_then(|e| e.downcast_ref::<LimitExceeded>())
        .is_some_and(|l| l.object)
}

/// One object's running totals, shared by every reader of its members.
#[derive(Debug)]
pub struct Budget {
    limits: DecodeLimits,
    /// The object's own (compressed) size, when known: the object-wide ratio is counted on it.
    object_size: Option<u64>,
    produced: AtomicU64,
}

impl Budget {
    pub fn new(limits: DecodeLimits, object_size: Option<u64>) -> Arc<Budget> {
        Arc::new(Budget {
            limits,
            object_size,
            produced: AtomicU64::new(0),
        })
    }

    pub fn limits(&self) -> &DecodeLimits {
        &self.limits
    }

    /// Whether the object's budget is spent.
    pub fn spent(&self) -> bool {
        let produced = self.produced.load(Ordering::Relaxed);
        produced >= self.limits.max_object_bytes || self.over_ratio(produced, self.object_size)
    }

    fn over_ratio(&self, produced: u64, compressed: Option<u64>) -> bool {
        match compressed {
            Some(c) => produced > self.limits.ratio_floor && produced / self.limits.max_ratio > c.max(1),
            None => false,
        }
    }
}

/// A shared count of compressed bytes a decoder has taken in.
#[derive(Clone, Debug, Default)]
pub struct InputCount(Arc<AtomicU64>);

impl InputCount {
    fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Counts the compressed bytes read through it.
pub struct Counted<R> {
    inner: R,
    count: InputCount,
}

impl<R: Read> Counted<R> {
    pub fn new(inner: R) -> (Counted<R>, InputCount) {
        let count = InputCount::default();
        (
            Counted {
                inner,
                count: count.clone(),
            },
            count,
        )
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.0.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// How much input a stream's output is measured against for the ratio.
pub enum Compressed {
    /// Counted as the decoder reads it.
    Counted(InputCount),
    /// Known up front (a zip member's compressed size).
    Known(u64),
    /// Not compressed at this level (a tar member): no ratio check.
    None,
}

/// Decoded bytes of one stream or member, counted against its own limit, the ratio and the
/// object's budget. Decoder errors come out tagged `Corrupt` with the decoder's name.
pub struct Limited<R> {
    inner: R,
    what: &'static str,
    compressed: Compressed,
    produced: u64,
    budget: Arc<Budget>,
}

impl<R: Read> Limited<R> {
    pub fn new(inner: R, what: &'static str, compressed: Compressed, budget: Arc<Budget>) -> Limited<R> {
        Limited {
            inner,
            what,
            compressed,
            produced: 0,
            budget,
        }
    }

    fn refuse(&self, detail: String, object: bool) -> io::Error {
        io::Error::other(LimitExceeded { detail, object })
    }
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let limits = self.budget.limits.clone();
        let n = match self.inner.read(buf) {
            Ok(n) => n,
            Err(e)
                if e.get_ref()
                    .is_some_and(|i| i.is::<LimitExceeded>() || i.is::<Corrupt>()) =>
            {
                return Err(e);
            }
            Err(e) => return Err(io::Error::other(Corrupt(format!("{}: {e}", self.what)))),
        };
        self.produced += n as u64;
        let total = self.budget.produced.fetch_add(n as u64, Ordering::Relaxed) + n as u64;
        if total > limits.max_object_bytes {
            return Err(self.refuse(
                format!(
                    "more than {} bytes decompressed from this object (--max-decompressed-bytes)",
                    limits.max_object_bytes
                ),
                true,
            ));
        }
        if self.budget.over_ratio(total, self.budget.object_size) {
            return Err(self.refuse(
                format!(
                    "{} decompressed bytes from a {}-byte object: more than {}:1, a likely decompression bomb",
                    total,
                    self.budget.object_size.unwrap_or(0),
                    limits.max_ratio
                ),
                true,
            ));
        }
        if self.produced > limits.max_member_bytes {
            return Err(self.refuse(
                format!(
                    "{}: more than {} bytes decompressed from one member",
                    self.what, limits.max_member_bytes
                ),
                false,
            ));
        }
        let compressed = match &self.compressed {
            Compressed::Counted(c) => Some(c.get()),
            Compressed::Known(c) => Some(*c),
            Compressed::None => None,
        };
        if self.budget.over_ratio(self.produced, compressed) {
            return Err(self.refuse(
                format!(
                    "{}: {} bytes from {} compressed bytes: more than {}:1, a likely decompression bomb",
                    self.what,
                    self.produced,
                    compressed.unwrap_or(0),
                    limits.max_ratio
                ),
                false,
            ));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> DecodeLimits {
        DecodeLimits {
            max_object_bytes: 100,
            max_member_bytes: 60,
            ratio_floor: 10,
            max_ratio: 4,
            ..DecodeLimits::default()
        }
    }

    #[test]
    fn member_limit_refuses_the_stream_not_the_object() {
        let budget = Budget::new(small(), None);
        let mut r = Limited::new(&[b'a'; 80][..], "test", Compressed::None, budget);
        let e = std::io::copy(&mut r, &mut std::io::sink()).unwrap_err();
        assert_eq!(skip_for(&e).reason, SkipReason::DecompressionLimit);
        assert!(!object_spent(&e));
    }

    #[test]
    fn object_limit_counts_every_member() {
        let budget = Budget::new(small(), None);
        for _ in 0..2 {
            let mut r = Limited::new(&[b'a'; 50][..], "test", Compressed::None, budget.clone());
            std::io::copy(&mut r, &mut std::io::sink()).unwrap();
        }
        let mut r = Limited::new(&[b'a'; 50][..], "test", Compressed::None, budget.clone());
        let e = std::io::copy(&mut r, &mut std::io::sink()).unwrap_err();
        assert!(object_spent(&e));
        assert!(budget.spent());
    }

    #[test]
    fn ratio_counts_known_compressed_size() {
        let budget = Budget::new(small(), None);
        let mut r = Limited::new(&[b'a'; 50][..], "test", Compressed::Known(5), budget);
        let e = std::io::copy(&mut r, &mut std::io::sink()).unwrap_err();
        assert!(skip_for(&e).detail.contains("bomb"), "{e}");
    }
}
