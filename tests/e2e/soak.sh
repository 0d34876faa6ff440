#!/usr/bin/env bash
# A short soak: two simulated hours of the real kiosk loop (attract mode, visitors, reloads good
# and broken, idle resets). Memory, the atlas and open files must not grow. `make soak` runs a week.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
[ -x build/soak ] || { echo "FAIL: build/soak missing (make test builds it)"; exit 1; }
cp -R content/. "$tmp/"
out=$(SDL_VIDEODRIVER=dummy ./build/soak --content "$tmp" --hours 2 2>/dev/null) || { echo "FAIL: $out"; exit 1; }
echo "$out" | grep -q '^soak: flat$' || { echo "FAIL: $out"; exit 1; }
echo "$out" | grep -Eq ' [1-9][0-9]{2,} transitions, [1-9][0-9]* reloads' || { echo "FAIL: too little happened: $out"; exit 1; }
echo "soak: ok"
