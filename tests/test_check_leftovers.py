"""`site-builder check` reports what an interrupted write leaves: temporary files under
content/ and archive/ (warnings), and captures that no article names (errors)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import article, lines_of, make_archive, run_check, sha256
from sitebuild import build_site

from site_builder.cli import main
from site_builder.core import files

CAPTURE = "archive/example-news/2025/2025-06-x.html"
NAMED = {"2025-06-x": article(capture=CAPTURE, sha256=sha256("<p>x</p>"))}


def leftovers(root: Path) -> list[str]:
    return [
        line
        for line in lines_of(run_check(root))
        if "temporary file" in line or "no article names" in line
    ]


def test_a_capture_no_article_names_is_an_error_saying_to_rerun_the_import(tmp_path):
    root = make_archive(tmp_path, articles=NAMED, captures={
        "example-news/2025/2025-06-x.html": "<p>x</p>",
        "example-news/2025/2025-06-y.txt": "y",
    })  # fmt: skip
    assert leftovers(root) == [
        "archive/example-news/2025/2025-06-y.txt: error: a capture that no article names; "
        "site-builder import writes the capture before the draft, so an import that was "
        "interrupted leaves it alone: re-run the import to write the draft; if its article "
        "was deleted, delete it too (git rm)"
    ]


def test_a_capture_whose_article_names_no_capture_gets_the_lines_to_add(tmp_path):
    root = make_archive(
        tmp_path,
        articles={"2025-06-x": article(url="https://example.com/x")},
        captures={"example-news/2025/2025-06-x.html": "<p>x</p>"},
    )
    [line] = leftovers(root)
    assert line == (
        f"{CAPTURE}: error: a capture that no article names; content/articles/2025/"
        f"2025-06-x.md has its id and no 'capture': if this is its original, add capture: "
        f'"{CAPTURE}" and sha256: "{sha256("<p>x</p>")}" to it; if not, delete this file'
    )


@pytest.mark.parametrize(
    ("article_id", "text"),
    [  # its YAML broken: an unclosed quote, an unclosed front matter
        ("2025-06-other", f'---\ntitle: "x\ncapture: "{CAPTURE}"\n---\n\nText.\n'),
        ("2025-06-x", "---\ntitle: x\n\nText.\n"),
    ],
)
def test_a_capture_an_article_that_does_not_load_may_name_is_not_reported(
    tmp_path, article_id, text
):
    """The loader reports the article; the capture it names on a `capture:` line, or that
    has its id, is not reported as well."""
    root = make_archive(
        tmp_path,
        articles={article_id: text},
        captures={"example-news/2025/2025-06-x.html": "<p>x</p>"},
    )
    diags = run_check(root)
    path = f"content/articles/2025/{article_id}.md"
    assert any(d.path == path and d.is_error for d in diags)
    assert leftovers(root) == []


def test_named_captures_dot_files_and_links_are_not_reported(tmp_path):
    root = make_archive(tmp_path, articles=NAMED, captures={
        "example-news/2025/2025-06-x.html": "<p>x</p>",
        "example-news/.gitkeep": "",
    })  # fmt: skip
    os.symlink("2025-06-x.html", root / "archive/example-news/2025/link.html")
    assert leftovers(root) == []  # the link is the loader's error, not an article-less capture
    assert any("symbolic link" in line for line in lines_of(run_check(root)))


@pytest.mark.parametrize(
    ("temporary", "says"),
    [
        (  # the capture of an import killed before its link
            "archive/example-news/2025/.2025-06-y.html.k2j4h5g6.tmp",
            "warning: a temporary file left by an interrupted write of "
            "archive/example-news/2025/2025-06-y.html, which is not there: re-run the import "
            "that wrote it (it finishes the job and removes this file), or delete it (MkDocs "
            "never publishes it, but it must not be committed)",
        ),
        (  # the draft of an import killed after its link
            "content/articles/2025/.2025-06-x.md.a_b3c4d5.tmp",
            "warning: a temporary file left by an interrupted write of "
            "content/articles/2025/2025-06-x.md, which is in place: delete it (MkDocs never "
            "publishes it, but it must not be committed)",
        ),
        (  # site-builder new person, interrupted
            "content/people/.ana.md.zz9yy8xx.tmp",
            "warning: a temporary file left by an interrupted write of content/people/ana.md, "
            "which is not there: re-run the site-builder command that wrote it",
        ),
        (  # someone else's
            "content/.notes.tmp",
            "warning: a temporary file (a dot-file ending in .tmp); MkDocs never publishes "
            "it, but it must not be committed: delete it",
        ),
    ],
)
def test_a_temporary_file_is_a_warning_saying_what_to_do(tmp_path, temporary, says):
    root = make_archive(tmp_path, articles=NAMED, captures={CAPTURE[8:]: "<p>x</p>"})
    (root / temporary).parent.mkdir(parents=True, exist_ok=True)
    (root / temporary).write_bytes(b"half a fi")
    [line] = leftovers(root)
    assert line.startswith(f"{temporary}: {says}")


def test_a_temporary_file_being_written_now_is_not_reported(tmp_path):
    root = make_archive(tmp_path, articles=NAMED, captures={CAPTURE[8:]: "<p>x</p>"})
    temporary = root / "content/articles/2025/.2025-06-y.md.abcd1234.tmp"
    temporary.write_text("being written")
    fd = os.open(temporary, os.O_RDONLY)
    try:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)  # as files.write_all holds it while it writes
        assert files.is_held(temporary)
        assert leftovers(root) == []
    finally:
        os.close(fd)
    assert not files.is_held(temporary)
    assert len(leftovers(root)) == 1  # its writer is gone: now it is left over


def test_check_exit_code_errors_for_a_lone_capture_not_for_a_temporary_file(tmp_path, capsys):
    root = make_archive(tmp_path, articles=NAMED, captures={CAPTURE[8:]: "<p>x</p>"})
    temporary = root / "archive/example-news/2025/.2025-06-x.html.q1w2e3r4.tmp"
    temporary.write_bytes(b"<p>x</p>")
    assert main(["check", str(root)]) == 0
    out, err = capsys.readouterr()
    assert f"{temporary.relative_to(root).as_posix()}: warning: a temporary file" in err
    lone = root / "archive/example-news/2025/2025-06-z.txt"
    lone.write_text("z")
    assert main(["check", str(root)]) == 1
    out, err = capsys.readouterr()
    assert "archive/example-news/2025/2025-06-z.txt: error: a capture that no article" in err


def test_a_temporary_file_is_never_published(tmp_path):
    """The check's warning is right that the site is unharmed: MkDocs skips dot-files."""
    root = make_archive(tmp_path, articles=NAMED, captures={CAPTURE[8:]: "<p>x</p>"})
    temporary = root / "content/articles/2025/.2025-06-y.md.abcd1234.tmp"
    temporary.write_text('---\ntitle: "y"\n---\n\nA secret half-written draft\n')
    site = build_site(root, "search: false")
    published = [p.read_text(errors="replace") for p in site.rglob("*") if p.is_file()]
    assert not [p for p in site.rglob("*") if "abcd1234" in p.name]
    assert not any("A secret half-written draft" in text for text in published)


@pytest.mark.parametrize("written_before", [False, True])
def test_rerunning_the_command_removes_its_temporary_file_as_the_check_says(
    tmp_path, capsys, written_before
):
    """`site-builder new person Ana`, killed before (or after) its link, then run again."""
    root = make_archive(tmp_path)
    temporary = root / "content/people/.ana.md.zz9yy8xx.tmp"
    temporary.write_text("---\nname: An")
    if written_before:
        (root / "content/people/ana.md").write_text('---\nname: "Ana"\n---\n')
    [line] = leftovers(root)
    assert ("delete it" if written_before else "re-run the site-builder command") in line
    assert main(["new", "person", "Ana", "--root", str(root)]) == (1 if written_before else 0)
    capsys.readouterr()
    if written_before:  # nothing to re-run: the check said to delete it
        temporary.unlink()
    assert not temporary.exists()
    assert (root / "content/people/ana.md").read_text().startswith('---\nname: "Ana"')
    assert leftovers(root) == []
