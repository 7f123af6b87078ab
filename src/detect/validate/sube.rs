//! Argentina's SUBE transport card (Sistema Único de Boleto Electrónico): 16 digits starting 6061
//! with a Luhn check digit, written compact or in groups of four split by spaces or hyphens.
//! Invariant: digits are read onto the stack; a mix of separators is refused.

use super::Digits;
use super::licences::luhn_digits;

pub(super) fn argentina_sube(value: &[u8]) -> bool {
    let Some(digits) = Digits::<16>::parse(value, b" -") else {
        return false;
    };
    let separators = value.iter().filter(|b| !b.is_ascii_digit());
    let consistent = separators.clone().all(|&b| b == b' ') || separators.clone().all(|&b| b == b'-');
    digits.len() == 16 && digits[..4] == [6, 0, 6, 1] && consistent && luhn_digits(&digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sube_accepts_the_three_written_forms() {
        assert!(argentina_sube(b"6061268446279412"));
        assert!(argentina_sube(b"6061 2684 4627 9412"));
        assert!(argentina_sube(b"6061-2684-4627-9412"));
    }

    #[test]
    fn sube_rejects_wrong_luhn_prefix_length_and_mixed_separators() {
        assert!(!argentina_sube(b"6061268446279413"));
        assert!(!argentina_sube(b"6062268446279411"));
        assert!(!argentina_sube(b"606126844627941"));
        assert!(!argentina_sube(b"6061 2684-4627 9412"));
    }
}
