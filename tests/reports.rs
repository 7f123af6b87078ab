//! The report formats as their consumers read them: SARIF (rules, fingerprints, locations, and
//! Microsoft's validator), ASFF (Macie's shape, batches of 100, S3 resources), CSV (stable
//! columns, one row a finding), HTML (rendered in headless Chromium), masking in every format,
//! and `piiscan report` rebuilding each format from a JSON Lines report with the same content.

mod util;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use util::{AWS_ID, CARD_ID, EMAIL_ID, Run, SSN, SSN_ID, Scan, TestDir, line_column, parse_jsonl, piiscan, run};

const AWS_KEY: &str = "AKIAQ3EGUXV7LJNZX2PF";
const CARD: &str = "4539 1488 0343 6467";
const EMAIL: &str = "maria.lopez@northwind-traders.com";
/// A line that starts like a spreadsheet formula, with a value on it.
const FORMULA_LINE: &str = "=HYPERLINK(\"x\") SSN: 287-65-4321";

fn planted_text() -> String {
    format!(
        "name on file: Maria Lopez\n\
         SSN: {SSN}\n\
         aws_access_key_id = {AWS_KEY}\n\
         paid by card {CARD} last month\n\
         contact: {EMAIL}\n\
         cc: {EMAIL}\n"
    )
}

/// A folder with a file of every category, a second file with an email, and a binary file.
fn planted_dir() -> TestDir {
    let dir = TestDir::new();
    dir.create("planted.txt", &planted_text());
    dir.create(
        "notes/contacts.md",
        &format!("# Contacts\n\nwrite to {EMAIL}\n{FORMULA_LINE}\n"),
    );
    dir.create_bytes("image.bin", b"\x00\x01\x02 not text");
    dir
}

/// Runs `piiscan ARGS -o OUT/NAME` and returns the run and the file's text.
fn to_file(args: &[&str], out: &TestDir, name: &str) -> (Run, String) {
    let path = out.join(name);
    let result = run(piiscan().args(args).arg("--output").arg(&path));
    assert_eq!(result.code(), 0, "{args:?}: stderr:\n{}", result.stderr);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (result, text)
}

fn scan_format(dir: &TestDir, format: &str, extra: &[&str], out: &TestDir) -> (Run, String) {
    let mut args = vec!["scan", "--format", format];
    args.extend_from_slice(extra);
    let target = dir.arg();
    args.push(&target);
    to_file(&args, out, &format!("scan.{format}"))
}

fn jsonl(dir: &TestDir) -> Scan {
    let out = run(piiscan().args(["scan", "--format", "jsonl", &dir.arg()]));
    parse_jsonl(&out)
}

fn raw_values() -> [&'static str; 4] {
    [SSN, AWS_KEY, CARD, EMAIL]
}

#[test]
fn sarif_has_one_rule_per_detector_fingerprints_locations_and_masking() {
    let dir = planted_dir();
    let out = TestDir::new();
    let scan = jsonl(&dir);
    let (_, text) = scan_format(&dir, "sarif", &[], &out);
    let log: Value = serde_json::from_str(&text).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let sarif_run = &runs[0];

    let rules = sarif_run["tool"]["driver"]["rules"].as_array().expect("rules");
    let rule_ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap_or_default()).collect();
    let unique: BTreeSet<&str> = rule_ids.iter().copied().collect();
    assert_eq!(unique.len(), rule_ids.len(), "duplicate rules: {rule_ids:?}");
    let fired: BTreeSet<&str> = scan
        .findings
        .iter()
        .map(|f| f["detector"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(unique, fired, "one rule per detector that fired");
    let ssn_rule = &rules[rule_ids.iter().position(|id| *id == SSN_ID).expect("SSN rule")];
    assert_eq!(ssn_rule["name"], "US Social Security number", "{ssn_rule:#}");
    assert!(
        ssn_rule["fullDescription"]["text"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    assert!(ssn_rule["help"]["text"].as_str().is_some_and(|t| t.len() > 40));
    assert_eq!(ssn_rule["defaultConfiguration"]["level"], "error");
    assert_eq!(ssn_rule["properties"]["category"], "personal");
    assert_eq!(ssn_rule["properties"]["macie_id"], SSN_ID);

    let results = sarif_run["results"].as_array().expect("results");
    assert_eq!(results.len(), scan.findings.len());
    let text_bytes = planted_text();
    for (id, value) in [(SSN_ID, SSN), (AWS_ID, AWS_KEY), (CARD_ID, CARD)] {
        let uri_of = |r: &Value| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        };
        let result = results
            .iter()
            .find(|r| r["ruleId"] == id && uri_of(r).ends_with("/planted.txt"))
            .unwrap_or_else(|| panic!("no {id} result in planted.txt"));
        let planted = dir.name("planted.txt");
        let finding = scan
            .findings_in(&planted)
            .into_iter()
            .find(|f| f["detector"] == id)
            .expect("the JSON Lines finding");
        assert_eq!(rule_ids[result["ruleIndex"].as_u64().unwrap_or(999) as usize], id);
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap_or_default();
        assert!(uri.starts_with("file:///") && uri.ends_with("/planted.txt"), "{uri}");
        let (line, column) = line_column(text_bytes.as_bytes(), value);
        assert_eq!(location["region"]["startLine"], line, "{id}");
        assert_eq!(location["region"]["startColumn"], column, "{id}");
        assert_eq!(location["region"]["snippet"]["text"], finding["context"]);
        let fingerprint = result["partialFingerprints"]["piiscanValue/v1"]
            .as_str()
            .unwrap_or_default();
        assert_eq!(
            fingerprint,
            format!("{}:1", finding["fingerprint"].as_str().unwrap_or_default())
        );
        assert!(
            result["message"]["text"]
                .as_str()
                .is_some_and(|m| m.contains(finding["masked"].as_str().unwrap_or("?"))),
            "{result:#}"
        );
    }
    // The same email twice in one file: two results, told apart by their occurrence number.
    let emails: Vec<&str> = results
        .iter()
        .filter(|r| {
            r["ruleId"] == EMAIL_ID
                && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .is_some_and(|u| u.ends_with("planted.txt"))
        })
        .map(|r| r["partialFingerprints"]["piiscanValue/v1"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(emails.len(), 2);
    assert!(emails[0].ends_with(":1") && emails[1].ends_with(":2"), "{emails:?}");
    assert_eq!(emails[0].split(':').next(), emails[1].split(':').next());
    assert_eq!(sarif_run["properties"]["truncated"], false);
}

/// Finds a program on PATH.
fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join(program))
        .find(|p| p.is_file())
}

#[test]
fn sarif_passes_microsofts_sarif_validator() {
    let Some(multitool) = which("sarif-multitool") else {
        println!(
            "SKIPPED: sarif-multitool is not on PATH; `.ci/run` installs @microsoft/sarif-multitool from the npm \
             registry and puts it there"
        );
        return;
    };
    let dir = planted_dir();
    let out = TestDir::new();
    scan_format(&dir, "sarif", &["--reveal"], &out);
    let verdict = out.join("validation.sarif");
    let result = run(Command::new(&multitool)
        .args(["validate", "--output"])
        .arg(&verdict)
        .arg(out.join("scan.sarif")));
    assert_eq!(
        result.code(),
        0,
        "validator failed to run:\n{}\n{}",
        result.stdout,
        result.stderr
    );
    let text = std::fs::read_to_string(&verdict).expect("the validator writes its verdict");
    let log: Value = serde_json::from_str(&text).expect("the verdict is SARIF");
    assert_eq!(log["runs"][0]["invocations"][0]["executionSuccessful"], true, "{text}");
    let problems: Vec<&Value> = log["runs"][0]["results"]
        .as_array()
        .map(|r| r.iter().collect())
        .unwrap_or_default();
    // SARIF2005 asks for the tool's informationUri, a web page this project does not have.
    let serious: Vec<&&Value> = problems.iter().filter(|r| r["ruleId"] != "SARIF2005").collect();
    assert!(serious.is_empty(), "the SARIF validator objects: {serious:#?}");
}

#[test]
fn no_format_writes_a_raw_value_without_reveal() {
    let dir = planted_dir();
    let out = TestDir::new();
    for format in ["sarif", "asff", "csv", "html", "json", "jsonl"] {
        let (_, text) = scan_format(&dir, format, &["--aws-account-id", "123456789012"], &out);
        for value in raw_values() {
            assert!(!text.contains(value), "{format} holds the raw value {value}");
        }
        assert!(
            !text.contains("287-65-4321"),
            "{format} holds the raw value 287-65-4321"
        );
    }
    // With --reveal the value appears where each format documents it (ASFF: never).
    for format in ["sarif", "csv", "html"] {
        let (_, text) = scan_format(&dir, format, &["--reveal"], &out);
        assert!(text.contains(AWS_KEY), "{format} --reveal lacks the value");
    }
    let (_, text) = scan_format(&dir, "asff", &["--reveal"], &out);
    assert!(!text.contains(AWS_KEY), "ASFF never holds values");
}

fn asff_findings(text: &str) -> Vec<Value> {
    let mut all = Vec::new();
    for line in text.lines() {
        let batch: Value = serde_json::from_str(line).expect("each ASFF line is a JSON array");
        let batch = batch.as_array().expect("each ASFF line is a JSON array").clone();
        assert!(!batch.is_empty() && batch.len() <= 100, "batch of {}", batch.len());
        all.extend(batch);
    }
    all
}

#[test]
fn asff_is_one_macie_shaped_finding_per_object() {
    let dir = planted_dir();
    let out = TestDir::new();
    let scan = jsonl(&dir);
    let (result, text) = scan_format(
        &dir,
        "asff",
        &["--aws-account-id", "123456789012", "--aws-region", "eu-west-1"],
        &out,
    );
    assert!(!result.stderr.contains("placeholder"), "{}", result.stderr);
    let findings = asff_findings(&text);
    assert_eq!(findings.len(), 2, "one finding per object with findings");
    let planted = dir.name("planted.txt");
    let f = findings
        .iter()
        .find(|f| f["Resources"][0]["Id"] == planted.as_str())
        .expect("a finding for planted.txt");
    assert_eq!(f["SchemaVersion"], "2018-10-08");
    assert_eq!(f["AwsAccountId"], "123456789012");
    assert_eq!(f["Region"], "eu-west-1");
    assert_eq!(
        f["ProductArn"],
        "arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default"
    );
    assert_eq!(f["GeneratorId"], "piiscan");
    let types: BTreeSet<&str> = f["Types"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        types,
        BTreeSet::from([
            "Sensitive Data Identifications/PII",
            "Sensitive Data Identifications/Financial",
            "Sensitive Data Identifications/Passwords",
        ])
    );
    assert_eq!(f["Severity"]["Label"], "HIGH");
    let normalized = f["Severity"]["Normalized"].as_u64().unwrap_or(0);
    assert!((70..=89).contains(&normalized), "{normalized}");
    assert!(
        f["Title"]
            .as_str()
            .is_some_and(|t| t.len() <= 256 && t.contains("planted.txt"))
    );
    for field in ["Id", "CreatedAt", "UpdatedAt", "Description"] {
        assert!(f[field].as_str().is_some_and(|v| !v.is_empty()), "{field}");
    }
    let resource = &f["Resources"][0];
    assert_eq!(resource["Type"], "Other");
    let result = &resource["DataClassification"]["Result"];
    assert_eq!(result["Status"]["Code"], "COMPLETE");
    // Every detection's count and lines agree with the JSON Lines findings.
    let mut seen = 0;
    for category in result["SensitiveData"].as_array().expect("SensitiveData") {
        for detection in category["Detections"].as_array().expect("Detections") {
            let kind = detection["Type"].as_str().unwrap_or_default();
            let expected: Vec<&Value> = scan
                .findings_in(&planted)
                .into_iter()
                .filter(|x| {
                    x["macie_id"]
                        .as_str()
                        .unwrap_or(x["detector"].as_str().unwrap_or_default())
                        == kind
                })
                .collect();
            assert_eq!(detection["Count"], expected.len(), "{kind}");
            let lines: Vec<u64> = detection["Occurrences"]["LineRanges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["Start"].as_u64().unwrap_or(0))
                .collect();
            let expected_lines: Vec<u64> = expected.iter().map(|x| x["line"].as_u64().unwrap_or(0)).collect();
            assert_eq!(lines, expected_lines, "{kind}");
            seen += expected.len();
        }
    }
    assert_eq!(seen, scan.findings_in(&planted).len());
    let categories: BTreeSet<&str> = result["SensitiveData"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["Category"].as_str())
        .collect();
    assert_eq!(
        categories,
        BTreeSet::from(["CREDENTIALS", "FINANCIAL_INFORMATION", "PERSONAL_INFORMATION"])
    );
}

#[test]
fn asff_batches_hold_at_most_100_findings_and_name_s3_resources() {
    let dir = TestDir::new();
    for i in 0..130 {
        dir.create(
            &format!("users/u{i:03}.txt"),
            &format!("contact: user{i}@northwind-traders.com\n"),
        );
    }
    let out = TestDir::new();
    // An S3 scan's JSON Lines, made from a local one by naming the objects as S3 names them.
    let (_, local) = to_file(&["scan", "--format", "jsonl", &dir.arg()], &out, "local.jsonl");
    let prefix = format!("{}/", dir.arg());
    let s3 = local.replace(&prefix, "s3://example-bucket/exports/");
    std::fs::write(out.join("s3.jsonl"), s3).expect("write");
    let s3_path = out.join("s3.jsonl").display().to_string();
    let (result, text) = to_file(&["report", "--format", "asff", &s3_path], &out, "s3.asff");
    assert_eq!(text.lines().count(), 2, "130 findings make two batches");
    assert!(result.stderr.contains("2 batches"), "{}", result.stderr);
    assert!(result.stderr.contains("placeholder account"), "{}", result.stderr);
    let findings = asff_findings(&text);
    assert_eq!(findings.len(), 130);
    let ids: BTreeSet<&str> = findings.iter().filter_map(|f| f["Id"].as_str()).collect();
    assert_eq!(ids.len(), 130, "ids are unique");
    let f = &findings[0];
    assert_eq!(f["Types"], serde_json::json!(["Sensitive Data Identifications/PII"]));
    assert_eq!(f["Resources"][0]["Type"], "AwsS3Bucket");
    assert_eq!(f["Resources"][0]["Id"], "arn:aws:s3:::example-bucket");
    assert_eq!(f["Resources"][1]["Type"], "AwsS3Object");
    assert_eq!(
        f["Resources"][1]["Id"],
        "arn:aws:s3:::example-bucket/exports/users/u000.txt"
    );
    assert_eq!(f["AwsAccountId"], "000000000000");
}

#[test]
fn csv_has_the_documented_columns_and_one_row_per_finding() {
    let dir = planted_dir();
    let out = TestDir::new();
    let scan = jsonl(&dir);
    let (_, text) = scan_format(&dir, "csv", &[], &out);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_string).collect();
    let documented =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report.md")).expect("docs/report.md");
    let columns_line = documented
        .lines()
        .find(|l| l.starts_with("Columns: "))
        .expect("docs/report.md lists the CSV columns on a `Columns:` line");
    let documented_columns: Vec<String> = columns_line["Columns: ".len()..]
        .split(", ")
        .map(|c| c.trim_matches(|c| c == '`' || c == '.').to_string())
        .collect();
    assert_eq!(header, documented_columns);
    let rows: Vec<BTreeMap<String, String>> = reader
        .records()
        .map(|r| {
            let r = r.expect("a CSV row");
            header.iter().cloned().zip(r.iter().map(str::to_string)).collect()
        })
        .collect();
    assert_eq!(rows.len(), scan.findings.len());
    let mut from_csv: Vec<(String, String, String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                r["object"].clone(),
                r["detector"].clone(),
                r["line"].clone(),
                r["column"].clone(),
                r["fingerprint"].clone(),
            )
        })
        .collect();
    let mut from_jsonl: Vec<(String, String, String, String, String)> = scan
        .findings
        .iter()
        .map(|f| {
            (
                f["object"].as_str().unwrap_or_default().to_string(),
                f["detector"].as_str().unwrap_or_default().to_string(),
                f["line"].to_string(),
                f["column"].to_string(),
                f["fingerprint"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    from_csv.sort();
    from_jsonl.sort();
    assert_eq!(from_csv, from_jsonl);
    let ssn = rows
        .iter()
        .find(|r| r["detector"] == SSN_ID && r["masked"].ends_with("4399"))
        .expect("SSN row");
    assert_eq!(ssn["masked"], "***-**-4399");
    assert_eq!(ssn["category"], "personal");
    assert_eq!(ssn["value"], "");
    // The line that starts like a formula is quoted, so a spreadsheet shows it as text.
    let formula = rows
        .iter()
        .find(|r| r["context"].contains("HYPERLINK"))
        .expect("the formula line's finding");
    assert!(formula["context"].starts_with("'="), "{}", formula["context"]);
}

fn chromium() -> Option<PathBuf> {
    which("chromium").or_else(|| which("chromium-browser"))
}

fn chromium_command(binary: &Path, profile: &TestDir) -> Command {
    let mut cmd = Command::new(binary);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ])
    .arg(format!("--user-data-dir={}", profile.arg()));
    cmd
}

/// The text inside the element with `id` in a dumped DOM.
fn element_text<'a>(dom: &'a str, id: &str) -> &'a str {
    let marker = format!("id=\"{id}\"");
    let at = dom.find(&marker).unwrap_or_else(|| panic!("no element #{id}"));
    let start = dom[at..].find('>').map_or(dom.len(), |e| at + e + 1);
    let end = dom[start..].find('<').map_or(dom.len(), |e| start + e);
    &dom[start..end]
}

#[test]
fn html_is_self_contained_and_renders_totals_rows_and_filters_in_chromium() {
    let dir = planted_dir();
    let out = TestDir::new();
    let scan = jsonl(&dir);
    let (_, page) = scan_format(&dir, "html", &[], &out);
    for forbidden in ["src=", "<link", "url(", "@import"] {
        assert!(
            !page.contains(forbidden),
            "the page loads something from elsewhere: {forbidden}"
        );
    }
    let Some(binary) = chromium() else {
        println!("SKIPPED: chromium is not installed (`apt-get install -y chromium`; `.ci/run` installs it)");
        return;
    };
    let profile = TestDir::new();
    let url = format!("file://{}", out.join("scan.html").display());

    // The screenshot: a real rendering (look at it while changing the page).
    let shot = out.join("report.png");
    let result = run(chromium_command(&binary, &profile)
        .arg("--window-size=1280,2000")
        .arg(format!("--screenshot={}", shot.display()))
        .arg(&url));
    assert_eq!(result.code(), 0, "chromium failed: {}", result.stderr);
    let png = std::fs::read(&shot).expect("chromium wrote a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "screenshot of {} bytes",
        png.len()
    );

    // The DOM after the script ran, with the filter from the URL fragment applied.
    let profile = TestDir::new();
    let result = run(chromium_command(&binary, &profile)
        .arg("--dump-dom")
        .arg(format!("{url}#severity=low")));
    assert_eq!(result.code(), 0, "chromium failed: {}", result.stderr);
    let dom = result.stdout;
    let count = |key: &str, value: &str| scan.findings.iter().filter(|f| f[key] == value).count();
    assert_eq!(
        element_text(&dom, "total-findings"),
        scan.summary["findings"].to_string()
    );
    for severity in ["high", "medium", "low"] {
        assert_eq!(
            element_text(&dom, &format!("severity-{severity}")),
            count("severity", severity).to_string()
        );
    }
    for category in ["credentials", "financial", "personal"] {
        assert_eq!(
            element_text(&dom, &format!("category-{category}")),
            count("category", category).to_string()
        );
    }
    let table = &dom[dom.find("id=\"findings\"").expect("findings table")..];
    let table = &table[..table.find("</table>").expect("end of the table")];
    let rows: Vec<&str> = table.split("<tr data-detector=").skip(1).collect();
    assert_eq!(rows.len(), scan.findings.len());
    let visible = rows
        .iter()
        .filter(|r| !r.split('>').next().unwrap_or("").contains("hidden"))
        .count();
    assert_eq!(
        visible,
        count("severity", "low"),
        "the severity filter from the URL applies"
    );
    assert_eq!(
        element_text(&dom, "shown"),
        format!("{visible} of {} shown", rows.len())
    );
    // Every detector has a bar, the planted file is ranked, the binary file is listed as skipped.
    for detector in scan.summary["findings_by_detector"].as_object().unwrap().keys() {
        assert!(
            dom.contains(&format!("class=\"bar\" data-detector=\"{detector}\"")),
            "{detector}"
        );
    }
    assert!(dom.contains(&format!("data-object=\"{}\"", dir.name("planted.txt"))));
    let skipped = &dom[dom.find("id=\"skipped\"").expect("skipped table")..];
    assert!(skipped.contains("image.bin") && skipped.contains("binary"));
}

/// Removes the fields that legitimately differ between two runs: the wall-clock duration, and
/// ASFF's creation and update times.
fn without_times(text: &str, format: &str) -> String {
    match format {
        "asff" => {
            let mut lines = Vec::new();
            for line in text.lines() {
                let mut batch: Value = serde_json::from_str(line).expect("ASFF line");
                for f in batch.as_array_mut().expect("array") {
                    let f = f.as_object_mut().expect("finding");
                    f.remove("CreatedAt");
                    f.remove("UpdatedAt");
                }
                lines.push(batch.to_string());
            }
            lines.join("\n")
        }
        "json" => {
            let mut doc: Value = serde_json::from_str(text).expect("JSON");
            doc["summary"]["duration_ms"] = Value::Null;
            doc.to_string()
        }
        _ => text.to_string(),
    }
}

#[test]
fn every_format_round_trips_through_piiscan_report() {
    let dir = planted_dir();
    for i in 0..20 {
        dir.create(
            &format!("more/f{i:02}.log"),
            &format!("user{i}@northwind-traders.com SSN: {SSN}\n"),
        );
    }
    let out = TestDir::new();
    let target = dir.arg();
    let (_, _) = to_file(
        &["scan", "--format", "jsonl", "--threads", "2", &target],
        &out,
        "scan.jsonl",
    );
    let input = out.join("scan.jsonl").display().to_string();
    for format in ["sarif", "asff", "csv", "html", "json"] {
        let (_, scanned) = to_file(
            &["scan", "--format", format, "--threads", "2", &target],
            &out,
            &format!("a.{format}"),
        );
        let (_, rebuilt) = to_file(&["report", "--format", format, &input], &out, &format!("b.{format}"));
        assert!(!scanned.is_empty(), "{format}");
        assert_eq!(
            without_times(&scanned, format),
            without_times(&rebuilt, format),
            "{format}: `scan` and `report` differ"
        );
    }
    // From stdin too.
    let jsonl_text = std::fs::read(out.join("scan.jsonl")).expect("read");
    let from_stdin = util::run_with_stdin(piiscan().args(["report", "--format", "csv", "-"]), Some(jsonl_text));
    assert_eq!(from_stdin.code(), 0, "{}", from_stdin.stderr);
    assert_eq!(
        from_stdin.stdout,
        std::fs::read_to_string(out.join("b.csv")).expect("read")
    );
}

#[test]
fn report_rebuilds_a_cut_short_scan_and_names_the_bad_line() {
    let dir = planted_dir();
    let out = TestDir::new();
    let (_, full) = to_file(&["scan", "--format", "jsonl", &dir.arg()], &out, "full.jsonl");
    // A scan killed before its summary: every object record is there, the summary is not.
    let cut: Vec<&str> = full.lines().filter(|l| !l.contains("\"record\":\"summary\"")).collect();
    std::fs::write(out.join("cut.jsonl"), cut.join("\n") + "\n").expect("write");
    let cut_path = out.join("cut.jsonl").display().to_string();
    let full_path = out.join("full.jsonl").display().to_string();
    let (result, rebuilt) = to_file(&["report", "--format", "csv", &cut_path], &out, "cut.csv");
    assert!(result.stderr.contains("no summary record"), "{}", result.stderr);
    let (_, whole) = to_file(&["report", "--format", "csv", &full_path], &out, "full.csv");
    assert_eq!(rebuilt, whole);

    let mut broken: Vec<&str> = full.lines().collect();
    broken.insert(2, "{not json");
    std::fs::write(out.join("broken.jsonl"), broken.join("\n")).expect("write");
    let result = run(piiscan().args([
        "report",
        "--format",
        "sarif",
        &out.join("broken.jsonl").display().to_string(),
    ]));
    assert_eq!(result.code(), 2);
    assert!(
        result.stderr.contains("broken.jsonl") && result.stderr.contains("line 3"),
        "{}",
        result.stderr
    );
}
