"""Calendar months as police.uk uses them: ``"YYYY-MM"`` strings."""

from __future__ import annotations

import re
from collections.abc import Iterator

#: A ``YYYY-MM`` month, exactly (no surrounding space).
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_month(value: str) -> tuple[int, int]:
    """``"2022-07"`` -> ``(2022, 7)``; ``ValueError`` for anything else."""
    match = MONTH.match(value.strip())
    if not match:
        raise ValueError(f"{value!r} is not a month: use YYYY-MM, for example 2022-07")
    return int(match.group(1)), int(match.group(2))


def check_month(value: str) -> str:
    """The month, stripped, after checking its format."""
    parse_month(value)
    return value.strip()


def add_months(month: str, n: int) -> str:
    """The month ``n`` months after ``month`` (``n`` may be negative)."""
    year, mon = parse_month(month)
    index = year * 12 + (mon - 1) + n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_range(first: str, last: str) -> Iterator[str]:
    """Every month from ``first`` to ``last`` inclusive."""
    if parse_month(first) > parse_month(last):
        raise ValueError(f"the period starts ({first}) after it ends ({last})")
    month = first
    while month <= last:
        yield month
        month = add_months(month, 1)


def months_between(first: str, last: str) -> int:
    """Number of months from ``first`` to ``last`` inclusive."""
    (y1, m1), (y2, m2) = parse_month(first), parse_month(last)
    return (y2 * 12 + m2) - (y1 * 12 + m1) + 1
