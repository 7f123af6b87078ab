//! Live streams and redaction, through the real binary: findings of a slowly written pipe arrive
//! line by line, values split across writes are found once, a value in a 10 MB line is found and
//! redacted, `--follow` survives rotation, and `piiscan redact` keeps CSV, JSON and UTF-16 intact.

mod util;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use serde_json::Value;
use util::*;

/// How long a test waits for one line of output before calling it lost.
const WAIT: Duration = Duration::from_secs(20);

/// A running piiscan whose stdout lines arrive on a channel as they are written.
struct Live {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
}

impl Live {
    fn start(args: &[&str]) -> Live {
        let mut child = piiscan()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start piiscan");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout is piped");
        let (sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { return };
                if sender.send(line).is_err() {
                    return;
                }
            }
        });
        Live { child, stdin, lines }
    }

    fn write(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).expect("write to piiscan");
        stdin.flush().expect("flush to piiscan");
    }

    /// The next line of output; fails the test if none comes within `WAIT`.
    fn next_line(&self) -> String {
        match self.lines.recv_timeout(WAIT) {
            Ok(line) => line,
            Err(e) => panic!("no output line within {WAIT:?}: {e}"),
        }
    }

    fn next_record(&self) -> Value {
        let line = self.next_line();
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
    }

    /// Closes stdin and collects the remaining lines and the exit code.
    fn finish(mut self) -> (Vec<String>, i32) {
        drop(self.stdin.take());
        let rest: Vec<String> = self.lines.iter().collect();
        let status = self.child.wait().expect("wait for piiscan");
        (rest, status.code().expect("piiscan exited normally"))
    }

    fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .args([name, &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success());
    }
}

#[test]
fn each_finding_of_a_slow_pipe_arrives_before_the_next_line_is_written() {
    let mut live = Live::start(&["scan", "--format", "jsonl", "-"]);
    live.write(b"boot ok\nssn: 536-90-4399\n");
    let first = live.next_record();
    assert_eq!(first["record"], "finding");
    assert_eq!(first["detector"], SSN_ID);
    assert_eq!((first["line"].as_u64(), first["column"].as_u64()), (Some(2), Some(6)));
    // Only now, with stdin still open, does the next line go in.
    live.write(b"nothing\nmail jane.doe@corp-mail.net now\n");
    let second = live.next_record();
    assert_eq!(second["detector"], EMAIL_ID);
    assert_eq!((second["line"].as_u64(), second["column"].as_u64()), (Some(4), Some(6)));
    let (rest, code) = live.finish();
    assert_eq!(code, 0);
    let records: Vec<Value> = rest.iter().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    assert_eq!(
        records.len(),
        2,
        "the object and the summary, no finding twice: {rest:?}"
    );
    assert_eq!(records[0]["record"], "object");
    assert_eq!(records[0]["finding_count"], 2);
    assert_eq!(records[1]["record"], "summary");
    assert_eq!(records[1]["findings"], 2);
}

#[test]
fn redact_passes_each_line_on_as_it_arrives() {
    let mut live = Live::start(&["redact"]);
    live.write(b"ssn: 536-90-4399\n");
    assert_eq!(live.next_line(), "ssn: ***-**-4399");
    live.write(b"card 4539 1488 0343 6467 paid\n");
    assert_eq!(live.next_line(), "card **** **** **** 6467 paid");
    let (rest, code) = live.finish();
    assert_eq!((rest, code), (Vec::<String>::new(), 0));
}

#[test]
fn a_value_split_across_two_writes_is_found_once() {
    let mut live = Live::start(&["scan", "--format", "jsonl", "-"]);
    live.write(b"ssn: 536-9");
    std::thread::sleep(Duration::from_millis(300));
    live.write(b"0-4399\n");
    let (rest, code) = live.finish();
    assert_eq!(code, 0);
    let findings: Vec<Value> = rest
        .iter()
        .map(|l| serde_json::from_str::<Value>(l).expect("JSON"))
        .filter(|r| r["record"] == "finding")
        .collect();
    assert_eq!(findings.len(), 1, "{rest:?}");
    assert_eq!(findings[0]["column"], 6);

    let mut live = Live::start(&["redact", "--mode", "tag"]);
    live.write(b"ssn: 536-9");
    std::thread::sleep(Duration::from_millis(300));
    live.write(b"0-4399 end\n");
    let (rest, _) = live.finish();
    assert_eq!(rest, vec!["ssn: <USA_SOCIAL_SECURITY_NUMBER> end"]);
}

#[test]
fn a_value_in_a_ten_megabyte_line_is_found_and_redacted() {
    let mut line = Vec::with_capacity(10 << 20);
    line.extend_from_slice(b"ssn: 536-90-4399 ");
    while line.len() < 10 << 20 {
        line.extend_from_slice(b"lorem ipsum dolor sit amet ");
    }
    let middle = line.len();
    line.extend_from_slice(b"card 4539 1488 0343 6467 end\n");
    let scan = scan_jsonl_stdin(&["-"], &line);
    let mut located: Vec<(String, u64, u64)> = scan
        .findings
        .iter()
        .map(|f| {
            (
                f["detector"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or_default(),
                f["column"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    located.sort();
    assert_eq!(
        located,
        vec![(CARD_ID.to_string(), 1, middle as u64 + 6), (SSN_ID.to_string(), 1, 6)]
    );

    let out = run_with_stdin(piiscan().arg("redact"), Some(line.clone()));
    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_eq!(out.stdout.len(), line.len());
    assert!(out.stdout.starts_with("ssn: ***-**-4399 lorem"));
    assert!(out.stdout.ends_with("card **** **** **** 6467 end\n"));
}

#[test]
fn utf16_input_is_redacted_in_utf16() {
    let encode = |text: &str| -> Vec<u8> {
        b"\xff\xfe"
            .iter()
            .copied()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect()
    };
    let dir = TestDir::new();
    let input = dir.create_bytes("export.txt", &encode("na\u{ef}ve\r\nssn: 536-90-4399\r\n"));
    let output = dir.join("clean.txt");
    let out = run(piiscan().arg("redact").arg(&input).arg("--output").arg(&output));
    assert_eq!(out.code(), 0, "{}", out.stderr);
    let written = std::fs::read(&output).expect("the output was written");
    assert_eq!(written, encode("na\u{ef}ve\r\nssn: ***-**-4399\r\n"));
}

#[test]
fn redacted_csv_keeps_its_columns_in_every_mode() {
    let csv_text = "name,ssn,card,contact\r\n\
                    \"Doe, Jane\",536-90-4399,4539 1488 0343 6467,jane.doe@corp-mail.net\r\n\
                    \"Roe, \"\"R\"\"\",548-52-4177,4539148803436467,\"mail: rr@example-corp.org; x\"\r\n";
    let columns = |text: &[u8]| -> Vec<usize> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text)
            .records()
            .map(|r| r.expect("the CSV parses").len())
            .collect()
    };
    let original = columns(csv_text.as_bytes());
    for mode in ["mask", "tag", "hash", "remove"] {
        let out = run_with_stdin(
            piiscan().args(["redact", "--mode", mode]),
            Some(csv_text.as_bytes().to_vec()),
        );
        assert_eq!(out.code(), 0, "{}", out.stderr);
        assert_eq!(columns(out.stdout.as_bytes()), original, "mode {mode}: {}", out.stdout);
        for value in [
            "536-90-4399",
            "4539148803436467",
            "jane.doe@corp-mail.net",
            "rr@example-corp.org",
        ] {
            assert!(!out.stdout.contains(value), "mode {mode} leaked {value}");
        }
        assert!(out.stdout.contains("\"Doe, Jane\","), "mode {mode}");
    }
}

#[test]
fn redacted_json_still_parses_and_keeps_joins() {
    let json = r#"{"customers": [
  {"name": "Jane", "ssn": "536-90-4399", "card": 4539148803436467, "note": "ssn 536-90-4399, card on file"},
  {"name": "Ann", "email": "ann.lee@corp-mail.net", "ids": [536904399]}
]}
"#;
    let out = run_with_stdin(
        piiscan().args(["redact", "--mode", "hash"]),
        Some(json.as_bytes().to_vec()),
    );
    assert_eq!(out.code(), 0, "{}", out.stderr);
    let parsed: Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout));
    let jane = &parsed["customers"][0];
    let ssn = jane["ssn"].as_str().expect("a string");
    assert_eq!(ssn.len(), 64);
    // The same SSN in a note, and written without dashes as a bare number, hashes the same.
    assert_eq!(jane["note"], format!("ssn {ssn}, card on file"));
    assert!(
        jane["card"].is_string(),
        "a bare number became a string: {}",
        out.stdout
    );
    for value in ["536-90-4399", "4539148803436467", "ann.lee@corp-mail.net"] {
        assert!(!out.stdout.contains(value), "leaked {value}");
    }
    assert_eq!(parsed["customers"][1]["name"], "Ann");
}

#[test]
fn redact_masks_as_reports_do_and_selects_detectors() {
    let text = "ssn: 536-90-4399 key AKIAZ3QSSK565WUTAHEA mail jane.doe@corp-mail.net\n";
    let scan = scan_jsonl_stdin(&["-"], text.as_bytes());
    let mut expected = text.to_string();
    for f in &scan.findings {
        let offset = f["offset"].as_u64().unwrap_or_default() as usize;
        let length = f["length"].as_u64().unwrap_or_default() as usize;
        expected = expected.replace(&text[offset..offset + length], f["masked"].as_str().unwrap_or_default());
    }
    assert_eq!(scan.findings.len(), 3);
    let out = run_with_stdin(piiscan().arg("redact"), Some(text.as_bytes().to_vec()));
    assert_eq!(out.stdout, expected);

    let only = run_with_stdin(
        piiscan().args(["redact", "--mode", "tag", "--only", EMAIL_ID]),
        Some(text.as_bytes().to_vec()),
    );
    assert_eq!(
        only.stdout,
        "ssn: 536-90-4399 key AKIAZ3QSSK565WUTAHEA mail <EMAIL_ADDRESS>\n"
    );
    let excluded = run_with_stdin(
        piiscan().args(["redact", "--mode", "remove", "--exclude", &format!("{SSN_ID},{AWS_ID}")]),
        Some(text.as_bytes().to_vec()),
    );
    assert_eq!(excluded.stdout, "ssn: 536-90-4399 key AKIAZ3QSSK565WUTAHEA mail \n");
}

#[test]
fn in_place_replaces_the_file_atomically_keeping_its_mode() {
    let dir = TestDir::new();
    let path = dir.create_bytes("app.log", b"start\nssn: 536-90-4399\n\xff raw\n");
    chmod(&path, 0o640);
    let out = run(piiscan().args(["redact", "--in-place"]).arg(&path));
    assert_eq!(out.code(), 0, "{}", out.stderr);
    assert_eq!(
        std::fs::read(&path).expect("read back"),
        b"start\nssn: ***-**-4399\n\xff raw\n"
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&path).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

#[test]
fn redact_refuses_binary_input_and_in_place_without_a_file() {
    let out = run_with_stdin(
        piiscan().arg("redact"),
        Some(b"\x7fELF\x02\x01 ssn 536-90-4399".to_vec()),
    );
    assert_eq!(out.code(), 2);
    assert!(out.stderr.contains("binary"), "{}", out.stderr);
    let out = run(piiscan().args(["redact", "--in-place"]));
    assert_eq!(out.code(), 2);
}

#[test]
fn follow_survives_rotation_and_ends_with_the_summary_on_sigterm() {
    let dir = TestDir::new();
    // --from-start: lines written before piiscan opens the file are read too, so the test does
    // not race its start-up (starting at the end is covered by the unit tests).
    let path = dir.create("app.log", "boot\n");
    let arg = path.display().to_string();
    let live = Live::start(&["scan", "--format", "jsonl", "--follow", &arg, "--from-start"]);
    let append = |text: &str| {
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .expect("open the log");
        file.write_all(text.as_bytes()).expect("append");
    };
    append("ssn: 536-90-4399\n");
    let first = live.next_record();
    assert_eq!(first["detector"], SSN_ID);
    assert_eq!(first["object"], arg.as_str());

    // Rotation by rename: the old file moves away, a new one takes its name.
    std::fs::rename(&path, dir.join("app.log.1")).expect("rotate");
    std::fs::write(&path, "mail jane.doe@corp-mail.net\n").expect("new log");
    let second = live.next_record();
    assert_eq!(second["detector"], EMAIL_ID);

    // Rotation by truncation (copytruncate): same file, shorter.
    std::fs::write(&path, "").expect("truncate");
    std::thread::sleep(Duration::from_millis(200));
    append("card 4539 1488 0343 6467\n");
    let third = live.next_record();
    assert_eq!(third["detector"], CARD_ID);

    live.signal("-TERM");
    let (rest, code) = live.finish();
    assert_eq!(code, 130);
    let records: Vec<Value> = rest.iter().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    let summary = records.last().expect("a summary record");
    assert_eq!(summary["record"], "summary");
    assert_eq!(summary["findings"], 3);
    assert_eq!(summary["interrupted"], true);
}

#[test]
fn sigterm_ends_a_scan_of_an_idle_pipe_with_its_summary() {
    let mut live = Live::start(&["scan", "--format", "jsonl", "-"]);
    live.write(b"ssn: 536-90-4399\n");
    assert_eq!(live.next_record()["record"], "finding");
    live.signal("-TERM");
    // stdin stays open: the scan must end on the signal alone.
    let summary = loop {
        let record = live.next_record();
        if record["record"] == "summary" {
            break record;
        }
    };
    assert_eq!(summary["interrupted"], true);
    assert_eq!(summary["findings"], 1);
    let (_, code) = live.finish();
    assert_eq!(code, 130);
}
