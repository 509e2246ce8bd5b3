"""Reading the plan and measuring it: the dashboard, area and crime-type pages, the report."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.safestring import SafeString

from crimeplan.analytics.periods import Period, latest_quarter, parse_period
from crimeplan.core.charts import sparkline
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.store import get_store, harm_weights, months_held, shared
from crimeplan.performance import versions
from crimeplan.performance.constants import Rag
from crimeplan.performance.evaluation import Evaluator, MeasureResult, worst
from crimeplan.performance.models import Measure, Plan, Priority
from crimeplan.performance.narrative import plain_sentence, sentence, with_unit

#: Statuses in the words the pages use (the tags' labels).
RAG_WORDS = {
    Rag.GREEN: "“Better”",
    Rag.AMBER: "“No significant change”",
    Rag.RED: "“Worse”",
    Rag.GREY: "“Not rated”",
}
#: The roll-up rule, written once for every page that shows a priority's status.
ROLL_UP_RULE = (
    "A priority's status is the least good status among its rated measures: “Worse” if any measure is "
    "significantly worse, else “No significant change” if any measure has not changed more than normal variation, "
    "else “Better”. A measure is “Not rated” when it only monitors a figure, or when there is no earlier figure "
    "to test it against; such measures do not count towards the priority's status."
)


@dataclass
class PriorityCard:
    priority: Priority
    results: list[MeasureResult]

    @property
    def rag(self) -> Rag:
        return worst([r.rag for r in self.results])

    @property
    def headline(self) -> MeasureResult | None:
        return next((r for r in self.results if r.value is not None), self.results[0] if self.results else None)

    @property
    def plain(self) -> str:
        """The card's first sentence, in plain words: the headline measure and whether it really changed."""
        headline = self.headline
        return plain_sentence(headline) if headline else "This priority has no measures yet."

    @property
    def roll_up(self) -> str:
        """Why the priority's status differs from its headline measure's, in words (empty when they agree)."""
        headline = self.headline
        if headline is None or headline.rag == self.rag:
            return ""
        if self.rag == Rag.GREY:
            return "The priority is not rated because none of its measures can be rated."
        deciding = [r.measure.title for r in self.results if r.rag == self.rag]
        return (
            f"The priority shows {RAG_WORDS[self.rag]} although its headline measure shows "
            f"{RAG_WORDS[headline.rag]}, because a priority takes the least good status of its rated measures: "
            f"{'; '.join(deciding)}."
        )

    @property
    def sentences(self) -> list[str]:
        return [sentence(r) for r in self.results]

    @property
    def pairs(self) -> list[tuple[MeasureResult, str]]:
        return [(r, sentence(r)) for r in self.results]

    @property
    def headline_text(self) -> str:
        headline = self.headline
        return with_unit(headline.measure, headline.value) if headline else ""

    @property
    def sparkline(self) -> SafeString:
        headline = self.headline
        if headline is None or len(headline.series) < 2:
            return SafeString("")
        first, last = headline.series[0][0], headline.series[-1][0]
        return sparkline(
            [v for _, v in headline.series], label=f"{headline.measure.title}, trend from {first} to {last}"
        )


@dataclass
class Dashboard:
    plan: Plan | None
    period: Period
    cards: list[PriorityCard]
    weights_source: str

    @property
    def counts(self) -> dict[str, int]:
        tally = {rag.value: 0 for rag in Rag}
        for card in self.cards:
            for result in card.results:
                tally[result.rag.value] += 1
        return tally


def plan_for(force: str) -> Plan | None:
    """The force's plan with its priorities and measures, or ``None`` when none is set up."""
    measures = Prefetch("measures", queryset=Measure.objects.prefetch_related("figures", "trajectory"))
    return (
        Plan.objects.filter(force=force)
        .prefetch_related(Prefetch("priorities", queryset=Priority.objects.prefetch_related(measures)))
        .order_by("id")
        .first()
    )


def priorities(force: str, numbers: list[int]) -> list[Priority]:
    """The priorities of the force's plan with these numbers, in order."""
    return list(Priority.objects.filter(plan__force=force, number__in=numbers).order_by("number"))


def reporting_period(force: str, code: str | None = None) -> Period:
    """The period asked for (``2022Q2`` or ``2022-01_2022-06``), else the latest complete quarter held."""
    if code:
        try:
            return parse_period(code)
        except ValueError as exc:
            raise ApplicationError(str(exc), field="period") from exc
    period = latest_quarter(months_held(force))
    if period is None:
        raise ApplicationError(f"No complete quarter of police data is loaded for {force} yet.", status=200)
    return period


def evaluator(force: str) -> Evaluator:
    return Evaluator(get_store(), harm_weights(force), force)


def dashboard(force: str, period: Period) -> Dashboard:
    """The plan evaluated for a period: computed once per store version and plan version, then cached."""
    return shared("dashboard", (force, period.code, versions.current()), lambda: evaluate(force, period))


def evaluate(force: str, period: Period) -> Dashboard:
    """Every measure of the force's plan for the period (uncached: use ``dashboard``)."""
    plan = plan_for(force)
    measuring = evaluator(force)
    cards = [
        PriorityCard(priority, [measuring.evaluate(m, period) for m in priority.measures.all()])
        for priority in (plan.priorities.all() if plan else [])
    ]
    return Dashboard(plan, period, cards, measuring.weights.source)


def significant_ward_rises(force: str, crime_types: list[str]) -> list[dict[str, object]]:
    """Wards whose count of a crime type rose significantly on the same months a year before, in the latest
    reporting period (the significance tests of every page). Empty when no data or no year before is loaded."""
    from crimeplan.analytics.significance import INCREASE
    from crimeplan.core.store import force_area
    from crimeplan.performance.selectors.areas import type_by_area

    try:
        period = reporting_period(force)
        whole = force_area(force)
    except (ApplicationError, ValueError):
        return []
    found: list[dict[str, object]] = []
    for crime_type in crime_types:
        for area, row in type_by_area(whole, "ward", period, crime_type):
            comparison = row.year_before
            if comparison is None or comparison.verdict != INCREASE:
                continue
            found.append(
                {
                    "ward": area.code, "ward_name": area.name, "crime_type": crime_type, "period": period.label,
                    "count": int(comparison.current), "year_before": int(comparison.baseline),
                    "change_percent": comparison.change_percent, "p_value": comparison.p_value,
                }
            )  # fmt: skip
    return sorted(found, key=lambda r: float(r["p_value"] or 1))  # type: ignore[arg-type]
