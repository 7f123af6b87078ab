//! Checksummed provider tokens: GitHub (`ghp_` `gho_` `ghu_` `ghs_` `ghr_`) and npm (`npm_`). After the
//! prefix comes a 36-character base62 body: 30 random characters, then the CRC32 (IEEE) of those 30,
//! written in base62 (0-9A-Za-z, most significant first, zero-padded to 6). Fine-grained GitHub tokens
//! (`github_pat_`) carry no public checksum and are checked for shape only.
//! Invariant: a classic token passes only if its last six characters are the encoding of that CRC.
//!
//! Discord bot tokens carry no checksum but a structure: the first part is the bot's user id (a
//! decimal snowflake) in unpadded base64, checked by decoding it on the stack.
//!
//! The scheme is GitHub's ("Behind GitHub's new authentication token formats", 2021) and npm's, which
//! copied it; independent scanners (Microsoft's npm validator, CredSweeper) compute it the same way:
//! the CRC covers the 30 random characters only, not the prefix.

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LEN: usize = 30;
const BODY_LEN: usize = RANDOM_LEN + 6;

/// Six base62 digits hold any u32 (62⁶ > 2³²), so the encoding never loses bits.
fn base62_checksum(random: &[u8]) -> [u8; 6] {
    let mut crc = crc32fast::hash(random);
    let mut encoded = [b'0'; 6];
    for slot in encoded.iter_mut().rev() {
        *slot = BASE62[(crc % 62) as usize];
        crc /= 62;
    }
    encoded
}

fn checksummed_body(body: &[u8]) -> bool {
    body.len() == BODY_LEN
        && body.iter().all(u8::is_ascii_alphanumeric)
        && base62_checksum(&body[..RANDOM_LEN]) == body[RANDOM_LEN..]
}

pub(super) fn github_token(value: &[u8]) -> bool {
    if let Some(rest) = value.strip_prefix(b"github_pat_") {
        return fine_grained_shape(rest);
    }
    match value.split_at_checked(4) {
        Some((b"ghp_" | b"gho_" | b"ghu_" | b"ghs_" | b"ghr_", body)) => checksummed_body(body),
        _ => false,
    }
}

/// `github_pat_` + 22 base62 (token id) + `_` + 59 base62 (secret).
fn fine_grained_shape(rest: &[u8]) -> bool {
    match rest.split_at_checked(22) {
        Some((id, [b'_', secret @ ..])) => secret.len() == 59 && id.iter().chain(secret).all(u8::is_ascii_alphanumeric),
        _ => false,
    }
}

pub(super) fn npm_token(value: &[u8]) -> bool {
    value.strip_prefix(b"npm_").is_some_and(checksummed_body)
}

/// `base64(user id)` `.` timestamp `.` HMAC: the id must decode to a 17 to 20 digit snowflake.
pub(super) fn discord_token(value: &[u8]) -> bool {
    use base64::Engine as _;
    let Some(dot) = value.iter().position(|&b| b == b'.') else {
        return false;
    };
    let mut id = [0u8; 24];
    match base64::engine::general_purpose::STANDARD_NO_PAD.decode_slice(&value[..dot], &mut id) {
        Ok(len) => (17..=20).contains(&len) && id[0] != b'0' && id[..len].iter().all(u8::is_ascii_digit),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

    /// Builds a token the way the issuers do, with tests' own random body. Tokens are assembled at run
    /// time so no checksum-valid token sits in the source for secret scanners to flag.
    fn issue(prefix: &str, rng: &mut impl Rng) -> Vec<u8> {
        let mut token = prefix.as_bytes().to_vec();
        let random: Vec<u8> = (0..RANDOM_LEN).map(|_| BASE62[rng.random_range(0..62)]).collect();
        token.extend_from_slice(&random);
        token.extend_from_slice(&base62_checksum(&random));
        token
    }

    #[test]
    fn checksum_matches_independent_computation() {
        // zlib.crc32(b"abcdefghijklmnopqrstuvwxyzABCD") = 0xfd1c278c, which is "4dNndU" in 0-9A-Za-z.
        assert_eq!(crc32fast::hash(b"abcdefghijklmnopqrstuvwxyzABCD"), 0xfd1c_278c);
        assert_eq!(&base62_checksum(b"abcdefghijklmnopqrstuvwxyzABCD"), b"4dNndU");
    }

    #[test]
    fn checksum_is_zero_padded_to_six() {
        assert_eq!(BASE62[0], b'0');
        let small = (0u32..)
            .map(|n| n.to_string())
            .find(|s| crc32fast::hash(s.as_bytes()) < 62u32.pow(5));
        let small = small.expect("some decimal string has a CRC below 62^5");
        assert_eq!(base62_checksum(small.as_bytes())[0], b'0');
    }

    #[test]
    fn github_token_round_trips_random_bodies() {
        let mut rng = rand::rng();
        for prefix in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"] {
            for _ in 0..100 {
                let token = issue(prefix, &mut rng);
                assert!(github_token(&token), "{}", String::from_utf8_lossy(&token));
            }
        }
    }

    #[test]
    fn github_token_rejects_changed_character() {
        let mut rng = rand::rng();
        for _ in 0..100 {
            let mut token = issue("ghp_", &mut rng);
            let position = rng.random_range(4..token.len());
            let original = token[position];
            token[position] = if original == b'a' { b'b' } else { b'a' };
            assert!(!github_token(&token), "{}", String::from_utf8_lossy(&token));
        }
    }

    #[test]
    fn github_token_rejects_unknown_prefix_and_length() {
        let mut rng = rand::rng();
        let token = issue("ghx_", &mut rng);
        assert!(!github_token(&token));
        let mut long = issue("ghp_", &mut rng);
        long.push(b'0');
        assert!(!github_token(&long));
        assert!(!github_token(b"ghp_"));
    }

    #[test]
    fn github_token_checksum_ignores_prefix() {
        // The CRC covers only the random part, so the same body is valid under every prefix.
        let mut rng = rand::rng();
        let mut token = issue("ghp_", &mut rng);
        token[2] = b'o';
        assert!(github_token(&token));
    }

    #[test]
    fn github_token_accepts_fine_grained_shape() {
        let token = format!("github_pat_{}_{}", "A1".repeat(11), "b2c".repeat(19) + "de");
        assert!(github_token(token.as_bytes()));
    }

    #[test]
    fn github_token_rejects_malformed_fine_grained() {
        let short = format!("github_pat_{}_{}", "A1".repeat(11), "b".repeat(58));
        let no_separator = format!("github_pat_{}-{}", "A1".repeat(11), "b".repeat(59));
        let symbol = format!("github_pat_{}_{}", "A1".repeat(11), "b".repeat(58) + "+");
        for token in [short, no_separator, symbol] {
            assert!(!github_token(token.as_bytes()), "{token}");
        }
    }

    #[test]
    fn npm_token_round_trips_random_bodies() {
        let mut rng = rand::rng();
        for _ in 0..100 {
            let token = issue("npm_", &mut rng);
            assert!(npm_token(&token), "{}", String::from_utf8_lossy(&token));
        }
    }

    #[test]
    fn npm_token_rejects_changed_character() {
        let mut rng = rand::rng();
        let mut token = issue("npm_", &mut rng);
        let last = token.len() - 1;
        token[last] = if token[last] == b'0' { b'1' } else { b'0' };
        assert!(!npm_token(&token));
    }

    #[test]
    fn npm_token_rejects_github_prefix() {
        let mut rng = rand::rng();
        assert!(!npm_token(&issue("ghp_", &mut rng)));
    }

    #[test]
    fn discord_token_accepts_snowflake_id() {
        use base64::Engine as _;
        let id = base64::engine::general_purpose::STANDARD_NO_PAD.encode("1062081337562873946");
        let token = format!("{id}.GhT2bA.Vb3k9xQw2ZqP8rLmN4sT7uYd1aFc6eHj0pQrS");
        assert!(discord_token(token.as_bytes()));
    }

    #[test]
    fn discord_token_rejects_non_numeric_or_short_id() {
        use base64::Engine as _;
        let engine = base64::engine::general_purpose::STANDARD_NO_PAD;
        for id in ["ABCDEFGHIJKLMNOPQRS", "12345", "0123456789012345678"] {
            let token = format!("{}.GhT2bA.Vb3k9xQw2ZqP8rLmN4sT7uYd1aFc6eHj0pQrS", engine.encode(id));
            assert!(!discord_token(token.as_bytes()), "{id}");
        }
        assert!(!discord_token(b"no dot here"));
    }
}
