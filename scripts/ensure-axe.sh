#!/usr/bin/env bash
# Makes sure axe-core, which the browser tests (dev/e2e/) inject into every page
# state for the WCAG 2.2 A/AA checks, is installed in dev/e2e/node_modules at the
# exact version dev/e2e/package-lock.json pins. It runs `npm ci` when the package
# is missing or another version; as root, a missing npm is installed with
# Debian's package; otherwise this says what to do.
set -u

dir=$(cd "$(dirname "$0")/../dev/e2e" && pwd)
want=$(sed -n '/"node_modules\/axe-core"/,/}/s/.*"version": *"\([^"]*\)".*/\1/p' "$dir/package-lock.json" | head -n1)
have() {
  [ -f "$dir/node_modules/axe-core/axe.min.js" ] &&
    grep -q "\"version\": *\"$want\"" "$dir/node_modules/axe-core/package.json" 2>/dev/null
}
if [ -z "$want" ]; then
  echo "dev/e2e/package-lock.json does not pin axe-core: restore it from git." >&2
  exit 1
fi
if have; then exit 0; fi

if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "npm is missing: installing Debian's npm package with apt-get..." >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends npm >/dev/null; } ||
      ! command -v npm >/dev/null 2>&1; then
      echo "apt-get could not install npm (see its output above)." >&2
      exit 1
    fi
  else
    cat >&2 <<'MSG'
The browser tests inject axe-core (an npm package) for the accessibility checks,
and npm, which installs it, is missing.
  Debian/Ubuntu:  sudo apt-get install npm
  Fedora:         sudo dnf install nodejs-npm
  macOS:          brew install node
then run make test again (it runs `npm ci` in dev/e2e).
MSG
    exit 1
  fi
fi

echo "Installing axe-core $want for the browser tests (npm ci in dev/e2e)..." >&2
if (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) && have; then
  exit 0
fi
echo "npm ci in dev/e2e did not install axe-core $want (see npm's output above)." >&2
exit 1
