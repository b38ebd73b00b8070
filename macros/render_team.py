"""Team results: the static controls of docs/tools/team.md, and the member-name field of the tool
pages' and the tools index's toolbars. Pure functions; the browser side is
docs/javascripts/team.js (the page) and toolbar.js (the member name).
"""

from __future__ import annotations

import json
from html import escape

# The chapter that introduces each element a rating grid can assess, from the site root.
ELEMENT_CHAPTERS = {
    "IE": "principles-to-practice/infrastructure-elements/",
    "CC": "principles-to-practice/core-components/",
}
ELEMENT_CODES = [f"{kind}{n}" for kind in ELEMENT_CHAPTERS for n in range(1, 6)]
MEMBER_MAX_LENGTH = 100  # the answers format's limit for `member` (answers-v1.schema.json)
ACCEPTED_FILES = "application/json,.json,application/pdf,.pdf"


def element_chapters() -> dict[str, str]:
    """'IE1' → 'principles-to-practice/infrastructure-elements/#ie1', … for IE1–IE5, CC1–CC5."""
    return {code: f"{ELEMENT_CHAPTERS[code[:2]]}#{code.lower()}" for code in ELEMENT_CODES}


def render_team_controls() -> str:
    """Choosing (or dropping) the members' files, the list of files read, the CSV and print
    buttons, and the place team.js fills with the results. Hidden until team.js has mounted."""
    elements = escape(json.dumps(element_chapters(), separators=(",", ":")))
    return (
        f'<div class="team" data-elements="{elements}">'
        '<p class="team-no-js">The team results need JavaScript, which is turned off or has not '
        "loaded yet in this browser.</p>"
        '<div class="team-load tool-js">'
        '<div class="team-drop">'
        '<label for="team-files">Choose the members’ files</label> '
        f'<input type="file" id="team-files" multiple accept="{ACCEPTED_FILES}" '
        'aria-describedby="team-files-hint"> '
        '<p class="tool-hint" id="team-files-hint">Answers files (.json) or filled tool PDFs: '
        "choose them all at once, or drop them on this box. They are read in this browser only "
        "and nothing is kept.</p></div>"
        '<div class="team-messages" aria-live="polite" tabindex="-1"></div>'
        '<div class="team-files"></div>'
        '<p class="team-actions">'
        '<button type="button" class="tool-button" data-action="csv" disabled>'
        "Download the table (CSV)</button> "
        '<button type="button" class="tool-button" data-action="print" disabled>'
        "Print team report</button> "
        '<button type="button" class="tool-button" data-action="clear" disabled>'
        "Start over</button></p>"
        "</div>"
        '<div class="team-results"></div>'
        "</div>"
    )


def member_control() -> str:
    """The member's name or role for their downloads (kept in this browser by toolbar.js)."""
    return (
        '<p class="tool-member"><label for="tool-member">Your name or role</label> '
        f'<input type="text" id="tool-member" maxlength="{MEMBER_MAX_LENGTH}" autocomplete="name" '
        'aria-describedby="tool-member-hint"> '
        '<span class="tool-hint" id="tool-member-hint">optional; goes into your answers downloads '
        "so that your team sees who answered what</span></p>"
    )
