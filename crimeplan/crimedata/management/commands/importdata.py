"""``crimeplan import police PATH... [--force SLUG] [--reimport]``"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.markup import escape

from crimeplan.analytics.ingest import FileResult
from crimeplan.analytics.readers.policeuk import Skipped, Source, iter_sources
from crimeplan.core.console import console_for, progress_bar, table
from crimeplan.crimedata.constants import RunStatus
from crimeplan.crimedata.models import ImportRun
from crimeplan.crimedata.services import ImportSummary, import_police


def _rules(counts: dict[str, int]) -> str:
    return ", ".join(f"{rule} {n:,}" for rule, n in counts.items())


class Command(BaseCommand):
    help = "Import data (police: data.police.uk street, outcomes and stop-and-search CSVs)."
    requires_system_checks: list[str] = []  # a data command: `crimeplan check` runs the checks

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="what", required=True, metavar="{police,stats19}")
        police = kinds.add_parser(
            "police",
            help="data.police.uk monthly CSVs (.csv, .csv.gz), folders of them, or monthly archive zips",
        )
        police.add_argument("paths", nargs="+", metavar="PATH")
        police.add_argument("--force", help="import only this force's files (police.uk slug, e.g. lancashire)")
        police.add_argument(
            "--reimport", action="store_true", help="rewrite partitions even when the same file was imported before"
        )

        stats19 = kinds.add_parser("stats19", help="DfT STATS19 collision, casualty and vehicle CSVs (.csv, .csv.gz)")
        stats19.add_argument("paths", nargs="+", metavar="PATH")
        stats19.add_argument("--reimport", action="store_true", help="rewrite partitions even for unchanged files")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["what"] == "stats19":
            from crimeplan.roads.imports import report_stats19

            report_stats19(self, options["paths"], reimport=options["reimport"])
            return
        console = console_for(self)
        paths, force = options["paths"], options["force"]
        total = sum(1 for s in iter_sources(paths, force=force) if isinstance(s, Source))
        with progress_bar(console) as progress:
            task = progress.add_task("Importing", total=total, rows=0)

            def advance(item: FileResult | Skipped, run: ImportRun | None) -> None:
                if isinstance(item, FileResult):
                    rows = progress.tasks[task].fields["rows"] + item.rows_read
                    progress.update(task, advance=1, rows=rows, description=item.month)

            summary = import_police(paths, force=force, reimport=options["reimport"], on_item=advance)
        self._report(console, summary)
        if summary.failed:
            raise CommandError("refused or could not read:\n  " + "\n  ".join(summary.failed))

    def _report(self, console: Any, summary: ImportSummary) -> None:
        for run in summary.repaired:
            console.print(f"[yellow]repaired[/]: {escape(_repair_note(run))}", soft_wrap=True)
        rows = [_row(run) for run in summary.runs]
        fields = ("rows_read", "rows_stored", "rows_rejected", "rows_duplicate", "unattributed")
        totals = [sum(getattr(r, f) for r in summary.runs) for f in fields]
        rows.append(("total", "", "", "", f"{len(summary.runs)} files", *totals[:3], "", *totals[3:], ""))
        title = "Reconciliation: read = stored + rejected"
        console.print(table(title, COLUMNS, rows, numeric=NUMERIC))
        for run in summary.runs:
            if run.status in (RunStatus.FAILED, RunStatus.REFUSED):
                console.print(f"[red]{run.status}[/]: {escape(run.file_name)}: {escape(run.error)}", soft_wrap=True)
        for skipped in summary.skipped:
            label = "[red]not read[/]" if skipped.fatal else "skipped"
            console.print(f"{label}: {escape(skipped.name)}: {escape(skipped.reason)}", soft_wrap=True)
        verdict = "every file reconciles" if summary.reconciles else "[red]a file does not reconcile[/]"
        console.print(f"Reconciliation: {verdict}.")
        duplicates = totals[3]
        if duplicates:
            console.print(f"Exact duplicate rows: {duplicates:,}, stored as police.uk published them.")


COLUMNS = [
    "file", "kind", "force", "month", "status", "read", "stored", "rejected", "by rule", "duplicates",
    "unattributed", "s",
]  # fmt: skip
NUMERIC = ["read", "stored", "rejected", "duplicates", "unattributed", "s"]


def _row(run: ImportRun) -> tuple[Any, ...]:
    return (
        escape(run.file_name), run.kind, run.force, run.month, run.status, run.rows_read, run.rows_stored,
        run.rows_rejected, _rules(run.rejected_by_rule), run.rows_duplicate, run.unattributed,
        f"{run.duration_s:.2f}",
    )  # fmt: skip


def _repair_note(run: ImportRun) -> str:
    if run.is_current:
        return f"{run.kind} {run.force} {run.month}: the store holds {run.file_name}; {run.error}"
    return f"{run.kind} {run.force} {run.month}: no longer in the store; its run is no longer current"
