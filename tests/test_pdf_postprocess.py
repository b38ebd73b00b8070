"""The pikepdf pass's pieces (macros/pdf_postprocess.py) and the structure recorded while drawing
(macros/pdf_tags.py), on small hand-made PDFs and canvases whose right answer is known."""

from __future__ import annotations

import io

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from macros.pdf_postprocess import clean_to_unicode, mark_artifacts, write_structure
from macros.pdf_tags import Annot, Content, Node, Tagged, Tags

CMAP = b"""/CIDInit /ProcSet findresource begin
begincmap
1 begincodespacerange
<00> <7F>
endcodespacerange
3 beginbfchar
<00> <0000>
<20> <0020>
<21> <0000>
endbfchar
endcmap
"""


def one_page(content: bytes, cmap: bytes = CMAP) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    font = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.TrueType,
            BaseFont=Name("/AAAAAA+Test"),
            ToUnicode=pdf.make_stream(cmap),
        )
    )
    page = pdf.pages[0]
    page.obj.Resources = Dictionary(Font=Dictionary(F1=font))
    page.obj.Contents = pdf.make_stream(content)
    return pdf


def operators(pdf) -> list[str]:
    return [str(i.operator) for i in pikepdf.parse_content_stream(pdf.pages[0])]


def test_painting_outside_tagged_content_becomes_an_artifact():
    """Verify a rule and a filled box drawn outside marked content are wrapped as /Artifact,
    the tagged paragraph and a run that paints nothing are left as they are."""
    pdf = one_page(
        b"0 0 m 10 0 l S /P <</MCID 0>> BDC BT /F1 9 Tf (a) Tj ET EMC "
        b"q 1 0 0 1 5 5 cm Q 1 1 4 4 re f"
    )
    mark_artifacts(pdf, pdf.pages[0])
    assert operators(pdf) == [
        "BMC",
        "m",
        "l",
        "S",
        "EMC",
        "BDC",
        "BT",
        "Tf",
        "Tj",
        "ET",
        "EMC",
        "BMC",
        "q",
        "cm",
        "Q",
        "re",
        "f",
        "EMC",
    ]
    tags = [
        str(i.operands[0])
        for i in pikepdf.parse_content_stream(pdf.pages[0])
        if str(i.operator) in ("BMC", "BDC")
    ]
    assert tags == ["/Artifact", "/P", "/Artifact"]


def test_a_wrapped_line_gets_its_word_space_back():
    """Verify the last word of a line the next line continues gets a trailing space (in a font
    whose code 32 is the space), and the paragraph's last line does not."""
    pdf = one_page(
        b"/P <</MCID 0>> BDC BT 1 0 0 1 0 20 Tm /F1 9 Tf (in the) Tj T* (community) Tj ET EMC"
    )
    mark_artifacts(pdf, pdf.pages[0])
    shown = [
        bytes(i.operands[0])
        for i in pikepdf.parse_content_stream(pdf.pages[0])
        if str(i.operator) == "Tj"
    ]
    assert shown == [b"in the ", b"community"]


def test_no_space_is_added_in_a_font_whose_code_32_is_not_the_space():
    pdf = one_page(
        b"/P <</MCID 0>> BDC BT /F1 9 Tf (ab) Tj T* (cd) Tj ET EMC",
        cmap=CMAP.replace(b"<20> <0020>", b"<20> <00E9>"),
    )
    mark_artifacts(pdf, pdf.pages[0])
    shown = [
        bytes(i.operands[0])
        for i in pikepdf.parse_content_stream(pdf.pages[0])
        if str(i.operator) == "Tj"
    ]
    assert shown == [b"ab", b"cd"]


def test_to_unicode_loses_its_u0000_entries():
    """Verify the codes mapped to U+0000 are dropped and the entry count follows (3 → 1)."""
    pdf = one_page(b"")
    clean_to_unicode(pdf)
    cmap = pdf.pages[0].Resources.Font.F1.ToUnicode.read_bytes()
    assert b"1 beginbfchar\n<20> <0020>\nendbfchar" in cmap
    assert b"<0000>" not in cmap


@pytest.mark.filterwarnings("ignore:This document has 1 form widget")  # a widget, no form
def test_structure_tree_parent_tree_and_form_element():
    """Verify a Document > P (MCID 0 on page 1) + Form (widget 0 of page 1) tree: the P holds
    MCID 0 on its page, the Form one OBJR to the widget, the ParentTree maps page 0's MCIDs to
    [P] and key 1 to the Form, and the page gets /StructParents 0 and /Tabs /S."""
    pdf = one_page(b"/P <</MCID 0>> BDC EMC")
    widget = pdf.make_indirect(
        Dictionary(Type=Name.Annot, Subtype=Name.Widget, Rect=Array([0, 0, 10, 10]))
    )
    pdf.pages[0].obj.Annots = Array([widget])
    tags = Tags()
    tags.root.kids = [Node("P", kids=[Content(1, 0)]), Node("Form", kids=[Annot(1, 0)])]
    write_structure(pdf, tags)
    out = io.BytesIO()
    pdf.save(out)
    with pikepdf.open(out) as saved:
        tree, page = saved.Root.StructTreeRoot, saved.pages[0].obj
        document = tree.K
        paragraph, form = document.K
        assert (Name.Document, Name.P, Name.Form) == (document.S, paragraph.S, form.S)
        assert list(paragraph.K) == [0] and paragraph.Pg.objgen == page.objgen
        assert form.K[0].Type == Name.OBJR and form.K[0].Obj.objgen == page.Annots[0].objgen
        nums = tree.ParentTree.Nums
        assert int(nums[0]) == 0 and nums[1][0].objgen == paragraph.objgen
        assert int(nums[2]) == 1 and nums[3].objgen == form.objgen
        assert int(page.Annots[0].StructParent) == 1 and int(tree.ParentTreeNextKey) == 2
        assert page.StructParents == 0 and page.Tabs == Name.S
        assert saved.Root.MarkInfo.Marked is True


def test_a_flowable_drawn_twice_is_an_artifact_the_second_time():
    """Verify a tagged paragraph's first drawing is marked content of its element (MCID 0) and
    its second (a repeated table header) a pagination artifact, with one MCR in the element."""
    canvas, tags = Canvas(io.BytesIO()), Tags()
    node = tags.root.add("TH")
    cell = Tagged(Paragraph("Yes", ParagraphStyle("s")), node, tags)
    cell.wrapOn(canvas, 100, 100)
    cell.drawOn(canvas, 0, 0)
    cell.drawOn(canvas, 0, 50)
    code = "\n".join(canvas._code)
    assert code.count("/TH <</MCID 0>> BDC") == 1
    assert code.count("/Artifact <</Type /Pagination>> BDC") == 1
    assert code.count("EMC") == 2
    assert node.kids == [Content(1, 0)]
