#!/usr/bin/env bash
# A short soak: two simulated hours of the real kiosk loop (attract mode, visitors, reloads good
# and broken, idle resets). Memory, the atlas and open files must not grow. `make soak` runs a week.
set -u
ANNAI=${ANNAI:-./annai} BUILD=${BUILD:-build}
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
[ -x "$BUILD/soak" ] || { echo "FAIL: $BUILD/soak missing (make test builds it)"; exit 1; }
cp -R content/. "$tmp/"
if [ -n "${ANNAI_SANITIZER:-}" ]; then
  # memory cannot stay flat under AddressSanitizer (quarantine, shadow memory): here the soak
  # only has to run its hour without a sanitizer report
  out=$(SDL_VIDEODRIVER=dummy "$BUILD/soak" --content "$tmp" --hours 1 2>"$tmp/err")
  grep -q 'runtime error\|AddressSanitizer\|LeakSanitizer' "$tmp/err" && { cat "$tmp/err"; echo "FAIL: sanitizer report in the soak"; exit 1; }
  echo "$out" | grep -q '^soak: ' || { echo "FAIL: $out"; exit 1; }
  echo "soak: ok (sanitized)"; exit 0
fi
out=$(SDL_VIDEODRIVER=dummy "$BUILD/soak" --content "$tmp" --hours 2 2>/dev/null)
if [ -n "${ANNAI_EMULATED:-}" ]; then
  # under qemu-user the resident size is the emulator's (its translated code grows as new paths
  # run): the open files and the atlas still have to stay flat, the memory is judged natively
  echo "$out" | grep -Eq '^soak: open fds start ([0-9]+) end \1$' || { echo "FAIL: open files grew: $out"; exit 1; }
  echo "$out" | grep -Eq '^soak: atlas start ([0-9]+) pages [0-9]+ glyphs, end \1 pages' || { echo "FAIL: atlas grew: $out"; exit 1; }
else
  echo "$out" | grep -q '^soak: flat$' || { echo "FAIL: $out"; exit 1; }
fi
echo "$out" | grep -Eq ' [1-9][0-9]{2,} transitions, [1-9][0-9]* reloads' || { echo "FAIL: too little happened: $out"; exit 1; }
echo "soak: ok"
