#!/usr/bin/env bash
# API throughput: requests/s and p50/p99 of GetKycStatus and InitiateKyc over REST (wrk) and gRPC (ghz), each
# beside the same tool's figure for the cheapest call of the same server (the health check through the same
# stack), on a fresh database. Usage: bench/api/run.sh [seconds] [connections]   (make bench-api)
set -euo pipefail
cd "$(dirname "$0")/../.."
DUR=${1:-10}
CONC=${2:-32}
# One wrk thread by default: it drives 32 connections at 20k+ req/s alone, and a second thread only takes CPU
# from the server on these two cores (same req/s within 10%, p99 doubled: bench/README.md). WRK_THREADS=2 to compare.
WRK_THREADS=${WRK_THREADS:-1}
GHZ=${GHZ:-.cache/bin/ghz}
command -v wrk >/dev/null || { echo "wrk missing: make debs"; exit 1; }
[ -x "$GHZ" ] || { echo "ghz missing: make bench-tools"; exit 1; }

go build -o bin/kyc-server ./server
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
DB="kyc_bench_$$"
export KYC_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB?sslmode=disable"
export KYC_HTTP_ADDR="127.0.0.1:$(port)" KYC_GRPC_ADDR="127.0.0.1:$(port)" KYC_METRICS_ADDR=127.0.0.1:0
export KYC_LOG_LEVEL=${KYC_LOG_LEVEL:-info} KYC_WORKERS=false
# A fresh database: this throw-away run migrates it (production runs `kyc-server migrate` as its own step).
export KYC_AUTO_MIGRATE=true
TMP=$(mktemp -d)
# The API calls measured here store no documents: a filesystem store keeps the setup small.
export KYC_BLOB_STORE=fs KYC_BLOB_FS_DIR="$TMP/blobs" KYC_BLOB_MASTER_KEYS="bench:$(head -c 32 /dev/urandom | base64)"
export KYC_RATE_LIMIT_REDIS_PREFIX="kyc-bench-api:$$"
KEY=$(./bin/kyc-server client create --name bench 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["apiKey"])')
./bin/kyc-server serve 2>/dev/null &
SERVER=$!
cleanup() { rm -rf "$TMP"; kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null; }
trap cleanup EXIT
BASE="http://$KYC_HTTP_ADDR"
for i in $(seq 1 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done
SID=$(curl -sf -X POST "$BASE/api/v1/kyc/initiate" -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
  -d '{"externalUserId":"bench-status"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["kycSessionId"])')

echo "# $(nproc) cores, $DUR s per run, $CONC connections (wrk threads: $WRK_THREADS); server log level $KYC_LOG_LEVEL; rate limit store ${KYC_RATE_LIMIT_STORE:-redis}; $(date -u +%F)"
printf "%-28s %-6s %10s %9s %9s\n" call tool "req/s" "p50 ms" "p99 ms"
wrkrun() { # name, extra wrk args...
  local name=$1; shift
  out=$(KEY=$KEY wrk -t"$WRK_THREADS" -c"$CONC" -d"${DUR}s" --latency -H "X-API-Key: $KEY" "$@")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf "%-28s %-6s %10.0f %9s %9s %s\n" "$name" wrk "$rps" "$(ms "$p50")" "$(ms "$p99")" "${non2xx:+(non-2xx: $non2xx)}"
}
ms() { python3 -c "import re,sys; v='$1'; m=re.match(r'([0-9.]+)(us|ms|s)',v); f={'us':0.001,'ms':1,'s':1000}[m.group(2)]; print(f'{float(m.group(1))*f:.2f}')"; }
ghzrun() { # name, method, data
  "$GHZ" --insecure -c "$CONC" -z "${DUR}s" --connections=4 -m "{\"x-api-key\":\"$KEY\"}" --call "$2" -d "$3" \
    --format=json "$KYC_GRPC_ADDR" >"$TMP/ghz.json"
  python3 - "$1" "$TMP/ghz.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[2]))
lat = {d["percentage"]: d["latency"] / 1e6 for d in r["latencyDistribution"]}
# calls cut when the run ends (-z) fail on ghz's side ("Canceled", "use of closed network connection"):
# not the server's failures
bad = sum(n for e, n in r.get("errorDistribution", {}).items()
          if "Canceled" not in e and "use of closed network connection" not in e)
print(f'{sys.argv[1]:<28} {"ghz":<6} {r["rps"]:10.0f} {lat[50]:9.2f} {lat[99]:9.2f}' + (f' (errors: {bad})' if bad else ''))
PY
}
wrkrun "REST health (ceiling)" "$BASE/api/v1/health"
wrkrun "REST GetKycStatus" "$BASE/api/v1/kyc/status/$SID"
wrkrun "REST InitiateKyc" -s bench/api/initiate.lua "$BASE/api/v1/kyc/initiate"
ghzrun "gRPC health (ceiling)" grpc.health.v1.Health/Check '{}'
ghzrun "gRPC GetKycStatus" kyc.v1.KycService/GetKycStatus "{\"kycSessionId\":\"$SID\"}"
ghzrun "gRPC InitiateKyc" kyc.v1.KycService/InitiateKyc '{"externalUserId":"ghz-{{.RequestNumber}}"}'
