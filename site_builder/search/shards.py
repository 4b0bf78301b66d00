"""The search index in parts, so that a large site's Pagefind fits in a small machine.

Pagefind keeps every page it is given until it writes, and writing takes about three times
what the pages took (measured at 10,000 articles, 11,530 pages: 0.8 GB once indexed, 3.0 GB
while writing, 4.2 GB for the whole build's processes at that moment). Its memory grows with
the words it holds, so the way down is to hold fewer at once: :class:`ShardedIndexer` gives
Pagefind pages until they reach ``shard_words`` words, then has that Pagefind write its
part and stop, and starts a new one for the next pages. One part is written while the next
is indexed; a third waits until the writing is done, so at most two Pagefinds run. In a
warm build (below) a part copied from the cache waits for no Pagefind, and a part indexed
again is written as soon as its pages are in, beside the one before it if that is still
being written: at 10,000 articles the two parts an added article changes are written
together, and the parts are put together 3 s sooner.

Once every page is in, the parts are put together into the one index Pagefind would have
written for all the pages (:func:`~site_builder.search.pagefind.merge_bundles`: at 10,000
articles the same meta, the same word chunks and filters, byte for byte once gunzipped): the
browser loads one index as ever, results and their ranking are those of one Pagefind, and
the first query transfers what it did. Putting the parts together reads them a chunk at a
time, on the indexer's core while MkDocs renders the pages into the theme.

Pages are cut into parts in the order they arrive, which is the order MkDocs renders them,
so two builds of one archive cut at the same pages and write the same bytes. Where a part
ends depends on the pages themselves, not on how many came before: once a part holds half
of ``shard_words`` or 256 pages, it ends before the next page whose URL's digest says so (one
page in 16), or when the next page would take it over ``shard_words``. An article added or
removed then changes the part it falls in and leaves the others as they were, so that with
``part_cache`` (the build cache's folder for them) a part whose pages are the last build's
is copied from there instead of indexed: a warm build runs Pagefind for the parts that
changed only, then puts all of them together as ever.

A page is known by its URL and the digest of its HTML (``page_identity``). A page the build
cache holds, with that digest, is handed over by its cache key and digest alone
(``add_stored``): its words were counted when its part was kept, and its HTML is read
(``documents``) only if its part must be indexed again. At 10,000 articles that is 86 MB a
warm build no longer sends to the indexer.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import hashlib
import json
import os
import re
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import cast

from .indexer import (
    DEFAULT_LANGUAGE,
    Indexer,
    Progress,
    SearchIndexError,
    SearchStats,
    StartAndClose,
    _swap,
    check_language,
)
from .pagefind import (
    BUNDLE_DIR,
    bundle_problems,
    merge_bundles,
    stabilize_bundle,
    tighten_chunk_bounds,
)

DEFAULT_SHARD_WORDS = 500_000
"""Words a part holds at most (as :func:`count_words` counts them): Pagefind then peaks at
about 0.3 GB (0.6 GB a million words). Forty-six parts at 10,000 articles (with the parts of
256 pages or more, `_PART_MIN_PAGES`) rather than the eleven of 2,000,000 words: a warm build
indexes again the part an added article falls in, about 250 pages rather than 1,000 (see the
README's search and performance sections)."""


_ATTRIBUTE = re.compile(r"^\s*(?P<name>[^:\[\]]+)\[(?P<attribute>.+)\]\s*$")


class _Sorts(HTMLParser):
    """Pagefind's sort values of a page (``data-pagefind-sort``), read as Pagefind 1.5 reads
    them (``fossick/parser.rs``): ``key:value``, ``key[attribute]``, or ``key`` for the
    element's text; several separated by commas."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str] = {}
        self._open: list[tuple[str, list[str], list[str]]] = []  # tag, keys wanting text, text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs).get("data-pagefind-sort")
        if found is None:
            return
        wanting = []
        for pair in _attribute_pairs(found, dict(attrs)):
            key, colon, value = pair.partition(":")
            if colon:
                self.values[key] = " ".join(value.split())
            else:
                wanting.append(pair)
        if wanting and tag not in _VOID:
            self._open.append((tag, wanting, []))

    def handle_data(self, data: str) -> None:
        for _, _, text in self._open:
            text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            _, keys, text = self._open.pop()
            value = " ".join("".join(text).split())
            for key in keys:
                if value:
                    self.values[key] = value


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


def _attribute_pairs(spec: str, attrs: dict[str, str | None]) -> list[str]:
    """Pagefind's ``parse_attr_string``: ``a[x], b:text`` gives ``["a:<x's value>", "b:text"]``."""
    names, colon, literal = spec.partition(":")
    if colon:
        pairs = _attribute_pairs(names, attrs)
        if pairs:
            pairs[-1] += ":" + literal
        return pairs
    out = []
    for chunk in spec.split(","):
        chunk = chunk.strip()
        m = _ATTRIBUTE.match(chunk)
        if m:
            out.append(f"{m['name']}:{attrs.get(m['attribute']) or ''}")
        else:
            out.append(chunk)
    return out


def sort_values(html: str) -> dict[str, str]:
    """The sort keys and values Pagefind reads from a page; {} for a page without any."""
    if "data-pagefind-sort" not in html:
        return {}
    parser = _Sorts()
    parser.feed(html)
    parser.close()
    return parser.values


# A part ends, once it holds half of `shard_words` or `_PART_MIN_PAGES` pages, before a page
# whose URL's digest starts with this byte value modulo 16: one page in 16, wherever it is in
# the site.
_PART_END_EVERY = 16
_PART_MIN_FRACTION = 2
# Pagefind's writing takes time by the page as much as by the word: the 1,744 registry
# entries' pages of 10,000 articles (280,000 words) took 4 to 8 s where 260 articles
# (300,000 words) take 1.5 s. An added article changes a few entries' pages (their counts):
# in parts of about 270 pages, a few parts are indexed again rather than all of them.
_PART_MIN_PAGES = 256


def _ends_a_part(url: str) -> bool:
    return hashlib.blake2b(url.encode("utf-8"), digest_size=1).digest()[0] % _PART_END_EVERY == 0


def document_digest(html: str) -> bytes:
    """The digest of a page's HTML, which stands for it in `page_identity` (the build cache
    keeps it with the HTML)."""
    return hashlib.blake2b(html.encode("utf-8", "surrogatepass"), digest_size=20).digest()


def page_identity(url: str, document: bytes) -> bytes:
    """What a page is known by, in the digests of the parts (and the build cache's of the
    whole index): its URL and its HTML's `document_digest`."""
    link = url.encode("utf-8", "surrogatepass")
    return len(link).to_bytes(8, "little") + link + document


def count_words(html: str) -> int:
    """Words of a search document, roughly: its runs of non-space (markup included). What
    Pagefind's memory grows with is the words it indexes; this is cheap and close enough."""
    return len(html.split())


class ShardedIndexer(StartAndClose):
    """:class:`~site_builder.search.indexer.Indexer`'s interface over a series of Pagefinds,
    one per part of at most ``shard_words`` words (``None``: one Pagefind, as Indexer)."""

    def __init__(
        self,
        site_dir: Path,
        *,
        force_language: str | None = DEFAULT_LANGUAGE,
        progress: Progress | None = None,
        exclude_selectors: Sequence[str] = (),
        max_in_flight: int = 64,
        shard_words: int | None = DEFAULT_SHARD_WORDS,
        part_cache: Path | None = None,
        documents: Callable[[str], str] | None = None,
    ) -> None:
        """`documents`: the HTML of a page handed over by its key (`add_stored`)."""
        check_language(force_language)
        if shard_words is not None and shard_words < 1:
            raise ValueError(f"shard_words must be a positive number of words; got {shard_words}")
        self.site_dir = Path(site_dir)
        self.say: Progress = progress or (lambda message: None)
        # Parts are put together per index, and with one index per language (no
        # force_language) the pages are numbered per language: one Pagefind then.
        self.shard_words = shard_words if force_language is not None else None
        self.pages_added = 0
        self._force_language = force_language
        self._exclude = tuple(exclude_selectors)
        self._max_in_flight = max_in_flight
        self._current: Indexer | None = None
        self._words = 0  # in the current part
        self._part_pages = 0  # and its pages
        self._parts: list[Indexer | None] = []  # every part started, in order (None: cached)
        # every page's sort values, in order; None for a page waiting with its part
        # (`_pending`), until the part is cut: a part copied from the cache has them there
        self._sorts: list[dict[str, str] | None] = []
        self._staged: dict[int, tuple[Path, SearchStats]] = {}
        self._errors: list[BaseException] = []
        # each part's thread, which copies its bundle from the cache or has its Pagefind write
        # it; the last of those that ran a Pagefind
        self._threads: dict[int, threading.Thread] = {}
        self._writing: threading.Thread | None = None
        # Pagefinds running: at most two (one written while the next is indexed); see `_cut`
        self._pagefinds = threading.Semaphore(2)
        self._merging: concurrent.futures.Future[Path] | None = None
        self._merged_parts = 0
        self._lock = threading.Lock()
        self._started = 0.0
        # With a cache of parts, a part's pages wait here until it ends: then it is copied
        # from the cache, or a Pagefind indexes them (see the module's docstring).
        self._part_cache = part_cache if self.shard_words is not None else None
        # Parts wait for their last page only when the cache may hold some: a cold build
        # indexes each part as its pages come (as without a cache) and keeps them.
        self._buffering = self._part_cache is not None and any(
            self._part_cache.glob("*/stats.json")
        )
        # (URL, HTML or None until it is read, key): see `add_stored`
        self._pending: list[tuple[str, str | None, str | None]] = []
        self._pending_digest = self._new_digest()
        self._page_digests: list[str] = []  # of the current part's pages
        self._page_words: list[int] = []  # and their words
        self.documents = documents
        # the cached parts by their first page: each part's pages' digests
        self._cached_first: dict[str, list[str]] = {}
        self._known_words: dict[str, int] = {}  # a cached page's digest -> its words
        self._expected: list[str] | None = None
        if self._buffering and self._part_cache is not None:
            for listed in self._part_cache.glob("*/pages.json"):
                digests, words = _kept_pages(listed.parent)
                if digests:
                    self._cached_first[digests[0]] = digests
                    self._known_words.update(zip(digests, words, strict=False))
        self._used_parts: set[str] = set()
        self.parts_reused = 0
        self.stored_pages = 0  # handed over by their keys (`add_stored`)
        self.stored_read = 0  # and read, since a Pagefind indexed them

    def start(self) -> None:
        """Start the first part's Pagefind: a Pagefind that cannot run fails here."""
        self._started = time.perf_counter()
        self._next_part()
        if self._buffering:  # it proved Pagefind runs; parts start their own
            first, self._current = self._current, None
            assert first is not None
            first.close(failed=True)
            self._pagefinds.release()
            self._parts.clear()

    def add_page(self, url: str, html: str) -> None:
        """Hand one page to the current part; a full part is written first."""
        self._add(url, html, None, document_digest(html))

    def add_stored(self, url: str, key: str, document: bytes) -> None:
        """A page the build cache holds under `key`, whose HTML's digest is `document`: its
        HTML is read (`documents`) only if a Pagefind must index it, or its words were not
        counted when its part was kept."""
        self.stored_pages += 1
        self._add(url, None, key, document)

    def _add(self, url: str, html: str | None, key: str | None, document: bytes) -> None:
        self._raise_if_failed()
        identity = page_identity(url, document)
        digest = hashlib.blake2b(identity, digest_size=20).hexdigest()
        words = self._known_words.get(digest) if html is None else None
        if words is None:
            html = self._html(html, key)
            words = count_words(html)
        if self._ends_part_before(url, words):
            self._cut()
        if self._part_cache is not None:
            self._pending_digest.update(identity)
            self._page_digests.append(digest)
            self._page_words.append(words)
        waits = self._buffering and self._current is None and self._as_expected()
        if waits:
            self._pending.append((url, html, key))
        else:
            html = self._html(html, key)
            if self._buffering and self._current is None:
                self._go_live()  # the part is not the cached one it began like: index it now
            elif self._current is None:
                self._next_part()
            assert self._current is not None
            self._current.add_page(url, html)
        if self.shard_words is not None:
            self._sorts.append(None if waits else sort_values(cast(str, html)))
        self._words += words
        self._part_pages += 1
        self.pages_added += 1

    def _html(self, html: str | None, key: str | None) -> str:
        """A page's HTML: `html`, or read by its key."""
        if html is not None:
            return html
        if self.documents is None or key is None:
            raise SearchIndexError("a page was handed over by its key, with nowhere to read it")
        self.stored_read += 1
        return self.documents(key)

    def _as_expected(self) -> bool:
        """Whether the part's pages so far (the last just added) are the first pages of a
        part the cache holds: then they wait for the part's end, to be copied."""
        digests = self._page_digests
        if len(digests) == 1:
            self._expected = self._cached_first.get(digests[0])
        expected = self._expected
        n = len(digests)
        return expected is not None and n <= len(expected) and expected[n - 1] == digests[-1]

    def _go_live(self) -> None:
        """A Pagefind for the current part, given the pages that waited."""
        indexer = self._started_indexer()
        self._parts.append(indexer)
        self._current = indexer
        pending = [(url, self._html(html, key)) for url, html, key in self._pending]
        self._pending = []
        self._sorted([sort_values(html) for _, html in pending])
        for url, html in pending:
            indexer.add_page(url, html)

    def _sorted(self, sorts: list[dict[str, str]]) -> None:
        """The sort values of the pages that waited (the last in `_sorts`)."""
        if self.shard_words is not None and sorts:
            self._sorts[len(self._sorts) - len(sorts) :] = sorts

    def _part_sorts(self, pages: int) -> list[dict[str, str]]:
        """The sort values of the last `pages` pages, every one known."""
        if self.shard_words is None or not pages:
            return []
        sorts = self._sorts[len(self._sorts) - pages :]
        assert all(s is not None for s in sorts), "a page's sort values were not read"
        return cast("list[dict[str, str]]", sorts)

    def _ends_part_before(self, url: str, words: int) -> bool:
        """Whether the current part ends before this page (see the module's docstring)."""
        if self.shard_words is None or not self._words:
            return False
        if self._current is None and not self._pending:
            return False
        if self._words + words > self.shard_words:
            return True
        half = self._words >= self.shard_words // _PART_MIN_FRACTION
        return (half or self._part_pages >= _PART_MIN_PAGES) and _ends_a_part(url)

    def write_soon(self) -> None:
        """Every page is in: the last part is written and the parts put together while the
        caller goes on. A page after this starts a new part (``finish`` then puts the parts
        together again)."""
        if self.shard_words is None:  # one Pagefind: it writes, and again if pages come
            if self._current is not None:
                self._current.write_soon()
            return
        first = not self._threads  # no part written yet: even an empty one is (and fails)
        if self._buffering:
            if self._pending or self._current is not None or (first and not self._parts):
                self._cut()
        elif self._current is not None and (self._current.pages_added or first):
            self._cut()
        if self._merging is None and len(self._parts) > 1:
            self._merged_parts = count = len(self._parts)
            pages = self.pages_added
            merging: concurrent.futures.Future[Path] = concurrent.futures.Future()

            def merge() -> None:
                try:
                    merging.set_result(self._merge(count, pages))
                except BaseException as error:  # handed to finish()
                    merging.set_exception(error)

            self._merging = merging
            threading.Thread(target=merge, name="pagefind-merge", daemon=True).start()

    def finish(self) -> SearchStats:
        """Wait for every part to be written and put together; swap the bundle in."""
        if self.shard_words is None:
            assert self._current is not None
            return self._current.finish()
        finish_started = time.perf_counter()
        self.write_soon()
        self._join_parts()
        self._raise_if_failed()
        staged = [self._staged[n] for n in range(len(self._parts))]
        if len(staged) == 1:
            bundle = staged[0][0]
        else:
            assert self._merging is not None
            if not self._merging.done():
                self.say("search: waiting for the parts of the index to be put together")
            bundle = self._merging.result()
            if self._merged_parts != len(staged):  # pages came after: again, with all parts
                shutil.rmtree(bundle, ignore_errors=True)
                bundle = self._merge(len(staged), self.pages_added)
        try:
            missing = [f"{rel}: {what}" for rel, what in bundle_problems(bundle)]
            if missing:
                raise SearchIndexError(
                    f"the search bundle in {bundle} is incomplete: {'; '.join(missing[:5])}; "
                    "build again"
                )
            final = bundle.with_name(BUNDLE_DIR)
            _swap(bundle, final)
        except BaseException:
            shutil.rmtree(bundle, ignore_errors=True)
            raise
        finally:
            if len(staged) > 1:
                for staging, _ in staged:
                    shutil.rmtree(staging, ignore_errors=True)
        self.forget_other_parts()
        if self.stored_pages:
            self.say(
                f"search: {self.stored_pages:,} pages handed over from the build cache by their "
                f"keys, {self.stored_read:,} of them read again (their parts were indexed)"
            )
        languages: dict[str, int] = {}
        for _, stats in staged:
            for lang, n in stats.languages.items():
                languages[lang] = languages.get(lang, 0) + n
        files = [p for p in final.rglob("*") if p.is_file()]
        return dataclasses.replace(
            staged[0][1],
            pages=sum(s.pages for _, s in staged),
            html_files=self.pages_added,
            languages=languages,
            seconds=time.perf_counter() - self._started,
            finish_seconds=time.perf_counter() - finish_started,
            bundle_bytes=sum(p.stat().st_size for p in files),
            bundle_files=len(files),
            bundle_dir=final,
            shards=len(staged),
        )

    def close(self, failed: bool = True) -> None:
        """Stop every Pagefind still running; parts written for a failed build are removed."""
        current, self._current = self._current, None
        if current is not None:
            current.close(failed=failed)
        self._join_parts(timeout=300)
        for part in self._parts:
            if part is not None:
                part.close(failed=failed)
        merging, self._merging = self._merging, None
        if merging is not None:
            try:
                bundle = merging.result(timeout=300)
            except Exception:  # it failed: nothing to remove
                bundle = None
            if failed and bundle is not None:
                shutil.rmtree(bundle, ignore_errors=True)
        if failed:
            for staging, _ in self._staged.values():
                shutil.rmtree(staging, ignore_errors=True)

    # -- plumbing -----------------------------------------------------------------------

    def _next_part(self) -> None:
        indexer = self._started_indexer()
        self._parts.append(indexer)
        self._current, self._words, self._part_pages = indexer, 0, 0

    def _started_indexer(self) -> Indexer:
        """A new part's Pagefind, started once fewer than two run (the part's thread lets
        go of its place once the part is written, `_stage_on_thread`)."""
        self._pagefinds.acquire()
        try:
            indexer = self._new_indexer()
            indexer.start()
        except BaseException:
            self._pagefinds.release()
            raise
        return indexer

    def _cut(self) -> None:
        """The current part is full: write it on a thread while the next one fills. In a
        cold build the part before it is written first (one Pagefind writes at a time, while
        the next part is indexed). In a warm one, where most parts are copied from the cache
        and a few indexed again, the part is written at once, beside the part before it if
        that one is still being written: the parts that changed are then written together,
        not one after another, and the parts between them copied meanwhile; a third Pagefind
        waits for one of the two to end (`_started_indexer`)."""
        if self._part_cache is not None and self._buffering and self._current is None:
            self._cut_cached(self._part_cache)
            return
        part, self._current = self._current, None
        assert part is not None
        number = len(self._parts) - 1
        self._words = self._part_pages = 0
        kept: Path | None = None
        page_digests, self._page_digests = self._page_digests, []
        page_words, self._page_words = self._page_words, []
        if self._part_cache is not None:  # indexed as its pages came: kept for the next build
            key = self._pending_digest.hexdigest()
            self._pending_digest = self._new_digest()
            self._used_parts.add(key)
            kept = self._part_cache / key
        if self._writing is not None and not self._buffering:
            self._writing.join()
        self._raise_if_failed()
        if self.shard_words is not None:
            self.say(f"search: part {number + 1} of the index full ({part.pages_added:,} pages)")

        sorts = self._part_sorts(part.pages_added)

        def stage() -> tuple[Path, SearchStats]:
            staged = part.stage()
            if kept is not None:
                _keep_part(staged, kept, page_digests, page_words, sorts)
            return staged

        self._stage_on_thread(number, stage, lambda failed: part.close(failed=failed), part)

    def _cut_cached(self, cache: Path) -> None:
        """The part's pages are all in: copy its bundle from the cache if the same pages made
        one, else index them with a Pagefind of its own and keep its bundle there; on a thread
        while the next part fills, one part at a time."""
        pages, self._pending = self._pending, []
        page_digests, self._page_digests = self._page_digests, []
        page_words, self._page_words = self._page_words, []
        key = self._pending_digest.hexdigest()
        self._pending_digest = self._new_digest()
        self._words = self._part_pages = 0
        number = len(self._parts)
        self._parts.append(None)
        self._used_parts.add(key)
        self._raise_if_failed()
        kept = cache / key
        reuse = (kept / "stats.json").is_file()
        sorts = _kept_sorts(kept, len(pages)) if reuse else None
        if sorts is None:  # not cached, or cached before parts kept their sort values:
            # the pages known by their keys alone are read
            pages = [(url, self._html(html, page_key), page_key) for url, html, page_key in pages]
            sorts = [sort_values(cast(str, html)) for _, html, _ in pages]
        self._sorted(sorts)
        if reuse:
            self.parts_reused += 1
        self.say(
            f"search: part {number + 1} of the index full ({len(pages):,} pages)"
            + (", the same pages as the last build's: copied" if reuse else "")
        )

        made: list[Indexer] = []

        def stage() -> tuple[Path, SearchStats]:
            staged = _copy_part(kept, self.site_dir) if reuse else None
            if staged is None:  # not cached, or gone meanwhile (another build's)
                part = self._started_indexer()
                made.append(part)
                for url, html, page_key in pages:
                    part.add_page(url, self._html(html, page_key))
                staged = part.stage()
                _keep_part(staged, kept, page_digests, page_words, sorts)
            return staged

        def close(failed: bool) -> None:
            for part in made:
                part.close(failed=failed)
                self._pagefinds.release()

        self._stage_on_thread(number, stage, close)

    def _stage_on_thread(
        self,
        number: int,
        stage: Callable[[], tuple[Path, SearchStats]],
        close: Callable[[bool], None],
        pagefind: Indexer | None = None,
    ) -> None:
        """Run `stage` (part `number`'s bundle, staged) on a thread while the next part
        fills; its error is raised by the next add_page or finish; `close` is told whether
        it failed. `pagefind`: the part's Pagefind, whose place is given up once it is
        closed (a part copied from the cache, or indexed by `stage`, has none)."""

        def write() -> None:
            try:
                staged = stage()
                with self._lock:
                    self._staged[number] = staged
            except BaseException as error:  # raised by the next add_page or finish
                with self._lock:
                    self._errors.append(error)
            finally:
                close(number not in self._staged)
                if pagefind is not None:
                    self._pagefinds.release()

        thread = threading.Thread(target=write, name=f"pagefind-part-{number}", daemon=True)
        self._threads[number] = thread
        if pagefind is not None:
            self._writing = thread
        thread.start()

    def _join_parts(self, count: int | None = None, timeout: float | None = None) -> None:
        """Wait for the threads of the first `count` parts (all) to end."""
        for number, thread in list(self._threads.items()):
            if count is None or number < count:
                thread.join(timeout=timeout)

    def _new_digest(self) -> hashlib.blake2b:
        """A part's key: what Pagefind is told (its version is the cache folder's), then
        each page's URL and HTML."""
        digest = hashlib.blake2b(digest_size=20)
        digest.update(json.dumps([self._force_language, self._exclude]).encode())
        return digest

    def forget_other_parts(self) -> None:
        """Remove the cached parts this build did not use (the cache keeps the last build's)."""
        if self._part_cache is None or not self._part_cache.is_dir():
            return
        for folder in self._part_cache.iterdir():
            if folder.name not in self._used_parts and ".new-" not in folder.name:
                shutil.rmtree(folder, ignore_errors=True)

    def _new_indexer(self) -> Indexer:
        return Indexer(
            self.site_dir,
            force_language=self._force_language,
            progress=self.say,
            exclude_selectors=self._exclude,
            max_in_flight=self._max_in_flight,
        )

    def _merge(self, count: int, pages: int) -> Path:
        """Wait for the first ``count`` parts (``pages`` pages) to be written; put them
        together beside the old bundle."""
        self._join_parts(count)
        self._raise_if_failed()
        parts = [self._staged[n][0] for n in range(count)]
        started = time.perf_counter()
        into = self.site_dir.resolve() / f".{BUNDLE_DIR}-{uuid.uuid4().hex[:12]}"
        try:
            sorts = self._sorts[:pages]
            assert all(s is not None for s in sorts), "a part's sort values were not read"
            merge_bundles(parts, into, cast("list[dict[str, str]]", sorts))
            tighten_chunk_bounds(into)
            stabilize_bundle(into)
        except BaseException:
            shutil.rmtree(into, ignore_errors=True)
            raise
        self.say(
            f"search: {len(parts)} parts of the index put together in "
            f"{time.perf_counter() - started:.1f} s"
        )
        return into

    def _raise_if_failed(self) -> None:
        with self._lock:
            error = self._errors[0] if self._errors else None
        if error is None:
            return
        if isinstance(error, SearchIndexError):
            raise error
        raise SearchIndexError(f"Pagefind failed: {error}") from error


def link_or_copy(source: str, target: str) -> None:
    """A hard link where the file system allows it (no bytes copied), else a copy. Safe for
    Pagefind's files: nothing rewrites one in place, a build writes new ones."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _copy_part(kept: Path, site_dir: Path) -> tuple[Path, SearchStats] | None:
    """A cached part copied beside the site's bundle, as Pagefind would have staged it."""
    staging = site_dir.resolve() / f".{BUNDLE_DIR}-{uuid.uuid4().hex[:12]}"
    try:
        stats = SearchStats(**json.loads((kept / "stats.json").read_text(encoding="utf-8")))
        shutil.copytree(kept / BUNDLE_DIR, staging, copy_function=link_or_copy)
    except (OSError, ValueError, TypeError):
        shutil.rmtree(staging, ignore_errors=True)
        return None
    return staging, stats


def _kept_sorts(kept: Path, pages: int) -> list[dict[str, str]] | None:
    """The sort values of a cached part's pages (`_keep_part`), if it has them for `pages`."""
    try:
        sorts = json.loads((kept / "sorts.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(sorts, list) or len(sorts) != pages:
        return None
    if not all(isinstance(v, dict) and all(isinstance(x, str) for x in v.values()) for v in sorts):
        return None
    return sorts


def _kept_pages(kept: Path) -> tuple[list[str], list[int]]:
    """A cached part's pages' digests and their words (`_keep_part`): no words if they were
    not kept, nothing if the part is unreadable."""
    try:
        digests = json.loads((kept / "pages.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [], []
    if not isinstance(digests, list) or not all(isinstance(d, str) for d in digests):
        return [], []
    try:
        words = json.loads((kept / "words.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        words = None
    fits = isinstance(words, list) and len(words) == len(digests)
    return digests, words if fits and all(type(n) is int for n in words) else []


def _keep_part(
    staged: tuple[Path, SearchStats],
    kept: Path,
    pages: list[str],
    words: list[int],
    sorts: list[dict[str, str]] | None = None,
) -> None:
    """Copy a part Pagefind wrote into the cache of parts, whole or not at all: with its
    pages' digests, their words and their sort values (`sort_values`, which a copied part
    then does not read from its pages again)."""
    staging, stats = staged
    tmp = kept.with_name(f"{kept.name}.new-{os.getpid()}-{threading.get_ident()}")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(staging, tmp / BUNDLE_DIR, copy_function=link_or_copy)
    values = dataclasses.asdict(stats)
    values["bundle_dir"] = str(values["bundle_dir"])
    (tmp / "stats.json").write_text(json.dumps(values), encoding="utf-8")
    (tmp / "pages.json").write_text(json.dumps(pages), encoding="utf-8")
    if len(words) == len(pages):
        (tmp / "words.json").write_text(json.dumps(words), encoding="utf-8")
    if sorts is not None and len(sorts) == len(pages):
        (tmp / "sorts.json").write_text(json.dumps(sorts, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(kept, ignore_errors=True)
    tmp.rename(kept)
