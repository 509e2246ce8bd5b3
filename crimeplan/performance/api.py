"""API: the plan's priorities with their measured status; an area's trend and harm."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from crimeplan.analytics import trends
from crimeplan.analytics.months import check_month
from crimeplan.analytics.periods import Period
from crimeplan.analytics.vocabulary import crime_type_from
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.permissions import public
from crimeplan.core.store import get_store
from crimeplan.performance import selectors
from crimeplan.performance.evaluation import Baseline, MeasureResult
from crimeplan.performance.narrative import sentence
from crimeplan.performance.selectors import areas

router = Router(tags=["performance"])


class ComparisonOut(Schema):
    compared_with: str = Field(description="'same period a year before' or 'previous period'")
    first_month: str
    last_month: str
    available: bool
    unavailable: str = Field(description="why there is no comparison, when there is none")
    baseline: float | None
    current: float | None
    rate_ratio: float | None
    ratio_low: float | None = Field(description="95% confidence interval of the rate ratio")
    ratio_high: float | None
    p_value: float | None
    method: str
    verdict: str = Field(
        description="significant increase, significant decrease, within normal variation or not enough data"
    )


class MeasureOut(Schema):
    title: str
    source: str = Field(
        description="store (police.uk), module (counted by crimeplan's grants or case work) or entered (by staff)"
    )
    statistic: str
    direction: str
    value: float | None
    rag: str = Field(description="green, amber, red or grey; from the verdict, never the raw change")
    verdict: str
    sentence: str
    comparisons: list[ComparisonOut]


class PriorityOut(Schema):
    number: int
    title: str
    commitment: str
    rag: str
    measures: list[MeasureOut]


class PrioritiesOut(Schema):
    plan: str
    force: str
    first_month: str
    last_month: str
    priorities: list[PriorityOut]


def _comparison(b: Baseline) -> dict[str, object]:
    c = b.comparison
    return {
        "compared_with": b.name,
        "first_month": b.period.first,
        "last_month": b.period.last,
        "available": c is not None,
        "unavailable": b.unavailable,
        "baseline": c.baseline if c else None,
        "current": c.current if c else None,
        "rate_ratio": c.ratio if c else None,
        "ratio_low": c.low if c else None,
        "ratio_high": c.high if c else None,
        "p_value": c.p_value if c else None,
        "method": c.method if c else "",
        "verdict": b.verdict,
    }


def _measure(r: MeasureResult) -> dict[str, object]:
    m = r.measure
    return {
        "title": m.title,
        "source": m.source,
        "statistic": m.statistic,
        "direction": m.direction,
        "value": r.value,
        "rag": r.rag.value,
        "verdict": r.verdict,
        "sentence": sentence(r),
        "comparisons": [_comparison(b) for b in r.baselines],
    }


class PeriodQuery(Schema):
    period: str | None = Field(None, description="e.g. 2022Q2 (default: the latest complete quarter held)")


@router.get("/performance/priorities", response=PrioritiesOut, summary="The plan's priorities, measured")
@public
def priorities(request: HttpRequest, query: Query[PeriodQuery]) -> dict[str, object]:
    force = settings.DEFAULT_FORCE
    board = selectors.dashboard(force, selectors.reporting_period(force, query.period))
    return {
        "plan": board.plan.title if board.plan else "",
        "force": force,
        "first_month": board.period.first,
        "last_month": board.period.last,
        "priorities": [
            {
                "number": c.priority.number,
                "title": c.priority.title,
                "commitment": c.priority.commitment,
                "rag": c.rag.value,
                "measures": [_measure(r) for r in c.results],
            }
            for c in board.cards
        ],
    }


class TrendQuery(Schema):
    crime_type: str | None = Field(
        None, description="police.uk slug or name; default all crime and anti-social behaviour"
    )
    from_: str | None = Field(
        None, alias="from", description="first month, YYYY-MM (default: 12 months before the last held)"
    )
    to: str | None = Field(None, description="last month, YYYY-MM (default: the last held)")


class TrendPoint(Schema):
    month: str
    count: int
    rate_per_1000: float | None
    harm: float | None = Field(description="CCHI days; null when only anti-social behaviour is counted")


class TrendOut(Schema):
    code: str
    name: str
    level: str
    population: int | None
    crime_type: str | None
    points: list[TrendPoint]


def _period(area: trends.Area, first: str | None, last: str | None) -> Period:
    default = areas.last_twelve_months(area.force)
    try:
        period = Period(check_month(first) if first else default.first, check_month(last) if last else default.last)
    except ValueError as exc:
        raise ApplicationError(str(exc)) from exc
    if period.first > period.last:
        raise ApplicationError(f"The period starts ({period.first}) after it ends ({period.last}).", field="from")
    return period


@router.get(
    "/areas/{code}/trend", response=TrendOut, summary="Monthly records, rate and harm in an area", by_alias=True
)
@public
def area_trend(request: HttpRequest, code: str, query: Query[TrendQuery]) -> dict[str, object]:
    area = areas.resolve_area(code)
    period = _period(area, query.from_, query.to)
    try:
        crime_type = crime_type_from(query.crime_type) if query.crime_type else None
    except ValueError as exc:
        raise ApplicationError(str(exc), field="crime_type") from exc
    view = areas.area_view(area, period, [crime_type] if crime_type else None, detail=False)
    frame = trends.monthly_counts(get_store(), area, period.first, period.last)
    types = [crime_type] if crime_type else None
    points = []
    for month, count in trends.series(frame, types):
        counts = trends.totals(frame, types, [month])
        harm = view.weights.harm(counts) if any(view.weights.weight(t) for t in counts) else None
        rate = trends.rate_per_1000(count, area.population)
        points.append({"month": month, "count": count, "rate_per_1000": rate, "harm": harm})
    return {
        "code": area.code,
        "name": area.name,
        "level": area.level,
        "population": area.population,
        "crime_type": crime_type,
        "points": points,
    }


class HarmRow(Schema):
    crime_type: str
    count: int
    cchi_days: float | None
    harm: float | None
    harm_per_1000: float | None


class HarmOut(Schema):
    code: str
    name: str
    first_month: str
    last_month: str
    weights: str
    total_harm: float
    rows: list[HarmRow]


@router.get("/areas/{code}/harm", response=HarmOut, summary="Harm by crime type in an area", by_alias=True)
@public
def area_harm(request: HttpRequest, code: str, query: Query[TrendQuery]) -> dict[str, object]:
    area = areas.resolve_area(code)
    period = _period(area, query.from_, query.to)
    view = areas.area_view(area, period, detail=False)
    rows = [
        {
            "crime_type": r.crime_type,
            "count": r.count,
            "cchi_days": view.weights.weight(r.crime_type),
            "harm": r.harm,
            "harm_per_1000": r.harm_rate,
        }
        for r in view.rows
    ]
    return {
        "code": area.code,
        "name": area.name,
        "first_month": period.first,
        "last_month": period.last,
        "weights": view.weights.source,
        "total_harm": view.total_harm,
        "rows": rows,
    }
