"""Who is quoted in an article: attribution phrases in English and Russian, and the quoted
words next to them.

A reporter attributes words in a few set ways: `"…," said X`, `X noted that “…”`,
`according to X`, `«…», — заявил X`, `по словам X`, `как отметила X`, Kazakh `— деді X`,
`X мәлімдеді`, `Xтың айтуынша`. The name found there is resolved against the registry by any
of its spellings and their forms in every case (the same forms that link in the body,
text/mentions.py: «по словам Ластаева», «Сүлейменнің айтуынша»), after dropping a title in
front of it ("Ombudsman Artur Lastayev"), or by the surname alone when one registered person
has it. What the forms miss is compared without its Russian case ending, so "по словам
Тимура Бекова" finds "Тимур Беков".
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..core.model import Entity
from ..core.names import key
from ..core.registry import Registry
from .mentions import NameMatcher

# Capital letters of the Latin and Cyrillic alphabets (Kazakh letters included).
_UPPER = "".join(c for c in map(chr, [*range(0x41, 0x250), *range(0x400, 0x530)]) if c.isupper())
NAME_WORD = rf"[{re.escape(_UPPER)}][\w’'\-]*"
NAME = rf"{NAME_WORD}(?:[ \u00a0]+{NAME_WORD}){{0,3}}"

_EN_VERBS = (
    "said says stated states noted notes told tells added adds explained explains stressed "
    "stresses emphasised emphasized emphasises emphasizes argued argues claimed claims declared "
    "declares commented comments remarked remarks insisted insists warned warns recalled "
    "recalls replied replies answered answers continued continues concluded concludes wrote "
    "writes believes believed thinks admitted admits announced announces observed observes "
    "suggested suggests urged urges asked asks acknowledged acknowledges confirmed confirms "
    "underlined underlines"
).split()
_RU_VERBS = (
    "заявил заявила заявили сказал сказала сказали отметил отметила отметили подчеркнул "
    "подчеркнула подчеркнули добавил добавила добавили сообщил сообщила сообщили пояснил "
    "пояснила пояснили рассказал рассказала рассказали считает считают уверен уверена уверены "
    "полагает полагают говорит говорят заключил заключила напомнил напомнила признал признала "
    "ответил ответила уточнил уточнила констатировал констатировала убежден убеждена убеждён "
    "убеждена объяснил объяснила написал написала прокомментировал прокомментировала"
).split()
# Kazakh: «…», — деді Сүлеймен; Сүлеймен мәлімдеді; Сүлейменнің айтуынша (in his words).
_KK_VERBS = (
    "деді дейді мәлімдеді айтты айтады хабарлады түсіндірді жазды атап өтті санайды сендірді қосты"
).split()
_EN = "|".join(sorted(_EN_VERBS, key=len, reverse=True)) + "|pointed out|points out"
_RU = "|".join(sorted(_RU_VERBS, key=len, reverse=True))
_KK = "|".join(sorted(_KK_VERBS, key=len, reverse=True)) + "|атап өтті"
_LOWER_RU = r"(?:[а-яёәғқңөұүһі\-]+\s+){0,3}"  # "заявила председатель комитета Айгерим ..."
_APPOSITION = (
    r"(?:\s*,\s*[^,.;:!?«»“”\"]{1,80}?,|\s+(?:of|from|at|из|от)\s+[^,.;:!?«»“”\"]{1,60}?)?"
)

PATTERNS = [
    re.compile(rf"(?<!\w)(?:{_EN})\s+(?P<name>{NAME})"),  # "…," said Usen Suleimen
    re.compile(rf"(?P<name>{NAME}){_APPOSITION}\s+(?:{_EN})(?!\w)"),  # Lastaev noted that
    re.compile(rf"(?<!\w)[Aa]ccording to\s+(?P<name>{NAME})"),
    re.compile(rf"(?<!\w)[Ii]n\s+(?P<name>{NAME})[’']s?\s+(?:opinion|view|words)"),
    re.compile(rf"(?<!\w)(?:{_RU})\s+{_LOWER_RU}(?P<name>{NAME})"),  # «…», — заявил Беков
    re.compile(rf"(?P<name>{NAME}){_APPOSITION}\s+(?:{_RU})(?!\w)"),  # Ластаев заявил
    re.compile(rf"(?<!\w)(?:[Пп]о словам|[Пп]о мнению|[Сс]огласно)\s+{_LOWER_RU}(?P<name>{NAME})"),
    re.compile(rf"(?<!\w)(?:{_KK})\s+(?P<name>{NAME})"),  # «…», — деді Сүлеймен
    re.compile(rf"(?P<name>{NAME}){_APPOSITION}\s+(?:{_KK})(?!\w)"),  # Сүлеймен мәлімдеді
    re.compile(rf"(?P<name>{NAME})\s+(?:айтуынша|пікірінше|сөзінше|мәліметінше)(?!\w)"),
]

# Capitalized at the start of a sentence, never a name: dropped from the front of one.
STOPWORDS = {
    *"""a an the in on at for but and or as this that these those according only if when while
    after before since with without by from to it he she they we i his her their our my there
    here what who why how so then also however moreover meanwhile between more most some many
    all both each every no not yes mr mrs ms dr prof""".split(),
    *"""в на по как но и а это он она они мы я при для с со о об после до из от за у что кто
    где когда если так также однако ещё еще между все его ее её их наш по-прежнему""".split(),
}
_POSSESSIVE = re.compile(r"[’']s?$")
# Russian case endings, longest first: Бекова -> Беков, Тимуру -> Тимур, Нурлановой -> Нурланов.
# Through `key`, as the words they end: it drops the breve of 'й', so 'ой' is compared as 'ои'.
_RU_ENDINGS = sorted(
    {
        key(e)
        for e in "ого его ому ему ыми ими ой ей ым им ом ем ою ею ая яя ую юю а я у ю е ы и".split()
    },
    key=len,
    reverse=True,
)


def stem(word: str) -> str:
    """A name word's comparison key without a possessive or a Russian case ending."""
    k = key(_POSSESSIVE.sub("", word))
    if any("\u0400" <= c <= "\u04ff" for c in k):
        for ending in _RU_ENDINGS:
            if k.endswith(ending) and len(k) - len(ending) >= 3:
                return k[: -len(ending)]
    return k


def name_words(name: str) -> list[str]:
    """The words of a name as written, without stopwords in front or a possessive at the end."""
    words = name.split()
    while words and key(words[0]) in STOPWORDS:
        words.pop(0)
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    return [w for w in words if w]


class PersonFinder:
    """Resolves a name as written in running text to a registered person, or to None."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self._surnames: dict[str, set[int]] = defaultdict(set)
        self._firsts: dict[int, set[str]] = defaultdict(set)
        self._people: dict[int, Entity] = {}
        self._others: NameMatcher | None = None
        # the forms the site links and the check finds (text/mentions.py): «Ластаева»,
        # «Сүлейменнің», «У. Сулеймен» resolve as the body's mentions do
        self._forms = NameMatcher(registry.entities["person"].values())
        for person in registry.entities["person"].values():
            self._people[id(person)] = person
            for spelling in person.names:
                words = spelling.split()
                if not words:
                    continue
                self._surnames[stem(words[-1])].add(id(person))
                if len(words) > 1:
                    self._firsts[id(person)].add(stem(words[0]))

    def other_entries(self, text: str) -> list[tuple[int, int]]:
        """Spans of `text` that name an organization, outlet or topic."""
        if self._others is None:
            kinds = ("organization", "outlet", "topic")
            self._others = NameMatcher(e for e in self.registry if e.kind in kinds)
        return [(m.start, m.end) for m in self._others.find(text)]

    def resolve(self, name: str) -> Entity | None:
        words = name_words(name)
        for i in range(len(words)):  # "Ombudsman Artur Lastayev" -> "Artur Lastayev"
            entity = self.registry.resolve("person", " ".join(words[i:]))
            if entity is not None:
                return entity
        if not words:
            return None
        # the longest run of words that is a form of one person's name: «Ластаева»,
        # «министра Артура Ластаева», «Роман Коноплев Русской (службе)»; a short form
        # (the surname alone) when one registered person has it
        for size in range(len(words), 0, -1):
            for i in range(len(words) - size + 1):
                ents, context = self._forms.lookup(" ".join(words[i : i + size]))
                if len(ents) == 1:
                    return ents[0]
                if not ents and len(context) == 1:
                    return context[0]
        # what the generated forms miss: a name compared without its Russian case ending
        ids = self._surnames.get(stem(words[-1]), set())
        if len(words) > 1 and len(ids) > 1:  # a first name tells namesakes apart
            first = stem(words[-2])
            ids = {i for i in ids if first in self._firsts[i]}
        if len(ids) == 1:
            return self._people[next(iter(ids))]
        return None


@dataclass(frozen=True)
class Attribution:
    name: str  # as written, without stopwords in front
    start: int
    end: int
    person: Entity | None


def attributions(text: str, finder: PersonFinder) -> list[Attribution]:
    """Every attribution phrase in a paragraph, left to right; one naming nobody in the
    registry counts only when the name has two words or more."""
    found: dict[tuple[int, int], Attribution] = {}
    others = finder.other_entries(text)
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            words = name_words(m.group("name"))
            if not words:
                continue
            name = " ".join(words)
            person = finder.resolve(name)
            if person is None and len(words) < 2:
                continue  # "…for Prosperity believes": one unknown word is rarely a person
            if person is None and any(
                s < m.end("name") and m.start("name") < e for s, e in others
            ):  # "the Committee for Utility Regulation said": an organization, not a speaker
                continue
            span = (m.start(), m.end())
            if any(s <= span[0] < e or span[0] <= s < span[1] for s, e in found):
                continue  # one phrase, matched by two patterns
            found[span] = Attribution(name, span[0], span[1], person)
    return sorted(found.values(), key=lambda a: a.start)


_OPEN = "“«„"
_CLOSE = "”»"
MIN_QUOTE_WORDS = 3


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each outermost pair of quotation marks.

    Pairs may mix styles (a capture opens with `"` and closes with `”`); `‘’` are left
    alone, since they double as apostrophes and mostly nest inside other quotes.
    """
    spans = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        closing = False
        if ch == "“" and stack and stack[-1][0] == "„":
            closing = True  # „…“
        elif ch in _OPEN:
            stack.append((ch, i))
            continue
        elif ch in _CLOSE:
            closing = bool(stack)
        elif ch == '"':
            before = text[i - 1] if i else " "
            if stack and stack[-1][0] == '"':
                closing = True
            elif before.isspace() or before in "([—–-/:":
                stack.append((ch, i))
                continue
            else:
                closing = bool(stack)
        if closing:
            _, start = stack.pop()
            if not stack:
                spans.append((start + 1, i))
    return spans


def quote_text(text: str, span: tuple[int, int]) -> str:
    return text[span[0] : span[1]].strip().rstrip(",").strip()


@dataclass(frozen=True)
class FoundQuote:
    text: str
    block: int  # index of its paragraph
    speaker: Entity | None
    speaker_name: str | None  # as written; None when no one is named next to the words
    inherited: bool = False  # from the paragraph before (a quote that goes on)


def find_quotes(paragraphs: list[str | None], finder: PersonFinder) -> tuple[
    list[Attribution], list[FoundQuote]
]:  # fmt: skip
    """Attributions and quotes of each paragraph (None stands for a heading).

    A quote goes to the attribution nearest to it in its paragraph. A paragraph that is a
    quote with no attribution of its own goes to the one person the paragraph before
    attributes words to, as reporters continue a quote; otherwise its speaker stays unknown.
    """
    found: list[Attribution] = []
    quotes: list[FoundQuote] = []
    previous: list[Attribution] = []
    for n, text in enumerate(paragraphs):
        if text is None:
            previous = []
            continue
        here = attributions(text, finder)
        found.extend(here)
        for span in quoted_spans(text):
            words = quote_text(text, span)
            if len(words.split()) < MIN_QUOTE_WORDS:
                continue  # scare quotes: “repression”, «элиты»
            if here:
                near = min(here, key=lambda a: _distance(a, span))
                quotes.append(FoundQuote(words, n, near.person, near.name))
                continue
            whole = span[0] <= 1 + len(text) - len(text.lstrip())
            speakers = {id(a.person) for a in previous if a.person}
            if whole and len(speakers) == 1 and all(a.person for a in previous):
                a = previous[0]
                quotes.append(FoundQuote(words, n, a.person, a.name, inherited=True))
            else:
                quotes.append(FoundQuote(words, n, None, None))
        previous = here
    return found, quotes


def _distance(a: Attribution, span: tuple[int, int]) -> int:
    if a.end <= span[0]:
        return span[0] - a.end
    if span[1] <= a.start:
        return a.start - span[1]
    return 0
