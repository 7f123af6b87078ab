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

/// One inventory row: (key, is_latest, is_delete_marker, size, etag, storage class).
struct Row {
    key: &'static str,
    latest: bool,
    delete_marker: bool,
    size: Option<i64>,
    etag: &'static str,
    class: &'static str,
}

fn rows() -> Vec<Row> {
    let row = |key, latest, delete_marker, size, etag, class| Row {
        key,
        latest,
        delete_marker,
        size,
        etag,
        class,
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
            key: r.key.into(),
            size: r.size.map(|s| s as u64),
            etag: Some(r.etag.into()),
            last_modified: Some(last_modified.into()),
            storage_class: Some(r.class.into()),
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

/// Writes the manifest and returns its path; `data` are the data files' keys.
fn manifest(root: &Path, format: &str, schema: &str, data: &[&str]) -> PathBuf {
    let files: Vec<String> = data
        .iter()
        .map(|key| {
            let size = std::fs::metadata(root.join(key)).map(|m| m.len()).unwrap_or(0);
            format!(r#"{{"key": "{key}", "size": {size}, "MD5checksum": "00"}}"#)
        })
        .collect();
    let text = format!(
        r#"{{"sourceBucket": "customer-exports", "destinationBucket": "arn:aws:s3:::inventory-dest",
            "version": "2016-11-30", "creationTimestamp": "1763856000000", "fileFormat": "{format}",
            "fileSchema": "{schema}", "files": [{}]}}"#,
        files.join(",")
    );
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
    let rows = rows();
    // Two data files, as large inventories are split.
    let mut data = Vec::new();
    for (n, part) in rows.chunks(3).enumerate() {
        let key = format!("inv/customer-exports/daily/data/part-{n}.csv.gz");
        std::fs::create_dir_all(dir.join("inv/customer-exports/daily/data")).expect("mkdir");
        let file = std::fs::File::create(dir.join(&key)).expect("create");
        let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::default());
        for r in part {
            writeln!(
                gz,
                "\"customer-exports\",\"{}\",\"v1\",\"{}\",\"{}\",\"{}\",\"2026-11-20T10:00:00.000Z\",\"{}\",\"{}\"",
                url_encode(r.key),
                r.latest,
                r.delete_marker,
                r.size.map(|s| s.to_string()).unwrap_or_default(),
                r.etag,
                r.class
            )
            .expect("write a row");
        }
        gz.finish().expect("finish gzip");
        data.push(key);
    }
    let data: Vec<&str> = data.iter().map(String::as_str).collect();
    let manifest = manifest(dir.path(), "CSV", CSV_SCHEMA, &data);
    assert_eq!(read_all(&manifest), expected("2026-11-20T10:00:00.000Z"));
}

#[test]
fn parquet_inventory_lists_the_same_objects() {
    let dir = TestDir::new();
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
    let key = "inv/customer-exports/daily/data/part-0.parquet";
    std::fs::create_dir_all(dir.join("inv/customer-exports/daily/data")).expect("mkdir");
    let file = std::fs::File::create(dir.join(key)).expect("create");
    let props = Arc::new(WriterProperties::builder().set_compression(Compression::SNAPPY).build());
    let mut writer = SerializedFileWriter::new(file, schema, props).expect("a writer");
    let rows = rows();
    let mut group = writer.next_row_group().expect("a row group");
    let text = |f: &dyn Fn(&Row) -> &str| -> Vec<ByteArray> { rows.iter().map(|r| ByteArray::from(f(r))).collect() };
    let mut column = 0;
    while let Some(mut writer) = group.next_column().expect("next column") {
        let present = vec![1i16; rows.len()];
        match column {
            0 => writer
                .typed::<ByteArrayType>()
                .write_batch(&text(&|_| "customer-exports"), None, None),
            1 => writer
                .typed::<ByteArrayType>()
                .write_batch(&text(&|r| r.key), None, None),
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
                let v = vec![1_795_168_800_000i64; rows.len()];
                writer.typed::<Int64Type>().write_batch(&v, Some(&present), None)
            }
            6 => writer
                .typed::<ByteArrayType>()
                .write_batch(&text(&|r| r.etag), Some(&present), None),
            _ => writer
                .typed::<ByteArrayType>()
                .write_batch(&text(&|r| r.class), Some(&present), None),
        }
        .expect("write a column");
        writer.close().expect("close the column");
        column += 1;
    }
    group.close().expect("close the row group");
    writer.close().expect("close the file");
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
