"""benchmarks/run.py end to end on a 50-article archive: it runs and reports (no timing asserts)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_run_on_50_articles(tmp_path: Path) -> None:
    out, work = tmp_path / "results", tmp_path / "work"
    cmd = [sys.executable, str(REPO / "benchmarks" / "run.py"), "--sizes", "50", "--runs", "1"]
    cmd += ["--queries", "3"]
    proc = subprocess.run(
        [*cmd, "--out", str(out), "--work", str(work)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert "N=50 run 1/1: mkdocs build, baseline" in proc.stderr  # progress on stderr

    [result_json] = out.glob("*.json")
    [result_md] = out.glob("*.md")
    assert result_json.stem == result_md.stem
    data = json.loads(result_json.read_text(encoding="utf-8"))
    assert {"date", "command", "config", "machine", "sizes", "table"} <= data.keys()
    machine = data["machine"]
    assert machine["nproc"] >= 1 and machine["python"] and machine["mkdocs"]
    assert machine["mkdocs-material"]

    size = data["sizes"]["50"]
    assert {"archive", "check", "ours", "baseline", "search", "ratios"} <= size.keys()
    assert size["check"]["median"]["wall_s"] > 0
    for kind in ("ours", "baseline"):
        [run] = size[kind]["runs"]
        assert run["returncode"] == 0
        median = size[kind]["median"]
        assert median["wall_s"] > 0 and median["ms_per_page"] > 0
        assert median["peak_rss_mb"] > 0
        assert median["site_bytes"] > 0 and median["site_files"] > 0
        assert median["articles"]["count"] == 50
        assert 0 < median["articles"]["median_bytes"] <= median["articles"]["max_bytes"]
        assert median["search_index"]["bytes"] > 0
    # The baseline has the home page and the articles; ours adds entity and index pages.
    assert size["baseline"]["median"]["pages"] == 51
    assert size["ours"]["median"]["pages"] > 51
    assert size["ours"]["median"]["entities"]["count"] > 0
    assert size["ours"]["median"]["entities"]["median_bytes"] > 0
    assert size["baseline"]["median"]["entities"]["count"] == 0
    assert size["ratios"]["ms_per_page"] > 0

    # Our site built again without search: what search adds is the difference.
    [nosearch] = size["ours_nosearch"]["runs"]
    assert nosearch["returncode"] == 0
    assert not (work / "n50-seed1" / "site-nosearch" / "pagefind").exists()

    search = size["search"]
    if search["status"] == "ok":
        assert search["median"]["transfer_bytes"] > 0
        assert search["median"]["results_shown"] > 0
        # the next most-mentioned people, each a first query in a fresh browser context
        assert [r["query"] for r in search["others"]] and len(search["others"]) <= 2
        assert search["median"]["sample_queries"] == 1 + len(search["others"])
    else:  # no Chromium, or no search in the site: said so, and the rest still reported
        assert search["status"] == "n/a" and search["reason"]

    table = result_md.read_text(encoding="utf-8")
    assert "| Measure | 50 ours | 50 baseline | 50 ratio |" in table
    assert "Search adds to the build" in table
    assert table.split("\n\n", 2)[2] in proc.stdout  # the same table, printed


def test_pagefind_memory_runs_on_a_few_small_pages() -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "pagefind_memory.py"), "--sizes", "20x50"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    row = proc.stdout.strip().splitlines()[-1].split("|")
    assert row[1].strip() == "20" and row[2].strip() == "50"
    assert int(row[5].strip().removesuffix(" MB").replace(",", "")) > 0  # a peak was read
