"""The quarterly performance report (HTML and PDF) and the figures the dashboard shares with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.utils.safestring import SafeString

from crimeplan.analytics.forces import get_force
from crimeplan.analytics.periods import Period
from crimeplan.analytics.significance import ControlChart
from crimeplan.analytics.vocabulary import ALL_CRIME_LABEL, RECORDED_CRIME_TYPES
from crimeplan.core.charts import Limits, line_chart
from crimeplan.core.store import force_area, months_held, shared
from crimeplan.performance import selectors
from crimeplan.performance.constants import Direction, Source, Statistic
from crimeplan.performance.evaluation import MeasureResult
from crimeplan.performance.models import Measure
from crimeplan.performance.narrative import plain_sentence, sentence, with_unit
from crimeplan.performance.providers import PROVIDERS


@dataclass
class MeasureSection:
    result: MeasureResult
    sentence: str
    chart: SafeString

    @property
    def plain(self) -> str:
        """The measure in one plain-English sentence, before any statistics."""
        return plain_sentence(self.result)

    @property
    def value_text(self) -> str:
        return with_unit(self.result.measure, self.result.value)

    @property
    def rows(self) -> list[tuple[str, float, list[str]]]:
        """The chart's figures as a table: period, value, control-chart signals."""
        signals = self.result.chart.signals if self.result.chart else [[] for _ in self.result.series]
        return [(m, v, s) for (m, v), s in zip(self.result.series, signals, strict=False)]


def chart_for(result: MeasureResult) -> SafeString:
    """The measure's monthly (or per-period) series, with its control limits when there are enough points."""
    limits = _limits(result.chart) if result.chart and len(result.series) >= 8 else None
    title = f"{result.measure.title}, {result.series[0][0]} to {result.series[-1][0]}" if result.series else ""
    points = [(month[2:], value) for month, value in result.series]
    description = "; ".join(f"{m}: {v:,.0f}" for m, v in result.series)
    return line_chart(points, title=title, description=description, limits=limits)


def _limits(chart: ControlChart) -> Limits:
    return Limits(chart.mean, chart.upper, chart.lower, [bool(s) for s in chart.signals], floored=chart.floored)


def section(result: MeasureResult) -> MeasureSection:
    return MeasureSection(result, sentence(result), chart_for(result))


def overall(force: str, period: Period) -> list[MeasureSection]:
    """All police-recorded crime except anti-social behaviour: records and harm (cached per store version)."""
    return shared("overall", (force, period.code), lambda: _overall(force, period))


def _overall(force: str, period: Period) -> list[MeasureSection]:
    measuring = selectors.evaluator(force)
    measures = [
        Measure(
            title=ALL_CRIME_LABEL,
            source=Source.STORE,
            direction=Direction.REDUCE,
            statistic=statistic,
            crime_types=list(RECORDED_CRIME_TYPES),
        )
        for statistic in (Statistic.COUNT, Statistic.HARM)
    ]
    return [section(measuring.evaluate(m, period)) for m in measures]


def published_sources(cards: Any) -> list[str]:
    """The published statistics (beyond police.uk and ONS) that the report's module measures count."""
    keys = {r.measure.provider for card in cards for r in card.results if r.measure.provider}
    return sorted({p.source for key in keys if (p := PROVIDERS.get(key)) is not None and p.source})


def build(force: str, period: Period) -> dict[str, Any]:
    """Everything the report template needs."""
    board = selectors.dashboard(force, period)
    held = months_held(force)
    return {
        "board": board,
        "period": period,
        "overall": overall(force, period),
        "sections": [(card, [section(r) for r in card.results]) for card in board.cards],
        "held": (held[0], held[-1], len(held)) if held else None,
        "generated": datetime.now(UTC),
        "sources": published_sources(board.cards),
        "force_name": force_area(force).name,
        "place_name": get_force(force).place,
    }
