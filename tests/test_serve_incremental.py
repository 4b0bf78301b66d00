"""`mkdocs serve` keeps what the last build made (mkdocs_plugin/live.py): after each kind of
edit a contributor makes, the served site folder is, byte for byte, what a cold `mkdocs build`
of the edited archive writes (with serve's `site_url`), search index included; and the
rebuild did leave the pages the edit did not touch.

One `mkdocs serve` runs for the whole module, on a generated archive, and the edits of
test_build_cache.py are applied one after the other.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sitebuild import build_site
from test_build_cache import EDITS, _articles, _front, _write
from test_serve import _get, serving

from benchmarks.generate import generate
from site_builder.mkdocs_plugin.live import SCRIPT
from tools.compare_sites import compare

ARTICLES = 30
PER_PAGE = 3
BUILT = "Building documentation..."
SEARCHED = "search: the index is up to date"
FAILED = "An error happened during the rebuild"
LEFT = "the index is left to the next build"


def _settled(log: Path, builds: int, timeout: float = 180, failed: int = 0) -> str:
    """The log once `builds` builds have begun and every build's index is written (but the
    `failed` builds'), and nothing more has happened for a second and a half."""
    end = time.monotonic() + timeout
    last, since = "", time.monotonic()
    while time.monotonic() < end:
        text = log.read_text()
        if text != last:
            last, since = text, time.monotonic()
        done = text.count(BUILT) >= builds
        ended = text.count(SEARCHED) + text.count(FAILED) + text.count(LEFT)
        done = done and text.count(BUILT) == ended
        if done and time.monotonic() - since > 1.5:
            return text
        if text.count(FAILED) > failed:
            raise AssertionError(text)
        time.sleep(0.2)
    raise AssertionError(f"serve did not settle:\n{log.read_text()}")


class Served:
    def __init__(self, root: Path, site: Path, log: Path, url: str) -> None:
        self.root, self.site, self.log, self.url = root, site, log, url


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("served")
    generate(root, ARTICLES, seed=3)
    # Short lists: every list (an entry's articles of one role, a month's, a year's, a
    # year's quotes) runs over several pages, each of which serve may leave or make again.
    yml = root / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    assert "\n  - site-builder\n" in text
    yml.write_text(
        text.replace("\n  - site-builder\n", f"\n  - site-builder:\n      per_page: {PER_PAGE}\n")
    )
    temp = root.parent / (root.name + "-tmp")
    temp.mkdir()
    log = root.parent / (root.name + "-serve.log")
    with serving(root, log, temp) as base:
        _settled(log, 1)
        [site] = temp.glob("mkdocs_*")
        yield Served(root, site, log, base)


def _cold(served: Served, to: Path) -> Path:
    """A cold build of the archive as it is now, with serve's site_url."""
    shutil.copytree(
        served.root, to, ignore=lambda d, names: [n for n in names if n in (".cache", "site")]
    )
    yml = to / "mkdocs.yml"
    text = re.sub(r"(?m)^site_url:.*\n", "", yml.read_text(encoding="utf-8"))
    yml.write_text(f"site_url: {served.url}\n" + text, encoding="utf-8")
    return build_site(to)


def test_after_each_kind_of_edit_the_served_site_is_the_cold_build(
    served: Served, tmp_path: Path
) -> None:
    builds = 1
    for n, (name, edit) in enumerate(EDITS.items()):
        before = served.log.read_text().count(BUILT)
        edit(served.root)
        text = _settled(served.log, before + 1)
        new = text.split(BUILT)[before + 1 :]  # what the edit's builds logged
        builds = text.count(BUILT)
        snapshot = tmp_path / f"served-{n}"
        shutil.copytree(served.site, snapshot, ignore=shutil.ignore_patterns("livereload.js"))
        cold = _cold(served, tmp_path / f"cold-{n}")
        result = compare(snapshot, cold)
        assert result.identical, f"{name}: served and cold differ:\n" + "\n".join(result.lines(10))
        assert result.same > 200
        said = "".join(new)
        left = [int(m) for m in re.findall(r"serve: (\d+) pages left", said)]
        assert left, f"{name}: not incremental:\n" + "".join(new)
        if not name.startswith("registry"):  # every body may link a name: all made again
            # the rest (an edited article is listed as related by several others) made again;
            # so are the pages of the entries the edited article lists, and only those
            assert max(left) > ARTICLES, f"{name}: {left}"
    assert builds > len(EDITS)
    assert (served.site / SCRIPT).is_file()  # live reload's script, in the served site only


def test_a_change_to_mkdocs_yml_is_a_full_rebuild(served: Served, tmp_path: Path) -> None:
    before = served.log.read_text().count(BUILT)
    yml = served.root / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "\ncopyright: Changed in serve\n")
    text = _settled(served.log, before + 1)
    # MkDocs' polling may see one save twice (the file emptied, then written): a second
    # build, with nothing to do, may follow the full rebuild
    since = "".join(text.split(BUILT)[before + 1 :])
    assert "serve: a full rebuild (mkdocs.yml, the theme" in since, text
    snapshot = tmp_path / "served"
    shutil.copytree(served.site, snapshot, ignore=shutil.ignore_patterns("livereload.js"))
    result = compare(snapshot, _cold(served, tmp_path / "cold"))
    assert result.identical, "\n".join(result.lines(10))
    assert "Changed in serve" in _get(served.url)


def test_after_a_save_the_check_refuses_the_next_build_is_incremental(
    served: Served, tmp_path: Path
) -> None:
    # While editing, an error is the usual failure: the build stops before it changes the
    # site folder, which still holds the last good build; fixing it is an incremental build.
    before = served.log.read_text().count(BUILT)
    failed = served.log.read_text().count(FAILED)
    path = _articles(served.root)[9]
    text = path.read_text(encoding="utf-8")
    front, body = _front(path)
    front["people"] = [*(front.get("people") or []), "Nobody In The Registry"]
    _write(path, front, body)
    said = _settled(served.log, before + 1, failed=failed + 1)
    assert said.count(FAILED) == failed + 1 and "Nobody In The Registry" in said
    path.write_text(text, encoding="utf-8")
    said = _settled(served.log, before + 2, failed=failed + 1)
    fixed = said.split(BUILT)[before + 2 :]  # the build after the fix (and any that follows)
    assert fixed and all("pages left as they were" in b for b in fixed), said
    assert not any("full rebuild" in b for b in fixed), said
    snapshot = tmp_path / "served"
    shutil.copytree(served.site, snapshot, ignore=shutil.ignore_patterns("livereload.js"))
    result = compare(snapshot, _cold(served, tmp_path / "cold"))
    assert result.identical, "\n".join(result.lines(10))


def test_an_entry_file_follows_a_translation_renamed_elsewhere(tmp_path: Path) -> None:
    # An entry's data files hold each of its articles' records, with the ids of their
    # translations as they resolve now: renaming the translation (with `former_ids`), an
    # article the entry does not list, changes them, and serve must make them again.
    from conftest import article, make_archive, md

    people = {"ivan-petrov": {"name": "Ivan Petrov"}}
    make_archive(
        tmp_path / "root",
        articles={
            "2025-06-a": article("Ivan Petrov spoke.", people=["Ivan Petrov"],
                                 translations={"ru": "2025-06-b"}),
            "2025-06-b": article("Иван Петров сказал.", language="ru", title="Б",
                                 translations={"en": "2025-06-a"}),
        },
        people=people,
    )  # fmt: skip
    root = tmp_path / "root"
    build_site(root)
    temp = tmp_path / "tmp"
    temp.mkdir()
    log = tmp_path / "serve.log"
    with serving(root, log, temp) as base:
        _settled(log, 1)
        [site] = temp.glob("mkdocs_*")
        served = Served(root, site, log, base)
        before = log.read_text().count(BUILT)
        old = root / "content" / "articles" / "2025" / "2025-06-b.md"
        front, body = _front(old)
        front["former_ids"] = ["2025-06-b"]
        (old.parent / "2025-06-b-renamed.md").write_text(md(front, body), encoding="utf-8")
        old.unlink()
        _settled(log, before + 1)
        records = (site / "people" / "ivan-petrov" / "articles.json").read_text(encoding="utf-8")
        assert "2025-06-b-renamed" in records
        snapshot = tmp_path / "served"
        shutil.copytree(site, snapshot, ignore=shutil.ignore_patterns("livereload.js"))
        result = compare(snapshot, _cold(served, tmp_path / "cold"))
        assert result.identical, "\n".join(result.lines(10))
