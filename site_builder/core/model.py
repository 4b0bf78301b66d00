"""The archive's model: articles and registry entries as loaded from `content/`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .dates import PartialDate
from .schema import ARTICLE, PLURAL, REF_FIELDS, Quote, Ref, Role


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


# Front-matter fields whose attribute has another name: `url` is an article's or outlet's
# address elsewhere, while `.url` is the page's URL on the site; `type` is a builtin.
ARTICLE_ATTRIBUTE = {"url": "original_url", "outlet": "outlet_ref"}
ENTITY_ATTRIBUTE = {"url": "home_url", "type": "org_type"}


@dataclass(eq=False)  # identity: entities are used as keys of the cross-link index
class Entity:
    """A registry entry: a person, organization, outlet or topic, with every field of its kind
    (a field another kind has is None or empty here)."""

    kind: str  # person, organization, outlet, topic
    id: str
    path: str  # display path, e.g. content/people/usen-suleimen.md
    name: str
    aliases: list[str]
    body: str
    body_line: int
    lines: dict[tuple[str | int, ...], int] = field(default_factory=dict, repr=False)
    description: str | None = None
    wikidata: str | None = None
    website: str | None = None  # the first of `websites`
    websites: list[str] = field(default_factory=list)  # an outlet may list several
    former_ids: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)  # person
    gender: str | None = None  # person: male, female
    declension: str | None = None  # person, organization: none
    abbreviation: str | None = None  # organization
    org_type: str | None = None  # organization: `type`
    country: str | None = None  # organization, outlet
    parent: Ref | None = None  # organization
    home_url: str | None = None  # outlet: `url`
    languages: list[str] = field(default_factory=list)  # outlet

    @classmethod
    def of(
        cls, kind: str, entity_id: str, path: str, values: dict[str, Any], body: str,
        body_line: int, lines: dict[tuple[str | int, ...], int],
    ) -> Entity:  # fmt: skip
        """An entry from the values `schema.validate` returned for its front matter."""
        fields = {ENTITY_ATTRIBUTE.get(k, k): v for k, v in values.items()}
        fields["aliases"] = fields.get("aliases") or []
        sites = fields.get("website")
        sites = sites if isinstance(sites, list) else [sites] if sites else []
        fields["website"], fields["websites"] = (sites[0] if sites else None), sites
        return cls(kind, entity_id, path, body=body, body_line=body_line, lines=lines, **fields)

    def value(self, name: str) -> Any:
        """The value of the front-matter field `name` (None for another kind's field)."""
        return getattr(self, ENTITY_ATTRIBUTE.get(name, name), None)

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
    """An article: every field of the article schema as a typed attribute, and what
    resolution found for its references."""

    id: str
    path: str  # display path, e.g. content/articles/2025/x.md
    src_uri: str  # path inside docs_dir, e.g. articles/2025/x.md
    body: str
    body_line: int
    title: str
    lines: dict[tuple[str | int, ...], int] = field(default_factory=dict, repr=False)
    outlet_ref: Ref | None = None  # `outlet` as written
    date: PartialDate | None = None
    original_url: str | None = None  # `url`
    language: str | None = None
    authors: list[Ref] = field(default_factory=list)
    speakers: list[Ref] = field(default_factory=list)
    people: list[Ref] = field(default_factory=list)
    organizations: list[Ref] = field(default_factory=list)
    topics: list[Ref] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    summary: str | None = None
    capture: str | None = None
    sha256: str | None = None
    retrieved: dt.date | None = None
    archived_url: str | None = None
    translations: dict[str, Ref] = field(default_factory=dict)
    notes: str | None = None
    former_ids: list[str] = field(default_factory=list)
    # Filled by resolution: field name -> entities, in the order written, without repeats.
    refs: dict[str, list[Entity]] = field(default_factory=dict)
    outlet: Entity | None = None

    @classmethod
    def of(
        cls, article_id: str, path: str, src_uri: str, values: dict[str, Any], body: str,
        body_line: int, lines: dict[tuple[str | int, ...], int],
    ) -> Article:  # fmt: skip
        """An article from the values `schema.validate` returned for its front matter."""
        fields = {ARTICLE_ATTRIBUTE.get(k, k): v for k, v in values.items()}
        fields["title"] = fields.get("title") or article_id
        return cls(article_id, path, src_uri, body, body_line, lines=lines, **fields)

    def value(self, name: str) -> Any:
        """The value of the front-matter field `name`."""
        return getattr(self, ARTICLE_ATTRIBUTE.get(name, name))

    @property
    def url(self) -> str:
        return self.src_uri[: -len(".md")] + "/"

    def references(self) -> list[tuple[str, Ref]]:
        """Every (field, reference) of the article's reference lists."""
        return [(f, r) for f in REF_FIELDS for r in self.value(f)]

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
    body: str
    body_line: int
    title: str | None = None
    description: str | None = None
    hide: list[str] = field(default_factory=list)

    @classmethod
    def of(
        cls, path: str, src_uri: str, values: dict[str, Any], body: str, body_line: int
    ) -> HandPage:
        return cls(path, src_uri, body, body_line, **values)
