"""npm-installed tools (terser, csso, Lighthouse) and the byte sizes of the tools' JS and CSS."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .build import BenchError

NPM_TIMEOUT_S = 300


def npm_available() -> bool:
    return shutil.which("npm") is not None


def npm_bin(prefix: Path, packages: list[str], command: str) -> Path:
    """`prefix/node_modules/.bin/<command>`, after `npm install --prefix` if it is missing."""
    binary = prefix / "node_modules" / ".bin" / command
    if binary.exists():
        return binary
    done = subprocess.run(
        ["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund", *packages],
        check=False,
        capture_output=True,
        text=True,
        timeout=NPM_TIMEOUT_S,
    )
    if done.returncode != 0 or not binary.exists():
        tail = " / ".join(done.stderr.strip().splitlines()[-3:])
        raise BenchError(f"`npm install --prefix {prefix} {' '.join(packages)}` failed: {tail}")
    return binary


STATIC_IMPORT = re.compile(r"""^\s*(?:import|export)\b[^'"]*?from\s+'(\./[^']+)'""", re.M)


def static_imports(root: Path, entry: str) -> list[str]:
    """`entry` and every module it imports statically, transitively (paths relative to root);
    dynamic `import()`s, which load only when a user acts, are left out."""
    found, queue = [], [entry]
    while queue:
        rel = queue.pop(0)
        if rel in found:
            continue
        found.append(rel)
        source = (root / rel).read_text(encoding="utf-8")
        folder = Path(rel).parent
        queue += [str(folder / name.removeprefix("./")) for name in STATIC_IMPORT.findall(source)]
    return found


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


@dataclass(frozen=True)
class AssetSize:
    path: str
    raw: int
    minified: int
    gzip: int  # of the minified bytes


def _run_minifier(command: list[str]) -> bytes:
    done = subprocess.run(command, check=False, capture_output=True, timeout=120)
    if done.returncode != 0:
        raise BenchError(f"`{' '.join(command)}` failed: {done.stderr.decode()[-300:]}")
    return done.stdout


def minify(path: Path, terser: Path | None, csso: Path | None) -> bytes:
    """Minified bytes of a .js or .css file; the raw bytes when no minifier is given."""
    if path.suffix == ".js" and terser:
        return _run_minifier([str(terser), str(path), "--compress", "--mangle"])
    if path.suffix == ".css" and csso:
        return _run_minifier([str(csso), str(path)])
    return path.read_bytes()


def asset_sizes(
    root: Path, paths: list[str], terser: Path | None, csso: Path | None
) -> list[AssetSize]:
    missing = [p for p in paths if not (root / p).is_file()]
    if missing:
        raise BenchError(f"missing {', '.join(missing)} (not written yet?)")
    sizes = []
    for rel in paths:
        minified = minify(root / rel, terser, csso)
        raw = (root / rel).stat().st_size
        sizes.append(AssetSize(rel, raw, len(minified), gzip_size(minified)))
    return sizes
