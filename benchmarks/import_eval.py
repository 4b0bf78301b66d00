"""How well `site-builder import` reads real news pages: headline, outlet, body, check, build.

    python benchmarks/import_eval.py                  # every page of the corpus
    python benchmarks/import_eval.py --limit 5 --no-build --out /tmp/import.md

The corpus is `tests/corpus/import_pages/` (see its README): pages in English, Russian,
Kazakh, Chinese and Japanese, each with its headline as published, its outlet and the
outlet's website written down by hand (`pages.json`), and a reference text of its body.
Two archives are made in a temporary folder, copies of the repository's own (mkdocs.yml,
content/, archive/):

(a) one whose registry has every outlet of the corpus (name and website), as an archive
    that has imported from these sites before. Each page is imported as a contributor would:
    without options first; when the import asks for options, the script checks that it asks
    once for everything (a second run with the options asked for must not ask again) and
    gives them (`--date` from `pages.json`). Measured: the headline exactly as written down;
    the registered outlet found; the body's token F1 against the reference text, next to
    trafilatura's own text (`trafilatura.extract`) against the same reference.
(b) one whose registry has none of them. Each import must write its draft, exit 1 (the
    outlet is unknown) and print a to-do list; the script does what the list says the
    archive needs (`site-builder new outlet ...` as printed), then runs the check on the
    draft: clean means no error and no warning. Then `mkdocs build --strict` on the archive
    with every draft in.

It prints the figures and writes them as Markdown (`--out`).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from site_builder import checks
from site_builder.cli import main as cli_main
from site_builder.core import archive as archive_mod
from site_builder.ingest.importer import ImportProblem, ImportRequest, run
from site_builder.text.plaintext import plain

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "corpus" / "import_pages"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Words, and each Chinese or Japanese character on its own (they have no spaces)."""
    out: list[str] = []
    for word in _WORD.findall(unicodedata.normalize("NFKC", text).casefold()):
        if _CJK.search(word):
            out.extend(word)
        else:
            out.append(word)
    return out


def f1(found: str, reference: str) -> float:
    a, b = Counter(tokens(found)), Counter(tokens(reference))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def reference_text(page: dict[str, Any]) -> str:
    return (CORPUS / "reference" / (Path(page["file"]).stem + ".txt")).read_text(encoding="utf-8")


def trafilatura_text(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False, include_tables=True) or ""


def copy_archive(root: Path) -> None:
    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, root / name)
    for name in ("content", "archive"):
        shutil.copytree(REPO / name, root / name)


def register_outlets(root: Path, pages: list[dict[str, Any]]) -> None:
    sites: dict[str, list[str]] = {}
    for page in pages:
        sites.setdefault(page["outlet"], [])
        if page["website"] not in sites[page["outlet"]]:
            sites[page["outlet"]].append(page["website"])
    for i, (name, websites) in enumerate(sites.items()):
        text = yaml.safe_dump(
            {"name": name, "website": websites if len(websites) > 1 else websites[0]},
            allow_unicode=True,
        )
        path = root / "content" / "outlets" / f"eval-outlet-{i}.md"
        path.write_text(f"---\n{text}---\n", encoding="utf-8")


def quiet_run(request: ImportRequest) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = run(request)
        except ImportProblem as exc:
            print(str(exc), file=sys.stderr)
            code = exc.code
    return code, out.getvalue() + err.getvalue()


def asked(message: str) -> list[str]:
    return re.findall(r"--(title|date|outlet|language|id)\b", message.split(": give ", 1)[-1])


def import_page(root: Path, page: dict[str, Any]) -> dict[str, Any]:
    """Import as a contributor would: no options; then the options asked for, once."""
    source = str(CORPUS / "pages" / page["file"])
    code, output = quiet_run(ImportRequest.of(source, root=root))
    rounds, options = 1, {}
    if code == 2:
        wanted = asked(output)
        for name in wanted:
            options[name] = page.get("given", {}).get(name) or page.get(name)
        code, output = quiet_run(ImportRequest.of(source, root=root, **options))
        rounds = 2 if code != 2 else 3
    draft = re.search(r"created (content/articles/\S+\.md)", output)
    return {"code": code, "output": output, "rounds": rounds, "options": options,
            "draft": root / draft.group(1) if draft else None}  # fmt: skip


def draft_of(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front) or {}, body


def check_file(root: Path, shown: str) -> tuple[list[str], list[str]]:
    archive = archive_mod.load(root, "content")
    diags = [d for d in checks.run_all(archive) if d.path == shown]
    errors = [d.format() for d in diags if d.severity == "error"]
    warnings = [d.format() for d in diags if d.severity == "warning"]
    return errors, warnings


def do_todo(root: Path, output: str) -> list[str]:
    """Run the `site-builder new outlet` command the to-do list prints."""
    done = []
    m = re.search(r"Create the outlet: (site-builder new outlet .+?) \(check its name", output)
    if m:
        argv = shlex.split(m.group(1))[1:] + ["--root", str(root)]
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = cli_main(argv)
        done.append(f"{m.group(1)} -> {code}")
    return done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--no-build", action="store_true", help="skip mkdocs build --strict")
    parser.add_argument("--out", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    pages = json.loads((CORPUS / "pages.json").read_text(encoding="utf-8"))
    if args.limit:
        pages = pages[: args.limit]
    rows = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="import-eval-") as tmp:
        known, unknown = Path(tmp) / "known", Path(tmp) / "unknown"
        for root in (known, unknown):
            root.mkdir()
            copy_archive(root)
        register_outlets(known, pages)
        for page in pages:
            html = (CORPUS / "pages" / page["file"]).read_text(encoding="utf-8")
            reference = reference_text(page)
            t0 = time.monotonic()
            a = import_page(known, page)
            seconds = time.monotonic() - t0
            row: dict[str, Any] = {"file": page["file"], "language": page["language"],
                                   "rounds": a["rounds"], "asked": sorted(a["options"]),
                                   "seconds": seconds}  # fmt: skip
            if a["draft"] is None:
                row.update(error=a["output"][-400:])
                rows.append(row)
                continue
            data, body = draft_of(a["draft"])
            row.update(
                title=data.get("title"),
                headline_ok=" ".join(str(data.get("title")).split())
                == " ".join(page["headline"].split()),
                outlet=data.get("outlet"),
                # found: by the page itself, not because it was asked for and given
                outlet_ok=data.get("outlet") == page["outlet"] and "outlet" not in a["options"],
                language_got=data.get("language"),
                f1=f1(plain(body), reference),
                f1_trafilatura=f1(trafilatura_text(html), reference),
                code_known=a["code"],
            )
            b = import_page(unknown, page)
            shown = str(b["draft"].relative_to(unknown)) if b["draft"] else ""
            before = check_file(unknown, shown)[0] if b["draft"] else ["no draft"]
            todo = do_todo(unknown, b["output"]) if b["draft"] else []
            errors, warnings = check_file(unknown, shown) if b["draft"] else (["no draft"], [])
            row.update(code_unknown=b["code"], failed_before=bool(before), todo=todo,
                       errors=errors, warnings=warnings)  # fmt: skip
            rows.append(row)
            if args.verbose:
                print(json.dumps(row, ensure_ascii=False, default=str), file=sys.stderr)
        build = "skipped"
        if not args.no_build:
            proc = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
                cwd=unknown, capture_output=True, text=True,
            )  # fmt: skip
            build = "passes" if proc.returncode == 0 else "FAILS:\n" + proc.stderr[-3000:]
    report = summarize(rows, build, time.monotonic() - started)
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    return 0


def summarize(rows: list[dict[str, Any]], build: str, seconds: float) -> str:
    done = [r for r in rows if "title" in r]
    n = len(rows)

    def pct(k: int) -> str:
        return f"{k}/{n} ({100 * k / n:.1f}%)" if n else "0"

    by_lang = Counter(r["language"] for r in rows)
    worse = [r for r in done if r["f1"] < r["f1_trafilatura"] - 0.05]
    clean = [r for r in done if not r["errors"] and not r["warnings"]]
    no_errors = [r for r in done if not r["errors"]]
    one_round = [r for r in rows if r["rounds"] <= 2]
    f1s = sorted(r["f1"] for r in done)
    traf = sorted(r["f1_trafilatura"] for r in done)
    # The exit status says whether the draft it wrote passes the check (1: it fails).
    exit_ok = [r for r in done if r["code_unknown"] == (1 if r["failed_before"] else 0)]
    unknown = [r for r in done if r["failed_before"]]
    lines = [
        "# Import on real news pages",
        "",
        f"{n} pages ({', '.join(f'{k} {v}' for k, v in sorted(by_lang.items()))}); "
        f"{seconds:.0f} s in all",
        "",
        f"- headline exactly as published: {pct(sum(r['headline_ok'] for r in done))}",
        f"- registered outlet found: {pct(sum(r['outlet_ok'] for r in done))}",
        f"- body token F1: median {f1s[len(f1s) // 2]:.3f}, lowest {f1s[0]:.3f} "
        f"(trafilatura alone: median {traf[len(traf) // 2]:.3f}, lowest {traf[0]:.3f}); "
        f"pages more than 0.05 below trafilatura: {len(worse)}",
        f"- options asked in one round (never a second demand): {pct(len(one_round))}",
        f"- one import (with its check of the draft): median "
        f"{sorted(r['seconds'] for r in rows)[n // 2]:.2f} s, longest "
        f"{max(r['seconds'] for r in rows):.2f} s",
        f"- exit status 1 exactly when the draft written fails the check: {pct(len(exit_ok))} "
        f"({len(unknown)} drafts failed it before their to-do list was done: the outlet was "
        "not yet in the registry)",
        f"- drafts checking clean once the to-do list is done: {pct(len(clean))} "
        f"(no error: {pct(len(no_errors))})",
        f"- mkdocs build --strict with every draft in: {build}",
        "",
        "| page | lang | asked | headline | outlet | F1 | F1 traf. | check |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        if "title" not in r:
            lines.append(f"| {r['file']} | {r['language']} | | FAILED: {r['error']!r} | | | | |")
            continue
        check = "clean" if not r["errors"] and not r["warnings"] else (
            f"{len(r['errors'])} errors, {len(r['warnings'])} warnings: "
            + "; ".join(x.split(": ", 1)[-1] for x in r["errors"] + r["warnings"])[:200]
        )  # fmt: skip
        title = ("ok" if r["headline_ok"] else f"WRONG {r['title']!r}").replace("|", "\\|")
        outlet = "ok" if r["outlet_ok"] else f"WRONG {r['outlet']!r}"
        lines.append(
            f"| {r['file']} | {r['language']} | {' '.join(r['asked']) or '-'} | {title} | "
            f"{outlet} | {r['f1']:.3f} | {r['f1_trafilatura']:.3f} | {check} |"
        )
    lines += ["", "Outlets the to-do lists created in the archive without them:", ""]
    lines += [f"- `{t}`" for r in done for t in r["todo"]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
