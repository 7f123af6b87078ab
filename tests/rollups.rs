//! Rollups (per target and per top-level prefix or folder) and bucket posture in every report
//! format. Local folders give targets and top-level folders; a bucket's posture comes from a JSON
//! Lines report whose objects are named as an S3 scan names them and whose summary holds the
//! posture the S3 source reads (replayed with `piiscan report` and joined with `piiscan merge`),
//! and from a real scan of a SeaweedFS bucket.

#[path = "util/s3.rs"]
mod s3util;
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

/// A bucket report with the exposed posture, written to `out/bucket.jsonl`.
fn bucket_input(out: &TestDir) -> std::path::PathBuf {
    let dir = planted_dir();
    let input = out.join("bucket.jsonl");
    std::fs::write(&input, bucket_report(&dir, &exposed_posture())).expect("write");
    input
}

#[test]
fn rollups_csv_has_a_row_per_target_and_prefix_with_the_posture() {
    let out = TestDir::new();
    let input = bucket_input(&out);
    let rollups_path = out.join("rollups.csv");
    let findings = run(piiscan()
        .args(["report", "--format", "csv", "--rollups-csv"])
        .arg(&rollups_path)
        .arg(&input));
    assert_eq!(findings.code(), 0, "{}", findings.stderr);
    // The findings CSV is unchanged: one row a finding.
    assert_eq!(findings.stdout, report(&input, "csv", &[]));
    let mut reader = csv::Reader::from_path(&rollups_path).expect("rollups CSV");
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_string).collect();
    assert_eq!(header[..3], ["target", "prefix", "bucket"]);
    let rows: Vec<std::collections::BTreeMap<String, String>> = reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.expect("row").iter().map(str::to_string))
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 3, "the bucket and its two prefixes: {rows:#?}");
    let bucket = &rows[0];
    assert_eq!(bucket["target"], format!("s3://{BUCKET}"));
    assert_eq!(bucket["prefix"], "");
    assert_eq!(bucket["objects"], "4");
    assert_eq!(bucket["level"], "high");
    assert_eq!(bucket["exposures"], "public cross-account unencrypted unversioned");
    assert_eq!(bucket["public"], "yes");
    assert_eq!(bucket["shared_with"], "111122223333");
    assert_eq!(bucket["default_encryption"], "none");
    assert_eq!(bucket["block_public_access"], "none");
    let exports = &rows[1];
    assert_eq!(
        exports["prefix"],
        format!("s3://{BUCKET}/exports/"),
        "most sensitive prefix first"
    );
    assert_eq!(exports["financial"], "1");
    assert_eq!(exports["personal"], "2");
    assert_eq!(rows[2]["prefix"], format!("s3://{BUCKET}/logs/"));

    // Local folders: no bucket, no posture columns.
    let dir = planted_dir();
    let local = out.join("local.csv");
    let scan = run(piiscan()
        .args(["scan", "--format", "jsonl", "--rollups-csv"])
        .arg(&local)
        .arg(dir.arg()));
    assert!(scan.code() <= 1, "{}", scan.stderr);
    let text = std::fs::read_to_string(&local).expect("local rollups CSV");
    let second = text.lines().nth(1).expect("the target row");
    assert!(second.starts_with(&format!("{},,,4,3,", dir.arg())), "{text}");
}

#[test]
fn sarif_carries_rollups_and_posture_in_run_properties() {
    let out = TestDir::new();
    let input = bucket_input(&out);
    let log: Value = serde_json::from_str(&report(&input, "sarif", &[])).expect("SARIF");
    let properties = &log["runs"][0]["properties"];
    let rollup = &properties["rollups"][0];
    assert_eq!(rollup["target"], format!("s3://{BUCKET}"));
    assert_eq!(prefix(rollup, &format!("s3://{BUCKET}/exports/"))["level"], "high");
    let posture = &properties["posture"][0];
    assert_eq!(posture["bucket"], BUCKET);
    assert_eq!(
        posture["exposures"],
        json!(["public", "cross-account", "unencrypted", "unversioned"])
    );
    // Posture is not a place in a file: no result names the bucket alone.
    for result in log["runs"][0]["results"].as_array().expect("results") {
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap_or_default();
        assert!(uri.starts_with(&format!("s3://{BUCKET}/")), "{uri}");
    }
    // Microsoft's validator accepts the run properties.
    let Some(multitool) = which("sarif-multitool") else {
        println!("SKIPPED: sarif-multitool is not on PATH (`.ci/run` installs it)");
        return;
    };
    let sarif = out.join("bucket.sarif");
    std::fs::write(&sarif, report(&input, "sarif", &[])).expect("write");
    let verdict = out.join("verdict.sarif");
    let result = run(std::process::Command::new(multitool)
        .args(["validate", "--output"])
        .arg(&verdict)
        .arg(&sarif));
    assert_eq!(result.code(), 0, "{}\n{}", result.stdout, result.stderr);
    let text = std::fs::read_to_string(&verdict).expect("verdict");
    let verdict: Value = serde_json::from_str(&text).expect("verdict JSON");
    let serious: Vec<&Value> = verdict["runs"][0]["results"]
        .as_array()
        .map(|r| r.iter().filter(|r| r["ruleId"] != "SARIF2005").collect())
        .unwrap_or_default();
    assert!(serious.is_empty(), "{serious:#?}");
}

fn which(program: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| std::path::Path::new(dir).join(program))
        .find(|p| p.is_file())
}

#[test]
fn asff_bucket_resources_carry_the_posture_and_findings_the_rollups() {
    let out = TestDir::new();
    let input = bucket_input(&out);
    let text = report(&input, "asff", &["--aws-account-id", "123456789012"]);
    let findings: Vec<Value> = text
        .lines()
        .flat_map(|l| serde_json::from_str::<Vec<Value>>(l).expect("ASFF batch"))
        .collect();
    let f = findings
        .iter()
        .find(|f| f["ProductFields"]["piiscan/object"] == format!("s3://{BUCKET}/exports/customers.txt"))
        .expect("the customers finding");
    let bucket = &f["Resources"][0];
    assert_eq!(bucket["Type"], "AwsS3Bucket");
    let details = &bucket["Details"]["AwsS3Bucket"];
    assert_eq!(details["Name"], BUCKET);
    assert_eq!(details["PublicAccessBlockConfiguration"]["BlockPublicAcls"], false);
    assert!(
        details.get("ServerSideEncryptionConfiguration").is_none(),
        "unencrypted"
    );
    assert!(
        details.get("BucketVersioningConfiguration").is_none(),
        "never versioned"
    );
    let fields = &f["ProductFields"];
    assert_eq!(
        fields["piiscan/bucket_exposures"],
        "public cross-account unencrypted unversioned"
    );
    assert_eq!(fields["piiscan/bucket_public"], "yes");
    assert_eq!(fields["piiscan/prefix"], format!("s3://{BUCKET}/exports/"));
    assert_eq!(fields["piiscan/prefix_level"], "high");
    assert_eq!(fields["piiscan/target_level"], "high");

    // An encrypted, versioned, blocked bucket shows its settings.
    let safe = json!({
        "bucket": BUCKET,
        "public_access_block": {"block_public_acls": true, "ignore_public_acls": true,
                                "block_public_policy": true, "restrict_public_buckets": true},
        "default_encryption": "aws:kms",
        "kms_key": "arn:aws:kms:us-east-1:123456789012:key/example",
        "versioning": "Enabled",
        "public": false
    });
    let dir = planted_dir();
    std::fs::write(out.join("safe.jsonl"), bucket_report(&dir, &safe)).expect("write");
    let text = report(&out.join("safe.jsonl"), "asff", &[]);
    let first: Vec<Value> = serde_json::from_str(text.lines().next().expect("a batch")).expect("ASFF");
    let details = &first[0]["Resources"][0]["Details"]["AwsS3Bucket"];
    assert_eq!(
        details["ServerSideEncryptionConfiguration"]["Rules"][0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"],
        "aws:kms"
    );
    assert_eq!(details["BucketVersioningConfiguration"]["Status"], "Enabled");
    assert_eq!(details["PublicAccessBlockConfiguration"]["RestrictPublicBuckets"], true);
    assert_eq!(first[0]["ProductFields"]["piiscan/bucket_exposures"], "none");
}

#[test]
fn html_nests_prefixes_under_their_bucket_and_flags_its_exposures_in_chromium() {
    let out = TestDir::new();
    let input = bucket_input(&out);
    let page_path = out.join("bucket.html");
    std::fs::write(&page_path, report(&input, "html", &[])).expect("write");
    let page = std::fs::read_to_string(&page_path).expect("read");
    for forbidden in ["src=", "<link", "url(", "@import"] {
        assert!(!page.contains(forbidden), "the page loads something: {forbidden}");
    }
    let Some(chromium) = which("chromium").or_else(|| which("chromium-browser")) else {
        println!("SKIPPED: chromium is not installed (`apt-get install -y chromium`)");
        return;
    };
    let profile = TestDir::new();
    let result = run(std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.arg()))
        .arg(format!("file://{}", page_path.display())));
    assert_eq!(result.code(), 0, "chromium: {}", result.stderr);
    let dom = result.stdout;
    let table = &dom[dom.find("id=\"rollups\"").expect("the rollups table")..];
    let table = &table[..table.find("</table>").expect("its end")];
    let rows: Vec<&str> = table.split("<tr class=").skip(1).collect();
    assert_eq!(rows.len(), 3, "{table}");
    assert!(rows[0].starts_with("\"target\"") && rows[0].contains(&format!("s3://{BUCKET}")));
    for flag in ["public", "cross-account", "unencrypted", "unversioned"] {
        assert!(rows[0].contains(&format!("flag-{flag}")), "{flag}: {}", rows[0]);
    }
    assert!(rows[1].starts_with("\"prefix\"") && rows[1].contains(&format!("s3://{BUCKET}/exports/")));
    assert!(rows[2].starts_with("\"prefix\"") && rows[2].contains(&format!("s3://{BUCKET}/logs/")));
    let posture = &dom[dom.find("id=\"posture\"").expect("the posture table")..];
    let posture = &posture[..posture.find("</table>").expect("its end")];
    assert!(posture.contains(&format!("data-bucket=\"{BUCKET}\"")), "{posture}");
    assert!(
        posture.contains("flag-public") && posture.contains("111122223333"),
        "{posture}"
    );
}

#[test]
fn a_real_bucket_scan_writes_its_rollups_and_posture_in_csv_html_and_human() {
    let s = s3util::server();
    s.create_bucket("rollup-formats");
    s.put("rollup-formats", "exports/a.txt", format!("SSN: {SSN}\ncard {CARD}\n"));
    s.put("rollup-formats", "logs/b.log", "nothing here\n");
    let out = TestDir::new();
    let rollups_path = out.join("rollups.csv");
    let html_path = out.join("bucket.html");
    let mut cmd = s3util::piiscan_s3(&s.endpoint, s3util::OWNER_KEY, s3util::OWNER_SECRET);
    cmd.args([
        "scan",
        "--endpoint-url",
        &s.endpoint,
        "--path-style",
        "--format",
        "html",
        "--output",
    ])
    .arg(&html_path)
    .arg("--rollups-csv")
    .arg(&rollups_path)
    .arg("s3://rollup-formats");
    let result = run(&mut cmd);
    assert!(result.code() <= 1, "{}", result.stderr);
    let csv = std::fs::read_to_string(&rollups_path).expect("rollups CSV");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4, "header, bucket, two prefixes: {csv}");
    assert!(
        lines[1].starts_with("s3://rollup-formats,,rollup-formats,2,1,"),
        "{csv}"
    );
    assert!(
        lines[1].contains(",Disabled,"),
        "the versioning the server reports: {csv}"
    );
    assert!(lines[1].contains("unversioned"), "{csv}");
    assert!(
        lines[2].starts_with("s3://rollup-formats,s3://rollup-formats/exports/,"),
        "{csv}"
    );
    assert!(
        lines[3].starts_with("s3://rollup-formats,s3://rollup-formats/logs/,"),
        "{csv}"
    );
    let page = std::fs::read_to_string(&html_path).expect("HTML");
    assert!(page.contains("data-bucket=\"rollup-formats\""), "the posture section");
    assert!(
        page.contains("data-target=\"s3://rollup-formats/exports/\""),
        "the nested prefix"
    );

    let mut cmd = s3util::piiscan_s3(&s.endpoint, s3util::OWNER_KEY, s3util::OWNER_SECRET);
    cmd.args([
        "scan",
        "--endpoint-url",
        &s.endpoint,
        "--path-style",
        "s3://rollup-formats",
    ]);
    let human = run(&mut cmd);
    assert!(human.stdout.contains("Sensitivity by target:"), "{}", human.stdout);
    assert!(
        human.stdout.contains("  s3://rollup-formats/exports/"),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains("Bucket posture:"), "{}", human.stdout);
}
