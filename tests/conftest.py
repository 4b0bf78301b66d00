"""Fixtures: tiny archives written into tmp_path, and helpers to check them."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from site_builder import checks
from site_builder.core import archive as archive_mod
from site_builder.core.diagnostics import Diagnostic

Entries = dict[str, "str | dict"]


def md(front: dict | None = None, body: str | None = None) -> str:
    """A Markdown file with `front` as YAML front matter (every value quoted as needed).

    The body is `body`, or else the "body" item of `front` (as `article()` returns it).
    """
    front = dict(front or {})
    if body is None:
        body = front.pop("body", "")
    yaml_text = yaml.safe_dump(front or {}, allow_unicode=True, sort_keys=False, width=1000)
    if not front:
        yaml_text = ""
    return f"---\n{yaml_text}---\n\n{body}"


def _text(value: str | dict) -> str:
    return md(value) if isinstance(value, dict) else value


def line_of(text: str, start: str) -> int:
    """The 1-based number of the first line of `text` that starts with `start`."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


# The registry most tests start from; pass `people={}` etc. to replace a kind.
DEFAULT_OUTLETS: Entries = {"example-news": {"name": "Example News", "aliases": ["EN"]}}
DEFAULT_PEOPLE: Entries = {
    "artur-lastayev": {"name": "Artur Lastayev", "aliases": ["Lastaev", "Артур Ластаев"]},
    "usen-suleimen": {"name": "Usen Suleimen", "aliases": ["Usur Suleimen"]},
}
DEFAULT_ORGANIZATIONS: Entries = {
    "european-union": {"name": "European Union", "abbreviation": "EU"},
}
DEFAULT_TOPICS: Entries = {"torture": {"name": "Torture"}}


def article(body: str = "Some text.", **fields) -> dict:
    """An article's front matter and body with the required fields filled in."""
    front = {"title": "A title", "outlet": "Example News", "date": "2025-06-12", "language": "en"}
    front.update(fields)
    return {**front, "body": body}


def make_archive(
    root: Path,
    articles: Entries | None = None,
    people: Entries | None = None,
    organizations: Entries | None = None,
    outlets: Entries | None = None,
    topics: Entries | None = None,
    captures: dict[str, bytes | str] | None = None,
) -> Path:
    """Write `content/` and `archive/` into `root` and return `root`.

    Keys are ids (file stems); an article's folder is the year its id starts with (or 2025).
    Values are the whole file text, or a dict of front-matter fields with the body under
    "body". `captures` maps paths under archive/ to their content.
    """
    root = Path(root)
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    kinds = {
        "people": DEFAULT_PEOPLE if people is None else people,
        "organizations": DEFAULT_ORGANIZATIONS if organizations is None else organizations,
        "outlets": DEFAULT_OUTLETS if outlets is None else outlets,
        "topics": DEFAULT_TOPICS if topics is None else topics,
    }
    for folder, entries in kinds.items():
        (content / folder).mkdir(exist_ok=True)
        for entity_id, value in entries.items():
            (content / folder / f"{entity_id}.md").write_bytes(_text(value).encode("utf-8"))
    (content / "articles").mkdir(exist_ok=True)
    for article_id, value in (articles or {}).items():
        year = article_id[:4] if article_id[:4].isdigit() else "2025"
        folder = content / "articles" / year
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{article_id}.md").write_bytes(_text(value).encode("utf-8"))
    for rel, data in (captures or {}).items():
        path = root / "archive" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    (root / "archive").mkdir(exist_ok=True)
    return root


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def run_check(root: Path) -> list[Diagnostic]:
    """Every diagnostic of `site-builder check` on the archive at `root`, sorted."""
    arch = archive_mod.load(root)
    return sorted(set(checks.run_all(arch)), key=lambda d: (d.path, d.line, d.message))


def lines_of(diags: list[Diagnostic]) -> list[str]:
    return [d.format() for d in diags]


def only(diags: list[Diagnostic], text: str) -> list[Diagnostic]:
    """The diagnostics whose formatted line contains `text`."""
    return [d for d in diags if text in d.format()]


@pytest.fixture
def archive_dir(tmp_path: Path):
    """A function writing a tiny archive into tmp_path: `archive_dir(articles={...})`."""

    def make(**kwargs) -> Path:
        return make_archive(tmp_path, **kwargs)

    return make


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The repository's own archive built once (strict) for every test that reads it."""
    from sitebuild import build_shipped

    return build_shipped(tmp_path_factory.mktemp("shipped"))
