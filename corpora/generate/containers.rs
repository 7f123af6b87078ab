//! Labelled corpus files inside compressed streams and archives: the same generators as the plain
//! files, their text written as members of gzip, bzip2, xz and zstd streams, zip and tar archives
//! (nested too), under `core/containers/`. Each label carries its `member` (the path inside the
//! archive, levels joined with `!`) and the line inside that member.
//!
//! Invariant: byte-for-byte reproducible. Every member's generator is seeded from its full path
//! (`file!member`), and the writers get fixed times (zip members dated 1980-01-01, tar members 0,
//! gzip headers without a time).

use std::io::Write;
use std::path::Path;

use super::{Doc, Fake, Generate, Label};

/// A member: its path inside its archive (or None for a compressed stream's one text) and what
/// it holds.
enum Content {
    Doc(Generate),
    /// An archive inside the archive.
    Nested(Archive),
}

#[derive(Clone, Copy)]
enum Archive {
    Zip(&'static [(&'static str, Content)]),
    Tar(&'static [(&'static str, Content)]),
    /// A compressed stream of one member, written under no member name of its own.
    Gzip(&'static Content),
    Bzip2(&'static Content),
    Xz(&'static Content),
    Zstd(&'static Content),
}

const INNER_TAR: &[(&str, Content)] = &[
    ("etc/settings.yaml", Content::Doc(super::settings_yaml)),
    ("etc/k8s-secrets.yaml", Content::Doc(super::k8s_secrets_yaml)),
];

const BUNDLE: &[(&str, Content)] = &[
    ("config/production.env", Content::Doc(super::production_env)),
    (
        "release/inner.tar.zst",
        Content::Nested(Archive::Zstd(&Content::Nested(Archive::Tar(INNER_TAR)))),
    ),
    (
        "logs/access.log.bz2",
        Content::Nested(Archive::Bzip2(&Content::Doc(super::access_log))),
    ),
    ("docs/key-rotation.md", Content::Doc(super::key_rotation_md)),
];

const EXPORTS: &[(&str, Content)] = &[
    ("exports/customers.csv", Content::Doc(super::customers_csv)),
    ("exports/users.jsonl", Content::Doc(super::users_jsonl)),
];

/// The files, relative to the corpus root.
const FILES: &[(&str, Archive)] = &[
    (
        "core/containers/app.log.gz",
        Archive::Gzip(&Content::Doc(super::app_log)),
    ),
    (
        "core/containers/kyc_applicants.jsonl.xz",
        Archive::Xz(&Content::Doc(super::kyc_jsonl)),
    ),
    (
        "core/containers/exports.tar.gz",
        Archive::Gzip(&Content::Nested(Archive::Tar(EXPORTS))),
    ),
    ("core/containers/bundle.zip", Archive::Zip(BUNDLE)),
];

/// Writes every container file under `root`; returns bytes written and the labels.
pub(crate) fn write_all(root: &Path) -> Result<(usize, Vec<Label>), String> {
    let mut labels = Vec::new();
    let mut bytes = 0;
    for (path, archive) in FILES {
        let mut members = Vec::new();
        let data = build(path, *archive, &mut members, &mut labels);
        let full = root.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&full, &data).map_err(|e| format!("{}: {e}", full.display()))?;
        bytes += data.len();
    }
    Ok((bytes, labels))
}

/// The bytes of `archive`, whose members sit at `members` inside `file`.
fn build(file: &str, archive: Archive, members: &mut Vec<String>, labels: &mut Vec<Label>) -> Vec<u8> {
    match archive {
        Archive::Zip(entries) => {
            let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .last_modified_time(zip::DateTime::default());
            for (name, content) in entries {
                members.push(name.to_string());
                let data = content_bytes(file, content, members, labels);
                members.pop();
                w.start_file(*name, options).expect("zip member in memory");
                w.write_all(&data).expect("zip member in memory");
            }
            w.finish().expect("zip in memory").into_inner()
        }
        Archive::Tar(entries) => {
            let mut b = tar::Builder::new(Vec::new());
            for (name, content) in entries {
                members.push(name.to_string());
                let data = content_bytes(file, content, members, labels);
                members.pop();
                let mut header = tar::Header::new_gnu();
                header.set_size(data.len() as u64);
                header.set_mode(0o644);
                header.set_mtime(0);
                b.append_data(&mut header, name, &data[..])
                    .expect("tar member in memory");
            }
            b.into_inner().expect("tar in memory")
        }
        Archive::Gzip(content) => {
            let data = content_bytes(file, content, members, labels);
            let mut e = flate2::GzBuilder::new()
                .mtime(0)
                .write(Vec::new(), flate2::Compression::default());
            e.write_all(&data).expect("gzip in memory");
            e.finish().expect("gzip in memory")
        }
        Archive::Bzip2(content) => {
            let data = content_bytes(file, content, members, labels);
            let mut e = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
            e.write_all(&data).expect("bzip2 in memory");
            e.finish().expect("bzip2 in memory")
        }
        Archive::Xz(content) => {
            let data = content_bytes(file, content, members, labels);
            let mut e =
                lzma_rust2::XzWriter::new(Vec::new(), lzma_rust2::XzOptions::with_preset(6)).expect("xz options");
            e.write_all(&data).expect("xz in memory");
            e.finish().expect("xz in memory")
        }
        Archive::Zstd(content) => {
            let data = content_bytes(file, content, members, labels);
            zstd::encode_all(&data[..], 3).expect("zstd in memory")
        }
    }
}

/// A member's bytes: generated text (labelled at its member path) or a nested archive.
fn content_bytes(file: &str, content: &Content, members: &mut Vec<String>, labels: &mut Vec<Label>) -> Vec<u8> {
    match content {
        Content::Nested(archive) => build(file, *archive, members, labels),
        Content::Doc(generate) => {
            let member = (!members.is_empty()).then(|| members.join("!"));
            let seed = match &member {
                Some(m) => format!("{file}!{m}"),
                None => file.to_string(),
            };
            let mut doc = Doc::new(file);
            generate(&mut doc, &mut Fake::new(&seed));
            let (text, found) = doc.finish();
            labels.extend(found.into_iter().map(|mut label| {
                label.member = member.clone();
                label
            }));
            text.into_bytes()
        }
    }
}
