"""A small timeline chart of appearances per month, as inline SVG with a text alternative."""

from __future__ import annotations

from collections import Counter
from html import escape

from ..core.dates import MONTHS

WIDTH, HEIGHT = 600, 80
MAX_BARS = 180  # beyond 15 years of months, bars are years instead


def _months_between(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _label(key: str) -> str:
    return key if len(key) == 4 else f"{MONTHS[int(key[5:7]) - 1]} {key[:4]}"


def timeline_svg(counts: Counter[str], what: str = "articles") -> str:
    """Bars per month (or per year for long spans); year-only dates count in their year."""
    if not counts:
        return ""
    years: Counter[str] = Counter()
    for k, n in counts.items():
        years[k[:4]] += n
    months = sorted(k for k in counts if len(k) == 7)
    by_month = bool(months) and all(len(k) == 7 for k in counts)
    keys = _months_between(months[0], months[-1]) if by_month else []
    if not by_month or len(keys) > MAX_BARS:
        first, last = int(min(years)), int(max(years))
        keys = [f"{y:04d}" for y in range(first, last + 1)]
        values = [years[k] for k in keys]
    else:
        values = [counts[k] for k in keys]
    peak = max(values) or 1
    total = sum(values)
    best = keys[values.index(max(values))]
    unit = "month" if len(keys[0]) == 7 else "year"
    noun = what if total != 1 else what.rstrip("s")
    if len(keys) == 1:
        desc = f"{total} {noun} in {_label(keys[0])}."
    else:
        desc = (
            f"{total} {noun} from {_label(keys[0])} to {_label(keys[-1])}; "
            f"the most in {_label(best)} ({max(values)})."
        )
    bar_w = min(WIDTH / len(keys), 24)  # a few bars stay bars, not blocks
    bars = []
    for i, (k, v) in enumerate(zip(keys, values, strict=True)):
        if not v:
            continue
        h = max(2.0, (HEIGHT - 16) * v / peak)
        bars.append(
            f'<rect x="{i * bar_w + bar_w * 0.1:.1f}" y="{HEIGHT - 14 - h:.1f}" '
            f'width="{max(bar_w * 0.8, 1):.1f}" height="{h:.1f}"><title>{escape(_label(k))}: {v}</title></rect>'  # noqa: E501
        )
    span = bar_w * len(keys)
    if len(keys) == 1:
        axis = f'<text x="0" y="{HEIGHT - 2}">{escape(_label(keys[0]))}</text>'
    elif span < 160:  # too narrow for a label at each end: one label, "first – last"
        axis = (
            f'<text x="0" y="{HEIGHT - 2}">'
            f"{escape(_label(keys[0]))} – {escape(_label(keys[-1]))}</text>"
        )
    else:
        axis = (
            f'<text x="0" y="{HEIGHT - 2}">{escape(_label(keys[0]))}</text>'
            f'<text x="{span}" y="{HEIGHT - 2}" text-anchor="end">'
            f"{escape(_label(keys[-1]))}</text>"
        )
    table = "".join(
        f'<tr><th scope="row">{y}</th><td>{n}</td></tr>' for y, n in sorted(years.items())
    )
    return (
        f'<figure class="sb-timeline"><svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(what.capitalize())} per {unit}: {escape(desc)}" '
        f'preserveAspectRatio="xMinYMid meet" focusable="false">'
        f"{''.join(bars)}{axis}</svg>"
        f"<figcaption>{escape(desc)}</figcaption>"
        f"<details><summary>{escape(what.capitalize())} per year</summary>"
        f'<table><thead><tr><th scope="col">Year</th><th scope="col">{escape(what.capitalize())}</th></tr></thead>'  # noqa: E501
        f"<tbody>{table}</tbody></table></details></figure>"
    )
