"""`site-builder new`: files scaffolded from the schema, never over an existing one."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from ..core.archive import Archive
from ..core.files import FileExists, write_new
from ..core.schema import PLURAL, SCHEMAS
from ..core.slugs import check_id, slugify


class ScaffoldError(Exception):
    pass


def _yaml_text(value: str) -> str:
    # JSON strings are valid YAML double-quoted scalars, with every character escaped but
    # three that YAML reads as line breaks (and the check refuses when they are raw).
    text = json.dumps(value, ensure_ascii=False)
    for ch in ("\u2028", "\u2029", "\x85"):
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text


def entity_text(kind: str, name: str, websites: Sequence[str] = ()) -> str:
    lines = ["---", f"name: {_yaml_text(name)}"]
    for f in SCHEMAS[kind]:
        if f.name in ("name", "former_ids"):
            continue
        if f.name == "website" and websites:
            shown = [_yaml_text(w) for w in websites]
            value = shown[0] if len(shown) == 1 else "[" + ", ".join(shown) + "]"
            lines.append(f"website: {value}")
            continue
        example = f.example if f.example is not None else ""
        lines.append(f"{f.name}: {example}".rstrip() + f"  # {f.doc}")
    # The hint is a YAML comment: an HTML comment in the body would fail the raw-HTML check.
    lines += [
        "# Optional: a short biography or description in Markdown below the '---'.",
        "---",
        "",
    ]
    return "\n".join(lines)


def article_text(title: str, values: dict[str, str]) -> str:
    lines = ["---", f"title: {_yaml_text(title)}"]
    for f in SCHEMAS["article"]:
        if f.name in ("title", "former_ids"):
            continue
        if f.name in values:
            lines.append(f"{f.name}: {_yaml_text(values[f.name])}")
        else:
            example = f.example if f.example is not None else ""
            lines.append(f"{f.name}: {example}".rstrip() + f"  # {f.doc}")
    lines += ["---", "", "Paste the article text here, one paragraph per block.", ""]
    return "\n".join(lines)


def _refuse_existing(archive: Archive, kind: str, entity_id: str, name: str) -> None:
    existing = archive.registry.get(kind, entity_id)
    if existing:
        raise ScaffoldError(
            f"the id '{entity_id}' is taken by {existing.path}; choose another with --id"
        )
    claimed = archive.registry.resolve(kind, name)
    if claimed:
        raise ScaffoldError(
            f"{name!r} is already a name or alias of {kind} '{claimed.id}' ({claimed.path})"
        )


def new_entity(
    archive: Archive,
    kind: str,
    name: str,
    entity_id: str | None = None,
    websites: Sequence[str] = (),
) -> Path:
    """A registry entry; `websites` fill its `website` (the addresses an outlet's pages have,
    by which the import recognizes them)."""
    for url in websites:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in url:
            raise ScaffoldError(f"--website: {url!r} is not an http(s) address; give the "
                                "full address, e.g. https://example.org")  # fmt: skip
    entity_id = check_id(entity_id) if entity_id else slugify(name)
    _refuse_existing(archive, kind, entity_id, name)
    path = archive.docs_dir / PLURAL[kind] / f"{entity_id}.md"
    try:
        write_new(path, entity_text(kind, name, websites))
    except FileExists as exc:
        raise ScaffoldError(str(exc)) from None
    return path


def new_article(
    archive: Archive,
    title: str,
    date: str,
    outlet: str | None = None,
    language: str | None = None,
    article_id: str | None = None,
) -> Path:
    from ..core.dates import DateError, PartialDate

    try:
        d = PartialDate.parse(date)
    except DateError as exc:
        raise ScaffoldError(f"--date: {exc}") from None
    values = {"date": d.iso()}
    outlet_part = ""
    if outlet:
        entity = archive.registry.resolve("outlet", outlet)
        values["outlet"] = entity.id if entity else outlet
        outlet_part = (entity.id if entity else slugify(outlet)) + "-"
    if language:
        values["language"] = language
    if article_id:
        article_id = check_id(article_id)
    else:
        article_id = slugify(f"{d.iso()[:7]}-{outlet_part}{slugify(title, 60)}")
    existing = archive.by_id.get(article_id)
    if existing:
        raise ScaffoldError(
            f"the id '{article_id}' is taken by {existing.path}; choose another with --id"
        )
    path = archive.docs_dir / "articles" / f"{d.year:04d}" / f"{article_id}.md"
    try:
        write_new(path, article_text(title, values))
    except FileExists as exc:
        raise ScaffoldError(str(exc)) from None
    return path
