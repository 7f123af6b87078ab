//! Postal codes: Brazil's CEP (8 digits, `01310-100`).
//! Invariant: no allocation; digits only where the format has them.

use super::{Digits, all_same};

/// Brazil CEP: 8 digits, written 01310-100, 01310100 or 01.310-100. The first digit is the region
/// (0 São Paulo metro to 9 the South); 00000-000 to 00999-999 are unassigned.
pub(super) fn brazil_cep(value: &[u8]) -> bool {
    let Some(digits) = Digits::<8>::parse(value, b".-") else {
        return false;
    };
    digits.len() == 8 && !all_same(&digits) && !(digits[0] == 0 && digits[1] == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brazil_cep_accepts_written_forms() {
        assert!(brazil_cep(b"01310-100"));
        assert!(brazil_cep(b"20040020"));
        assert!(brazil_cep(b"01.310-100"));
    }

    #[test]
    fn brazil_cep_rejects_unassigned_and_wrong_lengths() {
        assert!(!brazil_cep(b"00310-100"));
        assert!(!brazil_cep(b"11111-111"));
        assert!(!brazil_cep(b"01310-10"));
        assert!(!brazil_cep(b"01310-1000"));
        assert!(!brazil_cep(b"0131O-100"));
    }
}
