"""Registry entries' pages, and the long lists they link to (every article of a role, every
quote), paged."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from ..core.archive import Archive
from ..core.crosslinks import ROLES, CrossIndex
from ..core.model import Entity
from ..core.schema import PLURAL
from .articles import Composed
from .body import sanitize
from .charts import timeline_svg
from .labels import KIND_LABEL, ROLE_LABEL
from .plan import Plan
from .render import Renderer

QUOTES_SHOWN = 20  # on the entry's page; all of them on its quotes pages


class EntityPages:
    def __init__(
        self,
        renderer: Renderer,
        archive: Archive,
        index: CrossIndex,
        per_page: int,
        feed_of: Callable[[Entity | None], str | None],
    ) -> None:
        self.renderer, self.archive, self.index = renderer, archive, index
        self.per_page, self.feed_of = per_page, feed_of

    def compose(self, entity: Entity, bio_html: str, *, sanitized: bool = False) -> Composed:
        """The entry's page. ``sanitized``: the biography went through `sanitize` already."""
        s = self.index.of(entity)
        per = self.per_page
        groups = []
        for role in ROLES:
            arts = s.roles.get(role)
            label = ROLE_LABEL.get((entity.kind, role))
            if not arts or not label:
                continue
            more = f"{entity.url}{role}/" if len(arts) > per else None
            groups.append((label, role, arts[:per], len(arts), more))
        links = []
        if entity.website:
            links.append(("Website", entity.website))
        if entity.home_url:
            links.append(("Website", entity.home_url))
        if entity.wikidata:
            links.append(("Wikidata", f"https://www.wikidata.org/wiki/{entity.wikidata}"))
        resolve = self.archive.registry.resolve
        roles = [
            (r.title, resolve("organization", r.organization.text) if r.organization else None,
             r.start, r.end)
            for r in entity.roles
        ]  # fmt: skip
        parent = resolve("organization", entity.parent.text) if entity.parent else None
        kind_label = KIND_LABEL[entity.kind] + (f" · {entity.org_type}" if entity.org_type else "")
        html = (
            f'<div class="sb-{entity.kind}">\n'
            + self.renderer.render(
                "entity",
                e=entity,
                s=s,
                here=entity.url,
                kind_label=kind_label,
                links=links,
                roles=roles,
                members=s.members,
                parent=parent,
                bio=bio(bio_html, sanitized),
                timeline=Markup(timeline_svg(s.months)),
                quotes=s.quotes[:QUOTES_SHOWN],
                quotes_more=f"{entity.url}quotes/" if len(s.quotes) > QUOTES_SHOWN else None,
                groups=groups,
                together=s.together,
                feed=self.feed_of(entity),
            )
            + "</div>\n"
        )
        return Composed(html)

    def plan(self, plan: Plan) -> None:
        """Every article of a role, and every quote, where the entry's page shows only some."""
        for entity in self.archive.registry:
            s = self.index.of(entity)
            folder = f"{PLURAL[entity.kind]}/{entity.id}"
            for role in ROLES:
                arts = s.roles.get(role) or []
                label = ROLE_LABEL.get((entity.kind, role))
                if label and len(arts) > self.per_page:
                    plan.series(
                        f"{folder}/{role}",
                        arts,
                        f"{entity.name}: {label.lower()}",
                        f"Every article in which {entity.name} is {role}, newest first.",
                        self.renderer.listing,
                    )
            if len(s.quotes) > QUOTES_SHOWN:
                plan.series(
                    f"{folder}/quotes",
                    s.quotes,
                    f"{entity.name}: quotes",
                    f"Every quote of {entity.name} in the archive, newest first.",
                    self.renderer.quote_listing,
                )


def bio(bio_html: str, sanitized: bool) -> Markup | None:
    """An entry's biography as it goes into its page, or None when it has none."""
    if not bio_html.strip():
        return None
    return Markup(bio_html if sanitized else sanitize(bio_html))
