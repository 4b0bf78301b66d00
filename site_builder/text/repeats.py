"""Text that a capture holds twice: repeated runs of paragraphs inside one body.

Used by the check (a warning naming the paragraph numbers) and by the import (which keeps
only the first occurrence and reports what it dropped).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.names import quote_text_key

# A run must hold at least one paragraph this long to count: a repeated short subheading
# ("Background") or a one-word line is not a duplicated capture.
MIN_SIGNIFICANT = 40
# ...and be a block: several paragraphs with this many characters in all, or a large share of
# the text. Short lines that recur are the text itself, not a capture that holds it twice:
# the question an interview series asks every guest, the "Breakfast:" of each day of a meal
# plan, a caption or a list item (on real pages, dropping them lost up to half a body).
MIN_RUN_PARAGRAPHS = 2
MIN_RUN_CHARS = 400
LARGE_SHARE = 0.2


@dataclass(frozen=True)
class Run:
    """Paragraphs `repeat .. repeat+length-1` repeat paragraphs `first .. first+length-1`."""

    first: int  # 0-based index of the first occurrence
    repeat: int  # 0-based index where the repetition starts
    length: int

    def describe(self) -> str:
        """1-based, as a reader counts: 'paragraphs 23-43 repeat paragraphs 2-22'."""

        def span(start: int) -> str:
            if self.length == 1:
                return f"paragraph {start + 1}"
            return f"paragraphs {start + 1}-{start + self.length}"

        return f"{span(self.repeat)} repeat {span(self.first)}"


def paragraph_key(text: str) -> str:
    return quote_text_key(text).casefold()


def repeated_runs(paragraphs: list[str], keys: list[str] | None = None) -> list[Run]:
    """Maximal runs of paragraphs that repeat earlier ones, left to right (`keys`: their
    `paragraph_key`s, when the caller has them already)."""
    if keys is None:
        keys = [paragraph_key(p) for p in paragraphs]
    total = sum(len(k) for k in keys)
    first_seen: dict[str, int] = {}
    runs: list[Run] = []
    j = 0
    while j < len(keys):
        i = first_seen.get(keys[j])
        if i is None or not keys[j]:
            first_seen.setdefault(keys[j], j)
            j += 1
            continue
        n = 1
        while j + n < len(keys) and i + n < j and keys[i + n] == keys[j + n]:
            n += 1
        chars = sum(len(keys[j + k]) for k in range(n))
        block = n >= MIN_RUN_PARAGRAPHS and chars >= MIN_RUN_CHARS
        if any(len(keys[j + k]) >= MIN_SIGNIFICANT for k in range(n)) and (
            block or chars >= LARGE_SHARE * total
        ):
            runs.append(Run(i, j, n))
            j += n
        else:
            j += 1
    return runs


def without_repeats(paragraphs: list[str]) -> tuple[list[str], list[Run]]:
    """The paragraphs with every repeated run dropped, and the runs that were dropped."""
    runs = repeated_runs(paragraphs)
    dropped = {r.repeat + k for r in runs for k in range(r.length)}
    return [p for i, p in enumerate(paragraphs) if i not in dropped], runs
