"""Atom feeds: valid for feedparser, newest first, 50 at most, one per entry that appears in
an article, dates at midnight of their first day, and usable without a site_url."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin

import feedparser
import pytest
from conftest import article, make_archive

from site_builder.core import archive as archive_mod
from site_builder.core.crosslinks import CrossIndex
from site_builder.data import feeds

SITE = "https://example.org/archive/"
SERVED = "https://pages.example.net/somewhere/"  # where a site without site_url is served


def load(root):
    arch = archive_mod.load(root)
    assert arch.diagnostics.errors == []
    return arch, CrossIndex(arch)


@pytest.fixture
def arch(tmp_path):
    make_archive(
        tmp_path,
        people={
            "artur-lastayev": {"name": "Artur Lastayev"},
            "usen-suleimen": {"name": "Usen Suleimen"},
            "nobody-yet": {"name": "Nobody Yet"},
        },
        articles={
            "2025-06-12-day": article(
                title="A day <b>bold</b> & </title> \x01 done",
                date="2025-06-12",
                authors=["Usen Suleimen"],
                speakers=["Artur Lastayev"],
                topics=["Torture"],
                url="https://example.com/1",
                summary="What happened.",
            ),
            "2024-month": article(title="A month", date="2024-03", speakers=["Artur Lastayev"]),
            "2023-year": article(title="A year", date="2023", language="ru"),
        },
    )
    return load(tmp_path)


def parse(data: bytes):
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


@pytest.mark.parametrize("site_url", [SITE, None])
def test_every_feed_is_valid_atom(arch, site_url):
    out = feeds.feeds(*arch, site_url, site_name="Test archive")
    assert set(out) == {
        "feed.xml",
        "people/artur-lastayev/feed.xml",
        "people/usen-suleimen/feed.xml",
        "outlets/example-news/feed.xml",
        "topics/torture/feed.xml",
    }  # no feed for Nobody Yet nor the EU: they are in no article
    for path, data in out.items():
        parsed = parse(data)
        assert parsed.feed.title
        assert parsed.entries, path
        for entry in parsed.entries:
            assert entry.id and entry.title and entry.link and entry.updated


def test_the_archive_feed_lists_the_latest_articles_newest_first(arch):
    parsed = parse(feeds.feeds(*arch, SITE, site_name="Test archive")["feed.xml"])
    assert parsed.feed.title == "Test archive"
    assert parsed.feed.id == SITE + "feed.xml"
    links = {(link.rel, link.href) for link in parsed.feed.links}
    assert ("self", SITE + "feed.xml") in links and ("alternate", SITE) in links
    assert [e.title for e in parsed.entries][1:] == ["A month", "A year"]
    assert [e.updated for e in parsed.entries] == [
        "2025-06-12T00:00:00+00:00",
        "2024-03-01T00:00:00+00:00",  # a month: its first day
        "2023-01-01T00:00:00+00:00",  # a year: its first day
    ]
    assert parsed.feed.updated == "2025-06-12T00:00:00+00:00"  # the newest entry's, not now


def test_an_entry_carries_title_links_author_and_topics(arch):
    parsed = parse(feeds.feeds(*arch, SITE)["people/artur-lastayev/feed.xml"])
    assert parsed.feed.id == SITE + "people/artur-lastayev/feed.xml"
    assert parsed.feed.link == SITE + "people/artur-lastayev/"
    entry = parsed.entries[0]
    # escaped by the XML writer: the markup is text; the control character is replaced
    assert entry.title == "A day <b>bold</b> & </title> \ufffd done"
    assert entry.id == entry.link == SITE + "articles/2025/2025-06-12-day/"
    # one alternate link (feedgen alone would drop rel and hreflang: python-feedgen#135)
    assert [(x.rel, x.href, x.get("hreflang")) for x in entry.links] == [
        ("alternate", SITE + "articles/2025/2025-06-12-day/", "en"),
        ("related", "https://example.com/1", None),
    ]
    assert entry.summary == "What happened."
    assert entry.author == "Usen Suleimen"
    assert [(t.term, t.label, t.scheme) for t in entry.tags] == [
        ("torture", "Torture", SITE + "topics/")
    ]
    # no byline: the outlet is the author
    assert parsed.entries[1].author == "Example News"


def test_an_entry_is_the_same_in_every_feed(arch):
    out = feeds.feeds(*arch, SITE)
    one = parse(out["people/artur-lastayev/feed.xml"]).entries[0]
    other = parse(out["topics/torture/feed.xml"]).entries[0]
    assert one == other


def test_without_site_url_links_are_relative_to_the_feed_and_ids_are_stable(arch):
    out = feeds.feeds(*arch, None)
    assert out == feeds.feeds(*arch, None)
    for path in ("feed.xml", "people/artur-lastayev/feed.xml"):
        feed_url = SERVED + path
        headers = {"content-location": feed_url, "content-type": "application/atom+xml"}
        parsed = feedparser.parse(out[path], response_headers=headers)
        assert parsed.bozo == 0
        assert parsed.feed.id.startswith("urn:uuid:")
        entry = parsed.entries[0]
        assert entry.id.startswith("urn:uuid:")
        # feedparser resolves the links against the feed's address, as any reader does
        assert entry.link == SERVED + "articles/2025/2025-06-12-day/"
        assert urljoin(feed_url, parse(out[path]).entries[0].link) == entry.link
        self_link = next(x.href for x in parsed.feed.links if x.rel == "self")
        assert self_link == feed_url
    ids = {parse(data).feed.id for data in out.values()}
    assert len(ids) == len(out)  # each feed its own id


def test_without_site_url_an_author_link_leads_to_the_author_in_every_feed(tmp_path):
    # The author's own feed is made first (entries are shared by the feeds at one depth):
    # a link to the author's page from their own folder must not become "./" in the other.
    make_archive(
        tmp_path,
        people={"aigerim-abay": {"name": "Aigerim Abay"}, "zhan-zhanov": {"name": "Zhan Zhanov"}},
        articles={"2025-01-02-one": article(authors=["Aigerim Abay"], speakers=["Zhan Zhanov"])},
    )
    out = feeds.feeds(*load(tmp_path), None)
    for path in ("people/aigerim-abay/feed.xml", "people/zhan-zhanov/feed.xml", "feed.xml"):
        [entry] = parse(out[path]).entries
        assert urljoin(SERVED + path, entry.author_detail.href) == SERVED + "people/aigerim-abay/"


def test_a_feed_holds_at_most_limit_articles(tmp_path):
    make_archive(
        tmp_path,
        articles={
            f"2020-{n:02d}": article(title=f"Number {n}", date=f"2020-{1 + n % 12:02d}-{1 + n:02d}")
            for n in range(28)
        },
    )
    arch, index = load(tmp_path)
    out = feeds.feeds(arch, index, SITE, limit=20)
    entries = parse(out["feed.xml"]).entries
    assert len(entries) == 20
    assert entries == parse(out["outlets/example-news/feed.xml"]).entries
    dates = [e.updated for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert len(parse(feeds.atom_feed("All", "all.xml", SITE, index.articles)).entries) == 28


def test_atom_feed_alone(arch):
    arch_, index = arch
    data = feeds.atom_feed(
        "Years", "years/feed.xml", SITE, index.articles[-1:], subtitle="Old", alternate="years/"
    )
    parsed = parse(data)
    assert parsed.feed.subtitle == "Old"
    assert parsed.feed.author == "Years"
    assert parsed.entries[0].title == "A year"
    assert parsed.entries[0].get("hreflang") is None
    assert parsed.entries[0].links[0].hreflang == "ru"


def test_an_empty_archive_has_no_feeds(tmp_path):
    make_archive(tmp_path)
    assert feeds.feeds(*load(tmp_path), SITE) == {}


def test_timestamps():
    from site_builder.core.dates import PartialDate

    assert feeds.timestamp(PartialDate(2025)) == dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    assert feeds.timestamp(PartialDate(2025, 6)).date() == dt.date(2025, 6, 1)
    assert feeds.feed_path() == "feed.xml"


def test_entry_feeds_hold_the_latest_twenty_and_the_archive_feed_fifty(tmp_path):
    make_archive(
        tmp_path,
        people={"artur-lastayev": {"name": "Artur Lastayev"}},
        articles={
            f"2025-{n:02d}-report": article(
                title=f"Report {n}", date=f"2025-{(n - 1) % 12 + 1:02d}", people=["Artur Lastayev"]
            )
            for n in range(1, 61)
        },
    )
    out = feeds.feeds(*load(tmp_path), SITE)
    person = parse(out["people/artur-lastayev/feed.xml"])
    whole = parse(out["feed.xml"])
    assert len(person.entries) == feeds.ENTRY_LIMIT == 20
    assert len(whole.entries) == feeds.LIMIT == 50
    assert person.entries[0].title == whole.entries[0].title  # newest first in both
