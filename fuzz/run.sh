#!/usr/bin/env bash
# Runs each fuzzer for a bounded time; a crash leaves its input in build/fuzz/ and fails.
# Usage: fuzz/run.sh SECONDS content config layout
set -u
cd "$(dirname "$0")/.."
secs=$1; shift
status=0
for f in "$@"; do
  corpus=build/fuzz/corpus/$f; mkdir -p "$corpus" "fuzz/regressions/$f"
  case $f in
    config) cp content/kiosk.ini "$corpus/" ;;
    *) cp content/*.md "$corpus/" ;;
  esac
  echo "== fuzz_$f for ${secs}s"
  if ! ANNAI_FONTS=fonts ./build/fuzz/fuzz_$f -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="build/fuzz/$f-" -print_final_stats=1 "$corpus" "fuzz/regressions/$f" 2>build/fuzz/$f.log; then
    grep -E 'ERROR|invariant|runtime error|Test unit written' build/fuzz/$f.log | head -5
    echo "fuzz_$f: CRASH - fix it, then keep the input: cp build/fuzz/$f-crash-* fuzz/regressions/$f/"
    status=1
  else
    grep -E 'stat::number_of_executed_units|cov:' build/fuzz/$f.log | tail -2
    echo "fuzz_$f: no crash"
  fi
done
exit $status
