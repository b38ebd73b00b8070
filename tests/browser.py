"""Browser helpers shared by the test suites: a Chromium for Playwright (its own build when
installed, else the system's) and what a tool form shows."""

from __future__ import annotations

import shutil
from pathlib import Path

# What a tool form shows, as answers (empty values left out): run in any engine's page.
SHOWN_ANSWERS_JS = """() => {
    const out = {};
    for (const el of document.querySelectorAll('form.tool-form [name]')) {
        const choice = el.type === 'radio' || el.type === 'checkbox';
        if (choice ? el.checked : el.value) out[el.name] = el.value;
    }
    return out;
}"""

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
        "`python -m playwright install chromium`")
