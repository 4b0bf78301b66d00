"""Full-text search: run Pagefind over a built site and write its bundle to ``<site>/pagefind/``.

This module knows nothing of MkDocs: it runs Pagefind through its Python API
(``pagefind.service.PagefindService`` / ``pagefind.index.PagefindIndex``) and reports what it
did. The plugin uses an :class:`Indexer` in a child process
(:class:`site_builder.search.process.IndexerProcess`): it hands over each page's search document
(:func:`search_document`) as soon as the page's Markdown is rendered (``on_page_content``), so
the Pagefind process indexes on the machine's other core while MkDocs goes on, and tells it to
write the bundle once every page is in (``on_env``); ``on_post_build`` waits for it.
:func:`index_site` indexes a directory of HTML that carries Pagefind's attributes itself.

What gets indexed is decided by the search documents the site writes for its pages
(``site_builder/search/documents.py``: ``data-pagefind-body``, ``-filter``, ``-meta``, ``-weight``,
``-ignore``); the pages themselves carry none of it. Pagefind skips ``nav``, ``footer``,
``form``, ``label``, ``svg``, ``script`` and ``head`` content on its own, and once one page
carries ``data-pagefind-body``, pages without it are not indexed at all.

Languages
---------
By default Pagefind builds one index per ``<html lang>`` and the browser loads only the index of
the page it runs on, so a reader on an English page would never find a Russian article. We want
one archive searched as a whole, so the index forces a single language: every page
goes into one index, stemmed with that language's stemmer, and the same stemmer is applied to the
query. Which language is the trade-off, measured with Pagefind 1.5.2 in Chromium on English,
Russian and Kazakh test pages (text "Правозащитники ... сокращением грантов ... в кризисе"):

==========================  ==========  ===========  ==========================
query                       ``"ru"``    ``"en"``     ``None`` (one per lang)
==========================  ==========  ===========  ==========================
правозащитников/сокращения  found       NOT found    only from a Russian page
гранты / кризиса            found       NOT found    only from a Russian page
funds / funded / reports    NOT found   found        only from an English page
(text: funding, reported)
Kazakh words, names         found       found        only from a page of that
                                                     language
==========================  ==========  ===========  ==========================

Forcing ``"ru"`` keeps Russian stemming (the richly inflected language of most of the Kazakh
press) and costs English stemming: an English query then matches by prefix only (``fund`` finds
``funding``; ``funds`` does not). Forcing ``"en"`` is the mirror image: Russian matches by prefix
only, which fails wherever the query form is not a prefix of the text's form (``организация`` vs
``организации``). Kazakh has no Pagefind stemmer either way; it matches exactly or by prefix.
The issue asks that Russian queries match inflected forms and that every article be found from
any page, so the default is ``"ru"``; pass ``"en"`` for a mostly English archive, or ``None``
for Pagefind's per-language indexes. Names in other scripts and romanizations are found through
metadata, whatever the language: an entity page's ``names`` and ``spellings``, an article's
``refs`` (the spellings of the entries it references; see :mod:`site_builder.search.documents`).

Failure handling and determinism are Pagefind's side of things: see
:mod:`site_builder.search.pagefind`. A large site is indexed in parts, one Pagefind (one
:class:`Indexer`) after another, put together into one index: see
:mod:`site_builder.search.shards`.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import json
import re
import shutil
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self, TypeVar

from .documents import search_document
from .pagefind import (
    BUNDLE_DIR,
    SearchIndexError,
    _await_writes,
    _crashed,
    _message,
    _service,
    _stop,
    bundle_problems,
    stabilize_bundle,
    tighten_chunk_bounds,
)

__all__ = [
    "BUNDLE_DIR",
    "DEFAULT_LANGUAGE",
    "SearchIndexError",
    "SearchStats",
    "Indexer",
    "bundle_problems",
    "index_site",
    "search_document",
    "stabilize_bundle",
    "tighten_chunk_bounds",
]


DEFAULT_LANGUAGE = "ru"
"""The language the whole index is stemmed as; see the module docstring for why."""

HEARTBEAT_SECONDS = 5.0
"""How often a long indexing step reports that it is still running."""

_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")

Progress = Callable[[str], None]
T = TypeVar("T")


def check_language(force_language: str | None) -> None:
    """Raise ValueError unless ``force_language`` is None or looks like an ISO 639-1 code."""
    if force_language is not None and not _LANGUAGE.match(force_language):
        raise ValueError(
            f"force_language must be an ISO 639-1 code such as 'ru' or 'en', or None; "
            f"got {force_language!r}"
        )


@dataclass(frozen=True)
class SearchStats:
    """What one run of Pagefind produced."""

    pages: int
    """Pages in the index; pages Pagefind skipped (no ``data-pagefind-body``) not counted."""
    html_files: int
    """HTML files Pagefind read."""
    languages: dict[str, int] = field(default_factory=dict)
    """Pages per index language, e.g. ``{"ru": 10234}``."""
    seconds: float = 0.0
    """Wall time from starting Pagefind to the bundle in place."""
    finish_seconds: float = 0.0
    """Of that, the time after the last page was handed over: what search adds to a build
    whose pages were indexed as they were rendered."""
    bundle_bytes: int = 0
    bundle_files: int = 0
    bundle_dir: Path = Path(BUNDLE_DIR)
    pagefind_version: str = ""
    shards: int = 1
    """Indexes the bundle holds (see :mod:`site_builder.search.shards`)."""

    def summary(self) -> str:
        langs = ", ".join(f"{lang}: {n:,}" for lang, n in sorted(self.languages.items()))
        return (
            f"search: indexed {self.pages:,} of {self.html_files:,} HTML pages ({langs}) "
            f"in {self.seconds:.1f} s, {self.finish_seconds:.1f} s of it after the last page; "
            f"bundle {self.bundle_bytes / 1_048_576:.1f} MB in {self.bundle_files:,} files"
            + (f" (indexed in {self.shards} parts)" if self.shards > 1 else "")
            + f" at {self.bundle_dir}"
        )


def index_site(
    site_dir: Path,
    *,
    force_language: str | None = DEFAULT_LANGUAGE,
    progress: Progress | None = None,
    exclude_selectors: Sequence[str] = (),
) -> SearchStats:
    """Index the built site in ``site_dir`` and write the search bundle to ``site_dir/pagefind/``.

    ``force_language``: ISO 639-1 code every page is indexed as (one index for the whole site), or
    ``None`` for one index per ``<html lang>``. ``progress`` receives one-line messages, including a
    heartbeat every few seconds during long steps. ``exclude_selectors``: extra CSS selectors whose
    elements Pagefind leaves out, filters and metadata included.

    The new bundle is written beside the old one and swapped in at the end, so a failed run leaves
    the previous bundle in place. Raises :class:`SearchIndexError` when Pagefind is missing, fails,
    or indexes no page at all.
    """
    indexer = Indexer(
        site_dir,
        force_language=force_language,
        progress=progress,
        exclude_selectors=exclude_selectors,
    )
    with indexer:
        indexer.add_directory()
        return indexer.finish()


MAX_IN_FLIGHT = 64
"""Pages handed over but not yet acknowledged; ``add_page`` waits beyond this many, so a slow
Pagefind slows the caller instead of every page piling up in memory."""


class StartAndClose:
    """``with`` starts it and closes it; a block that raised closes it as failed."""

    def start(self) -> None:
        raise NotImplementedError

    def close(self, failed: bool = True) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        self.close(failed=error is not None)


class Indexer(StartAndClose):
    """One Pagefind index, fed page by page while a site is built, or from a built directory.

    ``add_page`` returns at once: the page goes to the Pagefind process, which indexes it on
    another core while the caller renders the next one. ``finish`` waits for the pages still
    in flight, writes the bundle beside the old one, swaps it in and reports; use the indexer
    as a context manager so that a failed build stops Pagefind. Thread-safe in the sense that
    one thread feeds it while its own thread talks to Pagefind.
    """

    def __init__(
        self,
        site_dir: Path,
        *,
        force_language: str | None = DEFAULT_LANGUAGE,
        progress: Progress | None = None,
        exclude_selectors: Sequence[str] = (),
        max_in_flight: int = MAX_IN_FLIGHT,
    ) -> None:
        check_language(force_language)
        self.site_dir = Path(site_dir)
        self.force_language = force_language
        self.exclude = tuple(exclude_selectors)
        self.say: Progress = progress or (lambda message: None)
        self.pages_added = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._service: Any = None
        self._index: Any = None
        self._started = self._finish_started = 0.0
        self._slots = threading.BoundedSemaphore(max_in_flight)
        self._in_flight: set[concurrent.futures.Future[Any]] = set()
        self._lock = threading.Lock()
        self._error: BaseException | None = None
        self._writer: concurrent.futures.Future[Path] | None = None
        self._written_pages = 0

    # -- the caller's side --------------------------------------------------------------

    def start(self) -> None:
        """Launch Pagefind; raises :class:`SearchIndexError` when it cannot run."""
        self._started = time.perf_counter()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="pagefind-index", daemon=True
        )
        self._thread.start()
        try:
            self._call(self._launch())
        except BaseException:
            self.close(failed=True)
            raise

    def add_page(self, url: str, html: str) -> None:
        """Hand one page to Pagefind: ``url`` as the site links it (``/people/x/``)."""
        self._raise_if_failed()
        while not self._slots.acquire(timeout=HEARTBEAT_SECONDS):
            self._raise_if_failed()
        future = asyncio.run_coroutine_threadsafe(self._add(url, html), self._live_loop())
        with self._lock:
            self._in_flight.add(future)
        future.add_done_callback(self._added)
        self.pages_added += 1

    def add_directory(self) -> int:
        """Index every HTML file under the site directory; returns how many were read."""
        if not self.site_dir.is_dir():
            raise SearchIndexError(
                f"cannot index {self.site_dir}: no such directory; build the site first"
            )
        language = (
            f"as one '{self.force_language}' index"
            if self.force_language
            else "one index per language"
        )
        self.say(f"search: indexing the HTML pages of {self.site_dir} with Pagefind ({language})")
        added = self._call(
            self._guard(self._index.add_directory(str(self.site_dir.resolve())), "indexing pages")
        )
        self.pages_added += int(added.get("page_count", 0))
        return self.pages_added

    def write_soon(self) -> None:
        """Every page to be indexed is in: start writing the bundle while the caller goes on.

        Pagefind builds its index only once it is told to write, and at 10,000 articles that
        takes longer than any other step of search; a site builder that renders its
        unsearchable pages (indexes, pagination) last can have it done meanwhile. A page
        added after this is not lost: ``finish`` then writes the bundle again.
        """
        if self._writer is not None:
            return
        self._written_pages = self.pages_added
        writer = concurrent.futures.Future()  # type: concurrent.futures.Future[Path]

        def write() -> None:
            try:
                writer.set_result(self._write())
            except BaseException as error:  # handed to finish()
                writer.set_exception(error)

        self._writer = writer
        threading.Thread(target=write, name="pagefind-write", daemon=True).start()

    def finish(self) -> SearchStats:
        """Wait for the pages in flight, write the bundle and swap it in; then report."""
        staging, stats = self.stage()
        try:
            final = staging.with_name(BUNDLE_DIR)
            _swap(staging, final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return dataclasses.replace(stats, bundle_dir=final)

    def stage(self) -> tuple[Path, SearchStats]:
        """Wait for the pages in flight, write the bundle beside the old one, stop Pagefind
        (its memory is freed here) and check the bundle; return where it is and a report.
        The caller moves the folder into place or removes it."""
        if not self.site_dir.is_dir():
            raise SearchIndexError(
                f"cannot index {self.site_dir}: no such directory; build the site first"
            )
        self._finish_started = time.perf_counter()
        staging = None
        if self._writer is not None:
            if not self._writer.done():
                self.say("search: waiting for Pagefind to finish writing the bundle")
            try:
                staging = self._writer.result()
            finally:
                self._writer = None
            if self.pages_added != self._written_pages:  # pages came after: write again
                shutil.rmtree(staging, ignore_errors=True)
                staging = None
        if staging is None:
            staging = self._write()
        try:
            self._call(_stop(self._service, failed=False))
            self._service = None
            return staging, self._report(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise

    def _write(self) -> Path:
        """Wait for the pages in flight, then have Pagefind write the bundle beside the old."""
        with self._lock:
            pending = list(self._in_flight)
        if pending:
            self.say(f"search: waiting for Pagefind to index the last {len(pending)} pages")
        for future in pending:
            try:
                future.result()
            except Exception:  # recorded by _added; raised below
                pass
        self._raise_if_failed()
        final = self.site_dir.resolve() / BUNDLE_DIR
        staging = final.with_name(f".{BUNDLE_DIR}-{uuid.uuid4().hex[:12]}")
        self.say(f"search: {self.pages_added:,} HTML pages read; writing the search bundle")
        try:
            self._call(
                self._guard(self._index.write_files(output_path=str(staging)), "writing the bundle")
            )
            _await_writes(getattr(self._service, "_backend", None), staging)
            tighten_chunk_bounds(staging)
            stabilize_bundle(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return staging

    def close(self, failed: bool = True) -> None:
        """Stop Pagefind and the indexer's thread; what was not written is dropped."""
        loop, self._loop = self._loop, None
        if loop is None:
            return
        writer, self._writer = self._writer, None
        if self._service is not None:
            try:
                asyncio.run_coroutine_threadsafe(_stop(self._service, failed), loop).result(
                    timeout=150
                )
            except Exception:  # it is being stopped: how it ends does not matter (Ctrl-C does)
                pass
            self._service = None
        if writer is not None:  # a bundle written for a build that then failed: not used
            try:
                shutil.rmtree(writer.result(timeout=150), ignore_errors=True)
            except Exception:  # it failed: there is no bundle to remove
                pass
        loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=10)
        if not loop.is_running():
            loop.close()

    # -- plumbing -----------------------------------------------------------------------

    def _live_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            raise SearchIndexError("the search indexer was used after it was closed")
        return self._loop

    def _call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine on the indexer's loop and wait for it; Pagefind errors explained."""
        future = asyncio.run_coroutine_threadsafe(coroutine, self._live_loop())
        try:
            return future.result()
        except SearchIndexError:
            raise
        except Exception as error:  # Pagefind reports errors as bare Exception(message, original)
            raise SearchIndexError(f"Pagefind failed: {_message(error)}") from error

    def _added(self, future: concurrent.futures.Future[Any]) -> None:
        with self._lock:
            self._in_flight.discard(future)
            if not future.cancelled() and future.exception() is not None and self._error is None:
                self._error = future.exception()
        self._slots.release()

    def _raise_if_failed(self) -> None:
        error = self._error
        if error is None:
            return
        if isinstance(error, SearchIndexError):
            raise error
        raise SearchIndexError(f"Pagefind failed: {_message(error)}") from error

    async def _launch(self) -> None:
        try:
            from pagefind.index import IndexConfig
        except ImportError as error:
            raise SearchIndexError(
                f"the Pagefind Python package is not installed ({error}); "
                "install it with: pip install 'pagefind[bin]'"
            ) from error
        config = IndexConfig()
        if self.force_language is not None:
            config["force_language"] = self.force_language
        if self.exclude:
            config["exclude_selectors"] = list(self.exclude)
        try:
            self._service = _service()
        except FileNotFoundError as error:
            raise SearchIndexError(
                f"the Pagefind binary was not found ({error}); install it with: "
                "pip install 'pagefind[bin]', or set PAGEFIND_BINARY_PATH to a pagefind executable"
            ) from error
        try:
            await self._guard(self._service.launch(), "starting Pagefind")
        except OSError as error:
            raise SearchIndexError(
                f"could not start Pagefind ({error}); install it with: pip install "
                "'pagefind[bin]', or point PAGEFIND_BINARY_PATH at a pagefind executable"
            ) from error
        self._index = await self._guard(self._service.create_index(config), "starting Pagefind")

    async def _add(self, url: str, html: str) -> None:
        await self._guard(
            self._index.add_html_file(content=html, url=url), "indexing pages", quiet=True
        )

    async def _guard(self, step: Awaitable[T], what: str, quiet: bool = False) -> T:
        """Await one request to Pagefind, failing fast if its reader task or process dies."""
        task = asyncio.ensure_future(step)
        step_started = time.perf_counter()
        # The service as it is now: close() forgets it while a write may still be waiting.
        service = self._service
        reader = getattr(service, "_poll_task", None)  # ends at once if Pagefind dies
        watched = {task} if reader is None else {task, reader}
        while True:
            done, _ = await asyncio.wait(
                watched, timeout=HEARTBEAT_SECONDS, return_when=asyncio.FIRST_COMPLETED
            )
            if task in done:
                return task.result()
            crashed = _crashed(service)
            if crashed:
                task.cancel()
                raise SearchIndexError(
                    f"Pagefind stopped while {what}: {crashed}. Pagefind crashes this way on "
                    "invalid exclude selectors; run `python -m pagefind --site <site dir>` to "
                    "see its own message"
                )
            if not quiet:
                now = time.perf_counter()
                self.say(
                    f"search: still {what} ({now - step_started:.0f} s; "
                    f"{now - self._started:.0f} s in all)"
                )

    def _report(self, staging: Path) -> SearchStats:
        try:
            entry = json.loads((staging / "pagefind-entry.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise SearchIndexError(
                f"Pagefind wrote no readable pagefind-entry.json into {staging}: {error}"
            ) from error
        languages = {
            lang: int(info.get("page_count", 0))
            for lang, info in entry.get("languages", {}).items()
        }
        pages = sum(languages.values())
        if pages == 0:
            raise SearchIndexError(
                f"Pagefind indexed no page of {self.site_dir} ({self.pages_added:,} HTML pages "
                "read): a page is indexed only if it has an <html> element and, once any page "
                "has a data-pagefind-body element, only if it has one too"
            )
        missing = [f"{rel}: {what}" for rel, what in bundle_problems(staging)]
        if missing:
            more = f" (and {len(missing) - 5} more)" if len(missing) > 5 else ""
            raise SearchIndexError(
                f"Pagefind's bundle in {staging} is incomplete: {'; '.join(missing[:5])}{more}; "
                "build again"
            )
        files = [p for p in staging.rglob("*") if p.is_file()]
        return SearchStats(
            pages=pages,
            html_files=self.pages_added,
            languages=languages,
            seconds=time.perf_counter() - self._started,
            finish_seconds=time.perf_counter() - self._finish_started,
            bundle_bytes=sum(p.stat().st_size for p in files),
            bundle_files=len(files),
            bundle_dir=staging,
            pagefind_version=str(entry.get("version", "")),
        )


def _swap(staging: Path, final: Path) -> None:
    """Put the new bundle in place of the old one, the old one out of the way first."""
    old = None
    if final.exists():
        old = final.with_name(f"{staging.name}-old")
        final.rename(old)
    staging.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
