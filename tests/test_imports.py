"""macros/ reads top-down: no module imports, even lazily inside a function, one that imports it back."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "macros"


def imports_of(path: Path) -> set[str]:
    """The macros modules a file imports anywhere in it (module level or inside functions)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:
                found.add(node.module.split(".")[0])
            elif node.level == 1:
                found.update(alias.name for alias in node.names)
            elif node.module and node.module.startswith("macros."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("macros."))
    return found


def import_graph() -> dict[str, set[str]]:
    return {p.stem: imports_of(p) for p in PACKAGE.glob("*.py") if p.stem != "__init__"}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path of module names, or None."""
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> list[str] | None:
        state[module] = "open"
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "open":
                return path[path.index(target) :] + [target]
            if target not in state and (cycle := visit(target, path + [target])):
                return cycle
        state[module] = "done"
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module, [module])):
            return cycle
    return None


def test_macros_has_no_import_cycle():
    assert find_cycle(import_graph()) is None


def test_the_cycle_finder_finds_a_cycle():
    """The check above can fail: the cycle this package once had is found."""
    graph = {
        "pdf_files": {"render_pdf", "fields"},
        "render_pdf": {"render_index", "fields"},
        "render_index": {"pdf_files"},
        "fields": set(),
    }
    assert find_cycle(graph) == ["pdf_files", "render_pdf", "render_index", "pdf_files"]


def test_lazy_imports_count():
    """pdf_files imports render_pdf inside a function; that edge is in the graph."""
    assert "render_pdf" in import_graph()["pdf_files"]


# ---------------------------------------------------------------------------- benchmarks and tests

ROOT = PACKAGE.parent
TEST_HELPERS = {p.stem for p in (ROOT / "tests").rglob("*.py")}  # conftest, browser, test_forms, …


def top_level_imports(path: Path) -> set[str]:
    """Every module a file imports (absolute imports, first name only), anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[0] for a in node.names)
    return found


def test_benchmarks_are_a_package_that_imports_no_test_module():
    """The benchmarks live in benchmarks/ (`python -m benchmarks`), not flat in scripts/, and
    share helpers with the tests through devkit/, never by importing tests/ modules."""
    assert (ROOT / "benchmarks" / "__main__.py").is_file()
    assert sorted(p.name for p in (ROOT / "scripts").glob("bench*")) == []
    for path in [*(ROOT / "benchmarks").glob("*.py"), *(ROOT / "devkit").glob("*.py")]:
        assert not top_level_imports(path) & TEST_HELPERS, path.name
        assert not re.search(
            r"sys\.path(\.insert|\.append|\[)", path.read_text(encoding="utf-8")
        ), path.name


def test_no_test_reaches_into_scripts_or_benchmarks_through_sys_path():
    """Tests import the benchmarks as the package they are; only the browser suites' conftest
    files put tests/ itself on the path."""
    for path in (ROOT / "tests").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.search(r"sys\.path(\.insert|\.append|\[)", line):
                assert path.name == "conftest.py", f"{path}: {line}"
                assert "scripts" not in line and "benchmarks" not in line, f"{path}: {line}"


def test_no_test_module_imports_another():
    """Shared test code lives in helper modules (tests/e2e/tool_form.py, tests/pdf_checks.py, …):
    a test module imports none of the others, so each file's tests stand alone."""
    test_modules = {p.stem for p in (ROOT / "tests").rglob("test_*.py")}
    for path in (ROOT / "tests").rglob("*.py"):
        assert not top_level_imports(path) & test_modules, path.relative_to(ROOT)


def test_the_benchmarks_import_from_anywhere_without_path_edits():
    """`import benchmarks.run` works from another directory (the package is installed) and
    leaves sys.path and the test modules alone."""
    import subprocess
    import sys

    code = (
        "import sys; before = list(sys.path); import benchmarks.run; "
        "assert sys.path == before, 'sys.path changed'; "
        f"bad = sorted(set(sys.modules) & {set(TEST_HELPERS)!r}); "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], cwd="/", check=True)


# ---------------------------------------------------------------------------- the suite's order


def test_pure_tests_run_first_then_the_built_site_then_the_browsers():
    """tests/conftest.py orders the run: pure tests, tests of the built site, Chromium, the
    other engines; within each, files keep their order (a typo fails in the first seconds)."""
    from types import SimpleNamespace

    from run_order import sort_items

    def item(path: str, *fixtures: str):
        return SimpleNamespace(path=ROOT / path, fixturenames=list(fixtures), name=path)

    items = [
        item("tests/engines/test_smoke.py", "engine", "base_url"),
        item("tests/e2e/test_forms.py", "page"),
        item("tests/test_site.py", "built_site"),
        item("tests/e2e/test_durable.py", "browser"),
        item("tests/test_load.py"),
        item("tests/test_site.py", "tmp_path"),
        item("tests/test_field_spec.py", "base_url"),
    ]
    sort_items(items)
    assert [(i.name, i.fixturenames[:1]) for i in items] == [
        ("tests/test_load.py", []),
        ("tests/test_site.py", ["tmp_path"]),
        ("tests/test_site.py", ["built_site"]),
        ("tests/test_field_spec.py", ["base_url"]),
        ("tests/e2e/test_forms.py", ["page"]),
        ("tests/e2e/test_durable.py", ["browser"]),
        ("tests/engines/test_smoke.py", ["engine"]),
    ]


def test_make_test_fast_runs_everything_but_the_browsers_and_is_documented():
    """`make test-fast` (the edit loop) runs the JS units and every pytest test but the browser
    ones; `make test` runs the JS units first and leaves the Firefox/WebKit smoke tests to
    `make test-engines`, which CI runs as its own step; the contributors' section names them."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    fast = re.search(r"^test-fast:(.*)\n\t(.*)$", makefile, re.MULTILINE)
    assert fast and "test-js" in fast[1] and '-m "not e2e and not engines"' in fast[2]
    whole = re.search(r"^test:(.*)\n\t(.*)$", makefile, re.MULTILINE)
    assert whole and "test-js" in whole[1] and "--ignore=tests/engines" in whole[2]
    assert re.search(r"^test-engines:.*\n\t.* tests/engines$", makefile, re.MULTILINE)
    ci = (ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8")
    assert "run: make test\n" in ci and "run: make test-engines" in ci
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    contributors = readme.split("## For contributors", 1)[1].split("\n## ", 1)[0]
    assert "make test-fast" in contributors and "make test " in contributors
