//! US taxpayer numbers in the AAA-GG-SSSS shape: Social Security numbers and ITINs. Neither has a
//! check digit, so the checks are the values the SSA and IRS never issue.
//! Invariant: the value is nine digits, unbroken or split 3-2-4 by one repeated separator (- or space).

/// The area, group and serial of an AAA-GG-SSSS value, or None when the shape is wrong.
fn parts(value: &[u8]) -> Option<(u32, u32, u32)> {
    let (area, group, serial) = match value.len() {
        9 => (&value[..3], &value[3..5], &value[5..]),
        // Mixed separators (123-45 6789) are a sign of two numbers run together, not one SSN.
        11 if value[3] == value[6] && matches!(value[3], b'-' | b' ') => (&value[..3], &value[4..6], &value[7..]),
        _ => return None,
    };
    Some((number(area)?, number(group)?, number(serial)?))
}

fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0, |number, &byte| {
        byte.is_ascii_digit().then(|| number * 10 + u32::from(byte - b'0'))
    })
}

pub(super) fn us_ssn(value: &[u8]) -> bool {
    let Some((area, group, serial)) = parts(value) else {
        return false;
    };
    // Numbers the SSA voided after they were printed in advertising (the Woolworth wallet card, an SSA leaflet).
    let voided = matches!((area, group, serial), (78, 5, 1120) | (219, 9, 9999));
    area != 0 && area != 666 && area < 900 && group != 0 && serial != 0 && !voided && !placeholder(value)
}

/// A dummy number typed by hand: each of the three groups is one digit repeated or a run of
/// consecutive digits (111-22-3333, 123-45-9999, 555-55-5555). The SSA's own example 123-45-6789
/// has that shape too but is left to the detector's `test_values`, which report it as a test
/// value. A real number has this shape about once in 200,000.
fn placeholder(value: &[u8]) -> bool {
    let digits = |range: std::ops::Range<usize>| {
        value
            .iter()
            .filter(|b| b.is_ascii_digit())
            .skip(range.start)
            .take(range.len())
    };
    let run = |range: std::ops::Range<usize>| {
        let mut group = digits(range);
        let Some(first) = group.next() else {
            return false;
        };
        let (mut same, mut up, mut down, mut previous) = (true, true, true, *first);
        for &digit in group {
            same &= digit == previous;
            up &= digit == previous + 1;
            down &= digit + 1 == previous;
            previous = digit;
        }
        same || up || down
    };
    let published = digits(0..9).eq(b"123456789".iter());
    !published && run(0..3) && run(3..5) && run(5..9)
}

pub(super) fn us_itin(value: &[u8]) -> bool {
    let Some((area, group, _serial)) = parts(value) else {
        return false;
    };
    // The IRS issues ITINs only with these group numbers; 93 is reserved for other uses.
    area >= 900 && matches!(group, 50..=65 | 70..=88 | 90..=92 | 94..=99)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_ssn_accepts_each_written_form() {
        assert!(us_ssn(b"536-90-4399"));
        assert!(us_ssn(b"536 90 4399"));
        assert!(us_ssn(b"536904399"));
    }

    #[test]
    fn us_ssn_rejects_never_issued_areas() {
        assert!(!us_ssn(b"000-12-3456"));
        assert!(!us_ssn(b"666-12-3456"));
        assert!(!us_ssn(b"912-34-5678"));
    }

    #[test]
    fn us_ssn_rejects_zero_group_or_serial() {
        assert!(!us_ssn(b"123-00-4567"));
        assert!(!us_ssn(b"123-45-0000"));
    }

    #[test]
    fn us_ssn_rejects_mixed_separators() {
        assert!(!us_ssn(b"123-45 6789"));
        assert!(!us_ssn(b"123.45.6789"));
    }

    #[test]
    fn us_ssn_rejects_voided_advertising_numbers() {
        assert!(!us_ssn(b"078-05-1120"));
        assert!(!us_ssn(b"219-09-9999"));
    }

    #[test]
    fn us_ssn_rejects_hand_typed_dummies() {
        assert!(!us_ssn(b"111-22-3333"));
        assert!(!us_ssn(b"123-45-9999"));
        assert!(!us_ssn(b"555 55 5555"));
        assert!(!us_ssn(b"321-54-4321"));
        // The SSA's example stays valid: the detector reports it as a test value.
        assert!(us_ssn(b"123-45-6789"));
        // One group that is no run is enough for a real number.
        assert!(us_ssn(b"111-22-3343"));
        assert!(us_ssn(b"548-52-4177"));
    }

    #[test]
    fn us_ssn_rejects_wrong_shape() {
        assert!(!us_ssn(b"53-690-4399"));
        assert!(!us_ssn(b"5369043990"));
        assert!(!us_ssn(b"536-9a-4399"));
    }

    #[test]
    fn us_itin_accepts_assigned_groups() {
        assert!(us_itin(b"912-70-1234"));
        assert!(us_itin(b"900 50 0000"));
        assert!(us_itin(b"999991234"));
    }

    #[test]
    fn us_itin_rejects_unassigned_groups() {
        assert!(!us_itin(b"912-93-1234"));
        assert!(!us_itin(b"912-89-1234"));
        assert!(!us_itin(b"912-49-1234"));
    }

    #[test]
    fn us_itin_rejects_area_below_900() {
        assert!(!us_itin(b"812-70-1234"));
    }
}
