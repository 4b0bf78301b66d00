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
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2.runtime import Context
from mkdocs.structure.nav import Navigation
from mkdocs.utils import normalize_url

PARTIALS = ("partials/nav.html", "partials/tabs.html")
# (nav generation, base URL, the nav's URLs seen from the page, which items are active)
NavKey = tuple[int, str, tuple[str, ...], tuple[bool, ...]]
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


def cache_navigation(env: Any) -> int:
    """Wrap Material's nav partials in `env` (once); returns how many were wrapped."""
    wrapped = 0
    for name in PARTIALS:
        try:
            template = env.get_template(name)
        except Exception:  # another theme, or a Material without this partial
            continue
        if getattr(template, "_site_builder_cached", False):
            continue
        template.root_render_func = _cached(template.root_render_func, _Key())
        template._site_builder_cached = True
        wrapped += 1
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
