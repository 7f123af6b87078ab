#!/usr/bin/env bash
# Issue #7's other limits, with the whole catalogue: start-up (`piiscan scan` of an empty file,
# whole process, hyperfine; target <= 20 ms) and peak resident memory (/usr/bin/time -v) on one
# 10 GB file (target <= 200 MB) and on 100,000 small files (target <= 300 MB). The inputs are
# generated under target/ on first use (never committed): the 10 GB file is the 250 MB bench
# corpus repeated, the small files are 1 KB slices of it.
#
#   benches/limits.sh                  all three
#   benches/limits.sh startup|big|small
#   BIG_GB=10 SMALL_FILES=100000 benches/limits.sh
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in hyperfine; do
  command -v "$tool" >/dev/null || { echo "needs $tool (Debian: apt-get install -y hyperfine)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian: apt-get install -y time)" >&2; exit 2; }
what=${1:-all}
cargo build --release --quiet
bin=$PWD/target/release/piiscan
export PIISCAN_FINGERPRINT_KEY=bench
corpus=target/bench-250
if [ ! -d "$corpus" ] && [ "$what" != startup ]; then
  cargo run --release --quiet --example gen-corpus -- bench "$corpus" --size-mb 250 --files 64
fi

peak() { # label, command...: prints the wall time and peak RSS of one run
  local label=$1; shift
  /usr/bin/time -v "$@" >/dev/null 2>"$tmp/time" || true
  local rss wall
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tmp/time")
  echo "$label: peak RSS $(( rss / 1024 )) MB, wall $wall"
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ "$what" = all ] || [ "$what" = startup ]; then
  : > "$tmp/empty.txt"
  hyperfine --style basic -N --warmup 5 --runs "${RUNS:-30}" --export-json "$tmp/s.json" \
    "$bin scan $tmp/empty.txt" >/dev/null
  python3 - "$tmp/s.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"start-up (scan of an empty file): median {r['median']*1000:.1f} ms, min {r['min']*1000:.1f} ms, "
      f"CPU {(r['user']+r['system'])*1000:.1f} ms")
PY
fi

if [ "$what" = all ] || [ "$what" = big ]; then
  gb=${BIG_GB:-10}
  big=target/bench-big/big-${gb}g.log
  if [ ! -f "$big" ]; then
    mkdir -p target/bench-big
    find "$corpus" -type f | sort | xargs cat > "$tmp/one.log"
    one=$(stat -c %s "$tmp/one.log")
    : > "$big"
    while [ "$(stat -c %s "$big")" -lt $(( gb * 1000 * 1000 * 1000 )) ]; do cat "$tmp/one.log" >> "$big"; done
    rm -f "$tmp/one.log"
    [ "$one" -gt 0 ]
  fi
  peak "one $(( $(stat -c %s "$big") / 1000000 )) MB file" "$bin" scan --format jsonl "$big"
fi

if [ "$what" = all ] || [ "$what" = small ]; then
  n=${SMALL_FILES:-100000}
  small=target/bench-small-$n
  if [ ! -d "$small" ]; then
    mkdir -p "$small"
    # 1 KB slices of the corpus, 1,000 per folder.
    find "$corpus" -type f | sort | xargs cat > "$tmp/one.log"
    for d in $(seq 0 $(( (n + 999) / 1000 - 1 ))); do
      mkdir -p "$small/d$d"
      dd if="$tmp/one.log" bs=1024 skip=$(( d * 1000 )) count=1000 status=none \
        | split -a 3 -d -b 1024 --additional-suffix=.log - "$small/d$d/f"
    done
    rm -f "$tmp/one.log"
  fi
  peak "$n small files" "$bin" scan --format jsonl "$small"
fi
