//! The progress bar on stderr (indicatif): objects and bytes done, throughput, and an ETA once
//! every object is listed and all their sizes are known. The only terminal code of the scan;
//! `scan` reports through the `scan::Progress` trait and knows nothing of this.
//!
//! The bar appears only after `delay` (short scans never flash one) and only when the caller
//! decided stderr is a terminal; when stdout is a terminal too, report output is written with the
//! bar suspended so the two never interleave.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::scan::Progress;

const LISTING: &str = "{spinner} {binary_bytes} scanned, {binary_bytes_per_sec} · {msg}";
const KNOWN_TOTAL: &str =
    "{spinner} [{wide_bar}] {binary_bytes}/{binary_total_bytes}, {binary_bytes_per_sec}, ETA {eta} · {msg}";

/// A progress bar drawn on stderr.
#[derive(Debug)]
pub struct Bar {
    bar: ProgressBar,
    started: Instant,
    delay: Duration,
    shown: AtomicBool,
    listed: AtomicU64,
    done: AtomicU64,
    /// Some listed object has no known size (stdin, a pipe): no total, no ETA.
    size_unknown: AtomicBool,
    /// Report output goes to the same terminal: suspend the bar while it is written.
    stdout_terminal: bool,
}

impl Bar {
    /// A bar that draws on stderr once `delay` has passed.
    pub fn stderr(delay: Duration, stdout_terminal: bool) -> Bar {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        bar.set_style(style(LISTING));
        Bar {
            bar,
            started: Instant::now(),
            delay,
            shown: AtomicBool::new(false),
            listed: AtomicU64::new(0),
            done: AtomicU64::new(0),
            size_unknown: AtomicBool::new(false),
            stdout_terminal,
        }
    }

    fn show_when_due(&self) {
        if self.shown.load(Ordering::Relaxed) || self.started.elapsed() < self.delay {
            return;
        }
        if !self.shown.swap(true, Ordering::SeqCst) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            // Redraws while one large object is scanned, so throughput and ETA stay current.
            self.bar.enable_steady_tick(Duration::from_millis(200));
        }
    }

    fn update_message(&self) {
        if self.shown.load(Ordering::Relaxed) {
            let done = self.done.load(Ordering::Relaxed);
            let listed = self.listed.load(Ordering::Relaxed);
            self.bar.set_message(format!("{done}/{listed} objects"));
        }
    }
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

impl Progress for Bar {
    fn listed(&self, size: Option<u64>) {
        self.listed.fetch_add(1, Ordering::Relaxed);
        match size {
            Some(n) => self.bar.inc_length(n),
            None => self.size_unknown.store(true, Ordering::Relaxed),
        }
        self.show_when_due();
        self.update_message();
    }

    fn listing_done(&self) {
        if !self.size_unknown.load(Ordering::Relaxed) {
            self.bar.set_style(style(KNOWN_TOTAL));
        }
        self.update_message();
    }

    fn scanned(&self, bytes: u64) {
        self.bar.inc(bytes);
        self.show_when_due();
    }

    fn object_done(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
        self.show_when_due();
        self.update_message();
    }

    fn suspend(&self, write: &mut dyn FnMut()) {
        if self.stdout_terminal && self.shown.load(Ordering::Relaxed) {
            self.bar.suspend(write);
        } else {
            write();
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

    use clap::Parser;

    use crate::cli::{Cli, Command};
    use crate::scan::{self, Progress};

    /// Counts what the scan reports.
    #[derive(Debug, Default)]
    struct Counter {
        listed: AtomicU64,
        listed_bytes: AtomicU64,
        scanned: AtomicU64,
        done: AtomicU64,
        listing_done: AtomicBool,
        finished: AtomicBool,
    }

    impl Progress for Counter {
        fn listed(&self, size: Option<u64>) {
            self.listed.fetch_add(1, Ordering::SeqCst);
            self.listed_bytes.fetch_add(size.unwrap_or(0), Ordering::SeqCst);
        }
        fn listing_done(&self) {
            self.listing_done.store(true, Ordering::SeqCst);
        }
        fn scanned(&self, bytes: u64) {
            self.scanned.fetch_add(bytes, Ordering::SeqCst);
        }
        fn object_done(&self) {
            self.done.fetch_add(1, Ordering::SeqCst);
        }
        fn finish(&self) {
            self.finished.store(true, Ordering::SeqCst);
        }
    }

    #[test]
    fn scan_reports_every_object_and_byte_once() {
        let dir = tempfile::tempdir().unwrap();
        let big = "SSN: 536-90-4399\n".repeat(20_000);
        std::fs::write(dir.path().join("big.txt"), &big).unwrap();
        std::fs::write(dir.path().join("small.txt"), "hello\n").unwrap();
        std::fs::write(dir.path().join("bin.dat"), b"\0\x01\x02binary").unwrap();
        std::fs::write(dir.path().join("skip.min.js"), "var a = 1;\n").unwrap();
        std::fs::write(dir.path().join("key"), "k").unwrap();
        let out = tempfile::tempdir().unwrap();
        let report = out.path().join("report.json");
        let cli = Cli::try_parse_from([
            "piiscan",
            "scan",
            "--no-config",
            "--exclude",
            "*.min.js",
            "--format",
            "json",
            "--window-size",
            "65536",
            "--fingerprint-key-file",
            dir.path().join("key").to_str().unwrap(),
            "--output",
            report.to_str().unwrap(),
            dir.path().to_str().unwrap(),
        ])
        .unwrap();
        let Command::Scan(args) = cli.command else {
            panic!("a scan")
        };
        let mut config = crate::cli::scan_config(&args).unwrap();
        let counter = Arc::new(Counter::default());
        config.progress = Some(counter.clone());
        scan::run(&config, &AtomicBool::new(false)).unwrap();
        // big.txt, small.txt, bin.dat (skipped as binary), skip.min.js (excluded), key.
        assert_eq!(counter.listed.load(Ordering::SeqCst), 5);
        assert_eq!(counter.done.load(Ordering::SeqCst), 5);
        let total = counter.listed_bytes.load(Ordering::SeqCst);
        assert!(total > big.len() as u64);
        assert_eq!(
            counter.scanned.load(Ordering::SeqCst),
            total,
            "every byte once, skips included"
        );
        assert!(counter.listing_done.load(Ordering::SeqCst));
        assert!(counter.finished.load(Ordering::SeqCst));
    }
}
