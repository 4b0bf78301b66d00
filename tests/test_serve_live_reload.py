"""In `mkdocs serve`, a page reloads by itself after a save, under the site's
Content-Security-Policy (mkdocs_plugin/live.py), in a real browser."""

from __future__ import annotations

import time

from browser import requires_chromium, watch
from test_serve import _get, _wait_for, served_story

pytestmark = requires_chromium
pytest_plugins = ["browser"]


def _headline(page) -> str | None:
    try:
        return page.locator("h1").first.inner_text(timeout=1000)
    except Exception:  # between two documents: the page is reloading
        return None


def test_the_page_reloads_itself_after_a_save_and_runs_only_allowed_script(
    tmp_path, browser_page, page_errors
):
    with served_story(tmp_path) as story:
        url, log = story.url, story.log
        served = _get(url)
        assert "livereload.js" in served and "<script>\nvar livereload" not in served
        browser_page.goto(url)
        assert _headline(browser_page) == "First title"
        # the poller is running: the server logs the browser's first request
        assert _wait_for(lambda: "Browser connected" in log.read_text()), log.read_text()
        story.retitle("First title", "Second title")
        end = time.monotonic() + 60
        while time.monotonic() < end and _headline(browser_page) != "Second title":
            time.sleep(0.3)  # no goto, no reload: the page's own script reloads it
        assert _headline(browser_page) == "Second title", log.read_text()
        page_errors.assert_none()  # no inline script refused by the policy, nothing else


def _marked(page) -> bool:
    """Whether the page still holds what the test left in it (it has not reloaded)."""
    try:
        return bool(page.evaluate("window.sbTestMark === 1"))
    except Exception:  # reloading
        return False


def test_the_saved_page_is_shown_first_and_only_pages_the_save_changed_reload(
    tmp_path, chromium_browser, browser_page, page_errors
):
    # The saved article's page is made before the rest of the rebuild and shown at once; when
    # the rebuild ends, a page reloads only if its file changed: the list of articles (which
    # shows the new title) does, an entry's page the story does not name does not, and the
    # story's page, already what the rebuild wrote, does not reload twice.
    with served_story(tmp_path) as story:
        base, log = story.base, story.log
        story_page = browser_page
        listing, entry = chromium_browser.new_page(), chromium_browser.new_page()
        listing_errors, entry_errors = watch(listing), watch(entry)
        try:
            story_page.goto(story.url)
            listing.goto(f"{base}articles/2025/06/")
            entry.goto(f"{base}people/usen-suleimen/")
            assert "First title" in listing.inner_text("main")
            assert _wait_for(lambda: log.read_text().count("Browser connected") >= 3)
            for page in (story_page, listing, entry):
                page.evaluate("window.sbTestMark = 1")
            story.retitle("First title", "Second title")
            end = time.monotonic() + 60
            while time.monotonic() < end and _headline(story_page) != "Second title":
                time.sleep(0.1)
            assert _headline(story_page) == "Second title", log.read_text()
            assert " shown first, in " in log.read_text(), log.read_text()
            story_page.evaluate("window.sbTestMark = 1")  # reloaded once: marked again
            assert _wait_for(lambda: "Reloading browsers" in log.read_text()), log.read_text()
            assert _wait_for(lambda: not _marked(listing), timeout=20), log.read_text()
            assert _wait_for(lambda: "Second title" in listing.inner_text("main"), timeout=20)
            time.sleep(3)  # time enough for the others to have reloaded, had they
            assert _marked(entry), "a page the save did not change reloaded"
            assert _marked(story_page), "the saved page reloaded again after the rebuild"
        finally:
            listing.close()
            entry.close()
        page_errors.assert_none()
        listing_errors.assert_none()
        entry_errors.assert_none()
