#!/usr/bin/env bash
# Makes sure a headless-capable Chromium is installed (Debian's `chromium` package) and prints its path.
# The notebook browser test (tests/notebook) calls it; as root it installs the package with apt-get.
set -euo pipefail

for candidate in chromium chromium-browser; do
  if command -v "$candidate" >/dev/null 2>&1; then
    command -v "$candidate"
    exit 0
  fi
done

if [[ "$(id -u)" != "0" ]]; then
  echo "ensure-chromium.sh: chromium must be installed; got none instead; run as root or: sudo apt-get install -y chromium" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq chromium fonts-dejavu-core fontconfig >&2
command -v chromium
