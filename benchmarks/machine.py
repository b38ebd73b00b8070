"""What machine the benchmark ran on: CPU, cores, memory, OS, Python, Node, date."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram() -> str:
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return "unknown"
    return f"{total / 1024**3:.1f} GiB"


def _os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return f"{line.split('=', 1)[1].strip(chr(34))} (kernel {platform.release()})"
    except OSError:
        pass
    return platform.platform()


def _node() -> str:
    node = shutil.which("node")
    if not node:
        return "absent"
    return subprocess.run(
        [node, "--version"], check=False, capture_output=True, text=True
    ).stdout.strip()


def machine_info(chromium_version: str) -> dict[str, str]:
    return {
        "CPU": _cpu_model(),
        "Cores": str(os.cpu_count()),
        "RAM": _ram(),
        "OS": _os_name(),
        "Python": platform.python_version(),
        "Chromium": chromium_version,
        "Node": _node(),
        "Date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
