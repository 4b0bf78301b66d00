"""Files that go into the site beside the pages, written on a thread of their own.

The data dumps, each entry's downloads and the captures are about half of a 10,000-article
site's files: some 18,000 files and 250 MB. Writing them is nearly all system calls, which
release the interpreter's lock, so a thread writes them while the build's thread renders the
pages; the build waits for it (`finish`) before it ends, and fails with the file that could
not be written.

A capture is a hard link to the archive's file when the site is on the same file system (no
bytes copied: the check has verified its SHA-256, and the file is published as it is), and a
copy otherwise. A hard link is the same file under two names: anything that rewrites the
site's copy in place would change the archive's, which the next check reports as a checksum
mismatch. (Deploying copies it: GitHub's Pages artifact is a tar archive that dereferences
links.)
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path


class OutputError(Exception):
    """A file of the site could not be written."""


class Output:
    """Writes files under `root`, in the order given, once `start`ed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._jobs: list[tuple[str, bytes | str | Path]] = []
        self._thread: threading.Thread | None = None
        self._error: OutputError | None = None
        self._stop = threading.Event()

    def write(self, path: str, content: bytes | str) -> None:
        """Write `content` (text as UTF-8) to `path`, relative to the site's root."""
        self._jobs.append((path, content))

    def copy(self, path: str, source: Path) -> None:
        """Publish the file `source` as `path`, byte for byte (a hard link where possible)."""
        self._jobs.append((path, source))

    @property
    def paths(self) -> list[str]:
        return [path for path, _ in self._jobs]

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="site-output", daemon=True)
        self._thread.start()

    def finish(self) -> int:
        """Wait for every file; the number written. Raises OutputError for the first failure."""
        if self._thread is None:
            self._run()
        else:
            self._thread.join()
        if self._error is not None:
            raise self._error
        return len(self._jobs)

    def cancel(self) -> None:
        """Stop after the file being written (the build failed: the rest does not matter)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        made: set[Path] = set()
        try:
            for path, what in self._jobs:
                if self._stop.is_set():
                    return
                target = self.root / path
                if target.parent not in made:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    made.add(target.parent)
                if isinstance(what, Path):
                    _link_or_copy(what, target)
                else:
                    target.write_bytes(what.encode("utf-8") if isinstance(what, str) else what)
        except Exception as exc:  # any failure: reported by finish(), on the build's thread
            self._error = OutputError(f"could not write {path} into the site: {exc}")


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        target.unlink(missing_ok=True)  # a dirty build's older copy
        os.link(source, target)
    except OSError:  # another file system, or links not allowed: a copy
        shutil.copyfile(source, target)
