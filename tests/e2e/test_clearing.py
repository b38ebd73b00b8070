"""What "Clear" promises (real Chromium): clearing a tool removes everything the site keeps for
it, "Clear all" on the tools index removes everything of this site copy and nothing of another,
Undo puts all of it back, and loading several tools' answers writes all of them or none."""

from __future__ import annotations

import json

from playwright.sync_api import expect
from tool_form import answers_file, file_payload, message, open_tool, storage_key, watched_page

SLUG = "04-trained-responsive-workforce"
OTHER = "02-safe-secure-environment"
PREFIX = "ps-cope:/:"  # the test site is served at the server root
ANOTHER_COPY = "ps-cope:/another-copy/:" + SLUG  # a second copy of the site on the same origin


def record(answers: dict[str, str]) -> str:
    return json.dumps(
        {"version": 1, "updated": "2026-11-20T09:00:00Z", "answers": answers, "extra": {}}
    )


def local_storage(page) -> dict[str, str]:
    """localStorage without Material's own keys (`/.__palette`, under the site's path)."""
    return page.evaluate(
        "() => Object.fromEntries(Object.entries(localStorage)"
        ".filter(([key]) => !key.startsWith('/.__')))"
    )


def seed(page, entries: dict[str, str]) -> None:
    page.evaluate(
        "entries => { for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v); }",
        entries,
    )


def test_clear_removes_the_tool_s_set_aside_copies_and_backup_note_and_undo_restores_them(
    page, base_url
):
    mine = {
        storage_key(SLUG): record({"workforce_diversity": "yes"}),
        storage_key(SLUG) + ":corrupt:1700000000000": "{broken",
        storage_key(SLUG) + ":v0:1700000000001": record({"old_item": "no"}),
        PREFIX + "backup:" + SLUG: json.dumps({"at": "2026-11-19T08:00:00Z", "of": "x"}),
    }
    others = {
        storage_key(OTHER): record({"a": "b"}),
        PREFIX + "backup:" + OTHER: "{}",
        ANOTHER_COPY: record({"workforce_diversity": "no"}),
    }
    open_tool(page, base_url, SLUG)
    seed(page, {**mine, **others})
    page.reload()
    page.locator("form.tool-form.is-ready").wait_for()
    expect(page.locator(".tool-kept")).to_contain_text("Saved answers this browser could not read")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear answers").click()
    expect(message(page)).to_contain_text("Answers cleared.")
    assert local_storage(page) == others
    expect(page.locator(".tool-kept")).to_be_hidden()
    expect(page.locator(".tool-backup")).to_be_hidden()

    page.get_by_role("button", name="Undo clear").click()
    expect(message(page)).to_contain_text("Your answers are back.")
    after = local_storage(page)
    assert json.loads(after.pop(storage_key(SLUG))) == json.loads(mine[storage_key(SLUG)])
    assert after == {k: v for k, v in {**mine, **others}.items() if k != storage_key(SLUG)}
    expect(page.locator(".tool-kept")).to_contain_text("Saved answers this browser could not read")

    # Only set-aside copies left (the form is empty): Clear still offers to remove them.
    seed(page, {storage_key(SLUG) + ":corrupt:1700000000002": "{x"})
    page.evaluate("key => localStorage.removeItem(key)", storage_key(SLUG))
    page.reload()
    page.locator("form.tool-form.is-ready").wait_for()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear answers").click()
    expect(message(page)).to_contain_text("Answers cleared.")
    assert local_storage(page) == others


def test_clear_all_on_the_index_removes_this_copy_s_keys_only_and_undo_restores_them(
    page, base_url
):
    mine = {
        storage_key(SLUG): record({"workforce_diversity": "yes"}),
        storage_key(OTHER) + ":corrupt:1700000000000": "{broken",
        PREFIX + "backup:" + SLUG: json.dumps({"at": "2026-11-19T08:00:00Z", "of": "x"}),
        PREFIX + "snapshots": json.dumps(
            [{"name": "Baseline", "taken": "2026-11-01T08:00:00Z", "tools": {}}]
        ),
        PREFIX + "member": "Chief Ramos",
    }
    others = {ANOTHER_COPY: record({"workforce_diversity": "no"}), "unrelated-key": "1"}
    page.goto(base_url + "tools/")
    page.locator(".tool-all.is-ready").wait_for()
    seed(page, {**mine, **others})
    page.reload()
    page.locator(".tool-all.is-ready").wait_for()
    progress = page.locator(f'[data-progress="{SLUG}"]')
    expect(progress).to_contain_text("1 of")

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Clear all answers in this browser").click()
    assert local_storage(page) == {**mine, **others}

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear all answers in this browser").click()
    expect(message(page)).to_contain_text("All answers cleared from this browser.")
    assert local_storage(page) == others
    expect(progress).to_have_text("Not started")
    expect(page.locator("#tool-member")).to_have_value("")

    page.get_by_role("button", name="Undo clear").click()
    expect(message(page)).to_contain_text("Your answers are back.")
    assert local_storage(page) == {**mine, **others}
    expect(progress).to_contain_text("1 of")
    expect(page.locator("#tool-member")).to_have_value("Chief Ramos")


def test_loading_several_tools_writes_all_or_none(browser, base_url):
    """The browser refuses to store the second tool (as with a full quota): the first tool's
    saved answers stay exactly as they were and the second is not written."""
    before = record({"safe_secure_space": "yes"})
    with watched_page(browser, base_url) as page:
        page.context.add_init_script(f"""(() => {{
            const setItem = Storage.prototype.setItem;
            Storage.prototype.setItem = function (key, value) {{
                if (key === {json.dumps(storage_key(SLUG))}) throw new DOMException('full', 'QuotaExceededError');
                return setItem.call(this, key, value);
            }};
        }})()""")
        page.goto(base_url + "tools/")
        page.locator(".tool-all.is-ready").wait_for()
        seed(page, {storage_key(OTHER): before})
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_label("Load answers from a file").set_input_files(
            file_payload(
                answers_file(
                    {OTHER: {"answers": {}}, SLUG: {"answers": {"workforce_diversity": "no"}}}
                )
            )
        )
        expect(message(page)).to_contain_text("none of them were loaded")
        assert local_storage(page) == {storage_key(OTHER): before}
