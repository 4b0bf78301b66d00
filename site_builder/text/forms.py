"""Every form a registered name takes in running text, generated from its nominative.

In Russian and Kazakh a name changes with its case: «Усен Сулеймен» is «Усена Сулеймена»,
«Сулейменом»; «Артур Ластаев» is «Ластаеву»; in Kazakh «Сүлейменнің», «Сүлейменге». The
registry lists the nominative; `forms` makes the rest, so a matcher fed with them finds the
name in any case. Forms are made, never guessed from text: a form no article uses costs a
little memory and nothing else, so where a rule is uncertain (the vowel harmony of a Russian
surname in Kazakh, the gender of a surname alone) both answers are given.

- Kazakh: the seven cases by ending, with vowel harmony (front/back) and the consonant
  assimilation the endings need; in a phrase only the last word takes the ending
  («Усен Сүлейменнің»). Organization names in a third-person possessive («бюросы»,
  «министрлігі») also get the possessive declension («бюросының», «бюросына»).
- Russian: surnames by ending (-ов/-ев/-ин, -ский/-цкий, -ой, other consonants for men only,
  -а/-я, indeclinable -о/-их/-ых/-е/-и/-у), given names, patronymics; gender from the given
  name, patronymic or surname ending, or both declensions when nothing says. Organization
  names: adjectives before the head noun agree with it, the head declines unless it is
  indeclinable («Бюро»), the words after it stay.
- Initials («У. Сулеймен», «Сулеймен У.») in every case, and Latin renderings of the
  nominative (`core.translit`), so "Suleimen" and «Сулеймен» meet.

Russian given names and the nouns of organization names come from pymorphy3 and its
dictionary (MIT; the dictionary CC BY-SA, 16 MB installed) where it knows the word: the rules
decline «власть» and «церковь» wrongly, the dictionary does not. Surnames and Kazakh stay
with the rules, which know endings dictionaries lack («Сулейменов», «Ластаеву»); for Kazakh
no maintained library fits (checked November 2026: `qazaq-inflector` is a month old and its
own examples decline «Құнанбаев» with a front ending; KazStem is GPL). `use_inflector`
plugs another analyzer in, or none (the rules alone).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from ..core.translit import fold, latin_renderings

Gender = Literal["m", "f"]
_GENDERS: dict[str, Gender] = {"m": "m", "f": "f", "male": "m", "female": "f"}

# Case names, in the order the functions below return forms.
KAZAKH_CASES = ("атау", "ілік", "барыс", "табыс", "жатыс", "шығыс", "көмектес")
RUSSIAN_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")

# An analyzer for words the rules do not know well: takes a lowercase nominative and what it
# is ('given' name or common 'noun'), returns its six Russian forms in RUSSIAN_CASES order,
# or None when it does not know the word.
Inflector = Callable[[str, str], "tuple[str, ...] | None"]
_inflector: list[Inflector | None] = []  # empty until first needed: then pymorphy3's


def use_inflector(inflector: Inflector | None) -> None:
    """Plug a morphological analyzer in for Russian given names and common nouns (None: the
    rules alone). Surnames stay with the rules, which know the endings dictionaries miss."""
    _inflector[:] = [inflector]
    _cached_forms.cache_clear()


def _analyzer() -> Inflector | None:
    """The analyzer in use: pymorphy3's, loaded on the first word that needs it (about 0.2 s),
    unless `use_inflector` said otherwise; none if pymorphy3 is not installed."""
    if not _inflector:
        try:
            _inflector.append(pymorphy3_inflector())
        except ImportError:
            _inflector.append(None)
    return _inflector[0]


def pymorphy3_inflector() -> Inflector:
    """An `Inflector` over pymorphy3 and its Russian dictionary (ImportError without it)."""
    morph: Any = importlib.import_module("pymorphy3").MorphAnalyzer()

    @lru_cache(maxsize=100_000)  # about 0.5 ms a word: a name's words recur across entries
    def inflect(word: str, what: str) -> tuple[str, ...] | None:
        for parse in morph.parse(word):
            tag = parse.tag
            if "NOUN" not in tag or "nomn" not in tag or "plur" in tag:
                continue
            # a given name is a Name (Любовь: Любови), an organization's head is not (любви)
            if ("Name" in tag) != (what == "given"):
                continue
            out = []
            for case in RUSSIAN_CASES:
                form = parse.inflect({case, "sing"})
                if form is None:
                    return None
                out.append(str(form.word))
            return tuple(out)
        return None

    return inflect


# --- Kazakh -------------------------------------------------------------------------------

_KK_BACK = set("аоұыяё")
_KK_FRONT = set("әөүіеэ")
_KK_VOWELS = _KK_BACK | _KK_FRONT | set("иуюе")
# Word-final sounds, as the endings see them: и, у, ю are semivowels here (Мәди: Мәдидің).
_KK_SONORANT = set("лрйуию")
_KK_NASAL = set("мнң")
_KK_VOICED = set("жз")
# The Russian surname suffixes whose vowel says nothing about the root's harmony.
_RU_SUFFIX = re.compile(r"(ов|ев|ёв|ин|ын)(а)?$")


def _kk_sound(word: str) -> str:
    """'vowel', 'sonorant', 'nasal', 'voiced' or 'voiceless': the class of the last sound."""
    last = word.rstrip("ьъ")[-1:].lower()
    if last in _KK_SONORANT:
        return "sonorant"
    if last in _KK_VOWELS:
        return "vowel"
    if last in _KK_NASAL:
        return "nasal"
    if last in _KK_VOICED:
        return "voiced"
    return "voiceless"  # к қ п с т ф х ц ч ш щ, and б в г д, which sound voiceless at the end


def _kk_harmonies(word: str) -> list[bool]:
    """True for back harmony, False for front: the last vowel decides (Сүлейменге,
    Нұрланға). The suffix vowel of a Russian -ов/-ев surname does not: the root's does
    (Ластаевқа, Ахметовке); a feminine -ова/-ева/-ина takes its final а (Ахметоваға); и
    counts as front (Маминге, Мәдиге), у and ю do not count, a final ь is front (Игорьге).
    Where Russian letters make this uncertain, the other harmony is given second."""
    low = word.lower()
    suffix = _RU_SUFFIX.search(low)
    if suffix and suffix.group(2):
        return [True, False]
    core = low[: suffix.start()] if suffix and suffix.group(1) in ("ов", "ев", "ёв") else low
    uncertain = bool(suffix) or any(c in "иуюэяёь" for c in core)
    if low.endswith("ь"):
        return [False, True]
    for ch in reversed(core):
        if ch in _KK_BACK:
            return [True, False] if uncertain else [True]
        if ch in _KK_FRONT or ch == "и":
            return [False, True] if uncertain else [False]
    return [False, True]  # no vowel that decides: both


def kazakh_cases(word: str, *, back: bool | None = None) -> tuple[str, ...]:
    """The seven cases of a Kazakh noun without possessive, in KAZAKH_CASES order:
    'Сүлеймен' -> Сүлеймен, Сүлейменнің, Сүлейменге, Сүлейменді, Сүлейменде, Сүлейменнен,
    Сүлейменмен. `back` forces the harmony (None: the word's own, the first if uncertain)."""
    if back is None:
        back = _kk_harmonies(word)[0]
    sound = _kk_sound(word)
    a, y = ("а", "ы") if back else ("е", "і")
    q, g = ("қ", "ғ") if back else ("к", "г")
    soft = sound in ("vowel", "sonorant", "nasal", "voiced")
    gen = {"vowel": "н", "nasal": "н", "sonorant": "д", "voiced": "д"}.get(sound, "т")
    acc = "н" if sound == "vowel" else ("д" if soft else "т")
    abl = "н" if sound == "nasal" else ("д" if soft else "т")
    ins = "м" if sound in ("vowel", "sonorant", "nasal") else ("б" if sound == "voiced" else "п")
    return (
        word,
        f"{word}{gen}{y}ң",
        f"{word}{g if soft else q}{a}",
        f"{word}{acc}{y}",
        f"{word}{'д' if soft else 'т'}{a}",
        f"{word}{abl}{a}н",
        f"{word}{ins}ен",
    )


def kazakh_possessive_cases(word: str) -> tuple[str, ...]:
    """The seven cases of a word in the third-person possessive («бюросы», «министрлігі»):
    бюросы, бюросының, бюросына, бюросын, бюросында, бюросынан, бюросымен."""
    back = _kk_harmonies(word)[0]
    a, y = ("а", "ы") if back else ("е", "і")
    return (
        word,
        f"{word}н{y}ң",
        f"{word}н{a}",
        f"{word}н",
        f"{word}нд{a}",
        f"{word}н{a}н",
        f"{word}мен",
    )


_CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")


def _cyrillic(word: str) -> bool:
    """Only Cyrillic words decline here: "Human Rights Watch" in a Russian article stays."""
    return _CYRILLIC_LETTER.search(word) is not None


def _kk_word_forms(word: str, possessive: bool = False) -> set[str]:
    if not _cyrillic(word):
        return {word}
    out = {f for back in _kk_harmonies(word) for f in kazakh_cases(word, back=back)}
    if possessive and word[-1:].lower() in ("ы", "і"):
        out.update(kazakh_possessive_cases(word))
    return out


# --- Russian ------------------------------------------------------------------------------

_HUSH = set("жшчщц")
_VELAR_HUSH = set("гкхжшчщ")  # after these, ы is written и

# Given names the endings mislead on: men in -а/-я, women ending in a consonant or -ь
# (Russian and Kazakh, both spellings; compared after `_plain`).
_MALE_IN_A = set(
    "никита илья лука фома кузьма савва данила гаврила муса иса мустафа жора саша миша "
    "паша коля вася петя ваня дима женя валера".split()
)
_FEMALE_CONSONANT = set(
    "любовь нинель юдифь руфь эсфирь асель айгуль гульнар гульнур айгерим меруерт жанар "
    "айнур гаухар сымбат жулдыз ботагоз камшат балжан ляззат лаззат шынар бибигуль гульжан "
    "акмарал айжан дильнур алтынай нургуль карлыгаш улжан гульмарал шолпан райхан арайлым "
    "аружан аяжан назгуль гульназ гульшат айзат айдана нурсулу".split()
)
# Kazakh names given to both: the surname or an override decides.
_UNISEX = set("бакыт жанат ержан куаныш".split())
# Male given names with a fleeting vowel: the stem their cases are built on.
_FLEETING = {"павел": "павл", "лев": "льв", "пётр": "петр", "петр": "петр"}
# Nouns that never decline (and acronyms, all capitals, never do either).
_INDECLINABLE = set("бюро кафе депо кино метро радио шоу жюри интервью ателье кредо".split())
_PLAIN = str.maketrans("әғқңөұүһіё", "агкноуухие")


def _plain(word: str) -> str:
    """Lowercase, Kazakh letters as the Russian press writes them: Гүлнар -> гульнар-ish keys
    are close enough for the tables above (ү -> у; the soft sign is dropped)."""
    return word.lower().translate(_PLAIN).replace("ь", "").replace("ъ", "")


_PLAIN_FEMALE = {w.replace("ь", "") for w in _FEMALE_CONSONANT}
_PLAIN_MALE_A = {w.replace("ь", "") for w in _MALE_IN_A}
_PLAIN_UNISEX = {w.replace("ь", "") for w in _UNISEX}


def _ending(word: str, *endings: str) -> str | None:
    low = word.lower()
    for e in endings:
        if low.endswith(e) and len(low) > len(e) + 1:
            return e
    return None


def _cases(stem: str, endings: Iterable[str]) -> tuple[str, ...]:
    return tuple(stem + e for e in endings)


def _y(stem: str) -> str:
    """ы, or и after г к х ж ш ч щ (Ольга: Ольги)."""
    return "и" if stem[-1:].lower() in _VELAR_HUSH else "ы"


def _o(stem: str) -> str:
    """о, or е after ж ш ч щ ц (unstressed, as in names: Абрамовичем, Кацем)."""
    return "е" if stem[-1:].lower() in _HUSH else "о"


def _a_declension(word: str) -> tuple[str, ...]:
    """Nouns in -а/-я of either gender: Никита, Ирина, Мария, Илья, Окуджава, Берия."""
    stem, last = word[:-1], word[-1].lower()
    if last == "я":
        if stem[-1:].lower() == "и":  # Мария, Берия, Алия
            return _cases(stem, ("я", "и", "и", "ю", "ей", "и"))
        e = "ё" if stem[-1:].lower() == "ь" else "е"  # Илья: Ильёй
        return _cases(stem, ("я", "и", "е", "ю", f"{e}й", "е"))
    ins = "ей" if stem[-1:].lower() in _HUSH else "ой"
    return _cases(stem, ("а", _y(stem), "е", "у", ins, "е"))


def _consonant_declension(word: str, fleeting: str | None = None) -> tuple[str, ...]:
    """Masculine nouns ending in a consonant, -й or -ь: Сулеймен, Ковальчук, Сергей, Игорь,
    Дмитрий, Павел (fleeting: the stem without its vowel)."""
    low = word.lower()
    if low.endswith("ий"):
        stem = word[:-1]
        return (word, stem + "я", stem + "ю", stem + "я", stem + "ем", stem + "и")
    if low.endswith(("й", "ь")):
        stem = word[:-1]
        return (word, stem + "я", stem + "ю", stem + "я", stem + "ем", stem + "е")
    stem = word
    if fleeting is not None:
        stem = word[: len(fleeting)]
        stem = (stem[:1] + fleeting[1:]) if word[:1].isupper() else fleeting
    return (word, stem + "а", stem + "у", stem + "а", stem + _o(stem) + "м", stem + "е")


def _adjective(word: str, gender: str, animate: bool = True) -> tuple[str, ...]:
    """Adjectives and adjectival surnames: Достоевский, Толстой, Толстая, Казахстанское."""
    low = word.lower()
    stem = word[:-2]
    last = stem[-1:].lower()
    soft = low.endswith(("ний", "няя", "нее", "ьий")) or (
        last in "жшчщ" and low.endswith(("ий", "ая", "ее"))
    )
    i = "и" if last in _VELAR_HUSH or soft else "ы"
    if gender == "f":
        if soft:
            return (word, stem + "ей", stem + "ей", stem + "юю", stem + "ей", stem + "ей")
        return (word, stem + "ой", stem + "ой", stem + "ую", stem + "ой", stem + "ой")
    o = "е" if soft else "о"
    acc = stem + o + "го" if animate and gender == "m" else word  # a person; not a thing
    return (word, stem + o + "го", stem + o + "му", acc, stem + i + "м", stem + o + "м")


def _is_adjective(word: str) -> bool:
    return _ending(word, "ый", "ий", "ой", "ая", "яя", "ое", "ее") is not None


def _indeclinable(word: str) -> bool:
    low = word.lower()
    return (
        low in _INDECLINABLE
        or (word.isupper() and len(word) > 1)
        or not any(c.isalpha() for c in word)
        or low[-1:] in "оеиуюэыё"
        and not low.endswith(("ое", "ее"))
    )


def russian_surname(word: str, gender: Gender) -> tuple[str, ...]:
    """The six cases of a surname (one word; the last part of a hyphenated one)."""
    if not _cyrillic(word):
        return (word,) * 6
    low = word.lower()
    if gender == "f":
        if _ending(word, "ова", "ева", "ёва", "ина", "ына"):
            s = word[:-1]
            return (word, s + "ой", s + "ой", s + "у", s + "ой", s + "ой")
        if _ending(word, "ая", "яя"):
            return _adjective(word, "f")
        if low[-1:] in ("а", "я") and not _indeclinable(word):
            return _a_declension(word)
        return (word,) * 6  # Сулеймен, Ковальчук, Черных: a woman's stay
    if _ending(word, "ов", "ев", "ёв", "ин", "ын"):
        return (word, word + "а", word + "у", word + "а", word + "ым", word + "е")
    if _ending(word, "ский", "цкий", "ской", "цкой", "ый", "ий", "ой"):
        return _adjective(word, "m")
    if _ending(word, "их", "ых") or _indeclinable(word):
        return (word,) * 6  # Черных, Шевченко, Руставели
    if low[-1:] in ("а", "я"):
        return _a_declension(word)
    return _consonant_declension(word)


def russian_given(word: str, gender: Gender) -> tuple[str, ...]:
    """The six cases of a given name."""
    if not _cyrillic(word):
        return (word,) * 6
    inflect = _analyzer()
    if inflect:
        found = inflect(word.lower(), "given")
        if found is not None:
            return tuple(_like(word, f) for f in found)
    low = word.lower()
    if _indeclinable(word):
        return (word,) * 6
    if low[-1:] in ("а", "я"):
        return _a_declension(word)
    if gender == "f":
        if low.endswith("ь"):  # Любовь, Асель: the name keeps its о (Любови, Любовью)
            s = word[:-1]
            return (word, s + "и", s + "и", word, s + "ью", s + "и")
        return (word,) * 6  # Айгерим, Гүлнар: a woman's name in a consonant stays
    return _consonant_declension(word, _FLEETING.get(low))


def russian_patronymic(word: str) -> tuple[str, ...]:
    """Иванович, Ивановна; Kazakh -ұлы/-қызы stay."""
    if _ending(word, "вна", "чна"):
        s = word[:-1]
        return (word, s + "ы", s + "е", s + "у", s + "ой", s + "е")
    if _ending(word, "ич"):
        return (word, word + "а", word + "у", word + "а", word + "ем", word + "е")
    return (word,) * 6


def _like(model: str, word: str) -> str:
    """`word` in the capitalization of `model`."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _noun_gender(word: str) -> str:
    low = word.lower()
    if low in _INDECLINABLE or low.endswith(("о", "е", "ё")):
        return "n"
    if low.endswith(("а", "я")) or low in ("церковь", "палата"):
        return "f"
    return "m"


def russian_noun(word: str) -> tuple[str, ...]:
    """A common noun, the head of an organization's name (inanimate: accusative as
    nominative): Министерство, Ассоциация, Фонд, Движение; «Бюро» does not decline."""
    if not _cyrillic(word):
        return (word,) * 6
    inflect = _analyzer()
    if inflect:
        found = inflect(word.lower(), "noun")
        if found is not None:
            return tuple(_like(word, f) for f in found)
    low = word.lower()
    if _indeclinable(word) and not low.endswith(("ие", "ье")) and not _ending(word, "ство"):
        return (word,) * 6
    if low.endswith(("ие", "ье")):
        s = word[:-1]
        return (word, s + "я", s + "ю", word, s + "ем", s + ("и" if low.endswith("ие") else "е"))
    if low.endswith("о") or low.endswith("е"):
        s = word[:-1]
        return (word, s + "а", s + "у", word, s + "ом", s + "е")
    if low.endswith(("а", "я")):
        c = _a_declension(word)
        return (c[0], c[1], c[2], c[3], c[4], c[5])
    if low.endswith("ь") and _noun_gender(word) == "f":
        s = word[:-1]
        return (word, s + "и", s + "и", word, s + "ью", s + "и")
    c = _consonant_declension(word)
    return (c[0], c[1], c[2], word, c[4], c[5])


def russian_organization(name: str) -> tuple[str, ...]:
    """The six cases of an organization's name: the adjectives before the head noun agree
    with it, the head declines (unless it is indeclinable), the rest stays
    («Казахстанское международное бюро по правам человека» ->
    «Казахстанского международного бюро по правам человека»)."""
    words = name.split(" ")
    head = next((i for i, w in enumerate(words) if w[:1].isalpha() and not _is_adjective(w)), None)
    if head is None or words[0][:1] in "«\"'":
        return (name,) * 6
    gender = _noun_gender(words[head])
    columns = [_adjective(w, gender, animate=False) for w in words[:head]]
    columns.append(russian_noun(words[head]))
    rest = words[head + 1 :]
    return tuple(" ".join([*(c[case] for c in columns), *rest]) for case in range(6))


# --- people -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Parts:
    """A person's name read into its parts; `order` is how the registry writes them."""

    given: str
    patronymic: str
    surname: str
    surname_first: bool
    middle: str = ""  # a second given name or a Korean name's middle word: Хуан Пабло, Ким Чен


_PATRONYMIC = re.compile(
    r"(ович|евич|ьич|овна|евна|ична|[ұу]лы|[қк]ызы|оглы|кызы|[uo]ly|[qk]yzy)$", re.IGNORECASE
)
_SURNAME = re.compile(r"(ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|цкий|ская|цкая)$")


def _looks_surname(word: str) -> bool:
    """Ends as a Russian surname does and is long enough not to be a given name (Лев)."""
    return len(word) > 4 and _SURNAME.search(word.lower()) is not None


def person_parts(name: str) -> Parts:
    """Given name, patronymic, surname: «Усен Сулеймен», «Ластаев Артур Иванович»,
    «Нұрсұлтан Әбішұлы Назарбаев»."""
    words = name.split()
    if len(words) == 1:
        return Parts("", "", words[0], False)
    if len(words) == 2:
        first, second = words
        if _looks_surname(first) and not _looks_surname(second):
            return Parts(second, "", first, True)
        return Parts(first, "", second, False)
    if len(words) == 3 and _PATRONYMIC.search(words[1]):
        return Parts(words[0], words[1], words[2], False)
    if len(words) == 3 and _PATRONYMIC.search(words[2]):
        return Parts(words[1], words[2], words[0], True)
    if len(words) >= 3 and words[-2].lower() in PARTICLES:  # Жан-Мари Ле Пен, Ван дер Ваальс
        at = len(words) - 2
        while at > 1 and words[at - 1].lower() in PARTICLES:
            at -= 1
        return Parts(words[0], "", " ".join(words[at:]), False, " ".join(words[1:at]))
    return Parts(words[0], "", words[-1], False, " ".join(words[1:-1]))


# Words that belong to the surname they stand before (Ле Пен, де Голль, ван Гог, фон Браун).
PARTICLES = set("ле ла де дю ди да дель делла ван фон дер ден аль эль бен ибн о мак".split())


def guess_gender(parts: Parts) -> Gender | None:
    """From the patronymic, then the surname's ending (Ахметов, Ахметова: the surest), then
    the given name; None if none says (a unisex name such as Бақыт with a surname in -ен)."""
    p = parts.patronymic.lower()
    if p:
        if p.endswith(("вна", "чна", "қызы", "кызы", "qyzy", "kyzy")):
            return "f"
        return "m"
    s = parts.surname.lower()
    if _ending(s, "ова", "ева", "ёва", "ина", "ына", "ская", "цкая"):
        return "f"
    if _ending(s, "ов", "ев", "ёв", "ин", "ын", "ский", "цкий"):
        return "m"
    g = _plain(parts.given)
    if not g or g in _PLAIN_UNISEX or not _cyrillic(parts.given):
        return None
    if g in _PLAIN_FEMALE:
        return "f"
    if g in _PLAIN_MALE_A or g.endswith(("уа", "оа")):  # Франсуа, Джошуа: men
        return "m"
    return "f" if g.endswith(("а", "я")) else "m"


def _hyphen(word: str, inflect: Callable[[str], tuple[str, ...]]) -> tuple[str, ...]:
    """Only the last part of a hyphenated name declines here (Қасым-Жомарт)."""
    head, sep, last = word.rpartition("-")
    return tuple(f"{head}{sep}{f}" for f in inflect(last))


def _last_word(name: str, inflect: Callable[[str], tuple[str, ...]]) -> tuple[str, ...]:
    """Only the last word of a surname with particles declines (Ле Пена, ван Гогом)."""
    head, sep, last = name.rpartition(" ")
    return tuple(f"{head}{sep}{f}" for f in _hyphen(last, inflect))


def _initial(word: str) -> str:
    return f"{word[:1].upper()}." if word else ""


@dataclass
class NameForms:
    """The forms of one name, by kind: 'full' (the name as registered, in every case),
    'surname' (the surname alone), 'given_patronymic', 'initials' («У. Сулеймен»,
    «Сулеймен У.»), 'latin' (romanizations of the nominative and of its initials)."""

    full: set[str]
    surname: set[str]
    given_patronymic: set[str]
    initials: set[str]
    latin: set[str]

    def all(self) -> set[str]:
        return self.full | self.surname | self.given_patronymic | self.initials | self.latin


def _initial_variants(initials: list[str], surname: str) -> set[str]:
    if not initials:
        return set()
    spaced, tight = " ".join(initials), "".join(initials)
    out = set()
    for lead in {spaced, tight}:
        out.add(f"{lead} {surname}")
        out.add(f"{surname} {lead}")
    return out


def _columns(
    parts: Parts, language: str, gender: Gender | None, declension: str | None
) -> list[dict[str, list[str]]]:
    """Per declension (one per gender when unknown): each part's forms, case by case."""
    if declension == "none" or language not in ("ru", "kk"):
        return [{"given": [parts.given], "patronymic": [parts.patronymic],
                 "surname": [parts.surname], "middle": [parts.middle]}]  # fmt: skip
    genders: list[Gender] = [gender] if gender else ["m", "f"]
    out = []
    for g in genders:
        given = _hyphen(parts.given, _given_of(g)) if parts.given else ("",) * 6
        patr = russian_patronymic(parts.patronymic) if parts.patronymic else ("",) * 6
        sur = _last_word(parts.surname, _surname_of(g))
        columns = [_hyphen(w, _given_of(g)) for w in parts.middle.split()]
        middle = [" ".join(c[case] for c in columns) for case in range(6)] if columns else [""]
        out.append(
            {"given": list(given), "patronymic": list(patr), "surname": list(sur),
             "middle": middle}
        )  # fmt: skip
    return out


def _given_of(g: Gender) -> Callable[[str], tuple[str, ...]]:
    return lambda w: russian_given(w, g)


def _surname_of(g: Gender) -> Callable[[str], tuple[str, ...]]:
    return lambda w: russian_surname(w, g)


def _join(*words: str) -> str:
    return " ".join(w for w in words if w)


def name_forms(
    name: str,
    language: str,
    *,
    gender: str | None = None,
    declension: str | None = None,
    kind: str = "person",
    latin: bool = True,
) -> NameForms:
    """The forms of a person's or organization's name in `language` ('ru', 'kk'; any other,
    English included, gets the name, its initials and its Latin renderings; `latin=False`:
    none of those, for a matcher that compares Cyrillic with Cyrillic)."""
    name = " ".join(name.split())
    nf = NameForms({name}, set(), set(), set(), set())
    if not name:
        return nf
    if latin:
        nf.latin.update(_latin(name))
    if kind != "person":
        _organization(nf, name, language, declension)
        return nf
    parts = person_parts(name)
    g = _GENDERS.get(gender or "") or guess_gender(parts)
    initials = [_initial(w) for w in (parts.given, parts.patronymic) if w]
    if language == "kk" and declension != "none":
        _kazakh_person(nf, name, parts, initials)
    else:
        for cols in _columns(parts, language, g, declension):
            n = len(cols["surname"])
            for c in range(n):
                gv = cols["given"][min(c, len(cols["given"]) - 1)]
                pt = cols["patronymic"][min(c, len(cols["patronymic"]) - 1)]
                sn = cols["surname"][c]
                mids = {parts.middle, cols["middle"][min(c, len(cols["middle"]) - 1)]}
                # foreign given names the press leaves as they are: «Франсуа Олландом»
                for g_form in {gv, parts.given}:
                    for mid in mids:
                        if parts.surname_first:
                            nf.full.add(_join(sn, g_form, mid, pt))
                        else:
                            nf.full.add(_join(g_form, mid, pt, sn))
                if parts.patronymic:  # «Лев Толстой», «Людмилы Гурченко»: no patronymic
                    nf.full.add(_join(gv, sn) if not parts.surname_first else _join(sn, gv))
                if parts.given:
                    nf.surname.add(sn)
                    nf.full.add(_join(sn, gv, pt) if not parts.surname_first else _join(gv, pt, sn))
                if parts.patronymic:
                    nf.given_patronymic.add(_join(gv, pt))
                nf.initials.update(_initial_variants(initials, sn))
    for latin_surname in _latin(parts.surname) if latin else ():
        latin_initials = [f"{r[:1].upper()}." for w in (parts.given, parts.patronymic) if w
                          for r in _latin(w)[:1]]  # fmt: skip
        nf.latin.update(_initial_variants(latin_initials, latin_surname))
    return nf


def _kazakh_person(nf: NameForms, name: str, parts: Parts, initials: list[str]) -> None:
    """Kazakh: only the last word of a phrase takes the ending."""
    words = name.split()
    for form in _kk_word_forms(words[-1]):
        nf.full.add(_join(*words[:-1], form))
    if len(words) > 1:
        surname_forms = _kk_word_forms(parts.surname)
        nf.surname.update(surname_forms)
        for sf in surname_forms:
            nf.initials.add(_join(*initials, sf))
            nf.initials.add(_join("".join(initials), sf))
            # «Сүлейменге У.»: the initials after the surname, which takes the ending
            nf.initials.add(_join(sf, *initials))
        if parts.patronymic:
            for form in _kk_word_forms(parts.patronymic):
                nf.given_patronymic.add(_join(parts.given, form))


def _organization(nf: NameForms, name: str, language: str, declension: str | None) -> None:
    if declension == "none":
        return
    if language == "ru":
        nf.full.update(russian_organization(name))
    elif language == "kk":
        words = name.split()
        for form in _kk_word_forms(words[-1], possessive=True):
            nf.full.add(_join(*words[:-1], form))


def _latin(text: str) -> list[str]:
    """Latin renderings of a Cyrillic name, words capitalized ('Suleimen', 'Suleymen');
    nothing for a name already in Latin."""
    words = text.split()
    if not words or not any("\u0400" <= c <= "\u04ff" for c in text):
        return []
    per_word = [latin_renderings(w) for w in words]
    out: list[str] = []
    for system in range(3):
        rendered = " ".join(
            (r[min(system, len(r) - 1)] if r else w).capitalize()
            for w, r in zip(words, per_word, strict=True)
        )
        if rendered not in out:
            out.append(rendered)
    return out


@lru_cache(maxsize=50_000)
def _cached_forms(
    name: str, language: str, gender: str | None, declension: str | None, kind: str
) -> frozenset[str]:
    return frozenset(
        name_forms(name, language, gender=gender, declension=declension, kind=kind).all()
    )


def forms(
    name: str,
    language: str,
    *,
    gender: str | None = None,
    declension: str | None = None,
    kind: str = "person",
) -> set[str]:
    """Every form of `name` in `language` ('ru', 'kk', 'en'): the full name in every case,
    the surname alone, given name with patronymic, initials with the surname, and the Latin
    renderings. `gender` ('m'/'f') overrides the guess; `declension='none'` keeps the name
    as written (foreign surnames in -о, -их/-ых); `kind='organization'` declines the head
    noun instead. Which of these may link alone is the caller's choice: `name_forms` gives
    them by kind."""
    return set(_cached_forms(name, language, gender, declension, kind))


def form_keys(
    name: str,
    language: str,
    *,
    gender: str | None = None,
    declension: str | None = None,
    kind: str = "person",
) -> set[str]:
    """The forms of `name` folded by `core.translit.fold`: one key for the Russian and the
    Kazakh spelling of a form («Сулейменнің», «Сүлейменнің») and its romanizations, for a
    matcher that compares folded text."""
    return {
        fold(f) for f in _cached_forms(" ".join(name.split()), language, gender, declension, kind)
    }
