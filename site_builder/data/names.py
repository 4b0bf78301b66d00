"""`search/names.json`: every registry entry and its spellings, for "Did you mean ...?".

The search page fetches it on the first keystroke (site/assets/search/names.js) and looks the
query up in it before Pagefind answers: which entries a query names, in any script or
romanization, and, when it names none exactly, the entry it is one or two letters away from.
It holds what the lookup needs and no more, one array per entry, so that it stays a small
part of the first query's budget (300 KB gzipped):

    {"fold": {"letters": {"ж": "zh", ...}, "rules": [["kh", "h"], ...]},
     "stopwords": ["for", ...],
     "kinds": ["person", "organization", "outlet", "topic"],
     "entries": [[name, url, kind, articles, [spelling, ...], "forms"], ...]}

`url` is the entry page's path from the site root, `kind` a position in `kinds`, `articles`
the number of articles it appears in, and the spellings its aliases and abbreviation (the name
is the first spelling; its id, a slug of the name, adds nothing). The browser folds the
spellings and the query with `fold` (the rules of `core.translit`, written here so that the
two sides cannot drift apart). Entries are in the order of most articles first.

`forms` (a person's or organization's entry with a name in Cyrillic) are the words its names
take in Russian and Kazakh grammatical cases (text/forms.py, the forms that link its name in
articles), packed (`packed_forms`): «Сулейменнің» or «Ластаеву» typed in the box finds the
entry, as its name does. The spellings are then `[]` if it has none.
"""

from __future__ import annotations

import json
import os
import re

from ..core.archive import Archive
from ..core.crosslinks import CrossIndex
from ..core.model import Entity
from ..core.schema import KINDS
from ..core.translit import FOLD_LETTERS, FOLD_RULES, NAMES_FILE, STOPWORDS
from ..text.mentions import INFLECTED_KINDS, inflected, short_forms

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"\w+")

PATH = NAMES_FILE


def word_forms(entity: Entity) -> list[str]:
    """The words a person's or organization's Cyrillic names take in Russian and Kazakh
    cases (the forms that link it in articles, `text.mentions`: its full names and a
    person's short mentions), that its names do not have already, each once, in a stable
    order."""
    if entity.kind not in INFLECTED_KINDS:
        return []
    gender, declension = entity.gender, entity.declension
    known = {w.casefold() for n in entity.names for w in _WORD.findall(n)}
    out: dict[str, None] = {}
    for name in entity.names:
        if not _CYRILLIC.search(name):
            continue
        forms = inflected(name, entity.kind, gender, declension)
        if entity.kind == "person":
            forms = forms | short_forms(name, gender, declension)
        for form in sorted(forms):
            for w in _WORD.findall(form):
                if len(w) >= 3 and w.casefold() not in known:
                    out.setdefault(w, None)
    return list(out)


def packed_forms(entity: Entity) -> str:
    """`word_forms`, written as each form's difference from the word of the name it shares
    most letters with: "Сулеймен:а,у,ом,нің;Усен:а,у" (Сулеймена, Сулеймену, ...), a form
    that drops letters of the word first as that many "-" ("Ластаева:-ой" is Ластаевой).
    A third of the plain list's size gzipped; names.js unpacks it."""
    words = list(
        dict.fromkeys(w for n in entity.names for w in _WORD.findall(n) if _CYRILLIC.search(w))
    )
    groups: dict[str, list[str]] = {}
    for form in word_forms(entity):
        best, shared = "", 0
        for w in words:
            k = len(os.path.commonprefix([w, form]))
            if k > shared:
                best, shared = w, k
        if shared < 2:  # nothing in common with the names: written whole
            best, shared = "", 0
        groups.setdefault(best, []).append("-" * (len(best) - shared) + form[shared:])
    return ";".join(f"{w}:{','.join(tails)}" for w, tails in groups.items())


def names_index(archive: Archive, index: CrossIndex) -> str:
    """The content of `search/names.json`."""
    rows = []
    for entity in archive.registry:
        extra = [*entity.aliases]
        if entity.abbreviation:
            extra.append(entity.abbreviation)
        spellings = [s for s in dict.fromkeys(extra) if s != entity.name]
        count = len(index.of(entity).articles)
        row: list[object] = [entity.name, entity.url, KINDS.index(entity.kind), count]
        forms = packed_forms(entity)
        if spellings or forms:
            row.append(spellings)
        if forms:
            row.append(forms)
        rows.append(row)
    rows.sort(key=lambda r: (-int(str(r[3])), str(r[0]).casefold(), str(r[1])))
    data = {
        "fold": {"letters": FOLD_LETTERS, "rules": [list(r) for r in FOLD_RULES]},
        "stopwords": sorted(STOPWORDS),
        "kinds": list(KINDS),
        "entries": rows,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
