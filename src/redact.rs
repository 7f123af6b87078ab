//! Masking and keyed fingerprints: raw values stop here. Invariant: nothing that leaves this
//! module holds a full value unless the caller asked for it (`--reveal`); a fingerprint is always
//! keyed (HMAC-SHA256), never a plain hash, so it cannot be reversed by hashing guesses.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// The secret key for fingerprints.
#[derive(Clone)]
pub struct FingerprintKey(Vec<u8>);

impl std::fmt::Debug for FingerprintKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FingerprintKey(..)")
    }
}

impl FingerprintKey {
    pub fn new(key: impl Into<Vec<u8>>) -> FingerprintKey {
        FingerprintKey(key.into())
    }

    /// HMAC-SHA256 of the normalised value, as lowercase hex.
    pub fn fingerprint(&self, normalized: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC accepts keys of any length");
        mac.update(normalized);
        hex::encode(mac.finalize().into_bytes())
    }
}

/// The form of a value that fingerprints compare: separators and case removed for identifiers
/// (`4111 1111 1111 1111` and `4111111111111111` are the same card), exact bytes for secrets.
pub fn normalize(value: &[u8], exact: bool) -> Vec<u8> {
    if exact {
        return value.to_vec();
    }
    value
        .iter()
        .filter(|b| b.is_ascii_alphanumeric() || !b.is_ascii())
        .map(|b| b.to_ascii_uppercase())
        .collect()
}

/// Masks a value: letters and digits become `*` except `keep_start` of them at the start and
/// `keep_end` at the end; separators stay, so the shape is still recognisable
/// (`4111 **** **** 1111`). Never keeps more than half the characters.
pub fn mask(value: &[u8], keep_start: usize, keep_end: usize) -> String {
    let text = String::from_utf8_lossy(value);
    let significant = text.chars().filter(|c| c.is_alphanumeric()).count();
    let budget = significant / 2;
    let keep_start = keep_start.min(budget);
    let keep_end = keep_end.min(budget - keep_start);
    let mut seen = 0;
    text.chars()
        .map(|c| {
            if !c.is_alphanumeric() {
                return if c.is_control() { ' ' } else { c };
            }
            seen += 1;
            if seen <= keep_start || seen > significant - keep_end {
                c
            } else {
                '*'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_keeps_last_four_and_separators() {
        assert_eq!(mask(b"4111 1111 1111 1111", 0, 4), "**** **** **** 1111");
        assert_eq!(mask(b"536-90-4399", 0, 4), "***-**-4399");
    }

    #[test]
    fn mask_never_reveals_more_than_half() {
        assert_eq!(mask(b"abcd", 4, 4), "ab**");
        assert_eq!(mask(b"x", 0, 4), "*");
    }

    #[test]
    fn fingerprint_is_keyed_and_stable() {
        let a = FingerprintKey::new(b"k1".to_vec());
        let b = FingerprintKey::new(b"k2".to_vec());
        assert_eq!(a.fingerprint(b"v"), a.fingerprint(b"v"));
        assert_ne!(a.fingerprint(b"v"), b.fingerprint(b"v"));
        assert_eq!(a.fingerprint(b"v").len(), 64);
    }

    #[test]
    fn normalize_joins_separated_identifiers() {
        assert_eq!(
            normalize(b"4111 1111-1111 1111", false),
            normalize(b"4111111111111111", false)
        );
        assert_eq!(normalize(b"aB-c", true), b"aB-c".to_vec());
    }
}
