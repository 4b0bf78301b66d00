#!/usr/bin/env python3
"""From saving an article in a running `mkdocs serve` to the page showing the change.

    python benchmarks/serve_edit.py                      # N = 1,000, 10 edits
    python benchmarks/serve_edit.py --sizes 1000 10000 --edits 10

For each N, the synthetic archive (`benchmarks/generate.py`, seed 1, WORK/n<N>-seed<S>/, shared
with benchmarks/run.py) is served with `mkdocs serve` (its first build fills the build cache
for serve's configuration); then, one after the other, 10 different articles have their title
changed on disk while headless Chromium shows the article's page, and the page is watched
(every 0.2 s) until it has reloaded itself (MkDocs' live reload, through the plugin's script
file, mkdocs_plugin/live.py) with the new headline: the time from the save to that is one
figure. The log is then watched (every 0.1 s) until the rebuild has ended ("Reloading
browsers"): the time from the save to the whole site being up to date is the second figure.
Each save is made when the server is idle (the last build's search index written), as a
contributor's next save comes after reading the page; a save made during a rebuild waits for
it to end. Every save after the first build is an incremental build (README "mkdocs serve").
The titles are restored at the end. Results (median, each edit) go to OUT/serve-<date>.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import socket
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

from benchmarks.run import DEFAULT_OUT, DEFAULT_WORK, _browser_helpers, prepare_archive  # noqa: E402

TITLE = re.compile(r'^title: "(?P<title>.*)"$', re.M)
FIRST_BUILD_SECONDS = 1800  # a cold build of 10,000 articles on a loaded machine
EDIT_SECONDS = 600


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _articles(root: Path, count: int) -> list[Path]:
    """`count` articles spread over the archive, each with a quoted title."""
    paths = sorted((root / "content" / "articles").glob("*/*.md"))
    step = max(1, len(paths) // count)
    chosen = [p for p in paths[::step] if TITLE.search(p.read_text(encoding="utf-8"))]
    return chosen[:count]


def _headline(page: Any, url: str | None = None) -> str | None:
    """The page's headline, after loading `url` (None: as the page is now, or after it
    reloaded itself)."""
    try:
        if url is not None:
            page.goto(url, wait_until="domcontentloaded", timeout=10_000)
        return str(page.inner_text("h1.sb-title", timeout=2_000))
    except Exception:  # the server is rebuilding, the page is reloading or not written yet
        return None


def _count(log_path: Path, text: str) -> int:
    return log_path.read_text("utf-8", errors="replace").count(text)


# One line per build that ended, but the first's (MkDocs' "Documentation built in N seconds"
# is not said twice with the same N: its log drops a message it gave before)
REBUILT = "Reloading browsers"


def _idle(log_path: Path) -> bool:
    """Every build has ended, its search index too (README "mkdocs serve")."""
    said = log_path.read_text("utf-8", errors="replace")
    built = said.count(REBUILT) + 1 if "Documentation built in" in said else 0
    indexed = said.count("search: the index is up to date") + said.count("left to the next build")
    return built > 0 and indexed >= built


def measure(root: Path, edits: int) -> dict[str, Any]:
    port = _free_port()
    log_path = root / "serve-benchmark.log"
    paths = _articles(root, edits)
    originals = {p: p.read_text(encoding="utf-8") for p in paths}
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    browser_mod = _browser_helpers()
    results: list[dict[str, Any]] = []
    with log_path.open("w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root, stdout=log, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = browser_mod.launch_chromium(pw)
            page = browser.new_page()
            first = paths[0]
            url = f"http://127.0.0.1:{port}/{first.relative_to(root / 'content').with_suffix('')}/"
            started = time.monotonic()
            while _headline(page, url) is None:
                if time.monotonic() - started > FIRST_BUILD_SECONDS or proc.poll() is not None:
                    raise SystemExit(f"mkdocs serve did not serve {url}; see {log_path}")
                time.sleep(1)
            first_build = time.monotonic() - started
            for n, path in enumerate(paths, 1):
                rel = path.relative_to(root / "content").with_suffix("")
                url = f"http://127.0.0.1:{port}/{rel}/"
                text = originals[path]
                old = TITLE.search(text)
                assert old is not None
                new_title = f"{old['title']} (edit {n})"
                while _headline(page, url) is None:  # the page, open before the save
                    if time.monotonic() - started > FIRST_BUILD_SECONDS:
                        raise SystemExit(f"{url} never loaded; see {log_path}")
                    time.sleep(0.2)
                time.sleep(1)  # its live-reload script has asked the server for news
                waited = time.monotonic()
                while not _idle(log_path):
                    if time.monotonic() - waited > EDIT_SECONDS:
                        raise SystemExit(f"the server never became idle; see {log_path}")
                    time.sleep(0.2)
                builds = _count(log_path, REBUILT)
                saved = time.monotonic()
                path.write_text(text.replace(old[0], f'title: "{new_title}"', 1), "utf-8")
                while _headline(page) != new_title:  # reloaded by itself (live reload)
                    if time.monotonic() - saved > EDIT_SECONDS:
                        raise SystemExit(f"the edit of {path} never showed; see {log_path}")
                    time.sleep(0.2)
                seconds = time.monotonic() - saved
                while _count(log_path, REBUILT) <= builds:
                    if time.monotonic() - saved > EDIT_SECONDS:
                        raise SystemExit(f"the rebuild after {path} never ended; see {log_path}")
                    time.sleep(0.1)
                site_s = time.monotonic() - saved
                results.append(
                    {
                        "article": rel.as_posix(),
                        "seconds": round(seconds, 2),
                        "site_s": round(site_s, 2),
                    }
                )
                print(f"edit {n}: {seconds:.2f} s, site {site_s:.2f} s ({rel})", file=sys.stderr)
            browser.close()
    finally:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
        proc.terminate()
        proc.wait(timeout=60)
    said = log_path.read_text("utf-8")
    reused = re.findall(r"cache: (\d+) of (\d+) pages reused", said)
    left = re.findall(r"serve: (\d+) pages left as they were, (\d+) written", said)
    return {
        "article_pages_left_written": [f"{a}, {b}" for a, b in left],
        "first_build_s": round(first_build, 1),
        "edits": results,
        "median_s": round(statistics.median(r["seconds"] for r in results), 2),
        "median_site_s": round(statistics.median(r["site_s"] for r in results), 2),
        "shown_first": said.count(" shown first, in "),
        "pages_reused_per_build": [f"{a} of {b}" for a, b in reused],
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1000])
    p.add_argument("--edits", type=int, default=10)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--work", type=Path, default=DEFAULT_WORK)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = p.parse_args(argv)
    results: dict[str, Any] = {}
    for n in args.sizes:
        root, _ = prepare_archive(args.work, n, args.seed)
        results[str(n)] = measure(root, args.edits)
    lines = [
        "| N | first build in serve, s | save to page showing the change, median s "
        "| each edit, s | save to whole site rebuilt, median s | pages shown first |",
        "|---|---|---|---|---|---|",
    ]
    for n, r in results.items():
        each = ", ".join(f"{e['seconds']:.1f}" for e in r["edits"])
        lines.append(
            f"| {int(n):,} | {r['first_build_s']} | {r['median_s']} | {each} "
            f"| {r['median_site_s']} | {r['shown_first']} of {len(r['edits'])} |"
        )
    text = "\n".join(lines)
    print(text)
    args.out.mkdir(parents=True, exist_ok=True)
    stem = f"serve-{dt.date.today().isoformat()}"
    command = "python benchmarks/serve_edit.py " + " ".join(argv or sys.argv[1:])
    (args.out / f"{stem}.md").write_text(
        f"# Save to reloaded page in mkdocs serve, {dt.date.today().isoformat()}\n\n"
        f"`{command.strip()}`\n\n{text}\n",
        encoding="utf-8",
    )
    (args.out / f"{stem}.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
