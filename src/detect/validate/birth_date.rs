//! Ids that carry their holder's birth date: Poland's PESEL (century in the month), Sweden's
//! personnummer (Luhn over ten digits) and Korea's resident registration number (century in the
//! seventh digit). Also the calendar check other id families share (`real_date`).
//! Invariant: a date is checked against the Gregorian calendar, never a fixed "today", so the verdict
//! on a value does not change with the clock (python-stdnum's checks, which these follow, agree).

use super::Digits;

/// Whether year-month-day exists in the Gregorian calendar.
pub(super) fn real_date(year: u32, month: u32, day: u32) -> bool {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return false,
    };
    year > 0 && (1..=days).contains(&day)
}

fn pair(digits: &[u8], at: usize) -> u32 {
    u32::from(digits[at]) * 10 + u32::from(digits[at + 1])
}

/// PESEL: YYMMDD with 20, 40, 60 or 80 added to the month for 2000-2299 and 1800-1899, four serial
/// digits, and a check digit with weights 1-3-7-9.
pub(super) fn poland_pesel(value: &[u8]) -> bool {
    let Some(digits) = Digits::<11>::parse(value, b" -") else {
        return false;
    };
    if digits.len() != 11 {
        return false;
    }
    let sum: u32 = digits[..10]
        .iter()
        .zip([1, 3, 7, 9].iter().cycle())
        .map(|(&d, &w)| u32::from(d) * w)
        .sum();
    let coded_month = pair(&digits, 2);
    let century = [1900, 2000, 2100, 2200, 1800][(coded_month / 20) as usize];
    u32::from(digits[10]) == (10 - sum % 10) % 10
        && real_date(century + pair(&digits, 0), coded_month % 20, pair(&digits, 4))
}

/// Swedish personnummer: YYMMDD-NNNC (`+` instead of `-` from the year the holder turns 100) or
/// YYYYMMDD-NNNC, separator optional; the last ten digits pass Luhn.
pub(super) fn sweden_personnummer(value: &[u8]) -> bool {
    let Some(digits) = Digits::<12>::parse(value, b"-+ ") else {
        return false;
    };
    if value.iter().filter(|b| matches!(b, b'-' | b'+' | b' ')).count() > 1 {
        return false;
    }
    let (year, date) = match digits.len() {
        12 => (pair(&digits, 0) * 100 + pair(&digits, 2), &digits[4..]),
        // The century of a short form depends on today's date; Feb 29 is accepted for any year the
        // two digits allow to be a leap year (00 as 2000).
        10 => (2000 + pair(&digits, 0), &digits[2..]),
        _ => return false,
    };
    real_date(year, pair(date, 0), pair(date, 2)) && super::luhn::luhn_sum_is_valid(&digits[digits.len() - 10..])
}

/// Korean resident registration number: YYMMDD, a sex/century digit, a birth-place code up to 96,
/// and a mod-11 check digit (numbers issued since October 2020 no longer carry the region code or a
/// check digit and are not matched).
pub(super) fn korea_rrn(value: &[u8]) -> bool {
    let Some(digits) = Digits::<13>::parse(value, b"-") else {
        return false;
    };
    if digits.len() != 13 || value.iter().filter(|&&b| b == b'-').count() > 1 {
        return false;
    }
    let century = match digits[6] {
        1 | 2 | 5 | 6 => 1900,
        3 | 4 | 7 | 8 => 2000,
        _ => 1800,
    };
    let sum: u32 = digits[..12]
        .iter()
        .zip([2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5])
        .map(|(&d, w)| u32::from(d) * w)
        .sum();
    real_date(century + pair(&digits, 0), pair(&digits, 2), pair(&digits, 4))
        && pair(&digits, 7) <= 96
        && u32::from(digits[12]) == (11 - sum % 11) % 10
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_date_knows_leap_years() {
        assert!(real_date(2000, 2, 29));
        assert!(!real_date(1900, 2, 29));
        assert!(!real_date(2023, 4, 31));
        assert!(!real_date(2023, 13, 1));
    }

    #[test]
    fn poland_pesel_checks_digit_and_coded_month() {
        assert!(poland_pesel(b"44051401359"));
        assert!(poland_pesel(b"02270803624"));
        assert!(!poland_pesel(b"44051401358"));
        assert!(!poland_pesel(b"44053401350"));
    }

    #[test]
    fn sweden_personnummer_accepts_each_form() {
        assert!(sweden_personnummer(b"880320-0016"));
        assert!(sweden_personnummer(b"19880320-0016"));
        assert!(sweden_personnummer(b"8803200016"));
        assert!(sweden_personnummer(b"880320+0016"));
        assert!(sweden_personnummer(b"880320 0016"));
    }

    #[test]
    fn sweden_personnummer_rejects_bad_luhn_and_date() {
        assert!(!sweden_personnummer(b"880320-0017"));
        assert!(!sweden_personnummer(b"881320-0016"));
        assert!(!sweden_personnummer(b"880320--0016"));
    }

    #[test]
    fn korea_rrn_checks_date_region_and_digit() {
        assert!(korea_rrn(b"971013-9019902"));
        assert!(!korea_rrn(b"971013-9019903"));
        assert!(!korea_rrn(b"971313-9019902"));
    }
}
