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

/// Detector ids this family's files plant.
pub(crate) const DETECTORS: &[&str] = &[
    CREDIT_CARD_EXPIRATION,
    CREDIT_CARD_SECURITY_CODE,
    CREDIT_CARD_MAGNETIC_STRIPE,
];

/// This family's labelled files, in the order expected.jsonl lists them.
pub(crate) const FILES: &[(&str, super::Generate)] = &[
    ("core/finance_health/pos_terminal.log", pos_terminal_log),
    ("core/finance_health/checkout_events.jsonl", checkout_events_jsonl),
    ("core/finance_health/card_support_calls.txt", card_support_calls),
];

/// Whether a planted value passes its own checksum; `None` for detectors this family does not know.
pub(crate) fn check_planted(detector: &str, value: &str) -> Option<bool> {
    match detector {
        CREDIT_CARD_MAGNETIC_STRIPE => {
            let body = value.trim_start_matches(['%', ';']).trim_start_matches('B');
            let pan = body.split(['^', '=']).next().unwrap_or("");
            Some(luhn_valid(&digit_values(pan)))
        }
        _ => None,
    }
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
