#!/usr/bin/env bash
# Make sure the tests' system tools exist: Node (unit tests of the browser modules), a Chromium
# for Playwright, qpdf and pdftoppm.
# Uses Playwright's own Chromium when it is installed (e.g. GitHub Actions after
# `playwright install --with-deps chromium`); otherwise Debian's chromium-headless-shell via apt.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v node >/dev/null || missing+=(nodejs)
command -v qpdf >/dev/null || missing+=(qpdf)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
# Without Playwright's own Chromium: Debian's headless shell (the build Playwright runs headless;
# the tests' pages cost a third less), where apt can install it; any system Chromium otherwise.
launch=$(.venv/bin/python -m devkit.chromium 2>/dev/null || true)
if [ -z "$launch" ] || { [[ "$launch" == *executable_path* && "$launch" != *headless-shell* ]] \
    && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }; then
  missing+=(chromium-headless-shell)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
elif [[ " ${missing[*]} " == *" chromium-headless-shell "* ]] && [ ${#missing[@]} -eq 1 ]; then
  .venv/bin/python -m playwright install chromium
else
  echo "error: missing ${missing[*]}; install them (Debian/Ubuntu: apt-get install ${missing[*]})" >&2
  exit 1
fi
.venv/bin/python -m devkit.chromium >/dev/null
