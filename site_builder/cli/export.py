"""`site-builder export`: the archive in a format other tools load (FollowTheMoney)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .. import checks
from ..core import archive as archive_mod
from ..core import diagnostics
from ..core.files import FileExists
from ..data.export import export_ftm


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "export",
        help="write the archive in a format other tools load",
        description="Write the archive in a format other tools load.",
    )
    formats = p.add_subparsers(dest="format", required=True, metavar="FORMAT")
    f = formats.add_parser(
        "ftm",
        help="FollowTheMoney entities (JSON lines), for Aleph and OpenAleph",
        description="Write articles, people, organizations, outlets and the links between "
        "them as FollowTheMoney entities, one JSON object per line (load them with "
        "`alephclient write-entities` or `ftm`). Never overwrites OUT.",
    )
    f.add_argument("out", type=Path, metavar="OUT", help="the file to write, e.g. archive.ftm.json")
    f.add_argument(
        "path", nargs="?", default=".", metavar="PATH", help="archive folder (default: here)"
    )
    f.add_argument(
        "--site-url",
        default=os.environ.get("SITE_URL") or None,
        help="the published site's address, to link entries to their pages "
        "(default: the SITE_URL environment variable, as mkdocs.yml reads it)",
    )
    f.set_defaults(func=cmd_export_ftm)


def cmd_export_ftm(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.exists():
        print(
            f"site-builder export: {out} already exists; it is never overwritten: "
            "choose another name or remove it first",
            file=sys.stderr,
        )
        return 1
    root = archive_mod.project_root(Path(args.path))
    if not (root / "content").is_dir():
        print(
            f"site-builder export: no content/ folder in {root}; run it in the archive's "
            "folder or give that folder as PATH",
            file=sys.stderr,
        )
        return 2
    try:
        import followthemoney  # noqa: F401
    except ModuleNotFoundError:
        print(
            "site-builder export ftm: the followthemoney package is not installed; "
            "install it with: pip install followthemoney",
            file=sys.stderr,
        )
        return 2
    arch = archive_mod.load(root, "content", progress=archive_mod.StderrProgress())
    diags = checks.run_all(arch)
    errors = sorted(set(diags.errors))
    if errors:
        print(diagnostics.format_all(diagnostics.Diagnostics(errors), "text"), file=sys.stderr)
        print(
            f"site-builder export: the archive has {len(errors)} error"
            f"{'s' * (len(errors) != 1)}; fix them first (site-builder check lists them)",
            file=sys.stderr,
        )
        return 1
    warnings: list[str] = []
    try:
        counts = export_ftm(
            arch,
            out,
            site_url=args.site_url,
            progress=archive_mod.StderrProgress(),
            warn=warnings.append,
        )
    except FileExists as exc:
        print(f"site-builder export: {exc}", file=sys.stderr)
        return 1
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    total = sum(counts.values())
    parts = ", ".join(f"{n} {schema}" for schema, n in sorted(counts.items()))
    print(f"wrote {total} FollowTheMoney entities to {out}: {parts}")
    return 0
