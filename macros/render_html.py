"""Tool pages as Markdown + HTML: the page text from a tool definition and its fillable web form.

Pure functions: a tool definition (and, for links, all tools) in, text out. Every string taken
from YAML is escaped before it goes into HTML; YAML Markdown is converted here because nothing
inside a raw HTML block is Markdown-processed by MkDocs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from html import escape
from typing import Any

import markdown

from .departures import CSS_CLASS, applies_to_copy, label, tool_departures, wording
from .field_spec import tool_spec
from .fields import (
    Field,
    Tool,
    element_name,
    grid_id,
    item_label,
    iter_fields,
    iter_tables,
    pdf_filename,
    row_field_name,
    section_heading,
    section_id,
)
from .render_team import member_control

SCALE_KEY_TITLE = "Answer scale"


@dataclass(frozen=True)
class _Place:
    """Where a block sits: field-ID prefix and label context (repeated sections), heading level."""

    tool: Tool
    prefix: str = ""
    context: str = ""
    level: int = 2
    keyed_scales: set = field(default_factory=set)  # scales whose key is already on the page
    anchors: dict = field(default_factory=dict)  # id() of each `departure` mapping → its anchor
    shown: dict = field(default_factory=dict)  # anchor → how often its marker is on the page
    fields: dict = field(default_factory=dict)  # name → Field (fields.py): every label's source
    tables: dict = field(default_factory=dict)  # id → Table (fields.py): every table's name

    def label_html(self, name: str, visible: str) -> str:
        """Field `name`'s label from the one field model, as HTML: the wording the page shows
        (`visible`), after what the page conveys around it (section copy, lead-in, grid heading)
        in a span only screen readers read, so the accessible name is the model's label."""
        return _label_html(self.fields[name], visible)


def _label_html(f: Field, visible: str) -> str:
    if not f.label.endswith(visible):
        raise ValueError(f"the label of {f.name} does not end with its wording: {visible!r}")
    hidden = f.label[: len(f.label) - len(visible)]
    return (f'<span class="tool-sr">{escape(hidden)}</span>' if hidden else "") + escape(visible)


# ---------------------------------------------------------------------------- page


def render_tool_page(tool: Tool) -> str:
    """The tool page body (Markdown with one raw HTML block: the form)."""
    return (
        "\n\n".join(
            [
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
                "[Your answers and privacy](../privacy.md). Completing it as a team? Each member "
                "downloads their answers, and [Team results](team.md) puts them side by side.",
                _differences_line(tool),
                render_form(tool),
            ]
        )
        + "\n"
    )


def render_all_tools_controls() -> str:
    """Download/load controls for all tools at once (tools index); the browser fetches the specs."""
    return (
        '<div class="tool-all">'
        + _toolbar(
            [
                '<button type="button" class="tool-button" data-action="export">'
                "Download all answers (JSON)</button>",
                _import_control(),
                '<button type="button" class="tool-button" data-action="clear-all">'
                "Clear all answers in this browser</button>",
            ],
            status=False,
        )
        + "</div>"
    )


# ---------------------------------------------------------------------------- form


def render_form(tool: Tool) -> str:
    """The tool's fillable form: toolbar, then every block in reading order."""
    place = _Place(
        tool,
        anchors={id(source): departure.anchor for source, departure in tool_departures(tool)},
        fields={f.name: f for f in iter_fields(tool, rows="printed")},
        tables={t.id: t for t in iter_tables(tool)},
    )
    return (
        f'<form class="tool-form" data-tool="{escape(tool["slug"])}" '
        f'data-version="{tool["version"]}" {_json_attr("data-spec", tool_spec(tool))} '
        f'method="dialog" novalidate aria-label="Your answers to Tool {tool["number"]}">'
        + _toolbar(
            [
                '<button type="button" class="tool-button" data-action="export">'
                "Download answers (JSON)</button>",
                '<button type="button" class="tool-button" data-action="pdf">'
                "Download filled PDF</button>",
                _import_control(),
                '<button type="button" class="tool-button" data-action="print">Print</button>',
                '<button type="button" class="tool-button" data-action="print-blank">'
                "Print blank form</button>",
                '<button type="button" class="tool-button" data-action="clear">Clear answers</button>',
            ],
            status=True,
        )
        + "".join(_blocks(tool["blocks"], place))
        + "</form>"
    )


def _section_places(block: dict, place: _Place) -> list[_Place]:
    if "repeat" not in block:
        return [replace(place, context="", level=place.level + 1)]
    return [
        replace(
            place,
            prefix=f"{place.prefix}{block['id']}_{n}_",
            context=f"{section_heading(block, n).rstrip(':')}: ",
            level=place.level + 1,
        )
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
        marker, _ = _departure(block, place, n)
        anchor = section_id(block, place.prefix, n)
        out.append(
            f'<section class="tool-section">'
            f"{_heading(place.level, section_heading(block, n), anchor, link=True)}"
            f"{marker}{intro}{''.join(_blocks(block['blocks'], inner))}</section>"
        )
    return "".join(out)


def _markdown_block(block: dict, place: _Place) -> str:
    text = block["text"]
    if "number" in block:  # bold, as Markdown would renumber a one-item list from 1
        text = f"**{item_label(block['number'], '').strip()}** {text}"
    return f'{_departure(block, place)[0]}<div class="tool-text">{_markdown_html(text)}</div>'


def _tool_ref(block: dict, place: _Place) -> str:
    # The page is served at tools/<slug>/, so a sibling tool is one level up.
    href = f"../{escape(block['tool'])}/"
    number = escape(item_label(block["number"], "")) if "number" in block else ""
    return (
        f"{_departure(block, place)[0]}"
        f'<p class="tool-ref">{number}<a href="{href}">{escape(block["text"])}</a></p>'
    )


def _checklist(block: dict, place: _Place) -> str:
    scale = place.tool["scales"][block["scale"]]
    items = []
    for item in block["items"]:
        label = item_label(item["number"], item["text"])
        marker, marker_id = _departure(item, place)
        if "id" in item:
            name = place.prefix + item["id"]
            items.append(
                _radio_fieldset(
                    name, place.label_html(name, label), scale, note=marker, described_by=marker_id
                )
            )
        if "options" in item:
            group_id = f"tg-{place.prefix}{item['options'][0]['id']}"
            options = "".join(
                _radio_fieldset(
                    place.prefix + o["id"],
                    place.label_html(place.prefix + o["id"], o["text"]),
                    scale,
                )
                for o in item["options"]
            )
            own = "id" not in item  # the departure note goes with the group, not a fieldset
            described = f' aria-describedby="{marker_id}"' if own and marker_id else ""
            items.append(
                f'<div class="tool-item-group" role="group" aria-labelledby="{group_id}"'
                f'{described}><p class="tool-item-text" id="{group_id}">{escape(label)}</p>'
                f"{marker if own else ''}{options}</div>"
            )
    body = _departure(block, place)[0] + _scale_key(block["scale"], place) + "".join(items)
    if "lead_in" not in block:
        return f'<div class="tool-checklist">{body}</div>'
    first = block["items"][0]
    lead_id = f"tl-{place.prefix}{first.get('id') or first['options'][0]['id']}"
    return (
        f'<div class="tool-checklist" role="group" aria-labelledby="{lead_id}">'
        f"{_heading(place.level, block['lead_in'], lead_id, 'tool-lead-in')}{body}</div>"
    )


def _rating_grid(block: dict, place: _Place) -> str:
    scale = place.tool["scales"][block["scale"]]
    heading_id = grid_id(block, place.prefix)
    lead = block.get("lead_in")
    items = "".join(
        _radio_fieldset(
            place.prefix + item["id"],
            place.label_html(place.prefix + item["id"], item["text"]),
            scale,
            short=True,
        )
        for item in block["items"]
    )
    description = f"<p>{escape(block['description'])}</p>" if "description" in block else ""
    lead_html = f'<p class="tool-lead-in" aria-hidden="true">{escape(lead)}</p>' if lead else ""
    return (
        f'<div class="tool-grid" role="group" aria-labelledby="{heading_id}-title">'
        f"{_heading(place.level, block['heading'], heading_id, link=True)}"
        f"{_departure(block, place)[0]}"
        f"{description}"
        f"{_scale_key(block['scale'], place, short=True)}{lead_html}{items}</div>"
    )


def _radio_fieldset(
    name: str,
    legend_html: str,
    options: list[dict],
    short: bool = False,
    css: str = "tool-item",
    note: str = "",
    described_by: str | None = None,
) -> str:
    """One radio group: the statement as legend, a departure `note` (described_by: its id),
    one labelled radio per option."""
    radios = "".join(
        f'<label class="tool-option"><input type="radio" name="{name}" '
        f'id="tf-{name}-{o["value"]}" value="{o["value"]}"> {_option_label(o, short)}</label>'
        for o in options
    )
    described = f' aria-describedby="{described_by}"' if described_by else ""
    # The legend, not the fieldset, carries the field's anchor: a fieldset's id would make it
    # one of the radio group's form.elements.
    return (
        f'<fieldset class="{css}"{described}><legend id="{name}">{legend_html}</legend>{note}'
        f'<div class="tool-options{" tool-options--short" if short else ""}">{radios}</div>'
        "</fieldset>"
    )


def _short_label(option: dict) -> str:
    """Grid columns show the number of a numbered option (4), else its label (D/K)."""
    return option["value"] if option["value"].isdigit() else option["label"]


def _option_label(option: dict, short: bool) -> str:
    """Visible label; a short one keeps the full label for screen readers ('4 Agree')."""
    if not short or _short_label(option) == option["label"]:
        return f"<span>{escape(option['label'])}</span>"
    return (
        f"<span>{escape(_short_label(option))}</span>"
        f'<span class="tool-sr"> {escape(option["label"])}</span>'
    )


def _scale_key(scale_name: str, place: _Place, short: bool = False) -> str:
    """The scale's meanings, shown once per tool before the first block that uses it."""
    scale = place.tool["scales"][scale_name]
    needs_key = short or any("definition" in o for o in scale)
    if not needs_key or scale_name in place.keyed_scales:
        return ""
    place.keyed_scales.add(scale_name)
    entries = "".join(
        f"<li>{escape(o.get('definition') or _short_label(o) + ' = ' + o['label'])}</li>"
        for o in scale
    )
    return (
        f'<div class="tool-scale-key"><p class="tool-scale-key__title">{SCALE_KEY_TITLE}</p>'
        f"<ul>{entries}</ul></div>"
    )


def _question_table(block: dict, place: _Place) -> str:
    columns = block["columns"]
    first_row = place.prefix + block["rows"][0]["id"]
    hint_ids = {c["id"]: f"th-{first_row}-{c['id']}" for c in columns if "hint" in c}
    head = f'<th scope="col">{escape(block.get("question_label", "Question"))}</th>' + "".join(
        _column_header(c, hint_ids.get(c["id"])) for c in columns
    )
    rows = []
    for row in block["rows"]:
        question = item_label(row.get("number"), row["text"])
        names = [place.prefix + f"{row['id']}_{c['id']}" for c in columns]
        cells = "".join(
            _cell(
                c,
                _control(
                    name,
                    c.get("kind", "text"),
                    label=place.fields[name].label,
                    described_by=hint_ids.get(c["id"]),
                ),
            )
            for name, c in zip(names, columns, strict=True)
        )
        rows.append(f'<tr><th scope="row">{escape(question)}</th>{cells}</tr>')
    return (
        f"{_departure(block, place)[0]}"
        f'<div class="tool-table-wrap"><table class="tool-table tool-table--questions">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _column_header(column: dict, hint_id: str | None) -> str:
    hint = (
        f' <span class="tool-hint" id="{hint_id}">{escape(column["hint"])}</span>'
        if hint_id
        else ""
    )
    return f'<th scope="col">{escape(column["label"])}{hint}</th>'


def _rows(block: dict, place: _Place) -> str:
    block_id = place.prefix + block["id"]
    title = place.tables[block_id].title  # also in button names ('Remove row 3 of …')
    prompt_id = f"tr-{block_id}"
    columns = block["columns"]
    hint_ids = {c["id"]: f"th-{block_id}-{c['id']}" for c in columns if "hint" in c}
    prompt = (
        f'<p class="tool-prompt" id="{prompt_id}">'
        f"{escape(item_label(block.get('number'), block['label']))}</p>"
        if "label" in block
        else f'<p class="tool-sr" id="{prompt_id}">{escape(title)}</p>'
    )
    growable = block["max_rows"] > block["rows"]
    number_head = '<th scope="col" class="tool-rownum">No.</th>' if block.get("numbered") else ""
    head = (
        number_head
        + "".join(_column_header(c, hint_ids.get(c["id"])) for c in columns)
        + (
            '<th scope="col" class="tool-js"><span class="tool-sr">Remove</span></th>'
            if growable
            else ""
        )
    )
    body = "".join(
        _row(block, block_id, title, n, hint_ids, growable, place.fields)
        for n in range(1, block["rows"] + 1)
    )
    add = (
        f'<p class="tool-js tool-row-tools"><button type="button" class="tool-button '
        f'tool-row-add" aria-label="Add row to {escape(title)}">Add row</button> '
        f'<span class="tool-hint">Up to {block["max_rows"]} rows.</span></p>'
        if growable
        else ""
    )
    marker, marker_id = _departure(block, place)
    described = f' aria-describedby="{marker_id}"' if marker_id else ""
    return (
        f'<div class="tool-rows" data-rows="{block_id}">{prompt}{marker}'
        f'<div class="tool-table-wrap"><table class="tool-table" aria-labelledby="{prompt_id}"'
        f"{described}>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{add}</div>"
        + _carried(block, place)
    )


def _row(
    block: dict,
    block_id: str,
    title: str,
    n: int,
    hint_ids: dict[str, str],
    growable: bool,
    fields: dict[str, Field],
) -> str:
    """Row n of a repeating-rows table; rows.js renumbers names, and labels them from the spec."""
    number = f'<td class="tool-rownum">{n}</td>' if block.get("numbered") else ""
    cells = "".join(
        _cell(
            c,
            _control(
                name,
                c.get("kind", "text"),
                label=fields[name].label,
                described_by=hint_ids.get(c["id"]),
                column=c["id"],
            ),
        )
        for c in block["columns"]
        for name in [row_field_name(block_id, n, c["id"])]
    )
    remove = (
        f'<td class="tool-js"><button type="button" class="tool-button tool-row-remove" '
        f'aria-label="Remove row {n} of {escape(title)}">Remove</button></td>'
        if growable
        else ""
    )
    return f"<tr>{number}{cells}{remove}</tr>"


def _cell(column: dict, control: str) -> str:
    """A table cell; its column heading and hint head the cell when the table reflows to cards."""
    hint = f' data-hint="{escape(column["hint"])}"' if "hint" in column else ""
    return f'<td data-label="{escape(column["label"])}"{hint}>{control}</td>'


def _control(
    name: str, kind: str, label: str, described_by: str | None = None, column: str | None = None
) -> str:
    """A text, long-text or date control named by aria-label (table cells)."""
    attrs = (
        f'name="{name}" id="tf-{name}" aria-label="{escape(label)}"'
        + (f' aria-describedby="{described_by}"' if described_by else "")
        + (f' data-col="{column}"' if column else "")
    )
    if kind == "long_text":
        return f'<textarea {attrs} rows="2"></textarea>'
    return f'<input type="{"date" if kind == "date" else "text"}" {attrs}>'


def _input(block: dict, place: _Place) -> str:
    name = place.prefix + block["id"]
    hint_id = f"th-{name}" if "hint" in block else None
    hint = f'<p class="tool-hint" id="{hint_id}">{escape(block["hint"])}</p>' if hint_id else ""
    marker, marker_id = _departure(block, place)
    described_by = " ".join(i for i in (marker_id, hint_id) if i)
    described = f' aria-describedby="{described_by}"' if described_by else ""
    attrs = f'name="{name}" id="tf-{name}"{described}'
    control = (
        f'<textarea {attrs} rows="3"></textarea>'
        if block["type"] == "long_text"
        else f'<input type="{"date" if block["type"] == "date" else "text"}" {attrs}>'
    )
    label = place.label_html(name, item_label(block.get("number"), block["label"]))
    return (
        f'<div class="tool-field tool-field--{block["type"].replace("_", "-")}" id="{name}">'
        f'<label for="tf-{name}">{label}</label>{marker}{hint}{control}</div>'
        + _carried(block, place)
    )


def _carried(block: dict, place: _Place) -> str:
    """Where answers carried forward from other tools show (docs/javascripts/carry.js fills it)."""
    if "carry" not in block:
        return ""
    return (
        f'<div class="tool-carry tool-js" role="note" aria-label="Carried forward from an '
        f'earlier tool" data-into="{place.prefix}{block["id"]}" '
        f"{_json_attr('data-carry', block['carry'])}></div>"
    )


def _choice(block: dict, place: _Place) -> str:
    marker, marker_id = _departure(block, place)
    name = place.prefix + block["id"]
    return _radio_fieldset(
        name,
        place.label_html(name, item_label(block.get("number"), block["label"])),
        block["options"],
        css="tool-item tool-choice",
        note=marker,
        described_by=marker_id,
    )


def _checkbox(block: dict, place: _Place) -> str:
    name = place.prefix + block["id"]
    marker, marker_id = _departure(block, place)
    described = f' aria-describedby="{marker_id}"' if marker_id else ""
    return (
        f'{marker}<div class="tool-field tool-check"><label><input type="checkbox" '
        f'name="{name}" id="tf-{name}" value="yes"{described}> '
        f"<span>{place.label_html(name, block['label'])}</span></label></div>"
    )


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


def _departure(node: dict, place: _Place, copy: int | None = None) -> tuple[str, str | None]:
    """The marker of the departure a block or item declares, and its id ('', None: none).

    A section's departure may apply from one of its copies on; a departure inside a repeated
    section is marked in every copy, the first time with its anchor, then with '-2', '-3', …."""
    source = node.get("departure")
    if source is None or not applies_to_copy(source, copy):
        return "", None
    anchor = place.anchors[id(source)]
    times = place.shown[anchor] = place.shown.get(anchor, 0) + 1
    marker_id = anchor if times == 1 else f"{anchor}-{times}"
    return (
        f'<div class="admonition {CSS_CLASS[source["kind"]]}" id="{marker_id}">'
        f'<p class="admonition-title">{label(source["kind"])}</p> '  # spaced as in chapters
        f"<p>{escape(wording(source['note'], source.get('printed')))}</p></div>"
    ), marker_id


def _differences_line(tool: Tool) -> str:
    """Where this tool's departures from the print edition are listed."""
    count = len(tool_departures(tool))
    found = (
        f"This form differs from the print edition in {count} "
        f"{'place' if count == 1 else 'places'}, each marked where it applies"
        if count
        else "No differences from the print edition are declared for this tool"
    )
    return (
        f"{found}: see [Differences from the print edition]"
        f"(../differences.md#tool-{tool['number']})."
    )


def _toolbar(actions: list[str], status: bool) -> str:
    """Status, storage warning, actions and the message area; hidden until tools.js runs."""
    status_line = (
        '<p class="tool-status" role="status">Answers are saved in this browser as you type.</p>'
        if status
        else ""
    )
    return (
        f'<div class="tool-toolbar tool-js">{status_line}'
        '<p class="tool-warning" role="alert"></p>'
        f'{member_control()}<div class="tool-actions">{"".join(actions)}</div>'
        '<div class="tool-messages" aria-live="polite" tabindex="-1"></div></div>'
    )


def _import_control() -> str:
    return (
        '<span class="tool-import"><label for="tool-import">Load answers from a file</label> '
        '<input type="file" id="tool-import" aria-describedby="tool-import-hint" '
        'accept="application/json,.json,application/pdf,.pdf"> '
        '<span class="tool-hint" id="tool-import-hint">an answers file (.json) or a filled '
        "tool PDF</span></span>"
    )


def _heading(
    level: int,
    text: str,
    heading_id: str | None = None,
    css: str | None = None,
    link: bool = False,
) -> str:
    """A heading; with `link`, a permalink like the chapters' (and the page's table of contents
    lists it: overrides/hooks/form_toc.py)."""
    level = min(level, 6)
    attrs = (f' id="{heading_id}"' if heading_id else "") + (f' class="{css}"' if css else "")
    if link and heading_id:  # the title alone (no "¶") can name a group: `<id>-title`
        return (
            f'<h{level}{attrs}><span id="{heading_id}-title">{escape(text)}</span> '
            f'<a class="headerlink" href="#{heading_id}" title="Link to this section">¶</a>'
            f"</h{level}>"
            f'<p class="tool-copy-link tool-js"><button type="button" class="tool-button" '
            f'data-copy-link="{heading_id}" aria-label="Copy link to this section: '
            f'{escape(text)}">Copy link</button></p>'
        )
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
