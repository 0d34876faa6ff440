#!/usr/bin/env bash
# A visitor at a real X server, landscape and portrait: swipes, a short drag, an arrow key, the
# index, the language, the idle reset, and no way out; checked in the events log and on screen.
# Needs Xvfb, xdotool and ImageMagick (make deps installs them).
set -u
ANNAI=${ANNAI:-./annai} BUILD=${BUILD:-build}
. "$(dirname "$0")/lib.bash"
[ -x "$BUILD/uigeom" ] || fail "$BUILD/uigeom missing (make test builds it)"
panels=$(ls content/[0-9]*.md | grep -Evc '\.[A-Za-z]{2,3}(-[A-Za-z0-9]+)*\.md$')  # panels, not their twins

nlangs=$(sed -n 's/^languages *= *//p' content/kiosk.ini | tr ',' '\n' | grep -c .)  # the picker's entries

visitor() { # W H
  local w=$1 h=$2 y=$(( $2 / 2 ))
  at() { "$BUILD/uigeom" "$w" "$h" "$panels" "$nlangs" | awk -v k="$1" '$1 == k {print $2, $3}'; }
  start_xvfb "${w}x${h}"
  start_annai --size "${w}x${h}" --idle-timeout 4 --dwell 300
  shot before
  drag $(( w * 8 / 10 )) $y $(( w * 3 / 10 )) $y                     # swipe left: next
  grep -q '"ev":"view","panel":"02-[^"]*","index":2,"lang":"ja","via":"swipe"' "$ev" || fail "$w x $h: swipe left did not show panel 2"
  shot after
  [ "$(diff_px before after)" -gt 10000 ] || fail "$w x $h: screen did not change after the swipe"
  drag $(( w * 2 / 10 )) $y $(( w * 7 / 10 )) $y                     # swipe right: previous
  grep -q '"index":1,"lang":"ja","via":"swipe"' "$ev" || fail "$w x $h: swipe right did not go back"
  local n; n=$(count_ev '"ev":"view"')
  drag $(( w / 2 )) $y $(( w / 2 + w / 25 )) $y                      # too short: springs back
  [ "$(count_ev '"ev":"view"')" -eq "$n" ] || fail "$w x $h: a short drag changed the panel"
  xdotool key Right; sleep 0.6
  grep -q '"index":2,"lang":"ja","via":"key"' "$ev" || fail "$w x $h: arrow key"
  xdotool mousemove $(at index) click 1; sleep 0.6                    # 目次: the index opens
  xdotool mousemove $(at entry5) click 1; sleep 0.8                   # the fifth title
  grep -q '"index":5,"lang":"ja","via":"menu"' "$ev" || fail "$w x $h: index did not jump to panel 5"
  xdotool mousemove $(at lang) click 1; sleep 0.6                     # the language picker
  xdotool mousemove $(at pick2) click 1; sleep 0.6                    # English
  grep -q '"ev":"lang","lang":"en"' "$ev" || fail "$w x $h: language picker"
  grep -q '"ev":"touch","kind":"down"' "$ev" || fail "$w x $h: touches are not logged"
  sleep 5                                                             # the visitor walks away
  grep -q '"ev":"idle"' "$ev" || fail "$w x $h: no idle event"
  tail -3 "$ev" | grep -q '"index":1,"lang":"ja","via":"idle"' || fail "$w x $h: idle reset did not return to panel 1 in Japanese"
  xdotool key alt+F4 2>/dev/null; xdotool key ctrl+q; xdotool key Escape; sleep 0.3
  kill -0 "$apid" || fail "$w x $h: a key let the visitor out"
  stop_annai
  kill "$xpid"; wait "$xpid" 2>/dev/null; xpid=
}

visitor 1280 720
visitor 720 1280
echo "xvfb: ok"
