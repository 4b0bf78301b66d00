"""Provenance up front: the strip under an article's headline, and the captures the site
publishes beside its pages, as text, byte for byte."""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import PurePosixPath

import pytest
from conftest import article, make_archive, only, run_check, sha256
from mkdocs.exceptions import Abort, PluginError
from sitebuild import build_site, page, resolve, target_exists

from site_builder import checks
from site_builder.core import archive as archive_mod
from site_builder.core.contentfiles import published_capture
from site_builder.core.diagnostics import Diagnostics
from site_builder.mkdocs_plugin import plugin as plugin_mod
from site_builder.site.articles import curators_title, verified_captures
from site_builder.site.site import Site

ID = "2025-06-capture-story"
URL = f"articles/2025/{ID}/"
CAPTURE = f"archive/example-news/2025/{ID}.html"
# A capture as a web page is obtained: with scripts, which must never run on the site.
CAPTURE_BYTES = (
    b"<!doctype html><html><head><title>Original</title>"
    b"<script>document.title = 'RAN'; window.sbCaptureRan = true;</script></head>"
    b'<body><p>Caf\xc3\xa9 text \xd0\x90\xd0\xb1\r\n<img src=x onerror="window.sbImg=1"></p>'
    b"\x00 a NUL, \xff a byte that is not UTF-8</body></html>\n"
)
ORIGINAL = "https://example.org/story?id=1&x=2"
WEB_ARCHIVE = "https://web.archive.org/web/2025/https://example.org/story"

CURATED = "2025-05-untitled-note"
CURATED_URL = f"articles/2025/{CURATED}/"
NOTES = "The original has no headline; this one is the curator's. The date is the sender's."
BARE = "2025-04-no-provenance"
BARE_URL = f"articles/2025/{BARE}/"


def _archive(root):
    return make_archive(
        root,
        articles={
            ID: article(
                "A body.",
                title="A story with a capture",
                url=ORIGINAL,
                capture=CAPTURE,
                sha256=sha256(CAPTURE_BYTES),
                archived_url=WEB_ARCHIVE,
                retrieved="2025-06-13",
            ),
            CURATED: article(
                "A note sent to the archive.",
                title="[A note on funding, untitled in the original]",
                date="2025-05",
                capture=f"archive/example-news/2025/{CURATED}.txt",
                sha256=sha256("note"),
                notes=NOTES,
            ),
            BARE: article("Nothing to go by.", title="No provenance", date="2025-04-02"),
        },
        captures={
            CAPTURE.removeprefix("archive/"): CAPTURE_BYTES,
            f"example-news/2025/{CURATED}.txt": "note",
        },
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(_archive(tmp_path_factory.mktemp("provenance")))


def _strip(site, url):
    strip = page(site, url).select_one("header.sb-article-header ul.sb-source")
    assert strip is not None, url
    return strip


def _link(strip, text):
    found = [a for a in strip.find_all("a") if a.get_text(" ", strip=True) == text]
    assert len(found) == 1, (text, strip)
    return found[0]["href"]


def test_the_strip_sits_under_the_headline_and_links_original_copy_and_cite(site):
    header = page(site, URL).select_one("header.sb-article-header")
    children = [el.name for el in header.find_all(recursive=False)]
    assert children[:3] == ["h1", "p", "ul"]  # headline, byline, the strip
    strip = _strip(site, URL)
    assert _link(strip, "Original") == ORIGINAL
    assert _link(strip, "Web archive") == WEB_ARCHIVE
    cite = _link(strip, "Cite")
    assert cite == "#sb-cite" and target_exists(site, URL, cite)
    copy = _link(strip, "Archived copy")
    assert target_exists(site, URL, copy)
    assert resolve(URL, copy)[0] == "captures/example-news/2025/" + ID + ".html.txt"
    for a in strip.select("a.sb-external"):
        assert a["rel"] == ["noopener", "noreferrer"]


def test_the_published_capture_is_the_capture_byte_for_byte(site):
    published = site / "captures" / "example-news" / "2025" / f"{ID}.html.txt"
    assert published.read_bytes() == CAPTURE_BYTES
    assert hashlib.sha256(published.read_bytes()).hexdigest() == sha256(CAPTURE_BYTES)
    # never under a name a server would send as HTML
    assert not list(site.joinpath("captures").rglob("*.html"))
    assert (site / "captures" / "example-news" / "2025" / f"{CURATED}.txt").read_text() == "note"


def test_the_checksum_is_shown_and_said_verified_and_given_whole_below(site):
    strip = _strip(site, URL)
    item = next(li for li in strip.find_all("li") if "SHA-256" in li.get_text())
    digest = sha256(CAPTURE_BYTES)
    assert item.code.get_text() == digest[:8] + "…"
    assert "checksum verified at build" in item.get_text()
    anchor = item.a["href"]
    assert anchor == "#sb-sha256" and target_exists(site, URL, anchor)
    full = page(site, URL).select_one("#sb-sha256")
    assert full.code.get_text() == digest
    assert full.select_one(".sb-verified").get_text() == "verified at build"
    assert full.find_parent("section")["class"] == ["sb-section", "sb-provenance"]


def test_the_provenance_box_gives_the_full_values_once(site):
    box = page(site, URL).select_one("section.sb-provenance")
    terms = [dt.get_text() for dt in box.find_all("dt")]
    assert terms == ["Original", "Archived copy", "SHA-256", "Web archive", "Retrieved"]
    copy = box.find("code", string=CAPTURE).find_parent("a")["href"]
    assert copy == _link(_strip(site, URL), "Archived copy")
    assert box.select_one("a.sb-external").get_text() == ORIGINAL


def test_a_curators_headline_is_explained_under_it_with_the_note(site):
    soup = page(site, CURATED_URL)
    note = soup.select_one("header.sb-article-header details.sb-curator-note")
    assert "square brackets is the curator's" in note.summary.get_text()
    assert note.select_one(".sb-notes").get_text() == NOTES
    # said once: not again at the bottom
    box = soup.select_one("section.sb-provenance")
    assert "Curator's notes" not in box.get_text() and NOTES not in box.get_text()
    # the note of an article with its outlet's headline stays at the bottom
    assert page(site, URL).select_one("header .sb-curator-note") is None


def test_an_article_without_url_or_capture_says_so(site):
    strip = _strip(site, BARE_URL)
    assert [li.get_text() for li in strip.find_all("li")] == [
        "Original URL not known",
        "No archived copy",
        "Cite",
    ]


def test_curators_title():
    assert curators_title("[A headline]")
    assert not curators_title("A [bracketed] word")
    assert not curators_title("[]") and not curators_title("[Open")


def test_verified_only_where_the_checks_compared_the_checksum(tmp_path):
    root = _archive(tmp_path)
    arch = archive_mod.load(root)
    assert verified_captures(arch, checks.run_all(arch)) == {ID, CURATED}
    diags = Diagnostics()
    path = next(a.path for a in arch.articles if a.id == ID)
    diags.error(path, 9, "sha256", "does not match")
    assert verified_captures(arch, diags) == {CURATED}
    # a page composed without the checks' verdict claims nothing
    site = Site(arch)
    a = arch.by_id[ID]
    html = site.articles.compose(a, "<p>A body.</p>").html
    assert "SHA-256" in html and "verified at build" not in html
    site.articles.verified = frozenset({ID})
    assert "checksum verified at build" in site.articles.compose(a, "<p>A body.</p>").html


def test_a_broken_checksum_fails_the_build_so_no_page_claims_it(tmp_path, caplog):
    root = _archive(tmp_path)
    (root / CAPTURE).write_bytes(CAPTURE_BYTES + b"edited")
    with pytest.raises((PluginError, Abort)):
        build_site(root)
    assert "sha256: does not match archive/example-news/2025/" in caplog.text
    assert not (root / "site" / "articles").exists()


def test_publish_captures_off_links_the_repository_copy(tmp_path):
    root = _archive(tmp_path)
    site = build_site(
        root, "publish_captures: false\ncapture_base_url: https://github.com/o/r/blob/HEAD/"
    )
    assert not (site / "captures").exists()
    repo = f"https://github.com/o/r/blob/HEAD/{CAPTURE}"
    assert _link(_strip(site, URL), "Archived copy") == repo
    box = page(site, URL).select_one("section.sb-provenance")
    assert box.find("a", string="in the repository")["href"] == repo
    assert box.find("code", string=CAPTURE).find_parent("a") is None


def test_with_a_repository_the_copy_here_comes_first_and_the_repository_second(tmp_path):
    site = build_site(_archive(tmp_path), "capture_base_url: https://github.com/o/r/blob/HEAD/")
    assert _link(_strip(site, URL), "Archived copy").startswith("../../../captures/")
    box = page(site, URL).select_one("section.sb-provenance")
    links = [a["href"] for a in box.find("dt", string="Archived copy").find_next("dd")("a")]
    assert links[0].startswith("../../../captures/")
    assert links[1] == f"https://github.com/o/r/blob/HEAD/{CAPTURE}"


def test_a_capture_name_that_needs_encoding_is_linked_encoded(tmp_path):
    capture = "archive/example-news/2025/50% off #1.html"
    make_archive(
        tmp_path,
        articles={"2025-x": article("Text.", capture=capture, sha256=sha256("x"))},
        captures={capture.removeprefix("archive/"): "x"},
    )
    site = build_site(tmp_path)
    href = _link(_strip(site, "articles/2025/2025-x/"), "Archived copy")
    assert href.endswith("/captures/example-news/2025/50%25%20off%20%231.html.txt")
    assert (site / "captures" / "example-news" / "2025" / "50% off #1.html.txt").read_text() == "x"


@pytest.mark.parametrize("linked", ["file", "folder"])
def test_a_capture_reached_through_a_link_is_never_published(tmp_path, monkeypatch, linked):
    """The check refuses symbolic links; without it, the build still copies nothing through
    one (it could publish any file of the machine)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "2025-x.html").write_text("private", encoding="utf-8")
    capture = "archive/example-news/2025/2025-x.html"
    make_archive(
        tmp_path / "r",
        articles={"2025-x": article("Text.", capture=capture, sha256=sha256("private"))},
    )
    target = tmp_path / "r" / capture
    if linked == "file":
        target.parent.mkdir(parents=True)
        os.symlink(outside / "2025-x.html", target)
    else:
        target.parent.parent.mkdir(parents=True)
        os.symlink(outside, target.parent)
    assert target.read_text() == "private"
    monkeypatch.setattr(
        checks, "run_all_in_background", lambda archive, memo=None: lambda: checks.Diagnostics()
    )
    site = build_site(tmp_path / "r")
    assert not (site / "captures").exists()
    assert "No archived copy" in _strip(site, "articles/2025/2025-x/").get_text()


def test_content_cannot_take_the_captures_folder(tmp_path):
    make_archive(tmp_path, articles={"2025-x": article("Text.")})
    path = tmp_path / "content" / "captures" / "example-news" / "2025" / "2025-x.txt"
    path.parent.mkdir(parents=True)
    path.write_text("forged", encoding="utf-8")
    found = only(run_check(tmp_path), "content/captures/example-news/2025/2025-x.txt: error: ")
    assert found and "would take the place of what the build writes at captures" in found[0].message


def test_published_capture_paths():
    assert published_capture("archive/o/2025/x.html") == "captures/o/2025/x.html.txt"
    assert published_capture("archive/o/2025/x.txt") == "captures/o/2025/x.txt"
    assert published_capture("archive/o/2025/x.TXT") == "captures/o/2025/x.TXT.txt"
    assert published_capture("archive/o/2025/x.pdf") == "captures/o/2025/x.pdf.txt"
    assert PurePosixPath(published_capture("archive/o/x")).parts[0] == "captures"


def test_the_build_warns_when_captures_approach_github_pages_limit(tmp_path, caplog, monkeypatch):
    monkeypatch.setattr(plugin_mod, "CAPTURES_WARN_BYTES", len(CAPTURE_BYTES))
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.site_builder"):
        build_site(_archive(tmp_path))
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("publish_captures: false" in m and "2 published" in m for m in warned), warned
