"""The Team results benchmark's input: 30 valid answers files, every Tool 9 rating answered."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bench_team import TEAM_MEMBERS, team_files  # noqa: E402

from macros.fields import iter_fields  # noqa: E402
from macros.load import load_tools  # noqa: E402


def test_team_files_are_valid_and_answer_every_rating():
    tool = load_tools(ROOT / "tools")["09-organizational-assessment"]
    schema = Draft202012Validator(json.loads(
        (ROOT / "docs/schemas/answers-v1.schema.json").read_text(encoding="utf-8")))
    files = team_files(tool, TEAM_MEMBERS)
    assert len(files) == 30 and len({f["name"] for f in files}) == 30
    ratings = {f.name for f in iter_fields(tool) if f.kind == "radio"}
    seen = set()
    for f in files:
        doc = json.loads(f["buffer"])
        assert list(schema.iter_errors(doc)) == []
        answers = doc["tools"][tool["slug"]]["answers"]
        assert ratings <= set(answers)
        seen |= {answers[name] for name in ratings}
    assert seen == {"1", "2", "3", "4", "5", "dk"}
