#!/usr/bin/env bash
# Rate limiter overhead: GetKycStatus throughput over REST (wrk) and gRPC (ghz) with the limiter off, counting
# in Redis (the default, shared by replicas) and counting in memory, the limit set far out of the way. The modes
# are run in turns, ROUNDS times, each on a fresh server of the same database, key and session, so that load
# from elsewhere spreads over all modes; the table gives every run and the median per mode with its overhead
# against "off". Usage: bench/ratelimit/run.sh [seconds] [connections] [rounds]   (make bench-ratelimit)
set -euo pipefail
cd "$(dirname "$0")/../.."
DUR=${1:-10}
CONC=${2:-32}
ROUNDS=${3:-3}
GHZ=${GHZ:-.cache/bin/ghz}
command -v wrk >/dev/null || { echo "wrk missing: make debs"; exit 1; }
[ -x "$GHZ" ] || { echo "ghz missing: make bench-tools"; exit 1; }
redis-cli -u "${KYC_REDIS_URL:-redis://127.0.0.1:6379/0}" ping >/dev/null || { echo "Redis not answering: make redis"; exit 1; }

go build -o bin/kyc-server ./server
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
TMP=$(mktemp -d)
DB="kyc_bench_rl_$$"
export KYC_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB?sslmode=disable"
# A fresh database: this throw-away run migrates it (production runs `kyc-server migrate` as its own step).
export KYC_AUTO_MIGRATE=true
export KYC_HTTP_ADDR="127.0.0.1:$(port)" KYC_GRPC_ADDR="127.0.0.1:$(port)" KYC_METRICS_ADDR=127.0.0.1:0
export KYC_LOG_LEVEL=${KYC_LOG_LEVEL:-warn} KYC_WORKERS=false
export KYC_BLOB_STORE=fs KYC_BLOB_FS_DIR="$TMP/blobs" KYC_BLOB_MASTER_KEYS="bench:$(head -c 32 /dev/urandom | base64)"
export KYC_RATE_LIMIT_PER_MINUTE=1000000000 KYC_RATE_LIMIT_REDIS_PREFIX="kyc-bench:$$"
KEY=$(./bin/kyc-server client create --name bench 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["apiKey"])')
SERVER=
stop() { [ -n "$SERVER" ] && { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; }; SERVER=; }
cleanup() { stop; rm -rf "$TMP"; psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null; }
trap cleanup EXIT
BASE="http://$KYC_HTTP_ADDR"
start() { # mode
  KYC_RATE_LIMIT_STORE=$1 ./bin/kyc-server serve 2>>"$TMP/server.log" &
  SERVER=$!
  for _ in $(seq 1 100); do curl -sf "$BASE/healthz" >/dev/null && return; sleep 0.1; done
  echo "server did not start"; cat "$TMP/server.log"; exit 1
}
# CPU time used so far by the server process and by Redis, in microseconds. Per request (shown as server+Redis),
# it is the limiter's cost that hardly depends on what else the machine is doing (throughput does, a lot).
# Redis's figure includes whatever else uses the same Redis meanwhile.
TICK=$(getconf CLK_TCK)
server_us() { awk -v t="$TICK" '{printf "%d", ($14 + $15) * 1000000 / t}' "/proc/$SERVER/stat"; }
redis_us() {
  redis-cli -u "${KYC_REDIS_URL:-redis://127.0.0.1:6379/0}" info cpu | tr -d '\r' |
    awk -F: '/^used_cpu_(sys|user):/ {s += $2} END {printf "%d", s * 1000000}'
}
start off
SID=$(curl -sf -X POST "$BASE/api/v1/kyc/initiate" -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
  -d '{"externalUserId":"bench-status"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["kycSessionId"])')
stop

wrkrun() { # -> "rps p50ms p99ms non2xx"
  local out
  out=$(wrk -t2 -c"$CONC" -d"${DUR}s" --latency -H "X-API-Key: $KEY" "$BASE/api/v1/kyc/status/$SID")
  python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
def ms(v):
    m = re.match(r'([0-9.]+)(us|ms|s)', v); return float(m.group(1)) * {'us': 0.001, 'ms': 1, 's': 1000}[m.group(2)]
rps = float(re.search(r'Requests/sec:\s+([0-9.]+)', out).group(1))
lat = {m.group(1): ms(m.group(2)) for m in re.finditer(r'^\s+(50|99)%\s+(\S+)', out, re.M)}
bad = re.search(r'Non-2xx or 3xx responses: (\d+)', out)
n = re.search(r'(\d+) requests in', out).group(1)
print(f'{rps:.0f} {lat["50"]:.2f} {lat["99"]:.2f} {bad.group(1) if bad else 0} {n}')
PY
}
ghzrun() {
  "$GHZ" --insecure -c "$CONC" -z "${DUR}s" --connections=4 -m "{\"x-api-key\":\"$KEY\"}" \
    --call kyc.v1.KycService/GetKycStatus -d "{\"kycSessionId\":\"$SID\"}" --format=json "$KYC_GRPC_ADDR" >"$TMP/ghz.json"
  python3 - "$TMP/ghz.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
lat = {d["percentage"]: d["latency"] / 1e6 for d in r["latencyDistribution"]}
# calls cut when the run ends (-z) fail on ghz's side ("Canceled", "use of closed network connection"):
# not the server's failures
bad = {e: n for e, n in r.get("errorDistribution", {}).items()
       if "Canceled" not in e and "use of closed network connection" not in e}
if bad:
    print(f'ghz errors: {bad}', file=sys.stderr)
print(f'{r["rps"]:.0f} {lat[50]:.2f} {lat[99]:.2f} {sum(bad.values())} {r["count"]}')
PY
}

echo "# $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start, $DUR s per run, $CONC connections, $ROUNDS rounds; $(date -u +%F)"
printf "%-6s %-7s %-5s %10s %9s %9s %11s %s\n" round mode tool "req/s" "p50 ms" "p99 ms" "CPU µs" errors
: >"$TMP/results"
for round in $(seq 1 "$ROUNDS"); do
  for mode in off redis memory; do
    start "$mode"
    for tool in wrk ghz; do
      s0=$(server_us) r0=$(redis_us)
      read -r rps p50 p99 bad n < <(${tool}run)
      scpu=$(( ($(server_us) - s0) / n )) rcpu=$(( ($(redis_us) - r0) / n ))
      printf "%-6s %-7s %-5s %10s %9s %9s %11s %s\n" "$round" "$mode" "$tool" "$rps" "$p50" "$p99" "$scpu+$rcpu" "$bad"
      echo "$mode $tool $rps $bad $((scpu + rcpu))" >>"$TMP/results"
    done
    stop
  done
done
python3 - "$TMP/results" <<'PY'
import statistics, sys
runs, cpu = {}, {}
for line in open(sys.argv[1]):
    mode, tool, rps, bad, us = line.split()
    runs.setdefault((tool, mode), []).append(float(rps))
    cpu.setdefault((tool, mode), []).append(float(us))
    if int(bad):
        print(f"WARNING: {bad} failed requests in a {mode}/{tool} run")
print("\nmedians, and the overhead against the limiter off (throughput lost; CPU per request added, server + Redis):")
for tool in ("wrk", "ghz"):
    off, off_cpu = statistics.median(runs[(tool, "off")]), statistics.median(cpu[(tool, "off")])
    cells = [f"off {off:.0f} req/s {off_cpu:.0f} µs"]
    for mode in ("redis", "memory"):
        m, c = statistics.median(runs[(tool, mode)]), statistics.median(cpu[(tool, mode)])
        cells.append(f"{mode} {m:.0f} req/s ({(off - m) / off * 100:+.1f}%) {c:.0f} µs ({(c - off_cpu) / off_cpu * 100:+.1f}%)")
    print(f"  {tool}: " + "; ".join(cells))
PY
