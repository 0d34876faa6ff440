#!/usr/bin/env bash
# An operator's months in a minute, against the running binary: hot reload (an edit, a broken
# file, an rsync deploy, a symlink swap), the heartbeat, the admin overlay, a screen mounted
# sideways, the screen schedule, and an install into a DESTDIR run from /.
set -u
ANNAI=${ANNAI:-./annai} BUILD=${BUILD:-build}
. "$(dirname "$0")/lib.bash"
need rsync
start_xvfb 1280x720

# ---- hot reload ----
mkdir -p "$tmp/v1"; cp -R content/. "$tmp/v1/"
ln -s v1 "$tmp/cur"
start_annai --size 1280x720 --content "$tmp/cur" --heartbeat "$tmp/hb" --heartbeat-interval 1 --dwell 300 --idle-timeout 300
shot a
sed -i 's/^title: .*/title: 編集した題名/' "$tmp/v1/01-title.md"            # a curator edits a panel
wait_ev '"ev":"reload","panels":11' 8 || fail "an edit was not reloaded"
shot b
[ "$(diff_px a b)" -gt 2000 ] || fail "the edited title did not appear"
printf -- '---\ntitle: 壊れた\nlayuot: text\n---\n本文\n' > "$tmp/v1/05a-broken.md"  # a broken panel
wait_ev '"ev":"reload-failed","error":".*05a-broken.md:3: unknown key' 8 || fail "a broken panel gave no reload-failed at its line"
shot c
# (brightness, not pixels: the burn-in shift may move the picture between two shots)
[ "$(bright c)" -ge $(( $(bright b) - 2 )) ] && [ "$(bright c)" -le $(( $(bright b) + 2 )) ] || fail "the last good content did not stay on screen"
rm "$tmp/v1/05a-broken.md"
wait_ev '"ev":"reload","panels":11' 8 || fail "removing the broken panel was not picked up"
r=$(count_ev '"ev":"reload"')

mkdir -p "$tmp/new"; cp -R content/. "$tmp/new/"; rm "$tmp/new"/1[01]-*     # a 9-panel release
rsync -a --delete --delay-updates "$tmp/new/" "$tmp/v1/"
wait_ev '"ev":"reload","panels":9' 8 || fail "an rsync --delay-updates deploy was not picked up"
grep '"ev":"reload"' "$ev" | tail -n +$((r + 1)) | grep -q '"panels":1[01]' && fail "a half-written deploy was shown"

mkdir -p "$tmp/v3"; cp -R content/. "$tmp/v3/"; rm "$tmp/v3"/11-*          # a symlink swap to 10 panels
ln -s v3 "$tmp/cur.new" && mv -T "$tmp/cur.new" "$tmp/cur"
wait_ev '"ev":"reload","panels":10' 8 || fail "an atomic symlink swap was not picked up"

# ---- heartbeat ----
[ -f "$tmp/hb" ] || fail "no heartbeat file"
age=$(( $(date +%s) - $(stat -c %Y "$tmp/hb") ))
[ "$age" -le 2 ] || fail "heartbeat is $age s old with an interval of 1 s"

# ---- admin overlay from the keyboard (no PIN set) ----
xdotool key ctrl+shift+a; sleep 0.5; shot admin
[ "$(bright admin)" -lt 25 ] || fail "the admin overlay did not open"
n=$(count_ev '"ev":"reload"')
xdotool key r; sleep 0.5
[ "$(count_ev '"ev":"reload"')" -gt "$n" ] || fail "admin reload did nothing"
xdotool key Escape; sleep 0.5; shot closed
[ "$(bright closed)" -gt 25 ] || fail "the admin overlay did not close"
# ---- a resized window is laid out again: the navigation bar follows the bottom edge ----
xdotool windowsize "$(xdotool search --name annai | head -1)" 800 600; sleep 0.8; shot resized
bar=$(convert "$tmp/resized.png" -format '%[hex:u.p{400,590}]' info:)
[ "${bar:0:6}" = E9E5DC ] || fail "after a resize to 800x600 the navigation bar is not at the bottom (got $bar)"

stop_annai

# ---- a screen mounted sideways, with a PIN (from a credential: --pin is refused) ----
mkdir -p "$tmp/cred"; echo 2468 > "$tmp/cred/annai.pin"
CREDENTIALS_DIRECTORY="$tmp/cred" start_annai --size 1280x720 --rotate 90 --dwell 300
shot rot
drag 640 600 640 100    # the visitor swipes left across the turned picture: upwards on the output
wait_ev '"index":2,"lang":"ja","via":"swipe"' 2 || fail "rotate 90: a swipe in the turned frame did not go to the next panel"
xdotool mousemove 1270 10 mousedown 1; sleep 1.2; xdotool mouseup 1; sleep 0.4  # long press, the picture's top left
shot pad
[ "$(bright pad)" -lt 25 ] || fail "a long press in the corner did not show the PIN pad"
n=$(count_ev '"ev":"reload"')
xdotool key 1 1 1 1 Return r; sleep 0.4
[ "$(count_ev '"ev":"reload"')" -eq "$n" ] || fail "a wrong PIN opened the overlay"
xdotool key 2 4 6 8 Return; sleep 0.3; xdotool key r; sleep 0.5
[ "$(count_ev '"ev":"reload"')" -gt "$n" ] || fail "the right PIN did not open the overlay"
grep -q 2468 "$ev" "$tmp/err" && fail "the PIN was logged"
stop_annai

# ---- the screen schedule: off now, a touch wakes it for idle_timeout ----
h=$(date +%H); on=$(printf '%02d:00' $(( (10#$h + 2) % 24 ))); off=$(printf '%02d:00' $(( (10#$h + 3) % 24 )))
start_annai --size 1280x720 --on "$on" --off "$off" --idle-timeout 3
wait_ev '"ev":"screen","state":"off"' 3 || fail "outside $on-$off the screen did not go off"
sleep 0.5; shot dark
[ "$(bright dark)" -eq 0 ] || fail "the screen is not black outside the schedule"
t=$(cpu_ticks 3)
[ "$t" -le 6 ] || fail "a dark screen used $t CPU ticks in 3 s"
xdotool mousemove 640 360 click 1
wait_ev '"ev":"screen","state":"on"' 2 || fail "a touch did not wake the screen"
sleep 0.5; shot woken
[ "$(bright woken)" -gt 20 ] || fail "the woken screen is dark"
sleep 4
[ "$(count_ev '"ev":"screen","state":"off"')" -ge 2 ] || fail "the screen did not go off again after idle_timeout"
stop_annai

# ---- install into a DESTDIR, run from / ----
make -s install DESTDIR="$tmp/root" PREFIX=/usr >/dev/null || fail "make install"
for f in usr/bin/annai usr/share/annai/fonts/BIZUDPGothic-Regular.ttf usr/share/annai/content/01-title.md \
         usr/lib/systemd/system/annai.service; do [ -e "$tmp/root/$f" ] || fail "install: $f missing"; done
grep -q '^ExecStart=/usr/bin/annai' "$tmp/root/usr/lib/systemd/system/annai.service" || fail "unit ExecStart"
out=$(cd / && SDL_VIDEODRIVER=dummy "$tmp/root/usr/bin/annai" --check) || fail "installed --check from /: $out"
echo "$out" | grep -q '11 panels' || fail "installed binary did not find its content: $out"
(cd / && SDL_VIDEODRIVER=dummy "$tmp/root/usr/bin/annai" --screenshot "$tmp/inst" --size 800x480) || fail "installed --screenshot"
[ -f "$tmp/inst/01-title.png" ] || fail "installed binary rendered nothing"
echo "ops: ok"
