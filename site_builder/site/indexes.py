"""The A-Z index of each kind of registry entry: one page, or one page per letter."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..core.archive import Archive
from ..core.crosslinks import CrossIndex, EntityStats
from ..core.schema import KINDS, PLURAL
from ..core.slugs import slugify
from .labels import SECTION_TITLE
from .plan import Pager, Plan
from .render import Renderer


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
        title = SECTION_TITLE[kind]
        noun = title.lower()
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
                "az", title=title, here=here, total=len(stats), noun=noun,
                letters=letters, top=top, groups=groups, pager=None,
            )  # fmt: skip

        plan.add(f"{folder}/index.md", title, f"All {noun} in the archive, A–Z.", index_html)
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
                    "az", title=t, here=here, total=len(stats), noun=noun,
                    letters=letters, top=[], groups=[(letter, rows_n)], pager=pager,
                )  # fmt: skip

            plan.series(
                f"{folder}/letter-{slug}",
                rows,
                f"{title}: {letter.upper()}",
                f"{title} whose names start with {letter.upper()}.",
                letter_html,
            )
