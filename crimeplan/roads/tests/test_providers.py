"""The plan's road-safety measures are counted by this module; example actions never count."""

from __future__ import annotations

import csv
import datetime as dt
import gzip

import pytest

from crimeplan.performance.providers import get_provider
from crimeplan.roads.models import RoadSafetyAction
from crimeplan.roads.tests.conftest import WY_FILES

pytestmark = pytest.mark.django_db


def test_adjusted_ksi_for_a_quarter_matches_the_files(wy_store):
    with gzip.open(WY_FILES[0], "rt", encoding="utf-8", newline="") as handle:
        q1 = {
            r["collision_index"]
            for r in csv.DictReader(handle)
            if r["date"].endswith("/2024") and r["date"][3:5] in ("01", "02", "03")
        }
    with gzip.open(WY_FILES[1], "rt", encoding="utf-8", newline="") as handle:
        casualties = [r for r in csv.DictReader(handle) if r["collision_index"] in q1]
    expected = sum(
        1.0 if r["casualty_severity"] == "1" else float(r["casualty_adjusted_severity_serious"]) for r in casualties
    )
    got = get_provider("roads.ksi-adjusted").count(dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    assert got.value == pytest.approx(round(expected, 1)) and not got.is_count
    vulnerable = sum(1 for r in casualties if r["casualty_type"] in ("0", "1") and r["casualty_severity"] in ("1", "2"))
    assert (
        get_provider("roads.ksi-pedestrians-cyclists").count(dt.date(2024, 1, 1), dt.date(2024, 3, 31)).value
        == vulnerable
    )


def test_no_figure_for_a_period_without_stats19(wy_store):
    assert get_provider("roads.ksi-adjusted").count(dt.date(2022, 4, 1), dt.date(2022, 6, 30)).value is None


def test_speedwatch_sessions_leave_out_examples(store):
    common = {"kind": "speedwatch", "partner": "CSW", "site": "A65", "force": "west-yorkshire", "latitude": 53.8,
              "longitude": -1.6, "started_on": dt.date(2024, 5, 1), "ended_on": dt.date(2024, 5, 1)}  # fmt: skip
    RoadSafetyAction.objects.create(title="real", **common)
    RoadSafetyAction.objects.create(title="example", is_example=True, **common)
    got = get_provider("roads.speedwatch-sessions").count(dt.date(2024, 4, 1), dt.date(2024, 6, 30))
    assert got.value == 1 and got.is_count
