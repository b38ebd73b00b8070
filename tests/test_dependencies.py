"""Dependencies: every package the code imports is declared in pyproject.toml, and the lock file
pins every declared package (and what it pulls in) to one version that the declaration allows
and that this environment runs."""

from __future__ import annotations

import ast
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
CODE = ["macros", "overrides", "scripts", "benchmarks", "devkit", "tests"]
LOCK = ROOT / "requirements.lock"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def declared() -> dict[str, Requirement]:
    """Every requirement of the project and its dependency groups, by canonical name."""
    lines = list(PYPROJECT["project"]["dependencies"])
    for group in PYPROJECT.get("dependency-groups", {}).values():
        lines += [line for line in group if isinstance(line, str)]
    return {canonicalize_name(r.name): r for r in map(Requirement, lines)}


def locked() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"requirements.lock: {line!r} is not pinned with =="
            pins[canonicalize_name(name)] = version
    return pins


def local_modules() -> set[str]:
    names = {"macros"}
    for folder in CODE:
        for path in (ROOT / folder).rglob("*.py"):
            names.add(path.stem)
            names.update(p.name for p in path.relative_to(ROOT).parents if p.name)
    return names


def imported_top_level(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def third_party_imports() -> dict[str, set[str]]:
    """Top-level module → files importing it, for modules neither stdlib nor the project's."""
    ours, found = local_modules(), {}
    for folder in CODE:
        for path in (ROOT / folder).rglob("*.py"):
            if ".node" in path.parts:
                continue
            for name in imported_top_level(path) - ours - set(sys.stdlib_module_names):
                found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_imported_package_is_declared():
    distributions = metadata.packages_distributions()
    names = declared()
    undeclared = {}
    for module, files in third_party_imports().items():
        dists = [canonicalize_name(d) for d in distributions.get(module, [module])]
        if not any(d in names for d in dists):
            undeclared[module] = sorted(files)
    assert undeclared == {}


def test_the_import_scan_sees_a_third_party_import(tmp_path):
    path = tmp_path / "x.py"
    path.write_text("import os\nfrom yaml import safe_load\nimport fitz.utils\nfrom . import y\n")
    assert imported_top_level(path) - set(sys.stdlib_module_names) == {"yaml", "fitz"}


def test_the_lock_pins_every_declared_package_within_its_range():
    pins = locked()
    problems = {
        name: str(req.specifier)
        for name, req in declared().items()
        if name not in pins or not req.specifier.contains(pins[name], prereleases=True)
    }
    assert problems == {}


def test_this_environment_runs_the_locked_versions():
    pins = locked()
    installed = {
        canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()
    }
    differ = {
        name: (version, installed.get(name))
        for name, version in pins.items()
        if name in installed and installed[name] != version
    }
    missing = sorted(name for name in declared() if name not in installed)
    assert differ == {} and missing == []
