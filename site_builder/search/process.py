"""Pagefind fed from a process of its own: the build's process only writes pages to a pipe.

Talking to Pagefind through its Python wrapper costs Python work for every page: JSON and
base64 encoding, the wrapper's asyncio loop, the answers read back. Measured on 3,540 real
search documents, 0.43 ms a page, nearly all of it in the indexer's thread; in the build's
process that thread holds the interpreter lock MkDocs needs, so it slowed a 10,000-article
build by about 5 s. :class:`IndexerProcess` runs the indexer
(:class:`~site_builder.search.shards.ShardedIndexer`: one Pagefind after another, for parts of
the pages, put together at the end) in a child Python process
(``python -m site_builder.search.process``) and hands it each page as raw UTF-8 through a
pipe; that work then runs on the machine's other core, beside Pagefind.

A page the build cache holds goes by its cache key and the digest of its HTML (``add_stored``);
the child reads its HTML from the cache's file (:class:`StoredDocuments`) only if a Pagefind
must index it again.

The child reports on its standard output, one JSON object a line: ``{"ready": true}`` once
Pagefind runs, ``{"say": ...}`` for progress, then ``{"stats": ...}`` or ``{"error": ...}``.
When the build fails, its end of the pipe closes and the child stops Pagefind, writing nothing.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import struct
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, BinaryIO

from .indexer import (
    DEFAULT_LANGUAGE,
    Progress,
    SearchIndexError,
    SearchStats,
    StartAndClose,
    check_language,
)
from .shards import DEFAULT_SHARD_WORDS, ShardedIndexer

_FRAME = struct.Struct("<cII")  # kind, then the byte lengths of the URL and the HTML
# Pages go to the child in batches of about this many bytes: one system call for a batch
# rather than one for each page, each of which hands the interpreter's lock to the build's
# other threads (which then keep it for up to 5 ms) and costs the build's thread its turn.
_BATCH_BYTES = 1 << 20
_PAGE, _STORED, _WRITE, _FINISH = b"P", b"S", b"W", b"F"
# _STORED, a page the build cache holds: its URL, NUL, its key, NUL, the hex digest of its
# HTML; then no HTML.
_DOCUMENTS = b"D"  # where the stored pages' HTML is: the path, as the URL
_PIPE_BYTES = 1 << 20  # Linux: room for dozens of pages, so the build rarely waits on the child
_START_SECONDS = 120  # the child imports Pagefind's wrapper and starts the binary: seconds at most
_STOP_SECONDS = 150
# Pages the child hands Pagefind ahead of its answers. More than the in-process default: while
# the build renders Markdown faster than Pagefind indexes, pages wait in Pagefind's pipe (a few
# megabytes) instead of the build waiting on the child.
_IN_FLIGHT = 1024


class IndexerProcess(StartAndClose):
    """The plugin's search indexer: :class:`~site_builder.search.indexer.Indexer`'s interface, with
    the Indexer itself in a child process. Use it as a context manager."""

    def __init__(
        self,
        site_dir: Path,
        *,
        force_language: str | None = DEFAULT_LANGUAGE,
        progress: Progress | None = None,
        exclude_selectors: Sequence[str] = (),
        shard_words: int | None = DEFAULT_SHARD_WORDS,
        part_cache: Path | None = None,
    ) -> None:
        check_language(force_language)
        self.site_dir = Path(site_dir)
        self.options = {
            "site_dir": str(self.site_dir),
            "force_language": force_language,
            "exclude_selectors": list(exclude_selectors),
            "shard_words": shard_words,
            "part_cache": None if part_cache is None else str(part_cache),
        }
        self.say: Progress = progress or (lambda message: None)
        self.pages_added = 0
        self._proc: subprocess.Popen[bytes] | None = None
        self._reader: threading.Thread | None = None
        self._ready = threading.Event()
        self._launched = False  # the child said Pagefind runs
        self._error: str | None = None
        self._stats: dict[str, Any] | None = None
        self._batch = bytearray()

    def start(self) -> None:
        """Start the child and Pagefind in it; raises :class:`SearchIndexError` if either fails."""
        package_root = str(Path(__file__).resolve().parents[2])
        path = os.environ.get("PYTHONPATH")
        env = {**os.environ, "PYTHONPATH": package_root + (os.pathsep + path if path else "")}
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "site_builder.search.process", json.dumps(self.options)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        _widen(self._proc.stdin)
        self._reader = threading.Thread(target=self._read, name="pagefind-reports", daemon=True)
        self._reader.start()
        if not self._ready.wait(timeout=_START_SECONDS):
            self._proc.kill()
            self.close()
            raise SearchIndexError(
                f"the search indexer did not start within {_START_SECONDS} s; "
                f"`{sys.executable} -m site_builder.search.process` is what the build runs"
            )
        if not self._launched or self._error is not None:
            try:
                status = self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                status = None
            self.close()
            raise SearchIndexError(
                self._error or f"the search indexer stopped before it started (status {status})"
            )

    def add_page(self, url: str, html: str) -> None:
        """Hand one page to the indexer: ``url`` as the site links it (``/people/x/``)."""
        self._frame(_PAGE, url.encode("utf-8"), html.encode("utf-8"))

    def add_stored(self, url: str, key: str, document: bytes) -> None:
        """Hand over a page the build cache holds under `key`, by that key and its HTML's
        digest (shards.py `document_digest`): its HTML is read from the cache's file only if
        Pagefind must index it."""
        self._frame(_STORED, f"{url}\0{key}\0{document.hex()}".encode(), b"")

    def documents_in(self, path: Path) -> None:
        """The build cache's file of pages (known once the build's files are), where the
        HTML of the pages handed over by their keys (`add_stored`) is read."""
        self._frame(_DOCUMENTS, os.fsencode(path), b"", page=False)

    def _frame(self, kind: bytes, link: bytes, data: bytes, page: bool = True) -> None:
        batch = self._batch
        batch += _FRAME.pack(kind, len(link), len(data))
        batch += link
        batch += data
        self.pages_added += page
        if len(batch) >= _BATCH_BYTES:
            self._send()

    def write_soon(self) -> None:
        """Every page is in: Pagefind starts writing the bundle (see ``Indexer.write_soon``)."""
        self._send(_FRAME.pack(_WRITE, 0, 0))

    def finish(self) -> SearchStats:
        """Wait for the bundle to be written and swapped in; then report."""
        self._send(_FRAME.pack(_FINISH, 0, 0))
        proc = self._live()
        assert proc.stdin is not None
        proc.stdin.close()
        if self._reader is not None:
            self._reader.join()
        proc.wait()
        if self._stats is None:
            raise SearchIndexError(
                self._error or f"the search indexer exited with status {proc.returncode}"
            )
        stats = dict(self._stats)
        stats["bundle_dir"] = Path(stats["bundle_dir"])
        return SearchStats(**stats)

    def close(self, failed: bool = True) -> None:
        """Stop the child; unless ``finish`` came first, Pagefind writes nothing."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.stdin is not None and not proc.stdin.closed:
                proc.stdin.close()  # end of input without "finish": the child drops the index
        except OSError:
            pass
        try:
            proc.wait(timeout=_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if self._reader is not None:
            self._reader.join(timeout=10)

    def _live(self) -> subprocess.Popen[bytes]:
        if self._proc is None:
            raise SearchIndexError("the search indexer was used after it was closed")
        return self._proc

    def _send(self, *parts: bytes) -> None:
        """The pages batched so far, then `parts`, to the child."""
        if self._error is not None:
            raise SearchIndexError(self._error)
        stdin = self._live().stdin
        assert stdin is not None
        batch, self._batch = self._batch, bytearray()
        try:
            if batch:
                stdin.write(batch)
            for part in parts:
                stdin.write(part)
            stdin.flush()
        except (BrokenPipeError, OSError, ValueError) as error:  # the child is gone
            if self._reader is not None:
                self._reader.join(timeout=10)
            raise SearchIndexError(
                self._error or f"the search indexer stopped ({error}); see the messages above"
            ) from error

    def _read(self) -> None:
        proc = self._proc
        assert proc is not None and proc.stdout is not None
        try:
            for line in proc.stdout:
                try:
                    report = json.loads(line)
                except ValueError:  # not ours: a library printing to stdout
                    self.say(line.decode("utf-8", "replace").rstrip())
                    continue
                if "say" in report:
                    self.say(report["say"])
                elif "error" in report:
                    self._error = report["error"]
                elif "stats" in report:
                    self._stats = report["stats"]
                if "ready" in report:
                    self._launched = True
                if "ready" in report or "error" in report:
                    self._ready.set()
        finally:
            if self._error is None and self._stats is None and proc.poll() not in (None, 0):
                self._error = f"the search indexer exited with status {proc.returncode}"
            self._ready.set()


def _widen(pipe: IO[bytes] | None) -> None:
    # Only Linux sets a pipe's size; elsewhere, or with a smaller limit, the default pipe
    # works, a little slower.
    if sys.platform != "linux":
        return
    if pipe is None:
        return
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
    except (OSError, ValueError):
        pass


# -- the child ----------------------------------------------------------------------------


def _read_exact(stream: BinaryIO, n: int) -> bytes | None:
    data = stream.read(n) if n else b""
    if len(data) < n:
        return None
    return data


def read_document(db: sqlite3.Connection, key: str) -> str | None:
    """The search document kept under `key` in the build cache's file of pages (build_cache.py),
    if there is one."""
    row = db.execute("SELECT document FROM pages WHERE key = ?", (key,)).fetchone()
    return None if row is None or row[0] is None else bytes(row[0]).decode("utf-8", "surrogatepass")


class StoredDocuments:
    """The search documents in the build cache's file of pages (build_cache.py), by key:
    read-only, from whichever thread asks."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def __call__(self, key: str) -> str:
        with self._lock:
            if self._db is None:
                self._db = sqlite3.connect(
                    f"file:{self.path}?mode=ro", uri=True, timeout=60, check_same_thread=False
                )
            document = read_document(self._db, key)
        if document is None:
            raise SearchIndexError(
                f"the build cache {self.path} lost the search document of a page ({key}) "
                "during the build; build again"
            )
        return document

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None


def serve(options: dict[str, Any], source: BinaryIO, report: Any) -> int:
    """The child's loop: pages from ``source`` into an Indexer, reports to ``report``."""

    def send(**message: Any) -> None:
        report.write(json.dumps(message, default=str) + "\n")
        report.flush()

    documents: StoredDocuments | None = None
    indexer = ShardedIndexer(
        Path(options["site_dir"]),
        force_language=options["force_language"],
        exclude_selectors=options["exclude_selectors"],
        progress=lambda message: send(say=message),
        max_in_flight=_IN_FLIGHT,
        shard_words=options.get("shard_words", DEFAULT_SHARD_WORDS),
        part_cache=Path(options["part_cache"]) if options.get("part_cache") else None,
    )
    finished = False  # unless the build says "finish", Pagefind writes nothing
    try:
        indexer.start()
        send(ready=True)
        while True:
            head = _read_exact(source, _FRAME.size)
            if head is None:  # the build stopped
                return 0
            kind, url_bytes, html_bytes = _FRAME.unpack(head)
            if kind == _PAGE:
                url, html = _read_exact(source, url_bytes), _read_exact(source, html_bytes)
                if url is None or html is None:  # the build stopped mid-page
                    return 0
                indexer.add_page(url.decode("utf-8"), html.decode("utf-8"))
            elif kind == _STORED:
                link, html = _read_exact(source, url_bytes), _read_exact(source, html_bytes)
                if link is None or html is None:
                    return 0
                page, key, digest = link.decode("utf-8").split("\0")
                indexer.add_stored(page, key, bytes.fromhex(digest))
            elif kind == _DOCUMENTS:
                path = _read_exact(source, url_bytes)
                if path is None or _read_exact(source, html_bytes) is None:
                    return 0
                if documents is not None:
                    documents.close()
                documents = indexer.documents = StoredDocuments(Path(os.fsdecode(path)))
            elif kind == _WRITE:
                indexer.write_soon()
            elif kind == _FINISH:
                stats = indexer.finish()
                finished = True
                send(stats=dataclasses.asdict(stats))
                return 0
            else:
                raise SearchIndexError(f"the search indexer got an unknown request {kind!r}")
    except SearchIndexError as error:
        send(error=str(error))
        return 1
    except KeyboardInterrupt:  # Ctrl-C reached the whole build: stop, as the build does
        return 130
    except Exception as error:
        send(error=f"the search indexer failed: {type(error).__name__}: {error}")
        return 1
    finally:
        indexer.close(failed=not finished)
        if documents is not None:
            documents.close()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    return serve(json.loads(argv[0]), sys.stdin.buffer, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
