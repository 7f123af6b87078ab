//! HTTP cookie headers: the part after `Cookie:` or `Set-Cookie:`, one or more `name=value` pairs
//! (RFC 6265). Documentation describes the header with placeholders (`<cookie-name>=<cookie-value>`,
//! `name=value`, `$SESSION`); only a real name with a real value counts.
//! Invariant: the pairs are walked in place; nothing allocates.

/// RFC 6265 `cookie-name` is an RFC 7230 token.
fn is_token(name: &[u8]) -> bool {
    !name.is_empty()
        && name
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Values that documentation and templates put where a cookie would be.
const PLACEHOLDERS: &[&[u8]] = &[
    b"value",
    b"values",
    b"cookie-value",
    b"cookie_value",
    b"cookievalue",
    b"val",
    b"xxx",
    b"xxxx",
    b"xxxxx",
    b"...",
    b"foo",
    b"bar",
    b"baz",
    b"example",
    b"placeholder",
    b"abc",
    b"secret",
    b"token",
    b"null",
    b"undefined",
];

fn real_value(value: &[u8]) -> bool {
    let value = value
        .strip_prefix(b"\"")
        .and_then(|v| v.strip_suffix(b"\""))
        .unwrap_or(value);
    let template = value.first().is_some_and(|b| b"<{$[%".contains(b)) || value.contains(&b'<');
    !value.is_empty()
        && !template
        && !PLACEHOLDERS.iter().any(|p| p.eq_ignore_ascii_case(value))
        && value
            .iter()
            .all(|&b| b > b' ' && b != 0x7f && b != b';' && b != b',' && b != b'\\')
}

/// One `name=value` pair, trimmed; None when there is no `=` or the name is not a token.
fn pair(text: &[u8]) -> Option<(&[u8], &[u8])> {
    let text = text.trim_ascii();
    let equals = text.iter().position(|&b| b == b'=')?;
    let (name, value) = (&text[..equals], &text[equals + 1..]);
    is_token(name).then_some((name, value))
}

/// `Set-Cookie` attributes (RFC 6265 and later drafts): they follow the cookie, and their values
/// (a path, a date, a number of seconds) identify nobody.
const ATTRIBUTES: &[&[u8]] = &[
    b"path",
    b"domain",
    b"expires",
    b"max-age",
    b"samesite",
    b"priority",
    b"version",
    b"comment",
    b"partitioned",
    b"secure",
    b"httponly",
];

/// A value that can identify a session or a visitor: 4 characters or more with a digit or with
/// upper and lower case, or 16 or more characters. Words (`lang=en`, `fig=newton`,
/// `rocky=road` in Python's http.cookies examples) and single digits (`number=7`) identify
/// nobody.
fn identifying(value: &[u8]) -> bool {
    let value = value
        .strip_prefix(b"\"")
        .and_then(|v| v.strip_suffix(b"\""))
        .unwrap_or(value);
    let digit = value.iter().any(u8::is_ascii_digit);
    let mixed = value.iter().any(u8::is_ascii_uppercase) && value.iter().any(u8::is_ascii_lowercase);
    value.len() >= 16 || (value.len() >= 4 && (digit || mixed))
}

/// The value of a `Cookie:` header (every pair) or a `Set-Cookie:` header (the first pair is the
/// cookie, the rest attributes): the first pair must be a real cookie, not a placeholder, and one
/// cookie's value must be able to identify someone.
pub(super) fn http_cookie(value: &[u8]) -> bool {
    let Some((name, first)) = value.split(|&b| b == b';').next().and_then(pair) else {
        return false;
    };
    let placeholder_name = [b"name".as_slice(), b"cookie-name", b"cookie_name", b"key"]
        .iter()
        .any(|p| p.eq_ignore_ascii_case(name));
    let identifies = value
        .split(|&b| b == b';')
        .filter_map(pair)
        .any(|(name, value)| !ATTRIBUTES.iter().any(|a| a.eq_ignore_ascii_case(name)) && identifying(value));
    !placeholder_name && real_value(first) && identifies
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_accepts_macies_examples() {
        assert!(http_cookie(b"id=TWlrZQ"));
        assert!(http_cookie(b"session=3948; lang=en"));
        assert!(http_cookie(b"sid=8f2a9c71d04e; Path=/; HttpOnly; Secure; SameSite=Lax"));
        assert!(http_cookie(b"token=\"b2c7e1\""));
    }

    #[test]
    fn cookie_rejects_documentation_placeholders() {
        assert!(!http_cookie(b"<cookie-name>=<cookie-value>"));
        assert!(!http_cookie(b"name=value"));
        assert!(!http_cookie(b"sessionId=<value>"));
        assert!(!http_cookie(b"session=$SESSION_ID"));
        assert!(!http_cookie(b"session={{ session }}"));
        assert!(!http_cookie(b"session=value; Path=/"));
    }

    #[test]
    fn cookie_rejects_words_that_identify_nobody() {
        assert!(!http_cookie(b"fig=newton"));
        assert!(!http_cookie(b"rocky=road; Path=/cookie"));
        assert!(!http_cookie(b"number=7"));
        assert!(!http_cookie(b"oreo=doublestuff; Path=/; Max-Age=3600"));
        assert!(http_cookie(b"lang=en; sid=Zk3pQ9"));
        assert!(http_cookie(b"visitor=abcdefghijklmnopqrstu"));
    }

    #[test]
    fn cookie_needs_a_name_and_a_value() {
        assert!(!http_cookie(b"=abc123"));
        assert!(!http_cookie(b"session="));
        assert!(!http_cookie(b"just some text"));
        assert!(!http_cookie(b""));
    }
}
