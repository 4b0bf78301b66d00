"""Articles by date: a grid of years and months, a page per year and per month, all walkable.

- `articles/`: a table, a row per year (newest first) and a column per month, each count a
  link to that month's articles.
- `articles/<yyyy>/`: the year's chart, its months, the previous and next year, and every
  article of the year under month headings (`#m-06`, `#m-unknown`), paged as
  `articles/<yyyy>/page-2/`, ... (the months take the two-digit names beside them).
- `articles/<yyyy>/<mm>/`: the month's articles, paged as `<mm>/2/`, ..., with the previous
  and next month that have articles and a link up to the year.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from math import ceil
from typing import TypeVar

from markupsafe import Markup

from ..core import i18n
from ..core.contentfiles import YEAR_PAGE_PREFIX  # page-2/: an article id may not take it
from ..core.crosslinks import CrossIndex
from ..core.i18n import _, active, ngettext
from ..core.links import href
from ..core.model import Article
from .charts import timeline_svg
from .labels import CONTINUED, MONTH_NOT_KNOWN
from .plan import Pager, Plan
from .render import Renderer

UNKNOWN_ANCHOR = "m-unknown"
T = TypeVar("T")
HEAT_LEVELS = 4  # shades of a grid cell, by its count against the busiest month's


def year_url(year: int) -> str:
    return f"articles/{year:04d}/"


def month_url(year: int, month: int) -> str:
    return f"articles/{year:04d}/{month:02d}/"


def month_anchor(month: int | None) -> str:
    return f"m-{month:02d}" if month else UNKNOWN_ANCHOR


def month_title(year: int, month: int) -> str:
    return i18n.month_title(year, month)


def _neighbours(items: Sequence[T]) -> list[tuple[T, T | None, T | None]]:
    """Each item with the one before it and the one after it, or None at the ends."""
    if not items:
        return []
    before: list[T | None] = [None, *items[:-1]]
    after: list[T | None] = [*items[1:], None]
    return list(zip(items, before, after, strict=True))


def _month_link(month: tuple[int, int] | None) -> Link | None:
    return Link(month_title(*month), month_url(*month)) if month else None


def _year_link(year: int | None) -> Link | None:
    return Link(str(year), year_url(year)) if year is not None else None


def _n_articles(n: int) -> str:
    return ngettext("{n} article", "{n} articles", n)


def _published_in(n: int, period: str) -> str:
    return ngettext(
        "{n} article published in {period}.", "{n} articles published in {period}.", n,
        period=period,
    )  # fmt: skip


@dataclass(frozen=True)
class Cell:
    """One count of the grid: `n` articles, listed at `url`; `heat` 1..HEAT_LEVELS, 0 if none."""

    n: int
    url: str | None
    heat: int
    label: str  # what the count is, for a screen reader out of the table: "12 articles, June 2025"


@dataclass(frozen=True)
class Year:
    year: int
    url: str
    count: int
    cells: tuple[Cell, ...]  # January..December, then month not known


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Group:
    """The articles of one month on one page of a year; `continued` from the page before."""

    anchor: str
    title: str
    url: str | None  # the month's own page
    articles: Sequence[Article]
    continued: bool


class TimelinePages:
    def __init__(self, renderer: Renderer, index: CrossIndex, per_page: int) -> None:
        self.renderer, self.index, self.per_page = renderer, index, per_page

    def plan(self, plan: Plan) -> None:
        by_year: dict[int, list[Article]] = defaultdict(list)
        for a in self.index.articles:  # newest first
            if a.date:
                by_year[a.date.year].append(a)
        years = sorted(by_year, reverse=True)
        by_month: dict[tuple[int, int | None], list[Article]] = defaultdict(list)
        for year in years:
            for a in by_year[year]:
                assert a.date is not None
                by_month[year, a.date.month].append(a)
        # Every month and year that has articles, oldest first: their previous and next.
        walk = sorted((y, m) for y, m in by_month if m is not None)
        for (year, month), prev, nxt in _neighbours(walk):
            self._plan_month(
                plan, year, month, by_month[year, month],
                _month_link(prev), _month_link(nxt),
            )  # fmt: skip
        unknown_urls = {
            year: self._plan_year(
                plan, year, by_year[year],
                _year_link(prev), _year_link(nxt),
            )
            for year, prev, nxt in _neighbours(years[::-1])
        }  # fmt: skip
        busiest = max((len(v) for v in by_month.values()), default=0)

        def cell(year: int, month: int | None, url: str | None) -> Cell:
            n = len(by_month.get((year, month), ()))
            when = month_title(year, month) if month else f"{year}, {_(MONTH_NOT_KNOWN).lower()}"
            heat = ceil(HEAT_LEVELS * n / busiest) if n else 0
            return Cell(n, url if n else None, heat, f"{_n_articles(n)}, {when}")

        grid = [
            Year(
                year,
                year_url(year),
                len(by_year[year]),
                tuple(
                    [cell(year, m, month_url(year, m)) for m in range(1, 13)]
                    + [cell(year, None, unknown_url)]
                ),
            )
            for year, unknown_url in sorted(unknown_urls.items(), reverse=True)
        ]
        total = len(self.index.articles)

        def timeline_html(here: str) -> str:
            return self.renderer.render(
                "timeline", title=_("Articles"), here=here, years=grid,
                months=active().month_names(), month_not_known=_(MONTH_NOT_KNOWN),
                unknown=any(y.cells[12].n for y in grid),
                intro=ngettext(
                    "{n} article by year and month of publication.",
                    "{n} articles by year and month of publication.", total,
                ),
            )  # fmt: skip

        plan.add(
            "articles/index.md", _("Articles"), _("Every article by year and month."),
            timeline_html,
        )  # fmt: skip

    def _plan_month(
        self,
        plan: Plan,
        year: int,
        month: int,
        arts: list[Article],
        prev: Link | None,
        nxt: Link | None,
    ) -> None:
        title = month_title(year, month)
        up = Link(str(year), year_url(year))
        intro = _published_in(len(arts), title)

        def month_html(here: str, t: str, items: Sequence[Article], pager: Pager) -> str:
            return self.renderer.render(
                "listing", title=t, here=here, intro=intro, articles=items, pager=pager,
                walk={"label": _("Months"), "prev": prev, "next": nxt, "up": up},
            )  # fmt: skip

        plan.series(
            f"articles/{year:04d}/{month:02d}",
            arts,
            title,
            _("Articles published in {period}.", period=title),
            month_html,
            inputs=plan.inputs(arts, prev, nxt),
        )

    def _plan_year(
        self,
        plan: Plan,
        year: int,
        arts: list[Article],
        prev: Link | None,
        nxt: Link | None,
    ) -> str | None:
        """Plan the year's pages; return where its articles of no known month start, if any."""
        # December first, the months not known last; newest first within a month (the sort
        # is stable).
        arts = sorted(arts, key=lambda a: -(a.date.month or 0) if a.date else 0)
        month_of = [a.date.month if a.date else None for a in arts]
        per = self.per_page
        base = f"articles/{year:04d}"
        page_urls = plan.page_urls(base, len(arts), YEAR_PAGE_PREFIX)
        # Where each month's heading is first shown: the anchor's page.
        first_page: dict[int | None, str] = {}
        for i, m in enumerate(month_of):
            first_page.setdefault(m, page_urls[i // per])
        month_names = active().month_names()
        chips = [
            (month_names[m - 1] if m else _(MONTH_NOT_KNOWN),
             month_url(year, m) if m else f"{first_page[m]}#{UNKNOWN_ANCHOR}",
             month_of.count(m))
            for m in first_page
        ]  # fmt: skip
        counts: Counter[str] = Counter()
        for m in month_of:
            counts[f"{year:04d}-{m:02d}" if m else f"{year:04d}"] += 1
        known = any(month_of)
        keys = [f"{year:04d}-{m:02d}" for m in range(1, 13)]
        intro = _published_in(len(arts), str(year))

        def groups_of(start: int, items: Sequence[Article]) -> list[Group]:
            """The month headings of the page whose items start at `start` in `arts`."""
            out = []
            for m, run in groupby(range(start, start + len(items)), key=month_of.__getitem__):
                indices = list(run)
                first = indices[0]
                out.append(
                    Group(
                        month_anchor(m),
                        month_title(year, m) if m else _(MONTH_NOT_KNOWN),
                        month_url(year, m) if m else None,
                        [arts[i] for i in indices],
                        continued=first > 0 and month_of[first - 1] == m,
                    )
                )
            return out

        def year_html(here: str, t: str, items: Sequence[Article], pager: Pager) -> str:
            start = (pager.number - 1) * per

            def link(key: str) -> str | None:
                return href(month_url(year, int(key[5:7])), here) if len(key) == 7 else None

            chart = timeline_svg(counts, link=link, keys=keys) if known else ""
            return self.renderer.render(
                "year", title=t, here=here, intro=intro, chart=Markup(chart), months=chips,
                groups=groups_of(start, items), pager=pager, prev=prev, next=nxt,
                continued=_(CONTINUED),
            )  # fmt: skip

        def toc(number: int, items: Sequence[Article]) -> tuple[tuple[str, str], ...]:
            return tuple(
                (g.anchor, g.title + (f" ({_(CONTINUED)})" if g.continued else ""))
                for g in groups_of((number - 1) * per, items)
            )

        plan.series(
            base,
            arts,
            str(year),
            _("Every article of {year}, by month.", year=year),
            year_html,
            page_prefix=YEAR_PAGE_PREFIX,
            index=True,
            toc=toc,
            inputs=plan.inputs(arts, prev, nxt),
        )
        return f"{first_page[None]}#{UNKNOWN_ANCHOR}" if None in first_page else None
