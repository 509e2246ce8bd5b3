"""Targets as numbers: reading the plan's targets written in words, and the target for a period.

``parse_target`` turns words such as "£325,000 a year", "1,200" or "45%" into a value and, for
a rate, the months it covers; anything else (a direction, a description) is left as words.
``target_for`` gives the trajectory's target for a period (see ``TargetPoint``) and ``target_rag``
rates a value against it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from crimeplan.analytics.months import months_between
from crimeplan.analytics.periods import Period
from crimeplan.performance.constants import Direction, Rag

_TARGET = re.compile(
    r"^£?\s*(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>k|m|thousand|million)?\s*%?"
    r"\s*(?:(?:a|per|each)\s+(?P<per>year|quarter|month))?\.?$",
    re.IGNORECASE,
)
_SCALES = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000}
_MONTHS = {"year": 12, "quarter": 3, "month": 1}
#: How far short of the target (as a share of it) is still amber rather than red.
AMBER_SHARE = 0.1


class Point(Protocol):
    month: str
    value: Decimal
    per_months: int | None


def parse_target(text: str) -> tuple[Decimal, int | None] | None:
    """``(value, months it covers or None)`` for a target written as a number, else ``None``."""
    match = _TARGET.match(text.strip())
    if not match:
        return None
    value = Decimal(match["number"].replace(",", ""))
    if match["scale"]:
        value *= _SCALES[match["scale"].lower()]
    return value, _MONTHS[match["per"].lower()] if match["per"] else None


def _scaled(point: Point, period: Period) -> float:
    value = float(point.value)
    return value * period.length / point.per_months if point.per_months else value


def target_for(points: Sequence[Point], period: Period) -> float | None:
    """The trajectory's target for the period (straight line between points, flat beyond them)."""
    ordered = sorted(points, key=lambda p: p.month)
    if not ordered:
        return None
    before = [p for p in ordered if p.month <= period.last]
    after = [p for p in ordered if p.month > period.last]
    if not before:
        return _scaled(after[0], period)
    if not after:
        return _scaled(before[-1], period)
    start, end = before[-1], after[0]
    share = (months_between(start.month, period.last) - 1) / (months_between(start.month, end.month) - 1)
    return _scaled(start, period) + share * (_scaled(end, period) - _scaled(start, period))


def target_rag(value: float, target: float, direction: str) -> Rag:
    """Green when the target is met, amber within 10% of it, red otherwise; grey for monitored measures."""
    if direction == Direction.MONITOR:
        return Rag.GREY
    shortfall = target - value if direction == Direction.INCREASE else value - target
    if shortfall <= 0:
        return Rag.GREEN
    return Rag.AMBER if shortfall <= abs(target) * AMBER_SHARE else Rag.RED
