#!/usr/bin/env bash
# Benchmark: a fresh client pulling ITEMS items (default 100,000) and pushing 1,000 queued
# items, against the real xinbao-server on loopback.  The server's data is generated once and cached.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=build tools/build.sh >/dev/null
ninja -C build bench/xb-bench-sync >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
XINBAO_SERVER=build/src/server/xinbao-server build/bench/xb-bench-sync "${ITEMS:-100000}"
