//! Check characters from ISO 7064 and other remainder schemes: Germany's Steuer-IdNr (MOD 11,10),
//! China's resident identity card (MOD 11-2, check X), France's NIR (97 minus the number mod 97) and
//! SPI tax number (mod 511), Spain's social security number (mod 97).
//! Invariant: each validator checks the exact length of its id before indexing into it.

use super::{Digits, all_same, birth_date::real_date};

/// ISO 7064 MOD 11,10 over all digits, check digit included: the number is valid when it ends at 1.
fn mod_11_10_is_valid(digits: &[u8]) -> bool {
    let remainder = digits.iter().fold(5u32, |remainder, &digit| {
        ((if remainder == 0 { 10 } else { remainder }) * 2 % 11 + u32::from(digit)) % 10
    });
    remainder == 1
}

/// Germany's Steuerliche Identifikationsnummer: 11 digits, no leading 0, in the first ten one digit
/// appears two or three times and every other at most once, MOD 11,10 check digit.
pub(super) fn germany_tax_id(value: &[u8]) -> bool {
    let Some(digits) = Digits::<11>::parse(value, b" -./") else {
        return false;
    };
    if digits.len() != 11 || digits[0] == 0 {
        return false;
    }
    let mut counts = [0u8; 10];
    for &digit in &digits[..10] {
        counts[usize::from(digit)] += 1;
    }
    let mut repeated_digits = 0;
    let mut repeat_ok = true;
    for &count in &counts {
        if count > 1 {
            repeated_digits += 1;
            repeat_ok &= count <= 3;
        }
    }
    repeated_digits == 1 && repeat_ok && mod_11_10_is_valid(&digits)
}

/// China's 18-character resident identity number: six-digit region (province code checked), birth
/// date YYYYMMDD, sequence, and an ISO 7064 MOD 11-2 check character (0-9 or X).
pub(super) fn china_resident_id(value: &[u8]) -> bool {
    let [body @ .., check] = value else {
        return false;
    };
    let Some(digits) = Digits::<17>::parse(body, b"") else {
        return false;
    };
    if digits.len() != 17 {
        return false;
    }
    let sum = digits
        .iter()
        .fold(0u32, |sum, &digit| (sum + u32::from(digit)) * 2 % 11);
    let expected = match (12 - sum) % 11 {
        10 => b'X',
        digit => b'0' + digit as u8,
    };
    let number = |range: std::ops::Range<usize>| digits[range].iter().fold(0u32, |n, &d| n * 10 + u32::from(d));
    // Provinces, autonomous regions and municipalities (GB/T 2260), plus 71 Taiwan, 81/82 Hong Kong
    // and Macau, 83 Taiwan residents and 91 for foreigners' permanent residence.
    let province = number(0..2);
    let known_province =
        matches!(province, 11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81..=83 | 91);
    check.to_ascii_uppercase() == expected && known_province && real_date(number(6..10), number(10..12), number(12..14))
}

/// France's NIR (numéro de sécurité sociale): sex, year, month, department (2A/2B for Corsica), commune,
/// order number and a two-digit key, 97 minus the first 13 digits mod 97.
pub(super) fn france_nir(value: &[u8]) -> bool {
    let mut chars = [0u8; 15];
    let mut len = 0;
    for &byte in value {
        if matches!(byte, b' ' | b'.') {
            continue;
        }
        let Some(slot) = chars.get_mut(len) else {
            return false;
        };
        *slot = byte.to_ascii_uppercase();
        len += 1;
    }
    if len != 15 {
        return false;
    }
    // Corsica's departments are 2A and 2B; for the key they count as 19 and 18.
    let department = match &chars[5..7] {
        b"2A" => [b'1', b'9'],
        b"2B" => [b'1', b'8'],
        other => [other[0], other[1]],
    };
    let mut number: u64 = 0;
    for (i, &byte) in chars[..13].iter().enumerate() {
        let byte = if (5..7).contains(&i) { department[i - 5] } else { byte };
        if !byte.is_ascii_digit() {
            return false;
        }
        number = number * 10 + u64::from(byte - b'0');
    }
    let (Some(key_high), Some(key_low)) = (digit(chars[13]), digit(chars[14])) else {
        return false;
    };
    let key = u64::from(key_high) * 10 + u64::from(key_low);
    // Sex 1/2 (3/4 and 7/8 for people registered provisionally); month 01-12, or 20-42 and 50-99
    // where the birth month is unknown.
    let sex_ok = matches!(chars[0], b'1'..=b'4' | b'7' | b'8');
    let month = (number / 100_000_000) % 100;
    let month_ok = matches!(month, 1..=12 | 20..=42 | 50..=99);
    sex_ok && month_ok && key == 97 - number % 97
}

fn digit(byte: u8) -> Option<u8> {
    byte.is_ascii_digit().then(|| byte - b'0')
}

/// France's SPI (numéro fiscal de référence): 13 digits, first 0-3, the last three the first ten mod 511.
pub(super) fn france_tax_id(value: &[u8]) -> bool {
    let Some(digits) = Digits::<13>::parse(value, b" ") else {
        return false;
    };
    if digits.len() != 13 || digits[0] > 3 || all_same(&digits[..10]) {
        return false;
    }
    let number = |range: std::ops::Range<usize>| digits[range].iter().fold(0u64, |n, &d| n * 10 + u64::from(d));
    number(0..10) % 511 == number(10..13)
}

/// Spain's social security number (NAF): two-digit province, eight-digit number and two control
/// digits, the province and number mod 97 (a number under 10 million counts without its leading zero).
pub(super) fn spain_social_security(value: &[u8]) -> bool {
    let Some(digits) = Digits::<12>::parse(value, b" /-") else {
        return false;
    };
    if digits.len() != 12 || all_same(&digits[2..10]) {
        return false;
    }
    let number = |range: std::ops::Range<usize>| digits[range].iter().fold(0u64, |n, &d| n * 10 + u64::from(d));
    let province = number(0..2);
    let serial = number(2..10);
    let base = if serial < 10_000_000 {
        province * 10_000_000 + serial
    } else {
        province * 100_000_000 + serial
    };
    matches!(province, 1..=53 | 66) && base % 97 == number(10..12)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn germany_tax_id_accepts_valid_numbers() {
        assert!(germany_tax_id(b"36574261809"));
        assert!(germany_tax_id(b"36 574 261 809"));
    }

    #[test]
    fn germany_tax_id_rejects_wrong_check_and_digit_pattern() {
        assert!(!germany_tax_id(b"36574261808"));
        assert!(!germany_tax_id(b"06574261809"));
        assert!(!germany_tax_id(b"12345678903"));
    }

    #[test]
    fn china_resident_id_checks_mod_11_2_and_date() {
        assert!(china_resident_id(b"11010519491231002X"));
        assert!(china_resident_id(b"11010519491231002x"));
        assert!(!china_resident_id(b"110105194912310021"));
        assert!(!china_resident_id(b"99010519491231002X"));
    }

    #[test]
    fn france_nir_checks_key_and_corsica() {
        assert!(france_nir(b"2 95 10 99 126 111 93"));
        assert!(france_nir(b"295109912611193"));
        assert!(!france_nir(b"295109912611194"));
        assert!(!france_nir(b"2951099126111"));
    }

    #[test]
    fn france_tax_id_checks_mod_511() {
        assert!(france_tax_id(b"3023217600053"));
        assert!(france_tax_id(b"30 23 217 600 053"));
        assert!(!france_tax_id(b"3023217600054"));
        assert!(!france_tax_id(b"5023217600053"));
    }

    #[test]
    fn spain_social_security_checks_control_digits_and_province() {
        assert!(spain_social_security(b"28/12345678/40"));
        assert!(spain_social_security(b"28 12345678 40"));
        assert!(spain_social_security(b"281234567840"));
        assert!(!spain_social_security(b"28/12345678/41"));
        assert!(!spain_social_security(b"99/12345678/68"));
        assert!(spain_social_security(b"28/01234567/42"));
    }
}
