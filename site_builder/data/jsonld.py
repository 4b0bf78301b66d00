"""schema.org structured data (JSON-LD) for article and entity pages.

Each registry entry is one node with a stable `@id`: its page's URL with `#id` (the thing,
not the page about it), e.g. `https://example.org/people/usen-suleimen/#id`. An article's
`mentions`, `author` and `publisher` point at those ids, so a crawler joins what every page
says about the same person. `url` is our page; `sameAs` the entry's Wikidata item, website
and home page.

URLs are absolute under `site_url`. Without one they are relative to the page the data sits
on (JSON-LD resolves them against the document's address), which is the best a site with no
known address can give.

Dates keep their precision: `datePublished` is `2025`, `2025-06` or `2025-06-12`, all valid
ISO 8601 as schema.org's Date asks.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..core.archive import Archive
from ..core.links import href
from ..core.model import Article, Entity
from ..core.schema import Ref
from .opendata import page_url

CONTEXT = "https://schema.org"
TYPE = {
    "person": "Person",
    "organization": "Organization",
    "outlet": "NewsMediaOrganization",
    "topic": "DefinedTerm",
}
# Inside <script>, `</script>` or `<!--` in a value would end or confuse the element: JSON
# allows these characters escaped, and the parser reads them back unchanged.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


class _Urls:
    def __init__(self, site_url: str | None, here: str):
        self.site_url, self.here = site_url, here

    def __call__(self, path: str) -> str:
        return page_url(path, self.site_url) if self.site_url else href(path, self.here)

    def node_id(self, entity: Entity) -> str:
        return self(entity.url + "#id")


def _same_as(entity: Entity) -> list[str]:
    out = []
    if entity.wikidata:
        out.append(f"https://www.wikidata.org/wiki/{entity.wikidata}")
    for value in (entity.website, entity.home_url):
        if value and value not in out:
            out.append(value)
    return out


def _ref(entity: Entity, urls: _Urls, url: bool = True) -> dict[str, Any]:
    """A short node pointing at the entry's own, fuller node on its page (whose `@id` is the
    page's URL and `#id`: a long list of mentions leaves the `url` out)."""
    node = {"@type": TYPE[entity.kind], "@id": urls.node_id(entity), "name": entity.name}
    if url:
        node["url"] = urls(entity.url)
    return node


def article_jsonld(article: Article, site_url: str | None = None) -> dict[str, Any]:
    """A `NewsArticle` for the article's page."""
    urls = _Urls(site_url, article.url)
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "@id": urls(article.url + "#article"),
        "url": urls(article.url),
        "headline": article.title,
    }
    if article.date:
        data["datePublished"] = article.date.iso()
    if article.language:
        data["inLanguage"] = article.language
    # No "description": the summary is the page's meta description already (an article page
    # has a byte budget, and each copy of a summary in Cyrillic costs a few hundred bytes).
    authors = article.refs.get("authors") or []
    if authors:
        data["author"] = [_ref(e, urls) for e in authors]
    if article.outlet:
        publisher = _ref(article.outlet, urls)
        same = _same_as(article.outlet)
        if same:
            publisher["sameAs"] = same
        data["publisher"] = publisher
    mentioned: list[Entity] = []
    for field in ("speakers", "people", "organizations"):
        for e in article.refs.get(field) or []:
            if e not in mentioned:
                mentioned.append(e)
    if mentioned:
        data["mentions"] = [_ref(e, urls, url=False) for e in mentioned]
    topics = article.refs.get("topics") or []
    if topics:
        data["about"] = [_ref(e, urls, url=False) for e in topics]
    if article.original_url:
        data["isBasedOn"] = article.original_url
    if article.archived_url:
        data["archivedAt"] = article.archived_url
    return data


def entity_jsonld(
    entity: Entity, site_url: str | None = None, archive: Archive | None = None
) -> dict[str, Any]:
    """A `Person`, `Organization`, `NewsMediaOrganization` (outlet) or `DefinedTerm` (topic)
    for the entry's page. With `archive`, people's roles and organizations' parents link to
    the organizations' nodes."""
    urls = _Urls(site_url, entity.url)
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": TYPE[entity.kind],
        "@id": urls.node_id(entity),
        "url": urls(entity.url),
        "mainEntityOfPage": urls(entity.url),
        "name": entity.name,
    }
    alternate = [entity.abbreviation] if entity.abbreviation else []
    alternate += [a for a in entity.aliases if a not in alternate]
    if alternate:
        data["alternateName"] = alternate
    if entity.description:
        data["description"] = entity.description
    same = _same_as(entity)
    if same:
        data["sameAs"] = same
    if archive is not None:
        _links(entity, archive, urls, data)
    return data


def _links(entity: Entity, archive: Archive, urls: _Urls, data: dict[str, Any]) -> None:
    def organization(ref: Ref | None) -> Entity | None:
        return archive.registry.resolve("organization", ref.text) if ref else None

    roles, titles = [], []
    for role in entity.roles:
        org = organization(role.organization)
        if org is None:  # a title with no organization known
            if role.title:
                titles.append(role.title)
            continue
        # schema.org's Role pattern: the role sits between the person and the organization.
        node: dict[str, Any] = {"@type": "OrganizationRole", "memberOf": _ref(org, urls)}
        if role.title:
            node["roleName"] = role.title
        if role.start:
            node["startDate"] = role.start.iso()
        if role.end:
            node["endDate"] = role.end.iso()
        roles.append(node)
    if roles:
        data["memberOf"] = roles
    if titles:
        data["jobTitle"] = titles
    parent = organization(entity.parent)
    if parent is not None:
        data["parentOrganization"] = _ref(parent, urls)


def breadcrumb_jsonld(
    trail: Sequence[tuple[str, str]], here: str, site_url: str | None = None
) -> dict[str, Any]:
    """A `BreadcrumbList` of (name, site URL) pairs: the pages above the page at site URL
    `here`, from its section down, each with its URL."""
    urls = _Urls(site_url, here)
    items = [
        {"@type": "ListItem", "position": n, "name": name, "item": urls(url)}
        for n, (name, url) in enumerate(trail, 1)
    ]
    return {"@context": CONTEXT, "@type": "BreadcrumbList", "itemListElement": items}


def script_tag(data: dict[str, Any]) -> str:
    """`data` as a `<script type="application/ld+json">` element, safe to put in any page:
    no value can close the element or open a comment in it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return f'<script type="application/ld+json">{text}</script>'
