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

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypedDict, TypeVar
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from ..core.names import key
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
_ENGLISH_WORDS = {"the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on"}


def guess_language(text: str) -> str | None:
    """`ru`, `kk` or `en` from the letters of `text`, or None when it is none of them clearly."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    if cyrillic > len(letters) / 2:
        kazakh = sum(c in _KAZAKH_LETTERS for c in letters)
        return "kk" if kazakh > 0.01 * cyrillic else "ru"
    words = re.findall(r"[a-z]+", text.lower())
    if words and sum(w in _ENGLISH_WORDS for w in words) > 0.08 * len(words):
        return "en"
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
    page_url = _http(info.get("url")) or _http(meta.get("canonical")) or _http(url)
    title = _squash(info.get("title") or meta.get("headline") or "") or None
    body = doc.body or doc
    blocks = list(_blocks(body, page_url))
    if blocks and blocks[0].heading and title and key(blocks[0].text) == key(title):
        blocks.pop(0)  # the headline, which goes into the front matter
    blocks = _top_headings_at_two(blocks)
    blocks, dropped = _drop_boilerplate(blocks)
    blocks, runs = _without_repeats(blocks, lambda b: b.text)
    if sum(len(b.text) for b in blocks if not b.heading) < MIN_TEXT:
        raise ExtractError("no article text was found in it")
    language, guessed = meta.get("language"), False
    if not language:
        language = guess_language(" ".join(b.text for b in blocks))
        guessed = language is not None
    authors = [_squash(a) for a in re.split(r";|\band\b|,", info.get("author") or "")]
    return Extracted(
        blocks,
        title=title,
        authors=[a for a in authors if a],
        date=info.get("date"),
        site_name=_squash(info.get("sitename") or meta.get("publisher") or "") or None,
        url=page_url,
        language=language,
        language_guessed=guessed,
        description=_squash(info.get("description") or "") or None,
        runs=runs,
        dropped=dropped,
    )


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
    """Language, canonical URL, headline and publisher, from the page as published."""
    out: dict[str, str] = {}
    langs = []
    html = page.find("html")
    if isinstance(html, Tag) and html.get("lang"):
        langs.append(str(html["lang"]))
    og = page.find("meta", attrs={"property": "og:locale"})
    if isinstance(og, Tag) and og.get("content"):
        langs.append(str(og["content"]))
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
    for lang in langs:
        code = re.split(r"[-_]", lang.strip())[0].lower()
        if len(code) == 2 and language_name(code):
            out["language"] = code
            break
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


def _drop_boilerplate(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """Drop "Read also" lines and paragraphs that are a lone link to another article."""
    kept, dropped = [], []
    for b in blocks:
        lone_link = re.fullmatch(r"\[[^\]]+\]\([^)]+\)", b.markdown.strip("*_ ")) is not None
        if not b.heading and (lone_link or _READ_ALSO.match(b.text)):
            dropped.append(b.text)
        else:
            kept.append(b)
    return kept, dropped
