"""Publication dates at the precision the source gives: a year, a month or a day."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class DateError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day; never more precise than its source."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        m = _DATE.match(text.strip())
        if not m:
            raise DateError(
                f"'{text}' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2025-06-12)"
            )
        year = int(m.group(1))  # the pattern requires the year, not the month or the day
        month, day = (int(g) if g else None for g in m.groups()[1:])
        try:
            # `is None`, not `or`: month 00 or day 00 is an error, not the first of the month.
            dt.date(year, 1 if month is None else month, 1 if day is None else day)
        except ValueError as exc:
            raise DateError(f"'{text}' is not a real date ({exc})") from None
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        """The date as written: `2025`, `2025-06` or `2025-06-12`."""
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
            if self.day:
                out += f"-{self.day:02d}"
        return out

    def human(self) -> str:
        """`2025`, `June 2025` or `12 June 2025`."""
        if not self.month:
            return str(self.year)
        if not self.day:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {MONTHS[self.month - 1]} {self.year}"

    def month_key(self) -> str | None:
        return f"{self.year:04d}-{self.month:02d}" if self.month else None

    def sort_key(self) -> tuple[int, int, int]:
        """Sorts a year-only date after the dated days of that year (it may be any of them)."""
        return (self.year, self.month or 13, self.day or 32)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def __str__(self) -> str:
        return self.iso()


def parse_full(text: str) -> dt.date:
    """A full `YYYY-MM-DD` date (for retrieval dates), or DateError."""
    d = PartialDate.parse(text)
    if d.precision != "day":
        raise DateError(f"'{text}' must be a full date YYYY-MM-DD")
    return d.first_day()
