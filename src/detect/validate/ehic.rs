//! European Health Insurance Card numbers: the card's 20-digit identification number, an ISO/IEC
//! 7812 health-card number: 80 (the health industry), the issuing country's ISO 3166 numeric code,
//! then the issuer and the card serial. No check digit is published for it.
//! Invariant: 20 digits, `80` and the code of a country that issues the EHIC, and a serial part
//! that is not filler.

use super::Digits;

/// ISO 3166 numeric codes of the EU states, Iceland, Liechtenstein, Norway, Switzerland and the UK;
/// Finland (246) has its own Macie id and validator.
const EHIC_COUNTRIES: &[u16] = &[
    40, 56, 100, 191, 196, 203, 208, 233, 250, 276, 300, 348, 352, 372, 380, 428, 438, 440, 442, 470, 528, 578, 616,
    620, 642, 703, 705, 724, 752, 756, 826,
];

const FINLAND: u16 = 246;

fn card_digits(value: &[u8]) -> Option<Digits<20>> {
    Digits::<20>::parse(value, b" -").filter(|digits| digits.len() == 20 && digits[..2] == [8, 0])
}

fn country(digits: &[u8]) -> u16 {
    digits[2..5].iter().fold(0, |n, &d| n * 10 + u16::from(d))
}

/// The last ten digits (issuer and serial) are not one repeated digit or a straight run.
fn serial_is_real(digits: &[u8]) -> bool {
    let tail = &digits[10..];
    let same = tail.windows(2).all(|w| w[0] == w[1]);
    let ascending = tail.windows(2).all(|w| w[1] == (w[0] + 1) % 10);
    let descending = tail.windows(2).all(|w| w[0] == (w[1] + 1) % 10);
    !(same || ascending || descending)
}

pub(super) fn ehic_number(value: &[u8]) -> bool {
    card_digits(value).is_some_and(|digits| EHIC_COUNTRIES.contains(&country(&digits)) && serial_is_real(&digits))
}

/// Kela's cards: 80 246 80246 (Finland and Kela's issuer number) and ten more digits.
pub(super) fn finland_ehic(value: &[u8]) -> bool {
    card_digits(value).is_some_and(|digits| {
        country(&digits) == FINLAND && digits[5..10] == [8, 0, 2, 4, 6] && serial_is_real(&digits)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ehic_number_accepts_issuing_countries() {
        assert!(ehic_number(b"80276001234567381924"));
        assert!(ehic_number(b"8038 0001 9283 7465 1029"));
        assert!(ehic_number(b"80250-00039-47281-90563"));
    }

    #[test]
    fn ehic_number_rejects_other_countries_and_prefixes() {
        assert!(!ehic_number(b"80840001234567381924"));
        assert!(!ehic_number(b"81276001234567381924"));
        assert!(!ehic_number(b"80246802461234567890"));
    }

    #[test]
    fn ehic_number_rejects_filler_serials_and_lengths() {
        assert!(!ehic_number(b"80276000000000000000"));
        assert!(!ehic_number(b"80276000001234567890"));
        assert!(!ehic_number(b"8027600123456738192"));
    }

    #[test]
    fn finland_ehic_needs_kela_prefix() {
        assert!(finland_ehic(b"80246802460019283746"));
        assert!(finland_ehic(b"8024680246 0019283746"));
        assert!(!finland_ehic(b"80246802450019283746"));
        assert!(!finland_ehic(b"80246802460000000000"));
    }
}
