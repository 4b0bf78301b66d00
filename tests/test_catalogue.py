"""search/catalogue.json and its title files (data/catalogue.py): what the search page
browses without a query. The browser side is in test_search_page.py."""

from __future__ import annotations

import json

from conftest import article, make_archive

from site_builder.core import archive as archive_mod
from site_builder.core.crosslinks import CrossIndex
from site_builder.core.facets import FACETS, article_facets
from site_builder.data.catalogue import CHUNK, PATH, catalogue_files, chunk_path


def _files(root):
    arch = archive_mod.load(root)
    index = CrossIndex(arch)
    files = catalogue_files(arch, index)
    return arch, index, json.loads(files[PATH]), files


def test_each_article_carries_its_facets_newest_first(tmp_path):
    make_archive(
        tmp_path,
        articles={
            "old": article(date="2019", people=["Usen Suleimen"], topics=["Grants"]),
            "new": article(
                date="2025-06-12", language="ru", people=["Artur Lastaev", "Usen Suleimen"]
            ),
            "mid": article(date="2023-02", organizations=["Kozhor Bureau"]),
        },
        people={
            "usen-suleimen": {"name": "Usen Suleimen"},
            "artur-lastaev": {"name": "Artur Lastaev"},
        },
        organizations={"kozhor-bureau": {"name": "Kozhor Bureau"}},
        topics={"grants": {"name": "Grants"}},
    )
    arch, index, data, files = _files(tmp_path)
    assert data["facets"] == list(FACETS)
    names = [
        (f, v) for f, values in zip(data["facets"], data["values"], strict=True) for v in values
    ]
    assert [row[0] for row in data["articles"]] == ["2025-06-12", "2023-02", "2019"]
    for row, art in zip(data["articles"], index.articles, strict=True):
        # every pair once, in the article's order (its card names people as it lists them)
        assert [names[n] for n in row[1]] == article_facets(art)
    assert ("language", "Russian") in names and ("person", "Artur Lastaev") in names
    assert data["types"] == {"article": 3, "person": 2, "organization": 1, "outlet": 1, "topic": 1}
    titles = json.loads(files[chunk_path(0)])
    assert titles == [[a.url, a.title] for a in index.articles]


def test_titles_come_in_files_of_chunk_articles(tmp_path):
    n = CHUNK + 5
    make_archive(
        tmp_path,
        articles={f"a-{i:03d}": article(title=f"Report {i}", date=f"2024-01-{1 + i % 28:02d}")
                  for i in range(n)},
    )  # fmt: skip
    arch, index, data, files = _files(tmp_path)
    assert data["chunk"] == CHUNK and len(data["articles"]) == n
    first, second = json.loads(files[chunk_path(0)]), json.loads(files[chunk_path(1)])
    assert len(first) == CHUNK and len(second) == 5
    assert [t for _, t in first + second] == [a.title for a in index.articles]
    assert chunk_path(2) not in files
    assert "page" not in data["types"]  # the home page is not a search result
