"""Who is quoted, in Russian and Kazakh: attribution phrases whose name is in any case,
resolved by the forms the site links with (text/attribution.py over text/mentions.py).

The Russian sentences are real: each is found in a text of the names corpus
(tests/corpus/ru_names, factRuEval-2016, MIT), and its people are that text's people.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_archive

from benchmarks import names_eval
from site_builder.core import archive as archive_mod
from site_builder.text.attribution import PersonFinder, attributions

# (text id, words of one sentence of it, the person it attributes words to)
REAL = [
    ("factru-devset-book_247", "По словам главы Минкомсвязи Игоря Щеголёва", "Игорь Щеголёв"),
    ("factru-devset-book_424", "По словам Ратманского, в гала-концерт", "Алексей Ратманский"),
    ("factru-devset-book_462", "По словам Данна, некоторые", "Питер Данн"),
    ("factru-devset-book_622", "премьер-министра Молдавии Влада Филата", "Влад Филат"),
    ("factru-devset-book_542", "отметил Минченко", "Евгений Минченко"),
    ("factru-devset-book_546", "Одновременно Цукерберг подчеркнул", "Марк Цукерберг"),
    ("factru-devset-book_324", "Бхутто заявила по телефону", "Беназир Бхутто"),
    ("factru-devset-book_348", "Нино Бурджанадзе заявила", "Нино Бурджанадзе"),
    ("factru-devset-book_374", "Белоруссии Эдуард Товпинец", "Эдуард Товпинец"),
    ("factru-devset-book_142", "— сообщил Мустафа Джемилев во вторник", "Мустафа Джемилев"),
    ("factru-devset-book_448", "— рассказала Алла Бут", "Алла Бут"),
    ("factru-devset-book_356", "— заявил Дейв Донателли", "Дейв Донателли"),
    ("factru-devset-book_302", "Приморья Сергей Дарькин заявил", "Сергей Дарькин"),
    ("factru-devset-book_336", "свою семью, заявил", "Виталий Калоев"),
]


def _registry(tmp_path: Path, names: list[str]):
    people = {f"person-{n}": {"name": name} for n, name in enumerate(names, 1)}
    root = make_archive(tmp_path, articles={}, people=people, organizations={}, topics={})
    return archive_mod.load(root).registry


def _sentence(text: str, words: str) -> str:
    at = text.index(words)
    start = max(text.rfind(c, 0, at) for c in ".!?\n") + 1
    end = min((i for c in ".!?\n" if (i := text.find(c, at + len(words))) >= 0), default=len(text))
    return text[start : end + 1].strip()


@pytest.mark.parametrize(("text_id", "words", "speaker"), REAL)
def test_real_russian_attributions_resolve_in_any_case(tmp_path, text_id, words, speaker):
    record = next(r for r in names_eval.load_corpus() if r["id"] == text_id)
    finder = PersonFinder(_registry(tmp_path, [p["name"] for p in record["people"]]))
    sentence = _sentence(record["text"], words)
    found = attributions(sentence, finder)
    assert [a.person.name for a in found if a.person] == [speaker], (sentence, found)


def test_the_whole_corpus_attributes_to_the_annotated_person(tmp_path):
    """Over the corpus, every attribution phrase around an annotated mention names that
    person or, once, no one («Пресс-служба Кадырова заявила»); never someone else."""
    right = wrong = unknown = 0
    for n, record in enumerate(names_eval.load_corpus()):
        finder = PersonFinder(_registry(tmp_path / str(n), [p["name"] for p in record["people"]]))
        text = record["text"]
        for a in attributions(text, finder):
            inside = {
                p["name"]
                for p in record["people"]
                for s, e in p["mentions"]
                if a.start <= s and e <= a.end
            }
            if not inside:
                continue
            if a.person is None:
                unknown += 1
            elif a.person.name in inside:
                right += 1
            else:
                wrong += 1
    assert right >= 175 and wrong == 0 and unknown <= 2, (right, wrong, unknown)


def test_kazakh_attributions(tmp_path):
    finder = PersonFinder(_registry(tmp_path, ["Усен Сүлеймен", "Артур Ластаев"]))
    text = (
        "«Сот шешімі заңсыз», — деді Усен Сүлеймен. Ластаев мәлімдеді: «Біз шағым береміз». "
        "Сүлейменнің айтуынша, іс жалғасады."
    )
    found = attributions(text, finder)
    assert [(a.name, a.person and a.person.name) for a in found] == [
        ("Усен Сүлеймен", "Усен Сүлеймен"),
        ("Ластаев", "Артур Ластаев"),
        ("Сүлейменнің", "Усен Сүлеймен"),
    ]


def test_a_surname_two_people_have_resolves_to_no_one(tmp_path):
    finder = PersonFinder(_registry(tmp_path, ["Нурсултан Назарбаев", "Болат Назарбаев"]))
    assert finder.resolve("Назарбаева") is None
    assert finder.resolve("Болата Назарбаева").name == "Болат Назарбаев"
    # one unknown word is no speaker: the phrase is left out
    assert attributions("«Нет», — заявил Назарбаев.", finder) == []
