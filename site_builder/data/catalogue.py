"""`search/catalogue.json` and its title chunks: the search page without a query.

Without a term the search page is the archive's catalogue: the facets alone filter and count,
newest first. Pagefind can answer a search with filters and no term, but only by loading
every chunk of its word index (the list of pages is spread over them): 2.1 MB at 1,000
articles, 21 MB at 10,000, before the reader has asked for anything. The catalogue answers
the same questions from two small files of our own (site/assets/search/search.js):

`search/catalogue.json`, every article's facets, newest first (the order of the archive's
lists, `crosslinks.newest_first`)::

    {"facets": ["outlet", "year", ...],          # core.facets.FACETS
     "values": [["Caspian Monitor", ...], ...],  # per facet, its values
     "articles": [["2025-06-12", [3, 17, 402]], ...],
     "types": {"article": 1000, "person": 340, ...},
     "chunk": 100}

An article's numbers point into the values of all facets laid end to end (the first facet's
values are 0..n-1, the next facet's follow), `types` counts the pages of each kind search
has (the type facet's counts before any filter), and `chunk` is how many articles each
title file holds: `search/catalogue/<k>.json` is ``[[url, title], ...]`` for the articles
k*chunk to (k+1)*chunk - 1, so a page of results loads only the files its articles are in.

A facet counts the same articles here as in Pagefind's filters: both come from
`core.facets.article_facets`.
"""

from __future__ import annotations

import json

from ..core.archive import Archive
from ..core.crosslinks import CrossIndex
from ..core.facets import FACETS, article_facets

PATH = "search/catalogue.json"
CHUNK = 100  # articles a title file: a page of 15 results loads one or two files


def chunk_path(k: int) -> str:
    return f"search/catalogue/{k}.json"


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def catalogue_files(archive: Archive, index: CrossIndex) -> dict[str, str]:
    """Site path -> content of the catalogue and its title chunks."""
    values: dict[str, dict[str, int]] = {f: {} for f in FACETS}
    rows: list[tuple[str, list[tuple[str, str]]]] = []
    for article in index.articles:
        pairs = article_facets(article)
        for facet, value in pairs:
            values[facet].setdefault(value, 0)
        rows.append((article.date.iso() if article.date else "", pairs))
    # Numbers in a stable order that does not depend on the articles' order: the value's
    # facet, then the value.
    offset, number = 0, {}
    tables = []
    for facet in FACETS:
        table = sorted(values[facet], key=lambda v: (v.casefold(), v))
        for i, value in enumerate(table):
            number[facet, value] = offset + i
        offset += len(table)
        tables.append(table)
    types = {"article": len(archive.articles)}
    for entity in archive.registry:
        types[entity.kind] = types.get(entity.kind, 0) + 1
    pages = sum(1 for p in archive.pages if p.src_uri != "index.md")
    if pages:
        types["page"] = pages
    files = {
        PATH: _dumps(
            {
                "facets": list(FACETS),
                "values": tables,
                # In the article's order: its card names people as the article lists them.
                "articles": [[date, [number[p] for p in pairs]] for date, pairs in rows],
                "types": types,
                "chunk": CHUNK,
            }
        )
    }
    for k in range(0, len(index.articles), CHUNK):
        titles = [[a.url, a.title] for a in index.articles[k : k + CHUNK]]
        files[chunk_path(k // CHUNK)] = _dumps(titles)
    return files
