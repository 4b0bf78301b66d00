"""`mkdocs serve`'s live reload, under the site's Content-Security-Policy.

MkDocs' development server appends an inline `<script>` to every page it serves, which polls
the server and reloads the page once a rebuild has finished. The site's policy runs no inline
script it did not hash (site/csp.py), and that script differs on every request (it carries
the server's build epoch and the request's time), so a browser refuses it: the page a
contributor is editing would never reload by itself. In `mkdocs serve` (never in a build) the
plugin has the server append the same code as a script *file* of the site instead, with the
two numbers as `data-` attributes: the policy allows scripts from the site itself.

Where the server (MkDocs' or a fork's) has not the hook this needs, nothing changes and the
log says the page must be reloaded by hand.
"""

from __future__ import annotations

import html
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..site.assets import SITE_DIR

SCRIPT = f"{SITE_DIR}/livereload.js"  # site path, written only into a served site
_CALL = "livereload(${epoch}, ${request_id});"
# the semicolon: without it, the function expression before it would be called with this one
_OWN_CALL = (
    ";(function (s) { livereload(+s.dataset.epoch, +s.dataset.request); })(document.currentScript);"
)


def script_source(server_module: Any) -> str | None:
    """The server's own live-reload code, called with the numbers of its script tag; None
    when the server's code is not what this module knows."""
    template = getattr(server_module, "_SCRIPT_TEMPLATE_STR", None)
    if not isinstance(template, str) or template.count(_CALL) != 1:
        return None
    return template.replace(_CALL, _OWN_CALL)


class LiveReload:
    """Makes a `LiveReloadServer` append `<script src=...>` rather than an inline script."""

    def __init__(self, log: logging.Logger) -> None:
        self.log = log
        self.source: str | None = None

    def install(self, server: Any) -> None:
        module = sys.modules.get(type(server).__module__)
        source = script_source(module)
        inject = getattr(server, "_inject_js_into_html", None)
        if source is None or not callable(inject):
            self.log.info(
                "live reload: this server's pages carry an inline script the site's "
                "Content-Security-Policy refuses: reload the page by hand after a save"
            )
            return
        self.source = source
        mount = getattr(server, "mount_path", "/") or "/"
        src = html.escape(mount.rstrip("/") + "/" + SCRIPT)
        stamp: Callable[[], int] = getattr(module, "_timestamp", lambda: round(time.time() * 1000))

        def inject_script(content: bytes, epoch: int) -> bytes:
            end = content.rfind(b"</body>")
            if end < 0:
                end = len(content)
            tag = (
                f'<script src="{src}" data-epoch="{int(epoch)}" data-request="{int(stamp())}">'
                "</script>"
            ).encode()
            return content[:end] + tag + content[end:]

        server._inject_js_into_html = inject_script

    def write(self, site_dir: Path) -> None:
        """Put the script into the served site (after every build: a clean build empties it)."""
        if self.source is None:
            return
        target = site_dir / SCRIPT
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.source, encoding="utf-8")
