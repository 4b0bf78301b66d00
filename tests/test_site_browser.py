"""The shipped archive's site in a real browser: accessible, and nothing goes wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import axe_violations, format_violations, requires_chromium

pytest_plugins = ["browser"]

ROOT = Path(__file__).resolve().parents[1]
PAGES = {
    "home": "",
    "article": "articles/2025/2025-cmn-kz-ngos-look-for-new-funding/",
    "person": "people/usen-suleimen/",
    "organization": "organizations/kibhr/",
    "people index": "people/",
    "timeline": "articles/",
}


@requires_chromium
@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_serious_accessibility_violations(
    name, shipped_site, http_server, browser_page, page_errors
):
    base = http_server(shipped_site)
    response = browser_page.goto(base + "/" + PAGES[name])
    assert response is not None and response.status == 200
    violations = axe_violations(browser_page, impacts=("serious", "critical"))
    assert violations == [], format_violations(violations)
    page_errors.assert_none()


@requires_chromium
def test_phone_width_has_no_horizontal_scroll(shipped_site, http_server, browser_page):
    base = http_server(shipped_site)
    browser_page.set_viewport_size({"width": 390, "height": 844})
    browser_page.goto(base + "/" + PAGES["article"])
    overflow = browser_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


@requires_chromium
@pytest.mark.parametrize("fmt", ["bib", "ris", "json"])
def test_cite_box_downloads_the_citation_it_shows(
    fmt, shipped_site, http_server, browser_page, page_errors, tmp_path
):
    base = http_server(shipped_site)
    browser_page.goto(base + "/" + PAGES["article"])
    button = browser_page.locator(f'.sb-cite button[data-sb-download="{fmt}"]')
    assert button.is_visible()  # archive.js makes a button for each format the box shows
    assert button.text_content() == {"bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON"}[fmt]
    assert browser_page.locator(".sb-cite [data-sb-download]").count() == 3
    shown = browser_page.locator(f'.sb-cite code[data-sb-cite="{fmt}"]').text_content()
    with browser_page.expect_download() as info:
        button.click()
    download = info.value
    article_id = PAGES["article"].rstrip("/").rsplit("/", 1)[1]
    assert download.suggested_filename == f"{article_id}.{fmt}"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = saved.read_bytes().decode("utf-8")
    if fmt == "ris":
        assert "\r\n" in data and "\n" not in data.replace("\r\n", "")
        data = data.replace("\r\n", "\n")
    assert data == shown and article_id in data
    page_errors.assert_none()
