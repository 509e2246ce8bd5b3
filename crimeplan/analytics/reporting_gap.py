"""The reporting gap: hate-crime reports an area sends against what its population would lead us to expect.

For each area the **expected** number is the national police-recorded rate for each monitored strand
(Home Office, England and Wales excluding the Metropolitan Police, the latest year) times the area's
population, times the length of the period in years, summed over strands. One report naming two
strands counts under each, as the Home Office counts offences. The **coverage** is reports received /
expected, with a 95% exact Poisson interval on the reports (Garwood 1936).

Coverage is far below 1 everywhere: the module takes only part of what reaches the police. So an area
is **flagged** only when it is low *compared with the rest of the force*: the exact conditional
binomial test of ``crimeplan.analytics.significance.compare_counts``, with each side's expected number
as its exposure, finds a significant decrease. A flag is a prompt for outreach, not proof that hate
is hidden there: the national rate may not fit a local population, and reports follow where centres
and campaigns are.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from crimeplan.analytics.significance import DECREASE, compare_counts

#: crimeplan's strand slugs and the series' field names.
SERIES_FIELDS = {
    "disability": "disability",
    "race": "race",
    "religion": "religion",
    "sexual_orientation": "sexualOrientation",
    "transgender": "transgender",
}
#: Local authorities policed by the Metropolitan Police: London boroughs (E09) other than the City of London.
MET_PREFIX, CITY_OF_LONDON = "E09", "E09000001"
CITATION = "Home Office, Hate crime, England and Wales (table 2a); ONS mid-2020 population estimates"


@dataclass(frozen=True)
class NationalRates:
    """Police-recorded hate crimes a year per resident, by strand, for one year of the national series."""

    year: str
    counts: Mapping[str, int]
    population: int

    def rate(self, strand: str) -> float:
        if strand not in self.counts:
            raise ValueError(f"no national series for strand {strand!r}; known: {', '.join(self.counts)}")
        return self.counts[strand] / self.population


@dataclass(frozen=True)
class AreaCounts:
    """One area's population and the reports it sent, by strand slug."""

    code: str
    name: str
    population: int
    reports: Mapping[str, int]


@dataclass(frozen=True)
class Gap:
    """An area's (or an area-strand's) reports against expectation.

    ``coverage`` = observed / expected and its 95% interval ``low``-``high`` (exact Poisson on the
    observed count); ``verdict`` and ``p_value`` compare the area with the rest of the force (null
    hypothesis: the same coverage as the rest); ``flagged`` when that is a significant decrease.
    """

    code: str
    name: str
    strand: str
    population: int
    observed: int
    expected: float
    coverage: float | None
    low: float | None
    high: float | None
    p_value: float | None
    verdict: str
    flagged: bool


def load_national(series: Path, population: Path, year: str = "") -> NationalRates:
    """The national rates of one year (the latest with every strand when ``year`` is blank)."""
    data = json.loads(series.read_text("utf-8"))["series"]["byStrand"]["data"]
    complete = [row for row in data if all(row.get(f) is not None for f in SERIES_FIELDS.values())]
    chosen = [row for row in complete if row["year"] == year] if year else complete[-1:]
    if not chosen:
        raise ValueError(f"no complete year {year!r}; years: {', '.join(r['year'] for r in complete)}")
    row = chosen[0]
    with population.open(encoding="utf-8", newline="") as handle:
        people = sum(
            int(r["total_population"])
            for r in csv.DictReader(handle)
            if not (r["ltla21_code"].startswith(MET_PREFIX) and r["ltla21_code"] != CITY_OF_LONDON)
        )
    return NationalRates(row["year"], {slug: int(row[f]) for slug, f in SERIES_FIELDS.items()}, people)


def poisson_interval(count: int) -> tuple[float, float]:
    """The exact (Garwood) 95% interval of a Poisson mean, given one observed count."""
    from scipy.stats import chi2

    low = 0.0 if count == 0 else float(chi2.ppf(0.025, 2 * count)) / 2
    return low, float(chi2.ppf(0.975, 2 * count + 2)) / 2


def _gap(area: AreaCounts, strand: str, observed: int, expected: float, rest: tuple[int, float]) -> Gap:
    low, high = poisson_interval(observed)
    comparison = None
    if expected > 0 and rest[1] > 0 and observed + rest[0] > 0:
        comparison = compare_counts(observed, rest[0], current_exposure=expected, baseline_exposure=rest[1])
    return Gap(
        code=area.code,
        name=area.name,
        strand=strand,
        population=area.population,
        observed=observed,
        expected=expected,
        coverage=observed / expected if expected else None,
        low=low / expected if expected else None,
        high=high / expected if expected else None,
        p_value=comparison.p_value if comparison else None,
        verdict=comparison.verdict if comparison else "not enough data",
        flagged=bool(comparison and comparison.verdict == DECREASE),
    )


def reporting_gap(areas: Sequence[AreaCounts], rates: NationalRates, days: int) -> list[Gap]:
    """Each area's gap over all monitored strands (strand "all"), then per strand, in the areas' order."""
    if days <= 0:
        raise ValueError("the period must be at least one day long")
    years = days / 365.25
    strands = ["all", *SERIES_FIELDS]

    def expected(area: AreaCounts, strand: str) -> float:
        chosen = SERIES_FIELDS if strand == "all" else [strand]
        return sum(rates.rate(s) for s in chosen) * area.population * years

    def observed(area: AreaCounts, strand: str) -> int:
        chosen = SERIES_FIELDS if strand == "all" else [strand]
        return sum(int(area.reports.get(s, 0)) for s in chosen)

    totals = {s: (sum(observed(a, s) for a in areas), sum(expected(a, s) for a in areas)) for s in strands}
    rows = []
    for strand in strands:
        for area in areas:
            o, e = observed(area, strand), expected(area, strand)
            rows.append(_gap(area, strand, o, e, (totals[strand][0] - o, totals[strand][1] - e)))
    return rows
