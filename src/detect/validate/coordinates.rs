//! GPS coordinates as a decimal-degree pair (41.948614,-87.655311): latitude within ±90, longitude
//! within ±180, each with at least four decimals (about 11 m, a position rather than a rounded
//! figure), and not the null island 0,0.
//! Invariant: numbers are accumulated in integers from the bytes; nothing allocates.

/// One signed decimal number: (value in millionths of a degree truncated, decimals), or None.
fn decimal(text: &[u8]) -> Option<(i64, usize)> {
    let (negative, body) = match text.split_first()? {
        (b'-', rest) => (true, rest),
        (b'+', rest) => (false, rest),
        _ => (false, text),
    };
    let dot = body.iter().position(|&b| b == b'.')?;
    let (whole, fraction) = (&body[..dot], &body[dot + 1..]);
    if whole.is_empty() || whole.len() > 3 || fraction.is_empty() || fraction.len() > 15 {
        return None;
    }
    if !whole.iter().chain(fraction).all(u8::is_ascii_digit) {
        return None;
    }
    let mut micro = whole.iter().fold(0i64, |n, &d| n * 10 + i64::from(d - b'0'));
    for position in 0..6 {
        micro = micro * 10 + fraction.get(position).map_or(0, |&d| i64::from(d - b'0'));
    }
    let rest_nonzero = fraction.iter().skip(6).any(|&d| d != b'0');
    // A value just over the limit (90.0000001) must not truncate to exactly the limit.
    let micro = micro + i64::from(rest_nonzero);
    Some((if negative { -micro } else { micro }, fraction.len()))
}

pub(super) fn latitude_longitude(value: &[u8]) -> bool {
    let Some(comma) = value.iter().position(|&b| b == b',' || b == b' ') else {
        return false;
    };
    let (first, second) = value.split_at(comma);
    let second = match second.iter().position(|&b| b != b' ' && b != b',') {
        Some(at) => &second[at..],
        None => return false,
    };
    let (Some((latitude, lat_decimals)), Some((longitude, long_decimals))) = (decimal(first), decimal(second)) else {
        return false;
    };
    lat_decimals >= 4
        && long_decimals >= 4
        && latitude.abs() <= 90_000_000
        && longitude.abs() <= 180_000_000
        && (latitude, longitude) != (0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_accept_macies_example_and_spaced_pairs() {
        assert!(latitude_longitude(b"41.948614,-87.655311"));
        assert!(latitude_longitude(b"-33.8688, 151.2093"));
        assert!(latitude_longitude(b"51.5074 -0.1278"));
    }

    #[test]
    fn coordinates_reject_out_of_range_values() {
        assert!(!latitude_longitude(b"91.0000,10.0000"));
        assert!(!latitude_longitude(b"90.0000001,10.0000"));
        assert!(!latitude_longitude(b"45.0000,180.0001"));
        assert!(latitude_longitude(b"-90.0000,-180.0000"));
    }

    #[test]
    fn coordinates_need_four_decimals_each() {
        assert!(!latitude_longitude(b"41.948,-87.655311"));
        assert!(!latitude_longitude(b"41.948614,-87.65"));
        assert!(!latitude_longitude(b"41,-87"));
    }

    #[test]
    fn coordinates_reject_null_island_and_garbage() {
        assert!(!latitude_longitude(b"0.0000,0.0000"));
        assert!(!latitude_longitude(b"4a.9486,-87.6553"));
        assert!(!latitude_longitude(b""));
    }
}
