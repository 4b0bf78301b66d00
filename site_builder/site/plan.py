"""Generated pages: what the site adds to the Markdown pages, and how long lists are paged."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from math import ceil
from typing import Any, TypeVar

from ..core.i18n import N_, _
from ..core.links import url_of
from ..core.made import Made
from ..core.model import Article

T = TypeVar("T")

Toc = tuple[tuple[str, str], ...]  # (anchor id, title) of a page's sections

# Page numbers shown on each side of the current one; the first and the last are always shown.
WINDOW = 2


@dataclass
class Generated:
    """A page that exists only in the build: its source URI, title and how to render it."""

    src_uri: str
    title: str
    description: str
    render: Callable[[str], str]  # here (site URL) -> HTML
    toc: Toc = ()
    owner: str | None = None
    """The registry entry (its source URI) whose articles alone the page shows, if one does:
    an edit that leaves that entry's articles alone leaves the page as it is (mkdocs serve)."""
    key: str | None = None
    """A digest of everything the page is made of, where the plan could tell (`Plan.made`,
    `mkdocs serve`): a page whose key is the last build's is left as it is."""

    @property
    def url(self) -> str:
        return url_of(self.src_uri)


@dataclass
class Pager:
    """Where one page of a paged list sits among its pages: page `number` of `count`."""

    number: int
    count: int
    urls: tuple[str, ...]  # the site URL of each page, page 1 first

    @property
    def prev(self) -> str | None:
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.urls[self.number] if self.number < self.count else None

    @property
    def first(self) -> str:
        return self.urls[0]

    @property
    def last(self) -> str:
        return self.urls[-1]

    def window(self) -> list[PageLink | None]:
        """The page numbers to show: the first, the last, and `WINDOW` on each side of the
        current one; None where numbers are left out (an ellipsis). A gap of one page shows
        that page instead: an ellipsis would be no shorter. Numbers more than one away from
        the current page (but the first and the last) are `far`: a phone leaves them out."""
        shown = {1, self.count} | set(range(self.number - WINDOW, self.number + WINDOW + 1))
        numbers = sorted(n for n in shown if 1 <= n <= self.count)
        out: list[PageLink | None] = []
        for i, n in enumerate(numbers):
            if i and n - numbers[i - 1] == 2:
                out.append(self._link(n - 1))
            elif i and n - numbers[i - 1] > 2:
                out.append(None)
            out.append(self._link(n))
        return out

    def _link(self, n: int) -> PageLink:
        far = abs(n - self.number) > 1 and n not in (1, self.count)
        return PageLink(n, self.urls[n - 1], far)


@dataclass(frozen=True)
class PageLink:
    number: int
    url: str
    far: bool


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


# A later page of a paged list, after its title (breadcrumbs.py takes it off again)
PAGE_OF = N_("(page {n} of {count})")


def page_suffix(number: int, count: int) -> str:
    """What a page's title says of its place in a paged list: ` (page 2 of 12)`."""
    return " " + _(PAGE_OF, n=number, count=count) if count > 1 else ""


@dataclass
class Plan:
    """The generated pages, in the order they are planned.

    With `made` (`mkdocs serve`), a series of pages whose caller says what it is made of
    (`inputs`) gets a key for each page (`Generated.key`): the digest of those inputs, the
    page's title and place, and `made`'s token (the registry, the site's options)."""

    per_page: int
    pages: list[Generated] = field(default_factory=list)
    made: Made | None = None

    def inputs(self, articles: Iterable[Article], *context: object) -> list[str] | None:
        """What a series showing `articles` (in this order) and `context` (by its `repr`) is
        made of; None when the plan keys no page."""
        if self.made is None:
            return None
        digest = self.made.digest_of
        shown = "\n".join([f"{a.src_uri}\0{digest(a)}" for a in articles])
        return [shown, repr(context)]  # two parts to hash, however long the list

    def add(
        self,
        src_uri: str,
        title: str,
        description: str,
        render: Callable[[str], str],
        toc: Toc = (),
        owner: str | None = None,
    ) -> None:
        self.pages.append(Generated(src_uri, title, description, render, toc, owner))

    def page_urls(self, base: str, count: int, page_prefix: str = "") -> tuple[str, ...]:
        """The URLs of the pages `series` makes of `count` items."""
        pages = max(1, ceil(count / self.per_page))
        return (f"{base}/", *(f"{base}/{page_prefix}{n}/" for n in range(2, pages + 1)))

    def series(
        self,
        base: str,
        items: Sequence[Any],
        title: str,
        description: str,
        page_html: Callable[[str, str, Sequence[Any], Pager], str],
        *,
        page_prefix: str = "",
        index: bool = False,
        toc: Callable[[int, Sequence[Any]], Toc] | None = None,
        owner: str | None = None,
        inputs: Iterable[str] | None = None,
        page_inputs: Callable[[Sequence[Any]], Iterable[str] | None] | None = None,
    ) -> None:
        """Pages `base/`, `base/2/`, ... of `per_page` items each, with a pager.

        ``page_prefix`` goes before the numbers of the later pages (`base/page-2/`: beside
        pages whose names are numbers, such as a year's months); ``index`` makes the first
        page's source `base/index.md` rather than `base.md` (the same URL); ``toc`` gives a
        page's sections from its number and items; ``inputs`` (from `inputs`) what every page
        of the series is made of, beside its title and number, which keys the pages;
        ``page_inputs`` what a page is made of from its own items, for a page that shows
        nothing else (a page of a long list).
        """
        pages = chunks(items, self.per_page)
        urls = self.page_urls(base, len(items), page_prefix)
        made = self.made
        series = made.key_of("series", base, inputs) if made and inputs is not None else None
        for n, items_n in enumerate(pages, start=1):
            if n == 1:
                src = f"{base}/index.md" if index else f"{base}.md"
            else:
                src = f"{base}/{page_prefix}{n}.md"
            pager = Pager(n, len(pages), urls)
            full_title = title + page_suffix(n, len(pages))

            def render(
                here: str,
                items_n: Sequence[Any] = items_n,
                pager: Pager = pager,
                t: str = full_title,
            ) -> str:
                return page_html(here, t, items_n, pager)

            self.add(src, full_title, description, render, toc(n, items_n) if toc else (), owner)
            own = page_inputs(items_n) if made is not None and page_inputs else None
            if made is not None and (series is not None or own is not None):
                parts = [str(series), full_title, description, str(n), str(len(pages))]
                self.pages[-1].key = made.key_of("page", src, [*parts, *(own or ())])
