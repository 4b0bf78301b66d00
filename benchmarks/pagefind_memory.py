#!/usr/bin/env python3
"""How much memory Pagefind needs, against how many words it indexes.

    python benchmarks/pagefind_memory.py [--sizes PAGESxWORDS ...]

Feeds synthetic pages (words drawn with Zipf frequencies from a fixed vocabulary) to Pagefind
through the same indexer the plugin uses, and reads the Pagefind process's peak resident
memory (VmHWM, Linux) once every page is indexed and again once the bundle is written. The
peak comes while Pagefind writes, and it grows with the words indexed, not with the pages:
twice the pages or twice the words a page give about twice the peak. That is what sets the
peak memory of a 10,000-article build (issue 7), and nothing the plugin sends can lower it
short of indexing fewer words at once: which is what the plugin does, in parts of
`search_shard_words` words each written by a Pagefind of its own and then put together
(site_builder/search/shards.py).
"""

from __future__ import annotations

import argparse
import os
import random
import string
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from site_builder.search.indexer import Indexer

DEFAULT_SIZES = ("1000x800", "2000x800", "4000x800", "2000x1600")


def _pagefind_peak_mb(parent_pid: int) -> int | None:
    """VmHWM of the Pagefind process started by this one, in MB."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            status = (proc / "status").read_text()
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if f"\nPPid:\t{parent_pid}\n" in status and b"pagefind" in cmdline:
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
    return None


def measure(pages: int, words: int, seed: int = 1) -> dict[str, float]:
    rng = random.Random(seed)
    vocabulary = [
        "".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 10))) for _ in range(50_000)
    ]
    cum, total = [], 0.0
    for rank in range(len(vocabulary)):
        total += 1 / (rank + 2)
        cum.append(total)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        with Indexer(Path(tmp)) as indexer:
            for n in range(pages):
                text = rng.choices(vocabulary, cum_weights=cum, k=words)
                paragraphs = "".join(
                    f"<p>{' '.join(text[i : i + 80])}</p>" for i in range(0, words, 80)
                )
                indexer.add_page(
                    f"/p{n}/",
                    f'<html lang="en"><body><div data-pagefind-body><h1>Page {n}</h1>'
                    f"{paragraphs}</div></body></html>",
                )
            for future in list(indexer._in_flight):  # every page indexed, nothing written yet
                future.result()
            indexed = _pagefind_peak_mb(os.getpid())
            indexer.write_soon()
            indexer._writer.result()  # the bundle written (not swapped in: a scratch folder)
            written = _pagefind_peak_mb(os.getpid())
        seconds = time.perf_counter() - started
    million = pages * words / 1e6
    return {
        "pages": pages,
        "words_per_page": words,
        "million_words": million,
        "peak_indexed_mb": indexed or 0,
        "peak_written_mb": written or 0,
        "mb_per_million_words": (written or 0) / million,
        "seconds": seconds,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=list(DEFAULT_SIZES), metavar="PAGESxWORDS")
    args = parser.parse_args(argv)
    if not Path("/proc/self/status").exists():
        print("needs Linux's /proc to read Pagefind's peak memory", file=sys.stderr)
        return 2
    print(
        "| pages | words a page | words | Pagefind peak: indexed | written | MB per million words |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for size in args.sizes:
        pages, words = (int(x) for x in size.lower().split("x"))
        r = measure(pages, words)
        print(
            f"| {pages:,} | {words:,} | {r['million_words']:.1f} M | {r['peak_indexed_mb']:,} MB "
            f"| {r['peak_written_mb']:,} MB | {r['mb_per_million_words']:.0f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
