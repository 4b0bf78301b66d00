"""The contributor guide: one text on the site and in CONTRIBUTING.md, commands that work, and
the templates GitHub shows to contributors."""

from __future__ import annotations

import importlib.util
import re
import shlex
from pathlib import Path

import pytest
import yaml

from site_builder.cli import parser

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "content" / "contributing.md"
GITHUB = ROOT / ".github"


def _sync_module():
    spec = importlib.util.spec_from_file_location(
        "sync_contributing", ROOT / "tools" / "sync_contributing.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sync = _sync_module()


def test_contributing_md_is_the_sites_guide():
    wanted = sync.render(GUIDE.read_text(encoding="utf-8"))
    current = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert current == wanted, (
        "CONTRIBUTING.md is out of date: run python tools/sync_contributing.py"
    )


def test_links_between_site_pages_point_at_their_files_on_github():
    text = "See [About](about.md), [Kibhr](organizations/kibhr.md#roles), [x](#step), [y](https://e.org/a.md)."
    assert sync.render(text) == sync.HEADER + (
        "See [About](content/about.md), [Kibhr](content/organizations/kibhr.md#roles), "
        "[x](#step), [y](https://e.org/a.md)."
    )


def test_sync_check_mode_reports_a_stale_copy(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sync, "TARGET", tmp_path / "CONTRIBUTING.md")
    (tmp_path / "CONTRIBUTING.md").write_text("old\n", encoding="utf-8")
    assert sync.main(["--check"]) == 1
    assert "run: python tools/sync_contributing.py" in capsys.readouterr().err
    assert sync.main([]) == 0
    assert sync.main(["--check"]) == 0


def guide_commands() -> list[list[str]]:
    """Every `site-builder ...` line of the guide's shell blocks, as argv (comments cut)."""
    text = GUIDE.read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            if line.startswith("site-builder "):
                out.append(shlex.split(line, comments=True)[1:])
    return out


def test_the_guide_covers_import_new_check_and_aliases():
    commands = {argv[0] for argv in guide_commands()}
    assert {"import", "new", "check"} <= commands
    text = GUIDE.read_text(encoding="utf-8")
    for heading in ("## Add an article", "## Add a person", "## Add an alias",
                    "## What reviewers look for"):  # fmt: skip
        assert heading in text
    for option in ("--outlet", "--url", "--date", "--title", "--language", "--id"):
        assert f"`{option}`" in text


@pytest.mark.parametrize("argv", guide_commands(), ids=" ".join)
def test_every_command_in_the_guide_is_one_the_cli_accepts(argv):
    if argv[0] == "import" and importlib.util.find_spec("site_builder.ingest.importer") is None:
        pytest.skip("site-builder import is not written yet")
    parser().parse_args(argv)  # SystemExit on an unknown command or option


def test_pull_request_template_has_a_checklist():
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.M)
    assert len(boxes) >= 5
    assert any("site-builder check" in b for b in boxes)


def load_form(name: str) -> dict:
    return yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["correction.yml", "article-suggestion.yml"])
def test_issue_forms_are_well_formed(name):
    form = load_form(name)
    assert {"name", "description", "body"} <= set(form)
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids))
    for item in form["body"]:
        assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        if item["type"] != "markdown":
            assert item["attributes"]["label"]
        assert "validations" not in item or set(item["validations"]) <= {"required"}
    assert any(item.get("validations", {}).get("required") for item in form["body"])


def test_correction_form_asks_for_the_page_and_the_source():
    labels = " ".join(
        item["attributes"].get("label", "") for item in load_form("correction.yml")["body"]
    ).lower()
    assert "page" in labels and "source" in labels and "wrong" in labels


def test_article_suggestion_form_asks_for_the_address():
    form = load_form("article-suggestion.yml")
    (url,) = [item for item in form["body"] if item.get("id") == "url"]
    assert url["validations"]["required"] is True


def test_issue_chooser_config():
    config = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is True  # bugs in the software have no form
    for link in config.get("contact_links", []):
        assert link["url"].startswith("https://") and link["name"] and link["about"]
