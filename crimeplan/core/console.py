"""Helpers for crimeplan's commands: one rich console, tables and progress bars."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from rich.progress import Progress


def console_for(command: BaseCommand) -> Console:
    """A rich console writing to the command's stdout (so tests can capture it)."""
    return Console(file=command.stdout, width=160, highlight=False)  # type: ignore[arg-type]


def progress_bar(console: Console) -> Progress:
    """Files done of total, rows so far, time elapsed."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files · {task.fields[rows]:,} rows"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], *, numeric: Iterable[str] = ()) -> Table:
    """A rich table; ``numeric`` columns are right-aligned."""
    right = set(numeric)
    out = Table(title=title, title_justify="left", show_lines=False)
    for column in columns:
        out.add_column(column, justify="right" if column in right else "left")
    for row in rows:
        out.add_row(*[f"{v:,}" if isinstance(v, int) and not isinstance(v, bool) else str(v) for v in row])
    return out


def today_option(text: str | None) -> date:
    """A command's ``--today YYYY-MM-DD`` (the date to apply a retention schedule at), or today."""
    if not text:
        return timezone.localdate()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--today {text!r} is not a date: write it YYYY-MM-DD") from None
