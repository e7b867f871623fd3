#!/usr/bin/env bash
# The browser tests drive Debian's Chromium. Install it when missing (root with apt-get),
# otherwise stop with what to do. CHROMIUM_PATH points to another Chromium/Chrome binary.
set -euo pipefail
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$chromium" ]; then exit 0; fi
if [ "$chromium" = /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Chromium not found at $chromium: installing Debian's chromium package ..."
  apt-get install -y -q chromium >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }
  [ -x "$chromium" ] && exit 0
fi
echo "Chromium not found at $chromium. Install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH." >&2
exit 1
