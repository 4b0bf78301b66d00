#!/usr/bin/env python3
"""Build synthetic archives with our plugin and with bare MkDocs + Material; compare them.

    python benchmarks/run.py                 # N = 1,000 and 10,000, 3 runs each
    python benchmarks/run.py --quick         # N = 1,000 only (a few minutes on 2 cores)
    python benchmarks/run.py --sizes 50 --runs 1 --out /tmp/results --work /tmp/work

For each N, in one run:

1. the synthetic archive (`benchmarks/generate.py`, seed 1) in WORK/n<N>-seed<S>/, reused when
   the generator has not changed since it was written;
2. `site-builder check` on it, timed;
3. `mkdocs build` of our site and of the BASELINE, one after the other in each run: the same
   article Markdown (content/articles/**) built by bare MkDocs + Material with a sections-only
   nav and Material's own lunr search. Each build is a subprocess measured for wall time and
   peak memory (`/usr/bin/time`: the largest process; a /proc sampler: the sum over the process
   tree, mkdocs and the Pagefind binary together); the site is then measured on disk. Our site
   is also built without search (`search: false`, WORK/.../mkdocs-nosearch.yml): what search
   adds to a build is the difference, since Pagefind indexes while the pages are rendered;
4. the first search query in headless Chromium on our site: the home page is loaded, then a
   query (the most-mentioned person's name, typed as a reader would) goes into the search box,
   and every response made for it is summed, plus the Pagefind files the home page loaded only
   for search. The baseline's figure is the size of its search_index.json, which lunr
   downloads whole before the first query;
5. the search page with a broad query in its URL (--broad-query, "funding": more than half
   the articles): the elements in its DOM once the results and the facet counts are shown
   (Chromium, 1366 px and 390 px wide), then Lighthouse's mobile preset on the same URL
   (tools/audit.py: a mid-range phone on slow 4G, the site gzipped as GitHub Pages serves
   it): total blocking time and the performance score. Budgets: ≤ 1,500 elements, ≤ 300 ms,
   ≥ 90. Lighthouse needs Node.js (tools/audit installs it with `npm ci` on the first run);
   --no-lighthouse skips it.

Medians over the runs go into a Markdown table (ours, baseline, ours / baseline), printed and
written with every raw figure to OUT/<YYYY-MM-DD>.json and .md (OUT defaults to
benchmarks/results/; an existing file of that name is kept and a -2, -3... name used).
Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
if str(REPO_ROOT) not in sys.path:  # run as a script: benchmarks/ is on the path, not the repo
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.generate import MARKER, generate, write_mkdocs  # noqa: E402

DEFAULT_SIZES = (1000, 10000)
QUICK_SIZES = (1000,)
DEFAULT_RUNS = 3
DEFAULT_WORK = BENCH_DIR / "work"
DEFAULT_OUT = BENCH_DIR / "results"
STAMP = ".benchmark-stamp.json"
ENTITY_KINDS = ("people", "organizations", "outlets", "topics")
TIME = "/usr/bin/time"

# The baseline: the same articles, bare MkDocs + Material, Material's lunr search, a nav of
# sections only (the automatic nav makes the build quadratic: see DESIGN.md). The toc
# permalinks match our mkdocs.yml, so both render the same Markdown the same way.
BASELINE_MKDOCS = """\
site_name: "Baseline: bare MkDocs + Material ({n} articles, seed {seed})"
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  - search
nav:
  - Home: index.md
validation:
  nav:
    omitted_files: ignore
markdown_extensions:
  - toc:
      permalink: true
"""

# Where a reader types a query: our header box, Pagefind's Component UI, then other UIs.
SEARCH_INPUTS = (
    ".sb-search-input",
    ".pf-searchbox-input",
    "pagefind-searchbox input",
    "pagefind-input input",
    "input[type=search]",
    ".pagefind-ui__search-input",
    "#search-input",
    "[data-pagefind-ui] input",
)
SEARCH_RESULTS = (
    ".sb-search-hit",
    ".pf-searchbox-result",
    ".pf-result",
    ".pagefind-ui__result",
    "[role=listbox] [role=option]",
    "#search-results li",
)
# What GitHub Pages compresses on the fly (Pagefind's own index files come gzipped already).
COMPRESSIBLE = ("text/", "javascript", "json", "xml", "svg", "wasm")

SEARCH_LOG = re.compile(r"search: indexed ([\d,]+)\b.*?\b([\d.]+) s of it after the last page")
BUILT_LOG = re.compile(r"Documentation built in ([\d.]+) seconds")

_START = time.monotonic()


def progress(message: str) -> None:
    print(f"[run.py {time.monotonic() - _START:6.1f} s] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Commands


def _tool(name: str) -> list[str]:
    """The venv's console script beside this Python, else one on PATH."""
    here = Path(sys.executable).parent / name
    if here.is_file() and os.access(here, os.X_OK):
        return [str(here)]
    found = shutil.which(name)
    if found:
        return [found]
    raise SystemExit(f"run.py: `{name}` not found; install the project (pip install -e .)")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's end-of-life banner, printed on every build
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def _proc_tree_rss(root_pid: int) -> int:
    """Resident bytes of `root_pid` and all its descendants, read from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
            with open(f"/proc/{entry.name}/statm", "rb") as f:
                resident = int(f.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        fields = stat.rsplit(b")", 1)[1].split()
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = resident * page
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total


class _TreeSampler(threading.Thread):
    """Samples the summed RSS of a process tree until stopped; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            with contextlib.suppress(OSError):
                self.peak = max(self.peak, _proc_tree_rss(self.pid))
            self._stop_event.wait(self.interval)

    def stop(self) -> int:
        self._stop_event.set()
        self.join()
        return self.peak


# Runs one command and reports the largest ru_maxrss of its process tree: used where there is
# no /usr/bin/time. A fresh helper process, so earlier builds cannot raise the figure.
_MAXRSS_HELPER = """\
import resource, subprocess, sys
rc = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as f:
    f.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(rc)
"""


def measure(cmd: list[str], cwd: Path, log_path: Path) -> dict[str, Any]:
    """Run `cmd`; its output goes to `log_path`. Wall time, peak RSS, exit code."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    # Other work on the machine slows a build down: the 1-minute load average says how much.
    load_before = round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None
    with tempfile.NamedTemporaryFile("r", suffix=".rss", delete=False) as tmp:
        rss_file = Path(tmp.name)
    try:
        if os.access(TIME, os.X_OK):
            wrapped = [TIME, "-f", "%M", "-o", str(rss_file), *cmd]
            how = TIME
        else:
            wrapped = [sys.executable, "-c", _MAXRSS_HELPER, str(rss_file), *cmd]
            how = "getrusage(RUSAGE_CHILDREN) in a helper process"
        sampling = os.path.isdir("/proc/self")
        with open(log_path, "wb") as log:
            start = time.perf_counter()
            proc = subprocess.Popen(
                wrapped, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=_env()
            )
            sampler = _TreeSampler(proc.pid) if sampling else None
            if sampler:
                sampler.start()
            returncode = proc.wait()
            wall = time.perf_counter() - start
            tree_peak = sampler.stop() if sampler else None
        text = rss_file.read_text().strip().splitlines()
        max_kb = int(text[-1]) if text and text[-1].strip().isdigit() else None
    finally:
        rss_file.unlink(missing_ok=True)
    return {
        "returncode": returncode,
        "load_before": load_before,
        "wall_s": round(wall, 3),
        "peak_rss_mb": round(max_kb / 1024, 1) if max_kb else None,
        "peak_rss_how": how,
        "tree_peak_rss_mb": round(tree_peak / 1_048_576, 1) if tree_peak else None,
        "log": str(log_path),
    }


# --------------------------------------------------------------------------------------------
# The archives


def _generator_hash() -> str:
    """The generator and the repository's mkdocs.yml, which it copies: a change to either
    makes the archive be generated again."""
    digest = hashlib.sha256((BENCH_DIR / "generate.py").read_bytes())
    digest.update((REPO_ROOT / "mkdocs.yml").read_bytes())
    return digest.hexdigest()[:16]


def prepare_archive(work: Path, n: int, seed: int) -> tuple[Path, dict[str, Any]]:
    """WORK/n<N>-seed<S>/ holding the synthetic archive: reused, or (re)generated."""
    root = work / f"n{n}-seed{seed}"
    stamp_path = root / STAMP
    want = {"generator": _generator_hash(), "n": n, "seed": seed}
    stamp: dict[str, Any] = {}
    if stamp_path.is_file():
        with contextlib.suppress(ValueError):
            stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
    if all(stamp.get(k) == v for k, v in want.items()) and (root / "content").is_dir():
        progress(f"N={n}: reusing the archive in {root}")
        # Our mkdocs.yml follows the repository's, which may have changed since.
        write_mkdocs(root, f"Synthetic archive ({n} articles, seed {seed})")
        return root, {**stamp, "reused": True}
    root.mkdir(parents=True, exist_ok=True)
    progress(f"N={n}: generating the archive into {root}")
    start = time.perf_counter()
    last = [0.0]

    def tick(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] > 5 or done == total:
            last[0] = now
            progress(f"N={n}: generated {done}/{total} articles")

    counts = generate(root, n, seed, overwrite=(root / MARKER).is_file(), progress=tick)
    took = time.perf_counter() - start
    stamp = {**want, "counts": counts, "generate_s": round(took, 2)}
    _write_atomic(stamp_path, json.dumps(stamp, indent=2) + "\n")
    for old in ("site", "baseline"):  # built from the previous archive
        shutil.rmtree(root / old, ignore_errors=True)
    return root, {**stamp, "reused": False}


def prepare_baseline(root: Path, n: int, seed: int) -> Path:
    """ROOT/baseline/: docs/ holding a copy of the articles (and the home page), mkdocs.yml."""
    base = root / "baseline"
    docs = base / "docs"
    source = root / "content"
    stamp = (root / STAMP).read_text(encoding="utf-8")
    if (base / STAMP).is_file() and (base / STAMP).read_text(encoding="utf-8") == stamp:
        progress(f"N={n}: reusing the baseline's copy of the articles")
    else:
        progress(f"N={n}: copying the articles for the baseline")
        shutil.rmtree(docs, ignore_errors=True)
        shutil.copytree(source / "articles", docs / "articles")
        shutil.copy2(source / "index.md", docs / "index.md")
        _write_atomic(base / STAMP, stamp)
    (base / "mkdocs.yml").write_text(BASELINE_MKDOCS.format(n=n, seed=seed), encoding="utf-8")
    return base


def most_mentioned_people(content: Path, k: int) -> list[str]:
    """The names of the `k` people most articles list, most listed first."""
    names: dict[str, str] = {}
    for path in sorted((content / "people").glob("*.md")):
        m = re.search(r'(?m)^name:\s*"?(.+?)"?\s*$', path.read_text(encoding="utf-8"))
        if m:
            names[m.group(1)] = m.group(1)
    counts: Counter[str] = Counter()
    item = re.compile(r'^\s+-\s+"?(.+?)"?\s*$')
    for path in (content / "articles").glob("*/*.md"):
        text = path.read_text(encoding="utf-8")
        front = text.split("\n---", 1)[0]
        section = ""
        for line in front.splitlines():
            if line and not line[0].isspace():
                section = line.split(":", 1)[0]
            elif section in ("authors", "speakers", "people"):
                m = item.match(line)
                if m and m.group(1) in names:
                    counts[m.group(1)] += 1
    if counts:
        return [name for name, _ in counts.most_common(k)]
    return [next(iter(names), "report")]


# --------------------------------------------------------------------------------------------
# Measuring a built site


def _kb(n: float | None) -> float | None:
    return None if n is None else round(n / 1024, 1)


def _stats(sizes: list[int]) -> dict[str, Any]:
    if not sizes:
        return {"count": 0, "median_bytes": None, "max_bytes": None}
    return {
        "count": len(sizes),
        "median_bytes": int(statistics.median(sizes)),
        "max_bytes": max(sizes),
    }


def analyze_site(site: Path, content: Path) -> dict[str, Any]:
    """Pages, bytes and files of a built site; article and entity page sizes."""
    total = files = pages = 0
    todo = [site]
    while todo:
        for entry in os.scandir(todo.pop()):
            if entry.is_dir(follow_symlinks=False):
                todo.append(entry.path)
            elif entry.is_file(follow_symlinks=False):
                files += 1
                total += entry.stat(follow_symlinks=False).st_size
                pages += entry.name == "index.html"

    def page_sizes(sources: list[Path], under: str) -> tuple[list[int], str | None]:
        sizes, largest, biggest = [], None, -1
        for src in sources:
            rel = src.relative_to(content / under).with_suffix("")
            html = site / under / rel / "index.html"
            if html.is_file():
                size = html.stat().st_size
                sizes.append(size)
                if size > biggest:
                    biggest, largest = size, str(html.relative_to(site))
        return sizes, largest

    article_sizes, largest_article = page_sizes(
        sorted((content / "articles").glob("*/*.md")), "articles"
    )
    entity_sizes: list[int] = []
    per_kind: dict[str, Any] = {}
    largest_entity, biggest = None, -1
    for kind in ENTITY_KINDS:
        sizes, largest = page_sizes(sorted((content / kind).glob("*.md")), kind)
        per_kind[kind] = _stats(sizes)
        entity_sizes += sizes
        if sizes and max(sizes) > biggest:
            biggest, largest_entity = max(sizes), largest
    pagefind = site / "pagefind"
    lunr = site / "search" / "search_index.json"
    if pagefind.is_dir():
        bundle = [p for p in pagefind.rglob("*") if p.is_file()]
        search_index = {
            "kind": "pagefind",
            "bytes": sum(p.stat().st_size for p in bundle),
            "files": len(bundle),
        }
    elif lunr.is_file():
        data = lunr.read_bytes()
        search_index = {
            "kind": "lunr",
            "bytes": len(data),
            "files": 1,
            "gzip_bytes": len(gzip.compress(data, 6)),
        }
    else:
        search_index = {"kind": None, "bytes": None, "files": 0}
    return {
        "pages": pages,
        "site_bytes": total,
        "site_files": files,
        "articles": _stats(article_sizes),
        "largest_article": largest_article,
        "entities": _stats(entity_sizes),
        "entities_by_kind": per_kind,
        "largest_entity": largest_entity,
        "search_index": search_index,
    }


def parse_build_log(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8", errors="replace")
    found = SEARCH_LOG.search(text)
    built = BUILT_LOG.search(text)
    lines = text.splitlines()
    return {
        "search_pages": int(found.group(1).replace(",", "")) if found else None,
        "search_index_s": float(found.group(2)) if found else None,
        "mkdocs_reported_s": float(built.group(1)) if built else None,
        "warning_count": sum(line.startswith("WARNING") for line in lines),
        "warnings": [line for line in lines if line.startswith("WARNING")][:50],
        "errors": [line for line in lines if line.startswith(("ERROR", "Aborted", "Error"))],
    }


# Our site without search: what indexing adds is the difference between the two builds.
NOSEARCH_MKDOCS = """\
INHERIT: mkdocs.yml
plugins:
  - site-builder:
      search: false
"""
NOSEARCH_CONFIG = "mkdocs-nosearch.yml"


def build(
    kind: str,
    cwd: Path,
    site: Path,
    content: Path,
    n: int,
    logs: Path,
    run: int,
    config: str = "mkdocs.yml",
) -> dict:
    """One measured `mkdocs build` in `cwd` into `site`, then the site measured.

    Each build starts without a site folder, as a build in CI does: otherwise MkDocs would
    first delete the previous run's output (27,000 files at N = 10,000), and the figure
    would depend on what the run before left behind.
    """
    shutil.rmtree(site, ignore_errors=True)
    cmd = [*_tool("mkdocs"), "build", "--clean", "-f", config, "-d", str(site)]
    result = measure(cmd, cwd, logs / f"{kind}-run{run}.log")
    result.update(parse_build_log(Path(result["log"])))
    if result["returncode"] != 0:
        tail = Path(result["log"]).read_text(encoding="utf-8", errors="replace")[-3000:]
        progress(f"N={n}: {kind} build FAILED (exit {result['returncode']}):\n{tail}")
        return result
    result.update(analyze_site(site, content))
    result["ms_per_page"] = round(1000 * result["wall_s"] / result["pages"], 3)
    result["ms_per_article"] = round(1000 * result["wall_s"] / n, 3)
    return result


def check(root: Path, log: Path) -> dict[str, Any]:
    result = measure([*_tool("site-builder"), "check", str(root)], root, log)
    text = Path(result["log"]).read_text(encoding="utf-8", errors="replace").strip()
    result["summary"] = text.splitlines()[-1] if text else ""
    return result


# --------------------------------------------------------------------------------------------
# The first search query in Chromium


def _browser_helpers() -> Any:
    sys.path.insert(0, str(REPO_ROOT / "tests"))
    try:
        import browser  # tests/browser.py: serve(), chromium()
    finally:
        sys.path.remove(str(REPO_ROOT / "tests"))
    return browser


def _gzip_size(body: bytes, content_type: str) -> int:
    """The bytes GitHub Pages would send: compressible text gzipped, gzip files as they are."""
    if body[:2] == b"\x1f\x8b" or not any(t in content_type for t in COMPRESSIBLE):
        return len(body)
    return len(gzip.compress(body, 6))


def _wait_quiet(page: Any, pending: set, last: list[float], quiet: float, limit: float) -> None:
    """Wait until no request is in flight and none finished for `quiet` seconds."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        page.wait_for_timeout(100)
        if not pending and time.monotonic() - last[0] >= quiet:
            return


def first_query(browser: Any, base_url: str, query: str) -> dict[str, Any]:
    """Load the home page, type `query` into the search box; what the search transferred."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, service_workers="block", locale="en-US"
    )
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)
        phase = ["load"]
        done: list[tuple[str, Any]] = []
        failed: list[str] = []
        pending: set = set()
        last = [time.monotonic()]

        def started(request: Any) -> None:
            pending.add(request)

        def finished(request: Any) -> None:
            pending.discard(request)
            last[0] = time.monotonic()
            done.append((phase[0], request))

        def failure(request: Any) -> None:
            pending.discard(request)
            last[0] = time.monotonic()
            failed.append(f"{request.url} ({request.failure})")

        page.on("request", started)
        page.on("requestfinished", finished)
        page.on("requestfailed", failure)
        page.goto(base_url, wait_until="load")
        field = None
        for selector in SEARCH_INPUTS:
            with contextlib.suppress(Exception):
                page.wait_for_selector(selector, state="attached", timeout=3_000)
                field = selector
                break
        if field is None:  # a search box that shows itself on "/"
            page.keyboard.press("/")
            for selector in SEARCH_INPUTS:
                if page.locator(selector).count():
                    field = selector
                    break
        if field is None:
            return {"status": "n/a", "reason": "no search box on the home page"}
        _wait_quiet(page, pending, last, quiet=0.5, limit=15)

        phase[0] = "query"
        box = page.locator(field).first
        if box.is_visible():
            box.click()
        else:
            page.keyboard.press("/")
            box.focus()
        typed = time.perf_counter()
        page.keyboard.type(query, delay=80)  # a reader's pace: Pagefind searches as you type
        shown = None
        results = ", ".join(SEARCH_RESULTS)
        with contextlib.suppress(Exception):
            page.wait_for_selector(results, state="attached", timeout=20_000)
            shown = time.perf_counter() - typed
        _wait_quiet(page, pending, last, quiet=1.0, limit=30)
        count = page.locator(results).count()

        files = []
        for when, request in done:
            path = request.url.split("?", 1)[0]
            if when == "load" and "/pagefind/" not in path:
                continue  # the page itself; counted only what loads for search
            sizes = request.sizes()
            response = request.response()
            content_type = (response.headers.get("content-type", "") if response else "") or ""
            body_size = sizes["responseBodySize"]
            gz = body_size
            if response is not None:
                with contextlib.suppress(Exception):
                    body = response.body()
                    gz = _gzip_size(body, content_type)
                    # Chromium reports 0 for a worker's own script; our server never
                    # compresses, so the body's length is what went over the wire.
                    if not body_size and "content-encoding" not in response.headers:
                        body_size = len(body)
            files.append(
                {
                    "phase": when,
                    "url": path.removeprefix(base_url.rstrip("/")),
                    "body_bytes": body_size,
                    "header_bytes": sizes["responseHeadersSize"],
                    "gzip_body_bytes": gz,
                }
            )
        transfer = sum(f["body_bytes"] + f["header_bytes"] for f in files)
        on_load = sum(f["body_bytes"] + f["header_bytes"] for f in files if f["phase"] == "load")
        gzipped = sum(f["gzip_body_bytes"] + f["header_bytes"] for f in files)
        return {
            "status": "ok" if count else "no results",
            "query": query,
            "results_shown": count,
            "first_results_s": None if shown is None else round(shown, 2),
            "requests": len(files),
            "transfer_bytes": transfer,
            "on_load_bytes": on_load,
            "after_typing_bytes": transfer - on_load,
            "gzip_transfer_bytes": gzipped,
            "failed_requests": failed,
            "files": files,
        }
    finally:
        context.close()


def measure_search(
    site: Path, query: str, runs: int, others: list[str] | None = None
) -> dict[str, Any]:
    """The first query `runs` times, then each of `others` once, each in a fresh browser
    context (nothing cached)."""
    if not (site / "pagefind").is_dir():
        return {"status": "n/a", "reason": "the site has no pagefind/ bundle"}
    try:
        helpers = _browser_helpers()
        if not helpers.HAVE_CHROMIUM:
            return {"status": "n/a", "reason": helpers.NO_CHROMIUM}
        out = []
        with helpers.serve(site) as base_url, helpers.chromium() as browser:
            for run in range(1, runs + 1):
                progress(f"search run {run}/{runs}: typing {query!r} on the home page")
                out.append(first_query(browser, base_url, query))
                if out[-1]["status"] == "n/a":
                    break
                progress(
                    f"search run {run}/{runs}: {_kb(out[-1]['transfer_bytes'])} KB in "
                    f"{out[-1]['requests']} requests, {out[-1]['results_shown']} results"
                )
            more = []
            for other in others or []:
                if out[-1]["status"] == "n/a":
                    break
                result = first_query(browser, base_url, other)
                more.append({k: v for k, v in result.items() if k != "files"})
                progress(
                    f"search, other query {other!r}: "
                    f"{_kb(result.get('gzip_transfer_bytes'))} KB gzipped"
                )
        return {"status": out[-1]["status"], "runs": out, "others": more}
    except Exception as exc:  # a benchmark with no browser still reports the rest
        return {"status": "n/a", "reason": f"{type(exc).__name__}: {exc}"}


BROAD_QUERY = "funding"  # in 580 of the 1,000 generated articles
SEARCH_PAGE_READY = "#sb-search[data-sb-results][data-sb-counted]:not([aria-busy])"
SEARCH_PAGE_VIEWPORTS = {
    "desktop": {"width": 1366, "height": 900},
    "phone": {"width": 390, "height": 844},
}


def _audit_module() -> Any:
    sys.path.insert(0, str(REPO_ROOT / "tools"))
    try:
        import audit  # tools/audit.py: Lighthouse as the audit runs it
    finally:
        sys.path.remove(str(REPO_ROOT / "tools"))
    return audit


def measure_browsing(site: Path) -> dict[str, Any]:
    """The search page without a query (the archive's catalogue, newest first) on a phone:
    what it loads for search (the catalogue and its title files, or Pagefind's bundle),
    gzipped as GitHub Pages sends it, once the results and counts are shown."""
    helpers = _browser_helpers()
    with helpers.serve(site) as base_url, helpers.chromium() as browser:
        with helpers.open_page(browser, viewport=SEARCH_PAGE_VIEWPORTS["phone"]) as (page, _):
            responses: list[Any] = []
            page.on("response", lambda response: responses.append(response))
            started = time.perf_counter()
            page.goto(base_url + "search/")
            page.wait_for_selector(SEARCH_PAGE_READY, state="attached", timeout=120_000)
            shown = time.perf_counter() - started
            page.wait_for_timeout(500)  # anything still in flight
            search, total, pagefind = 0, 0, 0
            for response in responses:
                path = urllib.parse.urlsplit(response.url).path
                with contextlib.suppress(Exception):
                    body = response.body()
                    size = _gzip_size(body, response.headers.get("content-type", "") or "")
                    total += size
                    if path.startswith(("/search/catalogue", "/pagefind/")):
                        search += size
                        pagefind += path.startswith("/pagefind/")
            return {
                "status": "ok",
                "shown_s": round(shown, 2),
                "results": int(page.get_attribute("#sb-search", "data-sb-results") or 0),
                "search_gzip_bytes": search,
                "search_requests": sum(
                    1
                    for r in responses
                    if urllib.parse.urlsplit(r.url).path.startswith(
                        ("/search/catalogue", "/pagefind/")
                    )
                ),
                "pagefind_requests": pagefind,
                "page_gzip_bytes": total,
            }


def measure_search_page(site: Path, query: str, runs: int, lighthouse: bool) -> dict[str, Any]:
    """The search page with `query` in its URL: its DOM once everything is shown, at desktop
    and phone width; then Lighthouse's mobile preset `runs` times (medians)."""
    if not (site / "pagefind").is_dir():
        return {"status": "n/a", "reason": "the site has no pagefind/ bundle"}
    path = "search/?q=" + urllib.parse.quote(query)
    out: dict[str, Any] = {"status": "ok", "query": query, "path": path}
    try:
        helpers = _browser_helpers()
        if not helpers.HAVE_CHROMIUM:
            return {"status": "n/a", "reason": helpers.NO_CHROMIUM}
        with helpers.serve(site) as base_url, helpers.chromium() as browser:
            for label, viewport in SEARCH_PAGE_VIEWPORTS.items():
                with helpers.open_page(browser, viewport=viewport) as (page, errors):
                    started = time.perf_counter()
                    page.goto(base_url + path)
                    page.wait_for_selector(SEARCH_PAGE_READY, state="attached", timeout=60_000)
                    out[label] = {
                        "shown_s": round(time.perf_counter() - started, 2),
                        "dom_elements": page.evaluate("document.getElementsByTagName('*').length"),
                        "results": int(page.get_attribute("#sb-search", "data-sb-results") or 0),
                        "results_shown": page.locator("#sb-search .sb-hit").count(),
                        "page_height_px": page.evaluate("document.documentElement.scrollHeight"),
                        "errors": errors.all(),
                    }
                progress(
                    f"search page {label}: {out[label]['dom_elements']} elements, "
                    f"{out[label]['results_shown']} of {out[label]['results']} results shown"
                )
    except Exception as exc:  # a benchmark with no browser still reports the rest
        return {"status": "n/a", "reason": f"{type(exc).__name__}: {exc}"}
    out["dom_elements"] = max(out[label]["dom_elements"] for label in SEARCH_PAGE_VIEWPORTS)
    try:
        out["browse"] = measure_browsing(site)
        out["browse_gzip_bytes"] = out["browse"]["search_gzip_bytes"]
        progress(
            f"search page without a query: {_kb(out['browse_gzip_bytes'])} KB gzipped of "
            f"search data in {out['browse']['search_requests']} requests"
        )
    except Exception as exc:  # a benchmark with no browser still reports the rest
        out["browse"] = {"status": "n/a", "reason": f"{type(exc).__name__}: {exc}"}
    if not lighthouse:
        return out
    try:
        audit = _audit_module()
        tool, _checker = audit._install_tools()
        server, base_url = audit._serve(site)
        try:
            reports = []
            for run in range(1, runs + 1):
                progress(f"search page: Lighthouse (mobile) run {run}/{runs}")
                reports.append(audit.lighthouse(tool, base_url + path))
        finally:
            server.shutdown()
        out["lighthouse"] = reports
        out["tbt_ms"] = round(statistics.median(r["tbt_ms"] for r in reports))
        out["lcp_ms"] = round(statistics.median(r["lcp_ms"] for r in reports))
        out["performance"] = statistics.median(r["scores"]["performance"] for r in reports)
        out["accessibility"] = statistics.median(r["scores"]["accessibility"] for r in reports)
        progress(
            f"search page: Lighthouse performance {out['performance']}, total blocking time "
            f"{out['tbt_ms']} ms"
        )
    except (Exception, SystemExit) as exc:  # no Node.js, no network for npm ci, ...
        out["lighthouse_error"] = f"{type(exc).__name__}: {exc}"
    return out


# --------------------------------------------------------------------------------------------
# Medians, ratios and the table


def _fmt(digits: int, scale: float = 1.0) -> Callable[[Any], str]:
    def show(value: Any) -> str:
        return "n/a" if value is None else f"{value / scale:,.{digits}f}"

    return show


MB = 1_048_576
# (key, label, how to show it); a key is a path into the median figures (see summarize).
ROWS: list[tuple[str, str, Callable[[Any], str]]] = [
    ("pages", "Pages (index.html)", _fmt(0)),
    ("wall_s", "Build wall time, s (search included)", _fmt(1)),
    ("ms_per_page", "Build ms per page", _fmt(2)),
    ("ms_per_article", "Build ms per article", _fmt(2)),
    ("search_adds_s", "Search adds to the build, s (with − without, paired runs)", _fmt(1)),
    ("search_adds_pct", "Search adds to the build, % of the build without it", _fmt(0)),
    ("search_index_s", "Search: bundle written after the last page, s (plugin log)", _fmt(1)),
    ("peak_rss_mb", "Peak RSS, MB (largest single process)", _fmt(0)),
    ("tree_peak_rss_mb", "Peak RSS, MB (process tree sum, sampled)", _fmt(0)),
    ("site_bytes", "Site size, MB", _fmt(1, MB)),
    ("site_files", "Site files", _fmt(0)),
    ("articles.median_bytes", "Article page HTML, median KB", _fmt(1, 1024)),
    ("articles.max_bytes", "Article page HTML, max KB", _fmt(1, 1024)),
    ("entities.median_bytes", "Entity page HTML, median KB", _fmt(1, 1024)),
    ("entities.max_bytes", "Entity page HTML, max KB", _fmt(1, 1024)),
    ("search_index.bytes", "Search index on disk, MB", _fmt(1, MB)),
    ("search.transfer_bytes", "First search query, KB transferred", _fmt(0, 1024)),
    (
        "search.gzip_transfer_bytes",
        "First search query, KB gzipped (as Pages serves)",
        _fmt(0, 1024),
    ),
    (
        "search.sample_median_gzip_bytes",
        "First query, KB gzipped, median over the most-mentioned people",
        _fmt(0, 1024),
    ),
    (
        "search.sample_max_gzip_bytes",
        "First query, KB gzipped, largest over the most-mentioned people",
        _fmt(0, 1024),
    ),
    ("search_page.dom_elements", "Search page, broad query: DOM elements (≤ 1,500)", _fmt(0)),
    (
        "search_page.tbt_ms",
        "Search page, broad query: total blocking time, ms (Lighthouse mobile, ≤ 300)",
        _fmt(0),
    ),
    (
        "search_page.performance",
        "Search page, broad query: Lighthouse mobile performance (≥ 90)",
        _fmt(0),
    ),
    (
        "search_page.browse_gzip_bytes",
        "Search page without a query: search data loaded, KB gzipped",
        _fmt(0, 1024),
    ),
    ("check_s", "`site-builder check`, s", _fmt(2)),
    ("warning_count", "Warnings in the build log", _fmt(0)),
]


def _get(d: Any, key: str) -> Any:
    for part in key.split("."):
        if not isinstance(d, dict):
            return None
        d = d.get(part)
    return d


def _median(values: list[Any]) -> Any:
    nums = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    if not nums:
        return None
    m = statistics.median(nums)
    return int(m) if all(isinstance(v, int) for v in nums) and m == int(m) else round(m, 3)


def medians(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The median of every number the runs share, keeping the nesting."""
    ok = [r for r in runs if r.get("returncode", 0) == 0]
    if not ok:
        return {}
    out: dict[str, Any] = {}
    for key, value in ok[0].items():
        if isinstance(value, dict):
            out[key] = medians([r.get(key) or {} for r in ok])
        elif isinstance(value, int | float) and not isinstance(value, bool):
            out[key] = _median([r.get(key) for r in ok])
    return out


def _ratio(a: Any, b: Any) -> float | None:
    if not isinstance(a, int | float) or not isinstance(b, int | float) or not b:
        return None
    return round(a / b, 3)


def summarize(size: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Our and the baseline's median figures, flattened to the table's keys."""
    ours = dict(size["ours"]["median"])
    base = dict(size["baseline"]["median"])
    ours["check_s"] = size["check"]["median"].get("wall_s")
    # Paired by run (with search, then without, one after the other): the machine's load
    # drifts between runs more than between two builds in a row.
    without = (size.get("ours_nosearch") or {}).get("runs", [])
    pairs = [
        (a["wall_s"], b["wall_s"])
        for a, b in zip(size["ours"].get("runs", []), without, strict=False)
        if a.get("returncode") == 0 and b.get("returncode") == 0
    ]
    if pairs:
        ours["search_adds_s"] = round(_median([a - b for a, b in pairs]), 2)
        ours["search_adds_pct"] = round(_median([100 * (a - b) / b for a, b in pairs]), 1)
    search = size["search"]
    ours["search"] = search.get("median") if search.get("status") == "ok" else None
    page = size.get("search_page") or {}
    ours["search_page"] = page if page.get("status") == "ok" else None
    lunr = base.get("search_index") or {}
    base["search"] = {
        "transfer_bytes": lunr.get("bytes"),
        "gzip_transfer_bytes": lunr.get("gzip_bytes"),
    }
    return ours, base


def ratios(ours: dict[str, Any], base: dict[str, Any]) -> dict[str, float | None]:
    return {key: _ratio(_get(ours, key), _get(base, key)) for key, _, _ in ROWS}


def table(results: dict[str, Any]) -> str:
    sizes = list(results["sizes"])
    head = ["Measure"]
    for n in sizes:
        k = f"{int(n) // 1000}k" if int(n) >= 1000 and int(n) % 1000 == 0 else n
        head += [f"{k} ours", f"{k} baseline", f"{k} ratio"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    flat = {n: summarize(results["sizes"][n]) for n in sizes}
    for key, label, show in ROWS:
        row = [label]
        for n in sizes:
            ours, base = flat[n]
            r = _ratio(_get(ours, key), _get(base, key))
            row += [
                show(_get(ours, key)),
                show(_get(base, key)),
                "n/a" if r is None else f"{r:.2f}×",
            ]
        lines.append("| " + " | ".join(row) + " |")
    notes = [
        "",
        "Medians over the runs. Every build starts without a site folder, as in CI. "
        "Baseline: the same article Markdown, bare MkDocs + Material, "
        "sections-only nav, Material's lunr search; its search figures are the size of "
        "search/search_index.json, which lunr downloads whole before the first query (gzipped: "
        "as GitHub Pages would send it). Ours: the responses after typing the query into the "
        "search box in headless Chromium, plus the Pagefind files the home page loads for "
        "search; the local server does not compress, the gzipped figure compresses text "
        "responses as GitHub Pages does (Pagefind's index files are gzipped already). "
        "Peak RSS: the largest single process of the build (/usr/bin/time; for our site that "
        "can be the Pagefind binary), and the sum over the process tree (mkdocs and Pagefind "
        "together) sampled every 0.1 s, so a lower bound that can miss a short peak.",
    ]
    if len(sizes) > 1:
        first, last = sizes[0], sizes[-1]
        a = _get(flat[first][0], "articles.median_bytes")
        b = _get(flat[last][0], "articles.median_bytes")
        r = _ratio(b, a)
        notes.append(
            f"Our median article page at N={last} over N={first}: "
            + ("n/a" if r is None else f"{r:.3f}")
            + "."
        )
    nproc = results["machine"].get("nproc")
    for n in sizes:
        load = _get(results["sizes"][n], "ours.median.load_before")
        if load is not None:
            notes.append(f"N={n}: 1-minute load average before our builds {load} on {nproc} CPUs.")
        q = results["sizes"][n]["search"]
        if q.get("status") != "ok":
            notes.append(f"N={n}: our search n/a ({q.get('reason') or q.get('status')}).")
        else:
            notes.append(
                f"N={n}: query {q['runs'][0]['query']!r}, {q['median']['results_shown']} results "
                f"shown, {q['median']['requests']} requests."
            )
            page = results["sizes"][n].get("search_page") or {}
            if page.get("status") == "ok":
                shown = page.get("desktop", {})
                notes.append(
                    f"N={n}: search page {page['path']}: {shown.get('results_shown')} of "
                    f"{shown.get('results')} results shown, DOM elements desktop "
                    f"{shown.get('dom_elements')} / phone "
                    f"{page.get('phone', {}).get('dom_elements')}"
                    + (f"; Lighthouse: {page['lighthouse_error']}" if page.get("lighthouse_error")
                       else f", Lighthouse LCP {page.get('lcp_ms')} ms")
                    + "."
                )  # fmt: skip
            elif page:
                notes.append(f"N={n}: search page n/a ({page.get('reason')}).")
            if q.get("others"):
                each = ", ".join(
                    f"{r['query']} {_kb(r.get('gzip_transfer_bytes'))}" for r in q["others"]
                )
                notes.append(f"N={n}: the other queries, KB gzipped: {each}.")
    return "\n".join(lines + notes) + "\n"


# --------------------------------------------------------------------------------------------
# Machine and output


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _run_text(cmd: list[str], cwd: Path = REPO_ROOT) -> str | None:
    try:
        out = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def machine() -> dict[str, Any]:
    cpu = None
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        line = Path("/proc/meminfo").read_text().splitlines()[0]
        mem = round(int(line.split()[1]) / 1_048_576, 1)
    status = _run_text(["git", "status", "--porcelain", "--untracked-files=no"])
    return {
        "nproc": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu": cpu,
        "memory_gb": mem,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": _version("mkdocs"),
        "mkdocs-material": _version("mkdocs-material"),
        "pagefind": _version("pagefind"),
        "site-builder": _version("site-builder"),
        "playwright": _version("playwright"),
        "chromium": _run_text(["/usr/bin/chromium", "--version"]),
        "git_commit": _run_text(["git", "rev-parse", "HEAD"]),
        "git_dirty": None if status is None else bool(status),
    }


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; results are for sharing
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _free_name(out: Path, stem: str) -> str:
    """`stem`, or stem-2, stem-3...: the first for which neither .json nor .md exists."""
    name, k = stem, 2
    while (out / f"{name}.json").exists() or (out / f"{name}.md").exists():
        name, k = f"{stem}-{k}", k + 1
    return name


# --------------------------------------------------------------------------------------------


def bench_size(n: int, args: argparse.Namespace) -> dict[str, Any]:
    root, archive_info = prepare_archive(args.work, n, args.seed)
    base = prepare_baseline(root, n, args.seed)
    logs = root / "logs"
    content = root / "content"
    top = most_mentioned_people(content, max(1, args.queries))
    query = args.query or top[0]
    others = [name for name in top if name != query][: max(0, args.queries - 1)]

    checks = []
    for run in range(1, args.runs + 1):
        progress(f"N={n} run {run}/{args.runs}: site-builder check")
        checks.append(check(root, logs / f"check-run{run}.log"))
        progress(f"N={n} run {run}/{args.runs}: check {checks[-1]['wall_s']:.2f} s")

    (root / NOSEARCH_CONFIG).write_text(NOSEARCH_MKDOCS, encoding="utf-8")
    ours_runs, nosearch_runs, base_runs = [], [], []
    for run in range(1, args.runs + 1):
        progress(f"N={n} run {run}/{args.runs}: mkdocs build, our site")
        ours_runs.append(build("ours", root, root / "site", content, n, logs, run))
        _report_build(n, run, args.runs, "ours", ours_runs[-1])
        progress(f"N={n} run {run}/{args.runs}: mkdocs build, our site without search")
        nosearch_runs.append(
            build(
                "ours-nosearch",
                root,
                root / "site-nosearch",
                content,
                n,
                logs,
                run,
                config=NOSEARCH_CONFIG,
            )
        )
        _report_build(n, run, args.runs, "ours without search", nosearch_runs[-1])
        progress(f"N={n} run {run}/{args.runs}: mkdocs build, baseline")
        base_runs.append(build("baseline", base, base / "site", base / "docs", n, logs, run))
        _report_build(n, run, args.runs, "baseline", base_runs[-1])

    if args.no_browser:
        search: dict[str, Any] = {"status": "n/a", "reason": "--no-browser"}
    elif ours_runs[-1]["returncode"] != 0:
        search = {"status": "n/a", "reason": "our build failed"}
    else:
        progress(f"N={n}: first search query in Chromium")
        search = measure_search(root / "site", query, args.runs, others)
    if search.get("runs"):
        search["median"] = medians([r for r in search["runs"] if r.get("status") == "ok"])
        sample = [search["median"].get("gzip_transfer_bytes")] + [
            r.get("gzip_transfer_bytes") for r in search.get("others", [])
        ]
        sample = [v for v in sample if isinstance(v, int | float)]
        if search["median"] and len(sample) > 1:
            search["median"]["sample_queries"] = len(sample)
            search["median"]["sample_median_gzip_bytes"] = _median(sample)
            search["median"]["sample_max_gzip_bytes"] = max(sample)
        if not search["median"]:
            search["status"] = search["runs"][-1].get("status", "n/a")
            search["reason"] = "no results shown for the query"

    if args.no_browser:
        search_page: dict[str, Any] = {"status": "n/a", "reason": "--no-browser"}
    elif ours_runs[-1]["returncode"] != 0:
        search_page = {"status": "n/a", "reason": "our build failed"}
    else:
        progress(f"N={n}: the search page with {args.broad_query!r}")
        search_page = measure_search_page(
            root / "site", args.broad_query, args.runs, not args.no_lighthouse
        )

    size = {
        "n": n,
        "archive": {"path": str(root), **archive_info},
        "check": {"runs": checks, "median": medians(checks)},
        "ours": {"runs": ours_runs, "median": medians(ours_runs)},
        "ours_nosearch": {"runs": nosearch_runs, "median": medians(nosearch_runs)},
        "baseline": {"runs": base_runs, "median": medians(base_runs)},
        "search": search,
        "search_page": search_page,
    }
    ours, base_fig = summarize(size)
    size["ratios"] = ratios(ours, base_fig)
    return size


def _report_build(n: int, run: int, runs: int, kind: str, r: dict[str, Any]) -> None:
    if r["returncode"] != 0:
        return
    idx = "" if r.get("search_index_s") is None else f", search {r['search_index_s']} s"
    progress(
        f"N={n} run {run}/{runs}: {kind} {r['wall_s']:.1f} s, {r['pages']} pages, "
        f"{r['ms_per_page']:.2f} ms/page, peak {r['peak_rss_mb']} MB{idx}"
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description="Benchmark our site against bare MkDocs + Material on synthetic archives."
    )
    p.add_argument("--quick", action="store_true", help="N = 1,000 only")
    p.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        metavar="N",
        help="archive sizes in articles (default 1000 10000; --quick: 1000)",
    )
    p.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="runs per size (3)")
    p.add_argument("--seed", type=int, default=1, help="the generator's seed (1)")
    p.add_argument(
        "--work", type=Path, default=DEFAULT_WORK, help="where archives and sites are built"
    )
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where results are written")
    p.add_argument("--query", help="the search query (default: the most-mentioned person)")
    p.add_argument(
        "--queries",
        type=int,
        default=10,
        help="also time the first query for the next most-mentioned people, up to this many "
        "queries in all (10)",
    )
    p.add_argument("--no-browser", action="store_true", help="skip the search measurement")
    p.add_argument(
        "--broad-query",
        default=BROAD_QUERY,
        help=f"the query in the search page's URL ({BROAD_QUERY!r}: most articles match)",
    )
    p.add_argument(
        "--no-lighthouse", action="store_true", help="measure the search page without Lighthouse"
    )
    args = p.parse_args(argv)
    sizes = args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)
    if args.runs < 1 or any(n < 1 for n in sizes):
        p.error("--runs and --sizes must be positive")
    args.work = args.work.resolve()

    started = dt.datetime.now().astimezone()
    results: dict[str, Any] = {
        "date": started.date().isoformat(),
        "started": started.isoformat(timespec="seconds"),
        "command": " ".join(["python", "benchmarks/run.py", *(argv or sys.argv[1:])]),
        "config": {"sizes": list(sizes), "runs": args.runs, "seed": args.seed},
        "machine": machine(),
        "sizes": {},
    }
    for n in sizes:
        results["sizes"][str(n)] = bench_size(n, args)
    results["seconds"] = round(time.monotonic() - _START, 1)
    md = table(results)
    results["table"] = md

    failed = [
        f"N={n} {kind} run {i}"
        for n, size in results["sizes"].items()
        for kind in ("ours", "baseline")
        for i, r in enumerate(size[kind]["runs"], 1)
        if r["returncode"] != 0
    ]
    name = _free_name(args.out, results["date"])
    title = f"# Benchmark {results['date']}\n\n`{results['command']}`\n\n"
    _write_atomic(args.out / f"{name}.json", json.dumps(results, indent=2) + "\n")
    _write_atomic(args.out / f"{name}.md", title + md)
    print(md)
    progress(f"wrote {args.out / (name + '.json')} and {name}.md")
    if failed:
        progress("FAILED: " + ", ".join(failed) + " (see the logs under the work folder)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
