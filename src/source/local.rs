//! Local files and folders. Folders are walked with walkdir (symlink loops detected); each regular
//! file is mapped when it is small enough to map, else streamed; FIFOs, sockets and devices met in
//! a folder are skipped (opening a FIFO with no writer would block forever), while one named on the
//! command line is read as a stream, as `cat` would.

use std::fs::File;
use std::io::Read;
use std::os::unix::fs::FileTypeExt;
use std::path::Path;

use crate::skip::{Skip, SkipReason};
use crate::source::{Content, Listed, Object, ObjectKind, WalkOptions};

/// Lists the objects under one command-line target, in a stable order.
pub fn walk(target: &str, options: &WalkOptions, mut emit: impl FnMut(Listed)) {
    let root = Path::new(target);
    let skipped = |name: String, skip: Skip| Listed::Skipped {
        name,
        target: target.to_string(),
        skip,
    };
    let meta = match std::fs::metadata(root) {
        Ok(m) => m,
        Err(e) => {
            let skip = if std::fs::symlink_metadata(root).is_ok() && e.kind() == std::io::ErrorKind::NotFound {
                Skip::new(SkipReason::DanglingSymlink, e.to_string())
            } else {
                Skip::io(&e)
            };
            return emit(skipped(target.to_string(), skip));
        }
    };
    if !meta.is_dir() {
        let kind = if meta.is_file() {
            ObjectKind::File(root.to_path_buf())
        } else if meta.file_type().is_fifo() || meta.file_type().is_char_device() {
            ObjectKind::Stream(root.to_path_buf())
        } else {
            return emit(skipped(target.to_string(), special(&meta.file_type())));
        };
        return emit(Listed::Object(Object {
            name: target.to_string(),
            target: target.to_string(),
            size: meta.is_file().then_some(meta.len()),
            kind,
        }));
    }
    let walker = walkdir::WalkDir::new(root)
        .follow_links(options.follow_symlinks)
        .sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let name = path.display().to_string();
                let file_type = entry.file_type();
                if file_type.is_dir() {
                    continue;
                }
                if file_type.is_symlink() {
                    // Only reached when not following links, or for a dangling link.
                    let skip = match std::fs::metadata(path) {
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                            Skip::new(SkipReason::DanglingSymlink, "the link's target does not exist")
                        }
                        _ => Skip::new(
                            SkipReason::SpecialFile,
                            "symbolic link not followed (--no-follow-symlinks)",
                        ),
                    };
                    emit(skipped(name, skip));
                } else if file_type.is_file() {
                    let size = entry.metadata().ok().map(|m| m.len());
                    emit(Listed::Object(Object {
                        name,
                        target: target.to_string(),
                        kind: ObjectKind::File(path.to_path_buf()),
                        size,
                    }));
                } else {
                    emit(skipped(name, special(&file_type)));
                }
            }
            Err(err) => {
                let name = err
                    .path()
                    .map_or_else(|| target.to_string(), |p| p.display().to_string());
                let skip = if err.loop_ancestor().is_some() {
                    Skip::new(SkipReason::SymlinkLoop, err.to_string())
                } else if let Some(io) = err.io_error() {
                    if io.kind() == std::io::ErrorKind::NotFound {
                        Skip::new(SkipReason::DanglingSymlink, err.to_string())
                    } else {
                        Skip::new(SkipReason::from_io(io), err.to_string())
                    }
                } else {
                    Skip::new(SkipReason::ReadError, err.to_string())
                };
                emit(skipped(name, skip));
            }
        }
    }
}

fn special(file_type: &std::fs::FileType) -> Skip {
    let what = if file_type.is_fifo() {
        "named pipe (FIFO)"
    } else if file_type.is_socket() {
        "socket"
    } else if file_type.is_block_device() || file_type.is_char_device() {
        "device"
    } else {
        "not a regular file"
    };
    Skip::new(SkipReason::SpecialFile, format!("{what} inside a folder is not read"))
}

/// Files below this size are read whole rather than mapped: for a small file, mapping it, the
/// page faults and unmapping it (which stops every thread of the process to flush their TLBs)
/// cost more than copying it. Measured on 100,000 files of 1 KB: see `Content::Read`'s commit.
const READ_BELOW: u64 = 128 << 10;

/// Opens a regular file: read whole when small, mapped when small enough to map, streamed
/// otherwise or when mapping fails.
pub fn open_file(path: &Path, options: &WalkOptions) -> Result<Content, Skip> {
    let mut file = File::open(path).map_err(|e| Skip::io(&e))?;
    let len = file.metadata().map_err(|e| Skip::io(&e))?.len();
    if len > 0 && len < READ_BELOW.min(options.map_limit) {
        // One byte more than the size, so that a file that grew since is read to its end.
        let mut bytes = Vec::with_capacity(len as usize + 1);
        file.read_to_end(&mut bytes).map_err(|e| Skip::io(&e))?;
        return Ok(Content::Read(bytes));
    }
    if len == 0 || len >= options.map_limit {
        return Ok(Content::Stream(Box::new(file)));
    }
    // SAFETY: the map is read-only and private to this scan. Another process truncating the file
    // while it is mapped could fault; files that large are streamed instead (map_limit).
    match unsafe { memmap2::Mmap::map(&file) } {
        Ok(map) => {
            let _ = map.advise(memmap2::Advice::Sequential);
            Ok(Content::Mapped(map))
        }
        Err(_) => Ok(Content::Stream(Box::new(file))),
    }
}
