//! Bech32 (BIP 173) checksums, used by age's X25519 secret keys (`AGE-SECRET-KEY-1` + 58 characters,
//! as age-encryption.org/v1 specifies: the human-readable part `age-secret-key-`, 52 data characters
//! for the 32-byte key and a 6-character checksum).
//! Invariant: a value passes only if its checksum verifies over the lowercased human-readable part and
//! data, and its padding bits are zero; nothing is allocated.

const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const GENERATOR: [u32; 5] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];

fn polymod_step(checksum: u32, value: u8) -> u32 {
    let top = checksum >> 25;
    let mut next = ((checksum & 0x01ff_ffff) << 5) ^ u32::from(value);
    for (bit, generator) in GENERATOR.iter().enumerate() {
        if (top >> bit) & 1 == 1 {
            next ^= generator;
        }
    }
    next
}

fn five_bits(byte: u8) -> Option<u8> {
    let lower = byte.to_ascii_lowercase();
    CHARSET.iter().position(|&c| c == lower).map(|p| p as u8)
}

/// Whether `value` is a Bech32 string (not Bech32m) whose data part has `data_len` characters,
/// checksum included. Mixed case is refused, as BIP 173 requires.
fn bech32_valid(value: &[u8], data_len: usize) -> bool {
    let has_upper = value.iter().any(u8::is_ascii_uppercase);
    let has_lower = value.iter().any(u8::is_ascii_lowercase);
    if has_upper && has_lower {
        return false;
    }
    let Some(separator) = value.iter().rposition(|&b| b == b'1') else {
        return false;
    };
    let (hrp, data) = (&value[..separator], &value[separator + 1..]);
    if hrp.is_empty() || data.len() != data_len || !hrp.iter().all(|b| (33..=126).contains(b)) {
        return false;
    }
    let mut checksum = 1u32;
    for &b in hrp {
        checksum = polymod_step(checksum, b.to_ascii_lowercase() >> 5);
    }
    checksum = polymod_step(checksum, 0);
    for &b in hrp {
        checksum = polymod_step(checksum, b.to_ascii_lowercase() & 31);
    }
    for &b in data {
        match five_bits(b) {
            Some(v) => checksum = polymod_step(checksum, v),
            None => return false,
        }
    }
    checksum == 1
}

/// 32 bytes are 256 bits: 51 full 5-bit groups and one group holding a single bit, so the last data
/// character before the checksum must have its four low bits clear.
pub(super) fn age_secret_key(value: &[u8]) -> bool {
    const DATA: usize = 52;
    value.len() == 16 + DATA + 6
        && value[..16].eq_ignore_ascii_case(b"AGE-SECRET-KEY-1")
        && bech32_valid(value, DATA + 6)
        && five_bits(value[16 + DATA - 1]).is_some_and(|last| last & 0b01111 == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// BIP 173's own valid test vectors.
    #[test]
    fn bech32_accepts_bip173_vectors() {
        assert!(bech32_valid(b"A12UEL5L", 6));
        assert!(bech32_valid(b"a12uel5l", 6));
        assert!(bech32_valid(b"abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw", 38));
    }

    #[test]
    fn bech32_rejects_changed_character_and_mixed_case() {
        assert!(!bech32_valid(b"a12uel5m", 6));
        assert!(!bech32_valid(b"A12uEL5L", 6));
        assert!(!bech32_valid(b"a1b2uel5l", 6));
    }

    /// Builds an age identity from 32 key bytes, encoding as BIP 173 describes.
    fn encode_age(key: &[u8; 32]) -> Vec<u8> {
        let mut groups = Vec::new();
        let (mut accumulator, mut bits) = (0u32, 0);
        for &byte in key {
            accumulator = (accumulator << 8) | u32::from(byte);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                groups.push(((accumulator >> bits) & 31) as u8);
            }
        }
        groups.push(((accumulator << (5 - bits)) & 31) as u8);
        let hrp = b"age-secret-key-";
        let mut checksum = 1u32;
        for &b in hrp {
            checksum = polymod_step(checksum, b >> 5);
        }
        checksum = polymod_step(checksum, 0);
        for &b in hrp {
            checksum = polymod_step(checksum, b & 31);
        }
        for &g in &groups {
            checksum = polymod_step(checksum, g);
        }
        for _ in 0..6 {
            checksum = polymod_step(checksum, 0);
        }
        checksum ^= 1;
        let mut out = b"AGE-SECRET-KEY-1".to_vec();
        out.extend(groups.iter().map(|&g| CHARSET[usize::from(g)].to_ascii_uppercase()));
        out.extend((0..6).map(|i| CHARSET[((checksum >> (5 * (5 - i))) & 31) as usize].to_ascii_uppercase()));
        out
    }

    #[test]
    fn age_secret_key_accepts_encoded_keys() {
        for seed in 0u8..20 {
            let key: [u8; 32] = std::array::from_fn(|i| (i as u8).wrapping_mul(31).wrapping_add(seed.wrapping_mul(7)));
            let encoded = encode_age(&key);
            assert!(age_secret_key(&encoded), "{}", String::from_utf8_lossy(&encoded));
        }
    }

    #[test]
    fn age_secret_key_rejects_changed_character_and_length() {
        let mut encoded = encode_age(&[7u8; 32]);
        let position = 30;
        encoded[position] = if encoded[position] == b'Q' { b'P' } else { b'Q' };
        assert!(!age_secret_key(&encoded));
        let short = &encode_age(&[7u8; 32])[..73];
        assert!(!age_secret_key(short));
        assert!(!age_secret_key(
            b"AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ"
        ));
    }
}
