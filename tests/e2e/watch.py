"""Record what a page did wrong: console errors, uncaught errors, requests to other hosts."""

from __future__ import annotations

from urllib.parse import urlparse

from playwright.sync_api import Page


class PageWatch:
    """Console errors, uncaught page errors and requests to other hosts seen by a page."""

    def __init__(self, page: Page, base_url: str):
        self.errors: list[str] = []
        self.foreign_requests: list[str] = []
        host = urlparse(base_url).netloc
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def on_request(request):
            url = urlparse(request.url)
            if url.scheme in ("http", "https", "ws", "wss") and url.netloc != host:
                self.foreign_requests.append(request.url)

        page.on("request", on_request)
