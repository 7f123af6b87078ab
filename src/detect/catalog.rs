//! The detector catalogue: the written form (`DetectorSpec`, read from TOML) and the compiled form
//! (`Detector`). Invariant: every `Detector` that leaves this module has a regex that compiled, a
//! known validator, a non-empty id, and a pattern that cannot match the empty string; a spec that
//! breaks any of these is refused with the file, the detector id and what to change.

use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;

use regex_automata::meta;
use serde::{Deserialize, Serialize};

use crate::detect::validate::{self, Validator};
use crate::error::Error;

/// The catalogue shipped inside the binary: every `detectors/**/*.toml`, embedded by `build.rs`.
pub const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_detectors.rs"));

/// `BUILTIN`'s files as JSON, in the same order, made by `build.rs` (None for a file it could not
/// parse): every run loads the whole catalogue, and JSON parses several times faster than TOML.
const BUILTIN_JSON: &[Option<&str>] = include!(concat!(env!("OUT_DIR"), "/builtin_detectors_json.rs"));

/// Keyword distance used when a detector does not set one: Amazon Macie's 30 characters.
pub const DEFAULT_KEYWORD_DISTANCE: usize = 30;

/// How the built-in files are named in `Detector::source` (`builtin:credentials/aws.toml`).
const BUILTIN_PREFIX: &str = "builtin:";

/// The three families a detector belongs to, as in Macie's finding categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Credentials,
    Financial,
    Personal,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Credentials => "credentials",
            Category::Financial => "financial",
            Category::Personal => "personal",
        }
    }
}

/// Severity of a finding, ordered so that `High > Medium > Low`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }
}

/// Severity by the number of occurrences of one detector in one object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SeveritySpec {
    Fixed(Severity),
    /// Macie's model for managed identifiers: one occurrence, 2 to 99, and 100 or more.
    ByCount {
        one: Severity,
        some: Severity,
        many: Severity,
    },
    /// Macie's custom data identifiers: up to three `{ occurrences, severity }` thresholds in
    /// increasing order; an object with fewer occurrences than the lowest gets no finding.
    Thresholds(Vec<Threshold>),
}

/// From `occurrences` matches in one object on, findings get `severity`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub occurrences: u64,
    pub severity: Severity,
}

impl SeveritySpec {
    /// The severity for `occurrences` matches in one object, or None when they are below the
    /// lowest threshold and so not reported.
    pub fn for_count(&self, occurrences: u64) -> Option<Severity> {
        match self {
            SeveritySpec::Fixed(s) => Some(*s),
            SeveritySpec::ByCount { one, some, many } => Some(match occurrences {
                0 | 1 => *one,
                2..=99 => *some,
                _ => *many,
            }),
            SeveritySpec::Thresholds(thresholds) => thresholds
                .iter()
                .rev()
                .find(|t| occurrences >= t.occurrences)
                .map(|t| t.severity),
        }
    }

    /// Refuses threshold lists Macie would refuse: empty, more than three, or not increasing.
    fn check(&self) -> Result<(), String> {
        let SeveritySpec::Thresholds(thresholds) = self else {
            return Ok(());
        };
        if thresholds.is_empty() || thresholds.len() > 3 {
            return Err("`severity` thresholds: give one to three `{ occurrences, severity }` entries".into());
        }
        if thresholds[0].occurrences == 0 || thresholds.windows(2).any(|w| w[0].occurrences >= w[1].occurrences) {
            return Err("`severity` thresholds: `occurrences` must start at 1 or more and increase".into());
        }
        Ok(())
    }
}

/// One `[[detector]]` entry of a TOML file, exactly as written.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DetectorSpec {
    pub id: String,
    pub name: String,
    pub category: Category,
    pub description: String,
    /// The full regex. A group named `value` marks the sensitive part; otherwise the whole match is.
    pub pattern: String,
    /// Literal strings every match contains (case-sensitive unless `anchors_ignore_case`). A
    /// detector with anchors is only looked for around them — and around its keywords when it has
    /// `keywords_optional_if`: then anchors need only be in the matches that need no keyword.
    #[serde(default)]
    pub anchors: Vec<String>,
    #[serde(default)]
    pub anchors_ignore_case: bool,
    /// The longest match the pattern can produce, in bytes; bounds the search window around
    /// anchors and keywords and the overlap between windows.
    #[serde(default = "default_max_length")]
    pub max_length: usize,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub keyword_distance: Option<usize>,
    #[serde(default)]
    pub keywords_required: bool,
    /// A regex on the value: when it matches, no keyword is needed even if `keywords_required`
    /// (Macie's rule for phone numbers that carry a country code).
    #[serde(default)]
    pub keywords_optional_if: Option<String>,
    #[serde(default)]
    pub validator: Option<String>,
    /// Amazon Macie's id for this detector when ours differs.
    #[serde(default)]
    pub macie_id: Option<String>,
    /// Amazon Macie's id for matches with none of `keywords` near, when Macie splits one kind of
    /// value into a keyword id and a no-keyword id (`CREDIT_CARD_NUMBER_(NO_KEYWORD)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub macie_id_without_keyword: Option<String>,
    #[serde(default = "default_severity")]
    pub severity: SeveritySpec,
    /// Values that are never findings (compared after removing spaces and `-`).
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Published test values (documentation examples, payment networks' test numbers): reported
    /// with `test_value: true` and low severity.
    #[serde(default)]
    pub test_values: Vec<String>,
    /// How many characters of the value stay visible at each end when masked.
    #[serde(default)]
    pub mask: Option<MaskSpec>,
    pub examples: Vec<String>,
    pub negative_examples: Vec<String>,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MaskSpec {
    #[serde(default)]
    pub keep_start: usize,
    #[serde(default)]
    pub keep_end: usize,
}

fn default_max_length() -> usize {
    256
}

fn default_severity() -> SeveritySpec {
    SeveritySpec::Fixed(Severity::High)
}

/// A compiled detector, ready for the engine.
#[derive(Debug)]
pub struct Detector {
    pub spec: DetectorSpec,
    /// Where the spec came from (`builtin:credentials/aws.toml` or a user path).
    pub source: String,
    /// The full regex, built on first use: a run that never meets a candidate of this detector
    /// never pays for it, which keeps start-up short with hundreds of detectors. User files are
    /// built at load, so that a pattern too big to compile is refused there, not mid-scan.
    regex: OnceLock<meta::Regex>,
    /// Index of the `value` capture group, if the pattern has one.
    pub value_group: Option<usize>,
    pub validator: Option<&'static Validator>,
    pub keywords_optional_if: Option<meta::Regex>,
    pub keyword_distance: usize,
    /// `ignore` and `test_values`, normalised (no spaces or `-`, ASCII lowercase).
    pub ignore: HashSet<Vec<u8>>,
    pub test_values: HashSet<Vec<u8>>,
}

impl Detector {
    pub fn id(&self) -> &str {
        &self.spec.id
    }

    /// The detector's full regex (see the field's comment on when it is built).
    pub fn regex(&self) -> &meta::Regex {
        self.regex.get_or_init(|| {
            build_regex(&self.spec.pattern)
                .expect("a detector's pattern parsed at load; built-in patterns are all built by a unit test")
        })
    }

    /// Whether keywords open candidate regions for this detector: it needs a keyword for (some of)
    /// its matches, and those matches need not contain an anchor.
    pub fn keyword_driven(&self) -> bool {
        self.spec.keywords_required && (self.spec.anchors.is_empty() || self.keywords_optional_if.is_some())
    }

    /// Whether the shared regex pass must look for this detector: some of its matches contain no
    /// anchor and need no keyword.
    pub fn in_regex_pass(&self) -> bool {
        self.spec.anchors.is_empty() && (!self.spec.keywords_required || self.keywords_optional_if.is_some())
    }
}

/// Normalises a value for `ignore`/`test_values` comparison: drops spaces and `-`, lowercases.
pub fn normalize_value(value: &[u8]) -> Vec<u8> {
    value
        .iter()
        .filter(|b| !matches!(b, b' ' | b'-'))
        .map(|b| b.to_ascii_lowercase())
        .collect()
}

/// Parses the detectors of one TOML text. `source` names it in errors, with the detector's id
/// when the problem is inside one entry.
pub fn parse_specs(source: &str, text: &str) -> Result<Vec<DetectorSpec>, Error> {
    // Straight into the specs: a third of the instructions of going through a `toml::Table` (all
    // 341 built-in detectors are parsed at every start). Only a file with a problem takes the
    // slower path below, which names the detector at fault.
    if let Ok(file) = toml::from_str::<SpecFile>(text) {
        return Ok(file.detector);
    }
    let fail = |detector: Option<String>, reason: String| Error::DetectorFile {
        file: source.to_string(),
        detector,
        reason,
    };
    let mut table: toml::Table = toml::from_str(text).map_err(|e| fail(None, e.to_string()))?;
    let entries = match table.remove("detector") {
        None => Vec::new(),
        Some(toml::Value::Array(entries)) => entries,
        Some(_) => {
            return Err(fail(
                None,
                "`detector` must be an array of tables: write `[[detector]]`".into(),
            ));
        }
    };
    if let Some(key) = table.keys().next() {
        return Err(fail(
            None,
            format!("unknown top-level key `{key}`; only `[[detector]]` entries are allowed"),
        ));
    }
    entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let id = entry.get("id").and_then(|v| v.as_str()).map(str::to_string);
            entry.try_into::<DetectorSpec>().map_err(|e| {
                let name = id.clone().unwrap_or_else(|| format!("entry {} (no id)", i + 1));
                fail(Some(name), e.message().to_string())
            })
        })
        .collect()
}

/// A detector file as written: `[[detector]]` entries and nothing else.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpecFile {
    #[serde(default)]
    detector: Vec<DetectorSpec>,
}

/// Compiles one spec, refusing it with a reason that says what to change.
pub fn compile(source: &str, spec: DetectorSpec) -> Result<Detector, Error> {
    let fail = |reason: String| Error::DetectorFile {
        file: source.to_string(),
        detector: Some(spec.id.clone()),
        reason,
    };
    if spec.id.trim().is_empty() || spec.id.chars().any(char::is_whitespace) {
        return Err(fail("`id` must be non-empty and contain no spaces".into()));
    }
    if spec.examples.is_empty() {
        return Err(fail(
            "`examples` must list at least one value that the detector finds".into(),
        ));
    }
    let regex = OnceLock::new();
    // Built-in patterns are checked by unit tests (each parses, builds, cannot match the empty
    // string, and its `value` group is found here as the compiled regex numbers it), so at start-up
    // their groups are only counted (`value_group_scan`), not parsed: parsing the 341 built-in
    // patterns was 40% of an empty scan's instructions. A user's pattern is parsed and built here.
    let builtin_groups = match source.starts_with(BUILTIN_PREFIX) {
        true => value_group_scan(&spec.pattern),
        false => None,
    };
    let value_group = match builtin_groups {
        Some(group) => group,
        None => {
            let hir = parse_pattern(&spec.pattern).map_err(|e| fail(format!("`pattern` does not compile: {e}")))?;
            if hir.properties().minimum_len() == Some(0) {
                return Err(fail(
                    "`pattern` matches the empty string; require at least one character".into(),
                ));
            }
            if !source.starts_with(BUILTIN_PREFIX) {
                let built = build_regex(&spec.pattern).map_err(|e| fail(format!("`pattern` does not compile: {e}")))?;
                let _ = regex.set(built);
            }
            value_group_index(&hir)
        }
    };
    let validator = match &spec.validator {
        None => None,
        Some(name) => Some(validate::find(name).ok_or_else(|| {
            fail(format!(
                "unknown validator `{name}`; known validators: {}",
                validate::names().join(", ")
            ))
        })?),
    };
    let keywords_optional_if = match &spec.keywords_optional_if {
        None => None,
        Some(p) => Some(build_regex(p).map_err(|e| fail(format!("`keywords_optional_if` does not compile: {e}")))?),
    };
    spec.severity.check().map_err(fail)?;
    if spec.macie_id_without_keyword.is_some() && (spec.keywords_required || spec.keywords.is_empty()) {
        return Err(fail(
            "`macie_id_without_keyword` needs `keywords` and `keywords_required = false`".into(),
        ));
    }
    if spec.keywords_required && spec.keywords.is_empty() {
        return Err(fail("`keywords_required` is true but `keywords` is empty".into()));
    }
    if spec.anchors.iter().any(|a| a.is_empty()) {
        return Err(fail("an entry of `anchors` is empty".into()));
    }
    if spec.keywords.iter().any(|k| k.trim().is_empty()) {
        return Err(fail("an entry of `keywords` is empty".into()));
    }
    if spec.max_length == 0 || spec.max_length > 65536 {
        return Err(fail("`max_length` must be between 1 and 65536".into()));
    }
    let keyword_distance = spec.keyword_distance.unwrap_or(DEFAULT_KEYWORD_DISTANCE);
    if keyword_distance > 4096 {
        return Err(fail("`keyword_distance` must be at most 4096".into()));
    }
    let ignore = spec.ignore.iter().map(|v| normalize_value(v.as_bytes())).collect();
    let test_values = spec.test_values.iter().map(|v| normalize_value(v.as_bytes())).collect();
    Ok(Detector {
        source: source.to_string(),
        regex,
        value_group,
        validator,
        keywords_optional_if,
        keyword_distance,
        ignore,
        test_values,
        spec,
    })
}

/// Parses a pattern with the syntax `build_regex` uses: enough to refuse a bad pattern and to see
/// its capture groups without building the automaton.
fn parse_pattern(pattern: &str) -> Result<regex_syntax::hir::Hir, String> {
    regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .map_err(|e| e.to_string())
}

/// The capture index of the group named `value`, numbered as the compiled regex numbers groups.
fn value_group_index(hir: &regex_syntax::hir::Hir) -> Option<usize> {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Capture(c) if c.name.as_deref() == Some("value") => Some(c.index as usize),
        HirKind::Capture(c) => value_group_index(&c.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => parts.iter().find_map(value_group_index),
        HirKind::Repetition(r) => value_group_index(&r.sub),
        _ => None,
    }
}

/// The capture index of the group named `value` (`Some(None)`: there is none), found by counting
/// the capturing groups opened before it, outside classes and escapes; None when the pattern sets
/// verbose mode (whose comments may hold parentheses), which needs the real parser. Used on
/// built-in patterns only, where a unit test checks it against the compiled regex for every one.
fn value_group_scan(pattern: &str) -> Option<Option<usize>> {
    let bytes = pattern.as_bytes();
    let mut groups = 0;
    let mut class_depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' => {
                class_depth += 1;
                // `]` right after `[` or `[^` is a literal, not the end of the class.
                if bytes.get(i + 1) == Some(&b'^') {
                    i += 1;
                }
                if bytes.get(i + 1) == Some(&b']') {
                    i += 1;
                }
            }
            b']' if class_depth > 0 => class_depth -= 1,
            b'(' if class_depth == 0 => {
                let rest = &bytes[i + 1..];
                let name = rest
                    .strip_prefix(b"?P<")
                    .or_else(|| rest.strip_prefix(b"?<"))
                    .map(|n| &n[..n.iter().position(|&b| b == b'>').unwrap_or(n.len())]);
                if let Some(name) = name {
                    groups += 1;
                    if name == b"value" {
                        return Some(Some(groups));
                    }
                } else if let Some(flags) = rest.strip_prefix(b"?") {
                    let end = flags
                        .iter()
                        .position(|&b| b == b':' || b == b')')
                        .unwrap_or(flags.len());
                    if flags[..end].contains(&b'x') {
                        return None;
                    }
                } else {
                    groups += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    Some(None)
}

/// Compiles a detector regex for byte haystacks: Unicode classes off unless asked for, so that
/// `\d` and `\w` mean ASCII and invalid UTF-8 is searchable.
///
/// The lazy DFA may keep up to `LAZY_DFA_CACHE` bytes of states per regex and thread (8 times the
/// default): patterns with long counted repetitions (`{1,40}`, `{16,128}`) overflow the default
/// cache on ordinary text and then rebuild states over and over. The cache only grows as far as the
/// input needs, so small patterns pay nothing for the higher bound.
pub fn build_regex(pattern: &str) -> Result<meta::Regex, String> {
    const LAZY_DFA_CACHE: usize = 16 << 20;
    meta::Regex::builder()
        .syntax(regex_automata::util::syntax::Config::new().unicode(false).utf8(false))
        .configure(meta::Config::new().hybrid_cache_capacity(LAZY_DFA_CACHE))
        .build(pattern)
        .map_err(|e| e.to_string())
}

/// Loads the built-in catalogue plus any user files, refusing duplicate ids.
pub fn load(extra: &[impl AsRef<Path>]) -> Result<Vec<Detector>, Error> {
    let mut detectors = Vec::new();
    for (i, (name, text)) in BUILTIN.iter().enumerate() {
        let source = format!("{BUILTIN_PREFIX}{name}");
        for spec in builtin_specs(&source, text, BUILTIN_JSON.get(i).copied().flatten())? {
            detectors.push(compile(&source, spec)?);
        }
    }
    for path in extra {
        detectors.extend(load_file(path.as_ref())?);
    }
    let mut seen = HashSet::new();
    for d in &detectors {
        if !seen.insert(d.id().to_string()) {
            return Err(Error::DetectorFile {
                file: d.source.clone(),
                detector: Some(d.id().to_string()),
                reason: "a detector with this id is already defined; choose another id".into(),
            });
        }
    }
    Ok(detectors)
}

/// The specs of one built-in file: from its JSON form when there is one, else (or should that
/// fail) from its TOML text, which names the detector at fault.
fn builtin_specs(source: &str, text: &str, json: Option<&str>) -> Result<Vec<DetectorSpec>, Error> {
    if let Some(file) = json.and_then(|json| serde_json::from_str::<SpecFile>(json).ok()) {
        return Ok(file.detector);
    }
    parse_specs(source, text)
}

/// Loads one user file of detectors (or every `.toml` file of a folder).
pub fn load_file(path: &Path) -> Result<Vec<Detector>, Error> {
    if path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| Error::io(path, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        let mut out = Vec::new();
        for f in files {
            out.extend(load_file(&f)?);
        }
        return Ok(out);
    }
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let source = path.display().to_string();
    let specs = parse_specs(&source, &text)?;
    if specs.is_empty() {
        return Err(Error::DetectorFile {
            file: source,
            detector: None,
            reason: "no `[[detector]]` entries found".into(),
        });
    }
    specs.into_iter().map(|s| compile(&source, s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Built-in regexes are built lazily at scan time, where a failure could only panic: build
    /// every one here, and check the `value` group index found from the syntax tree against the
    /// compiled regex's own numbering.
    #[test]
    fn every_builtin_pattern_builds_and_its_value_group_index_agrees() {
        for d in load(&[] as &[&str]).expect("the built-in catalogue loads") {
            let built = build_regex(&d.spec.pattern).unwrap_or_else(|e| panic!("{}: {e}", d.id()));
            let expected = built.group_info().to_index(regex_automata::PatternID::ZERO, "value");
            assert_eq!(d.value_group, expected, "{}", d.id());
            // What `compile` checks on a user's pattern, and skips on built-in ones.
            let hir = parse_pattern(&d.spec.pattern).unwrap_or_else(|e| panic!("{}: {e}", d.id()));
            assert_eq!(value_group_index(&hir), expected, "{}", d.id());
            assert_ne!(
                hir.properties().minimum_len(),
                Some(0),
                "{} matches the empty string",
                d.id()
            );
        }
    }

    /// The JSON form `build.rs` embeds gives every built-in file exactly the specs its TOML does.
    #[test]
    fn builtin_json_gives_the_specs_of_the_toml() {
        assert_eq!(BUILTIN_JSON.len(), BUILTIN.len());
        for ((name, text), json) in BUILTIN.iter().zip(BUILTIN_JSON) {
            let json = json.unwrap_or_else(|| panic!("{name}: build.rs could not convert it"));
            let from_json = serde_json::from_str::<SpecFile>(json).unwrap_or_else(|e| panic!("{name}: {e}"));
            let from_toml = parse_specs(name, text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!from_toml.is_empty(), "{name}");
            assert_eq!(
                serde_json::to_value(&from_json.detector).unwrap(),
                serde_json::to_value(&from_toml).unwrap(),
                "{name}"
            );
        }
    }

    #[test]
    fn value_group_index_counts_groups_before_it() {
        let hir = parse_pattern(r"(a)(?:b(c))(?P<value>d)").unwrap();
        assert_eq!(value_group_index(&hir), Some(3));
        assert_eq!(value_group_index(&parse_pattern("abc").unwrap()), None);
    }

    #[test]
    fn value_group_scan_counts_capturing_groups_only() {
        let cases = [
            (r"(a)(?:b(c))(?P<value>d)", Some(Some(3))),
            (r"(?<value>x)", Some(Some(1))),
            (r"\((?i:a)[(]\)(?P<value>b)", Some(Some(1))),
            (r"[]()][^]()](?P<value>b)", Some(Some(1))),
            (r"[[:alpha:](](x)(?P<value>b)", Some(Some(2))),
            (r"(a)(?P<other>b)", Some(None)),
            (r"(?x) ( a ) # (b", None),
        ];
        for (pattern, expected) in cases {
            assert_eq!(value_group_scan(pattern), expected, "{pattern}");
            if let Some(Some(index)) = expected {
                let built = build_regex(pattern).unwrap();
                assert_eq!(
                    built.group_info().to_index(regex_automata::PatternID::ZERO, "value"),
                    Some(index)
                );
            }
        }
    }

    #[test]
    fn user_patterns_are_built_at_load() {
        let text = r#"
[[detector]]
id = "X"
name = "x"
category = "personal"
description = "x"
pattern = 'x[0-9]{3}'
severity = "low"
examples = ["x123"]
negative_examples = ["x12"]
"#;
        let spec = parse_specs("user.toml", text).unwrap().remove(0);
        let user = compile("user.toml", spec.clone()).unwrap();
        assert!(user.regex.get().is_some(), "a user file's regex is built at load");
        let builtin = compile("builtin:x.toml", spec).unwrap();
        assert!(
            builtin.regex.get().is_none(),
            "a built-in regex waits for its first use"
        );
    }
}
