"""scripts/pdf_to_json.py: filled PDFs in, one schema-valid answers file out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from jsonschema import Draft202012Validator

from macros.load import load_tools
from macros.render_pdf import render_pdf
from pdf_fill import fill_with_pikepdf, sample_answers

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "schemas" / "answers-v1.schema.json").read_text())
TOOLS = load_tools()


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "pdf_to_json.py"), *args],
                          capture_output=True, text=True, cwd=ROOT)


def test_converts_filled_pdfs_to_one_answers_file(tmp_path):
    """Verify two filled PDFs become one valid answers file with every answer."""
    expected = {}
    paths = []
    for slug in ("02-safe-secure-environment", "12-operational-plan"):
        expected[slug] = sample_answers(TOOLS[slug])
        path = tmp_path / f"{slug}.pdf"
        path.write_bytes(fill_with_pikepdf(render_pdf(TOOLS[slug]), expected[slug]))
        paths.append(str(path))
    out = tmp_path / "answers.json"
    result = run(*paths, "-o", str(out))
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(document)
    assert {slug: entry["answers"] for slug, entry in document["tools"].items()} == expected
    assert document["tools"]["02-safe-secure-environment"]["version"] == 1


def test_unreadable_file_is_named_and_others_still_written(tmp_path):
    """Verify a bad file is reported by name, the good one still converted, exit code 1."""
    good = tmp_path / "good.pdf"
    good.write_bytes(fill_with_pikepdf(render_pdf(TOOLS["04-trained-responsive-workforce"]),
                                       {"workforce_diversity": "yes"}))
    bad = tmp_path / "notes.pdf"
    bad.write_text("just text")
    result = run(str(good), str(bad))
    assert result.returncode == 1
    assert f"error: {bad}: not a readable PDF" in result.stderr
    document = json.loads(result.stdout)
    assert document["tools"]["04-trained-responsive-workforce"]["answers"] == {
        "workforce_diversity": "yes"}
