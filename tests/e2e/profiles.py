"""Browser profiles for the Chromium tests."""

from __future__ import annotations

from playwright.sync_api import Browser, BrowserContext
from site_build import WHOLE_SEARCH_INDEX_HEADER

# Every new profile would register the site's service worker, which downloads and hashes the
# whole site (about 55 files) in the background. Only the offline tests need it
# (test_offline_browser.py makes its own contexts), so these profiles have none: registering is
# refused the way a browser with site storage blocked refuses it (the site then works online).
NO_SERVICE_WORKER_JS = """if (self.ServiceWorkerContainer) {
  ServiceWorkerContainer.prototype.register = () => Promise.reject(new DOMException(
    'No service worker in this test profile (tests/e2e/conftest.py)', 'SecurityError'));
}"""


def new_context(browser: Browser, *, searchable: bool = False, **options) -> BrowserContext:
    """A fresh profile (accepting downloads) in which the site registers no service worker and,
    unless `searchable`, the search index has no pages (tests/site_build.py says why)."""
    if searchable:
        options["extra_http_headers"] = {WHOLE_SEARCH_INDEX_HEADER: "yes"}
    context = browser.new_context(accept_downloads=True, **options)
    context.add_init_script(NO_SERVICE_WORKER_JS)
    return context
