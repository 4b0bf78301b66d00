"""Deep Markdown (issue 14, finding 7): refused by the check with its line, never a traceback.

A 400-deep nested list, 20,000 '*' or 20,000 nested '[...](url)' passed the check; then the
build died with a RecursionError and no line, or one 40 KB line took it from 3 s to 118 s.
"""

from __future__ import annotations

import markdown
import pytest
from conftest import article, make_archive, md, only, run_check
from mkdocs.exceptions import Abort, PluginError
from sitebuild import build_site

from site_builder.checks import nesting

DEEP_LIST = "\n".join("    " * i + "- x" for i in range(400))
ATTACKS = {
    "deep-list": DEEP_LIST,
    "deep-ordered-list": "\n".join("    " * i + "1. x" for i in range(300)),
    "stars": "*" * 20_000 + "x",
    "nested-emphasis": "*" * 10_000 + "x" + "*" * 10_000,
    "alternating-emphasis": "".join("*a " if i % 2 else "_a " for i in range(1200))
    + "x"
    + "".join(" a*" if i % 2 else " a_" for i in reversed(range(1200))),
    "nested-links": "[" * 20_000 + "x" + "](u)" * 20_000,
    "open-brackets": "[" * 20_000,
    "open-link-addresses": "[a](" * 10_000,
    "deep-quotes": ">" * 40 + " x",
}
MESSAGES = {
    "deep-list": "a list nested 400 levels deep",
    "deep-ordered-list": "a list nested 300 levels deep",
    "stars": "20000 '*' and '_' in one paragraph",
    "nested-emphasis": "20000 '*' and '_' in one paragraph",
    "alternating-emphasis": "'*' and '_' in one paragraph",
    "nested-links": "the link brackets of this paragraph span",
    "open-brackets": "the link brackets of this paragraph span",
    "open-link-addresses": "the link brackets of this paragraph span",
    "deep-quotes": "quotations nested 40 deep",
}


@pytest.mark.parametrize("name", ATTACKS)
def test_each_attack_is_an_error_at_its_line(tmp_path, name):
    body = "First paragraph.\n\n" + ATTACKS[name] + "\n\nLast paragraph."
    text = md(article(body))
    make_archive(tmp_path, articles={"2025-x": text})
    found = only(run_check(tmp_path), MESSAGES[name])
    assert found, run_check(tmp_path)
    first_attack_line = text.splitlines().index(ATTACKS[name].split("\n")[0]) + 1
    deepest = first_attack_line + ATTACKS[name].count("\n")
    assert all(d.severity == "error" for d in found)
    assert {d.path for d in found} == {"content/articles/2025/2025-x.md"}
    assert first_attack_line <= min(d.line for d in found) <= deepest


def test_the_build_stops_with_the_line_before_rendering(tmp_path, caplog):
    body = "Text.\n\n" + DEEP_LIST
    make_archive(tmp_path, articles={"2025-x": article(body)})
    with pytest.raises((PluginError, Abort)) as exc:
        build_site(tmp_path)
    message = str(exc.value) + caplog.text
    assert "content/articles/2025/2025-x.md:" in message
    assert "a list nested" in message
    assert "RecursionError" not in message and "Traceback" not in message


def test_registry_bios_and_hand_written_pages_are_bounded_too(tmp_path):
    make_archive(
        tmp_path,
        people={"usen-suleimen": md({"name": "Usen Suleimen"}, body="x" + "*" * 5000 + "x")},
    )
    (tmp_path / "content" / "about.md").write_text("# About\n\n" + "[" * 30_000 + "\n")
    diags = run_check(tmp_path)
    assert only(diags, "content/people/usen-suleimen.md:")
    assert only(diags, "content/about.md:3: error: the link brackets")


@pytest.mark.parametrize(
    "text",
    [
        # the deepest list, the most emphasis marks and the widest brackets allowed render
        "\n".join("    " * i + "- x" for i in range(nesting.MAX_LIST_DEPTH)),
        "*a " * (nesting.MAX_EMPHASIS_MARKS // 4) + "x" + " a*" * (nesting.MAX_EMPHASIS_MARKS // 4),
        "[a " * 600 + "x" + "](u)" * 600,
        # what articles hold: links, emphasis, footnote-like brackets, a thematic break
        "A [link](https://example.org/a_b_c) and *emphasis* and __strong__ [1].\n\n***\n\n"
        + "- [one](u)\n" * 500,
    ],
)
def test_what_is_allowed_renders_without_failing(text):
    assert nesting.problems(text) == []
    markdown.Markdown(extensions=["toc"]).convert(text)


def test_code_is_not_counted():
    fenced = "```\n" + "*" * 5000 + "\n" + "    " * 100 + "- x\n```\n"
    spans = "`" + "[" * 30_000 + "`"
    assert nesting.problems(fenced) == []
    assert nesting.problems(spans) == []
    assert nesting.problems("\\[" * 30_000) == []


def test_bracket_span_counts_what_the_parser_reads():
    assert nesting.bracket_span("[ab](cd)") == 3 + 3
    assert nesting.bracket_span("[[x]]") == 2 + 4
    assert nesting.bracket_span("[x") == 2  # read to the end
    assert nesting.bracket_span("x](a(b)c") == 6  # '(' inside an address nests
