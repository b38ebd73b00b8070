"""MkDocs hook: add the files generated from the tool definitions to the site.

- pdf/ps-cope-tool-<slug>.pdf, each tool's fillable PDF, from a content-keyed cache
  (.cache/pdfs/) so `mkdocs serve` only re-renders a tool whose definition changed;
- tools/specs.json, every tool's field spec for the browser (macros/field_spec.py);
- tools/sample.json, the fictional sample answers trainers open with `?sample`
  (tools/samples/sample-answers.yml, checked by macros/samples.py).

They join the build as generated files, so links to them are checked like any page link.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from macros.field_spec import SPECS_PATH, tool_specs_document
from macros.fields import pdf_filename
from macros.load import ToolDefinitionError, load_tools
from macros.pdf_files import cached_pdfs
from macros.samples import load_samples

log = logging.getLogger("mkdocs.hooks.tool_files")


def on_files(files: Files, config) -> Files:
    root = Path(config["config_file_path"]).parent
    try:
        tools = load_tools(root / "tools", docs_dir=Path(config["docs_dir"]))
        sample = load_samples(root / "tools" / "samples" / "sample-answers.yml", tools)
    except ToolDefinitionError as exc:
        raise PluginError(f"Invalid tool definition:\n{exc}") from None
    for slug, data in cached_pdfs(tools, root / ".cache" / "pdfs").items():
        files.append(File.generated(config, f"pdf/{pdf_filename(tools[slug])}", content=data))
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
