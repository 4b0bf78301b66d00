"""Dates you can walk: the year x month grid, year and month pages, numbered pagination.

Real builds of a small archive (three articles a page, so years and months are paged), and
of the generator's archive, read back with BeautifulSoup; `site-builder verify` on each.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import article, make_archive
from sitebuild import build_site, page, resolve, target_exists

from site_builder.publish.verify import verify
from site_builder.site.plan import Pager, Plan

# Years 2022, 2024 and 2025 (none in 2023): 2025 has four articles in June (one dated to the
# month only), one in May and two whose date gives only the year.
DATES = {
    "2025-06-04-a": "2025-06-04",
    "2025-06-b": "2025-06",
    "2025-06-02-c": "2025-06-02",
    "2025-06-01-d": "2025-06-01",
    "2025-05-20-e": "2025-05-20",
    "2025-year-f": "2025",
    "2025-year-g": "2025",
    "2024-12-01-h": "2024-12-01",
    "2024-01-09-i": "2024-01-09",
    "2022-03-03-j": "2022-03-03",
}
PER_PAGE = 3


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("dates")
    make_archive(
        root,
        articles={
            aid: article("Text.", title=f"Story {aid}", date=date) for aid, date in DATES.items()
        },
    )
    return build_site(root, f"per_page: {PER_PAGE}\nsearch: false")


def ids_listed(soup: BeautifulSoup) -> list[str]:
    """The article ids a page lists, in order."""
    return [a["href"].rstrip("/").rsplit("/", 1)[1] for a in soup.select(".sb-articles > li > a")]


def pages_of(site: Path, first: str) -> list[str]:
    """The URLs of a paged list's pages, in order, found by following its pager."""
    urls: list[str] = []
    url: str | None = first
    while url:
        urls.append(url)
        nxt = page(site, url).select_one('.sb-pager a[rel="next"]')
        url = resolve(url, nxt["href"])[0] if nxt else None
    return urls


def listed_across(site: Path, first: str) -> list[str]:
    """The article ids a paged list lists, across its pages."""
    return [i for url in pages_of(site, first) for i in ids_listed(page(site, url))]


# -- the grid ----------------------------------------------------------------------------


def test_the_grid_counts_each_month_and_links_to_its_articles(site):
    soup = page(site, "articles/")
    assert (
        soup.select_one(".sb-intro").get_text() == "10 articles by year and month of publication."
    )
    table = soup.select_one(".sb-grid table")
    assert table.caption is not None
    heads = [th.get_text() for th in table.select("thead th")]
    assert heads[0] == "Year" and heads[-1] == "Total" and len(heads) == 15
    assert "JanuaryJan" in heads[1] and "Month not known?" in heads[13]
    assert all(th["scope"] == "col" for th in table.select("thead th"))
    rows = table.select("tbody tr")
    assert [r.th.a.get_text() for r in rows] == ["2025", "2024", "2022"]  # newest first
    expected = Counter((date[:4], date[5:7] or "?") for date in DATES.values())
    for row in rows:
        year = row.th.a.get_text()
        assert row.th["scope"] == "row"
        assert target_exists(site, "articles/", row.th.a["href"])
        assert resolve("articles/", row.th.a["href"])[0] == f"articles/{year}/"
        cells = row.find_all("td")
        assert len(cells) == 14
        for col, cell in zip([f"{m:02d}" for m in range(1, 13)] + ["?"], cells[:13], strict=True):
            n = expected[year, col]
            link = cell.a
            if not n:
                assert cell.get_text() == "" and link is None  # empty cells stay empty
                continue
            assert link.get_text() == str(n)
            assert link["aria-label"].startswith(f"{n} article")
            assert target_exists(site, "articles/", link["href"]), link["href"]
            target, frag = resolve("articles/", link["href"])
            if col == "?":
                # where the year's articles of no known month start: the heading's page
                assert frag == "m-unknown"
                listed = ids_listed(page(site, target))
                assert any(DATES[i] == year for i in listed)
            else:
                assert target == f"articles/{year}/{col}/" and not frag
                listed = listed_across(site, target)
                assert sorted(listed) == sorted(
                    i for i, d in DATES.items() if d[:7] == f"{year}-{col}"
                )
        assert cells[13].get_text() == str(sum(v for (y, _), v in expected.items() if y == year))


def test_the_month_not_known_column_is_left_out_when_every_date_has_a_month(tmp_path):
    make_archive(tmp_path, articles={"2025-06-01-a": article(date="2025-06-01")})
    soup = page(build_site(tmp_path, "search: false"), "articles/")
    assert len(soup.select(".sb-grid thead th")) == 14
    assert soup.select_one(".sb-grid__note") is None


def test_an_archive_whose_dates_give_only_years(tmp_path):
    """The shipped archive's case: no month known anywhere, so no month pages, no chart."""
    make_archive(tmp_path, articles={"2025-a": article(date="2025")})
    site = build_site(tmp_path, "search: false")
    cell = page(site, "articles/").select(".sb-grid tbody td a")
    assert [(a.get_text(), resolve("articles/", a["href"])) for a in cell] == [
        ("1", ("articles/2025/", "m-unknown"))
    ]
    year = page(site, "articles/2025/")
    assert year.select_one(".sb-timeline") is None
    assert [h["id"] for h in year.select("h2[id]")] == ["m-unknown"]
    assert year.select_one("nav.sb-walk") is None  # no other year
    assert verify(site, jobs=1) == []


# -- year pages ----------------------------------------------------------------------------


@pytest.mark.parametrize("year", [2025, 2024, 2022])
def test_a_year_lists_every_article_of_the_year_once_across_its_pages(site, year):
    urls = pages_of(site, f"articles/{year}/")
    listed = listed_across(site, urls[0])
    assert sorted(listed) == sorted(i for i, d in DATES.items() if d.startswith(str(year)))
    assert len(listed) == len(set(listed))
    if year == 2025:
        assert urls == ["articles/2025/", "articles/2025/page-2/", "articles/2025/page-3/"]
        # December first, months not known last, newest first within a month
        assert listed == ["2025-06-b", "2025-06-04-a", "2025-06-02-c", "2025-06-01-d",
                          "2025-05-20-e", "2025-year-g", "2025-year-f"]  # fmt: skip


def test_a_month_split_across_pages_keeps_its_heading_on_both(site):
    def headings(url: str) -> list[tuple[str, str]]:
        return [(h["id"], h.get_text(" ", strip=True)) for h in page(site, url).select("h2[id]")]

    assert headings("articles/2025/") == [("m-06", "June 2025")]
    assert headings("articles/2025/page-2/") == [
        ("m-06", "June 2025 (continued)"),
        ("m-05", "May 2025"),
        ("m-unknown", "Month not known"),
    ]
    assert headings("articles/2025/page-3/") == [("m-unknown", "Month not known (continued)")]
    # a month's heading leads to the month's own page
    june = page(site, "articles/2025/page-2/").select_one("h2#m-06 a")
    assert resolve("articles/2025/page-2/", june["href"])[0] == "articles/2025/06/"


def test_a_year_page_has_its_chart_chips_and_table_of_contents(site):
    soup = page(site, "articles/2025/")
    assert soup.h1.get_text() == "2025 (page 1 of 3)"
    assert soup.select_one(".sb-intro").get_text() == "7 articles published in 2025."
    bars = soup.select(".sb-timeline svg a")
    assert [resolve("articles/2025/", a["href"])[0] for a in bars] == [
        "articles/2025/05/",
        "articles/2025/06/",
    ]
    chips = {a.contents[0].strip(): a["href"] for a in soup.select(".sb-months a")}
    assert list(chips) == ["June", "May", "Month not known"]
    assert resolve("articles/2025/", chips["Month not known"]) == (
        "articles/2025/page-2/",
        "m-unknown",
    )
    for href in chips.values():
        assert target_exists(site, "articles/2025/", href), href
    # Material's table of contents lists the months of this page
    toc = [a["href"] for a in soup.select(".md-nav--secondary a.md-nav__link")]
    assert toc == ["#m-06"]
    toc2 = page(site, "articles/2025/page-2/").select(".md-nav--secondary a.md-nav__link")
    assert [a["href"] for a in toc2] == ["#m-06", "#m-05", "#m-unknown"]
    assert "This year is long" not in soup.get_text()


@pytest.mark.parametrize(
    "url, prev, nxt",
    [
        ("articles/2025/", "articles/2024/", None),
        ("articles/2025/page-3/", "articles/2024/", None),
        ("articles/2024/", "articles/2022/", "articles/2025/"),  # no 2023: skipped
        ("articles/2022/", None, "articles/2024/"),
    ],
)
def test_previous_and_next_year_are_the_years_that_have_articles(site, url, prev, nxt):
    nav = page(site, url).select_one('nav.sb-walk[aria-label="Years"]')
    found = {a["rel"][0]: resolve(url, a["href"])[0] for a in nav.select("a[rel]")}
    assert found.get("prev") == prev and found.get("next") == nxt


# -- month pages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, title, prev, nxt",
    [
        ("articles/2022/03/", "March 2022", None, ("January 2024", "articles/2024/01/")),
        ("articles/2024/01/", "January 2024", ("March 2022", "articles/2022/03/"),
         ("December 2024", "articles/2024/12/")),
        ("articles/2024/12/", "December 2024", ("January 2024", "articles/2024/01/"),
         ("May 2025", "articles/2025/05/")),  # across the year's end
        ("articles/2025/06/2/", "June 2025 (page 2 of 2)", ("May 2025", "articles/2025/05/"),
         None),
    ],
)  # fmt: skip
def test_a_month_leads_to_the_months_before_and_after_and_up_to_its_year(
    site, url, title, prev, nxt
):
    soup = page(site, url)
    assert soup.h1.get_text() == title
    assert soup.title.get_text().startswith(title)
    nav = soup.select_one('nav.sb-walk[aria-label="Months"]')

    def link(rel: str) -> tuple[str, str] | None:
        a = nav.select_one(f'a[rel="{rel}"]')
        return (a.get_text(strip=True).strip("←→ "), resolve(url, a["href"])[0]) if a else None

    assert link("prev") == prev and link("next") == nxt
    up = nav.select_one(".sb-walk__up")
    year = url.split("/")[1]
    assert up.get_text() == f"All of {year}"
    assert resolve(url, up["href"])[0] == f"articles/{year}/"


def test_a_long_month_is_paged_and_lists_each_article_once(site):
    first, second = page(site, "articles/2025/06/"), page(site, "articles/2025/06/2/")
    listed = ids_listed(first) + ids_listed(second)
    assert listed == ["2025-06-b", "2025-06-04-a", "2025-06-02-c", "2025-06-01-d"]
    assert first.select_one(".sb-intro").get_text() == "4 articles published in June 2025."


# -- the pager -----------------------------------------------------------------------------


def pager_items(soup: BeautifulSoup, url: str) -> list[str]:
    """The pager as text: numbers, `[n]` for the current page, `…`, and the words."""
    out = []
    for li in soup.select('nav.sb-pager[aria-label="Pages"] li'):
        a = li.a
        if a is None:
            out.append(li.get_text())
        elif a.get("aria-current") == "page":
            assert resolve(url, a["href"])[0] == url
            out.append(f"[{a.get_text()}]")
        else:
            out.append(a.get_text(" ", strip=True).strip("«‹›» "))
    return out


def test_the_year_pager_numbers_its_pages(site):
    url = "articles/2025/page-2/"
    soup = page(site, url)
    assert pager_items(soup, url) == ["First", "Previous", "1", "[2]", "3", "Next", "Last"]
    rel = {a["rel"][0]: resolve(url, a["href"])[0] for a in soup.select(".sb-pager a[rel]")}
    assert rel == {"prev": "articles/2025/", "next": "articles/2025/page-3/"}
    assert soup.select_one('.sb-pager a[aria-label="Page 3"]') is not None
    assert pager_items(page(site, "articles/2025/"), "articles/2025/") == [
        "[1]", "2", "3", "Next", "Last"
    ]  # fmt: skip
    assert soup.title.get_text().startswith("2025 (page 2 of 3)")


@pytest.mark.parametrize(
    "number, count, shown",
    [
        (1, 1, "[1]"),
        (1, 12, "[1] 2 3 … 12"),
        (4, 12, "1 2 3 [4] 5 6 … 12"),  # a gap of one page shows the page
        (6, 12, "1 … 4 5 [6] 7 8 … 12"),
        (12, 12, "1 … 10 11 [12]"),
        (3, 5, "1 2 [3] 4 5"),
    ],
)
def test_the_pager_window(number, count, shown):
    pager = Pager(number, count, tuple(f"p{n}/" for n in range(1, count + 1)))
    items = pager.window()
    text = " ".join(
        "…" if i is None else f"[{i.number}]" if i.number == number else str(i.number)
        for i in items
    )
    assert text == shown
    assert all(i is None or i.url == f"p{i.number}/" for i in items)
    far = [i.number for i in items if i and i.far]
    assert all(abs(n - number) > 1 and n not in (1, count) for n in far)
    assert pager.prev == (f"p{number - 1}/" if number > 1 else None)
    assert pager.next == (f"p{number + 1}/" if number < count else None)


def test_series_pages_of_a_year_take_no_two_digit_names():
    plan = Plan(per_page=2)
    plan.series("articles/2025", list(range(5)), "2025", "d", lambda *a: "",
                page_prefix="page-", index=True, toc=lambda n, items: (("m", f"{n}"),))  # fmt: skip
    assert [g.src_uri for g in plan.pages] == [
        "articles/2025/index.md",
        "articles/2025/page-2.md",
        "articles/2025/page-3.md",
    ]
    assert [g.url for g in plan.pages] == list(plan.page_urls("articles/2025", 5, "page-"))
    assert [g.title for g in plan.pages] == [f"2025 (page {n} of 3)" for n in (1, 2, 3)]
    assert [g.toc for g in plan.pages] == [(("m", "1"),), (("m", "2"),), (("m", "3"),)]


# -- everything resolves -------------------------------------------------------------------


def test_verify_passes_on_the_built_site(site):
    assert verify(site, jobs=1) == []


def test_generated_archive_years_months_and_grid_agree(tmp_path):
    """The generator's archive (60 articles over ten years), five a page: every year's pages
    list its articles once, the grid's counts add up to them, and `verify` passes."""
    from benchmarks.generate import generate

    generate(tmp_path, 60, 1)
    site = build_site(tmp_path, "per_page: 5\nsearch: false")
    grid = page(site, "articles/")
    total = 0
    for row in grid.select(".sb-grid tbody tr"):
        year = int(row.th.a.get_text())
        listed = listed_across(site, f"articles/{year}/")
        files = {p.stem for p in (tmp_path / "content" / "articles" / str(year)).glob("*.md")}
        assert len(listed) == len(set(listed)) and set(listed) == files
        counts = [int(td.get_text()) for td in row.find_all("td")[:-1] if td.get_text()]
        assert sum(counts) == len(files) == int(row.find_all("td")[-1].get_text())
        total += len(files)
    assert re.match(rf"^{total} articles ", grid.select_one(".sb-intro").get_text())
    assert verify(site, jobs=1) == []
