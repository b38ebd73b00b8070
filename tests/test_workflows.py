"""The GitHub Actions workflows: every action pinned to a commit, lint and tests in CI, and
Pages publishing only a commit whose CI run passed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def load(name: str) -> dict:
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.BaseLoader)  # `on:` stays a key, not True


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def unpinned(workflow: dict) -> list[str]:
    return [s["uses"] for s in steps(workflow) if "uses" in s and not PINNED.match(s["uses"])]


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_every_action_is_pinned_to_a_full_commit_sha(name):
    assert unpinned(load(name)) == []


def test_the_pin_check_catches_a_tag():
    workflow = {
        "jobs": {
            "x": {
                "steps": [
                    {"uses": "actions/checkout@v4"},
                    {"uses": "actions/setup-python@" + "a" * 40},
                ]
            }
        }
    }
    assert unpinned(workflow) == ["actions/checkout@v4"]


def test_ci_lints_and_runs_the_whole_suite():
    runs = " && ".join(s.get("run", "") for s in steps(load("ci.yml")))
    assert "make lint" in runs and "make test" in runs
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make lint" in ci_run and "make test" in ci_run


def test_pages_publishes_only_a_main_commit_whose_ci_run_passed():
    pages, ci = load("pages.yml"), load("ci.yml")
    assert pages["on"] == {
        "workflow_run": {"workflows": [ci["name"]], "types": ["completed"], "branches": ["main"]}
    }
    build = pages["jobs"]["build"]
    assert "github.event.workflow_run.conclusion == 'success'" in build["if"]
    checkout = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "${{ github.event.workflow_run.head_sha }}"
    assert pages["jobs"]["deploy"]["needs"] == "build"
