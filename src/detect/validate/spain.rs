//! Spain's personal and company tax ids: DNI (eight digits and the mod-23 letter), NIE (X, Y or Z
//! standing for 0, 1 or 2, then as a DNI), NIF (any of those, or K, L or M with seven digits), and CIF
//! (an organisation letter, seven digits and a Luhn-derived control digit or letter).
//! Invariant: the value is nine characters once spaces, dots and dashes are removed; anything else is
//! rejected before the check.

const LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// The nine characters of the id, upper-cased, without separators.
fn compact(value: &[u8]) -> Option<[u8; 9]> {
    let mut out = [0u8; 9];
    let mut len = 0;
    for &byte in value {
        if matches!(byte, b' ' | b'-' | b'.') {
            continue;
        }
        *out.get_mut(len)? = byte.to_ascii_uppercase();
        len += 1;
    }
    (len == 9).then_some(out)
}

/// The number formed by `digits` (ASCII), or None if one is not a digit.
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |n, &byte| {
        byte.is_ascii_digit().then(|| n * 10 + u32::from(byte - b'0'))
    })
}

/// Whether `letter` is the mod-23 control letter of `digits`, which must not be all zeros (Macie's
/// example values such as 00000000T are never reported).
fn letter_matches(digits: &[u8], letter: u8) -> bool {
    number(digits).is_some_and(|n| n != 0 && LETTERS[(n % 23) as usize] == letter)
}

pub(super) fn spain_dni(value: &[u8]) -> bool {
    compact(value).is_some_and(|id| letter_matches(&id[..8], id[8]))
}

pub(super) fn spain_nie(value: &[u8]) -> bool {
    compact(value).is_some_and(|id| nie(&id))
}

fn nie(id: &[u8; 9]) -> bool {
    let prefix = match id[0] {
        b'X' => 0,
        b'Y' => 1,
        b'Z' => 2,
        _ => return false,
    };
    number(&id[1..8]).is_some_and(|n| LETTERS[((prefix * 10_000_000 + n) % 23) as usize] == id[8])
}

/// NIF of a person: a DNI, an NIE, or K/L/M (minors, Spaniards abroad, foreigners without an NIE)
/// with seven digits and the DNI letter of those digits.
pub(super) fn spain_nif(value: &[u8]) -> bool {
    let Some(id) = compact(value) else {
        return false;
    };
    match id[0] {
        b'0'..=b'9' => letter_matches(&id[..8], id[8]),
        b'K' | b'L' | b'M' => letter_matches(&id[1..8], id[8]),
        b'X' | b'Y' | b'Z' => nie(&id),
        _ => false,
    }
}

/// CIF: an organisation-type letter, province and serial (seven digits), and a control that is the
/// Luhn check digit of the seven digits or the letter JABCDEFGHI at that index (either is accepted,
/// as organisation types disagree in practice).
pub(super) fn spain_cif(value: &[u8]) -> bool {
    let Some(id) = compact(value) else {
        return false;
    };
    if !b"ABCDEFGHJNPQRSUVW".contains(&id[0]) || number(&id[1..8]).is_none_or(|n| n == 0) {
        return false;
    }
    let sum: u32 = id[1..8]
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &byte)| {
            let digit = u32::from(byte - b'0');
            if i % 2 == 0 {
                let doubled = digit * 2;
                doubled / 10 + doubled % 10
            } else {
                digit
            }
        })
        .sum();
    let check = (10 - sum % 10) % 10;
    id[8] == b'0' + check as u8 || id[8] == b"JABCDEFGHI"[check as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spain_dni_checks_mod_23_letter() {
        assert!(spain_dni(b"12345678Z"));
        assert!(spain_dni(b"12.345.678-Z"));
        assert!(spain_dni(b"12345678z"));
        assert!(!spain_dni(b"12345678A"));
        assert!(!spain_dni(b"00000000T"));
        assert!(!spain_dni(b"1234567Z"));
    }

    #[test]
    fn spain_nie_maps_prefix_letter() {
        assert!(spain_nie(b"X1234567L"));
        assert!(spain_nie(b"Y-1234567-X"));
        assert!(!spain_nie(b"X1234567M"));
        assert!(!spain_nie(b"A1234567L"));
    }

    #[test]
    fn spain_nif_accepts_dni_nie_and_klm_forms() {
        assert!(spain_nif(b"12345678Z"));
        assert!(spain_nif(b"X1234567L"));
        assert!(spain_nif(b"K1234567L"));
        assert!(!spain_nif(b"K1234567Z"));
        assert!(!spain_nif(b"B58378431"));
    }

    #[test]
    fn spain_cif_accepts_digit_or_letter_control() {
        assert!(spain_cif(b"B58378431"));
        assert!(spain_cif(b"Q2818015F"));
        assert!(!spain_cif(b"B58378432"));
        assert!(!spain_cif(b"I58378431"));
        assert!(!spain_cif(b"B00000000"));
    }
}
