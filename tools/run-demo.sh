#!/usr/bin/env bash
# Installs dependencies, builds, starts a demo city office server on loopback, and opens Xinbao signed in to it.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
BUILD_DIR=build tools/build.sh

state="${XDG_STATE_HOME:-$HOME/.local/state}/xinbao-demo"
url="http://127.0.0.1:8480"
user="${XINBAO_DEMO_USER:-editor}"
mkdir -p "$state"

# The server: a demo data directory with every demo account (password: xinbao).
if ! curl -sf "$url/api/v1/health" >/dev/null 2>&1; then
  build/src/server/xinbao-server --data-dir "$state/server" --listen 127.0.0.1:8480 --demo \
    >"$state/server.log" 2>&1 &
  echo "Starting the demo server on $url (log: $state/server.log)…"
  for _ in $(seq 1 600); do
    grep -q "listening on" "$state/server.log" 2>/dev/null && break
    sleep 0.1
  done
fi

export GSETTINGS_SCHEMA_DIR="$PWD/build/data"
export XB_LOCALEDIR="$PWD/build/po"
export XINBAO_PASSWORD=xinbao
echo "Signing in as $user (set XINBAO_DEMO_USER=officer, chief, mayor… for another demo account)."
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: starting Xinbao under Xvfb (set DISPLAY to see it on a desktop)."
  exec xvfb-run -a -s "-screen 0 1280x800x24" build/src/app/xinbao --server "$url" --username "$user"
fi
exec build/src/app/xinbao --server "$url" --username "$user"
