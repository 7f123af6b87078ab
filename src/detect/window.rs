//! Windows over inputs of any size: each window owns a stretch of the input and carries `overlap`
//! bytes of context on each side. Invariant: every byte of the input is owned by exactly one
//! window, in order, and a match that starts in a window's owned part lies wholly inside that
//! window as long as it is no longer than `overlap`; so memory stays bounded by the window size,
//! never by the input's.
//!
//! `line_windows` is the same walk for live streams: when a read returns less than it asked for
//! (nothing more has arrived yet), it visits at once a window that ends after the last complete
//! line, so findings come out as lines do. `LineHold` says how much of such a window is settled:
//! a value that may still continue on lines not yet read (a private key arriving line by line)
//! is left for the next window.

use std::io::{self, Read};
use std::ops::{ControlFlow, Range};

use aho_corasick::AhoCorasick;
use regex_syntax::hir::{Class, Hir, HirKind};

use crate::detect::catalog::Detector;
use crate::detect::scratch::Match;

/// One window: `bytes` starts at absolute offset `base` of the input; `own` is the part of
/// `bytes` this window answers for.
pub struct Window<'a> {
    pub bytes: &'a [u8],
    pub base: u64,
    pub own: Range<usize>,
}

/// Walks an in-memory input (a mapped file) in windows owning `size` bytes each.
pub fn slice_windows<B>(
    data: &[u8],
    size: usize,
    overlap: usize,
    mut visit: impl FnMut(Window<'_>) -> ControlFlow<B>,
) -> ControlFlow<B> {
    let mut own_start = 0;
    loop {
        let window = slice_window(data, own_start, size, overlap);
        let own_end = window.base as usize + window.own.end;
        visit(window)?;
        if own_end >= data.len() {
            return ControlFlow::Continue(());
        }
        own_start = own_end;
    }
}

/// The window of `slice_windows` whose owned part starts at `own_start`: it owns up to `size`
/// bytes from there, with `overlap` bytes of context on each side. The next window's owned part
/// starts where this one's ends (`base + own.end`), so windows can be made independently (and
/// scanned on several threads) while each byte is still owned once.
pub fn slice_window(data: &[u8], own_start: usize, size: usize, overlap: usize) -> Window<'_> {
    let own_start = own_start.min(data.len());
    let own_end = (own_start + size.max(1)).min(data.len());
    let lo = own_start.saturating_sub(overlap);
    let hi = (own_end + overlap).min(data.len());
    Window {
        bytes: &data[lo..hi],
        base: lo as u64,
        own: own_start - lo..own_end - lo,
    }
}

/// Walks a stream in windows owning `size` bytes each, reusing `buf`. Returns the number of bytes
/// read, or the first read error (after visiting every window completed before it).
pub fn read_windows<B>(
    reader: &mut dyn Read,
    size: usize,
    overlap: usize,
    buf: &mut Vec<u8>,
    mut visit: impl FnMut(Window<'_>) -> ControlFlow<B>,
) -> io::Result<ControlFlow<B, u64>> {
    let size = size.max(1);
    buf.clear();
    let mut base = 0u64;
    let mut own_start = 0usize;
    loop {
        let want = own_start + size + overlap;
        let result = fill(reader, buf, want);
        let eof = !matches!(result, Ok(false));
        let own_end = if eof { buf.len() } else { own_start + size };
        if (own_end > own_start || base == 0)
            && let ControlFlow::Break(b) = visit(Window {
                bytes: buf,
                base,
                own: own_start..own_end,
            })
        {
            return Ok(ControlFlow::Break(b));
        }
        result?;
        if eof {
            return Ok(ControlFlow::Continue(base + buf.len() as u64));
        }
        let keep_from = own_end.saturating_sub(overlap);
        buf.drain(..keep_from);
        base += keep_from as u64;
        own_start = own_end - keep_from;
    }
}

/// As `read_windows`, for live streams. Whenever a read returns less than it asked for and a new
/// line has been completed since the last visit, `visit` is called at once with `flushed` true on a
/// window whose `bytes` end just after the last newline read. It returns how far (an index into
/// `bytes`, from `own.start` to `own.end`) it settled: bytes from there on are owned again by the
/// next window. Full windows (`flushed` false) must settle all of `own`. Memory stays bounded:
/// the buffer never holds more than `size` plus twice `overlap` bytes.
pub fn line_windows<B>(
    reader: &mut dyn Read,
    size: usize,
    overlap: usize,
    buf: &mut Vec<u8>,
    mut visit: impl FnMut(Window<'_>, bool) -> ControlFlow<B, usize>,
) -> io::Result<ControlFlow<B, u64>> {
    let size = size.max(1);
    buf.clear();
    let mut base = 0u64;
    let mut own_start = 0usize;
    // Bytes before this index (of `buf`) have been shown in a flushed window already.
    let mut flushed_to = 0usize;
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let want = own_start + size + overlap;
        let room = (want - buf.len()).min(chunk.len());
        let read = match reader.read(&mut chunk[..room]) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => other,
        };
        let n = *read.as_ref().unwrap_or(&0);
        buf.extend_from_slice(&chunk[..n]);
        if n == 0 {
            // End of stream or error: the last window owns everything read.
            if let ControlFlow::Break(b) = visit(
                Window {
                    bytes: buf,
                    base,
                    own: own_start..buf.len(),
                },
                false,
            ) {
                return Ok(ControlFlow::Break(b));
            }
            read?;
            return Ok(ControlFlow::Continue(base + buf.len() as u64));
        }
        let settled = if buf.len() >= want {
            let own_end = own_start + size;
            let window = Window {
                bytes: buf,
                base,
                own: own_start..own_end,
            };
            match visit(window, false) {
                ControlFlow::Break(b) => return Ok(ControlFlow::Break(b)),
                ControlFlow::Continue(_) => own_end,
            }
        } else if n < room
            && let Some(newline) = memchr::memrchr(b'\n', &buf[flushed_to.max(own_start)..])
        {
            let end = flushed_to.max(own_start) + newline + 1;
            flushed_to = end;
            let window = Window {
                bytes: &buf[..end],
                base,
                own: own_start..end,
            };
            match visit(window, true) {
                ControlFlow::Break(b) => return Ok(ControlFlow::Break(b)),
                ControlFlow::Continue(settled) => settled.clamp(own_start, end),
            }
        } else {
            continue;
        };
        let keep_from = settled.saturating_sub(overlap);
        buf.drain(..keep_from);
        base += keep_from as u64;
        own_start = settled - keep_from;
        flushed_to = flushed_to.saturating_sub(keep_from);
    }
}

/// Decides how much of a flushed window is settled. A match of an ordinary detector lies within
/// its line, so every complete line is settled except its final newline (kept for the next window
/// because patterns may start with the character before a value, and a value at the start of the
/// next line begins there). Detectors whose values can span lines (PEM and PuTTY keys) are held
/// back from the line of an anchor that has not yet produced a finished match, and from the start
/// of a match that still runs to the end of what was read. Holding is bounded by `max_length`.
#[derive(Debug)]
pub struct LineHold {
    /// Anchors of the detectors whose values can span lines; pattern id → detector index.
    anchors: Option<AhoCorasick>,
    anchor_detector: Vec<u32>,
    /// Per detector: Some(max_length) when its values can span lines.
    multi_line: Vec<Option<usize>>,
    /// Longest `max_length` of a multi-line detector that has no anchor: such a detector holds
    /// back that many bytes (no anchor tells where its values start).
    unanchored: usize,
}

impl LineHold {
    pub fn new(detectors: &[Detector]) -> LineHold {
        let mut literals = Vec::new();
        let mut anchor_detector = Vec::new();
        let mut unanchored = 0;
        let multi_line: Vec<Option<usize>> = detectors
            .iter()
            .map(|d| value_spans_lines(&d.spec.pattern).then_some(d.spec.max_length))
            .collect();
        for (i, d) in detectors.iter().enumerate() {
            if multi_line[i].is_none() {
                continue;
            }
            if d.spec.anchors.is_empty() {
                unanchored = unanchored.max(d.spec.max_length);
            }
            for anchor in &d.spec.anchors {
                literals.push(anchor.clone());
                anchor_detector.push(i as u32);
            }
        }
        // Case-insensitive whatever the detector says: holding a line too many is safe.
        let anchors = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&literals)
            .ok()
            .filter(|_| !literals.is_empty());
        LineHold {
            anchors,
            anchor_detector,
            multi_line,
            unanchored,
        }
    }

    /// The settled end (an index into `bytes`, within `own`) of a flushed window that ends after a
    /// newline, given the engine's matches for `own`.
    pub fn settled(&self, bytes: &[u8], own: Range<usize>, matches: &[Match]) -> usize {
        let end = bytes.len();
        let mut settled = own.end.saturating_sub(1).max(own.start);
        if self.unanchored > 0 {
            settled = settled.min(end.saturating_sub(self.unanchored)).max(own.start);
        }
        for m in matches {
            if self.multi_line[m.detector as usize].is_some() && m.end >= end && m.start < settled {
                settled = m.start.max(own.start);
            }
        }
        let Some(anchors) = &self.anchors else { return settled };
        let longest = self.multi_line.iter().flatten().max().copied().unwrap_or(0);
        let from = own.start.max(end.saturating_sub(longest + 64));
        for hit in anchors.find_overlapping_iter(&bytes[from..]) {
            let at = from + hit.start();
            let detector = self.anchor_detector[hit.pattern().as_usize()];
            let reach = self.multi_line[detector as usize].unwrap_or(0);
            if at >= settled || end - at > reach {
                continue;
            }
            let finished = matches
                .iter()
                .any(|m| m.detector == detector && m.start <= at && at < m.end && m.end < end);
            if !finished {
                let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
                settled = line_start.max(own.start);
            }
        }
        settled
    }
}

/// Whether a detector's value (its `value` group, or the whole match) can contain a newline.
/// Unparsable patterns count as yes: holding back is the safe mistake.
fn value_spans_lines(pattern: &str) -> bool {
    let parsed = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern);
    let Ok(hir) = parsed else { return true };
    let value = find_value_group(&hir).unwrap_or(&hir);
    matches_newline(value)
}

fn find_value_group(hir: &Hir) -> Option<&Hir> {
    match hir.kind() {
        HirKind::Capture(c) if c.name.as_deref() == Some("value") => Some(&c.sub),
        HirKind::Capture(c) => find_value_group(&c.sub),
        HirKind::Repetition(r) => find_value_group(&r.sub),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().find_map(find_value_group),
        _ => None,
    }
}

fn matches_newline(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Literal(l) => l.0.contains(&b'\n'),
        HirKind::Class(Class::Unicode(c)) => c.ranges().iter().any(|r| r.start() <= '\n' && '\n' <= r.end()),
        HirKind::Class(Class::Bytes(c)) => c.ranges().iter().any(|r| r.start() <= b'\n' && b'\n' <= r.end()),
        HirKind::Repetition(r) => matches_newline(&r.sub),
        HirKind::Capture(c) => matches_newline(&c.sub),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().any(matches_newline),
    }
}

/// Reads until `buf` holds `want` bytes (Ok(false)) or the stream ends (Ok(true)).
fn fill(reader: &mut dyn Read, buf: &mut Vec<u8>, want: usize) -> io::Result<bool> {
    let mut chunk = [0u8; 64 * 1024];
    while buf.len() < want {
        let room = (want - buf.len()).min(chunk.len());
        match reader.read(&mut chunk[..room]) {
            Ok(0) => return Ok(true),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned_by_slices(data: &[u8], size: usize, overlap: usize) -> Vec<u8> {
        let mut seen = Vec::new();
        let _ = slice_windows::<()>(data, size, overlap, |w| {
            assert!(w.own.end <= w.bytes.len());
            seen.extend_from_slice(&w.bytes[w.own.clone()]);
            ControlFlow::Continue(())
        });
        seen
    }

    #[test]
    fn slice_windows_own_every_byte_once() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i % 251) as u8).collect();
        for size in [1, 7, 64, 999, 1000, 5000] {
            assert_eq!(owned_by_slices(&data, size, 13), data, "size {size}");
        }
    }

    #[test]
    fn read_windows_own_every_byte_once_and_keep_overlap() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i % 251) as u8).collect();
        for size in [1, 7, 64, 999, 1000, 5000] {
            let mut seen = Vec::new();
            let mut buf = Vec::new();
            let total = read_windows::<()>(&mut data.as_slice(), size, 13, &mut buf, |w| {
                let start = w.base as usize;
                assert_eq!(w.bytes, &data[start..start + w.bytes.len()]);
                if w.own.start > 0 {
                    assert!(w.own.start >= 13.min(start + w.own.start));
                }
                seen.extend_from_slice(&w.bytes[w.own.clone()]);
                ControlFlow::Continue(())
            })
            .unwrap();
            assert_eq!(total, ControlFlow::Continue(1000));
            assert_eq!(seen, data, "size {size}");
        }
    }

    #[test]
    fn read_windows_visit_an_empty_stream_once() {
        let mut visits = 0;
        let mut buf = Vec::new();
        let _ = read_windows::<()>(&mut b"".as_slice(), 64, 8, &mut buf, |w| {
            assert!(w.own.is_empty());
            visits += 1;
            ControlFlow::Continue(())
        });
        assert_eq!(visits, 1);
    }
}

#[cfg(test)]
mod line_tests {
    use super::*;
    use crate::detect::{EngineOptions, catalog};

    /// A reader that returns the given chunks one per read, like a pipe written slowly.
    struct Chunks(Vec<Vec<u8>>);

    impl Read for Chunks {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let Some(first) = self.0.first_mut() else { return Ok(0) };
            let n = first.len().min(out.len());
            out[..n].copy_from_slice(&first[..n]);
            first.drain(..n);
            if first.is_empty() {
                self.0.remove(0);
            }
            Ok(n)
        }
    }

    #[test]
    fn line_windows_flush_complete_lines_at_short_reads() {
        let mut reader = Chunks(vec![b"one\ntw".to_vec(), b"o\nthree".to_vec(), b"\n".to_vec()]);
        let mut buf = Vec::new();
        let mut flushed = Vec::new();
        let mut owned = Vec::new();
        let total = line_windows::<()>(&mut reader, 1 << 20, 16, &mut buf, |w, flush| {
            if flush {
                flushed.push(String::from_utf8_lossy(w.bytes).into_owned());
            }
            owned.extend_from_slice(&w.bytes[w.own.clone()]);
            ControlFlow::Continue(w.own.end)
        })
        .unwrap();
        assert_eq!(total, ControlFlow::Continue(14));
        assert_eq!(flushed, vec!["one\n", "one\ntwo\n", "one\ntwo\nthree\n"]);
        assert_eq!(owned, b"one\ntwo\nthree\n");
    }

    #[test]
    fn line_windows_show_held_bytes_again_and_own_each_byte_once() {
        let data: Vec<u8> = (0..3000u32)
            .map(|i| if i % 37 == 36 { b'\n' } else { b'a' + (i % 26) as u8 })
            .collect();
        let chunks = data.chunks(101).map(<[u8]>::to_vec).collect();
        let mut buf = Vec::new();
        let mut owned = Vec::new();
        let _ = line_windows::<()>(&mut Chunks(chunks), 512, 64, &mut buf, |w, flush| {
            let start = w.base as usize;
            assert_eq!(w.bytes, &data[start..start + w.bytes.len()]);
            // Hold back the last 10 bytes of every flushed window.
            let settled = if flush {
                w.own.end.saturating_sub(10).max(w.own.start)
            } else {
                w.own.end
            };
            owned.extend_from_slice(&w.bytes[w.own.start..settled]);
            assert!(buf_len_bound(w.bytes.len(), 512, 64));
            ControlFlow::Continue(settled)
        })
        .unwrap();
        assert_eq!(owned, data);
    }

    fn buf_len_bound(len: usize, size: usize, overlap: usize) -> bool {
        len <= size + 2 * overlap
    }

    fn engine() -> crate::detect::Engine {
        crate::detect::Engine::new(catalog::load(&[] as &[&str]).unwrap(), &EngineOptions::default()).unwrap()
    }

    #[test]
    fn only_key_detectors_span_lines() {
        let engine = engine();
        let hold = LineHold::new(engine.detectors());
        let spanning: Vec<&str> = engine
            .detectors()
            .iter()
            .zip(&hold.multi_line)
            .filter(|(_, m)| m.is_some())
            .map(|(d, _)| d.id())
            .collect();
        assert!(spanning.contains(&"OPENSSH_PRIVATE_KEY"), "{spanning:?}");
        assert!(!spanning.contains(&"EMAIL_ADDRESS"), "{spanning:?}");
        assert!(!spanning.contains(&"USA_SOCIAL_SECURITY_NUMBER"), "{spanning:?}");
    }

    #[test]
    fn a_key_arriving_line_by_line_is_held_until_it_ends() {
        let engine = engine();
        let hold = LineHold::new(engine.detectors());
        let key = engine
            .detectors()
            .iter()
            .find(|d| d.id() == "OPENSSH_PRIVATE_KEY")
            .unwrap()
            .spec
            .examples[0]
            .clone();
        let text = format!("before\n{key}\nafter\n");
        let begin = text.find("-----BEGIN").unwrap();
        let mut scratch = engine.new_scratch();
        // Every prefix that ends inside the key holds back from the key's line.
        let ends: Vec<usize> = text.match_indices('\n').map(|(i, _)| i + 1).collect();
        let key_end = text.find("-----END").unwrap() + "-----END OPENSSH PRIVATE KEY-----".len();
        for &end in &ends {
            let bytes = &text.as_bytes()[..end];
            engine.scan_window(bytes, 0..end, &mut scratch);
            let settled = hold.settled(bytes, 0..end, &scratch.matches);
            if end > begin && end <= key_end {
                assert_eq!(settled, begin, "prefix of {end} bytes");
            } else {
                assert_eq!(settled, end - 1, "prefix of {end} bytes");
            }
        }
    }
}
