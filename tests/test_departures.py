"""Differences from the print edition: declared as data, shown where they apply (page and PDF),
listed on one page; print numbering kept; every link the toolkit cites is on the site."""

from __future__ import annotations

import html
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pymupdf
import pytest
from pdf_fill import TOOLS, pdf_of

from macros.departures import DepartureError, chapter_departures, tool_departures
from macros.load import TOOLS_DIR, ToolDefinitionError, parse_tool
from macros.render_html import render_tool_page

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SOURCE = ROOT.parent / "shared" / "seeds" / "004_c3822f77652d35fc.txt"

LABELS = {
    "added": "Added by this site",
    "corrected": "Corrected by this site",
    "regrouped": "Regrouped by this site",
    "cut": "Text missing from the source",
}
CLASSES = {"added": "added", "corrected": "corrected", "regrouped": "regrouped", "cut": "gap"}

# Every departure the tool definitions declare, in reading order: tool, kind, where it applies.
TOOL_DEPARTURES = [
    (
        "01-data-based-decision-making",
        "regrouped",
        "During data collection, consider and discuss the following questions",
    ),
    ("02-safe-secure-environment", "added", "EAR model"),
    (
        "02-safe-secure-environment",
        "corrected",
        "EAR model › Engage: Build trust by validating the person and their situation",
    ),
    (
        "03-policy-procedure-workflow-review",
        "regrouped",
        "Checklist › 6. Once an immediate crisis is resolved, we provide timely follow-up …",
    ),
    (
        "06-community-engagement",
        "regrouped",
        "The three dimensions of community engagement include breadth, depth, …",
    ),
    (
        "06-community-engagement",
        "regrouped",
        "Refer to Tool 5: Partner Organization Checklist for a list of …",
    ),
    (
        "06-community-engagement",
        "regrouped",
        "Here are some examples of community engagement programs and …",
    ),
    ("07-motivational-interviewing", "added", "Practice notes"),
    (
        "08-integration-worksheet",
        "regrouped",
        "Section 1: Creating a Foundation for a Sustainable Future › When possible, make sure to "
        "include PWUD, people with lived …",
    ),
    (
        "08-integration-worksheet",
        "regrouped",
        "Section 1: Creating a Foundation for a Sustainable Future › "
        "b. How often will the team meet?",
    ),
    (
        "08-integration-worksheet",
        "regrouped",
        "Section 1: Creating a Foundation for a Sustainable Future › 6. Reflect on the principles of "
        "PS-COPE",
    ),
    (
        "10-gain-commitment",
        "added",
        "Section 1: Stakeholder Analysis › Who are the main stakeholders? What are their interests, "
        "needs, …",
    ),
    (
        "10-gain-commitment",
        "added",
        "Section 4: Elevator Pitch › "
        "What are the three key points you want to convey in your pitch?",
    ),
    ("12-operational-plan", "added", "Table: Idea"),
    ("12-operational-plan", "added", "Idea #4"),
    (
        "12-operational-plan",
        "added",
        "Idea #1–4 › Is your goal SMART (Specific, Measurable, Achievable, Realistic, and …",
    ),
]

# Every departure marker in the chapters: page, kind, the section anchor it is listed under.
CHAPTER_DEPARTURES = [
    ("how-to-use.md", "added", "icons"),
    ("introduction.md", "cut", "current-state"),
    ("introduction.md", "corrected", "bipoc-needs"),
    ("introduction.md", "added", "figure-1"),
    ("introduction.md", "cut", "goals"),
    ("introduction.md", "cut", "procedural-justice"),
    ("principles-to-practice/index.md", "added", "in-this-section"),
    ("principles-to-practice/infrastructure-elements.md", "added", "ie1"),
    ("principles-to-practice/infrastructure-elements.md", "added", "ie2"),
    ("principles-to-practice/core-components.md", "added", "cc1"),
    ("principles-to-practice/core-components.md", "regrouped", "cc2"),
    ("conclusion.md", "cut", "sources"),
    ("appendix-a.md", "cut", "data"),
    ("partnerships.md", "added", "takeaway-1"),
    ("partnerships.md", "added", "takeaway-5"),
]

# The five links the source gives after the Conclusion without the words they belonged to.
CONCLUSION_LINKS = [
    "https://www.thenationalcouncil.org/training-public-safety-to-prevent-overdose-in-bipoc-"
    "communities/",
    "https://cops.usdoj.gov/RIC/Publications/cops-w0795-pub.pdf",
    "https://digitalcommons.schulichlaw.dal.ca/cgi/viewcontent.cgi?article=2021&context=dlj",
    "https://store.samhsa.gov/product/TIP-44-Substance-Abuse-Treatment-for-Adults-in-the-Criminal-"
    "Justice-System/SMA13-4056",
    "https://www.samhsa.gov/sites/default/files/rosc_resource_guide_book.pdf",
]

# Tool 8's numbered prompts as the print edition numbers them, in reading order.
TOOL_8_PROMPTS = [
    "1. Identify an implementation lead",
    "2. Identify who the implementation lead",
    "3. Ensure members of your core implementation team",
    "4. Consider the composition",
    "a. Are there additional members",
    "b. Who will reach out",
    "5. Determine team meetings",
    "a. Date of first meeting",
    "b. How often will the team meet",
    "c. Where/How",
    "d. For how long",
    "6. Reflect on the principles",
    "7. Create a shared vision",
    "a. What does integrating PS-COPE",
    "b. What is your vision",
    # Section 2
    "1. Complete Tool 9: Organizational Assessment.",
    "2. Connect with health and harm reduction",
    "3. Host community conversations",
    "4. Ensure ongoing leadership commitment",
    # Section 3
    "1. Identify priority areas",
    "2. Use Tool 12: Operational Plan Worksheet",
    # Section 4
    "1. Schedule regular meetings",
    "2. Make sure leadership supports",
    "3. Promote orientation toward recovery",
    "4. Provide ongoing training",
]

# The numbers each tool page shows before its items, prompts and table rows, as printed.
PRINT_NUMBERS = {
    "01-data-based-decision-making": [str(n) for n in range(1, 12)],
    "02-safe-secure-environment": [str(n) for n in range(1, 21)],
    "03-policy-procedure-workflow-review": [str(n) for n in range(1, 13)],
    "04-trained-responsive-workforce": [str(n) for n in range(1, 12)],
    "05-partner-organizations": [str(n) for n in range(1, 21)],
    "06-community-engagement": [],
    "07-motivational-interviewing": [],
    "08-integration-worksheet": [p.split(".")[0] for p in TOOL_8_PROMPTS],
    "09-organizational-assessment": [],
    "10-gain-commitment": ["1", "2", "3"],
    "11-build-consensus": [],
    "12-operational-plan": ["1", "2", "3", "4"] * 5,  # the ideas, then each idea's actions
    "13-evaluation-template": [],
}


def normalise(text: str) -> str:
    return " ".join(re.sub(r"-\n\s*", "-", text).split())


def pdf_pages(slug: str) -> list[str]:
    """Each page's text, as PyMuPDF extracts it (it reads WinAnsi bullets as '•')."""
    with pymupdf.open(stream=pdf_of(slug)) as document:
        return [normalise(page.get_text()) for page in document]


def pdf_text(slug: str) -> str:
    return " ".join(pdf_pages(slug))


def declared(slug: str) -> list[dict]:
    return [source for source, _ in tool_departures(TOOLS[slug])]


def note_of(source: dict) -> str:
    """The note as a reader sees it, written out here rather than by the code under test."""
    return source["note"] + (f" Printed: “{source['printed']}”." if "printed" in source else "")


# ---------------------------------------------------------------------------- declared as data


def test_tool_departures_are_the_declared_ones():
    """Verify the definitions declare exactly the expected departures, in reading order."""
    found = [(slug, d.kind, d.where) for slug in TOOLS for _, d in tool_departures(TOOLS[slug])]
    assert found == TOOL_DEPARTURES


def test_chapter_departures_are_the_declared_ones():
    """Verify the chapters mark exactly the expected departures, each under its section."""
    pages = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
    found = [
        (d.page, d.kind, d.anchor)
        for page in pages
        for d in chapter_departures(page, (DOCS / page).read_text(encoding="utf-8"))
    ]
    assert sorted(found) == sorted(CHAPTER_DEPARTURES)


def test_no_yaml_comment_describes_a_departure():
    """Verify departures live in `departure:` keys: no comment speaks of the site's additions,
    corrections or moves."""
    vocabulary = re.compile(
        r"\b(site|addition|added|typo|corrected|regrouped|moved|placed|"
        r"not shown|not reproduced|left out|split)\b",
        re.IGNORECASE,
    )
    offending = [
        f"{path.name}:{n}: {line.strip()}"
        for path in sorted(TOOLS_DIR.glob("*.yml"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.lstrip().startswith("#") and vocabulary.search(line)
    ]
    assert not offending, "\n".join(offending)


GOOD = (TOOLS_DIR / "12-operational-plan.yml").read_text(encoding="utf-8")
SOURCE_NAME = "tools/12-operational-plan.yml"
SMART_DEPARTURE = """        departure:
          kind: added
"""

MALFORMED = [
    (
        "unknown kind",
        GOOD.replace(SMART_DEPARTURE, SMART_DEPARTURE.replace("added", "invented")),
        r"blocks\[3\]\.blocks\[1\]\.departure\.kind: 'invented' is not one of",
    ),
    (
        "corrected without printed",
        GOOD.replace(SMART_DEPARTURE, SMART_DEPARTURE.replace("added", "corrected")),
        r"blocks\[3\]\.blocks\[1\]\.departure: 'printed' is a required property",
    ),
    (
        "added with printed",
        GOOD.replace(SMART_DEPARTURE, SMART_DEPARTURE + "          printed: x\n"),
        r"blocks\[3\]\.blocks\[1\]\.departure\.printed: an 'added' departure has no printed form",
    ),
    (
        "unknown key",
        GOOD.replace(SMART_DEPARTURE + "          note:", SMART_DEPARTURE + "          reason:"),
        r"blocks\[3\]\.blocks\[1\]\.departure: Additional properties are not allowed \('reason'",
    ),
    (
        "copies beyond the repeat",
        GOOD.replace("copies_from: 4", "copies_from: 5"),
        r"blocks\[3\]\.departure\.copies_from: 5 is not a copy of this section \(repeat: 4\)",
    ),
    (
        "copies of a field",
        GOOD.replace(SMART_DEPARTURE, SMART_DEPARTURE + "          copies_from: 2\n"),
        r"blocks\[3\]\.blocks\[1\]\.departure\.copies_from: 2 is not a copy of this section "
        r"\(repeat: none\)",
    ),
]


@pytest.mark.parametrize("case, text, message", MALFORMED, ids=[c[0] for c in MALFORMED])
def test_malformed_departure_names_file_and_key(case, text, message):
    """Verify a malformed departure stops the build naming the file, the line and the key."""
    assert text != GOOD
    with pytest.raises(ToolDefinitionError) as raised:
        parse_tool(text, SOURCE_NAME)
    assert re.match(rf"{re.escape(SOURCE_NAME)}:\d+: ", str(raised.value)), str(raised.value)
    assert re.search(message, str(raised.value)), str(raised.value)


def test_chapter_marker_with_a_wrong_title_names_file_and_line():
    """Verify a chapter marker must carry its kind's title and a note."""
    text = '# Page\n\n## Part {#part}\n\nText.\n\n!!! added "Site note"\n    Why.\n'
    with pytest.raises(
        DepartureError,
        match=r"^docs/x\.md:7: the 'added' admonition must be "
        r"titled \"Added by this site\"",
    ):
        chapter_departures("x.md", text)
    with pytest.raises(DepartureError, match=r"^docs/x\.md:3: the 'gap' admonition has no note"):
        chapter_departures("x.md", '# Page\n\n!!! gap "Text missing from the source"\n\nNext.\n')


def test_chapter_marker_inside_a_list_item_is_found():
    """Verify an indented marker (inside a list item) is read with its whole note."""
    text = (
        "# Page\n\n## Part {#part}\n\n1. Item …\n\n"
        '    !!! gap "Text missing from the source"\n'
        "        The rest is\n        lost.\n\nAfter.\n"
    )
    (found,) = chapter_departures("x.md", text)
    assert (found.kind, found.note, found.anchor, found.where) == (
        "cut",
        "The rest is lost.",
        "part",
        "Part",
    )


# ---------------------------------------------------------------------------- marked in place


@pytest.mark.parametrize("slug", sorted({t for t, _, _ in TOOL_DEPARTURES}))
def test_each_tool_departure_is_marked_on_its_page(slug):
    """Verify each declared departure appears on the tool page as a labelled note with its id."""
    page = render_tool_page(TOOLS[slug])
    for n, source in enumerate(declared(slug), 1):
        marker = (
            f'<div class="admonition {CLASSES[source["kind"]]}" id="departure-{n}">'
            f'<p class="admonition-title">{LABELS[source["kind"]]}</p> '
            f"<p>{html.escape(note_of(source))}</p></div>"
        )
        assert page.count(marker) == 1, marker


def test_repeated_section_marks_only_the_added_copy():
    """Verify Tool 12 marks the fourth Idea worksheet only, and the SMART options in all four."""
    page = render_tool_page(TOOLS["12-operational-plan"])
    assert page.count('id="departure-2"') == 1
    assert page.index('<span id="idea-4-title">Idea #4:</span>') < page.index('id="departure-2"')
    smart = re.findall(
        r'<fieldset class="tool-item tool-choice" aria-describedby="([^"]+)">'
        r'<legend id="idea_\d_smart">(?:<span class="tool-sr">[^<]*</span>)?'
        r"Is your goal SMART",
        page,
    )
    assert smart == ["departure-3", "departure-3-2", "departure-3-3", "departure-3-4"]
    assert all(f'id="{i}"' in page for i in smart)


def test_notes_describe_the_fields_they_concern():
    """Verify screen readers hear a field's departure note with the field."""
    page = render_tool_page(TOOLS["08-integration-worksheet"])
    assert (
        '<fieldset class="tool-item tool-choice" aria-describedby="departure-2">'
        '<legend id="meeting_frequency">b. How often will the team meet?</legend>'
    ) in page
    page = render_tool_page(TOOLS["10-gain-commitment"])
    assert 'aria-labelledby="tr-key_points" aria-describedby="departure-2"' in page
    page = render_tool_page(TOOLS["03-policy-procedure-workflow-review"])
    assert (
        'role="group" aria-labelledby="tg-follow_up_outreach_teams" '
        'aria-describedby="departure-1"' in page
    )


def test_tool_pages_link_the_differences_page():
    """Verify each tool page says how many differences it has and links their list."""
    counts = {slug: sum(1 for t, _, _ in TOOL_DEPARTURES if t == slug) for slug in TOOLS}
    assert counts["12-operational-plan"] == 3 and counts["04-trained-responsive-workforce"] == 0
    for slug, tool in TOOLS.items():
        page = render_tool_page(tool)
        link = f"(../differences.md#tool-{tool['number']})"
        assert link in page
        if counts[slug]:
            assert f"differs from the print edition in {counts[slug]} place" in page
        else:
            assert "No differences from the print edition are declared for this tool" in page


@pytest.mark.parametrize("slug", sorted({t for t, _, _ in TOOL_DEPARTURES}))
def test_each_tool_departure_is_marked_in_its_pdf(slug):
    """Verify the PDF shows each declared departure with its label where it applies."""
    text = pdf_text(slug)
    for source in declared(slug):
        shown = normalise(f"{LABELS[source['kind']]}: {note_of(source)}")
        assert shown in text, shown


def test_pdf_marks_only_the_added_copy_of_a_repeated_section():
    """Verify Tool 12's PDF marks the SMART options in each Idea and only the fourth Idea."""
    text = pdf_text("12-operational-plan")
    assert text.count("The Yes and No options are the site's") == 4
    assert text.count("the site adds this fourth one") == 1
    assert text.index("Idea #4:") < text.index("the site adds this fourth one")


@pytest.mark.parametrize(
    "slug, site_part",
    [
        ("07-motivational-interviewing", "fillable form and marked differences"),
        ("04-trained-responsive-workforce", "fillable form"),
    ],
)
def test_pdf_credits_the_toolkit_for_its_text_and_the_site_for_the_rest(slug, site_part):
    """Verify the PDF's author and footer credit the toolkit's text to the National Council and
    the fillable form (and any marked differences) to this site."""
    with pikepdf.open(io.BytesIO(pdf_of(slug))) as pdf:
        assert str(pdf.docinfo["/Author"]) == (
            "National Council for Mental Wellbeing (toolkit "
            f"text); PS-COPE Toolkit site ({site_part})"
        )
        assert str(pdf.docinfo["/Creator"]) == "PS-COPE Toolkit site"
    footer = (
        f"Toolkit text: PS-COPE Toolkit, National Council for Mental Wellbeing. "
        f"{site_part[0].upper()}{site_part[1:]}: PS-COPE Toolkit site."
    )
    assert all(footer in page for page in pdf_pages(slug))


# ---------------------------------------------------------------------------- print numbering


class _Numbered(HTMLParser):
    """The text of each numbered thing on a tool page, as shown: item legends and labels, table
    rows, prompts, tool references, numbered text blocks and row numbers (text only screen
    readers read, in `.tool-sr` spans, left out)."""

    WATCH = frozenset({"legend", "label", "th", "td", "p"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._open: list[list] = []
        self._spans: list[bool] = []  # each open span: whether it is for screen readers only

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        css = attrs.get("class") or ""
        wanted = (
            (tag in ("legend", "label") and not css)
            or (tag == "th" and attrs.get("scope") == "row")
            or (tag == "td" and "tool-rownum" in css)
            or (
                tag == "p" and any(c in css for c in ("tool-ref", "tool-prompt", "tool-item-text"))
            )
        )
        if tag == "span":
            self._spans.append("tool-sr" in css)
        if tag == "strong" and self._open and self._open[-1][0] == "text-p":
            self._open[-1][1] = True
        if tag in self.WATCH:
            kind = "text-p" if tag == "p" and not css else tag
            self._open.append([kind, wanted, ""])

    def handle_data(self, data):
        if any(self._spans):
            return
        for entry in self._open:
            entry[2] += data

    def handle_endtag(self, tag):
        if tag == "span" and self._spans:
            self._spans.pop()
        if tag in self.WATCH and self._open:
            kind, wanted, text = self._open.pop()
            if wanted and not (kind == "text-p" and not re.match(r"\w+\.\s", text)):
                self.texts.append(" ".join(text.split()))


def shown_numbers(page: str) -> list[str]:
    form = page[page.index("<form") :]
    parser = _Numbered()
    parser.feed(form)
    numbers = []
    for text in parser.texts:
        match = re.match(r"^(\d+|[a-z])(?:\.\s|$)", text)
        if match:
            numbers.append(match[1])
    return numbers


@pytest.mark.parametrize("slug", sorted(PRINT_NUMBERS))
def test_every_numbered_item_shows_its_print_number(slug):
    """Verify the numbers a tool page shows are the print edition's, in the printed order."""
    assert shown_numbers(render_tool_page(TOOLS[slug])) == PRINT_NUMBERS[slug]


def test_tool_8_prompts_keep_their_numbers_on_the_page_and_in_the_pdf():
    """Verify "step 1 of Section 2 in Tool 8" and every other prompt carry the printed number."""
    page = normalise(
        html.unescape(re.sub(r"<[^>]+>", " ", render_tool_page(TOOLS["08-integration-worksheet"])))
    )
    page = re.sub(r"\s+([.?:])", r"\1", page)
    text = pdf_text("08-integration-worksheet")
    for where in (page, text):
        position = 0
        for prompt in TOOL_8_PROMPTS:
            position = where.index(prompt, position) + len(prompt)


# ---------------------------------------------------------------------------- the built site


def links_of(path: Path) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]+)"', path.read_text("utf-8"))]


def url_of(doc: str) -> str:
    """The built page of a chapter, relative to the site: 'principles-to-practice/index.md' →
    'principles-to-practice/', 'conclusion.md' → 'conclusion/'."""
    stem = doc.removesuffix(".md")
    return stem.removesuffix("index") if stem.endswith("index") else stem + "/"


def test_differences_page_lists_every_departure(built_site):
    """Verify the differences page lists every declared departure, linked to its place."""
    page = built_site / "differences" / "index.html"
    links = links_of(page)
    for slug in TOOLS:
        for n in range(1, 1 + sum(1 for t, _, _ in TOOL_DEPARTURES if t == slug)):
            assert f"../tools/{slug}/#departure-{n}" in links, (slug, n)
    for doc, _, anchor in CHAPTER_DEPARTURES:
        assert f"../{url_of(doc)}#{anchor}" in links, (doc, anchor)
    listed = page.read_text("utf-8")
    entries = re.findall(
        r"<li><strong>(?:(?:Added|Corrected|Regrouped) by this site|"
        r"Text missing from the source)</strong>",
        listed[listed.index('id="chapters"') :],
    )
    assert len(entries) == len(TOOL_DEPARTURES) + len(CHAPTER_DEPARTURES)


def test_differences_page_is_linked_from_home_tools_index_and_tool_pages(built_site):
    """Verify the home page, the tools index and every tool page link the differences page."""
    assert "differences/" in links_of(built_site / "index.html")
    assert "../differences/#tools" in links_of(built_site / "tools" / "index.html")
    for slug, tool in TOOLS.items():
        page = built_site / "tools" / slug / "index.html"
        assert f"../../differences/#tool-{tool['number']}" in links_of(page)


def test_chapter_markers_are_shown_on_their_pages(built_site):
    """Verify each chapter page shows its markers in the departure style, with their titles."""
    for doc in sorted({d for d, _, _ in CHAPTER_DEPARTURES}):
        text = (built_site / url_of(doc) / "index.html").read_text("utf-8")
        for kind in LABELS:
            expected = sum(1 for d, k, _ in CHAPTER_DEPARTURES if d == doc and k == kind)
            shown = text.count(
                f'<div class="admonition {CLASSES[kind]}">\n'
                f'<p class="admonition-title">{LABELS[kind]}</p>'
            )
            assert shown == expected, (doc, kind)


@pytest.mark.skipif(not SOURCE.exists(), reason="toolkit source text not beside the repo")
def test_every_url_in_the_toolkit_is_linked_on_the_site(built_site):
    """Verify every web address in the toolkit text is a link somewhere on the site."""
    urls = {u.rstrip(".,;)") for u in re.findall(r"https?://\S+", SOURCE.read_text("utf-8"))}
    links = {link for path in built_site.rglob("*.html") for link in links_of(path)}
    assert CONCLUSION_LINKS[0] in urls and len(urls) > 50
    assert sorted(urls - links) == []


def test_conclusion_lists_the_links_without_context_as_their_address(built_site):
    """Verify the five links the source gives after the Conclusion are listed there, each with
    its address as its text, under "Sources the toolkit links"."""
    text = (built_site / "conclusion" / "index.html").read_text("utf-8")
    section = text[text.index('id="sources"') :]
    for url in CONCLUSION_LINKS:
        escaped = html.escape(url, quote=False)
        assert f'<a href="{html.escape(url)}">{escaped}</a>' in section, url
