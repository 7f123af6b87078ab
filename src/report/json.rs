//! JSON: one document, `{ schema_version, tool, summary, objects: [ { …, findings: […] } ] }`,
//! objects sorted by name so that two scans of the same data compare equal.

use std::io::{self, Write};

use serde::Serialize;

use crate::classify::{ScannedObject, Summary};
use crate::report::{Report, Sink};

pub const SCHEMA_VERSION: u32 = 1;

pub struct Json {
    sink: Sink,
    objects: Vec<ScannedObject>,
}

impl Json {
    pub fn new(sink: Sink) -> Json {
        Json {
            sink,
            objects: Vec::new(),
        }
    }
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'a str,
    version: &'a str,
}

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    tool: Tool<'a>,
    summary: &'a Summary,
    objects: &'a [ScannedObject],
}

impl Report for Json {
    fn object(&mut self, object: &ScannedObject) -> io::Result<()> {
        self.objects.push(object.clone());
        Ok(())
    }

    fn finish(mut self: Box<Self>, summary: &Summary) -> io::Result<()> {
        self.objects.sort_by(|a, b| a.object.cmp(&b.object));
        let document = Document {
            schema_version: SCHEMA_VERSION,
            tool: Tool {
                name: &summary.tool,
                version: &summary.version,
            },
            summary,
            objects: &self.objects,
        };
        serde_json::to_writer_pretty(&mut self.sink, &document)?;
        self.sink.write_all(b"\n")?;
        self.sink.commit()
    }
}
