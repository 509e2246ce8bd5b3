"""``crimeplan reporting retention|demo``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from crimeplan.core.console import today_option
from crimeplan.reporting.services import retention


class Command(BaseCommand):
    help = "Hate crime reporting: deletion on the retention schedule, and the example data."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{retention,demo}")
        keep = actions.add_parser("retention", help="count the reports past retention; --delete deletes them")
        keep.add_argument("--delete", action="store_true", help="delete them (an audit record of the count survives)")
        keep.add_argument("--today", help="the date to apply the schedule at (default: today), YYYY-MM-DD")
        demo = actions.add_parser("demo", help="load example centres and reports (labelled Example; safe to run twice)")
        demo.add_argument("--password", default="", help="the example users' password (default: random, printed)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "demo":
            from crimeplan.reporting.demo import load_demo

            self.stdout.write(load_demo(options["password"]))
            return
        today = today_option(options["today"])
        if options["delete"]:
            self.stdout.write(f"Deleted {retention.delete_due(today=today)} report(s) past retention.")
        else:
            count = retention.due_for_deletion(today=today).count()
            self.stdout.write(f"{count} report(s) are past retention; run with --delete to delete them.")
