//! Verhoeff check digit (dihedral group D5): generic numbers and India's Aadhaar.
//! Invariant: folding the digits right to left through the permutation and multiplication tables ends
//! at 0, which catches every single-digit error and every adjacent transposition.

use super::Digits;

const SEPARATORS: &[u8] = b" -";

/// Multiplication table of the dihedral group D5.
const MULTIPLY: [[u8; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];

/// Position-dependent permutation: row `i % 8` applies to the i-th digit from the right.
const PERMUTE: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

fn verhoeff_is_valid(digits: &[u8]) -> bool {
    let check = digits.iter().rev().enumerate().fold(0, |check, (position, &digit)| {
        MULTIPLY[usize::from(check)][usize::from(PERMUTE[position % 8][usize::from(digit)])]
    });
    check == 0
}

pub(super) fn verhoeff(value: &[u8]) -> bool {
    Digits::<32>::parse(value, SEPARATORS).is_some_and(|digits| digits.len() >= 2 && verhoeff_is_valid(&digits))
}

pub(super) fn aadhaar(value: &[u8]) -> bool {
    let Some(digits) = Digits::<12>::parse(value, SEPARATORS) else {
        return false;
    };
    // UIDAI never issues numbers starting with 0 or 1, nor palindromes.
    let palindrome = digits.iter().eq(digits.iter().rev());
    digits.len() == 12 && digits[0] >= 2 && !palindrome && verhoeff_is_valid(&digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verhoeff_accepts_known_valid_numbers() {
        assert!(verhoeff(b"2363"));
        assert!(verhoeff(b"236"));
        assert!(verhoeff(b"23-63"));
    }

    #[test]
    fn verhoeff_rejects_single_digit_change() {
        assert!(!verhoeff(b"2364"));
    }

    #[test]
    fn verhoeff_rejects_adjacent_transposition() {
        assert!(!verhoeff(b"3263"));
    }

    #[test]
    fn verhoeff_rejects_single_digit_and_letters() {
        assert!(!verhoeff(b"0"));
        assert!(!verhoeff(b"23a63"));
    }

    #[test]
    fn aadhaar_accepts_valid_numbers() {
        assert!(aadhaar(b"234123412346"));
        assert!(aadhaar(b"2341 2341 2346"));
    }

    #[test]
    fn aadhaar_rejects_single_digit_change() {
        assert!(!aadhaar(b"234123412347"));
    }

    #[test]
    fn aadhaar_rejects_first_digit_0_or_1() {
        // Verhoeff-valid, but UIDAI numbers start 2-9.
        assert!(verhoeff(b"123412341234") && !aadhaar(b"123412341234"));
    }

    #[test]
    fn aadhaar_rejects_wrong_length() {
        assert!(!aadhaar(b"23412341234"));
        assert!(!aadhaar(b"2341234123467"));
    }
}
