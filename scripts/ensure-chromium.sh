#!/usr/bin/env bash
# Makes sure a Chromium the browser tests (dev/e2e/) and the benchmark can drive is
# installed. CHROME=/path/to/chromium overrides the search. As root, a missing
# Chromium is installed with Debian's package; otherwise this says what to do.
set -u

runs() { "$1" --version >/dev/null 2>&1; }

if [ -n "${CHROME:-}" ]; then
  path=$(command -v "$CHROME" 2>/dev/null || true)
  if [ -n "$path" ] && [ -x "$path" ] && runs "$path"; then exit 0; fi
  echo "CHROME=$CHROME is not a Chromium that runs (\`$CHROME --version\` failed): point it at chromium or unset it." >&2
  exit 1
fi

# The same order dev/e2e/browser_test.go searches in.
for c in /usr/bin/chromium chromium chromium-browser google-chrome google-chrome-stable; do
  path=$(command -v "$c" 2>/dev/null || true)
  if [ -n "$path" ]; then
    if runs "$path"; then exit 0; fi
    echo "$path is installed but \`$path --version\` fails: reinstall it (apt-get install --reinstall chromium) or set CHROME." >&2
    exit 1
  fi
done

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing: installing Debian's chromium package with apt-get..." >&2
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null \
    && runs /usr/bin/chromium; then
    echo "Installed $(/usr/bin/chromium --version 2>/dev/null)." >&2
    exit 0
  fi
  echo "apt-get could not install a working chromium (see its output above)." >&2
fi
cat >&2 <<'MSG'
The browser tests need Chromium and it is not installed.
  Debian/Ubuntu:  sudo apt-get install chromium
  Fedora:         sudo dnf install chromium
  macOS:          brew install --cask chromium
or set CHROME=/path/to/chrome-or-chromium and run make test again.
MSG
exit 1
