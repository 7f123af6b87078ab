//! `--follow FILE`: reads a growing file like `tail -F`. At the end of the data it polls the
//! path's metadata: a different inode means the file was rotated by rename (the old file is read
//! to its end first, then the new one from its start); a size below what was read means it was
//! truncated (reading restarts at 0); a missing path means rotation is under way (waits).
//!
//! Polling metadata every `poll` (50 ms by default) rather than inotify: it costs one `stat` per
//! interval, behaves the same on every platform and file system (NFS and overlay mounts do not
//! deliver inotify events), and a rename-then-create rotation needs the path looked up again
//! anyway. Invariant: every byte appended to the followed file while it is followed is read
//! once, in order; a read returns less than asked for only when nothing more has been written.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Options of `--follow`, gathered by `scan::Config`.
#[derive(Clone, Debug)]
pub struct FollowOptions {
    pub path: PathBuf,
    /// Read the file from its start rather than only what is appended (`--from-start`).
    pub from_start: bool,
    /// How often the file is checked for new data, rotation and truncation.
    pub poll: Duration,
}

impl FollowOptions {
    pub fn new(path: PathBuf, from_start: bool) -> FollowOptions {
        FollowOptions {
            path,
            from_start,
            poll: Duration::from_millis(50),
        }
    }
}

/// A reader that never ends by itself: only when `cancel` is set (it then reads 0).
pub struct Follow<'a> {
    path: PathBuf,
    file: Option<File>,
    /// (device, inode) of `file`.
    identity: Option<(u64, u64)>,
    /// Bytes read from `file`.
    pos: u64,
    /// The path now names another file and `file` is being read to its end one last time.
    draining: bool,
    poll: Duration,
    cancel: &'a AtomicBool,
}

impl<'a> Follow<'a> {
    /// Opens the file (at its end unless `from_start`). A file that does not exist yet is waited
    /// for, as `tail -F` does.
    pub fn open(options: &FollowOptions, cancel: &'a AtomicBool) -> io::Result<Follow<'a>> {
        let mut follow = Follow {
            path: options.path.clone(),
            file: None,
            identity: None,
            pos: 0,
            draining: false,
            poll: options.poll,
            cancel,
        };
        match File::open(&options.path) {
            Ok(mut file) => {
                let meta = file.metadata()?;
                if meta.is_dir() {
                    return Err(io::Error::new(io::ErrorKind::InvalidInput, "is a folder, not a file"));
                }
                if !options.from_start {
                    follow.pos = file.seek(SeekFrom::End(0))?;
                }
                follow.identity = Some((meta.dev(), meta.ino()));
                follow.file = Some(file);
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        Ok(follow)
    }

    /// At the end of the current file: switches to a rotated-in file or rewinds a truncated one.
    /// Returns true when there may be something new to read.
    fn check_rotation(&mut self) -> io::Result<bool> {
        let meta = match std::fs::metadata(&self.path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(e),
        };
        let identity = (meta.dev(), meta.ino());
        if self.identity != Some(identity) {
            // Read the old file to its end once more: its writer may have added a last line
            // between our last read and the rename.
            if !self.draining && self.file.is_some() {
                self.draining = true;
                return Ok(true);
            }
            match open_regular(&self.path) {
                Ok(file) => {
                    self.file = Some(file);
                    self.identity = Some(identity);
                    self.pos = 0;
                    self.draining = false;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
                Err(e) => return Err(e),
            }
        }
        if meta.len() < self.pos
            && let Some(file) = &mut self.file
        {
            file.seek(SeekFrom::Start(0))?;
            self.pos = 0;
            return Ok(true);
        }
        Ok(false)
    }
}

fn open_regular(path: &Path) -> io::Result<File> {
    let file = File::open(path)?;
    if file.metadata()?.is_dir() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "is a folder, not a file"));
    }
    Ok(file)
}

impl Read for Follow<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        loop {
            if let Some(file) = &mut self.file {
                let n = file.read(out)?;
                if n > 0 {
                    self.pos += n as u64;
                    return Ok(n);
                }
            }
            if self.check_rotation()? {
                continue;
            }
            if self.cancel.load(Ordering::Relaxed) {
                return Ok(0);
            }
            std::thread::sleep(self.poll);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn options(path: &Path, from_start: bool) -> FollowOptions {
        FollowOptions {
            path: path.to_path_buf(),
            from_start,
            poll: Duration::from_millis(5),
        }
    }

    fn read_some(follow: &mut Follow<'_>) -> Vec<u8> {
        let mut buf = [0u8; 256];
        let n = follow.read(&mut buf).unwrap();
        buf[..n].to_vec()
    }

    #[test]
    fn follow_starts_at_the_end_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.log");
        std::fs::write(&path, "old line\n").unwrap();
        let cancel = AtomicBool::new(false);
        let mut tail = Follow::open(&options(&path, false), &cancel).unwrap();
        let mut head = Follow::open(&options(&path, true), &cancel).unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"new\n")
            .unwrap();
        assert_eq!(read_some(&mut tail), b"new\n");
        assert_eq!(read_some(&mut head), b"old line\nnew\n");
    }

    #[test]
    fn follow_survives_rename_and_truncation() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.log");
        std::fs::write(&path, "").unwrap();
        let cancel = AtomicBool::new(false);
        let mut follow = Follow::open(&options(&path, false), &cancel).unwrap();
        std::fs::write(&path, "first\n").unwrap();
        assert_eq!(read_some(&mut follow), b"first\n");
        std::fs::rename(&path, dir.path().join("app.log.1")).unwrap();
        std::fs::write(&path, "second\n").unwrap();
        assert_eq!(read_some(&mut follow), b"second\n");
        // copytruncate: same inode, shorter than what was read.
        std::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&path)
            .unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"3\n")
            .unwrap();
        assert_eq!(read_some(&mut follow), b"3\n");
    }

    #[test]
    fn follow_ends_when_cancelled() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.log");
        std::fs::write(&path, "x\n").unwrap();
        let cancel = AtomicBool::new(true);
        let mut follow = Follow::open(&options(&path, false), &cancel).unwrap();
        assert!(read_some(&mut follow).is_empty());
    }
}
