#!/usr/bin/env bash
# Benchmark: time to open the item editor on a saved draft (load into the form until the first frame),
# median over RUNS runs (default 20), beside an empty AdwApplicationWindow's first frame measured in the same run.
# Needs a display; without one it runs under xvfb-run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-20}"
build="${BUILD_DIR:-build}"

BUILD_DIR="$build" tools/build.sh >/dev/null
ninja -C "$build" bench/xb-bench-editor >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
if [ -n "${WAYLAND_DISPLAY:-}${DISPLAY:-}" ]; then
  "$build"/bench/xb-bench-editor "$runs"
else
  xvfb-run -a -s "-screen 0 1920x1080x24" "$build"/bench/xb-bench-editor "$runs"
fi
