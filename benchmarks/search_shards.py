#!/usr/bin/env python3
"""What indexing in parts changes for readers: the same queries on two builds of one archive,
one Pagefind (`search_shard_words: 0`) against parts put together (the default), in Chromium
through Pagefind's JavaScript API.

    python benchmarks/search_shards.py ONE_PAGEFIND_SITE PARTS_SITE --content ARCHIVE/content

For each query: the number of results in each, how many of the first 10 are the same, in
the same order; then what the first query transfers on each site, as benchmarks/run.py
measures it. The index put together is meant to be the one Pagefind writes: every line
should say the same.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "tests"))

from benchmarks.run import first_query, most_mentioned_people  # noqa: E402

WORDS = [
    "funding", "grants", "court", "corruption", "election", "coalition", "ombudsman",
    "правозащитники", "гранты", "закон", "суд", "Kozhor", "Кожор", "Gisheburyan", "2019",
]  # fmt: skip
RANKING = {"metaWeights": {"title": 5, "names": 50}}  # as the site's search.js

_SEARCH = """async ([bundle, queries, ranking]) => {
    const pagefind = await import(bundle + 'pagefind.js');
    await pagefind.options({baseUrl: '/', ranking});
    const out = {};
    for (const q of queries) {
        const r = await pagefind.search(q);
        const top = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
        out[q] = {count: r.results.length, top: top.map(d => d.url)};
    }
    return out;
}"""


def results(browser: Any, base: str, queries: list[str]) -> dict[str, Any]:
    page = browser.new_page()
    try:
        page.goto(base)
        return page.evaluate(_SEARCH, [base + "pagefind/", queries, RANKING])
    finally:
        page.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("one", type=Path, help="a site built with search_shard_words: 0")
    parser.add_argument("parts", type=Path, help="the same archive built in parts")
    parser.add_argument("--content", type=Path, help="the archive's content/ (for names)")
    args = parser.parse_args(argv)
    from browser import chromium, serve

    queries = list(WORDS)
    if args.content:
        queries += most_mentioned_people(args.content, 5)
    with chromium() as browser, serve(args.one) as one, serve(args.parts) as many:
        a = results(browser, one, queries)
        b = results(browser, many, queries)
        print("| query | results: one Pagefind | parts | same first 10, in order |")
        print("| --- | --- | --- | --- |")
        same = 0
        for q in queries:
            x, y = a[q], b[q]
            same += x == y
            order = "yes" if x["top"] == y["top"] else "no"
            print(f"| {q} | {x['count']:,} | {y['count']:,} | {order} |")
        print(f"\nthe same results, in the same order: {same} of {len(queries)} queries\n")
        print("| first query | site | requests | gzipped KB | of it after typing, KB |")
        print("| --- | --- | --- | --- | --- |")
        for q in queries[-1:] + ["funding"]:
            for name, base in (("one Pagefind", one), ("parts", many)):
                r = first_query(browser, base, q)
                after = sum(
                    f["gzip_body_bytes"] + f["header_bytes"]
                    for f in r["files"]
                    if f["phase"] == "query"
                )
                print(
                    f"| {q} | {name} | {r['requests']} | {r['gzip_transfer_bytes'] / 1024:.0f} "
                    f"| {after / 1024:.0f} |"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
