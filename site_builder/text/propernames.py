"""Capitalized names in running text that the registry does not know.

The import lists them for the contributor to decide on; they never go into the data. A name
here is two or more capitalized words in a row ("Dana Akhmetova", "Almaty Consumers Union",
with "of", "for", "and"... allowed between them) or an acronym of three capitals or more.
Single capitalized words are left out: in a sentence they are mostly places or the word that
starts it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..core.names import key
from ..core.registry import Registry
from ..core.schema import KINDS
from .attribution import NAME_WORD, STOPWORDS, PersonFinder, name_words
from .mentions import NameMatcher

# Words that join the capitalized words of one name; not "the", which mostly starts the next
# name ("Dana Akhmetova of the Almaty Consumers Union" is two).
_CONNECT = r"(?:of|for|and|de|del|da|van|von|al|el|bin|ibn|и|по|для)"
_SEQUENCE = re.compile(rf"{NAME_WORD}(?:(?:[ \u00a0]+{_CONNECT})*[ \u00a0]+{NAME_WORD})*")
# Acronyms that name no one in particular.
_COMMON_ACRONYMS = {
    "ngo", "usd", "eur", "rub", "kzt", "gdp", "ceo", "covid", "нпо", "сми", "ввп", "жкх", "тв",
}  # fmt: skip


def unknown_names(
    texts: Iterable[str], registry: Registry, finder: PersonFinder, ignore: Iterable[str] = ()
) -> list[str]:
    """Names in `texts` that resolve to no registry entry, most frequent first."""
    matcher = NameMatcher(registry)
    ignored = {key(t) for t in ignore}
    for person in registry.entities["person"].values():  # titles: "Human Rights Ombudsman"
        for role in person.roles:
            if role.title:
                ignored.add(key(role.title))
    counts: Counter[str] = Counter()
    first_seen: dict[str, str] = {}
    for text in texts:
        for start, end in _outside(text, matcher):
            for m in _SEQUENCE.finditer(text, start, end):
                name = _candidate(m.group(), registry, finder, ignored)
                if name:
                    k = key(name)
                    counts[k] += 1
                    first_seen.setdefault(k, name)
    return [first_seen[k] for k, _ in counts.most_common()]


def _outside(text: str, matcher: NameMatcher) -> list[tuple[int, int]]:
    """The stretches of `text` between mentions of registered names."""
    spans, pos = [], 0
    for m in matcher.find(text):
        if m.start >= pos:
            spans.append((pos, m.start))
            pos = m.end
    spans.append((pos, len(text)))
    return spans


def _candidate(
    found: str, registry: Registry, finder: PersonFinder, ignored: set[str]
) -> str | None:
    words = name_words(found)
    while words and key(words[-1]) in STOPWORDS:
        words.pop()
    if not words:
        return None
    name = " ".join(words)
    if len(words) == 1:
        word = words[0]
        acronym = len(word) >= 3 and word.isupper() and word.isalpha()
        if not acronym or key(word) in _COMMON_ACRONYMS:
            return None
    k = key(name)
    if k in ignored or any(registry.resolve(kind, name) for kind in KINDS):
        return None
    if finder.resolve(name) is not None:  # "Тимура Бекова", inflected
        return None
    return name
