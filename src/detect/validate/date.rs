//! Calendar dates as people write them (dates of birth, mostly): YYYY-MM-DD, DD/MM/YYYY or
//! MM/DD/YYYY, DD.MM.YYYY, DD-MM-YYYY, "12 March 1985" and "March 12, 1985" (full English month
//! names or abbreviations, any case).
//! Invariant: the year is in 1900..=2026 and the day exists in that month of that year.

/// Birth dates before 1900 are implausible for living people; later than this year is impossible.
const YEARS: std::ops::RangeInclusive<u32> = 1900..=2026;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub(super) fn date(value: &[u8]) -> bool {
    let value = value.trim_ascii();
    numeric_date(value) || written_date(value)
}

/// Three digit fields around one repeated separator; the field widths say which order they are in.
fn numeric_date(value: &[u8]) -> bool {
    let Some(&separator) = value.iter().find(|byte| !byte.is_ascii_digit()) else {
        return false;
    };
    let mut fields = value.split(|&byte| byte == separator);
    let (Some(first), Some(second), Some(third), None) = (fields.next(), fields.next(), fields.next(), fields.next())
    else {
        return false;
    };
    let (Some(a), Some(b), Some(c)) = (number(first), number(second), number(third)) else {
        return false;
    };
    match (separator, first.len(), second.len(), third.len()) {
        (b'-', 4, 2, 2) => exists(a, b, c),
        (b'-' | b'.', 1..=2, 1..=2, 4) => exists(c, b, a),
        // Slashes are written day-first in most of the world and month-first in the US; either will do.
        (b'/', 1..=2, 1..=2, 4) => exists(c, b, a) || exists(c, a, b),
        _ => false,
    }
}

/// "12 March 1985", "12 Mar 1985", "March 12, 1985", "Mar. 12 1985".
fn written_date(value: &[u8]) -> bool {
    let mut words = value
        .split(|&byte| byte == b' ' || byte == b',')
        .filter(|word| !word.is_empty());
    let (Some(first), Some(second), Some(third), None) = (words.next(), words.next(), words.next(), words.next())
    else {
        return false;
    };
    let Some(year) = number(third).filter(|_| third.len() == 4) else {
        return false;
    };
    let (day, month) = match (day(first), month(second)) {
        (Some(day), Some(month)) => (day, month),
        _ => match (month(first), day(second)) {
            (Some(month), Some(day)) => (day, month),
            _ => return false,
        },
    };
    exists(year, month, day)
}

fn day(word: &[u8]) -> Option<u32> {
    number(word).filter(|_| word.len() <= 2)
}

/// Month number from its English name, its three-letter abbreviation, or anything between ("Sept").
fn month(word: &[u8]) -> Option<u32> {
    let word = word.strip_suffix(b".").unwrap_or(word);
    let position = MONTHS.iter().position(|name| {
        word.len() >= 3 && word.len() <= name.len() && name.as_bytes()[..word.len()].eq_ignore_ascii_case(word)
    })?;
    u32::try_from(position + 1).ok()
}

fn number(field: &[u8]) -> Option<u32> {
    if field.is_empty() || field.len() > 4 {
        return None;
    }
    field.iter().try_fold(0, |number, &byte| {
        byte.is_ascii_digit().then(|| number * 10 + u32::from(byte - b'0'))
    })
}

fn exists(year: u32, month: u32, day: u32) -> bool {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return false,
    };
    YEARS.contains(&year) && (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_accepts_each_numeric_form() {
        assert!(date(b"1985-03-12"));
        assert!(date(b"12/03/1985"));
        assert!(date(b"03/25/1985"));
        assert!(date(b"12.03.1985"));
        assert!(date(b"12-03-1985"));
        assert!(date(b"1/2/1985"));
    }

    #[test]
    fn date_accepts_written_forms() {
        assert!(date(b"12 March 1985"));
        assert!(date(b"12 mar 1985"));
        assert!(date(b"March 12, 1985"));
        assert!(date(b"Mar. 12 1985"));
        assert!(date(b"Sept 30, 1999"));
    }

    #[test]
    fn date_rejects_day_missing_from_month() {
        assert!(!date(b"1985-02-30"));
        assert!(!date(b"31 April 1990"));
        assert!(!date(b"1985-13-01"));
        assert!(!date(b"1985-00-10"));
    }

    #[test]
    fn date_accepts_29_february_only_in_leap_years() {
        assert!(date(b"2000-02-29"));
        assert!(date(b"29/02/1996"));
        assert!(!date(b"1900-02-29"));
        assert!(!date(b"2023-02-29"));
    }

    #[test]
    fn date_rejects_years_outside_range() {
        assert!(!date(b"1899-12-31"));
        assert!(!date(b"2027-01-01"));
        assert!(date(b"2026-12-31"));
    }

    #[test]
    fn date_rejects_mixed_separators_and_unknown_orders() {
        assert!(!date(b"12/03-1985"));
        assert!(!date(b"1985/03/12"));
        assert!(!date(b"1985.03.12"));
        assert!(!date(b"12-3-85"));
    }

    #[test]
    fn date_rejects_slash_date_invalid_both_ways() {
        assert!(!date(b"13/13/1985"));
        assert!(date(b"13/12/1985"));
    }

    #[test]
    fn date_rejects_unknown_month_words() {
        assert!(!date(b"12 Ma 1985"));
        assert!(!date(b"12 Marching 1985"));
        assert!(!date(b"12 March 85"));
        assert!(!date(b"12 March 1985 extra"));
    }
}
