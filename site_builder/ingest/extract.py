"""An article's text and metadata, from a saved web page or from plain text.

A web page goes through trafilatura, a maintained extractor: it keeps the main text and drops
menus, ads, related-article lists, comments and scripts, and reads the headline, date, author,
site name and canonical URL from the page's metadata (Open Graph, JSON-LD, `<meta>`). Its
simplified HTML is turned into Markdown here with BeautifulSoup.

Plain text follows the rules of the contributor guide: one paragraph per line, or per block
when blank lines separate blocks; a short line without final punctuation between two
paragraphs is a subheading, and such a line at the top is the headline.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypedDict, TypeVar
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from ..core.names import key, quote_text_key
from ..core.schema import language_name
from ..text.repeats import Run, repeated_runs


class ExtractError(ValueError):
    """The input holds no article text; the message says what to do."""


@dataclass(frozen=True)
class Block:
    """A block of the body: the Markdown that goes into the draft, and its words as a reader
    sees them (for names, quotes and repeated text)."""

    markdown: str
    text: str
    heading: bool = False


@dataclass
class Extracted:
    blocks: list[Block]
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None  # YYYY-MM-DD, as the page states it
    site_name: str | None = None
    url: str | None = None  # canonical URL as the page states it
    language: str | None = None
    language_guessed: bool = False  # from the letters of the text, not from the page
    description: str | None = None
    runs: list[Run] = field(default_factory=list)  # repeated text that was dropped
    dropped: list[str] = field(default_factory=list)  # boilerplate paragraphs dropped
    made_headings: list[str] = field(default_factory=list)  # short lines made subheadings
    # What the page offers for a headline: titles (`og:title`, `<title>`...), which may carry
    # the site's and section's names, and headings (JSON-LD headline, `<h1>`s), which mostly
    # do not; `headline()` chooses.
    titles: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    # Names the page gives its site (`og:site_name`, JSON-LD publisher, application-name),
    # the clean ones first; never a copyright line, a URL or a byline (see `outlet_name`).
    site_names: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)  # canonical URL, og:url, fetched URL
    language_note: str | None = None  # the page's language and the text's disagreed


# --- Markdown from text ------------------------------------------------------------------

_BACKSLASH = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!>])")
_LOOSE_UNDERSCORE = re.compile(r"(?<!\w)_|_(?!\w)")
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(#|>|[-+*](?=\s)|=+$|-{3,}$|~~~|```|\|)", re.M)
_ORDERED = re.compile(r"^(\d+)([.)])(?=\s)", re.M)


def escape(text: str) -> str:
    """Text as Markdown that renders as that text.

    Only what could turn into markup is escaped: a lone `*` or an underscore inside a word
    never does, and every escape is a backslash the check's `plaintext.plain` cannot quite
    undo after `*` and `_`, so fewer escapes keep more quotes comparable.
    """
    text = _BACKSLASH.sub(r"\\\\", text)
    if text.count("*") > 1:
        text = text.replace("*", "\\*")
    if len(_LOOSE_UNDERSCORE.findall(text)) > 1:
        text = _LOOSE_UNDERSCORE.sub(lambda m: "\\_", text)
    if text.count("`") > 1:
        text = text.replace("`", "\\`")
    if "](" in text or "][" in text:
        text = text.replace("[", "\\[").replace("]", "\\]")
    text = _ENTITY_LIKE.sub("&amp;", text)
    # Markdown has no escape for '<'; an entity keeps '<b>' in a text from becoming a tag.
    return _TAG_LIKE.sub("&lt;", text)


def escape_block(markdown: str) -> str:
    """Escape what would make a paragraph's first characters a heading, list, quote or rule."""
    markdown = _LINE_START.sub(r"\\\1", markdown)
    return _ORDERED.sub(r"\1\\\2", markdown)


def _squash(text: str) -> str:
    return " ".join(text.split())


# --- plain text ----------------------------------------------------------------------------

_FINAL = tuple(".!?…:;,")
_CLOSING = tuple("\"'”»’)]")
_OPENING = tuple("\"'“«„‘(-–—")
TITLE_MAX, HEADING_MAX, HEADING_WORDS = 150, 80, 12


def _heading_like(line: str, limit: int = HEADING_MAX, words: int = HEADING_WORDS) -> bool:
    return (
        0 < len(line) <= limit
        and len(line.split()) <= words
        and not line.endswith(_FINAL + _CLOSING)
        and not line.startswith(_OPENING)
        and line[0].isalpha()
        and line[0] == line[0].upper()
    )


def _text_chunks(text: str) -> list[str]:
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    if all(line.strip() for line in lines):  # no blank line: every line is a paragraph
        return [_squash(line) for line in lines]
    chunks: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(_squash(line))
            continue
        if not block:
            continue
        # A heading typed on the line above its paragraph, with no blank line between.
        if len(block) > 1 and _heading_like(block[0]) and len(block[0]) < 0.6 * len(block[1]):
            chunks.append(block.pop(0))
        chunks.append(" ".join(block))
        block = []
    return chunks


def from_text(text: str) -> Extracted:
    """Paragraphs, subheadings and (when its first line looks like one) the headline."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    chunks = [c for c in _text_chunks(text) if c]
    if not chunks:
        raise ExtractError("it holds no text")
    title = None
    if len(chunks) > 1 and _heading_like(chunks[0], TITLE_MAX, 25):
        title = chunks.pop(0)
    chunks, runs = _without_repeats(chunks, lambda c: c)
    blocks, made = [], []
    for i, chunk in enumerate(chunks):
        between = 0 < i < len(chunks) - 1
        if between and _heading_like(chunk) and not _heading_like(chunks[i + 1]):
            blocks.append(Block("## " + escape(chunk), chunk, heading=True))
            made.append(chunk)
        else:
            blocks.append(Block(escape_block(escape(chunk)), chunk))
    return Extracted(blocks, title=title, runs=runs, made_headings=made, **_guessed_language(text))


_Item = TypeVar("_Item")


def _without_repeats(
    items: list[_Item], text_of: Callable[[_Item], str]
) -> tuple[list[_Item], list[Run]]:
    """`repeats.without_repeats` for items that carry their text (blocks, not strings)."""
    runs = repeated_runs([text_of(item) for item in items])
    dropped = {r.repeat + k for r in runs for k in range(r.length)}
    return [item for i, item in enumerate(items) if i not in dropped], runs


# --- language from the letters -----------------------------------------------------------

_KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
# The commonest words of languages written in Latin letters: a text is in one of them when
# its words are clearly more often these than another's.
_COMMON_WORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "den", "sich", "auf", "ein"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "pour", "dans", "qui", "du"},
    "es": {"el", "los", "las", "y", "del", "que", "por", "una", "con", "para", "es"},
    "pt": {"o", "os", "as", "e", "do", "da", "que", "não", "uma", "com", "para"},
}


def guess_language(text: str) -> str | None:
    """The language of `text` from its letters and commonest words, or None when it is not
    clearly one (Russian, Kazakh, Chinese, Japanese, Korean and five in Latin letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    if cyrillic > len(letters) / 2:
        kazakh = sum(c in _KAZAKH_LETTERS for c in letters)
        return "kk" if kazakh > 0.01 * cyrillic else "ru"
    kana = sum("\u3040" <= c <= "\u30ff" for c in letters)
    hangul = sum("\uac00" <= c <= "\ud7af" or "\u1100" <= c <= "\u11ff" for c in letters)
    han = sum("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in letters)
    if kana + hangul + han > len(letters) / 3:
        if hangul > kana + han:
            return "ko"
        return "ja" if kana > 0.05 * (kana + han) else "zh"
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return None
    scores = sorted(
        ((sum(w in common for w in words), lang) for lang, common in _COMMON_WORDS.items()),
        reverse=True,
    )
    (best, lang), (second, _) = scores[0], scores[1]
    if best > 0.08 * len(words) and best > 2 * second:
        return lang
    return None


class _Language(TypedDict):
    language: str | None
    language_guessed: bool


def _guessed_language(text: str) -> _Language:
    lang = guess_language(text)
    return {"language": lang, "language_guessed": lang is not None}


# --- web pages ---------------------------------------------------------------------------

# Lines that introduce a link to another article; an extractor sometimes keeps them.
_READ_ALSO = re.compile(
    r"^(read (also|more)|see also|also read|related|читайте (также|еще|ещё|далее)|"
    r"смотрите также|по теме|оқи(ңыз)? (сондай-ақ|отырыңыз)|тақырыпқа)\b",
    re.IGNORECASE,
)
MIN_TEXT = 80  # characters: less is a menu or an error page, not an article
_HEADINGS = {"h1": 2, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}


def from_html(html: str, url: str | None = None) -> Extracted:
    """The main text of a page as Markdown blocks, with what its metadata says."""
    import trafilatura
    from trafilatura.settings import set_date_params

    out = trafilatura.extract(
        html,
        url=url,
        output_format="html",
        with_metadata=True,
        include_comments=False,
        include_formatting=True,
        include_links=True,
        include_tables=True,
        include_images=False,
        # The date the page states (meta, JSON-LD, URL), never one guessed from its text.
        date_extraction_params=set_date_params(extensive=False),
    )
    page = BeautifulSoup(html, "html.parser")
    meta = _page_metadata(page)
    if not out:
        raise ExtractError("no article text was found in it")
    doc = BeautifulSoup(out, "html.parser")
    info = {
        _attr(m, "name"): content for m in doc.find_all("meta") if (content := _attr(m, "content"))
    }
    addresses = _unique_texts(
        [u for u in (_http(url), _http(meta.get("og:url")), _http(meta.get("canonical")),
                     _http(info.get("url"))) if u]
    )  # fmt: skip
    # The article's address is the canonical one; its host is matched with the others too.
    page_url = _http(info.get("url")) or _http(meta.get("canonical")) or _http(url)
    titles = _unique_texts([meta.get("og:title"), meta.get("twitter:title"), meta.get("title")])
    # the visible <h1> first: JSON-LD may straighten its quotes
    headings = _unique_texts([*meta.get("h1", "").split("\n"), meta.get("headline")])
    if not titles and not headings and info.get("title"):
        titles = [_squash(info["title"])]
    # Not a name that is the article's own (MSN's application-name is its headline); the
    # <title> may be the site's name alone (Quanta Magazine's is).
    site_names = site_names_of(meta, [meta.get("og:title") or "", *headings])
    title = headline(titles, headings, site_names)
    body = doc.body or doc
    blocks = list(_blocks(body, page_url))
    own = {key(t) for t in [title or "", *titles, *headings] if t}
    while blocks and key(blocks[0].text) in own:
        blocks.pop(0)  # the headline, which goes into the front matter, not the body
    blocks = _top_headings_at_two(blocks)
    blocks, dropped = _drop_boilerplate(blocks, _related_links(page, page_url))
    blocks, runs = _without_repeats(blocks, lambda b: b.text)
    if sum(len(b.text) for b in blocks if not b.heading) < MIN_TEXT:
        raise ExtractError("no article text was found in it")
    language, guessed, note = _language(meta.get("language"), " ".join(b.text for b in blocks))
    authors = [_squash(a) for a in re.split(r";|\band\b|,", info.get("author") or "")]
    return Extracted(
        blocks,
        title=title,
        authors=[a for a in authors if a],
        date=info.get("date"),
        site_name=site_names[0] if site_names else None,
        url=page_url,
        language=language,
        language_guessed=guessed,
        description=_squash(info.get("description") or "") or None,
        runs=runs,
        dropped=dropped,
        titles=titles,
        headings=headings,
        site_names=site_names,
        addresses=addresses,
        language_note=note,
    )


def _unique_texts(texts: Iterable[str | None]) -> list[str]:
    out: list[str] = []
    seen = set()
    for t in texts:
        t = _squash(html_lib.unescape(t)) if t else ""
        if t and key(t) not in seen:
            seen.add(key(t))
            out.append(t)
    return out


# The languages `guess_language` can tell; a page declaring another (uk, be, bg...) keeps it.
_GUESSABLE = {"en", "de", "fr", "es", "pt", "ru", "kk", "zh", "ja", "ko"}


def _language(declared: str | None, text: str) -> tuple[str | None, bool, str | None]:
    """The language, whether it was guessed, and a note when the page's and the text's
    clearly disagree: the text wins then (German pages tagged `en` are common)."""
    found = guess_language(text)
    if not declared:
        return found, found is not None, None
    if found and found != declared and declared in _GUESSABLE and _clearly(found, text):
        note = (
            f"the page declares '{declared}' but its text is clearly '{found}'; '{found}' is used"
        )
        return found, True, note
    return declared, False, None


def _clearly(found: str, text: str) -> bool:
    """Whether a guess is sure enough to overrule the page: between Russian and Kazakh only
    when Kazakh letters are many (3% of the Cyrillic ones) or none at all, since a Russian
    text names Kazakh people and places in their own letters (Қасым-Жомарт Тоқаев)."""
    if found not in ("ru", "kk"):
        return True
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in text)
    kazakh = sum(c in _KAZAKH_LETTERS for c in text)
    return kazakh > 0.03 * cyrillic if found == "kk" else kazakh == 0


# --- the headline and the site's names ----------------------------------------------------

# What separates a headline from the names of the site and section in a title: "X | Site",
# "X - Site", "X — Section — Site", "X _频道_网", "Site: X", "X ：日本経済新聞".
_SEPARATOR = re.compile(
    r"\s+[|\-–—•·»:/]\s+|\s*[|｜_]\s*|\s*::\s*|\s+[：:](?=[^：:]{1,30}$)"
    # "…临床用药需求-新华网": a hyphen between two letters of a script without spaces, before
    # a short last part
    r"|(?<=[^\x00-\u024f])-(?=[^\x00-\u024f][^-]{0,15}$)"
)
_COPYRIGHT = re.compile(r"©|\(c\)|copyright|all rights reserved|все права", re.IGNORECASE)
_BYLINE = re.compile(r"^(by|от|автор)\s", re.IGNORECASE)
DECORATION_MAX = 45  # characters: a section's or site's name, not a part of the headline


def host_of(url: str | None) -> str:
    """`www.bbc.co.uk` -> `bbc.co.uk`: the host of an address, as outlets are matched."""
    host = (urlsplit(url).hostname or "") if url else ""
    return host.lower().removeprefix("www.").removeprefix("m.")


def clean_site_name(name: str | None) -> str | None:
    """A name the page gives its site, if it can be an outlet's name: not a copyright line,
    an address or a byline ("Copyright 2014", "https://www.hawaiinewsnow.com", "By X")."""
    name = _squash(html_lib.unescape(name or ""))
    if not name or len(name) > 60 or _COPYRIGHT.search(name) or _BYLINE.match(name):
        return None
    # "Salon.com" and "TMZ.com" are names; "https://www.tmz.com" and "www.x.com" addresses
    address = "://" in name or name.lower().startswith("www.")
    if address or not any(c.isalpha() for c in name):
        return None
    return name


def site_names_of(meta: dict[str, str], titles: list[str]) -> list[str]:
    """The clean names a page gives its site; not one of its titles (MSN names its
    application after the article)."""
    keys = ("og:site_name", "publisher", "application-name")
    own = {key(t) for t in titles}
    names = [clean_site_name(meta.get(k)) for k in keys]
    return [n for n in _unique_texts(names) if key(n) not in own]


def _compact(text: str) -> str:
    return re.sub(r"[\W_]+", "", key(text))


def _is_name(segment: str, names: Iterable[str]) -> bool:
    """Whether a piece of a title is one of the site's names: "BBC News", "the Guardian",
    "TMZ.com" for tmz.com, "Salon.com"."""
    seg = _compact(segment)
    if not seg:
        return True
    for name in names:
        n = _compact(name)
        if n and (
            seg == n or (seg.endswith(("com", "ru", "kz", "net", "org")) and seg.startswith(n))
        ):
            return True
    return False


def _decoration(rest: str, names: list[str]) -> bool:
    """Whether what a title has besides the headline is only names and separators."""
    parts = [p for p in _SEPARATOR.split(rest) if p and p.strip(" -–—|:_()（）")]
    return all(_is_name(p, names) or len(p) <= DECORATION_MAX for p in parts)


def _norm(text: str) -> str:
    return key(quote_text_key(text)).replace("\u3000", " ")


def _strip_names(title: str, names: list[str]) -> str:
    """A title without the site's name at its ends, nor the short section names and bylines
    next to it ("X | Eleanor Ainge Roy | Environment | The Guardian")."""
    parts = _SEPARATOR.split(title)
    seps = _SEPARATOR.findall(title)
    start, end = 0, len(parts)
    while end - start > 1 and _is_name(parts[end - 1], names):
        end -= 1
        while (
            end - start > 1
            and 3 * len(parts[end - 1]) < len(parts[start])
            and (len(parts[end - 1]) <= 20)
        ):
            end -= 1
    while end - start > 1 and _is_name(parts[start], names):
        start += 1
    # Short parts after a bar or an underscore are names even when no one knows them:
    # "海外留学生看两会：出国前后关注点大不同_教育频道_中国青年网".
    while (
        end - start > 1
        and seps[end - 2].strip() in ("|", "_", "｜")
        and len(parts[end - 1]) <= 20
        and 2 * len(parts[end - 1]) < sum(map(len, parts[start : end - 1]))
    ):
        end -= 1
    # ...and before one: "Opinion | A better tax", "LinkNaija | ..."
    while (
        end - start > 1
        and seps[start].strip() in ("|", "_", "｜")
        and len(parts[start]) <= 20
        and 2 * len(parts[start]) < sum(map(len, parts[start + 1 : end]))
    ):
        start += 1
    out = parts[start]
    for i in range(start + 1, end):
        out += seps[i - 1] + parts[i]
    return out.strip(" -–—|:_")


def headline(titles: list[str], headings: list[str], site_names: Iterable[str] = ()) -> str | None:
    """The headline as published: a heading (`<h1>`, JSON-LD) that a title holds with only
    the site's and section's names around it; else the first title without those names; never
    a site's name (a logo's text)."""
    names = list(site_names)
    heads = [_strip_names(h, names) for h in headings]
    heads = [h for h in heads if len(_compact(h)) >= 4 and not _is_name(h, names)]
    for title in titles:
        t = _norm(title)
        for head in heads:
            h = _norm(head)
            if h and h in t and _decoration(t.replace(h, " ", 1), names):
                return head
    cleaned = [_strip_names(t, names) for t in titles]
    cleaned = [c for c in cleaned if c and not _is_name(c, names)]
    if heads and (
        not cleaned
        or len(heads) == 1
        and not any(_norm(heads[0]) in _norm(t) or _norm(t) in _norm(heads[0]) for t in titles)
        and heads[0] == headings[0]
    ):
        return heads[0]
    return cleaned[0] if cleaned else (heads[0] if heads else None)


def title_parts(ex: Extracted) -> list[str]:
    """The pieces of the page's titles after the first: "BBC News", "光明网", which may name
    the outlet."""
    return [p for t in ex.titles for p in _SEPARATOR.split(t)[1:] if p.strip()]


def outlet_name(ex: Extracted) -> str | None:
    """A name to propose for the outlet of a page no registry entry claims: its site's name,
    else what its title has after the headline ("… - The New York Times", "…_中国青年网"),
    else its host (`tmz.com`); never a copyright line, an address, a byline or a date."""
    if ex.site_names:
        return ex.site_names[0]
    for title in ex.titles:
        parts = _SEPARATOR.split(title)
        last = parts[-1]
        if len(parts) < 2 or re.search(r"\d{4}", last) or len(last) > 40:
            continue
        if ex.title and _norm(ex.title) in _norm(title) and _norm(last) not in _norm(ex.title):
            name = clean_site_name(last)
            if name:
                return name
    host = host_of(ex.addresses[0]) if ex.addresses else ""
    return host or None


def _attr(tag: Tag, name: str) -> str | None:
    """The value of an attribute that has one (bs4 makes a list of `class`, `rel` and the
    like only)."""
    value = tag.get(name)
    return value if isinstance(value, str) else None


def _http(url: str | None) -> str | None:
    if url and urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc:
        return url.strip()
    return None


def _page_metadata(page: BeautifulSoup) -> dict[str, str]:
    """Language, addresses, titles, headings and the site's names, from the page as published."""
    out: dict[str, str] = {}
    langs = []
    html = page.find("html")
    if isinstance(html, Tag) and html.get("lang"):
        langs.append(str(html["lang"]))
    for m in page.find_all("meta"):
        name = (_attr(m, "property") or _attr(m, "name") or "").lower()
        content = _attr(m, "content")
        if content and name in (
            "og:title",
            "twitter:title",
            "og:site_name",
            "og:url",
            "og:locale",
            "application-name",
        ):
            out.setdefault(name, content)
    if out.get("og:locale"):
        langs.append(out["og:locale"])
    if isinstance(page.title, Tag):
        out["title"] = page.title.get_text(" ")
    canonical = page.find("link", rel="canonical")
    if isinstance(canonical, Tag) and canonical.get("href"):
        out["canonical"] = str(canonical["href"])
    for item in _json_ld(page):
        if item.get("inLanguage") and isinstance(item["inLanguage"], str):
            langs.append(item["inLanguage"])
        if item.get("headline") and isinstance(item["headline"], str):
            out.setdefault("headline", item["headline"])
        publisher = item.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            out.setdefault("publisher", publisher["name"])
    out["h1"] = "\n".join(_h1s(page))
    for lang in langs:
        code = re.split(r"[-_]", lang.strip())[0].lower()
        if len(code) == 2 and language_name(code):
            out["language"] = code
            break
    return out


_LOGO = re.compile(r"logo|brand|masthead|site-?(name|title)", re.IGNORECASE)


def _h1s(page: BeautifulSoup) -> list[str]:
    """The page's `<h1>`s, but a logo's (in navigation, in a link to the home page, or marked
    logo or brand); an `<h1>` made of parts (the headline, then a byline) adds its parts."""
    out = []
    for h1 in page.find_all("h1"):
        if h1.find_parent("nav"):
            continue
        home = h1.find_parent("a")
        if home is not None and urlsplit(str(home.get("href") or "")).path in ("", "/"):
            continue
        marks = " ".join(
            str(v) for t in [h1, *h1.find_all(True), *h1.parents][:8] if isinstance(t, Tag)
            for v in (t.get("class"), t.get("id")) if v
        )  # fmt: skip
        if _LOGO.search(marks):
            continue
        text = _squash(h1.get_text(" "))
        if text:
            out.append(text)
        parts = [_squash(c.get_text(" ")) for c in h1.find_all(True, recursive=False)]
        if len([p for p in parts if p]) > 1:
            out.extend(p for p in parts if p)
    return out


def _json_ld(page: BeautifulSoup) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for script in page.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            continue  # broken JSON-LD is common; the rest of the page still counts
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                kind = node.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
                    items.append(node)
                stack.extend(node.get("@graph") or [])
    return items


def _blocks(container: Tag, base: str | None) -> Iterator[Block]:
    for node in container.children:
        if isinstance(node, NavigableString):
            text = _squash(str(node))
            if text:
                yield Block(escape_block(escape(text)), text)
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name
        if name in _HEADINGS:
            text = _squash(node.get_text(" "))
            if text:
                yield Block("#" * _HEADINGS[name] + " " + _inline(node, base), text, heading=True)
        elif name == "p":
            md = _inline(node, base)
            if md:
                yield Block(escape_block(md), _squash(node.get_text(" ")))
        elif name == "blockquote":
            inner = list(_blocks(node, base)) or []
            if inner:
                md = "\n>\n".join("> " + b.markdown.replace("\n", "\n> ") for b in inner)
                yield Block(md, " ".join(b.text for b in inner))
        elif name in ("ul", "ol"):
            md = _list(node, base, 0)
            if md:
                yield Block(md, _squash(node.get_text(" ")))
        elif name == "table":
            md = _table(node, base)
            if md:
                yield Block(md, _squash(node.get_text(" ")))
        elif name == "pre":
            code = node.get_text().strip("\n")
            if code.strip():
                fence = "~~~" if "```" in code else "```"
                yield Block(f"{fence}\n{code}\n{fence}", _squash(code))
        elif name in ("hr", "img", "br", "head", "script", "style"):
            continue
        else:  # a container, or inline content outside a paragraph
            inner_tags = {"p", "blockquote", "ul", "ol", "table", "pre", *_HEADINGS}
            if node.find(inner_tags):
                yield from _blocks(node, base)
            else:
                md = _inline(node, base)
                if md:
                    yield Block(escape_block(md), _squash(node.get_text(" ")))


def _inline(node: Tag, base: str | None) -> str:
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, NavigableString):
            parts.append(escape(re.sub(r"\s+", " ", str(child))))
        elif isinstance(child, Tag):
            parts.append(_inline_tag(child, base))
    lines = (_squash(line) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _wrap(marker: str, inner: str, spaced: str | None = None) -> str:
    """`**x**` with the spaces of `spaced` (default: `inner`) outside the markers, where
    Markdown needs them."""
    spaced = inner if spaced is None else spaced
    if not inner.strip():
        return inner
    lead = " " if spaced[:1].isspace() else ""
    trail = " " if spaced[-1:].isspace() else ""
    return f"{lead}{marker}{inner.strip()}{marker}{trail}"


def _inline_tag(tag: Tag, base: str | None) -> str:
    inner = "".join(
        escape(re.sub(r"\s+", " ", str(c))) if isinstance(c, NavigableString) else
        _inline_tag(c, base) if isinstance(c, Tag) else ""
        for c in tag.children
    )  # fmt: skip
    name = tag.name
    if name in ("b", "strong"):
        return _wrap("**", inner)
    if name in ("i", "em"):
        return _wrap("*", inner)
    if name == "code":
        text = tag.get_text()
        return f"`{text}`" if "`" not in text else f"`` {text} ``"
    if name == "br":
        return "\n"
    if name == "a":
        href = str(tag.get("href") or "")
        target = _http(urljoin(base, href) if base else href)
        if target and inner.strip():
            target = target.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
            return _wrap("", f"[{inner.strip()}]({target})", inner)
        return inner
    return inner  # u, sub, sup, del, span: the words only


def _list(node: Tag, base: str | None, depth: int) -> str:
    lines = []
    ordered = node.name == "ol"
    for n, item in enumerate(node.find_all("li", recursive=False), 1):
        nested = [c for c in item.children if isinstance(c, Tag) and c.name in ("ul", "ol")]
        for c in nested:
            c.extract()
        text = _inline(item, base)
        marker = f"{n}." if ordered else "-"
        lines.append("    " * depth + f"{marker} {text}")
        for c in nested:
            lines.append(_list(c, base, depth + 1))
    return "\n".join(line for line in lines if line.strip())


def _table(node: Tag, base: str | None) -> str:
    rows = []
    for tr in node.find_all("tr"):
        cells = [_inline(c, base).replace("|", "\\|") for c in tr.find_all(["td", "th"])]
        if any(cells):
            rows.append(cells)
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


def _top_headings_at_two(blocks: list[Block]) -> list[Block]:
    """Subheadings start at `##` (the headline is the page's `#`), whatever tags the page used."""
    levels = [len(b.markdown) - len(b.markdown.lstrip("#")) for b in blocks if b.heading]
    shift = min(levels, default=2) - 2
    if shift <= 0:
        return blocks
    return [Block(b.markdown[shift:], b.text, True) if b.heading else b for b in blocks]


def _lone_link(block: Block) -> str | None:
    """The address of a paragraph that is one link and nothing else."""
    m = re.fullmatch(r"\[[^\]]+\]\(([^)]+)\)", block.markdown.strip("*_ "))
    return m.group(1) if m and not block.heading else None


_RELATED = re.compile(
    r"related|read-?(more|also|next)|see-?also|recommend|teaser|promo|more-?(news|stories)|"
    r"также|по-?теме",
    re.IGNORECASE,
)


def _related_links(page: BeautifulSoup, base: str | None) -> set[str]:
    """Addresses the page links to from a related-articles box or after a "Read also"."""
    out = set()
    for a in page.find_all("a", href=True):
        href = str(a["href"])
        target = _http(urljoin(base, href) if base else href)
        if not target:
            continue
        boxes = [t for t in [a, *a.parents][:5] if isinstance(t, Tag)]
        marks = " ".join(
            str(v) for t in boxes for v in (t.get("class"), t.get("id")) if v
        )  # fmt: skip
        # the words just before the link ("Read also: <a>"), not its parent's whole text: a
        # page of a thousand links in one container stays linear
        before = a.previous_sibling
        before_text = _squash(
            before.get_text(" ") if isinstance(before, Tag) else str(before or "")
        )
        if _RELATED.search(marks) or _READ_ALSO.match(before_text):
            out.add(target.replace(" ", "%20").replace("(", "%28").replace(")", "%29"))
    return out


def _drop_boilerplate(
    blocks: list[Block],
    related: set[str] = frozenset(),  # type: ignore[assignment]
) -> tuple[list[Block], list[str]]:
    """Drop "Read also" lines, with the links that follow them, and paragraphs that are one
    link the page shows in a related-articles box or after a "Read also". A paragraph that is
    one link elsewhere is the text (a list of sources, a reading list): it stays."""
    drop = set()
    for i, b in enumerate(blocks):
        if b.heading:
            continue
        link = _lone_link(b)
        if _READ_ALSO.match(b.text) or (link is not None and link in related):
            drop.add(i)
            j = i + 1
            while _READ_ALSO.match(b.text) and j < len(blocks) and _lone_link(blocks[j]):
                drop.add(j)
                j += 1
    kept = [b for i, b in enumerate(blocks) if i not in drop]
    return kept, [b.text for i, b in enumerate(blocks) if i in drop]
