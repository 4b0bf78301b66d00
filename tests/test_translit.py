"""Every spelling finds its entry: folds, transliterations and the names file search looks up."""

from __future__ import annotations

import json
import re

import pytest
from conftest import article, make_archive

from site_builder.core import archive as archive_mod
from site_builder.core.crosslinks import CrossIndex
from site_builder.core.translit import (
    cyrillic_rendering,
    fold,
    latin_renderings,
    spellings,
)
from site_builder.data.names import names_index, word_forms


@pytest.mark.parametrize(
    "spellings_of_one_name",
    [
        ["Кожор", "Kozhor", "Kojor", "KOZHOR"],
        ["Гишебурян", "Gisheburyan", "Gisheburian", "Gishyeburyan"],
        ["Сулеймен", "Suleimen", "Suleymen"],
        ["Ластаев", "Lastayev", "Lastaev"],
        ["Ерлан", "Yerlan", "Erlan"],
        ["Жанна", "Zhanna", "Janna"],
        ["Юлия", "Yulia", "Yuliya", "Iuliia"],
        ["Дмитрий", "Dmitry", "Dmitriy", "Dmitrii"],
        ["Хасенов", "Khasenov", "Hasenov"],
        ["Цой", "Tsoi", "Tsoy", "Tzoi"],
        ["Смирнов", "Smirnov", "Smirnoff"],
        ["Әлихан Бөкейхан", "Alikhan Bokeikhan", "Älikhan Bökeikhan", "Alihan Bokeyhan"],
        ["Қасымов", "Qasymov", "Kasymov"],
        ["Ғалым", "Galym", "Ghalym"],
        ["Ұлы", "Uly", "Uli"],
        ["Іңкәр", "Inkar"],
    ],
)
def test_one_name_folds_alike_in_every_script_and_romanization(
    spellings_of_one_name: list[str],
) -> None:
    folds = {fold(s) for s in spellings_of_one_name}
    assert len(folds) == 1, folds


@pytest.mark.parametrize(
    "a, b",
    [("Kozhor", "Kozhar"), ("Suleimen", "Sulaimen"), ("Usen", "Usur"), ("Gisheburyan", "Gish")],
)
def test_different_names_stay_different(a: str, b: str) -> None:
    assert fold(a) != fold(b)


def test_fold_drops_case_accents_and_punctuation() -> None:
    assert fold("  Usen  SULEÏMEN, «Усен»-Сулеймен ") == "usen suleimen usen suleimen"
    assert fold("") == ""


def test_latin_renderings_of_kazakh_and_russian_letters() -> None:
    # passport (as ids are made), press, Kazakh-style Latin
    assert latin_renderings("Гишебурян") == ["gisheburian", "gisheburyan"]
    assert latin_renderings("Кожор") == ["kozhor", "kojor"]
    assert latin_renderings("Сулеймен") == ["suleimen", "suleymen"]
    assert latin_renderings("Ерлан") == ["erlan", "yerlan"]
    assert latin_renderings("Қасым") == ["qasym", "kasym"]
    # no Kazakh letter is lost, as Unidecode loses them
    for word in ("Әлихан", "Ғалым", "Іңкәр", "Өскемен", "Ұлы", "Үкілі", "Һ"):
        assert all(r.isascii() and r.isalpha() for r in latin_renderings(word)), word


def test_cyrillic_rendering_of_a_latin_name() -> None:
    assert cyrillic_rendering("Suleimen") == "сулеймен"
    assert cyrillic_rendering("Gisheburyan") == "гишебурян"
    assert cyrillic_rendering("Yerlan") == "ерлан"
    assert cyrillic_rendering("Sergey") == "сергей"
    assert cyrillic_rendering("Kozhor") == "кожор"
    assert cyrillic_rendering("Kozhor2") == ""  # not a name word: left alone


def test_spellings_of_an_entry_with_a_cyrillic_alias() -> None:
    words = spellings(("Dinara Gisheburyan", "Динара Гишебурян", "Dinara Gishyeburyan"))
    # the registered spellings, and the Cyrillic words romanized: 'Gisheburian' is the
    # site's own transliteration, found in the URLs of Russian articles
    assert set(words) == {
        "dinara", "gisheburyan", "динара", "гишебурян", "gishyeburyan", "gisheburian",
    }  # fmt: skip


def test_spellings_of_an_organization_meet_across_scripts() -> None:
    words = spellings(("Kozhor Bureau for Human Rights", "Бюро Кожор по правам человека"))
    assert {"kozhor", "кожор", "kojor"} <= set(words)
    assert len(words) == len(set(words))


def test_spellings_of_a_latin_only_entry_get_a_cyrillic_form() -> None:
    words = spellings(("Usen Suleimen", "Usur Suleimen"))
    assert {"usen", "suleimen", "usur", "усен", "сулеймен", "suleymen"} <= set(words)
    # a rendering that does not fold like its word is left out
    assert all(fold(w) in {fold(x) for x in ("usen", "suleimen", "usur")} for w in words)


def test_spellings_are_capped() -> None:
    long = (" ".join(f"Name{i}" for i in range(100)),)
    assert len(spellings(long)) == 60


def test_names_file_lists_every_entry_with_its_spellings_and_count(tmp_path) -> None:
    root = make_archive(
        tmp_path,
        people={
            "dinara-gisheburyan": {
                "name": "Dinara Gisheburyan",
                "aliases": ["Динара Гишебурян"],
            },
        },
        organizations={
            "kozhor-bureau": {
                "name": "Kozhor Bureau for Human Rights",
                "aliases": ["Бюро Кожор по правам человека"],
                "abbreviation": "KBHR",
            },
        },
        articles={
            "2025-01-a": article(
                "Dinara Gisheburyan spoke.",
                people=["Dinara Gisheburyan"],
                organizations=["KBHR"],
            ),
        },
    )
    archive = archive_mod.load(root)
    data = json.loads(names_index(archive, CrossIndex(archive)))
    assert data["kinds"] == ["person", "organization", "outlet", "topic"]
    assert ["kh", "h"] in data["fold"]["rules"] and data["fold"]["letters"]["ж"] == "zh"
    rows = {row[0]: row for row in data["entries"]}
    assert rows["Dinara Gisheburyan"][:5] == [
        "Dinara Gisheburyan", "people/dinara-gisheburyan/", 0, 1, ["Динара Гишебурян"],
    ]  # fmt: skip
    assert rows["Kozhor Bureau for Human Rights"][1:5] == [
        "organizations/kozhor-bureau/", 1, 1, ["Бюро Кожор по правам человека", "KBHR"],
    ]  # fmt: skip
    # The words of a Cyrillic name in Russian and Kazakh cases, which the name lacks: search
    # finds the entry by «Гишебурян» in any case. A Latin-only name has none.
    forms = _unpack(rows["Dinara Gisheburyan"][5])
    assert {"Динары", "Динарой", "Гишебурянның", "Гишебурянға"} <= set(forms)
    assert "Гишебуряна" not in forms  # in Russian a woman's surname in a consonant stays
    assert "Гишебурян" not in forms and len(forms) == len(set(forms))
    dinara = next(e for e in archive.registry if e.name == "Dinara Gisheburyan")
    assert sorted(forms) == sorted(word_forms(dinara))  # names.js reads back what was packed
    # most articles first
    counts = [row[3] for row in data["entries"]]
    assert counts == sorted(counts, reverse=True)


def _unpack(packed: str) -> list[str]:
    """data/names.py `packed_forms` read back, as names.js reads it."""
    out = []
    for group in packed.split(";"):
        word, tails = group.rsplit(":", 1)
        for tail in tails.split(","):
            cut = len(tail) - len(tail.lstrip("-"))
            out.append(word[: len(word) - cut] + tail[cut:])
    return out


def test_an_article_carries_its_entries_spellings_that_its_text_lacks(tmp_path) -> None:
    from site_builder.search.documents import article_html

    root = make_archive(
        tmp_path,
        organizations={
            "kozhor-bureau": {
                "name": "Kozhor Bureau for Human Rights",
                "aliases": ["Бюро Кожор по правам человека"],
                "abbreviation": "KBHR",
            },
        },
        articles={
            "2025-01-a": article(
                "The Kozhor Bureau for Human Rights spoke.", organizations=["KBHR"]
            ),
        },
    )
    archive = archive_mod.load(root)
    html = article_html(archive.articles[0], "<p>The Kozhor Bureau for Human Rights spoke.</p>")
    refs = re.search(r'data-refs="([^"]*)"', html).group(1).split()
    # the other script, the other romanization and the abbreviation, once each...
    assert {"кожор", "бюро", "kojor", "kbhr", "правам"} <= set(refs)
    assert len(refs) == len(set(refs))
    # ...but not what the text says already, nor words that name no one
    assert not {"kozhor", "bureau", "for", "по"} & set(refs)
    assert 'data-pagefind-meta="date[data-date], outlet[data-outlet], refs[data-refs]' in html


def test_an_entry_page_carries_the_spellings_its_names_lack(tmp_path) -> None:
    from site_builder.search.documents import entity_html

    root = make_archive(
        tmp_path,
        people={
            "dinara-gisheburyan": {
                "name": "Dinara Gisheburyan",
                "aliases": ["Динара Гишебурян"],
            },
        },
        articles={},
    )
    [person] = [e for e in archive_mod.load(root).registry if e.kind == "person"]
    html = entity_html(person, "")
    spellings_meta = re.search(r'data-spellings="([^"]*)"', html).group(1).split()
    assert spellings_meta == ["gisheburian"]  # 'Gisheburian' finds the person's page
    assert 'data-names="Dinara Gisheburyan, Динара Гишебурян"' in html


def test_the_search_forms_honour_the_registry_overrides() -> None:
    """A name marked `declension: none` gets no case forms in names.json; `gender` picks the
    declension of a surname («Ким» declines for a man, not for a woman)."""
    from site_builder.core.model import Entity

    def person(name: str, **fields: str) -> Entity:
        return Entity("person", "x", "content/people/x.md", name, [], "", 0, **fields)

    assert "Сулеймена" in word_forms(person("Усен Сулеймен"))
    assert word_forms(person("Усен Сулеймен", declension="none")) == []
    assert "Кима" in word_forms(person("Саша Ким", gender="male"))
    assert "Кима" not in word_forms(person("Саша Ким", gender="female"))
