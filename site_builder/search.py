"""Full-text search: run Pagefind over a built site and write its bundle to ``<site>/pagefind/``.

This module knows nothing of MkDocs: it takes a directory of built HTML, runs Pagefind through
its Python API (``pagefind.service.PagefindService`` / ``pagefind.index.PagefindIndex``) and
reports what it did. The plugin calls :func:`index_site` once the site is written
(``on_post_build``).

What gets indexed is decided by the HTML the plugin emits (``data-pagefind-body``,
``data-pagefind-filter``, ``data-pagefind-meta``, ``data-pagefind-weight``,
``data-pagefind-ignore``); see ``notes/pagefind.md``. Pagefind skips ``nav``, ``footer``,
``form``, ``label``, ``svg``, ``script`` and ``head`` content on its own, and once one page of
the site carries ``data-pagefind-body``, pages without it are not indexed at all.

Languages
---------
By default Pagefind builds one index per ``<html lang>`` and the browser loads only the index of
the page it runs on, so a reader on an English page would never find a Russian article. We want
one archive searched as a whole, so :func:`index_site` forces a single language: every page
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
for Pagefind's per-language indexes. Person names and their aliases in other scripts are found
through the ``names`` metadata of entity pages, whatever the language.

Failure handling
----------------
The Python wrapper merges Pagefind's stderr into the pipe it reads answers from, so a panic
inside Pagefind (an invalid exclude selector does it) leaves the wrapper waiting forever. We
watch the wrapper's reader task and the backend process while waiting, and turn either dying
into a :class:`SearchIndexError`. Pagefind also answers "written" before its last writes land,
so we let it exit by itself instead of killing it (see :func:`_stop`), and we write the bundle
beside the old one and swap it in, so a failed run leaves the previous bundle in place.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

__all__ = [
    "BUNDLE_DIR",
    "DEFAULT_LANGUAGE",
    "SearchIndexError",
    "SearchStats",
    "index_site",
]

BUNDLE_DIR = "pagefind"
"""Name of the bundle directory inside the site; the search UI expects ``<site root>/pagefind/``."""

DEFAULT_LANGUAGE = "ru"
"""The language the whole index is stemmed as; see the module docstring for why."""

HEARTBEAT_SECONDS = 5.0
"""How often a long indexing step reports that it is still running."""

_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")

Progress = Callable[[str], None]
T = TypeVar("T")


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message says why and what to do next."""


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
    """Wall time of indexing and writing the bundle."""
    bundle_bytes: int = 0
    bundle_files: int = 0
    bundle_dir: Path = Path(BUNDLE_DIR)
    pagefind_version: str = ""

    def summary(self) -> str:
        langs = ", ".join(f"{lang}: {n:,}" for lang, n in sorted(self.languages.items()))
        return (
            f"search: indexed {self.pages:,} of {self.html_files:,} HTML pages ({langs}) "
            f"in {self.seconds:.1f} s; bundle {self.bundle_bytes / 1_048_576:.1f} MB "
            f"in {self.bundle_files:,} files at {self.bundle_dir}"
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
    site_dir = Path(site_dir)
    if force_language is not None and not _LANGUAGE.match(force_language):
        raise ValueError(
            f"force_language must be an ISO 639-1 code such as 'ru' or 'en', or None; "
            f"got {force_language!r}"
        )
    if not site_dir.is_dir():
        raise SearchIndexError(f"cannot index {site_dir}: no such directory; build the site first")
    say = progress or (lambda message: None)
    return _run(lambda: _index(site_dir.resolve(), force_language, say, tuple(exclude_selectors)))


async def _index(
    site_dir: Path, force_language: str | None, say: Progress, exclude: tuple[str, ...]
) -> SearchStats:
    try:
        from pagefind.index import IndexConfig
        from pagefind.service import PagefindService
    except ImportError as error:
        raise SearchIndexError(
            f"the Pagefind Python package is not installed ({error}); "
            "install it with: pip install 'pagefind[bin]'"
        ) from error

    config = IndexConfig()
    if force_language is not None:
        config["force_language"] = force_language
    if exclude:
        config["exclude_selectors"] = list(exclude)

    started = time.perf_counter()
    final = site_dir / BUNDLE_DIR
    staging = site_dir / f".{BUNDLE_DIR}-{uuid.uuid4().hex[:12]}"
    try:
        service = PagefindService()
    except FileNotFoundError as error:
        raise SearchIndexError(
            f"the Pagefind binary was not found ({error}); install it with: "
            "pip install 'pagefind[bin]', or set PAGEFIND_BINARY_PATH to a pagefind executable"
        ) from error

    failed = True
    try:
        try:
            await _guard(service, service.launch(), "starting Pagefind", say, started)
        except OSError as error:
            raise SearchIndexError(
                f"could not start Pagefind ({error}); install it with: pip install "
                "'pagefind[bin]', or point PAGEFIND_BINARY_PATH at a pagefind executable"
            ) from error
        index = await _guard(
            service, service.create_index(config), "starting Pagefind", say, started
        )
        language = (
            f"as one '{force_language}' index" if force_language else "one index per language"
        )
        say(f"search: indexing the HTML pages of {site_dir} with Pagefind ({language})")
        added = await _guard(
            service, index.add_directory(str(site_dir)), "indexing pages", say, started
        )
        html_files = int(added.get("page_count", 0))
        say(f"search: read {html_files:,} HTML files; writing the search bundle")
        await _guard(
            service, index.write_files(output_path=str(staging)), "writing the bundle", say, started
        )
        failed = False
    except SearchIndexError:
        raise
    except Exception as error:  # Pagefind reports its errors as bare Exception(message, original)
        raise SearchIndexError(f"Pagefind failed: {_message(error)}") from error
    finally:
        await _stop(service, failed)
        if failed:
            shutil.rmtree(staging, ignore_errors=True)

    try:
        entry = json.loads((staging / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise SearchIndexError(
            f"Pagefind wrote no readable pagefind-entry.json into {staging}: {error}"
        ) from error
    languages = {
        lang: int(info.get("page_count", 0)) for lang, info in entry.get("languages", {}).items()
    }
    pages = sum(languages.values())
    if pages == 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise SearchIndexError(
            f"Pagefind indexed no page of {site_dir} ({html_files:,} HTML files read): a page is "
            "indexed only if it has an <html> element and, once any page has a "
            "data-pagefind-body element, only if it has one too"
        )

    _swap(staging, final)
    files = [p for p in final.rglob("*") if p.is_file()]
    return SearchStats(
        pages=pages,
        html_files=html_files,
        languages=languages,
        seconds=time.perf_counter() - started,
        bundle_bytes=sum(p.stat().st_size for p in files),
        bundle_files=len(files),
        bundle_dir=final,
        pagefind_version=str(entry.get("version", "")),
    )


async def _guard(service: Any, step: Awaitable[T], what: str, say: Progress, started: float) -> T:
    """Await one request to Pagefind, failing fast if its reader task or process dies."""
    task = asyncio.ensure_future(step)
    step_started = time.perf_counter()
    while True:
        done, _ = await asyncio.wait({task}, timeout=HEARTBEAT_SECONDS)
        if task in done:
            return task.result()
        reader = getattr(service, "_poll_task", None)
        backend = getattr(service, "_backend", None)
        crashed = None
        if reader is not None and reader.done():
            crashed = "its answers could not be read"
            if not reader.cancelled() and reader.exception() is not None:
                crashed += f" ({_message(reader.exception())})"
        elif backend is not None and backend.returncode is not None:
            crashed = f"it exited with status {backend.returncode}"
        if crashed:
            task.cancel()
            raise SearchIndexError(
                f"Pagefind stopped while {what}: {crashed}. Pagefind crashes this way on invalid "
                "exclude selectors; run `python -m pagefind --site <site dir>` to see its own "
                "message"
            )
        say(
            f"search: still {what} ({time.perf_counter() - step_started:.0f} s; "
            f"{time.perf_counter() - started:.0f} s in all)"
        )


async def _stop(service: Any, failed: bool) -> None:
    """Stop the Pagefind process; after a successful write, let it finish writing first.

    Pagefind (1.5.2, ``output/mod.rs``) answers WriteFiles once every write is *queued*: it never
    flushes its tokio files, so the last chunk of a file may still be in flight. The wrapper's
    ``close()`` then sends SIGTERM, which can cut files short (seen once: a 10,000-page build got
    a ``pagefind-component-ui.js`` of exactly 128 KiB). Closing stdin instead makes the service
    return from main, and its runtime waits for those writes.
    """
    backend = getattr(service, "_backend", None)
    if backend is None:  # never launched
        return
    reader = getattr(service, "_poll_task", None)
    if not failed and backend.stdin is not None:
        backend.stdin.close()
        try:
            await asyncio.wait_for(backend.wait(), timeout=120)
        except TimeoutError:
            pass
    if reader is not None:
        reader.cancel()
        try:
            await reader
        except (asyncio.CancelledError, Exception):  # it ends by EOF or cancellation: both fine
            pass
    if backend.returncode is None:
        backend.kill()
    await backend.wait()


def _swap(staging: Path, final: Path) -> None:
    """Put the new bundle in place of the old one, the old one out of the way first."""
    old = None
    if final.exists():
        old = final.with_name(f"{staging.name}-old")
        final.rename(old)
    staging.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _message(error: BaseException) -> str:
    # Pagefind's wrapper raises a bare Exception(message, original_message).
    if type(error) is Exception and error.args and isinstance(error.args[0], str):
        return error.args[0]
    return f"{type(error).__name__}: {error}"


def _run(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine from synchronous code, even where an event loop is already running."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    # A loop runs in this thread (Playwright's sync API, Jupyter): use a fresh one in another.
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["value"] = asyncio.run(make())
        except BaseException as error:  # re-raised in the caller's thread
            outcome["error"] = error

    thread = threading.Thread(target=work, name="pagefind-index")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
