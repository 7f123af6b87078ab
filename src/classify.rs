//! Matches → findings: severity by occurrence count (Macie's model), masked value, keyed
//! fingerprint and masked context; then each object's sensitivity score and the rollups per
//! top-level target. Invariant: a `Finding` carries the full value only when `reveal` is set.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::detect::catalog::{Category, Detector, Severity};
use crate::detect::scratch::Match;
use crate::detect::stats::{DropReason, Stats};
use crate::location::Location;
use crate::redact::{self, FingerprintKey};
use crate::skip::{MemberSkip, Skip};

/// Options of classification, gathered by `scan::Config`.
#[derive(Clone, Debug)]
pub struct ClassifyOptions {
    pub reveal: bool,
    pub key: FingerprintKey,
    /// Bytes of surrounding text shown on each side of a value in `context`.
    pub context_bytes: usize,
}

/// One confirmed, classified occurrence of sensitive data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub detector: String,
    pub macie_id: Option<String>,
    pub category: Category,
    pub severity: Severity,
    pub test_value: bool,
    #[serde(flatten)]
    pub location: Location,
    pub masked: String,
    pub fingerprint: String,
    pub context: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// An object's sensitivity, as Macie scores buckets: a level and a 0-100 score.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    #[default]
    None,
    Low,
    Medium,
    High,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sensitivity {
    pub score: u8,
    pub level: Level,
}

/// Everything known about one scanned (or skipped) object.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScannedObject {
    pub object: String,
    /// The top-level target (command-line path) this object was found under.
    pub target: String,
    pub size: Option<u64>,
    pub format: String,
    pub sensitivity: Sensitivity,
    /// Every finding, including those beyond the listing limit (`findings` may hold fewer).
    pub finding_count: u64,
    pub findings_by_detector: BTreeMap<String, u64>,
    /// Matches not reported because their detector's count stayed under its lowest severity
    /// threshold (custom detectors with Macie-style thresholds).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub below_threshold: BTreeMap<String, u64>,
    pub skipped: Option<Skip>,
    /// Archive members that were not (wholly) scanned, with why; the other members were.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped_members: Vec<MemberSkip>,
    /// Matches not reported because a baseline, an inline `piiscan:ignore` or
    /// `--ignore-test-values` suppressed them (not counted in `finding_count`).
    #[serde(default, skip_serializing_if = "Suppressed::is_empty")]
    pub suppressed: Suppressed,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
}

/// Matches confirmed by a detector but not reported, by why: counted, never silently lost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppressed {
    /// Known findings recorded in the `--baseline` file.
    pub baseline: u64,
    /// On a line marked `piiscan:ignore` (or after a `piiscan:ignore-next-line` line).
    pub inline: u64,
    /// Published test values dropped by `--ignore-test-values`.
    pub test_values: u64,
}

impl Suppressed {
    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }

    pub fn total(&self) -> u64 {
        self.baseline + self.inline + self.test_values
    }

    pub fn add(&mut self, other: &Suppressed) {
        self.baseline += other.baseline;
        self.inline += other.inline;
        self.test_values += other.test_values;
    }
}

/// Builds findings for one object, window by window.
pub struct Classifier<'a> {
    pub detectors: &'a [Detector],
    pub options: &'a ClassifyOptions,
}

impl Classifier<'_> {
    /// The finding for `m`, found in `window` (starting at absolute offset `base`), where `all`
    /// is every match of the window (masked in the context too).
    pub fn finding(&self, window: &[u8], base: u64, m: &Match, all: &[Match], line: u64, column: u64) -> Finding {
        let d = &self.detectors[m.detector as usize];
        let value = &window[m.value_start..m.value_end];
        let masked = self.mask(d, value);
        Finding {
            detector: d.spec.id.clone(),
            macie_id: d
                .validator
                .and_then(|v| v.macie_id)
                .and_then(|f| f(value))
                .map(str::to_string)
                .or_else(|| match &d.spec.macie_id_without_keyword {
                    Some(id) if !m.keyword_near => Some(id.clone()),
                    _ => d.spec.macie_id.clone(),
                }),
            category: d.spec.category,
            severity: Severity::Low,
            test_value: m.test_value,
            location: Location {
                line,
                column,
                offset: base + m.value_start as u64,
                length: value.len() as u64,
                ..Location::default()
            },
            fingerprint: self.fingerprint(window, m),
            context: self.context(window, m, all, &masked),
            masked,
            value: self.options.reveal.then(|| String::from_utf8_lossy(value).into_owned()),
        }
    }

    /// The keyed fingerprint of `m`'s value (normalised as its category wants), as in `finding`.
    pub fn fingerprint(&self, window: &[u8], m: &Match) -> String {
        let d = &self.detectors[m.detector as usize];
        let exact = d.spec.category == Category::Credentials;
        self.options
            .key
            .fingerprint(&redact::normalize(&window[m.value_start..m.value_end], exact))
    }

    fn mask(&self, d: &Detector, value: &[u8]) -> String {
        if let Some(m) = d.spec.mask {
            return redact::mask(value, m.keep_start, m.keep_end);
        }
        let significant = value.iter().filter(|b| b.is_ascii_alphanumeric()).count();
        match d.spec.category {
            Category::Credentials if significant >= 16 => redact::mask(value, 4, 0),
            Category::Credentials => redact::mask(value, 0, 0),
            _ if significant >= 9 => redact::mask(value, 0, 4),
            _ if significant >= 6 => redact::mask(value, 0, 2),
            _ => redact::mask(value, 0, 0),
        }
    }

    /// The value's line, cut to `context_bytes` on each side, with this value replaced by its
    /// masked form and every other match in view masked entirely.
    fn context(&self, window: &[u8], m: &Match, all: &[Match], masked: &str) -> String {
        let reach = self.options.context_bytes;
        let floor = m.value_start.saturating_sub(reach);
        let start = memchr::memrchr(b'\n', &window[floor..m.value_start]).map_or(floor, |i| floor + i + 1);
        let ceiling = (m.value_end + reach).min(window.len());
        let end = memchr::memchr(b'\n', &window[m.value_end..ceiling]).map_or(ceiling, |i| m.value_end + i);
        let mut out = String::new();
        let mut pos = start;
        let others = all.iter().filter(|o| {
            o.value_end > start && o.value_start < end && (o.value_start, o.value_end) != (m.value_start, m.value_end)
        });
        let mut spans: Vec<(usize, usize, bool)> = others
            .map(|o| (o.value_start.max(start), o.value_end.min(end), false))
            .collect();
        spans.push((m.value_start, m.value_end, true));
        spans.sort_unstable();
        for (s, e, mine) in spans {
            if e <= pos {
                continue;
            }
            let s = s.max(pos);
            push_clean(&mut out, &window[pos..s]);
            if mine {
                out.push_str(masked);
            } else {
                out.push_str(&redact::mask(&window[s..e], 0, 0));
            }
            pos = e;
        }
        push_clean(&mut out, &window[pos..end.max(pos)]);
        out.trim().to_string()
    }
}

fn push_clean(out: &mut String, bytes: &[u8]) {
    for c in String::from_utf8_lossy(bytes).chars() {
        out.push(if c.is_control() { ' ' } else { c });
    }
}

/// Sets each finding's severity from the number of occurrences of its detector in the object
/// (`counts`, which includes findings beyond the listing limit) and returns the object's
/// sensitivity. Detectors whose count is under their lowest severity threshold lose their findings
/// here: they move from `counts` to `below_threshold`.
pub fn finish_object(
    findings: &mut Vec<Finding>,
    counts: &mut BTreeMap<String, u64>,
    below_threshold: &mut BTreeMap<String, u64>,
    detectors: &[Detector],
) -> Sensitivity {
    if counts.is_empty() {
        return Sensitivity::default();
    }
    // Looked up once per detector that occurred, not per finding nor for the whole catalogue.
    let by_id: BTreeMap<String, &Detector> = counts
        .keys()
        .filter_map(|id| detectors.iter().find(|d| &d.spec.id == id).map(|d| (id.clone(), d)))
        .collect();
    counts.retain(|id, count| {
        let below = by_id
            .get(id)
            .is_some_and(|d| d.spec.severity.for_count(*count).is_none());
        if below {
            below_threshold.insert(id.clone(), *count);
        }
        !below
    });
    findings.retain(|f| !below_threshold.contains_key(&f.detector));
    let mut worst: Option<Severity> = None;
    for f in findings.iter_mut() {
        let count = counts.get(&f.detector).copied().unwrap_or(1);
        f.severity = match by_id.get(&f.detector) {
            _ if f.test_value => Severity::Low,
            Some(d) => d.spec.severity.for_count(count).unwrap_or(Severity::Low),
            None => Severity::High,
        };
        worst = worst.max(Some(f.severity));
    }
    let total: u64 = counts.values().sum();
    sensitivity(worst, counts.len(), total)
}

/// Score bands per level (low 1-39, medium 40-69, high 70-100); within a band, more distinct
/// detectors and more occurrences score higher, so the most exposed objects sort first.
pub fn sensitivity(worst: Option<Severity>, distinct: usize, total: u64) -> Sensitivity {
    let (level, base, width) = match worst {
        None => return Sensitivity::default(),
        Some(Severity::Low) => (Level::Low, 10u32, 29u32),
        Some(Severity::Medium) => (Level::Medium, 40, 29),
        Some(Severity::High) => (Level::High, 70, 30),
    };
    let bonus = 5 * (distinct.saturating_sub(1) as u32) + 3 * total.max(1).ilog2();
    Sensitivity {
        score: (base + bonus.min(width)) as u8,
        level,
    }
}

/// Sensitivity rolled up over every object under one top-level target.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Rollup {
    pub target: String,
    pub objects: u64,
    pub objects_with_findings: u64,
    pub findings: u64,
    pub score: u8,
    pub level: Level,
    pub findings_by_category: BTreeMap<String, u64>,
    /// For a bucket or folder target: the same per top-level prefix or folder below it
    /// (`s3://bucket/prefix/logs/`, `data/logs/`), sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prefixes: Vec<Rollup>,
}

impl Rollup {
    /// Adds an object to this rollup and, for bucket and folder targets, to its top-level
    /// prefix's or folder's.
    pub fn add(&mut self, object: &ScannedObject) {
        self.add_own(object);
        if let Some(prefix) = top_level_prefix(&object.object, &self.target) {
            // Kept sorted by name, so that the summary is the same whatever order objects
            // finish in (parallel scans, shards merged).
            match self.prefixes.binary_search_by(|r| r.target.as_str().cmp(&prefix)) {
                Ok(i) => self.prefixes[i].add_own(object),
                Err(i) => {
                    let mut r = Rollup {
                        target: prefix,
                        ..Rollup::default()
                    };
                    r.add_own(object);
                    self.prefixes.insert(i, r);
                }
            }
        }
    }

    fn add_own(&mut self, object: &ScannedObject) {
        self.objects += 1;
        self.findings += object.finding_count;
        if object.finding_count > 0 {
            self.objects_with_findings += 1;
        }
        if object.sensitivity.score > self.score {
            self.score = object.sensitivity.score;
        }
        self.level = self.level.max(object.sensitivity.level);
        for f in &object.findings {
            *self
                .findings_by_category
                .entry(f.category.as_str().to_string())
                .or_default() += 1;
        }
    }
}

/// The top-level prefix (or folder) of `object` below `target`: `s3://b/p/logs/` for object
/// `s3://b/p/logs/a/x.txt` under target `s3://b/p/`, `data/exports/` for `data/exports/a.csv` under
/// the folder `data`; None for objects directly under the target, and for a target that is a
/// file or stdin.
fn top_level_prefix(object: &str, target: &str) -> Option<String> {
    // An S3 prefix is a string prefix (`s3://b/p` holds `p/x` and `pics/y`); a folder is a path.
    let base = match target.strip_prefix("s3://") {
        Some(rest) if rest.contains('/') => target.to_string(),
        _ if target.ends_with('/') => target.to_string(),
        _ => format!("{target}/"),
    };
    let rest = object.strip_prefix(&base)?;
    let (base, rest) = match rest.strip_prefix('/') {
        Some(below) => (format!("{base}/"), below),
        None => (base, rest),
    };
    let (first, _) = rest.split_once('/')?;
    Some(format!("{base}{first}/"))
}

/// Counters of one detector over the whole scan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetectorSummary {
    pub candidates: u64,
    pub matched: u64,
    pub dropped: BTreeMap<String, u64>,
}

/// The scan's totals: the last record of every report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub tool: String,
    pub version: String,
    pub duration_ms: u64,
    pub objects_scanned: u64,
    pub objects_skipped: u64,
    pub skipped_by_reason: BTreeMap<String, u64>,
    /// Objects per `format` (`text`, `gzip+text`, `zip`, `tar.gz`, ...), scanned or skipped.
    #[serde(default)]
    pub objects_by_format: BTreeMap<String, u64>,
    /// Archive members skipped inside objects that were scanned, per reason.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub members_skipped_by_reason: BTreeMap<String, u64>,
    pub bytes_scanned: u64,
    pub findings: u64,
    pub findings_by_detector: BTreeMap<String, u64>,
    pub findings_by_category: BTreeMap<String, u64>,
    pub findings_by_severity: BTreeMap<String, u64>,
    pub test_values: u64,
    /// Matches not reported, by why (baseline, inline ignore, ignored test values).
    #[serde(default)]
    pub suppressed: Suppressed,
    /// Objects left out by the path include/exclude globs (neither scanned nor skipped).
    #[serde(default)]
    pub objects_excluded: u64,
    pub highest_severity: Option<Severity>,
    /// Matches not reported because their object held fewer than the detector's lowest severity
    /// threshold, per detector.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub below_threshold: BTreeMap<String, u64>,
    /// Candidates the engine looked at and dropped, per reason, over all detectors.
    pub candidates_dropped: BTreeMap<String, u64>,
    /// Per detector that saw any candidate: how many were confirmed and why the rest were dropped.
    pub detectors: BTreeMap<String, DetectorSummary>,
    pub rollups: Vec<Rollup>,
    pub interrupted: bool,
    /// Posture of the buckets scanned (public access, encryption, versioning, sharing).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub posture: Vec<crate::posture::BucketPosture>,
}

impl Summary {
    /// Adds one object's results.
    pub fn add(&mut self, object: &ScannedObject) {
        match &object.skipped {
            Some(skip) => {
                self.objects_skipped += 1;
                *self
                    .skipped_by_reason
                    .entry(skip.reason.as_str().to_string())
                    .or_default() += 1;
            }
            None => self.objects_scanned += 1,
        }
        *self.objects_by_format.entry(object.format.clone()).or_default() += 1;
        for skip in &object.skipped_members {
            *self
                .members_skipped_by_reason
                .entry(skip.reason.as_str().to_string())
                .or_default() += 1;
        }
        self.bytes_scanned += object.size.unwrap_or(0);
        self.findings += object.finding_count;
        self.suppressed.add(&object.suppressed);
        for (detector, n) in &object.findings_by_detector {
            *self.findings_by_detector.entry(detector.clone()).or_default() += n;
        }
        for (detector, n) in &object.below_threshold {
            *self.below_threshold.entry(detector.clone()).or_default() += n;
        }
        for f in &object.findings {
            *self
                .findings_by_category
                .entry(f.category.as_str().to_string())
                .or_default() += 1;
            *self
                .findings_by_severity
                .entry(f.severity.as_str().to_string())
                .or_default() += 1;
            self.test_values += u64::from(f.test_value);
            self.highest_severity = self.highest_severity.max(Some(f.severity));
        }
        match self.rollups.iter_mut().find(|r| r.target == object.target) {
            Some(r) => r.add(object),
            None => {
                let mut r = Rollup {
                    target: object.target.clone(),
                    ..Rollup::default()
                };
                r.add(object);
                self.rollups.push(r);
            }
        }
    }

    /// Adds the engine's counters.
    pub fn add_stats(&mut self, stats: &Stats, detectors: &[Detector]) {
        for (d, s) in detectors.iter().zip(&stats.per_detector) {
            if s.candidates == 0 {
                continue;
            }
            let entry = self.detectors.entry(d.spec.id.clone()).or_default();
            entry.candidates += s.candidates;
            entry.matched += s.matched;
            for reason in DropReason::ALL {
                let n = s.dropped[reason as usize];
                if n > 0 {
                    *entry.dropped.entry(reason.as_str().to_string()).or_default() += n;
                    *self.candidates_dropped.entry(reason.as_str().to_string()).or_default() += n;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sensitivity_bands_follow_worst_severity() {
        assert_eq!(sensitivity(None, 0, 0).level, Level::None);
        assert_eq!(sensitivity(Some(Severity::Low), 1, 1).score, 10);
        assert_eq!(sensitivity(Some(Severity::High), 1, 1).score, 70);
        assert!(sensitivity(Some(Severity::High), 3, 200).score <= 100);
        assert!(sensitivity(Some(Severity::Medium), 2, 10).score < 70);
    }

    #[test]
    fn bucket_rollups_split_by_top_level_prefix() {
        assert_eq!(
            top_level_prefix("s3://b/logs/a/x.txt", "s3://b"),
            Some("s3://b/logs/".into())
        );
        assert_eq!(
            top_level_prefix("s3://b/p/logs/x.txt", "s3://b/p/"),
            Some("s3://b/p/logs/".into())
        );
        assert_eq!(
            top_level_prefix("s3://b/p/logs/x.txt", "s3://b/p"),
            Some("s3://b/p/logs/".into())
        );
        assert_eq!(top_level_prefix("s3://b/x.txt", "s3://b"), None);
        assert_eq!(
            top_level_prefix("s3://b/pics/x.txt", "s3://b/p"),
            Some("s3://b/pics/".into())
        );
    }

    #[test]
    fn folder_rollups_split_by_top_level_folder() {
        assert_eq!(top_level_prefix("/data/a/b/x.txt", "/data"), Some("/data/a/".into()));
        assert_eq!(top_level_prefix("./d/c/y.txt", "./d/"), Some("./d/c/".into()));
        assert_eq!(top_level_prefix("./c/y.txt", "."), Some("./c/".into()));
        assert_eq!(top_level_prefix("/data/x.txt", "/data"), None);
        assert_eq!(top_level_prefix("notes.txt", "notes.txt"), None);
        assert_eq!(top_level_prefix("-", "-"), None);
    }

    #[test]
    fn more_findings_score_higher_within_a_band() {
        assert!(sensitivity(Some(Severity::High), 1, 50).score > sensitivity(Some(Severity::High), 1, 1).score);
    }
}
