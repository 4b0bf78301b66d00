"""How to cite an article: BibTeX, RIS, CSL-JSON, a plain reference and Highwire meta tags.

Every format cites the article as the outlet published it: its title, authors, outlet and
date, and its original URL with the day the archive retrieved it. The archive's page is the
copy the reader saw, given as "Archived at ..." (and as the URL when the original is not
known). Pass the page's absolute URL; with `page_url=None` (a site without `site_url`) no
format names the archive's copy.

Dates keep their precision everywhere: a year stays a year (BibTeX `year` only, RIS
`2025///`, CSL `[[2025]]`, Highwire `2025`), never 1 January.

Nothing here is escaped for HTML: the templates do that. Each format is made safe for its
own syntax: BibTeX escapes its special characters, RIS and the plain reference hold no line
breaks inside a value.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..core.dates import PartialDate
from ..core.i18n import _, date_text
from ..core.made import Made
from ..core.model import Article
from ..core.schema import language_name

# All whitespace, line and paragraph separators included: one value, one line.
_SPACE = re.compile(r"\s+")
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_SPECIAL = re.compile("|".join(map(re.escape, _BIBTEX_ESCAPES)))
_BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun",
                  "jul", "aug", "sep", "oct", "nov", "dec")  # fmt: skip
_NAME_NEEDS_BRACES = re.compile(r",|\band\b", re.IGNORECASE)


def one_line(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _authors(article: Article) -> list[str]:
    return [one_line(e.name) for e in article.refs.get("authors") or []]


def _outlet(article: Article) -> str | None:
    if article.outlet:
        return one_line(article.outlet.name)
    ref = article.outlet_ref
    return one_line(ref.text) if ref else None


def _original(article: Article) -> str | None:
    return article.original_url


def _parts(date: PartialDate | None) -> list[int]:
    if date is None:
        return []
    return [p for p in (date.year, date.month, date.day) if p is not None]


def _topics(article: Article) -> list[str]:
    return [one_line(e.name) for e in article.refs.get("topics") or []]


# -- BibTeX ---------------------------------------------------------------------------------


def bibtex_text(text: str) -> str:
    """`text` on one line with BibTeX's and LaTeX's special characters escaped."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES[m.group()], one_line(text))


def _bibtex_url(url: str) -> str:
    # biblatex reads `url` verbatim; only braces (which would unbalance the field) and
    # backslashes need encoding, as any URL may percent-encode them.
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def _bibtex_name(name: str) -> str:
    # "Smith, Jr." or "Barnes and Noble" would split into other names: keep it whole.
    text = bibtex_text(name)
    return f"{{{text}}}" if _NAME_NEEDS_BRACES.search(name) else text


def bibtex(article: Article, page_url: str | None) -> str:
    """A BibTeX entry: `@article` in the outlet's name as `journal`, `@misc` without one."""
    outlet = _outlet(article)
    original = _original(article)
    fields: list[tuple[str, str]] = [("title", f"{{{{{bibtex_text(article.title)}}}}}")]
    authors = _authors(article)
    if authors:
        fields.append(("author", "{" + " and ".join(map(_bibtex_name, authors)) + "}"))
    if outlet:
        fields.append(("journal", f"{{{bibtex_text(outlet)}}}"))
    date = article.date
    if date:
        fields.append(("date", f"{{{date.iso()}}}"))  # biblatex: the date at its precision
        fields.append(("year", f"{{{date.year}}}"))
        if date.month:
            fields.append(("month", _BIBTEX_MONTHS[date.month - 1]))
        if date.day:
            fields.append(("day", f"{{{date.day}}}"))
    url = original or page_url
    if url:
        fields.append(("url", f"{{{_bibtex_url(url)}}}"))
    if original and article.retrieved:
        fields.append(("urldate", f"{{{article.retrieved.isoformat()}}}"))
    language = language_name(article.language) if article.language else None
    if language:
        fields.append(("language", f"{{{language.lower()}}}"))
    if page_url and original:
        fields.append(("note", f"{{Archived at \\url{{{_url_in_text(page_url)}}}}}"))
    kind = "article" if outlet else "misc"
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{kind}{{{article.id},\n{body}\n}}\n"


def _url_in_text(url: str) -> str:
    # Inside \url{} in a field that LaTeX reads as text, % and # must be escaped.
    return _bibtex_url(url).replace("%", r"\%").replace("#", r"\#")


# -- RIS ------------------------------------------------------------------------------------


def _ris_date(date: PartialDate) -> str:
    """RIS dates are `YYYY/MM/DD/other`, with empty parts where unknown: `2025/06//`."""
    month = f"{date.month:02d}" if date.month else ""
    day = f"{date.day:02d}" if date.day else ""
    return f"{date.year:04d}/{month}/{day}/"


def ris(article: Article, page_url: str | None) -> str:
    """An RIS record (type NEWS), CRLF line ends as the format asks; no line breaks in a value."""
    original = _original(article)
    lines: list[tuple[str, str]] = [("TY", "NEWS"), ("TI", article.title)]
    lines += [("AU", name) for name in _authors(article)]
    outlet = _outlet(article)
    if outlet:
        lines.append(("T2", outlet))
    if article.date:
        lines.append(("PY", f"{article.date.year:04d}"))
        lines.append(("DA", _ris_date(article.date)))
    if article.language:
        lines.append(("LA", article.language))
    url = original or page_url
    if url:
        lines.append(("UR", url))
    if original and article.retrieved:
        lines.append(("Y2", article.retrieved.strftime("%Y/%m/%d/")))
    if article.summary:
        lines.append(("AB", article.summary))
    lines += [("KW", topic) for topic in _topics(article)]
    if page_url and original:
        lines.append(("N1", f"Archived at {page_url}"))
    lines.append(("ID", article.id))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {one_line(value)}\r\n" for tag, value in lines)


# -- CSL-JSON -------------------------------------------------------------------------------


def csl_json(article: Article, page_url: str | None) -> dict[str, Any]:
    """A CSL-JSON item (`article-newspaper`), as Zotero, Pandoc and citeproc read it."""
    original = _original(article)
    item: dict[str, Any] = {
        "id": article.id,
        "type": "article-newspaper",
        "title": one_line(article.title),
    }
    authors = _authors(article)
    if authors:
        # Literal names: splitting "given family" would guess wrong for many of ours.
        item["author"] = [{"literal": name} for name in authors]
    outlet = _outlet(article)
    if outlet:
        item["container-title"] = outlet
    if article.date:
        item["issued"] = {"date-parts": [_parts(article.date)]}
    url = original or page_url
    if url:
        item["URL"] = url
    if original and article.retrieved:
        r = article.retrieved
        item["accessed"] = {"date-parts": [[r.year, r.month, r.day]]}
    if article.language:
        item["language"] = article.language
    if article.summary:
        item["abstract"] = one_line(article.summary)
    if page_url and original:
        item["note"] = f"Archived at {page_url}"
    return item


# -- a plain reference ----------------------------------------------------------------------


def _and(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return _("{names} and {last}", names=", ".join(names[:-1]), last=names[-1])


def plain(article: Article, page_url: str | None) -> str:
    """A readable reference on one line, e.g.
    `Jane Doe. “Title.” Example News, 12 June 2025. https://... (retrieved 13 June 2025).
    Archived at https://...`"""
    title = one_line(article.title)
    parts = []
    authors = _authors(article)
    if authors:
        parts.append(_and(authors) + ".")
    parts.append(f"“{title}{'' if title.endswith(('.', '?', '!')) else '.'}”")
    where = [x for x in (_outlet(article), date_text(article.date) if article.date else None) if x]
    if where:
        parts.append(", ".join(where) + ".")
    original = _original(article)
    if original:
        r = article.retrieved
        when = " (" + _("retrieved {date}", date=date_text(r)) + ")" if r else ""
        parts.append(f"{original}{when}.")
    if page_url:
        parts.append(_("Archived at {url}", url=page_url))
    return one_line(" ".join(parts))


# -- Highwire Press meta tags ---------------------------------------------------------------


def highwire_date(date: PartialDate) -> str:
    """`2025/06/12`, `2025/06` or `2025`: the form Google Scholar documents, at precision."""
    return "/".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(_parts(date)))


def highwire(article: Article, page_url: str | None) -> list[tuple[str, str]]:
    """`(name, content)` of the `<meta name="citation_...">` tags with which Zotero, Google
    Scholar and other reference managers save the article in one click."""
    tags = [("citation_title", one_line(article.title))]
    tags += [("citation_author", name) for name in _authors(article)]
    if article.date:
        tags.append(("citation_date", highwire_date(article.date)))
    outlet = _outlet(article)
    if outlet:
        tags.append(("citation_journal_title", outlet))
    if article.language:
        tags.append(("citation_language", article.language))
    url = _original(article) or page_url
    if url:
        tags.append(("citation_public_url", url))
    if page_url:
        tags.append(("citation_fulltext_html_url", page_url))
    # No citation_abstract: the summary is the page's description already, which reference
    # managers read too (each copy of it costs an article page a few hundred bytes).
    tags += [("citation_keywords", topic) for topic in _topics(article)]
    return tags


def page_url_of(url: str, site_url: str | None) -> str | None:
    """The absolute URL of the page at site URL `url`, when the site's address is known."""
    return site_url.rstrip("/") + "/" + url if site_url else None


class Citations:
    """Every format of each article's citation, made once: the article page's Cite box and
    the archive's citation files show the same text."""

    def __init__(self, site_url: str | None, made: Made | None = None) -> None:
        """`made`: each article's citation as earlier builds made it (`mkdocs serve`)."""
        self.site_url = site_url
        self.made = made
        self._made: dict[int, dict[str, Any]] = {}

    def of(self, article: Article) -> dict[str, Any]:
        """`plain`, `bibtex`, `ris` and `csl` (JSON text) of `article`; `csl_item` (a dict)."""
        cite = self._made.get(id(article))
        if cite is None:
            made, key = self.made, ""
            if made is not None:
                key = made.key("citation", article.src_uri, (article,))
                cite = made.get(key)
            if cite is None:
                cite = self._make(article)
            if made is not None:
                made.put(key, cite)
            self._made[id(article)] = cite
        return cite

    def _make(self, article: Article) -> dict[str, Any]:
        url = page_url_of(article.url, self.site_url)
        csl = csl_json(article, url)
        return {
            "plain": plain(article, url),
            "bibtex": bibtex(article, url),
            "ris": ris(article, url),
            "csl": json.dumps([csl], ensure_ascii=False),
            "csl_item": csl,
        }
