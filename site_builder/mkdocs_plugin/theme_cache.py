"""Material's site navigation, rendered once per distinct place instead of once per page.

Material renders the whole navigation into every page twice, as the sidebar
(``partials/nav.html``) and as the tabs (``partials/tabs.html``): at 10,000 articles that was
about a tenth of the build. For a page that is not itself in the nav (every article and registry
page) the result depends only on the links' URLs relative to the page and on which sections
are active; all articles at the same depth share it. So the two partials are wrapped: their
output is kept per key of exactly those inputs, and a page of the nav itself (which the
sidebar marks as current and may give its table of contents) is always rendered afresh.

Jinja's ``{% include %}`` looks the template up and calls its ``root_render_func`` with the
page's context; the wrapper sits there, so Material's templates are used as they are.

Parts that do not depend on the page at all are kept the same way: the palette toggles
(``partials/palette.html``: the theme's palettes and icons), and ``base.html``'s ``config``,
``styles`` and ``scripts`` blocks, whose only input from the page is where it is (their
``| url`` and ``script_tag`` links are relative to it): kept per base URL and folder. The
``config`` block alone was about 3% of a 10,000-article build (Material's translation macro,
called ten times a page).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2.runtime import Context
from mkdocs.structure.nav import Navigation
from mkdocs.utils import normalize_url

PARTIALS = ("partials/nav.html", "partials/tabs.html")
CONSTANT_PARTIALS = ("partials/palette.html",)
PLACED_BLOCKS = ("config", "styles", "scripts")  # of base.html
# (nav generation, base URL, the nav's URLs seen from the page, which items are active)
NavKey = tuple[Any, ...]
Render = Callable[[Context], Iterator[str]]  # a compiled template's root_render_func


def _items(items: Iterable[Any]) -> Iterator[Any]:  # MkDocs' nav: sections, pages, links
    for item in items:
        yield item
        yield from _items(getattr(item, "children", None) or [])


class _Key:
    """What a nav partial reads from a page: its nav's URLs seen from the page, and which
    of its items are active. None for a page the nav lists (or no nav at all)."""

    def __init__(self) -> None:
        self._nav: Navigation | None = None
        self._items: list[Any] = []
        self._urls: list[str] = []
        self._pages: set[int] = set()
        self._generation = 0

    def _learn(self, nav: Navigation, config: Any) -> None:
        self._nav = nav
        self._generation += 1
        self._items = list(_items(nav.items))
        urls = [".", "assets/"]
        urls += [u for item in self._items if isinstance(u := getattr(item, "url", None), str)]
        if nav.homepage is not None:
            urls.append(nav.homepage.url)
        theme = getattr(config, "theme", None)
        extra = getattr(config, "extra", None) or {}
        theme = theme or {}
        for value in (theme.get("logo"), theme.get("favicon"), extra.get("homepage")):
            if isinstance(value, str):
                urls.append(value)
        self._urls = urls
        self._pages = {id(p) for p in nav.pages}

    def __call__(self, context: Context) -> NavKey | None:
        nav, page = context.get("nav"), context.get("page")
        if not isinstance(nav, Navigation) or page is None or getattr(page, "url", None) is None:
            return None
        if nav is not self._nav:
            self._learn(nav, context.get("config"))
        if id(page) in self._pages:
            return None
        base = context.get("base_url") or ""
        return (
            self._generation,
            base,
            tuple(normalize_url(u, page=page, base=base) for u in self._urls),
            tuple(bool(getattr(item, "active", False)) for item in self._items),
        )


def _constant(context: Context) -> NavKey | None:
    """A part that reads nothing of the page: one output per build's configuration."""
    config = context.get("config")
    return None if config is None else (id(config),)


def _placed(context: Context) -> NavKey | None:
    """A part whose links are relative to the page: one output per base URL and folder."""
    config, page, base = context.get("config"), context.get("page"), context.get("base_url")
    if config is None or not isinstance(base, str):
        return None
    here = normalize_url("assets/", page=page, base=base) if page is not None else None
    return (id(config), base, here)


def cache_navigation(env: Any) -> int:
    """Wrap Material's nav partials and its parts that do not depend on the page in `env`
    (once); returns how many were wrapped."""
    wrapped = 0
    parts: list[tuple[str, Callable[[Context], NavKey | None]]] = [
        *((name, _Key()) for name in PARTIALS),
        *((name, _constant) for name in CONSTANT_PARTIALS),
    ]
    for name, key_of in parts:
        try:
            template = env.get_template(name)
        except Exception:  # another theme, or a Material without this partial
            continue
        if getattr(template, "_site_builder_cached", False):
            continue
        template.root_render_func = _cached(template.root_render_func, key_of)
        template._site_builder_cached = True
        wrapped += 1
    try:
        base = env.get_template("base.html")
    except Exception:
        return wrapped
    if not getattr(base, "_site_builder_cached", False):
        for block in PLACED_BLOCKS:
            if block in base.blocks:
                base.blocks[block] = _cached(base.blocks[block], _placed)
                wrapped += 1
        base._site_builder_cached = True
    return wrapped


def _cached(render: Render, key_of: Callable[[Context], NavKey | None]) -> Render:
    outputs: dict[NavKey, str] = {}

    def root_render_func(context: Context) -> Iterator[str]:
        key = key_of(context)
        if key is None:
            yield from render(context)
            return
        out = outputs.get(key)
        if out is None:
            out = outputs[key] = "".join(render(context))
        yield out

    return root_render_func
