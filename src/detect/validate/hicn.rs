//! US Health Insurance Claim Number (HICN), the Medicare number before the MBI: the account
//! holder's Social Security number and a Beneficiary Identification Code (BIC) of one letter and,
//! for some codes, a digit or letter. Invariant: the nine digits pass the SSA's structural rules
//! (area not 000, 666 or 9xx; group not 00; serial not 0000) and the BIC starts with a letter CMS uses.

use super::Digits;

/// First letters of CMS's BICs (A wage earner, B/D/E/W spouses and widows, C child, F parent, ...).
const BIC_FIRST: &[u8] = b"ABCDEFGHJKMTW";

pub(super) fn us_hicn(value: &[u8]) -> bool {
    let Some(split) = value.iter().position(u8::is_ascii_alphabetic) else {
        return false;
    };
    let (number, bic) = value.split_at(split);
    let number = number.strip_suffix(b" ").unwrap_or(number);
    let Some(digits) = Digits::<9>::parse(number, b"- ") else {
        return false;
    };
    if digits.len() != 9 || !ssn_structure(&digits) || !consistent_separators(number) {
        return false;
    }
    match bic {
        [first] => BIC_FIRST.contains(first) && !matches!(first, b'C' | b'F'),
        [first, second] => BIC_FIRST.contains(first) && (matches!(second, b'1'..=b'9') || second.is_ascii_uppercase()),
        _ => false,
    }
}

fn ssn_structure(digits: &[u8]) -> bool {
    let area = u32::from(digits[0]) * 100 + u32::from(digits[1]) * 10 + u32::from(digits[2]);
    area != 0 && area != 666 && area < 900 && digits[3..5] != [0, 0] && digits[5..9] != [0, 0, 0, 0]
}

/// 123456789, 123-45-6789 or 123 45 6789: one separator kind, in SSN places, or none.
fn consistent_separators(number: &[u8]) -> bool {
    match number.len() {
        9 => true,
        11 => number[3] == number[6] && matches!(number[3], b'-' | b' '),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_hicn_accepts_ssn_and_bic() {
        assert!(us_hicn(b"123456789A"));
        assert!(us_hicn(b"123-45-6789A"));
        assert!(us_hicn(b"512 38 4401 B2"));
        assert!(us_hicn(b"512384401C1"));
    }

    #[test]
    fn us_hicn_rejects_impossible_ssn_parts() {
        assert!(!us_hicn(b"000456789A"));
        assert!(!us_hicn(b"666456789A"));
        assert!(!us_hicn(b"912456789A"));
        assert!(!us_hicn(b"123006789A"));
        assert!(!us_hicn(b"123450000A"));
    }

    #[test]
    fn us_hicn_rejects_unknown_or_missing_bic() {
        assert!(!us_hicn(b"123456789"));
        assert!(!us_hicn(b"123456789Z"));
        assert!(!us_hicn(b"123456789C"));
        assert!(!us_hicn(b"123456789A12"));
    }

    #[test]
    fn us_hicn_rejects_mixed_separators() {
        assert!(!us_hicn(b"123-45 6789A"));
        assert!(!us_hicn(b"12-345-6789A"));
    }
}
