"""The search index in parts (site_builder/search/shards.py): real builds, real Pagefind, and
Debian's Chromium searching the index put together from the parts."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path
from typing import Any

import cbor2
import pytest
from browser import requires_chromium
from conftest import article, make_archive
from sitebuild import build_site

from site_builder.publish.verify import verify
from site_builder.search.indexer import Indexer
from site_builder.search.shards import (
    ShardedIndexer,
    count_words,
    document_digest,
    sort_values,
)

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


# -- putting bundles together, byte by byte ----------------------------------------------


def _pf(payload: bytes) -> bytes:
    return gzip.compress(b"pagefind_dcd" + payload, mtime=0)


def _write_bundle(
    bundle: Path, words: list[Any], fields: list[str], pages: int, per_chunk: int = 4
) -> Path:
    """The files merge_bundles reads of a bundle Pagefind would write for ``pages`` pages
    with these words (``[word, pages, other forms]``, in order), ``per_chunk`` words a chunk."""
    for sub in ("index", "filter", "fragment"):
        (bundle / sub).mkdir(parents=True)
    (bundle / "pagefind.js").write_text("// the engine", encoding="utf-8")
    chunks = []
    for n in range(0, len(words), per_chunk):
        part, name = words[n : n + per_chunk], f"en_{bundle.name}c{n}"
        (bundle / "index" / f"{name}.pf_index").write_bytes(_pf(cbor2.dumps([part])))
        chunks.append([part[0][0], part[-1][0], name])
    fragments = []
    for n in range(pages):
        name = f"en_{bundle.name}p{n}"
        (bundle / "fragment" / f"{name}.pf_fragment").write_bytes(_pf(b"{}"))
        fragments.append([name, 10])
    filter_name = f"en_{bundle.name}f"
    content = ["kind", [["report", list(range(pages))]]]
    (bundle / "filter" / f"{filter_name}.pf_filter").write_bytes(_pf(cbor2.dumps(content)))
    meta = ["1.5.2", fragments, chunks, [["kind", filter_name]], [], fields]
    (bundle / f"pagefind.en_{bundle.name}.pf_meta").write_bytes(_pf(cbor2.dumps(meta)))
    languages = {"en": {"hash": f"en_{bundle.name}", "wasm": "en", "page_count": pages}}
    entry = {"version": "1.5.2", "languages": languages}
    (bundle / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    return bundle


def _random_words(rng: random.Random, pages: int, fields: int) -> list[Any]:
    """Words as Pagefind lists them: each page a difference from the one before, its word
    locations (weight markers such as -25 among them) and metadata locations (a field as
    -(1 + its number), then places in it); some words with other forms."""

    def page_list() -> list[Any]:
        numbers = sorted(rng.sample(range(pages), rng.randint(1, min(pages, 40))))
        listed, before = [], 0
        for number in numbers:
            locations = [
                rng.choice([-25, -2, 0, 3, 23, 24, 131, 300, 70_000, -241])
                for _ in range(rng.choice([0, 1, 2, 3, 3, 5, 30]))
            ]
            metas: list[int] = []
            for _ in range(rng.choice([0, 0, 0, 1, 2])):
                metas += [-(1 + rng.randrange(fields)), rng.choice([0, 1, 5, 23, 24, 40, 300])]
            listed.append([number - before, locations, metas])
            before = number
        return listed

    vocabulary = sorted({"".join(rng.choices("abcz", k=rng.randint(1, 4))) for _ in range(80)})
    words = []
    for word in vocabulary:
        if rng.random() < 0.5:
            forms = [[f"{word}{end}", page_list()] for end in rng.sample(["s", "ed", "ing"], 2)]
            words.append([word, page_list(), forms if rng.random() < 0.2 else []])
    return words


def _put_together(shards: list[tuple[list[Any], list[str], int]]) -> list[Any]:
    """What merge_bundles promises for the words of these shards (words, fields, pages):
    every word once, its pages numbered among all shards' pages, its metadata fields
    numbered among all shards' fields."""
    fields = sorted({f for _, own, _ in shards for f in own})
    pages: dict[str, list[Any]] = {}
    forms: dict[str, dict[str, list[Any]]] = {}
    offset = 0

    def absolute(listed: list[Any], renumber: dict[int, int]) -> list[Any]:
        out, number = [], offset
        for difference, locations, metas in listed:
            number += difference
            out.append([number, locations, [renumber.get(x, x) for x in metas]])
        return out

    def differences(listed: list[Any]) -> list[Any]:
        return [
            [n - (listed[i - 1][0] if i else 0), loc, m] for i, (n, loc, m) in enumerate(listed)
        ]

    for words, own, count in shards:
        renumber = {-(1 + i): -(1 + fields.index(f)) for i, f in enumerate(own)}
        for word, listed, variants in words:
            pages.setdefault(word, []).extend(absolute(listed, renumber))
            for form, its in variants:
                forms.setdefault(word, {}).setdefault(form, []).extend(absolute(its, renumber))
        offset += count
    return [
        [w, differences(pages[w]), [[f, differences(p)] for f, p in forms.get(w, {}).items()]]
        for w in sorted(pages)
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("many_fields", [False, True])
@pytest.mark.parametrize("two_processes", [False, True])
def test_bundles_put_together_byte_by_byte_are_the_words_encoded_again(
    tmp_path, monkeypatch, seed, many_fields, two_processes
):
    """The merge copies most of the pages' bytes rather than decode and encode them: what it
    writes is what encoding the merged words gives, chunk by chunk, the chunks cut where
    Pagefind cuts them. Field numbers past 24 (``many_fields``: in the first shard, fields
    the second has go before them) take the slower way."""
    from site_builder.search import pagefind

    monkeypatch.setattr(pagefind, "_CHUNK_LOCATIONS", 300)  # many chunks
    # the words from the middle one on put together by a second process (_merged_words)
    monkeypatch.setattr(pagefind, "_PARALLEL_MIN_CHUNKS", 2 if two_processes else 10**9)
    rng = random.Random(seed)
    extra = [f"x{n:02}" for n in range(30)] if many_fields else []
    field_sets = [["date", "title", *extra], ["articles", "date", "names", "title"], ["title"]]
    shards, bundles = [], []
    for n, own in enumerate(field_sets):
        count = rng.randint(5, 300)
        words = _random_words(rng, count, len(own))
        shards.append((words, own, count))
        bundles.append(_write_bundle(tmp_path / f"s{n}", words, own, count))
    into = tmp_path / "merged"
    pagefind.merge_bundles(bundles, into)

    [meta_path] = into.glob("pagefind.*.pf_meta")
    meta = _read(meta_path)
    payloads = [
        gzip.decompress((into / "index" / f"{c[2]}.pf_index").read_bytes())[12:] for c in meta[2]
    ]
    chunks = [cbor2.loads(payload)[0] for payload in payloads]
    expected = _put_together(shards)
    assert [w for chunk in chunks for w in chunk] == expected
    assert [cbor2.dumps([chunk]) for chunk in chunks] == payloads  # as encoding them writes
    # tighten_chunk_bounds finds a chunk's last word without decoding it
    assert [pagefind._last_word(payload) for payload in payloads] == [c[-1][0] for c in chunks]
    assert len(chunks) > 5
    for chunk in chunks[:-1]:  # each closed by the word that took it to the limit
        sizes = [sum(len(p[1]) + len(p[2]) + 1 for p in w[1]) for w in chunk]
        assert sum(sizes) >= 300 > sum(sizes[:-1])
    assert meta[5] == sorted({f for own in field_sets for f in own})
    assert len(meta[1]) == sum(count for _, _, count in shards)


def test_pages_whose_bytes_do_not_read_as_expected_are_encoded_again():
    from site_builder.search.pagefind import _renumber_table, _renumbered

    pages = [[1, [2], []], [3, [4, 40], [-1, 0]], [2, [-2], [-2, 30]], [1, [], []]]
    renumber = {-1: -2, -2: -4}
    items = cbor2.dumps(pages)[1:]
    expected = cbor2.dumps([[1, [2], []], [3, [4, 40], [-2, 0]], [2, [-2], [-4, 30]], [1, [], []]])
    table = _renumber_table(renumber)
    assert _renumbered(items, [list(p) for p in pages], renumber, table) == expected[1:]
    # out of step (a byte too many before the pages): the decoded pages are encoded again
    assert _renumbered(b"\x00" + items, [list(p) for p in pages], renumber, table) == expected[1:]


def test_a_word_not_in_the_shortest_encoding_is_encoded_again():
    from site_builder.search.pagefind import _entry

    word = ["ab", [[1, [2, 300], []], [4, [], [-1, 0]]], []]
    shortest = cbor2.dumps(word)
    longer = b"\x83\x78\x02ab" + shortest[4:]  # the word's length in a byte of its own
    assert cbor2.loads(longer) == word
    for raw in (shortest, longer):
        entry = _entry(cbor2.loads(raw), raw, 10, {}, None)
        assert (entry.text, entry.pages) == (cbor2.dumps("ab"), shortest[5:-1])
        assert (entry.first, entry.last, entry.count, entry.size) == (1, 15, 2, 6)


def test_pagefind_writes_the_shortest_cbor(sites):
    """What the merge relies on when it copies pages' bytes: Pagefind's chunks are the bytes
    cbor2 writes for what they hold, so copied bytes and encoded ones are the same; and a
    chunk's last word is found stepping over the pages' bytes."""
    from site_builder.search.pagefind import _last_word

    bundle = sites["one"] / "pagefind"
    [info] = json.loads((bundle / "pagefind-entry.json").read_text())["languages"].values()
    meta = _read(bundle / f"pagefind.{info['hash']}.pf_meta")
    for chunk in meta[2]:
        payload = gzip.decompress((bundle / "index" / f"{chunk[2]}.pf_index").read_bytes())[12:]
        assert cbor2.dumps(cbor2.loads(payload)) == payload
        assert _last_word(payload) == cbor2.loads(payload)[0][-1][0]


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


def test_two_processes_put_the_words_together_as_one_does(tmp_path, monkeypatch):
    """The second process takes the words from the first of a middle chunk on, reading only
    the chunks from the one that word falls in; the bundle is the same, byte for byte."""
    from site_builder.search import pagefind

    monkeypatch.setattr(pagefind, "_CHUNK_LOCATIONS", 200)
    rng = random.Random(7)
    bundles = []
    for n, own in enumerate([["date", "title"], ["title"], ["articles", "title"]]):
        count = rng.randint(50, 200)
        words = _random_words(rng, count, len(own))
        bundles.append(_write_bundle(tmp_path / f"s{n}", words, own, count))
        pagefind.merge_bundles([tmp_path / f"s{n}"], tmp_path / f"chunked{n}")  # in chunks
    chunked = [tmp_path / f"chunked{n}" for n in range(3)]
    assert all(len(list((c / "index").iterdir())) > 3 for c in chunked)
    workers = []

    def start(task):
        workers.append(start_worker(task))
        return workers[-1]

    start_worker = pagefind._start_worker
    monkeypatch.setattr(pagefind, "_start_worker", start)
    made = {}
    for name, least in (("one", 10**9), ("two", 2)):
        monkeypatch.setattr(pagefind, "_PARALLEL_MIN_CHUNKS", least)
        pagefind.merge_bundles(chunked, tmp_path / name)
        bundle = tmp_path / name
        made[name] = {str(p.relative_to(bundle)): p.read_bytes() for p in bundle.rglob("*.*")}
    assert [w.returncode for w in workers] == [0]  # the second process did its half
    assert made["one"] == made["two"]
    assert not list(tmp_path.glob("*.words-*"))  # the second process's file is gone


def _bundle_files(site: Path) -> dict[str, bytes]:
    bundle = site / "pagefind"
    return {str(p.relative_to(bundle)): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}


def _indexed(site: Path, pages: list[tuple[str, str]], **options: Any) -> Any:
    """Index `pages` (URL, HTML) into a new folder `site` in parts; the indexer's report."""
    site.mkdir()
    with ShardedIndexer(site, **options) as indexer:
        for url, html in pages:
            indexer.add_page(url, html)
        return indexer.finish()


def test_pages_handed_over_by_their_keys_are_read_only_for_the_part_indexed_again(tmp_path):
    """A warm build hands the pages the build cache holds to the indexer by key and digest:
    a part whose pages are all the last build's is copied and none of its pages is read;
    the part with the changed page reads its other pages by their keys. The index is the one
    a build given every page's HTML writes."""
    cache = tmp_path / "parts"
    pages = [(f"/{word}/", _page(f"On the {word}", f"A {word}. {FILLER}")) for word in WORDS]
    _indexed(tmp_path / "one", pages, shard_words=SHARD_WORDS, part_cache=cache)
    changed = len(pages) // 2
    pages[changed] = (pages[changed][0], _page("Changed", f"Something else. {FILLER}"))
    stored = {f"key-{n}": html for n, (_, html) in enumerate(pages)}
    read: list[str] = []

    def documents(key: str) -> str:
        read.append(key)
        return stored[key]

    messages: list[str] = []
    (tmp_path / "two").mkdir()
    with ShardedIndexer(
        tmp_path / "two",
        shard_words=SHARD_WORDS,
        part_cache=cache,
        documents=documents,
        progress=messages.append,
    ) as second:
        for n, (url, html) in enumerate(pages):
            if n == changed:
                second.add_page(url, html)
            else:
                second.add_stored(url, f"key-{n}", document_digest(html))
        stats = second.finish()
    copied = [m for m in messages if m.endswith("copied")]
    assert stats.shards >= 3 and 0 < len(copied) < stats.shards, messages
    assert 0 < len(read) < len(pages) // 2, read  # the changed part's other pages only
    assert f"key-{changed}" not in read
    assert any(f"{len(pages) - 1:,} pages handed over" in m for m in messages), messages
    _indexed(tmp_path / "fresh", pages, shard_words=SHARD_WORDS)
    assert _bundle_files(tmp_path / "two") == _bundle_files(tmp_path / "fresh")


def test_a_page_handed_over_by_its_key_with_nowhere_to_read_it_fails_clearly(tmp_path):
    from site_builder.search.indexer import SearchIndexError

    (tmp_path / "site").mkdir()
    with ShardedIndexer(tmp_path / "site", shard_words=SHARD_WORDS) as indexer:
        with pytest.raises(SearchIndexError, match="by its key, with nowhere to read it"):
            indexer.add_stored("/a/", "key", document_digest(_page("a", FILLER)))


def test_the_build_caches_file_gives_each_stored_document_or_says_it_is_lost(tmp_path):
    import sqlite3

    from site_builder.search.indexer import SearchIndexError
    from site_builder.search.process import StoredDocuments

    db = tmp_path / "pages.sqlite"
    with sqlite3.connect(db) as made:
        made.execute("CREATE TABLE pages (key TEXT PRIMARY KEY, anchors, digest, document, output)")
        made.execute("INSERT INTO pages VALUES ('k', NULL, NULL, ?, NULL)", ("Текст ✓".encode(),))
    made.close()
    documents = StoredDocuments(db)
    try:
        assert documents("k") == "Текст ✓"
        with pytest.raises(SearchIndexError, match=r"lost the search document .*build again"):
            documents("gone")
    finally:
        documents.close()


def test_the_registry_entries_pages_come_first_in_the_index(sites):
    """MkDocs hands the plugin the registry entries' pages first: their search documents,
    which an added article changes, make the first part of the index, indexed again while
    the article pages come rather than after the last of them (plugin.py `_files`)."""
    bundle = sites["parts"] / "pagefind"
    urls = []
    for fragment, _ in _index(bundle)["meta"][1]:
        data = gzip.decompress((bundle / "fragment" / f"{fragment}.pf_fragment").read_bytes())
        urls.append(json.loads(data[len(b"pagefind_dcd") :])["url"])
    entries = [n for n, url in enumerate(urls) if url.startswith(("/people/", "/organizations/"))]
    articles = [n for n, url in enumerate(urls) if url.startswith("/articles/")]
    assert len(entries) >= 2 and len(articles) == len(WORDS), urls
    assert max(entries) < min(articles), urls


def test_a_warm_build_writes_the_parts_it_indexes_again_two_at_a_time(tmp_path, monkeypatch):
    """A warm build writes a part indexed again while the part before it is still being
    written, never with more than two Pagefinds running; the index is the one a build
    given every page writes."""
    import threading
    import time

    from site_builder.search import shards

    cache = tmp_path / "parts"
    pages = [(f"/{word}/", _page(f"On the {word}", f"A {word}. {FILLER}")) for word in WORDS]
    _indexed(tmp_path / "one", pages, shard_words=SHARD_WORDS, part_cache=cache)
    pages = [(url, _page("Changed", f"{url} changed. {FILLER}")) for url, _ in pages]
    running, writing, most, lock = set(), set(), [0, 0], threading.Lock()

    class Counted(Indexer):
        def start(self) -> None:
            with lock:
                running.add(id(self))
                most[0] = max(most[0], len(running))
            super().start()

        def stage(self):  # type: ignore[no-untyped-def]
            with lock:
                writing.add(id(self))
                most[1] = max(most[1], len(writing))
            time.sleep(0.3)  # a slow writer: the next part would start a third Pagefind
            try:
                return super().stage()
            finally:
                with lock:
                    running.discard(id(self))
                    writing.discard(id(self))

        def close(self, failed: bool = True) -> None:
            super().close(failed)
            with lock:
                running.discard(id(self))

    monkeypatch.setattr(shards, "Indexer", Counted)
    stats = _indexed(tmp_path / "two", pages, shard_words=SHARD_WORDS, part_cache=cache)
    assert stats.shards >= 3
    assert most == [2, 2]  # two Pagefinds at once, both writing, and never three
    monkeypatch.undo()
    _indexed(tmp_path / "fresh", pages, shard_words=SHARD_WORDS)
    assert _bundle_files(tmp_path / "two") == _bundle_files(tmp_path / "fresh")


def test_many_short_pages_make_parts_of_a_few_hundred_pages(tmp_path):
    """Registry entries' pages are short: by words alone, the 1,744 of 10,000 articles made
    one part, all indexed again when an added article changed one entry's count. A part
    also ends, at a page its URL's digest picks, once it holds 256 pages."""
    import re

    pages = [
        (f"/people/p{n}/", _page(f"Person {n}", f"Person {n} of the coalition."))
        for n in range(700)
    ]
    messages: list[str] = []
    stats = _indexed(tmp_path / "site", pages, progress=messages.append)
    sizes = [
        int(n.replace(",", "")) for n in re.findall(r"full \(([\d,]+) pages\)", "\n".join(messages))
    ]
    assert stats.shards >= 2 and len(sizes) == stats.shards, messages
    assert all(256 <= size < 300 for size in sizes[:-1]), sizes  # the last: what is left
