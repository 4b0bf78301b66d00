"""Finding 8 of the security issue: what a quote says, kept and checked as written.

- a quote's unknown key (`note:`) was accepted and shown nowhere: now an error at its line;
- the fidelity check dropped apostrophes as quotation marks, so "Were not leaving" passed
  for "We're not leaving": an apostrophe inside a word is now a letter, in the check and
  where the built page marks the quote;
- an unclosed `title: "...` was reported on a later line: now on the line where it opens.
"""

from __future__ import annotations

import markdown
import pytest
from conftest import article, make_archive, md, only, run_check
from sitebuild import build_site, page

from site_builder.core import frontmatter
from site_builder.core.names import quote_text_key
from site_builder.site.body import NormalizedText, enhance, sanitize

A = "content/articles/2025/2025-a.md"
BODY = (
    "Usen Suleimen said: “We’re not leaving, whatever they say.”\n\n"
    "Asked again, he added that he'll resign only if the court asks, and that "
    "l’Europe «n’a rien compris».\n\n"
    "Then: 'Tis the season, said the Lastaevs' lawyer."
)


def quoted(*texts: str, **fields) -> dict:
    quotes = [{"by": "Usen Suleimen", "text": t} for t in texts]
    return article(BODY, url="https://x.kz/a", speakers=["Usen Suleimen"], quotes=quotes, **fields)


def fidelity(diags) -> list[str]:
    return [d.field for d in only(diags, "does not occur in the body")]


# --- an unknown key in a quote ----------------------------------------------------------------


def test_a_note_in_a_quote_is_an_unknown_key_at_its_line(tmp_path):
    text = md(quoted("We're not leaving"))
    text = text.replace("  text: We're not leaving\n", "  text: We're not leaving\n  note: x\n")
    make_archive(tmp_path, articles={"2025-a": text})
    line = text.splitlines().index("  note: x") + 1
    assert [d.format() for d in run_check(tmp_path) if d.is_error] == [
        f"{A}:{line}: error: quotes[0].note: unknown key 'note'; a quote has only 'by' and "
        "'text' (a curator's note belongs in 'notes')"
    ]


def test_note_is_documented_nowhere(tmp_path):
    """`note` is not a field any page shows, so it is not in the contract either."""
    from site_builder.core import schema

    assert "note" not in schema._QUOTE_KEYS
    assert "note:" not in schema.markdown_table("article")


# --- apostrophes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Were not leaving",  # the attack of the finding
        "hell resign only if the court asks",  # the body has "he'll resign"
        "lEurope",
    ],
)
def test_a_quote_without_the_apostrophe_of_the_body_fails(tmp_path, text):
    make_archive(tmp_path, articles={"2025-a": quoted(text)})
    assert fidelity(run_check(tmp_path)) == ["quotes[0].text"]


@pytest.mark.parametrize(
    "text",
    [
        "We're not leaving",
        "We’re not leaving",  # ’ for '
        "Weʼre not leaving",  # U+02BC MODIFIER LETTER APOSTROPHE
        "“We’re not leaving, whatever they say.”",
        "he'll resign only if the court asks",
        "l'Europe «n'a rien compris»",
        "Tis the season",  # a quotation mark before a word still counts for nothing
        "the Lastaevs lawyer",  # ... and after one
    ],
)
def test_an_apostrophe_in_any_form_matches(tmp_path, text):
    make_archive(tmp_path, articles={"2025-a": quoted(text)})
    assert fidelity(run_check(tmp_path)) == []


def test_a_body_without_the_apostrophe_of_the_quote_fails(tmp_path):
    body = "He said: “Were not leaving.”"
    make_archive(
        tmp_path,
        articles={
            "2025-a": article(
                body,
                url="https://x.kz/a",
                speakers=["Usen Suleimen"],
                quotes=[{"by": "Usen Suleimen", "text": "We're not leaving"}],
            )
        },
    )
    assert fidelity(run_check(tmp_path)) == ["quotes[0].text"]


def test_keys_keep_the_apostrophe_in_one_form():
    assert quote_text_key("We’re") == quote_text_key("We're") == quote_text_key("Weʼre")
    assert quote_text_key("We’re") != quote_text_key("Were")
    assert quote_text_key("‘Tis the Lastaevs’ “season”") == "Tis the Lastaevs season"


def _marked(body: str, quote: str) -> list[str]:
    html = enhance(sanitize(markdown.markdown(body)), None, {}, [quote_text_key(quote)]).html
    from bs4 import BeautifulSoup

    return [m.get_text() for m in BeautifulSoup(html, "html.parser").select("mark")]


def test_the_page_marks_the_quote_with_its_apostrophe():
    assert _marked(BODY, "We're not leaving") == ["We’re not leaving"]
    assert _marked(BODY, "l'Europe «n'a rien compris»") == ["l’Europe «n’a rien compris"]
    assert _marked("He said: Were not leaving.", "We're not leaving") == []
    assert _marked(BODY, "Were not leaving") == []
    # HTML's own spellings of an apostrophe are apostrophes too
    text = NormalizedText("He&#39;ll and he&#x27;d and &#39;quoted&#39;")
    assert text.text == "He'll and he'd and quoted"


def test_the_built_page_marks_a_quote_with_an_apostrophe(tmp_path):
    make_archive(tmp_path, articles={"2025-a": quoted("We're not leaving", "he'll resign")})
    site = build_site(tmp_path)
    body = page(site, "articles/2025/2025-a/")
    assert body.select_one("mark#q-1").get_text() == "We’re not leaving"
    assert body.select_one("mark#q-2").get_text() == "he'll resign"


# --- an unclosed quote -----------------------------------------------------------------------


def test_an_unclosed_title_is_reported_on_its_own_line(tmp_path):
    text = (
        '---\ntitle: "An unclosed headline\noutlet: "Example News"\ndate: 2025-06-12\n'
        'language: "en"\n---\n\nBody.\n'
    )
    make_archive(tmp_path, articles={"2025-a": text})
    [d] = run_check(tmp_path)
    assert (d.path, d.line, d.severity) == (A, 2, "error")
    assert d.message.startswith(
        "invalid YAML: the quote opened on this line is not closed on it, so the value runs "
        "on into line 3 ('outlet: \"Example News\"') and what follows; close the quote at the "
        "end of the value"
    )


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # YAML fails at the end of the file
        ('---\nsummary: s\ntitle: "Unclosed\nlanguage: en\n---\n', 3),
        # YAML fails where the next quotation mark closes the quote, lines later
        ('---\ntitle: "Unclosed\noutlet: x\ndate: 2025\nlanguage: "en"\n---\n', 2),
        ("---\ntitle: 'Unclosed\noutlet: x\nlanguage: 'en'\n---\n", 2),
        ('---\nquotes:\n  - by: A\n    text: "open\n  - by: B\n    text: "closed"\n---\n', 4),
        # YAML reads it all as one title: the keys in between would be lost without a word
        ('---\ntitle: "Unclosed\noutlet: x\nlanguage: "\n---\n', 2),
    ],
)
def test_an_unclosed_quote_is_an_error_where_it_opens(text, line):
    fm = frontmatter.read("x.md", text)
    [d] = fm.diagnostics
    assert d.line == line and d.is_error
    assert "the quote opened on this line is not closed on it" in d.message
    assert fm.broken  # not read on as if the keys it took in were text


def test_a_quoted_value_over_several_lines_is_fine():
    fm = frontmatter.read("x.md", '---\ntitle: "A long\n  headline: on two lines"\n---\n')
    assert fm.diagnostics == [] and fm.data == {"title": "A long headline: on two lines"}
    fm = frontmatter.read("x.md", "---\nsummary: >-\n  Folded\n  value: here\nlanguage: en\n---\n")
    assert fm.diagnostics == [] and fm.data["summary"] == "Folded value: here"
