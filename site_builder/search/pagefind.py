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
import bisect
import gc
import gzip
import hashlib
import heapq
import io
import itertools
import json
import operator
import os
import re
import shutil
import struct
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
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
            payload = _pagefind_payload(index_file)
            last = _last_word(payload)
            if last is None:  # not laid out as expected: decoded after all
                words = cbor2.loads(payload)[0]
                last = words[-1][0] if words else None
            if last == to:
                chunk[1] = to + "\x00"
                edits += 1
        if edits:
            meta_path.write_bytes(_pagefind_bytes(cbor2.dumps(meta)))
            changed += edits
    return changed


def _read_pagefind_file(path: Path) -> Any:
    return cbor2.loads(_pagefind_payload(path))


def _pagefind_payload(path: Path) -> bytes:
    """The CBOR in one of Pagefind's files."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_SIGNATURE):
        raise SearchIndexError(f"{path} is not a Pagefind index file as this version knows them")
    return data[len(_SIGNATURE) :]


def _pagefind_bytes(payload: bytes, level: int = 9) -> bytes:
    # mtime 0: the same payload gives the same file on every build
    return gzip.compress(_SIGNATURE + payload, compresslevel=level, mtime=0)


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


def sort_orders(values: Sequence[dict[str, str]]) -> list[list[Any]]:
    """The index metadata's sort orders for pages with these sort values (``values[n]`` for
    page ``n``): for each key, in order of keys, the pages that have it, in Pagefind's order
    (1.5.2, ``index/mod.rs``): as numbers if every value of the key is one, else as text;
    ties in page order."""
    keys = sorted({key for page in values for key in page})
    orders: list[list[Any]] = []
    for key in keys:
        found = [(n, page[key]) for n, page in enumerate(values) if key in page]
        numbers = [_sort_number(v) for _, v in found]
        if all(x is not None for x in numbers):
            pages = [n for _, (n, _) in sorted(zip(numbers, found, strict=True))]
        else:
            pages = [n for n, _ in sorted(found, key=lambda x: (x[1], x[0]))]
        orders.append([key, pages])
    return orders


_CHUNK_LOCATIONS = 20_000
"""Where Pagefind (1.5.2, ``index/mod.rs``, ``chunk_index``) closes a chunk of its word index:
once its words' pages, word locations and metadata locations add up to this many."""
_CHUNKS_QUEUED = 4
"""How many chunks of the word index may wait for the threads that write them."""

_WRITERS = 2
"""Threads that gzip and write the chunks (zlib lets go of Python's lock): 42 MB of them at
10,000 articles."""


def merge_bundles(
    shards: Sequence[Path], into: Path, sort_values: Sequence[dict[str, str]] | None = None
) -> None:
    """Write into ``into`` the one index that Pagefind would have written for the pages of
    all ``shards`` (each a bundle Pagefind wrote for some of the pages, in order), so that
    the browser reads one index as ever.

    What Pagefind 1.5.2 writes, and what changes when indexes are put end to end: pages are
    numbered from 0 in each index, so each shard's numbers move on by the pages before it.
    A word's pages are listed as differences from the page before (the first from 0), each
    with its word locations and its metadata locations; a metadata location names its field
    as ``-(1 + the field's place in the meta's list of fields)``, and that list is the
    sorted fields of the pages in the index, so a field's number changes where a shard
    lacks a field another has. A stemmed word carries its other forms, each with its pages
    the same way. Words go in chunks of about :data:`_CHUNK_LOCATIONS` locations, announced
    in the meta as ``[from, to, name]`` with ``from`` and ``to`` cut to the shortest prefix
    that tells them from their neighbours' (Pagefind's ``get_prefixes``). Filter files list
    each value's pages (not as differences); the meta lists pages (fragment, word count),
    chunks, filters, sort orders and fields. Fragments and Pagefind's scripts need no change.

    The words are merged chunk by chunk, one chunk of each shard in memory at a time, and
    mostly as bytes: of a word's pages in a shard only the first changes (its difference is
    from the other shards' last page), so the others are copied as Pagefind encoded them
    (:func:`_entry`), their metadata fields renumbered in the bytes where they must be
    (:func:`_renumbered`); a thread gzips and writes the chunks meanwhile. The files are
    the same bytes as encoding the merged words again gives (tests/test_search_shards.py),
    in less than half the time (benchmarks/search_merge.py).
    ``sort_values[n]`` (page ``n`` of all shards) gives the sort orders; without it, pages
    have none. Each shard must hold one index, of the same language.
    """
    # Millions of small lists decoded, none in a cycle: Python's cycle collector, which runs
    # as they are made, took a sixth of the time (4.9 s instead of 4.2 s at 10,000 articles)
    collecting = gc.isenabled()
    gc.disable()
    try:
        _merge_bundles(shards, into, sort_values)
    finally:
        if collecting:
            gc.enable()


def _merge_bundles(
    shards: Sequence[Path], into: Path, sort_values: Sequence[dict[str, str]] | None
) -> None:
    into.mkdir()
    (into / "index").mkdir()
    (into / "filter").mkdir()
    (into / "fragment").mkdir()
    metas, entries = [], []
    for shard in shards:
        language, info, meta = _shard_meta(shard)
        metas.append(meta)
        entries.append((language, info))
    language = entries[0][0]
    if any(lang != language for lang, _ in entries):
        raise SearchIndexError("search shards in different languages cannot be put together")
    fields = sorted({f for meta in metas for f in (meta[5] if len(meta) > 5 else [])})
    offsets, total = [], 0
    for meta in metas:
        offsets.append(total)
        total += len(meta[1])
    if sort_values is not None and not any(sort_values):
        sort_values = None  # no page to sort: nothing to number
    if sort_values is not None and len(sort_values) != total:
        # Pagefind left out a page (one without data-pagefind-body, where others have
        # one): which page each sort value belongs to is not known
        raise SearchIndexError(
            f"the parts of the search index hold {total:,} pages, not the "
            f"{len(sort_values):,} handed over, so their sort orders cannot be put together; "
            "give every page a data-pagefind-body, or set search_shard_words: 0"
        )
    # Pagefind's scripts and WebAssembly, and every page's fragment
    for path in shards[0].iterdir():
        if path.is_file() and path.suffix != ".pf_meta" and path.name != "pagefind-entry.json":
            _place(path, into / path.name)
    for shard in shards:
        for path in (shard / "fragment").iterdir():
            target = into / "fragment" / path.name
            if not target.exists():  # identical pages share a fragment
                _place(path, target)
    # the word index
    chunks: list[list[Any]] = []
    writes: list[Future[None]] = []
    taken: set[str] = set()
    words: list[bytes | memoryview] = []
    size = 0
    # threads gzip and write the chunks while the next are made (zlib lets go of the GIL;
    # they do nothing else, so that they seldom wait for the GIL)
    with ThreadPoolExecutor(_WRITERS, thread_name_prefix="search-merge") as writer:

        def write(encoded: list[bytes | memoryview]) -> None:
            payload = b"\x81" + _head(4, len(encoded)) + b"".join(encoded)
            name = _short_name(language, payload, 7, taken)
            taken.add(name)
            chunks[-1][2] = name
            path = into / "index" / f"{name}.pf_index"
            writes.append(writer.submit(_write_chunk, path, payload))
            if len(writes) > _CHUNKS_QUEUED:  # keep a few chunks in memory, not all
                writes[-1 - _CHUNKS_QUEUED].result()

        for text, encoded, word_size in _merged_words(shards, metas, offsets, fields, into):
            if not words:
                chunks.append([text, text, ""])
            words.append(encoded)
            chunks[-1][1] = text
            size += word_size
            if size >= _CHUNK_LOCATIONS:
                write(words)
                words, size = [], 0
        if words:
            write(words)
    for done in writes:
        done.result()
    for a, b in itertools.pairwise(chunks):
        to, b[0] = _prefixes(a[1], b[0])
        # Pagefind keeps a whole word where the cut one would sort before the chunk's start
        # (a chunk of one word: "billi" to "billion", not "bil")
        if to >= a[0]:
            a[1] = to
    # filters: every value's pages, moved on
    values: dict[str, dict[str, list[int]]] = {}
    for shard, meta, offset in zip(shards, metas, offsets, strict=True):
        for name, file in meta[3]:
            content = _read_pagefind_file(shard / "filter" / f"{file}.pf_filter")
            merged = values.setdefault(name, {})
            for value, pages in content[1]:
                merged.setdefault(value, []).extend(offset + page for page in pages)
    filters = []
    for n, (name, by_value) in enumerate(sorted(values.items())):
        file = f"{language}_merged{n}"  # renamed by content (stabilize_bundle)
        payload = cbor2.dumps([name, [[v, pages] for v, pages in sorted(by_value.items())]])
        (into / "filter" / f"{file}.pf_filter").write_bytes(_pagefind_bytes(payload))
        filters.append([name, file])
    meta = [
        metas[0][0],
        [page for meta in metas for page in meta[1]],
        [[c[0], c[1], c[2]] for c in chunks],
        filters,
        sort_orders(sort_values) if sort_values is not None else [],
        fields,
    ]
    payload = cbor2.dumps(meta)
    name = f"{language}_{_pagefind_hash(payload)[: len(language) + 8]}"
    (into / f"pagefind.{name}.pf_meta").write_bytes(_pagefind_bytes(payload))
    entry = json.loads((shards[0] / "pagefind-entry.json").read_text(encoding="utf-8"))
    entry["languages"][language] = {**entries[0][1], "hash": name, "page_count": total}
    (into / "pagefind-entry.json").write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


def _shard_meta(shard: Path) -> tuple[str, dict[str, Any], Any]:
    """A shard's language, its entry in pagefind-entry.json, and its meta, decoded."""
    entry = json.loads((shard / "pagefind-entry.json").read_text(encoding="utf-8"))
    languages = entry.get("languages") or {}
    if len(languages) != 1:
        raise SearchIndexError(
            f"{shard} holds {len(languages)} indexes; search shards need one language "
            "(set search_language)"
        )
    [(language, info)] = languages.items()
    return language, info, _read_pagefind_file(shard / f"pagefind.{info['hash']}.pf_meta")


def _place(source: Path, target: Path) -> None:
    """``source``'s file at ``target`` too (a hard link where the file system has them): the
    shards stay whole, should they be put together again."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _shard_words(
    shard: Path,
    meta: Any,
    offset: int,
    fields: list[str],
    below: str | None = None,
    since: str | None = None,
) -> Iterator[_Entry]:
    """A shard's words in order, each an :class:`_Entry` to be put after other shards'
    entries for the word: its pages numbered among all shards' (moved on by ``offset``)
    and their metadata fields renumbered for ``fields``. Only the words before ``below``,
    or from ``since`` on (the chunks before the one it falls in are not read)."""
    own = meta[5] if len(meta) > 5 else []
    renumber = {-(1 + i): -(1 + fields.index(f)) for i, f in enumerate(own)}
    if all(old == new for old, new in renumber.items()):
        renumber = {}  # the same fields: the pages stay as they are (most of the time)
    table = _renumber_table(renumber)
    paths = [shard / "index" / f"{chunk[2]}.pf_index" for chunk in meta[2]]
    if since is not None:  # from the last chunk whose first word comes before it
        first = bisect.bisect_right(paths, since, key=_first_word) - 1
        paths = paths[max(first, 0) :]
    for path in paths:
        data = _pagefind_payload(path)
        # [[word, ...]]: each word decoded on its own, so that where its bytes end is known
        major, count, pos = _head_at(data, 0)
        if (major, count) != (4, 1) or _head_at(data, pos)[0] != 4:
            raise SearchIndexError(f"{path} is not a Pagefind index as this version knows them")
        _, count, pos = _head_at(data, pos)
        stream = io.BytesIO(data)
        stream.seek(pos)
        decoder = cbor2.CBORDecoder(stream)
        for _ in range(count):
            word = decoder.decode()
            end = stream.tell()
            if below is not None and word[0] >= below:
                return
            if since is None or word[0] >= since:
                yield _entry(word, data[pos:end], offset, renumber, table)
            pos = end


def _first_word(path: Path) -> str:
    """The first word of a chunk of Pagefind's word index."""
    data = _pagefind_payload(path)
    _, _, pos = _head_at(data, 0)
    _, count, pos = _head_at(data, pos)
    if not count:
        raise SearchIndexError(f"{path} holds no word")
    _, _, pos = _head_at(data, pos)  # the word's [text, pages, variants]
    major, length, pos = _head_at(data, pos)
    if major != 3:
        raise SearchIndexError(f"{path} is not a Pagefind index as this version knows them")
    return data[pos : pos + length].decode("utf-8")


class _Entry:
    """One shard's entry for a word, ready to be put after other shards' entries for it."""

    __slots__ = (
        "word",
        "text",
        "offset",
        "count",
        "first",
        "pages",
        "skip",
        "last",
        "size",
        "variants",
    )

    def __init__(self, word: str, offset: int, pages: list[Any], variants: list[Any]) -> None:
        self.word = word
        self.text = b""  # the word, encoded
        self.offset = offset  # the pages before the shard's
        self.count = len(pages)
        self.first = pages[0][0] if pages else 0  # the first page's number in the shard
        # the pages as Pagefind encoded them (metadata fields renumbered), without their
        # list's head; the first page's number, which changes, is its first `skip` bytes
        self.pages = b""
        self.skip = 0
        # the last page's number among all shards' pages
        self.last = offset + sum(map(_NUMBER, pages))
        # what a chunk is measured in: pages, word locations and metadata locations
        self.size = (
            self.count
            + sum(map(len, map(_LOCATIONS, pages)))
            + sum(map(len, map(_META_LOCATIONS, pages)))
        )
        self.variants = variants  # [[form, pages]], the pages moved on and renumbered


_NUMBER, _LOCATIONS, _META_LOCATIONS = (operator.itemgetter(n) for n in range(3))


def _entry(
    word: list[Any], raw: bytes, offset: int, renumber: dict[int, int], table: bytes | None
) -> _Entry:
    """The entry for ``word`` (decoded from ``raw``, its bytes in the shard's chunk).

    The pages keep their bytes, cut out of ``raw``: a page's number is the difference from
    the page before, the same in any shard, so only the first changes, and encoding millions
    of pages again is most of what putting shards together would cost.
    """
    text, pages, variants = word
    entry = _Entry(text, offset, pages, variants)
    cut = _cut(raw, pages, variants)
    if cut is None:  # not laid out as Pagefind writes it: encode the word again
        entry.text = cbor2.dumps(text)
        entry.pages = _items(_moved(pages, 0, renumber))
    else:
        entry.text, entry.pages = cut
        if renumber:
            entry.pages = _renumbered(entry.pages, pages, renumber, table)
    if pages:
        entry.skip = _head_at(entry.pages, 1)[2]  # the first page's head and number
    if variants and (offset or renumber):
        entry.variants = [[form, _moved(its, offset, renumber)] for form, its in variants]
    return entry


def _cut(raw: bytes, pages: list[Any], variants: list[Any]) -> tuple[bytes, bytes] | None:
    """The bytes of the word and of its pages' list's items in ``raw`` (a word's ``[text,
    pages, variants]``), or None where they are not laid out as cbor2 would encode them.

    Pagefind writes the shortest encoding, as cbor2 does (a test checks it on Pagefind's
    own bundles), so the bytes copied are those that encoding the pages again would give.
    """
    try:
        major, length, pos = _head_at(raw, 0)
        if (major, length) != (4, 3):
            return None
        major, length, end = _head_at(raw, pos)  # the word
        text, pos = raw[pos : end + length], end + length
        if major != 3 or len(text) != len(_head(3, length)) + length:
            return None
        major, count, end = _head_at(raw, pos)  # the pages' list
        tail = cbor2.dumps(variants) if variants else _EMPTY_LIST
        if (
            major != 4
            or count != len(pages)
            or end - pos != len(_head(4, count))
            or raw[len(raw) - len(tail) :] != tail
        ):
            return None
        items = raw[end : len(raw) - len(tail)]
        if not pages:
            return None if items else (text, items)
        # [the first page's number, ...
        if items[0] != 0x83 or _head_at(items, 1)[:2] != (0, pages[0][0]):
            return None
    except (IndexError, SearchIndexError):
        return None
    return text, items


def _moved(pages: list[Any], offset: int, renumber: dict[int, int]) -> list[Any]:
    """``pages`` (of one word in one shard, changed in place) numbered among all shards'
    pages and their metadata fields renumbered."""
    if renumber:
        for page in pages:
            if page[2]:
                page[2] = [renumber.get(x, x) for x in page[2]]
    if pages:
        pages[0][0] += offset
    return pages


def _head_at(data: bytes, pos: int) -> tuple[int, int, int]:
    """The CBOR head at ``pos``: its major type, its count or value, where what follows it
    starts."""
    byte = data[pos]
    major, info = byte >> 5, byte & 0x1F
    if info < 24:
        return major, info, pos + 1
    if info > 27:  # indefinite lengths: not what Pagefind writes
        raise SearchIndexError("a Pagefind index file holds CBOR this version does not read")
    width = 1 << (info - 24)
    return major, int.from_bytes(data[pos + 1 : pos + 1 + width], "big"), pos + 1 + width


def _head(major: int, value: int) -> bytes:
    """A CBOR head, the shortest (as Pagefind and cbor2 write them)."""
    if value < 24:
        return bytes((major << 5 | value,))
    for info, width in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * width):
            return bytes((major << 5 | info,)) + value.to_bytes(width, "big")
    raise ValueError(f"{value} does not fit in a CBOR head")


_EMPTY_LIST = b"\x80"


def _items(values: list[Any]) -> bytes:
    """A list's items encoded, without the list's head."""
    return cbor2.dumps(values)[len(_head(4, len(values))) :]


# A word's pages, as Pagefind encodes them: [number, word locations, metadata locations],
# integers all (word locations hold negative markers too). An integer's first byte tells its
# length, so from a page's start the bytes read one way only: each match of the pattern is
# the pages without metadata locations up to the next page with some, and that page.
_CBOR_INT = rb"(?:[\x00-\x17\x20-\x37]|[\x18\x38].|[\x19\x39]..|[\x1a\x3a].{4}|[\x1b\x3b].{8})"
_CBOR_LIST = rb"(?:[\x80-\x97]|\x98.|\x99..|\x9a.{4}|\x9b.{8})"
_CBOR_FULL_LIST = rb"(?:[\x81-\x97]|\x98.|\x99..|\x9a.{4}|\x9b.{8})"
_PAGE_TO_META = rb"\x83" + _CBOR_INT + _CBOR_LIST + _CBOR_INT + rb"*+"
_PAGES_TO_META = re.compile(
    rb"((?:" + _PAGE_TO_META + rb"\x80)*+)"
    rb"(" + _PAGE_TO_META + rb")(" + _CBOR_FULL_LIST + rb")(" + _CBOR_INT + rb"++)",
    re.DOTALL,
)
_ONE_BYTE_INTS = bytes([*range(0x18), *range(0x20, 0x38)])
"""CBOR's integers 0 to 23 and -1 to -24, each one byte."""


class _Unreadable(Exception):
    """Bytes that do not read as Pagefind's word index."""


def _renumber_table(renumber: dict[int, int]) -> bytes | None:
    """A ``bytes.translate`` table that renumbers metadata fields written in one byte each
    (CBOR's -1 to -24 are 0x20 to 0x37), or None where not every number fits in one."""
    if not renumber or not all(-24 <= n <= -1 for pair in renumber.items() for n in pair):
        return None
    table = bytearray(range(256))
    for old, new in renumber.items():
        table[0x1F - old] = 0x1F - new
    return bytes(table)


def _renumbered(
    items: bytes, pages: list[Any], renumber: dict[int, int], table: bytes | None
) -> bytes:
    """``items``, the bytes of ``pages``, with their metadata fields renumbered in place:
    each page's list of metadata locations translated byte for byte where every location is
    one byte (field numbers and places in the field below 24, as nearly always), else
    decoded and encoded again; all the pages encoded again where the bytes do not read as
    expected."""
    with_meta = len(pages) - list(map(_META_LOCATIONS, pages)).count([])
    if not with_meta:
        return items
    # [before, pages without, page, its metadata list's head, its metadata locations, ...,
    # after]: read in step only if each match starts where the one before ended
    pieces = _PAGES_TO_META.split(items, maxsplit=with_meta)  # no search past the last
    if len(pieces) // 5 != with_meta or any(pieces[0:-1:5]):
        return _items(_moved(pages, 0, renumber))
    metas = pieces[4::5]
    if table is not None and not b"".join(metas).translate(None, _ONE_BYTE_INTS):
        pieces[4::5] = [m.translate(table) for m in metas]
    else:
        pieces[4::5] = [
            _renumbered_metas(head, m, renumber, table)
            for head, m in zip(pieces[3::5], metas, strict=True)
        ]
    return b"".join(pieces)


def _renumbered_metas(
    head: bytes, metas: bytes, renumber: dict[int, int], table: bytes | None
) -> bytes:
    """One page's metadata locations (``head``, their list's head, before them)
    renumbered."""
    if table is not None and not metas.translate(None, _ONE_BYTE_INTS):
        return metas.translate(table)
    return _items([renumber.get(x, x) for x in cbor2.loads(head + metas)])


# every page of a list, stepped over
_PAGES = re.compile(
    rb"(?:\x83" + _CBOR_INT + _CBOR_LIST + _CBOR_INT + rb"*+" + _CBOR_LIST + _CBOR_INT + rb"*+)*+",
    re.DOTALL,
)


def _last_word(payload: bytes) -> str | None:
    """The last word of a chunk of Pagefind's word index, found without decoding the pages
    (the pattern steps over them); None where the bytes do not read as Pagefind's."""

    def pages_end(pos: int) -> int:
        major, _, pos = _head_at(payload, pos)
        match = _PAGES.match(payload, pos)
        if major != 4 or match is None:
            raise _Unreadable
        return match.end()

    def text_end(pos: int) -> int:
        major, length, pos = _head_at(payload, pos)
        if major != 3:
            raise _Unreadable
        return pos + length

    try:
        major, count, pos = _head_at(payload, 0)
        if (major, count) != (4, 1):
            return None
        major, count, pos = _head_at(payload, pos)
        if major != 4 or not count:
            return None
        start = end = pos
        for _ in range(count):
            if payload[pos] != 0x83:
                return None
            start, end = pos + 1, text_end(pos + 1)
            major, forms, pos = _head_at(payload, pages_end(end))
            if major != 4:
                return None
            for _ in range(forms):
                if payload[pos] != 0x82:
                    return None
                pos = pages_end(text_end(pos + 1))
        word = cbor2.loads(payload[start:end]) if pos == len(payload) else None
    except (IndexError, cbor2.CBORError, SearchIndexError, _Unreadable):
        return None
    return word if isinstance(word, str) else None


_PARALLEL_MIN_CHUNKS = 100
"""Chunks of the word index (of all shards) from which a second process puts together the
second half of the words: below, starting it costs more than it saves."""

_FRAME = struct.Struct("<IIQ")  # a word's text and encoding lengths, its size


def _merged_words(
    shards: Sequence[Path], metas: list[Any], offsets: list[int], fields: list[str], into: Path
) -> Iterator[tuple[str, bytes | memoryview, int]]:
    """Every word of the shards in order, put together (:func:`_join_words`). On a large
    index, a second process puts together the words from the middle one on while this one
    does those before it (the merge is Python through and through: one core each); the
    result is the same, word for word, as ever."""
    pivot = None
    if sum(len(meta[2]) for meta in metas) >= _PARALLEL_MIN_CHUNKS:
        largest = max(range(len(shards)), key=lambda n: len(metas[n][2]))
        middle = metas[largest][2][len(metas[largest][2]) // 2]
        pivot = _first_word(shards[largest] / "index" / f"{middle[2]}.pf_index")

    if pivot is None:
        yield from _words(shards, metas, offsets, fields)
        return
    out = into.parent / f"{into.name}.words-{os.getpid()}"
    task = {"shards": [str(s) for s in shards], "offsets": offsets, "fields": fields}
    worker = _start_worker({**task, "since": pivot, "out": str(out)})
    try:
        yield from _words(shards, metas, offsets, fields, below=pivot)
        failed = worker.wait() != 0
        if failed:  # put together here after all
            yield from _words(shards, metas, offsets, fields, since=pivot)
        else:
            data = memoryview(out.read_bytes())
            pos = 0
            while pos < len(data):
                text_len, encoded_len, size = _FRAME.unpack_from(data, pos)
                pos += _FRAME.size
                text = bytes(data[pos : pos + text_len]).decode("utf-8")
                pos += text_len
                yield text, data[pos : pos + encoded_len], size
                pos += encoded_len
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
        out.unlink(missing_ok=True)


def _words(
    shards: Sequence[Path], metas: list[Any], offsets: list[int], fields: list[str], **where: str
) -> Iterator[tuple[str, bytes, int]]:
    """The shards' words in order (those `_shard_words`'s `below` or `since` keep), put
    together."""
    streams = [
        _shard_words(shard, meta, offset, fields, **where)
        for shard, meta, offset in zip(shards, metas, offsets, strict=True)
    ]
    return _join_words(heapq.merge(*streams, key=_WORD))


def _start_worker(task: dict[str, Any]) -> subprocess.Popen[bytes]:
    """`python -m site_builder.search.pagefind` putting together the words of `task`."""
    path = os.pathsep.join(p for p in sys.path if p)  # this package, wherever it came from
    worker = subprocess.Popen(
        [sys.executable, "-m", __name__],
        stdin=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": path},
    )
    assert worker.stdin is not None
    with worker.stdin:
        worker.stdin.write(json.dumps(task).encode("utf-8"))
    return worker


def _worker_main() -> None:
    """The second process of :func:`_merged_words`: its words into the file it is given."""
    task = json.loads(sys.stdin.buffer.read())
    shards = [Path(s) for s in task["shards"]]
    metas = [_shard_meta(shard)[2] for shard in shards]
    words = _words(shards, metas, task["offsets"], task["fields"], since=task["since"])
    with open(task["out"], "wb") as out:
        for text, encoded, size in words:
            word = text.encode("utf-8")
            out.write(_FRAME.pack(len(word), len(encoded), size))
            out.write(word)
            out.write(encoded)


def _join_words(entries: Iterator[_Entry]) -> Iterator[tuple[str, bytes, int]]:
    """One word at a time: the shards' entries for it (consecutive) put together, as the
    word, its encoding and its size (see :class:`_Entry`)."""
    for word, group in itertools.groupby(entries, key=_WORD):
        parts: list[bytes | memoryview] = [b"\x83", b"", b""]
        count = size = previous = 0
        variants: list[Any] = []
        for n, entry in enumerate(group):
            if entry.count:
                # the first page's number: the difference from the last page before
                number = entry.first + entry.offset - previous
                parts.append(b"\x83" + _head(0, number))
                parts.append(memoryview(entry.pages)[entry.skip :])
                previous = entry.last
            count += entry.count
            size += entry.size
            if n == 0:
                parts[1] = entry.text
                variants = entry.variants
            elif entry.variants:
                variants = _joined_variants(variants, entry.variants)
        parts[2] = _head(4, count)
        parts.append(cbor2.dumps(variants) if variants else _EMPTY_LIST)
        yield word, b"".join(parts), size


_WORD = operator.attrgetter("word")


def _joined_variants(into: list[Any], more: list[Any]) -> list[Any]:
    """A word's other forms from two shards (the second's after the first's), each with the
    pages of both."""
    forms = {form: list(pages) for form, pages in into}
    for form, pages in more:
        _append_pages(forms.setdefault(form, []), pages)
    return [[form, pages] for form, pages in forms.items()]


def _last_page(pages: list[Any]) -> int:
    return sum(page[0] for page in pages)


def _append_pages(into: list[Any], pages: list[Any]) -> None:
    """Put a later shard's pages (numbered among all shards') after ``into``'s, as
    differences."""
    if into and pages:
        first = pages[0]
        pages = [[first[0] - _last_page(into), first[1], first[2]], *pages[1:]]
    into.extend(pages)


def _write_chunk(path: Path, payload: bytes) -> None:
    # gzip's level 4 rather than Pagefind's 9: at 10,000 articles, 1.1 s instead of 10.2 s
    # (6: 3.2 s) for 20.96 MB of chunks instead of 20.05 MB (6: 20.26 MB); a search fetches a
    # few chunks of about 45 KB, each about 2 KB larger
    path.write_bytes(_pagefind_bytes(payload, level=4))


def _prefixes(a: str, b: str) -> tuple[str, str]:
    """Pagefind's ``get_prefixes``: each of two neighbouring bounds cut one character past
    what they have in common."""
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return a[: common + 1], b[: common + 1]


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


def bundle_problems(bundle: Path) -> list[tuple[str, str]]:
    """What is missing from a Pagefind bundle: ``(path inside the bundle, what is wrong)``.

    A whole bundle has Pagefind's scripts that the site loads (:data:`BUNDLE_SCRIPTS`) and
    ``pagefind-entry.json``; for each language the entry names, its ``.pf_meta`` and its
    ``wasm.<lang>.pagefind`` (``unknown`` for a language without a stemmer); and every file
    that meta names: each page's fragment, each word index chunk, each filter. [] when all
    are there.
    Reads the entry and the metadata only; the other files are checked to exist, not empty.
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
        # as pagefind.js picks it: the language's own, else the one without stemming
        need(f"wasm.{info.get('wasm') or 'unknown'}.pagefind", " (pagefind-entry.json names it)")
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
        except (
            OSError,
            EOFError,
            ValueError,
            LookupError,
            TypeError,
            SearchIndexError,
            cbor2.CBORError,
        ) as error:
            problems.append((meta_rel, f"unreadable ({type(error).__name__})"))
            continue
        for rel in dict.fromkeys(names):  # identical pages share one fragment
            need(rel, f" ({meta_rel} names it)")
    return problems


def _message(error: BaseException) -> str:
    # Pagefind's wrapper raises a bare Exception(message, original_message).
    if type(error) is Exception and error.args and isinstance(error.args[0], str):
        return error.args[0]
    return f"{type(error).__name__}: {error}"


if __name__ == "__main__":  # the second process of a merge (_merged_words)
    _worker_main()
