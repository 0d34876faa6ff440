#!/usr/bin/env bash
# Runs every cmocka suite headless and the end-to-end scripts; prints one closing line.
cd "$(dirname "$0")/.." || exit 2
export SDL_VIDEODRIVER=dummy
export ANNAI=${ANNAI:-./annai} BUILD=${BUILD:-build}
pass=0 fail=0 failed=()
for t in "$@"; do
  if "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); failed+=("$t"); fi
done
# E2E: the end-to-end scripts to run (all by default; tests/cross.sh picks the headless ones)
for t in ${E2E:-tests/e2e/*.sh}; do
  [ -f "$t" ] || continue
  echo "[ RUN      ] $t"
  if bash "$t"; then echo "[       OK ] $t"; pass=$((pass + 1)); else echo "[  FAILED  ] $t"; fail=$((fail + 1)); failed+=("$t"); fi
done
[ ${#failed[@]} -gt 0 ] && printf 'failed: %s\n' "${failed[@]}"
echo "suites: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
