//! Labelled corpus files for the catalogue's national ids, taxpayer ids, passports, residence and social-security numbers, with the ids beyond Macie's catalogue.
//! Files go under `core/national_ids/`; every id in `DETECTORS` needs at least `MIN_PLANTED` planted values.
//!
//! Every checksum is computed again here (never by calling the crate), so a slip in a validator
//! shows up as a miss instead of being copied into the labels. Decoys are the same shapes with a
//! failing check next to the keyword, and valid-looking numbers 30+ characters from any keyword
//! (order numbers, ticket references).

use super::{Doc, Fake, Generate, luhn_valid, plant, plant_each};

const AR_DNI: &str = "ARGENTINA_DNI_NUMBER";
const AR_CUIL: &str = "ARGENTINA_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER";
const AR_CUIT: &str = "ARGENTINA_ORGANIZATION_TAX_IDENTIFICATION_NUMBER";
const BR_CPF: &str = "BRAZIL_CPF_NUMBER";
const BR_CNPJ: &str = "BRAZIL_CNPJ_NUMBER";
const BR_RG: &str = "BRAZIL_RG_NUMBER";
const CL_RUT: &str = "CHILE_RUT_NUMBER";
const CO_CEDULA: &str = "COLOMBIA_CITIZENSHIP_CARD_NUMBER";
const CO_NIT_PERSON: &str = "COLOMBIA_INDIVIDUAL_NIT_NUMBER";
const CO_NIT_COMPANY: &str = "COLOMBIA_ORGANIZATION_NIT_NUMBER";
const MX_CURP: &str = "MEXICO_CURP_NUMBER";
const MX_RFC_PERSON: &str = "MEXICO_INDIVIDUAL_RFC_NUMBER";
const MX_RFC_COMPANY: &str = "MEXICO_ORGANIZATION_RFC_NUMBER";
const FR_NIR: &str = "FRANCE_NATIONAL_IDENTIFICATION_NUMBER";
const FR_TAX: &str = "FRANCE_TAX_IDENTIFICATION_NUMBER";
const DE_ID: &str = "GERMANY_NATIONAL_IDENTIFICATION_NUMBER";
const DE_TAX: &str = "GERMANY_TAX_IDENTIFICATION_NUMBER";
const IT_CF: &str = "ITALY_NATIONAL_IDENTIFICATION_NUMBER";
const ES_DNI: &str = "SPAIN_DNI_NUMBER";
const ES_NIE: &str = "SPAIN_NIE_NUMBER";
const ES_NIF: &str = "SPAIN_NIF_NUMBER";
const ES_CIF: &str = "SPAIN_TAX_IDENTIFICATION_NUMBER";
const ES_NSS: &str = "SPAIN_SOCIAL_SECURITY_NUMBER";
const IN_AADHAAR: &str = "INDIA_AADHAAR_NUMBER";
const IN_PAN: &str = "INDIA_PERMANENT_ACCOUNT_NUMBER";
const AU_TFN: &str = "AUSTRALIA_TAX_FILE_NUMBER";
const UK_UTR: &str = "UK_TAX_IDENTIFICATION_NUMBER";
const CA_PR: &str = "CANADA_NATIONAL_IDENTIFICATION_NUMBER";
const US_PASSPORT: &str = "USA_PASSPORT_NUMBER";
const UK_PASSPORT: &str = "UK_PASSPORT_NUMBER";
const CA_PASSPORT: &str = "CANADA_PASSPORT_NUMBER";
const FR_PASSPORT: &str = "FRANCE_PASSPORT_NUMBER";
const DE_PASSPORT: &str = "GERMANY_PASSPORT_NUMBER";
const IT_PASSPORT: &str = "ITALY_PASSPORT_NUMBER";
const ES_PASSPORT: &str = "SPAIN_PASSPORT_NUMBER";
const NL_BSN: &str = "NETHERLANDS_BSN_NUMBER";
const PL_PESEL: &str = "POLAND_PESEL_NUMBER";
const SE_PERSONNUMMER: &str = "SWEDEN_PERSONAL_IDENTITY_NUMBER";
const KR_RRN: &str = "SOUTH_KOREA_RESIDENT_REGISTRATION_NUMBER";
const JP_MY_NUMBER: &str = "JAPAN_MY_NUMBER";
const CN_RIC: &str = "CHINA_RESIDENT_IDENTITY_CARD_NUMBER";
const SG_NRIC: &str = "SINGAPORE_NRIC_NUMBER";
const AU_MEDICARE: &str = "AUSTRALIA_MEDICARE_NUMBER";

/// Detector ids this family's files plant.
pub(crate) const DETECTORS: &[&str] = &[
    AR_DNI,
    AR_CUIL,
    AR_CUIT,
    BR_CPF,
    BR_CNPJ,
    BR_RG,
    CL_RUT,
    CO_CEDULA,
    CO_NIT_PERSON,
    CO_NIT_COMPANY,
    MX_CURP,
    MX_RFC_PERSON,
    MX_RFC_COMPANY,
    FR_NIR,
    FR_TAX,
    DE_ID,
    DE_TAX,
    IT_CF,
    ES_DNI,
    ES_NIE,
    ES_NIF,
    ES_CIF,
    ES_NSS,
    IN_AADHAAR,
    IN_PAN,
    AU_TFN,
    UK_UTR,
    CA_PR,
    US_PASSPORT,
    UK_PASSPORT,
    CA_PASSPORT,
    FR_PASSPORT,
    DE_PASSPORT,
    IT_PASSPORT,
    ES_PASSPORT,
    NL_BSN,
    PL_PESEL,
    SE_PERSONNUMMER,
    KR_RRN,
    JP_MY_NUMBER,
    CN_RIC,
    SG_NRIC,
    AU_MEDICARE,
];

/// This family's labelled files, in the order expected.jsonl lists them.
pub(crate) const FILES: &[(&str, Generate)] = &[
    ("core/national_ids/latam_onboarding.jsonl", latam_onboarding_jsonl),
    ("core/national_ids/facturacion.log", facturacion_log),
    ("core/national_ids/payroll_eu.log", payroll_eu_log),
    ("core/national_ids/kyc_commonwealth.jsonl", kyc_commonwealth_jsonl),
    ("core/national_ids/travel_bookings.jsonl", travel_bookings_jsonl),
    ("core/national_ids/registry_sync.log", registry_sync_log),
];

/// Whether a planted value passes its own checksum; `None` for detectors this family does not know.
pub(crate) fn check_planted(detector: &str, value: &str) -> Option<bool> {
    let digits = digits_of(value);
    let valid = match detector {
        AR_DNI | CO_CEDULA => return Some(!digits.is_empty()),
        AR_CUIL | AR_CUIT => digits.len() == 11 && cuit_check(&digits[..10]) == Some(digits[10]),
        BR_CPF => digits.len() == 11 && cpf_checks(&digits[..9]) == (digits[9], digits[10]),
        BR_CNPJ => {
            let values: Vec<u32> = value
                .bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| u32::from(b) - 48)
                .collect();
            values.len() == 14 && cnpj_checks(&values[..12]) == (values[12], values[13])
        }
        BR_RG => value.ends_with(rg_check(&digits[..8])),
        CL_RUT => value.ends_with(rut_check(&digits_of(&value[..value.len() - 1]))),
        CO_NIT_PERSON | CO_NIT_COMPANY => nit_check(&digits[..digits.len() - 1]) == digits[digits.len() - 1],
        MX_CURP => curp_check(&value[..17]) == value.as_bytes()[17],
        MX_RFC_PERSON | MX_RFC_COMPANY => rfc_check(&value[..value.len() - 1]) == value.as_bytes()[value.len() - 1],
        FR_NIR => nir_valid(value),
        FR_TAX => digits.len() == 13 && number_of(&digits[..10]) % 511 == number_of(&digits[10..]),
        DE_ID => icao_valid(value),
        DE_TAX => digits.len() == 11 && idnr_check(&digits[..10]) == digits[10],
        IT_CF => cf_check(&value[..15]) == value.as_bytes()[15],
        ES_DNI | ES_NIF | ES_NIE => spain_letter(value),
        ES_CIF => cif_valid(value),
        ES_NSS => digits.len() == 12 && nss_check(&digits[..10]) == number_of(&digits[10..]),
        IN_AADHAAR => verhoeff_valid(&digits),
        IN_PAN => value.len() == 10 && "ABCFGHLJPTK".contains(&value[3..4]),
        AU_TFN => weighted(&digits, &[1, 4, 3, 7, 5, 8, 6, 9, 10]).is_multiple_of(11),
        UK_UTR => digits.len() == 10 && utr_check(&digits[1..]) == digits[0],
        CA_PR | US_PASSPORT | UK_PASSPORT | CA_PASSPORT | FR_PASSPORT | IT_PASSPORT | ES_PASSPORT => digits.len() >= 6,
        DE_PASSPORT => icao_valid(value),
        NL_BSN => {
            digits.len() == 9 && (weighted(&digits[..8], &[9, 8, 7, 6, 5, 4, 3, 2]) + 99 - digits[8]).is_multiple_of(11)
        }
        PL_PESEL => digits.len() == 11 && pesel_check(&digits[..10]) == digits[10],
        SE_PERSONNUMMER => digits.len() >= 10 && luhn_valid(&digits[digits.len() - 10..]),
        KR_RRN => digits.len() == 13 && rrn_check(&digits[..12]) == digits[12],
        JP_MY_NUMBER => digits.len() == 12 && my_number_check(&digits[..11]) == digits[11],
        CN_RIC => value.len() == 18 && ric_check(&digits[..17]) == value.as_bytes()[17],
        SG_NRIC => nric_check(&value[..8]) == value.as_bytes()[8],
        AU_MEDICARE => digits.len() == 10 && weighted(&digits[..8], &[1, 3, 7, 9, 1, 3, 7, 9]) % 10 == digits[8],
        _ => return None,
    };
    Some(valid)
}

fn digits_of(text: &str) -> Vec<u32> {
    text.chars().filter_map(|c| c.to_digit(10)).collect()
}

fn weighted(digits: &[u32], weights: &[u32]) -> u32 {
    digits.iter().zip(weights).map(|(d, w)| d * w).sum()
}

fn text_of(digits: &[u32]) -> String {
    digits
        .iter()
        .map(|d| char::from_digit(*d, 10).expect("a digit"))
        .collect()
}

/// AFIP's CUIT/CUIL check digit; None when the remainder calls for a new prefix (never planted).
fn cuit_check(body: &[u32]) -> Option<u32> {
    match weighted(body, &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11 {
        0 => Some(0),
        1 => None,
        r => Some(11 - r),
    }
}

fn cpf_checks(body: &[u32]) -> (u32, u32) {
    let first = (11 - weighted(body, &[10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11) % 11 % 10;
    let with_first: Vec<u32> = body.iter().copied().chain([first]).collect();
    let second = (11 - weighted(&with_first, &[11, 10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11) % 11 % 10;
    (first, second)
}

fn cnpj_checks(body: &[u32]) -> (u32, u32) {
    let first = (11 - weighted(body, &[5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]) % 11) % 11 % 10;
    let with_first: Vec<u32> = body.iter().copied().chain([first]).collect();
    let second = (11 - weighted(&with_first, &[6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]) % 11) % 11 % 10;
    (first, second)
}

fn rg_check(body: &[u32]) -> char {
    match 11 - weighted(body, &[2, 3, 4, 5, 6, 7, 8, 9]) % 11 {
        11 => '0',
        10 => 'X',
        d => char::from_digit(d, 10).expect("a digit"),
    }
}

fn rut_check(body: &[u32]) -> char {
    let sum: u32 = body
        .iter()
        .rev()
        .zip([2, 3, 4, 5, 6, 7].iter().cycle())
        .map(|(d, w)| d * w)
        .sum();
    match 11 - sum % 11 {
        11 => '0',
        10 => 'K',
        d => char::from_digit(d, 10).expect("a digit"),
    }
}

fn nit_check(body: &[u32]) -> u32 {
    let weights = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];
    let sum: u32 = body.iter().rev().zip(weights).map(|(d, w)| d * w).sum();
    match sum % 11 {
        r @ (0 | 1) => r,
        r => 11 - r,
    }
}

/// Position of a character in the registries' alphabet `0-9 A-N & O-Z` (space after Z).
fn mx_value(c: u8) -> u32 {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ ";
    ALPHABET
        .iter()
        .position(|&a| a == c)
        .expect("CURP and RFC characters are in the alphabet") as u32
}

fn curp_check(body: &str) -> u8 {
    let sum: u32 = body
        .bytes()
        .enumerate()
        .map(|(i, c)| mx_value(c) * (18 - i as u32))
        .sum();
    b'0' + ((10 - sum % 10) % 10) as u8
}

fn rfc_check(body: &str) -> u8 {
    let padded = format!("{body:>12}");
    let sum: u32 = padded
        .bytes()
        .enumerate()
        .map(|(i, c)| mx_value(c) * (13 - i as u32))
        .sum();
    match (11 - sum % 11) % 11 {
        10 => b'A',
        d => b'0' + d as u8,
    }
}

fn number_of(digits: &[u32]) -> u64 {
    digits.iter().fold(0, |n, &d| n * 10 + u64::from(d))
}

/// France's NIR: 97 minus the first 13 digits mod 97, Corsica's 2A and 2B counted as 19 and 18.
fn nir_key(first13: &str) -> u64 {
    let numeric = first13.replace("2A", "19").replace("2B", "18");
    97 - numeric
        .parse::<u64>()
        .expect("a NIR body is numeric once Corsica is replaced")
        % 97
}

fn nir_valid(value: &str) -> bool {
    let compact: String = value.chars().filter(|c| *c != ' ').collect();
    compact.len() == 15 && compact[13..].parse::<u64>().ok() == Some(nir_key(&compact[..13]))
}

/// ICAO 9303 check digit (weights 7, 3, 1; letters 10-35).
fn icao_check(serial: &str) -> u32 {
    let sum: u32 = serial
        .chars()
        .zip([7, 3, 1].iter().cycle())
        .map(|(c, w)| c.to_digit(36).expect("ICAO characters are alphanumeric") * w)
        .sum();
    sum % 10
}

fn icao_valid(value: &str) -> bool {
    value.len() == 9 || value.len() == 10 && value[9..].parse::<u32>().ok() == Some(icao_check(&value[..9]))
}

/// ISO 7064 MOD 11,10 check digit, as the Steuer-IdNr uses it.
fn idnr_check(body: &[u32]) -> u32 {
    let mut product = 10;
    for &digit in body {
        let mut sum = (digit + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = sum * 2 % 11;
    }
    (11 - product) % 10
}

const CF_ODD: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

fn cf_check(body: &str) -> u8 {
    let sum: u32 = body
        .bytes()
        .enumerate()
        .map(|(i, c)| {
            let index = if c.is_ascii_digit() { c - b'0' } else { c - b'A' };
            if i % 2 == 0 {
                CF_ODD[usize::from(index)]
            } else {
                u32::from(index)
            }
        })
        .sum();
    b'A' + (sum % 26) as u8
}

const DNI_LETTERS: &[u8] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// DNI, NIE and K/L/M NIF: the mod-23 letter of the number (X, Y, Z counting as 0, 1, 2).
fn spain_letter(value: &str) -> bool {
    let compact: String = value.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let number: String = compact[..8]
        .replace('X', "0")
        .replace('Y', "1")
        .replace('Z', "2")
        .replace(['K', 'L', 'M'], "");
    number
        .parse::<u64>()
        .is_ok_and(|n| DNI_LETTERS[(n % 23) as usize] == compact.as_bytes()[8])
}

fn dni_letter(number: u64) -> char {
    char::from(DNI_LETTERS[(number % 23) as usize])
}

fn cif_control(digits: &[u32]) -> u32 {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| if i % 2 == 0 { (d * 2) / 10 + (d * 2) % 10 } else { d })
        .sum();
    (10 - sum % 10) % 10
}

fn cif_valid(value: &str) -> bool {
    let digits = digits_of(&value[1..8]);
    let control = cif_control(&digits);
    let last = value.as_bytes()[8];
    last == b'0' + control as u8 || last == b"JABCDEFGHI"[control as usize]
}

fn nss_check(body: &[u32]) -> u64 {
    let province = number_of(&body[..2]);
    let serial = number_of(&body[2..]);
    let base = if serial < 10_000_000 {
        province * 10_000_000 + serial
    } else {
        province * 100_000_000 + serial
    };
    base % 97
}

const VERHOEFF_D: [[u32; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P: [[u32; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

fn verhoeff_valid(digits: &[u32]) -> bool {
    digits.iter().rev().enumerate().fold(0, |c, (i, &d)| {
        VERHOEFF_D[c as usize][VERHOEFF_P[i % 8][d as usize] as usize]
    }) == 0
}

fn utr_check(body: &[u32]) -> u32 {
    [2, 1, 9, 8, 7, 6, 5, 4, 3, 2, 1][(weighted(body, &[6, 7, 8, 9, 10, 5, 4, 3, 2]) % 11) as usize]
}

fn pesel_check(body: &[u32]) -> u32 {
    (10 - weighted(body, &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10) % 10
}

fn rrn_check(body: &[u32]) -> u32 {
    (11 - weighted(body, &[2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]) % 11) % 10
}

fn my_number_check(body: &[u32]) -> u32 {
    match weighted(body, &[6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11 {
        0 | 1 => 0,
        r => 11 - r,
    }
}

/// ISO 7064 MOD 11-2 check character of the first 17 digits.
fn ric_check(body: &[u32]) -> u8 {
    let sum: u32 = body.iter().fold(0, |sum, &d| (sum + d) * 2 % 11);
    match (12 - sum) % 11 {
        10 => b'X',
        d => b'0' + d as u8,
    }
}

fn nric_check(first8: &str) -> u8 {
    let prefix = first8.as_bytes()[0];
    let sum = weighted(&digits_of(&first8[1..]), &[2, 7, 6, 5, 4, 3, 2]);
    let (offset, table): (u32, &[u8]) = match prefix {
        b'S' => (0, b"JZIHGFEDCBA"),
        b'T' => (4, b"JZIHGFEDCBA"),
        b'F' => (0, b"XWUTRQPNMLK"),
        b'G' => (4, b"XWUTRQPNMLK"),
        _ => (3, b"XWUTRQPNJLK"),
    };
    table[((sum + offset) % 11) as usize]
}

const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const MX_STATES: &[&str] = &[
    "AS", "BC", "CH", "DF", "GT", "JC", "MC", "MN", "NL", "OC", "PL", "QR", "SL", "VZ", "YN",
];

/// Replaces the last digit of a number so that its check fails.
fn spoil(value: &str) -> String {
    let mut chars: Vec<char> = value.chars().collect();
    let last = chars.len() - 1;
    chars[last] = match chars[last] {
        '9' | 'K' | 'X' | 'A' => '1',
        c if c.is_ascii_digit() => char::from_digit(c.to_digit(10).expect("a digit") + 1, 10).expect("a digit"),
        _ => '0',
    };
    chars.into_iter().collect()
}

/// Thousands dots: 12345678 → 12.345.678.
fn dotted(number: &str) -> String {
    let mut out = String::new();
    for (i, c) in number.chars().enumerate() {
        if i > 0 && (number.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

impl Fake {
    fn ar_dni(&mut self) -> String {
        let number = self.int(5_000_000..=46_999_999).to_string();
        if self.chance(0.6) { dotted(&number) } else { number }
    }

    fn cuit_with(&mut self, prefixes: &[u32]) -> String {
        loop {
            let mut digits = digits_of(&self.pick(prefixes).to_string());
            digits.extend(digits_of(&self.int(10_000_000..=49_999_999).to_string()));
            if let Some(check) = cuit_check(&digits) {
                digits.push(check);
                let s = text_of(&digits);
                return if self.chance(0.75) {
                    format!("{}-{}-{}", &s[..2], &s[2..10], &s[10..])
                } else {
                    s
                };
            }
        }
    }

    fn cuil(&mut self) -> String {
        self.cuit_with(&[20, 23, 27])
    }

    fn cuit_company(&mut self) -> String {
        self.cuit_with(&[30, 33, 34])
    }

    fn cpf(&mut self) -> String {
        let body = digits_of(&self.digits(9));
        let (a, b) = cpf_checks(&body);
        let s = format!("{}{a}{b}", text_of(&body));
        if self.chance(0.7) {
            format!("{}.{}.{}-{}", &s[..3], &s[3..6], &s[6..9], &s[9..])
        } else {
            s
        }
    }

    fn cnpj(&mut self) -> String {
        let body: String = format!("{}{}", self.digits(8), self.pick(&["0001", "0002", "0001"]));
        let values: Vec<u32> = body.bytes().map(|b| u32::from(b) - 48).collect();
        let (a, b) = cnpj_checks(&values);
        let s = format!("{body}{a}{b}");
        format!("{}.{}.{}/{}-{}", &s[..2], &s[2..5], &s[5..8], &s[8..12], &s[12..])
    }

    fn rg(&mut self) -> String {
        let body = digits_of(&self.int(10_000_000..=59_999_999).to_string());
        let s = text_of(&body);
        format!("{}.{}.{}-{}", &s[..2], &s[2..5], &s[5..], rg_check(&body))
    }

    fn rut(&mut self) -> String {
        let body = digits_of(&self.int(5_000_000..=26_999_999).to_string());
        let s = text_of(&body);
        let check = rut_check(&body);
        if self.chance(0.6) {
            format!("{}-{check}", dotted(&s))
        } else {
            format!("{s}-{check}")
        }
    }

    fn cedula(&mut self) -> String {
        let number = if self.chance(0.6) {
            format!("10{}", self.digits(8))
        } else {
            self.int(10_000_000..=79_999_999).to_string()
        };
        if self.chance(0.5) { dotted(&number) } else { number }
    }

    fn nit_person(&mut self) -> String {
        let body = self.cedula().replace('.', "");
        let check = nit_check(&digits_of(&body));
        format!("{}-{check}", dotted(&body))
    }

    fn nit_company(&mut self) -> String {
        let body = format!("{}{}", self.pick(&["8", "9"]), self.digits(8));
        let check = nit_check(&digits_of(&body));
        if self.chance(0.7) {
            format!("{}-{check}", dotted(&body))
        } else {
            format!("{body}-{check}")
        }
    }

    fn letters(&mut self, n: usize) -> String {
        self.chars_from(UPPER, n)
    }

    fn yymmdd(&mut self, years: std::ops::RangeInclusive<u64>) -> (u64, String) {
        let year = self.int(years);
        (
            year,
            format!("{:02}{:02}{:02}", year % 100, self.int(1..=12), self.int(1..=28)),
        )
    }

    fn curp(&mut self) -> String {
        let (year, date) = self.yymmdd(1940..=2012);
        let century = if year < 2000 { self.digits(1) } else { self.letters(1) };
        let body = format!(
            "{}{}X{}{date}{}{}{}{century}",
            self.chars_from(b"BCDFGHJLMNPRSTVZ", 1),
            self.chars_from(b"AEIOU", 1),
            self.letters(1),
            self.pick(&["H", "M"]),
            self.pick(MX_STATES),
            self.chars_from(b"BCDFGHJKLMNPRSTVZ", 3)
        );
        let check = curp_check(&body);
        format!("{body}{}", char::from(check))
    }

    fn rfc(&mut self, initials: usize) -> String {
        let (_, date) = self.yymmdd(1950..=2015);
        let head = format!(
            "{}X{}",
            self.chars_from(b"BCDFGHJLMNPRSTVZ", 1),
            self.letters(initials - 2)
        );
        let body = format!(
            "{head}{date}{}{}",
            self.chars_from(b"123456789ABCDEFGHJKLMNPRSTUV", 1),
            self.chars_from(b"123456789ABCDEFGHJKLMNPRSTUVWXYZ", 1)
        );
        let check = rfc_check(&body);
        format!("{body}{}", char::from(check))
    }
}

fn latam_onboarding_jsonl(doc: &mut Doc, f: &mut Fake) {
    for i in 0..300 {
        let id = format!("onb_{}", f.hex(12));
        let name = f.person().full();
        let record = match i % 9 {
            0 => format!(
                r#""pais":"AR","nombre":"{name}","dni":"{}","cuil":"{}""#,
                plant(AR_DNI, &f.ar_dni()),
                plant(AR_CUIL, &f.cuil())
            ),
            1 => format!(
                r#""pais":"BR","nome":"{name}","cpf":"{}","rg":"{}","uf":"SP""#,
                plant(BR_CPF, &f.cpf()),
                plant(BR_RG, &f.rg())
            ),
            2 => format!(r#""pais":"CL","nombre":"{name}","rut":"{}""#, plant(CL_RUT, &f.rut())),
            3 => format!(
                r#""pais":"CO","nombre":"{name}","cedula":"{}","nit":"{}""#,
                plant(CO_CEDULA, &f.cedula()),
                plant(CO_NIT_PERSON, &f.nit_person())
            ),
            4 => format!(
                r#""pais":"MX","nombre":"{name}","curp":"{}","rfc":"{}""#,
                plant(MX_CURP, &f.curp()),
                plant(MX_RFC_PERSON, &f.rfc(4))
            ),
            5 => format!(
                r#""tipo":"empresa","pais":"AR","cuit":"{}","contacto":"{name}""#,
                plant(AR_CUIT, &f.cuit_company())
            ),
            6 => format!(
                r#""tipo":"empresa","pais":"BR","cnpj":"{}","contato":"{name}""#,
                plant(BR_CNPJ, &f.cnpj())
            ),
            7 => format!(
                r#""tipo":"empresa","pais":"CO","nit":"{}","contacto":"{name}""#,
                plant(CO_NIT_COMPANY, &f.nit_company())
            ),
            _ => {
                // Keyword present, check failing: the validators must drop these.
                let (key, bad) = match f.int(0..=5) {
                    0 => ("cuil", spoil(&f.cuil())),
                    1 => ("cpf", spoil(&f.cpf())),
                    2 => ("rut", spoil(&f.rut())),
                    3 => ("curp", spoil(&f.curp())),
                    4 => ("rg", spoil(&f.rg())),
                    _ => ("cnpj", spoil(&f.cnpj())),
                };
                format!(r#""pais":"XX","nombre":"{name}","{key}":"{bad}","estado":"rechazado""#)
            }
        };
        doc.line(format!(r#"{{"id":"{id}",{record}}}"#));
    }
}

fn facturacion_log(doc: &mut Doc, f: &mut Fake) {
    for i in 0..420 {
        let time = format!(
            "2024-05-{:02}T{:02}:{:02}:{:02}Z",
            1 + i / 20,
            f.int(0..=23),
            f.int(0..=59),
            f.int(0..=59)
        );
        let amount = f.amount();
        let line = match i % 7 {
            0 => format!(
                "{time} INFO  facturacion emitida a CUIT {} total ARS {amount}",
                plant(AR_CUIT, &f.cuit_company())
            ),
            1 => format!(
                "{time} INFO  nota fiscal emitida CNPJ {} valor R$ {amount}",
                plant(BR_CNPJ, &f.cnpj())
            ),
            2 => format!(
                "{time} INFO  factura timbrada RFC emisor {} receptor RFC {}",
                plant(MX_RFC_COMPANY, &f.rfc(3)),
                plant(MX_RFC_PERSON, &f.rfc(4))
            ),
            3 => format!(
                "{time} INFO  factura electronica NIT {} total COP {amount}",
                plant(CO_NIT_COMPANY, &f.nit_company())
            ),
            4 => format!(
                "{time} WARN  RUT {} sin giro registrado, boleta {amount}",
                plant(CL_RUT, &f.rut())
            ),
            5 => {
                // Shapes of the ids far from every keyword: order numbers and references.
                let shape = match f.int(0..=3) {
                    0 => f.cuit_company(),
                    1 => f.rut(),
                    2 => f.cpf(),
                    _ => f.nit_company(),
                };
                format!("{time} DEBUG pedido confirmado; ref. de envio del almacen central {shape}")
            }
            _ => {
                let (key, bad) = match f.int(0..=3) {
                    0 => ("CUIT", spoil(&f.cuit_company())),
                    1 => ("CNPJ", spoil(&f.cnpj())),
                    2 => ("NIT", spoil(&f.nit_company())),
                    _ => ("RFC", spoil(&f.rfc(3))),
                };
                format!("{time} ERROR validacion fallida {key} {bad} digito verificador invalido")
            }
        };
        doc.line(line);
    }
}

const GERMAN_SERIAL: &[u8] = b"0123456789CFGHJKLMNPRTVWXYZ";
const CF_MONTHS: &[u8] = b"ABCDEHLMPRST";

impl Fake {
    fn nir(&mut self) -> String {
        let (_, date) = self.yymmdd(1945..=2005);
        let department = self.pick(&["75", "69", "13", "33", "59", "2A", "2B", "31", "44", "67"]);
        let body = format!("{}{}{department}{}", self.pick(&["1", "2"]), &date[..4], self.digits(6));
        let key = nir_key(&body);
        let full = format!("{body}{key:02}");
        if self.chance(0.5) {
            format!(
                "{} {} {} {} {} {} {}",
                &full[..1],
                &full[1..3],
                &full[3..5],
                &full[5..7],
                &full[7..10],
                &full[10..13],
                &full[13..]
            )
        } else {
            full
        }
    }

    fn spi(&mut self) -> String {
        let body = format!("{}{}", self.pick(&["0", "1", "2", "3"]), self.digits(9));
        let full = format!("{body}{:03}", body.parse::<u64>().expect("digits") % 511);
        if self.chance(0.6) {
            format!(
                "{} {} {} {} {}",
                &full[..2],
                &full[2..4],
                &full[4..7],
                &full[7..10],
                &full[10..]
            )
        } else {
            full
        }
    }

    fn german_serial(&mut self, first: &[u8]) -> String {
        loop {
            let serial = format!("{}{}", self.chars_from(first, 1), self.chars_from(GERMAN_SERIAL, 8));
            if serial.chars().filter(char::is_ascii_digit).count() >= 2 {
                return if self.chance(0.5) {
                    let check = icao_check(&serial);
                    format!("{serial}{check}")
                } else {
                    serial
                };
            }
        }
    }

    fn idnr(&mut self) -> String {
        let mut pool: Vec<u32> = (0..10).collect();
        for i in (1..pool.len()).rev() {
            pool.swap(i, self.int(0..=i as u64) as usize);
        }
        let mut body: Vec<u32> = pool[..9].to_vec();
        let repeated = body[self.int(0..=8) as usize];
        body.insert(self.int(1..=9) as usize, repeated);
        if body[0] == 0 {
            body.swap(0, 5);
        }
        body.push(idnr_check(&body));
        let s = text_of(&body);
        if self.chance(0.5) {
            format!("{} {} {} {}", &s[..2], &s[2..5], &s[5..8], &s[8..])
        } else {
            s
        }
    }

    fn codice_fiscale(&mut self) -> String {
        let (_, date) = self.yymmdd(1940..=2010);
        let month = char::from(CF_MONTHS[date[2..4].parse::<usize>().expect("a month") - 1]);
        let day = date[4..].parse::<u64>().expect("a day") + if self.chance(0.5) { 40 } else { 0 };
        let body = format!(
            "{}{}{month}{day:02}{}",
            self.letters(6),
            &date[..2],
            self.pick(&["F205", "H501", "L219", "A944", "D969", "G273", "Z404"])
        );
        format!("{body}{}", char::from(cf_check(&body)))
    }

    fn spanish_dni(&mut self) -> String {
        let number = self.int(1_000_000..=79_999_999);
        format!("{number:08}{}", dni_letter(number))
    }

    fn nie(&mut self) -> String {
        let prefix = self.int(0..=2);
        let number = self.int(0..=9_999_999);
        let letter = dni_letter(prefix * 10_000_000 + number);
        format!("{}{number:07}{letter}", ["X", "Y", "Z"][prefix as usize])
    }

    fn cif(&mut self) -> String {
        let kind = self.chars_from(b"ABBBBFGJNPQRSUVW", 1);
        let body = format!("{:02}{}", self.int(1..=52), self.digits(5));
        let control = cif_control(&digits_of(&body));
        let last = if matches!(kind.as_str(), "P" | "Q" | "S" | "N" | "W") {
            char::from(b"JABCDEFGHI"[control as usize])
        } else {
            char::from_digit(control, 10).expect("a digit")
        };
        format!("{kind}{body}{last}")
    }

    fn spanish_nss(&mut self) -> String {
        let body = digits_of(&format!(
            "{:02}{}",
            self.pick(&[28u64, 8, 46, 41, 3, 48, 29, 50]),
            self.int(10_000_000..=99_999_999)
        ));
        let check = nss_check(&body);
        let s = text_of(&body);
        match self.int(0..=2) {
            0 => format!("{}/{}/{check:02}", &s[..2], &s[2..]),
            1 => format!("{} {} {check:02}", &s[..2], &s[2..]),
            _ => format!("{s}{check:02}"),
        }
    }

    fn aadhaar(&mut self) -> String {
        loop {
            let mut digits = digits_of(&format!("{}{}", self.int(2..=9), self.digits(10)));
            let check = (0..10).find(|&c| {
                let mut full = digits.clone();
                full.push(c);
                verhoeff_valid(&full)
            });
            digits.push(check.expect("one Verhoeff digit fits"));
            if digits.iter().ne(digits.iter().rev()) {
                let s = text_of(&digits);
                return if self.chance(0.7) {
                    format!("{} {} {}", &s[..4], &s[4..8], &s[8..])
                } else {
                    s
                };
            }
        }
    }

    fn pan(&mut self) -> String {
        format!(
            "{}{}{}{:04}{}",
            self.letters(3),
            self.pick(&["P", "P", "P", "C", "H", "F"]),
            self.letters(1),
            self.int(1..=9999),
            self.letters(1)
        )
    }

    fn tfn(&mut self) -> String {
        loop {
            let digits = digits_of(&self.digits(9));
            if weighted(&digits, &[1, 4, 3, 7, 5, 8, 6, 9, 10]).is_multiple_of(11)
                && digits.iter().any(|&d| d != digits[0])
            {
                let s = text_of(&digits);
                return if self.chance(0.6) {
                    format!("{} {} {}", &s[..3], &s[3..6], &s[6..])
                } else {
                    s
                };
            }
        }
    }

    fn utr(&mut self) -> String {
        let body = digits_of(&self.digits(9));
        format!("{}{}", utr_check(&body), text_of(&body))
    }

    fn pr_number(&mut self) -> String {
        match self.int(0..=2) {
            0 => format!(
                "{}{}",
                self.pick(&["PA", "RA", "PB", "RB", "PC"]),
                self.int(1_000_000..=9_999_999)
            ),
            1 => format!("{}-{}", self.int(1000..=9999), self.int(1000..=9999)),
            _ => format!(
                "{}-{}-{}",
                self.int(10..=99),
                self.int(1000..=9999),
                self.int(1000..=9999)
            ),
        }
    }
}

fn payroll_eu_log(doc: &mut Doc, f: &mut Fake) {
    for i in 0..560 {
        let time = format!(
            "2024-06-{:02} {:02}:{:02}:{:02}",
            1 + i / 20,
            f.int(6..=20),
            f.int(0..=59),
            f.int(0..=59)
        );
        let employee = format!("E{}", f.int(10_000..=99_999));
        let line = match i % 14 {
            0 => format!(
                "{time} [paie-fr] {employee} numéro de sécurité sociale {}",
                plant(FR_NIR, &f.nir())
            ),
            1 => format!(
                "{time} [paie-fr] {employee} numéro fiscal {} prélèvement à la source",
                plant(FR_TAX, &f.spi())
            ),
            2 => format!(
                "{time} [lohn-de] {employee} Personalausweis {} geprüft",
                plant(DE_ID, &f.german_serial(b"LMNPRTVWXY"))
            ),
            3 => format!(
                "{time} [lohn-de] {employee} Steuer-ID {} ELStAM abgerufen",
                plant(DE_TAX, &f.idnr())
            ),
            4 => format!(
                "{time} [paghe-it] {employee} codice fiscale {}",
                plant(IT_CF, &f.codice_fiscale())
            ),
            5 => format!("{time} [nomina-es] {employee} DNI {}", plant(ES_DNI, &f.spanish_dni())),
            6 => format!(
                "{time} [nomina-es] {employee} NIE {} permiso de trabajo",
                plant(ES_NIE, &f.nie())
            ),
            7 => format!(
                "{time} [nomina-es] {employee} NIF {} retencion IRPF",
                plant(ES_NIF, &f.spanish_dni())
            ),
            8 => format!(
                "{time} [proveedores-es] CIF {} factura {}",
                plant(ES_CIF, &f.cif()),
                f.int(1000..=9999)
            ),
            9 => format!(
                "{time} [nomina-es] {employee} NSS {} alta",
                plant(ES_NSS, &f.spanish_nss())
            ),
            10 => {
                // The same shapes far from any keyword: a batch reference and a parcel code.
                let shape = match f.int(0..=3) {
                    0 => f.spanish_dni(),
                    1 => f.idnr().replace(' ', ""),
                    2 => f.codice_fiscale(),
                    _ => f.nir().replace(' ', ""),
                };
                format!("{time} [batch] lote de exportacion cerrado, referencia interna {shape}")
            }
            11 => {
                let (key, bad) = match f.int(0..=4) {
                    0 => ("DNI", spoil(&f.spanish_dni())),
                    1 => ("Steuer-ID", spoil(&f.idnr())),
                    2 => ("codice fiscale", spoil(&f.codice_fiscale())),
                    3 => ("NSS", spoil(&f.spanish_nss())),
                    _ => ("NIE", spoil(&f.nie())),
                };
                format!("{time} [validation] {employee} {key} {bad} rechazado: control invalido")
            }
            _ => format!("{time} [payroll] {employee} run completed in {} ms", f.int(20..=900)),
        };
        doc.line(line);
    }
}

fn kyc_commonwealth_jsonl(doc: &mut Doc, f: &mut Fake) {
    for i in 0..300 {
        let id = format!("kyc_{}", f.hex(12));
        // Names under a `name` key are NAME findings too.
        let name = super::plant("NAME", &f.person().full());
        let record = match i % 6 {
            0 => format!(
                r#""country":"IN","name":"{name}","aadhaar":"{}","pan":"{}""#,
                plant(IN_AADHAAR, &f.aadhaar()),
                plant(IN_PAN, &f.pan())
            ),
            1 => format!(
                r#""country":"AU","name":"{name}","tfn":"{}","state":"NSW""#,
                plant(AU_TFN, &f.tfn())
            ),
            2 => format!(
                r#""country":"GB","name":"{name}","utr":"{}","tax_year":"2023-24""#,
                plant(UK_UTR, &f.utr())
            ),
            3 => format!(
                r#""country":"CA","name":"{name}","permanent_resident_card":"{}","province":"ON""#,
                plant(CA_PR, &f.pr_number())
            ),
            4 => {
                let (key, bad) = match f.int(0..=3) {
                    0 => ("aadhaar", spoil(&f.aadhaar())),
                    1 => ("tfn", spoil(&f.tfn())),
                    2 => {
                        let utr = f.utr();
                        ("utr", format!("{}{}", (digits_of(&utr)[0] + 1) % 10, &utr[1..]))
                    }
                    _ => {
                        let pan = f.pan();
                        ("pan", format!("{}X{}", &pan[..3], &pan[4..]))
                    }
                };
                format!(r#""country":"XX","name":"{name}","{key}":"{bad}","status":"rejected""#)
            }
            _ => format!(
                r#""country":"US","name":"{name}","order_reference_for_warehouse":"{}""#,
                f.digits(10)
            ),
        };
        doc.line(format!(r#"{{"id":"{id}",{record}}}"#));
    }
}

/// Region codes of real prefectures (Beijing Dongcheng, Shanghai Huangpu, Shenzhen Futian, ...).
const CN_REGIONS: &[&str] = &[
    "110101", "110105", "310101", "310104", "440304", "440106", "510107", "330106", "320102", "420106",
];

impl Fake {
    fn passport_for(&mut self, country: &str) -> String {
        match country {
            "US" if self.chance(0.3) => format!("A{}", self.int(10_000_000..=99_999_999)),
            "US" | "GB" => self
                .int(100_000_000..=999_999_999)
                .to_string()
                .replace("123456789", "523456789"),
            "CA" => format!("{}{}", self.letters(2), self.int(100_000..=999_999)),
            "FR" => format!(
                "{:02}{}{}",
                self.int(10..=24),
                self.letters(2),
                self.int(10_000..=99_999)
            ),
            "DE" => loop {
                let serial = self.german_serial(b"CFGHJK");
                // A serial of one letter and eight digits would also fit a US passport.
                if serial[1..9].chars().any(|c| c.is_ascii_uppercase()) {
                    break serial;
                }
            },
            "IT" => format!("Y{}{}", self.letters(1), self.int(1_000_000..=9_999_999)),
            _ => format!(
                "{}{}",
                self.pick(&["PAA", "PAB", "PAC", "PAD", "XDA", "XDB"]),
                self.int(100_000..=999_999)
            ),
        }
    }

    fn bsn(&mut self) -> String {
        loop {
            let digits = digits_of(&self.int(100_000_000..=399_999_999).to_string());
            if (weighted(&digits[..8], &[9, 8, 7, 6, 5, 4, 3, 2]) + 99 - digits[8]).is_multiple_of(11) {
                let s = text_of(&digits);
                return if self.chance(0.3) {
                    format!("{}.{}.{}", &s[..4], &s[4..6], &s[6..])
                } else {
                    s
                };
            }
        }
    }

    fn pesel(&mut self) -> String {
        let (year, date) = self.yymmdd(1940..=2015);
        let month: u32 = date[2..4].parse::<u32>().expect("a month") + if year >= 2000 { 20 } else { 0 };
        let mut digits = digits_of(&format!("{}{month:02}{}{}", &date[..2], &date[4..], self.digits(4)));
        digits.push(pesel_check(&digits));
        text_of(&digits)
    }

    fn personnummer(&mut self) -> String {
        let (year, date) = self.yymmdd(1940..=2015);
        let mut digits = digits_of(&format!("{date}{}", self.digits(3)));
        digits.push(super::luhn_check_digit(&digits));
        let s = text_of(&digits);
        match self.int(0..=2) {
            0 => format!("{}-{}", &s[..6], &s[6..]),
            1 => format!("{}{s}", year / 100),
            _ => format!("{}{}-{}", year / 100, &s[..6], &s[6..]),
        }
    }

    fn rrn(&mut self) -> String {
        let (year, date) = self.yymmdd(1940..=2015);
        let sex = if year >= 2000 { self.int(3..=4) } else { self.int(1..=2) };
        let mut digits = digits_of(&format!("{date}{sex}{:02}{}", self.int(0..=96), self.digits(3)));
        digits.push(rrn_check(&digits));
        let s = text_of(&digits);
        if self.chance(0.8) {
            format!("{}-{}", &s[..6], &s[6..])
        } else {
            s
        }
    }

    fn my_number(&mut self) -> String {
        let mut digits = digits_of(&self.digits(11));
        digits.push(my_number_check(&digits));
        let s = text_of(&digits);
        if self.chance(0.5) {
            format!("{} {} {}", &s[..4], &s[4..8], &s[8..])
        } else {
            s
        }
    }

    fn china_id(&mut self) -> String {
        let year = self.int(1945..=2010);
        let body = format!(
            "{}{year}{:02}{:02}{}",
            self.pick(CN_REGIONS),
            self.int(1..=12),
            self.int(1..=28),
            self.digits(3)
        );
        let check = ric_check(&digits_of(&body));
        format!("{body}{}", char::from(check))
    }

    fn nric(&mut self) -> String {
        let first8 = format!("{}{}", self.pick(&["S", "S", "T", "F", "G", "M"]), self.digits(7));
        let check = nric_check(&first8);
        format!("{first8}{}", char::from(check))
    }

    fn medicare(&mut self) -> String {
        let mut digits = digits_of(&format!("{}{}", self.int(2..=6), self.digits(7)));
        digits.push(weighted(&digits, &[1, 3, 7, 9, 1, 3, 7, 9]) % 10);
        digits.push(self.int(1..=9) as u32);
        let s = text_of(&digits);
        if self.chance(0.6) {
            format!("{} {} {}", &s[..4], &s[4..9], &s[9..])
        } else {
            s
        }
    }
}

fn travel_bookings_jsonl(doc: &mut Doc, f: &mut Fake) {
    let countries = ["US", "GB", "CA", "FR", "DE", "IT", "ES"];
    for i in 0..330 {
        let pnr = f.letters(6);
        let name = f.person().full();
        let line = if i % 11 == 10 {
            // A filler number where the passport should be, and a booking number far from the key.
            format!(
                r#"{{"pnr":"{pnr}","traveller":"{name}","passport_number":"{}","nationality":"US","status":"incomplete","booking_reference_number_for_the_hotel":"{}"}}"#,
                f.pick(&["000000000", "123456789", "999999999"]),
                f.int(100_000_000..=999_999_999)
            )
        } else {
            let country = countries[i % countries.len()];
            let passport = f.passport_for(country);
            let planted = match country {
                "US" | "GB" if passport.len() == 9 && passport.chars().all(|c| c.is_ascii_digit()) => {
                    plant_each(&[US_PASSPORT, UK_PASSPORT], &passport)
                }
                "US" => plant(US_PASSPORT, &passport),
                "CA" => plant(CA_PASSPORT, &passport),
                "FR" => plant(FR_PASSPORT, &passport),
                "DE" => plant(DE_PASSPORT, &passport),
                "IT" => plant(IT_PASSPORT, &passport),
                _ => plant(ES_PASSPORT, &passport),
            };
            format!(
                r#"{{"pnr":"{pnr}","traveller":"{name}","passport_number":"{planted}","nationality":"{country}","seat":"{}{}"}}"#,
                f.int(1..=40),
                f.chars_from(b"ABCDEF", 1)
            )
        };
        doc.line(line);
    }
}

fn registry_sync_log(doc: &mut Doc, f: &mut Fake) {
    for i in 0..500 {
        let time = format!(
            "2024-07-{:02}T{:02}:{:02}:{:02}Z",
            1 + i / 20,
            f.int(0..=23),
            f.int(0..=59),
            f.int(0..=59)
        );
        let record = format!("rec-{}", f.hex(8));
        let line = match i % 10 {
            0 => format!("{time} sync nl {record} bsn={}", plant(NL_BSN, &f.bsn())),
            1 => format!("{time} sync pl {record} pesel={}", plant(PL_PESEL, &f.pesel())),
            2 => format!(
                "{time} sync se {record} personnummer={}",
                plant(SE_PERSONNUMMER, &f.personnummer())
            ),
            3 => format!("{time} sync kr {record} rrn={}", plant(KR_RRN, &f.rrn())),
            4 => format!(
                "{time} sync jp {record} my_number={}",
                plant(JP_MY_NUMBER, &f.my_number())
            ),
            5 => format!("{time} sync cn {record} resident_id={}", plant(CN_RIC, &f.china_id())),
            6 => format!("{time} sync sg {record} nric={}", plant(SG_NRIC, &f.nric())),
            7 => format!("{time} sync au {record} medicare={}", plant(AU_MEDICARE, &f.medicare())),
            8 => {
                let (key, bad) = match f.int(0..=5) {
                    0 => ("bsn", spoil(&f.bsn())),
                    1 => ("pesel", spoil(&f.pesel())),
                    2 => ("rrn", spoil(&f.rrn())),
                    3 => ("my_number", spoil(&f.my_number())),
                    4 => ("nric", spoil(&f.nric())),
                    _ => ("resident_id", spoil(&f.china_id())),
                };
                format!("{time} reject {record} {key}={bad} reason=checksum")
            }
            _ => {
                let shape = match f.int(0..=3) {
                    0 => f.pesel(),
                    1 => f.china_id(),
                    2 => f.my_number().replace(' ', ""),
                    _ => f.bsn().replace('.', ""),
                };
                format!("{time} sync batch committed; upstream sequence cursor moved to {shape}")
            }
        };
        doc.line(line);
    }
}
