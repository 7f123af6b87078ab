//! Run-level errors: problems that stop a scan before or outside any one object (a bad flag, an
//! unreadable detector file, a report that cannot be written). Each names the file and says what
//! to do. Problems with a single object are `Skip` values instead, never errors.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{file}{}: {reason}", detector.as_ref().map(|d| format!(": detector `{d}`")).unwrap_or_default())]
    DetectorFile {
        file: String,
        detector: Option<String>,
        reason: String,
    },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Usage(String),
    #[error("cannot write the report to {}: {source}", path.display())]
    Report {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
