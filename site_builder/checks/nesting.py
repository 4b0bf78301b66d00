"""Bodies that Python-Markdown renders in bounded time and stack, or a line-numbered reason.

Python-Markdown parses nested lists and emphasis recursively, and looks for the end of every
link bracket by reading on: a list nested 300-400 levels deep or 1,000 nested emphasis
marks raise RecursionError (a traceback, no line), and 20,000 '[' in one paragraph take
a minute or more, because each one is read to its ']' or to the paragraph's end. Text
written by people never comes near these bounds; a pull request that does is refused by the
check, with its line, before the build renders anything.

Measured with Markdown 3.11 (seconds to render one paragraph): 2,000 nested '[x](u)' 1.5 s;
1,000 unclosed '[' in 43 KB 6.2 s; 20,000 '[' 37 s; emphasis nested 1,000 deep and ordered
lists 300 deep: RecursionError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A list nested deeper than this is refused (RecursionError from about 300 levels).
MAX_LIST_DEPTH = 32
# '*' and '_' in one paragraph (emphasis nested 1,000 deep needs 2,000 of them).
MAX_EMPHASIS_MARKS = 1000
# Characters the link parser reads in one paragraph: the sum, over every '[' (and '(' after
# ']'), of the distance to its closing bracket, or to the end of the paragraph when it is
# never closed. At about 0.1-0.2 µs a character this bounds a paragraph to well under a second.
MAX_BRACKET_SPAN = 2_000_000

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?:>[ \t]?)*(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$)")
_QUOTES = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_BREAK = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$")  # a thematic break: '***', '- - -'
_UNIT_START = re.compile(r"^[ \t]*(?:>|#|\||(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$))")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
_ESCAPED = re.compile(r"\\[\[\]()*_\\]")


@dataclass(frozen=True)
class Problem:
    line: int  # 0-based line within the body
    message: str


# Quick signs that a body may hold one of the problems; most bodies show none of them.
# (Searched after a line break rather than with '^' and re.M, which is ten times slower.)
_DEEP_INDENT = re.compile(rf"[ \t]{{{MAX_LIST_DEPTH}}}")
_DEEP_QUOTES = re.compile(rf"[ \t]*(?:>[ \t]?){{{MAX_LIST_DEPTH + 1}}}")
_AFTER_BREAK = {p: re.compile(r"\n" + p.pattern) for p in (_DEEP_INDENT, _DEEP_QUOTES)}


def _at_line_start(pattern: re.Pattern[str], body: str) -> bool:
    return pattern.match(body) is not None or _AFTER_BREAK[pattern].search(body) is not None


def _suspect(body: str) -> bool:
    return (
        body.count("*") + body.count("_") > MAX_EMPHASIS_MARKS
        or (body.count("[") + body.count("](")) * len(body) > MAX_BRACKET_SPAN
        or _at_line_start(_DEEP_INDENT, body)
        or (">" in body and _at_line_start(_DEEP_QUOTES, body))
    )


def problems(body: str) -> list[Problem]:
    """What in `body` (Markdown) would make Python-Markdown fail or take too long."""
    if not _suspect(body):
        return []
    out: list[Problem] = []
    lines = body.split("\n")
    unit: list[str] = []
    unit_start = 0
    fence: str | None = None
    for n, line in enumerate(lines):
        m = _FENCE.match(line)
        if fence is not None:  # inside fenced code: text, whatever it looks like
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            out.extend(_unit_problems(unit, unit_start))
            unit, fence = [], m.group(1)
            continue
        _nesting(line, n, out)
        if not line.strip() or _UNIT_START.match(line):
            out.extend(_unit_problems(unit, unit_start))
            unit = []
        if line.strip() and not _BREAK.match(line):
            if not unit:
                unit_start = n
            unit.append(line)
    out.extend(_unit_problems(unit, unit_start))
    return out


def _nesting(line: str, n: int, out: list[Problem]) -> None:
    m = _LIST_ITEM.match(line)
    if m:
        depth = len(m.group("indent").expandtabs(4)) // 4 + 1
        if depth > MAX_LIST_DEPTH:
            out.append(
                Problem(
                    n,
                    f"a list nested {depth} levels deep (at most {MAX_LIST_DEPTH}); Markdown's "
                    "parser fails on lists nested a few hundred deep: flatten the list",
                )
            )
    q = _QUOTES.match(line)
    if q and q.group().count(">") > MAX_LIST_DEPTH:
        out.append(
            Problem(
                n,
                f"quotations nested {q.group().count('>')} deep (at most {MAX_LIST_DEPTH}): "
                "remove the extra '>'",
            )
        )


def _unit_problems(unit: list[str], start: int) -> list[Problem]:
    """Problems of one paragraph (or list item, heading, quotation line)."""
    if not unit:
        return []
    text = "\n".join(unit)
    if "`" in text:
        text = _CODE_SPAN.sub(lambda m: " " * len(m.group()), text)
    if "\\" in text:
        text = _ESCAPED.sub("  ", text)
    out = []
    marks = text.count("*") + text.count("_")
    if marks > MAX_EMPHASIS_MARKS:
        out.append(
            Problem(
                start,
                f"{marks} '*' and '_' in one paragraph (at most {MAX_EMPHASIS_MARKS}); "
                "Markdown's parser fails on emphasis nested this deep: escape them as \\* and "
                "\\_, or put them in a code span",
            )
        )
    if "[" in text:
        span = bracket_span(text)
        if span > MAX_BRACKET_SPAN:
            out.append(
                Problem(
                    start,
                    f"the link brackets of this paragraph span {span:,} characters in all (at "
                    f"most {MAX_BRACKET_SPAN:,}); Markdown reads from each '[' to its ']' (and "
                    "from '(' to ')'), so brackets left open or nested deep make the build take "
                    "minutes: close them, or escape them as \\[ and \\(",
                )
            )
    return out


def bracket_span(text: str) -> int:
    """How many characters the link parser reads for the brackets of `text` (see above)."""
    total = 0
    squares: list[int] = []
    parens: list[int] = []  # '(' right after ']' opens a link's address
    depth_in_link = 0
    for m in re.finditer(r"[\[\]()]", text):
        ch, pos = m.group(), m.start()
        if ch == "[":
            squares.append(pos)
        elif ch == "]":
            if squares:
                total += pos - squares.pop()
        elif ch == "(":
            if pos and text[pos - 1] == "]":
                parens.append(pos)
                depth_in_link = 0
            elif parens:
                depth_in_link += 1
        elif parens:  # ')'
            if depth_in_link:
                depth_in_link -= 1
            else:
                total += pos - parens.pop()
    end = len(text)
    total += sum(end - p for p in squares) + sum(end - p for p in parens)
    return total
