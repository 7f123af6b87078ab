//! Orchestration: targets → objects (source) → text (decode) → matches (detect) → findings
//! (classify) → report. Objects are scanned in parallel on a rayon pool, one `Scratch` per worker;
//! results flow through a bounded channel to the one thread that writes the report. Invariant:
//! every object that was listed reaches the report, scanned or skipped with a reason, and an
//! interrupted scan still writes everything found so far and its summary.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use rayon::iter::{ParallelBridge, ParallelIterator};

use crate::classify::{self, Classifier, ClassifyOptions, ScannedObject, Summary};
use crate::decode::{self, DecodeOptions, SNIFF_LEN, Sniffed};
use crate::detect::stats::Stats;
use crate::detect::window::{self, Window};
use crate::detect::{Engine, EngineOptions, Scratch, Severity, catalog};
use crate::error::Error;
use crate::location::LineCounter;
use crate::report::{self, ReportOptions};
use crate::skip::{Skip, SkipReason};
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
}

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
    let (sender, receiver) = mpsc::sync_channel::<(ScannedObject, Stats)>(256);
    let mut write_error = None;
    std::thread::scope(|scope| {
        let engine = &engine;
        scope.spawn(move || pool.install(|| produce(config, engine, cancel, sender)));
        for (object, stats) in receiver {
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
fn produce(config: &Config, engine: &Engine, cancel: &AtomicBool, sender: mpsc::SyncSender<(ScannedObject, Stats)>) {
    let (list_tx, list_rx) = mpsc::sync_channel::<Listed>(1024);
    std::thread::scope(|scope| {
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
                    Listed::Object(o) => scan_object(config, engine, &o, scratch, cancel),
                    Listed::Skipped { name, target, skip } => skipped(&name, &target, skip),
                };
                let stats = std::mem::replace(&mut scratch.stats, Stats::new(engine.detectors().len()));
                let _ = sender.send((object, stats));
            },
        );
    });
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
    let content = match source::open(object, &config.walk) {
        Ok(c) => c,
        Err(skip) => return skipped(&object.name, &object.target, skip),
    };
    let mut state = ObjectScan::new(config, engine, object);
    match content {
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

/// One object's scan in progress.
struct ObjectScan<'a> {
    config: &'a Config,
    engine: &'a Engine,
    classifier: Classifier<'a>,
    lines: LineCounter,
    /// Occurrences per detector index: counted for every match, listed or not, without allocating.
    counts: Vec<u64>,
    result: ScannedObject,
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

    /// One window: find, locate and classify its matches.
    fn visit(&mut self, w: Window<'_>, scratch: &mut Scratch, cancel: &AtomicBool) -> ControlFlow<Skip> {
        if cancel.load(Ordering::Relaxed) {
            return ControlFlow::Break(Skip::new(
                SkipReason::Interrupted,
                "the scan was interrupted inside this object",
            ));
        }
        self.engine.scan_window(w.bytes, w.own.clone(), scratch);
        let limit = match self.config.max_findings_per_object {
            0 => usize::MAX,
            n => n,
        };
        for m in &scratch.matches {
            self.counts[m.detector as usize] += 1;
            if self.result.findings.len() >= limit {
                continue;
            }
            let (line, column) = self.lines.locate(w.bytes, w.base, w.base + m.value_start as u64);
            let finding = self
                .classifier
                .finding(w.bytes, w.base, m, &scratch.matches, line, column);
            self.result.findings.push(finding);
        }
        self.lines.advance(w.bytes, w.base, w.base + w.own.end as u64);
        ControlFlow::Continue(())
    }

    fn finish(mut self) -> ScannedObject {
        let mut counts: BTreeMap<String, u64> = self
            .engine
            .detectors()
            .iter()
            .zip(&self.counts)
            .filter(|(_, n)| **n > 0)
            .map(|(d, n)| (d.spec.id.clone(), *n))
            .collect();
        self.result.sensitivity = classify::finish_object(
            &mut self.result.findings,
            &mut counts,
            &mut self.result.below_threshold,
            self.engine.detectors(),
        );
        self.result.finding_count = counts.values().sum();
        self.result.findings_by_detector = counts;
        self.result
    }
}
