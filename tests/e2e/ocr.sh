#!/usr/bin/env bash
# Every language read back from screenshots by tesseract (jpn, eng, chi_sim, chi_tra, kor): the
# share of a panel's letters (from --dump-layout) that OCR finds in its screenshot, per
# language, must stay above OCR_MIN_RECALL. The test reads a few panels of each language;
# OCR_PANELS=all reads all of them (the figure the README states). Page segmentation 6 (one
# block of text): with the automatic one (3) tesseract 4.1 split Korean lines at the word
# spaces and lost four fifths of them.
set -u
ANNAI=${ANNAI:-./annai} BUILD=${BUILD:-build}
cd "$(dirname "$0")/../.." || exit 1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v tesseract >/dev/null || fail "tesseract missing (make deps)"
[ -x "$BUILD/recall" ] || fail "$BUILD/recall missing (make test builds it)"
min=${OCR_MIN_RECALL:-0.90}
declare -A model=([ja]=jpn [en]=eng [zh-Hans]=chi_sim [zh-Hant]=chi_tra [ko]=kor [ja-x-easy]=jpn)
panels=${OCR_PANELS:-"01-title 02-background 05-support 09-seeds-needs"}
[ "$panels" = all ] && panels=$(ls content/[0-9]*.md | grep -Ev '\.[A-Za-z]{2,3}(-[A-Za-z0-9]+)*\.md$' | xargs -n1 basename | sed 's/\.md$//')
status=0
for lang in ja en zh-Hans zh-Hant ko ja-x-easy; do
  "$ANNAI" --lang "$lang" --screenshot "$tmp/$lang" --size 1920x1080 >"$tmp/err" 2>&1 || fail "$lang: screenshots failed: $(cat "$tmp/err")"
  "$ANNAI" --lang "$lang" --dump-layout --size 1920x1080 > "$tmp/$lang.json" || fail "$lang: --dump-layout failed"
  found=0 total=0
  for p in $panels; do
    grep "\"panel\":\"$p\"" "$tmp/$lang.json" | sed 's/.*"text":"\(.*\)"}$/\1/' > "$tmp/want.txt"
    tesseract "$tmp/$lang/$p.png" "$tmp/got" -l "${model[$lang]}" --psm "${OCR_PSM:-6}" >/dev/null 2>&1 || fail "$lang: tesseract failed on $p"
    read -r f t < <("$BUILD/recall" "$tmp/want.txt" "$tmp/got.txt")
    found=$((found + f)) total=$((total + t))
  done
  [ "$total" -gt 0 ] || fail "$lang: no text laid out"
  r=$(awk -v f="$found" -v t="$total" 'BEGIN { printf "%.3f", f / t }')
  echo "ocr: $lang recall $r ($found of $total letters, tesseract ${model[$lang]})"
  awk -v r="$r" -v m="$min" 'BEGIN { exit !(r >= m) }' || { echo "FAIL: $lang recall $r below $min"; status=1; }
done
[ $status -eq 0 ] && echo "ocr: ok"
exit $status
