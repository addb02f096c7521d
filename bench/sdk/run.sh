#!/usr/bin/env bash
# 5 MB upload through each SDK vs its raw generated stub. Run under testenv (make bench-sdk), which provides
# KYC_GRPC_ADDR, ENXTAI_API_KEY and KYC_TEST_DOCS/big.jpg (5,000,000 bytes). N uploads per variant (default 10).
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${BENCH_SDK_N:-10}
echo "5 MB upload (5,000,000 bytes) over gRPC to a local kyc-server, $n per variant, MB = 10^6 bytes:"
(cd bench/sdk/go && go run . -n "$n")
/usr/bin/python3 bench/sdk/python/bench_upload.py "$n"
(cd clients/typescript && npx tsc -p tsconfig.json)
# Each TypeScript variant also runs in processes of its own, the two alternating: in one shared process each
# pays for garbage the other left to V8's collector, which tilted the shared-process ratio either way.
node bench/sdk/typescript/bench-upload.mjs "$n"
python3 - "$n" <<'PY'
import json, statistics, subprocess, sys
n, rounds = int(sys.argv[1]), 6
per = max(2, n // rounds)
res = {"raw stub": {"t": [], "cpu": []}, "wrapper": {"t": [], "cpu": []}}
for r in range(rounds):
    for v in (["raw stub", "wrapper"] if r % 2 == 0 else ["wrapper", "raw stub"]):
        out = subprocess.run(["node", "bench/sdk/typescript/bench-upload.mjs", str(per), v],
                             check=True, capture_output=True, text=True).stdout
        d = json.loads(out.strip().splitlines()[-1])
        res[v]["t"] += d["times"]
        res[v]["cpu"].append(d["cpuMs"])
mb = {v: 5.0 / statistics.median(r["t"]) for v, r in res.items()}
best = {v: 5.0 / min(r["t"]) for v, r in res.items()}
cpu = {v: statistics.mean(r["cpu"]) for v, r in res.items()}
raw, wrap = "raw stub", "wrapper"
print(f"typescript  median: raw {mb[raw]:5.1f} MB/s, wrapper {mb[wrap]:5.1f} MB/s, ratio {mb[wrap] / mb[raw]:.2f}   "
      f"best: raw {best[raw]:5.1f}, wrapper {best[wrap]:5.1f}, ratio {best[wrap] / best[raw]:.2f}   "
      f"client CPU/upload: raw {cpu[raw]:5.1f} ms, wrapper {cpu[wrap]:5.1f} ms   (separate processes, {rounds} each)")
PY
