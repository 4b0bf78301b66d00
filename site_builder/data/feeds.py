"""Atom feeds: the latest articles of the archive, and of each person, organization, outlet
and topic, so that a reader can follow them.

Written with feedgen; valid Atom 1.0 (RFC 4287). Decisions:

- **Dates.** An entry's `updated` is the article's publication date at midnight UTC. Atom
  needs a full timestamp, so a date known only to the month or the year becomes its first
  day (`2025-06` -> 2025-06-01, `2025` -> 2025-01-01); the entry's title does not say so,
  but its page does. The feed's `updated` is its newest entry's: the output depends on the
  archive alone, never on the time of the build.
- **URLs without `site_url`.** Feed readers need absolute ids. With a `site_url`, ids are the
  pages' absolute URLs (as Hugo and Jekyll do). Without one, links are relative to the feed's
  own address, which RFC 4287 allows and readers resolve (the feeds sit at fixed places in the
  site), and ids are `urn:uuid:` URNs made from the article or entry id, stable from build to
  build; they change once, when a `site_url` is set. The plugin should warn
  (`NO_SITE_URL_WARNING`) so that maintainers set one.
- **Empty feeds.** An entry in no article gets no feed: there is nothing to follow yet, and
  Atom's required `updated` would have to be invented. `feed_path(entity)` in the result of
  `feeds()` tells the templates whether to announce one.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from ..core.archive import Archive
from ..core.crosslinks import CrossIndex
from ..core.dates import PartialDate
from ..core.i18n import N_, _
from ..core.links import base
from ..core.model import Article, Entity
from ..core.schema import KINDS, PLURAL
from .opendata import page_url

if TYPE_CHECKING:
    from ..core.made import Made

LIMIT = 50
"""Entries in the archive's own feed."""
ENTRY_LIMIT = 20
"""Entries in each person's, organization's, outlet's and topic's feed. A feed is for news:
a reader polls it and keeps what it saw; twenty covers months of most entries, and at 10,000
articles the 1,500 feeds of the registry stay a few megabytes instead of twenty."""
FEED = "feed.xml"
NO_SITE_URL_WARNING = (
    "site_url is not set: the Atom feeds use relative links and urn:uuid ids, which change "
    "once site_url is set; set site_url in mkdocs.yml (or the SITE_URL variable)"
)
_SUBTITLE = {
    "person": N_("Articles that quote, mention or are written by {name} in {site}"),
    "organization": N_("Articles that mention {name} in {site}"),
    "outlet": N_("Articles published by {name} in {site}"),
    "topic": N_("Articles on {name} in {site}"),
}
# Characters XML 1.0 cannot carry at all, even escaped: lxml refuses them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def feed_path(entity: Entity | None = None) -> str:
    """Where the feed of `entity` (or of the whole archive) is, relative to the site root."""
    return f"{PLURAL[entity.kind]}/{entity.id}/{FEED}" if entity else FEED


def timestamp(date: PartialDate | None) -> dt.datetime:
    """The first moment of `date` in UTC; the epoch when there is no date."""
    day = date.first_day() if date else dt.date(1970, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _text(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


class _Urls:
    """URLs as one feed writes them: absolute under `site_url`, else relative to the feed."""

    def __init__(self, site_url: str | None, feed: str):
        self.site_url = site_url
        self.here = feed.rpartition("/")[0] + "/" if "/" in feed else ""
        # Entries are the same in every feed with the same key: absolute links everywhere,
        # or relative links from the same depth (they resolve to the same pages).
        self.key = "" if site_url else base(self.here)

    def link(self, path: str) -> str:
        if self.site_url:
            return page_url(path, self.site_url)
        # Up to the root and down, even to the feed's own page: an entry is shared by the
        # feeds at its depth (`key`), where `href`'s "./" for the page of the feed it was
        # made for would lead each other feed to its own page.
        return self.key + path or "./"

    def id(self, path: str) -> str:
        if self.site_url:
            return page_url(path, self.site_url)
        return uuid.uuid5(uuid.NAMESPACE_URL, "site-builder:" + path).urn


# feedgen ships no types and has no stubs (it is in pyproject's ignore_missing_imports), so
# FeedEntry is Any to mypy, and strict mode refuses to subclass Any.
class _Entry(FeedEntry):  # type: ignore[misc]
    def atom_entry(self, extensions: bool = True) -> Any:  # an lxml element: lxml is untyped
        entry = super().atom_entry(extensions)
        # feedgen 1.0 writes only the href of an entry's links, dropping rel, type and
        # hreflang (lkiesow/python-feedgen#135): two links would then both be "alternate".
        links = [el for el in entry if el.tag == "link"]
        for element, data in zip(links, self.link() or [], strict=True):
            for key in ("rel", "type", "hreflang", "title", "length"):
                if data.get(key):
                    element.set(key, str(data[key]))
        return entry


def _entry(article: Article, urls: _Urls) -> FeedEntry:
    fe = _Entry()
    fe.id(urls.id(article.url))
    fe.title(_text(article.title))
    fe.updated(timestamp(article.date))
    link = {"href": urls.link(article.url), "rel": "alternate", "type": "text/html"}
    if article.language:
        link["hreflang"] = article.language
    fe.link(**link)
    if article.original_url:
        fe.link(href=article.original_url, rel="related", title=_("Original"))
    if article.summary:
        fe.summary(_text(article.summary))
    authors = article.refs.get("authors") or []
    for person in authors:
        fe.author(name=_text(person.name), uri=urls.link(person.url))
    if not authors and article.outlet:  # no byline: the outlet published it
        fe.author(name=_text(article.outlet.name), uri=urls.link(article.outlet.url))
    for topic in article.refs.get("topics") or []:
        category = {"term": topic.id, "label": _text(topic.name)}
        if urls.site_url:  # a scheme is an IRI: without site_url there is none to give
            category["scheme"] = page_url("topics/", urls.site_url)
        fe.category(**category)
    return fe


def atom_feed(
    title: str,
    feed_url: str,
    site_url: str | None,
    articles: Iterable[Article],
    *,
    subtitle: str | None = None,
    alternate: str = "",
    author: str | None = None,
    limit: int = LIMIT,
) -> bytes:
    """An Atom feed of the first `limit` of `articles` (give them newest first).

    `feed_url` and `alternate` (the page the feed follows) are site-relative paths, e.g.
    `people/x/feed.xml` and `people/x/`; they become absolute under `site_url`. `author`
    names whoever answers for the feed (the site): Atom needs one for entries with no byline
    and no outlet.
    """
    urls = _Urls(site_url, feed_url)
    entries = [_entry(a, urls) for a in list(articles)[:limit]]
    return _feed(title, feed_url, urls, entries, subtitle, alternate, author or title)


def _feed(
    title: str,
    feed_url: str,
    urls: _Urls,
    entries: list[FeedEntry],
    subtitle: str | None,
    alternate: str,
    author: str,
) -> bytes:
    fg = FeedGenerator()
    fg.id(urls.id(feed_url))
    fg.title(_text(title))
    if subtitle:
        fg.subtitle(_text(subtitle))
    fg.author(name=_text(author))
    fg.link(href=urls.link(alternate), rel="alternate", type="text/html")
    fg.link(href=urls.link(feed_url), rel="self", type="application/atom+xml")
    fg.generator("site-builder")  # no version: a feedgen upgrade changes no feed
    newest = max((fe.updated() for fe in entries), default=timestamp(None))
    fg.updated(newest)
    for fe in entries:
        fg.add_entry(fe, order="append")
    return cast(bytes, fg.atom_str(pretty=True))  # lxml's tostring: bytes, feedgen is untyped


def feeds(
    archive: Archive,
    index: CrossIndex,
    site_url: str | None = None,
    *,
    site_name: str = "Media archive",
    limit: int = LIMIT,
    entry_limit: int = ENTRY_LIMIT,
    made: Made | None = None,
) -> dict[str, bytes]:
    """Every feed of the site: `feed.xml` for the archive and `<kind>/<id>/feed.xml` for each
    registry entry that appears in an article; site-relative path -> Atom XML. `made`: the
    entries' feeds as an earlier build made them, taken where nothing they show changed."""
    out: dict[str, bytes] = {}
    cache: dict[tuple[str, int], FeedEntry] = {}  # an article is in many feeds: build once

    def entries(path: str, articles: list[Article], n: int) -> tuple[_Urls, list[FeedEntry]]:
        urls = _Urls(site_url, path)
        out_ = []
        for a in articles[:n]:
            key = (urls.key, id(a))
            if key not in cache:
                cache[key] = _entry(a, urls)
            out_.append(cache[key])
        return urls, out_

    if index.articles:
        urls, fes = entries(FEED, index.articles, limit)
        out[FEED] = _feed(
            site_name,
            FEED,
            urls,
            fes,
            _("Latest articles in {site}", site=site_name),
            "",
            site_name,
        )
    for kind in KINDS:
        for entity in sorted(archive.registry.entities[kind].values(), key=lambda e: e.id):
            articles = index.of(entity).articles
            if not articles:
                continue
            path = feed_path(entity)
            key = (
                made.key("feed", entity.src_uri, articles[:entry_limit]) if made is not None else ""
            )
            kept = made.get(key) if made is not None else None
            if kept is not None:
                out[path] = kept
                continue
            urls, fes = entries(path, articles, entry_limit)
            subtitle = _(_SUBTITLE[kind], name=entity.name, site=site_name)
            out[path] = _feed(
                f"{entity.name} · {site_name}", path, urls, fes, subtitle, entity.url, site_name
            )
            if made is not None:
                made.put(key, out[path])
    return out
