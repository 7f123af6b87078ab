//! Orchestration: targets → objects (source) → text (decode) → matches (detect) → findings
//! (classify) → report. Objects are scanned in parallel on a rayon pool, one `Scratch` per worker;
//! results flow through a bounded channel to the one thread that writes the report. Invariant:
//! every object that was listed reaches the report, scanned or skipped with a reason, and an
//! interrupted scan still writes everything found so far and its summary.
//!
//! Live streams (stdin, pipes, `--follow`) are read in line-flushed windows: the findings of each
//! complete line go to the report (`Report::findings_so_far`) as soon as the line has arrived.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use rayon::iter::{ParallelBridge, ParallelIterator};

use crate::classify::{self, Classifier, ClassifyOptions, Finding, ScannedObject, Summary};
use crate::decode::{self, DecodeOptions, SNIFF_LEN, Sniffed};
use crate::detect::stats::Stats;
use crate::detect::window::{self, LineHold, Window};
use crate::detect::{Engine, EngineOptions, Scratch, Severity, catalog};
use crate::error::Error;
use crate::location::LineCounter;
use crate::report::{self, ReportOptions};
use crate::skip::{Skip, SkipReason};
use crate::source::follow::{Follow, FollowOptions};
use crate::source::stream::Cancellable;
use crate::source::{self, Content, Listed, Object, ObjectKind, WalkOptions};

/// Everything a scan needs, built once from flags (and later a config file) and passed by
/// reference.
#[derive(Clone, Debug)]
pub struct Config {
    /// Paths, folders, or `-` for stdin.
    pub targets: Vec<String>,
    pub detector_files: Vec<PathBuf>,
    pub engine: EngineOptions,
    pub walk: WalkOptions,
    pub decode: DecodeOptions,
    pub classify: ClassifyOptions,
    pub report: ReportOptions,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Bytes each window owns.
    pub window_size: usize,
    /// Findings listed per object; the rest are counted (0: no limit).
    pub max_findings_per_object: usize,
    /// A file to follow as it grows (`--follow`), scanned as a live stream until cancelled.
    pub follow: Option<FollowOptions>,
}

/// What workers send to the report thread: findings of a live stream as they are found, or a
/// finished object.
enum Message {
    Progress(String, Vec<Finding>),
    Done(ScannedObject, Stats),
}

/// Called with the findings of a live stream as soon as they are found.
type Progress<'a> = &'a (dyn Fn(&str, &[Finding]) + Sync);

/// How a scan ended, for the exit code.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    pub highest_severity: Option<Severity>,
    pub objects_skipped: u64,
    pub interrupted: bool,
}

/// Builds the engine from the catalogue and the user's detector files.
pub fn build_engine(detector_files: &[PathBuf], options: &EngineOptions) -> Result<Engine, Error> {
    Engine::new(catalog::load(detector_files)?, options)
}

/// Runs a scan to completion (or interruption via `cancel`) and writes its report.
pub fn run(config: &Config, cancel: &AtomicBool) -> Result<Outcome, Error> {
    let started = Instant::now();
    let engine = build_engine(&config.detector_files, &config.engine)?;
    let mut report = report::open(&config.report)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build()
        .map_err(|e| Error::Usage(format!("cannot start worker threads: {e}")))?;
    let mut summary = Summary {
        tool: env!("CARGO_PKG_NAME").to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        ..Summary::default()
    };
    let (sender, receiver) = mpsc::sync_channel::<Message>(256);
    let mut write_error = None;
    std::thread::scope(|scope| {
        let engine = &engine;
        scope.spawn(move || pool.install(|| produce(config, engine, cancel, sender)));
        for message in receiver {
            let (object, stats) = match message {
                Message::Done(object, stats) => (object, stats),
                Message::Progress(name, findings) => {
                    if write_error.is_none()
                        && let Err(e) = report.findings_so_far(&name, &findings)
                    {
                        write_error = Some(e);
                        cancel.store(true, Ordering::SeqCst);
                    }
                    continue;
                }
            };
            summary.add(&object);
            summary.add_stats(&stats, engine.detectors());
            if write_error.is_none()
                && let Err(e) = report.object(&object)
            {
                write_error = Some(e);
                cancel.store(true, Ordering::SeqCst);
            }
        }
    });
    let report_error = |source| Error::Report {
        path: config
            .report
            .output
            .clone()
            .unwrap_or_else(|| PathBuf::from("<stdout>")),
        source,
    };
    if let Some(e) = write_error {
        return Err(report_error(e));
    }
    summary.interrupted = cancel.load(Ordering::SeqCst);
    summary.duration_ms = started.elapsed().as_millis() as u64;
    summary
        .rollups
        .sort_by(|a, b| b.score.cmp(&a.score).then(a.target.cmp(&b.target)));
    let outcome = Outcome {
        highest_severity: summary.highest_severity,
        objects_skipped: summary.objects_skipped,
        interrupted: summary.interrupted,
    };
    report.finish(&summary).map_err(report_error)?;
    Ok(outcome)
}

/// Lists every target's objects on this thread and scans them on the pool.
fn produce(config: &Config, engine: &Engine, cancel: &AtomicBool, sender: mpsc::SyncSender<Message>) {
    let (list_tx, list_rx) = mpsc::sync_channel::<Listed>(1024);
    let progress_sender = sender.clone();
    let progress = move |name: &str, findings: &[Finding]| {
        let _ = progress_sender.send(Message::Progress(name.to_string(), findings.to_vec()));
    };
    let progress: Progress<'_> = &progress;
    std::thread::scope(|scope| {
        if let Some(follow) = &config.follow {
            let sender = sender.clone();
            scope.spawn(move || {
                let mut scratch = engine.new_scratch();
                let object = scan_followed(config, engine, follow, &mut scratch, cancel, progress);
                let _ = sender.send(Message::Done(object, scratch.stats));
            });
        }
        scope.spawn(move || {
            for target in &config.targets {
                if target == "-" {
                    let _ = list_tx.send(Listed::Object(Object {
                        name: "-".into(),
                        target: "-".into(),
                        kind: ObjectKind::Stdin,
                        size: None,
                    }));
                    continue;
                }
                source::local::walk(target, &config.walk, |listed| {
                    let _ = list_tx.send(listed);
                });
            }
        });
        list_rx.into_iter().par_bridge().for_each_init(
            || engine.new_scratch(),
            |scratch, listed| {
                let object = match listed {
                    Listed::Object(o) if cancel.load(Ordering::SeqCst) => skipped(
                        &o.name,
                        &o.target,
                        Skip::new(SkipReason::Interrupted, "the scan was interrupted before this object"),
                    ),
                    Listed::Object(o) => scan_any(config, engine, &o, scratch, cancel, Some(progress)),
                    Listed::Skipped { name, target, skip } => skipped(&name, &target, skip),
                };
                let stats = std::mem::replace(&mut scratch.stats, Stats::new(engine.detectors().len()));
                let _ = sender.send(Message::Done(object, stats));
            },
        );
    });
}

fn interrupted() -> Skip {
    Skip::new(SkipReason::Interrupted, "the scan was interrupted inside this object")
}

fn skipped(name: &str, target: &str, skip: Skip) -> ScannedObject {
    ScannedObject {
        object: name.to_string(),
        target: target.to_string(),
        format: "unknown".into(),
        skipped: Some(skip),
        ..ScannedObject::default()
    }
}

/// Scans one object: open, sniff, then windows of the mapped bytes or of the stream.
pub fn scan_object(
    config: &Config,
    engine: &Engine,
    object: &Object,
    scratch: &mut Scratch,
    cancel: &AtomicBool,
) -> ScannedObject {
    scan_any(config, engine, object, scratch, cancel, None)
}

/// As `scan_object`; stdin and pipes are scanned as live streams, their findings passed to
/// `progress` (when given) line by line.
fn scan_any(
    config: &Config,
    engine: &Engine,
    object: &Object,
    scratch: &mut Scratch,
    cancel: &AtomicBool,
    progress: Option<Progress<'_>>,
) -> ScannedObject {
    let content = match source::open(object, &config.walk) {
        Ok(c) => c,
        Err(skip) => return skipped(&object.name, &object.target, skip),
    };
    let mut state = ObjectScan::new(config, engine, object);
    match content {
        Content::Stream(reader) if matches!(object.kind, ObjectKind::Stdin | ObjectKind::Stream(_)) => {
            state.progress = progress;
            state.scan_live(Cancellable::new(reader, cancel), false, scratch, cancel);
        }
        Content::Mapped(map) => {
            let sniffed = decode::sniff(&map[..map.len().min(SNIFF_LEN)]);
            state.result.format = sniffed.format().into();
            if let Some(skip) = decode::binary_skip(sniffed, &config.decode) {
                return state.skip(skip);
            }
            if matches!(sniffed, Sniffed::Utf16Le | Sniffed::Utf16Be) {
                let reader = decode::text_reader(sniffed, Box::new(Cursor::new(&map[..])));
                state.scan_stream(reader, scratch, cancel);
            } else {
                state.scan_mapped(&map, scratch, cancel);
            }
        }
        Content::Stream(mut reader) => {
            let mut head = Vec::with_capacity(SNIFF_LEN);
            if let Err(e) = (&mut reader).take(SNIFF_LEN as u64).read_to_end(&mut head) {
                return state.skip(Skip::io(&e));
            }
            let sniffed = decode::sniff(&head);
            state.result.format = sniffed.format().into();
            if let Some(skip) = decode::binary_skip(sniffed, &config.decode) {
                return state.skip(skip);
            }
            let reader = decode::text_reader(sniffed, Box::new(Cursor::new(head).chain(reader)));
            state.scan_stream(reader, scratch, cancel);
        }
    }
    state.finish()
}

/// Follows a file (`--follow`) until the scan is cancelled.
fn scan_followed(
    config: &Config,
    engine: &Engine,
    follow: &FollowOptions,
    scratch: &mut Scratch,
    cancel: &AtomicBool,
    progress: Progress<'_>,
) -> ScannedObject {
    let name = follow.path.display().to_string();
    let object = Object {
        name: name.clone(),
        target: name,
        kind: ObjectKind::Stream(follow.path.clone()),
        size: None,
    };
    let mut state = ObjectScan::new(config, engine, &object);
    match Follow::open(follow, cancel) {
        Ok(reader) => {
            state.progress = Some(progress);
            state.scan_live(reader, true, scratch, cancel);
            state.finish()
        }
        Err(e) => state.skip(Skip::io(&e)),
    }
}

/// One object's scan in progress.
struct ObjectScan<'a> {
    config: &'a Config,
    engine: &'a Engine,
    classifier: Classifier<'a>,
    lines: LineCounter,
    /// Occurrences per detector index: counted for every match, listed or not, without allocating.
    counts: Vec<u64>,
    result: ScannedObject,
    /// Live streams: where findings go as soon as they are found, and how many have gone.
    progress: Option<Progress<'a>>,
    reported: usize,
}

impl<'a> ObjectScan<'a> {
    fn new(config: &'a Config, engine: &'a Engine, object: &Object) -> ObjectScan<'a> {
        ObjectScan {
            config,
            engine,
            classifier: Classifier {
                detectors: engine.detectors(),
                options: &config.classify,
            },
            lines: LineCounter::default(),
            counts: vec![0; engine.detectors().len()],
            result: ScannedObject {
                object: object.name.clone(),
                target: object.target.clone(),
                size: object.size,
                format: "text".into(),
                ..ScannedObject::default()
            },
            progress: None,
            reported: 0,
        }
    }

    fn skip(mut self, skip: Skip) -> ScannedObject {
        self.result.skipped = Some(skip);
        self.finish()
    }

    /// Mapped bytes: windows are slices of the map; pages already scanned are handed back to the
    /// kernel as we go, so resident memory stays near one window whatever the file's size.
    fn scan_mapped(&mut self, map: &memmap2::Mmap, scratch: &mut Scratch, cancel: &AtomicBool) {
        const RELEASE_EVERY: usize = 64 << 20;
        let mut released = 0usize;
        let flow = window::slice_windows(&map[..], self.config.window_size, self.engine.overlap(), |w| {
            let base = w.base as usize;
            if base >= released + RELEASE_EVERY {
                let upto = base & !(4096 - 1);
                // SAFETY: no slice of the map below `base` is used again: windows only move forward.
                let _ = unsafe {
                    map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, released, upto - released)
                };
                released = upto;
            }
            self.visit(w, scratch, cancel)
        });
        if let ControlFlow::Break(skip) = flow {
            self.result.skipped = Some(skip);
        }
    }

    fn scan_stream(&mut self, mut reader: Box<dyn Read + Send + '_>, scratch: &mut Scratch, cancel: &AtomicBool) {
        let mut buf = Vec::new();
        let mut total = 0u64;
        let result = window::read_windows(
            &mut reader,
            self.config.window_size,
            self.engine.overlap(),
            &mut buf,
            |w| {
                total = w.base + w.own.end as u64;
                self.visit(w, scratch, cancel)
            },
        );
        if self.result.size.is_none() || self.result.format.starts_with("utf-16") {
            self.result.size = Some(total);
        }
        match result {
            Ok(ControlFlow::Break(skip)) => self.result.skipped = Some(skip),
            Ok(ControlFlow::Continue(_)) => {}
            Err(e) => self.result.skipped = Some(Skip::io(&e)),
        }
    }

    /// A live stream: sniffed on its first read (waiting for a whole block would delay the first
    /// lines), then line-flushed windows; findings are passed on after each window.
    fn scan_live(&mut self, mut reader: impl Read + Send, follows: bool, scratch: &mut Scratch, cancel: &AtomicBool) {
        let mut head = vec![0u8; SNIFF_LEN];
        let n = loop {
            match reader.read(&mut head) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.result.skipped = Some(Skip::io(&e));
                    return;
                }
                Ok(n) => break n,
            }
        };
        head.truncate(n);
        let sniffed = decode::sniff(&head);
        self.result.format = sniffed.format().into();
        if let Some(skip) = decode::binary_skip(sniffed, &self.config.decode) {
            self.result.skipped = Some(skip);
            return;
        }
        let mut reader = decode::text_reader(sniffed, Box::new(Cursor::new(head).chain(reader)));
        let hold = LineHold::new(self.engine.detectors());
        let mut buf = Vec::new();
        let mut total = 0u64;
        let result = window::line_windows(
            &mut reader,
            self.config.window_size,
            self.engine.overlap(),
            &mut buf,
            // The readers end the stream when the scan is cancelled; what they read is scanned.
            |w, flushed| {
                self.engine.scan_window(w.bytes, w.own.clone(), scratch);
                let settled = if flushed {
                    hold.settled(w.bytes, w.own.clone(), &scratch.matches)
                } else {
                    w.own.end
                };
                // Matches from the settled point on are found again by the next window.
                scratch.matches.retain(|m| m.start < settled);
                total = total.max(w.base + settled as u64);
                self.record(w.bytes, w.base, scratch);
                self.lines.advance(w.bytes, w.base, w.base + settled as u64);
                self.pass_on();
                ControlFlow::Continue(settled)
            },
        );
        self.result.size = Some(total);
        match result {
            Ok(ControlFlow::Break(skip)) => self.result.skipped = Some(skip),
            Ok(ControlFlow::Continue(n)) => self.result.size = Some(n),
            Err(e) => self.result.skipped = Some(Skip::io(&e)),
        }
        // A followed file has no end of its own: a signal is its normal end, not a cut.
        if cancel.load(Ordering::Relaxed) && !follows && self.result.skipped.is_none() {
            self.result.skipped = Some(Skip::new(
                SkipReason::Interrupted,
                "the scan was interrupted before the stream ended (everything read was scanned)",
            ));
        }
    }

    /// Passes the findings not yet passed on to `progress`, with the severity their detector's
    /// count so far gives (the object record at the end carries the final severity).
    fn pass_on(&mut self) {
        let Some(progress) = self.progress else { return };
        if self.result.findings.len() <= self.reported {
            return;
        }
        let mut fresh = self.result.findings[self.reported..].to_vec();
        let counts: BTreeMap<String, u64> = self
            .engine
            .detectors()
            .iter()
            .zip(&self.counts)
            .filter(|(_, n)| **n > 0)
            .map(|(d, n)| (d.spec.id.clone(), *n))
            .collect();
        classify::finish_object(&mut fresh, &counts, self.engine.detectors());
        progress(&self.result.object, &fresh);
        self.reported = self.result.findings.len();
    }

    /// One window: find, locate and classify its matches.
    fn visit(&mut self, w: Window<'_>, scratch: &mut Scratch, cancel: &AtomicBool) -> ControlFlow<Skip> {
        if cancel.load(Ordering::Relaxed) {
            return ControlFlow::Break(interrupted());
        }
        self.engine.scan_window(w.bytes, w.own.clone(), scratch);
        self.record(w.bytes, w.base, scratch);
        self.lines.advance(w.bytes, w.base, w.base + w.own.end as u64);
        ControlFlow::Continue(())
    }

    /// Counts, locates and classifies the matches in `scratch` (of a window starting at `base`).
    fn record(&mut self, bytes: &[u8], base: u64, scratch: &Scratch) {
        let limit = match self.config.max_findings_per_object {
            0 => usize::MAX,
            n => n,
        };
        for m in &scratch.matches {
            self.counts[m.detector as usize] += 1;
            if self.result.findings.len() >= limit {
                continue;
            }
            let (line, column) = self.lines.locate(bytes, base, base + m.value_start as u64);
            let finding = self.classifier.finding(bytes, base, m, &scratch.matches, line, column);
            self.result.findings.push(finding);
        }
    }

    fn finish(mut self) -> ScannedObject {
        let counts: BTreeMap<String, u64> = self
            .engine
            .detectors()
            .iter()
            .zip(&self.counts)
            .filter(|(_, n)| **n > 0)
            .map(|(d, n)| (d.spec.id.clone(), *n))
            .collect();
        self.result.sensitivity = classify::finish_object(&mut self.result.findings, &counts, self.engine.detectors());
        self.result.finding_count = counts.values().sum();
        self.result.findings_by_detector = counts;
        self.result
    }
}
