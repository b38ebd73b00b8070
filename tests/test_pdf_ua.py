"""Accessible PDFs: all 13 tools PDF/UA-1 conformant by the page-validation checker and by this
suite's own structural checks (tests/ua_check.py); each check shown failing on a PDF broken on
purpose; fills by pikepdf, PyMuPDF, Preview and the browser keep the structure; layout, size and
rendering as good as before."""

from __future__ import annotations

import io
import itertools
import json
import re
import subprocess

import page  # page-validation, the PDF/UA-1 validator
import pikepdf
import pytest
from pdf_checks import fill_answers, node, tool_spec
from pdf_fill import (
    TOOLS,
    corrupt_like_preview,
    field_by_name,
    fill_with_pikepdf,
    fill_with_pymupdf,
    pdf_of,
    sample_answers,
)
from pikepdf import Dictionary, Name
from ua_check import problems

from macros.fields import iter_groups
from macros.render_pdf import printable

# Pages of each tool's PDF before tagging (untagged ReportLab output, Helvetica; measured on
# commit 77f51f7 with scripts/build_pdfs.py, 2026-11-26).
PAGES_BEFORE = {
    "01-data-based-decision-making": 2,
    "02-safe-secure-environment": 2,
    "03-policy-procedure-workflow-review": 2,
    "04-trained-responsive-workforce": 1,
    "05-partner-organizations": 1,
    "06-community-engagement": 2,
    "07-motivational-interviewing": 2,
    "08-integration-worksheet": 7,
    "09-organizational-assessment": 6,
    "10-gain-commitment": 3,
    "11-build-consensus": 2,
    "12-operational-plan": 5,
    "13-evaluation-template": 2,
}
MAX_BYTES = 250 * 1024
SAMPLE = "09-organizational-assessment"  # radios, a checklist with options, rows, departures

pytestmark = pytest.mark.filterwarnings(r"ignore:This document has \d+ form widget")


@pytest.fixture(params=list(TOOLS), scope="module")
def slug(request):
    return request.param


def failed_rules(data: bytes) -> set[str]:
    report = page.validate_pdf_bytes(data, profile="ua1")
    return {f.rule_id for f in report.failures}


# ------------------------------------------------------------------ every tool, as built


def test_validator_finds_the_pdf_pdf_ua1_compliant(slug):
    """Verify page-validation reports the PDF PDF/UA-1 compliant: no rule failed."""
    report = page.validate_pdf_bytes(pdf_of(slug), profile="ua1")
    assert report.is_compliant and report.rules.failed == 0, [
        (f.rule_id, f.message) for f in report.failures
    ]
    assert report.rules.total >= 100  # the whole PDF/UA-1 rule set ran


def test_structural_checks_pass(slug):
    """Verify this suite's own checks: structure tree, Form element per widget, /TU, /Tabs,
    radio groups, appearances, embedded fonts, every mark tagged or an artifact."""
    assert problems(pdf_of(slug), TOOLS[slug]) == []


def struct_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "tool.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True
    ).stdout


def test_poppler_reads_headings_in_reading_order(slug, tmp_path):
    """Verify poppler's reading of the structure tree: the title as H1, then 'Tool purpose',
    'Directions' and every section and rating grid heading of the definition, in its order."""
    tool = TOOLS[slug]
    tree = struct_text(pdf_of(slug), tmp_path)
    headings = re.findall(r'^ *H(\d) \(block\)\n *"(.*)"$', tree, re.MULTILINE)
    assert headings[0] == ("1", f"Tool {tool['number']}: {printable(tool['title'])}")
    assert [text for _, text in headings[1:3]] == ["Tool purpose", "Directions"]
    assert [text for _, text in headings[3:]] == [printable(g.heading) for g in iter_groups(tool)]
    levels = [int(level) for level, _ in headings]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), "a heading level is skipped"


def test_poppler_reads_tables_with_header_cells_and_a_form_per_widget(tmp_path):
    """Verify tool 9's tree: its rating grids are tables whose first row is column header
    cells (the answer scale), and there is one Form element per radio button."""
    tool = TOOLS[SAMPLE]
    tree = struct_text(pdf_of(SAMPLE), tmp_path)
    widgets = sum(len(f.options) if f.kind == "radio" else 1 for f in field_by_name(tool).values())
    assert tree.count(" Form\n") == widgets
    first_grid = tree.split("Table (block)")[1]
    header = first_grid.split(" TR\n")[1]
    assert header.count("TH:") == 1 + len(tool["scales"]["agreement"])
    assert "Strongly" in header and "/Scope /Column" in header
    first_row = first_grid.split(" TR\n")[2]  # the statement heads its row of answers
    assert first_row.count("/Scope /Row") == 1 and first_row.count(" Form\n") == 6


def test_every_page_renders_in_poppler(slug, tmp_path):
    """Verify poppler draws every page without an error."""
    path = tmp_path / "tool.pdf"
    path.write_bytes(pdf_of(slug))
    done = subprocess.run(
        ["pdftoppm", "-r", "20", "-png", str(path), str(tmp_path / "p")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and not done.stderr, done.stderr
    assert len(list(tmp_path.glob("p*.png"))) == len(pikepdf.open(path).pages)


def test_size_and_page_count_stay_close_to_before(slug):
    """Verify the PDF is under 250 KB and has as many pages as before tagging, give or take a
    fifth (the embedded Liberation Sans has Helvetica's metrics, so the layout is unchanged)."""
    data = pdf_of(slug)
    assert len(data) < MAX_BYTES
    pages = len(pikepdf.open(io.BytesIO(data)).pages)
    assert abs(pages - PAGES_BEFORE[slug]) <= max(1, PAGES_BEFORE[slug] // 5)


# ------------------------------------------------------------------ each check can fail


def _mutate(change) -> bytes:
    with pikepdf.open(io.BytesIO(pdf_of(SAMPLE))) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _widgets(pdf):
    return [a for p in pdf.pages for a in p.get("/Annots", []) if a.Subtype == Name.Widget]


def _first_radio(pdf):
    return next(f for f in pdf.Root.AcroForm.Fields if "/Kids" in f)


def _form_element(pdf, widget):
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    return nums[list(nums).index(widget.StructParent) + 1]


def _no_tree(pdf):
    del pdf.Root.StructTreeRoot


def _unmarked(pdf):
    pdf.Root.MarkInfo.Marked = False


def _no_lang(pdf):
    del pdf.Root.Lang


def _no_pdfua_id(pdf):
    pdf.Root.Metadata.write(
        pdf.Root.Metadata.read_bytes().replace(b"<pdfuaid:part>1</pdfuaid:part>", b"")
    )


def _no_tabs(pdf):
    del pdf.pages[0].obj.Tabs


def _widget_outside_tree(pdf):
    del _widgets(pdf)[0].StructParent


def _form_element_is_a_paragraph(pdf):
    _form_element(pdf, _widgets(pdf)[0]).S = Name.P


def _no_tooltip(pdf):
    field = _first_radio(pdf)
    del field.TU
    for kid in field.Kids:
        del kid.TU


def _radio_kids_named(pdf):  # as WeasyPrint writes radio groups
    field = _first_radio(pdf)
    for n, kid in enumerate(field.Kids):
        kid.T = pikepdf.String(str(n))
        pdf.Root.AcroForm.Fields.append(kid)


def _on_states_numbered(pdf):
    for n, kid in enumerate(_first_radio(pdf).Kids):
        for key in ("/N", "/D"):
            states = kid.AP[key]
            on = next(k for k in states.keys() if k != "/Off")
            states[Name(f"/{n}")] = states[on]
            del states[on]


def _no_off_appearance(pdf):
    del _first_radio(pdf).Kids[0].AP.N.Off


def _untagged_rule(pdf):
    page = pdf.pages[0]
    page.contents_add(pdf.make_stream(b"0 0 m 100 0 l S"), prepend=False)


def _font_not_embedded(pdf):
    page = pdf.pages[0]
    page.Resources.Font.Fx = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    )
    page.contents_add(
        pdf.make_stream(b"/Artifact BMC BT /Fx 9 Tf 10 10 Td (x) Tj ET EMC"), prepend=False
    )


def _need_appearances(pdf):
    pdf.Root.AcroForm.NeedAppearances = True


BROKEN = [  # (the start of the check's message, how the PDF is broken, page-validation rule)
    ("structure: no /StructTreeRoot", _no_tree, "PDFUA1-STRUCT-TREE-ROOT-001"),
    ("structure: /MarkInfo", _unmarked, "PDFUA1-TAGGED-DOCUMENT-001"),
    ("document: no /Lang", _no_lang, None),
    ("metadata: no pdfuaid", _no_pdfua_id, "PDFUA1-ID-PART-001"),
    ("tabs:", _no_tabs, "PDFUA1-PAGE-TABS-001"),
    ("form element: widget", _widget_outside_tree, "PDFUA1-WIDGET-FORM-TAG-001"),
    ("form element: widget", _form_element_is_a_paragraph, "PDFUA1-WIDGET-FORM-TAG-001"),
    ("tooltip:", _no_tooltip, None),
    ("radio:", _radio_kids_named, None),
    ("radio: the on-states", _on_states_numbered, None),
    ("appearance: button", _no_off_appearance, None),
    ("appearance: /NeedAppearances", _need_appearances, None),
    ("content:", _untagged_rule, "PDFUA1-CONTENT-TAGGING-001"),
    ("fonts:", _font_not_embedded, "PDFUA1-FONT-EMBEDDING-001"),
]


@pytest.mark.parametrize("check, change, rule", BROKEN, ids=[c.__name__ for _, c, _ in BROKEN])
def test_each_check_fails_on_a_pdf_broken_for_it(check, change, rule):
    """Verify each structural check reports the PDF broken for it (and page-validation too, for
    the rules it has); the unbroken PDF passes both (test_structural_checks_pass)."""
    broken = _mutate(change)
    found = problems(broken, TOOLS[SAMPLE])
    assert any(p.startswith(check) for p in found), found
    if rule:
        assert rule in failed_rules(broken)


def test_validator_passes_the_unbroken_sample():
    assert failed_rules(_mutate(lambda pdf: None)) == set()


# ------------------------------------------------------------------ filled PDFs stay tagged

STRUCTURE_CHECKS = ("structure", "form element", "tabs", "content", "metadata", "document")


def _fills() -> dict[str, bytes]:
    tool = TOOLS[SAMPLE]
    answers = sample_answers(tool)
    radio = next(n for n, f in field_by_name(tool).items() if f.kind == "radio")
    return {
        "pikepdf": fill_with_pikepdf(pdf_of(SAMPLE), answers),
        "pymupdf": fill_with_pymupdf(pdf_of(SAMPLE), answers),
        "preview": corrupt_like_preview(
            fill_with_pikepdf(pdf_of(SAMPLE), answers), radio, answers[radio]
        ),
    }


@pytest.mark.parametrize(
    "how, validator_fails",
    [
        ("pikepdf", set()),
        ("preview", set()),
        # PyMuPDF draws the typed answers in its own Helvetica, which it does not embed
        ("pymupdf", {"PDFUA1-FONT-EMBEDDING-001"}),
    ],
)
def test_pdfs_filled_elsewhere_keep_their_structure(how, validator_fails):
    """Verify a PDF filled by pikepdf, PyMuPDF or the Preview way keeps its structure tree,
    Form elements, tab order and artifacts, and what page-validation says of it."""
    data = _fills()[how]
    found = problems(data)
    assert [p for p in found if p.startswith(STRUCTURE_CHECKS)] == []
    assert failed_rules(data) == validator_fails


@pytest.fixture(scope="module")
def filled_by_browser(tmp_path_factory) -> bytes:
    """Tool 9 filled by docs/javascripts/pdf.js's fillPdf (the vendored pdf-lib), in Node."""
    tool, work = TOOLS[SAMPLE], tmp_path_factory.mktemp("ua_fill")
    paths = {name: work / name for name in ("spec.json", "blank.pdf", "answers.json", "out.pdf")}
    paths["spec.json"].write_text(json.dumps(tool_spec(tool)))
    paths["blank.pdf"].write_bytes(pdf_of(SAMPLE))
    paths["answers.json"].write_text(json.dumps(fill_answers(tool)))
    node("fill", *map(str, paths.values()))
    return paths["out.pdf"].read_bytes()


def test_browser_filled_pdf_keeps_its_structure(filled_by_browser):
    """Verify the browser's filled-PDF download keeps /StructTreeRoot, /MarkInfo, the
    /ParentTree, /StructParent on every widget and a Form element for each."""
    found = problems(filled_by_browser, TOOLS[SAMPLE])
    assert [p for p in found if p.startswith(STRUCTURE_CHECKS)] == []
    with pikepdf.open(io.BytesIO(filled_by_browser)) as pdf:
        assert "/ParentTree" in pdf.Root.StructTreeRoot
        assert all("/StructParent" in w for w in _widgets(pdf))


def test_browser_filled_pdf_fails_the_validator_only_on_its_answer_font(filled_by_browser):
    """Verify what page-validation says of the browser's filled PDF: everything holds but font
    embedding, because pdf-lib draws the typed answers in standard Helvetica, not embedded."""
    assert failed_rules(filled_by_browser) == {"PDFUA1-FONT-EMBEDDING-001"}
    assert any(p.startswith("fonts: /Helvetica") for p in problems(filled_by_browser))


def test_browser_fill_reads_back_completely(filled_by_browser):
    """Verify the Python reader gets back every answer the browser put in the PDF."""
    from macros.pdf_answers import read_filled_tool

    tool = TOOLS[SAMPLE]
    expected = {n: v for n, v in fill_answers(tool).items() if n in field_by_name(tool)}
    assert read_filled_tool(filled_by_browser, TOOLS) == (SAMPLE, expected)


def test_a_table_split_across_pages_has_its_header_once_in_the_tree(tmp_path):
    """Verify tool 1's question table, which runs onto page 2, repeats its header row there as
    a pagination artifact: the tree has one header row (the questions' and 3 answer columns'
    headers; the numbers' column has none), and each question is its row's header."""
    tool = TOOLS["01-data-based-decision-making"]
    data = pdf_of(tool["slug"])
    block = next(b for b in tool["blocks"] if b["type"] == "question_table")
    tree = struct_text(data, tmp_path)
    assert tree.count("/Scope /Column") == 1 + len(block["columns"]) == 4
    assert tree.count("/Scope /Row") == len(block["rows"])
    with pikepdf.open(io.BytesIO(data)) as pdf:
        repeated = [
            i
            for i in pikepdf.parse_content_stream(pdf.pages[1])
            if str(i.operator) == "BDC"
            and str(i.operands[0]) == "/Artifact"
            and i.operands[1].get("/Type") == Name.Pagination
            and "/Subtype" not in i.operands[1]
        ]
    assert len(repeated) == 5  # the same 5 cells drawn again
