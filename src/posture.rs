//! Bucket posture as data: public access block, default encryption, versioning, and whether the
//! bucket policy or ACL grants public or cross-account access, in the terms of Macie's bucket
//! inventory. Only the shape and the judgement of a policy live here (no network: the S3 source
//! fills these in with read-only calls), so that reports can carry it without knowing S3.
//! Invariant: a setting that could not be read is `None` with the reason in `errors`, never a
//! guess.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// What one bucket exposes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BucketPosture {
    pub bucket: String,
    /// The four Block Public Access settings of the bucket; None when none is configured.
    pub public_access_block: Option<PublicAccessBlock>,
    /// Default encryption: `AES256`, `aws:kms`, `aws:kms:dsse`, or None when not configured.
    pub default_encryption: Option<String>,
    pub kms_key: Option<String>,
    /// `Enabled`, `Suspended`, or `Disabled` (never enabled).
    pub versioning: Option<String>,
    /// The policy or the ACL grants access to anyone (or any AWS user).
    pub public: Option<bool>,
    /// Accounts and canonical users outside the bucket's owner that a policy or ACL lets in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared_with: Vec<String>,
    /// Why a setting above could not be read (per call), e.g. `GetBucketPolicy: AccessDenied`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicAccessBlock {
    pub block_public_acls: bool,
    pub ignore_public_acls: bool,
    pub block_public_policy: bool,
    pub restrict_public_buckets: bool,
}

impl PublicAccessBlock {
    pub fn all_on(&self) -> bool {
        self.block_public_acls && self.ignore_public_acls && self.block_public_policy && self.restrict_public_buckets
    }
}

/// What a report flags about a bucket that holds data: each a reason its data is more exposed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Exposure {
    /// The bucket policy or ACL lets anyone in (and Block Public Access does not stop it).
    Public,
    /// A policy or ACL lets another account or canonical user in.
    CrossAccount,
    /// No default encryption is configured.
    Unencrypted,
    /// Versioning was never enabled, or is suspended: an overwrite or delete loses the data.
    Unversioned,
}

impl Exposure {
    pub const ALL: [Exposure; 4] = [
        Exposure::Public,
        Exposure::CrossAccount,
        Exposure::Unencrypted,
        Exposure::Unversioned,
    ];

    /// The name reports use (`public`, `cross-account`, `unencrypted`, `unversioned`).
    pub fn as_str(self) -> &'static str {
        match self {
            Exposure::Public => "public",
            Exposure::CrossAccount => "cross-account",
            Exposure::Unencrypted => "unencrypted",
            Exposure::Unversioned => "unversioned",
        }
    }

    /// One sentence for people.
    pub fn describe(self) -> &'static str {
        match self {
            Exposure::Public => "the bucket policy or ACL grants access to anyone",
            Exposure::CrossAccount => "the bucket policy or ACL grants access to other accounts",
            Exposure::Unencrypted => "no default encryption is configured",
            Exposure::Unversioned => "versioning is not enabled: an overwrite or a delete loses the data",
        }
    }
}

impl BucketPosture {
    /// The exposures this posture shows, worst first. A setting that could not be read flags
    /// nothing (it is `unknown` in every report, with the reason in `errors`).
    pub fn exposures(&self) -> Vec<Exposure> {
        Exposure::ALL
            .into_iter()
            .filter(|e| match e {
                Exposure::Public => self.public == Some(true),
                Exposure::CrossAccount => !self.shared_with.is_empty(),
                Exposure::Unencrypted => self.default_encryption.is_none() && !self.failed("GetBucketEncryption"),
                Exposure::Unversioned => matches!(self.versioning.as_deref(), Some("Disabled" | "Suspended")),
            })
            .collect()
    }

    /// Whether the call `call` (e.g. `GetBucketEncryption`) failed, leaving its setting unknown.
    pub fn failed(&self, call: &str) -> bool {
        self.errors.iter().any(|e| e.starts_with(call))
    }

    /// `yes`, `no` or `unknown`.
    pub fn public_text(&self) -> &'static str {
        match self.public {
            Some(true) => "yes",
            Some(false) => "no",
            None => "unknown",
        }
    }

    /// The default encryption (`AES256`, `aws:kms`, ...), `none`, or `unknown`.
    pub fn encryption_text(&self) -> &str {
        match &self.default_encryption {
            Some(algorithm) => algorithm,
            None if self.failed("GetBucketEncryption") => "unknown",
            None => "none",
        }
    }

    /// `Enabled`, `Suspended`, `Disabled`, or `unknown`.
    pub fn versioning_text(&self) -> &str {
        self.versioning.as_deref().unwrap_or("unknown")
    }

    /// The four Block Public Access settings: `all` on, `partial`, `none`, or `unknown`.
    pub fn block_public_access_text(&self) -> &'static str {
        match &self.public_access_block {
            Some(b) if b.all_on() => "all",
            Some(_) => "partial",
            None if self.failed("GetPublicAccessBlock") => "unknown",
            None => "none",
        }
    }
}

/// The human table of `piiscan buckets`: one line per bucket, then the errors.
pub fn write_table(postures: &[BucketPosture], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<40} {:<8} {:<14} {:<10} {:<9} SHARED WITH",
        "BUCKET", "PUBLIC", "ENCRYPTION", "VERSIONING", "BLOCK-PA"
    )?;
    for p in postures {
        // Upper case where it matters, so that a public bucket stands out in a long list.
        let public = if p.public == Some(true) { "YES" } else { p.public_text() };
        let shared = if p.shared_with.is_empty() {
            "-".into()
        } else {
            p.shared_with.join(",")
        };
        writeln!(
            out,
            "{:<40} {public:<8} {:<14} {:<10} {:<9} {shared}",
            p.bucket,
            p.encryption_text(),
            p.versioning_text(),
            p.block_public_access_text(),
        )?;
    }
    for p in postures.iter().filter(|p| !p.errors.is_empty()) {
        writeln!(out, "{}: could not read {}", p.bucket, p.errors.join("; "))?;
    }
    Ok(())
}

/// What a bucket policy's `Allow` statements grant: to anyone, and to which accounts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicyGrants {
    /// An Allow to `*` (or `{"AWS": "*"}`) without a condition.
    pub public: bool,
    /// Account ids named in Allow principals (`arn:aws:iam::ID:…` or a bare 12-digit id).
    pub accounts: BTreeSet<String>,
}

/// Reads a bucket policy document. A policy that does not parse is an error, not "private".
pub fn policy_grants(document: &str) -> Result<PolicyGrants, String> {
    let policy: serde_json::Value =
        serde_json::from_str(document).map_err(|e| format!("the bucket policy is not JSON: {e}"))?;
    let statements = match &policy["Statement"] {
        serde_json::Value::Array(list) => list.clone(),
        one @ serde_json::Value::Object(_) => vec![one.clone()],
        _ => Vec::new(),
    };
    let mut grants = PolicyGrants::default();
    for statement in statements.iter().filter(|s| s["Effect"] == "Allow") {
        let conditioned = statement.get("Condition").is_some_and(|c| !c.is_null());
        let mut principals = Vec::new();
        match &statement["Principal"] {
            serde_json::Value::String(s) => principals.push(s.clone()),
            serde_json::Value::Object(map) => {
                for value in map.values() {
                    match value {
                        serde_json::Value::String(s) => principals.push(s.clone()),
                        serde_json::Value::Array(list) => {
                            principals.extend(list.iter().filter_map(|v| v.as_str().map(str::to_string)))
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        for principal in principals {
            if principal == "*" {
                grants.public |= !conditioned;
            } else if let Some(account) = account_of(&principal) {
                grants.accounts.insert(account);
            }
        }
    }
    Ok(grants)
}

/// The account id in `arn:aws:iam::123456789012:root` (or a bare id).
fn account_of(principal: &str) -> Option<String> {
    let candidate = match principal.strip_prefix("arn:") {
        Some(rest) => rest.split(':').nth(3)?,
        None => principal,
    };
    (candidate.len() == 12 && candidate.bytes().all(|b| b.is_ascii_digit())).then(|| candidate.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unconditioned_star_principal_is_public() {
        let doc = r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#;
        assert!(policy_grants(doc).unwrap().public);
        let doc = r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"s3:GetObject"}}"#;
        assert!(policy_grants(doc).unwrap().public);
    }

    #[test]
    fn a_conditioned_or_denied_star_is_not_public() {
        let doc = r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
            "Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1"}}},
            {"Effect":"Deny","Principal":"*","Action":"s3:*"}]}"#;
        assert!(!policy_grants(doc).unwrap().public);
    }

    #[test]
    fn account_principals_are_collected() {
        let doc = r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","444455556666"]},"Action":"s3:GetObject"}]}"#;
        let grants = policy_grants(doc).unwrap();
        assert_eq!(
            grants.accounts.into_iter().collect::<Vec<_>>(),
            ["111122223333", "444455556666"]
        );
    }

    #[test]
    fn exposures_flag_only_what_was_read() {
        let open = BucketPosture {
            bucket: "b".into(),
            versioning: Some("Suspended".into()),
            public: Some(true),
            shared_with: vec!["111122223333".into()],
            ..BucketPosture::default()
        };
        assert_eq!(open.exposures(), Exposure::ALL);
        let unreadable = BucketPosture {
            bucket: "b".into(),
            errors: vec!["GetBucketEncryption: AccessDenied".into()],
            ..BucketPosture::default()
        };
        assert!(unreadable.exposures().is_empty());
        assert_eq!(unreadable.encryption_text(), "unknown");
        assert_eq!(unreadable.versioning_text(), "unknown");
    }

    #[test]
    fn a_broken_policy_is_an_error() {
        assert!(policy_grants("{not json").is_err());
    }
}
