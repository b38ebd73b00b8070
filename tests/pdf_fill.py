"""Test helpers for the PDF tests: every tool definition present, each rendered once per session,
and fillers that save the way viewers do (pikepdf, PyMuPDF, macOS Preview's radio save)."""

from __future__ import annotations

import io
from functools import cache

import pikepdf

from macros.fields import Field, Tool, iter_fields
from macros.load import TOOLS_DIR, load_tool
from macros.render_pdf import render_pdf

# Per file, so the tests run while the 13 definitions are still being written.
TOOLS: dict[str, Tool] = {
    tool["slug"]: tool for tool in map(load_tool, sorted(TOOLS_DIR.glob("*.yml")))
}


@cache
def pdf_of(slug: str) -> bytes:
    """The tool's blank PDF, rendered once per test session."""
    return render_pdf(TOOLS[slug])


SAMPLE_TEXT = "Chief O’Neil’s team — café"


def sample_answers(tool: Tool) -> dict[str, str]:
    """A distinctive answer for every field: text with an apostrophe and é, a non-first option."""
    answers = {}
    for n, field in enumerate(iter_fields(tool, rows="printed")):
        if field.kind == "radio":
            answers[field.name] = field.options[(n % (len(field.options) - 1)) + 1][0]
        elif field.kind == "checkbox":
            answers[field.name] = "yes"
        elif field.kind == "date":
            answers[field.name] = "2026-11-21"
        else:
            answers[field.name] = f"{SAMPLE_TEXT} {n}"
    return answers


def _on_state(widget) -> str | None:
    states = [str(k) for k in widget.AP.N.keys() if str(k) != "/Off"]
    return states[0] if states else None


def fill_with_pikepdf(data: bytes, answers: dict[str, str]) -> bytes:
    """Set /V on every field and /AS on every button widget, as a viewer's save would."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for field in pdf.Root.AcroForm.Fields:
            name = str(field.T)
            if name not in answers:
                continue
            value = answers[name]
            if field.get("/FT") == "/Tx":
                field.V = pikepdf.String(value)
            elif "/Kids" in field:  # radio group
                field.V = pikepdf.Name("/" + value)
                for kid in field.Kids:
                    kid.AS = (
                        pikepdf.Name("/" + value)
                        if ("/" + value) in kid.AP.N
                        else pikepdf.Name("/Off")
                    )
            else:  # checkbox
                on = _on_state(field)
                field.V = pikepdf.Name(on)
                field.AS = pikepdf.Name(on)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def fill_with_pymupdf(data: bytes, answers: dict[str, str]) -> bytes:
    """Fill through PyMuPDF's widget API (an independent implementation)."""
    import pymupdf

    doc = pymupdf.open(stream=data, filetype="pdf")
    for page in doc:
        for widget in page.widgets():
            value = answers.get(widget.field_name)
            if value is None:
                continue
            if widget.field_type == pymupdf.PDF_WIDGET_TYPE_TEXT:
                widget.field_value = value
                widget.update()
            elif widget.field_type == pymupdf.PDF_WIDGET_TYPE_CHECKBOX or (
                widget.field_type == pymupdf.PDF_WIDGET_TYPE_RADIOBUTTON
                and widget.on_state() == value
            ):
                widget.field_value = True
                widget.update()
    return doc.tobytes()


def corrupt_like_preview(data: bytes, name: str, value: str) -> bytes:
    """macOS Preview's radio save: /V, /T, /FT move onto the clicked button, which loses its
    /Parent and leaves the group's /Kids; the group keeps no value."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        group = next(f for f in pdf.Root.AcroForm.Fields if str(f.T) == name)
        kid = next(k for k in group.Kids if ("/" + value) in k.AP.N)
        kid.V = pikepdf.Name("/" + value)
        kid.AS = pikepdf.Name("/" + value)
        kid.T = group.T
        kid.FT = group.FT
        del kid.Parent
        group.Kids = pikepdf.Array([k for k in group.Kids if k.objgen != kid.objgen])
        if "/V" in group:
            del group.V
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def field_by_name(tool: Tool) -> dict[str, Field]:
    return {f.name: f for f in iter_fields(tool, rows="printed")}
