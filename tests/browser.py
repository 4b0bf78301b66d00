"""Browser-test helpers: a static file server, Debian's Chromium through Playwright, axe-core.

Not a test module. Import the helpers (`from browser import serve, requires_chromium, ...`;
pytest puts `tests/` on `sys.path`), and get the fixtures by naming this module as a plugin:
`pytest_plugins = ["browser"]` in a test module or in `tests/conftest.py`.

Fixtures:
    chromium_browser  the session's Chromium (skips the test when Chromium is absent)
    browser_page      a fresh page (its own context, 1280x800) with the collectors attached
    page_errors       the `PageErrors` of `browser_page`: console errors, uncaught
                      exceptions, CSP violations, blocked requests to other hosts
    http_server       `http_server(directory)` serves a folder until the test ends, returns
                      its base URL ("http://127.0.0.1:PORT/")

Playwright's own browser download cannot work here, so we always launch Debian's
`chromium` (`apt-get install chromium`). Pages may load only from 127.0.0.1/localhost:
requests to any other host are aborted and reported in `PageErrors.external`.

PYTEST_DONT_REWRITE: test modules import this module before pytest registers it as a
plugin, so pytest could not rewrite its asserts anyway; it raises AssertionError itself.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socketserver
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Route

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)
NO_CHROMIUM = "Debian's chromium is not installed (apt-get install chromium)"
requires_chromium = pytest.mark.skipif(not HAVE_CHROMIUM, reason=NO_CHROMIUM)

CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--metrics-recording-only",
    "--mute-audio",
)

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})


# --------------------------------------------------------------------------- static server

_TEXT = "; charset=utf-8"
MIME_TYPES = {
    "": "application/octet-stream",
    ".html": "text/html" + _TEXT,
    ".htm": "text/html" + _TEXT,
    ".js": "text/javascript" + _TEXT,
    ".mjs": "text/javascript" + _TEXT,
    ".css": "text/css" + _TEXT,
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".txt": "text/plain" + _TEXT,
    ".md": "text/markdown" + _TEXT,
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".pdf": "application/pdf",
    ".wasm": "application/wasm",
    ".gz": "application/gzip",
    # Pagefind's index files
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pagefind": "application/octet-stream",
}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves one directory with fixed MIME types and no log lines."""

    extensions_map = MIME_TYPES

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        ext = os.path.splitext(os.fspath(path))[1].lower()
        return MIME_TYPES.get(ext) or super().guess_type(path)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # a browser closing a connection early is no error of the site
        pass


@contextlib.contextmanager
def serve(directory: str | os.PathLike[str]) -> Iterator[str]:
    """Serve `directory` over HTTP on 127.0.0.1 at a free port; yield "http://127.0.0.1:PORT/"."""
    root = Path(directory).resolve()
    if not root.is_dir():
        raise NotADirectoryError(root)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name=f"serve {root}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --------------------------------------------------------------------------- browser

# Reported to Python through an exposed binding, so it survives navigations and works under
# any Content-Security-Policy (init scripts and bindings are not subject to the page's CSP).
_CSP_SCRIPT = """
document.addEventListener('securitypolicyviolation', (e) => {
  window.__reportCspViolation({
    directive: e.effectiveDirective || e.violatedDirective,
    blocked: e.blockedURI,
    source: e.sourceFile ? `${e.sourceFile}:${e.lineNumber}` : '',
    sample: e.sample || '',
    disposition: e.disposition,
    page: document.location.href,
  });
}, true);
"""


@dataclass
class PageErrors:
    """What went wrong on a page: each list holds one readable line per problem."""

    console: list[str] = field(default_factory=list)  # console messages of type "error"
    exceptions: list[str] = field(default_factory=list)  # uncaught exceptions ("pageerror")
    csp: list[str] = field(default_factory=list)  # securitypolicyviolation events
    external: list[str] = field(default_factory=list)  # blocked requests to other hosts
    csp_events: list[dict[str, str]] = field(default_factory=list)  # the raw CSP events

    def all(self) -> list[str]:
        return (
            [f"console: {m}" for m in self.console]
            + [f"exception: {m}" for m in self.exceptions]
            + [f"csp: {m}" for m in self.csp]
            + [f"external request: {m}" for m in self.external]
        )

    def __bool__(self) -> bool:
        return bool(self.console or self.exceptions or self.csp or self.external)

    def clear(self) -> None:
        for items in (self.console, self.exceptions, self.csp, self.external, self.csp_events):
            items.clear()

    def assert_none(self) -> None:
        """Fail with every problem listed unless there were none."""
        problems = self.all()
        if problems:
            raise AssertionError("problems in the browser:\n  " + "\n  ".join(problems))


def launch_chromium(playwright: Any, **kwargs: Any) -> Browser:
    """Launch Debian's Chromium with a started `sync_playwright()` object."""
    if not HAVE_CHROMIUM:
        raise FileNotFoundError(NO_CHROMIUM)
    args = list(CHROMIUM_ARGS) + list(kwargs.pop("args", []))
    return playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, chromium_sandbox=False, args=args, **kwargs
    )


@contextlib.contextmanager
def chromium(**kwargs: Any) -> Iterator[Browser]:
    """Start Playwright (sync API) and Debian's Chromium; yield the Browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright, **kwargs)
        try:
            yield browser
        finally:
            browser.close()


def watch(page: Page, *, block_external: bool = True) -> PageErrors:
    """Attach the collectors to `page` (call before its first navigation)."""
    errors = PageErrors()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            loc = message.location or {}
            where = f" ({loc.get('url')}:{loc.get('lineNumber')})" if loc.get("url") else ""
            errors.console.append(message.text + where)

    def on_csp(_source: Any, event: dict[str, str]) -> None:
        errors.csp_events.append(event)
        line = f"{event.get('disposition')} {event.get('directive')} blocked {event.get('blocked')}"
        if event.get("source"):
            line += f" at {event['source']}"
        if event.get("sample"):
            line += f" sample {event['sample']!r}"
        errors.csp.append(line + f" on {event.get('page')}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.exceptions.append(f"{exc.name}: {exc.message}"))
    page.expose_binding("__reportCspViolation", on_csp)
    page.add_init_script(_CSP_SCRIPT)

    if block_external:

        def only_local(route: Route, request: Request) -> None:
            host = urlsplit(request.url).hostname or ""
            if host in LOCAL_HOSTS:
                route.continue_()
            else:
                errors.external.append(request.url)
                route.abort("blockedbyclient")

        page.route("**/*", only_local)
    return errors


@contextlib.contextmanager
def open_page(
    browser: Browser,
    *,
    viewport: dict[str, int] | None = None,
    block_external: bool = True,
    timeout_ms: float = 15_000,
    **context_kwargs: Any,
) -> Iterator[tuple[Page, PageErrors]]:
    """A new context and page (desktop 1280x800 unless `viewport`), watched; yield both."""
    context_kwargs.setdefault("locale", "en-US")
    context_kwargs.setdefault("timezone_id", "UTC")
    context = browser.new_context(viewport=viewport or DESKTOP, **context_kwargs)
    try:
        page = context.new_page()
        page.set_default_timeout(timeout_ms)
        errors = watch(page, block_external=block_external)
        yield page, errors
    finally:
        context.close()


# --------------------------------------------------------------------------- axe-core


class AxeViolation(NamedTuple):
    id: str  # the rule, e.g. "image-alt"
    impact: str | None  # "minor", "moderate", "serious" or "critical"
    help: str  # one line on what to fix
    nodes: list[str]  # each failing element: its CSS target, then its HTML (shortened)

    def __str__(self) -> str:
        return f"{self.id} ({self.impact}): {self.help}\n    " + "\n    ".join(self.nodes)


def axe_results(page: Page, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run axe-core (bundled in the PyPI package axe-playwright-python) on the loaded page.

    `options` are axe.run's options; the default reports violations only. Runs in the
    page's main world through DevTools, so it works under a strict Content-Security-Policy.
    """
    from axe_playwright_python.sync_playwright import Axe

    if options is None:
        options = {"resultTypes": ["violations"]}
    page.evaluate(Axe().axe_script)
    return page.evaluate("(options) => axe.run(document, options)", options)


def axe_violations(
    page: Page,
    impacts: tuple[str, ...] | None = ("serious", "critical"),
    *,
    options: dict[str, Any] | None = None,
) -> list[AxeViolation]:
    """axe-core's violations on the loaded page with one of `impacts` (None: every impact)."""
    found = []
    for v in axe_results(page, options)["violations"]:
        if impacts is not None and v.get("impact") not in impacts:
            continue
        nodes = [
            " >>> ".join(map(str, n.get("target", []))) + "  " + _short(n.get("html", ""))
            for n in v.get("nodes", [])
        ]
        found.append(AxeViolation(v["id"], v.get("impact"), v.get("help", ""), nodes))
    return found


def _short(html: str, limit: int = 160) -> str:
    html = " ".join(html.split())
    return html if len(html) <= limit else html[: limit - 1] + "…"


def format_violations(violations: list[AxeViolation]) -> str:
    return "\n".join(str(v) for v in violations)


# --------------------------------------------------------------------------- pytest fixtures


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Browser]:
    if not HAVE_CHROMIUM:
        pytest.skip(NO_CHROMIUM)
    with chromium() as browser:
        yield browser


@pytest.fixture
def _watched_page(chromium_browser: Browser) -> Iterator[tuple[Page, PageErrors]]:
    with open_page(chromium_browser) as pair:
        yield pair


@pytest.fixture
def browser_page(_watched_page: tuple[Page, PageErrors]) -> Page:
    return _watched_page[0]


@pytest.fixture
def page_errors(_watched_page: tuple[Page, PageErrors]) -> PageErrors:
    return _watched_page[1]


@pytest.fixture
def http_server() -> Iterator[Callable[[str | os.PathLike[str]], str]]:
    with contextlib.ExitStack() as stack:

        def start(directory: str | os.PathLike[str]) -> str:
            return stack.enter_context(serve(directory))

        yield start
