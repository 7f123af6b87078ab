//! Compressed streams: gzip (every member of a multi-member file), bzip2 (every stream), xz (every
//! stream) and zstd (every frame), each a `Read` over a `Read`. Invariant: decoders stream; none
//! holds more than its own window of history, whatever the size of the output.

use std::io::{BufReader, Read};

/// A compressed-stream format, found by its magic bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    Gzip,
    Bzip2,
    Xz,
    Zstd,
}

impl Compression {
    /// The name used in an object's `format` chain and in error messages.
    pub fn name(self) -> &'static str {
        match self {
            Compression::Gzip => "gzip",
            Compression::Bzip2 => "bzip2",
            Compression::Xz => "xz",
            Compression::Zstd => "zstd",
        }
    }

    /// The short suffix for a compressed tar (`tar.gz`).
    pub fn suffix(self) -> &'static str {
        match self {
            Compression::Gzip => "gz",
            Compression::Bzip2 => "bz2",
            Compression::Xz => "xz",
            Compression::Zstd => "zst",
        }
    }

    /// The format whose magic `head` starts with.
    pub fn sniff(head: &[u8]) -> Option<Compression> {
        if head.starts_with(b"\x1f\x8b") {
            Some(Compression::Gzip)
        } else if head.len() >= 4 && head.starts_with(b"BZh") && (b'1'..=b'9').contains(&head[3]) {
            Some(Compression::Bzip2)
        } else if head.starts_with(b"\xfd7zXZ\x00") {
            Some(Compression::Xz)
        } else if head.starts_with(b"\x28\xb5\x2f\xfd") {
            Some(Compression::Zstd)
        } else {
            None
        }
    }

    /// The name of what is inside, for extension sniffing one level down: `app.log.gz` holds
    /// `app.log`, `backup.tgz` holds `backup.tar`.
    pub fn inner_name(self, name: &str) -> String {
        let lower = name.to_ascii_lowercase();
        for (outer, inner) in [
            (".tgz", ".tar"),
            (".tbz2", ".tar"),
            (".tbz", ".tar"),
            (".txz", ".tar"),
            (".tzst", ".tar"),
        ] {
            if lower.ends_with(outer) {
                return format!("{}{inner}", &name[..name.len() - outer.len()]);
            }
        }
        for ext in [".gz", ".gzip", ".bz2", ".xz", ".zst", ".zstd"] {
            if lower.ends_with(ext) {
                return name[..name.len() - ext.len()].to_string();
            }
        }
        name.to_string()
    }

    /// The decoded stream of `input`. Errors surface on read, where the caller tags them.
    pub fn decoder<'a>(self, input: impl Read + 'a) -> std::io::Result<Box<dyn Read + 'a>> {
        Ok(match self {
            Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(input))),
            Compression::Bzip2 => Box::new(bzip2::read::MultiBzDecoder::new(BufReader::new(input))),
            Compression::Xz => Box::new(lzma_rust2::XzReader::new(BufReader::new(input), true)),
            Compression::Zstd => Box::new(zstd::stream::read::Decoder::new(input)?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn multi_member_gzip_reads_every_member() {
        let mut bytes = Vec::new();
        for part in ["first\n", "second\n"] {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(part.as_bytes()).unwrap();
            bytes.extend(e.finish().unwrap());
        }
        let mut out = String::new();
        Compression::Gzip
            .decoder(&bytes[..])
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "first\nsecond\n");
    }

    #[test]
    fn inner_name_strips_one_suffix() {
        assert_eq!(Compression::Gzip.inner_name("logs/app.log.gz"), "logs/app.log");
        assert_eq!(Compression::Gzip.inner_name("b.TGZ"), "b.tar");
        assert_eq!(Compression::Zstd.inner_name("b.tar.zst"), "b.tar");
    }
}
