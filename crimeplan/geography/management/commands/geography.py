"""``crimeplan geography load PATH...``: ONS lookups, IMD, population and LSOA boundaries."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from crimeplan.analytics.readers.ons import UnrecognisedFile
from crimeplan.analytics.readers.postcodes import PostcodeFile, is_postcode_file, sniff_header
from crimeplan.core.console import console_for, table
from crimeplan.geography.services import NothingStored, load_geography, load_postcodes

#: Rejected postcode rows printed (all are counted by rule).
SHOW_REJECTED = 20


class Command(BaseCommand):
    help = "Reference geography: LSOA -> ward -> local authority -> CSP -> police force area."
    requires_system_checks: list[str] = []  # a data command: `crimeplan check` runs the checks

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{load}")
        load = actions.add_parser(
            "load", help="load geography files and postcode lookups (ONSPD, NSPL), recognised by their columns"
        )
        load.add_argument("paths", nargs="+", metavar="PATH")

    def handle(self, *args: Any, **options: Any) -> None:
        console = console_for(self)
        paths = options["paths"]
        postcode_files = [p for p in paths if _is_postcodes(p)]
        others = [p for p in paths if p not in postcode_files]
        if others:
            self._geography(console, others)
        refused = []
        for path in postcode_files:
            try:
                self._report_postcodes(console, load_postcodes(path))
            except NothingStored as exc:
                refused.append(str(exc))
        if refused:
            raise CommandError("Refused: " + "; ".join(refused))

    def _report_postcodes(self, console: Any, found: PostcodeFile) -> None:
        console.print(
            f"{found.source}: {found.read:,} rows read = {found.stored:,} postcodes stored + "
            f"{found.rejected_count:,} rejected."
        )
        if found.rejected_by_rule:
            console.print(
                table("Rejected, by rule", ["rule", "rows"], found.rejected_by_rule.most_common(), numeric=["rows"])
            )
            shown = [(found.source, r.line, r.rule, r.value) for r in found.rejected[:SHOW_REJECTED]]
            console.print(table("First rejected rows", ["file", "line", "rule", "value"], shown, numeric=["line"]))

    def _geography(self, console: Any, paths: list[str]) -> None:
        try:
            report, counts = load_geography(paths)
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


def _is_postcodes(path: str) -> bool:
    try:
        return is_postcode_file(sniff_header(path))
    except (FileNotFoundError, IsADirectoryError):
        return False
