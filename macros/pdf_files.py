"""A content-keyed cache of the fillable PDFs, so unchanged tools are not re-rendered."""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import Future, ProcessPoolExecutor
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
    batch = PdfBatch(tools, cache_dir)
    batch.wait()
    return {slug: path.read_bytes() for slug, path in batch.paths.items()}


class PdfBatch:
    """Every tool's PDF in the cache (`paths`). The ones missing are rendered in other processes,
    a process per core, while the caller goes on; they are in the cache once `wait()` returns."""

    def __init__(self, tools: dict[str, Tool], cache_dir: Path):
        self._tools, self._cache_dir, self._renderer = tools, cache_dir, renderer_digest()
        self.paths = {
            slug: _cache_path(tool, cache_dir, self._renderer) for slug, tool in tools.items()
        }
        missing = [slug for slug, path in self.paths.items() if not path.exists()]
        self._pool: ProcessPoolExecutor | None = None
        self._rendering: dict[str, Future[bytes]] = {}
        if missing:
            self._pool = ProcessPoolExecutor(max_workers=min(len(missing), os.cpu_count() or 1))
            self._rendering = {slug: self._pool.submit(_render, tools[slug]) for slug in missing}

    def wait(self) -> None:
        """Store each rendered PDF in the cache; a renderer's error is raised here."""
        try:
            for slug, future in self._rendering.items():
                _store(self._tools[slug], self._cache_dir, future.result(), self._renderer)
        finally:
            self._rendering = {}
            if self._pool is not None:
                self._pool.shutdown(cancel_futures=True)
                self._pool = None


def _render(tool: Tool) -> bytes:
    """render_pdf in a worker process (ReportLab and pikepdf are imported only there)."""
    from .render_pdf import render_pdf

    return render_pdf(tool)
