"""Each registry entry's own files: its articles and quotes as data, and what its page's filters
read.

Beside every entry's page (`people/<id>/`, `organizations/<id>/`, ...):

- `articles.csv`, `articles.json`: the rows of `data/articles.csv` and `.json` in which the entry
  appears in any role (as speaker, author, person, organization, topic or outlet), byte for byte
  as the archive-wide files write them and in their order (by article id);
- `quotes.csv`, `quotes.json` (people who are quoted): the rows of `data/quotes.*` whose speaker
  is the entry, likewise;
- `browse.json`: the entry's articles, newest first, reduced to what its page shows of each and
  what its filters ask (role, outlet, year or month, and which of the entries it most often
  appears with the article lists too), for `entity.js`. The downloads could serve instead, but
  the most-mentioned person of a 10,000-article archive is in thousands of articles: their
  records weigh megabytes, these rows a tenth of it.

`browse.json` is an object:

    {"articles": [[url, title, date, language, outlet id, roles, [with, ...]], ...],
     "outlets": {outlet id: name}, "with": [[entry url path, name], ...]}

`url` is the article page's path from the site root (`articles/2025/x/`); `date` as written
(`2025`, `2025-06` or `2025-06-12`, or "" when undated); `roles` the sum of `ROLE_BITS` of the
roles the entry has in the article; `with` the positions in "with" (the entries the page lists
under "Appears with", e.g. `people/x`) of those the article lists too, left out when none.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..core.archive import Archive
from ..core.crosslinks import ROLES, CrossIndex
from ..core.made import Made
from ..core.model import Entity
from ..core.schema import PLURAL
from . import opendata

BROWSE = "browse.json"
ROLE_BITS = {role: 1 << n for n, role in enumerate(ROLES)}
FORMATS = (("csv", "CSV"), ("json", "JSON"))


@dataclass(frozen=True)
class Download:
    what: str  # "articles" or "quotes"
    format: str  # "CSV" or "JSON"
    path: str  # relative to the site root
    size: int  # bytes
    rows: int


def folder(entity: Entity) -> str:
    """Where the entry's page and files are, relative to the site root (`people/x`)."""
    return f"{PLURAL[entity.kind]}/{entity.id}"


class EntryFiles:
    """The files of every entry that appears in an article, made once per build."""

    def __init__(
        self,
        archive: Archive,
        index: CrossIndex,
        site_url: str | None,
        downloads: bool = True,
        made: Made | None = None,
    ) -> None:
        """``downloads``: write each entry's articles and quotes as CSV and JSON (at 10,000
        articles about 200 MB in all); browse.json, which its page's filters read, is always
        written."""
        self.archive, self.index, self.site_url = archive, index, site_url
        self.with_downloads = downloads
        self.made = made
        self._downloads: dict[int, list[Download]] = {}
        self._browse: dict[int, str] = {}
        # An article is in the browse.json of every entry it lists: its date is written once.
        self._dates = {id(a): a.date.iso() if a.date else "" for a in archive.articles}

    @cached_property
    def lines(self) -> opendata.Lines:
        """Every article's and quote's record, serialized once for data/ and the entries."""
        return opendata.Lines(self.archive, self.site_url, self.made)

    @cached_property
    def files(self) -> dict[str, bytes]:
        """Site-relative path -> content."""
        out: dict[str, bytes] = {}
        lines = self.lines
        by_entry: dict[int, list[opendata.Line]] = defaultdict(list)
        quotes_of: dict[str, list[opendata.Line]] = defaultdict(list)
        for article, line in lines.articles:
            for entity in article.entities():
                by_entry[id(entity)].append(line)
        for speaker, line in lines.quotes:
            if speaker is not None:
                quotes_of[speaker].append(line)
        for entity in self.archive.registry:
            arts = by_entry.get(id(entity))
            if not arts:
                continue
            key = None
            if self.made is not None:
                key = self.made.key("entry files", entity.src_uri, self.index.of(entity).articles)
                kept = self.made.get(key)
                if kept is not None:
                    files, self._downloads[id(entity)], self._browse[id(entity)] = kept
                    out.update(files)
                    continue
            mine: dict[str, bytes] = {}
            base = folder(entity)
            tables = {"articles": arts}
            if entity.kind == "person" and entity.id in quotes_of:
                tables["quotes"] = quotes_of[entity.id]
            downloads = []
            for what, rows in tables.items() if self.with_downloads else ():
                json_file, csv_file = lines.files(what, rows)
                contents = {"csv": csv_file, "json": json_file}
                for ext, label in FORMATS:
                    path = f"{base}/{what}.{ext}"
                    mine[path] = contents[ext]
                    downloads.append(Download(what, label, path, len(contents[ext]), len(rows)))
            self._downloads[id(entity)] = downloads
            path = f"{base}/{BROWSE}"
            mine[path] = self._browse_file(entity)
            self._browse[id(entity)] = path
            out.update(mine)
            if self.made is not None and key is not None:
                self.made.put(key, (mine, downloads, path))
        return out

    def downloads(self, entity: Entity) -> list[Download]:
        """The entry's downloads: articles (and quotes) as CSV and JSON; none without articles."""
        _ = self.files
        return self._downloads.get(id(entity), [])

    def browse_path(self, entity: Entity) -> str | None:
        """Where the entry's `browse.json` is (relative to the site root), if it has one."""
        _ = self.files
        return self._browse.get(id(entity))

    def _browse_file(self, entity: Entity) -> bytes:
        index = self.index
        stats = index.of(entity)
        roles: dict[int, int] = defaultdict(int)
        for role, arts in stats.roles.items():
            for a in arts:
                roles[id(a)] |= ROLE_BITS[role]
        together: dict[int, list[int]] = defaultdict(list)
        for n, (other, _) in enumerate(stats.together):
            for a in index.shared(entity, other):
                together[id(a)].append(n)
        outlets: dict[str, str] = {}
        rows: list[list[Any]] = []
        for a in stats.articles:
            outlet = a.outlet
            if outlet is not None:
                outlets[outlet.id] = outlet.name
            row: list[Any] = [
                a.url,
                a.title,
                self._dates[id(a)],
                a.language or "",
                outlet.id if outlet else "",
                roles[id(a)],
            ]
            if id(a) in together:
                row.append(together[id(a)])
            rows.append(row)
        data = {
            "articles": rows,
            "outlets": outlets,
            "with": [[folder(other), other.name] for other, _ in stats.together],
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        return (text + "\n").encode("utf-8")
