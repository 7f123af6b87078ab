//! The command line: clap definitions and their translation into `scan::Config`. The only file that
//! knows clap, and the only one that reads the environment (`PIISCAN_FINGERPRINT_KEY`, `NO_COLOR`
//! via anstream, the user's config directory).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use clap::parser::ValueSource;
use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::baseline::Baseline;
use crate::classify::ClassifyOptions;
use crate::config::Loaded;
use crate::decode::DecodeOptions;
use crate::decode::limits::DecodeLimits;
use crate::detect::allow::AllowSpec;
use crate::detect::{EngineOptions, Severity};
use crate::error::Error;
use crate::redact::FingerprintKey;
use crate::report::{AsffOptions, Color, DetectorInfo, Format, FormatOptions, ReportOptions};
use crate::scan::{Config, Progress};
use crate::shard::Shard;
use crate::source::WalkOptions;
use crate::source::filter::PathFilter;
use crate::source::follow::FollowOptions;
use crate::suppress::SuppressOptions;

#[derive(Parser, Debug)]
#[command(
    name = "piiscan",
    version,
    about = "Find personal data, financial data and credentials in files and streams"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Scan files, folders and stdin ("-") for sensitive data.
    Scan(ScanArgs),
    /// Copy text (stdin, or FILE) with every finding replaced; every other byte is kept.
    Redact(RedactArgs),
    /// List, show and test detectors.
    #[command(subcommand)]
    Detectors(DetectorsCommand),
    /// Record today's findings so that `scan --baseline` reports only new ones.
    #[command(subcommand)]
    Baseline(BaselineCommand),
    /// Rebuild a report in any format from a JSON Lines report (`scan --format jsonl`), offline.
    Report(ReportArgs),
    /// Join JSON Lines reports (the parts of `scan --shard K/N`) into one report: objects met
    /// twice are kept once, the summary and rollups are recomputed.
    Merge(MergeArgs),
    /// Posture of every S3 bucket the caller can see (or of BUCKETS): public access block,
    /// default encryption, versioning, public or cross-account access. Read-only calls.
    Buckets(BucketsArgs),
}

#[derive(Args, Debug)]
pub struct MergeArgs {
    /// The JSON Lines reports to join ("-" for stdin), in order: an object met again is dropped.
    #[arg(required = true, value_name = "REPORT")]
    pub inputs: Vec<PathBuf>,
    /// Report format of the merged report.
    #[arg(long, value_enum, default_value_t = FormatArg::Jsonl)]
    pub format: FormatArg,
    /// Write the merged report to FILE (atomically, mode 0600) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write the rollups (per target and top-level prefix or folder, with each bucket's
    /// posture) as CSV to FILE, one row a target or prefix (atomically, mode 0600).
    #[arg(long, value_name = "FILE")]
    pub rollups_csv: Option<PathBuf>,
    /// The detector files (TOML) the scans used, for their names and descriptions.
    #[arg(long = "detectors", value_name = "PATH")]
    pub detector_files: Vec<PathBuf>,
    #[command(flatten)]
    pub asff: AsffArgs,
}

#[derive(Args, Debug)]
pub struct BucketsArgs {
    /// Bucket names (default: every bucket ListBuckets returns).
    pub buckets: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    #[command(flatten)]
    pub connection: S3ConnectionArgs,
}

impl BucketsArgs {
    pub fn options(&self) -> crate::source::s3::S3Options {
        let mut options = crate::source::s3::S3Options::default();
        self.connection.apply(&mut options);
        options
    }
}

#[derive(Subcommand, Debug)]
pub enum BaselineCommand {
    /// Scan PATHS (with the same flags and piiscan.toml as `scan`) and write every finding's
    /// path, detector and keyed fingerprint to the baseline file, sorted, without line numbers.
    #[command(
        mut_arg("output", |a| a
            .help("Where to write the baseline (default: piiscan.toml's `baseline`, else this)")
            .default_value(".piiscan-baseline.json")),
        mut_arg("format", |a| a.hide(true)),
        mut_arg("fail_on", |a| a.hide(true)),
        mut_arg("fail_on_skip", |a| a.hide(true)),
        mut_arg("reveal", |a| a.hide(true)),
        mut_arg("baseline", |a| a.hide(true)),
        mut_arg("max_findings_per_object", |a| a.hide(true)),
        mut_arg("stats", |a| a.hide(true)),
        mut_arg("color", |a| a.hide(true)),
        mut_arg("rollups_csv", |a| a.hide(true)),
    )]
    Create(ScanArgs),
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// The JSON Lines report to read ("-" for stdin).
    pub input: PathBuf,
    /// Report format.
    #[arg(long, value_enum)]
    pub format: FormatArg,
    /// Write the report to FILE (atomically, mode 0600) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write the rollups (per target and top-level prefix or folder, with each bucket's
    /// posture) as CSV to FILE, one row a target or prefix (atomically, mode 0600).
    #[arg(long, value_name = "FILE")]
    pub rollups_csv: Option<PathBuf>,
    /// The detector files (TOML) the scan used, for their names and descriptions.
    #[arg(long = "detectors", value_name = "PATH")]
    pub detector_files: Vec<PathBuf>,
    #[command(flatten)]
    pub asff: AsffArgs,
}

/// Where ASFF findings belong in AWS (`--format asff`).
#[derive(Args, Debug, Clone, Default)]
pub struct AsffArgs {
    /// ASFF: the 12-digit AWS account the findings are imported into.
    #[arg(long, value_name = "ID")]
    pub aws_account_id: Option<String>,
    /// ASFF: the region of the findings (default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1).
    #[arg(long, value_name = "REGION")]
    pub aws_region: Option<String>,
    /// ASFF: ProductArn (default: the account's own arn:aws:securityhub:REGION:ACCOUNT:product/ACCOUNT/default).
    #[arg(long, value_name = "ARN")]
    pub asff_product_arn: Option<String>,
    /// ASFF: GeneratorId (default: piiscan).
    #[arg(long, value_name = "ID")]
    pub asff_generator_id: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum DetectorsCommand {
    /// Every detector: id, category, checks.
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Extra detector files (TOML) to load with the built-in ones.
        #[arg(long = "detectors", value_name = "PATH")]
        detector_files: Vec<PathBuf>,
    },
    /// One detector's definition, checks and examples.
    Show {
        id: String,
        #[arg(long = "detectors", value_name = "PATH")]
        detector_files: Vec<PathBuf>,
    },
    /// Run every example and negative example (of the built-in detectors, or of FILE's).
    Test {
        /// A detector file (TOML) or folder of them; the built-in catalogue when omitted.
        file: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatArg {
    Human,
    Json,
    Jsonl,
    Sarif,
    Asff,
    Csv,
    Html,
}

impl FormatArg {
    pub fn format(self) -> Format {
        match self {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Asff => Format::Asff,
            FormatArg::Csv => Format::Csv,
            FormatArg::Html => Format::Html,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum SeverityArg {
    Low,
    Medium,
    High,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Args, Clone, Debug)]
pub struct ScanArgs {
    /// Files, folders, or "-" for stdin (default: stdin when it is not a terminal).
    pub paths: Vec<String>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Write the report to FILE (atomically, mode 0600) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write the rollups (per target and top-level prefix or folder, with each bucket's
    /// posture) as CSV to FILE, one row a target or prefix (atomically, mode 0600).
    #[arg(long, value_name = "FILE")]
    pub rollups_csv: Option<PathBuf>,
    /// Exit with 1 when any finding is at or above this severity.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<SeverityArg>,
    /// Exit with 3 when any object could not be scanned (and nothing failed --fail-on).
    #[arg(long)]
    pub fail_on_skip: bool,
    /// Include full values in the report. Without it no full value is written anywhere.
    #[arg(long)]
    pub reveal: bool,
    /// Extra detector files (TOML) or folders of them, loaded with the built-in catalogue.
    #[arg(long = "detectors", value_name = "PATH")]
    pub detector_files: Vec<PathBuf>,
    /// Run only these detector ids (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub only: Vec<String>,
    /// Never run these detector ids (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub disable: Vec<String>,
    /// A value that is never a finding (repeatable).
    #[arg(long, value_name = "VALUE")]
    pub allow: Vec<String>,
    /// A regex for values that are never findings; matches the whole value (repeatable).
    #[arg(long, value_name = "REGEX")]
    pub allow_regex: Vec<String>,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Scan files that look binary instead of skipping them.
    #[arg(long)]
    pub scan_binary: bool,
    /// Do not follow symbolic links inside folders (they are recorded as skipped).
    #[arg(long)]
    pub no_follow_symlinks: bool,
    /// Compressed streams and archives opened inside one another (the outermost counts as 1);
    /// deeper ones are skipped with the reason `archive-depth`.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub max_archive_depth: usize,
    /// Decompressed bytes read from one object, over all its members (suffixes K, M, G, KiB,
    /// MiB, GiB); beyond, the rest is skipped with the reason `decompression-limit`.
    #[arg(long, value_name = "BYTES", default_value = "10GiB", value_parser = parse_size)]
    pub max_decompressed_bytes: u64,
    /// Findings listed per object; the rest are counted (0: no limit).
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_findings_per_object: usize,
    /// Human format: also print candidates dropped per detector and reason.
    #[arg(long)]
    pub stats: bool,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Follow FILE as it grows, like `tail -F` (survives rotation by rename and truncation),
    /// reporting findings line by line until SIGINT/SIGTERM. Starts at its end.
    #[arg(long, value_name = "FILE")]
    pub follow: Option<PathBuf>,
    /// With --follow: read the file from its start, not only what is appended.
    #[arg(long, requires = "follow")]
    pub from_start: bool,
    /// Bytes each scan window owns (memory per worker is about twice this).
    #[arg(long, value_name = "BYTES", default_value_t = 4 << 20, hide = true)]
    pub window_size: usize,
    /// Read settings from FILE instead of ./piiscan.toml (flags override them).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Do not read ./piiscan.toml.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Report and gate only findings not recorded in FILE (see `piiscan baseline create`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Drop published test values (test card numbers, documentation keys): counted, not reported.
    #[arg(long)]
    pub ignore_test_values: bool,
    /// Report findings on lines marked `piiscan:ignore` too (to audit the markers).
    #[arg(long)]
    pub no_inline_ignore: bool,
    /// Scan only paths matching GLOB (repeatable; relative to the folder scanned).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Never scan paths matching GLOB (repeatable; `*.min.js`, `tests/fixtures/**`).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Scan the files staged in git (what `git commit` would record), named by repository path;
    /// PATHS, if any, are git pathspecs.
    #[arg(long)]
    pub staged: bool,
    /// Read the fingerprint key from FILE (else PIISCAN_FINGERPRINT_KEY, else the user's key).
    #[arg(long, value_name = "FILE")]
    pub fingerprint_key_file: Option<PathBuf>,
    /// No progress bar on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// Milliseconds before the progress bar appears.
    #[arg(long, value_name = "MS", default_value_t = 500, hide = true)]
    pub progress_delay_ms: u64,
    #[command(flatten)]
    pub asff: AsffArgs,
    /// Scan only shard K of N (K from 0): the objects whose name hashes to K (see
    /// docs/scale-out.md); join the N reports with `piiscan merge`.
    #[arg(long, value_name = "K/N", value_parser = clap::value_parser!(Shard))]
    pub shard: Option<Shard>,
    /// Record every finished object's result in FILE (SQLite) and, on a rerun, reuse the results
    /// of objects that did not change: resumable after a kill, incremental afterwards.
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    #[command(flatten)]
    pub s3: S3Args,
    /// Settings only the config file gives (filled by `resolve`).
    #[arg(skip)]
    pub from_file: FileOnly,
    /// Ids of the flags given on the command line (filled by `parse`).
    #[arg(skip)]
    pub explicit: Vec<String>,
}

/// How to reach S3 (`s3://bucket/prefix` targets) and which objects a scan reads there.
#[derive(Args, Debug, Clone)]
pub struct S3Args {
    #[command(flatten)]
    pub connection: S3ConnectionArgs,
    /// S3: objects read at once.
    #[arg(long, value_name = "N", default_value_t = 32)]
    pub concurrency: usize,
    /// S3: attempts per request, retries with backoff included.
    #[arg(long, value_name = "N", default_value_t = 8, hide = true)]
    pub max_attempts: u32,
    /// S3: skip objects smaller than SIZE (bytes, or with KB/MB/GB/KiB/MiB/GiB).
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub min_object_size: Option<u64>,
    /// S3: skip objects larger than SIZE (e.g. 512MiB).
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_object_size: Option<u64>,
    /// S3: only objects last modified at or after DATE (2026-01-31 or RFC 3339).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub modified_since: Option<std::time::SystemTime>,
    /// S3: only objects last modified before DATE.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub modified_before: Option<std::time::SystemTime>,
    /// S3: scan PERCENT of the objects (e.g. 10%), picked by a hash of the key (reruns pick the same).
    #[arg(long, value_name = "PERCENT", value_parser = parse_percent)]
    pub sample: Option<u32>,
    /// S3: storage classes recorded as skipped instead of read (comma-separated; "" for none).
    #[arg(
        long,
        value_name = "CLASSES",
        value_delimiter = ',',
        default_value = "GLACIER,DEEP_ARCHIVE"
    )]
    pub skip_storage_classes: Vec<String>,
    /// S3: read the objects of the s3:// targets from this S3 Inventory manifest.json (a local
    /// path or an s3://bucket/key URL; CSV or Parquet) instead of listing them.
    #[arg(long, value_name = "MANIFEST")]
    pub inventory: Option<String>,
}

impl S3Args {
    fn options(&self) -> Result<crate::source::s3::S3Options, Error> {
        use crate::source::s3::{S3Options, Scope};
        if self.concurrency == 0 {
            return Err(Error::Usage("--concurrency must be at least 1".into()));
        }
        let mut options = S3Options {
            concurrency: self.concurrency,
            max_attempts: self.max_attempts,
            scope: Scope {
                min_size: self.min_object_size,
                max_size: self.max_object_size,
                modified_since: self.modified_since,
                modified_before: self.modified_before,
                sample_basis_points: self.sample.unwrap_or(10_000),
                skip_storage_classes: self
                    .skip_storage_classes
                    .iter()
                    .map(|c| c.trim().to_ascii_uppercase())
                    .filter(|c| !c.is_empty())
                    .collect(),
            },
            inventory: self.inventory.clone(),
            ..S3Options::default()
        };
        self.connection.apply(&mut options);
        Ok(options)
    }
}

/// How to reach S3, for `scan s3://...` and `buckets` alike.
#[derive(Args, Debug, Clone, Default)]
pub struct S3ConnectionArgs {
    /// S3: the profile of ~/.aws/config and ~/.aws/credentials to use (else AWS_PROFILE, else default).
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// S3: the region (else AWS_REGION, the profile's, else us-east-1).
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// S3: an S3-compatible endpoint, e.g. http://127.0.0.1:9000 (MinIO, Ceph, R2, SeaweedFS).
    #[arg(long, value_name = "URL")]
    pub endpoint_url: Option<String>,
    /// S3: path-style addressing (ENDPOINT/BUCKET/KEY), as most S3-compatible stores need.
    #[arg(long)]
    pub path_style: bool,
}

impl S3ConnectionArgs {
    fn apply(&self, options: &mut crate::source::s3::S3Options) {
        options.profile = self.profile.clone();
        options.region = self.region.clone();
        options.endpoint_url = self.endpoint_url.clone();
        options.path_style = self.path_style;
    }
}

/// A size for every size flag and key: `4096`, `10MB`, `512MiB`, `10GiB` (K/KB/MB/GB are powers of
/// 1000, KiB/MiB/GiB of 1024).
fn parse_size(text: &str) -> Result<u64, String> {
    parse_size::parse_size(text.trim()).map_err(|e| format!("`{text}` is not a size such as 512MiB or 10GB ({e})"))
}

/// `2026-01-31` (midnight UTC) or an RFC 3339 time such as `2026-01-31T12:00:00Z`.
fn parse_date(text: &str) -> Result<std::time::SystemTime, String> {
    let full = if text.len() == 10 {
        format!("{text}T00:00:00Z")
    } else {
        text.to_string()
    };
    humantime::parse_rfc3339_weak(&full).map_err(|e| format!("`{text}` is not a date such as 2026-01-31: {e}"))
}

/// `10%` or `10` (percent, up to two decimals) → basis points.
fn parse_percent(text: &str) -> Result<u32, String> {
    let number: f64 = text
        .trim()
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("`{text}` is not a percentage such as 10%"))?;
    if !(0.0..=100.0).contains(&number) || number == 0.0 {
        return Err(format!("the sample must be above 0% and at most 100%, not {text}"));
    }
    Ok((number * 100.0).round() as u32)
}

/// What `piiscan.toml` sets that has no flag.
#[derive(Clone, Debug, Default)]
pub struct FileOnly {
    /// `[allow.detector.ID]` lists.
    pub allow: Vec<AllowSpec>,
    pub inline_ignore: Option<bool>,
}

/// Parses the command line, remembering which flags were given (so that `piiscan.toml` can fill
/// in the others).
pub fn parse() -> Cli {
    let matches = Cli::command().get_matches();
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let mut deepest: &ArgMatches = &matches;
    while let Some((_, sub)) = deepest.subcommand() {
        deepest = sub;
    }
    let explicit: Vec<String> = deepest
        .ids()
        .filter(|id| deepest.value_source(id.as_str()) == Some(ValueSource::CommandLine))
        .map(|id| id.as_str().to_string())
        .collect();
    match &mut cli.command {
        Command::Scan(args) | Command::Baseline(BaselineCommand::Create(args)) => args.explicit = explicit,
        // Other commands have no scan flags for piiscan.toml to fill in.
        _ => {}
    }
    cli
}

impl ScanArgs {
    fn given(&self, id: &str) -> bool {
        self.explicit.iter().any(|e| e == id)
    }
}

/// The flags merged with `piiscan.toml` (from `--config`, else the current folder unless
/// `--no-config`): a flag given on the command line wins; lists of allowed values, detector
/// files and path globs add up; `only` from the command line replaces the file's.
pub fn resolve(mut args: ScanArgs) -> Result<ScanArgs, Error> {
    let loaded = match (&args.config, args.no_config) {
        (Some(path), _) => Some(Loaded::read(path)?),
        (None, true) => None,
        (None, false) => Loaded::find(Path::new("."))?,
    };
    let Some(loaded) = loaded else { return Ok(args) };
    let c = &loaded.file;
    if let Some(v) = &c.format
        && !args.given("format")
    {
        args.format = value_enum(&loaded, v, "format")?;
    }
    if let Some(v) = &c.fail_on
        && !args.given("fail_on")
    {
        args.fail_on = Some(value_enum(&loaded, v, "fail_on")?);
    }
    if let Some(v) = &c.color
        && !args.given("color")
    {
        args.color = value_enum(&loaded, v, "color")?;
    }
    let flag = |given: bool, file: Option<bool>| given || file.unwrap_or(false);
    args.fail_on_skip = flag(args.fail_on_skip, c.fail_on_skip);
    args.scan_binary = flag(args.scan_binary, c.scan_binary);
    args.stats = flag(args.stats, c.stats);
    args.quiet = flag(args.quiet, c.quiet);
    args.ignore_test_values = flag(args.ignore_test_values, c.ignore_test_values);
    if !args.no_follow_symlinks && c.follow_symlinks == Some(false) {
        args.no_follow_symlinks = true;
    }
    if let Some(n) = c.threads
        && !args.given("threads")
    {
        args.threads = n;
    }
    if let Some(n) = c.max_archive_depth
        && !args.given("max_archive_depth")
    {
        args.max_archive_depth = n;
    }
    if let Some(v) = &c.max_decompressed_bytes
        && !args.given("max_decompressed_bytes")
    {
        args.max_decompressed_bytes =
            parse_size(v.get_ref()).map_err(|e| loaded.error_at(v.span(), format!("`max_decompressed_bytes`: {e}")))?;
    }
    if let Some(n) = c.max_findings_per_object
        && !args.given("max_findings_per_object")
    {
        args.max_findings_per_object = n;
    }
    if args.baseline.is_none() {
        args.baseline = c.baseline.as_deref().map(|p| loaded.resolve(p));
    }
    if args.fingerprint_key_file.is_none() {
        args.fingerprint_key_file = c.fingerprint_key_file.as_deref().map(|p| loaded.resolve(p));
    }
    let files: Vec<PathBuf> = c.detectors.files.iter().map(|p| loaded.resolve(p)).collect();
    args.detector_files.splice(0..0, files);
    if !args.given("only") {
        args.only = c.detectors.only.iter().map(|s| s.get_ref().clone()).collect();
    }
    args.disable
        .extend(c.detectors.disable.iter().map(|s| s.get_ref().clone()));
    args.allow.splice(0..0, c.allow.values.iter().cloned());
    args.allow_regex.splice(0..0, c.allow.regexes.iter().cloned());
    args.include.splice(0..0, c.paths.include.iter().cloned());
    args.exclude.splice(0..0, c.paths.exclude.iter().cloned());
    args.from_file.inline_ignore = c.inline_ignore;
    args.from_file.allow = c
        .allow
        .detector
        .iter()
        .map(|(id, entry)| AllowSpec {
            detector: Some(id.get_ref().clone()),
            values: entry.values.clone(),
            regexes: entry.regexes.clone(),
        })
        .collect();
    check_detector_ids(&loaded, &args.detector_files)?;
    Ok(args)
}

/// A `--format`-like value from the file, with the possible values in the error.
fn value_enum<T: ValueEnum>(loaded: &Loaded, value: &toml::Spanned<String>, key: &str) -> Result<T, Error> {
    T::from_str(value.get_ref(), true).map_err(|_| {
        let possible: Vec<String> = T::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
            .collect();
        loaded.error_at(
            value.span(),
            format!(
                "`{key} = \"{}\"` is not one of: {}",
                value.get_ref(),
                possible.join(", ")
            ),
        )
    })
}

/// Every detector id the file names must exist (built in or in a detector file): a misspelt id
/// would silently allow or disable nothing.
fn check_detector_ids(loaded: &Loaded, detector_files: &[PathBuf]) -> Result<(), Error> {
    let c = &loaded.file;
    let named: Vec<(&toml::Spanned<String>, &str)> = c
        .detectors
        .only
        .iter()
        .map(|s| (s, "detectors.only"))
        .chain(c.detectors.disable.iter().map(|s| (s, "detectors.disable")))
        .chain(c.allow.detector.keys().map(|s| (s, "allow.detector")))
        .collect();
    if named.is_empty() {
        return Ok(());
    }
    let known = crate::detect::catalog::load(detector_files)?;
    for (id, key) in named {
        if !known.iter().any(|d| d.id() == id.get_ref()) {
            return Err(loaded.error_at(
                id.span(),
                format!(
                    "unknown detector id `{}` in `{key}`; `piiscan detectors list` shows the ids",
                    id.get_ref()
                ),
            ));
        }
    }
    Ok(())
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ModeArg {
    /// Letters and digits become `*`, keeping what the detector's mask keeps (`***-**-4399`).
    Mask,
    /// The detector's id: `<USA_SOCIAL_SECURITY_NUMBER>`.
    Tag,
    /// The keyed fingerprint (as in reports): equal values stay equal across files.
    Hash,
    /// Nothing.
    Remove,
}

#[derive(Args, Debug)]
pub struct RedactArgs {
    /// The file to redact; stdin when omitted or "-".
    pub input: Option<PathBuf>,
    /// Write the redacted copy to FILE (atomically) instead of stdout.
    #[arg(long, short, value_name = "FILE", conflicts_with = "in_place")]
    pub output: Option<PathBuf>,
    /// Replace the input file with its redacted copy (atomically, keeping its permissions).
    #[arg(long)]
    pub in_place: bool,
    /// What each value becomes.
    #[arg(long, value_enum, default_value_t = ModeArg::Mask)]
    pub mode: ModeArg,
    /// Extra detector files (TOML) or folders of them, loaded with the built-in catalogue.
    #[arg(long = "detectors", value_name = "PATH")]
    pub detector_files: Vec<PathBuf>,
    /// Redact only what these detector ids find (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub only: Vec<String>,
    /// Never redact what these detector ids find (comma-separated).
    #[arg(long, alias = "disable", value_delimiter = ',', value_name = "IDS")]
    pub exclude: Vec<String>,
    /// Bytes each window owns.
    #[arg(long, value_name = "BYTES", default_value_t = 4 << 20, hide = true)]
    pub window_size: usize,
}

/// Builds the redaction configuration from the parsed flags and the environment.
pub fn redact_config(args: &RedactArgs) -> Result<crate::redaction::Config, Error> {
    use crate::redaction::{Mode, Output, RedactOptions};
    let input = args.input.clone().filter(|p| p.as_os_str() != "-");
    if args.in_place && input.is_none() {
        return Err(Error::Usage(
            "--in-place needs an input file, e.g. `piiscan redact --in-place app.log`".into(),
        ));
    }
    if args.window_size < 4096 {
        return Err(Error::Usage("--window-size must be at least 4096".into()));
    }
    let output = match (&args.output, args.in_place) {
        (_, true) => Output::InPlace,
        (Some(path), false) if path.as_os_str() != "-" => Output::File(path.clone()),
        _ => Output::Stdout,
    };
    if let (Output::File(out), Some(input)) = (&output, &input)
        && out.exists()
        && std::fs::canonicalize(out).ok() == std::fs::canonicalize(input).ok()
    {
        return Err(Error::Usage(
            "--output is the input file; use --in-place to replace it".into(),
        ));
    }
    Ok(crate::redaction::Config {
        input,
        output,
        detector_files: args.detector_files.clone(),
        engine: EngineOptions {
            only: args.only.clone(),
            disable: args.exclude.clone(),
            allow: Vec::new(),
        },
        redact: RedactOptions {
            mode: match args.mode {
                ModeArg::Mask => Mode::Mask,
                ModeArg::Tag => Mode::Tag,
                ModeArg::Hash => Mode::Hash,
                ModeArg::Remove => Mode::Remove,
            },
            // Only hashing needs the key: the other modes work without a config directory.
            key: match args.mode {
                ModeArg::Hash => fingerprint_key()?,
                _ => FingerprintKey::new(Vec::new()),
            },
            window_size: args.window_size,
        },
    })
}

impl SeverityArg {
    pub fn severity(self) -> Severity {
        match self {
            SeverityArg::Low => Severity::Low,
            SeverityArg::Medium => Severity::Medium,
            SeverityArg::High => Severity::High,
        }
    }
}

/// Builds the scan configuration from the parsed flags and the environment.
pub fn scan_config(args: &ScanArgs) -> Result<Config, Error> {
    let mut targets = args.paths.clone();
    if args.staged && targets.iter().any(|t| t == "-") {
        return Err(Error::Usage(
            "--staged reads the git index; it cannot also read stdin (\"-\")".into(),
        ));
    }
    if targets.is_empty() && !args.staged && args.follow.is_none() {
        if std::io::stdin().is_terminal() {
            return Err(Error::Usage(
                "nothing to scan: give files or folders (or \"-\" for stdin), e.g. `piiscan scan ./exports`".into(),
            ));
        }
        targets.push("-".into());
    }
    if args.s3.inventory.is_some() && !targets.iter().any(|t| crate::source::s3::is_target(t)) {
        return Err(Error::Usage(
            "--inventory lists the objects of an s3:// target: name the bucket (or prefix) it describes, \
             e.g. `piiscan scan s3://BUCKET --inventory MANIFEST`"
                .into(),
        ));
    }
    if targets.iter().filter(|t| *t == "-").count() > 1 {
        return Err(Error::Usage("stdin (\"-\") can be scanned only once".into()));
    }
    if args.window_size < 4096 {
        return Err(Error::Usage("--window-size must be at least 4096".into()));
    }
    let mut allow = Vec::new();
    if !args.allow.is_empty() || !args.allow_regex.is_empty() {
        allow.push(AllowSpec {
            detector: None,
            values: args.allow.clone(),
            regexes: args.allow_regex.clone(),
        });
    }
    allow.extend(args.from_file.allow.iter().cloned());
    let key = match &args.fingerprint_key_file {
        Some(path) if args.given("fingerprint_key_file") || std::env::var_os("PIISCAN_FINGERPRINT_KEY").is_none() => {
            key_from_file(path)?
        }
        _ => fingerprint_key()?,
    };
    let baseline = match &args.baseline {
        Some(path) => {
            let baseline = Baseline::load(path)?;
            if !baseline.made_with(&key) {
                return Err(Error::Usage(format!(
                    "{}: the baseline was made with another fingerprint key, so none of its \
                     fingerprints can match; scan with the key it was made with \
                     (PIISCAN_FINGERPRINT_KEY or --fingerprint-key-file; see docs/ci.md)",
                    path.display()
                )));
            }
            Some(Arc::new(baseline))
        }
        None => None,
    };
    let paths = PathFilter::new(&args.include, &args.exclude).map_err(Error::Usage)?;
    let progress: Option<Arc<dyn Progress>> = (!args.quiet && std::io::stderr().is_terminal()).then(|| {
        let stdout_terminal = args.output.is_none() && std::io::stdout().is_terminal();
        Arc::new(crate::progress::Bar::stderr(
            Duration::from_millis(args.progress_delay_ms),
            stdout_terminal,
        )) as Arc<dyn Progress>
    });
    Ok(Config {
        targets,
        detector_files: args.detector_files.clone(),
        engine: EngineOptions {
            only: args.only.clone(),
            disable: args.disable.clone(),
            allow,
        },
        walk: WalkOptions {
            follow_symlinks: !args.no_follow_symlinks,
            ..WalkOptions::default()
        },
        decode: DecodeOptions {
            scan_binary: args.scan_binary,
            limits: DecodeLimits {
                max_depth: args.max_archive_depth,
                max_object_bytes: args.max_decompressed_bytes,
                max_member_bytes: args
                    .max_decompressed_bytes
                    .min(DecodeLimits::default().max_member_bytes),
                ..DecodeLimits::default()
            },
        },
        classify: ClassifyOptions {
            reveal: args.reveal,
            key,
            context_bytes: 40,
        },
        report: ReportOptions {
            format: args.format.format(),
            output: args.output.clone(),
            rollups_csv: args.rollups_csv.clone(),
            color: match args.color {
                ColorArg::Auto => Color::Auto,
                ColorArg::Always => Color::Always,
                ColorArg::Never => Color::Never,
            },
            show_stats: args.stats,
            formats: format_options(args.format.format(), &args.detector_files, &args.asff)?,
        },
        threads: args.threads,
        window_size: args.window_size,
        max_findings_per_object: args.max_findings_per_object,
        suppress: SuppressOptions {
            inline: !args.no_inline_ignore && args.from_file.inline_ignore.unwrap_or(true),
            test_values: args.ignore_test_values,
            baseline,
        },
        paths,
        staged: args.staged,
        progress,
        follow: args
            .follow
            .as_ref()
            .map(|path| FollowOptions::new(path.clone(), args.from_start)),
        shard: args.shard,
        state: args.state.clone(),
        s3: args.s3.options()?,
    })
}

/// A fingerprint key kept in a file (`--fingerprint-key-file`, `fingerprint_key_file`): its
/// text, without surrounding whitespace.
fn key_from_file(path: &Path) -> Result<FingerprintKey, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let key = text.trim();
    if key.is_empty() {
        return Err(Error::Usage(format!(
            "{}: the fingerprint key file is empty",
            path.display()
        )));
    }
    Ok(FingerprintKey::new(key.as_bytes().to_vec()))
}

/// Builds the options of `piiscan report`.
pub fn report_options(args: &ReportArgs) -> Result<ReportOptions, Error> {
    Ok(ReportOptions {
        format: args.format.format(),
        output: args.output.clone(),
        rollups_csv: args.rollups_csv.clone(),
        color: Color::Auto,
        show_stats: false,
        formats: format_options(args.format.format(), &args.detector_files, &args.asff)?,
    })
}

/// Builds the options of `piiscan merge`.
pub fn merge_options(args: &MergeArgs) -> Result<ReportOptions, Error> {
    Ok(ReportOptions {
        format: args.format.format(),
        output: args.output.clone(),
        rollups_csv: args.rollups_csv.clone(),
        color: Color::Auto,
        show_stats: false,
        formats: format_options(args.format.format(), &args.detector_files, &args.asff)?,
    })
}

/// What the SARIF, HTML and ASFF formats need: the catalogue's names and descriptions (loaded
/// only for the formats that show them) and the AWS account and region.
fn format_options(format: Format, detector_files: &[PathBuf], asff: &AsffArgs) -> Result<FormatOptions, Error> {
    let detectors = match format {
        Format::Sarif | Format::Html | Format::Asff => crate::detect::catalog::load(detector_files)?
            .iter()
            .map(|d| DetectorInfo::from(&d.spec))
            .collect(),
        _ => Vec::new(),
    };
    let region = asff.aws_region.clone().or_else(|| {
        ["AWS_REGION", "AWS_DEFAULT_REGION"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|r| !r.is_empty()))
    });
    if let Some(id) = &asff.aws_account_id
        && (id.len() != 12 || !id.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(Error::Usage(format!("--aws-account-id must be 12 digits, not {id:?}")));
    }
    Ok(FormatOptions {
        detectors,
        asff: AsffOptions {
            account_id: asff.aws_account_id.clone(),
            region,
            product_arn: asff.asff_product_arn.clone(),
            generator_id: asff.asff_generator_id.clone(),
        },
    })
}

/// The fingerprint key: `PIISCAN_FINGERPRINT_KEY` when set (so that teams share fingerprints),
/// else a random key created on first use in the user's config directory (mode 0600).
pub fn fingerprint_key() -> Result<FingerprintKey, Error> {
    if let Ok(key) = std::env::var("PIISCAN_FINGERPRINT_KEY") {
        if key.is_empty() {
            return Err(Error::Usage("PIISCAN_FINGERPRINT_KEY is set but empty".into()));
        }
        return Ok(FingerprintKey::new(key.into_bytes()));
    }
    let Some(dir) = dirs::config_dir().map(|d| d.join("piiscan")) else {
        return Err(Error::Usage(
            "no config directory to keep the fingerprint key in; set PIISCAN_FINGERPRINT_KEY".into(),
        ));
    };
    let path = dir.join("fingerprint.key");
    match std::fs::read_to_string(&path) {
        Ok(text) if !text.trim().is_empty() => return Ok(FingerprintKey::new(text.trim().as_bytes().to_vec())),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(&path, e)),
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| Error::Usage(format!("cannot make a random fingerprint key: {e}")))?;
    let key = hex::encode(bytes);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    // Written atomically, mode 0600, so that two first runs at once agree on one key.
    let mut temp = tempfile::NamedTempFile::new_in(&dir).map_err(|e| Error::io(&dir, e))?;
    std::io::Write::write_all(&mut temp, key.as_bytes()).map_err(|e| Error::io(&path, e))?;
    match temp.persist_noclobber(&path) {
        Ok(_) => Ok(FingerprintKey::new(key.into_bytes())),
        Err(_) => {
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            Ok(FingerprintKey::new(text.trim().as_bytes().to_vec()))
        }
    }
}
