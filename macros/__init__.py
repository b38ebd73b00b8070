"""mkdocs-macros entry point: loads the tool definitions once per build and registers thin macros.

Imports happen inside `define_env` so the pure modules of this package (load, fields, render_*)
import without MkDocs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs_macros.plugin import MacrosPlugin


def define_env(env: MacrosPlugin) -> None:
    from pathlib import Path

    from mkdocs.exceptions import PluginError

    from .load import ToolDefinitionError, load_tools
    from .render_html import render_all_tools_controls, render_tool_page
    from .render_index import render_tools_index
    from .render_progress import render_progress_controls
    from .render_team import render_team_controls

    try:
        project = Path(env.conf["config_file_path"]).parent
        tools = load_tools(project / "tools", docs_dir=Path(env.conf["docs_dir"]))
    except ToolDefinitionError as exc:
        raise PluginError(f"Invalid tool definition:\n{exc}") from None

    @env.macro
    def tool_page(slug: str) -> str:
        """The tool's page body: purpose, who completes it, directions, PDF link and the form."""
        if slug not in tools:
            raise PluginError(f"tool_page: no tool '{slug}' in tools/")
        return render_tool_page(tools[slug])

    @env.macro
    def tools_index() -> str:
        """The table of all tools for tools/index.md."""
        return render_tools_index(tools)

    @env.macro
    def all_tools_controls() -> str:
        """Download and load answers for every tool at once (tools index)."""
        return render_all_tools_controls()

    @env.macro
    def team_controls() -> str:
        """Choosing the members' files and the results area (docs/tools/team.md)."""
        return render_team_controls()

    @env.macro
    def progress_controls() -> str:
        """The Earlier and Later sets and the comparison area (docs/tools/progress.md)."""
        return render_progress_controls()

    @env.macro
    def differences() -> str:
        """Every declared departure from the print edition, for docs/differences.md."""
        from .departures import DepartureError
        from .render_differences import render_differences

        try:
            return render_differences(tools, Path(env.conf["docs_dir"]), env.conf["nav"])
        except DepartureError as exc:
            raise PluginError(f"Invalid departure marker:\n{exc}") from None
