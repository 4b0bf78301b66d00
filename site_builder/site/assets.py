"""The site's own stylesheets and scripts: written by feature, served as one file each.

Each feature keeps its CSS and JavaScript in a file of its own under `assets/archive/`
(`base.css`, `entity.js`, ...); the build joins them, in the order of their names, into
`assets/site-builder/archive.css` and `archive.js`, so a page loads two files of ours
whatever the number of features. Search has its own pair, loaded only when search is on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .labels import script_words

SOURCES = Path(__file__).parent / "assets"
SITE_DIR = "assets/site-builder"


@dataclass(frozen=True)
class Bundle:
    path: str  # where it is served, relative to the site root
    parts: tuple[Path, ...]
    prelude: str = ""  # written before the parts

    def content(self) -> str:
        return self.prelude + "".join(p.read_text(encoding="utf-8") for p in self.parts)


def words_script() -> str:
    """The scripts' words in the site's language, as `window.sbWords`: archive.js carries
    them, so that every page has them (the header's search box, the citation buttons) for
    one cached file, not a copy in each page."""
    words = json.dumps(script_words(), ensure_ascii=False, separators=(",", ":"))
    # `</` cannot end the script early (the file is never inline, but it costs nothing)
    return "window.sbWords = " + words.replace("</", "<\\/") + ";\n"


def _parts(folder: str, suffix: str) -> tuple[Path, ...]:
    return tuple(sorted((SOURCES / folder).glob(f"*{suffix}")))


def stylesheets(search: bool) -> list[Bundle]:
    # One stylesheet: search's styles join the archive's when search is on (a request and a
    # <link> less on every page).
    parts = _parts("archive", ".css") + (_parts("search", ".css") if search else ())
    return [Bundle(f"{SITE_DIR}/archive.css", parts)]


def scripts(search: bool) -> list[Bundle]:
    # In this order: search.js uses archive.js.
    out = [Bundle(f"{SITE_DIR}/archive.js", _parts("archive", ".js"), words_script())]
    if search:
        out.append(Bundle(f"{SITE_DIR}/search.js", _parts("search", ".js")))
    return out
