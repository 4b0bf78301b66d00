"""`site-builder export ftm`: the archive as FollowTheMoney entities, for Aleph and OpenAleph.

One JSON object per line, as `ftm` and `alephclient` read them, built and validated with the
`followthemoney` package (imported only when exporting: the rest of the command needs none
of it). The mapping:

- an article is an `Article` (FtM's "piece of media reporting about a subject", a kind of
  `Document`): title, publishedAt at its precision (FtM dates may be partial: `2025`,
  `2025-06`), sourceUrl = the original URL, language, author (names), publisher and
  publisherUrl = the outlet, summary, notes, keywords = topics, retrievedAt, bodyText = the
  text. With its capture on disk: fileName, mimeType, fileSize and contentHash, which FtM
  defines as the SHA-1 of the file (Aleph's archive key; the SHA-256 we record does not
  fit), so ingesting `archive/` into Aleph gives the same hash;
- people are `Person`s, organizations and outlets `Organization`s (aliases as `alias`,
  Wikidata as `wikidataId`, `website`, `description`; organizations' `abbreviation`,
  `country`, `parent`; `classification` = our `type`);
- a person's role in a known organization is a `Membership` (role, startDate, endDate); a
  title with no organization is the person's `position`;
- an entry named in an article is linked to it by one `Documentation` (document = the
  article, entity = the entry), FtM's curated link between a document and what it is about,
  with `role`: author, quoted, mentioned or publisher, and for the quoted the verbatim
  quotes, in order, as `summary`. (`Mention` is what named-entity recognition extracts from a
  document: a name not yet resolved, hidden in Aleph's interface; ours are curated and
  resolved, hence `Documentation`.)

Topics have no FtM schema: they are the articles' keywords. Ids are FtM's `make_id` of our
stable ids (`make_id("person", "usen-suleimen")`), so they stay the same from export to export.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.archive import Archive, Progress
from ..core.files import FileExists, write_new
from ..core.model import Article, Entity
from ..core.schema import Ref
from ..text.plaintext import plain
from .opendata import page_url

if TYPE_CHECKING:
    from followthemoney.proxy import EntityProxy

ROLES = {
    "authors": "author",
    "speakers": "quoted",
    "people": "mentioned",
    "organizations": "mentioned",
}
_SCHEMA = {"person": "Person", "organization": "Organization", "outlet": "Organization"}


class ExportError(ValueError):
    pass


class _Builder:
    """Makes proxies, checks every value against FtM's types, and keeps what it left out."""

    def __init__(self, warn: Callable[[str], None]):
        from followthemoney import model
        from followthemoney.util import make_entity_id

        self.model, self._make_id = model, make_entity_id
        self.warn = warn

    def make_id(self, *parts: str) -> str:
        """The id FtM makes of `parts`, as :meth:`make` gives its entity."""
        made = self._make_id(*parts)
        if not isinstance(made, str):  # None of parts that are all empty; a kind never is
            raise ExportError(f"no FtM id can be made of {parts!r}")
        return made

    def make(self, schema: str, *id_parts: str) -> EntityProxy:
        proxy = self.model.make_entity(schema)
        proxy.make_id(*id_parts)
        return proxy

    def add(
        self, proxy: EntityProxy, prop: str, values: str | Sequence[str | None] | None, where: str
    ) -> None:
        """Add each value, cleaned as FtM does; say so when FtM cannot take one."""
        prop_ = proxy.schema.get(prop)
        if prop_ is None:
            raise ExportError(f"{proxy.schema.name} has no property {prop!r}")
        for value in values if isinstance(values, list | tuple) else [values]:
            if value is None or value == "":
                continue
            cleaned = prop_.type.clean(str(value), proxy=proxy, format=prop_.format)
            if cleaned is None:
                self.warn(
                    f"{where}: {value!r} is not a valid {prop_.type.name} for "
                    f"FollowTheMoney's {proxy.schema.name}.{prop}; left out"
                )
                continue
            proxy.add(prop_, cleaned, cleaned=True)

    def done(self, proxy: EntityProxy) -> EntityProxy:
        """Validate `proxy` against its schema: FtM's checks, and the required properties."""
        # what to_dict() holds of it, and all that Schema.validate reads
        proxy.schema.validate({"properties": proxy.properties})  # raises exc.InvalidData
        missing = [p for p in proxy.schema.required if not proxy.has(p)]
        if missing:
            raise ExportError(f"{proxy.schema.name} {proxy.id} lacks {', '.join(missing)}")
        return proxy


def entities(
    archive: Archive,
    site_url: str | None = None,
    progress: Progress | None = None,
    warn: Callable[[str], None] = lambda message: None,
) -> Iterator[EntityProxy]:
    """Every FtM entity of the archive, in a stable order: outlets, organizations, people
    (with their memberships), then each article followed by its links."""
    b = _Builder(warn)
    registry = archive.registry
    ids: dict[int, str] = {}
    for kind in ("outlet", "organization", "person"):
        for e in sorted(registry.entities[kind].values(), key=lambda e: e.id):
            ids[id(e)] = b.make_id(e.kind, e.id)  # as _registry_entry makes it
    for kind in ("outlet", "organization", "person"):
        for e in sorted(registry.entities[kind].values(), key=lambda e: e.id):
            yield from _registry_entry(b, archive, e, ids, site_url)
    articles = sorted(archive.articles, key=lambda a: a.id)
    for n, article in enumerate(articles, 1):
        yield from _article(b, archive, article, ids)
        if progress:
            progress("exporting", n, len(articles))


def _registry_entry(
    b: _Builder, archive: Archive, e: Entity, ids: dict[int, str], site_url: str | None
) -> Iterator[EntityProxy]:
    proxy = b.make(_SCHEMA[e.kind], e.kind, e.id)
    where = e.path
    b.add(proxy, "name", e.name, where)
    b.add(proxy, "alias", e.aliases, where)
    b.add(proxy, "description", e.description, where)
    b.add(proxy, "wikidataId", e.wikidata, where)
    b.add(proxy, "website", [e.home_url, e.website], where)
    if site_url:
        b.add(proxy, "sourceUrl", page_url(e.url, site_url), where)
    if e.kind != "person":
        b.add(proxy, "abbreviation", e.abbreviation, where)
        b.add(proxy, "country", e.country, where)
        b.add(proxy, "classification", e.org_type, where)
        parent = _resolve(archive, "organization", e.parent)
        if parent is not None:
            proxy.add("parent", ids[id(parent)])
    memberships: list[EntityProxy] = []
    for i, role in enumerate(e.roles):
        org = _resolve(archive, "organization", role.organization)
        if org is None:
            b.add(proxy, "position", role.title, where)
            continue
        m = b.make("Membership", "membership", e.id, str(i))
        m.add("member", proxy.id)
        m.add("organization", ids[id(org)])
        b.add(m, "role", role.title, where)
        b.add(m, "startDate", role.start.iso() if role.start else None, where)
        b.add(m, "endDate", role.end.iso() if role.end else None, where)
        memberships.append(b.done(m))
    yield b.done(proxy)
    yield from memberships


def _resolve(archive: Archive, kind: str, ref: Ref | None) -> Entity | None:
    return archive.registry.resolve(kind, ref.text) if ref else None


def _article(
    b: _Builder, archive: Archive, article: Article, ids: dict[int, str]
) -> Iterator[EntityProxy]:
    proxy = b.make("Article", "article", article.id)
    where = article.path
    b.add(proxy, "title", article.title, where)
    b.add(proxy, "publishedAt", article.date.iso() if article.date else None, where)
    b.add(proxy, "sourceUrl", article.original_url, where)
    b.add(proxy, "language", article.language, where)
    b.add(proxy, "author", [e.name for e in article.refs.get("authors") or []], where)
    if article.outlet:
        b.add(proxy, "publisher", article.outlet.name, where)
        b.add(proxy, "publisherUrl", article.outlet.home_url, where)
    b.add(proxy, "summary", article.summary, where)
    b.add(proxy, "notes", article.notes, where)
    b.add(proxy, "keywords", [e.name for e in article.refs.get("topics") or []], where)
    b.add(proxy, "retrievedAt", article.retrieved.isoformat() if article.retrieved else None, where)
    b.add(proxy, "bodyText", plain(article.body).strip(), where)
    _capture(b, archive, article, proxy)
    yield b.done(proxy)

    links: dict[int, tuple[Entity, list[str]]] = {}
    if article.outlet:
        links[id(article.outlet)] = (article.outlet, ["publisher"])
    for field, role in ROLES.items():
        for e in article.refs.get(field) or []:
            roles = links.setdefault(id(e), (e, []))[1]
            if role not in roles:
                roles.append(role)
    quotes: dict[int, list[str]] = {}
    for q in article.quotes:
        speaker = _resolve(archive, "person", q.by)
        if speaker is not None:
            quotes.setdefault(id(speaker), []).append(q.text)
    for key, (e, roles) in links.items():
        link = b.make("Documentation", "documentation", article.id, e.kind, e.id)
        link.add("document", proxy.id)
        link.add("entity", ids[key])
        b.add(link, "role", roles, where)
        b.add(link, "summary", quotes.get(key, []), where)
        b.add(link, "date", article.date.iso() if article.date else None, where)
        yield b.done(link)


def _capture(b: _Builder, archive: Archive, article: Article, proxy: EntityProxy) -> None:
    capture = article.capture
    path = archive.root / capture if capture else None
    if path is None or not path.is_file():
        return
    raw = path.read_bytes()
    recorded = article.sha256
    if recorded and hashlib.sha256(raw).hexdigest() != recorded:
        b.warn(
            f"{article.path}: {capture} does not match its sha256; contentHash left out "
            "(site-builder check says more)"
        )
        return
    b.add(proxy, "fileName", path.name, article.path)
    b.add(proxy, "mimeType", mimetypes.guess_type(path.name)[0], article.path)
    b.add(proxy, "fileSize", str(len(raw)), article.path)
    b.add(proxy, "contentHash", hashlib.sha1(raw).hexdigest(), article.path)


def export_ftm(
    archive: Archive,
    out_path: Path | str,
    *,
    site_url: str | None = None,
    progress: Progress | None = None,
    warn: Callable[[str], None] = lambda message: None,
) -> Counter[str]:
    """Write the archive to `out_path` as FtM JSON lines, atomically; refuse to overwrite.

    Returns how many entities of each FtM schema were written.
    """
    out_path = Path(out_path)
    if out_path.exists():
        raise FileExists(f"{out_path} already exists; it is never overwritten")
    counts: Counter[str] = Counter()
    lines: list[str] = []
    for proxy in entities(archive, site_url, progress, warn):
        counts[proxy.schema.name] += 1
        lines.append(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    write_new(out_path, "".join(lines))
    return counts


# -- the command ----------------------------------------------------------------------------
