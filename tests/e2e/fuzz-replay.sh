#!/usr/bin/env bash
# Every input the fuzzers ever crashed on (fuzz/regressions/) and the bundled content, replayed
# through the fuzz harnesses and their invariants with the normal build. `make fuzz` finds more.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
export ANNAI_FONTS=fonts
for f in content config layout; do
  [ -x "$BUILD/replay_$f" ] || { echo "FAIL: $BUILD/replay_$f missing (make test builds it)"; exit 1; }
done
"$BUILD/replay_content" fuzz/regressions/content content || { echo "FAIL: content regression"; exit 1; }
"$BUILD/replay_config" fuzz/regressions/config content/kiosk.ini || { echo "FAIL: config regression"; exit 1; }
"$BUILD/replay_layout" fuzz/regressions/layout content || { echo "FAIL: layout regression"; exit 1; }
echo "fuzz-replay: ok"
