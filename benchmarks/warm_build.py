#!/usr/bin/env python3
"""A warm `mkdocs build` after adding one article, against the cold build of the same archive.

    python benchmarks/warm_build.py                       # N = 1,000 and 10,000, 2 runs each
    python benchmarks/warm_build.py --sizes 1000 --runs 3 --verify

For each N, the synthetic archive (`benchmarks/generate.py`, seed 1, in WORK/n<N>-seed<S>/,
shared with benchmarks/run.py), then in each run, paired:

1. cold: `.cache/site-builder/` and `site/` removed, `mkdocs build` timed: it fills the cache;
2. one article added (a new file under content/articles/, naming a person and an outlet of
   the registry), `site/` removed (as in CI, where the cache is restored into a fresh
   checkout), `mkdocs build` timed: the warm build;
3. with --verify, the edited archive built cold into another folder and compared with the
   warm site, file by file (tools/compare_sites.py): they must be the same, byte for byte;
4. the article removed again.

The ratio warm / cold is taken per run, and the median over runs reported (the machine's load
moves both builds of a run alike). Each timed build starts once what the builds before it
wrote is on disk (`os.sync`): a build writes 1 to 2 GB at 10,000 articles (the site, the
cache), and without it a build shares the disk with the kernel flushing the one before it,
seconds earlier; a contributor's builds are minutes apart. Results go to
OUT/warm-<YYYY-MM-DD>.md and .json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
if str(REPO_ROOT) not in sys.path:  # run as a script: benchmarks/ is on the path, not the repo
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.run import DEFAULT_OUT, DEFAULT_WORK, prepare_archive  # noqa: E402
from tools.compare_sites import compare  # noqa: E402

NEW_ID = "2020-05-04-warm-build-benchmark-article"
REUSED = re.compile(r"cache: (\d+) of (\d+) pages reused")


def _first(folder: Path) -> tuple[str, str]:
    """The `name:` of the first entry of a registry folder, and its file's stem."""
    path = sorted(folder.glob("*.md"))[0]
    m = re.search(r'^name: "?(.*?)"?$', path.read_text(encoding="utf-8"), re.M)
    assert m, path
    return m[1], path.stem


def add_article(root: Path) -> Path:
    """Write one new article into the archive at `root`; returns its path."""
    content = root / "content"
    person, _ = _first(content / "people")
    outlet, _ = _first(content / "outlets")
    path = content / "articles" / "2020" / f"{NEW_ID}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "---\n"
        'title: "A new article, added to measure a warm build"\n'
        f'outlet: "{outlet}"\n'
        'date: "2020-05-04"\n'
        f'url: "https://example.org/benchmark/{NEW_ID}"\n'
        "language: en\n"
        f'people:\n  - "{person}"\n'
        "---\n\n"
        f"{person} spoke about the benchmark on Monday.\n\n"
        "A second paragraph, so that the article has a body of its own.\n",
        encoding="utf-8",
    )
    return path


def timed_build(root: Path, log: Path) -> dict[str, Any]:
    """`mkdocs build` in `root`, timed; the cache's summary from its log."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    os.sync()  # what earlier builds wrote reaches the disk before, not during, this one
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build"], cwd=root, stdout=out, stderr=out, env=env
        )
    seconds = time.monotonic() - started
    text = log.read_text(encoding="utf-8")
    if done.returncode:
        raise SystemExit(f"mkdocs build failed in {root}; see {log}")
    m = REUSED.search(text)
    return {
        "seconds": round(seconds, 2),
        "reused": int(m[1]) if m else None,
        "pages": int(m[2]) if m else None,
        "search_reused": "search: reused" in text,
    }


def run_once(root: Path, logs: Path, run: int, verify: bool) -> dict[str, Any]:
    shutil.rmtree(root / ".cache", ignore_errors=True)
    shutil.rmtree(root / "site", ignore_errors=True)
    cold = timed_build(root, logs / f"cold-{run}.log")
    added = add_article(root)
    try:
        shutil.rmtree(root / "site")
        warm = timed_build(root, logs / f"warm-{run}.log")
        result: dict[str, Any] = {"cold": cold, "warm": warm}
        result["ratio"] = round(warm["seconds"] / cold["seconds"], 3)
        if verify:
            other = root.with_name(root.name + "-verify")
            shutil.rmtree(other, ignore_errors=True)
            shutil.copytree(root, other, ignore=shutil.ignore_patterns(".cache", "site"))
            timed_build(other, logs / f"verify-{run}.log")
            same = compare(root / "site", other / "site")
            result["identical"] = same.identical
            if not same.identical:
                result["differences"] = same.lines(show=10)
            shutil.rmtree(other, ignore_errors=True)
    finally:
        added.unlink()
    return result


def table(results: dict[str, Any]) -> str:
    lines = [
        "| N | cold build, s | warm build after adding one article, s | warm / cold "
        "(median of paired runs) | pages reused | same as a cold build |",
        "|---|---|---|---|---|---|",
    ]
    for n, runs in results.items():
        cold = statistics.median(r["cold"]["seconds"] for r in runs)
        warm = statistics.median(r["warm"]["seconds"] for r in runs)
        ratio = statistics.median(r["ratio"] for r in runs)
        reused = runs[0]["warm"]
        same = [r.get("identical") for r in runs]
        verdict = "not checked" if None in same else ("yes" if all(same) else "NO")
        lines.append(
            f"| {int(n):,} | {cold:.1f} | {warm:.1f} | {ratio:.0%} | "
            f"{reused['reused']:,} of {reused['pages']:,} | {verdict} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    p.add_argument("--runs", type=int, default=2, help="paired runs per size (2)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--work", type=Path, default=DEFAULT_WORK)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    p.add_argument("--verify", action="store_true", help="also diff the warm site with a cold")
    args = p.parse_args(argv)
    results: dict[str, Any] = {}
    for n in args.sizes:
        root, _ = prepare_archive(args.work, n, args.seed)
        logs = args.work / f"warm-logs-n{n}"
        logs.mkdir(parents=True, exist_ok=True)
        results[str(n)] = []
        for run in range(1, args.runs + 1):
            r = run_once(root, logs, run, args.verify)
            print(f"N={n} run {run}: {json.dumps(r)}", file=sys.stderr)
            results[str(n)].append(r)
    text = table(results)
    print(text)
    args.out.mkdir(parents=True, exist_ok=True)
    stem = f"warm-{dt.date.today().isoformat()}"
    command = "python benchmarks/warm_build.py " + " ".join(argv or sys.argv[1:])
    (args.out / f"{stem}.md").write_text(
        f"# Warm build after adding one article, {dt.date.today().isoformat()}\n\n"
        f"`{command.strip()}`\n\n{text}\n",
        encoding="utf-8",
    )
    (args.out / f"{stem}.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
