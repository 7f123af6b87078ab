//! Per-thread reusable buffers for the engine, so that scanning allocates nothing per candidate:
//! create one `Scratch` per worker (rayon's `map_init`) and pass it to every `scan_window` call.

use regex_automata::hybrid::dfa::Cache as ShapeCache;
use regex_automata::util::captures::Captures;

use crate::detect::context::KeywordHit;
use crate::detect::stats::Stats;

/// A stretch of the window where one detector's full regex must be run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Region {
    pub detector: u32,
    pub start: usize,
    pub end: usize,
    /// Opened by an anchor or the regex pass (a candidate in itself), not only by a keyword.
    pub anchored: bool,
}

/// A confirmed match, in offsets of the window given to `scan_window`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub detector: u32,
    /// The sensitive part (the `value` group, or the whole match).
    pub value_start: usize,
    pub value_end: usize,
    pub test_value: bool,
    /// One of the detector's keywords is near. Looked up only for detectors that report another
    /// Macie id without one (`macie_id_without_keyword`); true for all other matches.
    pub keyword_near: bool,
}

/// Buffers and counters owned by one worker.
pub struct Scratch {
    pub(crate) keyword_hits: Vec<KeywordHit>,
    pub(crate) regions: Vec<Region>,
    pub(crate) captures: Vec<Option<Captures>>,
    pub(crate) normal: Vec<u8>,
    /// The window as the literal automaton sees it (`engine::Fold`).
    pub(crate) folded: Vec<u8>,
    /// The regex pass's lazy-DFA states, built as this worker's input needs them.
    pub(crate) shape_cache: Option<ShapeCache>,
    /// Detectors whose keywords occur in the context of the current field (a column name, a JSON
    /// key path), sorted; empty outside `Engine::scan_window_with_context`.
    pub(crate) context: Vec<u32>,
    /// Matches of the last `scan_window` call, sorted by start.
    pub matches: Vec<Match>,
    /// Counters accumulated over every call; take them with `std::mem::take` when done.
    pub stats: Stats,
}

impl Scratch {
    pub fn new(detectors: usize) -> Scratch {
        Scratch {
            keyword_hits: Vec::new(),
            regions: Vec::new(),
            captures: (0..detectors).map(|_| None).collect(),
            normal: Vec::new(),
            folded: Vec::new(),
            shape_cache: None,
            context: Vec::new(),
            matches: Vec::new(),
            stats: Stats::new(detectors),
        }
    }
}
