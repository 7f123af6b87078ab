//! Postal addresses and codes: Brazil's CEP (8 digits, `01310-100`), and whole addresses of the
//! eight countries Macie's ADDRESS covers, whose postal code must fit the country's format and the
//! state, province or region written beside it.
//! Invariant: no allocation; the value is read from its end (postal code, region) backwards.

use super::{Digits, all_same};

/// Brazil CEP: 8 digits, written 01310-100, 01310100 or 01.310-100. The first digit is the region
/// (0 São Paulo metro to 9 the South); 00000-000 to 00999-999 are unassigned.
pub(super) fn brazil_cep(value: &[u8]) -> bool {
    let Some(digits) = Digits::<8>::parse(value, b".-") else {
        return false;
    };
    digits.len() == 8 && !all_same(&digits) && !(digits[0] == 0 && digits[1] == 0)
}

/// US states (and DC, PR) and the first digit of their ZIP codes.
#[rustfmt::skip]
const US_STATES: &[(&[u8], u8)] = &[
    (b"CT", 0), (b"MA", 0), (b"ME", 0), (b"NH", 0), (b"NJ", 0), (b"PR", 0), (b"RI", 0), (b"VT", 0),
    (b"DE", 1), (b"NY", 1), (b"PA", 1),
    (b"DC", 2), (b"MD", 2), (b"NC", 2), (b"SC", 2), (b"VA", 2), (b"WV", 2),
    (b"AL", 3), (b"FL", 3), (b"GA", 3), (b"MS", 3), (b"TN", 3),
    (b"IN", 4), (b"KY", 4), (b"MI", 4), (b"OH", 4),
    (b"IA", 5), (b"MN", 5), (b"MT", 5), (b"ND", 5), (b"SD", 5), (b"WI", 5),
    (b"IL", 6), (b"KS", 6), (b"MO", 6), (b"NE", 6),
    (b"AR", 7), (b"LA", 7), (b"OK", 7), (b"TX", 7),
    (b"AZ", 8), (b"CO", 8), (b"ID", 8), (b"NM", 8), (b"NV", 8), (b"UT", 8), (b"WY", 8),
    (b"AK", 9), (b"CA", 9), (b"HI", 9), (b"OR", 9), (b"WA", 9),
];

/// Canadian provinces and territories and the first letters of their postal codes.
#[rustfmt::skip]
const CA_PROVINCES: &[(&[u8], &[u8])] = &[
    (b"NL", b"A"), (b"NS", b"B"), (b"PE", b"C"), (b"NB", b"E"), (b"QC", b"GHJ"), (b"ON", b"KLMNP"),
    (b"MB", b"R"), (b"SK", b"S"), (b"AB", b"T"), (b"BC", b"V"), (b"NT", b"X"), (b"NU", b"X"), (b"YT", b"Y"),
];

/// Inclusive postcode ranges.
type Ranges = &'static [(u16, u16)];

/// Australian states and territories and their postcode ranges.
#[rustfmt::skip]
const AU_STATES: &[(&[u8], Ranges)] = &[
    (b"NSW", &[(1000, 2599), (2619, 2899), (2921, 2999)]),
    (b"ACT", &[(200, 299), (2600, 2618), (2900, 2920)]),
    (b"VIC", &[(3000, 3999), (8000, 8999)]),
    (b"QLD", &[(4000, 4999), (9000, 9999)]),
    (b"SA", &[(5000, 5999)]),
    (b"WA", &[(6000, 6999)]),
    (b"TAS", &[(7000, 7999)]),
    (b"NT", &[(800, 999)]),
];

/// UK postcode areas (the letters before the first digit).
#[rustfmt::skip]
const UK_AREAS: &[&[u8]] = &[
    b"AB", b"AL", b"B", b"BA", b"BB", b"BD", b"BH", b"BL", b"BN", b"BR", b"BS", b"BT", b"CA", b"CB", b"CF",
    b"CH", b"CM", b"CO", b"CR", b"CT", b"CV", b"CW", b"DA", b"DD", b"DE", b"DG", b"DH", b"DL", b"DN", b"DT",
    b"DY", b"E", b"EC", b"EH", b"EN", b"EX", b"FK", b"FY", b"G", b"GL", b"GU", b"GY", b"HA", b"HD", b"HG",
    b"HP", b"HR", b"HS", b"HU", b"HX", b"IG", b"IM", b"IP", b"IV", b"JE", b"KA", b"KT", b"KW", b"KY", b"L",
    b"LA", b"LD", b"LE", b"LL", b"LN", b"LS", b"LU", b"M", b"ME", b"MK", b"ML", b"N", b"NE", b"NG", b"NN",
    b"NP", b"NR", b"NW", b"OL", b"OX", b"PA", b"PE", b"PH", b"PL", b"PO", b"PR", b"RG", b"RH", b"RM", b"S",
    b"SA", b"SE", b"SG", b"SK", b"SL", b"SM", b"SN", b"SO", b"SP", b"SR", b"SS", b"ST", b"SW", b"SY", b"TA",
    b"TD", b"TF", b"TN", b"TQ", b"TR", b"TS", b"TW", b"UB", b"W", b"WA", b"WC", b"WD", b"WF", b"WN", b"WR",
    b"WS", b"WV", b"YO", b"ZE",
];

/// A street line, a city and a postal code (see the ADDRESS detector): the code must have the
/// format of the country the address is written in, and fit the state, province or area given.
pub(super) fn address(value: &[u8]) -> bool {
    let value = value.trim_ascii_end();
    let words: [&[u8]; 3] = last_words(value);
    match words {
        // US: "..., CA 94043" or "..., CA 94043-1351".
        [_, state, zip] if is_zip(zip) => US_STATES
            .iter()
            .any(|(code, digit)| *code == state && zip[0] - b'0' == *digit),
        // Canada: "..., ON K1A 0B1".
        [province, first, second]
            if first.len() == 3 && second.len() == 3 && CA_PROVINCES.iter().any(|(code, _)| *code == province) =>
        {
            is_canadian(first, second)
                && CA_PROVINCES
                    .iter()
                    .any(|(code, letters)| *code == province && letters.contains(&first[0]))
        }
        // UK: "..., Leeds LS1 4AP".
        [_, outward, inward] if is_uk_postcode(outward, inward) => {
            let area_len = outward.iter().take_while(|b| b.is_ascii_uppercase()).count();
            UK_AREAS.contains(&&outward[..area_len])
        }
        // Australia: "..., Sydney NSW 2000".
        [_, state, code] if code.len() == 4 && code.iter().all(u8::is_ascii_digit) => {
            let Some(number) = digits_value(code) else { return false };
            AU_STATES.iter().any(|(name, ranges)| {
                *name == state && ranges.iter().any(|&(first, last)| (first..=last).contains(&number))
            })
        }
        _ => european(value),
    }
}

/// France, Germany, Italy and Spain write a 5-digit code before the city; the street type says
/// which country, and the code's leading digits must be a department, region or province in use.
fn european(value: &[u8]) -> bool {
    let Some(code) = value
        .windows(7)
        .rev()
        .find(|w| matches!(w[0], b' ' | b'\n') && w[1..6].iter().all(u8::is_ascii_digit) && w[6] == b' ')
        .map(|w| &w[1..6])
    else {
        return false;
    };
    let Some(prefix) = digits_value(&code[..2]) else {
        return false;
    };
    let has = |words: &[&[u8]]| words.iter().any(|word| contains_ignore_case(value, word));
    if has(&[
        b"stra\xc3\x9fe",
        b"strasse",
        b"str.",
        b"weg ",
        b"platz",
        b"allee",
        b"gasse",
        b"ring ",
        b"damm",
    ]) {
        // German postal regions 01-99; 05, 43 and 62 are not assigned.
        prefix >= 1 && !matches!(prefix, 5 | 43 | 62)
    } else if has(&[b"via ", b"viale ", b"piazza", b"corso ", b"largo ", b"vicolo "]) {
        // Italian CAPs run from 00010 to 98168.
        prefix <= 98 && code != b"00000"
    } else if has(&[
        b"calle ",
        b"c/ ",
        b"avenida ",
        b"avda",
        b"paseo ",
        b"plaza ",
        b"carrer ",
        b"ronda ",
    ]) {
        // Spanish codes start with the province number, 01-52.
        (1..=52).contains(&prefix)
    } else {
        // French departments 01-95, overseas 97 and 98 (Corsica's 2A and 2B use 20).
        (1..=95).contains(&prefix) || prefix == 97 || prefix == 98
    }
}

/// The last three space-separated words of `value` (fewer at the start are empty).
fn last_words(value: &[u8]) -> [&[u8]; 3] {
    let mut words: [&[u8]; 3] = [b"", b"", b""];
    let mut rest = value;
    for slot in (0..3).rev() {
        let start = rest
            .iter()
            .rposition(|b| matches!(b, b' ' | b',' | b'\n'))
            .map_or(0, |i| i + 1);
        words[slot] = &rest[start..];
        rest = rest[..start].trim_ascii_end();
        rest = rest.strip_suffix(b",").unwrap_or(rest);
    }
    words
}

fn is_zip(word: &[u8]) -> bool {
    match word.len() {
        5 => word.iter().all(u8::is_ascii_digit),
        10 => word[5] == b'-' && word[..5].iter().chain(&word[6..]).all(u8::is_ascii_digit),
        _ => false,
    }
}

/// A1A 1A1 with the letters Canada Post uses (no D, F, I, O, Q or U; no W or Z first).
fn is_canadian(first: &[u8], second: &[u8]) -> bool {
    let letter = |b: &u8| b.is_ascii_uppercase() && !b"DFIOQU".contains(b);
    matches!(first, [a, b, c] if letter(a) && !b"WZ".contains(a) && b.is_ascii_digit() && letter(c))
        && matches!(second, [a, b, c] if a.is_ascii_digit() && letter(b) && c.is_ascii_digit())
}

/// Outward code (A9, A9A, A99, AA9, AA9A, AA99) and inward code (9AA).
fn is_uk_postcode(outward: &[u8], inward: &[u8]) -> bool {
    let area = outward.iter().take_while(|b| b.is_ascii_uppercase()).count();
    let district = &outward[area..];
    let district_ok = match district {
        [d] | [d, _] if d.is_ascii_digit() => district.iter().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()),
        _ => false,
    };
    (1..=2).contains(&area)
        && district_ok
        && matches!(inward, [d, a, b] if d.is_ascii_digit() && a.is_ascii_uppercase() && b.is_ascii_uppercase())
}

fn digits_value(digits: &[u8]) -> Option<u16> {
    digits
        .iter()
        .try_fold(0u16, |n, &b| b.is_ascii_digit().then(|| n * 10 + u16::from(b - b'0')))
}

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_checks_us_zip_against_state() {
        assert!(address(b"1600 Amphitheatre Pkwy, Mountain View, CA 94043"));
        assert!(address(b"350 Fifth Avenue\nNew York, NY 10118-0110"));
        assert!(!address(b"1600 Amphitheatre Pkwy, Mountain View, CA 14043"));
        assert!(!address(b"12 Main St, Springfield, XX 62704"));
    }

    #[test]
    fn address_checks_canadian_postal_code_against_province() {
        assert!(address(b"290 Bremner Blvd, Toronto, ON M5V 3L9"));
        assert!(!address(b"290 Bremner Blvd, Toronto, BC M5V 3L9"));
        assert!(!address(b"290 Bremner Blvd, Toronto, ON M5V 3LD"));
    }

    #[test]
    fn address_checks_uk_postcode_area() {
        assert!(address(b"10 Downing Street, London SW1A 2AA"));
        assert!(address(b"12 High Street, Leeds LS1 4AP"));
        assert!(!address(b"12 High Street, Leeds QQ1 4AP"));
    }

    #[test]
    fn address_checks_australian_postcode_against_state() {
        assert!(address(b"10 George Street, Sydney NSW 2000"));
        assert!(!address(b"10 George Street, Sydney VIC 2000"));
    }

    #[test]
    fn address_checks_european_codes_by_street_type() {
        assert!(address(b"12 rue de la Paix, 75002 Paris"));
        assert!(address("Hauptstra\u{df}e 5, 10115 Berlin".as_bytes()));
        assert!(address(b"Via Roma 12, 00184 Roma"));
        assert!(address(b"Calle Mayor 5, 28013 Madrid"));
        assert!(!address(b"12 rue de la Paix, 96002 Paris"));
        assert!(!address(b"Calle Mayor 5, 58013 Madrid"));
        assert!(!address(b"Berliner Str. 5, 05115 Berlin"));
    }

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
