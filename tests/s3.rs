//! `piiscan scan s3://…` against a real S3 server (SeaweedFS `weed mini`, started once for this
//! test binary on free 127.0.0.1 ports; each test uses its own buckets): keys of every kind,
//! pagination, large, compressed and archive objects, scope, denials, faults, shards merged into
//! the full scan, a scan killed with SIGKILL and resumed from its state, incremental reruns.

#[path = "util/s3.rs"]
mod s3util;
mod util;

use s3util::{FaultProxy, OWNER_SECRET, SCANNER_KEY, SCANNER_SECRET, scan_s3, scan_s3_as, server};
use util::{AWS_ID, SSN, SSN_ID};

const AWS_KEY: &str = "AKIAQ3EGUXV7LJNZX2PF";

fn secret_text(i: usize) -> String {
    format!("row {i}\nSSN: {SSN}\naws_access_key_id = {AWS_KEY}\n")
}

#[test]
fn bucket_objects_are_scanned_like_files_whatever_their_keys() {
    let s = server();
    s.create_bucket("basic");
    s.put("basic", "plain.txt", secret_text(1));
    s.put("basic", "with space/ünïcødé 名前.txt", secret_text(2));
    s.put("basic", "empty.txt", Vec::new());
    s.put("basic", "clean.txt", "nothing to see here\n");
    let scan = scan_s3(&s.endpoint, &["s3://basic"]);
    assert_eq!(scan.code, 0, "{}", scan.stderr);
    assert_eq!(scan.objects.len(), 4, "{:#?}", scan.objects);
    for name in ["s3://basic/plain.txt", "s3://basic/with space/ünïcødé 名前.txt"] {
        let found = scan.findings_in(name);
        assert!(found.iter().any(|f| f["detector"] == SSN_ID), "{name}: {found:#?}");
        assert!(found.iter().any(|f| f["detector"] == AWS_ID), "{name}: {found:#?}");
        assert_eq!(scan.skip_reason(name), None);
    }
    assert_eq!(scan.object("s3://basic/empty.txt")["size"], 0);
    assert!(scan.findings_in("s3://basic/clean.txt").is_empty());
    assert_eq!(scan.summary["objects_scanned"], 4);
}

#[test]
fn listing_pages_past_a_thousand_keys() {
    let s = server();
    s.create_bucket("paged");
    s.block_on(async {
        let puts = (0..1_050).map(|i| {
            s.client
                .put_object()
                .bucket("paged")
                .key(format!("k/{i:05}.txt"))
                .body(format!("line {i}\n").into_bytes().into())
                .send()
        });
        for put in puts {
            put.await.expect("put");
        }
    });
    s.put("paged", "k/01050.txt", secret_text(0));
    let scan = scan_s3(&s.endpoint, &["s3://paged/k/"]);
    assert_eq!(scan.code, 0, "{}", scan.stderr);
    assert_eq!(scan.objects.len(), 1_051);
    assert_eq!(scan.summary["objects_scanned"], 1_051);
    assert!(!scan.findings_in("s3://paged/k/01050.txt").is_empty());
}

#[test]
fn a_large_object_is_streamed_and_found_to_its_end() {
    let s = server();
    s.create_bucket("large");
    // 25 parts of 8 MiB (200 MiB, the 200 MB object), made one at a time; a secret near
    // the start of part 1, one across the boundary of parts 6 and 7, one at the very end.
    const PARTS: u32 = 25;
    const PART: usize = 8 << 20;
    let secret = format!("\nSSN: {SSN}\n");
    let secret = secret.as_bytes();
    let filler: &[u8] = b"filler line of a large log file with nothing sensitive in it\n";
    s.put_multipart("large", "big.log", PARTS, |n| {
        let mut part = filler.repeat(PART / filler.len() + 1);
        part.truncate(PART);
        match n {
            1 => part[100..100 + secret.len()].copy_from_slice(secret),
            6 => part[PART - 7..].copy_from_slice(&secret[..7]),
            7 => part[..secret.len() - 7].copy_from_slice(&secret[7..]),
            PARTS => part[PART - secret.len()..].copy_from_slice(secret),
            _ => {}
        }
        part
    });
    let scan = scan_s3(&s.endpoint, &["s3://large"]);
    assert_eq!(scan.code, 0, "{}", scan.stderr);
    let object = scan.object("s3://large/big.log");
    assert_eq!(object["size"], u64::from(PARTS) * PART as u64);
    assert_eq!(object["skipped"], serde_json::Value::Null);
    let ssns = scan.findings_of(SSN_ID);
    assert_eq!(ssns.len(), 3, "{ssns:#?}");
}

#[test]
fn prefix_globs_size_date_and_sample_scope_the_job() {
    let s = server();
    s.create_bucket("scoped");
    for i in 0..200 {
        s.put("scoped", &format!("logs/app-{i:03}.log"), secret_text(i));
    }
    s.put("scoped", "logs/tmp/x.log", secret_text(0));
    s.put("scoped", "other/y.log", secret_text(0));
    s.put("scoped", "logs/big.log", format!("{}\n", "x".repeat(5000)));

    let scan = scan_s3(
        &s.endpoint,
        &["s3://scoped/logs/", "--exclude", "tmp/**", "--include", "*.log"],
    );
    assert_eq!(scan.objects.len(), 201, "{}", scan.stderr);
    assert!(
        scan.objects
            .iter()
            .all(|o| !o["object"].as_str().unwrap().contains("tmp/"))
    );
    assert_eq!(scan.summary["objects_excluded"], 1);

    let scan = scan_s3(&s.endpoint, &["s3://scoped/logs/", "--max-object-size", "1KB"]);
    assert_eq!(scan.objects.len(), 201);
    assert!(scan.objects.iter().all(|o| o["object"] != "s3://scoped/logs/big.log"));
    let scan = scan_s3(&s.endpoint, &["s3://scoped/logs/", "--min-object-size", "4KiB"]);
    assert_eq!(scan.objects.len(), 1);

    let sample = |pct: &str| {
        let scan = scan_s3(&s.endpoint, &["s3://scoped/logs/app-", "--sample", pct]);
        let mut names: Vec<String> = scan.objects.iter().map(|o| o["object"].to_string()).collect();
        names.sort();
        names
    };
    let ten = sample("10%");
    assert!((8..=40).contains(&ten.len()), "{}", ten.len());
    assert_eq!(ten, sample("10%"), "the same sample on a rerun");
    let fifty = sample("50%");
    assert!(
        ten.iter().all(|n| fifty.contains(n)),
        "a larger sample contains the smaller"
    );

    let scan = scan_s3(&s.endpoint, &["s3://scoped", "--modified-since", "2000-01-01"]);
    assert_eq!(scan.objects.len(), 203);
    let scan = scan_s3(&s.endpoint, &["s3://scoped", "--modified-before", "2000-01-01"]);
    assert_eq!(scan.objects.len(), 0);
    assert_eq!(scan.summary["objects_excluded"], 203);
}

#[test]
fn an_object_the_caller_may_not_read_is_a_recorded_skip() {
    let s = server();
    s.create_bucket(s3util::DENIED_BUCKET);
    s.put(s3util::DENIED_BUCKET, "public/a.txt", secret_text(1));
    s.put(s3util::DENIED_BUCKET, "secret/b.txt", secret_text(2));
    let scan = scan_s3_as(&s.endpoint, SCANNER_KEY, SCANNER_SECRET, &["s3://denied"]);
    assert_eq!(
        scan.skip_reason("s3://denied/secret/b.txt").as_deref(),
        Some("permission-denied")
    );
    assert_eq!(scan.skip_reason("s3://denied/public/a.txt"), None);
    assert!(!scan.findings_in("s3://denied/public/a.txt").is_empty());
    assert_eq!(scan.summary["objects_skipped"], 1);
}

#[test]
fn throttling_and_cut_bodies_change_nothing_in_the_findings() {
    let s = server();
    s.create_bucket("faulty");
    for i in 0..40 {
        s.put("faulty", &format!("f/{i:02}.txt"), secret_text(i).repeat(2_000));
    }
    let direct = scan_s3(&s.endpoint, &["s3://faulty"]);
    assert_eq!(direct.summary["objects_scanned"], 40);
    let proxy = FaultProxy::start(&s.endpoint, 5);
    let faulty = scan_s3(&proxy.endpoint, &["s3://faulty", "--concurrency", "4"]);
    use std::sync::atomic::Ordering::SeqCst;
    assert!(
        proxy.throttled.load(SeqCst) >= 5,
        "throttled {}",
        proxy.throttled.load(SeqCst)
    );
    assert!(proxy.cut.load(SeqCst) >= 3, "cut {}", proxy.cut.load(SeqCst));
    assert_eq!(faulty.summary["objects_scanned"], 40, "{:#?}", faulty.objects);
    assert_eq!(faulty.finding_keys(), direct.finding_keys());
}

#[test]
fn no_credential_reaches_any_output() {
    let s = server();
    s.create_bucket("creds");
    s.put("creds", "a.txt", secret_text(1));
    let mut outputs = Vec::new();
    for format in ["jsonl", "human", "json", "sarif", "csv"] {
        let mut cmd = s3util::piiscan_s3(&s.endpoint, s3util::OWNER_KEY, OWNER_SECRET);
        cmd.args([
            "scan",
            "--endpoint-url",
            &s.endpoint,
            "--path-style",
            "--format",
            format,
            "s3://creds",
        ]);
        let out = util::run(&mut cmd);
        outputs.push(out.stdout + &out.stderr);
    }
    // A wrong secret: the error must name the problem, not the secret.
    let wrong = format!("{OWNER_SECRET}-wrong");
    let mut cmd = s3util::piiscan_s3(&s.endpoint, s3util::OWNER_KEY, &wrong);
    cmd.args(["scan", "--endpoint-url", &s.endpoint, "--path-style", "s3://creds"]);
    let out = util::run(&mut cmd);
    outputs.push(out.stdout + &out.stderr);
    for text in &outputs {
        assert!(!text.contains(OWNER_SECRET), "the secret key leaked: {text}");
    }
}

#[test]
fn summaries_roll_up_per_prefix_and_carry_bucket_posture() {
    let s = server();
    s.create_bucket("rolled");
    s.put("rolled", "exports/a.csv", secret_text(1));
    s.put("rolled", "exports/b.csv", secret_text(2));
    s.put("rolled", "logs/c.log", "nothing here\n");
    let scan = scan_s3(&s.endpoint, &["s3://rolled"]);
    let rollup = &scan.summary["rollups"][0];
    assert_eq!(rollup["target"], "s3://rolled");
    assert_eq!(rollup["objects"], 3);
    let prefixes = rollup["prefixes"].as_array().expect("prefix rollups");
    let exports = prefixes
        .iter()
        .find(|p| p["target"] == "s3://rolled/exports/")
        .expect("exports/");
    assert_eq!(exports["objects_with_findings"], 2);
    assert_eq!(exports["level"], "high");
    let logs = prefixes
        .iter()
        .find(|p| p["target"] == "s3://rolled/logs/")
        .expect("logs/");
    assert_eq!(logs["findings"], 0);
    let posture = &scan.summary["posture"][0];
    assert_eq!(posture["bucket"], "rolled");
    assert_eq!(posture["versioning"], "Disabled");

    let mut cmd = s3util::piiscan_s3(&s.endpoint, s3util::OWNER_KEY, OWNER_SECRET);
    cmd.args([
        "buckets",
        "--endpoint-url",
        &s.endpoint,
        "--path-style",
        "--format",
        "json",
    ]);
    let out = util::run(&mut cmd);
    assert_eq!(out.code(), 0, "{}", out.stderr);
    let postures: serde_json::Value = serde_json::from_str(&out.stdout).expect("buckets --format json");
    let names: Vec<&str> = postures
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["bucket"].as_str())
        .collect();
    assert!(names.contains(&"rolled"), "{names:?}");
    assert!(!out.stdout.contains(OWNER_SECRET) && !out.stderr.contains(OWNER_SECRET));
}

#[test]
fn skipped_storage_classes_are_recorded_with_their_class() {
    let s = server();
    s.create_bucket("classes");
    s.put("classes", "a.txt", secret_text(1));
    // SeaweedFS lists every object as STANDARD: skipping that class exercises the same path as
    // the GLACIER and DEEP_ARCHIVE default.
    let scan = scan_s3(&s.endpoint, &["s3://classes", "--skip-storage-classes", "STANDARD"]);
    assert_eq!(scan.skip_reason("s3://classes/a.txt").as_deref(), Some("storage-class"));
    let scan = scan_s3(&s.endpoint, &["s3://classes"]);
    assert_eq!(scan.skip_reason("s3://classes/a.txt"), None);
}

/// A zip of `(name, text)` members, deflated.
fn zip(members: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in members {
        w.start_file(*name, options).expect("a zip member");
        w.write_all(text.as_bytes()).expect("write a zip member");
    }
    w.finish().expect("finish the zip").into_inner()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).expect("gzip");
    gz.finish().expect("gzip")
}

fn tar(members: &[(&str, &str)]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for (name, text) in members {
        let mut header = tar::Header::new_gnu();
        header.set_size(text.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder
            .append_data(&mut header, name, text.as_bytes())
            .expect("a tar member");
    }
    builder.into_inner().expect("finish the tar")
}

/// `(member, detector)` of every finding in object `name`, sorted.
fn members(scan: &util::Scan, name: &str) -> Vec<(Option<String>, String)> {
    let mut found: Vec<_> = scan
        .findings_in(name)
        .iter()
        .map(|f| {
            (
                f["member"].as_str().map(str::to_string),
                f["detector"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn compressed_and_archive_objects_are_decoded_with_their_members() {
    let s = server();
    s.create_bucket("packed");
    let secret = secret_text(1);
    s.put("packed", "logs/app.log.gz", gzip(secret.as_bytes()));
    s.put(
        "packed",
        "exports/bundle.zip",
        zip(&[("config/app.env", &secret), ("notes.txt", "nothing here\n")]),
    );
    s.put(
        "packed",
        "backups/etc.tar.gz",
        gzip(&tar(&[("etc/app.env", &secret), ("README", "nothing\n")])),
    );
    let scan = scan_s3(&s.endpoint, &["s3://packed"]);
    assert_eq!(scan.code, 0, "{}", scan.stderr);
    let both = |member: Option<&str>| {
        let m = member.map(str::to_string);
        let mut v = vec![(m.clone(), AWS_ID.to_string()), (m, SSN_ID.to_string())];
        v.sort();
        v
    };
    for (name, format, member) in [
        ("s3://packed/logs/app.log.gz", "gzip+text", None),
        ("s3://packed/exports/bundle.zip", "zip", Some("config/app.env")),
        ("s3://packed/backups/etc.tar.gz", "tar.gz", Some("etc/app.env")),
    ] {
        assert_eq!(scan.object(name)["format"], format, "{name}");
        assert_eq!(scan.skip_reason(name), None, "{name}");
        assert_eq!(members(&scan, name), both(member), "{name}");
    }
}

/// Runs a scan as the owner with its JSON Lines report written to `output`.
fn scan_s3_to(endpoint: &str, args: &[&str], output: &std::path::Path) -> util::Run {
    let mut cmd = s3util::piiscan_s3(endpoint, s3util::OWNER_KEY, OWNER_SECRET);
    cmd.args([
        "scan",
        "--quiet",
        "--format",
        "jsonl",
        "--endpoint-url",
        endpoint,
        "--path-style",
    ])
    .args(args)
    .arg("--output")
    .arg(output);
    let out = util::run(&mut cmd);
    assert_eq!(out.code(), 0, "{}", out.stderr);
    out
}

fn read_report(path: &std::path::Path) -> util::Scan {
    use std::os::unix::process::ExitStatusExt;
    util::parse_jsonl(&util::Run {
        status: std::process::ExitStatus::from_raw(0),
        stdout: std::fs::read_to_string(path).expect("the report was written"),
        stderr: String::new(),
    })
}

/// Every record but the summary, as sorted text.
fn records(scan: &util::Scan) -> Vec<String> {
    let mut all: Vec<String> = scan
        .findings
        .iter()
        .chain(&scan.objects)
        .map(serde_json::Value::to_string)
        .collect();
    all.sort();
    all
}

/// Puts a varied set of objects: secrets, clean text, keys with spaces and Unicode, an empty
/// object, and compressed ones.
fn put_varied(bucket: &str, count: usize) {
    let s = server();
    s.create_bucket(bucket);
    for i in 0..count {
        let key = match i % 5 {
            0 => format!("exports/{i:03}.csv"),
            1 => format!("with space/ünïcødé 名前 {i:03}.txt"),
            2 => format!("logs/{i:03}.log.gz"),
            3 => format!("clean/{i:03}.txt"),
            _ => format!("top-{i:03}.txt"),
        };
        let body = match i % 5 {
            2 => gzip(secret_text(i).as_bytes()),
            3 => b"nothing to see here\n".to_vec(),
            _ => secret_text(i).into_bytes(),
        };
        s.put(bucket, &key, body);
    }
    s.put(bucket, "empty.txt", Vec::new());
}

#[test]
fn shards_over_a_bucket_merge_into_the_full_scan() {
    let s = server();
    put_varied("sharded", 30);
    let dir = util::TestDir::new();
    let full_path = dir.join("full.jsonl");
    scan_s3_to(&s.endpoint, &["s3://sharded"], &full_path);
    let full = read_report(&full_path);
    assert_eq!(full.objects.len(), 31);
    let mut parts = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for k in 0..3 {
        let part = dir.join(&format!("part-{k}.jsonl"));
        scan_s3_to(&s.endpoint, &["s3://sharded", "--shard", &format!("{k}/3")], &part);
        for object in read_report(&part).objects {
            let name = object["object"].as_str().unwrap_or_default().to_string();
            assert!(seen.insert(name.clone()), "{name} is in two shards");
        }
        parts.push(part);
    }
    assert_eq!(seen.len(), 31, "every object is in one shard");
    let merged_path = dir.join("merged.jsonl");
    let out = util::run(
        util::piiscan()
            .args(["merge", "--output"])
            .arg(&merged_path)
            .args(&parts),
    );
    assert_eq!(out.code(), 0, "{}", out.stderr);
    let merged = read_report(&merged_path);
    assert_eq!(records(&merged), records(&full));
    for field in [
        "objects_scanned",
        "objects_skipped",
        "objects_excluded",
        "bytes_scanned",
        "findings",
    ] {
        assert_eq!(merged.summary[field], full.summary[field], "summary.{field}");
    }
    assert_eq!(rollups(&merged), rollups(&full));
}

/// The summary's rollups with their prefixes sorted (they come in the order first met, which
/// depends on which object finished first).
fn rollups(scan: &util::Scan) -> serde_json::Value {
    let mut rollups = scan.summary["rollups"].clone();
    for rollup in rollups.as_array_mut().into_iter().flatten() {
        if let Some(prefixes) = rollup["prefixes"].as_array_mut() {
            prefixes.sort_by_key(|p| p["target"].as_str().unwrap_or_default().to_string());
        }
    }
    rollups
}

#[test]
fn a_killed_bucket_scan_resumes_from_its_state_without_loss_or_rescans() {
    use std::time::Duration;
    const OBJECTS: u64 = 121;
    let s = server();
    put_varied("resumed", OBJECTS as usize - 1);
    let dir = util::TestDir::new();
    let state = dir.join("state.db");
    // Every request held 25 ms: the scan takes seconds, long enough to be killed halfway.
    let proxy = FaultProxy::slow(&s.endpoint, Duration::from_millis(25));
    let mut cmd = s3util::piiscan_s3(&proxy.endpoint, s3util::OWNER_KEY, OWNER_SECRET);
    cmd.args([
        "scan",
        "--quiet",
        "--format",
        "jsonl",
        "--path-style",
        "--concurrency",
        "2",
    ])
    .args(["--endpoint-url", &proxy.endpoint, "s3://resumed", "--state"])
    .arg(&state)
    .arg("--output")
    .arg(dir.join("killed.jsonl"))
    .stdin(std::process::Stdio::null())
    .stdout(std::process::Stdio::null())
    .stderr(std::process::Stdio::null());
    let child = cmd.spawn().expect("start piiscan");
    let before = util::kill_after_recorded(child, &state, 10);
    assert!(before < OBJECTS, "the scan finished before the kill ({before} rows)");

    let state_arg = state.to_str().expect("a UTF-8 path");
    let resumed = scan_s3(&s.endpoint, &["s3://resumed", "--state", state_arg]);
    assert_eq!(resumed.code, 0, "{}", resumed.stderr);
    let (reused, recorded, dropped) = util::state_counts(&resumed.stderr);
    assert_eq!(reused, before, "every object finished before the kill is reused");
    assert_eq!(reused + recorded, OBJECTS, "no finished object is scanned again");
    assert_eq!(dropped, 0);
    let clean = scan_s3(&s.endpoint, &["s3://resumed"]);
    assert_eq!(resumed.finding_keys(), clean.finding_keys());
    assert_eq!(records(&resumed), records(&clean));
}

#[test]
fn a_rerun_reads_only_the_objects_that_changed() {
    let s = server();
    put_varied("incremental", 20);
    let dir = util::TestDir::new();
    let state = dir.join("state.db");
    let state = state.to_str().expect("a UTF-8 path");
    let first = scan_s3(&s.endpoint, &["s3://incremental", "--state", state]);
    assert_eq!(util::state_counts(&first.stderr), (0, 21, 0), "{}", first.stderr);

    // One object changed (a second SSN), one deleted, one new.
    let changed = "s3://incremental/exports/005.csv";
    s.put(
        "incremental",
        "exports/005.csv",
        format!("{}SSN again: {SSN}\n", secret_text(5)),
    );
    s.block_on(s.client.delete_object().bucket("incremental").key("top-004.txt").send())
        .expect("delete");
    s.put("incremental", "new.txt", secret_text(50));
    let second = scan_s3(&s.endpoint, &["s3://incremental", "--state", state]);
    assert_eq!(util::state_counts(&second.stderr), (19, 2, 1), "{}", second.stderr);
    let ssns = second
        .findings_in(changed)
        .iter()
        .filter(|f| f["detector"] == SSN_ID)
        .count();
    assert_eq!(ssns, 2, "the changed object is scanned as it is now");
    let clean = scan_s3(&s.endpoint, &["s3://incremental"]);
    assert_eq!(records(&second), records(&clean));
}

#[test]
fn a_bucket_in_another_region_is_reached_after_its_redirect() {
    let s = server();
    s.create_bucket("faraway");
    for i in 0..5 {
        s.put("faraway", &format!("k/{i}.txt"), secret_text(i));
    }
    let direct = scan_s3(&s.endpoint, &["s3://faraway"]);
    assert_eq!(direct.summary["objects_scanned"], 5);
    // The proxy plays S3 for a bucket in eu-west-1 while piiscan's client starts in us-east-1
    // (AWS_REGION), once with 301 PermanentRedirect and once with 400 AuthorizationHeaderMalformed.
    for malformed in [false, true] {
        let proxy = FaultProxy::region(&s.endpoint, "eu-west-1", malformed);
        let scan = scan_s3(&proxy.endpoint, &["s3://faraway"]);
        assert_eq!(scan.code, 0, "{}", scan.stderr);
        assert_eq!(scan.summary["objects_scanned"], 5, "{:#?}", scan.objects);
        assert_eq!(scan.finding_keys(), direct.finding_keys());
        // Posture calls are redirected too: the same answers as without the redirect.
        assert_eq!(scan.summary["posture"], direct.summary["posture"]);
        // One redirect for the bucket: the regional client is kept for every later call.
        use std::sync::atomic::Ordering::SeqCst;
        assert_eq!(proxy.throttled.load(SeqCst), 1, "malformed: {malformed}");
    }
}
