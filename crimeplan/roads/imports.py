"""The ``crimeplan import stats19`` report (called by the import command)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from crimeplan.core.console import console_for, table
from crimeplan.roads.services import import_stats19

COLUMNS = ["file", "table", "status", "read", "stored", "rejected", "by rule", "partitions", "unknown columns"]


def report_stats19(command: BaseCommand, paths: list[str], *, reimport: bool = False) -> None:
    console = console_for(command)
    runs = import_stats19(paths=paths, reimport=reimport)
    rows: list[tuple[Any, ...]] = [
        (
            run.file_name,
            run.table,
            run.status,
            run.rows_read,
            run.rows_stored,
            run.rows_rejected,
            ", ".join(f"{k} {v:,}" for k, v in run.rejected_by_rule.items()),
            ", ".join(f"{k} ({v:,})" for k, v in run.partitions.items()),
            ", ".join(run.unknown_columns),
        )
        for run in runs
    ]
    console.print(
        table("STATS19 reconciliation: read = stored + rejected", COLUMNS, rows, numeric=["read", "stored", "rejected"])
    )
    failed = [f"{run.file_name}: {run.error}" for run in runs if run.status == "failed"]
    ok = all(run.rows_read == run.rows_stored + run.rows_rejected for run in runs)
    console.print(f"Reconciliation: {'every file reconciles' if ok else '[red]a file does not reconcile[/]'}.")
    if failed:
        raise CommandError("could not read:\n  " + "\n  ".join(failed))
