#!/usr/bin/env bash
# Times, in one run, `piiscan scan` with every built-in detector (the whole catalogue, nothing
# disabled) against `rg -c` with one SSN-shaped regex over the same bytes, on one thread
# (`--threads 1` vs `rg -j1`) and on all cores, and prints both MB/s figures and the ratio
# piiscan/rg (issue #7's target: <= 1.0). Absolute times on a shared machine are noisy; the ratio
# within one run is what we track: repeat it and compare ratios, not seconds. The CPU-time ratio
# (user + system) is printed too: on a loaded machine it moves least.
#
# Each run also times piiscan with only the core set (the 28 detectors of the first catalogue,
# listed in benches/core-detectors.txt and passed with `--only`) and prints the full/core ratio:
# issue #3's budget is that the whole catalogue stays within 1.2x of the core set's time.
#
#   benches/compare.sh                 many files: 250 MB of log-like text in 64 files
#                                      (target/bench-250, generated on first use)
#   benches/compare.sh --one-file      one 2 GB file (target/bench-one-2048): windows of one
#                                      object spread over the threads (SIZE_MB=512 for a smaller one)
#   benches/compare.sh DIR             any folder or file
#   SIZE_MB=250 FILES=64 RUNS=5 benches/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
case "${1:-}" in
  --one-file)
    size_mb=${SIZE_MB:-2048}; files=1; gen=target/bench-one-$size_mb; target=$gen/logs-0000.log ;;
  "")
    size_mb=${SIZE_MB:-250}; files=${FILES:-64}; gen=target/bench-$size_mb; target=$gen ;;
  *)
    gen=; target=$1 ;;
esac
for tool in rg hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (Debian: apt-get install -y ripgrep hyperfine)" >&2; exit 2; }
done
if [ -n "$gen" ] && [ ! -e "$target" ]; then
  cargo run --release --quiet --example gen-corpus -- bench "$gen" --size-mb "$size_mb" --files "$files"
fi
cargo build --release --quiet
bin=target/release/piiscan
bytes=$(du -sb "$target" | cut -f1)
detectors=$("$bin" detectors list | tail -1 | cut -d" " -f1)
core=$(grep -v '^#' benches/core-detectors.txt | paste -sd, -)
core_count=$(grep -vc '^#' benches/core-detectors.txt)
export PIISCAN_FINGERPRINT_KEY=bench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cores=$(nproc)
echo "$target: $(( bytes / 1000000 )) MB, piiscan with $detectors detectors (and the $core_count of the core set) vs rg one regex; medians of $runs runs"
for threads in 1 "$cores"; do
  hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$tmp/t$threads.json" \
    -n piiscan "$bin scan --threads $threads --format jsonl $target" \
    -n core "$bin scan --threads $threads --format jsonl --only $core $target" \
    -n rg "rg -j$threads -c '[0-9]{3}-[0-9]{2}-[0-9]{4}' $target" >/dev/null
  python3 - "$tmp/t$threads.json" "$bytes" "$threads" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
mb = int(sys.argv[2]) / 1e6
p, r = results["piiscan"]["median"], results["rg"]["median"]
# CPU seconds (user + system) are what other jobs on a shared machine disturb least.
cpu = {k: v["user"] + v["system"] for k, v in results.items()}
print(f"threads={sys.argv[3]}  piiscan {p:.3f}s ({mb/p:.0f} MB/s)  "
      f"rg {r:.3f}s ({mb/r:.0f} MB/s)  ratio piiscan/rg = {p/r:.2f}  "
      f"(CPU time: piiscan {cpu['piiscan']:.2f}s, rg {cpu['rg']:.2f}s, ratio {cpu['piiscan']/cpu['rg']:.2f})")
c = results["core"]["median"]
print(f"threads={sys.argv[3]}  core set {c:.3f}s ({mb/c:.0f} MB/s)  ratio full/core = {p/c:.2f}  "
      f"(CPU time: core {cpu['core']:.2f}s, ratio {cpu['piiscan']/cpu['core']:.2f}; core/rg {c/r:.2f}, CPU {cpu['core']/cpu['rg']:.2f})")
PY
done
