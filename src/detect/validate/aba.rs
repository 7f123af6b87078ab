//! ABA routing transit numbers (US bank routing): 9 digits, 3-7-1 weighted checksum and a prefix the
//! Federal Reserve assigns.
//! Invariant: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) is a multiple of ten.

use super::Digits;

pub(super) fn aba_routing(value: &[u8]) -> bool {
    let Some(digits) = Digits::<9>::parse(value, b"") else {
        return false;
    };
    if digits.len() != 9 || digits.iter().all(|&digit| digit == 0) {
        return false;
    }
    // 00-12 Federal Reserve districts, 21-32 thrifts, 61-72 electronic transfers, 80 traveller's cheques.
    let prefix = digits[0] * 10 + digits[1];
    let assigned = matches!(prefix, 0..=12 | 21..=32 | 61..=72 | 80);
    let sum: u32 = digits
        .iter()
        .zip([3, 7, 1].iter().cycle())
        .map(|(&digit, &weight)| u32::from(digit) * weight)
        .sum();
    assigned && sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aba_routing_accepts_published_routing_numbers() {
        assert!(aba_routing(b"111000025"));
        assert!(aba_routing(b"021000021"));
    }

    #[test]
    fn aba_routing_rejects_single_digit_change() {
        assert!(!aba_routing(b"111000026"));
        assert!(!aba_routing(b"021000022"));
    }

    #[test]
    fn aba_routing_rejects_unassigned_prefix() {
        // 3-7-1 sum is 30, but no routing number starts with 13.
        assert!(!aba_routing(b"131000005"));
    }

    #[test]
    fn aba_routing_rejects_all_zeros() {
        assert!(!aba_routing(b"000000000"));
    }

    #[test]
    fn aba_routing_rejects_separators_and_wrong_length() {
        assert!(!aba_routing(b"1110-00025"));
        assert!(!aba_routing(b"11100002"));
        assert!(!aba_routing(b"1110000250"));
    }
}
