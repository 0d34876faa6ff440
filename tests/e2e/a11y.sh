#!/usr/bin/env bash
# A visitor who needs help reading, at a real X server in portrait: opens 見やすく, turns on
# larger text, scrolls a panel that no longer fits with a finger (xdotool) and with the arrow
# keys, switches to high contrast, and walks away: everything is back to normal.
# Needs Xvfb, xdotool and ImageMagick (make deps installs them).
set -u
ANNAI=${ANNAI:-./annai} BUILD=${BUILD:-build}
. "$(dirname "$0")/lib.bash"
[ -x "$BUILD/uigeom" ] || fail "$BUILD/uigeom missing (make test builds it)"
panels=$(ls content/[0-9]*.md | grep -vc '\.en\.md$')
w=720 h=1280
at() { "$BUILD/uigeom" "$w" "$h" "$panels" | awk -v k="$1" '$1 == k {print $2, $3}'; }
tap() { xdotool mousemove $(at "$1") click 1; sleep 0.6; }

need Xvfb xdotool import compare convert
# a display of our own (Xvfb picks a free one and tells us)
exec 5< <(Xvfb -displayfd 1 -screen 0 "${w}x${h}x24" -nolisten tcp 2>/dev/null & echo "pid $!")
read -r _ xpid <&5; read -r dnum <&5
[ -n "${dnum:-}" ] || fail "Xvfb did not start"
export DISPLAY=:$dnum
start_annai --size "${w}x${h}" --idle-timeout 5 --dwell 300
shot start
xdotool key Right; sleep 0.8                                   # panel 2: a long text
shot normal
tap access
tap large
grep -q '"ev":"a11y","mode":"large","state":"on"' "$ev" || fail "larger text did not turn on"
tap access                                                     # the tray closes: the text is all there
shot large
[ "$(diff_px normal large)" -gt 20000 ] || fail "larger text did not change the screen"
views=$(count_ev '"ev":"view"')
drag $(( w / 2 )) $(( h * 6 / 10 )) $(( w / 2 + 5 )) $(( h * 2 / 10 ))   # a finger up the screen
shot scrolled
[ "$(diff_px large scrolled)" -gt 20000 ] || fail "a vertical drag did not scroll the panel"
[ "$(count_ev '"ev":"view"')" -eq "$views" ] || fail "a vertical drag changed the panel"
xdotool key Down Down; sleep 0.5
shot keyed
[ "$(diff_px scrolled keyed)" -gt 10000 ] || fail "the Down key did not scroll"
tap access
tap contrast
shot contrast
[ "$(bright contrast)" -lt 30 ] || fail "high contrast is not a dark screen ($(bright contrast))"
wait_ev '"ev":"idle"' 10 || fail "no idle event"                # the visitor walks away
sleep 1.5                                                      # (the fade back to panel 1)
shot after
# (compared at 1/10 size: the burn-in shift may have moved the picture by a few px meanwhile)
small() { convert "$tmp/$1.png" -scale 10% "$tmp/$1.small.png"; }
small start; small after
d=$(compare -metric AE -fuzz 12% "$tmp/start.small.png" "$tmp/after.small.png" null: 2>&1)
[ "$d" -lt 300 ] || fail "idle reset did not return to the first panel as it was ($d of 9216 px differ at 1/10)"
cp "$tmp"/start.png "$tmp"/after.png /tmp/ 2>/dev/null; stop_annai
kill "$xpid"; wait "$xpid" 2>/dev/null; xpid=
echo "a11y: ok"
