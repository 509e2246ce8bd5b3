"""Figures for plan measures that other crimeplan modules count (grants awarded, people taken on).

A module registers a provider under a key in its ``AppConfig.ready()``; a measure whose source is
"module" names the key. The performance app imports no other module: providers come to it. Every
provider leaves out records marked as examples, so demonstration data never reaches the plan's figures.
A provider names the models it reads (``reads``, labels such as ``"grants.Award"``): saving or
deleting one of them changes the plan version, so a cached dashboard is never older than its figures.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from crimeplan.analytics.months import parse_month


@dataclass(frozen=True)
class Provided:
    """A module's figure for a period: the value (``None`` when the module holds no data for the period),
    and whether it counts events (so it can be tested)."""

    value: float | None
    is_count: bool


@dataclass(frozen=True)
class Provider:
    key: str
    label: str
    unit: str
    count: Callable[[dt.date, dt.date], Provided]
    reads: tuple[str, ...] = ()
    #: the published statistics it counts, for the licence notice of a report that shows it ("" for the
    #: module's own records)
    source: str = ""


PROVIDERS: dict[str, Provider] = {}


def register(provider: Provider) -> None:
    if provider.key in PROVIDERS:
        raise ValueError(f"a provider with key {provider.key!r} is already registered")
    PROVIDERS[provider.key] = provider


def watched_models() -> frozenset[str]:
    """Labels of the models the registered providers read."""
    return frozenset(label for provider in PROVIDERS.values() for label in provider.reads)


def get_provider(key: str) -> Provider:
    if key not in PROVIDERS:
        raise ValueError(f"no module provides {key!r}; known: {', '.join(sorted(PROVIDERS)) or 'none'}")
    return PROVIDERS[key]


def month_dates(first: str, last: str) -> tuple[dt.date, dt.date]:
    """The first day of ``first`` and the last day of ``last``."""
    (y1, m1), (y2, m2) = parse_month(first), parse_month(last)
    return dt.date(y1, m1, 1), dt.date(y2, m2, calendar.monthrange(y2, m2)[1])
