"""``crimeplan geography load PATH...``: ONS lookups, IMD, population and LSOA boundaries."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from crimeplan.analytics.readers.ons import UnrecognisedFile
from crimeplan.core.console import console_for, table
from crimeplan.geography.services import load_geography


class Command(BaseCommand):
    help = "Reference geography: LSOA -> ward -> local authority -> CSP -> police force area."
    requires_system_checks: list[str] = []  # a data command: `crimeplan check` runs the checks

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{load}")
        load = actions.add_parser("load", help="load geography files (recognised by their columns)")
        load.add_argument("paths", nargs="+", metavar="PATH")

    def handle(self, *args: Any, **options: Any) -> None:
        console = console_for(self)
        try:
            report, counts = load_geography(options["paths"])
        except (UnrecognisedFile, FileNotFoundError, IsADirectoryError) as exc:
            raise CommandError(str(exc)) from exc
        console.print(table("Files read", ["file", "recognised as", "rows"], report.files, numeric=["rows"]))
        console.print(table("Reference geography now held", ["table", "rows"], counts.items(), numeric=["rows"]))
        gaps = [(column, n) for column, n in report.missing.items() if n]
        if gaps:
            console.print(
                table("LSOAs lacking a value (load the file that has it)", ["column", "LSOAs"], gaps, numeric=["LSOAs"])
            )
        console.print(
            f"{report.boundaries:,} LSOA boundaries; {report.forces_matched} police.uk forces matched to a PFA."
        )
