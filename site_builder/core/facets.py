"""What a reader filters articles by: the facets of the search page and the catalogue.

One list of (facet, value) pairs an article, used by the document Pagefind indexes
(search/documents.py, as filters) and by the catalogue the search page browses without a
query (data/catalogue.py), so that a facet counts the same articles either way.
"""

from __future__ import annotations

from . import i18n
from .dates import PartialDate
from .model import REF_KIND, Article
from .schema import REF_FIELDS, language_name

# In the order the search page shows them; `type` (article, person, ...) is the page's kind.
FACETS = ("outlet", "year", "language", "person", "organization", "topic")


def article_facets(article: Article) -> list[tuple[str, str]]:
    """(facet, value) for the article's outlet, year, language, and every person (author,
    speaker or named), organization and topic it lists, each entry once."""
    pairs = []
    if article.outlet:
        pairs.append(("outlet", article.outlet.name))
    if article.date:
        pairs.append(("year", str(article.date.year)))
    code = article.language or "en"
    language = i18n.language_name(code) or language_name(code)
    if language:
        pairs.append(("language", language))
    seen = set()
    for field_name in REF_FIELDS:  # authors, speakers, people, organizations, topics
        name = REF_KIND[field_name]
        for e in article.refs.get(field_name) or []:
            if (name, id(e)) not in seen:
                seen.add((name, id(e)))
                pairs.append((name, e.name))
    return pairs


def sort_date(date: PartialDate) -> str:
    """`YYYY-MM-DD`, unknown month or day as 00: partial and full dates sort together."""
    return f"{date.year:04d}-{date.month or 0:02d}-{date.day or 0:02d}"
