#!/usr/bin/env bash
# Make sure the engine smoke tests (tests/engines, `make test-engines`) can run: Debian's
# Firefox ESR, WebKitGTK's WebDriver with Xvfb, and puppeteer-core, which drives Firefox over
# WebDriver BiDi, in the git-ignored tests/engines/.node (no browser is downloaded: puppeteer-core
# uses the installed firefox-esr). Installs with apt-get when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."

PUPPETEER_CORE=puppeteer-core@24.43.1  # 24.x runs on Node 18 (Debian 12's nodejs) and later
PREFIX=tests/engines/.node

missing=()
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ -n "${FIREFOX:-}" ]; then  # another Firefox, for tests/engines/drivers.py
  command -v "$FIREFOX" >/dev/null || { echo "error: FIREFOX=$FIREFOX is not there" >&2; exit 1; }
else
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
fi
command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
command -v Xvfb >/dev/null || missing+=(xvfb)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "error: missing ${missing[*]}; install them (Debian: apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

installed=$PREFIX/node_modules/puppeteer-core/package.json
if [ ! -f "$installed" ] || ! grep -q "\"version\": \"${PUPPETEER_CORE#*@}\"" "$installed"; then
  echo "Installing $PUPPETEER_CORE into $PREFIX"
  npm install --prefix "$PREFIX" --no-audit --no-fund --loglevel=error "$PUPPETEER_CORE" >/dev/null
fi
