"""`Made` for `mkdocs build`: what earlier builds made (each entry's data files and feed, each
article's records in the data files and its citation), kept in the build cache.

`mkdocs serve` keeps these in memory from one build to the next (core/made.py); a build is a
process of its own, and made them all again: 3 to 4 s of a warm build at 10,000 articles,
for an edit that changes those of a few entries. They are kept beside the pages, in
`pages.sqlite`, under the same keys as in memory (a digest of all each is made of), and with
the same rule: what a build did not use is not kept after it.

Values are stored as JSON (their bytes objects after it), not pickled: a cache restored
from elsewhere is data, never code. The types that may be stored are these: None, str, int,
float, bool, bytes, lists, tuples, dicts with string keys, and the records below.
"""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Any

from ..core.made import Made
from ..data.entries import Download
from ..data.opendata import Line

if TYPE_CHECKING:
    from .build_cache import BuildCache

RECORDS: dict[str, type] = {"Download": Download, "Line": Line}
"""The records (frozen dataclasses) a value may hold, by the tag they are stored under."""


class Unstorable(TypeError):
    """A value holds something the JSON of the cache cannot say: it is not kept."""


class StoredMade(Made):
    """A `Made` whose values are read from the build cache, and written to it, once the
    cache knows its environment (`attach`, in on_files). What is made before that (the
    related articles, the names' index: in on_config) is made by every build, and not kept:
    no build could read it."""

    def __init__(self) -> None:
        super().__init__()
        self._cache: BuildCache | None = None
        self._in_cache: set[str] = set()  # keys whose values are there: read or stored
        self.stored = self.taken = 0

    def attach(self, cache: BuildCache) -> None:
        self._cache = cache

    def get(self, key: str) -> Any:
        found = super().get(key)
        if found is not None or self._cache is None:
            return found
        blob = self._cache.made_get(key)
        if blob is None:
            return None
        try:
            found = decode(blob)
        except (ValueError, TypeError):  # written by other code: made again
            return None
        self._used[key] = found
        self._in_cache.add(key)
        self._cache.made_keep(key)
        self.taken += 1
        return found

    def put(self, key: str, value: Any) -> None:
        super().put(key, value)
        if self._cache is not None:
            self._store(key, value)

    def _store(self, key: str, value: Any) -> None:
        if key in self._in_cache:
            return
        assert self._cache is not None
        try:
            blob = encode(value)
        except Unstorable:
            return
        self._in_cache.add(key)  # stored once
        self._cache.made_put(key, blob)
        self.stored += 1


def encode(value: Any) -> bytes:
    """`value` as the cache stores it; raises Unstorable for a type it cannot.

    The value's shape as JSON, its bytes after it as they are: `len(json)` in 8 bytes, the
    JSON, then each bytes object, which the JSON names by `{"$b": [start, length]}` (feeds
    and data files are most of what is kept: 350 MB at 10,000 articles, which base64 inside
    the JSON made a third larger and took 1.6 s to read back)."""
    after = _After()
    text = json.dumps(_plain(value, after), ensure_ascii=False, separators=(",", ":"))
    head = text.encode("utf-8", "surrogatepass")
    return b"".join([len(head).to_bytes(8, "little"), head, *after.parts])


def decode(blob: bytes) -> Any:
    """The value `encode` stored as `blob`; ValueError or TypeError if it is not one."""
    view = memoryview(blob)
    size = int.from_bytes(view[:8], "little")
    if not 0 < size <= len(view) - 8:
        raise ValueError("not a value of the cache")
    rest = view[8 + size :]

    def revive(d: dict[str, Any]) -> Any:
        if len(d) != 1:
            return d
        [(tag, inner)] = d.items()
        if not tag.startswith("$"):
            return d
        if tag == "$b":
            start, length = inner
            if not 0 <= start <= start + length <= len(rest):
                raise ValueError("not a value of the cache: bytes beyond its end")
            return rest[start : start + length].tobytes()
        if tag == "$t":
            return tuple(inner)
        record = RECORDS.get(tag[1:])
        if record is None or not isinstance(inner, list):
            raise ValueError(f"not a value of the cache: {tag}")
        return record(*inner)

    text = bytes(view[8 : 8 + size]).decode("utf-8", "surrogatepass")
    return json.loads(text, object_hook=revive)


class _After:
    """The bytes objects of a value, end to end after its JSON."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0

    def add(self, data: bytes) -> list[int]:
        """Where `data` is: [start, length]."""
        self.parts.append(data)
        self.size += len(data)
        return [self.size - len(data), len(data)]


def _plain(v: Any, after: _After) -> Any:
    if v is None or isinstance(v, str | bool | int | float):
        return v
    if isinstance(v, bytes):
        return {"$b": after.add(v)}
    if isinstance(v, list):
        return [_plain(x, after) for x in v]
    if isinstance(v, tuple) and type(v) is tuple:
        return {"$t": [_plain(x, after) for x in v]}
    if isinstance(v, dict):
        if not all(isinstance(k, str) and not k.startswith("$") for k in v):
            raise Unstorable("a dict whose keys are not plain strings")
        return {k: _plain(x, after) for k, x in v.items()}
    name = type(v).__name__
    if RECORDS.get(name) is type(v) and dataclasses.is_dataclass(v):
        return {"$" + name: [_plain(getattr(v, f.name), after) for f in dataclasses.fields(v)]}
    raise Unstorable(f"a {type(v).__name__}")
