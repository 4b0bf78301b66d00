"""The checks of `site-builder check` beyond the schema: fidelity, duplicates, provenance."""

from __future__ import annotations

import hashlib
import html
import os
import pickle
import posixpath
import re
import warnings
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import TypeVar

from ..core.archive import Archive, paused_gc
from ..core.diagnostics import Diagnostics
from ..core.files import is_held, target_of, walk
from ..core.model import Article, blocks
from ..core.names import quote_text_key
from ..core.urls import canonical
from ..site.body import URL_SCHEMES
from ..text.mentions import NameMatcher
from ..text.plaintext import plain
from ..text.repeats import paragraph_key, repeated_runs
from . import nesting

# Two bodies sharing this share of the shorter one's paragraphs are near-identical.
NEAR_DUPLICATE = 0.8
_MIN_PARAGRAPH = 60  # shorter paragraphs ("Read more", a dateline) prove nothing
# A tag is '<' and its name, then a space, '/' or '>': '<https://x>' is a Markdown autolink,
# not HTML. (Python-Markdown has no escape for '<': '\<b>' is a backslash and a tag.)
# Scans are bounded, so that thousands of '<a ' with no '>' take linear time, not quadratic.
_RAW_HTML = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])[^>]{0,2000}>|<!(--|\[|[a-zA-Z])")
_NOT_A_TAG = {"--": "an HTML comment", "[": "a CDATA or marked section"}
# Inline code spans, whose text Markdown shows as it is: a run of backticks, closed by a
# run as long, within one paragraph.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n).){1,2000}?)(?<!`)\1(?!`)", re.S)
# Where a body gives a URL: Markdown links and images, reference definitions, autolinks,
# and href/src attributes (raw HTML, or attr_list's `{: href=... }`).
_URLS = re.compile(
    r"\]\(\s*<?([^\s)>]+)"
    r"|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)"
    r"|<([a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^\s<>]*)>"
    r"|\b(?:href|src)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>}]+))",
    re.M | re.I,
)
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
# pymdownx.snippets includes a file where a line holds `--8<-- "path"` (or a block between
# two `--8<--` lines); a site that enables it must not let an article pull in a file.
_SNIPPET = re.compile(r"^[ \t]*-+8<-+", re.M)
# MkDocs runs Python's html.parser over the whole Markdown source, code included, and on
# Python before 3.13 a '<![' that does not open a known marked section ('<![CDATA[', MS
# Office's '<![if ...]>') raises instead of parsing: the build stops with a traceback
# (python/cpython#81928, mkdocs/mkdocs#3929).
_MARKED_SECTION = re.compile(
    r"<!\[(?!(?:temp|cdata|ignore|include|rcdata|if|else|endif)(?![-_.a-zA-Z0-9]))", re.I
)


def run_all(archive: Archive) -> Diagnostics:
    """Every check over the loaded archive; returns the loader's problems and its own.

    On two cores the checks that read the article texts (quotes, unlisted names) run in a
    child process while this one runs the rest.
    """
    with paused_gc():
        text_checks = in_child(lambda: _text_checks(archive))
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


def run_all_in_background(archive: Archive) -> Callable[[], Diagnostics]:
    """Start :func:`run_all` in a child process and return a function that waits for it.

    A build needs the checks' verdict only before it renders anything, and on a machine with
    two cores the checks can run beside the rest of the build's setup (at 10,000 articles
    each takes seconds).
    """
    return in_child(lambda: run_all(archive))


T = TypeVar("T")


def in_child(work: Callable[[], T]) -> Callable[[], T]:
    """Start ``work()`` in a forked child process; return a function that waits for its result.

    The child shares the memory already loaded here (the archive) and sends its result back
    pickled. Where there is no fork or only one core, or the child fails, ``work()`` runs in
    this process when the result is asked for, so the outcome is the same either way.
    """
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return work
    read_end, write_end = os.pipe()
    with warnings.catch_warnings():
        # Python 3.12+ warns that a fork of a threaded process may deadlock in the child;
        # these children take no lock (no logging, no imports): they compute and exit.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: compute, send, and leave without running the parent's cleanup
        code = 1
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as out:
                out.write(pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL))
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)

    def result() -> T:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status == 0 and data:
            try:
                return pickle.loads(data)
            except (pickle.UnpicklingError, EOFError, AttributeError, ValueError):
                pass
        return work()  # the child failed: do the work here, and fail here if it fails

    return result


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
        capture = a.data.get("capture")
        if not capture:
            # A capture without a URL is fine (print, a leaked file); a URL alone may rot.
            what = (
                "the page may change or vanish"
                if a.data.get("url")
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
        expected = a.data.get("sha256")
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


def check_quotes(archive: Archive, texts: dict[int, str], diags: Diagnostics) -> None:
    for a in archive.articles:
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
        url = a.data.get("url")
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
        )  # noqa: E501
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


def check_repeats(archive: Archive, paragraphs: dict[int, _Paragraphs], diags: Diagnostics) -> None:  # noqa: E501
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


def check_mentions(archive: Archive, texts: dict[int, str], diags: Diagnostics) -> None:
    people_orgs = [e for e in archive.registry if e.kind in ("person", "organization")]
    matcher = NameMatcher(people_orgs)
    for a in archive.articles:
        listed = {id(e) for e in a.entities()}
        reported: set[int] = set()
        for m in matcher.find(texts[id(a)]):
            if id(m.entity) in listed or id(m.entity) in reported:
                continue
            reported.add(id(m.entity))
            field = "people" if m.entity.kind == "person" else "organizations"
            diags.warning(
                a.path,
                a.lines.get((field,), 1),
                field,
                f"the body names {m.entity.kind} '{m.entity.name}' "
                f"(as {m.text(texts[id(a)])!r}) but the front matter does not list it; "
                f"add '{m.entity.name}' to '{field}'",
            )


def check_nesting(archive: Archive, diags: Diagnostics) -> None:
    """Bodies nested or bracketed so that Markdown would crash or take minutes on them."""
    sources = [(a.path, a.body, a.body_line) for a in archive.articles]
    sources += [(e.path, e.body, e.body_line) for e in archive.registry]
    sources += [(p.path, p.body, p.body_line) for p in archive.pages]
    for path, body, body_line in sources:
        for problem in nesting.problems(body):
            diags.error(path, body_line + problem.line, "", problem.message)


def _code_blanked(body: str) -> str:
    """`body` with the text of inline code spans blanked out, lines kept where they were."""
    return _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), body)


def check_raw_html(archive: Archive, diags: Diagnostics) -> None:
    """Raw HTML, links the site removes and file includes in every body: articles, registry
    entries and hand-written pages."""
    sources = [(a.path, a.body, a.body_line) for a in archive.articles]
    sources += [(e.path, e.body, e.body_line) for e in archive.registry]
    sources += [(p.path, p.body, p.body_line) for p in archive.pages]
    for path, body, body_line in sources:
        text = _code_blanked(body) if "`" in body else body
        # Each pattern runs only where its characters are: most bodies are plain paragraphs.
        for m in _RAW_HTML.finditer(text) if "<" in text else ():
            line = body_line + text.count("\n", 0, m.start())
            tag = m.group(2)
            what = f"<{tag}>" if tag else _NOT_A_TAG.get(m.group(3), "an HTML declaration")
            diags.warning(
                path,
                line,
                "",
                f"raw HTML ({what}) in the body; "
                "write Markdown instead: the site strips raw HTML it does not allow",
            )
        has_url = "](" in text or "]:" in text or "<" in text or "=" in text
        for m in _URLS.finditer(text) if has_url else ():
            scheme = _scheme(next(g for g in m.groups() if g is not None))
            if scheme and scheme not in URL_SCHEMES:
                diags.warning(
                    path,
                    body_line + text.count("\n", 0, m.start()),
                    "",
                    f"a link to a '{scheme}:' URL; the site removes it (it keeps http, https "
                    "and mailto links): link to the web address instead",
                )
        for m in _MARKED_SECTION.finditer(body) if "<![" in body else ():
            diags.error(
                path,
                body_line + body.count("\n", 0, m.start()),
                "",
                "'<![' opens an HTML marked section that MkDocs cannot parse, even in code: "
                "the build would stop; write '&lt;![' or put a space after '<'",
            )
        for m in _SNIPPET.finditer(text) if "8<" in text else ():
            diags.error(
                path,
                body_line + text.count("\n", 0, m.start()),
                "",
                "'--8<--' is the file-include syntax of pymdownx.snippets, and an article "
                "cannot include files; to show it as text, put it in a code span",
            )


# `capture: archive/...` in an article whose front matter does not load (broken YAML).
_CAPTURE_LINE = re.compile(r"""^capture:[ \t]*(["']?)(archive/[^"'\s#]+)\1""", re.M)


def check_leftovers(archive: Archive, diags: Diagnostics) -> None:
    """What an interrupted write leaves: temporary files under content/ and archive/, and
    captures that no article names (`site-builder import` writes the capture first).

    A temporary file is a warning: MkDocs never publishes a dot-file and the check reads
    none, so the site is unharmed (and one may be part of a write running right now);
    `mkdocs build --strict` still refuses it, so it is never merged. A capture that no
    article names is an error, like an article whose capture is missing: the pair of
    files is broken, and the archive would keep a file nobody reviewed as an article's
    source.
    """
    docs = archive.display(archive.docs_dir)
    captures: list[tuple[str, str]] = []  # (as shown, file system path)
    articles: list[tuple[str, str]] = []
    for top, folder in ((docs, archive.docs_dir), ("archive", archive.root / "archive")):
        for rel, entry in walk(folder):
            shown = f"{top}/{rel}"
            if entry.name.startswith("."):
                if entry.name.endswith(".tmp") and not is_held(Path(entry.path)):
                    diags.warning(shown, 0, "", _leftover_message(archive, entry.path, shown))
            elif top == "archive":
                captures.append((shown, entry.path))
            elif rel.startswith("articles/") and rel.count("/") == 2 and rel.endswith(".md"):
                articles.append((shown, entry.path))
    named = _named_captures(archive, articles)
    for shown, path in captures:
        if shown not in named and posixpath.splitext(posixpath.basename(shown))[0] not in named:
            diags.error(shown, 0, "", _article_less_message(archive, Path(path), shown))


def _named_captures(archive: Archive, article_files: list[tuple[str, str]]) -> set[str]:
    """The captures that articles name, as paths from the root. An article that does not
    load (its errors are reported) may name any capture with its id, or on a `capture:`
    line of its text: those are taken as named, so that its errors come without this one."""
    named = [a.data.get("capture") for a in archive.articles]
    loaded = {a.path for a in archive.articles}
    for shown, path in article_files:
        if shown not in loaded:
            named.append(posixpath.splitext(posixpath.basename(shown))[0])
            try:
                text = Path(path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            named += [m.group(2) for m in _CAPTURE_LINE.finditer(text)]
    return {posixpath.normpath(c.replace("\\", "/")) for c in named if isinstance(c, str)}


def _article_less_message(archive: Archive, path: Path, shown: str) -> str:
    same_id = archive.by_id.get(path.stem)
    if same_id is not None and not same_id.data.get("capture"):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        return (
            f"a capture that no article names; {same_id.path} has its id and no 'capture': "
            f'if this is its original, add capture: "{shown}" and sha256: "{digest}" to it; '
            "if not, delete this file"
        )
    return (
        "a capture that no article names; site-builder import writes the capture before "
        "the draft, so an import that was interrupted leaves it alone: re-run the import to "
        "write the draft; if its article was deleted, delete it too (git rm)"
    )


def _leftover_message(archive: Archive, path: str, shown: str) -> str:
    never = "MkDocs never publishes it, but it must not be committed"
    target = target_of(Path(path))
    if target is None:
        return f"a temporary file (a dot-file ending in .tmp); {never}: delete it"
    target_shown = posixpath.join(posixpath.dirname(shown), target.name)
    if target.exists():  # written to the end: nothing to finish, nothing to re-run
        return (
            f"a temporary file left by an interrupted write of {target_shown}, which is in "
            f"place: delete it ({never})"
        )
    articles = archive.display(archive.docs_dir / "articles") + "/"
    imported = target_shown.startswith(("archive/", articles))
    command = "the import" if imported else "the site-builder command"
    return (
        f"a temporary file left by an interrupted write of {target_shown}, which is not "
        f"there: re-run {command} that wrote it (it finishes the job and removes this file), "
        f"or delete it ({never})"
    )


def _scheme(url: str) -> str | None:
    """The scheme a browser would see in `url` (WHATWG URL parsing): entities decoded, tabs
    and newlines dropped, `jav&#x61;script:` and `java&#9;script:` are `javascript:`."""
    url = _TAB_OR_NEWLINE.sub("", html.unescape(url)).strip(_C0_OR_SPACE).lower()
    m = _SCHEME.match(url)
    return m.group(1) if m else None


def project_root(start: Path) -> Path:
    """The folder holding mkdocs.yml or content/, from `start` upward."""
    start = start.resolve()
    for p in [start, *start.parents]:
        if (p / "mkdocs.yml").is_file() or (p / "content").is_dir():
            return p
    return start
