"""Which files of the archive a change touched, as git tells it.

When two registry entries claim one spelling, or one entry's name looks like another's, the
problem belongs to the entry a pull request added or changed, not to the one that was there
before. `site-builder check --changed-since REF` asks git which files differ from REF (the
pull request's base); without it, the check and the build ask which files differ from the
last commit or are new, which is what a contributor has changed before committing.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


class ChangesError(Exception):
    pass


def changed_files(root: Path, since: str | None = None) -> frozenset[str] | None:
    """Paths relative to `root` (with '/') that differ from `since` (committed or not), or from
    the last commit without it, and files git does not track yet.

    None when git, the repository or (without `since`) its first commit is missing; with
    `since`, that is a ChangesError saying what to do.
    """
    if since is not None and (not since or since.startswith("-")):
        raise ChangesError(f"{since!r} is not a commit or branch name")
    diff = _git(root, "diff", "--name-only", "-z", "--relative", since or "HEAD", "--")
    new = None if diff is None else _git(root, "ls-files", "--others", "--exclude-standard", "-z")
    if diff is None or new is None:
        if since is None:
            return None
        raise ChangesError(
            f"git cannot tell which files changed since {since!r} in {root}: give a commit or "
            "branch this clone has (in CI, fetch it: actions/checkout with fetch-depth: 0, "
            "or 2 for HEAD^1 on a pull request's merge commit)"
        )
    return frozenset(p for p in (diff + new).split("\0") if p)


def _git(root: Path, *args: str) -> str | None:
    """What git prints, or None if it fails or is missing."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None
