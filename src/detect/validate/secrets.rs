//! Generic key material judged by its characters alone: AWS secret access keys, high-entropy
//! strings, provider tokens without a prefix, and passwords or secrets assigned in configuration.
//! There is no checksum, so these only rule out what is clearly not random (words, hex digests,
//! filler) or clearly not a value (placeholders, variable references, function calls, paths).
//! Invariant: no allocation; the token checks depend only on which characters occur and how often.

pub(super) fn aws_secret_key(value: &[u8]) -> bool {
    let alphabet_ok = value
        .iter()
        .all(|&byte| byte.is_ascii_alphanumeric() || byte == b'/' || byte == b'+');
    // 40 random base64 characters nearly always mix all three classes; hex digests (no upper case),
    // identifiers made of words and one repeated character do not.
    value.len() == 40
        && alphabet_ok
        && value.iter().any(u8::is_ascii_digit)
        && value.iter().any(u8::is_ascii_uppercase)
        && value.iter().any(u8::is_ascii_lowercase)
        && !package_path(value)
}

/// A source path such as `sun/security/pkcs12/StoreTrustedCertTest` (a test log's `Passed:` line
/// near `StoreSecretKeyTest`): two or more lower-case directory names of at least two characters,
/// each followed by a slash, before the last segment. In 40 random base64 characters a slash comes
/// about once, and two all-lower-case runs between slashes almost never.
fn package_path(value: &[u8]) -> bool {
    let mut segments = value.split(|&byte| byte == b'/');
    let Some(_last) = segments.next_back() else {
        return false;
    };
    let mut directories = 0;
    for segment in segments {
        let lower = segment.len() >= 2
            && segment.first().is_some_and(u8::is_ascii_lowercase)
            && segment.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        if !lower {
            return false;
        }
        directories += 1;
    }
    directories >= 2
}

/// Shannon entropy threshold in bits per character; English words and repeated filler sit below it.
const MIN_BITS_PER_CHAR: f64 = 3.0;

pub(super) fn high_entropy(value: &[u8]) -> bool {
    value.len() >= 8 && shannon_entropy(value) >= MIN_BITS_PER_CHAR
}

/// A provider token without a prefix, found near its provider's keyword: random enough, with a
/// letter, and a digit or both cases (so that words such as `pagerduty-integration` fail).
pub(super) fn token_shape(value: &[u8]) -> bool {
    let has = |f: fn(&u8) -> bool| value.iter().any(f);
    high_entropy(value)
        && has(u8::is_ascii_alphabetic)
        && (has(u8::is_ascii_digit) || (has(u8::is_ascii_uppercase) && has(u8::is_ascii_lowercase)))
        && !hex_digest(value)
}

/// A hexadecimal digest in one case (a git commit, an MD5, SHA-1 or SHA-256 sum), which the
/// unprefixed token detectors' wider alphabets also match: a git SHA after `github.com/cloudflare/
/// .../blob/` is 40 characters like a Cloudflare token. Of 20 or more random characters drawn from
/// the letters and digits a token uses, all falling in one case's 0-9a-f is beyond one in 10^11.
fn hex_digest(value: &[u8]) -> bool {
    value.len() >= 20
        && (value.iter().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
            || value.iter().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(b)))
}

/// A hexadecimal key (or a UUID, or hex after a short prefix): random enough and mixing digits with
/// the letters a-f, which rules out runs of one digit, `deadbeef` filler and plain numbers.
pub(super) fn hex_token(value: &[u8]) -> bool {
    high_entropy(value)
        && value.iter().any(u8::is_ascii_digit)
        && value.iter().any(|b| matches!(b.to_ascii_lowercase(), b'a'..=b'f'))
}

/// Fixed prefixes of the provider tokens the catalogue has a specific detector for. A generic
/// assignment whose value starts with one is left to that detector, so that one token is reported
/// once, under its provider. Keep in step with the anchored detectors in detectors/credentials/.
const PROVIDER_PREFIXES: &[&str] = &[
    "1//0",
    "A3-",
    "AAAAAAAAAAAAAAAAAAAAAA",
    "ABSKQmVkcm9ja0FQSUtleS",
    "AIza",
    "AKCp",
    "AKIA",
    "AKID",
    "API-",
    "AQVN",
    "ASIA",
    "ATATT3xFfGF0",
    "ATBB",
    "ATCTT3xFfGN0",
    "CCIPAT_",
    "CCIPRJ_",
    "CFPAT-",
    "CLOJARS_",
    "EAAA",
    "EAAB",
    "EAAC",
    "EAAG",
    "EAAM",
    "EZAK",
    "EZTK",
    "FLWSECK",
    "FQoGZXIvYXdz",
    "FwoGZXIvYXdz",
    "GOCSPX-",
    "GR1348941",
    "HRKU-AA",
    "IQoJb3JpZ2luX2Vj",
    "LTAI",
    "NRAK-",
    "NRII-",
    "NRJS-",
    "PMAK-",
    "SG.",
    "access-development-",
    "access-production-",
    "access-sandbox-",
    "access_token$production$",
    "akab-",
    "amzn.mws.",
    "api_live.",
    "api_org_",
    "api_sandbox",
    "bedrock-api-key-",
    "bkua_",
    "cmVmdGtu",
    "dapi",
    "dckr_oat_",
    "dckr_pat_",
    "dnkey-",
    "doo_v1_",
    "dop_v1_",
    "dor_v1_",
    "dp.audit.",
    "dp.ct.",
    "dp.pt.",
    "dp.sa.",
    "dp.scim.",
    "dp.st.",
    "dt0c01.",
    "duffel_live_",
    "duffel_test_",
    "eyJrIjoi",
    "figd_",
    "fio-u-",
    "fm1a_",
    "fm1r_",
    "fm2_",
    "fo1_",
    "gho_",
    "ghp_",
    "ghr_",
    "ghs_",
    "ghu_",
    "github_pat_",
    "glagent-",
    "glc_eyJ",
    "glcbt-",
    "gldt-",
    "glffct-",
    "glft-",
    "glimt-",
    "gloas-",
    "glpat-",
    "glptt-",
    "glrt-",
    "glsa_",
    "glsoat-",
    "gsk_",
    "hcaik_",
    "hcxik_",
    "hf_",
    "hvb.",
    "hvs.",
    "ico-",
    "key-",
    "lin_api_",
    "lin_oauth_",
    "lsv2_pt_",
    "lsv2_sk_",
    "mlsn.",
    "nfp_",
    "npm_",
    "ntn_",
    "nvapi-",
    "ops_eyJ",
    "p8e-",
    "pat-eu1-",
    "pat-na1-",
    "pat.",
    "pcsk_",
    "pnu_",
    "pplx-",
    "pscale_oauth_",
    "pscale_pw_",
    "pscale_tkn_",
    "pul-",
    "r8_",
    "rdme_",
    "re_",
    "rk_live_",
    "rk_test_",
    "rnd_",
    "rubygems_",
    "s-s4t2af-",
    "s-s4t2ud-",
    "samsara_api_",
    "sat.",
    "sb_secret_",
    "sbp_",
    "shippo_live_",
    "shippo_test_",
    "shpat_",
    "shpca_",
    "shppa_",
    "shpss_",
    "sk-ant-admin01-",
    "sk-ant-api03-",
    "sk-or-v1-",
    "sk-proj-",
    "sk.eyJ",
    "sk_live_",
    "sk_test_",
    "sl.",
    "sm_aat_",
    "sm_pat_",
    "sm_sat_",
    "sntrys_",
    "sntryu_",
    "sq0atp-",
    "sq0csp-",
    "sqa_",
    "sqp_",
    "squ_",
    "t1.",
    "tfp_",
    "tk-us-",
    "tskey-",
    "v1.0-",
    "whsec_",
    "xai-",
    "xapp-",
    "xkeysib-",
    "xoxa-",
    "xoxb-",
    "xoxe",
    "xoxp-",
    "xoxr-",
    "xsmtpsib-",
    "ya29.",
];

fn provider_prefixed(value: &[u8]) -> bool {
    PROVIDER_PREFIXES
        .iter()
        .any(|prefix| value.starts_with(prefix.as_bytes()))
}

/// Words that mark a value as a placeholder or a reference, not a secret.
const PLACEHOLDER_WORDS: &[&[u8]] = &[
    b"password",
    b"passwd",
    b"changeme",
    b"change_me",
    b"example",
    b"xxxx",
    b"****",
    b"....",
    b"your",
    b"placeholder",
    b"redacted",
    b"dummy",
    b"secret",
    b"sample",
    b"token",
    b"environ",
    b"getenv",
    b"env.",
    b"env[",
    b"config.",
    b"settings.",
    b"foobar",
    b"qwerty",
    b"letmein",
    b"123456",
    b"abcdef",
    b"replace",
    b"insert",
    b"undefined",
];

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

fn has_placeholder_word(value: &[u8]) -> bool {
    PLACEHOLDER_WORDS.iter().any(|word| contains_ignore_case(value, word))
}

/// `a.b.c`, `self.password`, `args.pw`: a dotted name is a reference to a value, not one.
fn dotted_identifier(value: &[u8]) -> bool {
    value.contains(&b'.')
        && value.first().is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
        && value
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.'))
        && value
            .split(|&b| b == b'.')
            .all(|part| part.first().is_some_and(|b| !b.is_ascii_digit()))
}

/// The password of a URL's `user:password@` part. The detector's pattern matches documentation
/// examples (a host under example.com or *.test, a placeholder user name) without its `value` group,
/// so the whole URL arrives here and its `://` refuses it. A password is 3 to 128 characters, not one
/// repeated character (`https://a:b@host` and `xxxx` are examples, not secrets).
pub(super) fn url_password(value: &[u8]) -> bool {
    (3..=128).contains(&value.len())
        && !value.iter().any(|b| matches!(b, b':' | b'/' | b'@'))
        && value.iter().any(|&b| b != value[0])
}

/// A secret, API key or token assigned to a generic key (`api_key = ...`): 16 to 128 characters,
/// letters and digits, 3.5 bits of entropy per character, and no placeholder or reference.
pub(super) fn generic_secret(value: &[u8]) -> bool {
    (16..=128).contains(&value.len())
        && shannon_entropy(value) >= 3.5
        && value.iter().any(u8::is_ascii_digit)
        && value.iter().any(u8::is_ascii_alphabetic)
        && !has_placeholder_word(value)
        && !dotted_identifier(value)
        && !provider_prefixed(value)
}

/// A password assigned in code, configuration or a connection string. Surrounding single quotes
/// (libpq's quoting) are dropped first. Refused: template and variable syntax (`${..}`, `{{..}}`,
/// `%s`, `$(..)`, `<..>`), paths, function calls, dotted references, placeholder words; required:
/// 8 to 128 characters with a digit or a symbol and at least two character classes, not one
/// repeated character.
pub(super) fn password_value(value: &[u8]) -> bool {
    let value = match value {
        [b'\'', inner @ .., b'\''] => inner,
        _ => value,
    };
    // Typographic quotes close the value as ASCII quotes do (`‘--http-password=STRING’.` in an
    // info manual); the pattern's byte class cannot name them.
    let value = value
        .windows(3)
        .position(|w| matches!(w, [0xE2, 0x80, 0x98 | 0x99 | 0x9C | 0x9D]))
        .map_or(value, |quote| &value[..quote]);
    // Prose punctuation after the value (`giving you a password: prompt):` in a man page): a
    // closing parenthesis without its opening one, a colon or a full stop at the end.
    let mut value = value;
    while let [rest @ .., last] = value
        && (matches!(last, b':' | b'.') || (*last == b')' && !rest.contains(&b'(')))
    {
        value = rest;
    }
    if !(8..=128).contains(&value.len()) {
        return false;
    }
    let first = value[0];
    if matches!(
        first,
        b'$' | b'%' | b'{' | b'<' | b'[' | b'(' | b'@' | b'/' | b'\\' | b'#' | b'&' | b'*' | b'~' | b'.'
    ) {
        return false;
    }
    let markers: [&[u8]; 6] = [b"${", b"{{", b"}}", b"%s", b"%(", b"$("];
    if markers.iter().any(|m| value.windows(m.len()).any(|w| w == *m))
        || (value.contains(&b'<') && value.contains(&b'>'))
    {
        return false;
    }
    // A call such as get_password(user) or getpass(), a subscript such as credentials[1] or
    // self._options["password"], or a type such as Optional[bytes] (`password: Optional[bytes]`).
    for bracket in [b'(', b'['] {
        if let Some(open) = value.iter().position(|&b| b == bracket)
            && open > 0
            && value[..open]
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.'))
        {
            return false;
        }
    }
    // A record layout (`passwd:UID:GID:GECOS:directory:shell`, `PASSWORD:DN:FILE`) or roff
    // markup (`--passwd=FILE\fP`, `password=secr3t\fR\&.` in a man page's source): documentation.
    let roff: [&[u8]; 4] = [b"\\f", b"\\*(", b"\\&", b"\\("];
    if value.iter().filter(|&&b| b == b':').count() >= 2 || roff.iter().any(|m| value.windows(m.len()).any(|w| w == *m))
    {
        return false;
    }
    // The rest of a layout after `password:` (`group_name:password:GID:user_list`,
    // `USERNAME:PASSWORD:BASE_DN:FLAGS`): field names, letters and `_` only, between colons.
    if value.contains(&b':')
        && value
            .split(|&b| b == b':')
            .all(|field| !field.is_empty() && field.iter().all(|b| b.is_ascii_alphabetic() || *b == b'_'))
    {
        return false;
    }
    // Type annotations and paths (`ERROR_PASSWORD: WIN32_ERROR`, `pw: str::from_utf8(..)`) and
    // identifiers such as `default_password2` name a value; they are not one.
    let identifier = value.contains(&b'_')
        && value[0].is_ascii_alphabetic()
        && value.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_');
    if first == b':' || value.windows(2).any(|w| w == b"::") || identifier {
        return false;
    }
    if dotted_identifier(value)
        || has_placeholder_word(value)
        || provider_prefixed(value)
        || value.windows(2).all(|p| p[0] == p[1])
    {
        return false;
    }
    let lower = value.iter().any(u8::is_ascii_lowercase);
    let upper = value.iter().any(u8::is_ascii_uppercase);
    let digit = value.iter().any(u8::is_ascii_digit);
    let symbol = value.iter().any(|b| !b.is_ascii_alphanumeric());
    let classes = [lower, upper, digit, symbol].iter().filter(|&&c| c).count();
    classes >= 2 && (digit || symbol) && (lower || upper) && shannon_entropy(value) >= 2.75
}

fn shannon_entropy(value: &[u8]) -> f64 {
    let mut counts = [0u32; 256];
    for &byte in value {
        counts[usize::from(byte)] += 1;
    }
    let len = value.len() as f64;
    counts
        .iter()
        .filter(|&&count| count > 0)
        .map(|&count| {
            let probability = f64::from(count) / len;
            -probability * probability.log2()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_secret_key_accepts_key_shaped_value() {
        // AWS's documentation example: right shape; skipping it is the allow list's job, not this check's.
        assert!(aws_secret_key(b"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    }

    #[test]
    fn aws_secret_key_rejects_wrong_length() {
        assert!(!aws_secret_key(b"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE"));
        assert!(!aws_secret_key(b"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYY"));
    }

    #[test]
    fn aws_secret_key_rejects_hex_digest() {
        assert!(!aws_secret_key(b"da39a3ee5e6b4b0d3255bfef95601890afd80709"));
    }

    #[test]
    fn aws_secret_key_rejects_source_paths() {
        assert!(!aws_secret_key(b"sun/security/pkcs12/StoreTrustedCertTest"));
        assert!(!aws_secret_key(b"com/example/pkcs11/KeyStoreRoundTripTest"));
        // A real key may hold slashes, even two.
        assert!(aws_secret_key(b"gz7IhYePP2lny2pg17/dUM2jNKogorTAuRVpQ09o"));
        assert!(aws_secret_key(b"iVeZWJ9Quc/S19AvMp2gUAeSsUfFgUl8oPK/HJN4"));
        assert!(aws_secret_key(b"ab/cdQ1xYzWvUt3sRqPo/nMlKjIhGfEdCbA9Zy8X"));
    }

    #[test]
    fn aws_secret_key_rejects_missing_character_class() {
        assert!(!aws_secret_key(b"ThisIsJustAVeryLongIdentifierNameForTest"));
        assert!(!aws_secret_key(&[b'A'; 40]));
    }

    #[test]
    fn aws_secret_key_rejects_other_characters() {
        assert!(!aws_secret_key(b"wJalrXUtnFEMI_K7MDENG-bPxRfiCYEXAMPLEKEY"));
    }

    #[test]
    fn high_entropy_accepts_random_string() {
        assert!(high_entropy(b"q8Zr2LxV0pT7mWbN"));
    }

    #[test]
    fn high_entropy_rejects_repetitive_or_short_values() {
        assert!(!high_entropy(b"aaaaaaaaaaaaaaaa"));
        assert!(!high_entropy(b"passwordpassword"));
        assert!(!high_entropy(b"aZ3$kq9"));
    }

    #[test]
    fn shannon_entropy_of_eight_distinct_bytes_is_three_bits() {
        assert!((shannon_entropy(b"abcdefgh") - 3.0).abs() < 1e-12);
        assert!(high_entropy(b"abcdefgh"));
    }

    #[test]
    fn token_shape_needs_a_digit_or_both_cases() {
        assert!(token_shape(b"u+AbCdEfGhIjKlMnOpQr"));
        assert!(token_shape(b"y_nbakkc66rytwuxyeu3"));
        assert!(!token_shape(b"pagerduty-integration"));
        assert!(!token_shape(b"12345678901234567890"));
    }

    #[test]
    fn token_shape_refuses_hex_digests() {
        assert!(!token_shape(b"950e2374d0c12b52c1b6e439f5410bbd6a1ce6bf"));
        assert!(!token_shape(b"9E107D9D372BB6826BD81D3542A419D6"));
        assert!(token_shape(b"950e2374d0c12b52c1b6e439f5410bbd6a1ce6bG"));
        assert!(token_shape(b"950e2374d0C12b52c1b6e439f5410bbd6a1ce6bf"));
    }

    #[test]
    fn hex_token_needs_digits_and_letters() {
        assert!(hex_token(b"3f9c2b7e4d1a08f6c5b3e2d19a7c6b4f"));
        assert!(!hex_token(b"12345678901234567890123456789012"));
        assert!(!hex_token(b"deadbeefdeadbeefdeadbeefdeadbeef"));
    }

    #[test]
    fn generic_secret_accepts_random_tokens() {
        assert!(generic_secret(b"q8Zr2LxV0pT7mWbNc4Yd"));
        assert!(generic_secret(b"3f9c2b7e4d1a08f6c5b3e2d19a7c6b4f"));
    }

    #[test]
    fn generic_secret_rejects_placeholders_and_references() {
        for value in [
            &b"your_api_key_goes_here"[..],
            b"xxxxxxxxxxxxxxxxxxxxxxxx",
            b"request.headers.get_token_value",
            b"settings.SECRET_KEY_2024",
            b"abcdefghijklmnopqrstuvwxyz",
            b"short1",
        ] {
            assert!(!generic_secret(value), "{}", String::from_utf8_lossy(value));
        }
    }

    #[test]
    fn generic_checks_leave_provider_tokens_to_their_detectors() {
        assert!(!generic_secret(b"sk_live_rNdKfMDsRMMepIO9onDfakNM"));
        assert!(!generic_secret(
            b"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"
        ));
        assert!(!password_value(b"ATBB4kQ9rT2mZx7LpW3nV8cY1sD6fH0jK5gB"));
        assert!(
            PROVIDER_PREFIXES.windows(2).all(|pair| pair[0] < pair[1]),
            "kept sorted"
        );
    }

    #[test]
    fn password_value_accepts_mixed_passwords() {
        for value in [
            &b"Vq7tR2pXw9Lm"[..],
            b"h7#kLq2!zP",
            b"'s3cr-t.Wz9'",
            b"Tr0ub4dor&3",
            b"k9:Wq2[zL]x",
            "Vq7tR2pXw9Lm\u{2019}".as_bytes(),
            b"Xk9#mq2p.",
            b"k9#(Wq2zL)",
            b"Blue:Horse7",
        ] {
            assert!(password_value(value), "{}", String::from_utf8_lossy(value));
        }
    }

    #[test]
    fn password_value_rejects_placeholders_lookups_and_paths() {
        for value in [
            &b"${DB_PASSWORD}"[..],
            b"{{ vault_db_password }}",
            b"<your-password>",
            b"changeme123",
            b"********",
            b"get_password(user)",
            b"os.environ.get",
            b"self.password",
            b"/home/runner/work",
            b"12345678",
            b"aaaaaaaa",
            b"%(password)s",
            b"String,",
            b"CorrectHorseBattery",
            b"WIN32_ERROR",
            b"str::from_utf8_unchecked(value)",
            b":new_unchecked(value)",
            b"Optional[bytes]",
            b"typing.Optional[bytes]",
            b"credentials[1],",
            b"self._options[",
            b"UID:GID:GECOS:directory:shell",
            b"FILE\\fP",
            b"s3cr3t\\fR\\&.",
            "STRING\u{2019}.".as_bytes(),
            b"GID:user_list",
            b"BASE_DN:FLAGS",
            b"prompt):",
            b"Lenient).",
        ] {
            assert!(!password_value(value), "{}", String::from_utf8_lossy(value));
        }
    }

    #[test]
    fn url_password_accepts_a_real_looking_password() {
        assert!(url_password(b"Vq7tR2pXw9Lm"));
        assert!(url_password(b"8Hn%40kq2Zs!x"));
        assert!(url_password(b"abc"));
    }

    #[test]
    fn url_password_refuses_a_whole_url_from_the_documentation_branches() {
        assert!(!url_password(b"https://abc:xyz@example.com"));
        assert!(!url_password(b"https://user:he%2F%2Fo@pypi.company.com"));
    }

    #[test]
    fn url_password_refuses_short_and_filler_passwords() {
        assert!(!url_password(b"b"));
        assert!(!url_password(b"pw"));
        assert!(!url_password(b"aaaaaaaa"));
    }
}
