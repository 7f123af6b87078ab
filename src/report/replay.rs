//! Reads a JSON Lines report back and replays it into any report writer: `piiscan report`
//! rebuilds every format offline from what `scan --format jsonl` wrote. Invariant: the writer
//! sees the same objects, findings and summary the scan gave the JSON Lines writer, so every
//! format rebuilt this way has the same content as the same format written by the scan.

use std::collections::HashMap;
use std::io::{self, BufRead};
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use crate::classify::{Finding, ScannedObject, Summary};
use crate::error::Error;
use crate::report::{self, ReportOptions};

#[derive(Deserialize)]
struct FindingRecord {
    object: String,
    #[serde(flatten)]
    finding: Finding,
}

/// What a replay read.
#[derive(Debug, Default)]
pub struct Replayed {
    pub objects: u64,
    pub findings: u64,
    /// The input had no summary record (the scan was killed): it was rebuilt from the objects.
    pub summary_rebuilt: bool,
}

/// Rebuilds the report `options` asks for from the JSON Lines report at `input` (`-`: stdin).
pub fn run(input: &Path, options: &ReportOptions) -> Result<Replayed, Error> {
    let mut report = report::open(options)?;
    let report_error = |source| Error::Report {
        path: options
            .output
            .clone()
            .unwrap_or_else(|| std::path::PathBuf::from("<stdout>")),
        source,
    };
    let mut rebuilt = Summary::default();
    let mut replayed = Replayed::default();
    let summary = read(input, &mut |object| {
        replayed.objects += 1;
        replayed.findings += object.findings.len() as u64;
        rebuilt.add(&object);
        report.object(&object).map_err(report_error)
    })?;
    let summary = match summary {
        Some(s) => s,
        None => {
            replayed.summary_rebuilt = true;
            rebuilt.tool = env!("CARGO_PKG_NAME").to_string();
            rebuilt.version = env!("CARGO_PKG_VERSION").to_string();
            rebuilt.interrupted = true;
            rebuilt
                .rollups
                .sort_by(|a, b| b.score.cmp(&a.score).then(a.target.cmp(&b.target)));
            rebuilt
        }
    };
    report.finish(&summary).map_err(report_error)?;
    Ok(replayed)
}

/// Reads the JSON Lines report at `input` (`-`: stdin), handing each object (with its findings)
/// to `each` in the report's order; returns its summary record, or None when it has none (the
/// scan was killed). Stops at the first error, of the input or of `each`.
pub fn read(input: &Path, each: &mut dyn FnMut(ScannedObject) -> Result<(), Error>) -> Result<Option<Summary>, Error> {
    let reader: Box<dyn BufRead> = if input == Path::new("-") {
        Box::new(io::stdin().lock())
    } else {
        let file = std::fs::File::open(input).map_err(|e| Error::io(input, e))?;
        Box::new(io::BufReader::new(file))
    };
    let bad = |line: usize, what: String| {
        Error::io(
            input,
            io::Error::new(io::ErrorKind::InvalidData, format!("line {line}: {what}")),
        )
    };

    let mut pending: HashMap<String, Vec<Finding>> = HashMap::new();
    let mut summary: Option<Summary> = None;
    for (index, line) in reader.lines().enumerate() {
        let number = index + 1;
        let line = line.map_err(|e| Error::io(input, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(&line).map_err(|e| bad(number, format!("not JSON ({e})")))?;
        if summary.is_some() {
            return Err(bad(number, "a record after the summary record".into()));
        }
        let record = value
            .get("record")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        match record.as_str() {
            "finding" => {
                let f: FindingRecord =
                    serde_json::from_value(value).map_err(|e| bad(number, format!("not a finding record ({e})")))?;
                pending.entry(f.object).or_default().push(f.finding);
            }
            "object" => {
                let mut object: ScannedObject =
                    serde_json::from_value(value).map_err(|e| bad(number, format!("not an object record ({e})")))?;
                object.findings = pending.remove(&object.object).unwrap_or_default();
                each(object)?;
            }
            "summary" => {
                summary = Some(
                    serde_json::from_value(value).map_err(|e| bad(number, format!("not a summary record ({e})")))?,
                );
            }
            other => {
                return Err(bad(
                    number,
                    format!("unknown record type {other:?}: is this a `piiscan scan --format jsonl` report?"),
                ));
            }
        }
    }
    if let Some(object) = pending.keys().next() {
        return Err(Error::io(
            input,
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("findings of {object:?} have no object record: the report is cut short"),
            ),
        ));
    }
    Ok(summary)
}
