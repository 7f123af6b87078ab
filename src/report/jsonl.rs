//! JSON Lines: one record a line, written as objects finish — `finding` records, then that
//! object's `object` record — and a final `summary` record. Every line has a `record` field.
//! Findings of live streams are written (and flushed) as they are found, before their object's
//! record, and not again with it.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::classify::{Finding, ScannedObject, Summary};
use crate::report::{Report, Sink};

pub struct Jsonl {
    sink: Sink,
    /// Per object name: how many of its findings `findings_so_far` has written.
    written_early: HashMap<String, usize>,
}

impl Jsonl {
    pub fn new(sink: Sink) -> Jsonl {
        Jsonl {
            sink,
            written_early: HashMap::new(),
        }
    }

    fn write_finding(&mut self, object: &str, finding: &Finding) -> io::Result<()> {
        serde_json::to_writer(
            &mut self.sink,
            &FindingRecord {
                record: "finding",
                object,
                finding,
            },
        )?;
        self.sink.write_all(b"\n")
    }
}

#[derive(Serialize)]
struct FindingRecord<'a> {
    record: &'static str,
    object: &'a str,
    #[serde(flatten)]
    finding: &'a Finding,
}

#[derive(Serialize)]
struct ObjectRecord<'a> {
    record: &'static str,
    #[serde(flatten)]
    object: &'a ScannedObject,
}

#[derive(Serialize)]
struct SummaryRecord<'a> {
    record: &'static str,
    #[serde(flatten)]
    summary: &'a Summary,
}

impl Report for Jsonl {
    fn object(&mut self, object: &ScannedObject) -> io::Result<()> {
        let early = self.written_early.remove(&object.object).unwrap_or(0);
        for finding in object.findings.iter().skip(early) {
            self.write_finding(&object.object, finding)?;
        }
        let without_findings = ScannedObject {
            findings: Vec::new(),
            ..object.clone()
        };
        serde_json::to_writer(
            &mut self.sink,
            &ObjectRecord {
                record: "object",
                object: &without_findings,
            },
        )?;
        self.sink.write_all(b"\n")?;
        // Streams (stdin, pipes) want each object's findings as soon as they are known.
        self.sink.flush()
    }

    fn findings_so_far(&mut self, object: &str, findings: &[Finding]) -> io::Result<()> {
        for finding in findings {
            self.write_finding(object, finding)?;
        }
        *self.written_early.entry(object.to_string()).or_default() += findings.len();
        self.sink.flush()
    }

    fn finish(mut self: Box<Self>, summary: &Summary) -> io::Result<()> {
        serde_json::to_writer(
            &mut self.sink,
            &SummaryRecord {
                record: "summary",
                summary,
            },
        )?;
        self.sink.write_all(b"\n")?;
        self.sink.commit()
    }
}
