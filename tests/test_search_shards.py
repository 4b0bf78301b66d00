"""The search index in shards (site_builder/search/shards.py): real builds, real Pagefind, and
Debian's Chromium searching the shards as one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from browser import requires_chromium
from conftest import article, make_archive
from sitebuild import build_site

from site_builder.publish.verify import verify
from site_builder.search.pagefind import SHARDS_FILE, bundle_problems, shard_list
from site_builder.search.shards import (
    SCRIPT_MARKER,
    ShardedIndexer,
    count_words,
    sort_values,
    tell_script,
)
from site_builder.site.assets import SEARCH_SCRIPT

pytest_plugins = ["browser"]

# Each article has a word of its own and the word "coalition"; the articles are long enough
# that a shard of SHARD_WORDS words holds two or three of them.
WORDS = ["aardvark", "bumblebee", "cormorant", "dromedary", "echidna", "flamingo", "gazelle"]
SHARD_WORDS = 260
FILLER = " ".join(["the coalition met again and spoke about grants"] * 10)


def _archive(root: Path) -> Path:
    return make_archive(
        root,
        people={"usen-suleimen": {"name": "Usen Suleimen", "aliases": ["Усен Сулеймен"]}},
        articles={
            f"{2018 + n}-{word}": article(
                f"A {word} was seen. {FILLER}.",
                title=f"On the {word}",
                date=f"{2018 + n}-03-01",
                people=["Usen Suleimen"] if n % 2 else [],
            )
            for n, word in enumerate(WORDS)
        },
    )


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory):
    root = _archive(tmp_path_factory.mktemp("sharded"))
    return build_site(root, plugin_options=f"search_shard_words: {SHARD_WORDS}")


def _pages_of(bundle: Path) -> list[str]:
    """The URLs of the pages one index holds (read from its fragments)."""
    import gzip

    urls = []
    for fragment in sorted((bundle / "fragment").iterdir()):
        data = gzip.decompress(fragment.read_bytes())
        urls.append(json.loads(data[data.index(b"{") :])["url"])
    return urls


def test_a_large_index_is_written_in_shards_that_hold_every_page_once(sharded_site):
    bundle = sharded_site / "pagefind"
    shards = shard_list(bundle)
    assert len(shards) >= 3, shards  # the test is about several shards
    assert shards == [f"shards/{n}/" for n in range(1, len(shards) + 1)]
    assert bundle_problems(bundle) == []
    # Only the main bundle has Pagefind's scripts and WebAssembly: mergeIndex uses them.
    for shard in shards:
        names = {p.name for p in (bundle / shard).iterdir()}
        assert "pagefind-entry.json" in names
        assert not {n for n in names if n.endswith((".js", ".css", ".pagefind"))}
    indexes = [_pages_of(bundle)] + [_pages_of(bundle / s) for s in shards]
    everything = [url for urls in indexes for url in urls]
    assert len(everything) == len(set(everything))  # no page in two shards
    for word in WORDS:
        assert sum(f"{word}/" in url for url in everything) == 1
    entries = [json.loads((bundle / s / "pagefind-entry.json").read_text()) for s in ["", *shards]]
    assert sum(e["languages"]["ru"]["page_count"] for e in entries) == len(everything)
    # The site's search script knows the shards without a request of its own.
    script = (sharded_site / SEARCH_SCRIPT).read_text(encoding="utf-8")
    assert SCRIPT_MARKER not in script
    assert f"var SHARDS = {json.dumps(shards)};" in script
    assert verify(sharded_site) == []


def test_a_small_index_stays_one_index(tmp_path):
    site = build_site(_archive(tmp_path))  # the default: millions of words a shard
    assert not (site / "pagefind" / "shards").exists()
    assert not (site / "pagefind" / SHARDS_FILE).exists()
    assert SCRIPT_MARKER in (site / SEARCH_SCRIPT).read_text(encoding="utf-8")


def test_two_builds_write_the_same_shards(sharded_site, tmp_path):
    again = build_site(_archive(tmp_path), plugin_options=f"search_shard_words: {SHARD_WORDS}")

    def files(site: Path) -> dict[str, bytes]:
        bundle = site / "pagefind"
        return {str(p.relative_to(bundle)): p.read_bytes() for p in bundle.rglob("*.*")}

    first, second = files(sharded_site), files(again)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert (sharded_site / SEARCH_SCRIPT).read_bytes() == (again / SEARCH_SCRIPT).read_bytes()


def test_verify_refuses_a_shard_missing_a_file(sharded_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(sharded_site, site)
    shard = site / "pagefind" / "shards" / "2"
    gone = sorted((shard / "fragment").iterdir())[0]
    gone.unlink()
    problems = verify(site)
    assert [p.path for p in problems] == [f"{site}/pagefind/shards/2/fragment/{gone.name}"]
    assert problems[0].message.startswith("missing (pagefind.")
    # A whole shard gone, the list naming it: refused too.
    shutil.rmtree(shard)
    assert [p.path for p in verify(site)] == [f"{site}/pagefind/shards/2/pagefind-entry.json"]


def test_a_search_script_without_the_place_for_shards_fails_the_build(sharded_site, tmp_path):
    from site_builder.search.indexer import SearchStats
    from site_builder.search.pagefind import SearchIndexError

    script = tmp_path / "search.js"
    script.write_text("var SHARDS = [];\n", encoding="utf-8")
    stats = SearchStats(pages=1, html_files=1, bundle_dir=sharded_site / "pagefind")
    with pytest.raises(SearchIndexError, match="no place for the list of search shards"):
        tell_script(script, stats)


def test_count_words_counts_runs_of_non_space():
    assert count_words("<p>one two</p>\n three") == 3


# -- in the browser ----------------------------------------------------------------------


@requires_chromium
def test_the_header_box_finds_a_page_of_every_shard(
    sharded_site, http_server, browser_page, page_errors
):
    base = http_server(sharded_site).rstrip("/") + "/"
    browser_page.goto(base)
    box = browser_page.locator(".sb-search-input")
    for word in WORDS:
        box.fill("")
        box.type(word, delay=20)
        hit = browser_page.locator(".sb-search-header a", has_text=f"On the {word}")
        hit.first.wait_for(timeout=30_000)
    page_errors.assert_none()


@requires_chromium
def test_the_search_page_counts_and_filters_across_shards(
    sharded_site, http_server, browser_page, page_errors
):
    base = http_server(sharded_site).rstrip("/") + "/"
    browser_page.goto(f"{base}search/?q=coalition")
    # Every article says "coalition": all seven, from every shard, on one list.
    count = browser_page.wait_for_function(
        """() => {
            const m = document.querySelector('#sb-search').innerText.match(/(\\d+) results?/);
            return m === null ? null : Number(m[1]);
        }""",
        timeout=60_000,
    ).json_value()
    assert count == len(WORDS)
    titles = browser_page.wait_for_function(
        """(n) => {
            const t = [...document.querySelectorAll('#sb-search .pf-result-title')]
                .map(e => e.innerText.trim());
            return t.length === n && t.every(x => x !== '') ? t : null;
        }""",
        arg=len(WORDS),
        timeout=30_000,
    ).json_value()
    assert sorted(titles) == sorted(f"On the {word}" for word in WORDS)
    # Filter counts are the shards' counts added up (Pagefind's mergeIndex), and a filter
    # narrows every shard: three articles name Usen Suleimen, in different shards.
    filtered = browser_page.evaluate(
        """async (shards) => {
            const root = new URL('pagefind/', location.href.replace(/search\\/.*$/, '')).href;
            const pagefind = await import(root + 'pagefind.js');
            await pagefind.options({baseUrl: '/'});
            await Promise.all(shards.map(s => pagefind.mergeIndex(root + s, {baseUrl: '/'})));
            const years = (await pagefind.filters()).year;
            const one = await pagefind.search('coalition', {filters: {person: 'Usen Suleimen'}});
            return {years, person: one.results.length};
        }""",
        shard_list(sharded_site / "pagefind"),
    )
    assert filtered["person"] == 3
    assert filtered["years"] == {str(2018 + n): 1 for n in range(len(WORDS))}
    page_errors.assert_none()


# -- sorting across shards ---------------------------------------------------------------


def test_sort_values_are_read_as_pagefind_reads_them():
    assert sort_values("<p>no sort here</p>") == {}
    assert sort_values('<div data-pagefind-sort="date:2019-03-01">x</div>') == {
        "date": "2019-03-01"
    }
    assert sort_values(
        '<time data-pagefind-sort="date[datetime], rank[data-rank]" datetime="2020" '
        'data-rank="7"></time><h1 data-pagefind-sort="title"> A  <b>title</b></h1>'
    ) == {"date": "2020", "rank": "7", "title": "A title"}


def _sorted_pages(site: Path, words: int) -> list[tuple[str, str]]:
    """Pages with a date to sort by, handed over in an order that is not the dates' order,
    in shards of `words` words; returns (url, date) in the order they were handed over."""
    dates = ["2019-05", "2021-01", "2018-02", "2024-11", "2020-07", "2023-03", "2022-09", "2017"]
    pages = [(f"/p{n}/", date) for n, date in enumerate(dates)]
    with ShardedIndexer(site, shard_words=words) as indexer:
        for url, date in pages:
            indexer.add_page(
                url,
                f'<html lang="en"><body><div data-pagefind-body data-pagefind-sort="date:{date}">'
                f"<h1>Report {date}</h1><p>{FILLER}</p></div></body></html>",
            )
        indexer.finish()
    return pages


@requires_chromium
def test_a_sorted_search_is_in_order_across_shards(tmp_path, http_server, browser_page):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    pages = _sorted_pages(site, words=200)
    shards = shard_list(site / "pagefind")
    assert len(shards) >= 3
    base = http_server(site).rstrip("/") + "/"
    browser_page.goto(base)
    found = browser_page.evaluate(
        """async (shards) => {
            const pagefind = await import('/pagefind/pagefind.js');
            await Promise.all(shards.map(s => pagefind.mergeIndex('/pagefind/' + s)));
            const urls = async (options) => {
                const r = await pagefind.search('coalition', options);
                return Promise.all(r.results.map(x => x.data().then(d => d.url)));
            };
            return {
                newest: await urls({sort: {date: 'desc'}}),
                oldest: await urls({sort: {date: 'asc'}}),
            };
        }""",
        shards,
    )
    by_date = [url for url, _ in sorted(pages, key=lambda page: page[1])]
    assert found["oldest"] == by_date
    assert found["newest"] == by_date[::-1]
