"""The tools index: one table row per tool, linking its page and its fillable PDF."""

from __future__ import annotations

from html import escape

from .fields import Tool, element_name, pdf_filename


def render_tools_index(tools: dict[str, Tool]) -> str:
    """Markdown table for docs/tools/index.md (links are relative to that page), after the
    place where the browser suggests the next step; the last column is filled in by the browser
    with the progress saved in it."""
    lines = [
        '<p class="tool-next" data-next hidden></p>',
        "",
        "| Tool | Serves | Who completes it | Fillable PDF | In this browser |",
        "| --- | --- | --- | --- | --- |",
    ]
    for slug, tool in tools.items():
        chapter = "../" + tool["chapter"]
        lines.append(
            f"| [Tool {tool['number']}: {escape(tool['title'])}]({slug}.md) "
            f"| [{element_name(tool['element'])}]({chapter}) "
            f"| {escape(' '.join(tool['completion'].split()))} "
            f'| [PDF](../pdf/{pdf_filename(tool)}){{ download aria-label="Tool {tool["number"]} fillable PDF" }} '
            f'| <span class="tool-progress" data-progress="{escape(slug)}">—</span> |'
        )
    return "\n".join(lines)
