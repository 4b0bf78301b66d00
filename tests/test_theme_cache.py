"""Material's navigation rendered once per place: every page exactly as without the cache."""

from __future__ import annotations

import re
import shutil
from collections import Counter

import pytest
from sitebuild import build_site

from benchmarks.generate import generate
from site_builder.mkdocs_plugin import theme_cache

# A nested nav: a section whose pages are active when shown, beside the archive's sections.
NAV = """
nav:
  - Home: index.md
  - Articles: articles/index.md
  - People: people/index.md
  - Organizations: organizations/index.md
  - Outlets: outlets/index.md
  - Topics: topics/index.md
  - More:
      - About: about.md
      - Contribute: contributing.md
"""


def _html(site):
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in site.rglob("*.html")
        if "pagefind" not in p.parts
    }


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    root = tmp_path_factory.mktemp("navcache")
    generate(root, 40, seed=3)
    yml = root / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    head, _, _ = text.partition("\nnav:")
    rest = text.split("\nmarkdown_extensions:", 1)[1]
    head = head.replace("\n  - site-builder\n", "\n  - site-builder:\n      search: false\n")
    assert "search: false" in head
    yml.write_text(head + NAV + "\nmarkdown_extensions:" + rest, encoding="utf-8")
    renders = Counter()
    original = theme_cache._cached

    def counting(render, key_of):
        def counted(context):
            renders["rendered"] += 1
            yield from render(context)

        return original(counted, key_of)

    mp = pytest.MonkeyPatch()
    mp.setattr(theme_cache, "_cached", counting)
    try:
        cached = _html(build_site(root))
    finally:
        mp.undo()
    shutil.rmtree(root / "site")
    mp.setattr(theme_cache, "cache_navigation", lambda env: 0)
    try:
        plain = _html(build_site(root))
    finally:
        mp.undo()
    return cached, plain, renders["rendered"]


def test_every_page_is_the_same_with_and_without_the_cache(builds):
    cached, plain, _ = builds
    assert cached.keys() == plain.keys()
    different = [path for path in plain if cached[path] != plain[path]]
    assert not different, different[:5]


def test_the_cache_is_used(builds):
    cached, _, rendered = builds
    pages = sum(1 for path in cached if path.endswith("index.html"))
    assert pages > 100
    # Two partials a page: most come from the cache; the nav's own pages never do.
    assert 2 * 9 <= rendered < pages / 2
    about = cached["about/index.html"].decode()
    assert "md-nav__link--active" in about and "md-nav__item--active" in about


def test_every_page_marks_the_tab_of_its_section_active(builds):
    """A page of the nav marks its own tab; an article, an entry or a generated page, which
    the nav does not list, the tab of its section (the plugin sets the flag while it renders,
    and the cache keys on it)."""
    cached, _, _ = builds

    def active(path):
        html = cached[path].decode()
        tabs = html.split('<nav class="md-tabs"', 1)[1].split("</nav>", 1)[0]
        return re.findall(r'md-tabs__item--active">\s*<a [^>]*>\s*([^<]+?)\s*<', tabs)

    assert active("about/index.html") == ["More"]  # the section the nav lists it in
    article = next(k for k in cached if k.startswith("articles/20") and k.count("/") == 3)
    assert active(article) == ["Articles"]
    person = next(k for k in cached if k.startswith("people/") and k.count("/") == 2)
    assert active(person) == ["People"]
    assert active("index.html") == ["Home"]
