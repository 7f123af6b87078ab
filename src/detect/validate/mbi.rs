//! US Medicare Beneficiary Identifier (MBI): 11 characters laid out by CMS position by position,
//! written compact or as 4-3-4 with dashes. There is no check digit; the layout is the check.
//! Invariant: every position holds its class (digit, letter or either), letters never S, L, O, I,
//! B or Z, and the first digit is never 0.

#[derive(Clone, Copy)]
enum Slot {
    /// 1-9.
    Leading,
    Digit,
    Letter,
    Either,
}

const LAYOUT: [Slot; 11] = [
    Slot::Leading,
    Slot::Letter,
    Slot::Either,
    Slot::Digit,
    Slot::Letter,
    Slot::Either,
    Slot::Digit,
    Slot::Letter,
    Slot::Letter,
    Slot::Digit,
    Slot::Digit,
];

/// CMS leaves out letters that read like digits (S, L, O, I, B, Z).
fn mbi_letter(byte: u8) -> bool {
    byte.is_ascii_uppercase() && !matches!(byte, b'S' | b'L' | b'O' | b'I' | b'B' | b'Z')
}

pub(super) fn us_mbi(value: &[u8]) -> bool {
    let mut chars = [0u8; 11];
    match value.len() {
        11 => chars.copy_from_slice(value),
        13 if value[4] == b'-' && value[8] == b'-' => {
            chars[..4].copy_from_slice(&value[..4]);
            chars[4..7].copy_from_slice(&value[5..8]);
            chars[7..].copy_from_slice(&value[9..]);
        }
        _ => return false,
    }
    chars.iter().zip(LAYOUT).all(|(&byte, slot)| match slot {
        Slot::Leading => matches!(byte, b'1'..=b'9'),
        Slot::Digit => byte.is_ascii_digit(),
        Slot::Letter => mbi_letter(byte),
        Slot::Either => byte.is_ascii_digit() || mbi_letter(byte),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_mbi_accepts_cms_layout_compact_and_dashed() {
        assert!(us_mbi(b"1EG4TE5MK73"));
        assert!(us_mbi(b"1EG4-TE5-MK73"));
        assert!(us_mbi(b"9A79C88DK00"));
    }

    #[test]
    fn us_mbi_rejects_excluded_letters() {
        assert!(!us_mbi(b"1SG4TE5MK73"));
        assert!(!us_mbi(b"1EG4TE5MO73"));
        assert!(!us_mbi(b"1EG4BE5MK73"));
    }

    #[test]
    fn us_mbi_rejects_wrong_class_in_a_position() {
        assert!(!us_mbi(b"0EG4TE5MK73"));
        assert!(!us_mbi(b"1EGATE5MK73"));
        assert!(!us_mbi(b"1EG4TE5M773"));
        assert!(!us_mbi(b"1eg4te5mk73"));
    }

    #[test]
    fn us_mbi_rejects_misplaced_dashes_and_lengths() {
        assert!(!us_mbi(b"1EG-4TE5-MK73"));
        assert!(!us_mbi(b"1EG4TE5MK7"));
        assert!(!us_mbi(b"1EG4-TE5MK73"));
    }
}
