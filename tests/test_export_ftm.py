"""`site-builder export ftm`: FollowTheMoney entities that the followthemoney package loads
and validates, linking each article to the people and organizations it names."""

from __future__ import annotations

import hashlib
import json

import pytest
from conftest import article, make_archive, sha256

from site_builder import cli
from site_builder.core import archive as archive_mod
from site_builder.core.files import FileExists
from site_builder.data import export

ftm = pytest.importorskip("followthemoney")
from followthemoney import model  # noqa: E402
from followthemoney.util import make_entity_id  # noqa: E402

CAPTURE = "<html><body>Artur Lastayev said: We will act.</body></html>"
SITE = "https://example.org/archive/"


@pytest.fixture
def root(tmp_path):
    return make_archive(
        tmp_path / "site",
        people={
            "artur-lastayev": {
                "name": "Artur Lastayev",
                "aliases": ["Lastaev", "Артур Ластаев"],
                "wikidata": "Q42",
                "roles": [
                    {"organization": "EU", "title": "Envoy", "from": "2019-03"},
                    {"title": "Ombudsman"},
                ],
            },
            "usen-suleimen": {"name": "Usen Suleimen"},
        },
        organizations={
            "european-union": {"name": "European Union", "abbreviation": "EU", "country": "BE"},
            "kibhr": {"name": "KIBHR", "parent": "European Union", "website": "https://k.kz"},
        },
        articles={
            "2025-06-acts": article(
                "Artur Lastayev said: We will act. Later: Still acting. Usen Suleimen agreed.",
                title="Acts",
                date="2025-06",
                url="https://example.com/1",
                language="kk",
                authors=["Usen Suleimen"],
                speakers=["Lastaev"],
                organizations=["KIBHR"],
                topics=["Torture"],
                quotes=[
                    {"by": "Artur Lastayev", "text": "We will act."},
                    {"by": "Artur Lastayev", "text": "Still acting."},
                ],
                capture="archive/example-news/2025/2025-06-acts.html",
                sha256=sha256(CAPTURE),
                retrieved="2025-06-13",
            ),
            "2024-other": article(title="Other", date="2024", people=["Usen Suleimen"]),
        },
        captures={"example-news/2025/2025-06-acts.html": CAPTURE},
    )


def read(path):
    """Every line as a proxy, re-parsed as untrusted input: re-cleaning changes nothing."""
    proxies = []
    for line in path.read_text("utf-8").splitlines():
        data = json.loads(line)
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.to_dict() == model.get_proxy(data).to_dict() == data
        proxy.schema.validate(data)
        assert all(proxy.has(p) for p in proxy.schema.required)
        proxies.append(proxy)
    return proxies


def fid(*parts):
    return make_entity_id(*parts)


def test_export_loads_and_validates_with_followthemoney(root, tmp_path):
    out = tmp_path / "archive.ftm.json"
    counts = export.export_ftm(archive_mod.load(root), out, site_url=SITE)
    proxies = read(out)
    assert sum(counts.values()) == len(proxies)
    assert counts == {"Article": 2, "Person": 2, "Organization": 3, "Membership": 1,
                      "Documentation": 6}  # fmt: skip
    ids = [p.id for p in proxies]
    assert len(ids) == len(set(ids))


def test_articles_are_ftm_articles_with_their_provenance(root, tmp_path):
    out = tmp_path / "a.json"
    export.export_ftm(archive_mod.load(root), out)
    by_id = {p.id: p for p in read(out)}
    acts = by_id[fid("article", "2025-06-acts")]
    assert acts.schema.name == "Article" and acts.schema.is_a("Document")
    assert acts.get("title") == ["Acts"]
    assert acts.get("publishedAt") == ["2025-06"]  # a month stays a month
    assert by_id[fid("article", "2024-other")].get("publishedAt") == ["2024"]
    assert acts.get("sourceUrl") == ["https://example.com/1"]
    assert acts.get("language") == ["kaz"]  # FtM's ISO 639-3
    assert acts.get("author") == ["Usen Suleimen"]
    assert acts.get("publisher") == ["Example News"]
    assert acts.get("keywords") == ["Torture"]
    assert acts.get("retrievedAt") == ["2025-06-13"]
    assert acts.get("contentHash") == [hashlib.sha1(CAPTURE.encode()).hexdigest()]
    assert acts.get("fileName") == ["2025-06-acts.html"]
    assert acts.get("mimeType") == ["text/html"]
    assert "We will act." in acts.first("bodyText")


def test_people_and_organizations_with_aliases_roles_and_parents(root, tmp_path):
    out = tmp_path / "a.json"
    export.export_ftm(archive_mod.load(root), out, site_url=SITE)
    by_id = {p.id: p for p in read(out)}
    artur = by_id[fid("person", "artur-lastayev")]
    assert artur.schema.name == "Person"
    assert artur.get("name") == ["Artur Lastayev"]
    assert artur.get("alias") == ["Lastaev", "Артур Ластаев"]
    assert artur.get("wikidataId") == ["Q42"]
    assert artur.get("position") == ["Ombudsman"]  # a title with no organization
    assert artur.get("sourceUrl") == [SITE + "people/artur-lastayev/"]
    eu = fid("organization", "european-union")
    assert by_id[eu].get("abbreviation") == ["EU"] and by_id[eu].get("country") == ["be"]
    assert by_id[fid("organization", "kibhr")].get("parent") == [eu]
    membership = next(p for p in by_id.values() if p.schema.name == "Membership")
    assert membership.get("member") == [artur.id]
    assert membership.get("organization") == [eu]
    assert (membership.get("role"), membership.get("startDate")) == (["Envoy"], ["2019-03"])
    outlet = by_id[fid("outlet", "example-news")]
    assert outlet.schema.name == "Organization" and outlet.get("alias") == ["EN"]


def test_documentation_links_each_article_to_the_entities_it_names(root, tmp_path):
    out = tmp_path / "a.json"
    export.export_ftm(archive_mod.load(root), out)
    proxies = read(out)
    links = [p for p in proxies if p.schema.name == "Documentation"]
    acts = fid("article", "2025-06-acts")
    of_acts = {p.first("entity"): p for p in links if p.get("document") == [acts]}
    assert set(of_acts) == {
        fid("person", "artur-lastayev"),
        fid("person", "usen-suleimen"),
        fid("organization", "kibhr"),
        fid("outlet", "example-news"),
    }
    artur = of_acts[fid("person", "artur-lastayev")]
    assert artur.get("role") == ["quoted"]
    assert artur.get("summary") == ["We will act.", "Still acting."]  # verbatim, in order
    assert artur.get("date") == ["2025-06"]
    assert of_acts[fid("person", "usen-suleimen")].get("role") == ["author"]
    assert of_acts[fid("organization", "kibhr")].get("role") == ["mentioned"]
    assert of_acts[fid("outlet", "example-news")].get("role") == ["publisher"]
    # every link points at entities of the export, from document to entity
    ids = {p.id for p in proxies}
    for link in links:
        assert link.first("document") in ids and link.first("entity") in ids
        (source, target), *_ = link.edgepairs()
        assert (source, target) == (link.first("document"), link.first("entity"))


def test_ids_are_stable_from_export_to_export(root, tmp_path):
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    export.export_ftm(archive_mod.load(root), one)
    export.export_ftm(archive_mod.load(root), two)
    assert one.read_bytes() == two.read_bytes()


def test_never_overwrites(root, tmp_path):
    out = tmp_path / "a.json"
    out.write_text("mine")
    with pytest.raises(FileExists):
        export.export_ftm(archive_mod.load(root), out)
    assert out.read_text() == "mine"


def test_a_value_ftm_cannot_take_is_reported_not_silently_dropped(tmp_path):
    make_archive(tmp_path, organizations={"x": {"name": "X", "country": "Atlantis"}})
    warnings: list[str] = []
    out = tmp_path / "a.json"
    export.export_ftm(archive_mod.load(tmp_path), out, warn=warnings.append)
    assert warnings == [
        "content/organizations/x.md: 'Atlantis' is not a valid country for "
        "FollowTheMoney's Organization.country; left out"
    ]
    assert all(p.get("country") == [] for p in read(out))


def test_a_capture_that_does_not_match_its_checksum_gets_no_content_hash(tmp_path):
    make_archive(
        tmp_path,
        articles={"2025-a": article(capture="archive/a.txt", sha256=sha256("other"))},
        captures={"a.txt": "text"},
    )
    warnings: list[str] = []
    out = tmp_path / "a.json"
    export.export_ftm(archive_mod.load(tmp_path), out, warn=warnings.append)
    (art,) = [p for p in read(out) if p.schema.name == "Article"]
    assert not art.has("contentHash")
    assert len(warnings) == 1 and "does not match its sha256" in warnings[0]


def test_cli_writes_prints_a_summary_and_refuses_to_overwrite(root, tmp_path, capsys):
    out = tmp_path / "out.ftm.json"
    assert cli.main(["export", "ftm", str(out), str(root)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"wrote 14 FollowTheMoney entities to {out}: 2 Article, ")
    assert len(read(out)) == 14
    before = out.read_bytes()
    assert cli.main(["export", "ftm", str(out), str(root)]) == 1
    assert "already exists; it is never overwritten" in capsys.readouterr().err
    assert out.read_bytes() == before


def test_cli_refuses_an_archive_with_errors(tmp_path, capsys):
    root = make_archive(tmp_path / "site", articles={"2025-a": article(speakers=["Nobody"])})
    out = tmp_path / "out.json"
    assert cli.main(["export", "ftm", str(out), str(root)]) == 1
    err = capsys.readouterr().err
    assert "unknown person 'Nobody'" in err and "fix them first" in err
    assert not out.exists()
