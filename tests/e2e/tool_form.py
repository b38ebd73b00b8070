"""A tool form page as the browser tests use it: open it, set and read its answers, wait for its
autosave to reach storage, read its messages, scan it with axe, refuse it the list of tools;
answers files to load; and the three tools that tests of tool-independent behaviour run on."""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

import pytest
from axe import colour_violations, wcag_violations
from browser import SHOWN_ANSWERS_JS
from jsonschema import Draft202012Validator
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from profiles import new_context
from watch import PageWatch

from macros.load import load_tool

ROOT = Path(__file__).resolve().parents[2]
BY_SLUG = {t["slug"]: t for t in map(load_tool, sorted((ROOT / "tools").glob("*.yml")))}
ANSWERS_SCHEMA = Draft202012Validator(
    json.loads((ROOT / "docs/schemas/answers-v1.schema.json").read_text(encoding="utf-8"))
)

# Behaviour that is the same code for every tool, given the kinds of field it has, runs on three
# tools that between them have every kind of field and repeating rows: Tool 8 (text, dates, long
# text, a rating, rows, answers carried forward), Tool 9 (ratings) and Tool 11 (checkboxes). With
# all 13 tools, the browser tests run none of the site's JavaScript that they do not run with
# these. test_forms.py holds the choice to the hand-written facts in tool_facts.py.
SHARED_BEHAVIOUR_SLUGS = (
    "08-integration-worksheet",
    "09-organizational-assessment",
    "11-build-consensus",
)
per_kind_of_field = pytest.mark.parametrize(
    "tool", [BY_SLUG[slug] for slug in SHARED_BEHAVIOUR_SLUGS], ids=SHARED_BEHAVIOUR_SLUGS
)

# Waits poll on a timer, not on animation frames: a tab that is not in front gets none.
POLL_MS = 50


def storage_key(slug: str) -> str:
    return f"ps-cope:/:{slug}"  # the test site is served at the server root


def answers_file(tools: dict[str, dict], *, version: int = 1) -> dict:
    """An answers document; `tools` maps slug to {version?, answers}."""
    return {
        "format": "ps-cope-answers",
        "version": version,
        "exported": "2024-01-02T03:04:05Z",
        "site": "http://elsewhere.invalid/toolkit/",
        "tools": {
            slug: {
                "version": entry.get("version", known_version(slug)),
                "updated": None,
                "answers": entry["answers"],
            }
            for slug, entry in tools.items()
        },
    }


def known_version(slug: str) -> int:
    return BY_SLUG[slug]["version"] if slug in BY_SLUG else 1


def file_payload(content: str | bytes | dict, name: str = "answers.json") -> dict:
    if isinstance(content, dict):
        content = json.dumps(content)
    data = content if isinstance(content, bytes) else content.encode()
    return {"name": name, "mimeType": "application/json", "buffer": data}


def open_tool(page, base_url: str, slug: str) -> None:
    page.goto(f"{base_url}tools/{slug}/")
    page.locator(f'form.tool-form.is-ready[data-tool="{slug}"]').wait_for()


def form_answers(page) -> dict[str, str]:
    """What the form shows, as answers (empty values left out)."""
    return page.evaluate(SHOWN_ANSWERS_JS)


def stored(page, slug: str) -> dict | None:
    raw = page.evaluate("key => localStorage.getItem(key)", storage_key(slug))
    return json.loads(raw) if raw is not None else None


def wait_stored(page, slug: str, answers: dict[str, str]) -> None:
    """Wait until the autosave has written exactly `answers` (on a timeout, say what it wrote)."""
    try:
        _wait_stored(page, slug, answers)
    except PlaywrightTimeout as exc:
        raise AssertionError(
            f"autosave of {answers} not seen; stored: {stored(page, slug)}; "
            f"form: {form_answers(page)}"
        ) from exc


def _wait_stored(page, slug: str, answers: dict[str, str]) -> None:
    page.wait_for_function(
        """([key, expected]) => {
            const raw = localStorage.getItem(key);
            const got = raw ? JSON.parse(raw).answers : {};
            const sorted = (o) => JSON.stringify(Object.entries(o).sort());
            return sorted(got) === sorted(expected);
        }""",
        arg=[storage_key(slug), answers],
        polling=POLL_MS,
    )


def set_field(page, field, value: str) -> None:
    form = page.locator("form.tool-form")
    if field.kind == "radio":
        form.locator(f'input[name="{field.name}"][value="{value}"]').check()
    elif field.kind == "checkbox":
        form.locator(f'input[name="{field.name}"]').check()
    else:
        form.locator(f'[name="{field.name}"]').fill(value)


def refuse_the_list_of_tools(page) -> None:
    """Answer the site's list of tools (tools/specs.json) with HTTP 503 from now on."""
    page.route("**/tools/specs.json", lambda route: route.fulfill(status=503))


def forget_the_refused_list_of_tools(page) -> None:
    """Drop the console error Chromium itself logs for the refused list of tools."""
    page.watch.errors[:] = [e for e in page.watch.errors if "status of 503" not in e]


MESSAGE = "form.tool-form .tool-message, .tool-all .tool-message"  # a form's, the tools index's


def message(page):
    return page.locator(MESSAGE).last


def violations(page, within: str | None = None, *, colours_only: bool = False) -> list[str]:
    """WCAG 2.2 A/AA violations on the page or in `within` (the colour rules only, for the dark
    scheme: tests/e2e/axe.py), checked from the top of the page: after a reload the browser
    restores the scroll position, and axe counts controls under Material's sticky header as
    obscured targets."""
    page.evaluate("window.scrollTo(0, 0)")
    return (colour_violations if colours_only else wcag_violations)(page, within)


@contextmanager
def watched_page(browser, base_url: str, **context_options):
    """A page in a new browser context (a fresh profile) that fails on errors like `page`."""
    context = new_context(browser, **context_options)
    try:
        page = context.new_page()
        watch = PageWatch(page, base_url)
        yield page
        assert watch.errors == [], f"console errors: {watch.errors}"
        assert watch.foreign_requests == [], f"requests to other hosts: {watch.foreign_requests}"
    finally:
        context.close()
