//! The shared engine: one Aho-Corasick pass over every detector's anchors and keywords, plus one
//! multi-pattern regex pass for detectors that have neither, yields candidate regions; each region
//! is confirmed by its detector's full regex, validator, keyword context and allow lists.
//!
//! Invariant: the prefilter passes may report regions that hold nothing (counted as dropped by
//! `pattern`), but never miss one: every match of an anchored detector contains one of its anchors,
//! every match of a keyword-driven detector that needs a keyword lies within `keyword_distance` of
//! one, and every other detector's pattern is in the regex pass itself. An anchor followed by a
//! byte that cannot follow it inside a match opens no region (`anchor_next_bytes`), which keeps this.

use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, MatchKind};
use daachorse::DoubleArrayAhoCorasick;
use regex_automata::hybrid::dfa::{DFA, OverlappingState};
use regex_automata::{Input, MatchKind as RegexMatchKind};

use crate::detect::allow::{AllowList, AllowSpec};
use crate::detect::catalog::Detector;
use crate::detect::context::{KeywordHit, keyword_near, keyword_variants};
use crate::detect::scratch::{Match, Region, Scratch};
use crate::detect::stats::DropReason;
use crate::error::Error;

/// Options of the engine, gathered by `scan::Config`.
#[derive(Clone, Debug, Default)]
pub struct EngineOptions {
    /// Only these detector ids run (all when empty).
    pub only: Vec<String>,
    /// These detector ids never run.
    pub disable: Vec<String>,
    pub allow: Vec<AllowSpec>,
}

/// What one automaton pattern means: an anchor of some detectors, a keyword of others, or both.
#[derive(Debug, Default)]
struct Role {
    anchors: Vec<AnchorOf>,
    keyword_of: Vec<u32>,
}

/// One detector's use of an anchor literal.
#[derive(Debug)]
struct AnchorOf {
    detector: u32,
    /// The anchor's exact bytes when it is case-sensitive.
    exact: Option<Box<[u8]>>,
    /// The bytes that can follow the anchor inside a match of the detector's pattern (`None`: any,
    /// or the match may end there), derived from the pattern on the anchor's first hit: an anchor
    /// followed by anything else opens no region (`+0000` in a timestamp for a phone number).
    next: OnceLock<Option<ByteSet>>,
}

/// The compiled catalogue, built once per run and shared by every worker.
#[derive(Debug)]
pub struct Engine {
    detectors: Vec<Detector>,
    /// Every anchor and keyword spelling, lowercased; literal id = index (what `roles` and
    /// `keyword_patterns` speak of).
    literals: Vec<Vec<u8>>,
    /// The byte folding the automaton sees text and literals through (see `Fold`).
    fold: Fold,
    /// The distinct folded literals, each with the ids of the literals that fold to it.
    folded: Vec<(Vec<u8>, Vec<u32>)>,
    /// The automaton over the folded literals for the first `DFA_AFTER_BYTES` of a run: the
    /// double array, built in milliseconds on the first window that has bytes (a run that scans
    /// only empty or skipped objects never needs it).
    small_automaton: OnceLock<Option<LiteralAutomaton>>,
    /// The same as a DFA, which searches faster but takes tens of milliseconds to build: built
    /// once the run has scanned `DFA_AFTER_BYTES`, and used from then on.
    dfa_automaton: OnceLock<Option<LiteralAutomaton>>,
    /// Bytes given to the literal pass so far (until the DFA is built).
    literal_bytes: AtomicUsize,
    roles: Vec<Role>,
    /// Per detector: the sorted automaton pattern ids of its keywords.
    keyword_patterns: Vec<Vec<u32>>,
    keyword_driven: Vec<bool>,
    /// Every regex-pass pattern in one lazy DFA that reports every pattern's match ends,
    /// overlapping ones included, so that no detector's match can hide another's.
    shapes: Option<DFA>,
    /// Regex-pass pattern id → detector.
    shape_detector: Vec<u32>,
    longest_keyword: usize,
    overlap: usize,
    allow: AllowList,
}

impl Engine {
    pub fn new(all: Vec<Detector>, options: &EngineOptions) -> Result<Engine, Error> {
        for id in options.only.iter().chain(&options.disable) {
            if !all.iter().any(|d| d.id() == id) {
                return Err(Error::Usage(format!(
                    "unknown detector id `{id}`; `piiscan detectors list` shows the ids"
                )));
            }
        }
        let detectors: Vec<Detector> = all
            .into_iter()
            .filter(|d| options.only.is_empty() || options.only.iter().any(|id| id == d.id()))
            .filter(|d| !options.disable.iter().any(|id| id == d.id()))
            .collect();
        let allow = AllowList::new(&options.allow).map_err(Error::Usage)?;

        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut roles: Vec<Role> = Vec::new();
        let mut index_of = std::collections::HashMap::<Vec<u8>, usize>::new();
        let mut intern = |text: &[u8], literals: &mut Vec<Vec<u8>>, roles: &mut Vec<Role>| -> usize {
            let key = text.to_ascii_lowercase();
            *index_of.entry(key.clone()).or_insert_with(|| {
                literals.push(key);
                roles.push(Role::default());
                literals.len() - 1
            })
        };
        let mut keyword_patterns = vec![Vec::new(); detectors.len()];
        let mut shape_patterns = Vec::new();
        let mut shape_detector = Vec::new();
        let mut longest_keyword = 0;
        for (i, d) in detectors.iter().enumerate() {
            let id = i as u32;
            for anchor in &d.spec.anchors {
                let p = intern(anchor.as_bytes(), &mut literals, &mut roles);
                let exact = (!d.spec.anchors_ignore_case).then(|| anchor.as_bytes().into());
                roles[p].anchors.push(AnchorOf {
                    detector: id,
                    exact,
                    next: OnceLock::new(),
                });
            }
            for keyword in &d.spec.keywords {
                for variant in keyword_variants(keyword) {
                    longest_keyword = longest_keyword.max(variant.len());
                    let p = intern(variant.as_bytes(), &mut literals, &mut roles);
                    if !roles[p].keyword_of.contains(&id) {
                        roles[p].keyword_of.push(id);
                    }
                    keyword_patterns[i].push(p as u32);
                }
            }
            keyword_patterns[i].sort_unstable();
            keyword_patterns[i].dedup();
            if d.in_regex_pass() {
                shape_patterns.push(d.spec.pattern.clone());
                shape_detector.push(id);
            }
        }
        let literal_bytes: usize = literals.iter().map(Vec::len).sum();
        if literal_bytes > MAX_LITERAL_BYTES {
            return Err(Error::Usage(format!(
                "the detectors' anchors and keywords hold {literal_bytes} bytes; at most {MAX_LITERAL_BYTES} are supported"
            )));
        }
        let shapes = if shape_patterns.is_empty() {
            None
        } else {
            Some(build_shapes(&shape_patterns).map_err(Error::Usage)?)
        };
        let overlap = detectors
            .iter()
            .map(|d| d.spec.max_length + d.keyword_distance)
            .max()
            .unwrap_or(0)
            + longest_keyword
            + 64;
        let keyword_driven = detectors.iter().map(Detector::keyword_driven).collect();
        let fold = Fold::new(&literals);
        let mut folded: Vec<(Vec<u8>, Vec<u32>)> = Vec::new();
        let mut folded_index = std::collections::HashMap::<Vec<u8>, usize>::new();
        for (id, literal) in literals.iter().enumerate() {
            let key = fold.apply(literal);
            let at = *folded_index.entry(key.clone()).or_insert_with(|| {
                folded.push((key, Vec::new()));
                folded.len() - 1
            });
            folded[at].1.push(id as u32);
        }
        Ok(Engine {
            detectors,
            literals,
            fold,
            folded,
            small_automaton: OnceLock::new(),
            dfa_automaton: OnceLock::new(),
            literal_bytes: AtomicUsize::new(0),
            roles,
            keyword_patterns,
            keyword_driven,
            shapes,
            shape_detector,
            longest_keyword,
            overlap,
            allow,
        })
    }

    /// The anchor and keyword automaton for a search of `bytes` more bytes: the double array
    /// until the run has searched `DFA_AFTER_BYTES`, the DFA from then on. Both report the same.
    fn automaton(&self, bytes: usize) -> Option<&LiteralAutomaton> {
        if let Some(dfa) = self.dfa_automaton.get() {
            return dfa.as_ref();
        }
        let total = self.literal_bytes.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if total >= DFA_AFTER_BYTES {
            return self
                .dfa_automaton
                .get_or_init(|| build_automaton(&self.folded, true))
                .as_ref();
        }
        self.small_automaton
            .get_or_init(|| build_automaton(&self.folded, false))
            .as_ref()
    }

    pub fn detectors(&self) -> &[Detector] {
        &self.detectors
    }

    pub fn detector(&self, index: u32) -> &Detector {
        &self.detectors[index as usize]
    }

    /// Bytes of context a window must carry on each side of the part it owns, so that every match
    /// starting in the owned part, and the keywords around it, lie inside the window.
    pub fn overlap(&self) -> usize {
        self.overlap
    }

    pub fn new_scratch(&self) -> Scratch {
        let mut scratch = Scratch::new(self.detectors.len());
        scratch.shape_cache = self.shapes.as_ref().map(DFA::create_cache);
        scratch
    }

    /// Finds the confirmed matches of `window` that start inside `own`, into `scratch.matches`,
    /// sorted by start. The rest of the window is context only.
    pub fn scan_window(&self, window: &[u8], own: Range<usize>, scratch: &mut Scratch) {
        scratch.matches.clear();
        scratch.regions.clear();
        scratch.keyword_hits.clear();
        self.collect_literal_candidates(window, scratch);
        self.collect_shape_candidates(window, scratch);
        self.collect_context_regions(window, scratch);
        merge_regions(&mut scratch.regions);
        let regions = std::mem::take(&mut scratch.regions);
        for region in &regions {
            self.confirm_region(window, *region, &own, scratch);
        }
        scratch.regions = regions;
        scratch.matches.sort_unstable();
        scratch.matches.dedup();
    }

    /// Detectors with a keyword in any of `names` (a column header, the keys of a JSON path), into
    /// `out`, sorted: the context `scan_window_with_context` takes. Macie's rule for structured
    /// data: the name counts as a keyword for every value under it, case and separators ignored.
    pub fn context_detectors(&self, names: &[&str], out: &mut Vec<u32>) {
        out.clear();
        let Some(automaton) = self.automaton(0) else { return };
        let mut folded = Vec::new();
        for name in names {
            let name = name.as_bytes();
            self.fold.apply_into(name, &mut folded);
            automaton.for_each_hit(&folded, |pattern, start, end| {
                if keyword_boundaries(name, start, end) {
                    for &literal in self.literals_at(pattern, &name[start..end]) {
                        out.extend(&self.roles[literal as usize].keyword_of);
                    }
                }
            });
        }
        out.sort_unstable();
        out.dedup();
    }

    /// As `scan_window`, for one field of a structured object whose name gives context keywords
    /// that are not in the text: the detectors in `context` (from `context_detectors`) count their
    /// keyword as near every candidate of the window.
    pub fn scan_window_with_context(&self, window: &[u8], own: Range<usize>, context: &[u32], scratch: &mut Scratch) {
        scratch.context.clear();
        scratch.context.extend_from_slice(context);
        self.scan_window(window, own, scratch);
        scratch.context.clear();
    }

    /// Keyword-driven detectors with a context keyword search the whole window (a field's value).
    fn collect_context_regions(&self, window: &[u8], scratch: &mut Scratch) {
        for &detector in &scratch.context {
            if self.keyword_driven[detector as usize] {
                scratch.regions.push(Region {
                    detector,
                    start: 0,
                    end: window.len(),
                    anchored: false,
                });
            }
        }
    }

    /// The automaton pass: anchors open a region around themselves for their detectors; keywords
    /// are recorded for context checks and open regions for keyword-driven detectors.
    fn collect_literal_candidates(&self, window: &[u8], scratch: &mut Scratch) {
        if window.is_empty() {
            return;
        }
        let Some(automaton) = self.automaton(window.len()) else {
            return;
        };
        let mut folded = std::mem::take(&mut scratch.folded);
        self.fold.apply_into(window, &mut folded);
        automaton.for_each_hit(&folded, |pattern, start, end| {
            for &literal in self.literals_at(pattern, &window[start..end]) {
                self.literal_hit(window, literal, start, end, scratch);
            }
        });
        scratch.folded = folded;
        // Overlapping iteration reports by end; the context check wants them by start.
        scratch.keyword_hits.sort_unstable_by_key(|h| (h.start, h.end));
    }

    /// The literals of folded automaton pattern `pattern` that `text` spells (ASCII case
    /// ignored): the hits the automaton would report had it been built on the literals themselves.
    fn literals_at<'a>(&'a self, pattern: usize, text: &'a [u8]) -> impl Iterator<Item = &'a u32> + 'a {
        self.folded[pattern]
            .1
            .iter()
            .filter(move |&&literal| self.literals[literal as usize].eq_ignore_ascii_case(text))
    }

    /// One occurrence of literal `literal` at `start..end`: the regions it opens and the keyword
    /// hit it records.
    fn literal_hit(&self, window: &[u8], literal: u32, start: usize, end: usize, scratch: &mut Scratch) {
        let role = &self.roles[literal as usize];
        for anchor in &role.anchors {
            if anchor.exact.as_deref().is_some_and(|e| e != &window[start..end]) {
                continue;
            }
            let d = &self.detectors[anchor.detector as usize];
            let next = anchor.next.get_or_init(|| {
                let last = window[end - 1];
                anchor_next_bytes(&d.spec.pattern, last, d.spec.anchors_ignore_case)
            });
            if let Some(next) = next
                && !window.get(end).is_some_and(|&b| next.contains(b))
            {
                continue;
            }
            let reach = d.spec.max_length;
            scratch.regions.push(Region {
                detector: anchor.detector,
                start: start.saturating_sub(reach),
                end: (end + reach).min(window.len()),
                anchored: true,
            });
        }
        if role.keyword_of.is_empty() || !keyword_boundaries(window, start, end) {
            return;
        }
        scratch.keyword_hits.push(KeywordHit {
            pattern: literal,
            start,
            end,
        });
        for detector in &role.keyword_of {
            if !self.keyword_driven[*detector as usize] {
                continue;
            }
            let d = &self.detectors[*detector as usize];
            let reach = d.spec.max_length + d.keyword_distance;
            scratch.regions.push(Region {
                detector: *detector,
                start: start.saturating_sub(reach),
                end: (end + reach).min(window.len()),
                anchored: false,
            });
        }
    }

    /// The regex pass for detectors with neither anchors nor required keywords (digit shapes):
    /// one overlapping search for all of them at once. The DFA reports where matches end; each end
    /// opens a region reaching back `max_length`, where the detector's own regex finds the start.
    /// Leftmost-first search across patterns would let one detector's match hide an overlapping
    /// match of another's (an IBAN-shaped run hiding a phone number inside it); overlapping search
    /// cannot.
    fn collect_shape_candidates(&self, window: &[u8], scratch: &mut Scratch) {
        let Some(shapes) = &self.shapes else { return };
        let cache = scratch.shape_cache.get_or_insert_with(|| shapes.create_cache());
        let input = Input::new(window);
        let mut state = OverlappingState::start();
        loop {
            if shapes.try_search_overlapping_fwd(cache, &input, &mut state).is_err() {
                // The lazy DFA gave up (cache thrashing on pathological input): fall back to every
                // detector's own regex over the whole window, slower but complete.
                self.whole_window_shape_regions(window, scratch);
                return;
            }
            let Some(end) = state.get_match() else { break };
            let detector = self.shape_detector[end.pattern().as_usize()];
            let reach = self.detectors[detector as usize].spec.max_length;
            scratch.regions.push(Region {
                detector,
                start: end.offset().saturating_sub(reach),
                end: end.offset(),
                anchored: true,
            });
        }
    }

    fn whole_window_shape_regions(&self, window: &[u8], scratch: &mut Scratch) {
        scratch.regions.retain(|r| !self.shape_detector.contains(&r.detector));
        for &detector in &self.shape_detector {
            scratch.regions.push(Region {
                detector,
                start: 0,
                end: window.len(),
                anchored: false,
            });
        }
    }

    /// Runs one detector's full regex over a region, then its validator, context rule and allow
    /// lists on each match; counts every candidate as matched or dropped.
    fn confirm_region(&self, window: &[u8], region: Region, own: &Range<usize>, scratch: &mut Scratch) {
        let index = region.detector as usize;
        let d = &self.detectors[index];
        let mut input = Input::new(window).range(region.start..region.end);
        let mut found = false;
        while let Some((whole, value)) = self.next_match(d, index, &input, scratch) {
            found = true;
            if own.contains(&whole.start) {
                scratch.stats.candidate(index);
                match self.verdict(d, index, window, whole.clone(), value.clone(), scratch) {
                    Ok((test_value, near)) => {
                        scratch.stats.matched(index);
                        scratch.matches.push(Match {
                            start: whole.start,
                            end: whole.end,
                            detector: region.detector,
                            value_start: value.start,
                            value_end: value.end,
                            test_value,
                            keyword_near: near,
                        });
                    }
                    Err(reason) => scratch.stats.drop(index, reason),
                }
            }
            let next = if whole.end > whole.start {
                whole.end
            } else {
                whole.start + 1
            };
            if next >= region.end {
                break;
            }
            input.set_start(next);
        }
        // An anchor without a match is a dropped candidate; a keyword alone is no candidate.
        if !found && region.anchored && own.contains(&region.start) {
            scratch.stats.candidate(index);
            scratch.stats.drop(index, DropReason::Pattern);
        }
    }

    fn next_match(
        &self,
        d: &Detector,
        index: usize,
        input: &Input<'_>,
        scratch: &mut Scratch,
    ) -> Option<(Range<usize>, Range<usize>)> {
        match d.value_group {
            None => d.regex().search(input).map(|m| (m.range(), m.range())),
            Some(group) => {
                let regex = d.regex();
                let caps = scratch.captures[index].get_or_insert_with(|| regex.create_captures());
                regex.search_captures(input, caps);
                let whole = caps.get_match()?.range();
                let value = caps.get_group(group).map_or(whole.clone(), |s| s.range());
                Some((whole, value))
            }
        }
    }

    /// Ok((test_value, keyword_near)) when the match stands, or the first check it fails.
    fn verdict(
        &self,
        d: &Detector,
        index: usize,
        window: &[u8],
        whole: Range<usize>,
        value: Range<usize>,
        scratch: &mut Scratch,
    ) -> Result<(bool, bool), DropReason> {
        let bytes = &window[value.clone()];
        if let Some(v) = d.validator
            && !(v.check)(bytes)
        {
            return Err(DropReason::Validator);
        }
        let in_context = scratch.context.binary_search(&(index as u32)).is_ok();
        if d.spec.keywords_required
            && !in_context
            && !d.keywords_optional_if.as_ref().is_some_and(|r| r.is_match(bytes))
            && !keyword_near(
                &scratch.keyword_hits,
                &self.keyword_patterns[index],
                whole.start,
                whole.end,
                d.keyword_distance,
                self.longest_keyword,
            )
        {
            return Err(DropReason::Keyword);
        }
        let mut test_value = false;
        if !d.ignore.is_empty() || !d.test_values.is_empty() {
            scratch.normal.clear();
            scratch.normal.extend(
                bytes
                    .iter()
                    .filter(|b| !matches!(b, b' ' | b'-'))
                    .map(|b| b.to_ascii_lowercase()),
            );
            if d.ignore.contains(scratch.normal.as_slice()) {
                return Err(DropReason::Ignored);
            }
            test_value = d.test_values.contains(scratch.normal.as_slice());
        }
        if self.allow.allows(d.id(), bytes) {
            return Err(DropReason::AllowList);
        }
        // Only detectors with a no-keyword Macie id need to know, and only for matches that stand.
        let near = d.spec.macie_id_without_keyword.is_none()
            || in_context
            || keyword_near(
                &scratch.keyword_hits,
                &self.keyword_patterns[index],
                whole.start,
                whole.end,
                d.keyword_distance,
                self.longest_keyword,
            );
        Ok((test_value, near))
    }
}

/// Bound on the total bytes of anchors and keywords, far above any catalogue (the built-in one
/// has about 40 KB) and far below what the automaton's state ids can address, so that building
/// it cannot fail.
const MAX_LITERAL_BYTES: usize = 64 << 20;

/// How the automaton sees bytes: each byte becomes a small code, so that the automaton's
/// alphabet (and so its DFA, states x alphabet) stays small and in cache. ASCII letters fold to
/// one code per letter (case ignored), the keyword separators ` `, `_` and `-` to one code (the
/// four spellings of a keyword of several words become two), the other bytes that occur in some
/// literal keep a code of their own, bytes from 0x80 share eight codes by their low bits, and
/// every other byte is code 0, which no literal holds. Folding only merges, so every real
/// occurrence of a literal is an occurrence of its folded form; `Engine::literals_at` then keeps
/// the hits whose bytes spell the literal itself, so the pass reports exactly what an automaton
/// over the literals (ASCII case ignored) would.
#[derive(Debug)]
struct Fold([u8; 256]);

impl Fold {
    fn new(literals: &[Vec<u8>]) -> Fold {
        let mut table = [0u8; 256];
        let mut next = 1u8;
        for b in 0x80..=0xffu8 {
            table[b as usize] = 1 + (b & 7);
        }
        next += 8;
        let fold_ascii = |b: u8| match b.to_ascii_lowercase() {
            b'_' | b'-' => b' ',
            b => b,
        };
        for literal in literals {
            for &b in literal {
                let key = fold_ascii(b);
                if b < 0x80 && table[key as usize] == 0 {
                    // At most 128 ASCII keys after 9 codes: never past 255.
                    table[key as usize] = next;
                    next += 1;
                }
            }
        }
        for b in 0..0x80u8 {
            table[b as usize] = table[fold_ascii(b) as usize];
        }
        Fold(table)
    }

    fn apply(&self, bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(bytes.len());
        self.apply_into(bytes, &mut out);
        out
    }

    fn apply_into(&self, bytes: &[u8], out: &mut Vec<u8>) {
        out.clear();
        out.extend(bytes.iter().map(|&b| self.0[b as usize]));
    }
}

/// The anchor and keyword automaton over the folded literals.
enum LiteralAutomaton {
    /// A double-array Aho-Corasick automaton: for the whole catalogue it builds in a few
    /// milliseconds and holds a few hundred KB, but searches about 10% slower than the DFA.
    DoubleArray(DoubleArrayAhoCorasick<u32>),
    /// aho-corasick's DFA (or another kind of its, should the DFA be too large).
    AhoCorasick(AhoCorasick),
}

impl LiteralAutomaton {
    /// Calls `f(pattern, start, end)` for every occurrence of every pattern, overlapping ones
    /// included, in order of `end`.
    fn for_each_hit(&self, haystack: &[u8], mut f: impl FnMut(usize, usize, usize)) {
        match self {
            LiteralAutomaton::DoubleArray(a) => {
                for hit in a.find_overlapping_iter(haystack) {
                    f(hit.value() as usize, hit.start(), hit.end());
                }
            }
            LiteralAutomaton::AhoCorasick(a) => {
                for hit in a.find_overlapping_iter(haystack) {
                    f(hit.pattern().as_usize(), hit.start(), hit.end());
                }
            }
        }
    }
}

impl std::fmt::Debug for LiteralAutomaton {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LiteralAutomaton::DoubleArray(a) => write!(f, "DoubleArray({} states)", a.num_states()),
            LiteralAutomaton::AhoCorasick(a) => write!(f, "{a:?}"),
        }
    }
}

/// After this many bytes, a run builds the literal DFA: its build costs about what the double
/// array's slower search costs over 16 to 32 MB (measured on the bench corpus).
const DFA_AFTER_BYTES: usize = 16 << 20;

/// The anchor and keyword automaton over the folded literals (pattern ids are the indexes of
/// `folded`): unless `dfa`, the double array; else, or should the double array refuse them,
/// aho-corasick's DFA, or whatever kind that crate can build when the DFA would be too large.
fn build_automaton(folded: &[(Vec<u8>, Vec<u32>)], dfa: bool) -> Option<LiteralAutomaton> {
    if folded.is_empty() {
        return None;
    }
    let literals = folded.iter().map(|(bytes, _)| bytes);
    if !dfa && let Ok(a) = DoubleArrayAhoCorasick::<u32>::new(literals.clone()) {
        return Some(LiteralAutomaton::DoubleArray(a));
    }
    let build = |kind| {
        AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(kind)
            .build(literals.clone())
    };
    build(Some(aho_corasick::AhoCorasickKind::DFA))
        .or_else(|_| build(None))
        .ok()
        .map(LiteralAutomaton::AhoCorasick)
}

/// The regex pass's lazy DFA: every pattern, all match ends reported (`MatchKind::All`), bytes
/// rather than UTF-8 and ASCII word boundaries, as each detector's own regex is built.
fn build_shapes(patterns: &[String]) -> Result<DFA, String> {
    DFA::builder()
        .configure(DFA::config().match_kind(RegexMatchKind::All))
        .syntax(regex_automata::util::syntax::Config::new().unicode(false).utf8(false))
        .build_many(patterns)
        .map_err(|e| format!("cannot build the multi-pattern regex: {e}"))
}

/// A keyword must stand as a word of its own: not glued to letters on either side, except at a
/// camelCase seam (`homePhone`, `userSSN`) or a plural `s`.
/// A set of bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct ByteSet([u64; 4]);

impl ByteSet {
    fn insert(&mut self, b: u8) {
        self.0[usize::from(b >> 6)] |= 1 << (b & 63);
    }

    fn insert_range(&mut self, start: u8, end: u8) {
        for b in start..=end {
            self.insert(b);
        }
    }

    fn contains(&self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }

    fn union(&mut self, other: &ByteSet) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a |= b;
        }
    }

    fn intersects(&self, other: &ByteSet) -> bool {
        self.0.iter().zip(other.0).any(|(a, b)| a & b != 0)
    }
}

/// What can come after a point of a pattern: these bytes, or the end of the match.
#[derive(Clone, Copy, Debug, Default)]
struct Follow {
    bytes: ByteSet,
    end: bool,
}

/// The bytes that can follow byte `last` (either ASCII case when `ignore_case`) inside a match of
/// `pattern`, or `None` when the match may end right after it or the pattern does not parse.
/// Sound for gating an anchor ending in `last`: in any match holding the anchor, `last` is read by
/// some literal byte or class of the pattern, and the next byte by what can follow that point.
fn anchor_next_bytes(pattern: &str, last: u8, ignore_case: bool) -> Option<ByteSet> {
    let hir = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .ok()?;
    let mut target = ByteSet::default();
    target.insert(last);
    if ignore_case {
        target.insert(last.to_ascii_lowercase());
        target.insert(last.to_ascii_uppercase());
    }
    let mut out = Follow::default();
    follow_of(
        &hir,
        Follow {
            bytes: ByteSet::default(),
            end: true,
        },
        &target,
        &mut out,
    );
    (!out.end).then_some(out.bytes)
}

/// The bytes that can start a non-empty match of `hir`, and whether it can match empty.
fn first_of(hir: &regex_syntax::hir::Hir) -> (ByteSet, bool) {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => (ByteSet::default(), true),
        HirKind::Literal(lit) => {
            let mut set = ByteSet::default();
            match lit.0.first() {
                Some(&b) => {
                    set.insert(b);
                    (set, false)
                }
                None => (set, true),
            }
        }
        HirKind::Class(class) => (class_bytes(class), false),
        HirKind::Repetition(r) => {
            let (set, nullable) = first_of(&r.sub);
            (set, nullable || r.min == 0)
        }
        HirKind::Capture(c) => first_of(&c.sub),
        HirKind::Concat(parts) => {
            let mut set = ByteSet::default();
            for part in parts {
                let (s, nullable) = first_of(part);
                set.union(&s);
                if !nullable {
                    return (set, false);
                }
            }
            (set, true)
        }
        HirKind::Alternation(parts) => {
            let mut set = ByteSet::default();
            let mut any_nullable = false;
            for part in parts {
                let (s, nullable) = first_of(part);
                set.union(&s);
                any_nullable |= nullable;
            }
            (set, any_nullable)
        }
    }
}

/// Every byte a class can read (for a Unicode class, every byte from 0x80 for its non-ASCII part).
fn class_bytes(class: &regex_syntax::hir::Class) -> ByteSet {
    use regex_syntax::hir::Class;
    let mut set = ByteSet::default();
    match class {
        Class::Bytes(c) => {
            for r in c.iter() {
                set.insert_range(r.start(), r.end());
            }
        }
        Class::Unicode(c) => {
            for r in c.iter() {
                let (start, end) = (u32::from(r.start()), u32::from(r.end()));
                if start < 0x80 {
                    set.insert_range(start as u8, end.min(0x7F) as u8);
                }
                if end >= 0x80 {
                    set.insert_range(0x80, 0xFF);
                }
            }
        }
    }
    set
}

/// Adds to `out` what can follow each point of `hir` that reads a byte of `target`, given that
/// `after` can follow `hir` itself.
fn follow_of(hir: &regex_syntax::hir::Hir, after: Follow, target: &ByteSet, out: &mut Follow) {
    use regex_syntax::hir::HirKind;
    let mut add = |f: &Follow| {
        out.bytes.union(&f.bytes);
        out.end |= f.end;
    };
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(lit) => {
            for (i, &b) in lit.0.iter().enumerate() {
                if target.contains(b) {
                    match lit.0.get(i + 1) {
                        Some(&next) => {
                            let mut bytes = ByteSet::default();
                            bytes.insert(next);
                            add(&Follow { bytes, end: false });
                        }
                        None => add(&after),
                    }
                }
            }
        }
        HirKind::Class(class) => {
            if class_bytes(class).intersects(target) {
                add(&after);
            }
        }
        HirKind::Capture(c) => follow_of(&c.sub, after, target, out),
        HirKind::Alternation(parts) => {
            for part in parts {
                follow_of(part, after, target, out);
            }
        }
        HirKind::Repetition(r) => {
            let mut inner = after;
            if r.max != Some(1) {
                inner.bytes.union(&first_of(&r.sub).0);
            }
            follow_of(&r.sub, inner, target, out);
        }
        HirKind::Concat(parts) => {
            let mut rest = after;
            for part in parts.iter().rev() {
                follow_of(part, rest, target, out);
                let (first, nullable) = first_of(part);
                if nullable {
                    rest.bytes.union(&first);
                } else {
                    rest = Follow {
                        bytes: first,
                        end: false,
                    };
                }
            }
        }
    }
}

fn keyword_boundaries(window: &[u8], start: usize, end: usize) -> bool {
    let left_ok = start == 0 || {
        let prev = window[start - 1];
        !prev.is_ascii_alphabetic() || (prev.is_ascii_lowercase() && window[start].is_ascii_uppercase())
    };
    let right_ok = end >= window.len() || {
        let next = window[end];
        !next.is_ascii_alphabetic()
            || (window[end - 1].is_ascii_lowercase() && next.is_ascii_uppercase())
            || (next.eq_ignore_ascii_case(&b's') && window.get(end + 1).is_none_or(|b| !b.is_ascii_alphabetic()))
    };
    left_ok && right_ok
}

/// Sorts regions by detector and start and merges those that overlap, so that no stretch of text
/// is searched twice for the same detector when anchors or keywords cluster.
fn merge_regions(regions: &mut Vec<Region>) {
    if regions.len() < 2 {
        return;
    }
    regions.sort_unstable();
    let mut out = 0;
    for i in 1..regions.len() {
        let next = regions[i];
        let last = &mut regions[out];
        if next.detector == last.detector && next.start <= last.end {
            last.end = last.end.max(next.end);
            last.anchored |= next.anchored;
        } else {
            out += 1;
            regions[out] = next;
        }
    }
    regions.truncate(out + 1);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::catalog;
    use crate::detect::window::{read_windows, slice_windows};
    use std::ops::ControlFlow;

    fn next_bytes(pattern: &str, last: u8, ignore_case: bool) -> Option<String> {
        anchor_next_bytes(pattern, last, ignore_case)
            .map(|set| (0..=255u8).filter(|&b| set.contains(b)).map(char::from).collect())
    }

    #[test]
    fn anchor_gate_is_what_can_follow_the_anchor_in_a_match() {
        assert_eq!(next_bytes(r"a\+[1-3]x", b'+', false).as_deref(), Some("123"));
        // Optional and repeated parts: what follows them as well as what they start with.
        assert_eq!(next_bytes(r"\+(?:-[0-9])?y?z", b'+', false).as_deref(), Some("-yz"));
        assert_eq!(next_bytes(r"(?:\+[ab])+c", b'+', false).as_deref(), Some("ab"));
        assert_eq!(next_bytes(r"[a+]{2}b", b'+', false).as_deref(), Some("+ab"));
        // Look-arounds read nothing; a literal's next byte is its own.
        assert_eq!(next_bytes(r"(?i)key\b=", b'y', true).as_deref(), Some("="));
        assert_eq!(next_bytes(r"xy@z", b'@', false).as_deref(), Some("z"));
        // The match may end right after the anchor: no gate.
        assert_eq!(next_bytes(r"a\+?", b'+', false), None);
        assert_eq!(next_bytes(r"\+(?:[0-9]|$)", b'+', false), None);
        assert_eq!(next_bytes(r"(", b'+', false), None);
    }

    /// The gate drops `+0000` (no phone number starts `+0`) but keeps every real candidate.
    #[test]
    fn phone_anchor_is_gated_by_the_digit_after_it() {
        let all = catalog::load(&[] as &[&str]).unwrap();
        let phone = all.iter().find(|d| d.id() == "PHONE_NUMBER").unwrap();
        let next = anchor_next_bytes(&phone.spec.pattern, b'+', false).unwrap();
        assert!(!next.contains(b'0') && !next.contains(b' '));
        assert!((b'1'..=b'9').all(|b| next.contains(b)));
    }

    /// Every example of the catalogue, joined by filler lines, so matches land at all offsets.
    fn example_text() -> Vec<u8> {
        let engine = Engine::new(catalog::load(&[] as &[&str]).unwrap(), &EngineOptions::default()).unwrap();
        let mut text = Vec::new();
        for (i, d) in engine.detectors().iter().enumerate() {
            for e in &d.spec.examples {
                text.extend_from_slice(e.as_bytes());
                text.extend_from_slice(format!("\nfiller line {i} with nothing in it\n").as_bytes());
            }
        }
        text
    }

    fn absolute(
        engine: &Engine,
        scratch: &mut Scratch,
        bytes: &[u8],
        base: u64,
        own: Range<usize>,
    ) -> Vec<(u64, u64, u32)> {
        engine.scan_window(bytes, own, scratch);
        scratch
            .matches
            .iter()
            .map(|m| (base + m.value_start as u64, base + m.value_end as u64, m.detector))
            .collect()
    }

    #[test]
    fn whole_slice_small_windows_and_stream_find_the_same() {
        let engine = Engine::new(catalog::load(&[] as &[&str]).unwrap(), &EngineOptions::default()).unwrap();
        let text = example_text();
        let mut scratch = engine.new_scratch();
        let whole = absolute(&engine, &mut scratch, &text, 0, 0..text.len());
        assert!(!whole.is_empty());

        let mut windowed = Vec::new();
        let _ = slice_windows::<()>(&text, 64, engine.overlap(), |w| {
            windowed.extend(absolute(&engine, &mut scratch, w.bytes, w.base, w.own));
            ControlFlow::Continue(())
        });
        assert_eq!(windowed, whole, "64-byte slice windows differ from the whole slice");

        let mut streamed = Vec::new();
        let mut buf = Vec::new();
        let _ = read_windows::<()>(&mut text.as_slice(), 64, engine.overlap(), &mut buf, |w| {
            streamed.extend(absolute(&engine, &mut scratch, w.bytes, w.base, w.own));
            ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!(streamed, whole, "64-byte streamed windows differ from the whole slice");
    }

    /// Two regex-pass detectors whose matches overlap: a leftmost-first pass would report only the
    /// first; the overlapping pass must let both be confirmed.
    #[test]
    fn regex_pass_finds_overlapping_matches_of_different_detectors() {
        let text = r#"
[[detector]]
id = "LONG_RUN"
name = "long run"
category = "personal"
description = "x"
pattern = '\bAB[0-9]{10}\b'
severity = "low"
examples = ["AB0123456789"]
negative_examples = ["AB01234567"]

[[detector]]
id = "INNER_RUN"
name = "inner run"
category = "personal"
description = "x"
pattern = '[0-9]{4}-[0-9]{4}'
severity = "low"
examples = ["1234-5678"]
negative_examples = ["1234 5678"]
"#;
        let detectors = catalog::parse_specs("test", text)
            .unwrap()
            .into_iter()
            .map(|spec| catalog::compile("test", spec).unwrap())
            .collect();
        let engine = Engine::new(detectors, &EngineOptions::default()).unwrap();
        let mut scratch = engine.new_scratch();
        let haystack = b"id AB0123456789-6789 end";
        let found = absolute(&engine, &mut scratch, haystack, 0, 0..haystack.len());
        let ids: Vec<&str> = found.iter().map(|m| engine.detector(m.2).id()).collect();
        assert_eq!(ids, ["LONG_RUN", "INNER_RUN"], "{found:?}");
    }

    #[test]
    fn keyword_near_is_recorded_for_detectors_with_a_no_keyword_macie_id() {
        let engine = Engine::new(catalog::load(&[] as &[&str]).unwrap(), &EngineOptions::default()).unwrap();
        let card = engine
            .detectors()
            .iter()
            .position(|d| d.id() == "CREDIT_CARD_NUMBER")
            .unwrap() as u32;
        let mut scratch = engine.new_scratch();
        let mut near = |text: &[u8]| {
            engine.scan_window(text, 0..text.len(), &mut scratch);
            let found: Vec<bool> = scratch
                .matches
                .iter()
                .filter(|m| m.detector == card)
                .map(|m| m.keyword_near)
                .collect();
            found
        };
        assert_eq!(near(b"visa 4453331478932885"), [true]);
        assert_eq!(near(b"order ref 4453331478932885 shipped"), [false]);
    }

    /// The folded automaton plus `literals_at` must report exactly the (literal, start, end) hits
    /// of an automaton built on the literals themselves with ASCII case ignored.
    #[test]
    fn folded_automaton_reports_exactly_the_literal_hits() {
        let engine = Engine::new(catalog::load(&[] as &[&str]).unwrap(), &EngineOptions::default()).unwrap();
        let mut text = example_text();
        text.extend_from_slice(
            "Date of Birth: x date_of_birth date-of-birth dateofbirth date of_birth DATE-OF BIRTH \
             ssn SSN_ number sk_live_ SK-LIVE- -----BEGIN RSA PRIVATE KEY----- \u{e9}t\u{e9} \u{444}\u{430}\u{43c}\u{438}\u{43b}\u{438}\u{44f} \u{751f}\u{65e5}"
                .as_bytes(),
        );
        let reference = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&engine.literals)
            .unwrap();
        let mut want: Vec<(u32, usize, usize)> = reference
            .find_overlapping_iter(text.as_slice())
            .map(|h| (h.pattern().as_u32(), h.start(), h.end()))
            .collect();
        want.sort_unstable();
        assert!(want.len() > 1000, "{}", want.len());
        let folded = engine.fold.apply(&text);
        for dfa in [false, true] {
            let automaton = build_automaton(&engine.folded, dfa).unwrap();
            assert_eq!(matches!(automaton, LiteralAutomaton::DoubleArray(_)), !dfa);
            let mut got: Vec<(u32, usize, usize)> = Vec::new();
            automaton.for_each_hit(&folded, |pattern, start, end| {
                for &literal in engine.literals_at(pattern, &text[start..end]) {
                    got.push((literal, start, end));
                }
            });
            got.sort_unstable();
            assert_eq!(got, want, "dfa: {dfa}");
        }
    }

    #[test]
    fn merge_regions_joins_overlaps_of_one_detector_only() {
        let region = |detector, start, end, anchored| Region {
            detector,
            start,
            end,
            anchored,
        };
        let mut r = vec![
            region(1, 10, 20, false),
            region(0, 0, 5, true),
            region(1, 15, 30, true),
            region(0, 6, 8, true),
        ];
        merge_regions(&mut r);
        assert_eq!(
            r,
            vec![region(0, 0, 5, true), region(0, 6, 8, true), region(1, 10, 30, true)]
        );
    }

    #[test]
    fn keyword_boundaries_accept_camel_case_and_reject_inner_words() {
        assert!(keyword_boundaries(b"homePhone: 1", 4, 9));
        assert!(!keyword_boundaries(b"business", 4, 7));
        assert!(keyword_boundaries(b"ssn=1", 0, 3));
        assert!(keyword_boundaries(b"ssns: 1", 0, 3));
    }
}
