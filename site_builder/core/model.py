"""The archive's model: articles and registry entries as loaded from `content/`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .dates import PartialDate
from .schema import ARTICLE, PLURAL, REF_FIELDS, Quote, Ref


@dataclass(frozen=True)
class Block:
    """A block of a Markdown body: a paragraph, heading, list or quote, with its file line."""

    text: str
    line: int
    is_heading: bool


_BLANK = re.compile(r"\n[ \t]*\n")


def blocks(body: str, body_line: int) -> list[Block]:
    """Split a Markdown body into blocks separated by blank lines, each with its line."""
    out: list[Block] = []
    pos = 0
    line, counted = body_line, 0  # lines counted up to offset `counted`, not from 0 each time
    for m in [*_BLANK.finditer(body), None]:
        end = m.start() if m else len(body)
        chunk = body[pos:end]
        stripped = chunk.strip("\n")
        if stripped.strip():
            start = pos + len(chunk) - len(chunk.lstrip("\n"))
            line += body.count("\n", counted, start)
            counted = start
            out.append(Block(stripped, line, stripped.lstrip().startswith("#")))
        if m:
            pos = m.end() - 1
    return out


@dataclass(eq=False)  # identity: entities are used as keys of the cross-link index
class Entity:
    kind: str  # person, organization, outlet, topic
    id: str
    path: str  # display path, e.g. content/people/usen-suleimen.md
    name: str
    aliases: list[str]
    data: dict[str, Any]
    body: str
    body_line: int
    lines: dict = field(default_factory=dict, repr=False)

    @property
    def names(self) -> list[str]:
        """Name first, then aliases: every spelling that refers to this entry."""
        return [self.name, *self.aliases]

    @property
    def url(self) -> str:
        """Site-relative URL of its page, e.g. `people/usen-suleimen/`."""
        return f"{PLURAL[self.kind]}/{self.id}/"

    @property
    def src_uri(self) -> str:
        return f"{PLURAL[self.kind]}/{self.id}.md"


@dataclass(eq=False)
class Article:
    id: str
    path: str  # display path, e.g. content/articles/2025/x.md
    src_uri: str  # path inside docs_dir, e.g. articles/2025/x.md
    data: dict[str, Any]
    body: str
    body_line: int
    lines: dict = field(default_factory=dict, repr=False)
    # Filled by resolution: field name -> entities, in the order written, without repeats.
    refs: dict[str, list[Entity]] = field(default_factory=dict)
    outlet: Entity | None = None

    @property
    def title(self) -> str:
        return self.data.get("title") or self.id

    @property
    def date(self) -> PartialDate | None:
        return self.data.get("date")

    @property
    def language(self) -> str | None:
        return self.data.get("language")

    @property
    def quotes(self) -> list[Quote]:
        return self.data.get("quotes") or []

    @property
    def retrieved(self) -> dt.date | None:
        return self.data.get("retrieved")

    @property
    def url(self) -> str:
        return self.src_uri[: -len(".md")] + "/"

    def references(self) -> list[tuple[str, Ref]]:
        """Every (field, reference) of the article's reference lists."""
        return [(f, r) for f in REF_FIELDS for r in self.data.get(f) or []]

    def entities(self) -> list[Entity]:
        """Every registry entry the article lists, outlet included, each once."""
        seen: dict[int, Entity] = {}
        for ents in self.refs.values():
            for e in ents:
                seen.setdefault(id(e), e)
        if self.outlet:
            seen.setdefault(id(self.outlet), self.outlet)
        return list(seen.values())


REF_KIND = {f.name: f.kind for f in ARTICLE if f.kind}


@dataclass(eq=False)
class HandPage:
    """A hand-written page (index.md, about.md, ...): its checked front matter and its body.

    The theme shows only what the page schema allows (`title`, `description`, `hide`), as
    text; MkDocs never reads the page's own YAML.
    """

    path: str  # display path, e.g. content/about.md
    src_uri: str  # path inside docs_dir, e.g. about.md
    data: dict[str, Any]
    body: str
    body_line: int

    @property
    def title(self) -> str | None:
        return self.data.get("title")

    @property
    def description(self) -> str | None:
        return self.data.get("description")

    @property
    def hide(self) -> list[str]:
        return self.data.get("hide") or []
