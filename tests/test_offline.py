"""The service worker's manifest and version (macros/offline.py), and sw.js in the built site:
every file a page loads or links to is stored, with the hash of the file as built."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from macros.offline import (
    CACHES_CODE,
    UNREGISTER_CODE,
    integrity,
    precache_files,
    precache_manifest,
    worker_source,
    write_worker,
)

ABC_SHA256 = "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="  # of b"abc" (FIPS 180-2)


def manifest_in(source: str) -> dict[str, str]:
    return json.loads(re.search(r"^const PRECACHE = (\{.*?\});$", source, re.M | re.S)[1])


def version_in(source: str) -> str:
    return re.search(r"^const VERSION = '([0-9a-f]{16})';$", source, re.M)[1]


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    files = {
        "index.html": "home",
        "404.html": "not found",
        "tools/index.html": "tools",
        "tools/specs.json": "{}",
        "pdf/ps-cope-tool-01 draft.pdf": "%PDF",
        "assets/javascripts/bundle.1234.min.js": "js",
        "assets/javascripts/bundle.1234.min.js.map": "map",
        "assets/javascripts/lunr/min/lunr.de.min.js": "de",
        "assets/javascripts/lunr/wordcut.js": "th",
        "javascripts/vendor/pdf-lib.esm.min.js": "lib",
        "javascripts/vendor/vendor.json": "{}",
        "javascripts/vendor/pdf-lib-LICENSE.txt": "MIT",
        "sitemap.xml": "<urlset/>",
        "sitemap.xml.gz": "gz",
        "sw.js": "old worker",
        "search/search_index.json": "{}",
        "not-index.html": "page",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def test_integrity_is_the_sri_sha256_of_the_bytes():
    """Verify the hash is Subresource Integrity's form of sha256 (the FIPS test vector "abc")."""
    assert integrity(b"abc") == ABC_SHA256


def test_the_manifest_lists_what_is_needed_offline_under_the_urls_pages_use(small_site):
    """Verify a folder's index.html is stored under the folder's URL, names are percent-encoded,
    and source maps, other search languages, the sitemap archive, the vendor's licence and
    record files and the worker itself are left out."""
    assert {
        url: path.relative_to(small_site).as_posix()
        for url, path in precache_files(small_site).items()
    } == {
        "": "index.html",
        "404.html": "404.html",
        "assets/javascripts/bundle.1234.min.js": "assets/javascripts/bundle.1234.min.js",
        "javascripts/vendor/pdf-lib.esm.min.js": "javascripts/vendor/pdf-lib.esm.min.js",
        "not-index.html": "not-index.html",
        "pdf/ps-cope-tool-01%20draft.pdf": "pdf/ps-cope-tool-01 draft.pdf",
        "search/search_index.json": "search/search_index.json",
        "sitemap.xml": "sitemap.xml",
        "tools/": "tools/index.html",
        "tools/specs.json": "tools/specs.json",
    }
    (small_site / "abc.txt").write_bytes(b"abc")
    assert precache_manifest(small_site)["abc.txt"] == ABC_SHA256


def test_the_version_changes_with_any_file_or_the_worker_code_and_only_then(small_site):
    """Verify sw.js is the same bytes for the same build (no update for browsers), and a new
    version when one file's content or the worker's code changes."""
    first = write_worker(small_site).read_text()
    assert write_worker(small_site).read_text() == first
    assert manifest_in(first) == precache_manifest(small_site)
    assert "sw.js" not in manifest_in(first)

    (small_site / "tools/specs.json").write_text('{"changed": true}')
    changed_file = write_worker(small_site).read_text()
    assert version_in(changed_file) != version_in(first)
    manifest = precache_manifest(small_site)
    assert version_in(worker_source(manifest, "// other code")) != version_in(changed_file)


def test_under_mkdocs_serve_the_worker_only_removes_itself(small_site):
    """Verify the dev server gets the worker that unregisters, with no manifest to store."""
    source = write_worker(small_site, serving=True).read_text()
    assert UNREGISTER_CODE.read_text() in source
    assert "PRECACHE" not in source and "unregister()" in source


def code_start(source: str) -> str:
    """The script past its leading comments: where a directive counts."""
    return re.sub(r"^(\s*/\*.*?\*/)*\s*", "", source, flags=re.S)


@pytest.mark.parametrize("serving", [False, True], ids=["built", "mkdocs serve"])
def test_each_worker_is_strict_and_knows_its_caches_by_the_one_rule(small_site, serving):
    """Verify both workers run in strict mode and take which caches are this copy's from
    offline_caches.js, stated nowhere else."""
    source = write_worker(small_site, serving=serving).read_text()
    assert code_start(source).startswith("'use strict';")
    assert source.count("'use strict'") == 1
    assert source.count(CACHES_CODE.read_text()) == 1
    assert source.count("CACHE_PREFIX =") == source.count("function ownCaches") == 1


class _Links(HTMLParser):
    """The href and src URLs of a page (links, scripts, stylesheets, images)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in ("href", "src") and value]


def test_the_built_worker_stores_every_file_pages_load_or_link_to_as_built(built_site, base_url):
    """Verify the built site's sw.js lists, with the hash of the file as built (the install
    fails otherwise), every page, every script module (dynamically imported ones too), the
    PDF library, tools/specs.json, the search index, the sitemap and every same-site URL in an
    href or src on any page; and that the site searches in English, which needs no lunr file."""
    manifest = manifest_in((built_site / "sw.js").read_text())
    for url, path in precache_files(built_site).items():
        assert manifest[url] == integrity(path.read_bytes()), url
    for name in (
        "",
        "404.html",
        "tools/",
        "tools/team/",
        "tools/specs.json",
        "sitemap.xml",
        "search/search_index.json",
        "javascripts/vendor/pdf-lib.esm.min.js",
        "schemas/answers-v1.schema.json",
    ):
        assert name in manifest
    modules = sorted(p.name for p in (built_site / "javascripts").glob("*.js"))
    assert "offline.js" in modules and "pdf.js" in modules
    assert {f"javascripts/{name}" for name in modules} <= set(manifest)

    stored, missing = {unquote(url) for url in manifest}, set()
    for page in built_site.rglob("*.html"):
        page_url = urljoin(base_url, page.relative_to(built_site).as_posix())
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.urls:
            target = urlsplit(urljoin(page_url, link))
            if not target.geturl().startswith(base_url) or target.path == urlsplit(page_url).path:
                continue
            key = unquote(target.path[len(urlsplit(base_url).path) :])
            key = re.sub(r"(^|/)index\.html$", r"\1", key)
            if key not in stored:
                missing.add(key)
    assert missing == set()

    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["en"]
