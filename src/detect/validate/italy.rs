//! Italy's codice fiscale for people: six letters from the names, birth year, month letter, day (plus
//! 40 for women), the municipality code, and a check letter from the odd/even position tables.
//! Digits may be replaced by the omocodia letters LMNPQRSTUV when two people would share a code.
//! Invariant: the value is exactly 16 ASCII characters, upper case, or it is rejected.

/// Check-letter values of characters in odd (1st, 3rd, ...) positions, for 0-9 then A-Z.
const ODD: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

const MONTHS: &[u8; 12] = b"ABCDEHLMPRST";

/// A digit position's value: a digit, or the omocodia letter standing for it.
fn omocodia_digit(byte: u8) -> Option<u32> {
    match byte {
        b'0'..=b'9' => Some(u32::from(byte - b'0')),
        _ => b"LMNPQRSTUV".iter().position(|&l| l == byte).map(|p| p as u32),
    }
}

pub(super) fn italy_codice_fiscale(value: &[u8]) -> bool {
    let Ok(code) = <&[u8; 16]>::try_from(value) else {
        return false;
    };
    let letter_at = [0, 1, 2, 3, 4, 5, 8, 11, 15];
    let digit_at = [6, 7, 9, 10, 12, 13, 14];
    if !letter_at.iter().all(|&i| code[i].is_ascii_uppercase()) {
        return false;
    }
    let mut values = [0u32; 7];
    for (slot, &i) in values.iter_mut().zip(&digit_at) {
        let Some(value) = omocodia_digit(code[i]) else {
            return false;
        };
        *slot = value;
    }
    let Some(month) = MONTHS.iter().position(|&m| m == code[8]) else {
        return false;
    };
    let two_digit_year = values[0] * 10 + values[1];
    // As python-stdnum: the century is the one that puts the year in 1920-2019.
    let year = if two_digit_year < 20 { 2000 } else { 1900 } + two_digit_year;
    let day = (values[2] * 10 + values[3]) % 40;
    if !super::birth_date::real_date(year, month as u32 + 1, day) {
        return false;
    }
    let sum: u32 = code[..15]
        .iter()
        .enumerate()
        .map(|(i, &byte)| {
            let index = if byte.is_ascii_digit() {
                usize::from(byte - b'0')
            } else {
                usize::from(byte - b'A')
            };
            // Digits and letters share the tables: 0 counts as A, 1 as B, and so on.
            if i % 2 == 0 { ODD[index] } else { index as u32 }
        })
        .sum();
    code[15] == b'A' + (sum % 26) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codice_fiscale_accepts_valid_codes() {
        assert!(italy_codice_fiscale(b"RCCMNL83S18D969H"));
        assert!(italy_codice_fiscale(b"MRTNTN23M02D969P"));
    }

    #[test]
    fn codice_fiscale_rejects_wrong_letter_and_date() {
        assert!(!italy_codice_fiscale(b"RCCMNL83S18D969G"));
        assert!(!italy_codice_fiscale(b"RCCMNL83S48D969H"));
        assert!(!italy_codice_fiscale(b"RCCMNL83S18D969"));
        assert!(!italy_codice_fiscale(b"rccmnl83s18d969h"));
    }
}
