#!/usr/bin/env bash
# Installs dependencies, builds, and runs the whole test suite: once normally (UI tests under Xvfb),
# then the core and server suites again under AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
BUILD_DIR=build tools/build.sh

export LANG=C.UTF-8
xvfb-run -a -s "-screen 0 1280x800x24" \
  meson test -C build --print-errorlogs --num-processes 2

BUILD_DIR=build-asan tools/build.sh -Db_sanitize=address,undefined -Dapp=false
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  meson test -C build-asan --print-errorlogs --num-processes 2 --suite core --suite server
