//! NHS numbers (England, Wales, Isle of Man): 10 digits with a mod-11 check digit.
//! Invariant: the 10th digit equals 11 − (Σ dᵢ·(11−i) for i in 1..=9 mod 11), with 11 read as 0; a
//! remainder that asks for check digit 10 means the number was never issued.

use super::{Digits, all_same};

pub(super) fn uk_nhs(value: &[u8]) -> bool {
    let Some(digits) = Digits::<10>::parse(value, b" -") else {
        return false;
    };
    // Repeated digits (1111111111) satisfy the formula but are test filler.
    if digits.len() != 10 || all_same(&digits) {
        return false;
    }
    let sum: u32 = digits[..9]
        .iter()
        .zip((2..=10).rev())
        .map(|(&digit, weight)| u32::from(digit) * weight)
        .sum();
    match 11 - sum % 11 {
        10 => false,
        11 => digits[9] == 0,
        check => u32::from(digits[9]) == check,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uk_nhs_accepts_valid_numbers() {
        assert!(uk_nhs(b"9434765919"));
        assert!(uk_nhs(b"943 476 5919"));
        assert!(uk_nhs(b"943-476-5919"));
    }

    #[test]
    fn uk_nhs_rejects_single_digit_change() {
        assert!(!uk_nhs(b"9434765918"));
    }

    #[test]
    fn uk_nhs_rejects_numbers_needing_check_digit_10() {
        // 100000001x weighs 1·10 + 1·2 = 12; remainder 1 asks for check digit 10, so no last digit works.
        for last in 0..=9u8 {
            let value = [b'1', b'0', b'0', b'0', b'0', b'0', b'0', b'0', b'1', b'0' + last];
            assert!(!uk_nhs(&value), "{}", String::from_utf8_lossy(&value));
        }
    }

    #[test]
    fn uk_nhs_rejects_repeated_digit() {
        assert!(!uk_nhs(b"1111111111"));
        assert!(!uk_nhs(b"0000000000"));
    }

    #[test]
    fn uk_nhs_rejects_wrong_length() {
        assert!(!uk_nhs(b"943476591"));
        assert!(!uk_nhs(b"94347659190"));
    }
}
