//! Scale-out: `scan --shard K/N` splits the objects between N workers so that each object is
//! scanned by exactly one, and `piiscan merge` joins their JSON Lines reports into the report a
//! single full scan writes (summary, rollups and findings), in any format.

mod util;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;
use util::{Run, Scan, TestDir, parse_jsonl, piiscan, run};

/// The labelled corpus (many detectors, many files) plus a folder with a binary file (a skip)
/// and a file the exclude glob leaves out, so that every summary counter has something to count.
fn targets(extra: &TestDir) -> Vec<String> {
    extra.create(
        "notes.txt",
        "ssn 287-65-4321 and mail maria.lopez@northwind-traders.com\n",
    );
    extra.create_bytes("image.bin", b"\x00\x01\x02 not text");
    extra.create("drafts/left-out.skipme", "ssn 287-65-4321\n");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/core");
    vec![corpus.display().to_string(), extra.arg()]
}

fn scan_to(targets: &[String], extra_args: &[&str], format: &str, output: &Path) -> Run {
    let out = run(piiscan()
        .args([
            "scan",
            "--quiet",
            "--exclude",
            "**/*.skipme",
            "--format",
            format,
            "--output",
        ])
        .arg(output)
        .args(extra_args)
        .args(targets));
    assert!(out.code() <= 1, "scan failed: {}", out.stderr);
    out
}

fn read_jsonl(path: &Path) -> Scan {
    let text = std::fs::read_to_string(path).expect("the report was written");
    parse_jsonl(&Run {
        status: std::process::ExitStatus::default(),
        stdout: text,
        stderr: String::new(),
    })
}

fn merge(inputs: &[PathBuf], format: &str, output: &Path) -> Run {
    let out = run(piiscan()
        .args(["merge", "--format", format, "--output"])
        .arg(output)
        .args(inputs));
    assert_eq!(out.code(), 0, "merge failed: {}", out.stderr);
    out
}

/// The summary without what differs between any two runs: the time they took.
fn without_duration(mut summary: Value) -> Value {
    summary
        .as_object_mut()
        .expect("the summary is an object")
        .remove("duration_ms");
    summary
}

fn object_names(scan: &Scan) -> BTreeSet<String> {
    scan.objects
        .iter()
        .map(|o| o["object"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Every record but the summary, as sorted text: two reports of the same objects agree on it
/// whatever order their objects finished in.
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

const SHARDS: u64 = 3;

#[test]
fn shards_split_the_objects_and_merge_equals_a_full_scan() {
    let extra = TestDir::new();
    let targets = targets(&extra);
    let out = TestDir::new();
    let full_path = out.join("full.jsonl");
    scan_to(&targets, &[], "jsonl", &full_path);
    let full = read_jsonl(&full_path);
    assert!(
        full.objects.len() > 50 && full.findings.len() > 500,
        "the corpus was scanned"
    );
    assert_eq!(full.summary["objects_excluded"], 1);
    assert_eq!(full.summary["objects_skipped"], 1);

    let mut parts = Vec::new();
    let mut names = BTreeSet::new();
    let mut finding_keys = Vec::new();
    for k in 0..SHARDS {
        let path = out.join(&format!("part-{k}.jsonl"));
        scan_to(&targets, &["--shard", &format!("{k}/{SHARDS}")], "jsonl", &path);
        let part = read_jsonl(&path);
        assert!(!part.objects.is_empty(), "shard {k} got no object");
        for name in object_names(&part) {
            assert!(names.insert(name.clone()), "{name} is in two shards");
        }
        finding_keys.extend(part.finding_keys());
        parts.push(path);
    }
    assert_eq!(names, object_names(&full), "the shards together hold every object once");
    finding_keys.sort();
    assert_eq!(finding_keys, full.finding_keys());

    let merged_path = out.join("merged.jsonl");
    merge(&parts, "jsonl", &merged_path);
    let merged = read_jsonl(&merged_path);
    assert_eq!(records(&merged), records(&full));
    assert_eq!(
        without_duration(merged.summary.clone()),
        without_duration(full.summary.clone())
    );

    // Another format straight from the parts: the JSON document of the full scan.
    let full_json = out.join("full.json");
    scan_to(&targets, &[], "json", &full_json);
    let merged_json = out.join("merged.json");
    merge(&parts, "json", &merged_json);
    let document = |path: &Path| -> Value {
        let mut v: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("written")).expect("JSON");
        v["summary"] = without_duration(v["summary"].take());
        v
    };
    assert_eq!(document(&merged_json), document(&full_json));
}

#[test]
fn merge_keeps_an_object_met_twice_once() {
    let dir = TestDir::new();
    dir.create("a.txt", "ssn 287-65-4321\n");
    dir.create("b.txt", "mail maria.lopez@northwind-traders.com\n");
    let out = TestDir::new();
    let both = out.join("both.jsonl");
    scan_to(&[dir.arg()], &[], "jsonl", &both);
    let again = out.join("again.jsonl");
    scan_to(&[dir.arg()], &["--shard", "0/1"], "jsonl", &again);

    let merged_path = out.join("merged.jsonl");
    let merged_run = merge(&[both.clone(), again], "jsonl", &merged_path);
    assert!(
        merged_run.stderr.contains("2 objects appeared in more than one report"),
        "{}",
        merged_run.stderr
    );
    let merged = read_jsonl(&merged_path);
    let full = read_jsonl(&both);
    assert_eq!(records(&merged), records(&full));
    assert_eq!(merged.summary["objects_scanned"], 2);
    assert_eq!(merged.summary["findings"], full.summary["findings"]);
}

#[test]
fn merge_of_a_cut_short_part_is_marked_interrupted() {
    let dir = TestDir::new();
    dir.create("a.txt", "ssn 287-65-4321\n");
    let out = TestDir::new();
    let whole = out.join("whole.jsonl");
    scan_to(&[dir.arg()], &[], "jsonl", &whole);
    let text = std::fs::read_to_string(&whole).expect("written");
    let cut: String = text
        .lines()
        .filter(|l| !l.contains("\"record\":\"summary\""))
        .map(|l| format!("{l}\n"))
        .collect();
    let cut_path = out.join("cut.jsonl");
    std::fs::write(&cut_path, cut).expect("write");
    let merged_path = out.join("merged.jsonl");
    let merged_run = merge(&[cut_path], "jsonl", &merged_path);
    assert!(merged_run.stderr.contains("no summary record"), "{}", merged_run.stderr);
    let merged = read_jsonl(&merged_path);
    assert_eq!(merged.summary["interrupted"], true);
    assert_eq!(merged.summary["objects_scanned"], 1);
}

#[test]
fn merge_rejects_a_missing_report_and_a_bad_shard() {
    let out = TestDir::new();
    let merged = run(piiscan()
        .args(["merge", "--output"])
        .arg(out.join("m.jsonl"))
        .arg(out.join("part-*.jsonl")));
    assert_eq!(merged.code(), 2);
    assert!(merged.stderr.contains("no such report"), "{}", merged.stderr);
    assert!(!out.join("m.jsonl").exists());

    let bad = run(piiscan().args(["scan", "--shard", "4/4", "."]));
    assert_eq!(bad.code(), 2);
    assert!(bad.stderr.contains("0 ≤ K < N"), "{}", bad.stderr);
}
