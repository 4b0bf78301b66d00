"""The A-Z index of each kind of registry entry: one page, or one page per letter."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..core.archive import Archive
from ..core.crosslinks import CrossIndex, EntityStats
from ..core.i18n import N_, NN_, _, ngettext
from ..core.schema import KINDS, PLURAL
from ..core.slugs import slugify
from .labels import SECTION_TITLE
from .plan import Pager, Plan
from .render import Renderer

# A kind's index: its introduction, (one, many) for the number of entries, and its description
INTRO = {
    "person": NN_(
        "{n} person, A–Z, with the number of articles each appears in.",
        "{n} people, A–Z, with the number of articles each appears in.",
    ),
    "organization": NN_(
        "{n} organization, A–Z, with the number of articles each appears in.",
        "{n} organizations, A–Z, with the number of articles each appears in.",
    ),
    "outlet": NN_(
        "{n} outlet, A–Z, with the number of articles each appears in.",
        "{n} outlets, A–Z, with the number of articles each appears in.",
    ),
    "topic": NN_(
        "{n} topic, A–Z, with the number of articles each appears in.",
        "{n} topics, A–Z, with the number of articles each appears in.",
    ),
}
DESCRIPTION = {
    "person": N_("All people in the archive, A–Z."),
    "organization": N_("All organizations in the archive, A–Z."),
    "outlet": N_("All outlets in the archive, A–Z."),
    "topic": N_("All topics in the archive, A–Z."),
}


def letter_of(name: str) -> str:
    """The letter a name is listed under: its id's first letter, or '#'."""
    try:
        first = slugify(name)[0]
    except Exception:
        return "#"
    return first if first.isalpha() else "#"


class IndexPages:
    def __init__(
        self, renderer: Renderer, archive: Archive, index: CrossIndex, az_threshold: int
    ) -> None:
        self.renderer, self.archive, self.index = renderer, archive, index
        self.az_threshold = az_threshold

    def plan(self, plan: Plan) -> None:
        for kind in KINDS:
            self._plan_kind(plan, kind)

    def _plan_kind(self, plan: Plan, kind: str) -> None:
        folder = PLURAL[kind]
        stats = sorted(
            (self.index.of(e) for e in self.archive.registry.entities[kind].values()),
            key=lambda s: (letter_of(s.entity.name), s.entity.name.casefold()),
        )
        by_letter: dict[str, list[EntityStats]] = defaultdict(list)
        for s in stats:
            by_letter[letter_of(s.entity.name)].append(s)
        title = _(SECTION_TITLE[kind])
        intro = ngettext(*INTRO[kind], len(stats))
        split = len(stats) > self.az_threshold
        letters = [
            (letter, f"{folder}/letter-{'0' if letter == '#' else letter}/" if split else None,
             len(rows))
            for letter, rows in by_letter.items()
        ]  # fmt: skip

        def index_html(here: str) -> str:
            top = self.index.top(kind, "articles", 30) if split else []
            groups = [] if split else list(by_letter.items())
            return self.renderer.render(
                "az", title=title, here=here, intro=intro,
                letters=letters, top=top, groups=groups, pager=None,
            )  # fmt: skip

        plan.add(f"{folder}/index.md", title, _(DESCRIPTION[kind]), index_html)
        if not split:
            return
        for letter, rows in by_letter.items():
            slug = "0" if letter == "#" else letter

            def letter_html(
                here: str,
                t: str,
                rows_n: Sequence[EntityStats],
                pager: Pager,
                letter: str = letter,
            ) -> str:
                return self.renderer.render(
                    "az", title=t, here=here, intro=intro,
                    letters=letters, top=[], groups=[(letter, rows_n)], pager=pager,
                )  # fmt: skip

            plan.series(
                f"{folder}/letter-{slug}",
                rows,
                f"{title}: {letter.upper()}",
                _(
                    "{section}: the names that start with {letter}.",
                    section=title,
                    letter=letter.upper(),
                ),
                letter_html,
            )
