"""Breadcrumbs on every page but home, their JSON-LD, and the tab of the page's section
active on every page."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from conftest import article, make_archive
from sitebuild import build_site, page, resolve, target_exists

from benchmarks.generate import generate
from site_builder.core import archive as archive_mod
from site_builder.core.dates import MONTHS
from site_builder.core.model import HandPage
from site_builder.site.breadcrumbs import Breadcrumbs, Crumb, nav_page
from site_builder.site.site import Site, SiteOptions

SITE_URL = "https://example.org/archive/"
TABS = {
    "articles": "Articles",
    "people": "People",
    "organizations": "Organizations",
    "outlets": "Outlets",
    "topics": "Topics",
    "about": "About",
    "contributing": "Contribute",
    "quotes": "Quotes",
    "data": "Data",
}


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    root = tmp_path_factory.mktemp("crumbs")
    generate(root, 60, seed=2)
    yml = root / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    plugin = "\n  - site-builder:\n      per_page: 3\n      az_threshold: 5\n      search: false\n"
    text = text.replace("\n  - site-builder\n", plugin)
    text = text.replace("site_url: !ENV [SITE_URL]", f"site_url: {SITE_URL}")
    assert plugin in text and SITE_URL in text
    yml.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def arch(root):
    return archive_mod.load(root)


@pytest.fixture(scope="module")
def site(root):
    return build_site(root)


def _pages(site):
    """Every page of the site MkDocs wrote from a source (not redirects, not the 404)."""
    out = {}
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # a former id's redirect
        out[url] = soup
    return out


def _visible(soup):
    nav = soup.select_one("nav.sb-breadcrumbs")
    if nav is None:
        return None
    return [(a.get_text(), a["href"], a.get("aria-current")) for a in nav.select("ol > li > a")]


def _names(soup):
    return [name for name, _, _ in _visible(soup)]


def _dated(arch, precision):
    return next(a for a in arch.articles if a.date and a.date.precision == precision)


# -- the trails ------------------------------------------------------------------------------


def test_trails_per_kind_of_page(arch):
    site = Site(arch, SiteOptions(per_page=2, az_threshold=5, search=True))
    crumbs = site.breadcrumbs

    def names(src):
        return [c.title for c in crumbs.trail(src)]

    a = _dated(arch, "day")
    year, month = f"{a.date.year:04d}", MONTHS[a.date.month - 1]
    assert names(a.src_uri) == ["Articles", year, month, a.title]
    assert [c.url for c in crumbs.trail(a.src_uri)] == [
        "articles/",
        f"articles/{year}/",
        f"articles/{year}/{a.date.month:02d}/",
        a.url,
    ]
    assert names(f"articles/{year}/{a.date.month:02d}.md") == ["Articles", year, month]
    assert names(f"articles/{year}/index.md") == ["Articles", year]
    assert names("articles/index.md") == ["Articles"]
    person = next(e for e in arch.registry if e.kind == "person")
    assert names(person.src_uri) == ["People", person.name]
    assert names("people/letter-a.md") == ["People", "A"]
    assert names("people/letter-a/2.md") == ["People", "A", "Page 2"]
    assert names("search.md") == ["Search"]
    assert crumbs.trail("index.md") == []
    assert crumbs.trail("not/a/page/of/ours.md") == []
    paged = next(g.src_uri for g in site.generated if g.src_uri.count("/") == 3)
    assert names(paged)[-1].startswith("Page ")


def test_an_article_without_a_month_sits_in_its_year(tmp_path):
    make_archive(
        tmp_path,
        articles={
            "2024-a": article("Text.", title="Year only", date="2024"),
            "2024-b": article("Text.", title="Another year", date="2023-05-01"),
        },
    )
    site = Site(archive_mod.load(tmp_path))
    trail = site.breadcrumbs.trail("articles/2024/2024-a.md")
    assert [(c.title, c.url) for c in trail] == [
        ("Articles", "articles/"),
        ("2024", "articles/2024/"),
        ("Year only", "articles/2024/2024-a/"),
    ]
    # filed under another year than its date: no month page of 2023 between 2024 and it
    names = [c.title for c in site.breadcrumbs.trail("articles/2024/2024-b.md")]
    assert names == ["Articles", "2024", "Another year"]


def test_an_entrys_pages_below_it(arch):
    site = Site(arch, SiteOptions(per_page=2))
    src = next(g.src_uri for g in site.generated if g.src_uri.endswith("/quoted.md"))
    person = site.sources[src.removesuffix("/quoted.md") + ".md"]
    assert [c.title for c in site.breadcrumbs.trail(src)] == ["People", person.name, "Quoted in"]
    page2 = src.removesuffix(".md") + "/2.md"
    assert page2 in site.sources
    assert [c.title for c in site.breadcrumbs.trail(page2)][-2:] == ["Quoted in", "Page 2"]


def test_a_folder_without_a_page_is_no_crumb():
    sources = {
        "guides/how/to.md": HandPage("content/guides/how/to.md", "guides/how/to.md", "", 1, "To"),
        "guides.md": HandPage("content/guides.md", "guides.md", "", 1, None),
    }
    trail = Breadcrumbs(sources).trail("guides/how/to.md")
    assert trail == [Crumb("Guides", "guides/"), Crumb("To", "guides/how/to/")]


def test_crumbs_are_escaped_once():
    section = HandPage("content/x.md", "x.md", "", 1, "<b>&amp; more</b>")
    below = HandPage("content/x/y.md", "x/y.md", "", 1, "Y")
    crumbs = Breadcrumbs({"x.md": section, "x/y.md": below})
    html = crumbs.html(crumbs.trail("x/y.md"), "x/y/")
    assert "&lt;b&gt;&amp;amp; more&lt;/b&gt;" in html
    assert "\\u003cb\\u003e" in crumbs.jsonld(crumbs.trail("x/y.md"), "x/y/")


def test_the_page_itself_is_its_headline_not_a_crumb():
    section = HandPage("content/x.md", "x.md", "", 1, "Section")
    crumbs = Breadcrumbs({"x.md": section})
    assert crumbs.html(crumbs.trail("x.md"), "x/") == ""  # a section's own page: no trail
    assert crumbs.jsonld(crumbs.trail("x.md"), "x/") == ""


def test_nav_page_is_the_nearest_crumb_the_nav_lists():
    class P:
        def __init__(self, url):
            self.url = url

    articles, june = P("articles/"), P("articles/2025/06/")
    trail = [Crumb("Articles", "articles/"), Crumb("2025", "articles/2025/"),
             Crumb("June", "articles/2025/06/"), Crumb("A", "articles/2025/a/")]  # fmt: skip
    assert nav_page([P(""), articles], trail) is articles
    assert nav_page([P(""), articles, june], trail) is june
    assert nav_page([P("")], trail) is None


# -- the built pages -------------------------------------------------------------------------


def test_every_page_below_a_section_has_breadcrumbs_that_resolve(site):
    pages = _pages(site)
    assert _visible(pages[""]) is None
    checked = 0
    for url, soup in pages.items():
        crumbs = _visible(soup)
        if url.count("/") <= 1:  # home and the sections' own pages: the tab says where
            assert crumbs is None, url
            continue
        assert crumbs, url
        # at the top of the content, before the page's own heading
        content = soup.select_one("article.md-content__inner")
        assert content.find(["nav", "h1"], recursive=True).name == "nav", url
        for name, href, cur in crumbs:
            assert cur is None and name, url
            assert target_exists(site, url, href), (url, href)
            assert resolve(url, href)[0] != url, (url, href)
        checked += 1
    assert checked > 150


def test_breadcrumbs_per_kind_in_the_built_site(site, arch):
    a = _dated(arch, "day")
    year, mm = f"{a.date.year:04d}", f"{a.date.month:02d}"
    month = MONTHS[a.date.month - 1]
    assert _names(page(site, a.url)) == ["Articles", year, month]
    assert _names(page(site, f"articles/{year}/{mm}/")) == ["Articles", year]
    assert _names(page(site, f"articles/{year}/")) == ["Articles"]
    person = next(e for e in arch.registry if e.kind == "person")
    assert _names(page(site, person.url)) == ["People"]
    assert _names(page(site, "people/letter-a/")) == ["People"]
    org = next(e for e in arch.registry if e.kind == "organization")
    assert _names(page(site, org.url)) == ["Organizations"]
    assert _visible(page(site, "about/")) is None
    paged = sorted(site.glob("articles/*/*/2/index.html"))
    assert paged, "a month with a second page"
    url = paged[0].parent.relative_to(site).as_posix() + "/"
    assert _names(page(site, url))[-1] == MONTHS[int(url.split("/")[2]) - 1]


def test_breadcrumb_json_ld_is_the_visible_trail(site):
    checked = 0
    for url, soup in _pages(site).items():
        scripts = [
            json.loads(s.get_text()) for s in soup.find_all("script", type="application/ld+json")
        ]
        lists = [d for d in scripts if d.get("@type") == "BreadcrumbList"]
        if _visible(soup) is None:
            assert lists == [], url
            continue
        assert len(lists) == 1, url
        data = lists[0]
        assert data["@context"] == "https://schema.org"
        items = data["itemListElement"]
        visible = _visible(soup)
        assert [i["position"] for i in items] == list(range(1, len(visible) + 1))
        assert all(i["@type"] == "ListItem" for i in items)
        assert [i["name"] for i in items] == [name for name, _, _ in visible], url
        # every item names its absolute URL, the one the link goes to
        for item, (_, href, _) in zip(items, visible, strict=True):
            assert item["item"] == SITE_URL + resolve(url, href)[0], (url, item)
        checked += 1
    assert checked > 150


def _active_tabs(soup):
    return [li.get_text(strip=True) for li in soup.select("nav.md-tabs li.md-tabs__item--active")]


def test_the_tab_of_the_pages_section_is_active_on_every_page(site):
    for url, soup in _pages(site).items():
        section = url.split("/", 1)[0]
        expected = [TABS[section]] if section in TABS else ["Home"] if url == "" else []
        assert _active_tabs(soup) == expected, url


def test_the_active_flag_is_restored_after_each_page(site):
    """The person page after an article page shows People only, and the home page (in the
    nav, rendered after articles) Home only: no flag leaks from one page to the next."""
    pages = _pages(site)
    assert sum(1 for s in pages.values() if len(_active_tabs(s)) > 1) == 0
