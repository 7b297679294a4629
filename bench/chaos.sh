#!/usr/bin/env bash
# Chaos, the long version: the real xinbao-server and CLIENTS headless sync clients (default
# 20) writing for DURATION seconds (default 600), the server and random clients killed with SIGKILL
# again and again; then every client settles and the test checks that every acknowledged
# write is on the server exactly once, every store equals what the server lets its user
# see, and PRAGMA integrity_check is ok everywhere.  SEED makes a run reproducible.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=build tools/build.sh >/dev/null
ninja -C build tests/test-chaos tests/xb-chaos-client src/server/xinbao-server >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
export XINBAO_SERVER=build/src/server/xinbao-server XB_CHAOS_CLIENT=build/tests/xb-chaos-client
export XB_CHAOS_SECONDS="${DURATION:-600}" XB_CHAOS_CLIENTS="${CLIENTS:-20}"
export XB_CHAOS_OPS="${OPS:-100000}" XB_CHAOS_SEED="${SEED:-$RANDOM}" XB_CHAOS_DEMO_ITEMS="${DEMO_ITEMS:-5000}"
echo "seed $XB_CHAOS_SEED, $XB_CHAOS_CLIENTS clients, $XB_CHAOS_SECONDS s"
build/tests/test-chaos --verbose 2>&1 | grep -E '^# chaos:|^(ok|not ok)|ERROR'
