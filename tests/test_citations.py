"""Citations: BibTeX that bibtexparser reads back, CSL-JSON that citeproc-py renders, RIS with
one line per value, a plain reference and Highwire tags, all at the date's precision."""

from __future__ import annotations

import re

import bibtexparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors
from bs4 import BeautifulSoup
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatter
from citeproc.source.json import CiteProcJSON
from conftest import article, make_archive
from sitebuild import build_site

from site_builder.core import archive as archive_mod
from site_builder.data import citations

PAGE = "https://example.org/archive/articles/2025/x/"
HOSTILE = 'Costs 50% & $5 #1 {x} a_b \\ ~ ^ "q"'


def load_one(tmp_path, people=None, **fields):
    make_archive(tmp_path, articles={"2025-x": article(**fields)}, people=people)
    arch = archive_mod.load(tmp_path)
    assert arch.diagnostics.errors == []
    return arch.articles[0]


@pytest.fixture
def full(tmp_path):
    return load_one(
        tmp_path,
        title=HOSTILE + "\nsecond line",
        date="2025-06-12",
        authors=["Artur Lastayev", "Usen Suleimen"],
        url="https://example.com/news?id=1&p={2}",
        retrieved="2025-06-13",
        summary="What\r\nhappened\u2028next.",
        topics=["Torture"],
        language="ru",
    )


@pytest.fixture
def year_only(tmp_path):
    return load_one(tmp_path, title="A year", date="2025")


def parse_bibtex(text: str, decode: bool = True):
    middlewares = [LatexDecodingMiddleware()] if decode else []
    library = bibtexparser.parse_string(text, append_middleware=middlewares)
    assert library.failed_blocks == []
    assert len(library.entries) == 1
    return library.entries[0]


def test_bibtex_round_trips_through_bibtexparser(full):
    text = citations.bibtex(full, PAGE)
    entry = parse_bibtex(text)
    assert (entry.entry_type, entry.key) == ("article", "2025-x")
    # pylatexenc decodes \textasciicircum{} as the modifier letter; LaTeX prints "^"
    title = entry["title"].replace("\u02c6", "^")
    assert title == HOSTILE + " second line"
    assert entry["author"] == "Artur Lastayev and Usen Suleimen"
    assert entry["journal"] == "Example News"
    assert (entry["year"], entry["month"], entry["day"], entry["date"]) == (
        "2025", "jun", "12", "2025-06-12")  # fmt: skip
    assert entry["urldate"] == "2025-06-13"
    assert entry["language"] == "russian"
    assert entry["note"] == f"Archived at {PAGE}"
    raw = parse_bibtex(text, decode=False)
    # biblatex reads url verbatim: only the braces are encoded
    assert raw["url"] == "https://example.com/news?id=1&p=%7B2%7D"


def test_bibtex_escapes_every_special_character(full):
    assert citations.bibtex_text("50% & $ # _ { } \\ ~ ^") == (
        r"50\% \& \$ \# \_ \{ \} \textbackslash{} \textasciitilde{} \textasciicircum{}"
    )
    text = citations.bibtex(full, PAGE)
    title_line = next(line for line in text.splitlines() if "title =" in line)
    # every brace in the value is either escaped or one of the protecting pairs
    unescaped = re.sub(r"\\[{}]|\\text\w+\{\}", "", title_line.split("=", 1)[1])
    assert unescaped.count("{") == unescaped.count("}") == 2


def test_bibtex_keeps_the_date_precision(year_only, tmp_path):
    entry = parse_bibtex(citations.bibtex(year_only, PAGE))
    assert (entry["year"], entry["date"]) == ("2025", "2025")
    assert "month" not in entry and "day" not in entry
    # no original URL: the archive's page is the URL, with no access date nor note
    assert entry["url"] == PAGE and "urldate" not in entry and "note" not in entry
    assert entry.entry_type == "article"


def test_a_name_with_and_or_a_comma_stays_one_author(tmp_path):
    people = {"a-b": {"name": "Anna and Bea"}, "smith-jr": {"name": "Smith, Jr."}}
    art = load_one(tmp_path, people, authors=["Anna and Bea", "Smith, Jr."], date="2025-02")
    text = citations.bibtex(art, None)
    assert "author = {{Anna and Bea} and {Smith, Jr.}}" in text  # two names, not three
    library = bibtexparser.parse_string(text, append_middleware=[SeparateCoAuthors()])
    assert library.entries[0]["author"] == ["{Anna and Bea}", "{Smith, Jr.}"]
    assert "month = feb" in text and "note =" not in text


def test_csl_json_renders_through_citeproc(full):
    item = citations.csl_json(full, PAGE)
    assert item["type"] == "article-newspaper"
    assert item["issued"] == {"date-parts": [[2025, 6, 12]]}
    assert item["accessed"] == {"date-parts": [[2025, 6, 13]]}
    assert item["author"] == [{"literal": "Artur Lastayev"}, {"literal": "Usen Suleimen"}]
    assert item["abstract"] == "What happened next."
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), citeproc_formatter.html)
    bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == 1
    assert "second line" in rendered[0] and "Example News" in rendered[0]
    assert "Artur Lastayev" in rendered[0] and "2025" in rendered[0]


def test_csl_json_keeps_the_date_precision(year_only):
    item = citations.csl_json(year_only, PAGE)
    assert item["issued"] == {"date-parts": [[2025]]}
    assert item["URL"] == PAGE and "accessed" not in item and "author" not in item


def test_ris_has_one_line_per_value(full):
    text = citations.ris(full, PAGE)
    lines = text.split("\r\n")
    assert lines[0] == "TY  - NEWS" and lines[-2] == "ER  - " and lines[-1] == ""
    for line in lines[:-1]:
        assert re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line), line
    tags = [line.split("  - ", 1) for line in lines[:-1]]
    assert ["TI", HOSTILE + " second line"] in tags
    assert ["AB", "What happened next."] in tags
    assert [t for t in tags if t[0] == "AU"] == [["AU", "Artur Lastayev"], ["AU", "Usen Suleimen"]]
    assert ["DA", "2025/06/12/"] in tags and ["PY", "2025"] in tags
    assert ["Y2", "2025/06/13/"] in tags
    assert ["T2", "Example News"] in tags and ["KW", "Torture"] in tags
    assert ["N1", f"Archived at {PAGE}"] in tags


def test_ris_dates_leave_unknown_parts_empty(year_only, tmp_path):
    assert "DA  - 2025///\r\n" in citations.ris(year_only, PAGE)
    month = load_one(tmp_path / "m", date="2025-06")
    assert "DA  - 2025/06//\r\n" in citations.ris(month, PAGE)


def test_plain_reference(full, year_only):
    text = citations.plain(full, PAGE)
    assert "\n" not in text and "\u2028" not in text
    assert text.startswith("Artur Lastayev and Usen Suleimen. “" + HOSTILE + " second line.”")
    assert "Example News, 12 June 2025." in text
    assert "https://example.com/news?id=1&p={2} (retrieved 13 June 2025)." in text
    assert text.endswith(f"Archived at {PAGE}")
    assert citations.plain(year_only, None) == "“A year.” Example News, 2025."


def test_highwire_tags(full, year_only):
    tags = citations.highwire(full, PAGE)
    assert tags[0] == ("citation_title", HOSTILE + " second line")
    assert [v for k, v in tags if k == "citation_author"] == ["Artur Lastayev", "Usen Suleimen"]
    assert ("citation_date", "2025/06/12") in tags
    assert ("citation_journal_title", "Example News") in tags
    assert ("citation_language", "ru") in tags
    assert ("citation_public_url", "https://example.com/news?id=1&p={2}") in tags
    assert ("citation_fulltext_html_url", PAGE) in tags
    assert all("\n" not in v for _, v in tags)
    assert ("citation_date", "2025") in citations.highwire(year_only, PAGE)
    assert ("citation_public_url", PAGE) in citations.highwire(year_only, PAGE)


def test_citations_on_the_page_are_text_escaped_for_text(tmp_path):
    """The page's citation blocks escape what could open markup, and not the quotes, which
    need no escaping in an element's text (CSL-JSON has dozens of them)."""
    from site_builder.site.render import text

    assert text('</code><script>alert("x")</script> & ') == (
        '&lt;/code&gt;&lt;script&gt;alert("x")&lt;/script&gt; &amp; '
    )
    archive = make_archive(
        tmp_path,
        articles={
            "2025-06-01-x": article(
                title='Evil </code><script>alert("t")</script> "title"',
                body="Words.",
            )
        },
    )
    site = build_site(archive)
    page = (site / "articles/2025/2025-06-01-x/index.html").read_text()
    cite = page[page.index('id="sb-cite"') :]
    assert "<script>alert" not in cite
    assert "&#34;" not in cite
    codes = BeautifulSoup(cite, "html.parser").select("code[data-sb-cite]")
    assert {c["data-sb-cite"] for c in codes} == {"bib", "ris", "json"}
    written = {c["data-sb-cite"]: c.get_text() for c in codes}
    assert '</code><script>alert("t")</script>' in written["ris"]
    assert '</code><script>alert(\\"t\\")</script>' in written["json"]
