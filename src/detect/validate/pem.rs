//! PEM private keys (`-----BEGIN … PRIVATE KEY-----`, RSA, EC, OpenSSH, PKCS#8, encrypted): the block
//! must carry real key material, not a documentation placeholder. The body runs to the END line, or
//! to the end of the match when it was cut off.
//! Invariant: the body has at least 64 base64 characters drawn from at least 16 distinct symbols, and
//! no `...`, `…`, `<` or `>`.

use memchr::memmem;

/// The shortest real key (an Ed25519 PKCS#8 key) is 64 base64 characters.
const MIN_BASE64: usize = 64;
/// Base64 of key bytes uses nearly all 64 symbols; `XXXX…` or `AAAA…` filler uses one or two.
const MIN_DISTINCT: u32 = 16;

pub(super) fn pem_private_key(value: &[u8]) -> bool {
    const BEGIN: &[u8] = b"-----BEGIN ";
    let Some(begin) = memmem::find(value, BEGIN) else {
        return false;
    };
    let after_begin = &value[begin + BEGIN.len()..];
    let Some(label_end) = memmem::find(after_begin, b"-----") else {
        return false;
    };
    if memmem::find(&after_begin[..label_end], b"PRIVATE KEY").is_none() {
        return false;
    }
    let body = &after_begin[label_end + 5..];
    let body = memmem::find(body, b"-----END").map_or(body, |end| &body[..end]);
    is_key_material(body)
}

fn is_key_material(body: &[u8]) -> bool {
    let placeholder = memmem::find(body, b"...").is_some()
        || memmem::find(body, "\u{2026}".as_bytes()).is_some()
        || memchr::memchr2(b'<', b'>', body).is_some();
    if placeholder {
        return false;
    }
    let mut count = 0;
    let mut seen = 0u128;
    for &byte in body {
        if byte.is_ascii_alphanumeric() || byte == b'+' || byte == b'/' {
            count += 1;
            seen |= 1 << byte;
        }
    }
    count >= MIN_BASE64 && seen.count_ones() >= MIN_DISTINCT
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Base64-looking body assembled at run time (not a real key) so scanners do not flag the source.
    fn block(label: &str, body: &str) -> String {
        format!("-----BEGIN {label}-----\n{body}\n-----END {label}-----\n")
    }

    fn body() -> String {
        "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n".to_owned()
    }

    #[test]
    fn pem_private_key_accepts_each_label() {
        for label in [
            "PRIVATE KEY",
            "RSA PRIVATE KEY",
            "EC PRIVATE KEY",
            "OPENSSH PRIVATE KEY",
            "ENCRYPTED PRIVATE KEY",
        ] {
            assert!(pem_private_key(block(label, &body()).as_bytes()), "{label}");
        }
    }

    #[test]
    fn pem_private_key_accepts_block_cut_before_end() {
        let cut = format!("-----BEGIN RSA PRIVATE KEY-----\n{}", body());
        assert!(pem_private_key(cut.as_bytes()));
    }

    #[test]
    fn pem_private_key_accepts_encrypted_headers() {
        let body = format!(
            "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\n{}",
            body()
        );
        assert!(pem_private_key(block("RSA PRIVATE KEY", &body).as_bytes()));
    }

    #[test]
    fn pem_private_key_rejects_placeholders() {
        for placeholder in [
            "...",
            "<your key here>",
            "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC...",
            "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\u{2026}",
        ] {
            let padded = format!("{}\n{placeholder}", body());
            assert!(
                !pem_private_key(block("PRIVATE KEY", &padded).as_bytes()),
                "{placeholder}"
            );
        }
    }

    #[test]
    fn pem_private_key_rejects_filler() {
        let filler = "X".repeat(64 * 4);
        assert!(!pem_private_key(block("PRIVATE KEY", &filler).as_bytes()));
    }

    #[test]
    fn pem_private_key_rejects_short_body() {
        assert!(!pem_private_key(
            block("PRIVATE KEY", "MIIBVAIBADANBgkqhkiG9w0BAQEFAASC").as_bytes()
        ));
    }

    #[test]
    fn pem_private_key_rejects_public_keys_and_certificates() {
        assert!(!pem_private_key(block("PUBLIC KEY", &body()).as_bytes()));
        assert!(!pem_private_key(block("CERTIFICATE", &body()).as_bytes()));
    }

    #[test]
    fn pem_private_key_rejects_missing_begin_line() {
        assert!(!pem_private_key(body().as_bytes()));
        assert!(!pem_private_key(b"-----BEGIN PRIVATE KEY"));
    }
}
