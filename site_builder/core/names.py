"""How names compare: the key that makes 'Lastayev', 'LASTAYEV' and 'Lastáyev' one name.

Case, accents and Unicode form do not count; Cyrillic and Latin stay distinct unless a
registry alias joins them. Invisible characters and no-break spaces are dropped; the check
reports them (`lookalikes`), since they are how two look-alike names end up as two people.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Zero-width and formatting characters that render as nothing.
INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e"),
    None,
)
_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")


def clean(text: str) -> str:
    """NFC, invisible characters dropped, every run of spaces one plain space."""
    text = unicodedata.normalize("NFC", text).translate(INVISIBLE)
    return " ".join(text.split())


@lru_cache(maxsize=100_000)  # references repeat: the same few names in thousands of articles
def key(text: str) -> str:
    """The comparison key of a name: cleaned, case-folded, without accents."""
    decomposed = unicodedata.normalize("NFD", clean(text).casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Words of `text` with their spans, for whole-word name matching."""
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def token_key(text: str) -> tuple[str, ...]:
    return tuple(key(t) for t, _, _ in tokens(text))


# Quotation marks and dashes that vary between a capture, a curator's copy and a keyboard.
# A regular expression finds them (fast, in C); str.translate with a table is per character.
QUOTE_CHARS = "“”„‟«»‘’‚‛‹›`´\"'"
DASH_CHARS = "‐‑‒–—―−"
# An apostrophe between two letters is part of the word ("We're", «l’Europe», "Qazaqstan'"
# in some Kazakh Latin spellings): it is kept, as one form, so that "We're not leaving" is not
# "Were not leaving". Elsewhere the same characters are quotation marks and count for nothing.
APOSTROPHES = "'’ʼ"
APOSTROPHE = "'"
_QUOTE_TABLE = {
    **dict.fromkeys(QUOTE_CHARS, ""),
    **dict.fromkeys(DASH_CHARS, "-"),
    "…": "...",
    "ʼ": "",
    **{chr(c): "" for c in INVISIBLE},
}
_QUOTE_RE = re.compile("[" + re.escape("".join(_QUOTE_TABLE)) + "]")


def is_apostrophe(text: str, start: int, end: int) -> bool:
    """True if text[start:end] is an apostrophe between two letters."""
    return 0 < start and end < len(text) and text[start - 1].isalpha() and text[end].isalpha()


def _quote_replacement(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in APOSTROPHES and is_apostrophe(m.string, m.start(), m.end()):
        return APOSTROPHE
    return _QUOTE_TABLE[ch]


def quote_text_key(text: str) -> str:
    """Text compared for quote fidelity: whitespace, quotation marks and dashes normalized;
    an apostrophe inside a word kept, in one form."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = _QUOTE_RE.sub(_quote_replacement, text)
    return " ".join(text.split())  # str.split() knows every Unicode space, and is fast
