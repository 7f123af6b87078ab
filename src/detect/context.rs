//! Keyword context: which keyword strings the automaton looks for, and whether a keyword of a
//! detector is near a match. Follows Macie's rules: case is ignored, and a keyword's space, `_`, `-`
//! and no separator at all are treated alike; a keyword counts when it ends within the detector's
//! distance before the value, or starts within it after the value.

/// Every spelling of `keyword` that the automaton must look for, lowercased.
pub fn keyword_variants(keyword: &str) -> Vec<String> {
    let lower = keyword.trim().to_ascii_lowercase();
    let words: Vec<&str> = lower.split([' ', '_', '-']).filter(|w| !w.is_empty()).collect();
    if words.len() <= 1 {
        return vec![lower];
    }
    // Mixed separators ("date of_birth") are rare; one separator throughout keeps the automaton
    // small while covering how people and programs write keys.
    let mut out: Vec<String> = [" ", "_", "-", ""].iter().map(|sep| words.join(sep)).collect();
    out.sort();
    out.dedup();
    out
}

/// One keyword occurrence in a window: which automaton pattern, and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeywordHit {
    pub pattern: u32,
    pub start: usize,
    pub end: usize,
}

/// Whether one of `mine` (sorted keyword pattern ids of a detector) occurs within `distance` of
/// the value at `start..end`. `hits` must be sorted by `start`.
pub fn keyword_near(
    hits: &[KeywordHit],
    mine: &[u32],
    start: usize,
    end: usize,
    distance: usize,
    longest_keyword: usize,
) -> bool {
    let from = start.saturating_sub(distance + longest_keyword);
    let first = hits.partition_point(|h| h.start < from);
    for hit in &hits[first..] {
        if hit.start > end + distance {
            break;
        }
        let near = if hit.end <= start {
            start - hit.end <= distance
        } else if hit.start >= end {
            hit.start - end <= distance
        } else {
            true
        };
        if near && mine.binary_search(&hit.pattern).is_ok() {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_cover_separators_and_no_space() {
        let v = keyword_variants("Date of Birth");
        for want in ["date of birth", "date_of_birth", "date-of-birth", "dateofbirth"] {
            assert!(v.contains(&want.to_string()), "{want} missing from {v:?}");
        }
    }

    #[test]
    fn single_word_keyword_has_one_variant() {
        assert_eq!(keyword_variants("SSN"), vec!["ssn".to_string()]);
    }

    #[test]
    fn keyword_before_within_distance_counts() {
        let hits = [KeywordHit {
            pattern: 3,
            start: 0,
            end: 3,
        }];
        assert!(keyword_near(&hits, &[3], 10, 20, 30, 10));
        assert!(!keyword_near(&hits, &[3], 40, 50, 30, 10));
    }

    #[test]
    fn keyword_after_within_distance_counts() {
        let hits = [KeywordHit {
            pattern: 1,
            start: 50,
            end: 53,
        }];
        assert!(keyword_near(&hits, &[1], 10, 20, 30, 10));
        assert!(!keyword_near(&hits, &[1], 10, 19, 30, 10));
    }

    #[test]
    fn keyword_of_another_detector_does_not_count() {
        let hits = [KeywordHit {
            pattern: 2,
            start: 0,
            end: 3,
        }];
        assert!(!keyword_near(&hits, &[1, 3], 5, 10, 30, 10));
    }
}
