#!/usr/bin/env bash
# Languages as a visitor meets them, at a real X server, landscape and portrait: the language
# button opens the picker (each language named in itself), a tap picks any of the six, keys
# pick too, the screen changes script, and left alone the kiosk returns to Japanese.
# Then --check: a character a language's face cannot draw is a path:line problem, missing
# twins are warnings only.
set -u
ANNAI=${ANNAI:-./annai} BUILD=${BUILD:-build}
. "$(dirname "$0")/lib.bash"
[ -x "$BUILD/uigeom" ] || fail "$BUILD/uigeom missing (make test builds it)"
langs=(ja en zh-Hans zh-Hant ko ja-x-easy)
panels=$(ls content/[0-9]*.md | grep -Evc '\.[A-Za-z]{2,3}(-[A-Za-z0-9]+)*\.md$')

# stable NAME: shoots NAME until two shots in a row agree (the kiosk has drawn what it will)
stable() {
  shot "$1"
  for _ in $(seq 10); do sleep 0.3; shot "$1.next"; [ "$(diff_px "$1" "$1.next")" -eq 0 ] && return 0; mv "$tmp/$1.next.png" "$tmp/$1.png"; done
  return 1
}

# pixels that differ between two shots seen at 1/20 of their size: the burn-in shift (a few
# pixels every three minutes, on the system's clock) may come between two shots compared here
soft_diff() {
  convert "$tmp/$1.png" -scale 5% "$tmp/$1.s.png"; convert "$tmp/$2.png" -scale 5% "$tmp/$2.s.png"
  compare -metric AE -fuzz 12% "$tmp/$1.s.png" "$tmp/$2.s.png" null: 2>&1
}

# settled REF NAME MAXPX: shoots NAME until it is within MAXPX pixels of REF at 1/20 (3 s at most)
settled() {
  for _ in $(seq 10); do sleep 0.3; shot "$2"; [ "$(soft_diff "$1" "$2")" -lt "$3" ] && return 0; done
  [ -n "${KEEP_SHOTS:-}" ] && cp "$tmp/$1.png" "$tmp/$2.png" "$KEEP_SHOTS/"
  echo "settled: $2 differs from $1 by $(soft_diff "$1" "$2") px at 1/20"
  return 1
}

picker() { # W H
  local w=$1 h=$2
  at() { "$BUILD/uigeom" "$w" "$h" "$panels" "${#langs[@]}" | awk -v k="$1" '$1 == k {print $2, $3}'; }
  start_xvfb "${w}x${h}"
  start_annai --size "${w}x${h}" --idle-timeout 5 --dwell 300 --languages "${langs[*]}"
  stable start                                                   # attract mode: the hint in the bar
  xdotool mousemove $((w / 2)) $((h / 3)) click 1               # a visitor: the hint goes
  stable panel-ja
  xdotool mousemove $(at lang) click 1; sleep 0.6
  shot picker
  [ "$(diff_px panel-ja picker)" -gt 20000 ] || fail "$w x $h: the language button did not open the picker"
  [ -n "${KEEP_SHOTS:-}" ] && cp "$tmp/picker.png" "$KEEP_SHOTS/picker-${w}x${h}.png"
  xdotool mousemove $(at picker_close) click 1
  settled panel-ja closed 8 || fail "$w x $h: Close did not close the picker"
  for i in 2 3 4 5 6 1; do                                       # every language by touch, back to ja
    local tag=${langs[$((i - 1))]}
    xdotool mousemove $(at lang) click 1; sleep 0.5
    xdotool mousemove $(at "pick$i") click 1; sleep 0.6
    wait_ev "\"ev\":\"lang\",\"lang\":\"$tag\"" 2 || fail "$w x $h: tapping $tag in the picker did not switch to it"
    shot "panel-$tag"
    [ "$i" = 1 ] || [ "$(diff_px panel-ja "panel-$tag")" -gt 5000 ] || fail "$w x $h: the screen did not change for $tag"
  done
  local n; n=$(count_ev '"ev":"lang"')
  xdotool key l; sleep 0.4; xdotool key Down Down Down Down; sleep 0.2; xdotool key Return; sleep 0.6   # keys: 5th
  wait_ev '"ev":"lang","lang":"ko"' 2 && [ "$(count_ev '"ev":"lang"')" -eq $((n + 1)) ] || fail "$w x $h: picking Korean by keys"
  grep -q '"ev":"view","panel":"[^"]*","index":1,"lang":"ko","via":"idle"' "$ev" && fail "$w x $h: early idle"
  sleep 6                                                        # the visitor walks away
  tail -3 "$ev" | grep -q '"ev":"lang","lang":"ja"' || tail -3 "$ev" | grep -q '"index":1,"lang":"ja","via":"idle"' ||
    fail "$w x $h: idle did not return to Japanese"
  settled start idle 8 || fail "$w x $h: after idle the screen is not the Japanese first panel"
  stop_annai
  kill "$xpid"; wait "$xpid" 2>/dev/null; xpid=
}

picker 1280 720
picker 720 1280

# --check: tofu is a problem at its line, naming the face and the language; the rest shows
c="$tmp/c"; mkdir -p "$c"
printf -- '---\ntitle: 一\n---\n本文\n\n한국어 텍스트\n' > "$c/01-a.md"
printf -- '---\ntitle: 一\n---\n正文 𝄞\n' > "$c/01-a.zh-Hans.md"
printf -- '---\ntitle: 二\n---\n本文\n' > "$c/02-b.md"
out=$("$ANNAI" --check --content "$c" --languages "ja, zh-Hans, ko" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "--check with tofu: exit $rc, want 1: $out"
echo "$out" | grep -qF "$c/01-a.md:6: U+D55C '한' has no glyph in BIZ UDPGothic (ja)" || fail "no tofu line for Hangul in ja: $out"
echo "$out" | grep -qF "$c/01-a.zh-Hans.md:4: U+1D11E '𝄞' has no glyph in Noto Sans CJK SC (zh-Hans)" || fail "no tofu line in zh-Hans: $out"
echo "$out" | grep -qF "$c/02-b.md: warning: no ko twin (02-b.ko.md): the ja version is shown" || fail "missing twin not listed: $out"
rm "$c/01-a.md" "$c/01-a.zh-Hans.md"
printf -- '---\ntitle: 一\n---\n本文\n' > "$c/01-a.md"
out=$("$ANNAI" --check --content "$c" --languages "ja, zh-Hans, ko" 2>&1) || fail "missing twins alone must not fail --check: $out"
echo "$out" | grep -q "4 missing twins" || fail "missing twins not counted: $out"
echo "langs: ok"
