"""Article pages: the header, the sanitized and enhanced body, the footer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..core.crosslinks import CrossIndex
from ..core.links import href
from ..core.model import Article
from ..core.names import quote_text_key
from ..core.schema import language_name
from ..data.citations import Citations
from ..text.mentions import NameMatcher
from .body import enhance, sanitize
from .render import Renderer

# (anchor id, title as text) of a section of a composed page, for its table of contents
Heading = tuple[str, str]


@dataclass(frozen=True)
class Composed:
    """A page's content as the reader sees it, the sections its table of contents lists,
    and the quotes not found in its body."""

    html: str
    missing_quotes: list[int] = field(default_factory=list)
    toc: tuple[Heading, ...] = ()


class ArticlePages:
    def __init__(
        self,
        renderer: Renderer,
        index: CrossIndex,
        matcher: NameMatcher,
        capture_url: Callable[[str], str | None],
        citations: Citations | None,
    ) -> None:
        self.renderer, self.index, self.matcher = renderer, index, matcher
        self.capture_url, self.citations = capture_url, citations

    def compose(self, article: Article, body_html: str, *, sanitized: bool = False) -> Composed:
        """The article page (header, sanitized and enhanced body, footer), and the quotes not
        found in the body. ``sanitized``: the body went through `sanitize` already."""
        here = article.url
        targets = {id(e): href(e.url, here) for e in article.entities() if e.kind != "outlet"}
        quotes = [quote_text_key(q.text) for q in article.quotes]
        clean = body_html if sanitized else sanitize(body_html)
        body = enhance(clean, self.matcher, targets, quotes)
        lang = article.language or "en"
        ctx = dict(
            a=article,
            here=here,
            language_name=language_name(lang),
            translations=self.index.translations.get(id(article), []),
            related=self.index.related.get(id(article), []),
            capture_url=self.capture_url(article.capture) if article.capture else None,
            cite=self.citations.of(article) if self.citations else None,
        )
        html = (
            '<div class="sb-article">\n'
            + self.renderer.render("article_header", **ctx)
            + f'<div class="sb-body" lang="{lang}">\n{body.html}\n</div>\n'
            + self.renderer.render("article_footer", **ctx)
            + "</div>\n"
        )
        return Composed(html, body.missing_quotes)
