"""Everything the plugin needs to turn the archive into pages, and which page is which.

`Site` builds one object per kind of page (articles, entries, A-Z indexes, the timeline,
the home page, redirects) and the builders of head metadata and open-data files, and maps
every page's source URI to what it shows (`Site.sources`), so that the plugin finds a page's
kind in one look-up.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..core import i18n
from ..core.archive import Archive
from ..core.crosslinks import CrossIndex
from ..core.i18n import _
from ..core.made import Made
from ..core.model import Article, Entity, HandPage
from ..data.catalogue import catalogue_files
from ..data.citations import Citations
from ..data.files import OpenDataFiles
from ..data.names import PATH as NAMES_PATH
from ..data.names import names_index
from ..text.mentions import NameMatcher
from .articles import ArticlePages, captures_to_publish
from .breadcrumbs import Breadcrumbs
from .downloads import DataPage
from .entities import EntityPages
from .head import HeadMetadata
from .home import HomePage
from .indexes import IndexPages
from .labels import SEARCH_NO_SCRIPT, script_words
from .plan import Generated, Plan
from .quotes import QuoteExplorer
from .redirects import Redirect, redirects
from .render import Renderer
from .timeline import TimelinePages

SEARCH_PAGE = "search.md"

# What a page of the site shows: an article, a registry entry, a hand-written page, or a
# page the build makes (indexes, dates, the search page).
Source = Article | Entity | HandPage | Generated


def _no_capture_url(path: str) -> str | None:
    return None


@dataclass(frozen=True)
class SiteOptions:
    per_page: int = 50
    """Items per page of a long list."""
    related: int = 5
    """Related articles an article page lists."""
    together: int = 12
    """People and organizations an entry's page lists under 'Often appears with'."""
    az_threshold: int = 400
    """Above this many entries, an A-Z index gets one page per letter."""
    capture_url: Callable[[str], str | None] = field(default=_no_capture_url)
    """Where a capture (`archive/...`) can be browsed, if anywhere."""
    publish_captures: bool = True
    """Publish every capture with the site, as text (`captures/...`)."""
    site_lang: str = "en"
    site_name: str = "Media archive"
    site_url: str | None = None
    open_data: bool = True
    """Data dumps, feeds, citation files and the head's JSON-LD and citation tags."""
    entry_downloads: bool = True
    """Each entry's articles and quotes as CSV and JSON beside its page."""
    search: bool = False
    """The search page."""
    site_dir: str | None = None
    """Where the build writes the site: the Data page gives the size of what MkDocs wrote."""


class Site:
    def __init__(
        self, archive: Archive, options: SiteOptions | None = None, made: Made | None = None
    ) -> None:
        """`made`: the entries' data files as earlier builds made them (core/made.py), and
        the keys of the generated pages."""
        options = options or SiteOptions()
        self.archive, self.options = archive, options
        i18n.activate(options.site_lang)  # the interface's words, from here on
        self.index = CrossIndex(
            archive, together_limit=options.together, related_limit=options.related, made=made
        )
        renderer = Renderer(archive, options.site_lang)
        citations = Citations(options.site_url, made)
        self.open_data: OpenDataFiles | None = None
        # site path -> the capture's file, copied there as it is
        self.captures: dict[str, Path] = (
            captures_to_publish(archive) if options.publish_captures else {}
        )
        feed_of: Callable[[Entity | None], str | None] = _no_feed
        if options.open_data:
            self.open_data = OpenDataFiles(
                archive, self.index, citations, options.site_url, options.site_name,
                entry_downloads=options.entry_downloads, made=made,
            )  # fmt: skip
            feed_of = self.open_data.feed_of
        self.articles = ArticlePages(
            renderer,
            self.index,
            NameMatcher(archive.registry),
            options.capture_url,
            citations if options.open_data else None,
            published=self.captures,
        )
        self.entities = EntityPages(
            renderer,
            archive,
            self.index,
            options.per_page,
            feed_of,
            self.open_data.entries if self.open_data else None,
        )
        self.quotes = QuoteExplorer(renderer, archive, self.index, options.per_page)
        self.home = HomePage(renderer, archive, self.index, feed_of, self.quotes)
        self.head = HeadMetadata(archive, options.site_name, options.site_url, feed_of)
        plan = Plan(options.per_page, made=made)
        self.entities.plan(plan)
        IndexPages(renderer, archive, self.index, options.az_threshold).plan(plan)
        TimelinePages(renderer, self.index, options.per_page).plan(plan)
        self.quotes.plan(plan)  # after the entries' pages: it links to their quotes pages
        DataPage(
            renderer, archive, self.index, self.open_data, options.site_url, options.site_dir,
            self.captures,
        ).plan(plan)  # fmt: skip
        # site path -> content: what the search page reads besides Pagefind's bundle
        self.search_files: dict[str, str] = {}
        if options.search:
            self.search_files[NAMES_PATH] = self._names(made)
            self.search_files.update(catalogue_files(archive, self.index))
            plan.add(SEARCH_PAGE, _("Search"),
                     _("Search the archive: articles, people, organizations"),
                     lambda here: search_page_html())  # fmt: skip
        self.generated: list[Generated] = plan.pages
        self.redirects: list[Redirect] = redirects(archive)
        self.sources: dict[str, Source] = {}
        for group in (archive.registry, archive.articles, archive.pages, self.generated):
            self.sources.update((item.src_uri, item) for item in group)
        self.breadcrumbs = Breadcrumbs(self.sources, options.site_url)

    def _names(self, made: Made | None) -> str:
        """search/names.json: the registry's names and forms (in `made`'s token) and each
        entry's number of articles."""
        if made is None:
            return names_index(self.archive, self.index)
        counts = (f"{e.src_uri} {len(self.index.of(e).articles)}" for e in self.archive.registry)
        key = made.key_of("names", NAMES_PATH, counts)
        names: str | None = made.get(key)
        if names is None:
            names = names_index(self.archive, self.index)
        made.put(key, names)
        return names


def _no_feed(entity: Entity | None) -> str | None:
    return None


def search_page_html() -> str:
    """The search page: search.js fills `#sb-search` with the form, facets and results, in
    the words of `labels.SEARCH_WORDS` (carried as JSON in `data-sb-labels`)."""
    words = html.escape(json.dumps(script_words(), ensure_ascii=False), quote=True)
    return (
        f'<h1 class="sb-title">{html.escape(_("Search"))}</h1>\n'
        f'<div id="sb-search" data-sb-labels="{words}">'
        f"<noscript><p>{html.escape(_(SEARCH_NO_SCRIPT))}</p></noscript></div>\n"
    )
