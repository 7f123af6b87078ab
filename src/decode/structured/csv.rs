//! CSV and TSV with the `csv` crate: the delimiter is sniffed from the first lines, the first
//! record is the header (its names are the context of every cell below), quoted fields and
//! embedded newlines are handled by the crate. Each cell is a field; a finding's `line`, `column`
//! and `offset` point into the raw text, found from the record's raw bytes only when a finding
//! needs them (the reader keeps the raw bytes of the records it has not yet passed).

use std::io::{self, Read};
use std::ops::ControlFlow;

use super::Field;
use crate::location::Location;
use crate::skip::{Skip, SkipReason};

const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];

/// The delimiter that splits the first complete lines into the same number (> 0) of pieces, the
/// most pieces winning; `,` when none does. Quotes are honoured roughly (a delimiter inside
/// double quotes on one line is not counted).
pub fn sniff_delimiter(head: &[u8]) -> u8 {
    let lines: Vec<&[u8]> = head.split(|&b| b == b'\n').take(10).collect();
    // The last piece of a cut-off head may be a partial line.
    let complete = if lines.len() > 1 {
        &lines[..lines.len() - 1]
    } else {
        &lines[..]
    };
    let count = |line: &[u8], d: u8| {
        let mut quoted = false;
        line.iter()
            .filter(|&&b| {
                if b == b'"' {
                    quoted = !quoted;
                }
                b == d && !quoted
            })
            .count()
    };
    let mut best = (0, b',');
    for d in DELIMITERS {
        let counts: Vec<usize> = complete.iter().filter(|l| !l.is_empty()).map(|l| count(l, d)).collect();
        let Some(&first) = counts.first() else { continue };
        if first > 0 && counts.iter().all(|&c| c == first) && first > best.0 {
            best = (first, d);
        }
    }
    best.1
}

/// Reads through to the CSV parser, keeping every byte from `base` on so that a record's raw
/// bytes can be found after the parser has read past them.
struct Keep<R> {
    inner: R,
    kept: Vec<u8>,
    /// Absolute offset of `kept[0]`.
    base: u64,
}

impl<R: Read> Read for Keep<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.kept.extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

impl<R> Keep<R> {
    /// Drops the bytes before absolute offset `to`, in large steps so the copy is rare.
    fn release(&mut self, to: u64) {
        const STEP: u64 = 1 << 20;
        if to >= self.base + STEP {
            let n = ((to - self.base) as usize).min(self.kept.len());
            self.kept.drain(..n);
            self.base += n as u64;
        }
    }
}

/// One cell.
struct Cell<'a> {
    text: &'a [u8],
    names: &'a [String],
    /// The record's raw bytes and where they start (absolute offset, 1-based line).
    raw: &'a [u8],
    raw_offset: u64,
    raw_line: u64,
    delimiter: u8,
    index: usize,
    /// 1-based data row; None for the header row itself.
    row: Option<u64>,
}

impl Field for Cell<'_> {
    fn text(&self) -> &[u8] {
        self.text
    }

    fn names(&self) -> &[String] {
        self.names
    }

    fn locate(&self, start: usize, length: usize) -> Location {
        let at = raw_position(self.raw, self.delimiter, self.index, start).min(self.raw.len());
        let before = &self.raw[..at];
        let newlines = memchr::memchr_iter(b'\n', before).count() as u64;
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        Location {
            line: self.raw_line + newlines,
            column: (at - line_start) as u64 + 1,
            offset: self.raw_offset + at as u64,
            length: length as u64,
            row: self.row,
            column_name: self.names.first().cloned(),
            ..Location::default()
        }
    }
}

/// The value column of a long-form (entity-attribute-value) export, whose header names a key column
/// and then a `value` column (`field,value`, `key,value`, `attribute,value`): each value's key
/// cell counts as its name, as a header does in a wide export (`billing_npi,1956698512`).
fn long_form_value_column(names: &[String]) -> Option<usize> {
    const KEYS: &[&str] = &[
        "field",
        "key",
        "name",
        "attribute",
        "property",
        "param",
        "parameter",
        "type",
        "code",
    ];
    let value = names.iter().position(|n| n.eq_ignore_ascii_case("value"))?;
    let key = names.get(value.checked_sub(1)?)?;
    KEYS.iter().any(|k| key.eq_ignore_ascii_case(k)).then_some(value)
}

/// Byte offset in a record's raw text of byte `k` of the unquoted value of field `field`:
/// skips `field` delimiters outside quotes, then walks the field, a doubled quote counting as one.
fn raw_position(raw: &[u8], delimiter: u8, field: usize, k: usize) -> usize {
    let mut i = 0;
    let mut seen = 0;
    let mut quoted = false;
    while seen < field && i < raw.len() {
        match raw[i] {
            b'"' => quoted = !quoted,
            b if b == delimiter && !quoted => seen += 1,
            _ => {}
        }
        i += 1;
    }
    if raw.get(i) != Some(&b'"') {
        return i + k;
    }
    i += 1;
    for _ in 0..k {
        i += if raw.get(i) == Some(&b'"') && raw.get(i + 1) == Some(&b'"') {
            2
        } else {
            1
        };
    }
    i
}

pub fn decode(
    input: &mut dyn Read,
    each: &mut dyn FnMut(&dyn Field) -> ControlFlow<Skip>,
) -> Result<ControlFlow<Skip>, Skip> {
    let mut head = Vec::with_capacity(8192);
    input.take(8192).read_to_end(&mut head).map_err(|e| Skip::io(&e))?;
    let delimiter = sniff_delimiter(&head);
    let keep = Keep {
        inner: io::Cursor::new(head).chain(input),
        kept: Vec::new(),
        base: 0,
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(keep);
    let mut record = ::csv::ByteRecord::new();
    let mut names: Vec<String> = Vec::new();
    // A long-form (key/value) export: the value column's cells are named by the key cell beside them.
    let mut value_of: Option<usize> = None;
    let mut pair: Vec<String> = Vec::new();
    let mut row = 0u64;
    let mut seen_header = false;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => return Ok(ControlFlow::Continue(())),
            Err(e) => {
                let at = e
                    .position()
                    .map(|p| format!(" at line {}", p.line()))
                    .unwrap_or_default();
                let skip = Skip::new(SkipReason::Corrupt, format!("CSV{at}: {e}"));
                return match e.kind() {
                    ::csv::ErrorKind::Io(io) => Err(Skip::io(io)),
                    _ => Err(skip),
                };
            }
        }
        let (start, line) = record.position().map_or((0, 1), |p| (p.byte(), p.line()));
        let end = reader.position().byte();
        let header = !seen_header;
        seen_header = true;
        if header {
            names = record
                .iter()
                .map(|n| String::from_utf8_lossy(n).trim().to_string())
                .collect();
            value_of = long_form_value_column(&names);
        } else {
            row += 1;
        }
        let keep = reader.get_ref();
        let from = (start.saturating_sub(keep.base) as usize).min(keep.kept.len());
        let until = (end.saturating_sub(keep.base) as usize).clamp(from, keep.kept.len());
        let raw = &keep.kept[from..until];
        for (index, text) in record.iter().enumerate() {
            let long_form = !header && value_of == Some(index);
            if long_form {
                pair.clear();
                pair.extend(names.get(index).cloned());
                pair.extend(
                    record
                        .get(index - 1)
                        .map(|k| String::from_utf8_lossy(k).trim().to_string()),
                );
            }
            let cell = Cell {
                text,
                // The header's own cells have no name above them.
                names: if header {
                    &[]
                } else if long_form {
                    &pair
                } else {
                    names.get(index..=index).unwrap_or(&[])
                },
                raw,
                raw_offset: start,
                raw_line: line,
                delimiter,
                index,
                row: (!header).then_some(row),
            };
            if let ControlFlow::Break(skip) = each(&cell) {
                return Ok(ControlFlow::Break(skip));
            }
        }
        reader.get_mut().release(start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_common_delimiters() {
        assert_eq!(sniff_delimiter(b"a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter(b"a\tb\tc\n1\t2,5\t3\n"), b'\t');
        assert_eq!(sniff_delimiter(b"a;b\n\"x;y\";2\n"), b';');
        assert_eq!(sniff_delimiter(b"just text\n"), b',');
    }

    #[test]
    fn raw_position_walks_quotes() {
        let raw = br#"1,"say ""hi"" 42",x"#;
        // Unquoted field 1 is: say "hi" 42 ; the 4 of 42 is at byte 9 of it.
        assert_eq!(raw[raw_position(raw, b',', 1, 9)], b'4');
        assert_eq!(raw_position(raw, b',', 2, 0), raw.len() - 1);
        assert_eq!(raw_position(raw, b',', 0, 0), 0);
    }
}
