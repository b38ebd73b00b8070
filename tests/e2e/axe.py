"""axe-core (via axe-playwright-python) limited to the WCAG 2.2 A/AA rules, and Material's
palette toggle for the scans in the dark scheme.

The dark scheme changes colours only (tests/test_stylesheets.py holds the site's stylesheets and
scripts to that), so a page scanned with every rule in the light scheme is scanned in the dark
one with the rules that read colours: about a third less work for the browser. Measured on
every page of the site when this was written: every other rule gave the same outcome for the
same elements in both schemes."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# The WCAG 2.2 A/AA rules whose outcome depends on colours.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
_AXE_SCRIPT = Axe().axe_script
_RUN_JS = """([within, options]) => axe.run(within ? { include: [within] } : document, options)"""


def wcag_violations(page, within: str | None = None) -> list[str]:
    """One line per WCAG 2.2 A/AA violation on the page, or in the elements matching `within`:
    rule, impact and the first targets."""
    return _violations(page, within, {"type": "tag", "values": WCAG_TAGS})


def colour_violations(page, within: str | None = None) -> list[str]:
    """Like wcag_violations, with only the rules that read colours (COLOUR_RULES)."""
    return _violations(page, within, {"type": "rule", "values": COLOUR_RULES})


def _violations(page, within: str | None, run_only: dict) -> list[str]:
    if not page.evaluate("() => typeof axe === 'object'"):
        page.evaluate(_AXE_SCRIPT)
    results = page.evaluate(
        _RUN_JS, [within, {"runOnly": run_only, "resultTypes": ["violations"]}]
    )
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
        for v in results["violations"]
    ]


def switch_to_dark_scheme(page) -> None:
    """Click Material's palette toggle and wait until the page shows its dark palette (slate)."""
    page.locator('label[title="Switch to dark mode"]').click()
    page.locator('body[data-md-color-scheme="slate"]').wait_for()
