//! Generic key material judged by its characters alone: AWS secret access keys and high-entropy
//! strings. There is no checksum, so these only rule out what is clearly not random (words, hex
//! digests, filler).
//! Invariant: the verdict depends only on which characters occur and how often, never on position.

pub(super) fn aws_secret_key(value: &[u8]) -> bool {
    let alphabet_ok = value
        .iter()
        .all(|&byte| byte.is_ascii_alphanumeric() || byte == b'/' || byte == b'+');
    // 40 random base64 characters nearly always mix all three classes; hex digests (no upper case),
    // identifiers made of words and one repeated character do not.
    value.len() == 40
        && alphabet_ok
        && value.iter().any(u8::is_ascii_digit)
        && value.iter().any(u8::is_ascii_uppercase)
        && value.iter().any(u8::is_ascii_lowercase)
}

/// Shannon entropy threshold in bits per character; English words and repeated filler sit below it.
const MIN_BITS_PER_CHAR: f64 = 3.0;

pub(super) fn high_entropy(value: &[u8]) -> bool {
    value.len() >= 8 && shannon_entropy(value) >= MIN_BITS_PER_CHAR
}

fn shannon_entropy(value: &[u8]) -> f64 {
    let mut counts = [0u32; 256];
    for &byte in value {
        counts[usize::from(byte)] += 1;
    }
    let len = value.len() as f64;
    counts
        .iter()
        .filter(|&&count| count > 0)
        .map(|&count| {
            let probability = f64::from(count) / len;
            -probability * probability.log2()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_secret_key_accepts_key_shaped_value() {
        // AWS's documentation example: right shape; skipping it is the allow list's job, not this check's.
        assert!(aws_secret_key(b"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    }

    #[test]
    fn aws_secret_key_rejects_wrong_length() {
        assert!(!aws_secret_key(b"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE"));
        assert!(!aws_secret_key(b"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYY"));
    }

    #[test]
    fn aws_secret_key_rejects_hex_digest() {
        assert!(!aws_secret_key(b"da39a3ee5e6b4b0d3255bfef95601890afd80709"));
    }

    #[test]
    fn aws_secret_key_rejects_missing_character_class() {
        assert!(!aws_secret_key(b"ThisIsJustAVeryLongIdentifierNameForTest"));
        assert!(!aws_secret_key(&[b'A'; 40]));
    }

    #[test]
    fn aws_secret_key_rejects_other_characters() {
        assert!(!aws_secret_key(b"wJalrXUtnFEMI_K7MDENG-bPxRfiCYEXAMPLEKEY"));
    }

    #[test]
    fn high_entropy_accepts_random_string() {
        assert!(high_entropy(b"q8Zr2LxV0pT7mWbN"));
    }

    #[test]
    fn high_entropy_rejects_repetitive_or_short_values() {
        assert!(!high_entropy(b"aaaaaaaaaaaaaaaa"));
        assert!(!high_entropy(b"passwordpassword"));
        assert!(!high_entropy(b"aZ3$kq9"));
    }

    #[test]
    fn shannon_entropy_of_eight_distinct_bytes_is_three_bits() {
        assert!((shannon_entropy(b"abcdefgh") - 3.0).abs() < 1e-12);
        assert!(high_entropy(b"abcdefgh"));
    }
}
