"""Filled tool PDFs in real Chromium: a PDF filled by another program loads into its form (on the
tool page and on the tools index), "Download filled PDF" gives a PDF every reader reads back,
bad PDFs are refused without touching saved answers, the PDF library is fetched from the site
only when a PDF is loaded or asked for, and the page passes WCAG 2.2 AA afterwards."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date
from pathlib import Path

import pikepdf
import pytest
from pdf_checks import (
    NON_WINANSI,
    foreign_form,
    gray_page,
    pikepdf_values,
    plain_pdf,
    pymupdf_values,
    user_password_pdf,
)
from pdf_fill import (
    TOOLS,
    corrupt_like_preview,
    field_by_name,
    fill_with_pikepdf,
    fill_with_pymupdf,
    sample_answers,
)
from playwright.sync_api import expect
from tool_form import (
    MESSAGE,
    answers_file,
    file_payload,
    form_answers,
    message,
    open_tool,
    per_kind_of_field,
    storage_key,
    stored,
    violations,
    wait_stored,
    watched_page,
)

from macros.fields import pdf_filename
from macros.pdf_answers import MAX_PDF_BYTES, PROBLEMS, read_filled_tool

# pikepdf notes the buttons a Preview-style save takes out of the form tree: that is the point.
pytestmark = pytest.mark.filterwarnings(r"ignore:This document has \d+ form widget")

# What each tool's PDF holds, filled by pdf.js or by other programs, is checked in Node on all 13
# tools (tests/test_pdf_js.py: the same module fills and reads every tool's PDF, with qpdf,
# pypdf, pikepdf, PyMuPDF and poppler). What the page adds (the button, the library fetched on
# demand, the download, the file input, showing and saving the answers) is the same code for
# every tool, given the kinds of field it has: it runs on the three tools that have them all
# (`per_kind_of_field`, tool_form.py).
LOAD = "Load answers from a file"
LIBRARY_PATH = "javascripts/vendor/pdf-lib.esm.min.js"
MODULE_PATH = "javascripts/pdf.js"
MULTI_LINE = "First line of the answer\nsecond line — “quoted”"
READY = "Your filled PDF is ready."


# ---------------------------------------------------------------------------- helpers


def count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def change(before: dict[str, str], after: dict[str, str]) -> str:
    """'n answers added, n changed, n removed', as the page words a replacement."""
    names = set(before) | set(after)
    added = sum(n not in before for n in names)
    removed = sum(n not in after for n in names)
    changed = sum(n in before and n in after and before[n] != after[n] for n in names)
    return f"{count(added, 'answer')} added, {changed} changed, {removed} removed"


def loaded(name: str, summary: str) -> re.Pattern:
    """The message after a successful load (its text, then the Undo import button)."""
    return re.compile("^" + re.escape(f"Loaded “{name}”: {summary}.") + r"\s*Undo import$")


def refused(name: str, problem: str) -> str:
    return f"“{name}” {PROBLEMS[problem]} Nothing was changed."


def pdf_payload(data: bytes, name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": data}


def blank_pdf(built_site: Path, tool) -> bytes:
    """The tool's fillable PDF as the site serves it."""
    return (built_site / "pdf" / pdf_filename(tool)).read_bytes()


def printed(tool) -> set[str]:
    return set(field_by_name(tool))


def raw_stored(page, slug: str) -> str | None:
    return page.evaluate("key => localStorage.getItem(key)", storage_key(slug))


def open_index(page, base_url: str) -> None:
    page.goto(base_url + "tools/")
    page.locator(".tool-all.is-ready").wait_for()


def accept_confirm(page, seen: list[str]) -> None:
    """Accept the next dialog, noting its type."""

    def on_dialog(dialog):
        seen.append(dialog.type)
        dialog.accept()

    page.once("dialog", on_dialog)


def load_into_new_profile(
    browser, base_url: str, tool, data: bytes, name: str, expected: dict[str, str]
) -> None:
    """Load a PDF on the tool's page in a fresh profile: every answer shows and is saved."""
    slug = tool["slug"]
    with watched_page(browser, base_url) as page:
        open_tool(page, base_url, slug)
        assert form_answers(page) == {}
        page.get_by_label(LOAD).set_input_files(pdf_payload(data, name))
        expect(message(page)).to_have_text(loaded(name, change({}, expected)))
        expect(message(page)).not_to_have_class(re.compile("tool-message--error"))
        assert form_answers(page) == expected
        wait_stored(page, slug, expected)
        record = stored(page, slug)
        assert record["version"] == tool["version"]
        assert not record.get("extra")


def load_answers_file(page, slug: str, answers: dict[str, str]) -> None:
    """Fill an empty form by loading an answers file (JSON)."""
    page.get_by_label(LOAD).set_input_files(
        file_payload(answers_file({slug: {"answers": answers}}))
    )
    expect(message(page)).to_have_text(loaded("answers.json", change({}, answers)))


def browser_answers(tool) -> dict[str, str]:
    """Every printed field answered; the first text field outside WinAnsi and the first long
    text on two lines."""
    answers = sample_answers(tool)
    kinds = {name: f.kind for name, f in field_by_name(tool).items()}
    first_text = next((n for n, k in kinds.items() if k == "text"), None)
    first_long = next((n for n, k in kinds.items() if k == "long_text"), None)
    if first_text:
        answers[first_text] = NON_WINANSI
    if first_long:
        answers[first_long] = MULTI_LINE
    return answers


def first_page_with_widgets(data: bytes) -> int:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return next(
            n
            for n, page in enumerate(pdf.pages, start=1)
            if any(a.get("/Subtype") == "/Widget" for a in page.get("/Annots", []))
        )


def download_filled_pdf(page, tmp_path: Path, slug: str) -> Path:
    """Click "Download filled PDF" and save the download under its suggested name."""
    button = page.locator("form.tool-form button[data-action=pdf]")
    expect(button).to_have_text("Download filled PDF")
    with page.expect_download() as download_info:
        button.click()
    download = download_info.value
    assert download.suggested_filename == f"ps-cope-{slug}-filled-{date.today().isoformat()}.pdf"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return path


# ---------------------------------------------------------------------------- loading PDFs


@per_kind_of_field
def test_pdfs_filled_elsewhere_load_into_the_form(browser, base_url, built_site, tool):
    """Verify the tool's PDF filled by pikepdf and by PyMuPDF (every printed field answered)
    loads on the tool page of a fresh profile: every answer shows in the form and is saved."""
    answers = sample_answers(tool)
    assert set(answers) == printed(tool)
    blank = blank_pdf(built_site, tool)
    for how, fill in (("pikepdf", fill_with_pikepdf), ("PyMuPDF", fill_with_pymupdf)):
        name = f"Tool {tool['number']} filled by {how}.pdf"
        load_into_new_profile(browser, base_url, tool, fill(blank, answers), name, answers)


@pytest.mark.parametrize("slug", ["09-organizational-assessment", "02-safe-secure-environment"])
def test_pdf_saved_by_macos_preview_loads_every_radio(browser, base_url, built_site, slug):
    """Verify a PDF whose radio answers are only in orphaned buttons' /AS, as macOS Preview
    saves them, loads with every radio answer."""
    tool = TOOLS[slug]
    answers = sample_answers(tool)
    radios = [name for name, f in field_by_name(tool).items() if f.kind == "radio"]
    data = fill_with_pikepdf(blank_pdf(built_site, tool), answers)
    for name in radios:
        data = corrupt_like_preview(data, name, answers[name])
    with pikepdf.open(io.BytesIO(data)) as pdf:  # the groups themselves hold no answer
        for group in pdf.Root.AcroForm.Fields:
            if str(group.T) in radios:
                assert "/V" not in group
                assert all(pikepdf.Name.Off == kid.AS for kid in group.Kids)
    load_into_new_profile(browser, base_url, tool, data, "Saved by Preview.pdf", answers)


# ---------------------------------------------------------------------------- filled PDFs


@per_kind_of_field
def test_download_filled_pdf_reads_back_everywhere(
    page, browser, base_url, built_site, tool, tmp_path
):
    """Verify "Download filled PDF" gives a PDF that passes qpdf, reads back as the form's
    answers in pypdf, pikepdf and PyMuPDF, draws them without asking the viewer to, and loads
    back into a fresh profile."""
    slug = tool["slug"]
    answers = browser_answers(tool)
    open_tool(page, base_url, slug)
    load_answers_file(page, slug, answers)
    shown = form_answers(page)
    assert shown == answers

    path = download_filled_pdf(page, tmp_path, slug)
    expect(message(page)).to_have_text(READY)
    data = path.read_bytes()
    expected = {name: value for name, value in shown.items() if name in printed(tool)}

    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0 and "WARNING" not in check.stdout + check.stderr, check.stdout
    assert read_filled_tool(data, TOOLS) == (slug, expected)
    assert pikepdf_values(data, tool) == expected
    assert pymupdf_values(data, tool) == expected
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert not bool(pdf.Root.AcroForm.get("/NeedAppearances", False))

    blank = blank_pdf(built_site, tool)
    number = first_page_with_widgets(blank)
    *blank_size, blank_pixels = gray_page(blank, number, tmp_path, "blank")
    *filled_size, filled_pixels = gray_page(data, number, tmp_path, "filled")
    assert filled_size == blank_size
    assert filled_pixels != blank_pixels, f"poppler draws page {number} as if blank"

    load_into_new_profile(browser, base_url, tool, data, path.name, expected)
    assert stored(page, slug)["answers"] == answers  # downloading changed nothing


def test_filled_pdf_names_answers_in_rows_it_does_not_have(page, base_url, tmp_path):
    """Verify answers in a table row beyond the printed ones are left out of the filled PDF and
    the message says how many, pointing to the answers file."""
    tool = TOOLS["06-community-engagement"]
    slug = tool["slug"]
    answers = sample_answers(tool)
    open_tool(page, base_url, slug)
    load_answers_file(page, slug, answers)
    rows = page.locator('[data-rows="targets"] tbody tr')
    expect(rows).to_have_count(5)
    page.locator('[data-rows="targets"] .tool-row-add').click()
    expect(rows).to_have_count(6)
    extra = {
        f"targets_6_{column}": f"row six {column}"
        for column in ("partners", "dimension", "strategies")
    }
    for name, value in extra.items():
        page.locator(f'form.tool-form [name="{name}"]').fill(value)
    assert form_answers(page) == {**answers, **extra}

    data = download_filled_pdf(page, tmp_path, slug).read_bytes()  # before the autosave ran
    expect(message(page)).to_have_text(
        f"{READY} 3 answers in table rows the PDF does not have are not in it: "
        "download the answers file (JSON) to keep them."
    )
    assert read_filled_tool(data, TOOLS) == (slug, answers)
    wait_stored(page, slug, {**answers, **extra})


# ---------------------------------------------------------------------------- bad PDFs


def test_bad_pdfs_are_refused_and_change_nothing(page, base_url, built_site, tmp_path):
    """Verify a non-PDF, a cut-short PDF, a password-protected one, one without fields, another
    tool's, a foreign form and a file over 10 MB each get their sentence, leave the saved record
    exactly as it was, and the page still loads a good PDF afterwards."""
    tool = TOOLS["02-safe-secure-environment"]
    slug = tool["slug"]
    other = TOOLS["09-organizational-assessment"]
    full = sample_answers(tool)
    saved = dict(list(full.items())[:3])
    open_tool(page, base_url, slug)
    load_answers_file(page, slug, saved)
    wait_stored(page, slug, saved)
    before = raw_stored(page, slug)

    good = fill_with_pikepdf(blank_pdf(built_site, tool), full)
    cases = {
        "x.pdf": (b"name,answer\nready,yes\n", refused("x.pdf", "not_pdf")),
        "cut short.pdf": (good[: len(good) // 2], refused("cut short.pdf", "damaged")),
        "locked.pdf": (user_password_pdf(tmp_path), refused("locked.pdf", "encrypted")),
        "printed.pdf": (plain_pdf(), refused("printed.pdf", "no_fields")),
        "tool 9.pdf": (
            fill_with_pikepdf(blank_pdf(built_site, other), sample_answers(other)),
            f"“tool 9.pdf” holds answers for Tool {other['number']}: {other['title']}, "
            f"not for {tool['title']}. Load it on that tool’s page or on the tools "
            "index page. Nothing was changed.",
        ),
        "foreign.pdf": (foreign_form(), refused("foreign.pdf", "foreign")),
        "huge.pdf": (
            b"%PDF-1.7\n" + bytes(MAX_PDF_BYTES) + b"\n%%EOF\n",
            refused("huge.pdf", "too_large"),
        ),
    }
    file_input = page.get_by_label(LOAD)
    for name, (data, says) in cases.items():
        file_input.set_input_files(pdf_payload(data, name))
        expect(message(page), name).to_have_text(says)
        expect(message(page), name).to_have_class(re.compile("tool-message--error"))
        assert raw_stored(page, slug) == before, name
        assert form_answers(page) == saved, name

    dialogs: list[str] = []
    accept_confirm(page, dialogs)
    file_input.set_input_files(pdf_payload(good, "good.pdf"))
    expect(message(page)).to_have_text(loaded("good.pdf", change(saved, full)))
    assert dialogs == ["confirm"]
    assert form_answers(page) == full
    wait_stored(page, slug, full)


# ---------------------------------------------------------------------------- network


def pdf_code(url: str) -> bool:
    return "vendor/pdf-lib" in url or url.split("?")[0].endswith("/" + MODULE_PATH)


@pytest.mark.parametrize("where", ["tool page load", "tool page fill", "tools index load"])
def test_pdf_library_is_fetched_only_when_needed_and_from_the_site(
    page, base_url, built_site, where, tmp_path
):
    """Verify no page asks for the PDF code until a PDF is loaded or a filled PDF is asked for,
    and then fetches it from the site itself."""
    tool = TOOLS["04-trained-responsive-workforce"]
    slug = tool["slug"]
    answers = sample_answers(tool)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    if where.startswith("tools index"):
        open_index(page, base_url)
    else:
        open_tool(page, base_url, slug)
    page.wait_for_load_state("networkidle")
    if where == "tool page fill":  # answers loaded from a JSON file need no PDF code
        load_answers_file(page, slug, answers)
        page.wait_for_load_state("networkidle")
    page_code = base_url + (
        "javascripts/tools-index.js" if where.startswith("tools index") else "javascripts/form.js"
    )
    assert page_code in requests  # the page's own modules were seen loading
    assert [url for url in requests if pdf_code(url)] == []

    if where == "tool page fill":
        download_filled_pdf(page, tmp_path, slug)
        expect(message(page)).to_have_text(READY)
    else:
        page.get_by_label(LOAD).set_input_files(
            pdf_payload(fill_with_pikepdf(blank_pdf(built_site, tool), answers), "filled.pdf")
        )
        summary = change({}, answers)
        if where.startswith("tools index"):
            summary = f"Tool {tool['number']}: {summary}"
        expect(message(page)).to_have_text(loaded("filled.pdf", summary))
    assert [url for url in requests if "vendor/pdf-lib" in url] == [base_url + LIBRARY_PATH]
    assert base_url + MODULE_PATH in requests


# ---------------------------------------------------------------------------- tools index


def test_tools_index_loads_a_filled_pdf_into_its_tool(page, base_url, built_site):
    """Verify a filled PDF loaded on the tools index is saved as its tool's answers (asking
    before it replaces some), and the tool's page shows them."""
    tool = TOOLS["12-operational-plan"]
    slug = tool["slug"]
    answers = sample_answers(tool)
    blank = blank_pdf(built_site, tool)
    open_index(page, base_url)
    page.get_by_label(LOAD).set_input_files(
        pdf_payload(fill_with_pymupdf(blank, answers), "plan.pdf")
    )
    expect(message(page)).to_have_text(
        loaded("plan.pdf", f"Tool {tool['number']}: {change({}, answers)}")
    )
    assert stored(page, slug)["answers"] == answers
    assert [
        key
        for key in page.evaluate("Object.keys(localStorage)")
        if key.removeprefix("ps-cope:/:") in TOOLS
    ] == [storage_key(slug)]

    changed = {
        name: (value + " (revised)" if field_by_name(tool)[name].kind == "text" else value)
        for name, value in answers.items()
    }
    changed.pop(next(iter(changed)))
    dialogs: list[str] = []
    accept_confirm(page, dialogs)
    page.get_by_label(LOAD).set_input_files(
        pdf_payload(fill_with_pikepdf(blank, changed), "plan revised.pdf")
    )
    expect(message(page)).to_have_text(
        loaded("plan revised.pdf", f"Tool {tool['number']}: {change(answers, changed)}")
    )
    assert dialogs == ["confirm"]
    assert stored(page, slug)["answers"] == changed

    open_tool(page, base_url, slug)
    assert form_answers(page) == changed


# ---------------------------------------------------------------------------- accessibility


def test_tool_page_after_pdf_loads_passes_wcag_22_aa(page, base_url, built_site):
    """Verify axe-core finds no WCAG 2.2 A/AA violation in the message a refused PDF leaves,
    nor in the one a loaded PDF leaves (test_forms.py scans the page with its answers)."""
    tool = TOOLS["06-community-engagement"]
    open_tool(page, base_url, tool["slug"])
    page.get_by_label(LOAD).set_input_files(pdf_payload(plain_pdf(), "printed.pdf"))
    expect(message(page)).to_have_text(refused("printed.pdf", "no_fields"))
    assert violations(page, within=MESSAGE) == []
    answers = sample_answers(tool)
    page.get_by_label(LOAD).set_input_files(
        pdf_payload(fill_with_pikepdf(blank_pdf(built_site, tool), answers), "filled.pdf")
    )
    expect(message(page)).to_have_text(loaded("filled.pdf", change({}, answers)))
    assert form_answers(page) == answers
    assert violations(page, within=MESSAGE) == []
