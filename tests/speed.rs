//! One large object is scanned a batch of windows at a time on every thread: the findings, their
//! order, lines and columns must be exactly those of a one-thread scan.

mod util;

use util::{SSN_ID, TestDir, line_column, scan_jsonl};

/// About 600 KB of lines, an SSN with its keyword on every 37th line, so that values fall in
/// every one of the ~150 windows of 4096 bytes, some across window boundaries.
fn many_lines() -> (Vec<u8>, Vec<String>) {
    let mut text = Vec::new();
    let mut values = Vec::new();
    for line in 0..12_000u32 {
        if line % 37 == 5 {
            let value = format!("536-{:02}-{:04}", 10 + line % 80, 1000 + line % 9000);
            text.extend_from_slice(format!("user record {line}: SSN {value} on file\n").as_bytes());
            values.push(value);
        } else {
            text.extend_from_slice(format!("{line} GET /static/app.js 200 {} ms\n", line % 97).as_bytes());
        }
    }
    (text, values)
}

#[test]
fn one_large_file_on_two_threads_finds_the_same_in_the_same_order() {
    let dir = TestDir::new();
    let (text, values) = many_lines();
    dir.create_bytes("big.log", &text);
    let args = |threads: &'static str| {
        vec![
            "--window-size".to_string(),
            "4096".to_string(),
            "--threads".to_string(),
            threads.to_string(),
            "--max-findings-per-object".to_string(),
            "0".to_string(),
            dir.arg(),
        ]
    };
    let one_args = args("1");
    let two_args = args("2");
    let one = scan_jsonl(&one_args.iter().map(String::as_str).collect::<Vec<_>>());
    let two = scan_jsonl(&two_args.iter().map(String::as_str).collect::<Vec<_>>());
    let ssns: Vec<_> = two.findings_of(SSN_ID);
    assert_eq!(ssns.len(), values.len(), "{:#?}", two.findings.len());
    for (f, value) in ssns.iter().zip(&values) {
        let at = f["offset"].as_u64().unwrap_or_default() as usize;
        assert_eq!(&text[at..at + value.len()], value.as_bytes());
        let (line, column) = line_column(&text[..at + value.len()], value);
        assert_eq!(
            (f["line"].as_u64(), f["column"].as_u64()),
            (Some(line), Some(column)),
            "{f:#}"
        );
    }
    // Same findings in the same order (not only the same set).
    let order = |s: &util::Scan| -> Vec<(String, u64, u64)> {
        s.findings
            .iter()
            .map(|f| {
                let id = f["detector"].as_str().unwrap_or_default().to_string();
                (
                    id,
                    f["offset"].as_u64().unwrap_or_default(),
                    f["line"].as_u64().unwrap_or_default(),
                )
            })
            .collect()
    };
    assert_eq!(order(&one), order(&two));
    assert_eq!(
        one.object(&dir.name("big.log"))["findings_by_detector"],
        two.object(&dir.name("big.log"))["findings_by_detector"]
    );
}

/// The same through the streamed path (UTF-16 text is decoded as a stream, as are files too large
/// to map): one thread and two find the same, in the same order.
#[test]
fn one_large_utf16_stream_on_two_threads_finds_the_same_in_the_same_order() {
    let dir = TestDir::new();
    let (text, values) = many_lines();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in String::from_utf8_lossy(&text).encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    dir.create_bytes("big16.log", &utf16);
    let scan = |threads: &str| {
        scan_jsonl(&[
            "--window-size",
            "4096",
            "--threads",
            threads,
            "--max-findings-per-object",
            "0",
            &dir.arg(),
        ])
    };
    let (one, two) = (scan("1"), scan("2"));
    assert_eq!(two.findings_of(SSN_ID).len(), values.len());
    let order = |s: &util::Scan| -> Vec<(String, u64, u64, u64)> {
        s.findings
            .iter()
            .map(|f| {
                (
                    f["detector"].as_str().unwrap_or_default().to_string(),
                    f["offset"].as_u64().unwrap_or_default(),
                    f["line"].as_u64().unwrap_or_default(),
                    f["column"].as_u64().unwrap_or_default(),
                )
            })
            .collect()
    };
    assert_eq!(order(&one), order(&two));
}
