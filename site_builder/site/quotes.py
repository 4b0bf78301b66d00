"""The quotes explorer: every quote of the archive by year, topic and outlet, and who said it.

Static pages, no script, so it works without JavaScript and every view has a URL:

    quotes/                      totals, quotes per year (chart), every year, topic and
                                 outlet with its count, the most quoted people, the latest
    quotes/years/<yyyy>/         one paged list per year, per topic, per outlet
    quotes/topics/<id>/
    quotes/outlets/<id>/
    quotes/years/ topics/ outlets/   each facet's values with their counts
    quotes/speakers/             everyone quoted, A-Z, with their count

A person's own quotes are their page's (people/<id>/, and people/<id>/quotes/ when there are
more than it shows, made in entities.py): the explorer links there rather than making a
second list per person.

Within a year, topic or outlet the quotes come grouped by who said them (the most quoted
first, each group newest first), and the first page of the list opens with the newest
quotes and an index of the groups, each linked to the page and anchor where it starts. So
"what did X say about Y" and "who said what in 2019" are two clicks, and combinations cost
no page: a page per speaker and topic would be thousands of pages at 10,000 articles, while
these lists take as many pages as they hold quotes divided by `per_page`, whatever their
order. Every quote appears once in the list of its year, of its outlet and of each of its
topics.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from ..core.archive import Archive
from ..core.crosslinks import CrossIndex, QuoteRef
from ..core.i18n import N_, NN_, _, date_text, ngettext, number
from ..core.links import base, href
from ..core.model import Entity
from .charts import timeline_svg
from .indexes import letter_of
from .plan import Generated, Pager, Plan
from .render import Renderer

ROOT = "quotes"
# (facet key, noun of its values, title of a value's list); the order the explorer shows them
FACETS = (
    ("years", "years", N_("Quotes from {value}")),
    ("topics", "topics", N_("Quotes on {value}")),
    ("outlets", "outlets", N_("Quotes in {value}")),
)
# facet -> the words of its pages: the page of its values' title and description, the
# explorer's heading, and the page's introduction (one, many: `{n}` quotes, `{values}`)
FACET_WORDS = {
    "years": (
        N_("Quotes by year"), N_("Every year of the archive's quotes, with its number of quotes."),
        N_("By year"),
        NN_("{n} quote in {values} years.", "{n} quotes in {values} years."),
    ),
    "topics": (
        N_("Quotes by topic"),
        N_("Every topic of the archive's quotes, with its number of quotes."),
        N_("By topic"),
        NN_("{n} quote in {values} topics.", "{n} quotes in {values} topics."),
    ),
    "outlets": (
        N_("Quotes by outlet"),
        N_("Every outlet of the archive's quotes, with its number of quotes."),
        N_("By outlet"),
        NN_("{n} quote in {values} outlets.", "{n} quotes in {values} outlets."),
    ),
}  # fmt: skip
LATEST = 10  # newest quotes on the explorer's first page and atop each list
TOP_SPEAKERS = 20  # most quoted people on the explorer's first page
# Quotes are shorter than article items with their summaries: three times as many a page
# (150 at the default `per_page`) keeps the largest page near 160 KB at 10,000 articles, under
# the 200 KB budget, and makes a third as many pages as quotes / per_page (about 650 at 10,000
# articles): each generated page costs ~4 ms of build whatever it holds.
PAGE_FACTOR = 3
OVERVIEW_TOC = (
    ("by-year", N_("By year")),
    ("by-topic", N_("By topic")),
    ("by-outlet", N_("By outlet")),
    ("most-quoted", N_("Most quoted")),
    ("latest", N_("Latest quotes")),
)
# The anchor of the quotes on a person's page, when they have no quotes pages of their own.
PERSON_QUOTES_ANCHOR = "sb-quotes"


@dataclass(frozen=True)
class Said:
    """One quote and who said it."""

    speaker: Entity
    quote: QuoteRef


@dataclass
class Group:
    """A speaker's quotes within one list: where the group starts and how many it holds."""

    speaker: Entity
    count: int
    url: str  # the list page it starts on, with #s-<id>


@dataclass
class FacetValue:
    """One year, topic or outlet: its quotes in list order and the pages that show them."""

    facet: str
    key: str  # "2019", or the entry's id
    label: str
    entity: Entity | None  # the topic or outlet
    said: list[Said]  # newest first
    ordered: list[Said] = field(default_factory=list)  # grouped by speaker
    groups: list[Group] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  # URLs of its list pages

    @property
    def url(self) -> str:
        return f"{ROOT}/{self.facet}/{self.key}/"

    @property
    def count(self) -> int:
        return len(self.said)


class QuoteExplorer:
    def __init__(
        self, renderer: Renderer, archive: Archive, index: CrossIndex, per_page: int
    ) -> None:
        self.renderer, self.archive, self.index = renderer, archive, index
        self.per_page = per_page * PAGE_FACTOR
        self.said = self._collect()
        self.facets: dict[str, list[FacetValue]] = {f: [] for f, _, _ in FACETS}
        self._person_pages: set[str] = set()
        self._items: dict[int, str] = {}

    def _collect(self) -> list[Said]:
        """Every quote whose speaker is known, newest article first, in article order."""
        resolve = self.archive.registry.resolve
        out = []
        for article in self.index.articles:
            for i, q in enumerate(article.quotes):
                speaker = resolve("person", q.by.text)
                if speaker is not None:  # the check makes it an error; the build goes on
                    out.append(Said(speaker, QuoteRef(article, i, q.text)))
        return out

    # -- where things are ---------------------------------------------------------------------

    def speaker_url(self, person: Entity) -> str:
        """Where a person's quotes are listed: their quotes pages, or their page's section."""
        own = f"{person.url}quotes/"
        return own if own in self._person_pages else f"{person.url}#{PERSON_QUOTES_ANCHOR}"

    @property
    def speakers(self) -> list[tuple[Entity, int]]:
        """Everyone quoted with their number of quotes, the most quoted first."""
        counts = Counter(id(s.speaker) for s in self.said)
        people = {id(s.speaker): s.speaker for s in self.said}
        return sorted(
            ((people[k], n) for k, n in counts.items()),
            key=lambda pn: (-pn[1], pn[0].name.casefold()),
        )

    # -- the pages ----------------------------------------------------------------------------

    def plan(self, plan: Plan) -> None:
        # Person pages are planned before this (entities.py): which of them have quotes pages.
        self._person_pages = {g.url for g in plan.pages if g.url.endswith("/quotes/")}
        self._facet_values()
        lists = Plan(self.per_page, made=plan.made)
        for facet, _noun, title in FACETS:
            for value in self.facets[facet]:
                self._plan_list(lists, value, _(title, value=value.label))
        n, people = len(self.said), len(self.speakers)
        plan.pages.append(
            Generated(
                f"{ROOT}/index.md",
                _("Quotes"),
                ngettext(
                    "{n} quote from {people} people, by year, topic, outlet and speaker; "
                    "each linked to the paragraph where it stands.",
                    "{n} quotes from {people} people, by year, topic, outlet and speaker; "
                    "each linked to the paragraph where it stands.",
                    n,
                    people=number(people),
                ),
                self._overview_html,
                toc=tuple((a, _(t)) for a, t in OVERVIEW_TOC) if n else (),
            )
        )
        for facet, noun, _title in FACETS:

            def facet_html(here: str, facet: str = facet, noun: str = noun) -> str:
                return self._facet_html(here, facet, noun)

            plan.add(
                f"{ROOT}/{facet}/index.md",
                _(FACET_WORDS[facet][0]),
                _(FACET_WORDS[facet][1]),
                facet_html,
            )
        plan.add(
            f"{ROOT}/speakers/index.md",
            _("Everyone quoted"),
            _("Everyone quoted in the archive, A–Z, with their number of quotes."),
            self._speakers_html,
        )
        plan.pages.extend(lists.pages)

    def _facet_values(self) -> None:
        by: dict[str, dict[str, FacetValue]] = {f: {} for f, _, _ in FACETS}

        def add(facet: str, key: str, label: str, entity: Entity | None, s: Said) -> None:
            value = by[facet].get(key)
            if value is None:
                value = by[facet][key] = FacetValue(facet, key, label, entity, [])
            value.said.append(s)

        for s in self.said:
            a = s.quote.article
            if a.date:
                add("years", f"{a.date.year:04d}", str(a.date.year), None, s)
            for t in a.refs.get("topics", []):
                add("topics", t.id, t.name, t, s)
            if a.outlet:
                add("outlets", a.outlet.id, a.outlet.name, a.outlet, s)
        self.facets["years"] = sorted(by["years"].values(), key=lambda v: v.key, reverse=True)
        for facet in ("topics", "outlets"):
            self.facets[facet] = sorted(
                by[facet].values(), key=lambda v: (-v.count, v.label.casefold())
            )

    def _plan_list(self, lists: Plan, value: FacetValue, title: str) -> None:
        per_speaker: dict[int, list[Said]] = {}
        for s in value.said:
            per_speaker.setdefault(id(s.speaker), []).append(s)
        order = sorted(
            per_speaker.values(), key=lambda ss: (-len(ss), ss[0].speaker.name.casefold())
        )
        value.ordered = [s for ss in order for s in ss]

        def list_html(here: str, t: str, items: Sequence[Said], pager: Pager) -> str:
            return self._list_html(here, t, items, pager, value)

        first = len(lists.pages)
        siblings = self.facets[value.facet]
        at = siblings.index(value)
        lists.series(
            value.url.rstrip("/"),
            value.ordered,
            title,
            ngettext(
                "{title}: {n} quote, grouped by who said them.",
                "{title}: {n} quotes, grouped by who said them.",
                value.count,
                title=title,
            ),
            list_html,
            # the pages show the value's quotes (first page: its latest and its speakers),
            # where each speaker's quotes are, and (years) the years before and after
            inputs=lists.inputs(
                (s.quote.article for s in value.ordered),
                [(s.quote.index, s.speaker.src_uri) for s in value.ordered],
                [(s.quote.index, s.quote.article.src_uri) for s in value.said[:LATEST]],
                sorted({self.speaker_url(s.speaker) for s in value.said}),
                [(v.label, v.url) for v in siblings[max(0, at - 1) : at + 2]],
            ),
        )
        value.pages = [g.url for g in lists.pages[first:]]
        at = 0
        for ss in order:
            page = value.pages[at // self.per_page]
            value.groups.append(Group(ss[0].speaker, len(ss), f"{page}#s-{ss[0].speaker.id}"))
            at += len(ss)

    def _list_html(
        self, here: str, title: str, items: Sequence[Said], pager: Pager, value: FacetValue
    ) -> str:
        first = pager.number == 1
        runs: list[tuple[Entity, bool, int, list[Markup]]] = []  # speaker, continued, total, items
        counts = {id(g.speaker): g.count for g in value.groups}
        before = value.ordered[(pager.number - 1) * self.per_page - 1] if not first else None
        for s in items:
            if not runs or runs[-1][0] is not s.speaker:
                continued = not runs and before is not None and before.speaker is s.speaker
                runs.append((s.speaker, continued, counts[id(s.speaker)], []))
            runs[-1][3].append(self.item(s, here))
        siblings = self.facets[value.facet]
        at = siblings.index(value)
        return self.renderer.render(
            "quotes_list",
            here=here,
            title=title,
            value=value,
            first=first,
            latest=[self.item(s, here, link_speaker=True) for s in value.said[:LATEST]]
            if first and value.count > LATEST
            else [],
            groups=value.groups if first else [],
            runs=runs,
            pager=pager,
            people=len(value.groups),
            local=lambda url: local_href(url, value.url),
            newer=siblings[at - 1] if value.facet == "years" and at > 0 else None,
            older=siblings[at + 1] if value.facet == "years" and at + 1 < len(siblings) else None,
            speaker_url=self.speaker_url,
        )

    def _overview_html(self, here: str) -> str:
        # Bars without links: axe calls links inside an SVG of role "img" nested controls
        # (charts.py); each year's list is linked just below the chart.
        chart = timeline_svg(Counter({v.key: v.count for v in self.facets["years"]}), "quotes")
        return self.renderer.render(
            "quotes_index",
            facet_words=FACET_WORDS,
            here=here,
            total=len(self.said),
            articles=len({id(s.quote.article) for s in self.said}),
            speakers=self.speakers,
            top=self.speakers[:TOP_SPEAKERS],
            facets=[(f, noun, self.facets[f]) for f, noun, _title in FACETS],
            chart=Markup(chart),
            latest=[self.item(s, here, link_speaker=True) for s in self.said[:LATEST]],
            speaker_url=self.speaker_url,
        )

    def _facet_html(self, here: str, facet: str, noun: str) -> str:
        return self.renderer.render(
            "quotes_index",
            facet_words=FACET_WORDS,
            here=here,
            total=len(self.said),
            facet_page=(facet, noun, self.facets[facet]),
            speaker_url=self.speaker_url,
        )

    def _speakers_html(self, here: str) -> str:
        people = sorted(
            self.speakers, key=lambda pn: (letter_of(pn[0].name), pn[0].name.casefold())
        )
        letters: dict[str, list[tuple[Entity, int]]] = {}
        for person, n in people:
            letters.setdefault(letter_of(person.name), []).append((person, n))
        return self.renderer.render(
            "quotes_index",
            facet_words=FACET_WORDS,
            here=here,
            total=len(self.said),
            letters=letters,
            speakers=people,
            speaker_url=self.speaker_url,
        )

    # -- one quote ------------------------------------------------------------------------------

    def item(self, s: Said, here: str, *, link_speaker: bool = False) -> Markup:
        """One quote in a list: the words, then who, where and when, with the link to its
        paragraph. Made once per quote (it is on three or four lists), with links from the
        root, and placed by replacing the root marker."""
        key = id(s) * 2 + link_speaker
        item = self._items.get(key)
        if item is None:
            item = self._items[key] = self._item(s, link_speaker)
        return Markup(item.replace("\x00", base(here)))

    def _item(self, s: Said, link_speaker: bool) -> str:
        a, q = s.quote.article, s.quote
        site_lang = self.renderer.site_lang
        other = a.language if a.language and a.language != site_lang else None
        lang = f' lang="{escape(other)}"' if other else ""
        who = escape(s.speaker.name)
        if link_speaker:
            who = Markup(f'<a href="\x00{escape(s.speaker.url)}">{who}</a>')
        where = [str(who), f'<a href="\x00{escape(a.url)}#{q.anchor}"{lang}>{escape(a.title)}</a>']
        if a.outlet:
            where.append(str(escape(a.outlet.name)))
        d = a.date
        where.append(f'<time datetime="{d.iso()}">{date_text(d)}</time>' if d else _("undated"))
        return f"<li><blockquote{lang}>{escape(q.text)}</blockquote><p>{' · '.join(where)}</p></li>"


def local_href(target: str, here: str) -> str:
    """A link from a list's first page (`here`) to one of its pages: `3/#s-x`, or `#s-x`:
    the index of a long list holds hundreds of them, so they are written short."""
    if target.startswith(here):
        return target[len(here) :] or "./"
    return href(target, here)
