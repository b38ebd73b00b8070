"""Tool definitions: all 13 load, items are verbatim, malformed files fail with clear messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from macros.fields import iter_blocks, iter_fields
from macros.load import TOOLS_DIR, ToolDefinitionError, load_tools, parse_tool

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "seeds" / "004_c3822f77652d35fc.txt"


@pytest.fixture(scope="module")
def tools():
    return load_tools(docs_dir=ROOT / "docs")


def blocks_of(tool, block_type):
    return [block for block in iter_blocks(tool["blocks"]) if block["type"] == block_type]


def items_of(tool, block_type):
    return [item for block in blocks_of(tool, block_type) for item in block["items"]]


def test_all_thirteen_tools_load_in_order(tools):
    """Verify the 13 tools load, ordered by number, each at the slug its file is named by."""
    assert [t["number"] for t in tools.values()] == list(range(1, 14))
    assert all((TOOLS_DIR / f"{slug}.yml").is_file() for slug in tools)


@pytest.mark.parametrize(
    "slug, count",
    [
        ("02-safe-secure-environment", 20),
        ("03-policy-procedure-workflow-review", 12),
        ("04-trained-responsive-workforce", 11),
        ("05-partner-organizations", 20),
    ],
)
def test_checklist_item_counts(tools, slug, count):
    """Verify each checklist has the toolkit's number of items."""
    assert len(items_of(tools[slug], "checklist")) == count


def test_organizational_assessment_has_every_criterion(tools):
    """Verify Tool 9 has 10 grids (IE1–IE5, CC1–CC5) with the 42 printed criteria."""
    tool = tools["09-organizational-assessment"]
    grids = blocks_of(tool, "rating_grid")
    assert [len(g["items"]) for g in grids] == [3, 4, 5, 5, 4, 5, 4, 4, 3, 5]
    values = [o["value"] for o in tool["scales"][grids[0]["scale"]]]
    assert values == ["1", "2", "3", "4", "5", "dk"]
    texts = [i["text"] for g in grids for i in g["items"]]
    repeated = (
        "has policies and procedures to bring in appropriate services and timely "
        "follow-up when needed for mental health and substance use challenges"
    )
    assert texts.count(repeated) == 2


def test_question_table_of_tool_1(tools):
    """Verify Tool 1 asks the 11 printed questions with three answer columns each."""
    table = next(
        b
        for b in tools["01-data-based-decision-making"]["blocks"]
        if b["type"] == "question_table"
    )
    assert len(table["rows"]) == 11
    assert [c["label"] for c in table["columns"]] == ["Data Source", "Date Accessed", "Findings"]


@pytest.mark.parametrize(
    "slug, text",
    [
        (
            "02-safe-secure-environment",
            "Recognizes that anyone can experience trauma and provides the appropriate support.",
        ),
        (
            "03-policy-procedure-workflow-review",
            "We have mobile crisis teams that respond to crisis calls, independently if safety allows, "
            "or co-respond with officers when there is a safety issue.",
        ),
        (
            "04-trained-responsive-workforce",
            "Engages the community (e.g., overdose survivors, family members, or those who have lost "
            "loved ones to overdose) in training its staff.",
        ),
        (
            "05-partner-organizations",
            "Public transit agencies and alternative transportation entities.",
        ),
        (
            "09-organizational-assessment",
            "collaborates with community leaders to propose solutions",
        ),
        (
            "01-data-based-decision-making",
            "Where do 911 calls related to overdose originate from?",
        ),
    ],
)
def test_sample_wordings_are_verbatim(tools, slug, text):
    """Verify sample items carry the toolkit's exact wording."""
    labels = [f.label for f in iter_fields(tools[slug])]
    assert any(text in label for label in labels), text


@pytest.mark.skipif(not SOURCE.exists(), reason="toolkit source text not beside the repo")
def test_every_item_appears_in_the_toolkit_text(tools):
    """Verify every checklist item and criterion is found in the toolkit text (line breaks aside)."""
    source = re.sub(r"\s+", " ", SOURCE.read_text(encoding="utf-8"))
    squashed = source.replace("- ", "-").replace(" ", "")
    for tool in tools.values():
        for kind in ("checklist", "rating_grid"):
            for item in items_of(tool, kind):
                for text in [item["text"]] + [o["text"] for o in item.get("options", [])]:
                    assert text.replace(" ", "") in squashed, f"{tool['slug']}: {text!r}"


def test_field_ids_are_unique_and_well_formed(tools):
    """Verify every tool's flattened field names are unique and match ^[a-z0-9_]+$."""
    for tool in tools.values():
        names = [f.name for f in iter_fields(tool, rows="max")]
        assert len(names) == len(set(names)), tool["slug"]
        assert all(re.fullmatch(r"[a-z0-9_]+", n) for n in names)


def test_cross_references_of_tool_8(tools):
    """Verify Tool 8 points to Tools 9, 12 and 13."""
    refs = [block["tool"] for block in blocks_of(tools["08-integration-worksheet"], "tool_ref")]
    assert refs == [
        "09-organizational-assessment",
        "12-operational-plan",
        "13-evaluation-template",
    ]


# ---- Malformed definitions -------------------------------------------------------------------

GOOD = (TOOLS_DIR / "03-policy-procedure-workflow-review.yml").read_text(encoding="utf-8")
SOURCE_NAME = "tools/03-policy-procedure-workflow-review.yml"


def mutate(change) -> str:
    data = yaml.safe_load(GOOD)
    change(data)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def first_item(data):
    return data["blocks"][0]["items"][0]


MALFORMED = [
    (
        "bad YAML",
        GOOD.replace("title:", "title: [unclosed", 1),
        r"^tools/03-policy-procedure-workflow-review\.yml:\d+: invalid YAML",
    ),
    ("not a mapping", "- just\n- a list\n", r"expected a mapping of tool keys, got list"),
    (
        "missing key",
        mutate(lambda d: d.pop("title")),
        r":1: \(top level\): 'title' is a required property",
    ),
    (
        "bad id",
        mutate(lambda d: first_item(d).update(id="Item 4")),
        r"\.yml:\d+: blocks\[0\]\.items\[0\]\.id: 'Item 4' does not match '\^\[a-z0-9_\]\+\$'",
    ),
    (
        "duplicate id",
        mutate(lambda d: d["blocks"][0]["items"][1].update(id=first_item(d)["id"])),
        r"\.yml:\d+: blocks\[0\]\.items\[1\]\.id: duplicate field ID 'divert_911_calls'",
    ),
    (
        "wrong type",
        mutate(lambda d: d.update(version="one")),
        r"\.yml:\d+: version: 'one' is not of type 'integer'",
    ),
    (
        "unknown block type",
        mutate(lambda d: d["blocks"].append({"type": "slider", "id": "x"})),
        r"blocks\[\d+\]\.type: 'slider' is not one of",
    ),
    (
        "unknown key",
        mutate(lambda d: first_item(d).update(txt="typo")),
        r"blocks\[0\]\.items\[0\]: Additional properties are not allowed \('txt' was unexpected\)",
    ),
    (
        "unknown scale",
        mutate(lambda d: d["blocks"][0].update(scale="agree")),
        r"blocks\[0\]\.scale: unknown scale 'agree'",
    ),
    (
        "slug differs from file",
        mutate(lambda d: d.update(slug="03-other")),
        r"slug: '03-other' must equal the file name",
    ),
    (
        "number differs from slug",
        mutate(lambda d: d.update(number=4)),
        r"number: 4 does not match the slug prefix '03'",
    ),
    ("bad element", mutate(lambda d: d.update(element="IE9")), r"element: 'IE9' does not match"),
    ("empty blocks", mutate(lambda d: d.update(blocks=[])), r"blocks: \[\] should be non-empty"),
    (
        "repeat without id",
        mutate(
            lambda d: d["blocks"].append(
                {
                    "type": "section",
                    "heading": "Idea {n}",
                    "repeat": 2,
                    "blocks": [{"type": "text", "id": "goal", "label": "Goal:"}],
                }
            )
        ),
        r"blocks\[\d+\]: 'id' is a dependency of 'repeat'",
    ),
]


@pytest.mark.parametrize("case, text, message", MALFORMED, ids=[c[0] for c in MALFORMED])
def test_malformed_definition_gives_clear_message(case, text, message):
    """Verify a malformed definition is refused naming the file, the line and the key."""
    with pytest.raises(ToolDefinitionError) as raised:
        parse_tool(text, SOURCE_NAME)
    assert str(raised.value).startswith(SOURCE_NAME)
    assert re.search(message, str(raised.value)), str(raised.value)


def test_error_line_points_at_the_offending_key():
    """Verify the reported line is the line of the bad value in the file."""
    text = GOOD.replace("id: mobile_crisis_teams", "id: Mobile Crisis", 1)
    line = next(n for n, s in enumerate(text.splitlines(), 1) if "Mobile Crisis" in s)
    with pytest.raises(ToolDefinitionError, match=rf"\.yml:{line}: blocks\[0\]\.items\[1\]\.id"):
        parse_tool(text, SOURCE_NAME)


def write_tools(tmp_path, changes: dict) -> Path:
    for path in TOOLS_DIR.glob("*.yml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    for name, text in changes.items():
        target = tmp_path / name
        if text is None:
            target.unlink()
        else:
            target.write_text(text, encoding="utf-8")
    return tmp_path


def test_dangling_cross_reference(tmp_path):
    """Verify a tool_ref to a tool that does not exist names the file and the key."""
    name = "08-integration-worksheet.yml"
    text = (
        (TOOLS_DIR / name)
        .read_text(encoding="utf-8")
        .replace("tool: 09-organizational-assessment", "tool: 09-organisational-assessment", 1)
    )
    with pytest.raises(
        ToolDefinitionError,
        match=r"08-integration-worksheet\.yml: blocks\[.*\]\.tool: no tool with slug "
        r"'09-organisational-assessment'",
    ):
        load_tools(write_tools(tmp_path, {name: text}))


def test_missing_tool_is_reported(tmp_path):
    """Verify the build refuses a tools folder without all 13 tools, naming the missing one."""
    with pytest.raises(ToolDefinitionError, match=r"missing: \[7\]"):
        load_tools(write_tools(tmp_path, {"07-motivational-interviewing.yml": None}))


def test_duplicate_number_is_reported(tmp_path):
    """Verify two files claiming the same tool number are refused."""
    text = (TOOLS_DIR / "03-policy-procedure-workflow-review.yml").read_text(encoding="utf-8")
    clash = text.replace("slug: 03-policy-procedure-workflow-review", "slug: 03-copy", 1)
    with pytest.raises(ToolDefinitionError, match=r"number: 3 is also used by"):
        load_tools(write_tools(tmp_path, {"03-copy.yml": clash}))


def test_chapter_page_must_exist(tmp_path):
    """Verify a tool whose chapter page is missing is refused."""
    with pytest.raises(ToolDefinitionError, match=r"chapter: no page docs/"):
        load_tools(TOOLS_DIR, docs_dir=tmp_path)
