#!/usr/bin/env bash
# tests/cross.sh ARCH DIR [ROOT]: the cmocka suites and the headless end-to-end tests of a cross build
# (make cross) under qemu-user, through one wrapper per program, so that tests/run.sh and the
# e2e scripts run them as they run native ones. Prints how long it took.
set -u
arch=$1 dir=$2 root=${3:-}
cd "$(dirname "$0")/.." || exit 2
case $arch in arm64) q=qemu-aarch64-static ;; armhf) q=qemu-arm-static ;; *) echo "cross: unknown ARCH $arch" >&2; exit 2 ;; esac
command -v "$q" >/dev/null || { echo "cross: $q missing (make deps-cross)" >&2; exit 2; }
# the ARCH loader and libraries: the multiarch packages in / (libunibreak, not multiarch, from
# the folder cross-sysroot.sh made), or all of them in ROOT (make cross-root)
if [ -n "$root" ]; then prefix=$root libdir=/usr/lib; else prefix=/ libdir=$(pwd)/$dir/sysroot/usr/lib; fi
run=$dir/run
rm -rf "$run" && mkdir -p "$run"
for p in "$dir"/annai "$dir"/test_* "$dir"/uigeom "$dir"/soak "$dir"/replay_*; do
  [ -f "$p" ] && [ -x "$p" ] || continue
  # (-E sets the guest's environment only: the host's qemu is not affected)
  printf '#!/bin/sh\nexec %s -L %s -E LD_LIBRARY_PATH=%s %s "$@"\n' "$q" "$prefix" "$libdir" "$(pwd)/$p" > "$run/${p##*/}"
  chmod +x "$run/${p##*/}"
done
[ -x "$run/annai" ] || { echo "cross: $dir/annai missing (make cross ARCH=$arch)" >&2; exit 2; }
file -L "$dir/annai" | grep -q -e aarch64 -e ARM || { echo "cross: $dir/annai is not an ARM binary" >&2; exit 1; }
start=$(date +%s)
ANNAI_EMULATED=$q ANNAI=$run/annai BUILD=$run E2E="tests/e2e/headless.sh tests/e2e/hostile.sh tests/e2e/fuzz-replay.sh tests/e2e/soak.sh" \
  bash tests/run.sh "$run"/test_*
rc=$?
echo "cross $arch: $(( $(date +%s) - start )) s under $q"
exit $rc
