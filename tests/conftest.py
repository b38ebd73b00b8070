"""Shared fixtures: the site built once per session with --strict, served on loopback."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from run_order import sort_items

from devkit.server import QuietServer

ROOT = Path(__file__).resolve().parent.parent


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    sort_items(items)


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    """A loopback HTTP server for the built site, started before the build so the site's
    `site_url` can name its port (Material's instant navigation only follows its own URLs)."""
    root = tmp_path_factory.mktemp("site")
    server = QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.root = root
    server.url = f"http://127.0.0.1:{server.server_port}/"
    yield server
    server.shutdown()


@pytest.fixture(scope="session")
def built_site(site_server) -> Path:
    """The site built with `mkdocs build --strict`, as served by `site_server`."""
    env = {**os.environ, "SITE_URL": site_server.url, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--quiet",
            "-d",
            str(site_server.root),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return site_server.root


@pytest.fixture(scope="session")
def base_url(site_server, built_site) -> str:
    return site_server.url
