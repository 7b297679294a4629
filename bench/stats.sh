#!/usr/bin/env bash
# Benchmark: a quarter's figures over the demo city with ITEMS items (default 1M over 10 years),
# through the statistics module and as plain SQL in the same run.  Prints figures and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
items="${ITEMS:-1000000}"
years="${YEARS:-10}"
quarter="${QUARTER:-2026Q3}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/xinbao-bench"
db="$cache/demo-$items-$years.db"

BUILD_DIR=build tools/build.sh >/dev/null
ninja -C build bench/xb-bench-stats >/dev/null
mkdir -p "$cache"
if [ ! -f "$db" ]; then
  echo "Generating $items items over $years years into $db (once; it is cached)…"
  /usr/bin/time -f "generated in %e s, %M KiB peak" build/src/server/xinbao-demo --items "$items" --years "$years" "$db.tmp"
  mv "$db.tmp" "$db"
  rm -f "$db.tmp-wal" "$db.tmp-shm"
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
build/bench/xb-bench-stats "$db" "$quarter"
