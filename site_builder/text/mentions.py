"""Finding registry names in running text: whole words, any spelling, longest match first.

One Aho-Corasick automaton (pyahocorasick, in C) holds every spelling of every entry, so a
body is scanned once whatever the size of the registry. Text and spellings are compared
case-, accent- and space-insensitively, like `names.key`.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import ahocorasick

from ..core.model import Entity
from ..core.names import key
from .commonwords import is_common_word
from .forms import PARTICLES, name_forms, person_parts

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


def inflected(
    spelling: str, kind: str, gender: str | None = None, declension: str | None = None
) -> frozenset[str]:
    """The inflected forms of a registered spelling (itself included), Russian and Kazakh."""
    return _forms(spelling, kind, gender, declension)[0]


def short_forms(
    spelling: str, gender: str | None = None, declension: str | None = None
) -> frozenset[str]:
    """A person's short mentions, which name them only where the article lists them: the
    surname alone («Сулейменом», "Suleimen"), initials with the surname («У. Сулеймен»), the
    given name with the patronymic («Артуру Ивановичу»), in every case. A surname that is an
    everyday word («Мороз», «Жеңіс») is left out, and so is anything of a one-word name."""
    return _forms(spelling, "person", gender, declension)[1]


@lru_cache(maxsize=100_000)
def _forms(
    spelling: str, kind: str, gender: str | None, declension: str | None
) -> tuple[frozenset[str], frozenset[str]]:
    """(inflected, short) forms of a spelling: `name_forms` once per language."""
    words = spelling.split()
    cyrillic = bool(_CYRILLIC.search(spelling))
    if len(words) < 2:
        return frozenset((spelling,)), frozenset()
    full: set[str] = {spelling}
    short: set[str] = set()
    common_surname = kind == "person" and is_common_word(person_parts(spelling).surname)
    for language in ("ru", "kk") if cyrillic else ("en",):
        nf = name_forms(
            spelling, language, kind=kind, gender=gender, declension=declension, latin=False
        )
        if cyrillic:
            full |= nf.full
        if kind == "person":
            short |= nf.initials | nf.given_patronymic
            if not common_surname:
                short |= nf.surname
    return frozenset(full), frozenset(short)


@lru_cache(maxsize=100_000)
def _form_keys(
    spelling: str, kind: str, gender: str | None, declension: str | None
) -> tuple[frozenset[str], frozenset[str]]:
    """The comparison keys (`names.key`) of `_forms`: a registry's names are keyed once per
    process, however many matchers the check, the build and the import make."""
    full, short = _forms(spelling, kind, gender, declension)
    return frozenset(filter(None, map(key, full))), frozenset(filter(None, map(key, short)))


def _everyday_words(spelling: str) -> bool:
    """A name of two or more words all of which are everyday words: «Ақ жол», «Нұр Отан»."""
    words = spelling.split()
    return len(words) > 1 and all(is_common_word(w) for w in words)


def _capitals(spelling: str) -> bool:
    """An acronym or a name in capitals ("EU", «ЕС», "OSCE"): matched as written, so that
    Portuguese "eu" or a shouted word is not the European Union."""
    return spelling.isupper() and sum(map(str.isalpha, spelling)) > 1


def _as_capitals(written: str) -> bool:
    """The text writes an acronym in capitals; one of four letters or more may also be
    capitalized as the British press writes them ("Nato", "Unicef")."""
    letters = [c for c in written if c.isalpha()]
    if all(c.isupper() for c in letters):
        return True
    return len(letters) >= 4 and letters[0].isupper() and all(c.islower() for c in letters[1:])


class _Slot(NamedTuple):
    """What one folded spelling names (a tuple: the scan unpacks it for every match).
    `ents`: the entries it names wherever it stands (a registered spelling, or a form only
    one entry makes); `context`: the entries it names only where the article lists exactly
    one of them (a short mention, a form two entries make, a registered one-word name that
    is an everyday word); `shared`: a form of the full name that two or more entries make
    (the check reports it as ambiguous); `caps`: the text must write it in capitals (an
    acronym); `capital`: it must start with a capital letter (a name made of everyday
    words: «Ақ жол», «Нұр Отан»)."""

    length: int
    ents: list[Entity]
    context: list[Entity]
    shared: bool
    caps: bool
    capital: bool


def warm_forms(entities: Iterable[Entity]) -> None:
    """Make every entry's forms now (about 1.5 s for 1,500 entries), before the build forks
    its checks: the checks' matcher and the site's then share them instead of each making
    them in its own process."""
    for entity in entities:
        if entity.kind in INFLECTED_KINDS:
            gender, declension = _overrides(entity)
            for spelling in entity.names:
                _form_keys(spelling, entity.kind, gender, declension)


class NameMatcher:
    """Matches every spelling of a set of entities in text, by whole words, with the
    inflected forms of their Cyrillic names and people's short mentions (`short_forms`).

    A form two entries share, or a short mention, names no one by itself: `select` takes it
    for the one entry among those the article lists that has it, and for no one when the
    article lists none or several of them. Registered spellings decide over generated forms.
    """

    def __init__(self, entities: Iterable[Entity]):
        table: dict[str, list[Entity]] = {}
        caps: dict[str, bool] = {}
        capital: set[str] = set()  # keys of names made of everyday words, and their forms
        context: dict[str, list[Entity]] = {}
        everyday: set[str] = set()
        entities = list(entities)
        for entity in entities:
            for spelling in [*entity.names, entity.abbreviation or ""]:
                k = key(spelling)
                if not k:
                    continue
                if entity.kind != "outlet" and " " not in k and is_common_word(spelling):
                    _add(context, k, entity)  # «Әділет», the party; or justice
                    everyday.add(k)
                    continue
                if entity not in table.setdefault(k, []):
                    table[k].append(entity)
                caps[k] = caps.get(k, True) and _capitals(spelling)
                if _everyday_words(spelling):
                    capital.add(k)
        table = {k: v for k, v in table.items() if v}
        derived: dict[str, list[Entity]] = {}
        short: dict[str, list[Entity]] = {}
        for entity in entities:
            if entity.kind not in INFLECTED_KINDS:
                continue
            gender, declension = _overrides(entity)
            for spelling in entity.names:
                full_keys, short_keys = _form_keys(spelling, entity.kind, gender, declension)
                lowercase_too = not _everyday_words(spelling)
                for k in full_keys:
                    if k not in table and k not in everyday:
                        _add(derived, k, entity)
                        if not lowercase_too:
                            capital.add(k)
                for k in short_keys:
                    if k not in table:
                        _add(short, k, entity)
        shared = set()
        for k, ents in derived.items():
            if len(ents) == 1:
                table[k] = ents
                caps.setdefault(k, False)
            else:
                shared.add(k)
                for e in ents:
                    _add(context, k, e)
        for k, ents in short.items():
            if k not in table:
                for e in ents:
                    _add(context, k, e)
        self._automaton = ahocorasick.Automaton()
        for k in table.keys() | context.keys():
            slot = _Slot(len(k), table.get(k, []), context.get(k, []), k in shared,
                         caps.get(k, False), k in capital)  # fmt: skip
            self._automaton.add_word(k, slot)
        self._empty = not table and not context
        if not self._empty:
            self._automaton.make_automaton()

    def lookup(self, spelling: str) -> tuple[list[Entity], list[Entity]]:
        """What `spelling`, whole, names: the entries it names by itself, and those it
        names only by context (a short mention, a form two entries share); see `select`."""
        k = key(spelling)
        if self._empty or not k or not self._automaton.exists(k):
            return [], []
        slot: _Slot = self._automaton.get(k)
        return slot[1], slot[2]

    def find(
        self,
        text: str,
        allowed: set[int] | None = None,
        ambiguous: list[Ambiguous] | None = None,
    ) -> list[Mention]:
        """Non-overlapping mentions, left to right, longest first; only of entities whose
        id() is in `allowed` (all when None; then short mentions name no one). Forms that
        name several of them are appended to `ambiguous`."""
        if self._empty or not text:
            return []
        found = _without_namesakes(self._candidates(_folded(text), text), text)
        return select(found, allowed, ambiguous)

    def candidates_in(self, texts: list[str]) -> list[list[Candidate]]:
        """Every whole-word match in each of `texts`, as `select` takes them; one scan.

        The texts are one document (a body's text nodes): the matches are each text's own,
        as if scanned alone, and the evidence that a surname belongs to a namesake
        (`_without_namesakes`) is the whole document's, as `find` takes it from the texts
        joined with U+0000, which no name contains, which counts as a word boundary and
        which Unicode normalization does not compose with its neighbours.
        """
        out: list[list[Candidate]] = [[] for _ in texts]
        if self._empty or not texts:
            return out
        joined = "\0".join(texts)
        starts, at = [], 0
        for t in texts:
            starts.append(at)
            at += len(t) + 1
        folded = fold(joined)
        pieces = folded.split("\0") if len(folded) == len(joined) else []
        if len(pieces) != len(texts) or any(
            len(p) != len(t) for p, t in zip(pieces, texts, strict=True)
        ):  # a NUL in a text, or a letter that folds to two: one text at a time
            found = [
                (start + starts[i], end + starts[i], ents, context, shared)
                for i, t in enumerate(texts)
                if t
                for start, end, ents, context, shared in self._candidates(_folded(t), t)
            ]
        else:
            found = self._candidates(folded, joined)
        for start, end, ents, context, shared in _without_namesakes(found, joined):
            i = bisect.bisect_right(starts, start) - 1
            if end <= starts[i] + len(texts[i]):
                out[i].append((start - starts[i], end - starts[i], ents, context, shared))
        return out

    def _candidates(self, folded: str, text: str) -> list[Candidate]:
        candidates: list[Candidate] = []
        last = len(folded) - 1
        for end, slot in self._automaton.iter(folded):
            start = end - slot[0] + 1
            if start > 0 and _is_word(folded[start - 1]):
                continue
            if end < last and _is_word(folded[end + 1]):
                continue
            _, ents, context, shared, caps, capital = slot
            if caps and ents and not _as_capitals(text[start : end + 1]):
                ents = []
            if capital and ents and not text[start].isupper():
                ents = []  # «ақ жол» is a white road; «Ақ жол», the party
            # a surname alone in lowercase is a word, not the name («жук», «мороз»)
            if context and not text[start].isupper():
                context = []
            if ents or context:
                candidates.append((start, end + 1, ents, context, shared))
        return candidates


# The capitalized word before a short mention: «Виктор Бут» when the article lists Алла Бут.
_SENTENCE_START = re.compile(r"(?:^|[.!?…:;«\"“„(\n\0—–-])\s*$")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w\-’']*\.?)[ \u00a0]+$")


def _without_namesakes(candidates: list[Candidate], text: str) -> list[Candidate]:
    """Short mentions of a person whose surname the text also gives someone else: when
    «Виктор Бут» or «Исы Ямадаева» stands in a text about Алла Бут or Сулим Ямадаев, a
    surname alone may be either, so it names no one there. A capitalized word right before
    a short mention, that no longer mention of the same person covers, that does not
    start a sentence (where it is as often a noun: «Прокуратура Сүлейменге») and that is no
    everyday word, title or preposition (`commonwords`), is taken for another given name.
    Only before a surname alone, not before a form of a full name that two entries share
    («Президент России Дмитрий Медведев»). A surname inside the full name of another
    registered person is the same evidence, wherever it stands."""
    if not any(c[3] for c in candidates):
        return candidates
    spans: dict[int, list[tuple[int, int]]] = {}
    for start, end, ents, context, _ in candidates:
        for e in (*ents, *context):
            spans.setdefault(id(e), []).append((start, end))
    named = [(s, e, {id(x) for x in ents}) for s, e, ents, _, _ in candidates if ents]
    namesakes: set[int] = set()
    for start, end, _, context, shared in candidates:
        if not context or shared or not _one_word(text, start, end):
            continue
        # inside another registered person's full name: «Нурсултан Назарбаев» for Болат
        for s, t, ids in named:
            if s <= start and end <= t and (s, t) != (start, end):
                namesakes.update(id(e) for e in context if id(e) not in ids)
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if before is None or not before.group(1)[:1].isupper():
            continue
        word = before.group(1)
        if is_common_word(word.rstrip(".")) or (len(word) < 2 and not word.endswith(".")):
            continue  # «министр Ластаев», "Mr Suleimen", «для Сулеймена»
        if _SENTENCE_START.search(text, max(0, before.start() - 3), before.start()):
            continue  # «Прокуратура Сүлейменге», «Суд Ластаева оправдал»: a noun, likely
        for e in context:
            if not any(s <= before.start() and end <= t for s, t in spans[id(e)]):
                namesakes.add(id(e))
    if not namesakes:
        return candidates
    out: list[Candidate] = []
    for start, end, ents, context, shared in candidates:
        kept = [e for e in context if id(e) not in namesakes] if context else context
        if ents or kept:
            out.append((start, end, ents, kept, shared))
    return out


def _one_word(text: str, start: int, end: int) -> bool:
    """A surname alone: one word, or one after particles («Ле Пен», «ван Гог»)."""
    words = text[start:end].split()
    return all(w.lower() in PARTICLES for w in words[:-1])


def _add(table: dict[str, list[Entity]], k: str, entity: Entity) -> None:
    ents = table.setdefault(k, [])
    if entity not in ents:
        ents.append(entity)


def _overrides(entity: Entity) -> tuple[str | None, str | None]:
    """The registry's `gender` and `declension` of an entry (None where not given)."""
    return getattr(entity, "gender", None), getattr(entity, "declension", None)


Candidate = tuple[int, int, list[Entity], list[Entity], bool]
"""A whole-word match: start, end, the entities that spelling names, those it names only
where the article lists one of them alone, and whether it is a full form several share."""


@dataclass(frozen=True)
class Ambiguous:
    """A form that could name several entries, so that it names none: `shared` when it is
    a form of their full names, else a short mention («Назарбаев») of people the article
    lists."""

    start: int
    end: int
    entities: tuple[Entity, ...]
    shared: bool


def select(
    candidates: list[Candidate],
    allowed: set[int] | None = None,
    ambiguous: list[Ambiguous] | None = None,
    listed: set[int] | None = None,
) -> list[Mention]:
    """Non-overlapping mentions of `candidates`, left to right, longest first; only of
    entities whose id() is in `allowed` (all when None).

    A short mention or a shared form names the one entity the article lists that has it
    (`listed`, which is `allowed` unless given: the body links each entity once, so it
    allows fewer and fewer of those it lists), and no one when `allowed` is None or the
    article lists several of them: those are appended to `ambiguous` (with `allowed` None,
    only the shared forms of full names)."""
    if listed is None:
        listed = allowed
    inside = _inside_names(candidates)
    kept = []
    for start, end, ents, context, shared in candidates:
        ok = [e for e in ents if allowed is None or id(e) in allowed]
        doubt: tuple[Entity, ...] = ()
        if not ok and not ents and context and not inside(start, end):
            if allowed is None or listed is None:
                doubt = tuple(context) if shared else ()
            else:
                mine = [e for e in context if id(e) in listed]
                if len(mine) == 1:
                    ok = [mine[0]] if id(mine[0]) in allowed else []
                    if not ok:  # his, and linked before: the span is still his
                        kept.append((start, end, ok, doubt, shared))
                        continue
                elif len(mine) > 1:
                    doubt = tuple(mine)
        if ok or doubt:
            kept.append((start, end, ok, doubt, shared))
    kept.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[Mention] = []
    taken_to = 0
    for start, end, ents, doubt, shared in kept:
        if start < taken_to:
            continue
        out.extend(Mention(e, start, end) for e in ents)
        if doubt and ambiguous is not None:
            ambiguous.append(Ambiguous(start, end, doubt, shared))
        taken_to = end
    return out


def _inside_names(candidates: list[Candidate]) -> Callable[[int, int], bool]:
    """Whether a span lies inside a name that names someone by itself: «Назарбаев» in
    «Нурсултан Назарбаев» is part of his name, whoever the article lists; so is «Сулеймена»
    in «Фонд Сулеймена»."""
    spans = sorted((s, e) for s, e, ents, _, _ in candidates if ents)
    if not spans:
        return lambda start, end: False
    starts = [s for s, _ in spans]
    reach, furthest = [], 0
    for _, e in spans:
        furthest = max(furthest, e)
        reach.append(furthest)

    def inside(start: int, end: int) -> bool:
        i = bisect.bisect_right(starts, start)
        return i > 0 and reach[i - 1] >= end

    return inside


def _folded(text: str) -> str:
    folded = fold(text)
    if len(folded) != len(text):  # a letter that folds to two ('ß'): fold one by one
        folded = "".join(f if len(f := fold(c)) == 1 else c for c in text)
    return folded
