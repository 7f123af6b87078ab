//! The precision/recall test over `corpora/`: scans `corpora/core` with the real binary and matches
//! every finding to `corpora/expected.jsonl`, the values `corpora/generate/main.rs` planted, by file, line
//! and detector (and `member`, for values inside archives). A detector whose recall is under `MIN_RECALL` is `Missing`; one whose precision is
//! under `MIN_PRECISION` is `Noisy`. Either fails the test, which prints the table and the first
//! misses and false positives of each detector. Findings on the right line with another value
//! (`WrongSpan`) and `test_value` flags that differ from the label are listed but do not fail.
//!
//! When the generator changes, regenerate with
//! `cargo run --release --example gen-corpus -- labelled corpora` and commit the result.

mod util;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::Value;
use util::{parse_jsonl, piiscan, run};

const MIN_RECALL: f64 = 0.95;
const MIN_PRECISION: f64 = 0.97;
/// Misses and false positives listed per detector.
const LISTED: usize = 10;

/// A sensitive value at a place in the corpus: planted (expected) or reported (found).
#[derive(Clone, Debug)]
struct Occurrence {
    file: String,
    line: u64,
    detector: String,
    value: String,
    test_value: bool,
    /// The report's masked context; empty for planted values.
    context: String,
}

impl Occurrence {
    fn key(&self) -> (String, u64, String) {
        (self.file.clone(), self.line, self.detector.clone())
    }

    fn describe(&self) -> String {
        let value: String = self.value.replace('\n', "⏎").chars().take(90).collect();
        format!("{}:{} {value:?}", self.file, self.line)
    }
}

/// What is wrong with one detector over the corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    /// Recall under `MIN_RECALL`: planted values not found.
    Missing,
    /// Precision under `MIN_PRECISION`: findings where nothing was planted.
    Noisy,
}

/// One detector's counts and the occurrences behind them.
#[derive(Debug, Default)]
struct Tally {
    expected: usize,
    found: usize,
    true_positives: usize,
    misses: Vec<Occurrence>,
    false_positives: Vec<Occurrence>,
    /// Matched by file, line and detector, but the reported value differs from the planted one.
    wrong_spans: Vec<(Occurrence, Occurrence)>,
    /// Published test values reported without `test_value: true`, or the reverse.
    test_value_mismatches: Vec<Occurrence>,
}

impl Tally {
    /// True positives over findings. With no findings it is 1: recall judges that case.
    fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.true_positives as f64 / self.found as f64
        }
    }

    fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.true_positives as f64 / self.expected as f64
        }
    }

    fn verdicts(&self) -> Vec<Verdict> {
        let mut verdicts = Vec::new();
        if self.recall() < MIN_RECALL {
            verdicts.push(Verdict::Missing);
        }
        if self.precision() < MIN_PRECISION {
            verdicts.push(Verdict::Noisy);
        }
        verdicts
    }
}

fn corpora() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora")
}

fn read_expected() -> Vec<Occurrence> {
    let path = corpora().join("expected.jsonl");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; generate it with `cargo run --release --example gen-corpus -- labelled corpora`",
            path.display()
        )
    });
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            let record: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}:{}: not JSON ({e}): {line}", path.display(), i + 1));
            Occurrence {
                file: with_member(string(&record, "file"), &record),
                line: record["line"]
                    .as_u64()
                    .unwrap_or_else(|| panic!("{}:{}: no line", path.display(), i + 1)),
                detector: string(&record, "detector"),
                value: string(&record, "value"),
                test_value: record["test_value"].as_bool().unwrap_or(false),
                context: String::new(),
            }
        })
        .collect()
}

/// Every finding of `piiscan scan corpora/core`, with files named relative to `corpora/`.
fn scan_core() -> Vec<Occurrence> {
    let out = run(piiscan()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PIISCAN_FINGERPRINT_KEY", "test")
        .args([
            "scan",
            "corpora/core",
            "--format",
            "jsonl",
            "--reveal",
            "--max-findings-per-object",
            "0",
        ]));
    let scan = parse_jsonl(&out);
    assert_eq!(scan.code, 0, "piiscan scan corpora/core failed:\n{}", scan.stderr);
    let skipped: Vec<&Value> = scan.objects.iter().filter(|o| !o["skipped"].is_null()).collect();
    assert!(skipped.is_empty(), "objects of the corpus were skipped: {skipped:#?}");
    scan.findings
        .iter()
        .map(|f| {
            let object = string(f, "object");
            Occurrence {
                file: with_member(object.strip_prefix("corpora/").unwrap_or(&object).to_string(), f),
                line: f["line"].as_u64().expect("a finding has a line"),
                detector: string(f, "detector"),
                value: string(f, "value"),
                test_value: f["test_value"].as_bool().unwrap_or(false),
                context: string(f, "context"),
            }
        })
        .collect()
}

/// A file and, for a value inside an archive, its `member`: `core/containers/bundle.zip!config/app.env`.
fn with_member(file: String, record: &Value) -> String {
    match record["member"].as_str() {
        Some(member) => format!("{file}!{member}"),
        None => file,
    }
}

fn string(record: &Value, field: &str) -> String {
    record[field]
        .as_str()
        .unwrap_or_else(|| panic!("no string field `{field}` in {record}"))
        .to_string()
}

/// Pairs planted and reported values that share file, line and detector: equal values first, then
/// the rest in order of appearance. Unpaired planted values are misses, unpaired findings are
/// false positives.
fn tally(expected: Vec<Occurrence>, found: Vec<Occurrence>) -> BTreeMap<String, Tally> {
    type Place = (String, u64, String);
    let mut groups: BTreeMap<Place, (Vec<Occurrence>, Vec<Occurrence>)> = BTreeMap::new();
    for e in expected {
        groups.entry(e.key()).or_default().0.push(e);
    }
    for f in found {
        groups.entry(f.key()).or_default().1.push(f);
    }
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for ((_, _, detector), (mut planted, mut reported)) in groups {
        let t = tallies.entry(detector).or_default();
        t.expected += planted.len();
        t.found += reported.len();
        let mut pairs = Vec::new();
        reported.retain(|f| match planted.iter().position(|e| e.value == f.value) {
            Some(i) => {
                pairs.push((planted.remove(i), f.clone()));
                false
            }
            None => true,
        });
        let unequal = planted.len().min(reported.len());
        for (e, f) in planted.drain(..unequal).zip(reported.drain(..unequal)) {
            t.wrong_spans.push((e.clone(), f.clone()));
            pairs.push((e, f));
        }
        t.true_positives += pairs.len();
        for (e, f) in pairs {
            if e.test_value != f.test_value {
                t.test_value_mismatches.push(f);
            }
        }
        t.misses.extend(planted);
        t.false_positives.extend(reported);
    }
    tallies
}

fn report(tallies: &BTreeMap<String, Tally>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<44} {:>8} {:>6} {:>6} {:>9} {:>7}  verdict",
        "detector", "expected", "found", "tp", "precision", "recall"
    );
    let mut total = Tally::default();
    for (detector, t) in tallies {
        let verdicts = t.verdicts();
        let verdict = if verdicts.is_empty() {
            "ok".to_string()
        } else {
            format!("{verdicts:?}")
        };
        let _ = writeln!(
            out,
            "{detector:<44} {:>8} {:>6} {:>6} {:>9.3} {:>7.3}  {verdict}",
            t.expected,
            t.found,
            t.true_positives,
            t.precision(),
            t.recall()
        );
        total.expected += t.expected;
        total.found += t.found;
        total.true_positives += t.true_positives;
    }
    let _ = writeln!(
        out,
        "{:<44} {:>8} {:>6} {:>6} {:>9.3} {:>7.3}",
        "all detectors",
        total.expected,
        total.found,
        total.true_positives,
        total.precision(),
        total.recall()
    );
    for (detector, t) in tallies {
        let sections: [(&str, Vec<String>); 4] = [
            (
                "Missing (planted, not found)",
                t.misses.iter().map(Occurrence::describe).collect(),
            ),
            (
                "Noisy (found, not planted)",
                t.false_positives
                    .iter()
                    .map(|f| format!("{}  context: {}", f.describe(), f.context))
                    .collect(),
            ),
            (
                "WrongSpan (same line, other value)",
                t.wrong_spans
                    .iter()
                    .map(|(e, f)| format!("{} reported as {:?}", e.describe(), f.value.replace('\n', "⏎")))
                    .collect(),
            ),
            (
                "test_value flag differs from the label",
                t.test_value_mismatches
                    .iter()
                    .map(|f| format!("{} test_value={}", f.describe(), f.test_value))
                    .collect(),
            ),
        ];
        for (title, items) in sections {
            if items.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{detector}: {title}: {}", items.len());
            for item in items.iter().take(LISTED) {
                let _ = writeln!(out, "  {item}");
            }
            if items.len() > LISTED {
                let _ = writeln!(out, "  ... and {} more", items.len() - LISTED);
            }
        }
    }
    out
}

#[test]
fn every_detector_meets_precision_and_recall_on_the_corpus() {
    let tallies = tally(read_expected(), scan_core());
    let table = report(&tallies);
    println!("{table}");
    let failing: Vec<String> = tallies
        .iter()
        .filter(|(_, t)| !t.verdicts().is_empty())
        .map(|(detector, t)| format!("{detector} {:?}", t.verdicts()))
        .collect();
    assert!(
        failing.is_empty(),
        "detectors under recall {MIN_RECALL} or precision {MIN_PRECISION}: {}\n\n{table}",
        failing.join(", ")
    );
}

#[test]
fn expected_findings_cover_every_detector() {
    let out = run(piiscan().args(["detectors", "list", "--format", "json"]));
    assert_eq!(out.code(), 0, "piiscan detectors list failed:\n{}", out.stderr);
    let listed: Value = serde_json::from_str(&out.stdout).expect("detectors list --format json is JSON");
    let ids: BTreeSet<String> = listed
        .as_array()
        .expect("detectors list --format json is an array")
        .iter()
        .map(|d| string(d, "id"))
        .collect();
    assert!(!ids.is_empty(), "no detectors listed");
    let covered: BTreeSet<String> = read_expected().into_iter().map(|e| e.detector).collect();
    let uncovered: Vec<&String> = ids.difference(&covered).collect();
    assert!(
        uncovered.is_empty(),
        "corpora/expected.jsonl plants no value for {uncovered:?}: add values in corpora/generate/main.rs \
         and run `cargo run --release --example gen-corpus -- labelled corpora`"
    );
}
