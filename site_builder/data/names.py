"""`search/names.json`: every registry entry and its spellings, for "Did you mean ...?".

The search page fetches it on the first keystroke (site/assets/search/names.js) and looks the
query up in it before Pagefind answers: which entries a query names, in any script or
romanization, and, when it names none exactly, the entry it is one or two letters away from.
It holds what the lookup needs and no more, one array per entry, so that it stays a small
part of the first query's budget (300 KB gzipped):

    {"fold": {"letters": {"ж": "zh", ...}, "rules": [["kh", "h"], ...]},
     "stopwords": ["for", ...],
     "kinds": ["person", "organization", "outlet", "topic"],
     "entries": [[name, url, kind, articles, [spelling, ...]], ...]}

`url` is the entry page's path from the site root, `kind` a position in `kinds`, `articles`
the number of articles it appears in, and the spellings its aliases and abbreviation (the name
is the first spelling; its id, a slug of the name, adds nothing). The browser folds the
spellings and the query with `fold` (the rules of `core.translit`, written here so that the
two sides cannot drift apart). Entries are in the order of most articles first.
"""

from __future__ import annotations

import json

from ..core.archive import Archive
from ..core.crosslinks import CrossIndex
from ..core.schema import KINDS
from ..core.translit import FOLD_LETTERS, FOLD_RULES, NAMES_FILE, STOPWORDS

PATH = NAMES_FILE


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
        if spellings:
            row.append(spellings)
        rows.append(row)
    rows.sort(key=lambda r: (-int(str(r[3])), str(r[0]).casefold(), str(r[1])))
    data = {
        "fold": {"letters": FOLD_LETTERS, "rules": [list(r) for r in FOLD_RULES]},
        "stopwords": sorted(STOPWORDS),
        "kinds": list(KINDS),
        "entries": rows,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
