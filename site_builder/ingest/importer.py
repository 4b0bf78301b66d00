"""`site-builder import`: a saved page, a text file, standard input or a URL becomes a capture
under `archive/` and a draft article under `content/`, nearly ready for review.

The capture keeps the bytes exactly as obtained; the draft's body is the extracted text once
(repeated runs of paragraphs dropped and reported), its front matter pre-filled from the
page's metadata and the registry: people and organizations named in the text, speakers found
by attribution phrases, their quotes verbatim. Names the registry does not know are listed in
a YAML comment for the contributor, never put into the data. Nothing is overwritten; both
files are written or neither: killed part-way, an import leaves at most its capture and
temporary files, which `site-builder check` reports and the same command run again uses or
removes (see :func:`commit`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import posixpath
import shlex
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypedDict, TypeVar
from urllib.parse import urlsplit

from .. import checks
from ..core import archive as archive_mod
from ..core import diagnostics, files
from ..core.dates import DateError, PartialDate
from ..core.files import FileBusy, FileExists, write_all
from ..core.model import Entity
from ..core.names import key, quote_text_key
from ..core.schema import ARTICLE, language_name
from ..core.slugs import SlugError, check_id, slugify
from ..core.urls import canonical
from ..text.attribution import FoundQuote, PersonFinder, find_quotes
from ..text.mentions import NameMatcher
from ..text.plaintext import plain
from ..text.propernames import unknown_names
from .extract import (
    Block,
    Extracted,
    ExtractError,
    from_html,
    from_text,
    headline,
    host_of,
    outlet_name,
    title_parts,
)
from .fetch import HTML_TYPES, FetchError, fetch

T = TypeVar("T")
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}


class ImportProblem(Exception):
    """Why the import stopped, and what to do; `code` 2 for missing or bad options."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class ImportRequest:
    """What to import and what the contributor says about it: typed and checked once
    (`ImportRequest.of`), so that nothing downstream parses an option again."""

    source: str  # a saved page, a text file, "-" for standard input, or an http(s) URL
    root: Path = Path(".")
    outlet: str | None = None
    url: str | None = None
    date: PartialDate | None = None
    title: str | None = None
    language: str | None = None
    id: str | None = None
    encoding: str | None = None
    timeout: float = 30.0
    dry_run: bool = False

    @classmethod
    def of(
        cls,
        source: str,
        *,
        date: str | None = None,
        url: str | None = None,
        language: str | None = None,
        id: str | None = None,
        title: str | None = None,
        timeout: float = 30.0,
        **rest: Any,
    ) -> ImportRequest:
        """A request from the options as given; bad options are refused before any work,
        all at once (ImportProblem, code 2)."""
        problems = []
        parsed = None
        if date:
            try:
                parsed = PartialDate.parse(date)
            except DateError as exc:
                problems.append(f"--date: {exc}")
        if language and not language_name(language):
            hint = " (did you mean 'kk'?)" if language.lower() in ("kz", "kaz") else ""
            problems.append(f"--language: {language!r} is not an ISO 639-1 code{hint}; "
                            "use en, ru, kk, ...")  # fmt: skip
        if url and not _is_url(url):
            problems.append(f"--url: {url!r} is not an http(s) URL; give the full address")
        if id:
            try:
                check_id(id)
            except SlugError as exc:
                problems.append(f"--id: {exc}")
        if timeout <= 0:
            problems.append("--timeout: give a number of seconds above 0")
        if title is not None and not title.strip():
            problems.append("--title: is empty")
        if problems:
            raise ImportProblem("; ".join(problems), 2)
        title = " ".join(title.split()) if title else None
        return cls(source, date=parsed, url=url or None, language=language or None, id=id or None,
                   title=title, timeout=timeout, **rest)  # fmt: skip


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the source ----------------------------------------------------------------------------


@dataclass
class Source:
    name: str  # as messages show it: the file, "standard input" or the URL
    data: bytes
    kind: str  # "html" or "text"
    url: str | None = None  # where it was fetched from, after redirects
    charset: str | None = None  # as the server declared it


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    markers = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<article")
    return "html" if head.startswith(markers) or b"<html" in data[:4096].lower() else "text"


def read_source(request: ImportRequest, archive: archive_mod.Archive) -> Source:
    source = request.source
    if _is_url(source):
        _refuse_known_url(archive, source)
        _progress(f"fetching {source} (timeout {request.timeout:g} s)")
        try:
            page = fetch(source, request.timeout, _progress)
        except FetchError as exc:
            raise ImportProblem(str(exc)) from None
        if page.media_type in HTML_TYPES:
            kind = "html"
        else:
            kind = "text" if page.media_type == "text/plain" else _sniff(page.data)
        _progress(f"received {len(page.data):,} bytes from {page.url}")
        return Source(source, page.data, kind, page.url, page.charset)
    if "://" in source:
        raise ImportProblem(f"{source!r}: only http(s) URLs can be imported", 2)
    if source == "-":
        if sys.stdin is None or sys.stdin.isatty():
            _progress("paste the article's text, then press Ctrl-D (Ctrl-Z, Enter on Windows)")
        data = sys.stdin.buffer.read() if sys.stdin is not None else b""
        name = "standard input"
        kind = _sniff(data)
    else:
        path = Path(source)
        name = source
        if not path.exists():
            raise ImportProblem(f"{source}: no such file; give a saved .html page, a .txt "
                                "file, - for standard input, or an http(s) URL", 2)  # fmt: skip
        if not path.is_file():
            raise ImportProblem(f"{source} is a folder; give one file", 2)
        _progress(f"reading {source}")
        data = path.read_bytes()
        suffix = path.suffix.lower()
        kind = "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else ""
        kind = kind or _sniff(data)
    if not data.strip():
        raise ImportProblem(f"{name} is empty; nothing to import")
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))  # Windows Notepad's "Unicode"
    if b"\x00" in data[:8192] and not utf16:
        raise ImportProblem(
            f"{name} is not text or a web page (it holds binary data); save the article as "
            ".html from the browser, or its text as a .txt file"
        )
    return Source(name, data, kind, charset="utf-16" if utf16 else None)


def decode(source: Source, encoding: str | None) -> str:
    if encoding:
        try:
            return source.data.decode(encoding)
        except LookupError:
            raise ImportProblem(f"--encoding: unknown encoding {encoding!r}", 2) from None
        except UnicodeDecodeError as exc:
            raise ImportProblem(
                f"{source.name} is not {encoding} text (byte {exc.start}: {exc.reason})"
            ) from None
    if source.kind == "html":
        from bs4 import UnicodeDammit

        # The server's charset, then the page's <meta charset>, then a guess.
        known = [source.charset] if source.charset else []
        dammit = UnicodeDammit(source.data, known_definite_encodings=known, is_html=True)
        if dammit.unicode_markup is None:
            raise ImportProblem(f"{source.name}: cannot tell its encoding; give --encoding")
        return dammit.unicode_markup
    try:
        return source.data.decode(source.charset or "utf-8")
    except (UnicodeDecodeError, LookupError) as exc:
        where = f" at byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else ""
        raise ImportProblem(
            f"{source.name} is not UTF-8 text{where}; save it as UTF-8, or give its encoding "
            "with --encoding (e.g. cp1251 for Russian text from older Windows programs)"
        ) from None


# --- what goes into the draft ---------------------------------------------------------------


@dataclass
class Analysis:
    authors: list[Entity] = field(default_factory=list)
    speakers: list[Entity] = field(default_factory=list)
    people: list[Entity] = field(default_factory=list)
    organizations: list[Entity] = field(default_factory=list)
    quotes: list[FoundQuote] = field(default_factory=list)
    unverified: list[FoundQuote] = field(default_factory=list)  # not found in the body as is
    unknown_speakers: list[str] = field(default_factory=list)
    unattributed: int = 0  # quoted passages with nobody named next to them
    unknown_authors: list[str] = field(default_factory=list)
    unknown_names: list[str] = field(default_factory=list)
    topics_named: list[Entity] = field(default_factory=list)


def _unique(items: Iterable[T]) -> list[T]:
    """Each item once (the same object, not an equal one), in order."""
    seen: set[int] = set()
    out: list[T] = []
    for item in items:
        if id(item) not in seen:
            seen.add(id(item))
            out.append(item)
    return out


def analyse(
    archive: archive_mod.Archive, blocks: list[Block], body: str, authors: list[str]
) -> Analysis:
    registry = archive.registry
    finder = PersonFinder(registry)
    out = Analysis()
    for name in authors:
        person = finder.resolve(name)
        if person is not None:
            out.authors.append(person)
        else:
            out.unknown_authors.append(name)
    out.authors = _unique(out.authors)

    attributions, quotes = find_quotes([None if b.heading else b.text for b in blocks], finder)
    out.speakers = _unique([a.person for a in attributions if a.person is not None])
    body_key = quote_text_key(plain(body))
    seen: set[str] = set()
    for q in quotes:
        if q.speaker is None:
            if q.speaker_name:
                out.unknown_speakers.append(q.speaker_name)
            else:
                out.unattributed += 1
            continue
        k = quote_text_key(q.text)
        if k in seen:
            continue
        seen.add(k)
        # The check compares quotes with the body exactly so; a quote it would refuse is
        # reported to the contributor instead of being pre-filled.
        (out.quotes if k in body_key else out.unverified).append(q)
    unknown = [a.name for a in attributions if a.person is None]
    out.unknown_speakers = list(dict.fromkeys(out.unknown_speakers + unknown))

    text = plain(body)
    matcher = NameMatcher(e for e in registry if e.kind in ("person", "organization", "topic"))
    mentioned = _unique(m.entity for m in matcher.find(text))
    listed = {id(e) for e in out.speakers + out.authors}
    out.people = [e for e in mentioned if e.kind == "person" and id(e) not in listed]
    out.organizations = [e for e in mentioned if e.kind == "organization"]
    out.topics_named = [e for e in mentioned if e.kind == "topic"]
    names = unknown_names([b.text for b in blocks], registry, finder)
    skip = {key(n) for n in out.unknown_speakers + out.unknown_authors}
    out.unknown_names = [n for n in names if key(n) not in skip]
    return out


def _yaml(value: str) -> str:
    # JSON strings are valid YAML double-quoted scalars; YAML also reads U+2028, U+2029 and
    # U+0085 as line breaks, which JSON leaves raw, so escape those too.
    text = json.dumps(value, ensure_ascii=False)
    for ch in ("\u2028", "\u2029", "\x85"):
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text


class DraftValues(TypedDict):
    """What an import fills in of an article's front matter; `quotes` as (by, text)."""

    title: str
    outlet: str
    date: str
    url: str | None
    language: str
    authors: list[str]
    speakers: list[str]
    people: list[str]
    organizations: list[str]
    quotes: list[tuple[str, str]]
    summary: str | None
    capture: str
    sha256: str
    retrieved: str
    notes: str | None


def draft_text(values: DraftValues, comment: list[str], body: str) -> str:
    """The draft: every article field in schema order, empty ones with their meaning."""
    lines = ["---"]
    for f in ARTICLE:
        if f.name == "former_ids":
            continue
        value = values.get(f.name)
        if f.name == "quotes" and values["quotes"]:
            lines.append("quotes:")
            for by, text in values["quotes"]:
                lines += [f"  - by: {_yaml(by)}", f"    text: {_yaml(text)}"]
        elif isinstance(value, list) and value:
            lines.append(f"{f.name}:")
            lines += [f"  - {_yaml(v)}" for v in value]
        elif isinstance(value, str) and value:
            lines.append(f"{f.name}: {_yaml(value)}")
        else:
            example = f.example if f.example is not None else ""
            lines.append(f"{f.name}: {example}".rstrip() + f"  # {f.doc}")
    lines += comment
    lines += ["---", "", body.rstrip("\n"), ""]
    return "\n".join(lines)


def _comment(analysis: Analysis) -> list[str]:
    rows = []
    if analysis.unknown_authors:
        rows.append("byline: " + ", ".join(analysis.unknown_authors))
    if analysis.unknown_speakers:
        rows.append("quoted: " + ", ".join(analysis.unknown_speakers))
    if analysis.unknown_names:
        rows.append("named: " + ", ".join(analysis.unknown_names))
    if not rows:
        return []
    return [
        "# Names in the text that are not in the registry, so not in the data above. Create",
        '# the entries that matter (site-builder new person "Name", site-builder new',
        '# organization "Name"), add them to the lists above, then delete this comment.',
        *(f"#   {' '.join(row.split())}" for row in rows),
    ]


# --- the import ---------------------------------------------------------------------------


@dataclass
class Choice(Generic[T]):
    value: T
    origin: str  # "from --date", "from the page", ...

    def __str__(self) -> str:
        return f"{self.value} ({self.origin})"


@dataclass(frozen=True)
class Choices:
    """What the draft says of the article, and where each value came from."""

    title: Choice[str]
    date: Choice[PartialDate]
    language: Choice[str]
    outlet: Choice[str]
    url: Choice[str] | None
    outlet_entity: Entity | None = None  # None: an outlet the registry does not have yet
    outlet_id: str = ""  # the registered outlet's id, or the one `new outlet` will give it
    website: str | None = None  # a new outlet's website, for `new outlet --website`
    id: Choice[str] | None = None


def _refuse_known_url(archive: archive_mod.Archive, url: str) -> None:
    target = canonical(url)
    for a in archive.articles:
        known = a.original_url
        if known and canonical(known) == target:
            raise ImportProblem(
                f"{url} is already in the archive: {a.path} (url: {known}); edit that "
                "article instead of importing it again"
            )


def _known_capture(archive: archive_mod.Archive, digest: str, name: str, dry_run: bool) -> bool:
    """Refuse a capture already archived, unless this very import wrote both files and was
    killed before it removed its temporary files: then remove them; True if so (done)."""
    for a in archive.articles:
        if a.sha256 != digest:
            continue
        capture = a.capture
        paths = [archive.root / a.path] + ([archive.root / capture] if capture else [])
        stale = _leftovers(archive, *paths)
        if not stale:
            raise ImportProblem(
                f"{name} is already archived: {a.path} has this very capture "
                f"({capture}); edit that article instead of importing it again"
            )
        _remove(archive, stale, dry_run)
        print(f"{a.path} and {capture} are already in place: an earlier run of this import "
              "wrote both and was interrupted before it removed its temporary files.")  # fmt: skip
        print(f"Run `site-builder check {a.path}`, then open a pull request with both files.")
        return True
    return False


def _leftovers(archive: archive_mod.Archive, *paths: Path) -> list[Path]:
    """The temporary files that interrupted writes of `paths` left."""
    try:
        return [t for p in paths for t in files.leftovers(p)]
    except FileBusy as exc:
        raise ImportProblem(
            f"{archive.display(exc.path)} is being written by another command right now "
            "(another import of the same article?); wait for it to end, then run this "
            "import again"
        ) from None


def _remove(archive: archive_mod.Archive, stale: list[Path], dry_run: bool) -> None:
    if not stale:
        return
    shown = ", ".join(archive.display(p) for p in stale)
    what = f"{_n(len(stale), 'temporary file')} an interrupted import left: {shown}"
    if dry_run:
        _progress(f"dry run: would remove {what}")
        return
    for p in stale:
        p.unlink(missing_ok=True)
    _progress(f"removed {what}")


def _resume_capture(archive: archive_mod.Archive, path: Path, rel: str, source: Source) -> bool:
    """Whether the capture is already in place from an interrupted run of this import (the
    same bytes, and no article names it); refuse any other file at its name."""
    if not os.path.lexists(path):
        return False
    named = [a.path for a in archive.articles if _capture_key(a.capture) == rel]
    if named:
        why = f"it is the capture of {named[0]}"
    elif path.is_symlink() or not path.is_file():
        why = "it is not a file"
    elif path.read_bytes() != source.data:
        why = f"its bytes differ from {source.name}"
    else:
        _progress(f"{rel} is already in place with the same bytes, and no article names it "
                  "(an import that was interrupted leaves it so): writing its draft")  # fmt: skip
        return True
    raise ImportProblem(
        f"{rel} already exists and is never overwritten ({why}); choose another id with --id"
    )


def _capture_key(capture: object) -> str | None:
    return posixpath.normpath(capture.replace("\\", "/")) if isinstance(capture, str) else None


def run(request: ImportRequest) -> int:
    """Import one article: its capture and its draft, both or neither. Returns the exit code."""
    root = archive_mod.project_root(request.root)
    if not (root / "content").is_dir():
        raise ImportProblem(f"no content/ folder in {root}; run it in the archive's folder or "
                            "give that folder with --root", 2)  # fmt: skip
    archive = archive_mod.load(root, "content", progress=archive_mod.StderrProgress())
    source = read_source(request, archive)
    digest = hashlib.sha256(source.data).hexdigest()
    if _known_capture(archive, digest, source.name, request.dry_run):
        return 0
    text = decode(source, request.encoding)
    _progress("extracting the article text")
    try:
        extracted = from_html(text, source.url) if source.kind == "html" else from_text(text)
    except ExtractError as exc:
        advice = (
            "save the page again once it has loaded fully, or copy the article's text into a "
            ".txt file and import that"
            if source.kind == "html"
            else "give a file with the article's text"
        )
        raise ImportProblem(f"{source.name}: {exc}; {advice}") from None

    choices = _choose(request, archive, source, extracted)
    title, date = choices.title.value, choices.date.value
    outlet, outlet_id = choices.outlet.value, choices.outlet_id
    assert choices.id is not None
    article_id = choices.id.value
    url = choices.url.value if choices.url else None
    if url:
        _refuse_known_url(archive, url)
    if source.url and source.url != url:
        _refuse_known_url(archive, source.url)
    taken = archive.by_id.get(article_id) or archive.former_ids.get(article_id)
    if taken is not None:
        raise ImportProblem(f"the id '{article_id}' is taken by {taken.path}; if this is "
                            "another article, choose another id with --id", 2)  # fmt: skip

    year = f"{date.year:04d}"
    ext = "html" if source.kind == "html" else "txt"
    capture_rel = f"archive/{outlet_id}/{year}/{article_id}.{ext}"
    capture_path = root / capture_rel
    draft_path = archive.docs_dir / "articles" / year / f"{article_id}.md"
    stale = _leftovers(archive, capture_path, draft_path)
    if os.path.lexists(draft_path):
        raise ImportProblem(f"{archive.display(draft_path)} already exists and is never "
                            "overwritten; choose another id with --id")  # fmt: skip
    resume = _resume_capture(archive, capture_path, capture_rel, source)

    blocks = extracted.blocks
    body = "\n\n".join(b.markdown for b in blocks) + "\n"
    analysis = analyse(archive, blocks, body, extracted.authors)
    values: DraftValues = {
        "title": title,
        "outlet": outlet,
        "date": date.iso(),
        "url": url,
        "language": choices.language.value,
        "authors": [e.name for e in analysis.authors],
        "speakers": [e.name for e in analysis.speakers],
        "people": [e.name for e in analysis.people],
        "organizations": [e.name for e in analysis.organizations],
        "quotes": [(q.speaker.name, q.text) for q in analysis.quotes if q.speaker],
        "summary": extracted.description,
        "capture": capture_rel,
        "sha256": digest,
        "retrieved": dt.date.today().isoformat(),
        "notes": _notes(extracted),
    }
    text_out = draft_text(values, _comment(analysis), body)
    if request.dry_run:
        print(text_out, end="")
        _remove(archive, stale, dry_run=True)
        also = f" ({capture_rel} is in place)" if resume else f" and {capture_rel}"
        _progress(f"dry run: would write {archive.display(draft_path)}{also}")
        return 0
    _remove(archive, stale, dry_run=False)
    commit(None if resume else (capture_path, source.data), (draft_path, text_out))

    shown = archive.display(draft_path)
    _report(shown, capture_rel, digest, len(source.data), choices, extracted, analysis, resume)
    errors = _check_draft(root, shown)
    print("\nStill to do:")
    for n, step in enumerate(_todo(shown, capture_rel, choices, extracted, analysis, errors), 1):
        print(f"  {n}. {step}")
    if errors:
        # Both files are written and the to-do list says how to make the draft pass; a script
        # or a CI job must still see that the draft, as it is, fails the check.
        print(f"\nThe draft fails the check ({_n(errors, 'error')}): do the steps above, "
              f"then run `site-builder check {shown}`.")  # fmt: skip
        return 1
    return 0


def commit(capture: tuple[Path, bytes] | None, draft: tuple[Path, str]) -> None:
    """Write the capture and the draft, both or neither, never over a file.

    Both are written to temporary files and synced first; then the capture is linked into
    place, then the draft. Killed before the capture's link, the import leaves temporary
    files only; killed between the two links, the capture without its draft. Either way the
    same command run again removes the temporary files, keeps a capture with the very same
    bytes and writes the draft; and `site-builder check` reports both states. The draft is
    never in place without its capture. (`capture` is None when it is in place already.)
    """
    try:
        write_all([capture, draft] if capture else [draft])
    except FileExists as exc:
        raise ImportProblem(f"{exc}; choose another id with --id") from None
    except OSError as exc:
        raise ImportProblem(f"could not write the files ({exc}); nothing was written") from None


def _check_draft(root: Path, shown: str) -> int:
    """`site-builder check` on the draft against the whole archive; the number of errors."""
    _progress("checking the draft")
    archive = archive_mod.load(root, "content", progress=archive_mod.StderrProgress())
    diags = diagnostics.Diagnostics(d for d in checks.run_all(archive) if d.path == shown)
    errors, warnings = len(set(diags.errors)), len(set(diags.warnings))
    print(f"\nThe check on the draft: {_n(errors, 'error')}, {_n(warnings, 'warning')}")
    if diags:
        print(diagnostics.format_all(diags))
    return errors


def _choose(
    request: ImportRequest, archive: archive_mod.Archive, source: Source, ex: Extracted
) -> Choices:
    """Title, date, language, outlet, URL and id: from the options, else from the source;
    what is missing is asked for, all at once, in one message."""
    missing = []
    title = date = language = outlet = url = None
    outlet_entity: Entity | None = None
    website = None
    if request.outlet:
        outlet_entity = archive.registry.resolve("outlet", request.outlet)
        outlet = Choice(outlet_entity.name if outlet_entity else request.outlet, "from --outlet")
        if outlet_entity is None:
            outlet.origin += ", not yet in the registry"
            website = _website(request.url, source.url, *ex.addresses)
    else:
        found = _outlet_of(archive, ex, request.url, source.url)
        if found:
            outlet, outlet_entity, website = found
    if outlet is None:
        named = _outlets_named(archive, ex.blocks)
        hint = f"; the text names {' and '.join(named)}" if named else ""
        missing.append(f"--outlet (the outlet's id, name or alias{hint})")
    if request.title:
        title = Choice(request.title, "from --title")
    elif ex.titles or ex.headings:
        names = [*ex.site_names, *(outlet_entity.names if outlet_entity else [])]
        best = headline(ex.titles, ex.headings, names)
        title = Choice(best, "from the page") if best else None
    elif ex.title:
        title = Choice(
            ex.title, "from the page" if source.kind == "html" else "the text's first line"
        )
    if title is None:
        missing.append(
            '--title "..." (the headline as published; in [square brackets] if you write '
            "one yourself)"
        )
    if request.date:
        date = Choice(request.date, "from --date")
    elif ex.date:
        try:
            date = Choice(PartialDate.parse(ex.date), "from the page's metadata")
        except DateError:
            pass
    if date is None:
        missing.append(
            "--date (the publication date: YYYY-MM-DD, YYYY-MM, or only the year YYYY if that "
            f"is all you know; {source.name} does not state one)"
        )
    if request.language:
        language = Choice(request.language, "from --language")
    elif ex.language:
        origin = "guessed from the text" if ex.language_guessed else "from the page"
        if ex.language_note:
            origin = f"from the text: {ex.language_note}"
        language = Choice(ex.language, origin)
    else:
        missing.append("--language (en, ru, kk, ...: the text's language is not clear)")
    if request.url:
        url = Choice(request.url, "from --url")
    elif ex.url:
        url = Choice(ex.url, "the page's canonical URL")
    elif source.url:
        url = Choice(source.url, "where it was fetched")
    if missing or title is None or date is None or language is None or outlet is None:
        raise ImportProblem(
            f"{source.name}: give " + "; ".join(missing) + ". Then run the same command again.",
            2,
        )
    outlet_id = (
        outlet_entity.id if outlet_entity else _new_outlet_id(archive, outlet.value, website)
    )
    return Choices(
        title, date, language, outlet, url, outlet_entity, outlet_id, website,
        _article_id(request, title.value, date.value, outlet_id, source),
    )  # fmt: skip


def _article_id(
    request: ImportRequest, title: str, date: PartialDate, outlet_id: str, source: Source
) -> Choice[str]:
    """`--id`, else date, outlet and the title's transliteration; a title with nothing to
    transliterate (Chinese, Japanese...) gives date, outlet and a short hash of the capture."""
    if request.id:
        return Choice(request.id, "from --id")
    month = date.iso()[:7]
    try:
        return Choice(slugify(f"{month}-{outlet_id}-{slugify(title, 60)}"), "from the title")
    except SlugError:
        digest = hashlib.sha256(source.data).hexdigest()[:8]
        return Choice(
            f"{month}-{outlet_id}-{digest}",
            "date, outlet and a hash: the title has no letters an id can be made of",
        )


def _new_outlet_id(archive: archive_mod.Archive, name: str, website: str | None) -> str:
    """An id for a new outlet that no entry has: from its name, else its website's host (a
    name in Chinese or Japanese has no letters an id can be made of; "Yahoo!ニュース" makes
    `yahoo`, which Yahoo may have), else a hash of the name."""
    for text in (name, host_of(website)):
        try:
            made = slugify(text) if text else ""
        except SlugError:
            continue
        if made and archive.registry.get("outlet", made) is None:
            return made
    return "outlet-" + hashlib.sha256(name.encode()).hexdigest()[:6]


def _website(*urls: str | None) -> str | None:
    for url in urls:
        parts = urlsplit(url or "")
        if parts.hostname:
            return f"{parts.scheme}://{parts.hostname}/"
    return None


def _sites(entity: Entity) -> list[tuple[str, str]]:
    """(host, path) of each of an outlet's addresses: a path tells outlets on one host apart
    (https://www.bbc.com/news and https://www.bbc.com/zhongwen)."""
    out = []
    for url in (entity.home_url, *entity.websites):
        host = host_of(url)
        if url and host:
            out.append((host, urlsplit(url).path.rstrip("/")))
    return out


def _match_site(address: str, outlets: list[Entity]) -> Entity | None:
    """The outlet one of whose addresses holds `address`: the same host or a subdomain of it
    (money.cnn.com for cnn.com), under its path; the longest address wins."""
    host, path = host_of(address), urlsplit(address).path
    best: tuple[int, Entity] | None = None
    for entity in outlets:
        for known, prefix in _sites(entity):
            same = host == known or host.endswith("." + known)
            if same and (path == prefix or path.startswith(prefix + "/")):
                score = len(known) * 1000 + len(prefix)
                if best is None or score > best[0]:
                    best = (score, entity)
    return best[1] if best else None


def _outlet_of(
    archive: archive_mod.Archive, ex: Extracted, *given: str | None
) -> tuple[Choice[str], Entity | None, str | None] | None:
    """The page's outlet: by the host of its address (`--url`, where it was fetched, `og:url`,
    canonical) among the registry's websites; else by the name the page gives its site (or
    puts in its title) among the registry's names and aliases; else a new outlet, with a
    clean name and the website, for `site-builder new outlet`."""
    outlets = list(archive.registry.entities["outlet"].values())
    addresses = [u for u in (*given, *ex.addresses) if u]
    for address in addresses:
        entity = _match_site(address, outlets)
        if entity:
            shown = host_of(address)
            return Choice(entity.name, f"the registry's outlet for {shown}"), entity, None
    for name in [*ex.site_names, *title_parts(ex)]:
        entity = archive.registry.resolve("outlet", name)
        if entity:
            return Choice(entity.name, f"the page names its site {name!r}"), entity, None
    proposed = outlet_name(ex)
    if not proposed:
        return None
    website = _website(*addresses)
    if ex.site_names:
        origin = "the page's site name"
    elif proposed == host_of(website):
        origin = "the page's address"
    else:
        origin = "the page's title"
    return Choice(proposed, f"{origin}, not yet in the registry"), None, website


def _outlets_named(archive: archive_mod.Archive, blocks: list[Block]) -> list[str]:
    matcher = NameMatcher(archive.registry.entities["outlet"].values())
    found = _unique(m.entity for b in blocks for m in matcher.find(b.text))
    return [e.name for e in found]


def _notes(ex: Extracted) -> str | None:
    notes = []
    if ex.runs:
        spans = "; ".join(r.describe() for r in ex.runs)
        count = sum(r.length for r in ex.runs)
        notes.append(
            f"The capture holds text twice ({spans}); the body keeps it once "
            f"({count} repeated paragraph{'s' * (count != 1)} dropped)."
        )
    if ex.made_headings:
        lines = ", ".join(f"“{h}”" for h in ex.made_headings)
        notes.append(f"The short lines {lines} are made subheadings.")
    if ex.dropped:
        # Only that something was dropped: the import's report lists it, and the capture
        # keeps it; the list itself (3 KB on one real page) is no curator's note.
        count = len(ex.dropped)
        what = "A link to another article" if count == 1 else f"{count} links to other articles"
        notes.append(
            f"{what} (the page's related articles or 'read also') "
            f"{'was' if count == 1 else 'were'} dropped from the text; the capture keeps "
            f"{'it' if count == 1 else 'them'}."
        )
    if ex.language_note:
        notes.append(f"Language: {ex.language_note}.")
    return " ".join(notes) or None


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def _report(
    draft: str,
    capture: str,
    digest: str,
    size: int,
    choices: Choices,
    ex: Extracted,
    a: Analysis,
    kept: bool = False,
) -> None:
    done = "kept" if kept else "created"  # kept: an interrupted run of this import wrote it
    print(f"{done} {capture} (the capture: {size:,} bytes, sha256 {digest[:12]}…)")
    print(f"created {draft} (the draft)")
    shown = [("title", choices.title), ("outlet", choices.outlet), ("date", choices.date),
             ("language", choices.language), ("url", choices.url)]  # fmt: skip
    for name, choice in shown:
        if choice is not None:
            print(f"  {name + ':':<15}{choice}")
    paragraphs = sum(not b.heading for b in ex.blocks)
    headings = len(ex.blocks) - paragraphs
    print(f"  {'body:':<15}{_n(paragraphs, 'paragraph')}, {_n(headings, 'subheading')}")
    for run in ex.runs:
        print(f"  {'':<15}dropped repeated text: {run.describe()} ({run.length} dropped)")
    for text in ex.dropped:
        print(f"  {'':<15}dropped a link to another article: {text}")
    if ex.language_note:
        print(f"  {'':<15}language: {ex.language_note}")

    def names(entities: Iterable[Entity]) -> str:
        return ", ".join(e.name for e in entities) or "none"

    print(f"  {'speakers:':<15}{names(a.speakers)} ({_n(len(a.quotes), 'quote')})")
    print(f"  {'people:':<15}{names(a.people)}")
    print(f"  {'organizations:':<15}{names(a.organizations)}")
    if a.authors:
        print(f"  {'authors:':<15}{names(a.authors)}")


def _todo(
    draft: str, capture: str, choices: Choices, ex: Extracted, a: Analysis, errors: int
) -> list[str]:
    steps = [
        f"Read the draft against the capture ({capture}): the extractor can miss a paragraph "
        "or keep a caption. Fix the text only where the draft differs from the original."
    ]
    if ex.made_headings or ex.runs:
        steps.append("Check what the import changed, as its 'notes' say.")
    title = choices.title
    if title.origin != "from the page" and not title.value.startswith("["):
        steps.append("If the title is not the published headline, put it in [square brackets].")
    date = choices.date.value
    if date.precision != "day":
        steps.append(f"The date is known to the {date.precision} only; make it more precise "
                     "if the source says when it was published.")  # fmt: skip
    if choices.language.origin.startswith(("guessed", "from the text")):
        steps.append(f"Check the language: '{choices.language.value}' was guessed from "
                     "the letters of the text.")  # fmt: skip
    if choices.outlet_entity is None:
        command = "site-builder new outlet " + shlex.quote(choices.outlet.value)
        try:
            made = slugify(choices.outlet.value)
        except SlugError:
            made = ""
        if made != choices.outlet_id:
            command += f" --id {choices.outlet_id}"
        if choices.website:
            command += f" --website {shlex.quote(choices.website)}"
        steps.append(
            f"Create the outlet: {command} (check its name: it is what the page calls its "
            "site; or, if the registry has it under another name, give that entry this "
            "website and run the import again with --outlet and its id)"
        )
    if a.speakers or a.quotes:
        steps.append(
            "Check 'speakers' and 'quotes': they were found by attribution phrases (said X, "
            "according to X, заявил X, по словам X); remove what is wrong, and shorten a "
            "quote to the words that matter (keep them verbatim)."
        )
    if a.unattributed:
        steps.append(
            f"{a.unattributed} quoted passage{'s' * (a.unattributed != 1)} name no speaker "
            "next to them; add those you can attribute to 'quotes' (and the person to "
            "'speakers')."
        )
    if a.unverified:
        steps.append(f"{len(a.unverified)} quote(s) could not be matched to the body as "
                     "written and were left out; add them by hand if they matter.")  # fmt: skip
    if a.unknown_authors or a.unknown_speakers or a.unknown_names:
        steps.append(
            "Names the registry does not know are listed in a comment at the end of the front "
            "matter: create entries for those that matter and list them, then delete the "
            "comment."
        )
    topics = ", ".join(e.name for e in a.topics_named)
    steps.append(
        "Choose 'topics'" + (f" (the text names: {topics})" if topics else "")
        + " and write or check the 'summary'."
    )  # fmt: skip
    if choices.url is None:
        steps.append("Add the original 'url' if you know it.")
    steps.append(
        f"Run `site-builder check {draft}`"
        + (" and fix the errors it lists" if errors else "")
        + f", then open a pull request with both files: {draft} and {capture}."
    )
    return steps
