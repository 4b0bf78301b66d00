"""`site-builder import`: a saved page, a text or an address to a capture and a draft."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..ingest.importer import ImportProblem, ImportRequest, run


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "import",
        help="turn a saved page, a text file or a URL into a capture and a draft article",
        description=(
            "Import an article: keep the original under archive/ and write a draft under "
            "content/articles/ with its text once and its metadata pre-filled from the page "
            "and the registry. Never overwrites; writes both files or neither."
        ),
    )
    p.add_argument(
        "source", help="a saved .html page, a .txt file, - for standard input, or an http(s) URL"
    )
    p.add_argument("--outlet", help="outlet id, name or alias (default: the page's site name)")
    p.add_argument("--url", help="the article's original URL (default: the page's canonical URL)")
    p.add_argument("--date", help="publication date YYYY-MM-DD, YYYY-MM or YYYY (default: the "
                   "page's)")  # fmt: skip
    p.add_argument("--title", help="the headline (default: the page's, or a text's first line)")
    p.add_argument("--language", help="ISO 639-1 code: en, ru, kk, ... (default: the page's)")
    p.add_argument("--id", help="the article id (file name) instead of one made from the title")
    p.add_argument("--encoding", help="the encoding of a file that is not UTF-8, e.g. cp1251")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for a URL (30)")
    p.add_argument("--root", default=".", help="archive folder (default: here)")
    p.add_argument("--dry-run", action="store_true", help="print the draft and write nothing")
    p.set_defaults(func=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    try:
        request = ImportRequest.of(
            args.source,
            root=Path(args.root),
            outlet=args.outlet,
            url=args.url,
            date=args.date,
            title=args.title,
            language=args.language,
            id=args.id,
            encoding=args.encoding,
            timeout=args.timeout,
            dry_run=args.dry_run,
        )
        return run(request)
    except ImportProblem as exc:
        print(f"site-builder import: {exc}", file=sys.stderr)
        return exc.code
