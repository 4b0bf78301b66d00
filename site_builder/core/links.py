"""Links between pages: relative, so the site works at a domain's root and under a path."""

from __future__ import annotations

from urllib.parse import quote

# Schemes a link in content may have; a link with any other loses its href (site/body.py),
# and the check warns about it.
URL_SCHEMES = {"http", "https", "mailto"}


def base(here: str) -> str:
    """From the page at site URL `here` (a directory URL) up to the site root."""
    return "../" * here.count("/")


def href(target: str, here: str) -> str:
    """Relative link from the page at site URL `here` to site URL `target` (may hold #frag).

    Always up to the root and down again (`../../people/x/`): as valid as the shortest
    path, and computed without `posixpath.relpath`, which a big build calls 100,000 times.
    """
    if target.startswith("#"):
        return target
    path, _, frag = target.partition("#")
    if path == here:
        return "./" + ("#" + frag if frag else "")
    return (base(here) + path or "./") + ("#" + frag if frag else "")


def url_of(src_uri: str) -> str:
    """The directory URL MkDocs gives a Markdown file: `people/x.md` -> `people/x/`."""
    stem = src_uri[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def capture_href(base_url: str, path: str) -> str:
    """Where a capture at `path` (`archive/<outlet>/<yyyy>/<file>`) is browsable: each segment
    percent-encoded, so a folder named `%2e%2e` or `?x` stays a folder in the URL."""
    return base_url.rstrip("/") + "/" + "/".join(quote(seg, safe="") for seg in path.split("/"))
