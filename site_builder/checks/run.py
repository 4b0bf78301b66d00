"""Every check of `site-builder check` beyond the schema, over a loaded archive."""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import astuple, dataclass, field
from pathlib import Path

from ..core.archive import Archive, paused_gc
from ..core.diagnostics import Diagnostic, Diagnostics
from ..core.model import Article
from ..text.plaintext import plain
from .articles import (
    _Paragraphs,
    check_article_ids,
    check_duplicate_urls,
    check_mentions,
    check_near_duplicates,
    check_provenance,
    check_quotes,
    check_repeats,
)
from .child import Pending, in_child
from .leftovers import check_leftovers
from .markup import check_nesting, check_raw_html

MEMO_FORMAT = 1  # of the file `Memo.write` writes


@dataclass
class Memo:
    """What the checks made of each article, kept by a long-running process (`mkdocs serve`)
    so that the next run makes it again only for the articles that changed: the problems the
    checks of the texts (quotes, names) found in it, keyed by everything those read of the
    article and of the registry; its paragraphs as the duplicate checks compare them, keyed
    by its body. What the last run did not use is forgotten."""

    texts: dict[str, list[Diagnostic]] = field(default_factory=dict)
    paragraphs: dict[str, _Paragraphs] = field(default_factory=dict)
    made: int = 0  # articles whose texts the last run checked anew
    keep_paragraphs: bool = True  # False: the texts' problems only (`read`, `write`)

    @classmethod
    def read(cls, path: Path) -> Memo:
        """The texts' problems a build kept in `path` (`write`); an empty memo when there is
        no such file or it cannot be read. Paragraphs are not kept there: only the checks
        of the texts take long."""
        memo = cls(keep_paragraphs=False)
        try:
            found = json.loads(path.read_text(encoding="utf-8"))
            if found.get("format") == MEMO_FORMAT:
                memo.texts = {
                    key: [Diagnostic(*d) for d in diags] for key, diags in found["texts"].items()
                }
        except (OSError, ValueError, TypeError, AttributeError, KeyError):
            memo.texts = {}
        return memo

    def write(self, path: Path) -> None:
        """Keep the texts' problems in `path` (replaced atomically), for the next build."""
        texts = {key: [astuple(d) for d in diags] for key, diags in self.texts.items()}
        tmp = path.with_name(f"{path.name}.new-{os.getpid()}")
        tmp.write_text(
            json.dumps({"format": MEMO_FORMAT, "texts": texts}, ensure_ascii=False),
            encoding="utf-8",
        )
        os.replace(tmp, path)

    def update(self, fresh: Memo, texts: Iterable[str], paragraphs: Iterable[str]) -> None:
        """Keep the entries of `texts` and `paragraphs` (the keys a run used), from `fresh`
        (what it made) or from before."""
        self.made = len(fresh.texts)
        self.texts = {k: fresh.texts.get(k) or self.texts.get(k) or [] for k in texts}
        if not self.keep_paragraphs:
            return
        self.paragraphs = {
            k: p for k in paragraphs if (p := fresh.paragraphs.get(k) or self.paragraphs.get(k))
        }


def run_all(archive: Archive, memo: Memo | None = None) -> Diagnostics:
    """Every check over the loaded archive; returns the loader's problems and its own.

    On two cores the checks that read the article texts (quotes, unlisted names) run in a
    child process while this one runs the rest. `memo`: what an earlier run made of each
    article, reused where the article has not changed, and updated.
    """
    diags, fresh, used_texts, used_paragraphs = _run_all(archive, memo)
    if memo is not None:
        memo.update(fresh, used_texts, used_paragraphs)
    return diags


def _run_all(archive: Archive, memo: Memo | None) -> tuple[Diagnostics, Memo, list[str], list[str]]:
    """The diagnostics, what is new for the memo, and the keys this run used (without a
    memo, nothing for it: the child that runs this sends it all back)."""
    with paused_gc():
        known = memo or Memo()
        token = _registry_token(archive)
        text_keys = {id(a): _text_key(token, a) for a in archive.articles}
        new = [a for a in archive.articles if text_keys[id(a)] not in known.texts]
        text_checks: Pending[Diagnostics] = (
            in_child(lambda: _text_checks(archive, new), what="the checks of the texts")
            if new
            else Pending(Diagnostics)
        )
        diags = Diagnostics(archive.diagnostics)
        fresh = Memo()
        paragraphs = {}
        body_keys = {id(a): _body_key(a) for a in archive.articles}
        for a in archive.articles:
            key = body_keys[id(a)]
            p = known.paragraphs.get(key) or fresh.paragraphs.get(key)
            if p is None:
                p = fresh.paragraphs[key] = _Paragraphs(a)
            paragraphs[id(a)] = p
        check_article_ids(archive, diags)
        check_provenance(archive, diags)
        check_duplicate_urls(archive, diags)
        check_near_duplicates(archive, paragraphs, diags)
        check_repeats(archive, paragraphs, diags)
        check_raw_html(archive, diags)
        check_nesting(archive, diags)
        check_leftovers(archive, diags)
        found = text_checks()
        by_path: dict[str, list[Diagnostic]] = defaultdict(list)
        for d in found:
            by_path[d.path].append(d)
        for a in new:
            fresh.texts[text_keys[id(a)]] = by_path.get(a.path, [])
        for a in archive.articles:
            key = text_keys[id(a)]
            diags.extend(fresh.texts[key] if key in fresh.texts else known.texts[key])
        if memo is None:
            return diags, Memo(), [], []
        used = [text_keys[id(a)] for a in archive.articles]
        if not memo.keep_paragraphs:  # not sent back from the child that ran this
            fresh.paragraphs = {}
            return diags, fresh, used, []
        return diags, fresh, used, [body_keys[id(a)] for a in archive.articles]


def _body_key(a: Article) -> str:
    data = f"{a.body_line}\0{a.body}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _registry_token(archive: Archive) -> str:
    """A digest of what the checks of the texts read of the registry."""
    h = hashlib.blake2b(digest_size=16)
    for e in archive.registry:
        h.update(repr(e).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _text_key(token: str, a: Article) -> str:
    """Everything the checks of the texts read of an article (and, by `token`, of the
    registry)."""
    parts = (
        token, a.path, a.body, [(q.line, q.field, q.text) for q in a.quotes],
        sorted((e.kind, e.id) for e in a.entities()),
        a.lines.get(("people",)), a.lines.get(("organizations",)),
    )  # fmt: skip
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _text_checks(archive: Archive, articles: list[Article]) -> Diagnostics:
    diags = Diagnostics()
    texts = {id(a): plain(a.body) for a in articles}
    check_quotes(archive, texts, diags, articles)
    check_mentions(archive, texts, diags, articles)
    return diags


def run_all_in_background(archive: Archive, memo: Memo | None = None) -> Pending[Diagnostics]:
    """Start :func:`run_all` in a child process and return a function that waits for it.

    A build needs the checks' verdict only before it renders anything, and on a machine with
    two cores the checks can run beside the rest of the build's setup (at 10,000 articles
    each takes seconds). The memo, if any, is updated here, from what the child made.
    """
    pending = in_child(lambda: _run_all(archive, memo), what="the checks of the archive")
    return _Remembered(pending, memo)


class _Remembered(Pending[Diagnostics]):
    def __init__(
        self,
        pending: Pending[tuple[Diagnostics, Memo, list[str], list[str]]],
        memo: Memo | None,
    ) -> None:
        super().__init__(self._wait)
        self.pending, self.memo = pending, memo

    def _wait(self) -> Diagnostics:
        diags, fresh, used_texts, used_paragraphs = self.pending()
        if self.memo is not None:
            self.memo.update(fresh, used_texts, used_paragraphs)
        return diags

    def cancel(self) -> None:
        self.pending.cancel()
