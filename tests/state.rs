//! `scan --state FILE`: a rerun reuses the results of unchanged objects and scans the changed and
//! new ones, drops the deleted ones; a change of detectors discards every stored result; a scan
//! killed with SIGKILL and started again loses no finding and scans no finished object twice; the
//! file holds no full value without `--reveal`.

mod util;

use std::path::Path;
use std::process::Stdio;

use serde_json::Value;
use util::{Scan, TestDir, kill_after_recorded, parse_jsonl, piiscan, run, state_counts};

const SSN: &str = "287-65-4321";

fn scan(targets: &[&str], extra: &[&str]) -> Scan {
    let out = run(piiscan()
        .args(["scan", "--quiet", "--format", "jsonl"])
        .args(extra)
        .args(targets));
    let scan = parse_jsonl(&out);
    assert!(scan.code <= 1, "scan failed: {}", scan.stderr);
    scan
}

/// Every record but the summary, sorted: what two reports of the same data agree on.
fn records(scan: &Scan) -> Vec<String> {
    let mut all: Vec<String> = scan
        .findings
        .iter()
        .chain(&scan.objects)
        .map(Value::to_string)
        .collect();
    all.sort();
    all
}

/// The summary's totals, without the time taken and the engine's candidate counters (which count
/// only the objects scanned in this run).
fn totals(scan: &Scan) -> Value {
    let mut summary = scan.summary.clone();
    let fields = summary.as_object_mut().expect("the summary is an object");
    for volatile in ["duration_ms", "detectors", "candidates_dropped"] {
        fields.remove(volatile);
    }
    summary
}

fn file_text(i: usize, lines: usize) -> String {
    let mut text = String::new();
    for line in 0..lines {
        if line % 50 == 7 {
            text.push_str(&format!(
                "customer {i}-{line} mail user{i}x{line}@northwind-traders.com ssn {SSN}\n"
            ));
        } else {
            text.push_str("the quick brown fox jumps over the lazy dog while the report is written, 0123456789\n");
        }
    }
    text
}

#[test]
fn rerun_reuses_unchanged_objects_and_follows_changes() {
    let dir = TestDir::new();
    for i in 0..6 {
        dir.create(&format!("f{i}.txt"), &file_text(i, 60));
    }
    let out = TestDir::new();
    let state = out.join("scan-state.db");
    let state_arg = state.display().to_string();
    let with_state = ["--state", state_arg.as_str()];

    let first = scan(&[&dir.arg()], &with_state);
    assert_eq!(state_counts(&first.stderr), (0, 6, 0));
    let second = scan(&[&dir.arg()], &with_state);
    assert_eq!(
        state_counts(&second.stderr),
        (6, 0, 0),
        "nothing changed: nothing scanned"
    );
    assert_eq!(records(&second), records(&first));
    assert_eq!(totals(&second), totals(&first));

    // One file changed (same size: the times and inode tell), one new, one deleted.
    let changed = file_text(1, 60).replace("customer 1-7 ", "customer 1-9 ");
    std::fs::write(dir.join("f1.txt"), changed).expect("rewrite");
    dir.create("new.txt", &file_text(9, 60));
    std::fs::remove_file(dir.join("f5.txt")).expect("delete");
    let third = scan(&[&dir.arg()], &with_state);
    assert_eq!(state_counts(&third.stderr), (4, 2, 1));
    let clean = scan(&[&dir.arg()], &[]);
    assert_eq!(records(&third), records(&clean));
    assert_eq!(totals(&third), totals(&clean));
    assert!(
        third
            .findings
            .iter()
            .any(|f| f["object"] == dir.name("f1.txt") && f["line"] == 8)
    );
}

#[test]
fn other_detectors_discard_stored_results() {
    let dir = TestDir::new();
    dir.create("a.txt", &file_text(0, 60));
    let out = TestDir::new();
    let state = out.join("s.db").display().to_string();
    scan(&[&dir.arg()], &["--state", &state]);
    let narrowed = scan(&[&dir.arg()], &["--state", &state, "--disable", "EMAIL_ADDRESS"]);
    assert!(
        narrowed.stderr.contains("stored results were made"),
        "{}",
        narrowed.stderr
    );
    assert_eq!(state_counts(&narrowed.stderr), (0, 1, 0));
    assert!(narrowed.findings_of("EMAIL_ADDRESS").is_empty());
    let clean = scan(&[&dir.arg()], &["--disable", "EMAIL_ADDRESS"]);
    assert_eq!(records(&narrowed), records(&clean));
}

/// Every byte of the state file and its write-ahead log.
fn state_bytes(state: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for suffix in ["", "-wal"] {
        let mut path = state.as_os_str().to_owned();
        path.push(suffix);
        if let Ok(b) = std::fs::read(&path) {
            bytes.extend(b);
        }
    }
    bytes
}

#[test]
fn state_holds_no_full_value_without_reveal() {
    let dir = TestDir::new();
    dir.create("a.txt", &file_text(0, 20));
    let out = TestDir::new();
    let hidden = out.join("hidden.db");
    scan(&[&dir.arg()], &["--state", &hidden.display().to_string()]);
    let shown = out.join("shown.db");
    scan(&[&dir.arg()], &["--state", &shown.display().to_string(), "--reveal"]);
    let contains = |bytes: &[u8], needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(!contains(&state_bytes(&hidden), SSN));
    assert!(!contains(&state_bytes(&hidden), "user0x7@northwind-traders.com"));
    assert!(
        contains(&state_bytes(&shown), SSN),
        "--reveal keeps the values, as the report does"
    );
}

#[test]
fn scan_killed_with_sigkill_resumes_without_loss_or_rescans() {
    const FILES: usize = 240;
    let dir = TestDir::new();
    for i in 0..FILES {
        dir.create(&format!("part/{i:04}.log"), &file_text(i, 4000));
    }
    let out = TestDir::new();
    let state = out.join("state.db");
    let report = out.join("killed.jsonl");

    let child = piiscan()
        .args(["scan", "--quiet", "-j", "1", "--format", "jsonl", "--state"])
        .arg(&state)
        .arg("--output")
        .arg(&report)
        .arg(dir.arg())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start piiscan");
    let recorded_before_kill = kill_after_recorded(child, &state, 10);
    assert!(
        recorded_before_kill < FILES as u64,
        "the scan finished before the kill ({recorded_before_kill} rows): make the input larger"
    );
    assert!(!report.exists(), "a killed scan leaves no half report");

    let resumed = parse_jsonl(&run(piiscan()
        .args(["scan", "--quiet", "--format", "jsonl", "--state"])
        .arg(&state)
        .arg(dir.arg())));
    let (reused, recorded, dropped) = state_counts(&resumed.stderr);
    assert_eq!(
        reused, recorded_before_kill,
        "every object finished before the kill is reused"
    );
    assert_eq!(reused + recorded, FILES as u64, "no finished object is scanned again");
    assert_eq!(dropped, 0);

    let clean = parse_jsonl(&run(piiscan()
        .args(["scan", "--quiet", "--format", "jsonl"])
        .arg(dir.arg())));
    assert_eq!(resumed.finding_keys(), clean.finding_keys());
    assert_eq!(records(&resumed), records(&clean));
    assert_eq!(totals(&resumed), totals(&clean));
    assert_eq!(clean.objects.len(), FILES);
}
