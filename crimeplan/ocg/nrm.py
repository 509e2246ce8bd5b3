"""Home Office NRM statistics: referrals made by the force as first responder, for the organised-crime page.

Read from ``data/modern_slavery/`` (a subset of the Home Office release; see ``data/PROVENANCE.md``).
"Total" rows are the release's own subtotals and are used as such, never re-summed.
"""

from __future__ import annotations

import calendar
import csv
import gzip
from datetime import date
from functools import lru_cache

from django.conf import settings

FILE = "modern_slavery/nrm_police_referrals_by_force_2022q2_2023q4.csv.gz"
TOTAL = "Total"
AGES = {"Adult (18 or over)": "adult", "Child (17 or under)": "child", "Not specified or unknown": "unknown"}


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, str, str, str, int], ...]:
    path = settings.BASE_DIR / "data" / FILE
    if not path.exists():
        return ()
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return tuple(
            (r["quarter"], r["force"], r["exploitation"], r["age"], int(r["people"])) for r in csv.DictReader(handle)
        )


def _force_name(force: str) -> str | None:
    wanted = force.replace("-", " ").lower()
    names = {row[1] for row in _rows()}
    return next((n for n in sorted(names) if n.lower().startswith(wanted)), None)


def force_referrals(force: str | None = None) -> list[dict[str, object]]:
    """Per quarter: the force's referrals (total, by age, most common exploitation type) and all police forces'.

    Ages are summed over the exploitation types' age rows (the release gives no age row for "Total").
    """
    name = _force_name(force or settings.DEFAULT_FORCE)
    if name is None:
        return []
    quarters: dict[str, dict[str, object]] = {}
    types: dict[str, dict[str, int]] = {}
    for quarter, who, exploitation, age, people in _rows():
        entry = quarters.setdefault(quarter, {"quarter": quarter, "force": name, "police_total": 0})
        if who == "Police total" and exploitation == TOTAL and age == TOTAL:
            entry["police_total"] = people
        if who != name:
            continue
        if exploitation == TOTAL and age == TOTAL:
            entry["total"] = people
        elif exploitation != TOTAL and age in AGES:
            key = AGES[age]
            entry[key] = int(entry.get(key, 0)) + people  # type: ignore[call-overload]
        elif age == TOTAL and exploitation != TOTAL:
            types.setdefault(quarter, {})[exploitation] = people
    for quarter, counts in types.items():
        top = max(counts, key=lambda k: counts[k])
        quarters[quarter]["main_type"] = f"{top} ({counts[top]})"
    return [quarters[q] for q in sorted(quarters) if "total" in quarters[q]]


def by_exploitation(force: str | None = None) -> list[tuple[str, int]]:
    """The force's referrals over every quarter by exploitation type (the release's own per-type totals)."""
    name = _force_name(force or settings.DEFAULT_FORCE)
    totals: dict[str, int] = {}
    for _, who, exploitation, age, people in _rows():
        if who == name and age == TOTAL and exploitation != TOTAL:
            totals[exploitation] = totals.get(exploitation, 0) + people
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))


def quarter_span(quarter: str) -> tuple[date, date]:
    """First and last day of a calendar quarter named like "2023 Q3"."""
    year, number = int(quarter[:4]), int(quarter[-1])
    first = date(year, 3 * number - 2, 1)
    last_month = 3 * number
    return first, date(year, last_month, calendar.monthrange(year, last_month)[1])


def referrals_between(first: date, last: date, force: str | None = None) -> tuple[int, int] | None:
    """The force's referrals in the quarters lying wholly inside ``first``–``last``, and how many quarters.

    ``None`` when the release holds no such quarter. The figure is the release's own "Total" row per quarter.
    """
    inside = [q for q in force_referrals(force) if first <= quarter_span(str(q["quarter"]))[0]]
    inside = [q for q in inside if quarter_span(str(q["quarter"]))[1] <= last]
    if not inside:
        return None
    return sum(int(q["total"]) for q in inside), len(inside)  # type: ignore[call-overload]
