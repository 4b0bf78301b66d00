"""Short mentions, shared forms, everyday words and acronyms in the one matcher
(text/mentions.py), as linking, the check and the import use it (issue 18, items 1, 3, 4)."""

from __future__ import annotations

import re

from conftest import article, lines_of, make_archive, only, run_check

from site_builder.core import archive as archive_mod
from site_builder.core.model import Entity
from site_builder.text.forms import forms
from site_builder.text.mentions import Ambiguous, NameMatcher


def _person(i: int, name: str, *aliases: str, **fields: str) -> Entity:
    e = Entity("person", f"p{i}", f"content/people/p{i}.md", name, list(aliases), "", 1)
    for k, v in fields.items():
        setattr(e, k, v)
    return e


def _org(i: int, name: str, abbreviation: str | None = None) -> Entity:
    e = Entity("organization", f"o{i}", f"content/organizations/o{i}.md", name, [], "", 1)
    e.abbreviation = abbreviation
    return e


def _found(matcher: NameMatcher, text: str, *listed: Entity) -> list[tuple[str, str]]:
    allowed = {id(e) for e in listed} if listed else None
    return [(m.entity.id, m.text(text)) for m in matcher.find(text, allowed)]


USEN = _person(1, "Усен Сулеймен", "Usen Suleimen")
ARTUR = _person(2, "Артур Иванович Ластаев")
MATCHER = NameMatcher([USEN, ARTUR])


def test_a_surname_alone_names_a_listed_person_in_any_case():
    text = "Сулейменом заинтересовались. Ластаеву ответили. Сулейменнің пікірі. Suleimen said."
    assert _found(MATCHER, text, USEN, ARTUR) == [
        ("p1", "Сулейменом"),
        ("p2", "Ластаеву"),
        ("p1", "Сулейменнің"),
        ("p1", "Suleimen"),
    ]
    # with no article to say who is meant (the check, the import): no one
    assert _found(MATCHER, text) == []
    # listed: only Сулеймен; Ластаев is not the article's, so his surname names no one
    assert _found(MATCHER, text, USEN) == [
        ("p1", "Сулейменом"),
        ("p1", "Сулейменнің"),
        ("p1", "Suleimen"),
    ]


def test_initials_and_given_name_with_patronymic_name_a_listed_person():
    text = "У. Сулейменге хат жолданды; с А. И. Ластаевым и Артуром Ивановичем говорили."
    assert _found(MATCHER, text, USEN, ARTUR) == [
        ("p1", "У. Сулейменге"),
        ("p2", "А. И. Ластаевым"),
        ("p2", "Артуром Ивановичем"),
    ]


def test_a_surname_two_listed_people_share_names_neither_and_is_reported():
    nursultan = _person(3, "Нурсултан Назарбаев")
    bolat = _person(4, "Болат Назарбаев")
    matcher = NameMatcher([nursultan, bolat])
    text = "Назарбаев ответил. Назарбаеву сказали."
    doubts: list[Ambiguous] = []
    assert matcher.find(text, {id(nursultan), id(bolat)}, doubts) == []
    assert [(d.start, d.end, {e.id for e in d.entities}) for d in doubts] == [
        (0, 9, {"p3", "p4"}),
        (19, 29, {"p3", "p4"}),
    ]
    # once the text names one of them in full and only him, the surname is his: the
    # other's surname alone would stand after another given name («Нурсултану»)
    text = "Вчера Нурсултану Назарбаеву сказали. Назарбаев ответил."
    assert _found(matcher, text, nursultan, bolat) == [
        ("p3", "Нурсултану Назарбаеву"),
        ("p3", "Назарбаев"),
    ]
    # one of them listed: the surname is his
    assert _found(matcher, "Назарбаевым", bolat) == [("p4", "Назарбаевым")]


def test_a_surname_the_text_gives_someone_else_names_no_one():
    """«Виктор Бут» in a text about Алла Бут: «Бут» alone may be either (factRuEval book_448);
    the full names still link."""
    alla = _person(5, "Алла Бут")
    matcher = NameMatcher([alla])
    text = "Алла Бут рассказала, что Виктор Бут арестован. Бут не признал себя виновным."
    assert _found(matcher, text, alla) == [("p5", "Алла Бут")]
    # without the namesake, the surname alone is hers
    assert _found(matcher, "Алла Бут рассказала. Бут пояснила.", alla) == [
        ("p5", "Алла Бут"),
        ("p5", "Бут"),
    ]
    # a title or a preposition is not a given name
    text = "Адвокат Бут заявила. Для Бут это важно. Mrs Бут."
    assert len(_found(matcher, text, alla)) == 3


def test_a_surname_in_lowercase_or_an_everyday_word_is_not_the_name():
    moroz = _person(6, "Иван Мороз")
    grib = _person(7, "Олег Гриб")
    matcher = NameMatcher([moroz, grib])
    # «гриб» in lowercase is a mushroom; «Мороз» is frost even capitalized
    text = "Мороз ударил. Тут гриб. Грибу ответили. Ивану Морозу тоже."
    assert _found(matcher, text, moroz, grib) == [("p7", "Грибу"), ("p6", "Ивану Морозу")]


def test_a_one_word_name_that_is_an_everyday_word_links_only_where_listed():
    party = _org(8, "Әділет")  # a party's name; also "justice"
    matcher = NameMatcher([party])
    text = "Әділет партиясы. Әділет үшін."
    assert _found(matcher, text) == []
    assert _found(matcher, text, party) == [("o8", "Әділет"), ("o8", "Әділет")]


def test_acronyms_match_in_capitals_only():
    eu = _org(9, "European Union", "EU")
    es = _org(10, "Европейский союз", "ЕС")
    nato = _org(11, "North Atlantic Treaty Organization", "NATO")
    matcher = NameMatcher([eu, es, nato])
    assert _found(matcher, "Eu não sei. The EU said.") == [("o9", "EU")]
    assert _found(matcher, "Нужно ес ли. В ЕС решили.") == [("o10", "ЕС")]
    # four letters or more: also capitalized, as the British press writes them
    assert _found(matcher, "Nato and NATO, not nato.") == [("o11", "Nato"), ("o11", "NATO")]
    # the name in full is matched in any case, as before
    assert _found(matcher, "the european union") == [("o9", "european union")]


def test_gender_and_declension_overrides_change_the_forms():
    # Бакыт is given to men and women: without the registry's word, both declensions
    both = _person(12, "Бакыт Сулеймен")
    she = _person(13, "Бакыт Сулеймен", gender="female")
    assert "Бакыта Сулеймена" in forms("Бакыт Сулеймен", "ru")
    assert "Бакыта Сулеймена" not in forms("Бакыт Сулеймен", "ru", gender="female")
    assert _found(NameMatcher([both]), "с Бакытом Сулейменом") == [("p12", "Бакытом Сулейменом")]
    assert _found(NameMatcher([she]), "с Бакытом Сулейменом") == []
    # a foreign name in -а the rules would decline («Монтойи»): declension none keeps it
    montoya = _person(14, "Хуан Монтойя", declension="none")
    matcher = NameMatcher([montoya])
    assert _found(matcher, "Хуана Монтойи нет. Хуан Монтойя здесь.") == [("p14", "Хуан Монтойя")]
    assert _found(matcher, "Монтойи нет. Монтойя здесь.", montoya) == [("p14", "Монтойя")]


def test_the_registry_fields_are_read_and_checked(tmp_path):
    root = make_archive(
        tmp_path,
        articles={
            "2025-a": article(
                "С Бакытом Сулейменом говорили.", language="ru", people=["Бакыт Сулеймен"]
            )
        },
        people={
            "bakyt-suleimen": {"name": "Бакыт Сулеймен", "gender": "female"},
            "x": {"name": "Хуан Монтойя", "declension": "none", "gender": "m"},
        },
    )
    arch = archive_mod.load(root)
    people = arch.registry.entities["person"]
    assert people["bakyt-suleimen"].gender == "female"
    assert people["x"].declension == "none"
    assert lines_of(only(run_check(root), "gender")) == [
        "content/people/x.md:4: error: gender: 'm' is not a gender; write male or female, "
        "or remove the line"
    ]


def test_the_check_reports_a_form_two_entries_share_with_both(tmp_path):
    """«Сергеем Петровым» is a form of two registered names: it links to neither, and the
    check names both; a surname alone of an unlisted person is no warning."""
    root = make_archive(
        tmp_path,
        articles={
            "2025-a": article("Сергеем Петровым недовольны. Ластаевым тоже.", language="ru"),
            "2025-b": article(
                "Назарбаев ответил.",
                language="ru",
                people=["Нурсултан Назарбаев", "Болат Назарбаев"],
            ),
        },
        people={
            "sergei-petrov": {"name": "Сергей Петров"},
            "sergei-petrov-2": {"name": "Сергей Петров", "aliases": ["Петров С. И."]},
            "artur-lastaev": {"name": "Артур Ластаев"},
            "nursultan-nazarbaev": {"name": "Нурсултан Назарбаев"},
            "bolat-nazarbaev": {"name": "Болат Назарбаев"},
        },
    )
    assert lines_of(only(run_check(root), "ambiguous")) == [
        "content/articles/2025/2025-a.md:1: warning: people: the body's 'Сергеем Петровым' is "
        "ambiguous: it may name 'Сергей Петров' (content/people/sergei-petrov.md) or "
        "'Сергей Петров' (content/people/sergei-petrov-2.md); it links to neither; if it is "
        "one of them, add that one to 'people'",
        "content/articles/2025/2025-b.md:6: warning: people: the body's 'Назарбаев' is "
        "ambiguous: it may name 'Болат Назарбаев' (content/people/bolat-nazarbaev.md) or "
        "'Нурсултан Назарбаев' (content/people/nursultan-nazarbaev.md); both are listed, so it "
        "links to neither; write the name in full where it first appears, or list only the "
        "one it is",
    ]


def test_the_body_links_a_surname_alone_only_to_the_one_listed_person_who_has_it():
    """The body links each entity once, so it allows fewer and fewer of the listed: a
    surname two listed people share stays unlinked after one of them is linked, and a
    surname inside another person's full name is never a short mention."""
    from site_builder.site.body import enhance

    nursultan = _person(3, "Нурсултан Назарбаев")
    bolat = _person(4, "Болат Назарбаев")
    matcher = NameMatcher([nursultan, bolat])
    html = "<p>Нурсултан Назарбаев уехал.</p>\n<p>Назарбаев ответил.</p>"

    def linked(*listed: Entity) -> list[tuple[str, str]]:
        links = {id(e): f"/{e.id}/" for e in listed}
        out = enhance(html, matcher, links, []).html
        return re.findall(r'<a class="sb-mention" href="/(\w+)/">([^<]*)</a>', out)

    assert linked(nursultan, bolat) == [("p3", "Нурсултан Назарбаев")]
    assert linked(bolat) == []
    assert linked(nursultan) == [("p3", "Нурсултан Назарбаев")]


def test_a_name_of_everyday_words_links_only_capitalized():
    ak_zhol = _org(12, "Ақ жол")  # a party; in lowercase, "a white road"
    matcher = NameMatcher([ak_zhol])
    text = "Ақ жол партиясы. Алдымызда ақ жол. Ақ жолдың өкілі."
    assert _found(matcher, text) == [("o12", "Ақ жол"), ("o12", "Ақ жолдың")]
