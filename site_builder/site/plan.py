"""Generated pages: what the site adds to the Markdown pages, and how long lists are paged."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..core.links import url_of

T = TypeVar("T")


@dataclass
class Generated:
    """A page that exists only in the build: its source URI, title and how to render it."""

    src_uri: str
    title: str
    description: str
    render: Callable[[str], str]  # here (site URL) -> HTML
    toc: tuple[tuple[str, str], ...] = ()  # (anchor id, title) of its sections

    @property
    def url(self) -> str:
        return url_of(self.src_uri)


@dataclass
class Pager:
    number: int
    count: int
    prev: str | None
    next: str | None


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


@dataclass
class Plan:
    """The generated pages, in the order they are planned."""

    per_page: int
    pages: list[Generated] = field(default_factory=list)

    def add(self, src_uri: str, title: str, description: str, render: Callable[[str], str]) -> None:
        self.pages.append(Generated(src_uri, title, description, render))

    def series(
        self,
        base: str,
        items: Sequence[Any],
        title: str,
        description: str,
        page_html: Callable[[str, str, Sequence[Any], Pager], str],
    ) -> None:
        """Pages `base/`, `base/2/`, ... of `per_page` items each, with a pager."""
        pages = chunks(items, self.per_page)
        urls = [f"{base}/"] + [f"{base}/{n}/" for n in range(2, len(pages) + 1)]
        for n, items_n in enumerate(pages, start=1):
            src = f"{base}.md" if n == 1 else f"{base}/{n}.md"
            prev = urls[n - 2] if n > 1 else None
            pager = Pager(n, len(pages), prev, urls[n] if n < len(pages) else None)
            suffix = f" (page {n} of {len(pages)})" if len(pages) > 1 else ""

            def render(
                here: str,
                items_n: Sequence[Any] = items_n,
                pager: Pager = pager,
                t: str = title + suffix,
            ) -> str:
                return page_html(here, t, items_n, pager)

            self.add(src, title + suffix, description, render)
