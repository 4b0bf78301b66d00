"""Work in a forked child process, beside the rest of the build."""

from __future__ import annotations

import os
import pickle
import warnings
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def in_child(work: Callable[[], T]) -> Callable[[], T]:
    """Start ``work()`` in a forked child process; return a function that waits for its result.

    The child shares the memory already loaded here (the archive) and sends its result back
    pickled. Where there is no fork or only one core, or the child fails, ``work()`` runs in
    this process when the result is asked for, so the outcome is the same either way.
    """
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return work
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

    def result() -> T:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status == 0 and data:
            try:
                return pickle.loads(data)
            except (pickle.UnpicklingError, EOFError, AttributeError, ValueError):
                pass
        return work()  # the child failed: do the work here, and fail here if it fails

    return result
