"""CONTRIBUTING.md, made from content/contributing.md: one guide, on the site and on GitHub.

    python tools/sync_contributing.py           # write CONTRIBUTING.md
    python tools/sync_contributing.py --check   # exit 1 if CONTRIBUTING.md is out of date

The site's page is the source: it is an ordinary page of the site (MkDocs builds it, the
site's "edit" links lead to it). GitHub shows CONTRIBUTING.md to everyone who opens an issue
or a pull request, so it is the same text, with the links between pages of the site turned
into links to their files under content/. tests/test_contributing.py fails when the two differ.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "content" / "contributing.md"
TARGET = ROOT / "CONTRIBUTING.md"

HEADER = (
    "<!-- Made from content/contributing.md by tools/sync_contributing.py: edit that file, "
    "then run the script. -->\n\n"
)
# A Markdown link or image target that is a path relative to the page: `](people/index.md#x)`.
_RELATIVE_LINK = re.compile(r"\]\((?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^)\s]+)\)")


def render(source: str) -> str:
    """The text of CONTRIBUTING.md for the text of content/contributing.md."""
    return HEADER + _RELATIVE_LINK.sub(lambda m: f"](content/{m[1]})", source)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--check", action="store_true", help="only say whether it is up to date")
    args = p.parse_args(argv)
    wanted = render(SOURCE.read_text(encoding="utf-8"))
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else None
    if current == wanted:
        print("CONTRIBUTING.md is up to date")
        return 0
    if args.check:
        print(
            "CONTRIBUTING.md differs from content/contributing.md; "
            "run: python tools/sync_contributing.py",
            file=sys.stderr,
        )
        return 1
    tmp = TARGET.with_name(TARGET.name + ".tmp")
    tmp.write_text(wanted, encoding="utf-8")
    tmp.replace(TARGET)  # atomic: a reader never sees half a file
    print("wrote CONTRIBUTING.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
