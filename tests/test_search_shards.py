"""The search index in parts (site_builder/search/shards.py): real builds, real Pagefind, and
Debian's Chromium searching the index put together from the parts."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import cbor2
import pytest
from browser import requires_chromium
from conftest import article, make_archive
from sitebuild import build_site

from site_builder.publish.verify import verify
from site_builder.search.indexer import Indexer
from site_builder.search.shards import ShardedIndexer, count_words, sort_values

pytest_plugins = ["browser"]

# Each article has a word of its own and the word "coalition"; the articles are long enough
# that a part of SHARD_WORDS words holds two or three of them.
WORDS = ["aardvark", "bumblebee", "cormorant", "dromedary", "echidna", "flamingo", "gazelle"]
SHARD_WORDS = 260
FILLER = " ".join(["the coalition met again and spoke about grants"] * 10)
PARTS = f"search_shard_words: {SHARD_WORDS}"


def _archive(root: Path) -> Path:
    return make_archive(
        root,
        people={"usen-suleimen": {"name": "Usen Suleimen", "aliases": ["Усен Сулеймен"]}},
        organizations={"kozhor": {"name": "Kozhor Bureau", "aliases": ["Кожор"]}},
        articles={
            f"{2018 + n}-{word}": article(
                f"A {word} was seen. {FILLER}. Правозащитники и Кожор.",
                title=f"On the {word}",
                date=f"{2018 + n}-03-01",
                people=["Usen Suleimen"] if n % 2 else [],
                organizations=["Kozhor Bureau"] if n % 3 == 0 else [],
                language="ru" if n == 4 else "en",
            )
            for n, word in enumerate(WORDS)
        },
    )


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The same archive built with one Pagefind and in parts."""
    one_root = _archive(tmp_path_factory.mktemp("one"))
    one = build_site(one_root, plugin_options="search_shard_words: 0")
    parts = build_site(_archive(tmp_path_factory.mktemp("parts")), plugin_options=PARTS)
    return {"one": one, "parts": parts}


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd")
    return cbor2.loads(data[len(b"pagefind_dcd") :])


def _index(bundle: Path) -> dict[str, Any]:
    """What a bundle says, decoded: entry, meta, every chunk's and filter's content, the
    files; names of files Pagefind names by content are compared through the meta."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    [info] = entry["languages"].values()
    meta = _read(bundle / f"pagefind.{info['hash']}.pf_meta")
    return {
        "entry": entry,
        "meta": meta,
        "chunks": [_read(bundle / "index" / f"{c[2]}.pf_index") for c in meta[2]],
        "filters": [_read(bundle / "filter" / f"{f[1]}.pf_filter") for f in meta[3]],
        "files": sorted(str(p.relative_to(bundle)) for p in bundle.rglob("*") if p.is_file()),
    }


def test_the_parts_put_together_are_the_index_one_pagefind_writes(sites, capsys):
    one, parts = _index(sites["one"] / "pagefind"), _index(sites["parts"] / "pagefind")
    assert parts["meta"][1] == one["meta"][1]  # pages: fragment and word count, in order
    assert len(one["meta"][1]) > 10 and len(parts["meta"][2]) >= 1
    assert parts["chunks"] == one["chunks"]  # every word, its pages and locations
    assert parts["filters"] == one["filters"]
    assert parts["meta"] == one["meta"]  # chunk bounds, filters, sorts, fields: the same names
    assert parts["entry"] == one["entry"]
    assert parts["files"] == one["files"]
    assert verify(sites["parts"]) == []


def test_the_build_indexed_in_several_parts(tmp_path):
    messages: list[str] = []
    site = tmp_path / "site"
    site.mkdir()
    with ShardedIndexer(site, shard_words=SHARD_WORDS, progress=messages.append) as indexer:
        for word in WORDS:
            indexer.add_page(f"/{word}/", _page(f"On the {word}", f"A {word}. {FILLER}"))
        stats = indexer.finish()
    assert stats.shards >= 3
    assert stats.pages == len(WORDS)
    assert sum("part" in m and "full" in m for m in messages) == stats.shards
    assert [m for m in messages if "put together" in m]
    assert not list(site.glob(".pagefind*"))  # the parts are gone once put together


def test_two_builds_in_parts_are_the_same_bytes(sites, tmp_path):
    again = build_site(_archive(tmp_path), plugin_options=PARTS)

    def files(site: Path) -> dict[str, bytes]:
        bundle = site / "pagefind"
        return {str(p.relative_to(bundle)): p.read_bytes() for p in bundle.rglob("*.*")}

    first, second = files(sites["parts"]), files(again)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_a_page_after_write_soon_is_in_the_index(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    with ShardedIndexer(site, shard_words=SHARD_WORDS) as indexer:
        for word in WORDS[:5]:
            indexer.add_page(f"/{word}/", _page(word, f"A {word}. {FILLER}"))
        indexer.write_soon()  # written and put together while these come
        for word in WORDS[5:]:
            indexer.add_page(f"/{word}/", _page(word, f"A {word}. {FILLER}"))
        stats = indexer.finish()
    assert stats.pages == len(WORDS)
    urls = {
        json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd") :])["url"]
        for p in (site / "pagefind" / "fragment").iterdir()
    }
    assert urls == {f"/{word}/" for word in WORDS}


def test_no_page_at_all_fails_as_with_one_pagefind(tmp_path):
    from site_builder.search.pagefind import SearchIndexError

    with ShardedIndexer(tmp_path, shard_words=SHARD_WORDS) as indexer:
        with pytest.raises(SearchIndexError, match="indexed no page"):
            indexer.finish()


def test_count_words_counts_runs_of_non_space():
    assert count_words("<p>one two</p>\n three") == 3


def test_sort_values_are_read_as_pagefind_reads_them():
    assert sort_values("<p>no sort here</p>") == {}
    assert sort_values('<div data-pagefind-sort="date:2019-03-01">x</div>') == {
        "date": "2019-03-01"
    }
    assert sort_values(
        '<time data-pagefind-sort="date[datetime], rank[data-rank]" datetime="2020" '
        'data-rank="7"></time><h1 data-pagefind-sort="title"> A  <b>title</b></h1>'
    ) == {"date": "2020", "rank": "7", "title": "A title"}
    # Pagefind's reading: after the first colon, the rest is the last key's value
    assert sort_values('<p data-pagefind-sort="date:2019, rank:3"></p>') == {"date": "2019, rank:3"}


# -- sorting -----------------------------------------------------------------------------

DATES = ["2019-05", "2021-01", "2018-02", "2024-11", "2020-07", "2023-03", "2022-09", "2017"]
RANKS = ["10", "9", "100", "2.5", "-1", "7", "30", "8"]  # numbers: sorted as numbers


def _page(title: str, body: str, sort: str = "") -> str:
    return (
        f'<html lang="en"><body><div data-pagefind-body{sort}><h1>{title}</h1><p>{body}</p>'
        "</div></body></html>"
    )


def _sorted_site(site: Path, indexer: Any) -> None:
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    with indexer as it:
        for n, (date, rank) in enumerate(zip(DATES, RANKS, strict=True)):
            # the last page has no rank: it is left out of a sort by rank, as Pagefind does
            ranked = f'<span data-pagefind-sort="rank:{rank}"></span>' if n < 7 else ""
            sort = f' data-pagefind-sort="date:{date}"'
            it.add_page(f"/p{n}/", _page(f"Report {date}", FILLER + ranked, sort))
        it.finish()


def test_sort_orders_of_the_parts_are_those_of_one_pagefind(tmp_path):
    _sorted_site(tmp_path / "one", Indexer(tmp_path / "one"))
    _sorted_site(tmp_path / "parts", ShardedIndexer(tmp_path / "parts", shard_words=200))
    one, parts = _index(tmp_path / "one" / "pagefind"), _index(tmp_path / "parts" / "pagefind")
    assert one["meta"][4] == parts["meta"][4]
    assert [key for key, _ in parts["meta"][4]] == ["date", "rank"]
    assert parts["meta"] == one["meta"]


@requires_chromium
def test_a_sorted_search_over_the_parts_is_in_order(tmp_path, http_server, browser_page):
    site = tmp_path / "site"
    _sorted_site(site, ShardedIndexer(site, shard_words=200))
    browser_page.goto(http_server(site).rstrip("/") + "/")
    found = browser_page.evaluate(
        """async () => {
            const pagefind = await import('/pagefind/pagefind.js');
            const urls = async (options) => {
                const r = await pagefind.search('coalition', options);
                return Promise.all(r.results.map(x => x.data().then(d => d.url)));
            };
            return {
                newest: await urls({sort: {date: 'desc'}}),
                oldest: await urls({sort: {date: 'asc'}}),
                rank: await urls({sort: {rank: 'asc'}}),
            };
        }"""
    )
    by_date = [f"/p{n}/" for n, _ in sorted(enumerate(DATES), key=lambda x: x[1])]
    assert found["oldest"] == by_date
    assert found["newest"] == by_date[::-1]
    by_rank = [f"/p{n}/" for n, r in sorted(enumerate(RANKS[:7]), key=lambda x: float(x[1]))]
    assert found["rank"] == by_rank


# -- in the browser, on the site -----------------------------------------------------------


@requires_chromium
def test_the_header_box_finds_a_page_of_every_part(sites, http_server, browser_page, page_errors):
    base = http_server(sites["parts"]).rstrip("/") + "/"
    browser_page.goto(base)
    box = browser_page.locator(".sb-search-input")
    for word in WORDS:
        box.fill("")
        box.type(word, delay=20)
        hit = browser_page.locator(".sb-search-header a", has_text=f"On the {word}")
        hit.first.wait_for(timeout=30_000)
    page_errors.assert_none()


@requires_chromium
def test_the_search_page_counts_and_filters_across_parts(
    sites, http_server, browser_page, page_errors
):
    base = http_server(sites["parts"]).rstrip("/") + "/"
    browser_page.goto(f"{base}search/?q=coalition")
    count = browser_page.wait_for_function(
        """() => {
            const m = document.querySelector('#sb-search').innerText.match(/(\\d+) results?/);
            return m === null ? null : Number(m[1]);
        }""",
        timeout=60_000,
    ).json_value()
    assert count == len(WORDS)  # every article, from every part
    found = browser_page.evaluate(
        """async () => {
            const pagefind = await import('/pagefind/pagefind.js');
            const years = (await pagefind.filters()).year;
            const one = await pagefind.search('coalition', {filters: {person: 'Usen Suleimen'}});
            const russian = await pagefind.search('правозащитники');
            return {years, person: one.results.length, russian: russian.results.length};
        }"""
    )
    assert found["years"] == {str(2018 + n): 1 for n in range(len(WORDS))}
    assert found["person"] == 3
    assert found["russian"] == len(WORDS)  # stemmed as Russian in every part
    page_errors.assert_none()
