"""Open data: the JSON and CSV dumps validate against data/schema.json and agree with
datapackage.json, keep dates at their precision, and come out the same every time."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest
from conftest import article, make_archive, sha256
from referencing import Registry, Resource

from site_builder import checks
from site_builder.core import archive as archive_mod
from site_builder.core.crosslinks import CrossIndex
from site_builder.core.schema import ARTICLE, REGISTRY
from site_builder.data import opendata

SITE = "https://example.org/archive/"
CAPTURE = "Artur Lastayev said: “We will act.”"
PEOPLE = {
    "artur-lastayev": {
        "name": "Artur Lastayev",
        "aliases": ["Lastaev", "Артур Ластаев"],
        "wikidata": "Q42",
        "roles": [
            {"organization": "European Union", "title": "Envoy", "from": "2019-03", "to": "2021"}
        ],
    },
    "usen-suleimen": {"name": "Usen Suleimen", "aliases": ["Usur Suleimen"]},
    "nobody-yet": {"name": "Nobody Yet"},
}


def load(root):
    arch = archive_mod.load(root)
    assert [d.format() for d in checks.run_all(arch).errors] == []
    return arch, CrossIndex(arch)


@pytest.fixture
def arch(tmp_path):
    make_archive(
        tmp_path,
        people=PEOPLE,
        articles={
            "2025-06-12-acts": article(
                'Artur Lastayev said: “We will act.” A line, with a comma and "quotes".',
                title='He said "act", then; left',
                date="2025-06-12",
                url="https://example.com/news/1?a=1&b=2",
                authors=["Usen Suleimen"],
                speakers=["Lastaev"],
                organizations=["EU"],
                topics=["Torture"],
                quotes=[{"by": "Artur Lastayev", "text": "We will act."}],
                summary="First line\nsecond line",
                capture="archive/example-news/2025/2025-06-12-acts.txt",
                sha256=sha256(CAPTURE),
                retrieved="2025-06-13",
                archived_url="https://web.archive.org/web/2025/https://example.com/news/1",
                translations={"ru": "2025-deistviia"},
            ),
            "2025-deistviia": article(
                "Ластаев сказал: «Будем действовать».",
                title="Действия",
                date="2025",
                language="ru",
                speakers=["Артур Ластаев"],
                quotes=[{"by": "Артур Ластаев", "text": "Будем действовать"}],
            ),
        },
        captures={"example-news/2025/2025-06-12-acts.txt": CAPTURE},
    )
    return load(tmp_path)


def test_every_json_file_validates_against_its_schema(arch):
    files = opendata.dumps(*arch, SITE)
    schema = json.loads(files["data/schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    registry = Registry().with_resource(schema["$id"], Resource.from_contents(schema))
    for name in opendata.FILES:
        data = json.loads(files[f"data/{name}.json"])
        assert data, name
        validator = jsonschema.Draft202012Validator(
            {"$ref": f"{schema['$id']}#/$defs/{name}"},
            registry=registry,
            format_checker=jsonschema.FormatChecker(),
        )
        assert list(validator.iter_errors(data)) == [], name
        # the root schema accepts every file too
        jsonschema.validate(data, schema)


def test_the_schema_rejects_what_breaks_the_contract(arch):
    files = opendata.dumps(*arch, SITE)
    schema = json.loads(files["data/schema.json"])
    articles = json.loads(files["data/articles.json"])
    validator = jsonschema.Draft202012Validator(
        {"$ref": f"{schema['$id']}#/$defs/articles"},
        registry=Registry().with_resource(schema["$id"], Resource.from_contents(schema)),
    )
    for broken in (
        {**articles[0], "date": "12 June 2025"},
        {**articles[0], "surprise": 1},
        {k: v for k, v in articles[0].items() if k != "summary"},  # every column, always
        {**articles[0], "speakers": "artur-lastayev"},
    ):
        assert list(validator.iter_errors([broken])), broken


def test_columns_come_from_the_front_matter_contract():
    article_cols = [c.name for c in opendata.ARTICLE_COLUMNS]
    for f in ARTICLE:
        if f.name == "quotes":
            assert "quotes" not in article_cols  # one record per quote, in quotes.json
        else:
            assert {"url": "original_url"}.get(f.name, f.name) in article_cols
    entity_cols = [c.name for c in opendata.ENTITY_COLUMNS]
    for fields in REGISTRY.values():
        for f in fields:
            assert {"url": "home_url"}.get(f.name, f.name) in entity_cols
    docs = {c.name: c.doc for c in opendata.ARTICLE_COLUMNS}
    assert docs["summary"].startswith(next(f.doc for f in ARTICLE if f.name == "summary"))


def test_article_records(arch):
    recs = {r["id"]: r for r in opendata.records(*arch, SITE)["articles"]}
    a = recs["2025-06-12-acts"]
    assert a["url"] == SITE + "articles/2025/2025-06-12-acts/"
    assert a["original_url"] == "https://example.com/news/1?a=1&b=2"
    assert (a["outlet"], a["outlet_name"]) == ("example-news", "Example News")
    assert (a["date"], a["date_precision"]) == ("2025-06-12", "day")
    assert a["speakers"] == ["artur-lastayev"]  # an alias, written as the entry's id
    assert a["authors"] == ["usen-suleimen"]
    assert a["organizations"] == ["european-union"]
    assert a["topics"] == ["torture"]
    assert a["retrieved"] == "2025-06-13"
    assert a["translations"] == {"ru": "2025-deistviia"}
    assert a["summary"] == "First line\nsecond line"
    # a year stays a year: never 2025-01-01
    ru = recs["2025-deistviia"]
    assert (ru["date"], ru["date_precision"]) == ("2025", "year")
    assert ru["original_url"] is None and ru["authors"] == []


def test_entity_records_count_and_date_appearances(arch):
    recs = {(r["kind"], r["id"]): r for r in opendata.records(*arch, SITE)["entities"]}
    artur = recs[("person", "artur-lastayev")]
    assert artur["aliases"] == ["Lastaev", "Артур Ластаев"]
    assert artur["wikidata"] == "Q42"
    assert artur["roles"] == [
        {"organization": "european-union", "title": "Envoy", "from": "2019-03", "to": "2021"}
    ]
    assert (artur["article_count"], artur["quote_count"]) == (2, 2)
    # the year-only article sorts after the dated days of 2025, so it is the latest
    assert (artur["first_appearance"], artur["last_appearance"]) == ("2025-06-12", "2025")
    assert recs[("person", "nobody-yet")]["article_count"] == 0
    assert recs[("person", "nobody-yet")]["first_appearance"] is None
    eu = recs[("organization", "european-union")]
    assert eu["abbreviation"] == "EU" and eu["roles"] == [] and eu["home_url"] is None
    assert recs[("outlet", "example-news")]["article_count"] == 2


def test_quote_records_link_to_their_anchor(arch):
    quotes = opendata.records(*arch, SITE)["quotes"]
    assert [(q["article"], q["anchor"], q["speaker"]) for q in quotes] == [
        ("2025-06-12-acts", "q-1", "artur-lastayev"),
        ("2025-deistviia", "q-1", "artur-lastayev"),
    ]
    assert quotes[0]["url"] == SITE + "articles/2025/2025-06-12-acts/#q-1"
    assert quotes[1]["text"] == "Будем действовать"
    assert (quotes[1]["date"], quotes[1]["language"]) == ("2025", "ru")


def test_urls_are_relative_to_the_site_root_without_site_url(arch):
    recs = opendata.records(*arch, None)
    assert recs["articles"][0]["url"] == "articles/2025/2025-06-12-acts/"
    assert recs["quotes"][0]["url"] == "articles/2025/2025-06-12-acts/#q-1"
    files = opendata.dumps(*arch, None)
    assert "$id" not in json.loads(files["data/schema.json"])
    assert "homepage" not in json.loads(files["datapackage.json"])


def test_csv_is_plain_utf8_rfc4180_and_agrees_with_json(arch):
    files = opendata.dumps(*arch, SITE)
    for name in opendata.FILES:
        raw = files[f"data/{name}.csv"]
        assert not raw.startswith(b"\xef\xbb\xbf")  # no byte-order mark
        text = raw.decode("utf-8")
        assert text.endswith("\r\n")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        records = json.loads(files[f"data/{name}.json"])
        assert [list(r) for r in rows[:1]] == [[c.name for c in opendata.COLUMNS[name]]]
        assert len(rows) == len(records)
        for row, rec in zip(rows, records, strict=True):
            for col in opendata.COLUMNS[name]:
                value = rec[col.name]
                if isinstance(value, list) and col.kind != "roles":
                    assert row[col.name] == "; ".join(value)
                elif isinstance(value, str):
                    assert row[col.name] == value  # commas, quotes, newlines survive
                elif value is None:
                    assert row[col.name] == ""
    articles = list(csv.DictReader(io.StringIO(files["data/articles.csv"].decode(), newline="")))
    acts = next(r for r in articles if r["id"] == "2025-06-12-acts")
    assert acts["title"] == 'He said "act", then; left'
    assert acts["translations"] == "ru:2025-deistviia"
    entities = files["data/entities.csv"].decode()
    assert "Envoy @ european-union 2019-03/2021" in entities


def test_data_package_describes_the_csv_files(arch):
    files = opendata.dumps(*arch, SITE)
    package = json.loads(files["datapackage.json"])
    assert package["$schema"] == opendata.DATA_PACKAGE_PROFILE
    assert package["homepage"] == SITE
    assert [r["name"] for r in package["resources"]] == list(opendata.FILES)
    for resource in package["resources"]:
        text = files[resource["path"]].decode(resource["encoding"])
        rows = list(csv.reader(io.StringIO(text, newline="")))
        fields = resource["schema"]["fields"]
        assert rows[0] == [f["name"] for f in fields]
        for f in fields:
            column = [row[rows[0].index(f["name"])] for row in rows[1:]]
            if f["type"] == "integer":
                assert all(int(v) >= 0 for v in column)
            if f["type"] == "date":
                assert all(v == "" or len(v.split("-")) == 3 for v in column)
            if f.get("constraints", {}).get("required"):
                assert all(column), f["name"]
        keys = [tuple(row[rows[0].index(k)] for k in resource["schema"]["primaryKey"])
                for row in rows[1:]]  # fmt: skip
        assert len(keys) == len(set(keys))
    quotes = next(r for r in package["resources"] if r["name"] == "quotes")
    assert quotes["schema"]["foreignKeys"][0]["reference"] == {
        "resource": "articles",
        "fields": ["id"],
    }
    articles_schema = next(r for r in package["resources"] if r["name"] == "articles")["schema"]
    speakers = next(f for f in articles_schema["fields"] if f["name"] == "speakers")
    assert (speakers["type"], speakers["delimiter"]) == ("list", "; ")


def test_output_is_deterministic_and_sorted(arch, tmp_path):
    first = opendata.dumps(*arch, SITE)
    again = opendata.dumps(*load(tmp_path), SITE)
    assert first == again
    articles = json.loads(first["data/articles.json"])
    assert [a["id"] for a in articles] == sorted(a["id"] for a in articles)
    assert list(articles[0]) == sorted(articles[0])
    entities = json.loads(first["data/entities.json"])
    kinds = [e["kind"] for e in entities]
    assert kinds == sorted(kinds, key=["person", "organization", "outlet", "topic"].index)
    assert first["data/articles.json"].startswith(b"[\n{")  # one record per line


def test_an_empty_archive_gives_valid_empty_files(tmp_path):
    make_archive(tmp_path)
    files = opendata.dumps(*load(tmp_path), None)
    assert json.loads(files["data/articles.json"]) == []
    assert files["data/quotes.csv"].decode().count("\r\n") == 1  # the header alone
