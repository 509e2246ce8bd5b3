"""Server-drawn charts say what they show: a control chart whose lower limit was floored says so."""

from crimeplan.analytics.significance import xmr
from crimeplan.core.charts import FLOORED, Limits, line_chart


def chart_of(values):
    chart = xmr(values)
    limits = Limits(chart.mean, chart.upper, chart.lower, [bool(s) for s in chart.signals], floored=chart.floored)
    points = [(f"2022-{i + 1:02d}", float(v)) for i, v in enumerate(values)]
    return line_chart(points, title="Records by month", description="counts", limits=limits)


def test_a_floored_lower_limit_is_labelled_and_described():
    svg = str(chart_of([2, 9, 1, 8, 0, 7]))
    assert "lower limit set to 0" in svg and FLOORED.strip() in svg


def test_an_ordinary_chart_has_no_floor_note():
    svg = str(chart_of([50, 52, 49, 51, 50, 48]))
    assert "lower limit set to 0" not in svg and FLOORED.strip() not in svg
