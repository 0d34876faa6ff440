#!/usr/bin/env bash
# The same panel rendered by annai and by a headless Chromium (what browser-based signage
# players embed), each as a whole process from exec to a PNG on disk, RUNS times. Prints both
# medians, the peak resident memory of all of each one's processes, and the ratios.
# Needs chromium (apt-get install chromium). Usage: bench/vs-browser.sh [PANEL] [RUNS]
set -u
cd "$(dirname "$0")/.."
panel=${1:-02-background}; runs=${2:-5}
annai=${ANNAI:-./annai}
browser=$(command -v chromium || command -v chromium-browser) || { echo "chromium missing: apt-get install chromium"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/content"; cp "content/$panel.md" "$tmp/content/"

# the same text, fonts, colours and size as an HTML page (what a browser player would show)
md="content/$panel.md"
title=$(sed -n 's/^title: *//p' "$md" | head -1)
body=$(awk 'BEGIN{fm=0} /^---$/{fm++; next} fm>=2' "$md" | sed -e 's/\*\*\([^*]*\)\*\*/<b>\1<\/b>/g' -e 's/\*\([^*]*\)\*/<em>\1<\/em>/g' |
       awk 'BEGIN{RS=""} {gsub(/\n/, ""); print "<p>" $0 "</p>"}')
fonts=$(cd fonts && pwd)
cat > "$tmp/panel.html" <<HTML
<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>
@font-face { font-family: B; src: url("file://$fonts/BIZUDPGothic-Regular.ttf"); }
@font-face { font-family: B; font-weight: bold; src: url("file://$fonts/BIZUDPGothic-Bold.ttf"); }
html, body { margin: 0; width: 1920px; height: 1080px; background: #F5F3EE; color: #1A1A1A; font-family: B; }
h1 { font-size: 76px; margin: 60px 64px 20px; border-left: 12px solid #0B5CAD; padding-left: 24px; }
p { font-size: 50px; line-height: 1.7; margin: 20px 64px; text-align: justify; line-break: strict; }
</style></head><body><h1>$title</h1>$body</body></html>
HTML

# timed CMD...: wall ms from exec to exit, nothing else running alongside
timed() {
  local t0 t1
  t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
# peak CMD...: the largest sum of resident memory over all of its processes (KiB), sampled
# in a separate run so that sampling does not slow the timed ones
peak() {
  local pk=0 rss pid
  setsid "$@" >/dev/null 2>&1 & pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    rss=$(ps -o rss= -g "$pid" 2>/dev/null | awk '{s += $1} END {print s + 0}')
    [ "$rss" -gt "$pk" ] && pk=$rss
    sleep 0.002
  done
  wait "$pid"
  echo "$pk"
}
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

: > "$tmp/a"; : > "$tmp/c"
a_cmd() { SDL_VIDEODRIVER=dummy "$annai" --screenshot "$tmp/shots" --content "$tmp/content" --size 1920x1080; }
c_cmd() { "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir="$tmp/profile" \
            --window-size=1920,1080 --screenshot="$tmp/chromium.png" "file://$tmp/panel.html"; }
c_cmd >/dev/null 2>&1 # first run: the profile is created, not timed
for i in $(seq "$runs"); do
  rm -rf "$tmp/shots"; timed a_cmd >> "$tmp/a"
  timed c_cmd >> "$tmp/c"
done
rm -rf "$tmp/shots"
a_kb=$(peak env SDL_VIDEODRIVER=dummy "$annai" --screenshot "$tmp/shots" --content "$tmp/content" --size 1920x1080)
c_kb=$(peak "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir="$tmp/profile" \
         --window-size=1920,1080 --screenshot="$tmp/chromium.png" "file://$tmp/panel.html")
[ -s "$tmp/shots/01-$panel.png" ] || { echo "annai produced no PNG"; exit 1; }
[ -s "$tmp/chromium.png" ] || { echo "chromium produced no PNG"; exit 1; }
a_ms=$(median < "$tmp/a"); c_ms=$(median < "$tmp/c")
printf '%-10s %12s %16s\n' "" "median ms" "peak RSS MiB"
awk -v am="$a_ms" -v cm="$c_ms" -v ak="$a_kb" -v ck="$c_kb" -v n="$runs" -v p="$panel" 'BEGIN {
  printf "%-10s %12d %16.1f\n", "annai", am, ak / 1024
  printf "%-10s %12d %16.1f\n", "chromium", cm, ck / 1024
  printf "ratio: %.1fx faster to a first frame, %.1fx less memory (%d runs, panel %s, 1920x1080)\n", cm / am, ck / ak, n, p
}' 
