#!/usr/bin/env python3
"""What a search index in shards changes for readers: the same queries on two builds of one
archive, one index against shards, in Chromium through Pagefind's JavaScript API.

    python benchmarks/search_shards.py SINGLE_SITE SHARDED_SITE --content ARCHIVE/content

For each query: the number of results in each (Pagefind finds a page or not in the same way
whatever the shard: the counts should be equal), how many of the single index's first 10 are
among the sharded index's first 10, and whether the first result is the same (the ranking
differs: each shard scores with its own word frequencies and page lengths). Then what the
first query transfers on each site, as benchmarks/run.py measures it.
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
from site_builder.search.pagefind import shard_list  # noqa: E402

WORDS = [
    "funding", "grants", "court", "corruption", "election", "coalition", "ombudsman",
    "правозащитники", "гранты", "закон", "суд", "Kozhor", "Кожор", "Gisheburyan", "2019",
]  # fmt: skip
RANKING = {"metaWeights": {"title": 5, "names": 50}}  # as the site's search.js

_SEARCH = """async ([bundle, shards, queries, ranking]) => {
    const pagefind = await import(bundle + 'pagefind.js');
    const options = {baseUrl: '/', ranking};
    await pagefind.options(options);
    await Promise.all(shards.map(s => pagefind.mergeIndex(bundle + s, {...options})));
    const out = {};
    for (const q of queries) {
        const r = await pagefind.search(q);
        const top = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
        out[q] = {count: r.results.length, top: top.map(d => d.url)};
    }
    return out;
}"""


def results(browser: Any, base: str, site: Path, queries: list[str]) -> dict[str, Any]:
    page = browser.new_page()
    try:
        page.goto(base)
        shards = shard_list(site / "pagefind")
        return page.evaluate(_SEARCH, [base + "pagefind/", shards, queries, RANKING])
    finally:
        page.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("single", type=Path)
    parser.add_argument("sharded", type=Path)
    parser.add_argument("--content", type=Path, help="the archive's content/ (for names)")
    args = parser.parse_args(argv)
    from browser import chromium, serve

    queries = list(WORDS)
    if args.content:
        queries += most_mentioned_people(args.content, 5)
    with chromium() as browser, serve(args.single) as one, serve(args.sharded) as many:
        a = results(browser, one, args.single, queries)
        b = results(browser, many, args.sharded, queries)
        print(f"shards: {len(shard_list(args.sharded / 'pagefind')) + 1}\n")
        print("| query | results: one index | shards | same top 10 | same first |")
        print("| --- | --- | --- | --- | --- |")
        same_counts = same_first = overlap = 0
        for q in queries:
            x, y = a[q], b[q]
            common = len(set(x["top"]) & set(y["top"]))
            first = bool(x["top"]) and x["top"][:1] == y["top"][:1]
            same_counts += x["count"] == y["count"]
            same_first += first
            overlap += common
            print(
                f"| {q} | {x['count']:,} | {y['count']:,} | {common} of {len(x['top'])} "
                f"| {'yes' if first else 'no'} |"
            )
        n = len(queries)
        print(
            f"\nsame count {same_counts}/{n}; same first result {same_first}/{n}; "
            f"top-10 overlap {overlap / n:.1f} of 10 on average\n"
        )
        print("| first query | site | requests | gzipped KB | of it after typing, KB |")
        print("| --- | --- | --- | --- | --- |")
        for q in queries[-1:] + ["funding"]:
            for name, base in (("one index", one), ("shards", many)):
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
