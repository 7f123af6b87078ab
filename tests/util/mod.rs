//! Shared helpers for the integration tests, in the spirit of ripgrep's `tests/util.rs`: a
//! temporary folder to plant files in, the built binary with a fixed fingerprint key and no colour,
//! and a runner that kills the binary when it hangs. Every test runs the real `piiscan` binary.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long any one run of the binary may take before the test fails as a hang.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// A temporary folder, removed when dropped.
pub struct TestDir {
    dir: tempfile::TempDir,
}

impl TestDir {
    pub fn new() -> TestDir {
        let dir = tempfile::Builder::new()
            .prefix("piiscan-test-")
            .tempdir()
            .expect("the system temporary folder is writable");
        TestDir { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The path of `name` inside the folder (whether or not it exists).
    pub fn join(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `name` inside the folder as the report names it when the folder is the scan target.
    pub fn name(&self, name: &str) -> String {
        self.join(name).display().to_string()
    }

    /// The folder as a command-line argument.
    pub fn arg(&self) -> String {
        self.path().display().to_string()
    }

    pub fn create(&self, name: &str, contents: &str) -> PathBuf {
        self.create_bytes(name, contents.as_bytes())
    }

    pub fn create_bytes(&self, name: &str, contents: &[u8]) -> PathBuf {
        let path = self.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent folders");
        }
        std::fs::write(&path, contents).expect("write a test file");
        path
    }

    pub fn mkdir(&self, name: &str) -> PathBuf {
        let path = self.join(name);
        std::fs::create_dir_all(&path).expect("create a test folder");
        path
    }
}

/// The `piiscan` binary with a fixed fingerprint key and colour off. Stdin is empty unless the
/// test gives some to `run_with_stdin`.
pub fn piiscan() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_piiscan"));
    cmd.env("PIISCAN_FINGERPRINT_KEY", "test-key").env("NO_COLOR", "1");
    cmd
}

/// What one run of the binary produced.
#[derive(Debug)]
pub struct Run {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The exit code; a run killed by a signal fails the test.
    pub fn code(&self) -> i32 {
        match self.status.code() {
            Some(code) => code,
            None => panic!(
                "piiscan was killed by a signal: {:?}\nstderr:\n{}",
                self.status, self.stderr
            ),
        }
    }
}

/// Runs `cmd` to completion with empty stdin, failing the test if it takes longer than `TIMEOUT`.
pub fn run(cmd: &mut Command) -> Run {
    run_with_stdin(cmd, None)
}

/// Runs `cmd`, feeding it `input` on stdin. Output is drained on threads so that a full pipe
/// cannot stall the child; after `TIMEOUT` the child is killed and the test fails.
pub fn run_with_stdin(cmd: &mut Command, input: Option<Vec<u8>>) -> Run {
    cmd.stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("start the piiscan binary");
    let feeder = input.map(|bytes| {
        let mut stdin = child.stdin.take().expect("stdin was piped");
        // A broken pipe only means the child stopped reading; its exit status tells the story.
        std::thread::spawn(move || drop(stdin.write_all(&bytes)))
    });
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("stdout was piped")));
    let stderr = drain(Box::new(child.stderr.take().expect("stderr was piped")));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for piiscan") {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("piiscan did not finish within {TIMEOUT:?}: {cmd:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    if let Some(feeder) = feeder {
        let _ = feeder.join();
    }
    Run {
        status,
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
    }
}

/// A JSON Lines report, split by record type.
#[derive(Debug)]
pub struct Scan {
    pub code: i32,
    pub findings: Vec<Value>,
    pub objects: Vec<Value>,
    pub summary: Value,
    pub stderr: String,
}

impl Scan {
    /// The `object` record named `name`; fails the test when there is none.
    pub fn object(&self, name: &str) -> &Value {
        match self.objects.iter().find(|o| o["object"] == name) {
            Some(o) => o,
            None => panic!("no object record for {name:?}; objects: {:#?}", self.objects),
        }
    }

    /// The findings reported in object `name`.
    pub fn findings_in(&self, name: &str) -> Vec<&Value> {
        self.findings.iter().filter(|f| f["object"] == name).collect()
    }

    /// The findings of detector `id`, in any object.
    pub fn findings_of(&self, id: &str) -> Vec<&Value> {
        self.findings.iter().filter(|f| f["detector"] == id).collect()
    }

    /// The `skipped.reason` of object `name`, or None when it was scanned.
    pub fn skip_reason(&self, name: &str) -> Option<String> {
        self.object(name)["skipped"]["reason"].as_str().map(str::to_string)
    }

    /// Each finding as `(object, detector, line, column, offset, fingerprint)`, sorted: what two
    /// scans of the same data must agree on.
    pub fn finding_keys(&self) -> Vec<(String, String, u64, u64, u64, String)> {
        let mut keys: Vec<_> = self
            .findings
            .iter()
            .map(|f| {
                (
                    f["object"].as_str().unwrap_or_default().to_string(),
                    f["detector"].as_str().unwrap_or_default().to_string(),
                    f["line"].as_u64().unwrap_or_default(),
                    f["column"].as_u64().unwrap_or_default(),
                    f["offset"].as_u64().unwrap_or_default(),
                    f["fingerprint"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        keys.sort();
        keys
    }
}

/// Runs `piiscan scan --format jsonl ARGS` and parses the report.
pub fn scan_jsonl(args: &[&str]) -> Scan {
    scan_jsonl_with(&mut piiscan(), args, None)
}

/// As `scan_jsonl`, with stdin.
pub fn scan_jsonl_stdin(args: &[&str], input: &[u8]) -> Scan {
    scan_jsonl_with(&mut piiscan(), args, Some(input.to_vec()))
}

/// As `scan_jsonl`, from a prepared command (for other environment variables).
pub fn scan_jsonl_with(cmd: &mut Command, args: &[&str], input: Option<Vec<u8>>) -> Scan {
    cmd.args(["scan", "--format", "jsonl"]).args(args);
    let out = run_with_stdin(cmd, input);
    parse_jsonl(&out)
}

/// Splits a JSON Lines report into findings, objects and the summary. Every line must parse and
/// carry a known `record`, and the summary must come last, once.
pub fn parse_jsonl(out: &Run) -> Scan {
    let mut findings = Vec::new();
    let mut objects = Vec::new();
    let mut summary = None;
    for line in out.stdout.lines() {
        let value: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => panic!("report line is not JSON ({e}): {line}\nstderr:\n{}", out.stderr),
        };
        assert!(summary.is_none(), "a record after the summary: {line}");
        match value["record"].as_str() {
            Some("finding") => findings.push(value),
            Some("object") => objects.push(value),
            Some("summary") => summary = Some(value),
            other => panic!("unknown record type {other:?}: {line}"),
        }
    }
    let Some(summary) = summary else {
        panic!(
            "no summary record (exit {:?})\nstdout:\n{}\nstderr:\n{}",
            out.status, out.stdout, out.stderr
        );
    };
    Scan {
        code: out.code(),
        findings,
        objects,
        summary,
        stderr: out.stderr.clone(),
    }
}

/// 1-based line and byte column of the first occurrence of `needle` in `text`.
pub fn line_column(text: &[u8], needle: &str) -> (u64, u64) {
    let at = find(text, needle.as_bytes()).unwrap_or_else(|| panic!("{needle:?} is not in the text"));
    let before = &text[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    (line, (at - line_start) as u64 + 1)
}

/// Byte offset of the first occurrence of `needle` in `haystack`.
pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Whether the current user can read `path` despite its permissions (root can): the tests of
/// unreadable files and folders are meaningless then.
pub fn readable_anyway(path: &Path) -> bool {
    if path.is_dir() {
        std::fs::read_dir(path).is_ok()
    } else {
        std::fs::File::open(path).is_ok()
    }
}

/// Sets `path`'s permission bits.
pub fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// The text of a planted SSN line, with a keyword.
pub const SSN: &str = "536-90-4399";
pub const SSN_ID: &str = "USA_SOCIAL_SECURITY_NUMBER";
pub const AWS_ID: &str = "AWS_ACCESS_KEY_ID";
pub const CARD_ID: &str = "CREDIT_CARD_NUMBER";
pub const EMAIL_ID: &str = "EMAIL_ADDRESS";

/// Objects recorded in a `--state` file so far (0 while the scan has not created it yet).
pub fn state_rows(state: &Path) -> u64 {
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
    let Ok(db) = rusqlite::Connection::open_with_flags(state, flags) else {
        return 0;
    };
    db.query_row("SELECT count(*) FROM objects", [], |row| row.get::<_, i64>(0))
        .map_or(0, |n| n as u64)
}

/// Waits until the scan `child` has recorded `rows` objects in its `--state` file, then kills it
/// with SIGKILL; returns how many objects the state held at the kill.
pub fn kill_after_recorded(mut child: std::process::Child, state: &Path, rows: u64) -> u64 {
    let started = Instant::now();
    while state_rows(state) < rows {
        assert!(started.elapsed() < TIMEOUT, "no object recorded within a minute");
        assert!(
            child.try_wait().expect("wait").is_none(),
            "the scan ended before it could be killed"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL"); // Child::kill sends SIGKILL on Unix.
    let status = child.wait().expect("reap");
    assert_eq!(std::os::unix::process::ExitStatusExt::signal(&status), Some(9));
    state_rows(state)
}

/// `(reused, recorded, dropped)` from the state line on stderr.
pub fn state_counts(stderr: &str) -> (u64, u64, u64) {
    let line = stderr
        .lines()
        .find(|l| l.contains("unchanged objects reused"))
        .unwrap_or_else(|| panic!("no state line in stderr:\n{stderr}"));
    let numbers: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .filter_map(|w| w.parse().ok())
        .collect();
    let n = numbers.len();
    assert!(n >= 3, "{line}");
    (numbers[n - 3], numbers[n - 2], numbers[n - 1])
}
