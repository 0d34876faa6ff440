#!/usr/bin/env bash
# make bench: annai --bench at three screen sizes, as one table.
cd "$(dirname "$0")/.." || exit 2
export SDL_VIDEODRIVER=dummy
sizes="800x480 1920x1080 3840x2160"
for s in $sizes; do ./annai --bench --size "$s" > "/tmp/annai-bench-$s.txt" || exit 1; done
keys=$(cut -d: -f1 "/tmp/annai-bench-1920x1080.txt" | grep -v '^size$')
printf '%-32s' metric; for s in $sizes; do printf '%14s' "$s"; done; echo
for k in $keys; do
  printf '%-32s' "$k"
  for s in $sizes; do printf '%14s' "$(grep "^$k:" "/tmp/annai-bench-$s.txt" | cut -d' ' -f2)"; done; echo
done
