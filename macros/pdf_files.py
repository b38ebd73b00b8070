"""A content-keyed cache of the fillable PDFs, so unchanged tools are not re-rendered."""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .fields import Tool

RENDERER_SOURCES = (
    "render_pdf.py",
    "pdf_postprocess.py",
    "pdf_tags.py",
    "fields.py",
    "departures.py",
    *(f"fonts/LiberationSans-{face}.ttf" for face in ("Regular", "Bold", "Italic", "BoldItalic")),
)


def renderer_digest() -> bytes:
    """sha256 of the renderer's sources and fonts, read afresh (so `mkdocs serve` sees edits)."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in RENDERER_SOURCES:
        digest.update((here / name).read_bytes())
    return digest.digest()


def cache_key(tool: Tool, renderer: bytes | None = None) -> str:
    """sha256 of the definition and the renderer (`renderer_digest()`, read once per batch):
    any change to either re-renders."""
    digest = hashlib.sha256(json.dumps(tool, sort_keys=True, ensure_ascii=False).encode())
    digest.update(renderer if renderer is not None else renderer_digest())
    return digest.hexdigest()


def _cache_path(tool: Tool, cache_dir: Path, renderer: bytes | None = None) -> Path:
    return cache_dir / f"{tool['slug']}-{cache_key(tool, renderer)[:16]}.pdf"


def _store(tool: Tool, cache_dir: Path, data: bytes, renderer: bytes) -> None:
    """Keep `data` as the tool's one cached PDF. Builds may run at once (the test workers): the
    file appears whole or not at all, and another build's removal of a stale one is no error."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = _cache_path(tool, cache_dir, renderer)
    for stale in cache_dir.glob(f"{tool['slug']}-*.pdf"):
        if stale != path:
            stale.unlink(missing_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def cached_pdf(tool: Tool, cache_dir: Path) -> bytes:
    """The tool's PDF bytes, rendered only when the definition or the renderer changed."""
    return cached_pdfs({tool["slug"]: tool}, cache_dir)[tool["slug"]]


def cached_pdfs(tools: dict[str, Tool], cache_dir: Path) -> dict[str, bytes]:
    """Every tool's PDF bytes; only the ones not in the cache are rendered."""
    renderer = renderer_digest()
    found = {slug: _cache_path(tool, cache_dir, renderer) for slug, tool in tools.items()}
    missing = {slug: tools[slug] for slug, path in found.items() if not path.exists()}
    rendered = _render_all(missing) if missing else {}
    for slug, data in rendered.items():
        _store(tools[slug], cache_dir, data, renderer)
    return {slug: rendered.get(slug) or path.read_bytes() for slug, path in found.items()}


def _render_all(tools: dict[str, Tool]) -> dict[str, bytes]:
    """Render in parallel, a process per core (ReportLab and pikepdf are imported only here)."""
    from .render_pdf import render_pdf

    workers = min(len(tools), os.cpu_count() or 1)
    if workers < 2:
        return {slug: render_pdf(tool) for slug, tool in tools.items()}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return dict(zip(tools, pool.map(render_pdf, tools.values()), strict=True))
