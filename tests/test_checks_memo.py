"""The checks' memo (`checks.run.Memo`, kept by `mkdocs serve` between builds): a run with it
reports exactly what a run without it does, after every kind of edit, and checks anew only
the articles an edit touched (all of them when the registry changed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_build_cache import EDITS, _articles, _front, _write

from benchmarks.generate import generate
from site_builder.checks.run import Memo, run_all
from site_builder.core.archive import load

ARTICLES = 30


def _both(root: Path, memo: Memo) -> tuple[list, list]:
    with_memo = run_all(load(root, "content"), memo)
    without = run_all(load(root, "content"))
    return sorted(set(with_memo), key=repr), sorted(set(without), key=repr)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    generate(tmp_path, ARTICLES, seed=3)
    return tmp_path


def test_the_first_run_checks_every_article_and_the_next_none(archive: Path) -> None:
    memo = Memo()
    a, b = _both(archive, memo)
    assert a == b
    assert memo.made == ARTICLES and len(memo.texts) == ARTICLES
    a, b = _both(archive, memo)
    assert a == b and memo.made == 0


@pytest.mark.parametrize("name", list(EDITS))
def test_after_an_edit_the_memo_says_what_a_fresh_run_says(archive: Path, name: str) -> None:
    memo = Memo()
    _both(archive, memo)
    EDITS[name](archive)
    a, b = _both(archive, memo)
    assert a == b
    if name.startswith("registry"):  # the names every body is checked for changed
        assert memo.made == ARTICLES
    elif name == "deleted article":
        assert memo.made == 0 and len(memo.texts) == ARTICLES - 1
    elif name in ("title", "date", "year"):  # not what the checks of the texts read
        assert memo.made <= 1, memo.made
    else:
        assert 1 <= memo.made <= 2, memo.made


def test_problems_an_edit_brings_are_found_and_those_it_fixes_go(archive: Path) -> None:
    memo = Memo()
    _both(archive, memo)
    path = next(p for p in _articles(archive) if _front(p)[0].get("quotes"))
    front, body = _front(path)
    people = sorted((archive / "content" / "people").glob("*.md"))
    unlisted = next(
        n for n in (_front(p)[0]["name"] for p in people) if n not in (front.get("people") or [])
    )
    front["quotes"][0]["text"] = "Words the body never says."
    _write(path, front, body + f"\n{unlisted} was there too.\n")
    a, b = _both(archive, memo)
    assert a == b
    said = "\n".join(d.format() for d in a)
    assert "does not occur in the body" in said and unlisted in said
    path.write_text(path.read_text(encoding="utf-8"))  # unchanged bytes, new times
    _write(path, *_front(path))
    a, b = _both(archive, memo)
    assert a == b


@pytest.mark.parametrize("name", ["body", "registry name", "new article", "deleted article"])
def test_a_memo_kept_in_a_file_says_what_a_fresh_run_says(
    archive: Path, tmp_path: Path, name: str
) -> None:
    """`mkdocs build` keeps the texts' problems in the cache (`Memo.write`) and reads them
    back in the next build (`Memo.read`): without paragraphs, the same verdict."""
    kept = tmp_path / "checks.json"
    memo = Memo.read(kept)  # no file yet: an empty memo
    assert memo.texts == {} and not memo.keep_paragraphs
    _both(archive, memo)
    assert memo.paragraphs == {}  # not sent back by the child, not kept
    memo.write(kept)
    EDITS[name](archive)
    memo = Memo.read(kept)
    assert len(memo.texts) == ARTICLES
    a, b = _both(archive, memo)
    assert a == b
    anew = {"registry name": ARTICLES, "deleted article": 0}.get(name, 1)
    assert memo.made == anew


@pytest.mark.parametrize("text", ["", "{", '{"format": 1, "texts": {"k": [[1]]}}', '{"format": 0}'])
def test_a_memo_file_that_cannot_be_read_is_an_empty_memo(tmp_path: Path, text: str) -> None:
    kept = tmp_path / "checks.json"
    kept.write_text(text, encoding="utf-8")
    assert Memo.read(kept).texts == {}
