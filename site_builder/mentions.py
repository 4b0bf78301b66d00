"""Finding registry names in running text: whole words, any spelling, longest match first."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .model import Entity
from .names import key

_WORD = re.compile(r"\w+")


@lru_cache(maxsize=200_000)
def _word_key(word: str) -> str:
    # Words repeat a lot (Zipf): caching the key makes scanning 10,000 bodies affordable.
    return key(word)


def word_keys(text: str) -> tuple[str, ...]:
    return tuple(_word_key(w) for w in _WORD.findall(text))


@dataclass(frozen=True)
class Mention:
    entity: Entity
    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]


class NameMatcher:
    """Matches every spelling of a set of entities in text, by whole words."""

    def __init__(self, entities: Iterable[Entity]):
        # first word key -> [(word keys of the spelling, entities)], longest first
        self._index: dict[str, list[tuple[tuple[str, ...], list[Entity]]]] = {}
        table: dict[tuple[str, ...], list[Entity]] = {}
        for entity in entities:
            spellings = [*entity.names, entity.data.get("abbreviation") or ""]
            for spelling in spellings:
                words = word_keys(spelling)
                if words and entity not in table.setdefault(words, []):
                    table[words].append(entity)
        for words, ents in table.items():
            self._index.setdefault(words[0], []).append((words, ents))
        for candidates in self._index.values():
            candidates.sort(key=lambda c: -len(c[0]))

    def find(self, text: str, allowed: set[int] | None = None) -> list[Mention]:
        """Non-overlapping mentions, left to right; only of entities whose id() is in `allowed`."""
        words = [(m.start(), m.end(), _word_key(m.group())) for m in _WORD.finditer(text)]
        out: list[Mention] = []
        i = 0
        index = self._index
        while i < len(words):
            candidates = index.get(words[i][2])
            matched = 0
            if candidates:
                for spelling, ents in candidates:
                    n = len(spelling)
                    if i + n > len(words):
                        continue
                    if all(words[i + k][2] == spelling[k] for k in range(1, n)):
                        ok = [e for e in ents if allowed is None or id(e) in allowed]
                        if ok:
                            out.extend(Mention(e, words[i][0], words[i + n - 1][1]) for e in ok)
                            matched = n
                            break
            i += matched or 1
        return out
