//! CSV: one row a finding, for spreadsheets, with a fixed header (`COLUMNS`, documented in
//! docs/report.md). Rows are sorted by object and position, so two reports of the same findings
//! are byte-identical. Invariant: no cell that a spreadsheet would evaluate (`=`, `+`, `-`, `@`,
//! tab, carriage return first) is written as is — text cells that start so get a `'` in front.

use std::io;

use crate::classify::{Finding, Rollup, ScannedObject, Summary};
use crate::report::{Report, Sink, bucket_of, posture_of, ranked_prefixes, sort_for_report};

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

/// The header of the rollups CSV (`--rollups-csv`), in order; columns are only ever added at the end.
pub const ROLLUP_COLUMNS: [&str; 18] = [
    "target",
    "prefix",
    "bucket",
    "objects",
    "objects_with_findings",
    "findings",
    "score",
    "level",
    "credentials",
    "financial",
    "personal",
    "exposures",
    "public",
    "shared_with",
    "default_encryption",
    "versioning",
    "block_public_access",
    "posture_errors",
];

/// The rollups as CSV: a row per target, then a row per top-level prefix or folder of it (most
/// sensitive first), each bucket row carrying that bucket's posture; then a row for each bucket
/// whose posture was read but that has no rollup (no object in scope).
pub fn write_rollups(out: &mut dyn io::Write, summary: &Summary) -> io::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(ROLLUP_COLUMNS)?;
    for r in &summary.rollups {
        writer.write_record(rollup_row(summary, r, None))?;
        for p in ranked_prefixes(r) {
            writer.write_record(rollup_row(summary, p, Some(r)))?;
        }
    }
    for posture in &summary.posture {
        let rolled = summary
            .rollups
            .iter()
            .any(|r| bucket_of(&r.target) == Some(posture.bucket.as_str()));
        if !rolled {
            let empty = Rollup {
                target: format!("s3://{}", posture.bucket),
                ..Rollup::default()
            };
            writer.write_record(rollup_row(summary, &empty, None))?;
        }
    }
    writer.flush()?;
    Ok(())
}

fn rollup_row(summary: &Summary, r: &Rollup, parent: Option<&Rollup>) -> [String; 18] {
    let (target, prefix) = match parent {
        Some(parent) => (parent.target.as_str(), r.target.as_str()),
        None => (r.target.as_str(), ""),
    };
    let category = |name: &str| r.findings_by_category.get(name).copied().unwrap_or(0).to_string();
    let posture = posture_of(summary, target);
    let exposures = posture.map(|p| p.exposures().iter().map(|e| e.as_str()).collect::<Vec<_>>().join(" "));
    [
        text(target).into_owned(),
        text(prefix).into_owned(),
        bucket_of(target).map(|b| text(b).into_owned()).unwrap_or_default(),
        r.objects.to_string(),
        r.objects_with_findings.to_string(),
        r.findings.to_string(),
        r.score.to_string(),
        r.level.as_str().to_string(),
        category("credentials"),
        category("financial"),
        category("personal"),
        exposures.unwrap_or_default(),
        posture.map(|p| p.public_text().to_string()).unwrap_or_default(),
        posture
            .map(|p| text(&p.shared_with.join(" ")).into_owned())
            .unwrap_or_default(),
        posture.map(|p| p.encryption_text().to_string()).unwrap_or_default(),
        posture.map(|p| p.versioning_text().to_string()).unwrap_or_default(),
        posture
            .map(|p| p.block_public_access_text().to_string())
            .unwrap_or_default(),
        posture
            .map(|p| text(&p.errors.join("; ")).into_owned())
            .unwrap_or_default(),
    ]
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
