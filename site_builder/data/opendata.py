"""The archive as data: JSON and CSV dumps, their JSON Schema and a Frictionless Data Package.

One contract drives every file: the columns below are derived from the front-matter fields
declared in `schema.py` (their names, order and documentation), plus a few computed columns
(page URL, counts, date precision). The JSON files, the CSV files, `data/schema.json` and
`datapackage.json` are all written from the same column list, so they cannot drift apart.

Choices a data user may need to know:
- JSON files are arrays of records, one record per line, keys sorted; every column is present
  in every record (null, or an empty list, when the archive has no value).
- CSV files are plain UTF-8 without a byte-order mark, RFC 4180 (CRLF line ends, fields
  quoted when needed); lists are joined with "; ", a missing value is an empty cell. A value
  that itself contains "; " is ambiguous there: the JSON files are the exact form.
- Dates stay at the precision the source gives: "2025" is a year, not 1 January 2025.
- Page URLs are absolute when the site has a `site_url`; otherwise they are relative to the
  site's root (the folder that holds `data/` and `datapackage.json`).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from ..core.archive import Archive
from ..core.crosslinks import CrossIndex
from ..core.dates import PartialDate
from ..core.made import Made
from ..core.model import Article, Entity
from ..core.schema import ARTICLE, KINDS, REGISTRY, Field, Ref, Role

JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
DATA_PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
LIST_SEPARATOR = "; "
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
FILES = ("articles", "entities", "quotes")


def page_url(path: str, site_url: str | None) -> str:
    """The URL of the site page at site-relative `path` (e.g. `people/x/`, may hold #frag):
    absolute under `site_url` when there is one, else `path` itself, relative to the root."""
    if not site_url:
        return path
    return site_url.rstrip("/") + "/" + path.lstrip("/")


# -- the columns ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # a key of _KINDS
    doc: str
    required: bool = False  # never null


_STR = {"type": "string"}
_ID = {"type": "string", "pattern": ID_PATTERN}
_DATE = {"type": "string", "pattern": DATE_PATTERN}
_ROLE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["organization", "title", "from", "to"],
    "properties": {
        "organization": {"type": ["string", "null"], "pattern": ID_PATTERN},
        "title": {"type": ["string", "null"]},
        "from": {"type": ["string", "null"], "pattern": DATE_PATTERN},
        "to": {"type": ["string", "null"], "pattern": DATE_PATTERN},
    },
}


def _list(item_type: str, **constraints: Any) -> dict[str, Any]:
    field: dict[str, Any] = {"type": "list", "delimiter": LIST_SEPARATOR, "itemType": item_type}
    if constraints:
        field["constraints"] = constraints
    return field


def _pattern(pattern: str) -> dict[str, Any]:
    return {"type": "string", "constraints": {"pattern": pattern}}


# kind -> (JSON Schema of a value, Frictionless field properties, is it a list or mapping)
_KINDS: dict[str, tuple[dict[str, Any], dict[str, Any], bool]] = {
    "text": (_STR, {"type": "string"}, False),
    "texts": ({"type": "array", "items": _STR}, _list("string"), True),
    "kind": ({"type": "string", "enum": list(KINDS)}, {"type": "string", "constraints": {"enum": list(KINDS)}}, False),  # noqa: E501
    "id": (_ID, _pattern(ID_PATTERN), False),
    "ids": ({"type": "array", "items": _ID}, _list("string"), True),
    "date": (_DATE, _pattern(DATE_PATTERN), False),
    "precision": ({"type": "string", "enum": ["year", "month", "day"]}, {"type": "string", "constraints": {"enum": ["year", "month", "day"]}}, False),  # noqa: E501
    "full_date": ({"type": "string", "format": "date"}, {"type": "date"}, False),
    "url": ({"type": "string", "format": "uri"}, {"type": "string", "format": "uri"}, False),
    "page_url": ({"type": "string", "format": "uri-reference"}, {"type": "string"}, False),
    "language": ({"type": "string", "pattern": "^[a-z]{2}$"}, _pattern("^[a-z]{2}$"), False),
    "languages": ({"type": "array", "items": {"type": "string", "pattern": "^[a-z]{2}$"}}, _list("string"), True),  # noqa: E501
    "sha256": ({"type": "string", "pattern": "^[0-9a-f]{64}$"}, _pattern("^[0-9a-f]{64}$"), False),
    "path": ({"type": "string", "pattern": "^archive/"}, _pattern("^archive/.*"), False),
    "wikidata": ({"type": "string", "pattern": "^Q[1-9][0-9]*$"}, _pattern("^Q[1-9][0-9]*$"), False),  # noqa: E501
    "translations": ({"type": "object", "propertyNames": {"pattern": "^[a-z]{2}$"}, "additionalProperties": _ID}, {"type": "string"}, True),  # noqa: E501
    "roles": ({"type": "array", "items": _ROLE}, _list("string"), True),
    "integer": ({"type": "integer", "minimum": 0}, {"type": "integer", "constraints": {"minimum": 0}}, False),  # noqa: E501
    "anchor": ({"type": "string", "pattern": "^q-[1-9][0-9]*$"}, _pattern("^q-[1-9][0-9]*$"), False),  # noqa: E501
}  # fmt: skip

# The type of each front-matter field (schema.py) -> the kind of its column.
_KIND_OF_TYPE = {
    "text": "text",
    "texts": "texts",
    "ref": "id",
    "refs": "ids",
    "date": "date",
    "full_date": "full_date",
    "url": "url",
    "language": "language",
    "languages": "languages",
    "sha256": "sha256",
    "path": "path",
    "wikidata": "wikidata",
    "ids": "ids",
    "roles": "roles",
    "translations": "translations",
    "gender": "text",  # male or female
    "declension": "text",  # none
}
# Front-matter fields whose column is named otherwise: `url` is the page on this site here.
_ARTICLE_RENAME = {"url": "original_url"}
_ENTITY_RENAME = {"url": "home_url"}
_ARTICLE_SKIP = {"quotes"}  # in quotes.json, one record per quote

_REF_DOC = " Written as ids of registry entries (see entities.json)."
_LIST_DOC = " In CSV: joined with '; '."
_ROLES_DOC = (
    " In CSV: `title @ organization-id from/to` per role, joined with '; ' (`..` for an open end)."
)
_TRANSLATIONS_DOC = " In CSV: `language:article-id`, joined with '; '."


def _column(f: Field, rename: dict[str, str], suffix: str = "") -> Column:
    if f.type not in _KIND_OF_TYPE:  # a new type in schema.py: decide how the data shows it
        raise TypeError(f"the field type {f.type!r} of {f.name!r} has no open-data column kind")
    kind = _KIND_OF_TYPE[f.type]
    doc = f.doc + suffix
    if f.type in ("ref", "refs"):
        doc += _REF_DOC
    if kind == "roles":
        doc += _ROLES_DOC
    elif kind == "translations":
        doc += _TRANSLATIONS_DOC
    elif _KINDS[kind][2]:
        doc += _LIST_DOC
    return Column(rename.get(f.name, f.name), kind, doc, f.required)


def _article_columns() -> tuple[Column, ...]:
    out = [
        Column("id", "id", "The article's id: its file name, stable.", True),
        Column("url", "page_url", "The article's page on this site.", True),
    ]
    for f in ARTICLE:
        if f.name in _ARTICLE_SKIP:
            continue
        out.append(_column(f, _ARTICLE_RENAME))
        if f.name == "outlet":
            out.append(Column("outlet_name", "text", "The outlet's name."))
        elif f.name == "date":
            out.append(Column("date_precision", "precision", "What the date is known to."))
    return tuple(out)


def _registry_fields() -> dict[str, tuple[Field, list[str]]]:
    """Every front-matter field of any kind of registry entry, with the kinds that have it."""
    fields: dict[str, tuple[Field, list[str]]] = {}
    for kind in KINDS:
        for f in REGISTRY[kind]:
            fields.setdefault(f.name, (f, []))[1].append(kind)
    return fields


def _entity_columns() -> tuple[Column, ...]:
    out = [
        Column("kind", "kind", "person, organization, outlet or topic.", True),
        Column("id", "id", "The entry's id: its file name, stable within its kind.", True),
        Column("url", "page_url", "The entry's page on this site.", True),
    ]
    for f, kinds in _registry_fields().values():
        only = "" if len(kinds) == len(KINDS) else f" ({', '.join(kinds)} only)"
        out.append(_column(f, _ENTITY_RENAME, only))
    out += [
        Column("article_count", "integer", "Articles the entry appears in, in any role.", True),
        Column("quote_count", "integer", "Quotes of this person in the archive.", True),
        Column("first_appearance", "date", "Date of the earliest article it appears in."),
        Column("last_appearance", "date", "Date of the latest article it appears in."),
    ]
    return tuple(out)


_REGISTRY_FIELDS = _registry_fields()
ARTICLE_COLUMNS = _article_columns()
ENTITY_COLUMNS = _entity_columns()
QUOTE_COLUMNS = (
    Column("article", "id", "Id of the article the quote is from.", True),
    Column("anchor", "anchor", "`q-N`: the N-th quote of the article, the #fragment of its place on the page.", True),  # noqa: E501
    Column("speaker", "id", "Id of the person quoted.", True),
    Column("text", "text", "The words, verbatim as in the article's body.", True),
    Column("url", "page_url", "The quote's place on the article's page.", True),
    Column("date", "date", "The article's publication date, at its precision."),
    Column("date_precision", "precision", "What the date is known to."),
    Column("language", "language", "The article's language."),
)  # fmt: skip
COLUMNS = {"articles": ARTICLE_COLUMNS, "entities": ENTITY_COLUMNS, "quotes": QUOTE_COLUMNS}
_TITLES = {
    "articles": "Articles",
    "entities": "People, organizations, outlets and topics",
    "quotes": "Quotes",
}
_RECORD_TITLES = {"articles": "Article", "entities": "Registry entry", "quotes": "Quote"}
_SINGULAR = {"articles": "article", "entities": "entity", "quotes": "quote"}
_PRIMARY_KEYS = {"articles": ["id"], "entities": ["kind", "id"], "quotes": ["article", "anchor"]}


# -- the records ----------------------------------------------------------------------------


def _date(d: PartialDate | None) -> str | None:
    return d.iso() if d else None


def _precision(d: PartialDate | None) -> str | None:
    return d.precision if d else None


def article_record(
    archive: Archive, article: Article, site_url: str | None = None
) -> dict[str, Any]:
    """One article as a record of `ARTICLE_COLUMNS`."""
    rec: dict[str, Any] = {"id": article.id, "url": page_url(article.url, site_url)}
    for f in ARTICLE:
        if f.name in _ARTICLE_SKIP:
            continue
        name = _ARTICLE_RENAME.get(f.name, f.name)
        value = article.value(f.name)
        if f.type == "refs":
            rec[name] = [e.id for e in article.refs.get(f.name, [])]
        elif f.name == "outlet":
            rec[name] = article.outlet.id if article.outlet else None
            rec["outlet_name"] = article.outlet.name if article.outlet else None
        elif f.name == "date":
            rec[name] = _date(value)
            rec["date_precision"] = _precision(value)
        elif f.type == "translations":
            rec[name] = {
                lang: _article_id(archive, ref.text) for lang, ref in (value or {}).items()
            }
        else:
            rec[name] = _plain(f.type, value)
    return rec


def _article_id(archive: Archive, text: str) -> str:
    other = archive.by_id.get(text) or archive.former_ids.get(text)
    return other.id if other else text


def _plain(field_type: str, value: Any) -> Any:
    if field_type == "full_date":
        return value.isoformat() if value else None
    if field_type in ("texts", "ids", "languages"):
        return list(value or [])
    return value


def entity_record(
    archive: Archive, index: CrossIndex, entity: Entity, site_url: str | None = None
) -> dict[str, Any]:
    """One registry entry as a record of `ENTITY_COLUMNS`."""
    rec: dict[str, Any] = {
        "kind": entity.kind,
        "id": entity.id,
        "url": page_url(entity.url, site_url),
    }
    own = {f.name for f in REGISTRY[entity.kind]}
    for name, (f, _) in _REGISTRY_FIELDS.items():
        column = _ENTITY_RENAME.get(name, name)
        value = entity.value(name) if name in own else None
        if f.type == "roles":
            rec[column] = [_role(archive, r) for r in value or []]
        elif f.type == "ref":
            assert f.kind is not None, "the schema gives every reference field its kind"
            rec[column] = _entity_id(archive, f.kind, value)
        else:
            rec[column] = _plain(f.type, value)
    stats = index.of(entity)
    rec["article_count"] = len(stats.articles)
    rec["quote_count"] = len(stats.quotes)
    rec["first_appearance"] = _date(stats.first.date) if stats.first else None
    rec["last_appearance"] = _date(stats.last.date) if stats.last else None
    return rec


def _entity_id(archive: Archive, kind: str, ref: Ref | None) -> str | None:
    if ref is None:
        return None
    entity = archive.registry.resolve(kind, ref.text)
    return entity.id if entity else None


def _role(archive: Archive, role: Role) -> dict[str, Any]:
    return {
        "organization": _entity_id(archive, "organization", role.organization),
        "title": role.title,
        "from": _date(role.start),
        "to": _date(role.end),
    }


def quote_records(
    archive: Archive, article: Article, site_url: str | None = None
) -> list[dict[str, Any]]:
    """The article's quotes as records of `QUOTE_COLUMNS`, in the article's order."""
    out = []
    for i, q in enumerate(article.quotes):
        anchor = f"q-{i + 1}"  # the anchor the article page gives the quote (crosslinks)
        out.append(
            {
                "article": article.id,
                "anchor": anchor,
                "speaker": _entity_id(archive, "person", q.by),
                "text": q.text,
                "url": page_url(f"{article.url}#{anchor}", site_url),
                "date": _date(article.date),
                "date_precision": _precision(article.date),
                "language": article.language,
            }
        )
    return out


def records(
    archive: Archive, index: CrossIndex, site_url: str | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Every record of the three files, sorted: articles by id, entities by kind and id,
    quotes by article and position."""
    articles = sorted(archive.articles, key=lambda a: a.id)
    entities = sorted(archive.registry, key=lambda e: (KINDS.index(e.kind), e.id))
    return {
        "articles": [article_record(archive, a, site_url) for a in articles],
        "entities": [entity_record(archive, index, e, site_url) for e in entities],
        "quotes": [q for a in articles for q in quote_records(archive, a, site_url)],
    }


# -- the files ------------------------------------------------------------------------------


def dumps(
    archive: Archive,
    index: CrossIndex,
    site_url: str | None = None,
    *,
    title: str = "Media archive",
    lines: Lines | None = None,
) -> dict[str, bytes]:
    """Every open-data file of the site: relative path -> content (`lines`: the records
    already serialized, when the caller has them).

    `data/{articles,entities,quotes}.{json,csv}`, `data/schema.json` and `datapackage.json`.
    Byte for byte the same for the same archive: nothing depends on the time or the order in
    which files were read.
    """
    if lines is None:
        lines = Lines(archive, site_url)
    out: dict[str, bytes] = {}
    for name in FILES:
        if name == "entities":
            entities = sorted(archive.registry, key=lambda e: (KINDS.index(e.kind), e.id))
            recs = [entity_record(archive, index, e, site_url) for e in entities]
            out[f"data/{name}.json"] = json_array(recs)
            out[f"data/{name}.csv"] = csv_table(COLUMNS[name], recs)
            continue
        pairs = lines.articles if name == "articles" else lines.quotes
        json_file, csv_file = lines.files(name, [line for _, line in pairs])
        out[f"data/{name}.json"], out[f"data/{name}.csv"] = json_file, csv_file
    out["data/schema.json"] = _json(json_schema(site_url, title))
    out["datapackage.json"] = _json(data_package(site_url, title))
    return out


def _json(obj: Any) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def json_array(rows: list[dict[str, Any]]) -> bytes:
    """A JSON array with one record per line: compact, yet readable and diffable."""
    return json_lines([json_line(r) for r in rows])


def json_line(row: dict[str, Any]) -> bytes:
    """One record of a JSON array as `json_array` writes it (without the comma)."""
    return json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def json_lines(lines: list[bytes]) -> bytes:
    """The JSON array of records already serialized by `json_line`."""
    return b"[\n" + b",\n".join(lines) + (b"\n" if lines else b"") + b"]\n"


def csv_table(columns: tuple[Column, ...], rows: list[dict[str, Any]]) -> bytes:
    lines = CsvLines(columns)
    return lines.head + b"".join(lines.row(r) for r in rows)


class CsvLines:
    """A CSV file's lines one at a time (RFC 4180: CRLF line ends, fields quoted when
    needed), so that a row serialized once can go into several files."""

    def __init__(self, columns: tuple[Column, ...]) -> None:
        self.columns = columns
        self._buf = io.StringIO(newline="")
        self._writer = csv.writer(self._buf, lineterminator="\r\n")
        self.head = self._line([c.name for c in columns])

    def row(self, row: dict[str, Any]) -> bytes:
        return self._line([_cell(c.kind, row[c.name]) for c in self.columns])

    def _line(self, cells: list[str]) -> bytes:
        self._buf.seek(0)
        self._buf.truncate()
        self._writer.writerow(cells)
        return self._buf.getvalue().encode("utf-8")


@dataclass(frozen=True)
class Line:
    """One record serialized for both kinds of file."""

    json: bytes
    csv: bytes


class Lines:
    """Every article's and quote's record serialized once, in the dumps' order (articles by
    id, quotes by article and position): the archive-wide files and each entry's own are
    joined from the same lines."""

    def __init__(
        self, archive: Archive, site_url: str | None = None, made: Made | None = None
    ) -> None:
        """`made`: each article's lines as earlier builds made them (`mkdocs serve`)."""
        a_csv, q_csv = CsvLines(COLUMNS["articles"]), CsvLines(COLUMNS["quotes"])
        self.heads = {"articles": a_csv.head, "quotes": q_csv.head}
        self.articles: list[tuple[Article, Line]] = []
        self.quotes: list[tuple[str | None, Line]] = []  # the speaker's id, the quote
        for article in sorted(archive.articles, key=lambda a: a.id):
            key = made.key("lines", article.src_uri, (article,)) if made is not None else ""
            kept = made.get(key) if made is not None else None
            if kept is None:
                rec = article_record(archive, article, site_url)
                quotes = [
                    (q["speaker"], Line(json_line(q), q_csv.row(q)))
                    for q in quote_records(archive, article, site_url)
                ]
                kept = (Line(json_line(rec), a_csv.row(rec)), quotes)
                if made is not None:
                    made.put(key, kept)
            self.articles.append((article, kept[0]))
            self.quotes.extend(kept[1])

    def files(self, what: str, lines: list[Line]) -> tuple[bytes, bytes]:
        """The JSON and CSV files of `what` ("articles" or "quotes") holding `lines`."""
        return json_lines([x.json for x in lines]), self.heads[what] + b"".join(
            x.csv for x in lines
        )


def _cell(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "roles":
        return LIST_SEPARATOR.join(_role_cell(r) for r in value)
    if kind == "translations":
        return LIST_SEPARATOR.join(f"{lang}:{art}" for lang, art in sorted(value.items()))
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)


def _role_cell(role: dict[str, Any]) -> str:
    parts = [role["title"] or ""]
    if role["organization"]:
        parts.append(f"@ {role['organization']}")
    if role["from"] or role["to"]:
        parts.append(f"{role['from'] or '..'}/{role['to'] or '..'}")
    return " ".join(p for p in parts if p)


def _value_schema(col: Column) -> dict[str, Any]:
    base, _, container = _KINDS[col.kind]
    schema = dict(base)
    if not col.required and not container:
        schema["type"] = [base["type"], "null"]
    schema["description"] = col.doc
    return schema


def record_schema(name: str) -> dict[str, Any]:
    cols = COLUMNS[name]
    return {
        "type": "object",
        "title": _RECORD_TITLES[name],
        "additionalProperties": False,
        "required": [c.name for c in cols],
        "properties": {c.name: _value_schema(c) for c in cols},
    }


def json_schema(site_url: str | None = None, title: str = "Media archive") -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the three JSON files.

    Validate `data/articles.json` against `#/$defs/articles`, and so on; the root accepts any
    of the three files.
    """
    defs: dict[str, Any] = {}
    for name in FILES:
        singular = _SINGULAR[name]
        defs[singular] = record_schema(name)
        defs[name] = {
            "title": f"data/{name}.json",
            "type": "array",
            "items": {"$ref": f"#/$defs/{singular}"},
        }
    schema: dict[str, Any] = {
        "$schema": JSON_SCHEMA,
        "title": f"{title}: open data",
        "description": "The records of data/articles.json, data/entities.json and "
        "data/quotes.json; validate each file against $defs/articles, $defs/entities or "
        "$defs/quotes.",
        "anyOf": [{"$ref": f"#/$defs/{name}"} for name in FILES],
        "$defs": defs,
    }
    if site_url:
        schema["$id"] = page_url("data/schema.json", site_url)
    return schema


def _field(col: Column) -> dict[str, Any]:
    field = {"name": col.name, "description": col.doc, **_KINDS[col.kind][1]}
    if col.required:
        field["constraints"] = {**field.get("constraints", {}), "required": True}
    return field


def data_package(site_url: str | None = None, title: str = "Media archive") -> dict[str, Any]:
    """A Frictionless Data Package (v2) describing the CSV files."""
    resources = []
    for name in FILES:
        table: dict[str, Any] = {
            "fields": [_field(c) for c in COLUMNS[name]],
            "primaryKey": _PRIMARY_KEYS[name],
            "missingValues": [""],
        }
        if name == "quotes":
            table["foreignKeys"] = [
                {"fields": ["article"], "reference": {"resource": "articles", "fields": ["id"]}}
            ]
        resources.append(
            {
                "name": name,
                "title": _TITLES[name],
                "path": f"data/{name}.csv",
                "type": "table",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {
                    "header": True,
                    "delimiter": ",",
                    "lineTerminator": "\r\n",
                    "quoteChar": '"',
                    "doubleQuote": True,
                },
                "schema": table,
            }
        )
    package: dict[str, Any] = {
        "$schema": DATA_PACKAGE_PROFILE,
        "name": "media-archive",
        "title": title,
        "description": "Articles, registry entries (people, organizations, outlets, topics) "
        "and verbatim quotes of the archive. The same records as JSON: data/*.json, "
        "described by data/schema.json.",
        "resources": resources,
    }
    if site_url:
        package["homepage"] = page_url("", site_url)
    return package
