"""Team results figure: a team's Tool 9 answers files chosen on tools/team/, timed by the page's
own `ps-cope:team-render` measure (files chosen to results shown)."""

from __future__ import annotations

import json

from macros.fields import iter_fields

from .browser import fresh_page, read_measure
from .build import BenchError
from .report import Figure, Spec, at_most, median

TEAM_MEASURE = "ps-cope:team-render"
TEAM_MEMBERS = 30
TEAM_RUNS = 5
TEAM_RENDER = Spec(
    "team_render_ms",
    f"Team results: {TEAM_MEMBERS} members' Tool 9 answers files read and shown ({TEAM_MEASURE})",
    "ms",
    at_most(1000),
)


def team_files(tool: dict, members: int) -> list[dict]:
    """One complete answers file per member, ratings varying from member to member (D/K too)."""
    fields = iter_fields(tool, rows="max")
    files = []
    for m in range(members):
        answers = {}
        for i, f in enumerate(fields):
            if f.kind == "radio":
                answers[f.name] = f.options[(m + i) % len(f.options)][0]
            elif f.kind in ("text", "long_text"):
                answers[f.name] = f"Member {m + 1}: notes on {f.name}."
        doc = {
            "format": "ps-cope-answers",
            "version": 1,
            "exported": "2026-01-01T00:00:00Z",
            "site": "bench",
            "member": f"Member {m + 1}",
            "tools": {
                tool["slug"]: {"version": tool["version"], "updated": None, "answers": answers}
            },
        }
        files.append(
            {
                "name": f"member-{m + 1}.json",
                "mimeType": "application/json",
                "buffer": json.dumps(doc).encode(),
            }
        )
    return files


def measure_team_render(browser, url: str, files: list[dict], runs: int) -> list[float]:
    """Each run in a fresh context: open the page, choose every file at once, read the measure."""
    times = []
    for _ in range(runs):
        with fresh_page(browser) as page:
            page.goto(url, wait_until="networkidle")
            page.locator(".team.is-ready").wait_for()
            page.set_input_files("#team-files", files)
            times.append(read_measure(page, TEAM_MEASURE, timeout_ms=10000))
            shown = page.locator("table.team-table--items").first.locator("th.team-member").count()
            if shown != len(files):
                raise BenchError(f"the results show {shown} members, not {len(files)}")
    return times


def team_figure(base: str, tool: dict, launch: dict) -> Figure:
    from playwright.sync_api import sync_playwright

    files = team_files(tool, TEAM_MEMBERS)
    with sync_playwright() as p:
        browser = p.chromium.launch(headless=True, **launch)
        try:
            times = measure_team_render(browser, f"{base}tools/team/", files, TEAM_RUNS)
        finally:
            browser.close()
    size = sum(len(f["buffer"]) for f in files)
    return TEAM_RENDER.measured(
        median(times),
        len(times),
        f"{len(files)} files, {size:,} B in all; each run in a fresh context",
        samples=times,
    )
