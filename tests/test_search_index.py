"""Pagefind indexing of a built site: the real Pagefind binary on tiny HTML pages, no mocks."""

from __future__ import annotations

import gzip
import json
import shutil
import threading
from pathlib import Path

import cbor2
import pytest

from site_builder.search.documents import search_document
from site_builder.search.indexer import SearchStats, index_site
from site_builder.search.pagefind import BUNDLE_DIR, SearchIndexError, _pagefind_hash

CHROME = """<header><nav>Navigation chrome Home People</nav></header>
<nav class="md-nav">Sidebar chrome</nav>"""
FOOTER = "<footer>Footer chrome licence</footer>"

ARTICLE_EN = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>NGOs look for new funding</title></head>
<body>{CHROME}
<article data-pagefind-body data-pagefind-filter="type:article"
         data-pagefind-meta="date[data-date], outlet[data-outlet], type:article"
         data-date="2025-06-01" data-outlet="CMN.KZ">
  <h1 data-pagefind-weight="10" data-pagefind-meta="title">NGOs look for new funding</h1>
  <div class="article-facts" data-pagefind-ignore>
    <a href="/outlets/cmn-kz/" data-pagefind-filter="outlet">CMN.KZ</a>
    <time datetime="2025-06-01" data-pagefind-filter="year">2025</time>
    <span data-pagefind-filter="language">English</span>
    <a href="/people/usen-suleimen/" data-pagefind-filter="person">Usen Suleimen</a>
    <a href="/people/artur-lastayev/" data-pagefind-filter="person">Artur Lastayev</a>
    <a href="/topics/ngo-funding/" data-pagefind-filter="topic">NGO funding</a>
  </div>
  <p>In Kazakhstan, NGOs are looking for new sources of funding.</p>
</article>
{FOOTER}</body></html>"""

ARTICLE_RU = f"""<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>НКО ищут финансирование</title></head>
<body>{CHROME}
<article data-pagefind-body data-pagefind-filter="type:article" data-pagefind-meta="type:article">
  <h1 data-pagefind-weight="10" data-pagefind-meta="title">НКО ищут новое финансирование</h1>
  <div data-pagefind-ignore>
    <span data-pagefind-filter="outlet">CMN.KZ</span>
    <span data-pagefind-filter="year">2025</span>
    <span data-pagefind-filter="language">Russian</span>
    <span data-pagefind-filter="person">Usen Suleimen</span>
  </div>
  <p>Правозащитники обеспокоены сокращением грантов.</p>
</article>
{FOOTER}</body></html>"""

PERSON = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Usen Suleimen</title></head>
<body>{CHROME}
<article data-pagefind-body data-pagefind-filter="type:person"
         data-pagefind-meta="names[data-names], type:person"
         data-names="Usen Suleimen, Усен Сулеймен, Usur Suleimen">
  <h1 data-pagefind-weight="10">Usen Suleimen</h1>
  <p class="aliases" data-pagefind-weight="8">Also written: Усен Сулеймен, Usur Suleimen</p>
  <p>Director of the National Endowment for Prosperity in Kazakhstan.</p>
</article>
{FOOTER}</body></html>"""

SEARCH_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Search</title></head>
<body>{CHROME}<main><h1>Search the archive</h1><div id="sb-search"></div></main>{FOOTER}
</body></html>"""

PAGES = {
    "articles/2025/ngos-look-for-new-funding/index.html": ARTICLE_EN,
    "articles/2025/nko-ishchut-finansirovanie/index.html": ARTICLE_RU,
    "people/usen-suleimen/index.html": PERSON,
    "search/index.html": SEARCH_PAGE,
}


def write_site(root: Path, pages: dict[str, str] = PAGES) -> Path:
    for rel, html in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return root


def read_pagefind_file(path: Path) -> bytes:
    """Pagefind's .pf_* files are gzip with a 'pagefind_dcd' signature before the payload."""
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd"), path
    return data[len(b"pagefind_dcd") :]


def fragments(bundle: Path) -> dict[str, dict]:
    """Every indexed page as Pagefind stored it: url, content, filters, meta."""
    pages = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        fragment = json.loads(read_pagefind_file(path))
        pages[fragment["url"]] = fragment
    return pages


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SearchStats, list[str]]:
    site = write_site(tmp_path_factory.mktemp("site"))
    messages: list[str] = []
    stats = index_site(site, progress=messages.append)
    return site, stats, messages


def test_one_index_for_every_language(indexed: tuple[Path, SearchStats, list[str]]) -> None:
    site, stats, messages = indexed
    entry = json.loads((site / BUNDLE_DIR / "pagefind-entry.json").read_text(encoding="utf-8"))

    # English and Russian pages share one index, so a Russian article is found from any page.
    assert list(entry["languages"]) == ["ru"]
    assert entry["languages"]["ru"]["page_count"] == 3
    assert stats.languages == {"ru": 3}
    assert stats.pages == 3
    # The search page has no data-pagefind-body, so it is read but not indexed.
    assert stats.html_files == 4
    assert stats.pagefind_version == entry["version"]
    assert messages and "indexing" in messages[0]


def test_bundle_has_the_search_ui_and_its_size_is_reported(
    indexed: tuple[Path, SearchStats, list[str]],
) -> None:
    site, stats, _ = indexed
    bundle = site / BUNDLE_DIR
    for name in (
        "pagefind.js",
        "pagefind-worker.js",
        "pagefind-component-ui.js",
        "wasm.ru.pagefind",
    ):
        assert (bundle / name).is_file(), name
    files = [p for p in bundle.rglob("*") if p.is_file()]
    assert stats.bundle_dir == bundle
    assert stats.bundle_files == len(files)
    assert stats.bundle_bytes == sum(p.stat().st_size for p in files)
    assert "3 of 4 HTML pages" in stats.summary()


def test_article_filters_and_metadata(indexed: tuple[Path, SearchStats, list[str]]) -> None:
    site, _, _ = indexed
    pages = fragments(site / BUNDLE_DIR)
    assert set(pages) == {
        "/articles/2025/ngos-look-for-new-funding/",
        "/articles/2025/nko-ishchut-finansirovanie/",
        "/people/usen-suleimen/",
    }

    english = pages["/articles/2025/ngos-look-for-new-funding/"]
    assert english["filters"] == {
        "type": ["article"],
        "outlet": ["CMN.KZ"],
        "year": ["2025"],
        "language": ["English"],
        "person": ["Usen Suleimen", "Artur Lastayev"],
        "topic": ["NGO funding"],
    }
    assert english["meta"]["title"] == "NGOs look for new funding"
    # Several metadata on one element: attribute captures first, at most one inline key:value last.
    assert english["meta"]["date"] == "2025-06-01"
    assert english["meta"]["outlet"] == "CMN.KZ"
    assert english["meta"]["type"] == "article"

    russian = pages["/articles/2025/nko-ishchut-finansirovanie/"]
    assert russian["filters"]["person"] == ["Usen Suleimen"]
    assert russian["filters"]["language"] == ["Russian"]
    assert "Правозащитники" in russian["content"]

    # The facet block is data-pagefind-ignore: its filters count, its text stays out of excerpts.
    assert "Artur Lastayev" not in english["content"]
    assert english["content"].startswith("NGOs look for new funding.")


def test_entity_page_is_typed_and_carries_its_names(
    indexed: tuple[Path, SearchStats, list[str]],
) -> None:
    site, _, _ = indexed
    person = fragments(site / BUNDLE_DIR)["/people/usen-suleimen/"]
    assert person["meta"]["type"] == "person"
    assert person["filters"] == {"type": ["person"]}
    assert person["meta"]["title"] == "Usen Suleimen"
    assert person["meta"]["names"] == "Usen Suleimen, Усен Сулеймен, Usur Suleimen"
    assert "Усен Сулеймен" in person["content"]


def test_navigation_and_footer_are_not_indexed(
    indexed: tuple[Path, SearchStats, list[str]],
) -> None:
    site, _, _ = indexed
    for page in fragments(site / BUNDLE_DIR).values():
        assert "chrome" not in page["content"], page["url"]


def test_filter_index_lists_every_facet(indexed: tuple[Path, SearchStats, list[str]]) -> None:
    site, _, _ = indexed
    raw = b"".join(read_pagefind_file(p) for p in (site / BUNDLE_DIR / "filter").glob("*"))
    for facet in (b"outlet", b"year", b"language", b"person", b"topic", b"type"):
        assert facet in raw
    assert b"Usen Suleimen" in raw


def test_one_index_per_language_when_not_forced(tmp_path: Path) -> None:
    stats = index_site(write_site(tmp_path), force_language=None)
    entry = json.loads((tmp_path / BUNDLE_DIR / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert {lang: info["page_count"] for lang, info in entry["languages"].items()} == {
        "en": 2,
        "ru": 1,
    }
    assert stats.languages == {"en": 2, "ru": 1}


def test_rebuild_replaces_the_bundle_and_leaves_no_staging(tmp_path: Path) -> None:
    site = write_site(tmp_path)
    index_site(site)
    stale = site / BUNDLE_DIR / "fragment" / "stale.pf_fragment"
    stale.write_bytes(b"left over from an older build")

    index_site(site)

    assert not stale.exists()
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".")) == []


def test_a_failed_run_keeps_the_previous_bundle(tmp_path: Path) -> None:
    site = write_site(tmp_path)
    index_site(site)
    entry = (site / BUNDLE_DIR / "pagefind-entry.json").read_text(encoding="utf-8")
    for page in site.rglob("*.html"):
        page.write_text("<p>no html element, nothing to index</p>", encoding="utf-8")

    with pytest.raises(SearchIndexError, match="indexed no page"):
        index_site(site)

    assert (site / BUNDLE_DIR / "pagefind-entry.json").read_text(encoding="utf-8") == entry
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".")) == []


def test_missing_site_dir_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="no such directory; build the site first"):
        index_site(tmp_path / "site")
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("language", ["Russian", "RU", "", "ru_RU"])
def test_force_language_must_be_a_language_code(tmp_path: Path, language: str) -> None:
    with pytest.raises(ValueError, match="ISO 639-1"):
        index_site(write_site(tmp_path), force_language=language)


def test_pagefind_crash_fails_instead_of_hanging(tmp_path: Path) -> None:
    # Pagefind 1.5.2 panics on a selector it cannot parse, and its Python wrapper then waits
    # forever; newer releases skip the selector with a warning. Either way: no hang.
    site = write_site(tmp_path)
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["stats"] = index_site(site, exclude_selectors=["<<not a selector"])
        except SearchIndexError as error:
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "index_site hung on a Pagefind crash"
    if "error" in outcome:
        assert "Pagefind" in str(outcome["error"])
    else:
        assert isinstance(outcome["stats"], SearchStats)


def test_ignore_must_say_index_to_keep_the_filters(tmp_path: Path) -> None:
    # Python-Markdown (md_in_html) writes a bare attribute as data-pagefind-ignore="data-...":
    # Pagefind reads an unknown value as "all" and drops the element's filters with its text.
    page = """<!doctype html><html lang="en"><body><article data-pagefind-body>
<h1>{title}</h1><div data-pagefind-ignore="{value}">
<span data-pagefind-filter="outlet">CMN.KZ</span></div><p>Body text.</p></article></body></html>"""
    write_site(
        tmp_path,
        {
            "kept/index.html": page.format(title="Kept", value="index"),
            "empty/index.html": page.format(title="Empty", value=""),
            "lost/index.html": page.format(title="Lost", value="data-pagefind-ignore"),
        },
    )
    index_site(tmp_path)
    pages = fragments(tmp_path / BUNDLE_DIR)
    assert pages["/kept/"]["filters"] == {"outlet": ["CMN.KZ"]}
    assert pages["/empty/"]["filters"] == {"outlet": ["CMN.KZ"]}
    assert pages["/lost/"]["filters"] == {}
    assert all("CMN.KZ" not in page["content"] for page in pages.values())


def test_search_document_is_the_searchable_part_without_paragraph_ids() -> None:
    body = (
        '<div data-pagefind-body data-pagefind-filter="type:article">'
        '<h1 data-pagefind-weight="10">Headline</h1>'
        '<div data-pagefind-ignore="index"><span data-pagefind-filter="person">Usen</span></div>'
        '<p id="p-1">First <mark id="q-1">quoted</mark> paragraph.</p></div>'
    )
    document = search_document(body, title="A &amp; B", lang="kk")
    assert document.startswith('<!doctype html><html lang="kk">')
    assert "<title>A &amp; B</title>" in document
    assert 'data-pagefind-filter="person">Usen' in document
    assert "<p>First <mark>quoted</mark> paragraph.</p>" in document
    assert 'id="p-1"' not in document and 'id="q-1"' not in document


def _doc(title: str) -> str:
    return (
        f'<!doctype html><html lang="en"><head><title>{title}</title></head><body>'
        f"<div data-pagefind-body><h1>{title}</h1><p>Text about {title}.</p></div></body></html>"
    )


@pytest.mark.parametrize("late_page", [False, True])
def test_pages_handed_over_one_by_one_and_written_early(tmp_path: Path, late_page: bool) -> None:
    from site_builder.search.indexer import Indexer

    with Indexer(tmp_path, progress=lambda message: None) as indexer:
        indexer.add_page("/alpha/", _doc("Alpha"))
        indexer.add_page("/beta/", _doc("Beta"))
        indexer.write_soon()  # the bundle is being written while the build goes on
        if late_page:  # a page after all: the bundle is written again, with it
            indexer.add_page("/gamma/", _doc("Gamma"))
        stats = indexer.finish()
    assert stats.pages == (3 if late_page else 2) == stats.html_files
    urls = set(fragments(tmp_path / BUNDLE_DIR))
    assert urls == ({"/alpha/", "/beta/", "/gamma/"} if late_page else {"/alpha/", "/beta/"})
    assert [p.name for p in tmp_path.iterdir()] == [BUNDLE_DIR]  # no staging left behind


def test_a_chunk_ending_in_a_short_whole_word_gets_an_exact_end_bound(tmp_path: Path) -> None:
    import cbor2

    from site_builder.search.pagefind import tighten_chunk_bounds

    # "zz" is the index's last word: the one chunk ends with it, whole.
    page = (
        '<!doctype html><html lang="en"><body><div data-pagefind-body>'
        "<h1>Alpha</h1><p>beta gamma zz</p></div></body></html>"
    )
    write_site(tmp_path, {"a/index.html": page})
    index_site(tmp_path)  # writes the bundle, bounds tightened
    [meta_path] = (tmp_path / BUNDLE_DIR).glob("pagefind.*.pf_meta")
    chunks = cbor2.loads(read_pagefind_file(meta_path))[2]
    assert [c[1] for c in chunks] == ["zz\x00"]
    assert tighten_chunk_bounds(tmp_path / BUNDLE_DIR) == 0  # done once: nothing left to do
    # every word of the chunk still passes the browser's strict test from <= word <= to
    words = [
        w[0]
        for w in cbor2.loads(
            read_pagefind_file(tmp_path / BUNDLE_DIR / "index" / f"{chunks[0][2]}.pf_index")
        )[0]
    ]
    assert words and all(chunks[0][0] <= w <= chunks[0][1] for w in words)
    # and a query word that only starts like the bound is no longer taken for its extension
    assert not ("zzz"[: len(chunks[0][1])] <= chunks[0][1])


def test_closing_a_failed_build_while_the_bundle_is_written_does_not_wait(tmp_path: Path) -> None:
    import time

    from site_builder.search.indexer import Indexer

    started = time.monotonic()
    with pytest.raises(RuntimeError, match="a template failed"):
        with Indexer(tmp_path, progress=lambda message: None) as indexer:
            for n in range(20):
                indexer.add_page(f"/p{n}/", _doc(f"Page {n}"))
            indexer.write_soon()
            raise RuntimeError("a template failed")
    assert time.monotonic() - started < 10  # Pagefind's answer is not awaited for minutes
    assert list(tmp_path.iterdir()) == []  # no bundle, no staging folder


# --------------------------------------------------------------------------- one build, one bundle
# Finding 10: Pagefind writes each filter's values in a random order (a Rust HashMap), so the
# filter files, the metadata naming them and the entry naming the metadata differed between two
# builds of the same pages.


def _faceted_pages(n: int = 30) -> dict[str, str]:
    """Pages with many values per filter: a random order of 30 values never repeats by chance."""
    page = """<!doctype html><html lang="en"><head><title>Page {i}</title></head><body>
<div data-pagefind-body data-pagefind-filter="type:article"><h1>Page {i}</h1>
<div data-pagefind-ignore="index"><span data-pagefind-filter="person">Person {i}</span>
<span data-pagefind-filter="person">Person {j}</span>
<span data-pagefind-filter="year">{year}</span><span data-pagefind-filter="topic">T{k}</span>
</div><p>Text of page {i} about topic {k}.</p></div></body></html>"""
    return {
        f"p{i}/index.html": page.format(i=i, j=(i * 7) % n, year=2000 + i % 9, k=i % 5)
        for i in range(n)
    }


def _bundle_bytes(bundle: Path) -> dict[str, bytes]:
    return {
        p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()
    }


def test_two_runs_over_the_same_pages_write_the_same_bytes(tmp_path: Path) -> None:
    bundles = []
    for run in ("a", "b", "c"):
        site = write_site(tmp_path / run, _faceted_pages())
        index_site(site)
        bundles.append(_bundle_bytes(site / BUNDLE_DIR))
    assert bundles[0] == bundles[1] == bundles[2]
    bundle = tmp_path / "a" / BUNDLE_DIR
    [meta_path] = bundle.glob("pagefind.*.pf_meta")
    meta = cbor2.loads(read_pagefind_file(meta_path))
    assert [f[0] for f in meta[3]] == ["person", "topic", "type", "year"]  # filters by name
    for name, filter_hash in meta[3]:
        content = read_pagefind_file(bundle / "filter" / f"{filter_hash}.pf_filter")
        values = cbor2.loads(content)[1]
        assert [v[0] for v in values] == sorted(v[0] for v in values), name
        assert all(v[1] == sorted(v[1]) for v in values)
        assert filter_hash == "ru_" + _pagefind_hash(content)[:7]  # named as Pagefind names
    assert (
        meta_path.name
        == f"pagefind.ru_{_pagefind_hash(read_pagefind_file(meta_path))[:10]}.pf_meta"
    )
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["ru"]["hash"] == meta_path.name.split(".")[1]


def test_stabilizing_changes_only_the_order_and_names_what_pagefind_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from site_builder.search import indexer as search

    monkeypatch.setattr(search, "stabilize_bundle", lambda bundle: 0)
    site = write_site(tmp_path / "site", _faceted_pages())
    index_site(site)  # as Pagefind wrote it (chunk bounds tightened)
    raw = tmp_path / "raw"
    shutil.copytree(site / BUNDLE_DIR, raw)
    monkeypatch.undo()
    assert search.stabilize_bundle(site / BUNDLE_DIR) == 4 + 1  # four filters, one meta

    def filters(bundle: Path) -> dict[str, dict[str, list[int]]]:
        found = {}
        for path in (bundle / "filter").glob("*.pf_filter"):
            name, values = cbor2.loads(read_pagefind_file(path))
            found[name] = {value: pages for value, pages in values}
        return found

    def meta(bundle: Path) -> list:
        [path] = bundle.glob("pagefind.*.pf_meta")
        return cbor2.loads(read_pagefind_file(path))

    assert filters(site / BUNDLE_DIR) == filters(raw)  # same values, same pages
    before, after = meta(raw), meta(site / BUNDLE_DIR)
    assert after[:3] == before[:3] and after[4:] == before[4:]  # pages, chunks, sorts, fields
    assert sorted(f[0] for f in after[3]) == sorted(f[0] for f in before[3])
    # a filter whose one value cannot be out of order keeps the very name Pagefind gave it:
    # our CBOR is Pagefind's, byte for byte
    assert dict(after[3])["type"] == dict(before[3])["type"]
    unchanged = {"fragment", "index", "pagefind.js", "wasm.ru.pagefind"}
    for rel, data in _bundle_bytes(raw).items():
        if rel.split("/")[0] in unchanged:
            assert (site / BUNDLE_DIR / rel).read_bytes() == data, rel
    assert search.bundle_problems(site / BUNDLE_DIR) == []


def test_the_bundle_is_read_only_once_pagefind_has_closed_its_files(tmp_path: Path) -> None:
    # Pagefind answers "written" while its last writes are in flight; a file is whole once
    # the process has closed it. A child that holds a file open for 0.5 s stands in for it.
    import subprocess
    import sys
    import time

    from site_builder.search.pagefind import _await_writes

    target = tmp_path / "bundle" / "pagefind-entry.json"
    target.parent.mkdir()
    script = (
        "import sys, time\n"
        "f = open(sys.argv[1], 'w'); f.write('{'); f.flush(); print('open', flush=True)\n"
        "time.sleep(0.5); f.write('}'); f.close(); time.sleep(30)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(target)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == "open\n"
        started = time.monotonic()
        _await_writes(child, target.parent)
        assert time.monotonic() - started >= 0.3
        assert target.read_text() == "{}"
        assert child.poll() is None  # the close was awaited, not the exit
    finally:
        child.kill()
        child.wait()


def test_a_whole_bundle_and_what_is_missing_from_one(tmp_path: Path) -> None:
    from site_builder.search.pagefind import bundle_problems

    kazakh = ARTICLE_EN.replace('lang="en"', 'lang="kk"')  # no stemmer: the "unknown" wasm
    site = write_site(tmp_path, {**PAGES, "kk/index.html": kazakh})
    index_site(site, force_language=None)
    bundle = site / BUNDLE_DIR
    assert bundle_problems(bundle) == []
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["kk"]["wasm"] is None
    (bundle / "wasm.unknown.pagefind").unlink()
    [filter_file] = [p for p in (bundle / "filter").iterdir() if p.name.startswith("en_")][:1]
    filter_file.unlink()
    (bundle / "pagefind-worker.js").write_bytes(b"")
    en_meta = f"pagefind.{entry['languages']['en']['hash']}.pf_meta"
    assert bundle_problems(bundle) == [
        ("pagefind-worker.js", "empty"),
        (f"filter/{filter_file.name}", f"missing ({en_meta} names it)"),
        ("wasm.unknown.pagefind", "missing (pagefind-entry.json names it)"),
    ]
    # a meta cut short (its gzip whole, its CBOR not) is reported, not raised: cbor2's
    # decoding errors are not ValueErrors
    (bundle / en_meta).write_bytes(gzip.compress(b"pagefind_dcd\x85\x61", mtime=0))
    assert (en_meta, "unreadable (CBORDecodeEOF)") in bundle_problems(bundle)
