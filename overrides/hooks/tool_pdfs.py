"""MkDocs hook: add each tool's fillable PDF to the site as pdf/ps-cope-tool-<slug>.pdf.

The PDFs join the build as generated files, so links to them are checked like any page link, and
they come from a content-keyed cache (.cache/pdfs/) so `mkdocs serve` only re-renders a tool
whose definition changed.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from macros.load import ToolDefinitionError, load_tools
from macros.pdf_files import cached_pdfs, pdf_filename

log = logging.getLogger("mkdocs.hooks.tool_pdfs")


def on_files(files: Files, config) -> Files:
    root = Path(config["config_file_path"]).parent
    try:
        tools = load_tools(root / "tools", docs_dir=Path(config["docs_dir"]))
    except ToolDefinitionError as exc:
        raise PluginError(f"Invalid tool definition:\n{exc}") from None
    cache_dir = root / ".cache" / "pdfs"
    for slug, data in cached_pdfs(tools, cache_dir).items():
        files.append(File.generated(config, f"pdf/{pdf_filename(tools[slug])}", content=data))
    log.debug("added %d tool PDFs", len(tools))
    return files
