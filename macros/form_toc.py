"""The form's section and element headings as table-of-contents entries, so the contents sidebar
of a tool page is the map of its form (the headings sit in one raw HTML block, which Markdown's
own table of contents does not read)."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

TocEntry = tuple[int, str, str]  # (heading level 2–6, id, title as plain text)


class _FormHeadings(HTMLParser):
    """Headings with a permalink inside a `form.tool-form`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[TocEntry] = []
        self._forms = 0
        self._open: dict | None = None  # the heading being read: level, id, title, linked
        self._in_link = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "form" and "tool-form" in classes:
            self._forms += 1
        elif self._forms and tag in ("h2", "h3", "h4", "h5", "h6") and attrs.get("id"):
            self._open = {"level": int(tag[1]), "id": attrs["id"], "title": "", "linked": False}
        elif self._open and tag == "a":
            self._in_link = True
            self._open["linked"] |= "headerlink" in classes

    def handle_endtag(self, tag):
        if tag == "form" and self._forms:
            self._forms -= 1
        elif tag == "a":
            self._in_link = False
        elif self._open and tag == f"h{self._open['level']}":
            if self._open["linked"]:
                self.entries.append(
                    (self._open["level"], self._open["id"], " ".join(self._open["title"].split()))
                )
            self._open = None

    def handle_data(self, data):
        if self._open and not self._in_link:
            self._open["title"] += data


def form_headings(html: str) -> list[TocEntry]:
    """The linkable headings inside a page's tool form, in order."""
    parser = _FormHeadings()
    parser.feed(html)
    return parser.entries


def add_to_toc(
    items: list, entries: list[TocEntry], make_link: Callable[[str, str, int], Any]
) -> None:
    """Append `entries` to a table of contents (items with .level and .children), each under
    the last item of a lower level; `make_link(title, id, level)` makes an item."""
    for level, anchor, title in entries:
        siblings = items
        while siblings and siblings[-1].level < level:
            siblings = siblings[-1].children
        siblings.append(make_link(title, anchor, level))
