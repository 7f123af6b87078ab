//! Weighted-sum check digits (mod 11 and mod 10) of national and taxpayer ids: Argentina CUIT/CUIL,
//! Chile RUT, Colombia NIT, Brazil CPF/CNPJ/RG, Australia TFN and Medicare, UK UTR, Netherlands BSN,
//! Japan My Number and Singapore NRIC/FIN. The algorithms follow python-stdnum where it has the id
//! (tests/data/stdnum/national_ids.jsonl holds its verdicts).
//! Invariant: separators are skipped only where the written form puts them; any other byte, or a
//! wrong count of digits, rejects the value before any arithmetic.

use super::{Digits, all_same};

fn weighted(digits: &[u8], weights: &[u32]) -> u32 {
    digits
        .iter()
        .zip(weights)
        .map(|(&digit, &weight)| u32::from(digit) * weight)
        .sum()
}

/// The CUIT/CUIL digits when the mod-11 check digit holds (AFIP's weights 5-4-3-2-7-6-5-4-3-2).
fn argentina_cuit_digits(value: &[u8]) -> Option<Digits<11>> {
    let digits = Digits::<11>::parse(value, b"- .")?;
    if digits.len() != 11 || all_same(&digits[2..10]) {
        return None;
    }
    let remainder = weighted(&digits[..10], &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11;
    // python-stdnum's table: remainder 0 gives 0, remainder 1 gives 9 (AFIP then changes the prefix).
    let check = match remainder {
        0 => 0,
        1 => 9,
        r => 11 - r,
    };
    (u32::from(digits[10]) == check).then_some(digits)
}

/// CUIL: a CUIT issued to a person (prefix 20, 23, 24 or 27).
pub(super) fn argentina_cuil(value: &[u8]) -> bool {
    argentina_cuit_digits(value).is_some_and(|d| matches!((d[0], d[1]), (2, 0 | 3 | 4 | 7)))
}

/// CUIT of an organisation (prefix 30, 33 or 34; 50, 51 or 55 for international entities).
pub(super) fn argentina_cuit(value: &[u8]) -> bool {
    argentina_cuit_digits(value).is_some_and(|d| matches!((d[0], d[1]), (3, 0 | 3 | 4) | (5, 0 | 1 | 5)))
}

/// Chile RUN/RUT: 7 or 8 digits (dots allowed), a dash, and a mod-11 check digit 0-9 or K.
pub(super) fn chile_rut(value: &[u8]) -> bool {
    let Some((&check, body)) = value.split_last() else {
        return false;
    };
    let body = body.strip_suffix(b"-").unwrap_or(body);
    let Some(digits) = Digits::<8>::parse(body, b".") else {
        return false;
    };
    if !(7..=8).contains(&digits.len()) || digits.iter().all(|&d| d == 0) {
        return false;
    }
    // Weights 9, 8, 7, 6, 5, 4 repeating from the right; the remainder is the check digit, 10 is K.
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| u32::from(d) * (9 - (i as u32 % 6)))
        .sum();
    let expected = b"0123456789K"[(sum % 11) as usize];
    check.to_ascii_uppercase() == expected
}

/// The NIT body (without its check digit) when the mod-11 check digit with DIAN's prime weights holds.
fn colombia_nit_body(value: &[u8]) -> Option<Digits<16>> {
    let digits = Digits::<16>::parse(value, b".- ")?;
    let (&check, body) = digits.split_last()?;
    if !(7..=15).contains(&body.len()) || all_same(body) {
        return None;
    }
    const WEIGHTS: [u32; 15] = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];
    let sum: u32 = body.iter().rev().zip(WEIGHTS).map(|(&d, w)| u32::from(d) * w).sum();
    let expected = [0, 1, 9, 8, 7, 6, 5, 4, 3, 2, 1][(sum % 11) as usize];
    (check == expected).then(|| {
        let mut out = Digits {
            values: [0; 16],
            len: 0,
        };
        out.values[..body.len()].copy_from_slice(body);
        out.len = body.len();
        out
    })
}

/// Whether a NIT body is a company's: nine digits starting with 8 or 9 (DIAN's legal-entity series).
fn organization_body(body: &[u8]) -> bool {
    body.len() == 9 && matches!(body[0], 8 | 9)
}

pub(super) fn colombia_nit_organization(value: &[u8]) -> bool {
    colombia_nit_body(value).is_some_and(|body| organization_body(&body))
}

/// A person's NIT: their cédula number (7 to 10 digits) and the check digit.
pub(super) fn colombia_nit_individual(value: &[u8]) -> bool {
    colombia_nit_body(value).is_some_and(|body| body.len() <= 10 && !organization_body(&body))
}

/// Brazil CPF: 11 digits with two mod-11 check digits.
pub(super) fn brazil_cpf(value: &[u8]) -> bool {
    let Some(digits) = Digits::<11>::parse(value, b".- ") else {
        return false;
    };
    if digits.len() != 11 || all_same(&digits) {
        return false;
    }
    let first = (11 - weighted(&digits[..9], &[10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11) % 11 % 10;
    let second = (11 - weighted(&digits[..10], &[11, 10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11) % 11 % 10;
    u32::from(digits[9]) == first && u32::from(digits[10]) == second
}

/// Brazil CNPJ: 12 characters (digits, or from 2026 also capital letters, valued as ASCII minus 48)
/// and two mod-11 check digits.
pub(super) fn brazil_cnpj(value: &[u8]) -> bool {
    let mut values = [0u32; 14];
    let mut len = 0;
    for &byte in value {
        if matches!(byte, b'.' | b'/' | b'-' | b' ') {
            continue;
        }
        let Some(slot) = values.get_mut(len) else {
            return false;
        };
        *slot = match byte {
            b'0'..=b'9' => u32::from(byte - b'0'),
            b'A'..=b'Z' if len < 12 => u32::from(byte) - 48,
            _ => return false,
        };
        len += 1;
    }
    if len != 14 || values[..12].iter().all(|&v| v == 0) || values.windows(2).all(|p| p[0] == p[1]) {
        return false;
    }
    let check = |prefix: &[u32], weights: &[u32]| -> u32 {
        let sum: u32 = prefix.iter().zip(weights).map(|(v, w)| v * w).sum();
        (11 - sum % 11) % 11 % 10
    };
    let first = check(&values[..12], &[5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
    let second = check(&values[..13], &[6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
    values[12] == first && values[13] == second
}

/// Brazil RG in the São Paulo form `12.345.678-9`: eight digits and a mod-11 check (weights 2-9,
/// 10 written X). Other states' RGs have no check digit and are not matched.
pub(super) fn brazil_rg(value: &[u8]) -> bool {
    let Some((&check, body)) = value.split_last() else {
        return false;
    };
    let body = body.strip_suffix(b"-").unwrap_or(body);
    let Some(digits) = Digits::<8>::parse(body, b".") else {
        return false;
    };
    if digits.len() != 8 || all_same(&digits) {
        return false;
    }
    let expected = match 11 - weighted(&digits, &[2, 3, 4, 5, 6, 7, 8, 9]) % 11 {
        11 => b'0',
        10 => b'X',
        digit => b'0' + digit as u8,
    };
    check.to_ascii_uppercase() == expected
}

/// Australian Tax File Number: 8 or 9 digits whose weighted sum is a multiple of 11.
pub(super) fn australia_tfn(value: &[u8]) -> bool {
    let Some(digits) = Digits::<9>::parse(value, b" -") else {
        return false;
    };
    (8..=9).contains(&digits.len())
        && !all_same(&digits)
        && weighted(&digits, &[1, 4, 3, 7, 5, 8, 6, 9, 10]).is_multiple_of(11)
}

/// Australian Medicare card number: 10 digits (first 2-6), the ninth a weighted mod-10 check of the
/// first eight, the tenth the card's issue number; an 11th digit (the person's reference) may follow.
pub(super) fn australia_medicare(value: &[u8]) -> bool {
    let Some(digits) = Digits::<11>::parse(value, b" -/") else {
        return false;
    };
    (10..=11).contains(&digits.len())
        && (2..=6).contains(&digits[0])
        && !all_same(&digits[..8])
        && weighted(&digits[..8], &[1, 3, 7, 9, 1, 3, 7, 9]) % 10 == u32::from(digits[8])
}

/// UK Unique Taxpayer Reference: 10 digits whose first digit is HMRC's mod-11 check of the other
/// nine; a trailing K (as on some Corporation Tax letters) is allowed.
pub(super) fn uk_utr(value: &[u8]) -> bool {
    let value = value.strip_suffix(b"K").unwrap_or(value);
    let Some(digits) = Digits::<10>::parse(value, b" ") else {
        return false;
    };
    if digits.len() != 10 || all_same(&digits) {
        return false;
    }
    let expected =
        [2, 1, 9, 8, 7, 6, 5, 4, 3, 2, 1][(weighted(&digits[1..], &[6, 7, 8, 9, 10, 5, 4, 3, 2]) % 11) as usize];
    digits[0] == expected
}

/// Netherlands BSN: 9 digits passing the 11-proef (weights 9 to 2, minus the last digit).
pub(super) fn netherlands_bsn(value: &[u8]) -> bool {
    let Some(digits) = Digits::<9>::parse(value, b". -") else {
        return false;
    };
    if digits.len() != 9 || all_same(&digits) {
        return false;
    }
    let sum = weighted(&digits[..8], &[9, 8, 7, 6, 5, 4, 3, 2]);
    (sum + 11 * 9 - u32::from(digits[8])).is_multiple_of(11)
}

/// Japan My Number (individual number): 12 digits, the last a mod-11 check of the first eleven.
pub(super) fn japan_my_number(value: &[u8]) -> bool {
    let Some(digits) = Digits::<12>::parse(value, b" -") else {
        return false;
    };
    if digits.len() != 12 || all_same(&digits) {
        return false;
    }
    let remainder = weighted(&digits[..11], &[6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11;
    let expected = if remainder <= 1 { 0 } else { 11 - remainder };
    u32::from(digits[11]) == expected
}

/// Singapore NRIC/FIN: S, T, F, G or M, seven digits and a check letter from the series' table.
pub(super) fn singapore_nric(value: &[u8]) -> bool {
    let [prefix, middle @ .., check] = value else {
        return false;
    };
    let Some(digits) = Digits::<7>::parse(middle, b"") else {
        return false;
    };
    if digits.len() != 7 {
        return false;
    }
    let sum = weighted(&digits, &[2, 7, 6, 5, 4, 3, 2]);
    let remainder = |offset: u32| ((sum + offset) % 11) as usize;
    let expected = match prefix.to_ascii_uppercase() {
        b'S' => b"JZIHGFEDCBA"[remainder(0)],
        b'T' => b"JZIHGFEDCBA"[remainder(4)],
        b'F' => b"XWUTRQPNMLK"[remainder(0)],
        b'G' => b"XWUTRQPNMLK"[remainder(4)],
        b'M' => b"XWUTRQPNJLK"[remainder(3)],
        _ => return false,
    };
    check.to_ascii_uppercase() == expected
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argentina_cuit_and_cuil_split_by_prefix() {
        assert!(argentina_cuil(b"20-12345678-6"));
        assert!(argentina_cuil(b"20123456786"));
        assert!(!argentina_cuit(b"20-12345678-6"));
        assert!(argentina_cuit(b"30-71234567-1"));
        assert!(!argentina_cuil(b"30-71234567-1"));
    }

    #[test]
    fn argentina_cuit_rejects_wrong_check_digit_and_length() {
        assert!(!argentina_cuil(b"20-12345678-5"));
        assert!(!argentina_cuil(b"20-1234567-6"));
        assert!(!argentina_cuit(b"30-00000000-7"));
    }

    #[test]
    fn chile_rut_accepts_dotted_and_k_forms() {
        assert!(chile_rut(b"12.345.678-5"));
        assert!(chile_rut(b"12345678-5"));
        assert!(chile_rut(b"7.654.321-6"));
        assert!(chile_rut(b"10.000.013-K"));
        assert!(chile_rut(b"10000013-k"));
    }

    #[test]
    fn chile_rut_rejects_wrong_check_and_all_zero() {
        assert!(!chile_rut(b"12.345.678-6"));
        assert!(!chile_rut(b"00.000.000-0"));
        assert!(!chile_rut(b"123456-0"));
    }

    #[test]
    fn colombia_nit_splits_companies_from_people() {
        assert!(colombia_nit_organization(b"890.903.938-8"));
        assert!(!colombia_nit_individual(b"890.903.938-8"));
        assert!(colombia_nit_individual(b"1.020.304.050-8"));
        assert!(!colombia_nit_organization(b"1.020.304.050-8"));
        assert!(!colombia_nit_individual(b"1.020.304.050-6"));
        assert!(!colombia_nit_organization(b"890.903.938-7"));
    }

    #[test]
    fn brazil_cpf_checks_both_digits() {
        assert!(brazil_cpf(b"390.533.447-05"));
        assert!(brazil_cpf(b"39053344705"));
        assert!(!brazil_cpf(b"390.533.447-04"));
        assert!(!brazil_cpf(b"390.533.447-15"));
        assert!(!brazil_cpf(b"111.111.111-11"));
    }

    #[test]
    fn brazil_cnpj_checks_numeric_and_alphanumeric_forms() {
        assert!(brazil_cnpj(b"11.222.333/0001-81"));
        assert!(brazil_cnpj(b"11222333000181"));
        assert!(!brazil_cnpj(b"11.222.333/0001-82"));
        assert!(brazil_cnpj(b"12.ABC.345/01DE-35"));
        assert!(!brazil_cnpj(b"00.000.000/0000-00"));
    }

    #[test]
    fn brazil_rg_checks_sao_paulo_digit() {
        assert!(brazil_rg(b"24.678.131-2"));
        assert!(brazil_rg(b"246781312"));
        assert!(!brazil_rg(b"24.678.131-4"));
        assert!(brazil_rg(b"10.000.006-X"));
        assert!(!brazil_rg(b"10.000.006-0"));
        assert!(!brazil_rg(b"11.111.111-1"));
    }

    #[test]
    fn australia_tfn_checks_weighted_sum() {
        assert!(australia_tfn(b"123 456 782"));
        assert!(australia_tfn(b"123456782"));
        assert!(!australia_tfn(b"123 456 783"));
        assert!(!australia_tfn(b"000 000 000"));
    }

    #[test]
    fn australia_medicare_checks_ninth_digit() {
        assert!(australia_medicare(b"2123 45670 1"));
        assert!(australia_medicare(b"21234567011"));
        assert!(australia_medicare(b"2123456701/1"));
        assert!(!australia_medicare(b"2123 45671 1"));
        assert!(!australia_medicare(b"7123 45670 1"));
    }

    #[test]
    fn uk_utr_checks_leading_digit() {
        assert!(uk_utr(b"1955839661"));
        assert!(uk_utr(b"19558 39661"));
        assert!(uk_utr(b"1955839661K"));
        assert!(!uk_utr(b"2955839661"));
        assert!(!uk_utr(b"195583966"));
    }

    #[test]
    fn netherlands_bsn_passes_eleven_test() {
        assert!(netherlands_bsn(b"111222333"));
        assert!(netherlands_bsn(b"1112.22.333"));
        assert!(!netherlands_bsn(b"111222334"));
        assert!(!netherlands_bsn(b"000000000"));
    }

    #[test]
    fn japan_my_number_checks_last_digit() {
        assert!(japan_my_number(b"1234 5678 9018"));
        assert!(!japan_my_number(b"1234 5678 9017"));
        assert!(!japan_my_number(b"1234 5678 901"));
    }

    #[test]
    fn singapore_nric_checks_letter_per_series() {
        assert!(singapore_nric(b"S1234567D"));
        assert!(singapore_nric(b"M1234567K"));
        assert!(singapore_nric(b"T0123456G"));
        assert!(singapore_nric(b"F1234567N"));
        assert!(singapore_nric(b"G7654321L"));
        assert!(!singapore_nric(b"S1234567E"));
        assert!(!singapore_nric(b"A1234567D"));
        assert!(!singapore_nric(b"S123456D"));
    }
}
