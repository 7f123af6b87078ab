//! Mexico's CURP (population registry key) and RFC (taxpayer registry): initials, a YYMMDD date, and
//! for the CURP sex, state and a mod-10 check digit, for the RFC a homoclave whose last character is
//! a mod-11 check. Rules as python-stdnum's `mx.curp` and `mx.rfc` (with the check digit required).
//! Invariant: only ASCII upper case is accepted (RFCs holding Ñ are not matched).

/// Initials that would spell a rude word: the registry replaces their second letter with X.
const RUDE_WORDS: &[&[u8; 4]] = &[
    b"BACA", b"BAKA", b"BUEI", b"BUEY", b"CACA", b"CACO", b"CAGA", b"CAGO", b"CAKA", b"CAKO", b"COGE", b"COGI",
    b"COJA", b"COJE", b"COJI", b"COJO", b"COLA", b"CULO", b"FALO", b"FETO", b"GETA", b"GUEI", b"GUEY", b"JETA",
    b"JOTO", b"KACA", b"KACO", b"KAGA", b"KAGO", b"KAKA", b"KAKO", b"KOGE", b"KOGI", b"KOJA", b"KOJE", b"KOJI",
    b"KOJO", b"KOLA", b"KULO", b"LILO", b"LOCA", b"LOCO", b"LOKA", b"LOKO", b"MAME", b"MAMO", b"MEAR", b"MEAS",
    b"MEON", b"MIAR", b"MION", b"MOCO", b"MOKO", b"MULA", b"MULO", b"NACA", b"NACO", b"PEDA", b"PEDO", b"PENE",
    b"PIPI", b"PITO", b"POPO", b"PUTA", b"PUTO", b"QULO", b"RATA", b"ROBA", b"ROBE", b"ROBO", b"RUIN", b"SENO",
    b"TETA", b"VACA", b"VAGA", b"VAGO", b"VAKA", b"VUEI", b"VUEY", b"WUEI", b"WUEY",
];

/// The RFC's shorter list (python-stdnum's `mx.rfc`).
const RFC_RUDE_WORDS: &[&[u8; 4]] = &[
    b"BUEI", b"BUEY", b"CACA", b"CACO", b"CAGA", b"CAGO", b"CAKA", b"CAKO", b"COGE", b"COJA", b"COJE", b"COJI",
    b"COJO", b"CULO", b"FETO", b"GUEY", b"JOTO", b"KACA", b"KACO", b"KAGA", b"KAGO", b"KAKA", b"KOGE", b"KOJO",
    b"KULO", b"MAME", b"MAMO", b"MEAR", b"MEAS", b"MEON", b"MION", b"MOCO", b"MULA", b"PEDA", b"PEDO", b"PENE",
    b"PUTA", b"PUTO", b"QULO", b"RATA", b"RUIN",
];

const STATES: &[&[u8; 2]] = &[
    b"AS", b"BC", b"BS", b"CC", b"CH", b"CL", b"CM", b"CS", b"DF", b"DG", b"GR", b"GT", b"HG", b"JC", b"MC", b"MN",
    b"MS", b"NE", b"NL", b"NT", b"OC", b"PL", b"QR", b"QT", b"SL", b"SP", b"SR", b"TC", b"TL", b"TS", b"VZ", b"YN",
    b"ZS",
];

/// The value of a character in the registries' check-digit alphabet (`0-9 A-N & O-Z`, then space).
fn alphabet_value(byte: u8) -> Option<u32> {
    match byte {
        b'0'..=b'9' => Some(u32::from(byte - b'0')),
        b'A'..=b'N' => Some(u32::from(byte - b'A') + 10),
        b'&' => Some(24),
        b'O'..=b'Z' => Some(u32::from(byte - b'O') + 25),
        b' ' => Some(37),
        _ => None,
    }
}

fn two_digits(pair: &[u8]) -> Option<u32> {
    match pair {
        [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => Some(u32::from(a - b'0') * 10 + u32::from(b - b'0')),
        _ => None,
    }
}

/// Whether YYMMDD is a real date in the given century.
fn real_yymmdd(date: &[u8], century: u32) -> bool {
    match (
        two_digits(&date[0..2]),
        two_digits(&date[2..4]),
        two_digits(&date[4..6]),
    ) {
        (Some(year), Some(month), Some(day)) => super::birth_date::real_date(century + year, month, day),
        _ => false,
    }
}

/// CURP: four letters, birth date, H/M, state, two consonants... (18 characters), check digit.
pub(super) fn mexico_curp(value: &[u8]) -> bool {
    let Ok(curp) = <&[u8; 18]>::try_from(value) else {
        return false;
    };
    let letters = |range: std::ops::Range<usize>| curp[range].iter().all(u8::is_ascii_uppercase);
    if !letters(0..4) || !letters(10..16) || !curp[4..10].iter().all(u8::is_ascii_digit) {
        return false;
    }
    if !(curp[16].is_ascii_digit() || curp[16].is_ascii_uppercase()) || !curp[17].is_ascii_digit() {
        return false;
    }
    if RUDE_WORDS.iter().any(|word| word[..] == curp[..4]) {
        return false;
    }
    // The character after the sequence is a digit for people born before 2000, a letter after.
    let century = if curp[16].is_ascii_digit() { 1900 } else { 2000 };
    if !real_yymmdd(&curp[4..10], century) || !matches!(curp[10], b'H' | b'M') {
        return false;
    }
    if !STATES.iter().any(|state| state[..] == curp[11..13]) {
        return false;
    }
    let mut sum = 0;
    for (i, &byte) in curp[..17].iter().enumerate() {
        let Some(value) = alphabet_value(byte) else {
            return false;
        };
        sum += value * (18 - i as u32);
    }
    u32::from(curp[17] - b'0') == (10 - sum % 10) % 10
}

/// RFC check: initials (`initials` letters), date, homoclave whose first two characters are 1-9/A-V
/// and 1-9/A-Z and whose last is the mod-11 check (0-9 or A).
fn rfc(value: &[u8], initials: usize) -> bool {
    if value.len() != initials + 9 {
        return false;
    }
    let (head, rest) = value.split_at(initials);
    let (date, homoclave) = rest.split_at(6);
    if !head.iter().all(|&b| b.is_ascii_uppercase() || b == b'&') || !date.iter().all(u8::is_ascii_digit) {
        return false;
    }
    if initials == 4 && RFC_RUDE_WORDS.iter().any(|word| word[..] == *head) {
        return false;
    }
    if !real_yymmdd(date, 2000) {
        return false;
    }
    let ok_first = matches!(homoclave[0], b'1'..=b'9' | b'A'..=b'V');
    let ok_second = matches!(homoclave[1], b'1'..=b'9' | b'A'..=b'Z');
    if !ok_first || !ok_second || !matches!(homoclave[2], b'0'..=b'9' | b'A') {
        return false;
    }
    // Company RFCs are 12 characters: the check counts them as if padded to 12 with a leading space.
    let mut sum = 0;
    let padded = std::iter::repeat_n(b' ', 13 - value.len()).chain(value[..value.len() - 1].iter().copied());
    for (i, byte) in padded.enumerate() {
        let Some(value) = alphabet_value(byte) else {
            return false;
        };
        sum += value * (13 - i as u32);
    }
    let expected = match (11 - sum % 11) % 11 {
        10 => b'A',
        digit => b'0' + digit as u8,
    };
    homoclave[2] == expected
}

/// RFC of a person: four letters, birth date, homoclave (13 characters).
pub(super) fn mexico_rfc_individual(value: &[u8]) -> bool {
    rfc(value, 4)
}

/// RFC of a company: three letters, incorporation date, homoclave (12 characters).
pub(super) fn mexico_rfc_organization(value: &[u8]) -> bool {
    rfc(value, 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mexico_curp_accepts_valid_keys() {
        assert!(mexico_curp(b"BOXW310820HNERXN09"));
        assert!(mexico_curp(b"GOCJ800101HDFNRN05"));
    }

    #[test]
    fn mexico_curp_rejects_bad_check_state_and_date() {
        assert!(!mexico_curp(b"BOXW310820HNERXN08"));
        assert!(!mexico_curp(b"BOXW310820HXXRXN09"));
        assert!(!mexico_curp(b"BOXW311320HNERXN09"));
    }

    #[test]
    fn mexico_rfc_checks_homoclave_digit() {
        assert!(mexico_rfc_individual(b"GODE561231GR8"));
        assert!(!mexico_rfc_individual(b"GODE561231GR9"));
        assert!(!mexico_rfc_individual(b"XAXX010101000"));
        assert!(mexico_rfc_organization(b"MAB9307148T4"));
        assert!(!mexico_rfc_organization(b"MAB9307148T5"));
        assert!(!mexico_rfc_organization(b"GODE561231GR8"));
    }
}
