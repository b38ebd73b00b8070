"""Browser-test fixtures: Chromium, and pages that fail on console errors or foreign requests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/
from browser import chromium_launch_options
from profiles import new_context
from watch import PageWatch


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Browser:
    with sync_playwright() as p:
        browser = p.chromium.launch(
            headless=True, **chromium_launch_options(p.chromium.executable_path)
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser):
    context = new_context(browser)
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
