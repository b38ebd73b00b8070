"""The 13 fillable PDFs: valid, exactly the tool's fields, tooltips, no limits, verbatim text."""

from __future__ import annotations

import io
import re
import subprocess
from functools import lru_cache

import pikepdf
import pymupdf
import pytest
from pypdf import PdfReader

from macros.fields import iter_fields
from macros.load import load_tools
from macros.pdf_files import cached_pdf
from macros.render_pdf import render_pdf

TOOLS = load_tools()


@lru_cache(maxsize=None)
def pdf_of(slug: str) -> bytes:
    return render_pdf(TOOLS[slug])


def squash(text: str) -> str:
    """Whitespace-insensitive comparison form (PDF text wraps anywhere)."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(params=list(TOOLS), scope="module")
def slug(request):
    return request.param


def test_qpdf_check_passes(slug, tmp_path):
    """Verify qpdf finds no structural error."""
    path = tmp_path / "tool.pdf"
    path.write_bytes(pdf_of(slug))
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_fields_are_exactly_the_tools_field_ids(slug):
    """Verify pypdf lists exactly the tool's field IDs, nothing more or less."""
    fields = PdfReader(io.BytesIO(pdf_of(slug))).get_fields()
    assert set(fields) == {f.name for f in iter_fields(TOOLS[slug], rows="printed")}


def test_widgets_have_tooltips_and_no_limits(slug):
    """Verify every widget (radio buttons too) has /TU, nothing is required, text has no MaxLen."""
    with pikepdf.open(io.BytesIO(pdf_of(slug))) as pdf:
        assert str(pdf.Root.Lang) == "en-US"
        assert pdf.docinfo["/Title"] == f"Tool {TOOLS[slug]['number']}: {TOOLS[slug]['title']} — PS-COPE Toolkit"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert "/NeedAppearances" not in pdf.Root.AcroForm
        labels = {f.name: f.label for f in iter_fields(TOOLS[slug], rows="printed")}
        for field in pdf.Root.AcroForm.Fields:
            assert int(field.get("/Ff", 0)) & 2 == 0, f"{field.T} is required"
            assert "/MaxLen" not in field, f"{field.T} has a length limit"
            assert str(field.TU) == labels[str(field.T)]
            for kid in field.get("/Kids", []):
                assert str(kid.TU) == str(field.TU)
        for page in pdf.pages:
            for annot in page.get("/Annots", []):
                if annot.Subtype != "/Widget":
                    continue
                owner = annot.get("/Parent", annot)
                assert "/TU" in annot or "/TU" in owner
                if owner.get("/FT") == "/Btn":
                    states = {str(k) for k in annot.AP.N.keys()}
                    assert "/Off" in states and len(states) == 2, states


def test_same_definition_gives_same_bytes(slug):
    """Verify output is deterministic."""
    assert render_pdf(TOOLS[slug]) == pdf_of(slug)


def test_first_page_renders_with_poppler(slug, tmp_path):
    """Verify poppler renders page 1 and it is not blank."""
    path = tmp_path / "tool.pdf"
    path.write_bytes(pdf_of(slug))
    subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-gray", str(path),
                    str(tmp_path / "page")], check=True)
    image = next(tmp_path.glob("page*.pgm")).read_bytes()
    header_end = [m.end() for m in re.finditer(rb"\s", image)][3]
    pixels = image[header_end:]
    dark = sum(1 for p in pixels if p < 128)
    assert dark / len(pixels) > 0.005


def test_text_contains_every_item_verbatim(slug):
    """Verify the PDF's text holds every item, criterion, question, label and column heading."""
    doc = pymupdf.open(stream=pdf_of(slug), filetype="pdf")
    text = squash("".join(page.get_text() for page in doc))
    wanted = []

    def walk(blocks):
        for block in blocks:
            kind = block["type"]
            if kind == "section":
                wanted.append(block["heading"].replace("{n}", "1"))
                walk(block["blocks"])
            elif kind in ("checklist", "rating_grid"):
                for item in block["items"]:
                    wanted.append(item["text"])
                    wanted.extend(o["text"] for o in item.get("options", []))
            elif kind == "question_table":
                wanted.extend(r["text"] for r in block["rows"])
                wanted.extend(c["label"] for c in block["columns"])
            elif kind == "rows":
                wanted.extend(c["label"] for c in block["columns"])
                wanted.extend([block["label"]] if "label" in block else [])
            elif kind in ("text", "long_text", "date", "choice", "checkbox"):
                wanted.append(block["label"])
            elif kind == "tool_ref":
                wanted.append(block["text"])

    walk(TOOLS[slug]["blocks"])
    missing = [w for w in wanted if squash(w) not in text]
    assert not missing


def test_cache_reuses_unchanged_pdfs(tmp_path):
    """Verify the build cache renders once and then serves the same bytes."""
    tool = TOOLS["04-trained-responsive-workforce"]
    first = cached_pdf(tool, tmp_path)
    (cached,) = tmp_path.glob("*.pdf")
    stamp = cached.stat().st_mtime_ns
    assert cached_pdf(tool, tmp_path) == first
    assert cached.stat().st_mtime_ns == stamp
    changed = {**tool, "title": tool["title"] + " (edited)"}
    assert cached_pdf(changed, tmp_path) != first
    assert len(list(tmp_path.glob("*.pdf"))) == 1
