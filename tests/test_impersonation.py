"""Finding 3 of the security issue: a new entry that passes for an existing one.

- 'Αrtur Lastayev' with a Greek capital alpha, whose page looked like the ombudsman's;
- 'Usen \u202eneimeluS', which a right-to-left override shows as 'Usen Suleimen';
- a new registry file claiming an existing alias, blamed on the untouched file.

Each is refused by the check (an error at the file and line of the spelling) or named where
it was added; names that really are written in Kazakh, Russian or Japanese pass untouched.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import DEFAULT_PEOPLE, article, lines_of, make_archive, md, only, run_check
from mkdocs.exceptions import Abort, PluginError
from sitebuild import build_site

from site_builder.cli import main
from site_builder.core import archive as archive_mod

ALPHA = "\u0391rtur Lastayev"  # U+0391 GREEK CAPITAL LETTER ALPHA
REVERSED = "Usen \u202eneimeluS"  # shows as 'Usen Suleimen'
OMBUDSMAN = "content/people/artur-lastayev.md"


def errors(diags) -> list[str]:
    return [d.format() for d in diags if d.is_error]


# --- mixed scripts ---------------------------------------------------------------------------


def test_a_greek_alpha_in_a_new_name_is_an_error_naming_the_letter(tmp_path):
    make_archive(tmp_path, people={**DEFAULT_PEOPLE, "a-lastayev": {"name": ALPHA}})
    diags = run_check(tmp_path)
    assert errors(diags) == [
        f"content/people/a-lastayev.md:2: error: name: {ALPHA!r} mixes scripts within a word: "
        "U+0391 GREEK CAPITAL LETTER ALPHA in '\u0391rtur' among Latin letters; letters that "
        "look alike in two scripts make one name pass for another: retype it in one script (a "
        "spelling in another script belongs in 'aliases', wholly in that script)"
    ]
    # and it is said whom it would pass for, with that entry's file and line
    [warning] = only(diags, "content/people/a-lastayev.md:2: warning: name: ")
    assert warning.message.startswith(
        f"{ALPHA!r} looks like 'Artur Lastayev' ({OMBUDSMAN}:2), a spelling of person "
        "'artur-lastayev': U+0391 GREEK CAPITAL LETTER ALPHA here and U+0041 LATIN CAPITAL "
        "LETTER A there look alike"
    )


def test_the_impersonating_entries_fail_the_build(tmp_path, caplog):
    """The page that looked like the ombudsman's is never built."""
    make_archive(
        tmp_path,
        people={**DEFAULT_PEOPLE, "a-lastayev": {"name": ALPHA}, "u-suleimen": {"name": REVERSED}},
    )
    with pytest.raises((PluginError, Abort)) as exc:
        build_site(tmp_path)
    message = str(exc.value) + caplog.text
    assert "content/people/a-lastayev.md:2: error: name: " in message
    assert "U+0391 GREEK CAPITAL LETTER ALPHA" in message
    assert "content/people/u-suleimen.md:2: error: name: " in message
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in message
    assert not (tmp_path / "site" / "people" / "a-lastayev").exists()


@pytest.mark.parametrize(
    ("spelling", "foreign", "main"),
    [
        ("\u0410rtur Lastayev", "U+0410 CYRILLIC CAPITAL LETTER A in '\u0410rtur'", "Latin"),
        ("Ласта\u0435v", "U+0076 LATIN SMALL LETTER V in 'Ласта\u0435v'", "Cyrillic"),
        ("Б\u0069ржан", "U+0069 LATIN SMALL LETTER I in 'Бiржан'", "Cyrillic"),  # not і
        ("Сул\u03b5ймен", "U+03B5 GREEK SMALL LETTER EPSILON in 'Сулεймен'", "Cyrillic"),
        ("A.Ластаев", "U+0041 LATIN CAPITAL LETTER A in 'A.Ластаев'", "Cyrillic"),
    ],
)
@pytest.mark.parametrize("field", ["name", "aliases[0]", "abbreviation"])
def test_a_word_of_two_look_alike_scripts_is_an_error_in_any_spelling(
    tmp_path, spelling, foreign, main, field
):
    entry = {"name": "Some Organization", "aliases": ["Other Name"], "abbreviation": "SO"}
    if field == "aliases[0]":
        entry["aliases"] = [spelling]
    else:
        entry[field] = spelling
    text = md(entry)
    make_archive(tmp_path, people={}, organizations={"some-organization": text})
    [d] = [d for d in run_check(tmp_path) if d.is_error]
    line = next(n for n, x in enumerate(text.splitlines(), 1) if spelling in x)
    assert (d.path, d.line, d.field) == ("content/organizations/some-organization.md", line, field)
    assert f"mixes scripts within a word: {foreign} among {main} letters" in d.message


@pytest.mark.parametrize(
    "name",
    [
        "Әлихан Бөкейхан",
        "Сүлеймен",
        "Қасым-Жомарт Тоқаев",
        "Ғалымжан Ұлықбек Һасен Іңкәр Өтеген Үміт",  # every Kazakh letter of its own
        "Ива\u0301нов",  # a Russian stress mark over a Cyrillic vowel
        "Γιώργος Παπαδόπουλος",
        "山田 太郎 Yamada",
        "東京タワー株式会社TOKYO",  # Latin with Han and katakana: Japanese, allowed
        "서울 Seoul 대학교",
        "O’Brien-Łukasiewicz",
        "Kazakh Latin: Qazaqstan Respublıkasy",
        "محمد\u200cرضا",  # a zero-width non-joiner inside a Persian name is spelling
    ],
)
def test_real_names_in_one_script_pass(tmp_path, name):
    make_archive(tmp_path, people={"x": {"name": name, "aliases": [name + " Jr"]}})
    assert run_check(tmp_path) == []


def test_a_reference_with_a_look_alike_letter_is_an_error(tmp_path):
    make_archive(
        tmp_path,
        articles={"2025-a": article(url="https://x.kz/a", people=["Usen Sul\u0435imen"])},
    )
    mixed = only(run_check(tmp_path), "mixes scripts within a word")
    assert [(d.severity, d.line, d.field) for d in mixed] == [("error", 8, "people[0]")]
    assert "U+0435 CYRILLIC SMALL LETTER IE in 'Sulеimen'" in mixed[0].message


def test_mixed_scripts_follow_uts39_highly_restrictive():
    from site_builder.core import lookalikes

    assert lookalikes.mixed_script_words("Tokyo東京タワー") == []
    assert lookalikes.mixed_script_words("中文Bopomofoㄅㄆ") == []
    assert lookalikes.mixed_script_words("한국Korea") == []
    assert [m.word for m in lookalikes.mixed_script_words("Tokyo東京Ωmega")] == ["Tokyo東京Ωmega"]
    assert [m.word for m in lookalikes.mixed_script_words("한국タワー")] == [
        "한국タワー"
    ]  # Kore + Jpan
    assert [m.foreign for m in lookalikes.mixed_script_words("Σωκράτηs")] == [("s",)]


# --- invisible and bidirectional characters -------------------------------------------------


def test_a_right_to_left_override_in_a_new_name_is_an_error(tmp_path):
    make_archive(tmp_path, people={**DEFAULT_PEOPLE, "u-suleimen": {"name": REVERSED}})
    assert errors(run_check(tmp_path)) == [
        "content/people/u-suleimen.md:2: error: name: 'Usen \\u202eneimeluS' contains "
        "U+202E RIGHT-TO-LEFT OVERRIDE, a bidirectional control: it changes the order in "
        "which the text after it is shown, so the spelling reads as a name it is not; delete "
        "it and type the name in the order it is read"
    ]


@pytest.mark.parametrize(
    ("char", "described"),
    [
        ("\u202b", "U+202B RIGHT-TO-LEFT EMBEDDING"),
        ("\u2067", "U+2067 RIGHT-TO-LEFT ISOLATE"),
        ("\u200f", "U+200F RIGHT-TO-LEFT MARK"),
        ("\u061c", "U+061C ARABIC LETTER MARK"),
    ],
)
def test_every_bidirectional_control_is_an_error_in_an_alias(tmp_path, char, described):
    make_archive(tmp_path, people={"a-b": {"name": "A B", "aliases": [f"Usen{char} Suleimen"]}})
    [d] = run_check(tmp_path)
    assert (d.path, d.line, d.severity, d.field) == (
        "content/people/a-b.md",
        4,
        "error",
        "aliases[0]",
    )
    assert f"contains {described}, a bidirectional control" in d.message


@pytest.mark.parametrize(
    ("char", "described"),
    [
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\u2060", "U+2060 WORD JOINER"),
        ("\u00ad", "U+00AD SOFT HYPHEN"),
        ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        ("\u3164", "U+3164 HANGUL FILLER"),  # a letter that shows as nothing
        ("\ufe0f", "U+FE0F VARIATION SELECTOR-16"),
        ("\U000e0041", "U+E0041 TAG LATIN CAPITAL LETTER A"),
        ("\u200d", "U+200D ZERO WIDTH JOINER"),  # not between letters of a joining script
    ],
)
def test_an_invisible_character_in_a_registry_name_is_an_error(tmp_path, char, described):
    make_archive(tmp_path, people={"a-b": {"name": f"Usen Sule{char}imen"}})
    [d] = run_check(tmp_path)
    assert (d.path, d.line, d.severity, d.field) == ("content/people/a-b.md", 2, "error", "name")
    assert f"contains invisible characters ({described})" in d.message


def test_in_a_reference_invisible_characters_warn_and_a_bidi_control_is_an_error(tmp_path):
    """A reference is resolved, not shown: what comparison ignores still finds the entry."""
    make_archive(
        tmp_path,
        articles={
            "2025-a": article(
                url="https://x.kz/a", people=["Usen\u200b Suleimen", "Artur\u202e Lastayev"]
            )
        },
    )
    diags = run_check(tmp_path)
    assert [(d.line, d.severity, d.field) for d in only(diags, "contains")] == [
        (8, "warning", "people[0]"),
        (9, "error", "people[1]"),
    ]
    arch = archive_mod.load(tmp_path)
    [usen] = arch.articles[0].refs["people"]
    assert usen.id == "usen-suleimen"


def test_a_no_break_space_stays_a_warning(tmp_path):
    make_archive(tmp_path, people={"a-b": {"name": "Usen\u00a0Suleimen"}})
    [d] = run_check(tmp_path)
    assert (d.severity, d.line) == ("warning", 2)
    assert "U+00A0 NO-BREAK SPACE" in d.message


@pytest.mark.parametrize("stem", ["\u0430rtur-lastayev", "artur\u202e-lastayev", "artur\u200b"])
def test_an_id_can_hold_neither_look_alike_nor_invisible_characters(tmp_path, stem):
    make_archive(tmp_path, people={stem: {"name": "Someone Else"}})
    [d] = [d for d in run_check(tmp_path) if d.is_error]
    assert d.path == f"content/people/{stem}.md" and d.line == 0
    assert "bad file name" in d.message or "unsafe in a URL" in d.message


# --- look-alikes of an existing entry --------------------------------------------------------


def test_skeletons_are_unicodes():
    from site_builder.core import lookalikes

    assert set(lookalikes.lookalike_keys(ALPHA)) & set(lookalikes.lookalike_keys("Artur Lastayev"))
    assert set(lookalikes.lookalike_keys("0leg")) & set(lookalikes.lookalike_keys("Oleg"))
    assert set(lookalikes.lookalike_keys("АТМ")) & set(
        lookalikes.lookalike_keys("ATM")
    )  # Cyrillic capitals
    assert not set(lookalikes.lookalike_keys("Ластаев")) & set(lookalikes.lookalike_keys("Lastaev"))
    assert not set(lookalikes.lookalike_keys("Артур")) & set(lookalikes.lookalike_keys("Artur"))


def test_a_whole_script_look_alike_is_a_warning_on_the_new_entry(tmp_path):
    """'АТМ' in Cyrillic capitals mixes no scripts, yet reads as 'ATM'."""
    make_archive(
        tmp_path,
        people={},
        organizations={
            "atm": {"name": "Association of Tax Monitors", "abbreviation": "ATM"},
            "atm-kz": {"name": "Ассоциация туристических менеджеров", "abbreviation": "АТМ"},
        },
    )
    git_commit_all(tmp_path, except_="content/organizations/atm-kz.md")
    [d] = run_check(tmp_path)
    assert d.format().startswith(
        "content/organizations/atm-kz.md:3: warning: abbreviation: 'АТМ' looks like 'ATM' "
        "(content/organizations/atm.md:3), a spelling of organization 'atm': "
    )


# --- who is blamed: the file the pull request changed ----------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.org",
         "-c", "commit.gpgsign=false", *args],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


def git_commit_all(root: Path, except_: str) -> None:
    """A repository whose last commit holds everything but `except_` (then untracked)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "--all", "--", ".", f":!{except_}")
    git(root, "commit", "-q", "-m", "base")


NEW = "content/people/a-claimant.md"  # sorts before artur-lastayev.md


def _claimant(root: Path) -> None:
    make_archive(
        root,
        people={**DEFAULT_PEOPLE, "a-claimant": {"name": "Another Person", "aliases": ["Lastaev"]}},
    )


@needs_git
def test_a_new_file_claiming_an_existing_alias_is_the_one_blamed(tmp_path, capsys):
    _claimant(tmp_path)
    git_commit_all(tmp_path, except_=NEW)  # the new file is not committed yet
    expected = (
        f"{NEW}:4: error: aliases[0]: 'Lastaev' is already claimed by person 'artur-lastayev' "
        f"({OMBUDSMAN}:4); a spelling can refer to one person only: remove it from this file "
        "(or, if they are one person, merge the two)"
    )
    assert errors(run_check(tmp_path)) == [expected]
    # the build loads the archive the same way
    assert errors(archive_mod.load(tmp_path).diagnostics) == [expected]
    assert main(["check", str(tmp_path)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == expected


@needs_git
def test_changed_since_blames_the_file_a_pull_request_added(tmp_path, capsys):
    _claimant(tmp_path)
    git_commit_all(tmp_path, except_=NEW)
    git(tmp_path, "checkout", "-q", "-b", "pull-request")
    git(tmp_path, "add", NEW)
    git(tmp_path, "commit", "-q", "-m", "add a claimant")
    # committed: without the base, nothing tells which file is new, so both are named
    assert main(["check", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{NEW}:4: error: " in err and f"{OMBUDSMAN}:4: error: " in err
    # with the base of the pull request, the file it added is the one blamed
    assert main(["check", str(tmp_path), "--changed-since", "main"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert [x for x in lines if ": error: " in x] == [
        f"{NEW}:4: error: aliases[0]: 'Lastaev' is already claimed by person 'artur-lastayev' "
        f"({OMBUDSMAN}:4); a spelling can refer to one person only: remove it from this file "
        "(or, if they are one person, merge the two)"
    ]
    # the same when the alias is added to an existing file: it is blamed, not the ombudsman
    git(tmp_path, "checkout", "-q", "main")
    usen = tmp_path / "content/people/usen-suleimen.md"
    usen.write_text(md({"name": "Usen Suleimen", "aliases": ["Usur Suleimen", "Lastaev"]}))
    assert main(["check", str(tmp_path), "--changed-since", "HEAD"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert [x.split(": error: ")[0] for x in lines if ": error: " in x] == [
        "content/people/usen-suleimen.md:5"
    ]


@needs_git
def test_changed_since_an_unknown_commit_says_what_to_do(tmp_path, capsys):
    _claimant(tmp_path)
    git_commit_all(tmp_path, except_=NEW)
    assert main(["check", str(tmp_path), "--changed-since", "no-such-branch"]) == 2
    err = capsys.readouterr().err
    assert "git cannot tell which files changed since 'no-such-branch'" in err
    assert "fetch-depth" in err
    assert main(["check", str(tmp_path), "--changed-since=--output=x"]) == 2
    assert "is not a commit or branch name" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_without_git_both_files_are_named(tmp_path):
    _claimant(tmp_path)
    assert [d.path for d in run_check(tmp_path) if d.is_error] == [NEW, OMBUDSMAN]
    assert lines_of(only(run_check(tmp_path), f"{OMBUDSMAN}:4: error:")) == [
        f"{OMBUDSMAN}:4: error: aliases[0]: 'Lastaev' is also claimed by person 'a-claimant' "
        f"({NEW}:4); a spelling can refer to one person only: remove it from one of the two "
        "files (or, if they are one person, merge the two)"
    ]
