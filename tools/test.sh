#!/usr/bin/env bash
# Installs dependencies, builds, and runs the whole test suite: once normally (UI tests under Xvfb),
# then all of it again under AddressSanitizer and UndefinedBehaviorSanitizer, with leak detection
# for the core and server suites (GTK and its libraries keep caches for the life of the process,
# so leaks are not checked in the UI suite).
set -uo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh || exit 1
BUILD_DIR=build tools/build.sh || exit 1
BUILD_DIR=build-asan tools/build.sh -Db_sanitize=address,undefined || exit 1

export LANG=C.UTF-8
passed=0
failed=0
status=0

# Runs one meson test invocation and adds its counts to the totals.
run() {
  local log
  log=$(mktemp)
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  passed=$((passed + $(awk '/^Ok:/ {print $2}' "$log" | tail -1)))
  failed=$((failed + $(awk '/^(Fail|Timeout|Unexpected Pass):/ {s += $NF} END {print s + 0}' "$log")))
  rm -f "$log"
  [ "$rc" -eq 0 ] || status=1
}

run xvfb-run -a -s "-screen 0 1280x800x24" \
  meson test -C build --print-errorlogs --num-processes 2

# Tests that draw text run with full stack unwinding, so that the suppressions of the
# font libraries' caches match; the rest keep the fast unwinder (the slow one makes the
# server tests ten times slower).
asan="detect_leaks=1:abort_on_error=1"
drawing="chart report server-cli"
others=$(meson test -C build-asan --list --suite core --suite server 2>/dev/null \
  | sed 's/.* \/ //' | grep -vxF -e chart -e report -e server-cli | tr '\n' ' ')
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
ASAN_OPTIONS=$asan run meson test -C build-asan --print-errorlogs --num-processes 2 $others
ASAN_OPTIONS=$asan:fast_unwind_on_malloc=0 run meson test -C build-asan --print-errorlogs --num-processes 2 $drawing
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 run xvfb-run -a -s "-screen 0 1280x800x24" \
  meson test -C build-asan --print-errorlogs --num-processes 2 --suite ui

# A short libFuzzer run of every decoder (clang; each capped at 20 s); bench/fuzz.sh runs them long.
[ -f build-fuzz/build.ninja ] || CC=clang meson setup build-fuzz -Dwerror=true -Dapp=false -Dfuzzing=true \
  -Db_sanitize=address,undefined -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link >/dev/null || exit 1
ninja -C build-fuzz $(printf 'tests/fuzz/fuzz-%s ' json item event unit user figures-csv csv-import server settings) >/dev/null || exit 1
ASAN_OPTIONS=$asan run meson test -C build-fuzz --no-rebuild --print-errorlogs --suite fuzz-run

echo
echo "tests: $passed passed, $failed failed"
exit $status
