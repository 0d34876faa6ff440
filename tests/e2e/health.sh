#!/usr/bin/env bash
# Fleet health through the real binary (headless): systemd's notify socket played by a test
# (READY after the first frame, WATCHDOG pings that stop when frames stop being presented,
# STATUS, STOPPING), the metrics file checked by promtool and against the events log, and the
# heartbeat naming the panel on screen, read by the shipped watchdog check.
set -u
ANNAI=${ANNAI:-./annai}
cd "$(dirname "$0")/../.."
export SDL_VIDEODRIVER=dummy
tmp=$(mktemp -d); pid=
trap '[ -n "$pid" ] && kill -KILL $pid 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; echo "--- notify"; cat "$tmp/notify" 2>/dev/null; echo "--- stderr"; tail -5 "$tmp/err" 2>/dev/null; exit 1; }
for t in promtool python3; do command -v $t >/dev/null || fail "$t missing (make deps)"; done
check=dist/annai-heartbeat-check
# stop: SIGTERM to the kiosk started in the background, its exit code
stop() { kill -TERM "$pid"; wait "$pid"; local rc=$?; pid=; return $rc; }
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" "$2"; }

# ---- the watchdog: pings while frames are presented, none once the renderer stalls ----
# WATCHDOG_USEC=1 s: pings every 250 ms; the stall hook stops presenting 3 s after the kiosk
# starts, which is before READY: times below count from READY (a sanitizer build starts slowly).
WATCHDOG_USEC=1000000 ANNAI_TEST_STALL_MS=3000 timeout -s KILL 20 python3 tests/tools/notify_listen.py "$tmp/sock" 7 \
  "$ANNAI" --windowed --size 640x360 --dwell 1 --heartbeat "$tmp/hb" --heartbeat-interval 1 \
  --events "$tmp/ev" >"$tmp/notify" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] || fail "annai under the fake notify socket exited $rc"
ready=$(awk '$2 == "READY=1" { print $1; exit }' "$tmp/notify")
[ -n "$ready" ] || fail "no READY=1"
awk -v r="$ready" '$2 == "WATCHDOG=1" && $1 < r { bad = 1 } END { exit bad }' "$tmp/notify" || fail "a ping before READY"
grep -q '^[0-9.]* STATUS=showing 1/[0-9]* 01-title (ja)$' "$tmp/notify" || fail "no STATUS naming the first panel"
[ "$(grep -c ' STATUS=showing' "$tmp/notify")" -ge 2 ] || fail "STATUS did not follow the panels"
before=$(awk -v r="$ready" '$2 == "WATCHDOG=1" && $1 < r + 2' "$tmp/notify" | wc -l)
[ "$before" -ge 6 ] || fail "only $before pings in the 2 s after READY with a 1 s watchdog"
# frames stop by READY + 3 s; a frame counts for half the watchdog (0.5 s), then one ping in flight
after=$(awk -v r="$ready" '$2 == "WATCHDOG=1" && $1 > r + 3.8' "$tmp/notify" | wc -l)
[ "$after" -eq 0 ] || fail "$after pings after frames stopped being presented"
tail -1 "$tmp/notify" | grep -q ' STOPPING=1$' || fail "STOPPING=1 is not the last message"
# the heartbeat kept being written by the loop, but names a last frame from before the stall
[ "$(field state "$tmp/hb")" = stopped ] || fail "the heartbeat does not say it stopped: $(cat "$tmp/hb")"

# ---- the same stall seen by the heartbeat check while it runs ----
ANNAI_TEST_STALL_MS=1500 "$ANNAI" --windowed --size 640x360 --heartbeat "$tmp/hb2" --heartbeat-interval 1 2>>"$tmp/err" &
pid=$!
sleep 1
out=$(ANNAI_UNIT= sh $check "$tmp/hb2" 3); rc=$?
[ $rc -eq 0 ] || fail "check on a healthy kiosk: $rc $out"
echo "$out" | grep -q '^ok: 01-title (ja), screen on' || fail "check does not name the panel: $out"
sleep 4.5
out=$(ANNAI_UNIT= sh $check "$tmp/hb2" 3); rc=$?
[ $rc -eq 1 ] || fail "check on a stalled renderer: $rc $out"
echo "$out" | grep -q 'no frame presented' || fail "stall not named: $out"
stop || fail "SIGTERM exit code"
out=$(ANNAI_UNIT= sh $check "$tmp/hb2" 3); rc=$?
[ $rc -eq 0 ] || fail "check after a clean stop: $rc $out"

# ---- metrics: promtool, and the figures against the events log ----
# a deploy with a broken panel (refused), then the fix (applied), while it runs
cp -R content "$tmp/live"
"$ANNAI" --windowed --size 640x360 --dwell 1 --content "$tmp/live" --events "$tmp/ev3" --metrics "$tmp/m.prom" \
  --heartbeat "$tmp/hb3" --heartbeat-interval 1 2>>"$tmp/err" &
pid=$!
sleep 1.5
[ -s "$tmp/m.prom" ] || fail "no metrics file while running"
promtool check metrics <"$tmp/m.prom" || fail "promtool rejects the running metrics"
grep -qx 'annai_up 1' "$tmp/m.prom" || fail "annai_up is not 1 while running"
printf -- '---\ntitle: 壊れた\nlayuot: text\n---\n本文\n' > "$tmp/live/05-broken.md"
for _ in $(seq 80); do grep -q '"ev":"reload-failed"' "$tmp/ev3" && break; sleep 0.1; done
rm "$tmp/live/05-broken.md"
for _ in $(seq 80); do grep -q '"ev":"reload"' "$tmp/ev3" && break; sleep 0.1; done
sleep 1.2
stop || fail "SIGTERM exit code"
promtool check metrics <"$tmp/m.prom" || fail "promtool rejects the final metrics"
grep -qx 'annai_up 0' "$tmp/m.prom" || fail "annai_up is not 0 after a clean stop"
# the heartbeat left at the stop names the panel of the last view, in its language
last=$(grep '"ev":"view"' "$tmp/ev3" | tail -1)
grep -q "\"panel\":$(echo "$last" | sed -n 's/.*"panel":\("[^"]*"\).*/\1/p'),\"index\":$(echo "$last" | sed -n 's/.*"index":\([0-9]*\).*/\1/p'),\"lang\":\"ja\"" "$tmp/hb3" \
  || fail "heartbeat $(cat "$tmp/hb3") does not name the last view $last"
for ev in reload reload-failed; do [ "$(grep -c "\"ev\":\"$ev\"" "$tmp/ev3")" -ge 1 ] || fail "no $ev event to compare"; done
grep -qx "annai_reloads_total $(grep -c '"ev":"reload"' "$tmp/ev3")" "$tmp/m.prom" || fail "reloads: $(grep '^annai_reloads_total' "$tmp/m.prom")"
grep -qx "annai_reload_failures_total $(grep -c '"ev":"reload-failed"' "$tmp/ev3")" "$tmp/m.prom" || fail "reload failures"
grep -qx "annai_language_switches_total $(grep -c '"ev":"lang"' "$tmp/ev3")" "$tmp/m.prom" || fail "language switches"
for via in auto start tap swipe; do
  n=$(grep -c "\"ev\":\"view\".*\"via\":\"$via\"" "$tmp/ev3")
  grep -qx "annai_views_total{via=\"$via\"} $n" "$tmp/m.prom" || fail "views via $via: $n in the events, metrics: $(grep "via=\"$via\"" "$tmp/m.prom")"
done
[ "$(grep -c '"ev":"view"' "$tmp/ev3")" -ge 3 ] || fail "too few views to compare"
grep -qx "annai_panels $(sed -n 's/.*"ev":"start","panels":\([0-9]*\).*/\1/p' "$tmp/ev3")" "$tmp/m.prom" || fail "annai_panels"
frames=$(sed -n 's/^annai_frames_total //p' "$tmp/m.prom")
[ "${frames:-0}" -gt 10 ] || fail "frames_total $frames"
grep -qx "annai_frame_seconds_count $frames" "$tmp/m.prom" || fail "frame summary count"
grep -q '^annai_build_info{version="[0-9.]*",content="[0-9a-f]\{16\}"} 1$' "$tmp/m.prom" || fail "build info"
# the content hash names the deck, not its file times or its folder
cp -R content "$tmp/copy"; touch "$tmp/copy"/*.md
"$ANNAI" --windowed --size 640x360 --content "$tmp/copy" --metrics "$tmp/m2.prom" 2>>"$tmp/err" & pid=$!
sleep 1; stop
h1=$(grep -o 'content="[0-9a-f]*"' "$tmp/m.prom"); h2=$(grep -o 'content="[0-9a-f]*"' "$tmp/m2.prom")
[ -n "$h1" ] && [ "$h1" = "$h2" ] || fail "the same content hashes differently: $h1 $h2"
echo "x" >> "$tmp/copy/01-title.md"
"$ANNAI" --windowed --size 640x360 --content "$tmp/copy" --metrics "$tmp/m2.prom" 2>>"$tmp/err" & pid=$!
sleep 1; stop
h2=$(grep -o 'content="[0-9a-f]*"' "$tmp/m2.prom")
[ "$h1" != "$h2" ] || fail "a changed panel keeps the content hash"

# ---- the PIN: never on the command line, from a credential ----
"$ANNAI" --check --pin 2468 >/dev/null 2>"$tmp/pin"; rc=$?
[ $rc -eq 2 ] || fail "--pin must be refused with exit 2 (got $rc)"
grep -q 'ps' "$tmp/pin" && grep -q 'annai.pin' "$tmp/pin" || fail "--pin refusal does not say why and what instead: $(cat "$tmp/pin")"
mkdir "$tmp/cred"; printf '12\n' > "$tmp/cred/annai.pin"
out=$(CREDENTIALS_DIRECTORY="$tmp/cred" "$ANNAI" --check 2>&1); rc=$?
[ $rc -eq 1 ] || fail "a bad PIN credential must be a problem (exit $rc)"
echo "$out" | grep -q "^$tmp/cred/annai.pin:1: bad value '(hidden)' for pin" || fail "bad credential message: $out"
echo "$out" | grep -q '12' && echo "$out" | grep "annai.pin" | grep -q "'12'" && fail "the PIN is echoed"
echo "health: ok"
