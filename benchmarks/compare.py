"""Progress over time figure: two sets of a team's Tool 9 answers files chosen on tools/progress/,
timed by the page's own `ps-cope:compare-render` measure (the second set chosen to the
comparison shown)."""

from __future__ import annotations

from .browser import fresh_page, read_measure
from .report import Figure, Spec, at_most, median
from .team import TEAM_MEMBERS, team_files

COMPARE_MEASURE = "ps-cope:compare-render"
COMPARE_RUNS = 5
COMPARE_RENDER = Spec(
    "compare_render_ms",
    f"Progress over time: two sets of {TEAM_MEMBERS} members' "
    f"Tool 9 answers files compared and shown ({COMPARE_MEASURE})",
    "ms",
    at_most(1000),
)


def measure_compare_render(
    browser, url: str, earlier: list[dict], later: list[dict], runs: int
) -> list[float]:
    """Each run in a fresh context: choose the earlier files, then the later ones; read the
    measure the comparison writes."""
    times = []
    for _ in range(runs):
        with fresh_page(browser) as page:
            page.goto(url, wait_until="networkidle")
            page.locator(".progress.is-ready").wait_for()
            page.set_input_files("#progress-before-files", earlier)
            page.locator('[data-side="before"] .progress-set p').first.wait_for()
            page.set_input_files("#progress-after-files", later)
            times.append(read_measure(page, COMPARE_MEASURE, timeout_ms=10000))
    return times


def compare_figure(base: str, tool: dict, launch: dict) -> Figure:
    from playwright.sync_api import sync_playwright

    earlier = team_files(tool, TEAM_MEMBERS)
    later = team_files(tool, TEAM_MEMBERS + 1)[1:]  # other answers: each member's shifted by one
    with sync_playwright() as p:
        browser = p.chromium.launch(headless=True, **launch)
        try:
            times = measure_compare_render(
                browser, f"{base}tools/progress/", earlier, later, COMPARE_RUNS
            )
        finally:
            browser.close()
    return COMPARE_RENDER.measured(
        median(times),
        len(times),
        f"{len(earlier)} + {len(later)} files; each run in a fresh context",
        samples=times,
    )
