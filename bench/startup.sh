#!/usr/bin/env bash
# Benchmark under Xvfb: a new process showing the main window on a store of ITEMS items (default
# the cached 1M-item, 10-year demo city) to its first frame and to the items on show, with its
# resident memory, against a bare libadwaita window's process in the same run (7 of each).
set -euo pipefail
cd "$(dirname "$0")/.."
items="${ITEMS:-1000000}"
years="${YEARS:-10}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/xinbao-bench"
db="$cache/demo-$items-$years.db"
BUILD_DIR=build tools/build.sh >/dev/null
ninja -C build bench/xb-bench-startup src/server/xinbao-demo >/dev/null
mkdir -p "$cache"
if [ ! -f "$db" ]; then
  echo "Generating $items items over $years years into $db (once; it is cached)…"
  build/src/server/xinbao-demo --items "$items" --years "$years" "$db.tmp"
  mv "$db.tmp" "$db"
  rm -f "$db.tmp-wal" "$db.tmp-shm"
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=build/data xvfb-run -a -s "-screen 0 1280x1024x24" \
  build/bench/xb-bench-startup "$db"
