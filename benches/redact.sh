#!/usr/bin/env bash
# Times, in one run, `piiscan redact` against `piiscan scan` on the same generated log corpus
# (concatenated into one file, so both read one stream on one thread) and a live-stream scan of
# the same bytes through a pipe; prints the ratios (target: redact/scan <= 1.2). If Python is
# there, also times Presidio's analyzer + anonymizer (no-op NLP engine: regex recognizers only, no
# spaCy model) on a slice of the same corpus and prints its MB/s.
#
#   benches/redact.sh [DIR]          (default target/bench-250, generated on first use)
#   SIZE_MB=250 FILES=64 RUNS=5 PRESIDIO_MB=1 benches/redact.sh
#   NO_PRESIDIO=1 benches/redact.sh  (skip the Python comparison)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-target/bench-250}
size_mb=${SIZE_MB:-250}
files=${FILES:-64}
for tool in hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (Debian: apt-get install -y hyperfine python3)" >&2; exit 2; }
done
if [ ! -d "$dir" ]; then
  cargo run --release --quiet --example gen-corpus -- bench "$dir" --size-mb "$size_mb" --files "$files"
fi
cargo build --release --quiet
bin=$PWD/target/release/piiscan
export PIISCAN_FINGERPRINT_KEY=bench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
all=$tmp/all.log
find "$dir" -type f | sort | xargs cat > "$all"
bytes=$(stat -c %s "$all")

hyperfine --style basic --warmup 1 --runs "${RUNS:-5}" --export-json "$tmp/t.json" \
  -n scan "$bin scan --threads 1 --format jsonl $all" \
  -n redact "$bin redact $all" \
  -n "scan (pipe)" "cat $all | $bin scan --format jsonl -" >/dev/null
python3 - "$tmp/t.json" "$bytes" <<'PY'
import json, sys
runs = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
mb = int(sys.argv[2]) / 1e6
s, r, p = runs["scan"], runs["redact"], runs["scan (pipe)"]
print(f"{mb:.0f} MB, one stream, one thread (medians)")
print(f"  scan FILE       {s:.3f}s ({mb/s:.0f} MB/s)")
print(f"  redact FILE     {r:.3f}s ({mb/r:.0f} MB/s)   ratio redact/scan = {r/s:.2f}")
print(f"  cat | scan -    {p:.3f}s ({mb/p:.0f} MB/s)   ratio pipe/scan   = {p/s:.2f}")
PY

[ -n "${NO_PRESIDIO:-}" ] && exit 0
venv=${PRESIDIO_VENV:-target/presidio-venv}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet presidio-analyzer presidio-anonymizer || {
    echo "presidio could not be installed; skipping the comparison" >&2; exit 0; }
fi
slice=$tmp/slice.log
head -c "$(( ${PRESIDIO_MB:-1} * 1000000 ))" "$all" | sed '$d' > "$slice"
"$venv/bin/python" - "$slice" <<'PY'
import logging, sys, time
# Offline, tldextract (used by the URL/email recognizers) logs a failed download of the public
# suffix list and falls back to its bundled snapshot: keep that noise out of the output.
logging.getLogger("tldextract").setLevel(logging.CRITICAL)
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider
from presidio_anonymizer import AnonymizerEngine
nlp = NlpEngineProvider(nlp_configuration={
    "nlp_engine_name": "no_op", "models": [{"lang_code": "en", "model_name": "none"}]}).create_engine()
analyzer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
anonymizer = AnonymizerEngine()
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
# Chunks of whole lines, ~64 KB each: what a log shipper would hand it.
chunks, current, size = [], [], 0
for line in text.splitlines(keepends=True):
    current.append(line); size += len(line)
    if size >= 65536:
        chunks.append("".join(current)); current, size = [], 0
if current:
    chunks.append("".join(current))
start = time.perf_counter()
found = 0
for chunk in chunks:
    results = analyzer.analyze(text=chunk, language="en")
    found += len(results)
    anonymizer.anonymize(text=chunk, analyzer_results=results)
elapsed = time.perf_counter() - start
mb = len(text.encode()) / 1e6
print(f"  presidio analyze+anonymize  {mb:.1f} MB in {elapsed:.2f}s ({mb/elapsed:.2f} MB/s), {found} entities")
PY
