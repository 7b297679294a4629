#!/usr/bin/env bash
# Installs dependencies, builds, starts a demo city office server on loopback and opens Xinbao on the demo city.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
BUILD_DIR=build tools/build.sh

state="${XDG_STATE_HOME:-$HOME/.local/state}/xinbao-demo"
mkdir -p "$state"

# The server: a demo data directory with every demo account (password: xinbao).
if ! pgrep -f "xinbao-server --data-dir $state/server" >/dev/null; then
  build/src/server/xinbao-server --data-dir "$state/server" --listen 127.0.0.1:8480 --demo \
    >"$state/server.log" 2>&1 &
  echo "Demo server on http://127.0.0.1:8480 (log: $state/server.log)"
fi

# The client's local store holds the same demo city (same seed), signed in as the editor.
if [ ! -f "$state/client.db" ]; then
  build/src/server/xinbao-demo --user editor "$state/client.db"
fi

export GSETTINGS_SCHEMA_DIR="$PWD/build/data"
export XB_LOCALEDIR="$PWD/build/po"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: starting Xinbao under Xvfb (set DISPLAY to see it on a desktop)."
  exec xvfb-run -a -s "-screen 0 1280x800x24" build/src/app/xinbao --store "$state/client.db"
fi
exec build/src/app/xinbao --store "$state/client.db"
