"""The timeline chart: its axis labels never overlap, and its text says what the bars show."""

from __future__ import annotations

import re
from collections import Counter

from site_builder.site.charts import timeline_svg


def _labels(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_one_bar_has_one_label():
    svg = timeline_svg(Counter({"2025-06": 2}))
    assert _labels(svg) == ["June 2025"]
    assert "2 articles in June 2025." in svg


def test_a_narrow_chart_names_its_span_once():
    svg = timeline_svg(Counter({"2024": 1, "2025": 3}))
    assert _labels(svg) == ["2024 – 2025"]


def test_a_wide_chart_labels_both_ends():
    counts = Counter({f"{y}-{m:02d}": 1 for y in (2020, 2021, 2022) for m in range(1, 13)})
    svg = timeline_svg(counts)
    assert _labels(svg) == ["January 2020", "December 2022"]
    assert "36 articles from January 2020 to December 2022" in svg
