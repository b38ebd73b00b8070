"""The answerable fields of a tool, flattened: one list shared by the web form, the PDF and answers files."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

Tool = dict[str, Any]


@dataclass(frozen=True)
class Field:
    """One answer slot. `name` is the HTML name, the JSON answers key and the PDF field name."""

    name: str
    kind: str  # text | long_text | date | radio | checkbox
    label: str  # the question as a person reads it; PDF tooltip and accessible name
    options: tuple[tuple[str, str], ...] = ()  # (value, label) for radio fields


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
    return list(_walk(tool, tool["blocks"], prefix="", context="", rows=rows))


def _walk(tool: Tool, blocks: list, prefix: str, context: str, rows: str) -> Iterator[Field]:
    for block in blocks:
        kind = block["type"]
        if kind == "section":
            yield from _section_fields(tool, block, prefix, rows)
        elif kind == "checklist":
            options = scale_options(tool, block["scale"])
            for item in block["items"]:
                label = _lead(block.get("lead_in"), item_label(item["number"], item["text"]))
                if "id" in item:
                    yield Field(prefix + item["id"], "radio", context + label, options)
                for option in item.get("options", []):
                    yield Field(prefix + option["id"], "radio", f"{context}{label} {option['text']}",
                                options)
        elif kind == "rating_grid":
            options = scale_options(tool, block["scale"])
            for item in block["items"]:
                label = f"{block['heading']} — {_lead(block.get('lead_in'), item['text'])}"
                yield Field(prefix + item["id"], "radio", context + label, options)
        elif kind == "question_table":
            for row in block["rows"]:
                question = item_label(row.get("number"), row["text"])
                for column in block["columns"]:
                    yield Field(prefix + f"{row['id']}_{column['id']}", column.get("kind", "text"),
                                f"{context}{question} — {column['label']}")
        elif kind == "rows":
            count = block["rows"] if rows == "printed" else block["max_rows"]
            title = item_label(block.get("number"), block["label"]) + " — " if "label" in block else ""
            for n in range(1, count + 1):
                for column in block["columns"]:
                    yield Field(prefix + row_field_name(block["id"], n, column["id"]),
                                column.get("kind", "text"),
                                f"{context}{title}Row {n}: {column['label']}")
        elif kind in ("text", "long_text", "date"):
            yield Field(prefix + block["id"], kind,
                        context + item_label(block.get("number"), block["label"]))
        elif kind == "choice":
            options = tuple((o["value"], o["label"]) for o in block["options"])
            yield Field(prefix + block["id"], "radio",
                        context + item_label(block.get("number"), block["label"]), options)
        elif kind == "checkbox":
            yield Field(prefix + block["id"], "checkbox", context + block["label"], (("yes", "Yes"),))


def _section_fields(tool: Tool, block: dict, prefix: str, rows: str) -> Iterator[Field]:
    if "repeat" not in block:
        yield from _walk(tool, block["blocks"], prefix, "", rows)
        return
    for n in range(1, block["repeat"] + 1):
        heading = section_heading(block, n).rstrip(":")
        yield from _walk(tool, block["blocks"], f"{prefix}{block['id']}_{n}_", f"{heading}: ", rows)


def section_heading(block: dict, n: int | None) -> str:
    return block["heading"].replace("{n}", str(n)) if n is not None else block["heading"]
