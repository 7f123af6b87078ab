//! `piiscan merge`: joins JSON Lines reports (the parts written by `scan --shard K/N`, or by scans
//! of different folders or buckets) into one report of any format. Objects are streamed through
//! (memory holds their names, not their findings); an object met again in a later part is dropped.
//! Invariant: the merged summary is the one a single scan of all the objects would have written,
//! except `duration_ms` (the longest part's: shards run side by side).
//!
//! What the objects carry (counts, findings, skips, rollups) is recomputed from them; what only a
//! summary carries (candidate counters, objects excluded by globs) is summed over the parts, and
//! the bucket posture is kept once per bucket.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::classify::{DetectorSummary, Summary};
use crate::error::Error;
use crate::report::{self, ReportOptions, replay};

/// What a merge read.
#[derive(Debug, Default)]
pub struct Merged {
    pub parts: usize,
    pub objects: u64,
    /// Objects met in more than one part, kept once (the first part's).
    pub duplicates: u64,
    /// Parts without a summary record (their scan was killed): the merged report is marked
    /// interrupted.
    pub cut_short: Vec<PathBuf>,
}

/// Merges the JSON Lines reports `inputs` into the report `options` asks for.
pub fn run(inputs: &[PathBuf], options: &ReportOptions) -> Result<Merged, Error> {
    let mut report = report::open(options)?;
    let report_error = |source| Error::Report {
        path: options.output.clone().unwrap_or_else(|| PathBuf::from("<stdout>")),
        source,
    };
    let mut seen: HashSet<String> = HashSet::new();
    let mut merged = Merged::default();
    let mut summary = Summary {
        tool: env!("CARGO_PKG_NAME").to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        ..Summary::default()
    };
    for input in inputs {
        merged.parts += 1;
        let part = replay::read(input, &mut |object| {
            if !seen.insert(object.object.clone()) {
                merged.duplicates += 1;
                return Ok(());
            }
            merged.objects += 1;
            summary.add(&object);
            report.object(&object).map_err(report_error)
        })?;
        match part {
            Some(part) => add_part(&mut summary, &part),
            None => {
                summary.interrupted = true;
                merged.cut_short.push(input.clone());
            }
        }
    }
    summary
        .rollups
        .sort_by(|a, b| b.score.cmp(&a.score).then(a.target.cmp(&b.target)));
    report.finish(&summary).map_err(report_error)?;
    Ok(merged)
}

/// Adds what only a part's summary knows.
fn add_part(summary: &mut Summary, part: &Summary) {
    summary.duration_ms = summary.duration_ms.max(part.duration_ms);
    summary.objects_excluded += part.objects_excluded;
    summary.interrupted |= part.interrupted;
    // Every shard of a bucket reads its posture: keep one per bucket, the first part's.
    for posture in &part.posture {
        if !summary.posture.iter().any(|p| p.bucket == posture.bucket) {
            summary.posture.push(posture.clone());
        }
    }
    for (reason, n) in &part.candidates_dropped {
        *summary.candidates_dropped.entry(reason.clone()).or_default() += n;
    }
    for (id, counters) in &part.detectors {
        add_detector(summary.detectors.entry(id.clone()).or_default(), counters);
    }
}

fn add_detector(into: &mut DetectorSummary, from: &DetectorSummary) {
    into.candidates += from.candidates;
    into.matched += from.matched;
    for (reason, n) in &from.dropped {
        *into.dropped.entry(reason.clone()).or_default() += n;
    }
}

/// The inputs as given, each checked to exist so that a mistyped glob fails before any writing.
pub fn check_inputs(inputs: &[PathBuf]) -> Result<(), Error> {
    for input in inputs {
        if input != Path::new("-") && !input.is_file() {
            return Err(Error::Usage(format!(
                "{}: no such report (merge reads the JSON Lines reports of `scan --format jsonl`)",
                input.display()
            )));
        }
    }
    Ok(())
}
