#!/usr/bin/env bash
# dist/deb.sh [ARCH]: annai_VERSION_ARCH.deb with debhelper, built from a copy of the tree
# (dpkg-buildpackage cleans the tree it builds in: the developer's build/ stays), then lintian.
# Prints the .deb's path last. ARCH other than the build machine's cross-builds (make cross).
set -euo pipefail
cd "$(dirname "$0")/.."
host=$(dpkg --print-architecture) arch=${1:-$host}
version=$(dpkg-parsechangelog -S Version)
out=build/deb-$arch src=build/deb-$arch/annai-$version
rm -rf "$out" && mkdir -p "$src"
tar --exclude=./build --exclude=./.git --exclude=./annai -cf - . | tar -xf - -C "$src"
args=(-us -uc -b)
if [ "$arch" != "$host" ]; then
  sysroot=$(pwd)/build/cross-$arch/sysroot
  bash dist/cross-sysroot.sh "$arch" "$sysroot"
  # -d: libunibreak-dev:$arch is in the sysroot, not installed (see cross-sysroot.sh)
  args+=(-a"$arch" -d)
  export ANNAI_CROSS_SYSROOT=$sysroot PKG_CONFIG_PATH=$sysroot/pkgconfig
  export DEB_LDFLAGS_APPEND="-L$sysroot/usr/lib"
fi
(cd "$src" && DEB_BUILD_OPTIONS="parallel=2 ${DEB_BUILD_OPTIONS:-}" dpkg-buildpackage "${args[@]}") > "$out/build.log" 2>&1 ||
  { tail -30 "$out/build.log"; echo "deb: dpkg-buildpackage failed (log: $out/build.log)" >&2; exit 1; }
deb=$out/annai_${version}_$arch.deb
[ -f "$deb" ] || { echo "deb: $deb was not made" >&2; exit 1; }
# lintian: no error and no warning (info and pedantic notes are listed, not fatal)
lintian --fail-on error,warning --info "$deb" | tee "$out/lintian.txt" >&2 || { echo "deb: lintian found problems" >&2; exit 1; }
echo "$deb"
