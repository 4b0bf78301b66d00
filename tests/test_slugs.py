"""Ids from names: Kazakh and Russian transliterated by table, never empty, always safe."""

from __future__ import annotations

import unicodedata

import pytest

from site_builder.core.slugs import KAZAKH, RUSSIAN, SlugError, check_id, slugify, transliterate

# Issue 2, point 6: the nine Kazakh letters.
KAZAKH_TABLE = {"ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
                "і": "i"}  # fmt: skip

# Russian per ICAO Doc 9303 (the table of Russian passports since 2013).
ICAO_TABLE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip


def test_alikhan_keeps_its_first_letter():
    assert slugify("Әлихан") == "alikhan"
    assert slugify("Әлихан Бөкейхан") == "alikhan-bokeikhan"


@pytest.mark.parametrize("letter, latin", sorted(KAZAKH_TABLE.items()))
def test_every_kazakh_letter(letter, latin):
    assert transliterate(letter) == latin
    assert transliterate(letter.upper()).lower() == latin
    assert slugify(f"x{letter.upper()}x") == f"x{latin}x"


@pytest.mark.parametrize("letter, latin", sorted(ICAO_TABLE.items()))
def test_every_russian_letter(letter, latin):
    assert transliterate(letter) == latin
    assert transliterate(letter.upper()).lower() == latin


def test_the_tables_are_complete():
    assert KAZAKH == KAZAKH_TABLE
    assert RUSSIAN == ICAO_TABLE
    # the Kazakh alphabet: the Russian letters plus the nine
    assert len(RUSSIAN) == 33 and len(KAZAKH) == 9


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Усен Сулеймен", "usen-suleimen"),
        ("Артур Ластаев", "artur-lastaev"),
        ("Қасым-Жомарт Тоқаев", "qasym-zhomart-toqaev"),
        ("Нұрсұлтан Назарбаев", "nursultan-nazarbaev"),
        ("Ғани Үсенов", "gani-usenov"),
        ("Өскемен", "oskemen"),
        ("Шымкент", "shymkent"),
        ("Щучинск", "shchuchinsk"),
        ("Подъезд", "podieezd"),
        ("Юлия Ярошенко", "iuliia-iaroshenko"),
        ("Алматы қаласы әкімдігі", "almaty-qalasy-akimdigi"),
        ("Кенжеғали Сағадиев", "kenzhegali-sagadiev"),
        ("Қазақстан Һ", "qazaqstan-h"),
    ],
)
def test_names_in_kazakh_and_russian(name, slug):
    assert slugify(name) == slug


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Artur Lastayev", "artur-lastayev"),
        ("Zhanar Tölegen", "zhanar-tolegen"),
        ("José Müller-Šimić", "jose-muller-simic"),
        ("KIBHR: the Bureau (2025)", "kibhr-the-bureau-2025"),
        ("  --Usen   Suleimen--  ", "usen-suleimen"),
        ("O'Brien & Co.", "o-brien-co"),
        ("Łukasz Bjørn", "lukasz-bjorn"),
        ("Straße", "strasse"),
        ("Altınbek", "altinbek"),
        ("Ærø", "aero"),
    ],
)
def test_latin_names_lose_accents_not_letters(name, slug):
    assert slugify(name) == slug


def test_nfd_input_gives_the_same_id():
    for name in ("Zhanar Tölegen", "Бөкейхан Ёлкин Йошкар"):
        assert slugify(unicodedata.normalize("NFD", name)) == slugify(name)


def test_long_names_are_cut_at_a_word():
    slug = slugify("word " * 40)
    assert len(slug) <= 80 and slug.endswith("word") and "--" not in slug
    assert len(slugify("a" * 200)) == 80


@pytest.mark.parametrize("name", ["!!!", "—", "   ", "", "«»", "★☆", "中文"])
def test_a_name_with_nothing_to_keep_is_refused_with_a_clear_message(name):
    with pytest.raises(SlugError) as exc:
        slugify(name)
    assert f"no id can be made from {name!r}" in str(exc.value)
    assert "--id" in str(exc.value)


@pytest.mark.parametrize(
    "bad", ["..", ".", "a/b", "a\\b", "../etc", "A-b", "a--b", "-a", "a-", "a b", "a_b", "é", ""]
)
def test_unsafe_ids_are_refused(bad):
    with pytest.raises(SlugError, match="is not a valid id"):
        check_id(bad)


@pytest.mark.parametrize("reserved", ["con", "prn", "aux", "nul", "com1", "lpt9"])
def test_reserved_windows_names_are_refused(reserved):
    with pytest.raises(SlugError, match="reserved file name on Windows"):
        check_id(reserved)
    with pytest.raises(SlugError, match="reserved file name on Windows"):
        slugify(reserved.upper())


def test_long_id_is_refused():
    with pytest.raises(SlugError, match="longer than 80"):
        check_id("a" * 81)


@pytest.mark.parametrize("good", ["a", "con-air", "com10", "2025-06-cmn-kz-x", "usen-suleimen"])
def test_safe_ids_are_kept_unchanged(good):
    assert check_id(good) == good
