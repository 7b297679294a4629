#!/usr/bin/env bash
# Configures (once) and builds Xinbao in BUILD_DIR (default: build), warnings as errors.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${BUILD_DIR:-build}"
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" -Dwerror=true "$@"
fi
ninja -C "$build"
