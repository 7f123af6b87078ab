//! Criterion benchmarks: the engine alone over the generated log-like corpus (every built-in
//! detector on), the validators on their own, and the whole binary (start-up on an empty file,
//! and a one-thread scan of a slice of the corpus). Generate the corpus first with
//! `cargo run --release --example gen-corpus -- bench corpora/bench --size-mb 100 --files 64`
//! (benches/compare.sh does it for you); the bench says so if it is missing.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use piiscan::detect::{Engine, EngineOptions, catalog, validate};

fn corpus() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/bench");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|_| {
            panic!(
                "{} is missing: run `cargo run --release --example gen-corpus -- bench corpora/bench --size-mb 100 --files 64`",
                dir.display()
            )
        })
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read(f).expect("corpus file is readable"))
        .collect()
}

fn engine(c: &mut Criterion) {
    let engine = Engine::new(
        catalog::load(&[] as &[&str]).expect("catalogue loads"),
        &EngineOptions::default(),
    )
    .expect("engine builds");
    let files = corpus();
    let total: usize = files.iter().map(Vec::len).sum();
    let mut group = c.benchmark_group("engine");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("all_detectors_one_thread", |b| {
        let mut scratch = engine.new_scratch();
        b.iter(|| {
            let mut found = 0;
            for f in &files {
                engine.scan_window(f, 0..f.len(), &mut scratch);
                found += scratch.matches.len();
            }
            black_box(found)
        })
    });
    group.finish();
}

fn validators(c: &mut Criterion) {
    let cases: &[(&str, &[u8])] = &[
        ("luhn", b"4539 1488 0343 6467"),
        ("credit_card", b"4539 1488 0343 6467"),
        ("iban", b"GB82 WEST 1234 5698 7654 32"),
        ("aba_routing", b"111000025"),
        ("us_ssn", b"536-90-4399"),
        ("uk_nhs", b"943 476 5919"),
        ("verhoeff", b"2363"),
    ];
    let mut group = c.benchmark_group("validators");
    for (name, value) in cases {
        let Some(v) = validate::find(name) else { continue };
        group.bench_function(*name, |b| b.iter(|| (v.check)(black_box(value))));
    }
    group.finish();
}

/// The real binary, whole process: what a user waits for.
fn binary(c: &mut Criterion) {
    let bin = env!("CARGO_BIN_EXE_piiscan");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").expect("temporary folder is writable");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/bench");
    let mut slice: Vec<_> = std::fs::read_dir(&corpus)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    slice.sort();
    slice.truncate(4);
    let run = |args: &[&std::ffi::OsStr]| {
        let status = std::process::Command::new(bin)
            .env("PIISCAN_FINGERPRINT_KEY", "bench")
            .arg("scan")
            .args(args)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("piiscan runs");
        // 0, or 1 when findings reach `--fail-on` (never by default).
        assert!(matches!(status.code(), Some(0 | 1)), "{status}");
    };
    let mut group = c.benchmark_group("binary");
    group.sample_size(10);
    group.bench_function("startup_empty_file", |b| b.iter(|| run(&[empty.as_os_str()])));
    if !slice.is_empty() {
        let bytes: u64 = slice.iter().filter_map(|f| f.metadata().ok()).map(|m| m.len()).sum();
        group.throughput(Throughput::Bytes(bytes));
        let mut args: Vec<&std::ffi::OsStr> = ["--threads", "1", "--format", "jsonl"]
            .map(std::ffi::OsStr::new)
            .to_vec();
        args.extend(slice.iter().map(|p| p.as_os_str()));
        group.bench_function("scan_four_bench_files_one_thread", |b| b.iter(|| run(&args)));
    }
    group.finish();
}

criterion_group!(benches, engine, validators, binary);
criterion_main!(benches);
