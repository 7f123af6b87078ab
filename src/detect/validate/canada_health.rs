//! Canadian provincial health numbers. Invariant: a number passes only by its province's rule:
//! Ontario (OHIP): 10 digits with a Luhn check digit, optionally followed by a 1-2 letter version
//! code; British Columbia (PHN): 10 digits starting with 9 and a weighted mod-11 check digit;
//! Quebec (RAMQ): 4 letters then 8 digits holding a real birth month (51-62 for women) and day.

use super::Digits;
use super::luhn::luhn_sum_is_valid;

pub(super) fn canada_health_number(value: &[u8]) -> bool {
    match value.first() {
        Some(byte) if byte.is_ascii_alphabetic() => quebec_ramq(value),
        _ => ontario_or_bc(value),
    }
}

fn ontario_or_bc(value: &[u8]) -> bool {
    // A version code (Ontario only) follows the ten digits.
    let letters = value.iter().rev().take_while(|b| b.is_ascii_uppercase()).count();
    let (number, version) = value.split_at(value.len() - letters);
    let number = number
        .strip_suffix(b"-")
        .or_else(|| number.strip_suffix(b" "))
        .unwrap_or(number);
    let Some(digits) = Digits::<10>::parse(number, b" -") else {
        return false;
    };
    if digits.len() != 10 || version.len() > 2 || digits.iter().all(|&d| d == digits[0]) {
        return false;
    }
    luhn_sum_is_valid(&digits) || (version.is_empty() && bc_phn(&digits))
}

/// BC's PHN check digit: 11 minus the sum of digits 2-9 weighted 2, 4, 8, 5, 10, 9, 7, 3 (each
/// product taken mod 11), mod 11; a remainder asking for 10 means no number was issued.
fn bc_phn(digits: &[u8]) -> bool {
    const WEIGHTS: [u32; 8] = [2, 4, 8, 5, 10, 9, 7, 3];
    if digits[0] != 9 {
        return false;
    }
    let sum: u32 = digits[1..9]
        .iter()
        .zip(WEIGHTS)
        .map(|(&d, w)| u32::from(d) * w % 11)
        .sum();
    let check = (11 - sum % 11) % 11;
    check < 10 && check == u32::from(digits[9])
}

/// RAMQ: three letters of the surname, one of the given name, birth year (2 digits), month (plus
/// 50 for women), day, and two administrative digits; written compact or 4-4-4 with spaces.
fn quebec_ramq(value: &[u8]) -> bool {
    let mut chars = [0u8; 12];
    let mut len = 0;
    for &byte in value.iter().filter(|&&b| b != b' ') {
        let Some(slot) = chars.get_mut(len) else {
            return false;
        };
        *slot = byte;
        len += 1;
    }
    if len != 12 || !chars[..4].iter().all(u8::is_ascii_uppercase) || !chars[4..].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let number = |i: usize| u32::from(chars[i] - b'0') * 10 + u32::from(chars[i + 1] - b'0');
    let month = number(6);
    let day = number(8);
    matches!(month, 1..=12 | 51..=62) && (1..=31).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ontario_numbers_pass_by_luhn_with_or_without_version_code() {
        assert!(canada_health_number(b"1234567897"));
        assert!(canada_health_number(b"1234-567-897"));
        assert!(canada_health_number(b"1234 567 897 AB"));
        assert!(canada_health_number(b"1234-567-897-K"));
        assert!(!canada_health_number(b"1234567898"));
    }

    #[test]
    fn bc_numbers_pass_by_mod_11() {
        assert!(canada_health_number(b"9698 658 215"));
        assert!(canada_health_number(b"9698658215"));
        assert!(!canada_health_number(b"9698648215"));
    }

    #[test]
    fn quebec_numbers_need_a_real_month_and_day() {
        assert!(canada_health_number(b"TREM 8512 1412"));
        assert!(canada_health_number(b"GAGM90571523"));
        assert!(!canada_health_number(b"GAGM90131523"));
        assert!(!canada_health_number(b"GAGM90573223"));
    }

    #[test]
    fn wrong_lengths_and_filler_are_refused() {
        assert!(!canada_health_number(b"123456789"));
        assert!(!canada_health_number(b"0000000000"));
        assert!(!canada_health_number(b"1234567897ABC"));
    }
}
