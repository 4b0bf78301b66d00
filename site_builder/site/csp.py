"""A Content-Security-Policy for every page, as a `<meta>` tag (GitHub Pages sends no headers).

Scripts may come from the site itself and nowhere else. The theme's few inline scripts
(Material's palette and scope setup, which differ with the page's depth) are allowed by
their SHA-256, computed from the page as written. An inline script is hashed only when it is
one of the theme's own: its text must be what one of the theme's templates writes, with each
`{{ ... }}` of the template standing for a value that cannot leave its JavaScript string. So
nothing that came from content is ever allowed to run, whatever reached the page and however
it got there (a title written into `<head>`, a heading, a body the sanitizer missed).
Pagefind compiles WebAssembly ('wasm-unsafe-eval') and runs a worker from the site.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_NOT_JAVASCRIPT = re.compile(r"""type\s*=\s*["']?(application/(ld\+)?json|text/template)""", re.I)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
# A template's inline script: no attributes, no Jinja statements inside.
_TEMPLATE_SCRIPT = re.compile(r"<script>(?P<body>(?:(?!</script>|\{%).)*?)</script>", re.S)
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
# What a template's `{{ ... }}` may stand for: text inside a JavaScript string literal, which
# can neither close the string nor the script (no quote, backslash, '<' or line break).
_VALUE = r"""[^"'`\\<>\n\r\u2028\u2029]*"""


class ThemeScripts:
    """The inline scripts a theme's templates write, as patterns to recognise them by."""

    def __init__(self, template_scripts: Iterable[str]) -> None:
        patterns = []
        for body in dict.fromkeys(template_scripts):
            parts = _EXPRESSION.split(body.strip())
            patterns.append(_VALUE.join(re.escape(p) for p in parts))
        self._pattern = re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", re.S)

    @classmethod
    def from_sources(cls, sources: Iterable[str]) -> ThemeScripts:
        """From template sources: every `<script>` without attributes in them."""
        return cls(m.group("body") for src in sources for m in _TEMPLATE_SCRIPT.finditer(src))

    @classmethod
    def from_env(cls, env: jinja2.Environment) -> ThemeScripts:
        """From every HTML template the theme's Jinja environment can load."""
        loader = env.loader
        if loader is None:  # as list_templates would say
            raise TypeError("no loader for this environment specified")
        sources = []
        for name in env.list_templates(extensions=["html"]):
            source, _, _ = loader.get_source(env, name)
            if "<script>" in source:
                sources.append(source)
        return cls.from_sources(sources)

    def allows(self, body: str) -> bool:
        return self._pattern.fullmatch(body.strip()) is not None


def inline_script_hashes(html: str, theme: ThemeScripts) -> list[str]:
    """CSP hashes of the page's inline scripts that are the theme's own."""
    out = []
    for m in _INLINE_SCRIPT.finditer(html):
        if "src=" in m.group("attrs") or _NOT_JAVASCRIPT.search(m.group("attrs")):
            continue
        if m.group("attrs").strip() or not theme.allows(m.group("body")):
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


def add_policy(html: str, theme: ThemeScripts, wasm: bool = True) -> str:
    """`html` with a CSP `<meta>` right after `<meta charset>`, before any script runs."""
    tag = (
        '<meta http-equiv="Content-Security-Policy" content="'
        + policy(inline_script_hashes(html, theme), wasm)
        + '">'
    )
    m = _CHARSET.search(html)
    if m is None:
        return html.replace("<head>", "<head>" + tag, 1)
    return html[: m.end()] + tag + html[m.end() :]
