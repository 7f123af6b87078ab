//! Compressed streams and archives, end to end through the real binary: every format, nesting with
//! the member path, every skip reason, hostile member names, corrupt and truncated inputs, and the
//! summary's counts. Archives are built here with the same crates the scanner reads them with, and
//! bytes are patched by hand where a writer refuses to make something hostile.

mod util;

use std::io::Write;
use std::time::{Duration, Instant};

use util::{TestDir, scan_jsonl, scan_jsonl_stdin};

/// Synthetic values the catalogue finds without context: an AWS key id and an email address.
const SECRET: &str = "aws_access_key_id = AKIAQYLPMN5HHHFPZAM2\ncontact: alice.example@example.com\n";

fn gzip(bytes: &[u8]) -> Vec<u8> {
    gzip_at(bytes, flate2::Compression::fast())
}

fn gzip_at(bytes: &[u8], level: flate2::Compression) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), level);
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn bzip2(bytes: &[u8]) -> Vec<u8> {
    let mut e = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn xz(bytes: &[u8]) -> Vec<u8> {
    let mut e = lzma_rust2::XzWriter::new(Vec::new(), lzma_rust2::XzOptions::with_preset(1)).unwrap();
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::encode_all(bytes, 1).unwrap()
}

/// A zip of `(name, bytes)` members, deflated.
fn zip(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in members {
        w.start_file(*name, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A tar of `(name, bytes)` members; names are written into the header as given (even `..`).
fn tar(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (name, bytes) in members {
        let mut header = tar::Header::new_gnu();
        header.as_old_mut().name[..name.len()].copy_from_slice(name.as_bytes());
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        b.append(&header, *bytes).unwrap();
    }
    b.into_inner().unwrap()
}

/// `(member, detector)` of every finding in object `name`, sorted.
fn members(scan: &util::Scan, name: &str) -> Vec<(Option<String>, String)> {
    let mut v: Vec<_> = scan
        .findings_in(name)
        .iter()
        .map(|f| {
            (
                f["member"].as_str().map(str::to_string),
                f["detector"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

fn both(member: Option<&str>) -> Vec<(Option<String>, String)> {
    let m = member.map(str::to_string);
    vec![(m.clone(), "AWS_ACCESS_KEY_ID".into()), (m, "EMAIL_ADDRESS".into())]
}

#[test]
fn every_compressed_stream_is_scanned_with_its_format() {
    let dir = TestDir::new();
    let text = SECRET.as_bytes();
    let csv = "aws_access_key_id,contact\nAKIAQYLPMN5HHHFPZAM2,alice.example@example.com\n";
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("app.log.gz", gzip(text), "gzip+text"),
        ("people.csv.gz", gzip(csv.as_bytes()), "gzip+csv"),
        ("app.log.bz2", bzip2(text), "bzip2+text"),
        ("app.log.xz", xz(text), "xz+text"),
        ("app.log.zst", zstd(text), "zstd+text"),
    ];
    for (name, bytes, _) in &cases {
        dir.create_bytes(name, bytes);
    }
    let scan = scan_jsonl(&[&dir.arg()]);
    for (name, _, format) in &cases {
        let object = scan.object(&dir.name(name));
        assert_eq!(object["format"], *format, "{name}");
        assert!(object["skipped"].is_null(), "{name}: {object}");
        assert_eq!(members(&scan, &dir.name(name)), both(None), "{name}");
    }
    // A compressed CSV is decoded field by field, as a plain one.
    let columns: Vec<_> = scan
        .findings_in(&dir.name("people.csv.gz"))
        .iter()
        .map(|f| f["column_name"].clone())
        .collect();
    assert!(
        columns.contains(&"contact".into()) && columns.contains(&"aws_access_key_id".into()),
        "{columns:?}"
    );
    // Lines and columns are those of the decompressed text.
    let key = scan.findings_in(&dir.name("app.log.gz"))[0].clone();
    assert_eq!((key["line"].as_u64(), key["column"].as_u64()), (Some(1), Some(21)));
    assert_eq!(scan.summary["objects_by_format"]["gzip+text"], 1);
    assert_eq!(scan.summary["objects_by_format"]["zstd+text"], 1);
}

#[test]
fn multi_member_gzip_is_read_to_its_last_member() {
    let dir = TestDir::new();
    let mut bytes = gzip(b"nothing here\n");
    bytes.extend(gzip(SECRET.as_bytes()));
    dir.create_bytes("rotated.log.gz", &bytes);
    let scan = scan_jsonl(&[&dir.arg()]);
    let findings = scan.findings_in(&dir.name("rotated.log.gz"));
    assert_eq!(findings.len(), 2);
    assert_eq!(findings[0]["line"], 2, "lines count across gzip members");
}

#[test]
fn archives_report_members_and_formats() {
    let dir = TestDir::new();
    let text = SECRET.as_bytes();
    let plain_tar = tar(&[("etc/app.env", text), ("README", b"nothing")]);
    dir.create_bytes(
        "bundle.zip",
        &zip(&[("config/app.env", text), ("notes.txt", b"nothing")]),
    );
    dir.create_bytes("tools.jar", &zip(&[("META-INF/app.properties", text)]));
    dir.create_bytes("backup.tar", &plain_tar);
    dir.create_bytes("backup.tar.gz", &gzip(&plain_tar));
    dir.create_bytes("backup.tgz", &gzip(&plain_tar));
    dir.create_bytes("backup.tar.zst", &zstd(&plain_tar));
    dir.create_bytes("backup.tar.xz", &xz(&plain_tar));
    dir.create_bytes("backup.tar.bz2", &bzip2(&plain_tar));
    let scan = scan_jsonl(&[&dir.arg()]);
    for (name, format, member) in [
        ("bundle.zip", "zip", "config/app.env"),
        ("tools.jar", "zip", "META-INF/app.properties"),
        ("backup.tar", "tar", "etc/app.env"),
        ("backup.tar.gz", "tar.gz", "etc/app.env"),
        ("backup.tgz", "tar.gz", "etc/app.env"),
        ("backup.tar.zst", "tar.zst", "etc/app.env"),
        ("backup.tar.xz", "tar.xz", "etc/app.env"),
        ("backup.tar.bz2", "tar.bz2", "etc/app.env"),
    ] {
        assert_eq!(scan.object(&dir.name(name))["format"], format, "{name}");
        assert_eq!(members(&scan, &dir.name(name)), both(Some(member)), "{name}");
    }
    assert_eq!(scan.summary["objects_by_format"]["tar.gz"], 2);
}

#[test]
fn nested_archives_join_member_paths_with_bang() {
    let dir = TestDir::new();
    let inner = gzip(&tar(&[("etc/app.env", SECRET.as_bytes())]));
    let log = gzip(SECRET.as_bytes());
    let middle = zip(&[("inner.tar.gz", &inner), ("logs/app.log.gz", &log)]);
    dir.create_bytes("bundle.zip", &zip(&[("release/middle.zip", &middle)]));
    let scan = scan_jsonl(&[&dir.arg()]);
    let mut expected = both(Some("release/middle.zip!inner.tar.gz!etc/app.env"));
    expected.extend(both(Some("release/middle.zip!logs/app.log.gz")));
    expected.sort();
    assert_eq!(members(&scan, &dir.name("bundle.zip")), expected);
}

#[test]
fn nesting_beyond_the_depth_limit_is_skipped_as_archive_depth() {
    let dir = TestDir::new();
    let mut bytes = zip(&[("deep.env", SECRET.as_bytes())]);
    for level in 0..3 {
        bytes = zip(&[(&format!("level{level}.zip"), &bytes), ("top.env", SECRET.as_bytes())]);
    }
    dir.create_bytes("nest.zip", &bytes);
    let scan = scan_jsonl(&[&dir.arg(), "--max-archive-depth", "3"]);
    let object = scan.object(&dir.name("nest.zip"));
    assert!(object["skipped"].is_null(), "{object}");
    let skipped = object["skipped_members"].as_array().expect("skipped_members");
    assert_eq!(skipped.len(), 1, "{object}");
    assert_eq!(skipped[0]["member"], "level2.zip!level1.zip!level0.zip");
    assert_eq!(skipped[0]["reason"], "archive-depth");
    // The three shallower levels were scanned.
    assert_eq!(scan.findings_in(&dir.name("nest.zip")).len(), 6);
    assert_eq!(scan.summary["members_skipped_by_reason"]["archive-depth"], 1);
    // The default depth (10) reads all four.
    let scan = scan_jsonl(&[&dir.arg()]);
    assert_eq!(scan.findings_in(&dir.name("nest.zip")).len(), 8);
}

/// Runs a scan of `dir` and returns it with its wall time less that of scanning an empty file
/// (the engine's start-up), so that a limit's speed is measured on its own.
fn timed_scan(dir: &TestDir) -> (util::Scan, Duration) {
    let empty = TestDir::new();
    empty.create("empty.txt", "");
    let started = Instant::now();
    scan_jsonl(&[&empty.arg()]);
    let startup = started.elapsed();
    let started = Instant::now();
    let scan = scan_jsonl(&[&dir.arg()]);
    (scan, started.elapsed().saturating_sub(startup))
}

#[test]
fn gzip_bomb_of_ten_gib_is_refused_within_a_second() {
    let dir = TestDir::new();
    // 160 gzip members of 64 MiB of spaces each (zeros would be refused as binary at once):
    // 10 GiB decompressed from about 10 MB.
    let member = gzip_at(&vec![b' '; 64 << 20], flate2::Compression::best());
    let mut bytes = gzip(SECRET.as_bytes());
    for _ in 0..160 {
        bytes.extend_from_slice(&member);
    }
    dir.create_bytes("bomb.log.gz", &bytes);
    let (scan, took) = timed_scan(&dir);
    let object = scan.object(&dir.name("bomb.log.gz"));
    assert_eq!(object["skipped"]["reason"], "decompression-limit", "{object}");
    assert!(took < Duration::from_secs(1), "took {took:?}");
    assert_eq!(
        scan.findings_in(&dir.name("bomb.log.gz")).len(),
        2,
        "findings before the limit are kept"
    );
    assert_eq!(scan.summary["skipped_by_reason"]["decompression-limit"], 1);
}

#[test]
fn small_nested_zip_bomb_is_refused_within_a_second() {
    let dir = TestDir::new();
    // A zip holding 64 MiB of spaces; sixteen copies of it, each deflated again, in a second
    // zip: 1 GiB from a few kilobytes.
    let inner = zip(&[("spaces.txt", &vec![b' '; 64 << 20])]);
    let copies: Vec<(String, &[u8])> = (0..16).map(|i| (format!("part{i}.zip"), &inner[..])).collect();
    let named: Vec<(&str, &[u8])> = copies.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    let bomb = zip(&named);
    assert!(bomb.len() < 100_000, "the bomb is small: {} bytes", bomb.len());
    dir.create_bytes("bomb.zip", &bomb);
    let (scan, took) = timed_scan(&dir);
    let object = scan.object(&dir.name("bomb.zip"));
    assert_eq!(object["skipped"]["reason"], "decompression-limit", "{object}");
    assert!(took < Duration::from_secs(1), "took {took:?}");
}

#[test]
fn max_decompressed_bytes_keeps_earlier_findings() {
    let dir = TestDir::new();
    let filler = "x".repeat(4000);
    dir.create_bytes(
        "two.zip",
        &zip(&[
            ("first.env", SECRET.as_bytes()),
            ("second.txt", filler.as_bytes()),
            ("third.env", SECRET.as_bytes()),
        ]),
    );
    let scan = scan_jsonl(&[&dir.arg(), "--max-decompressed-bytes", "2K"]);
    let object = scan.object(&dir.name("two.zip"));
    assert_eq!(object["skipped"]["reason"], "decompression-limit", "{object}");
    assert_eq!(members(&scan, &dir.name("two.zip")), both(Some("first.env")));
}

#[test]
fn corrupt_zip_member_is_skipped_and_the_others_scanned() {
    let dir = TestDir::new();
    let big: String = (0..2000).map(|i| format!("line {i} of filler text\n")).collect();
    let mut bytes = zip(&[
        ("good.env", SECRET.as_bytes()),
        ("bad.txt", big.as_bytes()),
        ("also.env", SECRET.as_bytes()),
    ]);
    // Garble the end of bad.txt's deflated data (just before the next member's header), so that
    // its first block still reads as text and the decoder fails on the rest.
    let next = find(&bytes, b"also.env").unwrap() - 30;
    for b in &mut bytes[next - 40..next - 10] {
        *b ^= 0x5a;
    }
    dir.create_bytes("broken.zip", &bytes);
    let scan = scan_jsonl(&[&dir.arg()]);
    let object = scan.object(&dir.name("broken.zip"));
    assert!(object["skipped"].is_null(), "{object}");
    assert_eq!(object["skipped_members"][0]["member"], "bad.txt");
    assert_eq!(object["skipped_members"][0]["reason"], "corrupt");
    let mut expected = both(Some("also.env"));
    expected.extend(both(Some("good.env")));
    expected.sort();
    assert_eq!(members(&scan, &dir.name("broken.zip")), expected);
}

#[test]
fn truncated_streams_keep_findings_made_before_the_cut() {
    let dir = TestDir::new();
    let filler: String = (0..20000).map(|i| format!("{i:08x} {:x}\n", i * 7919)).collect();
    let mut text = SECRET.to_string();
    text.push_str(&filler);
    let gz = gzip(text.as_bytes());
    dir.create_bytes("cut.log.gz", &gz[..gz.len() / 2]);
    let tgz = gzip(&tar(&[("a.env", SECRET.as_bytes()), ("b.txt", filler.as_bytes())]));
    dir.create_bytes("cut.tar.gz", &tgz[..tgz.len() / 2]);
    let plain = tar(&[("a.env", SECRET.as_bytes()), ("b.txt", filler.as_bytes())]);
    dir.create_bytes("cut.tar", &plain[..plain.len() / 2]);
    dir.create_bytes("cut.zip", &zip(&[("a.env", SECRET.as_bytes())])[..30]);
    let scan = scan_jsonl(&[&dir.arg()]);
    for name in ["cut.log.gz", "cut.tar.gz", "cut.tar"] {
        let object = scan.object(&dir.name(name));
        let corrupt = object["skipped"]["reason"] == "corrupt"
            || object["skipped_members"]
                .as_array()
                .is_some_and(|m| m.iter().any(|s| s["reason"] == "corrupt"));
        assert!(corrupt, "{name}: {object}");
        assert_eq!(scan.findings_in(&dir.name(name)).len(), 2, "{name}");
    }
    assert_eq!(scan.skip_reason(&dir.name("cut.zip")).as_deref(), Some("corrupt"));
}

#[test]
fn encrypted_zip_member_is_skipped_as_encrypted() {
    let dir = TestDir::new();
    let mut bytes = zip(&[("open.env", SECRET.as_bytes()), ("locked.env", SECRET.as_bytes())]);
    // Set the "encrypted" flag of locked.env in its local and central headers.
    set_encrypted_flag(&mut bytes, b"PK\x03\x04", 6, b"locked.env");
    set_encrypted_flag(&mut bytes, b"PK\x01\x02", 8, b"locked.env");
    dir.create_bytes("secret.zip", &bytes);
    let scan = scan_jsonl(&[&dir.arg()]);
    let object = scan.object(&dir.name("secret.zip"));
    assert_eq!(object["skipped_members"][0]["member"], "locked.env", "{object}");
    assert_eq!(object["skipped_members"][0]["reason"], "encrypted");
    assert_eq!(members(&scan, &dir.name("secret.zip")), both(Some("open.env")));
    assert_eq!(scan.summary["members_skipped_by_reason"]["encrypted"], 1);
}

#[test]
fn hostile_member_names_are_reported_as_stored_and_never_written() {
    let dir = TestDir::new();
    let work = dir.mkdir("work");
    let text = SECRET.as_bytes();
    dir.create_bytes(
        "slip.zip",
        &zip(&[("../../escaped.env", text), ("/etc/absolute.env", text)]),
    );
    dir.create_bytes("slip.tar", &tar(&[("../../escaped.env", text)]));
    // A symlink member pointing outside: listed, never followed or created.
    let mut b = tar::Builder::new(Vec::new());
    let mut header = tar::Header::new_gnu();
    header.set_entry_type(tar::EntryType::Symlink);
    header.set_size(0);
    b.append_link(&mut header, "link.env", "/etc/passwd").unwrap();
    dir.create_bytes("link.tar", &b.into_inner().unwrap());
    let mut cmd = util::piiscan();
    cmd.current_dir(&work);
    let scan = util::scan_jsonl_with(&mut cmd, &[&dir.arg()], None);
    let mut expected = both(Some("../../escaped.env"));
    expected.extend(both(Some("/etc/absolute.env")));
    expected.sort();
    assert_eq!(members(&scan, &dir.name("slip.zip")), expected);
    assert_eq!(members(&scan, &dir.name("slip.tar")), both(Some("../../escaped.env")));
    assert!(scan.object(&dir.name("link.tar"))["skipped"].is_null());
    assert!(scan.findings_in(&dir.name("link.tar")).is_empty());
    assert!(!dir.join("escaped.env").exists() && !work.join("escaped.env").exists());
    assert!(!work.join("link.env").exists());
}

#[test]
fn binary_members_are_recorded_and_text_members_scanned() {
    let dir = TestDir::new();
    dir.create_bytes(
        "mixed.zip",
        &zip(&[
            ("logo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            ("a.env", SECRET.as_bytes()),
        ]),
    );
    let scan = scan_jsonl(&[&dir.arg()]);
    let object = scan.object(&dir.name("mixed.zip"));
    assert_eq!(object["skipped_members"][0]["member"], "logo.png");
    assert_eq!(object["skipped_members"][0]["reason"], "binary");
    assert_eq!(members(&scan, &dir.name("mixed.zip")), both(Some("a.env")));
}

#[test]
fn utf16_without_bom_is_transcoded_inside_archives_and_out() {
    let dir = TestDir::new();
    let le: Vec<u8> = SECRET.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = SECRET.encode_utf16().flat_map(u16::to_be_bytes).collect();
    dir.create_bytes("le.txt", &le);
    dir.create_bytes("be.zip", &zip(&[("be.txt", &be)]));
    let scan = scan_jsonl(&[&dir.arg()]);
    assert_eq!(scan.object(&dir.name("le.txt"))["format"], "utf-16le");
    assert_eq!(members(&scan, &dir.name("le.txt")), both(None));
    assert_eq!(members(&scan, &dir.name("be.zip")), both(Some("be.txt")));
}

#[test]
fn latin1_text_is_located_in_its_own_bytes() {
    let dir = TestDir::new();
    // "Società: café" in Latin-1 (one byte per accented letter), then the key on line 2.
    let mut bytes = b"Soci\xe0t\xe0: caf\xe9\n\xe9\xe9 key AKIAQYLPMN5HHHFPZAM2\n".to_vec();
    dir.create_bytes("latin1.txt", &bytes);
    bytes = gzip(&bytes);
    dir.create_bytes("latin1.txt.gz", &bytes);
    let scan = scan_jsonl(&[&dir.arg()]);
    for name in ["latin1.txt", "latin1.txt.gz"] {
        let f = scan.findings_in(&dir.name(name));
        assert_eq!(f.len(), 1, "{name}");
        assert_eq!(
            (f[0]["line"].as_u64(), f[0]["column"].as_u64()),
            (Some(2), Some(8)),
            "{name}"
        );
        assert_eq!(f[0]["offset"], 21, "{name}");
    }
}

#[test]
fn compressed_stdin_is_decoded() {
    let scan = scan_jsonl_stdin(&["-"], &gzip(&tar(&[("etc/app.env", SECRET.as_bytes())])));
    assert_eq!(scan.object("-")["format"], "tar.gz");
    assert_eq!(members(&scan, "-"), both(Some("etc/app.env")));
}

#[test]
fn summary_counts_formats_and_member_skips() {
    let dir = TestDir::new();
    dir.create("plain.txt", SECRET);
    dir.create_bytes("a.gz", &gzip(SECRET.as_bytes()));
    dir.create_bytes("b.gz", &gzip(SECRET.as_bytes()));
    dir.create_bytes(
        "c.zip",
        &zip(&[("x.bin", b"\x7fELF\x02\x01"), ("y.bin", b"\x00\x01\x02\x03")]),
    );
    let scan = scan_jsonl(&[&dir.arg()]);
    let by_format = &scan.summary["objects_by_format"];
    assert_eq!(
        (
            by_format["text"].as_u64(),
            by_format["gzip+text"].as_u64(),
            by_format["zip"].as_u64()
        ),
        (Some(1), Some(2), Some(1))
    );
    assert_eq!(scan.summary["members_skipped_by_reason"]["binary"], 2);
    assert_eq!(scan.summary["objects_scanned"], 4);
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Sets bit 0 (encrypted) of the flags at `flags_at` in the header (`signature`) naming `name`.
fn set_encrypted_flag(bytes: &mut [u8], signature: &[u8], flags_at: usize, name: &[u8]) {
    let mut from = 0;
    while let Some(i) = find(&bytes[from..], signature) {
        let start = from + i;
        let name_at = if signature == b"PK\x03\x04" { 30 } else { 46 };
        if bytes[start + name_at..].starts_with(name) {
            bytes[start + flags_at] |= 1;
            return;
        }
        from = start + 4;
    }
    panic!("no {signature:?} header for {name:?}");
}

// ---------------------------------------------------------------------------------------------
// Every decoder on random and mutated bytes (the stable-toolchain companion of `fuzz/`)
// ---------------------------------------------------------------------------------------------

mod decoders_never_panic {
    use super::*;
    use piiscan::decode::archive::{Container, drain};
    use piiscan::decode::compress::Compression;
    use piiscan::decode::limits::DecodeLimits;
    use proptest::prelude::*;

    const CONTAINERS: [Container; 6] = [
        Container::Compressed(Compression::Gzip),
        Container::Compressed(Compression::Bzip2),
        Container::Compressed(Compression::Xz),
        Container::Compressed(Compression::Zstd),
        Container::Zip,
        Container::Tar,
    ];

    fn limits() -> DecodeLimits {
        DecodeLimits {
            max_object_bytes: 16 << 20,
            ..DecodeLimits::default()
        }
    }

    /// A valid file of each format, nested a little, to mutate.
    fn seeds() -> Vec<(Container, Vec<u8>)> {
        let text = SECRET.as_bytes();
        let tarred = tar(&[("a.env", text), ("b/c.txt", b"more text\n")]);
        vec![
            (CONTAINERS[0], gzip(&tarred)),
            (CONTAINERS[1], bzip2(text)),
            (CONTAINERS[2], xz(text)),
            (CONTAINERS[3], zstd(&tarred)),
            (
                CONTAINERS[4],
                zip(&[
                    ("a.env", text),
                    ("in.tar.gz", &gzip(&tarred)),
                    ("z.zip", &zip(&[("x", text)])),
                ]),
            ),
            (CONTAINERS[5], tarred),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn on_random_bytes(which in 0usize..6, bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let _ = drain(CONTAINERS[which], &bytes, limits());
        }

        #[test]
        fn on_mutated_files(which in 0usize..6, flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8), cut in any::<prop::sample::Index>(), truncate in any::<bool>()) {
            let (container, mut bytes) = seeds().swap_remove(which);
            for (at, value) in flips {
                let i = at.index(bytes.len());
                bytes[i] ^= value;
            }
            if truncate {
                bytes.truncate(cut.index(bytes.len() + 1));
            }
            let _ = drain(container, &bytes, limits());
        }
    }

    #[test]
    fn seeds_decode_whole() {
        for (container, bytes) in seeds() {
            let (decoded, skip) = drain(container, &bytes, limits());
            assert!(skip.is_none(), "{container:?}: {skip:?}");
            assert!(decoded >= SECRET.len() as u64, "{container:?}");
        }
    }
}

#[test]
fn human_report_names_the_member() {
    let dir = TestDir::new();
    dir.create_bytes(
        "bundle.zip",
        &zip(&[
            ("config/app.env", SECRET.as_bytes()),
            ("logo.png", b"\x89PNG\r\n\x1a\n\0"),
        ]),
    );
    let out = util::run(util::piiscan().args(["scan", &dir.arg()]));
    assert!(out.stdout.contains("in config/app.env"), "{}", out.stdout);
    assert!(
        out.stdout.contains("Archive members skipped: binary: 1"),
        "{}",
        out.stdout
    );
}

#[test]
fn limits_come_from_the_settings_file_and_bad_values_name_the_line() {
    let dir = TestDir::new();
    dir.create_bytes(
        "data/two.zip",
        &zip(&[("a.env", SECRET.as_bytes()), ("b.txt", "x".repeat(4000).as_bytes())]),
    );
    dir.create(
        "piiscan.toml",
        "max_archive_depth = 10\nmax_decompressed_bytes = \"1K\"\n",
    );
    let mut cmd = util::piiscan();
    cmd.current_dir(dir.path());
    let scan = util::scan_jsonl_with(&mut cmd, &["data"], None);
    assert_eq!(scan.skip_reason("data/two.zip").as_deref(), Some("decompression-limit"));
    dir.create("piiscan.toml", "max_decompressed_bytes = \"ten gigs\"\n");
    let out = util::run(util::piiscan().current_dir(dir.path()).args(["scan", "data"]));
    assert_eq!(out.code(), 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("piiscan.toml:1") && out.stderr.contains("max_decompressed_bytes"),
        "{}",
        out.stderr
    );
}
