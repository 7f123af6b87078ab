//! Parquet with the `parquet` crate's record reader, one top-level column at a time (a projection
//! of the schema to that column), so values of a column are scanned together, like Macie does. A
//! nested value's names are every element of its field path (`customer.tax.id`: `customer`, `tax`
//! and `id` each count as a keyword); a map value also gets its key. Numbers are scanned as their
//! decimal digits. Parquet has no text lines: a finding's `line` is its row and `column`/`offset`
//! are the byte of the match inside the value (docs/formats.md).

use std::ops::ControlFlow;
use std::sync::Arc;

use ::parquet::file::reader::{FileReader, SerializedFileReader};
use ::parquet::record::Field as Value;
use ::parquet::schema::types::Type;

use super::Field;
use crate::location::Location;
use crate::skip::{Skip, SkipReason};

/// One leaf value of one row.
pub(super) struct Cell<'a> {
    pub text: &'a [u8],
    pub names: &'a [String],
    pub row: u64,
}

impl Field for Cell<'_> {
    fn text(&self) -> &[u8] {
        self.text
    }

    fn names(&self) -> &[String] {
        self.names
    }

    fn locate(&self, start: usize, length: usize) -> Location {
        Location {
            line: self.row,
            column: start as u64 + 1,
            offset: start as u64,
            length: length as u64,
            row: Some(self.row),
            column_name: Some(self.names.join(".")),
            ..Location::default()
        }
    }
}

fn corrupt(e: impl std::fmt::Display) -> Skip {
    Skip::new(SkipReason::Corrupt, format!("Parquet: {e}"))
}

pub fn decode(bytes: &[u8], each: &mut dyn FnMut(&dyn Field) -> ControlFlow<Skip>) -> Result<ControlFlow<Skip>, Skip> {
    let reader = SerializedFileReader::new(bytes::Bytes::copy_from_slice(bytes)).map_err(corrupt)?;
    let root = reader.metadata().file_metadata().schema();
    let mut text = Vec::new();
    for column in root.get_fields() {
        let projection = Type::group_type_builder(root.name())
            .with_fields(vec![Arc::clone(column)])
            .build()
            .map_err(corrupt)?;
        let rows = reader.get_row_iter(Some(projection)).map_err(corrupt)?;
        for (index, row) in rows.enumerate() {
            let row = row.map_err(corrupt)?;
            let mut path = Vec::new();
            for (name, value) in row.get_column_iter() {
                path.push(name.clone());
                let flow = walk(value, &mut path, index as u64 + 1, &mut text, each);
                path.pop();
                if flow.is_break() {
                    return Ok(flow);
                }
            }
        }
    }
    Ok(ControlFlow::Continue(()))
}

/// Hands over every leaf under `value`, whose field path is `path`.
fn walk(
    value: &Value,
    path: &mut Vec<String>,
    row: u64,
    text: &mut Vec<u8>,
    each: &mut dyn FnMut(&dyn Field) -> ControlFlow<Skip>,
) -> ControlFlow<Skip> {
    match value {
        Value::Null => ControlFlow::Continue(()),
        Value::Group(group) => {
            for (name, inner) in group.get_column_iter() {
                path.push(name.clone());
                let flow = walk(inner, path, row, text, each);
                path.pop();
                flow?;
            }
            ControlFlow::Continue(())
        }
        Value::ListInternal(list) => {
            for inner in list.elements() {
                walk(inner, path, row, text, each)?;
            }
            ControlFlow::Continue(())
        }
        Value::MapInternal(map) => {
            for (key, inner) in map.entries() {
                walk(key, path, row, text, each)?;
                // The key names its value, as a JSON key does.
                leaf_text(key, text);
                path.push(String::from_utf8_lossy(text).into_owned());
                let flow = walk(inner, path, row, text, each);
                path.pop();
                flow?;
            }
            ControlFlow::Continue(())
        }
        leaf => {
            leaf_text(leaf, text);
            each(&Cell { text, names: path, row })
        }
    }
}

/// The bytes scanned for a leaf value: a string's or byte array's own bytes, a number's digits.
fn leaf_text(value: &Value, text: &mut Vec<u8>) {
    use std::io::Write;
    text.clear();
    match value {
        Value::Str(s) => text.extend_from_slice(s.as_bytes()),
        Value::Bytes(b) => text.extend_from_slice(b.data()),
        other => {
            let _ = write!(text, "{other}");
        }
    }
}
