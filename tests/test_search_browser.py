"""Search end to end: a real MkDocs build, real Pagefind, Debian's Chromium on 127.0.0.1."""

from __future__ import annotations

import re

import pytest
from browser import requires_chromium
from conftest import article, make_archive
from sitebuild import build_site

pytest_plugins = ["browser"]

RU_ID = "2024-05-pravozashchitniki"


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("search")
    make_archive(
        root,
        people={
            "artur-lastayev": {"name": "Artur Lastayev", "aliases": ["Lastaev", "Артур Ластаев"]},
            "usen-suleimen": {
                "name": "Usen Suleimen",
                "aliases": ["Usur Suleimen", "Усен Сулеймен"],
            },
        },
        articles={
            "2025-06-coalition-answers": article(
                "The coalition answered Artur Lastayev. "
                "Usen Suleimen disagreed with the coalition.",
                title="The coalition answers the ombudsman",
                people=["Artur Lastayev", "Usen Suleimen"],
                url="https://example.org/a",
            ),
            "2025-05-suleimen-on-grants": article(
                "Usen Suleimen spoke about grants and the coalition of NGOs.",
                title="Suleimen on grants",
                people=["Usen Suleimen"],
                url="https://example.org/b",
            ),
            RU_ID: article(
                "Правозащитники обеспокоены сокращением грантов. Артур Ластаев ответил.",
                title="Правозащитники и гранты",
                date="2024-05",
                language="ru",
                people=["Артур Ластаев"],
                url="https://example.org/c",
            ),
        },
    )
    site = build_site(root)
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    return site


def _results(page) -> list[str]:
    """The titles of the results, once every one of them has loaded."""
    return page.wait_for_function(
        """() => {
            const titles = [...document.querySelectorAll('#sb-search .sb-hit__title')]
                .map(t => t.innerText.trim());
            return titles.length > 0 && titles.every(t => t !== '') ? titles : null;
        }""",
        timeout=30_000,
    ).json_value()


def _open_search(page, base: str, query: str) -> None:
    """Open the search page for `query` and wait until every result has its title."""
    page.goto(f"{base}search/?q={query}")
    page.wait_for_function(
        """() => {
            const titles = [...document.querySelectorAll('#sb-search .sb-hit__title')];
            return titles.length > 0 && titles.every(t => t.innerText.trim() !== '');
        }""",
        timeout=30_000,
    )


def _count(page) -> int:
    """The number of results the page reports, once it reports one."""
    return page.wait_for_function(
        """() => {
            const m = document.querySelector('#sb-search').innerText.match(/(\\d+) results?/);
            return m === null ? null : Number(m[1]);
        }""",
        timeout=60_000,
    ).json_value()


@requires_chromium
def test_typing_in_the_header_box_shows_the_article(
    search_site, http_server, browser_page, page_errors
):
    base = http_server(search_site).rstrip("/") + "/"
    browser_page.goto(base + "people/usen-suleimen/")
    browser_page.keyboard.press("/")  # the shortcut focuses the header box
    browser_page.keyboard.type("coalition", delay=30)
    hit = browser_page.locator(".sb-search-header a", has_text="The coalition answers")
    hit.first.wait_for(timeout=30_000)
    box = browser_page.locator(".sb-search-input")
    assert box.get_attribute("aria-expanded") == "true"
    # The arrow keys choose a result and Enter opens it.
    box.press("ArrowDown")
    chosen = browser_page.locator('.sb-search-hit[aria-selected="true"] a')
    target = chosen.get_attribute("href")
    assert box.get_attribute("aria-activedescendant") == "sb-search-option-0"
    box.press("Enter")
    browser_page.wait_for_url(re.compile(re.escape(target.rstrip("/")) + "/?$"))
    page_errors.assert_none()


@requires_chromium
def test_header_box_waits_for_two_letters_and_enter_opens_the_search_page(
    search_site, http_server, browser_page, page_errors
):
    base = http_server(search_site).rstrip("/") + "/"
    browser_page.goto(base)
    box = browser_page.locator(".sb-search-input")
    box.click()
    box.type("c")
    browser_page.wait_for_timeout(600)  # longer than the box waits before it searches
    assert browser_page.locator(".sb-search-dropdown").is_hidden()
    box.type("oalition")
    browser_page.locator(".sb-search-hit").first.wait_for(timeout=30_000)
    status = browser_page.locator(".sb-search-status").inner_text()
    assert re.match(r"\d+ results? for “coalition”", status), status
    box.press("Escape")
    assert browser_page.locator(".sb-search-dropdown").is_hidden()
    assert box.input_value() == "coalition"
    box.press("Enter")  # nothing chosen: the search page, with the query in its URL
    browser_page.wait_for_url(re.compile(r"/search/\?q=coalition$"))
    assert "The coalition answers the ombudsman" in _results(browser_page)
    page_errors.assert_none()


@requires_chromium
def test_a_person_filter_changes_the_count_and_stays_in_the_url(
    search_site, http_server, browser_page, page_errors
):
    base = http_server(search_site).rstrip("/") + "/"
    _open_search(browser_page, base, "coalition")
    before = _count(browser_page)
    option = browser_page.get_by_role("group", name="Person").get_by_role(
        "checkbox", name=re.compile("Artur Lastayev")
    )
    option.wait_for(timeout=60_000)  # the facet counts load after the first results
    option.check()
    # Wait for a count again (not "Searching..."), and a different one.
    browser_page.wait_for_function(
        """before => {
            const m = document.querySelector('#sb-search').innerText.match(/(\\d+) results?/);
            return m !== null && Number(m[1]) !== before;
        }""",
        arg=before,
        timeout=60_000,
    )
    assert _count(browser_page) < before
    assert "person=Artur" in browser_page.url
    page_errors.assert_none()


@requires_chromium
def test_an_inflected_cyrillic_query_finds_the_russian_article_from_an_english_page(
    search_site, http_server, browser_page, page_errors
):
    base = http_server(search_site).rstrip("/") + "/"
    _open_search(browser_page, base, "правозащитников")  # the text says "Правозащитники"
    assert "Правозащитники и гранты" in _results(browser_page)
    assert browser_page.evaluate("document.documentElement.lang") == "en"
    page_errors.assert_none()


@requires_chromium
@pytest.mark.parametrize(
    "query, person",
    [("Usur", "Usen Suleimen"), ("Ластаев", "Artur Lastayev"), ("Suleimen", "Usen Suleimen")],
)
def test_a_name_or_alias_finds_the_person_page_first(
    query, person, search_site, http_server, browser_page, page_errors
):
    base = http_server(search_site).rstrip("/") + "/"
    _open_search(browser_page, base, query)
    assert _results(browser_page)[0] == person
    page_errors.assert_none()
