#!/usr/bin/env bash
# Make sure the tests' system tools exist: Node (unit tests of the browser modules), a Chromium
# for Playwright, qpdf and pdftoppm.
# Uses Playwright's own Chromium when it is installed (e.g. GitHub Actions after
# `playwright install --with-deps chromium`); otherwise Debian's chromium via apt when root.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v node >/dev/null || missing+=(nodejs)
command -v qpdf >/dev/null || missing+=(qpdf)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
if ! .venv/bin/python -m devkit.chromium >/dev/null 2>&1; then
  missing+=(chromium)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
elif [[ " ${missing[*]} " == *" chromium "* ]] && [ ${#missing[@]} -eq 1 ]; then
  .venv/bin/python -m playwright install chromium
else
  echo "error: missing ${missing[*]}; install them (Debian/Ubuntu: apt-get install ${missing[*]})" >&2
  exit 1
fi
.venv/bin/python -m devkit.chromium >/dev/null
