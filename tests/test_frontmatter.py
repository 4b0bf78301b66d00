"""Reading front matter: the YAML traps of issue 2, point 3, each with its line."""

from __future__ import annotations

import pytest

from site_builder.core import frontmatter
from site_builder.core.frontmatter import split


def read(text: str) -> frontmatter.FrontMatter:
    return frontmatter.read("content/x.md", text)


def messages(fm: frontmatter.FrontMatter) -> list[str]:
    return [d.format() for d in fm.diagnostics]


def test_values_keep_their_lines():
    fm = read(
        "---\ntitle: A\nspeakers:\n  - One\n  - Two\nquotes:\n  - by: One\n    text: x\n---\n"
    )
    assert fm.data["speakers"] == ["One", "Two"]
    assert fm.line("title") == 2
    assert fm.line("speakers") == 3
    assert fm.line("speakers", 0) == 4
    assert fm.line("speakers", 1) == 5
    assert fm.line("quotes", 0, "by") == 7
    assert fm.line("quotes", 0, "text") == 8
    # a path without a line of its own falls back to its closest parent
    assert fm.line("quotes", 0, "note") == 7
    assert fm.body_line == 10
    assert messages(fm) == []


def test_duplicate_key_names_both_lines():
    fm = read("---\ntitle: First\nlanguage: en\ntitle: Second\n---\nbody\n")
    assert messages(fm) == [
        "content/x.md:4: error: title: duplicate key 'title': it is already set on line 2; "
        "keep one of the two"
    ]
    assert fm.data["title"] == "First"  # the first value is kept, never silently replaced


def test_duplicate_key_inside_a_list_item():
    fm = read("---\nquotes:\n  - by: A\n    text: one\n    by: B\n---\n")
    [d] = fm.diagnostics
    assert (d.line, d.field) == (5, "quotes[0].by")
    assert "already set on line 3" in d.message


@pytest.mark.parametrize(
    "raw",
    ["no", "No", "off", "on", "yes", "y", "true", "010", "0o10", "0x1F", "1:20", "1e3", "12.50",
     "2025-06-12", "2025-06-12T10:00:00", ".inf", ".NaN"],
)  # fmt: skip
def test_plain_values_stay_the_text_as_written(raw):
    fm = read(f"---\ntitle: {raw}\n---\n")
    assert fm.data == {"title": raw}
    assert type(fm.data["title"]) is str
    assert messages(fm) == []


@pytest.mark.parametrize("raw", ["", "~", "null", "Null", "NULL"])
def test_empty_and_null_are_no_value(raw):
    fm = read(f"---\nsummary: {raw}\n---\n")
    assert fm.data == {"summary": None}


def test_quoted_null_is_text():
    fm = read("---\nsummary: \"null\"\nnotes: '~'\n---\n")
    assert fm.data == {"summary": "null", "notes": "~"}


def test_anchor_and_alias_are_refused():
    fm = read("---\nsummary: &s Some text\nnotes: *s\n---\n")
    assert messages(fm) == [
        "content/x.md:2: error: summary: YAML anchor '&s' is not allowed; "
        "write each value out in full",
        "content/x.md:3: error: notes: YAML alias '*s' is not allowed; write the value out in full",
    ]
    assert fm.data["notes"] is None  # the alias is not expanded


def test_billion_laughs_is_not_expanded():
    text = "---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n---\n"
    fm = read(text)
    assert fm.data["c"] == [None, None]
    assert sum("alias" in d.message for d in fm.diagnostics) == 4


@pytest.mark.parametrize(
    "value, tag",
    [
        ("!!python/object:os.system x", "tag:yaml.org,2002:python/object:os.system"),
        ("!!python/object/apply:os.system [ls]", "tag:yaml.org,2002:python/object/apply:os.system"),
        ("!!str 12", "tag:yaml.org,2002:str"),
        ("!custom value", "!custom"),
    ],
)
def test_tags_are_refused(value, tag):
    fm = read(f"---\ntitle: A\nnotes: {value}\n---\n")
    assert messages(fm) == [
        f"content/x.md:3: error: notes: YAML tag '{tag}' is not allowed; "
        "remove it and write plain text"
    ]


def test_python_object_tag_constructs_nothing():
    fm = read("---\nnotes: !!python/object/apply:os.system ['echo pwned']\n---\n")
    assert fm.data["notes"] == ["echo pwned"]  # plain data, never a call
    assert fm.diagnostics.errors


def test_bom_and_crlf_are_accepted_with_the_right_lines():
    text = "\ufeff---\r\ntitle: A\r\nlanguage: en\r\ntitle: B\r\n---\r\nFirst line\r\nSecond\r\n"
    fm = read(text)
    assert fm.data == {"title": "A", "language": "en"}
    assert fm.line("language") == 3
    [d] = fm.diagnostics
    assert d.line == 4 and "already set on line 2" in d.message
    assert fm.body == "First line\nSecond\n"
    assert fm.body_line == 6
    assert not fm.broken


def test_lone_cr_line_endings_count_as_lines():
    fm = read("---\rtitle: A\rlanguage: en\r---\rbody")
    assert fm.data == {"title": "A", "language": "en"}
    assert fm.line("language") == 3


def test_missing_closing_fence_is_an_error():
    fm = read("---\ntitle: A\nlanguage: en\n\nThe body starts here.\n")
    assert fm.broken
    assert messages(fm) == [
        "content/x.md:1: error: the front matter opened on line 1 is never closed: "
        "add a line '---' after it"
    ]


def test_missing_opening_fence_is_an_error():
    fm = read("title: A\n---\n")
    assert fm.broken
    assert "must start with a line '---'" in messages(fm)[0]


def test_dots_close_the_front_matter_too():
    fm = read("---\ntitle: A\n...\nbody\n")
    assert fm.data == {"title": "A"} and fm.body == "body\n" and not fm.broken


def test_split_reports_lines():
    assert split("---\na: b\n---\nx\ny") == (["a: b"], 2, "x\ny", 4)
    assert isinstance(split("---\na: b\n"), str)


def test_tab_indentation_is_an_error_with_its_line():
    fm = read("---\ntitle: A\nspeakers:\n\t- One\n---\n")
    assert fm.broken
    [d] = fm.diagnostics
    assert d.line == 4
    assert "a tab character; YAML indents with spaces only" in d.message


def test_unquoted_colon_space_in_a_value_is_an_error_with_a_hint():
    fm = read("---\nlanguage: en\ntitle: Suleimen: NGOs look for new funding\n---\n")
    assert fm.broken
    [d] = fm.diagnostics
    assert d.line == 3
    assert d.message.startswith(
        "invalid YAML: a ': ' inside an unquoted value; put the whole value in double quotes"
    )


def test_quoted_colon_is_fine():
    fm = read('---\ntitle: "Suleimen: NGOs look for new funding"\n---\n')
    assert fm.data["title"] == "Suleimen: NGOs look for new funding"
    assert messages(fm) == []


def test_hash_truncating_a_title_is_a_warning():
    fm = read("---\ntitle: We are #1 in Almaty\n---\n")
    assert fm.data["title"] == "We are"
    [d] = fm.diagnostics
    assert (d.severity, d.line, d.field) == ("warning", 2, "title")
    assert "'#1 in Almaty'" in d.message and "double quotes" in d.message


def test_hash_inside_a_word_or_quotes_is_kept():
    fm = read('---\ntitle: "We are #1 in Almaty"\nsummary: C#6 and F#\n---\n')
    assert fm.data == {"title": "We are #1 in Almaty", "summary": "C#6 and F#"}
    assert messages(fm) == []


def test_unclosed_quote_is_an_error_not_a_traceback():
    fm = read('---\ntitle: "Unclosed\nlanguage: en\n---\n')
    assert fm.broken
    [d] = fm.diagnostics
    assert d.is_error and d.message.startswith("invalid YAML:")


def test_front_matter_that_is_not_a_mapping_is_an_error():
    fm = read("---\n- a\n- b\n---\n")
    assert fm.broken
    assert "must be a list of 'key: value' lines" in messages(fm)[0]


def test_empty_front_matter_is_an_empty_mapping():
    fm = read("---\n---\nbody")
    assert fm.data == {} and not fm.broken and messages(fm) == []


def test_complex_key_is_refused():
    fm = read("---\n? [a, b]\n: value\ntitle: A\n---\n")
    assert fm.data == {"title": "A"}
    [d] = fm.diagnostics
    assert d.line == 2 and d.message == "a key must be a word"
