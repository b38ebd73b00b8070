"""MkDocs hook: write the site's service worker, sw.js, after each build (macros/offline.py).

Under `mkdocs serve` it writes the worker that removes itself instead, so the dev server never
shows pages from a stored copy.
"""

from __future__ import annotations

from pathlib import Path

from macros.offline import write_worker

_serving = False  # under `mkdocs serve`; this module lives across its rebuilds


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"  # `serve --clean` says "build": on_serve below covers it


def on_serve(server, config, builder):
    """After serve's first build (with live reload), before it serves anything."""
    global _serving
    _serving = True
    write_worker(Path(config["site_dir"]), serving=True)
    return server


def on_post_build(config) -> None:
    write_worker(Path(config["site_dir"]), serving=_serving)
