#!/usr/bin/env bash
# Debian packages a fresh machine needs for the Qt wheels (offscreen and on screen), fonts for
# rendering and PDFs, venv, and poppler-utils (PDF text checks in tests). Safe to run twice.
set -euo pipefail
packages=(python3-venv libglib2.0-0 libgl1 libegl1 libx11-6 libdbus-1-3 libfontconfig1
          libfreetype6 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
          libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 fonts-dejavu-core fonts-ipafont-gothic poppler-utils)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
