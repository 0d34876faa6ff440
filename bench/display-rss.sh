#!/usr/bin/env bash
# Peak RSS of the kiosk itself (fullscreen, panels turning every second with their transitions)
# on a real X server (Xvfb) with each renderer, and headless (SDL's dummy driver) for reference.
#   bench/display-rss.sh [WxH] [SECONDS]   ->  name: value lines
# Used by `make bench` and by tests/e2e/display.sh (which holds the software path to its budget).
cd "$(dirname "$0")/.." || exit 2
annai=${ANNAI:-./annai}
size=${1:-1920x1080} secs=${2:-5}
command -v Xvfb >/dev/null || { echo "display-rss: Xvfb missing (make deps)" >&2; exit 2; }
tmp=$(mktemp -d); xpid=
trap '[ -n "$xpid" ] && kill "$xpid" 2>/dev/null; rm -rf "$tmp"' EXIT
exec 9>"$tmp/displayfd"
Xvfb -displayfd 9 -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 & xpid=$!
for _ in $(seq 50); do [ -s "$tmp/displayfd" ] && break; sleep 0.1; done
[ -s "$tmp/displayfd" ] || { echo "display-rss: Xvfb did not start" >&2; exit 2; }
display=:$(head -1 "$tmp/displayfd")

# run NAME DRIVER RENDERER: the kiosk for SECONDS; prints NAME_peak_rss_mib and NAME_gl_loaded
run() {
  local name=$1 driver=$2 renderer=$3
  SDL_VIDEODRIVER=$driver DISPLAY=$display "$annai" --renderer "$renderer" --dwell 1 --transition-ms 400 \
    --size "$size" >/dev/null 2>"$tmp/err" & local pid=$!
  sleep "$secs"
  if ! kill -0 "$pid" 2>/dev/null; then echo "display-rss: $name exited early: $(tail -3 "$tmp/err")" >&2; return 1; fi
  local hwm gl=no
  hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status")
  grep -qE 'libGL|libEGL|libLLVM|_dri\.so' "/proc/$pid/maps" && gl=yes
  kill -TERM "$pid"; wait "$pid"
  awk -v n="$name" -v k="$hwm" -v g="$gl" 'BEGIN { printf "%s_peak_rss_mib: %.1f\n%s_gl_loaded: %s\n", n, k / 1024, n, g }'
}
run headless dummy software || exit 1
run x11_software x11 software || exit 1
run x11_auto x11 auto || exit 1
[ "${GL:-1}" = 0 ] || run x11_gpu x11 gpu || exit 1
