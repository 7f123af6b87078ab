//! Vehicle identification numbers (ISO 3779): 17 characters without I, O or Q. The ninth is a check
//! digit under the North American rule (49 CFR 565), which China's standard also adopted; European
//! and most other manufacturers may put any character there, so elsewhere the structure alone decides.
//! Invariant: only the 17 bytes are read; nothing allocates.

/// The North American transliteration of a VIN character, None for I, O, Q and anything else.
fn value_of(c: u8) -> Option<u32> {
    Some(match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A'..=b'H' => u32::from(c - b'A') + 1,
        b'J'..=b'N' => u32::from(c - b'J') + 1,
        b'P' => 7,
        b'R' => 9,
        b'S'..=b'Z' => u32::from(c - b'S') + 2,
        _ => return None,
    })
}

const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/// The check character position 9 must hold under the North American rule.
fn check_character(vin: &[u8; 17]) -> Option<u8> {
    let mut sum = 0;
    for (&c, weight) in vin.iter().zip(WEIGHTS) {
        sum += value_of(c)? * weight;
    }
    Some(match sum % 11 {
        10 => b'X',
        digit => b'0' + digit as u8,
    })
}

/// Whether the manufacturer's region must carry the check digit: North America (1-5) and China (L).
fn check_digit_required(first: u8) -> bool {
    matches!(first, b'1'..=b'5' | b'L')
}

pub(super) fn vin(value: &[u8]) -> bool {
    let Ok(vin) = <&[u8; 17]>::try_from(value) else {
        return false;
    };
    let Some(check) = check_character(vin) else {
        return false;
    };
    // ISO 3779: the last four characters of the vehicle indicator section are numeric; a region code
    // never starts with 0; a VIN without a letter is some other 17-digit number.
    let structure = vin[13..].iter().all(u8::is_ascii_digit)
        && vin[0] != b'0'
        && vin.iter().any(u8::is_ascii_uppercase)
        && !vin.windows(2).all(|pair| pair[0] == pair[1]);
    structure && (!check_digit_required(vin[0]) || vin[8] == check)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vin_accepts_north_american_numbers_with_their_check_digit() {
        assert!(vin(b"1HGCM82633A004352"));
        assert!(vin(b"1M8GDM9AXKP042788"), "check digit X");
        assert!(vin(b"2T1BURHE0JC014702"));
    }

    #[test]
    fn vin_rejects_a_wrong_north_american_or_chinese_check_digit() {
        assert!(!vin(b"1HGCM82643A004352"));
        assert!(!vin(b"5YJ3E1EA7KF317455"));
        assert!(!vin(b"LSVAU033512345678"));
        assert!(vin(b"LSVAU033612345678"));
    }

    #[test]
    fn vin_accepts_european_numbers_without_a_check_digit() {
        assert!(vin(b"WVWZZZ1JZXW000001"));
        assert!(vin(b"VF1RFB00X55123456"));
    }

    #[test]
    fn vin_rejects_excluded_letters_and_bad_structure() {
        assert!(!vin(b"WVWZZZ1JZXW00000I"), "I");
        assert!(!vin(b"1HGCM82633A0O4352"), "O");
        assert!(!vin(b"WVWZZZ1JZXW0000A1"), "letter in the last four");
        assert!(!vin(b"12345678901234567"), "no letter");
        assert!(!vin(b"0HGCM82633A004352"), "region 0");
        assert!(!vin(b"1hgcm82633a004352"), "lower case");
        assert!(!vin(b"1HGCM82633A00435"), "16 characters");
    }
}
