//! Live streams (stdin, pipes): a reader that a cancelled scan can leave. A blocked `read` on a
//! pipe is not woken by SIGINT/SIGTERM (the handler restarts it), so a helper thread does the
//! blocking reads and hands chunks over a small bounded channel; the scan's side wakes at least
//! every `CANCEL_CHECK` to look at the cancel flag. Invariant: bytes come out in order, each
//! once, and a read returns less than asked for only when nothing more has arrived yet (which is
//! what tells the line-flushed windows to scan what they have).

use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, TryRecvError};
use std::time::Duration;

/// How often a waiting read looks at the cancel flag. Data wakes it at once; this bounds only how
/// long SIGINT/SIGTERM take to end a scan of an idle stream.
pub const CANCEL_CHECK: Duration = Duration::from_millis(50);

const CHUNK: usize = 64 * 1024;
/// Chunks in flight between the helper thread and the scan: memory stays under 4 × 64 KiB.
const IN_FLIGHT: usize = 4;

/// A reader over a stream read on a helper thread; ends (reads 0) when the stream ends or the
/// scan is cancelled.
pub struct Cancellable<'a> {
    chunks: Receiver<io::Result<Vec<u8>>>,
    current: Vec<u8>,
    pos: usize,
    /// A read error met after some bytes: returned once those bytes are out.
    pending: Option<io::Error>,
    cancel: &'a AtomicBool,
}

impl<'a> Cancellable<'a> {
    /// Starts the helper thread. It is detached: if the scan is cancelled while it waits for
    /// input, it is left blocked and ends with the process.
    pub fn new(mut inner: Box<dyn Read + Send>, cancel: &'a AtomicBool) -> Cancellable<'a> {
        let (sender, chunks) = mpsc::sync_channel(IN_FLIGHT);
        std::thread::spawn(move || {
            loop {
                let mut chunk = vec![0u8; CHUNK];
                match inner.read(&mut chunk) {
                    Ok(0) => return,
                    Ok(n) => {
                        chunk.truncate(n);
                        if sender.send(Ok(chunk)).is_err() {
                            return;
                        }
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        let _ = sender.send(Err(e));
                        return;
                    }
                }
            }
        });
        Cancellable {
            chunks,
            current: Vec::new(),
            pos: 0,
            pending: None,
            cancel,
        }
    }

    /// Copies what is buffered into `out`, taking further chunks only while they are already
    /// there, so that a short count means "nothing more yet".
    fn copy_ready(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let mut n = 0;
        loop {
            let take = (self.current.len() - self.pos).min(out.len() - n);
            out[n..n + take].copy_from_slice(&self.current[self.pos..self.pos + take]);
            self.pos += take;
            n += take;
            if n == out.len() {
                return Ok(n);
            }
            match self.chunks.try_recv() {
                Ok(Ok(chunk)) => (self.current, self.pos) = (chunk, 0),
                Ok(Err(e)) if n == 0 => return Err(e),
                // Report the error on the next call, after the bytes before it.
                Ok(Err(e)) => {
                    self.pending = Some(e);
                    return Ok(n);
                }
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return Ok(n),
            }
        }
    }
}

impl Read for Cancellable<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        if self.pos < self.current.len() {
            return self.copy_ready(out);
        }
        if let Some(e) = self.pending.take() {
            return Err(e);
        }
        loop {
            if self.cancel.load(Ordering::Relaxed) {
                return Ok(0);
            }
            match self.chunks.recv_timeout(CANCEL_CHECK) {
                Ok(Ok(chunk)) => {
                    (self.current, self.pos) = (chunk, 0);
                    return self.copy_ready(out);
                }
                Ok(Err(e)) => return Err(e),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return Ok(0),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancellable_reader_yields_every_byte_in_order() {
        let data: Vec<u8> = (0..300_000u32).map(|i| (i % 253) as u8).collect();
        let cancel = AtomicBool::new(false);
        let mut reader = Cancellable::new(Box::new(io::Cursor::new(data.clone())), &cancel);
        let mut out = Vec::new();
        reader.read_to_end(&mut out).unwrap();
        assert_eq!(out, data);
    }

    #[test]
    fn cancellable_reader_ends_when_cancelled_while_waiting() {
        // A pipe whose writer stays open: a plain read would block forever.
        let (reader, writer) = io::pipe().unwrap();
        let cancel = AtomicBool::new(false);
        let mut stream = Cancellable::new(Box::new(reader), &cancel);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                std::thread::sleep(Duration::from_millis(100));
                cancel.store(true, Ordering::SeqCst);
            });
            let mut buf = [0u8; 16];
            assert_eq!(stream.read(&mut buf).unwrap(), 0);
        });
        drop(writer);
    }
}
