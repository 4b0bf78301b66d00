"""Article pages: the header with the article's provenance, the sanitized and enhanced body,
the footer; and the captures the site publishes beside them."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from ..core import i18n
from ..core.archive import Archive
from ..core.contentfiles import published_capture
from ..core.crosslinks import CrossIndex
from ..core.diagnostics import Diagnostics
from ..core.links import base, href
from ..core.model import Article
from ..core.names import quote_text_key
from ..core.schema import language_name
from ..data.citations import Citations
from ..text.mentions import NameMatcher
from .body import enhance, sanitize
from .render import Renderer

# (anchor id, title as text) of a section of a composed page, for its table of contents
Heading = tuple[str, str]


@dataclass(frozen=True)
class Composed:
    """A page's content as the reader sees it, the sections its table of contents lists,
    and the quotes not found in its body."""

    html: str
    missing_quotes: list[int] = field(default_factory=list)
    toc: tuple[Heading, ...] = ()


class ArticlePages:
    def __init__(
        self,
        renderer: Renderer,
        index: CrossIndex,
        matcher: NameMatcher,
        capture_url: Callable[[str], str | None],
        citations: Citations | None,
        published: Collection[str] = (),
    ) -> None:
        self.renderer, self.index, self.matcher = renderer, index, matcher
        self.capture_url, self.citations = capture_url, citations
        self.published = published  # the site paths of the captures the site publishes
        # The articles whose capture this build's checks found to match its SHA-256: set
        # once the checks are done (`verified_captures`), before any page is composed.
        self.verified: frozenset[str] = frozenset()

    def compose(self, article: Article, body_html: str, *, sanitized: bool = False) -> Composed:
        """The article page (header, sanitized and enhanced body, footer), and the quotes not
        found in the body. ``sanitized``: the body went through `sanitize` already."""
        here = article.url
        targets = {id(e): href(e.url, here) for e in article.entities() if e.kind != "outlet"}
        quotes = [quote_text_key(q.text) for q in article.quotes]
        clean = body_html if sanitized else sanitize(body_html)
        body = enhance(clean, self.matcher, targets, quotes)
        lang = article.language or "en"
        ctx = dict(
            a=article,
            here=here,
            language_name=i18n.language_name(lang) or language_name(lang),
            translations=self.index.translations.get(id(article), []),
            related=self.index.related.get(id(article), []),
            capture_url=self.capture_url(article.capture) if article.capture else None,
            copy_href=self._copy_href(article, here),
            verified=article.id in self.verified,
            curators_title=curators_title(article.title),
            cite=self.citations.of(article) if self.citations else None,
        )
        html = (
            '<div class="sb-article">\n'
            + self.renderer.render("article_header", **ctx)
            + f'<div class="sb-body" lang="{lang}">\n{body.html}\n</div>\n'
            + self.renderer.render("article_footer", **ctx)
            + "</div>\n"
        )
        return Composed(html, body.missing_quotes)

    def _copy_href(self, article: Article, here: str) -> str | None:
        """The link to the article's capture as the site publishes it, if it does."""
        if not article.capture:
            return None
        path = published_capture(article.capture)
        if path not in self.published:
            return None
        # Each segment percent-encoded: a file named `50%.html` is `50%25.html.txt` in a URL.
        return base(here) + "/".join(quote(seg, safe="") for seg in path.split("/"))


def curators_title(title: str) -> bool:
    """A headline in square brackets is the curator's, not the outlet's (the original had
    none, or none the archive could use)."""
    return len(title) > 2 and title.startswith("[") and title.endswith("]")


def captures_to_publish(archive: Archive) -> dict[str, Path]:
    """Where the site publishes each capture an article names (`published_capture`), and
    the file it copies there, byte for byte.

    Only regular files inside `archive/`, reached without a symbolic link: the check refuses
    links, and this holds even when a build runs without it. A capture that does not exist
    is left out (the check's error fails the build).
    """
    top = os.path.realpath(archive.root / "archive")
    folders: dict[str, bool] = {}  # a capture's folder -> it is where its path says

    def inside(folder: str, parts: tuple[str, ...]) -> bool:
        if folder not in folders:
            folders[folder] = os.path.realpath(folder) == os.path.join(top, *parts)
        return folders[folder]

    out: dict[str, Path] = {}
    for a in archive.articles:
        if not a.capture:
            continue
        file = archive.root / a.capture
        parts = PurePosixPath(a.capture).relative_to("archive").parts
        try:
            regular = stat.S_ISREG(os.lstat(file).st_mode)  # a link is not
        except OSError:
            continue
        if regular and inside(str(file.parent), parts[:-1]):
            out[published_capture(a.capture)] = file
    return out


def verified_captures(archive: Archive, diagnostics: Diagnostics) -> frozenset[str]:
    """The ids of the articles whose capture the checks compared with its SHA-256 and found
    equal: every article with a capture and a checksum, but those the checks found an error
    in (`checks.articles.check_provenance` reports a missing capture, a missing checksum and
    one that differs on the article's `capture` or `sha256`)."""
    failed = {d.path for d in diagnostics.errors if d.field in ("capture", "sha256")}
    return frozenset(
        a.id for a in archive.articles if a.capture and a.sha256 and a.path not in failed
    )
