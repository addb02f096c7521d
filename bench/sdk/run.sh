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
node bench/sdk/typescript/bench-upload.mjs "$n"
