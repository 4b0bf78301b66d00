"""An article's rendered body, made into an archive page: safe, anchored, linked, marked.

1. `sanitize` keeps only an allowlist of tags and attributes (nh3): whatever raw HTML a
   contributor wrote, no script, handler, style or `javascript:` URL gets through.
2. `enhance` gives every paragraph an anchor, links the first mention of each entity the
   article lists (by any of its names, whole words, never inside headings, links or code)
   and wraps each of the article's quotes in `<mark id="q-N">`.

Both work on the HTML that Python-Markdown produced, with a regular expression that splits
tags from text; no DOM is built, so a 10,000-article build stays fast.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import nh3

from ..core.links import URL_SCHEMES
from ..core.model import Entity
from ..core.names import APOSTROPHE, APOSTROPHES, DASH_CHARS, QUOTE_CHARS, is_apostrophe
from ..text.mentions import NameMatcher, select

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "abbr": {"title"},
}
# Classes that Markdown extensions emit (heading permalinks, footnotes); content may use no other.
ALLOWED_CLASSES = {
    "a": {"headerlink", "footnote-ref", "footnote-backref"},
    "div": {"footnote"},
    "sup": set(),
}
_DROP_CONTENT = {
    "script",
    "style",
    "template",
    "iframe",
    "object",
    "embed",
    "noscript",
    "svg",
    "math",
    "textarea",
    "select",
    "option",
}
# Ids the page itself uses: Material's (`__config`, `__search`, ...), ours (`sb-...`) and the
# paragraph and quote anchors. An element of the body that takes one first would shadow it:
# `<p id="__config">{"base": "https://evil.example/"}</p>` before Material's own config
# would tell search.js where to load its script from (DOM clobbering).
_RESERVED_ID = re.compile(r"^(__|sb-|[pq]-[0-9]+$)", re.I)


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and _RESERVED_ID.match(value):
        return None
    return value


def sanitize(body_html: str) -> str:
    return nh3.clean(
        body_html,
        tags=ALLOWED_TAGS,
        clean_content_tags=_DROP_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


_TOKENS = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")
_NO_LINKS = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "mark"}
# The same characters `names.quote_text_key` drops or unifies in a quote.
_QUOTE_CHARS, _DASHES = QUOTE_CHARS + "ʼ", DASH_CHARS
# Quote keys (`names.quote_text_key`) drop quotation marks, unify dashes and collapse spaces;
# the HTML text gets the same treatment in two passes that remember where each change was.
# An apostrophe between two letters stays, as `names.APOSTROPHE`, as it does in the key.
_MARKS = re.compile(
    "[" + re.escape(_QUOTE_CHARS) + "]+|&quot;|&#0?39;|&#x27;|&amp;|&lt;|&gt;|…|[" + _DASHES + "]"
)
_MARK_REPLACEMENT = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "…": "..."}
_APOSTROPHES = {*APOSTROPHES, "&#39;", "&#039;", "&#x27;"}


def _mark_replacement(m: re.Match[str]) -> str:
    text = m.group()
    if text in _MARK_REPLACEMENT:
        return _MARK_REPLACEMENT[text]
    if text in _APOSTROPHES and is_apostrophe(m.string, m.start(), m.end()):
        return APOSTROPHE
    return "-" if text in _DASHES else ""


# `\s{2,}|[^\S ]` -> " " in two steps: every other space character becomes a space (same
# length, so no position moves; str.isspace is what `\s` matches), then runs collapse.
_OTHER_SPACE = re.compile(r"[^\S ]")
_SPACES = re.compile(" {2,}")


class _Rewrite:
    """`pattern` replaced in `text`, with a map from new positions back to old ones."""

    def __init__(
        self, text: str, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]
    ) -> None:
        out: list[str] = []
        self.segments: list[
            tuple[int, int, int, int]
        ] = []  # new start, new end, old start, old end
        pos = n = 0
        for m in pattern.finditer(text):
            out.append(text[pos : m.start()])
            n += m.start() - pos
            piece = repl(m) if callable(repl) else repl
            out.append(piece)
            self.segments.append((n, n + len(piece), m.start(), m.end()))
            n += len(piece)
            pos = m.end()
        out.append(text[pos:])
        self.text = "".join(out)
        self.starts = [seg[0] for seg in self.segments]

    def old(self, i: int, end: bool = False) -> int:
        """Old position of new position `i` (of an exclusive end, with `end`)."""
        probe = i - 1 if end else i
        k = bisect.bisect_right(self.starts, probe) - 1
        if k < 0:
            return i
        ns, ne, os_, oe = self.segments[k]
        if probe < ne:  # inside a replaced piece: the whole original piece
            return oe if end else os_
        return oe + (i - ne)


class NormalizedText:
    """Text normalized like a quote key, with a map back to positions in the original."""

    def __init__(self, text: str):
        self._marks = _Rewrite(text, _MARKS, _mark_replacement)
        self._spaces = _Rewrite(_OTHER_SPACE.sub(" ", self._marks.text), _SPACES, " ")
        self.text = self._spaces.text

    def find(self, key: str) -> tuple[int, int] | None:
        """Original (start, end) of the first occurrence of `key`, or None."""
        at = self.text.find(key) if key else -1
        if at < 0:
            return None
        start = self._marks.old(self._spaces.old(at))
        end = self._marks.old(self._spaces.old(at + len(key), end=True), end=True)
        return start, end


@dataclass
class Enhanced:
    html: str
    paragraphs: int
    missing_quotes: list[int] = field(default_factory=list)  # indexes of quotes not found


def enhance(
    body_html: str,
    matcher: NameMatcher | None,
    links: dict[int, str],
    quotes: list[str],
) -> Enhanced:
    """Anchor paragraphs, link first mentions of entities in `links` (id(entity) -> href),
    and mark `quotes` (texts normalized by `quote_text_key`) as `q-1`, `q-2`, ..."""
    tokens = _TOKENS.split(body_html)
    # Text tokens are at even positions; find where each starts in the joined text.
    texts = tokens[0::2]
    starts: list[int] = []
    pos = 0
    for text in texts:
        starts.append(pos)
        pos += len(text)
    joined = "".join(texts)

    cuts: dict[
        int, list[tuple[int, int, str, str]]
    ] = {}  # token index -> (start, end, open, close)
    missing: list[int] = []
    # Normalizing the whole body costs: not when there is no quote to find in it.
    normalized = NormalizedText(joined if quotes else "")
    for n, key_text in enumerate(quotes):
        found = normalized.find(key_text)
        if found is None:
            missing.append(n)
            continue
        q_start, q_end = found
        first = True
        # the text tokens from the one the quote starts in to the one it ends in
        for k in range(max(bisect.bisect_right(starts, q_start) - 1, 0), len(starts)):
            s = starts[k]
            if s >= q_end:
                break
            t = 2 * k
            e = s + len(tokens[t])
            lo, hi = max(s, q_start), min(e, q_end)
            if lo < hi:
                ident = f' id="q-{n + 1}"' if first else ""
                first = False
                cuts.setdefault(t, []).append(
                    (lo - s, hi - s, f'<mark class="sb-quote"{ident}>', "</mark>")
                )

    # Every name in every text token, found in one scan of the body.
    candidates = matcher.candidates_in(texts) if matcher and links else None
    listed = set(links)
    stack: list[str] = []
    linked: set[int] = set()
    paragraphs = 0
    out: list[str] = []
    for t, token in enumerate(tokens):
        if t % 2:  # a tag
            m = _TAG_NAME.match(token)
            if m:
                closing, name = m.group(1), m.group(2).lower()
                if closing:
                    if name in stack:
                        while stack and stack.pop() != name:
                            pass
                elif not token.endswith("/>") and name not in ("br", "hr", "img"):
                    stack.append(name)
                if name == "p" and not closing:
                    paragraphs += 1
                    token = f'<p id="p-{paragraphs}">' if token == "<p>" else token
            out.append(token)
            continue
        pieces = list(cuts.get(t, []))
        if candidates and candidates[t // 2] and not any(s in _NO_LINKS for s in stack):
            allowed = {k for k in links if k not in linked}
            if allowed:
                # a surname alone names one of the listed, linked or not (text/mentions.py)
                for mention in select(candidates[t // 2], allowed, listed=listed):
                    key = id(mention.entity)
                    if key in linked or _crosses(mention.start, mention.end, pieces):
                        continue
                    linked.add(key)
                    href = html.escape(links[key], quote=True)
                    pieces.append(
                        (
                            mention.start,
                            mention.end,
                            f'<a class="sb-mention" href="{href}">',
                            "</a>",
                        )
                    )
        out.append(_apply(token, pieces) if pieces else token)
    return Enhanced("".join(out), paragraphs, missing)


def _crosses(start: int, end: int, pieces: list[tuple[int, int, str, str]]) -> bool:
    """True if [start, end) overlaps a piece without lying inside it."""
    for s, e, _, _ in pieces:
        if start < e and s < end and not (s <= start and end <= e):
            return True
    return False


def _apply(text: str, pieces: list[tuple[int, int, str, str]]) -> str:
    """Insert the open/close strings of pieces into text; inner pieces nest inside outer."""
    events: list[tuple[int, int, int, str]] = []
    for s, e, open_, close in pieces:
        # at one position: closes first (longest inner first), then opens (outer first)
        events.append((s, 1, -(e - s), open_))
        events.append((e, 0, e - s, close))
    events.sort(key=lambda ev: (ev[0], ev[1], ev[2]))
    out: list[str] = []
    pos = 0
    for at, _, _, inserted in events:
        out.append(text[pos:at])
        out.append(inserted)
        pos = at
    out.append(text[pos:])
    return "".join(out)


def link_targets(entities: list[Entity], href_of: Callable[[Entity], str]) -> dict[int, str]:
    return {id(e): href_of(e) for e in entities}
