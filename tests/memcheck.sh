#!/usr/bin/env bash
# A screenshot run of every bundled panel under valgrind memcheck: no invalid access, no leak
# of annai's own (definitely lost). Usage: tests/memcheck.sh ./annai
set -u
bin=${1:-./annai}
command -v valgrind >/dev/null || { echo "FAIL: valgrind missing (make deps)"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
SDL_VIDEODRIVER=dummy valgrind --quiet --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite \
  --show-leak-kinds=definite "$bin" --screenshot "$tmp/shots" --size 1280x720 2>"$tmp/vg"
rc=$?
if [ $rc -ne 0 ] || grep -q 'ERROR SUMMARY: [1-9]\|definitely lost: [1-9]' "$tmp/vg"; then
  cat "$tmp/vg"; echo "memcheck: FAIL (exit $rc)"; exit 1
fi
n=$(ls "$tmp/shots" | wc -l)
echo "memcheck: clean ($n panels rendered under valgrind)"
