"""What earlier builds made, by a digest of all it was made of: what an edit did not touch is
taken again rather than made again. `mkdocs serve` keeps it in memory, `mkdocs build` in the
build cache (mkdocs_plugin/stored_made.py)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from .model import Article


class Made:
    """What builds made, each under a key that is a digest of everything it is made of: an
    article by a digest of its file (`digest_of`), and `token` for the rest that is read:
    the registry, the site's address, name and language, the options. A build gets what an
    earlier one made under the same key without its being made again; what a build did not
    use is forgotten when it ends.

    Kept this way: each entry's data files and feed (data/entries.py, data/feeds.py), each
    article's records in the data files and its citation (data/opendata.py `Lines`,
    data/citations.py), and the related articles of every article (core/crosslinks.py)."""

    def __init__(self) -> None:
        self.token = ""
        self.digest_of: Callable[[Article], str] = lambda a: ""
        self._made: dict[str, Any] = {}
        self._used: dict[str, Any] = {}

    def begin(self, token: str, digest_of: Callable[[Article], str]) -> None:
        self.token, self.digest_of, self._used = token, digest_of, {}

    def key(self, what: str, owner: str, articles: Iterable[Article]) -> str:
        """The key of `what` of `owner` (a source URI), made of `articles` as they are now."""
        return self.key_of(what, owner, map(self.digest_of, articles))

    def key_of(self, what: str, owner: str, parts: Iterable[str]) -> str:
        """The key of `what` of `owner`, made of what `parts` stand for."""
        h = hashlib.blake2b(digest_size=16)
        for part in (self.token, what, owner, *parts):
            h.update(part.encode("utf-8", "surrogatepass") + b"\0")
        return h.hexdigest()

    def get(self, key: str) -> Any:
        found = self._made.get(key)
        if found is not None:
            self._used[key] = found
        return found

    def put(self, key: str, value: Any) -> None:
        self._used[key] = value

    def end(self) -> None:
        self._made, self._used = self._used, {}
