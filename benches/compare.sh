#!/usr/bin/env bash
# Times, in one run, `piiscan scan` with every built-in detector against `rg -c` with one
# SSN-shaped regex over the same files, on one thread and on all, and prints the ratios.
# Absolute times on shared machines are noisy; the ratio within one run is what we track.
#
#   benches/compare.sh [DIR]        (default corpora/bench, generated on first use)
#   SIZE_MB=250 FILES=64 benches/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-corpora/bench}
size_mb=${SIZE_MB:-100}
files=${FILES:-64}
for tool in rg hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (Debian: apt-get install -y ripgrep hyperfine)" >&2; exit 2; }
done
if [ ! -d "$dir" ]; then
  cargo run --release --quiet --example gen-corpus -- bench "$dir" --size-mb "$size_mb" --files "$files"
fi
cargo build --release --quiet
bin=target/release/piiscan
bytes=$(du -sb "$dir" | cut -f1)
export PIISCAN_FINGERPRINT_KEY=bench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cores=$(nproc)
for threads in 1 "$cores"; do
  hyperfine --style basic --warmup 1 --runs "${RUNS:-5}" --export-json "$tmp/t$threads.json" \
    -n piiscan "$bin scan --threads $threads --format jsonl $dir" \
    -n rg "rg -j$threads -c '[0-9]{3}-[0-9]{2}-[0-9]{4}' $dir" >/dev/null
  python3 - "$tmp/t$threads.json" "$bytes" "$threads" <<'PY'
import json, sys
runs = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
mb = int(sys.argv[2]) / 1e6
p, r = runs["piiscan"], runs["rg"]
print(f"threads={sys.argv[3]}  {mb:.0f} MB  piiscan {p:.3f}s ({mb/p:.0f} MB/s)  "
      f"rg {r:.3f}s ({mb/r:.0f} MB/s)  ratio piiscan/rg = {p/r:.2f}")
PY
done
