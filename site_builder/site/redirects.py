"""Pages at old URLs: an entry's or article's `former_ids` keep links to it working."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

from ..core.archive import Archive
from ..core.links import href
from ..core.schema import PLURAL


@dataclass(frozen=True)
class Redirect:
    old: str  # site URL, e.g. people/old-id/
    new: str
    title: str

    @property
    def src_uri(self) -> str:
        return self.old + "index.html"

    def html(self) -> str:
        """A page at `old` that sends readers (and search engines) on to `new`."""
        target = escape(href(self.new, self.old))
        return (
            '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>Moved: {escape(self.title)}</title>"
            f'<meta http-equiv="refresh" content="0; url={target}">'
            f'<link rel="canonical" href="{target}"><meta name="robots" content="noindex">'
            f'</head><body><p>This page has moved to <a href="{target}">{escape(self.title)}</a>.'
            "</p></body></html>\n"
        )


def redirects(archive: Archive) -> list[Redirect]:
    """From the `former_ids` of entries and articles."""
    out = []
    for e in archive.registry:
        for old in e.former_ids:
            out.append(Redirect(f"{PLURAL[e.kind]}/{old}/", e.url, e.name))
    for a in archive.articles:
        folder = a.src_uri.rsplit("/", 1)[0]
        for old in a.former_ids:
            out.append(Redirect(f"{folder}/{old}/", a.url, a.title))
    return out
