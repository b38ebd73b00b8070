"""Shared fixtures: the site built once per run with --strict, served on loopback."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from run_order import sort_items
from site_build import SiteServer, request_build


def pytest_configure(config):
    """The only pytest process, or xdist's controller, serves the site for the whole run."""
    if hasattr(config, "workerinput"):
        return
    root = Path(tempfile.mkdtemp(prefix="ps-cope-site-"))
    config.site_server = SiteServer(root)
    config.add_cleanup(lambda: shutil.rmtree(root, ignore_errors=True))
    config.add_cleanup(config.site_server.server_close)
    config.add_cleanup(config.site_server.shutdown)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """Tell each xdist worker where the controller serves the site."""
    node.workerinput["site_url"] = node.config.site_server.url
    node.workerinput["site_root"] = str(node.config.site_server.root)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    sort_items(items)


def served_site(config) -> tuple[str, Path]:
    """The URL and folder of the site this run serves (in a worker, as its controller said)."""
    if hasattr(config, "workerinput"):
        return config.workerinput["site_url"], Path(config.workerinput["site_root"])
    return config.site_server.url, config.site_server.root


@pytest.fixture(scope="session")
def base_url(pytestconfig) -> str:
    """The URL the site is served at, once it is built (`mkdocs build --strict`)."""
    url, _ = served_site(pytestconfig)
    failure = request_build(url)
    if failure is not None:
        pytest.fail(f"mkdocs build --strict failed:\n{failure}", pytrace=False)
    return url


@pytest.fixture(scope="session")
def built_site(pytestconfig, base_url) -> Path:
    """The built site's folder, as served at `base_url`."""
    _, root = served_site(pytestconfig)
    return root
