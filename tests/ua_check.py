"""Structural checks of a tagged, fillable PDF, with pikepdf only: what the PDF/UA-1 validator
does not look at closely, and what keeps the form filling everywhere. `problems(data, tool)`
returns one line per problem, each starting with the name of the check that found it."""

from __future__ import annotations

import io
import re

import pikepdf
from pikepdf import Name

from macros.fields import Tool, iter_fields

PAINTING = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI", "Tj", "TJ", "'", '"'}
SHOWING = {"Tj", "TJ", "'", '"'}


def problems(data: bytes, tool: Tool | None = None) -> list[str]:
    out: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out += _document(pdf)
        elements = _elements(pdf)
        parent_tree = _parent_tree(pdf)
        for n, page in enumerate(pdf.pages, 1):
            out += _page(pdf, page, n, parent_tree, elements)
        out += _widgets(pdf, parent_tree, elements)
        out += _fields(pdf, tool)
        out += _fonts(pdf)
    return out


def _document(pdf) -> list[str]:
    root, out = pdf.Root, []
    if "/StructTreeRoot" not in root:
        out.append("structure: no /StructTreeRoot")
    if not root.get("/MarkInfo", {}).get("/Marked", False):
        out.append("structure: /MarkInfo /Marked is not true")
    if not str(root.get("/Lang", "")):
        out.append("document: no /Lang")
    if not root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False):
        out.append("document: the title is not shown (DisplayDocTitle)")
    xmp = root.get("/Metadata")
    text = xmp.read_bytes().decode("utf-8", "replace") if xmp is not None else ""
    if not re.search(r"<pdfuaid:part>1</pdfuaid:part>", text):
        out.append("metadata: no pdfuaid:part 1")
    if not re.search(r"<dc:title>.*?<rdf:li[^>]*>[^<]+</rdf:li>", text, re.DOTALL):
        out.append("metadata: no dc:title")
    return out


def _elements(pdf) -> dict[tuple, pikepdf.Object]:
    """Every structure element reachable from the root, by object id."""
    found: dict[tuple, pikepdf.Object] = {}
    tree = pdf.Root.get("/StructTreeRoot")
    if tree is None:
        return found
    stack = [tree.get("/K")]
    while stack:
        kid = stack.pop()
        if isinstance(kid, pikepdf.Array):
            stack.extend(kid)
        elif (
            isinstance(kid, pikepdf.Dictionary)
            and kid.get("/Type", Name.StructElem) == Name.StructElem
            and "/S" in kid
        ):
            if kid.is_indirect:
                found[kid.objgen] = kid
            stack.append(kid.get("/K"))
    return found


def _parent_tree(pdf) -> dict[int, pikepdf.Object]:
    tree = pdf.Root.get("/StructTreeRoot")
    if tree is None or "/ParentTree" not in tree:
        return {}
    out: dict[int, pikepdf.Object] = {}
    stack = [tree.ParentTree]
    while stack:
        node = stack.pop()
        nums = node.get("/Nums", [])
        for i in range(0, len(nums), 2):
            out[int(nums[i])] = nums[i + 1]
        stack.extend(node.get("/Kids", []))
    return out


def _page(pdf, page, n: int, parent_tree, elements) -> list[str]:
    out = []
    if page.get("/Annots") and page.obj.get("/Tabs") != Name.S:
        out.append(f"tabs: page {n} has annotations but no /Tabs /S")
    mcids = parent_tree.get(int(page.obj.get("/StructParents", -1)), pikepdf.Array())
    depth, artifact_depth, tagged = 0, 0, []
    for instruction in pikepdf.parse_content_stream(page):
        op = str(instruction.operator)
        if op in ("BDC", "BMC"):
            depth += 1
            tag = str(instruction.operands[0])
            if tag == "/Artifact" or artifact_depth:
                artifact_depth += 1
            elif op == "BDC":
                props = instruction.operands[1]
                if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    tagged.append(int(props.MCID))
        elif op == "EMC":
            depth -= 1
            artifact_depth = max(0, artifact_depth - 1)
        elif op in PAINTING and depth == 0:
            out.append(f"content: page {n} paints ({op}) outside tagged content or an artifact")
            break
    for mcid in tagged:
        elem = mcids[mcid] if mcid < len(mcids) else None
        if elem is None or elem.objgen not in elements:
            out.append(f"content: MCID {mcid} on page {n} has no structure element")
    return out


def _widgets(pdf, parent_tree, elements) -> list[str]:
    out = []
    for n, page in enumerate(pdf.pages, 1):
        for annot in page.get("/Annots", []):
            if annot.get("/Subtype") != Name.Widget:
                continue
            name = _name(annot)
            if "/StructParent" not in annot:
                out.append(f"form element: widget {name} on page {n} has no /StructParent")
                continue
            elem = parent_tree.get(int(annot.StructParent))
            if elem is None or elem.get("/S") != Name.Form or elem.objgen not in elements:
                out.append(f"form element: widget {name} is not in a Form element of the tree")
                continue
            kids = elem.K if isinstance(elem.K, pikepdf.Array) else [elem.K]
            objrs = [
                k
                for k in kids
                if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == Name.OBJR
            ]
            if len(objrs) != 1 or objrs[0].Obj.objgen != annot.objgen:
                out.append(f"form element: the Form element of {name} does not hold exactly it")
            ap = annot.get("/AP", {}).get("/N")
            if ap is None:
                out.append(f"appearance: widget {name} has no /AP /N")
            elif _field_type(annot) == Name.Btn and (
                not isinstance(ap, pikepdf.Dictionary) or "/Off" not in ap or len(ap) < 2
            ):
                out.append(f"appearance: button {name} lacks an on or /Off appearance")
            if not str(annot.get("/TU", "")) and not str(_field(annot).get("/TU", "")):
                out.append(f"tooltip: widget {name} has no /TU")
    return out


def _field(annot):
    return annot if "/T" in annot or "/Parent" not in annot else annot.Parent


def _name(annot) -> str:
    return str(_field(annot).get("/T", "?"))


def _field_type(annot):
    return _field(annot).get("/FT")


def _fields(pdf, tool: Tool | None) -> list[str]:
    out = []
    form = pdf.Root.get("/AcroForm")
    if form is None:
        return ["fields: no /AcroForm"]
    if form.get("/NeedAppearances", False):
        out.append("appearance: /NeedAppearances is set (Preview ignores it)")
    model = {f.name: f for f in iter_fields(tool, rows="printed")} if tool else {}
    listed = {}
    for field in form.Fields:
        name = str(field.get("/T", ""))
        listed[name] = field
        if not str(field.get("/TU", "")):
            out.append(f"tooltip: field {name} has no /TU")
        if model and name in model and str(field.get("/TU", "")) != model[name].label:
            out.append(f"tooltip: field {name}'s /TU is not its label")
        kids = field.get("/Kids", [])
        if model.get(name) and model[name].kind == "radio":
            if not kids or any("/T" in kid for kid in kids):
                out.append(f"radio: {name} is not one field whose buttons are unnamed widgets")
            states = {str(k)[1:] for kid in kids for k in kid.AP.N.keys() if k != "/Off"}
            if states != {value for value, _ in model[name].options}:
                out.append(f"radio: the on-states of {name} are not its option values")
    if model and set(listed) != set(model):
        differ = sorted(set(listed) ^ set(model))[:5]
        out.append(f"fields: the form's fields are not the tool's: {differ}")
    return out


def _fonts(pdf) -> list[str]:
    """Every font that shows glyphs, on a page or in an appearance stream, is embedded."""
    out, seen = [], set()

    def check(resources, content: pikepdf.Object, where: str):
        fonts = resources.get("/Font", {}) if resources is not None else {}
        current = None
        for instruction in pikepdf.parse_content_stream(content):
            op = str(instruction.operator)
            if op == "Tf":
                current = str(instruction.operands[0])
            elif op in SHOWING and current in fonts:
                shown = instruction.operands[-1]
                empty = (isinstance(shown, pikepdf.String) and not bytes(shown)) or (
                    isinstance(shown, pikepdf.Array)
                    and not any(isinstance(s, pikepdf.String) and bytes(s) for s in shown)
                )
                font = fonts[current]
                if empty or font.objgen in seen:
                    continue
                seen.add(font.objgen)
                if not _embedded(font):
                    out.append(
                        f"fonts: {font.get('/BaseFont')} shows text on {where} but is not embedded"
                    )

    for n, page in enumerate(pdf.pages, 1):
        check(page.obj.get("/Resources"), page, f"page {n}")
        for annot in page.get("/Annots", []):
            for appearance in _appearances(annot):
                check(appearance.get("/Resources"), appearance, f"a widget on page {n}")
    return out


def _appearances(annot):
    ap = annot.get("/AP", {})
    for key in ("/N", "/D", "/R"):
        entry = ap.get(key)
        if isinstance(entry, pikepdf.Stream):
            yield entry
        elif isinstance(entry, pikepdf.Dictionary):
            yield from (v for v in entry.values() if isinstance(v, pikepdf.Stream))


def _embedded(font) -> bool:
    descriptors = [font.get("/FontDescriptor")] + [
        d.get("/FontDescriptor") for d in font.get("/DescendantFonts", [])
    ]
    return any(
        d is not None and any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        for d in descriptors
    )
