//! PyPI API tokens: `pypi-` and a base64url (unpadded) macaroon in libmacaroons' version-2 binary
//! format. PyPI documents its tokens as macaroons (pypi.org/help/#apitoken); the v2 layout is a
//! version byte 2, then packets of (field type varint, length varint, bytes): the location (type 1,
//! `pypi.org` or `test.pypi.org`), the identifier (type 2, PyPI's 36-character UUID or 32 hex), an
//! end-of-section 0, each caveat's packets and its 0, a closing 0, and the signature (type 6, 32 bytes).
//! Invariant: a token passes only if its whole decoded body parses as that structure with PyPI's
//! location; decoding happens into a stack buffer, never the heap.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Longest body decoded: 1,000 base64 characters, the detector's bound.
const MAX_DECODED: usize = 768;

const EOS: u8 = 0;
const LOCATION: u8 = 1;
const IDENTIFIER: u8 = 2;
const VERIFICATION_ID: u8 = 4;
const SIGNATURE: u8 = 6;

/// Reads one packet: its field type and payload, and the rest of the input. Lengths above 127 use
/// the second varint byte; longer fields do not occur in PyPI tokens.
fn packet(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&field, rest) = input.split_first()?;
    if field == EOS {
        return Some((EOS, &[], rest));
    }
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first & 0x80 == 0 {
        (usize::from(first), rest)
    } else {
        let (&second, rest) = rest.split_first()?;
        if second & 0x80 != 0 {
            return None;
        }
        (usize::from(first & 0x7f) | (usize::from(second) << 7), rest)
    };
    let (payload, rest) = rest.split_at_checked(len)?;
    Some((field, payload, rest))
}

fn identifier_ok(id: &[u8]) -> bool {
    let hex = |b: &u8| b.is_ascii_hexdigit();
    match id.len() {
        32 => id.iter().all(hex),
        36 => id.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => hex(b),
        }),
        _ => false,
    }
}

fn macaroon_ok(bytes: &[u8]) -> bool {
    let Some((&2, mut rest)) = bytes.split_first() else {
        return false;
    };
    // Header: location, identifier, end of section.
    let Some((LOCATION, location, after)) = packet(rest) else {
        return false;
    };
    if location != b"pypi.org" && location != b"test.pypi.org" {
        return false;
    }
    let Some((IDENTIFIER, id, after)) = packet(after) else {
        return false;
    };
    let Some((EOS, _, after)) = packet(after) else {
        return false;
    };
    if !identifier_ok(id) {
        return false;
    }
    rest = after;
    // Caveats, each closed by EOS; an EOS right away ends the list.
    let mut caveats = 0;
    loop {
        match packet(rest) {
            Some((EOS, _, after)) => {
                rest = after;
                break;
            }
            Some((LOCATION | IDENTIFIER | VERIFICATION_ID, payload, after)) => {
                if payload.is_empty() || !payload.iter().all(|b| (0x20..0x7f).contains(b)) {
                    return false;
                }
                rest = after;
                while let Some((field, payload, after)) = packet(rest) {
                    rest = after;
                    match field {
                        EOS => break,
                        LOCATION | IDENTIFIER | VERIFICATION_ID if !payload.is_empty() => {}
                        _ => return false,
                    }
                }
                caveats += 1;
                if caveats > 32 {
                    return false;
                }
            }
            _ => return false,
        }
    }
    matches!(packet(rest), Some((SIGNATURE, signature, [])) if signature.len() == 32)
}

pub(super) fn pypi_macaroon(value: &[u8]) -> bool {
    let Some(body) = value.strip_prefix(b"pypi-") else {
        return false;
    };
    let mut buffer = [0u8; MAX_DECODED];
    if body.len() > MAX_DECODED * 4 / 3 {
        return false;
    }
    match URL_SAFE_NO_PAD.decode_slice(body, &mut buffer) {
        Ok(len) => macaroon_ok(&buffer[..len]),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(location: &[u8], id: &[u8], caveats: &[&[u8]], signature_len: u8) -> Vec<u8> {
        let mut m = vec![2, LOCATION, location.len() as u8];
        m.extend_from_slice(location);
        m.extend([IDENTIFIER, id.len() as u8]);
        m.extend_from_slice(id);
        m.push(EOS);
        for caveat in caveats {
            m.extend([IDENTIFIER, caveat.len() as u8]);
            m.extend_from_slice(caveat);
            m.push(EOS);
        }
        m.push(EOS);
        m.extend([SIGNATURE, signature_len]);
        m.extend((0..signature_len).map(|i| i.wrapping_mul(37)));
        let mut token = b"pypi-".to_vec();
        token.extend(URL_SAFE_NO_PAD.encode(&m).bytes());
        token
    }

    const ID: &[u8] = b"5f0c7e3a-9b1d-4c2e-8a6f-1d2e3f4a5b6c";
    const CAVEAT: &[u8] = br#"{"version": 1, "permissions": "user"}"#;

    #[test]
    fn pypi_macaroon_accepts_well_formed_tokens() {
        assert!(pypi_macaroon(&build(b"pypi.org", ID, &[CAVEAT], 32)));
        assert!(pypi_macaroon(&build(
            b"test.pypi.org",
            ID,
            &[CAVEAT, b"[1,[\"acme\"]]"],
            32
        )));
        assert!(pypi_macaroon(&build(
            b"pypi.org",
            b"0123456789abcdef0123456789abcdef",
            &[],
            32
        )));
    }

    #[test]
    fn pypi_macaroon_rejects_other_location_identifier_or_signature() {
        assert!(!pypi_macaroon(&build(b"example.org", ID, &[CAVEAT], 32)));
        assert!(!pypi_macaroon(&build(b"pypi.org", b"not-a-uuid", &[CAVEAT], 32)));
        assert!(!pypi_macaroon(&build(b"pypi.org", ID, &[CAVEAT], 31)));
    }

    #[test]
    fn pypi_macaroon_rejects_truncated_or_extended_tokens() {
        let token = build(b"pypi.org", ID, &[CAVEAT], 32);
        assert!(!pypi_macaroon(&token[..token.len() - 4]));
        let mut longer = token.clone();
        longer.extend_from_slice(b"AAAA");
        assert!(!pypi_macaroon(&longer));
        assert!(!pypi_macaroon(b"pypi-AgEIcHlwaS5vcmc"));
    }
}
