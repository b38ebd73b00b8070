"""Fillable PDF file names and a content-keyed cache, so unchanged tools are not re-rendered."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .fields import Tool


def pdf_filename(tool: Tool) -> str:
    return f"ps-cope-tool-{tool['slug']}.pdf"


def cache_key(tool: Tool) -> str:
    """sha256 of the definition and the renderer's source: any change to either re-renders."""
    from . import render_pdf

    digest = hashlib.sha256(json.dumps(tool, sort_keys=True, ensure_ascii=False).encode())
    for module in _renderer_sources(render_pdf):
        digest.update(module.read_bytes())
    return digest.hexdigest()


def _renderer_sources(render_pdf_module) -> list[Path]:
    here = Path(render_pdf_module.__file__).parent
    return sorted(here.glob("render_pdf*.py")) + sorted(here.glob("pdf_postprocess.py"))


def cached_pdf(tool: Tool, cache_dir: Path) -> bytes:
    """The tool's PDF bytes, rendered only when the definition or the renderer changed."""
    from .render_pdf import render_pdf

    path = cache_dir / f"{tool['slug']}-{cache_key(tool)[:16]}.pdf"
    if path.exists():
        return path.read_bytes()
    data = render_pdf(tool)
    cache_dir.mkdir(parents=True, exist_ok=True)
    for stale in cache_dir.glob(f"{tool['slug']}-*.pdf"):
        stale.unlink()
    path.write_bytes(data)
    return data
