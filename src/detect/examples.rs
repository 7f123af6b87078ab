//! Checks detectors against their own examples: every example must be found by its detector and
//! every negative example must not be. `piiscan detectors test` and the catalogue test both call
//! `check`, so a user's custom detectors are held to the same bar as the built-in ones.

use crate::detect::Engine;

/// What went wrong with one example.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// An example in which the detector found nothing.
    Missing,
    /// A negative example in which the detector found something.
    Noisy { found: String },
}

/// One failed example.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub detector: String,
    pub example: String,
    pub verdict: Verdict,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.verdict {
            Verdict::Missing => write!(f, "{}: Missing: example not found: {:?}", self.detector, self.example),
            Verdict::Noisy { found } => write!(
                f,
                "{}: Noisy: negative example matched {:?}: {:?}",
                self.detector, found, self.example
            ),
        }
    }
}

/// Runs every example and negative example of the engine's detectors (or of those whose id is in
/// `only`, when given) through the whole engine, as a scan would.
pub fn check(engine: &Engine, only: Option<&[String]>) -> (usize, Vec<Failure>) {
    let mut scratch = engine.new_scratch();
    let mut checked = 0;
    let mut failures = Vec::new();
    for (index, d) in engine.detectors().iter().enumerate() {
        if only.is_some_and(|ids| !ids.iter().any(|id| id == d.id())) {
            continue;
        }
        let mut found_in = |text: &str| -> Option<String> {
            engine.scan_window(text.as_bytes(), 0..text.len(), &mut scratch);
            scratch
                .matches
                .iter()
                .find(|m| m.detector as usize == index)
                .map(|m| String::from_utf8_lossy(&text.as_bytes()[m.value_start..m.value_end]).into_owned())
        };
        for example in &d.spec.examples {
            checked += 1;
            if found_in(example).is_none() {
                failures.push(Failure {
                    detector: d.id().to_string(),
                    example: example.clone(),
                    verdict: Verdict::Missing,
                });
            }
        }
        for example in &d.spec.negative_examples {
            checked += 1;
            if let Some(found) = found_in(example) {
                failures.push(Failure {
                    detector: d.id().to_string(),
                    example: example.clone(),
                    verdict: Verdict::Noisy { found },
                });
            }
        }
    }
    (checked, failures)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::{EngineOptions, catalog};

    #[test]
    fn every_builtin_detector_passes_its_examples() {
        let engine = Engine::new(catalog::load(&[] as &[&str]).unwrap(), &EngineOptions::default()).unwrap();
        for d in engine.detectors() {
            assert!(
                !d.spec.negative_examples.is_empty(),
                "{} has no negative examples",
                d.id()
            );
        }
        let (checked, failures) = check(&engine, None);
        let report: Vec<String> = failures.iter().map(ToString::to_string).collect();
        assert!(
            failures.is_empty(),
            "{} of {checked} examples failed:\n{}",
            failures.len(),
            report.join("\n")
        );
    }
}
