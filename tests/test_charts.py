"""The timeline chart: readable labels at any width, bars that lead to their articles."""

from __future__ import annotations

import re
from collections import Counter

from site_builder.site.charts import timeline_svg


def _labels(html: str) -> list[str]:
    axis = re.search(r'<p class="sb-timeline__axis"[^>]*>(.*?)</p>', html).group(1)
    return re.findall(r"<span>([^<]*)</span>", axis)


def test_one_bar_has_one_label():
    html = timeline_svg(Counter({"2025-06": 2}))
    assert _labels(html) == ["June 2025"]
    assert "2 articles in June 2025." in html


def test_a_chart_labels_both_ends_in_html_not_in_the_svg():
    counts = Counter({f"{y}-{m:02d}": 1 for y in (2020, 2021, 2022) for m in range(1, 13)})
    html = timeline_svg(counts)
    assert _labels(html) == ["January 2020", "December 2022"]
    assert "36 articles from January 2020 to December 2022" in html
    assert "<text" not in html  # SVG text shrinks to a few pixels on a phone


def test_bars_and_years_link_where_the_caller_says():
    html = timeline_svg(Counter({"2024": 1, "2025-03": 3}), link=lambda k: f"?year={k[:4]}")
    assert html.count('<a href="?year=2024" tabindex="-1">') == 1  # the bar: no tab stop
    assert '<th scope="row"><a href="?year=2025">2025</a></th>' in html  # the table's year


def test_the_table_follows_the_figure():
    html = timeline_svg(Counter({"2025-06": 2}))
    assert html.index("</figure>") < html.index("<details")  # not inside it (HTML validity)


def test_fixed_keys_show_every_month_of_a_year():
    keys = [f"2024-{m:02d}" for m in range(1, 13)]
    html = timeline_svg(Counter({"2024-02": 4, "2024-11": 1}), keys=keys)
    assert html.count("<rect") == 2 and _labels(html) == ["January 2024", "December 2024"]


def test_bars_that_link_are_no_image_holding_links():
    """axe: an element with role="img" must hold nothing interactive (nested-interactive);
    the bars are hidden from assistive technology, and the caption says what they show."""
    for link in (lambda k: f"?year={k[:4]}", lambda k: None):
        html = timeline_svg(Counter({"2025-06": 2}), link=link)
        assert 'role="img"' not in html and '<svg viewBox="0 0 600 64" aria-hidden="true"' in html
        assert "<figcaption>Articles per month: 2 articles in June 2025.</figcaption>" in html
