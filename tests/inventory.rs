//! S3 Inventory reports read from a local copy: generated manifests with gzip CSV and Parquet
//! data files, laid out as S3 writes them (`BUCKET/CONFIG/DATE/manifest.json` and
//! `BUCKET/CONFIG/data/*`), give the same current objects, with keys decoded and delete markers
//! and older versions left out.

mod util;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use piiscan::source::inventory::{self, InventoryObject};
use util::TestDir;

const CSV_SCHEMA: &str = "Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, LastModifiedDate, ETag, StorageClass";

/// One inventory row.
#[derive(Clone)]
struct Row {
    bucket: String,
    key: String,
    latest: bool,
    delete_marker: bool,
    size: Option<i64>,
    /// Without quotes, as inventories give it.
    etag: String,
    class: String,
    /// Milliseconds since the epoch.
    modified: i64,
}

/// 2026-11-20T10:00:00Z.
const MODIFIED: i64 = 1_795_168_800_000;

fn rows() -> Vec<Row> {
    let row = |key: &str, latest, delete_marker, size, etag: &str, class: &str| Row {
        bucket: "customer-exports".into(),
        key: key.into(),
        latest,
        delete_marker,
        size,
        etag: etag.into(),
        class: class.into(),
        modified: MODIFIED,
    };
    vec![
        row(
            "exports/2026/customers.csv",
            true,
            false,
            Some(1_234),
            "9b2cf535f27731c974343645a3985328",
            "STANDARD",
        ),
        row(
            "exports/with space/ünïcode+plus.txt",
            true,
            false,
            Some(0),
            "d41d8cd98f00b204e9800998ecf8427e",
            "STANDARD_IA",
        ),
        row(
            "exports/old.log",
            false,
            false,
            Some(10),
            "0cc175b9c0f1b6a831c399e269772661",
            "STANDARD",
        ),
        row("exports/deleted.log", true, true, None, "", ""),
        row(
            "archive/cold.tar",
            true,
            false,
            Some(52_428_800),
            "5d41402abc4b2a76b9719d911017c592-7",
            "GLACIER",
        ),
    ]
}

/// What `inventory::read` must give for `rows()`: the current, non-deleted objects.
fn expected(last_modified: &str) -> Vec<InventoryObject> {
    rows()
        .into_iter()
        .filter(|r| r.latest && !r.delete_marker)
        .map(|r| InventoryObject {
            bucket: "customer-exports".into(),
            key: r.key,
            size: r.size.map(|s| s as u64),
            etag: Some(r.etag),
            last_modified: Some(last_modified.into()),
            storage_class: Some(r.class),
        })
        .collect()
}

/// URL-encodes a key as inventory CSV does: `+` for spaces, `%XX` for the rest.
fn url_encode(key: &str) -> String {
    let mut out = String::new();
    for b in key.bytes() {
        match b {
            b' ' => out.push('+'),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'/' | b'*' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Milliseconds since the epoch as inventory CSV writes times (`2026-11-20T10:00:00.000Z`).
fn iso(millis: i64) -> String {
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_millis(millis as u64);
    humantime::format_rfc3339_millis(time).to_string()
}

/// A gzip CSV data file in `CSV_SCHEMA` order.
fn csv_gz(rows: &[Row]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for r in rows {
        writeln!(
            gz,
            "\"{}\",\"{}\",\"v1\",\"{}\",\"{}\",\"{}\",\"{}\",\"{}\",\"{}\"",
            r.bucket,
            url_encode(&r.key),
            r.latest,
            r.delete_marker,
            r.size.map(|s| s.to_string()).unwrap_or_default(),
            iso(r.modified),
            r.etag,
            r.class
        )
        .expect("write a row");
    }
    gz.finish().expect("finish gzip")
}

/// A Parquet data file with the columns S3 Inventory writes.
fn parquet(rows: &[Row]) -> Vec<u8> {
    let schema = Arc::new(
        parse_message_type(
            "message s3.inventory {
                required binary bucket (UTF8);
                required binary key (UTF8);
                optional boolean is_latest;
                optional boolean is_delete_marker;
                optional int64 size;
                optional int64 last_modified_date (TIMESTAMP_MILLIS);
                optional binary e_tag (UTF8);
                optional binary storage_class (UTF8);
            }",
        )
        .expect("the schema parses"),
    );
    let mut out = Vec::new();
    let props = Arc::new(WriterProperties::builder().set_compression(Compression::SNAPPY).build());
    let mut writer = SerializedFileWriter::new(&mut out, schema, props).expect("a writer");
    let mut group = writer.next_row_group().expect("a row group");
    let text = |f: &dyn Fn(&Row) -> &str| -> Vec<ByteArray> { rows.iter().map(|r| ByteArray::from(f(r))).collect() };
    let present = vec![1i16; rows.len()];
    let mut column = 0;
    while let Some(mut writer) = group.next_column().expect("next column") {
        match column {
            0 => writer
                .typed::<ByteArrayType>()
                .write_batch(&text(&|r| &r.bucket), None, None),
            1 => writer
                .typed::<ByteArrayType>()
                .write_batch(&text(&|r| &r.key), None, None),
            2 => {
                let v: Vec<bool> = rows.iter().map(|r| r.latest).collect();
                writer.typed::<BoolType>().write_batch(&v, Some(&present), None)
            }
            3 => {
                let v: Vec<bool> = rows.iter().map(|r| r.delete_marker).collect();
                writer.typed::<BoolType>().write_batch(&v, Some(&present), None)
            }
            4 => {
                let v: Vec<i64> = rows.iter().filter_map(|r| r.size).collect();
                let levels: Vec<i16> = rows.iter().map(|r| i16::from(r.size.is_some())).collect();
                writer.typed::<Int64Type>().write_batch(&v, Some(&levels), None)
            }
            5 => {
                let v: Vec<i64> = rows.iter().map(|r| r.modified).collect();
                writer.typed::<Int64Type>().write_batch(&v, Some(&present), None)
            }
            6 => writer
                .typed::<ByteArrayType>()
                .write_batch(&text(&|r| &r.etag), Some(&present), None),
            _ => writer
                .typed::<ByteArrayType>()
                .write_batch(&text(&|r| &r.class), Some(&present), None),
        }
        .expect("write a column");
        writer.close().expect("close the column");
        column += 1;
    }
    group.close().expect("close the row group");
    writer.close().expect("close the file");
    out
}

/// A manifest.json naming `files` (key, size) in `destination`.
fn manifest_text(source: &str, destination: &str, format: &str, schema: &str, files: &[(String, usize)]) -> String {
    let files: Vec<serde_json::Value> = files
        .iter()
        .map(|(key, size)| serde_json::json!({"key": key, "size": size, "MD5checksum": "00"}))
        .collect();
    serde_json::json!({
        "sourceBucket": source,
        "destinationBucket": format!("arn:aws:s3:::{destination}"),
        "version": "2016-11-30",
        "creationTimestamp": "1763856000000",
        "fileFormat": format,
        "fileSchema": schema,
        "files": files,
    })
    .to_string()
}

/// Writes the manifest under `root` and returns its path; `data` are the data files' keys.
fn manifest(root: &Path, format: &str, schema: &str, data: &[&str]) -> PathBuf {
    let files: Vec<(String, usize)> = data
        .iter()
        .map(|key| {
            let size = std::fs::metadata(root.join(key)).map(|m| m.len()).unwrap_or(0);
            (key.to_string(), size as usize)
        })
        .collect();
    let text = manifest_text("customer-exports", "inventory-dest", format, schema, &files);
    let path = root.join("inv/customer-exports/daily/2026-11-23T00-00Z/manifest.json");
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
    std::fs::write(&path, text).expect("write the manifest");
    path
}

fn read_all(manifest: &Path) -> Vec<InventoryObject> {
    let mut objects = Vec::new();
    let count = inventory::read(manifest, &mut |o| objects.push(o)).expect("the inventory reads");
    assert_eq!(count as usize, objects.len());
    objects
}

#[test]
fn csv_gzip_inventory_lists_current_objects_with_decoded_keys() {
    let dir = TestDir::new();
    // Two data files, as large inventories are split.
    let mut data = Vec::new();
    for (n, part) in rows().chunks(3).enumerate() {
        let key = format!("inv/customer-exports/daily/data/part-{n}.csv.gz");
        dir.create_bytes(&key, &csv_gz(part));
        data.push(key);
    }
    let data: Vec<&str> = data.iter().map(String::as_str).collect();
    let manifest = manifest(dir.path(), "CSV", CSV_SCHEMA, &data);
    assert_eq!(read_all(&manifest), expected("2026-11-20T10:00:00.000Z"));
}

#[test]
fn parquet_inventory_lists_the_same_objects() {
    let dir = TestDir::new();
    let key = "inv/customer-exports/daily/data/part-0.parquet";
    dir.create_bytes(key, &parquet(&rows()));
    let manifest = manifest(dir.path(), "Parquet", "message s3.inventory { ... }", &[key]);
    assert_eq!(read_all(&manifest), expected("2026-11-20T10:00:00.000Z"));
}

#[test]
fn missing_data_file_and_unknown_format_name_the_problem() {
    let dir = TestDir::new();
    let manifest_path = manifest(
        dir.path(),
        "CSV",
        CSV_SCHEMA,
        &["inv/customer-exports/daily/data/gone.csv.gz"],
    );
    let err = inventory::read(&manifest_path, &mut |_| {}).unwrap_err().to_string();
    assert!(err.contains("gone.csv.gz") && err.contains("not found"), "{err}");
    let orc = manifest(dir.path(), "ORC", CSV_SCHEMA, &[]);
    let err = inventory::read(&orc, &mut |_| {}).unwrap_err().to_string();
    assert!(err.contains("\"orc\" is not read"), "{err}");
    let not_json = dir.create("manifest.json", "{ not json");
    let err = inventory::read(&not_json, &mut |_| {}).unwrap_err().to_string();
    assert!(err.contains("manifest.json"), "{err}");
}

// Against a real S3 server: the report and its data files in a destination bucket, as S3 writes
// them, and `piiscan scan s3://… --inventory` reading them.

#[path = "util/s3.rs"]
mod s3util;

use s3util::{Weed, scan_s3, server};
use util::{SSN, SSN_ID, Scan};

fn secret_text(i: usize) -> String {
    format!("row {i}\nSSN: {SSN}\n")
}

/// The bucket's current objects as inventory rows, from a listing (sizes, ETags and times as
/// the server gives them; ETags without their quotes, as inventories write them).
fn inventory_rows(s: &Weed, bucket: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut pages = s.client.list_objects_v2().bucket(bucket).into_paginator().send();
    while let Some(page) = s.block_on(pages.next()) {
        for entry in page.expect("list the source bucket").contents() {
            rows.push(Row {
                bucket: bucket.into(),
                key: entry.key().expect("a key").into(),
                latest: true,
                delete_marker: false,
                size: entry.size(),
                etag: entry.e_tag().unwrap_or_default().trim_matches('"').into(),
                class: "STANDARD".into(),
                modified: entry
                    .last_modified()
                    .map_or(MODIFIED, |t| t.to_millis().expect("a time")),
            });
        }
    }
    rows
}

/// Uploads `data` as the report's one data file and a manifest naming it, laid out as S3 does
/// (`SOURCE/CONFIG/DATE/manifest.json`, `SOURCE/CONFIG/data/…`); returns the manifest's URL.
fn upload_report(s: &Weed, source: &str, destination: &str, config: &str, format: &str, data: Vec<u8>) -> String {
    let (schema, name) = match format {
        "CSV" => (CSV_SCHEMA, "part-0.csv.gz"),
        _ => ("message s3.inventory { ... }", "part-0.parquet"),
    };
    let data_key = format!("{source}/{config}/data/{name}");
    let text = manifest_text(source, destination, format, schema, &[(data_key.clone(), data.len())]);
    s.put(destination, &data_key, data);
    let manifest_key = format!("{source}/{config}/2026-11-23T00-00Z/manifest.json");
    s.put(destination, &manifest_key, text);
    format!("s3://{destination}/{manifest_key}")
}

fn object_names(scan: &Scan) -> Vec<String> {
    let mut names: Vec<String> = scan
        .objects
        .iter()
        .map(|o| o["object"].as_str().unwrap_or_default().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn an_inventory_scan_equals_a_listing_scan_and_records_deleted_objects() {
    let s = server();
    s.create_bucket("invsrc");
    s.create_bucket("invdest");
    for i in 0..6 {
        s.put("invsrc", &format!("exports/{i}.txt"), secret_text(i));
    }
    s.put("invsrc", "with space/ünïcødé 名前+plus.txt", secret_text(7));
    s.put("invsrc", "empty.txt", Vec::new());
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(secret_text(8).as_bytes()).expect("gzip");
    s.put("invsrc", "logs/app.log.gz", gz.finish().expect("gzip"));
    s.put("invsrc", "doomed.txt", secret_text(9));
    let mut rows = inventory_rows(s, "invsrc");
    assert_eq!(rows.len(), 10);
    // Deleted after the inventory was taken: a recorded skip, not a failure.
    s.block_on(s.client.delete_object().bucket("invsrc").key("doomed.txt").send())
        .expect("delete");
    // An older version and a delete marker: not current, never read.
    let mut older = rows[0].clone();
    (older.key, older.latest) = ("older.txt".into(), false);
    let mut marker = rows[0].clone();
    (marker.key, marker.delete_marker) = ("marker.txt".into(), true);
    rows.extend([older, marker]);

    let listing = scan_s3(&s.endpoint, &["s3://invsrc"]);
    assert_eq!(listing.code, 0, "{}", listing.stderr);
    assert_eq!(listing.objects.len(), 9);
    assert_eq!(listing.findings_of(SSN_ID).len(), 8, "{:#?}", listing.findings);

    let local = TestDir::new();
    local.create_bytes("inv/invsrc/local/data/part-0.csv.gz", &csv_gz(&rows));
    let local_manifest = local.create(
        "inv/invsrc/local/2026-11-23T00-00Z/manifest.json",
        &manifest_text(
            "invsrc",
            "invdest",
            "CSV",
            CSV_SCHEMA,
            &[("invsrc/local/data/part-0.csv.gz".into(), 1)],
        ),
    );
    let manifests = [
        upload_report(s, "invsrc", "invdest", "daily-csv", "CSV", csv_gz(&rows)),
        upload_report(s, "invsrc", "invdest", "daily-parquet", "Parquet", parquet(&rows)),
        local_manifest.display().to_string(),
    ];
    let mut expected_names = object_names(&listing);
    expected_names.push("s3://invsrc/doomed.txt".into());
    expected_names.sort();
    for manifest in &manifests {
        let scan = scan_s3(&s.endpoint, &["s3://invsrc", "--inventory", manifest]);
        assert_eq!(scan.code, 0, "{manifest}: {}", scan.stderr);
        assert_eq!(object_names(&scan), expected_names, "{manifest}");
        assert_eq!(scan.finding_keys(), listing.finding_keys(), "{manifest}");
        assert_eq!(
            scan.skip_reason("s3://invsrc/doomed.txt").as_deref(),
            Some("not-found"),
            "{manifest}"
        );
        let detail = scan.object("s3://invsrc/doomed.txt")["skipped"]["detail"].to_string();
        assert!(detail.contains("NoSuchKey"), "{detail}");
        assert_eq!(scan.summary["objects_skipped"], 1, "{manifest}");
        let member = scan.findings_in("s3://invsrc/logs/app.log.gz");
        assert!(!member.is_empty(), "the gzip object is decoded: {manifest}");
    }
}

#[test]
fn inventory_objects_go_through_scope_shards_and_state() {
    let s = server();
    s.create_bucket("invscope");
    s.create_bucket("invscope-dest");
    s.create_bucket("invscope-other");
    for i in 0..40 {
        s.put("invscope", &format!("logs/{i:02}.log"), secret_text(i));
    }
    s.put("invscope", "tmp/x.log", secret_text(99));
    s.put("invscope-other", "a.log", secret_text(0));
    let rows = inventory_rows(s, "invscope");
    let manifest = upload_report(s, "invscope", "invscope-dest", "daily", "CSV", csv_gz(&rows));

    // The same flags give the same objects and counts whether listed or read from the inventory.
    for flags in [
        vec!["s3://invscope"],
        vec!["s3://invscope/logs/"],
        vec!["s3://invscope", "--exclude", "tmp/**"],
        vec!["s3://invscope", "--sample", "50%"],
        vec!["s3://invscope", "--max-object-size", "10"],
        vec!["s3://invscope", "--shard", "1/3"],
    ] {
        let listed = scan_s3(&s.endpoint, &flags);
        let mut with_inventory = flags.clone();
        with_inventory.extend(["--inventory", manifest.as_str()]);
        let read = scan_s3(&s.endpoint, &with_inventory);
        assert_eq!(read.code, 0, "{flags:?}: {}", read.stderr);
        assert_eq!(object_names(&read), object_names(&listed), "{flags:?}");
        assert_eq!(read.finding_keys(), listed.finding_keys(), "{flags:?}");
        assert_eq!(
            read.summary["objects_excluded"], listed.summary["objects_excluded"],
            "{flags:?}"
        );
    }

    // A state file written by a listing scan serves an inventory scan: the versions (ETags)
    // agree, so nothing is read again.
    let dir = TestDir::new();
    let state = dir.join("state.db");
    let state = state.to_str().expect("a UTF-8 path");
    let listed = scan_s3(&s.endpoint, &["s3://invscope", "--state", state]);
    assert!(
        listed.stderr.contains("0 unchanged objects reused, 41 scanned"),
        "{}",
        listed.stderr
    );
    let read = scan_s3(
        &s.endpoint,
        &["s3://invscope", "--state", state, "--inventory", &manifest],
    );
    assert!(
        read.stderr.contains("41 unchanged objects reused, 0 scanned"),
        "{}",
        read.stderr
    );
    assert_eq!(read.finding_keys(), listed.finding_keys());

    // An inventory of another bucket is refused for this target, with the reason.
    let other = scan_s3(&s.endpoint, &["s3://invscope-other", "--inventory", &manifest]);
    assert_eq!(other.objects.len(), 1);
    assert_eq!(other.skip_reason("s3://invscope-other").as_deref(), Some("read-error"));
    let detail = other.objects[0]["skipped"]["detail"].to_string();
    assert!(detail.contains("bucket \\\"invscope\\\""), "{detail}");

    // --inventory needs an s3:// target to read for.
    let out = util::run(util::piiscan().args(["scan", "--inventory", &manifest, dir.path().to_str().unwrap()]));
    assert_eq!(out.code(), 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("--inventory lists the objects of an s3:// target"),
        "{}",
        out.stderr
    );
}
