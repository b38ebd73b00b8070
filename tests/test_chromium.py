"""Which Chromium the tests launch (devkit/chromium.py): Playwright's own, else the system's
headless shell, else the system's full browser."""

from __future__ import annotations

import pytest

from devkit import chromium

ON_PATH = {
    "chromium-headless-shell": "/usr/bin/chromium-headless-shell",
    "chromium": "/usr/bin/chromium",
}


@pytest.fixture
def on_path(monkeypatch):
    """`shutil.which` that finds only the names in the returned dict (edit it per test)."""
    found = dict(ON_PATH)
    monkeypatch.setattr(chromium.shutil, "which", found.get)
    return found


def test_playwrights_own_chromium_comes_first(on_path, tmp_path):
    own = tmp_path / "chrome"
    own.touch()
    assert "executable_path" not in chromium.chromium_launch_options(str(own))


def test_without_it_the_system_headless_shell_is_launched(on_path, tmp_path):
    options = chromium.chromium_launch_options(str(tmp_path / "not-installed"))
    assert options["executable_path"] == "/usr/bin/chromium-headless-shell"
    assert "--no-sandbox" in options["args"]


def test_without_the_shell_the_full_browser_is_launched(on_path):
    del on_path["chromium-headless-shell"]
    assert chromium.chromium_launch_options("")["executable_path"] == "/usr/bin/chromium"


def test_lighthouse_gets_the_full_browser(on_path):
    assert chromium.system_chromium(headless_shell=False) == "/usr/bin/chromium"


def test_no_chromium_is_a_plain_error(on_path):
    on_path.clear()
    with pytest.raises(FileNotFoundError, match="make system-deps"):
        chromium.chromium_launch_options("")
