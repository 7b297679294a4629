#!/usr/bin/env bash
# Benchmark: what a slow sync's reports cost the dashboard (refreshes, main-thread time, frames), this tree
# against a baseline commit built from the same benchmark source, in the same run (ratios to a full redraw).
set -euo pipefail
cd "$(dirname "$0")/.."
build="${BUILD_DIR:-build}"
# The parent of the commit that made synced refreshes update the charts in place.
baseline="${BASELINE:-7e41103^}"
sha=$(git rev-parse --short "$baseline")
cache="${XDG_CACHE_HOME:-$HOME/.cache}/xinbao-bench/dashboard-$sha"

BUILD_DIR="$build" tools/build.sh >/dev/null
ninja -C "$build" bench/xb-bench-dashboard >/dev/null

# The baseline's sources with this tree's benchmark (it uses only API both have).
if [ ! -f "$cache/build/build.ninja" ]; then
  rm -rf "$cache"
  mkdir -p "$cache/src"
  git archive "$baseline" | tar -x -C "$cache/src"
  meson setup "$cache/build" "$cache/src" -Dwerror=true >/dev/null
fi
cp bench/xb-bench-dashboard.c "$cache/src/bench/"
ninja -C "$cache/build" bench/xb-bench-dashboard data/gschemas.compiled >/dev/null

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for run in 1 2; do
  echo "== run $run: baseline $sha"
  GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$cache/build/data" xvfb-run -a -s "-screen 0 1280x1024x24" \
    "$cache/build/bench/xb-bench-dashboard" --refresh
  echo "== run $run: this tree ($(git rev-parse --short HEAD))"
  GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" xvfb-run -a -s "-screen 0 1280x1024x24" \
    "$build/bench/xb-bench-dashboard" --refresh
done
