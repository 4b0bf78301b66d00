"""Provenance and breadcrumbs in a real browser: the archived copy opens as text, its
scripts never run; a breadcrumb leads up to the month, the year and the articles."""

from __future__ import annotations

import hashlib

import pytest
from browser import axe_violations, format_violations, requires_chromium
from conftest import article, make_archive, sha256
from sitebuild import build_site

pytestmark = requires_chromium
pytest_plugins = ["browser"]

ID = "2025-06-capture-story"
URL = f"articles/2025/{ID}/"
CAPTURE = f"archive/example-news/2025/{ID}.html"
# What a captured web page holds: scripts, an inline handler, a meta refresh, a stylesheet
# that would hide everything. Shown as text, none of it does anything.
CAPTURE_TEXT = (
    "<!doctype html><html><head><title>Original page</title>"
    '<meta http-equiv="refresh" content="0; url=https://example.org/">'
    "<style>body { display: none }</style>"
    "<script>window.sbCaptureRan = true; document.title = 'RAN';</script></head>"
    '<body><h1>Café Абай</h1><img src="x" onerror="window.sbImgRan = true">'
    "<p>The ministry said the funding ended.</p></body></html>\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("provenance-browser")
    make_archive(
        root,
        articles={
            ID: article(
                "The ministry said the funding ended.",
                title="Funding ends",
                url="https://example.org/story",
                capture=CAPTURE,
                sha256=sha256(CAPTURE_TEXT),
            ),
            "2025-06-other-story": article("Another.", title="Another June story"),
            "2025-05-bracketed": article(
                "A note.",
                title="[A note, untitled in the original]",
                date="2025-05",
                notes="The headline is the curator's: the original has none.",
            ),
        },
        captures={CAPTURE.removeprefix("archive/"): CAPTURE_TEXT},
    )
    # the archive's own configuration: Material's tabs on
    (root / "mkdocs.yml").write_text(
        "site_name: T\ndocs_dir: content\ntheme:\n  name: material\n  font: false\n"
        "  features: [navigation.tabs]\nplugins:\n  - site-builder\n"
        "nav:\n  - Home: index.md\n  - Articles: articles/index.md\n  - People: people/index.md\n"
        "  - Outlets: outlets/index.md\n",
        encoding="utf-8",
    )
    return build_site(root)


def test_the_archived_copy_opens_as_text_and_runs_nothing(site, http_server, browser_page):
    base = http_server(site)
    browser_page.goto(base + URL)
    link = browser_page.locator("ul.sb-source a", has_text="Archived copy")
    with browser_page.expect_navigation():
        link.click()
    assert browser_page.url == base + f"captures/example-news/2025/{ID}.html.txt"
    shown = browser_page.evaluate(
        """() => ({
            type: document.contentType,
            text: document.body.innerText,
            title: document.title,
            ran: window.sbCaptureRan === true || window.sbImgRan === true,
            body: [...document.body.children].map((el) => el.tagName),
            elements: document.querySelectorAll(
                'script, img, style, title, h1, meta[http-equiv]'
            ).length,
        })"""
    )
    assert shown["body"] == ["PRE"]  # the browser's view of a text: one <pre>
    assert shown["type"] == "text/plain"
    assert shown["ran"] is False and shown["title"] != "RAN"
    assert shown["elements"] == 0  # no element of the capture: its markup is text
    assert shown["text"].strip() == CAPTURE_TEXT.strip()
    browser_page.wait_for_timeout(300)  # the meta refresh, if it were markup, would go now
    assert browser_page.url == base + f"captures/example-news/2025/{ID}.html.txt"
    # the bytes served are the capture's, with its checksum
    body = browser_page.request.get(browser_page.url).body()
    assert hashlib.sha256(body).hexdigest() == sha256(CAPTURE_TEXT)


def test_the_strip_links_cite_and_the_full_checksum_on_the_page(
    site, http_server, browser_page, page_errors
):
    base = http_server(site)
    browser_page.goto(base + URL)
    strip = browser_page.locator("ul.sb-source")
    assert "checksum verified at build" in strip.inner_text()
    strip.get_by_role("link", name="Cite").click()
    assert browser_page.url.endswith("#sb-cite")
    assert browser_page.locator("#sb-cite").is_visible()
    strip.locator("a[href='#sb-sha256']").click()
    assert browser_page.locator("#sb-sha256 code").inner_text() == sha256(CAPTURE_TEXT)
    original = strip.get_by_role("link", name="Original")
    assert original.get_attribute("href") == "https://example.org/story"
    page_errors.assert_none()


def test_breadcrumbs_lead_up_to_the_month_year_and_articles(
    site, http_server, browser_page, page_errors
):
    base = http_server(site)
    browser_page.goto(base + URL)
    crumbs = browser_page.get_by_role("navigation", name="Breadcrumb")
    assert crumbs.get_by_role("link").all_inner_texts() == ["Articles", "2025", "June"]
    active_tab = browser_page.locator("nav.md-tabs .md-tabs__item--active")
    assert active_tab.inner_text().strip() == "Articles"

    crumbs.get_by_role("link", name="June").click()
    browser_page.wait_for_url(base + "articles/2025/06/")
    assert browser_page.get_by_role("link", name="Another June story").count() == 1
    crumbs = browser_page.get_by_role("navigation", name="Breadcrumb")
    assert crumbs.get_by_role("link").all_inner_texts() == ["Articles", "2025"]
    assert active_tab.inner_text().strip() == "Articles"

    crumbs.get_by_role("link", name="2025").click()
    browser_page.wait_for_url(base + "articles/2025/")
    browser_page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="Articles"
    ).click()
    browser_page.wait_for_url(base + "articles/")
    assert active_tab.inner_text().strip() == "Articles"
    page_errors.assert_none()


def test_entry_pages_have_their_crumbs_and_tab(site, http_server, browser_page, page_errors):
    base = http_server(site)
    browser_page.goto(base + "outlets/example-news/")
    crumbs = browser_page.get_by_role("navigation", name="Breadcrumb")
    assert crumbs.get_by_role("link").all_inner_texts() == ["Outlets"]
    tab = browser_page.locator("nav.md-tabs .md-tabs__item--active")
    assert tab.inner_text().strip() == "Outlets"
    crumbs.get_by_role("link", name="Outlets").click()
    browser_page.wait_for_url(base + "outlets/")
    page_errors.assert_none()


@pytest.mark.parametrize("url", [URL, "articles/2025/2025-05-bracketed/"])
def test_the_strip_and_crumbs_are_accessible(site, url, http_server, browser_page, page_errors):
    base = http_server(site)
    browser_page.goto(base + url)
    note = browser_page.locator("details.sb-curator-note")
    if note.count():
        note.locator("summary").click()
        assert "the original has none" in note.inner_text()
    violations = axe_violations(browser_page, impacts=("moderate", "serious", "critical"))
    assert violations == [], format_violations(violations)
    page_errors.assert_none()


def test_on_a_phone_the_strip_and_crumbs_fit(site, http_server, browser_page):
    base = http_server(site)
    browser_page.set_viewport_size({"width": 390, "height": 844})
    browser_page.goto(base + URL)
    overflow = browser_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    crumbs = browser_page.locator("nav.sb-breadcrumbs")
    assert crumbs.bounding_box()["height"] < 40  # one line: the last crumb is cut short
    # links a thumb can hit (axe's target-size: 24 px, or that much room around each)
    violations = axe_violations(browser_page, impacts=None)
    assert violations == [], format_violations(violations)
