"""The site's templates, and the one piece of HTML every list is made of: an article item.

Templates are Jinja2 with autoescape on, so every value from a contributor's YAML is escaped
wherever it lands (text, attributes, links).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import jinja2
import jinja2.bccache
from markupsafe import Markup, escape

from ..core import i18n
from ..core.archive import Archive
from ..core.links import base, href
from ..core.model import Article
from ..core.schema import language_name
from .labels import CHIP_GROUPS
from .plan import Pager

TEMPLATES = ("article_header", "article_footer", "entity", "listing", "az", "timeline", "year",
             "home", "quotes_index", "quotes_list", "data")  # fmt: skip


class Compiled(jinja2.BytecodeCache):
    """Templates compiled, kept in memory for a process's later builds (`mkdocs serve`; MkDocs
    makes a new Jinja environment for each, and so does `Renderer`): Jinja keys each by its
    name and a checksum of its source, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED = Compiled()


class Renderer:
    """Renders the site's templates; makes each article's list item once."""

    def __init__(self, archive: Archive, site_lang: str) -> None:
        self.site_lang = site_lang
        self._items: dict[tuple[int, bool], str] = {}
        env = jinja2.Environment(
            loader=jinja2.PackageLoader("site_builder.site", "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.ChainableUndefined,
            bytecode_cache=COMPILED,
        )
        env.filters["text"] = text
        # The interface's words (core/i18n.py), in the build's language: `_("Quoted")`,
        # `ngettext("{n} article", "{n} articles", n)`; Babel extracts both from templates.
        env.globals.update(
            _=gettext,
            ngettext=ngettext,
            date_text=i18n.date_text,
            number=i18n.number,
            plural_forms=lambda one, many: json.dumps(
                i18n.active().plural_forms(one, many), ensure_ascii=False, separators=(",", ":")
            ),
        )
        env.globals.update(
            article_item=self.article_item,
            href=href,
            site_lang=site_lang,
            chip_groups=CHIP_GROUPS,
            language_of=lambda code: i18n.language_name(code) or language_name(code) or code,
            resolve_person=lambda text: archive.registry.resolve("person", text),
        )
        self._templates = {name: env.get_template(f"{name}.html") for name in TEMPLATES}

    def render(self, name: str, **context: Any) -> str:
        return self._templates[name].render(**context)

    def listing(self, here: str, title: str, articles: Sequence[Article], pager: Pager) -> str:
        """A page of a long list of articles."""
        return self.render("listing", title=title, here=here, articles=articles, pager=pager)

    def quote_listing(self, here: str, title: str, quotes: Sequence[Any], pager: Pager) -> str:
        """A page of a long list of quotes."""
        return self.render("listing", title=title, here=here, quotes=quotes, pager=pager)

    def article_item(self, a: Article, here: str, show_summary: bool = False) -> Markup:
        """One article in a list. Lists are most of what the build renders, so each item is
        made once, in Python, with its links relative to the root, and reused."""
        k = (id(a), show_summary)
        item = self._items.get(k)
        if item is None:
            item = self._items[k] = self._item(a, show_summary)
        return Markup(item.replace("\x00", base(here)))

    def _item(self, a: Article, show_summary: bool) -> str:
        other_lang = a.language if a.language and a.language != self.site_lang else None
        lang = f' lang="{escape(other_lang)}"' if other_lang else ""
        d = a.date
        when = f'<time datetime="{d.iso()}">{i18n.date_text(d)}</time>' if d else i18n._("undated")
        meta = [when]
        if a.outlet:
            meta.append(str(escape(a.outlet.name)))
        if other_lang:
            meta.append(str(escape(other_lang.upper())))
        out = (
            f'<li><a href="\x00{escape(a.url)}"{lang}>{escape(a.title)}</a> '
            f"<span>{' · '.join(meta)}</span>"
        )
        summary = a.summary
        if show_summary and summary:
            if len(summary) > 240:
                summary = summary[:237].rsplit(" ", 1)[0] + "…"
            out += f' <span class="sb-item__summary"{lang}>{escape(summary)}</span>'
        return out + "</li>"


def gettext(message: str, **values: Any) -> str | Markup:
    """A template's message in the site's language. With a value that is HTML already (a
    link), the message is escaped and the values put in as they are, as Markup."""
    if any(isinstance(v, Markup) for v in values.values()):
        return Markup(escape(i18n.active().catalogue.gettext(message))).format(**values)
    return i18n._(message, **values)


def ngettext(one: str, many: str, n: int, **values: Any) -> str:
    return i18n.ngettext(one, many, n, **values)


def text(value: str) -> Markup:
    """`value` escaped for an element's text: `&`, `<` and `>` only. Quotes need no escaping
    outside attributes, and a citation's CSL-JSON has dozens (`&#34;` is five bytes)."""
    return Markup(str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
