"""Load and validate the fictional sample answers trainers open with ?sample.

The file (tools/samples/sample-answers.yml) holds one fictional agency's answers to the tools:

    fictional: true
    agency: "<name>"
    description: "<one or two sentences for the on-screen banner>"
    tools:
      <tool slug>:
        <field name>: "<answer>"

Every answer is checked against the field it fills (`iter_fields(tool, rows="max")`); a mistake
raises ToolDefinitionError naming the file, the line and the key, as tool definitions do.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any, NoReturn

import yaml

from .fields import Field, iter_fields
from .load import TOOLS_DIR, ToolDefinitionError, _display, _line_of, key_path, parse_yaml

SAMPLES_PATH = TOOLS_DIR / "samples" / "sample-answers.yml"
TOP_KEYS = ("fictional", "agency", "description", "tools")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def load_samples(path: Path, tools: dict) -> dict:
    """The validated sample answers of `path`, for tools keyed by slug (as `load_tools` returns):
    {"fictional": True, "agency": str, "description": str, "tools": {slug: {field: value}}},
    tools in tool order and fields in reading order."""
    source = _display(Path(path))
    root, data = parse_yaml(Path(path).read_text(encoding="utf-8"), source)

    def fail(keys: list, message: str, line: int | None = None) -> NoReturn:
        line = line or _line_of(root, keys)
        raise ToolDefinitionError(f"{source}:{line}: {key_path(keys)}: {message}")

    duplicate = _first_duplicate_key(root, [])
    if duplicate:
        fail(*duplicate)
    if not isinstance(data, dict):
        raise ToolDefinitionError(
            f"{source}: expected a mapping with the keys "
            f"{', '.join(TOP_KEYS)}, got {type(data).__name__}"
        )
    for key in data:
        if key not in TOP_KEYS:
            fail([key], f"unknown key (expected: {', '.join(TOP_KEYS)})")
    if data.get("fictional") is not True:
        fail(
            ["fictional"],
            "must be `true`: these answers must be marked as fictional"
            if "fictional" in data
            else "missing: mark these answers `fictional: true`",
        )
    for key in ("agency", "description"):
        if key not in data:
            fail([key], "missing: a non-empty string is required")
        if not isinstance(data[key], str) or not data[key].strip():
            fail([key], f"must be a non-empty string, got {_shown(data[key])}")
    answers = data.get("tools")
    if not isinstance(answers, dict) or not answers:
        fail(
            ["tools"],
            "must map tool slugs to their answers"
            if "tools" in data
            else "missing: map tool slugs to their answers",
        )
    for slug, values in answers.items():
        if slug not in tools:
            fail(["tools", slug], f"no tool with slug '{slug}'")
        if not isinstance(values, dict) or not values:
            fail(["tools", slug], "must map field names to answers")

    result: dict[str, dict[str, str]] = {}
    for slug in (slug for slug in tools if slug in answers):
        values = answers[slug]
        fields = {field.name: field for field in iter_fields(tools[slug], rows="max")}
        for name, value in values.items():
            keys = ["tools", slug, name]
            if name not in fields:
                fail(keys, f"no field '{name}' in this tool")
            problem = _value_problem(fields[name], value)
            if problem:
                fail(keys, problem)
        result[slug] = {name: values[name] for name in fields if name in values}
    return {
        "fictional": True,
        "agency": data["agency"],
        "description": data["description"],
        "tools": result,
    }


def _first_duplicate_key(node: yaml.Node | None, keys: list) -> tuple | None:
    """(key path, message, line) of the first key given twice in one mapping (YAML keeps only
    the last, silently), or None."""
    if not isinstance(node, yaml.MappingNode):
        return None
    seen = set()
    for key_node, value_node in node.value:
        if key_node.value in seen:
            return keys + [key_node.value], "given twice", key_node.start_mark.line + 1
        seen.add(key_node.value)
        found = _first_duplicate_key(value_node, keys + [key_node.value])
        if found:
            return found
    return None


def _value_problem(field: Field, value: Any) -> str | None:
    """Why `value` cannot be the answer to `field`, or None."""
    if not isinstance(value, str):
        return f"must be a string (quote it), got {_shown(value)}"
    if not value.strip():
        return "is empty: leave the field out instead"
    if field.kind == "radio":
        values = [option for option, _ in field.options]
        if value not in values:
            return f"'{value}' is not one of its answers ({', '.join(values)})"
    elif field.kind == "checkbox":
        if value != "yes":
            return f"'{value}' is not 'yes', a checkbox's only answer"
    elif field.kind == "date":
        if not _DATE.fullmatch(value):
            return f"'{value}' is not a date written YYYY-MM-DD"
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return f"'{value}' is not a real date"
    elif field.kind == "text" and "\n" in value:
        return "is a one-line answer; it has a line break"
    return None


def _shown(value: Any) -> str:
    return f"{type(value).__name__} {value!r}" if value is not None else "nothing"
