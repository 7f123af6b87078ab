//! Where a finding is: the shared vocabulary of sources, decoders and reports. Offsets and lengths
//! are bytes of the decoded text; lines and columns are 1-based, columns counted in bytes.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub line: u64,
    pub column: u64,
    pub offset: u64,
    pub length: u64,
    /// Path inside an archive, levels joined with `!`; null for plain objects.
    pub member: Option<String>,
    /// Structured formats (docs/report.md): the 1-based data row (CSV/TSV without the header,
    /// Parquet, Avro, xlsx), the column's header, the JSON path, the 1-based JSON Lines record,
    /// the xlsx sheet and the 1-based PDF page. Absent when they do not apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json_path: Option<String>,
    /// Written as `json_record`: the JSON Lines report already names each of its lines' kind
    /// `record`, and a finding there carries its location's fields beside it.
    #[serde(default, rename = "json_record", skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u64>,
}

impl Location {
    /// The structured place (row, column name, JSON path, record, sheet, page) in one short
    /// phrase for human-facing reports, e.g. `row 3, column "ssn"`; empty for plain text.
    pub fn place(&self) -> String {
        let mut parts = Vec::new();
        if let Some(sheet) = &self.sheet {
            parts.push(format!("sheet {sheet:?}"));
        }
        if let Some(page) = self.page {
            parts.push(format!("page {page}"));
        }
        if let Some(record) = self.record {
            parts.push(format!("record {record}"));
        }
        if let Some(row) = self.row {
            parts.push(format!("row {row}"));
        }
        if let Some(name) = &self.column_name {
            parts.push(format!("column {name:?}"));
        }
        if let Some(path) = &self.json_path {
            parts.push(path.clone());
        }
        parts.join(", ")
    }
}

/// Counts lines lazily: advanced from the last counted offset to each new match with memchr, so
/// text between matches is counted once and nothing is kept per line.
#[derive(Clone, Copy, Debug)]
pub struct LineCounter {
    /// Absolute offset counted up to.
    pos: u64,
    /// 1-based line at `pos`.
    line: u64,
    /// Absolute offset where that line starts.
    line_start: u64,
}

impl Default for LineCounter {
    fn default() -> Self {
        LineCounter {
            pos: 0,
            line: 1,
            line_start: 0,
        }
    }
}

impl LineCounter {
    /// Advances to absolute offset `to`, reading bytes from `window`, which starts at absolute
    /// offset `base` and must hold every byte from the last position to `to`.
    pub fn advance(&mut self, window: &[u8], base: u64, to: u64) {
        if to <= self.pos {
            return;
        }
        let from = (self.pos - base) as usize;
        let until = (to - base) as usize;
        let stretch = &window[from..until];
        let newlines = memchr::memchr_iter(b'\n', stretch).count() as u64;
        if newlines > 0 {
            self.line += newlines;
            let last = memchr::memrchr(b'\n', stretch).expect("a newline was counted");
            self.line_start = self.pos + last as u64 + 1;
        }
        self.pos = to;
    }

    /// Line and 1-based byte column of absolute offset `at`, advancing to it.
    pub fn locate(&mut self, window: &[u8], base: u64, at: u64) -> (u64, u64) {
        self.advance(window, base, at);
        (self.line, at - self.line_start + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_counter_counts_across_windows() {
        let text = b"ab\ncd\nef\ngh";
        let mut c = LineCounter::default();
        assert_eq!(c.locate(&text[..6], 0, 1), (1, 2));
        assert_eq!(c.locate(&text[..6], 0, 4), (2, 2));
        // Next window starts at offset 3.
        assert_eq!(c.locate(&text[3..], 3, 9), (4, 1));
    }
}
