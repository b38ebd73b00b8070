"""A tool as a tagged, fillable AcroForm PDF (US Letter, PDF/UA-1), from its definition:
`render_pdf(tool) -> bytes`.

ReportLab lays out the page (platypus) and places the fields where their cells are drawn, so tab
order follows reading order. As it makes the flowables, the renderer records the document's
structure (headings, paragraphs, lists, tables with header cells, a Form element per widget:
`pdf_tags`); `pdf_postprocess` then writes the structure tree, marks decoration as artifacts,
fixes what ReportLab leaves out (radio tooltips on each button, /Lang, the title, PDF/UA
metadata) and makes the bytes deterministic. Text is set in Liberation Sans (embedded, metrics
of Helvetica, so the layout is the one the standard fonts gave).
"""

from __future__ import annotations

import io
import unicodedata
from functools import cache
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape

import markdown
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .departures import applies_to_copy, label, tool_departures, wording
from .fields import (
    Field,
    Tool,
    element_name,
    item_label,
    iter_blocks,
    iter_fields,
    row_field_name,
    section_heading,
)
from .pdf_postprocess import finish_pdf
from .pdf_tags import UNTAGGED, Into, Tags

FONT_DIR = Path(__file__).resolve().parent / "fonts"  # Liberation Sans 1.07.4 (its LICENSE)
SANS, BOLD, ITALIC, BOLD_ITALIC = (
    "LiberationSans",
    "LiberationSans-Bold",
    "LiberationSans-Italic",
    "LiberationSans-BoldItalic",
)
FIELD_FONT = "Helvetica"  # the fields' /DA: viewers type answers in their own Helvetica

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
    "title": ParagraphStyle(
        "title", fontName=BOLD, fontSize=17, leading=21, textColor=ACCENT, spaceAfter=4
    ),
    "meta": ParagraphStyle(
        "meta", fontName=SANS, fontSize=9.5, leading=12.5, textColor=INK, spaceAfter=2
    ),
    "kicker": ParagraphStyle(
        "kicker", fontName=BOLD, fontSize=8.5, leading=11, textColor=RULE, spaceAfter=2
    ),
    "h2": ParagraphStyle(
        "h2",
        fontName=BOLD,
        fontSize=12.5,
        leading=16,
        textColor=ACCENT,
        spaceBefore=10,
        spaceAfter=4,
        keepWithNext=1,
    ),
    "h3": ParagraphStyle(
        "h3",
        fontName=BOLD,
        fontSize=11,
        leading=14,
        textColor=INK,
        spaceBefore=8,
        spaceAfter=3,
        keepWithNext=1,
    ),
    "body": ParagraphStyle(
        "body", fontName=SANS, fontSize=9.5, leading=12.5, textColor=INK, spaceAfter=5
    ),
    "lead": ParagraphStyle(
        "lead",
        fontName=SANS,
        fontSize=9.5,
        leading=12.5,
        textColor=INK,
        spaceAfter=5,
        keepWithNext=1,
    ),
    "cell": ParagraphStyle("cell", fontName=SANS, fontSize=9, leading=11.5, textColor=INK),
    "item": ParagraphStyle(
        "item",
        fontName=SANS,
        fontSize=9,
        leading=11.5,
        textColor=INK,
        leftIndent=20,
        bulletIndent=0,
        bulletFontSize=9,
    ),
    "option": ParagraphStyle(
        "option",
        fontName=SANS,
        fontSize=9,
        leading=11.5,
        textColor=INK,
        leftIndent=30,
        bulletIndent=20,
        bulletFontSize=9,
    ),
    "head": ParagraphStyle(
        "head", fontName=BOLD, fontSize=8, leading=9.5, textColor=colors.white, alignment=TA_CENTER
    ),
    "head_small": ParagraphStyle(
        "head_small",
        fontName=BOLD,
        fontSize=7,
        leading=8.5,
        textColor=colors.white,
        alignment=TA_CENTER,
    ),
    "headleft": ParagraphStyle(
        "headleft", fontName=BOLD, fontSize=9, leading=11, textColor=colors.white
    ),
    "label": ParagraphStyle(
        "label",
        fontName=BOLD,
        fontSize=9.5,
        leading=12,
        textColor=INK,
        spaceBefore=6,
        spaceAfter=3,
        keepWithNext=1,
    ),
    "hint": ParagraphStyle(
        "hint",
        fontName=ITALIC,
        fontSize=8.5,
        leading=10.5,
        textColor=colors.HexColor("#4a5560"),
        spaceAfter=2,
    ),
    "departure": ParagraphStyle(
        "departure",
        fontName=ITALIC,
        fontSize=8,
        leading=10,
        textColor=colors.HexColor("#4a5560"),
        spaceBefore=2,
        spaceAfter=4,
        keepWithNext=1,
    ),
}
for _style in STYLES.values():
    _style.bulletFontName = SANS


@cache
def register_fonts() -> None:
    """Liberation Sans as ReportLab fonts, <b> and <i> mapped to its faces (once a process)."""
    for name, file in (
        (SANS, "Regular"),
        (BOLD, "Bold"),
        (ITALIC, "Italic"),
        (BOLD_ITALIC, "BoldItalic"),
    ):
        # asciiReadable=False: each subset holds only the glyphs the PDF shows (ReportLab's
        # default puts all of ASCII in the first subset), about half the embedded font bytes.
        font = TTFont(name, FONT_DIR / f"LiberationSans-{file}.ttf", asciiReadable=False)
        pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(
        SANS, normal=SANS, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )


# ---------------------------------------------------------------------------- text

# Characters outside WinAnsi (cp1252) that the standard-14 fonts cannot show, and what to print.
_STAND_INS = {
    "\u2010": "-",
    "\u2011": "-",
    "\u2212": "-",
    "\u2192": "->",
    "\u2190": "<-",
    "\u2264": "<=",
    "\u2265": ">=",
    "\u2713": "v",
    "\u2714": "v",
    "\u2009": " ",
    "\u202f": " ",
    "\u200b": "",
    "\u2044": "/",
}


def printable(text: str) -> str:
    """The text as the standard-14 fonts print it: WinAnsi as is, anything else approximated."""
    return text if text.isascii() else "".join(_printable_char(c) for c in text)


@cache
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
            name=self.field.name,
            tooltip=self.field.label,
            x=0,
            y=0,
            width=self.width,
            height=self.height,
            value="",
            maxlen=0,
            fieldFlags="multiline" if self.field.kind == "long_text" else "",
            fontName=FIELD_FONT,
            fontSize=9,
            borderWidth=0.6,
            borderColor=RULE,
            fillColor=FIELD_FILL,
            textColor=INK,
            forceBorder=True,
        )


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
        common = {
            "name": self.field.name,
            "tooltip": self.field.label,
            "x": 0,
            "y": 0,
            "size": RADIO_SIZE,
            "borderWidth": 0.8,
            "borderColor": ACCENT,
            "fillColor": colors.white,
            "textColor": INK,
            "forceBorder": True,
        }
        if self.field.kind == "checkbox":
            self.canv.acroForm.checkboxRelative(buttonStyle="check", fieldFlags="", **common)
        else:
            # Square boxes with a check mark, as the toolkit's "place a checkmark" directions
            # ask; ReportLab 5.1 draws circle shapes at the wrong scale unless size is 20.
            self.canv.acroForm.radioRelative(
                value=self.value,
                selected=False,
                buttonStyle="check",
                shape="square",
                fieldFlags="noToggleToOff radio",
                **common,
            )


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
            out += inner  # set in the text face: no tool uses code, and one embedded family
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


def markdown_flowables(text: str, style: str = "body", into: Into = UNTAGGED) -> list[Flowable]:
    """Flowables for the Markdown subset tool definitions use: paragraphs, lists, tables
    (tagged as P, L > LI > LBody, Table > TR > TH/TD under `into`)."""
    register_fonts()
    return [
        f
        for element in _parse_markdown(text)
        for f in _block_flowables(element, STYLES[style], 0, into)
    ]


def markdown_inline(text: str) -> str:
    """Paragraph markup for short Markdown (one sentence or a few): paragraphs run together."""
    return " ".join(inline(element) for element in _parse_markdown(text))


def _block_flowables(element, style: ParagraphStyle, depth: int, into: Into) -> list[Flowable]:
    tag = element.tag
    if tag in ("ul", "ol"):
        items: list[Flowable] = []
        listed = into.child("L", ListNumbering="Decimal" if tag == "ol" else "Disc")
        for n, li in enumerate(element.findall("li"), 1):
            bullet = f"{n}." if tag == "ol" else ("•" if depth == 0 else "–")
            items.extend(_list_item(li, bullet, style, depth, listed.child("LI").child("LBody")))
        return items + ([Spacer(0, 4)] if depth == 0 else [])
    if tag == "table":
        return [_markdown_table(element, into)]
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return [into.el(Paragraph(inline(element), STYLES["h3"]), "H3")]
    return [into.el(Paragraph(inline(element), style))]


def _list_item(li, bullet: str, style: ParagraphStyle, depth: int, body: Into) -> list[Flowable]:
    indent = 18 + 16 * depth  # hanging indent wide enough for "10."
    item_style = ParagraphStyle(
        f"li{depth}",
        parent=style,
        leftIndent=indent,
        bulletIndent=indent - 14,
        bulletFontSize=style.fontSize,
        spaceAfter=2,
    )
    paragraphs = [c for c in li if c.tag == "p"]
    first = inline(paragraphs[0]) if paragraphs else inline(li)
    out: list[Flowable] = [body.content(Paragraph(first, item_style, bulletText=bullet))]
    for child in li:
        if child.tag == "p" and child is not (paragraphs[0] if paragraphs else None):
            out.append(body.content(Paragraph(inline(child), item_style)))
        elif child.tag in ("ul", "ol"):
            out.extend(_block_flowables(child, style, depth + 1, body))
    return out


def _markdown_table(element, into: Into) -> Table:
    into_table = into.child("Table")
    rows = [
        _cells(
            into_table.child("TR"),
            [
                Paragraph(inline(cell), STYLES["headleft" if cell.tag == "th" else "cell"])
                for cell in tr
            ],
            ["TH" if cell.tag == "th" else "TD" for cell in tr],
        )
        for tr in element.iter("tr")
    ]
    columns = max(len(r) for r in rows)
    table = Table(
        rows,
        colWidths=[FRAME_WIDTH / columns] * columns,
        repeatRows=1,
        spaceBefore=2,
        spaceAfter=8,
    )
    style = _grid_style(header_rows=1)
    style.add("VALIGN", (0, 1), (-1, -1), "TOP")
    table.setStyle(style)
    return table


# ---------------------------------------------------------------------------- blocks


def _cells(
    row: Into, cells: list, roles: list[str] | str, spans: dict[int, int] | None = None
) -> list:
    """A table row's cells, each tagged as an element of `row`: TH (a column header), RH (a row
    header: the statement or question the row's answers are about, a TH with /Scope /Row) or TD.
    A cell is a flowable, a list of them or "" (its content), or a function that makes the
    cell's content inside its element (a widget, which needs its own Form element there)."""
    roles = [roles] * len(cells) if isinstance(roles, str) else roles
    out = []
    for n, (cell, role) in enumerate(zip(cells, roles, strict=True)):
        attrs: dict = (
            {"Scope": "Row" if role == "RH" else "Column"} if role in ("TH", "RH") else {}
        )
        if spans and n in spans:
            attrs["ColSpan"] = spans[n]
        holder = row.child("TH" if role == "RH" else role, **attrs)
        if isinstance(cell, list):
            out.append([holder.content(part) for part in cell])
        elif isinstance(cell, (Flowable, str)):
            out.append(holder.content(cell))
        else:
            out.append(cell(holder))
    return out


def _column_label(option: dict) -> str:
    """'Strongly Disagree' over its value '1', one word a line so narrow columns stay tidy."""
    words = "<br/>".join(_text(w) for w in option["label"].split())
    return (
        words
        if option["label"].lower() == option["value"].replace("dk", "d/k")
        else f"{words}<br/>{_text(option['value'].upper())}"
    )


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
    row.setStyle(
        TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), padding)]
        )
    )
    return row


def _grid_style(header_rows: int) -> TableStyle:
    return TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, header_rows), (-1, -1), 0.4, RULE),
            ("BOX", (0, 0), (-1, -1), 0.6, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 3.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ]
    )


class Renderer:
    """Turns a tool's blocks into flowables, consuming its fields in reading order, and records
    their structure under `into` in the same order."""

    def __init__(self, tool: Tool, live: bool, into: Into = UNTAGGED):
        self.tool, self.live = tool, live  # live=False lays out without creating fields
        self.into = into
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

    def para(self, text: str, style: str, role: str = "P") -> Flowable:
        """A paragraph of markup, tagged as `role`."""
        return self.into.el(Paragraph(text, STYLES[style]), role)

    def markdown(self, block, prefix, level):
        text = block["text"]
        if "number" in block:  # bold, as Markdown would renumber a one-item list from 1
            text = f"**{_item_number(block['number'])}** {text}"
        return _departure(block, into=self.into) + markdown_flowables(text, into=self.into)

    def section(self, block, prefix, level):
        style = "h2" if level == 2 else "h3"
        out: list[Flowable] = []
        for n in range(1, block.get("repeat", 1) + 1) if "repeat" in block else [None]:
            inner = f"{prefix}{block['id']}_{n}_" if n else prefix
            heading = self.para(_text(section_heading(block, n)), style, f"H{min(level, 6)}")
            departure = _departure(block, n, into=self.into)
            intro = markdown_flowables(block["intro"], into=self.into) if "intro" in block else []
            out += [
                CondPageBreak(2.5 * inch),
                heading,
                *departure,
                *intro,
                *self.blocks(block["blocks"], inner, level + 1),
            ]
        return out

    def tool_ref(self, block, prefix, level):
        text = item_label(block.get("number"), block["text"])
        return _departure(block, into=self.into) + [self.para(_text(text), "body")]

    def checklist(self, block, prefix, level):
        scale = self.tool["scales"][block["scale"]]
        before = _departure(block, into=self.into)
        table = self.into.child("Table")
        rows, spans = [], []
        lead = block.get("lead_in", "")
        rows.append(
            _cells(
                table.child("TR"),
                [Paragraph(_text(lead), STYLES["headleft"])]
                + [Paragraph(_text(o["label"]), STYLES["head"]) for o in scale],
                "TH",
            )
        )
        for item in block["items"]:
            text = [
                Paragraph(
                    _text(item["text"]), STYLES["item"], bulletText=_item_number(item["number"])
                ),
                *_departure(item, indent=20),
            ]
            row = table.child("TR")
            answers = ["TD"] * len(scale)
            if "id" in item:
                rows.append(
                    _cells(
                        row, [text] + self._choices(prefix + item["id"], scale), ["RH"] + answers
                    )
                )
            else:
                spans.append(len(rows))
                rows.append(_cells(row, [text], "TD", {0: len(scale) + 1}) + [""] * len(scale))
            for option in item.get("options", []):
                label = Paragraph(_text(option["text"]), STYLES["option"], bulletText="•")
                rows.append(
                    _cells(
                        table.child("TR"),
                        [label] + self._choices(prefix + option["id"], scale),
                        ["RH"] + answers,
                    )
                )
        return before + [self._scale_table(rows, len(scale), 0.72 * inch, spans)]

    def rating_grid(self, block, prefix, level):
        scale = self.tool["scales"][block["scale"]]
        out: list[Flowable] = [
            CondPageBreak(1.4 * inch),
            self.para(_text(block["heading"]), "h3", f"H{min(level, 6)}"),
            *_departure(block, into=self.into),
        ]
        if "description" in block:
            out.append(self.para(_text(block["description"]), "lead"))
        table = self.into.child("Table")
        rows = [
            _cells(
                table.child("TR"),
                [Paragraph(_text(block.get("lead_in", "")), STYLES["headleft"])]
                + [Paragraph(_column_label(o), STYLES["head_small"]) for o in scale],
                "TH",
            )
        ]
        for item in block["items"]:
            rows.append(
                _cells(
                    table.child("TR"),
                    [Paragraph(_text(item["text"]), STYLES["cell"])]
                    + self._choices(prefix + item["id"], scale),
                    ["RH"] + ["TD"] * len(scale),
                )
            )
        out.append(self._scale_table(rows, len(scale), 0.56 * inch, []))
        return out

    def _choices(self, name: str, scale: list) -> list:
        """A radio group's buttons, one per table cell, each made inside its cell's element."""
        field = self.next_field(name)
        return [
            lambda cell, value=option["value"]: cell.widget(Choice(field, value, self.live))
            for option in scale
        ]

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

    def _text_cell(self, name: str):
        """A text field in a table cell, made inside its cell's element."""
        field = self.next_field(name)
        return lambda cell: cell.widget(TextBox(field, _cell_height(field), live=self.live))

    def question_table(self, block, prefix, level):
        before = _departure(block, into=self.into)
        table = self.into.child("Table")
        columns = block["columns"]
        question_width = 2.3 * inch
        answer_width = (FRAME_WIDTH - 0.3 * inch - question_width) / len(columns)
        header = _cells(
            table.child("TR"),
            [
                Paragraph("", STYLES["head"]),
                Paragraph(_text(block.get("question_label", "Question")), STYLES["headleft"]),
            ]
            + [Paragraph(_column_heading(c), STYLES["head"]) for c in columns],
            ["TD"] + ["TH"] * (1 + len(columns)),
        )  # no header over the numbers
        rows = [header]
        for row in block["rows"]:
            cells = [
                Paragraph(_text(row.get("number", "")), STYLES["cell"]),
                Paragraph(_text(row["text"]), STYLES["cell"]),
            ]
            cells += [self._text_cell(f"{prefix}{row['id']}_{column['id']}") for column in columns]
            rows.append(_cells(table.child("TR"), cells, ["TD", "RH"] + ["TD"] * len(columns)))
        table = Table(
            rows,
            colWidths=[0.3 * inch, question_width] + [answer_width] * len(columns),
            repeatRows=1,
            spaceAfter=8,
        )
        table.setStyle(_grid_style(header_rows=1))
        return before + [table]

    def rows(self, block, prefix, level):
        out: list[Flowable] = []
        if "label" in block:
            out.append(self.para(_text(item_label(block.get("number"), block["label"])), "label"))
        out += _departure(block, into=self.into)
        table = self.into.child("Table")
        columns = block["columns"]
        number_width = 0.3 * inch if block.get("numbered") else 0
        width = (FRAME_WIDTH - number_width) / len(columns)
        header = [Paragraph(_text(c["label"]), STYLES["headleft"]) for c in columns]
        hints = [Paragraph(_text(_column_hint(c)), STYLES["hint"]) for c in columns]
        numbers = ["TD"] if number_width else []  # no header over the row numbers
        rows = [
            _cells(
                table.child("TR"),
                ([Paragraph("", STYLES["head"])] if number_width else []) + header,
                numbers + ["TH"] * len(columns),
            )
        ]
        has_hints = any(_column_hint(c) for c in columns)
        if has_hints:  # the columns' hints: data about the columns, under their headers
            rows.append(_cells(table.child("TR"), ([""] if number_width else []) + hints, "TD"))
        for n in range(1, block["rows"] + 1):
            cells = [Paragraph(str(n), STYLES["cell"])] if number_width else []
            cells += [
                self._text_cell(prefix + row_field_name(block["id"], n, column["id"]))
                for column in columns
            ]
            rows.append(_cells(table.child("TR"), cells, "TD"))
        table = Table(
            rows,
            colWidths=([number_width] if number_width else []) + [width] * len(columns),
            repeatRows=2 if has_hints else 1,
            spaceAfter=8,
        )
        style = _grid_style(header_rows=1)
        if has_hints:
            style.add("BACKGROUND", (0, 1), (-1, 1), TINT)
        table.setStyle(style)
        out.append(table)
        return out

    def _labelled(self, block, box) -> list[Flowable]:
        """A field's label (and hint, departure) over its box; `box(into)` makes the box after
        them, so it follows them in the structure too."""
        parts: list[Flowable] = [
            self.para(_text(item_label(block.get("number"), block["label"])), "label")
        ]
        if "hint" in block:
            parts.append(self.para(_text(block["hint"]), "hint"))
        parts += _departure(block, into=self.into)
        return [KeepTogether(parts + [box(self.into), Spacer(0, 6)])]

    def text(self, block, prefix, level):
        field = self.next_field(prefix + block["id"])
        return self._labelled(
            block, lambda into: into.widget(TextBox(field, LINE_BOX, live=self.live))
        )

    def long_text(self, block, prefix, level):
        field = self.next_field(prefix + block["id"])
        return self._labelled(
            block, lambda into: into.widget(TextBox(field, LONG_BOX, live=self.live))
        )

    def date(self, block, prefix, level):
        field = self.next_field(prefix + block["id"])
        return self._labelled(
            block,
            lambda into: _inline_row(
                [
                    into.widget(TextBox(field, LINE_BOX, 1.6 * inch, live=self.live)),
                    into.el(Paragraph("YYYY-MM-DD", STYLES["hint"])),
                ],
                [1.7 * inch, FRAME_WIDTH - 1.7 * inch],
                padding=0,
            ),
        )

    def choice(self, block, prefix, level):
        field = self.next_field(prefix + block["id"])

        def options(into: Into) -> Flowable:
            cells, widths = [], []
            for option in block["options"]:
                cells += [
                    into.widget(Choice(field, option["value"], self.live)),
                    into.el(Paragraph(_text(option["label"]), STYLES["cell"])),
                ]
                widths += [0.3 * inch, 1.25 * inch]
            return _inline_row(cells, widths, spaceAfter=4)

        return self._labelled(block, options)

    def checkbox(self, block, prefix, level):
        field = self.next_field(prefix + block["id"])
        before = _departure(block, into=self.into)
        box = self.into.widget(Choice(field, "yes", self.live))
        label = self.para(_text(block["label"]), "cell")
        return before + [_inline_row([box, label], [0.3 * inch, FRAME_WIDTH - 0.3 * inch])]


def _departure(
    node: dict, copy: int | None = None, indent: float = 0, into: Into = UNTAGGED
) -> list[Flowable]:
    """The label and note of the departure a block or item declares, as on the web page
    (`indent`: set in a table cell, under an item's text), tagged as a paragraph under `into`."""
    source = node.get("departure")
    if source is None or not applies_to_copy(source, copy):
        return []
    style = (
        ParagraphStyle(
            "departure-in-cell", parent=STYLES["departure"], leftIndent=indent, spaceAfter=0
        )
        if indent
        else STYLES["departure"]
    )
    note = _text(wording(source["note"], source.get("printed")))
    return [into.el(Paragraph(f"<b>{_text(label(source['kind']))}:</b> {note}", style))]


# ---------------------------------------------------------------------------- document


def _grid_scales(blocks: list) -> list[str]:
    """Names of the scales rating grids use, in order of first use."""
    grids = (b["scale"] for b in iter_blocks(blocks) if b["type"] == "rating_grid")
    return list(dict.fromkeys(grids))


def _legends(tool: Tool, into: Into) -> list[Flowable]:
    """The rating scales' definitions, once, in a tinted box under the directions (a list)."""
    out: list[Flowable] = []
    for name in _grid_scales(tool["blocks"]):
        definitions = [o["definition"] for o in tool["scales"][name] if "definition" in o]
        if definitions:
            listed = into.child("L", ListNumbering="None")
            lines = [
                [listed.child("LI").el(Paragraph(_text(d), STYLES["cell"]), "LBody")]
                for d in definitions
            ]
            legend = Table(lines, colWidths=[FRAME_WIDTH], spaceBefore=2, spaceAfter=8)
            legend.setStyle(
                TableStyle(
                    [
                        ("BACKGROUND", (0, 0), (-1, -1), TINT),
                        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                        ("LEFTPADDING", (0, 0), (-1, -1), 8),
                        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                        ("TOPPADDING", (0, 0), (-1, 0), 5),
                        ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
                    ]
                )
            )
            out.append(legend)
    return out


def _story(tool: Tool, live: bool, into: Into = UNTAGGED) -> list[Flowable]:
    heading = f"Tool {tool['number']}: {tool['title']}"
    story: list[Flowable] = [
        into.el(
            Paragraph(
                f"PS-COPE TOOLKIT&nbsp;&nbsp;|&nbsp;&nbsp;"
                f"{_text(element_name(tool['element']).upper())}",
                STYLES["kicker"],
            )
        ),
        into.el(Paragraph(_text(heading), STYLES["title"]), "H1"),
        into.el(
            Paragraph(
                f"<b>Who completes this:</b> {markdown_inline(tool['completion'])}", STYLES["meta"]
            )
        ),
        HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=6, spaceAfter=2),
        into.el(Paragraph("Tool purpose", STYLES["h2"]), "H2"),
        *markdown_flowables(tool["purpose"], into=into),
        into.el(Paragraph("Directions", STYLES["h2"]), "H2"),
        *markdown_flowables(tool["directions"], into=into),
        *_legends(tool, into),
    ]
    renderer = Renderer(tool, live, into)
    story += renderer.blocks(tool["blocks"])
    leftover = next(renderer.fields, None)
    assert leftover is None, f"field {leftover.name} was not placed"
    return story


def credits(tool: Tool) -> tuple[str, str]:
    """The author metadata and the footer credit: the toolkit for its text, this site for the
    fillable form and for the differences from the print edition it marks."""
    site_part = "fillable form" + (" and marked differences" if tool_departures(tool) else "")
    return (
        f"{TOOLKIT_AUTHOR} (toolkit text); {SITE_AUTHOR} ({site_part})",
        f"Toolkit text: PS-COPE Toolkit, {TOOLKIT_AUTHOR}. "
        f"{site_part.capitalize()}: {SITE_AUTHOR}.",
    )


def _footer(tool: Tool, total_pages: int):
    title = f"PS-COPE Toolkit — Tool {tool['number']}: {tool['title']}"
    credit = printable(credits(tool)[1])

    def draw(canvas, doc):  # decoration, repeated on every page: an artifact
        canvas.addLiteral("/Artifact <</Type /Pagination /Subtype /Footer>> BDC")
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, 0.62 * inch, LETTER[0] - MARGIN, 0.62 * inch)
        canvas.setFont(SANS, 7.5)
        canvas.setFillColor(colors.HexColor("#4a5560"))
        canvas.drawString(MARGIN, 0.47 * inch, title)
        canvas.drawString(MARGIN, 0.34 * inch, credit)
        canvas.drawRightString(
            LETTER[0] - MARGIN, 0.47 * inch, f"Page {doc.page} of {total_pages}"
        )
        canvas.restoreState()
        canvas.addLiteral("EMC")

    return draw


def document_title(tool: Tool) -> str:
    return f"Tool {tool['number']}: {tool['title']} — PS-COPE Toolkit"


class _LayoutOnly(Canvas):
    """The canvas of the pass that only counts pages: the laid-out pages are never written."""

    def save(self) -> None:
        pass


def _build(tool: Tool, total_pages: int, live: bool = True) -> tuple[bytes, int, Tags]:
    register_fonts()
    buffer, tags = io.BytesIO(), Tags()
    doc = BaseDocTemplate(
        buffer,
        pagesize=LETTER,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=0.85 * inch,
        invariant=1,
        lang="en-US",
        title=document_title(tool),
        author=credits(tool)[0],
        subject=f"Fillable form: {element_name(tool['element'])}",
        creator=SITE_AUTHOR,
    )
    frame = Frame(
        MARGIN,
        0.85 * inch,
        FRAME_WIDTH,
        LETTER[1] - MARGIN - 0.85 * inch,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=_footer(tool, total_pages))])
    doc.build(_story(tool, live, Into(tags)), canvasmaker=Canvas if live else _LayoutOnly)
    return buffer.getvalue(), doc.page, tags


def render_pdf(tool: Tool) -> bytes:
    """The tool's tagged, fillable PDF. Deterministic: the same definition gives the same bytes."""
    _, pages, _ = _build(tool, total_pages=0, live=False)  # counts pages for "Page X of Y"
    data, _, tags = _build(tool, total_pages=pages)
    return finish_pdf(data, lang="en-US", title=document_title(tool), tags=tags)
