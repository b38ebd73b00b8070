"""Reading filled PDFs back: pikepdf and PyMuPDF fills, Preview's radio corruption, bad files."""

from __future__ import annotations

import io

import pikepdf
import pytest
from pdf_checks import plain_pdf
from pdf_fill import (
    TOOLS,
    corrupt_like_preview,
    field_by_name,
    fill_with_pikepdf,
    fill_with_pymupdf,
    pdf_of,
    sample_answers,
)

from macros.pdf_answers import PdfAnswersError, identify_tool, read_pdf_answers

pytestmark = pytest.mark.filterwarnings("ignore:This document has 1 form widget:UserWarning")


@pytest.mark.parametrize("slug", list(TOOLS))
def test_pikepdf_fill_reads_back(slug):
    """Verify every answer filled with pikepdf is read back by pypdf exactly."""
    answers = sample_answers(TOOLS[slug])
    filled = fill_with_pikepdf(pdf_of(slug), answers)
    assert read_pdf_answers(filled, TOOLS[slug]) == answers


@pytest.mark.parametrize("slug", list(TOOLS))
def test_pymupdf_fill_reads_back(slug):
    """Verify every answer filled through PyMuPDF's widget API is read back exactly."""
    answers = sample_answers(TOOLS[slug])
    filled = fill_with_pymupdf(pdf_of(slug), answers)
    assert read_pdf_answers(filled, TOOLS[slug]) == answers


@pytest.mark.parametrize(
    "slug",
    [
        s
        for s, tool in TOOLS.items()
        if any(f.kind == "radio" for f in field_by_name(tool).values())
    ],
)
def test_preview_radio_corruption_is_recovered(slug):
    """Verify a radio saved the macOS Preview way (value on an orphaned button) is still read."""
    tool = TOOLS[slug]
    answers = sample_answers(tool)
    radio = next(name for name, f in field_by_name(tool).items() if f.kind == "radio")
    filled = corrupt_like_preview(fill_with_pikepdf(pdf_of(slug), answers), radio, answers[radio])
    with pikepdf.open(io.BytesIO(filled)) as pdf:
        group = next(f for f in pdf.Root.AcroForm.Fields if str(f.T) == radio)
        assert "/V" not in group
    assert read_pdf_answers(filled, tool) == answers


def test_blank_pdf_has_no_answers():
    """Verify an unfilled PDF reads as no answers."""
    assert (
        read_pdf_answers(pdf_of("02-safe-secure-environment"), TOOLS["02-safe-secure-environment"])
        == {}
    )


def test_identify_tool_from_field_names():
    """Verify each PDF is recognised as its own tool."""
    for slug in TOOLS:
        assert identify_tool(pdf_of(slug), TOOLS) == slug


@pytest.mark.parametrize(
    "data, message",
    [
        (b"hello, not a PDF", "is not a PDF file"),
        (plain_pdf(), "no form fields"),
    ],
)
def test_unreadable_files_are_explained(data, message):
    """Verify a non-PDF and a PDF without a form get clear reasons."""
    with pytest.raises(PdfAnswersError, match=message):
        read_pdf_answers(data, TOOLS["02-safe-secure-environment"])
    with pytest.raises(PdfAnswersError, match=message):
        identify_tool(data, TOOLS)


def encrypted_pdf() -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf_of("02-safe-secure-environment"))) as pdf:
        pdf.save(
            out,
            encryption=pikepdf.Encryption(
                user="secret", owner="secret", R=4, aes=False, metadata=False
            ),
        )
    return out.getvalue()


def test_password_protected_pdf_is_explained():
    """Verify a PDF that needs a password to open is refused with that reason."""
    with pytest.raises(PdfAnswersError, match="password-protected"):
        read_pdf_answers(encrypted_pdf(), TOOLS["02-safe-secure-environment"])


def test_pdf_of_another_tool_is_refused_and_named():
    """Verify reading Tool 3's PDF as Tool 9 (they share a field name) is refused, and the
    message names the tool the PDF belongs to."""
    with pytest.raises(PdfAnswersError, match=r"not those of Tool 9: .*; it looks like Tool 3: "):
        read_pdf_answers(
            pdf_of("03-policy-procedure-workflow-review"),
            TOOLS["09-organizational-assessment"],
            TOOLS,
        )


def test_multi_line_answers_keep_their_lines():
    """Verify line breaks saved as CR (as Acrobat does) come back as newlines."""
    tool = TOOLS["02-safe-secure-environment"]
    filled = fill_with_pikepdf(pdf_of(tool["slug"]), {"checklist_notes": "one\rtwo\r\nthree"})
    assert read_pdf_answers(filled, tool) == {"checklist_notes": "one\ntwo\nthree"}
