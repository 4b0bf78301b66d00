"""Problems found in the archive, and the three ways `site-builder check` prints them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place: `path:line: severity: field: message`."""

    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based line in the file; 0 when the problem is about the whole file
    severity: Severity
    field: str  # e.g. "speakers[1]", or "" when no field applies
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {self.severity}: {field}{self.message}"

    def format_github(self) -> str:
        # Workflow commands: https://docs.github.com/actions/reference/workflow-commands
        # Data must escape %, CR and LF; properties also ':' and ','.
        def data(text: str) -> str:
            return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def prop(text: str) -> str:
            return data(text).replace(":", "%3A").replace(",", "%2C")

        level = "error" if self.is_error else "warning"
        line = f",line={self.line}" if self.line else ""
        field = f"{self.field}: " if self.field else ""
        return f"::{level} file={prop(self.path)}{line}::{data(field + self.message)}"


class Diagnostics(list[Diagnostic]):
    """A list of diagnostics with helpers to add to it."""

    def error(self, path: str, line: int, field: str, message: str) -> None:
        self.append(Diagnostic(path, line, "error", field, message))

    def warning(self, path: str, line: int, field: str, message: str) -> None:
        self.append(Diagnostic(path, line, "warning", field, message))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self if not d.is_error]


def sort_key(d: Diagnostic) -> tuple[str, int, bool, str, str]:
    return (d.path, d.line, d.severity != "error", d.field, d.message)


def format_all(diagnostics: Iterable[Diagnostic], fmt: str = "text") -> str:
    ordered = sorted(set(diagnostics), key=sort_key)
    if fmt == "json":
        return json.dumps([asdict(d) for d in ordered], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(d.format_github() for d in ordered)
    return "\n".join(d.format() for d in ordered)
