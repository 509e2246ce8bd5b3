"""``crimeplan roads summary --force SLUG --year YYYY [--json]`` and ``crimeplan roads demo``."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from crimeplan.analytics import road_safety
from crimeplan.core.store import get_store
from crimeplan.roads.constants import SHIPPED_FORCE, SHIPPED_YEAR
from crimeplan.roads.services import import_stats19

SHIPPED_FILES = ("collision", "casualty", "vehicle")
#: Demonstration actions (examples, never counted): kind, title, partner, site, lat, lon, start, end, checked, over.
EXAMPLES = (
    ("speedwatch", "Speedwatch: Otley Road, Headingley", "Headingley Community Speedwatch", "A660 Otley Road",
     53.8262, -1.5806, "2024-05-14", "2024-05-14", 212, 31),
    ("enforcement", "Fatal Four week of action", "West Yorkshire Roads Policing", "A647 Stanningley Road",
     53.8036, -1.6310, "2024-06-03", "2024-06-09", None, None),
    ("engineering", "20 mph zone and build-outs", "Bradford Council highways", "B6144 Toller Lane",
     53.8030, -1.7820, "2024-04-01", "2024-04-30", None, None),
)  # fmt: skip


def _example_actions() -> None:
    import datetime as dt

    from crimeplan.roads.models import RoadSafetyAction
    from crimeplan.roads.services import record_action

    for kind, title, partner, site, lat, lon, start, end, checked, over in EXAMPLES:
        if RoadSafetyAction.objects.filter(title=title, is_example=True).exists():
            continue
        record_action(
            user=None, kind=kind, title=title, partner=partner, site=site, force=SHIPPED_FORCE, latitude=lat,
            longitude=lon, started_on=dt.date.fromisoformat(start), ended_on=dt.date.fromisoformat(end),
            vehicles_checked=checked, over_limit=over, is_example=True,
        )  # fmt: skip


class Command(BaseCommand):
    help = "Road safety from STATS19: a force-year's KSI summary, or load the shipped demo data."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="{summary,demo}")
        summary = sub.add_parser("summary", help="collisions, casualties, fatal, serious, ksi and ksi_adjusted")
        summary.add_argument("--force", required=True, help="police.uk slug, e.g. west-yorkshire")
        summary.add_argument("--year", type=int, required=True)
        summary.add_argument("--json", action="store_true", help="print JSON")
        sub.add_parser("demo", help="import the shipped West Yorkshire 2024 STATS19 tables")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "demo":
            self._demo()
            return
        rows = road_safety.summaries(get_store(), options["force"])
        found = next((r for r in rows if r.year == options["year"]), None)
        if found is None:
            loaded = ", ".join(str(r.year) for r in rows) or "none"
            raise CommandError(
                f"no STATS19 collisions stored for {options['force']} in {options['year']} (years: {loaded})"
            )
        if options["json"]:
            self.stdout.write(json.dumps(found.as_dict(), indent=1))
            return
        for key, value in found.as_dict().items():
            self.stdout.write(f"{key:>20}: {value}")

    def _demo(self) -> None:
        folder = settings.SHIPPED_DATA_DIR / "stats19"
        paths = [
            folder / f"dft-road-casualty-statistics-{t}-{SHIPPED_YEAR}-{SHIPPED_FORCE}.csv.gz" for t in SHIPPED_FILES
        ]
        runs = import_stats19(paths=paths)
        _example_actions()
        for run in runs:
            self.stdout.write(
                f"STATS19 {run.table}: {run.status}, read {run.rows_read:,} = stored {run.rows_stored:,} "
                f"+ rejected {run.rows_rejected:,}"
            )
        self.stdout.write(
            "Road safety pages show West Yorkshire 2024, because that is the STATS19 data the repository ships "
            "(DfT, OGL v3.0); Lancashire's own STATS19 loads the same way with `crimeplan import stats19`."
        )
