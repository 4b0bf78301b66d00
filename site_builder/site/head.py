"""What goes into a page's <head> besides the theme's: feed links, JSON-LD, Open Graph and
Highwire tags (the latter so that Zotero saves an article with one click)."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import escape

from ..core.archive import Archive
from ..core.i18n import _
from ..core.links import href
from ..core.model import Article, Entity
from ..data import citations, jsonld


# No og:description: it would repeat the page's description, which link previews read when
# it is missing (and an article page has a byte budget).
class HeadMetadata:
    def __init__(
        self,
        archive: Archive,
        site_name: str,
        site_url: str | None,
        feed_of: Callable[[Entity | None], str | None],
    ) -> None:
        self.archive, self.site_name, self.site_url = archive, site_name, site_url
        self.feed_of = feed_of

    def html(self, item: Article | Entity | None, here: str) -> str:
        """The tags for the page at site URL `here`, showing `item` (None: another page)."""
        out: list[str] = []

        def meta(attr: str, name: str, content: str | None) -> None:
            if content:
                out.append(f'<meta {attr}="{escape(name)}" content="{escape(content)}">')

        feed, title = None, self.site_name
        if isinstance(item, Entity):  # an entry's page announces the entry's feed
            feed = self.feed_of(item)
            title = _("{name} in {site}", name=item.name, site=self.site_name)
        elif item is None and here == "":  # the home page, the archive's
            feed = self.feed_of(None)
        if feed:
            # "alternate feed", not just "alternate": Material takes every link[rel=alternate]
            # for another language of the site and fetches a sitemap.xml beside it (a 404 on
            # every page); feed readers look for the "alternate" token, which is still there.
            out.append(
                f'<link rel="alternate feed" type="application/atom+xml" title="{escape(title)}" '
                f'href="{escape(href(feed, here))}">'
            )
        if item is None:
            return "".join(out)
        absolute = citations.page_url_of(here, self.site_url)
        meta("property", "og:site_name", self.site_name)
        meta("property", "og:url", absolute)
        if isinstance(item, Article):
            out.append(jsonld.script_tag(jsonld.article_jsonld(item, self.site_url)))
            meta("property", "og:type", "article")
            meta("property", "og:title", item.title)
            meta("property", "og:locale", item.language)
            for name, content in citations.highwire(item, absolute):
                meta("name", name, content)
        else:
            out.append(jsonld.script_tag(jsonld.entity_jsonld(item, self.site_url, self.archive)))
            meta("property", "og:type", "profile" if item.kind == "person" else "website")
            meta("property", "og:title", item.name)
        return "".join(out)
