"""MkDocs hook: list a tool form's sections and element groups in the page's table of contents
(macros/form_toc.py)."""

from __future__ import annotations

from mkdocs.structure.toc import AnchorLink

from macros.form_toc import add_to_toc, form_headings


def on_page_content(html: str, page, config, files) -> str:
    if 'class="tool-form"' in html:
        add_to_toc(page.toc.items, form_headings(html), AnchorLink)
    return html
