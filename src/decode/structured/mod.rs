//! Structured formats: decoders that hand the scanner one *field* at a time (a CSV cell, a JSON
//! string or number, a Parquet/Avro value) with the names above it (column header, JSON key path)
//! and its place in the record. Invariant: the names are context only, never scanned as values,
//! and every field's `locate` gives the place a person would look (row, column name, JSON path,
//! record) plus line/column/offset in the object where the format has text lines.
//!
//! `detect` picks the kind from the object's name and first bytes; `decode` drives the decoder
//! over a reader and calls back per field. A decoder error after some fields is a `corrupt` skip:
//! the fields already handed over (and their findings) stay.

mod avro;
mod csv;
mod json;
mod office;
mod parquet;
mod pdf;

use std::io::Read;
use std::ops::ControlFlow;

use crate::location::Location;
use crate::skip::{Skip, SkipReason};

/// A structured format this module decodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// CSV or TSV; the delimiter is sniffed from the first lines.
    Csv,
    /// One JSON document (a `.json` file).
    Json,
    /// JSON Lines / NDJSON: one value per line, each a `record`.
    JsonLines,
    /// Apache Parquet (`PAR1` magic): values column by column, `row` and `column_name`.
    Parquet,
    /// Apache Avro object container file (`Obj\x01` magic): record by record, `row` and
    /// `column_name`.
    Avro,
    /// Word document (docx, docm): paragraph text of its XML parts.
    Docx,
    /// PowerPoint deck (pptx): text slide by slide, `page` = slide number.
    Pptx,
    /// Excel workbook (xlsx, xlsm): cell by cell with `sheet`, `row`, `column`, `column_name`.
    Xlsx,
    /// PDF (`%PDF-` magic): text page by page, `page`.
    Pdf,
}

impl Kind {
    /// Every kind, for tools that drive each decoder in turn (property tests, fuzz targets).
    pub const ALL: [Kind; 9] = [
        Kind::Csv,
        Kind::Json,
        Kind::JsonLines,
        Kind::Parquet,
        Kind::Avro,
        Kind::Docx,
        Kind::Pptx,
        Kind::Xlsx,
        Kind::Pdf,
    ];

    /// Whether the object is also scanned as plain text before field by field: JSON, whose
    /// detectors' patterns may join a key and its value. CSV is not: there a keyword in one column
    /// must not count for the next.
    pub fn text_pass(self) -> bool {
        matches!(self, Kind::Json | Kind::JsonLines)
    }

    /// The object's `format` in reports.
    pub fn format(self) -> &'static str {
        match self {
            Kind::Csv => "csv",
            Kind::Json => "json",
            Kind::JsonLines => "jsonl",
            Kind::Parquet => "parquet",
            Kind::Avro => "avro",
            Kind::Docx => "docx",
            Kind::Pptx => "pptx",
            Kind::Xlsx => "xlsx",
            Kind::Pdf => "pdf",
        }
    }
}

/// The structured kind of an object from its name (extension) and first bytes, or None for text
/// and every other format. Text formats go by extension only: a log line that happens to start
/// with `{` is still scanned as text. Binary formats go by their magic bytes, whatever the name.
pub fn detect(name: &str, head: &[u8]) -> Option<Kind> {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let text_like = !head.contains(&0);
    if head.starts_with(b"PAR1") {
        return Some(Kind::Parquet);
    }
    if head[..head.len().min(1024)].windows(5).any(|w| w == b"%PDF-") && (ext == "pdf" || head.starts_with(b"%PDF-")) {
        return Some(Kind::Pdf);
    }
    if head.starts_with(b"Obj\x01") {
        return Some(Kind::Avro);
    }
    if head.starts_with(b"PK\x03\x04") {
        return match ext {
            "docx" | "docm" | "dotx" => Some(Kind::Docx),
            "pptx" | "pptm" => Some(Kind::Pptx),
            "xlsx" | "xlsm" => Some(Kind::Xlsx),
            _ => None,
        };
    }
    match ext {
        "csv" | "tsv" | "tab" | "psv" if text_like => Some(Kind::Csv),
        "json" | "geojson" if text_like => Some(Kind::Json),
        "jsonl" | "ndjson" | "jsonlines" if text_like => Some(Kind::JsonLines),
        _ => None,
    }
}

/// One value of a structured object, as the scanner sees it.
pub trait Field {
    /// The value's text (a number is scanned as its digits).
    fn text(&self) -> &[u8];
    /// The names above the value that count as keywords: the column header, or every key of the
    /// JSON path. Array indices are not names.
    fn names(&self) -> &[String];
    /// The location of `length` bytes at `start..` of `text()`.
    fn locate(&self, start: usize, length: usize) -> Location;
}

/// Decodes `input` as `kind`, calling `each` with every field in order until it breaks. Returns a
/// `corrupt` skip with the decoder's message when the input is malformed; fields before the damage
/// have been handed over.
pub fn decode(
    kind: Kind,
    input: &mut dyn Read,
    each: &mut dyn FnMut(&dyn Field) -> ControlFlow<Skip>,
) -> Result<(), Skip> {
    let flow = match kind {
        Kind::Csv => csv::decode(input, each)?,
        Kind::Json => json::decode(input, false, each)?,
        Kind::JsonLines => json::decode(input, true, each)?,
        Kind::Avro => avro::decode(input, each)?,
        Kind::Parquet | Kind::Docx | Kind::Pptx | Kind::Xlsx | Kind::Pdf => {
            let mut bytes = Vec::new();
            input.read_to_end(&mut bytes).map_err(|e| Skip::io(&e))?;
            return decode_bytes(kind, &bytes, each);
        }
    };
    match flow {
        ControlFlow::Continue(()) => Ok(()),
        ControlFlow::Break(skip) => Err(skip),
    }
}

/// As `decode`, over an object whole in memory: binary formats (Parquet, ...) need random access.
pub fn decode_bytes(
    kind: Kind,
    bytes: &[u8],
    each: &mut dyn FnMut(&dyn Field) -> ControlFlow<Skip>,
) -> Result<(), Skip> {
    let flow = match kind {
        Kind::Csv | Kind::Json | Kind::JsonLines | Kind::Avro => return decode(kind, &mut &bytes[..], each),
        Kind::Parquet => guarded("Parquet", || parquet::decode(bytes, each))??,
        Kind::Docx => guarded("docx", || office::decode(office::Office::Docx, bytes, each))??,
        Kind::Pptx => guarded("pptx", || office::decode(office::Office::Pptx, bytes, each))??,
        Kind::Xlsx => guarded("xlsx", || office::decode(office::Office::Xlsx, bytes, each))??,
        Kind::Pdf => guarded("PDF", || pdf::decode(bytes, each))??,
    };
    match flow {
        ControlFlow::Continue(()) => Ok(()),
        ControlFlow::Break(skip) => Err(skip),
    }
}

/// Runs a call into a third-party decoder, turning a panic into a `corrupt` skip: some of them
/// unwrap or index out of bounds on damaged input (apache-avro on an invalid record name in the
/// header, parquet in its bit reader: both found by tests/structured_fuzz.rs), and a damaged
/// object must be a recorded skip, not a crash. The panic's message still reaches stderr through
/// the default hook.
fn guarded<T>(format: &str, call: impl FnOnce() -> T) -> Result<T, Skip> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(call)).map_err(|payload| {
        let message = crate::skip::panic_message(payload.as_ref());
        Skip::new(
            SkipReason::Corrupt,
            format!("{format}: malformed file (decoder panicked: {message})"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detect_goes_by_extension_for_text_formats() {
        assert_eq!(detect("a/People.CSV", b"name,ssn\n"), Some(Kind::Csv));
        assert_eq!(detect("x.tsv", b"a\tb\n"), Some(Kind::Csv));
        assert_eq!(detect("x.json", b"{}"), Some(Kind::Json));
        assert_eq!(detect("x.ndjson", b"{}\n{}"), Some(Kind::JsonLines));
        assert_eq!(detect("x.log", b"{\"a\":1}"), None);
        assert_eq!(detect("x.csv", b"\x00\x01binary"), None);
        assert_eq!(detect("export", b"PAR1\x15\x04"), Some(Kind::Parquet));
        assert_eq!(detect("events.bin", b"Obj\x01\x04\x14"), Some(Kind::Avro));
        assert_eq!(detect("Report.XLSX", b"PK\x03\x04\x14"), Some(Kind::Xlsx));
        assert_eq!(detect("bundle.zip", b"PK\x03\x04\x14"), None);
        assert_eq!(detect("scan", b"%PDF-1.7\n"), Some(Kind::Pdf));
        assert_eq!(detect("notes.txt", b"see %PDF-1.7 spec"), None);
    }
}
