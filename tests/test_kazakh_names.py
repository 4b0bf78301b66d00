"""Kazakh names in all seven cases, end to end (issue 18): the 42 sentences of
tests/data/kk_names.txt as the bodies of Kazakh articles, linked to their person in a real
MkDocs build when the article lists them, and reported by `site-builder check` when the
article names them in full without listing them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import article, make_archive, run_check
from sitebuild import build_site, page, resolve

from site_builder.core.slugs import slugify
from site_builder.text.forms import KAZAKH_CASES, kazakh_cases

DATA = Path(__file__).parent / "data" / "kk_names.txt"


def _rows() -> list[tuple[str, str, str]]:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            person, case, sentence = (p.strip() for p in line.split("|", 2))
            rows.append((person, case, sentence))
    return rows


ROWS = _rows()
PEOPLE = sorted({person for person, _, _ in ROWS})
IDS = {name: slugify(name) for name in PEOPLE}


def _form(person: str, case: str) -> str:
    """The surname in the sentence's case, as the rules make it (test_forms checks the
    sentences use it)."""
    return kazakh_cases(person.split()[-1])[KAZAKH_CASES.index(case)]


def _in_full(person: str, case: str, sentence: str) -> str:
    """The sentence with the person's full name where it has the surname alone or with an
    initial («Сүлейменге» -> «Усен Сүлейменге»): the ending stays on the last word."""
    given = person.split()[0]
    form = _form(person, case)
    pattern = rf"(?:{re.escape(given)} |{re.escape(given[0])}\. )?(?<!\w){re.escape(form)}(?!\w)"
    out, n = re.subn(pattern, f"{given} {form}", sentence, count=1)
    assert n == 1, sentence
    return out


@pytest.fixture(scope="module")
def kazakh_archive(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("kk")
    articles = {}
    for n, (person, case, sentence) in enumerate(ROWS, 1):
        articles[f"2025-listed-{n:02}"] = article(sentence, language="kk", people=[person])
        articles[f"2025-unlisted-{n:02}"] = article(_in_full(person, case, sentence), language="kk")
    people = {IDS[name]: {"name": name} for name in PEOPLE}
    return make_archive(root, articles=articles, people=people, organizations={}, topics={})


def test_the_sentences_cover_seven_cases_of_several_people():
    assert len(ROWS) >= 30
    assert {case for _, case, _ in ROWS} == set(KAZAKH_CASES)
    assert len(PEOPLE) >= 5


def test_every_kazakh_mention_links_its_person_in_a_real_build(kazakh_archive):
    site = build_site(kazakh_archive)
    missed = []
    for n, (person, case, sentence) in enumerate(ROWS, 1):
        url = f"articles/2025/2025-listed-{n:02}/"
        links = page(site, url).select(".sb-body a.sb-mention")
        got = [(a.get_text(), resolve(url, a["href"])[0]) for a in links]
        form = _form(person, case)
        if not any(form in text and target == f"people/{IDS[person]}/" for text, target in got):
            missed.append((sentence, got))
    assert missed == []


def test_the_check_finds_every_kazakh_full_name_not_listed(kazakh_archive):
    diags = run_check(kazakh_archive)
    warned: dict[str, tuple[str, str]] = {}
    for d in diags:
        m = re.search(r"names person '(.*?)' \(as '(.*?)'\)", d.message)
        if m:
            warned[Path(d.path).stem] = m.group(1), m.group(2)
    missed = []
    for n, (person, case, _) in enumerate(ROWS, 1):
        name, written = warned.pop(f"2025-unlisted-{n:02}", ("", ""))
        if name != person or not written.endswith(_form(person, case)):
            missed.append((n, person, case, name, written))
    assert missed == []
    # the articles that list the person warn of nothing
    assert warned == {}
