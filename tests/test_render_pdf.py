"""The fillable PDFs: valid, exactly the tool's fields, tooltips, no limits, verbatim text."""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pdf_fill import TOOLS, pdf_of
from pypdf import PdfReader
from tool_facts import FIELDS

from macros.fields import iter_blocks, iter_fields
from macros.pdf_files import cached_pdf
from macros.render_pdf import markdown_flowables, printable, render_pdf

ROOT = Path(__file__).resolve().parent.parent


def normalise(text: str) -> str:
    """Whitespace-normalised; a hyphen that ends a line joins the next word (PDF text wraps)."""
    return " ".join(re.sub(r"-\n\s*", "-", text).split())


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
    assert len(fields) == FIELDS[slug][0]  # counted by hand (tests/tool_facts.py)


def _codes_drawn(pdf: pikepdf.Pdf) -> dict[tuple[int, int], set[int]]:
    """The character codes each page font draws (Tj, TJ), by the font's object number."""
    drawn: dict[tuple[int, int], set[int]] = {}
    for page in pdf.pages:
        fonts = page.Resources.get("/Font", {})
        codes: set[int] = set()
        for instruction in pikepdf.parse_content_stream(page):
            op = str(instruction.operator)
            if op == "Tf":
                codes = drawn.setdefault(fonts[instruction.operands[0]].objgen, set())
            elif op == "Tj":
                codes.update(bytes(instruction.operands[0]))
            elif op == "TJ":
                for part in instruction.operands[0]:
                    if isinstance(part, pikepdf.String):
                        codes.update(bytes(part))
    return drawn


def _to_unicode(font: pikepdf.Dictionary) -> dict[int, str]:
    """A simple font's codes and the characters they stand for (its /ToUnicode bfchar pairs)."""
    cmap = font.ToUnicode.read_bytes()
    pairs = b"".join(re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S))
    found = re.findall(rb"<([0-9A-Fa-f]{2})> <([0-9A-Fa-f]{4})>", pairs)
    return {int(code, 16): chr(int(char, 16)) for code, char in found}


def test_embedded_fonts_hold_only_the_characters_drawn(slug):
    """Verify each embedded font subset holds only characters the PDF draws with it, and the
    space (which ReportLab always keeps): no glyphs shipped for nothing (ReportLab's default
    subset carries all of ASCII)."""
    with pikepdf.open(io.BytesIO(pdf_of(slug))) as pdf:
        drawn = _codes_drawn(pdf)
        embedded = [
            font
            for font in pdf.objects
            if isinstance(font, pikepdf.Dictionary)
            and font.get("/Subtype") == "/TrueType"
            and "/FontFile2" in font.FontDescriptor
        ]
        assert embedded
        for font in embedded:
            chars = _to_unicode(font)
            shown = {chars[code] for code in drawn[font.objgen]}
            assert set(chars.values()) - {" "} <= shown, str(font.BaseFont)


def test_document_title_language_and_appearances(slug):
    """Verify /Lang, the title shown in the window, and no NeedAppearances."""
    tool = TOOLS[slug]
    with pikepdf.open(io.BytesIO(pdf_of(slug))) as pdf:
        assert str(pdf.Root.Lang) == "en-US"
        title = f"Tool {tool['number']}: {tool['title']} — PS-COPE Toolkit"
        assert str(pdf.docinfo["/Title"]) == title
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert not pdf.Root.AcroForm.get("/NeedAppearances", False)


def test_fields_have_tooltips_and_no_limits(slug):
    """Verify every field has its label as /TU, nothing is required, text has no /MaxLen,
    multi-line answers are multi-line."""
    fields = {f.name: f for f in iter_fields(TOOLS[slug], rows="printed")}
    with pikepdf.open(io.BytesIO(pdf_of(slug))) as pdf:
        for node in pdf.Root.AcroForm.Fields:
            field = fields[str(node.T)]
            flags = int(node.get("/Ff", 0))
            assert flags & 2 == 0, f"{field.name} is required"
            assert "/MaxLen" not in node, f"{field.name} has a length limit"
            assert str(node.TU) == field.label
            assert bool(flags & (1 << 12)) == (field.kind == "long_text"), field.name
            for kid in node.get("/Kids", []):
                assert str(kid.TU) == field.label


def test_every_widget_has_tooltip_and_on_off_appearances(slug):
    """Verify each widget on the pages (every radio button too) carries or inherits /TU, and
    buttons have a normal appearance for exactly one on state and /Off."""
    with pikepdf.open(io.BytesIO(pdf_of(slug))) as pdf:
        for page in pdf.pages:
            for annot in page.get("/Annots", []):
                if annot.Subtype != "/Widget":
                    continue
                owner = annot.get("/Parent", annot)
                assert "/TU" in annot, owner.T
                if owner.get("/FT") == "/Btn":
                    states = {str(k) for k in annot.AP.N.keys()}
                    assert "/Off" in states and len(states) == 2, states


def test_radio_export_values_are_the_scale_values(slug):
    """Verify each radio group's buttons export exactly its options' values, in order."""
    fields = {f.name: f for f in iter_fields(TOOLS[slug], rows="printed")}
    with pikepdf.open(io.BytesIO(pdf_of(slug))) as pdf:
        for node in pdf.Root.AcroForm.Fields:
            if "/Kids" in node:
                on = [
                    next(str(k)[1:] for k in kid.AP.N.keys() if k != "/Off") for kid in node.Kids
                ]
                assert on == [value for value, _ in fields[str(node.T)].options]


def test_same_definition_gives_same_bytes(slug):
    """Verify output is deterministic."""
    assert render_pdf(TOOLS[slug]) == pdf_of(slug)


def test_first_page_renders_with_poppler(slug, tmp_path):
    """Verify poppler renders page 1 and it is not blank (grey-map output: a trivial format)."""
    path = tmp_path / "tool.pdf"
    path.write_bytes(pdf_of(slug))
    subprocess.run(
        ["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-gray", str(path), str(tmp_path / "page")],
        check=True,
    )
    image = next(tmp_path.glob("page*.pgm")).read_bytes()
    header_end = [m.end() for m in re.finditer(rb"\s", image)][3]
    pixels = image[header_end:]
    inked = sum(1 for p in pixels if p < 200)
    assert inked / len(pixels) > 0.02


def printed_texts(tool: dict) -> list[str]:
    """Every statement, criterion, question, label and column heading a tool defines."""
    wanted = []
    for block in iter_blocks(tool["blocks"]):
        kind = block["type"]
        if kind == "section":
            wanted.append(block["heading"].replace("{n}", "1"))
        elif kind in ("checklist", "rating_grid"):
            wanted.extend(o["label"] for o in tool["scales"][block["scale"]])
            wanted.extend([block["lead_in"]] if "lead_in" in block else [])
            wanted.extend([block["heading"]] if "heading" in block else [])
            for item in block["items"]:
                wanted.append(item["text"])
                wanted.extend(o["text"] for o in item.get("options", []))
        elif kind == "question_table":
            wanted.extend(r["text"] for r in block["rows"])
            wanted.extend(c["label"] for c in block["columns"])
        elif kind == "rows":
            wanted.extend(c["label"] for c in block["columns"])
            wanted.extend([block["label"]] if "label" in block else [])
        elif kind in ("text", "long_text", "date", "checkbox"):
            wanted.append(block["label"])
        elif kind == "choice":
            wanted.append(block["label"])
            wanted.extend(o["label"] for o in block["options"])
        elif kind == "tool_ref":
            wanted.append(block["text"])
    return wanted


def test_text_contains_every_item_verbatim(slug):
    """Verify the PDF's text holds every item, criterion, question, label and column heading."""
    reader = PdfReader(io.BytesIO(pdf_of(slug)))
    text = normalise("\n".join(page.extract_text() for page in reader.pages))
    missing = [w for w in printed_texts(TOOLS[slug]) if normalise(printable(w)) not in text]
    assert not missing


def test_title_block_and_footer(slug):
    """Verify the title, element, completion and the footer with credit and page numbers."""
    tool = TOOLS[slug]
    reader = PdfReader(io.BytesIO(pdf_of(slug)))
    pages = [normalise(page.extract_text()) for page in reader.pages]
    assert f"Tool {tool['number']}: {normalise(tool['title'])}" in pages[0]
    assert "Who completes this:" in pages[0]
    assert tool["element"] in pages[0]
    for n, page in enumerate(pages, 1):
        assert f"PS-COPE Toolkit — Tool {tool['number']}:" in page
        assert "Toolkit text: PS-COPE Toolkit, National Council for Mental Wellbeing." in page
        assert "PS-COPE Toolkit site." in page
        assert f"Page {n} of {len(pages)}" in page


def test_printable_keeps_winansi_and_approximates_the_rest():
    """Verify characters the standard fonts have stay; others get readable stand-ins."""
    kept = "O’Neil’s “café” — 1–2 • €5"
    assert printable(kept) == kept
    assert printable("≥ 3 → ‑ ﬁ ⅓") == ">= 3 -> - fi 1/3"
    assert printable("中") == "?"


def test_markdown_subset_becomes_flowables():
    """Verify lists (nested, numbered), tables and inline markup become the expected flowables."""
    text = (
        "A **bold** and *italic* [link](https://example.org/?a=1&b=2) & <tag>.\n\n"
        "- one\n    - nested\n- two\n\nThen:\n\n1. three\n2. four\n\n"
        "| A | B |\n| --- | --- |\n| 1 | 2 |\n"
    )
    flowables = markdown_flowables(text)
    kinds = [type(f).__name__ for f in flowables]
    assert kinds == ["Paragraph"] * 4 + ["Spacer"] + ["Paragraph"] * 3 + ["Spacer", "Table"]
    first = flowables[0].text
    assert "<b>bold</b>" in first and "<i>italic</i>" in first
    assert 'href="https://example.org/?a=1&amp;b=2"' in first and "&amp; &lt;tag&gt;" in first
    assert [f.bulletText for f in flowables[1:4]] == ["•", "–", "•"]
    assert flowables[2].style.leftIndent > flowables[1].style.leftIndent
    assert [f.bulletText for f in flowables[6:8]] == ["1.", "2."]


def test_link_in_markdown_is_a_live_link():
    """Verify a Markdown link becomes a URI link annotation."""
    tool = {
        **TOOLS["02-safe-secure-environment"],
        "directions": "See [the toolkit](https://www.thenationalcouncil.org/).",
    }
    with pikepdf.open(io.BytesIO(render_pdf(tool))) as pdf:
        uris = [
            str(a.A.URI)
            for page in pdf.pages
            for a in page.get("/Annots", [])
            if a.Subtype == "/Link"
        ]
    assert uris == ["https://www.thenationalcouncil.org/"]


def test_cache_reuses_unchanged_pdfs(tmp_path):
    """Verify the build cache renders once and then serves the same bytes."""
    tool = TOOLS["02-safe-secure-environment"]
    first = cached_pdf(tool, tmp_path)
    (cached,) = tmp_path.glob("*.pdf")
    stamp = cached.stat().st_mtime_ns
    assert cached_pdf(tool, tmp_path) == first
    assert cached.stat().st_mtime_ns == stamp
    changed = {**tool, "title": tool["title"] + " (edited)"}
    assert cached_pdf(changed, tmp_path) != first
    assert len(list(tmp_path.glob("*.pdf"))) == 1
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_batch_renders_only_the_missing_pdfs_while_the_caller_goes_on(tmp_path):
    """Verify PdfBatch names every tool's cache file at once, renders only the ones not cached
    (in other processes), has them in the cache once `wait()` returns, and raises a renderer's
    error there."""
    from macros.pdf_files import PdfBatch

    tools = {
        slug: TOOLS[slug] for slug in ("04-trained-responsive-workforce", "11-build-consensus")
    }
    cached = cached_pdf(tools["11-build-consensus"], tmp_path)
    stamp = next(tmp_path.glob("11-*.pdf")).stat().st_mtime_ns
    batch = PdfBatch(tools, tmp_path)
    assert sorted(batch.paths) == sorted(tools)
    assert not batch.paths["04-trained-responsive-workforce"].exists()  # cached by wait()
    batch.wait()
    assert batch.paths["04-trained-responsive-workforce"].read_bytes() == render_pdf(
        tools["04-trained-responsive-workforce"]
    )
    assert batch.paths["11-build-consensus"].read_bytes() == cached
    assert batch.paths["11-build-consensus"].stat().st_mtime_ns == stamp
    broken = PdfBatch({"broken": {"slug": "broken", "blocks": []}}, tmp_path / "other")
    with pytest.raises(KeyError):
        broken.wait()


def test_builds_at_once_share_the_cache_without_a_half_written_pdf(tmp_path):
    """Verify the cache is written whole (a partial file, then a rename) and a stale PDF another
    build already removed is no error: the test workers build at the same time."""
    from macros import pdf_files

    tool = TOOLS["02-safe-secure-environment"]
    seen = []
    real_replace = pdf_files.os.replace

    def replace(src, dst):
        seen.append((Path(src).name, Path(dst).name, Path(src).read_bytes()[:5]))
        return real_replace(src, dst)

    stale = tmp_path / f"{tool['slug']}-0000000000000000.pdf"
    stale.write_bytes(b"%PDF-old")
    pdf_files.os.replace, original = replace, pdf_files.os.replace
    try:
        data = cached_pdf(tool, tmp_path)
    finally:
        pdf_files.os.replace = original
    ((src, dst, head),) = seen
    assert src.startswith(".") and src.endswith(".partial") and head == b"%PDF-"
    assert [p.name for p in tmp_path.iterdir()] == [dst] and (tmp_path / dst).read_bytes() == data


def test_tab_order_follows_reading_order(slug):
    """Verify the widgets on the pages come in the fields' reading order (viewers tab that way)."""
    with pikepdf.open(io.BytesIO(pdf_of(slug))) as pdf:
        order = []
        for page in pdf.pages:
            for annot in page.get("/Annots", []):
                if annot.Subtype == "/Widget":
                    name = str(annot.get("/Parent", annot).T)
                    if not order or order[-1] != name:
                        order.append(name)
    assert order == [f.name for f in iter_fields(TOOLS[slug], rows="printed")]


def test_vendored_fonts_match_their_record():
    """Verify the embedded fonts are the recorded files (macros/fonts/SHA256SUMS)."""
    fonts = ROOT / "macros" / "fonts"
    lines = (fonts / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    recorded = dict(reversed(line.split()) for line in lines)
    assert sorted(recorded) == sorted(p.name for p in fonts.glob("*.ttf"))
    for name, digest in recorded.items():
        assert hashlib.sha256((fonts / name).read_bytes()).hexdigest() == digest, name
