"""The site served to a whole test run: built once however many processes ask, and a failed
build reported with mkdocs' own words."""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
import site_build
from site_build import WHOLE_SEARCH_INDEX_HEADER, SiteServer, request_build

INDEX = {"config": {"lang": ["en"]}, "docs": [{"location": "", "title": "Home", "text": "x"}]}


@pytest.fixture
def server(tmp_path):
    server = SiteServer(tmp_path)
    yield server
    server.shutdown()
    server.server_close()


def fake_mkdocs(monkeypatch, returncode: int, output: str = "") -> list[list[str]]:
    """Replace the mkdocs run with one that writes a page (slowly, so asks overlap)."""
    calls: list[list[str]] = []

    def run(args, **kwargs):
        calls.append(args)
        time.sleep(0.2)
        out = args[args.index("-d") + 1]
        with open(f"{out}/index.html", "w", encoding="utf-8") as page:
            page.write(f"<p>{kwargs['env']['SITE_URL']}</p>")
        os.makedirs(f"{out}/search", exist_ok=True)
        with open(f"{out}/search/search_index.json", "w", encoding="utf-8") as index:
            json.dump(INDEX, index)
        return subprocess.CompletedProcess(args, returncode, stdout=output, stderr="")

    monkeypatch.setattr(site_build.subprocess, "run", run)
    return calls


def test_the_site_is_built_once_for_every_process_that_asks(server, monkeypatch):
    calls = fake_mkdocs(monkeypatch, 0)
    with ThreadPoolExecutor(3) as pool:
        outcomes = list(pool.map(request_build, [server.url] * 3))
    assert outcomes == [None, None, None]
    assert len(calls) == 1
    assert calls[0][-4:] == ["build", "--strict", "-d", str(server.root)]
    with urllib.request.urlopen(server.url) as page:  # built for the URL it is served at
        assert page.read().decode() == f"<p>{server.url}</p>"


def test_a_failed_build_is_reported_with_mkdocs_output_to_every_asker(server, monkeypatch):
    calls = fake_mkdocs(monkeypatch, 1, "WARNING -  Config value 'x': Unrecognised")
    assert request_build(server.url) == "WARNING -  Config value 'x': Unrecognised"
    assert request_build(server.url) == "WARNING -  Config value 'x': Unrecognised"
    assert len(calls) == 1


def test_the_search_index_comes_without_pages_unless_the_whole_one_is_asked_for(
    server, monkeypatch
):
    fake_mkdocs(monkeypatch, 0)
    assert request_build(server.url) is None
    url = server.url + "search/search_index.json"
    with urllib.request.urlopen(url) as index:
        assert json.load(index) == {"config": {"lang": ["en"]}, "docs": []}
    whole = urllib.request.Request(url, headers={WHOLE_SEARCH_INDEX_HEADER: "yes"})
    with urllib.request.urlopen(whole) as index:
        assert json.load(index) == INDEX
