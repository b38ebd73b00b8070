"""Team results in real Chromium: several members' files (made here, with D/K answers, blanks, a
disagreement, a filled PDF, a duplicate and bad files), the numbers on the page and in the CSV
against values worked out by hand below, team answers with undo, the member name on downloads,
print, WCAG 2.2 AA with data loaded, instant navigation, and nothing sent or kept."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pikepdf
from pdf_fill import TOOLS, fill_with_pikepdf
from playwright.sync_api import expect
from tables import NO, cells
from tool_form import (
    ANSWERS_SCHEMA,
    file_payload,
    forget_the_refused_list_of_tools,
    open_tool,
    refuse_the_list_of_tools,
    storage_key,
    stored,
    violations,
    watched_page,
)

from macros.fields import iter_fields, pdf_filename

T9 = "09-organizational-assessment"
T2 = "02-safe-secure-environment"
HOSTILE = "<img src=x onerror=window.__pwned=1>"

# Tool 9, IE1 (3 items) and IE2 (4 items); Tool 2, its first three items.
ANA = {
    T9: {
        "community_data_system": "4",
        "tailors_programming": "5",
        "community_data_monitoring": "4",
        "leadership_engaged": "3",
        "conflict_strategies": "3",
        "reduced_use_of_force": "dk",
        "dignity_systems": "4",
        "core_components_notes": "=SUM(A1)",
    },
    T2: {
        "recognizes_trauma": "yes",
        "committed_health_safety": "no",
        "common_understanding": "in_progress",
    },
}
BEN = {
    T9: {
        "community_data_system": "2",
        "tailors_programming": "dk",
        "community_data_monitoring": "4",
        "leadership_engaged": "3",
        "conflict_strategies": "4",
        "reduced_use_of_force": "dk",
        "core_components_notes": f"Ben says {HOSTILE}",
    },
    T2: {"recognizes_trauma": "yes", "committed_health_safety": "yes"},
}
CY = {
    T9: {
        "community_data_system": "5",
        "tailors_programming": "4",
        "community_data_monitoring": "4",
        "leadership_engaged": "2",
        "conflict_strategies": "3",
        "reduced_use_of_force": "3",
        "dignity_systems": "4",
    }
}
DEE_PDF = {"recognizes_trauma": "no", "committed_health_safety": "yes"}  # Tool 2, a filled PDF


def answers_doc(tools: dict[str, dict], member: str | None = None) -> dict:
    doc = {
        "format": "ps-cope-answers",
        "version": 1,
        "exported": "2026-11-20T09:00:00Z",
        "site": "http://elsewhere.invalid/",
        "tools": {
            slug: {"version": TOOLS[slug]["version"], "updated": None, "answers": answers}
            for slug, answers in tools.items()
        },
    }
    if member is not None:
        doc["member"] = member
    return doc


def team_files(built_site: Path) -> list[dict]:
    """Ana (named), Ben (named), Cy (no name), Dee's filled Tool 2 PDF, Ana's file again, a file
    that is not JSON, one with an answer Tool 9 cannot take and one over 1 MB."""
    blank = (built_site / "pdf" / pdf_filename(TOOLS[T2])).read_bytes()
    return [
        file_payload(answers_doc(ANA, "Ana Ruiz"), "ana.json"),
        file_payload(answers_doc(BEN, "Ben"), "ben.json"),
        file_payload(answers_doc(CY), "cy-tool9.json"),
        {
            "name": "dee-tool2.pdf",
            "mimeType": "application/pdf",
            "buffer": fill_with_pikepdf(blank, DEE_PDF),
        },
        file_payload(answers_doc(ANA, "ana ruiz"), "ana-again.json"),
        file_payload("{not json", "broken.json"),
        file_payload(answers_doc({T9: {"community_data_system": "7"}}, "Eve"), "eve.json"),
        file_payload(" " * (1024 * 1024 + 1), "big.json"),
    ]


def open_team(page, base_url: str) -> None:
    page.goto(base_url + "tools/team/")
    page.locator(".team.is-ready").wait_for()


def load(page, files) -> None:
    page.get_by_label("Choose the members’ files").set_input_files(files)
    expect(page.locator(".team-messages")).to_have_text(re.compile(r"^Read \d+ files?\. "))


def section(page, tool_number: int):
    return page.locator(f"section:has(> #team-tool-{tool_number})")


def style(page, selector: str, prop: str) -> str:
    return page.evaluate(
        "([s, p]) => getComputedStyle(document.querySelector(s))[p]", [selector, prop]
    )


def download_csv(page, tmp_path: Path) -> tuple[bytes, list[list[str]]]:
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the table (CSV)").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert re.fullmatch(r"ps-cope-team-results-\d{4}-\d\d-\d\d\.csv", path.name)
    data = path.read_bytes()
    return data, list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# ---------------------------------------------------------------------------- the numbers


def test_team_results_show_hand_computed_figures(page, base_url, built_site, tmp_path):
    """Verify files, statistics, profile, checklist shares and the CSV against values worked
    out by hand."""
    open_team(page, base_url)
    keys_before = page.evaluate("Object.keys(localStorage).sort()")
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    load(page, team_files(built_site))
    expect(page.locator(".team-messages")).to_have_text(
        "Read 8 files. The results count 4 members from 4 files; 1 file repeated answers already "
        "counted; 3 files could not be used (see the list)."
    )

    files = page.locator(".team-files tbody tr")
    unnamed = "Counted The file carries no name, so it is shown by its file name."
    assert [cells(files.nth(i))[:3] for i in range(8)] == [
        ["ana.json", "Ana Ruiz", "Counted"],
        ["ben.json", "Ben", "Counted"],
        ["cy-tool9.json", "cy-tool9", unnamed],
        ["dee-tool2.pdf", "dee-tool2", unnamed],
        [
            "ana-again.json",
            "Ana Ruiz",
            "Not counted again Same answers as “ana.json”: counted once.",
        ],
        [
            "broken.json",
            "",
            "Not used “broken.json” is not an answers file (it is not valid JSON).",
        ],
        [
            "eve.json",
            "",
            "Not used The answers for Organizational Assessment include “7” for "
            "“community_data_system”, which is not a valid answer there.",
        ],
        [
            "big.json",
            "",
            "Not used “big.json” is too large (1.0 MB). An answers file is at most 1 MB.",
        ],
    ]

    # Who answered what: answers per member per tool.
    who = page.locator("table[aria-labelledby=team-members] tr")
    assert [cells(who.nth(i)) for i in range(5)] == [
        ["Member", "Tool 2", "Tool 9"],
        ["1. Ana Ruiz", "3", "8"],
        ["2. Ben", "2", "7"],
        ["3. cy-tool9", NO, "7"],
        ["4. dee-tool2", "2", NO],
    ]

    # Tool 9 items: members' answers (Ana, Ben, Cy), n, mean, median, D/K, range, disagreement.
    tool9 = section(page, 9)
    expect(tool9.locator("p").first).to_contain_text(
        "3 members answered: Ana Ruiz, Ben, cy-tool9. No answers from dee-tool2. Ana Ruiz left "
        "35 of 42 option items blank. Ben left 36 of 42 option items blank. cy-tool9 left 35 of "
        "42 option items blank. 35 option items no member answered are left out below."
    )
    expected = {
        # 4, 2, 5: mean 11/3 = 3.7, median 4, range 2–5 (3 points: disagree).
        "has a system to collect": [
            "4",
            "2",
            "5",
            "3",
            "3.7",
            "4",
            "0",
            "2–5",
            "Yes: 3 points apart",
        ],
        # 5, D/K, 4: mean 4.5, median 4.5, 1 D/K.
        "tailors programming": ["5", "D/K", "4", "2", "4.5", "4.5", "1", "4–5", "No"],
        "incorporates community-level data": ["4", "4", "4", "3", "4.0", "4", "0", "4–4", "No"],
        # 3, 3, 2: mean 8/3 = 2.7, median 3.
        "leadership is actively engaged": ["3", "3", "2", "3", "2.7", "3", "0", "2–3", "No"],
        # 3, 4, 3: mean 10/3 = 3.3.
        "has strategies to resolve conflict": ["3", "4", "3", "3", "3.3", "3", "0", "3–4", "No"],
        # D/K, D/K, 3: one rating.
        "reduced use of force": ["D/K", "D/K", "3", "1", "3.0", "3", "2", "3–3", "No"],
        # 4, blank, 4.
        "treated with dignity": ["4", NO, "4", "2", "4.0", "4", "0", "4–4", "No"],
    }
    for text, values in expected.items():
        row = tool9.locator("tr", has=page.locator("th", has_text=text))
        assert cells(row)[1:] == values, text
    flagged = tool9.locator("tr.team-flagged th").all_inner_texts()
    assert len(flagged) == 1 and "has a system to collect" in flagged[0]
    notes = tool9.locator(".team-text dd").all_text_contents()
    assert notes == ["=SUM(A1)", f"Ben says {HOSTILE}"]
    assert page.evaluate("window.__pwned") is None

    # The element profile. IE1: Ana 4 5 4 (13/3), Ben 2 4 (3), Cy 5 4 4 (13/3): 32 / 8 = 4.0,
    # D/K 1 of 9 = 11%. IE2: Ana 3 3 4 (10/3), Ben 3 4 (3.5), Cy 2 3 3 4 (3.0): 29 / 9 = 3.2,
    # D/K 2 of 11 = 18%.
    profile = page.locator("table[aria-labelledby=team-profile-9] tbody tr")
    assert cells(profile.nth(0))[:6] == [
        "Infrastructure 1: Use information systems to support data-based decision-making.",
        "4.0",
        "3.0–4.3",
        "11%",
        "8",
        "1 of 3",
    ]
    assert cells(profile.nth(1))[:6] == [
        "Infrastructure 2: Establish and maintain safe, secure environments.",
        "3.2",
        "3.0–3.5",
        "18%",
        "9",
        "0 of 4",
    ]
    assert cells(profile.nth(2))[1:6] == [NO, NO, NO, "0", "0 of 5"]
    strongest, weakest = page.locator(".team-extremes li").all()
    expect(strongest).to_contain_text("Strongest: Infrastructure 1: Use information systems")
    expect(strongest).to_contain_text("Team mean 4.0.")
    expect(weakest).to_contain_text("Weakest: Infrastructure 2: Establish and maintain safe")
    expect(weakest).to_contain_text("Team mean 3.2.")
    assert (
        strongest.get_by_role("link", name="About IE1").get_attribute("href")
        == base_url + "principles-to-practice/infrastructure-elements/#ie1"
    )
    assert (
        weakest.get_by_role("link", name=re.compile("^Tool 2: ")).get_attribute("href")
        == base_url + f"tools/{T2}/"
    )
    expect(page.locator(".team-profile")).to_have_attribute("role", "img")
    expect(page.locator(".team-profile")).to_have_attribute(
        "aria-label",
        re.compile(
            r"^Team mean per element on the 1 to 5 scale: IE1 4\.0 \(member averages 3\.0 to 4\.3, "
            r"D/K 11%\); IE2 3\.2 \(member averages 3\.0 to 3\.5, D/K 18%\); IE3 no ratings;"
        ),
    )

    # Tool 2 (Ana, Ben, Dee's PDF): yes 4, in progress 1, no 2 of 7 answers = 57%, 14%, 29%.
    shares = page.locator("table[aria-labelledby=team-checklists] tbody tr")
    assert cells(shares.nth(0)) == [
        "Tool 2: Safe and Secure Environment Checklist",
        "4 (57%)",
        "1 (14%)",
        "2 (29%)",
        "7",
    ]
    expect(page.locator(".team-share__text")).to_have_text("Yes 57% · In Progress 14% · No 29%")
    tool2 = section(page, 2)

    def tool2_row(text):
        return cells(tool2.locator("tr", has=page.locator("th", has_text=text)))[1:]

    assert tool2_row("1. Recognizes") == ["Yes", "Yes", "No", "2", "0", "1", "0", "Yes"]
    assert tool2_row("3. Has established") == ["In Progress", NO, NO, "0", "1", "0", "2", "No"]
    expect(tool2.locator("p").first).to_contain_text("No answers from cy-tool9.")

    # The CSV: BOM, every cell quoted, formula text kept as text, then the numbers.
    data, rows = download_csv(page, tmp_path)
    assert data.startswith(b'\xef\xbb\xbf"Row","Tool"') and b"\r\n" in data
    assert rows[0] == [
        "Row",
        "Tool",
        "Field",
        "Item",
        "Member",
        "Answer",
        "Answered",
        "Rated (n)",
        "Mean",
        "Median",
        "D/K",
        "Lowest",
        "Highest",
        "Counts",
        "Members disagree",
    ]
    by = {(r[0], r[2], r[4]): r for r in rows[1:]}
    assert by["statistics", "community_data_system", "All members"][5:] == [
        "",
        "3",
        "3",
        "3.67",
        "4",
        "0",
        "2",
        "5",
        "1: 0; 2: 1; 3: 0; 4: 1; 5: 1; D/K: 0",
        "yes",
    ]
    assert by["statistics", "tailors_programming", "All members"][6:] == [
        "3",
        "2",
        "4.50",
        "4.5",
        "1",
        "4",
        "5",
        "1: 0; 2: 0; 3: 0; 4: 1; 5: 1; D/K: 1",
        "no",
    ]
    assert by["statistics", "leadership_engaged", "All members"][8] == "2.67"
    assert by["statistics", "dignity_systems", "All members"][6:10] == ["2", "2", "4.00", "4"]
    assert by["statistics", "committed_health_safety", "All members"][6:] == [
        "3",
        "",
        "",
        "",
        "",
        "",
        "",
        "Yes: 2; In Progress: 0; No: 1",
        "yes",
    ]
    assert by["answer", "tailors_programming", "Ben"][5] == "D/K"
    assert by["answer", "dignity_systems", "Ben"][5] == ""
    assert by["answer", "core_components_notes", "Ana Ruiz"][5] == "'=SUM(A1)"
    assert by["answer", "recognizes_trauma", "dee-tool2"][5] == "No"
    assert by["answer", "community_data_system", "Ana Ruiz"][1:4] == [
        "Tool 9",
        "community_data_system",
        "Infrastructure 1: Use information systems to support data-based decision-making. — The "
        "program: has a system to collect, analyze, and interpret community-level data as it "
        "connects to PS-COPE",
    ]
    # One row per member per answered field (3 members × 8 Tool 9 fields, 3 × 3 Tool 2 fields),
    # one statistics row per option item (7 + 3).
    assert sum(r[0] == "answer" for r in rows) == 3 * 8 + 3 * 3
    assert sum(r[0] == "statistics" for r in rows) == 7 + 3

    # Read in memory: no request for the JSON files' sake beyond the PDF library, nothing kept.
    assert all(u.startswith(base_url + "javascripts/") for u in requests), requests
    assert page.evaluate("Object.keys(localStorage).sort()") == keys_before


DROP_JS = """([name, text]) => {
    const files = new DataTransfer();
    files.items.add(new File([text], name, {type: 'application/json'}));
    document.querySelector('.team-drop').dispatchEvent(
        new DragEvent('drop', {dataTransfer: files, bubbles: true, cancelable: true}));
}"""


def test_dropped_files_removing_one_and_starting_over(page, base_url):
    """Verify dropped files are read like chosen ones, Remove takes one file's member out and
    Start over clears all, by keyboard."""
    open_team(page, base_url)
    load(page, [file_payload(answers_doc(ANA, "Ana Ruiz"), "ana.json")])
    page.evaluate(DROP_JS, ["ben.json", json.dumps(answers_doc(BEN, "Ben"))])
    expect(page.locator(".team-messages")).to_have_text(
        "Read 1 file. The results count 2 members from 2 files."
    )
    remove = page.get_by_role("button", name="Remove ana.json (file 1)")
    remove.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".team-messages")).to_have_text("“ana.json” was removed from the results.")
    members = page.locator("table[aria-labelledby=team-members] tbody tr")
    assert cells(members.first) == ["1. Ben", "2", "7"]
    assert (
        page.evaluate("document.activeElement.getAttribute('aria-label')")
        == "Remove ben.json (file 1)"
    )
    page.get_by_role("button", name="Start over").click()
    expect(page.locator(".team-results")).to_be_empty()
    expect(page.get_by_role("button", name="Download the table (CSV)")).to_be_disabled()
    assert page.evaluate("document.activeElement.id") == "team-files"


def test_without_the_list_of_tools_the_page_says_so(page, base_url):
    """Verify the page says why it cannot work when tools/specs.json does not load."""
    refuse_the_list_of_tools(page)
    page.goto(base_url + "tools/team/")
    expect(page.locator(".team-no-js")).to_have_text(
        "The list of tools could not be loaded. Check your connection and reload the page."
    )
    expect(page.locator(".team-load")).to_be_hidden()
    forget_the_refused_list_of_tools(page)


# ---------------------------------------------------------------------------- team answers


def test_team_answers_are_reviewed_written_and_undone(page, base_url, built_site):
    """Verify the starting point written for Tool 9 (medians rounded down; disagreements left
    open), its review with describeChange, keyboard use, undo, and the tool page showing it."""
    open_team(page, base_url)
    before = {
        "version": TOOLS[T9]["version"],
        "updated": "2026-11-01T08:00:00Z",
        "answers": {
            "community_data_system": "1",
            "leadership_engaged": "3",
            "infrastructure_notes": "old",
        },
        "extra": {"gone_field": "kept"},
    }
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)", [storage_key(T9), json.dumps(before)]
    )
    load(page, team_files(built_site))
    box = section(page, 9).locator(".team-adopt")
    review = box.get_by_role("button", name="Review team answers")
    review.focus()
    page.keyboard.press("Enter")
    # Starting point: tailors 4 (median 4.5 rounded down), monitoring 4, leadership 3,
    # conflict 3, dignity 4; against what is saved: 4 added, 0 changed (leadership stays 3),
    # 2 removed (community_data_system, infrastructure_notes).
    summary = box.locator(".team-review__summary")
    expect(summary).to_have_text(
        "This replaces the answers saved in this browser for Tool 9: "
        "Organizational Assessment: 4 answers added, 0 changed, "
        "2 removed."
    )
    expect(summary).to_be_focused()
    open_items = box.locator(".team-review li").all_inner_texts()
    assert len(open_items) == 3
    assert "has a system to collect" in open_items[0]  # 2 to 5: disagreement
    assert "reduced use of force" in open_items[1]  # 2 D/K against 1 rating
    assert open_items[2] == "Notes about Core Components:"  # members wrote differently
    assert stored(page, T9)["answers"] == before["answers"]  # nothing written yet

    box.get_by_role("button", name="Write team answers to this browser").click()
    team = {
        "tailors_programming": "4",
        "community_data_monitoring": "4",
        "leadership_engaged": "3",
        "conflict_strategies": "3",
        "dignity_systems": "4",
    }
    record = stored(page, T9)
    assert record["answers"] == team
    assert record["extra"] == {"gone_field": "kept"}
    message = box.locator(".team-adopt__messages")
    expect(message).to_contain_text(
        "Team answers written to this browser for Tool 9: "
        "Organizational Assessment: 4 answers added, 0 changed, "
        "2 removed."
    )
    expect(
        message.get_by_role("link", name="Open Tool 9: Organizational Assessment")
    ).to_have_attribute("href", base_url + f"tools/{T9}/")

    message.get_by_role("button", name="Undo").click()
    expect(message).to_have_text("Undone: the answers this browser had before are back.")
    assert stored(page, T9)["answers"] == before["answers"]

    review.click()
    box.get_by_role("button", name="Cancel").click()
    expect(box.locator(".team-review")).to_be_hidden()
    expect(review).to_be_focused()
    review.click()
    box.get_by_role("button", name="Write team answers to this browser").click()
    open_tool(page, base_url, T9)
    checked = page.eval_on_selector_all(
        "form.tool-form input[type=radio]:checked",
        "els => Object.fromEntries(els.map(e => [e.name, e.value]))",
    )
    assert checked == team


# ---------------------------------------------------------------------------- member name


def test_member_name_goes_into_downloads_and_is_shared_by_pages(page, base_url, tmp_path):
    """Verify the name typed on a tool page goes into its download (valid against the schema),
    shows on the tools index, and names the member on Team results; left empty, no field."""
    open_tool(page, base_url, T2)
    page.locator('input[name="recognizes_trauma"][value="yes"]').check()
    name = page.get_by_label("Your name or role")
    name.fill("Lt. Ana Ruiz")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download answers (JSON)").click()
    path = tmp_path / "mine.json"
    info.value.save_as(path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["member"] == "Lt. Ana Ruiz"
    assert [e.message for e in ANSWERS_SCHEMA.iter_errors(doc)] == []

    page.goto(base_url + "tools/")
    page.locator(".tool-all.is-ready").wait_for()
    expect(page.get_by_label("Your name or role")).to_have_value("Lt. Ana Ruiz")
    page.get_by_label("Your name or role").fill("")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download all answers (JSON)").click()
    info.value.save_as(tmp_path / "all.json")
    assert "member" not in json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))

    open_team(page, base_url)
    load(page, [str(path)])
    assert cells(page.locator(".team-files tbody tr").first)[:2] == ["mine.json", "Lt. Ana Ruiz"]


# ---------------------------------------------------------------------------- print, a11y, nav


def test_print_shows_the_report_on_a_few_pages(page, base_url, built_site):
    """Verify print media hides the controls and keeps summary and tables, on a few pages."""
    open_team(page, base_url)
    load(page, team_files(built_site))
    page.emulate_media(media="print")
    for hidden in (
        ".md-header",
        ".md-sidebar--primary",
        ".team-load",
        ".team-intro",
        ".team-adopt",
        ".team-files [data-action=remove]",
    ):
        assert page.locator(hidden).first.is_hidden(), hidden
    for shown in (
        "h1",
        ".team-print-meta",
        "#team-summary",
        ".team-profile",
        ".team-share",
        "#team-tool-9",
        "table.team-table--items",
        ".team-text",
        "#rules",
    ):
        assert page.locator(shown).first.is_visible(), shown
    expect(page.locator(".team-print-meta")).to_contain_text(
        "Team report: 4 members, 4 files, read "
    )
    assert style(page, ".team-profile__bar", "borderTopStyle") == "solid"  # borders print
    pages = len(pikepdf.open(io.BytesIO(page.pdf(format="Letter"))).pages)
    assert 2 <= pages <= 8, pages  # 7 when written: a few pages, not one item per page


def test_results_pass_wcag_22_aa_in_both_schemes(browser, base_url, built_site):
    """Verify axe-core finds no WCAG 2.2 A/AA violation in the results with data loaded and a
    review open: every rule in the light scheme, the colour rules in the dark one
    (tests/e2e/axe.py); test_pages.py scans the page before any file is loaded."""
    for scheme in ("light", "dark"):
        with watched_page(browser, base_url, color_scheme=scheme) as page:
            open_team(page, base_url)
            load(page, team_files(built_site))
            section(page, 9).get_by_role("button", name="Review team answers").click()
            assert violations(page, within=".team", colours_only=scheme == "dark") == [], scheme


def test_instant_navigation_mounts_the_team_page(page, base_url):
    """Verify the page mounts through instant navigation, with its stylesheet, there and back."""
    page.goto(base_url + "tools/")
    page.locator(".tool-all.is-ready").wait_for()
    page.evaluate("window.__sameDocument = true")
    page.locator("article").get_by_role("link", name="Team results").click()
    page.locator(".team.is-ready").wait_for()
    assert page.evaluate("window.__sameDocument") is True
    assert style(page, ".team-drop", "borderTopStyle") == "dashed"  # team.css is in
    load(page, [file_payload(answers_doc(CY), "cy.json")])
    expect(page.locator("#team-tool-9")).to_be_visible()
    page.locator(".md-sidebar--primary").get_by_role(
        "link", name="9. Organizational assessment"
    ).click()
    page.locator(f'form.tool-form.is-ready[data-tool="{T9}"]').wait_for()
    assert page.locator("link[href$='team.css']").count() == 0
    page.go_back()
    page.locator(".team.is-ready").wait_for()
    assert page.evaluate("window.__sameDocument") is True
    load(page, [file_payload(answers_doc(BEN, "Ben"), "ben.json")])
    expect(page.locator(".team-files tbody tr")).to_have_count(1)


def test_thirty_members_of_tool_9(page, base_url):
    """Verify 30 complete Tool 9 files make 30 member columns and the figures worked out by hand:
    member i rates item j (i + j) % 5 + 1, so every item gets each rating 6 times."""
    fields = [f for f in iter_fields(TOOLS[T9]) if f.kind == "radio"]
    assert len(fields) == 42  # Tool 9's criteria, counted in the toolkit
    files = [
        file_payload(
            answers_doc(
                {T9: {f.name: str((i + j) % 5 + 1) for j, f in enumerate(fields)}},
                f"Member {i + 1}",
            ),
            f"m{i + 1}.json",
        )
        for i in range(30)
    ]
    open_team(page, base_url)
    load(page, files)
    expect(page.locator(".team-messages")).to_contain_text(
        "The results count 30 members from 30 files"
    )
    first = section(page, 9).locator("table.team-table--items").first
    expect(first.locator("thead th.team-member")).to_have_count(30)
    # Item 1: 1 2 3 4 5, six times over: n 30, mean 3.0, median 3, range 1–5.
    assert cells(first.locator("tbody tr").first)[31:] == [
        "30",
        "3.0",
        "3",
        "0",
        "1–5",
        "Yes: 4 points apart",
    ]
    # IE1 (3 items): member averages 2, 3, 4, 13/3, 8/3 → 2.0 to 4.0; pooled 270 / 90 = 3.0.
    profile = page.locator("table[aria-labelledby=team-profile-9] tbody tr")
    assert cells(profile.first)[1:6] == ["3.0", "2.0–4.0", "0%", "90", "3 of 3"]
    assert page.evaluate("performance.getEntriesByName('ps-cope:team-render').length") == 1
