//! Calendar dates as people write them (dates of birth, mostly): YYYY-MM-DD and YYYY/MM/DD,
//! DD/MM/YYYY or MM/DD/YYYY, DD.MM.YYYY, DD-MM-YYYY (each also with a two-digit year), compact
//! YYYYMMDD, "12 March 1985", "12th of March 1985", "12-Mar-1985" and "March 12th, 1985" (full
//! English month names or abbreviations, any case, ordinal suffixes that agree with the day).
//! Invariant: the year is in 1900..=2026 and the day exists in that month of that year. A
//! two-digit year is the latest such year not after 2026 (26 is 2026, 27 is 1927).

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
/// Eight digits alone are YYYYMMDD.
fn numeric_date(value: &[u8]) -> bool {
    let Some(&separator) = value.iter().find(|byte| !byte.is_ascii_digit()) else {
        return value.len() == 8
            && matches!(
                (number(&value[..4]), number(&value[4..6]), number(&value[6..])),
                (Some(year), Some(month), Some(day)) if exists(year, month, day)
            );
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
        (b'-' | b'/', 4, 2, 2) => exists(a, b, c),
        (b'-' | b'.', 1..=2, 1..=2, 4) => exists(c, b, a),
        (b'-' | b'.', 1..=2, 1..=2, 2) => exists(two_digit_year(c), b, a),
        // Slashes are written day-first in most of the world and month-first in the US; either will do.
        (b'/', 1..=2, 1..=2, 4) => exists(c, b, a) || exists(c, a, b),
        (b'/', 1..=2, 1..=2, 2) => exists(two_digit_year(c), b, a) || exists(two_digit_year(c), a, b),
        _ => false,
    }
}

/// The latest year ending in `yy` that is not after the last year of `YEARS`.
fn two_digit_year(yy: u32) -> u32 {
    if 2000 + yy <= *YEARS.end() {
        2000 + yy
    } else {
        1900 + yy
    }
}

/// "12 March 1985", "12 Mar 1985", "12th of March 1985", "12-Mar-1985", "March 12, 1985",
/// "Mar. 12th 1985".
fn written_date(value: &[u8]) -> bool {
    let mut words = value
        .split(|&byte| byte == b' ' || byte == b',' || byte == b'-')
        .filter(|word| !word.is_empty() && !word.eq_ignore_ascii_case(b"of"));
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

/// A day of the month, with an English ordinal suffix that agrees with it (1st, 2nd, 3rd, 4th,
/// 11th-13th, 21st, 22nd, 23rd, 31st).
fn day(word: &[u8]) -> Option<u32> {
    let digits = word.iter().take_while(|byte| byte.is_ascii_digit()).count();
    let (figures, suffix) = word.split_at(digits);
    let day = number(figures).filter(|_| figures.len() <= 2)?;
    let expected: &[u8] = match (day % 10, day / 10) {
        (_, 1) => b"th",
        (1, _) => b"st",
        (2, _) => b"nd",
        (3, _) => b"rd",
        _ => b"th",
    };
    (suffix.is_empty() || suffix.eq_ignore_ascii_case(expected)).then_some(day)
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
    YEARS.contains(&year) && super::birth_date::real_date(year, month, day)
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
        assert!(!date(b"1985/3/12"));
        assert!(!date(b"1985.03.12"));
        assert!(!date(b"12-3-1985x"));
    }

    #[test]
    fn date_reads_two_digit_years_as_the_latest_past_century() {
        assert!(date(b"03/15/87"));
        assert!(date(b"15.03.87"));
        assert!(date(b"29/02/24"));
        assert!(!date(b"29/02/23"));
        assert!(!date(b"13/13/87"));
        assert_eq!(two_digit_year(26), 2026);
        assert_eq!(two_digit_year(27), 1927);
    }

    #[test]
    fn date_reads_compact_and_year_first_slash_forms() {
        assert!(date(b"19870315"));
        assert!(date(b"1985/03/12"));
        assert!(!date(b"19871315"));
        assert!(!date(b"18870315"));
        assert!(!date(b"1987031"));
    }

    #[test]
    fn date_reads_ordinals_and_dashed_month_names() {
        assert!(date(b"15th March 1987"));
        assert!(date(b"1st of March 1987"));
        assert!(date(b"March 22nd, 1987"));
        assert!(date(b"15-Mar-1987"));
        assert!(!date(b"15st March 1987"));
        assert!(!date(b"12nd March 1987"));
        assert!(!date(b"32nd March 1987"));
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
