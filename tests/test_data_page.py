"""The Data page (site/downloads.py): every file the build publishes as data, with the size it
was written with, what it holds and how to use it; real builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import make_archive
from sitebuild import build_site, page, resolve, target_exists
from test_quotes_explorer import quotes_archive

from site_builder.data import opendata
from site_builder.site.downloads import human_size

SITE_URL = "https://archive.example.org/press/"
ENTRY_FILE = re.compile(r"^(people|organizations|outlets|topics)/[^/]+/([^/]+)$")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = quotes_archive(tmp_path_factory.mktemp("data"))
    (root / "mkdocs.yml").write_text(
        f"site_name: Test archive\nsite_url: {SITE_URL}\ndocs_dir: content\n"
        "theme:\n  name: material\n  font: false\nplugins:\n  - site-builder\n",
        encoding="utf-8",
    )
    return build_site(root, strict=True)


def data_files(site: Path) -> dict[str, int]:
    """Every file of the built site that is data rather than a page, a script, a style or the
    search index: site path -> size on disk. Found on disk, not from the code under test."""
    out = {}
    for f in site.rglob("*"):
        rel = f.relative_to(site).as_posix()
        if f.is_dir() or rel.startswith(("assets/", "pagefind/", "search/")):
            continue
        if f.suffix in (".html", ".js", ".css", ".map", ".png", ".svg", ".ico"):
            continue
        out[rel] = f.stat().st_size
    return out


def sizes_on_page(site: Path) -> dict[str, int]:
    """Each file the Data page links, with the size it states beside the link (`<data>`)."""
    soup = page(site, "data/")
    out = {}
    for container in soup.select("ul.sb-dl-files > li, ul.sb-dl-list > li"):
        link, size = container.select_one("a[href]"), container.select_one("data")
        if size is None:
            continue  # the schema's line under a table
        path = resolve("data/", link["href"])[0]
        out[path] = int(size["value"])
    return out


def test_every_data_file_the_build_wrote_is_listed_with_its_true_size(site: Path) -> None:
    on_disk = data_files(site)
    assert {"data/articles.csv", "datapackage.json", "feed.xml", "sitemap.xml"} <= set(on_disk)
    per_entry = {p: n for p, n in on_disk.items() if ENTRY_FILE.match(p)}
    captures = {p: n for p, n in on_disk.items() if p.startswith("captures/")}
    assert len(per_entry) > 5 and captures
    single = {p: n for p, n in on_disk.items() if p not in per_entry and p not in captures}
    listed = sizes_on_page(site)
    # each file once, with its size; the feeds of entries as one row, the captures as another
    # (each linked to one example)
    by_name: dict[str, int] = {}
    for path, size in per_entry.items():
        name = ENTRY_FILE.match(path).group(2)
        by_name[name] = by_name.get(name, 0) + size
    feeds = [p for p in per_entry if p.endswith("/feed.xml")]
    for example in [p for p in listed if ENTRY_FILE.match(p)]:
        assert listed.pop(example) == by_name.pop(ENTRY_FILE.match(example).group(2)), example
        if example.endswith("/feed.xml"):
            feed_example = example
    assert by_name == {}  # every kind of entry file has its row
    capture = next(p for p in listed if p.startswith("captures/"))
    assert listed.pop(capture) == sum(captures.values())
    assert listed == single
    row = page(site, "data/").find("a", href=re.compile(re.escape(feed_example) + "$")).parent
    assert f"in {len(feeds)} files" in row.parent.get_text(), row


def test_sizes_read_as_people_read_them() -> None:
    assert human_size(0) == "0 bytes" and human_size(1) == "1 byte"
    assert human_size(1023) == "1,023 bytes"  # grouped the language's way (CLDR)
    assert human_size(1536) == "1.5 KB"
    assert human_size(700 * 1024) == "700 KB"
    assert human_size(3 * 1024 * 1024 + 1) == "3.0 MB"
    assert human_size(5 * 1024**3) == "5.0 GB"


def test_each_table_lists_its_columns_and_records(site: Path) -> None:
    soup = page(site, "data/")
    records = {"articles": 6, "quotes": 28, "entities": 3 + 2 + 2}
    for name, columns in opendata.COLUMNS.items():
        head = soup.select_one(f"#table-{name}")
        assert head.select_one(".sb-count").get_text() == f"{records[name]} records"
        details = head.find_next("details")
        assert [th.get_text() for th in details.select("tbody th")] == [c.name for c in columns]
        schema = head.find_next("ul").select_one('a[href$="schema.json"]')
        assert schema.get_text() == f"data/schema.json#/$defs/{name}"


def test_the_examples_use_the_sites_address(site: Path) -> None:
    code = " ".join(c.get_text() for c in page(site, "data/").select("pre code"))
    assert f"curl -O {SITE_URL}data/quotes.csv" in code
    assert f'pd.read_csv("{SITE_URL}data/quotes.csv")' in code
    # a real speaker of the archive, the most quoted
    assert 'quotes[quotes.speaker == "artur-lastayev"]' in code
    assert "SITE/" not in code


def test_every_link_of_the_data_page_resolves(site: Path) -> None:
    soup = page(site, "data/")
    links = [a["href"] for a in soup.select("article a[href]")]
    assert len(links) > 15
    for href in links:
        if not href.startswith("http"):
            assert target_exists(site, "data/", href), href


def test_without_open_data_the_page_says_so(tmp_path: Path) -> None:
    make_archive(tmp_path)
    site = build_site(tmp_path, "open_data: false")
    soup = page(site, "data/")
    assert "open_data: false" in soup.select_one(".sb-intro").get_text()
    assert not (site / "data" / "articles.csv").exists()
    listed = sizes_on_page(site)
    assert listed == {}  # nothing of ours; the sitemap alone, as a line
    sitemap = soup.find("a", href=re.compile(r"sitemap\.xml$"))
    assert int(sitemap.find_next("data")["value"]) == (site / "sitemap.xml").stat().st_size


def test_without_site_url_the_examples_say_where_to_put_it(tmp_path: Path) -> None:
    make_archive(tmp_path)
    site = build_site(tmp_path)
    soup = page(site, "data/")
    assert "SITE/ stands for this site's address" in " ".join(soup.get_text(" ").split())
    assert "curl -O SITE/data/quotes.csv" in soup.select_one("pre code").get_text()
