//! Structural checks for ids that carry no check digit: India's PAN (holder-type letter), Argentina's
//! DNI and Colombia's cédula (digit counts and thousands dots), and the filler test shared by passport
//! and residence numbers. Without a checksum these detectors rely on their keywords; the checks here
//! only remove what no issuer prints.
//! Invariant: a value with a byte outside its id's alphabet is rejected, never skipped over.

use super::{Digits, all_same};

/// Whether `digits` are a placeholder rather than an issued number: one repeated digit, or a straight
/// run such as 123456789 or 987654321.
fn filler(digits: &[u8]) -> bool {
    let ascending = digits.windows(2).all(|pair| pair[1] == (pair[0] + 1) % 10);
    let descending = digits.windows(2).all(|pair| pair[0] == (pair[1] + 1) % 10);
    digits.len() < 2 || all_same(digits) || ascending || descending
}

/// Passport, residence-card and other document numbers without a check digit: letters and digits
/// (spaces and dashes between groups allowed), at least five digits, and the digits not filler.
pub(super) fn no_filler(value: &[u8]) -> bool {
    let mut digits = Digits::<24> {
        values: [0; 24],
        len: 0,
    };
    for &byte in value {
        match byte {
            b'0'..=b'9' => {
                let Some(slot) = digits.values.get_mut(digits.len) else {
                    return false;
                };
                *slot = byte - b'0';
                digits.len += 1;
            }
            b'A'..=b'Z' | b'a'..=b'z' | b' ' | b'-' => {}
            _ => return false,
        }
    }
    digits.len >= 5 && !filler(&digits)
}

/// India's Permanent Account Number: three letters, the holder type (P person, C company, H Hindu
/// undivided family, F firm, A, B, G, J, L, T, K), the initial of the surname or name, four digits
/// (not 0000) and a letter.
pub(super) fn india_pan(value: &[u8]) -> bool {
    let Ok(pan) = <&[u8; 10]>::try_from(value) else {
        return false;
    };
    pan[..5].iter().all(u8::is_ascii_uppercase)
        && b"ABCFGHJLPTK".contains(&pan[3])
        && pan[5..9].iter().all(u8::is_ascii_digit)
        && &pan[5..9] != b"0000"
        && pan[9].is_ascii_uppercase()
}

/// A number of `min..=max` digits, unbroken or with dots every three digits from the right
/// (12.345.678), not filler.
fn dotted_number(value: &[u8], min: usize, max: usize) -> bool {
    let Some(digits) = Digits::<12>::parse(value, b".") else {
        return false;
    };
    if !(min..=max).contains(&digits.len()) || digits[0] == 0 || filler(&digits) {
        return false;
    }
    if !value.contains(&b'.') {
        return true;
    }
    // Dots exactly at the thousands: every group after the first has three digits.
    let mut groups = value.split(|&b| b == b'.');
    let first = groups.next().map_or(0, <[u8]>::len);
    (1..=3).contains(&first) && groups.all(|group| group.len() == 3)
}

/// Argentina's DNI: 7 or 8 digits, written 12.345.678 or unbroken.
pub(super) fn argentina_dni(value: &[u8]) -> bool {
    dotted_number(value, 7, 8)
}

/// Colombia's cédula de ciudadanía: 6 to 10 digits, written 1.020.304.050 or unbroken.
pub(super) fn colombia_cedula(value: &[u8]) -> bool {
    dotted_number(value, 6, 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_filler_rejects_placeholders() {
        assert!(no_filler(b"533284169"));
        assert!(no_filler(b"AB123457"));
        assert!(!no_filler(b"000000000"));
        assert!(!no_filler(b"123456789"));
        assert!(!no_filler(b"987654321"));
        assert!(!no_filler(b"AB1234"));
        assert!(!no_filler(b"5332/84169"));
    }

    #[test]
    fn india_pan_checks_holder_type() {
        assert!(india_pan(b"AFZPK7190K"));
        assert!(india_pan(b"AAACR5055K"));
        assert!(!india_pan(b"AFZXK7190K"));
        assert!(!india_pan(b"AFZPK0000K"));
        assert!(!india_pan(b"AFZPK719K"));
    }

    #[test]
    fn argentina_dni_accepts_dotted_and_plain_forms() {
        assert!(argentina_dni(b"20.345.678"));
        assert!(argentina_dni(b"20345678"));
        assert!(argentina_dni(b"5.345.678"));
        assert!(!argentina_dni(b"20.34.5678"));
        assert!(!argentina_dni(b"99.999.999"));
        assert!(!argentina_dni(b"00000000"));
        assert!(!argentina_dni(b"203456"));
    }

    #[test]
    fn colombia_cedula_accepts_six_to_ten_digits() {
        assert!(colombia_cedula(b"1.020.304.050"));
        assert!(colombia_cedula(b"79523814"));
        assert!(!colombia_cedula(b"10203040501"));
        assert!(!colombia_cedula(b"1.0203.04050"));
    }
}
