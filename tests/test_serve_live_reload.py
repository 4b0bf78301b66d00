"""In `mkdocs serve`, a page reloads by itself after a save, under the site's
Content-Security-Policy (mkdocs_plugin/live.py), in a real browser."""

from __future__ import annotations

import time

from browser import requires_chromium
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
