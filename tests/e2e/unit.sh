#!/usr/bin/env bash
# The systemd unit as `make install` ships it: verified by systemd-analyze, its exposure score
# asserted (2.5 or better: issue 20), and the lines the kiosk's duties depend on present.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v systemd-analyze >/dev/null || fail "systemd-analyze missing (make deps)"
[ -x ./annai ] || fail "./annai not built"
make -s -o annai install PREFIX="$tmp/p" >/dev/null || fail "make install"
unit=$tmp/p/lib/systemd/system/annai.service
[ -f "$unit" ] || fail "no unit installed"
[ -x "$tmp/p/bin/annai-heartbeat-check" ] || fail "no heartbeat check installed"
grep -q '@[A-Z]*@' "$unit" && fail "placeholders left in the unit"

out=$(systemd-analyze verify "$unit" 2>&1); rc=$?
[ $rc -eq 0 ] && [ -z "$out" ] || fail "systemd-analyze verify: $rc $out"

out=$(systemd-analyze security --offline=yes --no-pager "$unit" 2>&1)
score=$(echo "$out" | sed -n 's/.*Overall exposure level for annai.service: \([0-9.]*\) .*/\1/p')
[ -n "$score" ] || fail "no score: $out"
awk -v s="$score" 'BEGIN { exit !(s <= 2.5) }' || fail "exposure $score > 2.5: $(echo "$out" | grep '✗')"
grep -q "rates this unit $score " "$unit" || fail "the unit's comment does not quote its score $score"

# what the kiosk needs, and what keeps it alive
for line in 'Type=notify' 'WatchdogSec=' 'StartLimitIntervalSec=0' 'Restart=always' 'DeviceAllow=char-drm rw' \
  'DeviceAllow=char-input r' 'DeviceAllow=char-alsa rw' 'RestrictAddressFamilies=AF_UNIX AF_NETLINK' 'IPAddressDeny=any' \
  'SystemCallFilter=@system-service' 'LoadCredential=annai.pin' 'UMask=0022'; do
  grep -q "^$line" "$unit" || fail "unit lacks $line"
done
grep -q -- '--pin' "$unit" && fail "the unit passes a PIN on the command line"
grep -q -- '--metrics /run/annai/annai.prom' "$unit" || fail "no metrics file in ExecStart"
echo "unit: ok (exposure $score)"
