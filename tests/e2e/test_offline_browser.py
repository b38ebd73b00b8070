"""Offline use in real Chromium, as a project site: the built site served at /repo/ beside
another copy at /other/ on the same origin (its own worker, caches and answers). After one visit
the server is stopped (Chromium's offline switch does not cover a worker's own fetches) and pages,
search, forms, answers files and PDFs must still work; then new builds are served: an update
keeps an answer typed a moment before switching, a tampered file is refused, the dev server's
worker removes a stored copy, and the neighbour keeps everything it had. Where no worker can
run (refused, missing, a plain-HTTP intranet address) the site works online and says so."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from axe import colour_violations, switch_to_dark_scheme, wcag_violations
from browser import chromium_launch_options
from playwright.sync_api import expect
from tool_form import answers_file, file_payload
from watch import PageWatch

from devkit.server import QuietServer
from macros.load import load_tool
from macros.offline import write_worker
from macros.pdf_answers import read_pdf_answers

# One test worker (pytest -n) builds the three sites this module serves.
pytestmark = pytest.mark.xdist_group("offline-builds")

ROOT = Path(__file__).resolve().parents[2]
SLUG = "02-safe-secure-environment"
TOOL = load_tool(ROOT / "tools" / f"{SLUG}.yml")
PDF = "pdf/ps-cope-tool-02-safe-secure-environment.pdf"
NOTES = "checklist_notes"
OLD_NAME, NEW_NAME = "PS-COPE Toolkit", "PS-COPE Toolkit (updated)"
LOAD = "Load answers from a file"
FORM = f'form.tool-form.is-ready[data-tool="{SLUG}"]'
OFFER = ".ps-offline-offer"
INTRANET = "toolkit.intranet.test"  # resolved to 127.0.0.1: a plain-HTTP address, not loopback
UPDATE_TIMEOUT_MS = 15000
# What Chromium logs for any page served with status 404, online or offline.
NOT_FOUND_LOGGED = "Failed to load resource: the server responded with a status of 404 (Not Found)"
OFFER_BUTTONS = ".ps-offline-offer button"

# Resolves once this page is controlled by its site's worker, whose precache is then complete.
OFFLINE_READY_JS = """async () => {
  const sw = navigator.serviceWorker;
  const ready = (async () => {
    const reg = await sw.ready;
    if (!sw.controller) {
      await new Promise((done) => sw.addEventListener('controllerchange', done, { once: true }));
    }
    return reg.active.scriptURL;
  })();
  const late = new Promise((_, fail) => setTimeout(() => fail(new Error('no worker')), 15000));
  return Promise.race([ready, late]);
}"""
# Notes when a key is next pressed, where the reloaded page can read it (sessionStorage).
# Types an answer and chooses "Reload now" in one task, so the autosave's 500 ms timer cannot
# have run; returns what was stored for that field at that moment.
TYPE_AND_SWITCH_JS = """([name, text, key]) => {
  const box = document.querySelector(`form.tool-form [name="${name}"]`);
  box.value = text;
  box.dispatchEvent(new Event('input', { bubbles: true }));
  const stored = JSON.parse(localStorage.getItem(key) || '{"answers": {}}').answers[name];
  [...document.querySelectorAll('.ps-offline-offer button')]
    .find((button) => button.textContent === 'Reload now').click();
  return stored === undefined ? null : stored;
}"""
# Whether this page's site has a new worker installed and waiting to take over.
WAITING_WORKER_JS = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  return Boolean(registration && registration.waiting);
}"""
# Waits (up to 5 s) until this page's site has no worker registered.
NO_REGISTRATION_JS = """async () => {
  for (let i = 0; i < 50; i++) {
    if (!(await navigator.serviceWorker.getRegistration())) return true;
    await new Promise((done) => setTimeout(done, 100));
  }
  return false;
}"""
CACHES_JS = "async () => (await caches.keys()).sort()"
# Counts the page's own checks for a new version (registration.update()).
COUNT_UPDATES_JS = """window.__updateChecks = 0;
if (self.ServiceWorkerRegistration) {
  const update = ServiceWorkerRegistration.prototype.update;
  ServiceWorkerRegistration.prototype.update = function () {
    window.__updateChecks += 1;
    return update.call(this);
  };
}"""
# Every cache of the origin with the URLs it holds.
CACHE_CONTENTS_JS = """async () => {
  const out = {};
  for (const name of await caches.keys()) {
    out[name] = (await (await caches.open(name)).keys()).map((r) => r.url).sort();
  }
  return out;
}"""
STORAGE_JS = "(start) => Object.entries(localStorage).filter(([k]) => k.startsWith(start)).sort()"
# Asks for an update and waits for the new worker's install to end: 'installed' or 'redundant'.
UPDATE_JS = """async () => {
  const reg = await navigator.serviceWorker.getRegistration();
  const found = new Promise((done) => reg.addEventListener('updatefound',
    () => done(reg.installing), { once: true }));
  await reg.update();
  let late15s = false;
  const late = new Promise((done) => setTimeout(() => { late15s = true; done(null); }, 15000));
  const worker = await Promise.race([found, late]);
  while (worker && worker.state === 'installing' && !late15s) {
    const changed = new Promise((done) => worker.addEventListener('statechange', done));
    await Promise.race([late, changed]);
  }
  return worker ? worker.state : 'no update found in 15 s';
}"""
# Browsers that refuse service workers (site storage blocked), and browsers without them.
REFUSE_WORKERS_JS = """if (self.ServiceWorkerContainer) {
  ServiceWorkerContainer.prototype.register = () => Promise.reject(
    new DOMException('The user denied permission to use Service Worker.', 'SecurityError'));
}"""
NO_WORKERS_JS = """if (self.Navigator) {
  Object.defineProperty(Navigator.prototype, 'serviceWorker', { get: () => undefined });
}"""
# Other caches on the origin that are not this copy's: a user site at the root, a site nested in
# a folder of ours, and another tool's.
NEIGHBOUR_CACHES = [
    "ps-cope|/|0123456789abcdef",
    "ps-cope|/repo/nested/|0123456789abcdef",
    "workbox-precache-v2-{url}repo/",
]


# A page at this path under the site is answered (with an empty page) only once RELEASE is set: a
# navigation to it keeps the worker that controls the page busy (a fetch in flight) until then.
HELD_PAGE = "held/"
RELEASE = threading.Event()


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with GitHub Pages' caching header (max-age=600), without a request log;
    HELD_PAGE is answered once RELEASE is set."""

    def do_GET(self):
        if not self.path.endswith("/" + HELD_PAGE):
            super().do_GET()
            return
        RELEASE.wait(60)
        body = b"<!doctype html><title>Held</title>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, *args):
        pass


class Origin:
    """One loopback origin: `www/repo` (a link to the build being served) and `www/other`.
    `stop()` closes the port as a dead network would; `start()` opens the same port again."""

    def __init__(self, tmp: Path):
        self.www = tmp / "www"
        self.www.mkdir()
        self._server = self._bind(0)
        self.running = False
        self.port = self._server.server_port
        self.url = f"http://127.0.0.1:{self.port}/"
        self.repo = self.url + "repo/"
        self.other = self.url + "other/"

    def _bind(self, port: int):
        handler = functools.partial(_Handler, directory=str(self.www))
        return QuietServer(("127.0.0.1", port), handler)

    def start(self) -> None:
        if self._server is None:
            self._server = self._bind(self.port)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.running = True

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._server = None
        self.running = False

    def serve_repo(self, build: Path) -> None:
        link = self.www / "repo.new"
        link.unlink(missing_ok=True)
        link.symlink_to(build, target_is_directory=True)
        os.replace(link, self.www / "repo")


def build(site_url: str, out: Path, site_name: str = OLD_NAME) -> Path:
    env = {**os.environ, "SITE_URL": site_url, "SITE_NAME": site_name, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return out


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    """The origin with /repo/ (build v1) and /other/ (another copy) served; builds v2 (a new
    site name on every page), v2 with one page tampered after the build, and v2 as `mkdocs
    serve` writes its worker, kept ready to serve at /repo/."""
    tmp = tmp_path_factory.mktemp("offline")
    origin = Origin(tmp)
    origin.v1 = build(origin.repo, tmp / "v1")  # warms the PDF cache for the other two
    with ThreadPoolExecutor(2) as pool:
        v2 = pool.submit(build, origin.repo, tmp / "v2", NEW_NAME)
        other = pool.submit(build, origin.other, origin.www / "other")
        origin.v2, _ = v2.result(), other.result()
    origin.tampered = shutil.copytree(origin.v2, tmp / "v2-tampered", symlinks=True)
    with open(origin.tampered / "introduction" / "index.html", "a", encoding="utf-8") as page:
        page.write("<!-- changed after the build -->\n")
    origin.dev = shutil.copytree(origin.v2, tmp / "v2-dev", symlinks=True)
    write_worker(origin.dev, serving=True)
    origin.serve_repo(origin.v1)
    origin.start()
    yield origin
    origin.stop()


@pytest.fixture
def site(origin):
    """The origin as each test expects to find it (v1 at /repo/, server up), and leaves it."""
    yield origin
    if not origin.running:
        origin.start()
    origin.serve_repo(origin.v1)


@contextmanager
def browsing(browser, origin: Origin, console_errors: tuple[str, ...] = ()):
    """A fresh profile whose pages fail the test on console errors (but those expected, in
    order) or third-party requests."""
    context = browser.new_context(accept_downloads=True)
    watches = []

    def watched(page):
        watches.append(PageWatch(page, origin.url))

    context.on("page", watched)
    try:
        yield context
        assert [e for watch in watches for e in watch.errors] == list(console_errors)
        for watch in watches:
            assert watch.foreign_requests == [], f"other hosts: {watch.foreign_requests}"
    finally:
        context.close()


def open_offline_ready(context, url: str):
    """A new page at `url`, once its site's worker controls it (everything stored)."""
    page = context.new_page()
    page.goto(url)
    page.evaluate(OFFLINE_READY_JS)
    return page


def version(build_dir: Path) -> str:
    return re.search(r"const VERSION = '([0-9a-f]+)';", (build_dir / "sw.js").read_text())[1]


OWN_CACHES = "ps-cope|/repo/|"  # how the caches of the copy at /repo/ are named


def own_caches(page) -> list[str]:
    return [name for name in page.evaluate(CACHES_JS) if name.startswith(OWN_CACHES)]


def own_stored_urls(page) -> list[str]:
    """Every URL stored in a cache of the copy at /repo/ (one read of every cache)."""
    contents = page.evaluate(CACHE_CONTENTS_JS)
    return [url for name, urls in contents.items() if name.startswith(OWN_CACHES) for url in urls]


def open_tool(page, base: str) -> None:
    page.goto(f"{base}tools/{SLUG}/")
    page.locator(FORM).wait_for()


def notes(page):
    return page.locator(f'form.tool-form textarea[name="{NOTES}"]')


def wait_stored(page, name: str, value: str) -> None:
    page.wait_for_function(
        """([key, name, value]) => {
            const raw = localStorage.getItem(key);
            return raw !== null && JSON.parse(raw).answers[name] === value;
        }""",
        arg=[f"ps-cope:/repo/:{SLUG}", name, value],
        polling=50,
    )


def shown_site_name(page) -> str:
    return page.locator(".md-header__topic").first.inner_text().strip()


# ---------------------------------------------------------------------------- offline


def test_after_one_visit_pages_search_and_404_work_with_the_server_stopped(browser, site):
    """Verify that after one visit to the home page, with the server stopped: instant
    navigation, a reload, a tools/index.html URL, search, the schema, the tools index (which
    fetches tools/specs.json), the privacy page's status and an unknown URL (the site's 404
    page, status 404) all work from the stored copy."""
    with browsing(browser, site, console_errors=(NOT_FOUND_LOGGED,)) as context:
        page = open_offline_ready(context, site.repo)
        assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == site.repo + "sw.js"
        site.stop()

        page.evaluate("window.__sameDocument = true")
        page.get_by_role("link", name="The 13 tools").first.click()
        page.wait_for_url("**/repo/tools/")
        expect(page.get_by_role("heading", name="The 13 tools", level=1)).to_be_visible()
        page.locator(".tool-all.is-ready").wait_for()
        assert page.evaluate("window.__sameDocument") is True

        page.reload()
        expect(page.get_by_role("heading", name="The 13 tools", level=1)).to_be_visible()
        assert page.evaluate("window.__sameDocument") is None
        page.goto(site.repo + "tools/index.html")
        page.locator(".tool-all.is-ready").wait_for()

        page.keyboard.press("/")
        page.keyboard.type("procedural justice")
        result = page.locator(".md-search-result__item").first
        result.wait_for()
        assert "justice" in result.inner_text().lower()

        schema = page.evaluate("fetch('../schemas/answers-v1.schema.json').then((r) => r.json())")
        assert schema["properties"]["format"]["const"] == "ps-cope-answers"

        page.goto(site.repo + "privacy/")
        status = page.locator("[data-offline-status]")
        expect(status).to_have_attribute("data-state", "offline")
        expect(status).to_have_text(re.compile(r"^This browser keeps a copy of this site"))

        response = page.goto(site.repo + "no-such-page/")
        assert response.status == 404
        expect(page.get_by_role("heading", name="404 - Not found")).to_be_visible()
        expect(page.locator(OFFER_BUTTONS)).to_have_count(0)


def test_forms_answers_files_pdfs_and_team_results_work_with_the_server_stopped(
    browser, site, tmp_path
):
    """Verify that with the server stopped after one visit to a tool page: an answer survives a
    reload, an answers file loads, the fillable PDF (an `<a download>` link) downloads byte for
    byte, a filled PDF is made with the answers (the PDF library, never loaded online), and
    Team results reads a member's answers file and that filled PDF."""
    with browsing(browser, site) as context:
        page = open_offline_ready(context, site.repo + f"tools/{SLUG}/")
        site.stop()

        notes(page).fill("Typed offline")
        wait_stored(page, NOTES, "Typed offline")
        page.reload()
        page.locator(FORM).wait_for()
        expect(notes(page)).to_have_value("Typed offline")

        page.once("dialog", lambda dialog: dialog.accept())  # replace the answers typed above?
        page.get_by_label(LOAD).set_input_files(
            file_payload(answers_file({SLUG: {"answers": {"recognizes_trauma": "no"}}}))
        )
        expect(page.locator(f'{FORM} input[name="recognizes_trauma"][value="no"]')).to_be_checked()
        expect(notes(page)).to_have_value("")  # the file replaces the answers
        wait_stored(page, "recognizes_trauma", "no")

        with page.expect_download() as fillable:
            page.get_by_role("link", name="Download fillable PDF").click()
        assert fillable.value.suggested_filename == PDF.split("/")[-1]
        assert Path(fillable.value.path()).read_bytes() == (site.v1 / PDF).read_bytes()

        with page.expect_download() as filled:
            page.locator("form.tool-form button[data-action=pdf]").click()
        filled_pdf = tmp_path / "filled.pdf"
        filled.value.save_as(filled_pdf)
        assert read_pdf_answers(filled_pdf.read_bytes(), TOOL) == {"recognizes_trauma": "no"}

        page.goto(site.repo + "tools/team/")
        page.locator(".team.is-ready").wait_for()
        page.get_by_label("Choose the members’ files").set_input_files(
            [
                file_payload(answers_file({SLUG: {"answers": {"recognizes_trauma": "yes"}}})),
                {
                    "name": "filled.pdf",
                    "mimeType": "application/pdf",
                    "buffer": filled_pdf.read_bytes(),
                },
            ]
        )
        expect(page.locator(".team-files tbody tr")).to_have_count(2)


# ---------------------------------------------------------------------------- updates


def test_update_keeps_an_answer_typed_just_before_switching_and_spares_the_neighbour(
    browser, site
):
    """Verify that when a new build is served: the old version keeps serving while the page
    offers the new one politely (a status region whose contents pass WCAG 2.2 AA in light and
    dark schemes); "Reload now", chosen as an answer is typed (not saved yet), switches, and the
    reloaded page shows the typed answer and the new build; only this copy's old cache is
    deleted; other tabs are not reloaded but told: in one, its next link loads a whole page of
    the new version; in another, the offer is reached with Shift+Tab and Enter reloads it; the
    copy at /other/ keeps its caches and answers, and so do caches of other sites on the
    origin."""
    with browsing(browser, site) as context:
        other = open_offline_ready(context, site.other + f"tools/{SLUG}/")
        other.locator(FORM).wait_for()
        other.locator(f'textarea[name="{NOTES}"]').fill("The other copy's answer")
        other.wait_for_function(
            "key => (localStorage.getItem(key) || '').includes('other copy')",
            arg=f"ps-cope:/other/:{SLUG}",
            polling=50,
        )
        other.evaluate(
            """async (names) => {
            for (const name of names) (await caches.open(name)).put('/x', new Response('x'));
        }""",
            [name.format(url=site.url) for name in NEIGHBOUR_CACHES],
        )
        neighbour = other.evaluate(CACHE_CONTENTS_JS)
        neighbour_answers = other.evaluate(STORAGE_JS, "ps-cope:/other/:")
        other.close()

        page = open_offline_ready(context, site.repo + f"tools/{SLUG}/")
        page.locator(FORM).wait_for()
        assert own_caches(page) == [f"{OWN_CACHES}{version(site.v1)}"]
        tab = context.new_page()
        tab.goto(site.repo + "introduction/")
        tab.evaluate("window.__sameDocument = true")
        keyboard_tab = context.new_page()
        keyboard_tab.goto(site.repo + "acronyms/")

        site.serve_repo(site.v2)
        page.reload()  # a navigation checks for a new worker (Chromium: a few seconds later)
        offer = page.locator(OFFER)
        expect(offer).to_have_text(
            re.compile("^A new version of this site is ready"), timeout=UPDATE_TIMEOUT_MS
        )
        assert offer.get_attribute("role") == "status"
        assert shown_site_name(page) == OLD_NAME  # still the version in use
        expect(tab.locator(OFFER)).to_have_text(re.compile("^A new version of this site is ready"))
        page.evaluate("window.scrollTo(0, 0)")
        assert wcag_violations(page, within=OFFER) == []  # the page itself: test_forms.py
        switch_to_dark_scheme(page)
        assert colour_violations(page, within=OFFER) == []
        page.locator('label[title="Switch to light mode"]').click()

        page.locator(FORM).wait_for()
        with page.expect_event("load"):  # a reload (not Material's same-page navigations)
            stored_then = page.evaluate(
                TYPE_AND_SWITCH_JS,
                [NOTES, "Typed just before switching", f"ps-cope:/repo/:{SLUG}"],
            )
        assert stored_then is None
        page.locator(FORM).wait_for()
        expect(notes(page)).to_have_value("Typed just before switching")
        assert shown_site_name(page) == NEW_NAME
        expect(page.locator(OFFER_BUTTONS)).to_have_count(0)
        assert own_caches(page) == [f"{OWN_CACHES}{version(site.v2)}"]

        assert tab.evaluate("window.__sameDocument") is True  # not reloaded
        expect(tab.locator(OFFER)).to_have_text(
            re.compile("^This site was updated in another tab")
        )
        tab.get_by_role("link", name="Conclusion").first.click()
        tab.wait_for_url("**/repo/conclusion/")
        expect(tab.locator(".md-header__topic").first).to_have_text(NEW_NAME)
        assert tab.evaluate("window.__sameDocument") is None  # a whole page, the new version

        expect(keyboard_tab.locator(OFFER)).to_have_text(
            re.compile("^This site was updated in another tab")
        )
        keyboard_tab.keyboard.press("Shift+Tab")  # from the top of the page: the last control
        keyboard_tab.keyboard.press("Shift+Tab")
        assert keyboard_tab.evaluate("document.activeElement.textContent") == "Reload now"
        with keyboard_tab.expect_event("load"):
            keyboard_tab.keyboard.press("Enter")
        expect(keyboard_tab.locator(".md-header__topic").first).to_have_text(NEW_NAME)

        everything = page.evaluate(CACHE_CONTENTS_JS)
        assert {name: everything.get(name) for name in neighbour} == neighbour
        assert page.evaluate(STORAGE_JS, "ps-cope:/other/:") == neighbour_answers


def test_instant_navigation_looks_for_a_new_version_once_15_minutes_have_passed(browser, site):
    """Verify that as pages change under instant navigation (no page load, so the browser does
    not look by itself), a new build is looked for only once 15 minutes have passed since the
    last look, and then offered."""
    with browsing(browser, site) as context:
        context.clock.install()
        context.add_init_script(COUNT_UPDATES_JS)
        page = open_offline_ready(context, site.repo)
        page.evaluate("window.__sameDocument = true")
        site.serve_repo(site.v2)
        page.get_by_role("link", name="The 13 tools").first.click()
        page.wait_for_url("**/repo/tools/")
        page.locator(".tool-all.is-ready").wait_for()  # the new page is shown: had it looked, then
        assert page.evaluate("window.__updateChecks") == 0
        expect(page.locator(OFFER_BUTTONS)).to_have_count(0)

        page.clock.fast_forward(15 * 60 * 1000)
        page.get_by_role("link", name="Introduction").first.click()
        page.wait_for_url("**/repo/introduction/")
        expect(page.locator(OFFER)).to_have_text(
            re.compile("^A new version of this site is ready"), timeout=UPDATE_TIMEOUT_MS
        )
        assert page.evaluate("window.__sameDocument") is True
        assert page.evaluate("window.__updateChecks") == 1


def test_a_file_that_does_not_match_its_hash_fails_the_update(browser, site):
    """Verify that a new build with one page changed after the build fails to install: the
    current version keeps serving and stays the only cache, nothing is offered; and a first
    visit to that build keeps working online, saying plainly that no copy is kept."""
    with browsing(browser, site) as context:
        page = open_offline_ready(context, site.repo)
        site.serve_repo(site.tampered)
        assert page.evaluate(UPDATE_JS) == "redundant"
        assert own_caches(page) == [f"{OWN_CACHES}{version(site.v1)}"]
        page.reload()
        assert shown_site_name(page) == OLD_NAME
        expect(page.locator(OFFER_BUTTONS)).to_have_count(0)

    with browsing(browser, site) as context:
        page = context.new_page()
        open_tool(page, site.repo)
        assert shown_site_name(page) == NEW_NAME
        notes(page).fill("Saved online")
        wait_stored(page, NOTES, "Saved online")
        page.goto(site.repo + "privacy/")
        expect(page.locator("[data-offline-status]")).to_have_attribute("data-state", "off")
        assert own_caches(page) == []


def test_the_dev_servers_worker_removes_a_stored_copy(browser, site):
    """Verify that the worker `mkdocs serve` writes replaces a built copy's worker on the same
    address: it deletes that copy's cache, unregisters, and the page comes from the server."""
    with browsing(browser, site) as context:
        page = open_offline_ready(context, site.repo)
        site.serve_repo(site.dev)
        page.reload()  # from the stored copy; the check finds the dev server's worker
        # It waits for the old worker to be idle (offline_unregister.js): slow on a busy machine.
        expect(page.locator(".md-header__topic").first).to_have_text(
            NEW_NAME, timeout=2 * UPDATE_TIMEOUT_MS
        )
        assert page.evaluate(NO_REGISTRATION_JS) is True
        assert own_caches(page) == []


def test_the_dev_servers_worker_stops_a_busy_stored_copy_from_serving_pages(browser, site):
    """Verify that while a built copy's worker is too busy to hand over (a page it fetches has
    not arrived), the worker `mkdocs serve` writes has already deleted that copy's cache, so a
    reload comes from the server; and that it takes over once the old worker is idle."""
    RELEASE.clear()
    try:
        with browsing(browser, site) as context:
            page = open_offline_ready(context, site.repo)
            busy = context.new_page()
            busy.goto(site.repo)
            busy.evaluate(
                "src => document.body.append(Object.assign(document.createElement('iframe'), {src}))",
                HELD_PAGE,
            )
            site.serve_repo(site.dev)
            page.reload()  # from the stored copy
            # Chromium defers its own check for a new worker while the old one is busy; the
            # page's check (every 15 minutes) finds the dev server's worker, which waits.
            page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
            page.wait_for_function(WAITING_WORKER_JS, polling=100, timeout=2 * UPDATE_TIMEOUT_MS)
            # Nothing is stored any more. Whether the old copy's cache is still listed, empty, is
            # not the point (one run in about 20 under load found it listed here): the new worker
            # deletes any it finds once active (offline_unregister.js), checked below.
            assert own_stored_urls(page) == []
            page.reload()  # still under the old worker, which finds nothing stored
            assert shown_site_name(page) == NEW_NAME
            assert page.evaluate(WAITING_WORKER_JS) is True  # the old worker was still in charge
            RELEASE.set()  # the old worker idles: the dev server's takes over, reloads pages
            page.wait_for_function(
                "async () => !(await navigator.serviceWorker.getRegistration())",
                polling=100,
                timeout=2 * UPDATE_TIMEOUT_MS,
            )
            after = context.new_page()  # (the worker's reload of `page` may be under way)
            after.goto(site.repo)
            assert shown_site_name(after) == NEW_NAME
            assert own_caches(after) == []
    finally:
        RELEASE.set()


# ---------------------------------------------------------------------------- no worker


def test_without_service_workers_the_site_works_online_and_says_so(browser, site):
    """Verify that where registering a service worker is refused (as with site storage
    blocked) or service workers are missing, answers autosave and reload, the fillable PDF
    downloads, and the privacy page says plainly that the site works online only."""
    for state, init in (("off", REFUSE_WORKERS_JS), ("unsupported", NO_WORKERS_JS)):
        with browsing(browser, site) as context:
            context.add_init_script(init)
            page = context.new_page()
            open_tool(page, site.repo)
            notes(page).fill("Kept without a worker")
            wait_stored(page, NOTES, "Kept without a worker")
            page.reload()
            page.locator(FORM).wait_for()
            expect(notes(page)).to_have_value("Kept without a worker")
            with page.expect_download() as fillable:
                page.get_by_role("link", name="Download fillable PDF").click()
            assert Path(fillable.value.path()).read_bytes() == (site.v1 / PDF).read_bytes()
            page.goto(site.repo + "privacy/")
            status = page.locator("[data-offline-status]")
            expect(status).to_have_attribute("data-state", state)
            expect(status).to_have_text(re.compile("works while you are online"))
            assert own_caches(page) == []


def test_on_a_plain_http_intranet_address_the_site_works_online_and_says_why(browser, site):
    """Verify that on a plain-HTTP address other than loopback (an intranet copy), where
    browsers allow no service worker, answers autosave and reload and the privacy page says the
    copy works online only because its address is not secure."""
    options = chromium_launch_options(browser.browser_type.executable_path)
    options["args"] = [*options["args"], f"--host-resolver-rules=MAP {INTRANET} 127.0.0.1"]
    intranet = browser.browser_type.launch(headless=True, **options)
    base = f"http://{INTRANET}:{site.port}/"
    try:
        page = intranet.new_page()
        watch = PageWatch(page, base)
        open_tool(page, base + "repo/")
        notes(page).fill("Typed on the intranet")
        wait_stored(page, NOTES, "Typed on the intranet")
        page.reload()
        page.locator(FORM).wait_for()
        expect(notes(page)).to_have_value("Typed on the intranet")
        page.goto(base + "repo/privacy/")
        status = page.locator("[data-offline-status]")
        expect(status).to_have_attribute("data-state", "insecure")
        expect(status).to_have_text(re.compile(r"not on a secure \(https://\) address"))
        assert watch.errors == [] and watch.foreign_requests == []
    finally:
        intranet.close()
