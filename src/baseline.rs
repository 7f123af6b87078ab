//! Baselines: the findings a project already knows about, so that a CI gate fails on new ones
//! only. A finding is identified by what it is, never by where it sits: its object's path
//! (normalised: `./` dropped), its detector and the keyed fingerprint of its normalised value.
//! Line numbers are not part of it, so moving code or adding lines above a value changes nothing.
//!
//! The same value found several times in one object by one detector is one entry with a `count`:
//! a scan suppresses up to `count` occurrences of it in that object and reports any beyond, so a
//! value pasted into the file once more is new. Fewer occurrences than recorded pass.
//!
//! Invariant: the file holds no value and no masked value, only HMAC fingerprints, and is
//! byte-for-byte the same for the same findings (sorted entries, no timestamps, no tool version).

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::classify::ScannedObject;
use crate::error::Error;
use crate::redact::FingerprintKey;

/// The version of the baseline file's layout.
pub const BASELINE_VERSION: u32 = 1;

/// What the fingerprint key's check value is computed over: an HMAC of this fixed text tells
/// whether a scan uses the key the baseline was made with, without revealing the key.
const KEY_CHECK_TEXT: &[u8] = b"piiscan baseline key check";

/// The baseline file as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineFile {
    pub version: u32,
    /// HMAC of a fixed text under the fingerprint key the entries were made with.
    pub key_check: String,
    pub findings: Vec<Entry>,
}

/// One known finding (or several occurrences of one value).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub detector: String,
    pub fingerprint: String,
    pub count: u64,
}

/// A loaded baseline: per object path, per detector, per fingerprint, the occurrences known.
#[derive(Clone, Debug, Default)]
pub struct Baseline {
    key_check: String,
    by_path: HashMap<String, Known>,
}

/// The known occurrences in one object, used up as a scan of it suppresses them.
#[derive(Clone, Debug, Default)]
pub struct Known {
    by_detector: HashMap<String, HashMap<String, u64>>,
}

impl Baseline {
    /// Every known occurrence as sorted `path detector fingerprint count` lines: the same for
    /// the same baseline whatever the maps' order (for `--state`'s fingerprint of the options).
    pub fn entries(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .by_path
            .iter()
            .flat_map(|(path, known)| {
                known.by_detector.iter().flat_map(move |(detector, counts)| {
                    counts
                        .iter()
                        .map(move |(fingerprint, n)| format!("{path} {detector} {fingerprint} {n}"))
                })
            })
            .collect();
        lines.sort();
        lines
    }
}

impl Known {
    pub fn is_empty(&self) -> bool {
        self.by_detector.is_empty()
    }

    /// Uses one known occurrence of (`detector`, `fingerprint`); false when none is left.
    pub fn take(&mut self, detector: &str, fingerprint: &str) -> bool {
        match self.by_detector.get_mut(detector).and_then(|m| m.get_mut(fingerprint)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }
}

/// The path a baseline records for an object: relative to the folder it was found under (as
/// given, for a file named on the command line; the repository path for staged blobs), with `.`
/// parts dropped, so that the baseline does not depend on where the project is checked out.
pub fn object_path(name: &str, target: &str) -> String {
    crate::source::filter::relative(name, target)
}

/// The check value stored with a baseline for `key`.
pub fn key_check(key: &FingerprintKey) -> String {
    key.fingerprint(KEY_CHECK_TEXT)
}

impl BaselineFile {
    /// The baseline of a scan's reported findings (all of them: scan with no listing limit).
    pub fn from_objects<'a>(
        objects: impl IntoIterator<Item = &'a ScannedObject>,
        key: &FingerprintKey,
    ) -> BaselineFile {
        let mut counts: BTreeMap<(String, String, String), u64> = BTreeMap::new();
        for object in objects {
            let path = object_path(&object.object, &object.target);
            for f in &object.findings {
                *counts
                    .entry((path.clone(), f.detector.clone(), f.fingerprint.clone()))
                    .or_default() += 1;
            }
        }
        BaselineFile {
            version: BASELINE_VERSION,
            key_check: key_check(key),
            findings: counts
                .into_iter()
                .map(|((path, detector, fingerprint), count)| Entry {
                    path,
                    detector,
                    fingerprint,
                    count,
                })
                .collect(),
        }
    }

    /// Writes the file atomically (a temporary file beside it, renamed into place).
    pub fn write(&self, path: &Path) -> Result<(), Error> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let mut text = serde_json::to_string_pretty(self).map_err(|e| Error::Usage(e.to_string()))?;
        text.push('\n');
        // A device or pipe (`--output /dev/stdout`) is written in place: renaming a temporary
        // file over it would replace the device with a file.
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            return std::fs::write(path, text).map_err(|e| Error::io(path, e));
        }
        let mut temp = tempfile::Builder::new()
            .prefix(".piiscan-baseline-")
            .tempfile_in(dir)
            .map_err(|e| Error::io(path, e))?;
        temp.write_all(text.as_bytes()).map_err(|e| Error::io(path, e))?;
        temp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
        temp.persist(path).map_err(|e| Error::io(path, e.error))?;
        Ok(())
    }
}

impl Baseline {
    /// Reads a baseline file; errors name the file and, for bad JSON, the line.
    pub fn load(path: &Path) -> Result<Baseline, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let file: BaselineFile = serde_json::from_str(&text).map_err(|e| {
            Error::Usage(format!(
                "{}: not a piiscan baseline ({e}); make one with `piiscan baseline create`",
                path.display()
            ))
        })?;
        if file.version != BASELINE_VERSION {
            return Err(Error::Usage(format!(
                "{}: baseline version {} is not supported (this piiscan reads version {BASELINE_VERSION})",
                path.display(),
                file.version
            )));
        }
        Ok(Baseline::from_file(file))
    }

    pub fn from_file(file: BaselineFile) -> Baseline {
        let mut by_path: HashMap<String, Known> = HashMap::new();
        for e in file.findings {
            *by_path
                .entry(e.path)
                .or_default()
                .by_detector
                .entry(e.detector)
                .or_default()
                .entry(e.fingerprint)
                .or_default() += e.count;
        }
        Baseline {
            key_check: file.key_check,
            by_path,
        }
    }

    /// Whether the baseline was made with `key`: fingerprints under another key never match.
    pub fn made_with(&self, key: &FingerprintKey) -> bool {
        self.key_check == key_check(key)
    }

    /// The known occurrences of the object named `name` found under `target`, for one scan of it.
    pub fn known(&self, name: &str, target: &str) -> Known {
        self.by_path
            .get(&object_path(name, target))
            .cloned()
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_occurrences_are_used_up() {
        let baseline = Baseline::from_file(BaselineFile {
            version: 1,
            key_check: String::new(),
            findings: vec![Entry {
                path: "a.txt".into(),
                detector: "D".into(),
                fingerprint: "f".into(),
                count: 2,
            }],
        });
        let mut known = baseline.known("./a.txt", ".");
        assert!(known.take("D", "f"));
        assert!(known.take("D", "f"));
        assert!(!known.take("D", "f"));
        assert!(baseline.known("/repo/a.txt", "/repo").take("D", "f"));
        assert!(!baseline.known("a.txt", "a.txt").take("E", "f"));
        assert!(baseline.known("b.txt", ".").is_empty());
    }

    #[test]
    fn key_check_tells_keys_apart() {
        let a = FingerprintKey::new(b"a".to_vec());
        let b = FingerprintKey::new(b"b".to_vec());
        let baseline = Baseline::from_file(BaselineFile {
            version: 1,
            key_check: key_check(&a),
            findings: vec![],
        });
        assert!(baseline.made_with(&a));
        assert!(!baseline.made_with(&b));
    }
}
