#!/usr/bin/env bash
# Installs every Debian 12 package Xinbao needs to build, run and test; does nothing when all are there.
set -euo pipefail

packages=(
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libsqlite3-dev libsodium-dev libcairo2-dev libpango1.0-dev
  desktop-file-utils appstream
  xvfb xauth dbus dbus-x11 fonts-noto-cjk imagemagick sqlite3 openssl poppler-utils curl
  clang libclang-rt-14-dev python3 python3-pyatspi at-spi2-core
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
