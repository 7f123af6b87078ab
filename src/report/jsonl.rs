//! JSON Lines: one record a line, written as objects finish — `finding` records, then that
//! object's `object` record — and a final `summary` record. Every line has a `record` field.

use std::io::{self, Write};

use serde::Serialize;

use crate::classify::{Finding, ScannedObject, Summary};
use crate::report::{Report, Sink};

pub struct Jsonl {
    sink: Sink,
}

impl Jsonl {
    pub fn new(sink: Sink) -> Jsonl {
        Jsonl { sink }
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
        for finding in &object.findings {
            serde_json::to_writer(
                &mut self.sink,
                &FindingRecord {
                    record: "finding",
                    object: &object.object,
                    finding,
                },
            )?;
            self.sink.write_all(b"\n")?;
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
