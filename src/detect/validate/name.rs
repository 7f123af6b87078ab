//! Personal names after a name label: two or three capitalised Latin words. A word that names an
//! organisation, a role, a system or a placeholder (Acme Corp, Build Server, Test User) means the
//! value is not a person's name.
//! Invariant: no allocation; words are compared in place, ignoring ASCII case.

/// Words that never occur in a person's name but often in the names of other things.
#[rustfmt::skip]
const NOT_NAMES: &[&[u8]] = &[
    // CI step names ("- name: Install Rust") start with a verb.
    b"cache", b"check", b"checkout", b"configure", b"deploy", b"download", b"files", b"install", b"lint",
    b"publish", b"release", b"run", b"setup", b"source", b"update", b"upload",
    b"account", b"admin", b"administrator", b"alerts", b"and", b"api", b"app", b"bank", b"billing", b"bot",
    b"build", b"client", b"cloud", b"co", b"company", b"corp", b"corporation", b"customer", b"data",
    b"database", b"default", b"demo", b"department", b"desk", b"dev", b"engineering", b"enterprise",
    b"example", b"finance", b"for", b"foundation", b"gmbh", b"group", b"holdings", b"inc", b"infrastructure",
    b"limited", b"llc", b"ltd", b"manager", b"marketing", b"monitoring", b"network", b"new", b"none", b"null",
    b"of", b"office", b"operations", b"ops", b"payments", b"platform", b"plc", b"production", b"project",
    b"queue", b"sales", b"sample", b"security", b"server", b"service", b"services", b"staging", b"street",
    b"support", b"system", b"team", b"test", b"the", b"unknown", b"user",
];

pub(super) fn person_name(value: &[u8]) -> bool {
    let mut words = 0;
    for word in value.split(|&b| b == b' ').filter(|w| !w.is_empty()) {
        words += 1;
        let initial = word.len() == 2 && word[1] == b'.';
        if !initial && (word.len() < 2 || NOT_NAMES.iter().any(|stop| stop.eq_ignore_ascii_case(word))) {
            return false;
        }
        // All capitals is a code or an acronym (ACME, HR), not a name as written in a field.
        if !initial && word.iter().all(|b| !b.is_ascii_lowercase()) {
            return false;
        }
    }
    (2..=4).contains(&words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_name_accepts_two_or_three_words_and_initials() {
        assert!(person_name(b"Dana Whitfield"));
        assert!(person_name(b"John F. Kennedy"));
        assert!(person_name("Zoë Østergaard".as_bytes()));
        assert!(person_name(b"Siobhan O'Brien"));
    }

    #[test]
    fn person_name_rejects_organisations_systems_and_placeholders() {
        assert!(!person_name(b"Acme Corp"));
        assert!(!person_name(b"Build Server"));
        assert!(!person_name(b"Test User"));
        assert!(!person_name(b"The Beatles"));
        assert!(!person_name(b"ACME WIDGETS"));
        assert!(!person_name(b"Dana"));
        assert!(!person_name(b"Install Rust"));
    }
}
