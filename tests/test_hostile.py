"""Hostile and broken input (issue 8): nothing gets through, nothing crashes, nothing is lost.

Three families, each case with its expected outcome:

- CHECK_CASES: YAML and schema traps, raw HTML and unsafe links in bodies, Unicode and
  paths. All of them sit in ONE archive and are reported by ONE run of the check, each as an
  error or a warning at its line (or, for the values YAML likes to reinterpret, kept as the
  text the contributor wrote).
- SURFACES, ATTRIBUTES, BODY_PAYLOADS: every field and body payload in one real MkDocs
  build (Material, with attr_list and md_in_html enabled, as a site might): each value comes
  out as the text written wherever it lands (text, attributes, <title>, <meta>, JSON-LD,
  feeds, data dumps, citations, the search index); no content script, handler,
  `javascript:` URL or theme id gets through; every `<script>` of every page is what a clean
  build of the same archive has.
- NEW_CASES: `site-builder new` refuses ids that could leave their folder; a former id that
  tries to fails the build, and no build writes outside its site folder.

tests/test_hostile_property.py feeds generated input to the same check and build.
"""

from __future__ import annotations

import csv
import html
import json
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from conftest import article, line_of, make_archive, md, run_check
from mkdocs.exceptions import Abort, PluginError
from sitebuild import build_site
from test_search_index import fragments

from site_builder.cli import main
from site_builder.core import archive as archive_mod
from site_builder.search import documents
from site_builder.site.site import Site, SiteOptions

# --- the check: one archive, one run ---------------------------------------------------------

REQUIRED = {"title": "A title", "outlet": "Example News", "date": "2025-06-12", "language": "en"}
NFC_NAME = "Ásel Nurlanova"
NFD_NAME = unicodedata.normalize("NFD", NFC_NAME)
PEOPLE = {
    "artur-lastayev": {"name": "Artur Lastayev", "aliases": ["Lastaev"]},
    "usen-suleimen": {"name": "Usen Suleimen"},
    "asel-nurlanova": {"name": NFC_NAME},
}


def fm(*lines: str, body: str = "Some text.", omit: tuple[str, ...] = ()) -> str:
    """An article file: the required fields not set by `lines`, then `lines`, then `body`."""
    given = {line.split(":", 1)[0] for line in lines}
    front = [f"{k}: {v}" for k, v in REQUIRED.items() if k not in given and k not in omit]
    return "---\n" + "\n".join([*front, *lines]) + "\n---\n\n" + body + "\n"


def body(text: str) -> str:
    return fm(body=f"First paragraph.\n\n{text}\n\nLast paragraph.")


@dataclass(frozen=True)
class Case:
    id: str
    text: str | bytes | None  # the file; None when `setup` makes it
    severity: str | None  # "error", "warning", or None: no problem at all
    message: str = ""  # what the message must say
    marker: str | None = None  # the diagnostic is on the first line starting with this
    line: int | None = None  # ... or on this line (0: the whole file)
    path: str | None = None  # where the file goes (default: an article named after the id)
    value: tuple[str, object] | None = None  # (field, value) the loaded article must hold
    setup: Callable[[Path], None] | None = None

    @property
    def where(self) -> str:
        return self.path or f"content/articles/2025/2025-{self.id}.md"

    def expected_line(self) -> int:
        if self.line is not None:
            return self.line
        text = self.text.decode() if isinstance(self.text, bytes) else self.text
        return line_of(text, self.marker)


def _symlink(target: str, link: str, folder: bool = False) -> Callable[[Path], None]:
    """A link at `link` to a file `target` outside content/ (or to its folder)."""

    def setup(root: Path) -> None:
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        (root / target).write_text(md(article("A secret held outside the archive.")))
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink((root / target).parent if folder else root / target, root / link)

    return setup


def _folder(path: str) -> Callable[[Path], None]:
    return lambda root: (root / path).mkdir(parents=True)


def _file(path: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        (root / path).parent.mkdir(parents=True)
        (root / path).write_text(md(article("Text.")), encoding="utf-8")

    return setup


BILLION_LAUGHS = [
    'notes: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    "summary: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
    "people: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
    "topics: [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
]
PWNED = "hostile-pwned-marker"

CHECK_CASES = [
    # YAML: what PyYAML would construct, share or reinterpret
    Case("duplicate-key", fm("title: First", "title: Second"), "error",
         "duplicate key 'title': it is already set on line 5", "title: Second"),
    Case("anchor", fm("title: &t Hello", "summary: s"), "error", "YAML anchor '&t'", "title:"),
    Case("alias", fm("notes: &n x", "summary: *n"), "error", "YAML alias '*n'", "summary:"),
    Case("alias-bomb", fm(*BILLION_LAUGHS), "error", "YAML alias '*c'", "topics:"),
    Case("python-object", fm(f'title: !!python/object/apply:os.system ["touch {PWNED}"]'),
         "error", "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'", "title:"),
    Case("binary-tag", fm("summary: !!binary aGVsbG8="), "error", "YAML tag", "summary:"),
    Case("local-tag", fm("summary: !include /etc/passwd"), "error", "YAML tag '!include'",
         "summary:"),
    Case("norway-no", fm("title: no"), None, value=("title", "no")),
    Case("norway-on", fm("summary: on"), None, value=("summary", "on")),
    Case("octal-010", fm("title: 010"), None, value=("title", "010")),
    Case("sexagesimal", fm("title: 1:20"), None, value=("title", "1:20")),
    Case("float-ish", fm("title: 1e3", "notes: .inf"), None, value=("title", "1e3")),
    Case("impossible-date", fm("date: 2025-02-30"), "error", "'2025-02-30' is not a real date",
         "date:"),
    Case("impossible-month", fm("retrieved: 2025-13-01"), "error", "is not a real date",
         "retrieved:"),
    Case("date-as-number", fm("date: 20250612"), "error", "is not a date", "date:"),
    Case("colon-space", fm("title: Breaking: news"), "error",
         "a ': ' inside an unquoted value; put the whole value in double quotes", "title:"),
    Case("hash-truncates", fm("title: NGOs are #1 # in funding"), "warning",
         "is a YAML comment and is not part of the value", "title:"),
    Case("hashtag-empties", fm("summary: #KazakhstanNGOs"), "warning",
         "the value is empty: '#KazakhstanNGOs' is a YAML comment", "summary:"),
    Case("hashtag-list-item", fm("topics:", "  - #torture"), "error", "is an empty item",
         "  - #torture"),
    Case("tab-indent", fm("speakers:", "\t- Usen Suleimen"), "error", "a tab character", "\t-"),
    Case("reserved-at", fm("summary: @kazinform"), "error",
         "starts with a character YAML reserves", "summary:"),
    Case("unclosed-quote", fm('title: "Unclosed', "summary: s"), "error",
         "the quote opened on this line is not closed on it", "title:"),
    Case("unclosed-bracket", fm("speakers: [Usen Suleimen", "summary: s"), "error",
         "a '[' or '{' that is never closed", "speakers:"),
    Case("text-after-quote", fm('title: "Quoted" rest'), "error", "text after a closing quote",
         "title:"),
    Case("directive", "---\n%TAG !e! tag:yaml.org,2002:python/\n---\nx\n", "error",
         "a line that starts with '%'", "%TAG"),
    Case("no-closing-fence", "---\ntitle: t\n\nThe body, never fenced off.\n", "error",
         "the front matter opened on line 1 is never closed", line=1),
    Case("no-opening-fence", "title: t\n---\nBody.\n", "error",
         "the file must start with a line '---'", line=1),
    Case("not-a-mapping", "---\n- a\n- b\n---\nx\n", "error", "must be a list of 'key: value'",
         line=2),
    Case("control-char", fm("summary: s", 'notes: "bell \x07 here"'), "error",
         "U+0007", "notes:"),
    Case("line-separator", fm("summary: s", "notes: one\u2028two"), "error",
         "U+2028 (LINE SEPARATOR) is a line break to YAML", "notes:"),
    Case("deep-nesting", fm("notes: " + "[" * 5000 + "]" * 5000), "error",
         "nested more than 16 levels deep", "notes:"),
    Case("not-utf8", "---\ntitle: Caf\xe9\n---\n".encode("latin-1"), "error", "not UTF-8 text",
         line=0),
    # schema: wrong types, empty values, what a value may hold
    Case("wrong-type-speakers", fm("speakers: Usen Suleimen"), "error",
         "must be a list, e.g. `speakers: [person name]`", "speakers:"),
    Case("wrong-type-title", fm("title: [a, b]"), "error", "must be text on one line, not a list",
         "title:"),
    Case("empty-title", fm("title:"), "error", "'title' is required and is empty", "title:"),
    Case("empty-quoted-outlet", fm('outlet: ""'), "error", "'outlet' is required and is empty",
         "outlet:"),
    Case("missing-date", fm(omit=("date",)), "error", "missing required field 'date'", line=1),
    Case("empty-list-item", fm("speakers:", "  -", "  - Usen Suleimen"), "error",
         "is an empty item", "  -"),
    Case("empty-quote-text", fm("speakers: [Usen Suleimen]", "quotes:",
                                "  - by: Usen Suleimen", "    text:"),
         "error", "a quote needs 'text'", "    text:"),
    Case("unknown-field", fm("titel: x"), "error", "unknown field 'titel' (did you mean 'title'?)",
         "titel:"),
    Case("merge-key", fm("<<: {summary: x}"), "error", "unknown field '<<'", "<<:"),
    Case("javascript-url", fm("url: javascript:alert(1)"), "error", "is not an http(s) URL",
         "url:"),
    Case("javascript-archived-url", fm('archived_url: "JaVaScRiPt://x.kz/%0aalert(1)"'), "error",
         "is not an http(s) URL", "archived_url:"),
    Case("capture-traversal", fm("capture: archive/../../../etc/passwd"), "error",
         "must be a relative path under archive/, without '..'", "capture:"),
    Case("former-id-traversal", fm('former_ids: ["../../../escaped"]'), "error",
         "is not a valid id", "former_ids:"),
    Case("former-id-reserved", fm("former_ids: [nul]"), "error", "reserved file name on Windows",
         "former_ids:"),
    Case("translation-traversal", fm("translations: {ru: ../../etc}"), "error",
         "no article has the id '../../etc'", "translations:"),
    Case("language-kz", fm("language: kz"), "error", "(did you mean 'kk'?)", "language:"),
    # bodies: raw HTML and links the site removes are reported at their line
    Case("raw-script", body("Text <script>alert(1)</script>"), "warning",
         "raw HTML (<script>)", "Text <script>"),
    Case("raw-handler", body('<img src="x" onerror="alert(1)">'), "warning", "raw HTML (<img>)",
         "<img"),
    Case("raw-iframe", body('<iframe src="https://evil.example"></iframe>'), "warning",
         "raw HTML (<iframe>)", "<iframe"),
    Case("raw-object", body('<object data="x.swf"></object>'), "warning", "raw HTML (<object>)",
         "<object"),
    Case("raw-embed", body('<embed src="x.swf">'), "warning", "raw HTML (<embed>)", "<embed"),
    Case("raw-form", body('<form action="https://evil.example"><input name="p"></form>'),
         "warning", "raw HTML (<form>)", "<form"),
    Case("raw-style", body("<style>body { display: none }</style>"), "warning",
         "raw HTML (<style>)", "<style>"),
    Case("raw-multiline-tag", body("<img\nsrc=x\nonerror=alert(1)>"), "warning",
         "raw HTML (<img>)", "<img"),
    Case("md-link-javascript", body("A [link](javascript:alert(1)) here."), "warning",
         "a link to a 'javascript:' URL; the site removes it", "A [link]"),
    Case("md-link-mixed-case", body("A [link](JaVaScRiPt:alert(1)) here."), "warning",
         "'javascript:' URL", "A [link]"),
    Case("md-link-entity", body("A [link](jav&#x61;script&colon;alert(1)) here."), "warning",
         "'javascript:' URL", "A [link]"),
    Case("html-link-tab-entity", body('<a href="java&#x09;script:alert(1)">x</a>'), "warning",
         "'javascript:' URL", "<a href"),
    Case("html-link-newline", body('<a href="java\nscript:alert(1)">x</a>'), "warning",
         "'javascript:' URL", "<a href"),
    Case("md-image-data", body("![x](data:image/svg+xml;base64,PHN2Zz4=)"), "warning",
         "'data:' URL", "![x]"),
    Case("md-link-vbscript", body("[x](vbscript:msgbox(1))"), "warning", "'vbscript:' URL",
         "[x]"),
    Case("reference-javascript", body("[x][1]\n\n[1]: javascript:alert(1)"), "warning",
         "'javascript:' URL", "[1]:"),
    Case("autolink-javascript", body("<javascript:alert(1)>"), "warning", "'javascript:' URL",
         "<javascript:"),
    Case("attr-list-href", body('[x](https://ok.example){: href="javascript:alert(1)" }'),
         "warning", "'javascript:' URL", "[x]"),
    Case("snippet-include", body('--8<-- "mkdocs.yml"'), "error",
         "file-include syntax of pymdownx.snippets", "--8<--"),
    Case("marked-section", body("An image <![x](https://example.org/x.png) here."), "error",
         "'<![' opens an HTML marked section that MkDocs cannot parse", "An image"),
    Case("marked-section-in-code", body("Code: `<![-x`"), "error",
         "'<![' opens an HTML marked section", "Code:"),
    Case("cdata-section", body("<![CDATA[ kept ]]> and <![if mso]>x<![endif]>"), "warning",
         "raw HTML (a CDATA or marked section)", "<![CDATA["),
    Case("autolink-is-not-html", body("See <https://example.org/a> and <mailto:a@b.kz>."), None),
    Case("code-span-is-not-html", body("The tag `<div class=\"x\">` and ``a `<b>` c``."), None),
    Case("backslash-escapes-no-tag", body(r"Write \<b> for bold."), "warning",
         "raw HTML (<b>)", "Write"),
    Case("relative-and-anchor-links", body("[a](../people/x/) [b](#p-1) [c](https://x.kz/a:b)"),
         None),
    # Unicode: one entity whatever the form, with a warning; look-alikes warned
    Case("nfd-reference", fm(f"people: [{NFD_NAME}]"), "warning",
         "is in decomposed Unicode form (NFD", "people:"),
    Case("zero-width-reference", fm("people: [Usen\u200b Suleimen]"), "warning",
         "contains invisible characters", "people:"),
    Case("nbsp-reference", fm("people: [Usen\u00a0Suleimen]"), "warning",
         "contains invisible characters", "people:"),
    Case("mixed-script-name", md({"name": "Аrtur Lastaуev"}), "error",
         "mixes scripts within a word: U+0410 CYRILLIC CAPITAL LETTER A in 'Аrtur'", "name:",
         path="content/people/mixed-script.md"),
    # paths: ids, case, links, names that would leave their folder or break a page
    Case("case-twin", md({"name": "Twin Topic"}), "error",
         "differs from content/topics/Twin-topic.md only by letter case", line=0,
         path="content/topics/twin-topic.md", setup=lambda root: (
             root / "content/topics/Twin-topic.md").write_text(md({"name": "Other Twin"}))),
    Case("uppercase-id", md({"name": "Upper Case"}), "error", "bad file name", line=0,
         path="content/people/Upper-Case.md"),
    Case("dotdot-id", md({"name": "Dots"}), "error", "bad file name: 'a..b' is not a valid id",
         line=0, path="content/people/a..b.md"),
    Case("reserved-id", md({"name": "Console"}), "error", "'con' is a reserved file name",
         line=0, path="content/topics/con.md"),
    Case("symbols-only-name", md({"name": "Bang Bang"}), "error",
         "bad file name: '!!!' is not a valid id", line=0, path="content/topics/!!!.md"),
    Case("cyrillic-file-name", md({"name": "Жанаозен"}), "error",
         "bad file name: 'жанаозен' is not a valid id", line=0, path="content/topics/жанаозен.md"),
    Case("backslash-name", md({"name": "Back Slash"}), "error",
         "holds a character that is unsafe in a URL", line=0, path="content/people/a\\b.md"),
    Case("quote-in-folder", None, "error", "holds a character that is unsafe in a URL",
         line=0, path='content/articles/x" onmouseover="alert(1)',
         setup=_file('content/articles/x" onmouseover="alert(1)/2025-in-a-bad-folder.md')),
    Case("symlinked-article", None, "error", "a symbolic link", line=0,
         path="content/articles/2025/2025-linked.md",
         setup=_symlink("outside/secret.md", "content/articles/2025/2025-linked.md")),
    Case("symlinked-folder", None, "error", "a symbolic link", line=0,
         path="content/people/more",
         setup=_symlink("outside/secret.md", "content/people/more", folder=True)),
    Case("article-outside-year", md(article("Text.")), "error",
         "move it to content/articles/<yyyy>/<id>.md", line=0,
         path="content/articles/misc/2025-misplaced.md"),
    Case("folder-named-md", None, None, path="content/people/folder.md",
         setup=_folder("content/people/folder.md")),
]  # fmt: skip


def _write(root: Path, case: Case) -> None:
    if case.setup:
        case.setup(root)
    if case.text is not None:
        path = root / case.where
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(case.text if isinstance(case.text, bytes) else case.text.encode())


def _not_noise(d) -> bool:
    return not (d.field == "capture" and d.message.startswith("no capture"))


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """Every case in one archive; the check and the CLI each run once over all of them."""
    root = tmp_path_factory.mktemp("hostile-check")
    make_archive(root, people=PEOPLE)
    for case in CHECK_CASES:
        _write(root, case)
    cwd = Path.cwd()
    os.chdir(root)  # where `touch` would land if a tag ever ran a command
    try:
        diags = [d for d in run_check(root) if _not_noise(d)]
        arch = archive_mod.load(root)
    finally:
        os.chdir(cwd)
    return root, diags, arch


@pytest.mark.parametrize("case", CHECK_CASES, ids=lambda c: c.id)
def test_check_reports_each_hostile_input_at_its_line(checked, case: Case):
    root, diags, arch = checked
    mine = [d for d in diags if d.path == case.where or d.path.startswith(case.where + "/")]
    if case.severity is None:
        assert mine == []
    else:
        hits = [d for d in mine if case.message in d.message and d.severity == case.severity]
        assert hits, "\n".join(d.format() for d in mine) or "nothing reported"
        assert case.expected_line() in {d.line for d in hits}, [d.format() for d in hits]
    if case.value:
        field, value = case.value
        assert arch.by_id[f"2025-{case.id}"].value(field) == value


def test_one_run_of_the_cli_lists_every_problem(checked, capsys):
    root, _, _ = checked
    assert main(["check", str(root)]) == 1
    err = capsys.readouterr().err
    lines = err.splitlines()
    for case in CHECK_CASES:
        if case.severity:
            line = case.expected_line()
            where = f"{case.where}:{line}: " if line else f"{case.where}: "
            assert [x for x in lines if x.startswith(where) and case.message in x], case.id
    assert "Traceback" not in err


def test_nothing_was_constructed_run_or_expanded(checked):
    root, diags, arch = checked
    assert not (root / PWNED).exists()
    laughs = arch.by_id["2025-alias-bomb"]
    assert len(repr(laughs)) < 2000  # the aliases were refused, not expanded
    assert len(diags) < 400


def test_one_entity_whatever_the_unicode_form(checked):
    _, diags, arch = checked
    asel = arch.registry.get("person", "asel-nurlanova")
    assert arch.by_id["2025-nfd-reference"].refs["people"] == [asel]
    usen = arch.registry.get("person", "usen-suleimen")
    assert arch.by_id["2025-zero-width-reference"].refs["people"] == [usen]
    assert arch.by_id["2025-nbsp-reference"].refs["people"] == [usen]
    unknown = [d for d in diags if "unknown person" in d.message]
    assert all("reference" not in d.path for d in unknown)


def test_nothing_outside_the_archive_was_read(checked):
    _, _, arch = checked
    assert "2025-linked" not in arch.by_id
    assert all("secret" not in a.body for a in arch.articles)
    assert all("outside" not in e.path for e in arch.registry)


def test_redirects_never_leave_their_folder(checked):
    """Even a build that ignored the errors would write no redirect outside the site."""
    _, _, arch = checked
    for old in (r.old for r in Site(arch).redirects):
        assert ".." not in old.split("/") and not old.startswith("/") and "\\" not in old


# --- a real build: every field and body payload ----------------------------------------------

ARTICLE_ID = "2025-06-hostile-fields"
ARTICLE_URL = f"articles/2025/{ARTICLE_ID}/"
PERSON_URL = "people/evil-person/"
CLOSE = "</script><script>alert('{}')</script>"
QUOTE = 'He said "stop" & it\'s over" onmouseover="alert(\'quote\')'

FIELDS = {
    "title": "Title " + CLOSE.format("title") + ' & "quoted" <b>bold</b> } @misc{x, \\',
    "summary": "Summary " + CLOSE.format("summary") + '" onmouseover="alert(1)\nER  - \nTY  - X',
    "notes": "Notes <img src=x onerror=alert('notes')>",
    "url": "https://example.kz/a?q=%22%3E&x=\"onmouseover='alert(1)'",
    "name": "Evil " + CLOSE.format("name") + " Person",
    "alias": "Alias <svg onload=alert('alias')>",
    "description": "Description \"><script>alert('description')</script>",
    "role": "Role </title><script>alert('role')</script>",
    "outlet": "Outlet " + CLOSE.format("outlet"),
    "organization": "Org <iframe src=javascript:alert('org')>",
    "topic": "Topic '><body onload=alert('topic')>",
    "heading": "Heading " + CLOSE.format("heading"),
}
CLEAN = {k: f"Plain {k}" for k in FIELDS} | {"url": "https://example.kz/a"}

# (case id, Markdown body, what must be in the rendered body as text or markup)
BODY_PAYLOADS = [
    ("script", "Before <script>alert('body')</script> after.", "Before"),
    ("img-onerror", '<img src="x.png" onerror="alert(1)" alt="pic">', 'alt="pic"'),
    ("svg-onload", "<svg onload=\"alert(1)\"><circle r=\"1\"/></svg> text", "text"),
    ("iframe", '<iframe src="https://evil.example/"></iframe> framed', "framed"),
    ("object-embed", '<object data="x.swf"></object><embed src="x.swf"> plugin', "plugin"),
    ("form", '<form action="https://evil.example/"><input name="p"><button>Go</button></form>',
     "Go"),
    ("style", "<style>body{display:none}</style> styled", "styled"),
    ("meta-base-link", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'
     '<base href="https://evil.example/"><link rel="stylesheet" href="https://evil.example/x.css">'
     " head tags", "head tags"),
    ("md-javascript", "[plain](javascript:alert(1)) [cased](JaVaScRiPt:alert(1)) "
     "[entity](jav&#x61;script:alert(1)) [colon](javascript&colon;alert(1))", "entity"),
    ("html-javascript", '<a href="java&#x09;script:alert(1)">tab</a> '
     '<a href="&#106;avascript:alert(1)">dec</a> <a href=" javascript:alert(1)">space</a> '
     '<a href="java\nscript:alert(1)">newline</a>', "newline"),
    ("vbscript-data", "[vb](vbscript:msgbox(1)) ![img](data:image/svg+xml;base64,PHN2Zz4=) "
     '<a href="data:text/html,<script>alert(1)</script>">data</a>', "data"),
    ("md-image-javascript", "![alt text](javascript:alert(1))", 'alt="alt text"'),
    ("autolink-javascript", "<javascript:alert(1)> and <https://example.org/ok>",
     'href="https://example.org/ok"'),
    ("attr-list", 'Paragraph with handlers\n{: onclick="alert(1)" style="color:red" '
     'class="md-button" #__config }\n\n[link](https://ok.example){: onmouseover="alert(2)" '
     'href="javascript:alert(3)" target="_blank" }', "Paragraph with handlers"),
    ("attr-list-heading", "## Heading {: onclick=\"alert(1)\" #__search data-x=\"1\" }",
     "Heading"),
    ("md-in-html", '<div markdown="1" onclick="alert(1)" id="__config">'
     '{"base": "https://evil.example/"} **bold**</div>', "<strong>bold</strong>"),
    ("clobber-ids", '<p id="__config">{"base": "https://evil.example/"}</p>'
     '<span id="sb-search">s</span> <span id="q-1">q</span>', "https://evil.example/"),
    ("external-link", '<a href="https://example.org/" target="_blank">ext</a>',
     'rel="noopener noreferrer"'),
    ("comment-cdata", "<!-- <script>alert(1)</script> --> <![CDATA[ <script>x</script> ]]> ok",
     "ok"),
    ("encoded-text", "&lt;script&gt;alert(1)&lt;/script&gt; stays text", "&lt;script&gt;"),
    ("heading-payload", "## " + FIELDS["heading"].replace("'", "\\'"), "Heading"),
]  # fmt: skip

MKDOCS_YML = """\
site_name: Hostile archive
site_url: https://example.org/archive/
repo_url: https://github.com/example/archive
edit_uri: edit/main/content/
docs_dir: content
theme:
  name: material
  font: false
  features: [content.action.edit]
plugins:
  - site-builder
markdown_extensions:
  - toc:
      permalink: true
  - attr_list
  - md_in_html
"""


def _archive(root: Path, v: dict[str, str], payloads: bool) -> Path:
    """The build archive: with `v` = FIELDS the hostile one, with CLEAN the same one plain."""
    make_archive(
        root,
        people={
            "evil-person": {
                "name": v["name"],
                "aliases": [v["alias"]],
                "description": v["description"],
                "roles": [{"organization": "hostile-org", "title": v["role"]}],
                "former_ids": ["evil-person-old"],
                "body": "Bio <script>alert('bio')</script> [x](javascript:alert(1))",
            },
        },
        organizations={"hostile-org": {"name": v["organization"], "abbreviation": "HO"}},
        outlets={"example-news": {"name": "Example News"}, "hostile-outlet": {"name": v["outlet"]}},
        topics={"hostile-topic": {"name": v["topic"]}},
        articles={
            ARTICLE_ID: article(
                f"Intro.\n\n{QUOTE} really.\n\n## {html.escape(v['heading'], quote=False)}\n\n"
                "More text.",
                title=v["title"],
                date="2025-06-13",  # the newest: first on the home page
                summary=v["summary"],
                notes=v["notes"],
                url=v["url"],
                outlet="hostile-outlet",
                speakers=["evil-person"],
                organizations=["hostile-org"],
                topics=["hostile-topic"],
                quotes=[{"by": "evil-person", "text": QUOTE}],
                former_ids=["2025-06-old-id"],
            ),
            **{
                f"2025-06-body-{name}": article(
                    text if payloads else "Plain body.", title=f"Body {name}"
                )
                for name, text, _ in BODY_PAYLOADS
            },
        },
    )
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "content" / "index.md").write_text("# Hostile archive\n", encoding="utf-8")
    return root


def _html(site: Path) -> dict[str, str]:
    """Every HTML file of the site by its URL without slashes ('' the home page)."""
    out = {}
    for p in site.rglob("*.html"):
        rel = p.relative_to(site).as_posix()
        url = rel.removesuffix("index.html").rstrip("/") if rel.endswith("index.html") else rel
        out[url] = p.read_text("utf-8")
    return out


def _pages(site: Path) -> dict[str, BeautifulSoup]:
    return {url: BeautifulSoup(raw, "html.parser") for url, raw in _html(site).items()}


@dataclass
class Built:
    site: Path
    pages: dict[str, BeautifulSoup]  # the hostile site's pages by URL
    clean: dict[str, BeautifulSoup]  # the clean build's
    raw: dict[str, str]
    raw_clean: dict[str, str]
    outside: set[Path]  # files the build wrote outside site/


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    """The hostile site and a clean build of the same archive (same ids, plain values)."""
    hostile_root = _archive(tmp_path_factory.mktemp("hostile-build"), FIELDS, True)
    # Besides site/, a build writes its cache, under names made of digests, never of the
    # archive's words (site_builder/mkdocs_plugin/build_cache.py): that folder only.
    cache = hostile_root / ".cache" / "site-builder"

    def written() -> set[Path]:
        return {
            p
            for p in hostile_root.rglob("*")
            if "site" not in p.relative_to(hostile_root).parts
            and not (p == cache or p.is_relative_to(cache) or cache.is_relative_to(p))
        }

    before = written()
    site = build_site(hostile_root)
    assert cache.is_dir()
    after = written()
    clean = build_site(_archive(tmp_path_factory.mktemp("clean-build"), CLEAN, False))
    return Built(site, _pages(site), _pages(clean), _html(site), _html(clean), after - before)


def _scripts(soup: BeautifulSoup) -> list[tuple[tuple, object]]:
    """Each script's attributes and content: JSON (JSON-LD, Material's config) decoded, so
    that a script cut short by a `</script>` in a value fails here; other scripts as text."""
    out = []
    for s in soup.find_all("script"):
        kind = s.get("type", "")
        content = json.loads(s.get_text()) if kind.endswith("json") else s.get_text()
        out.append((tuple(sorted((k, str(v)) for k, v in s.attrs.items())), content))
    return out


def _values(data: object) -> list[str]:
    """Every string inside decoded JSON."""
    if isinstance(data, dict):
        return [v for x in data.values() for v in _values(x)]
    if isinstance(data, list):
        return [v for x in data for v in _values(x)]
    return [data] if isinstance(data, str) else []


def _handlers(soup: BeautifulSoup) -> set[tuple[str, str]]:
    return {(el.name, a) for el in soup.find_all(True) for a in el.attrs if a.lower()[:2] == "on"}


_BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data):", re.I)


def test_the_build_writes_nothing_outside_the_site(built):
    assert built.outside == set()


def test_every_page_has_the_scripts_of_a_clean_build_and_no_more(built):
    """A `</script>` in any value closes no script: JSON-LD or any other script the theme or
    a later change adds must come out the same as in a clean build, on every page."""
    pages, clean, raw, raw_clean = built.pages, built.clean, built.raw, built.raw_clean
    assert set(pages) == set(clean)
    for url, soup in pages.items():
        assert raw[url].lower().count("<script") == raw_clean[url].lower().count("<script"), url
        mine, theirs = _scripts(soup), _scripts(clean[url])
        assert [attrs for attrs, _ in mine] == [attrs for attrs, _ in theirs], url
        for (attrs, content), (_, plain) in zip(mine, theirs, strict=True):
            if isinstance(content, str):
                assert content == plain, (url, attrs)
        assert _handlers(soup) == _handlers(clean[url]), url


def test_json_ld_holds_each_value_as_written(built):
    """Structured data, if the page has any, carries the hostile text as a JSON string."""
    pages = built.pages
    found = set()
    for url, field in [(ARTICLE_URL, "title"), (PERSON_URL, "name"), (PERSON_URL, "description")]:
        for script in pages[url.rstrip("/")].find_all("script", type="application/ld+json"):
            if FIELDS[field] in _values(json.loads(script.get_text())):
                found.add(field)
    if pages[ARTICLE_URL.rstrip("/")].find("script", type="application/ld+json"):
        assert found == {"title", "name", "description"}


def test_no_page_links_to_a_script_url(built):
    pages = built.pages
    for url, soup in pages.items():
        for el in soup.find_all(True):
            for attr in ("href", "src", "action", "formaction", "data", "content"):
                value = el.get(attr)
                if isinstance(value, str) and attr != "content":
                    assert not _BAD_SCHEME.match(re.sub(r"[\t\n\r]", "", value)), (url, el)
                if attr == "content" and el.get("http-equiv", "").lower() == "refresh":
                    assert "javascript:" not in value.lower(), (url, el)


def _text(pages, url: str, selector: str) -> str:
    el = pages[url].select_one(selector)
    assert el is not None, (url, selector)
    return el.get_text()


# (case id, page URL, CSS selector, the exact text the contributor wrote, or a part of it)
SURFACES = [
    ("title-h1", ARTICLE_URL, "h1.sb-title", FIELDS["title"]),
    ("title-html-title", ARTICLE_URL, "title", FIELDS["title"]),
    ("title-home-list", "", ".sb-articles > li > a", FIELDS["title"]),
    ("title-person-list", PERSON_URL, ".sb-articles > li > a", FIELDS["title"]),
    ("title-redirect", "articles/2025/2025-06-old-id", "title", FIELDS["title"]),
    ("summary-header", ARTICLE_URL, ".sb-summary", FIELDS["summary"]),
    ("summary-home", "", ".sb-item__summary", FIELDS["summary"]),
    ("notes", ARTICLE_URL, ".sb-notes", FIELDS["notes"]),
    ("url-text", ARTICLE_URL, ".sb-provenance a.sb-external", FIELDS["url"]),
    ("quote-box", ARTICLE_URL, ".sb-quotes-box q", QUOTE),
    ("quote-marked-in-body", ARTICLE_URL, "mark#q-1", QUOTE),
    ("quote-person-page", PERSON_URL, ".sb-quote-list blockquote", QUOTE),
    ("name-chip", ARTICLE_URL, ".sb-chips--person > a", FIELDS["name"]),
    ("name-quote-by", ARTICLE_URL, ".sb-quotes-box li > span > a", FIELDS["name"]),
    ("name-h1", PERSON_URL, "h1.sb-title", FIELDS["name"]),
    ("name-html-title", PERSON_URL, "title", FIELDS["name"]),
    ("name-a-z", "people", ".sb-entity-row a", FIELDS["name"]),
    ("name-redirect", "people/evil-person-old", "title", FIELDS["name"]),
    ("alias", PERSON_URL, ".sb-alias", FIELDS["alias"]),
    ("description", PERSON_URL, ".sb-infobox .sb-description", FIELDS["description"]),
    ("role-title", PERSON_URL, ".sb-infobox .sb-roles li", FIELDS["role"]),
    ("organization-name", "organizations/hostile-org", "h1.sb-title", FIELDS["organization"]),
    ("outlet-byline", ARTICLE_URL, ".sb-outlet", FIELDS["outlet"]),
    ("topic-chip", ARTICLE_URL, ".sb-chips--topic > a", FIELDS["topic"]),
    ("heading-in-body", ARTICLE_URL, ".sb-body h2", FIELDS["heading"]),
    ("heading-in-toc", ARTICLE_URL, ".md-nav--secondary .md-nav__link", FIELDS["heading"]),
]


@pytest.mark.parametrize("case, url, selector, text", SURFACES, ids=[s[0] for s in SURFACES])
def test_every_field_comes_out_as_the_text_written(built, case, url, selector, text):
    pages = built.pages
    url = url.rstrip("/")
    assert text in " ".join(_text(pages, url, selector).split()) or text in _text(
        pages, url, selector
    )


# (case id, page URL, the attribute, the element's selector, the value the contributor wrote)
ATTRIBUTES = [
    ("meta-description", ARTICLE_URL, "content", 'meta[name="description"]', FIELDS["summary"]),
    ("person-meta-description", PERSON_URL, "content", 'meta[name="description"]',
     FIELDS["description"]),
    ("url-href", ARTICLE_URL, "href", ".sb-provenance a.sb-external", FIELDS["url"]),
]  # fmt: skip


@pytest.mark.parametrize("case, url, attr, selector, value", ATTRIBUTES,
                         ids=[a[0] for a in ATTRIBUTES])  # fmt: skip
def test_every_field_in_an_attribute_stays_inside_it(built, case, url, attr, selector, value):
    pages = built.pages
    el = pages[url.rstrip("/")].select_one(selector)
    assert value in el[attr]


def test_a_quote_holding_a_closing_script_tag_stays_text(tmp_path):
    """A quote must occur in the body, and the check's plain text of a body keeps '&lt;' as
    it is, so no build has a quote with '<' (see the report of issue 8). The page code must
    escape one all the same: rendered directly, it closes no script and opens none."""
    evil = "I said </script><script>alert('quote')</script> & <!-- left"
    front = {"speakers": ["Usen Suleimen"], "quotes": [{"by": "Usen Suleimen", "text": evil}]}
    make_archive(tmp_path, people=PEOPLE, articles={"2025-06-q": article("Body.", **front)})
    arch = archive_mod.load(tmp_path)
    site = Site(arch, SiteOptions(site_url="https://example.org/"))
    a, person = arch.by_id["2025-06-q"], arch.registry.get("person", "usen-suleimen")
    article_page = site.articles.compose(a, "<p>Body.</p>")
    article_html = article_page.html
    person_page = site.entities.compose(person, "")
    outputs = [article_html, documents.article_html(a, "<p>Body.</p>"), person_page.html,
               documents.entity_html(person, ""), site.head.html(a, a.url),
               site.head.html(person, person.url)]  # fmt: skip
    for out in outputs:
        soup = BeautifulSoup(out, "html.parser")
        scripts = soup.find_all("script")
        assert out.lower().count("<script") == len(scripts)
        assert all(s.get("type") == "application/ld+json" for s in scripts)
        for script in scripts:
            assert isinstance(json.loads(script.get_text()), dict)  # not cut short
    quote_box = BeautifulSoup(article_html, "html.parser").select_one(".sb-quotes-box q")
    assert evil in quote_box.get_text()
    entity = BeautifulSoup(person_page.html, "html.parser").select_one(".sb-quote-list blockquote")
    assert evil in entity.get_text()


def test_every_meta_title_holds_the_title_whole(built):
    """og:title, citation_title and the like: one attribute each, with the whole title."""
    soup = built.pages[ARTICLE_URL.rstrip("/")]
    titles = [
        m["content"]
        for m in soup.find_all("meta", content=True)
        if (m.get("property") or m.get("name") or "").endswith("title") and "Title" in m["content"]
    ]
    assert titles and all(FIELDS["title"] in t for t in titles), titles


def _files(site: Path, suffix: str) -> list[Path]:
    return [p for p in site.rglob(f"*{suffix}") if "pagefind" not in p.parts]


def _strings(data: object) -> set[str]:
    return set(_values(data))


def test_data_dumps_hold_the_text_as_written(built):
    """JSON and CSV dumps parse, and hold each value as the contributor wrote it."""
    site = built.site
    strings: set[str] = set()
    for path in _files(site, ".json"):
        strings |= _strings(json.loads(path.read_text("utf-8")))
    cells: set[str] = set()
    for path in _files(site, ".csv"):
        with path.open(newline="", encoding="utf-8") as f:
            cells |= {cell for row in csv.reader(f) for cell in row}
    if _files(site, ".json"):
        assert {FIELDS["title"], FIELDS["summary"], FIELDS["name"]} <= strings
    if _files(site, ".csv"):
        assert {FIELDS["title"], FIELDS["name"]} <= cells


def test_feeds_are_well_formed_and_carry_no_markup_that_runs(built):
    """Atom feeds: the title is text; any HTML a feed carries is as safe as the page's."""
    feeds = _files(built.site, ".xml")
    titles = set()
    for path in feeds:
        root = ElementTree.parse(path).getroot()
        for el in root.iter():
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "title":
                titles.add(el.text)
            if el.get("type") in ("html", "xhtml") and el.text:
                soup = BeautifulSoup(el.text, "html.parser")
                assert not soup.find_all(["script", "iframe", "object", "embed", "style"]), path
                assert not _handlers(soup), path
    if any(p.name != "sitemap.xml" for p in feeds):
        assert FIELDS["title"] in titles


def test_citations_cannot_be_broken_out_of(built):
    """BibTeX braces stay balanced whatever the title holds; each RIS field stays one line."""
    html = (built.site / ARTICLE_URL / "index.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    bib = soup.select_one('.sb-cite code[data-sb-cite="bib"]').get_text()
    unescaped = re.sub(r"\\[{}\\]", "", bib)
    assert unescaped.count("{") == unescaped.count("}") and len(re.findall(r"(?m)^\s*@", bib)) == 1
    assert bib in (built.site / "data" / "citations.bib").read_text("utf-8")
    ris = soup.select_one('.sb-cite code[data-sb-cite="ris"]').get_text()
    lines = [x for x in ris.splitlines() if x.strip()]
    assert all(re.match(r"^[A-Z][A-Z0-9]  - ", x) for x in lines), lines
    assert sum(x.startswith("TY  - ") for x in lines) == 1


def test_search_index_holds_the_text_as_written(built):
    """Pagefind stores text, and search.js writes it as text, but for the excerpt, which
    Pagefind escapes itself (`<` to `&lt;` before it adds its `<mark>`)."""
    site = built.site
    pages = {f["url"]: f for f in fragments(site / "pagefind").values()}
    entry = next(f for url, f in pages.items() if url.endswith(f"{ARTICLE_ID}/"))
    assert entry["meta"]["title"] == FIELDS["title"]
    assert entry["meta"]["outlet"] == FIELDS["outlet"]
    # the words of every spelling, for search only (never shown)
    # (less the words the article's text has already): markup is not a word
    refs = entry["meta"]["refs"]
    assert "alias" in refs.split() and "<" not in refs and "=" not in refs
    assert entry["filters"]["outlet"] == [FIELDS["outlet"]]
    person = next(f for url, f in pages.items() if url.endswith(f"{PERSON_URL.rstrip('/')}/"))
    assert FIELDS["name"] in person["meta"]["names"]
    # the page itself carries no search markup: Pagefind got its own document
    page = (site / ARTICLE_URL / "index.html").read_text("utf-8")
    assert "data-pagefind" not in page and "data-people" not in page
    script = (Path(__file__).parents[1] / "site_builder/site/assets/search/search.js").read_text()
    # Everything else goes in as text (textContent, setAttribute): the only HTML the script
    # writes is an excerpt.
    assigned = re.findall(r"\.innerHTML\s*=\s*([^;]+);", script)
    assert assigned, "search.js writes excerpts with innerHTML"
    for value in assigned:
        assert re.fullmatch(r"leadToMatch\((data\.)?excerpt\)", value.strip()), value


@pytest.mark.parametrize("name, text, kept", BODY_PAYLOADS, ids=[p[0] for p in BODY_PAYLOADS])
def test_body_payload_is_sanitized_in_the_build(built, name, text, kept):
    pages = built.pages
    soup = pages[f"articles/2025/2025-06-body-{name}"]
    content = soup.select_one(".sb-body")
    html = str(content)
    assert kept in html
    for el in content.find_all(True):
        assert el.name not in {"script", "style", "iframe", "object", "embed", "form", "input",
                               "button", "meta", "base", "link", "svg"}, el  # fmt: skip
        assert not [a for a in el.attrs if a.lower().startswith(("on", "style", "target"))], el
        assert not str(el.get("id", "")).startswith(("__", "sb-")), el
        assert set(el.get("class") or []) <= {"headerlink", "sb-quote", "sb-mention"}, el
        for attr in ("href", "src"):
            if el.get(attr):
                assert not _BAD_SCHEME.match(re.sub(r"[\t\n\r]", "", el[attr])), el
        if el.name == "a" and el.get("href", "").startswith("http"):
            assert el["rel"] == ["noopener", "noreferrer"], el
    assert "alert(" not in "".join(str(el.attrs) for el in content.find_all(True))


def test_the_theme_and_search_find_their_own_config(built):
    """Material and search.js read `#__config`: the first element with that id must be it."""
    pages = built.pages
    for url in ("articles/2025/2025-06-body-clobber-ids", "articles/2025/2025-06-body-md-in-html"):
        first = pages[url].find(id="__config")
        assert first.name == "script" and json.loads(first.get_text())["base"] == "../../.."
        assert pages[url].find(id="sb-search") is None


def test_edit_link_of_every_page_is_one_attribute(built):
    pages = built.pages
    for url, soup in pages.items():
        for a in soup.select("a[rel=edit]"):
            assert set(a.attrs) == {"href", "title", "class", "rel"}, url


# --- output never leaves its folder -----------------------------------------------------------


def _failed_build(root: Path, caplog) -> str:
    with pytest.raises((PluginError, Abort)) as exc:
        build_site(root)
    return str(exc.value) + "\n" + caplog.text


@pytest.mark.parametrize(
    "front",
    [
        {"former_ids": ["../../../escaped"]},
        {"former_ids": ["/tmp/escaped"]},
        {"former_ids": ["..\\..\\escaped"]},
    ],
    ids=["dotdot", "absolute", "backslash"],
)
def test_a_former_id_that_leaves_the_site_fails_the_build(tmp_path, caplog, front):
    root = tmp_path / "root"
    make_archive(root, articles={"2025-06-moved": article("Text.", **front)})
    message = _failed_build(root, caplog)
    assert "content/articles/2025/2025-06-moved.md:" in message and "is not a valid id" in message
    assert not (tmp_path / "escaped").exists() and not (root / "escaped").exists()
    assert not (root / "site").exists()


def test_a_site_with_snippets_enabled_includes_no_file_into_an_article(tmp_path, caplog):
    """pymdownx.snippets would paste mkdocs.yml (or any file it can reach) into the page; the
    check refuses the include line, so the build stops before anything is rendered."""
    text = 'Before.\n\n--8<-- "mkdocs.yml"\n\nAfter.'
    make_archive(tmp_path, articles={"2025-06-include": article(text)})
    (tmp_path / "mkdocs.yml").write_text(
        MKDOCS_YML.replace("  - md_in_html\n", "  - md_in_html\n  - pymdownx.snippets\n"),
        encoding="utf-8",
    )
    message = _failed_build(tmp_path, caplog)
    line = line_of(md(article(text)), "--8<--")
    assert f"content/articles/2025/2025-06-include.md:{line}: error:" in message
    assert "file-include syntax of pymdownx.snippets" in message
    assert not (tmp_path / "site" / "articles").exists()


@pytest.mark.parametrize("text", ["An image <![x](https://example.org/x.png).", "`<![-x`"])
def test_a_marked_section_fails_the_build_with_its_line_not_a_traceback(tmp_path, caplog, text):
    """MkDocs would raise from Python's html.parser ('unknown status keyword in marked
    section'); the check stops the build first, naming the file and line."""
    body_text = f"First.\n\n{text}"
    make_archive(tmp_path, articles={"2025-06-marked": article(body_text)})
    message = _failed_build(tmp_path, caplog)
    line = line_of(md(article(body_text)), text[:5])
    assert f"content/articles/2025/2025-06-marked.md:{line}: error:" in message
    assert "status keyword" not in message and "name token" not in message


# --- site-builder new: ids that would leave their folder ------------------------------------

NEW_CASES = [
    ("dotdot", ["new", "person", "Someone", "--id", "../../escaped"], "is not a valid id"),
    ("slash", ["new", "person", "Someone", "--id", "a/b"], "is not a valid id"),
    ("backslash", ["new", "person", "Someone", "--id", "a\\b"], "is not a valid id"),
    ("absolute", ["new", "organization", "Org", "--id", "/tmp/escaped"], "is not a valid id"),
    ("reserved", ["new", "topic", "Console", "--id", "con"], "reserved file name on Windows"),
    ("reserved-lpt", ["new", "outlet", "Printer", "--id", "lpt1"], "reserved file name"),
    ("only-symbols", ["new", "person", "!!! ???"], "nothing is left after transliteration"),
    ("only-han", ["new", "person", "习近平"], "nothing is left after transliteration"),
    ("only-emoji", ["new", "topic", "🙂🙂"], "nothing is left after transliteration"),
    ("article-dotdot", ["new", "article", "T", "--date", "2025", "--id", "../escaped"],
     "is not a valid id"),
    ("article-nothing-left", ["new", "article", "!!!", "--date", "2025", "--outlet", "???"],
     "nothing is left after transliteration"),
]  # fmt: skip


@pytest.mark.parametrize("case, argv, message", NEW_CASES, ids=[c[0] for c in NEW_CASES])
def test_new_refuses_an_id_that_could_leave_its_folder(tmp_path, capsys, case, argv, message):
    root = tmp_path / "root"
    make_archive(root)
    before = sorted(p for p in tmp_path.rglob("*"))
    assert main([*argv, "--root", str(root)]) == 1
    assert message in capsys.readouterr().err
    assert sorted(p for p in tmp_path.rglob("*")) == before


def test_new_writes_a_hostile_name_as_text(tmp_path, capsys):
    make_archive(tmp_path)
    name = 'Evil\n---\ntitle: x\n"<script>alert(1)</script>" # &a *b !!python/object:x \u2028\x85.'
    assert main(["new", "person", name, "--id", "evil", "--root", str(tmp_path)]) == 0
    arch = archive_mod.load(tmp_path)
    assert arch.registry.get("person", "evil").name == name
    assert [d.format() for d in run_check(tmp_path) if d.path.endswith("evil.md")] == []


def test_a_new_article_passes_the_check_without_a_comment_warning(tmp_path, capsys):
    """The scaffold writes `language: "en"  # ...`: a plain `en  # ...` would be warned about
    as a value cut short by a comment, in the very file `new` just wrote."""
    make_archive(tmp_path)
    argv = ["new", "article", "Breaking: #1 story", "--date", "2025-06", "--outlet", "EN"]
    assert main([*argv, "--root", str(tmp_path)]) == 0
    problems = [d.format() for d in run_check(tmp_path) if _not_noise(d)]
    assert problems == []
    arch = archive_mod.load(tmp_path)
    assert [a.title for a in arch.articles] == ["Breaking: #1 story"]
    assert arch.articles[0].language == "en"
