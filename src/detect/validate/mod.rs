//! Validators: checksum and structural checks named from the detector files. Each function takes the
//! value exactly as matched (separators included) and says whether it is a genuine identifier.
//! Invariant: a validator never panics and never allocates on the heap, whatever bytes it is given.
//! The one exception is `jwt`, which decodes into a `Vec` for serde_json (JWTs are rare).

mod aba;
mod address;
mod basic_auth;
mod date;
mod email;
mod iban;
mod ip;
mod jwt;
mod luhn;
mod name;
mod nhs;
mod pem;
mod phone;
mod secrets;
mod tokens;
mod uk;
mod usa;
mod verhoeff;

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
        name: "aws_secret_key",
        description: "AWS secret access key: 40 base64 characters mixing digits, upper and lower case",
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
        name: "canada_sin",
        description: "Canadian Social Insurance Number: 9 digits, Luhn, not starting with 0 or 8",
        check: luhn::canada_sin,
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
        name: "email",
        description: "Email address with a plausible domain, not an asset name such as icon@2x.png",
        check: email::email,
        macie_id: None,
    },
    Validator {
        name: "github_token",
        description: "GitHub token: gh[pousr]_ with its CRC32 base62 checksum, or a github_pat_ token",
        check: tokens::github_token,
        macie_id: None,
    },
    Validator {
        name: "high_entropy",
        description: "Generic secret: at least 8 characters and 3.0 bits of Shannon entropy per character",
        check: secrets::high_entropy,
        macie_id: None,
    },
    Validator {
        name: "iban",
        description: "IBAN: registry country and length, BBAN shape, mod-97 check digits",
        check: iban::iban,
        macie_id: Some(iban::macie_id),
    },
    Validator {
        name: "ip_address",
        description: "IPv4 or IPv6 address in a globally routable unicast range (no private, loopback or documentation)",
        check: ip::ip_address,
        macie_id: None,
    },
    Validator {
        name: "jwt",
        description: "JSON Web Token: base64url header with `alg` and a JSON object payload",
        check: jwt::jwt,
        macie_id: None,
    },
    Validator {
        name: "luhn",
        description: "Any 2-19 digit number passing the Luhn mod-10 check",
        check: luhn::luhn,
        macie_id: None,
    },
    Validator {
        name: "npm_token",
        description: "npm access token: npm_ with its CRC32 base62 checksum",
        check: tokens::npm_token,
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
        name: "us_itin",
        description: "US ITIN: 9XX-YY-ZZZZ with YY in the IRS-assigned group ranges",
        check: usa::us_itin,
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
