#!/usr/bin/env bash
# Installs the Debian packages PhoiHop builds and tests against, if any is missing: libzmq3-dev
# (ZeroMQ 4.3 with CURVE), libsodium-dev (Ed25519 signatures, SHA-256), libsqlite3-dev,
# pkg-config; and for the printed-report test, chromium-headless-shell (Debian's headless
# Chromium, prints HTML to PDF), fonts-liberation2 (Liberation Serif, metric-compatible with
# Times New Roman, with Vietnamese) and poppler-utils (pdfinfo, pdffonts, pdftotext, pdftoppm).
# 'apt-get update' runs once, only when needed.
set -euo pipefail
packages=(libzmq3-dev libsodium-dev libsqlite3-dev pkg-config chromium-headless-shell fonts-liberation2 poppler-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing missing system packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "error: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "installed: ${missing[*]}"
