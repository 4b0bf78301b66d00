"""Every file of the archive as data that a build publishes beside the pages."""

from __future__ import annotations

from functools import cached_property

from ..core.archive import Archive
from ..core.crosslinks import CrossIndex
from ..core.made import Made
from ..core.model import Entity
from . import feeds, opendata
from .citations import Citations
from .entries import EntryFiles


class OpenDataFiles:
    """Data dumps, Atom feeds, citation files and robots.txt, made once per build."""

    def __init__(
        self,
        archive: Archive,
        index: CrossIndex,
        citations: Citations,
        site_url: str | None,
        site_name: str,
        entry_downloads: bool = True,
        made: Made | None = None,
    ) -> None:
        """`made`: each entry's files and feed as earlier builds made them (`mkdocs serve`),
        taken where nothing they are made of changed."""
        self.archive, self.index, self.citations = archive, index, citations
        self.site_url, self.site_name = site_url, site_name
        self.made = made
        self.entries = EntryFiles(archive, index, site_url, downloads=entry_downloads, made=made)
        """Each entry's own articles and quotes as CSV and JSON, and its page's filter data."""

    @cached_property
    def files(self) -> dict[str, bytes | str]:
        """Site-relative path -> content."""
        archive, site_url = self.archive, self.site_url
        out: dict[str, bytes | str] = {}
        lines = self.entries.lines
        out.update(opendata.dumps(archive, self.index, site_url, title=self.site_name, lines=lines))
        out.update(self._feeds)
        out.update(self.entries.files)
        # Every article's citation in one file per format, for a reference manager. An article
        # page downloads its own from the text in its Cite box (archive.js): one file per
        # article and format would be 30,000 files for 10,000 articles.
        cites = [self.citations.of(a) for a in archive.articles]
        out["data/citations.bib"] = "\n".join(c["bibtex"] for c in cites)
        out["data/citations.ris"] = "".join(c["ris"] for c in cites)
        out["data/citations.json"] = opendata.json_array([c["csl_item"] for c in cites])
        robots = "User-agent: *\nAllow: /\n"
        if site_url:
            robots += f"Sitemap: {site_url.rstrip('/')}/sitemap.xml\n"
        out["robots.txt"] = robots
        return out

    @cached_property
    def _feeds(self) -> dict[str, bytes]:
        return feeds.feeds(
            self.archive, self.index, self.site_url, site_name=self.site_name, made=self.made
        )

    def feed_of(self, entity: Entity | None) -> str | None:
        """The path of the feed of `entity` (of the archive: None), if it has one."""
        path = feeds.feed_path(entity)
        return path if path in self._feeds else None
