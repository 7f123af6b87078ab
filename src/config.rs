//! `piiscan.toml`: the settings file's written form (serde, unknown keys rejected) and its loading.
//! `cli.rs` merges it with the command line (flags win) into `scan::Config`; every key is
//! documented in docs/config.md. Invariant: an error in the file names the file, the line and the
//! key or value at fault; relative paths in it are relative to the file's folder.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::error::Error;

/// The file looked for in the current folder when `--config` is not given.
pub const DEFAULT_FILE: &str = "piiscan.toml";

/// The settings file as written. Every field is optional; absent means "the flag's default".
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Report format (`human`, `json`, `jsonl`, …: any `--format` value).
    pub format: Option<Spanned<String>>,
    /// `low`, `medium` or `high`: exit 1 when a finding is at or above it.
    pub fail_on: Option<Spanned<String>>,
    pub fail_on_skip: Option<bool>,
    /// `auto`, `always` or `never`.
    pub color: Option<Spanned<String>>,
    pub threads: Option<usize>,
    pub scan_binary: Option<bool>,
    pub follow_symlinks: Option<bool>,
    pub max_findings_per_object: Option<usize>,
    /// `--max-archive-depth`.
    pub max_archive_depth: Option<usize>,
    /// `--max-decompressed-bytes`: a byte count with an optional unit (`"10GiB"`).
    pub max_decompressed_bytes: Option<Spanned<String>>,
    pub stats: Option<bool>,
    /// No progress bar.
    pub quiet: Option<bool>,
    pub ignore_test_values: Option<bool>,
    /// Honour `piiscan:ignore` markers (default true).
    pub inline_ignore: Option<bool>,
    pub baseline: Option<PathBuf>,
    pub fingerprint_key_file: Option<PathBuf>,
    #[serde(default)]
    pub detectors: DetectorsSection,
    #[serde(default)]
    pub allow: AllowSection,
    #[serde(default)]
    pub paths: PathsSection,
}

/// `[detectors]`: which detectors run and extra detector files.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetectorsSection {
    #[serde(default)]
    pub files: Vec<PathBuf>,
    #[serde(default)]
    pub only: Vec<Spanned<String>>,
    #[serde(default)]
    pub disable: Vec<Spanned<String>>,
}

/// `[allow]`: values that are never findings, for every detector, and `[allow.detector.ID]` for one.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllowSection {
    #[serde(default)]
    pub values: Vec<String>,
    #[serde(default)]
    pub regexes: Vec<String>,
    #[serde(default)]
    pub detector: BTreeMap<Spanned<String>, AllowEntry>,
}

/// One detector's allow list.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllowEntry {
    #[serde(default)]
    pub values: Vec<String>,
    #[serde(default)]
    pub regexes: Vec<String>,
}

/// `[paths]`: include and exclude globs.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathsSection {
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// A settings file read from disk, with what is needed to point at its lines.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub path: PathBuf,
    text: String,
    pub file: ConfigFile,
}

impl Loaded {
    /// Reads `path` (given with `--config`): it must exist.
    pub fn read(path: &Path) -> Result<Loaded, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Loaded::parse(path, text)
    }

    /// Reads `piiscan.toml` from `dir` when there is one.
    pub fn find(dir: &Path) -> Result<Option<Loaded>, Error> {
        let path = dir.join(DEFAULT_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Loaded::parse(Path::new(DEFAULT_FILE), text).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    pub fn parse(path: &Path, text: String) -> Result<Loaded, Error> {
        let file = match toml::from_str::<ConfigFile>(&text) {
            Ok(file) => file,
            Err(e) => {
                let at = e.span().map(|span| line_of(&text, span.start)).unwrap_or(0);
                let message = e.message().trim().replacen("unknown field", "unknown key", 1);
                return Err(Error::Usage(if at > 0 {
                    format!("{}:{at}: {message} (see docs/config.md)", path.display())
                } else {
                    format!("{}: {message} (see docs/config.md)", path.display())
                }));
            }
        };
        Ok(Loaded {
            path: path.to_path_buf(),
            text,
            file,
        })
    }

    /// An error about the value at `span`, naming the file and its line.
    pub fn error_at(&self, span: Range<usize>, message: impl std::fmt::Display) -> Error {
        Error::Usage(format!(
            "{}:{}: {message}",
            self.path.display(),
            line_of(&self.text, span.start)
        ))
    }

    /// `path` as written in the file, made relative to the file's folder.
    pub fn resolve(&self, path: &Path) -> PathBuf {
        match self.path.parent() {
            Some(dir) if path.is_relative() && !dir.as_os_str().is_empty() => dir.join(path),
            _ => path.to_path_buf(),
        }
    }
}

/// 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Loaded, Error> {
        Loaded::parse(Path::new("conf/piiscan.toml"), text.to_string())
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let err = parse("format = \"json\"\n\n[paths]\nexclude = []\nexcludes = [\"x\"]\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("conf/piiscan.toml:5:"), "{err}");
        assert!(err.contains("`excludes`"), "{err}");
    }

    #[test]
    fn per_detector_allow_keeps_the_id_and_its_line() {
        let loaded = parse("[allow.detector.EMAIL_ADDRESS]\nvalues = [\"a@b.example\"]\n").unwrap();
        let (id, entry) = loaded.file.allow.detector.iter().next().unwrap();
        assert_eq!(id.get_ref(), "EMAIL_ADDRESS");
        assert_eq!(entry.values, vec!["a@b.example".to_string()]);
        assert!(
            loaded
                .error_at(id.span(), "x")
                .to_string()
                .starts_with("conf/piiscan.toml:1:")
        );
    }

    #[test]
    fn relative_paths_are_relative_to_the_file() {
        let loaded = parse("").unwrap();
        assert_eq!(loaded.resolve(Path::new("d.toml")), Path::new("conf/d.toml"));
        assert_eq!(loaded.resolve(Path::new("/abs/d.toml")), Path::new("/abs/d.toml"));
    }

    #[test]
    fn wrong_type_is_an_error_with_its_line() {
        let err = parse("threads = \"four\"\n").unwrap_err().to_string();
        assert!(err.starts_with("conf/piiscan.toml:1:"), "{err}");
    }
}
