"""Breadcrumbs: where a page sits in the archive (Articles › 2025 › June › the article).

A page's trail is read off its URL: every folder above it that is a page of the site is a
crumb (`articles/`, `articles/2025/`), and an article, which lives in its year's folder, gets
its month in between. So a page another part of the build adds (a quotes explorer, an entry's
pages of quotes) gets its trail without telling this module anything: a crumb's words come
from the page above it (an entry's name, a page's title) or from the URL itself (a year, a
month, a page number).

The first crumbs also say which tab of the site's navigation the page belongs to
(`nav_page`), so that the plugin can mark it active on pages the navigation does not list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import escape

from ..core.i18n import _, active
from ..core.links import href, url_of
from ..core.model import Article, Entity, HandPage
from ..data import jsonld
from .labels import BREADCRUMB_LABEL, PAGE_NUMBER
from .plan import PAGE_OF, Generated

Source = Article | Entity | HandPage | Generated


# "People: A" is "A" below "People"; "Usen Suleimen: quotes" is "Quotes" below his page.
def _page_of() -> re.Pattern[str]:
    """` (page 2 of 12)` after a paged list's title, in the site's language."""
    words = re.escape(_(PAGE_OF)).replace(r"\{n\}", r"\d+").replace(r"\{count\}", r"\d+")
    return re.compile(r"\s*" + words + "$")


@dataclass(frozen=True)
class Crumb:
    title: str  # as text; escaped where it is written
    url: str  # the page's site URL (`articles/2025/`)


class Breadcrumbs:
    def __init__(self, sources: Mapping[str, Source], site_url: str | None = None) -> None:
        self.sources, self.site_url = sources, site_url
        self._by_url = {url_of(src): item for src, item in sources.items()}

    def trail(self, src_uri: str) -> list[Crumb]:
        """The crumbs from the page's section down to the page itself; none for the home
        page and for pages the archive does not know (another plugin's)."""
        item = self.sources.get(src_uri)
        url = url_of(src_uri)
        if item is None or not url:
            return []
        segments = url.rstrip("/").split("/")
        crumbs: list[Crumb] = []
        for depth in range(1, len(segments)):
            above = "/".join(segments[:depth]) + "/"
            page = self._by_url.get(above)
            if page is not None:  # a folder without a page of its own is no crumb
                crumbs.append(Crumb(self._title(page, segments[:depth], crumbs), above))
        if isinstance(item, Article):
            month = self._month_of(item, url)
            if month is not None:
                crumbs.append(month)
        crumbs.append(Crumb(self._title(item, segments, crumbs), url))
        return crumbs

    def html(self, trail: Sequence[Crumb], here: str) -> str:
        """The trail above the page as the page shows it: an ordered list of links in a
        labelled `<nav>` (the page itself is its headline, not a crumb: "Articles › 2025 ›
        June" above an article); empty when the page is a section's own."""
        shown = trail[:-1]
        if not shown:
            return ""
        items = "".join(
            f'<li><a href="{escape(href(c.url, here))}">{escape(c.title)}</a></li>' for c in shown
        )
        label = escape(_(BREADCRUMB_LABEL))
        return f'<nav class="sb-breadcrumbs" aria-label="{label}"><ol>{items}</ol></nav>\n'

    def jsonld(self, trail: Sequence[Crumb], here: str) -> str:
        """The trail above the page as schema.org `BreadcrumbList`, for the page's head."""
        shown = trail[:-1]
        if not shown:
            return ""
        pairs = [(c.title, c.url) for c in shown]
        return jsonld.script_tag(jsonld.breadcrumb_jsonld(pairs, here, self.site_url))

    def _month_of(self, article: Article, url: str) -> Crumb | None:
        """The month page between an article and its year, if the article has a month and
        its year's folder has that month's page."""
        d = article.date
        if d is None or d.month is None:
            return None
        year_folder = url.rstrip("/").rsplit("/", 1)[0]
        if not year_folder.endswith(f"/{d.year:04d}"):
            return None
        month_url = f"{year_folder}/{d.month:02d}/"
        if month_url not in self._by_url:
            return None
        return Crumb(active().month_names()[d.month - 1], month_url)

    @staticmethod
    def _title(item: Source, segments: Sequence[str], above: Sequence[Crumb]) -> str:
        """A crumb's words: short, since the crumbs above say the rest."""
        match item:
            case Article():
                return item.title
            case Entity():
                return item.name
            case HandPage():
                return item.title or segments[-1].replace("-", " ").capitalize()
        segment = segments[-1]
        parent = segments[-2] if len(segments) > 1 else ""
        if segment.isdigit():
            n = int(segment)
            if len(segment) == 2 and len(parent) == 4 and parent.isdigit() and 1 <= n <= 12:
                return active().month_names()[n - 1]  # articles/2025/06/
            if len(segment) == 4 and len(segments) == 2:
                return segment  # articles/2025/
            return _(PAGE_NUMBER, n=n)  # the second page of a long list, and on
        title = _page_of().sub("", item.title)
        if above:
            prefix = above[-1].title + ": "
            if title.startswith(prefix) and len(title) > len(prefix):
                rest = title[len(prefix) :]
                title = rest[0].upper() + rest[1:]
        return title


def nav_page(pages: Iterable[Any], trail: Sequence[Crumb]) -> Any | None:
    """The page of the site's navigation that holds the page of `trail`: the nav page of its
    nearest crumb (for an article, `Articles`), or None. `pages`: the nav's pages (MkDocs'
    `Navigation.pages`)."""
    by_url = {getattr(p, "url", None): p for p in pages}
    for crumb in reversed(trail):
        found = by_url.get(crumb.url)
        if found is not None:
            return found
    return None
