//! National bank account numbers: the BBAN (ISO 13616) of France, Germany, Italy, Spain and the UK,
//! the UK's domestic sort code and account number, and US/Canadian account numbers.
//! Invariant: a BBAN is accepted only in its national shape and never with an IBAN's country code
//! and check digits in front (the IBAN detector reports those); where the country has national
//! check digits (French RIB key, Italian CIN, Spanish DC) they must be right.

use super::Digits;
use super::iban::Compact;

/// Longest BBAN handled (Italy and France: 23 characters).
const MAX_LEN: usize = 23;

/// The BBAN without separators (space, hyphen), upper-cased. None when another byte appears, when
/// the value is too long, or when it starts with an IBAN's country code and check digits.
fn compact_bban(value: &[u8]) -> Option<Compact> {
    let compact = Compact::parse(value)?;
    let text = compact.as_slice();
    let iban_head =
        text.len() >= 4 && text[..2].iter().all(u8::is_ascii_uppercase) && text[2..4].iter().all(u8::is_ascii_digit);
    (text.len() <= MAX_LEN && !iban_head).then_some(compact)
}

fn all_digits(text: &[u8]) -> bool {
    text.iter().all(u8::is_ascii_digit)
}

fn all_zero(text: &[u8]) -> bool {
    text.iter().all(|&b| b == b'0')
}

/// Remainder modulo `m` of the decimal number `digits` (ASCII), read digit by digit.
fn remainder(digits: &[u8], m: u64) -> u64 {
    digits.iter().fold(0, |r, &d| (r * 10 + u64::from(d - b'0')) % m)
}

/// France (RIB): bank 5 digits, branch 5 digits, account 11 letters or digits, key 2 digits with
/// `97 - (89 * bank + 15 * branch + 3 * account) mod 97`, letters in the account read as digits
/// (A-I 1-9, J-R 1-9, S-Z 2-9).
pub(super) fn fr_bban(value: &[u8]) -> bool {
    let Some(compact) = compact_bban(value) else {
        return false;
    };
    let text = compact.as_slice();
    if text.len() != 23 || !all_digits(&text[..10]) || !all_digits(&text[21..]) {
        return false;
    }
    let (bank, branch, account, key) = (&text[..5], &text[5..10], &text[10..21], &text[21..]);
    let mut account_digits = [0u8; 11];
    for (slot, &char) in account_digits.iter_mut().zip(account) {
        *slot = match char {
            b'0'..=b'9' => char,
            b'A'..=b'I' => b'1' + (char - b'A'),
            b'J'..=b'R' => b'1' + (char - b'J'),
            _ => b'2' + (char - b'S'),
        };
    }
    let sum = 89 * remainder(bank, 97) + 15 * remainder(branch, 97) + 3 * remainder(&account_digits, 97);
    let expected = 97 - sum % 97;
    !all_zero(bank) && !all_zero(account) && remainder(key, 100) == expected
}

/// Germany: Bankleitzahl (8 digits, first digit 1-8: the clearing area) and account number (10
/// digits). The account check digit follows one of the Bundesbank's 150-odd bank-specific methods,
/// which are not applied.
pub(super) fn de_bban(value: &[u8]) -> bool {
    let Some(compact) = compact_bban(value) else {
        return false;
    };
    let text = compact.as_slice();
    text.len() == 18 && all_digits(text) && (b'1'..=b'8').contains(&text[0]) && !all_zero(&text[8..])
}

/// Italy: CIN (check letter), ABI bank code (5 digits), CAB branch code (5 digits), account (12
/// letters or digits). The CIN is the sum over the 22 characters after it, odd positions through
/// the odd-position table (as the codice fiscale's check letter), even positions at face value
/// (digits 0-9, letters A=0 ... Z=25), modulo 26, as a letter.
pub(super) fn it_bban(value: &[u8]) -> bool {
    const ODD: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
    ];
    let Some(compact) = compact_bban(value) else {
        return false;
    };
    let text = compact.as_slice();
    if text.len() != 23 || !text[0].is_ascii_uppercase() || !all_digits(&text[1..11]) {
        return false;
    }
    let sum: u32 = text[1..]
        .iter()
        .enumerate()
        .map(|(index, &char)| {
            let face = if char.is_ascii_digit() {
                char - b'0'
            } else {
                char - b'A'
            };
            if index % 2 == 0 {
                ODD[usize::from(face)]
            } else {
                u32::from(face)
            }
        })
        .sum();
    !all_zero(&text[11..]) && u32::from(text[0] - b'A') == sum % 26
}

/// Spain (CCC): entity (4), office (4), two check digits, account (10). The first check digit
/// covers `00` + entity + office, the second the account, each `11 - weighted sum mod 11` with
/// weights 1, 2, 4, 8, 5, 10, 9, 7, 3, 6 (11 becomes 0, 10 becomes 1).
pub(super) fn es_bban(value: &[u8]) -> bool {
    let Some(compact) = compact_bban(value) else {
        return false;
    };
    let text = compact.as_slice();
    if text.len() != 20 || !all_digits(text) {
        return false;
    }
    let check = |digits: &[u8]| -> u8 {
        const WEIGHTS: [u32; 10] = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
        let offset = WEIGHTS.len() - digits.len();
        let sum: u32 = digits
            .iter()
            .zip(&WEIGHTS[offset..])
            .map(|(&digit, &weight)| u32::from(digit - b'0') * weight)
            .sum();
        match 11 - sum % 11 {
            11 => 0,
            10 => 1,
            digit => digit as u8,
        }
    };
    !all_zero(&text[10..]) && check(&text[..8]) == text[8] - b'0' && check(&text[10..]) == text[9] - b'0'
}

/// UK: the BBAN (bank code of 4 letters, sort code 6 digits, account 8 digits), or the domestic
/// form `60-16-13 31926819` (sort code with hyphens, then the account number). Sort codes 00-00-00
/// and accounts of zeros are placeholders. Vocalink's modulus checking needs its per-sort-code
/// tables and is not applied.
pub(super) fn uk_bank_account(value: &[u8]) -> bool {
    if let Some(sort_code) = value.get(..8)
        && sort_code[2] == b'-'
        && sort_code[5] == b'-'
    {
        let Some(digits) = Digits::<14>::parse(value, b" -,/") else {
            return false;
        };
        return digits.len() == 14 && digits[..6].iter().any(|&d| d != 0) && digits[6..].iter().any(|&d| d != 0);
    }
    let Some(compact) = compact_bban(value) else {
        return false;
    };
    let text = compact.as_slice();
    text.len() == 18
        && text[..4].iter().all(u8::is_ascii_uppercase)
        && all_digits(&text[4..])
        && !all_zero(&text[4..10])
        && !all_zero(&text[10..])
}

/// US and Canadian account numbers: 9-17 digits with no separators (Macie's rule). Filler (one
/// digit repeated, 123456789...) is refused, and so is a 9-digit value that is a valid ABA routing
/// number, which sits next to account numbers in the same forms.
pub(super) fn us_bank_account(value: &[u8]) -> bool {
    let Some(digits) = Digits::<17>::parse(value, b"") else {
        return false;
    };
    let ascending = digits.windows(2).all(|pair| pair[1] == (pair[0] + 1) % 10);
    let routing_number = digits.len() == 9 && super::aba::aba_routing(value);
    (9..=17).contains(&digits.len()) && !super::all_same(&digits) && !ascending && !routing_number
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fr_bban_accepts_rib_keys() {
        // The BBAN of the registry's French example IBAN FR1420041010050500013M02606.
        assert!(fr_bban(b"20041010050500013M02606"));
        assert!(fr_bban(b"20041 01005 0500013M026 06"));
        assert!(fr_bban(b"2004-1010-0505-0001-3M02-606"));
        assert!(fr_bban(b"30006000011234567890189"));
    }

    #[test]
    fn fr_bban_rejects_wrong_key_or_shape() {
        assert!(!fr_bban(b"20041010050500013M02607"));
        assert!(!fr_bban(b"2004101005050013M02606"));
        assert!(!fr_bban(b"FR1420041010050500013M02606"));
    }

    #[test]
    fn de_bban_accepts_blz_and_account() {
        assert!(de_bban(b"370400440532013000"));
        assert!(de_bban(b"3704 0044 0532 0130 00"));
    }

    #[test]
    fn de_bban_rejects_bad_clearing_area_length_and_iban() {
        assert!(!de_bban(b"970400440532013000"));
        assert!(!de_bban(b"37040044053201300"));
        assert!(!de_bban(b"DE89370400440532013000"));
        assert!(!de_bban(b"370400440000000000"));
    }

    #[test]
    fn it_bban_accepts_cin() {
        // From the registry's Italian example IBAN IT60X0542811101000000123456.
        assert!(it_bban(b"X0542811101000000123456"));
        assert!(it_bban(b"X 05428 11101 000000123456"));
    }

    #[test]
    fn it_bban_rejects_wrong_cin() {
        assert!(!it_bban(b"Y0542811101000000123456"));
        assert!(!it_bban(b"X0542811101000000123457"));
        assert!(!it_bban(b"IT60X0542811101000000123456"));
    }

    #[test]
    fn es_bban_accepts_ccc_check_digits() {
        // From the registry's Spanish example IBAN ES9121000418450200051332.
        assert!(es_bban(b"21000418450200051332"));
        assert!(es_bban(b"2100 0418 45 0200051332"));
    }

    #[test]
    fn es_bban_rejects_wrong_check_digits() {
        assert!(!es_bban(b"21000418460200051332"));
        assert!(!es_bban(b"21000418450200051333"));
        assert!(!es_bban(b"ES9121000418450200051332"));
    }

    #[test]
    fn uk_bank_account_accepts_bban_and_domestic_form() {
        assert!(uk_bank_account(b"NWBK60161331926819"));
        assert!(uk_bank_account(b"NWBK 6016 1331 9268 19"));
        assert!(uk_bank_account(b"NWBK-6016-1331-9268-19"));
        assert!(uk_bank_account(b"60-16-13 31926819"));
    }

    #[test]
    fn uk_bank_account_rejects_placeholders_and_iban() {
        assert!(!uk_bank_account(b"00-00-00 31926819"));
        assert!(!uk_bank_account(b"60-16-13 00000000"));
        assert!(!uk_bank_account(b"60-16-13 3192681"));
        assert!(!uk_bank_account(b"GB29NWBK60161331926819"));
        assert!(!uk_bank_account(b"NWB160161331926819"));
    }

    #[test]
    fn us_bank_account_accepts_9_to_17_digits() {
        assert!(us_bank_account(b"000123456789"));
        assert!(us_bank_account(b"4829103377"));
        assert!(us_bank_account(b"40981236650012345"));
    }

    #[test]
    fn us_bank_account_rejects_filler_routing_numbers_and_lengths() {
        assert!(!us_bank_account(b"11111111111"));
        assert!(!us_bank_account(b"123456789"));
        assert!(!us_bank_account(b"021000021"));
        assert!(!us_bank_account(b"12345678"));
        assert!(!us_bank_account(b"123456789012345678"));
        assert!(!us_bank_account(b"1234-5678-90"));
    }
}
