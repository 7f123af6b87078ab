//! A redaction never leaks: random identifiers (generated with valid checksums) planted at random
//! offsets in random text, streamed through the library's redactor in random chunk sizes (so
//! values are split across reads and windows are flushed at random line ends), must all be
//! replaced, and every byte outside them must come out unchanged.

use std::io::{self, Read};
use std::sync::OnceLock;
use std::sync::atomic::AtomicBool;

use piiscan::detect::{Engine, EngineOptions, catalog};
use piiscan::redact::FingerprintKey;
use piiscan::redaction::{self, Mode, RedactOptions};
use proptest::prelude::*;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        Engine::new(
            catalog::load(&[] as &[&str]).expect("the built-in catalogue loads"),
            &EngineOptions::default(),
        )
        .expect("the built-in catalogue compiles")
    })
}

/// A reader that hands out its bytes in the given chunk sizes, as a pipe written in bursts.
struct Chunked {
    data: Vec<u8>,
    pos: usize,
    sizes: Vec<usize>,
    next: usize,
}

impl Read for Chunked {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let size = self.sizes[self.next % self.sizes.len()];
        self.next += 1;
        let n = size.min(out.len()).min(self.data.len() - self.pos);
        out[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// One planted value: the detector that must find it, the text before it (its keyword, when the
/// detector needs one) and the value.
#[derive(Clone, Debug)]
struct Plant {
    detector: &'static str,
    prefix: &'static str,
    value: String,
}

fn luhn_digit(body: &[u8]) -> u8 {
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(d - b'0');
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    b'0' + ((10 - sum % 10) % 10) as u8
}

fn ssn() -> impl Strategy<Value = Plant> {
    (1u32..900, 1u32..100, 1u32..10000)
        .prop_filter("issued area", |(area, _, _)| *area != 666)
        .prop_filter("not a voided number", |(a, g, s)| {
            !matches!((a, g, s), (78, 5, 1120) | (219, 9, 9999))
        })
        .prop_map(|(area, group, serial)| Plant {
            detector: "USA_SOCIAL_SECURITY_NUMBER",
            prefix: "ssn ",
            value: format!("{area:03}-{group:02}-{serial:04}"),
        })
}

fn card() -> impl Strategy<Value = Plant> {
    (proptest::collection::vec(0u8..10, 14), any::<bool>()).prop_map(|(digits, grouped)| {
        let mut body: Vec<u8> = std::iter::once(b'4').chain(digits.iter().map(|d| b'0' + d)).collect();
        body.push(luhn_digit(&body));
        let plain = String::from_utf8(body).expect("digits are ASCII");
        let value = if grouped {
            plain
                .as_bytes()
                .chunks(4)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            plain
        };
        Plant {
            detector: "CREDIT_CARD_NUMBER",
            prefix: "card ",
            value,
        }
    })
}

fn email() -> impl Strategy<Value = Plant> {
    (
        "[a-z]{3,10}(\\.[a-z]{2,8})?",
        "[a-z]{3,12}",
        prop::sample::select(vec!["com", "net", "org", "io"]),
    )
        .prop_map(|(local, domain, tld)| Plant {
            detector: "EMAIL_ADDRESS",
            prefix: "mail ",
            value: format!("{local}@{domain}.{tld}"),
        })
}

fn aws_key() -> impl Strategy<Value = Plant> {
    "[A-Z2-7]{16}".prop_map(|tail| Plant {
        detector: "AWS_ACCESS_KEY_ID",
        prefix: "key ",
        value: format!("AKIA{tail}"),
    })
}

fn private_key() -> impl Strategy<Value = Plant> {
    let example = engine()
        .detectors()
        .iter()
        .find(|d| d.id() == "OPENSSH_PRIVATE_KEY")
        .expect("the catalogue has OPENSSH_PRIVATE_KEY")
        .spec
        .examples[0]
        .trim()
        .to_string();
    Just(Plant {
        detector: "OPENSSH_PRIVATE_KEY",
        prefix: "\n",
        value: example,
    })
}

fn plant() -> impl Strategy<Value = Plant> {
    prop_oneof![4 => ssn(), 4 => card(), 4 => email(), 4 => aws_key(), 1 => private_key()]
}

/// Filler that no detector can match: short lowercase words, separators, line ends of both
/// kinds, a non-ASCII letter and an invalid UTF-8 byte.
fn filler() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(
        prop_oneof![
            "[a-z]{1,9}".prop_map(String::into_bytes),
            prop::sample::select(vec![
                b" ".to_vec(),
                b"\n".to_vec(),
                b"\r\n".to_vec(),
                b", ".to_vec(),
                b"\t".to_vec(),
                "caf\u{e9} ".as_bytes().to_vec(),
                b" \xff ".to_vec(),
            ]),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

fn mode() -> impl Strategy<Value = Mode> {
    prop::sample::select(vec![Mode::Mask, Mode::Tag, Mode::Hash, Mode::Remove])
}

/// The input, and what its redaction must be: the same bytes with each value replaced by its
/// replacement (computed by the library's own function for the detector that must find it),
/// followed by the value's line breaks.
fn build(pieces: &[(Vec<u8>, Plant)], tail: &[u8], options: &RedactOptions) -> (Vec<u8>, Vec<u8>) {
    let (mut input, mut expected) = (Vec::new(), Vec::new());
    for (filler, plant) in pieces {
        for out in [&mut input, &mut expected] {
            out.extend_from_slice(filler);
            out.push(b' ');
            out.extend_from_slice(plant.prefix.as_bytes());
        }
        input.extend_from_slice(plant.value.as_bytes());
        let detector = engine()
            .detectors()
            .iter()
            .find(|d| d.id() == plant.detector)
            .expect("planted detectors exist");
        redaction::replacement(detector, plant.value.as_bytes(), options, &mut expected);
        expected.extend(plant.value.bytes().filter(|b| b"\n\r,;\t|".contains(b)));
        for out in [&mut input, &mut expected] {
            out.extend_from_slice(b" \n");
        }
    }
    input.extend_from_slice(tail);
    expected.extend_from_slice(tail);
    (input, expected)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn planted_values_never_survive_and_the_rest_is_unchanged(
        pieces in proptest::collection::vec((filler(), plant()), 0..8),
        tail in filler(),
        sizes in proptest::collection::vec(1usize..300, 1..16),
        window_size in prop::sample::select(vec![64usize, 700, 4096, 1 << 20]),
        live in any::<bool>(),
        mode in mode(),
    ) {
        let options = RedactOptions { mode, key: FingerprintKey::new(b"prop".to_vec()), window_size };
        let (input, expected) = build(&pieces, &tail, &options);
        let reader = Chunked { data: input.clone(), pos: 0, sizes, next: 0 };
        let mut out = Vec::new();
        let cancel = AtomicBool::new(false);
        let done = redaction::redact_stream(engine(), &options, Box::new(reader), &mut out, live, &cancel)
            .expect("redaction of text succeeds");
        for (_, plant) in &pieces {
            prop_assert!(
                !out.windows(plant.value.len()).any(|w| w == plant.value.as_bytes()),
                "{} survived: {}", plant.value, String::from_utf8_lossy(&out)
            );
        }
        prop_assert_eq!(String::from_utf8_lossy(&out), String::from_utf8_lossy(&expected));
        prop_assert_eq!(out, expected);
        prop_assert_eq!(done.replaced, pieces.len() as u64);
        prop_assert_eq!(done.bytes_read, input.len() as u64);
    }
}
