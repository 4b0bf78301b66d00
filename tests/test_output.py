"""The files written beside the pages on a thread of their own (site/output.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from site_builder.site.output import Output, OutputError


def test_writes_text_bytes_and_captures_in_folders(tmp_path: Path) -> None:
    capture = tmp_path / "archive" / "x.html"
    capture.parent.mkdir()
    capture.write_bytes(b"<script>alert(1)</script>\r\n\xd0\x90")
    out = Output(tmp_path / "site")
    out.write("data/articles.csv", "id,title\r\nx,Ақпарат\r\n")
    out.write("people/x/articles.json", b'{"a": 1}')
    out.copy("captures/o/2025/x.html.txt", capture)
    out.start()
    assert out.finish() == 3
    site = tmp_path / "site"
    assert (site / "data/articles.csv").read_bytes() == "id,title\r\nx,Ақпарат\r\n".encode()
    assert (site / "people/x/articles.json").read_bytes() == b'{"a": 1}'
    published = site / "captures/o/2025/x.html.txt"
    assert published.read_bytes() == capture.read_bytes()
    # same file system: a link, not a copy
    assert published.stat().st_ino == capture.stat().st_ino


def test_a_copy_where_a_link_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    capture = tmp_path / "x.html"
    capture.write_bytes(b"words")

    def no_links(src: object, dst: object) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_links)
    out = Output(tmp_path / "site")
    out.copy("captures/x.html.txt", capture)
    out.finish()  # not started: written on the caller's thread
    published = tmp_path / "site/captures/x.html.txt"
    assert published.read_bytes() == b"words"
    assert published.stat().st_ino != capture.stat().st_ino


def test_a_dirty_build_replaces_the_older_file(tmp_path: Path) -> None:
    capture = tmp_path / "x.html"
    capture.write_bytes(b"new")
    old = tmp_path / "site/captures/x.html.txt"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"old")
    out = Output(tmp_path / "site")
    out.copy("captures/x.html.txt", capture)
    out.start()
    out.finish()
    assert old.read_bytes() == b"new"


def test_a_failure_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site/people").write_text("a file where a folder must go")
    out = Output(tmp_path / "site")
    out.write("data/a.csv", "a")
    out.write("people/x/articles.csv", "b")
    out.start()
    with pytest.raises(OutputError, match=r"could not write people/x/articles\.csv"):
        out.finish()
    assert (tmp_path / "site/data/a.csv").read_text() == "a"


def test_cancel_stops_before_the_rest(tmp_path: Path) -> None:
    out = Output(tmp_path / "site")
    for n in range(2000):
        out.write(f"d/{n}.txt", "x")
    out.cancel()  # before start: nothing is written
    out.start()
    out.cancel()
    assert not (tmp_path / "site/d/1999.txt").exists()


def test_a_written_file_that_would_replace_a_page_fails_the_build(tmp_path: Path) -> None:
    from mkdocs.structure.files import File, Files

    from site_builder.mkdocs_plugin.plugin import _refuse_collisions

    docs, site = tmp_path / "docs", tmp_path / "site"
    page = File("people/x/articles.json", str(docs), str(site), True)
    with pytest.raises(PluginError, match=r"people/x/articles\.json would both be"):
        _refuse_collisions(Files([page]), [], ["people/x/articles.json"])
    _refuse_collisions(Files([page]), [], ["people/x/articles.csv"])  # no clash
