"""What Pagefind indexes of each page: a document written apart from the page.

The site's pages carry no search markup. For each page the plugin sends Pagefind a small
HTML document of its own: the headline and summary weighted, the filters (outlet, year,
language, people, organizations, topics, type) in an element Pagefind reads but does not
index, the names every person goes by as metadata, and the sanitized body.
"""

from __future__ import annotations

import html
import re

from markupsafe import escape

from ..core.dates import PartialDate
from ..core.facets import article_facets, sort_date
from ..core.i18n import _
from ..core.model import Article, Entity
from ..core.translit import STOPWORDS, fold, spellings

_ANCHOR_IDS = re.compile(r' id="[pq]-\d+"')
_WORD = re.compile(r"\w+")


def search_document(search_html: str, *, title: str = "", lang: str = "") -> str:
    """The HTML document Pagefind indexes for one page.

    ``search_html`` is what search reads of the page: its ``data-pagefind-body`` element,
    written apart from the page by the site (headline and summary weighted, filters,
    metadata, body), so the page itself carries no search markup and Pagefind parses no
    theme chrome. ``title`` (HTML-escaped text) goes into ``<title>``; ``lang`` into ``<html
    lang>``, which decides the page's index when the language is not forced. Paragraph and
    quote ids (``p-N``, ``q-N``) are left out: Pagefind keeps the text of every element with
    an id as an anchor, which for paragraphs stores the article a second time, and results
    link to headings, not paragraphs.
    """
    return (
        f'<!doctype html><html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body>{_ANCHOR_IDS.sub('', search_html)}</body></html>"
    )


# What search reads of a page is written apart from the page: the page carries no search
# markup, and Pagefind gets only what it indexes, with its weights, filters and metadata.
# Filters sit in an element Pagefind reads but does not index.


def _body(kind: str, attrs: dict[str, str], parts: list[str]) -> str:
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


def article_html(article: Article, body_html: str) -> str:
    """Headline (weighted highest), summary, filters and sanitized body of an article.

    It carries its date and outlet for the result line, and, as metadata `refs`, every
    spelling of every entry it references (people, organizations, topics) with their
    transliterations (`translit.spellings`), so that 'Kozhor', 'Кожор' and 'Kojor' find the
    same articles. Pagefind searches metadata (at weight 1 unless the search page's
    `metaWeights` says otherwise) but never shows it in an excerpt.
    """
    lang = article.language or "en"
    refs = _refs(article)
    attrs = {
        "data-pagefind-meta": "date[data-date], outlet[data-outlet], refs[data-refs], "
        "lang[data-lang], type:article",
        "data-date": article.date.iso() if article.date else "",
        # the result's title and excerpt are marked with it where the site speaks another
        "data-lang": lang,
        "data-outlet": article.outlet.name if article.outlet else "",
        "data-refs": " ".join(refs),
    }
    if article.date:
        # The search page sorts by it (newest, oldest; browsing without a query).
        attrs["data-pagefind-sort"] = f"date:{sort_date(article.date)}"
    pairs = article_facets(article)
    summary = article.summary
    return _body(
        "article",
        attrs,
        [
            f'<h1 data-pagefind-weight="10">{escape(article.title)}</h1>',
            f'<p data-pagefind-weight="2">{escape(summary)}</p>' if summary else "",
            _filters(pairs),
            f'<div lang="{lang}">\n{body_html}\n</div>',
        ],
    )


def entity_html(
    entity: Entity, bio_html: str, *, articles: int = 0, latest: PartialDate | None = None
) -> str:
    """Name (weighted highest), aliases, description and sanitized biography of an entry.

    It carries every name and alias as metadata (`names`), which the search UI boosts: a
    query for a person's name shows the person's page first; and their transliterations
    (`spellings`), so that 'Gisheburian' finds Dinara Gisheburyan's page. ``articles`` (how
    many articles name the entry) is shown on its result card; ``latest`` (its newest
    article's date) is its sort key, so that an entry stays in results sorted by date
    (Pagefind drops a page without the key) and stands where the archive last spoke of it.
    """
    # The kind is the result's type line already: the text starts with what the entry is.
    about = " · ".join(str(escape(x)) for x in (entity.abbreviation, entity.description) if x)
    aliases = " · ".join(str(escape(a)) for a in entity.aliases)
    also = escape(_("Also written"))
    attrs = {
        "data-pagefind-meta": f"names[data-names], spellings[data-spellings], type:{entity.kind}",
        "data-names": ", ".join(entity.names),
        "data-spellings": " ".join(_other_spellings(entity)),
    }
    if articles:
        # From an attribute: Pagefind reads "type:x, articles:n" as one value of type.
        attrs["data-pagefind-meta"] = "articles[data-articles], " + attrs["data-pagefind-meta"]
        attrs["data-articles"] = str(articles)
    if latest:
        attrs["data-pagefind-sort"] = f"date:{sort_date(latest)}"
    return _body(
        entity.kind,
        attrs,
        [
            f'<h1 data-pagefind-weight="10">{escape(entity.name)}</h1>',
            f"<p>{about}</p>" if about else "",
            f'<p data-pagefind-weight="8">{also} {aliases}</p>' if aliases else "",
            bio_html if bio_html.strip() else "",
        ],
    )  # fmt: skip


# The entries whose spellings an article carries. Not its outlet: the outlet is a filter, its
# page lists the articles, and its words ('Caspian', 'Monitor', 'Каспийский') would be on
# every article of it, about 7 words an article that Pagefind holds in memory as it indexes.
REF_KINDS = frozenset(("person", "organization", "topic"))


def _refs(article: Article) -> list[str]:
    """The spellings of the people, organizations and topics `article` references, less the
    words its text has already (Pagefind indexes those) and words that name no one ('for',
    'по'): about 33 words an article where the spellings alone are 55 (benchmarks/
    generate.py's archives). Each word costs Pagefind memory as it builds the index."""
    text = f"{article.title} {article.summary or ''} {article.body}".lower()
    written = set(_WORD.findall(text))
    out: dict[str, None] = {}
    for entity in article.entities():
        if entity.kind not in REF_KINDS:
            continue
        for w in entry_spellings(entity):
            if w not in written and fold(w) not in STOPWORDS:
                out[w] = None
    return list(out)


def _other_spellings(entity: Entity) -> list[str]:
    """The words of `entry_spellings` that its names do not have already."""
    named = {w.lower() for name in entity.names for w in _WORD.findall(name)}
    return [w for w in entry_spellings(entity) if w not in named]


def entry_spellings(entity: Entity) -> tuple[str, ...]:
    """The words search finds an entry by: its name, aliases and abbreviation, and their
    transliterations between Latin and Cyrillic."""
    names = (*entity.names, entity.abbreviation) if entity.abbreviation else tuple(entity.names)
    return spellings(names)


def page_html(body_html: str) -> str:
    """A hand-written page (about, contributing), from its sanitized body."""
    return _body("page", {}, [body_html])
