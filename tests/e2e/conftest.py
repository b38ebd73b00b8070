"""Browser-test fixtures: build the site once, serve it on loopback, drive it with Chromium."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from browser import chromium_launch_options  # noqa: E402
from watch import PageWatch  # noqa: E402


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> str:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Browser:
    with sync_playwright() as p:
        browser = p.chromium.launch(headless=True, **chromium_launch_options())
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser):
    context = browser.new_context(accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def page(context, base_url: str) -> Page:
    """A fresh page whose console errors and third-party requests fail the test."""
    page = context.new_page()
    watch = PageWatch(page, base_url)
    page.watch = watch
    yield page
    assert watch.errors == [], f"console errors: {watch.errors}"
    assert watch.foreign_requests == [], f"requests to other hosts: {watch.foreign_requests}"
