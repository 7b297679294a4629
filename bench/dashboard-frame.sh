#!/usr/bin/env bash
# Benchmark: the dashboard's frame time with 100 reporting units under Xvfb (frame clock, every
# widget redrawn each frame), as a ratio to an empty window measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=build tools/build.sh >/dev/null
ninja -C build bench/xb-bench-dashboard >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
xvfb-run -a -s "-screen 0 1280x1024x24" build/bench/xb-bench-dashboard
