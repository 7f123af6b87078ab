//! Validators: checksum and structural checks named from the detector files. Each function takes the
//! value exactly as matched (separators included) and says whether it is a genuine identifier.
//! Invariant: a validator never panics and never allocates on the heap, whatever bytes it is given.
//! The one exception is `jwt`, which decodes into a `Vec` for serde_json (JWTs are rare).

mod aba;
mod address;
mod basic_auth;
mod bban;
mod bech32;
mod birth_date;
mod canada_health;
mod card_data;
mod cookie;
mod coordinates;
mod date;
mod dea;
mod ehic;
mod email;
mod hicn;
mod iban;
mod icao;
mod ip;
mod iso7064;
mod italy;
mod jwt;
mod licences;
mod luhn;
mod macaroon;
mod mbi;
mod mexico;
mod name;
mod ndc;
mod nhs;
mod npi;
mod pem;
mod phone;
mod secrets;
mod spain;
mod structure;
mod sube;
mod tokens;
mod udi;
mod uk;
mod usa;
mod verhoeff;
mod vin;
mod weighted;

use std::ops::Deref;

/// A named check that a detector file can refer to with `validator = "name"`.
#[derive(Debug)]
pub struct Validator {
    pub name: &'static str,
    pub description: &'static str,
    pub check: fn(&[u8]) -> bool,
    /// For validators that know a finer Macie id from the value (IBAN's country).
    #[allow(clippy::type_complexity, reason = "the shared interface spells the fn type out")]
    pub macie_id: Option<fn(&[u8]) -> Option<&'static str>>,
}

/// Ordered by name, so `names()` lists them the way a reader looks for them.
static VALIDATORS: &[Validator] = &[
    Validator {
        name: "aadhaar",
        description: "Indian Aadhaar: 12 digits, first 2-9, Verhoeff check digit",
        check: verhoeff::aadhaar,
        macie_id: None,
    },
    Validator {
        name: "aba_routing",
        description: "US ABA routing number: 9 digits, 3-7-1 weighted checksum, Federal Reserve prefix",
        check: aba::aba_routing,
        macie_id: None,
    },
    Validator {
        name: "address",
        description: "Postal address: the country's postal-code format, consistent with the state, province or area",
        check: address::address,
        macie_id: None,
    },
    Validator {
        name: "age_secret_key",
        description: "age X25519 identity: AGE-SECRET-KEY-1 and 58 Bech32 characters with a valid checksum",
        check: bech32::age_secret_key,
        macie_id: None,
    },
    Validator {
        name: "argentina_cuil",
        description: "Argentina CUIL: 11 digits, prefix 20/23/24/27, AFIP mod-11 check digit",
        check: weighted::argentina_cuil,
        macie_id: None,
    },
    Validator {
        name: "argentina_cuit",
        description: "Argentina CUIT of an organisation: 11 digits, prefix 30/33/34/50/51/55, mod-11 check digit",
        check: weighted::argentina_cuit,
        macie_id: None,
    },
    Validator {
        name: "argentina_dni",
        description: "Argentina DNI: 7-8 digits, thousands dots in place, not filler",
        check: structure::argentina_dni,
        macie_id: None,
    },
    Validator {
        name: "argentina_sube",
        description: "Argentina SUBE card: 16 digits starting 6061, Luhn, consistent separators",
        check: sube::argentina_sube,
        macie_id: None,
    },
    Validator {
        name: "australia_medicare",
        description: "Australia Medicare card: 10-11 digits, first 2-6, weighted mod-10 check digit",
        check: weighted::australia_medicare,
        macie_id: None,
    },
    Validator {
        name: "australia_tfn",
        description: "Australia Tax File Number: 8-9 digits, weighted sum divisible by 11",
        check: weighted::australia_tfn,
        macie_id: None,
    },
    Validator {
        name: "aws_secret_key",
        description: "AWS secret access key: 40 base64 characters mixing digits, upper and lower case, not a source path",
        check: secrets::aws_secret_key,
        macie_id: None,
    },
    Validator {
        name: "basic_auth",
        description: "HTTP Basic credential: base64 of UTF-8 `user:password` with a password",
        check: basic_auth::basic_auth,
        macie_id: None,
    },
    Validator {
        name: "brazil_cep",
        description: "Brazil CEP postal code: 8 digits, not in the unassigned 00xxx-xxx block",
        check: address::brazil_cep,
        macie_id: None,
    },
    Validator {
        name: "brazil_cnpj",
        description: "Brazil CNPJ: 12 digits or capitals and two mod-11 check digits",
        check: weighted::brazil_cnpj,
        macie_id: None,
    },
    Validator {
        name: "brazil_cpf",
        description: "Brazil CPF: 11 digits, two mod-11 check digits, not one repeated digit",
        check: weighted::brazil_cpf,
        macie_id: None,
    },
    Validator {
        name: "brazil_rg",
        description: "Brazil RG (São Paulo form): 8 digits and a mod-11 check digit or X",
        check: weighted::brazil_rg,
        macie_id: None,
    },
    Validator {
        name: "canada_drivers_licence",
        description: "Canadian driver's licence: Ontario's embedded birth date exists; other provinces not filler",
        check: licences::canada_drivers_licence,
        macie_id: None,
    },
    Validator {
        name: "canada_health_number",
        description: "Canadian health number: Ontario 10 digits Luhn (+ version code), BC 9 + mod-11, Quebec RAMQ letters + birth month and day",
        check: canada_health::canada_health_number,
        macie_id: None,
    },
    Validator {
        name: "canada_sin",
        description: "Canadian Social Insurance Number: 9 digits, Luhn, not starting with 0 or 8",
        check: luhn::canada_sin,
        macie_id: None,
    },
    Validator {
        name: "card_expiry",
        description: "Card expiry: one month (1-12) and one year, as 02/26, Feb 2026, 2026-02 or expY=2026, expM=02; no day",
        check: card_data::card_expiry,
        macie_id: None,
    },
    Validator {
        name: "chile_rut",
        description: "Chile RUN/RUT: 7-8 digits, dash, mod-11 check digit 0-9 or K",
        check: weighted::chile_rut,
        macie_id: None,
    },
    Validator {
        name: "china_resident_id",
        description: "China resident identity card: region, birth date, ISO 7064 MOD 11-2 check (0-9, X)",
        check: iso7064::china_resident_id,
        macie_id: None,
    },
    Validator {
        name: "colombia_cedula",
        description: "Colombia cédula de ciudadanía: 6-10 digits, thousands dots in place, not filler",
        check: structure::colombia_cedula,
        macie_id: None,
    },
    Validator {
        name: "colombia_nit_individual",
        description: "Colombia NIT of a person: cédula number and DIAN mod-11 check digit",
        check: weighted::colombia_nit_individual,
        macie_id: None,
    },
    Validator {
        name: "colombia_nit_organization",
        description: "Colombia NIT of a company: 9 digits from 8 or 9 and DIAN mod-11 check digit",
        check: weighted::colombia_nit_organization,
        macie_id: None,
    },
    Validator {
        name: "credit_card",
        description: "Payment card number: 13-19 digits, Luhn, known issuer prefix and length, tidy grouping",
        check: luhn::credit_card,
        macie_id: None,
    },
    Validator {
        name: "date",
        description: "Calendar date 1900-2026 in a common numeric or English written form",
        check: date::date,
        macie_id: None,
    },
    Validator {
        name: "de_bban",
        description: "German BBAN: Bankleitzahl (8 digits, clearing area 1-8) and 10-digit account, no IBAN prefix",
        check: bban::de_bban,
        macie_id: None,
    },
    Validator {
        name: "discord_token",
        description: "Discord bot token: the first part is base64 of a 17-20 digit user id",
        check: tokens::discord_token,
        macie_id: None,
    },
    Validator {
        name: "ehic_number",
        description: "European Health Insurance Card number: 20 digits, 80 + an EHIC country's ISO numeric code, serial not filler",
        check: ehic::ehic_number,
        macie_id: None,
    },
    Validator {
        name: "email",
        description: "Email address with a plausible domain, not an asset name such as icon@2x.png",
        check: email::email,
        macie_id: None,
    },
    Validator {
        name: "es_bban",
        description: "Spanish BBAN (CCC): entity, office, two mod-11 check digits, 10-digit account",
        check: bban::es_bban,
        macie_id: None,
    },
    Validator {
        name: "finland_drivers_licence",
        description: "Finnish licence (henkilötunnus): birth date, century sign, individual number, mod-31 check character",
        check: licences::finland_drivers_licence,
        macie_id: None,
    },
    Validator {
        name: "finland_ehic",
        description: "Finnish EHIC number: 20 digits starting 8024680246 (Kela), serial not filler",
        check: ehic::finland_ehic,
        macie_id: None,
    },
    Validator {
        name: "fr_bban",
        description: "French BBAN (RIB): bank, branch, account and the mod-97 RIB key",
        check: bban::fr_bban,
        macie_id: None,
    },
    Validator {
        name: "france_nir",
        description: "France NIR (INSEE): sex, year, month, department (2A/2B), key 97 - n mod 97",
        check: iso7064::france_nir,
        macie_id: None,
    },
    Validator {
        name: "france_tax_id",
        description: "France SPI tax number: 13 digits, first 0-3, last three the first ten mod 511",
        check: iso7064::france_tax_id,
        macie_id: None,
    },
    Validator {
        name: "generic_secret",
        description: "Assigned secret: 16-128 letters and digits, 3.5 bits of entropy per character, no placeholder",
        check: secrets::generic_secret,
        macie_id: None,
    },
    Validator {
        name: "germany_drivers_licence",
        description: "German Führerschein number: 11 characters, weighted mod-11 check character at position 10",
        check: licences::germany_drivers_licence,
        macie_id: None,
    },
    Validator {
        name: "germany_id_card",
        description: "German identity card serial: 9 characters from L-Y, optional ICAO 7-3-1 check digit",
        check: icao::germany_id_card,
        macie_id: None,
    },
    Validator {
        name: "germany_passport",
        description: "German passport serial: 9 characters from C-K, optional ICAO 7-3-1 check digit",
        check: icao::germany_passport,
        macie_id: None,
    },
    Validator {
        name: "germany_tax_id",
        description: "German Steuer-IdNr: 11 digits, one digit repeated, ISO 7064 MOD 11,10",
        check: iso7064::germany_tax_id,
        macie_id: None,
    },
    Validator {
        name: "github_token",
        description: "GitHub token: gh[pousr]_ with its CRC32 base62 checksum, or a github_pat_ token",
        check: tokens::github_token,
        macie_id: None,
    },
    Validator {
        name: "hex_token",
        description: "Hexadecimal key or UUID: 3.0 bits of entropy per character, digits and letters a-f mixed",
        check: secrets::hex_token,
        macie_id: None,
    },
    Validator {
        name: "high_entropy",
        description: "Generic secret: at least 8 characters and 3.0 bits of Shannon entropy per character",
        check: secrets::high_entropy,
        macie_id: None,
    },
    Validator {
        name: "http_cookie",
        description: "HTTP cookie header value: a token name with a real value, not a documentation placeholder",
        check: cookie::http_cookie,
        macie_id: None,
    },
    Validator {
        name: "iban",
        description: "IBAN: registry country and length, BBAN shape, mod-97 check digits",
        check: iban::iban,
        macie_id: Some(iban::macie_id),
    },
    Validator {
        name: "india_drivers_licence",
        description: "Indian driving licence: state code, RTO code, year of issue 1950-2026, non-zero serial",
        check: licences::india_drivers_licence,
        macie_id: None,
    },
    Validator {
        name: "india_pan",
        description: "India PAN: 5 letters (4th the holder type), 4 digits not 0000, a letter",
        check: structure::india_pan,
        macie_id: None,
    },
    Validator {
        name: "ip_address",
        description: "IPv4 or IPv6 address in a globally routable unicast range (no private, loopback or documentation)",
        check: ip::ip_address,
        macie_id: None,
    },
    Validator {
        name: "it_bban",
        description: "Italian BBAN: CIN check letter, ABI, CAB and 12-character account",
        check: bban::it_bban,
        macie_id: None,
    },
    Validator {
        name: "italy_codice_fiscale",
        description: "Italy codice fiscale: name letters, birth date (omocodia allowed), check letter",
        check: italy::italy_codice_fiscale,
        macie_id: None,
    },
    Validator {
        name: "japan_my_number",
        description: "Japan My Number: 12 digits, mod-11 check digit",
        check: weighted::japan_my_number,
        macie_id: None,
    },
    Validator {
        name: "jwt",
        description: "JSON Web Token: base64url header with `alg` and a JSON object payload",
        check: jwt::jwt,
        macie_id: None,
    },
    Validator {
        name: "korea_rrn",
        description: "Korea resident registration number: birth date, century digit, region, mod-11 check",
        check: birth_date::korea_rrn,
        macie_id: None,
    },
    Validator {
        name: "latitude_longitude",
        description: "Decimal-degree pair: latitude within 90, longitude within 180, four or more decimals each",
        check: coordinates::latitude_longitude,
        macie_id: None,
    },
    Validator {
        name: "licence_number",
        description: "Licence number without a check digit: not one repeated digit or a straight run",
        check: licences::licence_number,
        macie_id: None,
    },
    Validator {
        name: "luhn",
        description: "Any 2-19 digit number passing the Luhn mod-10 check",
        check: luhn::luhn,
        macie_id: None,
    },
    Validator {
        name: "magnetic_stripe",
        description: "Magnetic stripe track 1 or 2 (ISO 7813): Luhn PAN, expiry month 01-12, valid service code",
        check: card_data::magnetic_stripe,
        macie_id: None,
    },
    Validator {
        name: "medical_device_udi",
        description: "Medical device UDI: GS1 (01) GTIN-14 mod-10 with real (11)/(17) dates, or HIBCC + labeler ... mod-43 check character",
        check: udi::udi,
        macie_id: None,
    },
    Validator {
        name: "mexico_curp",
        description: "Mexico CURP: initials, birth date, sex, state, mod-10 check digit",
        check: mexico::mexico_curp,
        macie_id: None,
    },
    Validator {
        name: "mexico_rfc_individual",
        description: "Mexico RFC of a person: 4 letters, date, homoclave with mod-11 check",
        check: mexico::mexico_rfc_individual,
        macie_id: None,
    },
    Validator {
        name: "mexico_rfc_organization",
        description: "Mexico RFC of a company: 3 letters, date, homoclave with mod-11 check",
        check: mexico::mexico_rfc_organization,
        macie_id: None,
    },
    Validator {
        name: "netherlands_bsn",
        description: "Netherlands BSN: 9 digits passing the 11-proef",
        check: weighted::netherlands_bsn,
        macie_id: None,
    },
    Validator {
        name: "no_filler",
        description: "Document number without a check digit: 5+ digits, not a repeated digit or straight run",
        check: structure::no_filler,
        macie_id: None,
    },
    Validator {
        name: "npm_token",
        description: "npm access token: npm_ with its CRC32 base62 checksum",
        check: tokens::npm_token,
        macie_id: None,
    },
    Validator {
        name: "password_value",
        description: "Assigned password: no placeholder, lookup, call or path; 8-128 characters of mixed classes",
        check: secrets::password_value,
        macie_id: None,
    },
    Validator {
        name: "pem_private_key",
        description: "PEM private key block with real base64 key material, not a placeholder",
        check: pem::pem_private_key,
        macie_id: None,
    },
    Validator {
        name: "person_name",
        description: "Personal name: 2-4 capitalised words, none naming an organisation, system or placeholder",
        check: name::person_name,
        macie_id: None,
    },
    Validator {
        name: "phone",
        description: "Phone number: 10-15 digits, NANP structure for +1, assigned ITU country code for +",
        check: phone::phone,
        macie_id: None,
    },
    Validator {
        name: "phone_br",
        description: "Brazil phone number: +55 or national, area code in use, 8-digit landline or 9-digit mobile",
        check: phone::phone_br,
        macie_id: None,
    },
    Validator {
        name: "phone_de",
        description: "Germany phone number: +49 or trunk 0, area code and subscriber 6-11 digits, mobiles 15x-17x",
        check: phone::phone_de,
        macie_id: None,
    },
    Validator {
        name: "phone_es",
        description: "Spain phone number: +34 or national, 9 digits starting 6-9",
        check: phone::phone_es,
        macie_id: None,
    },
    Validator {
        name: "phone_fr",
        description: "France phone number: +33 or trunk 0, 9 digits starting 1-9",
        check: phone::phone_fr,
        macie_id: None,
    },
    Validator {
        name: "phone_it",
        description: "Italy phone number: +39 or national, landline 0x (6-11 digits), mobile 3xx (9-10)",
        check: phone::phone_it,
        macie_id: None,
    },
    Validator {
        name: "phone_north_america",
        description: "NANP number, or a + number of a country without its own phone detector",
        check: phone::phone_north_america,
        macie_id: None,
    },
    Validator {
        name: "phone_uk",
        description: "UK phone number: +44 or trunk 0, 10 digits starting 1-3, 5, 7-9 (9 for some)",
        check: phone::phone_uk,
        macie_id: None,
    },
    Validator {
        name: "poland_pesel",
        description: "Poland PESEL: birth date with century in the month, 1-3-7-9 check digit",
        check: birth_date::poland_pesel,
        macie_id: None,
    },
    Validator {
        name: "pypi_macaroon",
        description: "PyPI API token: base64url macaroon v2 with PyPI's location, identifier, caveats and signature",
        check: macaroon::pypi_macaroon,
        macie_id: None,
    },
    Validator {
        name: "singapore_nric",
        description: "Singapore NRIC/FIN: S/T/F/G/M, 7 digits, check letter of the series",
        check: weighted::singapore_nric,
        macie_id: None,
    },
    Validator {
        name: "spain_cif",
        description: "Spain CIF: organisation letter, 7 digits, control digit or letter",
        check: spain::spain_cif,
        macie_id: None,
    },
    Validator {
        name: "spain_dni",
        description: "Spain DNI: 8 digits and the mod-23 letter",
        check: spain::spain_dni,
        macie_id: None,
    },
    Validator {
        name: "spain_drivers_licence",
        description: "Spanish licence (DNI or NIE): 8 digits or X/Y/Z and 7 digits, mod-23 check letter",
        check: licences::spain_drivers_licence,
        macie_id: None,
    },
    Validator {
        name: "spain_nie",
        description: "Spain NIE: X/Y/Z, 7 digits and the mod-23 letter",
        check: spain::spain_nie,
        macie_id: None,
    },
    Validator {
        name: "spain_nif",
        description: "Spain NIF of a person: DNI, NIE, or K/L/M with 7 digits, mod-23 letter",
        check: spain::spain_nif,
        macie_id: None,
    },
    Validator {
        name: "spain_social_security",
        description: "Spain social security number: province, 8 digits, mod-97 control",
        check: iso7064::spain_social_security,
        macie_id: None,
    },
    Validator {
        name: "sweden_drivers_licence",
        description: "Swedish licence (personnummer): birth date (or coordination day + 60), Luhn check digit",
        check: licences::sweden_drivers_licence,
        macie_id: None,
    },
    Validator {
        name: "sweden_personnummer",
        description: "Sweden personnummer: birth date, serial, Luhn check digit",
        check: birth_date::sweden_personnummer,
        macie_id: None,
    },
    Validator {
        name: "token_shape",
        description: "Unprefixed provider token: 3.0 bits of entropy per character, a letter, a digit or both cases, not a hex digest",
        check: secrets::token_shape,
        macie_id: None,
    },
    Validator {
        name: "uk_bank_account",
        description: "UK BBAN (4-letter bank code, sort code, account) or domestic sort code and account",
        check: bban::uk_bank_account,
        macie_id: None,
    },
    Validator {
        name: "uk_driving_licence",
        description: "UK DVLA licence: surname letters, birth date with month + 50 for women, initials, check letters",
        check: licences::uk_driving_licence,
        macie_id: None,
    },
    Validator {
        name: "uk_nhs",
        description: "UK NHS number: 10 digits, mod-11 check digit",
        check: nhs::uk_nhs,
        macie_id: None,
    },
    Validator {
        name: "uk_nino",
        description: "UK National Insurance number: allowed prefix letters, 6 digits, suffix A-D",
        check: uk::uk_nino,
        macie_id: None,
    },
    Validator {
        name: "uk_utr",
        description: "UK Unique Taxpayer Reference: 10 digits, the first a mod-11 check",
        check: weighted::uk_utr,
        macie_id: None,
    },
    Validator {
        name: "url_password",
        description: "Password of a URL's user:password@ part: 3-128 characters, not filler, not a documentation URL",
        check: secrets::url_password,
        macie_id: None,
    },
    Validator {
        name: "us_bank_account",
        description: "US/Canadian account: 9-17 digits, not filler, not a valid routing number",
        check: bban::us_bank_account,
        macie_id: None,
    },
    Validator {
        name: "us_dea",
        description: "US DEA registration: registrant-type letter, initial or 9, 7 digits with the DEA check digit",
        check: dea::us_dea,
        macie_id: None,
    },
    Validator {
        name: "us_drivers_licence",
        description: "US driver's licence: a state shape that is not one repeated digit or a straight run",
        check: licences::us_drivers_licence,
        macie_id: None,
    },
    Validator {
        name: "us_hicn",
        description: "US Medicare HICN: SSN-structured 9 digits and a Beneficiary Identification Code",
        check: hicn::us_hicn,
        macie_id: None,
    },
    Validator {
        name: "us_itin",
        description: "US ITIN: 9XX-YY-ZZZZ with YY in the IRS-assigned group ranges",
        check: usa::us_itin,
        macie_id: None,
    },
    Validator {
        name: "us_mbi",
        description: "US Medicare Beneficiary Identifier: CMS's 11-position layout, no S, L, O, I, B, Z",
        check: mbi::us_mbi,
        macie_id: None,
    },
    Validator {
        name: "us_ndc",
        description: "US National Drug Code: 4-4-2, 5-3-2, 5-4-1, 5-4-2 or compact, labeler and product not zero",
        check: ndc::us_ndc,
        macie_id: None,
    },
    Validator {
        name: "us_npi",
        description: "US National Provider Identifier: 10 digits starting 1 or 2, Luhn with prefix 80840",
        check: npi::us_npi,
        macie_id: None,
    },
    Validator {
        name: "us_ssn",
        description: "US Social Security number: never-issued area, group and serial values rejected",
        check: usa::us_ssn,
        macie_id: None,
    },
    Validator {
        name: "verhoeff",
        description: "Any number passing the Verhoeff check",
        check: verhoeff::verhoeff,
        macie_id: None,
    },
    Validator {
        name: "vin",
        description: "Vehicle identification number: ISO 3779 characters, numeric last four, check digit for North America and China",
        check: vin::vin,
        macie_id: None,
    },
];

pub fn find(name: &str) -> Option<&'static Validator> {
    VALIDATORS.iter().find(|v| v.name == name)
}

pub fn names() -> Vec<&'static str> {
    VALIDATORS.iter().map(|v| v.name).collect()
}

pub fn all() -> &'static [Validator] {
    VALIDATORS
}

/// The digit values (0-9) of a matched number, held on the stack so the hot path never allocates.
struct Digits<const N: usize> {
    values: [u8; N],
    len: usize,
}

impl<const N: usize> Digits<N> {
    /// Reads the digits of `value`, skipping any byte in `separators`. None when another byte appears
    /// or there are more than `N` digits, which also caps how long a number a validator accepts.
    fn parse(value: &[u8], separators: &[u8]) -> Option<Self> {
        let mut digits = Digits { values: [0; N], len: 0 };
        for &byte in value {
            if byte.is_ascii_digit() {
                *digits.values.get_mut(digits.len)? = byte - b'0';
                digits.len += 1;
            } else if !separators.contains(&byte) {
                return None;
            }
        }
        Some(digits)
    }
}

impl<const N: usize> Deref for Digits<N> {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.values[..self.len]
    }
}

/// Keyboard filler such as 0000000000 or 4444444444444444 passes several checksums; no issuer uses it.
fn all_same(values: &[u8]) -> bool {
    values.windows(2).all(|pair| pair[0] == pair[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_sorted_by_unique_name() {
        let names = names();
        assert!(names.windows(2).all(|pair| pair[0] < pair[1]), "{names:?}");
    }

    #[test]
    fn find_returns_the_named_validator() {
        let luhn = find("luhn").expect("luhn is registered");
        assert!((luhn.check)(b"79927398713"));
        assert!(find("no_such_validator").is_none());
    }

    #[test]
    fn digits_skips_separators_and_rejects_other_bytes() {
        let digits = Digits::<4>::parse(b"1-2 3", b" -").expect("separators are skipped");
        assert_eq!(&*digits, &[1, 2, 3]);
        assert!(Digits::<4>::parse(b"12a3", b" -").is_none());
    }

    #[test]
    fn digits_rejects_more_digits_than_capacity() {
        assert!(Digits::<3>::parse(b"1234", b"").is_none());
    }

    /// Known-answer vectors made with python-stdnum by the scripts in `tests/data/stdnum/` (one
    /// `<family>.py` beside each `<family>.jsonl`). Each line is `{"validator", "value", "valid"}`; the
    /// Rust validator must give python-stdnum's verdict. Python is needed only to regenerate them.
    #[test]
    fn validators_agree_with_python_stdnum_vectors() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/stdnum");
        let Ok(entries) = std::fs::read_dir(&folder) else {
            return;
        };
        let mut disagreements = Vec::new();
        let mut checked = 0;
        for entry in entries {
            let path = entry.expect("the vectors folder is readable").path();
            if path.extension().is_none_or(|extension| extension != "jsonl") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("vector files are UTF-8");
            for (index, line) in text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty()) {
                let vector: serde_json::Value =
                    serde_json::from_str(line).unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), index + 1));
                let name = vector["validator"].as_str().expect("vectors name a validator");
                let value = vector["value"].as_str().expect("vectors carry a value");
                let valid = vector["valid"].as_bool().expect("vectors carry a verdict");
                let validator =
                    find(name).unwrap_or_else(|| panic!("{}:{}: unknown validator {name}", path.display(), index + 1));
                checked += 1;
                if (validator.check)(value.as_bytes()) != valid {
                    disagreements.push(format!(
                        "{}:{}: {name}({value:?}) should be {valid}",
                        path.display(),
                        index + 1
                    ));
                }
            }
        }
        assert!(
            disagreements.is_empty(),
            "{} of {checked} vectors disagree:\n{}",
            disagreements.len(),
            disagreements.join("\n")
        );
    }

    /// The invariant every validator shares: arbitrary bytes produce an answer, never a panic.
    #[test]
    fn validators_never_panic_on_arbitrary_bytes() {
        use rand::{Rng, SeedableRng, rngs::StdRng};
        let mut rng = StdRng::seed_from_u64(0x5eed);
        let alphabet = b"0123456789 -./()+:@_,ghpnmABCDEFZaz=\n-----BEGIN PRIVATE KEY";
        let fixed: &[&[u8]] = &[
            b"",
            b" ",
            b"+",
            b"@",
            b".",
            b"..",
            b"-----BEGIN ",
            b"-----BEGIN PRIVATE KEY-----",
            b"ghp_",
            b"github_pat_",
            b"npm_",
            b"\xff\xfe\x00",
            "\u{2026}é".as_bytes(),
        ];
        let mut buffer = Vec::new();
        for validator in all() {
            for value in fixed {
                (validator.check)(value);
                validator.macie_id.map(|id| id(value));
            }
            for _ in 0..2_000 {
                buffer.clear();
                let len = rng.random_range(0..100);
                buffer.extend((0..len).map(|_| {
                    if rng.random_bool(0.1) {
                        rng.random()
                    } else {
                        alphabet[rng.random_range(0..alphabet.len())]
                    }
                }));
                (validator.check)(&buffer);
                validator.macie_id.map(|id| id(&buffer));
            }
        }
    }
}
