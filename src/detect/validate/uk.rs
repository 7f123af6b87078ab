//! UK National Insurance numbers (NINO): two prefix letters, six digits, suffix A-D. There is no check
//! digit, so the checks are HMRC's allocation rules for the prefix.
//! Invariant: only upper-case letters are read; spaces anywhere are ignored, nothing else is.

pub(super) fn uk_nino(value: &[u8]) -> bool {
    let mut chars = [0u8; 9];
    let mut len = 0;
    for &byte in value.iter().filter(|&&byte| byte != b' ') {
        let Some(slot) = chars.get_mut(len) else {
            return false;
        };
        *slot = byte;
        len += 1;
    }
    let [first, second, digits @ .., suffix] = chars;
    // D, F, I, Q, U, V are never used (easily misread); O is not used second.
    let prefix_allowed = first.is_ascii_uppercase()
        && second.is_ascii_uppercase()
        && !b"DFIQUV".contains(&first)
        && !b"DFIOQUV".contains(&second)
        // Administrative and temporary prefixes, never issued to a person.
        && !matches!(&[first, second], b"BG" | b"GB" | b"NK" | b"KN" | b"TN" | b"NT" | b"ZZ");
    len == 9 && prefix_allowed && digits.iter().all(u8::is_ascii_digit) && (b'A'..=b'D').contains(&suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uk_nino_accepts_spaced_and_compact_forms() {
        assert!(uk_nino(b"AB 12 34 56 C"));
        assert!(uk_nino(b"CE123456D"));
    }

    #[test]
    fn uk_nino_rejects_administrative_prefixes() {
        for prefix in ["BG", "GB", "NK", "KN", "TN", "NT", "ZZ"] {
            assert!(!uk_nino(format!("{prefix}123456A").as_bytes()), "{prefix}");
        }
    }

    #[test]
    fn uk_nino_rejects_unused_letters() {
        assert!(!uk_nino(b"DA123456A"));
        assert!(!uk_nino(b"AO123456A"));
        assert!(!uk_nino(b"QA123456A"));
    }

    #[test]
    fn uk_nino_rejects_suffix_outside_a_to_d() {
        assert!(!uk_nino(b"AB123456E"));
        assert!(!uk_nino(b"AB123456"));
    }

    #[test]
    fn uk_nino_rejects_lower_case_and_other_bytes() {
        assert!(!uk_nino(b"ab123456c"));
        assert!(!uk_nino(b"AB-12-34-56-C"));
        assert!(!uk_nino(b"AB12345XC"));
    }
}
