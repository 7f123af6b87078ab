//! US DEA registration numbers: a registrant-type letter, the registrant's initial (or 9), six
//! digits and a check digit. Invariant: the check digit is the last digit of
//! (d1 + d3 + d5) + 2·(d2 + d4 + d6); the first letter is one the DEA assigns.

/// Registrant types: A/B/F/G practitioners, C, D, E, H, J, K, L, M (mid-level), P/R distributors,
/// S, T, U, X (opioid-treatment waiver).
const REGISTRANT_TYPES: &[u8] = b"ABCDEFGHJKLMPRSTUX";

pub(super) fn us_dea(value: &[u8]) -> bool {
    let Ok(number) = <&[u8; 9]>::try_from(value) else {
        return false;
    };
    let first = number[0].to_ascii_uppercase();
    let second = number[1].to_ascii_uppercase();
    if !REGISTRANT_TYPES.contains(&first) || !(second.is_ascii_uppercase() || second == b'9') {
        return false;
    }
    let mut digits = [0u32; 7];
    for (slot, &byte) in digits.iter_mut().zip(&number[2..]) {
        if !byte.is_ascii_digit() {
            return false;
        }
        *slot = u32::from(byte - b'0');
    }
    let sum = digits[0] + digits[2] + digits[4] + 2 * (digits[1] + digits[3] + digits[5]);
    sum % 10 == digits[6]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_dea_accepts_valid_numbers() {
        // 1+3+5 + 2·(2+4+6) = 33: check digit 3.
        assert!(us_dea(b"AB1234563"));
        assert!(us_dea(b"FS5702611"));
        assert!(us_dea(b"M91234563"));
    }

    #[test]
    fn us_dea_rejects_single_digit_change() {
        assert!(!us_dea(b"AB1234564"));
        assert!(!us_dea(b"AB1234653"));
    }

    #[test]
    fn us_dea_rejects_unknown_registrant_type_and_shape() {
        assert!(!us_dea(b"ZB1234563"));
        assert!(!us_dea(b"A11234563"));
        assert!(!us_dea(b"AB123456"));
        assert!(!us_dea(b"AB12345633"));
    }
}
