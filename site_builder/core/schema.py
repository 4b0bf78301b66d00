"""The data contract: every front-matter field of articles and registry entries, in one place.

`site-builder check`, the MkDocs build, `site-builder new` and the contributor guide
(`site-builder schema`) all read these declarations; nothing else decides what a field is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

import pycountry
from rapidfuzz import fuzz, process

from .dates import DateError, PartialDate, parse_full
from .diagnostics import Diagnostics
from .frontmatter import FrontMatter, Path, Yaml, field_name
from .slugs import SlugError, check_id

KINDS = ("person", "organization", "outlet", "topic")
PLURAL = {
    "person": "people",
    "organization": "organizations",
    "outlet": "outlets",
    "topic": "topics",
}
KIND_OF_FOLDER = {v: k for k, v in PLURAL.items()}


@dataclass(frozen=True)
class Ref:
    """A reference to a registry entry as written: id, name or alias, and its line."""

    text: str
    line: int
    field: str  # e.g. "speakers[1]"


@dataclass(frozen=True)
class Quote:
    by: Ref
    text: str
    line: int
    field: str


@dataclass(frozen=True)
class Role:
    organization: Ref | None
    title: str | None
    start: PartialDate | None
    end: PartialDate | None
    line: int


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # one of the keys of _CONVERTERS
    doc: str
    required: bool = False
    kind: str | None = None  # for references: person, organization, outlet, topic
    example: str | None = None  # YAML written by `site-builder new`


ARTICLE = (
    Field("title", "text", "Headline as published. In square brackets when supplied by the curator.", True, example='""'),  # noqa: E501
    Field("outlet", "ref", "Outlet id, name or alias.", True, kind="outlet"),
    Field("date", "date", "Publication date: YYYY-MM-DD, YYYY-MM or YYYY; never more precise than the source.", True),  # noqa: E501
    Field("url", "url", "Original URL (http or https)."),
    Field("language", "language", "ISO 639-1 code of the text: en, ru, kk, ...", True, example='"en"'),  # noqa: E501
    Field("authors", "refs", "People who wrote the article.", kind="person", example="[]"),
    Field("speakers", "refs", "People quoted in the article.", kind="person", example="[]"),
    Field("people", "refs", "Other people the article names.", kind="person", example="[]"),
    Field("organizations", "refs", "Organizations the article names.", kind="organization", example="[]"),  # noqa: E501
    Field("topics", "refs", "Topics of the article.", kind="topic", example="[]"),
    Field("quotes", "quotes", "Verbatim quotes: a list of {by: speaker, text: \"...\"}; each text occurs in the body.", example="[]"),  # noqa: E501
    Field("summary", "text", "A short abstract shown in lists and feeds."),
    Field("capture", "path", "The original capture under archive/, byte for byte as obtained."),
    Field("sha256", "sha256", "SHA-256 of the capture file."),
    Field("retrieved", "full_date", "When the capture was obtained (YYYY-MM-DD)."),
    Field("archived_url", "url", "A copy in a web archive."),
    Field("translations", "translations", "Other language versions: {language: article-id}."),
    Field("notes", "text", "Curator's notes: what is uncertain, what was corrected."),
    Field("former_ids", "ids", "Ids this article had before, so that old URLs keep working."),
)  # fmt: skip

_COMMON = (
    Field("name", "text", "The name to show, in its most usual spelling.", True),
    Field(
        "aliases", "texts", "Other spellings, other scripts, typos seen in the press.", example="[]"
    ),
    Field("description", "text", "One line that says who or what this is."),
    Field("wikidata", "wikidata", "Wikidata item id, e.g. Q42."),
    Field("website", "url", "Official website."),
    Field("former_ids", "ids", "Ids this entry had before, so that old URLs keep working."),
)
# How a name changes with its grammatical case (text/forms.py), where the rules would guess
# wrong: a person's `gender` (from the given name, patronymic or surname otherwise), and
# `declension: none` for a name that never changes (a foreign surname in -о, -их/-ых).
_DECLENSION = Field(
    "declension",
    "declension",
    "none: the name never changes with its grammatical case (Russian, Kazakh): a foreign "
    "surname in -o, -ikh/-ykh, an organization's name that stays as written.",
)
REGISTRY = {
    "person": _COMMON
    + (
        Field(
            "roles",
            "roles",
            "Positions held: a list of {organization, title, from, to}.",
            example="[]",
        ),
        Field(
            "gender",
            "gender",
            "male or female: how the name declines in Russian, when the given name, "
            "patronymic or surname does not tell (Бакыт Сулеймен).",
        ),
        _DECLENSION,
    ),
    "organization": _COMMON
    + (
        Field("abbreviation", "text", "Short form, e.g. KIBHR."),
        _DECLENSION,
        Field("type", "text", "NGO, government body, company, international organization, ..."),
        Field("country", "text", "Country, as an ISO 3166 code or name."),
        Field("parent", "ref", "The organization this one belongs to.", kind="organization"),
    ),
    # An outlet's `website` may list several addresses (its other domains and mirrors): the
    # import recognizes the outlet of a page by the host of the page's address.
    "outlet": tuple(f for f in _COMMON if f.name != "website")
    + (
        Field(
            "website",
            "urls",
            "Its website: an address, or a list (other domains; a path for a section of a "
            "shared site, https://www.bbc.com/zhongwen). The import finds a page's outlet by it.",
            example="[]",
        ),
        Field("url", "url", "Home page of the outlet."),
        Field("country", "text", "Country, as an ISO 3166 code or name."),
        Field("languages", "languages", "ISO 639-1 codes it publishes in.", example="[]"),
    ),
    "topic": _COMMON,
}
# Hand-written pages (index.md, about.md, ...): what the theme may show of their front
# matter. Anything else would reach the theme unchecked (Material writes `author` into <head>,
# and `template` chooses a template), so it is an unknown field like anywhere else.
HIDE = ("navigation", "toc", "footer", "path", "feedback", "tags")
PAGE = (
    Field("title", "text", "The page's title, in the browser tab and the header; by default its first heading."),  # noqa: E501
    Field("description", "text", "One or two sentences for search engines and link previews."),
    Field("hide", "hide", f"Parts of the page to hide: {', '.join(HIDE)}.", example="[]"),
)  # fmt: skip
SCHEMAS = {"article": ARTICLE, **REGISTRY, "page": PAGE}
REF_FIELDS = tuple(f.name for f in ARTICLE if f.type == "refs")

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
# A quote has nothing else: a key that no page shows would be kept and lost in silence.
_QUOTE_KEYS = ("by", "text")
_QUOTE_HINT = "; a quote has only 'by' and 'text' (a curator's note belongs in 'notes')"
_ROLE_KEYS = ("organization", "title", "from", "to")


def language_name(code: str) -> str | None:
    lang = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    return lang.name if lang else None


class _Ctx:
    def __init__(self, fm: FrontMatter, diags: Diagnostics):
        self.fm, self.diags = fm, diags

    def error(self, path: Path, message: str) -> None:
        self.diags.error(self.fm.path, self.fm.line(*path), field_name(path), message)

    def warning(self, path: Path, message: str) -> None:
        self.diags.warning(self.fm.path, self.fm.line(*path), field_name(path), message)


def _text(ctx: _Ctx, path: Path, value: Yaml, what: str = "text") -> str | None:
    if isinstance(value, str):
        if not value.strip():
            ctx.error(path, f"is empty; write the {what} or remove the line")
            return None
        return value.strip()
    if value is None:
        return None
    shape = "a list" if isinstance(value, list) else "a set of 'key: value' lines"
    ctx.error(path, f"must be {what} on one line, not {shape}")
    return None


def _list(ctx: _Ctx, path: Path, value: Yaml, example: str) -> list[Yaml]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    ctx.error(
        path,
        f"must be a list, e.g. `{path[-1]}: [{example}]` or one '- item' per line; "
        f"found {_shape(value)}",
    )
    return []


def _shape(value: Yaml) -> str:
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    return "a set of 'key: value' lines" if isinstance(value, dict) else "nothing"


def _items(ctx: _Ctx, path: Path, value: Yaml, example: str) -> Iterator[tuple[int, Yaml]]:
    """(index, item) of a list field; an empty item ('- ' alone, or '- #x') is an error,
    not something to skip in silence."""
    for i, item in enumerate(_list(ctx, path, value, example)):
        if item is None:
            ctx.error(
                path + (i,),
                "is an empty item; write it out or remove its line (a '#' starts a YAML "
                "comment: put a value that begins with '#' in double quotes)",
            )
            continue
        yield i, item


def _conv_text(ctx: _Ctx, path: Path, value: Yaml, field: Field) -> str | None:
    return _text(ctx, path, value)


def _conv_texts(ctx: _Ctx, path: Path, value: Yaml, field: Field) -> list[str]:
    out = []
    for i, item in _items(ctx, path, value, "Other Spelling"):
        text = _text(ctx, path + (i,), item)
        if text:
            out.append(text)
    return out


def _conv_ref(ctx: _Ctx, path: Path, value: Yaml, field: Field) -> Ref | None:
    text = _text(ctx, path, value, f"{field.kind} id or name")
    return Ref(text, ctx.fm.line(*path), field_name(path)) if text else None


def _conv_refs(ctx: _Ctx, path: Path, value: Yaml, field: Field) -> list[Ref]:
    out = []
    for i, item in _items(ctx, path, value, f"{field.kind} name"):
        ref = _conv_ref(ctx, path + (i,), item, field)
        if ref:
            out.append(ref)
    return out


def _conv_date(ctx: _Ctx, path: Path, value: Yaml, field: Field) -> PartialDate | None:
    text = _text(ctx, path, value, "date")
    if text is None:
        return None
    try:
        return PartialDate.parse(text)
    except DateError as exc:
        ctx.error(path, str(exc))
        return None


def _conv_full_date(ctx: _Ctx, path: Path, value: Yaml, field: Field) -> dt.date | None:
    text = _text(ctx, path, value, "date")
    if text is None:
        return None
    try:
        return parse_full(text)
    except DateError as exc:
        ctx.error(path, str(exc))
        return None


def _conv_url(ctx: _Ctx, path: Path, value: Yaml, field: Field) -> str | None:
    text = _text(ctx, path, value, "URL")
    if text is None:
        return None
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        ctx.error(path, f"{text!r} is not an http(s) URL; write the full address, https://...")
        return None
    if any(c.isspace() for c in text):
        ctx.error(path, "a URL cannot contain spaces; encode them as %20")
        return None
    return text


def _conv_urls(ctx: _Ctx, path: Path, value: Yaml, field: Field) -> list[str]:
    """One address, or a list of them."""
    if isinstance(value, str):
        one = _conv_url(ctx, path, value, field)
        return [one] if one else []
    out = []
    for i, item in _items(ctx, path, value, "https://example.org"):
        url = _conv_url(ctx, (*path, i), item, field)
        if url:
            out.append(url)
    return out


def _conv_language(ctx: _Ctx, path: Path, value: Yaml, field: Field) -> str | None:
    text = _text(ctx, path, value, "language code")
    if text is None:
        return None
    if language_name(text) is None:
        hint = " (did you mean 'kk'?)" if text.lower() in ("kz", "kaz") else ""
        ctx.error(path, f"{text!r} is not an ISO 639-1 language code{hint}; use en, ru, kk, ...")
        return None
    return text


def _conv_languages(ctx: _Ctx, path: Path, value: Yaml, field: Field) -> list[str]:
    out = []
    for i, item in _items(ctx, path, value, "en, ru"):
        code = _conv_language(ctx, path + (i,), item, field)
        if code:
            out.append(code)
    return out


def _conv_sha256(ctx: _Ctx, path: Path, value: Yaml, field: Field) -> str | None:
    text = _text(ctx, path, value, "checksum")
    if text and not _SHA256.match(text):
        ctx.error(path, "must be 64 lowercase hexadecimal digits (the SHA-256 of the capture)")
        return None
    return text


def _conv_path(ctx: _Ctx, path: Path, value: Yaml, field: Field) -> str | None:
    text = _text(ctx, path, value, "path")
    if text is None:
        return None
    parts = text.replace("\\", "/").split("/")
    if text.startswith(("/", "\\")) or ".." in parts or not text.startswith("archive/"):
        ctx.error(path, f"{text!r} must be a relative path under archive/, without '..'")
        return None
    # The path becomes a URL (the Capture link): a folder named '%2e%2e' is '..' there.
    dots = [p for p in parts if _fully_unquoted(p) in ("", ".", "..")]
    if dots:
        ctx.error(
            path,
            f"{text!r} has a segment ({dots[0]!r}) that is empty or, once percent-decoded, "
            "'.' or '..'; a capture's path names folders and a file: rename them",
        )
        return None
    return text


def _fully_unquoted(segment: str) -> str:
    for _ in range(4):  # '%252e' is '%2e' once decoded, '.' twice
        decoded = unquote(segment)
        if decoded == segment:
            break
        segment = decoded
    return segment


def _conv_wikidata(ctx: _Ctx, path: Path, value: Yaml, field: Field) -> str | None:
    text = _text(ctx, path, value, "Wikidata id")
    if text and not _WIKIDATA.match(text):
        ctx.error(path, f"{text!r} is not a Wikidata item id; write it as Q followed by digits")
        return None
    return text


def _conv_ids(ctx: _Ctx, path: Path, value: Yaml, field: Field) -> list[str]:
    out = []
    for i, item in _items(ctx, path, value, "old-id"):
        text = _text(ctx, path + (i,), item, "id")
        if text:
            try:
                out.append(check_id(text))
            except SlugError as exc:
                ctx.error(path + (i,), str(exc))
    return out


def _conv_hide(ctx: _Ctx, path: Path, value: Yaml, field: Field) -> list[str]:
    out = []
    for i, item in _items(ctx, path, value, "toc"):
        text = _text(ctx, path + (i,), item, "part of the page")
        if text and text not in HIDE:
            ctx.error(
                path + (i,),
                f"'{text}' is not a part of the page that can be hidden"
                f"{_did_you_mean(text, HIDE)}; use {', '.join(HIDE)}",
            )
        elif text:
            out.append(text)
    return out


def _mapping_items(
    ctx: _Ctx, path: Path, value: Yaml, keys: tuple[str, ...], what: str, hint: str = ""
) -> Iterator[tuple[int, Path, dict[str, Yaml]]]:
    for i, item in _items(ctx, path, value, "{" + what + "}"):
        p = path + (i,)
        if not isinstance(item, dict):
            ctx.error(p, f"each item must be a mapping like {{{what}}}; found {_shape(item)}")
            continue
        for key in item:
            if key not in keys:
                ctx.error(p + (key,), f"unknown key '{key}'{_did_you_mean(key, keys)}{hint}")
        yield i, p, item


def _conv_quotes(ctx: _Ctx, path: Path, value: Yaml, field: Field) -> list[Quote]:
    out = []
    for _, p, item in _mapping_items(
        ctx, path, value, _QUOTE_KEYS, 'by: Name, text: "..."', _QUOTE_HINT
    ):
        by = _conv_ref(ctx, p + ("by",), item.get("by"), Field("by", "ref", "", kind="person"))
        text = _text(ctx, p + ("text",), item.get("text"))
        # absent, or empty (`text:` alone, `text: #...`); `text: ""` is reported by _text
        if item.get("by") is None:
            ctx.error(_key_path(p, item, "by"), "a quote needs 'by': the person quoted")
        if item.get("text") is None:
            ctx.error(
                _key_path(p, item, "text"),
                "a quote needs 'text': the words as they appear in the body",
            )
        if by and text:
            out.append(Quote(by, text, ctx.fm.line(*p + ("text",)), field_name(p)))
    return out


def _key_path(path: Path, item: dict[str, Yaml], key: str) -> Path:
    return path + (key,) if key in item else path


def _conv_roles(ctx: _Ctx, path: Path, value: Yaml, field: Field) -> list[Role]:
    out = []
    for _, p, item in _mapping_items(ctx, path, value, _ROLE_KEYS, "organization: ..., title: ..."):
        org = _conv_ref(
            ctx,
            p + ("organization",),
            item.get("organization"),
            Field("o", "ref", "", kind="organization"),
        )
        title = _text(ctx, p + ("title",), item.get("title"))
        start = _conv_date(ctx, p + ("from",), item.get("from"), field)
        end = _conv_date(ctx, p + ("to",), item.get("to"), field)
        if org is None and title is None:
            ctx.error(p, "a role needs an 'organization' or a 'title'")
            continue
        out.append(Role(org, title, start, end, ctx.fm.line(*p)))
    return out


def _conv_translations(ctx: _Ctx, path: Path, value: Yaml, field: Field) -> dict[str, Ref]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        ctx.error(
            path,
            "must be a mapping of language to article id, e.g. `ru: 2025-...`; "
            f"found {_shape(value)}",
        )
        return {}
    out = {}
    for lang, art in value.items():
        p = path + (lang,)
        code = _conv_language(ctx, p, lang, field)
        text = _text(ctx, p, art, "article id")
        if code and text:
            out[code] = Ref(text, ctx.fm.line(*p), field_name(p))
    return out


_CHOICES = {"gender": ("male", "female"), "declension": ("none",)}


def _conv_choice(ctx: _Ctx, path: Path, value: Yaml, field: Field) -> str | None:
    """One of a few words (`_CHOICES`), in lowercase."""
    text = _text(ctx, path, value, field.name)
    if text is None:
        return None
    choices = _CHOICES[field.type]
    if text.lower() not in choices:
        ctx.error(
            path,
            f"{text!r} is not a {field.name}; write {' or '.join(choices)}, or remove the line",
        )
        return None
    return text.lower()


# Each takes (context, path of the field, its value as written, its declaration) and returns
# the typed value that the model's attribute of that field holds, or None where it is invalid.
_CONVERTERS: dict[str, Callable[[_Ctx, Path, Yaml, Field], object]] = {
    "text": _conv_text,
    "texts": _conv_texts,
    "ref": _conv_ref,
    "refs": _conv_refs,
    "date": _conv_date,
    "full_date": _conv_full_date,
    "url": _conv_url,
    "urls": _conv_urls,
    "language": _conv_language,
    "languages": _conv_languages,
    "sha256": _conv_sha256,
    "path": _conv_path,
    "wikidata": _conv_wikidata,
    "ids": _conv_ids,
    "quotes": _conv_quotes,
    "roles": _conv_roles,
    "translations": _conv_translations,
    "hide": _conv_hide,
    "gender": _conv_choice,
    "declension": _conv_choice,
}


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    best = process.extractOne(word, list(choices), scorer=fuzz.ratio, score_cutoff=60)
    return f" (did you mean '{best[0]}'?)" if best else ""


def validate(fm: FrontMatter, kind: str, diags: Diagnostics) -> dict[str, Any]:
    """Check `fm` against the schema of `kind` and return typed values (None where invalid)."""
    fields = SCHEMAS[kind]
    names = [f.name for f in fields]
    ctx = _Ctx(fm, diags)
    for key in fm.data:
        if key not in names:
            ctx.error(
                (key,),
                f"unknown field '{key}'{_did_you_mean(key, names)}; "
                f"the fields of {'an' if kind[0] in 'aeiou' else 'a'} {kind} are: {', '.join(names)}",  # noqa: E501
            )
    # Each value is of the type its converter returns; the model's attributes take them by
    # name (`Article.of`), so one mapping serves every kind.
    out: dict[str, Any] = {}
    for f in fields:
        raw = fm.data.get(f.name)
        if f.required and isinstance(raw, str) and not raw.strip():
            raw = None  # `title: ""` is as empty as `title:`; never advise removing the line
        if raw is None and f.required:
            if f.name in fm.data:
                ctx.error((f.name,), f"'{f.name}' is required and is empty: {f.doc}")
            else:
                diags.error(fm.path, 1, f.name, f"missing required field '{f.name}': {f.doc}")
        out[f.name] = _CONVERTERS[f.type](ctx, (f.name,), raw, f)
    return out


def markdown_table(kind: str) -> str:
    """The fields of `kind` as a Markdown table, for the contributor guide."""
    rows = ["| field | required | meaning |", "| --- | --- | --- |"]
    for f in SCHEMAS[kind]:
        rows.append(f"| `{f.name}` | {'yes' if f.required else ''} | {f.doc} |")
    return "\n".join(rows)
