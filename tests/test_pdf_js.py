"""The browser's PDF module, docs/javascripts/pdf.js, on the 13 tool PDFs (run in Node through
tests/js/pdf_cli.mjs): its reader and macros/pdf_answers.py give the same answers for every
file; its filled PDFs pass qpdf, read back in pypdf, pikepdf, PyMuPDF and itself, and show their
ticks and text in poppler; bad files get the same sentence from it and scripts/pdf_to_json.py."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pikepdf
import pytest
from pdf_checks import (
    NON_WINANSI,
    TOOL2,
    TOOL2_ANSWERS,
    fill_answers,
    foreign_form,
    gray_page,
    node,
    pikepdf_values,
    plain_pdf,
    pymupdf_values,
    tool2_filled,
    tool_spec,
    user_password_pdf,
)
from pdf_fill import (
    TOOLS,
    corrupt_like_preview,
    field_by_name,
    fill_with_pikepdf,
    fill_with_pymupdf,
    pdf_of,
    sample_answers,
)

from macros.fields import Tool, iter_fields
from macros.pdf_answers import MAX_PDF_BYTES, PROBLEMS, read_filled_tool

ROOT = Path(__file__).resolve().parent.parent
NON_WINANSI_DRAWN = "Café — 5 >= 3 ? ??"  # as Helvetica draws it in the appearance stream
PREVIEW_RADIOS = 3  # radios per tool saved the macOS Preview way

# pikepdf notes the buttons a Preview-style save takes out of the form tree: that is the point.
# One test worker (pytest -n) makes the PDFs and runs Node for this module.
pytestmark = [
    pytest.mark.filterwarnings(r"ignore:This document has \d+ form widget"),
    pytest.mark.xdist_group("pdf-js"),
]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf_js")
    (path / "specs.json").write_text(json.dumps([tool_spec(t) for t in TOOLS.values()]))
    return path


def node_read(workdir: Path, files: dict[str, bytes]) -> dict[str, dict]:
    """pdf.js's reading of each file (one Node run for all), by key."""
    paths = {}
    for key, data in files.items():
        paths[key] = workdir / f"{key}.pdf"
        paths[key].write_bytes(data)
    lines = node("read", str(workdir / "specs.json"), *map(str, paths.values())).splitlines()
    return dict(zip(files, map(json.loads, lines), strict=True))


# ------------------------------------------------------------------ one rule set for reading


def preview_saved(tool: Tool, answers: dict[str, str]) -> bytes:
    data = fill_with_pikepdf(pdf_of(tool["slug"]), answers)
    radios = [name for name, f in field_by_name(tool).items() if f.kind == "radio"]
    for name in radios[:PREVIEW_RADIOS]:
        data = corrupt_like_preview(data, name, answers[name])
    return data


FILLERS = {
    "blank": lambda tool, answers: pdf_of(tool["slug"]),
    "pikepdf": lambda tool, answers: fill_with_pikepdf(pdf_of(tool["slug"]), answers),
    "pymupdf": lambda tool, answers: fill_with_pymupdf(pdf_of(tool["slug"]), answers),
    "preview": preview_saved,
}


FILLED_CASES = [
    (slug, how)
    for slug, tool in TOOLS.items()
    for how in FILLERS
    if how != "preview" or any(f.kind == "radio" for f in iter_fields(tool))
]


@pytest.fixture(scope="module")
def filled_by_others(workdir) -> dict[str, tuple[bytes, dict]]:
    """Every tool filled every way, read by pdf.js: key → (file, pdf.js's result)."""
    files = {
        f"{slug}-{how}": FILLERS[how](TOOLS[slug], sample_answers(TOOLS[slug]))
        for slug, how in FILLED_CASES
    }
    results = node_read(workdir, files)
    return {key: (files[key], results[key]) for key in files}


@pytest.mark.parametrize("slug, how", FILLED_CASES)
def test_both_readers_agree_on_every_filled_tool(slug, how, filled_by_others):
    """Verify pdf.js and macros/pdf_answers.py read the same tool and answers out of each tool
    PDF as left blank, filled by pikepdf or PyMuPDF, or saved the macOS Preview way."""
    data, browser = filled_by_others[f"{slug}-{how}"]
    expected = {} if how == "blank" else sample_answers(TOOLS[slug])
    assert browser == {"slug": slug, "answers": expected}
    assert read_filled_tool(data, TOOLS) == (slug, expected)


def edited(edit) -> bytes:
    """Tool 2's filled PDF with one field changed by `edit(fields by name)`."""
    with pikepdf.open(io.BytesIO(tool2_filled())) as pdf:
        edit({str(f.T): f for f in pdf.Root.AcroForm.Fields})
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def notes_stored_as(raw: bytes) -> bytes:
    return edited(lambda fields: setattr(fields["checklist_notes"], "V", pikepdf.String(raw)))


def radio_value_as_string() -> bytes:
    """How pypdf 7 fills a radio group (pypdf#3630): /V a string, no button switched on."""

    def edit(fields):
        group = fields["listen_attentively"]
        group.V = pikepdf.String("in_progress")
        for kid in group.Kids:
            kid.AS = pikepdf.Name("/Off")

    return edited(edit)


def owner_password_only() -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(tool2_filled())) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="", owner="owner", R=6, aes=True))
    return out.getvalue()


def wrong_startxref() -> bytes:
    data = tool2_filled()
    last = list(re.finditer(rb"startxref\s+(\d+)", data))[-1]
    return data[: last.start(1)] + b"12345" + data[last.end(1) :]


ODD_FILES = {  # name → (file maker, the answers both readers must find)
    "utf16le_text": (
        lambda: notes_stored_as(b"\xff\xfe" + "Zoë ≥ 3".encode("utf-16-le")),
        {**TOOL2_ANSWERS, "checklist_notes": "Zoë ≥ 3"},
    ),
    "utf8_bom_text": (
        lambda: notes_stored_as(b"\xef\xbb\xbf" + "Zoë ≥ 3".encode()),
        {**TOOL2_ANSWERS, "checklist_notes": "Zoë ≥ 3"},
    ),
    "pdfdoc_text": (
        lambda: notes_stored_as(b"\x93ve \x80 \xa0"),
        {**TOOL2_ANSWERS, "checklist_notes": "ﬁve • €"},
    ),
    "cr_line_breaks": (
        lambda: notes_stored_as(b"one\rtwo\r\n3"),
        {**TOOL2_ANSWERS, "checklist_notes": "one\ntwo\n3"},
    ),
    "radio_value_as_string": (
        radio_value_as_string,
        {**TOOL2_ANSWERS, "listen_attentively": "in_progress"},
    ),
    "owner_password_only": (owner_password_only, TOOL2_ANSWERS),
    "wrong_startxref": (wrong_startxref, TOOL2_ANSWERS),
}


@pytest.fixture(scope="module")
def odd_files(workdir) -> dict[str, tuple[bytes, dict]]:
    """Each unusual file and pdf.js's reading of it (one Node run)."""
    files = {name: make() for name, (make, _) in ODD_FILES.items()}
    results = node_read(workdir, files)
    return {name: (files[name], results[name]) for name in files}


@pytest.mark.parametrize("name", list(ODD_FILES))
def test_both_readers_agree_on_unusual_but_readable_files(name, odd_files):
    """Verify both readers decode text strings by the same rule (UTF-16LE, UTF-8 and
    PDFDocEncoding), turn CR into line breaks, take a radio value written as a string, open a
    PDF with only a permissions password (AES-256) and recover from a wrong xref offset."""
    data, browser = odd_files[name]
    expected = ODD_FILES[name][1]
    assert browser == {"slug": TOOL2, "answers": expected}
    assert read_filled_tool(data, TOOLS) == (TOOL2, expected)


# ------------------------------------------------------------------ filling


def in_pdf(tool: Tool, answers: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in answers.items() if name in field_by_name(tool)}


@pytest.fixture(scope="module")
def filled_by_browser(workdir) -> dict[str, bytes]:
    """Every tool's blank PDF filled by pdf.js's fillPdf (Node runs in parallel)."""

    def fill(slug: str) -> bytes:
        tool = TOOLS[slug]
        paths = {
            name: workdir / f"fill-{slug}-{name}"
            for name in ("spec.json", "blank.pdf", "answers.json", "filled.pdf")
        }
        paths["spec.json"].write_text(json.dumps(tool_spec(tool)))
        paths["blank.pdf"].write_bytes(pdf_of(slug))
        paths["answers.json"].write_text(json.dumps(fill_answers(tool)))
        node("fill", *map(str, paths.values()))
        return paths["filled.pdf"].read_bytes()

    for slug in TOOLS:
        pdf_of(slug)  # render (once, cached) before the threads share it
    with ThreadPoolExecutor() as pool:
        return dict(zip(TOOLS, pool.map(fill, TOOLS), strict=True))


@pytest.fixture(scope="module")
def browser_fills_read(workdir, filled_by_browser) -> dict[str, dict]:
    return node_read(workdir, {f"refill-{slug}": data for slug, data in filled_by_browser.items()})


@pytest.mark.parametrize("slug", list(TOOLS))
def test_filled_pdf_passes_qpdf_and_reads_back_everywhere(
    slug, filled_by_browser, browser_fills_read, tmp_path
):
    """Verify a PDF filled by pdf.js passes `qpdf --check` and reads back equal in pypdf
    (macros/pdf_answers.py), pdf.js itself, pikepdf and PyMuPDF, non-WinAnsi text included."""
    tool, data = TOOLS[slug], filled_by_browser[slug]
    expected = in_pdf(tool, fill_answers(tool))
    path = tmp_path / "filled.pdf"
    path.write_bytes(data)
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0 and "WARNING" not in check.stdout + check.stderr, check.stdout

    assert read_filled_tool(data, TOOLS) == (slug, expected)
    assert browser_fills_read[f"refill-{slug}"] == {"slug": slug, "answers": expected}
    assert pikepdf_values(data, tool) == expected
    assert pymupdf_values(data, tool) == expected


def drawn_text(appearance: pikepdf.Stream) -> str:
    """The text an appearance stream shows: its hex-string `Tj` operands in WinAnsi, one line
    each, joined with spaces."""
    lines = re.findall(rb"<([0-9A-Fa-f]*)> Tj", appearance.read_bytes())
    return " ".join(bytes.fromhex(line.decode()).decode("cp1252") for line in lines)


@pytest.mark.parametrize("slug", list(TOOLS))
def test_filled_pdf_draws_its_answers_without_need_appearances(slug, filled_by_browser):
    """Verify the filled PDF does not ask viewers to redraw (Preview would not), keeps every
    field fillable, and gives every filled widget an appearance: buttons their own stream for
    the chosen state, text fields a stream drawing the text (non-WinAnsi characters stood in
    for, the field keeping its /DA font from the form's /DR)."""
    tool, data = TOOLS[slug], filled_by_browser[slug]
    answers = in_pdf(tool, fill_answers(tool))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        form = pdf.Root.AcroForm
        assert not bool(form.get("/NeedAppearances", False))
        assert sorted(str(f.T) for f in form.Fields) == sorted(field_by_name(tool))
        for field in form.Fields:
            name = str(field.T)
            if name not in answers:
                continue
            assert not int(field.get("/Ff", 0)) & 1, "still fillable (not read-only)"
            for widget in field.get("/Kids", [field]):
                if field.FT == "/Btn":
                    assert expected_state(widget, answers[name]) == widget.AS
                    assert widget.AS in widget.AP.N
                else:
                    shown = NON_WINANSI_DRAWN if answers[name] == NON_WINANSI else answers[name]
                    assert drawn_text(widget.AP.N) == " ".join(shown.split())
                    assert str(field.DA).split()[0] in form.DR.Font


def expected_state(widget, answer: str) -> pikepdf.Name:
    """The /AS a button widget must have for an answer: its on state if that is the answer
    (any on state for a ticked checkbox), else Off."""
    on = next(k for k in widget.AP.N.keys() if k != "/Off")
    return pikepdf.Name(on) if on == f"/{answer}" or answer == "yes" else pikepdf.Name.Off


def widget_boxes(data: bytes, answers: dict[str, str]) -> tuple[int, list, list]:
    """The first page with a filled widget (1-based), the boxes (PDF units) of its widgets that
    show an answer (a text field, the button of the chosen option, a ticked checkbox) and of all
    its widgets."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            filled, every = [], []
            for annot in page.get("/Annots", []):
                box = [float(v) for v in annot.Rect]
                every.append(box)
                field = annot.get("/Parent", annot)
                answer = answers.get(str(field.T))
                if answer is not None and (
                    field.FT == "/Tx" or expected_state(annot, answer) != pikepdf.Name.Off
                ):
                    filled.append(box)
            if filled:
                return number, filled, every
    raise AssertionError("no filled widget on any page")


@pytest.mark.parametrize("slug", list(TOOLS))
def test_poppler_shows_the_filled_answers(slug, filled_by_browser, tmp_path):
    """Verify poppler draws something new inside every filled widget (ticks, text) of the first
    page that has one, and nothing changes outside the widgets."""
    tool = TOOLS[slug]
    number, filled_boxes, all_boxes = widget_boxes(
        filled_by_browser[slug], in_pdf(tool, fill_answers(tool))
    )
    width, height, blank = gray_page(pdf_of(slug), number, tmp_path, "blank")
    _, _, filled = gray_page(filled_by_browser[slug], number, tmp_path, "filled")
    scale = 50 / 72

    def pixels(box) -> tuple[range, range]:  # PDF units → pixel rows, columns (2 px margin)
        x0, y0, x1, y1 = box
        top, left = height - int(y1 * scale) - 2, int(x0 * scale) - 2
        return (
            range(max(top, 0), min(height - int(y0 * scale) + 2, height)),
            range(max(left, 0), min(int(x1 * scale) + 2, width)),
        )

    def changed(rows, cols) -> int:
        return sum(blank[y * width + x] != filled[y * width + x] for y in rows for x in cols)

    assert all(changed(*pixels(box)) > 0 for box in filled_boxes)
    inside = {
        (y, x) for box in all_boxes for rows, cols in [pixels(box)] for y in rows for x in cols
    }
    outside = [
        i
        for i in range(width * height)
        if blank[i] != filled[i] and (i // width, i % width) not in inside
    ]
    assert outside == []


# ------------------------------------------------------------------ bad files


BAD_FILES = {  # name → (file maker, the problem both must report)
    "not_pdf": (lambda tmp: b"name,answer\nready,yes\n", "not_pdf"),
    "truncated": (lambda tmp: tool2_filled()[: len(tool2_filled()) // 2], "damaged"),
    "garbage": (lambda tmp: b"%PDF-1.7\n" + b"\x8f garbage " * 400 + b"\n%%EOF\n", "damaged"),
    "password": (user_password_pdf, "encrypted"),
    "no_fields": (lambda tmp: plain_pdf(), "no_fields"),
    "foreign_form": (lambda tmp: foreign_form(), "foreign"),
    "too_large": (lambda tmp: b"%PDF-1.7\n" + bytes(MAX_PDF_BYTES) + b"\n%%EOF\n", "too_large"),
}


@pytest.fixture(scope="module")
def bad_files_read(workdir, tmp_path_factory) -> dict[str, tuple[dict, str]]:
    """Each bad file read by pdf.js (one Node run) and by scripts/pdf_to_json.py (one run):
    name → (pdf.js's result, the command's stderr line for it)."""
    tmp = tmp_path_factory.mktemp("bad")
    files = {name: make(tmp) for name, (make, _) in BAD_FILES.items()}
    browser = node_read(workdir, files)
    paths = [str(workdir / f"{name}.pdf") for name in files]
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "pdf_to_json.py"), *paths],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == len(files), done.stderr
    return {name: (browser[name], line) for name, line in zip(files, lines, strict=True)}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_file_gets_the_same_sentence_in_browser_and_command(name, workdir, bad_files_read):
    """Verify a non-PDF, a cut-short or damaged PDF, a password-protected one, one without
    fields, a form of something else and an oversized file each get one sentence saying what is
    wrong and what to do, the same from pdf.js and from scripts/pdf_to_json.py."""
    browser, command_line = bad_files_read[name]
    problem = PROBLEMS[BAD_FILES[name][1]]
    assert browser == {"error": f"“{name}.pdf” {problem} Nothing was changed."}
    assert command_line == f"error: “{workdir / name}.pdf” {problem}"


def test_vendored_library_matches_its_record():
    """Verify the vendored PDF library is the pinned release (sha256 in vendor.json)."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "vendor_js.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
