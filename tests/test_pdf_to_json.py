"""scripts/pdf_to_json.py: filled PDFs in, one schema-valid answers file out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from pdf_fill import TOOLS, fill_with_pikepdf, fill_with_pymupdf, pdf_of, sample_answers

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "schemas" / "answers-v1.schema.json").read_text())


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "pdf_to_json.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def valid(document: dict) -> dict:
    Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(
        document
    )
    return document


@pytest.mark.parametrize("filler", ["pikepdf", "pymupdf"])
def test_converts_every_filled_tool_to_one_answers_file(filler, tmp_path):
    """Verify every tool's filled PDF, in one run, becomes one valid file with every answer."""
    fill = fill_with_pymupdf if filler == "pymupdf" else fill_with_pikepdf
    expected = {slug: sample_answers(tool) for slug, tool in TOOLS.items()}
    paths = []
    for slug, answers in expected.items():
        path = tmp_path / f"filled {slug}.pdf"
        path.write_bytes(fill(pdf_of(slug), answers))
        paths.append(str(path))
    out = tmp_path / "answers.json"
    result = run(*paths, "-o", str(out))
    assert result.returncode == 0, result.stderr
    document = valid(json.loads(out.read_text(encoding="utf-8")))
    assert document["site"] == "pdf"
    assert {slug: entry["answers"] for slug, entry in document["tools"].items()} == expected
    assert all(
        entry["version"] == TOOLS[slug]["version"] for slug, entry in document["tools"].items()
    )


def test_unreadable_file_is_named_and_others_still_written(tmp_path):
    """Verify a bad file is reported by name, the good one still converted (stdout), exit 1."""
    good = tmp_path / "good.pdf"
    good.write_bytes(
        fill_with_pikepdf(
            pdf_of("02-safe-secure-environment"), {"listen_attentively": "in_progress"}
        )
    )
    bad = tmp_path / "notes.pdf"
    bad.write_text("just text")
    result = run(str(good), str(bad))
    assert result.returncode == 1
    assert (
        result.stderr == f"error: “{bad}” is not a PDF file. Choose the tool PDF you filled in.\n"
    )
    document = valid(json.loads(result.stdout))
    assert document["tools"]["02-safe-secure-environment"]["answers"] == {
        "listen_attentively": "in_progress"
    }
