#!/usr/bin/env bash
# dist/cross-sysroot.sh ARCH DIR: the libraries Debian cannot install for a second architecture
# next to the build machine's own (libunibreak-dev and libunibreak1 are not Multi-Arch: same, so
# dpkg would remove the native ones) extracted from their ARCH packages into DIR, with a
# pkg-config file pointing there (DIR/pkgconfig). Every other -dev package is multiarch.
set -eu
arch=$1 dir=$2
pkgs="libunibreak-dev libunibreak1"
[ -f "$dir/pkgconfig/libunibreak.pc" ] && exit 0
mkdir -p "$dir/debs" "$dir/pkgconfig"
(cd "$dir/debs" && apt-get download -qq $(for p in $pkgs; do echo "$p:$arch"; done) 2>&1 | grep -v 'unsandboxed' || true)
for d in "$dir"/debs/*.deb; do dpkg-deb -x "$d" "$dir"; done
pc=$(find "$dir/usr/lib" -name libunibreak.pc | head -1)
[ -n "$pc" ] || { echo "cross-sysroot: no libunibreak.pc for $arch" >&2; exit 1; }
sed "s|^prefix=.*|prefix=$(cd "$dir" && pwd)/usr|" "$pc" > "$dir/pkgconfig/libunibreak.pc"
