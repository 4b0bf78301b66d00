"""The archive this repository ships must be clean: no errors, no warnings."""

from __future__ import annotations

from pathlib import Path

from site_builder import checks
from site_builder.cli import main
from site_builder.core import archive

ROOT = Path(__file__).resolve().parents[1]


def test_shipped_archive_has_no_problems():
    arch = archive.load(ROOT)
    diags = checks.run_all(arch)
    assert [d.format() for d in diags] == []
    assert len(arch.articles) >= 1


def test_check_prints_only_a_summary(capsys):
    assert main(["check", str(ROOT)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.strip().startswith("checked ") and out.strip().endswith("0 errors, 0 warnings")
    assert len(out.strip().splitlines()) == 1


def test_seed_capture_is_kept_byte_for_byte():
    arch = archive.load(ROOT)
    seed = arch.by_id["2025-cmn-kz-ngos-look-for-new-funding"]
    fixture = ROOT.parent / "shared" / "fixtures" / "cmn-kz-ngo-funding.raw.txt"
    capture = ROOT / seed.capture
    if fixture.exists():
        assert capture.read_bytes() == fixture.read_bytes()
    # the body holds each paragraph once, and the three subheadings as headings
    from site_builder.core.model import blocks

    bs = blocks(seed.body, seed.body_line)
    texts = [b.text for b in bs]
    assert len(texts) == len(set(texts)) == 22
    assert [b.text for b in bs if b.is_heading] == [
        "## Attempting to look lie the victim",
        "## Strayed from the path",
        "## More criticism, more money",
    ]
    usen = arch.registry.get("person", "usen-suleimen")
    assert sum(1 for q in seed.quotes if arch.registry.resolve("person", q.by.text) is usen) >= 5
