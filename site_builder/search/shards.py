"""The search index in shards, so that a large site's Pagefind fits in a small machine.

Pagefind keeps every page it is given until it writes, and writing takes about three times
what the pages took (measured at 10,000 articles, 11,530 pages: 0.8 GB once indexed, 2.8 GB
while writing, 3.9 GB for the whole build's processes at that moment). Its memory grows with
the words it holds, so the way down is to hold fewer at once: :class:`ShardedIndexer` gives
Pagefind pages until they reach ``shard_words`` words, then has that Pagefind write its
index and stop, and starts a new one for the next pages. One shard is written while the
next is indexed; a third waits until the writing is done, so at most two Pagefinds run.

The shards together are one bundle: the first is Pagefind's bundle as ever (its scripts,
its WebAssembly, its index); the others are indexes only, in ``shards/<n>/`` inside it, and
listed in :data:`~site_builder.search.pagefind.SHARDS_FILE`. The browser searches them as
one through Pagefind's ``mergeIndex`` (the site's search script calls it for each shard
the build wrote into it): it runs the query on every index, adds up the filter counts and
orders the results by score. What that costs readers is measured in the README (search).

Pages are cut into shards in the order they arrive, which is the order MkDocs renders them
(articles by year, then the registry), so two builds of one archive cut at the same pages
and write the same bytes.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import threading
import time
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path

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
    SHARDS_FILE,
    bundle_problems,
    globalize_sorts,
    shard_list,
)

SHARD_FOLDER = "shards"
"""Where the shards after the first go inside the bundle: ``shards/1/``, ``shards/2/``..."""

DEFAULT_SHARD_WORDS = 2_000_000
"""Words a shard holds at most (as :func:`count_words` counts them). See the README's search
section for the measurements behind it."""


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


def count_words(html: str) -> int:
    """Words of a search document, roughly: its runs of non-space (markup included). What
    Pagefind's memory grows with is the words it indexes; this is cheap and close enough."""
    return len(html.split())


class ShardedIndexer(StartAndClose):
    """:class:`~site_builder.search.indexer.Indexer`'s interface over a series of Pagefinds,
    one per shard of at most ``shard_words`` words (``None``: one index, as Indexer)."""

    def __init__(
        self,
        site_dir: Path,
        *,
        force_language: str | None = DEFAULT_LANGUAGE,
        progress: Progress | None = None,
        exclude_selectors: Sequence[str] = (),
        max_in_flight: int = 64,
        shard_words: int | None = DEFAULT_SHARD_WORDS,
    ) -> None:
        check_language(force_language)
        if shard_words is not None and shard_words < 1:
            raise ValueError(f"shard_words must be a positive number of words; got {shard_words}")
        self.site_dir = Path(site_dir)
        self.say: Progress = progress or (lambda message: None)
        self.shard_words = shard_words
        self.pages_added = 0
        self._options = {
            "force_language": force_language,
            "exclude_selectors": exclude_selectors,
            "max_in_flight": max_in_flight,
        }
        self._current: Indexer | None = None
        self._words = 0  # in the current shard
        self._shards: list[Indexer] = []  # every shard started, in order
        self._sorts: list[list[dict[str, str]]] = []  # each shard's pages' sort values
        self._staged: dict[int, tuple[Path, SearchStats]] = {}
        self._errors: list[BaseException] = []
        self._writing: threading.Thread | None = None
        self._lock = threading.Lock()
        self._started = 0.0

    def start(self) -> None:
        """Start the first shard's Pagefind: a Pagefind that cannot run fails here."""
        self._started = time.perf_counter()
        self._next_shard()

    def add_page(self, url: str, html: str) -> None:
        """Hand one page to the current shard; a full shard is written first."""
        self._raise_if_failed()
        words = count_words(html)
        if (
            self._current is not None
            and self.shard_words is not None
            and self._words
            and self._words + words > self.shard_words
        ):
            self._cut()
        if self._current is None:
            self._next_shard()
        assert self._current is not None
        self._current.add_page(url, html)
        self._sorts[-1].append(sort_values(html))
        self._words += words
        self.pages_added += 1

    def write_soon(self) -> None:
        """Every page is in: the last shard starts writing. A page after this starts a new
        shard (the bundle then has one more)."""
        if self._current is not None and self._current.pages_added:
            self._cut()

    def finish(self) -> SearchStats:
        """Wait for every shard to be written, put them together and swap the bundle in."""
        self.write_soon()
        if self._writing is not None:
            self._writing.join()
        self._raise_if_failed()
        staged = [self._staged[n] for n in range(len(self._shards)) if n in self._staged]
        if not staged:
            raise SearchIndexError(
                f"Pagefind indexed no page of {self.site_dir}: no page was handed to search"
            )
        bundle = staged[0][0]
        try:
            if len(staged) == len(self._shards):
                kept = globalize_sorts([path for path, _ in staged], self._sorts)
                if kept:
                    self.say(f"search: sorted results may be out of order across shards: {kept}")
            shards = []
            for n, (staging, _) in enumerate(staged[1:], start=1):
                folder = f"{SHARD_FOLDER}/{n}/"
                (bundle / SHARD_FOLDER).mkdir(exist_ok=True)
                staging.rename(bundle / folder)
                shards.append(folder)
            if shards:
                (bundle / SHARDS_FILE).write_text(
                    json.dumps({"shards": shards}, separators=(",", ":")) + "\n", encoding="utf-8"
                )
            missing = [f"{rel}: {what}" for rel, what in bundle_problems(bundle)]
            if missing:
                raise SearchIndexError(
                    f"the search bundle in {bundle} is incomplete: {'; '.join(missing[:5])}; "
                    "build again"
                )
            final = bundle.with_name(BUNDLE_DIR)
            _swap(bundle, final)
        except BaseException:
            for staging, _ in staged:
                shutil.rmtree(staging, ignore_errors=True)
            raise
        first = staged[0][1]
        languages: dict[str, int] = {}
        for _, stats in staged:
            for lang, n in stats.languages.items():
                languages[lang] = languages.get(lang, 0) + n
        files = [p for p in final.rglob("*") if p.is_file()]
        return dataclasses.replace(
            first,
            pages=sum(s.pages for _, s in staged),
            html_files=self.pages_added,
            languages=languages,
            seconds=time.perf_counter() - self._started,
            finish_seconds=staged[-1][1].finish_seconds,
            bundle_bytes=sum(p.stat().st_size for p in files),
            bundle_files=len(files),
            bundle_dir=final,
            shards=len(staged),
        )

    def close(self, failed: bool = True) -> None:
        """Stop every Pagefind still running; shards written for a failed build are removed."""
        current, self._current = self._current, None
        if current is not None:
            current.close(failed=failed)
        if self._writing is not None:
            self._writing.join(timeout=300)
        for shard in self._shards:
            shard.close(failed=failed)
        if failed:
            for staging, _ in self._staged.values():
                shutil.rmtree(staging, ignore_errors=True)

    # -- plumbing -----------------------------------------------------------------------

    def _next_shard(self) -> None:
        indexer = Indexer(
            self.site_dir,
            force_language=self._options["force_language"],  # type: ignore[arg-type]
            progress=self.say,
            exclude_selectors=self._options["exclude_selectors"],  # type: ignore[arg-type]
            max_in_flight=self._options["max_in_flight"],  # type: ignore[arg-type]
        )
        indexer.start()
        self._shards.append(indexer)
        self._sorts.append([])
        self._current, self._words = indexer, 0

    def _cut(self) -> None:
        """The current shard is full: write it on a thread while the next one fills. The shard
        before it must be written first, so that at most one Pagefind writes at a time."""
        shard, self._current = self._current, None
        assert shard is not None
        number = len(self._shards) - 1
        if self._writing is not None:
            self._writing.join()
            self._raise_if_failed()
        if self.shard_words is not None:
            self.say(f"search: shard {number + 1} of the index full ({shard.pages_added:,} pages)")

        def write() -> None:
            try:
                staged = shard.stage(scripts=number == 0)
                with self._lock:
                    self._staged[number] = staged
            except BaseException as error:  # raised by the next add_page or finish
                with self._lock:
                    self._errors.append(error)
            finally:
                shard.close(failed=number not in self._staged)

        self._writing = threading.Thread(target=write, name=f"pagefind-shard-{number}", daemon=True)
        self._writing.start()

    def _raise_if_failed(self) -> None:
        with self._lock:
            error = self._errors[0] if self._errors else None
        if error is None:
            return
        if isinstance(error, SearchIndexError):
            raise error
        raise SearchIndexError(f"Pagefind failed: {error}") from error


SCRIPT_MARKER = "/* search shards */ []"
"""Where the site's search script takes the list of shards: the build writes it there."""


def tell_script(script: Path, stats: SearchStats) -> None:
    """Write the bundle's shards into the site's search script (``SCRIPT_MARKER``), so that
    the browser knows them without a request of its own. Nothing to do for one index."""
    shards = shard_list(stats.bundle_dir)
    if not shards:
        return
    text = script.read_text(encoding="utf-8")
    if text.count(SCRIPT_MARKER) != 1:
        raise SearchIndexError(
            f"{script} has no place for the list of search shards ({SCRIPT_MARKER!r} once): "
            f"the browser would search 1 of the index's {len(shards) + 1} shards; add it to "
            "site_builder/site/assets/search/, or set search_shard_words: 0"
        )
    text = text.replace(SCRIPT_MARKER, json.dumps(shards))
    partial = script.with_name(f".{script.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(script)
