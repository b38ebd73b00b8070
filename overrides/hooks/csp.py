"""MkDocs hook: give every page a Content-Security-Policy that allows only this site.

Material's own inline scripts are allowed by their sha256 hashes, computed per page, so no other
inline script, inline event handler or third-party request can run or load.
"""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
DATA_TYPES = ('type="application/json"', "type='application/json'")

POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'none'"
)


def script_hashes(html: str) -> list[str]:
    """CSP source expressions for the executable inline scripts of a page, in order."""
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        if any(t in match["attrs"] for t in DATA_TYPES):
            continue
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return list(dict.fromkeys(hashes))


def content_security_policy(html: str) -> str:
    return POLICY.format(hashes=" ".join(script_hashes(html)))


def with_policy(html: str) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
    return html.replace("<head>", f"<head>\n    {meta}", 1)


def on_post_page(output: str, page, config) -> str:
    return with_policy(output)


def on_post_template(output_content: str, template_name: str, config) -> str:
    """Static templates such as 404.html get the same policy."""
    return with_policy(output_content) if template_name.endswith(".html") else output_content
