"""The Data page (`data/`): every file the build publishes as data, with its size, what it
holds and how to use it.

The list comes from what the build writes, not from a list kept by hand: every file of
`OpenDataFiles` (tables, schema, data package, citations, feeds, robots.txt) and the sitemap
MkDocs writes, each with its size in bytes as written (the content's length for ours; the
file on disk for the sitemap, which MkDocs writes before any page). A file added to
`OpenDataFiles` later shows up here, under "Other files" until labels.py describes it, and
files every registry entry has (`people/<id>/feed.xml`, ...) are one row with their number
and total size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.numbers import format_decimal
from markupsafe import Markup

from ..core.archive import Archive
from ..core.crosslinks import CrossIndex
from ..core.i18n import N_, _, active, ngettext
from ..core.schema import PLURAL
from ..data import feeds, opendata
from ..data.files import OpenDataFiles
from .labels import (
    CAPTURES_WHAT,
    COLUMN_KINDS,
    DOWNLOAD_SECTIONS,
    DOWNLOADS,
    ENTRY_DOWNLOADS,
    TABLE_TITLES,
    TABLE_WHAT,
)
from .plan import Generated, Plan
from .render import Renderer

PAGE = "data/index.md"
# Files MkDocs writes itself, measured on disk once written.
WRITTEN_BY_MKDOCS = ("sitemap.xml", "sitemap.xml.gz")
_ENTRY_FILE = re.compile(rf"^(?:{'|'.join(PLURAL.values())})/[^/]+/([^/]+)$")


@dataclass(frozen=True)
class Download:
    path: str  # site-relative
    size: int
    what: str


@dataclass(frozen=True)
class EntryFiles:
    """The files of one name that registry entries have: `people/<id>/feed.xml`, ..."""

    name: str
    count: int
    size: int  # all of them together
    largest: int
    what: str
    example: str  # one of them
    pattern: str = ""  # how their paths go, when they are not entries' files


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    doc: str
    required: bool


@dataclass(frozen=True)
class Table:
    name: str  # articles, entities, quotes
    title: str
    what: str
    records: int
    files: list[Download]  # CSV, JSON
    columns: list[Column]


@dataclass
class Section:
    key: str
    title: str
    files: list[Download] = field(default_factory=list)
    entry_files: list[EntryFiles] = field(default_factory=list)


def size_of(content: bytes | str) -> int:
    """Bytes written for `content`: MkDocs writes a generated file's text as UTF-8."""
    return len(content.encode("utf-8") if isinstance(content, str) else content)


UNITS = (N_("{size} KB"), N_("{size} MB"), N_("{size} GB"))


def human_size(n: int) -> str:
    """`812 bytes`, `4.2 KB`, `12 MB` (powers of 1,024, as file managers show them)."""
    if n < 1024:
        return ngettext("{n} byte", "{n} bytes", n)
    value, unit = n / 1024, UNITS[0]
    for bigger in UNITS[1:]:
        if value < 1024:
            break
        value, unit = value / 1024, bigger
    pattern = "#,##0.0" if value < 100 else "#,##0"  # 4.2 KB, 3.0 MB, 118 MB
    shown = format_decimal(value, format=pattern, locale=active().locale)
    return _(unit, size=shown)


class DataPage:
    def __init__(
        self,
        renderer: Renderer,
        archive: Archive,
        index: CrossIndex,
        open_data: OpenDataFiles | None,
        site_url: str | None,
        site_dir: str | None,
        captures: dict[str, Path] | None = None,
    ) -> None:
        self.renderer, self.archive, self.index = renderer, archive, index
        self.open_data, self.site_url, self.site_dir = open_data, site_url, site_dir
        self.captures = captures or {}

    def plan(self, plan: Plan) -> None:
        shown = [
            k for k in DOWNLOAD_SECTIONS if k != "other" and (k != "captures" or self.captures)
        ]
        toc = tuple((key, _(DOWNLOAD_SECTIONS[key])) for key in shown)
        plan.pages.append(
            Generated(
                PAGE,
                _("Data"),
                _(
                    "The archive as data: articles, people, organizations and quotes as JSON "
                    "and CSV, their schema, citations and feeds, with sizes and how to use them."
                ),
                self.html,
                toc=(*toc, ("use", _("How to use it"))) if self.open_data else (),
            )
        )

    def written(self) -> dict[str, int]:
        """Every file this page lists -> its size in bytes, as the build writes it."""
        out = {}
        if self.open_data is not None:
            out = {path: size_of(content) for path, content in self.open_data.files.items()}
        if self.site_dir:
            for name in WRITTEN_BY_MKDOCS:
                path = Path(self.site_dir) / name
                if path.is_file():
                    out[name] = path.stat().st_size
        return out

    def layout(self) -> tuple[list[Table], list[Section]]:
        """The tables, and the other files by section, in the order the page shows them."""
        sizes = self.written()
        n_articles = len(self.archive.articles)
        counts = {
            "articles": n_articles,
            "entities": sum(len(kind) for kind in self.archive.registry.entities.values()),
            "quotes": sum(len(a.quotes) for a in self.archive.articles),
        }
        tables = []
        for name in opendata.FILES:
            files = [
                Download(p, sizes.pop(p), "")
                for p in (f"data/{name}.csv", f"data/{name}.json")
                if p in sizes
            ]
            if not files:
                continue
            columns = [
                Column(c.name, _(COLUMN_KINDS.get(c.kind, c.kind)), c.doc, c.required)
                for c in opendata.COLUMNS[name]
            ]
            tables.append(
                Table(
                    name, _(TABLE_TITLES[name]), _(TABLE_WHAT[name]), counts[name], files, columns
                )
            )
        sections = {key: Section(key, _(title)) for key, title in DOWNLOAD_SECTIONS.items()}
        n_of = {"feed.xml": min(feeds.LIMIT, n_articles)}
        per_entry: dict[str, list[tuple[str, int]]] = {}
        for path, size in sorted(sizes.items()):
            m = _ENTRY_FILE.match(path)
            if m:
                per_entry.setdefault(m.group(1), []).append((path, size))
                continue
            key, what = DOWNLOADS.get(path, ("other", ""))
            sections[key].files.append(
                Download(path, size, _(what, n=n_of.get(path, n_articles)) if what else "")
            )
        for name, entry_files in sorted(per_entry.items()):
            what = (
                _(ENTRY_DOWNLOADS[name])
                if name in ENTRY_DOWNLOADS
                else _("A file {name} of each registry entry that has one.", name=name)
            )
            entry_sizes = [n for _, n in entry_files]
            group = "feeds" if name == feeds.FEED else "entries"
            sections[group if name in ENTRY_DOWNLOADS else "other"].entry_files.append(
                EntryFiles(
                    name,
                    len(entry_files),
                    sum(entry_sizes),
                    max(entry_sizes),
                    what.format(n=feeds.ENTRY_LIMIT),
                    self._example(name, entry_files),
                )
            )
        if self.captures:
            sizes_of = {path: file.stat().st_size for path, file in self.captures.items()}
            sections["captures"].entry_files.append(
                EntryFiles(
                    "",
                    len(sizes_of),
                    sum(sizes_of.values()),
                    max(sizes_of.values()),
                    _(CAPTURES_WHAT),
                    min(sizes_of),
                    pattern="captures/<outlet>/<yyyy>/<article-id>.<html|txt>.txt",
                )
            )
        order = {path: i for i, path in enumerate(DOWNLOADS)}  # as labels.py describes them
        for section in sections.values():
            section.files.sort(key=lambda d: (order.get(d.path, len(order)), d.path))
        return tables, [s for s in sections.values() if s.files or s.entry_files]

    def _example(self, name: str, files: list[tuple[str, int]]) -> str:
        """The file of that name of the most mentioned person (or any entry), as an example."""
        paths = {p for p, _ in files}
        for kind in ("person", "organization", "topic", "outlet"):
            for s in self.index.top(kind, "articles", 1):
                path = f"{s.entity.url}{name}"
                if path in paths:
                    return path
        return files[0][0]

    def html(self, here: str) -> str:
        tables, sections = self.layout()
        quoted = self.index.top("person", "quotes", 1)
        base_url = self.site_url.rstrip("/") + "/" if self.site_url else None
        return self.renderer.render(
            "data",
            here=here,
            open_data=self.open_data is not None,
            tables=tables,
            sections=sections,
            human_size=human_size,
            base_url=base_url,
            example_speaker=quoted[0].entity.id if quoted else None,
            articles=len(self.archive.articles),
            size=lambda n: Markup(f'<data value="{n}">{human_size(n)}</data>'),
        )
