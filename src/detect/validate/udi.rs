//! Medical device Unique Device Identifiers (FDA UDI) in two of the three issuing agencies'
//! human-readable forms. Invariant: GS1: `(01)` and a GTIN-14 whose last digit is the GS1 mod-10
//! check, and any `(11)`/`(17)` date AI holds a real month and day; HIBCC: `+`, a labeler code
//! starting with a letter, product and unit-of-measure characters, and a last character equal to
//! the mod-43 sum of all the others (the `+` included).

/// The HIBCC (Code 39) character values, in order: 0-9, A-Z, then `- . space $ / + %`.
const MOD43: &[u8; 43] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%";

pub(super) fn udi(value: &[u8]) -> bool {
    if let Some(rest) = value.strip_prefix(b"(01)") {
        gs1_udi(rest)
    } else if value.first() == Some(&b'+') {
        hibcc_udi(value)
    } else {
        false
    }
}

/// GTIN check: from the right, digits weigh 3, 1, 3, ...; the check digit completes a multiple of 10.
fn gtin_valid(gtin: &[u8]) -> bool {
    let Some((&check, body)) = gtin.split_last() else {
        return false;
    };
    if !gtin.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &b)| u32::from(b - b'0') * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    (10 - sum % 10) % 10 == u32::from(check - b'0')
}

fn gs1_udi(rest: &[u8]) -> bool {
    let Some((gtin, mut rest)) = rest.split_at_checked(14) else {
        return false;
    };
    if !gtin_valid(gtin) || gtin.iter().all(|&b| b == b'0') {
        return false;
    }
    // The production identifiers that follow, each `(AI)value`; only the dates can be checked.
    while let Some(after) = rest.strip_prefix(b"(") {
        let Some((ai, data)) = after.split_at_checked(3) else {
            return false;
        };
        let end = data.iter().position(|&b| b == b'(').unwrap_or(data.len());
        let (field, next) = data.split_at(end);
        let ok = match ai {
            b"11)" | b"17)" => gs1_date(field),
            b"10)" | b"21)" => (1..=20).contains(&field.len()),
            _ => false,
        };
        if !ok {
            return false;
        }
        rest = next;
    }
    rest.is_empty()
}

/// YYMMDD with month 01-12 and day 00-31 (GS1 allows day 00 for "end of month").
fn gs1_date(field: &[u8]) -> bool {
    let [_, _, m1, m2, d1, d2] = field else {
        return false;
    };
    if !field.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let month = (m1 - b'0') * 10 + (m2 - b'0');
    let day = (d1 - b'0') * 10 + (d2 - b'0');
    (1..=12).contains(&month) && day <= 31
}

fn hibcc_udi(value: &[u8]) -> bool {
    let Some((&check, body)) = value.split_last() else {
        return false;
    };
    // `+`, four labeler characters, at least one product character and the unit of measure.
    if body.len() < 7 || !body[1].is_ascii_uppercase() {
        return false;
    }
    let mut sum = 0usize;
    for byte in body {
        let Some(position) = MOD43.iter().position(|c| c == byte) else {
            return false;
        };
        sum += position;
    }
    MOD43[sum % 43] == check
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gs1_udi_checks_gtin_and_dates() {
        assert!(udi(b"(01)00884838025110"));
        assert!(udi(b"(01)00884838025110(17)261231(10)A213B1"));
        assert!(udi(b"(01)10884521062856(11)240315(17)290314(10)LOT77(21)SN0042"));
        assert!(!udi(b"(01)00884838025111"));
        assert!(!udi(b"(01)00884838025110(17)261331"));
        assert!(!udi(b"(01)0088483802511"));
    }

    #[test]
    fn hibcc_udi_checks_mod_43() {
        // + H 1 2 3 P R O D 1 0 sums to 41+17+1+2+3+25+27+24+13+1+0 = 154 = 3·43 + 25: check P.
        assert!(udi(b"+H123PROD10P"));
        assert!(udi(b"+A123BJC5D6E71G"));
        assert!(!udi(b"+H123PROD10Q"));
        assert!(!udi(b"+1123PROD10P"));
    }

    #[test]
    fn udi_refuses_other_shapes() {
        assert!(!udi(b"00884838025110"));
        assert!(!udi(b"+H12"));
        assert!(!udi(b""));
    }
}
