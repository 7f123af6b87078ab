//! Labelled corpus files for the catalogue's national ids, taxpayer ids, passports, residence and social-security numbers, with the ids beyond Macie's catalogue.
//! Files go under `core/national_ids/`; every id in `DETECTORS` needs at least `MIN_PLANTED` planted values.
//!
//! Every checksum is computed again here (never by calling the crate), so a slip in a validator
//! shows up as a miss instead of being copied into the labels. Decoys are the same shapes with a
//! failing check next to the keyword, and valid-looking numbers 30+ characters from any keyword
//! (order numbers, ticket references).

use super::{Doc, Fake, Generate, plant};

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
];

/// This family's labelled files, in the order expected.jsonl lists them.
pub(crate) const FILES: &[(&str, Generate)] = &[
    ("core/national_ids/latam_onboarding.jsonl", latam_onboarding_jsonl),
    ("core/national_ids/facturacion.log", facturacion_log),
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
