"""Load and validate tool definitions (tools/NN-slug.yml) with messages that name file, line and key."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from .fields import Tool, iter_fields

TOOLS_DIR = Path(__file__).resolve().parent.parent / "tools"
SCHEMA_PATH = TOOLS_DIR / "schema.json"
TOOL_COUNT = 13
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # same marks, much faster


class ToolDefinitionError(Exception):
    """A tool definition is malformed; the message names the file, line and key path."""


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def key_path(path) -> str:
    """Render a JSON path as blocks[2].items[4].id."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _line_of(node: yaml.Node | None, path) -> int | None:
    """1-based line of the YAML node at `path`, or of its deepest existing ancestor."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and part < len(node.value)
        ):
            child = node.value[part]
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line


def parse_yaml(text: str, source: str) -> tuple[yaml.Node | None, Any]:
    """The YAML's node tree (for line numbers) and its data; a syntax error names the line."""
    try:
        loader = _YAML_LOADER(text)
        try:
            root = loader.get_single_node()
            return root, loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark else source
        problem = getattr(exc, "problem", None) or str(exc)
        raise ToolDefinitionError(f"{where}: invalid YAML: {problem}") from None


def parse_tool(text: str, source: str) -> Tool:
    """Parse and validate one definition; `source` names it in error messages."""
    root, data = parse_yaml(text, source)
    if root is None or not isinstance(data, dict):
        raise ToolDefinitionError(
            f"{source}: expected a mapping of tool keys, got {type(data).__name__}"
        )
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        lines = []
        for error in errors:
            path = list(error.absolute_path)
            lines.append(f"{source}:{_line_of(root, path)}: {key_path(path)}: {error.message}")
        raise ToolDefinitionError("\n".join(lines))
    _check_semantics(data, source, root)
    return data


def _check_semantics(tool: Tool, source: str, root: yaml.Node) -> None:
    def fail(path, message):
        raise ToolDefinitionError(f"{source}:{_line_of(root, path)}: {key_path(path)}: {message}")

    stem = Path(source).stem
    if tool["slug"] != stem:
        fail(["slug"], f"'{tool['slug']}' must equal the file name '{stem}'")
    if int(tool["slug"][:2]) != tool["number"]:
        fail(["number"], f"{tool['number']} does not match the slug prefix '{tool['slug'][:2]}'")
    scales = tool.get("scales", {})
    for path, block in _iter_blocks(tool["blocks"], ["blocks"]):
        if "scale" in block and block["scale"] not in scales:
            fail(
                path + ["scale"],
                f"unknown scale '{block['scale']}' (defined: {sorted(scales) or 'none'})",
            )
    for path, owner in _iter_departures(tool["blocks"], ["blocks"]):
        departure, path = owner["departure"], path + ["departure"]
        if departure["kind"] == "added" and "printed" in departure:
            fail(path + ["printed"], "an 'added' departure has no printed form")
        first = departure.get("copies_from")
        if first is not None and not first <= owner.get("repeat", 0):
            fail(
                path + ["copies_from"],
                f"{first} is not a copy of this section (repeat: {owner.get('repeat', 'none')})",
            )
    seen: dict[str, str] = {}
    for field in iter_fields(tool, rows="max"):
        if field.name in seen:
            fail(_id_path(tool, field.name), f"duplicate field ID '{field.name}'")
        seen[field.name] = field.label


def _id_path(tool: Tool, name: str) -> list:
    """Key path of the last `id` the duplicate field name ends with: the second declaration."""
    found: list = ["blocks"]
    for path, value in _iter_ids(tool["blocks"], ["blocks"]):
        if name == value or name.endswith("_" + value):
            found = path
    return found


def _iter_ids(node, path: list):
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            yield path + ["id"], node["id"]
        for key, value in node.items():
            yield from _iter_ids(value, path + [key])
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _iter_ids(value, path + [i])


def _iter_departures(node, path: list):
    """(key path, mapping) of every block or item that declares a `departure`."""
    if isinstance(node, dict):
        if "departure" in node:
            yield path, node
        for key, value in node.items():
            if key != "departure":
                yield from _iter_departures(value, path + [key])
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _iter_departures(value, path + [i])


def _iter_blocks(blocks: list, path: list):
    for i, block in enumerate(blocks):
        yield path + [i], block
        if block["type"] == "section":
            yield from _iter_blocks(block["blocks"], path + [i, "blocks"])


def load_tool(path: Path) -> Tool:
    return parse_tool(path.read_text(encoding="utf-8"), _display(path))


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(TOOLS_DIR.parent))
    except ValueError:
        return str(path)


def _carry_problem(carry: dict, block: dict, tools: dict[str, Tool]) -> str | None:
    """Why a `carry` declaration cannot work (unknown tool, field or column), or None."""
    source = tools.get(carry["from"])
    if source is None:
        return f"no tool with slug '{carry['from']}'"
    if carry["show"] == "element_summary" and not any(
        b["type"] == "rating_grid" and "element" in b
        for _, b in _iter_blocks(source["blocks"], [])
    ):
        return f"'{carry['from']}' has no rating grids of elements to summarise"
    names = {f.name for f in iter_fields(source, rows="max")}
    unknown = [name for name in carry.get("fields", []) if name not in names]
    if unknown:
        return f"'{carry['from']}' has no field {', '.join(map(repr, unknown))}"
    if (
        block["type"] == "rows"
        and carry.get("copy")
        and carry.get("column") not in {c["id"] for c in block["columns"]}
    ):
        return "copy into a table needs `column`, one of the table's columns"
    if block["type"] != "rows" and "column" in carry:
        return "`column` is for a table (rows block)"
    return None


def load_tools(
    directory: Path = TOOLS_DIR,
    docs_dir: Path | None = None,
    expected_count: int | None = TOOL_COUNT,
) -> dict[str, Tool]:
    """Load every tools/*.yml, ordered by number; check numbers, slugs and cross-references.

    Results are cached by the files' names and modification times, so the macros and the PDF
    hook of one build share one load; treat the returned tools as read-only.
    """
    stamp = tuple(
        (p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(directory.glob("*.yml"))
    )
    return _load_tools(directory, docs_dir, expected_count, stamp)


@lru_cache(maxsize=4)
def _load_tools(
    directory: Path, docs_dir: Path | None, expected_count: int | None, stamp: tuple
) -> dict[str, Tool]:
    tools: dict[str, Tool] = {}
    by_number: dict[int, str] = {}
    for path in sorted(directory.glob("*.yml")):
        tool = load_tool(path)
        other = by_number.get(tool["number"])
        if other:
            raise ToolDefinitionError(
                f"{_display(path)}: number: {tool['number']} is also used by {other}"
            )
        by_number[tool["number"]] = _display(path)
        tools[tool["slug"]] = tool
    if expected_count is not None and sorted(by_number) != list(range(1, expected_count + 1)):
        missing = sorted(set(range(1, expected_count + 1)) - set(by_number))
        raise ToolDefinitionError(
            f"{_display(directory)}: expected tools 1–{expected_count}; missing: {missing or 'none'}, "
            f"found: {sorted(by_number)}"
        )
    for slug, tool in tools.items():
        source = f"{_display(directory / slug)}.yml"
        for path, block in _iter_blocks(tool["blocks"], ["blocks"]):
            if block["type"] == "tool_ref" and block["tool"] not in tools:
                raise ToolDefinitionError(
                    f"{source}: {key_path(path + ['tool'])}: no tool with slug '{block['tool']}'"
                )
            for n, carry in enumerate(block.get("carry", [])):
                problem = _carry_problem(carry, block, tools)
                if problem:
                    raise ToolDefinitionError(
                        f"{source}: {key_path(path + ['carry', n])}: {problem}"
                    )
        if docs_dir is not None:
            page = tool["chapter"].split("#", 1)[0]
            if not (docs_dir / page).is_file():
                raise ToolDefinitionError(f"{source}: chapter: no page docs/{page}")
    return dict(sorted(tools.items(), key=lambda kv: kv[1]["number"]))
