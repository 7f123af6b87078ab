//! Orchestration: targets → objects (source) → text (decode) → matches (detect) → findings
//! (classify) → report. Objects are scanned in parallel on a rayon pool, one `Scratch` per worker;
//! results flow through a bounded channel to the one thread that writes the report. Invariant:
//! every object that was listed reaches the report, scanned or skipped with a reason, and an
//! interrupted scan still writes everything found so far and its summary.
//!
//! Live streams (stdin, pipes, `--follow`) are read in line-flushed windows: the findings of each
//! complete line go to the report (`Report::findings_so_far`) as soon as the line has arrived.

use std::collections::BTreeMap;
use std::io::{self, Cursor, Read};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use rayon::iter::{
    IndexedParallelIterator, IntoParallelRefIterator, IntoParallelRefMutIterator, ParallelBridge, ParallelIterator,
};

use crate::baseline::Known;
use crate::classify::{self, Classifier, ClassifyOptions, Finding, ScannedObject, Summary};
use crate::decode::archive::{self, Input, Leaf, ReadSeek, Sink, Walk};
use crate::decode::limits::{Budget, Stopped};
use crate::decode::structured::{self, Field};
use crate::decode::{self, DecodeOptions, SNIFF_LEN, Sniffed};
use crate::detect::scratch::Match;
use crate::detect::stats::Stats;
use crate::detect::window::{self, LineHold, Window};
use crate::detect::{Engine, EngineOptions, Scratch, Severity, catalog};
use crate::error::Error;
use crate::location::LineCounter;
use crate::report::{self, ReportOptions};
use crate::shard::Shard;
use crate::skip::{MemberSkip, Skip, SkipReason};
use crate::source::filter::PathFilter;
use crate::source::follow::{Follow, FollowOptions};
use crate::source::s3::{self, S3Options, Session};
use crate::source::stream::Cancellable;
use crate::source::{self, Content, Listed, Object, ObjectKind, WalkOptions};
use crate::state::{self, State, StateReport};
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
    /// A file to follow as it grows (`--follow`), scanned as a live stream until cancelled.
    pub follow: Option<FollowOptions>,
    /// Scan only the objects of this shard (`--shard K/N`).
    pub shard: Option<Shard>,
    /// Where finished objects' results are kept for reruns (`--state`).
    pub state: Option<PathBuf>,
    /// Client, scope and concurrency of `s3://` targets.
    pub s3: S3Options,
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

/// Called with the findings of a live stream as soon as they are found.
type LiveFindings<'a> = &'a (dyn Fn(&str, &[Finding]) + Sync);

/// How a scan ended, for the exit code.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    pub highest_severity: Option<Severity>,
    pub objects_skipped: u64,
    pub interrupted: bool,
    /// What `--state` did.
    pub state: Option<StateReport>,
}

/// Builds the engine from the catalogue and the user's detector files.
pub fn build_engine(detector_files: &[PathBuf], options: &EngineOptions) -> Result<Engine, Error> {
    Engine::new(catalog::load(detector_files)?, options)
}

/// Runs a scan to completion (or interruption via `cancel`) and writes its report.
pub fn run(config: &Config, cancel: &AtomicBool) -> Result<Outcome, Error> {
    let started = Instant::now();
    let engine = build_engine(&config.detector_files, &config.engine)?;
    run_engine(config, &engine, started, cancel)
}

/// As `run`, with an engine the caller built from `config` (`build_engine`) and keeps: the
/// command line lets it go unfreed at exit, as freeing the catalogue and its automata was a tenth
/// of the instructions of a small scan. The report's duration counts from `run_with_engine`.
pub fn run_with_engine(config: &Config, engine: &Engine, cancel: &AtomicBool) -> Result<Outcome, Error> {
    run_engine(config, engine, Instant::now(), cancel)
}

fn run_engine(config: &Config, engine: &Engine, started: Instant, cancel: &AtomicBool) -> Result<Outcome, Error> {
    let staged = list_staged(config)?;
    let state = match &config.state {
        Some(path) => Some(State::open(path, &state::config_fingerprint(config, engine))?),
        None => None,
    };
    let mut report = report::open(&config.report)?;
    let stored = state.as_ref().map(|(s, _)| s);
    let (mut summary, write_error) = execute(config, engine, staged, stored, cancel, &mut |delivery| match delivery {
        Delivery::Live(name, findings) => report.findings_so_far(name, findings),
        Delivery::Object(object) => report.object(object),
    })?;
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
    let mut outcome = Outcome {
        highest_severity: summary.highest_severity,
        objects_skipped: summary.objects_skipped,
        interrupted: summary.interrupted,
        state: None,
    };
    report.finish(&summary).map_err(report_error)?;
    if let Some((state, invalidated)) = state {
        outcome.state = Some(state.finish(!summary.interrupted, config.shard, invalidated)?);
    }
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
    let (mut summary, error) = execute(config, &engine, staged, None, cancel, &mut |delivery| match delivery {
        Delivery::Live(..) => Ok(()),
        Delivery::Object(object) => each(object),
    })?;
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
    state: Option<&State>,
    cancel: &AtomicBool,
    each: &mut dyn FnMut(Delivery<'_>) -> io::Result<()>,
) -> Result<(Summary, Option<io::Error>), Error> {
    let session = match config.targets.iter().any(|t| s3::is_target(t)) {
        true => Some(Arc::new(Session::new(&config.s3).map_err(Error::Usage)?)),
        false => None,
    };
    // Each object in flight from a bucket holds a worker while it waits for the network, so S3
    // scans get `--concurrency` workers; the matching still runs on them, never on the runtime.
    let threads = match &session {
        Some(_) => config
            .s3
            .concurrency
            .max(config.threads)
            .max(rayon::current_num_threads()),
        None => config.threads,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Usage(format!("cannot start worker threads: {e}")))?;
    let mut summary = Summary {
        tool: env!("CARGO_PKG_NAME").to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        ..Summary::default()
    };
    let (sender, receiver) = mpsc::sync_channel::<Scanned>(64);
    let mut write_error = None;
    let progress = config.progress.as_deref();
    std::thread::scope(|scope| {
        let session = session.as_ref();
        scope.spawn(move || pool.install(|| produce(config, engine, staged, state, session, cancel, sender)));
        for scanned in receiver {
            let (objects, stats, excluded) = match scanned {
                Scanned::Live(name, findings) => {
                    if write_error.is_none()
                        && let Err(e) = each(Delivery::Live(&name, &findings))
                    {
                        write_error = Some(e);
                        cancel.store(true, Ordering::SeqCst);
                    }
                    continue;
                }
                Scanned::Objects {
                    objects,
                    stats,
                    excluded,
                } => (objects, stats, excluded),
            };
            summary.objects_excluded += excluded;
            for _ in 0..excluded {
                progress.inspect(|p| p.object_done());
            }
            summary.add_stats(&stats, engine.detectors());
            for object in objects {
                summary.add(&object);
                let mut write = || {
                    if write_error.is_none()
                        && let Err(e) = each(Delivery::Object(&object))
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
        }
    });
    if let Some(p) = progress {
        p.finish();
    }
    summary.interrupted = cancel.load(Ordering::SeqCst);
    if let Some(session) = &session {
        summary.objects_excluded += session.excluded();
        let mut buckets: Vec<String> = config
            .targets
            .iter()
            .filter_map(|t| s3::parse_target(t).map(|(bucket, _)| bucket))
            .collect();
        buckets.dedup();
        if !summary.interrupted {
            summary.posture = buckets.iter().map(|b| s3::bucket_posture(session, b)).collect();
        }
    }
    summary
        .rollups
        .sort_by(|a, b| b.score.cmp(&a.score).then(a.target.cmp(&b.target)));
    Ok((summary, write_error))
}

/// What `execute` hands its caller, on the caller's thread.
enum Delivery<'a> {
    /// Findings of a live stream, before its object is done.
    Live(&'a str, &'a [Finding]),
    /// A finished object.
    Object(&'a ScannedObject),
}

/// What a worker hands the report thread.
enum Scanned {
    /// The objects of one chunk (see `Chunks`), in the order they finished (scanned, skipped or
    /// reused from `--state`), the statistics of all of them, and how many of the chunk's objects
    /// the path globs left out. One message per chunk, not per object: with 100,000 small files,
    /// waking the report thread for each object cost more than scanning them.
    Objects {
        objects: Vec<ScannedObject>,
        stats: Stats,
        excluded: u64,
    },
    /// Findings of a live stream (stdin, a pipe, `--follow`) as soon as their line is complete.
    Live(String, Vec<Finding>),
}

/// The most objects, and (roughly) bytes, in one chunk of listed objects.
const CHUNK_OBJECTS: usize = 64;
const CHUNK_BYTES: u64 = 1 << 20;

/// The listed objects, in chunks of those already waiting: up to `CHUNK_OBJECTS` local files
/// of `CHUNK_BYTES` together, or any other object alone (see `weight`). A worker takes a chunk at a time, so small files cost one pull from the
/// listing and one message to the report thread per chunk, while files of a megabyte and more
/// still go to the workers one by one (no worker is left with a queue of them while another
/// idles). A chunk never waits for objects not yet listed.
struct Chunks {
    listed: mpsc::Receiver<Listed>,
    /// An object received that did not fit the previous chunk.
    next: Option<Listed>,
}

impl Chunks {
    /// Bytes the object would add to a chunk, None when it goes alone: a stream, a large file, or
    /// an object that is not a local file (S3 objects wait on the network, one per worker, so
    /// that `--concurrency` of them are fetched at once).
    fn weight(listed: &Listed) -> Option<u64> {
        match listed {
            Listed::Object(o) if matches!(o.kind, ObjectKind::File(_)) => o.size.filter(|&s| s < CHUNK_BYTES),
            Listed::Object(_) => None,
            Listed::Skipped { .. } => Some(0),
        }
    }
}

impl Iterator for Chunks {
    type Item = Vec<Listed>;

    fn next(&mut self) -> Option<Vec<Listed>> {
        let first = match self.next.take() {
            Some(listed) => listed,
            None => self.listed.recv().ok()?,
        };
        let Some(mut bytes) = Chunks::weight(&first) else {
            return Some(vec![first]);
        };
        let mut chunk = vec![first];
        while chunk.len() < CHUNK_OBJECTS {
            let Ok(listed) = self.listed.try_recv() else { break };
            match Chunks::weight(&listed) {
                Some(n) if bytes + n <= CHUNK_BYTES => {
                    bytes += n;
                    chunk.push(listed);
                }
                _ => {
                    self.next = Some(listed);
                    break;
                }
            }
        }
        Some(chunk)
    }
}

/// Lists every target's objects on this thread and scans them on the pool.
fn produce(
    config: &Config,
    engine: &Engine,
    staged: Option<Vec<Listed>>,
    state: Option<&State>,
    session: Option<&Arc<Session>>,
    cancel: &AtomicBool,
    sender: mpsc::SyncSender<Scanned>,
) {
    let (list_tx, list_rx) = mpsc::sync_channel::<Listed>(1024);
    let progress = config.progress.as_deref();
    let live_sender = sender.clone();
    let live = move |name: &str, findings: &[Finding]| {
        let _ = live_sender.send(Scanned::Live(name.to_string(), findings.to_vec()));
    };
    let live: LiveFindings<'_> = &live;
    std::thread::scope(|scope| {
        if let Some(follow) = &config.follow {
            let sender = sender.clone();
            scope.spawn(move || {
                let mut scratch = engine.new_scratch();
                let object = scan_followed(config, engine, follow, &mut scratch, cancel, live);
                let _ = sender.send(Scanned::Objects {
                    objects: vec![object],
                    stats: scratch.stats,
                    excluded: 0,
                });
            });
        }
        scope.spawn(move || {
            let mut send = |listed: Listed| {
                // Other shards' objects are not this worker's: not counted, not reported.
                if let Some(shard) = &config.shard {
                    let name = match &listed {
                        Listed::Object(o) => &o.name,
                        Listed::Skipped { name, .. } => name,
                    };
                    if !shard.owns(name) {
                        return;
                    }
                }
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
                if let Some(session) = session.filter(|_| s3::is_target(target)) {
                    s3::list(session, target, &config.paths, cancel, &mut send);
                    continue;
                }
                source::local::walk(target, &config.walk, &mut send);
            }
            progress.inspect(|p| p.listing_done());
        });
        let chunks = Chunks {
            listed: list_rx,
            next: None,
        };
        chunks.par_bridge().for_each_init(
            || engine.new_scratch(),
            |scratch, chunk| {
                let mut objects = Vec::with_capacity(chunk.len());
                let mut excluded = 0;
                for listed in chunk {
                    match scan_listed(config, engine, state, cancel, live, scratch, listed) {
                        Some(object) => objects.push(object),
                        None => excluded += 1,
                    }
                }
                let stats = std::mem::replace(&mut scratch.stats, Stats::new(engine.detectors().len()));
                let _ = sender.send(Scanned::Objects {
                    objects,
                    stats,
                    excluded,
                });
            },
        );
    });
}

/// One listed object on a worker: its result (scanned, skipped, or reused from `--state`), or
/// None when the path globs leave it out. Its statistics are added to `scratch.stats`.
fn scan_listed(
    config: &Config,
    engine: &Engine,
    state: Option<&State>,
    cancel: &AtomicBool,
    live: LiveFindings<'_>,
    scratch: &mut Scratch,
    listed: Listed,
) -> Option<ScannedObject> {
    let progress = config.progress.as_deref();
    let (name, target, size) = match &listed {
        Listed::Object(o) => (&o.name, &o.target, o.size),
        Listed::Skipped { name, target, .. } => (name, target, None),
    };
    if !config.paths.allows(name, target) {
        progress.inspect(|p| p.scanned(size.unwrap_or(0)));
        return None;
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
        Listed::Object(o) => {
            // The version is read before the scan: a change during it makes the next
            // run scan the object again.
            let version = state.and_then(|_| state::version(&o));
            let reused = state.zip(version.as_deref()).and_then(|(s, v)| s.reuse(&o.name, v));
            match reused {
                Some(object) => {
                    progress.inspect(|p| p.scanned(o.size.unwrap_or(0)));
                    object
                }
                None => {
                    let object = guarded(&o, || scan_any(config, engine, &o, scratch, cancel, Some(live)));
                    if let Some((s, v)) = state.zip(version.as_deref()) {
                        s.record(v, &object);
                    }
                    object
                }
            }
        }
        Listed::Skipped { name, target, skip } => skipped(&name, &target, skip),
    };
    Some(object)
}

/// Runs the scan of one object so that a panic in it (a bug here or in a decoder crate) costs
/// that object only: it becomes an `internal-error` skip with the panic's message, and the other
/// objects and everything already found are kept. The message also reaches stderr through the
/// default panic hook.
fn guarded(object: &Object, scan: impl FnOnce() -> ScannedObject) -> ScannedObject {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(scan)).unwrap_or_else(|payload| {
        let message = crate::skip::panic_message(payload.as_ref());
        let detail = format!("piiscan panicked on this object ({message}); please report it");
        skipped(
            &object.name,
            &object.target,
            Skip::new(SkipReason::InternalError, detail),
        )
    })
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
    live: Option<LiveFindings<'_>>,
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
        Content::Stream(reader) if matches!(object.kind, ObjectKind::Stdin | ObjectKind::Stream(_)) => {
            state.live = live;
            state.scan_live(Cancellable::new(reader, cancel), false, scratch, cancel);
        }
        Content::Mapped(map) => return scan_bytes(state, config, object, &map, Some(&map), scratch, cancel),
        Content::Read(bytes) => return scan_bytes(state, config, object, &bytes, None, scratch, cancel),
        Content::Stream(mut reader) => {
            let mut head = Vec::with_capacity(SNIFF_LEN);
            if let Err(e) = (&mut reader).take(SNIFF_LEN as u64).read_to_end(&mut head) {
                return state.skip(Skip::io(&e));
            }
            // A structured object read as a stream (not mappable) is held in memory up to a cap;
            // a larger one is scanned as text.
            if let Some(kind) = structured::detect(&object.name, &head) {
                let mut whole = head;
                let cap = STRUCTURED_STREAM_CAP - whole.len() as u64;
                match (&mut reader).take(cap + 1).read_to_end(&mut whole) {
                    Err(e) => return state.skip(Skip::io(&e)),
                    Ok(_) if whole.len() as u64 <= STRUCTURED_STREAM_CAP => {
                        state.scan_structured(kind, &whole, None, scratch, cancel);
                        return state.finish();
                    }
                    Ok(_) => head = whole,
                }
            }
            if let Some(container) = archive::container(&head) {
                let input = Input::Stream(Box::new(Cursor::new(head).chain(reader)));
                state.scan_container(container, input, scratch, cancel);
                return state.finish();
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

/// An object whole in memory (`map` when it is mapped, so that pages scanned can be released).
fn scan_bytes(
    mut state: ObjectScan<'_>,
    config: &Config,
    object: &Object,
    bytes: &[u8],
    map: Option<&memmap2::Mmap>,
    scratch: &mut Scratch,
    cancel: &AtomicBool,
) -> ScannedObject {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if let Some(kind) = structured::detect(&object.name, head) {
        state.scan_structured(kind, bytes, None, scratch, cancel);
        return state.finish();
    }
    if let Some(container) = archive::container(head) {
        state.scan_container(container, Input::Slice(bytes), scratch, cancel);
        return state.finish();
    }
    let sniffed = decode::sniff(head);
    state.result.format = sniffed.format().into();
    if let Some(skip) = decode::binary_skip(sniffed, &config.decode) {
        return state.skip(skip);
    }
    if matches!(sniffed, Sniffed::Utf16Le | Sniffed::Utf16Be) {
        let reader = decode::text_reader(sniffed, Box::new(Cursor::new(bytes)));
        state.scan_stream(reader, scratch, cancel);
    } else {
        state.scan_mapped(bytes, map, scratch, cancel);
    }
    state.finish()
}

/// The largest structured object read from a stream (not a mappable file) that is decoded as such.
const STRUCTURED_STREAM_CAP: u64 = 256 << 20;

/// Follows a file (`--follow`) until the scan is cancelled.
fn scan_followed(
    config: &Config,
    engine: &Engine,
    follow: &FollowOptions,
    scratch: &mut Scratch,
    cancel: &AtomicBool,
    live: LiveFindings<'_>,
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
            state.live = Some(live);
            state.scan_live(reader, true, scratch, cancel);
            state.finish()
        }
        Err(e) => state.skip(Skip::io(&e)),
    }
}

/// Hands the pages of `map` below `base` back to the kernel, 64 MB at a time (`released` is how
/// far that has been done). The caller must never read the map below `base` again.
fn release_behind(map: &memmap2::Mmap, released: &mut usize, base: usize) {
    const RELEASE_EVERY: usize = 64 << 20;
    if base >= *released + RELEASE_EVERY {
        let upto = base & !(4096 - 1);
        // SAFETY: no slice of the map below `base` is used again: windows only move forward.
        let _ = unsafe { map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, *released, upto - *released) };
        *released = upto;
    }
}

/// Where a walk through an object's containers hands its leaves: the object's scan.
struct LeafScan<'s, 'a> {
    scan: &'s mut ObjectScan<'a>,
    scratch: &'s mut Scratch,
    cancel: &'s AtomicBool,
    /// Decoded bytes scanned, over all leaves.
    decoded: u64,
}

impl Sink for LeafScan<'_, '_> {
    fn leaf(&mut self, leaf: Leaf<'_>) -> io::Result<()> {
        let n = self.scan.scan_leaf(leaf, self.scratch, self.cancel)?;
        self.decoded += n;
        Ok(())
    }

    fn member_skipped(&mut self, member: &str, skip: Skip) {
        self.scan.result.skipped_members.push(MemberSkip {
            member: member.to_string(),
            reason: skip.reason,
            detail: skip.detail,
        });
    }

    /// Office documents are decoded by `decode::structured` (text per paragraph or slide, xlsx
    /// cell by cell); OpenDocument files and documents over the in-memory cap are walked as the
    /// zips they are, their XML parts scanned as text.
    fn office(
        &mut self,
        kind: &'static str,
        member: Option<&str>,
        document: &mut dyn ReadSeek,
    ) -> Option<Result<(), Skip>> {
        let kind = match kind {
            "docx" => structured::Kind::Docx,
            "xlsx" => structured::Kind::Xlsx,
            "pptx" => structured::Kind::Pptx,
            _ => return None,
        };
        let mut bytes = Vec::new();
        if let Err(e) = (&mut *document).take(STRUCTURED_STREAM_CAP + 1).read_to_end(&mut bytes) {
            return Some(Err(Skip::io(&e)));
        }
        if bytes.len() as u64 > STRUCTURED_STREAM_CAP {
            return None;
        }
        self.decoded += bytes.len() as u64;
        let skip = self
            .scan
            .scan_structured_member(kind, &bytes, member, self.scratch, self.cancel);
        Some(skip.map_or(Ok(()), Err))
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
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
    /// Inline `piiscan:ignore` markers of the current window.
    marks: InlineMarks,
    /// This object's findings recorded in the baseline, used up as they are met.
    known: Known,
    /// The listed size and the bytes reported to `progress` so far.
    listed_size: Option<u64>,
    reported: u64,
    /// Live streams: where findings go as soon as they are found, and how many have gone.
    live: Option<LiveFindings<'a>>,
    live_reported: usize,
    /// Structured objects scanned as text too: every (offset, detector) the text pass matched,
    /// so that the field pass adds its place to those findings instead of repeating them.
    text_matches: Option<std::collections::HashSet<(u64, u32)>>,
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
            live: None,
            live_reported: 0,
            text_matches: None,
        }
    }

    fn skip(mut self, skip: Skip) -> ScannedObject {
        self.result.skipped = Some(skip);
        self.finish()
    }

    /// Bytes in memory, mapped (`map`) or read: windows are slices of them; pages of a map
    /// already scanned are handed back to the kernel as we go, so resident memory stays near one
    /// batch of windows whatever the file's size. Each visited window owns a batch of
    /// `window_size` windows (see `visit_batch`).
    fn scan_mapped(&mut self, bytes: &[u8], map: Option<&memmap2::Mmap>, scratch: &mut Scratch, cancel: &AtomicBool) {
        let mut released = 0usize;
        let mut scratches = Vec::new();
        let flow = window::slice_windows(bytes, self.batch_size(), self.engine.overlap(), |w| {
            if let Some(map) = map {
                release_behind(map, &mut released, w.base as usize);
            }
            self.visit_batch(w, scratch, &mut scratches, cancel)
        });
        if let ControlFlow::Break(skip) = flow {
            self.result.skipped = Some(skip);
        }
        for s in &scratches {
            scratch.stats.merge(&s.stats);
        }
    }

    /// Bytes a window visited by `visit_batch` owns: two `window_size` windows per thread of the
    /// pool, which keeps every thread busy while the slowest window of a batch ends.
    fn batch_size(&self) -> usize {
        let threads = rayon::current_num_threads();
        let size = self.config.window_size.max(1);
        if threads < 2 {
            size
        } else {
            size.saturating_mul(threads * 2)
        }
    }

    /// A window owning up to a batch of `window_size` windows: cut into those windows (each with
    /// its `overlap` of context, all inside `w`), scanned on all of the pool's threads (one large
    /// object uses every core, not one), each with its own Scratch from `scratches` (created as
    /// needed, reused across batches so that lazy-DFA caches stay warm); their matches are then
    /// located, classified and counted on this thread in window order, so findings, their order,
    /// line numbers and counts are those of a window-by-window walk.
    fn visit_batch(
        &mut self,
        w: Window<'_>,
        scratch: &mut Scratch,
        scratches: &mut Vec<Scratch>,
        cancel: &AtomicBool,
    ) -> ControlFlow<Skip> {
        let size = self.config.window_size.max(1);
        if w.own.len() <= size {
            return self.visit(w, scratch, cancel);
        }
        if cancel.load(Ordering::Relaxed) {
            return ControlFlow::Break(interrupted());
        }
        let overlap = self.engine.overlap();
        let mut parts = Vec::new();
        let mut own_start = w.own.start;
        while own_start < w.own.end {
            let own_end = (own_start + size).min(w.own.end);
            let lo = own_start.saturating_sub(overlap);
            let hi = (own_end + overlap).min(w.bytes.len());
            parts.push(Window {
                bytes: &w.bytes[lo..hi],
                base: w.base + lo as u64,
                own: own_start - lo..own_end - lo,
            });
            own_start = own_end;
        }
        let engine = self.engine;
        while scratches.len() < parts.len() {
            scratches.push(engine.new_scratch());
        }
        parts
            .par_iter()
            .zip(scratches.par_iter_mut())
            .for_each(|(part, s)| engine.scan_window(part.bytes, part.own.clone(), s));
        for (part, s) in parts.into_iter().zip(scratches.iter_mut()) {
            std::mem::swap(&mut scratch.matches, &mut s.matches);
            self.found(part, scratch);
            std::mem::swap(&mut scratch.matches, &mut s.matches);
        }
        ControlFlow::Continue(())
    }

    fn scan_stream(&mut self, mut reader: Box<dyn Read + Send + '_>, scratch: &mut Scratch, cancel: &AtomicBool) {
        let mut buf = Vec::new();
        let mut total = 0u64;
        let mut scratches = Vec::new();
        let result = window::read_windows(&mut reader, self.batch_size(), self.engine.overlap(), &mut buf, |w| {
            total = w.base + w.own.end as u64;
            self.visit_batch(w, scratch, &mut scratches, cancel)
        });
        for s in &scratches {
            scratch.stats.merge(&s.stats);
        }
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
        // A compressed or archived stream is read whole before its findings are known.
        if let Some(container) = archive::container(&head) {
            self.scan_container(
                container,
                Input::Stream(Box::new(Cursor::new(head).chain(reader))),
                scratch,
                cancel,
            );
            self.pass_on();
            return;
        }
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

    /// A compressed stream or an archive: every member that is not itself a container goes
    /// through `scan_leaf`; a problem with the object ends it as a skip, keeping what was found.
    fn scan_container(
        &mut self,
        container: archive::Container,
        input: Input<'_>,
        scratch: &mut Scratch,
        cancel: &AtomicBool,
    ) {
        let budget = Budget::new(self.config.decode.limits.clone(), self.listed_size);
        let name = self.result.object.clone();
        let mut sink = LeafScan {
            scan: self,
            scratch,
            cancel,
            decoded: 0,
        };
        let mut walk = Walk::new(budget, &mut sink);
        let result = walk.object(container, &name, input);
        let format = walk.format.take();
        let decoded = sink.decoded;
        self.result.format = format.unwrap_or_else(|| "unknown".into());
        if self.result.size.is_none() {
            self.result.size = Some(decoded);
        }
        if let Err(skip) = result {
            self.result.skipped = Some(skip);
        }
    }

    /// Scans one decoded stream (an archive member, or what a compressed object holds): its
    /// lines, columns and offsets are its own, and its findings carry its `member` path.
    fn scan_leaf(&mut self, leaf: Leaf<'_>, scratch: &mut Scratch, cancel: &AtomicBool) -> io::Result<u64> {
        let mut leaf = leaf;
        // A CSV or JSON member (`export.zip!customers.csv`, `events.jsonl.gz`) is decoded field by
        // field like a plain one, held in memory up to the same cap; a larger one is scanned as text.
        if let Some(kind) = structured::detect(&leaf.name, &leaf.head) {
            let mut whole = Vec::new();
            (&mut leaf.reader)
                .take(STRUCTURED_STREAM_CAP + 1)
                .read_to_end(&mut whole)?;
            if whole.len() as u64 <= STRUCTURED_STREAM_CAP {
                if let Some(skip) = self.scan_structured_member(kind, &whole, leaf.member.as_deref(), scratch, cancel) {
                    match &leaf.member {
                        Some(member) => self.result.skipped_members.push(MemberSkip {
                            member: member.clone(),
                            reason: skip.reason,
                            detail: skip.detail,
                        }),
                        None => self.result.skipped = Some(skip),
                    }
                }
                return Ok(whole.len() as u64);
            }
            leaf.reader = Box::new(Cursor::new(whole).chain(leaf.reader));
        }
        if let Some(skip) = decode::binary_skip(leaf.sniffed, &self.config.decode) {
            if let Some(member) = &leaf.member {
                self.result.skipped_members.push(MemberSkip {
                    member: member.clone(),
                    reason: skip.reason,
                    detail: skip.detail,
                });
            } else {
                self.result.skipped = Some(skip);
            }
            return Ok(0);
        }
        self.lines = LineCounter::default();
        let first = self.result.findings.len();
        let mut reader = decode::leaf_reader(leaf.sniffed, leaf.reader);
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
        if leaf.member.is_some() {
            for finding in &mut self.result.findings[first..] {
                finding.location.member = leaf.member.clone();
            }
        }
        match result {
            Ok(ControlFlow::Break(skip)) => Err(io::Error::other(Stopped(skip))),
            Ok(ControlFlow::Continue(_)) => Ok(total),
            Err(e) => Err(e),
        }
    }

    /// Decodes one structured member of a container (or the container's own office document) in
    /// memory: its findings carry `member`, and the object keeps its container format and its own
    /// skip. Returns the member's skip, if decoding stopped.
    fn scan_structured_member(
        &mut self,
        kind: structured::Kind,
        bytes: &[u8],
        member: Option<&str>,
        scratch: &mut Scratch,
        cancel: &AtomicBool,
    ) -> Option<Skip> {
        self.lines = LineCounter::default();
        let first = self.result.findings.len();
        let format = std::mem::take(&mut self.result.format);
        let skipped = self.result.skipped.take();
        self.scan_structured(kind, bytes, member, scratch, cancel);
        self.result.format = format;
        for finding in &mut self.result.findings[first..] {
            finding.location.member = member.map(str::to_string);
        }
        std::mem::replace(&mut self.result.skipped, skipped)
    }

    /// Passes the findings not yet passed on to `progress`, with the severity their detector's
    /// count so far gives (the object record at the end carries the final severity).
    fn pass_on(&mut self) {
        let Some(live) = self.live else { return };
        if self.result.findings.len() <= self.live_reported {
            return;
        }
        let mut fresh = self.result.findings[self.live_reported..].to_vec();
        let mut counts = self.counts_by_id();
        classify::finish_object(&mut fresh, &mut counts, &mut BTreeMap::new(), self.engine.detectors());
        live(&self.result.object, &fresh);
        self.live_reported = self.result.findings.len();
    }

    /// One window: find, locate and classify its matches.
    fn visit(&mut self, w: Window<'_>, scratch: &mut Scratch, cancel: &AtomicBool) -> ControlFlow<Skip> {
        if cancel.load(Ordering::Relaxed) {
            return ControlFlow::Break(interrupted());
        }
        self.engine.scan_window(w.bytes, w.own.clone(), scratch);
        self.found(w, scratch);
        ControlFlow::Continue(())
    }

    /// A scanned window (its matches in `scratch.matches`): locate and classify them, count the
    /// window's bytes as done.
    fn found(&mut self, w: Window<'_>, scratch: &mut Scratch) {
        self.report_progress(w.own.len() as u64);
        self.record(w.bytes, w.base, scratch);
        self.lines.advance(w.bytes, w.base, w.base + w.own.end as u64);
    }

    /// A structured object (CSV, JSON, ...) of `kind`, whole in `bytes`: each field is scanned on
    /// its own with the names above it (column header, JSON keys) as context keywords, and located
    /// by its decoder. JSON is scanned as text first (its detectors' patterns may span a key and its
    /// value, `"password": "..."`), then field by field: a field match the text pass made gets the
    /// field's place, a new one (found by its key path) is added. CSV is scanned by field only, so
    /// a header is a keyword for its own column and no other. `member` is the archive path of a
    /// leaf (None for a plain file). A decoder error keeps the findings so far and records the skip.
    pub fn scan_structured(
        &mut self,
        kind: structured::Kind,
        bytes: &[u8],
        member: Option<&str>,
        scratch: &mut Scratch,
        cancel: &AtomicBool,
    ) {
        self.result.format = kind.format().into();
        if kind.text_pass() {
            self.text_matches = Some(Default::default());
            let flow = window::slice_windows(bytes, self.config.window_size, self.engine.overlap(), |w| {
                self.visit(w, scratch, cancel)
            });
            if let ControlFlow::Break(skip) = flow {
                self.result.skipped = Some(skip);
                return;
            }
        }
        let mut known: std::collections::HashMap<String, Vec<u32>> = std::collections::HashMap::new();
        let mut context: Vec<u32> = Vec::new();
        let mut fields = 0u64;
        let result = structured::decode_bytes(kind, bytes, &mut |field| {
            fields += 1;
            if fields.is_multiple_of(4096) && cancel.load(Ordering::Relaxed) {
                return ControlFlow::Break(interrupted());
            }
            context.clear();
            for name in field.names() {
                let detectors = known.entry(name.clone()).or_insert_with_key(|name| {
                    let mut out = Vec::new();
                    self.engine.context_detectors(&[name.as_str()], &mut out);
                    out
                });
                context.extend_from_slice(detectors);
            }
            if field.names().len() > 1 {
                context.sort_unstable();
                context.dedup();
            }
            let text = field.text();
            self.engine
                .scan_window_with_context(text, 0..text.len(), &context, scratch);
            self.record_field(field, member, scratch);
            ControlFlow::Continue(())
        });
        if let Err(skip) = result {
            self.result.skipped = Some(skip);
        }
        self.text_matches = None;
    }

    /// As `record`, for the matches of one structured field: its decoder gives the location.
    fn record_field(&mut self, field: &dyn Field, member: Option<&str>, scratch: &Scratch) {
        if scratch.matches.is_empty() {
            return;
        }
        let limit = match self.config.max_findings_per_object {
            0 => usize::MAX,
            n => n,
        };
        let bytes = field.text();
        if self.config.suppress.inline {
            self.marks.reset(bytes);
        }
        for m in &scratch.matches {
            let mut location = field.locate(m.value_start, m.value_end - m.value_start);
            location.member = member.map(str::to_string);
            if self
                .text_matches
                .as_ref()
                .is_some_and(|seen| seen.contains(&(location.offset, m.detector)))
            {
                let id = self.engine.detector(m.detector).id();
                if let Some(f) = self
                    .result
                    .findings
                    .iter_mut()
                    .find(|f| f.location.offset == location.offset && f.detector == id)
                {
                    f.location = location;
                }
                continue;
            }
            if self.suppressed(bytes, m) {
                continue;
            }
            self.counts[m.detector as usize] += 1;
            if self.result.findings.len() >= limit {
                continue;
            }
            let mut finding = self.classifier.finding(bytes, 0, m, &scratch.matches, 0, 0);
            finding.location = location;
            self.result.findings.push(finding);
        }
    }

    /// Counts, locates and classifies the matches in `scratch` (of a window starting at `base`).
    fn record(&mut self, bytes: &[u8], base: u64, scratch: &Scratch) {
        let limit = match self.config.max_findings_per_object {
            0 => usize::MAX,
            n => n,
        };
        if self.config.suppress.inline && !scratch.matches.is_empty() {
            self.marks.reset(bytes);
        }
        for m in &scratch.matches {
            if let Some(seen) = &mut self.text_matches {
                seen.insert((base + m.value_start as u64, m.detector));
            }
            if self.suppressed(bytes, m) {
                continue;
            }
            self.counts[m.detector as usize] += 1;
            if self.result.findings.len() >= limit {
                continue;
            }
            let (line, column) = self.lines.locate(bytes, base, base + m.value_start as u64);
            let finding = self.classifier.finding(bytes, base, m, &scratch.matches, line, column);
            self.result.findings.push(finding);
        }
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

    /// Occurrences so far per detector id, for the detectors that matched.
    fn counts_by_id(&self) -> BTreeMap<String, u64> {
        self.engine
            .detectors()
            .iter()
            .zip(&self.counts)
            .filter(|(_, n)| **n > 0)
            .map(|(d, n)| (d.spec.id.clone(), *n))
            .collect()
    }

    fn finish(mut self) -> ScannedObject {
        // Bytes not seen window by window (a skip, a read error) count as done.
        let rest = self.listed_size.unwrap_or(0).saturating_sub(self.reported);
        self.report_progress(rest);
        let mut counts = self.counts_by_id();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_while_scanning_an_object_becomes_an_internal_error_skip() {
        let object = Object {
            name: "data/x.avro".into(),
            target: "data".into(),
            kind: ObjectKind::File("data/x.avro".into()),
            size: Some(1),
        };
        let scanned = guarded(&object, || panic!("index out of bounds"));
        let skip = scanned.skipped.expect("a skip");
        assert_eq!(skip.reason, SkipReason::InternalError);
        assert!(skip.detail.contains("index out of bounds"), "{}", skip.detail);
        assert_eq!(
            (scanned.object.as_str(), scanned.target.as_str()),
            ("data/x.avro", "data")
        );

        let fine = guarded(&object, || skipped("a", "b", Skip::new(SkipReason::Binary, "nul")));
        assert_eq!(fine.skipped.map(|s| s.reason), Some(SkipReason::Binary));
    }
}
