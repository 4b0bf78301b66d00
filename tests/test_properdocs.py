"""The plugin runs on ProperDocs, the maintained fork of MkDocs 1.6 (issue 15).

Material for MkDocs reaches end of life on 5 May 2027 and MkDocs 1.x has had no release since
August 2024; ProperDocs loads MkDocs plugins as they are. These builds prove ours is one of
them: the shipped archive's site is the one MkDocs builds, byte for byte but for the
generator tag, and a generated archive builds strictly and verifies.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.generate import generate

ROOT = Path(__file__).resolve().parents[1]
PROPERDOCS = shutil.which("properdocs") or str(Path(sys.executable).parent / "properdocs")
pytestmark = pytest.mark.skipif(
    not Path(PROPERDOCS).exists(),
    reason="properdocs is not installed (it is in requirements/all.txt, the 'properdocs' extra)",
)
_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _build(command: str, cwd: Path, site: Path) -> subprocess.CompletedProcess[str]:
    executable = (
        PROPERDOCS if command == "properdocs" else str(Path(sys.executable).parent / command)
    )
    return subprocess.run(
        [executable, "build", "--strict", "-d", str(site)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent)},
    )


def test_the_shipped_archive_builds_the_same_site_with_properdocs(tmp_path):
    done = {}
    for command in ("mkdocs", "properdocs"):
        result = _build(command, ROOT, tmp_path / command)
        assert result.returncode == 0, result.stderr
        done[command] = tmp_path / command
    a, b = done["mkdocs"], done["properdocs"]
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert b"ProperDocs" in (b / "index.html").read_bytes()  # it was ProperDocs that built it
    differ = [
        f
        for f in files
        if _GENERATOR.sub(b"", (a / f).read_bytes()) != _GENERATOR.sub(b"", (b / f).read_bytes())
    ]
    assert differ == []


def test_a_generated_archive_builds_strictly_and_verifies_with_properdocs(tmp_path):
    generate(tmp_path, 50, 1)
    result = _build("properdocs", tmp_path, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    verify = subprocess.run(
        [sys.executable, "-m", "site_builder.cli", "verify", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").exists()


def test_properdocs_serve_rebuilds_what_a_save_changed_and_reloads_the_page(tmp_path):
    # The serve session (mkdocs_plugin/live.py) wraps the server's build and its live reload
    # by the server's own module: ProperDocs' as well as MkDocs'.
    from test_serve import _get, _wait_for, served_story

    with served_story(tmp_path, other=True, program="properdocs") as story:
        url, log = story.url, story.log
        page = _get(url)
        assert "ProperDocs" in page and "livereload.js" in page, log.read_text()
        story.retitle("First title", "Second title")
        assert _wait_for(lambda: "Second title" in _get(url)), log.read_text()
        assert _wait_for(lambda: "pages left as they were" in log.read_text()), log.read_text()
        assert "serve: a full rebuild" not in log.read_text()
