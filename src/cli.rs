//! The command line: clap definitions and their translation into `scan::Config`. The only file that
//! knows clap, and the only one that reads the environment (`PIISCAN_FINGERPRINT_KEY`, `NO_COLOR`
//! via anstream, the user's config directory).

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::classify::ClassifyOptions;
use crate::decode::DecodeOptions;
use crate::detect::allow::AllowSpec;
use crate::detect::{EngineOptions, Severity};
use crate::error::Error;
use crate::redact::FingerprintKey;
use crate::report::{Color, Format, ReportOptions};
use crate::scan::Config;
use crate::source::WalkOptions;
use crate::source::follow::FollowOptions;

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

#[derive(Args, Debug)]
pub struct ScanArgs {
    /// Files, folders, or "-" for stdin (default: stdin when it is not a terminal).
    pub paths: Vec<String>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Write the report to FILE (atomically, mode 0600) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
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
    if targets.is_empty() && args.follow.is_none() {
        if std::io::stdin().is_terminal() {
            return Err(Error::Usage(
                "nothing to scan: give files or folders (or \"-\" for stdin), e.g. `piiscan scan ./exports`".into(),
            ));
        }
        targets.push("-".into());
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
        },
        classify: ClassifyOptions {
            reveal: args.reveal,
            key: fingerprint_key()?,
            context_bytes: 40,
        },
        report: ReportOptions {
            format: match args.format {
                FormatArg::Human => Format::Human,
                FormatArg::Json => Format::Json,
                FormatArg::Jsonl => Format::Jsonl,
            },
            output: args.output.clone(),
            color: match args.color {
                ColorArg::Auto => Color::Auto,
                ColorArg::Always => Color::Always,
                ColorArg::Never => Color::Never,
            },
            show_stats: args.stats,
        },
        threads: args.threads,
        window_size: args.window_size,
        max_findings_per_object: args.max_findings_per_object,
        follow: args
            .follow
            .as_ref()
            .map(|path| FollowOptions::new(path.clone(), args.from_start)),
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
