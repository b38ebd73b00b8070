"""A tool as a fillable AcroForm PDF (US Letter), from its definition: `render_pdf(tool) -> bytes`.

ReportLab lays out the page (platypus) and places the fields where their cells are drawn, so tab
order follows reading order; `pdf_postprocess` then fixes what ReportLab leaves out (radio
tooltips on each button, /Lang, the title) and makes the bytes deterministic.
"""

from __future__ import annotations

import io
from xml.etree import ElementTree
import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape

import markdown
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import (
    BaseDocTemplate, CondPageBreak, Flowable, Frame, HRFlowable, KeepTogether, PageTemplate,
    Paragraph, Spacer, Table, TableStyle,
)

from .departures import applies_to_copy, label, tool_departures, wording
from .fields import (Field, Tool, element_name, item_label, iter_blocks, iter_fields,
                     row_field_name, section_heading)
from .pdf_postprocess import finish_pdf

MARGIN = 0.75 * inch
FRAME_WIDTH = LETTER[0] - 2 * MARGIN
INK = colors.HexColor("#1b1b1b")
ACCENT = colors.HexColor("#1b4a6b")
RULE = colors.HexColor("#9aa5b1")
TINT = colors.HexColor("#eef3f7")
FIELD_FILL = colors.HexColor("#f7fafc")
LINK = "#1a5a86"
RADIO_SIZE = 11
LINE_BOX = 22  # one-line answer
TABLE_LONG_BOX = 50  # multi-line answer in a table cell: 4 lines
LONG_BOX = 72  # multi-line answer on its own: 6 lines
TOOLKIT_AUTHOR = "National Council for Mental Wellbeing"
SITE_AUTHOR = "PS-COPE Toolkit site"

STYLES = {
    "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=17, leading=21,
                            textColor=ACCENT, spaceAfter=4),
    "meta": ParagraphStyle("meta", fontName="Helvetica", fontSize=9.5, leading=12.5,
                           textColor=INK, spaceAfter=2),
    "kicker": ParagraphStyle("kicker", fontName="Helvetica-Bold", fontSize=8.5, leading=11,
                             textColor=RULE, spaceAfter=2),
    "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=12.5, leading=16,
                         textColor=ACCENT, spaceBefore=10, spaceAfter=4, keepWithNext=1),
    "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=11, leading=14,
                         textColor=INK, spaceBefore=8, spaceAfter=3, keepWithNext=1),
    "body": ParagraphStyle("body", fontName="Helvetica", fontSize=9.5, leading=12.5,
                           textColor=INK, spaceAfter=5),
    "lead": ParagraphStyle("lead", fontName="Helvetica", fontSize=9.5, leading=12.5,
                           textColor=INK, spaceAfter=5, keepWithNext=1),
    "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=9, leading=11.5,
                           textColor=INK),
    "item": ParagraphStyle("item", fontName="Helvetica", fontSize=9, leading=11.5,
                           textColor=INK, leftIndent=20, bulletIndent=0, bulletFontSize=9),
    "option": ParagraphStyle("option", fontName="Helvetica", fontSize=9, leading=11.5,
                             textColor=INK, leftIndent=30, bulletIndent=20, bulletFontSize=9),
    "head": ParagraphStyle("head", fontName="Helvetica-Bold", fontSize=8, leading=9.5,
                           textColor=colors.white, alignment=TA_CENTER),
    "head_small": ParagraphStyle("head_small", fontName="Helvetica-Bold", fontSize=7, leading=8.5,
                                 textColor=colors.white, alignment=TA_CENTER),
    "headleft": ParagraphStyle("headleft", fontName="Helvetica-Bold", fontSize=9, leading=11,
                               textColor=colors.white),
    "label": ParagraphStyle("label", fontName="Helvetica-Bold", fontSize=9.5, leading=12,
                            textColor=INK, spaceBefore=6, spaceAfter=3, keepWithNext=1),
    "hint": ParagraphStyle("hint", fontName="Helvetica-Oblique", fontSize=8.5, leading=10.5,
                           textColor=colors.HexColor("#4a5560"), spaceAfter=2),
    "departure": ParagraphStyle("departure", fontName="Helvetica-Oblique", fontSize=8,
                                leading=10, textColor=colors.HexColor("#4a5560"), spaceBefore=2,
                                spaceAfter=4, keepWithNext=1),
}


# ---------------------------------------------------------------------------- text

# Characters outside WinAnsi (cp1252) that the standard-14 fonts cannot show, and what to print.
_STAND_INS = {"\u2010": "-", "\u2011": "-", "\u2212": "-", "\u2192": "->", "\u2190": "<-",
              "\u2264": "<=", "\u2265": ">=", "\u2713": "v", "\u2714": "v", "\u2009": " ",
              "\u202f": " ", "\u200b": "", "\u2044": "/"}


def printable(text: str) -> str:
    """The text as the standard-14 fonts print it: WinAnsi as is, anything else approximated."""
    return text if text.isascii() else "".join(_printable_char(c) for c in text)


@lru_cache(maxsize=None)
def _printable_char(char: str) -> str:
    try:
        char.encode("cp1252")
        return char
    except UnicodeEncodeError:
        pass
    if char in _STAND_INS:
        return _STAND_INS[char]
    folded = "".join(_STAND_INS.get(c, c) for c in unicodedata.normalize("NFKD", char))
    return folded.encode("cp1252", "ignore").decode("cp1252") or "?"


def _text(text: str) -> str:
    """Paragraph markup for plain text from a definition."""
    return escape(printable(text))


# ---------------------------------------------------------------------------- fields


class TextBox(Flowable):
    """A text field filling the width it is given (one line, or multi-line for long text)."""

    def __init__(self, field: Field, height: float, width: float | None = None, live=True):
        super().__init__()
        self.field, self.box_height, self.fixed_width, self.live = field, height, width, live

    def wrap(self, avail_width, avail_height):
        self.width = self.fixed_width or avail_width
        self.height = self.box_height
        return self.width, self.height

    def draw(self):
        if not self.live:
            return
        self.canv.acroForm.textfieldRelative(
            name=self.field.name, tooltip=self.field.label, x=0, y=0,
            width=self.width, height=self.height, value="", maxlen=0,
            fieldFlags="multiline" if self.field.kind == "long_text" else "",
            fontName="Helvetica", fontSize=9, borderWidth=0.6, borderColor=RULE,
            fillColor=FIELD_FILL, textColor=INK, forceBorder=True)


class Choice(Flowable):
    """One radio button (a value of a group) or a check box, centred in its cell."""

    def __init__(self, field: Field, value: str, live=True):
        super().__init__()
        self.field, self.value, self.live = field, value, live
        self.width = self.height = RADIO_SIZE

    def draw(self):
        if not self.live:
            return
        _share_appearances(self.canv.acroForm)
        common = dict(name=self.field.name, tooltip=self.field.label, x=0, y=0, size=RADIO_SIZE,
                      borderWidth=0.8, borderColor=ACCENT, fillColor=colors.white,
                      textColor=INK, forceBorder=True)
        if self.field.kind == "checkbox":
            self.canv.acroForm.checkboxRelative(buttonStyle="check", fieldFlags="", **common)
        else:
            # Square boxes with a check mark, as the toolkit's "place a checkmark" directions
            # ask; ReportLab 5.1 draws circle shapes at the wrong scale unless size is 20.
            self.canv.acroForm.radioRelative(value=self.value, selected=False,
                                             buttonStyle="check", shape="square",
                                             fieldFlags="noToggleToOff radio", **common)


def _share_appearances(form) -> None:
    """Build each distinct button appearance stream once per document.

    ReportLab regenerates six identical streams for every radio button and only then finds the
    duplicate; a tool with 250 buttons spends most of its time there.
    """
    if getattr(form, "_ps_shared", False):
        return
    build, memo = form.checkboxAP, {}

    def shared(*args, **kwargs):
        key = repr((args, sorted(kwargs.items())))
        if key not in memo:
            memo[key] = build(*args, **kwargs)
        return memo[key]

    form.checkboxAP, form._ps_shared = shared, True


# ---------------------------------------------------------------------------- Markdown


def inline(element: ElementTree.Element) -> str:
    """ReportLab paragraph markup for an element's inline content."""
    out = _text(element.text or "")
    for child in element:
        inner = inline(child)
        tag = child.tag
        if tag in ("strong", "b"):
            out += f"<b>{inner}</b>"
        elif tag in ("em", "i"):
            out += f"<i>{inner}</i>"
        elif tag == "a":
            href = escape(child.get("href", ""), {'"': "&quot;"})
            out += f'<a href="{href}" color="{LINK}"><u>{inner}</u></a>'
        elif tag == "code":
            out += f'<font face="Courier">{inner}</font>'
        elif tag == "br":
            out += "<br/>"
        elif tag not in ("ul", "ol", "p", "table"):
            out += inner
        out += _text(child.tail or "")
    return out


def _parse_markdown(text: str) -> ElementTree.Element:
    # Raw HTML is not part of the definitions' Markdown: '&' and '<' are text (and parse as XML).
    source = text.replace("&", "&amp;").replace("<", "&lt;")
    html = markdown.markdown(source, extensions=["tables"])
    return ElementTree.fromstring(f"<div>{html}</div>")


def markdown_flowables(text: str, style: str = "body") -> list[Flowable]:
    """Flowables for the Markdown subset tool definitions use: paragraphs, lists, tables."""
    return [f for element in _parse_markdown(text)
            for f in _block_flowables(element, STYLES[style], 0)]


def markdown_inline(text: str) -> str:
    """Paragraph markup for short Markdown (one sentence or a few): paragraphs run together."""
    return " ".join(inline(element) for element in _parse_markdown(text))


def _block_flowables(element, style: ParagraphStyle, depth: int) -> list[Flowable]:
    tag = element.tag
    if tag in ("ul", "ol"):
        items: list[Flowable] = []
        for n, li in enumerate(element.findall("li"), 1):
            bullet = f"{n}." if tag == "ol" else ("•" if depth == 0 else "–")
            items.extend(_list_item(li, bullet, style, depth))
        return items + ([Spacer(0, 4)] if depth == 0 else [])
    if tag == "table":
        return [_markdown_table(element)]
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return [Paragraph(inline(element), STYLES["h3"])]
    return [Paragraph(inline(element), style)]


def _list_item(li, bullet: str, style: ParagraphStyle, depth: int) -> list[Flowable]:
    indent = 18 + 16 * depth  # hanging indent wide enough for "10."
    item_style = ParagraphStyle(f"li{depth}", parent=style, leftIndent=indent,
                                bulletIndent=indent - 14, bulletFontSize=style.fontSize,
                                spaceAfter=2)
    paragraphs = [c for c in li if c.tag == "p"]
    first = inline(paragraphs[0]) if paragraphs else inline(li)
    out: list[Flowable] = [Paragraph(first, item_style, bulletText=bullet)]
    for child in li:
        if child.tag == "p" and child is not (paragraphs[0] if paragraphs else None):
            out.append(Paragraph(inline(child), item_style))
        elif child.tag in ("ul", "ol"):
            out.extend(_block_flowables(child, style, depth + 1))
    return out


def _markdown_table(element) -> Table:
    rows = [[Paragraph(inline(cell), STYLES["headleft" if cell.tag == "th" else "cell"])
             for cell in tr] for tr in element.iter("tr")]
    columns = max(len(r) for r in rows)
    table = Table(rows, colWidths=[FRAME_WIDTH / columns] * columns, repeatRows=1,
                  spaceBefore=2, spaceAfter=8)
    style = _grid_style(header_rows=1)
    style.add("VALIGN", (0, 1), (-1, -1), "TOP")
    table.setStyle(style)
    return table


# ---------------------------------------------------------------------------- blocks


def _column_label(option: dict) -> str:
    """'Strongly Disagree' over its value '1', one word a line so narrow columns stay tidy."""
    words = "<br/>".join(_text(w) for w in option["label"].split())
    return words if option["label"].lower() == option["value"].replace("dk", "d/k") \
        else f"{words}<br/>{_text(option['value'].upper())}"


def _cell_height(field: Field) -> float:
    return TABLE_LONG_BOX if field.kind == "long_text" else LINE_BOX


def _item_number(number: str) -> str:
    """'6' → '6.'; numbers printed with their own punctuation ('a.', '1)') stay as they are."""
    return printable(number if number.endswith((".", ")")) else f"{number}.")


def _column_hint(column: dict) -> str:
    return column.get("hint") or ("YYYY-MM-DD" if column.get("kind") == "date" else "")


def _column_heading(column: dict) -> str:
    """A column label, with its hint in smaller type under it."""
    hint = _column_hint(column)
    return _text(column["label"]) + (f'<br/><font size="7">{_text(hint)}</font>' if hint else "")


def _inline_row(cells: list, widths: list[float], padding: float = 2, **table_kw) -> Table:
    """One borderless row of cells, vertically centred (a box and its label, say)."""
    row = Table([cells], colWidths=widths, hAlign="LEFT", **table_kw)
    row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                             ("LEFTPADDING", (0, 0), (-1, -1), padding)]))
    return row


def _grid_style(header_rows: int) -> TableStyle:
    return TableStyle([
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.4, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ])


class Renderer:
    """Turns a tool's blocks into flowables, consuming its fields in reading order."""

    def __init__(self, tool: Tool, live: bool):
        self.tool, self.live = tool, live  # live=False lays out without creating fields
        self.fields = iter(iter_fields(tool, rows="printed"))

    def next_field(self, name: str) -> Field:
        field = next(self.fields)
        assert field.name == name, f"field order: expected {name}, got {field.name}"
        return field

    def blocks(self, blocks: list, prefix: str = "", level: int = 2) -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks:
            out.extend(getattr(self, block["type"])(block, prefix, level))
        return out

    def markdown(self, block, prefix, level):
        text = block["text"]
        if "number" in block:  # bold, as Markdown would renumber a one-item list from 1
            text = f"**{_item_number(block['number'])}** {text}"
        return _departure(block) + markdown_flowables(text)

    def section(self, block, prefix, level):
        style = STYLES["h2" if level == 2 else "h3"]
        out: list[Flowable] = []
        for n in range(1, block.get("repeat", 1) + 1) if "repeat" in block else [None]:
            inner = f"{prefix}{block['id']}_{n}_" if n else prefix
            heading = Paragraph(_text(section_heading(block, n)), style)
            intro = markdown_flowables(block["intro"]) if "intro" in block else []
            out += [CondPageBreak(2.5 * inch), heading, *_departure(block, n), *intro,
                    *self.blocks(block["blocks"], inner, level + 1)]
        return out

    def tool_ref(self, block, prefix, level):
        text = item_label(block.get("number"), block["text"])
        return _departure(block) + [Paragraph(_text(text), STYLES["body"])]

    def checklist(self, block, prefix, level):
        scale = self.tool["scales"][block["scale"]]
        rows, spans = [], []
        lead = block.get("lead_in", "")
        rows.append([Paragraph(_text(lead), STYLES["headleft"])]
                    + [Paragraph(_text(o["label"]), STYLES["head"]) for o in scale])
        for item in block["items"]:
            text = [Paragraph(_text(item["text"]), STYLES["item"],
                              bulletText=_item_number(item["number"])),
                    *_departure(item, indent=20)]
            if "id" in item:
                rows.append([text] + self._choices(prefix + item["id"], scale))
            else:
                spans.append(len(rows))
                rows.append([text] + [""] * len(scale))
            for option in item.get("options", []):
                label = Paragraph(_text(option["text"]), STYLES["option"], bulletText="•")
                rows.append([label] + self._choices(prefix + option["id"], scale))
        return _departure(block) + [self._scale_table(rows, len(scale), 0.72 * inch, spans)]

    def rating_grid(self, block, prefix, level):
        scale = self.tool["scales"][block["scale"]]
        out: list[Flowable] = [CondPageBreak(1.4 * inch),
                               Paragraph(_text(block["heading"]), STYLES["h3"]),
                               *_departure(block)]
        if "description" in block:
            out.append(Paragraph(_text(block["description"]), STYLES["lead"]))
        rows = [[Paragraph(_text(block.get("lead_in", "")), STYLES["headleft"])]
                + [Paragraph(_column_label(o), STYLES["head_small"]) for o in scale]]
        for item in block["items"]:
            rows.append([Paragraph(_text(item["text"]), STYLES["cell"])]
                        + self._choices(prefix + item["id"], scale))
        out.append(self._scale_table(rows, len(scale), 0.56 * inch, []))
        return out

    def _choices(self, name: str, scale: list) -> list[Flowable]:
        field = self.next_field(name)
        return [Choice(field, option["value"], self.live) for option in scale]

    def _scale_table(self, rows, n_options: int, column: float, spans: list[int]) -> Table:
        widths = [FRAME_WIDTH - n_options * column] + [column] * n_options
        table = Table(rows, colWidths=widths, repeatRows=1, spaceAfter=8)
        style = _grid_style(header_rows=1)
        style.add("ALIGN", (1, 1), (-1, -1), "CENTER")
        for row in spans:  # a statement answered through its options stays with the first
            style.add("SPAN", (0, row), (-1, row))
            style.add("NOSPLIT", (0, row), (-1, row + 1))
        table.setStyle(style)
        return table

    def question_table(self, block, prefix, level):
        columns = block["columns"]
        question_width = 2.3 * inch
        answer_width = (FRAME_WIDTH - 0.3 * inch - question_width) / len(columns)
        header = ([Paragraph("", STYLES["head"]),
                   Paragraph(_text(block.get("question_label", "Question")), STYLES["headleft"])]
                  + [Paragraph(_column_heading(c), STYLES["head"]) for c in columns])
        rows = [header]
        for row in block["rows"]:
            cells = [Paragraph(_text(row.get("number", "")), STYLES["cell"]),
                     Paragraph(_text(row["text"]), STYLES["cell"])]
            for column in columns:
                field = self.next_field(f"{prefix}{row['id']}_{column['id']}")
                cells.append(TextBox(field, _cell_height(field), live=self.live))
            rows.append(cells)
        table = Table(rows, colWidths=[0.3 * inch, question_width] + [answer_width] * len(columns),
                      repeatRows=1, spaceAfter=8)
        table.setStyle(_grid_style(header_rows=1))
        return _departure(block) + [table]

    def rows(self, block, prefix, level):
        out: list[Flowable] = []
        if "label" in block:
            out.append(Paragraph(_text(item_label(block.get("number"), block["label"])),
                                 STYLES["label"]))
        out += _departure(block)
        columns = block["columns"]
        number_width = 0.3 * inch if block.get("numbered") else 0
        width = (FRAME_WIDTH - number_width) / len(columns)
        header = [Paragraph(_text(c["label"]), STYLES["headleft"]) for c in columns]
        hints = [Paragraph(_text(_column_hint(c)), STYLES["hint"]) for c in columns]
        rows = [([Paragraph("", STYLES["head"])] if number_width else []) + header]
        has_hints = any(_column_hint(c) for c in columns)
        if has_hints:
            rows.append(([""] if number_width else []) + hints)
        for n in range(1, block["rows"] + 1):
            cells = [Paragraph(str(n), STYLES["cell"])] if number_width else []
            for column in columns:
                field = self.next_field(prefix + row_field_name(block["id"], n, column["id"]))
                cells.append(TextBox(field, _cell_height(field), live=self.live))
            rows.append(cells)
        table = Table(rows, colWidths=([number_width] if number_width else [])
                      + [width] * len(columns), repeatRows=2 if has_hints else 1, spaceAfter=8)
        style = _grid_style(header_rows=1)
        if has_hints:
            style.add("BACKGROUND", (0, 1), (-1, 1), TINT)
        table.setStyle(style)
        out.append(table)
        return out

    def _labelled(self, block, box: Flowable) -> list[Flowable]:
        parts: list[Flowable] = [Paragraph(_text(item_label(block.get("number"), block["label"])),
                                           STYLES["label"])]
        if "hint" in block:
            parts.append(Paragraph(_text(block["hint"]), STYLES["hint"]))
        return [KeepTogether(parts + _departure(block) + [box, Spacer(0, 6)])]

    def text(self, block, prefix, level):
        field = self.next_field(prefix + block["id"])
        return self._labelled(block, TextBox(field, LINE_BOX, live=self.live))

    def long_text(self, block, prefix, level):
        field = self.next_field(prefix + block["id"])
        return self._labelled(block, TextBox(field, LONG_BOX, live=self.live))

    def date(self, block, prefix, level):
        field = self.next_field(prefix + block["id"])
        row = _inline_row([TextBox(field, LINE_BOX, 1.6 * inch, live=self.live),
                           Paragraph("YYYY-MM-DD", STYLES["hint"])],
                          [1.7 * inch, FRAME_WIDTH - 1.7 * inch], padding=0)
        return self._labelled(block, row)

    def choice(self, block, prefix, level):
        field = self.next_field(prefix + block["id"])
        cells, widths = [], []
        for option in block["options"]:
            cells += [Choice(field, option["value"], self.live), Paragraph(_text(option["label"]),
                                                                 STYLES["cell"])]
            widths += [0.3 * inch, 1.25 * inch]
        return self._labelled(block, _inline_row(cells, widths, spaceAfter=4))

    def checkbox(self, block, prefix, level):
        field = self.next_field(prefix + block["id"])
        label = Paragraph(_text(block["label"]), STYLES["cell"])
        return _departure(block) + [_inline_row([Choice(field, "yes", self.live), label],
                                                [0.3 * inch, FRAME_WIDTH - 0.3 * inch])]


def _departure(node: dict, copy: int | None = None, indent: float = 0) -> list[Flowable]:
    """The label and note of the departure a block or item declares, as on the web page
    (`indent`: set in a table cell, under an item's text)."""
    source = node.get("departure")
    if source is None or not applies_to_copy(source, copy):
        return []
    style = ParagraphStyle("departure-in-cell", parent=STYLES["departure"], leftIndent=indent,
                           spaceAfter=0) if indent else STYLES["departure"]
    note = _text(wording(source["note"], source.get("printed")))
    return [Paragraph(f"<b>{_text(label(source['kind']))}:</b> {note}", style)]


# ---------------------------------------------------------------------------- document


def _grid_scales(blocks: list) -> list[str]:
    """Names of the scales rating grids use, in order of first use."""
    grids = (b["scale"] for b in iter_blocks(blocks) if b["type"] == "rating_grid")
    return list(dict.fromkeys(grids))


def _legends(tool: Tool) -> list[Flowable]:
    """The rating scales' definitions, once, in a tinted box under the directions."""
    out: list[Flowable] = []
    for name in _grid_scales(tool["blocks"]):
        lines = [[Paragraph(_text(o["definition"]), STYLES["cell"])]
                 for o in tool["scales"][name] if "definition" in o]
        if lines:
            legend = Table(lines, colWidths=[FRAME_WIDTH], spaceBefore=2, spaceAfter=8)
            legend.setStyle(TableStyle([
                ("BACKGROUND", (0, 0), (-1, -1), TINT), ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5), ("TOPPADDING", (0, 0), (-1, 0), 5),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 5)]))
            out.append(legend)
    return out


def _story(tool: Tool, live: bool) -> list[Flowable]:
    heading = f"Tool {tool['number']}: {tool['title']}"
    story: list[Flowable] = [
        Paragraph(f"PS-COPE TOOLKIT&nbsp;&nbsp;|&nbsp;&nbsp;"
                  f"{_text(element_name(tool['element']).upper())}", STYLES["kicker"]),
        Paragraph(_text(heading), STYLES["title"]),
        Paragraph(f"<b>Who completes this:</b> {markdown_inline(tool['completion'])}",
                  STYLES["meta"]),
        HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=6, spaceAfter=2),
        Paragraph("Tool purpose", STYLES["h2"]),
        *markdown_flowables(tool["purpose"]),
        Paragraph("Directions", STYLES["h2"]),
        *markdown_flowables(tool["directions"]),
        *_legends(tool),
    ]
    renderer = Renderer(tool, live)
    story += renderer.blocks(tool["blocks"])
    leftover = next(renderer.fields, None)
    assert leftover is None, f"field {leftover.name} was not placed"
    return story


def credits(tool: Tool) -> tuple[str, str]:
    """The author metadata and the footer credit: the toolkit for its text, this site for the
    fillable form and for the differences from the print edition it marks."""
    site_part = "fillable form" + (" and marked differences" if tool_departures(tool) else "")
    return (f"{TOOLKIT_AUTHOR} (toolkit text); {SITE_AUTHOR} ({site_part})",
            f"Toolkit text: PS-COPE Toolkit, {TOOLKIT_AUTHOR}. "
            f"{site_part.capitalize()}: {SITE_AUTHOR}.")


def _footer(tool: Tool, total_pages: int):
    title = f"PS-COPE Toolkit — Tool {tool['number']}: {tool['title']}"
    credit = printable(credits(tool)[1])

    def draw(canvas, doc):
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, 0.62 * inch, LETTER[0] - MARGIN, 0.62 * inch)
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(colors.HexColor("#4a5560"))
        canvas.drawString(MARGIN, 0.47 * inch, title)
        canvas.drawString(MARGIN, 0.34 * inch, credit)
        canvas.drawRightString(LETTER[0] - MARGIN, 0.47 * inch,
                               f"Page {doc.page} of {total_pages}")
        canvas.restoreState()

    return draw


def _build(tool: Tool, total_pages: int, live: bool = True) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=LETTER, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=0.85 * inch, invariant=1, lang="en-US",
        title=f"Tool {tool['number']}: {tool['title']} — PS-COPE Toolkit",
        author=credits(tool)[0],
        subject=f"Fillable form: {element_name(tool['element'])}", creator=SITE_AUTHOR)
    frame = Frame(MARGIN, 0.85 * inch, FRAME_WIDTH, LETTER[1] - MARGIN - 0.85 * inch, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=_footer(tool, total_pages))])
    doc.build(_story(tool, live))
    return buffer.getvalue(), doc.page


def render_pdf(tool: Tool) -> bytes:
    """The tool's fillable PDF. Deterministic: the same definition gives the same bytes."""
    _, pages = _build(tool, total_pages=0, live=False)  # counts pages for "Page X of Y"
    data, _ = _build(tool, total_pages=pages)
    return finish_pdf(data, lang="en-US")
