"""Articles by date: the timeline of years, a page per year and per month."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..core.crosslinks import CrossIndex
from ..core.dates import MONTHS
from ..core.model import Article
from .plan import Plan
from .render import Renderer

MONTH_NOT_KNOWN = "Month not known"


@dataclass
class Year:
    year: int
    url: str
    count: int
    months: list[tuple[str, str, int]]  # (label, URL, count)


class TimelinePages:
    def __init__(self, renderer: Renderer, index: CrossIndex, per_page: int) -> None:
        self.renderer, self.index, self.per_page = renderer, index, per_page

    def plan(self, plan: Plan) -> None:
        by_year: dict[int, list[Article]] = defaultdict(list)
        for a in self.index.articles:
            if a.date:
                by_year[a.date.year].append(a)
        years = [
            self._plan_year(plan, year, by_year[year]) for year in sorted(by_year, reverse=True)
        ]
        total = len(self.index.articles)

        def timeline_html(here: str) -> str:
            return self.renderer.render(
                "timeline", title="Articles", here=here, years=years,
                intro=f"{total} article{'s' * (total != 1)} by year and month of publication.",
            )  # fmt: skip

        plan.add("articles/index.md", "Articles", "Every article by year and month.", timeline_html)

    def _plan_year(self, plan: Plan, year: int, arts: list[Article]) -> Year:
        by_month: dict[int | None, list[Article]] = defaultdict(list)
        for a in arts:
            assert a.date is not None
            by_month[a.date.month].append(a)
        months = []
        for month in sorted((m for m in by_month if m), reverse=True):
            label = MONTHS[month - 1]
            base = f"articles/{year:04d}/{month:02d}"
            months.append((label, f"{base}/", len(by_month[month])))
            plan.series(
                base,
                by_month[month],
                f"{label} {year}",
                f"Articles published in {label} {year}.",
                self.renderer.listing,
            )
        if None in by_month:
            months.append(
                (MONTH_NOT_KNOWN, f"articles/{year:04d}/#month-unknown", len(by_month[None]))
            )
        groups = [
            (f"{MONTHS[m - 1]} {year}" if m else MONTH_NOT_KNOWN, by_month[m])
            for m in sorted(by_month, key=lambda m: m or 0, reverse=True)
        ]
        small = len(arts) <= self.per_page
        shown = groups if small else [g for g in groups if g[0] == MONTH_NOT_KNOWN]
        n = len(arts)

        def year_html(here: str) -> str:
            return self.renderer.render(
                "year", title=str(year), here=here, months=months, groups=shown,
                more=not small, intro=f"{n} article{'s' * (n != 1)} published in {year}.",
            )  # fmt: skip

        plan.add(f"articles/{year:04d}/index.md", str(year), f"Articles of {year}.", year_html)
        return Year(year, f"articles/{year:04d}/", n, months)
