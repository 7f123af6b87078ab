//! Decoding: an object's bytes → text the engine can scan, with the object's `format`. Sniffs the
//! first block: binary formats are refused with the reason `binary` (unless `scan_binary`), UTF-16
//! with a byte-order mark is transcoded to UTF-8 as a stream, and everything else (UTF-8, invalid
//! UTF-8, Latin-1) is scanned as bytes. Invariant: decoding never buffers a whole object.

pub mod structured;

use std::io::Read;

use encoding_rs::{UTF_16BE, UTF_16LE};

use crate::skip::{Skip, SkipReason};

/// Options of decoding, gathered by `scan::Config`.
#[derive(Clone, Debug, Default)]
pub struct DecodeOptions {
    pub scan_binary: bool,
}

/// How many leading bytes decide the format.
pub const SNIFF_LEN: usize = 8192;

/// What the first block says an object is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    Text,
    Utf16Le,
    Utf16Be,
    Binary(&'static str),
}

impl Sniffed {
    pub fn format(self) -> &'static str {
        match self {
            Sniffed::Text => "text",
            Sniffed::Utf16Le => "utf-16le",
            Sniffed::Utf16Be => "utf-16be",
            Sniffed::Binary(_) => "binary",
        }
    }
}

const MAGIC: &[(&[u8], &str)] = &[
    (b"\x7fELF", "ELF executable"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x1f\x8b", "gzip stream"),
    (b"\xfd7zXZ\x00", "xz stream"),
    (b"\x28\xb5\x2f\xfd", "zstd stream"),
    (b"%PDF-", "PDF document"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\x00asm", "WebAssembly module"),
];

/// Decides an object's format from its first bytes.
pub fn sniff(head: &[u8]) -> Sniffed {
    if head.starts_with(b"\xff\xfe") {
        return Sniffed::Utf16Le;
    }
    if head.starts_with(b"\xfe\xff") {
        return Sniffed::Utf16Be;
    }
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| head.starts_with(magic)) {
        return Sniffed::Binary(what);
    }
    if memchr::memchr(0, &head[..head.len().min(SNIFF_LEN)]).is_some() {
        return Sniffed::Binary("NUL bytes in the first block");
    }
    Sniffed::Text
}

/// The skip for a binary object, or None when it should be scanned.
pub fn binary_skip(sniffed: Sniffed, options: &DecodeOptions) -> Option<Skip> {
    match sniffed {
        Sniffed::Binary(what) if !options.scan_binary => Some(Skip::new(
            SkipReason::Binary,
            format!("{what}; use --scan-binary to scan it anyway"),
        )),
        _ => None,
    }
}

/// Wraps a UTF-16 stream so that it reads as UTF-8; other formats pass through.
pub fn text_reader<'a>(sniffed: Sniffed, reader: Box<dyn Read + Send + 'a>) -> Box<dyn Read + Send + 'a> {
    let encoding = match sniffed {
        Sniffed::Utf16Le => UTF_16LE,
        Sniffed::Utf16Be => UTF_16BE,
        _ => return reader,
    };
    Box::new(
        encoding_rs_io::DecodeReaderBytesBuilder::new()
            .encoding(Some(encoding))
            .bom_override(true)
            .build(reader),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniff_finds_utf16_by_bom() {
        assert_eq!(sniff(b"\xff\xfea\x00"), Sniffed::Utf16Le);
        assert_eq!(sniff(b"\xfe\xff\x00a"), Sniffed::Utf16Be);
    }

    #[test]
    fn sniff_calls_nul_laden_bytes_binary() {
        assert!(matches!(sniff(b"abc\x00def"), Sniffed::Binary(_)));
        assert!(matches!(sniff(b"\x7fELF\x02"), Sniffed::Binary(_)));
        assert_eq!(sniff(b"caf\xc3\xa9 \xff invalid"), Sniffed::Text);
    }

    #[test]
    fn utf16_reader_yields_utf8() {
        let bytes: Vec<u8> = b"\xff\xfe"
            .iter()
            .copied()
            .chain("hi \u{e9}".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let mut out = String::new();
        text_reader(Sniffed::Utf16Le, Box::new(std::io::Cursor::new(bytes)))
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "hi \u{e9}");
    }
}
