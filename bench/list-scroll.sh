#!/usr/bin/env bash
# Benchmark under Xvfb: frame times while scrolling the item list over ITEMS items (default
# 100,000; the demo store is generated once and cached), half a page a frame with a long jump
# every 25 frames, against a plain GtkListView of as many strings in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
items="${ITEMS:-100000}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/xinbao-bench"
db="$cache/demo-$items-1.db"
BUILD_DIR=build tools/build.sh >/dev/null
ninja -C build bench/xb-bench-scroll src/server/xinbao-demo >/dev/null
mkdir -p "$cache"
if [ ! -f "$db" ]; then
  echo "Generating $items items into $db (once; it is cached)…"
  build/src/server/xinbao-demo --items "$items" "$db.tmp"
  mv "$db.tmp" "$db"
  rm -f "$db.tmp-wal" "$db.tmp-shm"
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
GSETTINGS_BACKEND=memory xvfb-run -a -s "-screen 0 1280x1024x24" build/bench/xb-bench-scroll "$db"
