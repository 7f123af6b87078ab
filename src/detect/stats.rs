//! Scan statistics: every candidate the engine looks at is either confirmed or dropped for a named
//! reason, so that filtering is never silent. Invariant: `candidates == matched + sum(dropped)`.

use serde::Serialize;

/// Why a candidate was not reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// The prefilter fired but the detector's full regex did not match there.
    Pattern,
    /// The checksum or structural check failed.
    Validator,
    /// A keyword was required and none was near.
    Keyword,
    /// The value is in the detector's `ignore` list.
    Ignored,
    /// The value is on the user's allow list.
    AllowList,
}

impl DropReason {
    pub const ALL: [DropReason; 5] = [
        DropReason::Pattern,
        DropReason::Validator,
        DropReason::Keyword,
        DropReason::Ignored,
        DropReason::AllowList,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DropReason::Pattern => "pattern",
            DropReason::Validator => "validator",
            DropReason::Keyword => "keyword",
            DropReason::Ignored => "ignored",
            DropReason::AllowList => "allow_list",
        }
    }
}

/// Counters for one detector.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DetectorStats {
    pub candidates: u64,
    pub matched: u64,
    pub dropped: [u64; 5],
}

/// Counters for every detector, indexed like the engine's detectors.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub per_detector: Vec<DetectorStats>,
}

impl Stats {
    pub fn new(detectors: usize) -> Stats {
        Stats {
            per_detector: vec![DetectorStats::default(); detectors],
        }
    }

    pub fn candidate(&mut self, detector: usize) {
        self.per_detector[detector].candidates += 1;
    }

    pub fn matched(&mut self, detector: usize) {
        self.per_detector[detector].matched += 1;
    }

    pub fn drop(&mut self, detector: usize, reason: DropReason) {
        self.per_detector[detector].dropped[reason as usize] += 1;
    }

    pub fn merge(&mut self, other: &Stats) {
        if self.per_detector.len() < other.per_detector.len() {
            self.per_detector
                .resize(other.per_detector.len(), DetectorStats::default());
        }
        for (mine, theirs) in self.per_detector.iter_mut().zip(&other.per_detector) {
            mine.candidates += theirs.candidates;
            mine.matched += theirs.matched;
            for (a, b) in mine.dropped.iter_mut().zip(theirs.dropped) {
                *a += b;
            }
        }
    }
}
