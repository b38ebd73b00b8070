"""Every page in real Chromium: WCAG 2.2 AA (light and dark), no third-party requests, print, nav."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe import colour_violations, switch_to_dark_scheme, wcag_violations
from playwright.sync_api import expect
from tool_form import watched_page

ROOT = Path(__file__).resolve().parents[2]


def page_paths(docs: Path = ROOT / "docs") -> list[str]:
    """Site-relative URLs of every Markdown page (use_directory_urls)."""
    urls = []
    for md in sorted(docs.rglob("*.md")):
        rel = md.relative_to(docs).with_suffix("").as_posix()
        urls.append(
            "" if rel == "index" else rel.removesuffix("/index").removesuffix("index") + "/"
        )
    return urls


def tool_form_pages(docs: Path = ROOT / "docs") -> list[str]:
    """The 13 tool pages: test_forms.py scans each empty and filled, and filled in the dark
    scheme."""
    return [f"tools/{p.stem}/" for p in sorted((ROOT / "tools").glob("*.yml"))]


# The page's own signals that its scripts have run: a mounted tools index, team results or
# comparison page is `.is-ready`; the privacy page's statuses carry a data-state.
MOUNTED_JS = """() => [...document.querySelectorAll('.tool-all, .team, .progress[data-elements]')]
    .every((root) => root.classList.contains('is-ready'))
  && [...document.querySelectorAll('[data-storage-status], [data-offline-status]')]
    .every((status) => status.dataset.state)"""

PAGES = [path for path in page_paths() if path not in tool_form_pages()]


def test_every_page_is_scanned_here_or_by_the_tool_form_tests():
    """The pages above and the 13 tool pages (test_forms.py) are every page of the site."""
    assert len(tool_form_pages()) == 13
    assert sorted(PAGES + tool_form_pages()) == sorted(page_paths())
    assert {"", "tools/", "tools/team/", "tools/progress/", "privacy/"} <= set(PAGES)


@pytest.mark.parametrize("path", PAGES)
def test_page_passes_wcag_22_aa(browser, base_url, path):
    """Verify axe-core finds no WCAG 2.2 A/AA violation in the light scheme, then none of
    contrast in the dark one (Material's palette toggle; tests/e2e/axe.py), with no console
    error or foreign request."""
    with watched_page(browser, base_url) as page:
        page.goto(base_url + path)
        page.wait_for_function(MOUNTED_JS)
        assert page.locator("h1").first.is_visible()
        assert wcag_violations(page) == []
        switch_to_dark_scheme(page)
        assert colour_violations(page) == []


def test_a_dark_system_preference_shows_the_dark_scheme(browser, base_url):
    """Verify a browser that prefers dark gets Material's dark palette (slate) on first visit."""
    with watched_page(browser, base_url, color_scheme="dark") as page:
        page.goto(base_url + "introduction/")
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")


def test_print_shows_the_chapter_without_site_chrome(page, base_url):
    """Verify printing a chapter hides header, navigation and footer but keeps the content."""
    page.goto(base_url + "introduction/")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden()
    assert page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator("article h1").is_visible()
    assert page.locator("#figure-1").is_visible()


def test_instant_navigation_keeps_working_without_reload(page, base_url):
    """Verify in-site links navigate through Material's instant loading (no full reload)."""
    page.goto(base_url)
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="The 13 tools").first.click()
    page.wait_for_url("**/tools/")
    expect(page.get_by_role("heading", name="The 13 tools", level=1)).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True


def test_search_finds_a_chapter(browser, base_url):
    """Verify the built-in search index works offline and finds toolkit content."""
    with watched_page(browser, base_url, searchable=True) as page:
        page.goto(base_url)
        page.keyboard.press("/")
        page.keyboard.type("procedural justice")
        result = page.locator(".md-search-result__item").first
        result.wait_for()
        assert "justice" in result.inner_text().lower()


def test_keyboard_focus_is_visible(page, base_url):
    """Verify the first tab stops show a visible focus outline."""
    page.goto(base_url + "guiding-principles/")
    for _ in range(3):
        page.keyboard.press("Tab")
        style = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, s.outlineWidth]; }"
        )
        assert style[0] != "none" and style[1] != "0px", style
