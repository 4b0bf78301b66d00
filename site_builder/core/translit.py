"""Every way a registered name is written: Cyrillic and Latin, and the romanizations between.

A reader types 'Kozhor' for an organization the Russian press writes 'Кожор', 'Gisheburian'
(the site's own transliteration, in the URL of a Russian article) for 'Gisheburyan', or
'Suleymen' for 'Suleimen'. Two things here serve search:

- `fold`: one key per word, equal for the usual romanizations of one Cyrillic name and for
  the name in Cyrillic: 'Кожор', 'Kozhor' and 'Kojor' all fold to 'kojor'; 'Гишебурян',
  'Gisheburyan' and 'Gisheburian' to 'gisheburian'. The rules are data (`FOLD_LETTERS`,
  `FOLD_RULES`) that the build writes into search/names.json, so the browser folds a query
  with exactly the rules that folded the names (site/assets/search/names.js).
- `spellings`: the words Pagefind indexes for an entry, which does not fold queries: each
  registered spelling, its Cyrillic words romanized three common ways (passport, press and
  Kazakh-style Latin), and, for an entry with no Cyrillic spelling, its words in Cyrillic.

No library does this: `transliterate` (GPL) and `cyrtranslit` (MIT) know Russian but not
Kazakh letters and give one romanization each; Unidecode (GPL) turns 'Әлихан' into '@likhan'.
Russian letters follow the tables in `slugs` (ICAO Doc 9303, as ids are made).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .slugs import TABLE

# Where the build writes the registry's names for search (data/names.py), from the site root.
NAMES_FILE = "search/names.json"

# Cyrillic (Russian, Kazakh, a few Ukrainian and Belarusian letters) and the Latin letters
# Unicode does not decompose, to Latin; the passport table of `slugs`, but the hard sign.
FOLD_LETTERS: dict[str, str] = {
    **TABLE,
    "ъ": "",
    "є": "ie", "ї": "i", "ґ": "g", "ў": "u",
}  # fmt: skip
# Then, in this order, each word's romanization differences are set aside: kh/h, zh/j,
# ts/tz/c, y/i, ye/e (Yerlan, Ерлан), ayev/aev, off/ov, q/k (Kazakh Latin), and doubled
# letters (Zhanna, Жанна: 'jana'; Iuliia, Yulia: 'iulia'). Plain regular expressions
# that JavaScript reads the same way.
FOLD_RULES: tuple[tuple[str, str], ...] = (
    ("shch", "sh"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("ts", "c"),
    ("tz", "c"),
    ("x", "ks"),
    ("q", "k"),
    ("w", "v"),
    ("y", "i"),
    ("ie", "e"),
    ("ff$", "v"),
)
_FOLD_RULES = tuple((re.compile(p), r) for p, r in FOLD_RULES)
_NOT_WORD = re.compile(r"[\W_]+")
_REPEATS = re.compile(r"(.)\1+")
# Words that say nothing about which entry is meant ('Bureau for Human Rights'): a query of
# these alone matches no entry. Lowercase, folded.
STOPWORDS = frozenset(
    "a an and at by de for in of on the to und van von al el bin ibn "
    "i v na po pri dlia ob ot s so k".split()
)


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))


def fold_word(word: str) -> str:
    """The fold of one lowercase word without marks (see `fold`)."""
    for pattern, replacement in _FOLD_RULES:
        word = pattern.sub(replacement, word)
    return _REPEATS.sub(r"\1", word)


@lru_cache(maxsize=50_000)
def fold(text: str) -> str:
    """Lowercase, Cyrillic to Latin, accents and punctuation dropped, romanization
    differences set aside; words separated by one space. Equal folds are one name as far as
    a reader's query is concerned, never as far as the registry is (`names.key`)."""
    text = "".join(FOLD_LETTERS.get(c, c) for c in unicodedata.normalize("NFC", text.lower()))
    words = _NOT_WORD.sub(" ", _strip_marks(text)).split()
    return " ".join(fold_word(w) for w in words)


# --- spellings for the search index -------------------------------------------------------

_VOWELS = set("аеёиоуыэюяәөұүі")
_SOFT = set("ьъ")
# Per letter: (passport, press, Kazakh-style Latin). The press writes я/ю/й as ya/yu/y and
# е as ye at the start of a word or after a vowel; Kazakh Latin writes х h, ж j, қ q.
_SYSTEMS: dict[str, tuple[str, str, str]] = {
    **{c: (v, v, v) for c, v in TABLE.items() if len(c) == 1},
    "я": ("ia", "ya", "ya"),
    "ю": ("iu", "yu", "yu"),
    "й": ("i", "y", "i"),
    "ё": ("e", "yo", "yo"),
    "х": ("kh", "kh", "h"),
    "ж": ("zh", "zh", "j"),
    "ъ": ("", "", ""),
    "ы": ("y", "y", "y"),
    "ғ": ("g", "gh", "g"),
    "қ": ("q", "k", "q"),
}


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff" or "\u0500" <= ch <= "\u052f"


def latin_renderings(word: str) -> list[str]:
    """A Cyrillic word romanized the three usual ways, lowercase, each once:
    'Сулеймен' -> ['suleimen', 'suleymen']; letters that are not Cyrillic stay."""
    low = unicodedata.normalize("NFC", word.lower())
    out: list[str] = []
    for system in range(3):
        chars = []
        for i, ch in enumerate(low):
            if ch == "е" and system == 1 and (i == 0 or low[i - 1] in _VOWELS | _SOFT):
                chars.append("ye")
            elif ch in _SYSTEMS:
                chars.append(_SYSTEMS[ch][system])
            else:
                chars.append(FOLD_LETTERS.get(ch, ch))
        rendered = "".join(chars)
        if rendered and rendered not in out:
            out.append(rendered)
    return out


# Latin to Russian Cyrillic, longest first: a best guess at how the Russian press would write
# a name known only in Latin, so that a query in Cyrillic finds it.
_TO_CYRILLIC = sorted(
    {
        "shch": "щ", "sch": "щ", "zh": "ж", "kh": "х", "ts": "ц", "tz": "ц", "ch": "ч",
        "sh": "ш", "yu": "ю", "iu": "ю", "ya": "я", "yo": "ё", "ye": "е", "a": "а", "b": "б",
        "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и", "j": "ж",
        "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ", "r": "р",
        "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "кс", "y": "ы", "z": "з",
    }.items(),
    key=lambda kv: -len(kv[0]),
)  # fmt: skip
_LATIN_VOWELS = set("aeiouy")


def cyrillic_rendering(word: str) -> str:
    """A Latin word in Russian Cyrillic, lowercase: 'Suleimen' -> 'сулеймен', 'Yerlan' ->
    'ерлан', 'Gisheburyan' -> 'гишебурян'. '' if the word has letters outside a-z."""
    low = _strip_marks(word.lower())
    if not low.isascii() or not low.isalpha():
        return ""
    out: list[str] = []
    i = 0
    while i < len(low):
        ch = low[i]
        prev_vowel = i > 0 and low[i - 1] in _LATIN_VOWELS
        nxt = low[i + 1 : i + 2]
        # i or y after a vowel and before a consonant or the end is й: Sergey, Suleimen
        if ch in "iy" and prev_vowel and (not nxt or nxt not in _LATIN_VOWELS):
            out.append("й")
            i += 1
            continue
        for latin, cyrillic in _TO_CYRILLIC:
            if low.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
    text = "".join(out)
    return text[:-2] + "ий" if text.endswith("иы") else text


def _words(text: str) -> list[str]:
    return _NOT_WORD.sub(" ", unicodedata.normalize("NFC", text)).split()


@lru_cache(maxsize=20_000)  # an entry's spellings, once for all the articles naming it
def spellings(names: tuple[str, ...], limit: int = 60) -> tuple[str, ...]:
    """The words Pagefind should find an entry by: the words of each of its `names` (name,
    aliases, abbreviation), the Latin renderings of its capitalized Cyrillic words, and, if
    none of its names is in Cyrillic, its capitalized words in Cyrillic and their Latin
    renderings (which catch 'Suleymen' for 'Suleimen'). Lowercase, each once, at most
    `limit` words.

    A rendering that does not fold like the word it renders is left out: the round trip
    through Cyrillic of an English word ('Rights') makes nothing a reader would type.
    """
    written = list(dict.fromkeys(w for name in names for w in _words(name)))
    has_cyrillic = any(_is_cyrillic(c) for w in written for c in w)
    out = dict.fromkeys(w.lower() for w in written)
    for w in written:
        if not w[:1].isupper():
            continue  # 'по правам человека': words of a name, but not what a reader romanizes
        if any(_is_cyrillic(c) for c in w):
            variants = latin_renderings(w)
        elif not has_cyrillic and len(w) > 2:
            cyr = cyrillic_rendering(w)
            variants = [cyr, *latin_renderings(cyr)] if cyr else []
        else:
            continue
        key = fold(w)
        for v in variants:
            if fold(v) == key:
                out.setdefault(v)
    return tuple(out)[:limit]
