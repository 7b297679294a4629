#!/usr/bin/env bash
# Benchmark: search as you type over the demo city with ITEMS items (default 1M over 10 years):
# the item list's first page and its count for 2- to 4-character Chinese terms and a Latin
# one, median and p95 of 15 runs, as a ratio to a plain FTS5 query in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
items="${ITEMS:-1000000}"
years="${YEARS:-10}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/xinbao-bench"
db="$cache/demo-$items-$years.db"

BUILD_DIR=build tools/build.sh >/dev/null
ninja -C build bench/xb-bench-search >/dev/null
mkdir -p "$cache"
if [ ! -f "$db" ]; then
  echo "Generating $items items over $years years into $db (once; it is cached)…"
  build/src/server/xinbao-demo --items "$items" --years "$years" "$db.tmp"
  mv "$db.tmp" "$db"
  rm -f "$db.tmp-wal" "$db.tmp-shm"
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
build/bench/xb-bench-search "$db"
