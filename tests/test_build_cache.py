"""A warm build (one that reuses `.cache/site-builder/`) writes the cold build's site, byte for
byte, after every kind of edit a contributor makes; and a cache made by another version, or
turned off, is not used.

The harness: a generated archive is built cold (A), which fills the cache; an edit is applied;
the archive is built again with that cache into a fresh site folder (B, warm, as CI does it
after restoring the cache); a copy of the edited archive without the cache is built cold (C).
B and C must hold the same files with the same bytes (`tools/compare_sites.py`), and B must
have reused pages (or the test would prove nothing).
"""

from __future__ import annotations

import gc
import json
import logging
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import article, md
from mkdocs.exceptions import Abort, PluginError
from sitebuild import build_site

from benchmarks.generate import generate
from site_builder.data import opendata
from site_builder.data.entries import Download
from site_builder.mkdocs_plugin import build_cache, stored_made
from site_builder.site.entities import QUOTES_SHOWN
from tools.compare_sites import compare

ARTICLES = 30  # a quarter in Russian, quotes, every facet with several values
CACHE = Path(".cache") / "site-builder"
Edit = Callable[[Path], None]


def _articles(root: Path) -> list[Path]:
    return sorted((root / "content" / "articles").glob("*/*.md"))


def _front(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def _write(path: Path, front: dict, body: str) -> None:
    path.write_text(md(front, body.lstrip("\n")), encoding="utf-8")


def edit_body(root: Path) -> None:
    path = _articles(root)[3]
    path.write_text(path.read_text(encoding="utf-8") + "\nA paragraph added at the end.\n")


def edit_title(root: Path) -> None:
    path = _articles(root)[5]
    front, body = _front(path)
    front["title"] = "A headline changed by its curator"
    _write(path, front, body)


def edit_date(root: Path) -> None:
    path = _articles(root)[7]
    front, body = _front(path)
    year = str(front["date"])[:4]
    front["date"] = f"{year}-12-31" if not str(front["date"]).endswith("12-31") else f"{year}-01-01"
    _write(path, front, body)


def edit_year(root: Path) -> None:
    # A quoted article moved to a year before any other: the lists of the years around it
    # (articles and quotes) gain a neighbour.
    years = [str(_front(p)[0]["date"])[:4] for p in _articles(root)]
    path = [p for p in _articles(root) if _front(p)[0].get("quotes")][-1]  # the latest
    front, body = _front(path)
    front["date"] = f"{int(min(years)) - 3}-03-04"
    _write(path, front, body)


def edit_people(root: Path) -> None:
    # another article's person, added to this one's people (and one of its own dropped)
    paths = _articles(root)
    path = paths[2]
    front, body = _front(path)
    others = [p for q in paths for p in _front(q)[0].get("people") or []]
    new = next(p for p in others if p not in (front.get("people") or []))
    front["people"] = [*(front.get("people") or [])[1:], new]
    _write(path, front, body)


def edit_alias(root: Path) -> None:
    # A new alias spelled by the first words of the body of an article that lists the person:
    # that article's body now links them there (the registry feeds every body's links).
    people = {_front(p)[0]["name"]: p for p in (root / "content" / "people").glob("*.md")}
    for path in _articles(root):
        front, body = _front(path)
        listed = [n for n in front.get("people") or [] if n in people]
        words = body.split()[:2]
        if listed and len(words) == 2 and all(w.isalpha() for w in words):
            break
    entry = people[listed[0]]
    front, body = _front(entry)
    front["aliases"] = [*(front.get("aliases") or []), " ".join(words)]
    _write(entry, front, body)


def edit_name(root: Path) -> None:
    # A person's name changed in the registry, the old one kept as an alias (the articles
    # still name them by it): the pages of those who appear with them say the new name, though
    # no article that lists those others changed.
    listed = [set(_front(p)[0].get("people") or []) for p in _articles(root)]
    name = next(n for names in listed if len(names) > 1 for n in sorted(names))
    entry = next(
        p for p in (root / "content" / "people").glob("*.md") if _front(p)[0]["name"] == name
    )
    front, body = _front(entry)
    front["aliases"] = [*(front.get("aliases") or []), name]
    front["name"] = name + " Jr"
    _write(entry, front, body)


def add_article(root: Path) -> None:
    people = sorted((root / "content" / "people").glob("*.md"))
    name = _front(people[1])[0]["name"]
    outlet = _front(sorted((root / "content" / "outlets").glob("*.md"))[0])[0]["name"]
    folder = root / "content" / "articles" / "2020"
    folder.mkdir(parents=True, exist_ok=True)
    text = article(
        f"{name} spoke about the new budget.\n\nA second paragraph.",
        title="A new article", outlet=outlet, date="2020-05-04", people=[name],
    )  # fmt: skip
    (folder / "2020-05-04-a-new-article.md").write_text(md(text), encoding="utf-8")


def delete_article(root: Path) -> None:
    path = _articles(root)[4]
    capture = _front(path)[0].get("capture")
    if capture:  # a capture no article names is an error
        (root / capture).unlink()
    path.unlink()


def rename_article(root: Path) -> None:
    path = _articles(root)[6]
    front, body = _front(path)
    front["former_ids"] = [path.stem]
    _write(path.with_name(path.stem + "-renamed.md"), front, body)
    path.unlink()


def add_quotes(root: Path) -> None:
    # A speaker quoted in more than one year is given quotes enough for pages of their own:
    # every list of quotes that links to their quotes, in the other years too, follows.
    said: dict[str, list[tuple[Path, str]]] = {}
    for path in _articles(root):
        front, _ = _front(path)
        for q in front.get("quotes") or []:
            said.setdefault(q["by"], []).append((path, str(front["date"])[:4]))
    speaker, where = next(
        (s, w) for s, w in sorted(said.items())
        if len(w) <= QUOTES_SHOWN and len({year for _, year in w}) > 1
    )  # fmt: skip
    path = where[0][0]
    front, body = _front(path)
    new = [
        f"Words number {n} that {speaker} said on the record."
        for n in range(QUOTES_SHOWN + 1 - len(where))
    ]
    front["quotes"] = [*front["quotes"], *({"by": speaker, "text": t} for t in new)]
    _write(path, front, body.rstrip("\n") + "\n\n" + "\n\n".join(f"“{t}”" for t in new) + "\n")


EDITS: dict[str, Edit] = {
    "body": edit_body,
    "title": edit_title,
    "date": edit_date,
    "year": edit_year,
    "people": edit_people,
    "registry alias": edit_alias,
    "registry name": edit_name,
    "new article": add_article,
    "deleted article": delete_article,
    "renamed article": rename_article,
    "quotes added": add_quotes,
}


@pytest.fixture(scope="module")
def cold_a(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated archive built once, cold: its cache is what every warm build starts from."""
    root = tmp_path_factory.mktemp("archive-a")
    generate(root, ARTICLES, seed=3)
    shutil.copytree(build_site(root), root.parent / "site-a")
    assert (root / CACHE).is_dir()
    return root


PARTS_OPTION = "  - site-builder:\n      search_shard_words: 12000\n"


@pytest.fixture(scope="module")
def cold_parts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same, its search index made in parts (about 8), as a large site's is."""
    root = tmp_path_factory.mktemp("archive-parts")
    generate(root, ARTICLES, seed=3)
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("  - site-builder\n", PARTS_OPTION))
    shutil.copytree(build_site(root), root.parent / "site-parts")
    return root


def _copy(root: Path, to: Path, cache: bool) -> Path:
    skip = {"site"} if cache else {"site", ".cache"}
    shutil.copytree(root, to, ignore=lambda d, names: [n for n in names if n in skip])
    return to


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _build_logged(root: Path) -> tuple[Path, list[str]]:
    records = _Records()
    logger = logging.getLogger("mkdocs.plugins.site_builder")
    logger.addHandler(records)
    level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        site = build_site(root)
    finally:
        logger.removeHandler(records)
        logger.setLevel(level)
    return site, records.messages


def _reused(messages: list[str]) -> tuple[int, int]:
    """(pages reused, pages in all) from the cache's summary line."""
    [line] = [m for m in messages if m.startswith("cache: ") and "pages reused" in m]
    m = re.search(r"(\d+) of (\d+) pages reused", line)
    assert m, line
    return int(m[1]), int(m[2])


def warm_and_cold(cold_a: Path, tmp_path: Path, edit: Edit) -> tuple[Path, Path, list[str]]:
    """Site B (the edit built warm from A's cache) and site C (the edited archive built cold)."""
    warm = _copy(cold_a, tmp_path / "warm", cache=True)
    edit(warm)
    cold = _copy(warm, tmp_path / "cold", cache=False)
    b, messages = _build_logged(warm)
    c = build_site(cold)
    return b, c, messages


@pytest.mark.parametrize("name", list(EDITS))
def test_a_warm_build_after_an_edit_is_the_cold_build(
    cold_a: Path, tmp_path: Path, name: str
) -> None:
    b, c, messages = warm_and_cold(cold_a, tmp_path, EDITS[name])
    result = compare(b, c)
    assert result.identical, f"{name}: warm and cold differ:\n" + "\n".join(result.lines(10))
    assert result.same > 200
    changed = compare(cold_a.parent / "site-a", c).differs
    assert any(p.startswith("articles/") for p in changed), changed  # the edit shows
    reused, pages = _reused(messages)
    assert reused > pages // 3, messages  # the warm build did reuse what the edit left alone
    if name != "registry alias":  # an alias may be linked in any body: every article redone
        assert reused > ARTICLES // 2


def test_an_unchanged_archive_reuses_every_page_and_the_search_index(
    cold_a: Path, tmp_path: Path
) -> None:
    b, c, messages = warm_and_cold(cold_a, tmp_path, lambda root: None)
    assert compare(b, c).identical
    reused, pages = _reused(messages)
    assert reused == pages
    assert any(m.startswith("search: reused") for m in messages), messages


def test_a_warm_build_reports_what_the_checks_find_and_checks_only_what_changed(
    cold_a: Path, tmp_path: Path
) -> None:
    """The checks of the texts, kept in the cache (checks-*.json), run again only for the
    articles that changed: a problem an edit brings is reported; what the file holds for the
    others is what the build reports for them (here a planted warning, to show it is read)."""
    warm = _copy(cold_a, tmp_path / "warm", cache=True)
    [kept] = (warm / CACHE).glob("checks-*.json")
    memo = json.loads(kept.read_text(encoding="utf-8"))
    assert len(memo["texts"]) == ARTICLES
    planted = ["content/articles/planted.md", 3, "warning", "", "a warning the file holds"]
    memo["texts"] = {k: [planted] for k in memo["texts"]}
    kept.write_text(json.dumps(memo), encoding="utf-8")
    path = _articles(warm)[2]
    front, body = _front(path)
    people = sorted((warm / "content" / "people").glob("*.md"))
    unlisted = next(
        n for n in (_front(p)[0]["name"] for p in people) if n not in (front.get("people") or [])
    )
    _write(path, front, body + f"\n{unlisted} was there too.\n")
    _, messages = _build_logged(warm)
    said = "\n".join(messages)
    assert "content/articles/planted.md:3: warning: a warning the file holds" in said
    assert unlisted in said and path.name in said  # the edited article, checked anew
    again = json.loads(kept.read_text(encoding="utf-8"))["texts"]
    assert len(again) == ARTICLES and sum(v != [planted] for v in again.values()) == 1


def test_a_warm_build_writes_the_pages_it_reuses_without_a_word_in_the_log(
    cold_a: Path, tmp_path: Path
) -> None:
    """Reused pages are copied from the cache by a thread of ours (MkDocs is handed no HTML
    for them, and would say "Page skipped" for each: it does not)."""
    warm = _copy(cold_a, tmp_path / "warm", cache=True)
    records = _Records()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(records)
    try:
        site = build_site(warm)
    finally:
        logger.removeHandler(records)
    assert not [m for m in records.messages if "skipped" in m], records.messages
    assert (site / "articles").is_dir()
    assert compare(site, cold_a.parent / "site-a").identical


def test_a_build_leaves_the_cycle_collector_as_it_found_it(cold_a: Path, tmp_path: Path) -> None:
    """A build pauses the collector while it reads the archive and freezes what it read
    (on_config); the objects are collected again once it ends, or fails."""
    warm = _copy(cold_a, tmp_path / "warm", cache=True)
    build_site(warm)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    path = _articles(warm)[0]
    front, body = _front(path)
    front["date"] = "not a date"
    _write(path, front, body)
    with pytest.raises((PluginError, Abort)):
        build_site(warm)
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_at_exit_the_objects_a_build_left_are_frozen() -> None:
    """The interpreter's last collection skips what the build left (_freeze_at_exit): a
    hook registered before the build's runs after it, and finds the objects frozen."""
    code = (
        "import atexit, gc\n"
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
        "from site_builder.mkdocs_plugin.plugin import ArchivePlugin\n"
        "ArchivePlugin().on_startup(command='build', dirty=False)\n"
        "print('frozen before:', gc.get_freeze_count() > 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["frozen before: False", "frozen at exit: True"]


def test_a_cache_made_by_another_version_is_not_used(cold_a: Path, tmp_path: Path) -> None:
    warm = _copy(cold_a, tmp_path / "warm", cache=True)
    [manifest] = (warm / CACHE).glob("*/manifest.json")
    made = json.loads(manifest.read_text())
    made["versions"]["mkdocs-material"] = "0.0.1"
    made["versions"]["site-builder sources"] = "an older checkout"
    manifest.write_text(json.dumps(made))
    edit_title(warm)
    cold = _copy(warm, tmp_path / "cold", cache=False)
    b, messages = _build_logged(warm)
    assert compare(b, build_site(cold)).identical
    assert _reused(messages)[0] == 0
    [said] = [m for m in messages if "full rebuild" in m]
    assert "mkdocs-material 0.0.1" in said and "site-builder sources" in said, said


def test_the_cache_option_off_builds_cold_and_leaves_the_cache_alone(
    cold_a: Path, tmp_path: Path
) -> None:
    root = _copy(cold_a, tmp_path / "off", cache=True)
    before = {p: p.stat().st_mtime_ns for p in (root / CACHE).rglob("*")}
    yml = root / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    yml.write_text(text.replace("  - site-builder\n", "  - site-builder:\n      cache: false\n"))
    assert "cache: false" in yml.read_text(encoding="utf-8")
    _, messages = _build_logged(root)
    assert not any(m.startswith("cache: ") and "reused" in m for m in messages)
    assert {p: p.stat().st_mtime_ns for p in (root / CACHE).rglob("*")} == before


def test_the_program_is_the_package_whose_build_runs_however_it_was_started() -> None:
    # `mkdocs`, `python -m mkdocs` and a profiler share a cache; ProperDocs, whose pages
    # carry another generator tag, has its own
    from mkdocs.config.defaults import MkDocsConfig

    assert build_cache.program(MkDocsConfig()) == "mkdocs"
    assert build_cache.environment_versions("mkdocs")["program"] == "mkdocs"
    properdocs = pytest.importorskip("properdocs.config.defaults")
    assert build_cache.program(properdocs.MkDocsConfig()) == "properdocs"


def test_the_environment_key_names_what_differs() -> None:
    old = {"mkdocs": "1.6.0", "python": "3.11.7", "gone": "1"}
    new = {"mkdocs": "1.6.1", "python": "3.11.7", "added": "2"}
    assert build_cache.differences(old, new) == [
        "added (none, now 2)", "gone 1 (now none)", "mkdocs 1.6.0 (now 1.6.1)",
    ]  # fmt: skip


@pytest.mark.parametrize("name", ["body", "new article", "deleted article"])
def test_a_search_index_in_parts_reuses_the_parts_an_edit_leaves_alone(
    cold_parts: Path, tmp_path: Path, name: str
) -> None:
    assert PARTS_OPTION in (cold_parts / "mkdocs.yml").read_text(encoding="utf-8")
    b, c, messages = warm_and_cold(cold_parts, tmp_path, EDITS[name])
    result = compare(b, c)
    assert result.identical, f"{name}: warm and cold differ:\n" + "\n".join(result.lines(10))
    parts = [m for m in messages if re.match(r"search: part \d+ of the index full", m)]
    copied = [m for m in parts if m.endswith("copied")]
    assert len(parts) >= 4, parts
    assert 0 < len(copied) < len(parts), parts  # only the part the edit fell in was indexed
    # the reused pages went to the indexer by their keys; only the indexed part's were read
    handed = [m for m in messages if "handed over from the build cache" in m]
    assert len(handed) == 1, messages
    counts = re.search(r"([\d,]+) pages handed over .*, ([\d,]+) of them read again", handed[0])
    assert counts is not None, handed
    given, read = (int(n.replace(",", "")) for n in counts.groups())
    assert 0 < read < given, handed


def test_each_cached_part_keeps_its_pages_sort_values(cold_parts: Path) -> None:
    """A part copied from the cache brings its pages' sort values (an article's date) from
    there: the pages are not parsed again for them. (The warm builds above, the same bytes
    as cold ones, show the values are the pages' own.)"""
    parts = [p for p in (cold_parts / CACHE).glob("search-parts-*/*") if p.is_dir()]
    assert len(parts) >= 4, parts
    dated = 0
    for part in parts:
        pages = json.loads((part / "pages.json").read_text(encoding="utf-8"))
        sorts = json.loads((part / "sorts.json").read_text(encoding="utf-8"))
        assert len(sorts) == len(pages)
        dated += sum("date" in s for s in sorts)
    assert dated >= ARTICLES


def test_without_the_cache_the_index_in_parts_is_the_same(cold_parts: Path, tmp_path: Path) -> None:
    # Without the cache, Pagefind indexes each part as its pages come; with it, once the part
    # is whole: the parts end at the same pages, and the bundle is the same.
    root = _copy(cold_parts, tmp_path / "off", cache=False)
    yml = root / "mkdocs.yml"
    yml.write_text(
        yml.read_text(encoding="utf-8").replace(PARTS_OPTION, PARTS_OPTION + "      cache: false\n")
    )
    result = compare(cold_parts.parent / "site-parts", build_site(root))
    assert result.identical, "\n".join(result.lines(10))


@pytest.mark.parametrize(
    "body", ["", "\n", "\n\nText.\n", "title: not metadata\n\nText.", "---\nx\n---\nText\n"]
)
def test_serve_keys_pages_by_the_markdown_mkdocs_reads(body: str) -> None:
    # mkdocs serve reads a page's Markdown without MkDocs' parser (plugin._markdown); a
    # page's key made so must be the key made from what MkDocs hands the plugin.
    from mkdocs.utils.meta import get_data

    from site_builder.mkdocs_plugin.plugin import NO_METADATA, _markdown

    assert _markdown(NO_METADATA + body) == get_data(NO_METADATA + body)[0]


@pytest.mark.parametrize("blank", ["", "\n", "  \n\t\n"])
def test_a_blank_page_is_rendered_as_mkdocs_renders_it(blank: str, tmp_path: Path) -> None:
    # Registry entries without a description and generated pages skip MkDocs' Markdown
    # (plugin._render_blank): the page must come out as MkDocs' own render leaves it.
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from site_builder.mkdocs_plugin.plugin import _render_blank

    (tmp_path / "docs").mkdir()
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict(
        {
            "site_name": "t",
            "docs_dir": str(tmp_path / "docs"),
            "markdown_extensions": ["toc", "attr_list", "md_in_html", "admonition"],
        }
    )
    errors, _ = config.validate()
    assert not errors
    (tmp_path / "docs" / "x.md").write_text(blank, encoding="utf-8")
    file = File("x.md", str(tmp_path / "docs"), str(tmp_path / "site"), True)
    files = Files([file])
    made = []
    for render in (Page.render, None):
        page = Page(None, file, config)
        page.read_source(config)
        if render is None:
            _render_blank(page)(config, files)
        else:
            render(page, config, files)
        made.append(
            (page.content, type(page.toc), list(page.toc), page.title, page.present_anchor_ids,
             page.links_to_anchors)
        )  # fmt: skip
    assert made[0] == made[1]


def _kept_keys(root: Path) -> set[str]:
    """The keys of the pages the cache holds (every environment's)."""
    keys: set[str] = set()
    for file in (root / CACHE).glob("*/pages.sqlite"):
        db = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
        try:
            keys.update(k for (k,) in db.execute("SELECT key FROM pages"))
        finally:
            db.close()
    return keys


def test_warm_builds_one_after_another_update_the_cache_in_place(
    cold_a: Path, tmp_path: Path
) -> None:
    """A warm build adds the pages it made to the cache's file and removes those it did not
    use, rather than writing the file anew: each build after it is the cold build still,
    and the file does not grow with every edit."""
    warm = _copy(cold_a, tmp_path / "warm", cache=True)
    [file] = (warm / CACHE).glob("*/pages.sqlite")
    cold_keys = _kept_keys(warm)
    for n, name in enumerate(["body", "new article", "registry name", "deleted article"]):
        before = _kept_keys(warm)
        EDITS[name](warm)
        cold = _copy(warm, tmp_path / f"cold-{n}", cache=False)
        site, messages = _build_logged(warm)
        result = compare(site, build_site(cold))
        assert result.identical, f"{name}: warm and cold differ:\n" + "\n".join(result.lines(10))
        assert 0 < _reused(messages)[0] < _reused(messages)[1]
        after = _kept_keys(warm)
        assert before - after and after - before, name  # pages gone with the edit, and new
        assert len(after) <= len(cold_keys) + 5, name
        assert [p.name for p in file.parent.glob("pages.sqlite*")] == ["pages.sqlite"]
    _, messages = _build_logged(warm)  # what the last build kept is all this one needs
    assert _reused(messages)[0] == _reused(messages)[1]


def _small_cache(root: Path) -> build_cache.BuildCache:
    cache = build_cache.BuildCache(root / CACHE, {"python": "3"}, logging.getLogger("test"))
    cache.begin({"site": "small"})
    return cache


def _made(cache: build_cache.BuildCache, site: Path, *names: str) -> None:
    for name in names:
        cache.lookup(f"{name}.md", f"key-{name}", str(site / f"{name}.html"))
        cache.finish_page(f"{name}.md", f"<p>{name}</p>", None)


def test_a_build_that_ends_while_another_reads_the_cache_removes_nothing(tmp_path: Path) -> None:
    """Two builds at once (mkdocs serve, and a build in another terminal): the first to end
    adds its pages but leaves those it did not use, which the other may still copy into its
    site; the last to end leaves the pages it used."""
    site = tmp_path / "site"
    first = _small_cache(tmp_path)
    _made(first, site, "a", "b")
    first.finish()
    one, other = _small_cache(tmp_path), _small_cache(tmp_path)
    _made(one, site / "one", "a", "c")  # a reused, c new; b not used
    _made(other, site / "other", "b")  # b reused
    one.finish()
    assert _kept_keys(tmp_path) == {"key-a", "key-b", "key-c"}
    other.finish()
    assert (site / "other" / "b.html").read_bytes() == b"<p>b</p>"
    assert (site / "one" / "a.html").read_bytes() == b"<p>a</p>"
    assert _kept_keys(tmp_path) == {"key-b"}
    alone = _small_cache(tmp_path)
    _made(alone, site / "alone", "b", "d")
    alone.finish()
    assert _kept_keys(tmp_path) == {"key-b", "key-d"}


def _pages_db(path: Path, pages: dict[str, bytes]) -> Path:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE pages (key TEXT PRIMARY KEY, document, anchors, output BLOB)")
    db.executemany("INSERT INTO pages VALUES (?, NULL, NULL, ?)", pages.items())
    db.commit()
    db.close()
    return path


def test_the_page_writer_copies_each_page_byte_for_byte(tmp_path: Path) -> None:
    # thousands of records cross the pipe's buffers at every offset; names in Cyrillic, bytes
    # that are not UTF-8
    pages = {f"{i:040x}": f"<p>страница {i}</p>".encode() + bytes([i % 256]) for i in range(3000)}
    writer = build_cache.PageWriter(_pages_db(tmp_path / "pages.sqlite", pages))
    site = tmp_path / "site"
    for i, key in enumerate(pages):
        writer.write(key, str(site / f"люди-{i % 7}" / f"{i}" / "index.html"))
    writer.finish()
    for i, output in enumerate(pages.values()):
        assert (site / f"люди-{i % 7}" / f"{i}" / "index.html").read_bytes() == output


def test_the_page_writer_names_the_page_it_could_not_write(tmp_path: Path) -> None:
    writer = build_cache.PageWriter(_pages_db(tmp_path / "pages.sqlite", {"a" * 40: b"<p>"}))
    (tmp_path / "site").write_text("a file where the folder should be", encoding="utf-8")
    writer.write("a" * 40, str(tmp_path / "site" / "people" / "index.html"))
    for _ in range(2000):  # jobs after the failure are read, not left to fill the pipe
        writer.write("a" * 40, str(tmp_path / "elsewhere" / "index.html"))
    with pytest.raises(OSError, match=r"could not write .*site/people/index\.html: "):
        writer.finish()


def test_a_cancelled_page_writer_stops(tmp_path: Path) -> None:
    writer = build_cache.PageWriter(_pages_db(tmp_path / "pages.sqlite", {"b" * 40: b"<p>"}))
    writer.write("b" * 40, str(tmp_path / "x" / "index.html"))
    writer.cancel()
    assert writer._proc.returncode is not None


def _made_rows(root: Path) -> list[tuple[str, bytes]]:
    [pages] = (root / CACHE).glob("*/pages.sqlite")
    db = sqlite3.connect(pages)
    try:
        return db.execute("SELECT key, value FROM made").fetchall()
    finally:
        db.close()


def test_a_warm_build_takes_the_data_files_the_cache_holds(cold_a: Path, tmp_path: Path) -> None:
    """Each entry's feed and data files, each article's records and citation are kept in the
    cache (stored_made.py) and taken from there while what they are made of is the same: a
    feed planted in the cache is what an unchanged archive's warm build publishes."""
    warm = _copy(cold_a, tmp_path / "warm", cache=True)
    rows = _made_rows(warm)
    values = [stored_made.decode(v) for _, v in rows]
    feeds = [(k, v) for (k, _), v in zip(rows, values, strict=True) if _is_feed(v)]
    records = [v for v in values if isinstance(v, tuple) and isinstance(v[0], opendata.Line)]
    assert len(records) == ARTICLES and feeds  # every article's records, the entries' feeds
    key, feed = feeds[0]
    planted = feed.replace(b"<title>", b"<title>Planted in the cache: ", 1)
    [pages] = (warm / CACHE).glob("*/pages.sqlite")
    db = sqlite3.connect(pages)
    db.execute("UPDATE made SET value = ? WHERE key = ?", (stored_made.encode(planted), key))
    db.commit()
    db.close()
    site, messages = _build_logged(warm)
    shown = [p for p in site.rglob("*.xml") if b"Planted in the cache" in p.read_bytes()]
    assert len(shown) == 1, shown
    [said] = [m for m in messages if m.startswith("cache: data files and records")]
    assert re.search(r": [1-9][\d,]* taken from the cache, 0 made", said), said
    assert len(_made_rows(warm)) == len(rows)  # what the build used is kept, nothing more


def _is_feed(value: object) -> bool:
    return isinstance(value, bytes) and b"<feed" in value[:400]


@pytest.mark.parametrize(
    "value",
    [
        None,
        "слово",
        b"\x00\xff<p>",
        ({"people/x/articles.csv": b"id\n"}, [Download("articles", "CSV", "p/a.csv", 3, 1)], "b"),
        (opendata.Line(b"{}", b"a,b"), [("ivan", opendata.Line(b"{}", b"c")), (None, None)]),
        {"plain": "a", "csl_item": {"author": [{"family": "Ким"}], "n": 1, "x": 1.5}},
        {"a.md": ["b.md", "c.md"]},
    ],
)
def test_the_values_a_build_keeps_come_back_as_they_were(value: object) -> None:
    back = stored_made.decode(stored_made.encode(value))
    assert back == value and type(back) is type(value)


@pytest.mark.parametrize("value", [{1: "a"}, {"$b": "a"}, {"a"}, object()])
def test_a_value_the_cache_cannot_hold_is_not_kept(value: object) -> None:
    with pytest.raises(stored_made.Unstorable):
        stored_made.encode(value)


@pytest.mark.parametrize(
    "blob",
    [b"", b"\x05\x00\x00\x00\x00\x00\x00\x00{}", (12).to_bytes(8, "little") + b'{"$b":[0,9]}'],
)
def test_a_value_the_cache_holds_in_another_form_is_refused(blob: bytes) -> None:
    with pytest.raises(ValueError):  # made again (StoredMade.get)
        stored_made.decode(blob)
