"""`site-builder verify`: links, anchors and sizes of a built site, on small sites written by
hand and on the build of the shipped archive."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import article, make_archive
from mkdocs.commands.build import build
from mkdocs.config import load_config
from sitebuild import build_site

from site_builder.cli import main
from site_builder.publish import verify as verify_mod
from site_builder.publish.verify import scan, verify

ROOT = Path(__file__).resolve().parents[1]


def page(body: str = "", head: str = "") -> str:
    body = f'<main id="main">{body}</main>'
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def write_site(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` (path inside the site -> content) into root/site; return that folder."""
    site = root / "site"
    files = {"index.html": page("home"), **files}
    for rel, content in files.items():
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return site


def lines(problems) -> list[str]:
    return [str(p) for p in problems]


@pytest.fixture
def in_tmp(tmp_path, monkeypatch) -> Path:
    """Run in tmp_path, so problems name `site/...` as they would in a repository."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --------------------------------------------------------------------------- links


def test_a_sound_site_has_no_problems(in_tmp):
    write_site(
        in_tmp,
        {
            "index.html": page(
                '<a href="people/x/">x</a> <a href="people/x/#bio">bio</a>'
                '<a href="people/x">no slash: servers redirect to the folder</a>'
                '<a href="./people/x/index.html?utm=1#bio">query and file</a>'
                '<a href="files/a%20b.pdf#page=2">percent-encoded, a fragment of a PDF</a>'
                '<a href="#main">this page</a> <a href="#">top</a> <a href="">self</a>'
                '<a href="/people/x/">root-relative</a>'
                '<img src="img/a.png" srcset="img/a.png 1x, img/b%2C2x.png 2x" alt="">'
                '<a href="https://example.org/nowhere">external</a>'
                '<a href="mailto:a@example.org">mail</a> <a href="tel:+77000000000">tel</a>'
                '<img src="data:image/png;base64,AAAA" alt="">'
                '<a href="//cdn.example.org/x.js">another host</a>'
                '<a name="old-anchor"></a> <a href="#old-anchor">a name counts</a>',
                head='<link rel="stylesheet" href="assets/s.css">'
                '<script src="assets/a.js"></script>',
            ),
            "people/x/index.html": page(
                '<h2 id="bio">Bio</h2><a href="../../">home</a><a href="../..">home</a>'
                '<a href="../../index.html#main">home main</a>'
            ),
            "files/a b.pdf": b"%PDF",
            "img/a.png": b"png",
            "img/b,2x.png": b"png",
            "assets/s.css": "body{}",
            "assets/a.js": "",
        },
    )
    assert lines(verify("site")) == []


def test_a_broken_link_is_named_with_its_page_and_target(in_tmp):
    write_site(in_tmp, {"people/x/index.html": page('<a href="../y/">y</a>')})
    assert lines(verify("site")) == [
        "site/people/x/index.html: broken link '../y/' -> people/y/index.html does not exist"
    ]


def test_a_missing_anchor_is_caught_on_another_page_and_on_the_same_one(in_tmp):
    write_site(
        in_tmp,
        {
            "index.html": page('<a href="a/#p-3">p3</a> <a href="#nowhere">x</a>'),
            "a/index.html": page('<p id="p-1">one</p><p id="p-2">two</p>'),
        },
    )
    assert lines(verify("site")) == [
        "site/index.html: broken link '#nowhere' -> no element with id 'nowhere' in index.html",
        "site/index.html: broken link 'a/#p-3' -> no element with id 'p-3' in a/index.html",
    ]


def test_percent_encoded_fragments_and_entities_in_attributes(in_tmp):
    write_site(
        in_tmp,
        {
            "index.html": page(
                '<h2 id="qué">x</h2><a href="#qu%C3%A9">encoded</a>'
                '<a href="a/?x=1&amp;y=2#b&amp;c">entity</a>'
            ),
            "a/index.html": page('<p id="b&amp;c">b</p>'),
        },
    )
    assert lines(verify("site")) == []


def test_links_in_scripts_templates_comments_and_code_are_not_links(in_tmp):
    html = page(
        "<script>document.write('<a href=\"nowhere/\">')</script>"
        '<template><a href="nowhere/">x</a><p id="t"></p></template>'
        '<!-- <a href="nowhere/"> -->'
        '<pre><code>&lt;a href="nowhere/"&gt;</code></pre>'
        '<p>he said href="nowhere/" and id="t"</p>'
        '<a href="#t">the id inside the template is no element of the page</a>'
    )
    write_site(in_tmp, {"index.html": html})
    assert lines(verify("site")) == [
        "site/index.html: broken link '#t' -> no element with id 't' in index.html"
    ]


def test_attributes_the_scan_reads(in_tmp):
    found = scan(
        "<A HREF=one ID=x CLASS=y>a</A>"
        "<a class='q' title=\"a > b\" href='two'>b</a>"
        '<img srcset="three 1x,four 2x, data:image/png;base64,AA,BB 3x" src=five>'
        '<meta http-equiv="refresh" content="0; url=../six/">'
        '<svg><use xlink:href="#seven"></use></svg><video poster="eight.png"></video>'
    )
    assert found.links == [
        "one", "two", "three", "four", "data:image/png;base64,AA,BB", "five", "../six/",
        "#seven", "eight.png",
    ]  # fmt: skip
    assert found.ids == {"x"}


def test_a_redirect_page_to_a_missing_page_is_caught(in_tmp):
    # what a former id's redirect page looks like: meta refresh, canonical link, a plain link
    redirect = page(
        '<a href="../new/">moved</a>',
        head='<meta http-equiv="refresh" content="0; url=../new/"><link rel="canonical" '
        'href="../new/">',
    )
    write_site(in_tmp, {"old/index.html": redirect})
    assert lines(verify("site")) == [
        "site/old/index.html: broken link '../new/' -> new/index.html does not exist"
    ]


def test_links_that_climb_out_of_the_site_are_broken(in_tmp):
    write_site(in_tmp, {"a/index.html": page('<a href="../../x/">x</a>')})
    assert lines(verify("site")) == [
        "site/a/index.html: broken link '../../x/' -> points outside the site folder"
    ]


def test_a_folder_without_index_and_a_case_mismatch(in_tmp):
    write_site(
        in_tmp,
        {
            "index.html": page('<a href="img/">img</a> <a href="People/x.png">x</a>'),
            "img/a.png": b"png",
            "people/x.png": b"png",
        },
    )
    assert lines(verify("site")) == [
        "site/index.html: broken link 'People/x.png' -> People/x.png does not exist "
        "(a file differs in case only: people/x.png; URLs are case-sensitive)",
        "site/index.html: broken link 'img/' -> img/index.html does not exist "
        "(the folder has no index.html)",
    ]


def test_javascript_urls_are_refused(in_tmp):
    write_site(in_tmp, {"index.html": page('<a href="JavaScript:alert(1)">x</a>')})
    assert lines(verify("site")) == [
        "site/index.html: broken link 'JavaScript:alert(1)' -> a javascript: URL; "
        "links must not run code"
    ]


def test_root_relative_links_under_a_base_path(in_tmp):
    write_site(
        in_tmp,
        {
            "index.html": page(
                '<a href="/repo/a/">in</a> <a href="/repo">root</a> <a href="/a/">out</a>'
                '<a href="https://org.github.io/repo/a/#x">absolute, ours</a>'
                '<a href="https://org.github.io/repo/b/">absolute, missing</a>'
                '<a href="https://org.github.io/other/">another site on the host: external</a>'
            ),
            "a/index.html": page('<p id="x">x</p>'),
        },
    )
    problems = lines(verify("site", base_url="https://org.github.io/repo/"))
    assert problems == [
        "site/index.html: broken link '/a/' -> outside the site's base path /repo/ "
        "(build with a site_url that ends in it, or give the right --base-url)",
        "site/index.html: broken link 'https://org.github.io/repo/b/' -> b/index.html does "
        "not exist",
    ]
    # a path alone checks root-relative links; absolute URLs are then someone else's
    assert len(verify("site", base_url="/repo/")) == 1
    # without a base path, "/repo/a/" is a folder repo/ that the site does not have
    assert any("repo/a/index.html does not exist" in line for line in lines(verify("site")))


def test_the_base_url_comes_from_the_home_pages_canonical_link(in_tmp):
    home = page(head='<link rel="canonical" href="https://org.github.io/repo/">')
    write_site(
        in_tmp,
        {
            "index.html": home,
            "404.html": page('<a href="/repo/">home</a><a href="/about/">about</a>'),
            "about/index.html": page(),
        },
    )
    assert verify_mod.served_at("site") == "https://org.github.io/repo/"
    assert lines(verify("site")) == [
        "site/404.html: broken link '/about/' -> outside the site's base path /repo/ "
        "(build with a site_url that ends in it, or give the right --base-url)"
    ]
    assert lines(verify("site", base_url="/")) == [
        "site/404.html: broken link '/repo/' -> repo/index.html does not exist"
    ]


def test_relative_links_on_the_404_page_are_refused(in_tmp):
    write_site(
        in_tmp,
        {
            "404.html": page('<a href="/">home</a><a href="assets/s.css">css</a>'),
            "assets/s.css": "",
        },
    )
    assert [p.path for p in verify("site")] == ["site/404.html"]
    assert "relative link 'assets/s.css'" in lines(verify("site"))[0]


def test_a_base_href_changes_where_relative_links_start(in_tmp):
    write_site(
        in_tmp,
        {
            "deep/page/index.html": page('<a href="a/">a</a>', head='<base href="../../">'),
            "a/index.html": page(),
        },
    )
    assert lines(verify("site")) == []


# --------------------------------------------------------------------------- sizes


def test_an_oversized_page_is_caught(in_tmp):
    big = page("<p>" + "x" * 201_000 + "</p>")
    write_site(in_tmp, {"big/index.html": big, "data.json": "x" * 300_000})
    problems = verify("site")
    assert lines(problems) == [
        "site/big/index.html: page is 201 KB of HTML, above the 200 KB limit; split it, "
        "or list fewer items per page (per_page)"
    ]  # the JSON file is no page: only the 50 MiB limit applies to it
    assert verify("site", max_page_kb=300) == []


def test_oversized_files_and_site(in_tmp):
    write_site(in_tmp, {"media/clip.bin": b"\0" * 2_000_000})
    problems = lines(verify("site", max_file_mib=1, max_site_gib=0.001))
    assert problems == [
        "site: site is 0.00 GiB, above GitHub Pages' 0.001 GiB limit; keep large files out "
        "of the site",
        "site/media/clip.bin: file is 1.9 MiB, above the 1 MiB limit per file; keep large "
        "media out of the site (link to them instead)",
    ]


def test_a_site_without_a_home_page(in_tmp):
    write_site(in_tmp, {})
    (in_tmp / "site" / "index.html").unlink()
    assert lines(verify("site")) == [
        "site: no index.html at the site's root: its home page would be a 404"
    ]


# --------------------------------------------------------------------------- the command


def test_command_exit_codes_problems_and_summary(in_tmp, capsys):
    write_site(in_tmp, {"a/index.html": page('<a href="../b/">b</a>')})
    assert main(["verify", "site"]) == 1
    out, err = capsys.readouterr()
    assert out == "site/a/index.html: broken link '../b/' -> b/index.html does not exist\n"
    assert err == "verified 2 pages and 2 files (0.0 MiB) served at /: 1 problem\n"

    (in_tmp / "site" / "b").mkdir()
    (in_tmp / "site" / "b" / "index.html").write_text(page(), encoding="utf-8")
    assert main(["verify", "site"]) == 0
    out, err = capsys.readouterr()
    assert out == "verified 3 pages and 3 files (0.0 MiB) served at /: no problems\n"
    assert err == ""


def test_command_without_a_site(in_tmp, capsys):
    assert main(["verify", "nowhere"]) == 2
    assert "nowhere: no such folder; build the site first" in capsys.readouterr().err


def test_command_github_format_and_a_repeated_broken_link_shown_a_few_times(in_tmp, capsys):
    files = {f"p{i}/index.html": page('<a href="../assets/gone.css">x</a>') for i in range(8)}
    write_site(in_tmp, files)
    assert main(["verify", "site", "--format", "github"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == verify_mod.SHOWN_PER_TARGET + 1
    assert out[0] == (
        "::error title=site-builder verify::site/p0/index.html: broken link "
        "'../assets/gone.css' -> assets/gone.css does not exist"
    )
    assert out[-1] == "::error::... and 3 more of the same: 'assets/gone.css'"


def test_worker_processes_find_what_one_process_finds(in_tmp, monkeypatch):
    files = {f"p{i}/index.html": page(f'<a href="../p{i + 1}/#x">next</a>') for i in range(30)}
    files["p7/index.html"] = page('<p id="x"></p><a href="../p8/#x">next</a>')
    write_site(in_tmp, files)
    one = lines(verify("site", jobs=1))
    monkeypatch.setattr(verify_mod, "PARALLEL_FROM", 1)
    assert lines(verify("site", jobs=2)) == one
    assert len(one) == 30 - 1  # every link lacks its anchor but the one to p7, p30 is missing
    assert "site/p29/index.html: broken link '../p30/#x' -> p30/index.html does not exist" in one


def test_progress_is_reported(in_tmp):
    write_site(in_tmp, {"a/index.html": page()})
    seen = []
    verify("site", progress=lambda what, done, total: seen.append((what, done, total)))
    assert seen[-1] == ("verify: checking links", 2, 2)
    assert ("verify: reading pages", 2, 2) in seen


# --------------------------------------------------------------------------- the shipped archive


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("shipped") / "site"
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site


def test_the_shipped_archive_builds_a_sound_site(shipped_site):
    report = verify_mod.run(shipped_site)
    assert [str(p) for p in report.problems] == []
    assert report.pages >= 20


def test_the_shipped_archive_works_under_a_repository_path(tmp_path):
    # GitHub Pages serves a project's site at https://OWNER.github.io/REPOSITORY/
    site = tmp_path / "site"
    config = load_config(
        str(ROOT / "mkdocs.yml"), site_dir=str(site), site_url="https://org.github.io/archive/"
    )
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    report = verify_mod.run(site)
    assert report.base_url == "https://org.github.io/archive/"
    assert [str(p) for p in report.problems] == []


def test_verify_catches_a_page_missing_from_the_shipped_site(shipped_site, tmp_path):
    broken = tmp_path / "site"
    shutil.copytree(shipped_site, broken)
    shutil.rmtree(broken / "people" / "usen-suleimen")
    problems = verify(broken)
    assert problems, "links to the removed person page must be reported"
    assert {p.message.split(" -> ")[1] for p in problems} == {
        "people/usen-suleimen/index.html does not exist"
    }
    assert any(p.path.endswith("articles/2025/2025-cmn-kz-ngos-look-for-new-funding/index.html")
               for p in problems)  # fmt: skip


# --------------------------------------------------------------------------- the search bundle
# Finding 9: a build killed after its last page but before Pagefind's bundle is in place
# leaves pages whose search box loads a bundle that is not there. Verify must refuse it.


@pytest.fixture(scope="module")
def searchable_site(tmp_path_factory) -> Path:
    """A real build of a tiny archive, search on: every page has the header's search box."""
    root = make_archive(
        tmp_path_factory.mktemp("searchable"),
        articles={
            "2025-one": article("Usen Suleimen spoke about torture.", people=["Usen Suleimen"],
                                topics=["Torture"]),
            "2024-two": article("Artur Lastayev answered.", title="Two", language="ru",
                                people=["Artur Lastayev"]),
        },
    )  # fmt: skip
    return build_site(root)


def _copy(site: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    return copy


def _bundle_files(site: Path, folder: str) -> list[Path]:
    return sorted((site / "pagefind" / folder).iterdir())


def test_a_built_site_with_search_verifies_and_its_pages_have_a_search_box(searchable_site):
    assert lines(verify(searchable_site)) == []
    home = scan((searchable_site / "index.html").read_text(encoding="utf-8"))
    search_page = scan((searchable_site / "search" / "index.html").read_text(encoding="utf-8"))
    assert home.search and search_page.search  # what the check below is about


def test_a_site_without_its_search_bundle_is_refused(searchable_site, tmp_path, monkeypatch):
    site = _copy(searchable_site, tmp_path)
    shutil.rmtree(site / "pagefind")  # as a build killed before the bundle was moved in
    monkeypatch.chdir(tmp_path)
    pages = len(list(site.rglob("*.html")))
    assert main(["verify", "site"]) == 1
    assert lines(verify("site")) == [
        f"site/pagefind: no search bundle, so search fails on the {pages} pages with a search "
        f"box (site/index.html and {pages - 1} more): the build stopped before Pagefind wrote "
        "its bundle; build again (mkdocs build)"
    ]


def test_a_site_without_its_names_file_is_refused(searchable_site, tmp_path, monkeypatch):
    site = _copy(searchable_site, tmp_path)
    (site / "search" / "names.json").unlink()
    monkeypatch.chdir(tmp_path)
    pages = len(list(site.rglob("*.html")))
    assert lines(verify("site")) == [
        "site/search/names.json: missing, so the search box finds no entry by a misspelled "
        f"name on the {pages} pages with a search box (site/index.html and {pages - 1} more): "
        "the build stopped before writing it; build again (mkdocs build)"
    ]


@pytest.mark.parametrize("folder", ["index", "filter", "fragment"])
def test_a_search_bundle_missing_one_file_is_refused(searchable_site, tmp_path, folder, capsys):
    site = _copy(searchable_site, tmp_path)
    gone = _bundle_files(site, folder)[0]
    gone.unlink()
    assert main(["verify", str(site)]) == 1
    out = capsys.readouterr().out.splitlines()
    [meta] = (site / "pagefind").glob("pagefind.*.pf_meta")
    assert len(out) == 1
    assert out[0].startswith(
        f"{site}/pagefind/{folder}/{gone.name}: missing ({meta.name} names it): the search "
        "bundle is incomplete, so search fails on the "
    )
    assert out[0].endswith("build again (mkdocs build)")


@pytest.mark.parametrize(
    "name",
    ["pagefind.js", "pagefind-component-ui.js", "pagefind-entry.json", "meta", "wasm.ru.pagefind"],
)
def test_a_search_bundle_without_its_entry_files_is_refused(searchable_site, tmp_path, name):
    site = _copy(searchable_site, tmp_path)
    bundle = site / "pagefind"
    gone = next(bundle.glob("pagefind.*.pf_meta")) if name == "meta" else bundle / name
    gone.unlink()
    problems = verify(site)
    assert [p.path for p in problems] == [f"{site}/pagefind/{gone.name}"]
    assert problems[0].message.startswith("missing")


def test_an_empty_or_cut_short_bundle_file_is_refused(searchable_site, tmp_path):
    site = _copy(searchable_site, tmp_path)
    (site / "pagefind" / "pagefind-entry.json").write_text("", encoding="utf-8")
    assert [p.message.split(":")[0] for p in verify(site)] == ["empty"]
    (site / "pagefind" / "pagefind-entry.json").write_text('{"version": "1.5', encoding="utf-8")
    assert [p.message.split(":")[0] for p in verify(site)] == ["unreadable (JSONDecodeError)"]


def test_a_site_built_without_search_verifies_clean(tmp_path):
    root = make_archive(tmp_path, articles={"2025-one": article("Text.")})
    site = build_site(root, plugin_options="search: false")
    assert not (site / "pagefind").exists()
    assert not scan((site / "index.html").read_text(encoding="utf-8")).search
    assert lines(verify(site)) == []
