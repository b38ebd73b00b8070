"""The order of a test run (tests/conftest.py applies it to every run)."""

from __future__ import annotations

SITE_FIXTURES = {"built_site", "base_url"}


def run_order(item) -> int:
    """0: pure tests (no site build, no browser); 1: tests of the built site; 2: Chromium
    (tests/e2e); 3: the other engines (tests/engines). A typo fails in the first seconds."""
    path = item.path.as_posix()
    if "/tests/engines/" in path:
        return 3
    if "/tests/e2e/" in path:
        return 2
    return 1 if SITE_FIXTURES & set(getattr(item, "fixturenames", ())) else 0


def sort_items(items: list) -> None:
    """Order the collected tests by run_order; stable, so each file's tests keep their order."""
    items.sort(key=run_order)
