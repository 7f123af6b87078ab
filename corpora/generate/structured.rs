//! Labelled structured files (CSV, JSON) for the header-and-key-path keyword rule: bare nine-digit
//! SSNs under an `ssn` column or key are planted; the same kind of number under `order_id` is a
//! decoy that must not be found. Files go under `core/structured/`.

use super::{Doc, Fake, Generate, USA_SSN, plant};

/// Detector ids this family's files plant (all already in the core list).
pub(crate) const DETECTORS: &[&str] = &[];

/// This family's labelled files, in the order expected.jsonl lists them.
pub(crate) const FILES: &[(&str, Generate)] = &[
    ("core/structured/hr_export.csv", hr_export_csv),
    ("core/structured/claims.json", claims_json),
];

/// A valid SSN's nine digits with no separators: found only by the name above it.
fn bare_ssn(f: &mut Fake) -> String {
    f.ssn().replace(['-', ' '], "")
}

/// Nine digits an SSN validator accepts, as an order number (no leading zero: a JSON number).
fn order_number(f: &mut Fake) -> String {
    format!("{:03}{:02}{:04}", f.int(100..=665), f.int(1..=99), f.int(1..=9999))
}

fn hr_export_csv(doc: &mut Doc, f: &mut Fake) {
    doc.line("employee_id,order_id,department,Social Security,notes");
    for i in 0..120 {
        doc.line(format!(
            "E{:05},{},{},{},{}",
            1000 + i,
            order_number(f),
            f.pick(&["sales", "ops", "finance", "support"]),
            plant(USA_SSN, &bare_ssn(f)),
            f.pick(&["", "remote", "\"part time, weekends\""])
        ));
    }
}

fn claims_json(doc: &mut Doc, f: &mut Fake) {
    doc.line("[");
    for i in 0..100 {
        let comma = if i < 99 { "," } else { "" };
        doc.line(format!(
            "  {{\"order_id\": {}, \"notes\": \"claim filed through the partner portal\", \"member\": {{\"ssn\": \"{}\"}}}}{comma}",
            order_number(f),
            plant(USA_SSN, &bare_ssn(f)),
        ));
    }
    doc.line("]");
}
