//! The command line as a user relies on it: what a scan finds and where, the report formats, what
//! never leaks, exit codes, the `detectors` commands, custom detector files, the summary's
//! counters, filtering flags, and values that straddle window boundaries.

mod util;

use serde_json::Value;
use util::{AWS_ID, CARD_ID, EMAIL_ID, SSN, SSN_ID, TestDir, line_column, piiscan, run, scan_jsonl, scan_jsonl_stdin};

/// An AWS access key id of the real shape (AKIA + 16 of A-Z2-7), not AWS's documented example.
const AWS_KEY: &str = "AKIAQ3EGUXV7LJNZX2PF";
/// A Luhn-valid Visa number, grouped as people write it.
const CARD: &str = "4539 1488 0343 6467";
const EMAIL: &str = "maria.lopez@northwind-traders.com";

/// One value of each kind, one a line, each with the keyword its detector may need.
fn planted_text() -> String {
    format!(
        "name on file: Maria Lopez\n\
         SSN: {SSN}\n\
         aws_access_key_id = {AWS_KEY}\n\
         paid by card {CARD} last month\n\
         contact: {EMAIL}\n"
    )
}

/// A folder holding `planted.txt` with `planted_text()`.
fn planted_dir() -> TestDir {
    let dir = TestDir::new();
    dir.create("planted.txt", &planted_text());
    dir
}

fn only_finding<'a>(findings: &[&'a Value], what: &str) -> &'a Value {
    assert_eq!(findings.len(), 1, "expected one {what} finding, got {findings:#?}");
    findings[0]
}

#[test]
fn scan_reports_each_planted_value_with_line_column_and_object() {
    let dir = planted_dir();
    let scan = scan_jsonl(&[&dir.arg()]);
    assert_eq!(scan.code, 0, "stderr: {}", scan.stderr);
    let text = planted_text();
    let object = dir.name("planted.txt");
    for (id, value) in [(SSN_ID, SSN), (AWS_ID, AWS_KEY), (CARD_ID, CARD), (EMAIL_ID, EMAIL)] {
        let finding = only_finding(&scan.findings_of(id), id);
        let (line, column) = line_column(text.as_bytes(), value);
        assert_eq!(finding["object"], object.as_str(), "{id}");
        assert_eq!(finding["line"], line, "{id}: {finding:#}");
        assert_eq!(finding["column"], column, "{id}: {finding:#}");
        assert_eq!(finding["length"], value.len(), "{id}: {finding:#}");
    }
}

#[test]
fn stdin_dash_is_scanned_as_object_dash() {
    let text = format!("first line\nSSN: {SSN}\n");
    let scan = scan_jsonl_stdin(&["-"], text.as_bytes());
    assert_eq!(scan.code, 0, "stderr: {}", scan.stderr);
    let finding = only_finding(&scan.findings_of(SSN_ID), SSN_ID);
    assert_eq!(finding["object"], "-");
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(2), Some(6))
    );
    assert_eq!(scan.object("-")["skipped"], Value::Null);
}

#[test]
fn json_format_has_schema_version_summary_and_objects_with_findings() {
    let dir = planted_dir();
    let out = run(piiscan().args(["scan", "--format", "json", &dir.arg()]));
    assert_eq!(out.code(), 0, "stderr: {}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).expect("--format json prints one JSON document");
    assert_eq!(doc["schema_version"], 1);
    assert!(doc["summary"].is_object(), "{doc:#}");
    assert_eq!(doc["summary"]["objects_scanned"], 1);
    let objects = doc["objects"].as_array().expect("objects is an array");
    assert_eq!(objects.len(), 1);
    assert_eq!(objects[0]["object"], dir.name("planted.txt").as_str());
    let findings = objects[0]["findings"]
        .as_array()
        .expect("objects[].findings is an array");
    assert!(findings.iter().any(|f| f["detector"] == SSN_ID), "{findings:#?}");
}

#[test]
fn output_file_is_written_with_mode_0600_and_nothing_on_stdout() {
    use std::os::unix::fs::PermissionsExt;
    let dir = planted_dir();
    let out_dir = TestDir::new();
    let report = out_dir.join("report.jsonl");
    let out = run(piiscan()
        .args(["scan", "--format", "jsonl", "--output"])
        .arg(&report)
        .arg(dir.path()));
    assert_eq!(out.code(), 0, "stderr: {}", out.stderr);
    assert_eq!(out.stdout, "", "a report written to a file prints nothing on stdout");
    let mode = std::fs::metadata(&report)
        .expect("the report file exists")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "report mode is {:o}", mode & 0o777);
    let text = std::fs::read_to_string(&report).expect("read the report");
    assert!(
        text.lines().last().is_some_and(|l| l.contains(r#""record":"summary""#)),
        "report is complete: {text}"
    );
    assert!(text.contains(SSN_ID));
    let leftovers: Vec<_> = std::fs::read_dir(out_dir.path())
        .expect("list the report folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".piiscan-report-") && n.ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary report files left behind: {leftovers:?}"
    );
}

#[test]
fn full_values_appear_nowhere_without_reveal() {
    let dir = planted_dir();
    for format in ["human", "json", "jsonl"] {
        let out = run(piiscan().args(["scan", "--format", format, &dir.arg()]));
        assert_eq!(out.code(), 0, "{format}: stderr: {}", out.stderr);
        assert!(
            out.stdout.contains(SSN_ID),
            "{format} output reports the SSN: {}",
            out.stdout
        );
        for raw in [SSN, "536904399", CARD, "4539148803436467", AWS_KEY] {
            assert!(
                !out.stdout.contains(raw),
                "{format} stdout holds {raw:?}:\n{}",
                out.stdout
            );
            assert!(
                !out.stderr.contains(raw),
                "{format} stderr holds {raw:?}:\n{}",
                out.stderr
            );
        }
    }
}

#[test]
fn reveal_puts_the_full_value_in_the_value_field() {
    let dir = planted_dir();
    let scan = scan_jsonl(&["--reveal", &dir.arg()]);
    assert_eq!(only_finding(&scan.findings_of(SSN_ID), SSN_ID)["value"], SSN);
    assert_eq!(only_finding(&scan.findings_of(CARD_ID), CARD_ID)["value"], CARD);
}

#[test]
fn masked_ssn_keeps_only_the_last_four_digits() {
    let dir = planted_dir();
    let scan = scan_jsonl(&[&dir.arg()]);
    let finding = only_finding(&scan.findings_of(SSN_ID), SSN_ID);
    let masked = finding["masked"].as_str().expect("masked is a string");
    assert!(masked.ends_with("4399"), "masked: {masked}");
    assert!(masked.contains('*'), "masked: {masked}");
    let visible_digits = masked.chars().filter(char::is_ascii_digit).count();
    assert_eq!(visible_digits, 4, "masked: {masked}");
    assert_eq!(finding["value"], Value::Null, "no value without --reveal");
}

fn is_hex64(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

#[test]
fn fingerprint_is_64_hex_and_equal_for_the_same_value_in_two_files() {
    let dir = TestDir::new();
    dir.create("a.txt", &format!("SSN: {SSN}\n"));
    dir.create("b.txt", &format!("first\nsecond\nemployee ssn {SSN} (verified)\n"));
    let scan = scan_jsonl(&[&dir.arg()]);
    let in_a = only_finding(&scan.findings_in(&dir.name("a.txt")), "a.txt");
    let in_b = only_finding(&scan.findings_in(&dir.name("b.txt")), "b.txt");
    let fingerprint = in_a["fingerprint"].as_str().expect("fingerprint is a string");
    assert!(is_hex64(fingerprint), "fingerprint: {fingerprint}");
    assert_eq!(in_a["fingerprint"], in_b["fingerprint"]);
}

#[test]
fn fingerprint_changes_with_the_fingerprint_key() {
    let dir = TestDir::new();
    dir.create("a.txt", &format!("SSN: {SSN}\n"));
    let first = scan_jsonl(&[&dir.arg()]);
    let other = util::scan_jsonl_with(
        piiscan().env("PIISCAN_FINGERPRINT_KEY", "another-key"),
        &[&dir.arg()],
        None,
    );
    let a = only_finding(&first.findings_of(SSN_ID), SSN_ID)["fingerprint"].clone();
    let b = only_finding(&other.findings_of(SSN_ID), SSN_ID)["fingerprint"].clone();
    assert!(is_hex64(b.as_str().unwrap_or_default()), "fingerprint: {b}");
    assert_ne!(a, b);
}

#[test]
fn exit_code_is_0_with_findings_by_default() {
    let dir = planted_dir();
    let out = run(piiscan().args(["scan", &dir.arg()]));
    assert!(out.stdout.contains(SSN_ID), "{}", out.stdout);
    assert_eq!(out.code(), 0, "stderr: {}", out.stderr);
}

#[test]
fn fail_on_medium_exits_1_when_a_high_finding_exists() {
    let dir = planted_dir();
    let scan = scan_jsonl(&["--fail-on", "medium", &dir.arg()]);
    assert_eq!(scan.summary["highest_severity"], "high", "{:#}", scan.summary);
    assert_eq!(scan.code, 1);
}

#[test]
fn fail_on_medium_exits_0_on_a_clean_folder() {
    let dir = TestDir::new();
    dir.create("notes.txt", "nothing to see here\njust some plain words\n");
    let scan = scan_jsonl(&["--fail-on", "medium", &dir.arg()]);
    assert!(scan.findings.is_empty(), "{:#?}", scan.findings);
    assert_eq!(scan.code, 0, "stderr: {}", scan.stderr);
}

#[test]
fn unknown_flag_exits_2() {
    let dir = planted_dir();
    let out = run(piiscan().args(["scan", "--no-such-flag", &dir.arg()]));
    assert_eq!(out.code(), 2, "stderr: {}", out.stderr);
    assert!(out.stderr.contains("--no-such-flag"), "stderr: {}", out.stderr);
}

#[test]
fn unknown_detector_id_in_only_exits_2() {
    let dir = planted_dir();
    let out = run(piiscan().args(["scan", "--only", "NOPE", &dir.arg()]));
    assert_eq!(out.code(), 2, "stderr: {}", out.stderr);
    assert!(out.stderr.contains("NOPE"), "stderr: {}", out.stderr);
    assert_eq!(out.stdout, "");
}

#[test]
fn fail_on_skip_exits_3_for_an_unreadable_file() {
    let dir = TestDir::new();
    let locked = dir.create("locked.txt", &format!("SSN: {SSN}\n"));
    util::chmod(&locked, 0o000);
    if util::readable_anyway(&locked) {
        eprintln!("skipped: this user can read a mode-000 file (root)");
        return;
    }
    let scan = scan_jsonl(&["--fail-on-skip", &dir.arg()]);
    assert_eq!(
        scan.skip_reason(&dir.name("locked.txt")).as_deref(),
        Some("permission-denied")
    );
    assert_eq!(scan.code, 3);
}

#[test]
fn fail_on_skip_exits_3_for_a_binary_file() {
    let dir = TestDir::new();
    dir.create_bytes("blob.bin", b"\x00\x01\x02\x03binary\x00\x00data");
    dir.create("notes.txt", "plain words\n");
    let scan = scan_jsonl(&["--fail-on-skip", &dir.arg()]);
    assert_eq!(scan.skip_reason(&dir.name("blob.bin")).as_deref(), Some("binary"));
    assert_eq!(scan.code, 3);
    let without = scan_jsonl(&[&dir.arg()]);
    assert_eq!(
        without.code, 0,
        "a skip alone does not fail the scan without --fail-on-skip"
    );
}

/// The built-in detectors as `detectors list --format json` prints them.
fn detector_list() -> Vec<Value> {
    let out = run(piiscan().args(["detectors", "list", "--format", "json"]));
    assert_eq!(out.code(), 0, "stderr: {}", out.stderr);
    let list: Value = serde_json::from_str(&out.stdout).expect("detectors list --format json parses");
    list.as_array().expect("a JSON array of detectors").clone()
}

#[test]
fn detectors_list_json_parses_with_ids_and_categories() {
    let list = detector_list();
    assert!(!list.is_empty());
    for d in &list {
        assert!(d["id"].is_string(), "{d:#}");
        assert!(d["category"].is_string(), "{d:#}");
    }
    for id in [AWS_ID, SSN_ID, CARD_ID, EMAIL_ID] {
        assert!(list.iter().any(|d| d["id"] == id), "{id} is listed");
    }
}

#[test]
fn detectors_list_prints_every_id() {
    let out = run(piiscan().args(["detectors", "list"]));
    assert_eq!(out.code(), 0, "stderr: {}", out.stderr);
    let ids: Vec<&str> = out.stdout.lines().filter_map(|l| l.split_whitespace().next()).collect();
    let list = detector_list();
    for d in &list {
        let id = d["id"].as_str().expect("id is a string");
        assert!(ids.contains(&id), "{id} missing from `detectors list`:\n{}", out.stdout);
    }
    for id in [AWS_ID, SSN_ID, CARD_ID] {
        assert!(ids.contains(&id), "{id} missing from `detectors list`");
    }
}

#[test]
fn detectors_test_passes_every_builtin_example() {
    let out = run(piiscan().args(["detectors", "test"]));
    let last = out.stdout.lines().last().unwrap_or_default().to_string();
    assert_eq!(out.code(), 0, "stdout:\n{}\nstderr: {}", out.stdout, out.stderr);
    let passed = last
        .strip_suffix(" passed, 0 failed")
        .unwrap_or_else(|| panic!("last line: {last:?}"));
    let passed: usize = passed.parse().unwrap_or_else(|_| panic!("last line: {last:?}"));
    assert!(passed > 0, "last line: {last:?}");
}

#[test]
fn detectors_show_names_the_validator() {
    let list = detector_list();
    let spec = list.iter().find(|d| d["id"] == SSN_ID).expect("SSN detector is listed");
    let validator = spec["validator"].as_str().expect("the SSN detector has a validator");
    let out = run(piiscan().args(["detectors", "show", SSN_ID]));
    assert_eq!(out.code(), 0, "stderr: {}", out.stderr);
    assert!(out.stdout.contains(SSN_ID), "{}", out.stdout);
    let checks = out
        .stdout
        .lines()
        .find(|l| l.starts_with("checks:"))
        .unwrap_or_default();
    assert!(
        checks.contains(validator),
        "checks line {checks:?} names {validator}:\n{}",
        out.stdout
    );
}

const EMPLOYEE_DETECTOR: &str = r#"
[[detector]]
id = "ACME_EMPLOYEE_ID"
name = "ACME employee id"
category = "personal"
description = "Employee ids printed on ACME badges."
pattern = '\bEMP-\d{6}\b'
anchors = ["EMP-"]
max_length = 16
severity = "medium"
examples = ["badge EMP-123456 issued"]
negative_examples = ["EMP-12345", "TEMP-123456x"]
"#;

#[test]
fn custom_detector_file_finds_its_values() {
    let dir = TestDir::new();
    dir.create("staff.txt", "alice EMP-204981 joined\nbob EMP-12 left\n");
    let rules = TestDir::new();
    let file = rules.create("acme.toml", EMPLOYEE_DETECTOR);
    let scan = scan_jsonl(&["--detectors", &file.display().to_string(), &dir.arg()]);
    assert_eq!(scan.code, 0, "stderr: {}", scan.stderr);
    let finding = only_finding(&scan.findings_of("ACME_EMPLOYEE_ID"), "ACME_EMPLOYEE_ID");
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(1), Some(7))
    );
    assert_eq!(finding["severity"], "medium");
    assert_eq!(finding["category"], "personal");
}

#[test]
fn detectors_test_checks_a_user_file() {
    let rules = TestDir::new();
    let file = rules.create("acme.toml", EMPLOYEE_DETECTOR);
    let out = run(piiscan().args(["detectors", "test"]).arg(&file));
    assert_eq!(out.code(), 0, "stdout:\n{}\nstderr: {}", out.stdout, out.stderr);
    assert_eq!(out.stdout.lines().last(), Some("3 passed, 0 failed"), "{}", out.stdout);
}

/// Scans with one user detector file and asserts that it is refused, naming the file and the
/// detector id.
fn assert_detector_file_refused(toml: &str, why: &str) {
    let dir = planted_dir();
    let rules = TestDir::new();
    let file = rules.create("broken.toml", toml);
    let out = run(piiscan()
        .args(["scan", "--format", "jsonl", "--detectors"])
        .arg(&file)
        .arg(dir.path()));
    assert_eq!(out.code(), 2, "{why}: stderr: {}", out.stderr);
    assert!(
        out.stderr.contains(&file.display().to_string()),
        "{why}: the message names the file: {}",
        out.stderr
    );
    assert!(
        out.stderr.contains("ACME_EMPLOYEE_ID"),
        "{why}: the message names the detector: {}",
        out.stderr
    );
    assert_eq!(out.stdout, "", "{why}: no report for a refused detector file");
}

#[test]
fn detector_file_with_a_bad_regex_is_refused() {
    let toml = EMPLOYEE_DETECTOR.replace(r"'\bEMP-\d{6}\b'", r"'\bEMP-(\d{6}\b'");
    assert_ne!(toml, EMPLOYEE_DETECTOR);
    assert_detector_file_refused(&toml, "bad regex");
}

#[test]
fn detector_file_with_an_unknown_validator_is_refused() {
    let toml = EMPLOYEE_DETECTOR.replace("max_length = 16", "max_length = 16\nvalidator = \"no_such_check\"");
    assert_detector_file_refused(&toml, "unknown validator");
}

#[test]
fn detector_file_with_a_pattern_matching_the_empty_string_is_refused() {
    let toml = EMPLOYEE_DETECTOR.replace(r"'\bEMP-\d{6}\b'", r"'(EMP-\d{6})?'");
    assert_ne!(toml, EMPLOYEE_DETECTOR);
    assert_detector_file_refused(&toml, "empty match");
}

#[test]
fn detector_file_with_a_missing_field_is_refused() {
    let toml = EMPLOYEE_DETECTOR.replace("description = \"Employee ids printed on ACME badges.\"\n", "");
    assert_ne!(toml, EMPLOYEE_DETECTOR);
    assert_detector_file_refused(&toml, "missing description");
}

#[test]
fn severity_thresholds_set_severity_by_count_and_drop_objects_under_the_lowest() {
    let dir = TestDir::new();
    dir.create("one.txt", "EMP-100001\n");
    dir.create("two.txt", "EMP-100001 EMP-100002\n");
    dir.create("five.txt", "EMP-100001 EMP-100002 EMP-100003 EMP-100004 EMP-100005\n");
    let rules = TestDir::new();
    let toml = EMPLOYEE_DETECTOR.replace(
        "severity = \"medium\"",
        "severity = [{ occurrences = 2, severity = \"medium\" }, { occurrences = 5, severity = \"high\" }]",
    );
    assert_ne!(toml, EMPLOYEE_DETECTOR);
    let file = rules.create("acme.toml", &toml);
    let scan = scan_jsonl(&[
        "--detectors",
        &file.display().to_string(),
        "--only",
        "ACME_EMPLOYEE_ID",
        &dir.arg(),
    ]);
    assert_eq!(scan.code, 0, "stderr: {}", scan.stderr);
    let severities = |name: &str| -> Vec<String> {
        scan.findings_in(&dir.name(name))
            .iter()
            .map(|f| f["severity"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert!(
        severities("one.txt").is_empty(),
        "one occurrence is under the lowest threshold"
    );
    assert_eq!(
        scan.object(&dir.name("one.txt"))["below_threshold"]["ACME_EMPLOYEE_ID"],
        1
    );
    assert_eq!(severities("two.txt"), ["medium", "medium"]);
    assert_eq!(severities("five.txt"), vec!["high"; 5]);
    assert_eq!(scan.summary["below_threshold"]["ACME_EMPLOYEE_ID"], 1);
}

#[test]
fn detector_file_with_thresholds_out_of_order_is_refused() {
    let toml = EMPLOYEE_DETECTOR.replace(
        "severity = \"medium\"",
        "severity = [{ occurrences = 5, severity = \"high\" }, { occurrences = 2, severity = \"medium\" }]",
    );
    assert_detector_file_refused(&toml, "thresholds out of order");
}

#[test]
fn summary_counts_objects_skips_and_findings_by_detector() {
    let dir = TestDir::new();
    dir.create("a.txt", &format!("SSN: {SSN}\n"));
    dir.create("b.txt", &format!("aws_access_key_id = {AWS_KEY}\n"));
    dir.create_bytes("c.bin", b"\x00\x00\x00binary");
    let scan = scan_jsonl(&[&dir.arg()]);
    let s = &scan.summary;
    assert_eq!(s["objects_scanned"], 2, "{s:#}");
    assert_eq!(s["objects_skipped"], 1, "{s:#}");
    assert_eq!(s["skipped_by_reason"]["binary"], 1, "{s:#}");
    assert_eq!(s["findings_by_detector"][SSN_ID], 1, "{s:#}");
    assert_eq!(s["findings_by_detector"][AWS_ID], 1, "{s:#}");
    assert_eq!(s["findings"], scan.findings.len(), "{s:#}");
}

#[test]
fn luhn_failing_card_is_counted_as_dropped_by_validator() {
    let dir = TestDir::new();
    dir.create("cards.txt", "paid by card 4539 1488 0343 6468 last month\n");
    let scan = scan_jsonl(&[&dir.arg()]);
    assert!(scan.findings_of(CARD_ID).is_empty(), "{:#?}", scan.findings);
    let dropped = &scan.summary["candidates_dropped"];
    assert!(dropped["validator"].as_u64().unwrap_or(0) > 0, "{:#}", scan.summary);
    assert!(
        scan.summary["detectors"][CARD_ID]["dropped"]["validator"]
            .as_u64()
            .unwrap_or(0)
            > 0,
        "{:#}",
        scan.summary
    );
}

#[test]
fn anchored_match_without_required_keyword_is_counted_as_dropped_by_keyword() {
    // Keyword-required detectors without anchors are only looked for around their keywords, so a
    // number far from any keyword is never a candidate. An anchored detector that requires a
    // keyword sees every anchored match, and one without a keyword is dropped and counted.
    let rules = TestDir::new();
    let file = rules.create(
        "badges.toml",
        r#"
[[detector]]
id = "ACME_BADGE"
name = "Badge number"
category = "personal"
description = "Badge numbers, only with a keyword."
pattern = '\bBDG-\d{6}\b'
anchors = ["BDG-"]
keywords = ["badge"]
keywords_required = true
examples = ["badge BDG-123456"]
negative_examples = ["BDG-123456"]
"#,
    );
    let dir = TestDir::new();
    dir.create(
        "doors.log",
        "door 4 opened by BDG-204981 at noon\nthe lobby was quiet all afternoon long\nbadge BDG-555123 entered\n",
    );
    let scan = scan_jsonl(&["--detectors", &file.display().to_string(), &dir.arg()]);
    assert_eq!(scan.findings_of("ACME_BADGE").len(), 1, "{:#?}", scan.findings);
    assert_eq!(
        scan.summary["detectors"]["ACME_BADGE"]["dropped"]["keyword"], 1,
        "{:#}",
        scan.summary
    );
    assert!(scan.summary["candidates_dropped"]["keyword"].as_u64().unwrap_or(0) >= 1);
}

#[test]
fn only_runs_just_the_named_detectors() {
    let dir = planted_dir();
    let scan = scan_jsonl(&["--only", AWS_ID, &dir.arg()]);
    assert_eq!(scan.findings_of(AWS_ID).len(), 1, "{:#?}", scan.findings);
    assert!(
        scan.findings.iter().all(|f| f["detector"] == AWS_ID),
        "{:#?}",
        scan.findings
    );
}

#[test]
fn disable_stops_the_named_detectors() {
    let dir = planted_dir();
    let scan = scan_jsonl(&["--disable", &format!("{AWS_ID},{EMAIL_ID}"), &dir.arg()]);
    assert!(scan.findings_of(AWS_ID).is_empty(), "{:#?}", scan.findings);
    assert!(scan.findings_of(EMAIL_ID).is_empty(), "{:#?}", scan.findings);
    assert_eq!(scan.findings_of(SSN_ID).len(), 1, "{:#?}", scan.findings);
}

#[test]
fn allow_drops_the_value_and_counts_it() {
    let dir = planted_dir();
    let scan = scan_jsonl(&["--allow", SSN, &dir.arg()]);
    assert!(scan.findings_of(SSN_ID).is_empty(), "{:#?}", scan.findings);
    assert_eq!(scan.findings_of(AWS_ID).len(), 1, "other values are still found");
    assert_eq!(
        scan.summary["candidates_dropped"]["allow_list"], 1,
        "{:#}",
        scan.summary
    );
}

#[test]
fn published_test_card_is_a_low_test_value() {
    let dir = TestDir::new();
    dir.create("checkout.txt", "test card 4111 1111 1111 1111 for the sandbox\n");
    let scan = scan_jsonl(&[&dir.arg()]);
    let finding = only_finding(&scan.findings_of(CARD_ID), CARD_ID);
    assert_eq!(finding["test_value"], true, "{finding:#}");
    assert_eq!(finding["severity"], "low", "{finding:#}");
    assert_eq!(scan.summary["test_values"], 1, "{:#}", scan.summary);
}

/// Filler text that no detector looks at: lowercase words, no digits, no keywords.
const FILLER: &str = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do\n";

/// Appends filler lines, then spaces, so that `text` (which continues the current line) ends up
/// with `value` starting exactly at `at`, where `value` is found inside `text`.
fn plant(buf: &mut Vec<u8>, at: usize, text: &str, value: &str) {
    let lead = util::find(text.as_bytes(), value.as_bytes()).expect("value is in its text");
    let start = at - lead;
    while buf.len() + FILLER.len() <= start {
        buf.extend_from_slice(FILLER.as_bytes());
    }
    buf.resize(start, b' ');
    buf.extend_from_slice(text.as_bytes());
    buf.push(b'\n');
    assert_eq!(util::find(&buf[at..], value.as_bytes()), Some(0));
}

/// A Luhn-valid number: `prefix` followed by its check digit.
fn with_luhn_digit(prefix: &str) -> String {
    let digits: Vec<u32> = prefix.chars().filter_map(|c| c.to_digit(10)).collect();
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
            } else {
                d
            }
        })
        .sum();
    format!("{prefix}{}", (10 - sum % 10) % 10)
}

#[test]
fn luhn_helper_completes_the_planted_card() {
    assert_eq!(with_luhn_digit("4539 1488 0343 646"), CARD);
}

#[test]
fn value_straddling_a_window_boundary_is_found() {
    let dir = TestDir::new();
    let mut text = Vec::new();
    // The value itself straddles offset 4096 ...
    plant(&mut text, 4096 - 5, &format!("SSN: {SSN}"), SSN);
    // ... and here the boundary at 8192 falls between the keyword and the value.
    plant(&mut text, 8192 + 2, "SSN: 536-90-4400", "536-90-4400");
    text.extend_from_slice(FILLER.as_bytes());
    dir.create_bytes("straddle.txt", &text);
    let small = scan_jsonl(&["--window-size", "4096", &dir.arg()]);
    let default = scan_jsonl(&[&dir.arg()]);
    let found: Vec<u64> = small
        .findings_of(SSN_ID)
        .iter()
        .filter_map(|f| f["offset"].as_u64())
        .collect();
    assert_eq!(found, [4091, 8194], "{:#?}", small.findings);
    for (f, value) in small.findings_of(SSN_ID).iter().zip([SSN, "536-90-4400"]) {
        let (line, column) = line_column(&text, value);
        assert_eq!(
            (f["line"].as_u64(), f["column"].as_u64()),
            (Some(line), Some(column)),
            "{f:#}"
        );
    }
    assert_eq!(small.finding_keys(), default.finding_keys());
}

/// About 5 MB of filler with a value of each kind planted every 100 KiB, each straddling a
/// multiple of 4096 (100 KiB is 25 windows of 4096 bytes).
fn five_megabytes_of_planted_values() -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut text = Vec::with_capacity(5 << 20);
    for i in 1..=50usize {
        let at = i * 100 * 1024 - 4;
        match i % 4 {
            0 => {
                let value = format!("536-90-{:04}", 4000 + i);
                plant(&mut text, at, &format!("SSN: {value}"), &value);
            }
            1 => {
                let tail: String = (0..16).map(|k| ALPHABET[(i * 7 + k * 13) % 32] as char).collect();
                let value = format!("AKIA{tail}");
                plant(&mut text, at, &format!("aws_access_key_id = {value}"), &value);
            }
            2 => {
                let value = with_luhn_digit(&format!("4539 1488 03{:02} 646", i));
                plant(&mut text, at, &format!("paid by card {value} today"), &value);
            }
            _ => {
                let value = format!("user{i}@northwind-traders.com");
                plant(&mut text, at, &format!("contact: {value}"), &value);
            }
        }
    }
    while text.len() < 5_000_000 {
        text.extend_from_slice(FILLER.as_bytes());
    }
    text
}

/// Every value `five_megabytes_of_planted_values` planted is found once.
fn assert_planted_counts(scan: &util::Scan) {
    for (id, planted) in [(SSN_ID, 12), (AWS_ID, 13), (CARD_ID, 13), (EMAIL_ID, 12)] {
        assert_eq!(scan.findings_of(id).len(), planted, "{id}");
    }
}

#[test]
fn small_windows_find_the_same_values_in_a_5mb_file() {
    let dir = TestDir::new();
    dir.create_bytes("big.txt", &five_megabytes_of_planted_values());
    let small = scan_jsonl(&["--window-size", "4096", &dir.arg()]);
    let default = scan_jsonl(&[&dir.arg()]);
    assert_planted_counts(&default);
    assert_eq!(small.finding_keys(), default.finding_keys());
}

#[test]
fn small_windows_find_the_same_values_on_stdin() {
    let text = five_megabytes_of_planted_values();
    let small = scan_jsonl_stdin(&["--window-size", "4096", "-"], &text);
    let default = scan_jsonl_stdin(&["-"], &text);
    assert_planted_counts(&default);
    assert_eq!(small.finding_keys(), default.finding_keys());
}

/// `--output` naming a pipe or device writes into it instead of renaming a file over it (which
/// would turn `/dev/null` into a regular file).
#[test]
fn output_to_a_fifo_writes_into_it_and_leaves_it_a_fifo() {
    use std::os::unix::fs::FileTypeExt;
    let dir = TestDir::new();
    dir.create("a.txt", &format!("SSN: {SSN}\n"));
    let fifo = dir.join("report.pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    let reader_path = fifo.clone();
    let reader = std::thread::spawn(move || std::fs::read_to_string(reader_path).expect("read the fifo"));
    let out = run(piiscan()
        .args(["scan", "--format", "jsonl", "--output"])
        .arg(&fifo)
        .arg(dir.join("a.txt")));
    assert_eq!(out.code(), 0, "stderr: {}", out.stderr);
    // Checked before joining: had the fifo been replaced, the reader would wait forever.
    let kind = std::fs::symlink_metadata(&fifo)
        .expect("the fifo is still there")
        .file_type();
    assert!(kind.is_fifo(), "the fifo was replaced: {kind:?}");
    let report = reader.join().expect("reader thread");
    assert!(report.contains("USA_SOCIAL_SECURITY_NUMBER"), "{report}");
}
