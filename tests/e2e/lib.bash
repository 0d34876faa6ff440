# Shared by the end-to-end scripts that drive the real binary under Xvfb (sourced, not run).
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
tmp=$(mktemp -d)
ev="$tmp/ev"
apid= xpid=
cleanup() { [ -n "$apid" ] && kill "$apid" 2>/dev/null; [ -n "$xpid" ] && kill "$xpid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; echo "--- events"; cat "$ev" 2>/dev/null; echo "--- stderr"; tail -5 "$tmp/err" 2>/dev/null; exit 1; }
need() { for t in "$@"; do command -v "$t" >/dev/null || fail "$t missing (make deps)"; done; }

# start_xvfb WxH: a fresh X server on a free display
start_xvfb() {
  need Xvfb xdotool import compare convert
  export DISPLAY=:$((90 + RANDOM % 400))
  Xvfb "$DISPLAY" -screen 0 "${1}x24" -nolisten tcp >/dev/null 2>&1 & xpid=$!
  for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && return; sleep 0.1; done
  fail "Xvfb did not start"
}

# start_annai ARGS...: the kiosk on the X server, events to $ev; waits for its first frame
start_annai() {
  : > "$ev"
  # (a sanitizer build leaks nothing of its own here, but X11's libraries, loaded and unloaded
  # by SDL, leave allocations LeakSanitizer cannot name: leaks are checked in the headless runs)
  ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 SDL_VIDEODRIVER=x11 "$ANNAI" --windowed --events "$ev" "$@" 2>"$tmp/err" & apid=$!
  wait_ev '"ev":"start"' 5
  sleep 0.5
  local wid; wid=$(xdotool search --name annai | head -1)
  [ -n "$wid" ] || fail "no window"
  xdotool windowmove "$wid" 0 0; sleep 0.3
}

stop_annai() {
  kill -TERM "$apid"; wait "$apid"; local rc=$?; apid=
  [ $rc -eq 0 ] || fail "SIGTERM exit code $rc"
  tail -1 "$ev" | grep -q '"ev":"stop"' || fail "no stop event"
}

# wait_ev REGEX [SECONDS]: until a line of the events log matches
wait_ev() {
  local n=$(( ${2:-3} * 10 ))
  for _ in $(seq $n); do grep -qE "$1" "$ev" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}
count_ev() { grep -cE "$1" "$ev"; }

shot() { import -window root "$tmp/$1.png"; }
# pixels that differ between two shots
diff_px() { compare -metric AE "$tmp/$1.png" "$tmp/$2.png" null: 2>&1; }
# mean brightness of a shot, 0..100
bright() { convert "$tmp/$1.png" -colorspace Gray -format '%[fx:int(mean*100)]' info:; }

# drag X0 Y0 X1 Y1: a finger (the mouse) across the screen in small steps
drag() {
  xdotool mousemove "$1" "$2" mousedown 1
  for i in 1 2 3 4 5 6 7 8; do
    xdotool mousemove $(( $1 + ($3 - $1) * i / 8 )) $(( $2 + ($4 - $2) * i / 8 )); sleep 0.02
  done
  xdotool mouseup 1; sleep 0.8
}

# CPU ticks the kiosk used over SECONDS
cpu_ticks() {
  local a b; a=$(awk '{print $14 + $15}' "/proc/$apid/stat"); sleep "$1"; b=$(awk '{print $14 + $15}' "/proc/$apid/stat")
  echo $(( b - a ))
}
