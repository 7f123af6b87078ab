//! Per-object problems as values: an object that cannot be read, or is not scanned by choice, is
//! recorded with a reason and a detail, never dropped and never allowed to stop the scan.

use serde::{Deserialize, Serialize};

/// Why an object (or the rest of one) was not scanned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    /// NUL bytes or a binary format's magic in the first block (`--scan-binary` scans anyway).
    Binary,
    PermissionDenied,
    NotFound,
    DanglingSymlink,
    SymlinkLoop,
    /// FIFOs, sockets and devices met while walking a folder.
    SpecialFile,
    /// Any other read error, possibly after part of the object was scanned.
    ReadError,
    /// The scan was interrupted (SIGINT/SIGTERM) before or while this object was scanned.
    Interrupted,
    /// A limit on decompressed bytes, members or compression ratio was reached (a likely bomb).
    DecompressionLimit,
    /// The decoder refused the bytes (bad header, checksum, truncation); findings before are kept.
    Corrupt,
    /// An encrypted zip member or PDF: nothing to read without the password.
    Encrypted,
    /// Containers nested deeper than `--max-archive-depth`.
    ArchiveDepth,
    /// An archived S3 object (Glacier, Deep Archive) that needs a restore before it can be read.
    StorageClass,
    /// A bug in piiscan or a library it uses panicked on this object; the scan went on without it.
    InternalError,
}

impl SkipReason {
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Binary => "binary",
            SkipReason::PermissionDenied => "permission-denied",
            SkipReason::NotFound => "not-found",
            SkipReason::DanglingSymlink => "dangling-symlink",
            SkipReason::SymlinkLoop => "symlink-loop",
            SkipReason::SpecialFile => "special-file",
            SkipReason::ReadError => "read-error",
            SkipReason::Interrupted => "interrupted",
            SkipReason::DecompressionLimit => "decompression-limit",
            SkipReason::Corrupt => "corrupt",
            SkipReason::Encrypted => "encrypted",
            SkipReason::ArchiveDepth => "archive-depth",
            SkipReason::StorageClass => "storage-class",
            SkipReason::InternalError => "internal-error",
        }
    }

    /// Classifies an I/O error into the reason a user acts on.
    pub fn from_io(error: &std::io::Error) -> SkipReason {
        match error.kind() {
            std::io::ErrorKind::PermissionDenied => SkipReason::PermissionDenied,
            std::io::ErrorKind::NotFound => SkipReason::NotFound,
            _ if error.raw_os_error() == Some(40) => SkipReason::SymlinkLoop,
            _ => SkipReason::ReadError,
        }
    }
}

/// A recorded skip: the reason, and the message of whatever refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skip {
    pub reason: SkipReason,
    pub detail: String,
}

impl Skip {
    pub fn new(reason: SkipReason, detail: impl Into<String>) -> Skip {
        Skip {
            reason,
            detail: detail.into(),
        }
    }

    pub fn io(error: &std::io::Error) -> Skip {
        Skip::new(SkipReason::from_io(error), error.to_string())
    }
}

/// A member of an archive that was not (wholly) scanned, while the object's other members were.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberSkip {
    /// The member's path inside the object, as stored, levels joined with `!`.
    pub member: String,
    pub reason: SkipReason,
    pub detail: String,
}

/// The message a caught panic carried (`panic!` with a string or a formatted message).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("no message")
}
