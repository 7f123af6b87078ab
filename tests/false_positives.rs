//! False positives on real text nobody here wrote: the Rust standard library's sources (the
//! `rust-src` component under `rustc --print sysroot`), the Debian documentation under
//! `/usr/share/doc`, Python's and Perl's libraries with their documentation, and the man and info
//! pages where the machine has them. All are full of digit runs, hashes, test vectors, example
//! keys and configuration snippets, and hold almost no sensitive data.
//!
//! Every finding there must be one of:
//! - a published test value (`test_value: true`);
//! - contact data that the files really hold (authors' email addresses, projects' phone numbers
//!   and postal addresses in copyright notices): `GENUINE_CONTACT` detectors, counted and printed
//!   but not held against precision;
//! - a reviewed, genuine finding listed in `tests/data/false_positives.toml` with the reason
//!   (example private keys shipped in documentation, for instance).
//!
//! Anything else is a false positive. The test fails when they exceed `MAX_PER_MB` per megabyte
//! scanned, and prints every one so it can be fixed in its detector (or reviewed and listed).

mod util;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use serde::Deserialize;
use serde_json::Value;
use util::scan_jsonl;

/// Unreviewed findings allowed per megabyte of text scanned: one per 20 MB.
const MAX_PER_MB: f64 = 0.05;

/// Contact data that documentation and sources genuinely carry (maintainers' addresses, project
/// phone numbers in licence headers): real findings, not false positives.
fn genuine_contact(detector: &str) -> bool {
    matches!(detector, "EMAIL_ADDRESS" | "ADDRESS" | "NAME" | "IP_ADDRESS")
        || detector == "PHONE_NUMBER"
        || detector.ends_with("_PHONE_NUMBER")
}

#[derive(Deserialize)]
struct Reviewed {
    reviewed: Vec<ReviewedFinding>,
}

/// A finding someone looked at and found genuine.
#[derive(Deserialize)]
struct ReviewedFinding {
    detector: String,
    /// A part of the path the finding is in (paths differ between machines in their prefix).
    path_contains: String,
    reason: String,
}

fn real_text_folders() -> Vec<PathBuf> {
    let mut folders = Vec::new();
    let sysroot = std::process::Command::new("rustc")
        .args(["--print", "sysroot"])
        .output();
    if let Ok(output) = sysroot {
        let src = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()).join("lib/rustlib/src");
        if src.is_dir() {
            folders.push(src);
        } else {
            eprintln!("rust-src is not installed (`rustup component add rust-src`); scanning /usr/share/doc only");
        }
    }
    folders.push(PathBuf::from("/usr/share/doc"));
    folders.extend(more_real_text());
    folders
}

/// Further real text a Debian machine with the packages `.ci/run` installs has: Python's standard
/// library and packages (`/usr/lib/python3*`), Perl's modules and their POD, and, where the image
/// keeps them (minimal images drop them), the man and info pages. `/usr/include` is left out to
/// keep the test short: 130 MB of C declarations whose only findings are authors' contact data.
fn more_real_text() -> Vec<PathBuf> {
    let mut folders = Vec::new();
    for (parent, prefix) in [
        ("/usr/lib", "python3"),
        ("/usr/share", "perl"),
        ("/usr/lib/x86_64-linux-gnu", "perl"),
        ("/usr/lib/aarch64-linux-gnu", "perl"),
    ] {
        let Ok(entries) = std::fs::read_dir(parent) else {
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        found.sort();
        folders.extend(found);
    }
    for folder in ["/usr/share/man", "/usr/share/info"] {
        let folder = PathBuf::from(folder);
        if folder.is_dir() {
            folders.push(folder);
        } else {
            eprintln!(
                "{} is not installed here (a minimal image); scanning the rest",
                folder.display()
            );
        }
    }
    folders
}

#[test]
fn real_text_yields_no_more_false_positives_than_the_threshold() {
    let reviewed: Reviewed = toml::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/false_positives.toml"))
            .expect("tests/data/false_positives.toml is readable"),
    )
    .expect("tests/data/false_positives.toml parses");
    assert!(
        reviewed.reviewed.iter().all(|r| !r.reason.trim().is_empty()),
        "every review gives a reason"
    );

    let folders = real_text_folders();
    let folder_args: Vec<&str> = folders.iter().filter_map(|f| f.to_str()).collect();
    // Compressed files included: most of /usr/share/doc's text is gzip'd changelogs, NEWS files
    // and test logs, which the decoders open like any other text.
    let mut args = vec!["--max-findings-per-object", "100000"];
    args.extend(folder_args);
    let started = Instant::now();
    let report = scan_jsonl(&args);
    let seconds = started.elapsed().as_secs_f64();
    let megabytes = report.summary["bytes_scanned"].as_u64().expect("bytes_scanned") as f64 / 1e6;

    let mut contact: BTreeMap<String, usize> = BTreeMap::new();
    let mut accepted: BTreeMap<String, usize> = BTreeMap::new();
    let mut false_positives: Vec<&Value> = Vec::new();
    assert!(matches!(report.code, 0 | 1), "scan failed:\n{}", report.stderr);
    for finding in &report.findings {
        let detector = finding["detector"].as_str().unwrap_or_default();
        let path = finding["object"].as_str().unwrap_or_default();
        if finding["test_value"] == true {
            *accepted.entry(format!("{detector} (test value)")).or_default() += 1;
        } else if genuine_contact(detector) {
            *contact.entry(detector.to_string()).or_default() += 1;
        } else if let Some(review) = reviewed
            .reviewed
            .iter()
            .find(|r| r.detector == detector && path.contains(&r.path_contains))
        {
            *accepted.entry(format!("{detector} ({})", review.reason)).or_default() += 1;
        } else {
            false_positives.push(finding);
        }
    }
    let rate = false_positives.len() as f64 / megabytes;
    eprintln!("scanned {megabytes:.0} MB of {folders:?} in {seconds:.1} s");
    eprintln!("genuine contact data: {contact:?}");
    eprintln!("accepted: {accepted:?}");
    eprintln!(
        "false positives: {} ({rate:.3} per MB, limit {MAX_PER_MB})",
        false_positives.len()
    );
    for finding in &false_positives {
        eprintln!(
            "  {} {}:{} {}",
            finding["detector"].as_str().unwrap_or_default(),
            finding["object"].as_str().unwrap_or_default(),
            finding["line"],
            finding["context"]
                .as_str()
                .unwrap_or_default()
                .chars()
                .take(120)
                .collect::<String>()
        );
    }
    assert!(
        rate <= MAX_PER_MB,
        "{} false positives in {megabytes:.0} MB of real text ({rate:.3} per MB, limit {MAX_PER_MB}); see the list above",
        false_positives.len()
    );
}
