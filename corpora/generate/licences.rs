//! Labelled corpus files for the catalogue's driver's licences, vehicle identification numbers, the UK electoral roll, Argentina's SUBE card, coordinates and HTTP cookies.
//! Files go under `core/licences/`; every id in `DETECTORS` needs at least `MIN_PLANTED` planted values.
//!
//! The English-speaking countries share Macie's keywords, and some of their number shapes overlap
//! (a bare 7-9 digit run fits the US, Canadian and Australian detectors): such values are planted for
//! every detector whose shape they fit (`en_detectors`), because nothing in the text can tell the
//! issuing country apart. The other shapes planted here are each one country's own.

use super::{Clock, Doc, Fake, Generate, LAST_NAMES, Person, ascii_fold, plant, plant_each, plant_test};

const US: &str = "DRIVERS_LICENSE";
const UK: &str = "UK_DRIVERS_LICENSE";
const CA: &str = "CANADA_DRIVERS_LICENSE";
const AU: &str = "AUSTRALIA_DRIVERS_LICENSE";
const IN: &str = "INDIA_DRIVERS_LICENSE";

/// Detector ids this family's files plant.
pub(crate) const DETECTORS: &[&str] = &[
    US, UK, CA, AU, IN, AT, BE, BG, HR, CY, CZ, DK, EE, FI, FR, DE, GR, HU, IE, IT, LV, LT, LU, MT, NL, PL, PT, RO, SK,
    SI, ES, SE, VIN, LATLONG, COOKIE, ELECTORAL, SUBE,
];

/// This family's labelled files, in the order expected.jsonl lists them.
pub(crate) const FILES: &[(&str, Generate)] = &[
    ("core/licences/dmv_verifications.log", dmv_verifications_log),
    ("core/licences/rental_bookings.jsonl", rental_bookings_jsonl),
    ("core/licences/uk_fleet_drivers.txt", uk_fleet_drivers),
    ("core/licences/ca_au_in_applications.txt", ca_au_in_applications),
    ("core/licences/eu_driver_checks.txt", eu_driver_checks),
    ("core/licences/eu_members.jsonl", eu_members_jsonl),
    ("core/licences/fleet_telematics.jsonl", fleet_telematics_jsonl),
    ("core/licences/garage_job_cards.txt", garage_job_cards),
    ("core/licences/http_capture.txt", http_capture),
    ("core/licences/uk_electoral_register.txt", uk_electoral_register),
    ("core/licences/sube_recargas.log", sube_recargas_log),
];

/// Whether a planted value passes its own checksum; `None` for detectors this family does not know.
pub(crate) fn check_planted(detector: &str, value: &str) -> Option<bool> {
    let valid = match detector {
        UK => uk_valid(value),
        IN => india_valid(value),
        CA => !filler(value) && ontario_date_valid(value),
        US | AU | ELECTORAL => !filler(value),
        VIN => vin_valid(value),
        LATLONG => coordinates_valid(value),
        SUBE => sube_valid(value),
        COOKIE => value.contains('='),
        _ => return eu_valid(detector, value),
    };
    Some(valid)
}

// ---------------------------------------------------------------------------------------------
// Checks, re-implemented here so that a slip in the generator fails generation
// ---------------------------------------------------------------------------------------------

fn digits_of(value: &str) -> Vec<u32> {
    value.chars().filter_map(|c| c.to_digit(10)).collect()
}

/// One repeated digit or a straight run: what the licence validators refuse.
fn filler(value: &str) -> bool {
    let digits = digits_of(value);
    if digits.len() < 4 {
        return digits.is_empty();
    }
    let run = |step: u32| digits.windows(2).all(|w| (w[0] + step) % 10 == w[1]);
    run(0) || run(1) || run(9)
}

fn days_in_month(month: u32, leap: bool) -> u32 {
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn uk_valid(value: &str) -> bool {
    let c: Vec<char> = value.chars().filter(|&c| c != ' ').collect();
    if c.len() != 16 {
        return false;
    }
    let num = |a: usize| c[a].to_digit(10).unwrap_or(99) * 10 + c[a + 1].to_digit(10).unwrap_or(99);
    let month = num(6) % 50;
    let year = c[10].to_digit(10).unwrap_or(1);
    let surname: String = c[..5].iter().collect();
    let letters = surname.trim_end_matches('9');
    !letters.is_empty()
        && letters.chars().all(|c| c.is_ascii_uppercase())
        && (1..=12).contains(&month)
        && (1..=days_in_month(month, year.is_multiple_of(4))).contains(&num(8))
        && c[11].is_ascii_uppercase()
        && c[14].is_ascii_uppercase()
        && c[15].is_ascii_uppercase()
}

fn india_valid(value: &str) -> bool {
    let compact: String = value.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let year: u32 = compact.get(4..8).and_then(|y| y.parse().ok()).unwrap_or(0);
    compact.len() == 15 && INDIA_STATES.contains(&&compact[..2]) && (1950..=2026).contains(&year)
}

/// Ontario's last six digits are the birth date YYMMDD (month + 50 for women); other shapes pass.
fn ontario_date_valid(value: &str) -> bool {
    let compact: String = value.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    if compact.len() != 15 || !compact.starts_with(|c: char| c.is_ascii_uppercase()) {
        return true;
    }
    let month: u32 = compact[11..13].parse().unwrap_or(0) % 50;
    let day: u32 = compact[13..15].parse().unwrap_or(0);
    (1..=12).contains(&month) && (1..=days_in_month(month, true)).contains(&day)
}

/// Every English-keyword detector whose shape a licence number fits (see the module doc).
fn en_detectors(value: &str) -> Vec<&'static str> {
    let digits_only = value.chars().all(|c| c.is_ascii_digit());
    let mut out = Vec::new();
    if digits_only && (7..=9).contains(&value.len()) {
        out.extend([US, CA]);
    }
    if digits_only && (7..=10).contains(&value.len()) {
        out.push(AU);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

const INDIA_STATES: &[&str] = &[
    "MH", "KA", "DL", "TN", "GJ", "UP", "WB", "KL", "RJ", "TS", "AP", "HR", "PB",
];

/// `n` digits that are not filler (and do not start with 0, which some exports strip).
fn number(f: &mut Fake, n: usize) -> String {
    loop {
        let value = format!("{}{}", f.int(1..=9), f.digits(n - 1));
        if !filler(&value) {
            return value;
        }
    }
}

fn letter(f: &mut Fake) -> char {
    char::from(b'A' + f.int(0..=25) as u8)
}

fn initial(name: &str) -> char {
    ascii_fold(name)
        .chars()
        .find(char::is_ascii_alphabetic)
        .map_or('X', |c| c.to_ascii_uppercase())
}

/// A DVLA number for `person`, born in a random year, as the licence prints it.
fn uk_licence(f: &mut Fake, person: Person) -> String {
    let mut surname: String = ascii_fold(person.last)
        .to_uppercase()
        .chars()
        .filter(char::is_ascii_alphabetic)
        .take(5)
        .collect();
    while surname.len() < 5 {
        surname.push('9');
    }
    let year = f.int(1945..=2005) as u32;
    let month = f.int(1..=12) as u32;
    let day = f.int(1..=u64::from(days_in_month(month, year.is_multiple_of(4)))) as u32;
    let month_field = if f.chance(0.5) { month + 50 } else { month };
    let middle = if f.chance(0.4) { '9' } else { letter(f) };
    format!(
        "{surname}{}{month_field:02}{day:02}{}{}{middle}9{}{}",
        year / 10 % 10,
        year % 10,
        initial(person.first),
        letter(f),
        letter(f)
    )
}

/// A US number in one of the state shapes, and the detectors whose shapes it fits.
fn us_licence(f: &mut Fake, person: Person) -> (String, &'static str) {
    let first = initial(person.last);
    match f.int(0..=9) {
        0 | 1 => (format!("{first}{}", number(f, 7)), "CA"),
        2 => (format!("{first}{}", number(f, 8)), "MA"),
        3 => {
            let d = number(f, 12);
            (
                format!(
                    "{first}{}-{}-{}-{}-{}",
                    &d[..3],
                    &d[3..6],
                    &d[6..8],
                    &d[8..11],
                    &d[11..]
                ),
                "FL",
            )
        }
        4 => {
            let d = number(f, 11);
            (format!("{first}{}-{}-{}", &d[..3], &d[3..7], &d[7..]), "IL")
        }
        5 => {
            let d = number(f, 14);
            (format!("{first}{} {} {}", &d[..4], &d[4..9], &d[9..]), "NJ")
        }
        6 => (
            format!(
                "WDL{}{}",
                f.chars_from(b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 8),
                f.int(0..=9)
            ),
            "WA",
        ),
        7 => (format!("{}{}", f.pick(&["AB", "RT", "JK", "SM"]), number(f, 6)), "OH"),
        _ => (number(f, 9), f.pick(&["TX", "GA", "VA", "CO", "MS"])),
    }
}

fn india_licence(f: &mut Fake) -> String {
    let state = f.pick(INDIA_STATES);
    let rto = f.int(1..=55);
    let year = f.int(1995..=2024);
    let serial = format!("{:07}", f.int(1..=9_999_999));
    match f.int(0..=3) {
        0 => format!("{state}{rto:02} {year}{serial}"),
        1 => format!("{state}-{rto:02}{year}{serial}"),
        2 => format!("{state}-{rto:02}-{year}-{serial}"),
        _ => format!("{state}{rto:02}{year}{serial}"),
    }
}

/// A Canadian number and its province.
fn canada_licence(f: &mut Fake, person: Person) -> (String, &'static str) {
    let first = initial(person.last);
    match f.int(0..=5) {
        0 | 1 => {
            // LXxxx-FFFMY-YMMDD: the birth year's digits straddle the last hyphen.
            let month = f.int(1..=12) as u32 + if f.chance(0.5) { 50 } else { 0 };
            let day = f.int(1..=28);
            let year = f.int(40..=99);
            (
                format!(
                    "{first}{}-{}{}-{}{month:02}{day:02}",
                    f.digits(4),
                    f.digits(4),
                    year / 10,
                    year % 10
                ),
                "ON",
            )
        }
        2 => (format!("{first}{}-{}-{}", f.digits(4), number(f, 6), f.digits(2)), "QC"),
        3 => {
            let mut name: String = ascii_fold(person.last)
                .to_uppercase()
                .chars()
                .filter(char::is_ascii_alphabetic)
                .collect();
            while name.len() < 5 {
                name.push('X');
            }
            (format!("{}{}", &name[..5], number(f, 9)), "NS")
        }
        4 => (format!("{}-{}", number(f, 6), f.digits(3)), "AB"),
        _ => (number(f, 7), "BC"),
    }
}

fn australia_licence(f: &mut Fake) -> (String, &'static str) {
    match f.int(0..=4) {
        0 => (format!("{}{}", f.pick(&['S', 'A', 'B']), number(f, 5)), "SA"),
        1 => (number(f, 10), "ACT"),
        2 => (number(f, 7), "WA"),
        3 => (number(f, 8), "NSW"),
        _ => (number(f, 9), "QLD"),
    }
}

/// Plants a licence number for its detector, or for every English-keyword detector its shape fits.
fn plant_en(detector: &str, value: &str) -> String {
    let mut detectors = en_detectors(value);
    if !detectors.contains(&detector) {
        detectors.insert(0, detector);
    }
    if detectors.len() == 1 {
        plant(detector, value)
    } else {
        plant_each(&detectors, value)
    }
}

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

/// An identity-verification service's log: licence numbers after a `driver_license=` key, and the
/// same shapes far from any keyword (order and request numbers), and filler the validator refuses.
fn dmv_verifications_log(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    for _ in 0..260 {
        clock.tick(f, 90_000);
        let person = f.person();
        let request = f.hex(16);
        let line = match f.int(0..=9) {
            0..=4 => {
                let (value, state) = us_licence(f, person);
                format!(
                    "{} INFO  idv.dmv  req={request} check=aamva state={state} driver_license={} result={}",
                    clock.log(),
                    plant_en(US, &value),
                    f.pick(&["match", "match", "no_match", "partial"])
                )
            }
            5 => format!(
                "{} WARN  idv.dmv  req={request} driver_license={} rejected: placeholder value",
                clock.log(),
                f.pick(&["000000000", "123456789", "X0000000", "99999999"])
            ),
            6 => format!(
                "{} INFO  billing  req={request} invoice settled for account holder, order number {} amount {}.{:02}",
                clock.log(),
                number(f, 9),
                f.int(5..=400),
                f.int(0..=99)
            ),
            7 => format!(
                "{} DEBUG http     req={request} GET /v2/sessions/{}/status 200 in {} ms (cache miss, shard {})",
                clock.log(),
                f.hex(12),
                f.int(3..=900),
                format_args!("{}{}", letter(f), number(f, 7))
            ),
            _ => format!(
                "{} INFO  idv.doc  req={request} document scanned, front and back, quality score 0.{}",
                clock.log(),
                f.digits(3)
            ),
        };
        doc.line(line);
    }
}

/// A car-rental platform's bookings: each renter's licence (key `driver_license_number`) from the
/// US, UK, Canada, Australia or India.
fn rental_bookings_jsonl(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    for i in 0..240 {
        clock.tick(f, 4_000_000);
        let person = f.person();
        let (country, licence) = match i % 6 {
            0 | 1 => {
                let (value, state) = us_licence(f, person);
                (format!("US-{state}"), plant_en(US, &value))
            }
            2 => ("GB".to_string(), plant(UK, &uk_licence(f, person))),
            3 => {
                let (value, province) = canada_licence(f, person);
                (format!("CA-{province}"), plant_en(CA, &value))
            }
            4 => {
                let (value, state) = australia_licence(f);
                (format!("AU-{state}"), plant_en(AU, &value))
            }
            _ => ("IN".to_string(), plant(IN, &india_licence(f))),
        };
        doc.line(format!(
            r#"{{"booking":"bk_{}","created":"{}","renter":"{}","pickup_branch":"{}","days":{},"driver_license_number":"{licence}","licence_country":"{country}","deposit_ref":"{}"}}"#,
            f.hex(10),
            clock.iso(),
            person.full(),
            f.pick(&["SFO-3", "LHR-T5", "YYZ-1", "SYD-2", "BLR-1", "JFK-4"]),
            f.int(1..=21),
            number(f, 9)
        ));
    }
}

/// A UK fleet operator's driver records, with the DVLA specimen licence in the training notes.
fn uk_fleet_drivers(doc: &mut Doc, f: &mut Fake) {
    doc.line("Fleet driver register: annual licence check (DVLA View Driving Licence service)");
    doc.line("");
    doc.line(format!(
        "Training note: the DVLA specimen driving licence {} is used in the induction pack.",
        plant_test(UK, "MORGA753116SM9IJ")
    ));
    doc.line("");
    for _ in 0..60 {
        let person = f.person();
        let licence = uk_licence(f, person);
        let spaced = f.chance(0.3);
        let shown = if spaced {
            format!("{} {} {}", &licence[..5], &licence[5..11], &licence[11..])
        } else {
            licence
        };
        doc.line(format!(
            "Driver: {} ({})",
            person.full(),
            f.pick(&["HGV", "van", "car", "minibus"])
        ));
        doc.line(format!("Driving licence number: {}", plant(UK, &shown)));
        doc.line(format!(
            "Entitlements: {}; penalty points: {}; last checked by the transport manager on {}",
            f.pick(&["B, BE", "B, C1", "B, C, CE", "B, D1"]),
            f.int(0..=6),
            f.int(1..=28)
        ));
        doc.line(format!(
            "Payroll reference {} / depot {}, shift pattern and vehicle allocation recorded separately",
            f.alnum(16).to_uppercase(),
            f.pick(LAST_NAMES)
        ));
        doc.line("");
    }
}

/// Licence application notes from Canada, Australia and India, with refused placeholder numbers.
fn ca_au_in_applications(doc: &mut Doc, f: &mut Fake) {
    for i in 0..150 {
        let person = f.person();
        doc.line(format!("Application APP-{} for {}", f.hex(8), person.full()));
        match i % 5 {
            0 | 1 => {
                let (value, province) = canada_licence(f, person);
                doc.line(format!(
                    "Province: {province}. Driver's licence: {}",
                    plant_en(CA, &value)
                ));
            }
            2 => {
                let (value, state) = australia_licence(f);
                doc.line(format!("State: {state}. Driver licence no: {}", plant_en(AU, &value)));
            }
            3 => doc.line(format!(
                "Driving Licence No: {} (Sarathi record)",
                plant(IN, &india_licence(f))
            )),
            _ => doc.line(format!(
                "Driver's licence: {} (applicant left the sample number from the form)",
                f.pick(&["0000000", "1234567", "11111111", "987654321"])
            )),
        }
        doc.line(format!(
            "Processing notes: documents received, address confirmed against the utility bill dated {}.",
            f.int(2019..=2024)
        ));
        doc.line(format!(
            "Internal case file {} stored with the regional office, retention seven years after closure",
            number(f, 9)
        ));
        doc.line("");
    }
}

// ---------------------------------------------------------------------------------------------
// The European Union's licences
// ---------------------------------------------------------------------------------------------

const AT: &str = "AUSTRIA_DRIVERS_LICENSE";
const BE: &str = "BELGIUM_DRIVERS_LICENSE";
const BG: &str = "BULGARIA_DRIVERS_LICENSE";
const HR: &str = "CROATIA_DRIVERS_LICENSE";
const CY: &str = "CYPRUS_DRIVERS_LICENSE";
const CZ: &str = "CZECHIA_DRIVERS_LICENSE";
const DK: &str = "DENMARK_DRIVERS_LICENSE";
const EE: &str = "ESTONIA_DRIVERS_LICENSE";
const FI: &str = "FINLAND_DRIVERS_LICENSE";
const FR: &str = "FRANCE_DRIVERS_LICENSE";
const DE: &str = "GERMANY_DRIVERS_LICENSE";
const GR: &str = "GREECE_DRIVERS_LICENSE";
const HU: &str = "HUNGARY_DRIVERS_LICENSE";
const IE: &str = "IRELAND_DRIVERS_LICENSE";
const IT: &str = "ITALY_DRIVERS_LICENSE";
const LV: &str = "LATVIA_DRIVERS_LICENSE";
const LT: &str = "LITHUANIA_DRIVERS_LICENSE";
const LU: &str = "LUXEMBOURG_DRIVERS_LICENSE";
const MT: &str = "MALTA_DRIVERS_LICENSE";
const NL: &str = "NETHERLANDS_DRIVERS_LICENSE";
const PL: &str = "POLAND_DRIVERS_LICENSE";
const PT: &str = "PORTUGAL_DRIVERS_LICENSE";
const RO: &str = "ROMANIA_DRIVERS_LICENSE";
const SK: &str = "SLOVAKIA_DRIVERS_LICENSE";
const SI: &str = "SLOVENIA_DRIVERS_LICENSE";
const ES: &str = "SPAIN_DRIVERS_LICENSE";
const SE: &str = "SWEDEN_DRIVERS_LICENSE";

/// One country's licences: how documents label the number (each label holds a keyword, with the
/// other detectors whose keyword and shape the number then also fits), a JSON key, and the numbers.
struct Country {
    code: &'static str,
    detector: &'static str,
    labels: &'static [(&'static str, &'static [&'static str])],
    json_key: &'static str,
    make: fn(&mut Fake) -> String,
}

const BENELUX: &[&str] = &[BE, NL];

#[rustfmt::skip]
const EU: &[Country] = &[
    Country { code: "AT", detector: AT, labels: &[("Führerschein Nr.:", &[]), ("Führerscheinnummer", &[])], json_key: "fuehrerscheinnummer", make: |f| number(f, 8) },
    Country { code: "BE", detector: BE, labels: &[("Führerschein-Nr.", &[]), ("permis de conduire n°", BENELUX), ("rijbewijsnummer:", BENELUX)], json_key: "fuehrerschein_nr", make: |f| number(f, 10) },
    Country { code: "BG", detector: BG, labels: &[("Шофьорска книжка №", &[]), ("СУМПС:", &[])], json_key: "shofyorska_knizhka", make: |f| number(f, 9) },
    Country { code: "HR", detector: HR, labels: &[("Vozačka dozvola:", &[]), ("broj vozačke dozvole", &[])], json_key: "vozacka_dozvola", make: |f| number(f, 8) },
    Country { code: "CY", detector: CY, labels: &[("Άδεια οδήγησης:", &[]), ("αριθμός άδειας οδήγησης", &[])], json_key: "adeia_odigisis", make: |f| non_card_number(f, 12) },
    Country { code: "CZ", detector: CZ, labels: &[("Řidičský průkaz:", &[]), ("číslo řidičského průkazu", &[])], json_key: "ridicsky_prukaz", make: czech_licence },
    Country { code: "DK", detector: DK, labels: &[("Kørekort nr.", &[]), ("kørekortnummer:", &[])], json_key: "koerekort", make: |f| number(f, 8) },
    Country { code: "EE", detector: EE, labels: &[("Juhiluba:", &[]), ("juhiloa number", &[])], json_key: "juhiluba_number", make: |f| format!("{}{}", two_letters(f), number(f, 6)) },
    Country { code: "FI", detector: FI, labels: &[("Ajokortti:", &[]), ("ajokortin numero", &[])], json_key: "ajokortin_numero", make: finnish_licence },
    Country { code: "FR", detector: FR, labels: &[("permis de conduire n°", &[]), ("Numéro de permis :", &[])], json_key: "numero_de_permis", make: |f| non_card_number(f, 12) },
    Country { code: "DE", detector: DE, labels: &[("Führerscheinnummer:", &[]), ("Führerschein-Nr.", &[])], json_key: "fuehrerscheinnummer", make: german_licence },
    Country { code: "GR", detector: GR, labels: &[("Άδεια οδήγησης:", &[]), ("δίπλωμα οδήγησης", &[])], json_key: "diploma_odigisis", make: |f| number(f, 9) },
    Country { code: "HU", detector: HU, labels: &[("Jogosítvány:", &[]), ("vezetői engedély száma", &[])], json_key: "jogositvany", make: |f| format!("{}{}", two_letters(f), number(f, 6)) },
    Country { code: "IE", detector: IE, labels: &[("Ceadúnas tiomána:", &[]), ("Driving licence", &[])], json_key: "driving_licence", make: |f| format!("{}{}", number(f, 6), (0..4).map(|_| letter(f)).collect::<String>()) },
    Country { code: "IT", detector: IT, labels: &[("Patente di guida:", &[]), ("numero patente", &[])], json_key: "numero_patente", make: italian_licence },
    Country { code: "LV", detector: LV, labels: &[("Vadītāja apliecība:", &[]), ("vadītāja apliecības numurs", &[])], json_key: "vaditaja_apliecibas_numurs", make: |f| format!("{}{}{}", two_letters(f), letter(f), number(f, 6)) },
    Country { code: "LT", detector: LT, labels: &[("Vairuotojo pažymėjimas:", &[]), ("vairuotojo pažymėjimo numeris", &[])], json_key: "vairuotojo_pazymejimas", make: |f| number(f, 8) },
    Country { code: "LU", detector: LU, labels: &[("Führerschäin Nr.", &[]), ("Fahrerlaubnis", &[])], json_key: "fahrerlaubnis", make: |f| number(f, 6) },
    Country { code: "MT", detector: MT, labels: &[("Liċenzja tas-sewqan:", &[]), ("numru tal-liċenzja tas-sewqan", &[])], json_key: "licenzja_tas_sewqan", make: maltese_licence },
    Country { code: "NL", detector: NL, labels: &[("Rijbewijsnummer:", BENELUX), ("rijbewijs nr", BENELUX)], json_key: "rijbewijsnummer", make: |f| number(f, 10) },
    Country { code: "PL", detector: PL, labels: &[("Prawo jazdy nr", &[]), ("numer prawa jazdy:", &[])], json_key: "prawo_jazdy", make: |f| format!("{}/{:02}/{}", number(f, 5), f.int(0..=24), f.digits(4)) },
    Country { code: "PT", detector: PT, labels: &[("Carta de condução:", &[]), ("carta de condução n.º", &[])], json_key: "carta_de_conducao", make: portuguese_licence },
    Country { code: "RO", detector: RO, labels: &[("Permis de conducere:", &[]), ("numărul permisului de conducere", &[])], json_key: "permis_de_conducere", make: |f| format!("{}{}", f.pick(&['B', 'C', 'A', '1', '2']), number(f, 8)) },
    Country { code: "SK", detector: SK, labels: &[("Vodičský preukaz:", &[]), ("číslo vodičského preukazu", &[])], json_key: "vodicsky_preukaz", make: |f| format!("{}{}", f.pick(&['E', 'S', 'B', '3']), number(f, 7)) },
    Country { code: "SI", detector: SI, labels: &[("Vozniško dovoljenje:", &[]), ("vozniško dovoljenje št.", &[])], json_key: "vozniskega_dovoljenja", make: |f| number(f, 9) },
    Country { code: "ES", detector: ES, labels: &[("Permiso de conducir:", &[]), ("carnet de conducir", &[])], json_key: "permiso_de_conducir", make: spanish_licence },
    Country { code: "SE", detector: SE, labels: &[("Körkortsnummer:", &[]), ("körkort", &[])], json_key: "korkortsnummer", make: swedish_licence },
];

/// Plants a European licence for its detector and the others its label makes it fit.
fn plant_eu(country: &Country, also: &[&'static str], value: &str) -> String {
    if also.is_empty() {
        plant(country.detector, value)
    } else {
        let mut detectors = vec![country.detector];
        detectors.extend(also.iter().filter(|d| **d != country.detector));
        plant_each(&detectors, value)
    }
}

fn two_letters(f: &mut Fake) -> String {
    format!("{}{}", letter(f), letter(f))
}

/// All-digit numbers long enough to be mistaken for a payment card are kept clear of one.
fn non_card_number(f: &mut Fake, n: usize) -> String {
    loop {
        let value = number(f, n);
        if !super::card_valid(&digits_of(&value)) {
            return value;
        }
    }
}

fn czech_licence(f: &mut Fake) -> String {
    let space = if f.chance(0.5) { " " } else { "" };
    format!("E{}{space}{}", f.pick(&['A', 'B', 'C', 'D', 'K']), number(f, 6))
}

fn italian_licence(f: &mut Fake) -> String {
    let prefix = if f.chance(0.6) {
        format!("U{}", f.int(1..=9))
    } else {
        f.pick(&["RM", "MI", "TO", "NA", "PA", "BO"]).to_string()
    };
    format!("{prefix}{}{}", number(f, 7), letter(f))
}

fn maltese_licence(f: &mut Fake) -> String {
    let d = number(f, 6);
    let head = if f.chance(0.5) { two_letters(f) } else { f.digits(2) };
    if f.chance(0.5) {
        format!("{head} {} {}", &d[..3], &d[3..])
    } else {
        format!("{head}{d}")
    }
}

fn portuguese_licence(f: &mut Fake) -> String {
    let district = f.pick(&["L", "P", "C", "AV", "BR", "FA"]);
    let n = if district.len() == 2 {
        f.int(5..=6)
    } else {
        f.int(6..=8)
    } as usize;
    format!("{district}-{} {}", number(f, n), f.int(0..=9))
}

/// The German check character: weights 9 to 1 over the first nine (letters 10-35), mod 11, X for 10.
fn german_check(payload: &str) -> char {
    let sum: u32 = payload
        .chars()
        .zip((1..=9).rev())
        .map(|(c, w)| c.to_digit(36).unwrap_or(0) * w)
        .sum();
    match sum % 11 {
        10 => 'X',
        digit => char::from(b'0' + digit as u8),
    }
}

fn german_valid(value: &str) -> bool {
    value.len() == 11 && value[9..10].starts_with(german_check(&value[..9]))
}

fn german_licence(f: &mut Fake) -> String {
    const ALNUM: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    let payload = format!("{}{}{}", f.chars_from(ALNUM, 1), f.digits(2), f.chars_from(ALNUM, 6));
    format!("{payload}{}{}", german_check(&payload), f.chars_from(ALNUM, 1))
}

const DNI_LETTERS: &[u8] = b"TRWAGMYFPDXBNJZSQVHLCKE";

fn spanish_valid(value: &str) -> bool {
    let compact: String = value.chars().filter(|c| *c != '-').collect();
    let lead = match compact.chars().next() {
        Some('X') => "0",
        Some('Y') => "1",
        Some('Z') => "2",
        _ => "",
    };
    let body = format!("{lead}{}", &compact[usize::from(!lead.is_empty())..compact.len() - 1]);
    let number: u64 = body.parse().unwrap_or(u64::MAX);
    compact.ends_with(char::from(DNI_LETTERS[(number % 23) as usize]))
}

fn spanish_licence(f: &mut Fake) -> String {
    if f.chance(0.7) {
        let n = number(f, 8);
        let letter = char::from(DNI_LETTERS[(n.parse::<u64>().unwrap_or(0) % 23) as usize]);
        let hyphen = if f.chance(0.3) { "-" } else { "" };
        format!("{n}{hyphen}{letter}")
    } else {
        let (prefix, lead) = f.pick(&[("X", 0), ("Y", 1), ("Z", 2)]);
        let n = f.digits(7);
        let letter = char::from(DNI_LETTERS[(format!("{lead}{n}").parse::<u64>().unwrap_or(0) % 23) as usize]);
        format!("{prefix}{n}{letter}")
    }
}

/// A birth date as (year, month, day).
fn birth(f: &mut Fake) -> (u32, u32, u32) {
    let year = f.int(1945..=2005) as u32;
    let month = f.int(1..=12) as u32;
    let leap = year.is_multiple_of(4);
    (year, month, f.int(1..=u64::from(days_in_month(month, leap))) as u32)
}

const HETU_CHECK: &[u8] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

fn finnish_valid(value: &str) -> bool {
    let c: Vec<char> = value.chars().collect();
    if c.len() != 11 {
        return false;
    }
    let digits: String = c[..6].iter().chain(&c[7..10]).collect();
    let number: u64 = digits.parse().unwrap_or(u64::MAX);
    let day: u32 = digits[..2].parse().unwrap_or(0);
    let month: u32 = digits[2..4].parse().unwrap_or(0);
    let individual: u32 = digits[6..].parse().unwrap_or(0);
    let century_ok = matches!(c[6], '+' | '-' | 'A'..='F' | 'U'..='Y');
    century_ok
        && (1..=12).contains(&month)
        && (1..=days_in_month(month, true)).contains(&day)
        && (2..=899).contains(&individual)
        && HETU_CHECK.get((number % 31) as usize).map(|&b| char::from(b)) == Some(c[10])
}

fn swedish_valid(value: &str) -> bool {
    let digits = digits_of(value);
    let ten = match digits.len() {
        10 => &digits[..],
        12 => &digits[2..],
        _ => return false,
    };
    let month = ten[2] * 10 + ten[3];
    let day = (ten[4] * 10 + ten[5]) % 60;
    (1..=12).contains(&month) && (1..=days_in_month(month, true)).contains(&day) && super::luhn_valid(ten)
}

/// A henkilötunnus that the Swedish check does not also accept (both detectors share körkort).
fn finnish_licence(f: &mut Fake) -> String {
    loop {
        let (year, month, day) = birth(f);
        let sign = if year >= 2000 {
            f.pick(&['A', 'B'])
        } else {
            f.pick(&['-', '-', '-', 'Y'])
        };
        let individual = f.int(2..=899);
        let number =
            u64::from(day) * 10_000_000 + u64::from(month) * 100_000 + u64::from(year % 100) * 1000 + individual;
        let check = char::from(HETU_CHECK[(number % 31) as usize]);
        let value = format!("{day:02}{month:02}{:02}{sign}{individual:03}{check}", year % 100);
        if !swedish_valid(&value) {
            return value;
        }
    }
}

/// A personnummer that the Finnish check does not also accept.
fn swedish_licence(f: &mut Fake) -> String {
    loop {
        let (year, month, day) = birth(f);
        let payload: Vec<u32> = digits_of(&format!("{:02}{month:02}{day:02}{}", year % 100, f.digits(3)));
        let check = super::luhn_check_digit(&payload);
        let body: String = payload.iter().map(|d| char::from(b'0' + *d as u8)).collect();
        let value = match f.int(0..=3) {
            0 => format!("{}{}-{}{check}", year / 100, &body[..6], &body[6..]),
            1 => format!("{body}{check}"),
            _ => format!("{}-{}{check}", &body[..6], &body[6..]),
        };
        if !finnish_valid(&value) {
            return value;
        }
    }
}

/// Checks of the European numbers with a check digit (the rest only refuse filler).
fn eu_valid(detector: &str, value: &str) -> Option<bool> {
    let valid = match detector {
        DE => german_valid(value),
        ES => spanish_valid(value),
        FI => finnish_valid(value),
        SE => swedish_valid(value) && !finnish_valid(value),
        AT | BE | BG | HR | CY | CZ | DK | EE | FR | GR | HU | IE | IT | LV | LT | LU | MT | NL | PL | PT | RO | SK
        | SI => !filler(value),
        _ => return None,
    };
    Some(valid)
}

/// Wrong values a form might hold under a licence label: filler and a failing check character.
fn eu_decoy(country: &Country, f: &mut Fake) -> String {
    let value = (country.make)(f);
    match country.detector {
        DE | ES | FI => {
            // Change the check character to another one of the same kind.
            let mut chars: Vec<char> = value.chars().collect();
            let at = if country.detector == DE { 9 } else { chars.len() - 1 };
            chars[at] = match chars[at] {
                '9' => '8',
                'X' => '0',
                'Z' => 'A',
                c if c.is_ascii_digit() || c.is_ascii_uppercase() => char::from(c as u8 + 1),
                c => c,
            };
            let decoy: String = chars.into_iter().collect();
            if eu_valid(country.detector, &decoy) == Some(true) {
                "0".repeat(8)
            } else {
                decoy
            }
        }
        SE => {
            let digits = digits_of(&value);
            let last = digits[digits.len() - 1];
            format!("{}{}", &value[..value.len() - 1], (last + 1) % 10)
        }
        _ => value
            .chars()
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
            .collect(),
    }
}

/// Fleet managers' licence checks across the EU, one record per driver in the national language,
/// with refused entries (filler, failing check characters) and the same shapes as case numbers.
fn eu_driver_checks(doc: &mut Doc, f: &mut Fake) {
    doc.line("European fleet: annual driving-licence checks, collated from the national subsidiaries");
    doc.line("");
    for round in 0..24 {
        for country in EU {
            let person = f.person();
            let (label, also) = f.pick(country.labels);
            let line = if round % 6 == 5 {
                format!(
                    "[{}] {} | {label} {} | rejected by the registry check",
                    country.code,
                    person.full(),
                    eu_decoy(country, f)
                )
            } else {
                let value = (country.make)(f);
                format!(
                    "[{}] {} | {label} {} | categories {}",
                    country.code,
                    person.full(),
                    plant_eu(country, also, &value),
                    f.pick(&["B", "B, BE", "AM, B", "B, C1"])
                )
            };
            doc.line(line);
            if round % 4 == 0 {
                doc.line(format!(
                    "      note for the subsidiary's archive, filed with the signed declaration: case {} ({})",
                    (country.make)(f),
                    f.pick(&[
                        "scan attached to the subsidiary folder",
                        "original seen at the depot",
                        "copy requested by post"
                    ])
                ));
            }
        }
    }
}

/// A pan-European car-sharing operator's member exports, the licence under its national key.
fn eu_members_jsonl(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    for _ in 0..16 {
        for country in EU {
            clock.tick(f, 2_000_000);
            let person = f.person();
            let value = (country.make)(f);
            let also: &[&str] =
                if country.detector == NL || (country.detector == BE && country.json_key.contains("rijbewijs")) {
                    BENELUX
                } else {
                    &[]
                };
            doc.line(format!(
                r#"{{"member":"m_{}","country":"{}","joined":"{}","name":"{}","{}":"{}","tier":"{}"}}"#,
                f.hex(10),
                country.code,
                clock.iso(),
                super::plant("NAME", &person.full()),
                country.json_key,
                plant_eu(country, also, &value),
                f.pick(&["basic", "plus", "business"]),
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Vehicles, coordinates, cookies, the UK electoral roll and Argentina's SUBE card
// ---------------------------------------------------------------------------------------------

const VIN: &str = "VEHICLE_IDENTIFICATION_NUMBER";
const LATLONG: &str = "LATITUDE_LONGITUDE";
const COOKIE: &str = "HTTP_COOKIE";
const ELECTORAL: &str = "UK_ELECTORAL_ROLL_NUMBER";
const SUBE: &str = "ARGENTINA_TARJETA_SUBE";
const CREDIT_CARD_NUMBER: &str = "CREDIT_CARD_NUMBER";

const VIN_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

fn vin_value(c: char) -> u32 {
    match c {
        '0'..='9' => c as u32 - '0' as u32,
        'A'..='H' => c as u32 - 'A' as u32 + 1,
        'J'..='N' => c as u32 - 'J' as u32 + 1,
        'P' => 7,
        'R' => 9,
        _ => c as u32 - 'S' as u32 + 2,
    }
}

/// The North American check character of a 17-character VIN (position 9 ignored).
fn vin_check(vin: &str) -> char {
    const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    let sum: u32 = vin.chars().zip(WEIGHTS).map(|(c, w)| vin_value(c) * w).sum();
    match sum % 11 {
        10 => 'X',
        digit => char::from(b'0' + digit as u8),
    }
}

fn vin_valid(vin: &str) -> bool {
    let chars: Vec<char> = vin.chars().collect();
    let structure = chars.len() == 17
        && vin.bytes().all(|b| VIN_ALPHABET.contains(&b))
        && chars[13..].iter().all(char::is_ascii_digit)
        && chars.iter().any(char::is_ascii_uppercase);
    let needs_check = matches!(chars.first(), Some('1'..='5' | 'L'));
    structure && (!needs_check || chars[8] == vin_check(vin))
}

/// A VIN: a real-looking manufacturer code, a model section and a serial; North American and
/// Chinese ones carry the check digit, European ones mostly do not.
fn vin(f: &mut Fake) -> String {
    let wmi = f.pick(&[
        "1HG", "1FT", "2T1", "3VW", "5YJ", "4T1", "LSV", "WVW", "WBA", "VF1", "ZFA", "SAL", "YV1", "TMB",
    ]);
    let vds = f.chars_from(VIN_ALPHABET, 5);
    let year = f.pick(&['F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R']);
    let plant_code = f.chars_from(b"ABCDEFGHJKLMNPRSTUVWXYZ", 1);
    let serial = format!("{:06}", f.int(1..=999_999));
    let placeholder = format!("{wmi}{vds}0{year}{plant_code}{serial}");
    let ninth = if matches!(wmi.chars().next(), Some('1'..='5' | 'L')) || f.chance(0.3) {
        vin_check(&placeholder)
    } else {
        f.pick(&['Z', '0', 'A', '5'])
    };
    format!("{wmi}{vds}{ninth}{year}{plant_code}{serial}")
}

/// A North American VIN whose check digit is wrong.
fn decoy_vin(f: &mut Fake) -> String {
    loop {
        let good = vin(f);
        if !matches!(good.chars().next(), Some('1'..='5')) {
            continue;
        }
        let wrong = if good.as_bytes()[8] == b'7' { '3' } else { '7' };
        return format!("{}{wrong}{}", &good[..8], &good[9..]);
    }
}

fn coordinates_valid(value: &str) -> bool {
    let mut parts = value.split([',', ' ']).filter(|p| !p.is_empty());
    let (Some(lat), Some(long)) = (parts.next(), parts.next()) else {
        return false;
    };
    let decimals = |p: &str| p.split_once('.').map_or(0, |(_, d)| d.len());
    let (Ok(lat_value), Ok(long_value)) = (lat.parse::<f64>(), long.parse::<f64>()) else {
        return false;
    };
    decimals(lat) >= 4 && decimals(long) >= 4 && lat_value.abs() <= 90.0 && long_value.abs() <= 180.0
}

/// A position near one of a few cities, with 5-7 decimals, in one of the written forms.
fn coordinates(f: &mut Fake) -> String {
    let (lat, long) = f.pick(&[
        (41.8781, -87.6298),
        (51.5072, -0.1276),
        (-33.8688, 151.2093),
        (48.8566, 2.3522),
        (-34.6037, -58.3816),
        (35.6762, 139.6503),
    ]);
    let places = f.int(5..=7) as usize;
    let jitter = |f: &mut Fake| (f.int(0..=20_000) as f64 - 10_000.0) / 100_000.0;
    let (lat, long) = (lat + jitter(f), long + jitter(f));
    let separator = f.pick(&[",", ", ", " "]);
    format!("{lat:.places$}{separator}{long:.places$}")
}

/// Telematics from a mixed fleet: each vehicle's VIN under a key in one of Macie's languages and
/// its last position; decoys are failing North American check digits and rounded positions.
fn fleet_telematics_jsonl(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    let keys = [
        "vin",
        "fahrgestellnummer",
        "numero_de_bastidor",
        "niv",
        "numer_vin",
        "numero_do_chassi",
        "serie_sasiu",
        "vin_kodas",
    ];
    for i in 0..160 {
        clock.tick(f, 60_000);
        let key = f.pick(&keys);
        let vehicle = if i % 8 == 7 { decoy_vin(f) } else { plant(VIN, &vin(f)) };
        let position = if i % 7 == 6 {
            format!(
                "{:.2},{:.2}",
                f.int(1000..=8900) as f64 / 100.0,
                f.int(1000..=17_900) as f64 / 100.0
            )
        } else {
            plant(LATLONG, &coordinates(f))
        };
        doc.line(format!(
            r#"{{"ts":"{}","unit":"tu-{}","{key}":"{vehicle}","speed_kmh":{},"fuel_pct":{},"position":"{position}","heading":{}}}"#,
            clock.iso(),
            f.hex(6),
            f.int(0..=130),
            f.int(3..=100),
            f.int(0..=359)
        ));
    }
}

/// A garage's job cards in prose: the VIN written in the text, and part numbers of the same length.
fn garage_job_cards(doc: &mut Doc, f: &mut Fake) {
    for _ in 0..40 {
        let person = f.person();
        doc.line(format!(
            "Job card for {} — booked in for {}",
            person.full(),
            f.pick(&["a service", "brake pads", "an MOT", "a recall check"])
        ));
        doc.line(format!("Vehicle identification number: {}", plant(VIN, &vin(f))));
        doc.line(format!(
            "Parts ordered from the distributor catalogue, reference {} (two units), and shop consumables.",
            f.chars_from(b"ABCDEFGHJKLMNPRSTUVWXYZ", 3) + &f.digits(14)
        ));
        doc.line(format!(
            "Technician notes: road test done, customer collected the car at {}:{:02}.",
            f.int(9..=17),
            f.int(0..=59)
        ));
        doc.line("");
    }
}

/// A value for a cookie: what web frameworks put in session and preference cookies.
fn cookie_value(f: &mut Fake) -> String {
    match f.int(0..=3) {
        0 => f.hex(32),
        1 => f.alnum(24),
        2 => format!(
            "GA1.2.{}.{}",
            f.int(100_000_000..=999_999_999),
            f.int(1_600_000_000..=1_720_000_000)
        ),
        _ => format!("s%3A{}.{}", f.alnum(20), f.alnum(12)),
    }
}

/// Captured HTTP exchanges (a debugging proxy's export), with the documentation's placeholders.
fn http_capture(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    for i in 0..120 {
        clock.tick(f, 5_000);
        let path = f.pick(&[
            "/api/v1/cart",
            "/account",
            "/checkout/review",
            "/search?q=boots",
            "/api/v1/session",
        ]);
        doc.line(format!("### {} exchange {}", clock.iso(), f.hex(8)));
        doc.line(format!("> GET {path} HTTP/1.1"));
        doc.line("> Host: shop.northwind-traders.com");
        doc.line(format!("> User-Agent: {}", f.user_agent()));
        match i % 6 {
            5 => doc.line(format!(
                "> {}",
                f.pick(&[
                    "Cookie: name=value",
                    "Cookie: <cookie-list>",
                    "Cookie: session=$SESSION_ID",
                    "Cookie: sid={{ sid }}"
                ])
            )),
            _ => {
                let pairs = format!(
                    "{}={}; {}={}",
                    f.pick(&["sessionid", "JSESSIONID", "connect.sid", "_shop_session", "PHPSESSID"]),
                    cookie_value(f),
                    f.pick(&["_ga", "lang", "csrftoken", "cart_id"]),
                    cookie_value(f)
                );
                doc.line(format!(
                    "> {}: {}",
                    f.pick(&["Cookie", "cookie"]),
                    plant(COOKIE, &pairs)
                ));
            }
        }
        doc.line("< HTTP/1.1 200 OK");
        doc.line("< Content-Type: application/json; charset=utf-8");
        if i % 3 == 0 {
            let set = format!(
                "{}={}; Path=/; {}HttpOnly; Secure; SameSite=Lax",
                f.pick(&["sid", "session", "__Host-session"]),
                cookie_value(f),
                if f.chance(0.5) {
                    format!("Max-Age={}; ", f.int(600..=86_400))
                } else {
                    String::new()
                }
            );
            doc.line(format!("< Set-Cookie: {}", plant(COOKIE, &set)));
        }
        doc.line("");
    }
    doc.line("Reference (copied from the team wiki): a server sets a cookie with");
    doc.line("    Set-Cookie: <cookie-name>=<cookie-value>");
    doc.line("and the browser sends it back as Cookie: name=value; name2=value2 on later requests.");
}

/// A council's canvass notes: elector numbers with their polling district code.
fn uk_electoral_register(doc: &mut Doc, f: &mut Fake) {
    doc.line("Household enquiry form returns, annual canvass (electoral registration office)");
    doc.line("");
    for i in 0..60 {
        let person = f.person();
        let district = format!(
            "{}{}{}",
            letter(f),
            letter(f),
            if f.chance(0.5) {
                letter(f).to_string()
            } else {
                String::new()
            }
        );
        let hyphen = if f.chance(0.4) { "-" } else { "" };
        let suffix = if f.chance(0.15) {
            format!("/{}", f.int(1..=3))
        } else {
            String::new()
        };
        let number = format!("{district}{hyphen}{}{suffix}", f.int(1..=4999));
        doc.line(format!(
            "Elector: {} at {} {}",
            person.full(),
            f.int(1..=180),
            f.pick(super::STREETS)
        ));
        if i % 10 == 9 {
            doc.line(format!(
                "Electoral roll number: {district}-0000 (placeholder, to be assigned)"
            ));
        } else {
            doc.line(format!("Electoral roll number: {}", plant(ELECTORAL, &number)));
        }
        doc.line(format!(
            "Canvasser visit {} of 3 logged; form returned by post, no changes to the household, ref {}{}",
            f.int(1..=3),
            district,
            f.int(100..=999)
        ));
        doc.line("");
    }
}

fn sube_valid(value: &str) -> bool {
    let digits = digits_of(value);
    digits.len() == 16 && digits[..4] == [6, 0, 6, 1] && super::luhn_valid(&digits)
}

fn sube(f: &mut Fake) -> String {
    let payload = digits_of(&format!("6061{}", f.digits(11)));
    let check = super::luhn_check_digit(&payload);
    let compact: String = payload
        .iter()
        .chain([check].iter())
        .map(|d| char::from(b'0' + *d as u8))
        .collect();
    match f.int(0..=2) {
        0 => compact,
        1 => super::group4(&compact),
        _ => super::group4(&compact).replace(' ', "-"),
    }
}

/// Plants a SUBE number, and as a payment card when the card detector's issuer table takes it.
fn plant_sube(value: &str) -> String {
    if super::card_valid(&digits_of(value)) {
        plant_each(&[SUBE, CREDIT_CARD_NUMBER], value)
    } else {
        plant(SUBE, value)
    }
}

/// A top-up kiosk's log in Buenos Aires: card numbers after "tarjeta SUBE", failed reads as decoys.
fn sube_recargas_log(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    for i in 0..120 {
        clock.tick(f, 40_000);
        let line = if i % 9 == 8 {
            let mut bad = sube(f);
            let last = bad.pop().and_then(|c| c.to_digit(10)).unwrap_or(0);
            bad.push(char::from(b'0' + ((last + 1) % 10) as u8));
            format!(
                "{} WARN  recarga terminal={} tarjeta SUBE {bad} rechazada: dígito verificador",
                clock.log(),
                f.int(100..=999)
            )
        } else {
            format!(
                "{} INFO  recarga terminal={} tarjeta SUBE {} monto=${} saldo=${}",
                clock.log(),
                f.int(100..=999),
                plant_sube(&sube(f)),
                f.pick(&[500, 1000, 2000, 3000]),
                f.int(100..=9000)
            )
        };
        doc.line(line);
    }
}
