"""What a red-team review of pull requests found (issue 14), each attack reproduced and refused.

Findings 1, 2, 4 and 5 are here, 7 in tests/test_nesting.py; 3 and 8 in
tests/test_impersonation.py and tests/test_quote_fidelity.py; 6 in
tests/test_import_interrupted.py; 9 and 10 in tests/test_verify.py and
tests/test_deterministic.py; 11 in tests/test_workflows.py.
"""

from __future__ import annotations

import base64
import hashlib
import re
import struct
import zlib
from pathlib import Path, PurePosixPath

import pytest
from browser import requires_chromium
from conftest import article, make_archive, md, only, run_check, sha256
from mkdocs.exceptions import Abort, PluginError
from sitebuild import build_site, page

from site_builder import checks
from site_builder.core.links import capture_href

pytest_plugins = ["browser"]

XSS = "alert(document.domain)"


def _pages_with_payloads(root: Path) -> dict[str, str]:
    """Hand-written pages whose metadata and headings try to break out into the page."""
    content = root / "content"
    pages = {
        # finding 1 as reported: YAML front matter into <head>
        "yaml": md(
            {
                "title": f"x</title><script>{XSS}</script>",
                "description": f'"><script>{XSS}</script>',
                "hide": ["feedback"],
            },
            body="Text.\n",
        ),
        # the same through MkDocs' other metadata syntax (MultiMarkdown), no YAML at all
        "multimarkdown": f"Title: x</title><script>{XSS}</script>\n"
        f'Description: "><script>{XSS}</script>\n\nText.\n',
        # a first heading becomes the title; Material writes it through `striptags`, which
        # decodes the entities back into markup
        "heading": f"# &lt;/title&gt;&lt;script&gt;{XSS}&lt;/script&gt;\n\n"
        "## &lt;img src=x onerror=alert(1)&gt; and &lt;/a&gt;&lt;script&gt;alert(2)&lt;/script&gt;"
        "\n\nText.\n",
    }
    for name, text in pages.items():
        (content / f"{name}.md").write_text(text, encoding="utf-8")
    (content / "index.md").write_text(
        f"# &lt;/span&gt;&lt;script&gt;{XSS}&lt;/script&gt;\n\nHome.\n", encoding="utf-8"
    )
    return {name: f"{name}/" for name in pages} | {"home": ""}


@pytest.fixture(scope="module")
def hostile_pages_site(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    root = make_archive(tmp_path_factory.mktemp("pages"), articles={"2025-x": article("Text.")})
    urls = _pages_with_payloads(root)
    assert [d for d in run_check(root) if d.is_error] == []  # text is text: the check passes
    return build_site(root), urls


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def test_finding_1_page_metadata_reaches_the_page_only_as_text(hostile_pages_site):
    site, urls = hostile_pages_site
    for name, url in urls.items():
        raw = (site / url / "index.html").read_text(encoding="utf-8")
        assert "<script>alert" not in raw, name
        assert "<img src=x" not in raw, name
        policy = re.search(r'Content-Security-Policy" content="([^"]*)"', raw).group(1)
        assert _hash(XSS) not in policy, name
    yaml_page = page(site, "yaml/")
    assert yaml_page.title.get_text() == f"x</title><script>{XSS}</script> - Test archive"
    description = yaml_page.find("meta", attrs={"name": "description"})["content"]
    assert description == f'"><script>{XSS}</script>'
    heading = page(site, "heading/")
    assert heading.title.get_text().startswith(f"</title><script>{XSS}</script>")
    # MultiMarkdown metadata is no metadata here: the lines stay in the body, sanitized
    body = page(site, "multimarkdown/").select_one("article")
    assert "Title: x" in body.get_text() and body.find("script") is None


@requires_chromium
def test_finding_1_no_script_from_page_metadata_runs_in_chromium(
    hostile_pages_site, http_server, browser_page, page_errors
):
    site, urls = hostile_pages_site
    base = http_server(site)
    dialogs: list[str] = []
    browser_page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for name, url in urls.items():
        response = browser_page.goto(f"{base}/{url}")
        assert response is not None and response.status == 200, name
        browser_page.wait_for_load_state("load")
        assert dialogs == [], name
        # every payload is on the page, as text, where it was written
        title = browser_page.title()
        if name in ("yaml", "heading"):
            assert "<script>alert(document.domain)</script>" in title, name
    page_errors.assert_none()  # not even a script blocked by the policy: there was none


def test_finding_1_fields_the_theme_would_trust_are_refused(tmp_path):
    make_archive(tmp_path)
    (tmp_path / "content" / "about.md").write_text(
        "---\nauthor: '<script>alert(1)</script>'\ntemplate: redirect.html\n"
        "location: '\",alert(1),\"'\nhide: [everything]\n---\n\n# About\n",
        encoding="utf-8",
    )
    diags = run_check(tmp_path)
    for line, text in [
        (2, "unknown field 'author'"),
        (3, "unknown field 'template'"),
        (4, "unknown field 'location'"),
        (5, "'everything' is not a part of the page that can be hidden"),
    ]:
        assert only(diags, f"content/about.md:{line}: error: "), (line, diags)
        assert only(diags, text), text


# --- finding 2: files copied as they are ------------------------------------------------------


def _png() -> bytes:
    """A real 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00\x00\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


PNG = _png()
SCRIPTED = {
    "statement.html": f"<html><body><script>{XSS}</script></body></html>",
    "media/chart.svg": f'<svg xmlns="http://www.w3.org/2000/svg"><script>{XSS}</script></svg>',
    "media/feed.xml": '<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">'
    f"{XSS}</x:script>",
    "media/app.js": XSS,
    "media/photo.png": f"<html><script>{XSS}</script></html>",  # HTML under an image's name
}


def _scripted_archive(root: Path) -> Path:
    make_archive(root, articles={"2025-x": article("Text.")})
    for rel, text in SCRIPTED.items():
        (root / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / rel).write_text(text, encoding="utf-8")
    (root / "content" / "media" / "real.png").write_bytes(PNG)
    (root / "content" / "media" / "table.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return root


def test_finding_2_files_that_could_run_script_are_refused_by_the_check(tmp_path):
    diags = run_check(_scripted_archive(tmp_path))
    for rel in SCRIPTED:
        found = only(diags, f"content/{rel}: error: ")
        assert found, (rel, diags)
    assert "SVG can hold scripts" in only(diags, "chart.svg")[0].message
    assert "does not hold a PNG image" in only(diags, "photo.png")[0].message
    assert not only(diags, "real.png") and not only(diags, "table.csv")


def test_finding_2_and_the_build_fails_naming_them(tmp_path, caplog):
    _scripted_archive(tmp_path)
    with pytest.raises((PluginError, Abort)) as exc:
        build_site(tmp_path)
    message = str(exc.value) + caplog.text
    for rel in SCRIPTED:
        assert f"content/{rel}: error: " in message, rel


def _skip_checks(monkeypatch) -> None:
    no_problems = checks.Diagnostics()
    monkeypatch.setattr(
        checks, "run_all_in_background", lambda archive, memo=None: lambda: no_problems
    )


@pytest.fixture
def built_without_checks(tmp_path, monkeypatch) -> Path:
    """A build whose checks were bypassed: what the plugin itself lets through."""
    _scripted_archive(tmp_path)
    monkeypatch.setattr(
        checks, "run_all_in_background", lambda archive, memo=None: lambda: checks.Diagnostics()
    )
    return build_site(tmp_path)


def test_finding_2_the_plugin_itself_publishes_none_of_them(built_without_checks):
    site = built_without_checks
    for rel in SCRIPTED:
        if rel != "media/photo.png":  # a PNG by its name: the check alone looks inside
            assert not (site / rel).exists(), rel
    assert (site / "media" / "real.png").read_bytes() == PNG
    assert (site / "media" / "table.csv").exists()


@requires_chromium
def test_finding_2_no_script_from_a_content_file_runs_in_chromium(
    built_without_checks, http_server, browser_page
):
    base = http_server(built_without_checks)
    dialogs: list[str] = []
    browser_page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for rel in SCRIPTED:
        response = browser_page.goto(f"{base}/{rel}")
        assert response is not None
        if rel != "media/photo.png":
            assert response.status == 404, rel
        browser_page.wait_for_load_state("load")
    assert dialogs == []


# --- finding 4: capture paths in URLs ---------------------------------------------------------


def test_finding_4_a_capture_folder_that_decodes_to_dot_dot_is_refused(tmp_path):
    capture = "archive/%2e%2e/%252E%252e/x.html"
    make_archive(
        tmp_path,
        articles={"2025-x": article("Text.", capture=capture, sha256=sha256("x"))},
        captures={capture.removeprefix("archive/"): "x"},
    )
    found = only(run_check(tmp_path), "content/articles/2025/2025-x.md:")
    assert any("once percent-decoded, '.' or '..'" in d.message for d in found), found


def test_finding_4_capture_links_are_percent_encoded(tmp_path):
    assert (
        capture_href("https://github.com/o/r/blob/HEAD/", "archive/%2e%2e/a b?#/x.html")
        == "https://github.com/o/r/blob/HEAD/archive/%252e%252e/a%20b%3F%23/x.html"
    )
    capture = "archive/example-news/2025/50%.html"
    make_archive(
        tmp_path,
        articles={"2025-x": article("Text.", capture=capture, sha256=sha256("x"))},
        captures={capture.removeprefix("archive/"): "x"},
    )
    site = build_site(tmp_path, "capture_base_url: https://github.com/o/r/blob/HEAD/")
    links = [a["href"] for a in page(site, "articles/2025/2025-x/").find_all("a", href=True)]
    assert "https://github.com/o/r/blob/HEAD/archive/example-news/2025/50%25.html" in links


# --- finding 5: files nobody checks -----------------------------------------------------------


def test_finding_5_every_file_under_articles_is_an_article_or_an_error(tmp_path):
    make_archive(tmp_path, articles={"2025-x": article("Text.")})
    folder = tmp_path / "content" / "articles" / "2025"
    for name in ("2025-y.markdown", "2025-z.MD", "2025-w.mdown", "notes.txt"):
        (folder / name).write_text(md(article("Unchecked text.")), encoding="utf-8")
    diags = run_check(tmp_path)
    for name in ("2025-y.markdown", "2025-z.MD", "2025-w.mdown"):
        found = only(diags, f"content/articles/2025/{name}: error: ")
        assert found and "must end in '.md'" in found[0].message, (name, diags)
    assert only(diags, "content/articles/2025/notes.txt: error: content/articles/ holds only")


def test_finding_5_the_plugin_publishes_no_unchecked_markdown(tmp_path, monkeypatch):
    make_archive(tmp_path, articles={"2025-x": article("Text.")})
    folder = tmp_path / "content" / "articles" / "2025"
    (folder / "2025-y.markdown").write_text(md(article("Unchecked.")), encoding="utf-8")
    (folder / "2025-z.MD").write_text(md(article("Unchecked.")), encoding="utf-8")
    monkeypatch.setattr(
        checks, "run_all_in_background", lambda archive, memo=None: lambda: checks.Diagnostics()
    )
    site = build_site(tmp_path)
    assert not (site / "articles" / "2025" / "2025-y").exists()
    assert not (site / "articles" / "2025" / "2025-z.MD").exists()


@pytest.mark.parametrize(
    "rel, message",
    [
        ("articles/2025/06.md", "the id '06' is only digits"),
        ("articles/2025/2025.md", "the id '2025' is only digits"),
        ("articles/2025/page-2.md", "the id 'page-2' is the URL of a page of the year"),
        ("people/letter-a.md", "the id 'letter-a' is the URL of a page of the A-Z index"),
        ("people/index.md", "would replace a page the build makes (people/)"),
        ("articles/2025/index.md", "would replace a page the build makes (articles/2025/)"),
        ("search.md", "would take the place of what the build writes at search.md"),
        ("data/articles.json", "would take the place of what the build writes at data"),
        ("captures/x/2025/y.txt", "would take the place of what the build writes at captures"),
    ],
)
def test_finding_5_ids_and_pages_that_clash_with_generated_pages_fail_the_check(
    tmp_path, rel, message
):
    make_archive(tmp_path, articles={"2025-x": article("Text.")})
    path = tmp_path / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    text = md({"name": "Letter A"}) if rel.startswith("people/") else md(article("Text."))
    path.write_text("[]" if rel.endswith(".json") else text, encoding="utf-8")
    found = only(run_check(tmp_path), f"content/{rel}: error: ")
    assert found and message in found[0].message, found


def test_finding_5_every_generated_page_is_reserved(tmp_path):
    """The check's rules cover every page the build makes: an article or entry whose id
    equals a generated page's last segment is refused (a 60-article archive, months paged)."""
    from benchmarks.generate import generate
    from site_builder.core import archive as archive_mod
    from site_builder.core import contentfiles
    from site_builder.site.site import Site, SiteOptions

    generate(tmp_path, 60, 1)
    arch = archive_mod.load(tmp_path)
    site = Site(arch, SiteOptions(per_page=2, az_threshold=5, search=True))
    assert site.open_data is not None
    assert site.captures, "the generated archive has captures, published with the site"
    paths = [g.src_uri for g in site.generated] + list(site.open_data.files) + list(site.captures)
    sections = archive_mod.SECTIONS
    checked = 0
    for src in paths:
        rel = PurePosixPath(src)
        parts = rel.with_suffix("").parts
        if rel.name == "index.md" or len(parts) == 1 or parts[0] not in sections:
            reason = contentfiles.reserved_page(rel, sections)
        elif parts[0] == "articles" and len(parts) == 3:  # articles/<yyyy>/<mm>, /page-2
            reason = contentfiles.reserved_article_id(parts[-1])
        elif len(parts) == 2:  # people/letter-a
            reason = contentfiles.reserved_entity_id(parts[-1])
        else:
            continue  # below a page that is itself reserved, or below an entry's own page
        assert reason is not None, src
        checked += 1
    assert checked > 20
