"""A Content-Security-Policy for every page, as a `<meta>` tag (GitHub Pages sends no headers).

Scripts may come from the site itself and nowhere else. The theme's few inline scripts
(Material's palette and scope setup, which differ with the page's depth) are allowed by
their SHA-256, computed from the page as written; an inline script inside the page's
content is never allowed, whatever the sanitizer did. Pagefind compiles WebAssembly
('wasm-unsafe-eval') and runs a worker from the site.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_NOT_JAVASCRIPT = re.compile(r"""type\s*=\s*["']?(application/(ld\+)?json|text/template)""", re.I)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)


def inline_script_hashes(html: str, content: str) -> list[str]:
    """CSP hashes of the page's inline JavaScript, leaving out anything inside `content`."""
    out = []
    for m in _INLINE_SCRIPT.finditer(html):
        if "src=" in m.group("attrs") or _NOT_JAVASCRIPT.search(m.group("attrs")):
            continue
        if content and m.group(0) in content:
            continue
        digest = hashlib.sha256(m.group("body").encode("utf-8")).digest()
        out.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return list(dict.fromkeys(out))


def policy(hashes: list[str], wasm: bool = True) -> str:
    scripts = ["'self'", *(["'wasm-unsafe-eval'"] if wasm else []), *hashes]
    return "; ".join(
        [
            "default-src 'self'",
            "script-src " + " ".join(scripts),
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def add_policy(html: str, content: str, wasm: bool = True) -> str:
    """`html` with a CSP `<meta>` right after `<meta charset>`, before any script runs."""
    tag = (
        '<meta http-equiv="Content-Security-Policy" content="'
        + policy(inline_script_hashes(html, content), wasm)
        + '">'
    )
    m = _CHARSET.search(html)
    if m is None:
        return html.replace("<head>", "<head>" + tag, 1)
    return html[: m.end()] + tag + html[m.end() :]
