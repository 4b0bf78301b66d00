"""Ids (file stems, hence URLs) from names in Kazakh, Russian or Latin script.

Unidecode drops Kazakh letters it does not know (`Әлихан` -> `likhan`), so Cyrillic goes
through our own table: Russian per ICAO Doc 9303 (the table in Russian passports), plus the
nine Kazakh letters. Latin letters lose their accents.
"""

from __future__ import annotations

import re
import unicodedata

RUSSIAN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia",
}  # fmt: skip
KAZAKH = {
    "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
}  # fmt: skip
# Latin letters that Unicode does not decompose into a base letter and an accent: without
# these, 'Łukasz' and 'Ærø' would lose letters exactly as Unidecode loses 'Ә'.
LATIN = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
}  # fmt: skip
TABLE = {**RUSSIAN, **KAZAKH, **LATIN}

# Names Windows refuses as file names, whatever the extension.
RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10)}
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_LENGTH = 80


class SlugError(ValueError):
    pass


def transliterate(text: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        low = ch.lower()
        if low in TABLE:
            out.append(TABLE[low])
        else:
            decomposed = unicodedata.normalize("NFKD", ch)
            out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out)


def slugify(text: str, max_length: int = MAX_LENGTH) -> str:
    """`Әлихан Бөкейхан` -> `alikhan-bokeikhan`; raises SlugError when nothing is left."""
    ascii_text = transliterate(text).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    if not slug:
        raise SlugError(
            f"no id can be made from {text!r}: nothing is left after transliteration; "
            "give one with --id (lowercase letters, digits and hyphens)"
        )
    return check_id(slug)


def check_id(value: str) -> str:
    """Refuse an id that is not a safe file stem and URL segment; return it unchanged."""
    if not ID.match(value):
        raise SlugError(
            f"{value!r} is not a valid id: use lowercase letters a-z, digits and single "
            "hyphens (no '/', '\\', '..', spaces or other characters)"
        )
    if value in RESERVED:
        raise SlugError(f"{value!r} is a reserved file name on Windows; choose another id")
    if len(value) > MAX_LENGTH:
        raise SlugError(f"{value!r} is longer than {MAX_LENGTH} characters; choose a shorter id")
    return value
