"""The quotes explorer (site/quotes.py), the Quotes and Data tabs, and the home page's way in:
real builds of a small archive whose facets and counts the tests know by construction."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from conftest import article, lines_of, make_archive, only, run_check, sha256
from sitebuild import MKDOCS_YML, build_site, page, resolve, target_exists

from site_builder.site import quotes as explorer
from site_builder.site.quotes import local_href

PER_PAGE = 1  # the plugin's per_page: three quotes a list page
QUOTES_PER_PAGE = PER_PAGE * explorer.PAGE_FACTOR  # the explorer shows more quotes a page

PEOPLE = {
    "artur-lastayev": {"name": "Artur Lastayev"},
    "usen-suleimen": {"name": "Usen Suleimen"},
    "aliya-nurova": {"name": "Aliya Nurova"},
}
OUTLETS = {
    "example-news": {"name": "Example News"},
    "steppe-herald": {"name": "Steppe Herald"},
}
TOPICS = {"torture": {"name": "Torture"}, "elections": {"name": "Elections"}}
WORDS = "river mountain harvest lantern orchard meadow copper violet anchor pebble".split()

# id -> (outlet, date, topics, speakers of its quotes in order)
ARTICLES = {
    "2022-many": ("Example News", "2022-10-01", ["Elections"], ["Artur Lastayev"] * 16),
    "2023-first": ("Example News", "2023-03-01", ["Torture"], ["Artur Lastayev", "Usen Suleimen"]),
    "2024-second": (
        "Example News", "2024-05-02", ["Torture", "Elections"], ["Artur Lastayev"] * 3,
    ),
    "2024-third": (
        "Steppe Herald", "2024-07-03", ["Elections"],
        ["Artur Lastayev", "Aliya Nurova", "Artur Lastayev"],
    ),
    "2025-fourth": ("Steppe Herald", "2025-01-04", [], ["Usen Suleimen"] * 2),
    "2025-fifth": ("Example News", "2025-02", ["Torture"], ["Aliya Nurova", "Artur Lastayev"]),
}  # fmt: skip
ID_OF = {v["name"]: k for k, v in PEOPLE.items()}


def quote_text(article_id: str, n: int) -> str:
    w = WORDS[n % len(WORDS)]
    return f"The {w} report number {n} of {article_id.split('-')[1]} was {WORDS[(n + 3) % 10]}"


def quotes_archive(root: Path) -> Path:
    articles, captures = {}, {}
    for aid, (outlet, date, topics, speakers) in ARTICLES.items():
        texts = [quote_text(aid, n) for n in range(len(speakers))]
        body = "\n\n".join(f"Someone said: “{t}.” Then more followed." for t in texts)
        capture = f"{outlet.lower().replace(' ', '-')}/{aid[:4]}/{aid}.txt"
        captures[capture] = body
        articles[aid] = article(
            body,
            title=f"Article {aid}",
            outlet=outlet,
            date=date,
            topics=topics,
            speakers=sorted(set(speakers)),
            quotes=[{"by": s, "text": t} for s, t in zip(speakers, texts, strict=True)],
            url=f"https://example.org/{aid}",
            capture=f"archive/{capture}",
            sha256=sha256(body),
        )
    return make_archive(
        root, articles=articles, people=PEOPLE, outlets=OUTLETS, topics=TOPICS,
        organizations={}, captures=captures,
    )  # fmt: skip


def expected() -> dict[str, dict[str, list[tuple[str, str]]]]:
    """facet -> value key -> every (article URL, #q-N) it must list."""
    out: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    topic_id = {v["name"]: k for k, v in TOPICS.items()}
    outlet_id = {v["name"]: k for k, v in OUTLETS.items()}
    for aid, (outlet, date, topics, speakers) in ARTICLES.items():
        url = f"articles/{aid[:4]}/{aid}/"
        for n in range(len(speakers)):
            q = (url, f"q-{n + 1}")
            out["years"][date[:4]].append(q)
            out["outlets"][outlet_id[outlet]].append(q)
            for t in topics:
                out["topics"][topic_id[t]].append(q)
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = quotes_archive(tmp_path_factory.mktemp("quotes"))
    # The sections as tabs, as the shipped mkdocs.yml has them; the nav is the plugin's.
    yml = MKDOCS_YML.format(plugin_options=f":\n      per_page: {PER_PAGE}")
    yml = yml.replace("  font: false\n", "  font: false\n  features: [navigation.tabs]\n")
    (root / "mkdocs.yml").write_text(yml, encoding="utf-8")
    return build_site(root, strict=True)


def test_the_test_archive_is_clean(tmp_path: Path) -> None:
    diags = run_check(quotes_archive(tmp_path))
    assert not [d for d in diags if d.severity == "error"], lines_of(diags)


def list_pages(site: Path, first: str) -> list[str]:
    """The URLs of a paged list, from its first page along its rel=next links."""
    urls = [first]
    while True:
        nxt = page(site, urls[-1]).select_one('.sb-pager a[rel="next"]')
        if nxt is None:
            return urls
        urls.append(resolve(urls[-1], nxt["href"])[0])


def listed(site: Path, url: str) -> list[tuple[str, str]]:
    """(article URL, anchor) of every quote in the grouped lists of page `url` (not the
    'Latest' box, which repeats a few)."""
    out = []
    for li in page(site, url).select("ol.sb-qx:not(.sb-qx--latest) > li"):
        link = li.select_one('p a[href*="#q-"]')
        out.append(resolve(url, link["href"]))
    return out


@pytest.mark.parametrize("facet", ["years", "topics", "outlets"])
def test_every_quote_is_listed_once_under_each_of_its_facet_values(site: Path, facet: str) -> None:
    for key, quotes in expected()[facet].items():
        pages = list_pages(site, f"quotes/{facet}/{key}/")
        assert len(pages) == math.ceil(len(quotes) / QUOTES_PER_PAGE), (key, pages)
        found = [q for url in pages for q in listed(site, url)]
        assert Counter(found) == Counter(quotes), (facet, key)
        assert all(len(listed(site, url)) <= QUOTES_PER_PAGE for url in pages)


def test_the_overview_lists_every_facet_value_with_its_count(site: Path) -> None:
    soup = page(site, "quotes/")
    intro = soup.select_one(".sb-intro").get_text(" ", strip=True)
    total = sum(len(s) for *_, s in ARTICLES.values())
    assert intro.startswith(f"{total} quotes from 3 people in {len(ARTICLES)} articles"), intro
    for facet, values in expected().items():
        section = soup.select_one(f"#by-{facet[:-1]}").parent
        shown = {
            resolve("quotes/", li.a["href"])[0]: li.a.span.get_text()
            for li in section.select("ul.sb-qx-facet > li")
        }
        assert shown == {
            f"quotes/{facet}/{k}/": f"{len(v)} quote{'s' * (len(v) != 1)}"
            for k, v in values.items()
        }
        # the facet's own page lists the same
        facet_page = page(site, f"quotes/{facet}/")
        assert len(facet_page.select("ul.sb-qx-facet > li")) == len(values)
    # the year chart: a bar a year, with its count
    bars = [r.title.get_text() for r in soup.select(".sb-timeline svg rect")]
    assert bars == [f"{y}: {len(q)}" for y, q in sorted(expected()["years"].items())]


def test_most_quoted_and_everyone_quoted_lead_to_their_quotes(site: Path) -> None:
    counts = Counter(ID_OF[s] for *_, speakers in ARTICLES.values() for s in speakers)
    for url in ("quotes/", "quotes/speakers/"):
        soup = page(site, url)
        section = soup.select_one("#most-quoted").parent if url == "quotes/" else soup
        rows = section.select("ul.sb-qx-facet > li")
        got = {resolve(url, li.a["href"]): li.a.span.get_text() for li in rows}
        want = {
            # more than the person's page shows: their own quotes pages; else their page's
            (f"people/{pid}/quotes/", "") if n > 20 else (f"people/{pid}/", "sb-quotes"):
                f"{n} quotes"
            for pid, n in counts.items()
        }  # fmt: skip
        assert got == want, url
        for li in rows:
            assert target_exists(site, url, li.a["href"]), li.a["href"]
    names = [li.a.contents[0] for li in page(site, "quotes/speakers/").select(".sb-qx-facet li")]
    assert names == sorted(names)


def test_the_index_of_who_is_quoted_leads_to_each_group(site: Path) -> None:
    """On a list's first page: each speaker, their number of quotes in the list, and a link to
    the page and heading where their group starts; the group holds that many quotes."""
    first = "quotes/topics/torture/"
    pages = list_pages(site, first)
    soup = page(site, first)
    who = soup.select("ol.sb-qx-who > li")
    assert [li.a.contents[0].strip() for li in who] == [
        "Artur Lastayev", "Aliya Nurova", "Usen Suleimen"
    ]  # fmt: skip
    assert [li.span.get_text() for li in who] == ["5 quotes", "1 quote", "1 quote"]
    assert who[0].a["href"] == "#s-artur-lastayev"  # short links: the index can be long
    assert who[1].a["href"] == "2/#s-aliya-nurova"
    for li in who:
        url, frag = resolve(first, li.a["href"])
        assert page(site, url).find(id=frag).name == "h2"
    # Artur's five quotes: four on page 1, the fifth on page 2 under "(continued)"
    heads = [h.get_text(" ", strip=True) for h in page(site, pages[1]).select("h2.sb-qx-speaker")]
    assert heads[0].startswith("Artur Lastayev (continued)"), heads
    assert page(site, pages[1]).select_one(".sb-qx-back a")["href"].endswith("#who")


def test_a_group_lists_its_speaker_newest_first(site: Path) -> None:
    group = page(site, "quotes/topics/torture/").select_one("#s-artur-lastayev")
    dates = [t["datetime"] for t in group.find_next("ol").select("time")]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2025-02", dates


def test_each_quote_names_speaker_article_outlet_and_date(site: Path) -> None:
    li = page(site, "quotes/years/2023/").select_one("#s-usen-suleimen").find_next("li")
    assert li.blockquote.get_text() == quote_text("2023-first", 1)
    meta = li.p.get_text(" ", strip=True)
    assert meta == "Usen Suleimen · Article 2023-first · Example News · 1 March 2023", meta
    assert li.p.a["href"] == "../../../articles/2023/2023-first/#q-2"


def test_every_link_of_the_explorer_resolves(site: Path) -> None:
    """Links to articles' #q-N anchors included: each names an element of the article page."""
    checked = 0
    for html in (site / "quotes").rglob("index.html"):
        url = html.parent.relative_to(site).as_posix() + "/"
        for a in page(site, url).select("article a[href]"):
            href = a["href"]
            if href.startswith(("http:", "https:")):
                continue
            assert target_exists(site, url, href), (url, href)
            checked += "#q-" in href
    assert checked > 100


def test_years_link_to_the_year_before_and_after(site: Path) -> None:
    nav = page(site, "quotes/years/2024/").select_one(".sb-qx-years")
    links = {a["rel"][0]: resolve("quotes/years/2024/", a["href"])[0] for a in nav.select("a")}
    assert links == {"prev": "quotes/years/2023/", "next": "quotes/years/2025/"}


def test_latest_quotes_lead_the_first_page_of_a_long_list(site: Path) -> None:
    latest = page(site, "quotes/years/2022/").select("ol.sb-qx--latest > li")
    assert len(latest) == 10
    # linked speaker (the groups' items name theirs in plain text, under their heading)
    assert latest[0].p.a["href"].endswith("people/artur-lastayev/")


def test_quotes_and_data_are_tabs_of_every_page(site: Path) -> None:
    for url in ("", "quotes/years/2024/", "articles/2024/2024-second/"):
        soup = page(site, url)
        tabs = {a.get_text(strip=True): a["href"] for a in soup.select(".md-tabs__link")}
        assert "Quotes" in tabs and "Data" in tabs, tabs
        assert resolve(url, tabs["Quotes"])[0] == "quotes/"
        assert resolve(url, tabs["Data"])[0] == "data/"


def test_the_home_page_leads_to_the_quotes(site: Path) -> None:
    soup = page(site, "")
    tile = next(a for a in soup.select("a.sb-total") if "quotes" in a.get_text())
    assert resolve("", tile["href"])[0] == "quotes/"
    section = soup.select_one("#most-quoted").parent
    first = section.select_one("li")
    assert first.a.get_text() == "Artur Lastayev"
    assert resolve("", first.select_one("a.sb-count")["href"])[0] == "people/artur-lastayev/quotes/"
    more = section.select_one(".sb-more a")
    total = sum(len(s) for *_, s in ARTICLES.values())
    assert resolve("", more["href"])[0] == "quotes/" and f"All {total} quotes" in more.get_text()


def test_an_archive_without_quotes_has_an_explorer_that_says_so(tmp_path: Path) -> None:
    make_archive(tmp_path, articles={"2025-x": article("Text.")})
    site = build_site(tmp_path)
    soup = page(site, "quotes/")
    assert "has no quotes yet" in soup.select_one(".sb-intro").get_text()
    assert not (site / "quotes" / "years" / "2025").exists()


def test_local_links_are_short_and_right() -> None:
    here = "quotes/topics/x/"
    assert local_href("quotes/topics/x/#s-a", here) == "#s-a"
    assert local_href("quotes/topics/x/3/#s-a", here) == "3/#s-a"
    assert local_href("quotes/topics/x/", here) == "./"
    assert local_href("people/a/", here) == "../../../people/a/"


@pytest.mark.parametrize("rel", ["quotes/years.md", "quotes.md", "quotes/index.md"])
def test_pages_in_the_explorers_place_fail_the_check(tmp_path: Path, rel: str) -> None:
    make_archive(tmp_path, articles={"2025-x": article("Text.")})
    path = tmp_path / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# Mine\n", encoding="utf-8")
    found = only(run_check(tmp_path), f"content/{rel}: error: ")
    assert found and "would take the place of what the build writes at quotes" in found[0].message
