"""Checks of the articles against each other and their sources: ids, provenance, quotes,
duplicates, near-duplicates, repeated text, names the front matter does not list."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..core.archive import Archive
from ..core.diagnostics import Diagnostics
from ..core.model import Article, blocks
from ..core.names import quote_text_key
from ..core.urls import canonical
from ..text.mentions import Ambiguous, NameMatcher
from ..text.repeats import paragraph_key, repeated_runs

# Two bodies sharing this share of the shorter one's paragraphs are near-identical.
NEAR_DUPLICATE = 0.8


_MIN_PARAGRAPH = 60  # shorter paragraphs ("Read more", a dateline) prove nothing


def check_article_ids(archive: Archive, diags: Diagnostics) -> None:
    first: dict[str, Article] = {}
    for a in archive.articles:
        if a.id in first:
            diags.error(
                a.path, 0, "", f"the id '{a.id}' is also used by {first[a.id].path}; ids are "
                "URLs and must be unique: rename one file"
            )  # fmt: skip
        first.setdefault(a.id, a)


def check_provenance(archive: Archive, diags: Diagnostics) -> None:
    for a in archive.articles:
        capture = a.capture
        if not capture:
            # A capture without a URL is fine (print, a leaked file); a URL alone may rot.
            what = (
                "the page may change or vanish"
                if a.original_url
                else ("with neither 'url' nor 'capture' a reader cannot verify the article")
            )
            diags.warning(
                a.path, 1, "capture", f"no capture: {what}; keep the original under archive/ "
                "and name it in 'capture' (site-builder import does both)"
            )  # fmt: skip
            continue
        line = a.lines.get(("capture",), 1)
        file = archive.root / capture
        if not file.is_file():
            diags.error(a.path, line, "capture", f"{capture} does not exist")
            continue
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        expected = a.sha256
        if expected is None:
            diags.error(a.path, line, "sha256", f"missing; the capture's SHA-256 is {digest}")
        elif expected != digest:
            diags.error(
                a.path,
                a.lines.get(("sha256",), line),
                "sha256",
                f"does not match {capture} (its SHA-256 is {digest}); a capture is never "
                "edited: restore the original file, or fix the checksum if it was mistyped",
            )


def check_quotes(
    archive: Archive,
    texts: dict[int, str],
    diags: Diagnostics,
    articles: Iterable[Article] | None = None,
) -> None:
    """Every quote occurs in its article's body (`articles`: these only, of the archive's)."""
    for a in archive.articles if articles is None else articles:
        body = quote_text_key(texts[id(a)])
        for q in a.quotes:
            if quote_text_key(q.text) not in body:
                diags.error(
                    a.path,
                    q.line,
                    q.field + ".text",
                    "this text does not occur in the body; a quote must be verbatim (quotation "
                    "marks, dashes and spacing may differ): copy it from the body",
                )


def check_duplicate_urls(archive: Archive, diags: Diagnostics) -> None:
    seen: dict[str, Article] = {}
    for a in sorted(archive.articles, key=lambda a: a.path):
        url = a.original_url
        if not url:
            continue
        key = canonical(url)
        if key in seen:
            diags.error(
                a.path,
                a.lines.get(("url",), 1),
                "url",
                f"the same article as {seen[key].path} (same URL once scheme, www., trailing "
                "slash, fragment and utm_* are ignored); keep one, or link them as translations",
            )
        else:
            seen[key] = a


class _Paragraphs:
    """An article's blocks and their comparison keys, computed once for two checks."""

    def __init__(self, article: Article) -> None:
        self.blocks = blocks(article.body, article.body_line)
        self.keys = [paragraph_key(b.text) for b in self.blocks]


@dataclass
class _Body:
    article: Article
    keys: list[str]


def check_near_duplicates(
    archive: Archive, paragraphs: dict[int, _Paragraphs], diags: Diagnostics
) -> None:
    # Index paragraphs by content instead of comparing every pair of articles.
    bodies = []
    owners: dict[str, list[int]] = defaultdict(list)
    for n, a in enumerate(archive.articles):
        p = paragraphs[id(a)]
        keys = list(
            dict.fromkeys(k for b, k in zip(p.blocks, p.keys, strict=True) if not b.is_heading)
        )
        keys = [k for k in keys if len(k) >= _MIN_PARAGRAPH]
        bodies.append(_Body(a, keys))
        for k in keys:
            owners[k].append(n)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for ns in owners.values():
        if len(ns) > 50:  # boilerplate shared by many articles is not duplication
            continue
        for i, x in enumerate(ns):
            for y in ns[i + 1 :]:
                shared[(x, y)] += 1
    for (x, y), count in sorted(shared.items()):
        bx, by = bodies[x], bodies[y]
        smaller = min(len(bx.keys), len(by.keys))
        if smaller and count / smaller >= NEAR_DUPLICATE:
            ratio = SequenceMatcher(None, "\n".join(bx.keys), "\n".join(by.keys)).quick_ratio()
            diags.warning(
                by.article.path,
                by.article.body_line,
                "",
                f"the body is nearly identical to {bx.article.path} ({count} of {smaller} "
                f"paragraphs shared, similarity {ratio:.0%}); is it the same article twice?",
            )


def check_repeats(archive: Archive, paragraphs: dict[int, _Paragraphs], diags: Diagnostics) -> None:
    for a in archive.articles:
        p = paragraphs[id(a)]
        bs = p.blocks
        for run in repeated_runs([b.text for b in bs], p.keys):
            diags.warning(
                a.path,
                bs[run.repeat].line,
                "",
                f"repeated text: {run.describe()}; the capture may hold the article twice: "
                "keep the text once",
            )


def check_mentions(
    archive: Archive,
    texts: dict[int, str],
    diags: Diagnostics,
    articles: Iterable[Article] | None = None,
) -> None:
    """People and organizations the body names that the front matter does not list, and
    forms of names the body uses that could be two entries, so that they link to neither.

    Only full names warn of an unlisted entry: a surname alone («Сулейменом») names a
    person by the article's context, which an unlisted person is not part of; a namesake,
    a relative, a street would be warned of as often as the person.
    """
    people_orgs = [e for e in archive.registry if e.kind in ("person", "organization")]
    matcher = NameMatcher(people_orgs)
    for a in archive.articles if articles is None else articles:
        text = texts[id(a)]
        listed = {id(e) for e in a.entities()}
        reported: set[int] = set()
        doubts: list[Ambiguous] = []
        for m in matcher.find(text, None, doubts):
            if id(m.entity) in listed or id(m.entity) in reported:
                continue
            reported.add(id(m.entity))
            field = "people" if m.entity.kind == "person" else "organizations"
            diags.warning(
                a.path,
                a.lines.get((field,), 1),
                field,
                f"the body names {m.entity.kind} '{m.entity.name}' "
                f"(as {m.text(text)!r}) but the front matter does not list it; "
                f"add '{m.entity.name}' to '{field}'",
            )
        # a form several entries share names the one the article lists; none listed, or
        # several, and it names no one
        doubts = [d for d in doubts if not any(id(e) in listed for e in d.entities)]
        matcher.find(text, listed, doubts)
        said: set[frozenset[int]] = set()
        for d in doubts:
            ids = frozenset(id(e) for e in d.entities)
            if ids in said:
                continue
            said.add(ids)
            _ambiguous(a, d, text[d.start : d.end], listed, diags)


def _ambiguous(
    a: Article, d: Ambiguous, written: str, listed: set[int], diags: Diagnostics
) -> None:
    kind = d.entities[0].kind
    field = "people" if kind == "person" else "organizations"
    names = " or ".join(f"'{e.name}' ({e.path})" for e in sorted(d.entities, key=lambda e: e.id))
    if any(id(e) in listed for e in d.entities):
        advice = (
            "both are listed, so it links to neither; write the name in full where it "
            "first appears, or list only the one it is"
        )
    else:
        advice = f"it links to neither; if it is one of them, add that one to '{field}'"
    diags.warning(
        a.path,
        a.lines.get((field,), 1),
        field,
        f"the body's {written!r} is ambiguous: it may name {names}; {advice}",
    )
