"""Where the site departs from the print edition: one vocabulary for tools and chapters.

A tool definition declares a departure as `departure: {kind, note, printed}` on a block or a
checklist item (tools/schema.json); a chapter declares one as an admonition whose type names the
kind: `!!! added "Added by this site"`, `corrected`, `regrouped`, or `gap` for text cut in the
source. These pure functions collect them in reading order and word them; the renderers show
each where it applies, and `render_differences` lists them all on one page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown.extensions.toc import slugify

from .fields import Tool, item_label, section_heading

LABELS = {
    "added": "Added by this site",
    "corrected": "Corrected by this site",
    "regrouped": "Regrouped by this site",
    "cut": "Text missing from the source",
}
# Chapter admonition type → kind; `gap` is the chapters' established name for cut source text.
ADMONITIONS = {"added": "added", "corrected": "corrected", "regrouped": "regrouped", "gap": "cut"}
CSS_CLASS = {kind: name for name, kind in ADMONITIONS.items()}  # kind → admonition class

_WHERE_LENGTH = 70


class DepartureError(Exception):
    """A chapter's departure marker is malformed; the message names the file and the line."""


@dataclass(frozen=True)
class Departure:
    """One declared departure, with the place it applies to."""

    kind: str  # added | corrected | regrouped | cut
    note: str  # Markdown: what differs and why, with the printed form if one is declared
    where: str  # plain text: the headings and item it sits under on its page, joined by ' › '
    page: str  # the page under docs/, e.g. 'tools/08-integration-worksheet.md'
    anchor: str | None  # id to link on that page (None: the page itself)


def label(kind: str) -> str:
    """'added' → 'Added by this site'."""
    return LABELS[kind]


def wording(note: str, printed: str | None) -> str:
    """The note with the printed form after it: 'Typo in the print edition. Printed: “Asses”.'"""
    return note + (f" Printed: “{printed}”." if printed else "")


def applies_to_copy(departure: dict, n: int | None) -> bool:
    """Whether a section's departure applies to its copy `n` (None: a section that does not
    repeat)."""
    return n is None or n >= departure.get("copies_from", 1)


# ---------------------------------------------------------------------------- tools


def tool_page(tool: Tool) -> str:
    return f"tools/{tool['slug']}.md"


def tool_departures(tool: Tool) -> list[tuple[dict, Departure]]:
    """Every departure a tool declares, in reading order, each with the mapping it comes from.

    Anchors are departure-1, departure-2, … in that order; the page gives the first place a
    departure is shown that id (a departure inside a repeated section is shown in every copy).
    """
    found = list(_walk(tool["blocks"], []))
    return [
        (
            source,
            Departure(
                source["kind"],
                markdown_escape(wording(source["note"], source.get("printed"))),
                _crumbs(where),
                tool_page(tool),
                f"departure-{n}",
            ),
        )
        for n, (source, where) in enumerate(found, 1)
    ]


def _crumbs(parts: list[str]) -> str:
    """'Section 1: … › 6. Reflect on the principles of PS-COPE' (no closing '.' or ':')."""
    return " › ".join(part.rstrip(" .:") for part in parts)


def markdown_escape(text: str) -> str:
    """Plain text as Markdown that shows it unchanged."""
    return re.sub(r"([\\`*_\[\]#])", r"\\\1", text).replace("<", "&lt;")


def _walk(blocks: list, crumbs: list[str]) -> Iterator[tuple[dict, list[str]]]:
    for block in blocks:
        here = crumbs + [_describe(block)]
        if "departure" in block:
            yield block["departure"], _copies(block, here)
        items = block["items"] if block["type"] == "checklist" else []
        for item in (item for item in items if "departure" in item):
            yield item["departure"], here + [_short(item_label(item["number"], item["text"]))]
        if block["type"] == "section":
            yield from _walk(block["blocks"], here)


def _copies(block: dict, where: list[str]) -> list[str]:
    """A repeated section's departure names the copies it applies to ('Idea #4:')."""
    first = block["departure"].get("copies_from")
    if block["type"] != "section" or not first:
        return where
    last = block["repeat"]
    heading = (
        section_heading(block, first)
        if first == last
        else block["heading"].replace("{n}", f"{first}–{last}")
    )
    return where[:-1] + [heading]


def _describe(block: dict) -> str:
    """A block as a reader finds it on the page: its heading, number and label, or first words."""
    kind = block["type"]
    if kind == "section":
        repeat = block.get("repeat")
        return block["heading"].replace("{n}", f"1–{repeat}") if repeat else block["heading"]
    if kind == "rating_grid":
        return _short(block["heading"])
    if kind == "checklist":
        return _short(block.get("lead_in", "Checklist"))
    if kind in ("markdown", "tool_ref"):
        return _short(item_label(block.get("number"), _plain(block["text"])))
    if kind == "question_table":
        return _short("Table: " + block["rows"][0]["text"])
    if "label" in block:
        return _short(item_label(block.get("number"), block["label"]))
    return _short("Table: " + block["columns"][0]["label"])


def _plain(markdown_text: str) -> str:
    """The first paragraph of short Markdown as plain text."""
    first = markdown_text.strip().split("\n\n", 1)[0]
    first = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", first)
    return " ".join(re.sub(r"[*_`#|>]", "", first).split()).lstrip("- ")


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= _WHERE_LENGTH:
        return text
    return text[:_WHERE_LENGTH].rsplit(" ", 1)[0] + " …"


# ---------------------------------------------------------------------------- chapters

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{\s*([^}]*)\})?\s*$")
_ADMONITION = re.compile(r'^(\s*)!!!\s+([\w-]+)(?:\s+"([^"]*)")?\s*$')
_TITLE = re.compile(r"^title:\s*(.+?)\s*$")


def page_title(text: str) -> str:
    """A chapter's title: its front matter `title:`, else its first '# ' heading."""
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        for line in lines[1 : lines.index("---", 1)]:
            match = _TITLE.match(line)
            if match:
                return match[1].strip("\"'")
    heading = next((_HEADING.match(line) for line in lines if line.startswith("# ")), None)
    return _heading_text(heading[2]) if heading else ""


def chapter_departures(page: str, text: str) -> list[Departure]:
    """The departure markers of one Markdown page (`page`: its path under docs/), in order."""
    return list(_scan(page, text))


def _scan(page: str, text: str) -> Iterator[Departure]:
    title = page_title(text)
    lines = text.splitlines()
    heading: tuple[str, str | None] = (title, None)  # text and anchor of the nearest heading
    fenced = False
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if _FENCE.match(line):
            fenced = not fenced
        if fenced:
            continue
        match = _HEADING.match(line)
        if match:
            heading = (_heading_text(match[2]), _heading_id(match[2], match[3], len(match[1])))
            continue
        match = _ADMONITION.match(line)
        if not match or match[2] not in ADMONITIONS:
            continue
        kind, where = ADMONITIONS[match[2]], f"docs/{page}:{i}"
        if match[3] != LABELS[kind]:
            raise DepartureError(
                f"{where}: the '{match[2]}' admonition must be titled \"{LABELS[kind]}\", "
                f"not {repr(match[3]) if match[3] is not None else 'untitled'}"
            )
        body, i = _body(lines, i, len(match[1]))
        if not body:
            raise DepartureError(f"{where}: the '{match[2]}' admonition has no note")
        yield Departure(kind, body, _crumbs([heading[0]]), page, heading[1])


def _body(lines: list[str], start: int, indent: int) -> tuple[str, int]:
    """The admonition's text (its indented lines, joined) and the index after it."""
    i, text = start, []
    while i < len(lines) and (
        not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) >= indent + 4
    ):
        text.append(lines[i].strip())
        i += 1
    return " ".join(" ".join(text).split()), i


def _heading_text(raw: str) -> str:
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", raw).strip()


def _heading_id(raw: str, attrs: str | None, level: int) -> str | None:
    explicit = re.search(r"#([\w-]+)", attrs or "")
    if explicit:
        return explicit[1]
    return None if level == 1 else slugify(_heading_text(raw), "-")
