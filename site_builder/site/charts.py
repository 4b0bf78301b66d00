"""A small bar chart of articles over time: inline SVG bars, HTML labels, a table of counts.

The bars are an SVG (no text in it: scaled to a phone's width, SVG text shrinks to a few
pixels), each a link when the caller says where a period's articles are. The axis labels
and the caption are HTML, at the page's own size, and the counts per year follow the figure
as a table whose years are links too: that is the keyboard's and the screen reader's way in,
so the bars themselves take no tab stops.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from html import escape

from ..core.i18n import N_, NN_, _, month_title, ngettext

WIDTH, HEIGHT = 600, 64
MAX_BARS = 180  # beyond 15 years of months, bars are years instead

# key ("YYYY" or "YYYY-MM") -> where that period's articles are listed, or None
Link = Callable[[str], str | None]


def _months_between(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def label(key: str) -> str:
    """`2025` or `June 2025`."""
    return key if len(key) == 4 else month_title(int(key[:4]), int(key[5:7]))


# What the chart counts -> its words: the caption per month and per year, the sentence for
# one period and for a span (ngettext's one and many).
WORDS = {
    "articles": (
        N_("Articles"), N_("Articles per month"), N_("Articles per year"),
        NN_("{n} article in {period}.", "{n} articles in {period}."),
        NN_(
            "{n} article from {start} to {end}; the most in {best} ({most}).",
            "{n} articles from {start} to {end}; the most in {best} ({most}).",
        ),
    ),
    "quotes": (
        N_("Quotes"), N_("Quotes per month"), N_("Quotes per year"),
        NN_("{n} quote in {period}.", "{n} quotes in {period}."),
        NN_(
            "{n} quote from {start} to {end}; the most in {best} ({most}).",
            "{n} quotes from {start} to {end}; the most in {best} ({most}).",
        ),
    ),
}  # fmt: skip


def _no_link(key: str) -> str | None:
    return None


def timeline_svg(
    counts: Counter[str],
    what: str = "articles",
    link: Link = _no_link,
    keys: list[str] | None = None,
) -> str:
    """Bars per month (or per year for long spans); year-only dates count in their year.

    ``link`` gives each bar's (and each year's) target; ``keys`` fixes the bars to show
    (e.g. the twelve months of one year), in order.
    """
    if not counts:
        return ""
    years: Counter[str] = Counter()
    for k, n in counts.items():
        years[k[:4]] += n
    if keys is None:
        months = sorted(k for k in counts if len(k) == 7)
        by_month = bool(months) and all(len(k) == 7 for k in counts)
        keys = _months_between(months[0], months[-1]) if by_month else []
        if not by_month or len(keys) > MAX_BARS:
            first, last = int(min(years)), int(max(years))
            keys = [f"{y:04d}" for y in range(first, last + 1)]
    values = [years[k] if len(k) == 4 else counts[k] for k in keys]
    peak = max(values) or 1
    total = sum(counts.values())
    best = keys[values.index(max(values))]
    title, per_month, per_year, one_period, span = WORDS[what]
    if len(keys) == 1:
        desc = ngettext(*one_period, total, period=label(keys[0]))
    else:
        desc = ngettext(
            *span, total, start=label(keys[0]), end=label(keys[-1]), best=label(best),
            most=max(values),
        )  # fmt: skip
    slot = WIDTH / len(keys)
    bar_w = max(min(slot * 0.8, 20), 1)  # a few bars stay bars, not blocks
    bars = []
    for i, (k, v) in enumerate(zip(keys, values, strict=True)):
        if not v:
            continue
        h = max(2.0, (HEIGHT - 2) * v / peak)
        rect = (
            f'<rect x="{i * slot + (slot - bar_w) / 2:.1f}" y="{HEIGHT - h:.1f}" '
            f'width="{bar_w:.1f}" height="{h:.1f}"><title>{escape(label(k))}: {v}</title></rect>'
        )
        target = link(k)
        bars.append(f'<a href="{escape(target)}" tabindex="-1">{rect}</a>' if target else rect)
    ends = [label(keys[0])] if len(keys) == 1 else [label(keys[0]), label(keys[-1])]
    axis = "".join(f"<span>{escape(e)}</span>" for e in ends)
    rows = []
    for y, n in sorted(years.items()):
        target = link(y)
        year = f'<a href="{escape(target)}">{y}</a>' if target else y
        rows.append(f'<tr><th scope="row">{year}</th><td>{n}</td></tr>')
    caption = escape(_(title))
    per_unit = escape(_(per_month if len(keys[0]) == 7 else per_year))
    return (
        # The figure's caption says what the bars show, and the table of years leads where
        # they lead: the bars are for the eye and the mouse (links inside an SVG of role
        # "img" would be interactive content hidden from assistive technology).
        f'<figure class="sb-timeline"><svg viewBox="0 0 {WIDTH} {HEIGHT}" aria-hidden="true" '
        f'preserveAspectRatio="none" focusable="false">{"".join(bars)}</svg>'
        f'<p class="sb-timeline__axis" aria-hidden="true">{axis}</p>'
        f"<figcaption>{per_unit}: {escape(desc)}</figcaption></figure>"
        f'<details class="sb-timeline__table"><summary>{escape(_(per_year))}</summary>'
        f'<table><thead><tr><th scope="col">{escape(_("Year"))}</th>'
        f'<th scope="col">{caption}</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table></details>"
    )
