#!/usr/bin/env python3
"""How long putting the parts of the search index together takes (issue 20).

    python benchmarks/search_merge.py PART... [--runs 5] [--compare REF_PYTHONPATH]
    python benchmarks/search_merge.py WORK/.cache/site-builder/search-parts-*/* --runs 5 \\
        --compare /tmp/merge-base --out benchmarks/results

Each PART is a Pagefind bundle (a folder with ``pagefind-entry.json``) or a cached part of
one (a folder with ``pagefind/`` in it, as under ``.cache/site-builder/search-parts-*/``),
put together in the order given, as a build's ``ShardedIndexer._merge`` does: ``merge_bundles``
(without sort values: the parts do not carry them), ``tighten_chunk_bounds``,
``stabilize_bundle``, into a fresh temporary folder, ``--runs`` times. Each implementation runs
in a subprocess of its own that imports ``site_builder`` from its folder: this checkout, and
with ``--compare`` the package under REF_PYTHONPATH too (e.g. a plain ``cp -r site_builder``
of the code before a change), alternating, so that the machine's load falls on both alike.
Prints the median of each, the ratio, and whether the two bundles are the same bytes (every
file compared). With ``--out DIR`` the table also goes to DIR/search-merge-<date>.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

# Runs in the subprocess, with the implementation's folder first on sys.path.
_WORKER = """
import json, sys, time
from pathlib import Path
from site_builder.search import pagefind as pf
parts, into = [Path(p) for p in json.loads(sys.argv[1])], Path(sys.argv[2])
started, cpu = time.perf_counter(), time.process_time()
pf.merge_bundles(parts, into)
merged = time.perf_counter()
pf.tighten_chunk_bounds(into)
pf.stabilize_bundle(into)
done = time.perf_counter()
took = {"merge": merged - started, "total": done - started, "cpu": time.process_time() - cpu}
print(json.dumps({**took, "module": pf.__file__}))
"""


def bundle_of(path: Path) -> Path:
    """The Pagefind bundle a PART argument names."""
    return path / "pagefind" if (path / "pagefind" / "pagefind-entry.json").is_file() else path


def run_once(pythonpath: Path, parts: list[Path], into: Path) -> dict[str, float | str]:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    args = [sys.executable, "-c", _WORKER, json.dumps([str(p) for p in parts]), str(into)]
    # run outside any checkout: `python -c` puts the working folder first on sys.path
    out = subprocess.run(
        args, env=env, cwd=into.parent, check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, float | str] = json.loads(out)
    return result


def differences(a: Path, b: Path) -> list[str]:
    """Files that are not the same bytes in the two folders (or in one only)."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], rel: str) -> None:
        found.extend(f"{rel}{name} (one side only)" for name in cmp.left_only + cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(f"{rel}{name}" for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{rel}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return found


def _command(args: argparse.Namespace) -> str:
    """The command, a folder's every subfolder written as ``folder/*``."""
    parts = [str(p) for p in args.parts]
    parents = {p.parent for p in args.parts}
    if len(parents) == 1:
        [parent] = parents
        if sorted(args.parts) == sorted(p for p in parent.iterdir() if p.is_dir()):
            parts = [f"{parent}/*"]
    options = [f"--runs {args.runs}"]
    options += [f"--compare {args.compare}"] if args.compare else []
    options += [f"--out {args.out}"] if args.out else []
    return " ".join(["python benchmarks/search_merge.py", *parts, *options])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("parts", type=Path, nargs="+")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--compare", type=Path, help="a folder holding another site_builder")
    p.add_argument("--out", type=Path, help="write search-merge-<date>.md here")
    args = p.parse_args(argv)
    parts = [bundle_of(path) for path in args.parts]
    impls = {"this checkout": REPO_ROOT}
    if args.compare:
        impls["reference"] = args.compare.resolve()
    times: dict[str, list[dict[str, float | str]]] = {name: [] for name in impls}
    work = Path(tempfile.mkdtemp(prefix="search-merge-"))
    try:
        for run in range(args.runs):
            for name, path in impls.items():
                into = work / f"{name.replace(' ', '-')}-{run}"
                times[name].append(run_once(path, parts, into))
                if run < args.runs - 1:
                    shutil.rmtree(into)
        same = None
        if args.compare:
            last = args.runs - 1
            same = differences(work / f"this-checkout-{last}", work / f"reference-{last}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    pages = sum(
        int(v["page_count"])
        for part in parts
        for v in json.loads((part / "pagefind-entry.json").read_text())["languages"].values()
    )
    lines = [
        f"{len(parts)} parts, {pages:,} pages; {args.runs} runs, alternating; median seconds",
        "",
        "| code | merge_bundles, s | with tighten + stabilize, s | CPU (all threads), s "
        "| each run (total), s |",
        "|---|---|---|---|---|",
    ]
    medians = {}
    for name, results in times.items():
        merge = statistics.median(float(r["merge"]) for r in results)
        total = statistics.median(float(r["total"]) for r in results)
        cpu = statistics.median(float(r["cpu"]) for r in results)
        medians[name] = (merge, total)
        each = ", ".join(f"{float(r['total']):.2f}" for r in results)
        lines.append(
            f"| {name} ({results[0]['module']}) | {merge:.2f} | {total:.2f} | {cpu:.2f} | {each} |"
        )
    if args.compare:
        (m1, t1), (m2, t2) = medians["this checkout"], medians["reference"]
        lines += [
            "",
            f"this checkout / reference: merge_bundles {m1 / m2:.2f}, with tighten and "
            f"stabilize {t1 / t2:.2f} ({t2 / t1:.1f}x faster)",
            "",
            "same bytes, every file: "
            + ("yes" if not same else f"NO, {len(same)} differ: {', '.join(same[:10])}"),
        ]
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        day = dt.date.today().isoformat()
        path = args.out / f"search-merge-{day}.md"
        path.write_text(
            f"# Putting the search index's parts together, {day}\n\n`{_command(args)}`\n\n"
            f"(at {time.strftime('%H:%M UTC', time.gmtime())})\n\n{text}\n",
            encoding="utf-8",
        )
    return 1 if args.compare and same else 0


if __name__ == "__main__":
    raise SystemExit(main())
