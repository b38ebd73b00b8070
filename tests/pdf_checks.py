"""How the PDF tests look at PDFs from outside the site's code: the fields as pikepdf and PyMuPDF
report them, a page as poppler draws it, the browser's PDF module run in Node
(tests/js/pdf_cli.mjs), the answers it is tested with, and PDFs that are not a tool's."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pymupdf
from pdf_fill import field_by_name, fill_with_pikepdf, pdf_of, sample_answers
from reportlab.pdfgen import canvas

from macros.fields import Tool, iter_fields

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / "tests" / "js" / "pdf_cli.mjs"
NON_WINANSI = "Café — 5 ≥ 3 ✓ 北京"
TOOL2 = "02-safe-secure-environment"
TOOL2_ANSWERS = {"listen_attentively": "no", "checklist_notes": "x"}


def tool_spec(tool: Tool) -> dict:
    """The tool in the shape the site gives pdf.js (fields with every repeating row)."""
    fields = []
    for f in iter_fields(tool, rows="max"):
        spec = {"name": f.name, "kind": f.kind, "label": f.label}
        if f.kind == "radio":
            spec["options"] = [{"value": value, "label": label} for value, label in f.options]
        fields.append(spec)
    return {
        "slug": tool["slug"],
        "number": tool["number"],
        "title": tool["title"],
        "version": tool["version"],
        "fields": fields,
        "rows": [],
    }


def node(*args: str) -> str:
    node_bin = shutil.which("node")
    assert node_bin, "these tests need Node.js 20 or later on PATH"
    done = subprocess.run(
        [node_bin, "--no-warnings", str(CLI), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def tool2_filled() -> bytes:
    return fill_with_pikepdf(pdf_of(TOOL2), TOOL2_ANSWERS)


def fill_answers(tool: Tool) -> dict[str, str]:
    """Sample answers, the first text field outside WinAnsi, and one answer for a row the PDF
    does not print (which the filled PDF leaves out)."""
    answers = sample_answers(tool)
    first_text = next(
        (name for name, f in field_by_name(tool).items() if f.kind in ("text", "long_text")), None
    )
    if first_text:
        answers[first_text] = NON_WINANSI
    printed = set(field_by_name(tool))
    unprinted = [f.name for f in iter_fields(tool, rows="max") if f.name not in printed]
    if unprinted:
        answers[unprinted[0]] = "a row beyond the printed ones"
    return answers


def pikepdf_values(data: bytes, tool: Tool) -> dict[str, str]:
    """The answers as pikepdf sees the fields: text /V; a radio group's /V, which must be the
    /AS of exactly its matching button; a checkbox's /V, equal to its /AS."""
    fields = field_by_name(tool)
    values = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for field in pdf.Root.AcroForm.Fields:
            name, kind = str(field.T), fields[str(field.T)].kind
            if kind == "radio":
                if "/V" in field:
                    values[name] = str(field.V)[1:]
                    assert [str(k.AS) for k in field.Kids] == [
                        str(field.V) if str(field.V) in k.AP.N else "/Off" for k in field.Kids
                    ]
            elif kind == "checkbox":
                if field.get("/V", pikepdf.Name.Off) != pikepdf.Name.Off:
                    assert field.AS == field.V
                    values[name] = "yes"
            elif str(field.get("/V", "")):
                values[name] = str(field.V)
    return values


def pymupdf_values(data: bytes, tool: Tool) -> dict[str, str]:
    """The answers as PyMuPDF's widgets report them."""
    values = {}
    doc = pymupdf.open(stream=data, filetype="pdf")
    for page in doc:
        for widget in page.widgets():
            value = widget.field_value
            if widget.field_type == pymupdf.PDF_WIDGET_TYPE_RADIOBUTTON:
                if value not in ("Off", False, None):
                    values[widget.field_name] = widget.on_state()
            elif widget.field_type == pymupdf.PDF_WIDGET_TYPE_CHECKBOX:
                if value not in ("Off", False, None):
                    values[widget.field_name] = "yes"
            elif value:
                values[widget.field_name] = value
    return values


def gray_page(data: bytes, page: int, tmp_path: Path, name: str) -> tuple[int, int, bytes]:
    """A page rendered by poppler (pdftoppm) at 50 dpi in gray: width, height, pixels."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    subprocess.run(
        [
            "pdftoppm",
            "-gray",
            "-r",
            "50",
            "-f",
            str(page),
            "-l",
            str(page),
            str(path),
            str(tmp_path / name),
        ],
        check=True,
    )
    raw = next(tmp_path.glob(f"{name}*.pgm")).read_bytes()
    width, height, pixels = re.match(rb"P5\s+(\d+)\s+(\d+)\s+\d+\s(.*)", raw, re.S).groups()
    return int(width), int(height), pixels


def plain_pdf() -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawString(72, 720, "printed, no form")
    c.save()
    return out.getvalue()


def foreign_form() -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out)
    for n, name in enumerate(("first_name", "last_name", "badge_number")):
        c.acroForm.textfield(name=name, x=72, y=700 - 30 * n, width=200, height=20)
    c.showPage()
    c.save()
    return out.getvalue()


def user_password_pdf(tmp_path: Path) -> bytes:
    source, target = tmp_path / "open.pdf", tmp_path / "locked.pdf"
    source.write_bytes(tool2_filled())
    subprocess.run(
        ["qpdf", "--encrypt", "secret", "owner", "256", "--", str(source), str(target)], check=True
    )
    return target.read_bytes()
