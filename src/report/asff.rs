//! AWS Security Finding Format, shaped like Amazon Macie's sensitive-data findings: one finding
//! per object with findings (Macie's unit), `Types` from the categories present
//! (`Sensitive Data Identifications/PII`, `/Financial`, `/Passwords`), the object as the resource
//! (`AwsS3Bucket` + `AwsS3Object` for `s3://` names, `Other` for local files) with Macie's
//! `DataClassification` block: per data type a count and up to 15 occurrences (line and column).
//!
//! Output: one line per batch of at most 100 findings (BatchImportFindings' limit), each line a
//! JSON array ready for `aws securityhub batch-import-findings --findings file://…`.
//! Invariant: no value, masked or not, is ever written: Security Hub findings are widely shared.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::classify::{Level, ScannedObject, Summary};
use crate::detect::catalog::Category;
use crate::posture::BucketPosture;
use crate::report::{FormatOptions, Report, Sink, posture_of, sort_for_report};

/// Findings per BatchImportFindings request.
pub const BATCH: usize = 100;
/// Occurrences located per data type, as Macie's findings do.
pub const OCCURRENCES: usize = 15;

/// Where the findings belong in AWS.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AsffOptions {
    /// The 12-digit account the findings are imported into; `000000000000` (with a warning)
    /// when not given, since BatchImportFindings requires the caller's own account.
    pub account_id: Option<String>,
    /// Region of the findings and resources (default `us-east-1`).
    pub region: Option<String>,
    /// Default: the account's own custom-findings product,
    /// `arn:<partition>:securityhub:<region>:<account>:product/<account>/default`.
    pub product_arn: Option<String>,
    /// Default `piiscan`.
    pub generator_id: Option<String>,
}

impl AsffOptions {
    fn account(&self) -> &str {
        self.account_id.as_deref().unwrap_or("000000000000")
    }

    fn region(&self) -> &str {
        self.region.as_deref().unwrap_or("us-east-1")
    }

    fn partition(&self) -> &'static str {
        let region = self.region();
        if region.starts_with("cn-") {
            "aws-cn"
        } else if region.starts_with("us-gov-") {
            "aws-us-gov"
        } else {
            "aws"
        }
    }

    fn product_arn(&self) -> String {
        match &self.product_arn {
            Some(arn) => arn.clone(),
            None => format!(
                "arn:{}:securityhub:{}:{account}:product/{account}/default",
                self.partition(),
                self.region(),
                account = self.account()
            ),
        }
    }
}

pub struct Asff {
    sink: Sink,
    formats: FormatOptions,
    objects: Vec<ScannedObject>,
}

impl Asff {
    pub fn new(sink: Sink, formats: FormatOptions) -> Asff {
        Asff {
            sink,
            formats,
            objects: Vec::new(),
        }
    }
}

impl Report for Asff {
    fn object(&mut self, object: &ScannedObject) -> io::Result<()> {
        if !object.findings.is_empty() {
            self.objects.push(object.clone());
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, summary: &Summary) -> io::Result<()> {
        sort_for_report(&mut self.objects);
        let options = &self.formats.asff;
        if options.account_id.is_none() && !self.objects.is_empty() {
            eprintln!(
                "piiscan: warning: ASFF findings use the placeholder account 000000000000; \
                 give --aws-account-id (Security Hub imports only the caller's own account)"
            );
        }
        let now = humantime::format_rfc3339_millis(std::time::SystemTime::now()).to_string();
        let findings: Vec<AsffFinding> = self
            .objects
            .iter()
            .map(|o| finding(o, options, &self.formats, summary, &now))
            .collect();
        let batches = findings.len().div_ceil(BATCH);
        if batches > 1 {
            eprintln!(
                "piiscan: note: {} ASFF findings in {batches} batches of at most {BATCH}, one JSON array a line; \
                 import each line separately (docs/asff.md)",
                findings.len()
            );
        }
        for batch in findings.chunks(BATCH) {
            serde_json::to_writer(&mut self.sink, batch)?;
            self.sink.write_all(b"\n")?;
        }
        self.sink.commit()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AsffFinding {
    schema_version: &'static str,
    id: String,
    product_arn: String,
    product_name: &'static str,
    company_name: &'static str,
    region: String,
    generator_id: String,
    aws_account_id: String,
    types: Vec<&'static str>,
    created_at: String,
    updated_at: String,
    severity: AsffSeverity,
    title: String,
    description: String,
    product_fields: BTreeMap<String, String>,
    resources: Vec<Resource>,
    record_state: &'static str,
    workflow: Workflow,
    finding_provider_fields: FindingProviderFields,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AsffSeverity {
    label: &'static str,
    normalized: u8,
    original: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ProviderSeverity {
    label: &'static str,
    original: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct FindingProviderFields {
    severity: ProviderSeverity,
    types: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Workflow {
    status: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Resource {
    #[serde(rename = "Type")]
    kind: &'static str,
    id: String,
    partition: &'static str,
    region: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<Details>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_classification: Option<DataClassification>,
}

#[derive(Serialize, Default)]
#[serde(rename_all = "PascalCase")]
struct Details {
    #[serde(skip_serializing_if = "Option::is_none")]
    other: Option<BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    aws_s3_bucket: Option<S3BucketDetails>,
}

/// The posture settings `AwsS3BucketDetails` has fields for; a setting that could not be read is
/// left out rather than guessed.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct S3BucketDetails {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    public_access_block_configuration: Option<PublicAccessBlockConfiguration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    server_side_encryption_configuration: Option<EncryptionConfiguration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bucket_versioning_configuration: Option<VersioningConfiguration>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct PublicAccessBlockConfiguration {
    block_public_acls: bool,
    block_public_policy: bool,
    ignore_public_acls: bool,
    restrict_public_buckets: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct EncryptionConfiguration {
    rules: Vec<EncryptionRule>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct EncryptionRule {
    apply_server_side_encryption_by_default: EncryptionByDefault,
}

#[derive(Serialize)]
struct EncryptionByDefault {
    #[serde(rename = "SSEAlgorithm")]
    sse_algorithm: String,
    #[serde(rename = "KMSMasterKeyID", skip_serializing_if = "Option::is_none")]
    kms_master_key_id: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct VersioningConfiguration {
    status: String,
}

fn bucket_details(p: &BucketPosture) -> S3BucketDetails {
    let block = match &p.public_access_block {
        Some(b) => Some(PublicAccessBlockConfiguration {
            block_public_acls: b.block_public_acls,
            block_public_policy: b.block_public_policy,
            ignore_public_acls: b.ignore_public_acls,
            restrict_public_buckets: b.restrict_public_buckets,
        }),
        // Not configured: every setting is off.
        None if !p.failed("GetPublicAccessBlock") => Some(PublicAccessBlockConfiguration {
            block_public_acls: false,
            block_public_policy: false,
            ignore_public_acls: false,
            restrict_public_buckets: false,
        }),
        None => None,
    };
    S3BucketDetails {
        name: p.bucket.clone(),
        public_access_block_configuration: block,
        server_side_encryption_configuration: p.default_encryption.as_ref().map(|algorithm| EncryptionConfiguration {
            rules: vec![EncryptionRule {
                apply_server_side_encryption_by_default: EncryptionByDefault {
                    sse_algorithm: algorithm.clone(),
                    kms_master_key_id: p.kms_key.clone(),
                },
            }],
        }),
        // ASFF knows `Enabled` and `Suspended`; a bucket never versioned has no configuration.
        bucket_versioning_configuration: p
            .versioning
            .as_ref()
            .filter(|v| v.as_str() != "Disabled")
            .map(|status| VersioningConfiguration { status: status.clone() }),
    }
}

/// What a finding says about the rollups its object is in and its bucket's posture, as
/// `ProductFields` (ASFF has no field for a sensitivity score of a bucket or prefix, nor for
/// public or cross-account access).
fn rollup_fields(object: &ScannedObject, summary: &Summary, fields: &mut BTreeMap<String, String>) {
    if let Some(rollup) = summary.rollups.iter().find(|r| r.target == object.target) {
        fields.insert("piiscan/target_score".into(), rollup.score.to_string());
        fields.insert("piiscan/target_level".into(), rollup.level.as_str().into());
        if let Some(prefix) = rollup.prefixes.iter().find(|p| object.object.starts_with(&p.target)) {
            fields.insert("piiscan/prefix".into(), truncate(prefix.target.clone(), 2048));
            fields.insert("piiscan/prefix_score".into(), prefix.score.to_string());
            fields.insert("piiscan/prefix_level".into(), prefix.level.as_str().into());
        }
    }
    if let Some(p) = posture_of(summary, &object.object) {
        let exposures: Vec<&str> = p.exposures().iter().map(|e| e.as_str()).collect();
        fields.insert(
            "piiscan/bucket_exposures".into(),
            if exposures.is_empty() {
                "none".into()
            } else {
                exposures.join(" ")
            },
        );
        fields.insert("piiscan/bucket_public".into(), p.public_text().into());
        if !p.shared_with.is_empty() {
            fields.insert(
                "piiscan/bucket_shared_with".into(),
                truncate(p.shared_with.join(" "), 2048),
            );
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DataClassification {
    result: ClassificationResult,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ClassificationResult {
    mime_type: &'static str,
    size_classified: u64,
    additional_occurrences: bool,
    status: Status,
    sensitive_data: Vec<SensitiveData>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Status {
    code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct SensitiveData {
    category: &'static str,
    detections: Vec<Detection>,
    total_count: u64,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Detection {
    count: u64,
    #[serde(rename = "Type")]
    kind: String,
    occurrences: Occurrences,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Occurrences {
    line_ranges: Vec<Range>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Range {
    start: u64,
    end: u64,
    start_column: u64,
}

/// The ASFF type of a category, as Macie maps its finding types.
pub fn asff_type(category: Category) -> &'static str {
    match category {
        Category::Credentials => "Sensitive Data Identifications/Passwords",
        Category::Financial => "Sensitive Data Identifications/Financial",
        Category::Personal => "Sensitive Data Identifications/PII",
    }
}

/// Macie's names for the categories in `DataClassification`.
fn macie_category(category: Category) -> &'static str {
    match category {
        Category::Credentials => "CREDENTIALS",
        Category::Financial => "FINANCIAL_INFORMATION",
        Category::Personal => "PERSONAL_INFORMATION",
    }
}

/// Label and normalized score: the object's level, and its 0-100 sensitivity score kept inside
/// the label's band of the normalized scale (LOW 1-39, MEDIUM 40-69, HIGH 70-89), so that the
/// two never disagree.
fn severity(object: &ScannedObject) -> AsffSeverity {
    let score = object.sensitivity.score;
    let (label, original, low, high) = match object.sensitivity.level {
        Level::High => ("HIGH", "High", 70, 89),
        Level::Medium => ("MEDIUM", "Medium", 40, 69),
        Level::Low => ("LOW", "Low", 1, 39),
        Level::None => ("INFORMATIONAL", "None", 0, 0),
    };
    AsffSeverity {
        label,
        normalized: score.clamp(low, high),
        original,
    }
}

/// A stable id per object, so that importing a later scan of the same object updates its finding
/// instead of adding another.
fn finding_id(object: &str) -> String {
    format!("piiscan/{}", hex::encode(Sha256::digest(object.as_bytes())))
}

fn truncate(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        return text;
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: Vec<&str>) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.concat(),
    }
}

fn finding(
    object: &ScannedObject,
    options: &super::AsffOptions,
    formats: &FormatOptions,
    summary: &Summary,
    now: &str,
) -> AsffFinding {
    let categories: BTreeSet<Category> = object.findings.iter().map(|f| f.category).collect();
    let types: Vec<&'static str> = categories.iter().map(|c| asff_type(*c)).collect();
    let detectors: Vec<String> = object
        .findings_by_detector
        .iter()
        .map(|(id, n)| format!("{} ({n})", formats.detector_name(id)))
        .collect();
    let severity = severity(object);
    let title = truncate(
        format!(
            "{} contains {} occurrence{} of sensitive data",
            object.object,
            object.finding_count,
            if object.finding_count == 1 { "" } else { "s" }
        ),
        256,
    );
    let description = truncate(
        format!(
            "piiscan found {} data in {}: {}. Sensitivity score {} ({}).",
            and_list(categories.iter().map(|c| c.as_str()).collect()),
            object.object,
            detectors.join(", "),
            object.sensitivity.score,
            object.sensitivity.level.as_str()
        ),
        1024,
    );
    let mut product_fields = BTreeMap::new();
    product_fields.insert("piiscan/object".to_string(), truncate(object.object.clone(), 2048));
    product_fields.insert("piiscan/target".to_string(), truncate(object.target.clone(), 2048));
    product_fields.insert("piiscan/score".to_string(), object.sensitivity.score.to_string());
    product_fields.insert("piiscan/findings".to_string(), object.finding_count.to_string());
    product_fields.insert(
        "piiscan/detectors".to_string(),
        truncate(
            object
                .findings_by_detector
                .keys()
                .cloned()
                .collect::<Vec<_>>()
                .join(","),
            2048,
        ),
    );
    let test_values = object.findings.iter().filter(|f| f.test_value).count();
    if test_values > 0 {
        product_fields.insert("piiscan/test_values".to_string(), test_values.to_string());
    }
    rollup_fields(object, summary, &mut product_fields);
    AsffFinding {
        schema_version: "2018-10-08",
        id: finding_id(&object.object),
        product_arn: options.product_arn(),
        product_name: "piiscan",
        company_name: "piiscan",
        region: options.region().to_string(),
        generator_id: options.generator_id.clone().unwrap_or_else(|| "piiscan".to_string()),
        aws_account_id: options.account().to_string(),
        types: types.clone(),
        created_at: now.to_string(),
        updated_at: now.to_string(),
        finding_provider_fields: FindingProviderFields {
            severity: ProviderSeverity {
                label: severity.label,
                original: severity.original,
            },
            types,
        },
        severity,
        title,
        description,
        product_fields,
        resources: resources(object, options, posture_of(summary, &object.object)),
        record_state: "ACTIVE",
        workflow: Workflow { status: "NEW" },
    }
}

fn resources(object: &ScannedObject, options: &super::AsffOptions, posture: Option<&BucketPosture>) -> Vec<Resource> {
    let partition = options.partition();
    let region = options.region().to_string();
    let classification = Some(data_classification(object));
    if let Some((bucket, key)) = object
        .object
        .strip_prefix("s3://")
        .and_then(|rest| rest.split_once('/'))
    {
        return vec![
            Resource {
                kind: "AwsS3Bucket",
                id: format!("arn:{partition}:s3:::{bucket}"),
                partition,
                region: region.clone(),
                details: posture.map(|p| Details {
                    aws_s3_bucket: Some(bucket_details(p)),
                    ..Details::default()
                }),
                data_classification: None,
            },
            Resource {
                kind: "AwsS3Object",
                id: format!("arn:{partition}:s3:::{bucket}/{key}"),
                partition,
                region,
                details: None,
                data_classification: classification,
            },
        ];
    }
    let mut other = BTreeMap::new();
    other.insert("path".to_string(), truncate(object.object.clone(), 1024));
    other.insert("target".to_string(), truncate(object.target.clone(), 1024));
    other.insert("format".to_string(), object.format.clone());
    vec![Resource {
        kind: "Other",
        id: truncate(object.object.clone(), 512),
        partition,
        region,
        details: Some(Details {
            other: Some(other),
            ..Details::default()
        }),
        data_classification: classification,
    }]
}

/// Listed findings of one category and Macie data type: their count, first occurrences and the
/// detectors that produced them.
type Group<'a> = (u64, Vec<Range>, BTreeSet<&'a str>);

fn data_classification(object: &ScannedObject) -> DataClassification {
    // Group the listed findings by category and Macie data type (an IBAN detector reports
    // per-country Macie types), keeping each group's first occurrences.
    let mut groups: BTreeMap<(Category, String), Group> = BTreeMap::new();
    for f in &object.findings {
        let kind = f.macie_id.clone().unwrap_or_else(|| f.detector.clone());
        let group = groups.entry((f.category, kind)).or_default();
        group.0 += 1;
        group.2.insert(&f.detector);
        if group.1.len() < OCCURRENCES {
            group.1.push(Range {
                start: f.location.line,
                end: f.location.line,
                start_column: f.location.column,
            });
        }
    }
    // A detector whose findings all share one type gets its full count, including findings
    // beyond the per-object listing limit.
    let mut types_per_detector: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, _, detectors) in groups.values() {
        for d in detectors {
            *types_per_detector.entry(*d).or_default() += 1;
        }
    }
    let mut additional = false;
    let mut by_category: BTreeMap<Category, Vec<Detection>> = BTreeMap::new();
    for ((category, kind), (listed, ranges, detectors)) in groups {
        let count = match detectors.iter().next() {
            Some(d) if detectors.len() == 1 && types_per_detector[d] == 1 => {
                object.findings_by_detector.get(*d).copied().unwrap_or(listed)
            }
            _ => listed,
        };
        additional |= count > ranges.len() as u64;
        by_category.entry(category).or_default().push(Detection {
            count,
            kind,
            occurrences: Occurrences { line_ranges: ranges },
        });
    }
    let sensitive_data = by_category
        .into_iter()
        .map(|(category, detections)| SensitiveData {
            category: macie_category(category),
            total_count: detections.iter().map(|d| d.count).sum(),
            detections,
        })
        .collect();
    let status = match &object.skipped {
        Some(skip) => Status {
            code: "PARTIAL",
            reason: Some(truncate(format!("{}: {}", skip.reason.as_str(), skip.detail), 1024)),
        },
        None => Status {
            code: "COMPLETE",
            reason: None,
        },
    };
    DataClassification {
        result: ClassificationResult {
            mime_type: "text/plain",
            size_classified: object.size.unwrap_or(0),
            additional_occurrences: additional,
            status,
            sensitive_data,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalized_score_stays_in_its_label_band() {
        let mut object = ScannedObject::default();
        object.sensitivity.level = Level::High;
        object.sensitivity.score = 100;
        let s = severity(&object);
        assert_eq!((s.label, s.normalized), ("HIGH", 89));
        object.sensitivity.level = Level::Low;
        object.sensitivity.score = 10;
        assert_eq!(severity(&object).normalized, 10);
    }

    #[test]
    fn default_product_arn_follows_account_region_and_partition() {
        let options = AsffOptions {
            account_id: Some("123456789012".into()),
            region: Some("cn-north-1".into()),
            ..AsffOptions::default()
        };
        assert_eq!(
            options.product_arn(),
            "arn:aws-cn:securityhub:cn-north-1:123456789012:product/123456789012/default"
        );
    }

    #[test]
    fn long_titles_are_cut_to_the_limit() {
        let long = "x".repeat(300);
        let cut = truncate(long, 256);
        assert_eq!(cut.chars().count(), 256);
        assert!(cut.ends_with('…'));
    }
}
