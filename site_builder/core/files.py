"""Writing files the safe way: never over an existing file, never half-written, several files
all or none, and the temporary files an interrupted write leaves recognisable.

A file is written to a temporary file next to it, `.<name>.<random>.tmp` (MkDocs never
publishes dot-files), synced, then linked to its name (a link fails where the name exists;
a rename would replace it) and the temporary name removed. While the write runs, the writer
holds a lock on its temporary file; the lock dies with the process, so a temporary file
nobody holds was left by a write that was killed, and the next run may remove it.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

# Windows has no fcntl: no locks, so no way to tell a running write from a dead one. (A
# platform check, which mypy understands, rather than an ImportError.)
if sys.platform != "win32":
    import fcntl

# `.<name>.<random>.tmp`, as tempfile.mkstemp names them below; the random part has no dot,
# so `.x.md.abc.tmp` is a temporary of `x.md` and never of `x.md.abc`.
TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]+\.tmp$")


class FileExists(FileExistsError):
    pass


class FileBusy(FileExists):
    """A temporary file that a running process is writing right now."""

    def __init__(self, path: Path):
        super().__init__(f"{path} is being written by another command right now")
        self.path = path


def write_new(path: Path, data: bytes | str) -> None:
    """Write `path` atomically; refuse if it exists (checked again at the final link)."""
    write_all([(path, data)])


@dataclass
class _Temporary:
    target: Path
    name: Path
    fd: int
    removed: bool = False


def write_all(items: Sequence[tuple[Path, bytes | str]]) -> None:
    """Write every file or none, never over an existing one, in the order given.

    All temporary files are written and synced before the first is linked into place, so an
    error while writing (a full disk) leaves nothing; then each is linked and its temporary
    name removed, in order. Killed in between, a process leaves the files before it in
    place, the rest as temporary files that :func:`leftovers` finds: write first the file
    that is useless alone (a capture without its draft), last the one that names it. The
    temporary files that earlier, interrupted writes of the same files left are removed
    first (raises :class:`FileBusy` if one is being written right now).
    """
    files = [(Path(p), d.encode("utf-8") if isinstance(d, str) else d) for p, d in items]
    for path, _ in files:
        for stale in leftovers(path):
            stale.unlink(missing_ok=True)
    for path, _ in files:
        if os.path.lexists(path):
            raise FileExists(f"{path} already exists; it is never overwritten")
    made: list[Path] = []  # folders this write created, to remove if it fails
    temporaries: list[_Temporary] = []
    try:
        for path, raw in files:
            _make_folder(path.parent, made)
            temporaries.append(_write_temporary(path, raw))
        for t in temporaries:
            try:
                # link() fails if the target appeared meanwhile, where rename() would
                # replace it.
                os.link(t.name, t.target)
            except FileExistsError:
                raise FileExists(f"{t.target} already exists; it is never overwritten") from None
            # The link is on disk before the next file's: after a power cut too, never the
            # second file without the first.
            _sync_folder(t.target.parent)
            os.unlink(t.name)
            t.removed = True
    except BaseException:
        for t in reversed(temporaries):
            # Only the very file we linked (a Ctrl-C can come as link() returns), never one
            # that another process put at its name.
            _unlink_if_same(t.target, t.fd)
            if not t.removed:
                t.name.unlink(missing_ok=True)
                t.removed = True
        for folder in reversed(made):
            try:
                folder.rmdir()  # only if empty
            except OSError:
                pass
        raise
    finally:
        for t in temporaries:
            if not t.removed:
                t.name.unlink(missing_ok=True)
            os.close(t.fd)


def _make_folder(folder: Path, made: list[Path]) -> None:
    missing = []
    for p in [folder, *folder.parents]:
        if p.is_dir():
            break
        missing.append(p)
    folder.mkdir(parents=True, exist_ok=True)
    made.extend(reversed(missing))


def _write_temporary(path: Path, raw: bytes) -> _Temporary:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    t = _Temporary(path, Path(name), fd)
    try:
        if sys.platform != "win32":
            # Held until the fd is closed or the process dies. (Another process could take
            # the file for a leftover in the instant before: then our link fails, and the
            # write is undone, not half-done.)
            fcntl.flock(fd, fcntl.LOCK_EX)
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        t.name.unlink(missing_ok=True)
        raise
    return t


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; its renames and links are durable anyway
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the link is made all the same
    finally:
        os.close(fd)


def _unlink_if_same(path: Path, fd: int) -> None:
    try:
        st, ours = os.stat(path, follow_symlinks=False), os.fstat(fd)
    except OSError:
        return
    if (st.st_dev, st.st_ino) == (ours.st_dev, ours.st_ino):
        path.unlink(missing_ok=True)


# --- what an interrupted write leaves --------------------------------------------------------


def target_of(temporary: Path) -> Path | None:
    """The file that the temporary file `temporary` was to become, if it is named as ours."""
    m = TEMPORARY.match(temporary.name)
    return temporary.with_name(m.group("name")) if m else None


def is_held(path: Path) -> bool:
    """Whether a running process holds `path` locked: a write in progress, not a leftover."""
    if sys.platform != "win32":  # Windows: no locks (see the import above)
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return True
        finally:
            os.close(fd)  # and with it the lock taken to test
    return False


def leftovers(path: Path) -> list[Path]:
    """The temporary files that interrupted writes of `path` left next to it.

    Raises :class:`FileBusy` if one of them is being written right now.
    """
    path = Path(path)
    try:
        entries = list(os.scandir(path.parent))
    except OSError:  # no folder, so no temporary file either
        return []
    found = []
    for entry in entries:
        p = Path(entry.path)
        if entry.is_file(follow_symlinks=False) and target_of(p) == path:
            if is_held(p):
                raise FileBusy(p)
            found.append(p)
    return sorted(found)


def walk(folder: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every regular file under `folder`, never through a symbolic link, with its path from
    `folder` (`a/b.txt`); strings, not Paths, since a check walks every file of the archive."""
    stack = [(str(folder), "")]
    while stack:
        path, rel = stack.pop()
        try:
            with os.scandir(path) as entries:
                batch = list(entries)
        except OSError:  # absent, or not a folder
            continue
        for entry in batch:
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, f"{rel}{entry.name}/"))
            elif entry.is_file(follow_symlinks=False):
                yield rel + entry.name, entry
