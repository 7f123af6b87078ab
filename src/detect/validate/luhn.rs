//! Luhn (mod 10) family: any Luhn number, payment card numbers and Canadian Social Insurance Numbers.
//! Invariant: nothing passes unless its Luhn sum is a multiple of ten; the other rules only narrow it.

use super::{Digits, all_same};

/// Card and SIN numbers are written with spaces or dashes between groups.
const SEPARATORS: &[u8] = b" -";

/// Luhn over digit values: from the right, every second digit is doubled (and 9 taken off when that
/// overflows a digit), which catches every single-digit error and most adjacent swaps.
pub(super) fn luhn_sum_is_valid(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(position, &digit)| {
            let digit = u32::from(digit);
            match position % 2 {
                0 => digit,
                _ if digit > 4 => digit * 2 - 9,
                _ => digit * 2,
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

pub(super) fn luhn(value: &[u8]) -> bool {
    Digits::<19>::parse(value, SEPARATORS).is_some_and(|digits| digits.len() >= 2 && luhn_sum_is_valid(&digits))
}

pub(super) fn credit_card(value: &[u8]) -> bool {
    let Some(digits) = Digits::<19>::parse(value, SEPARATORS) else {
        return false;
    };
    (13..=19).contains(&digits.len())
        && grouping_is_tidy(value)
        && !all_same(&digits)
        && issued_by_known_network(&digits)
        && luhn_sum_is_valid(&digits)
}

/// Card numbers are written unbroken or split by one kind of separator into groups of 3-6 digits
/// (4-4-4-4, 4-6-5, 4-6-4, 4-4-4-4-3). A Luhn-valid run with mixed or odd separators is almost always
/// another number (a phone number, a list of values) that happens to pass one chance in ten.
fn grouping_is_tidy(value: &[u8]) -> bool {
    const GROUP: std::ops::RangeInclusive<usize> = 3..=6;
    let mut separator = None;
    let mut group = 0;
    for &byte in value {
        if byte.is_ascii_digit() {
            group += 1;
        } else if *separator.get_or_insert(byte) != byte || !GROUP.contains(&group) {
            return false;
        } else {
            group = 0;
        }
    }
    separator.is_none() || GROUP.contains(&group)
}

/// One issuer identification range: numbers whose leading digits (as many as `first` has) fall in
/// `first..=last` and whose length is in the `lengths` bit set.
struct Issuer {
    first: u32,
    last: u32,
    lengths: u32,
}

/// Bit set of card lengths `min..=max`.
const fn span(min: u32, max: u32) -> u32 {
    (u32::MAX >> (31 - max)) & (u32::MAX << min)
}

const fn issuer(first: u32, last: u32, lengths: u32) -> Issuer {
    Issuer { first, last, lengths }
}

/// The networks' published IIN ranges and the lengths each issues (ISO/IEC 7812 registrations as the
/// networks publish them). Ranges are the networks' own, not whole leading digits: "Maestro is 50 and
/// 56-69" would make most 12-19 digit runs starting with 5 or 6 a card, and 64-bit integers (test
/// vectors, ids, float bit patterns) are 19 digits long. 19 digits only where the range issues them.
/// Overlaps (UnionPay 62 and Discover 622126-622925, JCB and RuPay 353/356) are harmless: a number
/// only has to match one. Left out: UATP (1, 15 digits: any 15-digit number starting with 1),
/// RuPay 81-82 (fleet and private-label cards share the 8) and Indonesia's GPN (its 50, 56, 58 and
/// 60-63 would bring back the whole of 5 and 6).
const ISSUERS: &[Issuer] = &[
    issuer(4, 4, 1 << 13 | 1 << 16 | 1 << 19), // Visa (13 is the old length; 19 is rare)
    issuer(51, 55, span(16, 16)),              // Mastercard
    issuer(2221, 2720, span(16, 16)),          // Mastercard 2-series
    issuer(34, 34, span(15, 15)),              // American Express
    issuer(37, 37, span(15, 15)),              // American Express
    issuer(6011, 6011, span(16, 19)),          // Discover
    issuer(644, 649, span(16, 19)),            // Discover
    issuer(65, 65, span(16, 19)),              // Discover, RuPay, Troy
    issuer(622126, 622925, span(16, 19)),      // Discover / UnionPay co-brand
    issuer(62, 62, span(16, 19)),              // UnionPay
    issuer(36, 36, span(14, 19)),              // Diners Club International
    issuer(300, 305, 1 << 14 | 1 << 16),       // Diners Club (Carte Blanche)
    issuer(3095, 3095, 1 << 14 | 1 << 16),     // Diners Club
    issuer(38, 39, 1 << 14 | 1 << 16),         // Diners Club
    issuer(3528, 3589, span(16, 19)),          // JCB
    issuer(353, 353, span(16, 16)),            // RuPay
    issuer(356, 356, span(16, 16)),            // RuPay
    issuer(60, 60, span(16, 16)),              // RuPay
    issuer(508, 508, span(16, 16)),            // RuPay
    issuer(5018, 5018, span(12, 19)),          // Maestro
    issuer(5020, 5020, span(12, 19)),          // Maestro
    issuer(5038, 5038, span(12, 19)),          // Maestro
    issuer(5893, 5893, span(12, 19)),          // Maestro
    issuer(6304, 6304, span(12, 19)),          // Maestro, Laser
    issuer(6759, 6759, span(12, 19)),          // Maestro (UK)
    issuer(6761, 6763, span(12, 19)),          // Maestro
    issuer(6706, 6706, span(16, 19)),          // Laser
    issuer(6709, 6709, span(16, 19)),          // Laser
    issuer(6771, 6771, span(16, 19)),          // Laser
    issuer(5019, 5019, span(16, 16)),          // Dankort
    issuer(2200, 2204, span(16, 19)),          // Mir
    issuer(2205, 2205, span(16, 16)),          // BORICA
    issuer(506099, 506198, 1 << 16 | 1 << 18 | 1 << 19), // Verve
    issuer(507865, 507964, 1 << 16 | 1 << 18 | 1 << 19), // Verve
    issuer(650002, 650027, 1 << 16 | 1 << 18 | 1 << 19), // Verve
    issuer(564182, 564182, 1 << 16 | 1 << 18 | 1 << 19), // Switch
    issuer(633110, 633110, 1 << 16 | 1 << 18 | 1 << 19), // Switch
    issuer(6333, 6334, 1 << 16 | 1 << 18 | 1 << 19), // Switch, Solo
    issuer(6767, 6767, 1 << 16 | 1 << 18 | 1 << 19), // Solo, Maestro UK
    issuer(636, 636, span(16, 19)),            // InterPayment
    issuer(637, 639, span(16, 16)),            // InstaPayment
    issuer(5610, 5610, span(16, 16)),          // Bankcard (Australia)
    issuer(560221, 560225, span(16, 16)),      // Bankcard (Australia)
    issuer(5614, 5614, span(16, 16)),          // Uzcard
    issuer(8600, 8600, span(16, 16)),          // Uzcard
    issuer(9860, 9860, span(16, 16)),          // Humo
    issuer(9792, 9792, span(16, 16)),          // Troy
];

fn issued_by_known_network(digits: &[u8]) -> bool {
    let length_bit = 1u32.checked_shl(digits.len() as u32).unwrap_or(0);
    ISSUERS.iter().any(|issuer| {
        let width = issuer.first.ilog10() as usize + 1;
        let prefix = digits
            .iter()
            .take(width)
            .fold(0, |number, &digit| number * 10 + u32::from(digit));
        issuer.lengths & length_bit != 0 && (issuer.first..=issuer.last).contains(&prefix)
    })
}

pub(super) fn canada_sin(value: &[u8]) -> bool {
    let Some(digits) = Digits::<9>::parse(value, SEPARATORS) else {
        return false;
    };
    // 0 is unassigned and 8 marks business numbers, not people.
    digits.len() == 9 && !matches!(digits[0], 0 | 8) && luhn_sum_is_valid(&digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_known_valid_numbers() {
        assert!(luhn(b"4111111111111111"));
        assert!(luhn(b"79927398713"));
        assert!(luhn(b"7992 7398-713"));
    }

    #[test]
    fn luhn_rejects_single_digit_change() {
        assert!(!luhn(b"4111111111111112"));
        assert!(!luhn(b"79927398710"));
    }

    #[test]
    fn luhn_rejects_lengths_outside_2_to_19() {
        assert!(!luhn(b"0"));
        assert!(luhn(b"00"));
        assert!(!luhn(b"41111111111111111110"));
    }

    #[test]
    fn luhn_rejects_letters() {
        assert!(!luhn(b"4111x11111111111"));
    }

    #[test]
    fn credit_card_accepts_each_network() {
        for number in [
            "4111111111111111",    // Visa 16
            "4222222222222",       // Visa 13
            "5555555555554444",    // Mastercard
            "2223003122003222",    // Mastercard 2-series
            "378282246310005",     // Amex
            "6011111111111117",    // Discover
            "30569309025904",      // Diners 14
            "3530111333300000",    // JCB
            "6200000000000005",    // UnionPay
            "6759649826438453",    // Maestro
            "6304900177402923",    // Maestro 6304
            "5019717010103742",    // Dankort
            "6071111111111114",    // RuPay
            "5061001111111111",    // Verve
            "2200000000000004",    // Mir
            "4111111111111111110", // Visa 19
        ] {
            assert!(credit_card(number.as_bytes()), "{number}");
        }
    }

    #[test]
    fn credit_card_accepts_consistent_groups() {
        assert!(credit_card(b"4111 1111 1111 1111"));
        assert!(credit_card(b"4111-1111-1111-1111"));
        assert!(credit_card(b"3782 822463 10005"));
    }

    #[test]
    fn credit_card_rejects_mixed_separators() {
        assert!(!credit_card(b"4111-1111 1111 1111"));
    }

    #[test]
    fn credit_card_rejects_odd_grouping() {
        assert!(!credit_card(b"41 11111111111111"));
        assert!(!credit_card(b"4111  1111 1111 1111"));
        assert!(!credit_card(b" 4111 1111 1111 1111"));
    }

    #[test]
    fn credit_card_rejects_single_digit_change() {
        assert!(!credit_card(b"4111111111111112"));
    }

    #[test]
    fn credit_card_rejects_wrong_length_for_network() {
        // Luhn-valid, but Amex is always 15 digits and Visa never 14.
        assert!(luhn(b"3400000000000000") && !credit_card(b"3400000000000000"));
        assert!(luhn(b"41111111111114") && !credit_card(b"41111111111114"));
    }

    #[test]
    fn credit_card_rejects_unknown_prefix() {
        // Luhn-valid 16 digits starting 1 and 9: no network issues these.
        assert!(luhn(b"1111111111111117") && !credit_card(b"1111111111111117"));
        assert!(luhn(b"9111111111111110") && !credit_card(b"9111111111111110"));
    }

    #[test]
    fn credit_card_rejects_all_same_digit() {
        // 13 sixes is Luhn-valid; it is in no issuer range either, but filler is refused first.
        assert!(luhn(b"6666666666666"));
        assert!(!credit_card(b"6666666666666"));
    }

    #[test]
    fn credit_card_rejects_leading_digits_outside_the_issuers_ranges() {
        // Luhn-valid and once inside a loose "Maestro is 50 and 56-69" rule: 64-bit integers from
        // SIMD test vectors and a feature id, none in a range a network registered.
        for number in [
            "5825716079263328092",
            "562932876181581",
            "5068609911521280",
            "6102033771404793023",
        ] {
            assert!(luhn(number.as_bytes()), "{number}");
            assert!(!credit_card(number.as_bytes()), "{number}");
        }
    }

    #[test]
    fn credit_card_takes_19_digits_only_where_the_range_issues_them() {
        // Mastercard and American Express never issue 19 digits; Diners 38 issues 14 or 16.
        assert!(luhn(b"5555555555555555556") && !credit_card(b"5555555555555555556"));
        assert!(luhn(b"3855555555555555552") && !credit_card(b"3855555555555555552"));
        // UnionPay and Maestro 6759 do.
        assert!(credit_card(b"6200000000000000000"));
        assert!(credit_card(b"6759000000000000005"));
    }

    #[test]
    fn canada_sin_accepts_valid_numbers() {
        assert!(canada_sin(b"130692544"));
        assert!(canada_sin(b"130 692 544"));
        assert!(canada_sin(b"130-692-544"));
    }

    #[test]
    fn canada_sin_rejects_single_digit_change() {
        assert!(!canada_sin(b"130692545"));
    }

    #[test]
    fn canada_sin_rejects_first_digit_0_or_8() {
        assert!(luhn(b"046454286"));
        assert!(!canada_sin(b"046454286"));
        assert!(luhn(b"800000002") && !canada_sin(b"800000002"));
    }

    #[test]
    fn canada_sin_rejects_wrong_length() {
        assert!(!canada_sin(b"13069254"));
        assert!(!canada_sin(b"1306925441"));
    }
}
