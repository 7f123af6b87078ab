#!/usr/bin/env bash
# Times, in one run, scanning a gzip'd log against scanning the same log uncompressed plus
# decompressing it (`gzip -dc`), and prints the ratio. Issue #4's bar: the gzip'd scan costs no
# more than decompression plus the plain scan (ratio <= 1.00, noise aside). One thread: a single
# compressed stream is decoded and scanned on one thread.
#
#   benches/formats.sh [DIR]        (default corpora/bench, generated on first use)
#   SIZE_MB=250 RUNS=3 benches/formats.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-corpora/bench}
size_mb=${SIZE_MB:-100}
for tool in gzip hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (Debian: apt-get install -y gzip hyperfine)" >&2; exit 2; }
done
if [ ! -d "$dir" ]; then
  cargo run --release --quiet --example gen-corpus -- bench "$dir" --size-mb "$size_mb" --files 16
fi
cargo build --release --quiet
bin=target/release/piiscan
export PIISCAN_FINGERPRINT_KEY=bench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# One log of about SIZE_MB from the bench files, and its gzip.
find "$dir" -type f -name '*.log' | sort | xargs cat | head -c "$((size_mb << 20))" > "$tmp/app.log"
gzip -6 -k "$tmp/app.log"
hyperfine --style basic --warmup 1 --runs "${RUNS:-5}" --export-json "$tmp/t.json" \
  -n plain "$bin scan --threads 1 --format jsonl $tmp/app.log" \
  -n gzip "$bin scan --threads 1 --format jsonl $tmp/app.log.gz" \
  -n decompress "gzip -dc $tmp/app.log.gz" >/dev/null
# The two scans must agree on what they found.
count() { "$bin" scan --threads 1 --format jsonl "$1" | grep '"record":"object"' | grep -o '"finding_count":[0-9]*'; }
plain=$(count "$tmp/app.log")
gz=$(count "$tmp/app.log.gz")
[ "$plain" = "$gz" ] || { echo "findings differ: plain $plain, gzip $gz" >&2; exit 1; }
python3 - "$tmp/t.json" "$(stat -c %s "$tmp/app.log")" "$(stat -c %s "$tmp/app.log.gz")" "$plain" <<'PY'
import json, sys
runs = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
mb, gz_mb = int(sys.argv[2]) / 1e6, int(sys.argv[3]) / 1e6
p, g, d = runs["plain"], runs["gzip"], runs["decompress"]
print(f"{mb:.0f} MB log ({gz_mb:.1f} MB gzip'd), {sys.argv[4].split(':')[-1]} findings in both")
print(f"plain scan {p:.3f}s  gzip -dc {d:.3f}s  gzip'd scan {g:.3f}s")
print(f"ratio gzip'd scan / (plain scan + decompression) = {g/(p+d):.2f}")
PY
