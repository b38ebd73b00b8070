"""Print how the tests will launch Chromium; exit 1 when no Chromium is available."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser import chromium_launch_options  # noqa: E402

try:
    print(chromium_launch_options())
except FileNotFoundError as exc:
    print(exc, file=sys.stderr)
    sys.exit(1)
