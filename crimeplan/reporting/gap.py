"""The reporting-gap estimate for the office's force area: reports by local authority and CSP, from the module.

The arithmetic is in ``crimeplan.analytics.reporting_gap``; this module counts reports (example records left
out) by local authority and strand and finds the national series shipped in ``data/``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from crimeplan.analytics.reporting_gap import SERIES_FIELDS, AreaCounts, Gap, load_national, reporting_gap
from crimeplan.geography.selectors import local_authority_populations
from crimeplan.reporting.models import Report

DATA = Path(settings.BASE_DIR) / "data"
SERIES = DATA / "hate_crime" / "hate_crime_england_wales_by_strand.json"
POPULATION = DATA / "population" / "population_mid2020_ltla21_EW_totals.csv"


def counts_by_area(first: dt.date, last: dt.date) -> tuple[dict[str, Counter[str]], int]:
    """Reports by local authority and strand in the period, and how many have no area yet."""
    reports = Report.objects.filter(is_example=False, created_at__date__range=(first, last))
    by_area: dict[str, Counter[str]] = defaultdict(Counter)
    for code, slug in reports.exclude(local_authority_code="").values_list("local_authority_code", "strands__slug"):
        if slug:
            by_area[code][slug] += 1
    return by_area, reports.filter(local_authority_code="").count()


def strand_reports(first: dt.date, last: dt.date) -> int:
    """Reports in the period counted once per monitored strand, as the tables' "Reports" column counts them.

    The total those columns add up to, with the reports that have no local authority in the force area.
    """
    reports = Report.objects.filter(is_example=False, created_at__date__range=(first, last))
    return reports.filter(strands__slug__in=list(SERIES_FIELDS)).count()


def gaps(*, force: str, days: int, today: dt.date | None = None) -> dict[str, object]:
    """Gaps by local authority and by CSP over the last ``days`` days."""
    last = today or timezone.localdate()
    first = last - dt.timedelta(days=days - 1)
    rates = load_national(SERIES, POPULATION)
    by_area, unplaced = counts_by_area(first, last)
    las = [a for a in local_authority_populations(force) if a["population"]]
    la_areas = [
        AreaCounts(str(a["la_code"]), str(a["la_name"]), int(str(a["population"])), by_area[str(a["la_code"])])
        for a in las
    ]
    csps: dict[str, AreaCounts] = {}
    for area, row in zip(la_areas, las, strict=True):
        code = str(row["csp_code"])
        old = csps.get(code) or AreaCounts(code, str(row["csp_name"]), 0, Counter())
        csps[code] = AreaCounts(
            code, old.name, old.population + area.population, Counter(old.reports) + Counter(area.reports)
        )
    return {
        "first": first,
        "last": last,
        "rates": rates,
        "local_authorities": reporting_gap(la_areas, rates, days),
        "csps": reporting_gap(list(csps.values()), rates, days),
        "unplaced": unplaced,
        "strand_reports": strand_reports(first, last),
    }


def csv_rows(rows: list[Gap], level: str) -> list[list[object]]:
    return [
        [
            level,
            g.code,
            g.name,
            g.strand,
            g.population,
            g.observed,
            round(g.expected, 2),
            None if g.coverage is None else round(g.coverage, 4),
            None if g.low is None else round(g.low, 4),
            None if g.high is None else round(g.high, 4),
            None if g.p_value is None else round(g.p_value, 4),
            g.verdict,
            "yes" if g.flagged else "no",
        ]
        for g in rows
    ]


HEADER = [
    "level",
    "code",
    "name",
    "strand",
    "population",
    "reports",
    "expected",
    "coverage",
    "low",
    "high",
    "p_value",
    "verdict",
    "flagged",
]
