"""The interface's words in the site's language (`theme.language`): English, Russian, Kazakh.

Messages are English in the code (`_("Quoted")`, `ngettext("{n} article", "{n} articles", n)`)
and translated by gettext catalogues, one a language, compiled with Babel:
`site_builder/locale/<lang>/LC_MESSAGES/site_builder.po`. A catalogue's compiled `.mo` is
read when it is there and as new as its `.po`; else the `.po` is compiled as the build starts
(a few milliseconds), so a translator's edit shows in the next build without a step between.
Counts follow the language's plural rules (CLDR, through the catalogue's `Plural-Forms`),
numbers its grouping, dates its patterns at their precision ("2 января 2025 г.", "2025 ж.
2 қаңтар").

The language is the build's (`activate`), one for the whole site: a module-level choice, so
that every family (the site's pages, the data's citations) speaks it without carrying it.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext as _gettext
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton, get_month_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from .dates import PartialDate

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "site_builder"
DEFAULT = "en"


def N_(message: str) -> str:
    """Marks `message` for the catalogue where it is defined; it is translated where shown."""
    return message


def NN_(one: str, many: str) -> tuple[str, str]:
    """Marks a count's two English forms for the catalogue as one plural message; `ngettext`
    takes them where the count is known."""
    return one, many


def languages() -> list[str]:
    """The languages the interface has words for: English and each catalogue's."""
    found = {p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return sorted(found | {DEFAULT})


def _catalogue(lang: str) -> _gettext.NullTranslations:
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as f:
            return Translations(f, domain=DOMAIN)
    if not po.is_file():
        return _gettext.NullTranslations()
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog)  # fuzzy entries left out: English until a translator confirms
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)


def _locale(lang: str) -> Locale:
    # English keeps the archive's day-first dates ("2 January 2025"), as before translation.
    try:
        return Locale.parse("en_GB" if lang == "en" else lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_GB")


@dataclass(frozen=True)
class Interface:
    """The words, numbers and dates of one language."""

    lang: str
    locale: Locale
    catalogue: _gettext.NullTranslations
    # Numbers, dates and months as formatted: Babel takes tens of microseconds a call, and a
    # 10,000-article build asks for the same few thousand values hundreds of thousands of times.
    _memo: dict[tuple[object, ...], Any] = field(default_factory=dict, compare=False, repr=False)

    def gettext(self, message: str, **values: Any) -> str:
        text = self.catalogue.gettext(message)
        return text.format(**values) if values else text

    def ngettext(self, one: str, many: str, n: int, **values: Any) -> str:
        """The form for `n` (`{n}` in it is the number, grouped the language's way)."""
        return self.catalogue.ngettext(one, many, n).format(n=self.number(n), **values)

    def plural_forms(self, one: str, many: str) -> dict[str, str]:
        """CLDR plural category -> the message for it with `{n}` left in (for the scripts,
        which choose with Intl.PluralRules): one sample number a category asks gettext."""
        rule = self.locale.plural_form
        out: dict[str, str] = {}
        for n in range(0, 200):
            category = rule(n)
            if category not in out:
                out[category] = self.catalogue.ngettext(one, many, n)
        return out

    def number(self, n: int) -> str:
        key = ("number", n)
        if key not in self._memo:
            self._memo[key] = format_decimal(n, locale=self.locale)
        return str(self._memo[key])

    def date(self, d: PartialDate | dt.date) -> str:
        """A date at its precision: "2 января 2025 г.", "январь 2025 г.", "2025"."""
        if isinstance(d, dt.date):
            d = PartialDate(d.year, d.month, d.day)
        if not d.day:
            return self.month(d.year, d.month) if d.month else str(d.year)
        key = ("date", d.year, d.month, d.day)
        if key not in self._memo:
            self._memo[key] = format_skeleton("yMMMMd", d.first_day(), locale=self.locale)
        return str(self._memo[key])

    def month(self, year: int, month: int) -> str:
        """A month of a year, named on its own: "June 2025", "июнь 2025 г."."""
        key = ("month", year, month)
        if key not in self._memo:
            first = PartialDate(year, month).first_day()
            self._memo[key] = format_skeleton("yMMMM", first, locale=self.locale)
        return str(self._memo[key])

    def month_names(self) -> list[str]:
        """The twelve months' names as a heading shows them, capitalised."""
        if ("months",) not in self._memo:
            names = get_month_names("wide", context="stand-alone", locale=self.locale)
            self._memo[("months",)] = [names[m][:1].upper() + names[m][1:] for m in range(1, 13)]
        return list(self._memo[("months",)])


@functools.cache
def interface(lang: str) -> Interface:
    lang = lang or DEFAULT
    catalogue = _gettext.NullTranslations() if lang == DEFAULT else _catalogue(lang)
    return Interface(lang, _locale(lang), catalogue)


_active = interface(DEFAULT)


def activate(lang: str) -> Interface:
    """Speak `lang` from now on (the build calls it once, with `theme.language`)."""
    global _active
    interface.cache_clear()  # read the catalogue again: `mkdocs serve` shows a translator's edit
    _active = interface(lang)
    return _active


def active() -> Interface:
    return _active


def _(message: str, **values: Any) -> str:
    return _active.gettext(message, **values)


def ngettext(one: str, many: str, n: int, **values: Any) -> str:
    return _active.ngettext(one, many, n, **values)


def date_text(d: PartialDate | dt.date | None) -> str:
    return _active.date(d) if d else _("undated")


def number(n: int) -> str:
    return _active.number(n)


def month_title(year: int, month: int) -> str:
    """ "June 2025", "Июнь 2025 г.": a month as a title names it, capitalised."""
    title = _active.month(year, month)
    return title[:1].upper() + title[1:]


def language_name(code: str) -> str | None:
    """A language's name in the site's language ("Russian", "русский", "орыс тілі"),
    capitalised, or None where CLDR has none (English keeps ISO 639's names)."""
    if _active.lang == DEFAULT:
        return None
    name = _active.locale.languages.get(code)
    return name[:1].upper() + name[1:] if name else None
