"""Work in a child process never hangs a build, and Ctrl-C is never swallowed (issue 15)."""

from __future__ import annotations

import os
import time

import pytest
from conftest import article, make_archive
from mkdocs.exceptions import Abort, PluginError
from sitebuild import build_site

from site_builder import checks
from site_builder.checks import child
from site_builder.search.indexer import Indexer

needs_fork = pytest.mark.skipif(
    not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="runs in-process here"
)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@needs_fork
def test_a_result_comes_back_from_the_child():
    assert child.in_child(lambda: {"answer": 42})() == {"answer": 42}


@needs_fork
def test_a_child_that_crashes_is_done_again_here():
    def work() -> int:
        if os.getpid() != parent:
            os._exit(3)
        return 7

    parent = os.getpid()
    assert child.in_child(work)() == 7


@needs_fork
def test_a_child_that_hangs_is_stopped_and_the_wait_fails_naming_the_work():
    pending = child.in_child(lambda: time.sleep(60), timeout=1, what="the hanging work")
    started = time.monotonic()
    with pytest.raises(child.ChildTimeout, match="the hanging work did not finish within 1 s"):
        pending()
    assert time.monotonic() - started < 10
    assert _gone(pending.pid)


@needs_fork
def test_ctrl_c_while_waiting_stops_the_child_and_is_not_swallowed(monkeypatch):
    pending = child.in_child(lambda: time.sleep(60))

    def interrupted(fd: int, deadline: float) -> bytes:
        raise KeyboardInterrupt

    monkeypatch.setattr(child, "_read_until", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pending()
    assert _gone(pending.pid)


@needs_fork
def test_a_build_whose_checks_hang_fails_with_a_clear_message(tmp_path, monkeypatch, caplog):
    make_archive(tmp_path, articles={"2025-x": article("Text.")})

    def hanging(archive, memo=None):
        return child.in_child(lambda: time.sleep(60), timeout=1, what="the checks of the archive")

    monkeypatch.setattr(checks, "run_all_in_background", hanging)
    started = time.monotonic()
    with pytest.raises((PluginError, Abort)) as exc:
        build_site(tmp_path)
    assert time.monotonic() - started < 30
    message = str(exc.value) + caplog.text
    assert "the checks of the archive did not finish within 1 s" in message


def test_ctrl_c_while_search_stops_is_not_swallowed(tmp_path, monkeypatch):
    """Ctrl-C reaches the main thread while it waits for Pagefind to stop."""
    from site_builder.search import indexer as indexer_mod

    indexer = Indexer(tmp_path)
    indexer.start()
    real = indexer_mod.asyncio.run_coroutine_threadsafe

    class Interrupted:
        def result(self, timeout=None):
            raise KeyboardInterrupt

    def stopping(coroutine, loop):
        coroutine.close()
        return Interrupted()

    monkeypatch.setattr(indexer_mod.asyncio, "run_coroutine_threadsafe", stopping)
    service, loop = indexer._service, indexer._loop
    try:
        with pytest.raises(KeyboardInterrupt):
            indexer.close()
    finally:
        monkeypatch.undo()
        real(indexer_mod._stop(service, failed=True), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
