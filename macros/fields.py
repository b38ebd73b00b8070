"""The answerable fields of a tool, flattened: one list shared by the web form, the PDF and answers files."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

Tool = dict[str, Any]

ELEMENT_KINDS = {"IE": "Infrastructure element", "CC": "Core component", "IS": "Integration step"}


def element_name(code: str) -> str:
    """'IE2' → 'Infrastructure element IE2'."""
    return f"{ELEMENT_KINDS[code[:2]]} {code}"


def pdf_filename(tool: Tool) -> str:
    """The tool's fillable PDF, published as pdf/<this name>."""
    return f"ps-cope-tool-{tool['slug']}.pdf"


@dataclass(frozen=True)
class Field:
    """One answer slot. `name` is the HTML name, the JSON answers key and the PDF field name."""

    name: str
    kind: str  # text | long_text | date | radio | checkbox
    label: str  # the question as a person reads it; PDF tooltip and accessible name
    options: tuple[tuple[str, str], ...] = ()  # (value, label) for radio fields
    group: str | None = None  # id of the innermost section or rating grid holding the field
    unit: str | None = None  # what progress counts it toward: a question-table row, a rows table
    optional: bool = False  # a box the tool is complete without ('Notes:'): not counted

    @property
    def progress_unit(self) -> str | None:
        """The answer a person counts this field toward (None: not counted)."""
        return None if self.optional else (self.unit or self.name)


@dataclass(frozen=True)
class Group:
    """A section (each copy of a repeated one) or a rating grid, in reading order."""

    id: str  # 'ie3' for a grid of element IE3, 'idea-2' for copy 2 of section 'idea', else from the heading
    heading: str
    element: str | None = None  # IE1–IE5 / CC1–CC5 for a rating grid that assesses one
    parent: str | None = None


@dataclass(frozen=True)
class Table:
    """A repeating-rows table (one per copy of a repeated section) and its row limits."""

    id: str  # field-ID prefix of its cells: <id>_<row>_<column>
    title: str  # short name, e.g. for 'Remove row 3 of <title>'
    columns: tuple[tuple[str, str, str], ...]  # (id, label, kind)
    rows: int  # rows printed
    max_rows: int


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def scale_options(tool: Tool, scale_name: str) -> tuple[tuple[str, str], ...]:
    return tuple((opt["value"], opt["label"]) for opt in tool["scales"][scale_name])


def item_label(number: str | None, text: str) -> str:
    """'6' + text → '6. text'; a number printed with its own punctuation ('a.') is kept as is."""
    if not number:
        return text
    return f"{number} {text}" if number[-1] in ".)" else f"{number}. {text}"


def _lead(lead_in: str | None, text: str) -> str:
    return f"{lead_in} {text}" if lead_in else text


def row_field_name(block_id: str, row: int, column_id: str) -> str:
    return f"{block_id}_{row}_{column_id}"


def iter_blocks(blocks: list) -> Iterator[dict]:
    """Every block in reading order, each section followed by the blocks inside it."""
    for block in blocks:
        yield block
        if block["type"] == "section":
            yield from iter_blocks(block["blocks"])


def iter_fields(tool: Tool, rows: str = "printed") -> list[Field]:
    """All fields in reading order. `rows` picks how many repeating rows: 'printed' or 'max'."""
    return [item for item in _walk_tool(tool, rows) if isinstance(item, Field)]


def iter_groups(tool: Tool) -> list[Group]:
    """Every section copy and rating grid, in reading order (parents before their children)."""
    return [item for item in _walk_tool(tool, "printed") if isinstance(item, Group)]


def iter_tables(tool: Tool) -> list[Table]:
    """Every repeating-rows table, in reading order."""
    return [item for item in _walk_tool(tool, "printed") if isinstance(item, Table)]


def _walk_tool(tool: Tool, rows: str) -> Iterator[Field | Group | Table]:
    return _walk(tool, tool["blocks"], "", "", None, rows, tool["title"])


def table_title(block: dict, part: list, part_name: str) -> str:
    """What a table is called: its printed label; else, if it is the only table in the part of
    the tool holding it (`part`: that section's or the tool's blocks), that part's name; else
    its first column's heading, which says what it holds."""
    if "label" in block:
        return block["label"]
    if sum(b["type"] == "rows" for b in iter_blocks(part)) == 1:
        return part_name
    return block["columns"][0]["label"]


def _walk(
    tool: Tool,
    blocks: list,
    prefix: str,
    context: str,
    group: str | None,
    rows: str,
    part_name: str,
) -> Iterator[Field | Group | Table]:
    """The one walk over a tool's blocks: groups as they open, fields in reading order.
    `part_name` names the section (or tool) whose `blocks` these are, with `context`."""
    for block in blocks:
        kind = block["type"]
        if kind == "section":
            yield from _section(tool, block, prefix, group, rows)
        elif kind == "checklist":
            options = scale_options(tool, block["scale"])
            for item in block["items"]:
                label = _lead(block.get("lead_in"), item_label(item["number"], item["text"]))
                if "id" in item:
                    yield Field(prefix + item["id"], "radio", context + label, options, group)
                for option in item.get("options", []):
                    yield Field(
                        prefix + option["id"],
                        "radio",
                        f"{context}{label} {option['text']}",
                        options,
                        group,
                    )
        elif kind == "rating_grid":
            grid = Group(grid_id(block, prefix), block["heading"], block.get("element"), group)
            yield grid
            options = scale_options(tool, block["scale"])
            for item in block["items"]:
                label = f"{block['heading']} — {_lead(block.get('lead_in'), item['text'])}"
                yield Field(prefix + item["id"], "radio", context + label, options, grid.id)
        elif kind == "question_table":
            for row in block["rows"]:
                question = item_label(row.get("number"), row["text"])
                for column in block["columns"]:
                    yield Field(
                        prefix + f"{row['id']}_{column['id']}",
                        column.get("kind", "text"),
                        f"{context}{question} — {column['label']}",
                        group=group,
                        unit=prefix + row["id"],
                    )
        elif kind == "rows":
            yield Table(
                prefix + block["id"],
                (context + table_title(block, blocks, part_name)).removesuffix(": "),
                tuple((c["id"], c["label"], c.get("kind", "text")) for c in block["columns"]),
                block["rows"],
                block["max_rows"],
            )
            count = block["rows"] if rows == "printed" else block["max_rows"]
            title = (
                item_label(block.get("number"), block["label"]) + " — " if "label" in block else ""
            )
            for n in range(1, count + 1):
                for column in block["columns"]:
                    yield Field(
                        prefix + row_field_name(block["id"], n, column["id"]),
                        column.get("kind", "text"),
                        f"{context}{title}Row {n}: {column['label']}",
                        group=group,
                        unit=prefix + block["id"],
                    )
        elif kind in ("text", "long_text", "date"):
            yield Field(
                prefix + block["id"],
                kind,
                context + item_label(block.get("number"), block["label"]),
                group=group,
                optional=block.get("optional", False),
            )
        elif kind == "choice":
            options = tuple((o["value"], o["label"]) for o in block["options"])
            yield Field(
                prefix + block["id"],
                "radio",
                context + item_label(block.get("number"), block["label"]),
                options,
                group,
            )
        elif kind == "checkbox":
            yield Field(
                prefix + block["id"],
                "checkbox",
                context + block["label"],
                (("yes", "Yes"),),
                group,
            )


def grid_id(block: dict, prefix: str) -> str:
    """A rating grid's group id (its anchor on the page): 'ie3', else from its heading."""
    own = block["element"].lower() if "element" in block else slugify(block["heading"])
    return slugify(prefix) + "-" + own if prefix else own


def section_id(block: dict, prefix: str, n: int | None) -> str:
    """A section's group id (its anchor on the page): 'idea-2' for copy 2 of section 'idea',
    else from its heading."""
    return slugify(f"{prefix}{block['id']}-{n}" if n is not None else prefix + block["heading"])


def _section(
    tool: Tool, block: dict, prefix: str, parent: str | None, rows: str
) -> Iterator[Field | Group | Table]:
    if "repeat" not in block:
        group = Group(section_id(block, prefix, None), block["heading"], parent=parent)
        yield group
        yield from _walk(tool, block["blocks"], prefix, "", group.id, rows, block["heading"])
        return
    for n in range(1, block["repeat"] + 1):
        heading = section_heading(block, n)
        group = Group(section_id(block, prefix, n), heading, parent=parent)
        yield group
        yield from _walk(
            tool,
            block["blocks"],
            f"{prefix}{block['id']}_{n}_",
            f"{heading.rstrip(':')}: ",
            group.id,
            rows,
            "",  # the context names it
        )


def section_heading(block: dict, n: int | None) -> str:
    return block["heading"].replace("{n}", str(n)) if n is not None else block["heading"]
