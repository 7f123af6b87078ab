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
pub(crate) const DETECTORS: &[&str] = &[US, UK, CA, AU, IN];

/// This family's labelled files, in the order expected.jsonl lists them.
pub(crate) const FILES: &[(&str, Generate)] = &[
    ("core/licences/dmv_verifications.log", dmv_verifications_log),
    ("core/licences/rental_bookings.jsonl", rental_bookings_jsonl),
    ("core/licences/uk_fleet_drivers.txt", uk_fleet_drivers),
    ("core/licences/ca_au_in_applications.txt", ca_au_in_applications),
];

/// Whether a planted value passes its own checksum; `None` for detectors this family does not know.
pub(crate) fn check_planted(detector: &str, value: &str) -> Option<bool> {
    let valid = match detector {
        UK => uk_valid(value),
        IN => india_valid(value),
        CA => !filler(value) && ontario_date_valid(value),
        US | AU => !filler(value),
        _ => return None,
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
