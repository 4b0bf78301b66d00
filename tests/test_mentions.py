"""Names found in a body's text tokens in one scan: the same as one token at a time."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.core.model import Entity
from site_builder.text.mentions import NameMatcher, _folded, select


def _entity(i: int, name: str, aliases: list[str]) -> Entity:
    return Entity("person", f"p{i}", f"content/people/p{i}.md", name, aliases, {}, "", 1)


PEOPLE = [
    _entity(0, "Aidos Sarym", ["Айдос Сарым", "Sarym"]),
    _entity(1, "Evgeniy Zhovtis", ["Евгений Жовтис", "Жовтис"]),
    _entity(2, "Straße Verein", ["Strasse"]),
    _entity(3, "Zhovtis Fund", []),
    _entity(4, "Ainur Sarym", ["Sarym"]),
]
MATCHER = NameMatcher(PEOPLE)

# Pieces of text tokens: names in every spelling and case, word characters that glue to
# them, letters that fold to two ('ß'), combining accents, NUL, and spaces of all kinds.
PIECES = st.sampled_from(
    [
        "Aidos Sarym", "айдос сарым", "SARYM", "Sarym's", "xSarym", "Sarym_", "Жовтис",
        "Евгений  Жовтис", "Zhovtis Fund", "Straße", "STRASSE", "Verein", "e\u0301", "\u0301",
        "\0", " ", "\n", "\u00a0", ", ", ".", "a", "Фонд", "ß",
    ]
)  # fmt: skip
TOKENS = st.lists(st.lists(PIECES, max_size=6).map("".join), min_size=1, max_size=8)


@settings(max_examples=400, deadline=None)
@given(TOKENS, st.sets(st.sampled_from(range(len(PEOPLE)))))
def test_one_scan_finds_what_scanning_each_token_finds(tokens, allowed_people):
    """The tokens are one document: each token's names are found as if it were scanned
    alone, except that the evidence that a surname belongs to a namesake («Zhovtis Fund»
    for Evgeniy Zhovtis's "Zhovtis"; "Sarym Verein", another Verein than Straße Verein) is
    the whole document's: it can only take short mentions away, and a document of one
    token is scanned exactly as the token alone."""
    allowed = {id(PEOPLE[i]) for i in allowed_people}
    found = MATCHER.candidates_in(tokens)
    assert len(found) == len(tokens)
    for token, candidates in zip(tokens, found, strict=True):
        short = {
            (start, end)
            for start, end, ents, context, _ in MATCHER._candidates(_folded(token), token)
            if context and not ents
        }
        for only in (None, allowed):
            alone = MATCHER.find(token, only)
            together = select(candidates, only)
            assert set(together) <= set(alone), token
            taken = [m for m in alone if m not in together]
            assert all((m.start, m.end) in short for m in taken), (token, taken)
            if len(tokens) == 1:
                assert together == alone, token


def test_a_namesake_in_another_token_takes_the_short_mention_away():
    # Found by the property above: "Sarym Verein" reads as another person named Verein
    # (a capitalized given name before the surname), so "Verein" alone names no one in
    # the document, though scanned alone it names Straße Verein.
    listed = {id(p) for p in PEOPLE}  # the article lists them all
    [first, _] = MATCHER.candidates_in(["Verein", "Aidos Sarym Verein"])
    assert [m.entity for m in MATCHER.find("Verein", listed)] == [PEOPLE[2]]
    assert select(first, listed) == []


def test_names_are_found_in_their_own_token_only():
    tokens = ["said Aidos", " Sarym and ", "Евгений Жовтис", ""]
    found = MATCHER.candidates_in(tokens)
    # "Aidos" + " Sarym" are split by a tag: not the full name, but "Sarym" alone is.
    assert [[(s, e) for s, e, *_ in c] for c in found] == [[], [(1, 6)], [(0, 14), (8, 14)], []]
    assert {e.name for _, _, ents, *_ in found[1] for e in ents} == {"Aidos Sarym", "Ainur Sarym"}


def _found(matcher: NameMatcher, text: str) -> list[tuple[str, str]]:
    return [(m.entity.id, m.text(text)) for m in matcher.find(text)]


def test_a_cyrillic_name_is_found_in_every_case():
    """«Усена Сулеймена», «Сулейменом», Kazakh «Сүлейменнің»: the registered name in its
    Russian and Kazakh cases, generated from the nominative (text/forms.py)."""
    usen = _entity(1, "Usen Suleimen", ["Усен Сулеймен", "Усен Сүлеймен"])
    artur = _entity(2, "Artur Lastayev", ["Артур Ластаев"])
    matcher = NameMatcher([usen, artur])
    text = (
        "По словам Усена Сулеймена, фонд получил грант. С Артуром Ластаевым он не согласен; "
        "Усен Сүлейменнің пікірінше, Артур Ластаевқа жауап берілді."
    )
    assert _found(matcher, text) == [
        ("p1", "Усена Сулеймена"),
        ("p2", "Артуром Ластаевым"),
        ("p1", "Усен Сүлейменнің"),
        ("p2", "Артур Ластаевқа"),
    ]
    # whole words only, and a one-word name is not declined
    assert _found(matcher, "Усена Сулейменаов") == []


def test_a_form_two_entries_share_names_neither_and_a_spelling_wins():
    """A generated form that is another entry's registered spelling, or that two entries
    generate, is not taken as a mention of the entry that generated it."""
    ivanov = _entity(1, "Marat Ivanov", ["Марат Иванов"])
    other = _entity(2, "Marata Ivanova", ["Марата Иванова"])  # a spelling as registered
    matcher = NameMatcher([ivanov, other])
    assert _found(matcher, "Марата Иванова") == [("p2", "Марата Иванова")]
    assert _found(matcher, "Маратом Ивановым") == [("p1", "Маратом Ивановым")]
    twins = [_entity(3, "Sergei Petrov", ["Сергей Петров"]),
             _entity(4, "Sergei Petrov (2)", ["Сергей Петров"])]  # fmt: skip
    assert _found(NameMatcher(twins), "Сергеем Петровым") == []
