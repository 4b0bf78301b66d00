"""The home page: totals, the latest articles, the most quoted people, the most mentioned
organizations and topics."""

from __future__ import annotations

from collections.abc import Callable

from ..core.archive import Archive
from ..core.crosslinks import CrossIndex
from ..core.i18n import NN_, active, number
from ..core.model import Entity
from .quotes import QuoteExplorer
from .render import Renderer


class HomePage:
    def __init__(
        self,
        renderer: Renderer,
        archive: Archive,
        index: CrossIndex,
        feed_of: Callable[[Entity | None], str | None],
        quotes: QuoteExplorer,
    ) -> None:
        self.renderer, self.archive, self.index, self.feed_of = renderer, archive, index, feed_of
        self.quotes = quotes

    def html(self, here: str = "") -> str:
        """What follows the home page's own text."""
        reg = self.archive.registry.entities
        n_quotes = len(self.quotes.said)
        totals = []
        for n, one, many, url in [
            (len(self.archive.articles), *NN_("{n} article", "{n} articles"), "articles/"),
            (n_quotes, *NN_("{n} quote", "{n} quotes"), "quotes/"),
            (len(reg["person"]), *NN_("{n} person", "{n} people"), "people/"),
            (len(reg["organization"]), *NN_("{n} organization", "{n} organizations"),
             "organizations/"),
            (len(reg["outlet"]), *NN_("{n} outlet", "{n} outlets"), "outlets/"),
            (len(reg["topic"]), *NN_("{n} topic", "{n} topics"), "topics/"),
        ]:  # fmt: skip
            # The number stands out (<strong>) wherever the language puts it.
            before, _, after = active().catalogue.ngettext(one, many, n).partition("{n}")
            totals.append((before, number(n), after, url))
        return self.renderer.render(
            "home",
            here=here,
            totals=totals,
            latest=self.index.articles[:10],
            quoted=self.index.top("person", "quotes", 10),
            quotes_total=n_quotes,
            speaker_url=self.quotes.speaker_url,
            organizations=self.index.top("organization", "articles", 10),
            topics=self.index.top("topic", "articles", 10),
            feed=self.feed_of(None),
        )
