//! JSON and JSON Lines with `struson`'s streaming reader: nothing holds the document, and nesting
//! lives in a heap stack (hostile depth cannot overflow ours). Strings and numbers are fields;
//! their names are the object keys of their path (`$.customer.ssn` gives `customer`, `ssn`).
//! `line`/`column`/`offset` are exact for values without escapes; for an escaped string they are
//! counted in the decoded text from the value's opening quote. Struson counts columns in characters:
//! they equal bytes on ASCII lines.

use std::io::Read;
use std::ops::ControlFlow;

use struson::reader::{
    JsonReader, JsonStreamReader, JsonSyntaxError, ReaderError, ReaderSettings, SyntaxErrorKind, ValueType,
};

use super::Field;
use crate::location::Location;
use crate::skip::{Skip, SkipReason};

/// One step of a JSON path.
#[derive(Clone, Debug)]
enum Piece {
    Key,
    Index(u64),
}

/// Formats `$.a.b[2]['odd key']` from the pieces and the keys (one per `Piece::Key`, in order).
fn json_path(pieces: &[Piece], keys: &[String]) -> String {
    let mut out = String::from("$");
    let mut keys = keys.iter();
    for piece in pieces {
        match piece {
            Piece::Index(i) => out.push_str(&format!("[{i}]")),
            Piece::Key => {
                let key = keys.next().map(String::as_str).unwrap_or("");
                let plain = !key.is_empty()
                    && !key.starts_with(|c: char| c.is_ascii_digit())
                    && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                if plain {
                    out.push('.');
                    out.push_str(key);
                } else {
                    out.push_str(&format!("['{}']", key.replace('\\', "\\\\").replace('\'', "\\'")));
                }
            }
        }
    }
    out
}

struct Value<'a> {
    text: &'a [u8],
    keys: &'a [String],
    pieces: &'a [Piece],
    record: Option<u64>,
    /// 0-based line and character column, and byte offset, of the value's first character.
    line: u64,
    column: u64,
    offset: u64,
    quoted: bool,
}

impl Field for Value<'_> {
    fn text(&self) -> &[u8] {
        self.text
    }

    fn names(&self) -> &[String] {
        self.keys
    }

    fn locate(&self, start: usize, length: usize) -> Location {
        let shift = start as u64 + u64::from(self.quoted);
        Location {
            line: self.line + 1,
            column: self.column + 1 + shift,
            offset: self.offset + shift,
            length: length as u64,
            json_path: Some(json_path(self.pieces, self.keys)),
            record: self.record,
            ..Location::default()
        }
    }
}

fn skip_of(e: ReaderError) -> Skip {
    match e {
        ReaderError::IoError { error, .. } => Skip::io(&error),
        other => Skip::new(SkipReason::Corrupt, format!("JSON: {other}")),
    }
}

/// An empty or whitespace-only file: nothing to scan, not damage.
fn is_empty_document(e: &ReaderError) -> bool {
    // Before the first value, an incomplete document means nothing but whitespace.
    matches!(
        e,
        ReaderError::SyntaxError(JsonSyntaxError {
            kind: SyntaxErrorKind::IncompleteDocument,
            ..
        })
    )
}

enum Frame {
    Object,
    Array(u64),
}

/// Walks every value; `lines` numbers top-level values as JSON Lines records.
pub fn decode(
    input: &mut dyn Read,
    lines: bool,
    each: &mut dyn FnMut(&dyn Field) -> ControlFlow<Skip>,
) -> Result<ControlFlow<Skip>, Skip> {
    let settings = ReaderSettings {
        allow_multiple_top_level: true,
        track_path: false,
        ..ReaderSettings::default()
    };
    let mut reader = JsonStreamReader::new_custom(input, settings);
    let mut stack: Vec<Frame> = Vec::new();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let mut record = 0u64;
    let pop_piece = |pieces: &mut Vec<Piece>, keys: &mut Vec<String>| {
        if let Some(Piece::Key) = pieces.pop() {
            keys.pop();
        }
    };
    loop {
        match stack.last_mut() {
            None => {
                // Struson asks for `peek` before the first top-level value, `has_next` after it.
                if record == 0 {
                    if let Err(e) = reader.peek() {
                        return if is_empty_document(&e) {
                            Ok(ControlFlow::Continue(()))
                        } else {
                            Err(skip_of(e))
                        };
                    }
                } else if !reader.has_next().map_err(skip_of)? {
                    return Ok(ControlFlow::Continue(()));
                }
                record += 1;
            }
            Some(Frame::Object) => {
                if !reader.has_next().map_err(skip_of)? {
                    reader.end_object().map_err(skip_of)?;
                    stack.pop();
                    pop_piece(&mut pieces, &mut keys);
                    continue;
                }
                keys.push(reader.next_name_owned().map_err(skip_of)?);
                pieces.push(Piece::Key);
            }
            Some(Frame::Array(index)) => {
                if !reader.has_next().map_err(skip_of)? {
                    reader.end_array().map_err(skip_of)?;
                    stack.pop();
                    pop_piece(&mut pieces, &mut keys);
                    continue;
                }
                pieces.push(Piece::Index(*index));
                *index += 1;
            }
        }
        let kind = reader.peek().map_err(skip_of)?;
        match kind {
            ValueType::Object => {
                reader.begin_object().map_err(skip_of)?;
                stack.push(Frame::Object);
                continue;
            }
            ValueType::Array => {
                reader.begin_array().map_err(skip_of)?;
                stack.push(Frame::Array(0));
                continue;
            }
            ValueType::String | ValueType::Number => {
                let position = reader.current_position(false);
                let (line, column) = position.line_pos.map_or((0, 0), |p| (p.line, p.column));
                let offset = position.data_pos.unwrap_or(0);
                let quoted = kind == ValueType::String;
                let text = if quoted {
                    reader.next_str().map_err(skip_of)?
                } else {
                    reader.next_number_as_str().map_err(skip_of)?
                };
                let value = Value {
                    text: text.as_bytes(),
                    keys: &keys,
                    pieces: &pieces,
                    record: lines.then_some(record),
                    line,
                    column,
                    offset,
                    quoted,
                };
                if let ControlFlow::Break(skip) = each(&value) {
                    return Ok(ControlFlow::Break(skip));
                }
            }
            ValueType::Boolean | ValueType::Null => reader.skip_value().map_err(skip_of)?,
        }
        pop_piece(&mut pieces, &mut keys);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str, lines: bool) -> (Vec<(String, Location)>, Option<Skip>) {
        let mut out = Vec::new();
        let result = decode(&mut text.as_bytes(), lines, &mut |f| {
            out.push((
                String::from_utf8_lossy(f.text()).into_owned(),
                f.locate(0, f.text().len()),
            ));
            ControlFlow::Continue(())
        });
        (out, result.err())
    }

    #[test]
    fn paths_and_positions() {
        let (got, skip) = fields(
            "{\"customer\": {\"ssn\": \"864915066\"},\n \"cards\": [1, {\"odd key\": 7}]}",
            false,
        );
        assert!(skip.is_none());
        let paths: Vec<_> = got
            .iter()
            .map(|(v, l)| (v.as_str(), l.json_path.as_deref().unwrap()))
            .collect();
        assert_eq!(
            paths,
            [
                ("864915066", "$.customer.ssn"),
                ("1", "$.cards[0]"),
                ("7", "$.cards[1]['odd key']")
            ]
        );
        let ssn = &got[0].1;
        assert_eq!((ssn.line, ssn.column, ssn.offset, ssn.record), (1, 23, 22, None));
        assert_eq!((got[1].1.line, got[1].1.column), (2, 12));
    }

    #[test]
    fn empty_documents_are_not_damage() {
        for text in ["", "  \n"] {
            let (got, skip) = fields(text, true);
            assert!(got.is_empty() && skip.is_none(), "{text:?}: {skip:?}");
        }
    }

    #[test]
    fn json_lines_number_records_and_keep_fields_before_damage() {
        let (got, skip) = fields("{\"a\": \"x\"}\n{\"b\": \"y\"}\n{\"c\": ", true);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].1.record, Some(2));
        assert_eq!(got[1].1.line, 2);
        assert_eq!(skip.map(|s| s.reason), Some(SkipReason::Corrupt));
    }
}
