"""What an interrupted write leaves behind: temporary files and captures no article names."""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

from ..core.archive import Archive
from ..core.diagnostics import Diagnostics
from ..core.files import is_held, target_of, walk

# `capture: archive/...` in an article whose front matter does not load (broken YAML).
_CAPTURE_LINE = re.compile(r"""^capture:[ \t]*(["']?)(archive/[^"'\s#]+)\1""", re.M)


def check_leftovers(archive: Archive, diags: Diagnostics) -> None:
    """What an interrupted write leaves: temporary files under content/ and archive/, and
    captures that no article names (`site-builder import` writes the capture first).

    A temporary file is a warning: MkDocs never publishes a dot-file and the check reads
    none, so the site is unharmed (and one may be part of a write running right now);
    `mkdocs build --strict` still refuses it, so it is never merged. A capture that no
    article names is an error, like an article whose capture is missing: the pair of
    files is broken, and the archive would keep a file nobody reviewed as an article's
    source.
    """
    docs = archive.display(archive.docs_dir)
    captures: list[tuple[str, str]] = []  # (as shown, file system path)
    articles: list[tuple[str, str]] = []
    for top, folder in ((docs, archive.docs_dir), ("archive", archive.root / "archive")):
        for rel, entry in walk(folder):
            shown = f"{top}/{rel}"
            if entry.name.startswith("."):
                if entry.name.endswith(".tmp") and not is_held(Path(entry.path)):
                    diags.warning(shown, 0, "", _leftover_message(archive, entry.path, shown))
            elif top == "archive":
                captures.append((shown, entry.path))
            elif rel.startswith("articles/") and rel.count("/") == 2 and rel.endswith(".md"):
                articles.append((shown, entry.path))
    named = _named_captures(archive, articles)
    for shown, path in captures:
        if shown not in named and posixpath.splitext(posixpath.basename(shown))[0] not in named:
            diags.error(shown, 0, "", _article_less_message(archive, Path(path), shown))


def _named_captures(archive: Archive, article_files: list[tuple[str, str]]) -> set[str]:
    """The captures that articles name, as paths from the root. An article that does not
    load (its errors are reported) may name any capture with its id, or on a `capture:`
    line of its text: those are taken as named, so that its errors come without this one."""
    named: list[str | None] = [a.capture for a in archive.articles]
    loaded = {a.path for a in archive.articles}
    for shown, path in article_files:
        if shown not in loaded:
            named.append(posixpath.splitext(posixpath.basename(shown))[0])
            try:
                text = Path(path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            named += [m.group(2) for m in _CAPTURE_LINE.finditer(text)]
    return {posixpath.normpath(c.replace("\\", "/")) for c in named if isinstance(c, str)}


def _article_less_message(archive: Archive, path: Path, shown: str) -> str:
    same_id = archive.by_id.get(path.stem)
    if same_id is not None and not same_id.capture:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        return (
            f"a capture that no article names; {same_id.path} has its id and no 'capture': "
            f'if this is its original, add capture: "{shown}" and sha256: "{digest}" to it; '
            "if not, delete this file"
        )
    return (
        "a capture that no article names; site-builder import writes the capture before "
        "the draft, so an import that was interrupted leaves it alone: re-run the import to "
        "write the draft; if its article was deleted, delete it too (git rm)"
    )


def _leftover_message(archive: Archive, path: str, shown: str) -> str:
    never = "MkDocs never publishes it, but it must not be committed"
    target = target_of(Path(path))
    if target is None:
        return f"a temporary file (a dot-file ending in .tmp); {never}: delete it"
    target_shown = posixpath.join(posixpath.dirname(shown), target.name)
    if target.exists():  # written to the end: nothing to finish, nothing to re-run
        return (
            f"a temporary file left by an interrupted write of {target_shown}, which is in "
            f"place: delete it ({never})"
        )
    articles = archive.display(archive.docs_dir / "articles") + "/"
    imported = target_shown.startswith(("archive/", articles))
    command = "the import" if imported else "the site-builder command"
    return (
        f"a temporary file left by an interrupted write of {target_shown}, which is not "
        f"there: re-run {command} that wrote it (it finishes the job and removes this file), "
        f"or delete it ({never})"
    )
