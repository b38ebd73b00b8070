"""Browser figures: the built site on a loopback server, driven by Playwright and by Lighthouse."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from devkit.forms import ANSWER_FORM_JS
from devkit.server import QuietServer

from .build import BenchError

MOUNT_MEASURE = "ps-cope:mount"
PDF_FILL_MEASURE = "ps-cope:pdf-fill"
PDF_READ_MEASURE = "ps-cope:pdf-read"
INPUT_MEASURE = "ps-cope:input"
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices")
LIGHTHOUSE_CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu "
    "--disable-background-networking --disable-component-update "
    "--disable-sync"
)
LIGHTHOUSE_TIMEOUT_S = 240
INSTRUMENTATION_WAIT_MS = 5000
SCORED = ("binary", "numeric")  # Lighthouse audit modes that carry a score
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}

# How many of the given field names show an answer in the form.
COUNT_ANSWERED_JS = """(names) => names.filter(name => [...document.getElementsByName(name)]
  .some(c => ['radio', 'checkbox'].includes(c.type) ? c.checked : c.value !== '')).length"""

LAST_MEASURE_JS = """(name) => {
  const entries = performance.getEntriesByName(name, 'measure');
  return entries.length ? entries[entries.length - 1].duration : null;
}"""

# Browser baseline: milliseconds to parse this page's own HTML with DOMParser.
PARSE_PAGE_JS = """() => {
  const html = document.documentElement.outerHTML;
  const start = performance.now();
  new DOMParser().parseFromString(html, 'text/html');
  return performance.now() - start;
}"""


class _StaticHostHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site like a static host does: text files gzip-compressed, no request log."""

    def log_message(self, *args):
        pass

    def _compressible_file(self) -> Path | None:
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return None
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        return path if path.suffix in COMPRESSIBLE and path.is_file() else None

    def send_head(self):
        path = self._compressible_file()
        if path is None:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 at a free port, as its base URL."""
    handler = functools.partial(_StaticHostHandler, directory=str(site))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


# Bytes a page loaded for itself (HTML, CSS, JS, as sent: gzip), the site's search index left out.
PAGE_BYTES_JS = """() => [...performance.getEntriesByType('navigation'),
    ...performance.getEntriesByType('resource')]
  .filter(e => !new URL(e.name).pathname.includes('/search/'))
  .reduce((n, e) => n + e.encodedBodySize, 0)"""


@contextlib.contextmanager
def fresh_page(browser, **context_options) -> Iterator:
    """A page in a new browser context (nothing cached or stored), closed afterwards."""
    context = browser.new_context(**context_options)
    try:
        yield context.new_page()
    finally:
        context.close()


def page_bytes(browser, url: str) -> int:
    """What loading `url` in a fresh context transferred (bodies, as encoded on the wire)."""
    with fresh_page(browser) as page:
        page.goto(url, wait_until="networkidle")
        return page.evaluate(PAGE_BYTES_JS)


def _local_storage(page) -> str:
    return page.evaluate("() => JSON.stringify(Object.entries(localStorage).sort())")


def _wait_for_storage_change(page, before: str, timeout_s: float = 5.0) -> None:
    """Wait until localStorage differs from `before` and stays the same for 0.3 s."""
    deadline = time.monotonic() + timeout_s
    last, stable_since = before, time.monotonic()
    while time.monotonic() < deadline:
        page.wait_for_timeout(50)
        now = _local_storage(page)
        if now != last:
            last, stable_since = now, time.monotonic()
        elif now != before and time.monotonic() - stable_since >= 0.3:
            return
    if last == before:
        raise BenchError("answering every field did not change localStorage (no autosave?)")


def seed_answers(page, url: str, answers: dict[str, str]) -> None:
    """Answer every field through the form so its autosave stores a complete record."""
    page.goto(url, wait_until="networkidle")
    before = _local_storage(page)
    missing = page.evaluate(ANSWER_FORM_JS, answers)
    if missing:
        raise BenchError(f"the form has no control for {len(missing)} fields, e.g. {missing[:3]}")
    _wait_for_storage_change(page, before)


def read_measure(page, name: str, timeout_ms: int = INSTRUMENTATION_WAIT_MS) -> float:
    """The duration of the page's last performance.measure `name`, once there is one."""
    try:
        handle = page.wait_for_function(LAST_MEASURE_JS, arg=name, timeout=timeout_ms)
    except PlaywrightTimeout as exc:
        raise BenchError(f"not instrumented: no performance.measure '{name}' entry") from exc
    return handle.json_value()


def page_parse_ms(page) -> float:
    """The browser baseline: milliseconds to parse the current page's HTML with DOMParser."""
    return page.evaluate(PARSE_PAGE_JS)


@dataclass
class RestoreTimings:
    mount_ms: list[float] = field(default_factory=list)
    parse_ms: list[float] = field(default_factory=list)  # the baseline, on the same loads
    answered: int = 0  # fields shown answered after the last load


def measure_restore(page, url: str, names: list[str], loads: int) -> RestoreTimings:
    """Load the page `loads` times with the stored answers; read the mount measure each time."""
    timings = RestoreTimings()
    for _ in range(loads):
        page.goto(url, wait_until="load")
        timings.mount_ms.append(read_measure(page, MOUNT_MEASURE))
        timings.parse_ms.append(page_parse_ms(page))
    timings.answered = page.evaluate(COUNT_ANSWERED_JS, names)
    return timings


@dataclass
class PdfTimings:
    fill_ms: list[float] = field(default_factory=list)  # "Download filled PDF" to the download
    read_ms: list[float] = field(default_factory=list)  # a filled PDF chosen to its answers read


def measure_pdf_round_trip(browser, url: str, answers: dict[str, str], runs: int) -> PdfTimings:
    """Each run in a fresh context (the PDF library not yet cached): seed the answers, make the
    filled PDF, then load that PDF into the form of another fresh context."""
    timings = PdfTimings()
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            with fresh_page(browser, accept_downloads=True) as page:
                seed_answers(page, url, answers)
                with page.expect_download() as download:
                    page.click("button[data-action=pdf]")
                pdf = Path(tmp) / f"filled-{run}.pdf"
                download.value.save_as(pdf)
                timings.fill_ms.append(read_measure(page, PDF_FILL_MEASURE))
            with fresh_page(browser) as page:
                page.goto(url, wait_until="networkidle")
                page.set_input_files("#tool-import", str(pdf))
                timings.read_ms.append(read_measure(page, PDF_READ_MEASURE))
    return timings


@dataclass
class KeystrokeTimings:
    input_ms: list[float]  # one per input handler run
    parse_ms: list[float]  # the baseline, on the same page


def measure_keystrokes(
    page, url: str, textarea: str, text: str, baseline_runs: int = 5
) -> KeystrokeTimings:
    """Type `text` into the named textarea and read the input handler's measures."""
    page.goto(url, wait_until="networkidle")
    page.evaluate(f"() => performance.clearMeasures({json.dumps(INPUT_MEASURE)})")
    page.locator(f'textarea[name="{textarea}"]').press_sequentially(text, delay=10)
    page.wait_for_timeout(200)
    durations = page.evaluate(
        f"() => performance.getEntriesByName({json.dumps(INPUT_MEASURE)}, 'measure')"
        ".map(e => e.duration)"
    )
    if not durations:
        raise BenchError(f"not instrumented: typing made no performance.measure '{INPUT_MEASURE}'")
    return KeystrokeTimings(durations, [page_parse_ms(page) for _ in range(baseline_runs)])


@dataclass(frozen=True)
class LighthouseRun:
    scores: dict[str, float]  # category → score 0–1
    short_of_full: dict[str, list[str]]  # category → weighted audits that scored below 1


def _audits_short_of_full(report: dict, category: str) -> list[str]:
    audits = report["audits"]
    return [
        ref["id"]
        for ref in report["categories"][category]["auditRefs"]
        if ref.get("weight")
        and audits[ref["id"]]["scoreDisplayMode"] in SCORED
        and audits[ref["id"]]["score"] < 1
    ]


def run_lighthouse(lighthouse: Path, chrome: str, url: str) -> LighthouseRun:
    """One Lighthouse run with its mobile defaults."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        command = [
            str(lighthouse),
            url,
            "--output=json",
            f"--output-path={out}",
            "--quiet",
            f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
            f"--chrome-flags={LIGHTHOUSE_CHROME_FLAGS}",
        ]
        env = {**os.environ, "CHROME_PATH": chrome}
        done = subprocess.run(
            command,
            check=False,
            capture_output=True,
            text=True,
            env=env,
            timeout=LIGHTHOUSE_TIMEOUT_S,
        )
        if done.returncode != 0 or not out.exists():
            tail = " / ".join(done.stderr.strip().splitlines()[-3:])
            raise BenchError(f"Lighthouse failed on {url}: {tail}")
        report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise BenchError(f"Lighthouse on {url}: {report['runtimeError'].get('message')}")
    scores = {c: report["categories"][c]["score"] for c in LIGHTHOUSE_CATEGORIES}
    if None in scores.values():
        raise BenchError(f"Lighthouse on {url} gave no score for some category: {scores}")
    short = {c: _audits_short_of_full(report, c) for c in LIGHTHOUSE_CATEGORIES}
    return LighthouseRun(scores, short)
