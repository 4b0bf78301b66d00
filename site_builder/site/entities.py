"""Registry entries' pages, and the long lists they link to (every article of a role, every
quote), paged.

An entry's page opens with an infobox (what it is, its names in every script, roles over time,
counts, first and last appearance, links, its feed and its own data files), then the timeline,
the entries it most often appears with, its quotes and its articles by role. The timeline's
bars, the "Appears with" counts and the filters above the articles (role, outlet, year, with
whom) narrow the list in the page: `?year=2024`, `?month=2024-06`, `?role=quoted`,
`?outlet=<id>` and `?with=people/<id>` are read by `assets/archive/entity.js`, which renders
the matching articles from the entry's `browse.json` (`data/entries.py`). Without JavaScript
the page lists the first `per_page` articles of each role and links to all of them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from babel.numbers import format_decimal
from markupsafe import Markup

from ..core.archive import Archive
from ..core.crosslinks import ROLES, CrossIndex, EntityStats
from ..core.i18n import N_, _, active, ngettext
from ..core.links import base, href
from ..core.lookalikes import script_extensions, script_name
from ..core.model import Entity
from ..data.entries import Download, EntryFiles, folder
from .articles import Composed
from .body import sanitize
from .charts import timeline_svg
from .labels import KIND_LABEL, ROLE_COUNT, ROLE_FILTER_LABEL, ROLE_LABEL
from .plan import Plan
from .render import Renderer

# The description of the pages that list every article of a role
ROLE_EVERY = {
    "quoted": N_("Every article in which {name} is quoted, newest first."),
    "author": N_("Every article {name} wrote, newest first."),
    "mentioned": N_("Every article in which {name} is mentioned, newest first."),
    "outlet": N_("Every article {name} published, newest first."),
}
QUOTES_SHOWN = 10  # on the entry's page; all of them on its quotes pages
ARTICLES = "sb-articles"  # the anchor of the articles, where filters land


@dataclass(frozen=True)
class Option:
    """One choice of a filter: its value in the URL, its label, how many articles it keeps."""

    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Filters:
    roles: list[Option]
    outlets: list[Option]
    years: list[Option]
    together: list[Option]

    def __bool__(self) -> bool:
        return bool(self.roles or self.outlets or self.years or self.together)


class EntityPages:
    def __init__(
        self,
        renderer: Renderer,
        archive: Archive,
        index: CrossIndex,
        per_page: int,
        feed_of: Callable[[Entity | None], str | None],
        files: EntryFiles | None = None,
    ) -> None:
        self.renderer, self.archive, self.index = renderer, archive, index
        self.per_page, self.feed_of, self.files = per_page, feed_of, files

    def compose(self, entity: Entity, bio_html: str, *, sanitized: bool = False) -> Composed:
        """The entry's page. ``sanitized``: the biography went through `sanitize` already."""
        s = self.index.of(entity)
        here = entity.url
        per = self.per_page
        groups = []
        for role in ROLES:
            arts = s.roles.get(role)
            label = ROLE_LABEL.get((entity.kind, role))
            if not arts or not label:
                continue
            more = f"{entity.url}{role}/" if len(arts) > per else None
            groups.append((_(label), role, arts[:per], len(arts), more))
        browse = self.files.browse_path(entity) if self.files else None

        def to_filter(query: str) -> str | None:
            """The link that shows this page's articles filtered by `query`, if it can."""
            return f"?{query}#{ARTICLES}" if browse else None

        def period(key: str) -> str | None:
            return to_filter(f"year={key}" if len(key) == 4 else f"month={key}")

        together = [(other, n, to_filter(f"with={folder(other)}")) for other, n in s.together]
        quotes = s.quotes[:QUOTES_SHOWN]
        sections = [
            ("sb-timeline", _("Timeline"), bool(s.months)),
            ("sb-together", _("Appears with"), bool(together)),
            ("sb-quotes", _("Quotes"), bool(quotes)),
            (ARTICLES, _("Articles"), bool(groups)),
        ]
        html = (
            f'<div class="sb-entity sb-{entity.kind}">\n'
            + self.renderer.render(
                "entity",
                e=entity,
                s=s,
                here=here,
                kind_label=_(KIND_LABEL[entity.kind]),
                names=names_by_script(entity),
                links=self._links(entity),
                roles=self._roles(entity),
                members=s.members,
                parent=self._parent(entity),
                role_counts=[
                    (ngettext(*ROLE_COUNT[entity.kind, role], n), role, n)
                    for _label, role, _arts, n, _more in groups
                ],
                bio=bio(bio_html, sanitized),
                timeline=Markup(timeline_svg(s.months, link=period)) if s.months else None,
                quotes=quotes,
                quotes_more=f"{entity.url}quotes/" if len(s.quotes) > QUOTES_SHOWN else None,
                groups=groups,
                together=together,
                feed=self.feed_of(entity),
                downloads=downloads(self.files.downloads(entity) if self.files else [], here),
                browse=beside(browse, here) if browse else None,
                root=base(here),
                filters=self._filters(entity, s) if browse else Filters([], [], [], []),
            )
            + "</div>\n"
        )
        return Composed(html, toc=tuple((a, t) for a, t, shown in sections if shown))

    def _links(self, entity: Entity) -> list[tuple[str, str, str]]:
        """(label, URL, text shown) of the entry's pages elsewhere."""
        links = []
        if entity.wikidata:
            wikidata = f"https://www.wikidata.org/wiki/{entity.wikidata}"
            links.append(("Wikidata", wikidata, entity.wikidata))
        for url in (entity.website, entity.home_url):
            if url:
                links.append(("Website", url, _shown_url(url)))
        return links

    def _roles(self, entity: Entity) -> list[tuple[Any, ...]]:
        resolve = self.archive.registry.resolve
        return [
            (r.title, resolve("organization", r.organization.text) if r.organization else None,
             r.start, r.end)
            for r in entity.roles
        ]  # fmt: skip

    def _parent(self, entity: Entity) -> Entity | None:
        if entity.parent is None:
            return None
        return self.archive.registry.resolve("organization", entity.parent.text)

    def _filters(self, entity: Entity, s: EntityStats) -> Filters:
        """The choices the filters above the articles offer, each with its count."""
        roles = [
            Option(role, _(ROLE_FILTER_LABEL[role]), len(s.roles[role]))
            for role in ROLES
            if s.roles.get(role) and (entity.kind, role) in ROLE_LABEL
        ]
        outlets: Counter[str] = Counter()
        names: dict[str, str] = {}
        years: Counter[str] = Counter()
        for a in s.articles:
            if a.outlet is not None and a.outlet is not entity:
                outlets[a.outlet.id] += 1
                names[a.outlet.id] = a.outlet.name
            if a.date:
                years[f"{a.date.year:04d}"] += 1
        return Filters(
            roles=roles if len(roles) > 1 else [],
            outlets=[
                Option(k, names[k], n)
                for k, n in sorted(outlets.items(), key=lambda kv: names[kv[0]].casefold())
            ]
            if len(outlets) > 1
            else [],
            years=[Option(y, y, n) for y, n in sorted(years.items(), reverse=True)]
            if len(years) > 1
            else [],
            together=[Option(folder(o), o.name, n) for o, n in s.together],
        )

    def plan(self, plan: Plan) -> None:
        """Every article of a role, and every quote, where the entry's page shows only some."""
        for entity in self.archive.registry:
            s = self.index.of(entity)
            prefix = folder(entity)
            for role in ROLES:
                arts = s.roles.get(role) or []
                label = ROLE_LABEL.get((entity.kind, role))
                if label and len(arts) > self.per_page:
                    plan.series(
                        f"{prefix}/{role}",
                        arts,
                        f"{entity.name}: {_(label).lower()}",
                        _(ROLE_EVERY[role], name=entity.name),
                        self.renderer.listing,
                        owner=entity.src_uri,
                        page_inputs=plan.inputs,
                    )
            if len(s.quotes) > QUOTES_SHOWN:
                plan.series(
                    f"{prefix}/quotes",
                    s.quotes,
                    _("{name}: quotes", name=entity.name),
                    _("Every quote of {name} in the archive, newest first.", name=entity.name),
                    self.renderer.quote_listing,
                    owner=entity.src_uri,
                    page_inputs=lambda quotes: plan.inputs(
                        (q.article for q in quotes), [q.index for q in quotes]
                    ),
                )


def bio(bio_html: str, sanitized: bool) -> Markup | None:
    """An entry's biography as it goes into its page, or None when it has none."""
    if not bio_html.strip():
        return None
    return Markup(bio_html if sanitized else sanitize(bio_html))


def names_by_script(entity: Entity) -> list[tuple[str | None, list[tuple[str, bool]]]]:
    """The entry's name and aliases, each with whether it is an alias, grouped by the script
    they are written in, the name's first; the script named only when there are several
    (`Latin`, `Cyrillic`)."""
    groups: dict[str, list[tuple[str, bool]]] = {}
    for n, name in enumerate(entity.names):
        groups.setdefault(main_script(name), []).append((name, n > 0))
    if len(groups) == 1:
        return [(None, next(iter(groups.values())))]
    return [(script_name(code).replace("_", " "), names) for code, names in groups.items()]


def main_script(text: str) -> str:
    """The script (short code, e.g. `Latn`) of most of the letters of `text`."""
    counts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            counts.update(script_extensions(ch))
    return counts.most_common(1)[0][0] if counts else "Zyyy"


def downloads(files: list[Download], here: str) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """The entry's downloads by what they hold, each as (link, format, size):
    `("Articles", [("articles.csv", "CSV", "41 KB"), ...])`, ..."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for d in files:
        out.setdefault(_(d.what.capitalize()), []).append(
            (beside(d.path, here), d.format, file_size(d.size))
        )
    return list(out.items())


def beside(path: str, here: str) -> str:
    """The link from the page at `here` to the file at `path`, short when it is in the page's
    own folder (`articles.csv`), as the entry's files are."""
    return path[len(here) :] if path.startswith(here) else href(path, here)


def file_size(size: int) -> str:
    """`812 bytes`, `41 KB`, `3.2 MB`: as a reader weighs a download."""
    ui = active()
    if size < 1000:
        return ngettext("{n} byte", "{n} bytes", size)
    if size < 1_000_000:
        return _("{size} KB", size=format_decimal(round(size / 1000), locale=ui.locale))
    return _("{size} MB", size=format_decimal(round(size / 1_000_000, 1), locale=ui.locale))


def _shown_url(url: str) -> str:
    """A website as a reader recognises it: `example.org/about`, no scheme, no final slash."""
    shown = url.split("://", 1)[-1]
    shown = shown[4:] if shown.startswith("www.") else shown
    return shown.rstrip("/")
