"""The "Differences from the print edition" page: every declared departure, by page."""

from __future__ import annotations

from pathlib import Path

from .departures import (
    Departure,
    chapter_departures,
    label,
    markdown_escape,
    page_title,
    tool_departures,
    tool_page,
)
from .fields import Tool


def nav_pages(nav: list) -> list[str]:
    """The Markdown pages of mkdocs.yml's `nav`, in reading order."""
    pages: list[str] = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            pages.extend(nav_pages(value))
        elif isinstance(value, str) and value.endswith(".md"):
            pages.append(value)
    return pages


def render_differences(tools: dict[str, Tool], docs_dir: Path, nav: list) -> str:
    """Markdown for docs/differences.md: the departures of each page in `nav` order (the
    chapters' markers, read from `docs_dir`), then every tool's, each linked to its place."""
    lines = ["## In the chapters {#chapters}", ""]
    tool_pages = {tool_page(tool) for tool in tools.values()}
    for page in (p for p in nav_pages(nav) if p not in tool_pages):
        text = (docs_dir / page).read_text(encoding="utf-8")
        found = chapter_departures(page, text)
        if found:
            lines += [f"### {markdown_escape(page_title(text))}", "", *map(_entry, found), ""]
    lines += ["## In the tools {#tools}", ""]
    for tool in tools.values():
        found = [d for _, d in tool_departures(tool)]
        lines += [
            f"### Tool {tool['number']}: {markdown_escape(tool['title'])} "
            f"{{ #tool-{tool['number']} }}",
            "",
        ]
        lines += [*map(_entry, found)] if found else ["None declared."]
        lines.append("")
    return "\n".join(lines)


def _entry(departure: Departure) -> str:
    target = departure.page + (f"#{departure.anchor}" if departure.anchor else "")
    return (
        f"- **{label(departure.kind)}** — [{markdown_escape(departure.where)}]({target}): "
        f"{departure.note}"
    )
