#!/usr/bin/env bash
# How cost grows with the deck: 10, 100 and 1,000 panels (the bundled ones repeated, with their
# English twins), each measured with `annai --bench`: start-up to the first frame, laying out
# every panel, and peak memory. Usage: bench/growth.sh [SIZE]
set -u
cd "$(dirname "$0")/.."
annai=${ANNAI:-./annai}; size=${1:-1920x1080}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
src=($(ls content/[0-9]*.md | grep -Ev '\.[A-Za-z]{2,3}(-[A-Za-z0-9]+)*\.md$'))
printf '%8s %16s %22s %16s %18s\n' panels first_frame_ms layout_ms_all_panels per_panel_ms peak_rss_mib
for n in 10 100 1000; do
  d="$tmp/$n"; mkdir -p "$d"
  for i in $(seq 0 $((n - 1))); do
    s=${src[$((i % ${#src[@]}))]}; stem=$(printf '%04d-%s' "$i" "$(basename "$s" .md | cut -d- -f2-)")
    cp "$s" "$d/$stem.md"; [ -f "${s%.md}.en.md" ] && cp "${s%.md}.en.md" "$d/$stem.en.md"
  done
  out=$(SDL_VIDEODRIVER=dummy "$annai" --bench --size "$size" --content "$d")
  get() { echo "$out" | awk -v k="$1:" '$1 == k {print $2}'; }
  awk -v n="$n" -v f="$(get first_frame_ms)" -v l="$(get layout_ms_all_panels)" -v r="$(get peak_rss_mib)" \
    'BEGIN { printf "%8d %16.1f %22.1f %16.3f %18.1f\n", n, f, l, l / (2 * n), r }'
done
