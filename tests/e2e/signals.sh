#!/usr/bin/env bash
# Signals an operator's tools send (issue 13, item 7): a pipe reader that goes away, logrotate's
# SIGHUP, stray SIGUSR1/SIGUSR2. The kiosk keeps running and stops only on SIGTERM, with a
# stop event.
set -u
ANNAI=${ANNAI:-./annai} BUILD=${BUILD:-build}
cd "$(dirname "$0")/../.."
export SDL_VIDEODRIVER=dummy
tmp=$(mktemp -d); apid=
trap '[ -n "$apid" ] && kill "$apid" 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; echo "--- stderr"; tail -5 "$tmp/err" 2>/dev/null; exit 1; }
wait_for() { for _ in $(seq 50); do grep -qE "$1" "$2" 2>/dev/null && return 0; sleep 0.1; done; return 1; }

# the events reader goes away: `annai --events - | head -1` must not kill the kiosk (SIGPIPE)
mkfifo "$tmp/pipe"
"$ANNAI" --windowed --size 640x360 --events - --dwell 1 --transition-ms 0 >"$tmp/pipe" 2>"$tmp/err" & apid=$!
head -1 "$tmp/pipe" > "$tmp/first"
grep -q '"ev":"start"' "$tmp/first" || fail "no start event through the pipe"
sleep 3 # attract mode shows a panel a second: the writes after the reader left fail
kill -0 "$apid" 2>/dev/null || { wait "$apid"; fail "the kiosk died when the events reader went away (exit $?)"; }
[ "$(grep -c 'reader of the events went away' "$tmp/err")" -eq 1 ] || fail "the gone reader is not said once on stderr"
kill -TERM "$apid"; wait "$apid"; rc=$?; apid=
[ $rc -eq 0 ] || fail "SIGTERM after the reader left: exit $rc"

# logrotate: the file is moved, SIGHUP, events go on into a new file at the old name
"$ANNAI" --windowed --size 640x360 --events "$tmp/ev" --dwell 1 --transition-ms 0 2>"$tmp/err" & apid=$!
wait_for '"ev":"start"' "$tmp/ev" || fail "no start event"
mv "$tmp/ev" "$tmp/ev.1"
kill -HUP "$apid"
wait_for '"ev":"view"' "$tmp/ev" || fail "no events in the new file after SIGHUP"
kill -USR1 "$apid"; kill -USR2 "$apid"; sleep 0.5
kill -0 "$apid" 2>/dev/null || fail "SIGHUP, SIGUSR1 or SIGUSR2 killed the kiosk"
kill -TERM "$apid"; wait "$apid"; rc=$?; apid=
[ $rc -eq 0 ] || fail "SIGTERM exit code $rc"
tail -1 "$tmp/ev" | grep -q '"ev":"stop"' || fail "no stop event in the new file"
grep -q '"ev":"stop"' "$tmp/ev.1" && fail "the stop event went into the rotated file"
echo "signals: ok"
