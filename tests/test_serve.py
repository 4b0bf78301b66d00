"""`mkdocs serve` rebuilds when an article changes, and does not rebuild forever."""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from conftest import article, make_archive
from sitebuild import build_site

ID = "2025-06-example-story"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Local requests must not go through a proxy the environment may name.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _get(url: str) -> str:
    with _OPENER.open(url, timeout=10) as r:
        return r.read().decode("utf-8")


def _wait_for(predicate, timeout: float = 60.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


@contextlib.contextmanager
def serving(
    root: Path, log: Path, temp: Path | None = None, program: str = "mkdocs"
) -> Iterator[str]:
    """`mkdocs serve` (or `program serve`: `properdocs`) of `root`, its output in `log`, until
    the block ends; yields its address ("http://127.0.0.1:PORT/"). `temp`: where it makes its
    site folder."""
    port = _free_port()
    env = {**os.environ, "TMPDIR": str(temp)} if temp is not None else None
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", program, "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


class Story:
    """The served example story: its page's address, its file, serve's log and site folder."""

    def __init__(self, base: str, url: str, path: Path, log: Path, site: Path | None) -> None:
        self.base, self.url, self.path, self.log, self.site = base, url, path, log, site

    def retitle(self, old: str, new: str) -> None:
        self.path.write_text(self.path.read_text().replace(old, new))


@contextlib.contextmanager
def served_story(
    root: Path, *, other: bool = False, temp: bool = False, program: str = "mkdocs"
) -> Iterator[Story]:
    """An archive of the story ID ("First title"; with `other`, a second story), built, then
    served until the block ends, once the story's page shows. `temp`: serve's site folder
    made under `root`/tmp, and found (`Story.site`)."""
    articles = {ID: article("Text.", title="First title")}
    if other:
        articles["2025-06-other-story"] = article("Other text.", title="Another story")
    make_archive(root, articles=articles)
    build_site(root)  # writes mkdocs.yml and checks the archive builds
    folder = root / "tmp" if temp else None
    if folder is not None:
        folder.mkdir()
    log = root / "serve.log"
    with serving(root, log, folder, program) as base:
        url = f"{base}articles/2025/{ID}/"
        assert _wait_for(lambda: "First title" in _get(url)), log.read_text()
        site = next(folder.glob("mkdocs_*")) if folder is not None else None
        yield Story(base, url, root / "content" / "articles" / "2025" / f"{ID}.md", log, site)


def test_serve_rebuilds_on_change_and_does_not_loop(tmp_path):
    with served_story(tmp_path) as story:
        url, log = story.url, story.log
        story.retitle("First title", "Second title")
        assert _wait_for(lambda: "Second title" in _get(url)), log.read_text()
        # The page is written before the build ends (search is written last): wait for the
        # second build to finish, then long enough for a build that triggers itself. (Not by
        # "Documentation built": MkDocs logs a message only once, and two builds can take the
        # same 0.38 s. The server's own messages are not filtered.)
        assert _wait_for(lambda: "Reloading browsers" in log.read_text()), log.read_text()
        time.sleep(4)
        text = log.read_text()
        assert text.count("Building documentation...") == 2, text
        assert text.count("Reloading browsers") == 1, text


def test_serve_rebuilds_only_what_a_save_changed(tmp_path):
    # After the first build, a save is a warm build: the pages the edit leaves alone come from
    # the build cache, and the page shows the change.
    with served_story(tmp_path, other=True) as story:
        base, url, log = story.base, story.url, story.log
        story.retitle("First title", "Second title")
        assert _wait_for(lambda: "Second title" in _get(url)), log.read_text()
        assert _wait_for(lambda: log.read_text().count("pages reused") == 2), log.read_text()
        first, second = re.findall(r"cache: (\d+) of (\d+) pages reused", log.read_text())
        assert int(second[0]) > 0, log.read_text()  # the other story's page, among others
        assert int(second[0]) < int(second[1])  # the edited page (and its lists) rendered
        other = f"{base}articles/2025/2025-06-other-story/"
        assert "Another story" in _get(other)


def _fragments(site: Path) -> str:
    return "".join(
        gzip.decompress(f.read_bytes()).decode("utf-8", "replace")
        for f in (site / "pagefind" / "fragment").glob("*.pf_fragment")
    )


def test_serve_shows_the_pages_first_and_then_brings_search_up_to_date(tmp_path):
    # The server shows a rebuild's pages as soon as they are written; Pagefind finishes the
    # index on a thread, and the next build waits for it.
    with served_story(tmp_path, temp=True) as story:
        url, log, site = story.url, story.log, story.site
        assert site is not None
        assert _wait_for(lambda: "the index is up to date" in log.read_text()), log.read_text()
        assert "First title" in _fragments(site)
        story.retitle("First title", "Second title")
        assert _wait_for(lambda: "Second title" in _get(url)), log.read_text()
        up = lambda: log.read_text().count("the index is up to date") == 2  # noqa: E731
        assert _wait_for(up), log.read_text()
        found = _fragments(site)
        assert "Second title" in found and "First title" not in found


def test_saves_in_quick_succession_end_with_the_index_of_the_last(tmp_path):
    # A build's index that the next build overtakes is left to it; whichever way the race
    # goes, the index in the end holds the last save's words, and only those.
    with served_story(tmp_path, temp=True) as story:
        url, log, site = story.url, story.log, story.site
        assert site is not None
        for old, new in (("First", "Second"), ("Second", "Third"), ("Third", "Fourth")):
            story.retitle(f"{old} title", f"{new} title")
            assert _wait_for(lambda new=new: f"{new} title" in _get(url)), log.read_text()

        def settled() -> bool:
            # Every build begun has ended, and one of them after the last save: the page
            # shows before its rebuild ends (it is shown first), so a save can come while
            # that rebuild has yet to read it, and the rebuild takes both saves at once.
            text = log.read_text()
            ended = text.count("the index is up to date") + text.count("the index is left to")
            builds = text.count("Building documentation...")
            return builds == ended and builds >= 3 and "Fourth title" in _fragments(site)

        assert _wait_for(settled), log.read_text()
        found = _fragments(site)
        assert "Fourth title" in found
        assert not any(f"{w} title" in found for w in ("First", "Second", "Third"))
