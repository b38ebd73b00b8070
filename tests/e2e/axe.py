"""axe-core (via axe-playwright-python) limited to the WCAG 2.2 A/AA rules, and Material's
palette toggle for the scans in the dark scheme."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
_axe = Axe()


def wcag_violations(page) -> list[str]:
    """One line per WCAG 2.2 A/AA violation on the page: rule, impact and the first targets."""
    results = _axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
    ]


def switch_to_dark_scheme(page) -> None:
    """Click Material's palette toggle and wait until the page shows its dark palette (slate)."""
    page.locator('label[title="Switch to dark mode"]').click()
    page.locator('body[data-md-color-scheme="slate"]').wait_for()
