//! Orchestration: targets → objects (source) → text (decode) → matches (detect) → findings
//! (classify) → report. Objects are scanned in parallel on a rayon pool, one `Scratch` per worker;
//! results flow through a bounded channel to the one thread that writes the report. Invariant:
//! every object that was listed reaches the report, scanned or skipped with a reason, and an
//! interrupted scan still writes everything found so far and its summary.

use std::collections::BTreeMap;
use std::io::{self, Cursor, Read};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use rayon::iter::{ParallelBridge, ParallelIterator};

use crate::baseline::Known;
use crate::classify::{self, Classifier, ClassifyOptions, ScannedObject, Summary};
use crate::decode::{self, DecodeOptions, SNIFF_LEN, Sniffed};
use crate::detect::scratch::Match;
use crate::detect::stats::Stats;
use crate::detect::window::{self, Window};
use crate::detect::{Engine, EngineOptions, Scratch, Severity, catalog};
use crate::error::Error;
use crate::location::LineCounter;
use crate::report::{self, ReportOptions};
use crate::skip::{Skip, SkipReason};
use crate::source::filter::PathFilter;
use crate::source::{self, Content, Listed, Object, ObjectKind, WalkOptions};
use crate::suppress::{InlineMarks, SuppressOptions};

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
    /// Matches left unreported: baseline, inline `piiscan:ignore`, test values.
    pub suppress: SuppressOptions,
    /// Which listed objects are scanned (include/exclude globs).
    pub paths: PathFilter,
    /// Scan the blobs staged in the git index; `targets` are then git pathspecs.
    pub staged: bool,
    /// Where progress goes (objects and bytes done); scan itself draws nothing.
    pub progress: Option<Arc<dyn Progress>>,
}

/// Progress of a scan, for a display the caller owns. Calls come from worker threads and must be
/// cheap: `scanned` is called once per window (4 MiB by default).
pub trait Progress: Send + Sync + std::fmt::Debug {
    /// An object was listed, with its size when known.
    fn listed(&self, size: Option<u64>);
    /// Every object has been listed: the totals are final.
    fn listing_done(&self);
    /// `bytes` more bytes were scanned (or passed over, for an object that ended early).
    fn scanned(&self, bytes: u64);
    /// One object is done (scanned, skipped or excluded).
    fn object_done(&self);
    /// Runs `write` (report output) with the display out of its way.
    fn suspend(&self, write: &mut dyn FnMut()) {
        write()
    }
    /// The scan is over: remove the display before the report's summary.
    fn finish(&self);
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
    let staged = list_staged(config)?;
    let mut report = report::open(&config.report)?;
    let (mut summary, write_error) = execute(config, &engine, staged, cancel, &mut |o| report.object(o))?;
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
    summary.duration_ms = started.elapsed().as_millis() as u64;
    let outcome = Outcome {
        highest_severity: summary.highest_severity,
        objects_skipped: summary.objects_skipped,
        interrupted: summary.interrupted,
    };
    report.finish(&summary).map_err(report_error)?;
    Ok(outcome)
}

/// Runs a scan without a report, handing each object to `each` (for `baseline create`).
pub fn collect(
    config: &Config,
    cancel: &AtomicBool,
    each: &mut dyn FnMut(&ScannedObject) -> io::Result<()>,
) -> Result<Summary, Error> {
    let started = Instant::now();
    let engine = build_engine(&config.detector_files, &config.engine)?;
    let staged = list_staged(config)?;
    let (mut summary, error) = execute(config, &engine, staged, cancel, each)?;
    if let Some(e) = error {
        return Err(Error::Usage(e.to_string()));
    }
    summary.duration_ms = started.elapsed().as_millis() as u64;
    Ok(summary)
}

fn list_staged(config: &Config) -> Result<Option<Vec<Listed>>, Error> {
    if config.staged {
        source::git::list_staged(&config.targets).map(Some)
    } else {
        Ok(None)
    }
}

/// Scans every object on the pool and hands each result to `each` on this thread, in the order
/// they finish. Returns the summary and the first error `each` gave (which cancels the scan).
fn execute(
    config: &Config,
    engine: &Engine,
    staged: Option<Vec<Listed>>,
    cancel: &AtomicBool,
    each: &mut dyn FnMut(&ScannedObject) -> io::Result<()>,
) -> Result<(Summary, Option<io::Error>), Error> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build()
        .map_err(|e| Error::Usage(format!("cannot start worker threads: {e}")))?;
    let mut summary = Summary {
        tool: env!("CARGO_PKG_NAME").to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        ..Summary::default()
    };
    let (sender, receiver) = mpsc::sync_channel::<Scanned>(256);
    let mut write_error = None;
    let progress = config.progress.as_deref();
    std::thread::scope(|scope| {
        scope.spawn(move || pool.install(|| produce(config, engine, staged, cancel, sender)));
        for scanned in receiver {
            let (object, stats) = match scanned {
                Scanned::Excluded => {
                    summary.objects_excluded += 1;
                    progress.inspect(|p| p.object_done());
                    continue;
                }
                Scanned::Object(object, stats) => (object, stats),
            };
            summary.add(&object);
            summary.add_stats(&stats, engine.detectors());
            let mut write = || {
                if write_error.is_none()
                    && let Err(e) = each(&object)
                {
                    write_error = Some(e);
                    cancel.store(true, Ordering::SeqCst);
                }
            };
            match progress {
                Some(p) => {
                    p.object_done();
                    p.suspend(&mut write);
                }
                None => write(),
            }
        }
    });
    if let Some(p) = progress {
        p.finish();
    }
    summary.interrupted = cancel.load(Ordering::SeqCst);
    summary
        .rollups
        .sort_by(|a, b| b.score.cmp(&a.score).then(a.target.cmp(&b.target)));
    Ok((summary, write_error))
}

/// What a worker hands the report thread.
enum Scanned {
    Object(Box<ScannedObject>, Stats),
    /// Left out by the path globs.
    Excluded,
}

/// Lists every target's objects on this thread and scans them on the pool.
fn produce(
    config: &Config,
    engine: &Engine,
    staged: Option<Vec<Listed>>,
    cancel: &AtomicBool,
    sender: mpsc::SyncSender<Scanned>,
) {
    let (list_tx, list_rx) = mpsc::sync_channel::<Listed>(1024);
    let progress = config.progress.as_deref();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let send = |listed: Listed| {
                if let Some(p) = progress {
                    p.listed(match &listed {
                        Listed::Object(o) => o.size,
                        Listed::Skipped { .. } => Some(0),
                    });
                }
                let _ = list_tx.send(listed);
            };
            if let Some(staged) = staged {
                staged.into_iter().for_each(send);
                progress.inspect(|p| p.listing_done());
                return;
            }
            for target in &config.targets {
                if target == "-" {
                    send(Listed::Object(Object {
                        name: "-".into(),
                        target: "-".into(),
                        kind: ObjectKind::Stdin,
                        size: None,
                    }));
                    continue;
                }
                source::local::walk(target, &config.walk, send);
            }
            progress.inspect(|p| p.listing_done());
        });
        list_rx.into_iter().par_bridge().for_each_init(
            || engine.new_scratch(),
            |scratch, listed| {
                let (name, target, size) = match &listed {
                    Listed::Object(o) => (&o.name, &o.target, o.size),
                    Listed::Skipped { name, target, .. } => (name, target, None),
                };
                if !config.paths.allows(name, target) {
                    progress.inspect(|p| p.scanned(size.unwrap_or(0)));
                    let _ = sender.send(Scanned::Excluded);
                    return;
                }
                let object = match listed {
                    Listed::Object(o) if cancel.load(Ordering::SeqCst) => {
                        progress.inspect(|p| p.scanned(o.size.unwrap_or(0)));
                        skipped(
                            &o.name,
                            &o.target,
                            Skip::new(SkipReason::Interrupted, "the scan was interrupted before this object"),
                        )
                    }
                    Listed::Object(o) => scan_object(config, engine, &o, scratch, cancel),
                    Listed::Skipped { name, target, skip } => skipped(&name, &target, skip),
                };
                let stats = std::mem::replace(&mut scratch.stats, Stats::new(engine.detectors().len()));
                let _ = sender.send(Scanned::Object(Box::new(object), stats));
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
        Err(skip) => {
            if let Some(p) = &config.progress {
                p.scanned(object.size.unwrap_or(0));
            }
            return skipped(&object.name, &object.target, skip);
        }
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
    /// Inline `piiscan:ignore` markers of the current window.
    marks: InlineMarks,
    /// This object's findings recorded in the baseline, used up as they are met.
    known: Known,
    /// The listed size and the bytes reported to `progress` so far.
    listed_size: Option<u64>,
    reported: u64,
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
            marks: InlineMarks::default(),
            known: config
                .suppress
                .baseline
                .as_ref()
                .map(|b| b.known(&object.name, &object.target))
                .unwrap_or_default(),
            listed_size: object.size,
            reported: 0,
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
        self.report_progress(w.own.len() as u64);
        let limit = match self.config.max_findings_per_object {
            0 => usize::MAX,
            n => n,
        };
        if self.config.suppress.inline && !scratch.matches.is_empty() {
            self.marks.reset(w.bytes);
        }
        for m in &scratch.matches {
            if self.suppressed(w.bytes, m) {
                continue;
            }
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

    /// Whether `m` is left unreported, counting it by why: a published test value being ignored,
    /// an inline marker, then the baseline (the only check that needs the fingerprint).
    fn suppressed(&mut self, window: &[u8], m: &Match) -> bool {
        let suppress = &self.config.suppress;
        let counts = &mut self.result.suppressed;
        if m.test_value && suppress.test_values {
            counts.test_values += 1;
            return true;
        }
        let id = self.engine.detector(m.detector).id();
        if suppress.inline && self.marks.ignores(window, m.value_start, id) {
            counts.inline += 1;
            return true;
        }
        if !self.known.is_empty() && self.known.take(id, &self.classifier.fingerprint(window, m)) {
            counts.baseline += 1;
            return true;
        }
        false
    }

    /// Tells `progress` about `bytes` more, never beyond the listed size (UTF-16 objects are
    /// scanned in their longer UTF-8 form).
    fn report_progress(&mut self, bytes: u64) {
        let Some(p) = &self.config.progress else { return };
        let bytes = match self.listed_size {
            Some(size) => bytes.min(size.saturating_sub(self.reported)),
            None => bytes,
        };
        self.reported += bytes;
        p.scanned(bytes);
    }

    fn finish(mut self) -> ScannedObject {
        // Bytes not seen window by window (a skip, a read error) count as done.
        let rest = self.listed_size.unwrap_or(0).saturating_sub(self.reported);
        self.report_progress(rest);
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
