//! `--state FILE`: resumable and incremental scans. Every finished object's result (the
//! `ScannedObject` the report got: counts, masked findings, fingerprints, skip, sensitivity) is
//! kept in an SQLite file, keyed by the object's name, with the version its source gave when it
//! was listed (local files: size, mtime, ctime and inode; git blobs: their id; S3: the ETag). A
//! rerun reuses the result of every object whose version is unchanged and scans the others.
//!
//! Invariant: a result is in the file, committed, before the scan moves past it (one transaction
//! per object, in WAL mode), so a scan killed at any point (even SIGKILL) and started again loses
//! no finding and scans no finished object twice. A crash of the machine itself may lose the last
//! few commits (`synchronous = NORMAL`): those objects are scanned again, never lost.
//!
//! The file holds what the report holds and no more: full values only with `--reveal`. Results
//! are tied to a fingerprint of everything that shapes them (piiscan's version, the detectors'
//! definitions, the options); when it changes, every stored result is dropped.

use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::classify::ScannedObject;
use crate::detect::Engine;
use crate::error::Error;
use crate::scan::Config;
use crate::shard::Shard;
use crate::skip::SkipReason;
use crate::source::{Object, ObjectKind};

/// Bumped when the tables change: an older file is then started afresh.
const SCHEMA: &str = "1";

/// An open state file.
#[derive(Debug)]
pub struct State {
    path: PathBuf,
    db: Mutex<Connection>,
    /// This run's number: rows it reuses or writes are marked with it, the rest are gone.
    run: i64,
    /// The first write that failed: the scan goes on, and the run then fails.
    failed: Mutex<Option<String>>,
    counts: Counters,
}

#[derive(Debug, Default)]
struct Counters {
    reused: AtomicU64,
    recorded: AtomicU64,
}

/// What the state did in one run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StateReport {
    pub path: PathBuf,
    /// Unchanged objects whose stored result went into the report without a scan.
    pub reused: u64,
    /// Objects scanned and recorded in this run.
    pub recorded: u64,
    /// Stored objects no longer listed (deleted, renamed, now excluded), dropped from the file.
    pub dropped: u64,
    /// The stored results were made with other detectors or options and were all discarded.
    pub invalidated: bool,
}

impl State {
    /// Opens (or creates, mode 0600) the state file at `path` for a scan whose results have
    /// the fingerprint `config`.
    pub fn open(path: &Path, config: &str) -> Result<(State, bool), Error> {
        let fail = |what: &str, e: rusqlite::Error| {
            Error::Usage(format!(
                "{}: cannot use it as a state file ({what}: {e})",
                path.display()
            ))
        };
        // Created here first so that SQLite gives the file (and its -wal and -shm) this mode.
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(path)
            .map_err(|e| Error::io(path, e))?;
        let db = Connection::open(path).map_err(|e| fail("open", e))?;
        db.busy_timeout(Duration::from_secs(30))
            .map_err(|e| fail("busy timeout", e))?;
        let mode: String = db
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(|e| fail("WAL mode", e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Usage(format!(
                "{}: the state file cannot use write-ahead logging (journal mode {mode}); put it on a local disk",
                path.display()
            )));
        }
        db.execute_batch(
            "PRAGMA synchronous = NORMAL;
             CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS objects (
                 name TEXT PRIMARY KEY,
                 version TEXT NOT NULL,
                 run INTEGER NOT NULL,
                 result TEXT NOT NULL
             );",
        )
        .map_err(|e| fail("tables", e))?;
        let meta = |key: &str| -> Result<Option<String>, Error> {
            db.query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| row.get(0))
                .optional()
                .map_err(|e| fail("read", e))
        };
        let fresh = meta("schema")?.is_none();
        let invalidated =
            !fresh && (meta("schema")?.as_deref() != Some(SCHEMA) || meta("config")?.as_deref() != Some(config));
        let run = meta("run")?.and_then(|r| r.parse::<i64>().ok()).unwrap_or(0) + 1;
        let set = |key: &str, value: &str| {
            db.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2",
                [key, value],
            )
            .map_err(|e| fail("write", e))
        };
        if invalidated {
            db.execute("DELETE FROM objects", []).map_err(|e| fail("write", e))?;
        }
        set("schema", SCHEMA)?;
        set("config", config)?;
        set("run", &run.to_string())?;
        let state = State {
            path: path.to_path_buf(),
            db: Mutex::new(db),
            run,
            failed: Mutex::new(None),
            counts: Counters::default(),
        };
        Ok((state, invalidated))
    }

    /// The stored result of `object` when it was recorded at this `version`; the row is marked
    /// as seen by this run.
    pub fn reuse(&self, name: &str, version: &str) -> Option<ScannedObject> {
        let db = self.db.lock().ok()?;
        let stored: Option<String> = db
            .query_row(
                "SELECT result FROM objects WHERE name = ?1 AND version = ?2",
                [name, version],
                |row| row.get(0),
            )
            .optional()
            .ok()?;
        // A row this build cannot read is scanned again (and overwritten), not trusted.
        let object: ScannedObject = serde_json::from_str(&stored?).ok()?;
        if let Err(e) = db.execute("UPDATE objects SET run = ?1 WHERE name = ?2", params![self.run, name]) {
            self.fail(e);
        }
        self.counts.reused.fetch_add(1, Ordering::Relaxed);
        Some(object)
    }

    /// Records `object`'s result at `version`, committed before this returns. Results that a
    /// rerun could get differently (interrupted, unreadable for now) are not recorded.
    pub fn record(&self, version: &str, object: &ScannedObject) {
        if !lasting(object) {
            return;
        }
        let result = match serde_json::to_string(object) {
            Ok(text) => text,
            Err(e) => return self.fail(e),
        };
        let Ok(db) = self.db.lock() else { return };
        let written = db.execute(
            "INSERT INTO objects (name, version, run, result) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(name) DO UPDATE SET version = ?2, run = ?3, result = ?4",
            params![object.object, version, self.run, result],
        );
        match written {
            Ok(_) => {
                self.counts.recorded.fetch_add(1, Ordering::Relaxed);
            }
            Err(e) => self.fail(e),
        }
    }

    fn fail(&self, e: impl std::fmt::Display) {
        if let Ok(mut failed) = self.failed.lock()
            && failed.is_none()
        {
            *failed = Some(e.to_string());
        }
    }

    /// Ends the run: when every object was listed and reached (`complete`), stored objects this
    /// run did not meet are dropped (only those of `shard`, when the scan was one shard).
    /// Returns what the state did, or the first write that failed.
    pub fn finish(self, complete: bool, shard: Option<Shard>, invalidated: bool) -> Result<StateReport, Error> {
        let fail = |e: String| {
            Error::Usage(format!(
                "{}: writing the state file failed ({e}); the report is complete, but a rerun will scan again what was not recorded",
                self.path.display()
            ))
        };
        if let Some(e) = self.failed.lock().ok().and_then(|mut f| f.take()) {
            return Err(fail(e));
        }
        let mut dropped = 0;
        if complete {
            let db = self.db.lock().map_err(|e| fail(e.to_string()))?;
            let gone: Vec<String> = {
                let mut query = db
                    .prepare("SELECT name FROM objects WHERE run != ?1")
                    .map_err(|e| fail(e.to_string()))?;
                let names = query
                    .query_map([self.run], |row| row.get::<_, String>(0))
                    .map_err(|e| fail(e.to_string()))?;
                names
                    .filter_map(Result::ok)
                    .filter(|name| shard.is_none_or(|s| s.owns(name)))
                    .collect()
            };
            let tx = db.unchecked_transaction().map_err(|e| fail(e.to_string()))?;
            for name in &gone {
                dropped += tx
                    .execute("DELETE FROM objects WHERE name = ?1", [name])
                    .map_err(|e| fail(e.to_string()))? as u64;
            }
            tx.commit().map_err(|e| fail(e.to_string()))?;
        }
        Ok(StateReport {
            path: self.path.clone(),
            reused: self.counts.reused.load(Ordering::Relaxed),
            recorded: self.counts.recorded.load(Ordering::Relaxed),
            dropped,
            invalidated,
        })
    }
}

/// Whether a result would come out the same on a rerun of the same version: scanned, or skipped
/// for what the object is (binary); not interrupted, not refused for now (permissions, I/O).
fn lasting(object: &ScannedObject) -> bool {
    match &object.skipped {
        None => true,
        Some(skip) => skip.reason == SkipReason::Binary,
    }
}

/// The version of `object` as its source tells it, or None when it has none (stdin, pipes):
/// such objects are always scanned and never recorded.
///
/// A local file's version is its size, modification time, change time (which no tool can set
/// back) and inode, to the nanosecond; any write, rename over it or `touch` changes it.
pub fn version(object: &Object) -> Option<String> {
    match &object.kind {
        ObjectKind::File(path) => {
            let m = std::fs::metadata(path).ok()?;
            Some(format!(
                "file:{}:{}.{:09}:{}.{:09}:{}",
                m.len(),
                m.mtime(),
                m.mtime_nsec(),
                m.ctime(),
                m.ctime_nsec(),
                m.ino()
            ))
        }
        ObjectKind::GitBlob { oid } => Some(format!("git:{oid}")),
        ObjectKind::S3(_) => object.version().map(|etag| format!("s3:{etag}")),
        ObjectKind::Stdin | ObjectKind::Stream(_) => None,
    }
}

/// A fingerprint of everything that shapes an object's result: piiscan's version, every
/// detector's definition, and the options of detection, classification (reveal, the fingerprint
/// key, through a keyed hash of a constant), suppression (the baseline's entries) and decoding.
pub fn config_fingerprint(config: &Config, engine: &Engine) -> String {
    let mut hash = Sha256::new();
    let mut add = |part: &str| {
        hash.update((part.len() as u64).to_be_bytes());
        hash.update(part.as_bytes());
    };
    add(env!("CARGO_PKG_VERSION"));
    for detector in engine.detectors() {
        add(&serde_json::to_string(&detector.spec).unwrap_or_else(|_| detector.spec.id.clone()));
    }
    add(&format!("{:?}", config.engine));
    add(&format!("{:?}", config.decode));
    add(&format!(
        "reveal={} context={} max_findings={} inline={} test_values={}",
        config.classify.reveal,
        config.classify.context_bytes,
        config.max_findings_per_object,
        config.suppress.inline,
        config.suppress.test_values
    ));
    add(&config.classify.key.fingerprint(b"piiscan --state options"));
    match &config.suppress.baseline {
        Some(baseline) => baseline.entries().iter().for_each(|line| add(line)),
        None => add("no baseline"),
    }
    hex::encode(hash.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::Sensitivity;
    use crate::skip::Skip;

    fn object(name: &str, findings: u64) -> ScannedObject {
        ScannedObject {
            object: name.into(),
            target: ".".into(),
            size: Some(10),
            format: "text".into(),
            finding_count: findings,
            sensitivity: Sensitivity::default(),
            ..ScannedObject::default()
        }
    }

    #[test]
    fn state_reuses_only_an_unchanged_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        let (state, invalidated) = State::open(&path, "c1").unwrap();
        assert!(!invalidated);
        state.record("v1", &object("a", 3));
        drop(state);
        let (state, _) = State::open(&path, "c1").unwrap();
        assert_eq!(state.reuse("a", "v1").map(|o| o.finding_count), Some(3));
        assert!(state.reuse("a", "v2").is_none());
        assert!(state.reuse("b", "v1").is_none());
    }

    #[test]
    fn state_drops_every_result_when_the_options_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        let (state, _) = State::open(&path, "c1").unwrap();
        state.record("v1", &object("a", 3));
        drop(state);
        let (state, invalidated) = State::open(&path, "c2").unwrap();
        assert!(invalidated);
        assert!(state.reuse("a", "v1").is_none());
    }

    #[test]
    fn state_does_not_record_interrupted_or_unreadable_objects() {
        let dir = tempfile::tempdir().unwrap();
        let (state, _) = State::open(&dir.path().join("s.db"), "c").unwrap();
        for reason in [
            SkipReason::Interrupted,
            SkipReason::PermissionDenied,
            SkipReason::ReadError,
        ] {
            let mut o = object("a", 0);
            o.skipped = Some(Skip::new(reason, "x"));
            state.record("v", &o);
        }
        assert!(state.reuse("a", "v").is_none());
        let mut binary = object("b", 0);
        binary.skipped = Some(Skip::new(SkipReason::Binary, "x"));
        state.record("v", &binary);
        assert!(state.reuse("b", "v").is_some());
    }

    #[test]
    fn state_finish_drops_objects_not_met_in_a_complete_run() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        let (state, _) = State::open(&path, "c").unwrap();
        state.record("v", &object("kept", 1));
        state.record("v", &object("gone", 1));
        state.finish(true, None, false).unwrap();
        let (state, _) = State::open(&path, "c").unwrap();
        assert!(state.reuse("kept", "v").is_some());
        let report = state.finish(true, None, false).unwrap();
        assert_eq!((report.reused, report.dropped), (1, 1));
        let (state, _) = State::open(&path, "c").unwrap();
        assert!(state.reuse("gone", "v").is_none());
    }

    #[test]
    fn state_file_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        let _ = State::open(&path, "c").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().mode() & 0o777, 0o600);
    }
}
