"""Timed `mkdocs build` runs in a temporary copy of the project (the real tree is only read)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PROJECT_PARTS = ("docs", "tools", "macros", "overrides", "mkdocs.yml")
PLAIN_CONFIG = "mkdocs.plain.yml"
BUILD_TIMEOUT_S = 300


class BenchError(Exception):
    """A measurement could not be made; the message says why, for the report."""


def copy_project(root: Path, dest: Path) -> Path:
    """Copy the parts of the project a build reads into `dest`, without caches."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / part)
    return dest


def plain_config(real_config: dict) -> dict:
    """A config inheriting the real one, minus the macros plugin, every hook and the site's own
    CSS and JavaScript: plain Material with the same pages."""
    plugins = [
        p
        for p in real_config.get("plugins", [])
        if (p if isinstance(p, str) else next(iter(p))) != "macros"
    ]
    return {
        "INHERIT": "mkdocs.yml",
        "plugins": plugins,
        "hooks": [],
        "extra_css": [],
        "extra_javascript": [],
    }


def write_plain_config(project: Path) -> Path:
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    config_file = project / "mkdocs.yml"
    with config_file.open(encoding="utf-8") as fd:
        real = yaml_load(fd, loader=get_yaml_loader())
    path = project / PLAIN_CONFIG
    path.write_text(yaml.safe_dump(plain_config(real), sort_keys=False), encoding="utf-8")
    return path


def timed_build(project: Path, config: Path, out: Path) -> float:
    """Seconds one `mkdocs build` subprocess takes; BenchError with its last lines if it fails."""
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--quiet",
        "-f",
        str(config),
        "-d",
        str(out),
    ]
    start = time.perf_counter()
    done = subprocess.run(
        command,
        cwd=project,
        check=False,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise BenchError(
            f"`mkdocs build -f {config.name}` failed: {last_lines(done.stderr or done.stdout)}"
        )
    return elapsed


def last_lines(output: str, count: int = 2) -> str:
    """The last lines of a command's output that say something (no traceback carets)."""
    lines = [line.strip() for line in output.splitlines() if line.strip(" ^~\t")]
    return " / ".join(lines[-count:])


def clear_pdf_cache(project: Path) -> None:
    shutil.rmtree(project / ".cache" / "pdfs", ignore_errors=True)


def pdf_sizes(site: Path) -> dict[str, int]:
    return {p.name: p.stat().st_size for p in sorted((site / "pdf").glob("*.pdf"))}


def in_turn(run: int, first, second) -> tuple:
    """`first, second` on even runs and `second, first` on odd ones, so order effects cancel."""
    return (first, second) if run % 2 == 0 else (second, first)


@dataclass
class FullBuilds:
    site: Path  # the last real build
    plain_site: Path  # the last plain build
    plain_s: list[float] = field(default_factory=list)
    real_s: list[float] = field(default_factory=list)
    pdf_sizes: list[dict[str, int]] = field(default_factory=list)  # one mapping per real build


def measure_full_builds(project: Path, out: Path, runs: int) -> FullBuilds:
    """Plain and real (cold PDF cache) builds in turn, after one untimed warm-up of each."""
    plain_config, real_config = project / PLAIN_CONFIG, project / "mkdocs.yml"
    builds = FullBuilds(site=out / "site", plain_site=out / "plain-site")

    def plain():
        builds.plain_s.append(timed_build(project, plain_config, builds.plain_site))

    def real():
        clear_pdf_cache(project)
        builds.real_s.append(timed_build(project, real_config, builds.site))
        builds.pdf_sizes.append(pdf_sizes(builds.site))

    timed_build(project, plain_config, builds.plain_site)
    timed_build(project, real_config, builds.site)
    for run in range(runs):
        for build in in_turn(run, plain, real):
            build()
    return builds


def append_title_suffix(yaml_text: str, suffix: str) -> str:
    """The tool definition with `suffix` added to its top-level title (plain or quoted)."""
    match = re.search(r"^title:[ \t]*(.+?)[ \t]*$", yaml_text, flags=re.M)
    if not match:
        raise BenchError("the tool definition has no one-line `title:`")
    value = match[1]
    if value[0] in "\"'" and value[-1] == value[0]:
        edited = value[:-1] + suffix + value[-1]
    else:
        edited = value + suffix
    return yaml_text[: match.start(1)] + edited + yaml_text[match.end(1) :]


def edit_tool(project: Path, slug: str, mark: str) -> None:
    path = project / "tools" / f"{slug}.yml"
    path.write_text(
        append_title_suffix(path.read_text(encoding="utf-8"), f" {mark}"), encoding="utf-8"
    )


def edit_chapter(project: Path, page: str, mark: str) -> None:
    path = project / "docs" / page
    path.write_text(path.read_text(encoding="utf-8") + f"\n\n{mark}\n", encoding="utf-8")


def check_edit_built(site: Path, url: str, mark: str) -> None:
    """Make sure the build really used the edited copy (not the installed project)."""
    page = site / url / "index.html"
    if mark not in page.read_text(encoding="utf-8"):
        raise BenchError(f"the edit '{mark}' did not reach {url}: the build did not read the copy")


@dataclass
class Rebuilds:
    chapter_s: list[float] = field(default_factory=list)
    tool_s: list[float] = field(default_factory=list)


def measure_rebuilds(
    project: Path, site: Path, runs: int, tool_slug: str, chapter_page: str
) -> Rebuilds:
    """Rebuilds after a chapter edit and after a tool edit in turn, PDF cache warm."""
    config = project / "mkdocs.yml"
    rebuilds = Rebuilds()
    timed_build(project, config, site)

    def after_chapter_edit(run: int):
        mark = f"Benchmark chapter edit {run}."
        edit_chapter(project, chapter_page, mark)
        rebuilds.chapter_s.append(timed_build(project, config, site))
        check_edit_built(site, chapter_page.removesuffix(".md"), mark)

    def after_tool_edit(run: int):
        mark = f"(benchmark edit {run})"
        edit_tool(project, tool_slug, mark)
        rebuilds.tool_s.append(timed_build(project, config, site))
        check_edit_built(site, f"tools/{tool_slug}", mark)

    for run in range(runs):
        for rebuild in in_turn(run, after_chapter_edit, after_tool_edit):
            rebuild(run)
    return rebuilds


def time_pdf_files(tools: dict, runs: int, cache_dir: Path) -> tuple[list[float], list[float]]:
    """Seconds to get all tools' PDF files the way the build does (`cached_pdfs`: a process per
    core), once per run with the cache emptied (cold), then again with it full (cached)."""
    from macros.pdf_files import cached_pdfs

    cold, cached = [], []
    for _ in range(runs):
        shutil.rmtree(cache_dir, ignore_errors=True)
        start = time.perf_counter()
        cached_pdfs(tools, cache_dir)
        cold.append(time.perf_counter() - start)
        start = time.perf_counter()
        cached_pdfs(tools, cache_dir)
        cached.append(time.perf_counter() - start)
    shutil.rmtree(cache_dir, ignore_errors=True)
    return cold, cached
