"""site_builder/core/unicode/confusables.txt, made from Unicode's confusables.txt (UTS #39).

    python tools/update_confusables.py confusables.txt   # the file of a Unicode release

Unicode publishes the file at https://www.unicode.org/Public/security/<version>/confusables.txt
(and in the repository unicode-org/unicodetools, unicodetools/data/security/<version>/). The
check needs its mappings only: this keeps the header (copyright, version, date), records the
SHA-256 of the file it read, and writes each mapping as `source ; target` in hexadecimal,
without the comments that name every character (745 KB become about 90 KB). The licence is
in site_builder/core/unicode/LICENSE-UNICODE.txt; the copy is allowed with that notice.
"""

from __future__ import annotations

import argparse
import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "site_builder" / "core" / "unicode" / "confusables.txt"
_HEADER_WORDS = ("confusables", "©", "Unicode", "Date:", "Version:", "terms")
_MAPPING = re.compile(r"^([0-9A-F]{4,6})\s*;\s*([0-9A-F ]+?)\s*;\s*MA\b")


def convert(raw: bytes) -> str:
    text = raw.decode("utf-8-sig")
    header, mappings = [], []
    for line in text.splitlines():
        if line.startswith("#") and not mappings:
            if any(k in line for k in _HEADER_WORDS):
                header.append(line)
            continue
        m = _MAPPING.match(line)
        if m:
            mappings.append(f"{m.group(1)};{m.group(2)}")
    if not mappings:
        raise SystemExit("no mappings found: is this Unicode's confusables.txt?")
    digest = hashlib.sha256(raw).hexdigest()
    header += [
        "#",
        f"# Made by tools/update_confusables.py from a file of SHA-256 {digest}:",
        "# its mappings only, as `source;target` in hexadecimal, comments dropped.",
        "# Licence: site_builder/core/unicode/LICENSE-UNICODE.txt (Unicode License v3).",
    ]
    return "\n".join(header + mappings) + "\n"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("source", type=Path, help="Unicode's confusables.txt")
    args = p.parse_args()
    TARGET.write_text(convert(args.source.read_bytes()), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
