//! Allow lists: values the user says are never findings, as exact values or regexes, globally or
//! for one detector. Invariant: an allowed candidate is counted (`DropReason::AllowList`), never
//! silently lost.

use regex_automata::meta;

use crate::detect::catalog::{build_regex, normalize_value};

/// One allow-list entry as the user wrote it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AllowSpec {
    /// Restricts the entry to one detector id; `None` applies to all.
    pub detector: Option<String>,
    pub values: Vec<String>,
    pub regexes: Vec<String>,
}

#[derive(Debug)]
struct Rule {
    detector: Option<String>,
    values: std::collections::HashSet<Vec<u8>>,
    regexes: Vec<meta::Regex>,
}

/// Compiled allow lists.
#[derive(Debug, Default)]
pub struct AllowList {
    rules: Vec<Rule>,
}

impl AllowList {
    pub fn new(specs: &[AllowSpec]) -> Result<AllowList, String> {
        let mut rules = Vec::new();
        for spec in specs {
            let mut regexes = Vec::new();
            for r in &spec.regexes {
                // Anchored so that `allow = "test-.*"` means the whole value, as users expect.
                regexes.push(build_regex(&format!("^(?:{r})$")).map_err(|e| format!("allow-list regex `{r}`: {e}"))?);
            }
            rules.push(Rule {
                detector: spec.detector.clone(),
                values: spec.values.iter().map(|v| normalize_value(v.as_bytes())).collect(),
                regexes,
            });
        }
        Ok(AllowList { rules })
    }

    /// Whether `value`, found by `detector`, is allowed.
    pub fn allows(&self, detector: &str, value: &[u8]) -> bool {
        if self.rules.is_empty() {
            return false;
        }
        let normal = normalize_value(value);
        self.rules.iter().any(|rule| {
            rule.detector.as_deref().is_none_or(|d| d == detector)
                && (rule.values.contains(&normal) || rule.regexes.iter().any(|r| r.is_match(value)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_list_matches_exact_value_ignoring_separators() {
        let list = AllowList::new(&[AllowSpec {
            detector: None,
            values: vec!["4111-1111-1111-1111".into()],
            regexes: vec![],
        }])
        .unwrap();
        assert!(list.allows("CREDIT_CARD_NUMBER", b"4111 1111 1111 1111"));
        assert!(!list.allows("CREDIT_CARD_NUMBER", b"4111 1111 1111 1112"));
    }

    #[test]
    fn allow_list_regex_is_anchored_and_per_detector() {
        let list = AllowList::new(&[AllowSpec {
            detector: Some("EMAIL_ADDRESS".into()),
            values: vec![],
            regexes: vec![r".*@example\.com".into()],
        }])
        .unwrap();
        assert!(list.allows("EMAIL_ADDRESS", b"jo@example.com"));
        assert!(!list.allows("EMAIL_ADDRESS", b"jo@example.com.evil.org"));
        assert!(!list.allows("PHONE_NUMBER", b"jo@example.com"));
    }
}
