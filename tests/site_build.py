"""The site built once per test run and served on loopback, for every pytest process of the run.

The site is built with its `site_url` naming the server's port (Material's instant navigation
follows only the site's own URLs), so one process serves it for all: the only pytest process,
or pytest-xdist's controller, which is idle while its workers run the tests. The build starts
when the first test needs the site: a GET of BUILD_PATH runs it once and answers when it is
done (500 and mkdocs' output if it failed).

Every page load sends Material's search index (about 200 KB) to its search worker, which builds a
full-text index from it: about a quarter of the browser's work for a page. Only one test
searches, so the index is served without its pages (search then finds nothing) unless the
request carries WHOLE_SEARCH_INDEX_HEADER (tests/e2e/profiles.py sets it for a profile that
searches)."""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

from devkit.server import QuietServer

ROOT = Path(__file__).resolve().parent.parent
BUILD_PATH = "/__build__"
SEARCH_INDEX_PATH = "/search/search_index.json"
WHOLE_SEARCH_INDEX_HEADER = "X-Whole-Search-Index"


class _Handler(http.server.SimpleHTTPRequestHandler):
    server: SiteServer
    protocol_version = "HTTP/1.1"  # a page's 28 requests share connections (about 40 % less CPU)

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == BUILD_PATH:
            error = self.server.build()
            self._send(
                500 if error else 200, "text/plain; charset=utf-8", (error or "built").encode()
            )
        elif self.path == SEARCH_INDEX_PATH and WHOLE_SEARCH_INDEX_HEADER not in self.headers:
            self._send(200, "application/json", self.server.search_index_without_pages())
        else:
            super().do_GET()

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class SiteServer(QuietServer):
    """Serves `root` on a free loopback port from a thread; builds the site into it on demand."""

    def __init__(self, root: Path):
        super().__init__(("127.0.0.1", 0), functools.partial(_Handler, directory=str(root)))
        self.root = root
        self.url = f"http://127.0.0.1:{self.server_port}/"
        self._lock = threading.Lock()
        self._outcome: str | None = None  # "" once built; mkdocs' output if the build failed
        self._index_without_pages: bytes | None = None
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def build(self) -> str | None:
        """Build the site the first time this is called; None if it built, else why not."""
        with self._lock:
            if self._outcome is None:
                env = {**os.environ, "SITE_URL": self.url, "NO_MKDOCS_2_WARNING": "1"}
                done = subprocess.run(
                    [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(self.root)],
                    cwd=ROOT,
                    env=env,
                    capture_output=True,
                    text=True,
                )
                self._outcome = "" if done.returncode == 0 else done.stderr + done.stdout
        return self._outcome or None

    def search_index_without_pages(self) -> bytes:
        """The built site's search index with its configuration and no pages."""
        if self._index_without_pages is None:
            index = json.loads((self.root / SEARCH_INDEX_PATH.lstrip("/")).read_bytes())
            self._index_without_pages = json.dumps({**index, "docs": []}).encode()
        return self._index_without_pages


def request_build(url: str) -> str | None:
    """Ask the server at `url` for the built site; None once it is built, else why not."""
    try:
        with urllib.request.urlopen(url.rstrip("/") + BUILD_PATH, timeout=600):
            return None
    except urllib.error.HTTPError as failed:
        return failed.read().decode()
