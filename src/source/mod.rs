//! Sources: what objects there are and how to open them. Local files and folders (walked, mapped
//! with memmap2, read as a stream when they cannot be mapped), stdin, named pipes, and S3 objects. Invariant:
//! every path a user names, and every entry met while walking, comes out either as an `Object` or
//! as a skip with a reason; nothing is dropped silently.

pub mod filter;
pub mod follow;
pub mod git;
pub mod inventory;
pub mod local;
pub mod s3;
pub mod stream;

use std::io::Read;
use std::path::PathBuf;

use crate::skip::Skip;

/// Something to scan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Object {
    /// The name reports use: the path as found, or `-` for stdin.
    pub name: String,
    /// The top-level target it was found under.
    pub target: String,
    pub kind: ObjectKind,
    pub size: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ObjectKind {
    /// A regular file: mapped.
    File(PathBuf),
    /// A pipe or similar named explicitly: read as a stream.
    Stream(PathBuf),
    Stdin,
    /// A blob staged in the git index (`--staged`), named by its repository path.
    GitBlob {
        oid: String,
    },
    /// An object in an S3 bucket (current version), read as a stream.
    S3(s3::S3Object),
}

impl Object {
    /// The version the source listed, for incremental scans: the ETag of an S3 object.
    pub fn version(&self) -> Option<&str> {
        match &self.kind {
            ObjectKind::S3(o) => o.etag.as_deref(),
            _ => None,
        }
    }
}

/// What a walk yields: an object, or an entry that cannot be scanned and why.
#[derive(Debug)]
pub enum Listed {
    Object(Object),
    Skipped { name: String, target: String, skip: Skip },
}

/// An opened object's bytes.
pub enum Content {
    Mapped(memmap2::Mmap),
    /// A small file read whole (mapping and unmapping it costs more than reading it).
    Read(Vec<u8>),
    Stream(Box<dyn Read + Send>),
}

/// Options of the local walk, gathered by `scan::Config`.
#[derive(Clone, Debug)]
pub struct WalkOptions {
    pub follow_symlinks: bool,
    /// Files at or above this size are read as streams rather than mapped whole (bounded
    /// memory, and no SIGBUS if another process truncates them).
    pub map_limit: u64,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            follow_symlinks: true,
            map_limit: 1 << 30,
        }
    }
}

/// Opens an object for reading.
pub fn open(object: &Object, options: &WalkOptions) -> Result<Content, Skip> {
    match &object.kind {
        ObjectKind::Stdin => Ok(Content::Stream(Box::new(std::io::stdin()))),
        ObjectKind::Stream(path) => {
            let file = std::fs::File::open(path).map_err(|e| Skip::io(&e))?;
            Ok(Content::Stream(Box::new(file)))
        }
        ObjectKind::File(path) => local::open_file(path, options),
        ObjectKind::GitBlob { oid } => git::open_blob(oid),
        ObjectKind::S3(o) => s3::open(o),
    }
}
