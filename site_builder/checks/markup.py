"""Checks of what bodies hold besides text: raw HTML, links the site removes, file
includes, marked sections, and nesting Markdown could not render in bounded time."""

from __future__ import annotations

import html
import re

from ..core.archive import Archive
from ..core.diagnostics import Diagnostics
from ..core.links import URL_SCHEMES
from . import nesting

# A tag is '<' and its name, then a space, '/' or '>': '<https://x>' is a Markdown autolink,
# not HTML. (Python-Markdown has no escape for '<': '\<b>' is a backslash and a tag.)
# Scans are bounded, so that thousands of '<a ' with no '>' take linear time, not quadratic.
_RAW_HTML = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])[^>]{0,2000}>|<!(--|\[|[a-zA-Z])")


_NOT_A_TAG = {"--": "an HTML comment", "[": "a CDATA or marked section"}


# Inline code spans, whose text Markdown shows as it is: a run of backticks, closed by a
# run as long, within one paragraph.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n).){1,2000}?)(?<!`)\1(?!`)", re.S)


# Where a body gives a URL: Markdown links and images, reference definitions, autolinks,
# and href/src attributes (raw HTML, or attr_list's `{: href=... }`).
_URLS = re.compile(
    r"\]\(\s*<?([^\s)>]+)"
    r"|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)"
    r"|<([a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^\s<>]*)>"
    r"|\b(?:href|src)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>}]+))",
    re.M | re.I,
)


_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")


_C0_OR_SPACE = "".join(map(chr, range(0x21)))


# pymdownx.snippets includes a file where a line holds `--8<-- "path"` (or a block between
# two `--8<--` lines); a site that enables it must not let an article pull in a file.
_SNIPPET = re.compile(r"^[ \t]*-+8<-+", re.M)


# MkDocs runs Python's html.parser over the whole Markdown source, code included, and on
# Python before 3.13 a '<![' that does not open a known marked section ('<![CDATA[', MS
# Office's '<![if ...]>') raises instead of parsing: the build stops with a traceback
# (python/cpython#81928, mkdocs/mkdocs#3929).
_MARKED_SECTION = re.compile(
    r"<!\[(?!(?:temp|cdata|ignore|include|rcdata|if|else|endif)(?![-_.a-zA-Z0-9]))", re.I
)


def check_nesting(archive: Archive, diags: Diagnostics) -> None:
    """Bodies nested or bracketed so that Markdown would crash or take minutes on them."""
    sources = [(a.path, a.body, a.body_line) for a in archive.articles]
    sources += [(e.path, e.body, e.body_line) for e in archive.registry]
    sources += [(p.path, p.body, p.body_line) for p in archive.pages]
    for path, body, body_line in sources:
        for problem in nesting.problems(body):
            diags.error(path, body_line + problem.line, "", problem.message)


def _code_blanked(body: str) -> str:
    """`body` with the text of inline code spans blanked out, lines kept where they were."""
    return _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), body)


def check_raw_html(archive: Archive, diags: Diagnostics) -> None:
    """Raw HTML, links the site removes and file includes in every body: articles, registry
    entries and hand-written pages."""
    sources = [(a.path, a.body, a.body_line) for a in archive.articles]
    sources += [(e.path, e.body, e.body_line) for e in archive.registry]
    sources += [(p.path, p.body, p.body_line) for p in archive.pages]
    for path, body, body_line in sources:
        text = _code_blanked(body) if "`" in body else body
        # Each pattern runs only where its characters are: most bodies are plain paragraphs.
        for m in _RAW_HTML.finditer(text) if "<" in text else ():
            line = body_line + text.count("\n", 0, m.start())
            tag = m.group(2)
            what = f"<{tag}>" if tag else _NOT_A_TAG.get(m.group(3), "an HTML declaration")
            diags.warning(
                path,
                line,
                "",
                f"raw HTML ({what}) in the body; "
                "write Markdown instead: the site strips raw HTML it does not allow",
            )
        has_url = "](" in text or "]:" in text or "<" in text or "=" in text
        for m in _URLS.finditer(text) if has_url else ():
            scheme = _scheme(next(g for g in m.groups() if g is not None))
            if scheme and scheme not in URL_SCHEMES:
                diags.warning(
                    path,
                    body_line + text.count("\n", 0, m.start()),
                    "",
                    f"a link to a '{scheme}:' URL; the site removes it (it keeps http, https "
                    "and mailto links): link to the web address instead",
                )
        for m in _MARKED_SECTION.finditer(body) if "<![" in body else ():
            diags.error(
                path,
                body_line + body.count("\n", 0, m.start()),
                "",
                "'<![' opens an HTML marked section that MkDocs cannot parse, even in code: "
                "the build would stop; write '&lt;![' or put a space after '<'",
            )
        for m in _SNIPPET.finditer(text) if "8<" in text else ():
            diags.error(
                path,
                body_line + text.count("\n", 0, m.start()),
                "",
                "'--8<--' is the file-include syntax of pymdownx.snippets, and an article "
                "cannot include files; to show it as text, put it in a code span",
            )


def _scheme(url: str) -> str | None:
    """The scheme a browser would see in `url` (WHATWG URL parsing): entities decoded, tabs
    and newlines dropped, `jav&#x61;script:` and `java&#9;script:` are `javascript:`."""
    url = _TAB_OR_NEWLINE.sub("", html.unescape(url)).strip(_C0_OR_SPACE).lower()
    m = _SCHEME.match(url)
    return m.group(1) if m else None
