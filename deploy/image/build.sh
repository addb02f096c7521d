#!/usr/bin/env bash
# Builds the kyc-server OCI image without Docker Hub: a minimal Debian 12 root filesystem made by mmdebstrap from
# Debian's own packages (exactly the shared libraries the binary links, found with ldd, plus Tesseract's eng/hin
# data), the binary, the face/liveness models fetched by `make face-models` (with their sums and licences) and the
# ONNX runtime; then buildah turns the folder into an image, and the script smoke-tests it by running the binary
# inside the root filesystem (chroot as the image's non-root user) until /healthz is ready.
#
#   deploy/image/build.sh ROOT_DIR    (make image calls it; ROOT_DIR is the repository)
# Env: IMAGE (default localhost/enxtai/kyc-server:latest), OUT (default ROOT_DIR/.cache/image),
#      SKIP_BUILDAH=1 to stop after the root filesystem and its smoke test.
set -euo pipefail
root=$(cd "${1:?repository root}" && pwd)
image=${IMAGE:-localhost/enxtai/kyc-server:latest}
out=${OUT:-$root/.cache/image}
rootfs=$out/rootfs
bin=$root/bin/kyc-server
models=$root/.cache/models
ort=$(ls "$root"/.cache/lib/onnxruntime-*/libonnxruntime.so.1 | head -n1)
uid=10001

[ -x "$bin" ] || { echo "build.sh: $bin missing (make build)"; exit 1; }

# The Debian packages that own the libraries the binary links (dpkg -S on ldd's answers), so the image carries
# exactly its runtime, never a compiler or a -dev package.
libs=$(ldd "$bin" | awk '$3 ~ /^\// {print $3}')
pkgs=$(for l in $libs; do dpkg -S "$(readlink -f "$l")" 2>/dev/null || dpkg -S "$l" 2>/dev/null; done \
  | cut -d: -f1 | sort -u | grep -v -e '^libc6$' | tr '\n' ',')
pkgs="${pkgs}tesseract-ocr-eng,tesseract-ocr-hin,ca-certificates,tzdata"
echo "image packages: $pkgs"

rm -rf "$rootfs" && mkdir -p "$out"
# essential: dpkg and the base files, no apt; documentation, manuals and locales are left out.
mmdebstrap --variant=essential --quiet \
  --include="$pkgs" \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --customize-hook='rm -rf "$1"/var/cache/* "$1"/var/lib/dpkg/*-old "$1"/var/log/*' \
  bookworm "$rootfs" http://deb.debian.org/debian

install -D -m 0755 "$bin" "$rootfs/usr/local/bin/kyc-server"
install -D -m 0644 "$ort" "$rootfs/usr/lib/kyc/libonnxruntime.so.1"
mkdir -p "$rootfs/usr/share/kyc/models"
cp -r "$models"/. "$rootfs/usr/share/kyc/models/"
# Provenance, sums and licences of everything that is not a Debian package.
{
  echo "Models and libraries of this image that are not Debian packages (fetched by make face-models):"
  (cd "$rootfs/usr/share/kyc/models" && find . -type f \( -name '*.dat' -o -name '*.onnx' \) -print0 | sort -z | xargs -0 sha256sum)
  (cd "$rootfs/usr/lib/kyc" && sha256sum libonnxruntime.so.1)
  echo; echo "Sources and licences: mk/face.mk and bench/face.md of the repository."
} >"$rootfs/usr/share/kyc/PROVENANCE.txt"
for f in "$root"/../shared/models/*/LICENSE* "$root"/../shared/models/*/PROVENANCE.txt; do
  [ -f "$f" ] && install -D -m 0644 "$f" "$rootfs/usr/share/kyc/licences/$(basename "$(dirname "$f")")-$(basename "$f")"
done
# The non-root user the image runs as.
echo "kyc:x:$uid:$uid:kyc:/nonexistent:/usr/sbin/nologin" >>"$rootfs/etc/passwd"
echo "kyc:x:$uid:" >>"$rootfs/etc/group"

size=$(du -sm "$rootfs" | cut -f1)
echo "root filesystem: ${size} MiB"

"$root/deploy/image/smoke.sh" "$rootfs"

[ "${SKIP_BUILDAH:-}" = 1 ] && exit 0
# buildah: the folder becomes one layer of an image FROM scratch (vfs storage needs no overlay or fuse).
export STORAGE_DRIVER=vfs
ctr=$(buildah from scratch)
trap 'buildah rm "$ctr" >/dev/null 2>&1 || true' EXIT
buildah copy --quiet "$ctr" "$rootfs" / >/dev/null
buildah config --user "$uid:$uid" --workingdir / --entrypoint '["/usr/local/bin/kyc-server"]' --cmd serve \
  --env KYC_MODELS_DIR=/usr/share/kyc/models --env KYC_ONNXRUNTIME_LIB=/usr/lib/kyc/libonnxruntime.so.1 \
  --env KYC_LOG_FORMAT=json --env TMPDIR=/tmp --port 8080 --port 9090 --port 9464 \
  --label org.opencontainers.image.title=kyc-server --label org.opencontainers.image.source=https://github.com/enxtai/kyc \
  "$ctr"
buildah commit --quiet "$ctr" "$image" >/dev/null
rm -f "$out/kyc-server.oci.tar"
buildah push --quiet "$image" "oci-archive:$out/kyc-server.oci.tar"
echo "image $image: $(du -m "$out/kyc-server.oci.tar" | cut -f1) MiB as an OCI archive ($out/kyc-server.oci.tar)"
