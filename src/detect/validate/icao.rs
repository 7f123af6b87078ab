//! German identity card (Personalausweis) and passport (Reisepass) serial numbers: nine characters
//! from the Bundesdruckerei's alphabet (digits and CFGHJKLMNPRTVWXYZ, no vowels), optionally followed
//! by the ICAO 9303 check digit (weights 7-3-1, letters worth 10-35) as printed in the machine-readable
//! zone. Identity cards since November 2010 start with L-Y, passports with C-K.
//! Invariant: a tenth character is only ever accepted as a matching check digit.

const ALPHABET: &[u8] = b"0123456789CFGHJKLMNPRTVWXYZ";

/// ICAO 9303 check digit of `chars` (digits and capital letters).
fn icao_check(chars: &[u8]) -> Option<u8> {
    let mut sum = 0u32;
    for (&byte, weight) in chars.iter().zip([7u32, 3, 1].iter().cycle()) {
        let value = match byte {
            b'0'..=b'9' => u32::from(byte - b'0'),
            b'A'..=b'Z' => u32::from(byte - b'A') + 10,
            _ => return None,
        };
        sum += value * weight;
    }
    Some((sum % 10) as u8)
}

fn german_serial(value: &[u8], first_letters: &[u8]) -> bool {
    let (serial, check) = match value.len() {
        9 => (value, None),
        10 => (&value[..9], Some(value[9])),
        _ => return false,
    };
    if !first_letters.contains(&serial[0]) || !serial[1..].iter().all(|b| ALPHABET.contains(b)) {
        return false;
    }
    // A serial needs digits: nine letters are a word, not a document number.
    if serial.iter().filter(|b| b.is_ascii_digit()).count() < 2 {
        return false;
    }
    match check {
        None => true,
        Some(check) => icao_check(serial).is_some_and(|expected| check == b'0' + expected),
    }
}

pub(super) fn germany_id_card(value: &[u8]) -> bool {
    german_serial(value, b"LMNPRTVWXY")
}

pub(super) fn germany_passport(value: &[u8]) -> bool {
    german_serial(value, b"CFGHJK")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icao_check_matches_published_specimen() {
        // The Bundesdruckerei's specimen identity card: T22000129, check digit 3.
        assert_eq!(icao_check(b"T22000129"), Some(3));
    }

    #[test]
    fn germany_id_card_accepts_serial_with_or_without_check() {
        assert!(germany_id_card(b"T22000129"));
        assert!(germany_id_card(b"T220001293"));
        assert!(germany_id_card(b"L01X00T47"));
    }

    #[test]
    fn germany_id_card_rejects_wrong_check_and_alphabet() {
        assert!(!germany_id_card(b"T220001294"));
        assert!(!germany_id_card(b"T2200A129"));
        assert!(!germany_id_card(b"C01X00T47"));
        assert!(!germany_id_card(b"LMNPRTVWX"));
    }

    #[test]
    fn germany_passport_takes_c_to_k_series() {
        assert!(germany_passport(b"C01X00T47"));
        assert!(!germany_passport(b"T22000129"));
    }
}
