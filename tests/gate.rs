//! The CI gate as pipelines use it: baselines, inline `piiscan:ignore`, `piiscan.toml`,
//! `--ignore-test-values`, `--staged` on a real git repository, the shipped pre-commit hook, and
//! output hygiene (progress bar and colour only on terminals). Every test runs the real binary
//! and checks what it reports, not only its exit code.

mod util;

use std::path::Path;
use std::process::Command;

use serde_json::Value;
use util::{CARD_ID, EMAIL_ID, SSN, SSN_ID, Scan, TestDir, parse_jsonl, piiscan, run};

/// A second SSN of the real shape, and a third.
const SSN_2: &str = "536-90-4301";
const SSN_3: &str = "536-90-4302";
/// A Luhn-valid Visa number that is not a published test number.
const CARD: &str = "4539 1488 0343 6467";
const EMAIL: &str = "maria.lopez@northwind-traders.com";

/// `piiscan scan --format jsonl ARGS` run in `dir`.
fn scan_in(dir: &Path, args: &[&str]) -> Scan {
    let out = run(piiscan()
        .current_dir(dir)
        .args(["scan", "--format", "jsonl"])
        .args(args));
    parse_jsonl(&out)
}

/// The findings as sorted `(object, detector, line)`.
fn found(scan: &Scan) -> Vec<(String, String, u64)> {
    let mut v: Vec<_> = scan
        .findings
        .iter()
        .map(|f| {
            (
                f["object"].as_str().unwrap_or_default().to_string(),
                f["detector"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    v.sort();
    v
}

fn triple(object: &str, detector: &str, line: u64) -> (String, String, u64) {
    (object.to_string(), detector.to_string(), line)
}

// ---------------------------------------------------------------------------------------------
// Baselines

/// A project with known findings: two occurrences of one SSN and an email in `a.txt`, a card in
/// `sub/b.txt`.
fn project() -> TestDir {
    let dir = TestDir::new();
    dir.create("a.txt", &format!("SSN: {SSN}\ncontact: {EMAIL}\nSSN again: {SSN}\n"));
    dir.create("sub/b.txt", &format!("paid by card {CARD}\n"));
    dir
}

fn create_baseline(dir: &Path, extra: &[&str]) -> Value {
    let out = run(piiscan()
        .current_dir(dir)
        .args(["baseline", "create", "--output", ".piiscan-baseline.json"])
        .args(extra)
        .arg("."));
    assert_eq!(out.code(), 0, "stderr: {}", out.stderr);
    let text = std::fs::read_to_string(dir.join(".piiscan-baseline.json")).expect("the baseline was written");
    serde_json::from_str(&text).expect("the baseline is JSON")
}

#[test]
fn baseline_records_path_detector_fingerprint_and_count_sorted_without_lines_or_values() {
    let dir = project();
    let baseline = create_baseline(dir.path(), &[]);
    assert_eq!(baseline["version"], 1);
    let entries = baseline["findings"].as_array().expect("findings is an array");
    let keys: Vec<(&str, &str, u64)> = entries
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap(),
                e["detector"].as_str().unwrap(),
                e["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        keys,
        vec![("a.txt", EMAIL_ID, 1), ("a.txt", SSN_ID, 2), ("sub/b.txt", CARD_ID, 1)],
        "{baseline:#}"
    );
    for e in entries {
        let fields: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(fields.len(), 4, "only path, detector, fingerprint, count: {e}");
        assert_eq!(e["fingerprint"].as_str().unwrap().len(), 64);
    }
    let text = std::fs::read_to_string(dir.join(".piiscan-baseline.json")).unwrap();
    for secret in [SSN, "4399", EMAIL, "northwind", CARD, "6467"] {
        assert!(!text.contains(secret), "the baseline holds {secret:?}:\n{text}");
    }
    assert!(!text.contains("line") && !text.contains("time"), "{text}");
}

#[test]
fn baseline_is_identical_after_values_move_between_lines() {
    let dir = project();
    create_baseline(dir.path(), &[]);
    let first = std::fs::read(dir.join(".piiscan-baseline.json")).unwrap();
    dir.create(
        "a.txt",
        &format!("# a header pushed everything down\n\nSSN again: {SSN}\n\ncontact: {EMAIL}\nSSN: {SSN}\n"),
    );
    create_baseline(dir.path(), &[]);
    let second = std::fs::read(dir.join(".piiscan-baseline.json")).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&first),
        String::from_utf8_lossy(&second),
        "moving values changed the baseline"
    );
}

#[test]
fn scan_with_baseline_reports_and_gates_only_new_findings() {
    let dir = project();
    create_baseline(dir.path(), &[]);
    // Known values move down two lines; one new SSN is added.
    dir.create(
        "a.txt",
        &format!("new header\n\nSSN: {SSN}\ncontact: {EMAIL}\nSSN again: {SSN}\nnew hire SSN: {SSN_2}\n"),
    );
    let scan = scan_in(
        dir.path(),
        &["--baseline", ".piiscan-baseline.json", "--fail-on", "medium", "."],
    );
    assert_eq!(found(&scan), vec![triple("./a.txt", SSN_ID, 6)], "{:#?}", scan.findings);
    assert_eq!(scan.findings[0]["masked"], "***-**-4301");
    assert_eq!(scan.code, 1, "the new SSN fails the gate");
    assert_eq!(scan.summary["suppressed"]["baseline"], 4, "{:#}", scan.summary);
    assert_eq!(scan.summary["findings"], 1);
    assert_eq!(scan.object("./a.txt")["finding_count"], 1);

    // With the new value gone, nothing is reported and the gate passes.
    dir.create("a.txt", &format!("SSN: {SSN}\ncontact: {EMAIL}\nSSN again: {SSN}\n"));
    let scan = scan_in(
        dir.path(),
        &["--baseline", ".piiscan-baseline.json", "--fail-on", "low", "."],
    );
    assert_eq!(scan.code, 0, "{:#?}", scan.findings);
    assert!(scan.findings.is_empty());
    assert_eq!(scan.summary["suppressed"]["baseline"], 4);
}

#[test]
fn baseline_suppression_is_in_the_summary_of_human_and_json() {
    let dir = project();
    create_baseline(dir.path(), &[]);
    dir.create("c.txt", &format!("SSN: {SSN_3}\n"));
    let human = run(piiscan()
        .current_dir(dir.path())
        .args(["scan", "--baseline", ".piiscan-baseline.json", "."]));
    assert_eq!(human.code(), 0, "stderr: {}", human.stderr);
    assert!(
        human.stdout.contains("Suppressed 4: 4 in the baseline"),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains("1 finding"), "{}", human.stdout);
    assert!(human.stdout.contains("./c.txt"), "{}", human.stdout);
    assert!(!human.stdout.contains("./a.txt"), "{}", human.stdout);

    let json = run(piiscan().current_dir(dir.path()).args([
        "scan",
        "--format",
        "json",
        "--baseline",
        ".piiscan-baseline.json",
        ".",
    ]));
    let doc: Value = serde_json::from_str(&json.stdout).expect("one JSON document");
    assert_eq!(
        doc["summary"]["suppressed"],
        serde_json::json!({"baseline": 4, "inline": 0, "test_values": 0})
    );
    assert_eq!(doc["summary"]["findings"], 1);
}

#[test]
fn baseline_counts_occurrences_per_object() {
    let dir = project();
    create_baseline(dir.path(), &[]);
    // A third copy of a known SSN in a.txt, and the same SSN in another file: both are new.
    dir.create(
        "a.txt",
        &format!("SSN: {SSN}\ncontact: {EMAIL}\nSSN again: {SSN}\nand again SSN: {SSN}\n"),
    );
    dir.create("sub/c.txt", &format!("SSN: {SSN}\n"));
    let scan = scan_in(dir.path(), &["--baseline", ".piiscan-baseline.json", "."]);
    assert_eq!(
        found(&scan),
        vec![triple("./a.txt", SSN_ID, 4), triple("./sub/c.txt", SSN_ID, 1)],
        "{:#?}",
        scan.findings
    );
    assert_eq!(scan.summary["suppressed"]["baseline"], 4);
}

#[test]
fn baseline_paths_do_not_depend_on_how_the_folder_is_named() {
    let dir = project();
    create_baseline(dir.path(), &[]);
    // Made with `.` from inside the folder; scanned by absolute path from elsewhere.
    let scan = util::scan_jsonl(&["--baseline", &dir.name(".piiscan-baseline.json"), &dir.arg()]);
    assert!(scan.findings.is_empty(), "{:#?}", scan.findings);
    assert_eq!(scan.summary["suppressed"]["baseline"], 4);
}

#[test]
fn baseline_made_with_another_key_is_refused() {
    let dir = project();
    create_baseline(dir.path(), &[]);
    let out = run(piiscan()
        .current_dir(dir.path())
        .env("PIISCAN_FINGERPRINT_KEY", "another-key")
        .args(["scan", "--baseline", ".piiscan-baseline.json", "."]));
    assert_eq!(out.code(), 2, "stdout: {}", out.stdout);
    assert!(out.stderr.contains(".piiscan-baseline.json"), "{}", out.stderr);
    assert!(out.stderr.contains("another fingerprint key"), "{}", out.stderr);
}

#[test]
fn baseline_that_is_not_a_baseline_is_an_error_naming_the_file() {
    let dir = project();
    dir.create("bogus.json", "{\"version\": 1, \"findings\": [], \"extra\": 1}");
    let out = run(piiscan()
        .current_dir(dir.path())
        .args(["scan", "--baseline", "bogus.json", "."]));
    assert_eq!(out.code(), 2);
    assert!(
        out.stderr.contains("bogus.json: not a piiscan baseline"),
        "{}",
        out.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// Inline ignore

const MARKED: &str = "\
SSN: 536-90-4301  # piiscan:ignore
<!-- piiscan:ignore --> SSN: 536-90-4302
SSN: 536-90-4303  // piiscan:ignore EMAIL_ADDRESS
contact: maria.lopez@northwind-traders.com ; piiscan:ignore EMAIL_ADDRESS,PHONE_NUMBER
# piiscan:ignore
SSN: 536-90-4304
# piiscan:ignore-next-line USA_SOCIAL_SECURITY_NUMBER
SSN: 536-90-4305
SSN: 536-90-4306  /* piiscan:ignored is not a marker */
";

#[test]
fn inline_ignore_suppresses_its_own_line_in_any_comment_syntax() {
    let dir = TestDir::new();
    dir.create("marked.txt", MARKED);
    let scan = scan_in(dir.path(), &["marked.txt"]);
    let masked: Vec<&str> = scan.findings.iter().map(|f| f["masked"].as_str().unwrap()).collect();
    let lines: Vec<u64> = scan.findings.iter().map(|f| f["line"].as_u64().unwrap()).collect();
    // Line 3 names another detector; line 6 follows a bare marker (same line only); line 9's
    // marker is glued to a longer word.
    assert_eq!(lines, vec![3, 6, 9], "{:#?}", scan.findings);
    assert_eq!(masked, vec!["***-**-4303", "***-**-4304", "***-**-4306"]);
    assert_eq!(scan.summary["suppressed"]["inline"], 4, "{:#}", scan.summary);
    assert_eq!(scan.summary["findings"], 3);
    assert_eq!(scan.object("marked.txt")["suppressed"]["inline"], 4);

    let human = run(piiscan().current_dir(dir.path()).args(["scan", "marked.txt"]));
    assert!(
        human.stdout.contains("Suppressed 4: 4 marked piiscan:ignore"),
        "{}",
        human.stdout
    );
}

#[test]
fn no_inline_ignore_reports_marked_lines_for_audits() {
    let dir = TestDir::new();
    dir.create("marked.txt", MARKED);
    let scan = scan_in(dir.path(), &["--no-inline-ignore", "marked.txt"]);
    assert_eq!(scan.findings.len(), 7, "{:#?}", scan.findings);
    assert_eq!(scan.summary["suppressed"]["inline"], 0);
}

// ---------------------------------------------------------------------------------------------
// Test values

/// Published test values only: a fixture file.
const FIXTURE: &str = "\
ssn 123-45-6789
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
card 4111 1111 1111 1111
";

#[test]
fn ignore_test_values_lets_fixtures_pass_the_gate() {
    let dir = TestDir::new();
    dir.create("fixtures/payments.txt", FIXTURE);
    let scan = scan_in(dir.path(), &["--fail-on", "low", "fixtures"]);
    assert_eq!(scan.code, 1, "test values are reported (low) and fail a low gate");
    assert_eq!(scan.findings.len(), 3, "{:#?}", scan.findings);
    assert!(
        scan.findings
            .iter()
            .all(|f| f["test_value"] == true && f["severity"] == "low")
    );

    let scan = scan_in(dir.path(), &["--fail-on", "low", "--ignore-test-values", "fixtures"]);
    assert_eq!(scan.code, 0, "{:#?}", scan.findings);
    assert!(scan.findings.is_empty());
    assert_eq!(scan.summary["suppressed"]["test_values"], 3, "{:#}", scan.summary);
    assert_eq!(scan.summary["test_values"], 0);
}

#[test]
fn ignore_test_values_still_fails_on_real_data() {
    let dir = TestDir::new();
    dir.create("fixtures/payments.txt", &format!("{FIXTURE}refund to card {CARD}\n"));
    let scan = scan_in(dir.path(), &["--fail-on", "low", "--ignore-test-values", "fixtures"]);
    assert_eq!(scan.code, 1);
    assert_eq!(found(&scan), vec![triple("fixtures/payments.txt", CARD_ID, 4)]);
    assert_eq!(scan.findings[0]["test_value"], false);
    assert_eq!(scan.summary["suppressed"]["test_values"], 3);
}

// ---------------------------------------------------------------------------------------------
// piiscan.toml

#[test]
fn config_file_sets_format_and_fail_on_and_flags_override_it() {
    let dir = TestDir::new();
    dir.create("piiscan.toml", "format = \"jsonl\"\nfail_on = \"low\"\n");
    dir.create("data/a.txt", &format!("SSN: {SSN}\n"));
    let out = run(piiscan().current_dir(dir.path()).args(["scan", "data"]));
    let scan = parse_jsonl(&out);
    assert_eq!(scan.code, 1, "fail_on = low from the file");
    assert_eq!(scan.findings_of(SSN_ID).len(), 1);

    let out = run(piiscan().current_dir(dir.path()).args([
        "scan",
        "--format",
        "json",
        "--fail-on",
        "high",
        "--ignore-test-values",
        "data",
    ]));
    let doc: Value = serde_json::from_str(&out.stdout).expect("--format json wins over the file");
    assert_eq!(doc["summary"]["findings"], 1);
    assert_eq!(out.code(), 1, "the SSN is high: {}", out.stdout);

    let out = run(piiscan().current_dir(dir.path()).args(["scan", "--no-config", "data"]));
    assert_eq!(out.code(), 0, "no gate without the file");
    assert!(
        out.stdout.contains("1 finding"),
        "human format without the file: {}",
        out.stdout
    );
}

#[test]
fn config_unknown_key_names_file_line_and_key() {
    let dir = TestDir::new();
    dir.create(
        "piiscan.toml",
        "format = \"jsonl\"\n\n[paths]\nexclude = [\"x/**\"]\nexclude_dirs = [\"y\"]\n",
    );
    dir.create("a.txt", "nothing\n");
    let out = run(piiscan().current_dir(dir.path()).args(["scan", "a.txt"]));
    assert_eq!(out.code(), 2);
    assert!(out.stderr.contains("piiscan.toml:5:"), "{}", out.stderr);
    assert!(out.stderr.contains("unknown key `exclude_dirs`"), "{}", out.stderr);

    dir.create("other.toml", "formt = \"json\"\n");
    let out = run(piiscan()
        .current_dir(dir.path())
        .args(["scan", "--config", "other.toml", "a.txt"]));
    assert_eq!(out.code(), 2);
    assert!(out.stderr.contains("other.toml:1:"), "{}", out.stderr);
    assert!(out.stderr.contains("`formt`"), "{}", out.stderr);
}

#[test]
fn config_bad_values_name_the_line_and_the_choices() {
    let dir = TestDir::new();
    dir.create("a.txt", "nothing\n");
    dir.create("piiscan.toml", "# gate\nfail_on = \"severe\"\n");
    let out = run(piiscan().current_dir(dir.path()).args(["scan", "a.txt"]));
    assert_eq!(out.code(), 2);
    assert!(out.stderr.contains("piiscan.toml:2:"), "{}", out.stderr);
    assert!(out.stderr.contains("low, medium, high"), "{}", out.stderr);

    dir.create(
        "piiscan.toml",
        "[detectors]\ndisable = [\n  \"PHONE_NUMBER\",\n  \"EMAIL_ADRESS\",\n]\n",
    );
    let out = run(piiscan().current_dir(dir.path()).args(["scan", "a.txt"]));
    assert_eq!(out.code(), 2);
    assert!(out.stderr.contains("piiscan.toml:4:"), "{}", out.stderr);
    assert!(out.stderr.contains("`EMAIL_ADRESS`"), "{}", out.stderr);
}

#[test]
fn config_allow_lists_global_regex_and_per_detector() {
    let dir = TestDir::new();
    dir.create(
        "data.txt",
        &format!("SSN: {SSN}\nSSN: {SSN_2}\ncontact: {EMAIL}\ncontact: support@contoso-helpdesk.com\ncard {CARD}\n"),
    );
    dir.create(
        "piiscan.toml",
        &format!(
            "[allow]\nvalues = [\"{SSN}\"]\n\n[allow.detector.EMAIL_ADDRESS]\nregexes = ['.*@contoso-helpdesk\\.com']\n\n\
             [allow.detector.CREDIT_CARD_NUMBER]\nvalues = [\"{SSN_2}\"]\n"
        ),
    );
    let scan = scan_in(dir.path(), &["data.txt"]);
    let masked: Vec<&str> = scan.findings.iter().map(|f| f["masked"].as_str().unwrap()).collect();
    // The per-detector entry for cards does not allow an SSN.
    assert_eq!(found(&scan).len(), 3, "{:#?}", scan.findings);
    assert!(masked.contains(&"***-**-4301"), "{masked:?}");
    assert!(!masked.contains(&"***-**-4399"), "{masked:?}");
    assert_eq!(scan.findings_of(EMAIL_ID).len(), 1);
    assert_eq!(
        scan.summary["candidates_dropped"]["allow_list"], 2,
        "{:#}",
        scan.summary
    );

    // --allow on the command line adds to the file's list.
    let scan = scan_in(dir.path(), &["--allow", SSN_2, "data.txt"]);
    assert_eq!(scan.findings_of(SSN_ID).len(), 0, "{:#?}", scan.findings);
}

#[test]
fn config_paths_and_detector_files_are_relative_to_the_config_file() {
    let dir = TestDir::new();
    dir.create(
        "ci/piiscan.toml",
        "ignore_test_values = true\n\n[detectors]\nfiles = [\"employee.toml\"]\n\n\
         [paths]\nexclude = [\"fixtures/**\", \"*.min.js\"]\n",
    );
    dir.create(
        "ci/employee.toml",
        r#"[[detector]]
id = "EMPLOYEE_ID"
name = "Employee id"
category = "personal"
description = "Test detector."
pattern = '\bEMP-(?P<value>\d{6})\b'
anchors = ["EMP-"]
max_length = 10
examples = ["EMP-482913"]
negative_examples = ["EMP-48291"]
"#,
    );
    dir.create("repo/src/hr.txt", &format!("owner EMP-482913\n{FIXTURE}"));
    dir.create("repo/fixtures/people.txt", &format!("SSN: {SSN}\n"));
    dir.create("repo/web/app.min.js", &format!("var s='SSN: {SSN}'\n"));
    let scan = scan_in(dir.path(), &["--config", "ci/piiscan.toml", "repo"]);
    assert_eq!(
        found(&scan),
        vec![triple("repo/src/hr.txt", "EMPLOYEE_ID", 1)],
        "{:#?}",
        scan.findings
    );
    assert_eq!(scan.summary["objects_excluded"], 2, "{:#}", scan.summary);
    assert_eq!(scan.summary["objects_scanned"], 1);
    assert_eq!(scan.summary["suppressed"]["test_values"], 3);

    // --include on the command line restricts further.
    let scan = scan_in(
        dir.path(),
        &["--config", "ci/piiscan.toml", "--include", "web/**", "repo"],
    );
    assert_eq!(scan.summary["objects_scanned"], 0, "{:#}", scan.summary);
    assert_eq!(scan.summary["objects_excluded"], 3);
}

#[test]
fn config_missing_file_is_an_error() {
    let dir = TestDir::new();
    let out = run(piiscan()
        .current_dir(dir.path())
        .args(["scan", "--config", "nope.toml", "."]));
    assert_eq!(out.code(), 2);
    assert!(out.stderr.contains("nope.toml"), "{}", out.stderr);
}

#[test]
fn config_baseline_and_key_file_are_used_by_scan() {
    let dir = project();
    dir.create("keys/ci.key", "a-key-kept-outside-the-repository\n");
    let key = dir.name("keys/ci.key");
    let out = run(piiscan()
        .current_dir(dir.path())
        .env_remove("PIISCAN_FINGERPRINT_KEY")
        .args(["baseline", "create", "--fingerprint-key-file", &key, "."]));
    assert_eq!(out.code(), 0, "stderr: {}", out.stderr);
    dir.create(
        "piiscan.toml",
        "fail_on = \"low\"\nbaseline = \".piiscan-baseline.json\"\nfingerprint_key_file = \"keys/ci.key\"\n\
         [paths]\nexclude = [\"keys/**\"]\n",
    );
    let out = run(piiscan()
        .current_dir(dir.path())
        .env_remove("PIISCAN_FINGERPRINT_KEY")
        .args(["scan", "--format", "jsonl", "."]));
    let scan = parse_jsonl(&out);
    assert_eq!(scan.code, 0, "{:#?}\n{}", scan.findings, scan.stderr);
    assert_eq!(scan.summary["suppressed"]["baseline"], 4);
}

// ---------------------------------------------------------------------------------------------
// --staged and the pre-commit hook

/// git with no user or system configuration, run in `dir`.
fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn repo() -> TestDir {
    let dir = TestDir::new();
    git(dir.path(), &["init", "-q", "."]);
    dir
}

#[test]
fn staged_gate_fails_on_a_staged_value_and_passes_once_it_is_unstaged() {
    let dir = repo();
    dir.create("config/app.env", &format!("OWNER_SSN={SSN}\n"));
    dir.create("README.txt", "nothing sensitive\n");
    git(dir.path(), &["add", "config/app.env", "README.txt"]);
    let scan = scan_in(dir.path(), &["--staged", "--fail-on", "medium"]);
    assert_eq!(scan.code, 1, "{:#?}", scan.findings);
    assert_eq!(found(&scan), vec![triple("config/app.env", SSN_ID, 1)]);
    assert_eq!(scan.summary["objects_scanned"], 2);

    // The index now holds a clean version; the working tree still has the value, and is not read.
    std::fs::write(dir.join("config/app.env"), "OWNER_SSN=redacted\n").unwrap();
    git(dir.path(), &["add", "config/app.env"]);
    std::fs::write(dir.join("config/app.env"), format!("OWNER_SSN={SSN}\n")).unwrap();
    let scan = scan_in(dir.path(), &["--staged", "--fail-on", "medium"]);
    assert_eq!(scan.code, 0, "{:#?}", scan.findings);
    assert!(scan.findings.is_empty());
    assert_eq!(scan.object("config/app.env")["size"], "OWNER_SSN=redacted\n".len());

    // And the other way round: a value only in the index is found.
    std::fs::write(dir.join("notes.txt"), format!("contact {EMAIL}\n")).unwrap();
    git(dir.path(), &["add", "notes.txt"]);
    std::fs::write(dir.join("notes.txt"), "clean\n").unwrap();
    let scan = scan_in(dir.path(), &["--staged"]);
    assert_eq!(found(&scan), vec![triple("notes.txt", EMAIL_ID, 1)]);
}

#[test]
fn staged_paths_are_repository_paths_and_pathspecs_restrict() {
    let dir = repo();
    dir.create("a/one.txt", &format!("SSN: {SSN}\n"));
    dir.create("b/two.txt", &format!("SSN: {SSN_2}\n"));
    git(dir.path(), &["add", "."]);
    git(
        dir.path(),
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t.invalid",
            "commit",
            "-q",
            "-m",
            "first",
        ],
    );
    // Committed and unchanged files are not staged changes.
    let scan = scan_in(dir.path(), &["--staged"]);
    assert_eq!(scan.summary["objects_scanned"], 0, "{:#}", scan.summary);

    dir.create("a/one.txt", &format!("SSN: {SSN}\nSSN: {SSN_3}\n"));
    dir.create("b/three.txt", &format!("SSN: {SSN_3}\n"));
    git(dir.path(), &["add", "."]);
    // From a subfolder, names are still repository paths.
    let scan = scan_in(&dir.join("b"), &["--staged"]);
    assert_eq!(
        found(&scan),
        vec![
            triple("a/one.txt", SSN_ID, 1),
            triple("a/one.txt", SSN_ID, 2),
            triple("b/three.txt", SSN_ID, 1)
        ]
    );
    let scan = scan_in(dir.path(), &["--staged", "b"]);
    assert_eq!(found(&scan), vec![triple("b/three.txt", SSN_ID, 1)]);
}

#[test]
fn staged_outside_a_repository_is_a_clear_error() {
    let dir = TestDir::new();
    let out = run(piiscan()
        .current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .args(["scan", "--staged"]));
    assert_eq!(out.code(), 2);
    assert!(out.stderr.contains("not inside a git repository"), "{}", out.stderr);
}

/// The `entry` of the shipped hook with id `id`, as arguments.
fn hook_entry(id: &str) -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"))
        .expect(".pre-commit-hooks.yaml is shipped");
    let block = text
        .split("- id: ")
        .find(|b| b.starts_with(id))
        .unwrap_or_else(|| panic!("no hook {id} in:\n{text}"));
    let entry = block
        .lines()
        .find_map(|l| l.trim().strip_prefix("entry: "))
        .unwrap_or_else(|| panic!("hook {id} has no entry"));
    entry.split_whitespace().map(str::to_string).collect()
}

#[test]
fn pre_commit_hook_entry_gates_the_staged_files() {
    let entry = hook_entry("piiscan");
    assert_eq!(entry[0], "piiscan");
    assert!(entry.contains(&"--staged".to_string()), "{entry:?}");
    let dir = repo();
    dir.create("customers.csv", &format!("name,ssn\nMaria Lopez,{SSN}\n"));
    git(dir.path(), &["add", "customers.csv"]);
    let out = run(piiscan().current_dir(dir.path()).args(&entry[1..]));
    assert_eq!(out.code(), 1, "stdout: {}\nstderr: {}", out.stdout, out.stderr);
    assert!(out.stdout.contains("customers.csv"), "{}", out.stdout);
    assert!(out.stdout.contains(SSN_ID), "{}", out.stdout);

    git(dir.path(), &["rm", "-q", "--cached", "customers.csv"]);
    let out = run(piiscan().current_dir(dir.path()).args(&entry[1..]));
    assert_eq!(out.code(), 0, "stdout: {}\nstderr: {}", out.stdout, out.stderr);
}

// ---------------------------------------------------------------------------------------------
// Progress and colour: only on terminals

/// Runs `piiscan ARGS` under a pseudo-terminal with `script` (util-linux), returning everything
/// it wrote to the terminal; None (and a message) when `script` is not installed.
fn on_terminal(dir: &Path, args: &[&str], no_color: bool) -> Option<String> {
    let probe = Command::new("script").arg("--version").output();
    if probe.is_err() {
        eprintln!("skipped: `script` (util-linux) is not installed, so no terminal can be simulated");
        return None;
    }
    let mut command = String::from(env!("CARGO_BIN_EXE_piiscan"));
    for a in args {
        command.push_str(&format!(" '{a}'"));
    }
    let mut cmd = Command::new("script");
    cmd.current_dir(dir)
        .args(["-qec", &command, "/dev/null"])
        .env("PIISCAN_FINGERPRINT_KEY", "test-key")
        .env("TERM", "xterm")
        .env("COLUMNS", "120");
    if no_color {
        cmd.env("NO_COLOR", "1");
    } else {
        cmd.env_remove("NO_COLOR");
    }
    let out = run(&mut cmd);
    Some(out.stdout)
}

/// A folder big enough that a scan takes a few hundred milliseconds.
fn big_folder() -> TestDir {
    let dir = TestDir::new();
    let line = "2024-05-01T10:00:00Z INFO request handled in 12 ms for tenant alpha-west-7\n";
    let body = line.repeat(40 * 1024 * 1024 / line.len() / 8);
    for i in 0..8 {
        dir.create(&format!("logs/app-{i}.log"), &body);
    }
    dir.create("logs/app-8.log", &format!("SSN: {SSN}\n"));
    dir
}

#[test]
fn progress_bar_is_drawn_on_a_terminal_and_hidden_with_quiet() {
    let dir = big_folder();
    let args = [
        "scan",
        "--threads",
        "1",
        "--progress-delay-ms",
        "0",
        "--format",
        "json",
        "--output",
        "report.json",
        "logs",
    ];
    let Some(shown) = on_terminal(dir.path(), &args, true) else {
        return;
    };
    assert!(shown.contains("objects"), "no progress on the terminal: {shown:?}");
    assert!(shown.contains("/s"), "no throughput: {shown:?}");
    let report: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["summary"]["findings"], 1, "the report is unaffected");

    let mut quiet = args.to_vec();
    quiet.insert(1, "--quiet");
    let hidden = on_terminal(dir.path(), &quiet, true).unwrap();
    assert!(!hidden.contains("objects"), "--quiet still drew progress: {hidden:?}");
}

#[test]
fn progress_bar_is_hidden_when_stderr_is_not_a_terminal() {
    let dir = big_folder();
    let out =
        run(piiscan()
            .current_dir(dir.path())
            .args(["scan", "--threads", "1", "--progress-delay-ms", "0", "logs"]));
    assert_eq!(out.code(), 0);
    assert_eq!(out.stderr, "", "stderr is a pipe: nothing but errors belongs there");
    assert!(out.stdout.contains("1 finding"), "{}", out.stdout);
}

#[test]
fn human_output_is_coloured_only_on_a_terminal_without_no_color() {
    let dir = TestDir::new();
    dir.create("a.txt", &format!("SSN: {SSN}\n"));
    let Some(coloured) = on_terminal(dir.path(), &["scan", "--quiet", "a.txt"], false) else {
        return;
    };
    assert!(coloured.contains("\x1b["), "no colour on a terminal: {coloured:?}");
    assert!(coloured.contains(SSN_ID));
    let plain = on_terminal(dir.path(), &["scan", "--quiet", "a.txt"], true).unwrap();
    assert!(!plain.contains("\x1b["), "colour despite NO_COLOR: {plain:?}");
    assert!(plain.contains(SSN_ID));
    let piped = run(piiscan().env_remove("NO_COLOR").args(["scan", &dir.name("a.txt")]));
    assert!(!piped.stdout.contains('\x1b'), "colour in a pipe: {:?}", piped.stdout);
}

// ---------------------------------------------------------------------------------------------
// The documented examples work

/// The first fenced block of `lang` in a file of this repository.
fn doc_block(file: &str, lang: &str) -> String {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).expect("the doc exists");
    let open = format!("```{lang}\n");
    let start = text.find(&open).unwrap_or_else(|| panic!("no {lang} block in {file}")) + open.len();
    let end = start + text[start..].find("```").expect("the block is closed");
    text[start..end].to_string()
}

#[test]
fn config_example_in_the_docs_is_accepted() {
    let dir = project();
    dir.create("piiscan.toml", &doc_block("docs/config.md", "toml"));
    dir.create(
        "piiscan/detectors.toml",
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("detectors/personal/uk.toml"))
            .unwrap()
            .replace("id = \"", "id = \"DOC_"),
    );
    // The file names `baseline = ".piiscan-baseline.json"`: `baseline create` makes it.
    let out = run(piiscan().current_dir(dir.path()).args(["baseline", "create", "."]));
    assert_eq!(out.code(), 0, "stderr: {}", out.stderr);
    let out = run(piiscan().current_dir(dir.path()).args(["scan", "."]));
    assert_eq!(
        out.code(),
        0,
        "everything is in the baseline: {}\n{}",
        out.stdout,
        out.stderr
    );
    assert!(out.stdout.contains("No findings."), "{}", out.stdout);
    dir.create("a.txt", &format!("SSN: {SSN}\nSSN: {SSN_2}\n"));
    let out = run(piiscan().current_dir(dir.path()).args(["scan", "."]));
    assert_eq!(
        out.code(),
        1,
        "fail_on = medium and the new SSN: {}\n{}",
        out.stdout,
        out.stderr
    );
    assert!(out.stdout.contains("1 finding"), "{}", out.stdout);
    assert!(out.stdout.contains("***-**-4301"), "{}", out.stdout);
    assert!(out.stdout.contains("in the baseline"), "{}", out.stdout);
}

#[test]
fn baseline_create_writes_where_the_config_file_says() {
    let dir = project();
    dir.mkdir("ci");
    dir.create("piiscan.toml", "baseline = \"ci/known.json\"\nfail_on = \"low\"\n");
    let out = run(piiscan().current_dir(dir.path()).args(["baseline", "create", "."]));
    assert_eq!(out.code(), 0, "stderr: {}", out.stderr);
    assert!(out.stderr.contains("ci/known.json"), "{}", out.stderr);
    let written: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("ci/known.json")).unwrap()).unwrap();
    assert_eq!(written["findings"].as_array().map(Vec::len), Some(3));
    assert!(!dir.join(".piiscan-baseline.json").exists());
    let scan = scan_in(dir.path(), &["."]);
    assert_eq!(scan.code, 0, "{:#?}", scan.findings);
    assert_eq!(scan.summary["suppressed"]["baseline"], 4);
}

#[test]
fn staged_scan_honours_a_baseline_made_from_the_working_tree() {
    let dir = repo();
    dir.create("data/known.csv", &format!("ssn\n{SSN}\n"));
    git(dir.path(), &["add", "data/known.csv"]);
    let out = run(piiscan().current_dir(dir.path()).args(["baseline", "create", "."]));
    assert_eq!(out.code(), 0, "stderr: {}", out.stderr);
    dir.create("data/new.csv", &format!("ssn\n{SSN_2}\n"));
    git(dir.path(), &["add", "data/new.csv"]);
    let scan = scan_in(
        dir.path(),
        &[
            "--staged",
            "--baseline",
            ".piiscan-baseline.json",
            "--fail-on",
            "medium",
        ],
    );
    assert_eq!(
        found(&scan),
        vec![triple("data/new.csv", SSN_ID, 2)],
        "{:#?}",
        scan.findings
    );
    assert_eq!(scan.summary["suppressed"]["baseline"], 1);
    assert_eq!(scan.code, 1);
}
