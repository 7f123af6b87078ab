//! Generates piiscan's test corpora: labelled data for the precision/recall test, the README's
//! demo folder, and a large log-like corpus for benchmarks.
//!
//! ```text
//! cargo run --release --example gen-corpus -- labelled corpora
//! cargo run --release --example gen-corpus -- bench corpora/bench --size-mb 100 --files 64
//! ```
//!
//! `labelled DIR` replaces `DIR/core/` (logs, CSV exports, JSON Lines, .env and YAML configuration,
//! key dumps, English prose), writes `DIR/expected.jsonl` (one line per planted value: file relative
//! to DIR, line, detector, value) and replaces `DIR/sample/` (the small demo folder). `bench DIR`
//! writes log files with a sensitive value about every 2 KB; it is not committed.
//!
//! Invariant: every value a detector should find is made here with a valid checksum and placed with
//! `plant`, which is what puts it in expected.jsonl. Everything else must be found by no detector:
//! decoys of the same shapes with failing checksums, shapes kept 30+ characters away from any keyword
//! their detector needs, UUIDs, hashes, timestamps, versions. Output is byte-for-byte reproducible:
//! each file has its own random generator seeded from its path, so editing one file's function
//! leaves every other file as it was.
//!
//! The catalogue's families each have a file beside this one (`credentials.rs`, `national_ids.rs`,
//! `licences.rs`, `finance_health.rs`, `contact.rs`) with their own `DETECTORS`, `FILES` and `check_planted`; `labelled` joins them
//! to the core set here. Their files go under `core/<family>/`. `containers.rs` writes some of the
//! same generators' text inside compressed streams and archives (`core/containers/`); its labels
//! carry `member`.
//!
//! To cover a new detector: add its id to `DETECTORS`, a method on `Fake` that makes valid values
//! (and, where the detector has a checksum, a decoy that fails it), plant the values in the files
//! where such data really turns up, then regenerate and run `cargo test --release --test corpus`.
//! A keyword the detector needs goes within 30 characters of the value; the same shapes elsewhere
//! stay 30 or more characters from every such keyword (mind the lines before and after).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use serde::Serialize;

mod contact;
mod containers;
mod credentials;
mod finance_health;
mod licences;
mod national_ids;
mod structured;

const USAGE: &str = "usage: gen-corpus labelled DIR | gen-corpus bench DIR [--size-mb N] [--files N]";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("labelled") if args.len() == 2 => labelled(Path::new(&args[1])),
        Some("bench") if args.len() >= 2 => bench(&args[1..]),
        _ => Err(USAGE.to_string()),
    };
    if let Err(message) = result {
        eprintln!("gen-corpus: {message}");
        std::process::exit(2);
    }
}

// ---------------------------------------------------------------------------------------------
// Detector ids, planting and labels
// ---------------------------------------------------------------------------------------------

const AWS_ACCESS_KEY_ID: &str = "AWS_ACCESS_KEY_ID";
const AWS_CREDENTIALS: &str = "AWS_CREDENTIALS";
const GCP_API_KEY: &str = "GCP_API_KEY";
const GITHUB_TOKEN: &str = "GITHUB_TOKEN";
const GITLAB_TOKEN: &str = "GITLAB_TOKEN";
const SLACK_TOKEN: &str = "SLACK_TOKEN";
const SLACK_WEBHOOK_URL: &str = "SLACK_WEBHOOK_URL";
const STRIPE_CREDENTIALS: &str = "STRIPE_CREDENTIALS";
const SENDGRID_API_KEY: &str = "SENDGRID_API_KEY";
const NPM_TOKEN: &str = "NPM_TOKEN";
const JSON_WEB_TOKEN: &str = "JSON_WEB_TOKEN";
const OPENSSH_PRIVATE_KEY: &str = "OPENSSH_PRIVATE_KEY";
const PGP_PRIVATE_KEY: &str = "PGP_PRIVATE_KEY";
const PKCS: &str = "PKCS";
const PUTTY_PRIVATE_KEY: &str = "PUTTY_PRIVATE_KEY";
const HTTP_BASIC_AUTH_HEADER: &str = "HTTP_BASIC_AUTH_HEADER";
const URL_CREDENTIALS: &str = "URL_CREDENTIALS";
const CREDIT_CARD_NUMBER: &str = "CREDIT_CARD_NUMBER";
const IBAN: &str = "INTERNATIONAL_BANK_ACCOUNT_NUMBER";
const USA_ROUTING_NUMBER: &str = "USA_ROUTING_NUMBER";
const USA_SSN: &str = "USA_SOCIAL_SECURITY_NUMBER";
const USA_ITIN: &str = "USA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER";
const EMAIL_ADDRESS: &str = "EMAIL_ADDRESS";
const PHONE_NUMBER: &str = "PHONE_NUMBER";
const DATE_OF_BIRTH: &str = "DATE_OF_BIRTH";
const UK_NINO: &str = "UK_NATIONAL_INSURANCE_NUMBER";
const UK_NHS_NUMBER: &str = "UK_NHS_NUMBER";
const CANADA_SIN: &str = "CANADA_SOCIAL_INSURANCE_NUMBER";

/// Every detector the labelled corpus must cover, each with at least `MIN_PLANTED` values.
const DETECTORS: &[&str] = &[
    AWS_ACCESS_KEY_ID,
    AWS_CREDENTIALS,
    GCP_API_KEY,
    GITHUB_TOKEN,
    GITLAB_TOKEN,
    SLACK_TOKEN,
    SLACK_WEBHOOK_URL,
    STRIPE_CREDENTIALS,
    SENDGRID_API_KEY,
    NPM_TOKEN,
    JSON_WEB_TOKEN,
    OPENSSH_PRIVATE_KEY,
    PGP_PRIVATE_KEY,
    PKCS,
    PUTTY_PRIVATE_KEY,
    HTTP_BASIC_AUTH_HEADER,
    URL_CREDENTIALS,
    CREDIT_CARD_NUMBER,
    IBAN,
    USA_ROUTING_NUMBER,
    USA_SSN,
    USA_ITIN,
    EMAIL_ADDRESS,
    PHONE_NUMBER,
    DATE_OF_BIRTH,
    UK_NINO,
    UK_NHS_NUMBER,
    CANADA_SIN,
];

const MIN_PLANTED: usize = 30;

/// Marks `value` as a finding of `detector`: `Doc::finish` removes the marks and records the line.
/// Control characters never occur in generated text, so they cannot be confused with it.
fn plant(detector: &str, value: &str) -> String {
    format!("\u{1}{detector}\u{2}{value}\u{3}")
}

/// As `plant`, for a value that several detectors find (a token used as a URL's password).
fn plant_each(detectors: &[&str], value: &str) -> String {
    format!("\u{1}{}\u{2}{value}\u{3}", detectors.join("|"))
}

/// As `plant`, for a phone number: labelled with the detector of its country (`contact.rs`).
fn plant_phone(value: &str) -> String {
    plant(contact::phone_detector(value), value)
}

/// As `plant`, for a published test value (documentation keys, payment networks' test cards):
/// still a finding, reported with `test_value: true`.
fn plant_test(detector: &str, value: &str) -> String {
    format!("\u{1}{detector}\u{4}\u{2}{value}\u{3}")
}

/// The text without its plant marks (for the benchmark corpus, which is not labelled).
fn unmarked(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('\u{1}') {
        out.push_str(&rest[..start]);
        let value = rest[start..].find('\u{2}').expect("a plant mark has a value mark") + start + 1;
        rest = &rest[value..];
    }
    out.push_str(rest);
    out.retain(|c| c != '\u{3}');
    out
}

/// One line of expected.jsonl.
#[derive(Serialize)]
struct Label {
    file: String,
    line: usize,
    detector: String,
    value: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    test_value: bool,
    /// The path inside an archive (`containers.rs`), levels joined with `!`.
    #[serde(skip_serializing_if = "Option::is_none")]
    member: Option<String>,
}

/// A generated file: its path relative to the corpus root and its text, plant marks included.
struct Doc {
    path: String,
    text: String,
    encoding: Encoding,
    /// Builds a binary file (Parquet, xlsx, ...) from the clean text, whose line N is the
    /// format's row N (`structured.rs`); None for text files.
    binary: Option<BuildBinary>,
}

/// Builds a binary file's bytes from its clean text (`Doc::binary`).
type BuildBinary = fn(&str) -> Result<Vec<u8>, String>;

/// How a file is written: most as UTF-8 with `\n`; some as Windows tools write them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    /// UTF-8 with `\r\n` line ends (a spreadsheet export).
    Utf8Crlf,
    /// UTF-16LE with a byte-order mark and `\r\n` (Windows PowerShell's `Out-File`).
    Utf16Le,
}

impl Doc {
    fn new(path: &str) -> Doc {
        Doc {
            path: path.to_string(),
            text: String::new(),
            encoding: Encoding::Utf8,
            binary: None,
        }
    }

    fn line(&mut self, text: impl AsRef<str>) {
        self.text.push_str(text.as_ref());
        self.text.push('\n');
    }

    /// The text without plant marks, and a label for each planted value at the line it starts on.
    fn finish(self) -> (String, Vec<Label>) {
        let mut clean = String::with_capacity(self.text.len());
        let mut labels = Vec::new();
        let mut line = 1;
        let mut rest = self.text.as_str();
        while let Some(start) = rest.find('\u{1}') {
            let before = &rest[..start];
            line += before.bytes().filter(|&b| b == b'\n').count();
            clean.push_str(before);
            let after = &rest[start + 1..];
            let name_end = after.find('\u{2}').expect("a plant mark has a value mark");
            let (detectors, test_value) = match after[..name_end].strip_suffix('\u{4}') {
                Some(detectors) => (detectors, true),
                None => (&after[..name_end], false),
            };
            let value_and_rest = &after[name_end + 1..];
            let value_end = value_and_rest.find('\u{3}').expect("a plant mark has an end mark");
            let value = &value_and_rest[..value_end];
            for detector in detectors.split('|') {
                assert!(!value.is_empty(), "{}: empty value planted for {detector}", self.path);
                assert!(
                    check_planted(detector, value),
                    "{}: planted {detector} value {value:?} fails its own checksum",
                    self.path
                );
                labels.push(Label {
                    file: self.path.clone(),
                    line,
                    detector: detector.to_string(),
                    value: value.to_string(),
                    test_value,
                    member: None,
                });
            }
            line += value.bytes().filter(|&b| b == b'\n').count();
            clean.push_str(value);
            rest = &value_and_rest[value_end + 1..];
        }
        clean.push_str(rest);
        assert!(
            !clean.contains(['\u{1}', '\u{2}', '\u{3}', '\u{4}']),
            "{}: stray plant mark",
            self.path
        );
        (clean, labels)
    }
}

/// Writes `doc` under `root`, creating its folder.
fn write_doc(root: &Path, doc: Doc) -> Result<(usize, Vec<Label>), String> {
    let path = root.join(&doc.path);
    let encoding = doc.encoding;
    let binary = doc.binary;
    let (text, labels) = doc.finish();
    let bytes = match encoding {
        _ if binary.is_some() => binary.map_or(Ok(Vec::new()), |build| build(&text))?,
        Encoding::Utf8 => text.into_bytes(),
        Encoding::Utf8Crlf => text.replace('\n', "\r\n").into_bytes(),
        Encoding::Utf16Le => {
            let crlf = text.replace('\n', "\r\n");
            [0xFF, 0xFE]
                .into_iter()
                .chain(crlf.encode_utf16().flat_map(u16::to_le_bytes))
                .collect()
        }
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((bytes.len(), labels))
}

// ---------------------------------------------------------------------------------------------
// The labelled corpus and the demo folder
// ---------------------------------------------------------------------------------------------

type Generate = fn(&mut Doc, &mut Fake);

/// The labelled files, in the order expected.jsonl lists them.
const CORE_FILES: &[(&str, Generate)] = &[
    ("core/app.log", app_log),
    ("core/access.log", access_log),
    ("core/bank_transfers.log", bank_transfers_log),
    ("core/payments.csv", payments_csv),
    ("core/refunds_eu.csv", refunds_csv),
    ("core/customers.csv", customers_csv),
    ("core/users.jsonl", users_jsonl),
    ("core/kyc_applicants.jsonl", kyc_jsonl),
    ("core/hr/employees.xml", employees_xml),
    ("core/config/production.env", production_env),
    ("core/config/settings.yaml", settings_yaml),
    ("core/config/aws_credentials", aws_credentials_ini),
    ("core/deploy/k8s-secrets.yaml", k8s_secrets_yaml),
    ("core/ops/key-rotation-2024.md", key_rotation_md),
    ("core/ops/ssh_keys_backup.txt", ssh_keys_backup),
    ("core/ops/pgp_keyring.asc", pgp_keyring),
    ("core/ops/vault_export.json", vault_export_json),
    ("core/ci/build-4821.log", ci_log),
    ("core/ops/powershell_transcript.txt", powershell_transcript),
    ("core/shell_history.txt", shell_history),
    ("core/support_tickets.txt", support_tickets),
    ("core/uk_referrals.txt", uk_referrals),
    ("core/chat_export.jsonl", chat_jsonl),
    ("core/docs/onboarding.md", onboarding_md),
    ("core/mail/outbox.mbox", outbox_mbox),
    ("core/analytics/events.jsonl", events_jsonl),
    ("core/inventory.csv", inventory_csv),
];

const SAMPLE_FILES: &[(&str, Generate)] = &[
    ("sample/app.log", sample_app_log),
    ("sample/customers.csv", sample_customers_csv),
    ("sample/.env", sample_env),
    ("sample/support_ticket.txt", sample_ticket),
];

fn labelled(root: &Path) -> Result<(), String> {
    for folder in ["core", "sample"] {
        let path = root.join(folder);
        if path.exists() {
            std::fs::remove_dir_all(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    let mut labels = Vec::new();
    let mut bytes = 0;
    let files = CORE_FILES
        .iter()
        .chain(credentials::FILES)
        .chain(national_ids::FILES)
        .chain(licences::FILES)
        .chain(finance_health::FILES)
        .chain(contact::FILES)
        .chain(structured::FILES);
    let file_count = files.clone().count();
    for (path, generate) in files {
        let mut doc = Doc::new(path);
        generate(&mut doc, &mut Fake::new(path));
        let (size, found) = write_doc(root, doc)?;
        bytes += size;
        labels.extend(found);
    }
    let (size, found) = containers::write_all(root)?;
    bytes += size;
    labels.extend(found);
    let mut per_detector: BTreeMap<&str, usize> = DETECTORS
        .iter()
        .chain(credentials::DETECTORS)
        .chain(national_ids::DETECTORS)
        .chain(licences::DETECTORS)
        .chain(finance_health::DETECTORS)
        .chain(contact::DETECTORS)
        .chain(structured::DETECTORS)
        .map(|d| (*d, 0))
        .collect();
    for label in &labels {
        *per_detector
            .get_mut(label.detector.as_str())
            .expect("planted detectors are in DETECTORS") += 1;
    }
    for (detector, count) in &per_detector {
        println!("{detector:<44} {count:>5}");
        if *count < MIN_PLANTED {
            return Err(format!(
                "only {count} values planted for {detector}; plant at least {MIN_PLANTED}"
            ));
        }
    }
    let mut expected = String::new();
    for label in &labels {
        expected.push_str(&serde_json::to_string(label).expect("labels serialise"));
        expected.push('\n');
    }
    let path = root.join("expected.jsonl");
    std::fs::write(&path, expected).map_err(|e| format!("{}: {e}", path.display()))?;
    println!(
        "core: {} files, {} KB, {} planted values → {}",
        file_count,
        bytes / 1024,
        labels.len(),
        path.display()
    );

    let mut sample_bytes = 0;
    for (path, generate) in SAMPLE_FILES {
        let mut doc = Doc::new(path);
        generate(&mut doc, &mut Fake::new(path));
        sample_bytes += write_doc(root, doc)?.0;
    }
    println!("sample: {} files, {} KB", SAMPLE_FILES.len(), sample_bytes / 1024);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Checksums
// ---------------------------------------------------------------------------------------------

fn digit_values(text: &str) -> Vec<u32> {
    text.chars().filter_map(|c| c.to_digit(10)).collect()
}

/// The digit that makes `payload` followed by it pass Luhn.
fn luhn_check_digit(payload: &[u32]) -> u32 {
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                if d > 4 { d * 2 - 9 } else { d * 2 }
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

fn luhn_valid(digits: &[u32]) -> bool {
    digits.len() >= 2 && luhn_check_digit(&digits[..digits.len() - 1]) == digits[digits.len() - 1]
}

/// Payment networks' issuer ranges and lengths, as the card detector knows them.
const CARD_RANGES: &[(u32, u32, &[usize])] = &[
    (4, 4, &[13, 16, 19]),
    (51, 55, &[16]),
    (2221, 2720, &[16]),
    (34, 34, &[15]),
    (37, 37, &[15]),
    (6011, 6011, &[16, 17, 18, 19]),
    (644, 649, &[16, 17, 18, 19]),
    (65, 65, &[16, 17, 18, 19]),
    (300, 305, &[14, 15, 16, 17, 18, 19]),
    (36, 36, &[14, 15, 16, 17, 18, 19]),
    (38, 39, &[14, 15, 16, 17, 18, 19]),
    (3528, 3589, &[16, 17, 18, 19]),
    (62, 62, &[16, 17, 18, 19]),
    (50, 50, &[12, 13, 14, 15, 16, 17, 18, 19]),
    (56, 69, &[12, 13, 14, 15, 16, 17, 18, 19]),
    (2200, 2204, &[16, 17, 18, 19]),
];

/// Whether a run of digits would be a payment card: used to keep decoy numbers clear of cards.
fn card_valid(digits: &[u32]) -> bool {
    let issued = CARD_RANGES.iter().any(|&(first, last, lengths)| {
        let width = first.ilog10() as usize + 1;
        let prefix = digits.iter().take(width).fold(0, |n, &d| n * 10 + d);
        lengths.contains(&digits.len()) && (first..=last).contains(&prefix)
    });
    issued && luhn_valid(digits)
}

/// IBAN check digits for `country` and `bban`: the two digits that leave remainder 1 mod 97.
fn iban_check_digits(country: &str, bban: &str) -> u32 {
    98 - iban_remainder(&format!("{bban}{country}00"))
}

fn iban_remainder(rearranged: &str) -> u32 {
    rearranged.chars().fold(0, |remainder, c| {
        let value = c.to_digit(36).expect("IBANs hold letters and digits");
        if value < 10 {
            (remainder * 10 + value) % 97
        } else {
            (remainder * 100 + value) % 97
        }
    })
}

fn iban_valid(iban: &str) -> bool {
    let compact: String = iban.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    compact.len() > 4 && iban_remainder(&format!("{}{}", &compact[4..], &compact[..4])) == 1
}

fn aba_check_digit(payload: &[u32]) -> u32 {
    let sum: u32 = payload.iter().zip([3, 7, 1].iter().cycle()).map(|(d, w)| d * w).sum();
    (10 - sum % 10) % 10
}

/// The NHS mod-11 check digit, or None when the payload can never be a valid number.
fn nhs_check_digit(payload: &[u32]) -> Option<u32> {
    let sum: u32 = payload.iter().zip((2..=10).rev()).map(|(d, w)| d * w).sum();
    match 11 - sum % 11 {
        10 => None,
        11 => Some(0),
        check => Some(check),
    }
}

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// GitHub's and npm's token checksum: CRC32 of the random part in base62, six characters.
fn base62_crc32(payload: &str) -> String {
    let mut n = crc32fast::hash(payload.as_bytes());
    let mut out = [b'0'; 6];
    for slot in out.iter_mut().rev() {
        *slot = BASE62[(n % 62) as usize];
        n /= 62;
    }
    String::from_utf8(out.to_vec()).expect("base62 is ASCII")
}

/// OpenPGP armor checksum (RFC 4880, 6.1).
fn crc24(data: &[u8]) -> u32 {
    let mut crc: u32 = 0xB7_04CE;
    for &byte in data {
        crc ^= u32::from(byte) << 16;
        for _ in 0..8 {
            crc <<= 1;
            if crc & 0x100_0000 != 0 {
                crc ^= 0x186_4CFB;
            }
        }
    }
    crc & 0xFF_FFFF
}

/// The generator's own check of each planted value, so that a slip here fails generation rather
/// than showing up as a detector's miss.
fn check_planted(detector: &str, value: &str) -> bool {
    if let Some(valid) = credentials::check_planted(detector, value)
        .or_else(|| national_ids::check_planted(detector, value))
        .or_else(|| licences::check_planted(detector, value))
        .or_else(|| finance_health::check_planted(detector, value))
        .or_else(|| contact::check_planted(detector, value))
    {
        return valid;
    }
    let digits = digit_values(value);
    match detector {
        CREDIT_CARD_NUMBER => card_valid(&digits),
        IBAN => iban_valid(value),
        USA_ROUTING_NUMBER => digits.len() == 9 && aba_check_digit(&digits[..8]) == digits[8],
        UK_NHS_NUMBER => digits.len() == 10 && nhs_check_digit(&digits[..9]) == Some(digits[9]),
        CANADA_SIN => digits.len() == 9 && luhn_valid(&digits),
        GITHUB_TOKEN | NPM_TOKEN => {
            let body = value.split_once('_').map_or("", |(_, body)| body);
            body.len() == 36 && base62_crc32(&body[..30]) == body[30..]
        }
        _ => true,
    }
}

// ---------------------------------------------------------------------------------------------
// Fake: a seeded source of realistic values
// ---------------------------------------------------------------------------------------------

const SEED: u64 = 0x7069_6973_6361_6e21;

struct Fake {
    rng: StdRng,
}

#[derive(Clone, Copy)]
struct Person {
    first: &'static str,
    last: &'static str,
}

impl Person {
    fn full(self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
    "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Daniel", "Nancy",
    "Matthew", "Emily", "Anthony", "Michelle", "Priya", "Wei", "Mohammed", "Fatima", "Hiroshi", "Yuki", "Olga",
    "Mateo", "Sofia", "Lucas", "Amara", "Chidi", "Aisha", "Liam", "Noah", "Emma", "Olivia", "Ava", "Ethan", "Mia",
    "Harper", "Oliver", "Amelia", "Siobhan", "Callum", "Niamh", "Rhys", "Eilidh", "Amit", "Ananya", "Jing", "Minh",
    "Camila", "Diego", "Valentina", "Luca", "Giulia", "Lukas", "Lena", "Jonas", "Sanne", "Pierre", "Chloe", "Zoe",
    "Kwame", "José", "Zoë", "Søren", "François", "Björn", "Inés", "Ingrid", "Tariq", "Mei",
];

#[rustfmt::skip]
const LAST_NAMES: &[&str] = &[
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez",
    "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen",
    "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall",
    "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Patel", "Shah", "Kim", "Park", "Chen", "Wang", "Tanaka",
    "Suzuki", "Okafor", "Mensah", "Kowalski", "Novak", "Müller", "Núñez", "Çelik", "Østergaard", "Schmidt", "Rossi",
    "Bianchi", "Dubois", "Lefebvre", "Jansen", "OBrien", "MacDonald", "Evans", "Hughes", "Davies", "Fraser",
];

#[rustfmt::skip]
const PERSONAL_DOMAINS: &[&str] = &[
    "gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "aol.com", "protonmail.com",
    "hotmail.co.uk", "btinternet.com", "shaw.ca", "rogers.com", "gmx.de", "web.de", "orange.fr", "comcast.net",
];

#[rustfmt::skip]
const COMPANY_DOMAINS: &[&str] = &[
    "acmecorp.io", "northwind-traders.com", "globex.com", "initech.net", "umbrella-health.org", "brightpath.co.uk",
    "bluefin-logistics.com", "contoso.co",
];

const US_CITIES: &[(&str, &str, &str)] = &[
    ("San Francisco", "CA", "94107"),
    ("Austin", "TX", "78701"),
    ("Brooklyn", "NY", "11201"),
    ("Chicago", "IL", "60614"),
    ("Seattle", "WA", "98109"),
    ("Denver", "CO", "80205"),
    ("Boston", "MA", "02116"),
    ("Atlanta", "GA", "30309"),
    ("Portland", "OR", "97209"),
    ("Miami", "FL", "33131"),
];

const UK_TOWNS: &[(&str, &str)] = &[
    ("Leeds", "LS1 4AP"),
    ("Manchester", "M1 2WD"),
    ("Bristol", "BS1 5TR"),
    ("Glasgow", "G2 3BZ"),
    ("Cardiff", "CF10 1EP"),
    ("Norwich", "NR1 3JU"),
    ("York", "YO1 7HH"),
    ("Brighton", "BN1 1AE"),
];

#[rustfmt::skip]
const STREETS: &[&str] = &[
    "High Street", "Station Road", "Church Lane", "Oak Avenue", "Maple Drive", "Market Street", "Mill Road",
    "Park View", "Elm Street", "Cedar Court", "Valencia St", "Mission St", "Congress Ave",
];

#[rustfmt::skip]
const US_AREA_CODES: &[u32] = &[
   
    201, 202, 206, 212, 213, 214, 303, 305, 310, 312, 404, 415, 425, 503, 512, 602, 617, 646, 702, 713, 718, 773, 858,
    917, 919, 971,
];

#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
];

const AWS_KEY_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const BASE64_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64URL_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const PASSWORD_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.!*";

impl Fake {
    fn new(name: &str) -> Fake {
        Fake {
            rng: StdRng::seed_from_u64(SEED ^ u64::from(crc32fast::hash(name.as_bytes()))),
        }
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    fn int(&mut self, range: std::ops::RangeInclusive<u64>) -> u64 {
        self.rng.random_range(range)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        *items.choose(&mut self.rng).expect("pick from a non-empty list")
    }

    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.rng.random_range(0..10u8)))
            .collect()
    }

    fn chars_from(&mut self, alphabet: &[u8], n: usize) -> String {
        (0..n)
            .map(|_| char::from(alphabet[self.rng.random_range(0..alphabet.len())]))
            .collect()
    }

    /// Random token text whose last character is a letter or digit, so that no word-boundary rule
    /// can make a planted value flaky (edge cases belong in the detectors' own examples).
    fn token(&mut self, alphabet: &[u8], n: usize) -> String {
        let mut text = self.chars_from(alphabet, n - 1);
        text.push(char::from(BASE62[self.rng.random_range(0..BASE62.len())]));
        text
    }

    fn alnum(&mut self, n: usize) -> String {
        self.chars_from(BASE62, n)
    }

    fn hex(&mut self, n: usize) -> String {
        self.chars_from(b"0123456789abcdef", n)
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.rng.random()).collect()
    }

    fn person(&mut self) -> Person {
        Person {
            first: self.pick(FIRST_NAMES),
            last: self.pick(LAST_NAMES),
        }
    }

    fn amount(&mut self) -> String {
        format!("{}.{:02}", self.int(5..=2400), self.int(0..=99))
    }

    // --- personal -----------------------------------------------------------------------------

    fn email_for(&mut self, person: Person) -> String {
        let first = ascii_fold(person.first);
        let last = ascii_fold(person.last);
        let local = match self.int(0..=6) {
            0 | 1 => format!("{first}.{last}"),
            2 => format!("{}{last}", &first[..1]),
            3 => format!("{first}_{last}{}", self.int(1..=99)),
            4 => format!("{first}{}", self.int(60..=99)),
            5 => format!("{first}.{last}+{}", self.pick(&["shop", "news", "billing", "work"])),
            _ => format!("{last}.{first}"),
        };
        let domain = if self.chance(0.7) {
            self.pick(PERSONAL_DOMAINS)
        } else {
            self.pick(COMPANY_DOMAINS)
        };
        format!("{local}@{domain}")
    }

    fn email(&mut self) -> String {
        let person = self.person();
        self.email_for(person)
    }

    fn work_email(&mut self, person: Person, domain: &str) -> String {
        format!("{}.{}@{domain}", ascii_fold(person.first), ascii_fold(person.last))
    }

    /// Area, exchange and line of a North American number that follows the numbering plan.
    fn nanp(&mut self) -> (u32, u32, u32) {
        let area = self.pick(US_AREA_CODES);
        let exchange = loop {
            let exchange = self.int(201..=989) as u32;
            if exchange % 100 != 11 && exchange != 555 {
                break exchange;
            }
        };
        (area, exchange, self.int(0..=9999) as u32)
    }

    /// A US number as people write it; needs a keyword such as "phone" to be a finding.
    fn phone_us(&mut self) -> String {
        let (a, e, l) = self.nanp();
        match self.int(0..=5) {
            0 | 1 => format!("({a}) {e}-{l:04}"),
            2 => format!("{a}-{e}-{l:04}"),
            3 => format!("{a}.{e}.{l:04}"),
            4 => format!("{a}{e}{l:04}"),
            _ => format!("+1 {a} {e} {l:04}"),
        }
    }

    /// A number with its country code, a finding without any keyword.
    fn phone_intl(&mut self) -> String {
        match self.int(0..=12) {
            0 | 1 => {
                let (a, e, l) = self.nanp();
                format!("+1 {a} {e} {l:04}")
            }
            2 => {
                let (a, e, l) = self.nanp();
                format!("+1{a}{e}{l:04}")
            }
            3 => format!("+44 20 7{} {}", self.digits(3), self.digits(4)),
            4 => format!("+44 7{} {}", self.int(400..=999), self.digits(6)),
            5 => format!("+447{}{}", self.int(400..=999), self.digits(6)),
            6 => format!("+49 30 {}", self.int(20_000_000..=99_999_999)),
            7 => format!("+49 151 {}", self.int(20_000_000..=99_999_999)),
            8 => format!(
                "+33 6 {} {} {} {}",
                self.digits(2),
                self.digits(2),
                self.digits(2),
                self.digits(2)
            ),
            9 => format!("+61 4{} {} {}", self.digits(2), self.digits(3), self.digits(3)),
            10 => format!("+91 9{} {}", self.digits(4), self.int(10_000..=99_999)),
            11 => format!("+81 3-{}-{}", self.int(1000..=9999), self.digits(4)),
            _ => format!("+353 87 {} {}", self.int(100..=999), self.digits(4)),
        }
    }

    /// A number with its country code, as customers in `country` (ISO code) give it.
    fn phone_in(&mut self, country: &str) -> String {
        match country {
            "GB" => self.uk_phone(),
            "CA" => self.ca_phone(),
            "DE" => format!(
                "+49 {} {}",
                self.pick(&["30", "40", "89", "151", "170"]),
                self.int(2_000_000..=99_999_999)
            ),
            "FR" => format!(
                "+33 {} {} {} {} {}",
                self.pick(&[1, 6, 7]),
                self.digits(2),
                self.digits(2),
                self.digits(2),
                self.digits(2)
            ),
            _ => {
                let (a, e, l) = self.nanp();
                if self.chance(0.6) {
                    format!("+1 {a} {e} {l:04}")
                } else {
                    format!("+1{a}{e}{l:04}")
                }
            }
        }
    }

    fn city_in(&mut self, country: &str) -> &'static str {
        match country {
            "GB" => self.pick(UK_TOWNS).0,
            "CA" => self.pick(&["Toronto", "Vancouver", "Montreal", "Calgary"]),
            "DE" => self.pick(&["Berlin", "Hamburg", "Munich", "Cologne"]),
            "FR" => self.pick(&["Paris", "Lyon", "Marseille", "Lille"]),
            _ => self.pick(US_CITIES).0,
        }
    }

    fn uk_phone(&mut self) -> String {
        match self.int(0..=2) {
            0 => format!("+44 113 496 {}", self.digits(4)),
            1 => format!("+44 7700 9{}", self.digits(5)),
            _ => format!("+44 20 7{} {}", self.digits(3), self.digits(4)),
        }
    }

    fn ca_phone(&mut self) -> String {
        let area = self.pick(&[416u32, 604, 514, 403, 613, 780, 905]);
        format!("+1 {area} {} {}", self.int(201..=989), self.digits(4))
    }

    /// A date of birth in one of the forms people and programs write.
    fn birth_date(&mut self) -> String {
        let (y, m, d) = (self.int(1941..=2004), self.int(1..=12) as usize, self.int(1..=28));
        match self.int(0..=6) {
            0 | 1 => format!("{y}-{m:02}-{d:02}"),
            2 | 3 => format!("{m:02}/{d:02}/{y}"),
            4 => format!("{d:02}/{m:02}/{y}"),
            5 => format!("{} {d}, {y}", MONTHS[m - 1]),
            _ => format!("{d} {} {y}", &MONTHS[m - 1][..3]),
        }
    }

    fn ssn(&mut self) -> String {
        let (area, group, serial) = loop {
            let area = self.int(1..=899);
            let (group, serial) = (self.int(1..=99), self.int(1..=9999));
            if area != 666 && (area, group, serial) != (78, 5, 1120) && (area, group, serial) != (219, 9, 9999) {
                break (area, group, serial);
            }
        };
        match self.int(0..=7) {
            0..=4 => format!("{area:03}-{group:02}-{serial:04}"),
            5 => format!("{area:03} {group:02} {serial:04}"),
            _ => format!("{area:03}{group:02}{serial:04}"),
        }
    }

    fn itin(&mut self) -> String {
        let area = self.int(900..=999);
        let group = self.pick(&[
            50u64, 51, 52, 53, 55, 58, 60, 63, 65, 70, 71, 72, 75, 78, 80, 83, 85, 88, 90, 92, 94, 96, 99,
        ]);
        let serial = self.int(1..=9999);
        match self.int(0..=5) {
            0..=3 => format!("{area}-{group}-{serial:04}"),
            4 => format!("{area} {group} {serial:04}"),
            _ => format!("{area}{group}{serial:04}"),
        }
    }

    fn sin(&mut self) -> String {
        let mut digits = vec![self.pick(&[1u32, 2, 3, 4, 5, 6, 7, 9])];
        digits.extend((0..7).map(|_| self.int(0..=9) as u32));
        digits.push(luhn_check_digit(&digits));
        let s: String = digits
            .iter()
            .map(|d| char::from_digit(*d, 10).expect("a digit"))
            .collect();
        match self.int(0..=3) {
            0 | 1 => format!("{} {} {}", &s[..3], &s[3..6], &s[6..]),
            2 => format!("{}-{}-{}", &s[..3], &s[3..6], &s[6..]),
            _ => s,
        }
    }

    fn nino(&mut self) -> String {
        let (first, second) = loop {
            let first = self.pick(b"ABCEGHJKLMNOPRSTWXYZ");
            let second = self.pick(b"ABCEGHJKLMNPRSTWXYZ");
            if !matches!(&[first, second], b"BG" | b"GB" | b"NK" | b"KN" | b"TN" | b"NT" | b"ZZ") {
                break (char::from(first), char::from(second));
            }
        };
        let d = self.digits(6);
        let suffix = self.pick(&['A', 'B', 'C', 'D']);
        if self.chance(0.5) {
            format!("{first}{second} {} {} {} {suffix}", &d[..2], &d[2..4], &d[4..])
        } else {
            format!("{first}{second}{d}{suffix}")
        }
    }

    fn nhs_number(&mut self) -> String {
        let digits = loop {
            let mut digits = vec![self.pick(&[4u32, 6, 7])];
            digits.extend((0..8).map(|_| self.int(0..=9) as u32));
            if let Some(check) = nhs_check_digit(&digits) {
                digits.push(check);
                break digits;
            }
        };
        let s: String = digits
            .iter()
            .map(|d| char::from_digit(*d, 10).expect("a digit"))
            .collect();
        match self.int(0..=3) {
            0 | 1 => format!("{} {} {}", &s[..3], &s[3..6], &s[6..]),
            2 => format!("{}-{}-{}", &s[..3], &s[3..6], &s[6..]),
            _ => s,
        }
    }

    // --- financial ----------------------------------------------------------------------------

    /// Card digits: issuer prefix, random middle, Luhn check digit.
    fn card_digits(&mut self) -> Vec<u32> {
        let (prefix, length): (u32, usize) = match self.int(0..=19) {
            0..=6 => (4, if self.chance(0.9) { 16 } else { 19 }),
            7..=9 => (self.int(51..=55) as u32, 16),
            10 => (self.int(2221..=2720) as u32, 16),
            11 | 12 => (self.pick(&[34, 37]), 15),
            13 => (6011, 16),
            14 => (self.pick(&[65, 644, 647]), 16),
            15 => (self.int(3528..=3589) as u32, 16),
            16 => (36, 14),
            17 => (62, 16),
            18 => (4, 13),
            _ => (self.int(2200..=2204) as u32, 16),
        };
        let mut digits = digit_values(&prefix.to_string());
        while digits.len() < length - 1 {
            digits.push(self.int(0..=9) as u32);
        }
        digits.push(luhn_check_digit(&digits));
        digits
    }

    /// Card digits written as people do: unbroken, or grouped by spaces or dashes.
    fn format_card(&mut self, digits: &[u32]) -> String {
        let s: String = digits
            .iter()
            .map(|d| char::from_digit(*d, 10).expect("a digit"))
            .collect();
        let groups: &[usize] = match s.len() {
            15 | 14 => &[4, 10],
            19 => &[4, 8, 12, 16],
            16 => &[4, 8, 12],
            _ => &[],
        };
        let separator = match self.int(0..=4) {
            0 | 1 => return s,
            2 | 3 => ' ',
            _ => '-',
        };
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if groups.contains(&i) {
                out.push(separator);
            }
            out.push(c);
        }
        out
    }

    fn card(&mut self) -> String {
        let digits = self.card_digits();
        self.format_card(&digits)
    }

    fn iban(&mut self, grouped: bool) -> String {
        let (country, spec) = self.pick(IBAN_COUNTRIES);
        let bban = self.bban(country, spec);
        let check = iban_check_digits(country, &bban);
        let compact = format!("{country}{check:02}{bban}");
        if grouped { group4(&compact) } else { compact }
    }

    /// A BBAN following the registry notation (`8!n` eight digits, `4!a` four capitals, `12!c`
    /// twelve of either), with real-looking bank codes where the country uses letters.
    fn bban(&mut self, country: &str, spec: &str) -> String {
        let mut out = String::new();
        for part in spec.split_inclusive(['n', 'a', 'c']) {
            let count: usize = part[..part.len() - 2].parse().expect("BBAN specs are well formed");
            match part.as_bytes()[part.len() - 1] {
                b'n' => out.push_str(&self.digits(count)),
                b'a' if count == 4 => out.push_str(self.pick(bank_codes(country))),
                b'a' => out.push_str(&self.chars_from(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", count)),
                _ => {
                    for _ in 0..count {
                        let c = if self.chance(0.85) {
                            self.digits(1)
                        } else {
                            self.chars_from(b"ABCDEFGHJKLMNPRSTUVWXYZ", 1)
                        };
                        out.push_str(&c);
                    }
                }
            }
        }
        out
    }

    fn bic(&mut self) -> String {
        self.pick(&[
            "DEUTDEFF",
            "COBADEFFXXX",
            "NWBKGB2L",
            "BARCGB22",
            "BNPAFRPP",
            "INGBNL2A",
            "ABNANL2A",
            "BSCHESMM",
            "UNCRITMM",
            "AIBKIE2D",
        ])
        .to_string()
    }

    fn routing_number(&mut self) -> String {
        let prefix = self.pick(&[
            1u32, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 61, 63, 65, 67,
            71, 80,
        ]);
        let mut digits = vec![prefix / 10, prefix % 10];
        digits.extend((0..6).map(|_| self.int(0..=9) as u32));
        digits.push(aba_check_digit(&digits));
        digits
            .iter()
            .map(|d| char::from_digit(*d, 10).expect("a digit"))
            .collect()
    }

    // --- credentials --------------------------------------------------------------------------

    fn aws_access_key_id(&mut self) -> String {
        let prefix = if self.chance(0.85) { "AKIA" } else { "ASIA" };
        format!("{prefix}{}", self.chars_from(AWS_KEY_ALPHABET, 16))
    }

    fn aws_secret_key(&mut self) -> String {
        loop {
            let key = self.token(BASE64_ALPHABET, 40);
            let has = |f: fn(&char) -> bool| key.chars().any(|c| f(&c));
            if has(char::is_ascii_digit) && has(char::is_ascii_uppercase) && has(char::is_ascii_lowercase) {
                return key;
            }
        }
    }

    fn gcp_api_key(&mut self) -> String {
        format!("AIzaSy{}", self.token(BASE64URL_ALPHABET, 33))
    }

    fn github_token(&mut self) -> String {
        let prefix = self.pick(&["ghp_", "ghp_", "ghp_", "gho_", "ghs_", "ghu_"]);
        let body = self.alnum(30);
        format!("{prefix}{body}{}", base62_crc32(&body))
    }

    fn npm_token(&mut self) -> String {
        let body = self.alnum(30);
        format!("npm_{body}{}", base62_crc32(&body))
    }

    fn gitlab_token(&mut self) -> String {
        format!("glpat-{}", self.token(BASE64URL_ALPHABET, 20))
    }

    fn slack_token(&mut self) -> String {
        let team = format!("{}{}", self.int(1..=9), self.digits(10));
        if self.chance(0.6) {
            format!("xoxb-{team}-{}{}-{}", self.int(1..=9), self.digits(12), self.alnum(24))
        } else {
            format!(
                "xoxp-{team}-{}{}-{}{}-{}",
                self.int(1..=9),
                self.digits(11),
                self.int(1..=9),
                self.digits(12),
                self.hex(32)
            )
        }
    }

    fn slack_webhook(&mut self) -> String {
        const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        format!(
            "https://hooks.slack.com/services/T{}/B{}/{}",
            self.chars_from(UPPER, 8),
            self.chars_from(UPPER, 10),
            self.alnum(24)
        )
    }

    fn stripe_key(&mut self) -> String {
        if self.chance(0.5) {
            format!("sk_live_{}", self.alnum(24))
        } else {
            format!("sk_live_51{}", self.alnum(97))
        }
    }

    fn sendgrid_key(&mut self) -> String {
        format!(
            "SG.{}.{}",
            self.token(BASE64URL_ALPHABET, 22),
            self.token(BASE64URL_ALPHABET, 43)
        )
    }

    fn jwt(&mut self) -> String {
        let (header, signature_len) = match self.int(0..=2) {
            0 => (r#"{"alg":"HS256","typ":"JWT"}"#.to_string(), 32),
            1 => (
                format!(r#"{{"alg":"RS256","typ":"JWT","kid":"{}"}}"#, self.hex(16)),
                256,
            ),
            _ => (r#"{"typ":"JWT","alg":"ES256"}"#.to_string(), 64),
        };
        let issued = 1_709_251_200 + self.int(0..=2_000_000);
        let payload = format!(
            r#"{{"sub":"usr_{}","iss":"https://auth.acmecorp.io/","aud":"{}","iat":{issued},"exp":{},"scope":"{}"}}"#,
            self.hex(12),
            self.pick(&["storefront-api", "mobile-app", "billing"]),
            issued + 3600,
            self.pick(&["orders:read", "orders:read orders:write", "profile", "admin"])
        );
        loop {
            let signature = URL_SAFE_NO_PAD.encode(self.bytes(signature_len));
            if signature.ends_with(|c: char| c.is_ascii_alphanumeric()) {
                return format!(
                    "{}.{}.{signature}",
                    URL_SAFE_NO_PAD.encode(header),
                    URL_SAFE_NO_PAD.encode(payload)
                );
            }
        }
    }

    fn basic_credential(&mut self) -> String {
        let user = self.pick(&[
            "admin",
            "svc-reporting",
            "api",
            "jenkins",
            "grafana",
            "backup",
            "partner-sync",
            "metrics",
        ]);
        let password = self.password();
        STANDARD.encode(format!("{user}:{password}"))
    }

    fn password(&mut self) -> String {
        let n = self.int(14..=24) as usize;
        self.token(PASSWORD_ALPHABET, n)
    }

    /// A connection string or URL with a user and a planted password.
    fn url_with_credentials(&mut self) -> String {
        let password = self.password();
        let (scheme, user, host, rest) = match self.int(0..=8) {
            0 => (
                "postgres",
                "app_rw",
                "payments-db.cluster-c9akciq32.us-east-1.rds.amazonaws.com",
                ":5432/orders",
            ),
            1 => (
                "postgresql",
                "analytics",
                "10.20.3.14",
                ":5432/warehouse?sslmode=require",
            ),
            2 => ("mysql", "wordpress", "mysql-primary.internal", ":3306/wp_prod"),
            3 => (
                "mongodb+srv",
                "reporting",
                "cluster0.ab1cd.mongodb.net",
                "/prod?retryWrites=true&w=majority",
            ),
            4 => ("redis", "default", "redis-cache.prod.svc.cluster.local", ":6379/0"),
            5 => ("amqp", "orders", "rabbitmq.internal", ":5672/%2Fprod"),
            6 => ("https", "deploy", "nexus.acmecorp.io", "/repository/maven-releases/"),
            7 => ("postgres", "billing", "db-prod-01.internal", ":5432/billing"),
            _ => ("ftp", "upload", "ftp.partner-bank.com", "/inbound/"),
        };
        format!("{scheme}://{user}:{}@{host}{rest}", plant(URL_CREDENTIALS, &password))
    }

    fn pkcs_key(&mut self) -> String {
        let (label, der) = match self.int(0..=5) {
            0 | 1 => ("PRIVATE KEY", self.der(PKCS8_RSA_HEAD, 1217)),
            2 => ("PRIVATE KEY", self.ec_der(PKCS8_EC_HEAD, PKCS8_EC_MIDDLE)),
            3 => ("RSA PRIVATE KEY", self.der(PKCS1_RSA_HEAD, 1192)),
            4 => ("EC PRIVATE KEY", self.ec_der(SEC1_EC_HEAD, SEC1_EC_MIDDLE)),
            _ => ("ENCRYPTED PRIVATE KEY", self.der(PKCS8_ENCRYPTED_HEAD, 1298)),
        };
        armor(label, &STANDARD.encode(der), 64)
    }

    fn der(&mut self, head: &[u8], len: usize) -> Vec<u8> {
        let mut der = head.to_vec();
        der.extend(self.bytes(len - head.len()));
        der
    }

    fn ec_der(&mut self, head: &[u8], middle: &[u8]) -> Vec<u8> {
        let mut der = head.to_vec();
        der.extend(self.bytes(32));
        der.extend(middle);
        der.extend(self.bytes(64));
        der
    }

    fn openssh_key(&mut self) -> String {
        let comment = format!(
            "{}@{}",
            self.pick(&["deploy", "ubuntu", "ci", "backup", "root", "git"]),
            self.pick(&["jumpbox-01", "build-agent-3", "laptop-mk", "db-replica", "bastion"])
        );
        let public = self.bytes(32);
        let check = self.bytes(4);
        let mut blob = b"openssh-key-v1\0".to_vec();
        for field in [&b"none"[..], b"none", b""] {
            ssh_string(&mut blob, field);
        }
        blob.extend(1u32.to_be_bytes());
        let mut public_key = Vec::new();
        ssh_string(&mut public_key, b"ssh-ed25519");
        ssh_string(&mut public_key, &public);
        ssh_string(&mut blob, &public_key);
        let mut private = Vec::new();
        private.extend(&check);
        private.extend(&check);
        ssh_string(&mut private, b"ssh-ed25519");
        ssh_string(&mut private, &public);
        let mut secret = self.bytes(32);
        secret.extend(&public);
        ssh_string(&mut private, &secret);
        ssh_string(&mut private, comment.as_bytes());
        let mut pad = 1;
        while private.len() % 8 != 0 {
            private.push(pad);
            pad += 1;
        }
        ssh_string(&mut blob, &private);
        armor("OPENSSH PRIVATE KEY", &STANDARD.encode(blob), 70)
    }

    fn pgp_key(&mut self, comment: Option<&str>) -> String {
        // A secret-key packet (tag 5, EdDSA) followed by the rest of a small keyring.
        let mut packet = vec![0x94, 0x58, 0x04];
        packet.extend(((1_600_000_000 + self.int(0..=100_000_000)) as u32).to_be_bytes());
        packet.extend([
            0x16, 0x09, 0x2b, 0x06, 0x01, 0x04, 0x01, 0xda, 0x47, 0x0f, 0x01, 0x01, 0x07, 0x40,
        ]);
        let rest = self.int(420..=700) as usize;
        packet.extend(self.bytes(rest));
        let body = STANDARD.encode(&packet);
        let checksum = STANDARD.encode(&crc24(&packet).to_be_bytes()[1..]);
        let mut out = String::from("-----BEGIN PGP PRIVATE KEY BLOCK-----\n");
        if let Some(comment) = comment {
            let _ = writeln!(out, "Comment: {comment}");
        }
        out.push('\n');
        for chunk in body.as_bytes().chunks(64) {
            out.push_str(std::str::from_utf8(chunk).expect("base64 is ASCII"));
            out.push('\n');
        }
        let _ = write!(out, "={checksum}\n-----END PGP PRIVATE KEY BLOCK-----");
        out
    }

    fn putty_key(&mut self) -> String {
        let date = format!("20{}{:02}{:02}", self.int(18..=24), self.int(1..=12), self.int(1..=28));
        match self.int(0..=3) {
            0 | 1 => {
                let mut public = Vec::new();
                ssh_string(&mut public, b"ssh-ed25519");
                ssh_string(&mut public, &self.bytes(32));
                let mut private = Vec::new();
                ssh_string(&mut private, &self.bytes(32));
                format!(
                    "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: eddsa-key-{date}\n{}{}Private-MAC: {}",
                    putty_lines("Public", &public),
                    putty_lines("Private", &private),
                    self.hex(64)
                )
            }
            2 => {
                let mut public = Vec::new();
                ssh_string(&mut public, b"ssh-ed25519");
                ssh_string(&mut public, &self.bytes(32));
                let private = self.bytes(48);
                format!(
                    "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: aes256-cbc\nComment: eddsa-key-{date}\n{}Key-Derivation: Argon2id\nArgon2-Memory: 8192\nArgon2-Passes: {}\nArgon2-Parallelism: 1\nArgon2-Salt: {}\n{}Private-MAC: {}",
                    putty_lines("Public", &public),
                    self.int(8..=34),
                    self.hex(32),
                    putty_lines("Private", &private),
                    self.hex(64)
                )
            }
            _ => {
                let mut public = Vec::new();
                ssh_string(&mut public, b"ssh-rsa");
                ssh_string(&mut public, &[1, 0, 1]);
                let mut modulus = vec![0];
                modulus.extend(self.bytes(256));
                ssh_string(&mut public, &modulus);
                let private = self.bytes(660);
                format!(
                    "PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: rsa-key-{date}\n{}{}Private-MAC: {}",
                    putty_lines("Public", &public),
                    putty_lines("Private", &private),
                    self.hex(40)
                )
            }
        }
    }

    // --- decoys: same shapes as findings, never findings -------------------------------------

    /// A card-shaped number with a real issuer prefix and a Luhn check that fails.
    fn decoy_card(&mut self) -> String {
        let mut digits = self.card_digits();
        let last = digits.len() - 1;
        digits[last] = (digits[last] + self.int(1..=9) as u32) % 10;
        assert!(!card_valid(&digits));
        self.format_card(&digits)
    }

    /// An IBAN with the wrong check digits.
    fn decoy_iban(&mut self) -> String {
        let (country, spec) = self.pick(IBAN_COUNTRIES);
        let bban = self.bban(country, spec);
        let good = iban_check_digits(country, &bban);
        let bad = loop {
            let bad = self.int(2..=98) as u32;
            if bad != good {
                break bad;
            }
        };
        let iban = format!("{country}{bad:02}{bban}");
        assert!(!iban_valid(&iban));
        if self.chance(0.5) { group4(&iban) } else { iban }
    }

    /// A routing-number-shaped value whose 3-7-1 checksum fails.
    fn decoy_routing(&mut self) -> String {
        let good = self.routing_number();
        let mut digits = digit_values(&good);
        digits[8] = (digits[8] + self.int(1..=9) as u32) % 10;
        digits
            .iter()
            .map(|d| char::from_digit(*d, 10).expect("a digit"))
            .collect()
    }

    fn decoy_nhs(&mut self) -> String {
        let good = self.nhs_number();
        let mut digits = digit_values(&good);
        digits[9] = (digits[9] + self.int(1..=9) as u32) % 10;
        assert!(nhs_check_digit(&digits[..9]) != Some(digits[9]));
        let s: String = digits
            .iter()
            .map(|d| char::from_digit(*d, 10).expect("a digit"))
            .collect();
        format!("{} {} {}", &s[..3], &s[3..6], &s[6..])
    }

    fn decoy_sin(&mut self) -> String {
        let good = self.sin();
        let mut digits = digit_values(&good);
        digits[8] = (digits[8] + self.int(1..=9) as u32) % 10;
        let s: String = digits
            .iter()
            .map(|d| char::from_digit(*d, 10).expect("a digit"))
            .collect();
        format!("{} {} {}", &s[..3], &s[3..6], &s[6..])
    }

    /// A GitHub-token-shaped string whose CRC32 checksum is wrong (as in docs and fake configs).
    fn decoy_github_token(&mut self) -> String {
        let body = self.alnum(30);
        let good = base62_crc32(&body);
        let bad = loop {
            let bad = self.alnum(6);
            if bad != good {
                break bad;
            }
        };
        format!("ghp_{body}{bad}")
    }

    fn decoy_npm_token(&mut self) -> String {
        let body = self.alnum(30);
        let good = base62_crc32(&body);
        let bad = loop {
            let bad = self.alnum(6);
            if bad != good {
                break bad;
            }
        };
        format!("npm_{body}{bad}")
    }

    /// A run of `len` digits that is no payment card (order numbers, trace numbers, ids).
    fn number(&mut self, len: usize) -> String {
        loop {
            let mut s = self.int(1..=9).to_string();
            s.push_str(&self.digits(len - 1));
            if !card_valid(&digit_values(&s)) {
                return s;
            }
        }
    }

    /// Three-two-four digits, as SSNs are written; only a decoy where no SSN keyword is near.
    fn ssn_shaped(&mut self) -> String {
        format!("{}-{}-{}", self.int(100..=899), self.digits(2), self.digits(4))
    }

    fn uuid(&mut self) -> String {
        let h = self.hex(32);
        format!(
            "{}-{}-4{}-{}{}-{}",
            &h[..8],
            &h[8..12],
            &h[13..16],
            self.pick(&['8', '9', 'a', 'b']),
            &h[17..20],
            &h[20..]
        )
    }

    fn ipv4(&mut self) -> String {
        match self.int(0..=3) {
            0 => format!("10.{}.{}.{}", self.int(0..=255), self.int(0..=255), self.int(1..=254)),
            1 => format!("192.168.{}.{}", self.int(0..=255), self.int(1..=254)),
            _ => format!(
                "{}.{}.{}.{}",
                self.pick(&[23u64, 34, 52, 66, 73, 81, 98, 104, 142, 172, 185, 203]),
                self.int(0..=255),
                self.int(0..=255),
                self.int(1..=254)
            ),
        }
    }

    fn version(&mut self) -> String {
        format!("{}.{}.{}", self.int(0..=12), self.int(0..=40), self.int(0..=30))
    }

    fn isbn13(&mut self) -> String {
        let mut digits = vec![9, 7, self.pick(&[8u32, 9])];
        digits.extend((0..9).map(|_| self.int(0..=9) as u32));
        let sum: u32 = digits
            .iter()
            .enumerate()
            .map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 })
            .sum();
        digits.push((10 - sum % 10) % 10);
        let s: String = digits
            .iter()
            .map(|d| char::from_digit(*d, 10).expect("a digit"))
            .collect();
        format!("{}-{}-{}-{}-{}", &s[..3], &s[3..4], &s[4..8], &s[8..12], &s[12..])
    }

    /// An EAN-13 with its GS1 check digit, never one that would also be a card number.
    fn gtin13(&mut self) -> String {
        loop {
            let mut digits = digit_values(self.pick(&["50", "40", "76", "87", "00", "03"]));
            digits.extend((0..10).map(|_| self.int(0..=9) as u32));
            let sum: u32 = digits
                .iter()
                .enumerate()
                .map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 })
                .sum();
            digits.push((10 - sum % 10) % 10);
            if !card_valid(&digits) {
                return digits
                    .iter()
                    .map(|d| char::from_digit(*d, 10).expect("a digit"))
                    .collect();
            }
        }
    }

    fn base64_blob(&mut self, bytes: usize) -> String {
        STANDARD.encode(self.bytes(bytes))
    }

    fn certificate(&mut self) -> String {
        let mut der = vec![
            0x30, 0x82, 0x02, 0x1c, 0x30, 0x82, 0x01, 0xc2, 0xa0, 0x03, 0x02, 0x01, 0x02, 0x02, 0x14,
        ];
        der.extend(self.bytes(528));
        armor("CERTIFICATE", &STANDARD.encode(der), 64)
    }

    fn public_key_pem(&mut self) -> String {
        let mut der = vec![
            0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48,
            0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04,
        ];
        der.extend(self.bytes(64));
        armor("PUBLIC KEY", &STANDARD.encode(der), 64)
    }

    fn ssh_public_key(&mut self, comment: &str) -> String {
        let mut blob = Vec::new();
        ssh_string(&mut blob, b"ssh-ed25519");
        ssh_string(&mut blob, &self.bytes(32));
        format!("ssh-ed25519 {} {comment}", STANDARD.encode(blob))
    }

    // --- filler -------------------------------------------------------------------------------

    fn user_agent(&mut self) -> &'static str {
        self.pick(&[
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.6261.105 Mobile Safari/537.36",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "curl/8.4.0",
            "python-requests/2.31.0",
            "okhttp/4.12.0",
            "Go-http-client/2.0",
            "kube-probe/1.29",
        ])
    }

    fn sku(&mut self) -> String {
        format!(
            "SKU-{}-{}",
            self.int(1000..=9999),
            self.pick(&["XS", "S", "M", "L", "XL", "BLK", "WHT", "RED"])
        )
    }
}

/// Registry BBAN formats of the countries the corpus uses.
const IBAN_COUNTRIES: &[(&str, &str)] = &[
    ("DE", "8!n10!n"),
    ("GB", "4!a6!n8!n"),
    ("FR", "5!n5!n11!c2!n"),
    ("ES", "4!n4!n1!n1!n10!n"),
    ("IT", "1!a5!n5!n12!c"),
    ("NL", "4!a10!n"),
    ("BE", "3!n7!n2!n"),
    ("CH", "5!n12!c"),
    ("AT", "5!n11!n"),
    ("PL", "8!n16!n"),
    ("IE", "4!a6!n8!n"),
    ("PT", "4!n4!n11!n2!n"),
    ("SE", "3!n16!n1!n"),
    ("DK", "4!n9!n1!n"),
    ("FI", "3!n11!n"),
    ("NO", "4!n6!n1!n"),
    ("LU", "3!n13!c"),
    ("CZ", "4!n6!n10!n"),
    ("HR", "7!n10!n"),
    ("GR", "3!n4!n16!c"),
    ("RO", "4!a16!c"),
    ("AE", "3!n16!n"),
    ("SA", "2!n18!c"),
    ("TR", "5!n1!n16!c"),
    ("MT", "4!a5!n18!c"),
];

fn bank_codes(country: &str) -> &'static [&'static str] {
    match country {
        "GB" => &["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "MONZ"],
        "IE" => &["AIBK", "BOFI", "IPBS"],
        "NL" => &["ABNA", "INGB", "RABO", "TRIO", "BUNQ"],
        "RO" => &["BTRL", "RNCB", "BRDE"],
        "MT" => &["MALT", "VALL"],
        _ => &["BANK"],
    }
}

/// A name as it appears in an address: lower case, accents dropped (José Núñez → jose, nunez).
fn ascii_fold(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'ø' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            other => other,
        })
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

fn group4(compact: &str) -> String {
    let mut out = String::new();
    for (i, c) in compact.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

const PKCS8_RSA_HEAD: &[u8] = &[
    0x30, 0x82, 0x04, 0xbd, 0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01,
    0x01, 0x05, 0x00, 0x04, 0x82, 0x04, 0xa7, 0x30, 0x82, 0x04, 0xa3, 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00,
];
const PKCS1_RSA_HEAD: &[u8] = &[0x30, 0x82, 0x04, 0xa4, 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00];
const PKCS8_ENCRYPTED_HEAD: &[u8] = &[
    0x30, 0x82, 0x05, 0x0e, 0x30, 0x40, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d,
];
const PKCS8_EC_HEAD: &[u8] = &[
    0x30, 0x81, 0x87, 0x02, 0x01, 0x00, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08,
    0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x04, 0x6d, 0x30, 0x6b, 0x02, 0x01, 0x01, 0x04, 0x20,
];
const PKCS8_EC_MIDDLE: &[u8] = &[0xa1, 0x44, 0x03, 0x42, 0x00, 0x04];
const SEC1_EC_HEAD: &[u8] = &[0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20];
const SEC1_EC_MIDDLE: &[u8] = &[
    0xa0, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0xa1, 0x44, 0x03, 0x42, 0x00, 0x04,
];

/// PEM armor: `-----BEGIN label-----`, base64 lines of `width`, `-----END label-----` (no final newline).
fn armor(label: &str, base64: &str, width: usize) -> String {
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in base64.as_bytes().chunks(width) {
        out.push_str(std::str::from_utf8(chunk).expect("base64 is ASCII"));
        out.push('\n');
    }
    let _ = write!(out, "-----END {label}-----");
    out
}

/// An SSH wire-format string: a big-endian length, then the bytes.
fn ssh_string(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend((bytes.len() as u32).to_be_bytes());
    out.extend(bytes);
}

/// A PuTTY key file section: `Public-Lines: N` then the base64 lines, each line ended.
fn putty_lines(name: &str, blob: &[u8]) -> String {
    let encoded = STANDARD.encode(blob);
    let lines: Vec<&str> = encoded
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).expect("base64 is ASCII"))
        .collect();
    format!("{name}-Lines: {}\n{}\n", lines.len(), lines.join("\n"))
}

/// Prefixes every line after the first with `indent` (YAML block scalars).
fn indent(text: &str, indent: &str) -> String {
    text.replace('\n', &format!("\n{indent}"))
}

/// A line with a JSON string escaped for embedding (newlines become `\n`).
fn json_escaped(text: &str) -> String {
    let quoted = serde_json::to_string(text).expect("strings serialise");
    quoted[1..quoted.len() - 1].to_string()
}

// ---------------------------------------------------------------------------------------------
// Time
// ---------------------------------------------------------------------------------------------

/// 2024-03-01T00:00:00Z.
const BASE_EPOCH_MS: i64 = 1_709_251_200_000;

/// A moving timestamp for log lines.
struct Clock {
    ms: i64,
}

impl Clock {
    fn new(f: &mut Fake) -> Clock {
        Clock {
            ms: BASE_EPOCH_MS + f.int(0..=20 * 86_400_000) as i64,
        }
    }

    fn tick(&mut self, f: &mut Fake, max_ms: u64) {
        self.ms += f.int(1..=max_ms) as i64;
    }

    fn parts(&self) -> (i64, u32, u32, i64, i64, i64, i64) {
        let days = self.ms.div_euclid(86_400_000);
        let in_day = self.ms.rem_euclid(86_400_000);
        let (y, m, d) = civil_from_days(days);
        (
            y,
            m,
            d,
            in_day / 3_600_000,
            in_day / 60_000 % 60,
            in_day / 1000 % 60,
            in_day % 1000,
        )
    }

    /// 2024-03-12T08:15:22.431Z
    fn iso_ms(&self) -> String {
        let (y, mo, d, h, mi, s, ms) = self.parts();
        format!("{y}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}Z")
    }

    /// 2024-03-12T08:15:22Z
    fn iso(&self) -> String {
        let (y, mo, d, h, mi, s, _) = self.parts();
        format!("{y}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    }

    /// 2024-03-12 08:15:22,431 (log4j / Python logging)
    fn log(&self) -> String {
        let (y, mo, d, h, mi, s, ms) = self.parts();
        format!("{y}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02},{ms:03}")
    }

    /// 12/Mar/2024:08:15:22 +0000 (Common Log Format)
    fn clf(&self) -> String {
        let (y, mo, d, h, mi, s, _) = self.parts();
        format!(
            "{d:02}/{}/{y}:{h:02}:{mi:02}:{s:02} +0000",
            &MONTHS[mo as usize - 1][..3]
        )
    }

    /// Tue, 12 Mar 2024 08:15:22 +0000
    fn rfc2822(&self) -> String {
        let (y, mo, d, h, mi, s, _) = self.parts();
        let weekday =
            ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][self.ms.div_euclid(86_400_000).rem_euclid(7) as usize];
        format!(
            "{weekday}, {d} {} {y} {h:02}:{mi:02}:{s:02} +0000",
            &MONTHS[mo as usize - 1][..3]
        )
    }

    /// 2024-03-12
    fn date(&self) -> String {
        let (y, mo, d, ..) = self.parts();
        format!("{y}-{mo:02}-{d:02}")
    }

    /// 12 March 2024
    fn long_date(&self) -> String {
        let (y, mo, d, ..) = self.parts();
        format!("{d} {} {y}", MONTHS[mo as usize - 1])
    }

    fn epoch_seconds(&self) -> i64 {
        self.ms / 1000
    }
}

/// Howard Hinnant's days-from-civil inverse: (year, month, day) of a day number since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

// ---------------------------------------------------------------------------------------------
// Application log lines (app.log, the demo folder and the benchmark)
// ---------------------------------------------------------------------------------------------

/// One line of a Java-style application log.
fn app_line(f: &mut Fake, clock: &Clock, level: &str, logger: &str, message: &str) -> String {
    let thread = match f.int(0..=3) {
        0 => "scheduler-1".to_string(),
        1 => format!("kafka-consumer-{}", f.int(1..=6)),
        _ => format!("http-nio-8080-exec-{}", f.int(1..=24)),
    };
    format!("{} {level:<5} [{thread}] {logger} - {message}", clock.iso_ms())
}

/// An ordinary log message: request timings, jobs, caches — with decoys of sensitive shapes.
fn app_benign(f: &mut Fake, clock: &Clock) -> (&'static str, &'static str, String) {
    match f.int(0..=21) {
        18 => (
            "WARN",
            "c.a.common.HttpClient",
            "Upstream nexus.acmecorp.io answered 401 WWW-Authenticate: Basic realm=\"Sonatype Nexus\"".to_string(),
        ),
        19 => (
            "INFO",
            "o.s.amqp.rabbit.connection.CachingConnectionFactory",
            format!(
                "Created new connection: amqp://orders:****@rabbitmq.internal:5672/%2Fprod#{}",
                f.int(1..=40)
            ),
        ),
        20 => (
            "INFO",
            "c.a.platform.AuditTrail",
            format!(
                "AssumeRole by principal AIDA{} into arn:aws:iam::{}:role/reporting-exporter",
                f.chars_from(AWS_KEY_ALPHABET, 16),
                f.digits(12)
            ),
        ),
        0..=2 => (
            "INFO",
            "c.a.common.RequestLogger",
            format!(
                "Request completed method={} path=/api/v2/orders/{} status={} duration_ms={} request_id={}",
                f.pick(&["GET", "GET", "POST", "PUT"]),
                f.int(100_000..=9_999_999),
                f.pick(&[200, 200, 200, 201, 204, 404]),
                f.int(3..=900),
                f.uuid()
            ),
        ),
        3 => (
            "DEBUG",
            "c.a.catalog.ProductCache",
            format!("Cache miss key=product:{} ttl=300 region=eu-west-1", f.sku()),
        ),
        4 => (
            "INFO",
            "c.a.jobs.Scheduler",
            format!(
                "Scheduled job {} finished in {}ms, processed {} records",
                f.pick(&["reconcile-ledger", "expire-carts", "sync-inventory", "rollup-metrics"]),
                f.int(40..=90_000),
                f.int(0..=120_000)
            ),
        ),
        5 => (
            "DEBUG",
            "com.zaxxer.hikari.pool.HikariPool",
            format!(
                "HikariPool-1 - Pool stats (total=20, active={}, idle={}, waiting=0)",
                f.int(0..=20),
                f.int(0..=20)
            ),
        ),
        6 => (
            "INFO",
            "c.a.Application",
            format!(
                "Build info version={} commit={} built={}",
                f.version(),
                f.hex(40),
                clock.iso()
            ),
        ),
        7 => (
            "WARN",
            "c.a.common.HttpClient",
            format!(
                "Retrying call to inventory-service attempt={}/3 after {}ms trace_id={}",
                f.int(1..=3),
                f.int(50..=2000),
                f.hex(32)
            ),
        ),
        8 => (
            "INFO",
            "c.a.billing.InvoiceService",
            format!(
                "Invoice INV-2024-{} generated for account acct_{} total={} USD",
                f.digits(6),
                f.hex(8),
                f.amount()
            ),
        ),
        9 => (
            "INFO",
            "c.a.uploads.UploadService",
            format!(
                "Upload stored s3://acme-prod-uploads/{}/{}.pdf size={} etag=\"{}\"",
                clock.date().replace('-', "/"),
                f.uuid(),
                f.int(2_000..=4_000_000),
                f.hex(32)
            ),
        ),
        10 => (
            "INFO",
            "gc",
            format!(
                "GC pause (G1 Evacuation Pause) {}ms heap_used={}MB heap_max=4096MB",
                f.int(2..=180),
                f.int(600..=3900)
            ),
        ),
        11 => (
            "INFO",
            "c.a.orders.FulfillmentWorker",
            format!(
                "Order {} shipped carrier=UPS tracking=1Z{}{}",
                f.number(10),
                f.chars_from(b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 6),
                f.digits(10)
            ),
        ),
        12 => (
            "INFO",
            "c.a.payouts.SettlementBatcher",
            format!(
                "Batch {} queued for settlement, {} items",
                f.ssn_shaped(),
                f.int(2..=400)
            ),
        ),
        13 => (
            "WARN",
            "c.a.checkout.CartController",
            format!(
                "Payment declined reason=incorrect_number card={} attempt={}",
                f.decoy_card(),
                f.int(1..=3)
            ),
        ),
        14 => (
            "INFO",
            "c.a.checkout.CartController",
            format!(
                "Charge succeeded amount={} currency=usd card=411111******{} risk_score={}",
                f.amount(),
                f.digits(4),
                f.int(1..=99)
            ),
        ),
        15 => (
            "INFO",
            "c.a.auth.SessionStore",
            format!(
                "Session {} refreshed for user_id={} expires_in=3600",
                f.hex(24),
                f.int(10_000..=999_999)
            ),
        ),
        16 => (
            "INFO",
            "c.a.ledger.Migration",
            format!(
                "Legacy reference {}-{}-{} migrated to ledger entry {}",
                f.int(200..=989),
                f.int(200..=989),
                f.digits(4),
                f.uuid()
            ),
        ),
        // Keyword present, value never issued: the validator must drop it.
        17 => (
            "WARN",
            "c.a.kyc.VerificationService",
            format!(
                "KYC rejected customer=cus_{} reason=invalid_ssn ssn={} source=web-onboarding",
                f.alnum(14),
                f.pick(&["000", "666"]).to_string() + &format!("-{:02}-{}", f.int(1..=99), f.digits(4))
            ),
        ),
        _ => (
            "INFO",
            "c.a.payments.WebhookController",
            format!(
                "Webhook signature verified event=evt_{} idempotency_key={}",
                f.alnum(24),
                f.uuid()
            ),
        ),
    }
}

/// A log message carrying sensitive data: `kind` picks the template (callers cycle through them).
fn app_sensitive(f: &mut Fake, kind: usize) -> (&'static str, &'static str, String) {
    const KINDS: usize = 17;
    match kind % KINDS {
        0 => (
            "INFO",
            "c.a.auth.LoginHandler",
            format!(
                "User login succeeded email={} ip={} mfa=totp",
                plant(EMAIL_ADDRESS, &f.email()),
                contact::plant_ip(&f.ipv4())
            ),
        ),
        1 => (
            "INFO",
            "c.a.kyc.VerificationService",
            format!(
                "KYC verification started customer=cus_{} dob={} ssn={} source=web-onboarding step=identity",
                f.alnum(14),
                plant(DATE_OF_BIRTH, &f.birth_date()),
                plant(USA_SSN, &f.ssn())
            ),
        ),
        2 => (
            "ERROR",
            "c.a.checkout.CartController",
            format!(
                "Charge failed for {}: card_number={} exp={} reason=do_not_honor",
                plant(EMAIL_ADDRESS, &f.email()),
                plant(CREDIT_CARD_NUMBER, &f.card()),
                plant(
                    finance_health::CREDIT_CARD_EXPIRATION,
                    &format!("{:02}/{}", f.int(1..=12), f.int(25..=31))
                )
            ),
        ),
        3 => (
            "DEBUG",
            "c.a.common.HttpClient",
            format!(
                "Outgoing request headers: Authorization: Basic {} Accept: application/json",
                plant(HTTP_BASIC_AUTH_HEADER, &f.basic_credential())
            ),
        ),
        4 => (
            "DEBUG",
            "c.a.auth.LoginHandler",
            format!(
                "Verifying request header Authorization: Bearer {} for route /api/v2/orders",
                plant(JSON_WEB_TOKEN, &f.jwt())
            ),
        ),
        5 => (
            "INFO",
            "c.a.platform.SecretsLoader",
            format!(
                "Connecting to datasource url={} pool=HikariPool-1",
                f.url_with_credentials()
            ),
        ),
        6 => (
            "INFO",
            "c.a.notify.SmsSender",
            format!(
                "Sending verification code to phone={} template=otp_v2 attempt=1",
                plant_phone(&f.phone_us())
            ),
        ),
        7 => (
            "INFO",
            "c.a.notify.SmsSender",
            format!(
                "SMS delivered to {} via twilio sid=SM{}",
                plant_phone(&f.phone_intl()),
                f.hex(32)
            ),
        ),
        8 => (
            "DEBUG",
            "c.a.platform.SecretsLoader",
            format!(
                "Loaded AWS access key {} for role reporting-exporter from environment",
                plant(AWS_ACCESS_KEY_ID, &f.aws_access_key_id())
            ),
        ),
        9 => (
            "DEBUG",
            "c.a.common.HttpClient",
            format!(
                "GET https://gitlab.acmecorp.io/api/v4/projects/{}/jobs PRIVATE-TOKEN: {}",
                f.int(10..=999),
                plant(GITLAB_TOKEN, &f.gitlab_token())
            ),
        ),
        10 => (
            "INFO",
            "c.a.notify.SmsSender",
            format!(
                "Posted alert to {} status=200",
                plant(SLACK_WEBHOOK_URL, &f.slack_webhook())
            ),
        ),
        11 => (
            "DEBUG",
            "c.a.common.HttpClient",
            format!(
                "GET https://maps.googleapis.com/maps/api/geocode/json?address={}&key={} took {}ms",
                f.int(1..=999),
                plant(GCP_API_KEY, &f.gcp_api_key()),
                f.int(20..=300)
            ),
        ),
        12 => (
            "WARN",
            "c.a.billing.InvoiceService",
            format!(
                "Stripe client initialised with secret {} in non-vault mode",
                plant(STRIPE_CREDENTIALS, &f.stripe_key())
            ),
        ),
        13 => (
            "INFO",
            "c.a.auth.LoginHandler",
            format!(
                "Password reset requested for {} from {}",
                plant(EMAIL_ADDRESS, &f.email()),
                f.ipv4()
            ),
        ),
        15 => (
            "DEBUG",
            "c.a.notify.MailSender",
            format!(
                "SendGrid client configured api_key={} from={}",
                plant(SENDGRID_API_KEY, &f.sendgrid_key()),
                plant(EMAIL_ADDRESS, "no-reply@acmecorp.io")
            ),
        ),
        14 => (
            "INFO",
            "c.a.kyc.VerificationService",
            format!(
                "W-7 application accepted itin={} case={} reviewer=auto",
                plant(USA_ITIN, &f.itin()),
                f.uuid()
            ),
        ),
        _ => (
            "INFO",
            "c.a.payouts.PayoutService",
            format!(
                "Payout destination updated routing_number={} account_last4={} currency=usd",
                plant(USA_ROUTING_NUMBER, &f.routing_number()),
                f.digits(4)
            ),
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// core/: logs
// ---------------------------------------------------------------------------------------------

fn app_log(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    let mut kind = 0;
    for _ in 0..380 {
        clock.tick(f, 4000);
        let (level, logger, message) = if f.chance(0.25) {
            kind += 1;
            app_sensitive(f, kind)
        } else {
            app_benign(f, &clock)
        };
        let line = app_line(f, &clock, level, logger, &message);
        doc.line(line);
        if level == "ERROR" && f.chance(0.5) {
            doc.line("java.lang.IllegalStateException: upstream declined the request");
            doc.line("\tat com.acme.checkout.CartController.charge(CartController.java:214)");
            doc.line("\tat com.acme.checkout.CartController.submit(CartController.java:167)");
        }
    }
}

/// One line of an nginx access log in combined format, with request time.
fn access_line(f: &mut Fake, clock: &Clock, request: &str) -> String {
    let referer = f.pick(&[
        "-",
        "-",
        "https://shop.acmecorp.io/",
        "https://shop.acmecorp.io/cart",
        "https://www.google.com/",
    ]);
    format!(
        "{} - - [{}] \"{request} HTTP/{}\" {} {} \"{referer}\" \"{}\" {}.{:03}",
        f.ipv4(),
        clock.clf(),
        f.pick(&["1.1", "1.1", "2.0"]),
        f.pick(&[200, 200, 200, 200, 301, 302, 304, 404, 499, 502]),
        f.int(0..=90_000),
        f.user_agent(),
        f.int(0..=2),
        f.int(0..=999)
    )
}

fn access_benign(f: &mut Fake) -> String {
    match f.int(0..=11) {
        0 => format!("GET /api/v1/products/{}", f.int(1000..=99_999)),
        1 => format!("GET /static/js/main.{}.chunk.js", f.hex(8)),
        2 => format!(
            "GET /images/{}@2x.png",
            f.pick(&["logo", "hero", "badge-pro", "icon-cart"])
        ),
        3 => "GET /healthz".to_string(),
        4 => format!(
            "GET /search?q={}&page={}",
            f.pick(&["running+shoes", "rain+jacket", "gift+card", "socks"]),
            f.int(1..=9)
        ),
        5 => format!("POST /api/v1/cart/items?sku={}", f.sku()),
        6 => format!("GET /api/v1/orders/{}/status", f.int(1_000_000..=9_999_999)),
        7 => format!("GET /oauth/callback?code={}&state={}", f.alnum(32), f.hex(16)),
        8 => format!("GET /assets/fonts/inter-v{}.woff2", f.int(3..=13)),
        9 => format!("GET /api/v1/recommendations?session={}", f.uuid()),
        10 => format!("GET /downloads/storefront-{}.tar.gz", f.version()),
        _ => format!("PUT /api/v1/cart/{}", f.uuid()),
    }
}

fn access_sensitive(f: &mut Fake, kind: usize) -> String {
    match kind % 5 {
        0 => format!(
            "GET /api/v1/newsletter/subscribe?email={}&src=footer",
            plant(EMAIL_ADDRESS, &f.email())
        ),
        1 | 2 => format!(
            "GET /maps/api/js?key={}&libraries=places&callback=initMap",
            plant(GCP_API_KEY, &f.gcp_api_key())
        ),
        3 => format!("GET /account/reset-password?token={}", plant(JSON_WEB_TOKEN, &f.jwt())),
        _ => format!(
            "GET /api/v2/session?access_token={}&client=ios",
            plant(JSON_WEB_TOKEN, &f.jwt())
        ),
    }
}

fn access_log(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    let mut kind = 0;
    for _ in 0..300 {
        clock.tick(f, 1500);
        let request = if f.chance(0.16) {
            kind += 1;
            access_sensitive(f, kind)
        } else {
            access_benign(f)
        };
        let line = access_line(f, &clock, &request);
        doc.line(line);
    }
}

fn bank_transfers_log(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    let mut kind = 0;
    for _ in 0..250 {
        clock.tick(f, 9000);
        let (level, message) = if f.chance(0.3) {
            kind += 1;
            match kind % 6 {
                0 | 1 => (
                    "INFO",
                    format!(
                        "ACH credit queued routing={} account=****{} amount={} USD trace={} name=\"{}\"",
                        plant(USA_ROUTING_NUMBER, &f.routing_number()),
                        f.digits(4),
                        f.amount(),
                        f.number(15),
                        f.person().full().to_uppercase()
                    ),
                ),
                2 => (
                    "INFO",
                    format!(
                        "Fedwire received from ABA {} imad=20240312MMQFMP{}{} amount={} USD",
                        plant(USA_ROUTING_NUMBER, &f.routing_number()),
                        f.chars_from(b"ABCDEFGHJKLMNPQRSTUVWXYZ", 2),
                        f.digits(6),
                        f.amount()
                    ),
                ),
                3 | 4 => (
                    "INFO",
                    format!(
                        "SEPA credit transfer debtor_iban={} creditor_iban={} amount={} EUR e2e=E2E-{}",
                        plant(IBAN, &f.iban(false)),
                        plant(IBAN, &{
                            let grouped = f.chance(0.3);
                            f.iban(grouped)
                        }),
                        f.amount(),
                        f.alnum(16)
                    ),
                ),
                _ => (
                    "INFO",
                    format!(
                        "Beneficiary added iban=\"{}\" bic={} holder=\"{}\"",
                        plant(IBAN, &f.iban(true)),
                        f.bic(),
                        f.person().full()
                    ),
                ),
            }
        } else {
            match f.int(0..=7) {
                0 => (
                    "WARN",
                    format!(
                        "Routing number {} rejected: checksum mismatch, entry returned R03",
                        f.decoy_routing()
                    ),
                ),
                1 => (
                    "WARN",
                    format!(
                        "IBAN validation failed for \"{}\": check digits do not match",
                        f.decoy_iban()
                    ),
                ),
                2 => (
                    "INFO",
                    format!(
                        "Batch {} closed: {} entries, total {} USD",
                        f.digits(6),
                        f.int(10..=4000),
                        f.amount()
                    ),
                ),
                3 => (
                    "INFO",
                    format!(
                        "Settlement file ACH_{}_{:02}.txt uploaded sha256={}",
                        clock.date().replace('-', ""),
                        f.int(1..=4),
                        f.hex(64)
                    ),
                ),
                4 => (
                    "INFO",
                    format!(
                        "Ledger posting {} balanced debit={} credit={}",
                        f.uuid(),
                        f.amount(),
                        f.amount()
                    ),
                ),
                5 => (
                    "DEBUG",
                    format!(
                        "Exchange rate EUR/USD {}.{} fetched from ecb (ref {})",
                        1,
                        f.int(560..=999) * 10 + f.int(0..=9),
                        f.number(12)
                    ),
                ),
                6 => (
                    "INFO",
                    format!(
                        "Return processed trace={} reason=R01 amount={} USD",
                        f.number(15),
                        f.amount()
                    ),
                ),
                _ => (
                    "INFO",
                    format!(
                        "Payment order PO-{} approved by {} at {}",
                        f.digits(8),
                        f.pick(&["treasury-bot", "j.miller", "a.okafor"]),
                        clock.iso()
                    ),
                ),
            }
        };
        doc.line(format!(
            "{} {level:<5} [payments-{}] TransferProcessor: {message}",
            clock.log(),
            f.int(1..=4)
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// core/: CSV and JSON Lines exports
// ---------------------------------------------------------------------------------------------

fn payments_csv(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    doc.line("payment_id,created_at,customer_id,customer_email,card_number,card_brand,card_exp,amount,currency,status,decline_code");
    for _ in 0..250 {
        clock.tick(f, 600_000);
        let (card, status, decline) = match f.int(0..=9) {
            0..=3 => (plant(CREDIT_CARD_NUMBER, &f.card()), "succeeded", ""),
            4 => (f.decoy_card(), "failed", "incorrect_number"),
            _ => (format!("************{}", f.digits(4)), "succeeded", ""),
        };
        doc.line(format!(
            "pay_{},{},cus_{},{},{card},{},{},{},{},{status},{decline}",
            f.alnum(24),
            clock.iso(),
            f.alnum(14),
            plant(EMAIL_ADDRESS, &f.email()),
            f.pick(&["visa", "mastercard", "amex", "discover", "jcb"]),
            // Under the `card_exp` header: a card expiry by Macie's column-name rule.
            plant(
                finance_health::CREDIT_CARD_EXPIRATION,
                &format!("{:02}/{}", f.int(1..=12), f.int(25..=31))
            ),
            f.amount(),
            f.pick(&["usd", "usd", "eur", "gbp", "cad"])
        ));
    }
}

/// Saved from a spreadsheet, so with Windows line ends.
fn refunds_csv(doc: &mut Doc, f: &mut Fake) {
    doc.encoding = Encoding::Utf8Crlf;
    let mut clock = Clock::new(f);
    doc.line("refund_id,requested_at,customer_name,iban,bic,amount,currency,status,note");
    for _ in 0..220 {
        clock.tick(f, 900_000);
        let person = f.person();
        let (iban, status, note) = if f.chance(0.12) {
            (f.decoy_iban(), "rejected", "invalid IBAN checksum")
        } else {
            {
                let grouped = f.chance(0.6);
                (plant(IBAN, &f.iban(grouped)), "paid", "")
            }
        };
        doc.line(format!(
            "RF-{},{},\"{}\",{iban},{},{},EUR,{status},{note}",
            f.digits(7),
            clock.iso(),
            person.full(),
            f.bic(),
            f.amount()
        ));
    }
}

fn customers_csv(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    doc.line("customer_id,first_name,last_name,email,phone,city,country,signup_date,lifetime_value,notes");
    for _ in 0..220 {
        clock.tick(f, 3_000_000);
        let person = f.person();
        let country = f.pick(&["US", "US", "US", "GB", "DE", "FR", "CA"]);
        let city = f.city_in(country);
        let note = match f.int(0..=9) {
            0 => format!("\"alt mobile {}\"", plant_phone(&f.phone_us())),
            1 => "VIP".to_string(),
            2 => "\"prefers email, no calls\"".to_string(),
            3 => format!("\"referred by {}\"", plant(EMAIL_ADDRESS, &f.email())),
            4 => format!("\"loyalty id LY-{}\"", f.digits(10)),
            _ => String::new(),
        };
        doc.line(format!(
            "{},{},{},{},{},{city},{country},{},{},{note}",
            100_000 + f.int(0..=899_999),
            person.first,
            person.last,
            plant(EMAIL_ADDRESS, &f.email_for(person)),
            plant_phone(&f.phone_in(country)),
            clock.date(),
            f.amount()
        ));
    }
}

fn users_jsonl(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    for _ in 0..150 {
        clock.tick(f, 5_000_000);
        let person = f.person();
        let (city, state, zip) = f.pick(US_CITIES);
        let mut line = format!(
            r#"{{"id":"usr_{}","created_at":"{}","plan":"{}","name":"{}","email":"{}""#,
            f.hex(12),
            clock.iso(),
            f.pick(&["free", "pro", "team"]),
            plant(contact::NAME, &person.full()),
            plant(EMAIL_ADDRESS, &f.email_for(person))
        );
        if f.chance(0.4) {
            let _ = write!(line, r#","ssn":"{}""#, plant(USA_SSN, &f.ssn()));
        }
        if f.chance(0.03) {
            // Bad data entry: a day that does not exist. The date validator must drop it.
            let _ = write!(line, r#","dob":"{}-02-{}""#, f.int(1950..=1999), f.pick(&[30, 31]));
        } else if f.chance(0.5) {
            let _ = write!(line, r#","dob":"{}""#, plant(DATE_OF_BIRTH, &f.birth_date()));
        }
        if f.chance(0.7) {
            let phone = if f.chance(0.5) { f.phone_us() } else { f.phone_intl() };
            let _ = write!(line, r#","phone":"{}""#, plant_phone(&phone));
        }
        let _ = write!(
            line,
            r#","address":{{"line1":"{} {}","city":"{city}","state":"{state}","zip":"{zip}"}},"marketing_opt_in":{},"last_login_ip":"{}"}}"#,
            f.int(1..=4999),
            f.pick(STREETS),
            f.chance(0.5),
            contact::plant_ip(&f.ipv4())
        );
        doc.line(line);
    }
}

fn kyc_jsonl(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    for i in 0..150 {
        clock.tick(f, 5_000_000);
        let person = f.person();
        let head = format!(
            r#"{{"applicant_id":"app_{}","submitted_at":"{}","status":"{}","full_name":"{}""#,
            f.hex(10),
            clock.iso(),
            f.pick(&["approved", "pending_review", "approved"]),
            plant(contact::NAME, &person.full())
        );
        let body = match if i % 10 == 9 { 3 } else { i % 3 } {
            // Keyword present, check digit wrong: the validator must drop it.
            3 => format!(
                r#","country":"CA","sin":"{}","province":"ON","review_note":"SIN fails the check digit, applicant asked to re-enter"}}"#,
                f.decoy_sin()
            ),
            0 => format!(
                r#","country":"US","tax_id_type":"ITIN","itin":"{}","date_of_birth":"{}","email":"{}"}}"#,
                plant(USA_ITIN, &f.itin()),
                plant(DATE_OF_BIRTH, &f.birth_date()),
                plant(EMAIL_ADDRESS, &f.email_for(person))
            ),
            1 => format!(
                r#","country":"CA","sin":"{}","province":"{}","mobile":"{}","employer":"{}"}}"#,
                plant(CANADA_SIN, &f.sin()),
                f.pick(&["ON", "BC", "QC", "AB"]),
                plant_phone(&f.ca_phone()),
                f.pick(&["Shopify", "Northwind Traders", "self-employed", "Globex Canada"])
            ),
            _ => format!(
                r#","country":"GB","national_insurance_number":"{}","nhs_number":"{}","postcode":"{}"}}"#,
                plant(UK_NINO, &f.nino()),
                plant(UK_NHS_NUMBER, &f.nhs_number()),
                f.pick(UK_TOWNS).1
            ),
        };
        doc.line(format!("{head}{body}"));
    }
}

fn employees_xml(doc: &mut Doc, f: &mut Fake) {
    doc.line(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    doc.line(r#"<!-- Workday export: all active employees, generated for payroll migration -->"#);
    doc.line("<employees>");
    for i in 0..60 {
        let person = f.person();
        doc.line(format!(r#"  <employee id="E{}">"#, 10_000 + i * 7));
        doc.line(format!(
            "    <hireDate>20{:02}-{:02}-{:02}</hireDate>",
            f.int(5..=23),
            f.int(1..=12),
            f.int(1..=28)
        ));
        doc.line(format!(
            "    <department>{}</department>",
            f.pick(&["Engineering", "Finance", "Operations", "Sales", "Support"])
        ));
        doc.line(format!("    <name>{}</name>", plant(contact::NAME, &person.full())));
        doc.line(format!(
            "    <email>{}</email>",
            plant(EMAIL_ADDRESS, &f.work_email(person, "acmecorp.io"))
        ));
        if i % 5 == 4 {
            doc.line(format!("    <itin>{}</itin>", plant(USA_ITIN, &f.itin())));
        } else {
            doc.line(format!("    <ssn>{}</ssn>", plant(USA_SSN, &f.ssn())));
        }
        doc.line(format!(
            "    <dateOfBirth>{}</dateOfBirth>",
            plant(DATE_OF_BIRTH, &f.birth_date())
        ));
        doc.line(format!(
            "    <title>{}</title>",
            f.pick(&[
                "Senior Engineer",
                "Analyst",
                "Support Specialist",
                "Account Executive",
                "Controller"
            ])
        ));
        doc.line(format!("    <homePhone>{}</homePhone>", plant_phone(&f.phone_us())));
        doc.line("    <directDeposit>");
        doc.line(format!(
            "      <routingNumber>{}</routingNumber>",
            plant(USA_ROUTING_NUMBER, &f.routing_number())
        ));
        doc.line(format!(
            "      <accountType>{}</accountType>",
            f.pick(&["checking", "savings"])
        ));
        let account_digits = f.int(8..=12) as usize;
        doc.line(format!(
            "      <accountNumber>{}</accountNumber>",
            f.digits(account_digits)
        ));
        doc.line("    </directDeposit>");
        doc.line(format!("    <salary currency=\"USD\">{}000</salary>", f.int(48..=240)));
        doc.line("  </employee>");
    }
    doc.line("</employees>");
}

fn events_jsonl(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    for _ in 0..110 {
        clock.tick(f, 20_000);
        let common = format!(
            r#""ts":{},"anonymous_id":"{}","session":"{}","app_version":"{}","build":"{}""#,
            clock.ms,
            f.uuid(),
            f.hex(32),
            f.version(),
            f.hex(40)
        );
        let line = match f.int(0..=9) {
            0 => format!(
                r#"{{"event":"identify",{common},"traits":{{"email":"{}","plan":"pro"}}}}"#,
                plant(EMAIL_ADDRESS, &f.email())
            ),
            1 | 2 => format!(
                r#"{{"event":"product_viewed",{common},"product":{{"isbn":"{}","title":"{}","price":{}}}}}"#,
                f.isbn13(),
                f.pick(&[
                    "The Pragmatic Programmer",
                    "Designing Data-Intensive Applications",
                    "Release It!",
                    "Site Reliability Engineering"
                ]),
                f.amount()
            ),
            3 => format!(
                r#"{{"event":"checkout_started",{common},"cart_id":"{}","items":{},"cart_value":{}}}"#,
                f.uuid(),
                f.int(1..=7),
                f.amount()
            ),
            4 => format!(
                r#"{{"event":"experiment_exposure",{common},"experiment":"checkout_v2","variant":"{}","hash":"{}"}}"#,
                f.pick(&["A", "B"]),
                f.hex(64)
            ),
            5 => format!(
                r#"{{"event":"error",{common},"message":"chunk load failed","chunk":"vendors~main.{}.js","stack_id":"{}"}}"#,
                f.hex(8),
                f.base64_blob(24)
            ),
            6 => format!(
                r#"{{"event":"order_completed",{common},"order_number":"{}","total":{},"shipping_ref":"{}"}}"#,
                f.number(16),
                f.amount(),
                f.ssn_shaped()
            ),
            _ => format!(
                r#"{{"event":"page_view",{common},"path":"{}","referrer":"https://www.google.com/","screen":"{}x{}","duration_ms":{}}}"#,
                f.pick(&["/", "/pricing", "/cart", "/products/rain-jacket"]),
                f.pick(&[1920, 1440, 390]),
                f.pick(&[1080, 900, 844]),
                f.int(100..=60_000)
            ),
        };
        doc.line(line);
    }
}

/// A warehouse export that is almost all decoys: GTINs, serials shaped like NI numbers, nine-digit
/// purchase orders, supplier references shaped like phone numbers, 40-character base64 ids and
/// dates, none of them near a keyword. Only the receivers' addresses are findings.
fn inventory_csv(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    doc.line(
        "sku,gtin,lot,serial,po_number,supplier_ref,bin,received_on,best_before,qty,unit_cost,received_by,photo_ref",
    );
    for _ in 0..220 {
        clock.tick(f, 2_000_000);
        let serial_prefix = format!(
            "{}{}",
            char::from(f.pick(b"ABCEGHJKLMPRSTWXY")),
            char::from(f.pick(b"ACEHJLMPRSTWXZ"))
        );
        let received_by = if f.chance(0.4) {
            let person = f.person();
            plant(EMAIL_ADDRESS, &f.work_email(person, "bluefin-logistics.com"))
        } else {
            f.pick(&["dock-3", "night-shift", "returns"]).to_string()
        };
        let (a, e, l) = f.nanp();
        doc.line(format!(
            "{},{},L{}{},{serial_prefix}{}{},{},{a}{e}{l:04},{}-{:02}-{:02},{},{:02}/{:02}/20{},{},{},{received_by},{}",
            f.sku(),
            f.gtin13(),
            clock.date().replace('-', ""),
            f.chars_from(b"ABCDEFGHJKLMNPQRSTUVWXYZ", 2),
            f.digits(6),
            f.pick(&['A', 'B', 'C', 'D']),
            f.number(9),
            f.pick(&['A', 'B', 'C', 'D', 'E']),
            f.int(1..=40),
            f.int(1..=12),
            clock.date(),
            f.int(1..=12),
            f.int(1..=28),
            f.int(25..=28),
            f.int(1..=500),
            f.amount(),
            STANDARD.encode(f.bytes(30))
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// core/: configuration and key material
// ---------------------------------------------------------------------------------------------

fn production_env(doc: &mut Doc, f: &mut Fake) {
    doc.line("# Production environment for all storefront services.");
    doc.line("# Managed by hand until the vault migration (PLAT-2291) lands. Do not commit.");
    for service in ["BILLING", "NOTIFY", "WEB", "WORKER", "REPORTING", "SEARCH"] {
        doc.line("");
        doc.line(format!("# --- {} ---", service.to_lowercase()));
        doc.line(format!("{service}_PORT={}", f.pick(&[8080, 8081, 3000, 9000])));
        doc.line(format!("{service}_LOG_LEVEL={}", f.pick(&["info", "warn", "debug"])));
        doc.line(format!("{service}_DATABASE_URL={}", f.url_with_credentials()));
        doc.line(format!(
            "{service}_AWS_ACCESS_KEY_ID={}",
            plant(AWS_ACCESS_KEY_ID, &f.aws_access_key_id())
        ));
        doc.line(format!(
            "{service}_AWS_SECRET_ACCESS_KEY={}",
            plant(AWS_CREDENTIALS, &f.aws_secret_key())
        ));
        doc.line(format!(
            "{service}_AWS_REGION={}",
            f.pick(&["us-east-1", "eu-west-1", "us-west-2"])
        ));
        doc.line(format!(
            "{service}_STRIPE_SECRET_KEY={}",
            plant(STRIPE_CREDENTIALS, &f.stripe_key())
        ));
        doc.line(format!("{service}_STRIPE_PUBLISHABLE_KEY=pk_live_{}", f.alnum(99)));
        doc.line(format!(
            "{service}_SENDGRID_API_KEY={}",
            plant(SENDGRID_API_KEY, &f.sendgrid_key())
        ));
        doc.line(format!(
            "{service}_SLACK_BOT_TOKEN={}",
            plant(SLACK_TOKEN, &f.slack_token())
        ));
        doc.line(format!(
            "{service}_SLACK_ALERTS_WEBHOOK={}",
            plant(SLACK_WEBHOOK_URL, &f.slack_webhook())
        ));
        doc.line(format!(
            "{service}_GITHUB_TOKEN={}",
            plant(GITHUB_TOKEN, &f.github_token())
        ));
        doc.line(format!("{service}_NPM_TOKEN={}", plant(NPM_TOKEN, &f.npm_token())));
        doc.line(format!(
            "{service}_GITLAB_TOKEN={}",
            plant(GITLAB_TOKEN, &f.gitlab_token())
        ));
        doc.line(format!(
            "{service}_GOOGLE_MAPS_API_KEY={}",
            plant(GCP_API_KEY, &f.gcp_api_key())
        ));
        doc.line(format!(
            "{service}_SENTRY_DSN=https://{}@o{}.ingest.sentry.io/{}",
            f.hex(32),
            f.digits(6),
            f.digits(7)
        ));
        doc.line(format!("{service}_SESSION_SIGNING_SALT={}", f.hex(64)));
        doc.line(format!("{service}_RELEASE={}+{}", f.version(), f.hex(7)));
        doc.line(format!("{service}_REQUEST_TIMEOUT_MS={}", f.int(1000..=30_000)));
    }
}

fn settings_yaml(doc: &mut Doc, f: &mut Fake) {
    doc.line("# storefront settings. Secrets should come from Vault; these were pasted in during the outage.");
    doc.line("defaults: &defaults");
    doc.line("  app_name: storefront");
    doc.line("  log_level: info");
    doc.line("  feature_flags:");
    doc.line("    checkout_v2: true");
    doc.line("    search_autocomplete: false");
    doc.line("");
    doc.line("environments:");
    doc.line("  development:");
    doc.line("    <<: *defaults");
    doc.line("    database_url: postgres://storefront:${DB_PASSWORD}@localhost:5432/storefront_dev");
    doc.line("    redis_url: redis://localhost:6379/0");
    doc.line(format!("    session_salt: {}", f.hex(32)));
    for environment in ["staging", "production", "production-eu", "disaster-recovery"] {
        doc.line("");
        doc.line(format!("  {environment}:"));
        doc.line("    <<: *defaults");
        doc.line(format!("    database_url: {}", f.url_with_credentials()));
        doc.line(format!("    cache_url: {}", f.url_with_credentials()));
        doc.line("    smtp:");
        doc.line("      host: smtp.sendgrid.net");
        doc.line("      port: 587");
        doc.line("      username: apikey");
        doc.line(format!(
            "      password: {}",
            plant(SENDGRID_API_KEY, &f.sendgrid_key())
        ));
        doc.line("    slack:");
        doc.line(format!(
            "      webhook_url: {}",
            plant(SLACK_WEBHOOK_URL, &f.slack_webhook())
        ));
        doc.line(format!("      bot_token: {}", plant(SLACK_TOKEN, &f.slack_token())));
        doc.line("    stripe:");
        doc.line(format!("      api_key: {}", plant(STRIPE_CREDENTIALS, &f.stripe_key())));
        doc.line(format!("      webhook_tolerance_seconds: {}", 300));
        doc.line("    healthcheck:");
        doc.line("      url: https://status.acmecorp.io/api/push");
        doc.line("      headers:");
        doc.line(format!(
            "        Authorization: Basic {}",
            plant(HTTP_BASIC_AUTH_HEADER, &f.basic_credential())
        ));
        doc.line("    aws:");
        doc.line(format!(
            "      region: {}",
            f.pick(&["us-east-1", "eu-west-1", "eu-central-1"])
        ));
        doc.line(format!(
            "      access_key_id: {}",
            plant(AWS_ACCESS_KEY_ID, &f.aws_access_key_id())
        ));
        doc.line(format!(
            "      secret_access_key: {}",
            plant(AWS_CREDENTIALS, &f.aws_secret_key())
        ));
        doc.line("    github:");
        doc.line(format!("      token: {}", plant(GITHUB_TOKEN, &f.github_token())));
        doc.line("    gitlab:");
        doc.line(format!("      token: {}", plant(GITLAB_TOKEN, &f.gitlab_token())));
        doc.line("    google:");
        doc.line(format!("      maps_api_key: {}", plant(GCP_API_KEY, &f.gcp_api_key())));
        doc.line("    jwt:");
        doc.line(format!("      issuer: https://auth.acmecorp.io/{environment}"));
        doc.line("      signing_key: |");
        let key = f.pkcs_key();
        doc.line(format!("        {}", plant(PKCS, &indent(&key, "        "))));
        doc.line(format!("      jwks_cache_seconds: {}", 600));
    }
}

fn aws_credentials_ini(doc: &mut Doc, f: &mut Fake) {
    for profile in [
        "default",
        "prod-admin",
        "prod-readonly",
        "staging",
        "billing-exporter",
        "terraform",
        "ci-deploy",
        "data-lake",
        "security-audit",
        "sandbox",
        "legacy-eu",
        "backup-operator",
        "analytics",
        "support-tools",
        "dr-failover",
    ] {
        doc.line(format!("[{profile}]"));
        doc.line(format!(
            "aws_access_key_id = {}",
            plant(AWS_ACCESS_KEY_ID, &f.aws_access_key_id())
        ));
        doc.line(format!(
            "aws_secret_access_key = {}",
            plant(AWS_CREDENTIALS, &f.aws_secret_key())
        ));
        if f.chance(0.2) {
            let token = format!("IQoJb3JpZ2luX2VjE{}", f.base64_blob(300));
            doc.line(format!("aws_session_token = {}", plant("AWS_SESSION_TOKEN", &token)));
        }
        doc.line(format!(
            "region = {}",
            f.pick(&["us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2"])
        ));
        doc.line("");
    }
}

fn k8s_secrets_yaml(doc: &mut Doc, f: &mut Fake) {
    for (i, app) in [
        "storefront",
        "checkout",
        "payments-api",
        "admin-portal",
        "search",
        "notifications",
        "reporting",
        "auth",
    ]
    .iter()
    .enumerate()
    {
        if i > 0 {
            doc.line("---");
        }
        doc.line("apiVersion: v1");
        doc.line("kind: Secret");
        doc.line("metadata:");
        doc.line(format!("  name: {app}-tls"));
        doc.line("  namespace: prod");
        doc.line("type: kubernetes.io/tls");
        doc.line("stringData:");
        doc.line("  tls.crt: |");
        doc.line(format!("    {}", indent(&f.certificate(), "    ")));
        doc.line("  tls.key: |");
        doc.line(format!("    {}", plant(PKCS, &indent(&f.pkcs_key(), "    "))));
        doc.line("---");
        doc.line("apiVersion: v1");
        doc.line("kind: Secret");
        doc.line("metadata:");
        doc.line(format!("  name: {app}-env"));
        doc.line("  namespace: prod");
        doc.line("type: Opaque");
        doc.line("stringData:");
        doc.line(format!("  DATABASE_URL: \"{}\"", f.url_with_credentials()));
        doc.line(format!(
            "  STRIPE_API_KEY: \"{}\"",
            plant(STRIPE_CREDENTIALS, &f.stripe_key())
        ));
        doc.line(format!("  JWT_SIGNING_KEY_ID: \"{}\"", f.uuid()));
        doc.line(format!(
            "  SLACK_BOT_TOKEN: \"{}\"",
            plant(SLACK_TOKEN, &f.slack_token())
        ));
        doc.line(format!("  NPM_TOKEN: \"{}\"", plant(NPM_TOKEN, &f.npm_token())));
        doc.line("data:");
        let admin_password = f.base64_blob(18);
        doc.line(format!(
            "  ADMIN_PASSWORD: {}",
            credentials::plant_if_generic("ADMIN_PASSWORD", &admin_password)
        ));
        doc.line(format!("  ENCRYPTION_KEY: {}", f.base64_blob(32)));
        if i % 2 == 0 {
            doc.line("---");
            doc.line("apiVersion: v1");
            doc.line("kind: Secret");
            doc.line("metadata:");
            doc.line(format!("  name: {app}-git-deploy-key"));
            doc.line("  namespace: ci");
            doc.line("type: kubernetes.io/ssh-auth");
            doc.line("stringData:");
            doc.line("  ssh-privatekey: |");
            doc.line(format!(
                "    {}",
                plant(OPENSSH_PRIVATE_KEY, &indent(&f.openssh_key(), "    "))
            ));
            doc.line("  known_hosts: |");
            doc.line(format!("    github.com {}", f.ssh_public_key("").trim_end()));
        }
        doc.line("---");
        doc.line("apiVersion: v1");
        doc.line("kind: Secret");
        doc.line("metadata:");
        doc.line(format!("  name: {app}-registry"));
        doc.line("type: kubernetes.io/dockerconfigjson");
        doc.line("data:");
        doc.line(format!("  .dockerconfigjson: {}", f.base64_blob(120)));
        doc.line("  # signing key for webhooks, rotated 2024-02");
        doc.line(format!(
            "  webhook-public.pem: |\n    {}",
            indent(&f.public_key_pem(), "    ")
        ));
        doc.line("---");
        doc.line("apiVersion: v1");
        doc.line("kind: Secret");
        doc.line("metadata:");
        doc.line(format!("  name: {app}-mtls-client"));
        doc.line("stringData:");
        doc.line(format!(
            "  client.key: |\n    {}",
            plant(PKCS, &indent(&f.pkcs_key(), "    "))
        ));
    }
}

fn key_rotation_md(doc: &mut Doc, f: &mut Fake) {
    doc.line("# Key rotation, Q1 2024");
    doc.line("");
    doc.line("During the March access review we found private keys copied into the shared drive and into");
    doc.line("several wiki pages. Each key below was still valid on 2024-03-04. Rotate it, then tick it off.");
    doc.line("Owners: platform team (ssh, tls), security (pgp), desktop support (PuTTY keys).");
    for round in 0..6 {
        doc.line("");
        doc.line(format!("## Batch {}", round + 1));
        doc.line("");
        doc.line(format!(
            "- [ ] jumpbox deploy key, fingerprint SHA256:{} (owner: platform)",
            f.base64_blob(32).trim_end_matches('=')
        ));
        doc.line("");
        doc.line("```");
        doc.line(plant(OPENSSH_PRIVATE_KEY, &f.openssh_key()));
        doc.line("```");
        doc.line("");
        doc.line("- [ ] release signing key (owner: security). Revocation certificate is in the safe.");
        doc.line("");
        doc.line("```");
        doc.line(plant(PGP_PRIVATE_KEY, &f.pgp_key(None)));
        doc.line("```");
        doc.line("");
        doc.line("- [ ] support laptop key, saved by PuTTYgen. Found in \\\\fileserver\\it\\keys.");
        doc.line("");
        doc.line("```");
        doc.line(plant(PUTTY_PRIVATE_KEY, &f.putty_key()));
        doc.line("```");
        doc.line("");
        doc.line(format!(
            "- [ ] TLS key of the {} load balancer, issued {}.",
            f.pick(&["internal", "partner", "admin"]),
            f.int(2021..=2023)
        ));
        doc.line("");
        doc.line("```");
        doc.line(plant(PKCS, &f.pkcs_key()));
        doc.line("```");
        doc.line("");
        doc.line("The matching certificate, for reference (public, no action needed):");
        doc.line("");
        doc.line("```");
        doc.line(f.certificate());
        doc.line("```");
    }
    doc.line("");
    doc.line("## Not secrets");
    doc.line("");
    doc.line("Public keys are fine to share; this one is the jumpbox's host key:");
    doc.line("");
    doc.line(format!("    {}", f.ssh_public_key("root@jumpbox-01")));
    doc.line("");
    doc.line("Template used in the runbook (placeholder, not a key):");
    doc.line("");
    doc.line("```");
    doc.line("-----BEGIN OPENSSH PRIVATE KEY-----");
    doc.line("<paste the key from the vault here>");
    doc.line("-----END OPENSSH PRIVATE KEY-----");
    doc.line("```");
}

fn ssh_keys_backup(doc: &mut Doc, f: &mut Fake) {
    doc.line("# Backup of ~/.ssh and PuTTY keys from jumpbox-01 and the support laptops, taken 2024-02-29.");
    doc.line("# Restore with: ssh-add, or load the .ppk files into Pageant.");
    for i in 0..70 {
        doc.line("");
        match i % 5 {
            0 | 2 => {
                doc.line(format!(
                    "## {}/.ssh/id_ed25519",
                    f.pick(&["/home/deploy", "/home/ci", "/root", "/home/backup"])
                ));
                doc.line(plant(OPENSSH_PRIVATE_KEY, &f.openssh_key()));
                doc.line(format!("## id_ed25519.pub: {}", f.ssh_public_key("deploy@jumpbox-01")));
            }
            1 | 3 => {
                doc.line(format!(
                    "## C:\\Users\\{}\\Documents\\keys\\{}.ppk",
                    f.person().first.to_lowercase(),
                    f.pick(&["prod-db", "bastion", "sftp-partner", "router-admin"])
                ));
                doc.line(plant(PUTTY_PRIVATE_KEY, &f.putty_key()));
            }
            _ => {
                doc.line("## legacy /etc/ssl/private/server.key (still used by the sftp gateway)");
                doc.line(plant(PKCS, &f.pkcs_key()));
            }
        }
    }
}

fn pgp_keyring(doc: &mut Doc, f: &mut Fake) {
    doc.line("# gpg --export-secret-keys --armor, release and backup keyrings (2024-03-01)");
    for _ in 0..34 {
        let person = f.person();
        let domain = f.pick(&["acmecorp.io", "globex.com"]);
        let email = f.work_email(person, domain);
        doc.line("");
        doc.line(format!(
            "# sec   ed25519/0x{} 20{}-{:02}-{:02} [SC]",
            f.hex(16).to_uppercase(),
            f.int(19..=23),
            f.int(1..=12),
            f.int(1..=28)
        ));
        doc.line(format!("# uid   {} <{}>", person.full(), plant(EMAIL_ADDRESS, &email)));
        let comment = if f.chance(0.3) { Some("https://gnupg.org") } else { None };
        doc.line(plant(PGP_PRIVATE_KEY, &f.pgp_key(comment)));
        if f.chance(0.2) {
            doc.line("");
            doc.line("# public part, for the keyserver");
            let body = f.base64_blob(180);
            doc.line(armor("PGP PUBLIC KEY BLOCK", &body, 64).replacen('\n', "\n\n", 1));
        }
    }
}

fn vault_export_json(doc: &mut Doc, f: &mut Fake) {
    doc.line("{");
    doc.line("  \"exported_at\": \"2024-03-01T12:00:00Z\",");
    doc.line("  \"mount\": \"secret/\",");
    doc.line("  \"secrets\": [");
    let paths = [
        "prod/payments",
        "prod/aws",
        "prod/tls",
        "prod/ci",
        "staging/payments",
        "staging/aws",
        "prod/notify",
        "prod/search",
    ];
    for (i, path) in paths.iter().enumerate() {
        doc.line("    {");
        doc.line(format!("      \"path\": \"secret/data/{path}\","));
        doc.line(format!("      \"version\": {},", f.int(1..=40)));
        doc.line("      \"data\": {");
        match i % 4 {
            0 => {
                doc.line(format!(
                    "        \"stripe_secret_key\": \"{}\",",
                    plant(STRIPE_CREDENTIALS, &f.stripe_key())
                ));
                doc.line(format!("        \"database_url\": \"{}\",", f.url_with_credentials()));
                doc.line(format!(
                    "        \"sendgrid_api_key\": \"{}\"",
                    plant(SENDGRID_API_KEY, &f.sendgrid_key())
                ));
            }
            1 => {
                doc.line(format!(
                    "        \"aws_access_key_id\": \"{}\",",
                    plant(AWS_ACCESS_KEY_ID, &f.aws_access_key_id())
                ));
                doc.line(format!(
                    "        \"aws_secret_access_key\": \"{}\"",
                    plant(AWS_CREDENTIALS, &f.aws_secret_key())
                ));
            }
            2 => {
                doc.line(format!("        \"certificate_serial\": \"{}\",", f.hex(40)));
                doc.line(format!(
                    "        \"private_key\": \"{}\\n\"",
                    plant(PKCS, &json_escaped(&f.pkcs_key()))
                ));
            }
            _ => {
                doc.line(format!(
                    "        \"github_token\": \"{}\",",
                    plant(GITHUB_TOKEN, &f.github_token())
                ));
                doc.line(format!(
                    "        \"npm_token\": \"{}\",",
                    plant(NPM_TOKEN, &f.npm_token())
                ));
                doc.line(format!(
                    "        \"gitlab_token\": \"{}\",",
                    plant(GITLAB_TOKEN, &f.gitlab_token())
                ));
                doc.line(format!(
                    "        \"slack_bot_token\": \"{}\"",
                    plant(SLACK_TOKEN, &f.slack_token())
                ));
            }
        }
        doc.line("      },");
        doc.line(format!(
            "      \"created_time\": \"2024-0{}-{:02}T{:02}:{:02}:00Z\"",
            f.int(1..=2),
            f.int(1..=28),
            f.int(0..=23),
            f.int(0..=59)
        ));
        doc.line(if i + 1 < paths.len() { "    }," } else { "    }" });
    }
    doc.line("  ]");
    doc.line("}");
}

// ---------------------------------------------------------------------------------------------
// core/: CI output and shell history
// ---------------------------------------------------------------------------------------------

fn ci_log(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    let repo = "acme/storefront";
    for job in [
        "build",
        "test",
        "publish-packages",
        "deploy-staging",
        "deploy-production",
        "nightly-e2e",
        "release-notes",
        "mirror-to-gitlab",
    ] {
        let mut lines: Vec<String> = vec![
            format!("##[group]Run {job}"),
            format!("Runner name: 'ubuntu-22.04-{}'", f.int(1..=40)),
            format!("Job is about to start running on the runner: ubuntu-latest (hosted) job={job}"),
            "##[endgroup]".to_string(),
            "##[group]Run actions/checkout@v4".to_string(),
            format!("Syncing repository: {repo}"),
            format!(
                "HEAD is now at {} Merge pull request #{} from acme/feature/{}",
                f.hex(7),
                f.int(1000..=4999),
                f.pick(&["cart-refactor", "sca-3ds", "search-v2"])
            ),
            "##[endgroup]".to_string(),
            "##[group]Run npm ci".to_string(),
            format!(
                "+ echo //registry.npmjs.org/:_authToken={} > ~/.npmrc",
                plant(NPM_TOKEN, &f.npm_token())
            ),
            format!("npm warn deprecated inflight@1.0.6: This module is not supported, and leaks memory."),
            format!(
                "added {} packages, and audited {} packages in {}s",
                f.int(900..=1600),
                f.int(900..=1600),
                f.int(12..=80)
            ),
            format!(
                "found 0 vulnerabilities (resolved @babel/core@{} from cache)",
                f.version()
            ),
            "##[endgroup]".to_string(),
        ];
        for _ in 0..f.int(18..=40) {
            lines.push(match f.int(0..=5) {
                0 => format!(
                    "PASS src/{}/{}.test.tsx ({}.{:03} s)",
                    f.pick(&["cart", "checkout", "search", "account"]),
                    f.pick(&["Cart", "Summary", "Form", "List"]),
                    f.int(1..=9),
                    f.int(0..=999)
                ),
                1 => format!(
                    "  ✓ {} ({} ms)",
                    f.pick(&[
                        "renders the empty state",
                        "applies a discount code",
                        "rejects an expired card",
                        "retries on 502"
                    ]),
                    f.int(2..=400)
                ),
                2 => format!("#{} [build {}/{}] RUN npm run build", f.int(5..=20), f.int(1..=9), 9),
                3 => format!("#{} writing image sha256:{} done", f.int(5..=20), f.hex(64)),
                4 => format!("Cache restored from key: node-cache-Linux-x64-npm-{}", f.hex(64)),
                _ => format!(
                    "webpack {} compiled successfully in {} ms",
                    f.version(),
                    f.int(3000..=90_000)
                ),
            });
        }
        lines.push("##[group]Run ./scripts/release.sh".to_string());
        lines.push(format!(
            "+ export AWS_ACCESS_KEY_ID={}",
            plant(AWS_ACCESS_KEY_ID, &f.aws_access_key_id())
        ));
        lines.push(format!(
            "+ export AWS_SECRET_ACCESS_KEY={}",
            plant(AWS_CREDENTIALS, &f.aws_secret_key())
        ));
        lines.push(format!(
            "+ aws s3 sync dist/ s3://acme-storefront-assets/{} --delete",
            f.hex(7)
        ));
        let token = f.github_token();
        lines.push(format!(
            "+ git push https://x-access-token:{}@github.com/{repo}.git HEAD:refs/heads/release",
            plant_each(&[GITHUB_TOKEN, URL_CREDENTIALS], &token)
        ));
        lines.push(format!(
            "+ GH_TOKEN={} gh release create v{} --generate-notes",
            plant(GITHUB_TOKEN, &f.github_token()),
            f.version()
        ));
        lines.push(format!(
            "+ SENDGRID_API_KEY={} npm run e2e:mail -- --grep receipts",
            plant(SENDGRID_API_KEY, &f.sendgrid_key())
        ));
        lines.push(format!(
            "+ docker login registry.gitlab.com -u ci-bot -p {}",
            plant(GITLAB_TOKEN, &f.gitlab_token())
        ));
        lines.push("WARNING! Using --password via the CLI is insecure. Use --password-stdin.".to_string());
        lines.push(format!(
            "+ curl -s -X POST -H 'Content-type: application/json' --data '{{\"text\":\"{job} finished\"}}' {}",
            plant(SLACK_WEBHOOK_URL, &f.slack_webhook())
        ));
        lines.push("ok".to_string());
        lines.push(format!("+ curl -fsS -H 'Authorization: Bearer {}' -d channel=C0{} -d text=done https://slack.com/api/chat.postMessage", plant(SLACK_TOKEN, &f.slack_token()), f.chars_from(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 8)));
        lines.push(format!(
            "+ curl -fsS -H 'Authorization: Basic {}' https://nexus.acmecorp.io/service/rest/v1/status/writable",
            plant(HTTP_BASIC_AUTH_HEADER, &f.basic_credential())
        ));
        lines.push(format!(
            "Published storefront@{} (tarball sha512-{})",
            f.version(),
            f.base64_blob(48)
        ));
        lines.push("##[endgroup]".to_string());
        lines.push(format!(
            "Cleaning up orphan processes, job {job} completed with result: success"
        ));
        for line in lines {
            clock.tick(f, 3000);
            let (y, mo, d, h, mi, s, ms) = clock.parts();
            doc.line(format!(
                "{y}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}{}Z {line}",
                f.digits(4)
            ));
        }
    }
}

/// Windows PowerShell transcripts of admins' sessions, written by `Out-File` as UTF-16LE.
fn powershell_transcript(doc: &mut Doc, f: &mut Fake) {
    doc.encoding = Encoding::Utf16Le;
    let mut clock = Clock::new(f);
    for _ in 0..12 {
        clock.tick(f, 40_000_000);
        let admin = f.person();
        let initial = ascii_fold(admin.first).chars().next().unwrap_or('x');
        let user = format!("{initial}.{}", ascii_fold(admin.last));
        let prompt = format!("PS C:\\Users\\{user}>");
        let (y, mo, d, h, mi, s, _) = clock.parts();
        doc.line("**********************");
        doc.line("Windows PowerShell transcript start");
        doc.line(format!("Start time: {y}{mo:02}{d:02}{h:02}{mi:02}{s:02}"));
        doc.line(format!("Username: ACME\\{user}"));
        doc.line(format!(
            "Machine: WKS-{:04} (Microsoft Windows NT 10.0.19045.0)",
            f.int(1..=9999)
        ));
        doc.line("**********************");
        doc.line(format!(
            "{prompt} Set-AWSCredential -AccessKey {} -SecretKey {} -StoreAs {}",
            plant(AWS_ACCESS_KEY_ID, &f.aws_access_key_id()),
            plant(AWS_CREDENTIALS, &f.aws_secret_key()),
            f.pick(&["prod-admin", "billing", "backup"])
        ));
        doc.line(format!("{prompt} Get-S3Bucket | Select-Object -First 3"));
        doc.line("");
        doc.line("CreationDate          BucketName");
        doc.line("------------          ----------");
        for bucket in ["acme-prod-uploads", "acme-storefront-assets", "acme-backups-eu"] {
            doc.line(format!(
                "{:02}/{:02}/20{} {:02}:{:02}:{:02}   {bucket}",
                f.int(1..=12),
                f.int(1..=28),
                f.int(18..=23),
                f.int(0..=23),
                f.int(0..=59),
                f.int(0..=59)
            ));
        }
        doc.line("");
        doc.line(format!(
            "{prompt} $env:STRIPE_API_KEY = \"{}\"",
            plant(STRIPE_CREDENTIALS, &f.stripe_key())
        ));
        doc.line(format!(
            "{prompt} Invoke-RestMethod -Uri https://partner.acmecorp.io/api/health -Headers @{{Authorization = \"Basic {}\"}}",
            plant(HTTP_BASIC_AUTH_HEADER, &f.basic_credential())
        ));
        doc.line("");
        doc.line(format!(
            "status  version  uptime_s\n------  -------  --------\nok      {}   {}",
            f.version(),
            f.int(1000..=9_999_999)
        ));
        doc.line("");
        let to = f.person();
        doc.line(format!(
            "{prompt} Send-MailMessage -To {} -From {} -Subject \"Laptop ready\" -SmtpServer smtp.acmecorp.io",
            plant(EMAIL_ADDRESS, &f.email_for(to)),
            plant(EMAIL_ADDRESS, "it-ops@acmecorp.io")
        ));
        doc.line(format!("{prompt} Get-Date"));
        doc.line("");
        doc.line(clock.rfc2822());
        doc.line("");
        doc.line("**********************");
        doc.line(format!(
            "Windows PowerShell transcript end\nEnd time: {y}{mo:02}{d:02}{:02}{mi:02}{s:02}",
            (h + 1) % 24
        ));
        doc.line("**********************");
    }
}

fn shell_history(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    let mut kind = 0;
    for _ in 0..480 {
        clock.tick(f, 400_000);
        let command = if f.chance(0.2) {
            kind += 1;
            match kind % 13 {
                12 => format!(
                    "SENDGRID_API_KEY={} node scripts/send-test-mail.js",
                    plant(SENDGRID_API_KEY, &f.sendgrid_key())
                ),
                0 => format!(
                    "export AWS_ACCESS_KEY_ID={}",
                    plant(AWS_ACCESS_KEY_ID, &f.aws_access_key_id())
                ),
                1 => format!(
                    "export AWS_SECRET_ACCESS_KEY={}",
                    plant(AWS_CREDENTIALS, &f.aws_secret_key())
                ),
                2 => format!("psql \"{}\"", f.url_with_credentials()),
                3 => format!(
                    "curl -s -H \"Authorization: Basic {}\" https://grafana.internal/api/dashboards/uid/{}",
                    plant(HTTP_BASIC_AUTH_HEADER, &f.basic_credential()),
                    f.alnum(9)
                ),
                4 => format!(
                    "curl -H 'Authorization: Bearer {}' https://api.acmecorp.io/v2/orders?limit=5",
                    plant(JSON_WEB_TOKEN, &f.jwt())
                ),
                5 => format!(
                    "git clone https://oauth2:{}@gitlab.com/acme/infra/terraform.git",
                    plant_each(&[GITLAB_TOKEN, URL_CREDENTIALS], &f.gitlab_token())
                ),
                6 => format!("export GITHUB_TOKEN={}", plant(GITHUB_TOKEN, &f.github_token())),
                7 => format!(
                    "npm config set //registry.npmjs.org/:_authToken {}",
                    plant(NPM_TOKEN, &f.npm_token())
                ),
                8 => format!(
                    "stripe refunds create --api-key {} --charge ch_{}",
                    plant(STRIPE_CREDENTIALS, &f.stripe_key()),
                    f.alnum(24)
                ),
                9 => format!(
                    "curl -X POST --data-urlencode 'payload={{\"text\": \"deploy done\"}}' {}",
                    plant(SLACK_WEBHOOK_URL, &f.slack_webhook())
                ),
                10 => format!(
                    "curl -H \"Authorization: Bearer {}\" https://slack.com/api/conversations.list",
                    plant(SLACK_TOKEN, &f.slack_token())
                ),
                _ => format!(
                    "curl -x http://proxy.internal:3128 -H 'Proxy-Authorization: Basic {}' https://ifconfig.me",
                    plant(HTTP_BASIC_AUTH_HEADER, &f.basic_credential())
                ),
            }
        } else {
            match f.int(0..=13) {
                0 => "git status".to_string(),
                1 => format!(
                    "git checkout -b feature/{}-{}",
                    f.pick(&["PLAT", "PAY", "SRCH"]),
                    f.int(100..=3000)
                ),
                2 => format!(
                    "kubectl -n prod get pods -l app={}",
                    f.pick(&["storefront", "checkout", "search"])
                ),
                3 => format!("kubectl -n prod logs deploy/checkout --since=1h | grep {}", f.uuid()),
                4 => format!("ssh ubuntu@{}", f.ipv4()),
                5 => format!("docker run --rm -it ghcr.io/acme/toolbox:{} bash", f.version()),
                6 => format!(
                    "aws s3 ls s3://acme-prod-uploads/{}/ --recursive | tail",
                    clock.date().replace('-', "/")
                ),
                7 => format!("git log --oneline {}..{}", f.hex(7), f.hex(7)),
                8 => format!(
                    "terraform plan -target=module.{} -out plan-{}.bin",
                    f.pick(&["vpc", "rds", "eks"]),
                    f.int(1..=99)
                ),
                9 => format!("sha256sum storefront-{}.tar.gz", f.version()),
                10 => format!("jq '.[] | select(.id == \"{}\")' orders.json", f.uuid()),
                11 => "ls -la ~/.ssh".to_string(),
                12 => format!("ping -c 3 {}", f.ipv4()),
                _ => format!("vim config/{}.yaml", f.pick(&["settings", "routes", "features"])),
            }
        };
        doc.line(format!(": {}:0;{command}", clock.epoch_seconds()));
    }
}

// ---------------------------------------------------------------------------------------------
// core/: prose
// ---------------------------------------------------------------------------------------------

fn support_tickets(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    for n in 0..90 {
        clock.tick(f, 7_000_000);
        let person = f.person();
        let email = f.email_for(person);
        doc.line("==============================================================================");
        doc.line(format!(
            "Ticket #{} opened {} by {} <{}>",
            48_000 + n * 13,
            clock.iso(),
            person.full(),
            plant(EMAIL_ADDRESS, &email)
        ));
        let (subject, body): (&str, Vec<String>) = match n % 10 {
            0 => (
                "Identity check failed",
                vec![
                    format!(
                        "Hi, the app keeps saying my identity could not be verified. I typed my SSN as {} and",
                        plant(USA_SSN, &f.ssn())
                    ),
                    "I am sure it is right, it is the number on my card. Can someone look at it please?".to_string(),
                ],
            ),
            1 => (
                "Card charged twice",
                vec![
                    format!(
                        "I was charged twice for order {} on the card {}.",
                        f.number(9),
                        plant(CREDIT_CARD_NUMBER, &f.card())
                    ),
                    "Please refund one of the charges, my bank shows both as pending.".to_string(),
                ],
            ),
            2 => (
                "Update my payout account",
                vec![
                    format!(
                        "New bank details for payouts: routing number {} and account number",
                        plant(USA_ROUTING_NUMBER, &f.routing_number())
                    ),
                    format!(
                        "{}, checking. The old account at the credit union is closed.",
                        f.digits(10)
                    ),
                ],
            ),
            3 => (
                "Refund to my European account",
                vec![
                    format!(
                        "Please send the refund to my account IBAN {} (BIC {}).",
                        plant(IBAN, &f.iban(true)),
                        f.bic()
                    ),
                    "I no longer have the card I paid with.".to_string(),
                ],
            ),
            4 => (
                "Tax form for contractor payments",
                vec![
                    format!(
                        "I do not have an SSN yet. My ITIN is {} and my legal name",
                        plant(USA_ITIN, &f.itin())
                    ),
                    "is as on the account. Please use it for the 1099 this year.".to_string(),
                ],
            ),
            5 => (
                "Canadian payroll setup",
                vec![
                    format!(
                        "For the Toronto payroll setup my social insurance number is {}, and",
                        plant(CANADA_SIN, &f.sin())
                    ),
                    "I start on the first of next month. Thanks for sorting this out quickly.".to_string(),
                ],
            ),
            6 => (
                "UK employee onboarding",
                vec![
                    format!(
                        "Onboarding form for our new hire in Leeds: National Insurance number {}.",
                        plant(UK_NINO, &f.nino())
                    ),
                    "Her start date and contract are attached to the HR case, not to this ticket.".to_string(),
                ],
            ),
            7 => (
                "Call me back",
                vec![
                    format!(
                        "I would rather talk this through. My phone number is {}, any time",
                        plant_phone(&f.phone_us())
                    ),
                    "after lunch works for me, Eastern time. Thank you in advance for the help.".to_string(),
                ],
            ),
            8 => (
                "Locked out after changing my email",
                vec![
                    format!(
                        "I changed my login to {} yesterday and now I cannot sign in.",
                        plant(EMAIL_ADDRESS, &f.email())
                    ),
                    "The reset link in the message says it has expired. Can you send a new one?".to_string(),
                ],
            ),
            _ => (
                "Developer API access",
                vec![
                    format!(
                        "Our integration stopped working. We use the key {} from",
                        plant(STRIPE_CREDENTIALS, &f.stripe_key())
                    ),
                    "the dashboard; did something change on your side last night? Logs attached.".to_string(),
                ],
            ),
        };
        doc.line(format!("Subject: {subject}"));
        doc.line("");
        for line in body {
            doc.line(line);
        }
        doc.line("");
        match n % 4 {
            0 => {
                doc.line("Agent note: verified the caller against the profile before making any change. Details:");
                doc.line(format!(
                    "date of birth {} confirmed with the customer over the phone line,",
                    plant(DATE_OF_BIRTH, &f.birth_date())
                ));
                doc.line(format!(
                    "callback phone {}; case escalated to tier 2 for review.",
                    plant_phone(&f.phone_us())
                ));
            }
            1 => {
                doc.line(format!(
                    "Agent note: order reference {} and tracking number 1Z{}{} look fine;",
                    f.ssn_shaped(),
                    f.chars_from(b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 6),
                    f.digits(10)
                ));
                doc.line(format!(
                    "customer was on app version {} (build {}). Nothing else to add here.",
                    f.version(),
                    f.hex(10)
                ));
            }
            2 => {
                doc.line(format!(
                    "Agent note: duplicate of ticket #{}. The declined card in the log was {},",
                    40_000 + f.int(0..=8000),
                    f.decoy_card()
                ));
                doc.line("which fails validation, so the customer probably mistyped it at checkout.");
            }
            _ => {
                doc.line(format!(
                    "Agent note: sent the standard reply. The customer can reach us at {} or by chat.",
                    plant(EMAIL_ADDRESS, "support@acmecorp.io")
                ));
            }
        }
        doc.line("");
    }
}

fn uk_referrals(doc: &mut Doc, f: &mut Fake) {
    doc.line("Outgoing referrals, Q1 (export from the practice system). Template note for staff: enter NI");
    doc.line("numbers as QQ 12 34 56 C and NHS numbers as ten digits; the system checks both before sending.");
    doc.line("");
    let mut clock = Clock::new(f);
    for _ in 0..40 {
        clock.tick(f, 30_000_000);
        let person = f.person();
        let gp = f.person();
        let (town, postcode) = f.pick(UK_TOWNS);
        doc.line("----------------------------------------------------------------------------");
        doc.line(format!(
            "{} Medical Practice, {}",
            f.pick(&["Riverside", "Parkview", "Northgate", "Abbey Road"]),
            town
        ));
        doc.line(format!("Letter dated {}", clock.long_date()));
        doc.line("");
        doc.line(format!("Dear Dr {},", f.pick(LAST_NAMES)));
        doc.line("");
        doc.line(format!(
            "Re: referral to the {} clinic, routine priority",
            f.pick(&["dermatology", "cardiology", "physiotherapy", "rheumatology"])
        ));
        doc.line("");
        doc.line("Thank you for seeing this patient, who has had symptoms for several months now and has not");
        doc.line("improved with the first-line treatment we agreed at the last review. Details are below.");
        doc.line("");
        doc.line(format!(
            "Patient name:         {} {}",
            f.pick(&["Mr", "Mrs", "Ms", "Dr"]),
            plant(contact::NAME, &person.full())
        ));
        doc.line(format!(
            "Date of birth:        {}",
            plant(DATE_OF_BIRTH, &f.birth_date())
        ));
        doc.line(format!(
            "NHS number:           {}",
            plant(UK_NHS_NUMBER, &f.nhs_number())
        ));
        doc.line(format!("NI number:            {}", plant(UK_NINO, &f.nino())));
        doc.line(format!(
            "Address:              {}",
            contact::plant_address(&format!("{} {}, {town} {postcode}", f.int(1..=200), f.pick(STREETS)))
        ));
        doc.line(format!("Contact telephone:    {}", plant_phone(&f.uk_phone())));
        doc.line(format!(
            "Email:                {}",
            plant(EMAIL_ADDRESS, &f.email_for(person))
        ));
        doc.line("");
        doc.line(format!(
            "Current medication: {} {}mg once daily; no known drug allergies recorded.",
            f.pick(&["ramipril", "sertraline", "levothyroxine", "atorvastatin"]),
            f.pick(&[5, 10, 25, 50])
        ));
        if f.chance(0.3) {
            // Far from "telephone" (the decoy is also shaped like a US number) and from the ten-digit
            // sample reference below, which has no check digit of its own.
            doc.line(format!(
                "The NHS number on the previous referral, {}, fails the check digit; please use the one above.",
                f.decoy_nhs()
            ));
        }
        doc.line(format!(
            "Blood results from the practice lab (sample ref {}) are attached to this letter.",
            f.number(10)
        ));
        doc.line("");
        doc.line(format!(
            "Yours sincerely, Dr {} (GP), {}",
            gp.full(),
            plant(EMAIL_ADDRESS, &f.work_email(gp, "nhs.net"))
        ));
        doc.line("");
    }
}

fn chat_jsonl(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    let mut kind = 0;
    let users = ["U04ABC1X2", "U02KL9MZ7", "U05QW3ER4", "U01ZX8CV6", "U03TY6UI1"];
    for _ in 0..280 {
        clock.tick(f, 120_000);
        let text = if f.chance(0.25) {
            kind += 1;
            match kind % 14 {
                0 => format!(
                    "temp creds for the demo account: aws_secret_access_key={} (rotate after)",
                    plant(AWS_CREDENTIALS, &f.aws_secret_key())
                ),
                1 => format!(
                    "access key for the reporting bucket is {} -- secret in 1password",
                    plant(AWS_ACCESS_KEY_ID, &f.aws_access_key_id())
                ),
                2 => format!(
                    "here is the sendgrid key for staging {} please don't share it",
                    plant(SENDGRID_API_KEY, &f.sendgrid_key())
                ),
                3 => format!(
                    "prod stripe key is {} pls rotate after the migration",
                    plant(STRIPE_CREDENTIALS, &f.stripe_key())
                ),
                4 => format!(
                    "use this token against the API for now: {} (expires in an hour)",
                    plant(JSON_WEB_TOKEN, &f.jwt())
                ),
                5 => format!(
                    "webhook for the alerts channel: {} -- ping me if it 404s",
                    plant(SLACK_WEBHOOK_URL, &f.slack_webhook())
                ),
                6 => format!(
                    "bot token is {} , scopes chat:write and channels:read",
                    plant(SLACK_TOKEN, &f.slack_token())
                ),
                7 => format!(
                    "my cell is {} if the pager does not work during the window",
                    plant_phone(&f.phone_us())
                ),
                8 => format!(
                    "can you add {} to the on-call rotation doc when you get a sec?",
                    plant(EMAIL_ADDRESS, &f.email())
                ),
                9 => format!(
                    "CI needs a new token, I used {} until we set up the GitHub app",
                    plant(GITHUB_TOKEN, &f.github_token())
                ),
                10 => format!(
                    "gitlab mirror token: {} (scope read_repository only)",
                    plant(GITLAB_TOKEN, &f.gitlab_token())
                ),
                11 => format!(
                    "maps key for the store locator {} restricted to our domains",
                    plant(GCP_API_KEY, &f.gcp_api_key())
                ),
                12 => format!(
                    "customer says card {} was charged twice, refund it?",
                    plant(CREDIT_CARD_NUMBER, &f.card())
                ),
                _ => format!(
                    "publish with {} then revoke it, it's the personal one",
                    plant(NPM_TOKEN, &f.npm_token())
                ),
            }
        } else {
            match f.int(0..=13) {
                0 => "lgtm, merging".to_string(),
                1 => format!("deploy {} is out, watching the dashboards", f.hex(7)),
                2 => format!("anyone seen request {} in the logs? 502s from checkout", f.uuid()),
                3 => "standup in 5".to_string(),
                4 => format!("bumped storefront to {} and the flaky test is gone", f.version()),
                5 => format!(
                    "order {} is stuck in pending_review, can someone from payments look?",
                    f.number(9)
                ),
                6 => format!("sha of the build that broke: {}", f.hex(40)),
                7 => format!(
                    "the dev key in the docs is ghp_{} -- fake, checksum does not match",
                    &f.decoy_github_token()[4..]
                ),
                8 => "thanks!".to_string(),
                9 => format!(
                    "latency p99 went from {}ms to {}ms after the cache change",
                    f.int(200..=400),
                    f.int(401..=900)
                ),
                10 => format!(
                    "ticket ref {} -- customer asked about delivery, not urgent",
                    f.ssn_shaped()
                ),
                11 => "@here the status page is updated, ping @dana.whitfield for the postmortem".to_string(),
                12 => "if the form rejects you, write to privacy(at)acmecorp.io instead".to_string(),
                _ => format!(
                    "test card 4000 0000 0000 {} is the 3DS one? nope, that one fails Luhn on purpose",
                    f.pick(&["3221", "3226", "3227"])
                ),
            }
        };
        doc.line(format!(
            r#"{{"ts":"{}.{}","channel":"{}","user":"{}","text":"{}"}}"#,
            clock.epoch_seconds(),
            f.digits(6),
            f.pick(&[
                "#eng-platform",
                "#payments",
                "#incidents",
                "#random",
                "#support-escalations"
            ]),
            f.pick(&users),
            text
        ));
    }
}

fn onboarding_md(doc: &mut Doc, f: &mut Fake) {
    doc.line("# Developer onboarding");
    doc.line("");
    doc.line("Welcome! This page gets you from a new laptop to a running storefront. It is kept in the repo,");
    doc.line("so everything below must be safe to commit: use placeholders, never real keys.");
    doc.line("");
    doc.line("## Accounts");
    doc.line("");
    doc.line("Ask your manager for access to GitHub, GitLab (for the infra mirror), AWS SSO and Slack. Your");
    doc.line("laptop is enrolled by IT; the asset tag is on the box (format `ACME-2024-0000`).");
    doc.line("");
    doc.line("## Local configuration");
    doc.line("");
    doc.line("Copy `.env.example` to `.env`. The example file looks like this:");
    doc.line("");
    doc.line("```");
    doc.line("DATABASE_URL=postgres://localhost:5432/storefront_dev");
    doc.line("REDIS_URL=redis://localhost:6379/0");
    doc.line("AWS_ACCESS_KEY_ID=AKIA_YOUR_ACCESS_KEY");
    doc.line("AWS_SECRET_ACCESS_KEY=<your-secret-access-key>");
    doc.line("GOOGLE_MAPS_API_KEY=AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
    doc.line("SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    doc.line("GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx");
    doc.line("STRIPE_LIVE_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx");
    doc.line("PARTNER_API_AUTH=\"Authorization: Basic <base64 of user:password>\"");
    doc.line(format!(
        "STRIPE_SECRET_KEY={}",
        plant_test(STRIPE_CREDENTIALS, "sk_test_4eC39HqLyjWDarjtT1zdp7dc")
    ));
    doc.line(format!("STRIPE_PUBLISHABLE_KEY=pk_live_{}", f.alnum(24)));
    doc.line("SLACK_BOT_TOKEN=xoxb-your-token-here");
    doc.line(format!("GITHUB_TOKEN={}", f.decoy_github_token()));
    doc.line(format!("NPM_TOKEN={}", f.decoy_npm_token()));
    doc.line("```");
    doc.line("");
    doc.line("The Stripe key is Stripe's documented test key. The GitHub and npm values are deliberately broken:");
    doc.line("their checksums do not match. Replace all three with your own personal tokens.");
    doc.line("");
    doc.line("For the AWS CLI the documentation example works offline with localstack:");
    doc.line("");
    doc.line("```");
    doc.line("[localstack]");
    doc.line(format!(
        "aws_access_key_id = {}",
        plant_test(AWS_ACCESS_KEY_ID, "AKIAIOSFODNN7EXAMPLE")
    ));
    doc.line("region = us-east-1");
    doc.line("```");
    doc.line("");
    doc.line("## Payments in development");
    doc.line("");
    doc.line(format!(
        "Use the network test card {} with any future expiry and any CVC.",
        plant_test(CREDIT_CARD_NUMBER, "4111 1111 1111 1111")
    ));
    doc.line(format!(
        "For Mastercard flows use {} instead; both only work in test mode.",
        plant_test(CREDIT_CARD_NUMBER, "5555555555554444")
    ));
    doc.line(format!(
        "Card numbers such as {} are mistyped on purpose to test validation.",
        f.decoy_card()
    ));
    doc.line("");
    doc.line("## Running the stack");
    doc.line("");
    doc.line(format!(
        "We pin Node {} and Postgres {}; `make dev` starts both. The API listens on",
        f.version(),
        f.int(14..=16)
    ));
    doc.line("http://localhost:8080 and the admin UI on https://admin.localhost:8443/ (self-signed).");
    doc.line("");
    doc.line(format!(
        "The first run downloads about {} MB of images. Image digests are pinned, for example",
        f.int(400..=900)
    ));
    doc.line(format!("`ghcr.io/acme/storefront@sha256:{}`.", f.hex(64)));
    doc.line("");
    doc.line("## Reading list");
    doc.line("");
    for _ in 0..6 {
        doc.line(format!("- ISBN {}, chapter {}", f.isbn13(), f.int(1..=14)));
    }
    doc.line("");
    doc.line("## Useful references");
    doc.line("");
    doc.line(format!(
        "- Architecture decision records: docs/adr/ (latest is ADR-{:04})",
        f.int(30..=80)
    ));
    doc.line(format!(
        "- Request ids in logs are UUIDs like {}; trace ids are 32 hex digits.",
        f.uuid()
    ));
    doc.line(format!(
        "- Release {} shipped on {}; see the changelog for {}.",
        f.version(),
        f.int(2020..=2023),
        f.hex(40)
    ));
    doc.line(
        "- A token from the auth service starts with `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.<payload>.<signature>`.",
    );
    doc.line(format!(
        "- Support ticket numbers look like {} but are not identity numbers.",
        f.ssn_shaped()
    ));
    doc.line("- The on-call handbook is at https://wiki.acmecorp.io/oncall (SSO).");
    doc.line("");
    doc.line("## Keys and certificates");
    doc.line("");
    doc.line("Never paste private keys here. The public key of the release signer, for verifying tarballs:");
    doc.line("");
    doc.line("```");
    doc.line(f.public_key_pem());
    doc.line("```");
    doc.line("");
    doc.line("A placeholder for the runbook:");
    doc.line("");
    doc.line("```");
    doc.line("-----BEGIN PRIVATE KEY-----");
    doc.line("...");
    doc.line("-----END PRIVATE KEY-----");
    doc.line("```");
}

fn outbox_mbox(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    for n in 0..45 {
        clock.tick(f, 20_000_000);
        let sender = f.person();
        let recipient = f.person();
        let sender_email = f.work_email(sender, "acmecorp.io");
        let recipient_email = f.email_for(recipient);
        doc.line(format!(
            "From {} {}",
            plant(EMAIL_ADDRESS, &sender_email),
            clock.rfc2822()
        ));
        doc.line(format!(
            "From: {} <{}>",
            sender.full(),
            plant(EMAIL_ADDRESS, &sender_email)
        ));
        doc.line(format!(
            "To: {} <{}>",
            recipient.full(),
            plant(EMAIL_ADDRESS, &recipient_email)
        ));
        doc.line(format!("Date: {}", clock.rfc2822()));
        let (subject, body): (&str, Vec<String>) = match n % 5 {
            0 => (
                "Invoice reminder",
                vec![
                    format!("Dear {},", recipient.first),
                    "".to_string(),
                    format!(
                        "Invoice INV-2024-{} for {} EUR is now overdue. Please transfer the amount to our",
                        f.digits(6),
                        f.amount()
                    ),
                    format!(
                        "account IBAN {} (BIC {}), quoting the invoice number.",
                        plant(IBAN, &f.iban(true)),
                        f.bic()
                    ),
                ],
            ),
            1 => (
                "Your new starter pack",
                vec![
                    format!("Hi {},", recipient.first),
                    "".to_string(),
                    "Welcome aboard! For payroll we have recorded the following details, please check them:"
                        .to_string(),
                    format!(
                        "Social Security number {} and direct deposit to routing number",
                        plant(USA_SSN, &f.ssn())
                    ),
                    format!(
                        "{} (account ending {}). Reply to this email if anything is wrong.",
                        plant(USA_ROUTING_NUMBER, &f.routing_number()),
                        f.digits(4)
                    ),
                ],
            ),
            2 => (
                "Re: delivery address",
                vec![
                    format!("Hi {},", recipient.first),
                    "".to_string(),
                    format!(
                        "The courier could not reach you. Could you confirm a mobile number? We have {} on",
                        plant_phone(&f.phone_us())
                    ),
                    "file, but it goes straight to voicemail. The parcel is held at the depot for seven days."
                        .to_string(),
                ],
            ),
            3 => (
                "A little gift from us",
                vec![
                    format!("Hi {},", recipient.first),
                    "".to_string(),
                    format!(
                        "Our records show your date of birth as {}, so a voucher is on its way!",
                        plant(DATE_OF_BIRTH, &f.birth_date())
                    ),
                    "It is valid for thirty days in any of our stores and online, and cannot be exchanged for cash."
                        .to_string(),
                ],
            ),
            _ => (
                "Access for the partner integration",
                vec![
                    format!("Hi {},", recipient.first),
                    "".to_string(),
                    format!("As discussed, the sandbox callback uses HTTP Basic auth. Send the header"),
                    format!(
                        "Authorization: Basic {}",
                        plant(HTTP_BASIC_AUTH_HEADER, &f.basic_credential())
                    ),
                    "with every request. We will move you to OAuth once the contract is signed.".to_string(),
                ],
            ),
        };
        doc.line(format!("Subject: {subject}"));
        doc.line("MIME-Version: 1.0");
        doc.line("Content-Type: text/plain; charset=utf-8");
        doc.line("");
        for line in body {
            doc.line(line);
        }
        doc.line("");
        doc.line("Kind regards,");
        doc.line(sender.full());
        doc.line(format!(
            "{} | Acme Corp",
            f.pick(&["Accounts Receivable", "People Team", "Customer Care", "Partnerships"])
        ));
        doc.line(format!("Tel: {}", plant_phone(&f.phone_intl())));
        doc.line("");
    }
}

// ---------------------------------------------------------------------------------------------
// sample/: the README's demo folder (not labelled)
// ---------------------------------------------------------------------------------------------

fn sample_app_log(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    for i in 0..60 {
        clock.tick(f, 5000);
        let (level, logger, message) = match i {
            7 => app_sensitive(f, 0),
            15 => app_sensitive(f, 1),
            23 => app_sensitive(f, 2),
            31 => app_sensitive(f, 4),
            39 => app_sensitive(f, 5),
            47 => app_sensitive(f, 8),
            53 => app_sensitive(f, 6),
            _ => app_benign(f, &clock),
        };
        let line = app_line(f, &clock, level, logger, &message);
        doc.line(line);
    }
}

fn sample_customers_csv(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    doc.line("customer_id,name,email,phone,country,iban,signup_date");
    for _ in 0..20 {
        clock.tick(f, 40_000_000);
        let person = f.person();
        let country = f.pick(&["US", "US", "GB", "DE", "FR"]);
        let iban = if country != "US" && f.chance(0.5) {
            f.iban(false)
        } else {
            String::new()
        };
        let email = f.email_for(person);
        doc.line(format!(
            "{},{},{},{},{country},{iban},{}",
            100_000 + f.int(0..=899_999),
            person.full(),
            email,
            f.phone_in(country),
            clock.date()
        ));
    }
}

fn sample_env(doc: &mut Doc, f: &mut Fake) {
    doc.line("# storefront local settings");
    doc.line("PORT=8080");
    doc.line("LOG_LEVEL=debug");
    doc.line(format!("DATABASE_URL={}", f.url_with_credentials()));
    doc.line(format!("AWS_ACCESS_KEY_ID={}", f.aws_access_key_id()));
    doc.line(format!("AWS_SECRET_ACCESS_KEY={}", f.aws_secret_key()));
    doc.line(format!("STRIPE_SECRET_KEY={}", f.stripe_key()));
    doc.line(format!("SLACK_WEBHOOK_URL={}", f.slack_webhook()));
    doc.line(format!("GITHUB_TOKEN={}", f.github_token()));
    doc.line(format!("SESSION_SALT={}", f.hex(32)));
    doc.line("FEATURE_CHECKOUT_V2=true");
}

fn sample_ticket(doc: &mut Doc, f: &mut Fake) {
    let person = f.person();
    doc.line(format!(
        "Ticket #48213 from {} <{}>",
        person.full(),
        f.email_for(person)
    ));
    doc.line("Subject: Identity check failed");
    doc.line("");
    doc.line(format!(
        "Hi, the app says my identity could not be verified. My SSN is {} and",
        f.ssn()
    ));
    doc.line("I am sure I typed it correctly. Please call me back.");
    doc.line("");
    doc.line("Agent note: verified the caller against the profile before making any change. Details:");
    doc.line(format!(
        "date of birth {} confirmed with the customer over the phone line,",
        f.birth_date()
    ));
    doc.line(format!(
        "callback phone {}; refund of the duplicate charge on card",
        f.phone_us()
    ));
    doc.line(format!("{} approved.", f.card()));
}

// ---------------------------------------------------------------------------------------------
// bench: a large log-like corpus
// ---------------------------------------------------------------------------------------------

fn bench(args: &[String]) -> Result<(), String> {
    let dir = Path::new(&args[0]);
    let mut size_mb: u64 = 100;
    let mut files: u64 = 64;
    let mut rest = args[1..].iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().and_then(|v| v.parse::<u64>().ok()).filter(|v| *v > 0);
        match (flag.as_str(), value) {
            ("--size-mb", Some(v)) => size_mb = v,
            ("--files", Some(v)) => files = v,
            _ => return Err(format!("bad argument {flag:?}; {USAGE}")),
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let per_file = size_mb * 1024 * 1024 / files;
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()) as u64;
    let started = std::time::Instant::now();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                scope.spawn(move || -> Result<(), String> {
                    for index in (worker..files).step_by(workers as usize) {
                        bench_file(&dir.join(format!("logs-{index:04}.log")), index, per_file)?;
                    }
                    Ok(())
                })
            })
            .collect();
        handles
            .into_iter()
            .try_for_each(|h| h.join().expect("bench workers do not panic"))
    })?;
    println!(
        "bench: {files} files, {size_mb} MB in {:.1}s → {}",
        started.elapsed().as_secs_f64(),
        dir.display()
    );
    Ok(())
}

/// One benchmark file: access-log, JSON and application lines, about one sensitive value per 2 KB.
fn bench_file(path: &Path, index: u64, target: u64) -> Result<(), String> {
    let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let f = &mut Fake::new(&format!("bench/{index}"));
    let mut clock = Clock::new(f);
    let mut written = 0;
    let mut kind = index as usize;
    while written < target {
        clock.tick(f, 200);
        // Lines average about 200 bytes, so one in ten carries a value.
        let sensitive = f.chance(0.1);
        let line = match f.int(0..=2) {
            0 => {
                let request = if sensitive {
                    kind += 1;
                    unmarked(&access_sensitive(f, kind))
                } else {
                    access_benign(f)
                };
                access_line(f, &clock, &request)
            }
            1 => {
                let message = if sensitive {
                    kind += 1;
                    unmarked(&app_sensitive(f, kind).2)
                } else {
                    app_benign(f, &clock).2
                };
                format!(
                    r#"{{"ts":"{}","level":"info","service":"{}","request_id":"{}","duration_ms":{},"msg":{}}}"#,
                    clock.iso_ms(),
                    f.pick(&["checkout", "search", "billing", "auth"]),
                    f.uuid(),
                    f.int(1..=900),
                    serde_json::to_string(&message).expect("strings serialise")
                )
            }
            _ => {
                let (level, logger, message) = if sensitive {
                    kind += 1;
                    let (level, logger, message) = app_sensitive(f, kind);
                    (level, logger, unmarked(&message))
                } else {
                    app_benign(f, &clock)
                };
                app_line(f, &clock, level, logger, &message)
            }
        };
        out.write_all(line.as_bytes())
            .and_then(|()| out.write_all(b"\n"))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        written += line.len() as u64 + 1;
    }
    out.flush().map_err(|e| format!("{}: {e}", path.display()))
}
