"""The interface's message catalogues: extract the English messages, update each language.

    python tools/messages.py            # site_builder/locale/site_builder.pot, and every
                                        # language's .po brought up to it (new messages empty,
                                        # changed ones marked fuzzy for the translator)
    python tools/messages.py --add kk   # start a language: its .po from the template
    python tools/messages.py --check    # fail if the template is out of date or a language
                                        # misses a translation (CI; tests/test_i18n.py too)

The build reads the .po files directly (site_builder/core/i18n.py compiles them as it starts),
so a translation shows in the next `mkdocs build`; `pybabel compile` is only a check.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "site_builder" / "locale"
POT = LOCALE / "site_builder.pot"
# N_("...") marks a message where it is defined; NN_("one", "many") a count's two forms.
KEYWORDS = ["-k", "N_", "-k", "NN_:1,2"]


def pybabel(*args: str) -> None:
    exe = Path(sys.executable).with_name("pybabel")
    subprocess.run([str(exe), "-q", *args], cwd=ROOT, check=True)


def extract(out: Path) -> None:
    pybabel(
        "extract", "-F", "babel.cfg", *KEYWORDS, "--no-location", "--sort-output",
        "--no-wrap", "--project", "site-builder", "--version", "0.1",
        "--msgid-bugs-address", "", "-o", str(out), "site_builder",
    )  # fmt: skip


def _ids(path: Path) -> set[object]:
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        return {m.id for m in read_po(f) if m.id}


def problems() -> list[str]:
    """What is missing: messages the code has and the template not, and each language's
    messages without a (confirmed) translation."""
    import tempfile

    from babel.messages.pofile import read_po

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.pot"
        extract(fresh)
        new = _ids(fresh) - _ids(POT)
        gone = _ids(POT) - _ids(fresh)
    for m in sorted(map(str, new)):
        out.append(f"{POT.relative_to(ROOT)}: lacks {m!r}: run python tools/messages.py")
    for m in sorted(map(str, gone)):
        out.append(f"{POT.relative_to(ROOT)}: has {m!r}, which the code no longer uses")
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/site_builder.po")):
        with po.open("rb") as f:
            catalog = read_po(f)
        for m in catalog:
            if not m.id:
                continue
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            if m.fuzzy or not all(strings):
                where = po.relative_to(ROOT)
                out.append(f"{where}:{m.lineno}: {m.id!r} is not translated (or is fuzzy)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--add", metavar="LANG", help="start a catalogue for LANG")
    parser.add_argument("--check", action="store_true", help="check, change nothing")
    args = parser.parse_args(argv)
    if args.check:
        found = problems()
        print("\n".join(found) or "The catalogues are complete.")
        return 1 if found else 0
    extract(POT)
    if args.add:
        pybabel("init", "-D", "site_builder", "-i", str(POT), "-d", str(LOCALE), "-l", args.add)
    if not list(LOCALE.glob("*/LC_MESSAGES/site_builder.po")):
        return 0
    pybabel("update", "-D", "site_builder", "-i", str(POT), "-d", str(LOCALE), "--no-wrap",
            "--ignore-obsolete")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
