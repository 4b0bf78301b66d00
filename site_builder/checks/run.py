"""Every check of `site-builder check` beyond the schema, over a loaded archive."""

from __future__ import annotations

from ..core.archive import Archive, paused_gc
from ..core.diagnostics import Diagnostics
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


def run_all(archive: Archive) -> Diagnostics:
    """Every check over the loaded archive; returns the loader's problems and its own.

    On two cores the checks that read the article texts (quotes, unlisted names) run in a
    child process while this one runs the rest.
    """
    with paused_gc():
        text_checks = in_child(lambda: _text_checks(archive), what="the checks of the texts")
        diags = Diagnostics(archive.diagnostics)
        paragraphs = {id(a): _Paragraphs(a) for a in archive.articles}
        check_article_ids(archive, diags)
        check_provenance(archive, diags)
        check_duplicate_urls(archive, diags)
        check_near_duplicates(archive, paragraphs, diags)
        check_repeats(archive, paragraphs, diags)
        check_raw_html(archive, diags)
        check_nesting(archive, diags)
        check_leftovers(archive, diags)
        diags.extend(text_checks())
        return diags


def _text_checks(archive: Archive) -> Diagnostics:
    diags = Diagnostics()
    texts = {id(a): plain(a.body) for a in archive.articles}
    check_quotes(archive, texts, diags)
    check_mentions(archive, texts, diags)
    return diags


def run_all_in_background(archive: Archive) -> Pending[Diagnostics]:
    """Start :func:`run_all` in a child process and return a function that waits for it.

    A build needs the checks' verdict only before it renders anything, and on a machine with
    two cores the checks can run beside the rest of the build's setup (at 10,000 articles
    each takes seconds).
    """
    return in_child(lambda: run_all(archive), what="the checks of the archive")
