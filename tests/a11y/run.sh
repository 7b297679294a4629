#!/bin/bash
# Runs an AT-SPI script against the real app and server: its own D-Bus session
# (which starts the accessibility bus), an Xvfb display and a demo server on a
# free loopback port.  Usage: run.sh SCRIPT.py [ARGS...]; needs XINBAO_APP and
# XINBAO_SERVER (tests/meson.build sets them).
set -euo pipefail

if [ -z "${XB_A11Y_INNER:-}" ]; then
  export XB_A11Y_INNER=1
  # GTK_A11Y=test (set for the other UI tests) would switch AT-SPI off.
  unset GTK_A11Y
  exec dbus-run-session -- xvfb-run -a -s "-screen 0 1280x1024x24" "$0" "$@"
fi

work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -n "${XB_A11Y_KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$XINBAO_SERVER" --demo --demo-items 400 --data-dir "$work/server" --listen "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server_pid=$!
export XINBAO_URL="http://127.0.0.1:$port"
for _ in $(seq 1 200); do
  curl -sf "$XINBAO_URL/api/v1/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.1
done
curl -sf "$XINBAO_URL/api/v1/health" >/dev/null || { echo "server did not start"; cat "$work/server.log"; exit 1; }

export XB_A11Y_WORK="$work"
status=0
# The screen reader's side logs AT-SPI cache hiccups as GLib warnings: not ours to make fatal.
env -u G_DEBUG /usr/bin/python3 "$@" || status=$?
[ "$status" -eq 0 ] || { echo "--- server log"; tail -n 30 "$work/server.log"; }
exit "$status"
