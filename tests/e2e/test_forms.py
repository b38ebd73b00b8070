"""The 13 tool forms in real Chromium: autosave, answers files, hostile files, storage failures,
tabs, clear/undo, repeating rows, print, instant navigation and WCAG 2.2 AA when filled."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from axe import switch_to_dark_scheme
from browser import SHOWN_ANSWERS_JS
from playwright.sync_api import expect
from tool_facts import FIELDS, FIRST_GROWABLE, GROWABLE_ROWS
from tool_form import (
    ANSWERS_SCHEMA,
    BY_SLUG,
    POLL_MS,
    SHARED_BEHAVIOUR_SLUGS,
    answers_file,
    file_payload,
    form_answers,
    message,
    open_tool,
    per_kind_of_field,
    set_field,
    storage_key,
    stored,
    violations,
    wait_stored,
    watched_page,
)
from watch import PageWatch

from devkit.forms import ANSWER_FORM_JS
from macros.fields import iter_fields

TOOLS = list(BY_SLUG.values())


def growable_rows(tool) -> list[dict]:
    """The tool's tables that can take more rows than are printed (hand-written facts, not the
    field spec the page is built from)."""
    return [
        {"id": table, "rows": rows, "max_rows": max_rows, "columns": columns}
        for table, rows, max_rows, columns in GROWABLE_ROWS.get(tool["slug"], [])
    ]


# Adding and removing rows by keyboard is the same code (rows.js) for every table, given where
# it sits: Tool 8's, and Tool 12's in a repeated section (cells and names carry the copy:
# idea_1_actions_…, "Idea #1: …"). Every tool adds rows in the fill test; every table's name is
# checked in tests/test_field_model.py.
ROWS_KEYBOARD_TOOLS = [BY_SLUG["08-integration-worksheet"], BY_SLUG["12-operational-plan"]]
NOT_KEPT = "Your browser is not keeping these answers. Download them before you leave this page."
STORAGE_BLOCKED = "storage blocked by test"
HOSTILE_TEXT = "<img src=x onerror=window.__pwned=1>"


per_tool = pytest.mark.parametrize("tool", TOOLS, ids=[t["slug"] for t in TOOLS])

# What a form does with bad files, failing or corrupted storage, two tabs, and Clear and Undo is
# the same code for every tool, given the kinds of field it has: those tests take
# `per_kind_of_field` (tool_form.py).


# ---------------------------------------------------------------------------- helpers


def sample_value(field) -> str:
    """A distinctive answer: a non-first option for radios, text with quotes and markup."""
    if field.kind == "radio":
        return field.options[1][0]
    if field.kind == "checkbox":
        return "yes"
    if field.kind == "date":
        return "2024-02-29"
    if field.kind == "long_text":
        return f"{field.name}: first line\nsecond line “quoted” & <b>not markup</b>"
    return f"{field.name} – text ✓"


def add_one_row_per_block(page, tool) -> None:
    for block in growable_rows(tool):
        page.locator(f'[data-rows="{block["id"]}"] .tool-row-add').click()


def fill_all_but_the_last_field(page, tool):
    """Add a row to every repeating table, then answer every field on the page but the last: the
    first through Playwright (typing, clicking), the rest in one round trip (ANSWER_FORM_JS; field
    by field, Tool 12 took most of a minute). Returns the answers to all of them, and the last."""
    add_one_row_per_block(page, tool)
    present = set(
        page.eval_on_selector_all("form.tool-form [name]", "els => els.map(e => e.name)")
    )
    fields = [f for f in iter_fields(tool, rows="max") if f.name in present]
    expected = {f.name: sample_value(f) for f in fields}
    set_field(page, fields[0], expected[fields[0].name])
    assert page.evaluate(ANSWER_FORM_JS, {f.name: expected[f.name] for f in fields[1:-1]}) == []
    return expected, fields[-1]


def full_answers(tool) -> dict[str, str]:
    """Answers to every field, including one added row per repeating table."""
    extra_rows = {f"{b['id']}_{b['rows'] + 1}_" for b in growable_rows(tool)}
    printed = {f.name for f in iter_fields(tool, rows="printed")}
    return {
        f.name: sample_value(f)
        for f in iter_fields(tool, rows="max")
        if f.name in printed or any(f.name.startswith(p) for p in extra_rows)
    }


def store_answers(page, tool, answers: dict[str, str]) -> None:
    page.evaluate(
        "([key, rec]) => localStorage.setItem(key, JSON.stringify(rec))",
        [
            storage_key(tool["slug"]),
            {"version": tool["version"], "updated": "2024-05-06T07:08:09Z", "answers": answers},
        ],
    )


def two_fields(tool):
    """Two different fields shown on an empty form."""
    fields = iter_fields(tool, rows="printed")
    return fields[0], fields[-1]


def validate_export(doc: dict, base_url: str) -> None:
    errors = [e.message for e in ANSWERS_SCHEMA.iter_errors(doc)]
    assert errors == [], errors
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", doc["exported"])
    assert doc["site"] == base_url


def test_the_shared_behaviour_tools_have_every_kind_of_field_and_repeating_rows():
    """Hold SHARED_BEHAVIOUR_SLUGS to the hand-written facts: every kind of field any tool has,
    and a table that takes more rows."""
    every_kind = {kind for _, _, kinds in FIELDS.values() for kind in kinds}
    chosen_kinds = {kind for slug in SHARED_BEHAVIOUR_SLUGS for kind in FIELDS[slug][2]}
    assert chosen_kinds == every_kind == {"text", "long_text", "date", "radio", "checkbox"}
    assert set(SHARED_BEHAVIOUR_SLUGS) & set(GROWABLE_ROWS)


# ---------------------------------------------------------------------------- per tool


@per_tool
def test_fill_reload_print_export_and_import_into_a_new_profile(
    page, browser, base_url, tool, tmp_path
):
    """Verify every answer survives a reload, prints in full and exports to a valid file (which
    the three SHARED_BEHAVIOUR_SLUGS tools also import into a new profile); and that axe-core
    finds no WCAG 2.2 A/AA violation on the page, scanned once in each scheme: light with all
    answers but one, dark (the colour rules: tests/e2e/axe.py) with all of them."""
    slug = tool["slug"]
    open_tool(page, base_url, slug)
    assert page.locator("h1").first.is_visible()
    expected, last = fill_all_but_the_last_field(page, tool)
    # The one scan in the light scheme: answered questions, an unanswered one and the button
    # that goes to it, all on the page.
    expect(page.get_by_role("button", name="Go to the next unanswered")).to_be_visible()
    assert violations(page) == []
    set_field(page, last, expected[last.name])
    assert {f.name for f in iter_fields(tool, rows="printed")} <= set(expected)
    printed, _, _ = FIELDS[slug]  # and one added row per growable table
    assert len(expected) == printed + sum(b["columns"] for b in growable_rows(tool))
    wait_stored(page, slug, expected)
    expect(page.locator(".tool-status")).to_have_text(re.compile(r"^Saved \d\d:\d\d$"))

    page.reload()
    page.locator("form.tool-form.is-ready").wait_for()
    assert form_answers(page) == expected
    expect_printed_in_full(page, tool, expected)
    switch_to_dark_scheme(page)
    assert violations(page, colours_only=True) == []  # the only scan in the dark scheme

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download answers (JSON)").click()
    download = download_info.value
    assert download.suggested_filename == f"ps-cope-{slug}-answers-{date.today().isoformat()}.json"
    exported = tmp_path / download.suggested_filename
    download.save_as(exported)
    doc = json.loads(exported.read_text(encoding="utf-8"))
    validate_export(doc, base_url)
    assert list(doc["tools"]) == [slug]
    assert doc["tools"][slug]["version"] == tool["version"]
    assert doc["tools"][slug]["answers"] == expected
    if slug not in SHARED_BEHAVIOUR_SLUGS:
        return  # what importing adds to the reload above is the same code for every tool

    with watched_page(browser, base_url) as fresh:
        open_tool(fresh, base_url, slug)
        assert form_answers(fresh) == {}
        fresh.get_by_label("Load answers from a file").set_input_files(exported)
        expect(message(fresh)).to_contain_text(f"{len(expected)} answers added")
        assert form_answers(fresh) == expected
        wait_stored(fresh, slug, expected)


def expect_printed_in_full(page, tool, answers: dict[str, str]) -> None:
    """Printing shows answers as text, only chosen options, no site chrome or buttons; and the
    page is as it was afterwards."""
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    copies = page.locator(".tool-print-copy").all_text_contents()
    for field in iter_fields(tool, rows="max"):
        if field.name in answers and field.kind in ("text", "long_text", "date"):
            assert answers[field.name] in copies, field.name
    hidden = (".md-header", ".md-sidebar--primary", ".tool-toolbar", "form.tool-form textarea")
    for selector in hidden:
        if page.locator(selector).count():
            assert page.locator(selector).first.is_hidden(), selector
    radios = [f for f in iter_fields(tool) if f.kind == "radio"]
    if radios:
        option = page.locator(f'label.tool-option:has(input[name="{radios[0].name}"])')
        assert option.nth(1).is_visible() and option.nth(0).is_hidden()
    expect(page.locator(".tool-print-meta")).to_contain_text("Printed")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    assert page.locator("[data-print]").count() == 0


@per_kind_of_field
def test_hostile_files_are_refused_or_shown_as_text(page, base_url, tool):
    """Verify bad answers files change nothing, and markup in an answer stays plain text."""
    slug = tool["slug"]
    open_tool(page, base_url, slug)
    first, _ = two_fields(tool)
    set_field(page, first, sample_value(first))
    wait_stored(page, slug, {first.name: sample_value(first)})
    before = stored(page, slug)
    other = next(t for t in TOOLS if t["slug"] != slug)
    radios = [f for f in iter_fields(tool) if f.kind == "radio"]
    dates = [f for f in iter_fields(tool) if f.kind == "date"]
    padding = " " * (2 * 1024 * 1024)
    cases = {
        "malformed JSON": ('{"format": "ps-cope-answers", "tools": {', "not valid JSON"),
        "wrong tool": (
            answers_file({other["slug"]: {"answers": {}}}),
            f"Tool {other['number']}: {other['title']}",
        ),
        "format version 2": (answers_file({slug: {"answers": {}}}, version=2), "format version 2"),
        "2 MB file": (json.dumps(answers_file({slug: {"answers": {}}})) + padding, "too large"),
        "non-string value": (answers_file({slug: {"answers": {first.name: 5}}}), "not text"),
        "invalid field name": (
            answers_file({slug: {"answers": {"Bad-Name": "x"}}}),
            "invalid field name",
        ),
    }
    if radios:
        cases["radio value not an option"] = (
            answers_file({slug: {"answers": {radios[0].name: "maybe"}}}),
            "not a valid answer",
        )
    if dates:
        cases["date not a date"] = (
            answers_file({slug: {"answers": {dates[0].name: "31/12/2024"}}}),
            "not a valid answer",
        )
    file_input = page.get_by_label("Load answers from a file")
    for case, (content, says) in cases.items():
        file_input.set_input_files(file_payload(content))
        expect(message(page), case).to_contain_text(says)
        expect(message(page), case).to_have_class(re.compile("tool-message--error"))
        assert stored(page, slug) == before, case
        assert form_answers(page) == {first.name: sample_value(first)}, case

    # Markup as a text answer is shown as text; as an unknown field it is kept aside, not shown.
    text_fields = [f.name for f in iter_fields(tool) if f.kind in ("text", "long_text")][:1]
    hostile = dict.fromkeys(text_fields, HOSTILE_TEXT)
    page.once("dialog", lambda dialog: dialog.accept())
    file_input.set_input_files(
        file_payload(
            answers_file({slug: {"answers": {**hostile, "field_from_elsewhere": HOSTILE_TEXT}}})
        )
    )
    expect(message(page)).to_contain_text("field_from_elsewhere")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("form.tool-form img").count() == 0
    assert form_answers(page) == hostile
    record = stored(page, slug)
    assert record["answers"] == hostile
    assert record["extra"] == {"field_from_elsewhere": HOSTILE_TEXT}
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download answers (JSON)").click()
    doc = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert doc["tools"][slug]["answers"] == {**hostile, "field_from_elsewhere": HOSTILE_TEXT}
    page.get_by_role("button", name="Undo import").click()
    expect(message(page)).to_contain_text("previous answers are back")
    assert stored(page, slug)["answers"] == before["answers"]
    assert form_answers(page) == {first.name: sample_value(first)}


@per_kind_of_field
@pytest.mark.parametrize("failure", ["blocked", "full"])
def test_form_works_when_the_browser_keeps_nothing(page, context, base_url, tool, failure):
    """Verify a blocked or full localStorage shows the warning and the form still exports."""
    if failure == "blocked":
        context.add_init_script(
            "Object.defineProperty(window, 'localStorage', {configurable: true, get() {"
            f" throw new DOMException('{STORAGE_BLOCKED}', 'SecurityError'); }}}});"
        )
    else:
        context.add_init_script(
            "const setItem = Storage.prototype.setItem;"
            "Storage.prototype.setItem = function (key, value) {"
            " if (key.startsWith('ps-cope:') && !key.endsWith(':probe'))"
            "  throw new DOMException('full', 'QuotaExceededError');"
            " return setItem.call(this, key, value); };"
        )
    slug = tool["slug"]
    open_tool(page, base_url, slug)
    first, _ = two_fields(tool)
    set_field(page, first, sample_value(first))
    expect(page.locator("form.tool-form .tool-warning")).to_have_text(NOT_KEPT)
    assert form_answers(page) == {first.name: sample_value(first)}
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download answers (JSON)").click()
    doc = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    validate_export(doc, base_url)
    assert doc["tools"][slug]["answers"] == {first.name: sample_value(first)}
    # Material's own inline scripts read localStorage without try/catch and throw the injected
    # error; the form modules guard every access, so only those errors are expected here.
    page.watch.errors[:] = [e for e in page.watch.errors if STORAGE_BLOCKED not in e]


@per_kind_of_field
def test_corrupted_saved_answers_are_reported_and_set_aside(page, base_url, tool):
    """Verify unreadable saved answers are moved aside and reported, and the form keeps working."""
    slug = tool["slug"]
    open_tool(page, base_url, slug)
    page.evaluate("key => localStorage.setItem(key, '{\"answers\": [broken')", storage_key(slug))
    page.reload()
    page.locator("form.tool-form.is-ready").wait_for()
    expect(message(page)).to_contain_text("could not be read")
    keys = page.evaluate("Object.keys(localStorage)")
    aside = [k for k in keys if k.startswith(storage_key(slug) + ":corrupt:")]
    assert len(aside) == 1 and storage_key(slug) not in keys
    assert page.evaluate("key => localStorage.getItem(key)", aside[0]) == '{"answers": [broken'
    first, _ = two_fields(tool)
    set_field(page, first, sample_value(first))
    wait_stored(page, slug, {first.name: sample_value(first)})


@per_kind_of_field
def test_two_tabs_keep_each_others_edits(page, context, base_url, tool):
    """Verify two tabs editing different fields at once both keep their edits."""
    slug = tool["slug"]
    other = context.new_page()
    watch = PageWatch(other, base_url)
    open_tool(page, base_url, slug)
    open_tool(other, base_url, slug)
    first, last = two_fields(tool)
    # Each tab is brought to the front to be used, as a person would: a tab behind gets no
    # animation frames, and a click there waits about a second for the control to be "stable".
    page.bring_to_front()
    set_field(page, first, sample_value(first))
    other.bring_to_front()
    set_field(other, last, sample_value(last))  # before the first tab's autosave has run
    both = {first.name: sample_value(first), last.name: sample_value(last)}
    wait_stored(other, slug, both)  # one storage for both tabs, read in the tab in front
    expect_form(other, both)
    page.bring_to_front()
    expect_form(page, both)
    other.bring_to_front()
    other.reload()
    other.locator("form.tool-form.is-ready").wait_for()
    assert form_answers(other) == both
    assert watch.errors == [] and watch.foreign_requests == []


def expect_form(page, answers: dict[str, str]) -> None:
    """Wait until the form shows exactly `answers`."""
    page.wait_for_function(
        f"""expected => {{
            const sorted = (o) => JSON.stringify(Object.entries(o).sort());
            return sorted(({SHOWN_ANSWERS_JS})()) === sorted(expected);
        }}""",
        arg=answers,
        polling=POLL_MS,
    )


@per_kind_of_field
def test_clear_and_undo(page, base_url, tool):
    """Verify Clear asks first, empties form and storage, and Undo brings everything back."""
    slug = tool["slug"]
    open_tool(page, base_url, slug)
    first, last = two_fields(tool)
    answers = {first.name: sample_value(first), last.name: sample_value(last)}
    for field in (first, last):
        set_field(page, field, answers[field.name])
    wait_stored(page, slug, answers)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Clear answers").click()
    assert form_answers(page) == answers and stored(page, slug)["answers"] == answers
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear answers").click()
    expect(message(page)).to_contain_text("Answers cleared.")
    assert form_answers(page) == {} and stored(page, slug) is None
    page.get_by_role("button", name="Undo clear").click()
    expect(message(page)).to_contain_text("Your answers are back.")
    assert form_answers(page) == answers and stored(page, slug)["answers"] == answers


# Notes, as the form becomes ready, where its first question is on the page.
FIRST_QUESTION_AT_READY_JS = """new MutationObserver((changes, observer) => {
  const form = document.querySelector('form.tool-form.is-ready');
  if (!form) return;
  observer.disconnect();
  window.__firstQuestionAtReady = form.querySelector('.tool-item').getBoundingClientRect().top;
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['class'] });"""


def test_nothing_moves_the_questions_once_the_form_is_ready(page, base_url):
    """Verify the toolbar's lines that need more than the page (how long this browser keeps
    answers; keeping a copy in a file, where the browser can write files) are there when the
    form is ready, so nothing moves the questions afterwards (a click aimed at an answer would
    land beside it)."""
    page.add_init_script(FIRST_QUESTION_AT_READY_JS)
    open_tool(page, base_url, "02-safe-secure-environment")
    expect(page.locator(".tool-durability")).to_have_attribute("data-state", re.compile("."))
    expect(page.locator(".tool-file-copy")).to_contain_text("Keep a copy in a file")
    first = page.locator("form.tool-form .tool-item").first
    now = first.evaluate("el => el.getBoundingClientRect().top")
    assert page.evaluate("window.__firstQuestionAtReady") == now


def test_a_long_answer_shows_in_full_and_its_box_shrinks_back_when_cleared(page, base_url):
    """Verify a restored many-line answer's box grows to show all of it, and Clear returns the
    box to the height it has empty."""
    tool = BY_SLUG["08-integration-worksheet"]
    slug = tool["slug"]
    field = next(f for f in iter_fields(tool) if f.kind == "long_text")
    box = page.locator(f'form.tool-form textarea[name="{field.name}"]')
    open_tool(page, base_url, slug)
    empty = box.evaluate("el => el.offsetHeight")
    store_answers(page, tool, {field.name: "\n".join(f"line {n}" for n in range(1, 16))})
    page.reload()
    page.locator("form.tool-form.is-ready").wait_for()
    grown = box.evaluate("el => [el.offsetHeight, el.scrollHeight - el.clientHeight]")
    assert grown[0] > 2 * empty and grown[1] <= 0, grown  # taller, and nothing scrolled away
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear answers").click()
    expect(message(page)).to_contain_text("Answers cleared.")
    assert box.evaluate("el => el.offsetHeight") == empty


# ---------------------------------------------------------------------------- repeating rows


@pytest.mark.parametrize("tool", ROWS_KEYBOARD_TOOLS, ids=[t["slug"] for t in ROWS_KEYBOARD_TOOLS])
def test_repeating_rows_by_keyboard(page, base_url, tool):
    """Verify rows are added and removed with the keyboard, with focus and names kept right."""
    slug = tool["slug"]
    open_tool(page, base_url, slug)
    block = growable_rows(tool)[0]
    title, first_col, first_label = FIRST_GROWABLE[slug]
    rows = page.locator(f'[data-rows="{block["id"]}"]')
    add = rows.locator(".tool-row-add")

    def cell(n: int) -> str:
        return f"{block['id']}_{n}_{first_col}"

    expect(add).to_have_accessible_name(f"Add row to {title}")
    add.focus()
    page.keyboard.press("Enter")
    n = block["rows"] + 1
    expect(rows.locator("tbody tr")).to_have_count(n)
    assert page.evaluate("document.activeElement.name") == cell(n)
    page.keyboard.type("added row")
    remove = rows.locator("tbody tr").nth(n - 1).locator(".tool-row-remove")
    expect(remove).to_have_accessible_name(f"Remove row {n} of {title}")

    page.once("dialog", lambda dialog: dialog.dismiss())
    remove.focus()
    page.keyboard.press("Enter")
    expect(rows.locator("tbody tr")).to_have_count(n)
    page.once("dialog", lambda dialog: dialog.accept())
    remove.focus()
    page.keyboard.press("Enter")
    expect(rows.locator("tbody tr")).to_have_count(n - 1)
    assert page.evaluate("document.activeElement.classList.contains('tool-row-add')")

    page.locator(f'[name="{cell(1)}"]').fill("row one")
    page.locator(f'[name="{cell(2)}"]').fill("row two")
    page.once("dialog", lambda dialog: dialog.accept())
    rows.locator("tbody tr").first.locator(".tool-row-remove").focus()
    page.keyboard.press("Space")
    expect(rows.locator("tbody tr")).to_have_count(n - 2)
    assert page.evaluate("document.activeElement.name") == cell(1)
    assert page.locator(f'[name="{cell(1)}"]').input_value() == "row two"
    labels = {f.name: f.label for f in iter_fields(tool, rows="max")}  # the one field model
    assert labels[cell(1)].endswith(f"Row 1: {first_label}")  # the hand-written fact
    expect(page.locator(f'[name="{cell(1)}"]')).to_have_accessible_name(labels[cell(1)])
    wait_stored(page, slug, {cell(1): "row two"})

    add.focus()
    while add.is_enabled():
        page.keyboard.press("Enter")
        add.focus()
    expect(rows.locator("tbody tr")).to_have_count(block["max_rows"])
    page.locator(f'[name="{cell(block["max_rows"])}"]').fill("last row")
    wait_stored(page, slug, {cell(1): "row two", cell(block["max_rows"]): "last row"})
    page.reload()
    page.locator("form.tool-form.is-ready").wait_for()
    expect(rows.locator("tbody tr")).to_have_count(block["max_rows"])
    assert form_answers(page) == {cell(1): "row two", cell(block["max_rows"]): "last row"}


# Where a focused answer's outline reaches beyond the control: extra.css's 3px + 2px offset.
FOCUS_OUTLINE_PX = 5


def test_off_screen_questions_wait_to_render_and_keep_focus_outlines_whole(page, base_url):
    """Verify the last question of Tool 9 is skipped by rendering until reached, then shown; on a
    phone, where its first answer sits at the item's left edge, the item leaves room for that
    answer's whole focus outline (paint is contained to the item)."""
    page.set_viewport_size({"width": 400, "height": 800})
    open_tool(page, base_url, "09-organizational-assessment")
    last = page.locator("fieldset.tool-item").last
    rendered = "el => el.firstElementChild.checkVisibility({ contentVisibilityAuto: true })"
    assert last.evaluate(rendered) is False, "an off-screen question was rendered on load"
    radio = last.locator("input[type=radio]").first
    radio.focus()
    assert last.evaluate(rendered) is True
    legend, control = last.locator("legend").bounding_box(), radio.bounding_box()
    assert control["x"] == legend["x"], "the answers are not under the question"
    assert control["x"] - last.bounding_box()["x"] >= FOCUS_OUTLINE_PX


# ---------------------------------------------------------------------------- navigation, index


def test_instant_navigation_mounts_each_form_once(page, base_url):
    """Verify every tool page mounts once through instant navigation, there and back, and an
    answer typed just before moving on to the next page is saved."""
    open_tool(page, base_url, TOOLS[0]["slug"])
    page.evaluate("window.__sameDocument = true")
    path = TOOLS[1:] + TOOLS[:1]  # 2 … 13, then back to 1 (mounted before in this document)
    for tool in path:
        page.locator(f'.md-sidebar--primary a[href$="{tool["slug"]}/"]').first.click()
        page.locator(f'form.tool-form.is-ready[data-tool="{tool["slug"]}"]').wait_for()
        assert page.evaluate("window.__sameDocument") is True, "a full page load happened"
        for block in growable_rows(tool)[:1]:
            count = page.locator(f'[data-rows="{block["id"]}"] tbody tr').count()
            page.locator(f'[data-rows="{block["id"]}"] .tool-row-add').click()
            expect(page.locator(f'[data-rows="{block["id"]}"] tbody tr')).to_have_count(count + 1)
        first, _ = two_fields(tool)
        answer = {first.name: sample_value(first)}
        set_field(page, first, answer[first.name])  # and on at once, before the autosave
    for tool in TOOLS:
        first, _ = two_fields(tool)
        wait_stored(page, tool["slug"], {first.name: sample_value(first)})
    page.go_back()
    previous = path[-2]
    page.locator(f'form.tool-form.is-ready[data-tool="{previous["slug"]}"]').wait_for()
    assert page.evaluate("window.__sameDocument") is True
    first, _ = two_fields(previous)
    assert form_answers(page) == {first.name: sample_value(first)}


def test_index_downloads_and_loads_all_answers(page, browser, base_url, tmp_path):
    """Verify the tools index exports every tool with answers and loads a multi-tool file."""
    chosen = [TOOLS[1], TOOLS[8]]
    page.goto(base_url + "tools/")
    page.locator(".tool-all.is-ready").wait_for()
    page.get_by_role("button", name="Download all answers (JSON)").click()
    expect(message(page)).to_contain_text("no answers saved")
    for tool in chosen:
        store_answers(page, tool, full_answers(tool))
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download all answers (JSON)").click()
    exported = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(exported)
    assert exported.name == f"ps-cope-all-answers-{date.today().isoformat()}.json"
    doc = json.loads(exported.read_text(encoding="utf-8"))
    validate_export(doc, base_url)
    assert {slug: e["answers"] for slug, e in doc["tools"].items()} == {
        t["slug"]: full_answers(t) for t in chosen
    }

    with watched_page(browser, base_url) as fresh:
        fresh.goto(base_url + "tools/")
        fresh.locator(".tool-all.is-ready").wait_for()
        fresh.get_by_label("Load answers from a file").set_input_files(exported)
        expect(message(fresh)).to_contain_text("Tool 2:")
        for tool in chosen:
            assert stored(fresh, tool["slug"])["answers"] == full_answers(tool)
        open_tool(fresh, base_url, chosen[0]["slug"])
        assert form_answers(fresh) == full_answers(chosen[0])

        # A tool page takes its own part of a multi-tool file and names the rest.
        store_answers(fresh, chosen[1], {})
        open_tool(fresh, base_url, chosen[1]["slug"])
        fresh.get_by_label("Load answers from a file").set_input_files(exported)
        expect(message(fresh)).to_contain_text(f"Tool 2: {chosen[0]['title']}")
        assert form_answers(fresh) == full_answers(chosen[1])

        fresh.goto(base_url + "tools/")
        fresh.locator(".tool-all.is-ready").wait_for()
        fresh.get_by_label("Load answers from a file").set_input_files(
            file_payload(answers_file({"99-unknown-tool": {"answers": {}}}))
        )
        expect(message(fresh)).to_contain_text("does not have")
        fresh.once("dialog", lambda dialog: dialog.accept())
        fresh.get_by_label("Load answers from a file").set_input_files(
            file_payload(answers_file({chosen[0]["slug"]: {"answers": {}}}))
        )
        expect(message(fresh)).to_contain_text("removed")
        assert stored(fresh, chosen[0]["slug"]) is None
        fresh.get_by_role("button", name="Undo import").click()
        expect(message(fresh)).to_contain_text("previous answers are back")
        assert stored(fresh, chosen[0]["slug"])["answers"] == full_answers(chosen[0])
