"""The typed model: every front-matter field is an attribute of the model, read as such."""

from __future__ import annotations

import dataclasses
import datetime as dt

from conftest import article, make_archive, md

from site_builder.core import archive as archive_mod
from site_builder.core.dates import PartialDate
from site_builder.core.model import ARTICLE_ATTRIBUTE, ENTITY_ATTRIBUTE, Article, Entity, HandPage
from site_builder.core.schema import KINDS, SCHEMAS


def _attributes(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def test_every_schema_field_is_a_typed_attribute():
    assert {ARTICLE_ATTRIBUTE.get(f.name, f.name) for f in SCHEMAS["article"]} <= _attributes(
        Article
    )
    for kind in KINDS:
        fields = {ENTITY_ATTRIBUTE.get(f.name, f.name) for f in SCHEMAS[kind]}
        assert fields <= _attributes(Entity), kind
    assert {f.name for f in SCHEMAS["page"]} <= _attributes(HandPage)


def test_loaded_values_are_typed(tmp_path):
    capture = "archive/example-news/2025/x.txt"
    make_archive(
        tmp_path,
        articles={
            "2025-x": article(
                "Text.",
                url="https://example.org/x",
                date="2025-06",
                retrieved="2025-07-01",
                capture=capture,
                people=["Usen Suleimen"],
            )
        },
        organizations={"kibhr": md({"name": "KIBHR", "type": "NGO", "abbreviation": "K"})},
    )
    arch = archive_mod.load(tmp_path)
    a = arch.by_id["2025-x"]
    assert a.original_url == "https://example.org/x" and a.url == "articles/2025/2025-x/"
    assert a.date == PartialDate.parse("2025-06")
    assert a.retrieved == dt.date(2025, 7, 1)
    assert [r.text for r in a.people] == ["Usen Suleimen"] and a.value("url") == a.original_url
    org = arch.registry.get("organization", "kibhr")
    assert org.org_type == "NGO" and org.value("type") == "NGO" and org.abbreviation == "K"
    assert org.roles == [] and org.home_url is None
