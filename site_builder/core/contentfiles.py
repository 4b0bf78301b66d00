"""What `content/` may publish: Markdown pages and inert files, never markup that runs.

Everything under `content/` comes from pull requests. MkDocs publishes every file there:
Markdown becomes a page (sanitized by the plugin), and any other file is copied to the site
as it is. An HTML, SVG, XML or JavaScript file copied as it is runs its scripts on the site's
origin, which on GitHub Pages every project site of the owner shares. So a file that is not
Markdown is published only when its type is in a short list of types a browser never runs
(images, PDF, CSV, JSON, plain text), and its first bytes must say it is that type.

Markdown must end in `.md`: MkDocs also reads `.markdown`, `.mdown`, `.mkdn` and `.mkd` as
pages, and copies `.MD` as a plain file, and either would reach the site without the
archive's checks. The same module says which paths the build's own pages take, so the check
can refuse an article or entry whose id would take one of them.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath

# The suffixes MkDocs reads as Markdown (mkdocs.utils.markdown_extensions), in any case.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")

# Inert types: suffix -> (what it is, the bytes it must start with, or None for text).
# WebP and AVIF are checked further in: RIFF....WEBP, ....ftypavif.
_INERT: dict[str, tuple[str, tuple[bytes, ...] | None]] = {
    ".png": ("a PNG image", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("a JPEG image", (b"\xff\xd8\xff",)),
    ".jpeg": ("a JPEG image", (b"\xff\xd8\xff",)),
    ".gif": ("a GIF image", (b"GIF87a", b"GIF89a")),
    ".webp": ("a WebP image", (b"RIFF",)),
    ".avif": ("an AVIF image", (b"",)),
    ".pdf": ("a PDF document", (b"%PDF-",)),
    ".csv": ("a CSV table", None),
    ".json": ("a JSON file", None),
    ".txt": ("a text file", None),
}
INERT_SUFFIXES = tuple(_INERT)
_ALLOWED = "Markdown pages (.md) and images (PNG, JPEG, GIF, WebP, AVIF), PDF, CSV, JSON and text"
# Types that run script when a browser opens them, with what to do instead.
_RUNS_SCRIPT = {
    ".html": "convert it to a Markdown page (.md)",
    ".htm": "convert it to a Markdown page (.md)",
    ".xhtml": "convert it to a Markdown page (.md)",
    ".svg": "SVG can hold scripts: export it as PNG (or WebP) and publish that",
    ".svgz": "SVG can hold scripts: export it as PNG (or WebP) and publish that",
    ".xml": "XML can hold scripts (XSLT, XHTML): publish the data as CSV or JSON",
    ".xsl": "XSLT runs in the browser: publish the data as CSV or JSON",
    ".js": "scripts belong to the site's code, not to its content",
    ".mjs": "scripts belong to the site's code, not to its content",
    ".css": "styles belong to the site's code, not to its content",
}


def unpublishable(rel: PurePosixPath, head: bytes) -> str | None:
    """Why the file at `rel` (under content/) may not be published, or None if it may.

    `head` holds the file's first bytes (at least 16; the whole file for text types, which
    must be UTF-8 and, for JSON, parse).
    """
    suffix = rel.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        if rel.suffix == ".md":
            return None
        return (
            f"a Markdown file must end in '.md' (lowercase); MkDocs would "
            f"{'copy' if suffix == '.md' else 'publish'} '{rel.suffix}' without the archive's "
            f"checks: rename it to {rel.stem}.md"
        )
    if suffix in _INERT:
        return _wrong_content(rel, suffix, head)
    advice = _RUNS_SCRIPT.get(suffix)
    what = f"a '{rel.suffix}' file" if rel.suffix else "a file without a type"
    if advice:
        return (
            f"{what} would be published as it is and could run script on the site; "
            f"content/ publishes only {_ALLOWED}: {advice}"
        )
    return (
        f"{what} is not published: content/ holds only {_ALLOWED}; "
        "convert it to one of these or remove it"
    )


def _wrong_content(rel: PurePosixPath, suffix: str, head: bytes) -> str | None:
    what, magic = _INERT[suffix]
    if magic is None:
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError:
            return f"is not UTF-8 text, as {what} must be: save it as UTF-8"
        if suffix == ".json":
            try:
                json.loads(text)
            except ValueError as exc:
                return f"is not valid JSON ({exc}); fix it or remove it"
        return None
    ok = any(head.startswith(m) for m in magic)
    if suffix == ".webp":
        ok = ok and head[8:12] == b"WEBP"
    elif suffix == ".avif":
        ok = head[4:12] in (b"ftypavif", b"ftypavis")
    if ok:
        return None
    return (
        f"does not hold {what}, though its name says so (its first bytes are "
        f"{head[:8]!r}); a browser could take it for something else: export it again "
        f"as {what}, or rename it to what it is"
    )


def needs_whole_file(rel: PurePosixPath) -> bool:
    """Text types are checked whole (UTF-8, JSON syntax); the others by their first bytes."""
    entry = _INERT.get(rel.suffix.lower())
    return entry is not None and entry[1] is None


# -- paths the build's own pages take --------------------------------------------------------

# Generated pages beside articles: `articles/<yyyy>/` (the year, with pages `page-2/`, ...)
# and `articles/<yyyy>/<mm>/` (a month, with pages `<mm>/2/`, ...). An article id of one or
# two digits would be a month's URL; longer digit-only ids are refused too, so months and ids
# never meet; and `page-<n>` is a page of the year.
_MONTH_LIKE = re.compile(r"^[0-9]+$")
YEAR_PAGE_PREFIX = "page-"
_YEAR_PAGE = re.compile(rf"^{YEAR_PAGE_PREFIX}[0-9]+$")
# Beside registry entries: the A-Z pages `people/letter-a/`, `people/letter-0/`.
_LETTER_PAGE = re.compile(r"^letter-[a-z0-9]$")
# Names the plugin's files take at the site's root (data dumps, feeds, search, assets, the
# published captures).
ROOT_NAMES = frozenset(
    {
        "search.md",
        "search",
        "feed.xml",
        "robots.txt",
        "sitemap.xml",
        "sitemap.xml.gz",
        "datapackage.json",
        "data",
        "pagefind",
        "captures",
        "quotes.md",
        "quotes",
    }
)
# Folders at the root that the build fills: nothing under them may come from content/.
ROOT_FOLDERS = ("data", "pagefind", "search", "captures", "quotes")
# Where the site publishes the captures under archive/, and the suffix that makes a browser
# show each as text.
CAPTURES_DIR = "captures"
_AS_TEXT = ".txt"


def reserved_article_id(article_id: str) -> str | None:
    """Why `article_id` cannot be an article's id, or None."""
    if _MONTH_LIKE.match(article_id):
        return (
            f"the id '{article_id}' is only digits, and articles/<yyyy>/<mm>/ is the page of a "
            "month: make it a few words, e.g. <yyyy>-<mm>-<outlet>-<headline words>"
        )
    if _YEAR_PAGE.match(article_id):
        return (
            f"the id '{article_id}' is the URL of a page of the year's list of articles "
            "(articles/<yyyy>/page-<n>/): make it a few words, e.g. "
            "<yyyy>-<mm>-<outlet>-<headline words>"
        )
    return None


def reserved_entity_id(entity_id: str) -> str | None:
    """Why `entity_id` cannot be a registry entry's id, or None."""
    if _LETTER_PAGE.match(entity_id):
        return (
            f"the id '{entity_id}' is the URL of a page of the A-Z index (one per letter): "
            "use the entry's name, e.g. its slug"
        )
    return None


def reserved_page(rel: PurePosixPath, sections: tuple[str, ...]) -> str | None:
    """Why a hand-written page or file at `rel` would take the place of a generated one."""
    parts = rel.parts
    if parts[0] in ROOT_NAMES and (len(parts) == 1 or parts[0] in ROOT_FOLDERS):
        return (
            f"content/{rel.as_posix()} would take the place of what the build writes at "
            f"{parts[0]}; rename or move it"
        )
    if parts[0] == "assets" and len(parts) > 1 and parts[1] == "site-builder":
        return (
            f"content/{rel.as_posix()} would replace one of the site's own scripts or "
            "styles; rename or move it"
        )
    if parts[0] in sections and parts[-1] == "index.md" and len(parts) <= 3:
        return (
            f"content/{rel.as_posix()} would replace a page the build makes "
            f"({rel.parent.as_posix()}/); write about the section in content/about.md instead"
        )
    return None


def published_capture(capture: str) -> str:
    """Where the site publishes the capture at `capture` (`archive/<outlet>/<yyyy>/<file>`):
    `captures/<outlet>/<yyyy>/<file>.txt`, its bytes unchanged.

    A capture is often a whole web page, scripts included; served as HTML on the site's
    origin it would run them there. Every static host serves `.txt` as `text/plain`, which
    a browser shows as text and never sniffs into HTML, so each capture gets that suffix
    (`x.html.txt`; a `.txt` capture keeps its name).
    """
    rel = capture.removeprefix("archive/")
    if not rel.endswith(_AS_TEXT):
        rel += _AS_TEXT
    return f"{CAPTURES_DIR}/{rel}"
