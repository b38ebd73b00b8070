"""The tool pages' HTML (macros/render_html.py): names, labels, escaping and the embedded spec."""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from tool_facts import FIELDS, GROWABLE_ROWS

from macros.field_spec import tool_spec
from macros.fields import item_label, iter_fields, pdf_filename
from macros.load import TOOLS_DIR, load_tool
from macros.render_html import render_all_tools_controls, render_form, render_tool_page

TOOL_FILES = sorted(TOOLS_DIR.glob("*.yml"))
HOSTILE = """<img src=x onerror=alert(1)>' onmouseover='alert(2)" x="""
VOID = {"input", "br", "hr", "img", "meta", "link", "wbr", "col", "source"}


@pytest.fixture(scope="module", params=TOOL_FILES, ids=[p.stem for p in TOOL_FILES])
def tool(request):
    return load_tool(request.param)


class Control:
    def __init__(self, tag: str, attrs: dict, labels: list, fieldsets: list):
        self.tag, self.attrs = tag, attrs
        self.in_label = bool(labels)
        self.legends = [f["legend"] for f in fieldsets]
        self.text = ""  # button text


class FormParser(HTMLParser):
    """Collects form controls with what labels them: <label for>, a wrapping <label>, legends."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.controls: list[Control] = []
        self.label_for: dict[str, str] = {}
        self.ids: dict[str, str] = {}
        self.data: dict[str, str] = {}  # data-spec
        self._labels: list[dict] = []
        self._fieldsets: list[dict] = []
        self._texts: list[dict] = []  # open elements whose text is being collected
        self._stack: list[tuple[str, dict]] = []
        self._button: Control | None = None

    def handle_starttag(self, tag, attr_list):
        attrs = dict(attr_list)
        if tag in ("input", "textarea", "select", "button"):
            control = Control(tag, attrs, self._labels, self._fieldsets)
            self.controls.append(control)
            if tag == "button":
                self._button = control
        if "data-spec" in attrs:
            self.data["data-spec"] = attrs["data-spec"]
        if tag in VOID:
            return
        record = {"text": ""}
        if tag == "label":
            self._labels.append(record)
            if "for" in attrs:
                record["for"] = attrs["for"]
        if tag == "fieldset":
            self._fieldsets.append({"legend": None})
        if tag == "legend":
            record["legend"] = True
        if "id" in attrs:
            record["id"] = attrs["id"]
        self._texts.append(record)
        self._stack.append((tag, record))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag == "button":
            self._button = None
        open_tag, record = self._stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        self._texts.pop()
        if "id" in record:
            self.ids[record["id"]] = record["text"]
        if tag == "label":
            self._labels.pop()
            if "for" in record:
                self.label_for[record["for"]] = record["text"]
        if tag == "fieldset":
            self._fieldsets.pop()
        if tag == "legend":
            self._fieldsets[-1]["legend"] = record["text"]

    def handle_data(self, data):
        for record in self._texts:
            record["text"] += data
        if self._button:
            self._button.text += data


def parse(html: str) -> FormParser:
    parser = FormParser()
    parser.feed(html)
    parser.close()
    assert parser._stack == [], "unclosed elements"
    return parser


def accessible_name(control: Control, parser: FormParser) -> str:
    attrs = control.attrs
    if attrs.get("aria-label"):
        return attrs["aria-label"]
    if attrs.get("aria-labelledby"):
        return " ".join(parser.ids.get(i, "") for i in attrs["aria-labelledby"].split())
    if control.tag == "button":
        return control.text.strip()
    by_for = parser.label_for.get(attrs.get("id"), "").strip()
    return by_for or ("(wrapped)" if control.in_label else "")


def test_every_field_is_one_named_control(tool):
    parser = parse(render_form(tool))
    named = [c for c in parser.controls if c.attrs.get("name")]
    radio_groups = {c.attrs["name"] for c in named if c.attrs.get("type") == "radio"}
    others = [c.attrs["name"] for c in named if c.attrs.get("type") != "radio"]
    rendered = Counter(others) + Counter(radio_groups)
    expected = Counter(f.name for f in iter_fields(tool, rows="printed"))
    assert rendered == expected
    printed, _, by_kind = FIELDS[tool["slug"]]  # counted by hand (tests/tool_facts.py)
    assert len(rendered) == printed
    shown_kinds = Counter(
        c.tag if c.tag == "textarea" else c.attrs.get("type")
        for c in named
        if c.attrs.get("type") != "radio"
    ) + Counter({"radio": len(radio_groups)})
    assert +shown_kinds == Counter(
        {{"long_text": "textarea"}.get(k, k): n for k, n in by_kind.items()}
    )
    kinds = {f.name: f.kind for f in iter_fields(tool, rows="printed")}
    for control in named:
        kind = kinds[control.attrs["name"]]
        tag_type = control.tag if control.tag == "textarea" else control.attrs.get("type")
        assert {
            "long_text": "textarea",
            "text": "text",
            "date": "date",
            "radio": "radio",
            "checkbox": "checkbox",
        }[kind] == tag_type, control.attrs["name"]


def test_every_control_has_an_accessible_name(tool):
    parser = parse(render_form(tool))
    for control in parser.controls:
        assert accessible_name(control, parser), f"unlabelled {control.tag} {control.attrs}"
        if control.tag == "input" and control.attrs.get("type") in ("radio", "checkbox"):
            assert control.in_label, f"{control.attrs['name']}: option text is not its <label>"
        if control.attrs.get("type") == "radio":
            assert control.legends and control.legends[-1].strip(), (
                f"{control.attrs['name']}: radio group without a legend"
            )
    ids = re.findall(r'\sid="([^"]+)"', render_form(tool))
    assert len(ids) == len(set(ids)), "duplicate id"
    for control in parser.controls:
        for ref in control.attrs.get("aria-describedby", "").split():
            assert parser.ids.get(ref, "").strip(), f"aria-describedby points at nothing: {ref}"


def test_checklists_use_fieldset_and_legend_per_item(tool):
    parser = parse(render_form(tool))
    radios = [c for c in parser.controls if c.attrs.get("type") == "radio"]
    legends = {c.attrs["name"]: c.legends[-1] for c in radios}
    for block in _blocks(tool["blocks"]):
        if block["type"] != "checklist":
            continue
        for item in block["items"]:
            if "id" in item:
                assert any(
                    legend.endswith(item_label(item["number"], item["text"]))
                    for name, legend in legends.items()
                    if name.endswith(item["id"])
                )
            for option in item.get("options", []):
                assert any(
                    option["text"] in legend
                    for name, legend in legends.items()
                    if name.endswith(option["id"])
                )


def test_rating_grids_give_screen_readers_the_full_scale_label():
    tool = load_tool(TOOLS_DIR / "09-organizational-assessment.yml")
    html = render_form(tool)
    assert '<span>4</span><span class="tool-sr"> Agree</span>' in html
    assert "D/K = I am not sure" in html
    assert html.count('class="tool-scale-key"') == 1, "the scale key is shown once"


def test_form_carries_its_tools_field_spec(tool):
    """The form's data-spec is the tool's entry of tools/specs.json (tests/test_field_spec.py),
    and says what was counted by hand: every field with tables at their maximum, the tables
    that grow."""
    parser = parse(render_form(tool))
    spec = json.loads(parser.data["data-spec"])
    assert spec == tool_spec(tool)
    assert spec["slug"] == tool["slug"]
    assert len(spec["fields"]) == FIELDS[tool["slug"]][1]
    assert [
        (t["id"], t["rows"], t["max_rows"], len(t["columns"]))
        for t in spec["rows"]
        if t["max_rows"] > t["rows"]
    ] == GROWABLE_ROWS.get(tool["slug"], [])


def test_hostile_yaml_text_is_escaped(tool):
    hostile = copy.deepcopy(tool)
    hostile["title"] += HOSTILE
    for key in ("purpose", "completion", "directions"):
        hostile[key] += " " + HOSTILE
    for scale in hostile.get("scales", {}).values():
        for option in scale:
            option["label"] += HOSTILE
    for block in _blocks(hostile["blocks"]):
        entries = [
            block,
            *block.get("items", []),
            *block.get("columns", []),
            *block.get("options", []),
        ]
        entries += block["rows"] if isinstance(block.get("rows"), list) else []
        entries += [o for item in block.get("items", []) for o in item.get("options", [])]
        for entry in entries:
            for key in ("label", "text", "heading", "intro", "lead_in", "description", "hint"):
                if key in entry:
                    entry[key] += HOSTILE
    page = render_tool_page(hostile)
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)" in page
    form = parse(page[page.index("<form ") :])
    assert json.loads(form.data["data-spec"])["title"].endswith(HOSTILE)
    assert all(not key.startswith("on") for c in form.controls for key in c.attrs)


def test_tool_page_text_and_links():
    tool = load_tool(TOOLS_DIR / "02-safe-secure-environment.yml")
    page = render_tool_page(tool)
    assert page.startswith("# Tool 2: Safe and Secure Environment Checklist { #tool }\n\n")
    assert (
        "Serves: [Infrastructure element IE2]"
        "(../principles-to-practice/infrastructure-elements.md#ie2)"
    ) in page
    for heading in ("## Tool purpose", "## Who completes this tool", "## Directions"):
        assert f"\n\n{heading}\n\n" in page
    assert f"[Download fillable PDF](../pdf/{pdf_filename(tool)})" in page
    assert "\n\n<form " in page and page.rstrip().endswith("</form>")
    assert "\n\n" not in page[page.index("<form ") :].rstrip(), "the form is one raw HTML block"


def test_fixed_size_tables_have_no_add_or_remove_buttons():
    """Tool 12's printed idea lines cannot grow (rows == max_rows), so they get no row buttons."""
    html = render_form(load_tool(TOOLS_DIR / "12-operational-plan.yml"))
    start = html.index('data-rows="ideas"')
    end = html.index("</table></div>", start) + len("</table></div>")
    assert "tool-row-remove" not in html[start:end]
    assert html[end : end + 6] == "</div>", "no add-row controls after the table"


def test_tool_refs_link_to_sibling_tool_pages():
    tool = load_tool(TOOLS_DIR / "08-integration-worksheet.yml")
    assert '<a href="../09-organizational-assessment/">' in render_form(tool)


def test_all_tools_controls():
    """The index's controls carry no specs: the browser fetches tools/specs.json."""
    parser = parse(render_all_tools_controls())
    assert parser.data == {}
    file_inputs = [c for c in parser.controls if c.attrs.get("type") == "file"]
    assert len(file_inputs) == 1
    assert accessible_name(file_inputs[0], parser) == "Load answers from a file"
    assert any(c.text == "Download all answers (JSON)" for c in parser.controls)


def _blocks(blocks):
    for block in blocks:
        yield block
        if block["type"] == "section":
            yield from _blocks(block["blocks"])
