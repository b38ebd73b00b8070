"""The toolkit as one journey (real Chromium): progress on the index and each tool page, the
form's sections in the table of contents, answers carried forward from earlier tools, trainer
mode with fictional sample answers, and printing the blank tool."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from axe import wcag_violations
from playwright.sync_api import expect
from tool_form import (
    forget_the_refused_list_of_tools,
    message,
    open_tool,
    refuse_the_list_of_tools,
    set_field,
    stored,
    wait_stored,
    watched_page,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = yaml.safe_load((ROOT / "tools/samples/sample-answers.yml").read_text(encoding="utf-8"))
PROGRESS_RULE = (
    "(each question counts once, a table once any of its rows is filled; “Notes” "
    "boxes are optional)."
)
# Tool 9's grids, as printed: the element each assesses and one of its criteria (field IDs).
TOOL9_IE1 = ["community_data_system", "tailors_programming", "community_data_monitoring"]
TOOL9_IE2 = [
    "leadership_engaged",
    "conflict_strategies",
    "reduced_use_of_force",
    "dignity_systems",
]


def rate(page, names: list[str], value: str) -> None:
    for name in names:
        page.check(f'input[name="{name}"][value="{value}"]')


def local_storage(page) -> str:
    return page.evaluate("() => JSON.stringify(Object.entries(localStorage).sort())")


def test_progress_counts_what_a_person_would(page, base_url):
    """Tool 2 has 20 checklist items and two optional Notes boxes; Tool 13 has 8 answers: the
    goal, the evaluation table (one, whatever its rows), and six boxes."""
    open_tool(page, base_url, "02-safe-secure-environment")
    progress = page.locator(".tool-progress")
    expect(progress).to_have_text(f"0 of 20 answered {PROGRESS_RULE} Go to the next unanswered")
    page.check('input[name="recognizes_trauma"][value="yes"]')
    page.check('input[name="common_understanding"][value="no"]')
    page.fill('[name="checklist_notes"]', "Notes do not count")
    wait_stored(
        page,
        "02-safe-secure-environment",
        {
            "recognizes_trauma": "yes",
            "common_understanding": "no",
            "checklist_notes": "Notes do not count",
        },
    )
    expect(progress).to_contain_text("2 of 20 answered")
    page.locator('input[name="recognizes_trauma"][value="yes"]').focus()
    progress.get_by_role("button", name="Go to the next unanswered").click()
    assert page.evaluate("document.activeElement.name") == "committed_health_safety"

    open_tool(page, base_url, "13-evaluation-template")
    page.fill('[name="evaluation_3_indicators"]', "Repeat calls")
    page.fill('[name="staff"]', "Sgt. on the co-responder team")
    wait_stored(
        page,
        "13-evaluation-template",
        {"evaluation_3_indicators": "Repeat calls", "staff": "Sgt. on the co-responder team"},
    )
    expect(page.locator(".tool-progress")).to_contain_text("2 of 8 answered")

    page.goto(f"{base_url}tools/")
    page.locator(".tool-all.is-ready").wait_for()
    expect(page.locator('[data-progress="02-safe-secure-environment"]')).to_have_text(
        re.compile(r"^2 of 20 answered, saved .+")
    )
    expect(page.locator('[data-progress="13-evaluation-template"]')).to_have_text(
        re.compile(r"^2 of 8 answered, saved ")
    )
    expect(page.locator('[data-progress="01-data-based-decision-making"]')).to_have_text(
        "Not started"
    )
    expect(page.locator("[data-next]")).to_have_text(
        "Suggested next step, in the toolkit’s order: Tool 2: Safe and Secure Environment "
        "Checklist (2 of 20 answered)."
    )


def test_form_sections_are_in_the_contents_with_stable_anchors(page, base_url):
    open_tool(page, base_url, "09-organizational-assessment")
    toc = page.locator("nav.md-nav--secondary")
    for anchor in ["ie1", "ie2", "ie3", "ie4", "ie5", "cc1", "cc2", "cc3", "cc4", "cc5"]:
        heading = page.locator(f"h3#{anchor}")
        expect(heading).to_contain_text(
            ("Infrastructure " if anchor.startswith("ie") else "Component ") + anchor[2]
        )
        expect(toc.locator(f'a[href$="#{anchor}"]')).to_have_count(
            2
        )  # sidebar and its copy for small screens
    expect(page.locator("legend#community_data_system")).to_contain_text(
        "has a system to collect, analyze"
    )
    page.goto(f"{base_url}tools/09-organizational-assessment/#ie3")
    page.locator("form.tool-form.is-ready").wait_for()
    assert page.evaluate("document.getElementById('ie3').getBoundingClientRect().top") < 400

    open_tool(page, base_url, "12-operational-plan")
    for n in range(1, 5):
        expect(page.locator(f"h2#idea-{n}")).to_contain_text(f"Idea #{n}:")
        expect(page.locator(f'nav.md-nav--secondary a[href$="#idea-{n}"]')).to_have_count(2)


def test_copy_link_to_a_section(browser, base_url):
    with watched_page(
        browser, base_url, permissions=["clipboard-read", "clipboard-write"]
    ) as page:
        open_tool(page, base_url, "09-organizational-assessment")
        page.get_by_role(
            "button", name="Copy link to this section: Infrastructure 3: Review"
        ).click()
        expect(page.locator(".tool-message")).to_contain_text("Link to “Infrastructure 3:")
        assert page.evaluate("navigator.clipboard.readText()") == (
            f"{base_url}tools/09-organizational-assessment/#ie3"
        )


def test_answers_carry_forward_on_click_only(browser, base_url):
    """Tool 9's ratings show at Tool 8 and Tool 12, Tool 8's brainstorm lines at Tool 12, Tool
    12's goals at Tool 13; a copy happens only on click and never changes the source."""
    with watched_page(browser, base_url) as page:
        open_tool(page, base_url, "09-organizational-assessment")
        rate(page, TOOL9_IE1, "5")
        rate(page, TOOL9_IE2, "1")
        page.check('input[name="policy_review_systems"][value="dk"]')
        wait_stored(
            page,
            "09-organizational-assessment",
            {
                **dict.fromkeys(TOOL9_IE1, "5"),
                **dict.fromkeys(TOOL9_IE2, "1"),
                "policy_review_systems": "dk",
            },
        )

        open_tool(page, base_url, "08-integration-worksheet")
        carry8 = page.locator(".tool-carry")
        expect(carry8).to_contain_text("From Tool 9: Organizational Assessment")
        expect(carry8).to_contain_text(
            "Strongest: IE1 Use information systems to support "
            "data-based decision-making. (mean 5.0)"
        )
        expect(carry8).to_contain_text(
            "Weakest: IE2 Establish and maintain safe, secure environments. (mean 1.0)"
        )
        page.fill(
            '[name="priority_areas_goals"]', "Peer support at release\n\nShare data monthly\n"
        )
        wait_stored(
            page,
            "08-integration-worksheet",
            {"priority_areas_goals": "Peer support at release\n\nShare data monthly\n"},
        )

        # Another tab changes Tool 9: Tool 8's panel follows.
        other = page.context.new_page()
        open_tool(other, base_url, "09-organizational-assessment")
        rate(other, TOOL9_IE2, "4")
        rate(other, TOOL9_IE1, "2")
        expect(carry8).to_contain_text("Weakest: IE1 Use information systems", timeout=5000)
        other.close()

        tool8_before = stored(page, "08-integration-worksheet")
        open_tool(page, base_url, "12-operational-plan")
        lines = page.locator(".tool-carry li")
        expect(lines).to_have_count(2)
        expect(lines.first).to_contain_text("Peer support at release")
        assert page.input_value('[name="ideas_1_idea"]') == ""
        lines.nth(1).get_by_role("button", name="Copy into the next empty row").click()
        assert page.input_value('[name="ideas_1_idea"]') == "Share data monthly"
        lines.nth(0).get_by_role("button", name="Copy into the next empty row").click()
        assert page.input_value('[name="ideas_2_idea"]') == "Peer support at release"
        page.fill('[name="idea_2_goal"]', "Offer peer support to everyone released")
        wait_stored(
            page,
            "12-operational-plan",
            {
                "ideas_1_idea": "Share data monthly",
                "ideas_2_idea": "Peer support at release",
                "idea_2_goal": "Offer peer support to everyone released",
            },
        )
        assert stored(page, "08-integration-worksheet") == tool8_before

        open_tool(page, base_url, "13-evaluation-template")
        goals = page.locator(".tool-carry li")
        expect(goals).to_have_count(1)
        expect(goals).to_contain_text("Offer peer support to everyone released (Idea #2: Goal:)")
        assert page.input_value('[name="goal"]') == ""
        goals.get_by_role("button", name="Copy into this field").click()
        wait_stored(
            page, "13-evaluation-template", {"goal": "Offer peer support to everyone released"}
        )
        assert wcag_violations(page, within=".tool-carry") == []  # the rest: test_forms.py


def test_without_the_list_of_tools_carried_answers_say_why_and_the_form_still_saves(
    page, base_url
):
    """Verify a tool page that shows earlier tools' answers says why it cannot when
    tools/specs.json does not load, and keeps saving its own answers."""
    refuse_the_list_of_tools(page)
    open_tool(page, base_url, "13-evaluation-template")
    expect(message(page)).to_have_text(
        "The list of tools could not be loaded. Check your connection and reload the page."
    )
    expect(message(page)).to_have_class(re.compile("tool-message--error"))
    page.fill('[name="goal"]', "Fewer overdoses")
    wait_stored(page, "13-evaluation-template", {"goal": "Fewer overdoses"})
    forget_the_refused_list_of_tools(page)


def test_trainer_sample_shows_fictional_answers_and_leaves_the_users_untouched(browser, base_url):
    slug = "09-organizational-assessment"
    with watched_page(browser, base_url) as page:
        open_tool(page, base_url, slug)
        page.check('input[name="community_data_system"][value="5"]')
        wait_stored(page, slug, {"community_data_system": "5"})
        before = local_storage(page)
        writes = []
        page.expose_function("__noteWrite", lambda key: writes.append(key))
        page.context.add_init_script("""
            const set = Storage.prototype.setItem, remove = Storage.prototype.removeItem;
            Storage.prototype.setItem = function (k, v) { window.__noteWrite(k); return set.call(this, k, v); };
            Storage.prototype.removeItem = function (k) { window.__noteWrite(k); return remove.call(this, k); };
        """)
        page.clock.install()  # time flows as usual until run_for() moves it on
        page.goto(f"{base_url}tools/{slug}/?sample")
        page.locator("form.tool-form.is-ready").wait_for()
        banner = page.locator(".tool-sample")
        expect(banner).to_contain_text("Trainer sample: fictional answers, written for this site.")
        expect(banner).to_contain_text(SAMPLE["agency"])
        expected = SAMPLE["tools"][slug]
        for name in ("community_data_system", "leadership_engaged"):
            checked = page.locator(f'input[name="{name}"]:checked')
            if name in expected:
                expect(checked).to_have_value(expected[name])
            else:
                expect(checked).to_have_count(0)
        assert page.locator("#tool-import").is_hidden()
        assert expected["tailors_programming"] != "3"  # a real change to the sample's answer
        page.check('input[name="tailors_programming"][value="3"]')
        page.clock.run_for(1000)  # past the autosave delay (500 ms): nothing may be written
        assert wcag_violations(page, within=".tool-sample") == []  # the rest: test_forms.py

        page.goto(f"{base_url}tools/?sample")
        page.locator(".tool-all.is-ready").wait_for()
        expect(page.locator(".tool-sample")).to_be_visible()
        tool9 = page.locator('[data-progress="09-organizational-assessment"]')
        expect(tool9).to_have_text(re.compile(r"^\d+ of 42 answered$"))
        assert (
            page.locator('[data-progress="09-organizational-assessment"]')
            .locator("xpath=ancestor::tr//a[contains(@href, '09-organizational-assessment')]")
            .first.get_attribute("href")
            .endswith("?sample")
        )
        assert [key for key in writes if key.startswith("ps-cope")] == []  # Material's own aside
        assert local_storage(page) == before
        page.locator(".tool-sample").get_by_role("link", name="Back to your own answers").click()
        page.locator(".tool-all.is-ready").wait_for()
        expect(tool9).to_have_text(re.compile(r"^1 of 42 answered, saved "))


def test_print_blank_form_leaves_out_answers_and_placeholders(page, base_url):
    open_tool(page, base_url, "13-evaluation-template")
    page.fill('[name="staff"]', "Written answer")
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name="Print blank form").click()
    assert page.evaluate("window.__printed") is True
    page.emulate_media(media="print")
    form = page.locator("form.tool-form")
    expect(form.get_by_text("No answer", exact=True)).to_have_count(0)
    expect(form.get_by_text("Written answer")).to_have_count(0)
    boxes = form.locator(".tool-print-copy.is-blank")
    assert boxes.count() == form.locator("textarea, input[type=text], input[type=date]").count()
    assert all(t == "" for t in boxes.all_inner_texts())
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".tool-toolbar")).to_be_hidden()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    expect(form.locator("[data-print]")).to_have_count(0)
    assert page.input_value('[name="staff"]') == "Written answer"


def test_print_blank_radios_are_drawn_without_their_state(page, base_url):
    open_tool(page, base_url, "02-safe-secure-environment")
    set_field(page, type("F", (), {"kind": "radio", "name": "recognizes_trauma"}), "yes")
    page.evaluate("window.print = () => {}")
    page.get_by_role("button", name="Print blank form").click()
    page.emulate_media(media="print")
    options = page.locator("fieldset:has(legend#recognizes_trauma) .tool-option")
    expect(options).to_have_count(3)
    for i in range(3):
        expect(options.nth(i)).to_be_visible()
    assert (
        page.evaluate("""getComputedStyle(document.querySelector(
        'input[name=recognizes_trauma][value=yes]')).appearance""")
        == "none"
    )
    assert json.dumps(stored(page, "02-safe-secure-environment") or {}) is not None
