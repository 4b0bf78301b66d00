"""The look of an archive (issue 16): the width used, a footer and a 404 page that lead back
in, a table of contents on a phone, the site's name kept in a phone's header."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import requires_chromium
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from sitebuild import page

pytest_plugins = ["browser"]

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "articles/2025/2025-cmn-kz-ngos-look-for-new-funding/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("look")
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(out))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    return out


def test_the_footer_names_the_archive_and_leads_to_its_pages(site):
    footer = page(site, "people/").select_one("nav.sb-footer")
    assert footer.select_one(".sb-footer__name").get_text() == "Media archive"
    links = {a.get_text(): a["href"] for a in footer.find_all("a")}
    assert links == {"About": "../about/", "Data": "../data/", "Contribute": "../contributing/"}
    assert "Made with" not in footer.parent.get_text()


def test_the_404_page_offers_search_and_the_sections_from_the_root(site):
    soup = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    content = soup.select_one(".sb-404")
    form = content.find("form")
    assert form["action"] == "/search/" and form.find("input", attrs={"name": "q"})
    targets = [a["href"] for a in content.find_all("a")]
    assert "/people/" in targets and "/articles/" in targets
    assert all(t.startswith("/") for t in targets)  # served at every missing address


def test_a_page_outside_the_nav_carries_its_table_of_contents_for_phones(site):
    article = page(site, ARTICLE)
    box = article.select_one("details.sb-toc-phone")
    anchors = [a["href"] for a in box.find_all("a")]
    assert anchors and all(article.find(id=a.lstrip("#")) for a in anchors)
    # after the headline, not above it
    html = str(article.select_one("article"))
    assert html.index("sb-title") < html.index("sb-toc-phone")


def test_a_page_without_sections_has_no_empty_column_beside_it(site):
    sidebar = page(site, "topics/").find(attrs={"data-md-type": "toc"})
    assert sidebar is None or sidebar.has_attr("hidden")


@requires_chromium
@pytest.mark.parametrize("url", ["", ARTICLE, "people/usen-suleimen/", "404.html"])
def test_a_phone_keeps_the_site_name_and_scrolls_only_down(site, http_server, browser_page, url):
    base = http_server(site)
    browser_page.set_viewport_size({"width": 390, "height": 844})
    browser_page.goto(f"{base}/{url}")
    title = browser_page.locator(".md-header__title .md-header__topic").first
    box = title.bounding_box()
    assert box is not None and box["width"] > 40, box
    overflow = browser_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


@requires_chromium
def test_wide_screens_give_the_empty_sidebar_column_to_the_content(site, http_server, browser_page):
    base = http_server(site)
    browser_page.set_viewport_size({"width": 1366, "height": 900})
    browser_page.goto(f"{base}/{ARTICLE}")
    assert not browser_page.locator(".md-sidebar--primary").is_visible()
    left = browser_page.locator("article h1").bounding_box()["x"]
    assert left < 120  # the content starts near the grid's edge, not after a 240 px gap
