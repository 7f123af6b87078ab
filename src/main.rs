//! The `piiscan` command: parse, run, and turn the outcome into an exit code.
//!
//! Exit codes: 0 nothing at or above `--fail-on`; 1 findings at or above it; 2 usage or fatal
//! error; 3 objects could not be scanned and `--fail-on-skip` was set; 130 interrupted.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use piiscan::baseline::BaselineFile;
use piiscan::cli::{BaselineCommand, Cli, Command, DetectorsCommand, ListFormat};
use piiscan::detect::{EngineOptions, catalog, examples};
use piiscan::{redaction, scan};

fn main() -> ExitCode {
    let cli = piiscan::cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("piiscan: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Scan(args) => {
            let args = piiscan::cli::resolve(args)?;
            let config = piiscan::cli::scan_config(&args)?;
            let cancel = cancel_on_signals();
            let engine = scan::build_engine(&config.detector_files, &config.engine)?;
            let outcome = scan::run_with_engine(&config, &engine, &cancel)?;
            // The process ends next: freeing every detector and automaton would only cost time.
            std::mem::forget(engine);
            if let Some(state) = &outcome.state {
                if state.invalidated {
                    eprintln!(
                        "piiscan: {}: the stored results were made by another piiscan version or with other detectors or options: discarded, every object was scanned",
                        state.path.display()
                    );
                }
                eprintln!(
                    "piiscan: state {}: {} unchanged objects reused, {} scanned and recorded, {} gone and dropped",
                    state.path.display(),
                    state.reused,
                    state.recorded,
                    state.dropped
                );
            }
            let gate = args.fail_on.map(|s| s.severity());
            Ok(match () {
                _ if gate.is_some_and(|g| outcome.highest_severity >= Some(g)) => ExitCode::from(1),
                _ if outcome.interrupted => ExitCode::from(130),
                _ if args.fail_on_skip && outcome.objects_skipped > 0 => ExitCode::from(3),
                _ => ExitCode::SUCCESS,
            })
        }
        Command::Baseline(BaselineCommand::Create(args)) => {
            let mut args = piiscan::cli::resolve(args)?;
            // A `baseline` key in piiscan.toml names the file being made (unless --output is
            // given), not one to apply.
            let named = args.baseline.take();
            let path = match (args.output.take(), named) {
                (Some(output), _) if args.explicit.iter().any(|id| id == "output") => output,
                (_, Some(named)) => named,
                (output, None) => output.unwrap_or_else(|| ".piiscan-baseline.json".into()),
            };
            let mut config = piiscan::cli::scan_config(&args)?;
            // Every occurrence is recorded, not only those a report would list.
            config.max_findings_per_object = 0;
            config.suppress.baseline = None;
            let cancel = AtomicBool::new(false);
            let mut objects = Vec::new();
            let summary = scan::collect(&config, &cancel, &mut |o| {
                if !o.findings.is_empty() {
                    objects.push(o.clone());
                }
                Ok(())
            })?;
            let baseline = BaselineFile::from_objects(&objects, &config.classify.key);
            baseline.write(&path)?;
            let entries: u64 = baseline.findings.iter().map(|e| e.count).sum();
            eprintln!(
                "piiscan: wrote {} ({} findings in {} entries, {} objects scanned, {} skipped)",
                path.display(),
                entries,
                baseline.findings.len(),
                summary.objects_scanned,
                summary.objects_skipped
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Report(args) => {
            let options = piiscan::cli::report_options(&args)?;
            let replayed = piiscan::report::replay::run(&args.input, &options)?;
            if replayed.summary_rebuilt {
                eprintln!(
                    "piiscan: warning: {} has no summary record (the scan was cut short); totals were rebuilt from its {} objects",
                    args.input.display(),
                    replayed.objects
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Merge(args) => {
            piiscan::report::merge::check_inputs(&args.inputs)?;
            let options = piiscan::cli::merge_options(&args)?;
            let merged = piiscan::report::merge::run(&args.inputs, &options)?;
            if merged.duplicates > 0 {
                eprintln!(
                    "piiscan: {} objects appeared in more than one report and were kept once",
                    merged.duplicates
                );
            }
            for part in &merged.cut_short {
                eprintln!(
                    "piiscan: warning: {} has no summary record (its scan was cut short): the merged report is marked interrupted",
                    part.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Buckets(args) => {
            use piiscan::source::s3;
            let session = s3::Session::new(&args.options()).map_err(anyhow::Error::msg)?;
            let names = match args.buckets.is_empty() {
                true => s3::bucket_names(&session).map_err(anyhow::Error::msg)?,
                false => args.buckets.clone(),
            };
            let postures: Vec<_> = names.iter().map(|b| s3::bucket_posture(&session, b)).collect();
            let out = &mut std::io::stdout().lock();
            match args.format {
                ListFormat::Json => {
                    serde_json::to_writer_pretty(&mut *out, &postures)?;
                    writeln!(out)?;
                }
                ListFormat::Table => piiscan::posture::write_table(&postures, out)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Redact(args) => {
            let config = piiscan::cli::redact_config(&args)?;
            let cancel = cancel_on_signals();
            let done = redaction::run(&config, &cancel)?;
            Ok(if done.interrupted {
                ExitCode::from(130)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Detectors(DetectorsCommand::List { format, detector_files }) => {
            let engine = scan::build_engine(&detector_files, &EngineOptions::default())?;
            let out = &mut std::io::stdout().lock();
            if format == ListFormat::Json {
                let specs: Vec<_> = engine.detectors().iter().map(|d| &d.spec).collect();
                serde_json::to_writer_pretty(&mut *out, &specs)?;
                writeln!(out)?;
            } else {
                writeln!(out, "{:<44} {:<12} {:<8} CHECKS", "ID", "CATEGORY", "SEVERITY")?;
                for d in engine.detectors() {
                    writeln!(
                        out,
                        "{:<44} {:<12} {:<8} {}",
                        d.id(),
                        d.spec.category.as_str(),
                        severity_text(&d.spec.severity),
                        checks(d)
                    )?;
                }
                writeln!(out, "{} detectors", engine.detectors().len())?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Detectors(DetectorsCommand::Show { id, detector_files }) => {
            let engine = scan::build_engine(&detector_files, &EngineOptions::default())?;
            let Some(d) = engine.detectors().iter().find(|d| d.id() == id) else {
                anyhow::bail!("no detector `{id}`; `piiscan detectors list` shows the ids");
            };
            let out = &mut std::io::stdout().lock();
            writeln!(out, "{} — {} ({})", d.id(), d.spec.name, d.spec.category.as_str())?;
            writeln!(out, "source:   {}", d.source)?;
            writeln!(out, "checks:   {}", checks(d))?;
            writeln!(out, "severity: {}", severity_text(&d.spec.severity))?;
            writeln!(out, "pattern:  {}", d.spec.pattern)?;
            writeln!(out, "\n{}", d.spec.description)?;
            writeln!(out, "\n[detector]\n{}", toml::to_string_pretty(&d.spec)?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Detectors(DetectorsCommand::Test { file }) => {
            let (engine, only) = match &file {
                None => (scan::build_engine(&[], &EngineOptions::default())?, None),
                Some(path) => {
                    let ids: Vec<String> = catalog::load_file(path)?.iter().map(|d| d.id().to_string()).collect();
                    (
                        scan::build_engine(std::slice::from_ref(path), &EngineOptions::default())?,
                        Some(ids),
                    )
                }
            };
            let (checked, failures) = examples::check(&engine, only.as_deref());
            for f in &failures {
                println!("FAIL {f}");
            }
            println!("{} passed, {} failed", checked - failures.len(), failures.len());
            Ok(if failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

/// A flag that SIGINT/SIGTERM set: scans and redactions stop cleanly at the next window.
fn cancel_on_signals() -> Arc<AtomicBool> {
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    cancel
}

fn severity_text(s: &catalog::SeveritySpec) -> String {
    match s {
        catalog::SeveritySpec::Fixed(s) => s.as_str().to_string(),
        catalog::SeveritySpec::ByCount { one, some, many } => {
            format!("{}/{}/{}", one.as_str(), some.as_str(), many.as_str())
        }
        catalog::SeveritySpec::Thresholds(thresholds) => thresholds
            .iter()
            .map(|t| format!("{}≥{}", t.severity.as_str(), t.occurrences))
            .collect::<Vec<_>>()
            .join("/"),
    }
}

fn checks(d: &piiscan::detect::Detector) -> String {
    let mut parts = vec!["regex".to_string()];
    if let Some(v) = d.validator {
        parts.push(v.name.to_string());
    }
    if d.spec.keywords_required {
        parts.push(format!("keyword≤{}", d.keyword_distance));
    }
    if !d.spec.ignore.is_empty() {
        parts.push("ignore-list".into());
    }
    parts.join(", ")
}
