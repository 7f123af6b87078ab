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
];

/// This family's labelled files, in the order expected.jsonl lists them.
pub(crate) const FILES: &[(&str, super::Generate)] = &[
    ("core/finance_health/pos_terminal.log", pos_terminal_log),
    ("core/finance_health/checkout_events.jsonl", checkout_events_jsonl),
    ("core/finance_health/card_support_calls.txt", card_support_calls),
    ("core/finance_health/supplier_bank_details.txt", supplier_bank_details),
    ("core/finance_health/ach_enrollments.jsonl", ach_enrollments_jsonl),
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
        _ => None,
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
