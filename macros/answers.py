"""The JSON answers format (ps-cope-answers, version 1), shared by the web forms and the PDF reader."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from .fields import Tool

FORMAT = "ps-cope-answers"
FORMAT_VERSION = 1


def tool_entry(tool: Tool, answers: dict[str, str], updated: str | None = None) -> dict[str, Any]:
    """One tool's part of an answers file; empty answers are left out."""
    return {
        "version": tool["version"],
        "updated": updated,
        "answers": {name: value for name, value in answers.items() if value != ""},
    }


def answers_document(
    entries: dict[str, dict[str, Any]], site: str, exported: datetime | None = None
) -> dict[str, Any]:
    """A whole answers file: `entries` maps tool slug to `tool_entry(...)`."""
    moment = (exported or datetime.now(UTC)).astimezone(UTC)
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "site": site,
        "tools": entries,
    }
