#!/usr/bin/env bash
# CSV throughput against plain text: scans the same bytes as `rows.csv` (decoded cell by cell,
# headers as keywords) and as `rows.txt` (the windowed text path), one thread, and prints the
# ratio csv/text. The CSV is the corpus' CSV files repeated to SIZE_MB (default 40).
#
#   benches/structured.sh
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${SIZE_MB:-40}
cargo build --release --quiet
bin=target/release/piiscan
export PIISCAN_FINGERPRINT_KEY=bench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=corpora/core/customers.csv
head -1 "$src" > "$tmp/rows.csv"
while [ "$(stat -c %s "$tmp/rows.csv")" -lt $((size_mb << 20)) ]; do tail -n +2 "$src" >> "$tmp/rows.csv"; done
cp "$tmp/rows.csv" "$tmp/rows.txt"
t() { local s e; s=$(date +%s.%N); "$bin" scan --threads 1 --format jsonl "$1" > /dev/null || true; e=$(date +%s.%N); echo "$e - $s" | bc; }
csv=$(t "$tmp/rows.csv"); txt=$(t "$tmp/rows.txt")
echo "$(stat -c %s "$tmp/rows.csv") bytes: csv ${csv}s, text ${txt}s, ratio csv/text $(echo "scale=2; $csv / $txt" | bc)"
