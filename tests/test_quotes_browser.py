"""The quotes explorer and the Data page in Chromium: a reader goes from the Quotes tab to a
year, to one person's quotes of that year, and on to the paragraph where a quote stands."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import PHONE, axe_violations, format_violations, requires_chromium
from sitebuild import MKDOCS_YML, build_site
from test_quotes_explorer import quote_text, quotes_archive

pytest_plugins = ["browser"]
IN_VIEW = (
    "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = quotes_archive(tmp_path_factory.mktemp("quotes-browser"))
    yml = MKDOCS_YML.format(plugin_options=":\n      per_page: 2")
    yml = yml.replace("  font: false\n", "  font: false\n  features: [navigation.tabs]\n")
    (root / "mkdocs.yml").write_text(yml, encoding="utf-8")
    return build_site(root, strict=True)


@requires_chromium
def test_from_the_quotes_tab_to_a_speakers_quote_of_a_year_in_its_paragraph(
    site, http_server, browser_page, page_errors
):
    page = browser_page
    base = http_server(site)
    page.goto(base + "/")
    page.get_by_role("link", name="Quotes", exact=True).first.click()
    page.wait_for_url("**/quotes/")
    # a year
    page.locator("#by-year ~ ul.sb-qx-facet a", has_text="2024").click()
    page.wait_for_url("**/quotes/years/2024/")
    assert page.locator("h1").inner_text().startswith("Quotes from 2024")
    # a speaker in that year's index: the index leads to their group
    page.locator("ol.sb-qx-who a", has_text="Aliya Nurova").click()
    page.wait_for_url("**/quotes/years/2024/**#s-aliya-nurova")
    heading = page.locator("#s-aliya-nurova")
    assert heading.is_visible() and heading.evaluate(IN_VIEW), "the group's heading is not in view"
    group = heading.locator("xpath=following-sibling::ol[1]")
    assert group.locator("> li").count() == 1
    item = group.locator("> li").first
    assert item.locator("blockquote").inner_text().strip("“”") == quote_text("2024-third", 1)
    # the quote, in its paragraph
    item.locator('p a[href*="#q-"]').click()
    page.wait_for_url("**/articles/2024/2024-third/#q-2")
    mark = page.locator("#q-2")
    assert mark.count() == 1 and mark.is_visible()
    assert mark.inner_text() == quote_text("2024-third", 1)
    assert mark.evaluate(IN_VIEW), "the quote is not in view"
    assert mark.evaluate("m => m.matches(':target') && m.closest('p') !== null")
    page_errors.assert_none()


@requires_chromium
@pytest.mark.parametrize(
    "path", ["", "quotes/", "quotes/topics/torture/", "quotes/speakers/", "data/"]
)
def test_explorer_and_data_page_are_accessible_and_fit_a_phone(
    site, http_server, browser_page, page_errors, path
):
    base = http_server(site)
    for viewport in ({"width": 1366, "height": 800}, PHONE):
        browser_page.set_viewport_size(viewport)
        response = browser_page.goto(f"{base}/{path}")
        assert response is not None and response.status == 200
        violations = axe_violations(browser_page, impacts=("serious", "critical"))
        assert violations == [], format_violations(violations)
        overflow = browser_page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (path, viewport)
    page_errors.assert_none()
