"""Progress over time: the static controls of docs/tools/progress.md (an Earlier and a Later set,
each chosen files or a snapshot kept in this browser). Pure; the browser side is
docs/javascripts/progress-page.js."""

from __future__ import annotations

import json
from html import escape

from .render_team import ACCEPTED_FILES, element_chapters

SIDES = (("before", "Earlier"), ("after", "Later"))


def _side(key: str, title: str) -> str:
    return (
        f'<fieldset class="progress-side" data-side="{key}"><legend>{title} answers</legend>'
        f'<p><label for="progress-{key}-files">Choose the {title.lower()} answers files</label> '
        f'<input type="file" id="progress-{key}-files" multiple accept="{ACCEPTED_FILES}" '
        f'aria-describedby="progress-{key}-hint"></p>'
        f'<p class="tool-hint" id="progress-{key}-hint">One answers file, several members’ files '
        "(combined as on Team results) or filled tool PDFs.</p>"
        f'<p><label for="progress-{key}-snapshot">or a snapshot kept in this browser</label> '
        f'<select id="progress-{key}-snapshot"><option value="">(none)</option></select></p>'
        f'<div class="progress-set" aria-live="polite"></div></fieldset>'
    )


def render_progress_controls() -> str:
    elements = escape(json.dumps(element_chapters(), separators=(",", ":")))
    return (
        f'<div class="progress" data-elements="{elements}">'
        '<p class="progress-no-js">The comparison needs JavaScript, which is turned off or has not '
        "loaded yet in this browser.</p>"
        '<div class="progress-load tool-js">'
        + "".join(_side(k, t) for k, t in SIDES)
        + '<div class="progress-messages" aria-live="polite" tabindex="-1"></div>'
        '<p class="progress-actions">'
        '<button type="button" class="tool-button" data-action="csv" disabled>'
        "Download the comparison (CSV)</button> "
        '<button type="button" class="tool-button" data-action="print" disabled>'
        "Print progress report</button> "
        '<button type="button" class="tool-button" data-action="clear">Start over</button></p>'
        "</div>"
        '<div class="progress-results"></div>'
        "</div>"
    )
