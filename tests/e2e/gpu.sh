#!/usr/bin/env bash
# renderer = gpu under Xvfb with Mesa (OpenGL through llvmpipe): every bundled panel in both
# languages and slides and crossfades between them, compared pixel by pixel with the software
# renderer (build/gpucmp). On a failure the two pictures of each failing frame are kept.
set -u
ANNAI=${ANNAI:-./annai} BUILD=${BUILD:-build}
. "$(dirname "$0")/lib.bash"
[ -x "$BUILD/gpucmp" ] || fail "$BUILD/gpucmp missing (make test builds it)"
start_xvfb 1920x1080
for size in "1920 1080" "800 480"; do
  mkdir -p "$tmp/keep"
  # (X11's and Mesa's libraries, loaded and unloaded by SDL, leave allocations LeakSanitizer
  # cannot name: leaks are checked in the headless runs)
  ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 SDL_VIDEODRIVER=x11 \
    "$BUILD/gpucmp" $size --keep "$tmp/keep" > "$tmp/out" 2>&1; rc=$?
  tail -1 "$tmp/out"
  if [ $rc -ne 0 ]; then
    keep=$(mktemp -d /tmp/annai-gpucmp-XXXXXX); cp "$tmp"/keep/* "$keep"/ 2>/dev/null
    cat "$tmp/out"; fail "GPU and software pictures differ at ${size/ /x} (pictures in $keep)"
  fi
  grep -q 'opengl' "$tmp/out" || fail "not drawn with SDL's OpenGL renderer: $(tail -1 "$tmp/out")"
done
echo "gpu: ok"
