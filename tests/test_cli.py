"""The `site-builder` command: exit codes and output, with golden files for what people read.

Golden files live in tests/golden/. After a deliberate change of wording, regenerate them with
`UPDATE_GOLDEN=1 python -m pytest tests/test_cli.py` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import article, make_archive, md, run_check, sha256

from site_builder.cli import main
from site_builder.core import archive as archive_mod
from site_builder.core.files import FileExists, write_new

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} is missing; create it with UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8"), (
        f"output differs from {path}; if the change is intended, regenerate it with "
        "UPDATE_GOLDEN=1 and review the diff"
    )


# --- a deliberately broken archive ---------------------------------------------------------

PARAGRAPHS = [
    f"Paragraph {n} of this news story is long enough to count as a paragraph of real text."
    for n in range(1, 6)
]
CAPTURE = "The capture as it was obtained.\n"

BROKEN_ARTICLES = {
    # the YAML traps
    "2025-duplicate-key": (
        "---\ntitle: First title\noutlet: Example News\ntitle: Second title\ndate: 2024-02-30\n"
        "language: kz\nurl: ftp://example.kz/a\n---\n\nText.\n"
    ),
    "2025-unclosed": "---\ntitle: Unclosed\noutlet: Example News\n\nText.\n",
    "2025-tab": "---\ntitle: Tab\nspeakers:\n\t- Usen Suleimen\n---\n\nText.\n",
    "2025-colon": "---\ntitle: Suleimen: NGOs look for money\n---\n\nText.\n",
    "2025-anchors": (
        "---\ntitle: &t Anchors\noutlet: *t\ndate: 2025\nlanguage: en\n"
        "notes: !!python/object/apply:os.system [ls]\n---\n\nText.\n"
    ),
    "2025-crlf": (
        "\ufeff---\r\ntitle: We are #1 in Almaty\r\noutlet: Example News\r\ndate: 2025-06\r\n"
        "language: en\r\nsummary: ''\r\n---\r\n\r\nText.\r\n"
    ),
    # the schema
    "2025-schema": md(
        article(
            speakers="Usen Suleimen",
            titel="A typo",
            language="xx",
            url="javascript:alert(1)",
            date="",
        )
    ),
    # references, quotes, mentions
    "2025-references": md(
        article(
            "Lastaev spoke to the EU. Usen Suleimen said the worse the review, the more grants.",
            url="https://example.kz/references",
            speakers=["Usen Suleimen"],
            people=["Lastayev", "Zhanna Bekova"],
            quotes=[
                {"by": "Usen Suleimen", "text": "the worse the review, the more money"},
                {"by": "Artur Lastayev", "text": "Lastaev spoke to the EU."},
            ],
        )
    ),
    # provenance
    "2025-capture-missing": md(
        article(url="https://example.kz/missing", capture="archive/example-news/2025/none.txt")
    ),
    "2025-capture-edited": md(
        article(
            url="https://example.kz/edited",
            capture="archive/example-news/2025/edited.txt",
            sha256=sha256("The capture before it was edited.\n"),
        )
    ),
    # duplicates
    "2025-twin-a": md(article("\n\n".join(PARAGRAPHS), url="https://www.example.kz/twin/")),
    "2025-twin-b": md(
        article("\n\n".join(PARAGRAPHS), url="http://example.kz/twin?utm_source=x#top")
    ),
    "2025-held-twice": md(
        article("\n\n".join(PARAGRAPHS + PARAGRAPHS[1:]), url="https://example.kz/twice")
    ),
}
BROKEN_PEOPLE = {
    "artur-lastayev": {"name": "Artur Lastayev", "aliases": ["Lastaev"]},
    "usen-suleimen": {"name": "Usen Suleimen", "aliases": ["Lastaev", "Усен Сулеймен"]},
}


@pytest.fixture
def broken(tmp_path) -> Path:
    return make_archive(
        tmp_path,
        articles=BROKEN_ARTICLES,
        people=BROKEN_PEOPLE,
        captures={"example-news/2025/edited.txt": "The capture after it was edited.\n"},
    )


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_lists_every_problem_with_file_and_line(broken, capsys):
    code, out, err = run(capsys, "check", str(broken))
    assert code == 1
    assert out == ""
    assert_golden("check-broken.txt", err)
    lines = err.splitlines()
    # the three files whose front matter cannot be read are not counted as articles
    assert lines[-1] == "checked 10 articles and 5 registry entries: 27 errors, 15 warnings"
    # one problem per line, `path:line: severity: ...`, sorted by file and line
    problems = lines[:-1]
    for p in problems:
        assert re.match(r"content/\S+\.md:[0-9]+: (error|warning): ", p), p
    assert {p.split(":")[0] for p in problems} == {
        f"content/articles/2025/{a}.md" for a in BROKEN_ARTICLES
    } | {"content/people/usen-suleimen.md", "content/people/artur-lastayev.md"}
    keys = [(p.split(":")[0], int(p.split(":")[1])) for p in problems]
    assert keys == sorted(keys)


def test_check_summary_counts_errors_and_warnings(broken, capsys):
    _, _, err = run(capsys, "check", str(broken))
    problems = err.splitlines()[:-1]
    errors = sum(": error: " in p for p in problems)
    warnings = sum(": warning: " in p for p in problems)
    assert errors > 20 and warnings > 5
    assert err.splitlines()[-1].endswith(f": {errors} errors, {warnings} warnings")


def test_check_format_github(broken, capsys):
    code, out, err = run(capsys, "check", "--format", "github", str(broken))
    assert code == 1
    assert_golden("check-broken.github.txt", out)
    for line in out.splitlines():
        assert re.match(r"::(error|warning) file=content/[^,:]+\.md,line=[1-9][0-9]*::\S", line)
    assert "::error file=content/articles/2025/2025-duplicate-key.md,line=4::title: " in out
    assert err == "checked 10 articles and 5 registry entries: 27 errors, 15 warnings\n"


def test_check_format_json(broken, capsys):
    code, out, err = run(capsys, "check", "--format", "json", str(broken))
    assert code == 1
    assert err == ""
    assert_golden("check-broken.json", out)
    data = json.loads(out)
    assert isinstance(data, list) and data
    assert set(data[0]) == {"path", "line", "severity", "field", "message"}
    assert {d["severity"] for d in data} == {"error", "warning"}
    text = run(capsys, "check", str(broken))[2].splitlines()[:-1]
    assert len(data) == len(text)


def test_github_annotations_escape_newlines_and_commas():
    from site_builder.core.diagnostics import Diagnostic

    d = Diagnostic("content/a,b.md", 3, "error", "title", "100% wrong\nline two")
    assert (
        d.format_github() == "::error file=content/a%2Cb.md,line=3::title: 100%25 wrong%0Aline two"
    )


def test_console_script_gives_the_same_output(broken):
    script = Path(sys.executable).parent / "site-builder"
    if not script.exists():
        pytest.skip("the console script is not installed next to this Python")
    result = subprocess.run([script, "check"], cwd=broken, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (GOLDEN / "check-broken.txt").read_text(encoding="utf-8")


def test_check_one_file_reports_that_file_only(broken, capsys):
    target = broken / "content/articles/2025/2025-twin-b.md"
    code, out, err = run(capsys, "check", str(target))
    assert code == 1
    problems = err.splitlines()[:-1]
    assert problems and all(p.startswith("content/articles/2025/2025-twin-b.md:") for p in problems)
    assert any("the same article as content/articles/2025/2025-twin-a.md" in p for p in problems)


def test_check_a_clean_archive_prints_one_summary_line(tmp_path, capsys):
    make_archive(
        tmp_path,
        articles={
            "2025-a": article(
                url="https://example.kz/a",
                capture="archive/a.txt",
                sha256=sha256(CAPTURE),
            )
        },
        captures={"a.txt": CAPTURE},
    )
    code, out, err = run(capsys, "check", str(tmp_path))
    assert (code, err) == (0, "")
    assert out == "checked 1 article and 5 registry entries: 0 errors, 0 warnings\n"


def test_check_with_warnings_only_exits_0(tmp_path, capsys):
    make_archive(tmp_path, articles={"2025-a": article(url="https://example.kz/a")})
    code, out, err = run(capsys, "check", str(tmp_path))
    assert code == 0
    assert err.startswith("content/articles/2025/2025-a.md:1: warning: capture: no capture")
    assert out == "checked 1 article and 5 registry entries: 0 errors, 1 warning\n"


def test_check_without_content_folder_exits_2(tmp_path, capsys):
    code, out, err = run(capsys, "check", str(tmp_path))
    assert code == 2
    assert "no content/ folder" in err and out == ""


def test_check_finds_the_root_from_a_subfolder(broken, capsys):
    code, _, err = run(capsys, "check", str(broken / "content" / "people"))
    assert code == 1 and "content/people/usen-suleimen.md" in err


# --- check --fix ---------------------------------------------------------------------------


def test_fix_creates_a_stub_only_for_a_name_with_no_close_match(tmp_path, capsys):
    make_archive(
        tmp_path,
        articles={
            "2025-a": article(
                url="https://example.kz/a",
                people=["Zhanna Bekova", "Lastayev"],
                organizations=["Deutsche Welle"],
            )
        },
    )
    lastayev = tmp_path / "content/people/artur-lastayev.md"
    before = lastayev.read_bytes()
    code, out, err = run(capsys, "check", "--fix", str(tmp_path))
    assert code == 1  # 'Lastayev' is still unresolved
    assert "created content/people/zhanna-bekova.md" in err
    assert "created content/organizations/deutsche-welle.md" in err
    assert "not creating person 'Lastayev': it is close to an existing name" in err
    assert not (tmp_path / "content/people/lastayev.md").exists()
    assert lastayev.read_bytes() == before
    # the stubs pass the check: the only problems left are the close match and the capture
    remaining = [(d.severity, d.field) for d in run_check(tmp_path)]
    assert remaining == [("warning", "capture"), ("error", "people[1]")]
    arch = archive_mod.load(tmp_path)
    assert arch.registry.resolve("person", "Zhanna Bekova").path == (
        "content/people/zhanna-bekova.md"
    )


def test_fix_twice_creates_nothing_more(tmp_path, capsys):
    make_archive(tmp_path, articles={"2025-a": article(people=["Zhanna Bekova"])})
    run(capsys, "check", "--fix", str(tmp_path))
    stub = tmp_path / "content/people/zhanna-bekova.md"
    first = stub.read_bytes()
    code, _, err = run(capsys, "check", "--fix", str(tmp_path))
    assert code == 0 and "created" not in err
    assert stub.read_bytes() == first


# --- new -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind, folder", [("person", "people"), ("organization", "organizations"),
                                          ("outlet", "outlets"), ("topic", "topics")])  # fmt: skip
def test_new_entry_passes_the_check(tmp_path, capsys, kind, folder):
    make_archive(tmp_path)
    name = 'Әлихан "Alash" Бөкейхан: #1'
    code, out, err = run(capsys, "new", kind, name, "--root", str(tmp_path))
    assert (code, err) == (0, "")
    path = f"content/{folder}/alikhan-alash-bokeikhan-1.md"
    assert out == f"created {path}; fill it in, then run: site-builder check\n"
    assert run_check(tmp_path) == []
    entity = archive_mod.load(tmp_path).registry.get(kind, "alikhan-alash-bokeikhan-1")
    assert entity.name == name and entity.path == path


def test_new_person_refuses_to_overwrite_naming_the_existing_file(tmp_path, capsys):
    make_archive(tmp_path)
    path = tmp_path / "content/people/usen-suleimen.md"
    before = path.read_bytes()
    code, out, err = run(capsys, "new", "person", "USEN SULEIMEN", "--root", str(tmp_path))
    assert (code, out) == (1, "")
    assert err == (
        "site-builder new: the id 'usen-suleimen' is taken by content/people/usen-suleimen.md; "
        "choose another with --id\n"
    )
    assert path.read_bytes() == before


def test_new_person_refuses_an_explicit_id_that_is_taken(tmp_path, capsys):
    make_archive(tmp_path)
    code, _, err = run(
        capsys, "new", "person", "Someone Else", "--id", "usen-suleimen", "--root", str(tmp_path)
    )
    assert code == 1 and "is taken by content/people/usen-suleimen.md" in err


def test_new_person_refuses_a_name_that_is_an_alias_of_another_entry(tmp_path, capsys):
    make_archive(tmp_path)
    code, out, err = run(capsys, "new", "person", "Lastaev", "--root", str(tmp_path))
    assert (code, out) == (1, "")
    assert err == (
        "site-builder new: 'Lastaev' is already a name or alias of person 'artur-lastayev' "
        "(content/people/artur-lastayev.md)\n"
    )
    assert not (tmp_path / "content/people/lastaev.md").exists()


@pytest.mark.parametrize(
    "argv, message",
    [
        (["!!!"], "no id can be made from '!!!'"),
        (["Con"], "'con' is a reserved file name on Windows"),
        (["X", "--id", ".."], "'..' is not a valid id"),
        (["X", "--id", "a/b"], "'a/b' is not a valid id"),
        (["X", "--id", "../people/x"], "is not a valid id"),
    ],
)
def test_new_refuses_ids_that_are_not_safe(tmp_path, capsys, argv, message):
    make_archive(tmp_path)
    before = sorted(p for p in tmp_path.rglob("*"))
    code, out, err = run(capsys, "new", "person", *argv, "--root", str(tmp_path))
    assert (code, out) == (1, "")
    assert err.startswith("site-builder new: ") and message in err
    assert sorted(p for p in tmp_path.rglob("*")) == before


def test_new_article_passes_the_schema_part_of_the_check(tmp_path, capsys):
    make_archive(tmp_path)
    argv = ["new", "article", "Қазақстан: NGOs look for funding", "--date", "2025-06",
            "--outlet", "EN", "--language", "kk", "--root", str(tmp_path)]  # fmt: skip
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    path = "content/articles/2025/2025-06-example-news-qazaqstan-ngos-look-for-funding.md"
    assert out.startswith(f"created {path};")
    diags = run_check(tmp_path)
    # only the reminder to add provenance: every field the scaffold wrote is valid
    assert [(d.path, d.severity, d.field) for d in diags] == [(path, "warning", "capture")]
    a = archive_mod.load(tmp_path).by_id["2025-06-example-news-qazaqstan-ngos-look-for-funding"]
    assert a.title == "Қазақстан: NGOs look for funding"
    assert (a.date.iso(), a.language, a.outlet.id) == ("2025-06", "kk", "example-news")

    code, out, err = run(capsys, *argv)
    assert (code, out) == (1, "")
    assert f"is taken by {path}" in err


def test_new_article_needs_a_valid_date(tmp_path, capsys):
    make_archive(tmp_path)
    code, _, err = run(capsys, "new", "article", "T", "--root", str(tmp_path))
    assert code == 2 and "give --date" in err
    code, _, err = run(capsys, "new", "article", "T", "--date", "2024-02-30", "--root",
                       str(tmp_path))  # fmt: skip
    assert code == 1 and "'2024-02-30' is not a real date" in err
    assert list((tmp_path / "content/articles").rglob("*.md")) == []


def test_write_new_never_overwrites(tmp_path):
    target = tmp_path / "x.md"
    write_new(target, "first")
    with pytest.raises(FileExists, match="already exists; it is never overwritten"):
        write_new(target, "second")
    assert target.read_text() == "first"
    assert [p.name for p in tmp_path.iterdir()] == ["x.md"]  # no temporary file left


def test_schema_command_prints_the_contract(capsys):
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert "### Article" in out and "### Person" in out
    assert "| `speakers` |" in out and "| `abbreviation` |" in out
