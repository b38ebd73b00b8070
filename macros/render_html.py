"""Tool pages as Markdown + HTML: the page text from a tool definition and its fillable web form.

Pure functions: a tool definition (and, for links, all tools) in, text out. Every string taken
from YAML is escaped before it goes into HTML; YAML Markdown is converted here because nothing
inside a raw HTML block is Markdown-processed by MkDocs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from html import escape
from typing import Any, Iterator

import markdown

from .fields import Field, Tool, item_label, iter_fields, row_field_name, section_heading
from .pdf_files import pdf_filename
from .render_index import element_name

SCALE_KEY_TITLE = "Answer scale"


@dataclass(frozen=True)
class _Place:
    """Where a block sits: field-ID prefix and label context (repeated sections), heading level."""

    tool: Tool
    prefix: str = ""
    context: str = ""
    level: int = 2
    keyed_scales: set = field(default_factory=set)  # scales whose key is already on the page


# ---------------------------------------------------------------------------- page


def render_tool_page(tool: Tool, tools: dict[str, Tool]) -> str:
    """The tool page body (Markdown with one raw HTML block: the form)."""
    return "\n\n".join([
        f"# Tool {tool['number']}: {escape(tool['title'])} {{ #tool }}",
        f"Serves: [{element_name(tool['element'])}](../{tool['chapter']})",
        "## Tool purpose",
        _neutralize_html(tool["purpose"]),
        "## Who completes this tool",
        _neutralize_html(tool["completion"]),
        "## Directions",
        _neutralize_html(tool["directions"]),
        f"[Download fillable PDF](../pdf/{pdf_filename(tool)}){{ download }}",
        "Your answers below are kept in this browser only: see "
        "[Your answers and privacy](../privacy.md).",
        render_form(tool) + _tool_names(tools),
    ]) + "\n"


def _tool_names(tools: dict[str, Tool]) -> str:
    """'Tool N: Title' per slug, so import messages can name the tool a file belongs to."""
    names = {slug: f"Tool {t['number']}: {t['title']}" for slug, t in tools.items()}
    return f'<div class="tool-names" hidden {_json_attr("data-names", names)}></div>'


def render_all_tools_controls(tools: dict[str, Tool]) -> str:
    """Download/load controls for all tools at once (tools index), with every tool's field spec."""
    specs = [tool_spec(tool) for tool in tools.values()]
    return (
        f'<div class="tool-all" {_json_attr("data-specs", specs)}>'
        + _toolbar([
            '<button type="button" class="tool-button" data-action="export">'
            "Download all answers (JSON)</button>",
            _import_control(),
        ], status=False)
        + "</div>"
    )


# ---------------------------------------------------------------------------- form


def render_form(tool: Tool) -> str:
    """The tool's fillable form: toolbar, then every block in reading order."""
    place = _Place(tool)
    return (
        f'<form class="tool-form" data-tool="{escape(tool["slug"])}" '
        f'data-version="{tool["version"]}" {_json_attr("data-spec", tool_spec(tool))} '
        f'method="dialog" novalidate aria-label="Your answers to Tool {tool["number"]}">'
        + _toolbar([
            '<button type="button" class="tool-button" data-action="export">'
            "Download answers (JSON)</button>",
            _import_control(),
            '<button type="button" class="tool-button" data-action="print">Print</button>',
            '<button type="button" class="tool-button" data-action="clear">Clear answers</button>',
        ], status=True)
        + "".join(_blocks(tool["blocks"], place))
        + "</form>"
    )


def tool_spec(tool: Tool) -> dict[str, Any]:
    """What the browser script needs to save, restore, export and validate a tool's answers."""
    return {
        "slug": tool["slug"],
        "number": tool["number"],
        "title": tool["title"],
        "version": tool["version"],
        "fields": [_field_spec(f) for f in iter_fields(tool, rows="max")],
        "rows": [
            {
                "id": place.prefix + block["id"],
                "title": _rows_title(block, place),
                "columns": [{"id": c["id"], "label": c["label"]} for c in block["columns"]],
                "rows": block["rows"],
                "max_rows": block["max_rows"],
            }
            for block, place in _iter_placed(tool["blocks"], _Place(tool))
            if block["type"] == "rows"
        ],
    }


def _field_spec(f: Field) -> dict[str, Any]:
    spec: dict[str, Any] = {"name": f.name, "kind": f.kind}
    if f.kind == "radio":
        spec["options"] = [value for value, _ in f.options]
    return spec


def _iter_placed(blocks: list, place: _Place) -> Iterator[tuple[dict, _Place]]:
    """Every block with its place, sections expanded as `iter_fields` expands them."""
    for block in blocks:
        yield block, place
        if block["type"] == "section":
            for inner in _section_places(block, place):
                yield from _iter_placed(block["blocks"], inner)


def _section_places(block: dict, place: _Place) -> list[_Place]:
    if "repeat" not in block:
        return [replace(place, context="", level=place.level + 1)]
    return [
        replace(place, prefix=f"{place.prefix}{block['id']}_{n}_",
                context=f"{section_heading(block, n)}: ", level=place.level + 1)
        for n in range(1, block["repeat"] + 1)
    ]


def _blocks(blocks: list, place: _Place) -> Iterator[str]:
    for block in blocks:
        yield _RENDERERS[block["type"]](block, place)


def _section(block: dict, place: _Place) -> str:
    repeats = [None] if "repeat" not in block else range(1, block["repeat"] + 1)
    out = []
    for n, inner in zip(repeats, _section_places(block, place), strict=True):
        intro = _markdown_html(block["intro"]) if "intro" in block else ""
        out.append(
            f'<section class="tool-section">{_heading(place.level, section_heading(block, n))}'
            f'{intro}{"".join(_blocks(block["blocks"], inner))}</section>')
    return "".join(out)


def _markdown_block(block: dict, place: _Place) -> str:
    return f'<div class="tool-text">{_markdown_html(block["text"])}</div>'


def _tool_ref(block: dict, place: _Place) -> str:
    # The page is served at tools/<slug>/, so a sibling tool is one level up.
    href = f"../{escape(block['tool'])}/"
    return f'<p class="tool-ref"><a href="{href}">{escape(block["text"])}</a></p>'


def _checklist(block: dict, place: _Place) -> str:
    scale = place.tool["scales"][block["scale"]]
    items = []
    for item in block["items"]:
        label = item_label(item["number"], item["text"])
        if "id" in item:
            items.append(_radio_fieldset(place.prefix + item["id"], escape(label), scale))
        if "options" in item:
            group_id = f"tg-{place.prefix}{item['options'][0]['id']}"
            options = "".join(_radio_fieldset(place.prefix + o["id"], escape(o["text"]), scale)
                              for o in item["options"])
            items.append(
                f'<div class="tool-item-group" role="group" aria-labelledby="{group_id}">'
                f'<p class="tool-item-text" id="{group_id}">{escape(label)}</p>{options}</div>')
    body = _scale_key(block["scale"], place) + "".join(items)
    if "lead_in" not in block:
        return f'<div class="tool-checklist">{body}</div>'
    first = block["items"][0]
    lead_id = f"tl-{place.prefix}{first.get('id') or first['options'][0]['id']}"
    return (f'<div class="tool-checklist" role="group" aria-labelledby="{lead_id}">'
            f'{_heading(place.level, block["lead_in"], lead_id, "tool-lead-in")}{body}</div>')


def _rating_grid(block: dict, place: _Place) -> str:
    scale = place.tool["scales"][block["scale"]]
    heading_id = f"tg-{place.prefix}{block['items'][0]['id']}"
    lead = block.get("lead_in")
    hidden_lead = f'<span class="tool-sr">{escape(lead)} </span>' if lead else ""
    items = "".join(_radio_fieldset(place.prefix + item["id"], hidden_lead + escape(item["text"]),
                                    scale, short=True)
                    for item in block["items"])
    description = f'<p>{escape(block["description"])}</p>' if "description" in block else ""
    lead_html = f'<p class="tool-lead-in" aria-hidden="true">{escape(lead)}</p>' if lead else ""
    return (f'<div class="tool-grid" role="group" aria-labelledby="{heading_id}">'
            f'{_heading(place.level, block["heading"], heading_id)}{description}'
            f'{_scale_key(block["scale"], place, short=True)}{lead_html}{items}</div>')


def _radio_fieldset(name: str, legend_html: str, options: list[dict], short: bool = False,
                    css: str = "tool-item") -> str:
    """One radio group: the statement as legend, one labelled radio per option."""
    radios = "".join(
        f'<label class="tool-option"><input type="radio" name="{name}" '
        f'id="tf-{name}-{o["value"]}" value="{o["value"]}"> {_option_label(o, short)}</label>'
        for o in options)
    return (f'<fieldset class="{css}"><legend>{legend_html}</legend>'
            f'<div class="tool-options{" tool-options--short" if short else ""}">{radios}</div>'
            "</fieldset>")


def _short_label(option: dict) -> str:
    """Grid columns show the number of a numbered option (4), else its label (D/K)."""
    return option["value"] if option["value"].isdigit() else option["label"]


def _option_label(option: dict, short: bool) -> str:
    """Visible label; a short one keeps the full label for screen readers ('4 Agree')."""
    if not short or _short_label(option) == option["label"]:
        return f"<span>{escape(option['label'])}</span>"
    return (f"<span>{escape(_short_label(option))}</span>"
            f'<span class="tool-sr"> {escape(option["label"])}</span>')


def _scale_key(scale_name: str, place: _Place, short: bool = False) -> str:
    """The scale's meanings, shown once per tool before the first block that uses it."""
    scale = place.tool["scales"][scale_name]
    needs_key = short or any("definition" in o for o in scale)
    if not needs_key or scale_name in place.keyed_scales:
        return ""
    place.keyed_scales.add(scale_name)
    entries = "".join(
        f"<li>{escape(o.get('definition') or _short_label(o) + ' = ' + o['label'])}</li>"
        for o in scale)
    return (f'<div class="tool-scale-key"><p class="tool-scale-key__title">{SCALE_KEY_TITLE}</p>'
            f"<ul>{entries}</ul></div>")


def _question_table(block: dict, place: _Place) -> str:
    columns = block["columns"]
    first_row = place.prefix + block["rows"][0]["id"]
    hint_ids = {c["id"]: f"th-{first_row}-{c['id']}" for c in columns if "hint" in c}
    head = (f'<th scope="col">{escape(block.get("question_label", "Question"))}</th>'
            + "".join(_column_header(c, hint_ids.get(c["id"])) for c in columns))
    rows = []
    for row in block["rows"]:
        question = item_label(row.get("number"), row["text"])
        cells = "".join(
            _cell(c, _control(place.prefix + f"{row['id']}_{c['id']}", c.get("kind", "text"),
                              label=f"{place.context}{question} — {c['label']}",
                              described_by=hint_ids.get(c["id"])))
            for c in columns)
        rows.append(f'<tr><th scope="row">{escape(question)}</th>{cells}</tr>')
    return (f'<div class="tool-table-wrap"><table class="tool-table tool-table--questions">'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def _column_header(column: dict, hint_id: str | None) -> str:
    hint = (f' <span class="tool-hint" id="{hint_id}">{escape(column["hint"])}</span>'
            if hint_id else "")
    return f'<th scope="col">{escape(column["label"])}{hint}</th>'


def _rows_title(block: dict, place: _Place) -> str:
    """Short name of a repeating-rows table, used in button names ('Remove row 3 of …')."""
    return place.context + (block.get("label") or place.tool["title"])


def _rows(block: dict, place: _Place) -> str:
    block_id = place.prefix + block["id"]
    title = _rows_title(block, place)
    prompt_id = f"tr-{block_id}"
    columns = block["columns"]
    hint_ids = {c["id"]: f"th-{block_id}-{c['id']}" for c in columns if "hint" in c}
    prompt = (f'<p class="tool-prompt" id="{prompt_id}">'
              f'{escape(item_label(block.get("number"), block["label"]))}</p>'
              if "label" in block else f'<p class="tool-sr" id="{prompt_id}">{escape(title)}</p>')
    growable = block["max_rows"] > block["rows"]
    number_head = '<th scope="col" class="tool-rownum">No.</th>' if block.get("numbered") else ""
    head = (number_head + "".join(_column_header(c, hint_ids.get(c["id"])) for c in columns)
            + ('<th scope="col" class="tool-js"><span class="tool-sr">Remove</span></th>'
               if growable else ""))
    body = "".join(_row(block, block_id, title, n, hint_ids, growable)
                   for n in range(1, block["rows"] + 1))
    add = (f'<p class="tool-js tool-row-tools"><button type="button" class="tool-button '
           f'tool-row-add" aria-label="Add row to {escape(title)}">Add row</button> '
           f'<span class="tool-hint">Up to {block["max_rows"]} rows.</span></p>'
           if growable else "")
    return (
        f'<div class="tool-rows" data-rows="{block_id}">{prompt}'
        f'<div class="tool-table-wrap"><table class="tool-table" aria-labelledby="{prompt_id}">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{add}</div>"
    )


def _row(block: dict, block_id: str, title: str, n: int, hint_ids: dict[str, str],
         growable: bool) -> str:
    """Row n of a repeating-rows table; tools.js renumbers names and labels the same way."""
    number = f'<td class="tool-rownum">{n}</td>' if block.get("numbered") else ""
    cells = "".join(
        _cell(c, _control(row_field_name(block_id, n, c["id"]), c.get("kind", "text"),
                          label=f"{c['label']}, row {n}", described_by=hint_ids.get(c["id"]),
                          column=c["id"]))
        for c in block["columns"])
    remove = (f'<td class="tool-js"><button type="button" class="tool-button tool-row-remove" '
              f'aria-label="Remove row {n} of {escape(title)}">Remove</button></td>'
              if growable else "")
    return f"<tr>{number}{cells}{remove}</tr>"


def _cell(column: dict, control: str) -> str:
    """A table cell; its column heading and hint head the cell when the table reflows to cards."""
    hint = f' data-hint="{escape(column["hint"])}"' if "hint" in column else ""
    return f'<td data-label="{escape(column["label"])}"{hint}>{control}</td>'


def _control(name: str, kind: str, label: str, described_by: str | None = None,
             column: str | None = None) -> str:
    """A text, long-text or date control named by aria-label (table cells)."""
    attrs = (f'name="{name}" id="tf-{name}" aria-label="{escape(label)}"'
             + (f' aria-describedby="{described_by}"' if described_by else "")
             + (f' data-col="{column}"' if column else ""))
    if kind == "long_text":
        return f'<textarea {attrs} rows="2"></textarea>'
    return f'<input type="{"date" if kind == "date" else "text"}" {attrs}>'


def _input(block: dict, place: _Place) -> str:
    name = place.prefix + block["id"]
    hint_id = f"th-{name}" if "hint" in block else None
    hint = f'<p class="tool-hint" id="{hint_id}">{escape(block["hint"])}</p>' if hint_id else ""
    described = f' aria-describedby="{hint_id}"' if hint_id else ""
    attrs = f'name="{name}" id="tf-{name}"{described}'
    control = (f'<textarea {attrs} rows="3"></textarea>' if block["type"] == "long_text"
               else f'<input type="{"date" if block["type"] == "date" else "text"}" {attrs}>')
    label = escape(item_label(block.get("number"), block["label"]))
    return (f'<div class="tool-field tool-field--{block["type"].replace("_", "-")}">'
            f'<label for="tf-{name}">{label}</label>{hint}{control}</div>')


def _choice(block: dict, place: _Place) -> str:
    return _radio_fieldset(place.prefix + block["id"],
                           escape(item_label(block.get("number"), block["label"])),
                           block["options"], css="tool-item tool-choice")


def _checkbox(block: dict, place: _Place) -> str:
    name = place.prefix + block["id"]
    return (f'<div class="tool-field tool-check"><label><input type="checkbox" name="{name}" '
            f'id="tf-{name}" value="yes"> <span>{escape(block["label"])}</span></label></div>')


_RENDERERS = {
    "markdown": _markdown_block,
    "section": _section,
    "checklist": _checklist,
    "rating_grid": _rating_grid,
    "question_table": _question_table,
    "rows": _rows,
    "text": _input,
    "long_text": _input,
    "date": _input,
    "choice": _choice,
    "checkbox": _checkbox,
    "tool_ref": _tool_ref,
}


# ---------------------------------------------------------------------------- shared pieces


def _toolbar(actions: list[str], status: bool) -> str:
    """Status, storage warning, actions and the message area; hidden until tools.js runs."""
    status_line = ('<p class="tool-status" role="status">'
                   "Answers are saved in this browser as you type.</p>" if status else "")
    return (f'<div class="tool-toolbar tool-js">{status_line}'
            '<p class="tool-warning" role="alert"></p>'
            f'<div class="tool-actions">{"".join(actions)}</div>'
            '<div class="tool-messages" aria-live="polite" tabindex="-1"></div></div>')


def _import_control() -> str:
    return ('<span class="tool-import"><label for="tool-import">Load answers from a file</label> '
            '<input type="file" id="tool-import" accept="application/json,.json"></span>')


def _heading(level: int, text: str, heading_id: str | None = None, css: str | None = None) -> str:
    level = min(level, 6)
    attrs = (f' id="{heading_id}"' if heading_id else "") + (f' class="{css}"' if css else "")
    return f"<h{level}{attrs}>{escape(text)}</h{level}>"


def _json_attr(name: str, data: Any) -> str:
    """JSON for tools.js as a single-quoted attribute (so its many '"' stay as they are).

    Not a <script type="application/json">: Material's instant navigation re-creates every
    inline script of the new page without its `type`, which would run the JSON as a script."""
    text = escape(json.dumps(data, ensure_ascii=False, separators=(",", ":")), quote=False)
    return f"{name}='{text.replace(chr(39), '&#x27;')}'"


def _neutralize_html(text: str) -> str:
    """YAML Markdown may not carry raw HTML: '<' becomes text."""
    return text.replace("<", "&lt;")


def _markdown_html(text: str) -> str:
    return markdown.markdown(_neutralize_html(text), extensions=["tables"])
