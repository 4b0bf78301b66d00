"""Everything tied to Pagefind 1.5's internals, in one place: its service wrapper, the
files of its bundle (gzipped CBOR behind a signature, named by content hash), and how it
writes them. When Pagefind changes, this module is what to read again (pagefind[bin] is
pinned below 1.6 in pyproject.toml for it).

Failure handling
----------------
The Python wrapper merges Pagefind's stderr into the pipe it reads answers from, so a panic
inside Pagefind (an invalid exclude selector does it) leaves the wrapper waiting forever. We
watch the wrapper's reader task and the backend process while waiting, and turn either dying
into a :class:`SearchIndexError`. Pagefind also answers "written" before its last writes land,
so we wait until it has closed every file it opened in the bundle (see :func:`_await_writes`)
before anything reads the bundle or stops Pagefind, check that every file the bundle names is
there (:func:`bundle_problems`), and write the bundle beside the old one and swap it in, so a
failed run leaves the previous bundle in place.

Determinism
-----------
Two builds of one archive give the same bundle, byte for byte: pages reach Pagefind in the
order MkDocs renders them, which is fixed, and Pagefind numbers them in that order; the one
thing Pagefind writes in a random order, its filter values, is put in order afterwards
(:func:`stabilize_bundle`).
"""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import json
import os
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import cbor2

BUNDLE_DIR = "pagefind"
"""Name of the bundle directory inside the site; the search UI expects ``<site root>/pagefind/``."""

BUNDLE_SCRIPTS = (
    "pagefind.js",
    "pagefind-worker.js",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
)
"""Pagefind's files that the site's search loads (``assets/site-builder/search.js``): its
engine, the worker it searches in, and the Component UI of the search page."""


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message says why and what to do next."""


_SIGNATURE = b"pagefind_dcd"
"""What Pagefind's index files start with, once gunzipped; CBOR follows."""
_SHORT_BOUND = 3


def tighten_chunk_bounds(bundle: Path) -> int:
    """Make the end bound of Pagefind's index chunks exact where it is a short whole word.

    Pagefind splits its word index into chunks, each announced in the ``.pf_meta`` file as
    ``[from, to, hash]``, with ``from`` and ``to`` cut short against the neighbouring chunks
    (``aidos`` ends a chunk announced as ``agri … aid``). A query word at a chunk's end then
    fails the browser's strict test (``from <= word <= to``) and goes to its loose one, which
    compares only the first ``len(to)`` characters: a chunk that ends with a stop word such as
    ``a``, ``of`` or ``и`` (thousands of pages each, 150-220 KB) is then loaded for every
    query word that begins with that word. Measured at 10,000 articles, it put 212 KB of the
    English "a" into the first query for "Aidos Mokaenko".

    Where a chunk's ``to`` is at most three characters and is its last word in full, it
    becomes that word followed by U+0000: the strict test still holds for every word of the
    chunk (none lies between ``a`` and ``a\0``), and the loose test no longer takes ``a`` for
    a prefix of ``aidos``. Chunks whose ``to`` was cut short are left as Pagefind wrote them.
    Returns how many bounds changed.
    """
    changed = 0
    for meta_path in bundle.glob("pagefind.*.pf_meta"):
        meta = _read_pagefind_file(meta_path)
        chunks = meta[2] if isinstance(meta, list) and len(meta) > 2 else []
        edits = 0
        for chunk in chunks:
            if not (isinstance(chunk, list) and len(chunk) >= 3 and isinstance(chunk[1], str)):
                continue
            to, index_file = chunk[1], bundle / "index" / f"{chunk[2]}.pf_index"
            if not to or len(to) > _SHORT_BOUND or not index_file.is_file():
                continue
            words = _read_pagefind_file(index_file)[0]
            if words and words[-1][0] == to:
                chunk[1] = to + "\x00"
                edits += 1
        if edits:
            meta_path.write_bytes(_pagefind_bytes(cbor2.dumps(meta)))
            changed += edits
    return changed


def _read_pagefind_file(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_SIGNATURE):
        raise SearchIndexError(f"{path} is not a Pagefind index file as this version knows them")
    return cbor2.loads(data[len(_SIGNATURE) :])


def _pagefind_bytes(payload: bytes) -> bytes:
    # mtime 0: the same payload gives the same file on every build
    return gzip.compress(_SIGNATURE + payload, compresslevel=9, mtime=0)


def _pagefind_hash(payload: bytes) -> str:
    """Pagefind's ``full_hash``: SHA-1, each byte in hex *without* a leading zero (its
    ``utils.rs`` formats bytes with ``{:x?}``: 0x0a is "a"), so that the files we rename are
    named as Pagefind names its own."""
    return "".join(format(b, "x") for b in hashlib.sha1(payload).digest())


def _short_name(prefix: str, payload: bytes, length: int, taken: set[str]) -> str:
    """``<prefix>_<hash>`` with ``length`` hash characters, longer while the name is taken
    (Pagefind does the same on a collision)."""
    full = f"{prefix}_{_pagefind_hash(payload)}"
    end = len(prefix) + 1 + length
    while full[:end] in taken and end < len(full):
        end += 1
    return full[:end]


def stabilize_bundle(bundle: Path) -> int:
    """Make the bundle the same bytes on every build of the same pages; return files renamed.

    Pagefind (1.5.2, ``index/mod.rs``) keeps filters in a ``HashMap`` keyed by filter and
    then by value, so each ``filter/*.pf_filter`` lists its values in a random order, its
    content hash (the file's name) changes from build to build, and with it the
    ``.pf_meta`` that names the filter files (itself listed in random order) and the
    ``pagefind-entry.json`` that names the meta. Every other file is already a function of
    the pages and their order, which is the order they are handed over in (see
    :class:`Indexer`): page numbers follow it.

    Here each filter file's values are sorted (by value; their page lists are ascending
    already), the meta's filters and sorts by name, and each rewritten file takes the name
    Pagefind would give it: ``<language>_<first 7 hash characters>`` for a filter,
    ``<language>_<first len(language) + 8>`` for the meta. The entry names the new meta, its
    languages in order. Rewritten files are gzipped with mtime 0. The browser reads them as
    Pagefind's own: it looks files up by the names the entry and the meta give.
    """
    entry_path = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # no bundle to speak of: the report says so
        return 0
    languages = entry.get("languages") or {}
    renamed = 0
    taken: set[str] = set()  # the new names: a (rare) collision is settled in filter order
    for _, info in sorted(languages.items()):
        meta_name = str(info["hash"])
        prefix = meta_name.rpartition("_")[0]
        meta_path = bundle / f"pagefind.{meta_name}.pf_meta"
        meta = _read_pagefind_file(meta_path)
        filters = meta[3] if isinstance(meta, list) and len(meta) > 3 else []
        filters.sort(key=lambda item: item[0])
        payloads = []
        for item in filters:
            old = bundle / "filter" / f"{item[1]}.pf_filter"
            content = _read_pagefind_file(old)
            content[1].sort(key=lambda value: value[0])
            payloads.append(cbor2.dumps(content))
            old.unlink()
        for item, payload in zip(filters, payloads, strict=True):
            item[1] = _short_name(prefix, payload, 7, taken)
            taken.add(item[1])
            (bundle / "filter" / f"{item[1]}.pf_filter").write_bytes(_pagefind_bytes(payload))
        renamed += len(filters)
        if len(meta) > 4 and isinstance(meta[4], list):
            meta[4].sort(key=lambda item: item[0])
        payload = cbor2.dumps(meta)
        new_name = f"{prefix}_{_pagefind_hash(payload)[: len(prefix) + 8]}"
        meta_path.unlink()
        (bundle / f"pagefind.{new_name}.pf_meta").write_bytes(_pagefind_bytes(payload))
        info["hash"] = new_name
        renamed += 1
    entry["languages"] = dict(sorted(languages.items()))
    # as Pagefind writes it (serde_json): compact, non-ASCII as is
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return renamed


_INT = re.compile(r"[+-]?[0-9]+")
_FLOAT = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")


def _sort_number(value: str) -> float | None:
    """A sort value as Pagefind reads a number (an i32, else an f32), or None."""
    if _INT.fullmatch(value) and -(2**31) <= int(value) < 2**31:
        return float(int(value))
    if _FLOAT.fullmatch(value):
        return float(value)
    return None


def globalize_sorts(bundles: Sequence[Path], values: Sequence[Sequence[dict[str, str]]]) -> str:
    """Make each shard's sort orders positions in the order of all shards' pages.

    Pagefind scores a sorted search by the page's position in its index's sort order
    (1.5.2, ``pagefind_web`` ``search``: position for ``desc``, minus it for ``asc``), and
    ``mergeIndex`` orders the merged results by score: with positions counted per shard,
    "newest first" would show each shard's newest in turn. Here every shard's list for a
    sort key becomes as long as all shards' pages with that key together, each of its
    pages at its position among all of them, the other places taken by a page number the
    shard does not have (its page count: Pagefind keeps only results in the list, and
    finds a page's position by its number). A shard without the key gets a list of such
    numbers only, so that it contributes no result to that sort, as a single index would.
    The order is Pagefind's: as numbers if every value of the key is one, else as text;
    ties in page order.

    ``values[s][n]`` are the sort values of page ``n`` of shard ``s`` as handed to Pagefind.
    Returns "" when done (or when there is nothing to do), else why the sorts were left as
    Pagefind wrote them.
    """
    keys = sorted({key for shard in values for page in shard for key in page})
    if len(bundles) < 2 or not keys:
        return ""
    metas = []
    for bundle, pages in zip(bundles, values, strict=True):
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages = entry.get("languages") or {}
        if len(languages) != 1:
            return "a shard has an index per language (search_language is empty)"
        [(language, info)] = languages.items()
        meta = _read_pagefind_file(bundle / f"pagefind.{info['hash']}.pf_meta")
        if len(meta[1]) != len(pages):
            return f"a shard holds {len(meta[1])} pages, not the {len(pages)} handed to it"
        metas.append((entry, language, meta))
    orders: dict[str, list[tuple[int, int]]] = {}
    for key in keys:
        found = [
            (shard, n, page[key])
            for shard, pages in enumerate(values)
            for n, page in enumerate(pages)
            if key in page
        ]
        numbers = [_sort_number(v) for _, _, v in found]
        ranked: list[tuple[int, int]]
        if all(x is not None for x in numbers):
            by_number = sorted(zip(numbers, found, strict=True), key=lambda x: (x[0], *x[1][:2]))
            ranked = [(s, n) for _, (s, n, _) in by_number]
        else:
            ranked = [(s, n) for s, n, _ in sorted(found, key=lambda x: (x[2], x[0], x[1]))]
        orders[key] = ranked
    for shard, ((entry, language, meta), bundle) in enumerate(zip(metas, bundles, strict=True)):
        absent = len(meta[1])
        own = {item[0]: item for item in meta[4]} if len(meta) > 4 else {}
        sorts = []
        for key in keys:
            mine = [n if s == shard else absent for s, n in orders[key]]
            if key in own and sorted(own[key][1]) != sorted(n for n in mine if n != absent):
                return f"Pagefind's order for {key!r} holds other pages than were handed to it"
            sorts.append([key, mine])
        while len(meta) < 5:
            meta.append([])
        meta[4] = sorts
        _replace_meta(bundle, entry, language, meta)
    return ""


def _replace_meta(bundle: Path, entry: dict[str, Any], language: str, meta: Any) -> None:
    """Write a language's index metadata under the name Pagefind would give it, and the entry
    that names it."""
    info = entry["languages"][language]
    prefix = str(info["hash"]).rpartition("_")[0]
    payload = cbor2.dumps(meta)
    new_name = f"{prefix}_{_pagefind_hash(payload)[: len(prefix) + 8]}"
    (bundle / f"pagefind.{info['hash']}.pf_meta").unlink()
    (bundle / f"pagefind.{new_name}.pf_meta").write_bytes(_pagefind_bytes(payload))
    info["hash"] = new_name
    (bundle / "pagefind-entry.json").write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


def _crashed(service: Any) -> str | None:
    """Why the Pagefind process or the task reading its answers died, if one did."""
    reader = getattr(service, "_poll_task", None)
    backend = getattr(service, "_backend", None)
    if reader is not None and reader.done():
        why = "its answers could not be read"
        if not reader.cancelled() and reader.exception() is not None:
            why += f" ({_message(reader.exception())})"
        return why
    if backend is not None and backend.returncode is not None:
        return f"it exited with status {backend.returncode}"
    return None


def _service() -> Any:
    """Pagefind's service wrapper, minus its 100 ms pause before reading every answer.

    ``pagefind.service.PagefindService`` (1.5) sleeps 0.1 s before each answer it reads, so
    indexing page by page costs 100 ms a page (17 minutes for 10,000 pages) however fast
    Pagefind is. This reader is the same loop without the sleep: it waits on the pipe instead.
    """
    from pagefind.service import PagefindService
    from pagefind.service.types import InternalResponsePayload

    class Service(PagefindService):
        async def _wait_for_responses(self) -> None:
            assert self._backend.stdout is not None
            while True:
                output = await self._backend.stdout.readuntil(b",")
                answer = json.loads(base64.b64decode(output[:-1]))
                if answer is None:
                    continue
                message_id = answer.get("message_id")
                payload = answer.get("payload") or {}
                if message_id is None and payload.get("original_message"):
                    # an unparsable request comes back with the request itself
                    message_id = (json.loads(payload["original_message"]) or {}).get("message_id")
                future = self._responses.get(message_id) if message_id is not None else None
                if future is None or future.done():
                    continue
                if payload.get("type") == "Error":
                    future.set_exception(
                        Exception(payload.get("message"), payload.get("original_message"))
                    )
                else:  # an answer to the request, of its type (as the wrapper casts it too)
                    future.set_result(cast(InternalResponsePayload, payload))

    return Service()


async def _stop(service: Any, failed: bool) -> None:
    """Stop the Pagefind process; after a successful write, let it finish writing first.

    Pagefind (1.5.2, ``output/mod.rs``) answers WriteFiles once every write is *queued*: it never
    flushes its tokio files, so the last chunk of a file may still be in flight. The wrapper's
    ``close()`` then sends SIGTERM, which can cut files short (seen once: a 10,000-page build got
    a ``pagefind-component-ui.js`` of exactly 128 KiB). Closing stdin does not wait either:
    the service's stdin thread calls ``std::process::exit`` at end of input, which drops
    writes still in flight (seen: an empty ``pagefind-entry.json``, about one run in ten on
    a tiny site). So :meth:`Indexer._write` waits for the writes (:func:`_await_writes`)
    before this is called; closing stdin rather than killing is what ends the service cleanly.
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


WRITE_WAIT_SECONDS = 120
"""How long Pagefind may take to land its last writes once it has answered "written"."""


def _await_writes(backend: Any, folder: Path, timeout: float = WRITE_WAIT_SECONDS) -> None:
    """Wait until the Pagefind process has closed every file it opened under ``folder``.

    Pagefind writes through tokio, whose files finish their last write on a thread of their
    own after Pagefind has answered; a file is closed once that write is done. On Linux the
    process's open files are in ``/proc/<pid>/fd``; elsewhere, wait until the folder's files
    and sizes have stayed the same for a few polls.
    """
    pid = getattr(backend, "pid", None)
    fd_dir = Path(f"/proc/{pid}/fd")
    prefix = str(folder.resolve()) + os.sep
    deadline = time.monotonic() + timeout
    if pid is not None and fd_dir.is_dir():
        while time.monotonic() < deadline:
            try:
                names = os.listdir(fd_dir)
            except OSError:  # the process is gone: nothing is open any more
                return
            if not any(_fd_target(fd_dir, name).startswith(prefix) for name in names):
                return
            time.sleep(0.005)
        raise SearchIndexError(
            f"Pagefind did not finish writing {folder} within {timeout:.0f} s; build again"
        )
    last, steady = None, 0
    while steady < 3 and time.monotonic() < deadline:
        state = sorted((str(p), p.stat().st_size) for p in folder.rglob("*") if p.is_file())
        steady = steady + 1 if state == last else 0
        last = state
        time.sleep(0.05)


def _fd_target(fd_dir: Path, name: str) -> str:
    try:
        return os.readlink(fd_dir / name)
    except OSError:  # closed meanwhile
        return ""


SHARDS_FILE = "site-builder-shards.json"
"""In a bundle of several indexes (see :mod:`site_builder.search.shards`): the list of the
other indexes' folders, relative to the bundle, in order. Not read by the browser (the shard
list is written into the site's search script); read by :func:`bundle_problems` and the
site's verification."""


def shard_list(bundle: Path) -> list[str]:
    """The folders of the bundle's other indexes (``["shards/1/", ...]``); [] for one index.

    Raises :class:`SearchIndexError` when the list is there but unreadable.
    """
    path = bundle / SHARDS_FILE
    if not path.is_file():
        return []
    try:
        shards = json.loads(path.read_text(encoding="utf-8"))["shards"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SearchIndexError(f"{path} is unreadable ({type(error).__name__})") from error
    if not isinstance(shards, list) or not all(_safe_shard(s) for s in shards):
        raise SearchIndexError(f"{path} lists a shard that is not a folder inside the bundle")
    return shards


def _safe_shard(folder: object) -> bool:
    return (
        isinstance(folder, str)
        and folder.endswith("/")
        and all(part and part not in (".", "..") for part in folder[:-1].split("/"))
    )


def strip_scripts(bundle: Path) -> None:
    """Leave out of a shard what only the main bundle's copy is loaded of: Pagefind's scripts
    and styles and its WebAssembly (``mergeIndex`` uses the primary index's WebAssembly)."""
    for path in bundle.iterdir():
        if path.is_file() and (
            path.name.startswith("pagefind")
            and path.suffix in (".js", ".css")
            or path.name.startswith("wasm.")
            and path.suffix == ".pagefind"
        ):
            path.unlink()


def bundle_problems(bundle: Path, scripts: bool = True) -> list[tuple[str, str]]:
    """What is missing from a Pagefind bundle: ``(path inside the bundle, what is wrong)``.

    A whole bundle has Pagefind's scripts that the site loads (:data:`BUNDLE_SCRIPTS`) and
    ``pagefind-entry.json``; for each language the entry names, its ``.pf_meta`` and its
    ``wasm.<lang>.pagefind`` (``unknown`` for a language without a stemmer); and every file
    that meta names: each page's fragment, each word index chunk, each filter. A bundle of
    several indexes (:data:`SHARDS_FILE`) has each shard's index the same way, without the
    scripts and WebAssembly (``scripts=False`` checks one such shard). [] when all are there.
    Reads the entries and the metadata only; the other files are checked to exist, not empty.
    """
    problems: list[tuple[str, str]] = []

    def need(rel: str, named_by: str = "") -> bool:
        try:
            size = (bundle / rel).stat().st_size
        except OSError:
            problems.append((rel, f"missing{named_by}"))
            return False
        if size == 0:
            problems.append((rel, f"empty{named_by}"))
            return False
        return True

    if scripts:
        for name in BUNDLE_SCRIPTS:
            need(name)
    if not need("pagefind-entry.json"):
        return problems
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages = dict(entry["languages"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        return [*problems, ("pagefind-entry.json", f"unreadable ({type(error).__name__})")]
    for _, info in sorted(languages.items()):
        info = info if isinstance(info, dict) else {}
        if scripts:
            # as pagefind.js picks it: the language's own, else the one without stemming
            need(
                f"wasm.{info.get('wasm') or 'unknown'}.pagefind",
                " (pagefind-entry.json names it)",
            )
        meta_rel = f"pagefind.{info.get('hash')}.pf_meta"
        if not need(meta_rel, " (pagefind-entry.json names it)"):
            continue
        try:
            meta = _read_pagefind_file(bundle / meta_rel)
            pages, chunks, filters = meta[1], meta[2], meta[3]
            names = (
                [f"fragment/{page[0]}.pf_fragment" for page in pages]
                + [f"index/{chunk[2]}.pf_index" for chunk in chunks]
                + [f"filter/{item[1]}.pf_filter" for item in filters]
            )
        except (OSError, EOFError, ValueError, LookupError, TypeError, SearchIndexError) as error:
            problems.append((meta_rel, f"unreadable ({type(error).__name__})"))
            continue
        for rel in dict.fromkeys(names):  # identical pages share one fragment
            need(rel, f" ({meta_rel} names it)")
    if not scripts:
        return problems
    try:
        shards = shard_list(bundle)
    except SearchIndexError as error:
        return [*problems, (SHARDS_FILE, str(error).rpartition(" is ")[2])]
    for shard in shards:
        problems += [
            (shard + rel, what) for rel, what in bundle_problems(bundle / shard, scripts=False)
        ]
    return problems


def _message(error: BaseException) -> str:
    # Pagefind's wrapper raises a bare Exception(message, original_message).
    if type(error) is Exception and error.args and isinstance(error.args[0], str):
        return error.args[0]
    return f"{type(error).__name__}: {error}"
