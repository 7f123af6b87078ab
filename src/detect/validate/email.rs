//! Email addresses (RFC 5321 limits, the common dot-atom subset): `local@domain.tld`.
//! Invariant: exactly one `@`, a local part of 1-64 characters and a domain of at most 253 with at
//! least two labels, the last being 2-24 letters that are not a file extension common in code.

/// "TLDs" that are really asset names: `logo@2x.png`, `bundle@1.2.3.js`. None is a real TLD.
const FILE_EXTENSIONS: &[&[u8]] = &[b"css", b"gif", b"jpeg", b"jpg", b"js", b"png", b"svg", b"webp"];

pub(super) fn email(value: &[u8]) -> bool {
    let Some(at) = memchr::memchr(b'@', value) else {
        return false;
    };
    let (local, domain) = (&value[..at], &value[at + 1..]);
    local_part_ok(local) && domain_ok(domain)
}

fn local_part_ok(local: &[u8]) -> bool {
    const SPECIALS: &[u8] = b"!#$%&'*+/=?^_`{|}~-";
    (1..=64).contains(&local.len())
        && dots_are_inside(local)
        && local
            .iter()
            .all(|byte| byte.is_ascii_alphanumeric() || *byte == b'.' || SPECIALS.contains(byte))
}

fn domain_ok(domain: &[u8]) -> bool {
    if domain.len() > 253 || !dots_are_inside(domain) {
        return false;
    }
    let Some(dot) = memchr::memrchr(b'.', domain) else {
        return false;
    };
    let tld = &domain[dot + 1..];
    let tld_ok = (2..=24).contains(&tld.len())
        && tld.iter().all(u8::is_ascii_alphabetic)
        && !FILE_EXTENSIONS
            .iter()
            .any(|extension| extension.eq_ignore_ascii_case(tld));
    tld_ok && domain.split(|&byte| byte == b'.').all(label_ok)
}

/// A hostname label: 1-63 letters, digits or hyphens, not starting or ending with a hyphen.
fn label_ok(label: &[u8]) -> bool {
    (1..=63).contains(&label.len())
        && label.first() != Some(&b'-')
        && label.last() != Some(&b'-')
        && label.iter().all(|byte| byte.is_ascii_alphanumeric() || *byte == b'-')
}

/// No leading or trailing dot and no `..`: an empty atom or label is never valid.
fn dots_are_inside(part: &[u8]) -> bool {
    part.first() != Some(&b'.') && part.last() != Some(&b'.') && memchr::memmem::find(part, b"..").is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_accepts_ordinary_addresses() {
        assert!(email(b"jane.doe@example.com"));
        assert!(email(b"j+tag@mail.example.co.uk"));
        assert!(email(b"o'brien@sub-domain.example.org"));
    }

    #[test]
    fn email_rejects_code_asset_names() {
        assert!(!email(b"logo@2x.png"));
        assert!(!email(b"icon@3x.PNG"));
        assert!(!email(b"lodash@4.17.js"));
        assert!(!email(b"theme@dark.css"));
    }

    #[test]
    fn email_rejects_misplaced_dots() {
        assert!(!email(b".jane@example.com"));
        assert!(!email(b"jane.@example.com"));
        assert!(!email(b"ja..ne@example.com"));
        assert!(!email(b"jane@example..com"));
        assert!(!email(b"jane@.example.com"));
    }

    #[test]
    fn email_rejects_domain_without_dot_or_letter_tld() {
        assert!(!email(b"jane@localhost"));
        assert!(!email(b"jane@10.0.0.1"));
        assert!(!email(b"jane@example.c"));
    }

    #[test]
    fn email_rejects_length_limits() {
        let long_local = format!("{}@example.com", "a".repeat(65));
        assert!(!email(long_local.as_bytes()));
        let long_domain = format!("jane@{}.com", "a.".repeat(126));
        assert!(!email(long_domain.as_bytes()));
        let long_tld = format!("jane@example.{}", "a".repeat(25));
        assert!(!email(long_tld.as_bytes()));
    }

    #[test]
    fn email_rejects_second_at_and_bad_labels() {
        assert!(!email(b"jane@doe@example.com"));
        assert!(!email(b"jane@-example.com"));
        assert!(!email(b"jane@exa_mple.com"));
        assert!(!email(b"@example.com"));
    }
}
