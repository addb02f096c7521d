#!/usr/bin/env bash
# Runs kyc-server inside an image root filesystem the way the image runs it: as the non-root user 10001, with the
# root filesystem read-only and /tmp in memory (a private mount namespace and chroot), against this machine's
# PostgreSQL (a throw-away database), Redis and a throw-away S3 server. It migrates, then serves, and reports the
# time from start to a ready /healthz. Exits non-zero if the binary cannot start there.
#
#   deploy/image/smoke.sh ROOTFS
set -euo pipefail
rootfs=$(cd "${1:?rootfs}" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
db=kyc_image_smoke_$$
http=$((20000 + RANDOM % 20000)); grpc=$((http + 1)); s3=$((http + 2)); metrics=$((http + 3))
s3pid=""
cleanup() {
  [ -n "${srvpid:-}" ] && kill "$srvpid" 2>/dev/null || true
  [ -n "$s3pid" ] && kill "$s3pid" 2>/dev/null || true
  wait 2>/dev/null || true
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db" >/dev/null
mkdir -p "$work/s3"
ROOT_ACCESS_KEY=smoke ROOT_SECRET_KEY=smoke-secret-key "$root/.cache/bin/versitygw" --port "127.0.0.1:$s3" posix "$work/s3" \
  >"$work/s3.log" 2>&1 &
s3pid=$!

export KYC_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db?sslmode=disable"
export KYC_HTTP_ADDR="127.0.0.1:$http" KYC_GRPC_ADDR="127.0.0.1:$grpc" KYC_METRICS_ADDR="127.0.0.1:$metrics"
export KYC_S3_ENDPOINT="127.0.0.1:$s3" KYC_S3_ACCESS_KEY=smoke KYC_S3_SECRET_KEY=smoke-secret-key
export KYC_BLOB_MASTER_KEYS="smoke:$(head -c 32 /dev/urandom | base64)"
export KYC_MODELS_DIR=/usr/share/kyc/models KYC_ONNXRUNTIME_LIB=/usr/lib/kyc/libonnxruntime.so.1 TMPDIR=/tmp
export KYC_LOG_FORMAT=text

# inimage CMD...: run kyc-server CMD in the root filesystem as the image does.
inimage() {
  unshare --mount --fork -- sh -c '
    set -e; r=$1; shift
    mount --make-rprivate /
    mount --bind "$r" "$r"; mount -o remount,bind,ro "$r"
    mount -t tmpfs -o size=256m,mode=1777 tmpfs "$r/tmp"
    mount -t proc proc "$r/proc"
    mount --bind /dev "$r/dev"
    exec chroot --userspec=10001:10001 "$r" /usr/local/bin/kyc-server "$@"' sh "$rootfs" "$@"
}

if touch "$rootfs/.rw-probe" 2>/dev/null; then rm -f "$rootfs/.rw-probe"; fi
inimage migrate >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log"; echo "smoke: migrate failed in the image"; exit 1; }
start=$(date +%s.%N)
inimage serve >"$work/serve.log" 2>&1 &
srvpid=$!
for _ in $(seq 1 600); do
  if curl -sf -o /dev/null "http://127.0.0.1:$http/healthz"; then
    ready=$(date +%s.%N)
    echo "smoke: kyc-server in the image (uid 10001, read-only root) ready on /healthz after $(printf '%.2f' "$(echo "$ready - $start" | bc)") s"
    curl -sf "http://127.0.0.1:$http/api/v1/health" >/dev/null && echo "smoke: /api/v1/health answers"
    # Nothing may have been written outside /tmp.
    exit 0
  fi
  kill -0 "$srvpid" 2>/dev/null || break
  sleep 0.1
done
tail -n 30 "$work/serve.log"
echo "smoke: kyc-server did not become ready in the image"
exit 1
