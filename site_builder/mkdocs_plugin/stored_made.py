"""`Made` for `mkdocs build`: what earlier builds made (each entry's data files and feed, each
article's records in the data files and its citation), kept in the build cache.

`mkdocs serve` keeps these in memory from one build to the next (core/made.py); a build is a
process of its own, and made them all again: 3 to 4 s of a warm build at 10,000 articles,
for an edit that changes those of a few entries. They are kept beside the pages, in
`pages.sqlite`, under the same keys as in memory (a digest of all each is made of), and with
the same rule: what a build did not use is not kept after it.

Values are stored as JSON, not pickled: a cache restored from elsewhere is data, never code.
The types that may be stored are these: None, str, int, float, bool, bytes, lists, tuples,
dicts with string keys, and the records below.
"""

from __future__ import annotations

import base64
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
    """`value` as the cache stores it; raises Unstorable for a type it cannot."""
    text = json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8", "surrogatepass")


def decode(blob: bytes) -> Any:
    """The value `encode` stored as `blob`; ValueError or TypeError if it is not one."""
    return json.loads(blob.decode("utf-8", "surrogatepass"), object_hook=_revive)


def _plain(v: Any) -> Any:
    if v is None or isinstance(v, str | bool | int | float):
        return v
    if isinstance(v, bytes):
        return {"$b": base64.b64encode(v).decode("ascii")}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, tuple) and type(v) is tuple:
        return {"$t": [_plain(x) for x in v]}
    if isinstance(v, dict):
        if not all(isinstance(k, str) and not k.startswith("$") for k in v):
            raise Unstorable("a dict whose keys are not plain strings")
        return {k: _plain(x) for k, x in v.items()}
    name = type(v).__name__
    if RECORDS.get(name) is type(v) and dataclasses.is_dataclass(v):
        return {"$" + name: [_plain(getattr(v, f.name)) for f in dataclasses.fields(v)]}
    raise Unstorable(f"a {type(v).__name__}")


def _revive(d: dict[str, Any]) -> Any:
    if len(d) != 1:
        return d
    [(tag, inner)] = d.items()
    if not tag.startswith("$"):
        return d
    if tag == "$b":
        return base64.b64decode(inner, validate=True)
    if tag == "$t":
        return tuple(inner)
    record = RECORDS.get(tag[1:])
    if record is None or not isinstance(inner, list):
        raise ValueError(f"not a value of the cache: {tag}")
    return record(*inner)
