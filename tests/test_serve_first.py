"""`mkdocs serve` makes and shows the page of the article just saved before the rest of the
rebuild (mkdocs_plugin/plugin.py `_show_first`, live.py `Epochs`): for an edit of the
article's text or headline, the page shown first is, byte for byte, the page the rebuild then
writes (so the browser does not reload it twice); a save it cannot show first (two files, a
registry entry, an article with an error) is left to the rebuild.

The server is driven in this process, as `mkdocs serve` drives it: a build in serve's
configuration, then, for each save, the plugin's step before the rebuild and the rebuild.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from test_build_cache import _articles, _front, _write, edit_body, edit_title
from watchdog.events import FileModifiedEvent

from benchmarks.generate import generate
from site_builder.mkdocs_plugin import live

URL = "http://127.0.0.1:8000/"


class Server:
    """One archive served in this process: its root, site folder and the plugin."""

    def __init__(self, root: Path, site: Path) -> None:
        self.root, self.site = root, site
        config = self._config()
        config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url=URL)
        self.plugin = config.plugins["site-builder"]
        self.plugin._saves = live.Saves()  # what on_serve sets up beside MkDocs' watcher

    def _config(self):
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = URL
        return config

    def save(self, *paths: Path) -> bool:
        """The watcher saw `paths` change: the step before the rebuild (True: a page shown)."""
        for path in paths:
            self.plugin._saves.seen(FileModifiedEvent(str(path)))
        return bool(self.plugin._show_first())

    def rebuild(self) -> None:
        self.plugin.dirty_rebuilds.dirty = True
        try:
            build(self._config(), serve_url=URL, dirty=True)
        finally:
            self.plugin.dirty_rebuilds.dirty = False
        self.plugin._wait_for_last_build()

    def page(self, article: Path) -> bytes:
        folder = self.site / "articles" / article.parent.name / article.stem
        return (folder / "index.html").read_bytes()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("first")
    generate(root, 30, seed=3)
    yield Server(root, tmp_path_factory.mktemp("first-site"))


def _changed(root: Path, edit) -> list[Path]:
    before = {p: p.read_bytes() for p in _articles(root)}
    edit(root)
    return [p for p in _articles(root) if before.get(p) != p.read_bytes()]


@pytest.mark.parametrize("edit", [edit_body, edit_title], ids=["body", "title"])
def test_the_page_shown_first_is_the_page_the_rebuild_writes(server: Server, edit) -> None:
    [path] = _changed(server.root, edit)
    old = server.page(path)
    assert server.save(path)
    first = server.page(path)
    assert first != old  # the edit shows
    server.rebuild()
    final = server.page(path)
    diff = "\n".join(
        difflib.unified_diff(first.decode().splitlines(), final.decode().splitlines(), lineterm="")
    )
    assert first == final, diff


def test_a_save_it_cannot_show_first_is_left_to_the_rebuild(server: Server) -> None:
    a, b = _articles(server.root)[10:12]
    for path in (a, b):
        front, body = _front(path)
        _write(path, front, body + "\nOne more line.\n")
    assert not server.save(a, b)  # two articles: the rebuild shows both
    server.rebuild()
    entry = next((server.root / "content" / "people").glob("*.md"))
    entry.write_text(entry.read_text(encoding="utf-8") + "\nA line about them.\n", "utf-8")
    assert not server.save(entry)  # a registry entry: every page that names them changes
    server.rebuild()
    front, body = _front(a)
    front["date"] = "not a date"
    _write(a, front, body)
    assert not server.save(a)  # an error, which the rebuild reports
    front["date"] = "2021-02-03"
    _write(a, front, body)
    away = a.rename(a.with_name("moved-away.md"))
    assert not server.save(a)  # deleted since: the rebuild removes its page
    away.rename(a)
    # an editor's swap file beside it, and a log in the project's folder, are no saves
    assert server.save(a, a.with_name(f".{a.name}.swp"), server.root / "serve.log")
    server.rebuild()
