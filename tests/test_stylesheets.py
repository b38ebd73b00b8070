"""The dark scheme changes colours only: what lets the browser tests scan a page in the dark
scheme with axe's colour rules alone (tests/e2e/axe.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STYLESHEETS = sorted((ROOT / "docs" / "stylesheets").glob("*.css"))
SCRIPTS = sorted((ROOT / "docs" / "javascripts").glob("*.js"))  # not vendor/: the PDF library
# What says which scheme is shown: Material's attribute (set by its palette toggle, which keeps
# the choice as `__palette`) and the system setting.
SCHEME = re.compile(r"data-md-color-scheme|mdColorScheme|__palette|prefers-color-scheme")


def blocks(css: str, inside: str = ""):
    """(selector or at-rule with the at-rules around it, declarations) for every block of rules."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    at = 0
    while (open_at := css.find("{", at)) != -1:
        head = css[at:open_at].strip().rsplit(";", 1)[-1].strip()
        depth, end = 1, open_at + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        body = css[open_at + 1 : end - 1]
        if "{" in body:
            yield from blocks(body, f"{inside} {head}")
        else:
            yield f"{inside} {head}".strip(), body
        at = end


def declared(body: str) -> list[str]:
    return [d.split(":", 1)[0].strip() for d in body.split(";") if ":" in d]


def test_blocks_reads_rules_inside_media_queries():
    css = "a { color: red; } /* x { } */ @media print { b { display: none } }"
    assert list(blocks(css)) == [("a", " color: red; "), ("@media print b", " display: none ")]


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.name)
def test_rules_for_one_scheme_set_only_colours(path):
    """Verify every rule that applies in one scheme only sets colours (properties and custom
    properties named for a colour), so layout, visibility and text are the same in both."""
    for where, body in blocks(path.read_text(encoding="utf-8")):
        if SCHEME.search(where):
            assert [p for p in declared(body) if "color" not in p] == [], where


def test_scripts_do_not_read_the_scheme():
    """Verify no site script reads which scheme is shown (it would draw the same either way)."""
    assert [p.name for p in SCRIPTS if SCHEME.search(p.read_text(encoding="utf-8"))] == []


def test_no_page_shows_an_image_in_one_scheme_only():
    """Verify no page uses Material's images for one scheme (#only-light, #only-dark and the
    GitHub-style fragments), the one thing besides colours its palette changes."""
    marked = re.compile(r"#(only-light|only-dark|gh-light-mode-only|gh-dark-mode-only)\b")
    pages = (ROOT / "docs").rglob("*.md")
    assert [p.name for p in pages if marked.search(p.read_text(encoding="utf-8"))] == []
