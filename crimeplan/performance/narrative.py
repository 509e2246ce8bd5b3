"""Numbers into words: values with units, p-values, and the sentence each measure gets.

Every sentence is built from the figures and the test result; nothing is written by hand.
"""

from __future__ import annotations

from crimeplan.analytics.significance import DECREASE, INCREASE, NO_DATA, NORMAL, Comparison
from crimeplan.performance.constants import Source, Statistic
from crimeplan.performance.evaluation import Baseline, MeasureResult
from crimeplan.performance.models import Measure

UNITS = {
    Statistic.COUNT: "records",
    Statistic.HARM: "CCHI days of harm",
    Statistic.RATE: "records per 1,000 residents",
    Statistic.HARM_RATE: "CCHI days per 1,000 residents",
}


def amount(value: float) -> str:
    """A figure at the precision a reader needs: whole numbers from 100 up, one decimal below."""
    if abs(value) >= 100 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.1f}"


def with_unit(measure: Measure, value: float | None) -> str:
    if value is None:
        return "no figure"
    if measure.source != Source.STORE:
        unit = measure.unit.strip()
        return (
            f"£{amount(value)}"
            if unit == "£"
            else f"{amount(value)}{'%' if unit == '%' else f' {unit}' if unit else ''}"
        )
    return f"{amount(value)} {UNITS[Statistic(measure.statistic)]}"


def p_value(p: float | None) -> str:
    if p is None:
        return "no test"
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def change(comparison: Comparison) -> str:
    """ "a 12% higher rate" / "a 3% lower rate" / "about the same rate", from the rate ratio (per day)."""
    percent = comparison.change_percent
    if comparison.baseline == 0 and comparison.current > 0:
        return "up from none"
    if percent is None or percent != percent:
        return "no comparison"
    if round(percent) == 0:
        return "about the same rate"
    return f"a {abs(percent):.0f}% {'higher' if percent > 0 else 'lower'} rate"


def _baseline_amount(measure: Measure, comparison: Comparison) -> str:
    """The earlier period's figure in the units the test compared (records or harm days)."""
    if measure.source != Source.STORE:
        return with_unit(measure, comparison.baseline)
    if measure.statistic in (Statistic.HARM, Statistic.HARM_RATE):
        return f"{amount(comparison.baseline)} CCHI days"
    return f"{amount(comparison.baseline)} records"


def baseline_sentence(measure: Measure, baseline: Baseline) -> str:
    label = f"{baseline.name} ({baseline.period.label})"
    if baseline.comparison is None:
        return f"No comparison with the {label}: {baseline.unavailable}."
    c = baseline.comparison
    if c.verdict == NO_DATA:
        return f"No comparison with the {label}: {c.method}."
    return (
        f"Against the {label}, {_baseline_amount(measure, c)}: {change(c)}, "
        f"{c.verdict} ({p_value(c.p_value)}, {c.method})."
    )


def sentence(result: MeasureResult) -> str:
    """The narrative sentence for one measure in one period."""
    measure = result.measure
    if result.value is None:
        return f"{measure.title}: {result.note}."
    head = f"{measure.title}: {with_unit(measure, result.value)} in {result.period.label}."
    deciding = result.deciding
    if deciding is None:
        reasons = "; ".join(b.unavailable or (b.comparison.method if b.comparison else "") for b in result.baselines)
        return f"{head} No comparison is possible ({reasons})."
    return f"{head} {baseline_sentence(measure, deciding)}"


#: The verdicts in plain words: whether a change is more than normal variation.
PLAIN_VERDICTS = {
    INCREASE: "more than normal variation, so a real rise",
    DECREASE: "more than normal variation, so a real fall",
    NORMAL: "within normal variation, so not a real change",
}


def plain_change(comparison: Comparison | None, unit: str = "records") -> str:
    """What changed against a year before and whether it is more than normal variation, without statistics."""
    if comparison is None:
        return "The same months a year before are not loaded, so there is no comparison."
    if comparison.baseline == 0:
        if comparison.current == 0:
            return "There were none in the same months a year before either."
        return "There were none in the same months a year before, so no change can be given as a percentage."
    difference = comparison.current - comparison.baseline
    if comparison.verdict == NO_DATA:
        return f"A year before there were {amount(comparison.baseline)} {unit}; there are too few to test the change."
    if difference == 0:
        how = "the same number as a year before"
    else:
        how = f"{amount(abs(difference))} {'more' if difference > 0 else 'fewer'} than a year before"
    return f"That is {how}: {PLAIN_VERDICTS[comparison.verdict]}."


def plain_sentence(result: MeasureResult) -> str:
    """One plain-English sentence for a measure: what it is now and whether it changed more than normal."""
    measure = result.measure
    if result.value is None:
        return f"{measure.title}: no figure for {result.period.label} ({result.note})."
    head = f"{measure.title}: {with_unit(measure, result.value)} in {result.period.label}."
    deciding = result.deciding
    if deciding is None or deciding.comparison is None:
        return f"{head} There is nothing to compare it with, so it is not rated."
    c = deciding.comparison
    if c.baseline == 0 and c.current > 0:
        return f"{head} There were none in the {deciding.name} ({deciding.period.label})."
    if c.verdict == NO_DATA:
        return f"{head} There are too few to tell whether it changed."
    percent = c.change_percent or 0.0
    moved = (
        "about the same as" if round(percent) == 0 else f"{abs(percent):.0f}% {'up on' if percent > 0 else 'down on'}"
    )
    return f"{head} That is {moved} the {deciding.name}, {PLAIN_VERDICTS[c.verdict]}."
