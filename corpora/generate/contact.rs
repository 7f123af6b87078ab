//! Labelled corpus files for the catalogue's contact data: phone numbers per country, postal addresses, names, Brazil CEP codes, email and IP addresses, dates of birth.
//! Files go under `core/contact/`; every id in `DETECTORS` needs at least `MIN_PLANTED` planted values.

use super::{Doc, Fake, Generate, plant};

const UK_PHONE: &str = "UK_PHONE_NUMBER";
const FRANCE_PHONE: &str = "FRANCE_PHONE_NUMBER";
const GERMANY_PHONE: &str = "GERMANY_PHONE_NUMBER";
const ITALY_PHONE: &str = "ITALY_PHONE_NUMBER";
const SPAIN_PHONE: &str = "SPAIN_PHONE_NUMBER";
const BRAZIL_PHONE: &str = "BRAZIL_PHONE_NUMBER";
const BRAZIL_CEP: &str = "BRAZIL_CEP_CODE";
const IP_ADDRESS: &str = "IP_ADDRESS";
const DATE_OF_BIRTH: &str = "DATE_OF_BIRTH";
const ADDRESS: &str = "ADDRESS";
pub(crate) const NAME: &str = "NAME";

/// Detector ids this family's files plant.
pub(crate) const DETECTORS: &[&str] = &[
    UK_PHONE,
    FRANCE_PHONE,
    GERMANY_PHONE,
    ITALY_PHONE,
    SPAIN_PHONE,
    BRAZIL_PHONE,
    BRAZIL_CEP,
    IP_ADDRESS,
    ADDRESS,
    NAME,
];

/// This family's labelled files, in the order expected.jsonl lists them.
pub(crate) const FILES: &[(&str, Generate)] = &[
    ("core/contact/crm_contacts_eu.csv", crm_contacts_csv),
    ("core/contact/email_signatures.txt", email_signatures),
    ("core/contact/callbacks.log", callbacks_log),
    ("core/contact/pedidos_br.jsonl", pedidos_jsonl),
    ("core/contact/edge_access.jsonl", edge_access_jsonl),
    ("core/contact/registrations.txt", registrations_txt),
    ("core/contact/shipping_labels.txt", shipping_labels),
    ("core/contact/support_crm.jsonl", support_crm_jsonl),
];

/// Whether a planted value passes its own checksum; `None` for detectors this family does not know.
pub(crate) fn check_planted(detector: &str, value: &str) -> Option<bool> {
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let valid = match detector {
        UK_PHONE => (11..=14).contains(&digits),
        FRANCE_PHONE => (10..=13).contains(&digits),
        GERMANY_PHONE => (7..=15).contains(&digits),
        ITALY_PHONE => (6..=14).contains(&digits),
        SPAIN_PHONE => (9..=13).contains(&digits),
        BRAZIL_PHONE => (10..=15).contains(&digits),
        BRAZIL_CEP => digits == 8 && !value.starts_with("00"),
        IP_ADDRESS => global_ip(value),
        _ => return None,
    };
    Some(valid)
}

/// The phone detector that owns a number written with its country code: the country's own when it
/// has one, PHONE_NUMBER otherwise (North America and the rest of the world).
pub(crate) fn phone_detector(value: &str) -> &'static str {
    let code = value
        .strip_prefix('+')
        .or_else(|| value.strip_prefix("00"))
        .unwrap_or("");
    [
        ("44", UK_PHONE),
        ("33", FRANCE_PHONE),
        ("49", GERMANY_PHONE),
        ("39", ITALY_PHONE),
        ("34", SPAIN_PHONE),
        ("55", BRAZIL_PHONE),
    ]
    .iter()
    .find(|(prefix, _)| code.starts_with(prefix))
    .map_or("PHONE_NUMBER", |(_, id)| id)
}

const COUNTRIES: &[&str] = &["GB", "FR", "DE", "IT", "ES", "BR"];

/// Phone numbers as each country writes them, with the country code (`international`) or in the
/// national form, which needs a keyword. National forms avoid the few shapes that two numbering
/// plans share (a Liverpool 0151 number and a German 0151 mobile; 040 1234567 in Hamburg and
/// Trieste), which both detectors rightly report.
impl Fake {
    fn phone_of(&mut self, country: &str, international: bool) -> String {
        match (country, international) {
            ("GB", false) => match self.int(0..=3) {
                0 => format!("020 7{} {}", self.digits(3), self.digits(4)),
                1 => format!("(0113) 496 {}", self.digits(4)),
                2 => format!("07{} {}", self.int(400..=999), self.digits(6)),
                _ => format!("01632 960{}", self.digits(3)),
            },
            ("GB", true) => match self.int(0..=3) {
                0 => format!("+44 20 7{} {}", self.digits(3), self.digits(4)),
                1 => format!("+44 (0)161 {} {}", self.int(200..=999), self.digits(4)),
                2 => format!("+447{}{}", self.int(400..=999), self.digits(6)),
                _ => format!("0044 113 496 {}", self.digits(4)),
            },
            ("FR", false) => {
                let separator = self.pick(&[" ", ".", " ", "-"]);
                let pairs: Vec<String> = (0..4).map(|_| self.digits(2)).collect();
                format!(
                    "0{}{separator}{}",
                    self.pick(&[1, 2, 3, 4, 5, 6, 7, 9]),
                    pairs.join(separator)
                )
            }
            ("FR", true) => {
                let pairs: Vec<String> = (0..4).map(|_| self.digits(2)).collect();
                match self.int(0..=2) {
                    0 => format!("+33 {} {}", self.pick(&[1, 6, 7]), pairs.join(" ")),
                    1 => format!("+33 (0){} {}", self.pick(&[1, 4, 5]), pairs.join(" ")),
                    _ => format!("+33{}{}", self.pick(&[6, 7]), pairs.join("")),
                }
            }
            ("DE", false) => match self.int(0..=4) {
                0 => format!("030 {}", self.int(20_000_000..=99_999_999)),
                1 => format!("089/{}", self.int(10_000_000..=99_999_999)),
                2 => format!("0{} {}", self.pick(&[152, 157, 159]), self.int(20_000_000..=99_999_999)),
                3 => format!("0221 {}", self.int(2_000_000..=9_999_999)),
                _ => format!("(040) {}-{}", self.int(200_000..=999_999), self.digits(2)),
            },
            ("DE", true) => match self.int(0..=3) {
                0 => format!("+49 30 {}", self.int(20_000_000..=99_999_999)),
                1 => format!(
                    "+49 (0){} {}",
                    self.pick(&[151, 160, 176]),
                    self.int(20_000_000..=99_999_999)
                ),
                2 => format!("+49 221 {} {}", self.int(200..=999), self.digits(4)),
                _ => format!("0049 89 {}", self.int(20_000_000..=99_999_999)),
            },
            ("IT", false) => match self.int(0..=3) {
                0 => format!("06 {} {}", self.int(2000..=9999), self.digits(4)),
                1 => format!("02 {} {}", self.int(2000..=9999), self.digits(4)),
                2 => format!(
                    "{} {}",
                    self.pick(&["011", "055", "081", "051"]),
                    self.int(2_000_000..=9_999_999)
                ),
                _ => format!(
                    "{}{}{}",
                    self.pick(&[320, 333, 347, 366, 389]),
                    self.pick(&[" ", "-", "/"]),
                    self.int(1_000_000..=9_999_999)
                ),
            },
            ("IT", true) => match self.int(0..=2) {
                0 => format!("+39 06 {} {}", self.int(2000..=9999), self.digits(4)),
                1 => format!(
                    "+39 {} {}",
                    self.pick(&[320, 333, 347, 366, 389]),
                    self.int(1_000_000..=9_999_999)
                ),
                _ => format!("0039 02 {}", self.int(20_000_000..=99_999_999)),
            },
            ("ES", false) => match self.int(0..=1) {
                0 => format!(
                    "6{} {} {} {}",
                    self.digits(2),
                    self.digits(2),
                    self.digits(2),
                    self.digits(2)
                ),
                _ => format!(
                    "{} {} {} {}",
                    self.pick(&[91, 93, 95, 96]),
                    self.int(200..=999),
                    self.digits(2),
                    self.digits(2)
                ),
            },
            ("ES", true) => match self.int(0..=2) {
                0 => format!("+34 6{} {} {}", self.digits(2), self.digits(3), self.digits(3)),
                1 => format!("+34 91 {} {} {}", self.int(200..=999), self.digits(2), self.digits(2)),
                _ => format!("+346{}", self.digits(8)),
            },
            ("BR", false) => {
                let area = self.pick(&[11, 21, 31, 41, 51, 61, 71, 81, 85, 92]);
                match self.int(0..=2) {
                    0 => format!("({area}) 9{}-{}", self.int(1000..=9999), self.digits(4)),
                    1 => format!("({area}) {}-{}", self.int(2000..=5999), self.digits(4)),
                    _ => format!("{area} 9{}-{}", self.int(1000..=9999), self.digits(4)),
                }
            }
            (_, _) => {
                let area = self.pick(&[11, 21, 31, 41, 51, 61, 71, 81, 85, 92]);
                match self.int(0..=1) {
                    0 => format!("+55 {area} 9{}-{}", self.int(1000..=9999), self.digits(4)),
                    _ => format!("+55 ({area}) {}-{}", self.int(2000..=5999), self.digits(4)),
                }
            }
        }
    }
}

/// The keyword a form in `country` labels a phone number with.
fn phone_label(f: &mut Fake, country: &str) -> &'static str {
    match country {
        "GB" => f.pick(&["Tel:", "Phone:", "Mobile:", "Telephone"]),
        "FR" => f.pick(&["Téléphone :", "Tél. :", "Portable :", "Tel:"]),
        "DE" => f.pick(&["Telefon:", "Tel.:", "Handy:", "Mobil:"]),
        "IT" => f.pick(&["Telefono:", "Cellulare:", "Tel.", "Recapito:"]),
        "ES" => f.pick(&["Teléfono:", "Móvil:", "Tel.:", "Tfno."]),
        _ => f.pick(&["Telefone:", "Celular:", "Fone:", "WhatsApp:"]),
    }
}

/// A CRM export: numbers with their country code (no keyword near after the first rows), plus
/// decoy ids of phone-like shapes in columns whose names are no keywords.
fn crm_contacts_csv(doc: &mut Doc, f: &mut Fake) {
    doc.line("contact_ref,first_name,last_name,country,intl_number,account_id,loyalty_points,created");
    for row in 0..160 {
        let country = f.pick(COUNTRIES);
        let person = f.person();
        let number = f.phone_of(country, true);
        doc.line(format!(
            "C{:06},{},{},{country},{},{},{},2024-0{}-{:02}",
            100_000 + row,
            person.first,
            person.last,
            super::plant_phone(&number),
            f.digits(10),
            f.int(0..=9000),
            f.int(1..=9),
            f.int(1..=28)
        ));
    }
}

/// Email signatures in six languages: national forms after the country's own label.
fn email_signatures(doc: &mut Doc, f: &mut Fake) {
    for _ in 0..110 {
        let country = f.pick(COUNTRIES);
        let person = f.person();
        let label = phone_label(f, country);
        let detector = match country {
            "GB" => UK_PHONE,
            "FR" => FRANCE_PHONE,
            "DE" => GERMANY_PHONE,
            "IT" => ITALY_PHONE,
            "ES" => SPAIN_PHONE,
            _ => BRAZIL_PHONE,
        };
        let number = f.phone_of(country, false);
        doc.line(format!(
            "Please quote ticket reference {} in every reply to this address.",
            f.digits(10)
        ));
        doc.line("--");
        doc.line(person.full());
        doc.line(f.pick(&["Account Manager", "Key Accounts", "Customer Success", "Operations Lead"]));
        doc.line(format!("{label} {}", plant(detector, &number)));
        doc.line("");
    }
}

/// A call-centre log: callbacks to numbers with their country code, and decoys whose short words
/// ("cell", "tel", "hotel") are not phone keywords: spreadsheet cell ids, hotel booking ids.
fn callbacks_log(doc: &mut Doc, f: &mut Fake) {
    for i in 0..220 {
        let time = format!(
            "2024-05-{:02}T{:02}:{:02}:{:02}Z",
            1 + i / 20,
            i % 24,
            f.int(0..=59),
            f.int(0..=59)
        );
        match f.int(0..=5) {
            0 | 1 => {
                let country = f.pick(COUNTRIES);
                let number = f.phone_of(country, true);
                doc.line(format!(
                    "{time} INFO dialer - callback queued to={} agent=a{} queue=retention",
                    super::plant_phone(&number),
                    f.int(10..=99)
                ));
            }
            2 => doc.line(format!(
                "{time} DEBUG grid - recalculated cell_id={} sheet=forecast rows={}",
                f.digits(10),
                f.int(10..=500)
            )),
            3 => doc.line(format!(
                "{time} INFO booking - hotel_id {} confirmed for {} nights",
                f.digits(10),
                f.int(1..=9)
            )),
            4 => doc.line(format!(
                "{time} DEBUG router - tel_id={} trunk={} codec=opus",
                f.digits(10),
                f.int(1..=40)
            )),
            _ => doc.line(format!(
                "{time} INFO billing - invoice {} {} {} issued",
                f.int(200..=999),
                f.int(200..=999),
                f.digits(4)
            )),
        }
    }
}

/// As `plant`, for an IPv4 address that IP_ADDRESS reports (a globally routable one); private and
/// documentation addresses stay unlabelled, since the detector rightly skips them.
pub(crate) fn plant_ip(value: &str) -> String {
    if global_ip(value) {
        plant(IP_ADDRESS, value)
    } else {
        value.to_string()
    }
}

/// The generator's own reading of which addresses are public: IPv4 outside the private, shared,
/// loopback, link-local, documentation, benchmarking and multicast ranges; IPv6 in 2000::/3 but
/// not 2001:db8::/32.
fn global_ip(value: &str) -> bool {
    if value.contains(':') {
        let first = value
            .split(':')
            .next()
            .and_then(|g| u16::from_str_radix(g, 16).ok())
            .unwrap_or(0);
        return (first & 0xe000) == 0x2000 && !value.to_ascii_lowercase().starts_with("2001:db8:");
    }
    let octets: Vec<u32> = value.split('.').filter_map(|o| o.parse().ok()).collect();
    let [a, b, c, _] = octets[..] else { return false };
    !(a == 0
        || a == 10
        || a == 127
        || a >= 224
        || (a == 100 && (64..=127).contains(&b))
        || (a == 169 && b == 254)
        || (a == 172 && (16..=31).contains(&b))
        || (a == 192 && b == 168)
        || (a == 192 && b == 0 && (c == 0 || c == 2))
        || (a == 198 && (b == 18 || b == 19))
        || (a == 198 && b == 51 && c == 100)
        || (a == 203 && b == 0 && c == 113))
}

impl Fake {
    fn cep(&mut self) -> String {
        let code = format!("{}{}", self.int(1..=9), self.digits(7));
        match self.int(0..=4) {
            0 => code,
            1 => format!("{}.{}-{}", &code[..2], &code[2..5], &code[5..]),
            _ => format!("{}-{}", &code[..5], &code[5..]),
        }
    }

    fn public_ipv4(&mut self) -> String {
        format!(
            "{}.{}.{}.{}",
            self.pick(&[31u64, 52, 62, 77, 81, 89, 94, 109, 145, 151, 176, 185, 188, 212, 217]),
            self.int(0..=255),
            self.int(0..=255),
            self.int(1..=254)
        )
    }

    fn public_ipv6(&mut self) -> String {
        let prefix = self.pick(&[
            "2a00:1450",
            "2a02:26f0",
            "2606:4700",
            "2a01:4f8",
            "2001:41d0",
            "2803:9800",
        ]);
        match self.int(0..=1) {
            0 => format!(
                "{prefix}:{:x}:{:x}::{:x}",
                self.int(1..=0xffff),
                self.int(1..=0xffff),
                self.int(1..=0xffff)
            ),
            _ => format!(
                "{prefix}:{:x}:{:x}:{:x}:{:x}:{:x}:{:x}",
                self.int(1..=0xffff),
                self.int(0..=0xffff),
                self.int(0..=0xffff),
                self.int(1..=0xffff),
                self.int(0..=0xffff),
                self.int(1..=0xffff)
            ),
        }
    }

    /// A birth date in the forms beyond the core set: two-digit years, compact, ordinals,
    /// dashed month abbreviations and year-first slashes.
    fn birth_date_more(&mut self) -> String {
        let (y, m, d) = (self.int(1941..=2004), self.int(1..=12) as usize, self.int(1..=28));
        let month = super::MONTHS[m - 1];
        let suffix = match (d % 10, d / 10) {
            (_, 1) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        match self.int(0..=7) {
            0 => format!("{m:02}/{d:02}/{:02}", y % 100),
            1 => format!("{d:02}.{m:02}.{:02}", y % 100),
            2 => format!("{y}{m:02}{d:02}"),
            3 => format!("{d}{suffix} {month} {y}"),
            4 => format!("{d}{suffix} of {month} {y}"),
            5 => format!("{month} {d}{suffix}, {y}"),
            6 => format!("{d:02}-{}-{y}", &month[..3]),
            _ => format!("{y}/{m:02}/{d:02}"),
        }
    }
}

/// Brazilian e-commerce orders: the CEP under its own key, the order number (same shape) far from it.
fn pedidos_jsonl(doc: &mut Doc, f: &mut Fake) {
    for i in 0..120 {
        let person = f.person();
        let cep = f.cep();
        doc.line(format!(
            r#"{{"criado_em":"2024-05-{:02}T{:02}:{:02}:00-03:00","pedido":"{}-{}","status":"enviado","transportadora":"Correios SEDEX","itens":{},"cliente":"{}","valor_total":"R$ {}","endereco":{{"logradouro":"Rua {} {}","cidade":"São Paulo","cep":"{}"}}}}"#,
            1 + i % 28,
            i % 24,
            f.int(0..=59),
            f.int(10_000..=99_999),
            f.digits(3),
            f.int(1..=6),
            person.full(),
            f.amount(),
            person.last,
            f.int(1..=2000),
            plant(BRAZIL_CEP, &cep)
        ));
        if i % 4 == 0 {
            doc.line(format!(
                r#"{{"evento":"rastreio","codigo_rastreio":"{}-{}","observacao":"objeto postado na agência de origem"}}"#,
                f.int(10_000..=99_999),
                f.digits(3)
            ));
        }
    }
}

/// An edge proxy's JSON access log: the client's public address under client_ip, the upstream's
/// private one, and version strings of the same dotted shape with no keyword near.
fn edge_access_jsonl(doc: &mut Doc, f: &mut Fake) {
    for i in 0..150 {
        let client = if i % 3 == 0 { f.public_ipv6() } else { f.public_ipv4() };
        doc.line(format!(
            r#"{{"ts":"2024-06-{:02}T{:02}:{:02}:{:02}Z","client_ip":"{}","method":"GET","path":"/v1/catalogue/{}","status":{},"upstream_host":"10.{}.{}.{}:8080","latency_ms":{},"user_agent":"okhttp/{}.{}.{}.{}"}}"#,
            1 + i / 10,
            i % 24,
            f.int(0..=59),
            f.int(0..=59),
            plant(IP_ADDRESS, &client),
            f.int(1000..=9999),
            f.pick(&[200, 200, 304, 404]),
            f.int(0..=255),
            f.int(0..=255),
            f.int(1..=254),
            f.int(2..=900),
            f.int(3..=4),
            f.int(1..=12),
            f.int(1..=200),
            f.int(1..=254)
        ));
    }
}

/// Registration notes in several languages: birth dates in the extended forms after their
/// keyword, and dates of the same forms (appointments, batches) with no birth keyword near.
fn registrations_txt(doc: &mut Doc, f: &mut Fake) {
    for _ in 0..130 {
        let person = f.person();
        let label = f.pick(&[
            "DOB:",
            "date_of_birth=",
            "Date of birth",
            "Born on",
            "Geburtsdatum:",
            "date de naissance :",
            "fecha de nacimiento:",
            "data di nascita",
            "birthdate",
        ]);
        let dob = f.birth_date_more();
        doc.line(format!(
            "Registration for {} — {label} {}",
            person.full(),
            plant(DATE_OF_BIRTH, &dob)
        ));
        doc.line(format!(
            "Intake scheduled; the lab batch for this visit is {} and must be kept with the file.",
            f.pick(&["20240315", "20231102", "20240607", "20220918"])
        ));
        doc.line(format!(
            "Next appointment confirmed by the front desk team for {} at {}:00.",
            f.pick(&["15th March 2025", "March 3rd, 2025", "04-Jul-2025", "2025/01/20"]),
            f.int(8..=17)
        ));
        doc.line("");
    }
}

/// Street types the ADDRESS detector reads after an English street name.
const STREET_TYPES: &[&str] = &[
    "Street",
    "St",
    "Avenue",
    "Ave",
    "Road",
    "Rd",
    "Boulevard",
    "Blvd",
    "Lane",
    "Ln",
    "Drive",
    "Dr",
    "Court",
    "Ct",
    "Place",
    "Way",
    "Parkway",
    "Pkwy",
    "Terrace",
    "Crescent",
    "Close",
    "Grove",
    "Gardens",
    "Square",
    "Parade",
];

/// As `plant`, for an English-style address "12 High Street, Leeds LS1 4AP" written by the core
/// generator: labelled when its street has a street type (Park View has none, so ADDRESS skips it).
pub(crate) fn plant_address(value: &str) -> String {
    let street = value.split(',').next().unwrap_or("");
    if street
        .split(' ')
        .next_back()
        .is_some_and(|word| STREET_TYPES.contains(&word))
    {
        plant(ADDRESS, value)
    } else {
        value.to_string()
    }
}

/// (city, state, ZIP prefix) for US addresses; the ZIP's first digit fits the state.
const US_PLACES: &[(&str, &str, &str)] = &[
    ("Mountain View", "CA", "940"),
    ("Austin", "TX", "787"),
    ("Springfield", "IL", "627"),
    ("Boston", "MA", "021"),
    ("Seattle", "WA", "981"),
    ("Miami", "FL", "331"),
    ("Denver", "CO", "802"),
    ("Columbus", "OH", "432"),
];
const CA_PLACES: &[(&str, &str, &str)] = &[
    ("Toronto", "ON", "M5V"),
    ("Ottawa", "ON", "K1P"),
    ("Montreal", "QC", "H2X"),
    ("Vancouver", "BC", "V6B"),
    ("Calgary", "AB", "T2P"),
    ("Halifax", "NS", "B3J"),
];
const UK_PLACES: &[(&str, &str)] = &[
    ("London", "SW1A"),
    ("Leeds", "LS1"),
    ("Manchester", "M1"),
    ("Bristol", "BS1"),
    ("Cardiff", "CF10"),
    ("Edinburgh", "EH1"),
];
const AU_PLACES: &[(&str, &str, u64)] = &[
    ("Sydney", "NSW", 2000),
    ("Melbourne", "VIC", 3000),
    ("Brisbane", "QLD", 4000),
    ("Perth", "WA", 6000),
    ("Adelaide", "SA", 5000),
    ("Hobart", "TAS", 7000),
];
const STREET_NAMES: &[&str] = &[
    "Maple", "Oak", "George", "King", "Queen", "Victoria", "Elm", "Church", "Mill", "Park",
];

impl Fake {
    /// A postal address of `country`, on one line or with the city on the next.
    fn address_in(&mut self, country: &str) -> String {
        let number = self.int(1..=2400);
        let name = self.pick(STREET_NAMES);
        let street_type = self.pick(STREET_TYPES);
        let brk = if self.chance(0.3) { "\n" } else { ", " };
        match country {
            "US" => {
                let (city, state, zip) = self.pick(US_PLACES);
                format!(
                    "{number} {name} {street_type}{brk}{city}, {state} {zip}{}",
                    self.digits(2)
                )
            }
            "CA" => {
                let (city, province, fsa) = self.pick(CA_PLACES);
                let ldu = format!(
                    "{}{}{}",
                    self.int(0..=9),
                    self.pick(&['A', 'B', 'C', 'E', 'G', 'H', 'J', 'K']),
                    self.int(0..=9)
                );
                format!("{number} {name} {street_type}{brk}{city}, {province} {fsa} {ldu}")
            }
            "GB" => {
                let (town, outward) = self.pick(UK_PLACES);
                let inward = format!(
                    "{}{}{}",
                    self.int(1..=9),
                    self.pick(&['A', 'B', 'D', 'E', 'F']),
                    self.pick(&['G', 'H', 'J', 'L', 'N'])
                );
                format!("{number} {name} {street_type}{brk}{town} {outward} {inward}")
            }
            "AU" => {
                let (city, state, base) = self.pick(AU_PLACES);
                format!(
                    "{number} {name} {street_type}{brk}{city} {state} {}",
                    base + self.int(0..=99)
                )
            }
            "FR" => {
                let (city, department) = self.pick(&[
                    ("Paris", "75"),
                    ("Lyon", "69"),
                    ("Marseille", "13"),
                    ("Lille", "59"),
                    ("Nantes", "44"),
                ]);
                let (kind, street) = self.pick(&[
                    ("rue", "de la Paix"),
                    ("avenue", "Victor Hugo"),
                    ("boulevard", "Saint-Michel"),
                    ("place", "Bellecour"),
                    ("rue", "du Faubourg"),
                ]);
                format!(
                    "{number} {kind} {street}{brk}{department}{:03} {city}",
                    self.int(1..=20)
                )
            }
            "DE" => {
                let (city, region) = self.pick(&[
                    ("Berlin", "10"),
                    ("Hamburg", "20"),
                    ("München", "80"),
                    ("Köln", "50"),
                    ("Frankfurt am Main", "60"),
                ]);
                let street = self.pick(&[
                    "Hauptstraße",
                    "Berliner Straße",
                    "Bahnhofstr.",
                    "Lindenweg",
                    "Marktplatz",
                    "Schillerallee",
                ]);
                format!(
                    "{street} {}{brk}{region}{:03} {city}",
                    self.int(1..=180),
                    self.int(100..=999)
                )
            }
            "IT" => {
                let (city, cap) = self.pick(&[
                    ("Roma", "001"),
                    ("Milano", "201"),
                    ("Napoli", "801"),
                    ("Torino", "101"),
                    ("Firenze", "501"),
                ]);
                let street = self.pick(&[
                    "Via Roma",
                    "Via del Corso",
                    "Viale Europa",
                    "Piazza Garibaldi",
                    "Corso Vittorio Emanuele",
                ]);
                format!("{street} {}{brk}{cap}{:02} {city}", self.int(1..=180), self.int(0..=99))
            }
            _ => {
                let (city, province) = self.pick(&[
                    ("Madrid", "28"),
                    ("Barcelona", "08"),
                    ("Valencia", "46"),
                    ("Sevilla", "41"),
                    ("Bilbao", "48"),
                ]);
                let street = self.pick(&[
                    "Calle Mayor",
                    "Calle de Alcalá",
                    "Avenida de América",
                    "Paseo de Gracia",
                    "Plaza Mayor",
                ]);
                format!(
                    "{street} {}{brk}{province}{:03} {city}",
                    self.int(1..=180),
                    self.int(1..=99)
                )
            }
        }
    }
}

/// Shipping labels of eight countries, and decoys: the same shapes with a postal code that does
/// not fit the state or province, street names in prose, and order lines without a postal code.
fn shipping_labels(doc: &mut Doc, f: &mut Fake) {
    for i in 0..200 {
        let country = f.pick(&["US", "CA", "GB", "AU", "FR", "DE", "IT", "ES"]);
        let person = f.person();
        doc.line(format!("=== Parcel {} ({country}) ===", f.digits(8)));
        doc.line(format!("Recipient: {}", person.last));
        let address = f.address_in(country);
        doc.line(plant(ADDRESS, &address));
        match i % 4 {
            0 => {
                let (city, _, zip) = f.pick(US_PLACES);
                let wrong = if zip.starts_with('9') { "NY" } else { "CA" };
                doc.line(format!(
                    "Previous label (rejected by the carrier): {} Oak Street, {city}, {wrong} {zip}{}",
                    f.int(1..=999),
                    f.digits(2)
                ));
            }
            1 => doc.line(format!(
                "Driver note: the depot on {} Street closes at {} pm; use the side gate.",
                f.pick(STREET_NAMES),
                f.int(4..=7)
            )),
            2 => {
                let (city, _, fsa) = f.pick(CA_PLACES);
                doc.line(format!(
                    "Old address on file: {} King Street, {city}, YT {fsa} 1A1",
                    f.int(1..=999)
                ));
            }
            _ => doc.line(format!(
                "Weight {}.{} kg, {} items, service level {}",
                f.int(0..=30),
                f.int(0..=9),
                f.int(1..=9),
                f.int(1..=3)
            )),
        }
        doc.line("");
    }
}

/// A support desk's CRM export: the customer's name under customer_name, and name fields that
/// hold no person (team and system names).
fn support_crm_jsonl(doc: &mut Doc, f: &mut Fake) {
    for i in 0..160 {
        let person = f.person();
        let (assigned, queue) = f.pick(&[
            ("Billing Team", "Payments Support"),
            ("Build Server", "Platform Ops"),
            ("Test User", "Demo Account"),
            ("Acme Corp", "Enterprise Support"),
        ]);
        doc.line(format!(
            r#"{{"ticket":"T-{}","opened":"2024-04-{:02}","customer_name":"{}","priority":"{}","assigned_name":"{assigned}","queue_name":"{queue}","sla_hours":{}}}"#,
            100_000 + i,
            1 + i % 28,
            plant(NAME, &person.full()),
            f.pick(&["low", "normal", "high"]),
            f.pick(&[4, 8, 24, 48])
        ));
    }
}
