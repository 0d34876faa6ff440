#!/usr/bin/env bash
# A full disk is not silent (issue 13 item 8): the real binary on /dev/full and on a tiny
# tmpfs that fills up. Each kind of file is reported once on stderr, the heartbeat is never
# left empty or half-written, the shipped check sees the failure, and all recovers.
set -u
ANNAI=${ANNAI:-./annai}
cd "$(dirname "$0")/../.."
export SDL_VIDEODRIVER=dummy ANNAI_UNIT=
check=dist/annai-heartbeat-check
# stop: SIGTERM to the kiosk started in the background, its exit code
stop() { kill -TERM "$pid"; wait "$pid"; local rc=$?; pid=; return $rc; }

if [ -z "${ANNAI_IN_NS:-}" ]; then
  tmp=$(mktemp -d); pid=
  trap '[ -n "$pid" ] && kill -KILL $pid 2>/dev/null; rm -rf "$tmp"' EXIT
  fail() { echo "FAIL: $*"; echo "--- stderr"; tail -5 "$tmp/err" 2>/dev/null; exit 1; }
  # ---- events on /dev/full (every write ENOSPC), the heartbeat elsewhere ----
  "$ANNAI" --windowed --size 640x360 --dwell 1 --events /dev/full --heartbeat "$tmp/hb" --metrics "$tmp/m.prom" \
    --heartbeat-interval 1 2>"$tmp/err" &
  pid=$!
  sleep 3.5
  n=$(grep -c 'cannot write the events file /dev/full: No space left on device' "$tmp/err")
  [ "$n" -eq 1 ] || fail "the events failure said $n times (expected once)"
  out=$(sh $check "$tmp/hb" 5); rc=$?
  [ $rc -eq 2 ] || fail "check with failing events: $rc $out"
  echo "$out" | grep -q 'cannot write: events: /dev/full: No space left on device' || fail "check output: $out"
  grep -qx 'annai_write_failing{file="events"} 1' "$tmp/m.prom" || fail "metrics do not show the failing events file"
  e=$(sed -n 's/^annai_write_errors_total{file="events"} //p' "$tmp/m.prom")
  [ "${e:-0}" -ge 3 ] || fail "events write errors counted: $e"
  stop || fail "SIGTERM exit code"

  # ---- everything on a tmpfs that fills up: in a mount namespace of our own ----
  if [ "$(id -u)" = 0 ]; then ns="unshare -m"; else ns="unshare -rm"; fi
  if ! $ns true 2>/dev/null; then echo "fulldisk: SKIP the tmpfs part (no mount namespace here); /dev/full part ok"; exit 0; fi
  ANNAI_IN_NS=1 $ns bash "$0" "$tmp"
  exit $?
fi

# ---- inside the namespace ----
tmp=$1 pid=
trap '[ -n "$pid" ] && kill -KILL $pid 2>/dev/null' EXIT
fail() { echo "FAIL: $*"; echo "--- stderr"; tail -8 "$tmp/err2" 2>/dev/null; exit 1; }
mkdir -p "$tmp/full"
mount -t tmpfs -o size=256k tmpfs "$tmp/full" || { echo "fulldisk: SKIP the tmpfs part (mount refused)"; exit 0; }
d=$tmp/full
"$ANNAI" --windowed --size 640x360 --dwell 1 --events "$d/ev" --heartbeat "$d/hb" --metrics "$d/m.prom" \
  --heartbeat-interval 1 2>"$tmp/err2" &
pid=$!
sleep 1.5
out=$(sh $check "$d/hb" 3) || fail "healthy check before the disk fills: $out"
dd if=/dev/zero of="$d/filler" bs=4k 2>/dev/null   # until ENOSPC
# and the rest of the events file's last page, which small appends would otherwise still use
yes '{"pad":1}' >> "$d/ev" 2>/dev/null
sleep 3.5
for kind in events heartbeat metrics; do
  n=$(grep -c "cannot write the $kind file" "$tmp/err2")
  [ "$n" -eq 1 ] || fail "the $kind failure said $n times (expected once)"
done
grep -q "cannot write the heartbeat file $d/hb: No space left on device" "$tmp/err2" || fail "ENOSPC not named"
# the heartbeat is the last whole one, never 0 bytes, and it goes stale: the check says so
[ -s "$d/hb" ] || fail "the heartbeat was left empty"
grep -q '^{"ts":.*"write_errors":"[^"]*"}$' "$d/hb" || fail "the heartbeat is not whole: $(cat "$d/hb")"
grep -q '"state":"running"' "$d/hb" || fail "heartbeat state"
out=$(sh $check "$d/hb" 2); rc=$?
[ $rc -eq 1 ] || fail "check on a full disk: $rc $out"
echo "$out" | grep -q 'heartbeat written' || fail "check output: $out"
[ -z "$(ls "$d" | grep '\.tmp$')" ] || fail "temporary files left: $(ls "$d")"
# space again: said once, and the heartbeat is fresh
rm -f "$d/filler"
sleep 2.5
grep -q "the heartbeat file $d/hb is written again" "$tmp/err2" || fail "recovery not said"
out=$(sh $check "$d/hb" 2); rc=$?
[ $rc -eq 0 ] || fail "check after recovery: $rc $out"
stop || fail "SIGTERM exit code"
umount "$d"
echo "fulldisk: ok"
