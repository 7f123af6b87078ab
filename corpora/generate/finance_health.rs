//! Labelled corpus files for the catalogue's financial identifiers (per-country IBAN and BBAN, bank accounts, card expiry, security codes, magnetic stripes) and health identifiers.
//! Files go under `core/finance_health/`; every id in `DETECTORS` needs at least `MIN_PLANTED` planted values.

use super::Generate;

/// Detector ids this family's files plant.
pub(crate) const DETECTORS: &[&str] = &[];

/// This family's labelled files, in the order expected.jsonl lists them.
pub(crate) const FILES: &[(&str, Generate)] = &[];

/// Whether a planted value passes its own checksum; `None` for detectors this family does not know.
pub(crate) fn check_planted(_detector: &str, _value: &str) -> Option<bool> {
    None
}
