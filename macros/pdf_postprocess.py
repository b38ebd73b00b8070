"""pikepdf pass over ReportLab's output: what viewers and PDF/UA-1 need that ReportLab does not
write. Pure bytes in, bytes out; the structure recorded while drawing (`pdf_tags.Tags`) becomes
the structure tree."""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name

from .pdf_tags import Annot, Content, Node, Tags

# Operators that put marks on the page: outside tagged content they must be artifacts.
_PAINTING = {
    "S",
    "s",
    "f",
    "F",
    "f*",
    "B",
    "B*",
    "b",
    "b*",
    "sh",
    "Do",
    "BI",
    "Tj",
    "TJ",
    "'",
    '"',
}
_OWNER = {"TH": "Table", "TD": "Table", "L": "List"}  # owner (/O) of an element's attributes


def finish_pdf(
    data: bytes, lang: str, title: str | None = None, tags: Tags | None = None
) -> bytes:
    """Copy each radio group's /TU onto its buttons (pdf.js reads it there), set /Lang and show
    the document title; never ask viewers to regenerate appearances. With `tags`: write the
    structure tree, make untagged page content artifacts, tab order by structure on every page,
    and PDF/UA-1 identification in XMP metadata. Saved deterministically."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        root.Lang = pikepdf.String(lang)
        root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        form = root.get("/AcroForm")
        if form is not None:
            if "/NeedAppearances" in form:
                del form.NeedAppearances
            for field in form.Fields:
                tooltip = field.get("/TU")
                for kid in field.get("/Kids", []):
                    if tooltip is not None and "/TU" not in kid:
                        kid.TU = tooltip
        if tags is not None:
            write_structure(pdf, tags)
            for page in pdf.pages:
                mark_artifacts(pdf, page)
            clean_to_unicode(pdf)
            root.Metadata = xmp_metadata(pdf, title or str(pdf.docinfo.get("/Title", "")), lang)
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
        return out.getvalue()


def write_structure(pdf: pikepdf.Pdf, tags: Tags) -> None:
    """/StructTreeRoot from the recorded tree, the /ParentTree that maps each page's MCIDs and
    each annotation back to its element, /StructParent(s), /Tabs /S and /MarkInfo."""
    pages = [page.obj for page in pdf.pages]
    by_mcid: list[dict[int, pikepdf.Object]] = [{} for _ in pages]
    annots: dict[int, pikepdf.Object] = {}  # parent tree key → element
    tree = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))

    def element(node: Node, parent) -> pikepdf.Object:
        elem = pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name("/" + node.role), P=parent)
        )
        if node.attrs:
            attrs = Dictionary(O=Name("/" + _OWNER[node.role]))
            for key, value in node.attrs.items():
                attrs[Name("/" + key)] = Name("/" + value) if isinstance(value, str) else value
            elem.A = attrs
        kids = Array()
        for kid in node.kids:
            if isinstance(kid, Node):
                kids.append(element(kid, elem))
            elif isinstance(kid, Content):
                page = pages[kid.page - 1]
                if "/Pg" not in elem:
                    elem.Pg = page
                kids.append(
                    kid.mcid
                    if elem.Pg.objgen == page.objgen
                    else Dictionary(Type=Name.MCR, Pg=page, MCID=kid.mcid)
                )
                by_mcid[kid.page - 1][kid.mcid] = elem
            elif isinstance(kid, Annot):
                kids.append(_annotation(pdf, pages[kid.page - 1], kid.index, elem, annots))
        elem.K = kids
        return elem

    tree.K = element(tags.root, tree)
    nums: list = []  # key, value, key, value...
    for n, (page, mcids) in enumerate(zip(pages, by_mcid, strict=True)):
        page.StructParents = n
        page.Tabs = Name.S  # tab order follows the structure, on every page
        nums += [n, Array([mcids[i] for i in sorted(mcids)])]
    for key in sorted(annots):
        nums += [key, annots[key]]
    tree.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
    tree.ParentTreeNextKey = len(pages) + len(annots)
    pdf.Root.StructTreeRoot = tree
    pdf.Root.MarkInfo = Dictionary(Marked=True)


def _annotation(pdf, page, index: int, elem, annots: dict) -> pikepdf.Object:
    """An annotation's object reference in `elem` (a widget's Form element), or for a link a Link
    element under it; the annotation points back through the parent tree."""
    annot = page.Annots[index]
    key = len(pdf.pages) + len(annots)
    owner = elem
    if annot.get("/Subtype") == Name.Link:
        owner = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Link, P=elem, Pg=page))
        uri = str(annot.get("/A", {}).get("/URI", ""))
        if "/Contents" not in annot:
            annot.Contents = pikepdf.String(f"Link: {uri}" if uri else "Link")
    annot.StructParent = key
    annots[key] = owner
    objr = Dictionary(Type=Name.OBJR, Obj=annot, Pg=page)
    if owner is elem:
        return objr
    owner.K = Array([objr])
    return owner


def mark_artifacts(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    """Every run of page content outside a marked-content sequence that paints something (a rule,
    cell shading) becomes an /Artifact sequence; wrapped lines get their word space back."""
    out: list = []
    run: list = []
    depth = 0

    def flush():
        if any(str(op.operator) in _PAINTING for op in run):
            out.append(pikepdf.ContentStreamInstruction([Name.Artifact], pikepdf.Operator("BMC")))
            out.extend(run)
            out.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC")))
        else:
            out.extend(run)
        run.clear()

    for instruction in _space_line_ends(page, pikepdf.parse_content_stream(page)):
        op = str(instruction.operator)
        if op in ("BDC", "BMC"):
            if depth == 0:
                flush()
            depth += 1
            out.append(instruction)
        elif op == "EMC":
            depth -= 1
            out.append(instruction)
        elif depth == 0:
            run.append(instruction)
        else:
            out.append(instruction)
    flush()
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))


def xmp_metadata(pdf: pikepdf.Pdf, title: str, lang: str) -> pikepdf.Object:
    """XMP with the title, authors, subject, language and PDF/UA-1 identification (fixed text,
    so the bytes stay deterministic)."""
    info = pdf.docinfo
    author = escape(str(info.get("/Author", "")))
    subject = escape(str(info.get("/Subject", "")))
    creator = escape(str(info.get("/Creator", "")))
    xml = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt>
   </dc:description>
   <dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    stream = pdf.make_stream(xml.encode("utf-8"))
    stream.Type, stream.Subtype = Name.Metadata, Name.XML
    return stream


_NULL_MAPPING = re.compile(rb"^<[0-9A-Fa-f]+> <0000>\r?\n", re.MULTILINE)
_BFCHAR = re.compile(rb"(\d+) beginbfchar\r?\n(.*?)endbfchar", re.DOTALL)


def clean_to_unicode(pdf: pikepdf.Pdf) -> None:
    """Drop the U+0000 entries ReportLab writes for the unused codes of its TrueType subsets
    (PDF/UA-1 forbids mapping a code to U+0000)."""
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != Name.Font:
            continue
        cmap = obj.get("/ToUnicode")
        if cmap is None:
            continue
        data = cmap.read_bytes()

        def clean(match: re.Match) -> bytes:
            body = _NULL_MAPPING.sub(b"", match.group(2))
            count = len(body.splitlines())
            return b"%d beginbfchar\n%sendbfchar" % (count, body)

        cleaned = _BFCHAR.sub(clean, data)
        if cleaned != data:
            cmap.write(cleaned)


_LINE_MOVES = {"T*", "Td", "TD", "Tm"}
_SHOWS = {"Tj", "TJ"}


def _space_line_ends(page: pikepdf.Page, instructions: list) -> list:
    """A space after the last word of each line that the next line continues in the same marked
    content: ReportLab drops it where it wraps a paragraph (or after a list item's number), so
    text extraction and screen readers ran 'community' and 'members' together. Invisible: it
    ends the line. Only in fonts whose code 32 is the space (ReportLab's first subset)."""
    fonts = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
    spaced: dict[str, bool] = {}
    out = list(instructions)
    font, last_show, pending = "", None, None
    for n, instruction in enumerate(out):
        op = str(instruction.operator)
        if op == "Tf":
            font = str(instruction.operands[0])
        elif op in _SHOWS:
            if pending is not None:
                out[pending] = _with_space(out[pending])
                pending = None
            last_show = n if spaced.setdefault(font, _space_is_32(fonts.get(font))) else None
        elif op in _LINE_MOVES and last_show is not None:
            pending, last_show = last_show, None
        elif op in ("BDC", "BMC", "EMC"):  # text runs on across text objects (a list item's
            last_show = pending = None  # number, then its text), not across tagged content
    return out


def _space_is_32(font) -> bool:
    if font is None or "/ToUnicode" not in font:
        return False
    return re.search(rb"^<20> <0020>", font.ToUnicode.read_bytes(), re.MULTILINE) is not None


def _with_space(instruction):
    operands = list(instruction.operands)
    if str(instruction.operator) == "Tj":
        operands[0] = pikepdf.String(bytes(operands[0]) + b" ")
    else:
        items = list(operands[0])
        items.append(pikepdf.String(b" "))
        operands[0] = Array(items)
    return pikepdf.ContentStreamInstruction(operands, instruction.operator)
