//! CSV: one row a finding, for spreadsheets, with a fixed header (`COLUMNS`, documented in
//! docs/report.md). Rows are sorted by object and position, so two reports of the same findings
//! are byte-identical. Invariant: no cell that a spreadsheet would evaluate (`=`, `+`, `-`, `@`,
//! tab, carriage return first) is written as is — text cells that start so get a `'` in front.

use std::io;

use crate::classify::{Finding, ScannedObject, Summary};
use crate::report::{Report, Sink, sort_for_report};

/// The header, in order. Adding a column is done at the end, never in the middle.
pub const COLUMNS: [&str; 23] = [
    "object",
    "member",
    "line",
    "column",
    "offset",
    "length",
    "detector",
    "macie_id",
    "category",
    "severity",
    "test_value",
    "masked",
    "fingerprint",
    "context",
    "object_score",
    "object_level",
    "value",
    "row",
    "column_name",
    "json_path",
    "json_record",
    "sheet",
    "page",
];

pub struct Csv {
    sink: Sink,
    objects: Vec<ScannedObject>,
}

impl Csv {
    pub fn new(sink: Sink) -> Csv {
        Csv {
            sink,
            objects: Vec::new(),
        }
    }
}

/// A text cell a spreadsheet will show as text: cells that start like a formula get a leading `'`
/// (OWASP's advice against CSV injection), since scanned files are untrusted.
fn text(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

fn row(object: &ScannedObject, f: &Finding) -> [String; 23] {
    [
        text(&object.object).into_owned(),
        text(f.location.member.as_deref().unwrap_or("")).into_owned(),
        f.location.line.to_string(),
        f.location.column.to_string(),
        f.location.offset.to_string(),
        f.location.length.to_string(),
        f.detector.clone(),
        f.macie_id.clone().unwrap_or_default(),
        f.category.as_str().to_string(),
        f.severity.as_str().to_string(),
        f.test_value.to_string(),
        text(&f.masked).into_owned(),
        f.fingerprint.clone(),
        text(&f.context).into_owned(),
        object.sensitivity.score.to_string(),
        object.sensitivity.level.as_str().to_string(),
        text(f.value.as_deref().unwrap_or("")).into_owned(),
        f.location.row.map(|n| n.to_string()).unwrap_or_default(),
        text(f.location.column_name.as_deref().unwrap_or("")).into_owned(),
        text(f.location.json_path.as_deref().unwrap_or("")).into_owned(),
        f.location.record.map(|n| n.to_string()).unwrap_or_default(),
        text(f.location.sheet.as_deref().unwrap_or("")).into_owned(),
        f.location.page.map(|n| n.to_string()).unwrap_or_default(),
    ]
}

impl Report for Csv {
    fn object(&mut self, object: &ScannedObject) -> io::Result<()> {
        if !object.findings.is_empty() {
            self.objects.push(object.clone());
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, _summary: &Summary) -> io::Result<()> {
        sort_for_report(&mut self.objects);
        let mut writer = ::csv::Writer::from_writer(&mut self.sink);
        writer.write_record(COLUMNS)?;
        for object in &self.objects {
            for f in &object.findings {
                writer.write_record(row(object, f))?;
            }
        }
        writer.flush()?;
        drop(writer);
        self.sink.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells_get_a_quote() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("+1 555"), "'+1 555");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("***-**-4399"), "***-**-4399");
        assert_eq!(text(""), "");
    }
}
