"""The Chromium that the tests and benchmarks drive: Playwright's own build when installed, else
the system's. `python -m devkit.chromium` prints how it will be launched (exit 1: none found)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

# The system's builds, in the order the tests take them. First Debian's old headless shell
# (package chromium-headless-shell), the build Playwright itself runs for headless pages: a new
# context and page take about a third of the time they take in the full browser's headless mode.
HEADLESS_SHELLS = ("chromium-headless-shell",)
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
SYSTEM_CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--no-first-run",
]


def system_chromium(*, headless_shell: bool = True) -> str | None:
    """The path of the system's Chromium (its headless shell if installed, unless not wanted)."""
    names = HEADLESS_SHELLS + BROWSERS if headless_shell else BROWSERS
    return next((found for name in names if (found := shutil.which(name))), None)


def chromium_launch_options(playwright_chromium_path: str) -> dict:
    """Keyword arguments for `playwright.chromium.launch()`, given Playwright's own browser path."""
    if playwright_chromium_path and Path(playwright_chromium_path).exists():
        return {"args": ["--disable-background-networking", "--disable-component-update"]}
    found = system_chromium()
    if found:
        return {"executable_path": found, "args": SYSTEM_CHROMIUM_ARGS}
    raise FileNotFoundError(
        "no Chromium found: run `make system-deps` (apt chromium-headless-shell) or "
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
