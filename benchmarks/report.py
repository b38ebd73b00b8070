"""Benchmark figures, budgets and the report: pure code, no measuring and no file access."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace

PASS, FAIL, SKIPPED = "PASS", "FAIL", "SKIPPED"
KB = 1024


def median(values: Sequence[float]) -> float:
    if not values:
        raise ValueError("median of no values")
    return statistics.median(values)


@dataclass(frozen=True)
class Budget:
    limit: float
    at_least: bool = False  # False: the figure must be at most `limit`

    def met_by(self, value: float) -> bool:
        return value >= self.limit if self.at_least else value <= self.limit


def at_most(limit: float) -> Budget:
    return Budget(limit)


def at_least(limit: float) -> Budget:
    return Budget(limit, at_least=True)


@dataclass(frozen=True)
class Spec:
    """What a figure is, before it is measured: a stable key, a readable name, unit, budget
    (every figure has one: what no budget judges is not measured)."""

    key: str
    name: str
    unit: str  # × | s | ms | B | score
    budget: Budget

    def measured(
        self, value: float, n: int, details: str = "", samples: Sequence[float] = ()
    ) -> Figure:
        return Figure(self, value, n, details=details, samples=tuple(samples))

    def unmeasured(self, problem: str) -> Figure:
        return Figure(self, None, 0, problem=problem)

    def skipped(self, reason: str) -> Figure:
        return Figure(self, None, 0, problem=reason, skipped=True)


@dataclass(frozen=True)
class Figure:
    spec: Spec
    value: float | None
    n: int
    details: str = ""  # the baseline ratio and the raw numbers behind the value
    samples: tuple[float, ...] = ()
    problem: str = ""  # why there is no value, or what makes the value doubtful
    skipped: bool = False

    def with_problem(self, problem: str) -> Figure:
        """The same figure marked as failed for a reason found after measuring."""
        return replace(self, problem=problem)


def result(figure: Figure) -> str:
    """PASS or FAIL against the budget; a figure that could not be measured FAILs."""
    if figure.skipped:
        return SKIPPED
    if figure.value is None or figure.problem:
        return FAIL
    return PASS if figure.spec.budget.met_by(figure.value) else FAIL


def overall(figures: Sequence[Figure]) -> str:
    return FAIL if any(result(f) == FAIL for f in figures) else PASS


def exit_code(figures: Sequence[Figure]) -> int:
    return 1 if overall(figures) == FAIL else 0


def format_value(value: float, unit: str) -> str:
    if unit == "×":
        return f"{value:.2f}×"
    if unit == "B":
        return f"{value / KB:.1f} KB ({value:,.0f} B)"
    if unit == "score":
        return f"{value:.2f}"
    return f"{value:.2f} {unit}"


def format_budget(budget: Budget, unit: str) -> str:
    sign = "≥" if budget.at_least else "≤"
    if unit == "B":
        return f"{sign} {budget.limit / KB:g} KB"
    if unit == "×":
        return f"{sign} {budget.limit:.1f}×"
    if unit == "score":
        return f"{sign} {budget.limit:.2f}"
    return f"{sign} {budget.limit:g} {unit}"


@dataclass(frozen=True)
class Report:
    machine: dict[str, str]
    figures: list[Figure]
    details: dict[str, dict[str, str]] = field(default_factory=dict)  # title → label → value
    notes: list[str] = field(default_factory=list)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _figure_row(figure: Figure) -> str:
    value = "—" if figure.value is None else format_value(figure.value, figure.spec.unit)
    outcome = result(figure)
    explanation = "; ".join(part for part in (figure.problem, figure.details) if part)
    cells = [
        figure.spec.name,
        value,
        str(figure.n) if figure.n else "—",
        format_budget(figure.spec.budget, figure.spec.unit),
        f"**{outcome}**" if outcome in (FAIL, SKIPPED) else outcome,
        explanation or "—",
    ]
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def render_markdown(report: Report) -> str:
    verdict = overall(report.figures)
    failed = [f.spec.name for f in report.figures if result(f) == FAIL]
    lines = [
        "# PS-COPE toolkit site: benchmark results",
        "",
        f"**Result: {verdict}**"
        + (
            f" — budget missed or not measured: {'; '.join(failed)}."
            if failed
            else " — every budget met."
        ),
        "",
        "Every figure is the median of n runs. KB = 1,024 bytes. Machine-dependent "
        "timings are also given as a ratio to a baseline measured in the same run.",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
    ]
    lines += [f"| {_cell(k)} | {_cell(v)} |" for k, v in report.machine.items()]
    lines += [
        "",
        "## Figures",
        "",
        "| Figure | Value | n | Budget | Result | Baseline, details |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    lines += [_figure_row(f) for f in report.figures]
    for title, rows in report.details.items():
        lines += ["", f"## {title}", "", "| | |", "| --- | --- |"]
        lines += [f"| {_cell(k)} | {_cell(v)} |" for k, v in rows.items()]
    if report.notes:
        lines += ["", "## Notes", ""] + [f"- {note}" for note in report.notes]
    return "\n".join(lines) + "\n"


def report_json(report: Report) -> dict:
    figures = []
    for f in report.figures:
        figures.append(
            {
                "key": f.spec.key,
                "name": f.spec.name,
                "value": f.value,
                "unit": f.spec.unit,
                "n": f.n,
                "budget": asdict(f.spec.budget),
                "result": result(f),
                "details": f.details,
                "problem": f.problem,
                "samples": list(f.samples),
            }
        )
    return {
        "result": overall(report.figures),
        "machine": report.machine,
        "figures": figures,
        "details": report.details,
        "notes": report.notes,
    }
