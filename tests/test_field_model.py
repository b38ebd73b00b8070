"""One field model: every field's label comes from macros/fields.py, and the PDF tooltip, the
browser's field spec and the web form's accessible name all say exactly that."""

from __future__ import annotations

import html
import io
import re
from html.parser import HTMLParser

import pikepdf
import pytest
from pdf_fill import TOOLS, pdf_of
from tool_facts import UNLABELLED_TABLES

from macros.field_spec import tool_spec
from macros.fields import iter_fields, iter_tables
from macros.render_html import render_form

VOID = {"input", "br", "hr", "img", "meta", "link", "wbr", "col", "source"}

# Doubled or misplaced punctuation a label assembled from parts can end up with: '::', '..',
# '? ?', ' :', ':.', two spaces, a space at either end. 'e.g.,' and '? —' are wording, not flaws.
_FLAWS = re.compile(
    r"([:;,.?!])\s*\1"  # the same mark twice: '::', '..', '? ?', ', ,'
    r"|[:;,?!]\s*[:;,.?!]"  # ':.', '?:', ', .'
    r"|\.\s*[:;?!]"  # '.:', '. ?'
    r"|\s[:;,.?!]"  # a space before a mark: ' :'
    r"|\s{2}|^\s|\s$"
)


def punctuation_flaws(label: str) -> list[str]:
    return [m.group(0) for m in _FLAWS.finditer(label)]


@pytest.fixture(params=list(TOOLS), scope="module")
def slug(request):
    return request.param


class NameParser(HTMLParser):
    """Each named form control's accessible name, computed as browsers do for this markup:
    aria-label, else <label for>, else a wrapping <label>, else (radios) the fieldset's legend."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.controls: list[tuple[str, dict, list]] = []  # (tag, attrs, [label/legend records])
        self.label_for: dict[str, str] = {}
        self._open: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attr_list):
        attrs = dict(attr_list)
        if tag in ("input", "textarea") and attrs.get("name"):
            holders = [r for t, r in self._open if t in ("label", "fieldset")]
            self.controls.append((tag, attrs, holders))
        if tag in VOID:
            return
        record = {"text": "", "for": attrs.get("for"), "legend": ""}
        self._open.append((tag, record))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        open_tag, record = self._open.pop()
        assert open_tag == tag
        if tag == "label" and record["for"]:
            self.label_for[record["for"]] = record["text"]
        if tag == "legend":
            fieldset = next(r for t, r in reversed(self._open) if t == "fieldset")
            fieldset["legend"] = record["text"]

    def handle_data(self, data):
        for tag, record in self._open:
            if tag in ("label", "legend"):
                record["text"] += data

    def names(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for _tag, attrs, holders in self.controls:
            if attrs.get("aria-label"):
                name = attrs["aria-label"]
            elif attrs.get("id") in self.label_for:
                name = self.label_for[attrs["id"]]
            elif attrs.get("type") == "radio":
                name = next(r["legend"] for r in reversed(holders) if r.get("legend"))
            else:
                name = next(r["text"] for r in reversed(holders) if r["for"] is None)
            out.setdefault(attrs["name"], set()).add(" ".join(name.split()))
        return out


def pdf_tooltips(data: bytes) -> dict[str, set[str]]:
    """Field name → the /TU of the field and of each of its widgets, read with pikepdf."""
    out: dict[str, set[str]] = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for field in pdf.Root.AcroForm.Fields:
            tips = out.setdefault(str(field.T), set())
            tips.add(str(field.get("/TU", "")))
            for kid in field.get("/Kids", []):
                tips.add(str(kid.get("/TU", "")))
    return out


def test_pdf_tooltip_spec_label_and_html_name_agree_for_every_field(slug):
    """Verify, for every field of the tool, that the PDF's /TU (field and widgets), the field
    spec's label and the web form's accessible name are all the model's label."""
    tool = TOOLS[slug]
    model = {f.name: f.label for f in iter_fields(tool, rows="printed")}
    spec = {f["name"]: f["label"] for f in tool_spec(tool)["fields"]}
    tips = pdf_tooltips(pdf_of(slug))
    parser = NameParser()
    parser.feed(render_form(tool))
    html = parser.names()
    assert set(tips) == set(model) and set(html) == set(model)
    for name, label in model.items():
        assert spec[name] == label, name
        assert tips[name] == {label}, name
        assert html[name] == {label}, name


def test_spec_labels_every_row_a_table_can_grow_to(slug):
    """Verify the spec labels every possible row (the browser relabels added rows from it), each
    row's label names its row number and column, and tables keep their columns' labels."""
    tool = TOOLS[slug]
    spec = tool_spec(tool)
    labels = {f["name"]: f["label"] for f in spec["fields"]}
    for table, spec_table in zip(iter_tables(tool), spec["rows"], strict=True):
        assert spec_table["title"] == table.title
        assert [c["label"] for c in spec_table["columns"]] == [c[1] for c in table.columns]
        for n in range(1, table.max_rows + 1):
            for column_id, column_label, _ in table.columns:
                name = f"{table.id}_{n}_{column_id}"  # docs/javascripts/spec.js rowFieldName
                assert labels[name].endswith(f"Row {n}: {column_label}"), name


def test_no_label_has_doubled_punctuation(slug):
    """Verify no field label (all rows a table can grow to) has doubled or stray punctuation."""
    flawed = {f.name: punctuation_flaws(f.label) for f in iter_fields(TOOLS[slug], rows="max")}
    assert {name: found for name, found in flawed.items() if found} == {}


@pytest.mark.parametrize(
    "bad",
    [
        "Idea 1:: What is it?",
        "What is it?. — Notes",
        "Row 1 : Name",
        "Idea 1: 1.. What",
        "Why? ? Because",
        "Notes ",
        "Two  spaces",
        "Heading.: item",
    ],
)
def test_the_punctuation_check_catches_a_hand_made_bad_label(bad):
    assert punctuation_flaws(bad)


@pytest.mark.parametrize(
    "good",
    [
        "Idea 1: 1. What is it (e.g., a plan)?",
        "3. Who is overdosing? — Data Source",
        "Goal 2: Row 3: Name",
    ],
)
def test_the_punctuation_check_passes_ordinary_wording(good):
    assert punctuation_flaws(good) == []


def test_tables_printed_without_a_label_are_named_for_what_they_hold(slug):
    """Verify each table printed with no label is named as tests/tool_facts.py says (after the
    worksheet or section it alone fills, else after its first column), in the model and on the
    page; and that no table is named after a worksheet holding other tables too."""
    tool = TOOLS[slug]
    found = re.findall(r'<p class="tool-sr" id="tr-([^"]+)">([^<]*)</p>', render_form(tool))
    shown = {table_id: html.unescape(name) for table_id, name in found}
    assert shown == UNLABELLED_TABLES.get(slug, {})
    titles = {table.id: table.title for table in iter_tables(tool)}
    assert {table_id: titles[table_id] for table_id in shown} == shown
    if len(titles) > 1:
        assert tool["title"] not in titles.values()
