"""The content of every archive page, as HTML, from the archive and its cross-link index.

Knows nothing of MkDocs: the plugin asks for a page's HTML by its site URL. Templates are
Jinja2 with autoescape on, so every value from a contributor's YAML is escaped wherever it
lands (text, attributes, links).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..core.archive import Archive
from ..core.crosslinks import ROLES, CrossIndex, EntityStats
from ..core.dates import MONTHS
from ..core.links import base, href, url_of
from ..core.model import Article, Entity
from ..core.names import quote_text_key
from ..core.schema import KINDS, PLURAL, language_name
from ..core.slugs import slugify
from ..data import citations, feeds, jsonld, opendata
from ..text.mentions import NameMatcher
from .body import enhance, sanitize
from .charts import timeline_svg

KIND_LABEL = {
    "person": "Person",
    "organization": "Organization",
    "outlet": "Outlet",
    "topic": "Topic",
}  # noqa: E501
SECTION_TITLE = {
    "person": "People",
    "organization": "Organizations",
    "outlet": "Outlets",
    "topic": "Topics",
}  # noqa: E501
# (reference field, label, the search filter its chips set)
CHIP_GROUPS = [
    ("speakers", "Quoted", "person"),
    ("people", "People", "person"),
    ("organizations", "Organizations", "organization"),
    ("topics", "Topics", "topic"),
]
ROLE_LABEL = {
    ("person", "quoted"): "Quoted in",
    ("person", "author"): "Wrote",
    ("person", "mentioned"): "Mentioned in",
    ("organization", "mentioned"): "Mentioned in",
    ("topic", "mentioned"): "Articles",
    ("outlet", "outlet"): "Articles",
}


@dataclass
class Generated:
    """A page that exists only in the build: its source URI, title and how to render it."""

    src_uri: str
    title: str
    description: str
    render: Callable[[str], str]  # here (site URL) -> HTML

    @property
    def url(self) -> str:
        return url_of(self.src_uri)


@dataclass
class Pager:
    number: int
    count: int
    prev: str | None
    next: str | None


def chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def _letter(name: str) -> str:
    try:
        first = slugify(name)[0]
    except Exception:
        return "#"
    return first if first.isalpha() else "#"


class Site:
    """Everything the plugin needs to turn the archive into pages."""

    def __init__(
        self,
        archive: Archive,
        per_page: int = 50,
        related: int = 5,
        together: int = 12,
        az_threshold: int = 400,
        capture_url: Callable[[str], str | None] = lambda path: None,
        site_lang: str = "en",
        site_name: str = "Media archive",
        open_data: bool = True,
        site_url: str | None = None,
    ):
        self.site_name, self.open_data, self.site_url = site_name, open_data, site_url
        self.feed_paths: set[str] = set()
        self._cites: dict[int, dict[str, Any]] = {}
        self.archive = archive
        self.index = CrossIndex(archive, together_limit=together, related_limit=related)
        self.per_page, self.az_threshold = per_page, az_threshold
        self.capture_url = capture_url
        self.matcher = NameMatcher(archive.registry)
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("site_builder.site", "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.ChainableUndefined,
        )
        self._items: dict[tuple[int, bool], str] = {}
        self.site_lang = site_lang
        self.env.globals.update(
            article_item=self.article_item,
            href=href,
            site_lang=site_lang,
            chip_groups=CHIP_GROUPS,
            language_of=lambda code: language_name(code) or code,
            resolve_person=lambda text: archive.registry.resolve("person", text),
        )
        self._templates = {
            name: self.env.get_template(f"{name}.html")
            for name in (
                "article_header",
                "article_footer",
                "entity",
                "listing",
                "az",
                "timeline",
                "year",
                "home",
            )  # noqa: E501
        }
        self.generated: list[Generated] = []
        self._plan()

    def article_item(self, a: Article, here: str, show_summary: bool = False) -> Markup:
        """One article in a list. Lists are most of what the build renders, so each item is
        made once, in Python, with its links relative to the root, and reused."""
        k = (id(a), show_summary)
        item = self._items.get(k)
        if item is None:
            item = self._items[k] = self._item(a, show_summary)
        return Markup(item.replace("\x00", base(here)))

    def _item(self, a: Article, show_summary: bool) -> str:
        other_lang = a.language and a.language != self.site_lang
        lang = f' lang="{escape(a.language)}"' if other_lang else ""
        d = a.date
        when = f'<time datetime="{d.iso()}">{d.human()}</time>' if d else "undated"
        meta = [when]
        if a.outlet:
            meta.append(str(escape(a.outlet.name)))
        if other_lang:
            meta.append(str(escape(a.language.upper())))
        out = (
            f'<li><a href="\x00{escape(a.url)}"{lang}>{escape(a.title)}</a> '
            f"<span>{' · '.join(meta)}</span>"
        )
        summary = a.summary
        if show_summary and summary:
            if len(summary) > 240:
                summary = summary[:237].rsplit(" ", 1)[0] + "…"
            out += f' <span class="sb-item__summary">{escape(summary)}</span>'
        return out + "</li>"

    def _render(self, name: str, **context) -> str:
        return self._templates[name].render(**context)

    # -- articles ---------------------------------------------------------------------------

    def article_html(
        self, article: Article, body_html: str, *, sanitized: bool = False
    ) -> Composed:
        """The article page (header, sanitized and enhanced body, footer), what search
        indexes of it, and the quotes not found in the body. ``sanitized``: the body went
        through `sanitize` already."""
        here = article.url
        targets = {id(e): href(e.url, here) for e in article.entities() if e.kind != "outlet"}
        quotes = [quote_text_key(q.text) for q in article.quotes]
        clean = body_html if sanitized else sanitize(body_html)
        body = enhance(clean, self.matcher, targets, quotes)
        lang = article.language or "en"
        ctx = dict(
            a=article,
            here=here,
            language_name=language_name(lang),
            translations=self.index.translations.get(id(article), []),
            related=self.index.related.get(id(article), []),
            capture_url=self.capture_url(article.capture) if article.capture else None,
            cite=self._cite(article) if self.open_data else None,  # noqa: E501
        )
        html = (
            '<div class="sb-article">\n'
            + self._render("article_header", **ctx)
            + f'<div class="sb-body" lang="{lang}">\n{body.html}\n</div>\n'
            + self._render("article_footer", **ctx)
            + "</div>\n"
        )
        return Composed(html, lambda: self.article_search_html(article, clean), body.missing_quotes)

    @staticmethod
    def article_search_html(article: Article, clean_body: str) -> str:
        """What search indexes of an article, from its sanitized body: the same words as its
        page, without the page (so it is known before the page is composed)."""
        return _article_search_html(article, article.language or "en", clean_body)

    def _cite(self, article: Article) -> dict[str, Any]:
        cite = self._cites.get(id(article))
        if cite is None:
            url = self._absolute(article.url)
            csl = citations.csl_json(article, url)
            cite = self._cites[id(article)] = {
                "plain": citations.plain(article, url),
                "bibtex": citations.bibtex(article, url),
                "ris": citations.ris(article, url),
                "csl": json.dumps([csl], ensure_ascii=False),
                "csl_item": csl,
            }
        return cite

    # -- open data ----------------------------------------------------------------------------

    def _absolute(self, url: str) -> str | None:
        return self.site_url.rstrip("/") + "/" + url if self.site_url else None

    def open_data_files(self) -> dict[str, bytes | str]:
        """Data dumps, Atom feeds, citation files and robots.txt."""
        site_url = self.site_url
        out: dict[str, bytes | str] = {}
        out.update(opendata.dumps(self.archive, self.index, site_url, title=self.site_name))
        made = feeds.feeds(self.archive, self.index, site_url, site_name=self.site_name)
        self.feed_paths = set(made)
        out.update(made)
        # Every article's citation in one file per format, for a reference manager. An article
        # page downloads its own from the text in its Cite box (archive.js): one file per
        # article and format would be 30,000 files for 10,000 articles.
        cites = [self._cite(a) for a in self.archive.articles]
        out["data/citations.bib"] = "\n".join(c["bibtex"] for c in cites)
        out["data/citations.ris"] = "".join(c["ris"] for c in cites)
        out["data/citations.json"] = opendata.json_array([c["csl_item"] for c in cites])
        robots = "User-agent: *\nAllow: /\n"
        if site_url:
            robots += f"Sitemap: {site_url.rstrip('/')}/sitemap.xml\n"
        out["robots.txt"] = robots
        return out

    def feed_of(self, entity: Entity | None) -> str | None:
        path = feeds.feed_path(entity)
        return path if path in self.feed_paths else None

    def head_html(self, item: Article | Entity | None, here: str) -> str:
        """What goes into a page's <head>: feed links, JSON-LD, Open Graph, Highwire tags."""
        out: list[str] = []

        def meta(attr: str, name: str, content: str | None) -> None:
            if content:
                out.append(f'<meta {attr}="{escape(name)}" content="{escape(content)}">')

        feed, title = None, self.site_name
        if isinstance(item, Entity):  # an entry's page announces the entry's feed
            feed, title = self.feed_of(item), f"{item.name} in {self.site_name}"
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
        absolute = self._absolute(here)
        meta("property", "og:site_name", self.site_name)
        meta("property", "og:url", absolute)
        if isinstance(item, Article):
            out.append(jsonld.script_tag(jsonld.article_jsonld(item, self.site_url)))
            meta("property", "og:type", "article")
            meta("property", "og:title", item.title)
            meta("property", "og:description", item.summary)
            meta("property", "og:locale", item.language)
            for name, content in citations.highwire(item, absolute):
                meta("name", name, content)
        else:
            out.append(jsonld.script_tag(jsonld.entity_jsonld(item, self.site_url, self.archive)))
            meta("property", "og:type", "profile" if item.kind == "person" else "website")
            meta("property", "og:title", item.name)
            meta("property", "og:description", item.description)
        return "".join(out)

    # -- entities ---------------------------------------------------------------------------

    def entity_html(self, entity: Entity, bio_html: str, *, sanitized: bool = False) -> Composed:
        """The entity's page and what search indexes of it. ``sanitized``: the biography
        went through `sanitize` already."""
        here = entity.url
        s = self.index.of(entity)
        per = self.per_page
        groups = []
        for role in ROLES:
            arts = s.roles.get(role)
            label = ROLE_LABEL.get((entity.kind, role))
            if not arts or not label:
                continue
            more = f"{entity.url}{role}/" if len(arts) > per else None
            groups.append((label, role, arts[:per], len(arts), more))
        links = []
        if entity.website:
            links.append(("Website", entity.website))
        if entity.home_url:
            links.append(("Website", entity.home_url))
        if entity.wikidata:
            links.append(("Wikidata", f"https://www.wikidata.org/wiki/{entity.wikidata}"))
        roles = []
        for r in entity.roles:
            org = (
                self.archive.registry.resolve("organization", r.organization.text)
                if r.organization
                else None
            )  # noqa: E501
            roles.append((r.title, org, r.start, r.end))
        parent_ref = entity.parent
        parent = (
            self.archive.registry.resolve("organization", parent_ref.text) if parent_ref else None
        )  # noqa: E501
        quotes_shown = 20
        bio = self._bio(bio_html, sanitized)
        kind_label = KIND_LABEL[entity.kind] + (f" · {entity.org_type}" if entity.org_type else "")
        html = (
            f'<div class="sb-{entity.kind}">\n'
            + self._render(
                "entity",
                e=entity,
                s=s,
                here=here,
                kind_label=kind_label,
                links=links,
                roles=roles,
                members=s.members,
                parent=parent,
                bio=bio,
                timeline=Markup(timeline_svg(s.months)),
                quotes=s.quotes[:quotes_shown],
                quotes_more=f"{entity.url}quotes/" if len(s.quotes) > quotes_shown else None,
                groups=groups,
                together=s.together,
                feed=self.feed_of(entity),
            )
            + "</div>\n"
        )
        return Composed(html, lambda: _entity_search_html(entity, bio))

    def entity_search_html(self, entity: Entity, clean_bio: str) -> str:
        """What search indexes of a registry entry, from its sanitized biography."""
        return _entity_search_html(entity, self._bio(clean_bio, sanitized=True))

    @staticmethod
    def _bio(bio_html: str, sanitized: bool) -> Markup | None:
        if not bio_html.strip():
            return None
        return Markup(bio_html if sanitized else sanitize(bio_html))

    # -- generated pages --------------------------------------------------------------------

    def _add(self, src_uri: str, title: str, description: str, render: Callable[[str], str]):
        self.generated.append(Generated(src_uri, title, description, render))

    def _series(self, base: str, items: list, title: str, description: str, page_html):
        """Pages `base/`, `base/2/`, ... of `per_page` items each, with a pager."""
        pages = chunks(items, self.per_page)
        urls = [f"{base}/"] + [f"{base}/{n}/" for n in range(2, len(pages) + 1)]
        for n, items_n in enumerate(pages, start=1):
            src = f"{base}.md" if n == 1 else f"{base}/{n}.md"
            pager = Pager(
                n, len(pages), urls[n - 2] if n > 1 else None, urls[n] if n < len(pages) else None
            )  # noqa: E501
            suffix = f" (page {n} of {len(pages)})" if len(pages) > 1 else ""
            self._add(
                src,
                title + suffix,
                description,
                lambda here, items_n=items_n, pager=pager, t=title + suffix: page_html(
                    here, t, items_n, pager
                ),  # noqa: E501
            )

    def _plan(self) -> None:
        self._plan_entity_series()
        for kind in KINDS:
            self._plan_az(kind)
        self._plan_timeline()

    def _plan_entity_series(self) -> None:
        per = self.per_page
        for entity in self.archive.registry:
            s = self.index.of(entity)
            for role in ROLES:
                arts = s.roles.get(role) or []
                label = ROLE_LABEL.get((entity.kind, role))
                if label and len(arts) > per:
                    self._series(
                        f"{PLURAL[entity.kind]}/{entity.id}/{role}",
                        arts,
                        f"{entity.name}: {label.lower()}",
                        f"Every article in which {entity.name} is {role}, newest first.",
                        self._listing,
                    )
            if len(s.quotes) > 20:
                self._series(
                    f"{PLURAL[entity.kind]}/{entity.id}/quotes",
                    s.quotes,
                    f"{entity.name}: quotes",
                    f"Every quote of {entity.name} in the archive, newest first.",
                    self._quote_listing,
                )

    def _listing(self, here: str, title: str, articles: list, pager: Pager) -> str:
        return self._render("listing", title=title, here=here, articles=articles, pager=pager)

    def _quote_listing(self, here: str, title: str, quotes: list, pager: Pager) -> str:
        return self._render("listing", title=title, here=here, quotes=quotes, pager=pager)

    def _plan_az(self, kind: str) -> None:
        folder = PLURAL[kind]
        stats = sorted(
            (self.index.of(e) for e in self.archive.registry.entities[kind].values()),
            key=lambda s: (_letter(s.entity.name), s.entity.name.casefold()),
        )
        by_letter: dict[str, list[EntityStats]] = defaultdict(list)
        for s in stats:
            by_letter[_letter(s.entity.name)].append(s)
        title = SECTION_TITLE[kind]
        noun = title.lower()
        split = len(stats) > self.az_threshold
        letters = [
            (
                letter,
                f"{folder}/letter-{'0' if letter == '#' else letter}/" if split else None,
                len(rows),
            )  # noqa: E501
            for letter, rows in by_letter.items()
        ]

        def index_html(here: str) -> str:
            top = self.index.top(kind, "articles", 30) if split else []
            groups = [] if split else list(by_letter.items())
            return self._render(
                "az", title=title, here=here, total=len(stats), noun=noun,
                letters=letters, top=top, groups=groups, pager=None,
            )  # fmt: skip

        self._add(f"{folder}/index.md", title, f"All {noun} in the archive, A–Z.", index_html)
        if not split:
            return
        for letter, rows in by_letter.items():
            slug = "0" if letter == "#" else letter

            def letter_html(here, t, rows_n, pager, letter=letter):
                return self._render(
                    "az", title=t, here=here, total=len(stats), noun=noun,
                    letters=letters, top=[], groups=[(letter, rows_n)], pager=pager,
                )  # fmt: skip

            self._series(
                f"{folder}/letter-{slug}",
                rows,
                f"{title}: {letter.upper()}",
                f"{title} whose names start with {letter.upper()}.",
                letter_html,
            )

    def _plan_timeline(self) -> None:
        by_year: dict[int, list[Article]] = defaultdict(list)
        undated = []
        for a in self.index.articles:
            (by_year[a.date.year] if a.date else undated).append(a)
        years = []
        for year in sorted(by_year, reverse=True):
            arts = by_year[year]
            by_month: dict[int | None, list[Article]] = defaultdict(list)
            for a in arts:
                by_month[a.date.month].append(a)
            months = []
            for month in sorted((m for m in by_month if m), reverse=True):
                label = MONTHS[month - 1]
                base = f"articles/{year:04d}/{month:02d}"
                months.append((label, f"{base}/", len(by_month[month])))
                self._series(
                    base,
                    by_month[month],
                    f"{label} {year}",
                    f"Articles published in {label} {year}.",
                    self._listing,
                )
            if None in by_month:
                months.append(
                    ("Month not known", f"articles/{year:04d}/#month-unknown", len(by_month[None]))
                )  # noqa: E501
            years.append(_Year(year, f"articles/{year:04d}/", len(arts), months))
            groups = [
                (f"{MONTHS[m - 1]} {year}" if m else "Month not known", by_month[m])
                for m in sorted(by_month, key=lambda m: m or 0, reverse=True)
            ]
            small = len(arts) <= self.per_page
            shown = groups if small else [g for g in groups if g[0] == "Month not known"]

            n = len(arts)

            def year_html(here, year=year, months=months, shown=shown, small=small, n=n):
                return self._render(
                    "year", title=str(year), here=here, months=months, groups=shown,
                    more=not small, intro=f"{n} article{'s' * (n != 1)} published in {year}.",
                )  # fmt: skip

            self._add(f"articles/{year:04d}/index.md", str(year), f"Articles of {year}.", year_html)

        total = len(self.index.articles)

        def timeline_html(here: str) -> str:
            return self._render(
                "timeline", title="Articles", here=here, years=years,
                intro=f"{total} article{'s' * (total != 1)} by year and month of publication.",
            )  # fmt: skip

        self._add(
            "articles/index.md", "Articles", "Every article by year and month.", timeline_html
        )

    # -- redirects --------------------------------------------------------------------------

    def redirects(self) -> list[tuple[str, str, str]]:
        """(old URL, current URL, title) from the `former_ids` of entries and articles."""
        out = []
        for e in self.archive.registry:
            for old in e.former_ids:
                out.append((f"{PLURAL[e.kind]}/{old}/", e.url, e.name))
        for a in self.archive.articles:
            folder = a.src_uri.rsplit("/", 1)[0]
            for old in a.former_ids:
                out.append((f"{folder}/{old}/", a.url, a.title))
        return out

    @staticmethod
    def redirect_html(old: str, new: str, title: str) -> str:
        """A page at `old` that sends readers (and search engines) on to `new`."""
        target = escape(href(new, old))
        return (
            '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>Moved: {escape(title)}</title>"
            f'<meta http-equiv="refresh" content="0; url={target}">'
            f'<link rel="canonical" href="{target}"><meta name="robots" content="noindex">'
            f'</head><body><p>This page has moved to <a href="{target}">{escape(title)}</a>.'
            "</p></body></html>\n"
        )

    # -- home -------------------------------------------------------------------------------

    def home_html(self, here: str = "") -> str:
        reg = self.archive.registry.entities
        n_quotes = sum(len(a.quotes) for a in self.archive.articles)
        totals = [
            (n, one if n == 1 else many, url)
            for n, one, many, url in [
                (len(self.archive.articles), "article", "articles", "articles/"),
                (len(reg["person"]), "person", "people", "people/"),
                (len(reg["organization"]), "organization", "organizations", "organizations/"),
                (len(reg["outlet"]), "outlet", "outlets", "outlets/"),
                (len(reg["topic"]), "topic", "topics", "topics/"),
                (n_quotes, "quote", "quotes", "people/"),
            ]
        ]
        return self._render(
            "home",
            here=here,
            totals=totals,
            latest=self.index.articles[:10],
            quoted=self.index.top("person", "quotes", 10),
            organizations=self.index.top("organization", "articles", 10),
            topics=self.index.top("topic", "articles", 10),
            feed=self.feed_of(None),
        )


@dataclass(frozen=True)
class Composed:
    """A page's content as the reader sees it, and the part of it search indexes."""

    html: str
    search: Callable[[], str]
    """Makes `search_html` when it is asked for: the plugin sends an article's words to search
    before it composes the page, so a composed page's search document is rarely needed."""
    missing_quotes: list[int] = field(default_factory=list)

    @property
    def search_html(self) -> str:
        return self.search()


# What search reads of a page is written apart from the page: the page carries no search
# markup, and Pagefind gets only what it indexes, with its weights, filters and metadata
# (see site_builder/search/). Filters sit in an element Pagefind reads but does not index.


def _search_body(kind: str, attrs: dict[str, str], parts: list[str]) -> str:
    rendered = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
    return (
        f'<div data-pagefind-body data-pagefind-filter="type:{kind}"{rendered}>\n'
        + "\n".join(p for p in parts if p)
        + "\n</div>\n"
    )


def _filters(pairs: list[tuple[str, str]]) -> str:
    spans = "".join(
        f'<span data-pagefind-filter="{name}">{escape(value)}</span>' for name, value in pairs
    )
    return f'<div data-pagefind-ignore="index">{spans}</div>' if spans else ""


def _article_search_html(article: Article, lang: str, body_html: str) -> str:
    """Headline (weighted highest), summary, filters and body of an article, for Pagefind.

    It carries its date and outlet for the result line, and the names (all spellings) of the
    people it references, so a query in another script still finds them.
    """
    people = [n for e in article.entities() if e.kind == "person" for n in e.names]
    attrs = {
        "data-pagefind-meta": "date[data-date], outlet[data-outlet], people[data-people], "
        "type:article",
        "data-date": article.date.iso() if article.date else "",
        "data-outlet": article.outlet.name if article.outlet else "",
        "data-people": ", ".join(dict.fromkeys(people)),
    }
    pairs = []
    if article.outlet:
        pairs.append(("outlet", article.outlet.name))
    if article.date:
        pairs.append(("year", str(article.date.year)))
    if language_name(lang):
        pairs.append(("language", language_name(lang)))
    listed = [("authors", "person"), *[(f, name) for f, _, name in CHIP_GROUPS]]
    seen = set()
    for field_name, name in listed:
        for e in article.refs.get(field_name) or []:
            if (name, id(e)) not in seen:
                seen.add((name, id(e)))
                pairs.append((name, e.name))
    summary = article.summary
    return _search_body(
        "article",
        attrs,
        [
            f'<h1 data-pagefind-weight="10">{escape(article.title)}</h1>',
            f'<p data-pagefind-weight="2">{escape(summary)}</p>' if summary else "",
            _filters(pairs),
            f'<div lang="{lang}">\n{body_html}\n</div>',
        ],
    )


def _entity_search_html(entity: Entity, bio: str | None) -> str:
    """Name (weighted highest), aliases, description and biography of a registry entry.

    It carries every name and alias as metadata, which the search UI boosts: a query for a
    person's name shows the person's page first.
    """
    # The kind is the result's type line already: the text starts with what the entry is.
    about = " · ".join(str(escape(x)) for x in (entity.abbreviation, entity.description) if x)
    aliases = " · ".join(str(escape(a)) for a in entity.aliases)
    return _search_body(
        entity.kind,
        {"data-pagefind-meta": f"names[data-names], type:{entity.kind}",
         "data-names": ", ".join(entity.names)},
        [
            f'<h1 data-pagefind-weight="10">{escape(entity.name)}</h1>',
            f"<p>{about}</p>" if about else "",
            f'<p data-pagefind-weight="8">Also written {aliases}</p>' if aliases else "",
            str(bio) if bio else "",
        ],
    )  # fmt: skip


def search_page_html() -> str:
    """The search page: search.js fills `#sb-search` with the box, facets and results."""
    return (
        '<h1 class="sb-title">Search</h1>\n<div id="sb-search"><noscript><p>Search needs '
        "JavaScript. Browse the People, Organizations, Outlets and Topics pages instead."
        "</p></noscript></div>\n"
    )


def searchable_page(html: str) -> Composed:
    """A hand-written page (about, contributing), sanitized like every body a pull request
    can change, and found by search as such."""
    clean = sanitize(html)
    return Composed(clean, lambda: _search_body("page", {}, [clean]))


@dataclass
class _Year:
    year: int
    url: str
    count: int
    months: list
