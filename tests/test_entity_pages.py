"""Entry pages, built for real: the infobox, the table of contents, the timeline and "Appears
with" that lead to the entry's articles, the filters' data, and each entry's own downloads,
which are the archive-wide dumps' rows for that entry."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import article, make_archive
from sitebuild import build_site, page, target_exists

from site_builder.core import archive as archive_mod
from site_builder.core.crosslinks import CrossIndex
from site_builder.data.entries import ROLE_BITS

PERSON = "people/aigerim-nurova/"
BUREAU = "organizations/kazakh-bureau/"
QUOTE_1 = "The courts must be open to everyone"
QUOTE_3 = "We will appeal the ruling"
QUOTE_6 = "Nobody asked the families"


def entity_archive(root: Path) -> Path:
    """Aigerim Nurova in seven articles of eight: quoted in three, the author of one,
    mentioned in three; two outlets, three years (one article dated to the year only), and
    Berik Sadykov and two organizations beside her."""

    def art(date: str, outlet: str, body: str, **refs: object) -> dict:
        return article(body, date=date, outlet=outlet, url=f"https://example.org/{date}", **refs)

    nurova, berik = "Aigerim Nurova", "Berik Sadykov"
    return make_archive(
        root,
        people={
            "aigerim-nurova": {
                "name": nurova,
                "aliases": ["Айгерим Нурова", "A. Nurova"],
                "description": "Human-rights lawyer in Almaty.",
                "wikidata": "Q4115189",
                "website": "https://www.nurova.example.org/",
                "roles": [
                    {"organization": "KIBHR", "title": "Director", "from": "2019-03", "to": "2023"},
                    {
                        "organization": "Open Courts Foundation",
                        "title": "Board member",
                        "from": "2024",
                    },
                ],
            },  # fmt: skip
            "berik-sadykov": {"name": berik},
        },
        organizations={
            "kazakh-bureau": {
                "name": "Kazakh Bureau for Human Rights",
                "abbreviation": "KIBHR",
                "type": "NGO",
                "country": "KZ",
            },
            "open-courts": {"name": "Open Courts Foundation"},
        },
        outlets={
            "example-news": {"name": "Example News"},
            "steppe-herald": {"name": "Steppe Herald"},
        },
        topics={"courts": {"name": "Courts"}},
        articles={
            "2023-05-courts-a": art(
                "2023-05-10",
                "Example News",
                f"She said: “{QUOTE_1}.”",
                title="Courts must open",
                speakers=[nurova],
                people=[berik],
                organizations=["KIBHR"],
                topics=["Courts"],
                quotes=[{"by": nurova, "text": QUOTE_1}],
            ),
            "2023-11-courts-b": art(
                "2023-11",
                "Steppe Herald",
                "A hearing.",
                title="A hearing in November",
                people=[nurova],
                organizations=["KIBHR"],
            ),
            "2024-02-appeal": art(
                "2024-02-01",
                "Example News",
                f"“{QUOTE_3},” the lawyer said.",
                title="An appeal",
                speakers=[nurova],
                people=[berik],
                quotes=[{"by": nurova, "text": QUOTE_3}],
            ),
            "2024-06-column": art(
                "2024-06-15",
                "Steppe Herald",
                "A column.",
                title="Why courts matter",
                authors=[nurova],
                topics=["Courts"],
            ),
            "2024-09-foundation": art(
                "2024-09-03",
                "Example News",
                "A new board.",
                title="A new board",
                people=[nurova, berik],
                organizations=["Open Courts Foundation"],
            ),
            "2025-01-families": art(
                "2025-01-20",
                "Steppe Herald",
                f"“{QUOTE_6}.”",
                title="The families",
                speakers=[nurova],
                people=[berik],
                organizations=["KIBHR"],
                quotes=[{"by": nurova, "text": QUOTE_6}],
            ),
            "2025-review": art(
                "2025",
                "Example News",
                "Обзор года.",
                title="Обзор года",
                language="ru",
                people=[nurova],
            ),
            "2025-04-other": art(
                "2025-04-02",
                "Example News",
                "Other news.",
                title="Other news",
                people=[berik],
            ),
        },  # fmt: skip
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = entity_archive(tmp_path_factory.mktemp("entities"))
    return build_site(root, "per_page: 2\nsearch: false")


@pytest.fixture(scope="module")
def person(site: Path) -> BeautifulSoup:
    return page(site, PERSON)


def _text(el: object) -> str:
    """The element's text as read: list items and lines apart, no space before a comma."""
    assert el is not None
    text = " ".join(el.get_text(" ").split())  # type: ignore[attr-defined]
    return re.sub(r" (?=[,.:;])", "", text)


def _infobox(soup: BeautifulSoup) -> dict[str, str]:
    box = soup.select_one(".sb-infobox")
    assert box is not None
    return {_text(dt): _text(dt.find_next_sibling("dd")) for dt in box.select("dt")}


def _browse(site: Path, url: str) -> dict:
    return json.loads((site / url / "browse.json").read_text(encoding="utf-8"))


# -- core: what a count under "Appears with" stands for -------------------------------------


def test_shared_articles_are_what_the_appears_with_counts_count(tmp_path: Path) -> None:
    arch = archive_mod.load(entity_archive(tmp_path))
    index = CrossIndex(arch)
    nurova = arch.registry.get("person", "aigerim-nurova")
    berik = arch.registry.get("person", "berik-sadykov")
    assert nurova is not None and berik is not None
    shared = index.shared(nurova, berik)
    assert [a.id for a in shared] == [
        "2025-01-families", "2024-09-foundation", "2024-02-appeal", "2023-05-courts-a",
    ]  # fmt: skip
    assert index.shared(berik, nurova) == shared
    for entity in arch.registry:
        for other, n in index.of(entity).together:
            both = index.shared(entity, other)
            assert len(both) == n, (entity.id, other.id)
            assert all(entity in a.entities() and other in a.entities() for a in both)


# -- the infobox ----------------------------------------------------------------------------


def test_the_infobox_says_what_the_person_is(person: BeautifulSoup) -> None:
    box = _infobox(person)
    assert box["Kind"] == "Person"
    assert box["Description"] == "Human-rights lawyer in Almaty."
    assert box["Names"] == "Latin: Aigerim Nurova · A. Nurova Cyrillic: Айгерим Нурова"
    assert box["Roles"] == (
        "Director, Kazakh Bureau for Human Rights March 2019 – 2023 "
        "Board member, Open Courts Foundation since 2024"
    )
    assert box["In the archive"] == (
        "7 articles · 3 quotes Quoted in 3 articles Wrote 1 article Mentioned in 3 articles"
    )
    assert box["First appearance"] == "10 May 2023, Example News"
    assert box["Latest"] == "2025, Example News"  # a year-only date sorts last in its year
    assert box["Wikidata"] == "Q4115189"
    assert box["Website"] == "nurova.example.org"
    assert box["Follow"] == "Atom feed of Aigerim Nurova of new articles"
    assert re.fullmatch(
        r"Articles: CSV of the articles \d+ (KB|bytes) · JSON of the articles \d+ (KB|bytes) "
        r"Quotes: CSV of the quotes \d+ (KB|bytes) · JSON of the quotes \d+ (KB|bytes)",
        box["Data"],
    ), box["Data"]


def test_the_infobox_links_lead_somewhere(site: Path, person: BeautifulSoup) -> None:
    box = person.select_one(".sb-infobox")
    assert box is not None
    links = {_text(a): a["href"] for a in box.select("a")}
    assert links["Kazakh Bureau for Human Rights"] == "../../organizations/kazakh-bureau/"
    assert links["10 May 2023"] == "../../articles/2023/2023-05-courts-a/"
    assert links["Q4115189"] == "https://www.wikidata.org/wiki/Q4115189"
    assert links["nurova.example.org"] == "https://www.nurova.example.org/"
    assert links["Quoted in 3 articles"] == "?role=quoted#sb-articles"
    assert links["7 articles"] == "#sb-articles" and links["3 quotes"] == "#sb-quotes"
    downloads = [a for a in box.select("a[download]")]
    assert [a["href"] for a in downloads] == [
        "articles.csv", "articles.json", "quotes.csv", "quotes.json",
    ]  # fmt: skip
    for a in box.select("a[href]"):
        if not a["href"].startswith("http"):
            assert target_exists(site, PERSON, a["href"]), a["href"]


def test_an_organization_lists_its_people_with_their_titles(site: Path) -> None:
    box = _infobox(page(site, BUREAU))
    assert box["Kind"] == "Organization · NGO"
    assert box["Abbreviation"] == "KIBHR"
    assert box["Country"] == "KZ"
    assert box["People"] == "Aigerim Nurova, Director March 2019 – 2023"
    assert box["In the archive"] == "3 articles"  # one role: no breakdown
    assert "Quotes" not in box["Data"]


# -- sections, table of contents, labelled counts ----------------------------------------------


def test_the_table_of_contents_lists_the_sections(person: BeautifulSoup) -> None:
    toc = person.select(".md-sidebar--secondary .md-nav__link")
    assert [(_text(a), a["href"]) for a in toc] == [
        ("Timeline", "#sb-timeline"),
        ("Appears with", "#sb-together"),
        ("Quotes", "#sb-quotes"),
        ("Articles", "#sb-articles"),
    ]
    for _, anchor in [(_text(a), a["href"]) for a in toc]:
        assert person.find(id=anchor[1:]) is not None
    # in that order on the page, the short sections before the long lists
    order = [person.find(id=a["href"][1:]).sourceline for a in toc]  # type: ignore[union-attr]
    assert order == sorted(order)


def test_a_topic_without_quotes_or_companions_lists_what_it_has(site: Path) -> None:
    toc = page(site, "topics/courts/").select(".md-sidebar--secondary .md-nav__link")
    assert [_text(a) for a in toc] == ["Timeline", "Articles"]


def test_every_count_says_what_it_counts(site: Path, person: BeautifulSoup) -> None:
    badges = [_text(b) for b in person.select(".sb-badge")]
    assert badges and all(re.fullmatch(r"\d+ (articles?|quotes?)( with .+)?", b) for b in badges), (
        badges
    )
    by_role = {_text(h) for h in person.select(".sb-by-role h3")}
    assert by_role == {"Quoted in 3 articles", "Wrote 1 article", "Mentioned in 3 articles"}
    assert [_text(a) for a in person.select(".sb-by-role .sb-more a")] == [
        "All 3 articles →", "All 3 articles →",
    ]  # fmt: skip


def test_quotes_name_the_speaker_and_link_to_their_paragraph(
    site: Path, person: BeautifulSoup
) -> None:
    items = person.select("ul.sb-quotes > li")
    assert [_text(li.blockquote) for li in items] == [
        f"“{QUOTE_6}”",
        f"“{QUOTE_3}”",
        f"“{QUOTE_1}”",
    ]
    first = items[0]
    assert _text(first.select_one(".sb-speaker")) == "Aigerim Nurova"
    assert _text(first.select_one(".sb-quote-source")).startswith(
        "— Aigerim Nurova, 20 January 2025, Steppe Herald: The families"
    )
    link = first.select_one(".sb-quote-source a[href$='#q-1']")
    assert link is not None and _text(link) == "The families"
    assert target_exists(site, PERSON, link["href"])
    assert first.blockquote["cite"] == link["href"]


# -- the timeline and "Appears with" lead to the entry's articles ----------------------------


def _matching(rows: list[list], **f: str) -> list[list]:
    out = rows
    if "year" in f:
        out = [r for r in out if r[2][:4] == f["year"]]
    if "month" in f:
        out = [r for r in out if r[2][:7] == f["month"]]
    return out


def test_timeline_bars_and_years_lead_to_the_entrys_articles_of_that_period(
    site: Path, person: BeautifulSoup
) -> None:
    rows = _browse(site, PERSON)["articles"]
    bars = person.select(".sb-timeline svg a")
    # a bar a year: one article is dated to its year only
    assert [b["href"] for b in bars] == [f"?year={y}#sb-articles" for y in (2023, 2024, 2025)]
    for bar in bars:
        year = bar["href"][6:10]
        label, count = bar.title.get_text().rsplit(": ", 1)
        assert label == year and len(_matching(rows, year=year)) == int(count) > 0
    years = {
        _text(tr.th): (tr.th.a["href"], int(_text(tr.td)))
        for tr in person.select(".sb-timeline__table tbody tr")
    }
    assert years == {
        "2023": ("?year=2023#sb-articles", 2),
        "2024": ("?year=2024#sb-articles", 3),
        "2025": ("?year=2025#sb-articles", 2),
    }
    for year, (_, n) in years.items():
        assert len(_matching(rows, year=year)) == n
    assert all(target_exists(site, PERSON, a["href"]) for a in bars)


def test_month_bars_lead_to_the_entrys_articles_of_that_month(site: Path) -> None:
    url = "people/berik-sadykov/"  # every article of his is dated to the day
    rows = _browse(site, url)["articles"]
    bars = page(site, url).select(".sb-timeline svg a")
    months = [re.fullmatch(r"\?month=(\d{4}-\d{2})#sb-articles", b["href"]) for b in bars]
    assert [m[1] for m in months if m] == ["2023-05", "2024-02", "2024-09", "2025-01", "2025-04"]
    for bar, m in zip(bars, months, strict=True):
        assert m and len(_matching(rows, month=m[1])) == int(bar.title.get_text()[-1]) == 1


def test_appears_with_counts_lead_to_the_shared_articles(site: Path, person: BeautifulSoup) -> None:
    data = _browse(site, PERSON)
    items = person.select("ul.sb-together > li")
    got = [(_text(li.select_one(".sb-chip")), li.select_one("a.sb-badge")["href"]) for li in items]
    assert got == [
        ("Berik Sadykov", "?with=people/berik-sadykov#sb-articles"),
        ("Kazakh Bureau for Human Rights", "?with=organizations/kazakh-bureau#sb-articles"),
        ("Open Courts Foundation", "?with=organizations/open-courts#sb-articles"),
    ]
    assert [_text(li.select_one("a.sb-badge")) for li in items] == [
        "4 articles with Berik Sadykov",
        "3 articles with Kazakh Bureau for Human Rights",
        "1 article with Open Courts Foundation",
    ]
    assert data["with"] == [
        ["people/berik-sadykov", "Berik Sadykov"],
        ["organizations/kazakh-bureau", "Kazakh Bureau for Human Rights"],
        ["organizations/open-courts", "Open Courts Foundation"],
    ]
    berik = [r[0] for r in data["articles"] if 0 in (r[6] if len(r) > 6 else [])]
    assert berik == [
        "articles/2025/2025-01-families/", "articles/2024/2024-09-foundation/",
        "articles/2024/2024-02-appeal/", "articles/2023/2023-05-courts-a/",
    ]  # fmt: skip


def test_browse_json_carries_what_the_filters_ask(site: Path) -> None:
    data = _browse(site, PERSON)
    rows = data["articles"]
    assert [r[0] for r in rows][:2] == [
        "articles/2025/2025-review/",
        "articles/2025/2025-01-families/",
    ]
    assert rows[0][1:5] == ["Обзор года", "2025", "ru", "example-news"]
    roles = {r[0].split("/")[2]: r[5] for r in rows}
    assert roles["2023-05-courts-a"] == ROLE_BITS["quoted"]
    assert roles["2024-06-column"] == ROLE_BITS["author"]
    assert roles["2023-11-courts-b"] == ROLE_BITS["mentioned"]
    assert data["outlets"] == {"example-news": "Example News", "steppe-herald": "Steppe Herald"}
    assert "2025-04-other" not in json.dumps(rows)  # Berik's alone


def test_the_filters_offer_each_choice_with_its_count(person: BeautifulSoup) -> None:
    form = person.select_one("form.sb-filters")
    assert form is not None and form.has_attr("hidden")  # entity.js shows it
    choices = {
        s["name"]: [_text(o) for o in s.select("option")] for s in form.select("label > select")
    }
    assert choices == {
        "role": ["Any role", "Quoted (3)", "Wrote (1)", "Mentioned (3)"],
        "outlet": ["Any outlet", "Example News (4)", "Steppe Herald (3)"],
        "year": ["Any year", "2025 (2)", "2024 (3)", "2023 (2)"],
        "with": ["Anyone", "Berik Sadykov (4)", "Kazakh Bureau for Human Rights (3)",
                 "Open Courts Foundation (1)"],
    }  # fmt: skip
    status = person.select_one(".sb-browse [role=status]")
    assert status is not None


# -- the downloads are the archive-wide rows of the entry --------------------------------------

# reference field of an article record -> the kind of entry it lists
FIELDS = {"authors": "people", "speakers": "people", "people": "people",
          "organizations": "organizations", "topics": "topics", "outlet": "outlets"}  # fmt: skip


def _lists(record: dict, folder: str, entry_id: str) -> bool:
    for field, kind in FIELDS.items():
        value = record[field]
        if kind == folder and (entry_id == value or entry_id in (value or [])):
            return True
    return False


def test_each_entrys_downloads_are_the_dumps_rows_of_that_entry(site: Path) -> None:
    articles = json.loads((site / "data/articles.json").read_text(encoding="utf-8"))
    quotes = json.loads((site / "data/quotes.json").read_text(encoding="utf-8"))
    csv_rows = {
        name: list(csv.DictReader(io.StringIO((site / f"data/{name}.csv").read_text("utf-8"))))
        for name in ("articles", "quotes")
    }
    checked = 0
    for folder in ("people", "organizations", "outlets", "topics"):
        for entry in sorted((site / folder).iterdir()):
            if not entry.is_dir() or not (entry / "index.html").is_file():
                continue
            wanted = [r for r in articles if _lists(r, folder, entry.name)]
            if not wanted:
                assert not (entry / "articles.json").exists(), entry
                continue
            own = json.loads((entry / "articles.json").read_text(encoding="utf-8"))
            assert own == wanted, entry
            ids = {r["id"] for r in wanted}
            own_csv = list(csv.DictReader(io.StringIO((entry / "articles.csv").read_text("utf-8"))))
            assert own_csv == [r for r in csv_rows["articles"] if r["id"] in ids], entry
            said = [q for q in quotes if folder == "people" and q["speaker"] == entry.name]
            if said:
                assert json.loads((entry / "quotes.json").read_text("utf-8")) == said
                keys = {(q["article"], q["anchor"]) for q in said}
                assert list(
                    csv.DictReader(io.StringIO((entry / "quotes.csv").read_text("utf-8")))
                ) == [r for r in csv_rows["quotes"] if (r["article"], r["anchor"]) in keys]
            else:
                assert not (entry / "quotes.json").exists(), entry
            checked += 1
    assert checked == 7  # 2 people, 2 organizations, 2 outlets, 1 topic
    nurova = json.loads((site / PERSON / "articles.json").read_text(encoding="utf-8"))
    assert len(nurova) == 7 and [r["id"] for r in nurova] == sorted(r["id"] for r in nurova)


def test_the_downloads_are_written_as_the_dumps_are(site: Path) -> None:
    """Byte for byte: the header, RFC 4180 line ends, one JSON record per line."""
    data = (site / PERSON / "articles.csv").read_bytes()
    header = (site / "data/articles.csv").read_bytes().split(b"\r\n", 1)[0]
    assert data.startswith(header + b"\r\n")
    text = (site / PERSON / "quotes.json").read_text(encoding="utf-8")
    assert text.startswith("[\n{") and text.endswith("}\n]\n") and text.count("\n") == 3 + 2


# -- without open data ----------------------------------------------------------------------


def test_without_open_data_the_page_stands_without_filters_or_downloads(
    tmp_path: Path,
) -> None:
    site = build_site(entity_archive(tmp_path), "open_data: false\nsearch: false")
    soup = page(site, PERSON)
    assert soup.select(".sb-browse") == [] and soup.select("a[download]") == []
    assert soup.select(".sb-timeline a") == []  # nothing to lead to
    assert soup.select("ul.sb-together a.sb-badge") == []
    assert [_text(b) for b in soup.select("ul.sb-together .sb-badge")][0] == (
        "4 articles with Berik Sadykov"
    )
    assert not (site / PERSON / "browse.json").exists()


def test_an_entry_in_no_article_says_so_and_offers_nothing_to_download(tmp_path: Path) -> None:
    from site_builder.site.site import Site, SiteOptions

    root = entity_archive(tmp_path)
    (root / "content/people/nobody-yet.md").write_text("---\nname: Nobody Yet\n---\n", "utf-8")
    arch = archive_mod.load(root)
    entry = arch.registry.get("person", "nobody-yet")
    assert entry is not None
    composed = Site(arch, SiteOptions()).entities.compose(entry, "")
    soup = BeautifulSoup(composed.html, "html.parser")
    assert _infobox(soup) == {
        "Kind": "Person",
        "Name": "Nobody Yet",
        "In the archive": "in no article yet",
    }
    assert composed.toc == () and soup.select("a[download], .sb-browse, .sb-timeline") == []


def test_entry_downloads_can_be_turned_off_and_the_filters_still_work(tmp_path: Path) -> None:
    make_archive(
        tmp_path,
        articles={"2025-x": article("Usen Suleimen spoke.", people=["Usen Suleimen"])},
    )
    site = build_site(tmp_path, "entry_downloads: false")
    folder = site / "people" / "usen-suleimen"
    assert not list(folder.glob("*.csv")) and not (folder / "articles.json").exists()
    assert (folder / "browse.json").exists()  # what the filters read
    infobox = page(site, "people/usen-suleimen/").select_one(".sb-infobox")
    assert "CSV" not in infobox.get_text()
