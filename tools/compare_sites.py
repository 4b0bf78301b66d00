"""Compare two built site folders byte for byte: are two builds of one archive the same?

    python tools/compare_sites.py SITE_A SITE_B [--show 20]

Prints each differing file, one a line (`differs: pagefind/...`, `only in A: ...`, `only in
B: ...`), then a summary; exit code 0 when every file is byte-identical, 1 otherwise. Pagefind's
files (gzip-compressed CBOR) are named by their content hash, so a difference inside one shows
as a file only in A and another only in B; `--show` limits how many of each kind are listed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Comparison:
    """What differs between two folders; every list sorted, paths with forward slashes."""

    differs: list[str] = field(default_factory=list)
    only_a: list[str] = field(default_factory=list)
    only_b: list[str] = field(default_factory=list)
    same: int = 0

    @property
    def identical(self) -> bool:
        return not (self.differs or self.only_a or self.only_b)

    def lines(self, show: int | None = None) -> list[str]:
        """One line per difference, at most `show` of each kind, then one saying how many more."""
        out: list[str] = []
        for label, paths in (
            ("differs", self.differs),
            ("only in A", self.only_a),
            ("only in B", self.only_b),
        ):
            shown = paths if show is None else paths[:show]
            out += [f"{label}: {p}" for p in shown]
            if len(paths) > len(shown):
                out.append(f"{label}: ... and {len(paths) - len(shown)} more")
        return out


def files_of(root: Path) -> dict[str, Path]:
    """Every file under `root`, keyed by its path inside it with forward slashes."""
    found: dict[str, Path] = {}
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = Path(folder, name)
            found[path.relative_to(root).as_posix()] = path
    return found


def _digest(path: Path) -> bytes:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").digest()


def compare(a: Path, b: Path) -> Comparison:
    """Which files of folders `a` and `b` differ, and which only one of them has."""
    files_a, files_b = files_of(Path(a)), files_of(Path(b))
    result = Comparison(
        only_a=sorted(files_a.keys() - files_b.keys()),
        only_b=sorted(files_b.keys() - files_a.keys()),
    )
    for rel in sorted(files_a.keys() & files_b.keys()):
        pa, pb = files_a[rel], files_b[rel]
        if pa.stat().st_size != pb.stat().st_size or _digest(pa) != _digest(pb):
            result.differs.append(rel)
        else:
            result.same += 1
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Compare two built site folders byte for byte.")
    p.add_argument("a", type=Path, help="the first site folder (A)")
    p.add_argument("b", type=Path, help="the second site folder (B)")
    p.add_argument("--show", type=int, default=20, help="differences listed per kind (20)")
    args = p.parse_args(argv)
    for folder in (args.a, args.b):
        if not folder.is_dir():
            print(f"compare_sites: {folder}: no such folder; build the site first", file=sys.stderr)
            return 2
    result = compare(args.a, args.b)
    for line in result.lines(args.show):
        print(line)
    n = len(result.differs) + len(result.only_a) + len(result.only_b)
    if result.identical:
        print(f"identical: {result.same:,} files, byte for byte")
        return 0
    print(
        f"{n:,} files differ ({len(result.differs):,} in both, {len(result.only_a):,} only in "
        f"A, {len(result.only_b):,} only in B); {result.same:,} identical",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
