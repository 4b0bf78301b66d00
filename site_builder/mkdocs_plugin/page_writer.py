"""Writes the pages a build reuses from the build cache into the site, in a process of its own.

A thread did it first, and at 10,000 articles lagged behind the build by 8 to 11 s: the
build's thread holds Python's interpreter lock nearly all the time, and a thread that makes
six system calls per page waits for the lock after each of them (11,000 of 15,000 pages were
still to write when the build ended). This process has an interpreter of its own and the
machine's other core: the build hands it `key NUL path NUL` records through a pipe, and it
copies each page's bytes from the cache's file to the page's file as the cache holds them
(the bytes MkDocs would write), never through Python's strings.

Run as a script (`python -I -S page_writer.py DATABASE`): it needs Python's standard library
only, not this package, whatever the build's `sys.path`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import urllib.parse
from pathlib import Path
from typing import IO

_SCRIPT = Path(__file__).resolve()
_PIPE_SIZE = 1 << 20  # Linux's default limit for a process that is not privileged


class PageWriter:
    """The build's side: `write` each reused page, then `finish` (waits for the last page and
    raises OSError naming the first that could not be written) or `cancel`."""

    def __init__(self, database: Path) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-I", "-S", str(_SCRIPT), os.fspath(database)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=1 << 16,
        )
        assert self._proc.stdin is not None and self._proc.stdout is not None
        # Room in the pipe for every page of 10,000 articles (~120 bytes each), so that the
        # build hands them over without waiting for this process to catch up. Linux only;
        # elsewhere, and beyond the system's limit, the pipe keeps its size.
        if sys.platform == "linux":
            import fcntl

            with contextlib.suppress(OSError):
                fcntl.fcntl(self._proc.stdin.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
        self._jobs: IO[bytes] = self._proc.stdin
        self._said: IO[bytes] = self._proc.stdout
        self._broken: OSError | None = None

    def write(self, key: str, path: str) -> None:
        """Write the page cached under `key` to `path` (absolute)."""
        if self._broken is not None:
            return
        try:
            self._jobs.write(key.encode("ascii") + b"\0" + os.fsencode(path) + b"\0")
        except OSError as exc:  # the writer stopped: `finish` says why
            self._broken = exc

    def finish(self) -> None:
        """Wait for every page; raises OSError naming the first page that could not be
        written."""
        try:
            self._jobs.close()
        except OSError as exc:
            self._broken = self._broken or exc
        said = self._said.read()
        self._said.close()
        code = self._proc.wait()
        if said:
            path, _, problem = said.partition(b"\0")
            raise OSError(
                f"could not write {os.fsdecode(path)}: {problem.decode(errors='replace')}"
            )
        if code != 0 or self._broken is not None:
            raise OSError(
                f"the process that writes the reused pages stopped (exit code {code}"
                + (f"; {self._broken}" if self._broken is not None else "")
                + "); build again without the cache (remove .cache/site-builder/)"
            )

    def cancel(self) -> None:
        self._proc.kill()
        for pipe in (self._jobs, self._said):
            try:
                pipe.close()
            except OSError:
                pass
        self._proc.wait()


def _write_all(database: str, jobs: IO[bytes], said: IO[bytes]) -> int:
    """Copy each page `jobs` names; at the end, report the first failure (`path NUL
    message`) on `said`. Reads every job even after a failure, so that the build never
    blocks on a full pipe."""
    db = sqlite3.connect(f"file:{urllib.parse.quote(database)}?mode=ro", uri=True)
    made: set[bytes] = set()
    failed: tuple[bytes, str] | None = None
    rest = b""
    try:
        while chunk := jobs.read1(1 << 16):  # type: ignore[attr-defined]
            fields = (rest + chunk).split(b"\0")
            rest = fields.pop()  # what follows the last NUL: a field not whole yet
            if len(fields) % 2:  # a key whose path has not arrived yet
                rest = fields.pop() + b"\0" + rest
            if failed is not None:
                continue
            for i in range(0, len(fields), 2):
                key, path = fields[i].decode("ascii"), fields[i + 1]
                try:
                    row = db.execute("SELECT output FROM pages WHERE key = ?", (key,)).fetchone()
                    if row is None:
                        raise OSError("the page is no longer in the build cache")
                    folder = os.path.dirname(path)
                    if folder not in made:
                        os.makedirs(folder, exist_ok=True)
                        made.add(folder)
                    with open(path, "wb") as out:
                        out.write(row[0])
                except (OSError, sqlite3.Error) as exc:
                    failed = (path, str(exc))
                    break
    finally:
        db.close()
    if failed is not None:
        said.write(failed[0] + b"\0" + failed[1].encode("utf-8", "replace"))
        said.flush()
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_write_all(sys.argv[1], sys.stdin.buffer, sys.stdout.buffer))
