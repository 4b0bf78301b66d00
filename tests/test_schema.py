"""The data contract: one schema, checked field by field, each problem with its line."""

from __future__ import annotations

import datetime as dt

import pytest

from site_builder.core import frontmatter, schema
from site_builder.core.dates import DateError, PartialDate, parse_full
from site_builder.core.diagnostics import Diagnostics

VALID = """\
---
title: A title
outlet: Example News
date: 2025-06-12
language: en
---
Body.
"""


def validate(text: str, kind: str = "article") -> tuple[dict, list[str]]:
    fm = frontmatter.read("content/x.md", text)
    diags = Diagnostics(fm.diagnostics)
    values = schema.validate(fm, kind, diags)
    return values, [d.format() for d in diags]


def article(*lines: str) -> str:
    """A valid article with `lines` added to its front matter (from line 6 on)."""
    head, tail = VALID.split("---\nBody")
    return head + "".join(line + "\n" for line in lines) + "---\nBody" + tail


def test_valid_article_has_no_problems():
    values, problems = validate(VALID)
    assert problems == []
    assert values["title"] == "A title"
    assert values["outlet"].text == "Example News" and values["outlet"].line == 3
    assert values["date"] == PartialDate(2025, 6, 12)
    assert values["language"] == "en"
    assert values["speakers"] == [] and values["quotes"] == []


def test_the_schema_lists_every_field_of_the_contract():
    names = [f.name for f in schema.ARTICLE]
    for name in (
        "title outlet date url language authors speakers people organizations topics quotes "
        "summary capture sha256 retrieved archived_url translations notes"
    ).split():
        assert name in names
    assert {f.name for f in schema.ARTICLE if f.required} == {"title", "outlet", "date", "language"}
    for kind in schema.KINDS:
        assert [f.name for f in schema.REGISTRY[kind]][:2] == ["name", "aliases"]


def test_markdown_table_documents_every_field():
    table = schema.markdown_table("article")
    assert table.splitlines()[0] == "| field | required | meaning |"
    assert "| `title` | yes |" in table and "| `notes` |  |" in table
    assert len(table.splitlines()) == 2 + len(schema.ARTICLE)


# --- unknown keys --------------------------------------------------------------------------


def test_unknown_key_with_did_you_mean():
    _, problems = validate(article("speakrs: [One]"))
    assert len(problems) == 1
    assert problems[0].startswith(
        "content/x.md:6: error: speakrs: unknown field 'speakrs' (did you mean 'speakers'?); "
        "the fields of an article are: title, outlet, date,"
    )


def test_unknown_key_without_close_match_has_no_suggestion():
    _, problems = validate(article("zzzzqqq: 1"))
    assert len(problems) == 1
    assert "unknown field 'zzzzqqq'; the fields" in problems[0]
    assert "did you mean" not in problems[0]


def test_unknown_key_inside_a_quote():
    _, problems = validate(article("quotes:", "  - by: One", "    txt: hello"))
    assert (
        "content/x.md:8: error: quotes[0].txt: unknown key 'txt' (did you mean 'text'?); a quote "
        "has only 'by' and 'text' (a curator's note belongs in 'notes')"
    ) in problems


def test_registry_entry_knows_its_own_fields():
    _, problems = validate("---\nname: X\nabbreviation: X\n---\n", "person")
    assert problems == [
        "content/x.md:3: error: abbreviation: unknown field 'abbreviation'; the fields of a "
        "person are: name, aliases, description, wikidata, website, former_ids, roles, gender, "
        "declension"
    ]
    _, problems = validate("---\nname: X\nabbreviation: X\n---\n", "organization")
    assert problems == []


# --- required fields -----------------------------------------------------------------------


def test_missing_required_fields_are_each_reported():
    _, problems = validate("---\nsummary: x\n---\n")
    assert [p.split(": ")[2] for p in problems] == ["title", "outlet", "date", "language"]
    assert all(p.startswith("content/x.md:1: error: ") for p in problems)
    assert "missing required field 'title': Headline as published." in problems[0]


@pytest.mark.parametrize("value", ["", "~", "null"])
def test_required_field_left_empty(value):
    _, problems = validate(VALID.replace("title: A title", f"title: {value}"))
    assert len(problems) == 1
    assert problems[0].startswith("content/x.md:2: error: title: 'title' is required and is empty")


@pytest.mark.parametrize("value", ['""', '"   "', "''"])
def test_required_field_of_blanks_is_empty_and_the_line_is_not_to_be_removed(value):
    _, problems = validate(VALID.replace("title: A title", f"title: {value}"))
    assert problems == [
        "content/x.md:2: error: title: 'title' is required and is empty: Headline as published. "
        "In square brackets when supplied by the curator."
    ]


def test_optional_field_given_as_blank_text_is_an_error():
    _, problems = validate(article('summary: ""'))
    assert problems == [
        "content/x.md:6: error: summary: is empty; write the text or remove the line"
    ]


def test_empty_item_in_a_list():
    values, problems = validate(article("speakers:", "  - One", '  - ""'))
    assert values["speakers"][0].text == "One"
    assert problems == [
        "content/x.md:8: error: speakers[1]: is empty; write the person id or name or remove "
        "the line"
    ]


# --- wrong types ---------------------------------------------------------------------------


def test_speakers_as_a_string_is_an_error():
    values, problems = validate(article("speakers: Usen Suleimen"))
    assert values["speakers"] == []
    assert problems == [
        "content/x.md:6: error: speakers: must be a list, e.g. `speakers: [person name]` or one "
        "'- item' per line; found the text 'Usen Suleimen'"
    ]


def test_speakers_as_a_list_is_fine():
    values, problems = validate(article("speakers: [Usen Suleimen, Artur Lastayev]"))
    assert problems == []
    assert [r.text for r in values["speakers"]] == ["Usen Suleimen", "Artur Lastayev"]
    assert [r.field for r in values["speakers"]] == ["speakers[0]", "speakers[1]"]


def test_title_as_a_list_is_an_error():
    _, problems = validate(VALID.replace("title: A title", "title:\n  - A\n  - B"))
    assert problems == ["content/x.md:2: error: title: must be text on one line, not a list"]


def test_quote_as_text_is_an_error():
    _, problems = validate(article("quotes:", "  - Just some words"))
    assert problems == [
        "content/x.md:7: error: quotes[0]: each item must be a mapping like "
        "{by: Name, text: \"...\"}; found the text 'Just some words'"
    ]


def test_quote_without_by_or_text():
    _, problems = validate(article("quotes:", "  - note: x"))
    assert "content/x.md:7: error: quotes[0]: a quote needs 'by': the person quoted" in problems
    assert (
        "content/x.md:7: error: quotes[0]: a quote needs 'text': the words as they appear in "
        "the body" in problems
    )


def test_translations_must_be_a_mapping():
    _, problems = validate(article("translations: [ru]"))
    assert len(problems) == 1 and "translations: must be a mapping of language" in problems[0]
    values, problems = validate(article("translations:", "  ru: 2025-06-x-ru"))
    assert problems == [] and values["translations"]["ru"].text == "2025-06-x-ru"


# --- text as written -----------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["no", "on", "010", "1:20", "yes", "null-island"])
def test_text_fields_keep_yaml_traps_as_text(raw):
    values, problems = validate(VALID.replace("title: A title", f"title: {raw}"))
    assert problems == []
    assert values["title"] == raw


def test_language_no_is_norwegian_not_false():
    values, problems = validate(VALID.replace("language: en", "language: no"))
    assert problems == []
    assert values["language"] == "no"


def test_references_keep_yaml_traps_as_text():
    values, problems = validate(article("people: [No, On, '010']", "topics:", "  - 1:20"))
    assert problems == []
    assert [r.text for r in values["people"]] == ["No", "On", "010"]
    assert [r.text for r in values["topics"]] == ["1:20"]


# --- URLs, languages, checksums ------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["ftp://example.com/a", "javascript:alert(1)", "example.com/a", "mailto:a@b.c", "https://"],
)
def test_non_http_url_is_an_error(url):
    values, problems = validate(article(f"url: '{url}'"))
    assert values["url"] is None
    assert problems == [
        f"content/x.md:6: error: url: {url!r} is not an http(s) URL; write the full address, "
        "https://..."
    ]


@pytest.mark.parametrize("url", ["https://cmn.kz/a?b=1", "http://example.com", "HTTPS://X.KZ/a"])
def test_http_url_is_fine(url):
    values, problems = validate(article(f"url: '{url}'"))
    assert problems == [] and values["url"] == url


def test_url_with_a_space_is_an_error():
    _, problems = validate(article("url: 'https://example.com/a b'"))
    assert problems == [
        "content/x.md:6: error: url: a URL cannot contain spaces; encode them as %20"
    ]


@pytest.mark.parametrize(
    "code, hint",
    [("kz", " (did you mean 'kk'?)"), ("kaz", " (did you mean 'kk'?)"), ("xx", ""), ("eng", "")],
)
def test_unknown_language_code(code, hint):
    values, problems = validate(VALID.replace("language: en", f"language: {code}"))
    assert values["language"] is None
    assert problems == [
        f"content/x.md:5: error: language: {code!r} is not an ISO 639-1 language code{hint}; "
        "use en, ru, kk, ..."
    ]


@pytest.mark.parametrize("code", ["en", "ru", "kk", "uz"])
def test_known_language_codes(code):
    values, problems = validate(VALID.replace("language: en", f"language: {code}"))
    assert problems == [] and values["language"] == code


def test_sha256_must_be_64_lowercase_hex():
    _, problems = validate(article("sha256: " + "A" * 64))
    assert problems == [
        "content/x.md:6: error: sha256: must be 64 lowercase hexadecimal digits "
        "(the SHA-256 of the capture)"
    ]
    _, problems = validate(article("sha256: " + "a" * 64))
    assert problems == []


@pytest.mark.parametrize(
    "capture", ["/etc/passwd", "archive/../secret.txt", "content/x.txt", "..\\archive\\x"]
)
def test_capture_must_stay_under_archive(capture):
    values, problems = validate(article(f"capture: '{capture}'"))
    assert values["capture"] is None
    assert problems == [
        f"content/x.md:6: error: capture: {capture!r} must be a relative path under archive/, "
        "without '..'"
    ]


def test_wikidata_id():
    _, problems = validate("---\nname: X\nwikidata: 'Q0'\n---\n", "person")
    assert problems == [
        "content/x.md:3: error: wikidata: 'Q0' is not a Wikidata item id; "
        "write it as Q followed by digits"
    ]
    _, problems = validate("---\nname: X\nwikidata: Q42\n---\n", "person")
    assert problems == []


def test_role_needs_an_organization_or_a_title():
    _, problems = validate("---\nname: X\nroles:\n  - from: 2020\n---\n", "person")
    assert problems == [
        "content/x.md:4: error: roles[0]: a role needs an 'organization' or a 'title'"
    ]
    values, problems = validate(
        "---\nname: X\nroles:\n  - organization: KIBHR\n    from: 2020-03\n---\n", "person"
    )
    assert problems == []
    [role] = values["roles"]
    assert role.organization.text == "KIBHR" and role.start == PartialDate(2020, 3)


# --- dates ---------------------------------------------------------------------------------


def test_impossible_date_is_an_error_with_its_line():
    values, problems = validate(VALID.replace("2025-06-12", "2024-02-30"))
    assert values["date"] is None
    assert problems == [
        "content/x.md:4: error: date: '2024-02-30' is not a real date "
        "(day is out of range for month)"
    ]


def test_leap_day_is_a_real_date():
    values, problems = validate(VALID.replace("2025-06-12", "2024-02-29"))
    assert problems == [] and values["date"] == PartialDate(2024, 2, 29)


@pytest.mark.parametrize(
    "raw", ["12.06.2025", "2025-6-12", "June 2025", "2025-13", "2025-00", "2025-06-00"]
)
def test_malformed_date_is_an_error(raw):
    values, problems = validate(VALID.replace("2025-06-12", raw))
    assert values["date"] is None
    assert len(problems) == 1 and problems[0].startswith("content/x.md:4: error: date: ")


@pytest.mark.parametrize(
    "raw, precision, iso, human",
    [
        ("2025", "year", "2025", "2025"),
        ("2025-06", "month", "2025-06", "June 2025"),
        ("2025-06-12", "day", "2025-06-12", "12 June 2025"),
    ],
)
def test_date_keeps_its_precision(raw, precision, iso, human):
    values, problems = validate(VALID.replace("2025-06-12", raw))
    assert problems == []
    d = values["date"]
    assert (d.precision, d.iso(), d.human(), str(d)) == (precision, iso, human, iso)


def test_year_only_dates_sort_after_the_days_of_that_year():
    dates = [PartialDate.parse(t) for t in ("2025", "2025-12-31", "2025-06", "2024-12")]
    assert [d.iso() for d in sorted(dates, key=PartialDate.sort_key)] == [
        "2024-12",
        "2025-06",
        "2025-12-31",
        "2025",
    ]


def test_retrieved_needs_a_full_date():
    _, problems = validate(article("retrieved: 2025-06"))
    assert problems == [
        "content/x.md:6: error: retrieved: '2025-06' must be a full date YYYY-MM-DD"
    ]
    values, problems = validate(article("retrieved: 2025-06-13"))
    assert problems == [] and values["retrieved"] == dt.date(2025, 6, 13)


def test_parse_full_and_partial_errors():
    with pytest.raises(DateError):
        parse_full("2025")
    with pytest.raises(DateError):
        PartialDate.parse("2023-02-29")
