//! Labelled corpus files for the catalogue's financial identifiers (per-country IBAN and BBAN, bank accounts, card expiry, security codes, magnetic stripes) and health identifiers.
//! Files go under `core/finance_health/`; every id in `DETECTORS` needs at least `MIN_PLANTED` planted values.
//!
//! Track 2 of a magnetic stripe (`;<PAN>=...`) holds the card number after a `;`, where the card
//! detector finds it too; the labels cannot nest, so planted track 2 data carries private-label
//! (fleet, fuel, store) PANs, which pass Luhn but belong to no payment network. Network PANs are
//! planted in track 1, behind the `B` format code, where the card detector does not look.

use super::{Clock, Doc, Fake, ascii_fold, card_valid, digit_values, luhn_check_digit, luhn_valid, plant};

pub(crate) const CREDIT_CARD_EXPIRATION: &str = "CREDIT_CARD_EXPIRATION";
const CREDIT_CARD_SECURITY_CODE: &str = "CREDIT_CARD_SECURITY_CODE";
const CREDIT_CARD_MAGNETIC_STRIPE: &str = "CREDIT_CARD_MAGNETIC_STRIPE";
const FRANCE_BBAN: &str = "FRANCE_BANK_ACCOUNT_NUMBER";
const GERMANY_BBAN: &str = "GERMANY_BANK_ACCOUNT_NUMBER";
const ITALY_BBAN: &str = "ITALY_BANK_ACCOUNT_NUMBER";
const SPAIN_BBAN: &str = "SPAIN_BANK_ACCOUNT_NUMBER";
const UK_BBAN: &str = "UK_BANK_ACCOUNT_NUMBER";
const BANK_ACCOUNT_NUMBER: &str = "BANK_ACCOUNT_NUMBER";
const USA_ROUTING_NUMBER: &str = "USA_ROUTING_NUMBER";

/// Detector ids this family's files plant.
pub(crate) const DETECTORS: &[&str] = &[
    CREDIT_CARD_EXPIRATION,
    CREDIT_CARD_SECURITY_CODE,
    CREDIT_CARD_MAGNETIC_STRIPE,
    FRANCE_BBAN,
    GERMANY_BBAN,
    ITALY_BBAN,
    SPAIN_BBAN,
    UK_BBAN,
    BANK_ACCOUNT_NUMBER,
    USA_MBI,
    USA_NPI,
    USA_DEA,
    USA_NDC,
    USA_HCPCS,
    USA_HICN,
    CANADA_HEALTH,
    EU_EHIC,
    FI_EHIC,
    FR_HEALTH,
    DEVICE_UDI,
];

/// This family's labelled files, in the order expected.jsonl lists them.
pub(crate) const FILES: &[(&str, super::Generate)] = &[
    ("core/finance_health/pos_terminal.log", pos_terminal_log),
    ("core/finance_health/checkout_events.jsonl", checkout_events_jsonl),
    ("core/finance_health/card_support_calls.txt", card_support_calls),
    ("core/finance_health/supplier_bank_details.txt", supplier_bank_details),
    ("core/finance_health/ach_enrollments.jsonl", ach_enrollments_jsonl),
    ("core/finance_health/ehr_patients.jsonl", ehr_patients_jsonl),
    ("core/finance_health/claim_lines.csv", claim_lines_csv),
    ("core/finance_health/hl7_feed.txt", hl7_feed),
    ("core/finance_health/device_scans.log", device_scans_log),
    ("core/finance_health/pharmacy_rx.txt", pharmacy_rx_txt),
    ("core/finance_health/cross_border_care.txt", cross_border_care_txt),
];

/// Whether a planted value passes its own checksum; `None` for detectors this family does not know.
pub(crate) fn check_planted(detector: &str, value: &str) -> Option<bool> {
    match detector {
        CREDIT_CARD_MAGNETIC_STRIPE => {
            let body = value.trim_start_matches(['%', ';']).trim_start_matches('B');
            let pan = body.split(['^', '=']).next().unwrap_or("");
            Some(luhn_valid(&digit_values(pan)))
        }
        FRANCE_BBAN => Some(fr_rib_key(&compact(value)[..21]) == compact(value)[21..]),
        ITALY_BBAN => {
            let c = compact(value);
            Some(it_cin(&c[1..]) == c[..1])
        }
        SPAIN_BBAN => {
            let c = compact(value);
            Some(es_dc(&c[..8], &c[10..]) == c[8..10])
        }
        _ => check_health(detector, value),
    }
}

fn compact(value: &str) -> String {
    value.chars().filter(char::is_ascii_alphanumeric).collect()
}

/// The French RIB key of bank (5) + branch (5) + account (11, letters read as digits).
fn fr_rib_key(head: &str) -> String {
    let digits: String = head
        .chars()
        .map(|c| match c {
            'A'..='I' => char::from(b'1' + (c as u8 - b'A')),
            'J'..='R' => char::from(b'1' + (c as u8 - b'J')),
            'S'..='Z' => char::from(b'2' + (c as u8 - b'S')),
            digit => digit,
        })
        .collect();
    let part = |range: std::ops::Range<usize>| digits[range].parse::<u64>().expect("digits") % 97;
    let key = 97 - (89 * part(0..5) + 15 * part(5..10) + 3 * part(10..21)) % 97;
    format!("{key:02}")
}

/// The Italian CIN of ABI + CAB + account (22 characters).
fn it_cin(rest: &str) -> String {
    const ODD: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
    ];
    let sum: u32 = rest
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let face = c.to_digit(10).unwrap_or_else(|| c as u32 - 'A' as u32);
            if i % 2 == 0 { ODD[face as usize] } else { face }
        })
        .sum();
    char::from(b'A' + (sum % 26) as u8).to_string()
}

/// The two Spanish CCC check digits of entity + office (8) and account (10).
fn es_dc(entity_office: &str, account: &str) -> String {
    let digit = |digits: &str| {
        let weights = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
        let offset = 10 - digits.len();
        let sum: u32 = digit_values(digits)
            .iter()
            .zip(&weights[offset..])
            .map(|(d, w)| d * w)
            .sum();
        match 11 - sum % 11 {
            11 => 0,
            10 => 1,
            d => d,
        }
    };
    format!("{}{}", digit(entity_office), digit(account))
}

fn to_text(digits: &[u32]) -> String {
    digits
        .iter()
        .map(|d| char::from_digit(*d, 10).expect("a digit"))
        .collect()
}

impl Fake {
    /// Expiry year and month as a stripe holds them (YYMM), a few years ahead.
    fn stripe_expiry(&mut self) -> String {
        format!("{:02}{:02}", self.int(25..=31), self.int(1..=12))
    }

    /// An ISO 7813 service code: international or national, chip or not, normal authorisation.
    fn service_code(&mut self) -> &'static str {
        self.pick(&["101", "201", "120", "221", "501", "601", "206"])
    }

    fn track1(&mut self, pan: &str) -> String {
        let person = self.person();
        let name = format!(
            "{}/{}",
            ascii_fold(person.last).to_uppercase(),
            ascii_fold(person.first).to_uppercase()
        );
        let expiry = self.stripe_expiry();
        let service = self.service_code();
        let len = self.int(6..=20) as usize;
        let discretionary = self.digits(len);
        let start = if self.chance(0.8) { "%" } else { "" };
        format!("{start}B{pan}^{name}^{expiry}{service}{discretionary}?")
    }

    /// Track 2. The digits after `=` are drawn again when they happen to form a payment card
    /// number (an expiry in 2030 reads as a Diners prefix), which the card detector would report.
    fn track2(&mut self, pan: &str) -> String {
        loop {
            let expiry = self.stripe_expiry();
            let service = self.service_code();
            let len = self.int(4..=12) as usize;
            let data = format!("{expiry}{service}{}", self.digits(len));
            if !card_valid(&digit_values(&data)) {
                return format!(";{pan}={data}?");
            }
        }
    }

    /// A Luhn-valid PAN outside the payment networks' ranges: fuel, fleet and store cards.
    fn private_label_pan(&mut self) -> String {
        let (prefix, length): (&str, usize) = self.pick(&[("7071", 16), ("7088", 19), ("8100", 16), ("7824", 16)]);
        let mut digits = digit_values(prefix);
        while digits.len() < length - 1 {
            digits.push(self.int(0..=9) as u32);
        }
        digits.push(luhn_check_digit(&digits));
        to_text(&digits)
    }

    /// A month and year as a card's expiry is written.
    fn card_expiry(&mut self) -> String {
        let (month, year) = (self.int(1..=12), self.int(25..=33));
        match self.int(0..=6) {
            0..=2 => format!("{month:02}/{year}"),
            3 => format!("{month:02}/20{year}"),
            4 => format!("{month:02}-{year}"),
            5 => format!("{} 20{year}", &super::MONTHS[month as usize - 1][..3]),
            _ => format!("20{year}-{month:02}"),
        }
    }

    /// A French BBAN as a RIB (5-5-11-2) or compact; `valid` false gives a wrong key.
    fn fr_bban(&mut self, valid: bool) -> String {
        let bank = self.pick(&["30004", "30003", "20041", "10107", "11315", "30002", "18206"]);
        let mut account = self.digits(11);
        if self.chance(0.2) {
            account.replace_range(7..8, self.pick(&["A", "C", "M", "R", "T"]));
        }
        let head = format!("{bank}{}{account}", self.digits(5));
        let mut key = fr_rib_key(&head).parse::<u32>().expect("a key");
        if !valid {
            key = (key + self.int(1..=50) as u32) % 97 + 1;
        }
        if self.chance(0.6) {
            format!("{} {} {} {key:02}", &head[..5], &head[5..10], &head[10..])
        } else {
            format!("{head}{key:02}")
        }
    }

    /// A German BBAN (Bankleitzahl + account), never also a card-shaped number.
    fn de_bban(&mut self) -> String {
        loop {
            let blz = self.pick(&[
                "10020030", "37040044", "50010517", "70020270", "20050550", "60050101", "43060967",
            ]);
            let account = format!("{}{}", self.int(1..=9), self.digits(9));
            let compact = format!("{blz}{account}");
            if card_valid(&digit_values(&compact)) || card_valid(&digit_values(&compact[..16])) {
                continue;
            }
            return match self.int(0..=2) {
                0 => compact,
                1 => format!("{blz} {account}"),
                _ => super::group4(&compact),
            };
        }
    }

    fn it_bban(&mut self) -> String {
        let abi = self.pick(&["05428", "03069", "02008", "01030", "03062", "05034"]);
        let account = if self.chance(0.8) {
            self.digits(12)
        } else {
            format!("CC{}", self.digits(10))
        };
        let rest = format!("{abi}{}{account}", self.digits(5));
        let cin = it_cin(&rest);
        if self.chance(0.5) {
            format!("{cin}{rest}")
        } else {
            format!("{cin} {} {} {}", &rest[..5], &rest[5..10], &rest[10..])
        }
    }

    fn es_bban(&mut self, valid: bool) -> String {
        let entity_office = format!(
            "{}{}",
            self.pick(&["2100", "0049", "0075", "0182", "2038", "0081"]),
            self.digits(4)
        );
        let account = format!("{}{}", self.int(1..=9), self.digits(9));
        let mut dc = es_dc(&entity_office, &account);
        if !valid {
            dc = format!(
                "{}{}",
                dc.as_bytes()[0] - b'0',
                (dc.as_bytes()[1] - b'0' + 1 + self.int(0..=7) as u8) % 10
            );
        }
        if self.chance(0.6) {
            format!("{} {} {dc} {account}", &entity_office[..4], &entity_office[4..])
        } else {
            format!("{entity_office}{dc}{account}")
        }
    }

    /// A UK account as a BBAN or as sort code and account number.
    fn uk_account(&mut self) -> String {
        let sort = format!("{:02}{}", self.int(1..=99), self.digits(4));
        let account = format!("{}{}", self.int(1..=9), self.digits(7));
        match self.int(0..=3) {
            0 | 1 => format!("{}-{}-{} {account}", &sort[..2], &sort[2..4], &sort[4..]),
            2 => super::group4(&format!("{}{sort}{account}", self.pick(super::bank_codes("GB")))),
            _ => format!("{}{sort}{account}", self.pick(super::bank_codes("GB"))),
        }
    }

    /// A US account number: 9-17 digits, never a card number or a valid routing number.
    fn us_account(&mut self) -> String {
        loop {
            let len = self.int(9..=17) as usize;
            let account = if self.chance(0.3) {
                format!("000{}", self.digits(len - 3))
            } else {
                format!("{}{}", self.int(1..=9), self.digits(len - 1))
            };
            let digits = digit_values(&account);
            let routing_like = len == 9 && super::aba_check_digit(&digits[..8]) == digits[8];
            if !card_valid(&digits) && !routing_like {
                return account;
            }
        }
    }

    fn security_code(&mut self) -> String {
        if self.chance(0.85) {
            format!("{:03}", self.int(0..=999))
        } else {
            format!("{:04}", self.int(0..=9999))
        }
    }
}

/// A card terminal's log: swipes with track data, chip reads, declines, and noise.
fn pos_terminal_log(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    for _ in 0..140 {
        clock.tick(f, 90_000);
        let ts = clock.log();
        let lane = f.int(1..=14);
        match f.int(0..=9) {
            0..=2 => {
                let digits = f.card_digits();
                let track = f.track1(&to_text(&digits));
                doc.line(format!(
                    "{ts} INFO  pos.reader lane={lane} swipe ok track1={}",
                    plant(CREDIT_CARD_MAGNETIC_STRIPE, &track)
                ));
            }
            3 | 4 => {
                let pan = f.private_label_pan();
                let track = f.track2(&pan);
                doc.line(format!(
                    "{ts} INFO  pos.reader lane={lane} fleet card swiped, track2 {}",
                    plant(CREDIT_CARD_MAGNETIC_STRIPE, &track)
                ));
            }
            5 => {
                // A misread: the PAN's last digit is wrong, so the track is rejected.
                let pan = f.private_label_pan();
                let last = pan.len() - 1;
                let wrong = (pan.as_bytes()[last] - b'0' + f.int(1..=9) as u8) % 10;
                let track = f.track2(&format!("{}{wrong}", &pan[..last]));
                doc.line(format!(
                    "{ts} WARN  pos.reader lane={lane} swipe LRC error, track2 {track} discarded"
                ));
            }
            6 => doc.line(format!(
                "{ts} INFO  pos.emv lane={lane} chip read aid=A0000000031010 atc={} arqc={}",
                f.int(1..=4000),
                f.hex(16).to_uppercase()
            )),
            7 => doc.line(format!(
                "{ts} INFO  pos.batch lane={lane} settled {} items total={} ref={}",
                f.int(2..=90),
                f.amount(),
                f.number(12)
            )),
            8 => doc.line(format!(
                "{ts} DEBUG pos.keypad lane={lane} pin entry {} ms, retries {}",
                f.int(800..=9000),
                f.int(0..=2)
            )),
            _ => doc.line(format!(
                "{ts} INFO  pos.printer lane={lane} receipt {} printed ({} lines) at {:02}/{:02}",
                f.number(8),
                f.int(12..=40),
                f.int(1..=12),
                f.int(24..=30)
            )),
        }
    }
}

/// Payment API events as JSON Lines: saved cards with expiry, verification requests with a CVC.
fn checkout_events_jsonl(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    for _ in 0..120 {
        clock.tick(f, 300_000);
        let ts = clock.iso();
        let last4 = f.digits(4);
        let brand = f.pick(&["visa", "mastercard", "amex", "discover"]);
        match f.int(0..=5) {
            0 | 1 => {
                let (month, year) = (f.int(1..=12), f.int(2025..=2033));
                let pair = if f.chance(0.5) {
                    format!("exp_month\":{month},\"exp_year\":{year}")
                } else {
                    format!("exp_month\": {month}, \"exp_year\": {year}")
                };
                doc.line(format!(
                    "{{\"ts\":\"{ts}\",\"type\":\"payment_method.attached\",\"card\":{{\"brand\":\"{brand}\",\"last4\":\"{last4}\",\"{}}}}}",
                    plant(CREDIT_CARD_EXPIRATION, &pair)
                ));
            }
            2 | 3 => {
                let expiry = f.card_expiry();
                let code = f.security_code();
                doc.line(format!(
                    "{{\"ts\":\"{ts}\",\"type\":\"card.verify\",\"last4\":\"{last4}\",\"exp\":\"{}\",\"cvc\":\"{}\"}}",
                    plant(CREDIT_CARD_EXPIRATION, &expiry),
                    plant(CREDIT_CARD_SECURITY_CODE, &code)
                ));
            }
            4 => doc.line(format!(
                "{{\"ts\":\"{ts}\",\"type\":\"card.verify.result\",\"last4\":\"{last4}\",\"cvc_check\":\"pass\",\"cvv\":\"***\",\"expiry\":\"{}\"}}",
                clock.iso()
            )),
            _ => doc.line(format!(
                "{{\"ts\":\"{ts}\",\"type\":\"charge.succeeded\",\"amount\":{},\"currency\":\"usd\",\"attempt\":{},\"latency_ms\":{}}}",
                f.int(100..=99_999),
                f.int(1..=3),
                f.int(40..=2400)
            )),
        }
    }
}

/// Call-centre notes typed by agents: expiry dates and security codes read out over the phone.
fn card_support_calls(doc: &mut Doc, f: &mut Fake) {
    for call in 0..80 {
        let agent = f.person();
        let caller = f.person();
        doc.line(format!("Call {} (agent {})", 4100 + call, agent.first));
        match f.int(0..=4) {
            0 => {
                let expiry = f.card_expiry();
                let code = f.security_code();
                doc.line(format!(
                    "{} updated the card on file. New card expiry {}, CVV: {} confirmed.",
                    caller.full(),
                    plant(CREDIT_CARD_EXPIRATION, &expiry),
                    plant(CREDIT_CARD_SECURITY_CODE, &code)
                ));
            }
            1 => {
                let expiry = f.card_expiry();
                doc.line(format!(
                    "Caller's card was declined; the expiration date on file was {} and has been corrected.",
                    plant(CREDIT_CARD_EXPIRATION, &expiry)
                ));
            }
            2 => {
                let code = f.security_code();
                doc.line(format!(
                    "Verified identity, then took card verification value {} for the one-off payment.",
                    plant(CREDIT_CARD_SECURITY_CODE, &code)
                ));
            }
            3 => doc.line(format!(
                "Caller asked about statement {:02}/{:02}; refund of {} issued, ticket {} closed.",
                f.int(1..=12),
                f.int(24..=29),
                f.amount(),
                f.int(100..=999)
            )),
            _ => doc.line(format!(
                "Expiry on file was {} (a full date, wrong field); customer will call back. CVV: {} digits only.",
                f.pick(&["2027-03-14", "11/30/2026", "01 Feb 2028"]),
                f.int(1..=99)
            )),
        }
        doc.line("");
    }
}

/// Supplier master data kept as text by an accounts-payable team: each supplier's national
/// account details with the label its country uses.
fn supplier_bank_details(doc: &mut Doc, f: &mut Fake) {
    doc.line("Accounts payable: supplier bank details (verified by phone call-back)");
    doc.line("");
    for supplier in 0..260 {
        let company = format!(
            "{} {}",
            f.person().last,
            f.pick(&["SARL", "GmbH", "S.p.A.", "S.L.", "Ltd", "SAS", "AG"])
        );
        doc.line(format!("Supplier {} - {company}", 7100 + supplier));
        let line = match f.int(0..=11) {
            0 | 1 => format!("  RIB : {}", plant(FRANCE_BBAN, &f.fr_bban(true))),
            2 | 3 => format!("  Kontonummer: {}", plant(GERMANY_BBAN, &f.de_bban())),
            4 | 5 => format!("  Numero di conto: {}", plant(ITALY_BBAN, &f.it_bban())),
            6 | 7 => format!("  Número de cuenta: {}", plant(SPAIN_BBAN, &f.es_bban(true))),
            8 | 9 => format!("  Sort code and account number: {}", plant(UK_BBAN, &f.uk_account())),
            10 => format!(
                "  {} (key does not match, supplier asked to resend)",
                if f.chance(0.5) {
                    format!("RIB : {}", f.fr_bban(false))
                } else {
                    format!("Número de cuenta: {}", f.es_bban(false))
                }
            ),
            _ => format!(
                "  Purchase order {} approved on {}, amount {} EUR",
                f.number(18),
                f.pick(&["2024-03-04", "2024-03-11", "2024-04-02"]),
                f.amount()
            ),
        };
        doc.line(line);
        doc.line("");
    }
}

/// Direct-deposit enrolments from an HR system: routing number and account per employee.
fn ach_enrollments_jsonl(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    for _ in 0..90 {
        clock.tick(f, 3_600_000);
        let employee = f.number(6);
        let kind = f.pick(&["checking_account", "savings_account", "bank_account"]);
        if f.chance(0.85) {
            let routing = f.routing_number();
            let account = f.us_account();
            doc.line(format!(
                "{{\"ts\":\"{}\",\"employee_id\":\"E{employee}\",\"routing_number\":\"{}\",\"{kind}\":\"{}\",\"split_pct\":{}}}",
                clock.iso(),
                plant(USA_ROUTING_NUMBER, &routing),
                plant(BANK_ACCOUNT_NUMBER, &account),
                f.pick(&[100, 100, 100, 50, 25])
            ));
        } else {
            doc.line(format!(
                "{{\"ts\":\"{}\",\"employee_id\":\"E{employee}\",\"status\":\"pending\",\"{kind}\":\"{}\",\"note\":\"placeholder\"}}",
                clock.iso(),
                f.pick(&["111111111", "000000000000", "123456789", "99999999999"])
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Health identifiers
// ---------------------------------------------------------------------------------------------

const USA_MBI: &str = "USA_MEDICARE_BENEFICIARY_IDENTIFIER";
const USA_NPI: &str = "USA_NATIONAL_PROVIDER_IDENTIFIER";
const USA_DEA: &str = "US_DRUG_ENFORCEMENT_AGENCY_NUMBER";
const USA_NDC: &str = "USA_NATIONAL_DRUG_CODE";
const USA_HCPCS: &str = "USA_HEALTHCARE_PROCEDURE_CODE";
const USA_HICN: &str = "USA_HEALTH_INSURANCE_CLAIM_NUMBER";
const CANADA_HEALTH: &str = "CANADA_HEALTH_NUMBER";
const EU_EHIC: &str = "EUROPEAN_HEALTH_INSURANCE_CARD_NUMBER";
const FI_EHIC: &str = "FINLAND_EUROPEAN_HEALTH_INSURANCE_NUMBER";
const FR_HEALTH: &str = "FRANCE_HEALTH_INSURANCE_NUMBER";
const DEVICE_UDI: &str = "MEDICAL_DEVICE_UDI";

/// Letters CMS uses in MBIs (no S, L, O, I, B, Z).
const MBI_LETTERS: &[u8] = b"ACDEFGHJKMNPQRTUVWXY";
/// HCPCS Level II section letters.
const HCPCS_LETTERS: &[u8] = b"ABCDEGHJKLMPQRSTUV";
/// ISO 3166 numeric codes of EHIC-issuing countries other than Finland.
const EHIC_COUNTRIES: &[&str] = &[
    "040", "056", "100", "191", "196", "203", "208", "233", "250", "276", "300", "348", "352", "372", "380", "428",
    "438", "440", "442", "470", "528", "578", "616", "620", "642", "703", "705", "724", "752", "756", "826",
];
const HIBCC: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%";

/// The generator's own check of a planted health value; `None` for other detectors.
fn check_health(detector: &str, value: &str) -> Option<bool> {
    let digits = digit_values(value);
    Some(match detector {
        USA_MBI => mbi_layout(&value.replace('-', "")),
        USA_NPI => {
            digits.len() == 10 && matches!(digits[0], 1 | 2) && luhn_valid(&[&[8, 0, 8, 4, 0][..], &digits].concat())
        }
        USA_DEA => value.len() == 9 && digits.len() == 7 && dea_check(&digits[..6]) == digits[6],
        USA_NDC => {
            let lengths: Vec<usize> = value.split('-').map(str::len).collect();
            matches!(lengths.as_slice(), [4, 4, 2] | [5, 3, 2] | [5, 4, 1] | [5, 4, 2] | [11])
        }
        USA_HCPCS => value.len() == 5 && HCPCS_LETTERS.contains(&value.as_bytes()[0]) && digits.len() == 4,
        USA_HICN => {
            let number = digit_values(value.split(|c: char| c.is_ascii_alphabetic()).next().unwrap_or(""));
            number.len() == 9 && ssn_parts_valid(&number)
        }
        CANADA_HEALTH => {
            if value.starts_with(|c: char| c.is_ascii_alphabetic()) {
                let month = digits[2] * 10 + digits[3];
                digits.len() == 8 && (matches!(month, 1..=12 | 51..=62))
            } else {
                digits.len() == 10 && (luhn_valid(&digits) || bc_check(&digits[..9]) == Some(digits[9]))
            }
        }
        EU_EHIC => digits.len() == 20 && EHIC_COUNTRIES.contains(&&to_text(&digits)[2..5]),
        FI_EHIC => digits.len() == 20 && to_text(&digits).starts_with("8024680246"),
        FR_HEALTH => {
            let text = to_text(&digits);
            text.len() == 15
                && 97 - text[..13].parse::<u64>().expect("digits") % 97 == text[13..].parse::<u64>().expect("digits")
        }
        DEVICE_UDI => match value.strip_prefix("(01)") {
            Some(rest) => {
                let gtin = digit_values(&rest[..14]);
                gtin_check(&gtin[..13]) == gtin[13]
            }
            None => hibcc_check(&value[..value.len() - 1]) == value.chars().last().expect("a check character"),
        },
        _ => return None,
    })
}

fn mbi_layout(compact: &str) -> bool {
    let letter = |c: u8| MBI_LETTERS.contains(&c);
    let b = compact.as_bytes();
    b.len() == 11
        && (b'1'..=b'9').contains(&b[0])
        && letter(b[1])
        && (letter(b[2]) || b[2].is_ascii_digit())
        && b[3].is_ascii_digit()
        && letter(b[4])
        && (letter(b[5]) || b[5].is_ascii_digit())
        && b[6].is_ascii_digit()
        && letter(b[7])
        && letter(b[8])
        && b[9].is_ascii_digit()
        && b[10].is_ascii_digit()
}

fn dea_check(d: &[u32]) -> u32 {
    (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
}

fn ssn_parts_valid(d: &[u32]) -> bool {
    let area = d[0] * 100 + d[1] * 10 + d[2];
    area != 0 && area != 666 && area < 900 && d[3..5] != [0, 0] && d[5..9] != [0, 0, 0, 0]
}

/// British Columbia's PHN check digit over its first nine digits (the first is 9), or None.
fn bc_check(d: &[u32]) -> Option<u32> {
    let weights = [2, 4, 8, 5, 10, 9, 7, 3];
    if d[0] != 9 {
        return None;
    }
    let sum: u32 = d[1..9].iter().zip(weights).map(|(x, w)| x * w % 11).sum();
    let check = (11 - sum % 11) % 11;
    (check < 10).then_some(check)
}

fn gtin_check(body: &[u32]) -> u32 {
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d })
        .sum();
    (10 - sum % 10) % 10
}

fn hibcc_check(body: &str) -> char {
    let sum: usize = body
        .bytes()
        .map(|b| HIBCC.iter().position(|&c| c == b).expect("HIBCC character"))
        .sum();
    char::from(HIBCC[sum % 43])
}

/// Whether some run of the digits, from a group start, would be read as a payment card.
fn holds_card(digits: &[u32]) -> bool {
    (0..digits.len())
        .any(|start| (13..=19).any(|len| start + len <= digits.len() && card_valid(&digits[start..start + len])))
}

impl Fake {
    fn mbi(&mut self) -> String {
        let either = |f: &mut Fake| {
            if f.chance(0.5) {
                f.chars_from(MBI_LETTERS, 1)
            } else {
                f.digits(1)
            }
        };
        let compact = format!(
            "{}{}{}{}{}{}{}{}{}",
            self.int(1..=9),
            self.chars_from(MBI_LETTERS, 1),
            either(self),
            self.digits(1),
            self.chars_from(MBI_LETTERS, 1),
            either(self),
            self.digits(1),
            self.chars_from(MBI_LETTERS, 2),
            self.digits(2)
        );
        if self.chance(0.4) {
            format!("{}-{}-{}", &compact[..4], &compact[4..7], &compact[7..])
        } else {
            compact
        }
    }

    /// An MBI with a letter CMS never uses in a letter position.
    fn decoy_mbi(&mut self) -> String {
        let mbi = self.mbi().replace('-', "");
        let bad = self.pick(&["S", "L", "O", "I", "B", "Z"]);
        format!("{}{bad}{}", &mbi[..1], &mbi[2..])
    }

    fn npi(&mut self, valid: bool) -> String {
        let body = format!("{}{}", self.int(1..=2), self.digits(8));
        let mut digits = digit_values(&format!("80840{body}"));
        let mut check = luhn_check_digit(&digits);
        if !valid {
            check = (check + self.int(1..=9) as u32) % 10;
        }
        digits.push(check);
        to_text(&digits[5..])
    }

    fn dea(&mut self, valid: bool) -> String {
        let kind = self.pick(&["A", "B", "F", "G", "M", "P", "R"]);
        let initial = self.chars_from(b"ABCDEFGHJKLMNPRSTW", 1);
        let digits = digit_values(&self.digits(6));
        let mut check = dea_check(&digits);
        if !valid {
            check = (check + self.int(1..=9) as u32) % 10;
        }
        format!("{kind}{initial}{}{check}", to_text(&digits))
    }

    fn ndc(&mut self) -> String {
        let labeler = format!("{}{}", self.int(1..=9), self.digits(3));
        let product = format!("{}{}", self.int(1..=9), self.digits(3));
        match self.int(0..=4) {
            0 => format!("{labeler}-{product}-{}", self.digits(2)),
            1 => format!("{}{labeler}-{}-{}", self.int(1..=6), &product[..3], self.digits(2)),
            2 => format!("{}{labeler}-{product}-{}", self.int(1..=6), self.int(1..=9)),
            3 => format!("0{labeler}-{product}-{}", self.digits(2)),
            _ => format!("0{labeler}{product}{}", self.digits(2)),
        }
    }

    fn hcpcs(&mut self) -> String {
        format!("{}{}", self.chars_from(HCPCS_LETTERS, 1), self.digits(4))
    }

    fn hicn(&mut self) -> String {
        let area = self.int(1..=665);
        let group = self.int(1..=99);
        let serial = self.int(1..=9999);
        let bic = self.pick(&["A", "A", "B", "B1", "D", "C1", "HA", "T", "W", "M", "E1"]);
        match self.int(0..=2) {
            0 => format!("{area:03}{group:02}{serial:04}{bic}"),
            1 => format!("{area:03}-{group:02}-{serial:04}{bic}"),
            _ => format!("{area:03} {group:02} {serial:04} {bic}"),
        }
    }

    fn ohip(&mut self, valid: bool) -> String {
        let mut digits = digit_values(&format!("{}{}", self.int(1..=9), self.digits(8)));
        let mut check = luhn_check_digit(&digits);
        if !valid {
            check = (check + self.int(1..=9) as u32) % 10;
        }
        digits.push(check);
        let text = to_text(&digits);
        let version = if self.chance(0.4) {
            format!(" {}", self.chars_from(b"ABCDEFGHJKLMNPRSTVWXYZ", 2))
        } else {
            String::new()
        };
        if self.chance(0.5) {
            format!("{}-{}-{}{version}", &text[..4], &text[4..7], &text[7..])
        } else {
            format!("{text}{version}")
        }
    }

    fn bc_phn(&mut self) -> String {
        loop {
            let digits = digit_values(&format!("9{}", self.digits(8)));
            if let Some(check) = bc_check(&digits) {
                let text = format!("{}{check}", to_text(&digits));
                return format!("{} {} {}", &text[..4], &text[4..7], &text[7..]);
            }
        }
    }

    fn ramq(&mut self) -> String {
        let person = self.person();
        let last: String = ascii_fold(person.last)
            .to_uppercase()
            .chars()
            .filter(char::is_ascii_uppercase)
            .collect();
        let last = format!("{last}XXX");
        let first = ascii_fold(person.first).to_uppercase();
        let month = self.int(1..=12) + if self.chance(0.5) { 50 } else { 0 };
        format!(
            "{}{} {:02}{month:02} {:02}{}",
            &last[..3],
            &first[..1],
            self.int(40..=99),
            self.int(1..=28),
            self.digits(2)
        )
    }

    fn ehic_card(&mut self, country: &str) -> String {
        loop {
            let tail = if country == "246" {
                format!("80246{}{}", self.int(1..=9), self.digits(9))
            } else {
                format!("{}{}", self.digits(5), self.digits(10))
            };
            let number = format!("80{country}{tail}");
            if holds_card(&digit_values(&number)) {
                continue;
            }
            return match self.int(0..=2) {
                0 | 1 => number,
                _ if country == "246" => format!("{} {}", &number[..10], &number[10..]),
                _ => super::group4(&number),
            };
        }
    }

    fn carte_vitale(&mut self) -> String {
        let body = format!(
            "{}{:02}{:02}{:02}{}{}",
            self.int(1..=2),
            self.int(40..=99),
            self.int(1..=12),
            self.int(1..=95),
            self.digits(3),
            self.digits(3)
        );
        let key = 97 - body.parse::<u64>().expect("digits") % 97;
        if self.chance(0.5) {
            format!(
                "{} {} {} {} {} {} {key:02}",
                &body[..1],
                &body[1..3],
                &body[3..5],
                &body[5..7],
                &body[7..10],
                &body[10..]
            )
        } else {
            format!("{body}{key:02}")
        }
    }

    /// A GTIN-14 (packaging indicator 0 or 1) with its check digit; `valid` false gives a wrong one.
    fn gtin14(&mut self, valid: bool) -> String {
        let digits = digit_values(&format!("{}{}", self.int(0..=1), self.digits(12)));
        let mut check = gtin_check(&digits);
        if !valid {
            check = (check + self.int(1..=9) as u32) % 10;
        }
        format!("{}{check}", to_text(&digits))
    }

    fn gs1_udi(&mut self) -> String {
        let mut udi = format!("(01){}", self.gtin14(true));
        if self.chance(0.7) {
            udi.push_str(&format!(
                "(17){:02}{:02}{:02}",
                self.int(25..=31),
                self.int(1..=12),
                self.int(1..=28)
            ));
        }
        if self.chance(0.7) {
            udi.push_str(&format!(
                "(10){}{}",
                self.chars_from(b"ABCDEFGHJKLMNPRSTUVWXYZ", 2),
                self.digits(5)
            ));
        }
        if self.chance(0.4) {
            udi.push_str(&format!("(21){}", self.digits(7)));
        }
        udi
    }

    fn hibcc_udi(&mut self, valid: bool) -> String {
        loop {
            let udi = self.hibcc_attempt(valid);
            // A check character that is a space cannot be told from the text after it.
            if !udi.ends_with(' ') {
                return udi;
            }
        }
    }

    fn hibcc_attempt(&mut self, valid: bool) -> String {
        let product_len = self.int(3..=9) as usize;
        let body = format!(
            "+{}{}{}{}",
            self.chars_from(b"ABCDEFGHJKLMNPRSTUVWXYZ", 1),
            self.chars_from(b"0123456789ABCDEFGHJKLMNPRSTUVWXYZ", 3),
            self.chars_from(b"0123456789ABCDEFGHJKLMNPRSTUVWXYZ", product_len),
            self.int(0..=8)
        );
        let mut check = hibcc_check(&body);
        if !valid {
            let position = HIBCC
                .iter()
                .position(|&c| char::from(c) == check)
                .expect("a HIBCC character");
            check = char::from(HIBCC[(position + 1 + self.int(0..=8) as usize) % 36]);
        }
        format!("{body}{check}")
    }
}

/// An EHR's patient export as JSON Lines: one coverage identifier per record, by the patient's
/// country, with admissions whose record numbers no detector should report.
fn ehr_patients_jsonl(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    for record in 0..260 {
        clock.tick(f, 900_000);
        let ts = clock.iso();
        let patient = format!("P-{}", 400_100 + record);
        let coverage = match f.int(0..=13) {
            0 | 1 => format!("\"medicare_number\":\"{}\"", plant(USA_MBI, &f.mbi())),
            2 => format!("\"hicn\":\"{}\",\"plan\":\"legacy\"", plant(USA_HICN, &f.hicn())),
            3 => format!("\"ohip\":\"{}\"", plant(CANADA_HEALTH, &f.ohip(true))),
            4 => format!("\"phn\":\"{}\",\"province\":\"BC\"", plant(CANADA_HEALTH, &f.bc_phn())),
            5 => format!("\"ramq\":\"{}\",\"province\":\"QC\"", plant(CANADA_HEALTH, &f.ramq())),
            6 | 7 => {
                let country = f.pick(EHIC_COUNTRIES);
                format!("\"ehic\":\"{}\"", plant(EU_EHIC, &f.ehic_card(country)))
            }
            8 => format!("\"sairausvakuutuskortti\":\"{}\"", plant(FI_EHIC, &f.ehic_card("246"))),
            9 | 10 => format!("\"carte_vitale\":\"{}\"", plant(FR_HEALTH, &f.carte_vitale())),
            // Rejected at intake: the checks fail, so nothing is reported.
            11 => format!("\"medicare_number\":\"{}\",\"status\":\"rejected\"", f.decoy_mbi()),
            12 => format!("\"ohip\":\"{}\",\"status\":\"rejected\"", f.ohip(false)),
            _ => format!(
                "\"coverage\":\"self-pay\",\"status\":\"none\",\"deposit\":\"{}\"",
                f.amount()
            ),
        };
        doc.line(format!(
            "{{\"ts\":\"{ts}\",\"patient_ref\":\"{patient}\",{coverage},\"ward\":\"{}\"}}",
            f.pick(&["3B", "ICU", "OPD", "ER", "5A"])
        ));
        if f.chance(0.3) {
            // Admission events carry 10-digit record numbers and visit ids far from any keyword.
            doc.line(format!(
                "{{\"ts\":\"{ts}\",\"event\":\"admission.created\",\"visit\":\"{}\",\"bed\":\"{}\",\"priority\":{}}}",
                f.number(10),
                f.int(100..=999),
                f.int(1..=5)
            ));
        }
    }
}

/// A claims system's line-item export in long form (claim, line, field, value), so that every
/// value sits beside its field name.
fn claim_lines_csv(doc: &mut Doc, f: &mut Fake) {
    doc.line("claim_id,line,field,value");
    for claim in 0..150 {
        let id = format!("CLM-{}", 700_200 + claim);
        doc.line(format!("{id},0,mbi,{}", plant(USA_MBI, &f.mbi())));
        doc.line(format!("{id},0,billing_npi,{}", plant(USA_NPI, &f.npi(true))));
        for line in 1..=f.int(1..=3) {
            match f.int(0..=5) {
                0..=2 => doc.line(format!("{id},{line},hcpcs,{}", plant(USA_HCPCS, &f.hcpcs()))),
                3 | 4 => doc.line(format!("{id},{line},ndc11,{}", plant(USA_NDC, &f.ndc()))),
                _ => doc.line(format!("{id},{line},rendering_npi,{}", f.npi(false))),
            }
            doc.line(format!("{id},{line},units,{}", f.int(1..=12)));
            doc.line(format!("{id},{line},charge,{}", f.amount()));
        }
        doc.line(format!(
            "{id},0,status,{}",
            f.pick(&["paid", "denied", "pended", "adjusted"])
        ));
    }
}

/// HL7 v2 messages from an interface engine: the identifier's type code follows it in the field.
fn hl7_feed(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    for message in 0..120 {
        clock.tick(f, 600_000);
        let (y, mo, d, h, mi, s, _) = clock.parts();
        let stamp = format!("{y}{mo:02}{d:02}{h:02}{mi:02}{s:02}");
        let kind = f.pick(&["ADT^A04", "ADT^A08", "RDE^O11", "DFT^P03"]);
        doc.line(format!(
            "MSH|^~\\&|EPIC|MAINHOSP|RCV|BILLING|{stamp}||{kind}|MSG{:06}|P|2.5.1",
            10_000 + message
        ));
        doc.line(format!(
            "PID|1||{}^^^MAINHOSP^MR~{}^^^CMS^MBI||K^M||||||||||||",
            f.number(8),
            plant(USA_MBI, &f.mbi())
        ));
        doc.line(format!(
            "PV1|1|O|CLINIC^{}^1|||||{}^DR^A^^^^^^NPI|",
            f.int(1..=40),
            plant(USA_NPI, &f.npi(true))
        ));
        match f.int(0..=2) {
            0 => doc.line(format!(
                "RXE|^^^{y}{mo:02}{d:02}|{}^{}^NDC|{}|MG",
                plant(USA_NDC, &f.ndc()),
                f.pick(&[
                    "ATORVASTATIN 20MG TAB",
                    "METFORMIN 500MG TAB",
                    "INSULIN GLARGINE 100U/ML"
                ]),
                f.int(1..=90)
            )),
            1 => doc.line(format!(
                "FT1|1|||{stamp}||CG|{}^^HCPCS|||{}",
                plant(USA_HCPCS, &f.hcpcs()),
                f.int(1..=4)
            )),
            _ => {
                // A diagnosis segment sits between the visit and the insurance, as in real feeds.
                doc.line(format!(
                    "DG1|1||{}^^I10|||A",
                    f.pick(&["E11.9", "I10", "J45.909", "M54.5", "N18.3"])
                ));
                doc.line(format!(
                    "IN1|1|MCR|MEDICARE PART A||||||||||||||||||||||||||||||||||{}^^^HICN",
                    plant(USA_HICN, &f.hicn())
                ));
            }
        }
        doc.line("");
    }
}

/// An operating theatre's implant scanning log: barcodes read as UDIs, failed reads and the
/// warehouse's pallet labels, which carry GS1 numbers but no device keyword nearby.
fn device_scans_log(doc: &mut Doc, f: &mut Fake) {
    let mut clock = Clock::new(f);
    for _ in 0..200 {
        clock.tick(f, 240_000);
        let ts = clock.log();
        let room = f.int(1..=9);
        match f.int(0..=7) {
            0..=2 => doc.line(format!(
                "{ts} INFO  implant.scan room=OR{room} udi={} accepted",
                plant(DEVICE_UDI, &f.gs1_udi())
            )),
            3 | 4 => doc.line(format!(
                "{ts} INFO  implant.scan room=OR{room} HIBCC device identifier {} accepted",
                plant(DEVICE_UDI, &f.hibcc_udi(true))
            )),
            5 => doc.line(format!(
                "{ts} WARN  implant.scan room=OR{room} udi=(01){} check digit mismatch, rescan",
                f.gtin14(false)
            )),
            6 => doc.line(format!(
                "{ts} WARN  implant.scan room=OR{room} HIBCC label {} bad check character, rescan",
                f.hibcc_udi(false)
            )),
            _ => doc.line(format!(
                "{ts} INFO  warehouse.receiving dock={} pallet (01){}(37){} counted ok",
                f.int(1..=6),
                f.gtin14(true),
                f.int(2..=48)
            )),
        }
    }
}

/// A pharmacy's prescription notes: the drug's NDC, the prescriber's DEA and NPI numbers.
fn pharmacy_rx_txt(doc: &mut Doc, f: &mut Fake) {
    for rx in 0..140 {
        doc.line(format!(
            "Rx #{} filled {}",
            880_000 + rx * 7,
            f.pick(&["2024-03-04", "2024-03-05", "2024-03-06"])
        ));
        match f.int(0..=4) {
            0 | 1 => {
                doc.line(format!(
                    "  Dispensed NDC {}, qty {}",
                    plant(USA_NDC, &f.ndc()),
                    f.int(10..=90)
                ));
                doc.line(format!("  Prescriber DEA number {}", plant(USA_DEA, &f.dea(true))));
            }
            2 => {
                doc.line(format!("  Prescriber NPI {}", plant(USA_NPI, &f.npi(true))));
                doc.line(format!(
                    "  DEA registration {} verified against the registry",
                    plant(USA_DEA, &f.dea(true))
                ));
            }
            3 => {
                doc.line(format!(
                    "  DEA number {} failed verification; called the clinic",
                    f.dea(false)
                ));
            }
            _ => {
                doc.line(format!("  Counselled on side effects; refills left: {}", f.int(0..=5)));
                doc.line(format!(
                    "  Shelf bin {} restocked, tote {} returned",
                    f.dea(true),
                    f.int(100..=999)
                ));
            }
        }
        doc.line("");
    }
}

/// A travel insurer's notes on care abroad: the card numbers patients showed, in the words of
/// each country's clinic, and reference numbers that are not cards.
fn cross_border_care_txt(doc: &mut Doc, f: &mut Fake) {
    doc.line("Care abroad: cases reviewed this week");
    doc.line("");
    for case in 0..120 {
        doc.line(format!("Case {}", 51_000 + case * 3));
        let note = match f.int(0..=6) {
            0 | 1 => format!(
                "  Treated in Tampere; sairausvakuutuskortti {} copied from the card.",
                plant(FI_EHIC, &f.ehic_card("246"))
            ),
            2 => format!(
                "  Kela confirmed the EHIC {} for the outpatient visit.",
                plant(FI_EHIC, &f.ehic_card("246"))
            ),
            3 => format!(
                "  Hospital in Lyon took the carte Vitale {} for the French co-payment.",
                plant(FR_HEALTH, &f.carte_vitale())
            ),
            4 => {
                let country = f.pick(EHIC_COUNTRIES);
                format!(
                    "  European Health Insurance Card {} presented at admission.",
                    plant(EU_EHIC, &f.ehic_card(country))
                )
            }
            _ => format!(
                "  Invoice {} settled by the assistance desk; reference {} filed for audit.",
                f.number(12),
                f.number(20)
            ),
        };
        doc.line(note);
        doc.line("");
    }
}
