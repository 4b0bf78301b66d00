"""Reading a Markdown file's YAML front matter safely, keeping the line of every value.

PyYAML's safe loader still turns `no` into False, `010` into 8, `1:20` into 80 and shares
nodes between anchors and aliases (the "billion laughs"). We never let it construct Python
values: we walk its event stream ourselves, so every scalar stays the text the contributor
wrote, anchors, aliases and tags are refused, and each value remembers its line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, TypeAlias

import yaml
from yaml.events import (
    AliasEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from .diagnostics import Diagnostics

Path = tuple[str | int, ...]
# Front matter as plain data: every scalar stays the text the contributor wrote (or None
# for an empty value), so these are all the shapes a value can take.
Yaml: TypeAlias = str | list["Yaml"] | dict[str, "Yaml"] | None

_FENCE = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(---|\.\.\.)[ \t]*$")
# Characters YAML reads as line breaks where an editor shows none (NEL, LS, PS): pasted from
# the web, they would fold a value and shift the line of everything after them.
_HIDDEN_BREAKS = re.compile("[\x85\u2028\u2029]")
# Front matter is a few levels deep; a deeper value is hostile, and walking it recursively
# would exhaust Python's stack.
MAX_DEPTH = 16

# PyYAML's messages are precise but cryptic; say what the contributor should do.
_FRIENDLY = [
    (
        "mapping values are not allowed here",
        "a ': ' inside an unquoted value; put the whole value in double quotes",
    ),
    (
        "found character '\\t' that cannot start any token",
        "a tab character; YAML indents with spaces only, and a tab inside a value needs quotes",
    ),
    (
        "cannot start any token",
        "a value that starts with a character YAML reserves ('@', '`' or '%'); "
        "put the whole value in double quotes",
    ),
    (
        "expected <block end>",
        "text after a closing quote, or a line indented unlike the lines above; put the "
        'whole value in double quotes (write \\" for a quotation mark inside it)',
    ),
    (
        "expected ',' or ",
        "a '[' or '{' that is never closed, or a value that starts with '[' or '{' but is "
        "not a list; put the whole value in double quotes",
    ),
    (
        "expected '<document start>'",
        "a line that starts with '%', which YAML reads as a directive; "
        "put the value in double quotes",
    ),
    (
        "could not find expected ':'",
        "a line that is neither 'key: value' nor a '- ' list item; check the indentation",
    ),
    (
        "did not find expected key",
        "a line with the wrong indentation or a stray value; check the lines above",
    ),
    ("found unexpected end of stream", "a quote or bracket is opened and never closed"),
    ("while scanning a quoted scalar", "a quote is opened and never closed"),
]


@dataclass
class FrontMatter:
    """Front matter as plain data (dicts, lists, strings, None) plus the line of each value."""

    path: str
    data: dict[str, Yaml]
    lines: dict[Path, int]
    body: str
    body_line: int  # line number in the file of the first body line
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    broken: bool = False  # unreadable: the schema is not checked, to avoid follow-on noise

    def line(self, *path: str | int) -> int:
        """Line of the value at `path`, or of its closest parent that has one."""
        p: Path = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return 1


def split(text: str) -> tuple[list[str], int, str, int] | str:
    """Split a file into front-matter lines, the line of the first of them, body and body line.

    Returns an error message instead when the file has no well-formed front matter.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return "the file must start with a line '---' that opens the front matter"
    for i in range(1, len(lines)):
        if _CLOSE.match(lines[i]):
            body = "\n".join(lines[i + 1 :])
            return lines[1:i], 2, body, i + 2
    return "the front matter opened on line 1 is never closed: add a line '---' after it"


def read(path: str, text: str, optional: bool = False) -> FrontMatter:
    """Parse the front matter of `text` (the file at display path `path`).

    ``optional``: a file that does not open with '---' has no front matter, and all of it is
    the body (a hand-written page); otherwise that is an error.
    """
    diags = Diagnostics()
    parts = split(text)
    if isinstance(parts, str) and optional and not _opens(text):
        return FrontMatter(path, {}, {}, text.removeprefix("\ufeff"), 1, diags)
    if isinstance(parts, str):
        diags.error(path, 1, "", parts)
        return FrontMatter(path, {}, {}, "", 1, diags, broken=True)
    yaml_lines, first, body, body_line = parts
    source = "\n".join(yaml_lines)
    if _HIDDEN_BREAKS.search(source):
        source = _hidden_breaks(path, source, first, diags)
    lines: dict[Path, int] = {}
    data: Yaml = None
    broken = False
    try:
        found = Diagnostics()
        try:
            walker = _Walker(path, source, first, lines, found, _FAST)
            data = walker.document()
        except yaml.YAMLError:
            # libyaml is fast but words its errors differently: parse the broken file
            # again with PyYAML, whose messages (and lines) the friendly hints above know.
            lines.clear()
            found = Diagnostics()
            walker = _Walker(path, source, first, lines, diags, yaml.SafeLoader)
            data = walker.document()
        diags.extend(found)
        broken = walker.unclosed  # keys taken into a value: the schema would only add noise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context in _OPENED and exc.context_mark:
            mark = exc.context_mark
        line = first + mark.line if mark else first
        problem = exc.problem or exc.context or "invalid YAML"
        hint = next((h for key, h in _FRIENDLY if key in str(exc)), None)
        msg = f"invalid YAML: {hint} ({problem})" if hint else f"invalid YAML: {problem}"
        # A quote left open takes in the lines below it, up to the next quotation mark; YAML
        # stumbles there, lines later. The mistake is where the quote opened.
        unclosed = _unclosed_quote(source)
        if unclosed and (mark is None or unclosed[0] <= mark.line):
            line = first + unclosed[0]
            msg = f"invalid YAML: {_unclosed_message(first, unclosed, source)} ({problem})"
        diags.error(path, line, "", msg)
        data, broken = {}, True
    except yaml.reader.ReaderError as exc:  # control characters and the like
        line = first + source.count("\n", 0, max(exc.position, 0))
        diags.error(
            path,
            line,
            "",
            f"invalid YAML: {_character(exc.character)} cannot appear in front matter; "
            "delete it (it may be invisible in your editor)",
        )
        data, broken = {}, True
    except (yaml.YAMLError, UnicodeError) as exc:
        diags.error(path, first, "", f"invalid YAML: {exc}")
        data, broken = {}, True
    if data is None:
        data = {}
    if not isinstance(data, dict):
        diags.error(path, first, "", "the front matter must be a list of 'key: value' lines")
        data, broken = {}, True
    return FrontMatter(path, data, lines, body, body_line, diags, broken)


def _opens(text: str) -> bool:
    first = text.removeprefix("\ufeff").split("\n", 1)[0].rstrip("\r")
    return _FENCE.match(first) is not None


# A line that reads as a key (`outlet: ...`, `- by: ...`): inside a quoted value, a sign that
# its quote was never closed.
_QUOTED = ('"', "'")
_KEY_LINE = re.compile(r"^[ \t]*(?:-[ \t]+)*()[A-Za-z_][\w-]*:(?:[ \t]|$)")


def _swallowed(lines: list[str], start: int, end: int) -> int | None:
    """The first line after `start`, up to `end`, that looks like a key of its own: one no
    more indented than the key whose value opens on line `start` (a value's own lines that
    go on indented, `  headline: two lines`, are not)."""
    opening = _KEY_LINE.match(lines[start])
    column = opening.end(1) if opening else len(lines[start]) - len(lines[start].lstrip())
    for n in range(start + 1, min(end, len(lines) - 1) + 1):
        m = _KEY_LINE.match(lines[n])
        if m and m.start(1) <= column:
            return n
    return None


def _unclosed_quote(source: str) -> tuple[int, int] | None:
    """(line where it opens, line of a key it takes in) of the first quoted value that runs
    over a line that looks like a key, among those read before YAML's error (0-based)."""
    lines = source.split("\n")
    try:
        for token in yaml.scan(source, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.style in _QUOTED:
                start, end = token.start_mark.line, token.end_mark.line
                taken = _swallowed(lines, start, end) if end > start else None
                if taken is not None:
                    return start, taken
    except yaml.YAMLError as exc:
        # The value YAML was reading when it failed: a quote that runs to the end.
        mark = getattr(exc, "context_mark", None)
        if getattr(exc, "context", None) == "while scanning a quoted scalar" and mark:
            taken = _swallowed(lines, mark.line, len(lines) - 1)
            if taken is not None:
                return mark.line, taken
    return None


def _unclosed_message(first: int, unclosed: tuple[int, int], source: str) -> str:
    start, taken = unclosed
    text = source.split("\n")[taken].strip()
    return (
        f"the quote opened on this line is not closed on it, so the value runs on into line "
        f"{first + taken} ({text!r}) and what follows; close the quote at the end of the value"
    )


# Errors found at the end of a file whose cause is where a quote or bracket opened.
_OPENED = (
    "while scanning a quoted scalar",
    "while parsing a flow sequence",
    "while parsing a flow mapping",
)


def _character(char: str | int) -> str:
    char = chr(char) if isinstance(char, int) else char
    return f"the character U+{ord(char):04X} ({unicodedata.name(char, 'a control character')})"


def _hidden_breaks(path: str, source: str, first: int, diags: Diagnostics) -> str:
    """Report each line break YAML sees but an editor does not; return the source with
    spaces in their place, so the lines of everything else stay right."""
    for n, line in enumerate(source.split("\n")):
        for m in _HIDDEN_BREAKS.finditer(line):
            diags.error(
                path,
                first + n,
                "",
                f"{_character(m.group())} is a line break to YAML, though an editor shows "
                "none; delete it or type a space",
            )
    return _HIDDEN_BREAKS.sub(" ", source)


class _Position(Protocol):
    """Where an event starts or ends (PyYAML's and libyaml's marks alike), 0-based."""

    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


class _Events(Protocol):
    """The event parser of a PyYAML loader, as the walker uses it."""

    # PyYAML returns None only past the end of the stream, which `document` never reads.
    def get_event(self) -> Event: ...
    def peek_event(self) -> Event: ...
    def check_event(self, *choices: type[Event]) -> bool: ...
    def dispose(self) -> None: ...


def _start(event: Event) -> _Position:
    """Where `event` starts: the parser marks every event it makes."""
    if event.start_mark is None:  # pragma: no cover - only an event made by hand has none
        raise yaml.YAMLError(f"a YAML event without a position: {event!r}")
    return event.start_mark


def _end(event: Event) -> _Position:
    if event.end_mark is None:  # pragma: no cover - as in _start
        raise yaml.YAMLError(f"a YAML event without a position: {event!r}")
    return event.end_mark


# libyaml's event parser when PyYAML was built with it; the pure-Python one otherwise.
_FAST: Callable[[str], _Events] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Walker:
    """Builds plain data from PyYAML events, refusing what a contributor's file must not hold."""

    def __init__(
        self,
        path: str,
        source: str,
        first: int,
        lines: dict[Path, int],
        diags: Diagnostics,
        loader: Callable[[str], _Events],
    ):
        self.path, self.first, self.lines, self.diags = path, first, lines, diags
        self.source_lines = source.split("\n")
        self.loader = loader(source)
        # quoted values left open: reported once the document is read, since a file that
        # fails to parse gets one error for it, where YAML failed (see `read`)
        self.pending = Diagnostics()
        self.unclosed = False

    def document(self) -> Yaml:
        ld = self.loader
        try:
            ld.get_event()  # StreamStart
            if ld.check_event(StreamEndEvent):
                return None
            ld.get_event()  # DocumentStart
            value = self.node(())
            ld.get_event()  # DocumentEnd
            self.diags.extend(self.pending)
            self.unclosed = bool(self.pending)
            if not ld.check_event(StreamEndEvent):
                ev = ld.peek_event()
                self.diags.error(
                    self.path,
                    self._line(ev),
                    "",
                    "a second YAML document inside the front matter; remove the extra '---'",
                )
            return value
        finally:
            ld.dispose()

    def _line(self, event: Event) -> int:
        return self.first + _start(event).line

    def _refuse(self, event: Event, path: Path) -> None:
        tag: str | None = getattr(event, "tag", None)
        anchor: str | None = getattr(event, "anchor", None)
        if anchor is None and tag in (None, "!"):
            return  # the usual case, checked first: nothing to refuse
        field = _field_name(path)
        if isinstance(event, AliasEvent):
            self.diags.error(
                self.path,
                self._line(event),
                field,
                f"YAML alias '*{event.anchor}' is not allowed; write the value out in full",
            )
        elif anchor is not None:
            self.diags.error(
                self.path,
                self._line(event),
                field,
                f"YAML anchor '&{anchor}' is not allowed; write each value out in full",
            )
        if tag not in (None, "!"):
            self.diags.error(
                self.path,
                self._line(event),
                field,
                f"YAML tag '{tag}' is not allowed; remove it and write plain text",
            )

    def node(self, path: Path) -> Yaml:
        return self.value(self.loader.get_event(), path)

    def value(self, event: Event, path: Path) -> Yaml:
        """The value that starts with `event` (already taken from the parser)."""
        ld, kind = self.loader, type(event)
        self.lines[path] = self.first + _start(event).line
        self._refuse(event, path)
        if type(event) is ScalarEvent:  # `type(event)`, which mypy narrows, `kind` it does not
            return self.scalar(event, path)
        if kind is SequenceStartEvent or kind is MappingStartEvent:
            if len(path) >= MAX_DEPTH:
                self._too_deep(event, path)
                return None
        if kind is SequenceStartEvent:
            items: list[Yaml] = []
            while type(event := ld.get_event()) is not SequenceEndEvent:
                items.append(self.value(event, path + (len(items),)))
            return items
        if kind is MappingStartEvent:
            mapping: dict[str, Yaml] = {}
            while type(key_event := ld.get_event()) is not MappingEndEvent:
                key_line = self.first + _start(key_event).line
                if type(key_event) is not ScalarEvent or key_event.value == "":
                    self.diags.error(self.path, key_line, _field_name(path), "a key must be a word")
                    self.value(key_event, path + ("<key>",))  # consume a complex key
                    self.node(path + ("<skipped>",))
                    continue
                self._refuse(key_event, path + (key_event.value,))
                key = key_event.value
                if key in mapping:
                    first_line = self.lines[path + (key,)]
                    self.diags.error(
                        self.path,
                        key_line,
                        _field_name(path + (key,)),
                        f"duplicate key '{key}': it is already set on line {first_line}; "
                        "keep one of the two",
                    )
                    self.node(path + ("<duplicate>",))  # parsed for its own problems, dropped
                    continue
                mapping[key] = self.node(path + (key,))
                self.lines[path + (key,)] = key_line
            return mapping
        if kind is AliasEvent:
            return None
        raise yaml.YAMLError(f"unexpected YAML event {event!r}")  # pragma: no cover

    def _too_deep(self, event: Event, path: Path) -> None:
        self.diags.error(
            self.path,
            self._line(event),
            _field_name(path),
            f"nested more than {MAX_DEPTH} levels deep; front matter needs a few levels at most",
        )
        depth = 1  # skip the rest of it without recursion
        while depth:
            kind = type(self.loader.get_event())
            if kind is SequenceStartEvent or kind is MappingStartEvent:
                depth += 1
            elif kind is SequenceEndEvent or kind is MappingEndEvent:
                depth -= 1
        return None

    def scalar(self, event: ScalarEvent, path: Path) -> str | None:
        value: str = event.value
        if not event.style:  # plain scalar (None in PyYAML, "" in libyaml): empty is "no value"
            if value == "":
                self._check_empty(event, path)
                return None
            if value in ("~", "null", "Null", "NULL"):
                return None
            self._check_comment(event, path)
        elif _end(event).line != _start(event).line and event.style in _QUOTED:
            self._check_unclosed(event, path)
        return value

    def _check_unclosed(self, event: ScalarEvent, path: Path) -> None:
        """A quoted value that runs over lines that look like keys: its quote was left open
        and closed by a later one, and the keys in between became its text."""
        start = _start(event).line
        taken = _swallowed(self.source_lines, start, _end(event).line)
        if taken is not None:
            source = "\n".join(self.source_lines)
            self.pending.error(
                self.path,
                self.first + start,
                _field_name(path),
                _unclosed_message(self.first, (start, taken), source),
            )

    def _check_empty(self, event: ScalarEvent, path: Path) -> None:
        """Warn when a value is empty because it starts with '#' ('#hashtag', '#1')."""
        start = _start(event)
        if start.line >= len(self.source_lines):
            return
        rest = self.source_lines[start.line][start.column :]
        if re.match(r"\s*#[^\s#]", rest):
            self.diags.warning(
                self.path,
                self.first + start.line,
                _field_name(path),
                f"the value is empty: {rest.strip()!r} is a YAML comment, since it starts "
                "with '#'; put the whole value in double quotes if it belongs to it",
            )

    def _check_comment(self, event: ScalarEvent, path: Path) -> None:
        """Warn when ' #' after a plain value silently cut it short."""
        end = _end(event)
        if end.line >= len(self.source_lines):
            return
        rest = self.source_lines[end.line][end.column :]
        if "#" in rest and re.match(r"\s+#", rest):
            self.diags.warning(
                self.path,
                self.first + end.line,
                _field_name(path),
                f"the text after '#' ({rest.strip()!r}) is a YAML comment and is not part of "
                "the value; put the whole value in double quotes if it belongs to it",
            )


def _field_name(path: Path) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.startswith("<"):
            continue
        else:
            out += ("." if out else "") + part
    return out


field_name = _field_name
