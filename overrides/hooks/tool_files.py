"""MkDocs hook: add the files generated from the tool definitions to the site.

- pdf/ps-cope-tool-<slug>.pdf, each tool's fillable PDF, from a content-keyed cache
  (.cache/pdfs/) so `mkdocs serve` only re-renders a tool whose definition changed; the ones
  missing are rendered in other processes while the pages are made, and are waited for before
  the build copies files (on_env);
- tools/specs.json, every tool's field spec for the browser (macros/field_spec.py);
- tools/sample.json, the fictional sample answers trainers open with `?sample`
  (tools/samples/sample-answers.yml, checked by macros/samples.py).

They join the build as generated files, so links to them are checked like any page link.
"""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from macros.field_spec import SPECS_PATH, tool_specs_document
from macros.fields import pdf_filename
from macros.load import ToolDefinitionError, load_tools
from macros.pdf_files import PdfBatch
from macros.samples import load_samples

log = logging.getLogger("mkdocs.hooks.tool_files")
_pdfs: PdfBatch | None = None  # this build's PDFs, until on_env has them in the cache


def on_files(files: Files, config) -> Files:
    root = Path(config["config_file_path"]).parent
    try:
        tools = load_tools(root / "tools", docs_dir=Path(config["docs_dir"]))
        sample = load_samples(root / "tools" / "samples" / "sample-answers.yml", tools)
    except ToolDefinitionError as exc:
        raise PluginError(f"Invalid tool definition:\n{exc}") from None
    global _pdfs
    _pdfs = PdfBatch(tools, root / ".cache" / "pdfs")
    for slug, path in _pdfs.paths.items():
        name = f"pdf/{pdf_filename(tools[slug])}"
        files.append(File.generated(config, name, abs_src_path=str(path)))
    specs = json.dumps(tool_specs_document(tools), ensure_ascii=False, separators=(",", ":"))
    files.append(File.generated(config, SPECS_PATH, content=specs))
    files.append(
        File.generated(
            config,
            "tools/sample.json",
            content=json.dumps(sample, ensure_ascii=False, separators=(",", ":")),
        )
    )
    log.debug("added %d tool PDFs and %s", len(tools), SPECS_PATH)
    return files


def on_env(env, config, files):
    _wait_for_pdfs()
    return env


def on_build_error(error):
    with contextlib.suppress(PluginError):  # the build has failed already: its error is shown
        _wait_for_pdfs()


def _wait_for_pdfs() -> None:
    global _pdfs
    batch, _pdfs = _pdfs, None
    if batch is None:
        return
    try:
        batch.wait()
    except Exception as exc:  # a renderer's error, raised in its worker process
        raise PluginError(f"Could not render the tool PDFs: {exc}") from None
