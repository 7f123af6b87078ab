//! HTTP Basic credentials (RFC 7617): base64 of `user:password`. The match may be the whole
//! `Authorization: Basic …` header or only the credential; the credential is its last word.
//! Invariant: accepted only when the credential decodes to UTF-8 text with a `:`, a non-empty password
//! and no control characters.

use base64::Engine;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// Some clients drop the `=` padding; accept it either way.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Decoding happens on the stack; credentials longer than this (3 KiB decoded) are not typed by
/// people and would not fit the 8 KiB header limit most servers apply anyway.
const MAX_ENCODED: usize = 4096;
const MAX_DECODED: usize = MAX_ENCODED / 4 * 3;

pub(super) fn basic_auth(value: &[u8]) -> bool {
    let Some(credential) = value.trim_ascii().rsplit(u8::is_ascii_whitespace).next() else {
        return false;
    };
    if credential.len() > MAX_ENCODED {
        return false;
    }
    let mut decoded = [0u8; MAX_DECODED];
    let Ok(len) = BASE64.decode_slice(credential, &mut decoded) else {
        return false;
    };
    let Ok(text) = std::str::from_utf8(&decoded[..len]) else {
        return false;
    };
    text.split_once(':')
        .is_some_and(|(_user, password)| !password.is_empty())
        && !text.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(text: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(text)
    }

    #[test]
    fn basic_auth_accepts_credential() {
        assert!(basic_auth(b"QWxhZGRpbjpvcGVuIHNlc2FtZQ==")); // Aladdin:open sesame (RFC 7617)
        assert!(basic_auth(encode("user:pässwörd").as_bytes()));
    }

    #[test]
    fn basic_auth_accepts_whole_header() {
        assert!(basic_auth(b"Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
    }

    #[test]
    fn basic_auth_accepts_missing_padding() {
        assert!(basic_auth(b"QWxhZGRpbjpvcGVuIHNlc2FtZQ"));
    }

    #[test]
    fn basic_auth_rejects_empty_password_or_no_colon() {
        assert!(!basic_auth(encode("user:").as_bytes()));
        assert!(!basic_auth(encode("justtext").as_bytes()));
    }

    #[test]
    fn basic_auth_rejects_control_characters() {
        assert!(!basic_auth(encode("user:pass\nword").as_bytes()));
        assert!(!basic_auth(encode("us\0er:password").as_bytes()));
    }

    #[test]
    fn basic_auth_rejects_non_utf8_and_non_base64() {
        let binary = base64::engine::general_purpose::STANDARD.encode(b"user:\xff\xfe");
        assert!(!basic_auth(binary.as_bytes()));
        assert!(!basic_auth(b"not base64!"));
    }

    #[test]
    fn basic_auth_rejects_oversized_credential() {
        let long = encode(&format!("user:{}", "p".repeat(MAX_DECODED)));
        assert!(!basic_auth(long.as_bytes()));
    }
}
