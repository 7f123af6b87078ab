//! Labelled corpus files for the catalogue's driver's licences, vehicle identification numbers, the UK electoral roll, Argentina's SUBE card, coordinates and HTTP cookies.
//! Files go under `core/licences/`; every id in `DETECTORS` needs at least `MIN_PLANTED` planted values.

use super::Generate;

/// Detector ids this family's files plant.
pub(crate) const DETECTORS: &[&str] = &[];

/// This family's labelled files, in the order expected.jsonl lists them.
pub(crate) const FILES: &[(&str, Generate)] = &[];

/// Whether a planted value passes its own checksum; `None` for detectors this family does not know.
pub(crate) fn check_planted(_detector: &str, _value: &str) -> Option<bool> {
    None
}
