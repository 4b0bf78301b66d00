"""The indexer in a child process: what the in-process one does, and every failure reported."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import cbor2
import pytest
from test_search_index import fragments, read_pagefind_file

from site_builder.search.pagefind import BUNDLE_DIR, SearchIndexError
from site_builder.search.process import IndexerProcess


def _doc(title: str, text: str = "") -> str:
    return (
        f'<!doctype html><html lang="en"><head><title>{title}</title></head><body>'
        f"<div data-pagefind-body><h1>{title}</h1><p>{text or f'Text about {title}.'}</p>"
        "</div></body></html>"
    )


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # a zombie counts as gone: it has exited, only its parent has not reaped it yet
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "\nState:\tZ" in status.read_text()


@pytest.mark.parametrize("late_page", [False, True])
def test_pages_go_through_the_child_into_the_bundle(tmp_path: Path, late_page: bool) -> None:
    said: list[str] = []
    with IndexerProcess(tmp_path, progress=said.append) as indexer:
        pid = indexer._proc.pid
        indexer.add_page("/alpha/", _doc("Alpha", "Алматы и Астана, ünïcödé"))
        indexer.add_page("/beta/", _doc("Beta"))
        indexer.write_soon()
        if late_page:  # after write_soon: written again, with it
            indexer.add_page("/gamma/", _doc("Gamma"))
        stats = indexer.finish()
    assert stats.pages == (3 if late_page else 2) == stats.html_files == indexer.pages_added
    assert stats.bundle_dir == tmp_path.resolve() / BUNDLE_DIR and stats.bundle_files > 5
    pages = fragments(tmp_path / BUNDLE_DIR)
    assert set(pages) == ({"/alpha/", "/beta/", "/gamma/"} if late_page else {"/alpha/", "/beta/"})
    assert "Алматы и Астана, ünïcödé" in pages["/alpha/"]["content"]
    assert any("writing the search bundle" in line for line in said)  # the child's progress
    assert [p.name for p in tmp_path.iterdir()] == [BUNDLE_DIR]
    assert _gone(pid)


def test_pagefind_numbers_the_pages_in_the_order_the_build_hands_them_over(
    tmp_path: Path,
) -> None:
    # Page numbers are what the index, the filters and the metadata refer to: two builds give
    # the same bundle because the pages arrive in the same order (MkDocs renders them in a
    # fixed order) and nothing between the build and Pagefind reorders them.
    urls = [f"/p{n}/" for n in (7, 3, 250, 1, 99, 42, 5, 180, 64, 11)]
    urls += [f"/q{n}/" for n in range(300)]  # many in flight at once
    with IndexerProcess(tmp_path) as indexer:
        for url in urls:
            indexer.add_page(url, _doc(url.strip("/").upper(), f"Words of page {url}."))
        indexer.finish()
    bundle = tmp_path / BUNDLE_DIR
    url_of = {
        path.stem: json.loads(read_pagefind_file(path))["url"]
        for path in (bundle / "fragment").glob("*.pf_fragment")
    }
    [meta_path] = bundle.glob("pagefind.*.pf_meta")
    pages = cbor2.loads(read_pagefind_file(meta_path))[1]  # [fragment hash, words], by number
    assert [url_of[page[0]] for page in pages] == urls


def test_a_build_that_fails_leaves_no_bundle_and_no_child(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="the build failed"):
        with IndexerProcess(tmp_path) as indexer:
            pid = indexer._proc.pid
            indexer.add_page("/alpha/", _doc("Alpha"))
            indexer.write_soon()
            raise RuntimeError("the build failed")
    assert _gone(pid)
    assert list(tmp_path.iterdir()) == []  # neither the bundle nor a staging folder


def test_pagefinds_own_error_reaches_the_build(tmp_path: Path) -> None:
    with IndexerProcess(tmp_path) as indexer:
        indexer.add_page("/x/", "<p>no html element, nothing to index</p>")
        with pytest.raises(SearchIndexError, match="indexed no page"):
            indexer.finish()
    assert list(tmp_path.iterdir()) == []


def test_a_crash_in_pagefind_fails_instead_of_hanging(tmp_path: Path) -> None:
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            with IndexerProcess(tmp_path, exclude_selectors=["<<not a selector"]) as indexer:
                for n in range(50):
                    indexer.add_page(f"/p{n}/", _doc(f"Page {n}"))
                outcome["stats"] = indexer.finish()
        except SearchIndexError as error:
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=90)
    assert not worker.is_alive(), "the indexer hung on a Pagefind crash"
    if "error" in outcome:  # Pagefind 1.5.2 panics on the selector; newer ones skip it
        assert "Pagefind" in str(outcome["error"])
    else:
        assert outcome["stats"].pages == 50


def test_the_language_is_checked_before_any_process_starts(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="ISO 639-1"):
        IndexerProcess(tmp_path, force_language="Russian")


def test_a_child_that_dies_is_a_search_error_not_a_broken_pipe(tmp_path: Path) -> None:
    with IndexerProcess(tmp_path) as indexer:
        indexer._proc.kill()
        indexer._proc.wait()
        with pytest.raises(SearchIndexError, match="search indexer"):
            for n in range(200):  # the pipe holds some pages before a write fails
                indexer.add_page(f"/p{n}/", _doc(f"Page {n}", "word " * 2000))
            indexer.finish()


def test_a_child_that_cannot_start_or_hangs_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    import sys

    from site_builder.search import process as search_process

    hangs = tmp_path / "hangs"
    hangs.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(60)\n", encoding="utf-8")
    hangs.chmod(0o755)
    monkeypatch.setattr(search_process, "_START_SECONDS", 1)
    monkeypatch.setattr(sys, "executable", str(hangs))
    with pytest.raises(SearchIndexError, match="did not start within 1 s"):
        IndexerProcess(tmp_path / "site").start()
    monkeypatch.setattr(sys, "executable", "/bin/false")  # exits at once, says nothing
    for _ in range(5):  # it may exit before or after its pipe is read to the end
        with pytest.raises(SearchIndexError, match="search indexer (stopped|exited)"):
            IndexerProcess(tmp_path / "site").start()


@pytest.mark.parametrize("stopped", [False, True])
def test_a_feed_handed_over_late_writes_the_bundle_or_stops_when_asked(
    tmp_path: Path, stopped: bool
) -> None:
    # mkdocs serve hands the documents over once the pages are shown; when the next build
    # has begun meanwhile, the index is left to it: Pagefind drops what it has, nothing is
    # written, the child is gone
    import logging

    from site_builder.mkdocs_plugin.build_cache import SearchFeed

    indexer = IndexerProcess(tmp_path)
    feed = SearchFeed(indexer, None, logging.getLogger("test"), later=True)
    feed.start()
    pid = indexer._proc.pid
    for n in range(300):
        feed.add(f"/p{n}/", _doc(f"Page {n}"))
    feed.all_in()
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return stopped

    try:
        assert feed.finish(tmp_path, stop) is (not stopped)
    finally:
        indexer.close(failed=False)
    assert asked  # asked before the first page and every 256
    assert (tmp_path / BUNDLE_DIR).is_dir() is (not stopped)
    if not stopped:
        assert len(fragments(tmp_path / BUNDLE_DIR)) == 300
    assert _gone(pid)
