"""Read the answers out of a filled tool PDF, as saved by real viewers (pypdf reads, never fills).

One rule set with the browser's reader, docs/javascripts/pdf.js; tests/test_pdf_js.py runs both
on the same files, so change the two together:

- Refused before parsing: more than MAX_PDF_BYTES; no "%PDF-" in the first 1024 bytes (not a
  PDF); no "%%EOF" in the last 1024 bytes (cut short). Whatever the parser cannot read is
  damaged. A PDF that needs a password to open is refused; one with only a permissions (owner)
  password is read (decrypted by qpdf through pikepdf: pypdf needs an optional package for AES).
- A field's name is its /T after its parents' /T, joined with "."; text strings are UTF-16 or
  UTF-8 when they start with a byte order mark, else PDFDocEncoding.
- The PDF's field names are its widgets' names. It is a PDF of the tool sharing most of them (the
  lower number on a tie), provided that tool has at least half of them.
- Each field of the AcroForm tree gives its own /V; a field still without an answer takes its
  widgets' (in page order): /AS for buttons, /V otherwise. macOS Preview saves a clicked radio
  button by moving /V, /T and /FT onto that button and dropping its /Parent, so the group has no
  value and the answer is only in the orphaned button's /AS.
- Radio: an option value (name or string, leading "/" dropped; "Off" or anything else is no
  answer). Checkbox: "yes" for any state but Off. Text and dates: as stored, CR and CRLF as LF,
  empty is no answer. The first value found for a field wins.

A tool's fields are its fields with every repeating row (rows="max"), as the web form knows them.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from contextlib import contextmanager

import pikepdf
from pypdf import PdfReader
from pypdf.errors import DependencyError
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    NameObject,
    TextStringObject,
)

from .fields import Field, Tool, iter_fields

MAX_PDF_BYTES = 10 * 1024 * 1024
SCAN_BYTES = 1024
OFF = "Off"
# PDFDocEncoding where it differs from Latin-1 (ISO 32000-1, Annex D)
_PDF_DOC = {
    **{0x18 + i: c for i, c in enumerate("˘ˇˆ˙˝˛˚˜")},
    **{0x80 + i: c for i, c in enumerate("•†‡…—–ƒ⁄‹›−‰„“”‘’‚™ﬁﬂŁŒŠŸŽıłœšž")},
    0xA0: "€",
    0x7F: "\ufffd",
    0x9F: "\ufffd",
    0xAD: "\ufffd",
}

# What is wrong and what to do, after the file's name; the same sentences as pdf.js.
PROBLEMS = {
    "too_large": f"is larger than {MAX_PDF_BYTES // 1024 // 1024} MB, too large for a filled "
    "tool PDF. Check that you chose the right file.",
    "not_pdf": "is not a PDF file. Choose the tool PDF you filled in.",
    "damaged": "is damaged or incomplete and cannot be read. Save it again from your PDF reader, "
    "or copy it again, and use the new copy.",
    "encrypted": "is password-protected. Open it in your PDF reader, save a copy without a "
    "password, and use that copy.",
    "no_fields": "has no form fields: it was probably printed to PDF or flattened. Use the "
    "fillable PDF you typed your answers into.",
    "foreign": "is not a PS-COPE tool PDF: its form fields are not those of any tool. Use a tool "
    "PDF from this site that you filled in.",
}


class PdfAnswersError(Exception):
    """The PDF cannot be read as a filled PS-COPE tool: a PROBLEMS key, or the text itself.

    `sentence(name)` says what is wrong and what to do in one sentence about the named file;
    str() says it about "The PDF"."""

    def __init__(self, problem: str, text: str | None = None):
        self.problem, self.text = problem, text or PROBLEMS[problem]
        super().__init__(f"The PDF {self.text}")

    def sentence(self, name: str) -> str:
        return f"“{name}” {self.text}"


@contextmanager
def _reading() -> Iterator[None]:
    """Whatever goes wrong while parsing, other than a reason of our own, is a damaged file."""
    try:
        yield
    except PdfAnswersError:
        raise
    except Exception:
        raise PdfAnswersError("damaged") from None


def open_pdf(data: bytes) -> PdfReader:
    """The parsed PDF, decrypted when it opens without a password; refused by the rules above."""
    if len(data) > MAX_PDF_BYTES:
        raise PdfAnswersError("too_large")
    if b"%PDF-" not in data[:SCAN_BYTES]:
        raise PdfAnswersError("not_pdf")
    if b"%%EOF" not in data[-SCAN_BYTES:]:
        raise PdfAnswersError("damaged")
    with _reading():
        try:
            reader = PdfReader(io.BytesIO(data))
        except DependencyError:  # AES, which pypdf reads only with the optional 'cryptography'
            reader = None
        if reader is None or reader.is_encrypted:
            reader = PdfReader(io.BytesIO(_decrypted(data)))
        reader.pages  # noqa: B018  (forces the page tree to load, so damage shows here)
    return reader


def _decrypted(data: bytes) -> bytes:
    """The PDF without its encryption, if it opens without a password."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            out = io.BytesIO()
            pdf.save(out, encryption=False)
            return out.getvalue()
    except pikepdf.PasswordError:
        raise PdfAnswersError("encrypted") from None


def _text(obj) -> str | None:
    """A PDF text string decoded (None for other objects): UTF-16 (BE or LE) or UTF-8 by its byte
    order mark, else PDFDocEncoding."""
    if not isinstance(obj, (TextStringObject, ByteStringObject)):
        return None
    raw = bytes(obj.original_bytes)
    if raw.startswith(codecs.BOM_UTF16_BE):
        return raw[2:].decode("utf-16-be", "replace")
    if raw.startswith(codecs.BOM_UTF16_LE):
        return raw[2:].decode("utf-16-le", "replace")
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[3:].decode("utf-8")
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1").translate(_PDF_DOC)


def _name_text(obj) -> str | None:
    """A PDF name's text without its slash, or None for other objects."""
    return str(obj)[1:] if isinstance(obj, NameObject) else None


def _parent_chain(node) -> list[DictionaryObject]:
    """The node and its /Parent ancestors, nearest first (a loop in the chain ends it)."""
    chain: list[DictionaryObject] = []
    while isinstance(node, DictionaryObject) and not any(node is n for n in chain):
        chain.append(node)
        parent = node.get("/Parent")
        node = parent.get_object() if parent is not None else None
    return chain


def _widgets(reader: PdfReader):
    """(name, is a button, widget) for every form widget on every page, in page order."""
    for page in reader.pages:
        annots = page.get("/Annots")
        annots = annots.get_object() if annots is not None else None
        for ref in annots if isinstance(annots, ArrayObject) else []:
            widget = ref.get_object()
            if not isinstance(widget, DictionaryObject) or _get(widget, "/Subtype") != "/Widget":
                continue
            chain = _parent_chain(widget)
            parts = [t for t in (_text(_get(n, "/T")) for n in chain) if t is not None]
            kind = next((ft for ft in (_get(n, "/FT") for n in chain) if ft is not None), None)
            if parts:
                yield ".".join(reversed(parts)), kind == "/Btn", widget


def _field_values(reader: PdfReader):
    """(name, own /V) for every named field of the AcroForm tree."""
    form = _get(reader.root_object, "/AcroForm")
    top = _get(form, "/Fields") if isinstance(form, DictionaryObject) else None
    seen: set[int] = set()

    def walk(items, parent_name: str | None):
        for item in items if isinstance(items, ArrayObject) else []:
            node = item.get_object()
            if not isinstance(node, DictionaryObject) or id(node) in seen:
                continue
            seen.add(id(node))
            partial = _text(_get(node, "/T"))
            if partial is None:
                continue  # a widget, not a field
            name = partial if parent_name is None else f"{parent_name}.{partial}"
            yield name, _get(node, "/V")
            yield from walk(_get(node, "/Kids"), name)

    yield from walk(top, None)


def _get(node, key: str):
    """The value of `key` in a dictionary, references followed (None when absent)."""
    value = node.get(key)
    return value.get_object() if value is not None else None


def pdf_field_names(reader: PdfReader) -> set[str]:
    """The form's field names; a PDF without any is refused."""
    with _reading():
        names = {name for name, _, _ in _widgets(reader)}
    if not names:
        raise PdfAnswersError("no_fields")
    return names


def read_pdf_answers(
    data: bytes, tool: Tool, tools: dict[str, Tool] | None = None
) -> dict[str, str]:
    """Answers by field name: radio → option value, ticked checkbox → 'yes', text as typed.

    The PDF must be one of `tool`; with `tools`, a PDF of another tool is named in the error."""
    reader = open_pdf(data)
    names = pdf_field_names(reader)
    if not _fits(names, tool):
        other = _best_match(names, tools or {})
        message = f"has form fields that are not those of Tool {tool['number']}: {tool['title']}"
        if other is not None:
            message += f"; it looks like Tool {other['number']}: {other['title']}"
        raise PdfAnswersError("other_tool", f"{message}. Use a PDF of Tool {tool['number']}.")
    return _answers(reader, tool)


def read_filled_tool(data: bytes, tools: dict[str, Tool]) -> tuple[str, dict[str, str]]:
    """The slug of the tool a filled PDF belongs to, and its answers (one parse of the file)."""
    reader = open_pdf(data)
    slug = _identify(reader, tools)
    return slug, _answers(reader, tools[slug])


def identify_tool(data: bytes, tools: dict[str, Tool]) -> str:
    """The slug of the tool whose field names the PDF shares most."""
    return _identify(open_pdf(data), tools)


def _identify(reader: PdfReader, tools: dict[str, Tool]) -> str:
    best = _best_match(pdf_field_names(reader), tools)
    if best is None:
        raise PdfAnswersError("foreign")
    return best["slug"]


def _tool_fields(tool: Tool) -> dict[str, Field]:
    return {f.name: f for f in iter_fields(tool, rows="max")}


def _fits(names: set[str], tool: Tool) -> bool:
    """Whether at least half of the PDF's field names are the tool's."""
    return len(names & set(_tool_fields(tool))) * 2 >= len(names)


def _best_match(names: set[str], tools: dict[str, Tool]) -> Tool | None:
    """The tool sharing most field names with `names` (the lower number on a tie), if it has at
    least half of them."""
    scores = {slug: len(names & set(_tool_fields(tool))) for slug, tool in tools.items()}
    best = max(scores, key=lambda slug: (scores[slug], -tools[slug]["number"]), default=None)
    if best is None or scores[best] == 0 or not _fits(names, tools[best]):
        return None
    return tools[best]


def _answers(reader: PdfReader, tool: Tool) -> dict[str, str]:
    fields = _tool_fields(tool)
    answers: dict[str, str] = {}
    with _reading():
        for name, value in _field_values(reader):
            if name in fields and name not in answers:
                _take(answers, fields[name], value)
        for name, is_button, widget in _widgets(reader):
            if name in fields and name not in answers:
                _take(answers, fields[name], _get(widget, "/AS" if is_button else "/V"))
    return answers


def _take(answers: dict[str, str], field: Field, raw) -> None:
    """Record the answer a raw PDF value gives for a field, if it gives one."""
    if field.kind in ("radio", "checkbox"):
        state = (_name_text(raw) or _text(raw) or "").lstrip("/")
        if state in ("", OFF):
            return
        if field.kind == "checkbox":
            answers[field.name] = "yes"
        elif state in {value for value, _ in field.options}:
            answers[field.name] = state
    else:
        text = _text(raw)
        if text:
            answers[field.name] = text.replace("\r\n", "\n").replace("\r", "\n")
