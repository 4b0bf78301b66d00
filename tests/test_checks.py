"""Each check of `site-builder check`, with a failing and a passing case."""

from __future__ import annotations

import pytest
from conftest import article, line_of, lines_of, make_archive, md, only, run_check, sha256

from site_builder.core import archive as archive_mod
from site_builder.core.urls import canonical
from site_builder.text.repeats import Run, repeated_runs, without_repeats

A = "content/articles/2025/2025-a.md"
B = "content/articles/2025/2025-b.md"
CAPTURE = "example-news/2025/a.txt"
CAPTURE_TEXT = "The original text, byte for byte.\n"


def provenance(data: str = CAPTURE_TEXT) -> dict:
    """Front-matter fields of a capture that exists and matches."""
    return {"capture": f"archive/{CAPTURE}", "sha256": sha256(data)}


def clean_article(body: str = "Some text.", **fields) -> dict:
    """An article that passes every check, given `captures={CAPTURE: CAPTURE_TEXT}`."""
    return article(body, **{"url": "https://example.kz/a", **provenance(), **fields})


def check(tmp_path, **kwargs):
    # The capture of clean_article(), where an article names it: a capture that no article
    # names is an error of its own (test_check_leftovers.py).
    if "captures" not in kwargs and f"archive/{CAPTURE}" in repr(kwargs.get("articles")):
        kwargs["captures"] = {CAPTURE: CAPTURE_TEXT}
    make_archive(tmp_path, **kwargs)
    return run_check(tmp_path)


def test_a_clean_archive_has_no_problems(tmp_path):
    assert check(tmp_path, articles={"2025-a": clean_article()}) == []


# --- loading -------------------------------------------------------------------------------


def test_bom_and_crlf_files_keep_their_line_numbers(tmp_path):
    text = md(clean_article(people=["Usen Suleimen", "Nobody Known"]))
    raw = ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")
    make_archive(tmp_path, captures={CAPTURE: CAPTURE_TEXT})
    (tmp_path / "content/articles/2025").mkdir(parents=True)
    (tmp_path / A).write_bytes(raw)
    [d] = run_check(tmp_path)
    line = text.splitlines().index("- Nobody Known") + 1
    assert (d.path, d.line, d.field) == (A, line, "people[1]")
    assert "unknown person 'Nobody Known'" in d.message


def test_file_that_is_not_utf8_is_an_error(tmp_path):
    make_archive(tmp_path)
    (tmp_path / "content/articles/2025").mkdir(parents=True)
    (tmp_path / A).write_bytes(md(clean_article()).encode("utf-8") + b"caf\xe9\n")
    [d] = run_check(tmp_path)
    assert (d.path, d.line, d.severity) == (A, 0, "error")
    assert d.message.startswith("not UTF-8 text") and "save it as UTF-8" in d.message


def test_missing_closing_fence_is_one_error_without_follow_on_noise(tmp_path):
    diags = check(tmp_path, articles={"2025-a": "---\ntitle: A\noutlet: EN\n\nBody text.\n"})
    assert lines_of(diags) == [
        f"{A}:1: error: the front matter opened on line 1 is never closed: add a line '---' "
        "after it"
    ]


def test_impossible_date_through_the_archive(tmp_path):
    diags = check(tmp_path, articles={"2025-a": clean_article(date="2024-02-30")})
    assert lines_of(diags) == [
        f"{A}:4: error: date: '2024-02-30' is not a real date (day is out of range for month)"
    ]


def test_title_cut_by_a_hash_is_a_warning(tmp_path):
    text = md(clean_article()).replace("title: A title", "title: We are #1 in Almaty")
    diags = check(tmp_path, articles={"2025-a": text})
    assert lines_of(diags) == [
        f"{A}:2: warning: title: the text after '#' ('#1 in Almaty') is a YAML comment and is "
        "not part of the value; put the whole value in double quotes if it belongs to it"
    ]
    arch = archive_mod.load(tmp_path)
    assert arch.by_id["2025-a"].title == "We are"


def test_bad_file_name_is_an_error(tmp_path):
    diags = check(tmp_path, articles={"2025-Bad Name": clean_article()})
    assert [(d.path, d.message.split(":")[0]) for d in diags] == [
        ("content/articles/2025/2025-Bad Name.md", "bad file name")
    ]


def test_the_same_id_in_two_years_is_an_error(tmp_path):
    make_archive(tmp_path, captures={CAPTURE: CAPTURE_TEXT})
    for year in ("2024", "2025"):
        folder = tmp_path / "content/articles" / year
        folder.mkdir(parents=True)
        (folder / "same-id.md").write_text(md(clean_article(url=f"https://x.kz/{year}")))
    [d] = [d for d in run_check(tmp_path) if d.is_error]
    assert d.path == "content/articles/2025/same-id.md"
    assert "is also used by content/articles/2024/same-id.md" in d.message


def test_every_problem_is_listed_at_once(tmp_path):
    diags = check(
        tmp_path,
        articles={
            "2025-a": clean_article(language="kz", speakers="Usen Suleimen"),
            "2025-b": clean_article(url="ftp://x", date="2025-13", titel="x"),
        },
    )
    assert [(d.path, d.field) for d in diags if d.is_error] == [
        (A, "language"),
        (A, "speakers"),
        (B, "date"),
        (B, "url"),
        (B, "titel"),
    ]


# --- quotes --------------------------------------------------------------------------------


BODY = (
    "Usen Suleimen said: “Real ‘human rights protection’ is not about money — but about "
    "the truth”.\n\nAnd then:\n*the worse the review of the country,*\nthe more grants they give."
)


@pytest.mark.parametrize(
    "text",
    [
        "Real ‘human rights protection’ is not about money — but about the truth",
        "Real 'human rights protection' is not about money - but about the truth",
        'Real "human rights protection" is not about money -- but about the truth'.replace(
            "--", "–"
        ),
        "Real  human rights protection   is not about\nmoney — but about the truth",
        "the worse the review of the country, the more grants they give.",
        "«Real human rights protection» is not about money ― but about the truth",
    ],
)
def test_quote_fidelity_ignores_quotation_marks_dashes_and_spacing(tmp_path, text):
    quotes = [{"by": "Usen Suleimen", "text": text}]
    diags = check(
        tmp_path,
        articles={"2025-a": clean_article(BODY, speakers=["Usen Suleimen"], quotes=quotes)},
    )
    assert lines_of(diags) == []


@pytest.mark.parametrize(
    "text",
    [
        "Real human rights protection is not about cash - but about the truth",
        "Real human rights protection is about money",
        "real human rights protection is not about money - but about the truth",
        "the worse the review of the country, the more money they give.",
    ],
)
def test_quote_with_a_changed_word_fails(tmp_path, text):
    quotes = [{"by": "Usen Suleimen", "text": "the more grants they give"}]
    quotes.append({"by": "Usen Suleimen", "text": text})
    diags = check(
        tmp_path,
        articles={"2025-a": clean_article(BODY, speakers=["Usen Suleimen"], quotes=quotes)},
    )
    [d] = diags
    assert (d.path, d.severity, d.field) == (A, "error", "quotes[1].text")
    assert d.message.startswith("this text does not occur in the body; a quote must be verbatim")
    front = md(clean_article(BODY, speakers=["Usen Suleimen"], quotes=quotes)).splitlines()
    assert front[d.line - 1].lstrip().startswith("text:")


def test_quote_speaker_must_be_among_speakers(tmp_path):
    quotes = [{"by": "Lastaev", "text": "the more grants they give"}]
    diags = check(
        tmp_path,
        articles={"2025-a": clean_article(BODY, speakers=["Usen Suleimen"], quotes=quotes)},
    )
    assert [(d.severity, d.field, d.message) for d in diags] == [
        (
            "error",
            "quotes[0].by",
            "Artur Lastayev is quoted but not among the article's speakers; "
            "add 'Artur Lastayev' to 'speakers'",
        )
    ]


def test_quote_speaker_given_by_another_spelling_is_among_speakers(tmp_path):
    quotes = [{"by": "LASTAEV", "text": "the more grants they give"}]
    diags = check(
        tmp_path,
        articles={
            "2025-a": clean_article(
                BODY, speakers=["Artur Lastayev", "Usen Suleimen"], quotes=quotes
            )
        },
    )
    assert diags == []


def test_quote_by_unknown_person(tmp_path):
    quotes = [{"by": "Nobody Known", "text": "the more grants they give"}]
    diags = check(
        tmp_path,
        articles={"2025-a": clean_article(BODY, speakers=["Usen Suleimen"], quotes=quotes)},
    )
    [d] = diags
    assert d.field == "quotes[0].by" and "unknown person 'Nobody Known'" in d.message


# --- duplicate URLs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "other",
    [
        "http://example.kz/news/a",
        "https://www.example.kz/news/a",
        "https://example.kz/news/a/",
        "https://example.kz/news/a#comments",
        "https://example.kz/news/a?utm_source=fb&utm_medium=social",
        "HTTPS://WWW.Example.KZ/news/a/?utm_campaign=x#top",
        "https://example.kz/news/a?fbclid=abc",
    ],
)
def test_duplicate_canonical_urls_name_both_files(tmp_path, other):
    diags = check(
        tmp_path,
        articles={
            "2025-a": clean_article(url="https://example.kz/news/a"),
            "2025-b": clean_article("Other text.", url=other),
        },
    )
    assert lines_of(diags) == [
        f"{B}:6: error: url: the same article as {A} (same URL once scheme, www., trailing "
        "slash, fragment and utm_* are ignored); keep one, or link them as translations"
    ]


@pytest.mark.parametrize(
    "other",
    [
        "https://example.kz/news/b",
        "https://example.kz/news/a?id=2",
        "https://other.kz/news/a",
        "https://example.kz/news/a/more",
        "https://example.kz:8080/news/a",
    ],
)
def test_different_urls_are_not_duplicates(tmp_path, other):
    diags = check(
        tmp_path,
        articles={
            "2025-a": clean_article(url="https://example.kz/news/a"),
            "2025-b": clean_article("Other text.", url=other),
        },
    )
    assert diags == []


def test_canonical_url():
    assert canonical("https://www.Example.kz/a/b/?utm_source=x&id=3#p2") == "example.kz/a/b?id=3"
    assert canonical("http://example.kz") == canonical("https://example.kz/") == "example.kz"
    assert canonical("https://example.kz:443/a") == "example.kz/a"
    assert canonical("https://example.kz/a?b=1&c=2") != canonical("https://example.kz/a?b=2")


# --- near-identical bodies -----------------------------------------------------------------


PARAGRAPHS = [
    f"Paragraph {n} of the story is long enough to count as a paragraph of real news text."
    for n in range(1, 7)
]


def test_near_identical_bodies_are_a_warning(tmp_path):
    changed = PARAGRAPHS[:5] + ["A new last paragraph that this copy has and the other has not."]
    diags = check(
        tmp_path,
        articles={
            "2025-a": clean_article("\n\n".join(PARAGRAPHS)),
            "2025-b": clean_article("\n\n".join(changed), url="https://example.kz/b"),
        },
    )
    [d] = diags
    assert (d.path, d.severity) == (B, "warning")
    assert d.message.startswith(
        f"the body is nearly identical to {A} (5 of 6 paragraphs shared, similarity "
    )
    assert d.message.endswith("is it the same article twice?")


def test_bodies_sharing_little_are_not_near_identical(tmp_path):
    other = PARAGRAPHS[:2] + [p.replace("story", "report") for p in PARAGRAPHS[2:]]
    diags = check(
        tmp_path,
        articles={
            "2025-a": clean_article("\n\n".join(PARAGRAPHS)),
            "2025-b": clean_article("\n\n".join(other), url="https://example.kz/b"),
        },
    )
    assert diags == []


# --- repeated text inside one body ---------------------------------------------------------


def test_a_body_held_twice_is_a_warning_naming_the_paragraphs(tmp_path):
    body = "\n\n".join(PARAGRAPHS[:1] + PARAGRAPHS[1:4] + PARAGRAPHS[1:4])
    diags = check(tmp_path, articles={"2025-a": clean_article(body)})
    [d] = diags
    fifth = line_of(md(clean_article(body)), PARAGRAPHS[1]) + 6  # paragraph 5, two per block
    assert (d.severity, d.line) == ("warning", fifth)
    assert d.message == (
        "repeated text: paragraphs 5-7 repeat paragraphs 2-4; the capture may hold the article "
        "twice: keep the text once"
    )


def test_a_repeated_short_line_is_not_repeated_text(tmp_path):
    body = "\n\n".join([PARAGRAPHS[0], "## Background", PARAGRAPHS[1], "## Background"])
    assert check(tmp_path, articles={"2025-a": clean_article(body)}) == []


def test_repeated_runs():
    p = [f"paragraph number {i} with enough words to be significant" for i in range(5)]
    assert repeated_runs(p) == []
    assert repeated_runs(p + p[1:]) == [Run(1, 5, 4)]
    assert Run(1, 5, 4).describe() == "paragraphs 6-9 repeat paragraphs 2-5"
    assert Run(0, 3, 1).describe() == "paragraph 4 repeat paragraph 1"
    # quotation marks, dashes and case do not hide a repeat
    assert repeated_runs([p[0], p[0].upper().replace(" ", "  ")]) == [Run(0, 1, 1)]
    assert without_repeats(p + p[1:3])[0] == p


# --- mentions not in the metadata ----------------------------------------------------------


def test_mention_not_in_metadata_is_a_warning(tmp_path):
    body = "Lastaev said the EU funds it."
    diags = check(tmp_path, articles={"2025-a": clean_article(body)})
    assert lines_of(diags) == [
        f"{A}:1: warning: organizations: the body names organization 'European Union' (as 'EU') "
        "but the front matter does not list it; add 'European Union' to 'organizations'",
        f"{A}:1: warning: people: the body names person 'Artur Lastayev' (as 'Lastaev') but "
        "the front matter does not list it; add 'Artur Lastayev' to 'people'",
    ]


def test_mention_warning_points_at_the_field_when_present(tmp_path):
    diags = check(
        tmp_path,
        articles={"2025-a": clean_article("Lastaev spoke.", people=["Usen Suleimen"])},
    )
    [d] = only(diags, "Artur Lastayev")
    assert (d.line, d.field) == (9, "people")


def test_mentions_match_whole_words_only(tmp_path):
    body = "EUROPE and the EUR, Lastaevsky and Suleimenov, neuer Artur."
    assert check(tmp_path, articles={"2025-a": clean_article(body)}) == []


def test_mentions_listed_in_any_field_give_no_warning(tmp_path):
    body = "Lastaev told the EU what Usur Suleimen said about torture."
    diags = check(
        tmp_path,
        articles={
            "2025-a": clean_article(
                body,
                authors=["Artur Lastayev"],
                speakers=["Usen Suleimen"],
                organizations=["European Union"],
            )
        },
    )
    assert diags == []


def test_mentions_are_found_in_any_case_and_across_a_line_break(tmp_path):
    diags = check(tmp_path, articles={"2025-a": clean_article("The words of USUR\nsuleimen.")})
    [d] = diags
    assert "person 'Usen Suleimen' (as 'USUR\\nsuleimen')" in d.message


# --- provenance ----------------------------------------------------------------------------


def test_capture_that_does_not_exist_is_an_error(tmp_path):
    a = clean_article(capture="archive/example-news/2025/missing.txt")
    diags = check(tmp_path, articles={"2025-a": a})
    line = line_of(md(a), "capture:")
    assert lines_of(diags) == [
        f"{A}:{line}: error: capture: archive/example-news/2025/missing.txt does not exist"
    ]


def test_capture_checksum_mismatch_is_an_error(tmp_path):
    diags = check(
        tmp_path,
        articles={"2025-a": clean_article()},
        captures={CAPTURE: CAPTURE_TEXT + "edited\n"},
    )
    [d] = diags
    line = line_of(md(clean_article()), "sha256:")
    assert (d.path, d.line, d.field, d.severity) == (A, line, "sha256", "error")
    digest = sha256(CAPTURE_TEXT + "edited\n")
    assert d.message.startswith(f"does not match archive/{CAPTURE} (its SHA-256 is {digest})")


def test_capture_without_checksum_is_an_error_giving_it(tmp_path):
    fields = provenance()
    del fields["sha256"]
    a = article("Some text.", url="https://example.kz/a", **fields)
    diags = check(tmp_path, articles={"2025-a": a})
    line = line_of(md(a), "capture:")
    assert lines_of(diags) == [
        f"{A}:{line}: error: sha256: missing; the capture's SHA-256 is {sha256(CAPTURE_TEXT)}"
    ]


def test_capture_is_checked_byte_for_byte(tmp_path):
    data = b"\xef\xbb\xbfline one\r\nline two\r\n"
    a = clean_article(capture=f"archive/{CAPTURE}", sha256=sha256(data))
    assert check(tmp_path, articles={"2025-a": a}, captures={CAPTURE: data}) == []


@pytest.mark.parametrize(
    "fields, what",
    [
        ({"url": "https://example.kz/a"}, "the page may change or vanish"),
        ({}, "with neither 'url' nor 'capture' a reader cannot verify the article"),
    ],
)
def test_no_capture_is_a_warning(tmp_path, fields, what):
    diags = check(tmp_path, articles={"2025-a": article(**fields)})
    [d] = diags
    assert (d.severity, d.field) == ("warning", "capture")
    assert d.message.startswith(f"no capture: {what}; ")


def test_capture_outside_archive_is_refused(tmp_path):
    (tmp_path / "secret.txt").write_text("x")
    a = clean_article(capture="archive/../secret.txt", sha256=sha256("x"))
    [d] = [d for d in check(tmp_path, articles={"2025-a": a}) if d.is_error]
    assert d.field == "capture" and "must be a relative path under archive/" in d.message


# --- raw HTML, translations ----------------------------------------------------------------


def test_raw_html_in_a_body_is_a_warning(tmp_path):
    body = "First line.\n\n<script>alert(1)</script>"
    [d] = check(tmp_path, articles={"2025-a": clean_article(body)})
    assert d.severity == "warning" and "raw HTML (<script>)" in d.message
    assert d.line == line_of(md(clean_article(body)), "<script>")


def test_markdown_with_angle_brackets_in_text_is_not_html(tmp_path):
    body = "Growth was < 5% and > 2%; see https://example.kz."
    assert check(tmp_path, articles={"2025-a": clean_article(body)}) == []


def test_translations_must_point_at_an_article_in_that_language(tmp_path):
    diags = check(
        tmp_path,
        articles={
            "2025-a": clean_article(translations={"ru": "2025-b", "kk": "2025-missing"}),
            "2025-b": clean_article("Другой текст.", url="https://example.kz/b", language="en"),
        },
    )
    assert [(d.path, d.field, d.message) for d in diags] == [
        (A, "translations.ru", f"{B} is in 'en', not 'ru'"),
        (A, "translations.kk", "no article has the id '2025-missing'"),
    ]


def test_translations_that_resolve_pass(tmp_path):
    diags = check(
        tmp_path,
        articles={
            "2025-a": clean_article(translations={"ru": "2025-b"}),
            "2025-b": clean_article(
                "Другой текст.", url="https://example.kz/b", language="ru",
                translations={"en": "2025-a"},
            ),
        },
    )  # fmt: skip
    assert diags == []


def test_checks_in_a_child_process_report_what_the_checks_here_report(tmp_path):
    from site_builder import checks

    make_archive(
        tmp_path,
        captures={CAPTURE: CAPTURE_TEXT},
        articles={
            "2025-a": clean_article("He said nothing.", quotes=[{"text": "never said", "by": "X"}]),
            "2025-b": article("Text without provenance."),
        },
    )
    arch = archive_mod.load(tmp_path)
    here = checks.run_all(arch)
    assert here.errors and here.warnings  # something to carry back from the child
    assert checks.run_all_in_background(arch)() == here
