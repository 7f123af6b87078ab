//! Labelled corpus files for the catalogue's national ids, taxpayer ids, passports, residence and social-security numbers, with the ids beyond Macie's catalogue.
//! Files go under `core/national_ids/`; every id in `DETECTORS` needs at least `MIN_PLANTED` planted values.

use super::Generate;

/// Detector ids this family's files plant.
pub(crate) const DETECTORS: &[&str] = &[];

/// This family's labelled files, in the order expected.jsonl lists them.
pub(crate) const FILES: &[(&str, Generate)] = &[];

/// Whether a planted value passes its own checksum; `None` for detectors this family does not know.
pub(crate) fn check_planted(_detector: &str, _value: &str) -> Option<bool> {
    None
}
