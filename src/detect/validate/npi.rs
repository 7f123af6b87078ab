//! US National Provider Identifier (NPI): 10 digits, the first 1 or 2, whose last digit is a Luhn
//! check over the number prefixed with 80840 (the ISO 7812 health-industry issuer prefix).
//! Invariant: nothing passes unless `80840` followed by the ten digits is a valid Luhn number.

use super::Digits;
use super::luhn::luhn_sum_is_valid;

/// CMS assigns NPIs starting with 1 (individuals) or 2 (organisations); 80840 makes the Luhn number.
pub(super) fn us_npi(value: &[u8]) -> bool {
    let Some(digits) = Digits::<10>::parse(value, b"") else {
        return false;
    };
    if digits.len() != 10 || !matches!(digits[0], 1 | 2) {
        return false;
    }
    let mut full = [8, 0, 8, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    full[5..].copy_from_slice(&digits);
    luhn_sum_is_valid(&full)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_npi_accepts_cms_example_and_generated_numbers() {
        assert!(us_npi(b"1234567893"));
        assert!(us_npi(b"1245319599"));
        assert!(us_npi(b"2000000002"));
    }

    #[test]
    fn us_npi_rejects_single_digit_change() {
        assert!(!us_npi(b"1234567894"));
        assert!(!us_npi(b"1234567839"));
    }

    #[test]
    fn us_npi_rejects_other_first_digits_and_lengths() {
        // 3234567899 passes the prefixed Luhn sum but no NPI starts with 3.
        assert!(!us_npi(b"3234567899"));
        assert!(!us_npi(b"123456789"));
        assert!(!us_npi(b"12345678930"));
    }
}
