#!/usr/bin/env bash
# A visitor at a real X server: swipes, a key, the idle reset; checked in the events log and
# on the screen. Needs Xvfb, xdotool and ImageMagick (make deps installs them).
set -u
cd "$(dirname "$0")/../.."
for t in Xvfb xdotool import compare; do command -v $t >/dev/null || { echo "FAIL: $t missing (make deps)"; exit 1; }; done
tmp=$(mktemp -d)
disp=:$((90 + RANDOM % 100))
Xvfb $disp -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 & xpid=$!
cleanup() { kill $apid 2>/dev/null; kill $xpid 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
export DISPLAY=$disp
for i in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.1; done
fail() { echo "FAIL: $*"; echo "--- events"; cat "$tmp/ev"; exit 1; }
SDL_VIDEODRIVER=x11 ./annai --windowed --size 1280x720 --events "$tmp/ev" --idle-timeout 4 --dwell 300 2>"$tmp/err" & apid=$!
for i in $(seq 50); do grep -q '"ev":"start"' "$tmp/ev" 2>/dev/null && break; sleep 0.1; done
sleep 0.5
wid=$(xdotool search --name annai | head -1)
[ -n "$wid" ] || fail "no window"
xdotool windowmove $wid 0 0; sleep 0.3
shot() { import -window root "$tmp/$1.png"; }
drag() { # x0 x1
  xdotool mousemove $1 360 mousedown 1; for x in $(seq $1 $(( ($2 - $1) / 8 )) $2); do xdotool mousemove $x 360; sleep 0.02; done
  xdotool mousemove $2 360 mouseup 1; sleep 0.8
}
shot before
drag 1000 400                                   # swipe left: next
grep -q '"ev":"view","panel":"02-[^"]*","index":2,"lang":"ja","via":"swipe"' "$tmp/ev" || fail "swipe left did not show panel 2"
shot after
[ "$(compare -metric AE "$tmp/before.png" "$tmp/after.png" null: 2>&1)" -gt 10000 ] || fail "screen did not change after the swipe"
drag 300 900                                    # swipe right: previous
grep -q '"index":1,"lang":"ja","via":"swipe"' "$tmp/ev" || fail "swipe right did not go back"
n=$(grep -c '"ev":"view"' "$tmp/ev")
drag 600 660                                    # too short: springs back
[ "$(grep -c '"ev":"view"' "$tmp/ev")" -eq "$n" ] || fail "a short drag changed the panel"
xdotool key Right; sleep 0.6
grep -q '"index":2,"lang":"ja","via":"key"' "$tmp/ev" || fail "arrow key"
xdotool mousemove 168 673 click 1; sleep 0.6     # 目次: the index opens
xdotool mousemove 400 560 click 1; sleep 0.8     # an entry low in the first column
grep -q '"via":"menu"' "$tmp/ev" || fail "index did not jump"
xdotool mousemove 1111 673 click 1; sleep 0.6    # English, left of ▶ in the bar
grep -q '"ev":"lang","lang":"en"' "$tmp/ev" || fail "language toggle"
sleep 5                                          # the visitor walks away
grep -q '"ev":"idle"' "$tmp/ev" || fail "no idle event"
tail -3 "$tmp/ev" | grep -q '"index":1,"lang":"ja","via":"idle"' || fail "idle reset did not return to panel 1 in Japanese"
xdotool key alt+F4 2>/dev/null; sleep 0.3
kill -0 $apid || fail "window close let the visitor out"
kill -TERM $apid; wait $apid; rc=$?
[ $rc -eq 0 ] || fail "SIGTERM exit code $rc"
tail -1 "$tmp/ev" | grep -q '"ev":"stop"' || fail "no stop event"
echo "xvfb: ok"
