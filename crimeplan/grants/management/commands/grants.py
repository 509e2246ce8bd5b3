"""``crimeplan grants``: export the publication and 360Giving data, load funds, apply retention, load the examples."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from crimeplan.core.console import console_for, table, today_option
from crimeplan.core.exceptions import ApplicationError
from crimeplan.grants.services import retention
from crimeplan.grants.services.exports import FORMATS, export_grants
from crimeplan.grants.services.funds import FUNDS_FILE, financial_year, load_funds


class Command(BaseCommand):
    help = "Grants: export the transparency publication or 360Giving data; load fund definitions or the examples."
    requires_system_checks: list[str] = []  # a data command: `crimeplan check` runs the checks

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{export,load-funds,retention,demo}")
        export = actions.add_parser("export", help="write the transparency CSV or 360Giving JSON/CSV")
        export.add_argument("--format", required=True, choices=FORMATS)
        export.add_argument("--out", required=True, type=Path, help="the file to write")
        export.add_argument("--month", help="only awards made in this month (YYYY-MM)")
        funds = actions.add_parser("load-funds", help="create or update the funds of a definitions file for a year")
        funds.add_argument("--year", default=None, help="financial year, e.g. 2026-27 (default: the current one)")
        funds.add_argument("--file", type=Path, default=FUNDS_FILE)
        keep = actions.add_parser(
            "retention", help="list applications whose contact details are past retention; --apply erases them"
        )
        keep.add_argument("--apply", action="store_true", help="erase (drafts: delete) what is listed, audited")
        keep.add_argument("--today", help="the date to apply the schedule at (default: today), YYYY-MM-DD")
        actions.add_parser("demo", help="load the EXAMPLE applications, awards, allocation and contract (once)")

    def handle(self, *args: Any, **options: Any) -> None:
        console = console_for(self)
        if options["action"] == "export":
            self._export(options["format"], options["out"], options["month"])
        elif options["action"] == "retention":
            self._retention(options["apply"], today_option(options["today"]))
        elif options["action"] == "load-funds":
            loaded = load_funds(year=options["year"] or financial_year(), path=options["file"])
            console.print(f"Loaded {len(loaded)} funds: {', '.join(str(f) for f in loaded)}")
        else:
            from crimeplan.grants.demo import load_examples

            console.print(f"Grants: {load_examples()}")

    def _retention(self, apply: bool, today: date) -> None:
        console = console_for(self)
        due = retention.due_for_retention(today=today)
        what = {"draft": "delete the draft", "contact": "erase contact details"}
        rows = [(d.application.reference or f"draft {d.application.pk}", d.application.get_status_display(),
                 d.ended_on, d.months, d.due_from, what[d.kind]) for d in due]  # fmt: skip
        columns = ["application", "status", "ended", "months kept", "due", "to do"]
        console.print(table(f"Grant applications past retention on {today}", columns, rows))
        if not apply:
            console.print(f"{len(due):,} listed. Nothing was changed: add --apply to erase or delete them.")
            return
        for item in due:
            retention.apply_retention(item, today=today)
        console.print(f"Done: {len(due):,} applications; each is in the audit trail.")

    def _export(self, fmt: str, out: Path, month: str | None) -> None:
        try:
            export = export_grants(fmt=fmt, month=month)
        except ApplicationError as exc:
            message = (
                "No grants were awarded in that period, so there is nothing to export."
                if exc.status == 404
                else exc.message
            )
            raise CommandError(message) from exc
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        try:
            out.write_text(export.body, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Could not write {out}: {exc.strerror}") from exc
        count = export.rows
        console_for(self).print(f"Wrote {count} grant{'s' if count != 1 else ''} to {out} ({fmt})")
