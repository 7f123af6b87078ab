//! Decoding: an object's bytes → text the engine can scan, with the object's `format`. Sniffs the
//! first block, magic bytes first: compressed streams and archives are opened (`archive`,
//! `compress`, within the bomb rules of `limits`) and each member comes out as a leaf; binary
//! formats are refused with the reason `binary` (unless `scan_binary`), UTF-16 (with a byte-order
//! mark, or sniffed from its zero bytes) is transcoded to UTF-8 as a stream, and everything else
//! (UTF-8, invalid UTF-8, Latin-1) is scanned as bytes, so offsets and columns stay those of the
//! file. Invariant: decoding never buffers a whole object.

pub mod archive;
pub mod compress;
pub mod limits;

pub mod structured;

use std::io::Read;

use encoding_rs::{UTF_16BE, UTF_16LE};

use crate::skip::{Skip, SkipReason};

/// Options of decoding, gathered by `scan::Config`.
#[derive(Clone, Debug, Default)]
pub struct DecodeOptions {
    pub scan_binary: bool,
    /// Bomb rules for compressed streams and archives.
    pub limits: limits::DecodeLimits,
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
    if let Some(utf16) = sniff_utf16(head) {
        return utf16;
    }
    if memchr::memchr(0, &head[..head.len().min(SNIFF_LEN)]).is_some() {
        return Sniffed::Binary("NUL bytes in the first block");
    }
    Sniffed::Text
}

/// UTF-16 without a byte-order mark: text in Latin scripts has a zero in every other byte (the
/// high byte of each unit), on the odd offsets for little-endian and the even ones for big-endian.
fn sniff_utf16(head: &[u8]) -> Option<Sniffed> {
    let head = &head[..head.len().min(SNIFF_LEN) & !1];
    if head.len() < 16 {
        return None;
    }
    let units = head.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // Nine units in ten with a zero high byte and almost no zero low bytes.
    if odd * 10 >= units * 9 && even * 20 <= units {
        Some(Sniffed::Utf16Le)
    } else if even * 10 >= units * 9 && odd * 20 <= units {
        Some(Sniffed::Utf16Be)
    } else {
        None
    }
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

/// As `text_reader`, for a member's stream (which need not be `Send`).
pub fn leaf_reader<'a>(sniffed: Sniffed, reader: Box<dyn Read + 'a>) -> Box<dyn Read + 'a> {
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
    #[test]
    fn sniff_finds_utf16_without_bom() {
        let le: Vec<u8> = "name: Alice Example, card 4111"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "name: Alice Example, card 4111"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(sniff(&le), Sniffed::Utf16Le);
        assert_eq!(sniff(&be), Sniffed::Utf16Be);
        assert!(matches!(
            sniff(b"ab\x00\x00\x00\x00cd\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"),
            Sniffed::Binary(_)
        ));
    }

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
