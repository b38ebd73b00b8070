"""Progress over time in real Chromium: an earlier set (two members' files, one answering Tool 9
for another tool version, with D/K answers) and a later single file, made here; the numbers on
the page and in the CSV against values worked out by hand below; snapshots (keep, list, rename,
compare, delete, in Download all answers); print; WCAG 2.2 AA with data loaded; and (the `page`
fixture) no request leaving the site and no console error."""

from __future__ import annotations

import csv
import io
import json

from playwright.sync_api import expect
from tables import cells
from tool_form import file_payload, storage_key, violations

T9, T2 = "09-organizational-assessment", "02-safe-secure-environment"
JAN, JUL = "2026-01-15T09:00:00Z", "2026-07-15T09:00:00Z"


def doc(
    tools: dict, exported: str, member: str | None = None, versions: dict | None = None
) -> dict:
    d = {
        "format": "ps-cope-answers",
        "version": 1,
        "exported": exported,
        "site": "http://elsewhere.invalid/",
        "tools": {
            slug: {"version": (versions or {}).get(slug, 1), "updated": None, "answers": a}
            for slug, a in tools.items()
        },
    }
    if member:
        d["member"] = member
    return d


ANA = {
    T9: {
        "community_data_system": "2",
        "tailors_programming": "3",
        "community_data_monitoring": "dk",
        "leadership_engaged": "3",
    },
    T2: {"recognizes_trauma": "no", "committed_health_safety": "yes"},
}
# Ben answered Tool 9 as it was in another version, with an item this version does not have.
BEN = {
    T9: {
        "community_data_system": "4",
        "tailors_programming": "dk",
        "community_data_monitoring": "2",
        "leadership_engaged": "3",
        "retired_item": "4",
    },
    T2: {"recognizes_trauma": "in_progress"},
}
LATER = {
    T9: {
        "community_data_system": "4",
        "tailors_programming": "4",
        "community_data_monitoring": "4",
        "leadership_engaged": "2",
        "conflict_strategies": "5",
    },
    T2: {
        "recognizes_trauma": "yes",
        "committed_health_safety": "in_progress",
        "common_understanding": "yes",
    },
}


def open_progress(page, base_url):
    page.goto(base_url + "tools/progress/")
    page.locator(".progress.is-ready").wait_for()


def load_both(page):
    page.get_by_label("Choose the earlier answers files").set_input_files(
        [
            file_payload(doc(ANA, JAN, "Ana"), "ana-jan.json"),
            file_payload(doc(BEN, JAN, "Ben", {T9: 2}), "ben-jan.json"),
            file_payload("{not json", "broken.json"),
        ]
    )
    expect(page.locator('[data-side="before"] .progress-set')).to_contain_text("2 members")
    page.get_by_label("Choose the later answers files").set_input_files(
        [file_payload(doc(LATER, JUL, "Team"), "team-jul.json")]
    )
    expect(page.locator(".progress-messages")).to_contain_text("Compared 2 tools")


def rows(page, tool: int, which: str):
    table = page.locator(f"section:has(> #progress-tool-{tool}) table").nth(
        0 if which == "elements" else -1
    )
    return [cells(r) for r in table.locator("tbody tr").all()]


def test_comparison_shows_hand_computed_figures(page, base_url, tmp_path):
    open_progress(page, base_url)
    load_both(page)
    before = page.locator('[data-side="before"] .progress-set')
    expect(before).to_contain_text("dated 2026-01-15")
    expect(before).to_contain_text("broken.json: Not used.")
    expect(page.locator('[data-side="after"] .progress-set')).to_contain_text(
        "1 member from 1 source, dated 2026-07-15"
    )
    # IE1 earlier {2,3,4,2} = 2.75 → 2.8, D/K 2; later {4,4,4} = 4.0; change 1.25 → +1.3.
    # IE2 earlier {3,3} = 3.0; later {2,5} = 3.5; +0.5.
    el = rows(page, 9, "elements")
    assert el[0][1:] == ["2.8", "4.0", "+1.3", "2", "0"], el[0]
    assert el[1][1:] == ["3.0", "3.5", "+0.5", "0", "0"], el[1]
    items = {r[0].removeprefix("The program: ")[:30]: r[1:] for r in rows(page, 9, "items")}
    assert items["has a system to collect, analy"] == ["2 1, 4 1", "4", "+1.0"]
    assert items["tailors programming to the spe"] == ["3 1, D/K 1", "4", "+1.0"]
    assert items["incorporates community-level d"] == ["2 1, D/K 1", "4", "+2.0"]
    assert items["leadership is actively engaged"] == ["3 (2)", "2", "-1.0"]
    assert items["has strategies to resolve conf"] == ["—", "5", "later only"]
    expect(page.locator("section:has(> #progress-tool-9) .progress-not-compared")).to_contain_text(
        "Fields that could not be compared: retired_item."
    )
    # Tool 2: recognizes 0.5 → 2 forward; committed yes → in progress back; common understanding later only.
    expect(page.locator("section:has(> #progress-tool-2) .progress-moves")).to_have_text(
        "Items moved forward: 1; back: 1; stayed: 0; answered later only: 1."
    )
    t2 = [r[1:] for r in rows(page, 2, "items")]
    assert t2 == [
        ["In Progress 1, No 1", "Yes", "forward"],
        ["Yes", "In Progress", "back"],
        ["—", "Yes", "later only"],
    ]
    extremes = page.locator(".progress-extremes li")
    expect(extremes.nth(0)).to_contain_text("Improved most: Infrastructure 1")
    expect(extremes.nth(1)).to_contain_text("Improved least: Infrastructure 2")
    assert (
        extremes.nth(0)
        .locator("a")
        .first.get_attribute("href")
        .endswith("infrastructure-elements/#ie1")
    )

    with page.expect_download() as info:
        page.get_by_role("button", name="Download the comparison (CSV)").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    by = {(r[0], r[1]): r for r in table[1:]}
    assert by[("Tool 9", "element IE1")][6:] == ["2.75", "4.00", "+1.25", "2", "0", "forward"]
    assert by[("Tool 9", "element IE2")][6:] == ["3.00", "3.50", "+0.50", "0", "0", "forward"]
    assert by[("Tool 9", "leadership_engaged")][3:9] == [
        "3 (2)",
        "2",
        "both",
        "3.00",
        "2.00",
        "-1.00",
    ]
    assert by[("Tool 9", "conflict_strategies")][3:6] == ["", "5", "later only"]
    assert by[("Tool 2", "recognizes_trauma")][3:] == [
        "In Progress 1, No 1",
        "Yes",
        "both",
        "",
        "",
        "",
        "",
        "",
        "forward",
    ]

    assert violations(page, within=".progress") == []  # the rest of the page: test_pages.py
    page.emulate_media(media="print")
    assert page.locator(".progress-load").is_hidden()
    expect(page.locator(".progress-print-meta")).to_be_visible()
    expect(page.locator(".progress-print-meta")).to_contain_text(
        "Earlier (2026-01-15) compared with Later (2026-07-15)"
    )
    expect(page.locator(".progress-chart").first).to_be_visible()


def test_snapshots_keep_list_rename_compare_delete(page, base_url, tmp_path):
    page.goto(base_url + "tools/")
    page.locator(".tool-all.is-ready").wait_for()
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)",
        [
            storage_key(T2),
            json.dumps(
                {"version": 1, "updated": JAN, "answers": {"recognizes_trauma": "no"}, "extra": {}}
            ),
        ],
    )
    page.reload()
    page.locator(".tool-all.is-ready").wait_for()
    page.get_by_label("Snapshot name").fill("January <b>review</b>")
    page.get_by_role("button", name="Keep a snapshot of these answers").click()
    expect(page.locator(".snapshot-list li")).to_have_count(1)
    expect(page.locator(".snapshot-name")).to_have_text("January <b>review</b>")
    kept = json.loads(page.evaluate("k => localStorage.getItem(k)", "ps-cope:/:snapshots"))
    assert [s["name"] for s in kept] == ["January <b>review</b>"]
    assert kept[0]["tools"] == {
        T2: {"version": 1, "updated": JAN, "answers": {"recognizes_trauma": "no"}}
    }
    page.once("dialog", lambda d: d.accept("January"))
    page.get_by_role("button", name="Rename January <b>review</b>").click()
    expect(page.locator(".snapshot-name")).to_have_text("January")
    with page.expect_download() as info:
        page.locator("[data-action=export]").click()
    path = tmp_path / "all.json"
    info.value.save_as(path)
    assert [s["name"] for s in json.loads(path.read_text())["snapshots"]] == ["January"]
    assert violations(page, within=".snapshots") == []  # the rest of the page: test_pages.py

    open_progress(page, base_url)
    page.get_by_label("or a snapshot kept in this browser").first.select_option(index=1)
    page.get_by_label("Choose the later answers files").set_input_files(
        [file_payload(doc({T2: {"recognizes_trauma": "in_progress"}}, JUL), "jul.json")]
    )
    expect(page.locator("section:has(> #progress-tool-2) .progress-moves")).to_have_text(
        "Items moved forward: 1; back: 0; stayed: 0."
    )
    assert [r[1:] for r in rows(page, 2, "items")] == [["No", "In Progress", "forward"]]

    page.goto(base_url + "tools/")
    page.locator(".tool-all.is-ready").wait_for()
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Delete January").click()
    expect(page.locator(".snapshot-list li")).to_have_count(0)
    assert json.loads(page.evaluate("k => localStorage.getItem(k)", "ps-cope:/:snapshots")) == []
