#!/usr/bin/env bash
# Runs every libFuzzer target long (SECONDS_PER_TARGET, default 600) from the checked-in corpus; crashes land in $BUILD_DIR/tests/fuzz.
# Usage: bench/fuzz.sh [seconds-per-target] [target...]   (targets: json item event unit user figures-csv csv-import server settings)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${BUILD_DIR:-build-fuzz}"
seconds="${1:-${SECONDS_PER_TARGET:-600}}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json item event unit user figures-csv csv-import server settings)

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" -Dwerror=true -Dapp=false -Dfuzzing=true \
    -Db_sanitize=address,undefined -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link
fi
ninja -C "$build" $(printf 'tests/fuzz/fuzz-%s ' "${targets[@]}")

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
status=0
for t in "${targets[@]}"; do
  scratch="$build/tests/fuzz/long/$t"
  mkdir -p "$scratch"
  echo "== $t: ${seconds}s"
  log="$build/tests/fuzz/$t-long.log"
  rc=0
  "$build/tests/fuzz/fuzz-$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$build/tests/fuzz/$t-" \
    "$scratch" "tests/fuzz/corpus/$t" > "$log" 2>&1 || rc=$?
  grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY)' "$log" || true
  [ "$rc" -eq 0 ] || { echo "$t: CRASH (exit $rc), see $log and $build/tests/fuzz/$t-*"; status=1; }
done
echo "Copy any crash input into tests/fuzz/corpus/<target>/ as a regression test after fixing it."
exit $status
