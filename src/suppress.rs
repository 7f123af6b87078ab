//! Suppression: confirmed matches that the user has already judged — published test values
//! (`--ignore-test-values`), lines marked `piiscan:ignore`, and findings recorded in a baseline.
//! Invariant: a suppressed match is counted (`classify::Suppressed`) and never reaches a report,
//! the object's finding count, its severity or the exit code; nothing is suppressed silently.
//!
//! Inline markers, in any comment syntax (the marker is found anywhere in the line):
//! - `piiscan:ignore` on the line where a value starts suppresses every finding starting on it;
//! - `piiscan:ignore ID[,ID...]` only those detectors' (ids compared ignoring case);
//! - `piiscan:ignore-next-line [ID[,ID...]]` does the same for the line after it, for files where
//!   a comment cannot share the line (PEM blocks, CSV rows, YAML block scalars).
//!
//! A plain `piiscan:ignore` covers only its own line, as gitleaks's `gitleaks:allow` does: a
//! marker written for one line never hides a value added on the next.

use std::sync::Arc;

use crate::baseline::Baseline;

/// The marker every inline suppression starts with.
pub const MARKER: &[u8] = b"piiscan:ignore";
const NEXT_LINE: &[u8] = b"-next-line";

/// What to suppress, gathered by `scan::Config`.
#[derive(Clone, Debug)]
pub struct SuppressOptions {
    /// Honour `piiscan:ignore` markers.
    pub inline: bool,
    /// Drop published test values (`test_value: true`).
    pub test_values: bool,
    /// Findings already known; only the others are reported.
    pub baseline: Option<Arc<Baseline>>,
}

impl Default for SuppressOptions {
    fn default() -> Self {
        SuppressOptions {
            inline: true,
            test_values: false,
            baseline: None,
        }
    }
}

/// Which line a marker speaks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    SameLine,
    NextLine,
}

/// One marker: where it applies and the detector ids it names (all detectors when none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marker<'a> {
    pub scope: Scope,
    /// The id list as written (`A,B`), empty for all detectors.
    pub ids: &'a [u8],
}

impl Marker<'_> {
    /// Whether this marker covers `detector`.
    pub fn covers(&self, detector: &str) -> bool {
        self.ids.is_empty()
            || self
                .ids
                .split(|&b| b == b',')
                .any(|id| id.eq_ignore_ascii_case(detector.as_bytes()))
    }
}

/// Reads the marker that starts at `text[0]` (which must begin with `MARKER`). `None` when the
/// marker is glued to a longer word (`piiscan:ignored`).
///
/// The word after the marker is a list of detector ids when it is made only of id characters
/// (letters, digits, `_`, `-`, `.`, `,`) and holds a letter or digit; anything else (`-->`, `*/`,
/// `--`, end of line) means every detector. A reason may follow the ids, or a `--`.
pub fn parse_marker(text: &[u8]) -> Option<Marker<'_>> {
    let mut rest = text.strip_prefix(MARKER)?;
    let mut scope = Scope::SameLine;
    if let Some(after) = rest.strip_prefix(NEXT_LINE) {
        scope = Scope::NextLine;
        rest = after;
    }
    match rest.first() {
        None => return Some(Marker { scope, ids: &[] }),
        Some(b) if b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-' => return None,
        Some(_) => {}
    }
    let start = rest
        .iter()
        .position(|b| *b != b' ' && *b != b'\t')
        .unwrap_or(rest.len());
    let word = &rest[start..];
    let len = word.iter().position(|b| b.is_ascii_whitespace()).unwrap_or(word.len());
    let word = &word[..len];
    let is_id_char = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b',');
    let ids: &[u8] = if start > 0 && word.iter().all(is_id_char) && word.iter().any(u8::is_ascii_alphanumeric) {
        word
    } else {
        &[]
    };
    Some(Marker { scope, ids })
}

/// Finds inline markers around matches of one window: the marker positions are found once per
/// window (only for windows that have matches), then each match's line is checked against them.
/// Lines are bounded by the window: a marker more than a window away on one very long line is
/// not seen.
#[derive(Debug, Default)]
pub struct InlineMarks {
    /// Offsets in the current window where `MARKER` starts, ascending.
    positions: Vec<usize>,
    /// The last line looked up: (start, end) offsets, so matches on one line share the search.
    line: Option<(usize, usize)>,
}

impl InlineMarks {
    /// Prepares for a new window.
    pub fn reset(&mut self, window: &[u8]) {
        self.positions.clear();
        self.positions.extend(memchr::memmem::find_iter(window, MARKER));
        self.line = None;
    }

    /// Whether a marker suppresses `detector`'s value starting at `at` in `window`.
    pub fn ignores(&mut self, window: &[u8], at: usize, detector: &str) -> bool {
        if self.positions.is_empty() {
            return false;
        }
        let (start, end) = match self.line {
            Some((s, e)) if s <= at && at < e => (s, e),
            _ => {
                let s = memchr::memrchr(b'\n', &window[..at]).map_or(0, |i| i + 1);
                let e = memchr::memchr(b'\n', &window[at..]).map_or(window.len(), |i| at + i);
                self.line = Some((s, e));
                (s, e)
            }
        };
        if self.covered(window, start, end, Scope::SameLine, detector) {
            return true;
        }
        if start == 0 {
            return false;
        }
        let previous_start = memchr::memrchr(b'\n', &window[..start - 1]).map_or(0, |i| i + 1);
        self.covered(window, previous_start, start - 1, Scope::NextLine, detector)
    }

    fn covered(&self, window: &[u8], start: usize, end: usize, scope: Scope, detector: &str) -> bool {
        let first = self.positions.partition_point(|&p| p < start);
        self.positions[first..]
            .iter()
            .take_while(|&&p| p < end)
            .filter_map(|&p| parse_marker(&window[p..end]))
            .any(|m| m.scope == scope && m.covers(detector))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ignores(text: &str, value: &str, detector: &str) -> bool {
        let at = text.find(value).expect("the value is in the text");
        let mut marks = InlineMarks::default();
        marks.reset(text.as_bytes());
        marks.ignores(text.as_bytes(), at, detector)
    }

    #[test]
    fn bare_marker_covers_every_detector_on_its_line() {
        assert!(ignores(
            "ssn 536-90-4399 # piiscan:ignore",
            "536",
            "USA_SOCIAL_SECURITY_NUMBER"
        ));
        assert!(ignores("<!-- piiscan:ignore --> 536-90-4399", "536", "ANY"));
        assert!(ignores("/* piiscan:ignore */ x 536-90-4399", "536", "ANY"));
    }

    #[test]
    fn marker_with_ids_covers_only_those_detectors() {
        let text = "a@b.example 536-90-4399 // piiscan:ignore EMAIL_ADDRESS,phone_number";
        assert!(ignores(text, "a@b", "EMAIL_ADDRESS"));
        assert!(ignores(text, "a@b", "PHONE_NUMBER"));
        assert!(!ignores(text, "536", "USA_SOCIAL_SECURITY_NUMBER"));
    }

    #[test]
    fn bare_marker_does_not_cover_the_next_line() {
        assert!(!ignores("# piiscan:ignore\nssn 536-90-4399\n", "536", "X"));
        assert!(!ignores("ssn 536-90-4399\n# piiscan:ignore\n", "536", "X"));
    }

    #[test]
    fn next_line_marker_covers_only_the_line_after_it() {
        let text = "# piiscan:ignore-next-line\nssn 536-90-4399\nssn 536-90-4400\n";
        assert!(ignores(text, "536-90-4399", "X"));
        assert!(!ignores(text, "536-90-4400", "X"));
        assert!(!ignores("ssn 536-90-4399 # piiscan:ignore-next-line", "536", "X"));
    }

    #[test]
    fn glued_marker_is_not_a_marker() {
        assert!(!ignores("536-90-4399 # piiscan:ignored", "536", "X"));
        assert_eq!(parse_marker(b"piiscan:ignore_me"), None);
    }

    #[test]
    fn reason_words_after_a_separator_mean_all_detectors() {
        let m = parse_marker(b"piiscan:ignore -- fixture data").expect("a marker");
        assert!(m.covers("ANY"));
        let m = parse_marker(b"piiscan:ignore USA_SOCIAL_SECURITY_NUMBER fixture").expect("a marker");
        assert_eq!(m.ids, b"USA_SOCIAL_SECURITY_NUMBER");
    }
}
