"""The Chromium that the tests and benchmarks drive: Playwright's own build when installed, else
the system's. `python -m devkit.chromium` prints how it will be launched (exit 1: none found)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

SYSTEM_CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--no-first-run",
]


def chromium_launch_options(playwright_chromium_path: str) -> dict:
    """Keyword arguments for `playwright.chromium.launch()`, given Playwright's own browser path."""
    if playwright_chromium_path and Path(playwright_chromium_path).exists():
        return {"args": ["--disable-background-networking", "--disable-component-update"]}
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return {"executable_path": found, "args": SYSTEM_CHROMIUM_ARGS}
    raise FileNotFoundError(
        "no Chromium found: run `make system-deps` (apt chromium) or "
        "`python -m playwright install chromium`"
    )


def main() -> int:
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as p:
            print(chromium_launch_options(p.chromium.executable_path))
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
