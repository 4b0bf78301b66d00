"""schema.org JSON-LD: a NewsArticle whose mentions point at the entries' nodes, entries with
sameAs, and a script tag that no value can break out of."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from conftest import article, make_archive

from site_builder.core import archive as archive_mod
from site_builder.data import jsonld

SITE = "https://example.org/archive/"
PAGE = SITE + "articles/2025/2025-06-12-acts/"


@pytest.fixture
def arch(tmp_path):
    make_archive(
        tmp_path,
        people={
            "artur-lastayev": {
                "name": "Artur Lastayev",
                "aliases": ["Lastaev", "Артур Ластаев"],
                "wikidata": "Q42",
                "website": "https://lastayev.kz/",
                "roles": [
                    {"organization": "EU", "title": "Envoy", "from": "2019-03", "to": "2021"},
                    {"title": "Ombudsman"},
                ],
            },
            "usen-suleimen": {"name": "Usen Suleimen"},
        },
        organizations={
            "european-union": {"name": "European Union", "abbreviation": "EU"},
            "kibhr": {"name": "KIBHR", "parent": "European Union"},
        },
        outlets={"example-news": {"name": "Example News", "url": "https://news.example/"}},
        articles={
            "2025-06-12-acts": article(
                title="Acts </script><script>alert(1)</script> <!-- & more",
                date="2025-06",
                url="https://news.example/1",
                archived_url="https://web.archive.org/web/2025/https://news.example/1",
                authors=["Usen Suleimen"],
                speakers=["Lastaev"],
                people=["Usen Suleimen"],
                organizations=["KIBHR", "EU"],
                topics=["Torture"],
                summary="What happened.",
            )
        },
    )
    loaded = archive_mod.load(tmp_path)
    assert loaded.diagnostics.errors == []
    return loaded


def node_id(kind: str, entity_id: str) -> str:
    return f"{SITE}{kind}/{entity_id}/#id"


def test_article_is_a_news_article(arch):
    data = jsonld.article_jsonld(arch.articles[0], SITE)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["url"] == PAGE
    assert data["headline"] == arch.articles[0].title
    assert data["datePublished"] == "2025-06"  # at its precision
    assert data["inLanguage"] == "en"
    assert "description" not in data  # the page's meta description holds the summary
    assert data["isBasedOn"] == "https://news.example/1"
    assert data["archivedAt"].startswith("https://web.archive.org/")
    assert data["publisher"] == {
        "@type": "NewsMediaOrganization",
        "@id": node_id("outlets", "example-news"),
        "name": "Example News",
        "url": SITE + "outlets/example-news/",
        "sameAs": ["https://news.example/"],
    }
    assert [a["@id"] for a in data["author"]] == [node_id("people", "usen-suleimen")]
    assert [t["name"] for t in data["about"]] == ["Torture"]


def test_mentions_point_at_the_entries_nodes(arch):
    tag = jsonld.script_tag(jsonld.article_jsonld(arch.articles[0], SITE))
    # parse it back out of a page, as a crawler does
    soup = BeautifulSoup(f"<html><head>{tag}</head><body></body></html>", "html.parser")
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert [(m["@type"], m["@id"], m["name"]) for m in data["mentions"]] == [
        ("Person", node_id("people", "artur-lastayev"), "Artur Lastayev"),
        ("Person", node_id("people", "usen-suleimen"), "Usen Suleimen"),
        ("Organization", node_id("organizations", "kibhr"), "KIBHR"),
        ("Organization", node_id("organizations", "european-union"), "European Union"),
    ]
    # the @id is the entry's page and "#id": no "url" beside it in a long list of mentions
    assert all("url" not in m for m in data["mentions"])
    assert all(m["@id"].endswith("/#id") for m in data["mentions"])
    # each entry's page says the same @id: one node for the crawler
    artur = arch.registry.resolve("person", "Artur Lastayev")
    assert jsonld.entity_jsonld(artur, SITE)["@id"] == data["mentions"][0]["@id"]


def test_entity_nodes(arch):
    artur = arch.registry.resolve("person", "Artur Lastayev")
    data = jsonld.entity_jsonld(artur, SITE, arch)
    assert data["@type"] == "Person"
    assert data["url"] == SITE + "people/artur-lastayev/"
    assert data["alternateName"] == ["Lastaev", "Артур Ластаев"]
    assert data["sameAs"] == ["https://www.wikidata.org/wiki/Q42", "https://lastayev.kz/"]
    assert data["memberOf"] == [
        {
            "@type": "OrganizationRole",
            "memberOf": {
                "@type": "Organization",
                "@id": node_id("organizations", "european-union"),
                "name": "European Union",
                "url": SITE + "organizations/european-union/",
            },
            "roleName": "Envoy",
            "startDate": "2019-03",
            "endDate": "2021",
        }
    ]
    assert data["jobTitle"] == ["Ombudsman"]
    kibhr = jsonld.entity_jsonld(arch.registry.resolve("organization", "KIBHR"), SITE, arch)
    assert kibhr["@type"] == "Organization"
    assert kibhr["parentOrganization"]["@id"] == node_id("organizations", "european-union")
    eu = jsonld.entity_jsonld(arch.registry.resolve("organization", "EU"), SITE)
    assert eu["alternateName"] == ["EU"]
    outlet = jsonld.entity_jsonld(arch.registry.resolve("outlet", "Example News"), SITE)
    assert outlet["@type"] == "NewsMediaOrganization"
    assert outlet["sameAs"] == ["https://news.example/"]
    topic = jsonld.entity_jsonld(arch.registry.resolve("topic", "Torture"), SITE)
    assert topic["@type"] == "DefinedTerm"


def test_without_site_url_ids_resolve_against_the_page(arch):
    served = "https://pages.example.net/x/"
    data = jsonld.article_jsonld(arch.articles[0], None)
    page = served + arch.articles[0].url
    assert urljoin(page, data["url"]) == page
    assert urljoin(page, data["mentions"][0]["@id"]) == served + "people/artur-lastayev/#id"
    artur = arch.registry.resolve("person", "Artur Lastayev")
    entity = jsonld.entity_jsonld(artur, None, arch)
    assert urljoin(served + artur.url, entity["@id"]) == served + "people/artur-lastayev/#id"


def test_script_tag_cannot_be_closed_by_a_value(arch):
    data = jsonld.article_jsonld(arch.articles[0], SITE)
    data["extra"] = "a\u2028b & <!-- c --> </SCRIPT >"
    tag = jsonld.script_tag(data)
    assert tag.startswith('<script type="application/ld+json">')
    assert tag.endswith("</script>")
    inner = tag[len('<script type="application/ld+json">') : -len("</script>")]
    assert not re.search(r"</script|<!--|[<>&\u2028]", inner, re.I)
    assert json.loads(inner) == data
    # an HTML parser sees one script holding all of it
    soup = BeautifulSoup(tag, "html.parser")
    assert json.loads(soup.script.string) == data
