"""Real MkDocs builds of small archives: the pages, their links, and what must fail."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from conftest import article, make_archive
from mkdocs.exceptions import Abort, PluginError
from sitebuild import build_site, page, resolve, target_exists

BODY = (
    "Lastaev said the coalition was wrong.\n\n"
    "Later, Usen Suleimen called it “emotional chatter and an attempt to look like victims”.\n\n"
    "The EU funds projects. Artur Lastayev answered again.\n\n"
    "## Lastaev in a heading\n\n"
    "A [link about Lastaev](https://example.org/) and `Lastaev` in code."
)
QUOTE = "emotional chatter and an attempt to look like victims"
ID = "2025-06-example-story"
URL = f"articles/2025/{ID}/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("archive")
    make_archive(
        root,
        articles={
            ID: article(
                BODY,
                title="Ombudsman answers the coalition",
                speakers=["Usen Suleimen"],
                people=["Artur Lastayev"],
                organizations=["EU"],
                topics=["Torture"],
                quotes=[{"by": "Usen Suleimen", "text": QUOTE}],
                url="https://example.org/story",
                summary="A short summary.",
            ),
            "2024-03-older-story": article(
                "Artur Lastayev spoke about torture.",
                title="An older story",
                date="2024-03",
                people=["Artur Lastayev"],
                topics=["Torture"],
                url="https://example.org/older",
            ),
            "2023-russian-story": article(
                "Артур Ластаев выступил.",
                title="Русская статья",
                date="2023",
                language="ru",
                people=["Артур Ластаев"],
                url="https://example.org/ru",
            ),
        },
    )
    (root / "content" / "index.md").write_text("# Home\n", encoding="utf-8")
    before = sorted(p.relative_to(root) for p in (root / "content").rglob("*"))
    site = build_site(root)
    after = sorted(p.relative_to(root) for p in (root / "content").rglob("*"))
    assert before == after, "the build wrote into content/"
    return site


def test_article_links_resolve_to_entity_pages_and_back(site):
    soup = page(site, URL)
    chips = {a.get_text(): a["href"] for a in soup.select(".sb-chips > a")}
    assert set(chips) == {"Usen Suleimen", "Artur Lastayev", "European Union", "Torture"}
    for href in chips.values():
        assert target_exists(site, URL, href), href
    person_url = resolve(URL, chips["Artur Lastayev"])[0]
    person = page(site, person_url)
    links = [a["href"] for a in person.select("ul.sb-list a")]
    assert any(resolve(person_url, h)[0] == URL for h in links)
    assert all(target_exists(site, person_url, h) for h in links)


def test_first_alias_mention_in_body_links_the_right_person(site):
    body = page(site, URL).select_one(".sb-body")
    mentions = body.select("a.sb-mention")
    lastayev = [a for a in mentions if a["href"].endswith("people/artur-lastayev/")]
    assert len(lastayev) == 1, "only the first mention is linked"
    assert lastayev[0].get_text() == "Lastaev"  # the alias, as written in the first paragraph
    assert body.find("p").find("a", class_="sb-mention") is lastayev[0]
    # never inside headings, links or code
    assert not body.select("h2 a.sb-mention, code a.sb-mention, a a.sb-mention")
    eu = [a for a in mentions if a["href"].endswith("organizations/european-union/")]
    assert [a.get_text() for a in eu] == ["EU"]


def test_every_paragraph_is_anchored_and_quotes_are_marked(site):
    body = page(site, URL).select_one(".sb-body")
    paragraphs = body.find_all("p")
    assert [p.get("id") for p in paragraphs] == [f"p-{i}" for i in range(1, len(paragraphs) + 1)]
    mark = body.select_one("mark#q-1")
    assert mark is not None and mark.get_text() == QUOTE


def test_quote_on_person_page_links_to_an_existing_anchor(site):
    person_url = "people/usen-suleimen/"
    quotes = page(site, person_url).select(".sb-quote-list li")
    assert len(quotes) == 1
    assert QUOTE in quotes[0].blockquote.get_text()
    href = quotes[0].select_one(".sb-quote-source a")["href"]
    assert href.endswith("#q-1")
    assert target_exists(site, person_url, href)


def test_date_precision_and_language(site):
    older = page(site, "articles/2024/2024-03-older-story/")
    assert older.select_one(".sb-byline time")["datetime"] == "2024-03"
    assert older.select_one(".sb-byline time").get_text() == "March 2024"
    russian = page(site, "articles/2023/2023-russian-story/")
    # The page is the interface's (English); the article's own words carry their language.
    assert russian.html["lang"] == "en"
    assert russian.select_one(".sb-body")["lang"] == "ru"
    assert russian.select_one("h1.sb-title")["lang"] == "ru"
    assert page(site, URL).html["lang"] == "en"
    assert page(site, URL).select_one("h1.sb-title").get("lang") is None


def test_indexes_and_timeline_list_everything(site):
    people = page(site, "people/")
    names = [a.get_text() for a in people.select(".sb-entities a")]
    assert names == ["Artur Lastayev", "Usen Suleimen"]
    timeline = page(site, "articles/")
    years = timeline.select('.sb-grid tbody th[scope="row"] > a')
    assert [a.get_text() for a in years] == ["2025", "2024", "2023"]
    june = page(site, "articles/2025/06/")
    assert [a.get_text() for a in june.select(".sb-articles > li > a")] == [
        "Ombudsman answers the coalition"
    ]
    home = page(site, "")
    assert "3" in home.select_one(".sb-totals").get_text()
    assert home.select_one("#latest ~ ul.sb-articles > li > a").get_text() == (
        "Ombudsman answers the coalition"
    )


def test_related_articles_share_entities(site):
    related = page(site, URL).select("#sb-related + ul.sb-articles > li > a")
    assert [a.get_text() for a in related][:1] == ["An older story"]


def test_every_internal_link_on_every_page_resolves(site):
    broken = []
    for file in site.rglob("index.html"):
        url = file.parent.relative_to(site).as_posix()
        url = "" if url == "." else url + "/"
        soup = page(site, url)
        for a in soup.select("article a[href]"):
            href = a["href"]
            if href.startswith(("http:", "https:", "mailto:")):
                continue
            if not target_exists(site, url, href):
                broken.append((url, href))
    assert broken == []


def test_script_in_title_and_name_comes_out_escaped(tmp_path):
    evil = "<script>alert(1)</script>"
    make_archive(
        tmp_path,
        people={
            "evil": {"name": f"Mr {evil}", "description": f'"><img src=x onerror=alert(1)>{evil}'}
        },
        articles={ID: article("Body text.", title=f"Title {evil}", people=["evil"], summary=evil)},
    )
    site = build_site(tmp_path)
    for url in (URL, "people/evil/", "people/", ""):
        raw = (site / url / "index.html").read_text(encoding="utf-8")
        assert "<script>alert(1)" not in raw, url
        soup = BeautifulSoup(raw, "html.parser")
        handlers = [(t.name, a) for t in soup.find_all(True) for a in t.attrs if a.startswith("on")]
        assert handlers == [], url
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                json.loads(script.string)  # data, still whole: no value closed the tag
            else:
                assert "alert(1)" not in (script.string or ""), url
    soup = page(site, URL)
    assert soup.title.get_text().startswith(f"Title {evil}")
    assert soup.select_one("h1").get_text() == f"Title {evil}"


def _failed_build(tmp_path, caplog) -> str:
    """Build, expect MkDocs to abort, and return what it reported."""
    with pytest.raises((PluginError, Abort)) as exc:
        build_site(tmp_path)
    return str(exc.value) + "\n" + caplog.text


def test_unknown_reference_fails_the_build_with_file_and_line(tmp_path, caplog):
    make_archive(tmp_path, articles={ID: article("Text.", people=["Nobody Knownperson"])})
    message = _failed_build(tmp_path, caplog)
    assert f"content/articles/2025/{ID}.md:" in message
    assert "unknown person 'Nobody Knownperson'" in message


def test_a_page_in_the_place_of_a_generated_one_fails_the_build(tmp_path, caplog):
    make_archive(tmp_path, articles={ID: article("Text.")})
    (tmp_path / "content" / "people" / "index.md").write_text("# People\n", encoding="utf-8")
    message = _failed_build(tmp_path, caplog)
    assert "content/people/index.md: error: " in message
    assert "would replace a page the build makes (people/)" in message


def test_two_files_with_one_url_are_refused(tmp_path):
    from mkdocs.structure.files import File, Files

    from site_builder.mkdocs_plugin.plugin import _refuse_collisions

    files = Files([File("a.md", str(tmp_path), str(tmp_path / "s"), True)])
    clash = File("a/index.md", str(tmp_path / "other"), str(tmp_path / "s"), True)
    with pytest.raises(PluginError, match="would both be a/index.html"):
        _refuse_collisions(files, [clash], [])


def test_raw_html_in_a_body_is_sanitized(tmp_path):
    body = (
        'Hello <script>alert(1)</script><img src="x" onerror="alert(2)">'
        '<a href="javascript:alert(3)">x</a><iframe src="https://evil.example"></iframe>'
    )
    make_archive(tmp_path, articles={ID: article(body)})
    site = build_site(tmp_path)
    raw = str(page(site, URL).select_one(".sb-body"))
    for bad in ("<script", "onerror", "javascript:", "<iframe"):
        assert bad not in raw


def test_renamed_entity_keeps_its_old_url_as_a_redirect(tmp_path):
    make_archive(
        tmp_path,
        people={
            "artur-lastayev": {
                "name": "Artur Lastayev",
                "aliases": ["Lastaev"],
                "former_ids": ["artur-lastaev"],
            },
            "usen-suleimen": {"name": "Usen Suleimen"},
        },
        articles={ID: article("Artur Lastayev spoke.", people=["Artur Lastayev"])},
    )
    site = build_site(tmp_path)
    old = site / "people" / "artur-lastaev" / "index.html"
    soup = BeautifulSoup(old.read_text(encoding="utf-8"), "html.parser")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
    target = refresh.split("url=", 1)[1]
    assert resolve("people/artur-lastaev/", target)[0] == "people/artur-lastayev/"
    assert target_exists(site, "people/artur-lastaev/", target)
    assert soup.find("link", rel="canonical")["href"] == target


def test_a_former_id_that_is_taken_fails(tmp_path, caplog):
    make_archive(
        tmp_path,
        people={
            "artur-lastayev": {"name": "Artur Lastayev", "former_ids": ["usen-suleimen"]},
            "usen-suleimen": {"name": "Usen Suleimen"},
        },
        articles={ID: article("Text.")},
    )
    message = _failed_build(tmp_path, caplog)
    assert "'usen-suleimen' is taken by content/people/usen-suleimen.md" in message


def test_article_and_entity_pages_link_to_their_source_files_for_editing(tmp_path):
    make_archive(tmp_path, articles={ID: article("Artur Lastayev.", people=["Artur Lastayev"])})
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\ndocs_dir: content\nrepo_url: https://github.com/org/archive\n"
        "edit_uri: edit/main/content/\ntheme:\n  name: material\n  font: false\n"
        "  features: [content.action.edit]\nplugins:\n  - site-builder:\n      search: false\n",
        encoding="utf-8",
    )
    site = build_site(tmp_path)
    edit = "https://github.com/org/archive/edit/main/content/"

    def edit_link(url):
        a = page(site, url).select_one('a[href^="https://github.com/org/archive/edit/"]')
        return a["href"] if a else None

    assert edit_link(URL) == f"{edit}articles/2025/{ID}.md"
    assert edit_link("people/artur-lastayev/") == f"{edit}people/artur-lastayev.md"
    assert edit_link("people/") is None  # generated: there is no file to edit
    capture_links = page(site, URL).select(".sb-provenance a[href*='/blob/']")
    assert capture_links == []  # this article has no capture


def test_open_data_feeds_json_ld_and_citations_are_announced_and_exist(site):
    soup = page(site, URL)
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "NewsArticle" and data["headline"] == "Ombudsman answers the coalition"
    assert {m["name"] for m in data["mentions"]} >= {"Artur Lastayev", "European Union"}
    assert soup.find("meta", attrs={"name": "citation_title"})["content"] == data["headline"]
    article_id = URL.rstrip("/").rsplit("/", 1)[1]
    for fmt in ("bib", "ris", "json"):
        # the page's own citation, which archive.js offers as <id>.<fmt> from its text ...
        text = soup.select_one(f'.sb-cite code[data-sb-cite="{fmt}"]').get_text()
        assert article_id in text
        assert soup.select_one(".sb-cite[data-sb-id]")["data-sb-id"] == article_id
        # ... and every article's in one file per format, this one's included
        everything = (site / "data" / f"citations.{fmt}").read_text("utf-8")
        if fmt == "json":
            assert json.loads(text)[0] in json.loads(everything)
        else:
            assert text in everything
    assert not list(site.glob("articles/**/cite.*"))
    person = page(site, "people/artur-lastayev/")
    feed = person.find("link", type="application/atom+xml")["href"]
    assert target_exists(site, "people/artur-lastayev/", feed)
    assert person.select_one(".sb-follow a")["href"] == feed
    for name in ("articles", "entities", "quotes"):
        assert (site / "data" / f"{name}.json").is_file() and (
            site / "data" / f"{name}.csv"
        ).is_file()
    assert (site / "datapackage.json").is_file() and (site / "robots.txt").is_file()
