//! Bad input never stops a scan: each case is scanned beside a normal file holding one finding.
//! The scan must finish (the runner kills it after a minute), the normal file's finding must be
//! reported, and the bad object must be either scanned correctly or recorded as skipped with the
//! reason a user acts on.

mod util;

use std::io::Write;

use util::{SSN, SSN_ID, Scan, TestDir, line_column, scan_jsonl};

const NORMAL: &str = "normal.txt";

/// A folder holding `normal.txt`, whose one finding every scan must report.
fn dir_with_normal_file() -> TestDir {
    let dir = TestDir::new();
    dir.create(NORMAL, &format!("customer record\nSSN: {SSN}\n"));
    dir
}

/// The normal file was scanned and its SSN reported once, at line 2, column 6.
fn assert_normal_found(scan: &Scan, name: &str) {
    assert_eq!(
        scan.object(name)["skipped"],
        serde_json::Value::Null,
        "{name} was scanned"
    );
    let findings = scan.findings_in(name);
    assert_eq!(findings.len(), 1, "{name}: {findings:#?}");
    assert_eq!(findings[0]["detector"], SSN_ID);
    assert_eq!(
        (findings[0]["line"].as_u64(), findings[0]["column"].as_u64()),
        (Some(2), Some(6))
    );
}

/// Scans `dir` as a folder and checks the normal file.
fn scan_dir(dir: &TestDir, extra: &[&str]) -> Scan {
    let target = dir.arg();
    let args: Vec<&str> = extra.iter().copied().chain([target.as_str()]).collect();
    let scan = scan_jsonl(&args);
    assert_normal_found(&scan, &dir.name(NORMAL));
    scan
}

#[test]
fn unreadable_file_is_skipped_as_permission_denied() {
    let dir = dir_with_normal_file();
    let locked = dir.create("locked.txt", &format!("SSN: {SSN}\n"));
    util::chmod(&locked, 0o000);
    if util::readable_anyway(&locked) {
        eprintln!("skipped: this user can read a mode-000 file (root)");
        return;
    }
    let scan = scan_dir(&dir, &[]);
    assert_eq!(
        scan.skip_reason(&dir.name("locked.txt")).as_deref(),
        Some("permission-denied")
    );
    assert_eq!(scan.code, 0);
}

#[test]
fn unreadable_folder_is_recorded_as_skipped() {
    let dir = dir_with_normal_file();
    dir.create("locked/inside.txt", &format!("SSN: {SSN}\n"));
    let locked = dir.join("locked");
    util::chmod(&locked, 0o000);
    if util::readable_anyway(&locked) {
        util::chmod(&locked, 0o755);
        eprintln!("skipped: this user can read a mode-000 folder (root)");
        return;
    }
    let target = dir.arg();
    let scan = scan_jsonl(&[&target]);
    // Give the folder back before asserting, so that the temporary folder can be removed.
    util::chmod(&locked, 0o755);
    assert_normal_found(&scan, &dir.name(NORMAL));
    let prefix = dir.name("locked");
    let skips: Vec<_> = scan
        .objects
        .iter()
        .filter(|o| o["object"].as_str().is_some_and(|n| n.starts_with(&prefix)))
        .collect();
    assert_eq!(skips.len(), 1, "one record for the locked folder: {:#?}", scan.objects);
    assert_eq!(skips[0]["skipped"]["reason"], "permission-denied", "{:#}", skips[0]);
}

#[test]
fn dangling_symlink_is_skipped_as_dangling_symlink() {
    let dir = dir_with_normal_file();
    std::os::unix::fs::symlink(dir.join("no-such-target.txt"), dir.join("dangling")).expect("symlink");
    let scan = scan_dir(&dir, &[]);
    assert_eq!(
        scan.skip_reason(&dir.name("dangling")).as_deref(),
        Some("dangling-symlink")
    );
}

#[test]
fn symlink_loop_is_skipped_as_symlink_loop() {
    let dir = dir_with_normal_file();
    dir.mkdir("sub");
    std::os::unix::fs::symlink("..", dir.join("sub/up")).expect("symlink");
    let scan = scan_dir(&dir, &[]);
    let loops: Vec<_> = scan
        .objects
        .iter()
        .filter(|o| o["skipped"]["reason"] == "symlink-loop")
        .collect();
    assert_eq!(loops.len(), 1, "{:#?}", scan.objects);
    assert_eq!(loops[0]["object"], dir.name("sub/up").as_str());
}

#[test]
fn fifo_in_a_folder_is_skipped_as_special_file() {
    let dir = dir_with_normal_file();
    let fifo = dir.join("pipe");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("run mkfifo");
    assert!(status.success(), "mkfifo failed");
    let scan = scan_dir(&dir, &[]);
    assert_eq!(scan.skip_reason(&dir.name("pipe")).as_deref(), Some("special-file"));
}

#[test]
fn empty_file_is_scanned_with_no_findings() {
    let dir = dir_with_normal_file();
    dir.create("empty.txt", "");
    let scan = scan_dir(&dir, &[]);
    let object = scan.object(&dir.name("empty.txt"));
    assert_eq!(object["skipped"], serde_json::Value::Null, "{object:#}");
    assert_eq!(object["finding_count"], 0, "{object:#}");
    assert!(scan.findings_in(&dir.name("empty.txt")).is_empty());
    assert_eq!(scan.summary["objects_scanned"], 2);
}

/// Writes `filler` repeatedly, without newlines, until `out` has received `upto` bytes.
fn fill_to(out: &mut impl Write, written: &mut usize, upto: usize, chunk: &[u8]) {
    while *written < upto {
        let n = chunk.len().min(upto - *written);
        out.write_all(&chunk[..n]).expect("write the big file");
        *written += n;
    }
}

#[test]
fn single_200mb_line_finds_values_at_start_middle_and_end() {
    const SIZE: usize = 200 << 20;
    let dir = dir_with_normal_file();
    let path = dir.join("one-line.txt");
    let chunk = "lorem ipsum dolor sit amet ".repeat(40_000).into_bytes();
    let values = ["536-90-4399", "536-90-4400", "536-90-4401"];
    let offsets = [6, SIZE / 2, SIZE - values[2].len()];
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create the big file"));
        let mut written = 0;
        for (i, (value, at)) in values.iter().zip(offsets).enumerate() {
            // Spaces around keyword and value: filler runs straight up to them, without a newline.
            fill_to(&mut out, &mut written, at - 6, &chunk);
            let after = if i + 1 == values.len() { "" } else { " " };
            let planted = format!(" SSN: {value}{after}");
            out.write_all(planted.as_bytes()).expect("write a value");
            written += planted.len();
        }
        assert_eq!(written, SIZE);
        out.flush().expect("flush the big file");
    }
    let scan = scan_dir(&dir, &[]);
    let name = dir.name("one-line.txt");
    let object = scan.object(&name);
    assert_eq!(object["skipped"], serde_json::Value::Null, "{object:#}");
    assert_eq!(object["size"], SIZE, "{object:#}");
    let found: Vec<_> = scan
        .findings_in(&name)
        .iter()
        .filter(|f| f["detector"] == SSN_ID)
        .map(|f| (f["line"].as_u64(), f["column"].as_u64(), f["offset"].as_u64()))
        .collect();
    let expected: Vec<_> = offsets
        .iter()
        .map(|&at| (Some(1), Some(at as u64 + 1), Some(at as u64)))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn invalid_utf8_around_a_value_does_not_hide_it() {
    let dir = dir_with_normal_file();
    let bytes = b"caf\xe9 \xff\xfe record SSN: 536-90-4400 \xfe\xff end\nnext line\n";
    dir.create_bytes("latin.txt", bytes);
    let scan = scan_dir(&dir, &[]);
    let name = dir.name("latin.txt");
    assert_eq!(scan.skip_reason(&name), None);
    let findings = scan.findings_in(&name);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let (line, column) = line_column(bytes, "536-90-4400");
    assert_eq!(
        (findings[0]["line"].as_u64(), findings[0]["column"].as_u64()),
        (Some(line), Some(column))
    );
}

const NUL_LADEN: &[u8] = b"\x00\x01\x02\x03header\x00\x00\nSSN: 536-90-4400\n\x00\x00\x00trailer";

#[test]
fn nul_laden_file_is_skipped_as_binary() {
    let dir = dir_with_normal_file();
    dir.create_bytes("blob.bin", NUL_LADEN);
    let scan = scan_dir(&dir, &[]);
    let name = dir.name("blob.bin");
    assert_eq!(scan.skip_reason(&name).as_deref(), Some("binary"));
    assert!(scan.findings_in(&name).is_empty());
}

#[test]
fn nul_laden_file_is_scanned_with_scan_binary() {
    let dir = dir_with_normal_file();
    dir.create_bytes("blob.bin", NUL_LADEN);
    let scan = scan_dir(&dir, &["--scan-binary"]);
    let name = dir.name("blob.bin");
    assert_eq!(scan.skip_reason(&name), None, "{:#}", scan.object(&name));
    let findings = scan.findings_in(&name);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(
        (findings[0]["line"].as_u64(), findings[0]["column"].as_u64()),
        (Some(2), Some(6))
    );
}

#[test]
fn elf_file_is_skipped_as_binary() {
    let dir = dir_with_normal_file();
    let mut bytes = b"\x7fELF\x02\x01\x01".to_vec();
    bytes.extend_from_slice(b" SSN: 536-90-4400 some strings table text\n");
    dir.create_bytes("tool", &bytes);
    let scan = scan_dir(&dir, &[]);
    assert_eq!(scan.skip_reason(&dir.name("tool")).as_deref(), Some("binary"));
}

/// `text` as UTF-16 with its byte-order mark.
fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian { vec![0xfe, 0xff] } else { vec![0xff, 0xfe] };
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

fn assert_utf16_scanned(big_endian: bool, format: &str) {
    let dir = dir_with_normal_file();
    dir.create_bytes(
        "wide.txt",
        &utf16("exported from a spreadsheet\nSSN: 536-90-4400\n", big_endian),
    );
    let scan = scan_dir(&dir, &[]);
    let name = dir.name("wide.txt");
    let object = scan.object(&name);
    assert_eq!(object["skipped"], serde_json::Value::Null, "{object:#}");
    assert_eq!(object["format"], format, "{object:#}");
    let findings = scan.findings_in(&name);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["detector"], SSN_ID);
    assert_eq!(
        (findings[0]["line"].as_u64(), findings[0]["column"].as_u64()),
        (Some(2), Some(6))
    );
}

#[test]
fn utf16le_with_bom_is_decoded_and_scanned() {
    assert_utf16_scanned(false, "utf-16le");
}

#[test]
fn utf16be_with_bom_is_decoded_and_scanned() {
    assert_utf16_scanned(true, "utf-16be");
}

#[test]
fn line_numbers_are_right_after_50000_lines() {
    let dir = dir_with_normal_file();
    let mut text = String::from("SSN: 536-90-4400\n");
    for _ in 2..50_000 {
        text.push_str("plain filler line\n");
    }
    text.push_str("SSN: 536-90-4401\n");
    dir.create("long.txt", &text);
    let name = dir.name("long.txt");
    for window in [None, Some("4096")] {
        let extra: Vec<&str> = window.map(|w| vec!["--window-size", w]).unwrap_or_default();
        let scan = scan_dir(&dir, &extra);
        let found: Vec<_> = scan
            .findings_in(&name)
            .iter()
            .map(|f| (f["line"].as_u64(), f["column"].as_u64()))
            .collect();
        assert_eq!(
            found,
            [(Some(1), Some(6)), (Some(50_000), Some(6))],
            "window {window:?}"
        );
    }
}

#[test]
fn nonexistent_path_is_skipped_as_not_found_and_exits_0() {
    let dir = dir_with_normal_file();
    let normal = dir.name(NORMAL);
    let missing = dir.name("missing.txt");
    let scan = scan_jsonl(&[&normal, &missing]);
    assert_normal_found(&scan, &normal);
    assert_eq!(scan.skip_reason(&missing).as_deref(), Some("not-found"));
    assert_eq!(scan.code, 0, "stderr: {}", scan.stderr);
}

#[test]
fn nonexistent_path_exits_3_with_fail_on_skip() {
    let dir = dir_with_normal_file();
    let normal = dir.name(NORMAL);
    let missing = dir.name("missing.txt");
    let scan = scan_jsonl(&["--fail-on-skip", &normal, &missing]);
    assert_normal_found(&scan, &normal);
    assert_eq!(scan.skip_reason(&missing).as_deref(), Some("not-found"));
    assert_eq!(scan.code, 3);
}
