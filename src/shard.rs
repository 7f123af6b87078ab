//! `--shard K/N`: which objects one of N workers scans. An object belongs to shard
//! `u64::from_be_bytes(SHA-256(name)[0..8]) mod N`, where `name` is the object's name as reports
//! show it (a path as found, or an S3 key's URL), in UTF-8. Invariant: the choice depends on the
//! name alone (not on listing order, time, platform or piiscan's version), so every object falls in
//! exactly one shard and the N shard reports together hold every object exactly once.
//!
//! K counts from 0 (0 ≤ K < N), so that Kubernetes' `JOB_COMPLETION_INDEX` and AWS Batch's
//! `AWS_BATCH_JOB_ARRAY_INDEX` can be passed as they are.

use std::fmt;
use std::str::FromStr;

use sha2::{Digest, Sha256};

/// One worker's part of the objects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// This worker's index, from 0.
    pub index: u64,
    /// How many workers share the objects.
    pub count: u64,
}

impl Shard {
    /// Whether the object named `name` is this worker's.
    pub fn owns(&self, name: &str) -> bool {
        shard_of(name, self.count) == self.index
    }
}

/// The shard (0..count) the object named `name` belongs to.
pub fn shard_of(name: &str, count: u64) -> u64 {
    let digest = Sha256::digest(name.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first) % count.max(1)
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Shard, String> {
        let usage = || format!("--shard wants K/N with 0 ≤ K < N (e.g. 0/4, from JOB_COMPLETION_INDEX), not {text:?}");
        let (k, n) = text.split_once('/').ok_or_else(usage)?;
        let index: u64 = k.trim().parse().map_err(|_| usage())?;
        let count: u64 = n.trim().parse().map_err(|_| usage())?;
        if count == 0 || index >= count {
            return Err(usage());
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_parses_zero_based_index_and_count() {
        assert_eq!("3/16".parse::<Shard>(), Ok(Shard { index: 3, count: 16 }));
        assert_eq!("0/1".parse::<Shard>(), Ok(Shard { index: 0, count: 1 }));
    }

    #[test]
    fn shard_rejects_index_out_of_range_and_junk() {
        for bad in ["16/16", "1/0", "3", "a/4", "-1/4", "1/4/2", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn shard_of_is_the_documented_hash() {
        // SHA-256("a") begins ca978112ca1bbdca.
        assert_eq!(shard_of("a", 1 << 63), 0xca97_8112_ca1b_bdca % (1 << 63));
        assert_eq!(shard_of("a", 7), 0xca97_8112_ca1b_bdca_u64 % 7);
    }

    #[test]
    fn every_name_falls_in_exactly_one_shard() {
        let names: Vec<String> = (0..500).map(|i| format!("logs/2026/{i}.log")).collect();
        let shards: Vec<Shard> = (0..5).map(|index| Shard { index, count: 5 }).collect();
        for name in &names {
            assert_eq!(shards.iter().filter(|s| s.owns(name)).count(), 1, "{name}");
        }
        // Spread: no shard gets less than half its share of 500 names.
        for s in &shards {
            assert!(names.iter().filter(|n| s.owns(n)).count() > 50, "{s}");
        }
    }
}
