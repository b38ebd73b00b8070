"""The built site: every chapter and section at its URL, links and anchors resolve, no third party."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from macros.load import load_tools

TOOLS = load_tools()

# URL → anchors that trainers link to; these must never change.
CHAPTERS = {
    "acronyms/": [],
    "how-to-use/": ["purpose", "audience", "directions", "toolkit-sections", "icons"],
    "introduction/": [
        "current-state",
        "bipoc-needs",
        "new-approach",
        "figure-1",
        "goals",
        "frameworks",
        "trauma-informed-care",
        "rosc",
        "procedural-justice",
    ],
    "guiding-principles/": ["table-1"],
    "principles-to-practice/": ["core-implementation-team"],
    "principles-to-practice/infrastructure-elements/": [
        "ie1",
        "ie2",
        "ie3",
        "ie4",
        "ie5",
        "resources",
    ],
    "principles-to-practice/core-components/": ["cc1", "cc2", "cc3", "cc4", "cc5", "resources"],
    "principles-to-practice/integration-steps/": [
        "is1",
        "is2",
        "is3",
        "is4",
        "is5",
        "is6",
        "is7",
        "is8",
    ],
    "conclusion/": [],
    "appendix-a/": [
        "overview",
        "data",
        "training",
        "stigma",
        "operations",
        "peer-support",
        "engaging-communities",
        "harm-reduction",
        "reentry",
    ],
    "partnerships/": [f"takeaway-{n}" for n in range(1, 7)],
    "tools/": ["all-answers"],
    "privacy/": [],
}

SITE_HOST = "site.invalid"
RESOURCE_ATTRS = {
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("object", "data"),
    ("embed", "src"),
}


class PageParser(HTMLParser):
    """Collects element ids, link targets and loaded resources of one HTML page."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for element, attr in RESOURCE_ATTRS:
            if tag == element and attrs.get(attr):
                if tag == "link" and attrs.get("rel") in ("canonical",):
                    continue
                self.resources.append(attrs[attr])


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page_url(site: Path, path: Path) -> str:
    return f"https://{SITE_HOST}/{path.relative_to(site).as_posix()}"


def target_file(site: Path, url: str) -> Path:
    rel = unquote(urlparse(url).path).lstrip("/")
    target = site / rel
    return target / "index.html" if rel == "" or rel.endswith("/") or target.is_dir() else target


@pytest.fixture(scope="module")
def pages(built_site):
    return {p: parse(p) for p in built_site.rglob("*.html")}


@pytest.mark.parametrize("url, anchors", CHAPTERS.items())
def test_chapter_and_its_sections_are_at_their_urls(built_site, url, anchors):
    """Verify every chapter is served at its stable URL with its stable section anchors."""
    page = target_file(built_site, url)
    assert page.is_file(), url
    missing = set(anchors) - parse(page).ids
    assert not missing, f"{url} lacks anchors {sorted(missing)}"


def test_thirteen_tool_pages_and_pdfs(built_site):
    """Verify each tool has its page at tools/NN-slug/ and its PDF, both linked from the index."""
    index = parse(built_site / "tools" / "index.html")
    for slug, tool in TOOLS.items():
        assert (built_site / "tools" / slug / "index.html").is_file(), slug
        pdf = built_site / "pdf" / f"ps-cope-tool-{slug}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF-"), slug
        assert any(
            link.rstrip("/").endswith(f"tools/{slug}") or link.rstrip("/") == slug
            for link in index.links
        ), f"index does not link Tool {tool['number']}"
        assert any(link.endswith(f"pdf/ps-cope-tool-{slug}.pdf") for link in index.links)


def test_internal_links_and_anchors_resolve(built_site, pages):
    """Verify every link between pages of the site reaches an existing page and anchor."""
    broken = []
    for path, parser in pages.items():
        base = page_url(built_site, path)
        for href in parser.links:
            url = urlparse(urljoin(base, href))
            if url.netloc != SITE_HOST:
                continue
            target = target_file(built_site, url.geturl())
            if not target.exists():
                broken.append(f"{path.relative_to(built_site)}: {href}")
            elif (
                url.fragment
                and target.suffix == ".html"
                and unquote(url.fragment) not in pages[target].ids
            ):
                broken.append(f"{path.relative_to(built_site)}: {href} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_no_page_loads_anything_from_another_host(built_site, pages):
    """Verify no page, stylesheet or script loads a resource from a third-party host."""
    offending = []
    for path, parser in pages.items():
        base = page_url(built_site, path)
        for ref in parser.resources:
            if urlparse(urljoin(base, ref)).netloc != SITE_HOST:
                offending.append(f"{path.relative_to(built_site)}: {ref}")
    for path in list(built_site.rglob("*.css")) + list(built_site.rglob("*.js")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in re.finditer(r"(?:@import\s+|url\()\s*['\"]?(https?:)?//([^/'\")\s]+)", text):
            offending.append(f"{path.relative_to(built_site)}: {match.group(0)}")
    assert not offending, "\n".join(offending)


def test_every_page_has_a_content_security_policy(pages):
    """Verify each page declares a CSP that allows scripts only from this site and known hashes."""
    for path in pages:
        html = path.read_text(encoding="utf-8")
        match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
        assert match, path
        assert "script-src 'self'" in match[1] and "unsafe-inline" not in match[1].split(";")[1]


def test_footer_credits_the_toolkit_and_states_privacy(built_site):
    """Verify the footer credits the toolkit and says answers never leave the browser."""
    html = (built_site / "index.html").read_text(encoding="utf-8")
    footer = html[html.index('class="md-copyright"') :]
    assert "National Council for Mental Wellbeing" in footer
    assert "never leave it" in footer


def test_marked_gaps_in_the_source(built_site):
    """Verify the passages the extracted source lost are marked as gaps, not filled in."""
    html = (built_site / "introduction" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="admonition gap"') >= 3
    assert "ComALERT" in html
