//! Driver's licence numbers. Most countries publish no check digit, so these validators check the
//! structure that is there: Germany's mod-11 check character, the birth dates inside the UK, Ontario,
//! Swedish and Finnish numbers (and the check digit or letter of the last two and of Spain's DNI/NIE),
//! India's state code and year of issue; and for bare digit runs, that they are not keyboard filler.
//! Invariant: values are read byte by byte into fixed arrays; nothing allocates and nothing panics.

use super::{Digits, all_same};

/// Upper-case letters and digits of `value` with the listed separators dropped, on the stack.
struct Compact<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> Compact<N> {
    /// None when a byte other than A-Z, 0-9 or a separator appears, or there are more than `N`.
    fn parse(value: &[u8], separators: &[u8]) -> Option<Self> {
        let mut compact = Compact { bytes: [0; N], len: 0 };
        for &byte in value {
            if byte.is_ascii_uppercase() || byte.is_ascii_digit() {
                *compact.bytes.get_mut(compact.len)? = byte;
                compact.len += 1;
            } else if !separators.contains(&byte) {
                return None;
            }
        }
        Some(compact)
    }

    fn as_slice(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

fn two_digits(pair: &[u8]) -> Option<u32> {
    match pair {
        [tens, units] if tens.is_ascii_digit() && units.is_ascii_digit() => {
            Some(u32::from(tens - b'0') * 10 + u32::from(units - b'0'))
        }
        _ => None,
    }
}

/// Whether day `day` exists in `month`; with no year known (or year 0, a lone last digit), 29
/// February is allowed: 2000 stands in, a leap year.
fn day_exists(year: Option<u32>, month: u32, day: u32) -> bool {
    super::birth_date::real_date(year.filter(|&y| y > 0).unwrap_or(2000), month, day)
}

/// Digit runs that are keyboard filler rather than issued numbers: one repeated digit, or a straight
/// ascending or descending run (12345678, 98765432).
fn filler(digits: &[u8]) -> bool {
    let step = |delta: i8| {
        digits
            .windows(2)
            .all(|pair| (pair[1] as i8 - pair[0] as i8).rem_euclid(10) == delta.rem_euclid(10))
    };
    all_same(digits) || step(1) || step(-1)
}

/// A licence number with no check digit: it has a digit, and its digits (letters and separators
/// aside), when four or more, are not filler.
pub(super) fn licence_number(value: &[u8]) -> bool {
    let mut digits = Digits::<24> {
        values: [0; 24],
        len: 0,
    };
    for &byte in value {
        if byte.is_ascii_digit() {
            let Some(slot) = digits.values.get_mut(digits.len) else {
                return false;
            };
            *slot = byte - b'0';
            digits.len += 1;
        } else if !(byte.is_ascii_alphabetic() || b" -/".contains(&byte)) {
            return false;
        }
    }
    // Short digit runs (Washington's WDL numbers are mostly letters) are too few to judge.
    digits.len >= 1 && (digits.len < 4 || !filler(&digits))
}

/// UK (DVLA) driving licence number, 16 characters: five of the surname (padded with 9), the decade
/// of birth, the birth month (plus 50 for women), the day, the year's last digit, two initials (the
/// second 9 when there is none), an arbitrary digit and two check letters. Spaces between the
/// groups (MORGA 753116 SM9IJ) are accepted.
pub(super) fn uk_driving_licence(value: &[u8]) -> bool {
    let Some(compact) = Compact::<16>::parse(value, b" ") else {
        return false;
    };
    let Ok(chars) = <[u8; 16]>::try_from(compact.as_slice()) else {
        return false;
    };
    let surname = &chars[..5];
    let padding = surname.iter().position(|&c| c == b'9').unwrap_or(5);
    let surname_ok = padding > 0
        && surname[..padding].iter().all(u8::is_ascii_uppercase)
        && surname[padding..].iter().all(|&c| c == b'9');
    let (Some(month), Some(day)) = (two_digits(&chars[6..8]), two_digits(&chars[8..10])) else {
        return false;
    };
    let month = if month > 50 { month - 50 } else { month };
    let decade = chars[5];
    let year = chars[10];
    surname_ok
        && decade.is_ascii_digit()
        && year.is_ascii_digit()
        && day_exists(Some(u32::from(year - b'0')), month, day)
        && chars[11].is_ascii_uppercase()
        && (chars[12].is_ascii_uppercase() || chars[12] == b'9')
        && chars[13].is_ascii_digit()
        && chars[14..].iter().all(u8::is_ascii_uppercase)
}

/// US driver's licence: the states publish no check digits, so only filler is refused.
pub(super) fn us_drivers_licence(value: &[u8]) -> bool {
    licence_number(value)
}

/// Canadian driver's licence. Ontario's 15 characters (A1234-56789-01234) end with the birth date as
/// YYMMDD, the month plus 50 for women; that date must exist. Other provinces: no filler.
pub(super) fn canada_drivers_licence(value: &[u8]) -> bool {
    let Some(compact) = Compact::<16>::parse(value, b"-") else {
        return false;
    };
    let chars = compact.as_slice();
    let ontario = chars.len() == 15 && chars[0].is_ascii_uppercase() && chars[1..].iter().all(u8::is_ascii_digit);
    if ontario {
        let (Some(month), Some(day)) = (two_digits(&chars[11..13]), two_digits(&chars[13..15])) else {
            return false;
        };
        let month = if month > 50 { month - 50 } else { month };
        return day_exists(None, month, day) && licence_number(value);
    }
    licence_number(value)
}

/// German Führerschein number, 11 characters: authority code and serial, then at position 10 a check
/// character, the weighted sum (weights 9 to 1, letters A=10 .. Z=35) of the first nine mod 11, written
/// X for 10; the last character counts the licences issued.
pub(super) fn germany_drivers_licence(value: &[u8]) -> bool {
    let Ok(chars) = <[u8; 11]>::try_from(value) else {
        return false;
    };
    let mut sum = 0u32;
    for (&c, weight) in chars[..9].iter().zip((1..=9).rev()) {
        let Some(number) = char::from(c).to_digit(36).filter(|_| !c.is_ascii_lowercase()) else {
            return false;
        };
        sum += number * weight;
    }
    let check = match sum % 11 {
        10 => b'X',
        digit => b'0' + digit as u8,
    };
    chars[9] == check && chars[10].is_ascii_alphanumeric() && !chars[10].is_ascii_lowercase()
}

/// State and union-territory codes of Indian licences (the vehicle registration codes).
const INDIA_STATES: &[&[u8; 2]] = &[
    b"AN", b"AP", b"AR", b"AS", b"BR", b"CG", b"CH", b"DD", b"DL", b"DN", b"GA", b"GJ", b"HP", b"HR", b"JH", b"JK",
    b"KA", b"KL", b"LA", b"LD", b"MH", b"ML", b"MN", b"MP", b"MZ", b"NL", b"OD", b"OR", b"PB", b"PY", b"RJ", b"SK",
    b"TG", b"TN", b"TR", b"TS", b"UA", b"UK", b"UP", b"WB",
];

/// Indian driving licence, 15 characters: state code, two-digit RTO code, year of issue (1950-2026)
/// and a seven-digit serial (MH12 20110012345, MH-1220110012345).
pub(super) fn india_drivers_licence(value: &[u8]) -> bool {
    let Some(compact) = Compact::<15>::parse(value, b" -") else {
        return false;
    };
    let Ok(chars) = <[u8; 15]>::try_from(compact.as_slice()) else {
        return false;
    };
    let state_ok = INDIA_STATES.iter().any(|state| state[..] == chars[..2]);
    let digits_ok = chars[2..].iter().all(u8::is_ascii_digit);
    let year = chars[4..8]
        .iter()
        .fold(0u32, |n, &c| n * 10 + u32::from(c.wrapping_sub(b'0')));
    let rto = two_digits(&chars[2..4]).unwrap_or(0);
    state_ok && digits_ok && rto > 0 && (1950..=2026).contains(&year) && chars[8..].iter().any(|&c| c != b'0')
}

/// Spanish licences carry the holder's DNI (8 digits and a mod-23 check letter) or, for foreign
/// residents, the NIE (X, Y or Z, 7 digits, the same check letter with X=0, Y=1, Z=2).
pub(super) fn spain_drivers_licence(value: &[u8]) -> bool {
    const LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";
    let Some(compact) = Compact::<9>::parse(value, b" -") else {
        return false;
    };
    let Ok(chars) = <[u8; 9]>::try_from(compact.as_slice()) else {
        return false;
    };
    let lead = match chars[0] {
        b'X' => 0,
        b'Y' => 1,
        b'Z' => 2,
        digit if digit.is_ascii_digit() => u32::from(digit - b'0'),
        _ => return false,
    };
    if !chars[1..8].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let number = chars[1..8].iter().fold(lead, |n, &c| n * 10 + u32::from(c - b'0'));
    chars[8] == LETTERS[(number % 23) as usize]
}

/// Swedish licences carry the personnummer: (YY)YYMMDD, a separator (- or + past 100 years old),
/// four digits whose last is the Luhn check over the ten-digit form. Coordination numbers (day + 60)
/// are accepted.
pub(super) fn sweden_drivers_licence(value: &[u8]) -> bool {
    let Some(digits) = Digits::<12>::parse(value, b"-+") else {
        return false;
    };
    let separators = value.iter().filter(|b| !b.is_ascii_digit()).count();
    let ten: &[u8] = match digits.len() {
        10 => &digits,
        12 if matches!(two_digits_of(&digits[..2]), 18..=20) => &digits[2..],
        _ => return false,
    };
    let month = two_digits_of(&ten[2..4]);
    let day = two_digits_of(&ten[4..6]);
    let day = if day > 60 { day - 60 } else { day };
    separators <= 1 && day_exists(None, month, day) && luhn_digits(ten)
}

fn two_digits_of(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |n, &d| n * 10 + u32::from(d))
}

/// Luhn over digit values (0-9), refusing an empty run.
pub(super) fn luhn_digits(digits: &[u8]) -> bool {
    !digits.is_empty() && super::luhn::luhn_sum_is_valid(digits)
}

/// Finnish licences carry the henkilötunnus: DDMMYY, a century sign (+ for the 1800s; - or U-Y for
/// the 1900s; A-F for the 2000s), a three-digit individual number 002-899 and a check character,
/// DDMMYYNNN mod 31 in 0-9 and ABCDEFHJKLMNPRSTUVWXY.
pub(super) fn finland_drivers_licence(value: &[u8]) -> bool {
    const CHECK: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";
    let Ok(chars) = <[u8; 11]>::try_from(value) else {
        return false;
    };
    let century = match chars[6] {
        b'+' => 1800,
        b'-' | b'U'..=b'Y' => 1900,
        b'A'..=b'F' => 2000,
        _ => return false,
    };
    if !chars[..6].iter().chain(&chars[7..10]).all(u8::is_ascii_digit) {
        return false;
    }
    let number = |range: std::ops::Range<usize>| chars[range].iter().fold(0u32, |n, &c| n * 10 + u32::from(c - b'0'));
    let (day, month, year) = (number(0..2), number(2..4), century + number(4..6));
    let individual = number(7..10);
    let whole = number(0..6) * 1000 + individual;
    day_exists(Some(year), month, day) && (2..=899).contains(&individual) && chars[10] == CHECK[(whole % 31) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uk_licence_accepts_the_dvla_specimen_and_spaced_form() {
        assert!(uk_driving_licence(b"MORGA753116SM9IJ"));
        assert!(uk_driving_licence(b"MORGA 753116 SM9IJ"));
        assert!(uk_driving_licence(b"LI999802064J99AB"));
    }

    #[test]
    fn uk_licence_rejects_impossible_dates_and_bad_padding() {
        assert!(!uk_driving_licence(b"MORGA713116SM9IJ"), "month 13");
        assert!(!uk_driving_licence(b"MORGA702316SM9IJ"), "30 February");
        assert!(!uk_driving_licence(b"MO9GA753116SM9IJ"), "letters after padding");
        assert!(!uk_driving_licence(b"9ORGA753116SM9IJ"), "no surname letter");
        assert!(!uk_driving_licence(b"MORGA753116SM9I"), "15 characters");
        assert!(!uk_driving_licence(b"morga753116sm9ij"), "lower case");
    }

    #[test]
    fn uk_licence_accepts_women_month_plus_fifty() {
        assert!(uk_driving_licence(b"SMITH862214JA9XY"));
        assert!(!uk_driving_licence(b"SMITH863214JA9XY"), "month 63");
    }

    #[test]
    fn licence_number_rejects_filler() {
        assert!(licence_number(b"48213907"));
        assert!(!licence_number(b"00000000"));
        assert!(!licence_number(b"12345678"));
        assert!(!licence_number(b"98765432"));
        assert!(!licence_number(b"A1111111"));
        assert!(licence_number(b"WDLG4JCLHZY5"));
        assert!(!licence_number(b"WDLGJJCLHZYB"), "no digit at all");
    }

    #[test]
    fn ontario_licence_birth_date_must_exist() {
        assert!(canada_drivers_licence(b"S5778-42061-90115"));
        assert!(canada_drivers_licence(b"S5778-42061-95615"), "woman: month 56");
        assert!(!canada_drivers_licence(b"S5778-42061-91315"), "month 13");
        assert!(!canada_drivers_licence(b"S5778-42061-90231"), "31 February");
        assert!(canada_drivers_licence(b"4829163"), "British Columbia");
    }

    #[test]
    fn germany_licence_check_character() {
        // Check characters computed independently (python) for these payloads.
        assert!(germany_drivers_licence(b"B072RRE2I55"));
        assert!(!germany_drivers_licence(b"B072RRE2I45"));
        assert!(!germany_drivers_licence(b"b072rre2i55"));
        assert!(!germany_drivers_licence(b"B072RRE2I5"));
    }

    #[test]
    fn germany_licence_check_ten_is_x() {
        assert!(germany_drivers_licence(b"J0000000A51"));
        // 1*9 + 1*1 = 10, written X.
        assert!(germany_drivers_licence(b"100000001X1"));
        assert!(!germany_drivers_licence(b"10000000101"));
    }

    #[test]
    fn india_licence_state_year_and_serial() {
        assert!(india_drivers_licence(b"MH12 20110012345"));
        assert!(india_drivers_licence(b"DL-0420150001234"));
        assert!(!india_drivers_licence(b"ZZ12 20110012345"), "no such state");
        assert!(!india_drivers_licence(b"MH12 18110012345"), "year 1811");
        assert!(!india_drivers_licence(b"MH00 20110012345"), "RTO 00");
        assert!(!india_drivers_licence(b"MH12 20110000000"), "serial 0");
    }

    #[test]
    fn spain_licence_dni_and_nie_letters() {
        assert!(spain_drivers_licence(b"12345678Z"));
        assert!(spain_drivers_licence(b"X1234567L"));
        assert!(!spain_drivers_licence(b"12345678A"));
        assert!(!spain_drivers_licence(b"W1234567L"));
    }

    #[test]
    fn sweden_licence_personnummer() {
        assert!(sweden_drivers_licence(b"811228-9874"));
        assert!(sweden_drivers_licence(b"19811228-9874"));
        assert!(sweden_drivers_licence(b"8112289874"));
        assert!(!sweden_drivers_licence(b"811228-9873"));
        assert!(!sweden_drivers_licence(b"811328-9877"), "month 13");
        assert!(!sweden_drivers_licence(b"16811228-9874"), "century 16");
    }

    #[test]
    fn finland_licence_henkilotunnus() {
        assert!(finland_drivers_licence(b"131052-308T"));
        assert!(finland_drivers_licence(b"131052A308T"), "same digits, born 2052");
        assert!(!finland_drivers_licence(b"131052-308U"));
        assert!(!finland_drivers_licence(b"310252-308T"), "31 February");
        assert!(!finland_drivers_licence(b"131052-001H"), "individual 001");
        assert!(!finland_drivers_licence(b"131052G308T"), "unknown century sign");
    }
}
