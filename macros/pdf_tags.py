"""The PDF's logical structure, recorded while ReportLab draws: `pdf_postprocess` writes it out.

ReportLab has no tagging API. The renderer builds a tree of `Node`s in reading order as it makes
its flowables, and wraps each flowable that draws real content in `Tagged`: drawing it brackets
its operators in a marked-content sequence (`/P <</MCID n>> BDC … EMC`) and records which page
content and which annotations (form widgets, links) belong to its node. Everything drawn outside
such a sequence (rules, cell shading, the page footer) becomes an artifact in the post-pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus.flowables import Flowable


@dataclass(frozen=True)
class Content:
    """A marked-content sequence: page number (1-based) and its MCID on that page."""

    page: int
    mcid: int


@dataclass(frozen=True)
class Annot:
    """An annotation: page number (1-based) and its index in the page's /Annots."""

    page: int
    index: int


@dataclass(eq=False)
class Node:
    """A structure element to be: its standard role, attributes (/A, owner Table) and kids."""

    role: str
    attrs: dict = field(default_factory=dict)
    kids: list = field(default_factory=list)  # Node | Content | Annot, in reading order

    def add(self, role: str, **attrs) -> Node:
        node = Node(role, attrs)
        self.kids.append(node)
        return node


class Tags:
    """One document's structure tree and its per-page MCID counters."""

    def __init__(self):
        self.root = Node("Document")
        self._next: dict[int, int] = {}

    def begin(self, canvas, node: Node) -> None:
        page = canvas.getPageNumber()
        mcid = self._next.get(page, 0)
        self._next[page] = mcid + 1
        node.kids.append(Content(page, mcid))
        canvas.addLiteral(f"/{node.role} <</MCID {mcid}>> BDC")


class Tagged(Flowable):
    """A flowable whose drawing belongs to `node`. `marked=False` (form widgets): no page content
    of its own, only its annotations are recorded. Drawn again (a table's header row repeated on
    the next page), it is a pagination artifact. Everything else is the wrapped flowable's: its
    size, spacing, splitting and keep-with-next (as ReportLab's DDIndenter delegates, but not one:
    platypus puts a split DDIndenter back unplaced, which loops on a paragraph split)."""

    _OWN = ("_flowable", "_node", "_tags", "_marked", "_drawn", "width", "height")

    def __init__(self, flowable: Flowable, node: Node, tags: Tags, marked: bool = True):
        self._flowable, self._node, self._tags = flowable, node, tags
        self._marked, self._drawn = marked, False
        self.width = self.height = 0.0  # set by wrap()

    def __getattr__(self, name):
        if name in Tagged._OWN:
            raise AttributeError(name)
        return getattr(self.__dict__["_flowable"], name)

    def __setattr__(self, name, value):
        if name in Tagged._OWN:
            self.__dict__[name] = value
        else:
            setattr(self._flowable, name, value)

    def __delattr__(self, name):
        if name in Tagged._OWN:
            del self.__dict__[name]
        else:
            delattr(self._flowable, name)

    def wrap(self, aW, aH):
        self.width, self.height = self._flowable.wrap(aW, aH)
        return self.width, self.height

    def split(self, aW, aH):
        return [
            Tagged(part, self._node, self._tags, self._marked)
            for part in self._flowable.split(aW, aH)
        ]

    def getSpaceBefore(self):
        return self._flowable.getSpaceBefore()

    def getSpaceAfter(self):
        return self._flowable.getSpaceAfter()

    def getKeepWithNext(self):
        return self._flowable.getKeepWithNext()

    def identity(self, maxLen=None):
        return self._flowable.identity(maxLen)

    def drawOn(self, canv, x, y, _sW=0):
        repeat, self._drawn = self._drawn, True
        before = len(canv._annotationrefs)
        if repeat:
            canv.addLiteral("/Artifact <</Type /Pagination>> BDC")
        elif self._marked:
            self._tags.begin(canv, self._node)
        self._flowable.drawOn(canv, x, y, _sW)
        if repeat or self._marked:
            canv.addLiteral("EMC")
        if not repeat:
            page = canv.getPageNumber()
            self._node.kids.extend(
                Annot(page, i) for i in range(before, len(canv._annotationrefs))
            )


class Into:
    """Where new structure elements go: a parent element of one document's tree. `Into()` with
    no tree tags nothing, so the same code lays out untagged flowables (tests, page counting)."""

    def __init__(self, tags: Tags | None = None, node: Node | None = None):
        self.at = None if tags is None else (tags, node if node is not None else tags.root)

    def child(self, role: str, **attrs) -> Into:
        """A new element (a list, a table row) to put further elements in."""
        if self.at is None:
            return self
        tags, node = self.at
        return Into(tags, node.add(role, **attrs))

    def el(self, flowable, role: str = "P", **attrs):
        """`flowable` drawn as a new `role` element (a paragraph, a heading)."""
        if self.at is None:
            return flowable
        tags, node = self.at
        return Tagged(flowable, node.add(role, **attrs), tags)

    def content(self, flowable, marked: bool = True):
        """`flowable` drawn as content of this element; `marked=False`: annotations only."""
        if self.at is None or isinstance(flowable, str):
            return flowable
        tags, node = self.at
        return Tagged(flowable, node, tags, marked)

    def widget(self, flowable):
        """A form widget's flowable, as the one widget of a new Form element."""
        return self.child("Form").content(flowable, marked=False)


UNTAGGED = Into()  # lays out flowables with no structure tree (the default `into`)
