"""The benchmark's pure parts: statistics, budgets, figures, report and exit code (no builds)."""

from __future__ import annotations

import json

import pytest

from benchmarks import run as bench
from benchmarks.browser import KeystrokeTimings, LighthouseRun, RestoreTimings
from benchmarks.build import (
    BenchError,
    append_title_suffix,
    in_turn,
    last_lines,
    plain_config,
)
from benchmarks.report import (
    FAIL,
    PASS,
    SKIPPED,
    Report,
    Spec,
    at_least,
    at_most,
    exit_code,
    format_budget,
    format_value,
    median,
    overall,
    render_markdown,
    report_json,
    result,
)

MACHINE = {
    "CPU": "Test CPU 3000",
    "Cores": "2",
    "RAM": "24.0 GiB",
    "OS": "Debian 12",
    "Python": "3.11.7",
    "Chromium": "156.0",
    "Node": "v20",
    "Date": "2026-01-01 00:00 UTC",
}
TIME = Spec("time_ms", "Some time", "ms", at_most(30))
SCORE = Spec("score", "Some score", "score", at_least(0.95))


def test_median_of_odd_and_even_counts():
    """Verify the median picks the middle value, or the mean of the two middle values."""
    assert median([3, 1, 2]) == 2
    assert median([4, 1, 3, 2]) == 2.5
    with pytest.raises(ValueError):
        median([])


@pytest.mark.parametrize(
    "figure, expected",
    [
        (TIME.measured(29.9, 20), PASS),
        (TIME.measured(30, 20), PASS),
        (TIME.measured(30.1, 20), FAIL),
        (SCORE.measured(0.95, 3), PASS),
        (SCORE.measured(0.94, 3), FAIL),
        (TIME.unmeasured("not instrumented"), FAIL),
        (TIME.measured(5, 20).with_problem("only 3 of 44 answers restored"), FAIL),
        (SCORE.skipped("npm is absent"), SKIPPED),
    ],
)
def test_result_against_the_budget(figure, expected):
    """Verify each figure's result: within budget, missed, unmeasured, skipped."""
    assert result(figure) == expected


def test_a_missed_budget_fails_the_run_with_a_non_zero_exit_code():
    """Verify one missed budget makes the overall result FAIL and the exit code 1."""
    passing = [TIME.measured(10, 20), SCORE.skipped("npm is absent")]
    assert overall(passing) == PASS and exit_code(passing) == 0
    failing = passing + [SCORE.measured(0.9, 3)]
    assert overall(failing) == FAIL and exit_code(failing) == 1


def test_values_and_budgets_are_formatted_with_units():
    """Verify ratios, bytes (KB = 1,024 B), scores and times read as intended."""
    assert format_value(1.234, "×") == "1.23×"
    assert format_value(15 * 1024, "B") == "15.0 KB (15,360 B)"
    assert format_value(0.97, "score") == "0.97"
    assert format_value(2.5, "ms") == "2.50 ms"
    assert format_budget(at_most(2.0), "×") == "≤ 2.0×"
    assert format_budget(at_most(150 * 1024), "B") == "≤ 150 KB"
    assert format_budget(at_least(1.0), "score") == "≥ 1.00"
    assert format_budget(at_most(3), "s") == "≤ 3 s"


def test_report_shows_machine_figures_budgets_and_failures():
    """Verify the Markdown report has the machine section, Budget/Result columns and a verdict."""
    report = Report(
        MACHINE,
        [
            TIME.measured(42.0, 20, "= 2.0× parsing"),
            SCORE.measured(1.0, 3),
            TIME.unmeasured("no | pipes"),
        ],
        details={"PDF sizes": {"a.pdf": "10.0 KB"}},
        notes=["n = 20 loads"],
    )
    text = render_markdown(report)
    assert "**Result: FAIL**" in text
    assert "## Machine" in text
    for key, value in MACHINE.items():
        assert f"| {key} | {value} |" in text
    assert "| Figure | Value | n | Budget | Result | Baseline, details |" in text
    assert "| Some time | 42.00 ms | 20 | ≤ 30 ms | **FAIL** | = 2.0× parsing |" in text
    assert "| Some score | 1.00 | 3 | ≥ 0.95 | PASS |" in text
    assert "no \\| pipes" in text
    assert "## PDF sizes" in text and "| a.pdf | 10.0 KB |" in text
    assert "- n = 20 loads" in text


def test_report_json_carries_results_and_machine():
    """Verify results.json holds the overall result, the machine and each figure's result."""
    data = report_json(Report(MACHINE, [TIME.measured(10.0, 20, samples=[9, 10, 11])]))
    assert json.loads(json.dumps(data)) == data
    assert data["result"] == PASS and data["machine"] == MACHINE
    figure = data["figures"][0]
    assert figure["result"] == PASS and figure["budget"] == {"limit": 30, "at_least": False}
    assert figure["samples"] == [9, 10, 11] and figure["n"] == 20


def test_write_report_writes_markdown_and_json(tmp_path, monkeypatch):
    """Verify the report files are written where `make bench` leaves them."""
    monkeypatch.setattr(bench, "RESULTS", tmp_path / "benchmarks")
    bench.write_report(Report(MACHINE, [SCORE.measured(0.5, 3)]))
    assert "Result: FAIL" in (tmp_path / "benchmarks" / "results.md").read_text()
    assert json.loads((tmp_path / "benchmarks" / "results.json").read_text())["result"] == FAIL


def test_ratio_figure_is_the_ratio_of_medians():
    """Verify a build ratio is median(real) / median(baseline), with both medians shown."""
    figure = bench.ratio_figure(
        bench.FULL_BUILD, [4.0, 5.0, 9.0], [2.0, 2.5, 2.0], ("real", "plain")
    )
    assert figure.value == pytest.approx(2.5) and figure.n == 3
    assert result(figure) == FAIL
    assert "real 5.00 s ÷ plain 2.00 s" in figure.details


def test_pdf_size_figure_takes_the_largest_and_needs_every_pdf():
    """Verify the largest PDF is judged, and a missing PDF fails the figure."""
    builds = [{"a.pdf": 100, "b.pdf": 300_000}, {"a.pdf": 120, "b.pdf": 300_000}]
    figure = bench.pdf_size_figure(builds, tool_count=2)
    assert figure.value == 300_000 and "b.pdf" in figure.details
    assert result(figure) == FAIL  # 300,000 B > 250 KB
    assert bench.pdf_size_medians(builds)["a.pdf"] == 110
    small = [{"a.pdf": 1000}]
    assert result(bench.pdf_size_figure(small, tool_count=1)) == PASS
    assert result(bench.pdf_size_figure(small, tool_count=13)) == FAIL
    assert result(bench.pdf_size_figure([{}], tool_count=13)) == FAIL


def test_restore_figure_fails_when_answers_were_not_all_restored():
    """Verify the restore time only counts when the whole stored record came back."""
    timings = RestoreTimings(mount_ms=[5.0, 6.0, 7.0], parse_ms=[3.0, 3.0, 3.0], answered=44)
    assert result(bench.restore_figure(timings, expected=44)) == PASS
    assert "2.00× parsing" in bench.restore_figure(timings, expected=44).details
    timings.answered = 10
    assert result(bench.restore_figure(timings, expected=44)) == FAIL


def test_keystroke_figure_is_the_median_judged_against_2_ms():
    """Verify the keystroke median is judged against 2 ms, an outlier or two notwithstanding."""
    durations = [1.0] * 19 + [10.0]
    figure = bench.keystroke_figure(KeystrokeTimings(durations, [4.0]))
    assert figure.value == 1.0 and figure.n == 20 and result(figure) == PASS
    assert "0.250× parsing" in figure.details
    assert result(bench.keystroke_figure(KeystrokeTimings([2.5] * 5, [4.0]))) == FAIL


def test_lighthouse_figures_and_audits():
    """Verify Lighthouse scores are medians per category and shortfalls are listed."""
    runs = [
        LighthouseRun(
            {"performance": p, "accessibility": 0.96, "best-practices": 1.0},
            {"performance": [], "accessibility": ["aria-dialog-name"], "best-practices": []},
        )
        for p in (0.9, 0.97, 0.99)
    ]
    figures = {f.spec.key: f for f in bench.lighthouse_figures("Introduction", runs)}
    assert figures["lighthouse_introduction_performance"].value == 0.97
    assert result(figures["lighthouse_introduction_accessibility"]) == FAIL
    assert bench.audits_short_of_full("Introduction", runs) == {
        "Introduction, accessibility": "aria-dialog-name"
    }


def test_lighthouse_is_skipped_only_without_npm(monkeypatch):
    """Verify a missing npm skips Lighthouse (not failing), while other problems fail it."""
    specs = [bench.RESTORE, *bench.LIGHTHOUSE.values()]
    monkeypatch.setattr(bench, "npm_available", lambda: False)
    skipped = bench.unmeasured(specs, "the site did not build")
    assert [result(f) for f in skipped] == [FAIL] + [SKIPPED] * len(bench.LIGHTHOUSE)
    assert exit_code(skipped[1:]) == 0
    monkeypatch.setattr(bench, "npm_available", lambda: True)
    assert {result(f) for f in bench.unmeasured(specs, "no Chromium")} == {FAIL}


def test_guarded_turns_an_error_into_unmeasured_figures():
    """Verify a measurement that raises is reported with its reason instead of crashing."""

    def broken():
        raise BenchError("not instrumented: no performance.measure 'ps-cope:mount' entry")

    (figure,) = bench.guarded([bench.RESTORE], broken)
    assert result(figure) == FAIL and "not instrumented" in figure.problem


def test_complete_answers_cover_every_field_of_tool_9():
    """Verify the stored record answers every field, with valid option values."""
    tool = bench.load_tools()[bench.BIG_TOOL]
    answers = bench.complete_answers(tool)
    fields = bench.iter_fields(tool, rows="max")
    assert set(answers) == {f.name for f in fields}
    for f in fields:
        if f.options:
            assert answers[f.name] in {value for value, _ in f.options}
    assert "notes" in bench.notes_field(tool)


def test_plain_config_drops_macros_and_hooks_only():
    """Verify the baseline config keeps every plugin but macros, and no hooks or site assets."""
    real = {
        "plugins": ["search", {"macros": {"module_name": "macros"}}, {"tags": {}}],
        "hooks": ["overrides/hooks/tool_files.py"],
        "site_name": "x",
    }
    assert plain_config(real) == {
        "INHERIT": "mkdocs.yml",
        "plugins": ["search", {"tags": {}}],
        "hooks": [],
        "extra_css": [],
        "extra_javascript": [],
    }


@pytest.mark.parametrize(
    "line, edited",
    [
        ("title: Organizational Assessment", "title: Organizational Assessment (edit 1)"),
        ('title: "Change Talk"', 'title: "Change Talk (edit 1)"'),
        ("title: 'Quoted'  ", "title: 'Quoted (edit 1)'  "),
    ],
)
def test_title_suffix_edits_only_the_top_level_title(line, edited):
    """Verify the rebuild edit changes the tool title and nothing else."""
    text = f"number: 9\n{line}\nblocks:\n  - title: nested\n"
    expected = f"number: 9\n{edited}\nblocks:\n  - title: nested\n"
    assert append_title_suffix(text, " (edit 1)") == expected
    with pytest.raises(BenchError):
        append_title_suffix("number: 9\n", " (edit 1)")


def test_runs_take_turns_in_swapped_order():
    """Verify paired runs swap their order every run so order effects cancel."""
    assert [in_turn(run, "a", "b") for run in range(3)] == [("a", "b"), ("b", "a"), ("a", "b")]


def test_a_failed_build_is_summed_up_by_its_last_lines():
    """Verify a build failure is reported by its error line, without traceback carets."""
    stderr = (
        'Traceback (most recent call last):\n  File "pdf_files.py", line 33\n'
        "    from .render_pdf import render_pdf\n    ^^^^^^^^^^^\n"
        "ModuleNotFoundError: No module named 'macros.render_pdf'\n\n"
    )
    assert last_lines(stderr) == (
        "from .render_pdf import render_pdf / "
        "ModuleNotFoundError: No module named 'macros.render_pdf'"
    )


def test_every_figure_the_benchmarks_can_report_has_a_budget():
    """Verify no figure is measured that no budget judges (report-only figures were dropped)."""
    import benchmarks.compare
    import benchmarks.offline
    import benchmarks.team

    modules = [bench, benchmarks.compare, benchmarks.offline, benchmarks.team]
    specs = [v for m in modules for v in vars(m).values() if isinstance(v, Spec)]
    specs += list(bench.LIGHTHOUSE.values())
    assert len(specs) >= 13
    assert all(spec.budget is not None for spec in specs), [s.key for s in specs if not s.budget]
    assert {s.key for s in [*bench.BROWSER_SPECS]} >= {"tool9_restore_ms", "keystroke_median_ms"}


def test_team_files_are_valid_and_answer_every_rating():
    """Verify the Team results benchmark's input: 30 valid answers files, every Tool 9 rating
    (42, counted in the toolkit) answered, every option of the agreement scale used."""
    from pathlib import Path

    from jsonschema import Draft202012Validator

    from benchmarks.team import TEAM_MEMBERS, team_files
    from macros.load import load_tools

    root = Path(__file__).resolve().parent.parent
    tool = load_tools(root / "tools")["09-organizational-assessment"]
    schema = Draft202012Validator(
        json.loads((root / "docs/schemas/answers-v1.schema.json").read_text(encoding="utf-8"))
    )
    files = team_files(tool, TEAM_MEMBERS)
    assert len(files) == 30 and len({f["name"] for f in files}) == 30
    seen = set()
    for f in files:
        doc = json.loads(f["buffer"])
        assert list(schema.iter_errors(doc)) == []
        answers = doc["tools"][tool["slug"]]["answers"]
        ratings = {
            name: value
            for name, value in answers.items()
            if value in {"1", "2", "3", "4", "5", "dk"}
        }
        assert len(ratings) == 42
        seen |= set(ratings.values())
    assert seen == {"1", "2", "3", "4", "5", "dk"}
