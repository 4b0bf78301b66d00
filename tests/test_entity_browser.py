"""An entry's page in Chromium: the timeline, "Appears with" and the filters narrow its
articles in the page (entity.js), the URL says how, and nothing goes wrong or is inaccessible."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from browser import PHONE, PageErrors, axe_violations, format_violations, requires_chromium
from sitebuild import build_site
from test_entity_pages import PERSON, entity_archive

pytest_plugins = ["browser"]

pytestmark = requires_chromium

RESULTS = ".sb-browse__results .sb-articles > li"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(entity_archive(tmp_path_factory.mktemp("entities")), "per_page: 2")


@pytest.fixture
def base(site: Path, http_server: Callable[[Path], str]) -> str:
    return http_server(site)


def _titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator(f"{RESULTS} > a").all_text_contents()


def _dates(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator(f"{RESULTS} time").evaluate_all("els => els.map(e => e.dateTime)")


def _status(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator(".sb-browse [role=status]").text_content() or ""


def test_a_timeline_bar_leads_to_that_years_articles(
    base: str, browser_page, page_errors: PageErrors
) -> None:
    page = browser_page
    page.goto(base + PERSON)
    assert page.locator(RESULTS).count() == 0
    page.locator('.sb-timeline svg a[href="?year=2024#sb-articles"]').click()
    page.wait_for_selector(RESULTS)
    assert _titles(page) == ["A new board", "Why courts matter", "An appeal"]
    assert all(d.startswith("2024") for d in _dates(page))
    assert page.locator(".sb-browse__head strong").text_content() == "3 articles"
    assert _status(page) == "3 articles · 2024"
    assert page.url.endswith(PERSON + "?year=2024#sb-articles")
    assert page.locator("select[name=year]").input_value() == "2024"
    assert page.locator(".sb-by-role").is_hidden()  # the lists by role make way
    # the year in the chart's table leads there too, and back goes back
    page.go_back()
    page.wait_for_function("!document.querySelector('.sb-browse__results').hidden === false")
    assert page.locator(".sb-by-role").is_visible()
    page.locator(".sb-timeline__table summary").click()
    page.locator('.sb-timeline__table a[href="?year=2023#sb-articles"]').click()
    page.wait_for_function("document.querySelector('.sb-browse__head strong')")
    assert _titles(page) == ["A hearing in November", "Courts must open"]
    page_errors.assert_none()


def test_an_appears_with_count_leads_to_the_articles_both_are_in(
    base: str, browser_page, page_errors: PageErrors
) -> None:
    page = browser_page
    page.goto(base + PERSON)
    page.get_by_role("link", name="4 articles with Berik Sadykov").click()
    page.wait_for_selector(RESULTS)
    assert _titles(page) == ["The families", "A new board", "An appeal", "Courts must open"]
    assert _status(page) == "4 articles · with Berik Sadykov"
    assert "?with=people/berik-sadykov" in page.url
    assert page.locator("select[name=with]").input_value() == "people/berik-sadykov"
    # "Show all" clears the filter and brings the lists by role back
    page.locator(".sb-browse__clear").click()
    assert page.locator(".sb-by-role").is_visible()
    assert page.locator(".sb-browse__results").is_hidden()
    assert "?" not in page.url
    page_errors.assert_none()


def test_the_role_filter_changes_the_list(base: str, browser_page, page_errors: PageErrors) -> None:
    page = browser_page
    page.goto(base + PERSON)
    role = page.get_by_label("Role")
    assert role.is_visible()  # shown by entity.js
    role.select_option("author")
    page.wait_for_selector(RESULTS)
    assert _titles(page) == ["Why courts matter"]
    assert _status(page) == "1 article · Wrote"
    assert page.url.endswith("?role=author")
    role.select_option("quoted")
    page.wait_for_function("document.querySelectorAll('.sb-browse__results li').length === 3")
    assert _titles(page) == ["The families", "An appeal", "Courts must open"]
    page.get_by_label("Outlet").select_option("example-news")
    page.wait_for_function("document.querySelectorAll('.sb-browse__results li').length === 2")
    assert "role=quoted" in page.url and "outlet=example-news" in page.url
    role.select_option("")
    page.get_by_label("Outlet").select_option("")
    assert page.locator(".sb-by-role").is_visible()
    page_errors.assert_none()


def test_a_shared_url_opens_with_its_filters(
    base: str, browser_page, page_errors: PageErrors
) -> None:
    page = browser_page
    page.goto(base + PERSON + "?outlet=steppe-herald&year=2024#sb-articles")
    page.wait_for_selector(RESULTS)
    assert _titles(page) == ["Why courts matter"]
    assert page.get_by_label("Outlet").input_value() == "steppe-herald"
    page.goto(base + PERSON + "?month=2023-11")  # a month bar's link
    page.wait_for_selector(RESULTS)
    assert _titles(page) == ["A hearing in November"]
    assert _status(page) == "1 article · November 2023"
    # another language's title keeps its language
    page.goto(base + PERSON + "?year=2025")
    page.wait_for_selector(RESULTS)
    assert page.locator(f"{RESULTS} > a[lang=ru]").text_content() == "Обзор года"
    page_errors.assert_none()


def test_the_person_page_has_no_accessibility_violations(
    base: str, browser_page, page_errors: PageErrors
) -> None:
    page = browser_page
    page.goto(base + PERSON)
    violations = axe_violations(page, impacts=None)
    assert violations == [], format_violations(violations)
    page.get_by_label("Year").select_option("2024")  # the filtered list, too
    page.wait_for_selector(RESULTS)
    violations = axe_violations(page, impacts=None)
    assert violations == [], format_violations(violations)
    page_errors.assert_none()


def _box(page, selector: str) -> dict:  # type: ignore[no-untyped-def]
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


def test_the_infobox_sits_beside_the_text_and_first_on_a_phone(
    base: str, browser_page, page_errors: PageErrors
) -> None:
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(base + PERSON)
    info, chart = _box(page, ".sb-infobox"), _box(page, ".sb-timeline svg")
    assert chart["x"] + chart["width"] <= info["x"]  # beside, not under
    assert chart["y"] < info["y"] + info["height"]
    page.set_viewport_size(PHONE)
    page.goto(base + PERSON)
    info, chart = _box(page, ".sb-infobox"), _box(page, ".sb-timeline svg")
    assert info["y"] + info["height"] <= chart["y"]  # first
    assert info["width"] > PHONE["width"] * 0.8
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    page_errors.assert_none()
