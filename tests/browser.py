"""Browser helpers shared by the test suites: what a tool form shows, and the Chromium to launch
(devkit/chromium.py, shared with the benchmarks)."""

from __future__ import annotations

from devkit.chromium import chromium_launch_options

__all__ = ["SHOWN_ANSWERS_JS", "chromium_launch_options"]

# What a tool form shows, as answers (empty values left out): run in any engine's page.
SHOWN_ANSWERS_JS = """() => {
    const out = {};
    for (const el of document.querySelectorAll('form.tool-form [name]')) {
        const choice = el.type === 'radio' || el.type === 'checkbox';
        if (choice ? el.checked : el.value) out[el.name] = el.value;
    }
    return out;
}"""
