#!/usr/bin/env bash
# The real binary in its headless modes, as an operator or curator would run it.
set -u
ANNAI=${ANNAI:-./annai} BUILD=${BUILD:-build}
cd "$(dirname "$0")/../.."
export SDL_VIDEODRIVER=dummy
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$ANNAI" --version | grep -q '^annai ' || fail "--version"
"$ANNAI" --help | grep -q -- '--idle-timeout' || fail "--help lists config keys as flags"
"$ANNAI" --bogus 2>/dev/null; [ $? -eq 2 ] || fail "unknown flag must exit 2"
# boolean options are switches; a bad flag value is a usage error with the usage line
out=$("$ANNAI" --allow-exit --check 2>&1) || fail "--allow-exit --check: $out"
echo "$out" | grep -q '0 problems' || fail "--allow-exit --check did not check: $out"
"$ANNAI" --no-allow-exit --check >/dev/null 2>&1 || fail "--no-allow-exit --check"
for bad in "--fullscreen nope" "--rotate 45" "--allow-exit=maybe" "--size 12" "--no-dwell"; do
  # shellcheck disable=SC2086
  "$ANNAI" $bad --check >/dev/null 2>"$tmp/usage"; rc=$?
  [ $rc -eq 2 ] || fail "'$bad' must exit 2 (got $rc)"
  grep -q '^Usage: annai ' "$tmp/usage" || fail "'$bad': no usage line: $(cat "$tmp/usage")"
done

out=$("$ANNAI" --check) || fail "--check on bundled content: $out"
echo "$out" | grep -q '0 problems' || fail "--check summary: $out"

"$ANNAI" --screenshot "$tmp/shots" --size 1920x1080 || fail "--screenshot exit code"
# screenshots need no video driver at all (over ssh, on a board with no display)
SDL_VIDEODRIVER=no-such-driver DISPLAY= WAYLAND_DISPLAY= "$ANNAI" --screenshot "$tmp/nodisplay" --size 800x480 \
  || fail "--screenshot without any video driver"
[ -s "$tmp/nodisplay/01-title.png" ] || fail "no PNG without a video driver"
n=$(ls "$tmp/shots"/*.png | wc -l); m=$(ls content/[0-9]*.md | grep -Ev '\.[A-Za-z]{2,3}(-[A-Za-z0-9]+)*\.md$' | wc -l)
[ "$n" -eq "$m" ] || fail "expected $m PNGs, got $n"
# NN-STEM.png, the panel's place not repeated when the stem starts with it
[ -f "$tmp/shots/01-title.png" ] || fail "file name NN-STEM.png: $(ls "$tmp/shots" | head -3)"
ls "$tmp/shots" | grep -qE '^[0-9]+-[0-9]+-' && fail "a file name repeats its number: $(ls "$tmp/shots" | head -3)"
# --rotate 90/270: the PNG is the screen as it shows the panel, turned: the upright screenshot
# of the same panel at the turned size, turned back, matches it (at 1/8 scale: glyph edges
# may land a pixel apart on the two drawing paths)
"$ANNAI" --screenshot "$tmp/up" --size 720x1280 || fail "--screenshot 720x1280"
convert "$tmp/up/02-background.png" -scale 12.5% "$tmp/up.png"
for r in 90 270; do
  "$ANNAI" --screenshot "$tmp/r$r" --size 1280x720 --rotate $r || fail "--screenshot --rotate $r"
  identify -format '%wx%h' "$tmp/r$r/02-background.png" | grep -qx 1280x720 || fail "--rotate $r: the PNG is not the screen's size"
  convert "$tmp/r$r/02-background.png" -rotate -$r -scale 12.5% "$tmp/back$r.png"
  d=$(compare -metric AE -fuzz 10% "$tmp/back$r.png" "$tmp/up.png" null: 2>&1)
  [ "${d%.*}" -lt 720 ] || fail "--rotate $r: the PNG is not the panel turned ($d of 14400 pixels differ)"
done
identify -format '%wx%h\n' "$tmp/shots"/*.png | sort -u | grep -qx 1920x1080 || fail "PNG size"

"$ANNAI" --dump-layout --size 800x480 > "$tmp/dump" || fail "--dump-layout"
grep -q '^{"panel":"02-background","index":2,"lang":"ja","block":0,"line":0,"x":' "$tmp/dump" || fail "dump fields"
# no laid-out line may start with a character JLREQ keeps off the start of a line
if grep -E '"text":"[、。，．・：；？！」』）ーっゃゅょァィゥェォッャュョ々]' "$tmp/dump" | grep -v '"line":0,' | head -1 | grep -q .; then
  fail "a line starts with a prohibited character"
fi

# a curator's broken file: reported at its line, the other panels still render
cp -R content "$tmp/c"
printf -- '---\ntitle: 壊れた\nlayuot: text\n---\n本文\n' > "$tmp/c/05-broken.md"
out=$("$ANNAI" --check --content "$tmp/c" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "--check on broken content must exit 1 (got $rc)"
echo "$out" | grep -q "05-broken.md:3: unknown key 'layuot'" || fail "broken file not reported at its line: $out"
"$ANNAI" --screenshot "$tmp/s2" --content "$tmp/c" 2>/dev/null; [ $? -eq 1 ] || fail "screenshot with problems exits 1"
[ "$(ls "$tmp/s2" | wc -l)" -eq "$m" ] || fail "valid panels still rendered"

# an English twin whose Japanese panel is there but invalid: the Japanese file's problem at its
# line, the twin named with a line as left out because of it (not "without its Japanese twin")
mkdir "$tmp/half"
printf -- '---\ntitle: 表紙\n---\n本文。\n' > "$tmp/half/01-title.md"
printf -- '---\ntitle: 博物館\nlayout: nope\n---\n本文。\n' > "$tmp/half/02-museum.md"
printf -- '---\ntitle: Museum\n---\nBody.\n' > "$tmp/half/02-museum.en.md"
out=$("$ANNAI" --check --content "$tmp/half" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "--check with an invalid Japanese panel exited $rc"
echo "$out" | grep -q "^$tmp/half/02-museum.md:3: unknown layout 'nope'" || fail "--check: the invalid panel: $out"
echo "$out" | grep -q "^$tmp/half/02-museum.en.md:1: en panel not shown: its ja panel 02-museum.md is invalid" ||
  fail "--check: the twin of an invalid panel: $out"
echo "$out" | grep -q 'without its' && fail "--check calls the invalid panel missing: $out"
echo "$out" | grep -q ': 1 panel (ja 1, en 0), 2 problems, 1 missing twin$' || fail "--check summary with an invalid panel: $out"

# no valid panel at all: a notice, never a black screen
mkdir "$tmp/empty"
"$ANNAI" --screenshot "$tmp/s3" --content "$tmp/empty" 2>/dev/null
[ -f "$tmp/s3/01-notice.png" ] || fail "notice panel when nothing is valid"
# the notice is built in: --check counts the curator's panels, none here
for d in "$tmp/empty" "$tmp/no-such-folder"; do
  out=$("$ANNAI" --check --content "$d" 2>/dev/null)
  echo "$out" | grep -q ': 0 panels (ja 0, en 0), 1 problem, 0 missing twins$' || fail "--check summary on $d: $out"
done
# text cut with …: --screenshot says it at the same path:line as --check
mkdir "$tmp/long"
{ printf -- '---\ntitle: 長い\n---\n'; for _ in $(seq 400); do printf '地域の科学技術イノベーションを推進する。'; done; echo; } > "$tmp/long/01-long.md"
"$ANNAI" --check --content "$tmp/long" --size 640x360 2>&1 | grep 'cut with' > "$tmp/cut.check"
"$ANNAI" --screenshot "$tmp/s5" --content "$tmp/long" --size 640x360 2> "$tmp/cut.shot"
grep -q "^$tmp/long/01-long.md:1: text does not fit at 640x360" "$tmp/cut.check" || fail "--check on cut text: $(cat "$tmp/cut.check")"
cmp -s "$tmp/cut.check" "$tmp/cut.shot" || fail "--screenshot says cut text unlike --check: $(cat "$tmp/cut.shot")"

# an image panel: the installed binary loads the decoder on the first image and shows it
mkdir -p "$tmp/i/img"
convert -size 400x300 xc:'#C83232' "$tmp/i/img/red.png"
printf -- '---\ntitle: 画像\n---\n![赤](img/red.png)\n' > "$tmp/i/01-image.md"
"$ANNAI" --screenshot "$tmp/s4" --content "$tmp/i" --size 1280x720 || fail "image panel screenshot"
red=$(convert "$tmp/s4/01-image.png" -fill black +opaque '#C83232' -fill white -opaque '#C83232' -format '%[fx:int(mean*w*h)]' info:)
[ "$red" -gt 40000 ] || fail "the image is not on the panel ($red red pixels)"

# missing fonts: runtime failure, exit 3, a message
ANNAI_FONTS="$tmp/nofonts" "$ANNAI" --check >/dev/null 2>"$tmp/err"; [ $? -eq 3 ] || fail "missing fonts exit 3"
grep -q 'cannot open font' "$tmp/err" || fail "missing font message"
echo "headless: ok"
