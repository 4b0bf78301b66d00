"""The MkDocs plugin: a thin adapter from MkDocs' build events to the archive core.

Reads like the table of contents of a build:
  on_config        load the archive once and start checking it (beside the setup that
                   follows); the build fails on errors like `site-builder check`, by the
                   end of on_files
  on_pre_build     start Pagefind (search)
  on_files         add the generated pages (virtual, `File.generated`) and our stylesheet;
                   start writing the data files and captures (as text) on a thread; refuse
                   two pages with one URL; give MkDocs the bodies already read
  on_page_markdown give every page safe, escaped metadata for the theme: only what the
                   archive checked, never the page's own YAML
  on_page_content  compose article, entity and home pages from the core's HTML; hand
                   what search reads of each to Pagefind, which indexes it on the other core
  on_page_context  breadcrumbs on every page but home, and its section's tab active
  on_env           every page is in: Pagefind writes its bundle while MkDocs goes on
  on_post_page     `<html lang>` follows the article's language; indentation trimmed; a
                   Content-Security-Policy that allows only the theme's own inline scripts
  on_post_build    the data files, captures and search bundle in place
  (open data: dumps, feeds and citation files are generated files; JSON-LD, Open Graph,
   Highwire and feed links go into each page's head)
  on_serve         rebuild when a capture under archive/ changes; live reload by a script
                   file the site's policy allows; rebuilds that keep what the last build
                   made (live.py)
  (the build cache, build_cache.py: opened at the end of on_files; an article whose key is
   cached is not rendered from on_page_markdown on, another page skips the theme from
   on_page_context on; on_post_page writes the cached HTML; on_post_build keeps the cache)
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import gc
import hashlib
import html
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc
from mkdocs.utils.meta import get_data as get_markdown_data
from mkdocs.utils.templates import TemplateContext

from .. import checks
from ..core import archive as archive_mod
from ..core import contentfiles, i18n
from ..core.diagnostics import Diagnostics
from ..core.links import capture_href, url_of
from ..core.made import Made
from ..core.model import Article, Entity, HandPage
from ..data import feeds
from ..search import documents
from ..search import process as search_process
from ..search import shards as search_shards
from ..search.pagefind import SearchIndexError
from ..site import assets, csp
from ..site.articles import verified_captures
from ..site.body import sanitize
from ..site.breadcrumbs import nav_page
from ..site.compact import trim_indentation
from ..site.downloads import PAGE as DATA_PAGE
from ..site.labels import theme_words
from ..site.output import Output, OutputError
from ..site.plan import Generated
from ..site.site import Site, SiteOptions
from ..text import mentions
from . import build_cache, live, theme_cache
from .stored_made import StoredMade

if TYPE_CHECKING:
    import jinja2
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.site_builder")

# Material templates the site replaces (footer, 404, ...): searched before Material's own,
# after a maintainer's `custom_dir`, which still wins.
THEME_OVERRIDES = Path(__file__).parents[1] / "site" / "theme"
SECTIONS_NAV = [
    {"Home": "index.md"},
    {"Articles": "articles/index.md"},
    {"Quotes": "quotes/index.md"},
    {"People": "people/index.md"},
    {"Organizations": "organizations/index.md"},
    {"Outlets": "outlets/index.md"},
    {"Topics": "topics/index.md"},
    {"Data": "data/index.md"},
]


# MkDocs ships type hints but leaves Config.__init_subclass__ and BasePlugin.__init_subclass__
# (mkdocs/config/base.py, mkdocs/plugins.py, 1.6) unannotated, so strict mode calls each
# subclass definition an untyped call.
class ArchiveConfig(base.Config):  # type: ignore[no-untyped-call]
    per_page = c.Type(int, default=50)
    """Articles (or quotes, or names) per page of a long list; longer lists get more pages."""
    related = c.Type(int, default=5)
    """How many related articles an article page lists."""
    together = c.Type(int, default=12)
    """How many people and organizations an entity page lists under 'Often appears with'."""
    az_threshold = c.Type(int, default=400)
    """Above this many entries, an A-Z index gets one page per letter."""
    search = c.Type(bool, default=True)
    """Index the built site with Pagefind and add the search box and page."""
    search_language = c.Type(str, default="ru")
    """The one language the search index is stemmed as: `ru` (the default) lets Russian
    queries match inflected forms, and English then matches exactly or by prefix; `en` is the
    mirror image. Empty for one index per page language, with which a page only finds pages
    in its own language (see site_builder/search/)."""
    search_shard_words = c.Type(int, default=search_shards.DEFAULT_SHARD_WORDS)
    """Words (roughly) Pagefind holds at most at once: a larger site is indexed in parts of
    this size, one Pagefind after another, and the parts are put together into the one index
    Pagefind would have written, so that the build's memory stays within bounds (under 2 GB
    at 10,000 articles with the default). 0 for one Pagefind for everything (see
    site_builder/search/shards.py)."""
    open_data = c.Type(bool, default=True)
    """Write data dumps (data/*.json, *.csv, datapackage.json), Atom feeds, citation files,
    JSON-LD and citation meta tags, and robots.txt."""
    entry_downloads = c.Type(bool, default=True)
    """Write each person's, organization's, outlet's and topic's articles (and quotes) as CSV
    and JSON beside its page, linked from it. At 10,000 articles that is about 200 MB of the
    site; turn it off to stay well under GitHub Pages' 1 GB (the archive-wide files in data/
    hold the same rows)."""
    capture_base_url = c.Optional(c.Type(str))
    """Where captures are browsable, e.g. `https://github.com/ORG/REPO/blob/main/`; by
    default derived from `repo_url` when it is a GitHub repository."""
    cache = c.Type(bool, default=True)
    """Reuse what the last build made (pages and the search index) where its inputs have not
    changed, from `.cache/site-builder/` beside mkdocs.yml, and keep this build's there. The
    site is the same, byte for byte, as a build without it. `false` (or removing the folder)
    builds everything anew and leaves the folder as it is (see build_cache.py)."""
    publish_captures = c.Type(bool, default=True)
    """Publish each article's capture with the site, byte for byte, as text that a browser
    shows and never runs (`captures/<outlet>/<yyyy>/<id>.html.txt`), linked as its
    "Archived copy". Real captures of web pages weigh about 200 KB each: at 10,000 articles
    that is 2 GB, above GitHub Pages' 1 GB; turn it off there and set `capture_base_url`
    (or `repo_url`) to link to the repository's copy instead."""


class ArchivePlugin(BasePlugin[ArchiveConfig]):  # type: ignore[no-untyped-call]
    site: Site | None = None
    indexer: search_process.IndexerProcess | None = None
    output: Output | None = None  # the data files and captures, being written
    _diagnostics: checks.Pending[Diagnostics] | None = None
    _tab: Any = None  # the nav page made active for the page being rendered
    cache: build_cache.BuildCache | None = None
    _checks_memo: checks.Memo | None = None  # `mkdocs build`: kept in the cache
    _made: Made | None = None  # what pages and data files are made of (core/made.py)
    live_reload: live.LiveReload | None = None  # `mkdocs serve`'s, once on_serve has run

    _serving = False  # `mkdocs serve`: the search index is finished after the pages
    _after_build: _AfterBuild | None = None  # serve: the last build's end, on a thread
    session: live.Session | None = None  # serve: what the last build made, kept
    dirty_rebuilds: live.DirtyRebuilds | None = None
    _shown: _LastBuild | None = None  # serve: the last good build, for a save to be shown first
    _saves: live.Saves | None = None  # serve: the files saved since the last build began
    _nav: Navigation | None = None
    _first = False  # serve: this build's saved page was shown before it began
    _env: jinja2.Environment | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defined, so that MkDocs keeps this one plugin object for all of `mkdocs serve`'s
        # builds (it makes a new one per build otherwise): the live reload's hook stays,
        # and so does the search index the last build is finishing.
        self.live_reload = None
        _freeze_at_exit()
        self._serving = command == "serve"
        self.session = live.Session() if self._serving else None
        self.dirty_rebuilds = live.DirtyRebuilds(log) if self._serving else None

    def on_shutdown(self) -> None:
        self._wait_for_last_build()

    def _wait_for_last_build(self) -> None:
        """Serve, at shutdown: what the last build left to a thread is done."""
        job, self._after_build = self._after_build, None
        if job is not None and job.is_alive():
            log.info("serve: waiting for the last build's search index")
            job.join()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Per-build state is reset here, so `mkdocs serve` rebuilds start clean. The last
        # build's cache is written first (this build reads it); its search index may still
        # be being finished, beside this build, which waits for it only to write its own.
        if self._after_build is not None:
            self._after_build.superseded.set()  # its index would be this build's before long
            self._after_build.cache_written.wait()
        # Python's cycle collector would walk the whole archive (millions of objects at
        # 10,000 articles) again and again during the build. Serve: it runs once, after it.
        # A build: not while the archive is read and the site planned; then those objects
        # are left out of its walks (frozen) until the build ends.
        gc.disable()
        try:
            configured = self._configure(config)
        except BaseException:
            if not self._serving:
                gc.enable()
            raise
        if not self._serving:
            gc.freeze()  # until on_post_build or on_build_error
            gc.enable()
        return configured

    def _configure(self, config: MkDocsConfig) -> MkDocsConfig:
        self.site = None
        self._shown = None  # its page shown first, if any (_show_first): let it go
        self.theme_scripts = csp.ThemeScripts([])
        self.indexer = None
        self._diagnostics = None
        self._tab = None
        self._head: dict[str, str] = {}  # src_uri -> head tags made for the page's cache key
        self._search: build_cache.SearchFeed | None = None
        root = Path(config.config_file_path).parent
        if self.cache is not None:  # a build that failed before it ended
            self.cache.abandon()
        self.cache = (
            build_cache.BuildCache.at(root, log, build_cache.program(config))
            if self.config.cache
            else None
        )
        docs_dir = Path(config.docs_dir)
        arch = archive_mod.load(
            root,
            docs_dir.relative_to(root.resolve()) if docs_dir.is_absolute() else docs_dir,
            memo=self.session.memo if self.session is not None else None,
        )
        # The checks run beside the setup below and in on_files; their verdict comes at the
        # end of on_files, before any page is rendered. The names' forms, which both the
        # checks and the site's links need, are made once, before the checks' processes fork.
        mentions.warm_forms(arch.registry)
        # `mkdocs build` with the cache: the checks of the texts (the longest) run again
        # only for the articles whose texts, or the registry, changed since the last build.
        self._checks_memo = (
            checks.Memo.read(self.cache.checks_file)
            if self.cache is not None and self.session is None
            else None
        )
        self._diagnostics = checks.run_all_in_background(
            arch, self.session.checks if self.session is not None else self._checks_memo
        )
        if not config.repo_url:  # a local build: no repository to send "edit" links to
            config.edit_uri = None
        _add_theme_overrides(config)
        words = i18n.interface(config.theme.get("language") or "en")
        toc = config.mdx_configs.get("toc")
        if isinstance(toc, dict) and toc.get("permalink") and "permalink_title" not in toc:
            toc["permalink_title"] = words.gettext("Permanent link")  # the ¶'s tooltip
        if config.nav is None:  # the automatic nav lists every page: quadratic in pages
            config.nav = [{words.gettext(t): src for t, src in s.items()} for s in SECTIONS_NAV]
        # Article and entity pages are meant to stay out of the nav; don't list them all.
        config.validation.nav.omitted_files = logging.DEBUG
        config.extra_css.extend(b.path for b in assets.stylesheets(self.config.search))
        config.extra_javascript.extend(b.path for b in assets.scripts(self.config.search))
        if self.config.open_data and not config.site_url:
            log.info(feeds.NO_SITE_URL_WARNING)
        options = SiteOptions(
            per_page=self.config.per_page,
            related=self.config.related,
            together=self.config.together,
            az_threshold=self.config.az_threshold,
            capture_url=self._capture_url(config),
            publish_captures=self.config.publish_captures,
            site_name=config.site_name,
            site_url=config.site_url,
            open_data=self.config.open_data,
            entry_downloads=self.config.entry_downloads,
            search=self.config.search,
            site_lang=config.theme.get("language") or "en",
            site_dir=config.site_dir,
        )
        made: Made | None = None
        self._digests: dict[str, str] = {}
        self._registry: str | None = None
        self._key_memo = self.session.keys if self.session is not None else build_cache.KeyMemo()
        if self.config.cache:
            # Serve: an entry's page, data files and feed are made again only when an article
            # they show, the registry or the site's options changed (_leave_unchanged too).
            # A build keeps them in the build cache (stored_made.py), and keys the generated
            # pages the same way: a page whose key is a cached page's is reused whole
            # (_made_of).
            made = self.session.data if self.session is not None else StoredMade()
            self._digests = _data_digests(arch, self._key_memo)
            self._registry = build_cache.registry_digest(arch)
            made.begin(
                repr((self._registry, config.site_url, config.site_name, options.site_lang,
                      options.entry_downloads, options.per_page)),
                lambda a: self._digests[a.src_uri],
            )  # fmt: skip
        self._made = made
        with self._archive_errors_first():
            self.site = Site(arch, options, made)
        return config

    @property
    def _site(self) -> Site:
        assert self.site is not None, "on_config makes the site before any other event"
        return self.site

    def _verdict(self) -> Diagnostics | None:
        """Wait for the checks once; fail the build, listing every error, if they found any."""
        diagnostics, self._diagnostics = self._diagnostics, None
        if diagnostics is None:
            return None
        try:
            found = diagnostics()
        except checks.ChildTimeout as exc:
            raise PluginError(str(exc)) from exc
        _report(found)
        return found

    @contextlib.contextmanager
    def _archive_errors_first(self) -> Iterator[None]:
        """A crash during setup may be what an error in the archive causes: report those."""
        try:
            yield
        except Exception:
            self._verdict()
            raise

    def _capture_url(self, config: MkDocsConfig) -> Callable[[str], str | None]:
        base_url = self.config.capture_base_url
        if not base_url and config.repo_url and "github.com" in config.repo_url:
            base_url = config.repo_url.rstrip("/") + "/blob/HEAD/"
        if not base_url:
            return lambda path: None
        return lambda path: capture_href(base_url, path)

    def _footer_and_sections(self, config: MkDocsConfig, files: Files) -> None:
        """What the theme overrides show: the nav's sections (the 404 page lists them) and,
        in the footer, its pages about the archive, those that exist."""
        site = self._site
        sections, about = [], []
        for entry in config.nav or []:
            if not isinstance(entry, dict) or len(entry) != 1:
                continue
            ((title, src),) = entry.items()
            if not isinstance(src, str) or files.get_file_from_path(src) is None:
                continue
            target = url_of(src)
            item = site.sources.get(src)
            if isinstance(item, HandPage) and src != "index.md" or src == DATA_PAGE:
                about.append((title, target))
            else:
                sections.append((title, target))
        config.extra["archive_sections"] = sections
        config.extra["archive_footer"] = about
        config.extra["archive_search"] = self.config.search
        config.extra["archive_words"] = theme_words()

    # Late, so that files other plugins add are checked for URL collisions too.
    @event_priority(-75)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.cache is not None:
            self._keys = build_cache.Keys(self._site, config, files, self._key_memo, self._registry)
            self.cache.begin(self._keys.environment(config), build_cache.why_no_reuse(config))
            if isinstance(self._made, StoredMade):
                self._made.attach(self.cache)  # the data files are made below (_files)
            stored = self.cache.documents_file
            if stored is not None and self.indexer is not None:  # pages reused by their keys
                with _search_errors():
                    self.indexer.documents_in(stored)
        if self.session is not None:
            reusable = self.cache is not None and self.cache.reuse_pages
            dirty = self.dirty_rebuilds is not None and self.dirty_rebuilds.dirty
            environment = self.cache.environment if self.cache is not None and reusable else None
            self.session.begin(config.site_dir, environment, dirty, log)
            rebuilds = self.dirty_rebuilds
            if self._first and not self.session.incremental and rebuilds and rebuilds.epochs:
                rebuilds.epochs.renew()  # the folder is emptied: the server waits for the build
        with self._archive_errors_first():
            files = self._files(files, config)
        found = self._verdict()
        if self.session is not None:
            self.session.touch()
        if self.output is not None:  # nothing is written for an archive with errors
            self.output.start()
        if found is not None:  # "checksum verified at build" where the checks verified it
            self._site.articles.verified = verified_captures(self._site.archive, found)
        self._footer_and_sections(config, files)
        self._article_keys: dict[str, str] = {}
        self._listed: dict[str, str] = {}  # an entry's source URI -> `_made_of` it (a digest)
        if self.cache is not None and self.session is not None:
            self._leave_unchanged(files, config)
        self._files_made = files
        return files

    def _article_key(self, a: Article, file: File, markdown: str) -> str:
        key = self._article_keys.get(file.src_uri)
        if key is None:
            assert self.cache is not None
            key = self._article_keys[file.src_uri] = self._keys.article(
                self.cache, a, file, markdown
            )
        return key

    def _leave_unchanged(self, files: Files, config: MkDocsConfig) -> None:
        """Serve: pages the last build wrote that this one would write as they are are not
        made again (MkDocs skips them in a dirty build); their search documents go in in
        their place. An article page, when its cache key is the last build's; a registry
        entry's page and its lists of articles and quotes, when none of the articles that
        list the entry changed (and the registry did not); another generated page, when
        what it is made of (`Generated.key`) is what the last build's was."""
        assert self.session is not None and self.cache is not None
        site, session, order, known = self._site, self.session, [], {}
        affected = session.affected(
            self._digests,  # each article's file and its translations' ids (on_config)
            {a.src_uri: frozenset(e.src_uri for e in a.entities()) for a in site.archive.articles},
            self._keys.registry,
        )
        if not session.incremental:
            return
        for f in files.documentation_pages():
            url = "/" + build_cache.page_url(f)
            order.append(url)
            item = site.sources.get(f.src_uri)
            dest = Path(f.abs_dest_path)
            if isinstance(item, Article) and f.content_string is not None:
                markdown = _markdown(f.content_string)
                key = self._article_key(item, f, markdown)
                shown = session.unchanged(f.src_uri, dest, key=key)
            elif affected is None:
                continue
            elif isinstance(item, Entity) and item.src_uri not in affected:
                shown = session.untouched(f.src_uri, dest)
            elif isinstance(item, Generated) and item.owner and item.owner not in affected:
                shown = session.untouched(f.src_uri, dest)
            elif isinstance(item, Generated) and item.key is not None:
                shown = session.unchanged(f.src_uri, dest, inputs=item.key)
            else:
                continue
            if shown is None:
                continue
            f.is_modified = live.unmodified  # type: ignore[method-assign]
            self.cache.carry(shown.key)
            if shown.document is not None:
                known[url] = shown.document
        if self._search is not None:
            self._search.keep_order(order, known)

    def _files(self, files: Files, config: MkDocsConfig) -> Files:
        site = self._site
        new = [File.generated(config, g.src_uri, content="") for g in site.generated]
        for r in site.redirects:  # `former_ids` keep old URLs working
            new.append(File.generated(config, r.src_uri, content=r.html()))
        for bundle in assets.stylesheets(self.config.search) + assets.scripts(self.config.search):
            new.append(File.generated(config, bundle.path, content=bundle.content()))
        # Data files and captures are not MkDocs' to copy: a thread writes them beside the
        # pages while they render (site/output.py).
        output = Output(Path(config.site_dir))
        session = self.session
        data = {**(site.open_data.files if site.open_data is not None else {})}
        data.update(site.search_files)  # the names and catalogue search reads
        for path, content in data.items():
            if session is None or not session.data_unchanged(path, content):
                output.write(path, content)
        for path, capture in site.captures.items():  # byte for byte, served as text
            if session is None or not session.capture_in_place(path, capture):
                output.copy(path, capture)
        self._output_paths = [*data, *site.captures]
        _log_captures(site.captures)
        _refuse_collisions(files, new, output.paths)
        for f in new:
            files.append(f)
        self._cancel_output()
        self.output = output  # started once the checks have passed (on_files)
        _drop_unpublishable(files, config)
        # The archive already read and checked these files: hand MkDocs their bodies, behind
        # an empty front matter. MkDocs never parses a contributor's YAML with its own loader,
        # nor takes a body's first lines for metadata ("ALMATY: The ministry said ..." is
        # MultiMarkdown metadata to it, and the paragraph would vanish).
        for f in files.documentation_pages():
            item = site.sources.get(f.src_uri)
            if isinstance(item, Article | Entity | HandPage):
                f.content_string = NO_METADATA + item.body
        # The registry entries' pages first (MkDocs handles the pages in this order): their
        # search documents, which an added article changes (its people's counts), reach the
        # search index while the article pages are read, and the part of the index they make
        # is indexed again beside them rather than after the last page (shards.py).
        return Files(
            sorted(files, key=lambda f: not isinstance(site.sources.get(f.src_uri), Entity))
        )

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.cache is not None:
            self.cache.watch(page.file.src_uri)
        match self._site.sources.get(page.file.src_uri):
            case Article() as a:
                _safe_meta(page, a.title, a.summary or "")
                if self.cache is not None:
                    key = self._article_key(a, page.file, markdown)
                    dest = page.file.abs_dest_path
                    if self.cache.lookup(page.file.src_uri, key, dest) is not None:
                        # reused whole: nothing of it is rendered again, not even the
                        # Markdown (an instance attribute shadows Page.render)
                        page.__dict__["render"] = _no_render(page)
                        return ""
            case Entity() as e:
                _safe_meta(page, e.name, e.description or f"{e.name} in the archive")
            case Generated() as g:
                _safe_meta(page, g.title, g.description)
                markdown = ""  # made in on_page_context
            case HandPage() as p:
                _safe_meta(page, p.title, p.description, p.hide)
            case None:  # a page the archive did not read (another plugin's): no metadata
                _safe_meta(page, None, None)
        if not markdown.strip():  # most registry entries', every generated page's
            page.__dict__["render"] = _render_blank(page)
        return markdown

    def on_page_content(self, html_: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # The title as the theme will write it, everywhere: Material writes `page.title` into
        # the header unescaped, and into `<title>` through `striptags`, which decodes entities
        # (a heading `# &lt;/title&gt;&lt;script&gt;...` would become markup there) unless
        # the metadata has a title.
        page.title = _safe_text(page.title or "")
        if page.title and not page.is_homepage and "title" not in page.meta:
            page.meta["title"] = page.title
        # Search first: each page's words go to Pagefind as soon as its Markdown is rendered,
        # to be indexed on the other core. The article and registry pages are composed later,
        # in on_page_context, so that every page is in (and Pagefind writing its bundle)
        # before the bulk of our work and the theme's begins.
        cache, src = self.cache, page.file.src_uri
        hit = cache.hit(src) if cache is not None else None
        if cache is not None:
            cache.unwatch(src)
            if not build_cache.anchors_resolve_here(page):
                cache.not_storable(src)  # MkDocs validates them once every page is rendered
        match self._site.sources.get(src):
            case Article() as a:
                if hit is not None:
                    page.present_anchor_ids = set(hit.anchors or ())
                    key = cache.page(src).key if cache is not None else None
                    if hit.digest is not None and self._search is not None and key:
                        self._search.add_stored("/" + page.url, key, hit.digest)
                    return ""
                clean = sanitize(html_)
                document = self._index(page, lambda: documents.article_html(a, clean), a.language)
                if cache is not None:
                    cache.page(src).document = document
                return clean
            case Entity() as e:
                clean = sanitize(html_) if html_.strip() else ""
                stats = self._site.index.of(e)
                latest = stats.last.date if stats.last else None
                n = len(stats.articles)
                document = self._index(
                    page, lambda: documents.entity_html(e, clean, articles=n, latest=latest)
                )
                if cache is not None:
                    cache.page(src).document = document
                return clean
            case Generated():
                return ""  # rendered in on_page_context
        clean = sanitize(html_)
        if page.is_homepage:
            return clean + self._site.home.html(page.url)
        self._index(page, lambda: documents.page_html(clean))
        return clean

    def _index(
        self, page: Page, search_html: Callable[[], str], lang: str | None = None
    ) -> str | None:
        """Hand the page to search; `search_html` makes what search reads, if search is on.
        Returns the document handed over."""
        if self._search is None:
            return None
        lang = lang or self._site.options.site_lang
        document = documents.search_document(search_html(), title=page.title or "", lang=lang)
        self._search.add("/" + page.url, document)
        return document

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        site, cache, src = self._site, self.cache, page.file.src_uri
        source = site.sources.get(src)
        if cache is not None:
            if cache.hit(src) is not None:
                return context  # reused: the theme does not render it (_Reuse)
            cache.watch(src)
        trail = site.breadcrumbs.trail(src)
        if trail and not page.is_homepage:
            # Material marks the tab of the nav's section that holds the page; article, entry
            # and generated pages are not in the nav, so their section's page is made active
            # until the page is written (on_post_page). theme_cache keys on these flags.
            tab = nav_page(nav.pages, trail)
            if tab is not None and not tab.active:
                tab.active = True
                self._tab = tab
        made_of = self._made_of(source) if cache is not None else None
        made_key = None
        if cache is not None and made_of is not None:
            # An entry's page or list, a generated page its plan keys: reused whole, its
            # content not made, when what it is made of is a cached page's
            head = self._head[src] = self._head_html(page, source)
            made_key = self._keys.made_page(cache, page, head, self._tab, made_of)
            if cache.lookup(src, made_key, page.file.abs_dest_path) is not None:
                return context
        match source:
            case Article() as article:
                composed = site.articles.compose(article, page.content or "", sanitized=True)
                for n in composed.missing_quotes:
                    log.warning(
                        f"{article.path}: quotes[{n}] could not be located in the rendered "
                        "body, so it is not highlighted; check its Markdown formatting"
                    )
                page.content = composed.html
                _extend_toc(page, composed.toc)
            case Entity() as entity:
                composed = site.entities.compose(entity, page.content or "", sanitized=True)
                page.content = composed.html
                _extend_toc(page, composed.toc)
            case Generated() as g:
                page.content = g.render(page.url)
                _extend_toc(page, g.toc)
            case _:
                pass
        # These pages are not in the nav, so on a phone Material offers no table of contents
        # (it lives in the nav drawer): they carry their own, which wide screens hide.
        if isinstance(source, Article | Entity | Generated) and page.toc and page.content:
            page.content = _with_phone_toc(page.content, page.toc, _own_lang(source, site))
        if trail and not page.is_homepage:
            page.content = site.breadcrumbs.html(trail, page.url) + (page.content or "")
        context = _hide_empty_toc(page, context)
        if cache is not None and not isinstance(source, Article):
            # Its content is made: the theme's output is reused if all it reads is the same
            # (a registry edit changes what every list is made of, not what most show); kept
            # under both keys.
            known = self._head.get(src) if made_key is not None else None
            head = self._head[src] = known if known is not None else self._head_html(page, source)
            key = self._keys.page(cache, page, head, self._tab)
            cache.lookup(src, key, page.file.abs_dest_path, also=made_key)
        return context

    def _made_of(self, item: Any) -> list[str] | None:
        """What a registry entry's page, or a page of one of its lists (`Generated.owner`), is
        made of besides the environment: the registry and the articles that list the entry,
        in their order (their files, and the ids their translations resolve to). None for
        another page. (What `mkdocs serve` leaves in place on the same grounds, live.py.)"""
        site = self._site
        if isinstance(item, Generated) and not item.owner and item.key is not None:
            # a generated page whose plan says what it is made of (Plan.series)
            return [item.key, repr(site.breadcrumbs.trail(item.src_uri))]
        owner = site.sources.get(item.owner) if isinstance(item, Generated) and item.owner else item
        if not isinstance(owner, Entity):
            return None
        listed = self._listed.get(owner.src_uri)
        if listed is None:
            keys, digests = self._keys, self._digests  # serve made them all (on_config)
            parts = [keys.registry]
            for a in site.index.of(owner).articles:
                digest = digests.get(a.src_uri)
                if digest is None:
                    digest = digests[a.src_uri] = _data_digest(site.archive, keys.source(a), a)
                parts.append(f"{a.src_uri}\0{digest}")
            # a digest, not the list: an outlet's pages each hashed its thousands of articles
            # again (340 MB hashed for 4,825 pages at 10,000 articles)
            listed = self._listed[owner.src_uri] = hashlib.blake2b(
                "\n".join(parts).encode("utf-8", "surrogatepass"), digest_size=20
            ).hexdigest()
        return [listed]

    def _head_html(self, page: Page, item: Any) -> str:
        """What on_post_page adds to the page's head."""
        if not self.config.open_data:
            return ""
        shown = item if isinstance(item, Article | Entity) else None
        head = self._site.head.html(shown, page.url)
        if not page.is_homepage:
            crumbs = self._site.breadcrumbs
            head += crumbs.jsonld(crumbs.trail(page.file.src_uri), page.url)
        return head

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        theme_cache.cache_navigation(env)
        self._env = env
        if self.session is not None:
            env.bytecode_cache = self.session.templates  # compiled once per serve
            # pages left as they were: their anchors, as written
            for src, shown in self.session.skipped.items():
                f = files.get_file_from_path(src)
                if f is not None and f.page is not None and shown.anchors is not None:
                    f.page.present_anchor_ids = set(shown.anchors)
        self.theme_scripts = csp.ThemeScripts.from_env(env)
        if self.cache is not None:
            build_cache.skip_reused(env, self.cache)
        # Every page's Markdown is rendered, so every page to index is in: Pagefind builds
        # its index and writes the bundle while MkDocs renders the pages into the theme.
        if self._search is not None:
            with _search_errors():
                self._search.all_in()
        return env

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._nav = nav  # serve: kept with the build, for a save to be shown first
        return nav

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.search:
            return
        indexer = search_process.IndexerProcess(
            Path(config.site_dir),
            force_language=self.config.search_language or None,
            # the ¶ permalink of headings is not part of a title
            exclude_selectors=(".headerlink",),
            progress=log.info,
            shard_words=self.config.search_shard_words or None,
            part_cache=self.cache.search_parts if self.cache is not None else None,
        )
        self.indexer = indexer
        self._search = build_cache.SearchFeed(indexer, self.cache, log, later=self._serving)
        with _search_errors():
            self._search.start()

    # Last, after every other plugin has written its files into the site.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        output, self.output = self.output, None
        try:
            if self.cache is not None and self._serving:
                self.cache.write_pages()  # the reused pages (build_cache.PageWriter)
            written = output.finish() if output is not None else 0
        except (OSError, OutputError) as exc:
            if output is not None:
                output.cancel()
            self.on_build_error(error=exc)
            raise PluginError(
                f"{exc}; check the site directory's permissions and free space"
            ) from exc
        log.debug(f"{written} data files and captures written")
        search, self._search = self._search, None
        indexer, self.indexer = self.indexer, None
        cache, self.cache = self.cache, None
        site_dir = Path(config.site_dir)
        if self.session is not None:
            made = [f.dest_uri for f in self._files_made] + self._output_paths
            self.session.end(made, site_dir, log)
            self.session.data.end()
            if cache is not None:
                self._keys.remember()
        if self.live_reload is not None:
            self.live_reload.write(site_dir)
        if self._serving and self.site is not None and self._nav is not None and self._env:
            self._shown = _LastBuild(config, self._files_made, self._nav, self._env, self.site)
        self._nav = self._env = None
        if self._serving:
            # The pages are in place: the server shows them as soon as the build returns,
            # while a thread writes the cache and finishes the search index (a search
            # meanwhile finds the last build's pages, or nothing after a full rebuild).
            self._after_build = _AfterBuild(search, indexer, site_dir, cache, self._after_build)
            self._after_build.start()
            return
        if cache is not None and isinstance(self._made, StoredMade):
            log.debug(
                f"cache: data files and records: {self._made.taken:,} taken from the cache, "
                f"{self._made.stored:,} made and kept"
            )
        # The reused pages are still being written, and the cache is written, while the
        # search index is finished: this thread mostly waits for the indexer's process.
        finishing = _Finishing(cache) if cache is not None else None
        try:
            if search is not None and indexer is not None:
                _finish_search(search, indexer, site_dir)
        finally:
            if finishing is not None:
                finishing.join()
        if finishing is not None and finishing.error is not None:
            raise PluginError(
                f"{finishing.error}; check the site directory's permissions and free space"
            ) from finishing.error
        if cache is not None and self._checks_memo is not None:
            self._checks_memo.write(cache.checks_file)
        gc.unfreeze()  # frozen in on_config: collected again

    def on_build_error(self, *, error: Exception) -> None:
        gc.enable()  # paused for a serve build (on_config)
        gc.unfreeze()  # frozen for another build (on_config)
        if self.session is not None:
            self.session.failed()
        self._nav = self._env = None
        cache, self.cache = self.cache, None
        if cache is not None:
            cache.abandon()
        self._search = None
        pending, self._diagnostics = self._diagnostics, None
        if pending is not None:
            pending.cancel()  # the checks' child process, stopped and reaped
        self._cancel_output()
        indexer, self.indexer = self.indexer, None
        if indexer is not None:
            indexer.close()

    def _cancel_output(self) -> None:
        output, self.output = self.output, None
        if output is not None:
            output.cancel()

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        tab, self._tab = self._tab, None
        if tab is not None:
            tab.active = False
        src, cache = page.file.src_uri, self.cache
        if cache is not None and cache.hit(src) is not None:
            if _may_be_left(self._site.sources.get(src)):
                self._remember(src)
            return cache.finish_page(src, output, None)
        item = self._site.sources.get(src)
        # <html lang> stays the interface's (theme.language): an article in another language
        # carries its own on its title, summary and body (templates/article_header.html),
        # and on its subheadings in Material's table of contents.
        own = _own_lang(item, self._site)
        if own:
            output = _toc_lang(output, own)
        if self.config.open_data:
            head = self._head.pop(src, None)
            if head is None:
                head = self._head_html(page, item)
            output = output.replace("</head>", head + "</head>", 1)
        if 'id="__toc"' not in output:
            # Material labels the table of contents for a toggle that only pages in the nav
            # have: a label for a control that does not exist is invalid HTML.
            output = output.replace(
                '<label class="md-nav__title" for="__toc">', '<label class="md-nav__title">', 1
            )
        # Whitespace first: the policy hashes inline scripts as they are finally written.
        output = trim_indentation(output)
        output = csp.add_policy(output, self.theme_scripts, wasm=self.config.search)
        if cache is not None:
            cache.unwatch(src)
            anchors = page.present_anchor_ids if _may_be_left(item) else None
            output = cache.finish_page(src, output, anchors)
            if _may_be_left(item):
                self._remember(src)
        return output

    def _remember(self, src: str) -> None:
        """Serve: a page as written, for the next build to leave it if unchanged."""
        if self.session is None or self.cache is None:
            return
        shown = self.cache.reusable(src)
        if shown is not None:
            key, document, anchors = shown
            item = self._site.sources.get(src)
            inputs = item.key if isinstance(item, Generated) else None
            self.session.wrote(src, live.Shown(key, document, anchors, inputs))

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        archive_dir = Path(config.config_file_path).parent / "archive"
        if archive_dir.is_dir():
            server.watch(str(archive_dir))
        rebuilds = self.dirty_rebuilds
        if rebuilds is not None and not rebuilds.install(builder):
            log.info("serve: every save is a full rebuild (this server's build is not MkDocs')")
        elif rebuilds is not None:
            self._saves = live.Saves()
            live.QuietPolls(lambda: rebuilds.dirty, self._saves).install(server)
            epochs = live.Epochs(server)
            if epochs.usable:
                rebuilds.first, rebuilds.epochs = self._show_first, epochs
        self.live_reload = live.LiveReload(log)
        self.live_reload.install(server)
        self.live_reload.write(Path(config.site_dir))  # the first build came before this
        return server

    def _show_first(self) -> bool:
        """Serve, before a rebuild: when the one file saved since the last build is an
        article's, its page made again at once, from the last build (its navigation, theme
        and site, the article read anew) and written, for the browser to show it before the
        rest of the rebuild (`live.Epochs`). The rebuild then makes every page that changed,
        that one too; an open page reloads when its file changed. True when it was written."""
        saves = self._saves.take() if self._saves is not None else set()
        last, session = self._shown, self.session
        self._first = False
        if last is None or session is None or not session.ended_well:
            return False
        # MkDocs watches the folder of mkdocs.yml: a log or a note written there is no save
        config_file = Path(last.config.config_file_path).resolve()
        saved = [
            p
            for p in map(Path, saves)
            if not _scratch(p.name)
            and (p.resolve().parent != config_file.parent or p.resolve() == config_file)
        ]
        if len(saved) != 1:
            return False
        path = saved[0]
        site = last.site
        try:
            src = path.resolve().relative_to(Path(last.config.docs_dir).resolve()).as_posix()
        except (OSError, ValueError):
            return False
        before = site.sources.get(src)
        file = last.files.get_file_from_path(src)
        if not isinstance(before, Article) or file is None or file.page is None:
            return False
        started = time.monotonic()
        try:
            after = archive_mod.reread_article(site.archive, path)
        except OSError:  # deleted or renamed meanwhile
            return False
        if after is None or after.id != before.id or after.src_uri != before.src_uri:
            return False  # an error to report, or a page that moves: the rebuild says
        index, page, digests = site.index, file.page, self._digests
        self.site = site
        site.sources[src] = after
        if src in digests:  # what is kept of the article (core/made.py) is made of it anew
            digests[src] = _data_digest(site.archive, session.keys.digest(after), after)
        index.related[id(after)] = index.related.get(id(before), [])
        index.translations[id(after)] = index.translations.get(id(before), [])
        session.pages.pop(src, None)  # not the last build's page any more: written again
        try:
            file.content_string = NO_METADATA + after.body
            page.__dict__.pop("render", None)  # a page the last build reused (_no_render)
            build_cache.skip_reused(last.env, None)
            config, files = last.config, last.files
            mkdocs_build._populate_page(page, config, files)
            mkdocs_build._build_page(page, config, files.documentation_pages(), last.nav, last.env)
        except Exception as exc:  # the rebuild makes the page, or reports what is wrong
            log.debug(f"serve: {src} not shown first: {exc}")
            return False
        finally:
            site.sources[src] = before
            if src in digests:
                digests[src] = _data_digest(site.archive, session.keys.digest(before), before)
            index.related.pop(id(after), None)
            index.translations.pop(id(after), None)
        log.info(
            f"serve: {src} shown first, in {time.monotonic() - started:.2f} s; "
            "the rest of the site follows"
        )
        self._first = True
        return True


@functools.cache  # once a process
def _freeze_at_exit() -> None:
    """At the interpreter's exit, the cycle collector's last pass is skipped: it would go
    through every object a build leaves (4-5 s after a build of 10,000 articles, as long as
    the search index's end); they are freed as ever, by their counts of references."""
    atexit.register(gc.freeze)


@dataclass
class _LastBuild:
    """Serve: what the last good build made its pages with."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Any
    site: Site


def _scratch(name: str) -> bool:
    """An editor's file beside the one saved (a swap file, a backup), not the archive's."""
    return name.startswith((".", "#", "~")) or name.endswith(("~", ".swp", ".swx", ".tmp"))


LEFT_TO_NEXT = "the index is left to the next build, which began meanwhile"


def _finish_search(
    search: build_cache.SearchFeed,
    indexer: search_process.IndexerProcess,
    site_dir: Path,
    stop: Callable[[], bool] | None = None,
) -> bool:
    """The index written (True), or given up because `stop` said so (False)."""
    try:
        with _search_errors():
            return search.finish(site_dir, stop)
    finally:
        indexer.close(failed=False)


class _Finishing(threading.Thread):
    """`mkdocs build`: the reused pages written into the site and the cache written, on a
    thread, beside the search index's last steps; `error` if either failed (the cache is
    then left as it was)."""

    def __init__(self, cache: build_cache.BuildCache) -> None:
        super().__init__(name="site-builder-cache", daemon=True)
        self.cache = cache
        self.error: Exception | None = None
        self.start()

    def run(self) -> None:
        try:
            self.cache.finish()
        except Exception as exc:  # handed to the build's thread (on_post_build)
            self.error = exc
            self.cache.abandon()


class _AfterBuild(threading.Thread):
    """Serve, on a thread once a build's pages are shown: its cache written and its garbage
    collected (`cache_written`: the next build may begin), then, once the build before has
    finished its own, its search index. A failure is logged: the build has ended."""

    def __init__(
        self,
        search: build_cache.SearchFeed | None,
        indexer: search_process.IndexerProcess | None,
        site_dir: Path,
        cache: build_cache.BuildCache | None,
        before: _AfterBuild | None,
    ) -> None:
        super().__init__(name="site-builder-after-build", daemon=True)
        self.search, self.indexer, self.site_dir = search, indexer, site_dir
        self.cache, self.before = cache, before
        self.cache_written = threading.Event()
        self.superseded = threading.Event()  # a new build began: it will index every page

    def run(self) -> None:
        started = time.monotonic()
        try:
            if self.cache is not None:
                try:
                    self.cache.finish()
                except Exception as exc:
                    log.error(f"cache: could not be written: {exc}")
                    self.cache.abandon()
        finally:
            gc.enable()  # paused for the build (on_config)
            gc.collect()
            self.cache_written.set()
        if self.before is not None:
            self.before.join()
            self.before = None
        if self.search is None or self.indexer is None:
            return
        try:
            done = _finish_search(self.search, self.indexer, self.site_dir, self.superseded.is_set)
        except Exception as exc:  # nothing else would see it: the thread ends here
            log.error(f"search: the index could not be updated: {exc}")
        else:
            if done:
                log.info(
                    "search: the index is up to date "
                    f"({time.monotonic() - started:.1f} s after the pages)"
                )
            else:
                log.info(f"search: {LEFT_TO_NEXT}")


@contextlib.contextmanager
def _search_errors() -> Iterator[None]:
    try:
        yield
    except SearchIndexError as exc:
        raise PluginError(f"search: the index could not be built: {exc}") from exc


def _report(diags: Diagnostics) -> None:
    """Warnings go to the log (`--strict` counts them); errors fail the build, all listed."""
    for d in sorted(set(diags.warnings)):
        log.warning(d.format())
    errors = sorted(set(diags.errors))
    if errors:
        lines = "\n".join(d.format() for d in errors)
        raise PluginError(
            f"the archive has {len(errors)} error{'s' * (len(errors) != 1)}:\n{lines}\n"
            "Fix them and build again; `site-builder check` lists the same problems."
        )


NO_METADATA = "---\n{}\n---\n"


def _markdown(content: str) -> str:
    """The Markdown MkDocs reads of a page's source (`get_data`), without parsing `{}`."""
    if content.startswith(NO_METADATA):
        return content[len(NO_METADATA) :].lstrip("\n")
    return get_markdown_data(content)[0]


_TOC_LABEL = '<label class="md-nav__title" for="__toc">'
# GitHub Pages refuses a site above 1 GB: say so before captures take half of it.
CAPTURES_WARN_BYTES = 500 * 1000**2


def _log_captures(captures: dict[str, Path]) -> None:
    if not captures:
        return
    total = sum(p.stat().st_size for p in captures.values())
    message = f"captures: {len(captures)} published as text under captures/, {total / 1e6:.1f} MB"
    if total > CAPTURES_WARN_BYTES:
        log.warning(
            f"{message}, half of GitHub Pages' 1 GB limit for a whole site; set "
            "`publish_captures: false` (and `capture_base_url`, or `repo_url`, to link to the "
            "repository's copies) in the site-builder plugin's options in mkdocs.yml"
        )
    else:
        log.info(message)


def _add_theme_overrides(config: MkDocsConfig) -> None:
    dirs = config.theme.dirs
    if not any(THEME_OVERRIDES.rglob("*.html")) or str(THEME_OVERRIDES) in dirs:
        return
    theme_dir = next(
        (i for i, d in enumerate(dirs) if Path(d).parts[-2:] == ("material", "templates")),
        len(dirs),
    )
    dirs.insert(theme_dir, str(THEME_OVERRIDES))


def _data_digests(archive: archive_mod.Archive, keys: build_cache.KeyMemo) -> dict[str, str]:
    """Source URI -> what the article's records in the data files, and its place on its
    entries' pages, are made of: its file, and the ids of its translations as they resolve
    now (another article renamed changes them)."""
    return {a.src_uri: _data_digest(archive, keys.digest(a), a) for a in archive.articles}


def _data_digest(archive: archive_mod.Archive, digest: str, a: Article) -> str:
    """The article's `digest` (build_cache.py `article_digest`) and the ids of its
    translations as they resolve now."""
    out = digest
    if a.translations:
        by_id, former = archive.by_id, archive.former_ids
        out += repr(
            [
                (lang, getattr(by_id.get(ref.text) or former.get(ref.text), "id", None))
                for lang, ref in sorted(a.translations.items())
            ]
        )
    return out


def _may_be_left(item: object) -> bool:
    """Whether `mkdocs serve` may leave the page of `item` as the last build wrote it."""
    if isinstance(item, Generated):
        return bool(item.owner) or item.key is not None
    return isinstance(item, Article | Entity)


def _no_render(page: Page) -> Callable[[MkDocsConfig, Files], None]:
    """Page.render for a page the build cache holds: the page's HTML is the cache's."""

    def render(config: MkDocsConfig, files: Files) -> None:
        page.content = ""

    return render


def _render_blank(page: Page) -> Callable[[MkDocsConfig, Files], None]:
    """Page.render for a page whose Markdown is blank: what MkDocs' makes of it (Python-
    Markdown returns '' for blank text before any extension runs), without first making a
    Markdown with every extension, as MkDocs does for each page (1 s for the 4,800 registry
    and generated pages of 10,000 articles)."""

    def render(config: MkDocsConfig, files: Files) -> None:
        page.content = ""
        page.toc = get_toc([])
        page._title_from_render = None
        page.present_anchor_ids = set()
        if _PAGES_LOG.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = {}

    return render


_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")  # whose level Page.render reads


def _safe_meta(
    page: Page, title: str | None, description: str | None, hide: list[str] | None = None
) -> None:
    # Material writes page.meta.title, .description and .author into the page unescaped, and
    # `template` chooses the template: the contributor's YAML never reaches the theme as is,
    # only escaped values of fields the archive checked.
    meta: dict[str, Any] = {}
    if title:
        meta["title"] = html.escape(title)
    if description:
        meta["description"] = html.escape(description)
    if hide:
        meta["hide"] = list(hide)
    page.meta = meta


def _hide_empty_toc(page: Page, context: TemplateContext) -> TemplateContext:
    """No empty column beside a page without sections."""
    if not page.toc:
        page.meta["hide"] = [*page.meta.get("hide", []), "toc"]
    return context


def _own_lang(item: object, site: Site) -> str | None:
    """An article's language, where it is not the site's."""
    if isinstance(item, Article) and item.language != site.options.site_lang:
        return item.language
    return None


def _toc_lang(output: str, lang: str) -> str:
    """Material's table of contents of an article in another language: its entries are the
    article's subheadings, in the article's language."""
    start = output.find('<nav class="md-nav md-nav--secondary"')
    end = output.find('<div class="md-content"', start)  # past the nested levels' </nav>
    if start < 0 or end < 0:
        return output
    toc = output[start:end].replace(
        '<span class="md-ellipsis">', f'<span class="md-ellipsis" lang="{html.escape(lang)}">'
    )
    return output[:start] + toc + output[end:]


def _with_phone_toc(content: str, toc: TableOfContents, lang: str | None = None) -> str:
    own = f' lang="{html.escape(lang)}"' if lang else ""
    items = "".join(
        f'<li><a href="{html.escape(item.url)}"{own}>{item.title}</a></li>' for item in toc
    )
    label = html.escape(i18n._("On this page"))
    box = f'<details class="sb-toc-phone"><summary>{label}</summary><ol>{items}</ol></details>\n'
    for after in ("</header>", "</h1>"):  # below the headline (and the byline, if any)
        end = content.find(after)
        if end >= 0:
            end += len(after)
            return content[:end] + "\n" + box + content[end:]
    return box + content


def _extend_toc(page: Page, sections: tuple[tuple[str, str], ...]) -> None:
    """Add the sections a composed page has beyond its Markdown's headings to its table of
    contents (Material shows it beside the page)."""
    if not sections:
        return
    tokens: list[Any] = [
        {"level": 2, "id": anchor, "name": html.escape(title), "children": []}
        for anchor, title in sections
    ]
    page.toc = TableOfContents([*page.toc, *get_toc(tokens)])


def _safe_text(text: str) -> str:
    """Text that may hold entities (a heading's text) or not (a title), escaped once."""
    return html.escape(html.unescape(text))


def _drop_unpublishable(files: Files, config: MkDocsConfig) -> None:
    """Never publish from docs_dir what could run script, whatever the check said: Markdown
    that does not end in `.md` and files that are not of an inert type. (The check reports
    each of them as an error, which fails the build before this matters.)"""
    for f in list(files):
        if f.generated_by or f.src_dir != config.docs_dir:
            continue
        suffix = Path(f.src_uri).suffix
        if f.is_documentation_page():
            keep = suffix == ".md"
        else:
            keep = suffix.lower() in contentfiles.INERT_SUFFIXES
        if not keep:
            log.debug(f"not published: {f.src_uri}")
            files.remove(f)


def _refuse_collisions(files: Files, new: list[File], written: list[str]) -> None:
    """`Files.append` replaces a file with the same source silently, and a file written
    beside the pages would overwrite a page: fail loudly instead."""
    seen: dict[str, File | str] = {}
    clashes = []
    for f in new:
        same = files.get_file_from_path(f.src_uri)
        if same is not None:
            clashes.append(f"{_source(same)} and {_source(f)} would both be {f.dest_uri}")
    for f in [*files, *new, *written]:
        dest = f if isinstance(f, str) else f.dest_uri
        other = seen.get(dest)
        if other is not None and other is not f:
            clashes.append(f"{_source(other)} and {_source(f)} would both be {dest}")
        seen[dest] = f
    if clashes:
        raise PluginError(
            "two pages would have the same URL:\n" + "\n".join(clashes) + "\nRename one of them."
        )


def _source(f: File | str) -> str:
    if isinstance(f, str):
        return f"the generated file {f}"
    return f"the generated page {f.src_uri}" if f.generated_by else f"{f.src_dir}/{f.src_uri}"
