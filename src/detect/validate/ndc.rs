//! US National Drug Codes: labeler, product and package segments, written 4-4-2, 5-3-2 or 5-4-1
//! (the FDA's 10-digit forms), 5-4-2 (the 11-digit billing form), or 11 digits compact. There
//! is no check digit. Invariant: the segment lengths are one of those forms and neither the labeler
//! nor the product segment is all zeros; a number of one repeated digit is filler.

use super::{Digits, all_same};

const FORMS: &[[usize; 3]] = &[[4, 4, 2], [5, 3, 2], [5, 4, 1], [5, 4, 2]];

pub(super) fn us_ndc(value: &[u8]) -> bool {
    let Some(digits) = Digits::<11>::parse(value, b"-") else {
        return false;
    };
    if all_same(&digits) {
        return false;
    }
    let mut lengths = [0usize; 3];
    let mut segment = 0;
    for &byte in value {
        if byte == b'-' {
            segment += 1;
            if segment > 2 {
                return false;
            }
        } else {
            lengths[segment] += 1;
        }
    }
    let layout = match segment {
        0 if digits.len() == 11 => [5, 4, 2],
        2 if FORMS.contains(&lengths) => lengths,
        _ => return false,
    };
    let (labeler, rest) = digits.split_at(layout[0]);
    let product = &rest[..layout[1]];
    labeler.iter().any(|&d| d != 0) && product.iter().any(|&d| d != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_ndc_accepts_the_fda_and_billing_forms() {
        assert!(us_ndc(b"0002-1433-80"));
        assert!(us_ndc(b"50242-040-62"));
        assert!(us_ndc(b"60575-4112-1"));
        assert!(us_ndc(b"00002-1433-80"));
        assert!(us_ndc(b"00002143380"));
    }

    #[test]
    fn us_ndc_rejects_other_segment_lengths() {
        assert!(!us_ndc(b"002-1433-80"));
        assert!(!us_ndc(b"0002-14338-0"));
        assert!(!us_ndc(b"0002-1433-80-1"));
        assert!(!us_ndc(b"000214338"));
        // Ten compact digits do not say which form they are.
        assert!(!us_ndc(b"0002143380"));
    }

    #[test]
    fn us_ndc_rejects_zero_segments_and_filler() {
        assert!(!us_ndc(b"0000-1433-80"));
        assert!(!us_ndc(b"50242-000-62"));
        assert!(!us_ndc(b"11111-1111-11"));
    }
}
