//! Human output: findings grouped by object as they finish, most severe first within an object,
//! then totals. Colour comes from anstyle and is stripped by the sink when not wanted.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use crate::classify::{Level, Rollup, ScannedObject, Summary};
use crate::detect::Severity;
use crate::report::{Report, Sink, ranked_prefixes};

pub struct Human {
    sink: Sink,
    show_stats: bool,
    color: bool,
}

impl Human {
    pub fn new(sink: Sink, show_stats: bool, color: bool) -> Human {
        Human {
            sink,
            show_stats,
            color,
        }
    }

    fn style(&self, style: Style) -> Style {
        if self.color { style } else { Style::new() }
    }
}

fn severity_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::High => AnsiColor::Red,
        Severity::Medium => AnsiColor::Yellow,
        Severity::Low => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

fn level_style(level: Level) -> Style {
    match level {
        Level::High => severity_style(Severity::High),
        Level::Medium => severity_style(Severity::Medium),
        Level::Low => severity_style(Severity::Low),
        Level::None => Style::new().dimmed(),
    }
}

impl Report for Human {
    fn object(&mut self, object: &ScannedObject) -> io::Result<()> {
        let bold = self.style(Style::new().bold());
        let dim = self.style(Style::new().dimmed());
        let level = self.style(level_style(object.sensitivity.level));
        let color = self.color;
        let out = &mut self.sink;
        if let Some(skip) = &object.skipped {
            let warn = if color {
                Style::new().fg_color(Some(AnsiColor::Yellow.into()))
            } else {
                Style::new()
            };
            writeln!(
                out,
                "{bold}{}{bold:#}  {warn}skipped: {}{warn:#} {dim}({}){dim:#}",
                object.object,
                skip.reason.as_str(),
                skip.detail
            )?;
            if object.findings.is_empty() {
                return out.flush();
            }
        }
        if object.findings.is_empty() {
            return Ok(());
        }
        writeln!(
            out,
            "{bold}{}{bold:#}  {level}{} {}{level:#}  {} finding{}",
            object.object,
            object.sensitivity.level.as_str(),
            object.sensitivity.score,
            object.finding_count,
            if object.finding_count == 1 { "" } else { "s" }
        )?;
        let mut findings: Vec<_> = object.findings.iter().collect();
        findings.sort_by(|a, b| {
            b.severity
                .cmp(&a.severity)
                .then(a.location.member.cmp(&b.location.member))
                .then(a.location.offset.cmp(&b.location.offset))
        });
        for f in findings {
            let sev = if color {
                severity_style(f.severity)
            } else {
                Style::new()
            };
            let test = if f.test_value { " (test value)" } else { "" };
            let place = f.location.place();
            let place = if place.is_empty() {
                place
            } else {
                format!("  ({place})")
            };
            writeln!(
                out,
                "  {dim}{:>6}:{:<4}{dim:#} {sev}{:<6}{sev:#} {:<40} {}{test}{place}",
                f.location.line,
                f.location.column,
                f.severity.as_str(),
                f.detector,
                f.masked
            )?;
            if let Some(member) = &f.location.member {
                writeln!(out, "  {dim}           in {member}{dim:#}")?;
            }
            writeln!(out, "  {dim}           {}{dim:#}", f.context)?;
        }
        let hidden = object.finding_count.saturating_sub(object.findings.len() as u64);
        if hidden > 0 {
            writeln!(out, "  {dim}… {hidden} more (see --max-findings-per-object){dim:#}")?;
        }
        writeln!(out)?;
        // Out now, while a progress bar on the same terminal is suspended.
        out.flush()
    }

    fn finish(mut self: Box<Self>, s: &Summary) -> io::Result<()> {
        let bold = self.style(Style::new().bold());
        let out = &mut self.sink;
        writeln!(
            out,
            "{bold}Scanned{bold:#} {} object{} ({}), {} skipped, in {:.2}s{}",
            s.objects_scanned,
            if s.objects_scanned == 1 { "" } else { "s" },
            human_bytes(s.bytes_scanned),
            s.objects_skipped,
            s.duration_ms as f64 / 1000.0,
            if s.interrupted { " — interrupted" } else { "" }
        )?;
        if !s.skipped_by_reason.is_empty() {
            let reasons: Vec<String> = s.skipped_by_reason.iter().map(|(r, n)| format!("{r}: {n}")).collect();
            writeln!(out, "Skipped: {}", reasons.join(", "))?;
        }
        if !s.members_skipped_by_reason.is_empty() {
            let reasons: Vec<String> = s
                .members_skipped_by_reason
                .iter()
                .map(|(r, n)| format!("{r}: {n}"))
                .collect();
            writeln!(out, "Archive members skipped: {}", reasons.join(", "))?;
        }
        if s.objects_excluded > 0 {
            writeln!(out, "Excluded by path globs: {}", s.objects_excluded)?;
        }
        if s.findings > 0 || !s.posture.is_empty() {
            write_rollups(out, &s.rollups)?;
        }
        if !s.posture.is_empty() {
            writeln!(out, "Bucket posture:")?;
            crate::posture::write_table(&s.posture, out)?;
        }
        if !s.suppressed.is_empty() {
            let parts: Vec<String> = [
                (s.suppressed.baseline, "in the baseline"),
                (s.suppressed.inline, "marked piiscan:ignore"),
                (
                    s.suppressed.test_values,
                    if s.suppressed.test_values == 1 {
                        "test value ignored"
                    } else {
                        "test values ignored"
                    },
                ),
            ]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, why)| format!("{n} {why}"))
            .collect();
            writeln!(out, "Suppressed {}: {}", s.suppressed.total(), parts.join(", "))?;
        }
        if s.findings == 0 {
            writeln!(out, "No findings.")?;
        } else {
            let sev: Vec<String> = ["high", "medium", "low"]
                .iter()
                .filter_map(|k| s.findings_by_severity.get(*k).map(|n| format!("{n} {k}")))
                .collect();
            writeln!(
                out,
                "{bold}{} finding{}{bold:#}: {}",
                s.findings,
                if s.findings == 1 { "" } else { "s" },
                sev.join(", ")
            )?;
            for (detector, n) in &s.findings_by_detector {
                writeln!(out, "  {n:>8}  {detector}")?;
            }
        }
        if self.show_stats && !s.detectors.is_empty() {
            writeln!(out, "{bold}Candidates{bold:#} (matched / dropped by reason):")?;
            for (detector, d) in &s.detectors {
                let dropped: Vec<String> = d.dropped.iter().map(|(r, n)| format!("{r} {n}")).collect();
                writeln!(out, "  {:<40} {:>8} / {}", detector, d.matched, dropped.join(", "))?;
            }
        }
        self.sink.commit()
    }
}

/// The rollups: a line per target, its top-level prefixes or folders indented below it.
fn write_rollups(out: &mut dyn Write, rollups: &[Rollup]) -> io::Result<()> {
    if rollups.is_empty() {
        return Ok(());
    }
    let names = rollups
        .iter()
        .flat_map(|r| std::iter::once(r.target.len()).chain(r.prefixes.iter().map(|p| p.target.len() + 2)));
    let width = names.max().unwrap_or(0).clamp(6, 60);
    writeln!(out, "Sensitivity by target:")?;
    writeln!(
        out,
        "{:<width$} {:>8} {:>13} {:>8} {:>5} {:<6}  TOP CATEGORIES",
        "TARGET", "OBJECTS", "WITH FINDINGS", "FINDINGS", "SCORE", "LEVEL"
    )?;
    for r in rollups {
        rollup_line(out, r, "", width)?;
        for p in ranked_prefixes(r) {
            rollup_line(out, p, "  ", width)?;
        }
    }
    Ok(())
}

fn rollup_line(out: &mut dyn Write, r: &Rollup, indent: &str, width: usize) -> io::Result<()> {
    let name = format!("{indent}{}", r.target);
    writeln!(
        out,
        "{name:<width$} {:>8} {:>13} {:>8} {:>5} {:<6}  {}",
        r.objects,
        r.objects_with_findings,
        r.findings,
        r.score,
        r.level.as_str(),
        top_categories(r)
    )
}

/// `personal 3, financial 1`: categories by count, most first; `-` when none.
pub(super) fn top_categories(r: &Rollup) -> String {
    let mut counts: Vec<(&String, &u64)> = r.findings_by_category.iter().collect();
    counts.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    if counts.is_empty() {
        return "-".into();
    }
    counts
        .iter()
        .map(|(category, n)| format!("{category} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Bytes in binary units, as people read sizes (`13.0 KiB`).
pub(super) fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}
