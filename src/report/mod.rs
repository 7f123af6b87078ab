//! Reports: one `Report` trait (object by object, then the summary) and one writer per format.
//! Invariant: a report file appears only complete — it is written to a temporary file beside the
//! target (mode 0600) and renamed into place by `finish`.

mod asff;
mod csv;
mod html;
mod human;
mod json;
mod jsonl;
pub mod merge;
pub mod replay;
mod sarif;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::classify::{Finding, Rollup, ScannedObject, Summary};
use crate::detect::catalog::{Category, DetectorSpec, Severity, SeveritySpec};
use crate::error::Error;
use crate::posture::BucketPosture;

pub use asff::AsffOptions;

/// Report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Jsonl,
    /// SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers.
    Sarif,
    /// AWS Security Finding Format, one finding per object, for Security Hub.
    Asff,
    /// One row a finding, for spreadsheets.
    Csv,
    /// One self-contained HTML page.
    Html,
}

/// Whether human output uses colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Color {
    /// On terminals, unless `NO_COLOR` is set.
    #[default]
    Auto,
    Always,
    Never,
}

/// Options of reporting, gathered by `scan::Config`.
#[derive(Clone, Debug)]
pub struct ReportOptions {
    pub format: Format,
    pub output: Option<PathBuf>,
    /// Also write the rollups and bucket posture as CSV to this file (`--rollups-csv`).
    pub rollups_csv: Option<PathBuf>,
    pub color: Color,
    /// Human output: also print the candidates dropped per detector and reason.
    pub show_stats: bool,
    /// What the SARIF, ASFF and HTML formats need beyond the findings.
    pub formats: FormatOptions,
}

/// What some formats need beyond the findings: the detectors' names and descriptions (SARIF
/// rules, HTML labels) and the AWS account the ASFF findings belong to.
#[derive(Clone, Debug, Default)]
pub struct FormatOptions {
    pub detectors: Vec<DetectorInfo>,
    pub asff: AsffOptions,
}

/// A detector as reports describe it, taken from its catalogue entry.
#[derive(Clone, Debug, PartialEq)]
pub struct DetectorInfo {
    pub id: String,
    pub name: String,
    pub description: String,
    pub category: Category,
    pub severity: SeveritySpec,
    pub macie_id: Option<String>,
}

impl From<&DetectorSpec> for DetectorInfo {
    fn from(spec: &DetectorSpec) -> DetectorInfo {
        DetectorInfo {
            id: spec.id.clone(),
            name: spec.name.clone(),
            description: spec.description.clone(),
            category: spec.category,
            severity: spec.severity.clone(),
            macie_id: spec.macie_id.clone(),
        }
    }
}

impl FormatOptions {
    /// The catalogue entry of detector `id`, if the report was given one.
    pub fn detector(&self, id: &str) -> Option<&DetectorInfo> {
        self.detectors.iter().find(|d| d.id == id)
    }

    /// A detector's display name: its catalogue name, or its id when unknown (a report rebuilt
    /// without the custom detector files the scan used).
    pub fn detector_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.detector(id).map_or(id, |d| d.name.as_str())
    }
}

/// Sorts objects by name and each object's findings by position, so that every format built
/// from the same findings lists them in the same order whatever order the scan finished in.
fn sort_for_report(objects: &mut [ScannedObject]) {
    objects.sort_by(|a, b| a.object.cmp(&b.object));
    for object in objects.iter_mut() {
        object.findings.sort_by(|a, b| finding_order(a).cmp(&finding_order(b)));
    }
}

fn finding_order(f: &Finding) -> (&Option<String>, u64, &str) {
    (&f.location.member, f.location.offset, f.detector.as_str())
}

/// A rollup's prefixes (or folders), most sensitive first, then by name: the scan records them
/// in the order first met, which parallel scans vary.
fn ranked_prefixes(rollup: &Rollup) -> Vec<&Rollup> {
    let mut prefixes: Vec<&Rollup> = rollup.prefixes.iter().collect();
    prefixes.sort_by(|a, b| b.score.cmp(&a.score).then(a.target.cmp(&b.target)));
    prefixes
}

/// The bucket of an `s3://bucket/...` target; None for local targets.
fn bucket_of(target: &str) -> Option<&str> {
    let rest = target.strip_prefix("s3://")?;
    rest.split('/').next().filter(|b| !b.is_empty())
}

/// The posture of the bucket `rollup` is a target (or prefix) in, when the scan read one.
fn posture_of<'a>(summary: &'a Summary, target: &str) -> Option<&'a BucketPosture> {
    let bucket = bucket_of(target)?;
    summary.posture.iter().find(|p| p.bucket == bucket)
}

/// Ordering key that puts the most severe first.
fn severity_rank(s: Severity) -> u8 {
    match s {
        Severity::High => 0,
        Severity::Medium => 1,
        Severity::Low => 2,
    }
}

/// A report writer: objects as they finish, then the summary.
pub trait Report: Send {
    fn object(&mut self, object: &ScannedObject) -> io::Result<()>;
    /// Findings of an object still being read (a live stream: stdin, a pipe, `--follow`), in
    /// order, as soon as their line is complete; their severity is the one their count so far
    /// gives. `object` later receives the same findings again, with final severities: formats
    /// that write whole documents ignore this, streaming formats write these at once and skip
    /// them there.
    fn findings_so_far(&mut self, object: &str, findings: &[Finding]) -> io::Result<()> {
        let _ = (object, findings);
        Ok(())
    }
    fn finish(self: Box<Self>, summary: &Summary) -> io::Result<()>;
}

/// Opens the writer for `options`.
pub fn open(options: &ReportOptions) -> Result<Box<dyn Report>, Error> {
    let sink = Sink::open(
        options.output.as_deref(),
        options.color,
        options.format == Format::Human,
    )?;
    let report: Box<dyn Report> = match options.format {
        // Files never get colour; stdout's AutoStream strips it off terminals and under NO_COLOR.
        Format::Human => Box::new(human::Human::new(
            sink,
            options.show_stats,
            options.output.is_none() && options.color != Color::Never,
        )),
        Format::Json => Box::new(json::Json::new(sink)),
        Format::Jsonl => Box::new(jsonl::Jsonl::new(sink)),
        Format::Sarif => Box::new(sarif::Sarif::new(sink, options.formats.clone())),
        Format::Asff => Box::new(asff::Asff::new(sink, options.formats.clone())),
        Format::Csv => Box::new(csv::Csv::new(sink)),
        Format::Html => Box::new(html::Html::new(sink, options.formats.clone())),
    };
    Ok(match &options.rollups_csv {
        Some(path) => Box::new(WithRollupsCsv {
            inner: report,
            sink: Sink::open(Some(path), Color::Never, false)?,
        }),
        None => report,
    })
}

/// Any report plus the rollups CSV (`--rollups-csv FILE`): the findings CSV stays one row a
/// finding, so the rollups go to a file of their own, written from the same summary.
struct WithRollupsCsv {
    inner: Box<dyn Report>,
    sink: Sink,
}

impl Report for WithRollupsCsv {
    fn object(&mut self, object: &ScannedObject) -> io::Result<()> {
        self.inner.object(object)
    }

    fn findings_so_far(&mut self, object: &str, findings: &[Finding]) -> io::Result<()> {
        self.inner.findings_so_far(object, findings)
    }

    fn finish(self: Box<Self>, summary: &Summary) -> io::Result<()> {
        let WithRollupsCsv { inner, mut sink } = *self;
        csv::write_rollups(&mut sink, summary)?;
        sink.commit()?;
        inner.finish(summary)
    }
}

/// Where a report goes: standard output, or a temporary file renamed over the target at the end.
pub struct Sink {
    out: Box<dyn Write + Send>,
    file: Option<(tempfile::NamedTempFile, PathBuf)>,
}

impl Sink {
    fn open(path: Option<&Path>, color: Color, human: bool) -> Result<Sink, Error> {
        let Some(path) = path else {
            let choice = match color {
                Color::Auto if human => anstream::ColorChoice::Auto,
                Color::Always if human => anstream::ColorChoice::Always,
                _ => anstream::ColorChoice::Never,
            };
            let stdout = anstream::AutoStream::new(io::stdout(), choice);
            return Ok(Sink {
                out: Box::new(io::BufWriter::new(stdout)),
                file: None,
            });
        };
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let report_error = |source| Error::Report {
            path: path.to_path_buf(),
            source,
        };
        // A device or pipe (`--output /dev/null`, a FIFO) is written in place: renaming a file over
        // it would replace the device with a regular file.
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            let writer = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(report_error)?;
            return Ok(Sink {
                out: Box::new(io::BufWriter::new(writer)),
                file: None,
            });
        }
        // NamedTempFile creates the file with mode 0600: reports name where sensitive data is.
        let temp = tempfile::Builder::new()
            .prefix(".piiscan-report-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(report_error)?;
        let writer = temp.reopen().map_err(report_error)?;
        Ok(Sink {
            out: Box::new(io::BufWriter::new(writer)),
            file: Some((temp, path.to_path_buf())),
        })
    }

    /// Flushes and, for a file, syncs and renames it into place.
    fn commit(mut self) -> io::Result<()> {
        self.out.flush()?;
        drop(self.out);
        if let Some((temp, path)) = self.file {
            temp.as_file().sync_all()?;
            temp.persist(&path).map_err(|e| e.error)?;
        }
        Ok(())
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
