"""``crimeplan query "SQL" [--format table|csv|json]``: read-only SQL over the crime store."""

from __future__ import annotations

import csv
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from crimeplan.analytics.store import StoreError
from crimeplan.audit.events import StoreQueried
from crimeplan.audit.services import record_event
from crimeplan.core.console import console_for, table
from crimeplan.core.store import get_store


class Command(BaseCommand):
    help = (
        "Run one read-only SQL SELECT against the crime store (DuckDB). Views: street, outcomes, "
        "stop_search (police.uk columns in snake_case plus force, month, ward_code, lad_code, csp_code, "
        "attribution, source_line), STATS19's collisions, casualties and vehicles (DfT column names plus "
        "force, year and the collision's lsoa_code, ward_code, lad_code, csp_code) with stats19_codes and "
        "stats19_areas, and the reference tables lsoa, forces, lsoa_boundaries."
    )
    requires_system_checks: list[str] = []  # a data command: `crimeplan check` runs the checks

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sql", help='e.g. "SELECT crime_type, count(*) FROM street GROUP BY 1"')
        parser.add_argument("--format", choices=["table", "csv", "json"], default="table")
        parser.add_argument("--max-rows", type=int, default=10_000, help="stop after this many rows (default 10,000)")
        parser.add_argument("--timeout", type=float, help="seconds before the query is stopped (default: settings)")

    def handle(self, *args: Any, **options: Any) -> None:
        store = get_store()
        try:
            result = store.query(options["sql"], max_rows=options["max_rows"], timeout_s=options["timeout"])
        except StoreError as exc:
            raise CommandError(str(exc)) from exc
        record_event(StoreQueried(sql=options["sql"][:2000], rows=len(result.rows), truncated=result.truncated))
        fmt = options["format"]
        if fmt == "csv":
            writer = csv.writer(self.stdout)
            writer.writerow(result.columns)
            writer.writerows(result.rows)
        elif fmt == "json":
            self.stdout.write(json.dumps(result.as_dicts(), default=str, indent=1))
        else:
            console_for(self).print(
                table(f"{len(result.rows):,} rows in {result.elapsed_s:.3f} s", result.columns, result.rows)
            )
        if result.truncated:
            self.stderr.write(f"Stopped at {options['max_rows']:,} rows; raise --max-rows to see more.")
