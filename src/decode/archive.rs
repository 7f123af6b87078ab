//! Containers: compressed streams and archives (zip and the formats built on it, tar), opened
//! inside one another to `max_depth`, every member's bytes streamed to a `Sink` with its `member`
//! path (levels joined with `!`). Member names are only ever reported, as stored: nothing is
//! extracted, so zip-slip names, absolute paths and symlinks are inert. Invariant: a member is
//! never held whole in memory, except a zip nested in a stream (zip needs to seek), which is
//! spooled to memory up to `SPOOL_IN_MEMORY` and to an unnamed temporary file beyond, within the
//! object's decompression budget.

use std::io::{self, Cursor, Read, Seek};
use std::sync::Arc;

use super::compress::Compression;
use super::limits::{Budget, Compressed, Counted, Limited, object_spent, skip_for};
use super::{SNIFF_LEN, Sniffed, sniff};
use crate::skip::{Skip, SkipReason};

/// A nested zip read from a stream is kept in memory up to this size, in a temporary file beyond.
const SPOOL_IN_MEMORY: u64 = 64 << 20;

/// What kind of container an object or member is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    Compressed(Compression),
    Zip,
    Tar,
}

/// Decides whether `head` (the first bytes) starts a container. Magic bytes only: the name does
/// not make a container, it only tells office documents from plain zips once a zip is open.
pub fn container(head: &[u8]) -> Option<Container> {
    if let Some(c) = Compression::sniff(head) {
        return Some(Container::Compressed(c));
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Some(Container::Zip);
    }
    if is_tar_header(head) {
        return Some(Container::Tar);
    }
    None
}

/// A tar header: the `ustar` magic, or (old v7 archives have none) a valid header checksum.
fn is_tar_header(head: &[u8]) -> bool {
    if head.len() < 512 {
        return false;
    }
    if &head[257..262] == b"ustar" {
        return true;
    }
    let stored = std::str::from_utf8(&head[148..156])
        .ok()
        .map(|s| s.trim_matches(|c: char| c == '\0' || c == ' '))
        .and_then(|s| u32::from_str_radix(s, 8).ok());
    let sum: u32 = head[..512]
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            if (148..156).contains(&i) {
                u32::from(b' ')
            } else {
                u32::from(b)
            }
        })
        .sum();
    // An all-zero block sums to 256 (the spaces): not a header.
    stored == Some(sum) && head[0] != 0
}

/// The office document a zip is, from its parts or its name.
fn office_kind(name: &str, parts: &[String]) -> Option<&'static str> {
    let has = |p: &str| parts.iter().any(|n| n == p);
    if has("word/document.xml") {
        return Some("docx");
    }
    if has("xl/workbook.xml") {
        return Some("xlsx");
    }
    if has("ppt/presentation.xml") {
        return Some("pptx");
    }
    let lower = name.to_ascii_lowercase();
    ["docx", "xlsx", "pptx", "odt", "ods", "odp"]
        .into_iter()
        .find(|ext| lower.rsplit('.').next() == Some(ext))
        .filter(|_| has("content.xml") || has("[Content_Types].xml"))
}

/// One decoded byte stream that is not a container: scanned as text (or refused as binary).
pub struct Leaf<'a> {
    /// The path inside the object, levels joined with `!`; None for the object itself.
    pub member: Option<String>,
    /// The last level's name, for extension sniffing.
    pub name: String,
    /// The containers it came out of, outermost first, joined with `+` (`zip+gzip`).
    pub chain: String,
    /// Its first bytes (at most `SNIFF_LEN`), already read; `reader` yields them again.
    pub head: Vec<u8>,
    pub sniffed: Sniffed,
    pub reader: Box<dyn Read + 'a>,
}

/// A seekable reader (a zip needs one).
pub trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}

/// Where the walk hands what it finds.
pub trait Sink {
    /// Scans one leaf; returns the error that stopped reading it, if any.
    fn leaf(&mut self, leaf: Leaf<'_>) -> io::Result<()>;
    /// Records a member that was not (wholly) scanned; the walk goes on with the next.
    fn member_skipped(&mut self, member: &str, skip: Skip);
    /// An office document (docx, xlsx, pptx, odt, ...): `None` when the sink does not decode
    /// office documents itself, and the walk then opens it as a plain zip.
    fn office(
        &mut self,
        kind: &'static str,
        member: Option<&str>,
        document: &mut dyn ReadSeek,
    ) -> Option<Result<(), Skip>>;
    /// Whether the scan was cancelled: the walk stops between members.
    fn cancelled(&self) -> bool;
}

/// An object's (or a member's) bytes: a slice of a mapped file, or a stream.
pub enum Input<'a> {
    Slice(&'a [u8]),
    Stream(Box<dyn Read + 'a>),
}

/// One object's walk through its containers.
pub struct Walk<'s> {
    budget: Arc<Budget>,
    sink: &'s mut dyn Sink,
    /// The object's format: the chain down to the first archive or leaf (`gzip+text`, `tar.gz`).
    pub format: Option<String>,
}

impl<'s> Walk<'s> {
    pub fn new(budget: Arc<Budget>, sink: &'s mut dyn Sink) -> Walk<'s> {
        Walk {
            budget,
            sink,
            format: None,
        }
    }

    /// Opens the object `name` as `container` (what `container(head)` said). An error is a skip of
    /// the object itself; what was found before it is kept by the sink.
    pub fn object(&mut self, container: Container, name: &str, input: Input<'_>) -> Result<(), Skip> {
        self.open(container, &mut Vec::new(), name, input, 0, "")
    }

    /// Sniffs one stream and either opens it as a container or hands it to the sink.
    fn entry(
        &mut self,
        path: &mut Vec<String>,
        name: &str,
        input: Input<'_>,
        depth: usize,
        chain: &str,
    ) -> Result<(), Skip> {
        let (head, reader): (Vec<u8>, Box<dyn Read + '_>) = match input {
            Input::Slice(bytes) => (bytes[..bytes.len().min(SNIFF_LEN)].to_vec(), Box::new(bytes)),
            Input::Stream(mut reader) => {
                let mut head = Vec::with_capacity(SNIFF_LEN);
                (&mut reader)
                    .take(SNIFF_LEN as u64)
                    .read_to_end(&mut head)
                    .map_err(|e| skip_for(&e))?;
                let again = Cursor::new(head.clone()).chain(reader);
                (head, Box::new(again))
            }
        };
        if let Some(container) = container(&head) {
            return self.open(container, path, name, Input::Stream(reader), depth, chain);
        }
        let sniffed = sniff(&head);
        if path.is_empty() && self.format.is_none() {
            // A structured leaf (`people.csv.gz`) is decoded field by field: name its kind.
            let leaf = super::structured::detect(name, &head).map_or(sniffed.format(), |k| k.format());
            self.format = Some(format!("{chain}{leaf}"));
        }
        let leaf = Leaf {
            member: (!path.is_empty()).then(|| path.join("!")),
            name: name.to_string(),
            chain: chain.trim_end_matches('+').to_string(),
            head,
            sniffed,
            reader,
        };
        self.sink.leaf(leaf).map_err(|e| skip_for(&e))
    }

    fn open(
        &mut self,
        container: Container,
        path: &mut Vec<String>,
        name: &str,
        input: Input<'_>,
        depth: usize,
        chain: &str,
    ) -> Result<(), Skip> {
        let limits = self.budget.limits();
        if depth >= limits.max_depth {
            return Err(Skip::new(
                SkipReason::ArchiveDepth,
                format!(
                    "{} containers deep, more than --max-archive-depth {}",
                    depth + 1,
                    limits.max_depth
                ),
            ));
        }
        match container {
            Container::Compressed(c) => {
                let reader: Box<dyn Read + '_> = match input {
                    Input::Slice(bytes) => Box::new(bytes),
                    Input::Stream(reader) => reader,
                };
                let (counted, count) = Counted::new(reader);
                let decoder = c
                    .decoder(counted)
                    .map_err(|e| Skip::new(SkipReason::Corrupt, format!("{}: {e}", c.name())))?;
                let decoded = Limited::new(decoder, c.name(), Compressed::Counted(count), self.budget.clone());
                let chain = format!("{chain}{}+", c.name());
                self.entry(
                    path,
                    &c.inner_name(name),
                    Input::Stream(Box::new(decoded)),
                    depth + 1,
                    &chain,
                )
            }
            Container::Tar => {
                if path.is_empty() && self.format.is_none() {
                    self.format = Some(tar_format(chain));
                }
                let reader: Box<dyn Read + '_> = match input {
                    Input::Slice(bytes) => Box::new(bytes),
                    Input::Stream(reader) => reader,
                };
                self.tar(path, reader, depth + 1, chain)
            }
            Container::Zip => match input {
                Input::Slice(bytes) => self.zip(path, name, &mut Cursor::new(bytes), depth + 1, chain),
                Input::Stream(reader) => {
                    let mut spooled = spool(reader).map_err(|e| skip_for(&e))?;
                    self.zip(path, name, &mut *spooled, depth + 1, chain)
                }
            },
        }
    }

    /// Hands one member to `entry` and records its skip; an object-wide limit ends the walk.
    fn member(
        &mut self,
        path: &mut Vec<String>,
        name: String,
        input: Input<'_>,
        depth: usize,
        chain: &str,
    ) -> Result<(), Skip> {
        path.push(name.clone());
        let result = self.entry(path, &name, input, depth, chain);
        let joined = path.join("!");
        path.pop();
        match result {
            Err(skip) if self.budget.spent() || skip.reason == SkipReason::Interrupted => Err(skip),
            Err(skip) => {
                self.sink.member_skipped(&joined, skip);
                Ok(())
            }
            Ok(()) => Ok(()),
        }
    }

    /// Records that members past the limit were left out.
    fn too_many(&mut self, path: &[String]) {
        let limit = self.budget.limits().max_members;
        let at = if path.is_empty() {
            "(the object)".to_string()
        } else {
            path.join("!")
        };
        self.sink.member_skipped(
            &at,
            Skip::new(
                SkipReason::DecompressionLimit,
                format!("more than {limit} members in one archive; the rest were not read"),
            ),
        );
    }

    fn tar(
        &mut self,
        path: &mut Vec<String>,
        reader: Box<dyn Read + '_>,
        depth: usize,
        chain: &str,
    ) -> Result<(), Skip> {
        let mut archive = tar::Archive::new(reader);
        let entries = archive.entries().map_err(|e| corrupt("tar", &e))?;
        let chain = format!("{chain}tar+");
        let mut count = 0u64;
        for entry in entries {
            if self.sink.cancelled() {
                return Err(Skip::new(
                    SkipReason::Interrupted,
                    "the scan was interrupted inside this object",
                ));
            }
            let entry = entry.map_err(|e| self.stream_error("tar", &e))?;
            let kind = entry.header().entry_type();
            // Links, folders and devices have no content of their own; nothing is ever created.
            if !(kind.is_file() || kind.is_contiguous() || kind == tar::EntryType::GNUSparse) {
                continue;
            }
            count += 1;
            if count > self.budget.limits().max_members {
                self.too_many(path);
                return Ok(());
            }
            let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
            let reader = Limited::new(entry, "tar", Compressed::None, self.budget.clone());
            self.member(path, name, Input::Stream(Box::new(reader)), depth, &chain)?;
        }
        Ok(())
    }

    fn zip(
        &mut self,
        path: &mut Vec<String>,
        name: &str,
        reader: &mut dyn ReadSeek,
        depth: usize,
        chain: &str,
    ) -> Result<(), Skip> {
        let mut archive = zip::ZipArchive::new(&mut *reader).map_err(|e| zip_skip(&e))?;
        let parts: Vec<String> = archive
            .file_names()
            .filter_map(Result::ok)
            .map(|n| n.into_owned())
            .collect();
        if let Some(kind) = office_kind(name, &parts) {
            if path.is_empty() && self.format.is_none() {
                self.format = Some(format!("{chain}{kind}"));
            }
            drop(archive);
            reader.rewind().map_err(|e| skip_for(&e))?;
            let member = (!path.is_empty()).then(|| path.join("!"));
            // office documents: decode::structured
            if let Some(result) = self.sink.office(kind, member.as_deref(), reader) {
                return result;
            }
            reader.rewind().map_err(|e| skip_for(&e))?;
            archive = zip::ZipArchive::new(&mut *reader).map_err(|e| zip_skip(&e))?;
        } else if path.is_empty() && self.format.is_none() {
            self.format = Some(format!("{chain}zip"));
        }
        let chain = format!("{chain}zip+");
        for index in 0..archive.len() {
            if self.sink.cancelled() {
                return Err(Skip::new(
                    SkipReason::Interrupted,
                    "the scan was interrupted inside this object",
                ));
            }
            if index as u64 >= self.budget.limits().max_members {
                self.too_many(path);
                return Ok(());
            }
            let stored = archive
                .name_for_index(index)
                .and_then(Result::ok)
                .map(|n| n.into_owned())
                .unwrap_or_else(|| format!("#{index}"));
            let file = match archive.by_index(index) {
                Ok(file) => file,
                Err(e) => {
                    path.push(stored);
                    self.sink.member_skipped(&path.join("!"), zip_skip(&e));
                    path.pop();
                    continue;
                }
            };
            if file.is_dir() || file.is_symlink() {
                continue;
            }
            let compressed = file.compressed_size();
            let reader = Limited::new(file, "zip", Compressed::Known(compressed), self.budget.clone());
            self.member(path, stored, Input::Stream(Box::new(reader)), depth, &chain)?;
        }
        Ok(())
    }

    /// An error met between members: the object's limit, or the archive's own corruption.
    fn stream_error(&self, what: &str, error: &io::Error) -> Skip {
        if object_spent(error) || self.budget.spent() {
            return skip_for(error);
        }
        match skip_for(error) {
            skip if skip.reason == SkipReason::DecompressionLimit || skip.reason == SkipReason::Corrupt => skip,
            _ => corrupt(what, error),
        }
    }
}

/// Reads every leaf of `bytes`, opened as `container`, to its end and throws it away: the decoders'
/// whole path without a scan, for the fuzz targets (`fuzz/`) and the property tests. Returns the
/// decoded bytes read and the object's skip, if any; member skips are counted, not kept.
pub fn drain(container: Container, bytes: &[u8], limits: super::limits::DecodeLimits) -> (u64, Option<Skip>) {
    struct Drain(u64);
    impl Sink for Drain {
        fn leaf(&mut self, mut leaf: Leaf<'_>) -> io::Result<()> {
            let mut reader =
                super::leaf_reader(leaf.sniffed, std::mem::replace(&mut leaf.reader, Box::new(io::empty())));
            self.0 += io::copy(&mut reader, &mut io::sink())?;
            Ok(())
        }
        fn member_skipped(&mut self, _member: &str, _skip: Skip) {}
        fn office(&mut self, _: &'static str, _: Option<&str>, _: &mut dyn ReadSeek) -> Option<Result<(), Skip>> {
            None
        }
        fn cancelled(&self) -> bool {
            false
        }
    }
    let mut sink = Drain(0);
    let budget = Budget::new(limits, Some(bytes.len() as u64));
    let result = Walk::new(budget, &mut sink).object(container, "fuzz", Input::Slice(bytes));
    (sink.0, result.err())
}

fn tar_format(chain: &str) -> String {
    let outer = chain.trim_end_matches('+');
    match outer.rsplit('+').next() {
        Some(last) if !last.is_empty() => {
            let suffix = [
                Compression::Gzip,
                Compression::Bzip2,
                Compression::Xz,
                Compression::Zstd,
            ]
            .into_iter()
            .find(|c| c.name() == last)
            .map_or(last, |c| c.suffix());
            let before = &outer[..outer.len() - last.len()];
            format!("{before}tar.{suffix}")
        }
        _ => "tar".to_string(),
    }
}

fn corrupt(what: &str, error: &io::Error) -> Skip {
    match skip_for(error) {
        skip if skip.reason == SkipReason::DecompressionLimit || skip.reason == SkipReason::Corrupt => skip,
        _ => Skip::new(SkipReason::Corrupt, format!("{what}: {error}")),
    }
}

fn zip_skip(error: &zip::result::ZipError) -> Skip {
    use zip::result::ZipError;
    match error {
        ZipError::UnsupportedArchive(why) if *why == ZipError::PASSWORD_REQUIRED => {
            Skip::new(SkipReason::Encrypted, "zip: the member is encrypted")
        }
        ZipError::Io(e) => corrupt("zip", e),
        other => Skip::new(SkipReason::Corrupt, format!("zip: {other}")),
    }
}

/// A nested zip read from a stream, made seekable: in memory when small, in an unnamed temporary
/// file (removed when closed) beyond `SPOOL_IN_MEMORY`.
fn spool<'a>(mut reader: Box<dyn Read + 'a>) -> io::Result<Box<dyn ReadSeek>> {
    let mut memory = Vec::new();
    (&mut reader).take(SPOOL_IN_MEMORY).read_to_end(&mut memory)?;
    if (memory.len() as u64) < SPOOL_IN_MEMORY {
        return Ok(Box::new(Cursor::new(memory)));
    }
    let mut file = tempfile::tempfile()?;
    io::Write::write_all(&mut file, &memory)?;
    drop(memory);
    io::copy(&mut reader, &mut file)?;
    file.rewind()?;
    Ok(Box::new(io::BufReader::new(file)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tar_format_names_the_compression() {
        assert_eq!(tar_format(""), "tar");
        assert_eq!(tar_format("gzip+"), "tar.gz");
        assert_eq!(tar_format("zip+zstd+"), "zip+tar.zst");
    }

    #[test]
    fn zero_block_is_not_a_tar_header() {
        assert!(!is_tar_header(&[0u8; 512]));
        let mut header = tar::Header::new_old();
        header.set_path("a.txt").unwrap();
        header.set_size(0);
        header.set_cksum();
        assert!(is_tar_header(header.as_bytes()));
    }
}
