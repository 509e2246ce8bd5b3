"""Reporting periods: runs of whole months, such as calendar quarters ("2022Q2" = April to June 2022).

The one place quarters are parsed (``parse_quarter``) and periods compared with the year before
(``Period.year_before``); pages, the API, the PDF report and the grants returns all use it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from crimeplan.analytics.months import add_months, month_range, months_between, parse_month

#: A calendar quarter code: ``2022Q2`` (April to June 2022); ``parse_quarter`` reads it.
QUARTER = re.compile(r"^(\d{4})\s*Q([1-4])$", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """The months from ``first`` to ``last`` inclusive."""

    first: str
    last: str

    @property
    def months(self) -> list[str]:
        return list(month_range(self.first, self.last))

    @property
    def length(self) -> int:
        return months_between(self.first, self.last)

    @property
    def days(self) -> int:
        return sum(calendar.monthrange(*parse_month(m))[1] for m in self.months)

    @property
    def label(self) -> str:
        (y1, m1), (y2, m2) = parse_month(self.first), parse_month(self.last)
        if self.first == self.last:
            return f"{calendar.month_name[m1]} {y1}"
        start = f"{calendar.month_name[m1]}{'' if y1 == y2 else f' {y1}'}"
        return f"{start} to {calendar.month_name[m2]} {y2}"

    @property
    def code(self) -> str:
        (year, month), (_, last) = parse_month(self.first), parse_month(self.last)
        if self.length == 3 and month % 3 == 1 and last == month + 2:
            return f"{year}Q{(month - 1) // 3 + 1}"
        return f"{self.first}_{self.last}"

    def year_before(self) -> Period:
        return Period(add_months(self.first, -12), add_months(self.last, -12))

    def previous(self) -> Period:
        return self.shifted(1)

    def shifted(self, periods: int) -> Period:
        """The period ``periods`` lengths earlier (``shifted(1)`` is the previous period)."""
        months = -self.length * periods
        return Period(add_months(self.first, months), add_months(self.last, months))

    def history(self, months: int) -> Period:
        """The ``months`` months before this period."""
        return Period(add_months(self.first, -months), add_months(self.first, -1))


def parse_quarter(code: str) -> tuple[int, int]:
    """Year and quarter (1 to 4) from ``2022Q2``; ``ValueError`` explains a bad code."""
    match = QUARTER.match(code.strip())
    if not match:
        raise ValueError(f"{code!r} is not a quarter: use YYYYQn, for example 2022Q2 (April to June 2022)")
    return int(match[1]), int(match[2])


def quarter_code(month: str) -> str:
    """The code of the calendar quarter a month (``YYYY-MM``) falls in: ``2022-05`` -> ``2022Q2``."""
    year, mon = parse_month(month)
    return f"{year}Q{(mon - 1) // 3 + 1}"


def quarter(code: str) -> Period:
    """A calendar quarter from ``2022Q2`` (April to June 2022); ``ValueError`` explains a bad code."""
    year, q = parse_quarter(code)
    first = f"{year:04d}-{3 * q - 2:02d}"
    return Period(first, add_months(first, 2))


def latest_quarter(held: list[str]) -> Period | None:
    """The latest calendar quarter whose three months are all held."""
    have = set(held)
    for month in sorted(held, reverse=True):
        year, mon = parse_month(month)
        if mon % 3 == 0:
            candidate = quarter(f"{year}Q{mon // 3}")
            if all(m in have for m in candidate.months):
                return candidate
    return None


def parse_period(code: str) -> Period:
    """``2022Q2`` or ``2022-01_2022-06``."""
    if "_" in code:
        first, last = code.split("_", 1)
        parse_month(first)
        parse_month(last)
        if first > last:
            raise ValueError(f"the period starts ({first}) after it ends ({last})")
        return Period(first, last)
    return quarter(code)
