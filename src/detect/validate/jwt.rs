//! JSON Web Tokens (RFC 7519, JWS compact form): `header.payload.signature`, or `header.payload` /
//! `header.payload.` when unsigned, each part base64url.
//! Invariant: accepted only when the header decodes to a JSON object with a string `alg` and the
//! payload decodes to a JSON object. This is the one validator that allocates (the decoded parts);
//! JWTs are rare enough that the hot path does not notice.

use std::borrow::Cow;

use base64::Engine;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde::Deserialize;
use serde::de::IgnoredAny;

/// JWTs drop the `=` padding, but some libraries keep it; accept both.
const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

#[derive(Deserialize)]
struct Header<'a> {
    // Borrowed so the common unescaped case does not allocate.
    #[serde(borrow)]
    alg: Cow<'a, str>,
}

pub(super) fn jwt(value: &[u8]) -> bool {
    let mut parts = value.split(|&byte| byte == b'.');
    let (Some(header), Some(payload), signature, None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    // An empty signature is the unsigned (`alg: none`) form.
    let signature_ok = signature.is_none_or(|signature| signature.iter().all(|&byte| is_base64url(byte)));
    signature_ok && header_has_alg(header) && payload_is_object(payload)
}

fn is_base64url(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_' || byte == b'='
}

fn header_has_alg(header: &[u8]) -> bool {
    let Ok(json) = BASE64URL.decode(header) else {
        return false;
    };
    starts_object(&json) && serde_json::from_slice::<Header>(&json).is_ok_and(|header| !header.alg.is_empty())
}

fn payload_is_object(payload: &[u8]) -> bool {
    let Ok(json) = BASE64URL.decode(payload) else {
        return false;
    };
    starts_object(&json) && serde_json::from_slice::<IgnoredAny>(&json).is_ok()
}

/// serde_json reads a struct from a JSON array too, and `IgnoredAny` takes any value, so the object
/// requirement is checked on the first byte.
fn starts_object(json: &[u8]) -> bool {
    json.trim_ascii_start().first() == Some(&b'{')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(json: &str) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
    }

    fn token(header: &str, payload: &str, signature: &str) -> String {
        format!("{}.{}.{signature}", encode(header), encode(payload))
    }

    #[test]
    fn jwt_accepts_signed_token() {
        // The RFC 7519 example header and payload, with jwt.io's HS256 sample signature shape.
        let value = token(
            r#"{"alg":"HS256","typ":"JWT"}"#,
            r#"{"sub":"1234567890","name":"John Doe","iat":1516239022}"#,
            "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        );
        assert!(jwt(value.as_bytes()));
    }

    #[test]
    fn jwt_accepts_unsigned_forms() {
        let header = encode(r#"{"alg":"none"}"#);
        let payload = encode(r#"{"sub":"x"}"#);
        assert!(jwt(format!("{header}.{payload}.").as_bytes()));
        assert!(jwt(format!("{header}.{payload}").as_bytes()));
    }

    #[test]
    fn jwt_accepts_padded_segments() {
        let padded = base64::engine::general_purpose::URL_SAFE.encode(r#"{"alg":"ES256K"}"#);
        assert!(padded.ends_with('='));
        let value = format!("{padded}.{}.c2ln", encode(r#"{"a":1}"#));
        assert!(jwt(value.as_bytes()));
    }

    #[test]
    fn jwt_rejects_header_without_alg() {
        let value = token(r#"{"typ":"JWT"}"#, r#"{"sub":"x"}"#, "c2ln");
        assert!(!jwt(value.as_bytes()));
        let value = token(r#"{"alg":256}"#, r#"{"sub":"x"}"#, "c2ln");
        assert!(!jwt(value.as_bytes()));
    }

    #[test]
    fn jwt_rejects_header_array() {
        let value = token(r#"["HS256"]"#, r#"{"sub":"x"}"#, "c2ln");
        assert!(!jwt(value.as_bytes()));
    }

    #[test]
    fn jwt_rejects_payload_that_is_not_an_object() {
        for payload in ["[1,2]", "\"text\"", "{\"unterminated\":", "plain text"] {
            let value = token(r#"{"alg":"HS256"}"#, payload, "c2ln");
            assert!(!jwt(value.as_bytes()), "{payload}");
        }
    }

    #[test]
    fn jwt_rejects_wrong_part_count() {
        let header = encode(r#"{"alg":"HS256"}"#);
        let payload = encode(r#"{"sub":"x"}"#);
        assert!(!jwt(header.as_bytes()));
        assert!(!jwt(format!("{header}.{payload}.c2ln.extra").as_bytes()));
    }

    #[test]
    fn jwt_rejects_non_base64url_bytes() {
        let header = encode(r#"{"alg":"HS256"}"#);
        let payload = encode(r#"{"sub":"x"}"#);
        assert!(!jwt(format!("{header}.{payload}.si+g/").as_bytes()));
        assert!(!jwt(b"eyJhbGciOiJIUzI1NiJ9!.e30.c2ln"));
    }
}
