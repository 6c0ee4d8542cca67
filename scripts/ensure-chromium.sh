#!/usr/bin/env bash
# Makes sure a Chromium the browser tests can drive is installed.
# As root it installs Debian's package; otherwise it says what to install.
set -eu
if [ -n "${CHROME:-}" ]; then
  if [ -x "$CHROME" ]; then exit 0; fi
  echo "CHROME=$CHROME is not an executable file: point it at chromium or unset it." >&2
  exit 1
fi
for c in chromium chromium-browser google-chrome; do
  if command -v "$c" >/dev/null 2>&1; then exit 0; fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing: installing Debian's chromium package with apt-get..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
  command -v chromium >/dev/null 2>&1 && exit 0
fi
cat >&2 <<'MSG'
The browser tests need Chromium and it is not installed.
  Debian/Ubuntu:  sudo apt-get install chromium
  Fedora:         sudo dnf install chromium
  macOS:          brew install --cask chromium
or set CHROME=/path/to/chrome-or-chromium and run make test again.
MSG
exit 1
