"""View models for the area and crime-type pages: trends, harm, comparisons, concentration, deprivation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString

from crimeplan.analytics import concentration, trends
from crimeplan.analytics.harm import HarmWeights
from crimeplan.analytics.lazy import lazy_module
from crimeplan.analytics.periods import Period
from crimeplan.analytics.significance import DISPERSION_MONTHS, Comparison, ControlChart, compare_periods, xmr
from crimeplan.analytics.vocabulary import ANTI_SOCIAL_BEHAVIOUR, CRIME_TYPES
from crimeplan.core.charts import Limits, bar_chart, line_chart
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.maps import legend
from crimeplan.core.store import (
    areas_in_force,
    find_area,
    get_store,
    harm_weights,
    lineage,
    months_held,
    places_in_force,
    shared,
)
from crimeplan.core.store import force_area as whole_force

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")

TREND_MONTHS = 24  # months of history the monthly chart shows, ending with the period


@dataclass
class TypeRow:
    """One crime type in an area over the period, with its rate, harm and change on a year before."""

    crime_type: str
    count: int
    rate: float | None
    harm: float | None
    harm_rate: float | None
    force_rate: float | None
    year_before: Comparison | None


@dataclass
class AreaView:
    area: trends.Area
    force: trends.Area
    period: Period
    weights: HarmWeights
    rows: list[TypeRow] = field(default_factory=list)
    monthly: list[tuple[str, int]] = field(default_factory=list)
    chart: ControlChart | None = None
    spread: concentration.Concentration | None = None
    deprivation: list[dict[str, object]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    #: All crime (excluding anti-social behaviour) against the same months a year before: the page's first sentence.
    overall: Comparison | None = None

    @property
    def total(self) -> int:
        return sum(r.count for r in self.rows if r.crime_type != ANTI_SOCIAL_BEHAVIOUR)

    @property
    def total_harm(self) -> float:
        return sum(r.harm or 0.0 for r in self.rows)


def plain_summary(view: AreaView) -> str:
    """The page's first sentence: how many records, and whether that is more than a year before's normal variation."""
    from crimeplan.performance.narrative import plain_change

    recorded = [r for r in view.rows if r.crime_type != ANTI_SOCIAL_BEHAVIOUR] or view.rows
    what = (
        "crimes (excluding anti-social behaviour)"
        if len(recorded) > 1
        else ("incidents" if recorded and recorded[0].crime_type == ANTI_SOCIAL_BEHAVIOUR else "records")
    )
    count = sum(r.count for r in recorded)
    head = f"{count:,} {what} were recorded in {view.area.name} in {view.period.label}."
    return f"{head} {plain_change(view.overall)}"


def resolve_area(code: str) -> trends.Area:
    try:
        return find_area(code)
    except ValueError as exc:
        raise ApplicationError(str(exc), status=404) from exc


def last_twelve_months(force: str) -> Period:
    held = months_held(force)
    if not held:
        raise ApplicationError(f"No police data is loaded for {force}.")
    last = held[-1]
    return Period(Period(last, last).history(11).first, last)


def page_period(force: str, code: str | None) -> Period:
    """The period an area or crime-type page shows: the one asked for, else the latest complete quarter."""
    from crimeplan.performance.selectors import reporting_period

    return reporting_period(force, code)


def area_view(
    area: trends.Area, period: Period, crime_types: list[str] | None = None, *, detail: bool = True
) -> AreaView:
    """Counts, rates, harm and changes by crime type in an area, with the force for comparison.

    With ``detail`` it also draws the control chart and works out concentration and deprivation.
    Worked out once per store version, then kept in the shared cache.
    """
    parts = (area.code, period.first, period.last, tuple(crime_types or ()), detail)
    return shared("area_view", parts, lambda: _area_view(area, period, crime_types, detail=detail))


def _area_view(area: trends.Area, period: Period, crime_types: list[str] | None, *, detail: bool) -> AreaView:
    store = get_store()
    force = whole_force(area.force)
    weights = harm_weights(area.force)
    history = period.history(DISPERSION_MONTHS).first  # the comparisons' φ needs two years before the period
    chart_from = period.history(TREND_MONTHS - period.length).first
    view = AreaView(
        area, force, period, weights, missing=trends.missing_months(store, area.force, period.first, period.last)
    )
    frame = trends.monthly_counts(store, area, history, period.last)
    force_frame = frame if area.level == "force" else trends.monthly_counts(store, force, period.first, period.last)
    types = crime_types or [t for t in CRIME_TYPES if t in set(frame.get_column("crime_type"))]
    view.rows = [_type_row(t, frame, force_frame, area, force, period, weights) for t in types]
    view.overall = _year_before(frame, [t for t in types if t != ANTI_SOCIAL_BEHAVIOUR] or types, period)
    if not detail:
        return view
    chosen = [t for t in types if t != ANTI_SOCIAL_BEHAVIOUR] or types
    view.monthly = [(m, n) for m, n in trends.series(frame, chosen) if m >= chart_from]
    if len(view.monthly) >= 2:
        view.chart = xmr([n for _, n in view.monthly])
    per_lsoa = concentration.lsoa_counts(store, area, period.first, period.last, chosen, weights)
    if per_lsoa.height:
        view.spread = concentration.concentration(per_lsoa)
        view.deprivation = concentration.by_deprivation(per_lsoa).to_dicts()
    return view


def _type_row(
    crime_type: str,
    frame: pl.DataFrame,
    force_frame: pl.DataFrame,
    area: trends.Area,
    force: trends.Area,
    period: Period,
    weights: HarmWeights,
) -> TypeRow:
    count = trends.totals(frame, [crime_type], period.months).get(crime_type, 0)
    weight = weights.weight(crime_type)
    force_count = trends.totals(force_frame, [crime_type], period.months).get(crime_type, 0)
    comparison = _year_before(frame, [crime_type], period)
    return TypeRow(
        crime_type=crime_type,
        count=count,
        rate=trends.rate_per_1000(count, area.population),
        harm=count * weight if weight is not None else None,
        harm_rate=trends.rate_per_1000(count * weight, area.population) if weight is not None else None,
        force_rate=trends.rate_per_1000(force_count, force.population),
        year_before=comparison,
    )


def _year_before(frame: pl.DataFrame, crime_types: list[str], period: Period) -> Comparison | None:
    """The period against the same months a year before: the one test the dashboard uses too."""
    before = period.year_before()
    held = set(frame.get_column("month"))
    if not all(m in held for m in before.months):
        return None
    monthly = trends.monthly_totals(frame, crime_types, sorted(held))
    return compare_periods(
        monthly, period.months, before.months, current_exposure=period.days, baseline_exposure=before.days
    )


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def map_rows(area: trends.Area, period: Period, crime_types: list[str]) -> list[dict[str, object]]:
    """The figures the area's map shows, one row per LSOA: name, ward, council, records, rate, harm."""
    places = places_in_force(area.force)
    weights = harm_weights(area.force)
    per_lsoa = concentration.lsoa_counts(get_store(), area, period.first, period.last, crime_types, weights)
    rows = []
    for r in per_lsoa.iter_rows(named=True):
        lsoa = places.get(r["lsoa_code"])
        ward = places.get(lsoa.parent_code or "") if lsoa else None
        rows.append(
            {
                "code": r["lsoa_code"],
                "name": r["lsoa_name"],
                "ward": ward.name if ward else "",
                "council": (ward.parent_name or "") if ward else "",
                "count": r["count"],
                "harm": round(r["harm"], 1),
                "population": r["population"],
                "rate_per_1000": _rounded(trends.rate_per_1000(r["count"], r["population"])),
                "imd_decile": r["imd_decile"],
            }
        )
    return rows


def map_legend(rows: list[dict[str, object]], period: Period) -> dict[str, object]:
    return legend(
        [int(r["count"]) for r in rows],  # type: ignore[call-overload]
        title=f"Records per LSOA, {period.label}",
        unit="police-recorded crimes (excluding anti-social behaviour)",
    )


def area_map(area: trends.Area, period: Period, crime_types: list[str]) -> dict[str, object]:
    """GeoJSON of the area's LSOAs with records, rate and harm in the period, and the legend to shade them."""
    from crimeplan.crimedata.selectors import lsoa_features

    rows = map_rows(area, period, crime_types)
    records = sum(int(r["count"]) for r in rows)  # type: ignore[call-overload]
    return lsoa_features(
        rows,
        {
            "area": area.code,
            "from": period.first,
            "to": period.last,
            "records": records,
            "mapped": records,
            "not_mapped": 0,
            "legend": map_legend(rows, period),
        },
    )


def area_outlines(area: trends.Area) -> dict[str, object]:
    """Outlines with names that place the area: the wards of its council (councils for a CSP or force)."""
    from crimeplan.crimedata.selectors import area_outlines as outlines

    places = places_in_force(area.force)
    if area.level in ("force", "csp"):
        level, parent = "lad", (area.code if area.level == "csp" else None)
    else:
        level = "ward"
        parent = (
            area.code
            if area.level == "lad"
            else next((c for c, _ in lineage(area) if c in places and places[c].level == "lad"), None)
        )
    chosen = {p.code: p for p in places.values() if p.level == level and (parent is None or p.parent_code == parent)}
    members: dict[str, list[str]] = {code: [] for code in chosen}
    for p in places.values():
        if p.level != "lsoa":
            continue
        ward = places.get(p.parent_code or "")
        key = p.parent_code if level == "ward" else (ward.parent_code if ward else None)
        if key in members:
            members[key].append(p.code)
    return outlines([(code, chosen[code].name, lsoas) for code, lsoas in members.items()])


def view_charts(view: AreaView) -> dict[str, SafeString]:
    """The area page's charts: monthly records with control limits, harm by type, rates by deprivation."""
    limits = (
        Limits(
            view.chart.mean,
            view.chart.upper,
            view.chart.lower,
            [bool(s) for s in view.chart.signals],
            floored=view.chart.floored,
        )
        if view.chart
        else None
    )
    harmful = sorted(((r.crime_type, r.harm) for r in view.rows if r.harm), key=lambda r: -r[1])
    return {
        "chart": line_chart(
            [(m[2:], float(n)) for m, n in view.monthly],
            title=f"Records by month in {view.area.name}",
            description="; ".join(f"{m}: {n:,}" for m, n in view.monthly),
            limits=limits,
        ),
        "harm_chart": bar_chart(
            harmful,
            title=f"Harm by crime type in {view.area.name}, {view.period.label}",
            description="; ".join(f"{t}: {h:,.0f} CCHI days" for t, h in harmful),
            places=0,  # as the table's harm column
        ),
        "deprivation_chart": bar_chart(
            [(f"Decile {d['imd_decile']}", float(d["rate_per_1000"])) for d in view.deprivation],  # type: ignore[arg-type]
            title="Records per 1,000 residents by IMD decile",
            description="; ".join(f"decile {d['imd_decile']}: {d['rate_per_1000']:.1f}" for d in view.deprivation),
            places=1,  # as the deprivation table's rate column
        ),
    }


def type_by_area(force: trends.Area, level: str, period: Period, crime_type: str) -> list[tuple[trends.Area, TypeRow]]:
    """One crime type in every CSP (or LAD, ward) of a force: records, rates, harm and change on a year before."""
    parts = (force.force, level, period.first, period.last, crime_type)
    return shared("type_by_area", parts, lambda: _type_by_area(force, level, period, crime_type))


def _type_by_area(force: trends.Area, level: str, period: Period, crime_type: str) -> list[tuple[trends.Area, TypeRow]]:
    store = get_store()
    weights = harm_weights(force.force)
    weight = weights.weight(crime_type)
    before = period.year_before()
    held = set(months_held(force.force))
    comparable = all(m in held for m in before.months)
    first = period.history(DISPERSION_MONTHS).first
    window = sorted(m for m in held if first <= m <= period.last)
    frame = trends.monthly_counts_by_area(store, force.force, level, first, period.last, [crime_type])
    force_count = int(frame.filter(pl.col("month").is_in(period.months)).get_column("count").sum())
    found = []
    for area in (a for a in areas_in_force(force.force) if a.level == level):
        mine = frame.filter(pl.col("code") == area.code)
        count = int(mine.filter(pl.col("month").is_in(period.months)).get_column("count").sum())
        comparison = None
        if comparable:
            monthly = {m: 0 for m in window} | dict(mine.select("month", "count").iter_rows())
            comparison = compare_periods(
                monthly, period.months, before.months, current_exposure=period.days, baseline_exposure=before.days
            )
            found.append(
                (
                    area,
                    TypeRow(
                        crime_type=crime_type,
                        count=count,
                        rate=trends.rate_per_1000(count, area.population),
                        harm=count * weight if weight is not None else None,
                        harm_rate=trends.rate_per_1000(count * weight, area.population) if weight is not None else None,
                        force_rate=trends.rate_per_1000(force_count, force.population),
                        year_before=comparison,
                    ),
                )
            )
    return found
