"""Engine smoke tests: the built site (tests/conftest.py) in Chromium, Firefox ESR and WebKitGTK.

One browser per engine for the module, each with an empty profile, a 1280 × 900 viewport and its
own download folder. `make test` and `make test-engines` install the engines first
(scripts/ensure-engine-deps.sh); screenshots go to test-results/engines/.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]
from drivers import ChromiumEngine, Engine, FirefoxEngine, WebKitEngine  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-results" / "engines"
ENGINES = ["chromium", "firefox", "webkit"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/engines/" in str(item.fspath):
            item.add_marker(pytest.mark.engines)


@pytest.fixture(scope="module", params=ENGINES)
def engine(request, tmp_path_factory, base_url) -> Engine:
    name = request.param
    downloads = tmp_path_factory.mktemp(f"{name}-downloads")
    if name == "chromium":
        engine = ChromiumEngine(downloads)
    elif name == "firefox":
        engine = FirefoxEngine(downloads)
    else:
        engine = WebKitEngine(downloads, tmp_path_factory.mktemp(f"{name}-home"))
    print(f"{name} {engine.version}")
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
