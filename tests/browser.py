"""Find a Chromium for Playwright: its own build when installed, else the system's."""

from __future__ import annotations

import shutil
from pathlib import Path

SYSTEM_CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--no-first-run",
]


def chromium_launch_options() -> dict:
    """Keyword arguments for `playwright.chromium.launch()`."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        own = p.chromium.executable_path
    if own and Path(own).exists():
        return {"args": ["--disable-background-networking", "--disable-component-update"]}
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return {"executable_path": found, "args": SYSTEM_CHROMIUM_ARGS}
    raise FileNotFoundError(
        "no Chromium found: run `make system-deps` (apt chromium) or "
        "`python -m playwright install chromium`")
