#!/usr/bin/env bash
# make bench: annai --bench at three screen sizes as one table, then the design budgets at
# 1920x1080 (software renderer), each marked ok or OVER. Each size runs RUNS times (3) and every
# figure is the median of its runs: a single start on a shared VM can be twice as slow.
# The table and the budgets are for a ja/en deck (the bundled panels with --languages "ja, en");
# then the same at 1920x1080 for the five-language deck of issue 17 (ja, en, zh-Hans, zh-Hant,
# ko), every language shown once, and for all six bundled languages.
cd "$(dirname "$0")/.." || exit 2
export SDL_VIDEODRIVER=dummy
annai=${ANNAI:-./annai}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
sizes="800x480 1920x1080 3840x2160"
runs=${RUNS:-3}
for s in $sizes; do
  for i in $(seq "$runs"); do "$annai" --bench --size "$s" --languages "ja, en" > "$tmp/$s.$i" || exit 1; done
  # key: median of the runs (numbers), or the first run's value (words)
  for k in $(cut -d: -f1 "$tmp/$s.1"); do
    printf '%s: %s\n' "$k" "$(grep -h "^$k:" "$tmp/$s".* | cut -d' ' -f2 | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')"
  done > "$tmp/$s"
done
keys=$(cut -d: -f1 "$tmp/1920x1080" | grep -v '^size$')
printf '%-32s' metric; for s in $sizes; do printf '%14s' "$s"; done; echo
for k in $keys; do
  printf '%-32s' "$k"
  for s in $sizes; do printf '%14s' "$(grep "^$k:" "$tmp/$s" | cut -d' ' -f2)"; done; echo
done
echo
echo "budgets at 1920x1080 (DESIGN.md):"
status=0
budget() { # key limit description
  local v; v=$(grep "^$1:" "$tmp/1920x1080" | cut -d' ' -f2)
  if awk -v v="$v" -v l="$2" 'BEGIN { exit !(v <= l) }'; then printf '  ok    %-34s %8s <= %s\n' "$3" "$v" "$2"
  else printf '  OVER  %-34s %8s >  %s\n' "$3" "$v" "$2"; status=1; fi
}
budget first_frame_ms 50 "first frame (ms)"
budget peak_rss_mib 30 "peak RSS (MiB)"
budget frame_ms_p99 4 "transition frame p99 (ms)"
budget idle_cpu_pct 1 "idle CPU (% of a core)"
budget layout_ms_all_panels 20 "all panels laid out (ms)"
budget glyphs_rasterised_second_pass 0 "glyphs rasterised on a second pass"

# more languages: the same figures at 1920x1080 (medians of RUNS), beside the ja/en deck's
median_of() { # FILE-PREFIX: key: median lines
  for k in $(cut -d: -f1 "$1.1"); do
    printf '%s: %s\n' "$k" "$(grep -h "^$k:" "$1".* | cut -d' ' -f2 | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')"
  done
}
for set in "ja, en, zh-Hans, zh-Hant, ko" "ja, en, zh-Hans, zh-Hant, ko, ja-x-easy"; do
  n=$(echo "$set" | tr ',' '\n' | wc -l)
  for i in $(seq "$runs"); do "$annai" --bench --size 1920x1080 --languages "$set" > "$tmp/l$n.$i" || exit 1; done
  median_of "$tmp/l$n" > "$tmp/l$n"
done
echo
echo "languages at 1920x1080 (every language of the deck shown once):"
printf '%-32s%14s%14s%14s\n' metric "ja, en" "5 languages" "6 languages"
for k in first_frame_ms frame_ms_p50 frame_ms_p99 layout_ms_all_panels glyphs_rasterised_first_pass \
         glyphs_rasterised_second_pass atlas_kib idle_cpu_pct peak_rss_mib; do
  printf '%-32s%14s%14s%14s\n' "$k" "$(grep "^$k:" "$tmp/1920x1080" | cut -d' ' -f2)" \
    "$(grep "^$k:" "$tmp/l5" | cut -d' ' -f2)" "$(grep "^$k:" "$tmp/l6" | cut -d' ' -f2)"
done

# A real display: the kiosk itself, fullscreen on Xvfb at 1920x1080, against the same kiosk
# headless; the GL path (Mesa, llvmpipe here) reported apart, without a budget
echo
echo "with a display (Xvfb 1920x1080, the kiosk turning panels for 5 s; bench/display-rss.sh):"
ANNAI=$annai bash bench/display-rss.sh 1920x1080 5 > "$tmp/display" || exit 1
sed 's/^/  /' "$tmp/display"
d() { awk -v k="$1:" '$1 == k {print $2}' "$tmp/display"; }
over=$(awk -v s="$(d x11_software_peak_rss_mib)" -v h="$(d headless_peak_rss_mib)" 'BEGIN { printf "%.1f", s - h }')
if awk -v o="$over" 'BEGIN { exit !(o <= 10) }' && [ "$(d x11_software_gl_loaded)" = no ]; then
  printf '  ok    %-34s %8s <= 10 (no GL mapped)\n' "software with X11 over headless (MiB)" "$over"
else
  printf '  OVER  %-34s %8s (GL mapped: %s)\n' "software with X11 over headless (MiB)" "$over" "$(d x11_software_gl_loaded)"; status=1
fi
exit $status
