"""The search page in Chromium: pages of results, sort and facets in the URL, browsing by
facets without a query, accessible controls, the names hook, the header's "All results".

A real MkDocs build of 40 articles (two outlets, three years, one person in some), real
Pagefind, Debian's Chromium on 127.0.0.1.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import PHONE, axe_violations, format_violations, open_page, requires_chromium
from conftest import article, make_archive
from sitebuild import build_site

pytest_plugins = ["browser"]

ARTICLES = 40
PER_PAGE = 15  # search.js PER_PAGE
WITH_PERSON = 12  # articles 0..11 name Usen Suleimen
WITNESSES = 34  # article i < 34 names "Witness i": the Person facet has more than 30 values


def _outlet(i: int) -> str:
    return "Example News" if i % 2 == 0 else "Steppe Herald"


def _date(i: int) -> str:
    # 2023, 2024 and 2025; a different day for each, so that every sort has one answer
    return f"{2023 + i % 3}-{1 + i % 12:02d}-{1 + i % 28:02d}"


@pytest.fixture(scope="module")
def page_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-page")
    articles = {}
    for i in range(ARTICLES):
        date = _date(i)
        fields = {"title": f"Grants report number {i}", "outlet": _outlet(i), "date": date}
        fields["people"] = (["Usen Suleimen"] if i < WITH_PERSON else []) + (
            [f"Witness {i:02d}"] if i < WITNESSES else []
        )
        articles[f"{date[:4]}-grants-{i:02d}"] = article(
            f"Number {i}. "
            + "The ministry published figures on the budget and the courts. " * 12
            + "Foreign grants to NGOs were discussed at length.",
            **fields,
        )
    people = {
        "usen-suleimen": {"name": "Usen Suleimen", "aliases": ["Usur Suleimen"]},
        **{f"witness-{i:02d}": {"name": f"Witness {i:02d}"} for i in range(WITNESSES)},
    }
    make_archive(
        root,
        articles=articles,
        people=people,
        outlets={
            "example-news": {"name": "Example News"},
            "steppe-herald": {"name": "Steppe Herald"},
        },
    )
    return build_site(root)


def _wait_results(page) -> list[str]:
    """The titles of the shown results, once the page has rendered them and its facets."""
    page.wait_for_selector(
        "#sb-search[data-sb-results][data-sb-counted]:not([aria-busy])",
        state="attached",
        timeout=30_000,
    )
    return page.locator("#sb-search .sb-hit__title").all_inner_texts()


def _params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


@requires_chromium
def test_a_broad_query_shows_one_page_and_the_pager_keeps_the_page_in_the_url(
    page_site, http_server, browser_page, page_errors
):
    base = http_server(page_site)
    browser_page.goto(base + "search/?q=grants")
    first = _wait_results(browser_page)
    assert len(first) == PER_PAGE  # 40 match: one page of them, not all
    status = browser_page.locator(".sb-sp-status").inner_text()
    assert re.search(rf"\b{ARTICLES} results", status), status
    pager = browser_page.get_by_role("navigation", name="Pages of results")
    assert pager.get_by_role("link", name="Page 3").is_visible()  # 40 / 15: three pages
    assert pager.get_by_role("link", name="Page 1").get_attribute("aria-current") == "page"

    pager.get_by_role("link", name="Page 2").click()
    browser_page.wait_for_url(re.compile(r"[?&]page=2\b"))
    second = _wait_results(browser_page)
    assert len(second) == PER_PAGE and not set(second) & set(first)
    assert _params(browser_page)["q"] == ["grants"]

    browser_page.reload()  # a shared link or a reload shows the same page
    assert _wait_results(browser_page) == second
    browser_page.go_back()  # and the history has the first page
    browser_page.wait_for_url(re.compile(r"/search/\?q=grants$"))
    assert _wait_results(browser_page) == first
    page_errors.assert_none()


@requires_chromium
def test_sorting_by_date_is_in_the_url_and_survives_a_reload(
    page_site, http_server, browser_page, page_errors
):
    base = http_server(page_site)
    browser_page.goto(base + "search/?q=grants&page=2")
    _wait_results(browser_page)
    browser_page.get_by_label("Sort").select_option("oldest")
    browser_page.wait_for_url(re.compile(r"sort=oldest"))
    assert "page" not in _params(browser_page)  # a new order starts at its first page
    oldest = _wait_results(browser_page)
    dates = sorted(_date(i) for i in range(ARTICLES))
    times = browser_page.locator("#sb-search .sb-hit time").evaluate_all(
        "ts => ts.map(t => t.getAttribute('datetime'))"
    )
    assert times == dates[:PER_PAGE]
    browser_page.reload()
    assert _wait_results(browser_page) == oldest
    assert browser_page.get_by_label("Sort").input_value() == "oldest"

    browser_page.get_by_label("Sort").select_option("newest")
    browser_page.wait_for_url(re.compile(r"sort=newest"))
    _wait_results(browser_page)
    times = browser_page.locator("#sb-search .sb-hit time").evaluate_all(
        "ts => ts.map(t => t.getAttribute('datetime'))"
    )
    assert times == dates[::-1][:PER_PAGE]
    page_errors.assert_none()


@requires_chromium
def test_browsing_without_a_query_filters_and_counts_by_facet(
    page_site, http_server, browser_page, page_errors
):
    base = http_server(page_site)
    browser_page.goto(base + "search/")
    _wait_results(browser_page)
    outlets = browser_page.get_by_role("group", name="Outlet")
    herald = outlets.get_by_role("checkbox", name=re.compile(r"^Steppe Herald"))
    assert outlets.locator("label", has_text="Steppe Herald").inner_text().split()[-1] == "20"
    # No query: the articles (an entry is one tick away), the newest first.
    assert re.match(rf"{ARTICLES} results", browser_page.locator(".sb-sp-status").inner_text())
    kinds = browser_page.locator("#sb-search .sb-hit__kind").all_inner_texts()
    assert set(kinds) == {"Article"}
    types = browser_page.get_by_role("group", name="Type")
    people = str(1 + WITNESSES)
    assert types.locator("label", has_text="Person").inner_text().split()[-1] == people
    times = browser_page.locator("#sb-search .sb-hit time").evaluate_all(
        "ts => ts.map(t => t.getAttribute('datetime'))"
    )
    assert times and times == sorted(times, reverse=True)

    herald.check()
    browser_page.wait_for_url(re.compile(r"outlet=Steppe\+Herald"))
    titles = _wait_results(browser_page)
    numbers = [int(t.rsplit(" ", 1)[1]) for t in titles]
    assert numbers and all(n % 2 == 1 for n in numbers)  # Steppe Herald's only
    assert re.match(r"20 results", browser_page.locator(".sb-sp-status").inner_text())
    # The counts follow the selection: of the Herald's 20, articles 1, 3, ..., 11 name him.
    people = browser_page.get_by_role("group", name="Person")
    suleimen = people.locator("label", has_text="Usen Suleimen")
    browser_page.wait_for_function(
        "() => [...document.querySelectorAll('.sb-sp-facet[data-facet=person] label')]"
        ".some(l => /Usen Suleimen\\s*6$/.test(l.innerText.trim()))",
        timeout=30_000,
    )
    suleimen.get_by_role("checkbox").check()
    browser_page.wait_for_url(re.compile(r"person=Usen\+Suleimen"))
    _wait_results(browser_page)
    assert re.match(r"6 results", browser_page.locator(".sb-sp-status").inner_text())
    # Removing a filter from the chips above the results.
    browser_page.get_by_role("button", name="Remove filter Outlet: Steppe Herald").click()
    browser_page.wait_for_function(
        "() => /^12 results/.test(document.querySelector('.sb-sp-status').innerText)",
        timeout=30_000,
    )
    assert _params(browser_page) == {"person": ["Usen Suleimen"]}
    page_errors.assert_none()


@requires_chromium
def test_browsing_loads_the_catalogue_not_pagefinds_word_index(
    page_site, http_server, browser_page, page_errors
):
    """Without a query the page lists and counts from search/catalogue.json and the title
    files of the articles shown; Pagefind (whose search without a term loads every chunk of
    its word index) is loaded only when the reader searches or lists another type."""
    base = http_server(page_site)
    fetched: list[str] = []
    browser_page.on("request", lambda r: fetched.append(urlsplit(r.url).path))
    browser_page.goto(base + "search/?outlet=Steppe+Herald&sort=oldest")
    titles = _wait_results(browser_page)
    assert [int(t.rsplit(" ", 1)[1]) % 2 for t in titles] == [1] * len(titles)
    times = browser_page.locator("#sb-search .sb-hit time").evaluate_all(
        "ts => ts.map(t => t.getAttribute('datetime'))"
    )
    assert times == sorted(times)
    assert "/search/catalogue.json" in fetched
    assert "/search/catalogue/0.json" in fetched
    assert not [p for p in fetched if p.startswith("/pagefind/")]
    # A card names the people of the article it stands for (article i names Witness i).
    first = int(titles[0].rsplit(" ", 1)[1])
    card = browser_page.locator("#sb-search .sb-hit").first.inner_text()
    assert f"Witness {first:02d}" in card
    # The counts are Pagefind's: the type facet's (before any filter) and the people's.
    browser_page.goto(base + "search/")
    _wait_results(browser_page)
    shown = browser_page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.sb-sp-facet label')]
            .map(l => [l.querySelector('input').name + ':' + l.querySelector('input').value,
                       Number(l.querySelector('.sb-count').textContent)]))"""
    )
    pagefind = browser_page.evaluate(
        """async () => {
            const pf = await import('/pagefind/pagefind.js');
            await pf.options({ baseUrl: '/' });
            await pf.filters();
            const all = await pf.search(null, { filters: { type: { any: ['article'] } } });
            const kinds = await pf.search(null, {});
            return { all: all.filters, kinds: kinds.filters.type };
        }"""
    )
    for kind, n in pagefind["kinds"].items():
        assert shown[f"type:{kind}"] == n, kind
    for facet in ("outlet", "year", "person"):
        for value, n in pagefind["all"][facet].items():
            if f"{facet}:{value}" in shown:
                assert shown[f"{facet}:{value}"] == n, (facet, value)
    # Listing people instead of articles: Pagefind answers.
    fetched.clear()
    browser_page.goto(base + "search/?type=person")
    _wait_results(browser_page)
    assert [p for p in fetched if p.startswith("/pagefind/")]
    assert set(browser_page.locator("#sb-search .sb-hit__kind").all_inner_texts()) == {"Person"}
    page_errors.assert_none()


@requires_chromium
def test_without_the_catalogue_browsing_falls_back_to_pagefind(
    page_site, http_server, browser_page
):
    base = http_server(page_site)
    browser_page.route("**/search/catalogue/*.json", lambda route: route.abort())
    browser_page.goto(base + "search/?outlet=Steppe+Herald")
    titles = _wait_results(browser_page)
    assert len(titles) == PER_PAGE
    assert re.match(r"20 results", browser_page.locator(".sb-sp-status").inner_text())


@requires_chromium
def test_every_control_has_a_name_and_axe_finds_nothing(page_site, http_server, chromium_browser):
    base = http_server(page_site)
    for viewport in (None, PHONE):
        with open_page(chromium_browser, viewport=viewport) as (page, errors):
            page.goto(base + "search/?q=grants&outlet=Example+News")
            _wait_results(page)
            unnamed = page.evaluate(
                """() => [...document.querySelectorAll(
                    '#sb-search input, #sb-search select, #sb-search button, #sb-search a,'
                    + ' #sb-search summary')]
                    .filter(e => e.getClientRects().length || e.closest('details'))
                    .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                                 && !e.textContent.trim())
                    .map(e => e.outerHTML)"""
            )
            assert unnamed == []
            violations = axe_violations(page, None)
            assert not violations, format_violations(violations)
            errors.assert_none()


@requires_chromium
def test_on_a_phone_the_facets_fold_into_one_line(page_site, http_server, chromium_browser):
    base = http_server(page_site)
    with open_page(chromium_browser, viewport=PHONE, is_mobile=True, has_touch=True) as (
        page,
        errors,
    ):
        page.goto(base + "search/?q=grants&outlet=Example+News&year=2024")
        _wait_results(page)
        summary = page.locator(".sb-sp-filters > summary")
        assert summary.inner_text().strip() == "Filters (2)"
        assert page.get_by_role("group", name="Person").is_hidden()
        assert summary.bounding_box()["height"] < 60
        summary.click()
        assert page.get_by_role("group", name="Person").is_visible()
        errors.assert_none()


@requires_chromium
def test_names_hook_shows_entries_and_did_you_mean(
    page_site, http_server, browser_page, page_errors
):
    """With a stand-in for names.js: its entries as cards, its suggestion as a link."""
    # names.js (in the bundle) would replace the stand-in: a setter that keeps it
    browser_page.add_init_script(
        """const stub = { lookup: (term) => Promise.resolve({
            entries: [{name: 'Usen Suleimen', url: 'people/usen-suleimen/', kind: 'person',
                       count: 12, matched: term}],
            suggest: {name: 'Usen Suleimen', url: 'people/usen-suleimen/', kind: 'person',
                      count: 12},
        }) };
        Object.defineProperty(window, "sbNames", { get: () => stub, set: () => {} });"""
    )
    base = http_server(page_site)
    browser_page.goto(base + "search/?q=Sulejmenn")  # a spelling nothing in the index has
    browser_page.wait_for_selector(".sb-sp-names:not([hidden])", timeout=30_000)
    card = browser_page.locator(".sb-sp-entry a")
    assert card.inner_text().split("\n")[:2] == ["Usen Suleimen", "Person · 12 articles"]
    assert card.get_attribute("href").endswith("/people/usen-suleimen/")
    browser_page.wait_for_selector("#sb-search[data-sb-counted]", state="attached")
    # Nothing for the query: the results for the name it is close to, said so
    status = browser_page.locator(".sb-sp-status").inner_text()
    assert re.fullmatch(r"No results for “Sulejmenn”; \d+ results for “Usen Suleimen”", status)
    assert browser_page.locator(".sb-sp-results li").count() > 0
    suggestion = browser_page.locator(".sb-sp-suggest")
    assert suggestion.inner_text() == "Did you mean Usen Suleimen?"
    suggestion.get_by_role("link").click()
    browser_page.wait_for_url(re.compile(r"/search/\?q=Usen\+Suleimen$"))
    _wait_results(browser_page)
    assert browser_page.locator("#sb-sp-q").input_value() == "Usen Suleimen"
    page_errors.assert_none()


@requires_chromium
def test_without_names_js_the_page_shows_no_names_box(
    page_site, http_server, browser_page, page_errors
):
    # As if names.js were not there: window.sbNames stays undefined whatever sets it.
    browser_page.add_init_script(
        "Object.defineProperty(window, 'sbNames', {get() {}, set(v) {}, configurable: false});"
    )
    base = http_server(page_site)
    browser_page.goto(base + "search/?q=Suleimen")
    _wait_results(browser_page)
    assert browser_page.evaluate("window.sbNames") is None
    assert browser_page.locator(".sb-sp-names").is_hidden()
    assert browser_page.locator(".sb-sp-names").inner_text() == ""
    page_errors.assert_none()


@requires_chromium
def test_all_results_in_the_header_is_a_link_to_the_search_page(
    page_site, http_server, browser_page, page_errors
):
    base = http_server(page_site)
    browser_page.goto(base)
    box = browser_page.locator(".sb-search-input")
    box.click()
    box.type("grants")
    everything = browser_page.locator(".sb-search-all")
    everything.wait_for(timeout=30_000)
    href = everything.get_attribute("href")
    assert href and urlsplit(href).path.endswith("/search/")
    assert parse_qs(urlsplit(href).query) == {"q": ["grants"]}
    everything.click()
    browser_page.wait_for_url(re.compile(r"/search/\?q=grants$"))
    assert len(_wait_results(browser_page)) == PER_PAGE
    page_errors.assert_none()


@requires_chromium
def test_the_keyboard_keeps_its_place_as_the_view_changes(
    page_site, http_server, browser_page, page_errors
):
    base = http_server(page_site)
    browser_page.goto(base + "search/?q=grants")
    _wait_results(browser_page)
    herald = browser_page.get_by_role("group", name="Outlet").get_by_role(
        "checkbox", name=re.compile(r"^Steppe Herald")
    )
    herald.focus()
    browser_page.keyboard.press("Space")
    browser_page.wait_for_url(re.compile(r"outlet=Steppe\+Herald"))
    _wait_results(browser_page)
    # The facets were drawn again; the focus is on the same box, now ticked.
    assert browser_page.evaluate(
        "() => document.activeElement.type === 'checkbox' && document.activeElement.checked"
        " && document.activeElement.value === 'Steppe Herald'"
    )
    pager = browser_page.get_by_role("navigation", name="Pages of results")
    pager.get_by_role("link", name="Page 2").focus()
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url(re.compile(r"page=2"))
    _wait_results(browser_page)
    assert browser_page.evaluate("document.activeElement.classList.contains('sb-sp-results')")
    page_errors.assert_none()


@requires_chromium
def test_a_long_facet_shows_all_its_values_with_a_box_to_find_one(
    page_site, http_server, browser_page, page_errors
):
    base = http_server(page_site)
    browser_page.goto(base + "search/?q=grants")
    _wait_results(browser_page)
    people = browser_page.get_by_role("group", name="Person")
    assert people.get_by_role("checkbox").count() == 8
    find = people.get_by_role("searchbox", name="Find in Person")
    assert find.is_hidden()
    people.get_by_role("button", name=re.compile(r"^Show all 35")).click()
    assert people.get_by_role("checkbox").count() == 35
    find.fill("witness 3")  # case aside: 30, 31, 32, 33
    names = people.locator(".sb-sp-value__name").all_inner_texts()
    assert names == ["Witness 30", "Witness 31", "Witness 32", "Witness 33"]
    people.get_by_role("checkbox", name=re.compile("Witness 31")).check()
    browser_page.wait_for_url(re.compile(r"person=Witness\+31"))
    assert _wait_results(browser_page) == ["Grants report number 31"]
    page_errors.assert_none()
