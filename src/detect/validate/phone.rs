//! Phone numbers as written: digits with spaces, dashes, dots, slashes or parentheses, and an optional
//! leading `+`. North American (NANP) numbers get their area-code and exchange rules; other
//! international numbers must start with an ITU-assigned country code.
//! Invariant: 10-15 digits (8-15 after a non-NANP `+`), the E.164 maximum being 15.

use super::{Digits, all_same};

const SEPARATORS: &[u8] = b" -./()";

/// ITU-T E.164 country codes in use, as inclusive ranges. The codes are prefix-free and have no
/// leading zero, so a code's value alone says how many digits it has (7 is one, 44 two, 353 three).
const COUNTRY_CODES: &[(u16, u16)] = &[
    (1, 1),
    (7, 7),
    (20, 20),
    (27, 27),
    (30, 34),
    (36, 36),
    (39, 41),
    (43, 49),
    (51, 58),
    (60, 66),
    (81, 82),
    (84, 84),
    (86, 86),
    (90, 95),
    (98, 98),
    (211, 213),
    (216, 216),
    (218, 218),
    (220, 258),
    (260, 269),
    (290, 291),
    (297, 299),
    (350, 359),
    (370, 383),
    (385, 387),
    (389, 389),
    (420, 421),
    (423, 423),
    (500, 509),
    (590, 599),
    (670, 670),
    (672, 683),
    (685, 692),
    (800, 800),
    (808, 808),
    (850, 850),
    (852, 853),
    (855, 856),
    (870, 870),
    (878, 878),
    (880, 883),
    (886, 886),
    (888, 888),
    (960, 968),
    (970, 977),
    (979, 979),
    (992, 996),
    (998, 998),
];

pub(super) fn phone(value: &[u8]) -> bool {
    let (international, rest) = match value.strip_prefix(b"+") {
        Some(rest) => (true, rest),
        None => (false, value),
    };
    let Some(digits) = Digits::<15>::parse(rest, SEPARATORS) else {
        return false;
    };
    if all_same(&digits) {
        return false;
    }
    match (international, digits.first()) {
        (true, Some(1)) => digits.len() == 11 && nanp(&digits[1..]),
        (true, _) => (8..=15).contains(&digits.len()) && has_country_code(&digits),
        (false, _) if digits.len() == 10 => nanp(&digits),
        (false, _) => (10..=15).contains(&digits.len()),
    }
}

/// NXX-NXX-XXXX: area code and exchange start 2-9 (0 and 1 are trunk and operator prefixes), and
/// N11 area codes are service numbers (411, 911), never a subscriber's area.
fn nanp(digits: &[u8]) -> bool {
    match *digits {
        [area, second, third, exchange, _, _, _, _, _, _] => area >= 2 && exchange >= 2 && !(second == 1 && third == 1),
        _ => false,
    }
}

fn has_country_code(digits: &[u8]) -> bool {
    let mut code = 0u16;
    digits.iter().take(3).any(|&digit| {
        code = code * 10 + u16::from(digit);
        COUNTRY_CODES
            .iter()
            .any(|&(first, last)| (first..=last).contains(&code))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_accepts_nanp_forms() {
        assert!(phone(b"(212) 555-0100"));
        assert!(phone(b"212.555.0100"));
        assert!(phone(b"+1 212 555 0100"));
        assert!(phone(b"+1-800-555-0199"));
    }

    #[test]
    fn phone_rejects_nanp_area_or_exchange_starting_0_or_1() {
        assert!(!phone(b"(112) 555-0100"));
        assert!(!phone(b"(212) 155-0100"));
        assert!(!phone(b"+1 012 555 0100"));
    }

    #[test]
    fn phone_rejects_n11_area_code() {
        assert!(!phone(b"(911) 555-0100"));
        assert!(!phone(b"+1 411 555 0100"));
    }

    #[test]
    fn phone_rejects_plus_one_with_wrong_length() {
        assert!(!phone(b"+1 212 555 010"));
        assert!(!phone(b"+1 212 555 01000"));
    }

    #[test]
    fn phone_accepts_international_with_assigned_code() {
        assert!(phone(b"+44 20 7946 0958"));
        assert!(phone(b"+353 1 234 5678"));
        assert!(phone(b"+7 495 123-45-67"));
        assert!(phone(b"+49 30 123456"));
    }

    #[test]
    fn phone_rejects_unassigned_country_code() {
        // 28x, 42[2-9] and 999 are spare in E.164.
        assert!(!phone(b"+28 1234 5678"));
        assert!(!phone(b"+425 1234 5678"));
        assert!(!phone(b"+999 1234 5678"));
    }

    #[test]
    fn phone_rejects_digit_counts_outside_limits() {
        assert!(!phone(b"+44 1234"));
        assert!(!phone(b"+44 1234 5678 9012 34"));
        assert!(!phone(b"020 7946 09"));
        assert!(phone(b"020 7946 0958"));
    }

    #[test]
    fn phone_rejects_all_same_digit() {
        assert!(!phone(b"2222222222"));
        assert!(!phone(b"+44 4444 444444"));
    }

    #[test]
    fn phone_rejects_letters_and_misplaced_plus() {
        assert!(!phone(b"212-555-01OO"));
        assert!(!phone(b"212+555-0100"));
        assert!(!phone(b"++44 20 7946 0958"));
    }
}
