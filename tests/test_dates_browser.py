"""Walking the dates in Chromium: grid -> month -> next month -> year -> previous year, the
chart's bars and the pager; accessible (axe) and without a page wider than a phone."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import axe_violations, format_violations, open_page, requires_chromium
from conftest import article, make_archive
from playwright.sync_api import expect
from sitebuild import build_site

pytest_plugins = ["browser"]

DATES = {
    "2025-06-04-a": "2025-06-04",
    "2025-06-02-c": "2025-06-02",
    "2025-06-01-d": "2025-06-01",
    "2025-06-b": "2025-06",
    "2025-05-20-e": "2025-05-20",
    "2025-year-f": "2025",
    "2025-year-g": "2025",
    "2024-12-01-h": "2024-12-01",
    "2024-01-09-i": "2024-01-09",
    "2022-03-03-j": "2022-03-03",
}
PHONE = {"width": 390, "height": 844}
# axe's rules, WCAG 2.2 AA's target size (the grid's counts on a phone) among them
AXE = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("dates")
    make_archive(
        root,
        articles={aid: article("Text.", title=f"Story {aid}", date=d) for aid, d in DATES.items()},
    )
    return build_site(root, "per_page: 3\nsearch: false")


def heading(page) -> str:
    page.wait_for_load_state()
    return page.locator("h1").first.inner_text()


@requires_chromium
def test_walk_grid_to_month_to_next_month_to_year_and_back(
    site, http_server, browser_page, page_errors
):
    page = browser_page
    base = http_server(site)
    page.goto(base + "articles/")
    page.get_by_role("link", name="1 article, December 2024").click()
    expect(page).to_have_url(base + "articles/2024/12/")
    assert heading(page) == "December 2024"
    months = page.get_by_role("navigation", name="Months")
    months.get_by_role("link", name="May 2025").click()  # the next month, across the year
    expect(page).to_have_url(base + "articles/2025/05/")
    assert heading(page) == "May 2025"
    page.get_by_role("navigation", name="Months").get_by_role("link", name="All of 2025").click()
    expect(page).to_have_url(base + "articles/2025/")
    assert heading(page) == "2025 (page 1 of 3)"
    page.get_by_role("navigation", name="Years").get_by_role("link", name="2024").click()
    expect(page).to_have_url(base + "articles/2024/")
    expect(page.get_by_role("heading", name="December 2024")).to_be_visible()
    page.get_by_role("navigation", name="Years").get_by_role("link", name="2025").click()
    expect(page).to_have_url(base + "articles/2025/")
    # a bar of the chart (the mouse's way; the keyboard's is the chips and the headings)
    page.locator(".sb-timeline svg a").last.click()
    expect(page).to_have_url(base + "articles/2025/06/")
    assert heading(page) == "June 2025 (page 1 of 2)"
    page_errors.assert_none()


@requires_chromium
def test_the_month_not_known_cell_opens_its_heading_on_the_right_page(
    site, http_server, browser_page, page_errors
):
    page = browser_page
    base = http_server(site)
    page.goto(base + "articles/")
    page.get_by_role("link", name="2 articles, 2025, month not known").click()
    expect(page).to_have_url(base + "articles/2025/page-2/#m-unknown")
    target = page.locator("#m-unknown")
    expect(target).to_have_text("Month not known")
    expect(target).to_be_in_viewport()
    page_errors.assert_none()


@requires_chromium
def test_the_pager_goes_to_a_numbered_page_and_marks_it_current(
    site, http_server, browser_page, page_errors
):
    page = browser_page
    base = http_server(site)
    page.goto(base + "articles/2025/")
    pages = page.get_by_role("navigation", name="Pages")
    pages.get_by_role("link", name="Page 3").click()
    expect(page).to_have_url(base + "articles/2025/page-3/")
    expect(page.locator('.sb-pager [aria-current="page"]')).to_have_text("3")
    page.get_by_role("navigation", name="Pages").get_by_role("link", name="First").click()
    expect(page).to_have_url(base + "articles/2025/")
    page_errors.assert_none()


@requires_chromium
@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize(
    "url", ["articles/", "articles/2025/page-2/", "articles/2025/06/2/", "articles/2024/"]
)
def test_dates_pages_are_accessible_and_fit_a_phone(site, http_server, chromium_browser, url,
                                                     viewport):  # fmt: skip
    base = http_server(site)
    extra = {"is_mobile": True, "has_touch": True} if viewport else {}
    with open_page(chromium_browser, viewport=viewport, **extra) as (page, errors):
        response = page.goto(base + url)
        assert response is not None and response.status == 200
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        violations = axe_violations(page, impacts=None, options=AXE)
        assert violations == [], format_violations(violations)
        errors.assert_none()


@requires_chromium
def test_the_year_chart_nests_no_links_in_an_image(site, http_server, browser_page):
    base = http_server(site)
    browser_page.goto(base + "articles/2025/")
    found = [v.id for v in axe_violations(browser_page, impacts=None, options=AXE)]
    assert "nested-interactive" not in found


@requires_chromium
def test_the_grid_on_a_phone_has_one_letter_months_and_counts_big_enough_to_tap(
    site, http_server, chromium_browser
):
    base = http_server(site)
    with open_page(chromium_browser, viewport=PHONE, is_mobile=True, has_touch=True) as (
        page,
        errors,
    ):
        page.goto(base + "articles/")
        shown = page.locator(".sb-grid thead th > span[aria-hidden]").all_inner_texts()
        assert shown == [*"JFMAMJJASOND", "?"]
        for name in ("January", "December", "Month not known"):  # whole, to a screen reader
            expect(page.get_by_role("columnheader", name=name, exact=True)).to_have_count(1)
        box = page.locator(".sb-grid").bounding_box()
        table = page.locator(".sb-grid table").bounding_box()
        assert table["width"] <= box["width"]  # the grid fits: nothing to scroll sideways
        for link in page.locator(".sb-grid td a").all():
            size = link.bounding_box()
            assert size["width"] >= 24 and size["height"] >= 24, size
        errors.assert_none()
