//! Office Open XML documents, opened as zip archives (`zip` crate) and read from their XML parts
//! (`quick-xml`): docx text from `word/document.xml` (then headers, footers, footnotes, comments),
//! pptx text slide by slide (`page` = slide number), xlsx cell by cell with `sheet`, `row` (the
//! sheet's own row number, as Excel shows it) and `column` (1-based column index, A = 1), and
//! `column_name` from row 1 when row 1 is a header (all its cells text): the header is a keyword
//! for the cells below it. Document text is one paragraph per line; a finding's `line`, `column`
//! and `offset` are in that extracted text. An encrypted part is an `encrypted` skip; a broken
//! zip or XML part a `corrupt` skip.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::ops::ControlFlow;

use quick_xml::events::{BytesStart, Event};

use super::Field;
use crate::location::Location;
use crate::skip::{Skip, SkipReason};

/// The largest XML part read (decompressed); a larger one is refused as a likely bomb.
const PART_CAP: u64 = 512 << 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Office {
    Docx,
    Pptx,
    Xlsx,
}

/// A run of extracted document text: a docx part or a slide or PDF page.
pub(super) struct TextPart<'a> {
    pub text: &'a [u8],
    pub page: Option<u64>,
    /// Lines and bytes of the document's extracted text before this part.
    pub lines_before: u64,
    pub offset_before: u64,
}

impl Field for TextPart<'_> {
    fn text(&self) -> &[u8] {
        self.text
    }

    fn names(&self) -> &[String] {
        &[]
    }

    fn locate(&self, start: usize, length: usize) -> Location {
        let before = &self.text[..start.min(self.text.len())];
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        Location {
            line: self.lines_before + memchr::memchr_iter(b'\n', before).count() as u64 + 1,
            column: (start - line_start) as u64 + 1,
            offset: self.offset_before + start as u64,
            length: length as u64,
            page: self.page,
            ..Location::default()
        }
    }
}

/// One xlsx cell.
struct SheetCell<'a> {
    text: &'a [u8],
    names: &'a [String],
    sheet: &'a str,
    row: u64,
    column: u64,
}

impl Field for SheetCell<'_> {
    fn text(&self) -> &[u8] {
        self.text
    }

    fn names(&self) -> &[String] {
        self.names
    }

    fn locate(&self, start: usize, length: usize) -> Location {
        Location {
            line: self.row,
            column: self.column,
            offset: start as u64,
            length: length as u64,
            row: Some(self.row),
            column_name: self.names.first().cloned(),
            sheet: Some(self.sheet.to_string()),
            ..Location::default()
        }
    }
}

fn corrupt(what: &str, e: impl std::fmt::Display) -> Skip {
    Skip::new(SkipReason::Corrupt, format!("{what}: {e}"))
}

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// The text of part `name`, or None when the document has no such part.
fn part(zip: &mut Archive<'_>, name: &str) -> Result<Option<String>, Skip> {
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(zip::result::ZipError::UnsupportedArchive(m)) if m.contains("assword") => {
            return Err(Skip::new(SkipReason::Encrypted, format!("{name}: {m}")));
        }
        Err(e) => return Err(corrupt(name, e)),
    };
    let mut bytes = Vec::new();
    file.take(PART_CAP + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| corrupt(name, e))?;
    if bytes.len() as u64 > PART_CAP {
        return Err(corrupt(name, format!("XML part larger than {PART_CAP} bytes")));
    }
    String::from_utf8(bytes).map(Some).map_err(|e| corrupt(name, e))
}

/// Text of an XML entity or character reference (`&amp;`, `&#169;`).
fn reference(r: &quick_xml::events::BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    let name = String::from_utf8_lossy(r.as_ref()).into_owned();
    quick_xml::escape::unescape(&format!("&{name};")).map_or(String::new(), |s| s.into_owned())
}

/// Calls `on` with every start/empty/end tag (local name; `true` for an end) and every text or
/// reference inside a `<t>` element.
fn walk_xml(
    xml: &str,
    what: &str,
    mut on_tag: impl FnMut(&BytesStart<'_>, bool),
    mut on_end: impl FnMut(&[u8]),
    mut on_text: impl FnMut(&str),
) -> Result<(), Skip> {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event().map_err(|e| corrupt(what, e))? {
            Event::Start(e) => on_tag(&e, false),
            Event::Empty(e) => {
                on_tag(&e, true);
                on_end(e.local_name().as_ref());
            }
            Event::End(e) => on_end(e.local_name().as_ref()),
            Event::Text(t) => on_text(&t.decode().map_err(|e| corrupt(what, e))?),
            Event::CData(t) => on_text(&t.decode().map_err(|e| corrupt(what, e))?),
            Event::GeneralRef(r) => on_text(&reference(&r)),
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// Paragraph text of a docx or pptx part: the text of `<t>` runs, a tab for `<tab/>`, a newline
/// for `<br/>`/`<cr/>` and at each paragraph's end.
fn paragraphs(xml: &str, what: &str) -> Result<String, Skip> {
    let mut out = String::new();
    let in_t = std::cell::Cell::new(false);
    let out_cell = std::cell::RefCell::new(&mut out);
    walk_xml(
        xml,
        what,
        |e, empty| match e.local_name().as_ref() {
            b"t" => in_t.set(!empty),
            b"tab" => out_cell.borrow_mut().push('\t'),
            b"br" | b"cr" => out_cell.borrow_mut().push('\n'),
            _ => {}
        },
        |name| match name {
            b"t" => in_t.set(false),
            b"p" => out_cell.borrow_mut().push('\n'),
            _ => {}
        },
        |text| {
            if in_t.get() {
                out_cell.borrow_mut().push_str(text);
            }
        },
    )?;
    Ok(out)
}

/// The number in a part name such as `ppt/slides/slide12.xml`.
fn number_in(name: &str) -> u64 {
    let digits: String = name.chars().filter(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(0)
}

pub fn decode(
    kind: Office,
    bytes: &[u8],
    each: &mut dyn FnMut(&dyn Field) -> ControlFlow<Skip>,
) -> Result<ControlFlow<Skip>, Skip> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt("Office zip", e))?;
    match kind {
        Office::Docx | Office::Pptx => {
            let names: Vec<String> = zip
                .file_names()
                .map(|n| n.map(std::borrow::Cow::into_owned))
                .collect::<Result<_, _>>()
                .map_err(|e| corrupt("Office zip", e))?;
            let mut parts: Vec<(u64, String)> = if kind == Office::Docx {
                let order = [
                    "word/document.xml",
                    "word/header",
                    "word/footer",
                    "word/footnotes",
                    "word/endnotes",
                    "word/comments",
                ];
                let mut parts: Vec<(u64, String)> = names
                    .iter()
                    .filter(|n| n.ends_with(".xml") && !n.contains("/_rels/"))
                    .filter_map(|n| {
                        order
                            .iter()
                            .position(|p| n.starts_with(p))
                            .map(|i| (i as u64 * 1000 + number_in(n), n.clone()))
                    })
                    .collect();
                parts.sort();
                parts
            } else {
                let mut parts: Vec<(u64, String)> = names
                    .iter()
                    .filter(|n| n.starts_with("ppt/slides/slide") && n.ends_with(".xml"))
                    .map(|n| (number_in(n), n.clone()))
                    .collect();
                parts.sort();
                parts
            };
            let (mut lines, mut offset) = (0, 0);
            for (number, name) in parts.drain(..) {
                let Some(xml) = part(&mut zip, &name)? else { continue };
                let text = paragraphs(&xml, &name)?;
                let field = TextPart {
                    text: text.as_bytes(),
                    page: (kind == Office::Pptx).then_some(number),
                    lines_before: lines,
                    offset_before: offset,
                };
                if let ControlFlow::Break(skip) = each(&field) {
                    return Ok(ControlFlow::Break(skip));
                }
                lines += memchr::memchr_iter(b'\n', text.as_bytes()).count() as u64;
                offset += text.len() as u64;
            }
            Ok(ControlFlow::Continue(()))
        }
        Office::Xlsx => xlsx(&mut zip, each),
    }
}

/// `(row, column)` of a cell reference such as `AB12`, both 1-based.
fn cell_ref(r: &str) -> Option<(u64, u64)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    let mut column = 0u64;
    for b in r[..letters].bytes() {
        column = column
            .checked_mul(26)?
            .checked_add(u64::from(b.to_ascii_uppercase() - b'A' + 1))?;
    }
    let row = r[letters..].parse().ok()?;
    (letters > 0).then_some((row, column))
}

fn attribute(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

fn xlsx(
    zip: &mut Archive<'_>,
    each: &mut dyn FnMut(&dyn Field) -> ControlFlow<Skip>,
) -> Result<ControlFlow<Skip>, Skip> {
    // Shared strings: one per <si>, its <t> runs joined.
    let mut shared: Vec<String> = Vec::new();
    if let Some(xml) = part(zip, "xl/sharedStrings.xml")? {
        let current = std::cell::RefCell::new(String::new());
        let list = std::cell::RefCell::new(&mut shared);
        let in_t = std::cell::Cell::new(false);
        walk_xml(
            &xml,
            "xl/sharedStrings.xml",
            |e, empty| match e.local_name().as_ref() {
                b"si" => current.borrow_mut().clear(),
                b"t" => in_t.set(!empty),
                _ => {}
            },
            |name| match name {
                b"t" => in_t.set(false),
                b"si" => list.borrow_mut().push(current.take()),
                _ => {}
            },
            |text| {
                if in_t.get() {
                    current.borrow_mut().push_str(text);
                }
            },
        )?;
    }
    // Sheet names in workbook order, and their parts through the workbook's relationships.
    let mut targets: HashMap<String, String> = HashMap::new();
    if let Some(xml) = part(zip, "xl/_rels/workbook.xml.rels")? {
        walk_xml(
            &xml,
            "xl/_rels/workbook.xml.rels",
            |e, _| {
                if let (Some(id), Some(target)) = (attribute(e, b"Id"), attribute(e, b"Target")) {
                    let target = target.trim_start_matches('/');
                    let path = if target.starts_with("xl/") {
                        target.to_string()
                    } else {
                        format!("xl/{target}")
                    };
                    targets.insert(id, path);
                }
            },
            |_| {},
            |_| {},
        )?;
    }
    let mut sheets: Vec<(String, String)> = Vec::new();
    if let Some(xml) = part(zip, "xl/workbook.xml")? {
        walk_xml(
            &xml,
            "xl/workbook.xml",
            |e, _| {
                if e.local_name().as_ref() == b"sheet"
                    && let (Some(name), Some(id)) = (attribute(e, b"name"), attribute(e, b"id"))
                    && let Some(path) = targets.get(&id)
                {
                    sheets.push((name, path.clone()));
                }
            },
            |_| {},
            |_| {},
        )?;
    }
    for (sheet, path) in &sheets {
        let Some(xml) = part(zip, path)? else { continue };
        if let ControlFlow::Break(skip) = sheet_cells(&xml, sheet, path, &shared, each)? {
            return Ok(ControlFlow::Break(skip));
        }
    }
    Ok(ControlFlow::Continue(()))
}

/// A cell as read from a sheet: position, type attribute and text.
struct RawCell {
    row: u64,
    column: u64,
    kind: String,
    text: String,
}

/// Hands over the cells of one sheet: row 1 first (a header when all its cells are text).
fn sheet_cells(
    xml: &str,
    sheet: &str,
    what: &str,
    shared: &[String],
    each: &mut dyn FnMut(&dyn Field) -> ControlFlow<Skip>,
) -> Result<ControlFlow<Skip>, Skip> {
    let mut cells: Vec<RawCell> = Vec::new();
    let state = std::cell::RefCell::new((0u64, 0u64, false, None::<RawCell>));
    let cells_ref = std::cell::RefCell::new(&mut cells);
    walk_xml(
        xml,
        what,
        |e, empty| {
            let mut s = state.borrow_mut();
            match e.local_name().as_ref() {
                b"row" => {
                    s.0 = attribute(e, b"r").and_then(|r| r.parse().ok()).unwrap_or(s.0 + 1);
                    s.1 = 0;
                }
                b"c" => {
                    let (row, column) = attribute(e, b"r").and_then(|r| cell_ref(&r)).unwrap_or((s.0, s.1 + 1));
                    s.1 = column;
                    let cell = RawCell {
                        row,
                        column,
                        kind: attribute(e, b"t").unwrap_or_default(),
                        text: String::new(),
                    };
                    if !empty {
                        s.3 = Some(cell);
                    }
                }
                b"v" | b"t" => s.2 = !empty,
                _ => {}
            }
        },
        |name| {
            let mut s = state.borrow_mut();
            match name {
                b"v" | b"t" => s.2 = false,
                b"c" => {
                    if let Some(mut cell) = s.3.take() {
                        if cell.kind == "s" {
                            cell.text = cell
                                .text
                                .trim()
                                .parse::<usize>()
                                .ok()
                                .and_then(|i| shared.get(i))
                                .cloned()
                                .unwrap_or_default();
                        }
                        cells_ref.borrow_mut().push(cell);
                    }
                }
                _ => {}
            }
        },
        |text| {
            let mut s = state.borrow_mut();
            if s.2
                && let Some(cell) = s.3.as_mut()
            {
                cell.text.push_str(text);
            }
        },
    )?;
    let first: Vec<&RawCell> = cells.iter().filter(|c| c.row == 1).collect();
    let header = cells.iter().any(|c| c.row > 1)
        && !first.is_empty()
        && first
            .iter()
            .all(|c| matches!(c.kind.as_str(), "s" | "str" | "inlineStr") && !c.text.trim().is_empty());
    let names: HashMap<u64, Vec<String>> = if header {
        first
            .iter()
            .map(|c| (c.column, vec![c.text.trim().to_string()]))
            .collect()
    } else {
        HashMap::new()
    };
    for cell in &cells {
        let field = SheetCell {
            text: cell.text.as_bytes(),
            names: if cell.row == 1 {
                &[]
            } else {
                names.get(&cell.column).map_or(&[], Vec::as_slice)
            },
            sheet,
            row: cell.row,
            column: cell.column,
        };
        if let ControlFlow::Break(skip) = each(&field) {
            return Ok(ControlFlow::Break(skip));
        }
    }
    Ok(ControlFlow::Continue(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref("A1"), Some((1, 1)));
        assert_eq!(cell_ref("AB12"), Some((12, 28)));
        assert_eq!(cell_ref("12"), None);
    }

    #[test]
    fn paragraphs_and_entities() {
        let xml = r#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>SSN &amp; id:</w:t><w:tab/><w:t xml:space="preserve"> 1</w:t></w:r></w:p><w:p><w:r><w:t>two</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(paragraphs(xml, "x").unwrap(), "SSN & id:\t 1\ntwo\n");
    }
}
