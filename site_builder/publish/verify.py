"""`site-builder verify SITE_DIR`: the built site is whole and fits on GitHub Pages.

Every internal `href`/`src` of every HTML page resolves to a file, every `#fragment` to an
element id, no page is heavier than a reader should download, no file and not the whole site
is above GitHub Pages' limits. Offline: nothing is fetched, external links are skipped.

Pages with a search box need the search bundle Pagefind wrote, whole: a build stopped after
its last page but before the bundle was in place leaves pages whose search cannot work.

The HTML is scanned with regular expressions, not parsed into a tree: twelve times faster
than BeautifulSoup's html.parser (measured: 1,000 articles, 1,530 pages, in 1.5 s; 14,000
pages in 6 to 10 s, where html.parser needs well over a minute). The scan knows what
matters for links: tags and their quoted attributes, comments, and the raw-text elements
(`<script>`, `<style>`, `<template>`, ...) whose contents are not the document's links or ids.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from ..core.translit import NAMES_FILE
from ..search.pagefind import BUNDLE_DIR, bundle_problems

Progress = Callable[[str, int, int], None]

KB = 1000
MIB = 1024**2
GIB = 1024**3

# One token of an HTML page: a comment, a raw-text element swallowed whole (its opening tag's
# attributes kept: `<script src>` is a link), or a start tag with an attribute that matters
# here (the lookahead lets the regex engine skip the many tags with a class and nothing else,
# at C speed: a third less time than looking at every tag in Python). Possessive quantifiers
# keep the attribute scan linear; quoted values may hold `>`.
_TOKEN = re.compile(
    r"""
    <!--.*?(?:-->|\Z)
  | <!\[CDATA\[.*?(?:\]\]>|\Z)
  | <(?P<raw>script|style|template|textarea|title|xmp)\b
      (?P<raw_attrs>(?:[^>"']++|"[^"]*+"|'[^']*+')*+)>.*?(?:</(?P=raw)\s*>|\Z)
  | <(?P<tag>[a-zA-Z][^\s/>]*+)
      (?=(?:[^>"']|"[^"]*+"|'[^']*+')*?(?<=[\s"'])
         (?:id|href|src|srcset|name|poster|http-equiv|xlink:href)\s*=)
      (?P<attrs>(?:[^>"']++|"[^"]*+"|'[^']*+')*+)>
    """,
    re.S | re.X | re.I,
)
_ATTR = re.compile(r"""([^\s"'>/=]++)(?:\s*=\s*(?:"([^"]*+)"|'([^']*+)'|([^\s>]++)))?""")
# The attributes that hold a URL (and the `content` of <meta http-equiv="refresh">, apart).
_URL_ATTRS = frozenset({"href", "src", "srcset", "poster", "xlink:href"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_REFRESH_URL = re.compile(r"""^\s*\d*(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?['"]?([^'"]*)""", re.I)
_HTML_SUFFIXES = (".html", ".htm")
# What the plugin (mkdocs_plugin/plugin.py: SCRIPTS and the search page) puts on a page with
# search: its script, which makes the header's search box and loads Pagefind's bundle from
# <site root>/pagefind/, and on the search page an element id="sb-search".
_SEARCH_SCRIPT = re.compile(r"(?:^|/)site-builder/search\.js(?:[?#]|$)")
SEARCH_PAGE_ID = "sb-search"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the site: `site/people/x/index.html: broken link 'y' -> ...`."""

    path: str  # the file, as the site folder was given plus its path inside it
    message: str
    # what the problem is about, to group one broken template link seen on every page
    target: str = field(default="", compare=False)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class Report:
    problems: list[Problem]
    pages: int  # HTML files scanned
    files: int  # every file
    size: int  # bytes, the whole site
    base_url: str  # where the links were resolved from


@dataclass
class _Page:
    ids: set[str]
    links: list[str]  # each distinct URL the page uses, unescaped, in order
    base: str | None  # the <base href>, when there is one
    search: bool = False  # it has a search box: the plugin's search script or search page


def verify(
    site_dir: str | os.PathLike[str],
    max_page_kb: float = 200,
    max_file_mib: float = 50,
    max_site_gib: float = 1.0,
    progress: Progress | None = None,
    *,
    base_url: str | None = None,
    jobs: int | None = None,
) -> list[Problem]:
    """Every problem of the built site in `site_dir`, sorted by file; [] when it is sound.

    `base_url` is where the site is served: a path (`/repo/`) or a URL
    (`https://org.github.io/repo/`). Root-relative links must stay under its path; absolute
    links that start with the URL are checked like internal ones. By default it is the home
    page's canonical URL (MkDocs writes one from `site_url`), else `/`. `jobs` is how many
    processes read large sites (default: one per CPU, at most 8; 1: none).
    """
    return run(
        site_dir, max_page_kb, max_file_mib, max_site_gib, progress, base_url=base_url, jobs=jobs
    ).problems


def run(
    site_dir: str | os.PathLike[str],
    max_page_kb: float = 200,
    max_file_mib: float = 50,
    max_site_gib: float = 1.0,
    progress: Progress | None = None,
    *,
    base_url: str | None = None,
    jobs: int | None = None,
) -> Report:
    """`verify`, with the counts its summary line needs."""
    root = Path(site_dir)
    if not root.is_dir():
        raise NotADirectoryError(f"{site_dir}: no such folder; build the site first")
    shown = os.fspath(site_dir).rstrip("/\\") or "."
    if base_url is None:
        base_url = served_at(root)
    origin, base_path = _split_base(base_url)
    problems: list[Problem] = []

    def problem(rel: str, message: str, target: str = "") -> None:
        problems.append(Problem(f"{shown}/{rel}" if rel else shown, message, target))

    sizes = dict(_walk(root))
    dirs = {posixpath.dirname(p) for p in sizes}
    dirs |= {d for p in list(dirs) for d in _parents(p)}
    total = sum(sizes.values())

    if "index.html" not in sizes:
        problem("", "no index.html at the site's root: its home page would be a 404")
    file_limit = max_file_mib * MIB
    page_limit = max_page_kb * KB
    for rel, size in sizes.items():
        if size > file_limit:
            problem(
                rel,
                f"file is {size / MIB:.1f} MiB, above the {max_file_mib:g} MiB limit per file; "
                "keep large media out of the site (link to them instead)",
            )
        elif size > page_limit and rel.endswith(_HTML_SUFFIXES):
            problem(
                rel,
                f"page is {size / KB:.0f} KB of HTML, above the {max_page_kb:g} KB limit; "
                "split it, or list fewer items per page (per_page)",
            )
    if total > max_site_gib * GIB:
        problem(
            "",
            f"site is {total / GIB:.2f} GiB, above GitHub Pages' {max_site_gib:g} GiB limit; "
            "keep large files out of the site",
        )

    page_paths = sorted(p for p in sizes if p.endswith(_HTML_SUFFIXES))
    pages: dict[str, _Page] = {}
    scanned = _scan_all([os.path.join(root, p) for p in page_paths], jobs)
    for done, (rel, page) in enumerate(zip(page_paths, scanned, strict=True), 1):
        pages[rel] = page
        if progress:
            progress("verify: reading pages", done, len(page_paths))

    resolver = _Resolver(sizes, dirs, pages, origin, base_path)
    for done, rel in enumerate(page_paths, 1):
        page = pages[rel]
        served_anywhere = rel == "404.html"  # GitHub Pages serves it at every missing URL
        start = posixpath.dirname(rel)
        for url in page.links:
            error = resolver.check(rel, start, page.base, url)
            if error:
                problem(rel, f"broken link {url!r} -> {error[0]}", error[1])
            elif served_anywhere and _is_relative(url):
                why = "the 404 page is served at every missing URL, where relative links break"
                problem(rel, f"relative link {url!r}: {why}; set site_url in mkdocs.yml", url)
        if progress:
            progress("verify: checking links", done, len(page_paths))
    searchable = [rel for rel in page_paths if pages[rel].search]
    if searchable:
        _check_search(root, shown, searchable, problem)
    problems.sort()
    return Report(problems, len(page_paths), len(sizes), total, base_url)


def _check_search(
    root: Path, shown: str, searchable: list[str], problem: Callable[[str, str, str], None]
) -> None:
    """The pages in `searchable` have a search box: the search bundle must be there, whole,
    and the registry's names that names.js looks a query up in."""
    first = "index.html" if "index.html" in searchable else searchable[0]
    n = len(searchable)
    boxes = f"{n:,} page{'s' if n != 1 else ''} with a search box ({shown}/{first}"
    boxes += f" and {n - 1:,} more)" if n > 1 else ")"
    if not (root / BUNDLE_DIR).is_dir():
        problem(
            BUNDLE_DIR,
            f"no search bundle, so search fails on the {boxes}: the build stopped before "
            "Pagefind wrote its bundle; build again (mkdocs build)",
            BUNDLE_DIR,
        )
        return
    if not (root / NAMES_FILE).is_file():
        problem(
            NAMES_FILE,
            f"missing, so the search box finds no entry by a misspelled name on the {boxes}: "
            "the build stopped before writing it; build again (mkdocs build)",
            NAMES_FILE,
        )
    for rel, what in bundle_problems(root / BUNDLE_DIR):
        problem(
            f"{BUNDLE_DIR}/{rel}",
            f"{what}: the search bundle is incomplete, so search fails on the {boxes}: the "
            "build stopped before Pagefind finished writing its bundle; build again "
            "(mkdocs build)",
            BUNDLE_DIR,
        )


PARALLEL_FROM = 2000  # pages; below this, starting worker processes costs more than it saves


def _scan_all(paths: list[str], jobs: int | None) -> Iterator[_Page]:
    """The scanned pages, in order; in worker processes for large sites."""
    jobs = min(os.cpu_count() or 1, 8) if jobs is None else jobs
    if jobs <= 1 or len(paths) < PARALLEL_FROM:
        yield from map(_scan_file, paths)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_scan_file, paths, chunksize=64)


def _scan_file(path: str) -> _Page:
    with open(path, encoding="utf-8", errors="replace") as f:
        return scan(f.read())


def scan(text: str) -> _Page:
    """The ids and the URLs of one HTML page."""
    ids: set[str] = set()
    links: dict[str, None] = {}
    base = None
    search = False
    for m in _TOKEN.finditer(text):
        tag = m["tag"]
        if tag is None:
            tag, attrs = m["raw"], m["raw_attrs"]
            if tag is None or not attrs:
                continue  # a comment, or a raw-text element without attributes
        else:
            attrs = m["attrs"]
        tag = tag.lower()
        values = {}
        for a in _ATTR.finditer(attrs):
            name = a[1].lower()
            value = a[2] if a[2] is not None else a[3] if a[3] is not None else a[4]
            if value is None or name in values:
                continue  # no value, or a repeated attribute (the first one counts)
            values[name] = html.unescape(value) if "&" in value else value
        if tag == "script" and _SEARCH_SCRIPT.search(values.get("src", "")):
            search = True
        if "id" in values:
            ids.add(values["id"])
        if tag == "a" and "name" in values:
            ids.add(values["name"])  # a fragment also finds <a name> (HTML: "indicated part")
        if tag == "base" and "href" in values:
            base = base or values["href"]
            continue
        for name, value in values.items():
            if name == "srcset":
                links.update(dict.fromkeys(_srcset(value)))
            elif name in _URL_ATTRS:
                links[value.strip()] = None
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            target = _REFRESH_URL.match(values.get("content", ""))
            if target and target[1].strip():
                links[target[1].strip()] = None
    return _Page(ids, list(links), base, search or SEARCH_PAGE_ID in ids)


def _srcset(value: str) -> Iterator[str]:
    # HTML's srcset: a URL is a run of non-space characters, commas at its end separate
    # candidates, descriptors follow up to the next comma (URLs themselves may hold commas).
    i, n = 0, len(value)
    while i < n:
        while i < n and (value[i].isspace() or value[i] == ","):
            i += 1
        j = i
        while j < n and not value[j].isspace():
            j += 1
        url = value[i:j]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            while j < n and value[j] != ",":
                j += 1
        if url:
            yield url
        i = j


def _walk(root: Path) -> Iterator[tuple[str, int]]:
    """(path inside the site with forward slashes, size) of every file."""
    stack = [("", os.fspath(root))]
    while stack:
        prefix, folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir():
                    stack.append((rel + "/", entry.path))
                elif entry.is_file():
                    yield rel, entry.stat().st_size


def _parents(path: str) -> Iterator[str]:
    while path:
        path = posixpath.dirname(path)
        yield path


_CANONICAL = re.compile(
    r"""<link\s(?=[^>]*\brel\s*=\s*["']?canonical\b)[^>]*\bhref\s*=\s*["']?([^"'\s>]+)""", re.I
)


def served_at(site_dir: str | os.PathLike[str]) -> str:
    """Where the site says it is served: its home page's canonical URL, else "/".

    MkDocs writes `<link rel="canonical">` from `site_url`, and builds root-relative links
    (the 404 page's) under its path: verifying against it checks the site as it was built.
    """
    try:
        with open(os.path.join(site_dir, "index.html"), encoding="utf-8", errors="replace") as f:
            head = f.read(50_000)
    except OSError:
        return "/"
    found = _CANONICAL.search(head)
    url = html.unescape(found[1]) if found else ""
    return url if urlsplit(url).scheme in ("http", "https") else "/"


def _split_base(base_url: str) -> tuple[str, str]:
    """("https://host" or "", "/path/") of a base URL or path."""
    parts = urlsplit(base_url.strip() or "/")
    origin = ""
    if parts.scheme and parts.netloc:
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
    path = unquote(parts.path or "/")
    if not path.startswith("/"):
        path = "/" + path
    if not path.endswith("/"):
        path += "/"
    return origin, path


def _join(start: str, path: str) -> str:
    """`path` relative to the folder `start`, both inside the site: "" is the root, a folder
    ends with "/", and "../" leads a path that climbs out of the site (never clamped at the
    root as a browser would: under a /repo/ base path that link leaves the site)."""
    if not path:
        return start
    # The common case, "../../people/x/", without normpath: half the time of the link check.
    climb = 0
    while path.startswith("../", climb * 3):
        climb += 1
    rest = path[climb * 3 :]
    if "/." not in "/" + rest and "//" not in rest and not rest.startswith("/"):
        if climb == 0:
            return f"{start}/{rest}" if start else rest
        parts = start.split("/") if start else []
        if climb <= len(parts):
            up = "/".join(parts[: len(parts) - climb])
            return f"{up}/{rest}" if up else rest
    joined = posixpath.normpath(posixpath.join(start, path.lstrip("/")))
    if joined == ".":
        return ""
    return joined + "/" if path.endswith("/") and not joined.endswith("/") else joined


def _is_relative(url: str) -> bool:
    return not (url.startswith(("/", "#")) or _SCHEME.match(url) or url == "")


class _Resolver:
    """Resolves a page's URLs inside the site and finds their files and fragments."""

    def __init__(
        self,
        files: dict[str, int],
        dirs: set[str],
        pages: dict[str, _Page],
        origin: str,
        base_path: str,
    ) -> None:
        self.files, self.dirs, self.pages = files, dirs, pages
        self.origin, self.base_path = origin, base_path
        self._lower: dict[str, str] | None = None

    def check(self, page: str, start: str, base: str | None, url: str) -> tuple[str, str] | None:
        """None if `url` on `page` (in folder `start`) is sound or not ours; else (why, target)."""
        scheme = _SCHEME.match(url)
        if scheme:
            name = scheme[1].lower()
            if name == "javascript":
                return "a javascript: URL; links must not run code", url
            if name not in ("http", "https") or not self.origin:
                return None  # mailto:, tel:, data:, another site: not ours to check
            parts = urlsplit(url)
            if f"{parts.scheme.lower()}://{parts.netloc.lower()}" != self.origin:
                return None
            if not (unquote(parts.path) + "/").startswith(self.base_path):
                return None  # another site on the same host (github.io serves many)
            url = urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
        elif url.startswith("//"):
            return None  # protocol-relative: another host
        path, _, fragment = url.partition("#")
        path = path.partition("?")[0]
        if path.startswith("/"):
            target = self._from_root(unquote(path))
            if target is None:
                return (
                    f"outside the site's base path {self.base_path} (build with a site_url "
                    "that ends in it, or give the right --base-url)",
                    path,
                )
        elif not path and base is None:
            target = page  # "#x", "?q" or "": this very page
        else:
            if base is not None:  # <base href> changes what relative links start from
                found = self.check(page, start, None, base)
                if found:
                    return f"its <base href> {base!r} is broken: {found[0]}", base
                start = self._base_dir(page, base)
            target = _join(start, unquote(path))
        file = self._file(target)
        if file is None:
            return self._missing(target), target
        if fragment and fragment.lower() != "top" and not fragment.startswith(":~:"):
            target_page = self.pages.get(file)
            if target_page is not None:  # other files' fragments (PDF pages...) are theirs
                if fragment not in target_page.ids and unquote(fragment) not in target_page.ids:
                    return (
                        f"no element with id {unquote(fragment)!r} in {file}",
                        f"{file}#{fragment}",
                    )
        return None

    def _from_root(self, path: str) -> str | None:
        """A root-relative path as a path inside the site, or None outside the base path."""
        if path + "/" == self.base_path:
            return ""
        if not path.startswith(self.base_path):
            return None
        return _join("", path[len(self.base_path) :])

    def _base_dir(self, page: str, base: str) -> str:
        if base.startswith("/"):
            target = self._from_root(unquote(base.partition("?")[0])) or ""
        else:
            target = _join(posixpath.dirname(page), unquote(base.partition("?")[0]))
        # "a/b/" is the folder a/b; "a/b" (a file) is in the folder a
        return target[:-1] if target.endswith("/") else posixpath.dirname(target)

    def _file(self, target: str) -> str | None:
        """The file a path inside the site is served from, or None."""
        if target.startswith("../") or target == "..":
            return None
        if target == "" or target.endswith("/"):
            index = target + "index.html"
            return index if index in self.files else None
        if target in self.files:
            return target
        if target in self.dirs and target + "/index.html" in self.files:
            return target + "/index.html"  # servers redirect "dir" to "dir/"
        return None

    def _missing(self, target: str) -> str:
        if target.startswith("../") or target == "..":
            return "points outside the site folder"
        wanted = target + "index.html" if target == "" or target.endswith("/") else target
        if target.rstrip("/") in self.dirs or target == "":
            return f"{wanted} does not exist (the folder has no index.html)"
        if self._lower is None:
            self._lower = {p.lower(): p for p in self.files}
        other = self._lower.get(wanted.lower())
        hint = f" (a file differs in case only: {other}; URLs are case-sensitive)" if other else ""
        return f"{wanted} does not exist{hint}"


# --------------------------------------------------------------------------- the command

SHOWN_PER_TARGET = 5  # a template's broken link repeats on every page: show a few


def format_problems(problems: list[Problem], fmt: str = "text") -> Iterator[str]:
    """One line per problem; past a few pages, one line for the rest of each target."""
    seen: dict[str, int] = {}
    for p in problems:
        if p.target:
            seen[p.target] = seen.get(p.target, 0) + 1
            if seen[p.target] > SHOWN_PER_TARGET:
                continue
        yield _github(p) if fmt == "github" else str(p)
    for target, count in seen.items():
        if count > SHOWN_PER_TARGET:
            more = f"... and {count - SHOWN_PER_TARGET} more of the same: {target!r}"
            yield f"::error::{more}" if fmt == "github" else more


def _github(p: Problem) -> str:
    # Workflow command: the built file is no file of the repository, so no file= property.
    text = str(p).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error title=site-builder verify::{text}"
