"""`site-builder import` killed part-way: never a draft without its capture, every leftover
reported by the check, and the same command run again finishes the import.

The import runs in a child process whose `os.fsync`, `os.link` and `os.unlink` announce each
call and, at the chosen one, stop there (as a slow `fsync` would) until the test kills the
child with SIGKILL: no cleanup code of the import runs, as when a laptop's battery dies or a
CI job is cancelled.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_check

from site_builder.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SOURCE = FIXTURES / "steppe-herald-water-tariffs.html"
ID = "2025-03-steppe-herald-almaty-water-tariffs-to-rise-12-from-april-regulator-says"
CAPTURE = f"archive/steppe-herald/2025/{ID}.html"
DRAFT = f"content/articles/2025/{ID}.md"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and fork are POSIX")

# The child: the import, with the calls that commit files traced; at KILL_AT ("link:1": the
# first os.link) it says so and waits to be killed.
CHILD = r"""
import os, signal, sys, time

# Ctrl-C as at a terminal, even when the tests run where SIGINT is ignored (a job started in
# the background inherits SIG_IGN, and Python then raises no KeyboardInterrupt).
signal.signal(signal.SIGINT, signal.default_int_handler)

stop = os.environ.get("KILL_AT", "")
counts = {}

def traced(name):
    real = getattr(os, name)

    def call(*args, **kwargs):
        result = real(*args, **kwargs)
        counts[name] = counts.get(name, 0) + 1
        step = f"{name}:{counts[name]}"
        print("@@step", step, flush=True)
        if step == stop:
            print("@@paused", flush=True)
            time.sleep(600)
        return result

    setattr(os, name, call)

for name in ("fsync", "link", "unlink", "rename", "replace"):
    traced(name)

from site_builder.cli import main
sys.exit(main(sys.argv[1:]))
"""


def command(root: Path) -> list[str]:
    return ["import", str(SOURCE), "--root", str(root)]


def start(root: Path, kill_at: str = "") -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, *command(root)],
        env={**os.environ, "KILL_AT": kill_at},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def trace(root: Path) -> list[str]:
    """The traced calls of an import that runs to its end."""
    child = start(root)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    return [line.split()[1] for line in out.splitlines() if line.startswith("@@step ")]


def interrupt(root: Path, kill_at: str) -> None:
    """Run the import and SIGKILL it once it has made the call `kill_at`."""
    child = start(root, kill_at)
    try:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("@@paused"):
                break
        else:
            pytest.fail(f"the import ended before {kill_at}: {child.stderr.read()}")
    finally:
        child.kill()  # SIGKILL: nothing of the import's own cleanup runs
        child.communicate(timeout=60)
    assert child.returncode == -9


def files(root: Path) -> list[str]:
    """Every file where the import writes, dot-files included, relative to root."""
    found = [*(root / "content" / "articles").rglob("*"), *(root / "archive").rglob("*")]
    return sorted(p.relative_to(root).as_posix() for p in found if p.is_file())


def temporaries(root: Path) -> list[str]:
    return [f for f in files(root) if Path(f).name.startswith(".") and f.endswith(".tmp")]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The small fictional registry of the import's HTML fixtures, no articles yet."""
    shutil.copytree(FIXTURES / "registry", tmp_path / "content")
    (tmp_path / "content" / "articles").mkdir()
    return tmp_path


def rerun(capsys, root: Path) -> tuple[int, str, str]:
    code = main(command(root))
    out, err = capsys.readouterr()
    return code, out, err


def leftover_reports(root: Path) -> list[str]:
    """What the check says about temporaries and captures without an article."""
    return [
        d.format()
        for d in run_check(root)
        if d.path.startswith("archive/") or Path(d.path).name.endswith(".tmp")
    ]


def assert_complete(root: Path) -> None:
    """Exactly the capture, byte for byte, and its draft naming it; the check has nothing
    to say about leftovers."""
    assert files(root) == [CAPTURE, DRAFT]
    assert (root / CAPTURE).read_bytes() == SOURCE.read_bytes()
    digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    text = (root / DRAFT).read_text(encoding="utf-8")
    assert f'capture: "{CAPTURE}"' in text and f'sha256: "{digest}"' in text
    assert leftover_reports(root) == []


def assert_reported(root: Path) -> list[str]:
    """The check names every leftover and says what to do; returns its lines."""
    reports = leftover_reports(root)
    for temp in temporaries(root):
        [line] = [r for r in reports if r.startswith(f"{temp}: ")]
        assert line.startswith(f"{temp}: warning: a temporary file")
        assert "re-run the import" in line or "delete it" in line
    if CAPTURE in files(root) and DRAFT not in files(root):
        [line] = [r for r in reports if r.startswith(f"{CAPTURE}: ")]
        assert line.startswith(f"{CAPTURE}: error: a capture that no article names")
        assert "re-run the import" in line
    return reports


# --- the two interruptions of the issue ------------------------------------------------------


def test_killed_after_the_capture_before_the_draft_the_rerun_writes_the_draft(capsys, root):
    interrupt(root, "link:1")  # the capture is in place, the draft is not
    assert CAPTURE in files(root) and DRAFT not in files(root)
    reports = assert_reported(root)
    assert any(r.startswith(f"{CAPTURE}: error:") for r in reports)

    code, out, err = rerun(capsys, root)
    assert code == 0, err
    assert f"{CAPTURE} is already in place with the same bytes, and no article names it" in err
    assert f"created {DRAFT} (the draft)" in out
    assert_complete(root)


def test_killed_in_a_slow_fsync_leaves_only_temporaries_that_the_rerun_removes(capsys, root):
    interrupt(root, "fsync:1")  # the capture's temporary file written, nothing in place
    temps = temporaries(root)
    assert temps and files(root) == temps  # neither file, only temporaries
    reports = assert_reported(root)
    assert len(reports) == len(temps)

    code, out, err = rerun(capsys, root)
    assert code == 0, err
    assert f"removed {len(temps)} temporary file" in err
    assert_complete(root)


def test_killed_after_both_links_the_rerun_removes_what_is_left_and_says_so(capsys, root):
    interrupt(root, "link:2")  # both files in place, the draft's temporary file not removed
    [temp] = temporaries(root)
    assert files(root) == sorted([CAPTURE, DRAFT, temp])
    [report] = assert_reported(root)
    assert "which is in place: delete it" in report

    code, out, err = rerun(capsys, root)
    assert code == 0, err
    assert f"{DRAFT} and {CAPTURE} are already in place: an earlier run of this import" in out
    assert f"removed 1 temporary file an interrupted import left: {temp}" in err
    assert_complete(root)


def test_ctrl_c_between_the_two_links_leaves_nothing(root):
    child = start(root, "link:1")  # the capture in place, the draft not
    assert child.stdout is not None
    assert any(line.startswith("@@paused") for line in child.stdout)
    child.send_signal(signal.SIGINT)  # Ctrl-C: the import's own cleanup runs
    child.communicate(timeout=60)
    assert child.returncode != 0
    assert files(root) == []


# --- every point at which it can be killed ---------------------------------------------------


def test_killed_at_any_call_the_rerun_finishes_the_import(capsys, root, tmp_path_factory):
    steps = trace(root)
    assert_complete(root)
    # At least: both temporaries written and synced, both linked into place, both removed.
    assert {"fsync:1", "fsync:2", "link:1", "link:2", "unlink:1", "unlink:2"} <= set(steps)
    for step in steps:
        where = tmp_path_factory.mktemp(step.replace(":", "-"))
        shutil.copytree(FIXTURES / "registry", where / "content")
        (where / "content" / "articles").mkdir()
        interrupt(where, step)
        state = files(where)
        # Both files or neither, as far as the site goes: never a draft without its capture.
        if DRAFT in state:
            assert (where / CAPTURE).read_bytes() == SOURCE.read_bytes(), step
        assert_reported(where)
        done = state == [CAPTURE, DRAFT]
        code, out, err = rerun(capsys, where)
        if done:  # killed after its last change: the import was complete, as a re-run says
            assert code == 1 and "is already archived" in err, (step, err)
        else:
            assert code == 0, (step, err)
        assert_complete(where)


# --- what an interruption must not lead to ---------------------------------------------------


def test_a_running_import_is_not_disturbed_by_a_second_one(capsys, root):
    child = start(root, "fsync:2")  # both temporaries written, locked, nothing in place
    try:
        assert child.stdout is not None
        assert any(line.startswith("@@paused") for line in child.stdout)
        before = files(root)
        code, out, err = rerun(capsys, root)
        assert code == 1
        assert "is being written by another command right now" in err
        assert files(root) == before  # its temporaries are not removed under it
        assert leftover_reports(root) == []  # nor reported: they are not left over (yet)
    finally:
        child.kill()
        child.communicate(timeout=60)
    code, out, err = rerun(capsys, root)
    assert code == 0, err
    assert_complete(root)


def test_a_capture_with_other_bytes_is_never_taken_over(capsys, root):
    interrupt(root, "link:1")
    (root / CAPTURE).write_bytes(b"a capture someone saved by hand")
    code, out, err = rerun(capsys, root)
    assert code == 1
    assert f"{CAPTURE} already exists and is never overwritten" in err
    assert "its bytes differ from" in err
    assert (root / CAPTURE).read_bytes() == b"a capture someone saved by hand"
    assert DRAFT not in files(root)


def test_a_capture_another_article_names_is_not_taken_over(capsys, root):
    interrupt(root, "link:1")
    other = root / "content/articles/2025/other.md"
    other.write_text(
        f'---\ntitle: "Other"\noutlet: "Steppe Herald"\ndate: "2025"\nlanguage: en\n'
        f'capture: "{CAPTURE}"\n---\n\nText.\n',
        encoding="utf-8",
    )
    code, out, err = rerun(capsys, root)
    assert code == 1
    assert f"{CAPTURE} already exists" in err and "content/articles/2025/other.md" in err
    assert DRAFT not in files(root)


def test_a_dry_run_after_an_interruption_writes_and_removes_nothing(capsys, root):
    interrupt(root, "unlink:1")  # the capture in place, the draft's temporary file left
    before = files(root)
    code = main([*command(root), "--dry-run"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith("---\n")
    assert "would remove 1 temporary file" in err and "would write" in err
    assert files(root) == before
