//! IBAN (ISO 13616): country from the SWIFT registry, BBAN shape and length for that country, and the
//! mod-97 check digits; also the per-country Amazon Macie id.
//! Invariant: an accepted value, read as a number with its first four characters moved to the end
//! and letters as 10-35, leaves remainder 1 modulo 97.

/// Longest IBAN the standard allows.
const MAX_LEN: usize = 34;

struct Country {
    code: [u8; 2],
    /// BBAN structure in the registry's notation: `8!n` 8 digits, `4!a` 4 capitals, `12!c` 12 of either.
    bban: &'static str,
    macie_id: Option<&'static str>,
}

const fn country(code: &[u8; 2], bban: &'static str, macie_id: Option<&'static str>) -> Country {
    Country {
        code: *code,
        bban,
        macie_id,
    }
}

/// SWIFT IBAN registry (as in python-stdnum's iban.dat), sorted by code for binary search, plus
/// Senegal: not in the registry, but its IBANs are in use and Macie has an id for them. The 52 Macie
/// ids are exactly those in the Macie user guide (see /work/shared/reference/macie.md, Financial).
const COUNTRIES: &[Country] = &[
    country(b"AD", "4!n4!n12!c", Some("ANDORRA_BANK_ACCOUNT_NUMBER")),
    country(b"AE", "3!n16!n", Some("UNITED_ARAB_EMIRATES_BANK_ACCOUNT_NUMBER")),
    country(b"AL", "8!n16!c", Some("ALBANIA_BANK_ACCOUNT_NUMBER")),
    country(b"AT", "5!n11!n", None),
    country(b"AZ", "4!a20!c", None),
    country(
        b"BA",
        "3!n3!n8!n2!n",
        Some("BOSNIA_AND_HERZEGOVINA_BANK_ACCOUNT_NUMBER"),
    ),
    country(b"BE", "3!n7!n2!n", None),
    country(b"BG", "4!a4!n2!n8!c", Some("BULGARIA_BANK_ACCOUNT_NUMBER")),
    country(b"BH", "4!a14!c", None),
    country(b"BI", "5!n5!n11!n2!n", None),
    country(b"BR", "8!n5!n10!n1!a1!c", Some("BRAZIL_BANK_ACCOUNT_NUMBER")),
    country(b"BY", "4!c4!n16!c", None),
    country(b"CH", "5!n12!c", Some("SWITZERLAND_BANK_ACCOUNT_NUMBER")),
    country(b"CR", "4!n14!n", Some("COSTA_RICA_BANK_ACCOUNT_NUMBER")),
    country(b"CY", "3!n5!n16!c", Some("CYPRUS_BANK_ACCOUNT_NUMBER")),
    country(b"CZ", "4!n6!n10!n", Some("CZECH_REPUBLIC_BANK_ACCOUNT_NUMBER")),
    country(b"DE", "8!n10!n", Some("GERMANY_BANK_ACCOUNT_NUMBER")),
    country(b"DJ", "5!n5!n11!n2!n", None),
    country(b"DK", "4!n9!n1!n", Some("DENMARK_BANK_ACCOUNT_NUMBER")),
    country(b"DO", "4!c20!n", Some("DOMINICAN_REPUBLIC_BANK_ACCOUNT_NUMBER")),
    country(b"EE", "2!n14!n", Some("ESTONIA_BANK_ACCOUNT_NUMBER")),
    country(b"EG", "4!n4!n17!n", Some("EGYPT_BANK_ACCOUNT_NUMBER")),
    country(b"ES", "4!n4!n1!n1!n10!n", Some("SPAIN_BANK_ACCOUNT_NUMBER")),
    country(b"FI", "3!n11!n", Some("FINLAND_BANK_ACCOUNT_NUMBER")),
    country(b"FK", "2!a12!n", None),
    country(b"FO", "4!n9!n1!n", Some("FAROE_ISLANDS_BANK_ACCOUNT_NUMBER")),
    country(b"FR", "5!n5!n11!c2!n", Some("FRANCE_BANK_ACCOUNT_NUMBER")),
    country(b"GB", "4!a6!n8!n", Some("UK_BANK_ACCOUNT_NUMBER")),
    country(b"GE", "2!a16!n", Some("GEORGIA_BANK_ACCOUNT_NUMBER")),
    country(b"GI", "4!a15!c", None),
    country(b"GL", "4!n9!n1!n", Some("GREENLAND_BANK_ACCOUNT_NUMBER")),
    country(b"GR", "3!n4!n16!c", Some("GREECE_BANK_ACCOUNT_NUMBER")),
    country(b"GT", "4!c20!c", None),
    country(b"HN", "4!a20!n", None),
    country(b"HR", "7!n10!n", Some("CROATIA_BANK_ACCOUNT_NUMBER")),
    country(b"HU", "3!n4!n1!n15!n1!n", Some("HUNGARY_BANK_ACCOUNT_NUMBER")),
    country(b"IE", "4!a6!n8!n", Some("IRELAND_BANK_ACCOUNT_NUMBER")),
    country(b"IL", "3!n3!n13!n", None),
    country(b"IQ", "4!a3!n12!n", None),
    country(b"IS", "4!n2!n6!n10!n", Some("ICELAND_BANK_ACCOUNT_NUMBER")),
    country(b"IT", "1!a5!n5!n12!c", Some("ITALY_BANK_ACCOUNT_NUMBER")),
    country(b"JO", "4!a4!n18!c", Some("JORDAN_BANK_ACCOUNT_NUMBER")),
    country(b"KW", "4!a22!c", None),
    country(b"KZ", "3!n13!c", None),
    country(b"LB", "4!n20!c", None),
    country(b"LC", "4!a24!c", None),
    country(b"LI", "5!n12!c", Some("LIECHTENSTEIN_BANK_ACCOUNT_NUMBER")),
    country(b"LT", "5!n11!n", Some("LITHUANIA_BANK_ACCOUNT_NUMBER")),
    country(b"LU", "3!n13!c", None),
    country(b"LV", "4!a13!c", None),
    country(b"LY", "3!n3!n15!n", None),
    country(b"MC", "5!n5!n11!c2!n", Some("MONACO_BANK_ACCOUNT_NUMBER")),
    country(b"MD", "2!c18!c", None),
    country(b"ME", "3!n13!n2!n", Some("MONTENEGRO_BANK_ACCOUNT_NUMBER")),
    country(b"MK", "3!n10!c2!n", Some("NORTH_MACEDONIA_BANK_ACCOUNT_NUMBER")),
    country(b"MN", "4!n12!n", None),
    country(b"MR", "5!n5!n11!n2!n", Some("MAURITANIA_BANK_ACCOUNT_NUMBER")),
    country(b"MT", "4!a5!n18!c", Some("MALTA_BANK_ACCOUNT_NUMBER")),
    country(b"MU", "4!a2!n2!n12!n3!n3!a", Some("MAURITIUS_BANK_ACCOUNT_NUMBER")),
    country(b"NI", "4!a20!n", None),
    country(b"NL", "4!a10!n", Some("NETHERLANDS_BANK_ACCOUNT_NUMBER")),
    country(b"NO", "4!n6!n1!n", None),
    country(b"OM", "3!n16!c", None),
    country(b"PK", "4!a16!c", None),
    country(b"PL", "8!n16!n", Some("POLAND_BANK_ACCOUNT_NUMBER")),
    country(b"PS", "4!a21!c", None),
    country(b"PT", "4!n4!n11!n2!n", Some("PORTUGAL_BANK_ACCOUNT_NUMBER")),
    country(b"QA", "4!a21!c", None),
    country(b"RO", "4!a16!c", None),
    country(b"RS", "3!n13!n2!n", Some("SERBIA_BANK_ACCOUNT_NUMBER")),
    country(b"RU", "9!n5!n15!c", None),
    country(b"SA", "2!n18!c", None),
    country(b"SC", "4!a2!n2!n16!n3!a", None),
    country(b"SD", "2!n12!n", None),
    country(b"SE", "3!n16!n1!n", Some("SWEDEN_BANK_ACCOUNT_NUMBER")),
    country(b"SI", "5!n8!n2!n", Some("SLOVENIA_BANK_ACCOUNT_NUMBER")),
    country(b"SK", "4!n6!n10!n", Some("SLOVAKIA_BANK_ACCOUNT_NUMBER")),
    country(b"SM", "1!a5!n5!n12!c", Some("SAN_MARINO_BANK_ACCOUNT_NUMBER")),
    country(b"SN", "2!c22!n", Some("SENEGAL_BANK_ACCOUNT_NUMBER")),
    country(b"SO", "4!n3!n12!n", None),
    country(b"ST", "8!n11!n2!n", None),
    country(b"SV", "4!a20!n", None),
    country(b"TL", "3!n14!n2!n", Some("TIMOR_LESTE_BANK_ACCOUNT_NUMBER")),
    country(b"TN", "2!n3!n13!n2!n", Some("TUNISIA_BANK_ACCOUNT_NUMBER")),
    country(b"TR", "5!n1!n16!c", Some("TURKIYE_BANK_ACCOUNT_NUMBER")),
    country(b"UA", "6!n19!c", Some("UKRAINE_BANK_ACCOUNT_NUMBER")),
    country(b"VA", "3!n15!n", None),
    country(b"VG", "4!a16!n", Some("VIRGIN_ISLANDS_BANK_ACCOUNT_NUMBER")),
    country(b"XK", "4!n10!n2!n", Some("KOSOVO_BANK_ACCOUNT_NUMBER")),
    country(b"YE", "4!a4!n18!c", None),
];

/// The IBAN in electronic form: separators (space, hyphen, as Macie accepts) dropped, letters upper-cased.
/// BBANs share it (`bban.rs`).
pub(super) struct Compact {
    chars: [u8; MAX_LEN],
    len: usize,
}

impl Compact {
    /// None when a byte other than a letter, digit, space or hyphen appears, or the value is longer
    /// than the longest IBAN.
    pub(super) fn parse(value: &[u8]) -> Option<Self> {
        let mut compact = Compact {
            chars: [0; MAX_LEN],
            len: 0,
        };
        for &byte in value {
            match byte {
                b' ' | b'-' => continue,
                b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z' => {
                    *compact.chars.get_mut(compact.len)? = byte.to_ascii_uppercase();
                    compact.len += 1;
                }
                _ => return None,
            }
        }
        Some(compact)
    }

    pub(super) fn as_slice(&self) -> &[u8] {
        &self.chars[..self.len]
    }

    fn country(&self) -> Option<&'static Country> {
        let code = self.as_slice().get(..2)?;
        let index = COUNTRIES
            .binary_search_by(|country| country.code.as_slice().cmp(code))
            .ok()?;
        Some(&COUNTRIES[index])
    }
}

pub(super) fn iban(value: &[u8]) -> bool {
    let Some(compact) = Compact::parse(value) else {
        return false;
    };
    let Some(country) = compact.country() else {
        return false;
    };
    let Some((head, bban)) = compact.as_slice().split_at_checked(4) else {
        return false;
    };
    // Check digits are 98 minus a remainder, so 02-98; 00, 01 and 99 pass mod 97 only by accident.
    let check_digits_possible =
        head[2].is_ascii_digit() && head[3].is_ascii_digit() && !matches!(&head[2..], b"00" | b"01" | b"99");
    check_digits_possible && bban_matches(country.bban, bban) && mod97(bban, head) == 1
}

pub(super) fn macie_id(value: &[u8]) -> Option<&'static str> {
    Compact::parse(value)?.country()?.macie_id
}

/// Walks the registry notation (`<count>!<class>` segments) over the BBAN; the BBAN must be used up
/// exactly, so this also checks the country's length.
fn bban_matches(format: &str, bban: &[u8]) -> bool {
    let mut rest = bban;
    let mut count = 0;
    for &symbol in format.as_bytes() {
        match symbol {
            b'0'..=b'9' => count = count * 10 + usize::from(symbol - b'0'),
            b'!' => {}
            class => {
                let Some((segment, tail)) = rest.split_at_checked(count) else {
                    return false;
                };
                let fits = |byte: &u8| match class {
                    b'n' => byte.is_ascii_digit(),
                    b'a' => byte.is_ascii_uppercase(),
                    _ => byte.is_ascii_alphanumeric(),
                };
                if !segment.iter().all(fits) {
                    return false;
                }
                rest = tail;
                count = 0;
            }
        }
    }
    rest.is_empty()
}

/// Remainder of BBAN + country + check digits, letters as two digits (A = 10), computed digit by
/// digit so the 30-odd-digit number never has to exist.
fn mod97(bban: &[u8], head: &[u8]) -> u32 {
    bban.iter().chain(head).fold(0, |remainder, &char| match char {
        b'0'..=b'9' => (remainder * 10 + u32::from(char - b'0')) % 97,
        _ => (remainder * 100 + u32::from(char - b'A') + 10) % 97,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iban_accepts_registry_examples() {
        for value in [
            "GB82WEST12345698765432",
            "DE89370400440532013000",
            "FR1420041010050500013M02606",
            "NO9386011117947",
            "MT84MALT011000012345MTLCAST001S",
            "BR1800360305000010009795493C1",
            "RU0204452560040702810412345678901",
            "LC55HEMM000100010012001200023015",
            "SN08SN0100152000048500003035",
        ] {
            assert!(iban(value.as_bytes()), "{value}");
        }
    }

    #[test]
    fn iban_accepts_print_format_and_lower_case() {
        assert!(iban(b"GB82 WEST 1234 5698 7654 32"));
        assert!(iban(b"GB82-WEST-1234-5698-7654-32"));
        assert!(iban(b"gb82west12345698765432"));
    }

    #[test]
    fn iban_rejects_single_character_change() {
        assert!(!iban(b"GB82WEST12345698765431"));
        assert!(!iban(b"GB82WEST12345698765433"));
    }

    #[test]
    fn iban_rejects_wrong_length_for_country() {
        assert!(!iban(b"DE89370400440532013"));
        assert!(!iban(b"DE8937040044053201300000"));
    }

    #[test]
    fn iban_rejects_bban_of_wrong_shape() {
        // GB's bank code is four letters; the same characters rotated keep the length but not the shape.
        assert!(!iban(b"GB82123456WEST98765432"));
    }

    #[test]
    fn iban_rejects_unknown_country() {
        assert!(!iban(b"US82WEST12345698765432"));
        assert!(!iban(b"XX"));
    }

    #[test]
    fn iban_rejects_impossible_check_digits() {
        // Each passes mod 97 (99 ≡ 02, 01 ≡ 98, 00 ≡ 97) but no issuer computes such digits.
        for (genuine, impossible) in [
            ("GB02WEST12345698765417", "GB99WEST12345698765417"),
            ("GB98WEST12345698765435", "GB01WEST12345698765435"),
            ("GB97WEST12345698765453", "GB00WEST12345698765453"),
        ] {
            assert!(iban(genuine.as_bytes()), "{genuine}");
            let (head, bban) = impossible.as_bytes().split_at(4);
            assert_eq!(mod97(bban, head), 1, "{impossible}");
            assert!(!iban(impossible.as_bytes()), "{impossible}");
        }
    }

    #[test]
    fn iban_rejects_other_bytes() {
        assert!(!iban(b"GB82.WEST.1234.5698.7654.32"));
    }

    #[test]
    fn countries_are_sorted_for_binary_search() {
        assert!(COUNTRIES.windows(2).all(|pair| pair[0].code < pair[1].code));
    }

    #[test]
    fn macie_has_52_per_country_ids() {
        assert_eq!(
            COUNTRIES.iter().filter(|country| country.macie_id.is_some()).count(),
            52
        );
    }

    #[test]
    fn macie_ids_are_exactly_macies_52_country_ids() {
        // The per-country IBAN identifiers of the Macie user guide's financial reference page.
        const MACIE: [&str; 52] = [
            "ALBANIA",
            "ANDORRA",
            "BOSNIA_AND_HERZEGOVINA",
            "BRAZIL",
            "BULGARIA",
            "COSTA_RICA",
            "CROATIA",
            "CYPRUS",
            "CZECH_REPUBLIC",
            "DENMARK",
            "DOMINICAN_REPUBLIC",
            "EGYPT",
            "ESTONIA",
            "FAROE_ISLANDS",
            "FINLAND",
            "FRANCE",
            "GEORGIA",
            "GERMANY",
            "GREECE",
            "GREENLAND",
            "HUNGARY",
            "ICELAND",
            "IRELAND",
            "ITALY",
            "JORDAN",
            "KOSOVO",
            "LIECHTENSTEIN",
            "LITHUANIA",
            "MALTA",
            "MAURITANIA",
            "MAURITIUS",
            "MONACO",
            "MONTENEGRO",
            "NETHERLANDS",
            "NORTH_MACEDONIA",
            "POLAND",
            "PORTUGAL",
            "SAN_MARINO",
            "SENEGAL",
            "SERBIA",
            "SLOVAKIA",
            "SLOVENIA",
            "SPAIN",
            "SWEDEN",
            "SWITZERLAND",
            "TIMOR_LESTE",
            "TUNISIA",
            "TURKIYE",
            "UK",
            "UKRAINE",
            "UNITED_ARAB_EMIRATES",
            "VIRGIN_ISLANDS",
        ];
        let mut ours: Vec<&str> = COUNTRIES.iter().filter_map(|country| country.macie_id).collect();
        ours.sort_unstable();
        let mut theirs: Vec<String> = MACIE.iter().map(|c| format!("{c}_BANK_ACCOUNT_NUMBER")).collect();
        theirs.sort_unstable();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn macie_id_names_the_country() {
        assert_eq!(macie_id(b"DE89370400440532013000"), Some("GERMANY_BANK_ACCOUNT_NUMBER"));
        assert_eq!(macie_id(b"GB82 WEST 1234 5698 7654 32"), Some("UK_BANK_ACCOUNT_NUMBER"));
        assert_eq!(
            macie_id(b"FR1420041010050500013M02606"),
            Some("FRANCE_BANK_ACCOUNT_NUMBER")
        );
        assert_eq!(macie_id(b"NO9386011117947"), None);
    }
}
