"""`site-builder import`: saved pages, text, standard input and URLs become a capture and a
draft; the seed capture imports into a draft that passes the check.

Every test works on a copy in tmp_path (the shipped registry, or the small fictional registry
in tests/fixtures/import/registry); nothing is written into the repository's content/ or
archive/.
"""

from __future__ import annotations

import hashlib
import http.server
import io
import os
import re
import shutil
import threading
import time
from pathlib import Path

import pytest
from conftest import run_check

from site_builder.cli import main
from site_builder.core.frontmatter import read as read_front_matter
from site_builder.ingest import importer
from site_builder.ingest.extract import from_text
from site_builder.text.attribution import PersonFinder, attributions, quoted_spans, stem
from site_builder.text.plaintext import plain

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "import"
# The seed capture as the repository ships it: byte for byte the fixture in shared/fixtures
# (tests/test_shipped_archive.py checks that), and present in any clone.
SEED = REPO / "archive" / "cmn-kz" / "2025" / "2025-cmn-kz-ngos-look-for-new-funding.txt"
SHIPPED_SEED_ARTICLE = "content/articles/2025/2025-cmn-kz-ngos-look-for-new-funding.md"
ENGLISH = FIXTURES / "steppe-herald-water-tariffs.html"
RUSSIAN = FIXTURES / "stepnoi-vestnik-tarify.html"
SEED_TITLE = "[Kazakhstan's NGOs look for new funding]"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["import", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def written(root: Path) -> list[Path]:
    """Every file under the draft and capture folders, relative to root."""
    found = [*(root / "content" / "articles").rglob("*.md"), *(root / "archive").rglob("*")]
    return sorted(p.relative_to(root) for p in found if p.is_file())


def draft(root: Path) -> tuple[dict, str, str]:
    """The one imported draft: its front matter, its body and its whole text."""
    [path] = [p for p in (root / "content" / "articles").rglob("*.md")]
    text = path.read_text(encoding="utf-8")
    fm = read_front_matter(path.relative_to(root).as_posix(), text)
    assert not fm.diagnostics, fm.diagnostics
    return fm.data, fm.body, text


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/fixtures/import/golden/NAME; `UPDATE_GOLDEN=1` rewrites it."""
    actual = re.sub(r'(?m)^retrieved: "\d{4}-\d\d-\d\d"$', 'retrieved: "TODAY"', actual)
    path = FIXTURES / "golden" / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
    assert actual == path.read_text(encoding="utf-8"), (
        f"the draft differs from {path}; if the change is intended, regenerate it with "
        "UPDATE_GOLDEN=1 and review the diff"
    )


def body_blocks(body: str) -> list[str]:
    return [b.strip() for b in re.split(r"\n\s*\n", body) if b.strip()]


def errors_in_draft(root: Path) -> list[str]:
    diags = run_check(root)
    return [d.format() for d in diags if d.is_error and d.path.startswith("content/articles/")]


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped content/ (registry and the curated seed article)."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    return tmp_path


@pytest.fixture
def registry_only(shipped: Path) -> Path:
    """The shipped registry without the curated seed article, which the seed would repeat."""
    (shipped / SHIPPED_SEED_ARTICLE).unlink()
    return shipped


@pytest.fixture
def fictional(tmp_path: Path) -> Path:
    """The small registry of the HTML fixtures: fictional people, a committee, an outlet."""
    shutil.copytree(FIXTURES / "registry", tmp_path / "content")
    (tmp_path / "content" / "articles").mkdir()
    return tmp_path


# --- the seed ------------------------------------------------------------------------------


def import_seed(capsys, root: Path, *extra: str) -> tuple[int, str, str]:
    args = [str(SEED), "--root", str(root), "--outlet", "CMN.KZ", "--date", "2025"]
    return run(capsys, *args, "--title", SEED_TITLE, *extra)


def test_seed_imports_into_a_draft_with_each_paragraph_once(capsys, registry_only):
    code, out, err = import_seed(capsys, registry_only)
    assert code == 0, err
    data, body, _ = draft(registry_only)
    raw = SEED.read_text(encoding="utf-8").splitlines()
    unique = list(dict.fromkeys(line.strip() for line in raw if line.strip()))
    assert len(raw) == 43 and len(unique) == 22  # the capture: lede once, 2..22 twice
    blocks = body_blocks(body)
    assert [plain(b) for b in blocks] == unique  # every paragraph once, in order, verbatim
    headings = [b for b in blocks if b.startswith("#")]
    assert headings == [
        "## Attempting to look lie the victim",
        "## Strayed from the path",
        "## More criticism, more money",
    ]
    assert "paragraphs 23-43 repeat paragraphs 2-22" in out
    assert "paragraphs 23-43 repeat paragraphs 2-22" in data["notes"]
    assert_golden("seed.md", draft(registry_only)[2])


def test_seed_draft_prefills_speakers_quotes_and_registry_names(capsys, registry_only):
    code, out, err = import_seed(capsys, registry_only)
    assert code == 0, err
    data, body, text = draft(registry_only)
    assert data["title"] == SEED_TITLE
    assert data["outlet"] == "CMN.KZ"
    assert data["date"] == "2025"
    assert data["language"] == "en"
    assert data["speakers"] == ["Artur Lastayev", "Usen Suleimen"]  # in order of appearance
    assert set(data["organizations"]) == {
        "United States Agency for International Development",
        "National Endowment for Prosperity",
        "Coalition of Non-Governmental Organizations Against Torture",
        "European Union",
        "Kazakhstan International Bureau for Human Rights and Rule of Law",  # KIBHR
        "Office of the Human Rights Ombudsman of Kazakhstan",
        "National Preventive Mechanism",
    }
    by_suleimen = [q["text"] for q in data["quotes"] if q["by"] == "Usen Suleimen"]
    assert len(by_suleimen) >= 5
    assert any(
        q.startswith("Only time has changed, but the methodology has not.") for q in by_suleimen
    )
    assert any(q.startswith("I think it is time for sensible experts") for q in by_suleimen)
    by_lastayev = [q["text"] for q in data["quotes"] if q["by"] == "Artur Lastayev"]
    assert by_lastayev[0].startswith("Kazakhstani human rights activists are implementing")
    # The unattributed "My NGO ..." and "Society has long been tired ..." stay out of quotes.
    assert not any(q["text"].startswith(("My NGO", "Society has")) for q in data["quotes"])
    # Every capitalized name is in the registry ("Human Rights Ombudsman" is a role title).
    front = text.split("\n---\n")[0]
    assert not [line for line in front.splitlines() if line.startswith("#")]
    # The check passes the draft: every quote verbatim, every name resolved, the capture intact.
    assert errors_in_draft(registry_only) == []
    assert "The check on the draft: 0 errors" in out


def test_seed_capture_is_kept_byte_for_byte(capsys, registry_only):
    code, out, err = import_seed(capsys, registry_only)
    assert code == 0, err
    data, _, _ = draft(registry_only)
    capture = registry_only / data["capture"]
    assert data["capture"].startswith("archive/cmn-kz/2025/2025-cmn-kz-")
    assert capture.read_bytes() == SEED.read_bytes()
    assert data["sha256"] == hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert data["retrieved"] == time.strftime("%Y-%m-%d")
    assert not data.get("url")
    assert "Add the original 'url'" in out
    draft_path = next((registry_only / "content" / "articles" / "2025").glob("*.md"))
    assert draft_path.stem.startswith("2025-cmn-kz-kazakhstan-s-ngos-look-for-new-funding")
    assert draft_path.stem == capture.stem


def test_seed_already_in_the_shipped_archive_is_refused(capsys, shipped):
    code, out, err = import_seed(capsys, shipped)
    assert code == 1
    assert SHIPPED_SEED_ARTICLE in err and "already archived" in err
    assert written(shipped) == [Path(SHIPPED_SEED_ARTICLE)]


def test_text_without_metadata_asks_for_everything_at_once(capsys, registry_only):
    code, out, err = run(capsys, str(SEED), "--root", str(registry_only))
    assert code == 2
    assert str(SEED) in err
    for option in ("--title", "--date", "--outlet"):
        assert option in err
    assert "the text names CMN.KZ" in err
    assert "only the year YYYY" in err
    assert written(registry_only) == []


def test_an_id_in_use_is_refused_naming_the_file(capsys, registry_only):
    assert import_seed(capsys, registry_only)[0] == 0
    other = registry_only / "other.txt"
    other.write_text(SEED.read_text(encoding="utf-8") + "\nOne more line of text here.\n")
    existing = written(registry_only)
    code, out, err = run(
        capsys,
        str(other),
        "--root",
        str(registry_only),
        "--outlet",
        "CMN.KZ",
        "--date",
        "2025",
        "--title",
        SEED_TITLE,
    )
    assert code == 2
    assert "is taken by content/articles/2025/2025-cmn-kz-kazakhstan" in err and "--id" in err
    assert written(registry_only) == existing


# --- web pages -----------------------------------------------------------------------------


def test_english_page_body_without_menus_ads_related_links_or_comments(capsys, fictional):
    code, out, err = run(capsys, str(ENGLISH), "--root", str(fictional))
    assert code == 0, err
    data, body, _ = draft(fictional)
    blocks = body_blocks(body)
    assert blocks[0].startswith("Households in Almaty will pay 12% more for water")
    assert blocks[-1].startswith("The new tariffs still need the signature of the mayor")
    assert "## Who pays, and how much" in blocks
    assert "- cold water: 98 tenge per cubic metre, up from 87;" in body
    assert "> Water is not a luxury." in body
    assert "[committee's website](https://regulator.example/decisions/2025-041)" in body
    assert "*part of the planned spending*" in body and "**27 March**" in body
    for junk in (
        "cookies",
        "Share",
        "Telegram",
        "Related articles",
        "Electricity prices",
        "Comments",
        "Serik_77",
        "pipes still leak",
        "All rights reserved",
        "Politics",
        "Advertisement",
        "USD 503",
        "A water main under repair",
    ):
        assert junk not in body, junk
    assert not blocks[0].startswith("#")  # the headline is in the front matter, not the body


def test_english_page_metadata_and_registry_prefill(capsys, fictional):
    code, out, err = run(capsys, str(ENGLISH), "--root", str(fictional))
    assert code == 0, err
    data, body, text = draft(fictional)
    assert data["title"] == "Almaty water tariffs to rise 12% from April, regulator says"
    assert data["outlet"] == "Steppe Herald"
    assert data["date"] == "2025-03-14"
    assert data["language"] == "en"
    assert data["url"] == (
        "https://www.steppeherald.example/economy/2025/03/14/almaty-water-tariffs-rise/"
    )
    assert data["summary"].startswith("The utility regulator approved")
    assert data["speakers"] == ["Aigerim Nurlanova", "Timur Bekov"]
    assert data["people"] == ["Nurlan Sadykov"]
    assert data["organizations"] == ["Committee for Utility Regulation"]
    assert data["authors"] == []  # the byline names someone the registry does not know
    assert data["quotes"] == [
        {
            "by": "Aigerim Nurlanova",
            "text": "The increase reflects the real cost of repairing "
            "pipes that were laid in the 1970s and have not been replaced since",
        },
        {
            "by": "Timur Bekov",
            "text": "a family of four will pay about 600 tenge more each "
            "month, and pensioners who live alone will be compensated in full by the city.",
        },
    ]
    comment = [line for line in text.splitlines() if line.startswith("#   ")]
    assert comment == [
        "#   byline: Marat Seitkali",
        "#   quoted: Dana Akhmetova",
        "#   named: Almaty Consumers Union, Prosecutor General's Office",
    ]
    path = "content/articles/2025/2025-03-steppe-herald-almaty-water-tariffs-to-rise-12-from-"
    assert data["capture"] == (
        "archive/steppe-herald/2025/2025-03-steppe-herald-almaty-water-tariffs-to-rise-12-from-"
        "april-regulator-says.html"
    )
    assert f"created {path}april-regulator-says.md" in out
    assert errors_in_draft(fictional) == []
    assert_golden("steppe-herald.md", text)


def test_russian_page_with_inflected_names_and_an_unknown_outlet(capsys, fictional):
    code, out, err = run(capsys, str(RUSSIAN), "--root", str(fictional))
    # Both files are written, but the draft fails the check (unknown outlet): exit 1.
    assert code == 1, err
    assert "The draft fails the check (1 error)" in out
    data, body, text = draft(fictional)
    assert data["title"] == "В Алматы с апреля подорожает вода"
    assert data["language"] == "ru"
    assert data["date"] == "2025-03-14"
    assert data["outlet"] == "Степной вестник"
    assert data["capture"].startswith("archive/stepnoi-vestnik/2025/2025-03-stepnoi-vestnik-v-")
    assert data["url"].endswith("/v-almaty-s-aprelya-podorozhaet-voda-12345.html")
    # "по словам ... Тимура Бекова", "— добавил Беков", "заявила ... Айгерим Нурланова"
    assert data["speakers"] == ["Aigerim Nurlanova", "Timur Bekov"]
    assert [q["by"] for q in data["quotes"]] == ["Aigerim Nurlanova", "Timur Bekov"]
    assert data["quotes"][1]["text"].startswith("Одинокие пенсионеры получат")
    assert data["organizations"] == ["Committee for Utility Regulation"]
    blocks = body_blocks(body)
    assert blocks[0].startswith("**Тарифы на холодную и горячую воду")
    assert "## Кто и сколько заплатит" in blocks  # an <h3> as the first subheading level
    for junk in (
        "cookie",
        "Поделиться",
        "Читайте также",
        "Цены на электроэнергию",
        "Комментарии",
        "трубы как текли",
        "Популярное",
        "Все права защищены",
        "Подписывайтесь",
        "Просмотров",
    ):
        assert junk not in body, junk
    assert "dropped a link to another article: Цены на электроэнергию" in out
    comment = [line for line in text.splitlines() if line.startswith("#   ")]
    assert comment == ["#   byline: Анна Ли", "#   quoted: Ерлан Касымов"]
    # The outlet is not in the registry: the check says so and the import says what to do.
    assert [e.split(": error: ")[1] for e in errors_in_draft(fictional)] == [
        "outlet: unknown outlet 'Степной вестник'; create it with: site-builder new outlet "
        "'Степной вестник'"
    ]
    assert "Create the outlet: site-builder new outlet 'Степной вестник'" in out
    assert_golden("stepnoi-vestnik.md", text)


def test_a_page_in_windows_1251_is_decoded_and_kept_as_it_was(capsys, fictional):
    page = RUSSIAN.read_text(encoding="utf-8").replace(
        '<meta charset="utf-8">', '<meta charset="windows-1251">'
    )
    raw = page.encode("cp1251", errors="xmlcharrefreplace")  # 'Қазақша' as &#1178;...
    source = fictional / "page.html"
    source.write_bytes(raw)
    code, out, err = run(capsys, str(source), "--root", str(fictional))
    assert code == 1, err  # written, but its outlet is not registered yet
    data, body, _ = draft(fictional)
    assert "«Одинокие пенсионеры получат полную компенсацию" in body
    assert (fictional / data["capture"]).read_bytes() == raw


def test_options_override_what_the_page_says(capsys, fictional):
    code, out, err = run(
        capsys,
        str(ENGLISH),
        "--root",
        str(fictional),
        "--date",
        "2025-03",
        "--title",
        "Water tariffs rise",
        "--id",
        "2025-03-water",
        "--url",
        "https://steppeherald.example/w",
        "--language",
        "en",
    )
    assert code == 0, err
    data, _, _ = draft(fictional)
    assert data["date"] == "2025-03" and data["title"] == "Water tariffs rise"
    assert data["url"] == "https://steppeherald.example/w"
    assert (fictional / "content/articles/2025/2025-03-water.md").is_file()
    assert data["capture"] == "archive/steppe-herald/2025/2025-03-water.html"


def test_an_archived_canonical_url_is_refused_naming_the_file(capsys, fictional):
    assert run(capsys, str(ENGLISH), "--root", str(fictional))[0] == 0
    before = written(fictional)
    # The same article saved again (other bytes: a later visit), and once via a tracking link.
    again = fictional / "again.html"
    again.write_text(ENGLISH.read_text(encoding="utf-8").replace("USD 503.20", "USD 505.00"))
    code, out, err = run(capsys, str(again), "--root", str(fictional))
    assert code == 1
    assert "is already in the archive: content/articles/2025/2025-03-steppe-herald-" in err
    code, out, err = run(
        capsys,
        str(again),
        "--root",
        str(fictional),
        "--id",
        "x",
        "--url",
        "http://steppeherald.example/economy/2025/03/14/almaty-water-tariffs-"
        "rise?utm_source=telegram",
    )
    assert code == 1 and "already in the archive" in err
    assert written(fictional) == before


@pytest.mark.parametrize("fails", ["writing", "linking"])
def test_both_files_or_neither(capsys, fictional, monkeypatch, fails):
    """A full disk while the draft is written, or its name taken at the last moment: the
    capture, already linked into place in the second case, goes too, and no temporary file
    stays."""
    real_write, real_link = os.write, os.link
    draft_fds: set[int] = set()
    real_mkstemp = importer.files.tempfile.mkstemp

    def mkstemp(prefix, suffix, dir):
        fd, name = real_mkstemp(prefix=prefix, suffix=suffix, dir=dir)
        if prefix.endswith(".md."):
            draft_fds.add(fd)
        return fd, name

    def write(fd, data):
        if fails == "writing" and fd in draft_fds:
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    def link(src, dst):
        if fails == "linking" and str(dst).endswith(".md"):
            Path(dst).write_text("a draft someone wrote meanwhile")
            return real_link(src, dst)  # FileExistsError
        return real_link(src, dst)

    monkeypatch.setattr(importer.files.tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(os, "link", link)
    code, out, err = run(capsys, str(ENGLISH), "--root", str(fictional))
    assert code == 1
    everything = [p for p in fictional.rglob("*") if p.is_file()]
    if fails == "writing":
        assert "No space left on device" in err and "nothing was written" in err
        assert written(fictional) == []
    else:
        assert "already exists; it is never overwritten" in err
        [draft_path] = [p for p in written(fictional) if p.suffix == ".md"]
        assert written(fictional) == [draft_path]  # theirs, and no capture of ours
        assert (fictional / draft_path).read_text() == "a draft someone wrote meanwhile"
    assert not [p for p in everything if p.name.endswith(".tmp")]


def test_an_existing_capture_file_is_never_overwritten(capsys, fictional):
    target = (
        fictional / "archive/steppe-herald/2025/"
        "2025-03-steppe-herald-almaty-water-tariffs-to-rise-12-from-april-regulator-says.html"
    )
    target.parent.mkdir(parents=True)
    target.write_bytes(b"someone else's capture")
    code, out, err = run(capsys, str(ENGLISH), "--root", str(fictional))
    assert code == 1
    assert "already exists and is never overwritten" in err and target.name in err
    assert target.read_bytes() == b"someone else's capture"
    assert not list((fictional / "content" / "articles").rglob("*.md"))


def test_dry_run_prints_the_draft_and_writes_nothing(capsys, fictional):
    code, out, err = run(capsys, str(ENGLISH), "--root", str(fictional), "--dry-run")
    assert code == 0
    assert out.startswith('---\ntitle: "Almaty water tariffs')
    assert "dry run: would write content/articles/2025/" in err
    assert written(fictional) == []


# --- text and standard input ---------------------------------------------------------------


def test_text_rules_title_subheadings_and_markdown_escaped():
    text = (
        "Mayor opens new bridge\n\n"
        "The bridge over the Ural river opened on Monday after three years of work.\n\n"
        "Traffic\n\n"
        "# of cars per day is expected to reach 20,000, the city said in a statement.\n"
        "Tolls will not be charged on weekends.\n\n"
        "* Not a list: a footnote marker the source used.\n"
    )
    ex = from_text(text)
    assert ex.title == "Mayor opens new bridge"
    assert [b.markdown for b in ex.blocks] == [
        "The bridge over the Ural river opened on Monday after three years of work.",
        "## Traffic",
        "\\# of cars per day is expected to reach 20,000, the city said in a statement. "
        "Tolls will not be charged on weekends.",
        "\\* Not a list: a footnote marker the source used.",
    ]
    assert ex.made_headings == ["Traffic"]
    assert plain(ex.blocks[2].markdown) == ex.blocks[2].text


def test_a_short_line_at_the_end_or_before_another_short_line_is_no_subheading():
    ex = from_text(
        "A long first paragraph that is certainly not a headline of any kind, being long.\n"
        "Almaty, 12 June\n"
        "Photo by the author\n"
        "A paragraph after two short lines, ending with a full stop.\n"
        "The end of it all\n"
    )
    assert ex.title is None
    assert [b.heading for b in ex.blocks] == [False, False, True, False, False]


def test_standard_input(capsys, registry_only, monkeypatch):
    data = SEED.read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, err = import_seed(capsys, registry_only)
    assert code == 0
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    (registry_only / "content/articles/2025").rename(registry_only / "moved")
    shutil.rmtree(registry_only / "archive")
    code, out, err = run(
        capsys,
        "-",
        "--root",
        str(registry_only),
        "--outlet",
        "cmn-kz",
        "--date",
        "2025",
        "--title",
        SEED_TITLE,
    )
    assert code == 0, err
    data_, _, _ = draft(registry_only)
    assert (registry_only / data_["capture"]).read_bytes() == data
    assert data_["capture"].endswith(".txt")


# --- bad input -----------------------------------------------------------------------------


def test_bad_input_names_the_file_and_says_what_to_do(capsys, fictional):
    missing = fictional / "nope.html"
    code, _, err = run(capsys, str(missing), "--root", str(fictional))
    assert code == 2 and f"{missing}: no such file" in err

    empty = fictional / "empty.txt"
    empty.write_bytes(b"\n\n")
    code, _, err = run(capsys, str(empty), "--root", str(fictional))
    assert code == 1 and f"{empty} is empty" in err

    binary = fictional / "scan.txt"
    binary.write_bytes(b"%PDF-1.7\x00\x01\x02")
    code, _, err = run(capsys, str(binary), "--root", str(fictional))
    assert code == 1 and f"{binary} is not text or a web page" in err

    cp1251 = fictional / "text.txt"
    cp1251.write_bytes("Тарифы на воду вырастут.\nЭто вторая строка текста.\n".encode("cp1251"))
    code, _, err = run(capsys, str(cp1251), "--root", str(fictional))
    assert code == 1 and f"{cp1251} is not UTF-8 text" in err and "--encoding" in err

    no_article = fictional / "blank.html"
    no_article.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    code, _, err = run(capsys, str(no_article), "--root", str(fictional))
    assert code == 1 and f"{no_article}: no article text was found" in err

    code, _, err = run(
        capsys, str(ENGLISH), "--root", str(fictional), "--date", "14.03.2025", "--language", "kz"
    )
    assert code == 2 and "--date: '14.03.2025' is not a date" in err and "'kk'" in err
    assert written(fictional) == []


def test_a_utf16_text_file_from_notepad(capsys, fictional):
    text = fictional / "notepad.txt"
    words = (
        "Households in Almaty will pay more for water, the Committee for Utility Regulation said."
    )
    text.write_bytes((words + "\r\nThe new tariffs start in April.\r\n").encode("utf-16"))
    code, out, err = run(
        capsys,
        str(text),
        "--root",
        str(fictional),
        "--outlet",
        "steppe-herald",
        "--date",
        "2025-03",
        "--title",
        "Water",
    )
    assert code == 0, err
    data, body, _ = draft(fictional)
    assert body_blocks(body)[0] == words
    assert data["language"] == "en"


def test_an_encoding_can_be_given(capsys, fictional):
    text = fictional / "text.txt"
    text.write_bytes(
        "Тарифы на воду в Алматы вырастут на двенадцать процентов с первого апреля.\n"
        "Решение утвердил Комитет по регулированию коммунальных услуг в четверг.\n".encode("cp1251")
    )
    code, out, err = run(
        capsys,
        str(text),
        "--root",
        str(fictional),
        "--encoding",
        "cp1251",
        "--outlet",
        "Steppe Herald",
        "--date",
        "2025-03",
        "--title",
        "Вода",
    )
    assert code == 0, err
    data, body, _ = draft(fictional)
    assert data["language"] == "ru" and "guessed from the text" in out
    assert data["organizations"] == ["Committee for Utility Regulation"]
    assert (fictional / data["capture"]).read_bytes() == text.read_bytes()


# --- URLs ----------------------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/economy/article"):
            body = ENGLISH.read_bytes()
            self._send(200, "text/html; charset=utf-8", body)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/economy/article")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, "text/html", b"<html><body><p>late</p></body></html>")
        elif self.path == "/report.pdf":
            self._send(200, "application/pdf", b"%PDF-1.7 ...")
        else:
            self._send(404, "text/html", b"<html><body>Not found</body></html>")

    def _send(self, status: int, ctype: str, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def unreachable_proxy(monkeypatch):
    """A proxy in the environment that would swallow every request: loopback must go direct."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)


def test_url_import(capsys, fictional, server):
    url = f"{server}/moved"
    code, out, err = run(capsys, url, "--root", str(fictional))
    assert code == 0, err
    assert f"fetching {url}" in err
    data, body, _ = draft(fictional)
    assert (fictional / data["capture"]).read_bytes() == ENGLISH.read_bytes()
    assert data["capture"].endswith(".html")
    # The page's canonical URL, not the address it happened to be fetched from.
    assert data["url"].startswith("https://www.steppeherald.example/economy/2025/03/14/")
    assert data["speakers"] == ["Aigerim Nurlanova", "Timur Bekov"]
    assert "Households in Almaty" in body


def test_url_of_an_archived_article_is_refused_before_fetching(capsys, fictional, server):
    assert (
        run(capsys, str(ENGLISH), "--root", str(fictional), "--url", f"{server}/economy/article")[0]
        == 0
    )
    code, out, err = run(
        capsys, f"{server}/economy/article/?utm_medium=x", "--root", str(fictional)
    )
    assert code == 1 and "already in the archive" in err
    assert "fetching" not in err


def test_url_404(capsys, fictional, server):
    code, out, err = run(capsys, f"{server}/gone", "--root", str(fictional))
    assert code == 1
    assert f"{server}/gone answered 404 Not Found; check the address" in err
    assert written(fictional) == []


def test_url_timeout(capsys, fictional, server):
    started = time.monotonic()
    code, out, err = run(capsys, f"{server}/slow", "--root", str(fictional), "--timeout", "0.3")
    assert time.monotonic() - started < 2.5
    assert code == 1
    assert "did not answer within 0.3 s" in err and "--timeout" in err
    assert written(fictional) == []


def test_url_that_is_not_a_web_page(capsys, fictional, server):
    code, out, err = run(capsys, f"{server}/report.pdf", "--root", str(fictional))
    assert code == 1
    assert "is application/pdf, not a web page" in err
    assert written(fictional) == []


def test_only_http_urls(capsys, fictional):
    code, out, err = run(capsys, "ftp://example.kz/a.html", "--root", str(fictional))
    assert code == 2 and "only http(s) URLs" in err


# --- attribution -----------------------------------------------------------------------------


def _finder(tmp_path: Path) -> PersonFinder:
    from site_builder.core import archive as archive_mod

    shutil.copytree(FIXTURES / "registry", tmp_path / "content")
    return PersonFinder(archive_mod.load(tmp_path).registry)


def test_quoted_spans_mixed_marks_and_nesting():
    text = (
        '"Only “repression”, ‘system’ here," – stated X. He called it "emotional chatter.” '
        "Then «один „два“ три»."
    )
    spans = [text[s:e] for s, e in quoted_spans(text)]
    assert spans == [
        "Only “repression”, ‘system’ here,",
        "emotional chatter.",
        "один „два“ три",
    ]


def test_russian_names_resolve_without_case_endings(tmp_path):
    finder = _finder(tmp_path)
    assert stem("Бекова") == stem("Беков") == "беков"
    assert finder.resolve("Тимура Бекова").name == "Timur Bekov"
    assert finder.resolve("Алматы Тимура Бекова").name == "Timur Bekov"
    assert finder.resolve("Нурлановой").name == "Aigerim Nurlanova"
    assert finder.resolve("Deputy Mayor Timur Bekov").name == "Timur Bekov"
    assert finder.resolve("Nurlanova's").name == "Aigerim Nurlanova"
    assert finder.resolve("Ерлан Касымов") is None


@pytest.mark.parametrize(
    "text, name",
    [
        ('"We will," said Timur Bekov.', "Timur Bekov"),
        ("Bekov told reporters that the work was done.", "Timur Bekov"),
        ("According to Bekov, the work was done.", "Timur Bekov"),
        ("In Bekov's view, the work was done.", "Timur Bekov"),
        ("Timur Bekov, the deputy mayor, said the work was done.", "Timur Bekov"),
        ("«Работы завершены», — заявил заместитель акима Тимур Беков.", "Timur Bekov"),
        ("Как подчеркнул Беков, работы завершены.", "Timur Bekov"),
        ("По мнению Тимура Бекова, работы завершены.", "Timur Bekov"),
        ("Беков сообщил, что работы завершены.", "Timur Bekov"),
    ],
)
def test_attribution_patterns(tmp_path, text, name):
    [a] = attributions(text, _finder(tmp_path))
    assert a.person is not None and a.person.name == name


def test_no_attribution_without_a_name(tmp_path):
    finder = _finder(tmp_path)
    assert attributions("The ombudsman said that complaints fell.", finder) == []
    assert attributions("The director of the Fund for Prosperity believes it.", finder) == []
    assert attributions("«Работы завершены», — сказал он.", finder) == []
    assert attributions("The Committee for Utility Regulation said it would.", finder) == []
