#!/usr/bin/env bash
# Issue #7's other limits, with the whole catalogue: start-up (`piiscan scan` of an empty file and
# of a one-line file, whole process, hyperfine; target <= 20 ms), peak resident memory
# (/usr/bin/time -v) on one 10 GB file (target <= 200 MB) and on 100,000 small files (target
# <= 300 MB), the small files' throughput against `rg -c` with one regex (files/s, same run), and
# the speed-up of two threads over one on one object (the bench corpus as one file: its windows
# are spread over the threads). The inputs are generated under target/ on first use (never
# committed): the 10 GB file is the 250 MB bench corpus repeated, the small files are 1 KB slices
# of it. On a shared machine compare CPU times (user + system), which load disturbs least.
#
#   benches/limits.sh                  all
#   benches/limits.sh startup|big|small|onefile
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
  echo '2024-01-02 12:00:00 INFO user=alice@example.com ip=10.1.2.3 ok' > "$tmp/line.txt"
  hyperfine --style basic -N --warmup 5 --runs "${RUNS:-30}" --export-json "$tmp/s.json" \
    -n "an empty file" "$bin scan $tmp/empty.txt" -n "a one-line file" "$bin scan $tmp/line.txt" >/dev/null
  python3 - "$tmp/s.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"start-up (scan of {r['command']}): mean {r['mean']*1000:.1f} ms, median {r['median']*1000:.1f} ms, "
          f"min {r['min']*1000:.1f} ms, CPU {(r['user']+r['system'])*1000:.1f} ms")
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
  hyperfine --style basic --warmup 1 --runs "${RUNS_SMALL:-3}" --export-json "$tmp/f.json" \
    -n piiscan "$bin scan --format jsonl --output /dev/null $small" \
    -n rg "rg -c '[0-9]{3}-[0-9]{2}-[0-9]{4}' $small" >/dev/null || true
  python3 - "$tmp/f.json" "$n" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
n = int(sys.argv[2])
p, g = r["piiscan"], r["rg"]
cpu = lambda x: x["user"] + x["system"]
print(f"{n} small files: piiscan {p['median']:.2f} s ({n/p['median']:.0f} files/s, CPU {cpu(p):.2f} s), "
      f"rg -c {g['median']:.2f} s ({n/g['median']:.0f} files/s, CPU {cpu(g):.2f} s): "
      f"wall ratio {p['median']/g['median']:.2f}, CPU ratio {cpu(p)/cpu(g):.2f}")
PY
fi

if [ "$what" = all ] || [ "$what" = onefile ]; then
  one=target/bench-one/one.log
  if [ ! -f "$one" ]; then
    mkdir -p target/bench-one
    find "$corpus" -type f | sort | xargs cat > "$one"
  fi
  hyperfine --style basic --warmup 1 --runs "${RUNS_ONE:-3}" --export-json "$tmp/o.json" \
    -n 1 "$bin scan --threads 1 --format jsonl --output /dev/null $one" \
    -n 2 "$bin scan --threads 2 --format jsonl --output /dev/null $one" >/dev/null
  python3 - "$tmp/o.json" "$(stat -c %s "$one")" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
mb = int(sys.argv[2]) / 1e6
one, two = r["1"], r["2"]
cpu = lambda x: x["user"] + x["system"]
print(f"one {mb:.0f} MB file: 1 thread {one['median']:.2f} s (CPU {cpu(one):.2f} s), 2 threads {two['median']:.2f} s "
      f"(CPU {cpu(two):.2f} s): speed-up {one['median']/two['median']:.2f}, CPU of 2 over 1 {cpu(two)/cpu(one):.2f}")
PY
fi
