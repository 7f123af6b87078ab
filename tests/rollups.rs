//! Rollups (per target and per top-level prefix or folder) and bucket posture in every report
//! format. Local folders give targets and top-level folders; a bucket's posture comes from a JSON
//! Lines report whose objects are named as an S3 scan names them and whose summary holds the
//! posture the S3 source reads (replayed with `piiscan report` and joined with `piiscan merge`),
//! and from a real scan of a SeaweedFS bucket.

mod util;

use serde_json::{Value, json};
use util::{SSN, Scan, TestDir, parse_jsonl, piiscan, run};

const CARD: &str = "4539 1488 0343 6467";
const EMAIL: &str = "maria.lopez@northwind-traders.com";
const BUCKET: &str = "example-exports";

/// A folder with two top-level folders of different sensitivity and a file at its top.
fn planted_dir() -> TestDir {
    let dir = TestDir::new();
    dir.create("exports/customers.txt", &format!("SSN: {SSN}\ncard {CARD}\n"));
    dir.create("exports/2026/more.txt", &format!("contact: {EMAIL}\n"));
    dir.create("logs/app.log", &format!("mail sent to {EMAIL}\n"));
    dir.create("readme.txt", "nothing here\n");
    dir
}

fn jsonl_text(dir: &TestDir) -> String {
    let out = run(piiscan().args(["scan", "--format", "jsonl", "--threads", "2", &dir.arg()]));
    assert!(out.code() <= 1, "{}", out.stderr);
    out.stdout
}

fn prefix<'a>(rollup: &'a Value, name: &str) -> &'a Value {
    rollup["prefixes"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["target"] == name))
        .unwrap_or_else(|| panic!("no prefix {name:?} in {rollup:#}"))
}

/// A posture as the S3 source writes it: public, shared with another account, unencrypted and
/// unversioned, Block Public Access off.
fn exposed_posture() -> Value {
    json!({
        "bucket": BUCKET,
        "public_access_block": null,
        "default_encryption": null,
        "kms_key": null,
        "versioning": "Disabled",
        "public": true,
        "shared_with": ["111122223333"]
    })
}

/// A JSON Lines report of `dir` renamed as a scan of `s3://example-exports` would name it, with
/// `posture` in its summary.
fn bucket_report(dir: &TestDir, posture: &Value) -> String {
    let text = jsonl_text(dir).replace(&dir.arg(), &format!("s3://{BUCKET}"));
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let last = lines.pop().expect("a summary line");
    let mut summary: Value = serde_json::from_str(&last).expect("summary JSON");
    summary["posture"] = json!([posture]);
    lines.push(summary.to_string());
    lines.join("\n") + "\n"
}

fn report(input: &std::path::Path, format: &str, extra: &[&str]) -> String {
    let out = run(piiscan().args(["report", "--format", format]).args(extra).arg(input));
    assert_eq!(out.code(), 0, "report --format {format}: {}", out.stderr);
    out.stdout
}

#[test]
fn folder_targets_roll_up_per_top_level_folder() {
    let dir = planted_dir();
    let scan: Scan = parse_jsonl(&run(piiscan().args(["scan", "--format", "jsonl", &dir.arg()])));
    let rollup = &scan.summary["rollups"][0];
    assert_eq!(rollup["target"], dir.arg());
    assert_eq!(rollup["objects"], 4);
    assert_eq!(rollup["objects_with_findings"], 3);
    let exports = prefix(rollup, &format!("{}/exports/", dir.arg()));
    assert_eq!(exports["objects"], 2, "exports/2026/more.txt counts in exports/");
    assert_eq!(exports["level"], "high");
    assert_eq!(exports["findings_by_category"]["financial"], 1);
    let logs = prefix(rollup, &format!("{}/logs/", dir.arg()));
    assert_eq!(logs["level"], "low");
    assert_eq!(logs["findings"], 1);
    assert_eq!(
        rollup["prefixes"].as_array().map(Vec::len),
        Some(2),
        "readme.txt sits directly under the target: no prefix"
    );
    // A file target has no prefixes.
    let file = parse_jsonl(&run(piiscan().args([
        "scan",
        "--format",
        "jsonl",
        &dir.name("logs/app.log"),
    ])));
    assert!(file.summary["rollups"][0].get("prefixes").is_none());
}

#[test]
fn human_report_has_the_rollup_table_with_prefixes_below_their_target() {
    let dir = planted_dir();
    let out = run(piiscan().args(["scan", &dir.arg()]));
    assert_eq!(out.code(), 0, "{}", out.stderr);
    let text = out.stdout;
    let table = &text[text.find("Sensitivity by target:").expect("the rollup table")..];
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[1].starts_with("TARGET"), "{table}");
    assert!(lines[1].contains("TOP CATEGORIES"), "{table}");
    let target_line = lines[2];
    assert!(target_line.starts_with(&dir.arg()), "{table}");
    let cells: Vec<&str> = target_line[dir.arg().len()..].split_whitespace().collect();
    let scan = parse_jsonl(&run(piiscan().args(["scan", "--format", "jsonl", &dir.arg()])));
    let score = scan.summary["rollups"][0]["score"].to_string();
    assert_eq!(&cells[..5], ["4", "3", "4", score.as_str(), "high"], "{table}");
    // The most sensitive prefix first, indented under its target.
    assert!(lines[3].starts_with(&format!("  {}/exports/", dir.arg())), "{table}");
    assert!(lines[3].contains("personal 2, financial 1"), "{table}");
    assert!(lines[4].starts_with(&format!("  {}/logs/", dir.arg())), "{table}");
    // A clean scan stays terse.
    let clean = TestDir::new();
    clean.create("a/b.txt", "nothing\n");
    let out = run(piiscan().args(["scan", &clean.arg()]));
    assert!(!out.stdout.contains("Sensitivity by target"), "{}", out.stdout);
}

#[test]
fn report_and_merge_keep_prefixes_and_posture() {
    let dir = planted_dir();
    let out = TestDir::new();
    let input = out.join("bucket.jsonl");
    std::fs::write(&input, bucket_report(&dir, &exposed_posture())).expect("write");
    let replayed = parse_jsonl(&run(piiscan().args(["report", "--format", "jsonl"]).arg(&input)));
    assert_eq!(replayed.summary["posture"], json!([exposed_posture()]));
    let rollup = &replayed.summary["rollups"][0];
    assert_eq!(rollup["target"], format!("s3://{BUCKET}"));
    assert_eq!(prefix(rollup, &format!("s3://{BUCKET}/exports/"))["level"], "high");

    // Two shards of the bucket: each carries the posture; the merge keeps it once and
    // recomputes the prefixes from the objects.
    let text = std::fs::read_to_string(&input).expect("read");
    let lines: Vec<&str> = text.lines().collect();
    let (summary, records) = lines.split_last().expect("lines");
    let objects: Vec<usize> = (0..records.len())
        .filter(|&i| records[i].contains("\"record\":\"object\""))
        .collect();
    let cut = objects[1] + 1;
    let first = records[..cut].join("\n") + "\n" + summary + "\n";
    let second = records[cut..].join("\n") + "\n" + summary + "\n";
    std::fs::write(out.join("part-1.jsonl"), first).expect("write");
    std::fs::write(out.join("part-2.jsonl"), second).expect("write");
    let merged = parse_jsonl(&run(piiscan()
        .args(["merge", "--format", "jsonl"])
        .arg(out.join("part-1.jsonl"))
        .arg(out.join("part-2.jsonl"))));
    assert_eq!(merged.summary["posture"], json!([exposed_posture()]));
    let merged_rollup = &merged.summary["rollups"][0];
    for name in ["exports/", "logs/"] {
        let name = format!("s3://{BUCKET}/{name}");
        let (a, b) = (prefix(rollup, &name), prefix(merged_rollup, &name));
        for key in [
            "objects",
            "objects_with_findings",
            "findings",
            "score",
            "level",
            "findings_by_category",
        ] {
            assert_eq!(a[key], b[key], "{name} {key}");
        }
    }
    let human = report(&out.join("part-1.jsonl"), "human", &[]);
    assert!(human.contains("Bucket posture:"), "{human}");
    assert!(human.contains(&format!("s3://{BUCKET}/exports/")), "{human}");
}
