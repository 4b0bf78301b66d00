"""`site-builder verify`: check a built site before it is published."""

from __future__ import annotations

import argparse
import sys

from ..core.archive import StderrProgress
from ..publish.verify import MIB, format_problems, run


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "verify",
        help="check the built site: links, anchors, the search bundle, page and file sizes, "
        "GitHub Pages' limits",
        description="Check a built site offline: every internal link and #anchor resolves, "
        "pages with a search box have the whole search bundle, no page or file is too large, "
        "the site fits GitHub Pages' 1 GB.",
    )
    p.add_argument("site_dir", nargs="?", default="site", help="the built site (default: site)")
    p.add_argument(
        "--base-url",
        help="where the site is served: a path like /repo/, or its URL; root-relative links "
        "must stay under it (default: the home page's canonical URL, from site_url, else /)",
    )
    p.add_argument("--max-page-kb", type=float, default=200, help="HTML per page (default: 200)")
    p.add_argument("--max-file-mib", type=float, default=50, help="any file (default: 50)")
    p.add_argument("--max-site-gib", type=float, default=1.0, help="whole site (default: 1)")
    p.add_argument(
        "--jobs", type=int, help="processes reading pages (default: one per CPU, at most 8)"
    )
    p.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github: also as GitHub Actions error annotations",
    )
    p.set_defaults(func=cmd_verify)


def cmd_verify(args: argparse.Namespace) -> int:
    try:
        report = run(
            args.site_dir,
            args.max_page_kb,
            args.max_file_mib,
            args.max_site_gib,
            StderrProgress(),
            base_url=args.base_url,
            jobs=args.jobs,
        )
    except NotADirectoryError as exc:
        print(f"site-builder verify: {exc} (mkdocs build)", file=sys.stderr)
        return 2
    for line in format_problems(report.problems, args.format):
        print(line)
    n = len(report.problems)
    summary = (
        f"verified {report.pages} pages and {report.files} files "
        f"({report.size / MIB:.1f} MiB) served at {report.base_url}: "
        + (f"{n} problem{'s' if n != 1 else ''}" if n else "no problems")
    )
    print(summary, file=sys.stderr if n else sys.stdout)
    return 1 if n else 0
