"""Writing files the safe way: never over an existing file, never half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class FileExists(FileExistsError):
    pass


def write_new(path: Path, data: bytes | str) -> None:
    """Write `path` atomically; refuse if it exists (checked again at the final link)."""
    path = Path(path)
    if path.exists():
        raise FileExists(f"{path} already exists; it is never overwritten")
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        # link() fails if the target appeared meanwhile, where rename() would replace it.
        os.link(tmp, path)
    except FileExistsError:
        raise FileExists(f"{path} already exists; it is never overwritten") from None
    finally:
        os.unlink(tmp)
