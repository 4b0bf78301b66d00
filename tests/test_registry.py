"""The registry: references resolve by id, name or alias, and a spelling means one entry."""

from __future__ import annotations

import unicodedata

import pytest
from conftest import article, lines_of, make_archive, only, run_check

from site_builder.core import archive as archive_mod
from site_builder.core.names import clean, key
from site_builder.core.schema import Ref


@pytest.fixture
def registry(tmp_path):
    make_archive(
        tmp_path,
        people={
            "artur-lastayev": {"name": "Artur Lastayev", "aliases": ["Lastaev", "Артур Ластаев"]},
            "usen-suleimen": {"name": "Usen Suleimen", "aliases": ["Usur Suleimen"]},
            "zhanar-tolegen": {"name": "Zhanar Tölegen"},
            "alikhan-bokeikhan": {"name": "Әлихан Бөкейхан"},
        },
        organizations={
            "european-union": {"name": "European Union", "abbreviation": "EU"},
            "kibhr": {"name": "Kazakhstan International Bureau for Human Rights"},
        },
    )
    arch = archive_mod.load(tmp_path)
    assert arch.diagnostics == []
    return arch.registry


@pytest.mark.parametrize(
    "text",
    ["artur-lastayev", "Artur Lastayev", "Lastaev", "Артур Ластаев", "ARTUR LASTAYEV",
     "artur lastayev", "  Artur   Lastayev ", "Lastáev", "LASTÁEV", "артур ластаев",
     "Artur\u00a0Lastayev"],
)  # fmt: skip
def test_resolves_by_id_name_and_alias_ignoring_case_accents_and_spaces(registry, text):
    entity = registry.resolve("person", text)
    assert entity is not None and entity.id == "artur-lastayev"


def test_nfc_and_nfd_are_the_same_name(registry):
    nfd = unicodedata.normalize("NFD", "Zhanar Tölegen")
    assert nfd != "Zhanar Tölegen"
    assert registry.resolve("person", nfd).id == "zhanar-tolegen"
    assert registry.resolve("person", "Zhanar Tolegen").id == "zhanar-tolegen"


def test_kazakh_letters_resolve_in_any_case(registry):
    assert registry.resolve("person", "ӘЛИХАН БӨКЕЙХАН").id == "alikhan-bokeikhan"
    # Kazakh letters are letters, not accented Russian ones: Ә is not А, Ө is not О
    assert registry.resolve("person", "Алихан Бокейхан") is None


def test_cyrillic_and_latin_are_distinct_unless_an_alias_joins_them(registry):
    # Usen Suleimen has no Cyrillic alias; Artur Lastayev has one
    assert registry.resolve("person", "Усен Сулеймен") is None
    assert registry.resolve("person", "Артур Ластаев").id == "artur-lastayev"
    # a transliteration of a Cyrillic-only name is not that name
    assert registry.resolve("person", "Alikhan Bokeikhan") is None


def test_a_cyrillic_look_alike_letter_does_not_resolve(registry):
    mixed = "\u0410rtur Lastayev"  # Cyrillic capital A
    assert registry.resolve("person", mixed) is None


def test_kinds_are_separate(registry):
    assert registry.resolve("organization", "Artur Lastayev") is None
    assert registry.resolve("organization", "EU").id == "european-union"
    assert registry.resolve("person", "EU") is None


def test_name_key():
    assert key("Lastáyev") == key("LASTAYEV") == key("lastayev")
    assert key(unicodedata.normalize("NFD", "Tölegen")) == key("Tolegen")
    assert key("Usen\u200bSuleimen") == "usensuleimen"
    assert key("Ластаев") != key("Lastaev")
    assert clean("  a \u00a0 b\n c ") == "a b c"


# --- suggestions ---------------------------------------------------------------------------


def test_suggests_the_closest_names(registry):
    assert registry.suggest("person", "Lastayev") == ["Artur Lastayev"]
    assert registry.suggest("person", "Usen Suleymen") == ["Usen Suleimen"]
    assert registry.suggest("organization", "Kazakhstan Intl Bureau for Human Rights") == [
        "Kazakhstan International Bureau for Human Rights"
    ]


@pytest.mark.parametrize("text", ["Zhanna Bekova", "Deutsche Welle", "Eurasia", "Neuropa"])
def test_no_suggestion_for_unrelated_names(registry, text):
    kind = "organization" if text[0] in "DEN" else "person"
    # 'EU' is a spelling of the European Union, but not a part of 'Deutsche' or 'Eurasia'
    assert registry.suggest(kind, text) == []


def test_a_short_spelling_is_suggested_as_a_whole_word(registry):
    assert registry.suggest("organization", "EU Delegation") == ["European Union"]


def test_unresolved_message_with_suggestion_and_command(registry):
    msg = registry.unresolved_message("person", Ref("Lastayev", 7, "people[0]"))
    assert msg == (
        "unknown person 'Lastayev' (did you mean 'Artur Lastayev'?); if it is one of them, "
        "add 'Lastayev' to its aliases; if not, create it with: site-builder new person Lastayev"
    )


def test_unresolved_message_without_suggestion_quotes_the_command(registry):
    msg = registry.unresolved_message("person", Ref("Zhanna Bekova", 7, "people[0]"))
    assert msg == (
        "unknown person 'Zhanna Bekova'; create it with: site-builder new person 'Zhanna Bekova'"
    )
    msg = registry.unresolved_message("organization", Ref("O'Neill & Co", 3, "organizations[0]"))
    assert msg.endswith("site-builder new organization 'O'\"'\"'Neill & Co'")


# --- through the check ---------------------------------------------------------------------


def test_unresolved_reference_names_file_line_suggestion_and_command(tmp_path):
    make_archive(
        tmp_path,
        articles={"2025-a": article(url="https://x.kz/a", people=["Usen Suleimen", "Lastayev"])},
    )
    [d] = only(run_check(tmp_path), "unknown person")
    assert d.format() == (
        "content/articles/2025/2025-a.md:9: error: people[1]: unknown person 'Lastayev' "
        "(did you mean 'Artur Lastayev'?); if it is one of them, add 'Lastayev' to its aliases; "
        "if not, create it with: site-builder new person Lastayev"
    )


def test_every_reference_field_is_resolved(tmp_path):
    make_archive(
        tmp_path,
        articles={
            "2025-a": article(
                outlet="Nowhere Times",
                url="https://x.kz/a",
                authors=["Nobody A"],
                speakers=["Nobody B"],
                people=["Nobody C"],
                organizations=["Nothing D"],
                topics=["Nothing E"],
            )
        },
    )
    unknown = [(d.field, d.message.split(";")[0]) for d in only(run_check(tmp_path), "unknown ")]
    assert unknown == [
        ("outlet", "unknown outlet 'Nowhere Times'"),
        ("authors[0]", "unknown person 'Nobody A'"),
        ("speakers[0]", "unknown person 'Nobody B'"),
        ("people[0]", "unknown person 'Nobody C'"),
        ("organizations[0]", "unknown organization 'Nothing D'"),
        ("topics[0]", "unknown topic 'Nothing E'"),
    ]


def test_resolved_references_give_no_error(tmp_path):
    make_archive(
        tmp_path,
        articles={
            "2025-a": article(
                body="Lastaev and Usur Suleimen spoke about the EU and torture.",
                url="https://x.kz/a",
                outlet="en",
                speakers=["lastaev"],
                people=[unicodedata.normalize("NFD", "Usur Suléimen")],
                organizations=["EU"],
                topics=["TORTURE"],
            )
        },
    )
    diags = run_check(tmp_path)
    assert [d for d in diags if d.is_error] == []
    assert only(diags, "unknown") == []


def test_role_organization_and_parent_are_resolved(tmp_path):
    make_archive(
        tmp_path,
        people={"a-b": {"name": "A B", "roles": [{"organization": "Nowhere Org", "title": "X"}]}},
        organizations={"eu": {"name": "EU body", "parent": "Parent Org"}},
    )
    assert [(d.path, d.field) for d in only(run_check(tmp_path), "unknown organization")] == [
        ("content/organizations/eu.md", "parent"),
        ("content/people/a-b.md", "roles[0].organization"),
    ]


def test_two_entries_claiming_the_same_alias_is_an_error_naming_both_files(tmp_path):
    # Not a git repository: nothing tells which entry is new, so both are named.
    make_archive(
        tmp_path,
        people={
            "artur-lastayev": {"name": "Artur Lastayev", "aliases": ["A. Lastayev"]},
            "anna-lastayeva": {"name": "Anna Lastayeva", "aliases": ["Lastaeva", "a. lastáyev"]},
        },
    )
    assert lines_of(run_check(tmp_path)) == [
        "content/people/anna-lastayeva.md:5: error: aliases[1]: 'a. lastáyev' is also claimed "
        "by person 'artur-lastayev' (content/people/artur-lastayev.md:4, as 'A. Lastayev'); a "
        "spelling can refer to one person only: remove it from one of the two files (or, if "
        "they are one person, merge the two)",
        "content/people/artur-lastayev.md:4: error: aliases[0]: 'A. Lastayev' is also claimed "
        "by person 'anna-lastayeva' (content/people/anna-lastayeva.md:5, as 'a. lastáyev'); a "
        "spelling can refer to one person only: remove it from one of the two files (or, if "
        "they are one person, merge the two)",
    ]


def test_two_entries_with_the_same_name_is_an_error(tmp_path):
    make_archive(
        tmp_path,
        people={"ali-one": {"name": "Ali Khan"}, "ali-two": {"name": "ALI KHAN"}},
    )
    assert lines_of(run_check(tmp_path)) == [
        "content/people/ali-one.md:2: error: name: 'Ali Khan' is also claimed by person "
        "'ali-two' (content/people/ali-two.md:2, as 'ALI KHAN'); a spelling can refer to one "
        "person only: remove it from one of the two files (or, if they are one person, merge "
        "the two)",
        "content/people/ali-two.md:2: error: name: 'ALI KHAN' is also claimed by person "
        "'ali-one' (content/people/ali-one.md:2, as 'Ali Khan'); a spelling can refer to one "
        "person only: remove it from one of the two files (or, if they are one person, merge "
        "the two)",
    ]


def test_a_collision_is_reported_on_the_changed_file_alone(tmp_path):
    make_archive(
        tmp_path,
        people={"ali-one": {"name": "Ali Khan"}, "ali-two": {"name": "ALI KHAN"}},
    )
    arch = archive_mod.load(tmp_path, changed={"content/people/ali-one.md"})
    assert lines_of(arch.diagnostics) == [
        "content/people/ali-one.md:2: error: name: 'Ali Khan' is already claimed by person "
        "'ali-two' (content/people/ali-two.md:2, as 'ALI KHAN'); a spelling can refer to one "
        "person only: remove it from this file (or, if they are one person, merge the two)"
    ]


def test_the_same_spelling_in_two_kinds_is_fine(tmp_path):
    make_archive(
        tmp_path,
        people={"torture": {"name": "Torture"}},
        topics={"torture": {"name": "Torture", "aliases": ["torture"]}},
    )
    assert run_check(tmp_path) == []


def test_mixed_script_reference_is_an_error(tmp_path):
    make_archive(
        tmp_path,
        people={"artur-lastayev": {"name": "Artur Lastayev"}},
        articles={"2025-a": article(url="https://x.kz/a", people=["\u0410rtur Lastayev"])},
    )
    [e] = only(run_check(tmp_path), "mixes scripts within a word")
    assert (e.severity, e.line, e.field) == ("error", 8, "people[0]")
    assert "U+0410 CYRILLIC CAPITAL LETTER A in '\u0410rtur' among Latin letters" in e.message


def test_invisible_characters_in_an_alias_are_a_warning(tmp_path):
    make_archive(tmp_path, people={"a-b": {"name": "A B", "aliases": ["A\u00a0Bee"]}})
    [w] = run_check(tmp_path)
    assert (w.path, w.line, w.severity) == ("content/people/a-b.md", 4, "warning")
    assert "invisible characters" in w.message


def test_former_id_in_use_is_an_error(tmp_path):
    make_archive(
        tmp_path,
        people={
            "a-b": {"name": "A B", "former_ids": ["c-d"]},
            "c-d": {"name": "C D"},
        },
    )
    [d] = run_check(tmp_path)
    assert d.format() == (
        "content/people/a-b.md:4: error: former_ids[0]: 'c-d' is taken by content/people/c-d.md; "
        "an old id must not be in use"
    )
