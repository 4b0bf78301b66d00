"""The build cache: pages (and the search index) of the last build, reused where their inputs
have not changed, so that a build after a small edit writes the cold build's site in a fraction
of its time.

Where: `.cache/site-builder/<environment>/` beside mkdocs.yml, one folder per *environment*:
the versions of Python and of every installed distribution (MkDocs, Material, Pagefind,
Markdown... by name and version), a digest of this package's own files (so that a checkout
with other code never reuses pages: the version number alone does not change between
commits), MkDocs' configuration as the plugin leaves it, the files of a `custom_dir` theme and
the hand-written pages (the nav and footer on every page come from them). A build whose
environment has no folder, or whose folder's manifest says otherwise, is a full rebuild, and
the log says what differs. Each build leaves it holding exactly the pages that build made or
reused: a build that made every page replaces `pages.sqlite` with its own file; a build that
reused pages adds the pages it made to it and removes those it did not use, in one
transaction (not while another build reads it: `lock`). Two environments are kept (`mkdocs
serve` and `mkdocs build` differ by `site_url`), older ones are removed.

What is reused, and keyed by what (a page is reused only when its key is in the cache):

- An **article page**, whole: nothing of it is rendered again. Its key is the page's every
  input: the article's source file, the registry's files (names and aliases link bodies and
  fill the chips), the source files of the articles it lists as related or as translations,
  whether its capture is published and was verified, its breadcrumbs as this build makes
  them, and, when its body may link to another file (`](`, `]:`, `<`), the list of every
  file of the site (MkDocs resolves those links against it). Its head tags are not: the
  article, the registry, its URL and the environment make them.
- A **registry entry's page** and the pages of its long lists, whole, when the registry and
  the articles that list the entry (their files, in order) are what the cached page was made
  of, with what the theme reads of the page besides its content (`Keys.made_page`).
- A **generated page whose plan keys it** (`Generated.key`: the articles a list shows, in
  order, and the site's options), whole, on the same grounds.
- **Every other page** (home, hand-written pages, a list whose inputs changed): its content
  is made again (cheap, in Python), and the key is everything the theme reads of the page
  (URL, title, metadata, table of contents, content, head tags, breadcrumbs, the active
  tab...); on a hit, Material's template (about half of a page's time) is not rendered. A
  page that has both keys is kept under both (`lookup`'s `also`).
- A reused page is not handed to MkDocs: `PageWriter` copies its bytes from the cache into
  the site, in a process of its own.
- **What pages and data files are made of** (each entry's data files and feed, each
  article's records in the data files and its citation): kept under the keys `mkdocs serve`
  keeps them under in memory, and taken where the key is the same (stored_made.py).
- The **search index**: the documents every page hands Pagefind are hashed in order; when
  the hash is the last build's, the bundle is copied from the cache and Pagefind does not run.
- What the **checks of the texts** found in each article (`checks_file`, checks/run.py
  `Memo.write`), by everything they read of it and of the registry.

Never reused: a page whose build logged a warning (a warm build must warn as a cold one
does, for `--strict`), a page whose Markdown links to an anchor elsewhere (MkDocs validates
those after every page is rendered), and every page when another plugin is configured or
the nav has an entry without an explicit title (either could change any page in ways no key
here sees). The byte-for-byte tests in tests/test_build_cache.py diff a warm build against a
cold one after each kind of edit.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import logging
import os
import re
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..core.archive import Archive
from ..core.contentfiles import published_capture
from ..core.model import Article
from ..search.pagefind import BUNDLE_DIR
from ..search.process import IndexerProcess, read_document
from ..search.shards import document_digest, link_or_copy, page_identity
from ..site.site import Site
from .page_writer import PageWriter

# Windows has no fcntl: no lock between builds (see `BuildCache._take_reading_lock`)
if sys.platform != "win32":
    import fcntl

if TYPE_CHECKING:
    import jinja2

FORMAT = 4  # of the folder's files: a change makes every older cache a full rebuild
FOLDER = Path(".cache") / "site-builder"
MKDOCS_BUILD_LOG = "mkdocs.commands.build"  # the logger of MkDocs' page loop
KEEP = 2  # environments kept: the current one and the most recent other
PACKAGE = Path(__file__).resolve().parents[1]
_ADDRESS = re.compile(r"<[\w.]+ object at 0x[0-9a-f]+>| at 0x[0-9a-f]+")
_LINKISH = re.compile(r"\]\(|\]:|<")  # Markdown or HTML that may link to another file


def _digest() -> hashlib.blake2b:
    return hashlib.blake2b(digest_size=20)


def package_digest(package: Path = PACKAGE) -> str:
    """A digest of this package's files (code, templates, assets), whatever its version says."""
    h = _digest()
    for path in sorted(package.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        h.update(path.relative_to(package).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def environment_versions(program: str = "mkdocs") -> dict[str, str]:
    """Python's version and every installed distribution's, this package's digest, and the
    program that builds (`mkdocs` or `properdocs`, the package whose build runs: each writes
    its own name into every page's generator tag, so a page one of them made is never the
    other's; however it was started: `mkdocs`, `python -m mkdocs`, under a profiler)."""
    versions = {"python": sys.version, "program": program}
    for dist in metadata.distributions():
        name = dist.name
        if name:
            versions[re.sub(r"[-_.]+", "-", name).lower()] = dist.version
    versions["site-builder sources"] = package_digest()
    return versions


def differences(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """What differs between two version maps, for the log: `mkdocs 1.6.0 (now 1.6.1)`."""
    out = []
    for name in sorted(old.keys() | new.keys()):
        before, now = old.get(name), new.get(name)
        if before == now:
            continue
        if before is None:
            out.append(f"{name} (none, now {now})")
        elif now is None:
            out.append(f"{name} {before} (now none)")
        else:
            out.append(f"{name} {before} (now {now})")
    return out


def plain(value: Any) -> Any:
    """A JSON-able, stable form of a configuration value: no memory addresses."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if hasattr(value, "items"):
        return plain(dict(value.items()))
    return repr(value)


def files_digest(paths: Iterable[Path], root: Path) -> str:
    h = _digest()
    for path in sorted(paths):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


@dataclass
class Entry:
    """A cached page: the digest of its search document, if it has one (the document is read
    only where it is needed, `stored_document`), and its anchors (its HTML stays in the cache
    until `PageWriter` copies it into the site)."""

    digest: bytes | None
    anchors: list[str] | None


@dataclass
class _Page:
    """What the cache knows of one page during the build."""

    key: str | None = None
    also: str | None = None  # another key the page is kept under
    hit: Entry | None = None
    document: str | None = None
    warned: bool = False
    opened_at: int | None = None
    storable: bool = True
    anchors: list[str] | None = None


class _Skipped(logging.Filter):
    """Drops MkDocs' "Page skipped ... empty output" for pages `PageWriter` writes: MkDocs
    writes no file for a page whose HTML is empty, which is what a reused page hands it."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not message.startswith("Page skipped: '"):
            return True
        return message[len("Page skipped: '") :].partition("'")[0] not in self.pages


class _Warnings(logging.Handler):
    """Counts warnings and errors logged by MkDocs and its plugins."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class BuildCache:
    """One build's use of the cache: `begin` once the configuration is final, then per page
    `lookup`/`store`, and `finish` (or `abandon`) at the end."""

    folder: Path  # .cache/site-builder
    versions: dict[str, str]
    log: logging.Logger
    environment: str = ""
    reuse_pages: bool = True
    _old: sqlite3.Connection | None = None
    # the last build's pages' anchors and search documents' digests, by key: read at once,
    # in one query, when the first page is looked up (one query a page cost 1 s at 10,000
    # articles, each waiting for the interpreter's lock after SQLite let go of it)
    _old_pages: dict[str, tuple[str | None, bytes | None]] | None = None
    _new: sqlite3.Connection | None = None
    _pages: dict[str, _Page] = field(default_factory=dict)
    _warnings: _Warnings = field(default_factory=_Warnings)
    _search_key: Any = None
    _writer: PageWriter | None = None
    _skipped: _Skipped = field(default_factory=_Skipped)
    _reading: int | None = None  # the environment's lock file, held shared (flock)
    # what this build used of the last one's: the keys of the pages reused (and the
    # (key, old key) of those kept under a second key), of the values reused; put in the
    # cache's tables once, at the end (a query a page cost 0.8 s at 10,000 articles)
    _reused_keys: set[str] = field(default_factory=set)
    _aliases: dict[str, str] = field(default_factory=dict)
    _made_used: set[str] = field(default_factory=set)
    _started: float = 0.0
    reused = 0
    rendered = 0

    @classmethod
    def at(cls, root: Path, log: logging.Logger, program: str = "mkdocs") -> BuildCache:
        return cls(root / FOLDER, environment_versions(program), log)

    # -- the environment -------------------------------------------------------------------

    def begin(self, config: dict[str, Any], why_not: str | None = None) -> None:
        """Open the cache of this environment (`config`: what of the configuration every page
        depends on); a full rebuild, logged, when there is none or it was made by another."""
        self._started = time.monotonic()
        described = json.dumps(
            {"format": FORMAT, "versions": self.versions, "config": plain(config)},
            sort_keys=True,
        )
        if _ADDRESS.search(described):  # an object that says only where it is in memory
            why_not = why_not or "a configuration value that cannot be compared: " + ", ".join(
                sorted(set(_ADDRESS.findall(described)))
            )
            described = _ADDRESS.sub("", described)
        self.environment = hashlib.blake2b(described.encode(), digest_size=10).hexdigest()
        here = self.folder / self.environment
        manifest = self._manifest(here)
        self._old_pages = None
        if why_not:
            self.reuse_pages = False
            self.log.info(f"cache: pages are not reused: {why_not}")
        if manifest is None:
            self._explain_cold()
        elif manifest.get("format") != FORMAT or manifest.get("versions") != self.versions:
            said = differences(manifest.get("versions") or {}, self.versions)
            self.log.info(
                "cache: a full rebuild: the cache was made by "
                + (", ".join(said) or f"another cache format ({manifest.get('format')})")
            )
        elif (here / "pages.sqlite").is_file():
            self._old = sqlite3.connect(
                f"file:{here / 'pages.sqlite'}?mode=ro", uri=True, check_same_thread=False
            )
        here.mkdir(parents=True, exist_ok=True)
        self._take_reading_lock(here)
        new = here / self._new_name
        new.unlink(missing_ok=True)
        # `finish` may come from another thread (mkdocs serve's, once the pages are shown)
        self._new = sqlite3.connect(new, isolation_level=None, check_same_thread=False)
        self._reused_keys, self._aliases, self._made_used = set(), {}, set()
        self._new.execute("PRAGMA journal_mode=OFF")
        self._new.execute("PRAGMA synchronous=OFF")
        # The anchors and the search document's digest (shards.py `document_digest`) first,
        # the HTML last: each is read without reading through what comes after it
        self._new.execute(
            "CREATE TABLE pages (key TEXT PRIMARY KEY, anchors TEXT, digest BLOB, document BLOB, "
            "output BLOB)"
        )
        # what the build made besides pages (stored_made.py), by key
        self._new.execute("CREATE TABLE made (key TEXT PRIMARY KEY, value BLOB)")
        self._new.execute("CREATE TEMP TABLE reused (key TEXT PRIMARY KEY)")
        self._new.execute("CREATE TEMP TABLE made_used (key TEXT PRIMARY KEY)")
        self._new.execute("CREATE TEMP TABLE aliases (key TEXT PRIMARY KEY, old TEXT)")
        self._new.execute("BEGIN")
        logging.getLogger("mkdocs").addHandler(self._warnings)
        logging.getLogger(MKDOCS_BUILD_LOG).addFilter(self._skipped)

    @property
    def _new_name(self) -> str:  # two builds at once (serve and build) write apart
        return f"pages.sqlite.new-{os.getpid()}"

    def _take_reading_lock(self, here: Path) -> None:
        """Held (shared) from `begin` to the end of the build: a build that ends meanwhile
        leaves the pages it did not use in place, as this build may still read them."""
        if sys.platform == "win32":
            return
        fd = os.open(here / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
        except OSError:
            os.close(fd)
            return
        self._reading = fd

    def _alone(self) -> bool:
        """Whether no other build reads this environment's pages now (the reading lock made
        exclusive; the shared lock may be given up either way)."""
        fd = self._reading
        if fd is None:
            return sys.platform == "win32"
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _release(self) -> None:
        fd, self._reading = self._reading, None
        if fd is not None:
            os.close(fd)  # and with it the lock

    def _manifest(self, here: Path) -> dict[str, Any] | None:
        try:
            found = json.loads((here / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return found if isinstance(found, dict) else None

    def _explain_cold(self) -> None:
        others = [p for p in self.folder.glob("*/manifest.json")] if self.folder.is_dir() else []
        if not others:
            self.log.info(f"cache: a cold build; it fills {self.folder}")
            return
        latest = max(others, key=lambda p: p.stat().st_mtime)
        manifest = self._manifest(latest.parent) or {}
        said = differences(manifest.get("versions") or {}, self.versions)
        self.log.info(
            "cache: a full rebuild: the cache was made by "
            + (", ".join(said) if said else "another configuration (mkdocs.yml, its theme, "
               "or the hand-written pages)")
        )  # fmt: skip

    # -- pages -----------------------------------------------------------------------------

    def page(self, src_uri: str) -> _Page:
        p = self._pages.get(src_uri)
        if p is None:
            p = self._pages[src_uri] = _Page()
        return p

    def key(self, *parts: str | bytes) -> str:
        h = _digest()
        h.update(self.environment.encode())
        for part in parts:
            h.update(len(part).to_bytes(8, "little"))
            h.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def lookup(self, src_uri: str, key: str, dest: str, also: str | None = None) -> Entry | None:
        """The cached page for `key`, if this build may reuse it (remembered for the page,
        which is kept under `also` too). A page found is copied to `dest` (its file) at
        once, by `PageWriter`: an article's is found before any page is rendered (MkDocs
        has emptied the site folder by then), and the copying takes the rest of the build's
        time rather than the end of it."""
        p = self.page(src_uri)
        p.key, p.also = key, also
        if self._old is None or not self.reuse_pages:
            return None
        if self._old_pages is None:
            rows = self._old.execute("SELECT key, anchors, digest FROM pages")
            self._old_pages = {key: (anchors, digest) for key, anchors, digest in rows}
        row = self._old_pages.get(key)
        if row is None:
            return None
        anchors, digest = row
        p.hit = Entry(digest, None if anchors is None else json.loads(anchors))
        if self._writer is None:
            self._writer = PageWriter(self.folder / self.environment / "pages.sqlite")
        self._writer.write(key, dest)
        return p.hit

    def stored_document(self, key: str) -> str | None:
        """The search document of a page this build reuses (`lookup` found it)."""
        assert self._old is not None
        return read_document(self._old, key)

    @property
    def documents_file(self) -> Path | None:
        """The file of the last build's pages, which this build reuses: the search indexer
        reads there the documents of the pages it is handed by their keys."""
        if self._old is None or not self.reuse_pages:
            return None
        return self.folder / self.environment / "pages.sqlite"

    def hit(self, src_uri: str) -> Entry | None:
        p = self._pages.get(src_uri)
        return p.hit if p is not None else None

    def watch(self, src_uri: str) -> None:
        """From now until `unwatch`, a warning makes the page unfit to be stored."""
        self.page(src_uri).opened_at = self._warnings.count

    def unwatch(self, src_uri: str) -> None:
        p = self.page(src_uri)
        if p.opened_at is not None and self._warnings.count != p.opened_at:
            p.warned = True
        p.opened_at = None

    def not_storable(self, src_uri: str) -> None:
        self.page(src_uri).storable = False

    def reusable(self, src_uri: str) -> tuple[str, str | None, set[str] | None] | None:
        """(key, search document, anchors) of a page this build reused or stored."""
        p = self._pages.get(src_uri)
        if p is None or p.key is None:
            return None
        if p.hit is not None:
            anchors = p.hit.anchors
            document = self.stored_document(p.key) if p.hit.digest is not None else None
            return p.key, document, None if anchors is None else set(anchors)
        if not p.storable or p.warned:
            return None
        return p.key, p.document, None if p.anchors is None else set(p.anchors)

    def carry(self, key: str) -> None:
        """A page this build leaves as the last one wrote it (`mkdocs serve`): kept."""
        assert self._new is not None
        self.reused += 1
        self._reused_keys.add(key)

    def finish_page(self, src_uri: str, output: str, anchors: Iterable[str] | None) -> str:
        """The page's final HTML for MkDocs to write: `output`, stored; on a hit, nothing
        (MkDocs writes no file): `PageWriter` copies the cached page there (`lookup`)."""
        p = self.page(src_uri)
        assert self._new is not None
        if p.hit is not None:
            assert p.key is not None
            self.reused += 1
            self._reused_keys.add(p.key)
            if p.also is not None:
                self._aliases.setdefault(p.also, p.key)
            self._skipped.pages.add(src_uri)
            return ""
        self.rendered += 1
        p.anchors = None if anchors is None else sorted(anchors)
        if p.key is not None and p.storable and not p.warned:
            row = (
                None if anchors is None else json.dumps(sorted(anchors)),
                None if p.document is None else document_digest(p.document),
                None if p.document is None else p.document.encode("utf-8", "surrogatepass"),
                output.encode("utf-8", errors="xmlcharrefreplace"),  # as MkDocs writes it
            )
            for key in (p.key, p.also) if p.also is not None else (p.key,):
                self._new.execute(
                    "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?)", (key, *row)
                )
        return output

    # -- what the build made besides pages (stored_made.py) --------------------------------

    def made_get(self, key: str) -> bytes | None:
        """The value the last build kept under `key`, if this build may reuse it."""
        if self._old is None or not self.reuse_pages:
            return None
        row = self._old.execute("SELECT value FROM made WHERE key = ?", (key,)).fetchone()
        return None if row is None else bytes(row[0])

    def made_keep(self, key: str) -> None:
        """The value the last build kept under `key` was used: kept for the next."""
        assert self._new is not None
        self._made_used.add(key)

    def made_put(self, key: str, value: bytes) -> None:
        assert self._new is not None
        self._new.execute("INSERT OR REPLACE INTO made VALUES (?, ?)", (key, value))

    # -- search ----------------------------------------------------------------------------

    @property
    def search_parts(self) -> Path:
        """Where the search indexer keeps the parts of the index it wrote (keyed by their
        pages), one folder per set of versions: Pagefind's among them."""
        return self.folder / f"search-parts-{self.versions_digest}"

    @property
    def versions_digest(self) -> str:
        described = json.dumps(self.versions, sort_keys=True).encode()
        return hashlib.blake2b(described, digest_size=10).hexdigest()

    @property
    def checks_file(self) -> Path:
        """Where a build keeps what the checks of the texts found in each article
        (checks/run.py `Memo.write`), for these versions (the checks' code among them)."""
        return self.folder / f"checks-{self.versions_digest}.json"

    @property
    def search_dir(self) -> Path:
        return self.folder / self.environment / "search"

    def search_bundle(self, key: str) -> Path | None:
        """The last build's Pagefind bundle, if it was made of the same documents (and this
        build's versions: the environment's pages are reused)."""
        try:
            made = (self.search_dir / "key").read_text(encoding="utf-8")
        except OSError:
            return None
        bundle = self.search_dir / "pagefind"
        return bundle if made == key and bundle.is_dir() and self._old is not None else None

    def keep_search(self, key: str, bundle: Path) -> None:
        """Keep a copy of the bundle this build wrote (or reused) for the next build."""
        staging = self.search_dir.with_name(f"search.new-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(bundle, staging / "pagefind", copy_function=link_or_copy)
        (staging / "key").write_text(key, encoding="utf-8")
        shutil.rmtree(self.search_dir, ignore_errors=True)
        staging.rename(self.search_dir)

    # -- the end ---------------------------------------------------------------------------

    def write_pages(self) -> None:
        """Wait until every reused page is in the site (raises OSError if one could not be
        written)."""
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.finish()

    def finish(self) -> None:
        """Write this build's cache: the pages it made and those it reused; older environments
        beyond `KEEP` removed."""
        self.write_pages()
        self._detach()
        assert self._new is not None
        here = self.folder / self.environment
        db = self._new
        db.executemany("INSERT INTO reused VALUES (?)", ((k,) for k in self._reused_keys))
        db.executemany("INSERT INTO aliases VALUES (?, ?)", self._aliases.items())
        db.executemany("INSERT INTO made_used VALUES (?)", ((k,) for k in self._made_used))
        db.execute("COMMIT")
        try:
            if self._old is not None and self.reuse_pages:
                self._close_old()
                self._update_in_place(here)
                self._new.close()
                (here / self._new_name).unlink(missing_ok=True)
            else:  # every page made anew: this build's file replaces the last build's
                self._close_old()
                self._new.close()
                os.replace(here / self._new_name, here / "pages.sqlite")
        finally:
            self._new = None
            self._release()
        manifest = {"format": FORMAT, "versions": self.versions}
        tmp = here / f"manifest.json.new-{os.getpid()}"
        tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, here / "manifest.json")
        for old in self._older_environments():
            shutil.rmtree(old, ignore_errors=True)
        total = self.reused + self.rendered
        self.log.info(
            f"cache: {self.reused} of {total} pages reused, {self.rendered} rendered; "
            f"{time.monotonic() - self._started:.1f} s from the files to the end of the build"
        )

    def _update_in_place(self, here: Path) -> None:
        """The last build's file brought to this build's pages, in one transaction: the
        pages made anew added, and, unless another build is reading it, the pages this build
        did not use removed; the same for what it made besides pages (stored_made.py).
        (Copying the reused pages into a new file instead took 15 s at 10,000 articles: 0.5
        GB of HTML.)"""
        assert self._new is not None
        db = self._new
        db.execute("ATTACH ? AS kept", (str(here / "pages.sqlite"),))
        try:
            # SQLite built with SECURE_DELETE (Debian's is) zero-fills and journals every
            # page a replaced or removed row leaves: 1.4 s for 400 pages of HTML instead of
            # 0.05 s. A cache of public pages keeps no secret worth that.
            db.execute("PRAGMA kept.secure_delete = OFF")
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT OR REPLACE INTO kept.pages SELECT * FROM main.pages")
            db.execute("INSERT OR REPLACE INTO kept.made SELECT * FROM main.made")
            db.execute(
                "INSERT OR IGNORE INTO kept.pages "
                "SELECT a.key, o.anchors, o.digest, o.document, o.output "
                "FROM aliases AS a JOIN kept.pages AS o ON o.key = a.old"
            )
            if self._alone():
                db.execute(
                    "DELETE FROM kept.pages WHERE key NOT IN (SELECT key FROM reused) "
                    "AND key NOT IN (SELECT key FROM main.pages) "
                    "AND key NOT IN (SELECT key FROM aliases)"
                )
                db.execute(
                    "DELETE FROM kept.made WHERE key NOT IN (SELECT key FROM made_used) "
                    "AND key NOT IN (SELECT key FROM main.made)"
                )
            else:
                self.log.debug("cache: another build is reading it: no page removed")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        finally:
            db.execute("DETACH kept")

    def _older_environments(self) -> Iterator[Path]:
        for parts in self.folder.glob("search-parts-*"):  # made by other versions
            if parts != self.search_parts:
                shutil.rmtree(parts, ignore_errors=True)
        for kept in self.folder.glob("checks-*.json"):
            if kept != self.checks_file:
                kept.unlink(missing_ok=True)
        others = [
            p
            for p in self.folder.iterdir()
            if p.is_dir() and p.name != self.environment and not p.name.startswith("search-")
        ]
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        yield from others[KEEP - 1 :]

    def abandon(self) -> None:
        """The build failed: leave the cache as it was."""
        self._detach()
        self._close_old()
        if self._new is not None:
            self._new.close()
            self._new = None
            (self.folder / self.environment / self._new_name).unlink(missing_ok=True)
        self._release()

    def _close_old(self) -> None:
        """Close the last build's file, and forget what was read of it."""
        if self._old is not None:
            self._old.close()
        self._old = self._old_pages = None

    def _detach(self) -> None:
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.cancel()
        logging.getLogger("mkdocs").removeHandler(self._warnings)
        logging.getLogger(MKDOCS_BUILD_LOG).removeFilter(self._skipped)


def anchors_resolve_here(page: Page) -> bool:
    """Whether every link to an anchor that MkDocs validates after rendering every page is to
    an anchor of the page itself that exists (a heading's permalink): a reused page, whose
    links are not seen, then passes the same validation."""
    links = page.links_to_anchors or {}
    present = page.present_anchor_ids or set()
    return all(f is page.file and set(anchors) <= present for f, anchors in links.items())


def may_link(body: str) -> bool:
    """Whether Markdown may hold a link or an image MkDocs resolves against the site's files."""
    return _LINKISH.search(body) is not None


# MkDocs' settings that reach the pages (the site folder and docs_dir, paths on this machine,
# do not; `mkdocs serve` builds into a new temporary folder each time).
CONFIG_KEYS = (
    "site_name", "site_url", "site_description", "site_author", "repo_url", "repo_name",
    "edit_uri", "edit_uri_template", "copyright", "use_directory_urls", "nav",
    "markdown_extensions", "mdx_configs", "extra", "extra_css", "extra_javascript",
    "extra_templates", "validation", "strict",
)  # fmt: skip


def program(config: MkDocsConfig) -> str:
    """The program whose build runs: the top package of its configuration's class."""
    return type(config).__module__.partition(".")[0]


def why_no_reuse(config: MkDocsConfig) -> str | None:
    """Why no page may be reused in this configuration, if there is a reason."""
    others = [name for name in config.plugins if name not in OUR_PLUGIN_NAMES]
    if others:
        return f"another plugin may change any page ({', '.join(others)})"
    if not _titled(config.nav or []):
        return "the nav has an entry without a title: its title comes from a page"
    return None


OUR_PLUGIN_NAMES = ("site-builder",)


def _titled(nav: Any) -> bool:
    if isinstance(nav, list):
        return all(_titled(item) for item in nav)
    if isinstance(nav, dict):
        return all(isinstance(v, str) or _titled(v) for v in nav.values())
    return False  # a bare "page.md": titled by the page


def registry_digest(archive: Archive) -> str:
    """A digest of the registry's files: names and aliases link bodies and fill the pages."""
    return files_digest((archive.root / e.path for e in archive.registry), archive.root)


def article_digest(item: Article) -> str:
    """A digest of an article as read from its file: every field but the line numbers
    (diagnostics only) and what resolution added (the registry's digest stands for it)."""
    values = [
        (f.name, getattr(item, f.name))
        for f in dataclasses.fields(item)
        if f.name not in ("lines", "refs", "outlet", "body")
    ]
    h = hashlib.blake2b(repr(values).encode("utf-8", "surrogatepass"), digest_size=20)
    # The body apart, as it is: `repr` of 5,000 letters of Cyrillic checks each is printable
    # (half the time of the digest). A NUL byte is never in a `repr`: the two cannot run on.
    h.update(b"\0")
    h.update(item.body.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


@dataclass
class KeyMemo:
    """What `Keys` made of each article, kept by `mkdocs serve` from one build to the next
    (its articles are read again only when their files change, `ArticleMemo`): an article's
    digest, by the identity of its `lines` (shared by every copy the memo hands out of one
    reading of the file, and held here, so that no other object can take its identity); its
    page's key, with what `Keys.article` was given for it."""

    sources: dict[str, tuple[object, str]] = field(default_factory=dict)
    # src -> what `Keys.article` was given, the environment, the key, whether the Markdown
    # may link to a file and the site's files then
    keys: dict[str, tuple[list[str], str, str, bool, str]] = field(default_factory=dict)

    def digest(self, item: Article) -> str:
        """`article_digest`, made once for each reading of the article's file."""
        known = self.sources.get(item.src_uri)
        if known is not None and known[0] is item.lines:
            return known[1]
        digest = article_digest(item)
        self.sources[item.src_uri] = (item.lines, digest)
        return digest


class Keys:
    """The cache keys of this build's pages (see the module's docstring for what they hold)."""

    def __init__(
        self,
        site: Site,
        config: MkDocsConfig,
        files: Files,
        memo: KeyMemo | None = None,
        registry: str | None = None,
    ) -> None:
        """`registry`: the registry's digest (`registry_digest`), if already made."""
        self.site, self.files = site, files
        self.root = site.archive.root
        self._files: str | None = None
        self.memo = memo
        self._kept = KeyMemo()  # what this build made or reused, the memo once it ends
        self.registry = registry or registry_digest(site.archive)

    def environment(self, config: MkDocsConfig) -> dict[str, Any]:
        theme = config.theme
        return {
            "mkdocs": {name: config.get(name) for name in CONFIG_KEYS},
            "theme": [theme.name, dict(theme.items())],
            "theme files": [_theme_dir_digest(Path(d)) for d in theme.dirs],
            "plugins": [(name, dict(p.config.items())) for name, p in config.plugins.items()],
            "hand pages": files_digest(
                (self.root / p.path for p in self.site.archive.pages), self.root
            ),
        }

    def source(self, item: Article) -> str:
        """A digest of an article as read from its file: every field but the line numbers
        (diagnostics only) and what resolution added (the registry's digest stands for it)."""
        digest = (self.memo or self._kept).digest(item)
        self._kept.sources[item.src_uri] = (item.lines, digest)
        return digest

    def remember(self) -> None:
        """The build ended: the memo keeps what this one used."""
        if self.memo is not None:
            self.memo.sources = self._kept.sources
            self.memo.keys = self._kept.keys

    def all_files(self) -> str:
        """A digest of the site's files (what a link in Markdown resolves against)."""
        if self._files is None:
            h = _digest()
            h.update(
                "\n".join(sorted(f.src_uri for f in self.files)).encode("utf-8", "surrogatepass")
            )
            self._files = h.hexdigest()
        return self._files

    def article(self, cache: BuildCache, a: Article, file: File, markdown: str) -> str:
        site = self.site
        index = site.index
        url = page_url(file)
        captured = published_capture(a.capture) if a.capture else ""
        # What the key is made of but the Markdown and the breadcrumbs, which
        # the article's file (`source`) and the environment decide: while all of it is what
        # the last build of this process found, so is the key (`mkdocs serve`).
        given = [
            "article", file.src_uri, url, str(file.inclusion), self.source(a), self.registry,
        ]  # fmt: skip
        for other in [*index.translations.get(id(a), []), *index.related.get(id(a), [])]:
            given += [other.src_uri, self.source(other)]
        given += [
            f"verified={a.id in site.articles.verified}",
            f"published={captured in site.captures}",
        ]
        known = self.memo.keys.get(file.src_uri) if self.memo is not None else None
        if known is not None and known[0] == given and known[1] == cache.environment:
            if not known[3] or known[4] == self.all_files():
                self._kept.keys[file.src_uri] = known
                return known[2]
        h = _digest()
        h.update(markdown.encode("utf-8", "surrogatepass"))
        links = may_link(markdown)
        parts = [
            *given, h.hexdigest(),
            repr(site.options.capture_url(a.capture) if a.capture else None),
            repr(site.breadcrumbs.trail(file.src_uri)),
        ]  # fmt: skip
        files = self.all_files() if links else ""
        key = cache.key(*parts, files)
        self._kept.keys[file.src_uri] = (given, cache.environment, key, links, files)
        return key

    def page(self, cache: BuildCache, page: Page, head: str, tab: Any) -> str:
        """The key of everything the theme reads of a page whose content is made."""
        return cache.key("page", *_around(page, head, tab), _toc_text(page.toc), page.content or "")

    def made_page(
        self, cache: BuildCache, page: Page, head: str, tab: Any, made_of: list[str]
    ) -> str:
        """The key of a page, before its content is made, from what that content is made of
        (`made_of`, with the environment's): a hit is reused whole."""
        return cache.key("made page", *_around(page, head, tab), *made_of)


def _around(page: Page, head: str, tab: Any) -> list[str]:
    """What the theme reads of a page but its content and table of contents."""
    neighbours = [
        (getattr(p, "url", None), p.title) if p is not None else None
        for p in (page.previous_page, page.next_page, page.parent)
    ]
    return [
        page.file.src_uri, page.url, str(page.file.inclusion), page.title or "",
        json.dumps(plain(page.meta), sort_keys=True), f"home={page.is_homepage}",
        repr(neighbours), page.edit_url or "", page.canonical_url or "", head,
        getattr(tab, "url", "") or "",
    ]  # fmt: skip


def page_url(file: File) -> str:
    """`Page.url` of the file's page, before MkDocs makes the page."""
    return "" if file.url in (".", "./") else file.url


def _toc_text(toc: Iterable[Any]) -> str:
    return json.dumps(
        [[t.id, t.title, t.level, _toc_text(t.children)] for t in toc], ensure_ascii=False
    )


# Theme folders whose files the versions already stand for: MkDocs', Material's, this package's.
_VERSIONED = tuple(
    Path(spec.origin).resolve().parent
    for spec in map(importlib.util.find_spec, ("mkdocs", "material"))
    if spec is not None and spec.origin
) + (PACKAGE,)


def _theme_dir_digest(folder: Path) -> str:
    """A theme folder's files (a maintainer's `custom_dir`), unless a version stands for them."""
    resolved = folder.resolve()
    if any(resolved.is_relative_to(v) for v in _VERSIONED):
        return "versioned"
    if not resolved.is_dir():
        return "absent"
    return files_digest((p for p in resolved.rglob("*") if p.is_file()), resolved)


def skip_reused(env: jinja2.Environment, cache: BuildCache | None) -> None:
    """Material's page template yields nothing for a reused page (on_post_page puts the cached
    HTML in its place): the theme is about half of a page's time. None: it renders every
    page again."""
    template: Any = env.get_template("main.html")
    if getattr(template, "_site_builder_reuse", None) is cache:
        return
    render = getattr(template, "_site_builder_render", None) or template.root_render_func
    template._site_builder_render = render  # the theme's own, wrapped once
    template._site_builder_reuse = cache
    if cache is None:
        template.root_render_func = render
        return

    def root_render_func(context: Any) -> Iterator[str]:
        page = context.get("page")
        if page is not None and cache.hit(page.file.src_uri) is not None:
            yield " "
            return
        yield from render(context)

    template.root_render_func = root_render_func


class SearchFeed:
    """The documents pages hand to search, to Pagefind as they come (a warm build almost always
    changes some), hashed in order: once every page is in, if the hash is the last build's,
    Pagefind is stopped and the cached bundle copied instead."""

    def __init__(
        self,
        indexer: IndexerProcess,
        cache: BuildCache | None,
        log: logging.Logger,
        later: bool = False,
    ):
        """`later`: the documents are kept, and handed to Pagefind only by `finish` (`mkdocs
        serve` finishes the index on a thread once the pages are shown)."""
        self.indexer, self.cache, self.log = indexer, cache, log
        self.later: list[tuple[str, str]] | None = [] if later else None
        self.documents = _digest()
        self.count = 0
        self.reuse: Path | None = None
        self._order: Iterator[str] = iter(())
        self._known: dict[str, str] = {}

    def start(self) -> None:
        self.indexer.start()

    def keep_order(self, order: Iterable[str], known: dict[str, str]) -> None:
        """`known` (URL -> document): pages whose documents the feed has already (pages the
        build leaves as they were, `mkdocs serve`); each goes to Pagefind in its place in
        `order` (every page's URL, in the order MkDocs reads them), as if its page had been
        made: the index is the one a build that made every page writes."""
        self._order, self._known = iter(order), dict(known)

    def _known_until(self, url: str | None) -> None:
        if not self._known:
            return
        for before in self._order:
            if before == url:
                return
            document = self._known.pop(before, None)
            if document is not None:
                self._add(before, document)

    def add(self, url: str, document: str) -> None:
        self._known_until(url)
        self._add(url, document)

    def add_stored(self, url: str, key: str, digest: bytes) -> None:
        """A page the build cache holds under `key`, whose document's digest is `digest`:
        Pagefind's process reads the document from the cache only if it must index it again
        (`mkdocs serve`, which hands every document over once the pages are shown, reads it
        now)."""
        self._known_until(url)
        if self.later is not None:
            assert self.cache is not None
            document = self.cache.stored_document(key)
            if document is not None:
                self._add(url, document)
            return
        self.count += 1
        self.documents.update(page_identity(url, digest))
        self.indexer.add_stored(url, key, digest)

    def _add(self, url: str, document: str) -> None:
        self.count += 1
        self.documents.update(page_identity(url, document_digest(document)))
        if self.later is not None:
            self.later.append((url, document))
        else:
            self.indexer.add_page(url, document)

    def key(self) -> str:
        assert self.cache is not None
        # the indexer's options but where things are (`mkdocs serve` builds in a new folder)
        options = {
            k: v for k, v in self.indexer.options.items() if k not in ("site_dir", "part_cache")
        }
        return self.cache.key(
            "search", json.dumps(options, sort_keys=True), self.documents.hexdigest()
        )

    def all_in(self) -> None:
        """Every page is in: the cached bundle if it was made of the same documents, else
        Pagefind writes its bundle while the pages are rendered."""
        self._known_until(None)
        if self.later is not None:  # the last build's bundle may still be being written
            return
        self.reuse = self.cache.search_bundle(self.key()) if self.cache is not None else None
        if self.reuse is None:
            self.indexer.write_soon()

    def finish(self, site_dir: Path, stop: Callable[[], bool] | None = None) -> bool:
        """The bundle in the site (written or copied), and kept in the cache. `stop`: asked
        between the documents handed over late (`later`); when it says so, Pagefind drops
        what it has and nothing is written (False)."""
        target = site_dir / BUNDLE_DIR
        if self.reuse is not None:
            self.indexer.close(failed=True)  # the child drops what it indexed
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(self.reuse, target, copy_function=link_or_copy)
            self.log.info(f"search: reused the index of {self.count} pages from the cache")
            bundle = target
        else:
            for n, (url, document) in enumerate(self.later or ()):
                if stop is not None and n % 256 == 0 and stop():
                    self.indexer.close(failed=True)
                    return False
                self.indexer.add_page(url, document)
            if self.later is not None:
                self.later = None
                self.indexer.write_soon()
            stats = self.indexer.finish()
            self.log.info(stats.summary())
            bundle = stats.bundle_dir
        if self.cache is not None:
            self.cache.keep_search(self.key(), bundle)
        return True
