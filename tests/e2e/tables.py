"""Tables of the team and comparison pages as a person reads them on screen."""

from __future__ import annotations

import re

NO = "—"  # an empty cell on the page


def cells(row) -> list[str]:
    """A table row's cells as read on screen (an empty cell's hidden 'No answer' left out)."""
    return [
        re.sub(NO + r"\s*No answer", NO, text).strip()
        for text in row.locator("th, td").all_inner_texts()
    ]
