//! Avro object container files with `apache-avro`: read record by record (the format is row
//! oriented and streams), each leaf value a field. As for Parquet, the names of a value are every
//! element of its field path (records' field names, a map's key), `row` is the 1-based record and
//! `column_name` the path joined with `.`; `line` is the row, `column`/`offset` the byte inside the
//! value. Numbers are scanned as their digits; a union is its branch.

use std::io::Read;
use std::ops::ControlFlow;

use apache_avro::types::Value;

use super::parquet::Cell;
use super::{Field, guarded};
use crate::skip::{Skip, SkipReason};

fn corrupt(e: impl std::fmt::Display) -> Skip {
    Skip::new(SkipReason::Corrupt, format!("Avro: {e}"))
}

pub fn decode(
    input: &mut dyn Read,
    each: &mut dyn FnMut(&dyn Field) -> ControlFlow<Skip>,
) -> Result<ControlFlow<Skip>, Skip> {
    let mut reader = guarded("Avro", || apache_avro::Reader::new(input))?.map_err(corrupt)?;
    let mut path = Vec::new();
    let mut text = Vec::new();
    for index in 0u64.. {
        let Some(record) = guarded("Avro", || reader.next())? else {
            break;
        };
        let record = record.map_err(corrupt)?;
        let flow = walk(&record, &mut path, index + 1, &mut text, each);
        if flow.is_break() {
            return Ok(flow);
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
    use std::io::Write;
    text.clear();
    match value {
        Value::Null => return ControlFlow::Continue(()),
        Value::Record(fields) => {
            for (name, inner) in fields {
                path.push(name.clone());
                let flow = walk(inner, path, row, text, each);
                path.pop();
                flow?;
            }
            return ControlFlow::Continue(());
        }
        Value::Union(_, inner) => return walk(inner, path, row, text, each),
        Value::Array(items) => {
            for inner in items {
                walk(inner, path, row, text, each)?;
            }
            return ControlFlow::Continue(());
        }
        Value::Map(entries) => {
            let mut keys: Vec<&String> = entries.keys().collect();
            keys.sort();
            for key in keys {
                path.push(key.clone());
                let flow = walk(&entries[key], path, row, text, each);
                path.pop();
                flow?;
            }
            return ControlFlow::Continue(());
        }
        Value::String(s) | Value::Enum(_, s) => text.extend_from_slice(s.as_bytes()),
        Value::Bytes(b) | Value::Fixed(_, b) => text.extend_from_slice(b),
        Value::Boolean(_) => return ControlFlow::Continue(()),
        Value::Int(n) | Value::Date(n) | Value::TimeMillis(n) => {
            let _ = write!(text, "{n}");
        }
        Value::Long(n)
        | Value::TimeMicros(n)
        | Value::TimestampMillis(n)
        | Value::TimestampMicros(n)
        | Value::TimestampNanos(n)
        | Value::LocalTimestampMillis(n)
        | Value::LocalTimestampMicros(n)
        | Value::LocalTimestampNanos(n) => {
            let _ = write!(text, "{n}");
        }
        Value::Float(x) => {
            let _ = write!(text, "{x}");
        }
        Value::Double(x) => {
            let _ = write!(text, "{x}");
        }
        Value::Uuid(u) => {
            let _ = write!(text, "{u}");
        }
        Value::BigDecimal(d) => {
            let _ = write!(text, "{d}");
        }
        // Decimal's unscaled bytes and a duration's months/days/millis are not text.
        Value::Decimal(_) | Value::Duration(_) => return ControlFlow::Continue(()),
    }
    each(&Cell { text, names: path, row })
}
