"""What the road safety module counts for the plan's measures (registered in apps.py).

Figures are for the force whose STATS19 is loaded (the office's force when it is; see
``selectors.default_force``), and ``None`` (no figure) for a period whose years are not all
loaded. Speedwatch activity counts sessions in the register, never examples.
"""

from __future__ import annotations

import datetime as dt

from crimeplan.performance.providers import Provided, Provider
from crimeplan.roads.constants import ActionKind
from crimeplan.roads.models import RoadSafetyAction


def _ksi(road_users: tuple[str, ...]):  # type: ignore[no-untyped-def]
    def count(first: dt.date, last: dt.date) -> Provided:
        # STATS19 and its analysis are imported when a figure is counted, not when the app loads (start-up).
        from crimeplan.analytics import road_safety
        from crimeplan.roads import selectors

        force = selectors.default_force()
        years = selectors.forces_loaded().get(force or "", [])
        if force is None or any(year not in years for year in range(first.year, last.year + 1)):
            return Provided(value=None, is_count=False)  # no STATS19 for (all of) the period
        casualties = selectors.force_data(force).casualties
        _, adjusted = road_safety.ksi_in(casualties, first, last, road_users=road_users)
        return Provided(value=round(adjusted, 1), is_count=False)

    return count


def _speedwatch(first: dt.date, last: dt.date) -> Provided:
    sessions = RoadSafetyAction.objects.filter(
        kind=ActionKind.SPEEDWATCH, started_on__range=(first, last), is_example=False
    )
    return Provided(value=float(sessions.count()), is_count=True)


STATS19_SOURCE = "Department for Transport road casualty statistics (STATS19)"

PROVIDERS = [
    Provider(
        key="roads.ksi-adjusted",
        label="People killed or seriously injured, severity-adjusted (STATS19)",
        unit="people",
        count=_ksi(()),
        source=STATS19_SOURCE,
    ),
    Provider(
        key="roads.ksi-pedestrians-cyclists",
        label="Pedestrians and cyclists killed or seriously injured, severity-adjusted (STATS19)",
        unit="people",
        count=_ksi(("Pedestrian", "Pedal cyclist")),
        source=STATS19_SOURCE,
    ),
    Provider(
        key="roads.speedwatch-sessions",
        label="Community Speedwatch sessions (road safety register)",
        unit="sessions",
        count=_speedwatch,
    ),
]
