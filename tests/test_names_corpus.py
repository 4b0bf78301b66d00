"""The Russian names corpus (tests/corpus/ru_names/) and the harness that measures linking,
the check and the import on it (benchmarks/names_eval.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks import names_eval

CORPUS_DIR = Path(__file__).parent / "corpus" / "ru_names"


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return names_eval.load_corpus()


def test_corpus_is_real_news_with_its_source_and_licence(corpus: list[dict]) -> None:
    assert len(corpus) >= 50
    assert names_eval.CORPUS.stat().st_size < 1_000_000
    readme = (CORPUS_DIR / "README.md").read_text(encoding="utf-8")
    commit = "dfe96237fce79fde13b2021d1938587e4ea3042e"
    for needed in ("dialogue-evaluation/factRuEval-2016", "MIT License", commit):
        assert needed in readme
    ids = [r["id"] for r in corpus]
    assert len(ids) == len(set(ids))
    for r in corpus:
        assert r["source"].startswith("factRuEval-2016 ")


def test_every_span_is_a_mention_in_the_text(corpus: list[dict]) -> None:
    for r in corpus:
        text = r["text"]
        assert r["people"], f"{r['id']} names nobody"
        names = [p["name"] for p in r["people"]]
        assert len(names) == len(set(names)), r["id"]
        for p in r["people"]:
            # A full name: a given name and a surname ('аль-Хадж' and 'ван' are lowercase),
            # no initials.
            words = p["name"].split()
            assert len(words) >= 2 and words[0][0].isupper(), p["name"]
            assert all(len(w.rstrip(".")) > 1 for w in words), p["name"]
            assert all(any(c.isupper() for c in w) for w in (words[0], words[-1])), p["name"]
            assert p["mentions"], f"{r['id']}: {p['name']} has no mention"
            for start, end in p["mentions"]:
                assert 0 <= start < end <= len(text), (r["id"], p["name"], start, end)
                mention = text[start:end]
                assert mention == mention.strip() and re.search(r"\w", mention)
                # whole words: the span neither starts nor ends inside a word
                assert start == 0 or not text[start - 1].isalnum(), (r["id"], mention)
                assert end == len(text) or not text[end].isalnum(), (r["id"], mention)


def test_the_corpus_holds_inflected_mentions(corpus: list[dict]) -> None:
    """The point of the corpus: names in the cases a Russian text puts them in."""
    forms = [
        (r["text"][s:e], p["name"]) for r in corpus for p in r["people"] for s, e in p["mentions"]
    ]
    inflected = [m for m, name in forms if not names_eval.is_nominative(m, name)]
    assert len(inflected) >= 0.2 * len(forms)
    assert names_eval.is_nominative("Лужков", "Юрий Лужков")
    assert not names_eval.is_nominative("Юрия Лужкова", "Юрий Лужков")


def test_the_harness_on_five_texts(corpus: list[dict]) -> None:
    five = corpus[:5]
    f = names_eval.evaluate(five)
    assert f.texts == 5
    assert f.pairs == sum(len(r["people"]) for r in five)
    assert f.mentions == sum(len(p["mentions"]) for r in five for p in r["people"])
    # A person whose full name the text writes as listed links, the check finds them when
    # they are missing from the front matter, and nothing links to the wrong place.
    assert f.as_listed <= f.linked <= f.pairs
    assert f.as_listed <= f.warned <= f.pairs
    assert f.wrong_links == f.wrong_warnings == f.wrong_prefills == 0
    report = names_eval.report(f, "python benchmarks/names_eval.py --limit 5")
    assert f"| {f.linked} / {f.pairs} = " in report


def _record(
    text: str, people: dict[str, list[str]], skip_first: frozenset[str] = frozenset()
) -> dict:
    """A corpus record: each name's mentions are every occurrence of the given forms (less
    the first occurrence, for names in `skip_first`)."""
    out = []
    for name, forms in people.items():
        spans = sorted(
            (m.start(), m.end()) for form in forms for m in re.finditer(re.escape(form), text)
        )
        if name in skip_first:
            spans = spans[1:]
        out.append({"name": name, "mentions": [list(s) for s in spans]})
    return {"id": "t", "source": "test", "text": text, "people": out}


TEXT = (
    "Компания A&B <тест> *звезда* и «кавычки»: Иван Петров выступил.\n\n"
    "Позже Иван Петров и Анна Смирнова ответили журналистам.\n"
)


def test_the_harness_finds_each_figure() -> None:
    record = _record(TEXT, {"Иван Петров": ["Иван Петров"], "Анна Смирнова": ["Анна Смирнова"]})
    f = names_eval.evaluate([record])
    assert (f.pairs, f.linked, f.links, f.wrong_links) == (2, 2, 2, 0)
    assert (f.warned, f.prefilled) == (2, 2)
    assert f.inflected == 0 and f.as_listed == 2


def test_a_link_on_no_mention_of_its_person_is_wrong() -> None:
    """The body links the first 'Иван Петров'; the annotation says only the second is him."""
    record = _record(TEXT, {"Иван Петров": ["Иван Петров"]}, skip_first={"Иван Петров"})
    f = names_eval.evaluate([record])
    assert (f.linked, f.links, f.wrong_links) == (0, 1, 1)
    assert f.misses["wrong link"] == ["t: 'Иван Петров' -> Иван Петров"]


def test_an_inflected_mention_is_counted() -> None:
    text = "Вчера Ивана Петрова видели в Москве.\n"
    f = names_eval.evaluate([_record(text, {"Иван Петров": ["Ивана Петрова"]})])
    assert (f.mentions, f.inflected, f.as_listed) == (1, 1, 0)


def test_an_unlinked_pair_is_counted_by_the_closest_form() -> None:
    kind = names_eval.mention_kind
    assert kind(["Лужкову", "Юрия Лужкова"], "Юрий Лужков") == names_eval.KINDS[0]
    assert kind(["Лужкову", "Лужков"], "Юрий Лужков") == names_eval.KINDS[1]
    assert kind(["Лужкову"], "Юрий Лужков") == names_eval.KINDS[2]
    assert kind(["Luzhkov"], "Юрий Лужков") == names_eval.KINDS[3]
    text = "Вчера Ивана Петрова видели в Москве.\n"
    f = names_eval.evaluate([_record(text, {"Иван Петров": ["Ивана Петрова"]})])
    assert sum(f.unlinked.values()) == f.pairs - f.linked


def test_the_whole_corpus_meets_the_issues_targets(corpus: list[dict]) -> None:
    """Issue 18's figures on the 150 texts (benchmarks/names_eval.py), which asks for 95%
    linked with no wrong link, 95% found by the check and 90% pre-filled. The bars here are
    what short mentions, full names without the patronymic and foreign names with middle
    words reach (98.8%, 98.3%, 98.3%; 96.2%, 96.2%, 96.4% without them), so that a change
    that loses them fails."""
    f = names_eval.evaluate(corpus)
    assert f.linked >= 0.98 * f.pairs, names_eval.report(f, "test")
    assert f.wrong_links == 0, f.misses.get("wrong link")
    assert f.warned >= 0.98 * f.pairs
    assert f.wrong_warnings == 0, f.misses.get("warned, not annotated")
    assert f.prefilled >= 0.98 * f.pairs
