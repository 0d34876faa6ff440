#!/usr/bin/env bash
# Displays as an operator meets them: no display at all (exit 3 with advice, never an invisible
# kiosk), a bare X server without a window manager (the kiosk fills the real screen), a window
# resized by hand (the layout follows), and the software renderer's memory with a real display
# (no GL mapped, within 10 MiB of headless). Needs Xvfb, xdotool, ImageMagick (make deps).
set -u
ANNAI=${ANNAI:-./annai} BUILD=${BUILD:-build}
. "$(dirname "$0")/lib.bash"
RSS_BUDGET_MIB=10   # DESIGN.md: a real display costs at most this over headless (software path)

# region_diff A.png B.png WxH+X+Y: pixels of that region that differ by more than 15%
region_diff() {
  convert "$1" -crop "$3" +repage "$tmp/ra.png" && convert "$2" -crop "$3" +repage "$tmp/rb.png" &&
    compare -metric AE -fuzz 15% "$tmp/ra.png" "$tmp/rb.png" null: 2>&1
}

# no display: no DISPLAY, no Wayland, no DRM device it may use -> 3 and what to try, in seconds
no_display() { # what SDL_VIDEODRIVER
  local rc=0
  env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER="$2" timeout 20 "$ANNAI" --dwell 1 >"$tmp/out" 2>"$tmp/err" || rc=$?
  [ $rc -eq 3 ] || fail "$1: exit $rc, not 3 (124 = still running: an invisible kiosk)"
  for said in 'no display' kmsdrm 'video and input groups' DISPLAY '--screenshot DIR'; do
    grep -qF -- "$said" "$tmp/err" || fail "$1: the message does not mention '$said'"
  done
}
no_display "no driver named" ""
no_display "kmsdrm without a DRM device" kmsdrm
# asked for by name, the offscreen driver is the operator's choice (SDL_VIDEODRIVER=offscreen)
SDL_VIDEODRIVER=offscreen timeout 3 "$ANNAI" --dwell 1 >/dev/null 2>&1; rc=$?
[ $rc -eq 124 ] || fail "SDL_VIDEODRIVER=offscreen by name: exit $rc, expected to run"

# a bare X server (xinit kiosk): fullscreen by default fills the real screen
start_xvfb 1920x1080
# (as in lib.bash: X11's and D-Bus's libraries, loaded and unloaded by SDL, leave allocations
# LeakSanitizer cannot name; leaks are checked in the headless runs)
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
: > "$ev"
SDL_VIDEODRIVER=x11 "$ANNAI" --events "$ev" --dwell 300 2>"$tmp/err" & apid=$!
wait_ev '"ev":"start"' 5 || fail "bare X: no start"
sleep 1
geo=$(xdotool search --name annai getwindowgeometry | tr -s ' \n' ' ')
echo "$geo" | grep -q 'Position: 0,0 .*Geometry: 1920x1080' || fail "bare X: window is not the screen: $geo"
shot bare
SDL_VIDEODRIVER=dummy "$ANNAI" --screenshot "$tmp/ref" --size 1920x1080 >/dev/null 2>&1
# the right-hand buttons and the page dots (cut off when the window stayed 1280x720); the
# kiosk's burn-in shift moves edges by a few pixels, so a few edge pixels may differ
for region in 400x160+1520+920 1920x60+0+1020 500x200+710+150; do
  n=$(region_diff "$tmp/bare.png" "$tmp/ref"/01-*.png "$region")
  total=$(( ${region%%x*} * $(echo "$region" | sed 's/^[0-9]*x\([0-9]*\).*/\1/') ))
  [ "$n" -lt $(( total / 5 )) ] || fail "bare X: region $region differs from the 1920x1080 layout in $n of $total pixels"
done
stop_annai

# a window resized by hand: the layout follows its real size
: > "$ev"
SDL_VIDEODRIVER=x11 "$ANNAI" --windowed --size 800x480 --events "$ev" --dwell 300 2>"$tmp/err" & apid=$!
wait_ev '"ev":"start"' 5 || fail "windowed: no start"
sleep 0.5
wid=$(xdotool search --name annai | head -1)
xdotool windowmove "$wid" 0 0 windowsize "$wid" 1280 720; sleep 1
import -window "$wid" "$tmp/resized.png"
SDL_VIDEODRIVER=dummy "$ANNAI" --screenshot "$tmp/ref720" --size 1280x720 >/dev/null 2>&1
n=$(region_diff "$tmp/resized.png" "$tmp/ref720"/01-*.png 300x120+980+600)
[ "$n" -lt 7200 ] || fail "resized to 1280x720: the buttons are not where a 1280x720 layout puts them ($n px differ)"
stop_annai
kill "$xpid"; wait "$xpid" 2>/dev/null; xpid=

# memory with a real display: the software path maps no GL and stays near headless
[ -n "${ANNAI_SANITIZER:-}" ] && { echo "display: ok (memory skipped under the sanitizers)"; exit 0; }
ANNAI=$ANNAI bash bench/display-rss.sh 1920x1080 4 > "$tmp/rss" || fail "display-rss did not run"
get() { awk -v k="$1:" '$1 == k {print $2}' "$tmp/rss"; }
[ "$(get x11_software_gl_loaded)" = no ] || fail "software renderer under X11 mapped GL: $(cat "$tmp/rss")"
[ "$(get x11_gpu_gl_loaded)" = yes ] || fail "renderer = gpu did not use GL: $(cat "$tmp/rss")"
awk -v s="$(get x11_software_peak_rss_mib)" -v h="$(get headless_peak_rss_mib)" -v b=$RSS_BUDGET_MIB \
  'BEGIN { exit !(s - h <= b) }' || fail "software under X11 holds more than $RSS_BUDGET_MIB MiB over headless: $(cat "$tmp/rss")"
echo "display: ok ($(get x11_software_peak_rss_mib) MiB with X11, $(get headless_peak_rss_mib) MiB headless)"
