"""Finding registry names in running text: whole words, any spelling, longest match first.

One Aho-Corasick automaton (pyahocorasick, in C) holds every spelling of every entry, so a
body is scanned once whatever the size of the registry. Text and spellings are compared
case-, accent- and space-insensitively, like `names.key`.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from ..core.model import Entity
from ..core.names import key
from .forms import name_forms

_COMBINING = re.compile(r"[\u0300-\u036f\u0483-\u0489]")
_WHITESPACE = re.compile("[\t\n\r\f\v\u00a0\u2007\u202f]")


def fold(text: str) -> str:
    """Case- and accent-folded text, character for character (same length) when possible."""
    if text.isascii():
        return _WHITESPACE.sub(" ", text.lower())
    folded = unicodedata.normalize("NFD", text.casefold())
    folded = unicodedata.normalize("NFC", _COMBINING.sub("", folded))
    return _WHITESPACE.sub(" ", folded)


@dataclass(frozen=True)
class Mention:
    entity: Entity
    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


# Whose names are declined: a person's or an organization's name of two or more words in
# Cyrillic, in every Russian and Kazakh case (text/forms.py), so that «Усена Сулеймена» and
# «Сүлейменнің» are found like «Усен Сулеймен». One-word names are left as registered: their
# forms would too often be common words.
INFLECTED_KINDS = frozenset(("person", "organization"))
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=100_000)
def inflected(spelling: str, kind: str) -> frozenset[str]:
    """The inflected forms of a registered spelling (itself included), Russian and Kazakh."""
    if len(spelling.split()) < 2 or not _CYRILLIC.search(spelling):
        return frozenset((spelling,))
    out = set()
    for language in ("ru", "kk"):
        out |= name_forms(spelling, language, kind=kind).full
    return frozenset(out)


class NameMatcher:
    """Matches every spelling of a set of entities in text, by whole words, and the
    inflected forms of their Cyrillic names. A form two entries share, or that is another
    entry's spelling, names neither (the registered spellings decide as before)."""

    def __init__(self, entities: Iterable[Entity]):
        table: dict[str, list[Entity]] = {}
        entities = list(entities)
        for entity in entities:
            for spelling in [*entity.names, entity.abbreviation or ""]:
                k = key(spelling)
                if k and entity not in table.setdefault(k, []):
                    table[k].append(entity)
        derived: dict[str, list[Entity]] = {}
        for entity in entities:
            if entity.kind not in INFLECTED_KINDS:
                continue
            for spelling in entity.names:
                for form in inflected(spelling, entity.kind):
                    k = key(form)
                    if k and k not in table and entity not in derived.setdefault(k, []):
                        derived[k].append(entity)
        table.update((k, ents) for k, ents in derived.items() if len(ents) == 1)
        self._automaton = ahocorasick.Automaton()
        for k, ents in table.items():
            self._automaton.add_word(k, (len(k), ents))
        self._empty = not table
        if table:
            self._automaton.make_automaton()

    def find(self, text: str, allowed: set[int] | None = None) -> list[Mention]:
        """Non-overlapping mentions, left to right, longest first; only of entities whose
        id() is in `allowed` (all when None)."""
        if self._empty or not text:
            return []
        return select(self._candidates(_folded(text)), allowed)

    def candidates_in(self, texts: list[str]) -> list[list[Candidate]]:
        """Every whole-word match in each of `texts`, as `select` takes them; one scan.

        The same as scanning each text alone: the texts are joined with U+0000, which no
        name contains, which counts as a word boundary and which Unicode normalization does
        not compose with its neighbours.
        """
        out: list[list[Candidate]] = [[] for _ in texts]
        if self._empty or not texts:
            return out
        joined = "\0".join(texts)
        folded = fold(joined)
        pieces = folded.split("\0") if len(folded) == len(joined) else []
        if len(pieces) != len(texts) or any(
            len(p) != len(t) for p, t in zip(pieces, texts, strict=True)
        ):  # a NUL in a text, or a letter that folds to two: one text at a time
            return [self._candidates(_folded(t)) if t else [] for t in texts]
        starts, at = [], 0
        for t in texts:
            starts.append(at)
            at += len(t) + 1
        for start, end, ents in self._candidates(folded):
            i = bisect.bisect_right(starts, start) - 1
            if end <= starts[i] + len(texts[i]):
                out[i].append((start - starts[i], end - starts[i], ents))
        return out

    def _candidates(self, folded: str) -> list[Candidate]:
        candidates = []
        for end, (length, ents) in self._automaton.iter(folded):
            start = end - length + 1
            if start > 0 and _is_word(folded[start - 1]):
                continue
            if end + 1 < len(folded) and _is_word(folded[end + 1]):
                continue
            candidates.append((start, end + 1, ents))
        return candidates


Candidate = tuple[int, int, list[Entity]]
"""A whole-word match: start, end, and the entities that spelling names."""


def select(candidates: list[Candidate], allowed: set[int] | None = None) -> list[Mention]:
    """Non-overlapping mentions of `candidates`, left to right, longest first; only of
    entities whose id() is in `allowed` (all when None)."""
    kept = []
    for start, end, ents in candidates:
        ok = [e for e in ents if allowed is None or id(e) in allowed]
        if ok:
            kept.append((start, end, ok))
    kept.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[Mention] = []
    taken_to = 0
    for start, end, ents in kept:
        if start < taken_to:
            continue
        out.extend(Mention(e, start, end) for e in ents)
        taken_to = end
    return out


def _folded(text: str) -> str:
    folded = fold(text)
    if len(folded) != len(text):  # a letter that folds to two ('ß'): fold one by one
        folded = "".join(f if len(f := fold(c)) == 1 else c for c in text)
    return folded
