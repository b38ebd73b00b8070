"""Answers that outlive a tool change, a forgetful browser and a missing backup (real Chromium):
version migration against a really changed tool definition, persistent-storage status, the
backup nudge, "Keep a copy in a file" and downloading set-aside data."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from axe import wcag_violations
from playwright.sync_api import expect
from tool_form import (
    MESSAGE,
    file_payload,
    form_answers,
    message,
    open_tool,
    storage_key,
    stored,
    wait_stored,
    watched_page,
)

from devkit.server import QuietServer

# One test worker (pytest -n) builds the changed site this module serves.
pytestmark = pytest.mark.xdist_group("changed-site")

ROOT = Path(__file__).resolve().parents[2]
SLUG = "04-trained-responsive-workforce"
TOOL_FILE = ROOT / "tools" / f"{SLUG}.yml"
# The changed definition (version 2): item 11 is removed and a Yes/No question is added.
REMOVED = "crisis_response"
KEEPS = "workforce_diversity"
ALSO_KEEPS = "procedural_justice"
ADDED = "asked_from_version_2"
PERSISTENT = "This browser keeps your answers until you clear them."
BEST_EFFORT = (
    "This browser may delete your answers if it runs short of space: download a "
    "backup from time to time."
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def changed_definition(text: str) -> str:
    """Tool 4 as a maintainer might change it: version raised, item 11 removed, a question on a
    new Yes/No scale added at the end."""
    assert "\nversion: 1\n" in text and text.rstrip().endswith("}")
    text = text.replace("\nversion: 1\n", "\nversion: 2\n")
    text = "\n".join(line for line in text.splitlines() if f"id: {REMOVED}," not in line) + "\n"
    text = text.replace(
        "scales:\n",
        'scales:\n  yes_no:\n    - {value: "yes", label: "Yes"}\n'
        '    - {value: "no", label: "No"}\n',
        1,
    )
    return text + (
        "  - type: checklist\n    scale: yes_no\n    items:\n"
        f'      - {{id: {ADDED}, number: "12", text: "A question added in version 2."}}\n'
    )


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory):
    """The site built with the changed Tool 4, served on its own loopback port: its base URL."""
    project = tmp_path_factory.mktemp("changed-project")
    for part in ("docs", "tools", "macros", "overrides", "mkdocs.yml"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / part)
    definition = project / "tools" / f"{SLUG}.yml"
    definition.write_text(
        changed_definition(definition.read_text(encoding="utf-8")), encoding="utf-8"
    )
    samples = project / "tools" / "samples" / "sample-answers.yml"  # the sample follows the change
    samples.write_text(
        "".join(
            line
            for line in samples.read_text(encoding="utf-8").splitlines(True)
            if not line.strip().startswith(f"{REMOVED}:")
        ),
        encoding="utf-8",
    )
    root = tmp_path_factory.mktemp("changed-site")
    server = QuietServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(root)],
        cwd=project,
        env=env,
        check=True,
    )
    yield url
    server.shutdown()


def test_changed_definition_is_what_the_test_means():
    text = changed_definition(TOOL_FILE.read_text(encoding="utf-8"))
    assert "\nversion: 2\n" in text and f"id: {REMOVED}," not in text and f"id: {KEEPS}," in text
    assert f"id: {ADDED}," in text and "  yes_no:" in text


def test_saved_answers_of_an_older_version_carry_over_and_the_rest_is_kept(browser, changed_site):
    """Verify a version-1 record on the changed site keeps its surviving answers in the form, shows
    the others read-only with their field IDs, downloads them, and keeps the original copy."""
    old = {
        "version": 1,
        "updated": "2026-01-10T09:00:00Z",
        "answers": {KEEPS: "in_progress", REMOVED: "yes", ALSO_KEEPS: "no"},
        "extra": {},
    }
    with watched_page(browser, changed_site) as page:
        open_tool(page, changed_site, SLUG)
        page.evaluate(
            "([k, v]) => localStorage.setItem(k, v)", [storage_key(SLUG), json.dumps(old)]
        )
        page.reload()
        page.locator("form.tool-form.is-ready").wait_for()
        expect(message(page)).to_contain_text(
            "(tool version 1, now 2): 2 answers carried over; 1 for fields the tool no longer has"
        )
        assert form_answers(page) == {KEEPS: "in_progress", ALSO_KEEPS: "no"}
        record = stored(page, SLUG)
        assert record["version"] == 2
        assert record["answers"] == {KEEPS: "in_progress", ALSO_KEEPS: "no"}
        assert record["extra"] == {REMOVED: "yes"}
        kept = page.locator(".tool-kept")
        expect(kept).to_contain_text("Answers for fields this tool no longer has")
        expect(kept.locator("dt")).to_have_text([REMOVED])
        expect(kept.locator("dd")).to_have_text(["yes"])
        with page.expect_download() as download:
            page.get_by_role("button", name="Download answers (JSON)").click()
        doc = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
        assert doc["tools"][SLUG] == {
            "version": 2,
            "updated": "2026-01-10T09:00:00Z",
            "answers": {KEEPS: "in_progress", ALSO_KEEPS: "no", REMOVED: "yes"},
        }
        with page.expect_download() as download:
            kept.get_by_role("button", name="Download this copy").click()
        assert json.loads(Path(download.value.path()).read_text(encoding="utf-8")) == old
        # What this state adds to the page (test_forms.py scans the rest).
        assert wcag_violations(page, within=f"{MESSAGE}, .tool-kept") == []


def test_an_answers_file_of_an_older_version_loads_what_still_fits(browser, changed_site):
    """Verify a version-1 answers file loads into the changed tool: what fits shows, what does
    not (a removed item, an answer the new question's scale lacks) is kept aside and reported."""
    doc = {
        "format": "ps-cope-answers",
        "version": 1,
        "exported": "2026-01-02T03:04:05Z",
        "site": "x",
        "tools": {
            SLUG: {
                "version": 1,
                "updated": None,
                "answers": {KEEPS: "yes", REMOVED: "no", ADDED: "in_progress"},
            }
        },
    }
    with watched_page(browser, changed_site) as page:
        open_tool(page, changed_site, SLUG)
        page.get_by_label("Load answers from a file").set_input_files(file_payload(doc))
        expect(message(page)).to_contain_text(
            "It was made for version 1 of this tool; this site has version 2"
        )
        expect(message(page)).not_to_have_class(re.compile("tool-message--error"))
        assert form_answers(page) == {KEEPS: "yes"}
        wait_stored(page, SLUG, {KEEPS: "yes"})
        assert stored(page, SLUG)["extra"] == {REMOVED: "no", ADDED: "in_progress"}
        expect(page.locator(".tool-kept dt")).to_have_text([REMOVED, ADDED])


def test_persistent_storage_is_asked_for_and_its_outcome_shown(browser, base_url):
    """Verify the page asks for persistent storage once there is an answer, and says what the
    browser granted (a stand-in grants it)."""
    with watched_page(browser, base_url) as page:
        page.context.add_init_script("""
            window.__persistCalls = 0;  // a grant lasts across pages, as the browser's does
            navigator.storage.persisted = async () => sessionStorage.getItem('granted') === 'yes';
            navigator.storage.persist = async () => {
                window.__persistCalls++;
                sessionStorage.setItem('granted', 'yes');
                return true;
            };
        """)
        open_tool(page, base_url, SLUG)
        durability = page.locator(".tool-durability")
        expect(durability).to_have_text(BEST_EFFORT)
        assert page.evaluate("window.__persistCalls") == 0
        page.check(f'input[name="{KEEPS}"][value="yes"]')
        expect(durability).to_have_text(PERSISTENT)
        page.check(f'input[name="{REMOVED}"][value="no"]')
        wait_stored(page, SLUG, {KEEPS: "yes", REMOVED: "no"})
        assert page.evaluate("window.__persistCalls") == 1
        page.goto(f"{base_url}privacy/")
        expect(page.locator("[data-storage-status]")).to_have_text(PERSISTENT)


def test_real_chromium_says_what_it_granted(page, base_url):
    open_tool(page, base_url, SLUG)
    granted = page.evaluate("navigator.storage.persisted()")
    expect(page.locator(".tool-durability")).to_have_text(PERSISTENT if granted else BEST_EFFORT)


def test_backup_nudge_appears_after_a_change_and_clears_after_a_download(page, base_url):
    open_tool(page, base_url, SLUG)
    line = page.locator("form.tool-form .tool-backup")
    expect(line).to_be_hidden()
    page.check(f'input[name="{KEEPS}"][value="no"]')
    expect(line).to_have_text("Changed since your last backup (no backup yet). Download a backup")
    with page.expect_download():
        line.get_by_role("button", name="Download a backup").click()
    expect(line).to_have_text(re.compile(r"^Backed up .+\.$"))
    page.check(f'input[name="{KEEPS}"][value="yes"]')
    expect(line).to_have_text(
        re.compile(
            r"^Changed since your last backup \(last backup .+\)\. "
            r"Download a backup$"
        )
    )

    page.goto(f"{base_url}tools/")
    page.locator(".tool-all.is-ready").wait_for()
    index_line = page.locator(".tool-all .tool-backup")
    expect(index_line).to_have_text(re.compile(r"^1 tool changed since the last backup"))
    with page.expect_download():
        index_line.get_by_role("button", name="Download a backup").click()
    expect(index_line).to_have_text(re.compile(r"^Backed up .+\.$"))


OPFS_PICKER = """window.showSaveFilePicker = async (options) => {
    window.__suggested = options.suggestedName;
    const root = await navigator.storage.getDirectory();
    return root.getFileHandle('kept-copy.json', {create: true});
};"""
READ_OPFS = """async () => {
    const root = await navigator.storage.getDirectory();
    const file = await (await root.getFileHandle('kept-copy.json')).getFile();
    return await file.text();
}"""


# The kept copy's answers once they equal `expected`; false while the file is missing, being
# rewritten (reading it then fails) or holds other answers.
KEPT_COPY_HAS_JS = """async ([slug, expected]) => {
    try {
        const root = await navigator.storage.getDirectory();
        const file = await (await root.getFileHandle('kept-copy.json')).getFile();
        const answers = JSON.parse(await file.text()).tools[slug].answers;
        const sorted = (o) => JSON.stringify(Object.entries(o).sort());
        return sorted(answers) === sorted(expected) && answers;
    } catch (e) {
        return false;
    }
}"""


def kept_copy_answers(page, expected: dict[str, str]) -> dict[str, str]:
    """The answers in the kept copy, once they equal `expected` (polled in the page, 5 s at
    most)."""
    return page.wait_for_function(
        KEPT_COPY_HAS_JS, arg=[SLUG, expected], polling=50, timeout=5000
    ).json_value()


def test_keep_a_copy_in_a_file_writes_the_answers_file_on_autosave(browser, base_url):
    """Verify the chosen file (an origin-private file standing in for the picker's) holds the
    answers file after every autosave, and after a reload the page goes on writing it."""
    with watched_page(browser, base_url) as page:
        page.context.add_init_script(OPFS_PICKER)
        open_tool(page, base_url, SLUG)
        page.get_by_role("button", name="Keep a copy in a file").click()
        copy_line = page.locator(".tool-file-copy")
        expect(copy_line).to_contain_text("Keeping a copy of these answers in “kept-copy.json”")
        assert page.evaluate("window.__suggested") == f"ps-cope-{SLUG}-answers.json"
        page.check(f'input[name="{KEEPS}"][value="in_progress"]')
        wait_stored(page, SLUG, {KEEPS: "in_progress"})
        assert kept_copy_answers(page, {KEEPS: "in_progress"}) == {KEEPS: "in_progress"}
        assert json.loads(page.evaluate(READ_OPFS))["format"] == "ps-cope-answers"
        expect(page.locator(".tool-backup")).to_have_text(re.compile(r"^Backed up "))

        page.reload()
        page.locator("form.tool-form.is-ready").wait_for()
        expect(copy_line).to_contain_text("“kept-copy.json”")
        page.check(f'input[name="{REMOVED}"][value="yes"]')
        both = {KEEPS: "in_progress", REMOVED: "yes"}
        wait_stored(page, SLUG, both)
        assert kept_copy_answers(page, both) == both
        copy_line.get_by_role("button", name="Stop keeping a copy").click()
        expect(copy_line.get_by_role("button", name="Keep a copy in a file")).to_be_visible()


def test_keep_a_copy_is_absent_without_the_file_system_access_api(browser, base_url):
    with watched_page(browser, base_url) as page:
        page.context.add_init_script("delete window.showSaveFilePicker;")
        open_tool(page, base_url, SLUG)
        expect(page.get_by_role("button", name="Download answers (JSON)")).to_be_visible()
        assert page.locator(".tool-file-copy").count() == 0


def test_unreadable_saved_answers_can_be_downloaded(page, base_url):
    raw = '{"answers": [broken'
    open_tool(page, base_url, SLUG)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [storage_key(SLUG), raw])
    page.reload()
    page.locator("form.tool-form.is-ready").wait_for()
    expect(message(page)).to_contain_text("could not be read")
    kept = page.locator(".tool-kept")
    expect(kept).to_contain_text("Saved answers this browser could not read")
    with page.expect_download() as download:
        kept.get_by_role("button", name="Download this copy").click()
    assert Path(download.value.path()).read_text(encoding="utf-8") == raw
    assert download.value.suggested_filename.startswith(f"ps-cope-{SLUG}-set-aside-")
