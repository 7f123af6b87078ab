//! PDF with `lopdf`: the text of each page (`Document::extract_text`), in page order, each page a
//! field with `page` (1-based); `line`, `column` and `offset` are in the document's extracted
//! text (the pages' text one after the other). An encrypted PDF that does not open with the empty
//! user password is an `encrypted` skip; an unreadable file or page a `corrupt` skip, the pages
//! before it kept.

use std::ops::ControlFlow;

use super::Field;
use super::office::TextPart;
use crate::skip::{Skip, SkipReason};

fn corrupt(e: impl std::fmt::Display) -> Skip {
    Skip::new(SkipReason::Corrupt, format!("PDF: {e}"))
}

pub fn decode(bytes: &[u8], each: &mut dyn FnMut(&dyn Field) -> ControlFlow<Skip>) -> Result<ControlFlow<Skip>, Skip> {
    let mut doc = lopdf::Document::load_mem(bytes).map_err(corrupt)?;
    if doc.trailer.get(b"Encrypt").is_ok() {
        // Many PDFs are encrypted only against editing: they open with the empty user password.
        doc.decrypt("")
            .map_err(|e| Skip::new(SkipReason::Encrypted, format!("PDF: encrypted ({e})")))?;
    }
    let (mut lines, mut offset) = (0, 0);
    for number in doc.get_pages().into_keys() {
        let mut text = doc
            .extract_text(&[number])
            .map_err(|e| corrupt(format!("page {number}: {e}")))?;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        let field = TextPart {
            text: text.as_bytes(),
            page: Some(u64::from(number)),
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
