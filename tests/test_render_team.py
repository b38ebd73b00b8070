"""Team results' static HTML (macros/render_team.py): the element links, the file picker and the
member-name field, whose length limit matches the answers format and the browser's check."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from macros.render_team import (
    MEMBER_MAX_LENGTH,
    element_chapters,
    member_control,
    render_team_controls,
)

ROOT = Path(__file__).resolve().parent.parent


class Tags(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.labels: dict[str, str] = {}
        self._label: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "label":
            self._label = dict(attrs).get("for")
            self.labels[self._label] = ""

    def handle_endtag(self, tag):
        if tag == "label":
            self._label = None

    def handle_data(self, data):
        if self._label:
            self.labels[self._label] += data


def test_every_element_links_to_its_heading_in_the_chapters():
    chapters = element_chapters()
    assert list(chapters) == ["IE1", "IE2", "IE3", "IE4", "IE5", "CC1", "CC2", "CC3", "CC4", "CC5"]
    for code, url in chapters.items():
        page, anchor = url.split("#")
        source = (ROOT / "docs" / (page.rstrip("/") + ".md")).read_text(encoding="utf-8")
        assert re.search(rf"^## {code}\. .*\{{#{anchor}\}}$", source, re.M), url


def test_team_controls_carry_the_element_links_and_a_labelled_multiple_file_input():
    parsed = Tags(render_team_controls())
    root = parsed.tags[0][1]
    assert root["class"] == "team"
    assert json.loads(root["data-elements"]) == element_chapters()
    (file_input,) = [a for t, a in parsed.tags if t == "input"]
    assert file_input["type"] == "file" and "multiple" in file_input
    assert file_input["accept"] == "application/json,.json,application/pdf,.pdf"
    assert parsed.labels[file_input["id"]] == "Choose the members’ files"
    buttons = [a["data-action"] for t, a in parsed.tags if t == "button"]
    assert buttons == ["csv", "print", "clear"]


def test_member_field_is_labelled_and_as_long_as_the_format_allows():
    parsed = Tags(member_control())
    (field,) = [a for t, a in parsed.tags if t == "input"]
    assert parsed.labels[field["id"]] == "Your name or role"
    assert "name" not in field, "not an answer: the form's autosave must not pick it up"
    schema = json.loads((ROOT / "docs/schemas/answers-v1.schema.json").read_text(encoding="utf-8"))
    browser = (ROOT / "docs/javascripts/answers.js").read_text(encoding="utf-8")
    limit = schema["properties"]["member"]["maxLength"]
    assert int(field["maxlength"]) == MEMBER_MAX_LENGTH == limit
    assert f"export const MAX_MEMBER_LENGTH = {MEMBER_MAX_LENGTH};" in browser
