#!/usr/bin/env bash
# Benchmark: a quarterly bulletin's PDF (layout and write) over the demo city, as a ratio to a
# one-page document with only the masthead written in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=build tools/build.sh >/dev/null
ninja -C build bench/xb-bench-bulletin >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
build/bench/xb-bench-bulletin
