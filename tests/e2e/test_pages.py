"""Every page in real Chromium: WCAG 2.2 AA (light and dark), no third-party requests, print, nav."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from axe import wcag_violations
from watch import PageWatch

ROOT = Path(__file__).resolve().parents[2]


def page_paths(docs: Path = ROOT / "docs") -> list[str]:
    """Site-relative URLs of every Markdown page (use_directory_urls)."""
    urls = []
    for md in sorted(docs.rglob("*.md")):
        rel = md.relative_to(docs).with_suffix("").as_posix()
        urls.append("" if rel == "index" else rel.removesuffix("/index").removesuffix("index") + "/")
    return urls


PAGES = page_paths()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_page_passes_wcag_22_aa(browser, base_url, path, scheme):
    """Verify axe-core finds no WCAG 2.2 A/AA violation, with no console error or foreign request."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    watch = PageWatch(page, base_url)
    try:
        page.goto(base_url + path, wait_until="networkidle")
        assert page.locator("h1").first.is_visible()
        assert wcag_violations(page) == []
        assert watch.errors == []
        assert watch.foreign_requests == []
    finally:
        context.close()


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


def test_search_finds_a_chapter(page, base_url):
    """Verify the built-in search index works offline and finds toolkit content."""
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
            " return [s.outlineStyle, s.outlineWidth]; }")
        assert style[0] != "none" and style[1] != "0px", style
