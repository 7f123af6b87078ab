//! SARIF 2.1.0 (serde-sarif's types): one run, one rule per detector that fired, one result per
//! finding with its line, column and masked context, and a `partialFingerprints` entry built from
//! the keyed fingerprint so that code scanning tracks an alert across commits even when lines move.
//!
//! Invariant: the log fits GitHub code scanning's upload limits (at most 25,000 results a run and
//! 10 MB gzip-compressed a file; one run, so the 20-runs limit holds). When it would not, the least
//! severe results are left out and the run's properties and stderr say so.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, Write};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};
use serde_sarif::sarif::{
    self, ArtifactContent, ArtifactLocation, Invocation, Message, MultiformatMessageString, PhysicalLocation,
    PropertyBag, Region, ReportingConfiguration, ReportingDescriptor, ResultLevel, Run, Tool, ToolComponent,
};

use crate::classify::{Finding, ScannedObject, Summary};
use crate::detect::catalog::{Category, Severity, SeveritySpec};
use crate::report::{DetectorInfo, FormatOptions, Report, Sink, severity_rank, sort_for_report};

/// GitHub code scanning's documented upload limits.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Results per run: uploads with more are rejected.
    pub results: usize,
    /// Size of the gzip-compressed file: larger uploads are rejected.
    pub gzip_bytes: usize,
}

impl Limits {
    pub const GITHUB: Limits = Limits {
        results: 25_000,
        gzip_bytes: 10 * 1024 * 1024,
    };
}

/// Results beyond this many are accepted by GitHub but not shown (it keeps the most severe).
const GITHUB_DISPLAYED_RESULTS: usize = 5_000;

/// The key of our entry in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "piiscanValue/v1";

pub struct Sarif {
    sink: Sink,
    formats: FormatOptions,
    objects: Vec<ScannedObject>,
}

impl Sarif {
    pub fn new(sink: Sink, formats: FormatOptions) -> Sarif {
        Sarif {
            sink,
            formats,
            objects: Vec::new(),
        }
    }
}

impl Report for Sarif {
    fn object(&mut self, object: &ScannedObject) -> io::Result<()> {
        if object.finding_count > 0 {
            self.objects.push(object.clone());
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, summary: &Summary) -> io::Result<()> {
        sort_for_report(&mut self.objects);
        let (bytes, notes) = render(&self.objects, summary, &self.formats, Limits::GITHUB)?;
        for note in &notes {
            eprintln!("piiscan: warning: {note}");
        }
        self.sink.write_all(&bytes)?;
        self.sink.commit()
    }
}

/// The SARIF log as bytes, within `limits`, and the notes about what was left out.
pub fn render(
    objects: &[ScannedObject],
    summary: &Summary,
    formats: &FormatOptions,
    limits: Limits,
) -> io::Result<(Vec<u8>, Vec<String>)> {
    // Every listed finding, most severe first (stable: report order within a severity).
    let mut by_severity: Vec<(usize, usize)> = objects
        .iter()
        .enumerate()
        .flat_map(|(o, object)| (0..object.findings.len()).map(move |f| (o, f)))
        .collect();
    let listed = by_severity.len();
    by_severity.sort_by_key(|&(o, f)| severity_rank(objects[o].findings[f].severity));
    let mut keep = listed.min(limits.results);
    loop {
        let mut notes = Vec::new();
        if keep < listed {
            notes.push(format!(
                "SARIF: {} of {listed} findings left out (the least severe) to stay within GitHub code scanning's \
                 upload limits (25,000 results a run, 10 MB compressed); other formats have them all",
                listed - keep
            ));
        } else if keep > GITHUB_DISPLAYED_RESULTS {
            notes.push(format!(
                "SARIF: {keep} results; GitHub code scanning shows only the {GITHUB_DISPLAYED_RESULTS} most severe of a run"
            ));
        }
        let mut picked = by_severity[..keep].to_vec();
        picked.sort_unstable();
        let log = build(objects, &picked, summary, formats, listed, &notes);
        let mut bytes = serde_json::to_vec_pretty(&log)?;
        bytes.push(b'\n');
        let compressed = gzip_len(&bytes)?;
        if compressed <= limits.gzip_bytes || keep == 0 {
            return Ok((bytes, notes));
        }
        // Shrink in proportion, with a margin, so that this converges in a step or two.
        let ratio = limits.gzip_bytes as f64 / compressed as f64;
        keep = ((keep as f64 * ratio * 0.9) as usize).min(keep - 1);
    }
}

fn gzip_len(bytes: &[u8]) -> io::Result<usize> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}

fn build(
    objects: &[ScannedObject],
    picked: &[(usize, usize)],
    summary: &Summary,
    formats: &FormatOptions,
    listed: usize,
    notes: &[String],
) -> sarif::Sarif {
    // One rule per detector that fired, including those whose findings are all beyond the
    // per-object listing limit: their counts are in the run's properties.
    let ids: BTreeSet<&str> = objects
        .iter()
        .flat_map(|o| o.findings_by_detector.keys().map(String::as_str))
        .collect();
    let rule_index: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let rules: Vec<ReportingDescriptor> = ids.iter().map(|id| rule(id, formats, objects)).collect();

    let mut occurrence: HashMap<(usize, &str), u64> = HashMap::new();
    let results: Vec<sarif::Result> = picked
        .iter()
        .map(|&(o, f)| {
            let object = &objects[o];
            let finding = &object.findings[f];
            let n = occurrence.entry((o, finding.fingerprint.as_str())).or_default();
            *n += 1;
            result(object, finding, *n, rule_index[finding.detector.as_str()], formats)
        })
        .collect();

    let mut properties = BTreeMap::new();
    properties.insert("findings".to_string(), json!(summary.findings));
    properties.insert("findingsListed".to_string(), json!(listed));
    properties.insert("results".to_string(), json!(results.len()));
    properties.insert("truncated".to_string(), json!(results.len() < listed));
    if !notes.is_empty() {
        properties.insert("notes".to_string(), json!(notes));
    }
    properties.insert("objectsScanned".to_string(), json!(summary.objects_scanned));
    properties.insert("objectsSkipped".to_string(), json!(summary.objects_skipped));
    properties.insert("findingsByDetector".to_string(), json!(summary.findings_by_detector));
    properties.insert("interrupted".to_string(), json!(summary.interrupted));
    // Rollups and bucket posture describe targets and buckets, not places in files: GitHub code
    // scanning would drop results without a file in the repository, so they stay here.
    properties.insert("rollups".to_string(), json!(summary.rollups));
    if !summary.posture.is_empty() {
        let posture: Vec<Value> = summary
            .posture
            .iter()
            .map(|p| {
                let mut value = json!(p);
                value["exposures"] = json!(p.exposures().iter().map(|e| e.as_str()).collect::<Vec<_>>());
                value
            })
            .collect();
        properties.insert("posture".to_string(), json!(posture));
    }

    let driver = ToolComponent::builder()
        .name(summary.tool.clone())
        .version(summary.version.clone())
        .semantic_version(summary.version.clone())
        .rules(rules)
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .invocations(vec![
            Invocation::builder().execution_successful(!summary.interrupted).build(),
        ])
        .results(results)
        .properties(bag(properties))
        .build();
    sarif::Sarif::builder()
        .schema(sarif::SCHEMA_URL.to_string())
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build()
}

fn bag(values: BTreeMap<String, Value>) -> PropertyBag {
    PropertyBag::builder().additional_properties(values).build()
}

fn level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::High => ResultLevel::Error,
        Severity::Medium => ResultLevel::Warning,
        Severity::Low => ResultLevel::Note,
    }
}

/// GitHub's `security-severity` (0.0-10.0) puts the alert in its critical/high/medium/low bands.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "2.0",
    }
}

fn help(category: Category) -> &'static str {
    match category {
        Category::Credentials => {
            "Treat the credential as exposed: revoke or rotate it with its issuer, then remove it from the file \
             (and from version-control history), and load secrets from a secret store instead."
        }
        Category::Financial | Category::Personal => {
            "Check whether this data needs to be here at all. Remove it, replace it with a token or a masked form, \
             or move the file to storage with access controls and a retention period. Test fixtures should use \
             published test values."
        }
    }
}

fn rule(id: &str, formats: &FormatOptions, objects: &[ScannedObject]) -> ReportingDescriptor {
    // A detector missing from the catalogue (a custom file not given to `piiscan report`) is
    // still a rule: its category and worst severity come from its findings.
    let fallback = || {
        let findings = objects.iter().flat_map(|o| &o.findings).filter(|f| f.detector == id);
        let category = findings.clone().next().map_or(Category::Personal, |f| f.category);
        let severity = findings.map(|f| f.severity).max().unwrap_or(Severity::High);
        DetectorInfo {
            id: id.to_string(),
            name: id.to_string(),
            description: format!("Findings of the detector {id}."),
            category,
            severity: SeveritySpec::Fixed(severity),
            macie_id: None,
        }
    };
    let info = formats.detector(id).cloned().unwrap_or_else(fallback);
    // The severity one occurrence gets, or the lowest a reported finding can get (thresholds).
    let default = info
        .severity
        .for_count(1)
        .or_else(|| info.severity.for_count(u64::MAX))
        .unwrap_or(Severity::Low);
    let mut properties = BTreeMap::new();
    properties.insert("category".to_string(), json!(info.category.as_str()));
    properties.insert("macie_id".to_string(), json!(info.macie_id.as_deref().unwrap_or(id)));
    properties.insert("security-severity".to_string(), json!(security_severity(default)));
    properties.insert("precision".to_string(), json!("high"));
    let tags = vec!["security".to_string(), info.category.as_str().to_string()];
    ReportingDescriptor::builder()
        .id(id.to_string())
        .name(info.name.clone())
        .short_description(MultiformatMessageString::builder().text(info.name.clone()).build())
        .full_description(
            MultiformatMessageString::builder()
                .text(info.description.trim().to_string())
                .build(),
        )
        .help(
            MultiformatMessageString::builder()
                .text(format!("{} {}", info.description.trim(), help(info.category)))
                .build(),
        )
        .default_configuration(
            ReportingConfiguration::builder()
                .level(json!(level_name(default)))
                .build(),
        )
        .properties(
            PropertyBag::builder()
                .tags(tags)
                .additional_properties(properties)
                .build(),
        )
        .build()
}

fn level_name(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

fn result(
    object: &ScannedObject,
    f: &Finding,
    occurrence: u64,
    rule_index: usize,
    formats: &FormatOptions,
) -> sarif::Result {
    let mut text = format!("{}: {}", formats.detector_name(&f.detector), f.masked);
    if let Some(member) = &f.location.member {
        text.push_str(&format!(" (in archive member {member})"));
    }
    let place = f.location.place();
    if !place.is_empty() {
        text.push_str(&format!(" ({place})"));
    }
    if f.test_value {
        text.push_str(" (a published test value)");
    }
    let region = Region::builder()
        .start_line(f.location.line as i64)
        .start_column(f.location.column as i64)
        .byte_offset(f.location.offset as i64)
        .byte_length(f.location.length as i64)
        .snippet(ArtifactContent::builder().text(f.context.clone()).build())
        .build();
    let mut physical = PhysicalLocation::builder()
        .artifact_location(artifact_location(&object.object))
        .region(region)
        .build();
    let l = &f.location;
    let structured = [
        ("member", l.member.as_ref().map(|v| json!(v))),
        ("row", l.row.map(|v| json!(v))),
        ("column_name", l.column_name.as_ref().map(|v| json!(v))),
        ("json_path", l.json_path.as_ref().map(|v| json!(v))),
        ("json_record", l.record.map(|v| json!(v))),
        ("sheet", l.sheet.as_ref().map(|v| json!(v))),
        ("page", l.page.map(|v| json!(v))),
    ];
    let place: BTreeMap<String, serde_json::Value> = structured
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k.to_string(), v)))
        .collect();
    if !place.is_empty() {
        physical.properties = Some(bag(place));
    }
    let mut properties = BTreeMap::new();
    properties.insert("category".to_string(), json!(f.category.as_str()));
    properties.insert("severity".to_string(), json!(f.severity.as_str()));
    properties.insert("test_value".to_string(), json!(f.test_value));
    properties.insert("masked".to_string(), json!(f.masked));
    properties.insert("fingerprint".to_string(), json!(f.fingerprint));
    if let Some(macie_id) = &f.macie_id {
        properties.insert("macie_id".to_string(), json!(macie_id));
    }
    if let Some(value) = &f.value {
        properties.insert("value".to_string(), json!(value));
    }
    sarif::Result::builder()
        .rule_id(f.detector.clone())
        .rule_index(rule_index as i64)
        .level(level(f.severity))
        .message(Message::builder().text(text).build())
        .locations(vec![sarif::Location::builder().physical_location(physical).build()])
        // The nth occurrence of the same value in the same object: stable when lines move.
        .partial_fingerprints(BTreeMap::from([(
            FINGERPRINT_KEY.to_string(),
            format!("{}:{occurrence}", f.fingerprint),
        )]))
        .properties(bag(properties))
        .build()
}

/// Characters kept as they are in a path turned into a URI: unreserved ones and `/`.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The object as a URI: relative paths stay relative (code scanning resolves them against the
/// checkout), absolute paths become `file://` URIs, `s3://` names are kept.
pub fn object_uri(object: &str) -> String {
    if object.starts_with("s3://") {
        return object.to_string();
    }
    let path = object.strip_prefix("./").unwrap_or(object);
    let encoded = utf8_percent_encode(path, PATH).to_string();
    if path.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

fn artifact_location(object: &str) -> ArtifactLocation {
    ArtifactLocation::builder().uri(object_uri(object)).build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::Location;

    fn object(name: &str, findings: usize) -> ScannedObject {
        let findings: Vec<Finding> = (0..findings)
            .map(|i| Finding {
                detector: "EMAIL_ADDRESS".into(),
                macie_id: None,
                category: Category::Personal,
                severity: if i % 2 == 0 { Severity::High } else { Severity::Low },
                test_value: false,
                location: Location {
                    line: i as u64 + 1,
                    column: 1,
                    offset: i as u64 * 40,
                    length: 20,
                    ..Location::default()
                },
                masked: "****@****.com".into(),
                fingerprint: format!("{i:064x}"),
                context: "mail: ****@****.com".into(),
                value: None,
            })
            .collect();
        ScannedObject {
            object: name.into(),
            finding_count: findings.len() as u64,
            findings_by_detector: BTreeMap::from([("EMAIL_ADDRESS".to_string(), findings.len() as u64)]),
            findings,
            ..ScannedObject::default()
        }
    }

    fn results(bytes: &[u8]) -> Vec<Value> {
        let log: Value = serde_json::from_slice(bytes).expect("SARIF is JSON");
        log["runs"][0]["results"].as_array().cloned().unwrap_or_default()
    }

    #[test]
    fn result_limit_keeps_the_most_severe() {
        let objects = vec![object("a.txt", 10)];
        let limits = Limits {
            results: 4,
            gzip_bytes: usize::MAX,
        };
        let (bytes, notes) = render(&objects, &Summary::default(), &FormatOptions::default(), limits).unwrap();
        let results = results(&bytes);
        assert_eq!(results.len(), 4);
        assert!(results.iter().all(|r| r["level"] == "error"), "{results:#?}");
        assert_eq!(notes.len(), 1, "{notes:?}");
        let log: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(log["runs"][0]["properties"]["truncated"], true);
    }

    #[test]
    fn compressed_size_limit_shrinks_the_run() {
        let objects = vec![object("a.txt", 2000)];
        let unlimited = render(&objects, &Summary::default(), &FormatOptions::default(), Limits::GITHUB).unwrap();
        let full = gzip_len(&unlimited.0).unwrap();
        let limits = Limits {
            results: usize::MAX,
            gzip_bytes: full / 3,
        };
        let (bytes, notes) = render(&objects, &Summary::default(), &FormatOptions::default(), limits).unwrap();
        assert!(gzip_len(&bytes).unwrap() <= full / 3);
        let kept = results(&bytes).len();
        assert!(kept > 0 && kept < 2000, "{kept}");
        assert!(notes[0].contains("left out"), "{notes:?}");
    }

    #[test]
    fn uris_are_relative_file_or_s3() {
        assert_eq!(object_uri("./src/a b.txt"), "src/a%20b.txt");
        assert_eq!(object_uri("/tmp/x/ü.txt"), "file:///tmp/x/%C3%BC.txt");
        assert_eq!(object_uri("s3://bucket/key.csv"), "s3://bucket/key.csv");
        assert_eq!(object_uri("data/100%.csv"), "data/100%25.csv");
    }
}
