"""The interface in Russian and Kazakh: counts, dates, the catalogues, and no English left.

The shipped archive is built with `theme.language: ru` and `kk`, and its home, article, person,
people index, year and search pages (the search page also after search.js ran, in Chromium)
must show no English word of the interface. What may stay in Latin letters (EXCEPTIONS):

- the archive's own words: names and aliases of its entries, their descriptions and role
  titles, articles' titles, summaries and outlets, quotes (all are data, written as the
  sources write them; an article in another language is marked with its own `lang` and is
  left out whole);
- code and file names (`<code>`, `<pre>`: paths, hashes, citations as BibTeX, RIS, CSL-JSON);
- the names of formats and things that have no other name: TECHNICAL below;
- the maintainer's own settings (site_name, the palette's toggle names), which the test's
  configuration gives in the site's language, as a Russian or Kazakh site's would.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Doctype
from sitebuild import REPO

from site_builder.core import archive as archive_mod
from site_builder.core.dates import PartialDate
from site_builder.core.i18n import activate, interface
from site_builder.site.entities import _shown_url

pytest_plugins = ["browser"]

# Names of formats and standards, shown as they are in every language
TECHNICAL = {"Atom", "JSON", "CSV", "SHA-256", "SHA", "BibTeX", "RIS", "CSL-JSON", "CSL",
             "JavaScript", "URL", "id", "Id", "RSS", "Wikidata", "ISO", "RFC", "UTF-8", "Python",
             "pandas", "gzip", "Frictionless", "Data", "Package", "Schema"}  # fmt: skip
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z0-9]+)*")
FILE_NAME = re.compile(r"[\w./<>-]+\.(?:csv|json|xml|gz|txt|bib|ris|html)\b")  # quotes.csv
# a path, an anchor, a column name: `#/$defs/quotes`, `archive/`, `q-N`, `sha256`
CODE = re.compile(r"\S*[/#$_]\S*|\b[a-z]+\d+\b|\bq-[N\d]\b")
LANGUAGE_CODE = re.compile(r"^[A-Z]{2}$")  # "EN" after an article in another language
# (and single letters: the A-Z indexes' letters are the names' initials)
SETTINGS = {
    "ru": {"site_name": "Медиаархив", "dark": "Тёмная тема", "light": "Светлая тема"},
    "kk": {"site_name": "Медиамұрағат", "dark": "Қараңғы тақырып", "light": "Жарық тақырып"},
}
ARTICLE = "articles/2025/2025-cmn-kz-ngos-look-for-new-funding/"
PAGES = {
    "home": "",
    "article": ARTICLE,
    "person": "people/artur-lastayev/",
    "index": "people/",
    "year": "articles/2025/",
    "search": "search/",
}
ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


# -- counts and dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("ru", 1, "1 статья"),
        ("ru", 2, "2 статьи"),
        ("ru", 4, "4 статьи"),
        ("ru", 5, "5 статей"),
        ("ru", 11, "11 статей"),
        ("ru", 21, "21 статья"),
        ("ru", 22, "22 статьи"),
        ("ru", 112, "112 статей"),
        ("ru", 12345, "12\xa0345 статей"),
        ("kk", 1, "1 мақала"),
        ("kk", 5, "5 мақала"),
        ("kk", 12345, "12\xa0345 мақала"),
        ("en", 1, "1 article"),
        ("en", 5, "5 articles"),
        ("en", 12345, "12,345 articles"),
    ],
)
def test_counts_follow_the_languages_plural_rules(lang: str, n: int, expected: str) -> None:
    assert interface(lang).ngettext("{n} article", "{n} articles", n) == expected


def test_the_scripts_get_each_plural_category() -> None:
    """search.js and entity.js choose with Intl.PluralRules: the page gives them a form for
    each CLDR category the language has."""
    ru = interface("ru").plural_forms("{n} article", "{n} articles")
    assert ru == {"many": "{n} статей", "one": "{n} статья", "few": "{n} статьи"}
    assert set(interface("kk").plural_forms("{n} article", "{n} articles").values()) == {
        "{n} мақала"
    }
    assert interface("en").plural_forms("{n} article", "{n} articles") == {
        "other": "{n} articles",
        "one": "{n} article",
    }


@pytest.mark.parametrize(
    ("lang", "date", "expected"),
    [
        ("ru", "2025-01-02", "2 января 2025\u202fг."),
        ("ru", "2025-01", "январь 2025\u202fг."),
        ("ru", "2025", "2025"),
        ("kk", "2025-01-02", "2025\u202fж. 2 қаңтар"),
        ("kk", "2025-01", "2025\u202fж. қаңтар"),
        ("kk", "2025", "2025"),
        ("en", "2025-01-02", "2 January 2025"),
        ("en", "2025-01", "January 2025"),
        ("en", "2025", "2025"),
    ],
)
def test_dates_at_their_precision(lang: str, date: str, expected: str) -> None:
    assert interface(lang).date(PartialDate.parse(date)) == expected


def test_month_names_for_headings() -> None:
    assert interface("ru").month_names()[0] == "Январь"
    assert interface("kk").month_names()[0] == "Қаңтар"
    assert interface("en").month_names()[5] == "June"


def test_an_unknown_language_speaks_english() -> None:
    words = interface("xx")
    assert words.ngettext("{n} article", "{n} articles", 3) == "3 articles"
    assert words.date(PartialDate.parse("2025-06-12")) == "12 June 2025"


# -- the catalogues ------------------------------------------------------------------------


def test_the_catalogues_hold_every_message_translated() -> None:
    """The template has every message of the code and templates, and Russian and Kazakh
    translate each (tools/messages.py --check says the same)."""
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import messages
    finally:
        sys.path.remove(str(REPO / "tools"))
    assert messages.problems() == []


def test_the_package_ships_the_catalogues() -> None:
    """A fresh `pip install` finds them: they are package data."""
    config = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"locale/*/LC_MESSAGES/*"' in config
    import site_builder

    locale = Path(site_builder.__file__).parent / "locale"
    assert (locale / "ru" / "LC_MESSAGES" / "site_builder.po").is_file()
    assert (locale / "kk" / "LC_MESSAGES" / "site_builder.po").is_file()


def test_kazakh_for_material_has_every_key_of_its_english() -> None:
    """Material (9.x) ships no Kazakh: the plugin's partial says every key Material's English
    has (a new key in a Material release shows here), but the search plugin's settings."""
    import material

    key = re.compile(r'^\s*"([^"]+)":', re.M)
    english = Path(material.__file__).parent / "templates/partials/languages/en.html"
    kazakh = REPO / "site_builder/site/theme/partials/languages/kk.html"
    wanted = {
        k for k in key.findall(english.read_text("utf-8")) if not k.startswith("search.config")
    }
    assert wanted <= set(key.findall(kazakh.read_text("utf-8")))


# -- no English left -----------------------------------------------------------------------


def _data_strings(root: Path) -> list[str]:
    """The archive's own words, longest first: they may be in any script."""
    arch = archive_mod.load(root)
    out: set[str] = set()
    for e in arch.registry:
        out.update(e.names)
        out.update(x for x in (e.description, e.abbreviation, e.org_type) if x)
        out.update(r.title for r in e.roles if r.title)
        out.add(e.body)  # a biography (search excerpts: any word of it)
        out.update(_shown_url(u) for u in (e.website, e.home_url) if u)
    for a in arch.articles:
        out.update(x for x in (a.title, a.summary, a.notes) if x)
        out.add(a.body)  # (search excerpts: any word of it)
        out.update(q.text for q in a.quotes)
    return sorted((x for x in out if x.strip()), key=len, reverse=True)


def _build(tmp: Path, lang: str) -> tuple[Path, list[str]]:
    root = tmp / f"archive-{lang}"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "archive", root / "archive")
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    words = SETTINGS[lang]
    config["theme"]["language"] = lang
    config["site_name"] = words["site_name"]
    config.pop("site_description", None)
    config.pop("nav")  # the plugin's sections, named in the site's language
    # The hand-written pages (home, about, contributing) are the maintainer's, in the site's
    # language: a line each here.
    for hand in (root / "content").glob("*.md"):
        hand.write_text(f"# {words['site_name']}\n\n{words['site_name']}.\n", "utf-8")
    for palette, name in zip(config["theme"]["palette"], ("dark", "light"), strict=True):
        palette["toggle"]["name"] = words[name]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    from sitebuild import build_site

    return build_site(root), _data_strings(root)


class _Loader(yaml.SafeLoader):
    """The shipped mkdocs.yml's `!ENV` tags read as empty."""


_Loader.add_constructor("!ENV", lambda loader, node: None)


@pytest.fixture(scope="module", autouse=True)
def _english_afterwards():
    """A build speaks its language until the next (core/i18n.py keeps it for the process):
    the tests after these, which call the site's functions without a build, get English."""
    yield
    activate("en")


@pytest.fixture(scope="module", params=["ru", "kk"])
def translated(request, tmp_path_factory) -> tuple[str, Path, list[str]]:
    lang = request.param
    site, data = _build(tmp_path_factory.mktemp(f"i18n-{lang}"), lang)
    return lang, site, data


def english_words(html: str, lang: str, data: list[str]) -> set[str]:
    """The Latin-letter words of a page outside its exceptions (see the module's docstring)."""
    soup = BeautifulSoup(html, "html.parser")
    for el in soup.select("script, style, code, pre, svg, template"):
        el.decompose()
    data = list(data)
    for el in soup.find_all(attrs={"lang": True}):
        if el.name != "html" and el["lang"].split("-")[0] != lang:
            el.decompose()  # an article's own words, in its own language
    data.sort(key=len, reverse=True)
    # A search result's excerpt is a cut of a page's text: any word of the archive's own
    data_words = {w for s in data for w in LATIN_WORD.findall(s)}
    excerpts: set[str] = set()
    for el in soup.select(".sb-hit__excerpt, .sb-search-hit__excerpt"):
        excerpts |= set(LATIN_WORD.findall(el.get_text())) - data_words
        el.decompose()
    texts = [str(t) for t in soup.find_all(string=True) if not isinstance(t, Doctype)]
    for el in soup.find_all(True):
        texts += [el[a] for a in ATTRIBUTES if isinstance(el.get(a), str)]
        if el.name == "input" and el.get("type") in ("submit", "button"):
            texts.append(el.get("value", ""))  # a button's words (not what a reader typed)
    found: set[str] = {w for w in excerpts if w not in TECHNICAL and len(w) > 1}
    for text in texts:
        for s in data:
            if s in text:
                text = text.replace(s, " ")
        text = CODE.sub(" ", FILE_NAME.sub(" ", text))
        for word in LATIN_WORD.findall(text):
            if word not in TECHNICAL and not LANGUAGE_CODE.match(word) and len(word) > 1:
                found.add(word)
    return found


@pytest.mark.parametrize("name", list(PAGES))
def test_no_english_interface_word(translated, name: str) -> None:
    lang, site, data = translated
    html = (site / PAGES[name] / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    assert english_words(html, lang, data) == set(), f"{name} page ({lang})"


def test_no_english_on_any_other_page(translated) -> None:
    """Every other page the build makes too (the entries of each kind, months, the quotes
    explorer, the Data page, the 404), but the Data page's description of each column: it
    is the schema's own (core/schema.py's field docs, shared with datapackage.json)."""
    lang, site, data = translated
    pages = [p for p in site.rglob("*.html") if not p.relative_to(site).parts[0] == "captures"]
    assert len(pages) > 30
    found = {}
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for cell in soup.select(".sb-dl-columns tbody td:nth-of-type(2)"):
            cell.decompose()
        words = english_words(str(soup), lang, data)
        if words:
            found[str(path.relative_to(site))] = sorted(words)
    assert found == {}


def test_the_scripts_words_are_the_sites(translated) -> None:
    """archive.js starts with the scripts' words in the site's language (search.js's header
    box, the citation buttons), plural forms by CLDR category."""
    lang, site, _data = translated
    script = (site / "assets/site-builder/archive.js").read_text(encoding="utf-8")
    first = script.split("\n", 1)[0]
    assert first.startswith("window.sbWords = {")
    expected = {"ru": '"few":"{n} статьи"', "kk": '"one":"{n} мақала"'}[lang]
    assert expected in first
    assert "Search the archive" not in first


def test_the_feeds_speak_the_sites_language(translated) -> None:
    lang, site, _data = translated
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    person = (site / "people/artur-lastayev/feed.xml").read_text(encoding="utf-8")
    latest, quoted = {
        "ru": ("Новые статьи", "Статьи, где цитируется или упоминается Artur Lastayev"),
        "kk": ("Жаңа мақалалар", "Artur Lastayev сөзі келтірілген"),
    }[lang]
    assert latest in feed and "Latest articles" not in feed
    assert quoted in person and "Articles that" not in person


def test_an_article_in_another_language_keeps_its_lang(translated) -> None:
    lang, site, _data = translated
    soup = BeautifulSoup((site / ARTICLE / "index.html").read_text("utf-8"), "html.parser")
    assert soup.html["lang"] == lang  # the interface's language
    assert soup.select_one(".sb-body")["lang"] == "en"
    assert soup.select_one("h1.sb-title")["lang"] == "en"
    # its subheadings in the theme's table of contents, and in the phone's
    toc = soup.select(".md-nav--secondary .md-ellipsis")
    assert toc and all(s["lang"] == "en" for s in toc)
    phone = soup.select(".sb-toc-phone a")
    assert phone and all(a["lang"] == "en" for a in phone)


def test_the_search_page_after_its_script(translated, http_server, browser_page, page_errors):
    """search.js builds the search page's form, facets and results from the page's words:
    none of them English once it ran, browsing without a query and with one."""
    lang, site, data = translated
    data = ["Lastayev", *data]  # the reader's query, which the results repeat
    base = http_server(site).rstrip("/") + "/"
    page = browser_page
    for query in ("", "?q=Lastayev"):
        page.goto(f"{base}search/{query}")
        page.wait_for_selector(".sb-hit", timeout=15000)
        page.wait_for_timeout(300)
        assert english_words(page.content(), lang, data) == set(), (lang, query)
    # the header's box on another page, with its results open
    page.goto(f"{base}people/")
    box = page.locator(".sb-search-input")
    box.fill("Lastayev")
    page.wait_for_selector(".sb-search-hit", timeout=15000)
    page.wait_for_timeout(300)
    assert english_words(page.content(), lang, data) == set(), (lang, "header")
    # entity.js: a person's articles filtered in the page, its count and its words
    page.goto(f"{base}people/artur-lastayev/?with=people/usen-suleimen#sb-articles")
    page.wait_for_selector(".sb-browse__results li", timeout=15000)
    status = page.locator(".sb-browse__status").text_content()
    one = {"ru": "1 статья", "kk": "1 мақала"}[lang]
    assert status.startswith(one) and "Usen Suleimen" in status, status
    assert english_words(page.content(), lang, data) == set(), (lang, "entity.js")
    page_errors.assert_none()
