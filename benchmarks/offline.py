"""Offline figures: what the service worker stores (gzip), and how long a first visit takes to
make the whole site available offline."""

from __future__ import annotations

from pathlib import Path

from macros.offline import precache_files

from .assets import gzip_size
from .browser import fresh_page
from .build import BenchError
from .report import KB, Figure, Spec, at_most, median

# 1 MB was set for a site of about 0.5 MB, before the PDF library (about 250 KB) and the tagged
# tool PDFs with their embedded fonts (about 420 KB) had to be stored as well.
PRECACHE_SIZE = Spec(
    "offline_precache_gzip_bytes",
    "Offline copy: every file sw.js stores (each gzip -9, summed)",
    "B",
    at_most(1280 * KB),
)
OFFLINE_READY = Spec(
    "offline_ready_ms",
    "First visit to available offline (Tool 9 page, "
    "navigation start to the worker's install complete)",
    "ms",
    at_most(3000),
)
OFFLINE_RUNS = 5
PDF_LIBRARY_URL = "javascripts/vendor/pdf-lib.esm.min.js"

# Milliseconds from navigation start until the site's worker is active (everything stored).
READY_JS = """() => Promise.race([
  navigator.serviceWorker.ready.then(() => performance.now()),
  new Promise((done) => setTimeout(() => done(null), 30000)),
])"""


def precache_figure(site: Path) -> Figure:
    files = precache_files(site)
    if PDF_LIBRARY_URL not in files:
        raise BenchError(f"the built site has no {PDF_LIBRARY_URL} to store")
    gzipped = {url: gzip_size(path.read_bytes()) for url, path in files.items()}
    raw = sum(path.stat().st_size for path in files.values())
    pdfs = sum(size for url, size in gzipped.items() if url.endswith(".pdf"))
    return PRECACHE_SIZE.measured(
        sum(gzipped.values()),
        1,
        f"{len(files)} files, raw {raw:,} B; the PDF library is "
        f"{gzipped[PDF_LIBRARY_URL]:,} B of it and the tool PDFs {pdfs:,} B; "
        "sizes are deterministic, n = 1",
    )


def offline_ready_figure(base: str, tool: dict, launch: dict) -> Figure:
    """First visits to the tool's page, each in a fresh profile."""
    from playwright.sync_api import sync_playwright

    url = f"{base}tools/{tool['slug']}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(headless=True, **launch)
        try:
            samples = [_first_visit_ready_ms(browser, url) for _ in range(OFFLINE_RUNS)]
        finally:
            browser.close()
    return OFFLINE_READY.measured(
        median(samples),
        len(samples),
        "a fresh profile each run; served from loopback, so network time is near zero",
        samples=samples,
    )


def _first_visit_ready_ms(browser, url: str) -> float:
    with fresh_page(browser) as page:
        page.goto(url, wait_until="load")
        ready_ms = page.evaluate(READY_JS)
    if ready_ms is None:
        raise BenchError(f"{url}: the service worker was not active 30 s after the first visit")
    return ready_ms
