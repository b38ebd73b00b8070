"""Print how the tests will launch Chromium; exit 1 when no Chromium is available."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from browser import chromium_launch_options  # noqa: E402

try:
    with sync_playwright() as p:
        print(chromium_launch_options(p.chromium.executable_path))
except FileNotFoundError as exc:
    print(exc, file=sys.stderr)
    sys.exit(1)
