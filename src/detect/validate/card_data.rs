//! Payment card data other than the number: expiry dates and magnetic stripe tracks (ISO/IEC 7813).
//! Invariant: an accepted expiry names exactly one month (1-12) and one year, never a day; an
//! accepted track holds a Luhn-valid PAN, an expiry month 01-12 and a service code ISO 7813 allows.

use super::{Digits, all_same};

/// Months as people abbreviate them; a name matches when it starts with one of these.
const MONTHS: [&[u8]; 12] = [
    b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec",
];

/// A card expiry: `02/26`, `2/2026`, `02-26`, `2026-02`, `Feb 2026`, `February '26`, `26-Feb`, or
/// a key/value pair such as `expY=2026, expM=02` or `"exp_month": 2, "exp_year": 2026`. Dates with
/// a day (`02/26/2026`, `01 Feb 2026`, `2026-02-11`) are refused: the pattern consumes them so that
/// they never leave a month/year part behind, and they are not card expiries.
pub(super) fn card_expiry(value: &[u8]) -> bool {
    if value.len() > 64 {
        return false;
    }
    if value.get(..3).is_some_and(|head| head.eq_ignore_ascii_case(b"exp")) {
        return labelled_expiry(value);
    }
    let mut numbers = [(0u32, 0usize); 3];
    let mut count = 0;
    let mut month_name = None;
    let mut rest = value;
    while let Some(&byte) = rest.first() {
        if byte.is_ascii_digit() {
            let len = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            let Some(slot) = numbers.get_mut(count) else {
                return false;
            };
            *slot = (number(&rest[..len]), len);
            count += 1;
            rest = &rest[len..];
        } else if byte.is_ascii_alphabetic() {
            let len = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
            if month_name.is_some() {
                return false;
            }
            month_name = Some(month_of(&rest[..len]));
            rest = &rest[len..];
        } else {
            rest = &rest[1..];
        }
    }
    let (month, year) = match (month_name, count) {
        (Some(month), 1) => (month, numbers[0]),
        (None, 2) if numbers[0].1 == 4 => (numbers[1].0, numbers[0]),
        (None, 2) => (numbers[0].0, numbers[1]),
        _ => return false,
    };
    (1..=12).contains(&month) && plausible_year(year)
}

/// A two-digit year, or a four-digit one from 1990 to 2099.
fn plausible_year((year, len): (u32, usize)) -> bool {
    len == 2 || (len == 4 && (1990..=2099).contains(&year))
}

/// The month a name starts with (1-12), or 0 when it names none. Longer forms must be the real
/// word (`February`, `Sept`), not any word sharing three letters (`Marketing`).
fn month_of(word: &[u8]) -> u32 {
    const FULL: [&[u8]; 12] = [
        b"january",
        b"february",
        b"march",
        b"april",
        b"may",
        b"june",
        b"july",
        b"august",
        b"september",
        b"october",
        b"november",
        b"december",
    ];
    let Some(index) = MONTHS
        .iter()
        .position(|month| word.len() >= 3 && word[..3].eq_ignore_ascii_case(month))
    else {
        return 0;
    };
    let full = FULL[index];
    let prefix_of_full = word.len() <= full.len() && word.eq_ignore_ascii_case(&full[..word.len()]);
    if prefix_of_full { index as u32 + 1 } else { 0 }
}

fn number(digits: &[u8]) -> u32 {
    digits
        .iter()
        .fold(0u32, |n, &d| n.saturating_mul(10).saturating_add(u32::from(d - b'0')))
}

/// `expY=2026, expM=02`, `exp_month: 2, exp_year: 2026`, `expiry_year=26&expiry_month=11`: two
/// labels, each naming a month or a year by the letter that follows the `exp`/`expiry`/`expiration`
/// prefix, each followed by its number.
fn labelled_expiry(value: &[u8]) -> bool {
    let mut month = None;
    let mut year = None;
    let mut rest = value;
    while !rest.is_empty() {
        let label_len = rest
            .iter()
            .take_while(|b| b.is_ascii_alphabetic() || matches!(b, b'_' | b'-'))
            .count();
        if label_len == 0 {
            rest = &rest[1..];
            continue;
        }
        let kind = label_kind(&rest[..label_len]);
        rest = &rest[label_len..];
        let skip = rest.iter().take_while(|b| !b.is_ascii_alphanumeric()).count();
        rest = &rest[skip..];
        let len = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if len == 0 {
            return false;
        }
        let found = (number(&rest[..len]), len);
        rest = &rest[len..];
        let slot = match kind {
            Some(b'm') => &mut month,
            Some(b'y') => &mut year,
            _ => return false,
        };
        if slot.replace(found).is_some() {
            return false;
        }
    }
    match (month, year) {
        (Some((month, len)), Some(year)) => len <= 2 && (1..=12).contains(&month) && plausible_year(year),
        _ => false,
    }
}

/// `m` or `y` for a label such as `expM`, `exp_year`, `expiry-month`, `expirationYear`.
fn label_kind(label: &[u8]) -> Option<u8> {
    let lower = |i: usize| label.get(i).map(u8::to_ascii_lowercase);
    if !label.get(..3)?.eq_ignore_ascii_case(b"exp") {
        return None;
    }
    let mut at = 3;
    for suffix in [b"iration".as_slice(), b"iry"] {
        if label
            .get(at..at + suffix.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(suffix))
        {
            at += suffix.len();
            break;
        }
    }
    while matches!(label.get(at), Some(b'_' | b'-')) {
        at += 1;
    }
    match lower(at) {
        Some(kind @ (b'm' | b'y')) => Some(kind),
        _ => None,
    }
}

/// Track 1 (`%B<PAN>^<NAME>^<YYMM><service code>...?`) or track 2 (`;<PAN>=<YYMM><service
/// code>...?`) of a payment card's magnetic stripe, sentinels optional.
pub(super) fn magnetic_stripe(value: &[u8]) -> bool {
    let value = value.strip_suffix(b"?").unwrap_or(value);
    if let Some(track1) = value.strip_prefix(b"%").unwrap_or(value).strip_prefix(b"B") {
        // ISO 7813: at most 79 characters; the name field 2-26.
        let mut fields = track1.splitn(3, |&b| b == b'^');
        let (Some(pan), Some(name), Some(data)) = (fields.next(), fields.next(), fields.next()) else {
            return false;
        };
        let name_ok = (2..=26).contains(&name.len()) && name.iter().any(u8::is_ascii_alphabetic);
        return value.len() <= 79 && name_ok && pan_ok(pan) && expiry_and_service_code_ok(data);
    }
    let track2 = value.strip_prefix(b";").unwrap_or(value);
    let Some(split) = track2.iter().position(|&b| b == b'=') else {
        return false;
    };
    let (pan, data) = (&track2[..split], &track2[split + 1..]);
    value.len() <= 40 && data.iter().all(u8::is_ascii_digit) && pan_ok(pan) && expiry_and_service_code_ok(data)
}

fn pan_ok(pan: &[u8]) -> bool {
    let Some(digits) = Digits::<19>::parse(pan, b"") else {
        return false;
    };
    (13..=19).contains(&digits.len()) && !all_same(&digits) && super::luhn::luhn(pan)
}

/// YYMM then the three-digit service code: first digit 1, 2, 5, 6, 7 or 9 (interchange and
/// technology), second 0, 2 or 4 (authorisation), third 0-7 (services).
fn expiry_and_service_code_ok(data: &[u8]) -> bool {
    let Some(head) = data.get(..7) else {
        return false;
    };
    if !head.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let month = (head[2] - b'0') * 10 + (head[3] - b'0');
    (1..=12).contains(&month)
        && matches!(head[4], b'1' | b'2' | b'5' | b'6' | b'7' | b'9')
        && matches!(head[5], b'0' | b'2' | b'4')
        && (b'0'..=b'7').contains(&head[6])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_expiry_accepts_numeric_month_year() {
        for value in ["02/26", "2/26", "02/2026", "02-26", "12 / 28", "2026-02", "2031/11"] {
            assert!(card_expiry(value.as_bytes()), "{value}");
        }
    }

    #[test]
    fn card_expiry_accepts_month_names() {
        for value in [
            "Feb 2026",
            "February 2026",
            "feb-26",
            "26-Feb",
            "Sept 2027",
            "Dec '29",
            "Mar. 2030",
        ] {
            assert!(card_expiry(value.as_bytes()), "{value}");
        }
    }

    #[test]
    fn card_expiry_accepts_labelled_pairs() {
        for value in [
            "expY=2026, expM=02",
            "exp_month: 2, exp_year: 2026",
            "exp_month\": 11, \"exp_year\": 2031",
            "expiry_year=26&expiry_month=11",
        ] {
            assert!(card_expiry(value.as_bytes()), "{value}");
        }
    }

    #[test]
    fn card_expiry_rejects_dates_with_a_day() {
        for value in ["02/26/2026", "2026-02-11", "01 Feb 2026", "11.02.2026"] {
            assert!(!card_expiry(value.as_bytes()), "{value}");
        }
    }

    #[test]
    fn card_expiry_rejects_impossible_months_and_years() {
        for value in [
            "13/26",
            "00/26",
            "02/1850",
            "2026-13",
            "Marketing 2026",
            "expY=2026, expM=14",
        ] {
            assert!(!card_expiry(value.as_bytes()), "{value}");
        }
    }

    #[test]
    fn card_expiry_rejects_a_label_pair_without_both_parts() {
        assert!(!card_expiry(b"expY=2026, expY=2027"));
        assert!(!card_expiry(b"expM=02"));
        assert!(!card_expiry(b"exp_day=02, exp_year=2026"));
    }

    #[test]
    fn magnetic_stripe_accepts_tracks_1_and_2() {
        assert!(magnetic_stripe(b"%B4111111111111111^DOE/JOHN^2612101000000000000?"));
        assert!(magnetic_stripe(b"B5555555555554444^SMITH/ANNA M^29052010000123"));
        assert!(magnetic_stripe(b";4111111111111111=26121010000000000000?"));
        assert!(magnetic_stripe(b"378282246310005=3001201123456"));
    }

    #[test]
    fn magnetic_stripe_rejects_a_pan_failing_luhn() {
        assert!(!magnetic_stripe(b"%B4111111111111112^DOE/JOHN^2612101000000000000?"));
        assert!(!magnetic_stripe(b";4111111111111112=26121010000000000000?"));
    }

    #[test]
    fn magnetic_stripe_rejects_bad_expiry_or_service_code() {
        assert!(!magnetic_stripe(b";4111111111111111=26131010000000000000?"));
        assert!(!magnetic_stripe(b";4111111111111111=26123010000000000000?"));
        assert!(!magnetic_stripe(b";4111111111111111=26121810000000000000?"));
        assert!(!magnetic_stripe(b"%B4111111111111111^DOE/JOHN^26?"));
    }

    #[test]
    fn magnetic_stripe_rejects_overlong_tracks() {
        assert!(!magnetic_stripe(b";4111111111111111=2612101000000000000000000000?"));
    }
}
