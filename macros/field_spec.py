"""The browser's field spec: what every front-end module knows about a tool, in one JSON shape.

A tool page carries its own tool's spec (the form's `data-spec`); every page can fetch all 13
from `tools/specs.json`, written by the build. The shape is documented and checked by
docs/schemas/tool-specs-v1.schema.json.
"""

from __future__ import annotations

from typing import Any

from .fields import Field, Group, Table, Tool, iter_fields, iter_groups, iter_tables, pdf_filename

FORMAT = "ps-cope-tool-specs"
FORMAT_VERSION = 1
SPECS_PATH = "tools/specs.json"  # where the build writes the specs document, from the site root


def tool_specs_document(tools: dict[str, Tool]) -> dict[str, Any]:
    """Every tool's spec, in tool order: the content of tools/specs.json."""
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "tools": [tool_spec(tool) for tool in tools.values()],
    }


def tool_spec(tool: Tool) -> dict[str, Any]:
    """What the browser needs to save, restore, export, validate and summarise a tool's answers.

    Paths (`page`, `pdf`, `chapter`) are relative to the site root."""
    return {
        "slug": tool["slug"],
        "number": tool["number"],
        "title": tool["title"],
        "version": tool["version"],
        "element": tool["element"],
        "page": f"tools/{tool['slug']}/",
        "pdf": f"pdf/{pdf_filename(tool)}",
        "chapter": _chapter_url(tool["chapter"]),
        "groups": [_group_spec(g) for g in iter_groups(tool)],
        "fields": [_field_spec(f) for f in iter_fields(tool, rows="max")],
        "rows": [_table_spec(t) for t in iter_tables(tool)],
    }


def _chapter_url(chapter: str) -> str:
    """'principles-to-practice/integration-steps.md#is2' → 'principles-to-practice/integration-steps/#is2'."""
    path, _, anchor = chapter.partition("#")
    page = path.removesuffix(".md")
    page = page.removesuffix("index") if page.endswith("/index") or page == "index" else page + "/"
    return page + (f"#{anchor}" if anchor else "")


def _group_spec(group: Group) -> dict[str, Any]:
    spec: dict[str, Any] = {"id": group.id, "heading": group.heading}
    if group.element:
        spec["element"] = group.element
    if group.parent:
        spec["parent"] = group.parent
    return spec


def _field_spec(f: Field) -> dict[str, Any]:
    spec: dict[str, Any] = {"name": f.name, "kind": f.kind, "label": f.label}
    if f.kind == "radio":
        spec["options"] = [{"value": value, "label": label} for value, label in f.options]
    if f.group:
        spec["group"] = f.group
    if f.progress_unit:
        spec["unit"] = f.progress_unit
    return spec


def _table_spec(table: Table) -> dict[str, Any]:
    return {
        "id": table.id,
        "title": table.title,
        "columns": [
            {"id": cid, "label": label, "kind": kind} for cid, label, kind in table.columns
        ],
        "rows": table.rows,
        "max_rows": table.max_rows,
    }
