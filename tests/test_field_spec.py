"""The browser's field spec (macros/field_spec.py) and tools/specs.json, checked against
hand-counted facts about the printed tools and against the published schema."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from tool_facts import FIELDS, FIRST_GROWABLE, GROWABLE_ROWS

from macros.field_spec import SPECS_PATH, tool_spec, tool_specs_document
from macros.load import TOOLS_DIR, load_tools

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs/schemas/tool-specs-v1.schema.json").read_text())
TOOLS = load_tools(TOOLS_DIR)

# Tool 9 as printed: criteria per element/component grid (counted in the toolkit).
TOOL9_GRIDS = {
    "ie1": 3,
    "ie2": 4,
    "ie3": 5,
    "ie4": 5,
    "ie5": 4,
    "cc1": 5,
    "cc2": 4,
    "cc3": 4,
    "cc4": 3,
    "cc5": 5,
}
AGREEMENT = [
    ("1", "Strongly Disagree"),
    ("2", "Disagree"),
    ("3", "Neutral"),
    ("4", "Agree"),
    ("5", "Strongly Agree"),
    ("dk", "D/K"),
]


def by_name(spec: dict) -> dict:
    return {f["name"]: f for f in spec["fields"]}


def test_specs_document_validates_against_the_published_schema():
    Draft202012Validator.check_schema(SCHEMA)
    errors = list(Draft202012Validator(SCHEMA).iter_errors(tool_specs_document(TOOLS)))
    assert errors == []


def test_schema_rejects_a_radio_without_options():
    doc = tool_specs_document(TOOLS)
    del doc["tools"][8]["fields"][0]["options"]
    assert not Draft202012Validator(SCHEMA).is_valid(doc)


def test_built_site_serves_the_specs_document(built_site):
    served = json.loads((built_site / SPECS_PATH).read_text(encoding="utf-8"))
    assert served == tool_specs_document(TOOLS)
    assert [t["number"] for t in served["tools"]] == list(range(1, 14))


def test_tool9_fields_are_grouped_by_element():
    spec = tool_spec(TOOLS["09-organizational-assessment"])
    grids = {g["id"]: g for g in spec["groups"] if "element" in g}
    assert list(grids) == list(TOOL9_GRIDS)
    assert {g["id"]: g["element"] for g in grids.values()} == {k: k.upper() for k in TOOL9_GRIDS}
    assert [g["parent"] for g in grids.values()] == (
        ["section-1-infrastructure-elements"] * 5 + ["section-2-core-components"] * 5
    )
    radios = [f for f in spec["fields"] if f["kind"] == "radio"]
    assert len(radios) == 42
    assert Counter(f["group"] for f in radios) == TOOL9_GRIDS
    assert all([(o["value"], o["label"]) for o in f["options"]] == AGREEMENT for f in radios)
    assert by_name(spec)["community_data_system"]["label"] == (
        "Infrastructure 1: Use information systems to support data-based decision-making. — "
        "The program: has a system to collect, analyze, and interpret community-level data as it "
        "connects to PS-COPE"
    )


def test_tool12_repeated_sections_and_tables():
    spec = tool_spec(TOOLS["12-operational-plan"])
    assert [g["id"] for g in spec["groups"]] == ["idea-1", "idea-2", "idea-3", "idea-4"]
    tables = {t["id"]: t for t in spec["rows"]}
    assert list(tables) == ["ideas"] + [
        f"idea_{n}_{t}" for n in range(1, 5) for t in ("actions", "partners")
    ]
    assert (tables["ideas"]["rows"], tables["ideas"]["max_rows"]) == (4, 4)
    assert (tables["idea_2_partners"]["rows"], tables["idea_2_partners"]["max_rows"]) == (3, 10)
    assert tables["idea_2_partners"]["title"] == (
        "Idea #2: Who are the key partners and stakeholders?"
    )
    fields = by_name(spec)
    assert fields["idea_2_partners_10_existing"]["group"] == "idea-2"
    assert "idea_2_partners_11_existing" not in fields


def test_rows_tables_list_every_cell_up_to_max_rows():
    spec = tool_spec(TOOLS["06-community-engagement"])
    (table,) = spec["rows"]
    assert (table["id"], table["rows"], table["max_rows"]) == ("targets", 5, 20)
    names = set(by_name(spec))
    for n in (1, 20):
        assert {f"targets_{n}_{c['id']}" for c in table["columns"]} <= names
    assert not any(name.startswith("targets_21_") for name in names)


def test_links_are_relative_to_the_site_root():
    spec = tool_spec(TOOLS["02-safe-secure-environment"])
    assert spec["page"] == "tools/02-safe-secure-environment/"
    assert spec["pdf"] == "pdf/ps-cope-tool-02-safe-secure-environment.pdf"
    assert spec["chapter"] == "principles-to-practice/infrastructure-elements/#ie2"


@pytest.mark.parametrize("slug", list(TOOLS))
def test_group_ids_are_unique_and_fields_name_existing_groups(slug):
    spec = tool_spec(TOOLS[slug])
    ids = [g["id"] for g in spec["groups"]]
    assert len(ids) == len(set(ids))
    assert {f["group"] for f in spec["fields"] if "group" in f} <= set(ids)


def test_hand_counted_facts_add_up():
    """tests/tool_facts.py is consistent with itself: printed fields plus the cells of every
    row a table can add make the fields at maximum rows."""
    assert list(FIELDS) == list(TOOLS)
    for slug, (printed, at_max, by_kind) in FIELDS.items():
        added = sum(
            (most - rows) * columns for _, rows, most, columns in GROWABLE_ROWS.get(slug, [])
        )
        assert (sum(by_kind.values()), printed + added) == (printed, at_max), slug
    assert set(FIRST_GROWABLE) == set(GROWABLE_ROWS)


@pytest.mark.parametrize("slug", list(TOOLS))
def test_spec_lists_the_hand_counted_fields_and_growing_tables(slug):
    """The spec's fields (tables at their maximum rows), kinds as printed, and the tables a user
    can add rows to, against the facts counted by hand."""
    spec = tool_spec(TOOLS[slug])
    _printed, at_max, _by_kind = FIELDS[slug]
    assert len(spec["fields"]) == at_max
    growing = [
        (t["id"], t["rows"], t["max_rows"], len(t["columns"]))
        for t in spec["rows"]
        if t["max_rows"] > t["rows"]
    ]
    assert growing == GROWABLE_ROWS.get(slug, [])
    if slug in FIRST_GROWABLE:
        title, column, label = FIRST_GROWABLE[slug]
        first = next(t for t in spec["rows"] if t["id"] == growing[0][0])
        assert (first["title"], first["columns"][0]["id"], first["columns"][0]["label"]) == (
            title,
            column,
            label,
        )
