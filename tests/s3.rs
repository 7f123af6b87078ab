//! `piiscan scan s3://…` against a real S3 server (SeaweedFS `weed mini`, started once for this
//! test binary on free 127.0.0.1 ports; each test uses its own buckets).

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
    // 12 parts of 8 MiB (96 MiB), made one at a time; a secret near the start of part 1, one
    // across the boundary of parts 6 and 7, one at the very end.
    const PART: usize = 8 << 20;
    let secret = format!("\nSSN: {SSN}\n");
    let secret = secret.as_bytes();
    let filler: &[u8] = b"filler line of a large log file with nothing sensitive in it\n";
    s.put_multipart("large", "big.log", 12, |n| {
        let mut part = filler.repeat(PART / filler.len() + 1);
        part.truncate(PART);
        match n {
            1 => part[100..100 + secret.len()].copy_from_slice(secret),
            6 => part[PART - 7..].copy_from_slice(&secret[..7]),
            7 => part[..secret.len() - 7].copy_from_slice(&secret[7..]),
            12 => part[PART - secret.len()..].copy_from_slice(secret),
            _ => {}
        }
        part
    });
    let scan = scan_s3(&s.endpoint, &["s3://large"]);
    assert_eq!(scan.code, 0, "{}", scan.stderr);
    let object = scan.object("s3://large/big.log");
    assert_eq!(object["size"], 12 * PART as u64);
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
