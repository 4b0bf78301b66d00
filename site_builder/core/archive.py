"""Loading the archive from `content/`: every file read, validated and resolved once."""

from __future__ import annotations

import dataclasses
import gc
import os
import re
import sys
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath

from . import changes, contentfiles, frontmatter, schema
from .diagnostics import Diagnostics
from .lookalikes import spelling_problems
from .model import REF_KIND, Article, Entity, HandPage
from .registry import Registry
from .slugs import SlugError, check_id

ARTICLES = "articles"
SECTIONS = (ARTICLES, *schema.PLURAL.values())
Progress = Callable[[str, int, int], None]
# A file or folder name under content/ becomes part of URLs and of Material's edit link,
# which the theme writes into the page unescaped: a '"' there would add an attribute.
_UNSAFE_NAME = re.compile(r"[\"'<>`\\]")
_YEAR = re.compile(r"^[0-9]{4}$")


@dataclass
class Archive:
    root: Path
    docs_dir: Path
    articles: list[Article]
    registry: Registry
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    pages: list[HandPage] = field(default_factory=list)  # hand-written: index.md, about.md

    def __post_init__(self) -> None:
        self.by_id: dict[str, Article] = {a.id: a for a in self.articles}
        self.former_ids: dict[str, Article] = {}
        # (kind, text) of references that matched no entry, for `check --fix`
        self.unresolved: list[tuple[str, str]] = []

    def display(self, path: Path) -> str:
        """`path` relative to the project root, as messages show it."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            try:
                return path.resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                return path.as_posix()


class StderrProgress:
    """Prints `loading 4000/10000 files` to stderr at most once a second on long runs."""

    def __init__(self, min_total: int = 500) -> None:
        self.min_total = min_total
        self.last = time.monotonic()  # quiet for the first second: short runs print nothing
        self.shown = False

    def __call__(self, what: str, done: int, total: int) -> None:
        now = time.monotonic()
        if total < self.min_total:
            return
        if now - self.last > 1 or (done == total and self.shown):
            self.last, self.shown = now, True
            end = "\n" if done == total else "\r"
            print(f"{what} {done}/{total}", end=end, file=sys.stderr, flush=True)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Loading creates millions of small objects and no garbage cycles; Python's cyclic
    collector would walk them all again and again (20% of a 10,000-article check)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class ArticleMemo:
    """The articles a long-running process (`mkdocs serve`) read, by file: a file whose size
    and times have not changed since is not read again. What the loader says of each file is
    kept with it and said again; the articles are handed out as new objects, which
    resolution fills anew (the registry may have changed)."""

    def __init__(self) -> None:
        self._files: dict[Path, tuple[tuple[int, ...], Article | None, Diagnostics]] = {}
        self._seen: set[Path] = set()
        self.read = 0  # files read by the last load

    def load(self, archive: Archive, path: Path) -> Article | None:
        self._seen.add(path)
        try:
            st = path.stat()
            stamp: tuple[int, ...] = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
        except OSError:
            stamp = ()
        found = self._files.get(path)
        if found is None or not stamp or found[0] != stamp:
            own = Diagnostics()
            archive.diagnostics, theirs = own, archive.diagnostics
            try:
                article = _load_article(archive, path)
            finally:
                archive.diagnostics = theirs
            found = self._files[path] = (stamp, article, own)
            self.read += 1
        archive.diagnostics.extend(found[2])
        article = found[1]
        return None if article is None else dataclasses.replace(article, refs={}, outlet=None)

    def begin(self) -> None:
        self._seen.clear()
        self.read = 0

    def end(self) -> None:
        """Forget the files the last load did not see (deleted or renamed)."""
        for path in self._files.keys() - self._seen:
            del self._files[path]


def load(
    root: Path,
    docs_dir: str | Path = "content",
    progress: Progress | None = None,
    changed: Collection[str] | None = None,
    memo: ArticleMemo | None = None,
) -> Archive:
    """Read `root/docs_dir`, validate every file and resolve every reference.

    `changed`: the files (relative to `root`) a pull request changed, on which a problem
    between two registry entries is blamed; by default what git says differs from the last
    commit, asked only if such a problem comes up. `memo`: the articles an earlier load
    read, reused where their files have not changed.
    """
    with paused_gc():
        if memo is not None:
            memo.begin()
        loaded = _load(root, docs_dir, progress, changed, memo)
        if memo is not None:
            memo.end()
        return loaded


def _load(
    root: Path,
    docs_dir: str | Path,
    progress: Progress | None,
    changed: Collection[str] | None,
    memo: ArticleMemo | None = None,
) -> Archive:
    root = Path(root)
    docs = root / docs_dir
    diags = Diagnostics()
    archive = Archive(root, docs, [], Registry(), diags)
    files = _files(archive, docs)
    _files(archive, root / "archive")  # for its problems: captures are read, not published
    entity_files, article_files, page_files = _sort_files(archive, docs, files)
    _case_collisions(archive, [p for _, p in entity_files] + article_files)
    total = len(entity_files) + len(article_files)
    done = 0
    for kind, path in entity_files:
        entity = _load_entity(archive, kind, path)
        if entity:
            archive.registry.add(entity)
        done += 1
        if progress:
            progress("loading", done, total)
    archive.registry.report(diags, _changed(root, changed))
    archive.registry.add_former_ids(diags)
    for path in article_files:
        article = memo.load(archive, path) if memo is not None else _load_article(archive, path)
        if article:
            archive.articles.append(article)
        done += 1
        if progress:
            progress("loading", done, total)
    for path in page_files:
        page = _load_page(archive, path)
        if page:
            archive.pages.append(page)
    archive.by_id = {a.id: a for a in archive.articles}
    _article_former_ids(archive)
    for entity in archive.registry:
        _resolve_entity(archive, entity)
    for article in archive.articles:
        _resolve_article(archive, article)
    return archive


def reread_article(archive: Archive, path: Path) -> Article | None:
    """The article at `path` as a load would make it now, resolved against `archive`'s
    registry, which is left as it was; None where that load would find an error in it.
    (`mkdocs serve` shows the page being edited before the rest of a rebuild.)"""
    own = Diagnostics()
    theirs, archive.diagnostics = archive.diagnostics, own
    unresolved, archive.unresolved = archive.unresolved, []
    try:
        article = _load_article(archive, path)
        if article is not None:
            _resolve_article(archive, article)
    finally:
        archive.diagnostics, archive.unresolved = theirs, unresolved
    return None if article is None or own.errors else article


def _changed(root: Path, changed: Collection[str] | None) -> Callable[[], Collection[str]]:
    if changed is not None:
        return lambda: changed
    return cache(lambda: changes.changed_files(root) or frozenset())


def _files(archive: Archive, folder: Path) -> list[Path]:
    """Every regular file under `folder`, never through a symbolic link.

    A link is an error, not followed: it could publish (or checksum) a file from outside the
    repository. So is a name that is not safe in a URL or a page.
    """
    out: list[Path] = []
    stack = [folder]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:  # absent (no captures yet) or not a folder
            continue
        for entry in entries:
            path = Path(entry.path)
            if _UNSAFE_NAME.search(entry.name) or not entry.name.isprintable():
                archive.diagnostics.error(
                    archive.display(path),
                    0,
                    "",
                    f"the name {entry.name!r} holds a character that is unsafe in a URL or a "
                    "web page (a quote, '<', '>', '`', '\\' or an invisible one); rename it",
                )
            elif entry.is_symlink():
                archive.diagnostics.error(
                    archive.display(path),
                    0,
                    "",
                    f"a symbolic link (to {os.readlink(path)!r}); the archive holds files, not "
                    "links, which could publish a file from outside it: replace it by the file "
                    "itself",
                )
            elif entry.is_dir():
                stack.append(path)
            elif entry.is_file():
                out.append(path)
    return sorted(out)


def _sort_files(
    archive: Archive, docs: Path, files: list[Path]
) -> tuple[list[tuple[str, Path]], list[Path], list[Path]]:
    """(kind, path) of registry entries, paths of articles and of hand-written pages.

    Every file MkDocs would publish is one of these, or an inert file (an image, a PDF ...),
    or an error: a file that could run script, Markdown with another suffix than `.md`, a
    file in the articles or registry folders that is not an article or entry, or one that
    would take the place of a page the build makes.
    """
    folders = {schema.PLURAL[k]: k for k in schema.KINDS}
    entities: dict[str, list[Path]] = {k: [] for k in schema.KINDS}
    articles: list[Path] = []
    pages: list[Path] = []
    for p in files:
        rel = PurePosixPath(p.relative_to(docs).as_posix())
        parts = rel.parts
        if any(part.startswith(".") for part in parts):
            continue  # MkDocs never publishes dot-files (exclude_docs); see checks for *.tmp
        problem = contentfiles.reserved_page(rel, SECTIONS) or _unpublishable(p, rel)
        in_section = parts[0] in (ARTICLES, *folders)
        if problem is None and p.suffix != ".md" and in_section:
            what = "articles" if parts[0] == ARTICLES else "registry entries"
            problem = (
                f"content/{parts[0]}/ holds only {what} (.md files); put other files "
                "elsewhere under content/ (e.g. content/media/)"
            )
        if problem is not None:
            archive.diagnostics.error(archive.display(p), 0, "", problem)
        elif p.suffix != ".md":
            continue  # an inert file, published as it is
        elif parts[0] == ARTICLES and len(parts) == 3 and _YEAR.match(parts[1]):
            articles.append(p)
        elif parts[0] in folders and len(parts) == 2:
            entities[folders[parts[0]]].append(p)
        elif in_section:
            where = "articles/<yyyy>/<id>.md" if parts[0] == ARTICLES else f"{parts[0]}/<id>.md"
            archive.diagnostics.error(
                archive.display(p),
                0,
                "",
                f"not where a file of content/{parts[0]}/ belongs: move it to content/{where}",
            )
        else:
            pages.append(p)
    return [(k, p) for k in schema.KINDS for p in entities[k]], articles, pages


def _unpublishable(path: Path, rel: PurePosixPath) -> str | None:
    if rel.suffix == ".md":
        return None
    try:
        with path.open("rb") as f:
            head = f.read() if contentfiles.needs_whole_file(rel) else f.read(16)
    except OSError as exc:
        return f"cannot be read ({exc.strerror}); fix its permissions or remove it"
    return contentfiles.unpublishable(rel, head)


def _read(archive: Archive, path: Path, optional: bool = False) -> frontmatter.FrontMatter | None:
    shown = archive.display(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        archive.diagnostics.error(shown, 0, "", f"not UTF-8 text ({exc.reason}); save it as UTF-8")
        return None
    fm = frontmatter.read(shown, text, optional=optional)
    archive.diagnostics.extend(fm.diagnostics)
    return None if fm.broken else fm


def _file_id(archive: Archive, path: Path, reserved: Callable[[str], str | None]) -> str | None:
    try:
        file_id = check_id(path.stem)
    except SlugError as exc:
        archive.diagnostics.error(archive.display(path), 0, "", f"bad file name: {exc}")
        return None
    problem = reserved(file_id)
    if problem:
        archive.diagnostics.error(archive.display(path), 0, "", f"bad file name: {problem}")
        return None
    return file_id


def _load_page(archive: Archive, path: Path) -> HandPage | None:
    fm = _read(archive, path, optional=True)
    if fm is None:
        return None
    values = schema.validate(fm, "page", archive.diagnostics)
    src_uri = path.relative_to(archive.docs_dir).as_posix()
    return HandPage.of(fm.path, src_uri, values, fm.body, fm.body_line)


def _load_entity(archive: Archive, kind: str, path: Path) -> Entity | None:
    fm = _read(archive, path)
    entity_id = _file_id(archive, path, contentfiles.reserved_entity_id)
    if fm is None or entity_id is None:
        return None
    values = schema.validate(fm, kind, archive.diagnostics)
    if not values["name"]:
        return None
    entity = Entity.of(kind, entity_id, fm.path, values, fm.body, fm.body_line, fm.lines)
    spellings = [("name", fm.line("name"), entity.name)]
    spellings += [(f"aliases[{i}]", fm.line("aliases", i), a) for i, a in enumerate(entity.aliases)]
    if entity.abbreviation:
        spellings.append(("abbreviation", fm.line("abbreviation"), entity.abbreviation))
    for field_name, line, spelling in spellings:
        _warn_spelling(archive, fm.path, line, field_name, spelling)
    return entity


def _load_article(archive: Archive, path: Path) -> Article | None:
    fm = _read(archive, path)
    article_id = _file_id(archive, path, contentfiles.reserved_article_id)
    if fm is None or article_id is None:
        return None
    values = schema.validate(fm, "article", archive.diagnostics)
    src_uri = path.relative_to(archive.docs_dir).as_posix()
    return Article.of(article_id, fm.path, src_uri, values, fm.body, fm.body_line, fm.lines)


def _warn_spelling(
    archive: Archive, path: str, line: int, field: str, text: str, reference: bool = False
) -> None:
    """Report what makes a spelling pass for another: a registry name, alias or abbreviation,
    or (`reference`) a name an article or entry refers to."""
    for is_error, message in spelling_problems(text, reference):
        (archive.diagnostics.error if is_error else archive.diagnostics.warning)(
            path, line, field, message
        )


def _case_collisions(archive: Archive, paths: list[Path]) -> None:
    seen: dict[str, Path] = {}
    for p in paths:
        k = p.as_posix().lower()
        if k in seen:
            archive.diagnostics.error(
                archive.display(p),
                0,
                "",
                f"differs from {archive.display(seen[k])} only by letter case; the two would "
                "be one file on macOS and Windows and one URL: rename or merge them",
            )
        seen.setdefault(k, p)


def _resolve_ref(archive: Archive, path: str, kind: str, ref: schema.Ref) -> Entity | None:
    _warn_spelling(archive, path, ref.line, ref.field, ref.text, reference=True)
    entity = archive.registry.resolve(kind, ref.text)
    if entity is None:
        archive.unresolved.append((kind, ref.text))
        archive.diagnostics.error(
            path, ref.line, ref.field, archive.registry.unresolved_message(kind, ref)
        )
    return entity


def _resolve_entity(archive: Archive, entity: Entity) -> None:
    for ref in [entity.parent] + [r.organization for r in entity.roles]:
        if ref:
            _resolve_ref(archive, entity.path, "organization", ref)


def _resolve_article(archive: Archive, article: Article) -> None:
    outlet = article.outlet_ref
    if outlet:
        article.outlet = _resolve_ref(archive, article.path, "outlet", outlet)
    for field_name, ref in article.references():
        entity = _resolve_ref(archive, article.path, REF_KIND[field_name], ref)
        ents = article.refs.setdefault(field_name, [])
        if entity is not None and entity in ents:
            archive.diagnostics.warning(
                article.path, ref.line, ref.field, f"{entity.name} is listed twice; remove one"
            )
        elif entity is not None:
            ents.append(entity)
    speakers = set(map(id, article.refs.get("speakers", [])))
    for quote in article.quotes:
        entity = _resolve_ref(archive, article.path, "person", quote.by)
        if entity is not None and id(entity) not in speakers:
            archive.diagnostics.error(
                article.path,
                quote.by.line,
                quote.field + ".by",
                f"{entity.name} is quoted but not among the article's speakers; "
                f"add {entity.name!r} to 'speakers'",
            )
    for lang, ref in article.translations.items():
        other = archive.by_id.get(ref.text) or archive.former_ids.get(ref.text)
        if other is None:
            archive.diagnostics.error(
                article.path, ref.line, ref.field, f"no article has the id {ref.text!r}"
            )
        elif other.language != lang:
            archive.diagnostics.error(
                article.path,
                ref.line,
                ref.field,
                f"{other.path} is in {other.language!r}, not {lang!r}",
            )


def _article_former_ids(archive: Archive) -> None:
    for article in archive.articles:
        for i, old in enumerate(article.former_ids):
            taken = archive.by_id.get(old) or archive.former_ids.get(old)
            if taken is not None and taken is not article:
                archive.diagnostics.error(
                    article.path,
                    article.lines.get(("former_ids", i), 1),
                    f"former_ids[{i}]",
                    f"'{old}' is taken by {taken.path}; an old id must not be in use",
                )
            else:
                archive.former_ids[old] = article


def project_root(start: Path) -> Path:
    """The folder holding mkdocs.yml or content/, from `start` upward."""
    start = start.resolve()
    for p in [start, *start.parents]:
        if (p / "mkdocs.yml").is_file() or (p / "content").is_dir():
            return p
    return start
