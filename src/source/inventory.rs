//! S3 Inventory: the objects of a bucket read from an inventory report instead of listing it
//! (listing a bucket of a billion keys takes a million requests; its daily inventory is a few
//! files). A report is a `manifest.json` (`sourceBucket`, `destinationBucket`, `fileFormat`,
//! `fileSchema`, and `files`: the data files' keys in the destination bucket) and its data files:
//! gzip CSV without a header, columns in `fileSchema` order and keys URL-encoded, or Parquet,
//! columns named `bucket`, `key`, `size`, `last_modified_date`, `e_tag`, `storage_class`, ...
//!
//! The files come from a `Store`: a local copy of the destination prefix (`LocalStore`, for
//! instance after `aws s3 sync`) or the destination bucket itself (the S3 source's store). CSV is
//! read as a stream; Parquet needs random access, so a store may spool it to a temporary file.
//! Invariant: every row comes out, as an object or as an error naming the data file and row;
//! delete markers and non-current versions are left out, since a scan reads current versions.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::Error;

/// One object as the inventory lists it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InventoryObject {
    pub bucket: String,
    /// The key, decoded (CSV reports URL-encode it).
    pub key: String,
    pub size: Option<u64>,
    /// The ETag without its quotes: the version `--state` keys results by.
    pub etag: Option<String>,
    /// As the report gives it: ISO 8601 in CSV, milliseconds since the epoch in Parquet
    /// (rendered as ISO 8601 here).
    pub last_modified: Option<String>,
    pub storage_class: Option<String>,
}

/// The written form of `manifest.json`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub source_bucket: String,
    /// The bucket the data files are in, as an ARN (`arn:aws:s3:::name`) or a name.
    #[serde(default)]
    pub destination_bucket: Option<String>,
    pub file_format: String,
    #[serde(default)]
    pub file_schema: String,
    pub files: Vec<ManifestFile>,
}

#[derive(Debug, Deserialize)]
pub struct ManifestFile {
    pub key: String,
    #[serde(default)]
    pub size: Option<u64>,
}

/// Where a report's data files are read from. Errors name the file.
pub trait Store {
    /// Data file `key` (as the manifest names it), for one sequential read.
    fn stream(&self, key: &str) -> Result<Box<dyn Read + '_>, Error>;
    /// Data file `key` as a file that can be read at any offset (Parquet's footer is at its end).
    fn file(&self, key: &str) -> Result<std::fs::File, Error>;
}

/// A report copied to a local folder: the manifest sits at
/// `PREFIX/BUCKET/CONFIG/DATE/manifest.json` and the data files at `PREFIX/BUCKET/CONFIG/data/…`.
pub struct LocalStore {
    pub manifest: PathBuf,
}

impl Store for LocalStore {
    fn stream(&self, key: &str) -> Result<Box<dyn Read + '_>, Error> {
        Ok(Box::new(self.file(key)?))
    }

    fn file(&self, key: &str) -> Result<std::fs::File, Error> {
        let path = locate(&self.manifest, key)?;
        std::fs::File::open(&path).map_err(|e| Error::io(&path, e))
    }
}

impl Manifest {
    /// Parses the text of the manifest named `name` (a path or an `s3://` URL, for errors).
    pub fn parse(text: &str, name: &str) -> Result<Manifest, Error> {
        let manifest: Manifest = serde_json::from_str(text)
            .map_err(|e| bad(Path::new(name), format!("not an S3 Inventory manifest.json ({e})")))?;
        match manifest.file_format.to_ascii_lowercase().as_str() {
            "csv" | "parquet" => Ok(manifest),
            other => Err(bad(
                Path::new(name),
                format!(
                    "inventory format {other:?} is not read (CSV and Parquet are); choose one of them in the inventory configuration"
                ),
            )),
        }
    }

    /// The destination bucket's name (`arn:aws:s3:::name` → `name`), when the manifest gives it.
    pub fn destination(&self) -> Option<&str> {
        let bucket = self.destination_bucket.as_deref()?;
        let name = bucket.strip_prefix("arn:aws:s3:::").unwrap_or(bucket);
        (!name.is_empty()).then_some(name)
    }

    /// Reads every data file from `store`, handing each current object to `each` until it
    /// answers `Break`; returns how many objects were handed over.
    pub fn objects(
        &self,
        store: &dyn Store,
        each: &mut dyn FnMut(InventoryObject) -> ControlFlow<()>,
    ) -> Result<u64, Error> {
        let parquet = self.file_format.eq_ignore_ascii_case("parquet");
        let mut count = 0;
        let mut flow = ControlFlow::Continue(());
        for file in &self.files {
            let mut emit = |object: InventoryObject| {
                if flow.is_continue() {
                    count += 1;
                    flow = each(object);
                }
                flow
            };
            let name = Path::new(&file.key);
            if parquet {
                read_parquet(store.file(&file.key)?, name, &mut emit)?;
            } else {
                read_csv(store.stream(&file.key)?, name, &self.file_schema, &mut emit)?;
            }
            if flow.is_break() {
                break;
            }
        }
        Ok(count)
    }
}

/// Reads the inventory report whose manifest is at `manifest`, a local copy, handing each
/// current object to `each`; returns how many there were.
pub fn read(manifest: &Path, each: &mut dyn FnMut(InventoryObject)) -> Result<u64, Error> {
    let text = std::fs::read_to_string(manifest).map_err(|e| Error::io(manifest, e))?;
    let parsed = Manifest::parse(&text, &manifest.display().to_string())?;
    let store = LocalStore {
        manifest: manifest.to_path_buf(),
    };
    parsed.objects(&store, &mut |object| {
        each(object);
        ControlFlow::Continue(())
    })
}

fn bad(path: &Path, what: String) -> Error {
    Error::io(path, std::io::Error::new(std::io::ErrorKind::InvalidData, what))
}

/// The local copy of data file `key`: looked for under each folder above the manifest, then by
/// its name in a `data` folder beside or above it.
fn locate(manifest: &Path, key: &str) -> Result<PathBuf, Error> {
    let start = manifest.parent().unwrap_or(Path::new("."));
    let name = Path::new(key).file_name().map(PathBuf::from).unwrap_or_default();
    for dir in start.ancestors() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        for candidate in [dir.join(key), dir.join("data").join(&name)] {
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    Err(bad(
        manifest,
        format!("data file {key:?} not found under the manifest's folders: copy the whole inventory prefix"),
    ))
}

/// A column name reduced to compare CSV's `LastModifiedDate` with Parquet's `last_modified_date`.
fn column(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether a row names the current version of an object (not a delete marker, not an older
/// version), from its `IsLatest` and `IsDeleteMarker` columns when the report has them.
fn current(is_latest: Option<bool>, is_delete_marker: Option<bool>) -> bool {
    is_latest != Some(false) && is_delete_marker != Some(true)
}

type Emit<'a> = &'a mut dyn FnMut(InventoryObject) -> ControlFlow<()>;

/// One CSV data file (`path` names it in errors), gzip or plain, told apart by its first bytes.
fn read_csv(data: Box<dyn Read + '_>, path: &Path, schema: &str, emit: Emit<'_>) -> Result<(), Error> {
    let columns: HashMap<String, usize> = schema
        .split(',')
        .enumerate()
        .map(|(i, name)| (column(name), i))
        .collect();
    let at = |name: &str| columns.get(name).copied();
    let (Some(bucket_at), Some(key_at)) = (at("bucket"), at("key")) else {
        return Err(bad(
            path,
            format!("the manifest's fileSchema {schema:?} has no Bucket and Key columns"),
        ));
    };
    let mut data = BufReader::new(data);
    let gzip = data
        .fill_buf()
        .map_err(|e| Error::io(path, e))?
        .starts_with(&[0x1f, 0x8b]);
    let reader: Box<dyn Read + '_> = if gzip {
        Box::new(flate2::read::MultiGzDecoder::new(data))
    } else {
        Box::new(data)
    };
    let mut rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    for (index, row) in rows.records().enumerate() {
        let row = row.map_err(|e| bad(path, format!("row {}: {e}", index + 1)))?;
        let field = |at: Option<usize>| at.and_then(|i| row.get(i)).filter(|v| !v.is_empty());
        let flag = |at: Option<usize>| field(at).map(|v| v.eq_ignore_ascii_case("true"));
        if !current(flag(at("islatest")), flag(at("isdeletemarker"))) {
            continue;
        }
        let key = field(Some(key_at)).ok_or_else(|| bad(path, format!("row {}: no key", index + 1)))?;
        // Keys are URL-encoded, spaces as `+` (as in a form), other bytes as %XX.
        let key = percent_encoding::percent_decode_str(&key.replace('+', " "))
            .decode_utf8()
            .map_err(|e| bad(path, format!("row {}: key is not UTF-8 once decoded ({e})", index + 1)))?
            .into_owned();
        let flow = emit(InventoryObject {
            bucket: field(Some(bucket_at)).unwrap_or_default().to_string(),
            key,
            size: field(at("size")).and_then(|v| v.parse().ok()),
            etag: field(at("etag")).map(|v| v.trim_matches('"').to_string()),
            last_modified: field(at("lastmodifieddate")).map(str::to_string),
            storage_class: field(at("storageclass")).map(str::to_string),
        });
        if flow.is_break() {
            break;
        }
    }
    Ok(())
}

fn read_parquet(file: std::fs::File, path: &Path, emit: Emit<'_>) -> Result<(), Error> {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;

    let reader = SerializedFileReader::new(file).map_err(|e| bad(path, format!("not a Parquet file ({e})")))?;
    let rows = reader
        .get_row_iter(None)
        .map_err(|e| bad(path, format!("cannot read its rows ({e})")))?;
    for (index, row) in rows.enumerate() {
        let row = row.map_err(|e| bad(path, format!("row {}: {e}", index + 1)))?;
        let mut object = InventoryObject::default();
        let (mut is_latest, mut is_delete_marker) = (None, None);
        for (name, value) in row.get_column_iter() {
            let text = match value {
                Field::Str(s) => Some(s.clone()),
                _ => None,
            };
            let number = match value {
                Field::Long(n) => Some(*n),
                Field::Int(n) => Some(i64::from(*n)),
                Field::TimestampMillis(n) => Some(*n),
                _ => None,
            };
            let flag = match value {
                Field::Bool(b) => Some(*b),
                _ => None,
            };
            match column(name).as_str() {
                "bucket" => object.bucket = text.unwrap_or_default(),
                "key" => object.key = text.unwrap_or_default(),
                "size" => object.size = number.and_then(|n| u64::try_from(n).ok()),
                "etag" => object.etag = text.map(|t| t.trim_matches('"').to_string()),
                "lastmodifieddate" => object.last_modified = number.and_then(iso_millis).or(text),
                "storageclass" => object.storage_class = text,
                "islatest" => is_latest = flag,
                "isdeletemarker" => is_delete_marker = flag,
                _ => {}
            }
        }
        if object.key.is_empty() {
            return Err(bad(path, format!("row {}: no key column", index + 1)));
        }
        if current(is_latest, is_delete_marker) && emit(object).is_break() {
            break;
        }
    }
    Ok(())
}

/// Milliseconds since the epoch as ISO 8601 UTC (`2026-11-23T15:04:05.123Z`).
fn iso_millis(millis: i64) -> Option<String> {
    let seconds = u64::try_from(millis.div_euclid(1000)).ok()?;
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(seconds);
    let whole = humantime::format_rfc3339_seconds(time).to_string();
    Some(format!(
        "{}.{:03}Z",
        whole.trim_end_matches('Z'),
        millis.rem_euclid(1000)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_compare_across_csv_and_parquet_names() {
        assert_eq!(column(" LastModifiedDate"), column("last_modified_date"));
        assert_eq!(column("ETag"), column("e_tag"));
    }

    #[test]
    fn delete_markers_and_old_versions_are_not_current() {
        assert!(current(None, None));
        assert!(current(Some(true), Some(false)));
        assert!(!current(Some(false), None));
        assert!(!current(Some(true), Some(true)));
    }

    #[test]
    fn millis_render_as_iso_8601() {
        assert_eq!(
            iso_millis(1_700_000_000_123).as_deref(),
            Some("2023-11-14T22:13:20.123Z")
        );
    }
}
