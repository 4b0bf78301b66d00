"""Every spelling finds its entry, in a real build: Pagefind and `window.sbNames` in Chromium.

An organization written 'Kozhor' in English articles and 'Кожор' in Russian ones is found by
both spellings (and by 'Kojor'), with the same articles; 'Gisheburian', the site's own
transliteration of 'Гишебурян', is one letter off 'Gisheburyan' and gets "Did you mean".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser import requires_chromium
from conftest import DEFAULT_PEOPLE, article, make_archive
from sitebuild import build_site

from site_builder.core.translit import fold

pytest_plugins = ["browser"]

ROOT = Path(__file__).resolve().parents[1]
KOZHOR = "Kozhor Bureau for Human Rights"
EN_ID, RU_ID, KK_ID = "2025-03-kozhor-report", "2025-04-kozhor-doklad", "2025-05-kozhor-kk"


@pytest.fixture(scope="module")
def names_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("names")
    make_archive(
        root,
        people={
            **DEFAULT_PEOPLE,
            "dinara-gisheburyan": {
                "name": "Dinara Gisheburyan",
                "aliases": ["Динара Гишебурян"],
            },
        },
        organizations={
            "kozhor-bureau": {"name": KOZHOR, "aliases": ["Бюро Кожор по правам человека"]},
            "european-union": {"name": "European Union", "abbreviation": "EU"},
        },
        articles={
            EN_ID: article(
                "The Kozhor Bureau for Human Rights published a report on prisons.",
                title="A report on prisons",
                organizations=[KOZHOR],
            ),
            RU_ID: article(
                "Бюро Кожор по правам человека опубликовало доклад о тюрьмах.",
                title="Доклад о тюрьмах",
                language="ru",
                organizations=["Бюро Кожор по правам человека"],
            ),
            KK_ID: article(
                "Dinara Gisheburyan answered the bureau.",
                title="An answer",
                people=["Dinara Gisheburyan"],
                organizations=[KOZHOR],
            ),
            "2025-06-other": article("Nothing about the bureau.", title="Something else"),
        },
    )
    return build_site(root)


def _open(page, base: str) -> None:
    page.goto(f"{base}search/")
    page.wait_for_function("() => window.sbNames !== undefined")


def _pagefind_articles(page, query: str) -> list[str]:
    """The URLs of the articles Pagefind finds for `query`, with the site's own bundle."""
    return page.evaluate(
        """async (query) => {
            const bundle = new URL("../pagefind/pagefind.js", location.href).href;
            const pagefind = await import(bundle);
            const found = await pagefind.search(query);
            const pages = await Promise.all(found.results.map((r) => r.data()));
            return pages.map((p) => p.url).filter((u) => u.includes("/articles/")).sort();
        }""",
        query,
    )


def _lookup(page, term: str) -> dict:
    return page.evaluate("(term) => window.sbNames.lookup(term)", term)


@requires_chromium
def test_latin_and_cyrillic_spellings_of_an_organization_find_the_same_articles(
    names_site, http_server, browser_page, page_errors
):
    base = http_server(names_site).rstrip("/") + "/"
    _open(browser_page, base)
    latin = _pagefind_articles(browser_page, "Kozhor")
    # the English articles write 'Kozhor', the Russian one 'Кожор': each spelling finds all
    assert [u.rsplit("/", 2)[-2] for u in latin] == [EN_ID, RU_ID, KK_ID]
    assert _pagefind_articles(browser_page, "Кожор") == latin
    assert _pagefind_articles(browser_page, "Kojor") == latin  # Kazakh-style Latin
    # the names are searched, not shown: the excerpt of the Russian article is its text
    excerpt = browser_page.evaluate(
        """async () => {
            const bundle = new URL("../pagefind/pagefind.js", location.href).href;
            const pagefind = await import(bundle);
            const found = await pagefind.search("Kojor");
            const pages = await Promise.all(found.results.map((r) => r.data()));
            return pages.filter((p) => p.url.includes("doklad"))[0].excerpt;
        }"""
    )
    assert "kojor" not in excerpt.lower() and "Кожор" in excerpt
    page_errors.assert_none()


@requires_chromium
def test_a_misspelling_suggests_the_entry_and_another_script_finds_it(
    names_site, http_server, browser_page, page_errors
):
    base = http_server(names_site).rstrip("/") + "/"
    requests: list[str] = []
    browser_page.on("request", lambda r: requests.append(r.url))
    _open(browser_page, base)
    assert not [u for u in requests if u.endswith("names.json")]  # not before the first query

    # the site's own transliteration of 'Гишебурян': found, and "Did you mean" the name
    found = _lookup(browser_page, "Gisheburian")
    assert found["suggest"]["name"] == "Dinara Gisheburyan"
    assert found["suggest"]["url"] == base + "people/dinara-gisheburyan/"
    assert found["suggest"]["kind"] == "person" and found["suggest"]["count"] == 1
    assert [e["name"] for e in found["entries"]] == ["Dinara Gisheburyan"]

    # an alias in another script is a registered spelling: the entry, no suggestion
    found = _lookup(browser_page, "динара ГИШЕБУРЯН")
    assert found["entries"] == [
        {
            "name": "Dinara Gisheburyan",
            "url": base + "people/dinara-gisheburyan/",
            "kind": "person",
            "count": 1,
            "matched": "Динара Гишебурян",
        }
    ]
    assert found["suggest"] is None

    # one or two letters off, in either script
    for typo in ("Gisheburin", "Gishebruyan", "Гишебурьян", "Dinara Gisheburan"):
        assert _lookup(browser_page, typo)["suggest"]["name"] == "Dinara Gisheburyan", typo
    # organizations like people: by a word of the name, in the other script
    found = _lookup(browser_page, "Кожор")
    assert [e["name"] for e in found["entries"]] == [KOZHOR] and found["suggest"] is None
    assert found["entries"][0]["count"] == 3
    assert _lookup(browser_page, "Kozhar")["suggest"]["name"] == KOZHOR
    found = _lookup(browser_page, "Kojor")  # another romanization: the entry, and the name
    assert [e["name"] for e in found["entries"]] == [KOZHOR]
    assert found["suggest"]["name"] == KOZHOR
    # a name among other words: the entry, and no suggestion when it is spelled as registered
    found = _lookup(browser_page, "Kozhor report on prisons")
    assert [e["matched"] for e in found["entries"]] == [KOZHOR] and found["suggest"] is None
    # nothing close, or words that name no one: nothing
    assert _lookup(browser_page, "prisons") == {"entries": [], "suggest": None}
    assert _lookup(browser_page, "for the") == {"entries": [], "suggest": None}
    assert _lookup(browser_page, "") == {"entries": [], "suggest": None}
    assert len([u for u in requests if u.endswith("names.json")]) == 1  # fetched once
    page_errors.assert_none()


@requires_chromium
def test_the_browser_folds_names_as_the_build_does(
    names_site, http_server, browser_page, page_errors
):
    base = http_server(names_site).rstrip("/") + "/"
    _open(browser_page, base)
    samples = [
        "Кожор", "Kozhor", "Гишебурян", "Gishyeburyan", "Әлихан Бөкейхан", "Қасымов Ғалым",
        "Іңкәр Үкілі Ұлы Өскемен Һ", "Smirnoff", "SULEÏMEN", "Łukasz Ærø", "Щукин Цой Юлия",
        "Yerlan-Dmitriy", "«Наше дело»", "Lastayev", "Жанна", "Zhanna",
    ]  # fmt: skip
    data = json.loads((names_site / "search" / "names.json").read_text("utf-8"))
    samples += [s for row in data["entries"] for s in [row[0], *(row[4] if len(row) > 4 else [])]]
    folded = browser_page.evaluate(
        "(texts) => Promise.all(texts.map((t) => window.sbNames.fold(t)))", samples
    )
    assert dict(zip(samples, folded, strict=True)) == {s: fold(s) for s in samples}
    page_errors.assert_none()


@requires_chromium
def test_suleymen_finds_usen_suleimen_in_the_shipped_archive(
    shipped_site, http_server, browser_page, page_errors
):
    base = http_server(shipped_site).rstrip("/") + "/"
    _open(browser_page, base)
    found = _lookup(browser_page, "Suleymen")
    assert found["suggest"]["name"] == "Usen Suleimen"
    assert [e["name"] for e in found["entries"]] == ["Usen Suleimen"]
    assert _pagefind_articles(browser_page, "Suleymen") == _pagefind_articles(
        browser_page, "Suleimen"
    )
    assert _pagefind_articles(browser_page, "Suleymen")  # the shipped article
    page_errors.assert_none()


@requires_chromium
@pytest.mark.parametrize(
    "query, name",
    [
        ("Сулейменнің", "Usen Suleimen"),  # Kazakh genitive
        ("Сүлейменге", "Usen Suleimen"),  # Kazakh dative, in Kazakh letters
        ("Усена Сулеймена", "Usen Suleimen"),  # Russian genitive
        ("Ластаеву", "Artur Lastayev"),  # Russian dative
    ],
)
def test_an_inflected_name_finds_its_entry_first_in_the_shipped_archive(
    query, name, shipped_site, http_server, browser_page, page_errors
):
    base = http_server(shipped_site).rstrip("/") + "/"
    _open(browser_page, base)
    found = _lookup(browser_page, query)
    assert [e["name"] for e in found["entries"]][:1] == [name]
    assert found["suggest"] is None  # a case of the name, not a misspelling
    # On the search page the entry comes first, above the articles.
    browser_page.goto(base + "search/?q=" + query)
    browser_page.wait_for_selector(
        "#sb-search[data-sb-results]:not([aria-busy])", state="attached", timeout=30_000
    )
    first = browser_page.locator("#sb-search .sb-sp-entry a").first
    assert first.locator(".sb-sp-entry__name").inner_text() == name
    assert first.get_attribute("href").endswith("/people/" + name.lower().replace(" ", "-") + "/")
    assert int(browser_page.get_attribute("#sb-search", "data-sb-results")) >= 1
    page_errors.assert_none()


@pytest.fixture(scope="module")
def generated_names(tmp_path_factory) -> Path:
    """The search page's names of the 1,000-article benchmark archive, served with names.js
    alone: no build needed to look names up."""
    from benchmarks.generate import generate
    from site_builder.core import archive as archive_mod
    from site_builder.core.crosslinks import CrossIndex
    from site_builder.data.names import PATH, names_index

    root = tmp_path_factory.mktemp("generated")
    generate(root / "archive", 1000)
    archive = archive_mod.load(root / "archive")
    site = root / "site"
    (site / "search").mkdir(parents=True)
    (site / PATH).write_text(names_index(archive, CrossIndex(archive)), encoding="utf-8")
    script = ROOT / "site_builder" / "site" / "assets" / "search" / "names.js"
    (site / "names.js").write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
    (site / "index.html").write_text(
        '<!doctype html><html lang="en" data-site-root="/"><head><meta charset="utf-8">'
        '<title>Names</title><script src="names.js"></script></head><body></body></html>',
        encoding="utf-8",
    )
    return site


@requires_chromium
@pytest.mark.parametrize(
    "query, name",
    [
        ("Gisheburian", "Dinara Gisheburyan"),  # the site's own transliteration, in its URLs
        ("Gishebouryan", "Dinara Gisheburyan"),
        ("Kojor", "Kozhor Bureau for Human Rights"),
        ("Кожорр", "Kozhor Bureau for Human Rights"),
    ],
)
def test_misspellings_in_the_generated_archive_suggest_the_entry(
    query, name, generated_names, http_server, browser_page, page_errors
):
    base = http_server(generated_names).rstrip("/") + "/"
    browser_page.goto(base)
    found = _lookup(browser_page, query)
    assert found["suggest"]["name"] == name
    assert found["suggest"]["count"] > 100  # the entry of many articles, not a namesake
    page_errors.assert_none()


def _search_page(page, base: str, query: str):
    """The search page for `query`, once its names box and results have come."""
    page.goto(f"{base}search/?q={query}")
    page.wait_for_selector(".sb-sp-names:not([hidden])", timeout=30_000)
    page.wait_for_selector("#sb-search[data-sb-counted]", state="attached", timeout=30_000)
    cards = page.locator(".sb-sp-entry a")
    return [cards.nth(i).inner_text().split("\n")[0] for i in range(cards.count())]


@requires_chromium
@pytest.mark.parametrize("query", ["Gisheburian", "Гишебурьян"])
def test_the_search_page_says_did_you_mean_and_lists_the_person(
    query, names_site, http_server, browser_page, page_errors
):
    """The search page with the real names.js and names.json: the person as a card, "Did you
    mean" naming her, and her article among the results: found by the site's transliteration
    ('gisheburian' is among her article's spellings), or, for a misspelling that finds
    nothing, the results for the name it is close to, said so."""
    base = http_server(names_site).rstrip("/") + "/"
    assert _search_page(browser_page, base, query) == ["Dinara Gisheburyan"]
    suggestion = browser_page.locator(".sb-sp-suggest")
    assert suggestion.inner_text() == "Did you mean Dinara Gisheburyan?"
    results = browser_page.locator(".sb-sp-results a").evaluate_all(
        "(links) => links.map((a) => a.href)"
    )
    assert any(f"/articles/2025/{KK_ID}/" in url for url in results), results
    status = browser_page.locator(".sb-sp-status").inner_text()
    if query == "Гишебурьян":  # her page and her article
        assert status == "No results for “Гишебурьян”; 2 results for “Dinara Gisheburyan”"
    else:
        assert status == "2 results for “Gisheburian”"
    page_errors.assert_none()


@requires_chromium
def test_the_shipped_search_page_says_did_you_mean_usen_suleimen(
    shipped_site, http_server, browser_page, page_errors
):
    base = http_server(shipped_site).rstrip("/") + "/"
    assert _search_page(browser_page, base, "Suleymen") == ["Usen Suleimen"]
    assert browser_page.locator(".sb-sp-suggest").inner_text() == "Did you mean Usen Suleimen?"
    assert browser_page.locator(".sb-sp-results li").count() >= 1
    page_errors.assert_none()


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory) -> Path:
    """The 1,000-article benchmark archive, built with search: Dinara Gisheburyan is its
    most-mentioned person, 'gisheburian' the site's own transliteration in its URLs."""
    from benchmarks.generate import generate

    root = tmp_path_factory.mktemp("generated-site")
    generate(root, 1000)
    return build_site(root)


@requires_chromium
def test_gisheburian_on_the_generated_archives_search_page(
    generated_site, http_server, browser_page, page_errors
):
    base = http_server(generated_site).rstrip("/") + "/"
    assert _search_page(browser_page, base, "Gisheburian")[0] == "Dinara Gisheburyan"
    suggestion = browser_page.locator(".sb-sp-suggest")
    assert suggestion.inner_text() == "Did you mean Dinara Gisheburyan?"
    status = browser_page.locator(".sb-sp-status").inner_text()
    found = int(status.split(" ")[0].replace(",", ""))
    assert found > 100, status  # her articles, found by the spelling they carry
    page_errors.assert_none()
