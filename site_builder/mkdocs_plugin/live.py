"""`mkdocs serve`: a rebuild that keeps what the last one made, and live reload.

**Keeping what the last build made** (`Session`, `DirtyRebuilds`). The plugin object lives
as long as the server (it has `on_startup`), and with it: the articles read, by file (an
unchanged file is not read again, core/archive.py `ArticleMemo`); what the checks made of
each article (checks/run.py `Memo`: a save checks anew the articles it touched); what the
site is made of, by a digest of its inputs (core/made.py `Made`: the related articles, each
article's data lines and citation, each entry's data files and feed, the names search
reads); each article page's key inputs (build_cache.py `KeyMemo`); the templates, compiled;
and the site folder. Every rebuild after the first runs as MkDocs' *dirty* build (the
server's `build` is wrapped), which empties nothing and skips every page whose
`File.is_modified()` says so: the plugin says so of each article page whose build-cache key
(build_cache.py `Keys.article`) is the one the last build wrote; of each registry entry's
page and its generated lists (`Generated.owner`) when no article that lists the entry, before
or after the edit, changed and the registry did not (`Session.affected`); and of each
generated page whose `Generated.key` (a digest of what its list shows, site/plan.py) is the
last build's. It hands their search documents to Pagefind in their place. The rest (home, the
A-Z indexes, the overviews, what an edit touched) is made as in any build (the build cache
spares the theme where it can); data files are written only when their bytes changed; files
the last build made and this one does not are removed. MkDocs' polling of the watched files
pauses while a rebuild runs (`QuietPolls`). The page is shown as soon as it is written: the
build cache and the search index are finished on a thread (the next build waits for the
cache only; an index whose pages Pagefind has not all been handed when the next build begins
is left to that build, which indexes every page), and Python's cycle collector, paused for
the build, runs there once. A change of mkdocs.yml, of the theme, of the hand-written pages
or of a version, or a build that failed after it changed the folder, makes the next one a
full rebuild into an emptied folder, and the log says why.
tests/test_serve_incremental.py: after every kind of edit, the served folder is the cold
build's, byte for byte.

**The saved page first** (`Saves`, `Epochs`, plugin.py `_show_first`). When the one file
saved since the last build is an article's, its page is made before the rebuild begins, from
the last build (its navigation, theme and site, the article read anew against its registry),
and written; the server's epoch moves on, so the browser that shows the page reloads it at
once, while the rebuild makes every page the save changed (that one again: for an edit of the
article's own fields or text, the same bytes). Meanwhile the server serves the site folder as
it is. When the rebuild ends, every open page asks the server for its file and reloads only
if it changed (its script tag carries the digest of the file served): the month's list that
shows the new headline reloads, the saved page does not reload twice, an unrelated page not
at all. Not shown first: two files saved at once, a registry entry or a capture, an article
with an error, a deleted or renamed one, a save after a build that failed; then the rebuild
shows it, as before. A rebuild that fails leaves the server waiting for a good build, as
MkDocs does (the page shown first stays).
tests/test_serve_first.py, tests/test_serve_live_reload.py.

**Live reload** (`LiveReload`). MkDocs' development server appends an inline `<script>` to
every page it serves, which polls the server and reloads the page once a rebuild has
finished. The site's policy runs no inline script it did not hash (site/csp.py), and that
script differs on every request (it carries the server's build epoch and the request's
time), so a browser refuses it: the page a contributor is editing would never reload by
itself. In `mkdocs serve` (never in a build) the plugin has the server append the same code
as a script *file* of the site instead, with the two numbers as `data-` attributes: the
policy allows scripts from the site itself. Where the server (MkDocs' or a fork's) has not
the hooks this needs, nothing changes and the log says so.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.utils import clean_directory
from watchdog.observers.polling import PollingEmitter

from ..checks.run import Memo
from ..core.archive import ArticleMemo
from ..core.made import Made
from ..site.assets import SITE_DIR
from ..site.render import Compiled
from .build_cache import KeyMemo

SCRIPT = f"{SITE_DIR}/livereload.js"  # site path, written only into a served site
_CALL = "livereload(${epoch}, ${request_id});"
# the semicolon: without it, the function expression before it would be called with this one
_OWN_CALL = (
    ";(function (s) { sbPage = s.dataset.page;"
    " livereload(+s.dataset.epoch, +s.dataset.request); })(document.currentScript);"
)
_RELOAD = "location.reload();"
# A new build: the page is reloaded if the server's copy of it is not the one shown (its
# script tag carries the digest of the file served), else the polling goes on.
_IF_CHANGED = (
    "epoch = parseFloat(this.responseText); sbChanged(function () { location.reload(); }, poll);"
)
_CHANGED = """
var sbPage;
var sbChanged = function (reload, poll) {
    if (!sbPage) { reload(); return; }
    fetch(location.href, { cache: "no-store" }).then(function (r) {
        return r.ok ? r.text() : "";
    }).then(function (text) {
        var found = text.match(/data-page="[0-9a-f]+"/g);
        var now = found ? found[found.length - 1].slice(11, -1) : null;
        if (now === sbPage) { poll(); } else { reload(); }
    }, reload);
};
"""


def script_source(server_module: Any) -> str | None:
    """The server's own live-reload code, called with the numbers of its script tag, that
    reloads the page only when a build has changed it (else, where the server's code does
    not read as this module knows, on every build, as MkDocs does); None when the server's
    code is not what this module knows."""
    template = getattr(server_module, "_SCRIPT_TEMPLATE_STR", None)
    if not isinstance(template, str) or template.count(_CALL) != 1:
        return None
    source = template.replace(_CALL, _OWN_CALL)
    if source.count(_RELOAD) == 1:
        source = _CHANGED + source.replace(_RELOAD, _IF_CHANGED)
    return source


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
            page = hashlib.blake2b(content, digest_size=8).hexdigest()  # the file served
            tag = (
                f'<script src="{src}" data-epoch="{int(epoch)}" data-request="{int(stamp())}" '
                f'data-page="{page}"></script>'
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


# -- builds that keep what the last one made ---------------------------------------------------


@dataclass
class Shown:
    """An article page as the last build wrote it: its cache key, what search read of it, the
    anchors other pages may link to."""

    key: str
    document: str | None
    anchors: set[str] | None
    inputs: str | None = None  # a generated page's `Generated.key`


@dataclass
class Session:
    """What `mkdocs serve` keeps from one build to the next: the articles read (by file), the
    site folder with the pages the last build wrote, and what search read of each page.

    A rebuild is *incremental* when the last build in this process ended well, into the same
    folder, in the same environment (versions, mkdocs.yml, theme, hand-written pages: the
    build cache's key, build_cache.py): then MkDocs runs its build `dirty` (nothing removed
    first) and a page whose inputs are the last build's (`unchanged`, `untouched`)
    is not processed at all; every other page is made again as in any build (the build cache
    spares the theme where it can), data files whose bytes did not change are not written
    again, and files the last build wrote that this one does not make are removed. Otherwise
    the site folder is emptied first and everything is built, and the log says why.
    """

    memo: ArticleMemo = field(default_factory=ArticleMemo)
    templates: jinja2.BytecodeCache = field(default_factory=lambda: Compiled())
    checks: Memo = field(default_factory=Memo)
    keys: KeyMemo = field(default_factory=KeyMemo)
    data: Made = field(default_factory=Made)
    pages: dict[str, Shown] = field(default_factory=dict)  # src_uri -> article page written
    # site path -> a data file's content as written, and its digest
    written: dict[str, tuple[bytes | str, str]] = field(default_factory=dict)
    made: set[str] = field(default_factory=set)  # every site path the last build made
    site_dir: str | None = None
    environment: str | None = None
    ended_well: bool = False
    digests: dict[str, str] = field(default_factory=dict)  # article src_uri -> Keys.source
    listed: dict[str, frozenset[str]] = field(default_factory=dict)  # ... -> its entries
    registry: str | None = None  # the registry's digest
    # this build's
    incremental: bool = False
    touched: bool = False  # this build has changed the site folder
    skipped: dict[str, Shown] = field(default_factory=dict)
    next_state: tuple[dict[str, str], dict[str, frozenset[str]], str | None] = ({}, {}, None)
    next_pages: dict[str, Shown] = field(default_factory=dict)
    next_written: dict[str, tuple[bytes | str, str]] = field(default_factory=dict)

    def begin(
        self, site_dir: str, environment: str | None, dirty: bool, log: logging.Logger
    ) -> None:
        """Decide whether this build is incremental; if not and MkDocs does not empty the site
        folder itself (a dirty build), empty it. `environment`: the build cache's, None when
        it reuses no page (turned off, or another plugin configured)."""
        why = None
        if environment is None:
            why = "the build cache reuses no page in this configuration"
        elif not self.ended_well:
            why = "the first build" if self.site_dir is None else "the last build failed"
        elif site_dir != self.site_dir:
            why = "another site folder"
        elif environment != self.environment:
            why = "mkdocs.yml, the theme, the hand-written pages or a version changed"
        self.incremental = why is None and dirty
        self.ended_well = False
        self.touched = not self.incremental
        self.skipped, self.next_pages, self.next_written = {}, {}, {}
        if self.incremental:
            return
        if dirty:
            clean_directory(site_dir)
        if self.site_dir is not None:
            log.info(f"serve: a full rebuild ({why or 'asked for'})")
        self.site_dir, self.environment = site_dir, environment
        self.pages, self.written, self.made = {}, {}, set()

    def touch(self) -> None:
        """This build is about to change the site folder (its checks have passed)."""
        self.touched = True

    def failed(self) -> None:
        """The build failed. If it had not changed the site folder yet (the archive had an
        error: the usual failure while editing), the folder still holds the last good build,
        and the next build may be incremental from it."""
        self.ended_well = self.incremental and not self.touched
        self.skipped, self.next_pages, self.next_written = {}, {}, {}

    def affected(
        self, digests: dict[str, str], listed: dict[str, frozenset[str]], registry: str
    ) -> set[str] | None:
        """The registry entries (source URIs) whose articles changed since the last build
        (added, removed or edited articles that list them, before or after the edit); None
        for all of them (the registry changed, or the build is not incremental). Remembers
        this build's articles for the next."""
        before, before_listed = self.digests, self.listed
        self.next_state = (digests, listed, registry)  # kept once the build ends well
        if not self.incremental or registry != self.registry:
            return None
        out: set[str] = set()
        for src in digests.keys() | before.keys():
            if digests.get(src) != before.get(src):
                out |= listed.get(src, frozenset()) | before_listed.get(src, frozenset())
        return out

    def untouched(self, src_uri: str, dest: Path) -> Shown | None:
        """The last build's page, left as it is (its inputs did not change)."""
        shown = self.pages.get(src_uri)
        if not self.incremental or shown is None or not dest.is_file():
            return None
        self.skipped[src_uri] = self.next_pages[src_uri] = shown
        return shown

    def unchanged(
        self, src_uri: str, dest: Path, *, key: str | None = None, inputs: str | None = None
    ) -> Shown | None:
        """The last build's page, if this build's cache key for it (`key`, an article's) or
        what it is made of (`inputs`, a generated page's `Generated.key`) is the last build's."""
        shown = self.pages.get(src_uri)
        if shown is None or key is not None and shown.key != key:
            return None
        if inputs is not None and shown.inputs != inputs:
            return None
        return self.untouched(src_uri, dest)

    def wrote(self, src_uri: str, shown: Shown) -> None:
        self.next_pages[src_uri] = shown

    def data_unchanged(self, path: str, content: bytes | str) -> bool:
        """Whether a data file's bytes are those the last build wrote (then not written): the
        same object (kept, core/made.py) or the same digest."""
        last = self.written.get(path)
        if last is not None and last[0] is content:
            self.next_written[path] = last
            return self.incremental
        data = content.encode("utf-8") if isinstance(content, str) else content
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        self.next_written[path] = (content, digest)
        return self.incremental and last is not None and last[1] == digest

    def capture_in_place(self, path: str, capture: Path) -> bool:
        """Whether the site holds the capture already, linked (then not linked again)."""
        if not self.incremental or self.site_dir is None:
            return False
        try:
            return (Path(self.site_dir) / path).samefile(capture)
        except OSError:
            return False

    def end(self, made: Iterable[str], site_dir: Path, log: logging.Logger) -> None:
        """The build ended well: remove what the last one made and this one did not; keep
        this one's pages for the next."""
        made = set(made)
        if self.incremental:
            stale = sorted(self.made - made)
            for path in stale:
                (site_dir / path).unlink(missing_ok=True)
            log.info(
                f"serve: {len(self.skipped)} pages left as they were, "
                f"{len(self.next_pages) - len(self.skipped)} written, {len(stale)} files removed"
            )
        self.pages, self.written, self.made = self.next_pages, self.next_written, made
        self.digests, self.listed, self.registry = self.next_state
        self.skipped, self.next_pages, self.next_written = {}, {}, {}
        self.ended_well = True


def unmodified() -> bool:
    """`File.is_modified` of a page a dirty build leaves as it is."""
    return False


class DirtyRebuilds:
    """Has `mkdocs serve` run every rebuild after the first as a dirty build, which leaves
    the site folder and lets the plugin say which pages changed (`File.is_modified`): the
    server's `build` is wrapped, in the module that calls it. MkDocs' warning that a dirty
    build may leave stale navigation is not shown: the plugin decides what is stale."""

    def __init__(self, log: logging.Logger) -> None:
        self.log = log
        self.dirty = False  # the build running now
        # Before a rebuild: the page of the article saved, made and shown first (True when
        # it was), and the server's epochs, that have the browser reload it (`Epochs`).
        self.first: Callable[[], bool] | None = None
        self.epochs: Epochs | None = None

    def install(self, builder: Callable[..., Any]) -> bool:
        module = sys.modules.get(getattr(builder, "__module__", "") or "")
        build = getattr(module, "build", None)
        if module is None or not callable(build):
            return False
        if getattr(build, "_site_builder", False):  # installed by an earlier serve
            return True
        owner = self

        def dirty_build(config: Any, *, serve_url: str | None = None, dirty: bool = False) -> Any:
            epochs, shown = owner.epochs, False
            if owner.first is not None and epochs is not None:
                try:
                    shown = owner.first()
                except Exception as exc:  # never the rebuild's failure: it makes the page
                    owner.log.warning(f"serve: the saved page could not be shown first: {exc}")
            if shown and epochs is not None:
                epochs.show()
            owner.dirty = True
            try:
                return build(config, serve_url=serve_url, dirty=True)
            finally:
                owner.dirty = False
                if shown and epochs is not None:
                    epochs.renew()

        dirty_build._site_builder = True  # type: ignore[attr-defined]
        setattr(module, "build", dirty_build)  # noqa: B010
        logging.getLogger(getattr(build, "__module__", "mkdocs.commands.build")).addFilter(
            _no_dirty_warning
        )
        return True


def _no_dirty_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("A 'dirty' build is being performed")


class Saves:
    """The files the server's watchers saw change since the last `take` (a rebuild began)."""

    def __init__(self) -> None:
        self._paths: set[str] = set()
        self._lock = threading.Lock()

    def seen(self, event: Any) -> None:
        if getattr(event, "is_directory", True):
            return
        with self._lock:
            for name in ("src_path", "dest_path"):
                path = getattr(event, name, None)
                if path:
                    self._paths.add(os.fsdecode(path))

    def take(self) -> set[str]:
        with self._lock:
            out, self._paths = self._paths, set()
        return out


class Epochs:
    """MkDocs' server's build epochs. A page open in a browser asks the server for a newer
    epoch than its own, and the server answers once a build has ended (and serves no page
    while one runs). `show`: the page made first is shown now, the build going on (every page
    is served meanwhile as the site folder has it). `renew`, when the build has ended: a newer
    epoch, for every open page to see whether the build changed it (the live-reload script)."""

    def __init__(self, server: Any) -> None:
        self.server = server
        module = sys.modules.get(type(server).__module__)
        self._stamp: Any = getattr(module, "_timestamp", None)
        self.usable = callable(self._stamp) and all(
            hasattr(server, a) for a in ("_epoch_cond", "_visible_epoch", "_wanted_epoch")
        )

    def show(self) -> None:
        server = self.server
        with server._epoch_cond:
            server._visible_epoch = server._wanted_epoch
            server._epoch_cond.notify_all()

    def renew(self) -> None:
        """After the build: MkDocs makes this epoch visible when the build ended well; after
        a failure the server waits for a good build, as it does without `show`."""
        server = self.server
        with server._epoch_cond:
            server._wanted_epoch = max(int(self._stamp()), server._visible_epoch + 1)


class QuietPolls:
    """MkDocs' server finds saved files by polling: every half second it lists and stats every
    file it watches (21,000 at 10,000 articles, a tenth of a second of Python each time), and
    beside a rebuild that slows the rebuild by a fifth on a two-core machine. While `busy()`
    (a rebuild runs), the polls are skipped: the first poll after it compares the folders with
    what they were before it, so a save made meanwhile still brings the next rebuild, as it
    would have. Only polling watchers are quieted; the server's and watchdog's code is
    untouched where it is not what this knows."""

    def __init__(self, busy: Callable[[], bool], saves: Saves | None = None) -> None:
        self.busy = busy
        self.saves = saves  # told of every change the watchers find

    def install(self, server: Any) -> bool:
        observer = getattr(server, "observer", None)
        watch = getattr(server, "watch", None)
        if observer is None or not callable(watch) or not hasattr(observer, "emitters"):
            return False
        self._quiet(observer)

        def watch_quietly(*args: Any, **kwargs: Any) -> Any:
            out = watch(*args, **kwargs)
            self._quiet(observer)  # the emitter of a path watched from now on
            return out

        server.watch = watch_quietly
        return True

    def _quiet(self, observer: Any) -> None:
        for emitter in list(observer.emitters):
            if self.saves is not None and "queue_event" not in vars(emitter):
                queue, saves = emitter.queue_event, self.saves

                def queue_event(event: Any, queue: Any = queue, saves: Saves = saves) -> None:
                    saves.seen(event)
                    queue(event)

                emitter.queue_event = queue_event
            if not isinstance(emitter, PollingEmitter) or "queue_events" in vars(emitter):
                continue
            poll, stopped = emitter.queue_events, emitter.stopped_event

            def queue_events(
                timeout: float, poll: Callable[[float], None] = poll, stopped: Any = stopped
            ) -> None:
                if self.busy():
                    stopped.wait(timeout)  # the same rhythm, no listing
                    return
                poll(timeout)

            emitter.queue_events = queue_events  # type: ignore[method-assign]  # run() calls it
