"""Benchmark the site against its budgets; write benchmarks/results.md and results.json.

Exits 1 when a budget is missed or a figure could not be measured. Builds run in a temporary
copy of the project: the working tree is only read. Run with `make bench` (`python -m benchmarks`).
Every figure has a budget: a measurement no budget judges is not made.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from devkit.chromium import chromium_launch_options, system_chromium
from macros.fields import Field, iter_fields
from macros.load import load_tools

from .assets import (
    AssetSize,
    asset_sizes,
    npm_available,
    npm_bin,
    static_imports,
)
from .browser import (
    INPUT_MEASURE,
    LIGHTHOUSE_CATEGORIES,
    MOUNT_MEASURE,
    KeystrokeTimings,
    LighthouseRun,
    PdfTimings,
    RestoreTimings,
    measure_keystrokes,
    measure_pdf_round_trip,
    measure_restore,
    page_bytes,
    run_lighthouse,
    seed_answers,
    serve,
)
from .build import (
    BenchError,
    FullBuilds,
    copy_project,
    measure_full_builds,
    measure_rebuilds,
    time_pdf_files,
    write_plain_config,
)
from .compare import COMPARE_RENDER, compare_figure
from .machine import machine_info
from .offline import OFFLINE_READY, PRECACHE_SIZE, offline_ready_figure, precache_figure
from .report import (
    KB,
    Figure,
    Report,
    Spec,
    at_least,
    at_most,
    exit_code,
    median,
    render_markdown,
    report_json,
)
from .team import TEAM_RENDER, team_figure

ROOT = Path(__file__).resolve().parent.parent

RESULTS = ROOT / "benchmarks"
NODE_PREFIX = RESULTS / ".node"
LIGHTHOUSE_PREFIX = RESULTS / ".lighthouse"
# What a tool page loads of the site's own: the entry module, the form's modules, the CSS.
ASSETS = [
    "docs/javascripts/main.js",
    *static_imports(ROOT, "docs/javascripts/form.js"),
    "docs/stylesheets/tools.css",
]
BIG_TOOL = "09-organizational-assessment"
CHAPTER = "introduction.md"
LIGHTHOUSE_PAGES = {"Tool 9": f"tools/{BIG_TOOL}/", "Introduction": "introduction/"}

BUILD_RUNS = 5
PDF_RUNS = 3
RESTORE_LOADS = 20
LIGHTHOUSE_RUNS = 3
TYPED_TEXT = "Typed one key at a time to time the input handler."[:50]

FULL_BUILD = Spec(
    "full_build_ratio",
    "Full build (pages + 13 forms + 13 PDFs, cold PDF cache) ÷ plain Material build",
    "×",
    at_most(2.0),
)
REBUILD = Spec(
    "tool_edit_rebuild_ratio",
    "Rebuild after editing one tool YAML ÷ after editing one chapter (warm PDF cache)",
    "×",
    at_most(1.3),
)
PDF_FILES_COLD = Spec(
    "pdf_files_cold_s",
    "PDF files, all 13 tagged, as the build gets them (a process per core), cold cache",
    "s",
    at_most(3.0),
)
PDF_FILES_CACHED = Spec(
    "pdf_files_cached_s", "PDF files, all 13, as the build gets them, cached", "s", at_most(0.1)
)
# Tagged PDF/UA-1 PDFs embed their fonts: the accessible-PDF issue's limit is 250 KB a file.
PDF_SIZE = Spec("pdf_size_max_bytes", "PDF size, largest of the 13 built", "B", at_most(250 * KB))
ASSET_SIZE = Spec(
    "tool_assets_gzip_bytes",
    "JS + CSS the tool pages add (entry module, form modules, site CSS; each minified, gzip -9)",
    "B",
    at_most(15 * KB),
)
PDF_LIBRARY = "docs/javascripts/vendor/pdf-lib.esm.min.js"
PDF_LIBRARY_SIZE = Spec(
    "pdf_library_gzip_bytes",
    "PDF library, loaded only when a PDF is read or made (vendored file, gzip -9)",
    "B",
    at_most(300 * KB),
)
PDF_FILL = Spec(
    "tool9_pdf_fill_ms",
    "Make a filled Tool 9 PDF (click to download, library not cached)",
    "ms",
    at_most(2000),
)
PDF_READ = Spec(
    "tool9_pdf_read_ms",
    "Read a filled Tool 9 PDF (file chosen to answers read, library not cached)",
    "ms",
    at_most(2000),
)
CHAPTER_WEIGHT = Spec(
    "chapter_extra_bytes",
    f"Bytes a chapter page ({CHAPTER}) loads beyond the same page in plain Material (gzip-served)",
    "B",
    at_most(5 * 1024),
)
RESTORE = Spec(
    "tool9_restore_ms", f"Restore Tool 9 from storage ({MOUNT_MEASURE})", "ms", at_most(30)
)
KEYSTROKE = Spec(
    "keystroke_median_ms",
    f"Keystroke handling in a Tool 9 textarea ({INPUT_MEASURE}), median",
    "ms",
    at_most(2),
)
LIGHTHOUSE_BUDGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0}
LIGHTHOUSE = {
    (page, category): Spec(
        f"lighthouse_{path.strip('/').replace('/', '_')}_{category}",
        f"Lighthouse {category}, {page} ({path})",
        "score",
        at_least(LIGHTHOUSE_BUDGETS[category]),
    )
    for page, path in LIGHTHOUSE_PAGES.items()
    for category in LIGHTHOUSE_CATEGORIES
}
BROWSER_SPECS = [
    RESTORE,
    KEYSTROKE,
    CHAPTER_WEIGHT,
    PDF_FILL,
    PDF_READ,
    TEAM_RENDER,
    COMPARE_RENDER,
    OFFLINE_READY,
]
PDF_RUNS_BROWSER = 5
BUILD_FAILED = "the site did not build (see the full build figure)"

NOTES = [
    "Builds: `python -m mkdocs build --quiet` subprocesses in a temporary copy of docs/, tools/, "
    "macros/, overrides/ and mkdocs.yml. One untimed warm-up build of each kind, then "
    f"{BUILD_RUNS} plain and {BUILD_RUNS} real builds in turn (order swapped every run). The "
    "plain build's config inherits mkdocs.yml without the macros plugin and without hooks. "
    "Every real full build deletes .cache/pdfs first (cold).",
    f"Rebuilds: a title suffix on tools/{BIG_TOOL}.yml (one PDF re-rendered) against a "
    f"paragraph appended to docs/{CHAPTER}, PDF cache warm, in turn; each edit is checked to "
    "reach its built page.",
    "PDF files: `macros.pdf_files.cached_pdfs` (what the build calls) into an emptied cache, "
    "then again from it; benchmarks/pdf-ua.md has the PDFs before and after tagging.",
    "Browser figures: the last real build served on 127.0.0.1 gzip-compressed (as static "
    f"hosts do). Restore: every field of Tool 9 answered through the form so its own autosave "
    f"writes localStorage, then the page loaded {RESTORE_LOADS} times in headless Chromium. "
    f"Keystrokes: {len(TYPED_TEXT)} characters typed 10 ms apart into Tool 9's notes textarea "
    f"with the stored answers complete; n counts the {INPUT_MEASURE} measures recorded. Their "
    "baseline is DOMParser parsing the same page's HTML in the same browser.",
    f"Chapter page weight: docs/{CHAPTER} loaded once in a fresh headless Chromium context from "
    "each build (gzip-served), summing the encoded bodies of the page and every resource it "
    "requested (Resource Timing), the search index (site content) left out; the plain build has "
    "no site CSS or JavaScript.",
]


@dataclass(frozen=True)
class Chromium:
    launch: dict  # keyword arguments for Playwright's chromium.launch()
    executable: str
    lighthouse_executable: str  # the full browser, where the tests run a headless shell
    version: str


def reason(exc: Exception) -> str:
    return str(exc) if isinstance(exc, BenchError) else f"{type(exc).__name__}: {exc}"


def guarded(specs: list[Spec], measure) -> list[Figure]:
    """The figures `measure()` returns, or every spec marked unmeasured with the reason."""
    try:
        return measure()
    except Exception as exc:  # report, never crash: the other figures still count
        return [spec.unmeasured(reason(exc)) for spec in specs]


# ------------------------------------------------------------------ figures from measurements


def ratio_figure(
    spec: Spec, numerator: list[float], denominator: list[float], what: tuple[str, str]
) -> Figure:
    top, bottom = median(numerator), median(denominator)
    details = (
        f"{what[0]} {top:.2f} s ÷ {what[1]} {bottom:.2f} s (medians, n = {len(numerator)} each)"
    )
    return spec.measured(
        top / bottom,
        len(numerator),
        details,
        samples=[t / b for t, b in zip(numerator, denominator, strict=True)],
    )


def pdf_size_figure(builds: list[dict[str, int]], tool_count: int) -> Figure:
    """The largest built PDF, each PDF's size being its median over the builds."""
    sizes = pdf_size_medians(builds)
    if not sizes:
        return PDF_SIZE.unmeasured("the build wrote no PDF")
    largest = max(sizes, key=lambda name: sizes[name])
    figure = PDF_SIZE.measured(sizes[largest], len(builds), f"largest: {largest}")
    if len(sizes) != tool_count:
        return figure.with_problem(f"only {len(sizes)} of {tool_count} PDFs were built")
    return figure


def pdf_size_medians(builds: list[dict[str, int]]) -> dict[str, float]:
    names = sorted({name for build in builds for name in build})
    return {name: median([b[name] for b in builds if name in b]) for name in names}


def restore_figure(timings: RestoreTimings, expected: int) -> Figure:
    value, baseline = median(timings.mount_ms), median(timings.parse_ms)
    figure = RESTORE.measured(
        value,
        len(timings.mount_ms),
        f"= {value / baseline:.2f}× parsing the page's HTML "
        f"({baseline:.2f} ms); {timings.answered} of {expected} fields restored",
        samples=timings.mount_ms,
    )
    if timings.answered < expected:
        return figure.with_problem(
            f"only {timings.answered} of {expected} stored answers were restored"
        )
    return figure


def keystroke_figure(timings: KeystrokeTimings) -> Figure:
    durations, baseline = timings.input_ms, median(timings.parse_ms)
    med = median(durations)
    return KEYSTROKE.measured(
        med,
        len(durations),
        f"= {med / baseline:.3f}× parsing the page's HTML ({baseline:.2f} ms)",
        durations,
    )


def lighthouse_figures(page: str, runs: list[LighthouseRun]) -> list[Figure]:
    """The median score of each category over the runs."""
    figures = []
    for category in LIGHTHOUSE_CATEGORIES:
        scores = [run.scores[category] for run in runs]
        figures.append(
            LIGHTHOUSE[page, category].measured(
                median(scores),
                len(scores),
                "runs: " + ", ".join(f"{s:.2f}" for s in scores),
                samples=scores,
            )
        )
    return figures


def audits_short_of_full(page: str, runs: list[LighthouseRun]) -> dict[str, str]:
    """Per category, the weighted audits that scored below 1 in any run."""
    short = {}
    for category in LIGHTHOUSE_CATEGORIES:
        audits = sorted({a for run in runs for a in run.short_of_full[category]})
        if audits:
            short[f"{page}, {category}"] = ", ".join(audits)
    return short


def asset_figure(sizes: list[AssetSize], minified_by: str) -> Figure:
    return ASSET_SIZE.measured(
        sum(s.gzip for s in sizes),
        1,
        f"raw {sum(s.raw for s in sizes):,} B, minified "
        f"{sum(s.minified for s in sizes):,} B ({minified_by}); "
        "sizes are deterministic, n = 1",
    )


def asset_table(sizes: list[AssetSize]) -> dict[str, str]:
    return {
        s.path: f"raw {s.raw:,} B, minified {s.minified:,} B, gzip {s.gzip:,} B" for s in sizes
    }


def unmeasured(specs, problem: str) -> list[Figure]:
    """The specs as not measured; Lighthouse ones as skipped when npm is absent."""
    return [
        spec.skipped("npm is absent, so Lighthouse cannot be installed")
        if spec in LIGHTHOUSE.values() and not npm_available()
        else spec.unmeasured(problem)
        for spec in specs
    ]


# ------------------------------------------------------------------ what the browser is given


def complete_answers(tool: dict) -> dict[str, str]:
    """An answer for every field of the tool, repeating rows at their maximum."""
    return {f.name: _sample_answer(f) for f in iter_fields(tool, rows="max")}


def _sample_answer(f: Field) -> str:
    if f.kind in ("radio", "checkbox"):
        return f.options[-1][0]
    if f.kind == "date":
        return "2025-03-14"
    if f.kind == "long_text":
        return (
            "Our team reviewed this item with partners and agreed on next steps, owners and "
            "dates. "
        ) * 5
    return "Sample answer"


def notes_field(tool: dict) -> str:
    """The tool's first notes textarea (or its first textarea)."""
    textareas = [f.name for f in iter_fields(tool) if f.kind == "long_text"]
    if not textareas:
        raise BenchError(f"{tool['slug']} has no long-text field to type into")
    return next((name for name in textareas if "notes" in name), textareas[0])


# ------------------------------------------------------------------ measuring


def find_chromium() -> Chromium:
    """The Chromium the tests use (devkit/chromium.py), its binary and its version."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launch = chromium_launch_options(p.chromium.executable_path)
        browser = p.chromium.launch(headless=True, **launch)
        version = browser.version
        browser.close()
        executable = launch.get("executable_path", p.chromium.executable_path)
        # Lighthouse starts its own Chrome: the full browser, as its users run it.
        full = system_chromium(headless_shell=False) if "executable_path" in launch else None
        return Chromium(launch, executable, full or executable, version)


def add_build_figures(report: Report, project: Path, out: Path, tools: dict) -> FullBuilds | None:
    """Full build, rebuild and PDF size figures; the builds if they succeeded."""
    try:
        builds = measure_full_builds(project, out, BUILD_RUNS)
    except Exception as exc:
        report.figures.append(FULL_BUILD.unmeasured(reason(exc)))
        report.figures.extend(unmeasured([REBUILD, PDF_SIZE], BUILD_FAILED))
        return None
    report.figures.append(
        ratio_figure(FULL_BUILD, builds.real_s, builds.plain_s, ("real", "plain Material build"))
    )
    report.figures.extend(guarded([REBUILD], lambda: [rebuild_figure(project, out)]))
    report.figures.extend(
        guarded([PDF_FILES_COLD, PDF_FILES_CACHED], lambda: pdf_files_figures(tools))
    )
    report.figures.append(pdf_size_figure(builds.pdf_sizes, len(tools)))
    report.details["PDF sizes (median over the real builds)"] = {
        name: f"{size / KB:.1f} KB" for name, size in pdf_size_medians(builds.pdf_sizes).items()
    }
    return builds


def rebuild_figure(project: Path, out: Path) -> Figure:
    rebuilds = measure_rebuilds(project, out / "rebuild-site", BUILD_RUNS, BIG_TOOL, CHAPTER)
    return ratio_figure(
        REBUILD, rebuilds.tool_s, rebuilds.chapter_s, ("after tool edit", "after chapter edit")
    )


def pdf_files_figures(tools: dict) -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        cold, cached = time_pdf_files(tools, PDF_RUNS, Path(tmp) / "pdfs")
    return [
        PDF_FILES_COLD.measured(
            median(cold), len(cold), "cached_pdfs, cache emptied", samples=cold
        ),
        PDF_FILES_CACHED.measured(
            median(cached),
            len(cached),
            "cached_pdfs again: content-keyed cache hit",
            samples=cached,
        ),
    ]


def minifiers() -> tuple[Path | None, Path | None, str]:
    """terser and csso from benchmarks/.node, or none (raw bytes) and why."""
    if not npm_available():
        return None, None, "npm is absent: raw bytes, not minified"
    packages = ["terser", "csso-cli"]
    try:
        return (
            npm_bin(NODE_PREFIX, packages, "terser"),
            npm_bin(NODE_PREFIX, packages, "csso"),
            "terser --compress --mangle, csso",
        )
    except BenchError as exc:
        return None, None, f"{exc}: raw bytes, not minified"


def add_pdf_library_figure(report: Report) -> None:
    try:
        (size,) = asset_sizes(ROOT, [PDF_LIBRARY], None, None)  # shipped minified
    except Exception as exc:
        report.figures.append(PDF_LIBRARY_SIZE.unmeasured(reason(exc)))
        return
    report.figures.append(
        PDF_LIBRARY_SIZE.measured(
            size.gzip, 1, f"raw {size.raw:,} B; sizes are deterministic, n = 1"
        )
    )


def add_asset_figure(report: Report) -> None:
    terser, csso, minified_by = minifiers()
    try:
        sizes = asset_sizes(ROOT, ASSETS, terser, csso)
    except Exception as exc:
        report.figures.append(ASSET_SIZE.unmeasured(reason(exc)))
        return
    report.figures.append(asset_figure(sizes, minified_by))
    report.details["JS and CSS the tool pages add"] = asset_table(sizes)


def pdf_figures(base: str, tool: dict, launch: dict) -> list[Figure]:
    """Making and reading a completely filled Tool 9 PDF in the browser."""
    from playwright.sync_api import sync_playwright

    answers = {f.name: _sample_answer(f) for f in iter_fields(tool, rows="printed")}
    with sync_playwright() as p:
        browser = p.chromium.launch(headless=True, **launch)
        try:
            timings: PdfTimings = measure_pdf_round_trip(
                browser, f"{base}tools/{tool['slug']}/", answers, PDF_RUNS_BROWSER
            )
        finally:
            browser.close()
    details = f"{len(answers)} answers; served from loopback, so network time is near zero"
    return [
        PDF_FILL.measured(
            median(timings.fill_ms), len(timings.fill_ms), details, samples=timings.fill_ms
        ),
        PDF_READ.measured(
            median(timings.read_ms), len(timings.read_ms), details, samples=timings.read_ms
        ),
    ]


def chapter_weight_figure(base: str, plain_base: str, launch: dict) -> Figure:
    """What the chapter page loads beyond plain Material's same page."""
    from playwright.sync_api import sync_playwright

    url = CHAPTER.removesuffix(".md") + "/"
    with sync_playwright() as p:
        browser = p.chromium.launch(headless=True, **launch)
        try:
            ours, plain = page_bytes(browser, base + url), page_bytes(browser, plain_base + url)
        finally:
            browser.close()
    return CHAPTER_WEIGHT.measured(
        ours - plain,
        1,
        f"{ours:,} B here, {plain:,} B in plain "
        "Material (HTML, CSS, JS as sent; search index left out)",
    )


def browser_figures(base: str, tool: dict, launch: dict) -> list[Figure]:
    """Restore and keystroke figures for the tool's page, with its stored answers complete."""
    from playwright.sync_api import sync_playwright

    answers = complete_answers(tool)
    url = f"{base}tools/{tool['slug']}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(headless=True, **launch)
        try:
            page = browser.new_context().new_page()
            seed_answers(page, url, answers)
            restore = guarded(
                [RESTORE],
                lambda: [
                    restore_figure(
                        measure_restore(page, url, list(answers), RESTORE_LOADS), len(answers)
                    )
                ],
            )
            keys = guarded(
                [KEYSTROKE],
                lambda: [
                    keystroke_figure(measure_keystrokes(page, url, notes_field(tool), TYPED_TEXT))
                ],
            )
        finally:
            browser.close()
    return restore + keys


def add_lighthouse_figures(report: Report, base: str, chrome: str) -> None:
    try:
        lighthouse = npm_bin(LIGHTHOUSE_PREFIX, ["lighthouse"], "lighthouse")
        runs = {
            page: [run_lighthouse(lighthouse, chrome, base + path) for _ in range(LIGHTHOUSE_RUNS)]
            for page, path in LIGHTHOUSE_PAGES.items()
        }
    except Exception as exc:
        report.figures.extend(unmeasured(LIGHTHOUSE.values(), reason(exc)))
        return
    short: dict[str, str] = {}
    for page, page_runs in runs.items():
        report.figures.extend(lighthouse_figures(page, page_runs))
        short |= audits_short_of_full(page, page_runs)
    if short:
        report.details["Lighthouse audits below a full score (any run)"] = short


def add_browser_figures(
    report: Report, builds: FullBuilds, tool: dict, chromium: Chromium
) -> None:
    """Restore, keystroke, page weight and Lighthouse figures on the built sites served on
    loopback."""
    with serve(builds.site) as base, serve(builds.plain_site) as plain_base:
        report.figures.extend(
            guarded([RESTORE, KEYSTROKE], lambda: browser_figures(base, tool, chromium.launch))
        )
        report.figures.extend(
            guarded(
                [CHAPTER_WEIGHT],
                lambda: [chapter_weight_figure(base, plain_base, chromium.launch)],
            )
        )
        report.figures.extend(
            guarded([PDF_FILL, PDF_READ], lambda: pdf_figures(base, tool, chromium.launch))
        )
        report.figures.extend(
            guarded([TEAM_RENDER], lambda: [team_figure(base, tool, chromium.launch)])
        )
        report.figures.extend(
            guarded([COMPARE_RENDER], lambda: [compare_figure(base, tool, chromium.launch)])
        )
        report.figures.extend(
            guarded([OFFLINE_READY], lambda: [offline_ready_figure(base, tool, chromium.launch)])
        )
        if npm_available():
            add_lighthouse_figures(report, base, chromium.lighthouse_executable)
        else:
            report.figures.extend(unmeasured(LIGHTHOUSE.values(), ""))


def lighthouse_version() -> str:
    package = LIGHTHOUSE_PREFIX / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"] if package.exists() else "not installed"


def write_report(report: Report) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "results.md").write_text(render_markdown(report), encoding="utf-8")
    (RESULTS / "results.json").write_text(
        json.dumps(report_json(report), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def main() -> int:
    tools = load_tools(ROOT / "tools")
    try:
        chromium, no_browser = find_chromium(), ""
    except Exception as exc:
        chromium, no_browser = None, f"no Chromium: {reason(exc)}"
    report = Report(
        machine_info(chromium.version if chromium else no_browser), [], notes=list(NOTES)
    )
    with tempfile.TemporaryDirectory(prefix="ps-cope-bench-") as tmp:
        project = copy_project(ROOT, Path(tmp) / "project")
        write_plain_config(project)
        builds = add_build_figures(report, project, Path(tmp), tools)
        add_asset_figure(report)
        add_pdf_library_figure(report)
        report.figures.extend(
            guarded([PRECACHE_SIZE], lambda: [precache_figure(builds.site)])
            if builds
            else [PRECACHE_SIZE.unmeasured(BUILD_FAILED)]
        )
        if builds and chromium:
            add_browser_figures(report, builds, tools[BIG_TOOL], chromium)
        else:
            problem = no_browser or BUILD_FAILED
            report.figures.extend(unmeasured([*BROWSER_SPECS, *LIGHTHOUSE.values()], problem))
    report.notes.append(
        f"Lighthouse {lighthouse_version()}: mobile defaults (simulated "
        f"throttling), median of {LIGHTHOUSE_RUNS} runs per page and category."
    )
    write_report(report)
    print(render_markdown(report))
    return exit_code(report.figures)
