"""The `site-builder` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from .. import checks
from ..core import archive as archive_mod
from ..core import changes, diagnostics, schema
from ..core.slugs import SlugError
from ..ingest import scaffold


def _load(root: Path, changed: frozenset[str] | None = None) -> archive_mod.Archive:
    return archive_mod.load(root, "content", progress=archive_mod.StderrProgress(), changed=changed)


def cmd_check(args: argparse.Namespace) -> int:
    root = archive_mod.project_root(Path(args.path))
    if not (root / "content").is_dir():
        print(f"site-builder: no content/ folder in {root}; run it in the archive's folder or "
              "give that folder as PATH", file=sys.stderr)  # fmt: skip
        return 2
    try:
        changed = changes.changed_files(root, args.changed_since) if args.changed_since else None
    except changes.ChangesError as exc:
        print(f"site-builder check: {exc}", file=sys.stderr)
        return 2
    arch = _load(root, changed)
    if args.fix:
        _fix(arch)
        arch = _load(root, changed)
    diags = checks.run_all(arch)
    only = Path(args.path).resolve()
    if only.is_file():  # report on that file alone, checked against the whole archive
        shown = arch.display(only)
        diags = diagnostics.Diagnostics(d for d in diags if d.path == shown)
    out = diagnostics.format_all(diags, args.format)
    errors, warnings = len(set(diags.errors)), len(set(diags.warnings))
    if args.format == "json":
        print(out)
    elif out:
        print(out, file=sys.stdout if args.format == "github" else sys.stderr)
    summary = (
        f"checked {_n(len(arch.articles), 'article')} and "
        f"{_n(len(arch.registry), 'registry entry', 'registry entries')}: "
        f"{_n(errors, 'error')}, {_n(warnings, 'warning')}"
    )
    if args.format != "json":
        print(summary, file=sys.stderr if errors else sys.stdout)
    return 1 if errors else 0


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def _fix(arch: archive_mod.Archive) -> None:
    done: set[tuple[str, str]] = set()
    for kind, text in arch.unresolved:
        if (kind, text) in done:
            continue
        done.add((kind, text))
        if arch.registry.suggest(kind, text):
            print(
                f"not creating {kind} {text!r}: it is close to an existing name; "
                "add it as an alias or create it with site-builder new",
                file=sys.stderr,
            )
            continue
        try:
            path = scaffold.new_entity(arch, kind, text)
        except (scaffold.ScaffoldError, SlugError) as exc:
            print(f"not creating {kind} {text!r}: {exc}", file=sys.stderr)
            continue
        print(f"created {arch.display(path)}", file=sys.stderr)


def cmd_new(args: argparse.Namespace) -> int:
    root = archive_mod.project_root(Path(args.root))
    arch = archive_mod.load(root, "content")
    try:
        if args.kind == "article":
            if not args.date:
                print("site-builder new article: give --date (YYYY-MM-DD, YYYY-MM or YYYY)",
                      file=sys.stderr)  # fmt: skip
                return 2
            path = scaffold.new_article(
                arch, args.name, args.date, args.outlet, args.language, args.id
            )
        else:
            if args.website and args.kind != "outlet":
                print("site-builder new: --website is for outlets (other entries take "
                      "their `website` in the file)", file=sys.stderr)  # fmt: skip
                return 2
            path = scaffold.new_entity(arch, args.kind, args.name, args.id, args.website or ())
    except (scaffold.ScaffoldError, SlugError) as exc:
        print(f"site-builder new: {exc}", file=sys.stderr)
        return 1
    print(f"created {arch.display(path)}; fill it in, then run: site-builder check")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    for kind in schema.SCHEMAS:
        print(f"### {kind.capitalize()}\n\n{schema.markdown_table(kind)}\n")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="site-builder", description="Check, scaffold and build a media archive."
    )
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("check", help="validate the whole archive and list every problem")
    c.add_argument("path", nargs="?", default=".", help="archive folder, or one file in it")
    c.add_argument("--format", choices=("text", "github", "json"), default="text")
    c.add_argument(
        "--fix",
        action="store_true",
        help="create registry stubs for unknown names that are close to no existing name",
    )
    c.add_argument(
        "--changed-since",
        metavar="REF",
        help="the commit a pull request starts from: a spelling two registry entries claim, or "
        "a name that looks like another, is reported on the entry changed since REF "
        "(default: on the one changed since the last commit, or on both)",
    )
    c.set_defaults(func=cmd_check)

    n = sub.add_parser("new", help="scaffold an article or a registry entry")
    n.add_argument("kind", choices=("article", *schema.KINDS))
    n.add_argument("name", help="the title of an article, or the name of an entry")
    n.add_argument("--id", help="the id (file name) to use instead of one made from the name")
    n.add_argument("--date", help="article: publication date")
    n.add_argument("--outlet", help="article: outlet id or name")
    n.add_argument("--language", help="article: ISO 639-1 code")
    n.add_argument(
        "--website",
        action="append",
        metavar="URL",
        help="outlet: its website (repeat for other domains); the import recognizes its pages "
        "by these addresses",
    )
    n.add_argument("--root", default=".", help="archive folder (default: here)")
    n.set_defaults(func=cmd_new)

    s = sub.add_parser("schema", help="print the data contract as Markdown tables")
    s.set_defaults(func=cmd_schema)

    # Commands that live in modules of their own add their parsers here.
    from . import export, ingest, verify

    for module in (ingest, verify, export):
        module.add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    command: Callable[[argparse.Namespace], int] = args.func  # each subparser sets one
    return command(args)
