#!/usr/bin/env bash
# The Debian package as an operator meets it: `make deb` (dist/deb.sh) builds it lintian-clean
# (no error, no warning), dpkg -i installs it, the installed annai finds its fonts (linked from
# fonts-morisawa-bizud-gothic) and content and passes --check, the unit is installed but not
# enabled, dpkg -r removes every file and dpkg -P the rest. Needs root (the test machine's dpkg).
set -u
ANNAI=${ANNAI:-./annai} BUILD=${BUILD:-build}
cd "$(dirname "$0")/../.." || exit 1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
[ -n "${ANNAI_SANITIZER:-}" ] && { echo "deb: skipped in the sanitizer run (it packages the normal build)"; exit 0; }
[ "$(id -u)" = 0 ] || { echo "deb: skipped: dpkg -i needs root"; exit 0; }
dpkg-query -W -f='${Status}' annai 2>/dev/null | grep -q 'ok installed' && fail "annai is installed already: this test would remove it"
# dpkg -i/-r wait while another apt or dpkg holds the lock (exit 2), at most 15 minutes
dpkg_wait() { local i rc; for i in $(seq 180); do dpkg "$@" >"$tmp/dpkg" 2>&1; rc=$?
  grep -q 'lock' "$tmp/dpkg" && [ $rc -ne 0 ] || return $rc; sleep 5; done; return 1; }

deb=$(bash dist/deb.sh 2>"$tmp/lintian" | tail -1) || { cat "$tmp/lintian"; fail "make deb"; }
grep -E '^[EW]: ' "$tmp/lintian" && fail "lintian errors or warnings"
version=$(dpkg-deb -f "$deb" Version)
[ "${deb##*/}" = "annai_${version}_$(dpkg --print-architecture).deb" ] || fail "package name ${deb##*/}"
dpkg-deb -f "$deb" Depends | grep -q 'libsdl2-2.0-0 (>=' || fail "runtime dependencies not from shlibs: $(dpkg-deb -f "$deb" Depends)"

dpkg_wait -i "$deb" || { cat "$tmp/dpkg"; fail "dpkg -i"; }
trap 'dpkg -P annai >/dev/null 2>&1; rm -rf "$tmp"' EXIT
[ "$(/usr/bin/annai --version)" = "annai $version" ] || fail "installed --version: $(/usr/bin/annai --version)"
out=$(cd / && SDL_VIDEODRIVER=dummy /usr/bin/annai --check 2>&1) || fail "installed annai --check: $out"
echo "$out" | grep -q '11 panels' || fail "installed annai did not find its content: $out"
(cd / && /usr/bin/annai --screenshot "$tmp/shots" --size 800x480 >/dev/null 2>&1) || fail "installed --screenshot"
[ -s "$tmp/shots/01-title.png" ] || fail "installed annai rendered nothing"
unit=/lib/systemd/system/annai.service
grep -q '^ExecStart=/usr/bin/annai ' "$unit" || fail "unit ExecStart: $(grep ExecStart "$unit")"
[ -e /etc/systemd/system/multi-user.target.wants/annai.service ] && fail "the unit was enabled on install"
for doc in $(sed -n 's|^Documentation=file://||p' "$unit"); do [ -f "$doc" ] || fail "the unit's Documentation $doc is not installed"; done
man -w annai >/dev/null 2>&1 || fail "no manual page"
# the package's files and links (not its folders: /lib is itself a link on a merged /usr)
files=$(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print substr($6, 2)}')
[ -n "$files" ] || fail "no files listed"

dpkg_wait -r annai || { cat "$tmp/dpkg"; fail "dpkg -r"; }
left=$(for f in $files; do [ -e "$f" ] || [ -L "$f" ] && echo "$f"; done)
[ -z "$left" ] || fail "dpkg -r left: $left"
dpkg_wait -P annai || { cat "$tmp/dpkg"; fail "dpkg -P"; }
dpkg-query -W annai >/dev/null 2>&1 && fail "purged, yet dpkg still knows annai"
trap 'rm -rf "$tmp"' EXIT
echo "deb: ok (${deb##*/}, lintian clean, installed, --check, removed, purged)"
