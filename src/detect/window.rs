//! Windows over inputs of any size: each window owns a stretch of the input and carries `overlap`
//! bytes of context on each side. Invariant: every byte of the input is owned by exactly one
//! window, in order, and a match that starts in a window's owned part lies wholly inside that
//! window as long as it is no longer than `overlap`; so memory stays bounded by the window size,
//! never by the input's.

use std::io::{self, Read};
use std::ops::{ControlFlow, Range};

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
    let size = size.max(1);
    let mut own_start = 0;
    loop {
        let own_end = (own_start + size).min(data.len());
        let lo = own_start.saturating_sub(overlap);
        let hi = (own_end + overlap).min(data.len());
        visit(Window {
            bytes: &data[lo..hi],
            base: lo as u64,
            own: own_start - lo..own_end - lo,
        })?;
        if own_end >= data.len() {
            return ControlFlow::Continue(());
        }
        own_start = own_end;
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
