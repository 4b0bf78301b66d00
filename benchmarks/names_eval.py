"""How well the archive finds people in Russian news texts: linking, the check, the import.

    python benchmarks/names_eval.py                 # the whole corpus
    python benchmarks/names_eval.py --limit 5 --out /tmp/names.md

The corpus is `tests/corpus/ru_names/texts.jsonl` (real news texts; see the README there):
each text with the people it names, their nominative full names and the spans of every
mention. For each text the script writes a tiny archive into a temporary folder, as a
contributor would: every person of the text registered under the nominative full name, and
articles with the text as their body. It then measures with the project's own code:

(a) linking: the article lists every person; the body is rendered (Python-Markdown, then the
    site's `sanitize` and `enhance`, with the matcher the site builds from the registry).
    Over (article, listed person) pairs, the share whose name links at least once on one of
    its mentions; and the links that land on no mention of the person they link to (wrong).
(b) the check: for each person, an article that lists all the others; the share of those
    removed people the check's "the body names person ... but the front matter does not
    list it" warning (`checks.articles.check_mentions`) reports, or names among the entries
    an ambiguous form may be (when the registry has two people with that form).
(c) the import: `ingest.importer.analyse` on the text as `site-builder import` reads a text
    file (`extract.from_text`); the share of the people it pre-fills (as people or speakers).

It prints the figures and writes them as Markdown (`--out`).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import markdown
import yaml

from site_builder.checks.articles import check_mentions
from site_builder.core import archive as archive_mod
from site_builder.core.diagnostics import Diagnostics
from site_builder.core.names import key
from site_builder.ingest.extract import from_text
from site_builder.ingest.importer import analyse
from site_builder.site.body import enhance, link_targets, sanitize
from site_builder.text.mentions import NameMatcher
from site_builder.text.plaintext import plain

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "ru_names" / "texts.jsonl"
_TOKENS = re.compile(r"(<[^>]*>)")
_MENTION_LINK = re.compile(r'<a class="sb-mention" href="([^"]*)">')
_WORD = re.compile(r"\w+")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def load_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def is_nominative(mention: str, name: str) -> bool:
    """True when every word of the mention is a word of the nominative full name as is
    ('Юрий Лужков', 'Лужков'); False for an inflected form ('Юрия Лужкова', 'Лужкову')."""
    words = set(_WORD.findall(name.casefold()))
    return all(w in words for w in _WORD.findall(mention.casefold()))


KINDS = (
    "the full name, inflected",
    "one word of the name (a surname alone), in the nominative",
    "one word of the name, inflected",
    "other: another script, spelling or name",
)


def mention_kind(mentions: list[str], name: str) -> str:
    """The closest form to the listed name among `mentions`, as one of `KINDS`."""
    words = [_WORD.findall(m) for m in mentions]
    cyrillic = [(m, w) for m, w in zip(mentions, words, strict=True) if _CYRILLIC.search(m)]
    if any(len(w) > 1 and not is_nominative(m, name) for m, w in cyrillic):
        return KINDS[0]
    if any(len(w) == 1 and is_nominative(m, name) for m, w in cyrillic):
        return KINDS[1]
    if any(len(w) == 1 for m, w in cyrillic):
        return KINDS[2]
    return KINDS[3]


@dataclass
class Figures:
    texts: int = 0
    pairs: int = 0  # (article, listed person)
    mentions: int = 0
    inflected: int = 0  # mentions not in the nominative
    other_script: int = 0  # mentions in Latin letters of a name the registry lists in Cyrillic
    as_listed: int = 0  # pairs with a mention written as the listed name, whole
    linked: int = 0  # pairs whose name links on one of its mentions
    links: int = 0
    wrong_links: int = 0
    warned: int = 0  # people removed from the front matter that the check reports
    wrong_warnings: int = 0  # people the check reports that the text does not name
    prefilled: int = 0  # people the import pre-fills
    wrong_prefills: int = 0  # people the import pre-fills that the text does not name
    registry: str = "text"
    seconds: float = 0.0
    unlinked: dict[str, int] = field(default_factory=dict)  # kind of mention -> pairs
    misses: dict[str, list[str]] = field(default_factory=dict)  # figure -> examples

    def miss(self, what: str, example: str) -> None:
        self.misses.setdefault(what, []).append(example)


def _body_markdown(text: str) -> tuple[str, list[str]]:
    """The text as a Markdown body (paragraphs escaped as the import escapes them) and its
    paragraphs."""
    from site_builder.ingest.extract import escape, escape_block

    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "\n\n".join(escape_block(escape(p)) for p in paragraphs) + "\n", paragraphs


def write_archive(
    root: Path, record: dict[str, Any], registry: list[str] | None = None
) -> dict[str, str]:
    """A tiny archive for one text: its people registered (or everyone in `registry`), the
    article that lists them all, and one article per person that lists all the others.
    Returns the text's people: person id -> name."""
    content = root / "content"
    names = registry or [p["name"] for p in record["people"]]
    registered = {f"person-{n}": name for n, name in enumerate(names, 1)}
    mine = {key(p["name"]) for p in record["people"]}
    ids = {i: name for i, name in registered.items() if key(name) in mine}
    entries: dict[str, dict[str, Any]] = {
        **{f"people/{i}": {"name": name} for i, name in registered.items()},
        "outlets/source": {"name": "Source", "languages": ["ru"]},
    }
    body, _ = _body_markdown(record["text"])
    front = {"title": "Text", "outlet": "Source", "date": "2016", "language": "ru"}
    entries["articles/2016/2016-all"] = {**front, "people": list(ids.values())}
    for i in ids:
        others = [name for j, name in ids.items() if j != i]
        entries[f"articles/2016/2016-without-{i}"] = {**front, "people": others}
    for rel, fm in entries.items():
        path = content / f"{rel}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(fm, allow_unicode=True, sort_keys=False, width=1000)
        path.write_text(f"---\n{text}---\n\n" + (body if rel.startswith("articles") else ""))
    for folder in ("organizations", "topics"):
        (content / folder).mkdir(exist_ok=True)
    (root / "archive").mkdir(exist_ok=True)
    return ids


def rendered_links(body_html: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The text of the enhanced body, and each mention link in it: start, end, href."""
    text: list[str] = []
    at = 0
    links: list[tuple[int, int, str]] = []
    open_href: str | None = None
    start = 0
    for n, token in enumerate(_TOKENS.split(body_html)):
        if n % 2:
            m = _MENTION_LINK.match(token)
            if m:
                open_href, start = html.unescape(m.group(1)), at
            elif token == "</a>" and open_href is not None:
                links.append((start, at, open_href))
                open_href = None
            elif token.startswith("</p") or token.startswith("<h"):
                text.append("\n")
                at += 1
            continue
        piece = html.unescape(token)
        text.append(piece)
        at += len(piece)
    return "".join(text), links


def _position_map(rendered: str, original: str) -> list[int | None]:
    """For each position of `rendered`, the position of the same character in `original`."""
    out: list[int | None] = [None] * (len(rendered) + 1)
    matcher = SequenceMatcher(None, rendered, original, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size + 1):
            out[a + k] = b + k
    return out


def _overlaps(span: tuple[int, int], spans: Iterable[list[int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def evaluate(
    records: list[dict[str, Any]], progress: bool = False, shared: bool = False
) -> Figures:
    """The figures over `records`; `shared`: every archive registers every person of the
    corpus, not only the text's own, so that a name can also be found where it is not."""
    figures = Figures(registry="corpus" if shared else "text")
    # One entry per spelling the registry tells apart ('Щеголёв' and 'Щёголев' are one).
    spellings = {key(p["name"]): p["name"] for r in records for p in r["people"]}
    everyone = sorted(spellings.values()) if shared else None
    started = time.perf_counter()
    for n, record in enumerate(records, 1):
        if progress:
            print(f"\r{n}/{len(records)} texts", end="", file=sys.stderr, flush=True)
        with tempfile.TemporaryDirectory(prefix="names-eval-") as tmp:
            root = Path(tmp)
            ids = write_archive(root, record, everyone)
            archive = archive_mod.load(root)
            if archive.diagnostics.errors:
                raise SystemExit(f"{record['id']}: {archive.diagnostics.errors[0].format()}")
            _measure(figures, record, ids, archive)
    figures.seconds = time.perf_counter() - started
    if progress:
        print(file=sys.stderr)
    return figures


def _measure(
    figures: Figures, record: dict[str, Any], ids: dict[str, str], archive: archive_mod.Archive
) -> None:
    text, people = record["text"], record["people"]
    gold = {key(p["name"]): p["mentions"] for p in people}
    figures.texts += 1
    figures.pairs += len(people)
    for p in people:
        forms = [text[s:e] for s, e in p["mentions"]]
        figures.as_listed += any(" ".join(f.split()) == p["name"] for f in forms)
        for form in forms:
            figures.mentions += 1
            if not _CYRILLIC.search(form):
                figures.other_script += 1
            else:
                figures.inflected += not is_nominative(form, p["name"])
    articles = {a.id: a for a in archive.articles}
    by_id = {e.id: e for e in archive.registry if e.kind == "person"}

    # (a) linking in the body, as the site does it (site/articles.py, ArticlePages.compose).
    full = articles["2016-all"]
    listed = [e for e in full.entities() if e.kind != "outlet"]
    targets = link_targets(listed, lambda e: e.id)
    body_html = sanitize(markdown.markdown(full.body))
    enhanced = enhance(body_html, NameMatcher(archive.registry), targets, []).html
    shown, links = rendered_links(enhanced)
    where = _position_map(shown, text)
    right: set[str] = set()
    for start, end, href in links:
        figures.links += 1
        s, e = where[start], where[end]
        name = by_id[href].name
        if s is not None and e is not None and _overlaps((s, e), gold.get(key(name), [])):
            right.add(key(name))
        else:
            figures.wrong_links += 1
            figures.miss("wrong link", f"{record['id']}: {shown[start:end]!r} -> {name}")
    figures.linked += len(right)
    for p in people:
        if key(p["name"]) not in right:
            first = text[slice(*p["mentions"][0])]
            figures.miss("not linked", f"{record['id']}: {p['name']} (as {first!r})")
            kind = mention_kind([text[s:e] for s, e in p["mentions"]], p["name"])
            figures.unlinked[kind] = figures.unlinked.get(kind, 0) + 1

    # (b) the check's unlisted-name warning, one person removed at a time.
    diags = Diagnostics()
    check_mentions(archive, {id(a): plain(a.body) for a in archive.articles}, diags)
    for pid, name in ids.items():
        path = articles[f"2016-without-{pid}"].path
        # named as unlisted, or among the entries an ambiguous form may name
        if any(
            d.path == path and (f"person '{name}'" in d.message or f"'{name}' (" in d.message)
            for d in diags
        ):
            figures.warned += 1
        else:
            figures.miss("not warned", f"{record['id']}: {name}")
    for d in diags:
        named = re.search(r"names person '(.*?)' \(as (.*?)\) but", d.message)
        if d.path == full.path and named:
            figures.wrong_warnings += 1
            figures.miss("warned, not annotated", f"{record['id']}: {named[1]} (as {named[2]})")

    # (c) the import's pre-fill of people, on the text as a text file.
    extracted = from_text(text)
    body = "\n\n".join(b.markdown for b in extracted.blocks) + "\n"
    analysis = analyse(archive, extracted.blocks, body, [])
    found = {key(e.name): e.name for e in analysis.people + analysis.speakers + analysis.authors}
    for p in people:
        if key(p["name"]) in found:
            figures.prefilled += 1
        else:
            figures.miss("not pre-filled", f"{record['id']}: {p['name']}")
    for name in sorted(n for k, n in found.items() if k not in gold):
        figures.wrong_prefills += 1
        figures.miss("pre-filled, not annotated", f"{record['id']}: {name}")


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "n/a"


def report(figures: Figures, command: str, examples: int = 5) -> str:
    f = figures
    registry = "every person of the corpus" if f.registry == "corpus" else "each text's people"
    lines = [
        "# Russian names: linking, the check and the import",
        "",
        f"`{command}`: {f.texts} texts, {f.pairs} (article, person) pairs, {f.mentions} "
        f"mentions, {f.inflected} ({_pct(f.inflected, f.mentions)}) of them not in the "
        f"nominative and {f.other_script} in Latin letters; in {f.as_listed} pairs "
        f"({_pct(f.as_listed, f.pairs)}) the text writes the person's full name as listed "
        f"at least once. Registry: {registry}; {f.seconds:.1f} s.",
        "",
        "| figure | value | target (issue 18) |",
        "| --- | --- | --- |",
        f"| (a) pairs whose person links in the body | {f.linked} / {f.pairs} = "
        f"{_pct(f.linked, f.pairs)} | ≥ 95% |",
        f"| (a) wrong links | {f.wrong_links} of {f.links} | 0 |",
        f"| (b) people removed from the front matter that the check reports | {f.warned} / "
        f"{f.pairs} = {_pct(f.warned, f.pairs)} | ≥ 95% |",
        f"| (b) warnings on the full article (people not annotated in the text) | "
        f"{f.wrong_warnings} | 0 |",
        f"| (c) people the import pre-fills | {f.prefilled} / {f.pairs} = "
        f"{_pct(f.prefilled, f.pairs)} | ≥ 90% |",
        f"| (c) people it pre-fills that are not annotated in the text | {f.wrong_prefills} | |",
    ]
    if f.unlinked:
        lines += [
            "",
            "The pairs not linked, by the closest form of the name the text uses:",
            "",
            "| form | pairs |",
            "| --- | --- |",
        ]
        lines += [f"| {kind} | {f.unlinked[kind]} |" for kind in KINDS if kind in f.unlinked]
    for what, items in f.misses.items():
        lines += ["", f"{what} ({len(items)}), the first {min(examples, len(items))}:", ""]
        lines += [f"- {item}" for item in items[:examples]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N texts")
    parser.add_argument("--out", type=Path, help="write the figures here as Markdown")
    parser.add_argument(
        "--registry",
        choices=("text", "corpus"),
        default="text",
        help="register each text's own people (default), or every person of the corpus",
    )
    args = parser.parse_args(argv)
    records = load_corpus(args.corpus)[: args.limit]
    figures = evaluate(records, progress=sys.stderr.isatty(), shared=args.registry == "corpus")
    command = "python benchmarks/names_eval.py" + (f" --limit {args.limit}" if args.limit else "")
    command += " --registry corpus" if args.registry == "corpus" else ""
    text = report(figures, command)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
