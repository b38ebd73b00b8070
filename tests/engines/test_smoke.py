"""A short run of a tool form in each engine, as a new user would: layout of the questions,
then fill, reload, download the answers, and load the file back into an emptied browser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser import SHOWN_ANSWERS_JS
from drivers import WIDTH, Engine
from jsonschema import Draft202012Validator

# One test worker (pytest -n) starts each engine once.
pytestmark = pytest.mark.xdist_group("engines")

ROOT = Path(__file__).resolve().parents[2]
ANSWERS_SCHEMA = Draft202012Validator(
    json.loads((ROOT / "docs/schemas/answers-v1.schema.json").read_text(encoding="utf-8"))
)

RATING_TOOL = "09-organizational-assessment"  # rating grids: six short answers per item
CHECKLIST_TOOL = "04-trained-responsive-workforce"  # checklist: Yes / In Progress / No
ANSWERS = {
    "community_data_system": "4",
    "tailors_programming": "dk",
    "community_data_monitoring": "1",
    "infrastructure_notes": "Strengths: “data” & <b>not markup</b> ✓\nNext: training",
}

# Every question with answers beside it at desktop widths (not choices, which stack by design):
# the boxes of its fieldset, legend (the question) and answers, and the viewport's width.
BOXES_JS = """() => {
    const box = (el) => { const r = el.getBoundingClientRect();
                          return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
    return {width: innerWidth, items: [...document.querySelectorAll(
        'form.tool-form fieldset.tool-item:not(.tool-choice)')].map((f) => ({
            question: f.querySelector('legend').textContent.trim().slice(0, 60),
            item: box(f), legend: box(f.querySelector('legend')),
            options: box(f.querySelector('.tool-options'))}))};
}"""


def storage_key(slug: str) -> str:
    return f"ps-cope:/:{slug}"  # the test site is served at the server root


def wait_ready(engine: Engine, slug: str) -> None:
    """Wait for the tool's form in a new document (reloading marks the one it leaves)."""
    engine.wait_for(
        "slug => !window.smokeLeft"
        "  && !!document.querySelector(`form.tool-form.is-ready[data-tool='${slug}']`)",
        slug,
        what=f"the {slug} form",
    )


def open_tool(engine: Engine, base_url: str, slug: str) -> None:
    engine.goto(f"{base_url}tools/{slug}/")
    wait_ready(engine, slug)


def reload_tool(engine: Engine, slug: str) -> None:
    engine.evaluate("() => { window.smokeLeft = true; }")
    engine.reload()
    wait_ready(engine, slug)


def wait_stored(engine: Engine, slug: str, answers: dict[str, str]) -> None:
    engine.wait_for(
        "key => (JSON.parse(localStorage.getItem(key) || 'null') || {}).answers",
        storage_key(slug),
        done=lambda stored: stored == answers,
        what=f"autosave of {answers}",
    )


def misplaced(layout: dict) -> list[str]:
    """Questions whose answers are not beside them, inside their item."""

    def spans(box: dict) -> str:
        return f"x {box['left']:.0f}–{box['right']:.0f}, y {box['top']:.0f}–{box['bottom']:.0f}"

    problems = []
    for item in layout["items"]:
        legend, options, box = item["legend"], item["options"], item["item"]
        beside = options["left"] >= legend["right"] - 0.5
        level = options["top"] < legend["bottom"] and options["bottom"] > legend["top"]
        inside = (
            options["right"] <= box["right"] + 0.5 and options["bottom"] <= box["bottom"] + 0.5
        )
        if not (beside and level and inside):
            problems.append(
                f"{item['question']!r}: question {spans(legend)}; "
                f"answers {spans(options)}; item {spans(box)}"
            )
    return problems


@pytest.mark.parametrize("slug", [RATING_TOOL, CHECKLIST_TOOL], ids=["rating", "checklist"])
def test_answers_sit_beside_their_question(engine, base_url, screenshots, slug):
    """Verify at a desktop width every rating or checklist item has its answers to the right of
    its question, level with it, inside the item."""
    open_tool(engine, base_url, slug)
    engine.evaluate(
        "() => document.querySelector('form.tool-form fieldset.tool-item')"
        ".scrollIntoView({block: 'center'})"
    )
    engine.screenshot(screenshots / f"{engine.name}-{slug}.png")
    layout = engine.evaluate(BOXES_JS)
    assert layout["width"] == WIDTH
    assert len(layout["items"]) > 10
    problems = misplaced(layout)
    assert not problems, (
        f"{len(problems)} of {len(layout['items'])} items in {engine.name}:\n"
        + "\n".join(problems[:3])
    )
    assert engine.errors() == []


def test_fill_reload_download_and_load_back(engine, base_url):
    """Verify answers autosave, survive a reload, download as a valid file, and load back into a
    browser that has none."""
    slug = RATING_TOOL
    open_tool(engine, base_url, slug)
    engine.evaluate("key => localStorage.removeItem(key)", storage_key(slug))
    reload_tool(engine, slug)
    for name, value in ANSWERS.items():
        if name.endswith("_notes"):
            engine.type(f'textarea[name="{name}"]', value)
        else:
            engine.click(f"#tf-{name}-{value}")
    wait_stored(engine, slug, ANSWERS)

    reload_tool(engine, slug)
    assert engine.evaluate(SHOWN_ANSWERS_JS) == ANSWERS

    exported = engine.download('button[data-action="export"]', f"ps-cope-{slug}-answers-*.json")
    doc = json.loads(exported.read_text(encoding="utf-8"))
    assert [e.message for e in ANSWERS_SCHEMA.iter_errors(doc)] == []
    assert doc["site"] == base_url
    assert doc["tools"][slug]["answers"] == ANSWERS

    engine.evaluate("() => localStorage.clear()")
    reload_tool(engine, slug)
    assert engine.evaluate(SHOWN_ANSWERS_JS) == {}
    engine.upload("#tool-import", exported)
    message = engine.wait_for(
        "() => { const text = document.querySelector('.tool-messages').textContent;"
        "        return !text.startsWith('Reading') && text; }",
        what="the load message",
    )
    assert f"{len(ANSWERS)} answers added" in message
    assert engine.evaluate(SHOWN_ANSWERS_JS) == ANSWERS
    wait_stored(engine, slug, ANSWERS)
    assert engine.errors() == []
