//! Phone numbers as written: digits with spaces, dashes, dots, slashes or parentheses, and an optional
//! leading `+` (or `00`) and country code. `phone` accepts any plausible number; the per-country
//! checks (`phone_uk`, `phone_fr`, ...) follow each country's numbering plan, written with its
//! country code or in its national form (trunk `0` where the country has one); `phone_north_america`
//! is PHONE_NUMBER's: NANP numbers, and numbers of the countries that have no detector of their own.
//! Invariant: never more than 15 digits (the E.164 maximum) and never an allocation.

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

/// Country codes whose numbers belong to a detector of their own (BR, FR, DE, IT, ES, UK), and so
/// are not PHONE_NUMBER's.
const OWN_DETECTOR: &[u16] = &[33, 34, 39, 44, 49, 55];

/// Germany's 3-digit area codes, trunk 0 included (Berlin, Hamburg, Frankfurt, Munich); all others
/// are longer.
const GERMANY_SHORT_AREA_CODES: &[&[u8]] = &[b"030", b"040", b"069", b"089"];

/// Italy's 2- and 3-digit area codes, leading 0 included; all others are 4 digits.
#[rustfmt::skip]
const ITALY_SHORT_AREA_CODES: &[&[u8]] = &[
    b"02", b"06", b"010", b"011", b"015", b"019", b"030", b"031", b"035", b"039", b"040", b"041", b"045", b"049",
    b"050", b"051", b"055", b"059", b"070", b"071", b"075", b"079", b"080", b"081", b"085", b"089", b"090", b"091",
    b"095", b"099",
];

/// Brazil's two-digit area codes (DDD) in use.
#[rustfmt::skip]
const BRAZIL_AREA_CODES: &[u8] = &[
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45,
    46, 47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82, 83,
    84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99,
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
        (true, _) => (8..=15).contains(&digits.len()) && country_code(&digits).is_some(),
        (false, _) if digits.len() == 10 => nanp(&digits),
        (false, _) => (10..=15).contains(&digits.len()),
    }
}

/// PHONE_NUMBER: a North American number (national form, or +1), or a `+` number whose country has
/// no detector of its own.
pub(super) fn phone_north_america(value: &[u8]) -> bool {
    if let Some(rest) = value.strip_prefix(b"+") {
        let Some(digits) = Digits::<15>::parse(rest, SEPARATORS) else {
            return false;
        };
        let owned = country_code(&digits).is_some_and(|(code, _)| OWN_DETECTOR.contains(&code));
        return !owned && phone(value);
    }
    match Digits::<15>::parse(value, SEPARATORS) {
        Some(digits) => match *digits {
            [1, ref rest @ ..] => rest.len() == 10 && nanp(rest) && !all_same(rest),
            ref national => national.len() == 10 && nanp(national) && !all_same(national),
        },
        None => false,
    }
}

/// UK: the area code's written length, then 10-digit national significant numbers starting 1, 2, 3, 5, 7, 8 or 9 (0 is the trunk
/// prefix, 4 and 6 are unassigned); 9 digits for some 01 areas and 0800 numbers.
pub(super) fn phone_uk(value: &[u8]) -> bool {
    // UK area codes have set lengths: 02x is written apart as 3 digits, 011x and 01x1 as 4, the
    // other 01 areas as 5, and so are 07 mobiles; 4-digit 03, 05, 08 and 09 codes.
    let layout = matches!(
        national_area_code(value),
        [] | [b'0', b'2', _]
            | [b'0', b'1', b'1', _]
            | [b'0', b'1', _, b'1']
            | [b'0', b'3' | b'5' | b'7' | b'8' | b'9', _, _]
            | [b'0', b'1' | b'7', _, _, _]
    );
    layout
        && national_number(value, b"44", true, |nsn| match *nsn {
            [1 | 2 | 3 | 5 | 7 | 8 | 9, ..] if nsn.len() == 10 => true,
            [1, ..] | [8, 0, 0, ..] => nsn.len() == 9,
            _ => false,
        })
}

/// France: 9 digits after the trunk 0, the first 1-9 (1-5 geographic, 6-7 mobile, 8 special, 9 VoIP).
pub(super) fn phone_fr(value: &[u8]) -> bool {
    national_number(value, b"33", true, |nsn| nsn.len() == 9 && nsn[0] != 0)
}

/// Germany: an area code without its trunk 0 (never starting 0 or 1) and the subscriber number,
/// 6-11 digits in all; or a mobile number 15x, 16x or 17x of 10-11 digits. A 3-digit area code
/// written apart (030 1234567) must be one of the four in use.
pub(super) fn phone_de(value: &[u8]) -> bool {
    // An area code written apart: 3 digits only for the four big cities; 01 only for mobiles
    // (015x, 0160-0163, 017x); and 07xxx is read as a UK mobile (07700 900123), not as one of
    // Baden-Wuerttemberg's 5-digit codes, because with an English keyword the UK one is likelier.
    let layout = match national_area_code(value) {
        area @ [_, _, _] => GERMANY_SHORT_AREA_CODES.contains(&area),
        [b'0', b'1', b'5', _] | [b'0', b'1', b'5', _, _] | [b'0', b'1', b'6', b'0'..=b'3'] | [b'0', b'1', b'7', _] => {
            true
        }
        [b'0', b'1', ..] | [b'0', b'7', _, _, _] => false,
        _ => true,
    };
    if !layout {
        return false;
    }
    national_number(value, b"49", true, |nsn| match *nsn {
        [1, 5..=7, ..] => (10..=11).contains(&nsn.len()),
        [2..=9, ..] => (6..=11).contains(&nsn.len()),
        _ => false,
    })
}

/// Italy keeps the leading 0 of landlines after +39: landlines 0x of 8-10 digits (a 2- or 3-digit
/// area code written apart must be one in use), mobiles 3xx of 9-10
/// digits, toll-free 80x of 6-10.
pub(super) fn phone_it(value: &[u8]) -> bool {
    let area = national_area_code(value);
    if area.len() <= 3 && area.first() == Some(&b'0') && !ITALY_SHORT_AREA_CODES.contains(&area) {
        return false;
    }
    national_number(value, b"39", false, |nsn| match *nsn {
        [0, 1..=9, ..] => (8..=10).contains(&nsn.len()),
        [3, ..] => (9..=10).contains(&nsn.len()),
        [8, 0, ..] => (6..=10).contains(&nsn.len()),
        _ => false,
    })
}

/// Spain: always 9 digits, no trunk prefix; 6x and 71-74 mobile, 8x and 9x geographic and special
/// rates (80 and 90 included: toll-free and shared-cost numbers).
pub(super) fn phone_es(value: &[u8]) -> bool {
    national_number(value, b"34", false, |nsn| {
        nsn.len() == 9 && matches!(nsn, [6, ..] | [7, 1..=4, ..] | [8 | 9, ..])
    })
}

/// Brazil: a two-digit area code in use, then 8 digits starting 2-5 (landline) or 9 digits
/// starting 9 (mobile).
pub(super) fn phone_br(value: &[u8]) -> bool {
    national_number(value, b"55", false, |nsn| match *nsn {
        [a, b, ref subscriber @ ..] if BRAZIL_AREA_CODES.contains(&(a * 10 + b)) => match *subscriber {
            [9, ..] => subscriber.len() == 9,
            [2..=5, ..] => subscriber.len() == 8,
            _ => false,
        },
        _ => false,
    })
}

/// Whether `check` accepts the national significant number of a value written with `+code` or
/// `00code` (an optional `(0)` after the code is dropped) or in national form (its trunk `0`
/// dropped when the country has one). False when the form does not fit, the digits are all alike
/// or the parentheses are unbalanced.
fn national_number(value: &[u8], code: &[u8], trunk_zero: bool, check: impl Fn(&[u8]) -> bool) -> bool {
    let count = |wanted: u8| value.iter().filter(|&&b| b == wanted).count();
    if count(b'(') != count(b')') {
        return false;
    }
    let international = value
        .strip_prefix(b"+")
        .or_else(|| value.strip_prefix(b"00"))
        .and_then(|rest| rest.strip_prefix(code));
    let (rest, needs_zero) = match international {
        Some(rest) => {
            let rest = rest.trim_ascii_start();
            (rest.strip_prefix(b"(0)").unwrap_or(rest), false)
        }
        None => (value, trunk_zero),
    };
    let Some(digits) = Digits::<15>::parse(rest, SEPARATORS) else {
        return false;
    };
    let nsn = match (needs_zero, &digits[..]) {
        (true, [0, nsn @ ..]) => nsn,
        (true, _) => return false,
        // After a country code, only the explicit "(0)" may carry the trunk zero.
        (false, [0, ..]) if trunk_zero => return false,
        (false, nsn) => nsn,
    };
    !nsn.is_empty() && !all_same(nsn) && check(nsn)
}

/// The digits before the first separator of a national form (`030` of `030 1234567`, `0113` of
/// `(0113) 496 0000`); empty for a `+` or `00` form.
fn national_area_code(value: &[u8]) -> &[u8] {
    if value.starts_with(b"+") || value.starts_with(b"00") {
        return &[];
    }
    let value = value.strip_prefix(b"(").unwrap_or(value);
    let end = value.iter().position(|b| !b.is_ascii_digit()).unwrap_or(value.len());
    &value[..end]
}

/// NXX-NXX-XXXX: area code and exchange start 2-9 (0 and 1 are trunk and operator prefixes), and
/// N11 area codes are service numbers (411, 911), never a subscriber's area.
fn nanp(digits: &[u8]) -> bool {
    match *digits {
        [area, second, third, exchange, _, _, _, _, _, _] => area >= 2 && exchange >= 2 && !(second == 1 && third == 1),
        _ => false,
    }
}

/// The assigned country code a number starts with, and how many digits it has.
fn country_code(digits: &[u8]) -> Option<(u16, usize)> {
    let mut code = 0u16;
    for (index, &digit) in digits.iter().take(3).enumerate() {
        code = code * 10 + u16::from(digit);
        if COUNTRY_CODES
            .iter()
            .any(|&(first, last)| (first..=last).contains(&code))
        {
            return Some((code, index + 1));
        }
    }
    None
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

    #[test]
    fn phone_north_america_leaves_countries_with_own_detector() {
        assert!(phone_north_america(b"(415) 555-0132"));
        assert!(phone_north_america(b"1-800-555-0199"));
        assert!(phone_north_america(b"+61 412 345 678"));
        assert!(!phone_north_america(b"+44 20 7946 0958"));
        assert!(!phone_north_america(b"+33 6 12 34 56 78"));
        assert!(!phone_north_america(b"+55 11 91234-5678"));
        assert!(!phone_north_america(b"020 7946 0958"));
    }

    #[test]
    fn phone_uk_accepts_national_and_international_forms() {
        assert!(phone_uk(b"020 7946 0958"));
        assert!(phone_uk(b"(0113) 496 0000"));
        assert!(phone_uk(b"07700 900123"));
        assert!(phone_uk(b"+44 (0)20 7946 0958"));
        assert!(phone_uk(b"+447700900123"));
        assert!(phone_uk(b"0044 1632 960123"));
    }

    #[test]
    fn phone_uk_rejects_unassigned_leading_digits_and_lengths() {
        assert!(!phone_uk(b"040 7946 0958"));
        assert!(!phone_uk(b"+44 020 7946 0958"));
        assert!(!phone_uk(b"020 7946 095"));
        assert!(!phone_uk(b"20 7946 0958"));
        assert!(!phone_uk(b"(020 7946 0958"));
        assert!(!phone_uk(b"0221 123 4567"));
        assert!(!phone_uk(b"0170 123 4567"));
    }

    #[test]
    fn phone_fr_needs_nine_digits_after_trunk_zero() {
        assert!(phone_fr(b"01 23 45 67 89"));
        assert!(phone_fr(b"06.12.34.56.78"));
        assert!(phone_fr(b"+33 6 12 34 56 78"));
        assert!(phone_fr(b"+33 (0)1 23 45 67 89"));
        assert!(!phone_fr(b"00 12 34 56 78"));
        assert!(!phone_fr(b"01 23 45 67 8"));
        assert!(!phone_fr(b"+33 06 12 34 56 78"));
    }

    #[test]
    fn phone_de_checks_area_and_mobile_lengths() {
        assert!(phone_de(b"030 1234567"));
        assert!(phone_de(b"(089) 12345-678"));
        assert!(phone_de(b"0151 23456789"));
        assert!(phone_de(b"+49 30 12345678"));
        assert!(!phone_de(b"0110 1234567"));
        assert!(!phone_de(b"0151 2345"));
        assert!(!phone_de(b"030 12"));
        assert!(!phone_de(b"020 7946 0958"));
        assert!(!phone_de(b"01632 960482"));
        assert!(!phone_de(b"07971 706643"));
        assert!(phone_de(b"0711 1234567"));
    }

    #[test]
    fn phone_it_keeps_landline_zero_after_country_code() {
        assert!(phone_it(b"06 1234 5678"));
        assert!(phone_it(b"347 123 4567"));
        assert!(phone_it(b"+39 06 1234 5678"));
        assert!(phone_it(b"+39 347 1234567"));
        assert!(!phone_it(b"+39 547 1234567"));
        assert!(!phone_it(b"347 12345"));
        assert!(!phone_it(b"020 7946 0958"));
        assert!(phone_it(b"0564 123456"));
        assert!(!phone_it(b"06/1975"));
    }

    #[test]
    fn phone_es_needs_nine_digits_starting_6_to_9() {
        assert!(phone_es(b"612 345 678"));
        assert!(phone_es(b"91 123 45 67"));
        assert!(phone_es(b"+34 612 34 56 78"));
        assert!(!phone_es(b"512 345 678"));
        assert!(!phone_es(b"612 345 67"));
        assert!(!phone_es(b"791 444 128"));
    }

    #[test]
    fn phone_br_checks_area_code_and_subscriber() {
        assert!(phone_br(b"(11) 91234-5678"));
        assert!(phone_br(b"(21) 2345-6789"));
        assert!(phone_br(b"+55 11 91234-5678"));
        assert!(!phone_br(b"(20) 91234-5678"));
        assert!(!phone_br(b"(11) 81234-5678"));
        assert!(!phone_br(b"(11) 1234-5678"));
    }
}
