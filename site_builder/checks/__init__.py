"""The checks of `site-builder check` beyond the schema, run over a loaded archive.

`run_all` runs them all; the build runs them beside its setup with `run_all_in_background`.
Each family of checks has a module: `articles` (ids, provenance, quotes, duplicates, repeats,
names), `markup` (raw HTML, links, nesting), `leftovers` (what an interrupted write leaves).
"""

from __future__ import annotations

from ..core.diagnostics import Diagnostics
from .child import ChildTimeout, Pending, in_child
from .run import Memo, run_all, run_all_in_background

__all__ = [
    "ChildTimeout",
    "Diagnostics",
    "Memo",
    "Pending",
    "in_child",
    "run_all",
    "run_all_in_background",
]
