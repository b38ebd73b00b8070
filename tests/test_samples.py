"""The fictional sample answers (?sample): the shipped file validates, tells one agency's story
across all 13 tools, and every kind of mistake in it fails with the file and key named."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from tool_facts import FIELDS

from macros.fields import iter_fields
from macros.load import ToolDefinitionError, load_tools
from macros.samples import SAMPLES_PATH, load_samples

ASSESSMENT = "09-organizational-assessment"


@pytest.fixture(scope="module")
def tools():
    return load_tools()


@pytest.fixture(scope="module")
def samples(tools):
    return load_samples(SAMPLES_PATH, tools)


@pytest.fixture(scope="module")
def raw():
    """The shipped file as plain data, to break one piece at a time."""
    return yaml.safe_load(SAMPLES_PATH.read_text(encoding="utf-8"))


def test_shipped_samples_validate_and_cover_every_tool(tools, samples):
    """Verify the shipped file loads, is marked fictional and answers all 13 tools with strings."""
    assert samples["fictional"] is True
    assert samples["agency"] == "Riverbend County Sheriff's Office (fictional)"
    assert "fictional" in samples["description"]
    assert list(samples["tools"]) == list(tools)  # all 13, in tool order
    assert all(
        isinstance(v, str) and v.strip()
        for answers in samples["tools"].values()
        for v in answers.values()
    )
    json.dumps(samples)  # the shape the browser receives


def test_file_says_it_is_fictional():
    """Verify the file itself, not only the loader's result, says it is fictional."""
    text = SAMPLES_PATH.read_text(encoding="utf-8")
    assert text.startswith("# FICTIONAL sample answers, written by this site")
    assert re.search(r"^fictional: true$", text, re.MULTILINE)
    assert len(text.encode("utf-8")) < 40_000


def test_fields_come_back_in_reading_order(tools, samples):
    """Verify each tool's answers are ordered as the form reads, whatever the file's order."""
    for slug, answers in samples["tools"].items():
        order = [f.name for f in iter_fields(tools[slug], rows="max") if f.name in answers]
        assert list(answers) == order, slug


def test_every_tool_is_started_but_not_finished(tools, samples):
    """Verify progress shows partial: some but not all of each tool's progress units answered
    (Tool 6 is one table, one unit, so there some of the printed boxes stay empty instead)."""
    for slug, tool in tools.items():
        answers = samples["tools"][slug]
        units = {f.progress_unit for f in iter_fields(tool, rows="max") if f.progress_unit}
        answered = {
            f.progress_unit
            for f in iter_fields(tool, rows="max")
            if f.progress_unit and f.name in answers
        }
        if len(units) > 1:
            assert 0 < len(answered) < len(units), slug
        else:
            assert 0 < len(answers) < FIELDS[slug][0], slug  # printed fields, counted by hand


def test_assessment_has_clear_strongest_and_weakest_elements(tools, samples):
    """Verify Tool 9's ratings as written: D/K present, a few chosen values, and element means
    (worked out by hand in the file's comment) with IE1 lowest and CC4 highest."""
    answers = samples["tools"][ASSESSMENT]
    assert answers["community_data_system"] == "2"
    assert answers["tailors_programming"] == "1"
    assert answers["community_data_monitoring"] == "dk"
    assert answers["early_intervention"] == "5"
    assert answers["amplifies_voices"] == "1"
    assert list(answers.values()).count("dk") == 3
    ratings: dict[str, list[int]] = {}
    for field in iter_fields(tools[ASSESSMENT]):
        value = answers.get(field.name)
        if field.kind == "radio" and value and value != "dk":
            ratings.setdefault(field.group, []).append(int(value))
    means = {group: round(sum(r) / len(r), 2) for group, r in ratings.items()}
    assert means == {
        "ie1": 1.5,
        "ie2": 3.5,
        "ie3": 2.8,
        "ie4": 4.0,
        "ie5": 2.5,
        "cc1": 3.6,
        "cc2": 2.0,
        "cc3": 3.33,
        "cc4": 4.67,
        "cc5": 3.0,
    }


def test_plan_follows_from_assessment_and_brainstorm(samples):
    """Verify the journey: Tool 8 brainstorms 3–5 ideas, Tool 12 develops ideas on the weak
    elements (data, community), and Tool 13 evaluates Tool 12's first goal."""
    worksheet = samples["tools"]["08-integration-worksheet"]
    plan = samples["tools"]["12-operational-plan"]
    evaluation = samples["tools"]["13-evaluation-template"]
    brainstorm = worksheet["priority_areas_goals"].splitlines()
    assert 3 <= len(brainstorm) <= 5 and all(line.strip() for line in brainstorm)
    assert all(
        "data" in text for text in (brainstorm[0], plan["ideas_1_idea"], plan["idea_1_goal"])
    )
    assert "listening sessions" in brainstorm[1] and "listening sessions" in plan["idea_2_goal"]
    assert [f"ideas_{n}_idea" in plan for n in range(1, 5)] == [True, True, True, False]
    assert evaluation["goal"] == plan["idea_1_goal"]
    assert worksheet["assessment_completed_date"] == "2026-03-10"


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def test_answers_do_not_copy_the_toolkit_wording(tools, samples):
    """Verify no answer repeats six words in a row from a tool's printed text."""
    printed = set()
    for text in _strings(list(tools.values())):
        w = words(text)
        printed.update(tuple(w[i : i + 6]) for i in range(len(w) - 5))
    copied = []
    for slug, answers in samples["tools"].items():
        for name, value in answers.items():
            w = words(value)
            if any(tuple(w[i : i + 6]) in printed for i in range(len(w) - 5)):
                copied.append((slug, name))
    assert copied == []


# --- broken files -----------------------------------------------------------------------------


def _load_broken(tmp_path: Path, tools, data=None, text=None):
    path = tmp_path / "sample-answers.yml"
    path.write_text(
        text if text is not None else yaml.safe_dump(data, sort_keys=False), encoding="utf-8"
    )
    return load_samples(path, tools)


T1, T2, T9 = "01-data-based-decision-making", "02-safe-secure-environment", ASSESSMENT
T11, T13 = "11-build-consensus", "13-evaluation-template"
MISSING = object()

# (tool, field, answer, message after "tools.<tool>.<field>: "); tool None: a top-level key.
BROKEN = {
    "unknown slug": ("99-no-such-tool", None, {"x": "y"}, "no tool with slug '99-no-such-tool'"),
    "tool not a mapping": (T1, None, "all yes", "must map field names to answers"),
    "unknown field": (T1, "no_such_field", "x", "no field 'no_such_field' in this tool"),
    "row beyond max_rows": (T13, "evaluation_21_question", "x", "no field"),
    "bad radio value": (
        T9,
        "tailors_programming",
        "7",
        r"'7' is not one of its answers \(1, 2, 3, 4, 5, dk\)",
    ),
    "radio label, not value": (
        T2,
        "recognizes_trauma",
        "In Progress",
        r"'In Progress' is not one of its answers \(yes, in_progress, no\)",
    ),
    "bad checkbox value": (T11, "vision_inspiring", "no", "'no' is not 'yes'"),
    "date not YYYY-MM-DD": (
        T1,
        "justice_involvement_accessed",
        "01/20/2026",
        "'01/20/2026' is not a date written YYYY-MM-DD",
    ),
    "date not real": (
        T1,
        "justice_involvement_accessed",
        "2026-02-30",
        "'2026-02-30' is not a real date",
    ),
    "number, not string": (
        T9,
        "tailors_programming",
        4,
        r"must be a string \(quote it\), got int 4",
    ),
    "boolean, not string": (
        T11,
        "vision_inspiring",
        True,
        r"must be a string \(quote it\), got bool True",
    ),
    "list, not string": (T1, "data_access", ["a", "b"], "must be a string"),
    "empty answer": (T1, "data_access", "  ", "is empty"),
    "line break in a one-line answer": (
        T1,
        "justice_involvement_source",
        "a\nb",
        "is a one-line answer",
    ),
    "fictional false": (None, "fictional", False, "must be `true`"),
    "fictional a string": (None, "fictional", "true", "must be `true`"),
    "fictional missing": (None, "fictional", MISSING, "missing"),
    "agency empty": (None, "agency", "", "must be a non-empty string"),
    "agency missing": (None, "agency", MISSING, "missing"),
    "description not a string": (None, "description", 3, "must be a non-empty string, got int 3"),
    "tools missing": (None, "tools", MISSING, "missing"),
    "unknown top-level key": (None, "agencey", "x", "unknown key"),
}


def _broken(raw, tool, field, value):
    """The shipped data (deep-copied) with one key set to `value`, or removed (MISSING)."""
    data = json.loads(json.dumps(raw))
    target, key = (
        (data, field)
        if tool is None
        else ((data["tools"], tool) if field is None else (data["tools"][tool], field))
    )
    if value is MISSING:
        del target[key]
    else:
        target[key] = value
    return data


@pytest.mark.parametrize("case", BROKEN)
def test_broken_samples_name_the_key(tmp_path, tools, raw, case):
    """Verify each kind of mistake raises ToolDefinitionError naming the file, line and key."""
    tool, field, value, message = BROKEN[case]
    keys = ".".join(["tools", tool] + ([field] if field else [])) if tool else field
    with pytest.raises(
        ToolDefinitionError, match=rf"sample-answers\.yml:\d+: {re.escape(keys)}: {message}"
    ) as info:
        _load_broken(tmp_path, tools, _broken(raw, tool, field, value))
    assert str(info.value).startswith(str(tmp_path / "sample-answers.yml"))


def test_error_names_the_line_of_the_bad_answer(tmp_path, tools):
    """Verify the message gives the line of the offending answer in the file as written."""
    text = SAMPLES_PATH.read_text(encoding="utf-8").replace(
        'tailors_programming: "1"', 'tailors_programming: "7"', 1
    )
    line = next(
        i for i, row in enumerate(text.splitlines(), 1) if 'tailors_programming: "7"' in row
    )
    path = tmp_path / "sample-answers.yml"
    with pytest.raises(ToolDefinitionError) as info:
        _load_broken(tmp_path, tools, text=text)
    assert str(info.value) == (
        f"{path}:{line}: tools.{T9}.tailors_programming: "
        "'7' is not one of its answers (1, 2, 3, 4, 5, dk)"
    )


def test_unquoted_date_and_rating_are_caught(tmp_path, tools):
    """Verify YAML's own typing is caught: an unquoted date or rating is not a string."""
    text = SAMPLES_PATH.read_text(encoding="utf-8")
    for before, after, message in [
        (
            'first_meeting_date: "2026-01-13"',
            "first_meeting_date: 2026-01-13",
            "first_meeting_date: must be a string (quote it), got date",
        ),
        (
            'early_intervention: "5"',
            "early_intervention: 5",
            "early_intervention: must be a string (quote it), got int 5",
        ),
    ]:
        assert before in text
        with pytest.raises(ToolDefinitionError, match=re.escape(message)):
            _load_broken(tmp_path, tools, text=text.replace(before, after, 1))


def test_duplicate_key_is_an_error(tmp_path, tools):
    """Verify an answer given twice (YAML silently keeps the last) is reported at the second."""
    first = '    tailors_programming: "1"\n'
    text = SAMPLES_PATH.read_text(encoding="utf-8").replace(
        first, first + '    tailors_programming: "2"\n', 1
    )
    line = next(
        i for i, row in enumerate(text.splitlines(), 1) if 'tailors_programming: "2"' in row
    )
    message = rf"\.yml:{line}: tools\.{T9}\.tailors_programming: given twice"
    with pytest.raises(ToolDefinitionError, match=message):
        _load_broken(tmp_path, tools, text=text)


@pytest.mark.parametrize(
    "text, message",
    [
        ("fictional: true\nagency: [unclosed\n", r"sample-answers\.yml:3: invalid YAML"),
        ("- fictional\n", r"sample-answers\.yml: expected a mapping"),
        ("", r"sample-answers\.yml: expected a mapping"),
    ],
)
def test_unreadable_file(tmp_path, tools, text, message):
    """Verify a file that is not YAML, or not a mapping, fails with the file named."""
    with pytest.raises(ToolDefinitionError, match=message):
        _load_broken(tmp_path, tools, text=text)
