"""Read the answers out of a filled tool PDF, as saved by real viewers (pypdf reads, never fills).

macOS Preview saves a clicked radio button by moving /V, /T and /FT onto that button and dropping
its /Parent, leaving the group without a value, so every widget's own on/off state (/AS) is read
as well and used wherever the field itself carries no value.
"""

from __future__ import annotations

import io

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from .fields import Tool, iter_fields

OFF = "Off"


class PdfAnswersError(Exception):
    """The PDF cannot be read as a filled PS-COPE tool; the message says why."""


def open_pdf(data: bytes) -> PdfReader:
    if b"%PDF-" not in data[:1024]:
        raise PdfAnswersError("not a readable PDF (it does not start like a PDF file)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfAnswersError("the PDF is password-protected")
        reader.pages  # noqa: B018  (forces the page tree to load, so damage shows here)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise PdfAnswersError(f"not a readable PDF ({exc})") from None
    return reader


def _widgets(reader: PdfReader):
    """(name, field type, widget) for every form widget on every page."""
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            widget = ref.get_object()
            if widget.get("/Subtype") != "/Widget":
                continue
            node, name, kind = widget, widget.get("/T"), widget.get("/FT")
            while (name is None or kind is None) and node.get("/Parent") is not None:
                node = node["/Parent"].get_object()
                name = name if name is not None else node.get("/T")
                kind = kind if kind is not None else node.get("/FT")
            if name is not None:
                yield str(name), kind, widget


def pdf_field_names(reader: PdfReader) -> set[str]:
    """The form's field names; a PDF without any is refused."""
    names = {name for name, _, _ in _widgets(reader)}
    if not names:
        raise PdfAnswersError("the PDF has no form fields (was it printed or flattened?)")
    return names


def _button_value(raw) -> str | None:
    value = str(raw).lstrip("/") if raw is not None else ""
    return value if value and value != OFF else None


def read_pdf_answers(data: bytes, tool: Tool,
                     tools: dict[str, Tool] | None = None) -> dict[str, str]:
    """Answers by field name: radio → option value, ticked checkbox → 'yes', text as typed.

    With `tools`, a PDF of another tool is named in the error message."""
    return _answers(open_pdf(data), tool, tools or {})


def read_filled_tool(data: bytes, tools: dict[str, Tool]) -> tuple[str, dict[str, str]]:
    """The slug of the tool a filled PDF belongs to, and its answers (one parse of the file)."""
    reader = open_pdf(data)
    slug = _identify(reader, tools)
    return slug, _answers(reader, tools[slug], tools)


def _answers(reader: PdfReader, tool: Tool, tools: dict[str, Tool]) -> dict[str, str]:
    names = pdf_field_names(reader)
    expected = {f.name: f for f in iter_fields(tool, rows="printed")}
    if len(names & set(expected)) * 2 < len(names):
        message = f"its form fields are not those of Tool {tool['number']}: {tool['title']}"
        other = _best_match(names, tools)
        if other is not None and other["slug"] != tool["slug"]:
            message += f"; it looks like Tool {other['number']}: {other['title']}"
        raise PdfAnswersError(message)
    answers: dict[str, str] = {}
    for name, field in (reader.get_fields() or {}).items():
        if name in expected:
            _take(answers, expected[name], field.get("/V"))
    for name, kind, widget in _widgets(reader):
        if name in expected and name not in answers:
            _take(answers, expected[name], widget.get("/AS" if kind == "/Btn" else "/V"))
    return answers


def _take(answers: dict[str, str], field, raw) -> None:
    if field.kind == "radio":
        value = _button_value(raw)
        if value in {v for v, _ in field.options}:
            answers[field.name] = value
    elif field.kind == "checkbox":
        if _button_value(raw):
            answers[field.name] = "yes"
    elif raw is not None and str(raw) != "":
        answers[field.name] = str(raw).replace("\r\n", "\n").replace("\r", "\n")


def identify_tool(data: bytes, tools: dict[str, Tool]) -> str:
    """The slug of the tool whose field names the PDF shares most."""
    return _identify(open_pdf(data), tools)


def _identify(reader: PdfReader, tools: dict[str, Tool]) -> str:
    best = _best_match(pdf_field_names(reader), tools)
    if best is None:
        raise PdfAnswersError("its form fields are not those of any PS-COPE tool")
    return best["slug"]


def _best_match(names: set[str], tools: dict[str, Tool]) -> Tool | None:
    """The tool sharing most field names with `names` (the lower number on a tie), if any."""
    scores = {slug: len(names & {f.name for f in iter_fields(tool, rows="printed")})
              for slug, tool in tools.items()}
    best = max(scores, key=lambda slug: (scores[slug], -tools[slug]["number"]), default=None)
    return tools[best] if best is not None and scores[best] > 0 else None
