#!/usr/bin/env bash
# Production and test lines of Go per package (directory), generated code (gen/) left out.
# Usage: bash bench/loc.sh [DIR]   (default: the repository root). Lines are physical lines (wc -l).
# "test" is *_test.go; internal/testkit/... is test support and counted as production of those packages.
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
find . -name '*.go' -not -path './gen/*' -not -path './clients/*' -not -path '*/node_modules/*' -not -path './.cache/*' |
  sed 's|^\./||' | sort |
  while read -r f; do
    kind=prod; [[ $f == *_test.go ]] && kind=test
    printf '%s %s %s\n' "$(dirname "$f")" "$kind" "$(wc -l <"$f")"
  done |
  awk '{ pkg[$1]=1; n[$1" "$2]+=$3; tot[$2]+=$3 }
       END {
         printf "%-44s %8s %8s\n", "package", "prod", "test"
         for (p in pkg) printf "%-44s %8d %8d\n", p, n[p" prod"], n[p" test"] | "sort"
         close("sort")
         printf "%-44s %8d %8d\n", "TOTAL", tot["prod"], tot["test"]
       }'
