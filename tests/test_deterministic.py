"""Two builds of one archive are the same site, byte for byte, Pagefind's bundle included.

Finding 10: Pagefind wrote each filter's values in a random order, so two builds of the same
archive differed in `pagefind/filter/*`, the `.pf_meta` naming them and `pagefind-entry.json`.
A reader's browser then re-downloads files that did not change, and a reviewer cannot tell
from a diff of two builds what a change did. `tools/compare_sites.py` compares two builds at
any size (`python tools/compare_sites.py site-a site-b`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sitebuild import build_site

from benchmarks.generate import generate
from tools.compare_sites import compare

ARTICLES = 40  # a quarter in Russian, every facet with several values: enough to disorder them


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same generated archive, written into two folders and built in each."""
    sites = []
    for name in ("a", "b"):
        root = tmp_path_factory.mktemp(f"archive-{name}")
        generate(root, ARTICLES, seed=3)
        sites.append(build_site(root))
    return sites[0], sites[1]


def test_two_builds_of_one_archive_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    a, b = two_builds
    result = compare(a, b)
    assert result.identical, "the builds differ:\n" + "\n".join(result.lines(show=10))
    assert result.same > 300  # pages, assets and the search bundle, all compared
    assert len(list((a / "pagefind" / "filter").glob("*.pf_filter"))) >= 6


def test_the_comparison_names_the_files_that_differ(
    two_builds: tuple[Path, Path], tmp_path: Path
) -> None:
    # the tool the test above relies on sees a difference where there is one
    a, b = two_builds
    c = tmp_path / "site"
    shutil.copytree(b, c)
    (c / "index.html").write_bytes((c / "index.html").read_bytes() + b" ")
    [meta] = (c / "pagefind").glob("pagefind.*.pf_meta")
    meta.rename(meta.with_name("pagefind.ru_0000000000.pf_meta"))
    result = compare(a, c)
    assert result.lines() == [
        "differs: index.html",
        f"only in A: pagefind/{meta.name}",
        "only in B: pagefind/pagefind.ru_0000000000.pf_meta",
    ]
