"""Work in a forked child process, beside the rest of the build."""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
import warnings
from collections.abc import Callable
from typing import Generic, TypeVar, cast

T = TypeVar("T")

# How long the parent waits for a child's result, from the fork. The checks of a 10,000-
# article archive take about 10 s; a child that takes thirty times that is not working.
TIMEOUT_SECONDS = 300.0


class ChildTimeout(RuntimeError):
    """The child did not answer in time; it was stopped."""


class Pending(Generic[T]):
    """Work started elsewhere: call it to wait for its result; `cancel` gives it up."""

    def __init__(self, work: Callable[[], T]) -> None:
        self.work = work

    def __call__(self) -> T:
        return self.work()

    def cancel(self) -> None:
        pass


def in_child(
    work: Callable[[], T], timeout: float = TIMEOUT_SECONDS, what: str = "the work"
) -> Pending[T]:
    """Start ``work()`` in a forked child process; return a function that waits for its result.

    The child shares the memory already loaded here (the archive) and sends its result back
    pickled. Where there is no fork or only one core, or the child fails, ``work()`` runs in
    this process when the result is asked for, so the outcome is the same either way. A
    child that sends nothing within ``timeout`` seconds of the fork (a process forked from a
    threaded one can deadlock, as `mkdocs serve`'s is) is killed, and the wait raises
    :class:`ChildTimeout` naming ``what``; Ctrl-C while waiting kills the child too, and goes
    on as Ctrl-C.
    """
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return Pending(work)  # runs when its result is asked for
    read_end, write_end = os.pipe()
    with warnings.catch_warnings():
        # Python 3.12+ warns that a fork of a threaded process may deadlock in the child;
        # these children take no lock (no logging, no imports): they compute and exit.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: compute, send, and leave without running the parent's cleanup
        code = 1
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as out:
                out.write(pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL))
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return _Child(pid, read_end, time.monotonic() + timeout, timeout, work, what)


class _Child(Pending[T]):
    """The result of a child's work, waited for when called; `cancel` stops the child."""

    def __init__(
        self, pid: int, fd: int, deadline: float, timeout: float, work: Callable[[], T], what: str
    ) -> None:
        super().__init__(work)
        self.pid, self.fd, self.deadline, self.timeout, self.what = pid, fd, deadline, timeout, what

    def __call__(self) -> T:
        try:
            data = _read_until(self.fd, self.deadline)
        except BaseException:  # Ctrl-C: never leave the child behind
            self.cancel()
            raise
        if data is None:
            self.cancel()
            raise ChildTimeout(
                f"{self.what} did not finish within {self.timeout:g} s in a child process, "
                "which was stopped (a process forked from a threaded one can deadlock); build "
                "again, and if it happens again, run `site-builder check`, which runs in one "
                "process"
            )
        os.close(self.fd)
        _, status = os.waitpid(self.pid, 0)
        if status == 0 and data:
            try:
                return cast(T, pickle.loads(data))
            except (pickle.UnpicklingError, EOFError, AttributeError, ValueError):
                pass
        return self.work()  # the child failed: do the work here, and fail here if it fails

    def cancel(self) -> None:
        """Stop the child without waiting for its work (a build that failed)."""
        try:
            os.close(self.fd)
        except OSError:
            pass
        _kill(self.pid)


def _read_until(fd: int, deadline: float) -> bytes | None:
    """Everything written to `fd` until its end; None when the deadline comes first."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
