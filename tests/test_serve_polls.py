"""While a rebuild runs, `mkdocs serve` does not poll the files it watches (live.py
`QuietPolls`): the first poll after the rebuild sees what was saved meanwhile."""

from __future__ import annotations

import time
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from site_builder.mkdocs_plugin.live import QuietPolls


def _server(root: Path) -> LiveReloadServer:
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root))


def test_no_poll_while_a_rebuild_runs_and_a_save_meanwhile_is_seen_after(tmp_path: Path) -> None:
    watched = tmp_path / "content"
    watched.mkdir()
    page = watched / "page.md"
    page.write_text("one", encoding="utf-8")
    server = _server(tmp_path)
    building = [False]
    assert QuietPolls(lambda: building[0]).install(server)
    server.watch(str(watched))  # watched after the install: quieted too
    [emitter] = server.observer.emitters
    queue = server.observer.event_queue

    building[0] = True
    time.sleep(0.01)
    page.write_text("two, saved while the rebuild runs", encoding="utf-8")
    listed = []
    emitter._take_snapshot, take = (lambda: listed.append(1) or take()), emitter._take_snapshot
    emitter.queue_events(0)
    assert not listed and queue.empty()  # no listing of the folder, no event

    building[0] = False
    emitter.queue_events(0)
    assert listed
    events = []
    while not queue.empty():
        events.append(queue.get()[0])
    assert any(getattr(e, "src_path", "") == str(page) for e in events), events


def test_the_same_polls_when_no_rebuild_runs(tmp_path: Path) -> None:
    server = _server(tmp_path)
    assert QuietPolls(lambda: False).install(server)
    server.watch(str(tmp_path))
    (tmp_path / "new.md").write_text("x", encoding="utf-8")
    [emitter] = server.observer.emitters
    emitter.queue_events(0)
    assert not server.observer.event_queue.empty()
